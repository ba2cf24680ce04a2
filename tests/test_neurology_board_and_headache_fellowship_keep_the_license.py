"""A neurology group's billing export names its neurologists with their board after the license ('NGUYEN, LINH DO,
ABPN', 'HARTLEY, JAMES MD, DABPN': the American Board of Psychiatry and Neurology's) and its headache NP with the
American Headache Society's fellowship ('BROOKS, KATE APRN, FNP-C, FAHS'), the United Council for Neurologic
Subspecialties' certification ('MD, UCNS') or the American Autonomic Society's fellowship ('PA-C, FAAS'). None
names a practitioner type, yet each cell was "not read as a practitioner": the neurologists' lines were priced as
the run's --provider, `price --provider 'MD, ABPN'` was a usage error, and the NP's 99214 in ZIP 37919 (2026-07-15)
was priced at a physician's 100%, not the NP's 85% (lookup.credentials.NOT_PRACTITIONER_TYPES). Amounts are CMS's
own fee (RVU26C x the 2026 GPCIs x the CF)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app
from rvucalc.lookup.credentials import not_a_practitioner_reason, provider_of

TENNESSEE = "1031235"  # ZIP 37919's locality (CMS's ZIP5 file: Knox County, TN, locality 35)


@pytest.mark.parametrize(
    ("cell", "provider"),
    [("NGUYEN, LINH DO, ABPN", "physician"), ("HARTLEY, JAMES MD, DABPN", "physician"), ("MD, ABPN", "physician"),
     ("HARTLEY, JAMES MD, FAAN, ABPN", "physician"), ("MD, FAHS", "physician"),
     ("BROOKS, KATE APRN, FNP-C, FAHS", "np"), ("REYES, MARIA PA-C, FAHS", "pa"),
     ("OKAFOR, CHIDI MD, UCNS", "physician"), ("REYES, MARIA PA-C, FAAS", "pa"), ("MD, FAHS, UCNS", "physician")],
)  # fmt: skip
def test_the_neurology_board_or_headache_fellowship_after_the_license_is_the_license_s(
    cell: str, provider: str
) -> None:
    assert provider_of(cell) == provider
    assert not_a_practitioner_reason(cell) is None


def test_the_headache_np_is_paid_85_percent_and_the_abpn_neurologist_is_read(tmp_path: Path) -> None:
    source, out = tmp_path / "neuro.csv", tmp_path / "out.csv"
    rows = [("99214", "BROOKS, KATE APRN, FNP-C, FAHS"), ("95910", "NGUYEN, LINH DO, ABPN"),
            ("99214", "HARTLEY, JAMES MD, DABPN")]  # fmt: skip
    source.write_text(
        "Claim ID,Date of Service,Place of Service,CPT/HCPCS,Units,Rendering Provider,Patient Zip,Charge Amount\n"
        + "".join(f'N{n},2026-07-15,11,{code},1,"{who}",37919,900.00\n' for n, (code, who) in enumerate(rows))
    )
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "names no practitioner" not in result.stderr, result.stderr
    np_row, nerve_row, visit_row = list(csv.DictReader(out.open()))
    np_visit = (fee_2026("99214", TENNESSEE) * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert Decimal(np_row["allowed"]) == np_visit, np_row  # $108.26, not a physician's $127.36
    assert Decimal(nerve_row["allowed"]) == fee_2026("95910", TENNESSEE)
    assert Decimal(visit_row["allowed"]) == fee_2026("99214", TENNESSEE)
    assert "not read as a practitioner" not in nerve_row["note"] + visit_row["note"]


def test_price_reads_the_abpn_neurologist_and_the_fahs_np() -> None:
    args = ["price", "99214", "--zip", "37919", "--date", "2026-07-15", "--provider"]
    neurologist = CliRunner().invoke(app, [*args, "NGUYEN, LINH DO, ABPN"])
    assert neurologist.exit_code == 0, neurologist.output
    assert f"${fee_2026('99214', TENNESSEE)}" in neurologist.stdout, neurologist.stdout
    np_ = CliRunner().invoke(app, [*args, "BROOKS, KATE APRN, FNP-C, FAHS"])
    assert np_.exit_code == 0, np_.output
    assert "85%" in np_.stdout, np_.stdout
