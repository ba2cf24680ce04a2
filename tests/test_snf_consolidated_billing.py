"""A SNF trial's lines at POS 31 (a resident's covered Part A stay) that said nothing of SNF consolidated billing
(71045-TC already did: test_snf_technical_component):

- 71045 (no modifier, the global service) said "in a hospital or ASC the physician bills 26": at a SNF the technical
  part is the SNF's (SSA §1888(e)(2)(A)(ii), Claims Processing Manual ch. 6 §20, ch. 13 §90.5 NOTE), the physician
  bills 26, whose PFS facility amount stays the physician's fee there;
- Q0092 (portable X-ray set-up) and R0070/R0075 (transport): "If the patient is in a Part A SNF stay, the
  transportation and set up costs are subject to consolidated billing and not separately billable to Medicare Part B"
  (ch. 13 §90.3): POS 31 is that stay (ch. 12 §20.4.2: the facility rate for a SNF's "Part A resident", POS 32 for
  "Part B residents"; MLN MM13767), so not payable there, unpriced as 71045-TC, and priced at POS 32;
- a 2025 36415 (no CY2025 CLFS file installed) said only "CLFS CY2025 not installed": a lab test at a SNF in a Part A
  stay, or of a hospital inpatient, is no outside laboratory's whatever its amount (engine.facility
  .LAB_AT_FACILITY_REASON), as 2026's line says.

Price and batch alike. The amounts are CMS's (RVU26C, the 2026 GPCIs, the CLFS files shipped)."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from conftest import TESTS
from rvucalc.cli import app
from rvucalc.engine.facility import LAB_AT_FACILITY_REASON
from rvucalc.engine.modifiers import PORTABLE_XRAY_AT_SNF_REASON
from rvucalc.engine.pfs import (
    GLOBAL_AT_SNF_REASON,
    GLOBAL_IN_FACILITY_REASON,
    TECHNICAL_IN_FACILITY_REASON,
    technical_only_at_place_reason,
)
from rvucalc.engine.place_of_service import NOT_HOSPITAL_FACILITY_RATE
from test_snf_technical_component import _cms_facility_fee, _rvu_row

runner = CliRunner()
SHIPPED = TESTS.parent / "data"
ZIP, LOCALITY, DATE = "85712", "0310200", "2026-07-10"  # Tucson, Arizona
SNF_WORDS = "the SNF's under consolidated billing"


def _batch(tmp_path: Path, rows: list[tuple[str, str, str]]) -> list[dict[str, str]]:
    source, out = tmp_path / "t.csv", tmp_path / "o.csv"
    source.write_text("code,zip,pos,date\n" + "".join(f"{code},{ZIP},{pos},{date}\n" for code, pos, date in rows))
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    with open(out, newline="") as handle:
        return list(csv.DictReader(handle))


def _price(*args: str) -> tuple[int, dict | None, str]:  # type: ignore[type-arg]
    done = runner.invoke(app, ["price", *args, "--zip", ZIP, "--format", "json"])
    return done.exit_code, json.loads(done.stdout) if done.stdout.strip() else None, " ".join(done.stderr.split())


def test_the_cms_rows_behind_the_cases() -> None:
    glob = _rvu_row("71045")
    assert glob[3] == "A" and glob[9] == "NA" and glob[13] == "1"  # status, FACILITY NA INDICATOR, PC/TC 1
    assert _rvu_row("71045", "26")[9] == ""  # the professional component is priced at a facility
    set_up = _rvu_row("Q0092")
    assert set_up[3] == "A" and set_up[9] == "" and Decimal(set_up[8]) > 0  # a facility PE: POS 31 unprices it
    assert _rvu_row("R0070")[3] == _rvu_row("R0075")[3] == "C"  # the MAC prices the transport
    (clfs,) = (SHIPPED / "clfs" / "2026").glob("PUF_CLFS_CY2026_Q2*.csv")
    with open(clfs, newline="", encoding="latin-1") as handle:
        assert any(row[1:3] == ["36415", ""] for row in csv.reader(handle) if len(row) > 2)  # a CLFS test
    assert not list((SHIPPED / "clfs").glob("2025*"))  # no CY2025 CLFS file is shipped


def test_the_global_reason_at_each_place() -> None:
    assert technical_only_at_place_reason(GLOBAL_IN_FACILITY_REASON, "31") == GLOBAL_AT_SNF_REASON
    assert SNF_WORDS in GLOBAL_AT_SNF_REASON and "hospital or ASC" not in GLOBAL_AT_SNF_REASON
    for pos in ("21", "22", "32", "34", "02", None):  # a hospital's, a nursing facility's (no Part A stay) ...
        assert technical_only_at_place_reason(GLOBAL_IN_FACILITY_REASON, pos) == GLOBAL_IN_FACILITY_REASON


def test_the_reasons_and_note_hold_no_note_separator() -> None:
    """Batch joins a row's notes with '; ' (test_technical_only_at_telehealth): the TC row's reason at POS 31 and at
    the other places held one."""
    places = NOT_HOSPITAL_FACILITY_RATE
    at_places = [technical_only_at_place_reason(TECHNICAL_IN_FACILITY_REASON, pos) for pos in places]
    said = [GLOBAL_AT_SNF_REASON, PORTABLE_XRAY_AT_SNF_REASON, *at_places]
    assert not [text for text in said if "; " in text]


def test_a_global_test_at_a_snf_says_so_its_26_amount_the_physicians_fee(tmp_path: Path) -> None:
    code, line, _ = _price("71045", "--date", DATE, "--setting", "31")
    assert code == 0 and line is not None
    assert line["pfs"]["facility"]["reason"] == GLOBAL_AT_SNF_REASON
    assert Decimal(str(line["sites"][0]["professional_payment"])) == _cms_facility_fee("71045", "26")
    snf, nursing = _batch(tmp_path, [("71045", "31", DATE), ("71045", "32", DATE)])
    assert GLOBAL_AT_SNF_REASON in snf["note"] and "in a hospital or ASC" not in snf["note"]
    assert Decimal(snf["allowed"]) == _cms_facility_fee("71045", "26")
    assert SNF_WORDS not in nursing["note"]  # POS 32: the office rate, the global service


def _cms_office_fee(code: str) -> Decimal:
    """CMS's PFS non-facility amount in Tucson: RVU26C's work, non-facility PE and MP RVUs times the 2026 GPCIs times
    its CF (_cms_facility_fee's, with the non-facility PE)."""
    row = _rvu_row(code)
    with open(SHIPPED / "gpci" / "2026" / "localities2026-01-01-2026.csv", newline="") as handle:
        place = next(line for line in csv.DictReader(handle) if line["locality"] == LOCALITY)
    rvus = (Decimal(row[5]) * Decimal(place["gpci_work"]) + Decimal(row[6]) * Decimal(place["gpci_pe"])
            + Decimal(row[10]) * Decimal(place["gpci_mp"]))  # fmt: skip
    return (rvus * Decimal(row[25])).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_portable_xray_set_up_and_transport_at_a_snf_are_not_payable_at_a_nursing_facility_priced(
    tmp_path: Path,
) -> None:
    """POS 31 is a SNF resident in a covered Part A stay (Claims Processing Manual ch. 12 §20.4.2; MLN MM13767), where
    the set-up and transport are the SNF's under consolidated billing (ch. 13 §90.3, §90.5): unpriced with the reason,
    as 71045-TC there, left out of the totals; POS 32 (a resident outside a Part A stay) keeps CMS's office amount."""
    code, line, _ = _price("Q0092", "--date", DATE, "--setting", "31")
    assert code == 1 and line is not None  # nothing payable: the line's JSON all the same
    assert line["pfs"]["facility"]["reason"] == PORTABLE_XRAY_AT_SNF_REASON
    assert line["pfs"]["facility"]["amount"] is None and line["sites"][0]["status"] == "not_payable"
    assert Decimal(str(line["pfs"]["non_facility"]["amount"])) == _cms_office_fee("Q0092")  # amounts elsewhere kept
    code, elsewhere, _ = _price("Q0092", "--date", DATE, "--setting", "32")
    assert code == 0 and elsewhere is not None and PORTABLE_XRAY_AT_SNF_REASON not in json.dumps(elsewhere)
    assert Decimal(str(elsewhere["sites"][0]["allowed"])) == _cms_office_fee("Q0092")
    done = runner.invoke(app, ["price", "R0070", "--zip", ZIP, "--date", DATE, "--setting", "31"])
    stderr = " ".join(done.stderr.split())
    assert done.exit_code == 1 and "R0070 is not payable here" in stderr and "Ask your MAC" not in stderr
    # beside a priced line: the SNF lines are left out of the total, which is the 26's alone (CMS's 26 row)
    code, encounter, _ = _price("71045-26", "Q0092", "R0075-UN", "--date", DATE, "--setting", "31")
    assert code == 0 and encounter is not None
    site = encounter["totals"]["facility"]
    assert Decimal(str(site["professional_payment"])) == _cms_facility_fee("71045", "26") == Decimal(str(site["total"]))
    table = runner.invoke(app, ["price", "71045-26", "R0075-UN", "--zip", ZIP, "--date", DATE, "--setting", "31"])
    (row,) = [line for line in table.stdout.splitlines() if "R0075-UN" in line and "│" in line]
    assert row.count("MAC-priced") == 1 and row.rstrip(" │").endswith("—")  # the office's MAC, no fee at the SNF
    rows = _batch(tmp_path, [("Q0092", "31", DATE), ("R0070", "31", DATE), ("R0075-UN", "31", DATE),
                             ("Q0092", "32", DATE), ("71045-26", "31", DATE)])  # fmt: skip
    assert [PORTABLE_XRAY_AT_SNF_REASON in row["note"] for row in rows] == [True, True, True, False, False]
    assert [row["allowed"] for row in rows[:3]] == ["", "", ""] and rows[0]["pfs_facility_amount"] == ""
    assert Decimal(rows[3]["allowed"]) == _cms_office_fee("Q0092")
    assert Decimal(rows[4]["allowed"]) == _cms_facility_fee("71045", "26")


def test_a_lab_test_without_its_years_clfs_file_at_a_snf_says_whose_it_is(tmp_path: Path) -> None:
    day = "2025-10-02"
    code, line, stderr = _price("36415", "--date", day, "--setting", "31")
    assert code == 1 and line is not None
    assert line["sites"][0]["reason"] == LAB_AT_FACILITY_REASON and line["sites"][0]["status"] == "not_payable"
    assert "36415 is not payable here" in stderr and SNF_WORDS in stderr and "CLFS CY2025 not installed" in stderr
    # POS 32 (a resident outside a Part A stay): the lab bills Part B its CLFS amount, not installed here
    code, _, stderr = _price("36415", "--date", day, "--setting", "32")
    assert code == 1 and "cannot be priced here: CMS's file is not installed" in stderr
    snf, inpatient, nursing, later = _batch(tmp_path, [("36415", "31", day), ("36415", "21", day),
                                                       ("36415", "32", day), ("36415", "31", DATE)])  # fmt: skip
    assert snf["allowed"] == inpatient["allowed"] == nursing["allowed"] == later["allowed"] == ""
    assert LAB_AT_FACILITY_REASON in snf["note"] and LAB_AT_FACILITY_REASON in inpatient["note"]
    assert LAB_AT_FACILITY_REASON not in nursing["note"] and "CLFS CY2025 not installed" in nursing["note"]
    assert LAB_AT_FACILITY_REASON in later["note"]  # 2026, its CLFS file installed: as before
