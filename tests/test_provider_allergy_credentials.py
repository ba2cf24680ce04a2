"""An allergy and immunology group's credential lists: its allergists' fellowships after the license ('PATEL, RAJ MD,
FAAAAI': the American Academy of Allergy, Asthma & Immunology's; FACAAI, the American College of Allergy, Asthma and
Immunology's; ABAI, the American Board of Allergy and Immunology) and the Certified Asthma Educator its physicians, PAs
and NPs list beside their own license ('KIM, SUE APRN, FNP-C, AE-C'). A trial found the NP's and the PA's 99214 with
AE-C priced as the run's --provider, a physician's 100%, where their line is paid 85% (42 CFR 414.52(d), 414.56(c)),
and the allergists' lines noted "not read as a practitioner". Each amount is checked against CMS's own fee (RVU26C x
the 2026 GPCIs x the CF)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.batch.lines import provider_of
from rvucalc.cli import app

METRO_PHILADELPHIA = "1250201"  # ZIP 19004's locality (CMS's ZIP5 file)


def _85_percent(amount: Decimal) -> Decimal:
    return (amount * Decimal("0.85")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.mark.parametrize(
    "cell",
    ["PATEL, RAJ MD, FAAAAI", "NGUYEN, TOM DO, FACAAI", "MD, FAAAAI, FACAAI", "PATEL, RAJ MD FAAAAI",
     "PATEL, RAJ MD, ABAI", "PATEL, RAJ MD, PHD, FAAAAI", "PATEL, RAJ MD, FACAAI, FAAAAI, AE-C"],
)  # fmt: skip
def test_an_allergy_fellowship_beside_the_license_is_left_out(cell: str) -> None:
    assert provider_of(cell) == "physician"


@pytest.mark.parametrize(
    ("cell", "kind"),
    [("KIM, SUE APRN, FNP-C, AE-C", "np"), ("KIM, SUE FNP-C AE-C", "np"), ("LEE, ANN PA-C, AE-C", "pa")],
)
def test_the_asthma_educator_s_certification_leaves_the_license_read(cell: str, kind: str) -> None:
    assert provider_of(cell) == kind


def test_an_ae_c_np_and_pa_are_paid_85_percent_and_the_allergists_read(tmp_path: Path) -> None:
    source = tmp_path / "allergy.csv"
    source.write_text(
        "Visit ID,Provider Name,CPT/HCPCS,Modifier,Date of Service,Qty,Location,POS,Patient Zip,Billed,Allowed,Payer\n"
        'V1,"KIM, SUE APRN, FNP-C, AE-C",99214,,03/03/2026,1,Bala Cynwyd Office,11,19004,200.00,,Medicare\n'
        'V2,"LEE, ANN PA-C, AE-C",99214,,03/03/2026,1,Bala Cynwyd Office,11,19004,200.00,,Medicare\n'
        'V3,"PATEL, RAJ MD, FAAAAI",99214,,03/03/2026,1,Bala Cynwyd Office,11,19004,200.00,,Medicare\n'
        'V4,"NGUYEN, TOM DO, FACAAI",99214,,03/03/2026,1,Bala Cynwyd Office,11,19004,200.00,,Medicare\n'
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "names no practitioner" not in result.stderr, result.stderr
    np_row, pa_row, md_row, do_row = list(csv.DictReader(out.open()))
    visit = fee_2026("99214", METRO_PHILADELPHIA)
    assert Decimal(np_row["allowed"]) == _85_percent(visit), np_row
    assert Decimal(pa_row["allowed"]) == _85_percent(visit), pa_row
    assert Decimal(md_row["allowed"]) == Decimal(do_row["allowed"]) == visit
    assert "not read" not in md_row["note"] + do_row["note"], (md_row, do_row)


def test_price_takes_an_allergist_s_name_with_the_fellowship() -> None:
    result = CliRunner().invoke(
        app, ["price", "99214", "--zip", "19004", "--date", "2026-03-03", "--provider", "PATEL, RAJ MD, FAAAAI"]
    )
    assert result.exit_code == 0, result.output
    assert f"${fee_2026('99214', METRO_PHILADELPHIA):,}" in result.stdout
