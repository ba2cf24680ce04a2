"""Part B drugs the installed ASP file gives no amount for (an oncology practice's trial). J9277 (pembrolizumab and
berahyaluronidase, new in 2026) is on CMS's ASC Addendum BB as a separately paid drug (PI K2) but not in the one ASP
file installed (January 2026): on 2026-08-10 `price` said "J9277 is not payable here ... status E", and batch priced
the row with no amount and no word. Now both say the drug is not in the ASP quarter used, that the date's quarter is
not installed, and that the MAC prices it meanwhile: not priced, never "not payable". And batch's summary counts the
office rows a missing ASP (CLFS, DMEPOS) file leaves without an amount, per file, with a stderr line (the trial's 2025
office drug rows fell out of its totals with no word)."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
from typer.testing import CliRunner

from conftest import TESTS
from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine.meanings import facility_drug_office_note

runner = CliRunner()
SHIPPED = TESTS.parent / "data"


def _asc_bb(quarter: str, code: str) -> tuple[str, Decimal]:
    """CMS's Addendum BB row of a code (the shipped file): its payment indicator and national rate."""
    path = SHIPPED / "opps" / quarter[:4] / "asc" / quarter[5:] / "BB.csv"
    with open(path, newline="", encoding="latin-1") as handle:
        row = next(row for row in csv.reader(handle) if row and row[0] == code)
    rate = [cell for cell in row[5:] if cell.strip()][-1]
    return row[4], Decimal(rate.replace("$", "").replace(",", ""))


def _asp_codes() -> set[str]:
    (path,) = (SHIPPED / "asp" / "2026").glob("*.csv")
    with open(path, newline="", encoding="latin-1") as handle:
        return {row[0] for row in csv.reader(handle) if row}


def test_a_drug_the_asp_quarter_used_does_not_list_is_not_priced_never_not_payable(pricer: Any) -> None:
    # CMS's data: BB lists J9277 as a separately paid drug (K2) in April ($32.13) and July 2026 ($31.94); the
    # January 2026 ASP file (the only one installed) does not list it.
    assert _asc_bb("2026-04", "J9277") == ("K2", Decimal("32.13"))
    assert _asc_bb("2026-07", "J9277") == ("K2", Decimal("31.94"))
    assert "J9277" not in _asp_codes() and "J9271" in _asp_codes()
    assert [r.release for r in pricer.dataset_releases("asp")] == ["2026-01"]

    result = runner.invoke(app, ["price", "J9277", "--units", "790", "--zip", "37203", "--date", "2026-08-10",
                                 "--setting", "office"])  # fmt: skip
    assert result.exit_code == 1
    said = " ".join(result.output.split())
    assert "not payable" not in said and "status E" not in said, said
    assert "J9277 cannot be priced here" in said
    assert ("J9277 is not in the installed ASP payment limit file (2026-01, the one used for the 2026-07 quarter): "
            "CMS's file for that quarter is not installed. CMS's ASC Addendum BB (2026-07) lists J9277 as a separately "
            "paid drug (PI K2)") in said  # fmt: skip
    assert "rvucalc data refresh --from FILE" in said and "priced by the MAC meanwhile" in said

    doc = json.loads(runner.invoke(app, ["price", "J9277", "--units", "790", "--zip", "37203", "--date", "2026-08-10",
                                         "--setting", "office", "-f", "json"]).stdout)  # fmt: skip
    (office,) = doc["sites"]
    assert (office["status"], office["total"]) == ("not_priced", None)
    assert doc["drug"]["payable"] is False and doc["drug"]["quarter"] == "2026-01" and doc["drug"]["units"] == 790
    assert office["reason"] == doc["drug"]["reason"]
    assert Decimal(str(doc["asc"]["national_rate"])) == Decimal("31.94")  # BB July 2026, shown beside it
    # April's date: the ASC file in force is April's, and so is the ASP quarter not installed.
    april = pricer.price("J9277", zip_code="37203", date_of_service="2026-04-21", units=790, setting="office")
    assert april.sites[0].status == "not_priced" and april.asc.national_rate == Decimal("32.13")
    assert "the 2026-04 quarter): CMS's file for that quarter is not installed. CMS's ASC Addendum BB (2026-04)" in str(
        april.drug.reason
    )

    # The date's quarter installed, the drug not in it (90376, K2 in January's BB): the MAC prices it; not priced.
    assert _asc_bb("2026-01", "90376")[0] == "K2" and "90376" not in _asp_codes()
    rabies = pricer.price("90376", zip_code="37203", date_of_service="2026-02-10", setting="office")
    assert rabies.sites[0].status == "not_priced"
    assert rabies.sites[0].reason == (
        "90376 is not in CMS's ASP payment limit file 2026-01. CMS's ASC Addendum BB (2026-01) lists 90376 as a "
        "separately paid drug (PI K2): rvucalc has no payment limit for it. A drug CMS's ASP file does not list is "
        "priced by the MAC (Claims Processing Manual ch. 17 §20.1.3)."
    )
    # A drug the ASP file lists is priced as before (J9271: 200 x $59.726, CMS's January 2026 limit).
    priced = pricer.price("J9271", zip_code="37203", date_of_service="2026-08-10", units=200, setting="office")
    assert priced.sites[0].total == Decimal("11945.20")


