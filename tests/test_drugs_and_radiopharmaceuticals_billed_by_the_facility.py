"""Two trials (an ophthalmology practice's, a cardiology group's) on a drug or radiopharmaceutical at a hospital or ASC.

J0178 on 2025-11-10 (no CY2025 ASP file installed) said at the hospital "J0178: Professional fee not included: No PFS
payment: status E ... if covered, paid under reasonable-charge rules", and batch's rows at POS 22 and 11 ended so,
where 2026 (ASP installed) names the drug's schedules. A9500 (status C) beside 78452 at the hospital read "+ 1 line
the MAC prices", "leaves out the physician's fee your MAC prices: A9500", "Ask your MAC for its fee": a drug or
radiopharmaceutical the facility bills has no physician's fee there (engine.facility.FACILITY_ITEM_SECTIONS). J2785's
office row, not priced, read "not priced" under Facility, where every office row has "—"."""

from __future__ import annotations

import csv
from decimal import Decimal
from typing import Any

import pyarrow as pa
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine.meanings import paid_from_note
from rvucalc.lookup.professional import MAC_FEES_LEFT_OUT
from rvucalc.paths import data_dir
from test_cardiology_trial import rvu_row
from test_imaging_order import fee

runner = CliRunner()
DALLAS, COLUMBUS = "75231", "43215"
OHIO = {2025: ("15202", "00", "00"), 2026: ("15202", "0", "00")}  # GPCI2025's and GPCI2026's (reformatted) numbers
ADDENDUM_B_OCTOBER_2025 = ("opps", "2025", "508 version of October 2025 Web Addendum B.10.31.25.csv")
REASONABLE_CHARGE = "reasonable-charge rules"
ASK_THE_MAC = "Ask your MAC for its fee"


def _addendum_b(code: str) -> str:
    """The code's status indicator in CMS's October 2025 Addendum B."""
    with data_dir().joinpath(*ADDENDUM_B_OCTOBER_2025).open(newline="", encoding="latin-1") as handle:
        return next(row[2] for row in csv.reader(handle) if row and row[0] == code)


def _asp_2026_lists(code: str) -> bool:
    (path,) = data_dir().joinpath("asp", "2026").glob("*.csv")
    with path.open(newline="", encoding="latin-1") as handle:
        return any(row and row[0] == code for row in csv.reader(handle))


