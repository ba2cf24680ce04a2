"""A behavioral health group's export named its columns 'Enc ID' and 'Clinician Credentials' (beside 'Clinician', the
name): batch read neither, only hinted them, so every line was priced alone and as a physician's. Its LCSW's 90837 at
Chicago (POS 11, January 2025) was paid 100% of the PFS amount, not the 75% of 42 CFR 414.53; its PMHNP-BC's 99213 100%,
not an NP's 85%; and a psychiatrist's G2211 beside his 99214-25 of the same encounter was priced, where CMS pays no
G2211 with an E/M-25 (Transmittal 13015). Both columns are read now: every amount is CMS's (RVU25A x the 2025 Chicago
GPCIs x the file's CF, rounded once half-up, then the practitioner's share rounded once)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import TESTS
from rvucalc.batch.columns import missing_role_notices, resolve_columns
from rvucalc.cli import app

CENT = Decimal("0.01")
NAMES = ["Enc ID", "Service Date", "CPT Code", "Modifier(s)", "Units", "Place of Service", "Patient ZIP", "Clinician",
         "Clinician Credentials"]  # fmt: skip


def _cms_chicago_2025(code: str) -> Decimal:
    """The code's office amount at Chicago (MAC 06102, locality 16) from the shipped RVU25A and 2025 GPCI files."""
    data = TESTS.parent / "data"
    with open(data / "rvu" / "2025" / "PPRRVU25_JAN.csv", newline="", encoding="latin-1") as handle:
        rvu = next(row for row in csv.reader(handle) if row[:2] == [code, ""])
    with open(data / "gpci" / "2025" / "GPCI2025.csv", newline="", encoding="latin-1") as handle:
        gpci = next(row for row in csv.reader(handle) if row[:4] == ["06102", "IL", "16", "CHICAGO"])
    work, pe, mp, cf = (Decimal(rvu[i]) for i in (5, 6, 10, 24))
    exact = (work * Decimal(gpci[4]) + pe * Decimal(gpci[5]) + mp * Decimal(gpci[6])) * cf
    return exact.quantize(CENT, rounding=ROUND_HALF_UP)


@pytest.mark.parametrize("name", ["Clinician Credentials", "Clinician Credential", "Clinician Cred", "Clinician Creds"])
def test_clinician_credentials_is_the_provider_column_and_enc_id_the_claim(name: str) -> None:
    names = [*NAMES[:-1], name]
    columns = resolve_columns(names, {})
    assert columns.position("provider") == len(names) - 1
    assert columns.position("claim") == 0
    assert not [n for n in missing_role_notices(columns) if "not read" in n or "looks like one" in n]


def test_clinician_credentials_and_enc_id_price_each_practitioner_s_share_and_the_encounter(tmp_path: Path) -> None:
    source = tmp_path / "bh.csv"
    source.write_text(",".join(NAMES) + "\n"
                      'BH-1,01/06/2025,90837,,1,11,60614,"Davis, Eve",LCSW\n'
                      'BH-2,01/14/2025,99213,,1,11,60614,"Jones, Anna",PMHNP-BC\n'
                      'BH-3,01/13/2025,99214,25,1,11,60614,"Smith, Robert",MD\n'
                      'BH-3,01/13/2025,G2211,,1,11,60614,"Smith, Robert",MD\n')  # fmt: skip
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "claim ← Enc ID" in result.stderr and "provider ← Clinician Credentials" in result.stderr, result.stderr
    csw, np, visit, g2211 = csv.DictReader(out.open())
    assert Decimal(csw["allowed"]) == (_cms_chicago_2025("90837") * Decimal("0.75")).quantize(CENT, ROUND_HALF_UP)
    assert Decimal(np["allowed"]) == (_cms_chicago_2025("99213") * Decimal("0.85")).quantize(CENT, ROUND_HALF_UP)
    assert Decimal(visit["allowed"]) == _cms_chicago_2025("99214")
    assert Decimal(g2211["allowed"]) == 0 and "modifier 25" in g2211["note"], g2211
