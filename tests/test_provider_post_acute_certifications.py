"""A post-acute practice's credential lists: the license beside post-acute, wound and hospice care's certifications
('MD, CMD', 'FNP-C, CWCN', 'NP, ACHPN'). A SNF group's trial found them unread: the NP's 99309 at a SNF (POS 31) in
ZIP 33606 on 08/03/2026 priced as a physician's, 100% of the facility fee, where the NP's line is paid 85%; the
physicians' rows noted and counted as unread. The certification is left out, the license read. Each amount is checked
against CMS's own fee (RVU26C x the 2026 GPCIs x the CF)."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.batch.lines import provider_of
from rvucalc.cli import app
from rvucalc.lookup.credentials import assistant_of

REST_OF_FLORIDA = "0910299"  # ZIP 33606's locality (CMS's ZIP5 file)


def _85_percent(amount: Decimal) -> Decimal:
    return (amount * Decimal("0.85")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.mark.parametrize(
    ("cell", "provider"),
    [("MD, CMD", "physician"), ("DO, CMD", "physician"), ("MD, FACP, CMD", "physician"), ("MD, CMD, AGSF", "physician"),
     ("MD, HMDC, FAAHPM", "physician"), ("FNP-C, CWCN", "np"), ("CWCN-AP, FNP-BC", "np"), ("APRN, CWOCN", "np"),
     ("NP, ACHPN", "np"), ("AGPCNP-BC, CWS", "np"), ("PA-C, WCC", "pa"), ("CNS, ACHPN", "cns")],
)  # fmt: skip
def test_a_post_acute_certification_beside_the_license_is_left_out(cell: str, provider: str) -> None:
    assert provider_of(cell) == provider


@pytest.mark.parametrize("cell", ["CMD", "CWCN", "RN, CWCN", "RN, CHPN", "CHPN"])
def test_a_certification_alone_names_no_practitioner(cell: str) -> None:
    with pytest.raises(ValueError, match="give the practitioner"):
        provider_of(cell)


def test_achpn_alone_is_an_aprn_s_line_paid_85_percent(tmp_path: Path) -> None:
    """ACHPN's holder is an NP or a CNS (HPCC), both paid 85%, as APRN alone: a hospice and palliative group's trial
    priced an 'ACHPN' row's home visit at a physician's 100%. Columbus (ZIP 43215), locality 1520200."""
    assert provider_of("ACHPN") == provider_of("APRN") == "np"
    source, out = tmp_path / "visits.csv", tmp_path / "out.csv"
    source.write_text(
        "Claim ID,Date of Service,POS,Service Facility ZIP,CPT Code,Units,Provider Credentials\n"
        "H1,07/10/2026,12,43215,99349,1,ACHPN\nH2,07/10/2026,12,43215,99349,1,CHPN\n"
    )
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--summary", "-"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["unread_provider"] == 1  # the RN's CHPN
    achpn, chpn = list(csv.DictReader(out.open()))
    assert Decimal(achpn["allowed"]) == _85_percent(fee_2026("99349", "1520200")), achpn
    assert Decimal(chpn["allowed"]) == fee_2026("99349", "1520200"), chpn


def test_the_snf_np_s_visit_is_paid_85_percent_and_the_cmd_s_read(tmp_path: Path) -> None:
    source = tmp_path / "rounds.csv"
    source.write_text(
        "Claim #,DOS,POS,Facility ZIP,CPT,Units,Provider Credential\n"
        '26-1,08/03/2026,31,33606,99309,1,"FNP-C, CWCN"\n'
        '26-2,08/03/2026,31,33606,99309,1,"MD, CMD"\n'
        '26-3,08/03/2026,32,33606,99308,1,"NP, ACHPN"\n'
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--summary", "-"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["unread_provider"] == 0
    np_snf, md_snf, np_nf = list(csv.DictReader(out.open()))
    # POS 31 is paid the facility rate, POS 32 the non-facility rate (Claims Processing Manual ch. 12 §20.4.2)
    assert Decimal(np_snf["allowed"]) == _85_percent(fee_2026("99309", REST_OF_FLORIDA, facility=True)), np_snf
    assert Decimal(md_snf["allowed"]) == fee_2026("99309", REST_OF_FLORIDA, facility=True), md_snf
    assert Decimal(np_nf["allowed"]) == _85_percent(fee_2026("99308", REST_OF_FLORIDA)), np_nf
    for row in (np_snf, md_snf, np_nf):
        assert "not read" not in row["note"], row
    assert np_snf["pfs_facility_limiting_charge"] == "" and md_snf["pfs_facility_limiting_charge"] != ""


def test_price_reads_the_list_as_batch_does() -> None:
    result = CliRunner().invoke(
        app, ["price", "99309", "--zip", "33606", "--setting", "31", "--date", "2026-08-03", "--provider",
              "FNP-C, CWCN", "-f", "json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    (site,) = json.loads(result.stdout)["sites"]
    assert Decimal(str(site["allowed"])) == _85_percent(fee_2026("99309", REST_OF_FLORIDA, facility=True)), site


def test_a_rendering_provider_column_with_such_names_is_read(tmp_path: Path) -> None:
    """A 'Rendering Provider' column of names with their credentials, one ending in a certification ('Jane Smith,
    FNP-C, CWCN', 'PATEL, ANIL MD, CMD'): the whole column was left unread for them, its NP's and PA's rows priced at
    a physician's 100%."""
    source = tmp_path / "rendering.csv"
    source.write_text(
        "Claim #,DOS,POS,ZIP,CPT,Units,Rendering Provider\n"
        'R1,08/03/2026,31,33606,99309,1,"Jane Smith, FNP-C, CWCN"\n'
        'R2,08/03/2026,31,33606,99309,1,"PATEL, ANIL MD, CMD"\n'
        'R3,08/03/2026,31,33606,99309,1,"LEE, SAM PA-C"\n'
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "provider ← Rendering Provider" in result.stderr
    fee = fee_2026("99309", REST_OF_FLORIDA, facility=True)
    np_row, md_row, pa_row = list(csv.DictReader(out.open()))
    assert Decimal(np_row["allowed"]) == Decimal(pa_row["allowed"]) == _85_percent(fee), (np_row, pa_row)
    assert Decimal(md_row["allowed"]) == fee, md_row


@pytest.mark.parametrize("cell", ["CCCN-AP, FNP-BC", "COCN-AP, AGPCNP-BC", "FNP-BC, CWOCN-AP"])
def test_wocncb_s_ostomy_and_continence_advanced_practice_forms_are_left_out(tmp_path: Path, cell: str) -> None:
    """WOCNCB's advanced practice forms are five (CWOCN-AP, CWON-AP, CWCN-AP, COCN-AP, CCCN-AP), each an APRN's: a
    review's 'CCCN-AP, FNP-BC' beside 'FNP-C, CWCN' was unread, the NP's 99309 at POS 31 priced at a physician's
    100%."""
    assert provider_of(cell) == "np"
    source = tmp_path / "rounds.csv"
    source.write_text(
        "Claim #,DOS,POS,Facility ZIP,CPT,Units,Provider Credential\n"
        '26-1,08/03/2026,31,33606,99309,1,"FNP-C, CWCN"\n'
        f'26-2,08/03/2026,31,33606,99309,1,"{cell}"\n'
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--summary", "-"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["unread_provider"] == 0
    for row in csv.DictReader(out.open()):
        assert Decimal(row["allowed"]) == _85_percent(fee_2026("99309", REST_OF_FLORIDA, facility=True)), row


@pytest.mark.parametrize(("cell", "modifier"), [("PTA, WCC", "CQ"), ("PTA, CWS", "CQ"), ("COTA/L, WCC", "CO")])
def test_a_therapy_assistant_s_wound_certification_is_left_out(cell: str, modifier: str) -> None:
    assert assistant_of(cell) == modifier


def test_a_ptas_wound_certification_keeps_the_rendering_column_read(tmp_path: Path) -> None:
    """A wound certification beside a therapy assistant's credential: a SNF export's 'PTA, WCC' beside 'FNP-C, CWCN'
    left the 'Rendering Provider' column unread, the NP's 99309 at a physician's 100% and the PTA's 97110-GP without
    CQ's 85%."""
    source = tmp_path / "rendering.csv"
    source.write_text(
        "Claim #,DOS,POS,ZIP,CPT,Mod,Units,Rendering Provider\n"
        'P1,08/03/2026,31,33606,99309,,1,"FNP-C, CWCN"\n'
        'P2,08/03/2026,32,33606,97110,GP,1,"PTA, WCC"\n'
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "provider ← Rendering Provider" in result.stderr
    np_row, pta_row = list(csv.DictReader(out.open()))
    assert Decimal(np_row["allowed"]) == _85_percent(fee_2026("99309", REST_OF_FLORIDA, facility=True)), np_row
    assert Decimal(pta_row["allowed"]) == _85_percent(fee_2026("97110", REST_OF_FLORIDA)), pta_row


@pytest.mark.parametrize(
    ("nurse", "practitioner"),
    [("DOE, JANE RN", "LEE, SAM FNP-C"), ("DOE, JANE RN, CWCN", "LEE, SAM FNP-C"), ("DOE, JANE LPN", "LEE, SAM PA-C"),
     ("LPN, WCC", "FNP-C, CWCN"), ("DOE, JANE BSN, RN", "LEE, SAM FNP-C"),
     ("DOE, JANE MSN, RN, CWCN", "LEE, SAM PA-C")],
)  # fmt: skip
def test_a_nurses_cell_keeps_the_rendering_column_read(tmp_path: Path, nurse: str, practitioner: str) -> None:
    """A nurse's name ('DOE, JANE RN') or a practical nurse's credential beside a certification ('LPN, WCC') in a
    'Rendering Provider' column: a review found the whole column unread for that one cell, every NP's and PA's 99309
    at POS 31 priced at a physician's 100%. An RN, LPN or LVN bills under no number of their own: their row is not
    read (noted), the others are."""
    source = tmp_path / "rendering.csv"
    source.write_text(
        "Claim #,DOS,POS,ZIP,CPT,Units,Rendering Provider\n"
        f'N1,08/03/2026,31,33606,99309,1,"{practitioner}"\n'
        f'N2,08/03/2026,31,33606,99309,1,"{nurse}"\n'
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "provider ← Rendering Provider" in result.stderr
    fee = fee_2026("99309", REST_OF_FLORIDA, facility=True)
    practitioner_row, nurse_row = list(csv.DictReader(out.open()))
    assert Decimal(practitioner_row["allowed"]) == _85_percent(fee), practitioner_row
    assert Decimal(nurse_row["allowed"]) == fee, nurse_row
    assert f"Provider {nurse!r} not read as a practitioner" in nurse_row["note"], nurse_row["note"]
