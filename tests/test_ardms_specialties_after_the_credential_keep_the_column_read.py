"""ARDMS lists a sonographer's specialties after the credential: "John Doe, RDMS (AB, OB), RDCS (AE, PE)" (Oregon's
OAR 337-010-0007), and an IDTF's or echo lab's billing export writes them so: 'ORTIZ, ANA RDCS (AE)', 'RDMS (AB, OB)',
'RVT, RDMS (AB)'. Such a cell left the whole 'Rendering Provider' column unread, the NP's 93306-26 beside it priced at
a physician's 100%. Read as the credential without them (lookup.credentials._without_specialties): a diagnostic
technologist's, the row not read with its note, the column read. Amounts are CMS's own fee (RVU26C x the 2026 GPCIs x
the CF)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import DATA, fee_2026
from rvucalc.cli import app
from rvucalc.lookup.credentials import (
    credentials_after_names,
    credentials_alone,
    not_a_practitioner_reason,
    provider_of,
)

DALLAS = "0441211"  # ZIP 75201's locality (CMS's ZIP5 file)
NAMES = ["PATEL, ANIL MD", "NGUYEN, LAN NP"]
REASON = "diagnostic technologist's credential"


def _row_2026(code: str, modifier: str) -> list[str]:
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1") as handle:
        return next(row for row in csv.reader(handle) if row[:2] == [code, modifier])


@pytest.mark.parametrize("sonographer", ["ORTIZ, ANA RDCS (AE)", "RDMS (AB, OB)", "RDCS (AE, PE)", "RVT, RDMS (AB)",
                                         "ORTIZ, ANA RDMS (AB, OB/GYN), RVT", "RDCS(AE)"])  # fmt: skip
def test_an_ardms_specialty_form_keeps_a_column_of_names_read(sonographer: str) -> None:
    assert credentials_after_names([*NAMES, sonographer])
    assert REASON in (not_a_practitioner_reason(sonographer) or "")


def test_an_ardms_specialty_form_beside_credentials_alone_keeps_the_column_read() -> None:
    assert credentials_alone(["MD", "NP", "RDMS (AB, OB)"])


def test_a_physician_s_ardms_specialty_form_after_the_license_is_the_physician_s() -> None:
    assert provider_of("LOPEZ, CARMEN MD, RDMS (AB)") == "physician"


def test_the_np_beside_a_sonographer_s_specialty_form_is_paid_85_percent(tmp_path: Path) -> None:
    source, out = tmp_path / "echo.csv", tmp_path / "out.csv"
    rows = [("93306", "26", "PATEL, ANIL MD"), ("93306", "26", "NGUYEN, LAN NP"),
            ("93306", "TC", "ORTIZ, ANA RDCS (AE)")]  # fmt: skip
    source.write_text(
        "Encounter Number,Service Date (MM/DD/YYYY),Procedure,Modifier 1,Qty,Place of Service,Patient ZIP,"
        "Rendering Provider\n"
        + "".join(f'ENC{n},08/03/2026,{code},{mod},1,11,75201,"{who}"\n' for n, (code, mod, who) in enumerate(rows))
    )
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--columns", "code=Procedure"])
    assert result.exit_code == 0, result.output
    assert "provider ← Rendering Provider" in result.stderr, result.stderr
    md_row, np_row, tech_row = list(csv.DictReader(out.open()))
    reading = fee_2026(_row_2026("93306", "26"), DALLAS)
    assert Decimal(md_row["allowed"]) == reading
    assert Decimal(np_row["allowed"]) == (reading * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP), np_row
    assert Decimal(tech_row["allowed"]) == fee_2026(_row_2026("93306", "TC"), DALLAS)  # the IDTF's TC, in full
    assert REASON in tech_row["note"], tech_row
