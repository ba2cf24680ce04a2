"""A hospital-based wound care and hyperbaric center's 'Attending' column lists its practitioners' hyperbaric and wound
care fellowships and certifications after the license ('HALL, TOM MD, FUHM', 'GRANT, OWEN MD, FACHM', 'NGUYEN, LINH
MD, ABPM-UHM', 'BROOKS, KAREN NP, WOCN', 'DIAZ, MARIA NP-C, DWC'): each was read as no practitioner, and an NP's row
priced as the run's --provider, a physician's 100% (an NP's PFS line is 85%: 42 CFR 414.56(c)). Such words are left out
and the license read (lookup.credentials.NOT_PRACTITIONER_TYPES: UHMS's FUHM, ACHM's FACHM, ABPM-UHM, NAWCO's DWC and
AWCC, APWCA's DAPWCA, WOCN, CHRN)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app
from rvucalc.lookup.credentials import provider_of

ZIP, LOCALITY = "30309", "1021201"  # Atlanta, GA (CMS's ZIP5 file: carrier 10212, locality 01)


@pytest.mark.parametrize(
    ("cell", "kind"),
    [("HALL, TOM MD, FUHM", "physician"), ("GRANT, OWEN MD, FACHM", "physician"),
     ("NGUYEN, LINH MD, ABPM-UHM", "physician"), ("KIM, JOON DPM, DAPWCA", "physician"),
     ("BROOKS, KAREN NP, WOCN", "np"), ("DIAZ, MARIA NP-C, DWC", "np"), ("DIAZ, MARIA NP-C, AWCC", "np")],
)  # fmt: skip
def test_the_license_is_read_beside_the_hyperbaric_or_wound_credential(cell: str, kind: str) -> None:
    assert provider_of(cell) == kind


def test_an_attending_column_with_them_prices_the_nps_at_85_percent(tmp_path: Path) -> None:
    cells = ["HALL, TOM MD, FUHM", "GRANT, OWEN MD, FACHM", "BROOKS, KAREN NP, WOCN", "DIAZ, MARIA NP-C, DWC"]
    source = tmp_path / "wound.csv"
    source.write_text(
        "Encounter,POS,HCPCS,Modifiers,Service Date,Units,Attending,Patient ZIP,Total Charges\n"
        + "".join(f'P{i},11,99213,25,08/04/2026,1,"{name}",{ZIP},200.00\n' for i, name in enumerate(cells))
    )
    out = tmp_path / "out.csv"
    done = CliRunner().invoke(app, ["batch", str(source), "--columns", "provider=Attending", "-o", str(out)])
    assert done.exit_code == 0, done.output
    assert "names no practitioner" not in done.stderr
    with out.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    fee = fee_2026("99213", LOCALITY)  # CMS's non-facility amount (POS 11)
    share = (fee * Decimal("0.85")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert [Decimal(row["allowed"]) for row in rows] == [fee, fee, share, share]
