"""Catheter ablations with a comprehensive EP evaluation include their components (CPT 2022's descriptors, as AAPC's
Cardiology Coding Alert prints them): 93653 and 93654 "including intracardiac electrophysiologic 3-dimensional
mapping", 93656 that and "intracardiac echocardiography". The 3D mapping add-on 93613 beside any of them, and ICE
93662 (its 26 line at a hospital) beside 93656, is noted (an electrophysiology group's trial: 93656 + 93613 +
93662-26 priced $257.06 and $69.61 at ZIP 30303 with no word); 93662 beside 93653 is not (no ICE in its descriptor).
Amounts unchanged: CMS's RVU26C x 2026 GPCIs x CF (``tests/cms_fees.py``). Price and batch alike."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from cms_fees import DATA, fee_2026
from rvucalc.cli import app
from rvucalc.engine import guidance

runner = CliRunner()
ZIP, LOCALITY, DATE = "30303", "1021201", "2026-09-11"


def _rvu_row(code: str, modifier: str) -> Sequence[str]:
    """RVU26C's row of the code and modifier."""
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1") as handle:
        return next(row for row in csv.reader(handle) if row[:2] == [code, modifier])


def test_af_ablation_notes_its_mapping_and_ice_in_price() -> None:
    done = runner.invoke(app, ["price", "93656", "93613", "93662-26", "--zip", ZIP, "--date", DATE, "--setting",
                               "22", "-f", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    lines = {line["code"]: line for line in json.loads(done.stdout)["lines"]}
    assert guidance.guidance_note("93613", ["93656"]) in lines["93613"]["notes"]
    assert guidance.guidance_note("93662", ["93656"]) in lines["93662"]["notes"]
    assert "3-dimensional mapping (CPT)" in guidance.guidance_note("93613", ["93656"])


def test_ablations_note_3d_mapping_in_batch_not_ice_beside_svt(tmp_path: Path) -> None:
    source = tmp_path / "claims.csv"
    source.write_text(
        "claim,code,modifier,zip,date,setting\n"
        f"AF,93656,,{ZIP},{DATE},22\nAF,93613,,{ZIP},{DATE},22\nAF,93662,26,{ZIP},{DATE},22\n"
        f"SVT,93653,,{ZIP},{DATE},22\nSVT,93613,,{ZIP},{DATE},22\nSVT,93662,26,{ZIP},{DATE},22\n"
        f"VT,93654,,{ZIP},{DATE},22\nVT,93613,,{ZIP},{DATE},22\n"
    )
    out = tmp_path / "out.csv"
    done = runner.invoke(app, ["batch", "-q", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    rows = {(row["claim"], row["code"]): row for row in csv.DictReader(out.open())}
    for claim, ablation in (("AF", "93656"), ("SVT", "93653"), ("VT", "93654")):
        assert guidance.guidance_note("93613", [ablation]) in rows[claim, "93613"]["note"], claim
        mapping = fee_2026("93613", LOCALITY, facility=True)
        assert Decimal(rows[claim, "93613"]["pfs_facility_amount"]) == mapping
    assert guidance.guidance_note("93662", ["93656"]) in rows["AF", "93662"]["note"]
    assert "included in" not in rows["SVT", "93662"]["note"]
    ice = fee_2026(_rvu_row("93662", "26"), LOCALITY, facility=True)
    assert Decimal(rows["AF", "93662"]["pfs_facility_amount"]) == ice
