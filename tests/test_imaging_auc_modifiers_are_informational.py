"""The imaging AUC program's modifiers MA-MH (an imaging center's trial: a RIS export's 70450-ME, 74177-MF). They were
refused as unknown modifiers ("Unknown modifier 'ME'. Did you mean EM or XE or UE?"), the line left unpriced in price
and batch, while their sibling QQ was accepted as informational. The program never left its testing period and is
paused (CY2024 PFS final rule; MLN MM13485): no payment effect, so the line is CMS's fee (RVU26C x the 2026 Miami
GPCIs) with the modifier said informational, as QQ's."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app

runner = CliRunner()
ZIP, LOCALITY, DATE = "33156", "0910204", "2026-08-03"  # Miami, FL
AUC = ("MA", "MB", "MC", "MD", "ME", "MF", "MG", "MH")


@pytest.mark.parametrize("modifier", AUC)
def test_auc_modifier_leaves_cms_s_fee_in_price(modifier: str) -> None:
    done = runner.invoke(app, ["price", f"70553-{modifier}", "--zip", ZIP, "--setting", "11", "--date", DATE])
    assert done.exit_code == 0, done.output
    assert "Unknown modifier" not in done.output
    assert f"${fee_2026('70553', LOCALITY)}" in done.stdout
    assert f"Modifier {modifier} is informational" in " ".join(done.stdout.split())


def test_auc_modifiers_in_batch_are_priced_as_without_them(tmp_path: Path) -> None:
    source, out = tmp_path / "ris.csv", tmp_path / "out.csv"
    source.write_text(
        "Claim #,CPT,Mod1,Mod2,Exam Date,POS,Zip\n"
        + "".join(f"C{i},70553,{m},QQ,08/03/2026,11,{ZIP}\n" for i, m in enumerate(AUC))
    )
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(out.open()))
    assert {row["error"] for row in rows} == {""}
    assert {row["allowed"] for row in rows} == {str(fee_2026("70553", LOCALITY))}
