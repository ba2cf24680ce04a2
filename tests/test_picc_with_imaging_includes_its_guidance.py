"""A PICC with imaging (36572, 36573: "including all imaging guidance, image documentation, and all associated
radiological supervision and interpretation", CPT 2019) includes its ultrasound (76937) and fluoroscopic (77001)
guidance: the guidance line beside it on a practitioner's claim and date is noted (an infectious disease clinic's trial:
36573 + 77001 priced 77001 with no word), not beside 36569, the PICC without imaging. Amounts unchanged: CMS's RVU26C x
2026 GPCIs x CF (``tests/cms_fees.py``). Price and batch alike (``engine.guidance``)."""

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
ZIP, LOCALITY, DATE = "30308", "1021201", "2026-02-20"


def test_picc_with_imaging_notes_its_guidance_in_price() -> None:
    done = runner.invoke(app, ["price", "36573", "77001", "76937", "--zip", ZIP, "--date", DATE, "--setting", "11",
                               "-f", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    lines = {line["code"]: line for line in json.loads(done.stdout)["lines"]}
    for code in ("77001", "76937"):
        assert guidance.guidance_note(code, ["36573"]) in lines[code]["notes"]
        [office] = [site for site in lines[code]["sites"] if site["setting"] == "office"]
        assert Decimal(str(office["allowed"])) == fee_2026(code, LOCALITY)


def test_picc_with_imaging_notes_its_guidance_in_batch(tmp_path: Path) -> None:
    source = tmp_path / "claims.csv"
    source.write_text(
        "claim,code,zip,date,setting\n"
        f"P,36573,{ZIP},{DATE},11\nP,77001,{ZIP},{DATE},11\n"
        f"W,36569,{ZIP},{DATE},11\nW,77001,{ZIP},{DATE},11\n"
    )
    out = tmp_path / "out.csv"
    done = runner.invoke(app, ["batch", "-q", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    rows = {(row["claim"], row["code"]): row for row in csv.DictReader(out.open())}
    assert guidance.guidance_note("77001", ["36573"]) in rows["P", "77001"]["note"]
    assert Decimal(rows["P", "77001"]["allowed"]) == fee_2026("77001", LOCALITY)
    assert "included in" not in rows["W", "77001"]["note"]
