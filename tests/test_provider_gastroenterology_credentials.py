"""A gastroenterology group's credential lists: its physicians' fellowships after the license ('CHEN, MICHAEL MD,
FACG': the American College of Gastroenterology's Fellow, MACG its Master; 'MD, AGAF': the American Gastroenterological
Association's Fellow; 'MORRIS, JANE DO, FASGE': the American Society for Gastrointestinal Endoscopy's Fellow), and the
gastroenterology nurse's certification (CGRN, a registered nurse's) beside an NP's license. A GI group's trial (session
76): 'SMITH, ROBERT MD, FACP, FACG, AGAF' left the 'Rendering Provider' column unread, the NP's 99214 at POS 11 in ZIP
30342 priced at a physician's 100% where an NP's line is paid 85% (42 CFR 414.56(c)), and 'CHEN, MICHAEL MD, FACG' or
'DO, FASGE' noted on each line as "not read as a practitioner" and counted; `price --provider 'CHEN, MICHAEL MD, FACG'`
was refused (exit 2). Each amount is checked against CMS's own fee (RVU26C x the 2026 GPCIs x the CF)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.batch.lines import provider_of
from rvucalc.cli import app

ATLANTA = "1021201"  # ZIP 30342's locality (CMS's ZIP5 file: 10212 / 01)


def _85_percent(amount: Decimal) -> Decimal:
    return (amount * Decimal("0.85")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.mark.parametrize(
    "cell",
    ["CHEN, MICHAEL MD, FACG", "MD, AGAF", "MORRIS, JANE DO, FASGE", "MD, MACG", "SMITH, ROBERT MD, FACP, FACG, AGAF",
     "MD, FACG, FASGE, AGAF", "DO, FACG"],
)  # fmt: skip
def test_a_gastroenterology_fellowship_beside_the_license_is_left_out(cell: str) -> None:
    assert provider_of(cell) == "physician"


@pytest.mark.parametrize("cell", ["BROOKS, ANN APRN, FNP-C, CGRN", "NP-C, CGRN", "FNP-BC, CGRN"])
def test_the_gastroenterology_nurse_certification_beside_the_np_s_license_is_left_out(cell: str) -> None:
    assert provider_of(cell) == "np"


@pytest.mark.parametrize("cell", ["FACG", "AGAF", "FASGE", "CGRN"])
def test_a_fellowship_or_certification_alone_names_no_practitioner(cell: str) -> None:
    with pytest.raises(ValueError):
        provider_of(cell)


def test_gastroenterology_fellowships_keep_the_rendering_column_read_and_the_np_paid_85_percent(tmp_path: Path) -> None:
    source = tmp_path / "gi.csv"
    source.write_text(
        "Claim #,DOS,CPT Code,Mod 1,Units,POS,Rendering Provider,Svc Loc ZIP\n"
        'G1,03/11/2026,99214,,1,11,"LEE, SARAH NP",30342\n'
        'G2,03/11/2026,99213,,1,11,"SMITH, ROBERT MD, FACP, FACG, AGAF",30342\n'
        'G3,03/11/2026,99215,,1,11,"CHEN, MICHAEL MD, FACG",30342\n'
        'G4,03/11/2026,99204,,1,11,"MORRIS, JANE DO, FASGE",30342\n'
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "provider ← Rendering Provider" in result.stderr, result.stderr
    np_row, facg_agaf_row, facg_row, fasge_row = list(csv.DictReader(out.open()))
    assert Decimal(np_row["allowed"]) == _85_percent(fee_2026("99214", ATLANTA)), np_row
    assert Decimal(facg_agaf_row["allowed"]) == fee_2026("99213", ATLANTA), facg_agaf_row
    assert Decimal(facg_row["allowed"]) == fee_2026("99215", ATLANTA), facg_row
    assert Decimal(fasge_row["allowed"]) == fee_2026("99204", ATLANTA), fasge_row
    notes = facg_agaf_row["note"] + facg_row["note"] + fasge_row["note"]
    assert "not read" not in notes, notes


def test_price_takes_the_gastroenterologist_s_fellowship_after_the_license() -> None:
    result = CliRunner().invoke(
        app, ["price", "99213", "--zip", "30342", "--date", "2026-03-11", "--provider", "CHEN, MICHAEL MD, FACG",
              "--format", "csv"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    row = next(csv.DictReader(line for line in result.stdout.splitlines() if line))
    assert Decimal(row["non_facility_amount"]) == fee_2026("99213", ATLANTA), row


def test_a_gi_nurse_s_cgrn_after_a_name_is_a_nurse_s_cell_and_keeps_the_column_read(tmp_path: Path) -> None:
    """ABCGN's Certified Gastroenterology Registered Nurse is a registered nurse's certification ("Candidates must
    submit a current and unrestricted ... Registered Nurse (RN) license number", abcgn.org): 'JONES, AMY CGRN' and
    'JONES, AMY RN, CGRN' are a nurse's cells, read as 'RN' is (the nurse's note), as AACN's CCRN is; they left the
    column unread and the NP's 99214 beside them at a physician's 100%. The NP's is 85% of RVU26C's fee in Atlanta."""
    source = tmp_path / "gi_nurse.csv"
    source.write_text(
        "Claim #,DOS,CPT Code,Units,POS,Rendering Provider,Svc Loc ZIP\n"
        'N1,03/11/2026,99214,1,11,"LEE, SARAH NP",30342\n'
        'N2,03/11/2026,99213,1,11,"JONES, AMY CGRN",30342\n'
        'N3,03/11/2026,99213,1,11,"JONES, AMY RN, CGRN",30342\n'
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "provider ← Rendering Provider" in result.stderr, result.stderr
    np_row, cgrn_row, rn_cgrn_row = list(csv.DictReader(out.open()))
    assert Decimal(np_row["allowed"]) == _85_percent(fee_2026("99214", ATLANTA)), np_row
    for row in (cgrn_row, rn_cgrn_row):
        assert "nurse" in row["note"].lower(), row
