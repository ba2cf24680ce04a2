"""A dermatology and Mohs surgery practice's credential cells: the MD or DO beside dermatology's fellowships ('MD,
FAAD', 'MD, FACMS', 'DO, FAOCD') and a law degree ('DO, JD, FAOCD'). A trial's ModMed-style export found one 'Vega,
Ramon MD, FACMS' in its 'Provider' column: the whole column was left unread for it, and the practice's PA-C's 99213-25
at POS 11 in ZIP 85251 priced at a physician's 100%, where the PA's line is paid 85%. Each amount is checked against
CMS's own fee (RVU26C x the 2026 GPCIs x the CF)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.batch.lines import provider_of
from rvucalc.cli import app

ARIZONA = "0310200"  # ZIP 85251's locality (CMS's ZIP5 file)


def _85_percent(amount: Decimal) -> Decimal:
    return (amount * Decimal("0.85")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.mark.parametrize(
    "cell",
    ["MD, FAAD", "MD FAAD", "Vega, Ramon MD, FACMS", "DO, FAOCD", "DO, FAOCD, FAAD", "DO, JD, FAOCD",
     "LOBER, CLIFFORD MD, JD, FAAD", "Harlan, Simon MD, FCAP", "MD, FCAP", "DO, IFCAP"],
)  # fmt: skip
def test_a_dermatology_fellowship_beside_the_md_or_do_is_left_out(cell: str) -> None:
    assert provider_of(cell) == "physician"


@pytest.mark.parametrize("cell", ["PA-C, DFAAPA", "Brennan, Katie MSPAS PA-C DFAAPA", "BRENNAN, KATIE PA-C, DFAAPA"])
def test_aapas_distinguished_fellow_beside_the_pa_c_is_left_out(cell: str) -> None:
    assert provider_of(cell) == "pa"


def test_a_dfaapa_keeps_the_provider_column_read_and_the_pa_paid_85_percent(tmp_path: Path) -> None:
    source = tmp_path / "modmed.csv"
    source.write_text(
        "Visit ID,DOS,CPT Code,Modifiers,Qty,Place of Service,Location Zip,Provider\n"
        'V1,03/12/2026,99213,25,1,11,85251,"Brennan, Katie MSPAS PA-C DFAAPA"\n'
        'V2,03/12/2026,99213,,1,11,85251,"Okafor, Daniel DO"\n'
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "provider ← Provider" in result.stderr
    pa_row, do_row = list(csv.DictReader(out.open()))
    fee = fee_2026("99213", ARIZONA)
    assert Decimal(pa_row["allowed"]) == _85_percent(fee), pa_row
    assert Decimal(do_row["allowed"]) == fee, do_row


@pytest.mark.parametrize("cell", ["FAAD", "FACMS", "FAOCD", "JD", "DFAAPA", "FCAP"])
def test_a_dermatology_fellowship_alone_names_no_practitioner(cell: str) -> None:
    with pytest.raises(ValueError, match="give the practitioner"):
        provider_of(cell)


def test_a_facms_keeps_the_provider_column_read_and_the_pa_paid_85_percent(tmp_path: Path) -> None:
    source = tmp_path / "modmed.csv"
    source.write_text(
        "Visit ID,DOS,CPT Code,Modifiers,Qty,Place of Service,Location Zip,Provider\n"
        'V1,03/12/2026,99213,25,1,11,85251,"Brennan, Katie PA-C"\n'
        'V2,03/25/2026,99213,,1,11,85004,"Vega, Ramon MD, FACMS"\n'
        'V3,03/12/2026,99213,,1,11,85251,"Whitfield, Laura MD, FAAD"\n'
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "provider ← Provider" in result.stderr
    pa_row, facms_row, faad_row = list(csv.DictReader(out.open()))
    fee = fee_2026("99213", ARIZONA)
    assert Decimal(pa_row["allowed"]) == _85_percent(fee), pa_row
    assert Decimal(facms_row["allowed"]) == fee, facms_row
    assert Decimal(faad_row["allowed"]) == fee, faad_row
    assert "not read" not in facms_row["note"] and "not read" not in faad_row["note"]


def test_a_dermatopathologists_fcap_keeps_the_provider_column_read_and_the_pa_paid_85_percent(tmp_path: Path) -> None:
    source = tmp_path / "modmed.csv"
    source.write_text(
        "Visit ID,DOS,CPT Code,Modifiers,Qty,Place of Service,Location Zip,Provider\n"
        'V1,03/12/2026,99213,25,1,11,85251,"Brennan, Katie PA-C"\n'
        'V2,03/10/2026,88305,,3,11,85004,"Harlan, Simon MD, FCAP"\n'
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "provider ← Provider" in result.stderr
    pa_row, path_row = list(csv.DictReader(out.open()))
    assert Decimal(pa_row["allowed"]) == _85_percent(fee_2026("99213", ARIZONA)), pa_row
    assert Decimal(path_row["allowed"]) == 3 * fee_2026("88305", ARIZONA), path_row  # the global 88305, 3 units


def test_one_unknown_fellowship_after_a_license_no_longer_leaves_the_provider_column_unread(tmp_path: Path) -> None:
    # 'FRCPC' (a Canadian-trained dermatologist's Royal College fellowship) is no credential rvucalc knows: its row is
    # priced as the run's --provider (a physician's, right here) with its note, and the PA-C's beside it at 85%
    source = tmp_path / "modmed.csv"
    source.write_text(
        "Visit ID,DOS,CPT Code,Modifiers,Qty,Place of Service,Location Zip,Provider\n"
        'V1,03/12/2026,99213,25,1,11,85251,"Brennan, Katie PA-C"\n'
        'V2,03/11/2026,17311,,1,11,85251,"LAURENT, MARC MD, FRCPC"\n'
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "provider ← Provider" in result.stderr
    assert "1 row whose provider cell names no practitioner" in result.stderr
    pa_row, md_row = list(csv.DictReader(out.open()))
    assert Decimal(pa_row["allowed"]) == _85_percent(fee_2026("99213", ARIZONA)), pa_row
    assert Decimal(md_row["allowed"]) == fee_2026("17311", ARIZONA), md_row
    assert "'LAURENT, MARC MD, FRCPC' not read as a practitioner" in md_row["note"], md_row


@pytest.mark.parametrize("cell", ["SMITH, JOHN", "DOE, JANE RN, XYZ", "Smith, John MD, Jr"])
def test_a_cell_without_a_license_before_its_last_letters_keeps_the_column_unread(cell: str) -> None:
    from rvucalc.lookup.credentials import credentials_after_names

    assert not credentials_after_names(["Brennan, Katie PA-C", cell])


@pytest.mark.parametrize(
    ("cell", "provider"),
    [("Doctor of Medicine", "physician"), ("Doctor of Osteopathy", "physician"),
     ("Doctor of Osteopathic Medicine", "physician"), ("Physician Associate", "pa")],
)  # fmt: skip
def test_the_md_and_do_degrees_spelled_out_and_the_pas_new_title_are_read(cell: str, provider: str) -> None:
    assert provider_of(cell) == provider


def test_a_provider_type_column_of_spelled_out_degrees_reads_the_physician_associate_at_85_percent(
    tmp_path: Path,
) -> None:
    source = tmp_path / "modmed.csv"
    source.write_text(
        "Visit ID,DOS,CPT Code,Modifiers,Qty,Place of Service,Location Zip,Provider Type\n"
        "V1,03/12/2026,99213,25,1,11,85251,Physician Associate\n"
        "V2,03/12/2026,99213,,1,11,85251,Doctor of Osteopathic Medicine\n"
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    pa_row, do_row = list(csv.DictReader(out.open()))
    fee = fee_2026("99213", ARIZONA)
    assert Decimal(pa_row["allowed"]) == _85_percent(fee), pa_row
    assert Decimal(do_row["allowed"]) == fee, do_row
    assert "not read" not in pa_row["note"] and "not read" not in do_row["note"]


@pytest.mark.parametrize(
    "cell", ["Optometrist", "Doctor of Optometry", "Dentist", "Doctor of Dental Surgery", "Doctor of Dental Medicine"]
)
def test_the_od_and_dds_dmd_titles_spelled_out_are_a_physician_s(cell: str) -> None:
    assert provider_of(cell) == "physician"  # SSA §1861(r)(2), (4), as OD, DDS and DMD are


def test_a_provider_type_column_of_doctor_of_optometry_reads_the_physician_associate_at_85_percent(
    tmp_path: Path,
) -> None:
    source = tmp_path / "modmed.csv"
    source.write_text(
        "Visit ID,DOS,CPT Code,Modifiers,Qty,Place of Service,Location Zip,Provider Type\n"
        "V1,03/12/2026,99213,,1,11,85251,Physician Assistant\n"
        "V2,03/12/2026,99213,,1,11,85251,Doctor of Optometry\n"
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    pa_row, od_row = list(csv.DictReader(out.open()))
    fee = fee_2026("99213", ARIZONA)
    assert Decimal(pa_row["allowed"]) == _85_percent(fee), pa_row
    assert Decimal(od_row["allowed"]) == fee, od_row
    assert "not read" not in pa_row["note"] and "not read" not in od_row["note"]
