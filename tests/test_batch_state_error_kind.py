"""A batch row whose state cell is no US state or territory (a DME trial: A7030-NU-KX with `Patient State` XX) is a
row error of its own kind, bad_state, as bad dates and places of service have theirs, not the generic usage; the run
still exits 1 (some rows have errors), and price --state XX still exits 2."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.errors import ErrorKind, UsageError
from rvucalc.lookup.pricer import parse_state


def test_a_bad_state_cell_is_a_bad_state_row(tmp_path: Path) -> None:
    source = tmp_path / "dme.csv"
    source.write_text("CPT Code,Modifier,Patient ZIP,Date of Service,Patient State\n"
                      "A7030,NU KX,94110,2026-03-10,XX\nA7030,NU KX,94110,2026-03-10,Calif\n"
                      "A7030,NU KX,94110,2026-03-10,CA\n")  # fmt: skip
    out, summary = tmp_path / "out.csv", tmp_path / "summary.json"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--summary", str(summary)])
    assert result.exit_code == 1, result.output
    bad, worse, good = csv.DictReader(out.open())
    assert bad["error_kind"] == worse["error_kind"] == "bad_state", (bad, worse)
    assert "'XX' is not a US state" in bad["error"]
    assert not good["error"] and good["error_kind"] == ""
    assert json.loads(summary.read_text())["error_kinds"] == {"bad_state": 2}


def test_the_single_lookup_s_state_error_is_bad_state_and_exits_2() -> None:
    for text in ("XX", "Calif"):
        with pytest.raises(UsageError) as caught:
            parse_state(text)
        assert caught.value.kind is ErrorKind.BAD_STATE
    done = CliRunner().invoke(app, ["price", "A7030", "--modifier", "NU", "--state", "XX"])
    assert done.exit_code == 2, done.output
