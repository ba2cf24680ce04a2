"""A percutaneous arteriovenous fistula creation (36836, 36837, CPT 2023: "all vascular access, angiography, imaging
guidance, radiologic supervision and interpretation", as the SVS coding committee and MedLearn restate CPT) includes
its ultrasound (76937) and fluoroscopic (77002) guidance: the guidance line beside it on a practitioner's claim and
date is noted (a dialysis access center's trial: 36836 + 76937 priced 76937's office fee with no word), not beside the
open fistula creation 36821, whose descriptor names no guidance. Amounts unchanged: CMS's RVU26C x 2026 GPCIs x CF
(``tests/cms_fees.py``). Price and batch alike (``engine.guidance``)."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app
from rvucalc.engine import guidance

runner = CliRunner()
ZIP, LOCALITY, DATE = "30303", "1021201", "2026-09-11"


def test_percutaneous_fistula_notes_its_guidance_in_price() -> None:
    for fistula in ("36836", "36837"):
        done = runner.invoke(app, ["price", fistula, "76937", "77002", "--zip", ZIP, "--date", DATE, "--setting", "11",
                                   "-f", "json"])  # fmt: skip
        assert done.exit_code == 0, done.output
        lines = {line["code"]: line for line in json.loads(done.stdout)["lines"]}
        for code in ("76937", "77002"):
            assert guidance.guidance_note(code, [fistula]) in lines[code]["notes"]
            [office] = [site for site in lines[code]["sites"] if site["setting"] == "office"]
            assert Decimal(str(office["allowed"])) == fee_2026(code, LOCALITY)


def test_percutaneous_fistula_notes_its_guidance_in_batch(tmp_path: Path) -> None:
    source = tmp_path / "claims.csv"
    source.write_text(
        "claim,code,zip,date,setting\n"
        f"P,36836,{ZIP},{DATE},11\nP,76937,{ZIP},{DATE},11\n"
        f"O,36821,{ZIP},{DATE},22\nO,76937,{ZIP},{DATE},22\n"
    )
    out = tmp_path / "out.csv"
    done = runner.invoke(app, ["batch", "-q", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    rows = {(row["claim"], row["code"]): row for row in csv.DictReader(out.open())}
    assert guidance.guidance_note("76937", ["36836"]) in rows["P", "76937"]["note"]
    assert Decimal(rows["P", "76937"]["allowed"]) == fee_2026("76937", LOCALITY)
    assert Decimal(rows["P", "36836"]["allowed"]) == fee_2026("36836", LOCALITY)
    assert "included in" not in rows["O", "76937"]["note"]
