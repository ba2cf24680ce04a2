"""``rvucalc price 99213 --provider 'Registered Nurse'`` ('RN', 'JOHN SMITH MD PA') gave the generic list of words, and
batch's note for such a provider cell the generic list of credentials: a nurse bills Medicare under no number of
their own (their services are billed incident to a practitioner's, Benefit Policy Manual ch. 15 §60) and a practice's
name is no credential. Both now say so in the same words (credentials.not_a_practitioner_reason); price still exits
2, batch still prices the row as its --provider's line (CMS's RVU26C x the GPCIs x the CF)."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app

DAY = "2026-08-03"
HOUSTON = "0441218"  # ZIP 77030's locality (CMS's ZIP5 file)
runner = CliRunner()
NURSES = ["RN", "Registered Nurse", "LPN", "DOE, JANE RN", "DOE, JANE BSN, RN"]
PRACTICES = ["JOHN SMITH MD PA", "SUNCOAST MEDICAL GROUP, P.A."]


def _price_reason(cell: str) -> str:
    done = runner.invoke(app, ["price", "99213", "--zip", "77030", "--date", DAY, "--provider", cell])
    assert done.exit_code == 2, done.output
    assert "choose physician, np" not in done.output  # not the generic list of a misspelt word
    return " ".join(done.output.split(f"--provider {cell!r}: ", 1)[1].split())


@pytest.mark.parametrize("cell", NURSES)
def test_price_says_a_nurse_bills_under_no_number_of_their_own(cell: str) -> None:
    assert "nurse bills Medicare under no number of their own" in _price_reason(cell)


@pytest.mark.parametrize("cell", PRACTICES)
def test_price_says_a_practice_s_name_is_no_credential(cell: str) -> None:
    assert _price_reason(cell).startswith("A practice's name is no credential")


def test_batch_notes_the_same_reason_price_gives(tmp_path: Path) -> None:
    cells = [*NURSES, *PRACTICES]
    source = tmp_path / "claims.csv"
    source.write_text(
        "Claim ID,DOS,POS,CPT Code,Rendering Provider,Svc Loc Zip\n"
        + "".join(f'C{n},{DAY},11,99213,"{cell}",77030\n' for n, cell in enumerate(cells))
    )
    out = tmp_path / "out.csv"
    done = runner.invoke(app, ["batch", str(source), "-o", str(out), "--columns", "provider=Rendering Provider"])
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(out.open()))
    for cell, row in zip(cells, rows, strict=True):
        assert f"Provider {cell!r} not read as a practitioner: priced as a physician's line" in row["note"], row
        reason = _price_reason(cell).split(". Give", 1)[0]
        assert reason in row["note"], (reason, row["note"])
        assert "NP (FNP, CRNP" not in row["note"]  # the specific reason, not the generic list
        assert Decimal(row["allowed"]) == fee_2026("99213", HOUSTON)
