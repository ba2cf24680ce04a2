"""The README's sample claim file (examples/claims.csv: a billing system's headers, US, ISO and compact dates, POS
codes, two modifier columns, one malformed code): every row out once, in order, the claims' encounter rules applied."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "claims.csv"


def test_the_readme_sample_claim_file_prices() -> None:
    result = CliRunner().invoke(app, ["batch", str(SAMPLE), "-o", "-", "-q"])
    assert result.exit_code == 1  # one row's error (2259O), the others priced
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    with SAMPLE.open(newline="") as handle:
        given = list(csv.DictReader(handle))
    assert [row["CPT Code"] for row in rows] == [row["CPT Code"] for row in given]
    errors = [row["CPT Code"] for row in rows if row["error"]]
    assert errors == ["2259O"] and "22590" in rows[-1]["error"]
    arthroscopy = next(row for row in rows if row["CPT Code"] == "29881")
    assert "Multiple procedure" in arthroscopy["note"] and arthroscopy["allowed"]  # ranked under 27447, claim C1002
