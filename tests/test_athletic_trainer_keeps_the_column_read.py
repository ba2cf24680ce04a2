"""An orthopaedic and sports medicine group's export names its athletic trainers on the rows they saw: a 'Rendering
Provider' of 'HARRIS, MARK MD', 'COLE, JENNA PA-C', 'REYES, LUIS FNP-C' and one 'BRANDT, KYLE ATC' (or 'ATC, LAT',
'MS, ATC'). That one cell left the whole column unread, the PA's 20611-RT and the NP's 99213 priced at a physician's
100%. Medicare enrols no athletic trainer: the practice bills their work incident to a practitioner's (Benefit Policy
Manual ch. 15 §60), and physical therapy only when furnished by one meeting a physical therapist's qualifications (42
CFR 410.60(a)): lookup.credentials.ATHLETIC_TRAINERS. Their row is not read (its note says why), the column is; after
a practitioner's license ('PA-C, ATC', 'PTA, ATC') the license is read. Amounts are CMS's own fee (RVU26C x the 2026
GPCIs x the CF)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app
from rvucalc.lookup.credentials import assistant_of, credentials_after_names, not_a_practitioner_reason, provider_of

DALLAS = "0441211"  # ZIP 75231's locality (CMS's ZIP5 file)
NAMES = ["HARRIS, MARK MD", "COLE, JENNA PA-C", "REYES, LUIS FNP-C"]
REASON = "athletic trainer's credential"


TRAINERS = ["BRANDT, KYLE ATC", "ATC", "ATC, LAT", "LAT", "MS, ATC", "BRANDT, KYLE MS, ATC", "BRANDT, KYLE ATC, LAT"]


@pytest.mark.parametrize("trainer", TRAINERS)
def test_an_athletic_trainer_keeps_a_column_of_names_read(trainer: str) -> None:
    assert credentials_after_names([*NAMES, trainer])
    assert REASON in (not_a_practitioner_reason(trainer) or "")


def test_a_practitioner_who_is_an_athletic_trainer_is_read_by_the_license() -> None:
    assert provider_of("COLE, JENNA PA-C, ATC") == "pa"
    assert provider_of("PA-C, LAT") == "pa"
    assert provider_of("MILLER, ANNA PT, DPT, ATC") == "therapist"
    assert assistant_of("RUIZ, MARIA PTA, ATC") == "CQ"
    assert not_a_practitioner_reason("COLE, JENNA PA-C, ATC") is None


def test_the_pa_and_np_beside_an_athletic_trainer_are_paid_85_percent(tmp_path: Path) -> None:
    source, out = tmp_path / "ortho.csv", tmp_path / "out.csv"
    rows = [
        ("D1", "20611", "RT", "HARRIS, MARK MD"),
        ("D2", "20611", "RT", "COLE, JENNA PA-C"),
        ("D3", "99213", "", "REYES, LUIS FNP-C"),
        ("D4", "97110", "GP", "BRANDT, KYLE ATC"),
    ]
    source.write_text(
        "Claim ID,DOS,Rendering Provider,POS,Svc Facility ZIP,CPT,Mod 1,Units\n"
        + "".join(f'{claim},08/04/2026,"{who}",11,75231,{code},{mod},1\n' for claim, code, mod, who in rows)
    )
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "provider ← Rendering Provider" in result.stderr, result.stderr
    md_row, pa_row, np_row, trainer_row = list(csv.DictReader(out.open()))
    cents = Decimal("0.01")
    assert Decimal(md_row["allowed"]) == fee_2026("20611", DALLAS)
    assert Decimal(pa_row["allowed"]) == (fee_2026("20611", DALLAS) * Decimal("0.85")).quantize(cents, ROUND_HALF_UP)
    assert Decimal(np_row["allowed"]) == (fee_2026("99213", DALLAS) * Decimal("0.85")).quantize(cents, ROUND_HALF_UP)
    assert REASON in trainer_row["note"] and "42 CFR 410.60(a)" in trainer_row["note"], trainer_row


def test_price_refuses_an_athletic_trainer_as_the_provider_with_the_reason() -> None:
    result = CliRunner().invoke(app, ["price", "97110-GP", "--provider", "BRANDT, KYLE ATC", "--zip", "75231"])
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert REASON in said and "Leave --provider out" in said, said


@pytest.mark.parametrize("trainer", ["BRANDT, KYLE ATC/L", "ATC/L", "BRANDT, KYLE MS, ATC/L"])
def test_an_athletic_trainer_s_atc_slash_l_keeps_the_column_read_and_the_pa_at_85_percent(
    tmp_path: Path, trainer: str
) -> None:
    """'ATC/L', the licensed athletic trainer's form the Illinois Athletic Trainers' Association found its members
    using: a review found one such cell left the 'Rendering Provider' column unread, the PA's 20611-RT at 100%."""
    assert credentials_after_names([*NAMES, trainer])
    assert REASON in (not_a_practitioner_reason(trainer) or "")
    assert provider_of("COLE, JENNA PA-C, ATC/L") == "pa"
    source, out = tmp_path / "ortho.csv", tmp_path / "out.csv"
    rows = [("D1", "20611", "RT", "COLE, JENNA PA-C"), ("D2", "99213", "", "REYES, LUIS FNP-C"),
            ("D3", "97110", "GP", trainer), ("D4", "20611", "RT", "HARRIS, MARK MD")]  # fmt: skip
    source.write_text(
        "Claim ID,DOS,Rendering Provider,POS,Svc Facility ZIP,CPT,Mod 1,Units\n"
        + "".join(f'{claim},08/04/2026,"{who}",11,75231,{code},{mod},1\n' for claim, code, mod, who in rows)
    )
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    pa_row, np_row, trainer_row, _ = list(csv.DictReader(out.open()))
    cents = Decimal("0.01")
    assert Decimal(pa_row["allowed"]) == (fee_2026("20611", DALLAS) * Decimal("0.85")).quantize(cents, ROUND_HALF_UP)
    assert Decimal(np_row["allowed"]) == (fee_2026("99213", DALLAS) * Decimal("0.85")).quantize(cents, ROUND_HALF_UP)
    assert REASON in trainer_row["note"], trainer_row
