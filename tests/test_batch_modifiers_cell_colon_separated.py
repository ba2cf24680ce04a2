"""A 'Modifiers' cell whose modifiers are separated by colons ('T6:51', 'Q8:59'), as some practice systems export
them, is read as 'T6-51' and 'Q8,59' are, where a review found it refused as "'T6:51' is not a modifier" (a
bad_modifier row). Amounts are CMS's own fee (RVU26C x the 2026 GPCIs x the CF) for Tennessee (locality 1031235, ZIP
37919)."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app
from rvucalc.lookup.lines import parse_line

TENNESSEE = "1031235"


def test_parse_line_splits_a_modifier_cell_at_colons() -> None:
    assert parse_line("11720", "T6:51")[1] == parse_line("11720", "T6-51")[1]
    assert parse_line("11721-Q8:59")[1] == parse_line("11721-Q8-59")[1]


def test_batch_reads_a_colon_separated_modifiers_cell(tmp_path: Path) -> None:
    source = tmp_path / "podiatry.csv"
    source.write_text(
        "Claim,DOS,Place of Service,ZIP,CPT,Modifiers,Units\n"
        "M1,07/07/2026,11,37919,11721,Q8:59,1\n"
        "M2,07/07/2026,11,37919,11721,Q8:59,1\n"
        'M3,07/07/2026,11,37919,11721,"Q8,59",1\n'
        "M4,07/07/2026,11,37919,11720,T6:51,1\n"
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open()))
    assert [row["error"] for row in rows] == ["", "", "", ""]
    nail, nails = fee_2026("11721", TENNESSEE), fee_2026("11720", TENNESSEE)
    assert [Decimal(row["allowed"]) for row in rows] == [nail, nail, nail, nails]