def test_batch_says_it_in_the_row_and_counts_the_rows_per_missing_file(pricer: Any, tmp_path: Path) -> None:
    rows = [
        {"claim": "K1", "date": "2026-08-10", "setting": "11", "zip": "37203", "code": "J9277", "units": "790"},
        {"claim": "K2", "date": "2026-08-10", "setting": "11", "zip": "37203", "code": "J9271", "units": "200"},
        {"claim": "K3", "date": "2026-02-10", "setting": "11", "zip": "37203", "code": "90376", "units": "1"},
    ]
    priced = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    k1, k2, k3 = priced
    assert (k1["error"], k1["error_kind"], k1["allowed"]) == ("", "", None)
    single = pricer.price("J9277", zip_code="37203", date_of_service="2026-08-10", units=790)
    assert str(single.drug.reason) in k1["note"] and "(2026-07) is not installed" in k1["note"]
    assert Decimal(str(k2["allowed"])) == Decimal("11945.20")
    assert k3["error"] == "" and "90376 is not in CMS's ASP payment limit file 2026-01" in k3["note"]

    source = tmp_path / "k.csv"
    with open(source, "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    summary = tmp_path / "s.json"
    result = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv"), "--summary", str(summary)])
    assert result.exit_code == 0, result.output
    doc = json.loads(summary.read_text())
    assert doc["schedule_not_installed"] == {"ASP 2026-07": 1}  # 90376's file is installed: the MAC prices it
    assert ("rvucalc: 1 drug row without an allowed amount: CMS's ASP 2026-07 file is not installed (add it with "
            "rvucalc data refresh --from FILE)") in result.stderr  # fmt: skip


def test_office_drug_rows_of_a_year_without_its_asp_file_are_counted(pricer: Any, tmp_path: Path) -> None:
    """The trial's batch1.csv: its 2025 office drug rows (no 2025 ASP file) left the totals with no stderr line, and
    --summary said no_amount 0 and only the OPPS in facility_not_installed. Its hospital drug row (an Addendum B rate)
    and its 2026 office drug row (January 2026 ASP) keep their amounts and are not counted."""
    assert not [r for r in pricer.dataset_releases("asp") if r.year == 2025]
    text = (
        "Claim #,DOS,Place of Svc,Service Facility ZIP,CPT/HCPCS,Mod 1,Units\n"
        "ONC25001,10/14/2025,11,37203,99214,25,1\n"
        "ONC25001,10/14/2025,11,37203,J9271,JZ,200\n"
        "ONC25001,10/14/2025,11,37203,J2405,JZ,8\n"
        "ONC25002,11/04/2025,22,37232,J9035,JZ,50\n"
        "ONC26001,01/13/2026,11,37203,J9267,JZ,300\n"
    )
    source = tmp_path / "batch1.csv"
    source.write_text(text)
    summary = tmp_path / "s.json"
    output = tmp_path / "p.csv"
    result = runner.invoke(app, ["batch", str(source), "-o", str(output), "--summary", str(summary)])
    assert result.exit_code == 0, result.output
    with open(output, newline="") as handle:
        out = list(csv.DictReader(handle))
    assert [row["allowed"] == "" for row in out] == [False, True, True, False, False]
    assert all("ASP CY2025 not installed" in row["note"] for row in out[1:3])
    # the hospital row, paid from Addendum B, says so and that the office's amount is not shown (no ASP advice)
    assert facility_drug_office_note("hopd", "CY2025 ASP") in out[3]["note"]
    assert "Add it with" not in out[3]["note"]
    doc = json.loads(summary.read_text())
    assert doc["schedule_not_installed"] == {"CY2025 ASP": 2}
    assert "facility_not_installed" in doc and "no_amount" in doc  # the keys as before
    assert ("rvucalc: 2 drug rows without an allowed amount: CMS's CY2025 ASP file is not installed (add it with "
            "rvucalc data refresh --from FILE)") in result.stderr  # fmt: skip


def test_a_status_c_radiopharmaceutical_keeps_its_mac_reason_in_price_and_batch(pricer: Any, tmp_path: Path) -> None:
    """A review: A9517 (I-131 capsule), status C on CMS's PFS and SI K on its OPPS Addendum B, was told "ASP CY2025
    not installed ... Add it" in 2025 (and lost the PFS release's warning on 2025-05-05), A9569 (SI K, PI K2) in
    2026 "not in the installed ASP payment limit file": the PFS's status C says the MAC prices the office's line. Only
    a code without a PFS payment status (J9277) is said to be outside the ASP file; --summary counts it alone."""
    a9517 = pricer.price("A9517", zip_code="60540", date_of_service="2025-05-05", setting="office")
    assert (a9517.pfs.status, a9517.opps.status_indicator) == ("C", "K")  # CMS's RVU25A and Addendum B rows
    office = a9517.sites[0]
    assert office.status == "not_priced" and office.reason.startswith("Priced by your Medicare contractor (MAC)")
    assert not [n for n in a9517.notes if "ASP" in n]
    assert any("PFS quarterly release for 2025-05-05 (2025B) is not installed" in w for w in a9517.warnings)
    a9569 = pricer.price("A9569", zip_code="60540", date_of_service="2026-08-05", setting="office")
    assert a9569.pfs.status == "C" and a9569.asc.payment_indicator == "K2"
    assert a9569.sites[0].reason.startswith("Priced by your Medicare contractor (MAC)")
    assert a9569.drug is None and not [n for n in a9569.notes if "ASP" in n]

    source = tmp_path / "r.csv"
    source.write_text("code,zip,date,pos\nA9517,60540,2025-11-05,11\nA9507,60540,2025-11-05,11\n"
                      "A9569,60540,2026-08-05,11\nJ9277,60540,2026-08-10,11\n")  # fmt: skip
    output, summary = tmp_path / "o.csv", tmp_path / "s.json"
    result = runner.invoke(app, ["batch", str(source), "-o", str(output), "--summary", str(summary)])
    assert result.exit_code == 0, result.output
    with open(output, newline="") as handle:
        out = list(csv.DictReader(handle))
    for row in out[:3]:
        assert row["allowed"] == "" and row["note"].startswith("Priced by your Medicare contractor (MAC)"), row
        assert "ASP" not in row["note"] and "ASP" not in row["release"], row
    assert "J9277 is not in the installed ASP payment limit file" in out[3]["note"]
    assert json.loads(summary.read_text())["schedule_not_installed"] == {"ASP 2026-07": 1}


def test_whether_a_code_is_a_drug_the_facility_files_list_is_asked_once_per_code_and_date(pricer: Any) -> None:
    """A review: look_up asked the OPPS and ASC files in force whether each lab or DME code of a year with no ASP
    file (2025) is a drug, for every cell; now once per catalogue, code and date, the answer unchanged."""
    import datetime as dt

    from rvucalc.engine import modifiers as modifier_table
    from rvucalc.lookup import lines, schedules
    from rvucalc.reference.catalogue import Catalogue

    asked: list[str] = []

    class Counting:
        def __init__(self, catalogue: Catalogue) -> None:
            self._catalogue = catalogue

        def in_force(self, dataset: str, year: int, day: dt.date | None) -> Any:
            asked.append(dataset)
            return self._catalogue.in_force(dataset, year, day)

        def __getattr__(self, name: str) -> Any:
            return getattr(self._catalogue, name)

    catalogue = Counting(Catalogue())
    day = dt.date(2025, 11, 5)
    for _ in range(3):
        found = schedules.look_up(catalogue, "80053", (), year=2025, date_of_service=day, units=1, state="IL",  # type: ignore[arg-type]
                                  rural=False)  # fmt: skip
        assert found.drug is None
        said = schedules.drug_listing(catalogue, "A9517", 2025, day)  # type: ignore[arg-type]
        assert said == "CMS's OPPS Addendum B (2025-10) lists A9517 as a separately paid drug (SI K)"
    assert asked.count("opps") == 2  # 80053's and A9517's first asking
    assert lines._DRUG_LINE_MODIFIERS == frozenset(modifier_table.DRUG_LINE_MODIFIERS) == {"JW", "JZ", "JG", "TB"}
