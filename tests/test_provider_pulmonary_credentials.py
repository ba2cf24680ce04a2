"""A pulmonary and critical care group's credential lists: its physicians' fellowships and boards after the license
('OKONKWO, CHIDI MD, FCCP, DAABIP': the American Association for Bronchology and Interventional Pulmonology's
Diplomate; 'KOWALSKI, JAN DO, ATSF': the American Thoracic Society's Fellow; MCCM, SCCM's Master of Critical Care
Medicine), an NP's or respiratory therapist's Certified Asthma Educator (AE-C) and the AARC's Fellow (FAARC), and its
PFT lab's technologists (the NBRC's RPFT and CPFT) and California's respiratory care practitioners (RCP). A trial found
'OKONKWO, CHIDI MD, FCCP, DAABIP', 'KOWALSKI, JAN DO, ATSF' and 'NOWAK, TOM RRT, RPFT' each left the 'Rendering'
column unread, the NP's 99213-25 at POS 11 in ZIP 60611 (2026-08-03) priced at a physician's 100% where an NP's line
is paid 85% (42 CFR 414.56(c)). Each amount is checked against CMS's own fee (RVU26C x the 2026 GPCIs x the CF)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.batch.lines import provider_of
from rvucalc.cli import app

CHICAGO = "0610216"  # ZIP 60611's locality (CMS's ZIP5 file)


def _85_percent(amount: Decimal) -> Decimal:
    return (amount * Decimal("0.85")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.mark.parametrize(
    "cell",
    ["OKONKWO, CHIDI MD, FCCP, DAABIP", "MD, DAABIP", "KOWALSKI, JAN DO, ATSF", "MD, ATSF", "DO, FCCP, ATSF",
     "MD, MCCM", "MD, FCCM, MCCM", "PATEL, ANIL MD, FCCP, FAASM, ATSF"],
)  # fmt: skip
def test_a_pulmonary_fellowship_or_board_beside_the_license_is_left_out(cell: str) -> None:
    assert provider_of(cell) == "physician"


@pytest.mark.parametrize("cell", ["RIVERA, ANA APRN, FNP-BC, AE-C", "NP-C, AE-C", "ACNP-BC, CCRN, ATSF"])
def test_an_asthma_educator_s_certification_beside_the_np_s_license_is_left_out(cell: str) -> None:
    assert provider_of(cell) == "np"


@pytest.mark.parametrize("cell", ["RPFT", "CPFT", "RCP", "NOWAK, TOM RRT, RPFT", "LEE, KIM RCP", "RRT, FAARC"])
def test_a_pft_technologist_or_respiratory_care_practitioner_names_no_practitioner(cell: str) -> None:
    with pytest.raises(ValueError):
        provider_of(cell)


def test_daabip_atsf_and_rpft_keep_the_rendering_column_read_and_the_np_paid_85_percent(tmp_path: Path) -> None:
    source = tmp_path / "charges.csv"
    source.write_text(
        "Encounter #,Svc Date,Proc Code,Mod1,Mod2,POS,Units,Rendering,Billing Provider,Zip,Charges,Payments\n"
        'E1,08/03/2026,99213,25,,11,1,"RIVERA, ANA APRN, FNP-BC","LAKESHORE PULMONARY, S.C.",60611,160.00,\n'
        'E2,08/03/2026,99214,25,,11,1,"OKONKWO, CHIDI MD, FCCP, DAABIP","LAKESHORE PULMONARY, S.C.",60611,250.00,\n'
        'E3,08/03/2026,99214,,,11,1,"KOWALSKI, JAN DO, ATSF","LAKESHORE PULMONARY, S.C.",60611,250.00,\n'
        'E4,08/03/2026,G0237,,,11,2,"NOWAK, TOM RRT, RPFT","LAKESHORE PULMONARY, S.C.",60611,80.00,\n'
        'E5,08/03/2026,99213,,,11,1,"HALE, JO APRN, FNP-C, AE-C","LAKESHORE PULMONARY, S.C.",60611,160.00,\n'
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "provider ← Rendering" in result.stderr
    np_row, daabip_row, atsf_row, rpft_row, aec_row = list(csv.DictReader(out.open()))
    assert Decimal(np_row["allowed"]) == _85_percent(fee_2026("99213", CHICAGO)), np_row
    assert Decimal(aec_row["allowed"]) == _85_percent(fee_2026("99213", CHICAGO)), aec_row
    assert Decimal(daabip_row["allowed"]) == fee_2026("99214", CHICAGO), daabip_row
    assert Decimal(atsf_row["allowed"]) == fee_2026("99214", CHICAGO), atsf_row
    assert "not read" not in daabip_row["note"] + atsf_row["note"], (daabip_row, atsf_row)
    assert "not read as a practitioner" in rpft_row["note"], rpft_row  # the technologist's row, priced as --provider


@pytest.mark.parametrize(
    "cell", ["LEE, MAY NP-C, CCRN-K", "SMITH, JO ACNP-BC, CCRN-CMC", "AGACNP-BC, CCRN-CMC-CSC", "APRN, FNP-BC, PCCN"]
)
def test_aacn_s_ccrn_forms_and_pccn_beside_the_np_s_license_are_left_out(cell: str) -> None:
    assert provider_of(cell) == "np"


def test_an_np_s_ccrn_k_keeps_the_critical_care_np_paid_85_percent(tmp_path: Path) -> None:
    """An ICU group's 'Rendering' column of its physician and its acute care NP with AACN's CCRN-K: the NP's 99291 at
    POS 21 is 85% of RVU26C's facility fee in Chicago, where 'LEE, MAY NP-C, CCRN-K' was not read."""
    source = tmp_path / "icu.csv"
    source.write_text(
        "Encounter #,Svc Date,Proc Code,Mod1,Mod2,POS,Units,Rendering,Billing Provider,Zip,Charges,Payments\n"
        'E1,08/03/2026,99291,,,21,1,"OKONKWO, CHIDI MD, FCCP","LAKESHORE PULMONARY, S.C.",60611,700.00,\n'
        'E2,08/03/2026,99291,,,21,1,"LEE, MAY NP-C, CCRN-K","LAKESHORE PULMONARY, S.C.",60611,700.00,\n'
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    md_row, np_row = list(csv.DictReader(out.open()))
    care = fee_2026("99291", CHICAGO, facility=True)
    assert Decimal(md_row["allowed"]) == care, md_row
    assert Decimal(np_row["allowed"]) == _85_percent(care), np_row
    assert "not read" not in np_row["note"], np_row


@pytest.mark.parametrize(
    "cell", ["NOWAK, TOM RRT, RPFT", "RRT, RPFT", "NOWAK RRT RPFT, TOM", "LEE, KIM RCP, CPFT", "LEE, KIM CRT, RPFT",
             "JONES, AMY RRT, RPSGT"],
)  # fmt: skip
def test_a_respiratory_therapist_with_a_pft_technologist_s_credential_is_noted_as_a_respiratory_therapist(
    tmp_path: Path, cell: str
) -> None:
    """'NOWAK, TOM RRT, RPFT' is a respiratory therapist (the NBRC's RRT) who holds the pulmonary function
    technologist's RPFT too: his G0237 (respiratory muscle training, a therapy, no test) was noted "A diagnostic
    technologist's credential", the tests billed by an IDTF. The note names the respiratory therapist, billed by the
    hospital or incident to a practitioner's (Benefit Policy Manual ch. 15 §60), and the technologist's tests
    (42 CFR 410.33); the line priced as the run's --provider, a physician's (RVU26C's G0237 x 2 in Chicago)."""
    source = tmp_path / "rt.csv"
    source.write_text(
        "Encounter #,Svc Date,Proc Code,Mod1,POS,Units,Rendering,Zip\n"
        'E1,08/03/2026,99213,,11,1,"RIVERA, ANA APRN, FNP-BC",60611\n'
        f'E4,08/03/2026,G0237,,11,2,"{cell}",60611\n'
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    np_row, row = list(csv.DictReader(out.open()))
    assert Decimal(np_row["allowed"]) == _85_percent(fee_2026("99213", CHICAGO)), np_row  # the column read
    assert Decimal(row["allowed"]) == 2 * fee_2026("G0237", CHICAGO), row
    assert "A respiratory therapist's or diagnostic technologist's credential" in row["note"], row
    assert "Medicare Benefit Policy Manual ch. 15 §60" in row["note"] and "42 CFR 410.33" in row["note"], row
    priced = CliRunner().invoke(app, ["price", "G0237", "--zip", "60611", "--provider", cell])
    assert priced.exit_code == 2, priced.output
    said = " ".join(priced.stderr.split())
    assert "A respiratory therapist's or diagnostic technologist's credential" in said, said
    assert "Leave --provider out" in said, said


@pytest.mark.parametrize("cell", ["RPFT", "NOWAK, TOM CPFT", "ORTIZ, ANA RT(R) CRT"])
def test_a_pft_or_radiologic_technologist_alone_keeps_the_technologist_s_note(cell: str) -> None:
    from rvucalc.lookup.credentials import not_a_practitioner_reason

    assert (not_a_practitioner_reason(cell) or "").startswith("A diagnostic technologist's credential"), cell
