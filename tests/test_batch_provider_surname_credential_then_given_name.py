"""Some practice management systems list a provider as the surname, the credential, then the given name ('GARCIA MD,
LUIS', 'NGUYEN PA-C, TAM'). An interventional pain practice's export had one such cell beside fourteen names ending in
their credential: its 'Rendering' column was left unread and the PAs' 99214 priced at a physician's 100%. The cell is
read as 'GARCIA, LUIS MD': the column is read, the PA's line at 85% of the RVU26C non-facility fee in ARIZONA (42 CFR
414.52(d)), the physician's at 100%."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app
from rvucalc.lookup.credentials import provider_of

runner = CliRunner()
HEADER = "Encounter #,From DOS,Proc Code,Modifier 1,Units,Place of Svc,Rendering,Pat Zip\n"
ROW = '{claim},08/05/2026,99214,25,1,11,"{cell}",85016\n'


def test_a_surname_credential_given_name_cell_is_read_with_its_column(tmp_path: Path) -> None:
    cells = ["GARCIA MD, LUIS", "NGUYEN PA-C, TAM", "KELLY, ERIN PA-C", "PATEL, ANIKA DO"]
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text(HEADER + "".join(ROW.format(claim=f"E{n}", cell=cell) for n, cell in enumerate(cells)))
    result = runner.invoke(app, ["batch", str(source), "-o", str(target), "--zip", "85016"])
    assert result.exit_code == 0, result.output
    assert "provider ← Rendering" in result.stderr and "is not read" not in result.stderr
    fee = fee_2026("99214", "0310200")
    pa = (fee * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert [Decimal(row["allowed"]) for row in csv.DictReader(target.open())] == [fee, pa, pa, fee]


def test_the_cell_reads_as_its_credential_and_other_names_as_before() -> None:
    assert provider_of("GARCIA MD, LUIS") == provider_of("GARCIA, LUIS MD") == "physician"
    assert provider_of("NGUYEN PA-C, TAM") == provider_of("NGUYEN, TAM PA-C") == "pa"
    assert provider_of("LEE NP, ANN M") == "np" and provider_of("SMITH JR, JOHN MD") == "physician"


def test_a_credential_or_a_practice_s_form_after_the_comma_is_no_given_name(tmp_path: Path) -> None:
    """'SMITH MD, PA-C' (a foreign medical graduate working as a PA) is the PA's, as before the surname-credential-given
    reading: the PA-C after the comma is no given name, its hyphen read as any credential's is. 'PAIN MD, LLC' and
    'SMITH DO, PC' are a practice's name and its form, 'ANH DO, JR' a surname's suffix: none is read as an MD's or DO's
    name (the review found 'SMITH MD, PA-C' priced at a physician's $132.86 in ZIP 85016, not the PA's 85%)."""
    assert provider_of("SMITH MD, PA-C") == provider_of("SMITH, JOHN MD, PA-C") == "pa"
    for cell in ("PAIN MD, LLC", "SPINE MD, PC", "SMITH DO, PC", "ANH DO, JR"):
        with pytest.raises(ValueError):
            provider_of(cell)
    cells = ["GARCIA MD, LUIS", "SMITH MD, PA-C", "PAIN MD, LLC", "KELLY, ERIN PA-C"]
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text(HEADER + "".join(ROW.format(claim=f"E{n}", cell=cell) for n, cell in enumerate(cells)))
    result = runner.invoke(app, ["batch", str(source), "-o", str(target), "--zip", "85016"])
    assert result.exit_code == 0, result.output
    fee = fee_2026("99214", "0310200")
    pa = (fee * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    rows = list(csv.DictReader(target.open()))
    assert [Decimal(row["allowed"]) for row in rows] == [fee, pa, fee, pa]
    assert "not read as a practitioner" in rows[2]["note"]
