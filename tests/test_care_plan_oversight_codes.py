"""CPT's care plan oversight of a home health or hospice patient, 30 minutes or more (99375, 99378: status I, "Medicare
uses another code for this service"), names Medicare's code: G0181 and G0182 (Claims Processing Manual ch. 12 §180.1),
which the RVU file lists payable ("Home health care supervision", "Hospice care supervision": status A). A trial read
"status I" without the code. Price and batch alike."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()
ZIP = "59801"
INSTEAD = {"99375": ("G0181", "Home health care supervision"), "99378": ("G0182", "Hospice care supervision")}


@pytest.mark.parametrize("code", sorted(INSTEAD))
def test_status_i_care_plan_oversight_names_the_g_code(code: str) -> None:
    medicare, described = INSTEAD[code]
    row = json.loads(runner.invoke(app, ["price", medicare, "--zip", ZIP, "-f", "json"]).stdout)
    assert (row["description"], row["pfs"]["status"]) == (described, "A")
    done = runner.invoke(app, ["price", code, "--zip", ZIP], terminal_width=400)
    said = " ".join(done.output.split())
    assert "status I" in said and f"Medicare pays it as {medicare}" in said, said


def test_batch_names_it_too(tmp_path: Path) -> None:
    source = tmp_path / "claims.csv"
    source.write_text("claim,code,zip,date\n1,99378,59801,2026-07-02\n")
    out = tmp_path / "out.csv"
    assert runner.invoke(app, ["batch", "-q", str(source), "-o", str(out)]).exit_code in (0, 1)
    [row] = list(csv.DictReader(out.open()))
    assert "Medicare pays it as G0182" in row["note"] + row["error"], row
