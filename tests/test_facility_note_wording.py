"""Facility notes an ASC administrator's and an oncology billing lead's trials found misleading (no money changed):

- an IRA-adjusted copayment (J0897: Addendum BB's IRA-22 adjusted copayment, Addendum B's adjusted beneficiary
  copayment) was said as "$5.18, not 20%" in the general notes beside an office share of $621.60 for 120 units, at an
  ASC not paid for the line: now per billing unit, for which site, and (units > 1) what it comes to for the units;
- a device-intensive ASC procedure's note said the method was "not in its cited sources": now said plainly, with
  what was searched, the amounts unchanged (66991, 27447, 63685 at ZIP 30309);
- an encounter's ASC (or OPPS) $0.00 for a packaged line (64484-50, ASC PI N1) had no note in the encounter table."""

from __future__ import annotations

import csv
from decimal import Decimal

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.facility import DEVICE_INTENSIVE_CAVEAT, IRA_PER_UNIT
from rvucalc.lookup.pricer import Pricer
from rvucalc.paths import data_dir

runner = CliRunner()


def _addendum_row(path: tuple[str, ...], code: str) -> list[str]:
    with data_dir().joinpath("opps", *path).open(newline="", encoding="latin-1") as handle:
        return next(row for row in csv.reader(handle) if row and row[0] == code)


def _dollars(cell: str) -> Decimal:
    return Decimal(cell.strip().lstrip("$").replace(",", ""))


def _said(*args: str) -> str:
    done = runner.invoke(app, ["price", *args])
    assert done.exit_code == 0, done.output
    return " ".join(done.output.split())


def test_the_asc_ira_copayment_is_per_billing_unit_with_the_units_figure() -> None:
    copay = _dollars(_addendum_row(("2026", "asc", "01", "BB.csv"), "J0897")[7])  # IRA-22 Adjusted Copayment
    assert copay == Decimal("5.18")
    said = _said("J0897", "--units", "120", "--zip", "77030", "--date", "2026-02-20")
    assert (
        f"Inflation Reduction Act coinsurance at an ASC: where the ASC is paid for it, the patient pays Addendum BB's "
        f"IRA-22 adjusted copayment, ${copay} {IRA_PER_UNIT}, not 20%: ${copay * 120:,.2f} for 120 units." in said
    )
    one = _said("J0897", "--zip", "77030", "--date", "2026-02-20")
    assert f"${copay} {IRA_PER_UNIT}, not 20%." in one and "for 1 units" not in one


def test_the_hospital_ira_copayment_is_per_billing_unit_and_adds_up_to_the_site_s_share(pricer: Pricer) -> None:
    row = _addendum_row(("2025", "508 version of October 2025 Web Addendum B.10.31.25.csv"), "J0897")
    copay = _dollars(row[9])  # Adjusted Beneficiary Copayment
    said = _said("J0897", "--units", "60", "--zip", "77030", "--date", "2025-11-20", "--setting", "hopd")
    assert (
        f"at a hospital outpatient department ({row[8].strip()}): the copayment is Addendum B's adjusted "
        f"beneficiary copayment, ${copay} {IRA_PER_UNIT}, not 20%: ${copay * 60:,.2f} for 60 units." in said
    )
    result = pricer.price("J0897", zip_code="77030", date_of_service="2025-11-20", setting="hopd", units=60)
    assert result.sites[0].beneficiary == copay * 60  # the site's patient share is the figure said


def test_the_device_intensive_note_says_its_caveat_plainly_and_the_amounts_stay(pricer: Pricer) -> None:
    # The ASC rates of July 2026 at Atlanta (wage index from CMS's WI26 file), as before this change.
    expected = {"66991": Decimal("4013.74"), "27447": Decimal("9390.50"), "63685": Decimal("27484.00")}
    for code, rate in expected.items():
        asc = pricer.price(code, zip_code="30309", setting="asc", date_of_service="2026-08-03").asc
        assert asc is not None and asc.rate == rate, code
        ff = _addendum_row(("2026", "asc", "07", "FF.csv"), code)
        assert asc.device_portion is not None and asc.device_portion == Decimal(ff[-1])  # FF's device portion
        [note] = [note for note in asc.notes if note.startswith("Device-intensive")]
        assert DEVICE_INTENSIVE_CAVEAT in note and "not in its cited sources" not in note


