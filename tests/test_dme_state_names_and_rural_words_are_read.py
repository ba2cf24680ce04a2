"""A DME supplier's export writes the patient's state as its full name ('Minnesota', 'new york') and the DMEPOS fee
column as the fee schedule's own words ('Non-Rural', 'NR', 'Urban', 'Rural'): each was a row error ("give the
two-letter postal code", "give Y ... or N"). A state's name is its USPS code (lookup.locality_names.STATE_NAMES, the
one table of them), in batch's state column and price --state alike; 'Rural' and 'Non-Rural' / 'NR' (DMEPOS26_JAN's
column labels '<ST> (R)' and '<ST> (NR)') and 'Urban' choose the fee column. The one letter 'R' stays refused with its
hint: it is also CMS's ZIP5 rural indicator, which does not say the DMEPOS fee (42 CFR 414.202). Amounts: DMEPOS26_JAN's
E0601-RR row (CMS's file)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from test_contractor_priced_dmepos_and_asp import _dmepos_rows

runner = CliRunner()


def _fee(state: str, rural: bool) -> Decimal:
    value = _dmepos_rows()["E0601", "RR", ""][f"{state} ({'R' if rural else 'NR'})"]
    return Decimal(str(value)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def test_a_dme_file_s_state_names_and_rural_words_are_read(tmp_path: Path) -> None:
    source, out = tmp_path / "dme.csv", tmp_path / "out.csv"
    source.write_text(
        "Claim ID,DOS,HCPCS,Modifier,Units,POS,State,Rural\n"
        "D1,2026-03-02,E0601,RR,1,12,Minnesota,Non-Rural\n"
        "D2,2026-03-02,E0601,RR,1,12,new york,NR\n"
        "D3,2026-03-02,E0601,RR,1,12,Minnesota,Rural\n"
        "D4,2026-03-02,E0601,RR,1,12,MN,Urban\n"
        "D5,2026-03-02,E0601,RR,1,12,MN,R\n"
    )
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 1, done.output  # the 'R' row's error
    mn, ny, mn_rural, mn_urban, letter = csv.DictReader(out.open())
    assert mn["error"] == "" and Decimal(mn["dmepos_amount"]) == _fee("MN", False), mn
    assert ny["error"] == "" and Decimal(ny["dmepos_amount"]) == _fee("NY", False), ny
    assert mn_rural["error"] == "" and Decimal(mn_rural["dmepos_amount"]) == _fee("MN", True), mn_rural
    assert mn_urban["error"] == "" and Decimal(mn_urban["dmepos_amount"]) == _fee("MN", False), mn_urban
    assert letter["error_kind"] == "bad_rural" and "ZIP5 rural indicator" in letter["error"], letter


@pytest.mark.parametrize("state", ["Minnesota", "MINNESOTA", " minnesota "])
def test_price_state_reads_a_state_s_name_as_batch_does(state: str) -> None:
    done = runner.invoke(app, ["price", "E0601", "--modifier", "RR", "--state", state, "--date", "2026-03-02"])
    assert done.exit_code == 0, done.output
    assert f"${_fee('MN', False)}" in done.stdout
