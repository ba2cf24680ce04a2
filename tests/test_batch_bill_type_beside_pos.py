"""A UB-04 type of bill beside a place-of-service column (a hospital's export with both): a review found TOB 851 (a
critical access hospital's bill) with a blank POS priced at the OPPS (G0463: opps_rate $153.13, 2025-10) though
`rvucalc price G0463 --setting 851` refuses it. A blank POS cell takes the row's type of bill, as `--setting <TOB>`
reads it (engine.place_of_service.resolve_site: one mapping); a bill type price refuses is refused whatever the POS.

The hospital amounts compared are price's own (`price --setting 131` and `--setting 22`), not typed from batch."""

from __future__ import annotations

import csv
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()
DATE = "2025-11-03"  # the 2025-10 OPPS quarter


def _price(*options: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["price", "G0463", "--zip", "10001", "--date", DATE, "-f", "csv", *options])
    return result.exit_code, result.stdout, result.stderr


def test_a_blank_pos_takes_the_type_of_bill_and_a_refused_bill_is_refused_whatever_the_pos(tmp_path: Path) -> None:
    source, target = tmp_path / "ub04.csv", tmp_path / "priced.csv"
    source.write_text(
        "Claim ID,HCPCS,DOS,POS,TOB,Zip Code,Units\n"
        f"C1,G0463,{DATE},,851,10001,1\nC2,G0463,{DATE},22,851,10001,1\nC3,G0463,{DATE},,131,10001,1\n"
        f"C4,G0463,{DATE},22,,10001,1\nC5,G0463,{DATE},,711,10001,1\nC6,G0463,{DATE},22,0138,10001,1\n"
        f"C7,G0463,{DATE},11,131,10001,1\n"
    )
    result = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    assert result.exit_code == 1, result.output
    cah_blank, cah_22, hospital_bill, hospital_pos, clinic, void, office = csv.DictReader(target.open())
    for row, bill in ((cah_blank, "851"), (cah_22, "851"), (clinic, "711"), (void, "0138")):
        code, _, refused = _price("--setting", bill)
        assert code != 0 and refused.startswith("rvucalc: ")
        # price's message, word for word; no OPPS money on the row
        assert row["error"] == " ".join(refused.removeprefix("rvucalc: ").split()), bill
        assert row["error_kind"] == ("not_payable" if bill == "0138" else "bad_setting")  # a void pays nothing
        assert row["opps_rate"] == row["hopd_allowed"] == row["allowed"] == "", bill
    # A 13x bill with no POS is the hospital outpatient department, as `--setting 131` prices it (and POS 22).
    code, priced, _ = _price("--setting", "131")
    assert code == 0
    [by_price] = csv.DictReader(priced.splitlines())
    assert hospital_bill["site"] == hospital_pos["site"] == "hopd"
    assert hospital_bill["allowed"] == hospital_pos["allowed"] == by_price["site_hopd_total"] != ""
    assert office["site"] == "office"  # a POS given, with a bill type rvucalc prices: the POS, as before
    assert "TOB" in result.stderr and "blank" in result.stderr  # the mapping says the type of bill is read


def test_a_bad_type_of_bill_beside_a_pos_is_an_error_only_where_it_is_read(tmp_path: Path) -> None:
    source, target = tmp_path / "ub04.csv", tmp_path / "priced.csv"
    source.write_text(f"HCPCS,DOS,POS,Type of Bill,Zip Code\nG0463,{DATE},22,13,10001\nG0463,{DATE},,13,10001\n")
    runner.invoke(app, ["batch", str(source), "-o", str(target)])
    given, blank = csv.DictReader(target.open())
    assert given["error"] == "" and given["site"] == "hopd"
    assert blank["error_kind"] == "bad_setting" and "three digits" in blank["error"]
