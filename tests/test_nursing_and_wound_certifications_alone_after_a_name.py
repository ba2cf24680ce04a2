"""Certifications alone after a name, and a podiatrist's fellowships after the DPM, in a wound center's 'Rendering
Provider' column (99213 at POS 11 in Atlanta's ZIP 30309, 2026-08-04). Session 74 read a
registered nurse's own WOCNCB and NBDHMT certifications alone after a name as a nurse's cell; HPCC's CHPN and AACN's
CCRN ask an RN license of their holders too, and read so. ABWM's CWS, NAWCO's DWC and the CHWS are held by physicians,
podiatrists, therapists and nurses alike: alone after a name the row is not read, its note saying it does not say who
billed, and the column of names is read. ACFAS's Associate, ACPM's and ASPS's Fellows after a DPM leave the DPM read.
'(RPFT)' in parentheses is the technologist's, as 'RPFT' is. Each of these left the column unread, the NP's 99213 priced
at a physician's 100%; it is 85% of RVU26C's non-facility fee in ATLANTA (42 CFR 414.56(c)), $82.20 of $96.71."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app
from rvucalc.lookup.credentials import credentials_after_names, provider_not_read_note, provider_of

ATLANTA = "1021201"  # ZIP 30309's carrier 10212, locality 01 (CMS's ZIP5 file)
NAMES = ["HALL, TOM MD", "BROOKS, KAREN NP"]
NURSES = ["JONES, AMY CHPN", "JONES, AMY CCRN"]
SHARED = ["SMITH, JANE DWC", "SMITH, JANE CWS", "LEE, ANN CHWS"]
PODIATRISTS = ["DOE, JOHN DPM, AACFAS", "DOE, JOHN DPM, FACPM", "DOE, JOHN DPM, FASPS"]


@pytest.mark.parametrize("cell", [*NURSES, *SHARED, *PODIATRISTS, "(RPFT)", "LEE, KIM (RPFT)"])
def test_the_cell_beside_names_keeps_the_column_read(cell: str) -> None:
    assert credentials_after_names([*NAMES, cell])


def test_a_dpm_s_fellowship_leaves_the_dpm_read_and_a_license_decides_beside_a_shared_certification() -> None:
    for cell in PODIATRISTS:
        assert provider_of(cell) == "physician"
    assert provider_of("NP-C, DWC") == provider_of("BROOKS, KAREN NP, CWS") == "np"
    assert provider_of("MD, CHWS") == "physician"


def test_notes_say_whose_cell_it_is() -> None:
    for cell in NURSES:
        assert "nurse bills Medicare under no number" in provider_not_read_note(cell, "physician")
    for cell in SHARED:
        assert "does not say who billed" in provider_not_read_note(cell, "physician")
    assert "diagnostic technologist" in provider_not_read_note("(RPFT)", "physician")


def test_the_np_beside_them_is_paid_85_percent(tmp_path: Path) -> None:
    cells = [*NAMES, "SMITH, JANE DWC", "JONES, AMY CHPN", "DOE, JOHN DPM, AACFAS", "LEE, KIM (RPFT)"]
    source, out = tmp_path / "wound.csv", tmp_path / "out.csv"
    source.write_text(
        "Claim,DOS,CPT,Units,POS,Rendering Provider,Patient ZIP\n"
        + "".join(f'W{n},2026-08-04,99213,1,11,"{cell}",30309\n' for n, cell in enumerate(cells))
    )
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "provider ← Rendering Provider" in result.stderr, result.stderr
    fee = fee_2026("99213", ATLANTA)
    np = (fee * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert (fee, np) == (Decimal("96.71"), Decimal("82.20"))
    rows = list(csv.DictReader(out.open()))
    assert [Decimal(row["allowed"]) for row in rows[:3]] + [Decimal(rows[4]["allowed"])] == [fee, np, fee, fee]
    assert "does not say who billed" in rows[2]["note"]
    assert "nurse bills Medicare under no number" in rows[3]["note"]
    assert "not read as a practitioner" not in rows[4]["note"]
    assert "diagnostic technologist" in rows[5]["note"]
