"""An injectable HIV PrEP drug (J0739 cabotegravir, J0738 lenacapavir) billed with 96372 and no G0012 on a
practitioner's claim and date: the 96372 line says G0012 is the PrEP injection's code, without cost sharing (NCD
210.15), where 96372 keeps 20% (an infectious disease clinic's trial: J0739 x 600 + 96372 said nothing). Not beside
G0012, nor beside a treatment drug (J0741, cabotegravir/rilpivirine). Amounts unchanged: CMS's RVU26C x 2026 GPCIs x CF
(``tests/cms_fees.py``). Price and batch say the same."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app
from rvucalc.engine import prep

runner = CliRunner()
ZIP, LOCALITY, DATE = "30308", "1021201", "2026-02-13"


def _price_notes(*codes: str) -> dict[str, list[str]]:
    done = runner.invoke(app, ["price", *codes, "--zip", ZIP, "--date", DATE, "--setting", "11", "-f", "json"])
    assert done.exit_code == 0, done.output
    lines = json.loads(done.stdout)["lines"]
    for line in lines:
        if line["code"] == "96372":
            [office] = [site for site in line["sites"] if site["setting"] == "office"]
            assert Decimal(str(office["allowed"])) == fee_2026("96372", LOCALITY)
    return {line["code"]: line["notes"] for line in lines}


def test_96372_beside_a_prep_drug_names_g0012_in_price() -> None:
    assert prep.injection_note("J0739") in _price_notes("J0739", "96372")["96372"]
    assert prep.injection_note("J0738") in _price_notes("J0738", "96372")["96372"]
    assert not any("G0012" in note for note in _price_notes("J0739", "G0012", "96372")["96372"])
    assert not any("G0012" in note for note in _price_notes("J0741", "96372")["96372"])


def test_96372_beside_a_prep_drug_names_g0012_in_batch(tmp_path: Path) -> None:
    source = tmp_path / "claims.csv"
    source.write_text(
        "claim,code,units,zip,date,setting,provider\n"
        f"A,J0739,600,{ZIP},{DATE},11,MD\nA,96372,1,{ZIP},{DATE},11,MD\n"
        f"B,J0739,600,{ZIP},{DATE},11,MD\nB,G0012,1,{ZIP},{DATE},11,MD\nB,96372,1,{ZIP},{DATE},11,MD\n"
        f"C,J0741,300,{ZIP},{DATE},11,MD\nC,96372,1,{ZIP},{DATE},11,MD\n"
    )
    out = tmp_path / "out.csv"
    done = runner.invoke(app, ["batch", "-q", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    rows = {(row["claim"], row["code"]): row for row in csv.DictReader(out.open())}
    assert prep.injection_note("J0739") in rows["A", "96372"]["note"]
    assert Decimal(rows["A", "96372"]["allowed"]) == fee_2026("96372", LOCALITY)
    assert "G0012" not in rows["B", "96372"]["note"]
    assert "G0012" not in rows["C", "96372"]["note"]
