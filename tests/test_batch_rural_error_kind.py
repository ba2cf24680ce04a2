"""A batch row whose rural cell is neither Y nor N (a home health trial's `maybe` on an E0601-RR-KJ row) is a row error
of its own kind, bad_rural, as bad states, dates and units have theirs, not the generic usage."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app


def test_a_bad_rural_cell_is_a_bad_rural_row(tmp_path: Path) -> None:
    source = tmp_path / "dme.csv"
    source.write_text("Claim ID,DOS,HCPCS,Modifiers,Units,POS,Patient ZIP,State,Rural\n"
                      "M2,01/05/2026,E0601,RR KJ,1,12,59801,MT,maybe\n"
                      "M3,01/05/2026,E0601,RR KJ,1,12,59801,MT,Y\n")  # fmt: skip
    out, summary = tmp_path / "out.csv", tmp_path / "summary.json"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--summary", str(summary)])
    assert result.exit_code == 1, result.output
    bad, good = csv.DictReader(out.open())
    assert bad["error_kind"] == "bad_rural", bad
    assert "rural 'maybe'" in bad["error"]
    assert not good["error"] and good["error_kind"] == ""
    assert json.loads(summary.read_text())["error_kinds"] == {"bad_rural": 1}