def _batch(pricer: Any, rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    return BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()


def test_the_cms_files_behind_the_cases() -> None:
    assert rvu_row("2025D", "J0178")[3] == "E" and _addendum_b("J0178") == "K" and _asp_2026_lists("J0178")
    assert rvu_row("2025D", "J2785")[3] == "E" and _addendum_b("J2785") == "N" and _asp_2026_lists("J2785")
    assert [rvu_row(release, "A9500")[3] for release in ("2025D", "2026C")] == ["C", "C"]
    assert _addendum_b("A9500") == "N" and not _asp_2026_lists("A9500")  # packaged at the hospital


def test_a_drug_whose_asp_file_is_not_installed_names_its_schedules_not_reasonable_charges(pricer: Any) -> None:
    """J0178, 2025-11-10: the hospital's site leaves out no professional fee, and the line names the drug's schedules
    (OPPS Addendum B at the hospital, ASC Addendum BB at the ASC, the ASP limits in the office) as 2026 does; batch's
    rows at POS 22, 24 and 11 say what price says in each setting."""
    encounter = pricer.price_encounter(["67028-RT", "J0178"], units=[1, 2], zip_code=DALLAS,
                                       date_of_service="2025-11-10", setting="hopd")  # fmt: skip
    drug = encounter.lines[1]
    [hopd] = drug.sites
    assert hopd.payable and hopd.reason is None and hopd.professional_payment is None
    assert REASONABLE_CHARGE not in (encounter.totals["hopd"].reason or "")
    assert paid_from_note("drug", "hopd") in drug.notes
    assert paid_from_note("drug", "hopd") == (
        "Not paid under the PFS: paid from OPPS Addendum B at the hospital, and in the physician office from the Part "
        "B drug payment limits (ASP)"
    )
    table = runner.invoke(app, ["price", "67028-RT", "J0178", "--units", "1", "--units", "2", "--zip", DALLAS,
                                "--date", "2025-11-10", "--setting", "22"])  # fmt: skip
    assert table.exit_code == 0, table.output
    said = " ".join(table.stdout.split())
    assert "Professional fee not included" not in said and REASONABLE_CHARGE not in said
    assert f"J0178: {paid_from_note('drug', 'hopd')}" in said

    rows = [
        {"code": "J0178", "units": "2", "date": "2025-11-10", "setting": pos, "zip": DALLAS}
        for pos in ("22", "24", "11")
    ]
    out = _batch(pricer, rows)
    for row, got, setting in zip(rows, out, ("hopd", "asc", "office"), strict=True):
        assert REASONABLE_CHARGE not in got["note"], (row, got["note"])
        said = paid_from_note("drug", None if setting == "office" else setting, practitioner=True)  # no provider column
        assert said in got["note"].split("; "), got["note"]
        single = pricer.price("J0178", zip_code=DALLAS, date_of_service="2025-11-10", units=2, setting=setting)
        assert [note for note in single.notes if note.startswith("Not paid under the PFS")] == [said]
    assert out[2]["allowed"] is None  # the office is still not priced: no ASP amount is invented


def test_a_radiopharmaceutical_at_the_hospital_has_no_physician_fee_for_the_mac_to_price(pricer: Any) -> None:
    """78452 A9500 J2785: at the hospital (2026: its OPPS file not installed) the Professional total is 78452-26's
    fee, CMS's amount, with no "+ 1 line the MAC prices" or A9500 named as a fee left out; in 2025 (POS 22) nothing
    tells to ask the MAC for A9500's fee. In the office the MAC still prices A9500 (status C): that stays."""
    codes, units = ["78452", "A9500", "J2785"], [1, 2, 4]
    later = pricer.price_encounter(codes, units=units, zip_code=COLUMBUS, date_of_service="2026-08-03")
    hopd, office = later.totals["hopd"], later.totals["office"]
    assert not hopd.payable and hopd.professional_payment == fee(2026, OHIO[2026], "78452", "26") == Decimal("72.79")
    assert hopd.lines_priced_by_mac == 0 and MAC_FEES_LEFT_OUT not in (hopd.reason or "")
    assert office.lines_priced_by_mac == 1 and "A9500" in (office.reason or "")  # the office's MAC fee: kept
    assert all("Professional fee not included" not in (site.reason or "") for line in later.lines
               for site in line.sites if site.setting != "office")  # fmt: skip

    earlier = pricer.price_encounter(codes, units=units, zip_code=COLUMBUS, date_of_service="2025-11-10",
                                     setting="hopd")  # fmt: skip
    total = earlier.totals["hopd"]
    assert total.payable and total.professional_payment == fee(2025, OHIO[2025], "78452", "26") == Decimal("70.57")
    assert total.reason is None and total.lines_priced_by_mac == 0
    table = runner.invoke(app, ["price", *codes, "--units", "1", "--units", "2", "--units", "4", "--zip", COLUMBUS,
                                "--date", "2026-08-03"])  # fmt: skip
    assert table.exit_code == 0, table.output
    said = " ".join(table.stdout.split())
    assert said.count("+ 1 line the") == 1  # the office's (a cell wraps the rest)
    assert MAC_FEES_LEFT_OUT not in said and "A9500: Professional fee not included" not in said

    rows = [
        {"code": "A9500", "units": "2", "date": date, "setting": pos, "zip": COLUMBUS}
        for date, pos in (("2025-11-10", "22"), ("2026-08-03", "22"), ("2025-11-10", "24"), ("2025-11-10", "11"))
    ]
    out = _batch(pricer, rows)
    for got in out[:3]:
        assert ASK_THE_MAC not in got["note"], got["note"]
    assert ASK_THE_MAC in out[3]["note"]  # the office


def test_an_office_not_priced_shows_a_dash_under_facility_as_every_office_row() -> None:
    """`price J2785 --units 4 --date 2025-11-10`: the office (no CY2025 ASP file) is not priced; its Facility cell is
    "—", the verdict under Professional (the physician's or supplier's claim)."""
    table = runner.invoke(app, ["price", "J2785", "--units", "4", "--zip", COLUMBUS, "--date", "2025-11-10"])
    assert table.exit_code == 0, table.output
    [office] = [line for line in table.stdout.splitlines() if line.startswith("│ Office")]
    cells = [cell.strip() for cell in office.strip("│").split("│")]
    assert cells[:3] == ["Office", "—", "not priced"], cells
    said = " ".join(table.stdout.split())
    assert paid_from_note("drug") in said  # its schedule, not the PFS status E's reasonable-charge rules


def test_the_single_code_table_shows_no_mac_priced_fee_at_the_hospital_for_a_radiopharmaceutical() -> None:
    """A review: `price A9500 --setting 22` still read "MAC-priced" under the hospital's Professional and "Professional
    fee: priced by your Medicare contractor (MAC); not included in the totals", where JSON and batch said no fee. In
    the office the MAC does price A9500 (status C): its row says so."""
    at_hospital = runner.invoke(app, ["price", "A9500", "--zip", "43215", "--date", "2025-11-10", "--setting", "22"])
    table = " ".join(at_hospital.stdout.split())
    assert "Hospital outpatient (HOPD) │ $0.00 │ — │ $0.00" in table and "MAC-priced" not in table
    assert "not included in the totals" not in at_hospital.output
    everywhere = " ".join(
        runner.invoke(app, ["price", "A9500", "--zip", "43215", "--date", "2025-11-10"]).stdout.split()
    )
    assert "Office │ — │ not priced" in everywhere and "Ambulatory surgical center │ $0.00 │ — │" in everywhere
