"""A DME supplier's export has no place of service column, and needs none: a DME item's fee is the DMEPOS fee schedule
amount of the patient's state wherever it is used (batch.price.DMEPOS_WITHOUT_PLACE_NOTE). A DME supplier trial's
41-line export got no allowed amount on any row, its paid amounts were not compared and its billed charges below the
fee not weighed, until a POS column of 12 was added. A PFS row of the same file still needs its place."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from conftest import run_batch_rows
from rvucalc.batch.lines import BLANK_SETTING_NOTE
from rvucalc.batch.price import DMEPOS_WITHOUT_PLACE_NOTE, PAID_NOT_COMPARED, PAID_WITHOUT_SETTING
from rvucalc.reference.loaders import schedules as loaders

DMEPOS_FILE = Path(__file__).parent.parent / "data" / "dmepos" / "2026" / "DMEPOS26_JAN.xlsx"
DUBUQUE = "52001"  # Dubuque, IA (CMS's ZIP5 file: state IA)


@pytest.fixture(scope="module")
def iowa_fees() -> dict[tuple[str, str], Decimal]:
    """CMS's DMEPOS26_JAN non-rural fee in Iowa by code and modifier."""
    _, table = loaders.load_dmepos(DMEPOS_FILE, "DMEPOS")
    rows = table[(table["state"] == "IA") & table["hcpcs"].isin(["E0601", "A4253", "E0114"])]
    return {(row["hcpcs"], row["mod"]): Decimal(int(row["nr_cents"])).scaleb(-2) for row in rows.to_dict("records")}


def _row(code: str, modifier: str, units: str, billed: str, paid: str, date: str = "01/05/2026") -> dict[str, str]:
    return {"Claim Number": "C1", "Date of Service": date, "HCPCS": code, "Modifier 1": modifier, "Units": units,
            "Patient ZIP": DUBUQUE, "Billed Amount": billed, "Allowed Amount": paid}  # fmt: skip


def _money(text: str) -> Decimal:
    return Decimal(text)


def test_dme_rows_are_allowed_their_fee_without_a_place_column(
    tmp_path: Path, iowa_fees: dict[tuple[str, str], Decimal]
) -> None:
    rows = [
        _row("E0601", "RR", "1", "$125.00", "$50.70"),
        _row("A4253", "NU", "2", "$60.00", "$16.64"),
        _row("E0114", "NU", "1", "$60.00", "$60.00"),  # billed below the fee: Medicare allows the charge
        _row("99213", "", "1", "$150.00", "$90.00"),  # a PFS visit: its place decides its amount
    ]
    done, out = run_batch_rows(tmp_path, rows, "--summary", str(tmp_path / "s.json"))
    assert done.exit_code == 0, done.output
    cpap, strips, cane, visit = out
    assert _money(cpap["allowed"]) == iowa_fees[("E0601", "RR")] == _money(cpap["dmepos_amount"])
    assert _money(strips["allowed"]) == 2 * iowa_fees[("A4253", "NU")]
    for row in (cpap, strips, cane):
        assert row["site"] == ""
        assert row["in_totals"] == "true"
        allowed = _money(row["allowed"])
        assert _money(row["beneficiary"]) == (allowed * Decimal("0.2")).quantize(Decimal("0.01"))
        assert _money(row["medicare"]) == allowed - _money(row["beneficiary"])
        assert (row["professional_allowed"], row["allowed"]) == (row["office_allowed"], row["office_allowed"])
        assert DMEPOS_WITHOUT_PLACE_NOTE in row["note"]
        assert PAID_WITHOUT_SETTING not in row["note"]
    assert (cpap["variance"], strips["variance"]) == ("0.00", "0.00")
    assert iowa_fees[("E0114", "NU")] > Decimal("60.00")
    assert cane["expected"] == "60.00" and "Billed $60.00 is below the DMEPOS fee schedule amount" in cane["note"]
    assert visit["allowed"] == "" and visit["in_totals"] == "false"
    assert PAID_WITHOUT_SETTING in visit["note"] and DMEPOS_WITHOUT_PLACE_NOTE not in visit["note"]
    assert "no place of service column: but for DME items (priced as used at the patient's home" in done.stderr
    assert "for DMEPOS rows the patient's ZIP is the right one" in done.stderr


def test_a_blank_place_cell_of_a_dme_row_is_allowed_its_fee(
    tmp_path: Path, iowa_fees: dict[tuple[str, str], Decimal]
) -> None:
    rows = [{**_row("E0601", "RR", "1", "$125.00", "$50.70"), "POS": ""},
            {**_row("99213", "", "1", "$150.00", "$90.00"), "POS": ""}]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    cpap, visit = out
    assert _money(cpap["allowed"]) == iowa_fees[("E0601", "RR")]
    assert DMEPOS_WITHOUT_PLACE_NOTE in cpap["note"] and BLANK_SETTING_NOTE not in cpap["note"]
    assert visit["allowed"] == "" and BLANK_SETTING_NOTE in visit["note"]


def test_a_dme_row_without_its_years_file_is_not_blamed_on_the_missing_place(tmp_path: Path) -> None:
    """2025's DMEPOS file is not installed: no site has an amount, so the paid amount is not compared for that, not
    for want of a place of service column."""
    _, out = run_batch_rows(tmp_path, [_row("E0601", "RR", "1", "$125.00", "$50.70", date="03/05/2025")])
    (row,) = out
    assert row["allowed"] == "" and row["office_allowed"] == ""
    assert PAID_NOT_COMPARED in row["note"] and PAID_WITHOUT_SETTING not in row["note"]


def test_an_implant_the_asc_is_paid_for_still_needs_its_place(tmp_path: Path) -> None:
    """L8614 (a cochlear device) has a DMEPOS fee and an ASC amount (packaged into the implanting procedure): with no
    place of service it is not priced as a supplier's item at home."""
    _, out = run_batch_rows(tmp_path, [_row("L8614", "", "1", "$30,000.00", "")])
    (row,) = out
    assert row["dmepos_amount"] != "" and row["asc_allowed"] != ""
    assert row["allowed"] == "" and DMEPOS_WITHOUT_PLACE_NOTE not in row["note"]
