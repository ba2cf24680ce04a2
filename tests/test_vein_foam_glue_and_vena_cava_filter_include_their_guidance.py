"""Non-compounded foam sclerotherapy (36465, 36466) and cyanoacrylate ablation (36482, 36483), "inclusive of all imaging
guidance and monitoring" (CPT 2018), and vena cava filter insertion, repositioning and retrieval (37191-37193,
"imaging guidance (ultrasound and fluoroscopy), when performed") include their ultrasound and fluoroscopic guidance:
the guidance line beside one on a practitioner's claim and date is noted (a vascular surgery trial: 36465-RT +
76942-26 and 37191 + 76937-26 at ZIP 77030 priced the guidance with no word), not beside 36470 (compounded
sclerotherapy, whose descriptor names no guidance). Amounts unchanged: CMS's RVU26C x 2026 GPCIs x CF
(``tests/cms_fees.py``). Price and batch alike (``engine.guidance``)."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026, rvu_2026_row
from rvucalc.cli import app
from rvucalc.engine import guidance

runner = CliRunner()
ZIP, LOCALITY, DATE = "77030", "0441218", "2026-08-04"


@pytest.mark.parametrize(
    ("procedure", "guide"),
    [("36465", "76942"), ("36466", "76937"), ("36482", "76937"), ("37191", "76937"), ("37193", "77001")],
)
def test_foam_glue_and_filter_codes_note_their_guidance_in_price(procedure: str, guide: str) -> None:
    assert rvu_2026_row(procedure)[3] == "A"  # paid under the PFS in RVU26C
    done = runner.invoke(app, ["price", procedure, guide, "--zip", ZIP, "--date", DATE, "--setting", "11",
                               "-f", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    lines = {line["code"]: line for line in json.loads(done.stdout)["lines"]}
    assert guidance.guidance_note(guide, [procedure]) in lines[guide]["notes"]
    [office] = [site for site in lines[guide]["sites"] if site["setting"] == "office"]
    assert Decimal(str(office["allowed"])) == fee_2026(guide, LOCALITY)


def test_foam_and_filter_codes_note_their_guidance_in_batch(tmp_path: Path) -> None:
    source = tmp_path / "claims.csv"
    source.write_text(
        "claim,code,modifier,zip,date,setting\n"
        f"F,36465,RT,{ZIP},{DATE},11\nF,76942,,{ZIP},{DATE},11\n"
        f"V,37191,,{ZIP},{DATE},11\nV,76937,,{ZIP},{DATE},11\n"
        f"C,36470,RT,{ZIP},{DATE},11\nC,76942,,{ZIP},{DATE},11\n"
    )
    out = tmp_path / "out.csv"
    done = runner.invoke(app, ["batch", "-q", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    rows = {(row["claim"], row["code"]): row for row in csv.DictReader(out.open())}
    assert guidance.guidance_note("76942", ["36465"]) in rows["F", "76942"]["note"]
    assert guidance.guidance_note("76937", ["37191"]) in rows["V", "76937"]["note"]
    assert Decimal(rows["V", "76937"]["allowed"]) == fee_2026("76937", LOCALITY)
    assert "included in" not in rows["C", "76942"]["note"]
