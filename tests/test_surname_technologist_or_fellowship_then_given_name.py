"""'SURNAME CRED, GIVEN' with a technologist's registry or a fellowship in the credential's place (session 73's review
of the sleep group's credentials beside the pain practice's 'GARCIA MD, LUIS'): 'JONES CNIM, AMY', 'JONES RPSGT, AMY'
(a technologist: no practitioner, ASET's neurodiagnostic credentials) and 'GARCIA MD FACNS, LUIS' (the license and the
ACNS's fellowship) were not read as 'JONES, AMY CNIM' and 'GARCIA, LUIS MD FACNS' are, and one such cell left the
whole 'Provider' column of 'GARCIA MD, LUIS' and 'NGUYEN PA-C, TAM' unread: the PA's 99214 priced at a physician's
100%, not 85% (SSA §1833(a)(1)(O)(i)). Amounts are CMS's own fee (RVU26C x the 2026 GPCIs x the CF)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app
from rvucalc.lookup.credentials import credentials_after_names, provider_of

MINNESOTA = "0620200"  # ZIP 55455's locality (CMS's ZIP5 file)
NAMES = ["GARCIA MD, LUIS", "NGUYEN PA-C, TAM", "LEE NP, ANN M"]


def test_a_fellowship_after_the_license_is_read_as_the_license() -> None:
    assert provider_of("GARCIA MD FACNS, LUIS") == "physician"
    assert provider_of("KIM MD PHD, JO") == "physician"


@pytest.mark.parametrize("cell", ["JONES CNIM, AMY", "JONES RPSGT, AMY", "GARCIA MD FACNS, LUIS"])
def test_the_cell_beside_surname_credential_names_keeps_the_column_read(cell: str) -> None:
    assert credentials_after_names([*NAMES, cell])


def test_the_pa_beside_a_technologist_is_paid_85_percent(tmp_path: Path) -> None:
    source, out = tmp_path / "pm.csv", tmp_path / "out.csv"
    source.write_text(
        "Visit ID,DOS,CPT Code,Qty,POS,Rendering,Patient Zip\n"
        '1,20260803,99214,1,11,"GARCIA MD, LUIS",55455\n'
        '2,20260803,99214,1,11,"NGUYEN PA-C, TAM",55455\n'
        '3,20260803,95810,1,11,"JONES RPSGT, AMY",55455\n'
    )
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "provider ← Rendering" in result.stderr, result.stderr
    md, pa, _ = list(csv.DictReader(out.open()))
    assert Decimal(md["allowed"]) == fee_2026("99214", MINNESOTA)
    assert Decimal(pa["allowed"]) == (fee_2026("99214", MINNESOTA) * Decimal("0.85")).quantize(
        Decimal("0.01"), ROUND_HALF_UP
    )