def test_the_device_intensive_note_cites_cms_s_text_for_the_device_portion(pricer: Pricer) -> None:
    """`rvucalc price 22590 --setting asc` said the device-intensive method had no CMS text, while CMS's text pays the
    device portion an amount derived from the OPPS rate (42 CFR 416.171(b)(2): Addendum FF's device portion of the
    J8 code) and wage-adjusts the procedure's rate (416.172(c)): the note cites both, and calls only the device
    portion's exemption from the wage adjustment rvucalc's reading. Amounts unchanged: FF's device portion."""
    assert _addendum_row(("2026", "asc", "07", "AA.csv"), "22590")[4] == "J8"
    asc = pricer.price("22590", zip_code="10001", setting="asc", date_of_service="2026-08-03").asc
    assert asc is not None and asc.device_portion == Decimal(
        _addendum_row(("2026", "asc", "07", "FF.csv"), "22590")[-1]
    )
    [note] = [note for note in asc.notes if note.startswith("Device-intensive")]
    assert (
        "42 CFR 416.171(b)(2)" in note and "42 CFR 416.172(c)" in note and "Addendum AA's payment indicator J8" in note
    )
    assert "found no CMS text" not in note
    assert "; " not in note  # batch joins a row's note parts with it
    said = _said("22590", "--zip", "10001", "--setting", "asc", "--date", "2026-08-03")
    assert "42 CFR 416.171(b)(2)" in said and "found no CMS text" not in said


def test_the_encounter_table_says_a_packaged_line_s_zero() -> None:
    bb_or_aa = _addendum_row(("2026", "asc", "04", "AA.csv"), "64484")
    assert "N1" in bb_or_aa  # CMS's ASC payment indicator: packaged
    said = _said("64483-50", "64484-50", "--zip", "30309", "--setting", "asc", "--date", "2026-04-15")
    assert "64484-50: PI N1: packaged: no separate ASC payment ($0.00)" in said
    both = _said("64483-50", "64484-50", "--zip", "30309", "--date", "2025-11-15")
    assert "64484-50: SI N: packaged: no separate hospital payment ($0.00)" in both
    assert "64484-50: PI N1: packaged" in both


def test_the_encounter_table_says_each_device_intensive_line_s_device_portion() -> None:
    # Both J8 (device-intensive) at the ASC, not discounted (AA's column "N"): the table said the rates with no word
    # that their device portions (FF) are paid at the national amount, rvucalc's method, as a code alone says it.
    said = _said("63650", "63685", "--zip", "30309", "--setting", "asc", "--date", "2026-08-03")
    for code in ("63650", "63685"):
        assert _addendum_row(("2026", "asc", "07", "AA.csv"), code)[4] == "J8"
        device = _dollars(_addendum_row(("2026", "asc", "07", "FF.csv"), code)[-1])
        assert f"{code}: Device-intensive: the device portion (${device:,.2f}, Addendum FF)" in said
    assert said.count(DEVICE_INTENSIVE_CAVEAT) == 2


def test_the_encounter_table_says_a_drug_s_ira_copayment_for_its_units() -> None:
    copay = _dollars(_addendum_row(("2026", "asc", "01", "BB.csv"), "J0897")[7])  # IRA-22 Adjusted Copayment
    said = _said("67028", "J0897", "--units", "1", "--units", "120", "--zip", "77030", "--setting", "asc",
                 "--date", "2026-02-20")  # fmt: skip
    assert (
        f"J0897: Inflation Reduction Act coinsurance at an ASC: where the ASC is paid for it, the patient pays "
        f"Addendum BB's IRA-22 adjusted copayment, ${copay} {IRA_PER_UNIT}, not 20%: ${copay * 120:,.2f} for 120 "
        "units." in said
    )


def test_the_device_intensive_note_cites_each_paragraph_for_what_it_says(pricer: Pricer) -> None:
    """42 CFR 416.171(b)(2) sets the national rate of a device-intensive procedure's device portion from the OPPS
    (Addendum FF's device offset); it says nothing of the wage adjustment, and 416.172(c) adjusts the rates of covered
    surgical procedures for ASC labor costs, not "the rest": the note said the device portion "is paid at the national
    amount, as 42 CFR 416.171(b)(2) pays" it and "the rest is wage-adjusted (42 CFR 416.172(c))", giving CMS's text
    for the one step it then called rvucalc's reading. Amounts unchanged (22590 at ZIP 10001: FF's device portion)."""
    asc = pricer.price("22590", zip_code="10001", setting="asc", date_of_service="2026-08-03").asc
    ff = _addendum_row(("2026", "asc", "07", "FF.csv"), "22590")
    assert asc is not None and asc.device_portion == Decimal(ff[-1])
    [note] = [note for note in asc.notes if note.startswith("Device-intensive")]
    assert "as 42 CFR 416.171(b)(2) pays" not in note and "rest is wage-adjusted (42 CFR 416.172(c))" not in note
    assert "is paid at the national amount and the rest is wage-adjusted" in note
    assert "42 CFR 416.171(b)(2) sets the national rate of a device-intensive procedure's device portion" in note
    assert "42 CFR 416.172(c) adjusts the rates of covered surgical procedures for ASC labor costs" in note
    assert DEVICE_INTENSIVE_CAVEAT in note and "; " not in note
