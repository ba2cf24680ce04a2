"""A vascular surgery and interventional radiology group's credential lists: its physicians' fellowships and boards
after the license ('PATEL, RAJ MD, FSVS': the Society for Vascular Surgery's Fellow; 'MD, DFSVS', its Distinguished
Fellow; 'CHEN, WEI MD, FSIR, DABR': the Society of Interventional Radiology's Fellow and the American Board of
Radiology's Diplomate; FSVM and MSVM, the Society for Vascular Medicine's; 'MD, FAVLS, DABVLM', the American Vein &
Lymphatic Society's Fellow and the American Board of Venous & Lymphatic Medicine's Diplomate). A trial found 'CHEN, WEI
MD, FSIR, DABR' and 'PATEL, RAJ MD, FSVS, RPVI' left the 'Rendering Provider' column unread, the NP's 99213 at POS 11
in ZIP 30309 (2026-02-09) priced at a physician's 100% where an NP's line is paid 85% (42 CFR 414.56(c)), and `price
--provider 'PATEL, RAJ MD, FSVS'` refused (exit 2). Each amount is checked against CMS's own fee (RVU26C x the 2026
GPCIs x the CF)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.batch.lines import provider_of
from rvucalc.cli import app

ATLANTA = "1021201"  # ZIP 30309's locality (CMS's ZIP5 file)


def _85_percent(amount: Decimal) -> Decimal:
    return (amount * Decimal("0.85")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.mark.parametrize(
    "cell",
    ["PATEL, RAJ MD, FSVS", "MD, DFSVS", "CHEN, WEI MD, FSIR, DABR", "MD, FSIR", "DO, DABR", "MD, FSVM", "MD, MSVM",
     "MD, FAVLS, DABVLM", "MD, ABVLM", "PATEL, RAJ MD, FSVS, RPVI", "MD, FACS, DFSVS"],
)  # fmt: skip
def test_a_vascular_or_interventional_fellowship_or_board_beside_the_license_is_left_out(cell: str) -> None:
    assert provider_of(cell) == "physician"


@pytest.mark.parametrize("cell", ["KIM, SARAH PA-C, DABVLM", "PA-C, FAVLS"])
def test_a_vein_board_beside_the_pa_s_license_is_left_out(cell: str) -> None:
    assert provider_of(cell) == "pa"


@pytest.mark.parametrize("cell", ["FSVS", "FSIR", "DABR"])
def test_a_fellowship_or_board_alone_names_no_practitioner(cell: str) -> None:
    with pytest.raises(ValueError):
        provider_of(cell)


def test_fsir_dabr_and_fsvs_keep_the_rendering_column_read_and_the_np_paid_85_percent(tmp_path: Path) -> None:
    source = tmp_path / "vascular.csv"
    source.write_text(
        "Claim ID,DOS,POS,CPT,Mod 1,Units,Rendering Provider,Svc Loc ZIP\n"
        'C1,02/09/2026,11,36475,RT,1,"PATEL, RAJ MD, FSVS",30309\n'
        'C2,02/09/2026,11,99213,,1,"LOPEZ, MARIA NP",30309\n'
        'C3,02/10/2026,11,99214,,1,"CHEN, WEI MD, FSIR, DABR",30309\n'
        'C4,02/10/2026,11,36478,RT,1,"PATEL, RAJ MD, FSVS, RPVI",30309\n'
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "provider ← Rendering Provider" in result.stderr, result.stderr
    fsvs_row, np_row, fsir_row, rpvi_row = list(csv.DictReader(out.open()))
    assert Decimal(np_row["allowed"]) == _85_percent(fee_2026("99213", ATLANTA)), np_row
    assert Decimal(fsvs_row["allowed"]) == fee_2026("36475", ATLANTA), fsvs_row
    assert Decimal(fsir_row["allowed"]) == fee_2026("99214", ATLANTA), fsir_row
    assert Decimal(rpvi_row["allowed"]) == fee_2026("36478", ATLANTA), rpvi_row
    assert "not read" not in fsvs_row["note"] + fsir_row["note"] + rpvi_row["note"], (fsvs_row, fsir_row)


def test_price_takes_the_vascular_surgeon_s_fellowship_after_the_license() -> None:
    result = CliRunner().invoke(
        app, ["price", "99213", "--zip", "30309", "--date", "2026-02-10", "--provider", "PATEL, RAJ MD, FSVS",
              "--format", "csv"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    row = next(csv.DictReader(line for line in result.stdout.splitlines() if line))
    assert Decimal(row["non_facility_amount"]) == fee_2026("99213", ATLANTA), row


@pytest.mark.parametrize("cell", ["RPhS", "LEE, ANA RPhS", "LEE, ANA RVT, RPhS", "RCES", "KIM, JO RCES"])
def test_a_phlebology_sonographer_or_electrophysiology_specialist_names_no_practitioner(cell: str) -> None:
    """CCI's Registered Phlebology Sonographer (written 'RPhS', as CCI and the SVU write it) and Registered Cardiac
    Electrophysiology Specialist: technologists' registries, as RVT and RCIS are."""
    from rvucalc.lookup.credentials import not_a_practitioner_reason

    with pytest.raises(ValueError):
        provider_of(cell)
    assert (not_a_practitioner_reason(cell) or "").startswith("A diagnostic technologist's credential"), cell


def test_a_phlebology_sonographer_keeps_the_vein_practice_s_rendering_column_read(tmp_path: Path) -> None:
    """A vein practice's 'Rendering Provider' column of its physician ('MD, DABVLM, RPhS'), its NP and its sonographer
    ('LEE, ANA RPhS' on the duplex's technical component): the NP's 99213 is 85% of RVU26C's fee in Atlanta, the
    sonographer's row noted and priced as the run's --provider (93970-TC's RVU26C row, the office's)."""
    source = tmp_path / "vein.csv"
    source.write_text(
        "Claim ID,DOS,POS,CPT,Mod 1,Units,Rendering Provider,Svc Loc ZIP\n"
        'V1,02/09/2026,11,99213,,1,"LOPEZ, MARIA NP",30309\n'
        'V2,02/09/2026,11,36478,RT,1,"PATEL, RAJ MD, DABVLM, RPhS",30309\n'
        'V3,02/09/2026,11,93970,TC,1,"LEE, ANA RPhS",30309\n'
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    np_row, md_row, tech_row = list(csv.DictReader(out.open()))
    assert Decimal(np_row["allowed"]) == _85_percent(fee_2026("99213", ATLANTA)), np_row
    assert Decimal(md_row["allowed"]) == fee_2026("36478", ATLANTA), md_row
    from cms_fees import DATA

    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1") as handle:
        tc_row = next(row for row in csv.reader(handle) if row[:2] == ["93970", "TC"])
    assert Decimal(tech_row["allowed"]) == fee_2026(tc_row, ATLANTA), tech_row
    assert "A diagnostic technologist's credential" in tech_row["note"], tech_row
