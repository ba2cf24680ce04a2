"""An IDTF's or imaging center's billing export writes the facility's own name in the provider column on its global
and technical rows ('DESERT MOBILE IMAGING', 'Lone Star Sleep Diagnostics', 'VALLEY MRI CENTER', 'SUNRISE SLEEP LAB'),
beside its interpreting physicians' and NPs' names. Without an LLC or INC such a name left the whole 'Rendering
Provider' column unread, the NP's 71046-26 priced at a physician's 100%. The facility bills its tests under its own
enrollment (42 CFR 410.33; NGS's "Independent Diagnostic Testing Facility"): its cell is read as a DMEPOS supplier's
is, blank, priced as the run's --provider with no note, the column read (lookup.credentials.diagnostic_facility_name). A
specialty cell ('Diagnostic Radiology', 'Sleep Medicine') is no facility's name and keeps its reading. Amounts are
CMS's own fee (RVU26C x the 2026 GPCIs x the CF)."""

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
    diagnostic_facility_name,
    no_practitioner_reason,
    not_a_practitioner_reason,
    provider_of,
)

DALLAS = "0441211"  # ZIP 75201's locality (CMS's ZIP5 file)
NAMES = ["PATEL, ANIL MD", "NGUYEN, LAN NP"]
FACILITIES = ["DESERT MOBILE IMAGING", "Lone Star Sleep Diagnostics", "VALLEY MRI CENTER", "SUNRISE SLEEP LAB"]
SPECIALTIES = ["Diagnostic Radiology", "Sleep Medicine", "Interventional Radiology", "Body Imaging", "Cardiac Imaging"]


def _row_2026(code: str, modifier: str) -> list[str]:
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1") as handle:
        return next(row for row in csv.reader(handle) if row[:2] == [code, modifier])


@pytest.mark.parametrize("facility", FACILITIES)
def test_a_testing_facility_s_name_is_a_blank_cell_beside_names(facility: str) -> None:
    assert diagnostic_facility_name(facility)
    assert provider_of(facility) is None
    assert credentials_after_names([*NAMES, facility])


@pytest.mark.parametrize("specialty", SPECIALTIES)
def test_a_specialty_cell_is_no_facility_s_name_and_keeps_its_reading(specialty: str) -> None:
    assert not diagnostic_facility_name(specialty)
    assert no_practitioner_reason(specialty) is None
    with pytest.raises(ValueError):
        provider_of(specialty)
    assert "IDTF" not in (not_a_practitioner_reason(specialty) or "")


@pytest.mark.parametrize("facility", FACILITIES)
def test_the_np_beside_a_testing_facility_s_name_is_paid_85_percent(tmp_path: Path, facility: str) -> None:
    source, out = tmp_path / "idtf.csv", tmp_path / "out.csv"
    rows = [("71046", "26", "PATEL, ANIL MD"), ("71046", "26", "NGUYEN, LAN NP"), ("71046", "TC", facility)]
    source.write_text(
        "Encounter Number,Service Date (MM/DD/YYYY),Procedure,Modifier 1,Qty,Place of Service,Patient ZIP,"
        "Rendering Provider\n"
        + "".join(f'ENC{n},08/03/2026,{code},{mod},1,11,75201,"{who}"\n' for n, (code, mod, who) in enumerate(rows))
    )
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--columns", "code=Procedure"])
    assert result.exit_code == 0, result.output
    assert "provider ← Rendering Provider" in result.stderr, result.stderr
    md_row, np_row, facility_row = list(csv.DictReader(out.open()))
    reading = fee_2026(_row_2026("71046", "26"), DALLAS)
    assert Decimal(md_row["allowed"]) == reading
    assert Decimal(np_row["allowed"]) == (reading * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP), np_row
    assert Decimal(facility_row["allowed"]) == fee_2026(_row_2026("71046", "TC"), DALLAS)  # the IDTF's TC, in full
    assert "not read as a practitioner" not in facility_row["note"], facility_row


def test_price_refuses_a_testing_facility_as_the_provider_saying_leave_it_out() -> None:
    result = CliRunner().invoke(app, ["price", "71046-TC", "--provider", "DESERT MOBILE IMAGING", "--zip", "75201"])
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert "names an IDTF or imaging center" in said and "leave --provider out" in said, said


# A review: the column read, an IDTF's name with its professional association's PA ('SUNRISE SLEEP LAB, PA') was read
# as a physician assistant's, its 95810-TC paid 85%; an NP's or CNS's title before a department's name ('Nurse
# Practitioner - Sleep Lab') was read as the facility's blank cell, the 99213 at a physician's 100% with no note.
@pytest.mark.parametrize("cell", ["SUNRISE SLEEP LAB, PA", "LONE STAR IMAGING PA", "DESERT MOBILE IMAGING, P.A."])
def test_a_testing_facility_s_name_with_its_pa_is_no_physician_assistant(tmp_path: Path, cell: str) -> None:
    source, out = tmp_path / "idtf.csv", tmp_path / "out.csv"
    rows = [("95810", "26", "PATEL, ANIL MD"), ("99213", "", "NGUYEN, LAN NP"), ("95810", "TC", cell)]
    source.write_text(
        "Encounter Number,Service Date (MM/DD/YYYY),Procedure,Modifier 1,Qty,Place of Service,Patient ZIP,"
        "Rendering Provider\n"
        + "".join(f'ENC{n},08/03/2026,{code},{mod},1,11,75201,"{who}"\n' for n, (code, mod, who) in enumerate(rows))
    )
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--columns", "code=Procedure"])
    assert result.exit_code == 0, result.output
    assert "provider ← Rendering Provider" in result.stderr, result.stderr
    facility_row = list(csv.DictReader(out.open()))[2]
    assert Decimal(facility_row["allowed"]) == fee_2026(_row_2026("95810", "TC"), DALLAS), facility_row  # in full
    assert "practice's name" in facility_row["note"], facility_row


@pytest.mark.parametrize(
    "cell", ["Nurse Practitioner - Sleep Lab", "Clinical Nurse Specialist - Sleep Lab", "DNP, Sleep Center"]
)
def test_an_np_s_title_before_a_sleep_lab_is_no_facility_s_name(tmp_path: Path, cell: str) -> None:
    assert not diagnostic_facility_name(cell)
    assert no_practitioner_reason(cell) is None
    source, out = tmp_path / "lab.csv", tmp_path / "out.csv"
    rows = [("95810", "26", "PATEL, ANIL MD"), ("99213", "", "NGUYEN, LAN NP"), ("99213", "", cell)]
    source.write_text(
        "Encounter Number,Service Date (MM/DD/YYYY),Procedure,Modifier 1,Qty,Place of Service,Patient ZIP,"
        "Rendering Provider\n"
        + "".join(f'ENC{n},08/03/2026,{code},{mod},1,11,75201,"{who}"\n' for n, (code, mod, who) in enumerate(rows))
    )
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--columns", "code=Procedure"])
    assert result.exit_code == 0, result.output
    titled = list(csv.DictReader(out.open()))[2]
    # priced as --provider says with the unread provider's note, or the column unread as stderr says: not silently
    assert cell in titled["note"] or "'Rendering Provider' is not read" in result.stderr, (titled, result.stderr)
