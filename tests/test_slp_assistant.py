"""An audiology/SLP practice's trial (Pittsburgh, 2026): a row billed under an SLP assistant ('SLPA') got the generic
"not read" note, which lists PT, OT and SLP as paid "the full amount", and `price --provider SLPA` only listed the
accepted words; 92507-CQ-GN said CQ goes with GP. Medicare does not cover an SLPA's services and has no modifier for
them (Medicare Benefit Policy Manual ch. 15 §230.3.C: batch.lines.SLP_ASSISTANT_CREDENTIALS): each now says so. The
row's amount is unchanged, the run's --provider's (CMS's fee, ``_cms_fee``)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer
from test_batch_provider_column import _cms_fee, _money

ZIP = "15213"


@pytest.mark.parametrize("cell", ["SLPA", "C-SLPA", "NOVAK, EMILY SLPA"])
def test_an_slpa_row_says_medicare_does_not_cover_it(cell: str, tmp_path: Path, pricer: Pricer) -> None:
    source = tmp_path / "slp.csv"
    source.write_text(
        f'Claim #,DOS,CPT Code,Mod 1,Units,POS,Svc Loc ZIP,Prov Type\nS1,07/21/2026,92507,GN,1,11,{ZIP},"{cell}"\n'
    )
    out = tmp_path / "out.csv"
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    (row,) = list(csv.DictReader(out.open()))
    assert "speech-language pathology assistant" in row["note"] and "§230.3.C" in row["note"], row["note"]
    assert "the full amount" not in row["note"]  # not the generic note's list
    assert _money(row["allowed"]) == _cms_fee(pricer, "92507", ZIP, 2026)["non_facility"]


def test_price_refuses_an_slpa_provider_with_the_reason() -> None:
    done = CliRunner().invoke(app, ["price", "92507-GN", "--zip", ZIP, "--provider", "SLPA"])
    assert done.exit_code == 2
    assert "§230.3.C" in done.stderr and "--provider slp" in done.stderr and "Traceback" not in done.output


def test_cq_on_a_speech_line_says_there_is_no_slpa_modifier() -> None:
    done = CliRunner().invoke(app, ["price", "92507-CQ-GN", "--zip", ZIP])
    assert done.exit_code == 2
    assert "goes with GP, not GN" in done.stderr and "§230.3.C" in done.stderr
