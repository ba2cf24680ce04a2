"""``rvucalc price 99213 --provider DME`` (NRP, EMT, 291U00000X, 'Clinical Laboratory') exited 2 with the generic list
of words, as if the value were misspelt, where batch reads the same provider cell as a blank one (a DMEPOS supplier,
an ambulance crew or a clinical laboratory is no practitioner: lookup.credentials.DME_SUPPLIER_WORDS,
AMBULANCE_CREW_WORDS, 'clinical laboratory') and prices the row as its --provider's line. Price, batch's --provider
and the API refuse it with that reason and say what batch does with the cell (leave --provider out); price without
--provider gives the amount batch gives such a row, which is CMS's (RVU26C x the GPCIs x the CF)."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app
from rvucalc.errors import UsageError
from rvucalc.lookup.pricer import Pricer

DAY = "2026-08-03"
HOUSTON = "0441218"  # ZIP 77030's locality (CMS's ZIP5 file)
runner = CliRunner()
CELLS = {
    "DME": "a DMEPOS supplier",
    "DME Supplier": "a DMEPOS supplier",
    "332B00000X": "a DMEPOS supplier",
    "NRP": "an ambulance crew's certification",
    "EMT": "an ambulance crew's certification",
    "Paramedic": "an ambulance crew's certification",
    "291U00000X": "a clinical laboratory (CMS specialty 69)",
    "Clinical Laboratory": "a clinical laboratory (CMS specialty 69)",
}


@pytest.mark.parametrize(("cell", "who"), CELLS.items())
def test_price_says_why_a_supplier_crew_or_lab_is_no_provider(cell: str, who: str) -> None:
    done = runner.invoke(app, ["price", "99213", "--zip", "77030", "--date", DAY, "--provider", cell])
    assert done.exit_code == 2, done.output
    assert f"--provider {cell!r} names {who}, not a practitioner" in done.output
    assert "read as a blank one" in done.output and "leave --provider out" in done.output
    assert "choose physician, np" not in done.output  # not the generic list of a misspelt word


@pytest.mark.parametrize("cell", ["DME", "NRP", "291U00000X"])
def test_batch_s_provider_option_and_the_api_say_the_same(pricer: Pricer, tmp_path: Path, cell: str) -> None:
    said = runner.invoke(app, ["price", "99213", "--zip", "77030", "--date", DAY, "--provider", cell]).output
    source = tmp_path / "claims.csv"
    source.write_text(f"code,zip,date\n99213,77030,{DAY}\n")
    done = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv"), "--provider", cell])
    assert done.exit_code == 2, done.output
    reason = said.split(" names ", 1)[1].split(". A batch", 1)[0]
    assert reason in done.output
    with pytest.raises(UsageError, match="not a practitioner") as raised:
        pricer.price("99213", zip_code="77030", provider=cell, date_of_service=DAY)
    assert reason in str(raised.value)


def test_price_without_provider_gives_batch_s_amount_for_such_cells(tmp_path: Path) -> None:
    source = tmp_path / "claims.csv"
    source.write_text(
        "Claim ID,DOS,POS,CPT Code,Rendering Credential,Svc Loc Zip\n"
        + "".join(f"C{n},{DAY},11,99213,{cell},77030\n" for n, cell in enumerate(CELLS))
        + f"M,{DAY},11,99213,MD,77030\n"
    )
    out = tmp_path / "out.csv"
    done = runner.invoke(app, ["batch", str(source), "-o", str(out), "--columns", "provider=Rendering Credential"])
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(out.open()))
    assert all("not read as a practitioner" not in row["note"] for row in rows), rows
    priced = runner.invoke(app, ["price", "99213", "--zip", "77030", "--date", DAY, "--setting", "11", "-f", "json"])
    assert priced.exit_code == 0, priced.output
    amount = Decimal(str(json.loads(priced.stdout)["pfs"]["non_facility"]["amount"]))
    assert amount == fee_2026("99213", HOUSTON)
    assert {Decimal(row["allowed"]) for row in rows} == {amount}
