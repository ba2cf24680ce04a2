"""'SURNAME CRED, CRED, GIVEN': some exports list a provider as the surname, the license, more credentials between
commas, then the given name ('OKONKWO MD, FCCP, CHIDI', 'NGUYEN NP, FNP-C, LINH'). Such a cell raised, and one of them
left a whole 'Rendering Provider' column unread: every NP's line in it priced at a physician's 100%. It is read as
'OKONKWO, CHIDI MD, FCCP' is: the NP's 99213 at POS 11 in ZIP 60611 (2026-08-03) is 85% of RVU26C's non-facility fee in
CHICAGO (42 CFR 414.56(c)), $84.69 of $99.63. The word after the credentials is a given name only there: a credential
in its place keeps the list's reading ('SMITH MD, FCCP, PA-C': the PA's)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app
from rvucalc.lookup.credentials import credentials_after_names, provider_of

CHICAGO = "0610216"  # ZIP 60611's carrier 06102, locality 16 (CMS's ZIP5 file)


def test_surname_credentials_then_given_name_is_read_as_the_license() -> None:
    assert provider_of("OKONKWO MD, FCCP, CHIDI") == provider_of("OKONKWO, CHIDI MD, FCCP") == "physician"
    assert provider_of("OKONKWO MD, FCCP, DAABIP, CHIDI") == "physician"
    assert provider_of("NGUYEN NP, FNP-C, LINH") == provider_of("NGUYEN, LINH NP, FNP-C") == "np"
    assert provider_of("NGUYEN NP, FNP-C, LINH M") == "np"


def test_a_credential_after_the_credentials_is_no_given_name() -> None:
    assert provider_of("SMITH MD, FCCP, PA-C") == "pa"  # the list's last license, as 'SMITH MD, PA-C'
    for cell in ("FOX NP, CNM, AMY", "SMITH MD, JOHN, ANN", "PAIN MD, FCCP, LLC", "ANH DO, FACOI, JR"):
        with pytest.raises(ValueError):
            provider_of(cell)  # two practitioner types; a name between commas; a practice's form; a surname's suffix


def test_the_np_beside_surname_credentials_given_names_is_paid_85_percent(tmp_path: Path) -> None:
    cells = ["OKONKWO MD, FCCP, CHIDI", "NGUYEN NP, FNP-C, LINH", "KOWALSKI, JAN DO"]
    assert credentials_after_names(cells)
    source, out = tmp_path / "pulm.csv", tmp_path / "out.csv"
    source.write_text(
        "Claim,DOS,CPT,Units,POS,Rendering Provider,Patient ZIP\n"
        + "".join(f'C{n},2026-08-03,99213,1,11,"{cell}",60611\n' for n, cell in enumerate(cells))
    )
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "provider ← Rendering Provider" in result.stderr, result.stderr
    fee = fee_2026("99213", CHICAGO)
    assert fee == Decimal("99.63")
    np = (fee * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert [Decimal(row["allowed"]) for row in csv.DictReader(out.open())] == [fee, np, fee] == [
        Decimal("99.63"), Decimal("84.69"), Decimal("99.63")]  # fmt: skip
