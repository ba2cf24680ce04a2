"""A hospital-based wound care and hyperbaric center's 'Attending' column lists its practitioners' hyperbaric and wound
care fellowships and certifications after the license ('HALL, TOM MD, FUHM', 'GRANT, OWEN MD, FACHM', 'NGUYEN, LINH
MD, ABPM-UHM', 'BROOKS, KAREN NP, WOCN', 'DIAZ, MARIA NP-C, DWC'): each was read as no practitioner, and an NP's row
priced as the run's --provider, a physician's 100% (an NP's PFS line is 85%: 42 CFR 414.56(c)). Such words are left out
and the license read (lookup.credentials.NOT_PRACTITIONER_TYPES: UHMS's FUHM, ACHM's FACHM, ABPM-UHM, NAWCO's DWC and
AWCC, APWCA's DAPWCA, WOCN, CHRN)."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app
from rvucalc.lookup.credentials import facility_staff_cell, not_a_practitioner_reason, provider_of

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


# A review of the merge: a registered nurse's own certification (WOCNCB's WOCN, CWOCN; NBDHMT's CHRN: held by RNs
# alone, lookup.credentials.REGISTERED_NURSE_CERTIFICATIONS) alone in a cell, in a list with RN or after a name
# without a practitioner's license is a nurse's cell, read as 'RN' is.
@pytest.mark.parametrize(
    "cell",
    ["WOCN", "CHRN", "RN, WOCN", "BSN, RN, CHRN", "ET/WOCN", "SMITH, JANE CHRN", "SMITH WOCN, JANE",
     "SMITH, JANE CWOCN", "SMITH, JANE RN, ET/WOCN"],
)  # fmt: skip
def test_a_registered_nurse_s_certification_is_a_nurse_s_cell(cell: str) -> None:
    assert facility_staff_cell(cell)
    assert not_a_practitioner_reason(cell) == not_a_practitioner_reason("RN")
    with pytest.raises(ValueError):
        provider_of(cell)


def test_a_hyperbaric_nurse_s_name_keeps_the_attending_column_read(tmp_path: Path) -> None:
    """'SMITH, JANE CHRN' beside an NP's and an MD's name left the column unread: the NP's 99213 at a physician's
    100%. Now the nurse's row alone is not read (priced as --provider, noted) and the NP's is 85%."""
    cells = ["HALL, TOM MD", "BROOKS, KAREN NP", "SMITH, JANE CHRN", "LEE, AMY RN, ET/WOCN"]
    source = tmp_path / "wound.csv"
    source.write_text(
        "Encounter,POS,HCPCS,Service Date,Units,Attending,Patient ZIP\n"
        + "".join(f'P{i},11,99213,08/04/2026,1,"{name}",{ZIP}\n' for i, name in enumerate(cells))
    )
    out = tmp_path / "out.csv"
    done = CliRunner().invoke(app, ["batch", str(source), "--columns", "provider=Attending", "-o", str(out)])
    assert done.exit_code == 0, done.output
    with out.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    fee = fee_2026("99213", LOCALITY)
    share = (fee * Decimal("0.85")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert [Decimal(row["allowed"]) for row in rows] == [fee, share, fee, fee]
    assert "registered, practical or vocational nurse" in rows[2]["note"]


def test_an_rn_s_certified_cell_on_the_hospital_s_bill_reads_as_blank(tmp_path: Path) -> None:
    """A hospital's own bill (TOB 131) bills its nurse's G0277 line: 'RN, WOCN' or 'CHRN' there is no practitioner
    left unread (no note, not counted in --summary's unread_provider), as 'RN' is."""
    source = tmp_path / "hbo.csv"
    source.write_text(
        "Claim ID,Provider,CPT,DOS,Units,POS,Bill Type,Rev Code,Zip Code\n"
        + "".join(f'H{i},"{name}",G0277,2025-11-03,4,22,131,0413,{ZIP}\n'
                  for i, name in enumerate(["RN", "RN, WOCN", "CHRN", "SMITH, JANE CHRN"]))
    )  # fmt: skip
    out, summary = tmp_path / "out.csv", tmp_path / "s.json"
    done = CliRunner().invoke(app, ["batch", str(source), "--columns", "provider=Provider", "-o", str(out),
                                    "--summary", str(summary)])  # fmt: skip
    assert done.exit_code == 0, done.output
    with out.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert all("Provider '" not in (row["note"] or "") for row in rows), [row["note"] for row in rows]
    assert json.loads(summary.read_text())["unread_provider"] == 0
