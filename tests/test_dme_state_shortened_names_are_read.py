"""A DME supplier's 'State' column writes a state's name shortened as people write it: 'N. Carolina', 'N Carolina',
'So. Dakota', 'D.C.', 'Wash. DC' (and 'District of Columbia', session 74's full name). Each was a bad_state row but the
last. Each names one state alone, and is read as its USPS code (lookup.locality_names.written_state), in batch's state
column and price --state alike; a word that may be either of two states ('Carolina', 'Wash.': Washington State or DC)
stays an error naming the cell and the two codes, and the traditional abbreviations ('Calif.') stay errors. Amounts:
DMEPOS26_JAN's E0114-NU row (CMS's file): NC (NR) $57.17, DC (NR) $67.26, SD (NR) $67.26."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from test_contractor_priced_dmepos_and_asp import _dmepos_rows

runner = CliRunner()


def _fee(state: str) -> Decimal:
    value = _dmepos_rows()["E0114", "NU", ""][f"{state} (NR)"]
    return Decimal(str(value)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def test_shortened_state_names_are_read_and_ambiguous_ones_named(tmp_path: Path) -> None:
    assert (_fee("NC"), _fee("DC"), _fee("SD")) == (Decimal("57.17"), Decimal("67.26"), Decimal("67.26"))
    cells = ["N. Carolina", "N Carolina", "So. Dakota", "D.C.", "Wash. DC", "District of Columbia", "Carolina",
             "Wash.", "Calif."]  # fmt: skip
    source, out = tmp_path / "dme.csv", tmp_path / "out.csv"
    source.write_text(
        "Claim ID,DOS,HCPCS,Modifier,Units,POS,State,Rural\n"
        + "".join(f'D{n},2026-03-02,E0114,NU,1,12,"{cell}",Non-Rural\n' for n, cell in enumerate(cells))
    )
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 1, done.output  # the ambiguous rows' errors
    rows = list(csv.DictReader(out.open()))
    expected = ["NC", "NC", "SD", "DC", "DC", "DC"]
    for row, state in zip(rows, expected, strict=False):
        assert row["error"] == "" and Decimal(row["dmepos_amount"]) == _fee(state), row
    carolina, wash, calif = rows[6:]
    assert carolina["error_kind"] == "bad_state" and "'Carolina'" in carolina["error"], carolina
    assert "NC or SC" in carolina["error"]
    assert wash["error_kind"] == "bad_state" and "'Wash.'" in wash["error"] and "WA or DC" in wash["error"], wash
    assert calif["error_kind"] == "bad_state" and "'Calif.'" in calif["error"], calif


@pytest.mark.parametrize(("state", "code"), [("N. Carolina", "NC"), ("D.C.", "DC"), ("Wash. DC", "DC")])
def test_price_state_reads_a_shortened_name_as_batch_does(state: str, code: str) -> None:
    done = runner.invoke(app, ["price", "E0114", "--modifier", "NU", "--state", state, "--date", "2026-03-02"])
    assert done.exit_code == 0, done.output
    assert f"${_fee(code)}" in done.stdout


def test_price_state_names_the_two_states_a_word_may_be() -> None:
    done = runner.invoke(app, ["price", "E0114", "--modifier", "NU", "--state", "Carolina", "--date", "2026-03-02"])
    assert done.exit_code == 2, done.output
    assert "'Carolina'" in done.stderr and "NC or SC" in done.stderr


# 'W. Va.' (West Virginia's AP abbreviation), New as 'N.' ('N. Mexico', 'N. Hampshire', 'N. Jersey'), and 'N. Dakota',
# 'S. Carolina': each names one state, each 'W. Va.', 'N. Mexico' and 'N. Hampshire' was a bad_state row. Amounts:
# DMEPOS26_JAN's E0114-NU row, its state's (NR) column.
SHORTENED = [("W. Va.", "WV"), ("W.Va.", "WV"), ("N. Mexico", "NM"), ("N. Hampshire", "NH"), ("N. Jersey", "NJ"),
             ("N. Dakota", "ND"), ("S. Carolina", "SC")]  # fmt: skip


def test_west_virginia_and_new_states_shortened_are_read(tmp_path: Path) -> None:
    source, out = tmp_path / "dme.csv", tmp_path / "out.csv"
    source.write_text(
        "Claim ID,DOS,HCPCS,Modifier,Units,POS,State,Rural\n"
        + "".join(f'D{n},2026-03-02,E0114,NU,1,12,"{cell}",Non-Rural\n' for n, (cell, _) in enumerate(SHORTENED))
        + 'D9,2026-03-02,E0114,NU,1,12,"N. Virginia",Non-Rural\n'  # a region, no state: stays an error
    )
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 1, done.output
    rows = list(csv.DictReader(out.open()))
    for row, (cell, state) in zip(rows, SHORTENED, strict=False):
        assert row["error"] == "" and Decimal(row["dmepos_amount"]) == _fee(state), (cell, row)
    assert rows[-1]["error_kind"] == "bad_state" and "'N. Virginia'" in rows[-1]["error"], rows[-1]


@pytest.mark.parametrize(("state", "code"), [("W. Va.", "WV"), ("N. Mexico", "NM"), ("N. Hampshire", "NH")])
def test_price_state_reads_west_virginia_and_new_states_as_batch_does(state: str, code: str) -> None:
    done = runner.invoke(app, ["price", "E0114", "--modifier", "NU", "--state", state, "--date", "2026-03-02"])
    assert done.exit_code == 0, done.output
    assert f"${_fee(code)}" in done.stdout
