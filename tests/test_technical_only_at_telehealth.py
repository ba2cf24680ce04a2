"""A technical-only service at telehealth (a behavioral health trial). 96127 (brief emotional/behavioral assessment:
CMS's 2026 RVU file, status A, PC/TC indicator 3, facility PE 'NA') at POS 02 (telehealth other than in the patient's
home, paid the PFS facility rate: CMS Transmittal 12671) was said to be "the facility's there, paid to the hospital or
ASC": there is no hospital or ASC in a telehealth service. CMS publishes no facility rate for it, so it has no PFS
amount at POS 02; at POS 10 (the patient's home, the non-facility rate) it has the office's. And batch's stderr said
nothing of such a row (no allowed amount in its setting, an office amount): now counted, `no_amount_in_setting`,
disjoint from the summary's other counts of rows without an allowed amount. Messages and counts only: the amounts are
unchanged."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
from typer.testing import CliRunner

from conftest import TESTS
from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine.pfs import TECHNICAL_ONLY_IN_FACILITY_REASON, technical_only_at_place_reason
from rvucalc.engine.place_of_service import NOT_HOSPITAL_FACILITY_RATE, POS

runner = CliRunner()
SHIPPED = TESTS.parent / "data"
ZIP, LOCALITY, DATE = "04101", "1411203", "2026-03-01"  # Portland, Maine: Southern Maine
NO_FACILITY_RATE = "CMS publishes no facility rate for a technical-only service"
HOME_AT_OFFICE_RATE = "telehealth in the patient's home (POS 10) is paid the office (non-facility) rate"


def _rvu_row(code: str) -> list[str]:
    (path,) = (SHIPPED / "rvu" / "2026").glob("PPRRVU2026_Jul*.csv")
    with open(path, newline="", encoding="latin-1") as handle:
        return next(row for row in csv.reader(handle) if row and row[0] == code and row[1] == "")


def _cms_office_fee(code: str) -> Decimal:
    """CMS's non-facility fee of a code in Southern Maine: RVU26C's RVUs times the 2026 GPCIs times its CF."""
    row = _rvu_row(code)
    with open(SHIPPED / "gpci" / "2026" / "localities2026-01-01-2026.csv", newline="") as handle:
        place = next(line for line in csv.DictReader(handle) if line["locality"] == LOCALITY)
    rvus = (Decimal(row[5]) * Decimal(place["gpci_work"]) + Decimal(row[6]) * Decimal(place["gpci_pe"])
            + Decimal(row[10]) * Decimal(place["gpci_mp"]))  # fmt: skip
    return (rvus * Decimal(row[25])).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _batch(tmp_path: Path, rows: list[tuple[str, str]], *options: str) -> tuple[list[dict[str, str]], str]:
    source, out = tmp_path / "t.csv", tmp_path / "o.csv"
    source.write_text("code,zip,pos,date\n" + "".join(f"{code},{ZIP},{pos},{DATE}\n" for code, pos in rows))
    done = runner.invoke(app, ["batch", str(source), "-o", str(out), *options])
    assert done.exit_code == 0, done.output
    with open(out, newline="") as handle:
        return list(csv.DictReader(handle)), " ".join(done.stderr.split())


def test_the_cms_row_and_place_rules_behind_the_case() -> None:
    row = _rvu_row("96127")
    assert (row[3], row[9], row[13]) == ("A", "NA", "3")  # status, facility NA, PC/TC
    assert POS["02"].pfs_setting == "facility" and POS["10"].pfs_setting == "non_facility"  # Transmittal 12671
    # the places said to be no hospital's or ASC's are paid the facility rate, with no facility payment priced
    assert all(POS[pos].pfs_setting == "facility" and POS[pos].facility_site is None
               for pos in NOT_HOSPITAL_FACILITY_RATE)  # fmt: skip


def test_technical_only_at_pos_02_names_no_hospital_and_pos_10(pricer: Any) -> None:
    done = runner.invoke(app, ["price", "96127", "--zip", ZIP, "--setting", "02", "--date", DATE])
    said = " ".join(done.output.split())
    assert done.exit_code == 1, said
    assert NO_FACILITY_RATE in said and HOME_AT_OFFICE_RATE in said and "paid to the hospital or ASC" not in said
    single = pricer.price("96127", zip_code=ZIP, setting="02", date_of_service=DATE)
    reason = technical_only_at_place_reason(TECHNICAL_ONLY_IN_FACILITY_REASON, "02")
    assert single.sites[0].reason == single.pfs.facility.reason == reason and single.sites[0].allowed is None
    assert "; " not in reason
    # At POS 10 it is paid the office rate: CMS's figure.
    home = pricer.price("96127", zip_code=ZIP, setting="10", date_of_service=DATE)
    assert home.sites[0].allowed == _cms_office_fee("96127") == Decimal("4.84")


def test_batch_says_the_same_reason_and_a_hospital_keeps_its_own(pricer: Any) -> None:
    rows = [{"code": "96127", "zip": ZIP, "setting": pos, "date": DATE, "units": "1"} for pos in ("02", "2", "21")]
    telehealth, one_digit, inpatient = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    single = pricer.price("96127", zip_code=ZIP, setting="02", date_of_service=DATE)
    for row in (telehealth, one_digit):
        assert single.sites[0].reason in row["note"].split("; ") and row["allowed"] is None, row["note"]
        assert "paid to the hospital or ASC" not in row["note"]
        assert Decimal(str(row["pfs_non_facility_amount"])) == _cms_office_fee("96127")  # unchanged
    # An inpatient hospital is paid its technical part: the reason says so, as the single lookup's.
    at_hospital = pricer.price("96127", zip_code=ZIP, setting="21", date_of_service=DATE)
    assert at_hospital.sites[0].reason == TECHNICAL_ONLY_IN_FACILITY_REASON
    assert TECHNICAL_ONLY_IN_FACILITY_REASON in inpatient["note"].split("; ")


def test_batch_counts_a_row_with_no_amount_in_its_setting(pricer: Any, tmp_path: Path) -> None:
    rows, stderr = _batch(tmp_path, [("96127", "02"), ("99213", "02")])
    assert rows[0]["allowed"] == "" and Decimal(rows[0]["office_allowed"]) == _cms_office_fee("96127")
    assert "1 row with no amount in its setting (priced in another" in stderr, stderr
    assert "1 row priced in its setting" in stderr


def test_the_count_is_disjoint_from_the_summarys_other_counts(pricer: Any, tmp_path: Path) -> None:
    """96127 at POS 02, 66984 in the office (CMS: non-facility PE 'NA', a facility amount) and 0510T in the office
    (status C: the MAC prices it, an ASC rate) have no allowed amount in their setting and an amount in another; 99070
    (status B: bundled) and J1815 in the office (no amount but a packaged ASC $0.00) are counted by their own clauses
    (bundled, no amount in any site), not again; 99213 is priced."""
    assert _rvu_row("66984")[7] == "NA" and _rvu_row("99070")[3] == "B" and _rvu_row("0510T")[3] == "C"
    summary = tmp_path / "s.json"
    rows, stderr = _batch(tmp_path, [("96127", "02"), ("66984", "11"), ("0510T", "11"), ("99070", "11"),
                                     ("J1815", "11"), ("99213", "11")], "--summary", str(summary))  # fmt: skip
    counts = json.loads(summary.read_text())
    assert [row["allowed"] == "" for row in rows] == [True, True, True, True, True, False]
    assert counts["no_amount_in_setting"] == 3, counts
    assert counts["bundled"] == 1 and counts["no_amount"] == 2 and counts["mac_ranked"]["rows"] == 0
    assert "3 rows with no amount in their setting" in stderr, stderr


def test_the_facility_reasons_hold_no_note_separator() -> None:
    """Notes are joined with '; ': a reason with one inside read as two notes (96127 at POS 21's "...; it has no
    professional fee")."""
    from rvucalc.engine import pfs

    reasons = [pfs.GLOBAL_IN_FACILITY_REASON, pfs.TECHNICAL_IN_FACILITY_REASON, TECHNICAL_ONLY_IN_FACILITY_REASON,
               pfs.SKIN_SUBSTITUTE_IN_FACILITY_REASON,
               *(technical_only_at_place_reason(TECHNICAL_ONLY_IN_FACILITY_REASON, pos)
                 for pos in NOT_HOSPITAL_FACILITY_RATE)]  # fmt: skip
    assert not [reason for reason in reasons if "; " in reason]
    from rvucalc.engine.place_of_service import resolve_site

    assert "; " not in (resolve_site("02").note or "")  # the place's note, beside the reason in the row's note
