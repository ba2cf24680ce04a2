"""An urgent care chain's export named its practitioner column 'Provider Credentials' (MD, PA-C): batch read
'Provider Credential' and 'Credentials' but not the plural, so it said the column was not read and priced the PA-C's
99213 at Atlanta (POS 20, February 2026) at 100% of the PFS amount. The column is the provider column; the PA-C line is
85% of CMS's amount (RVU26C x the 2026 Atlanta GPCIs x the file's CF, rounded, then 85% rounded once: Claims
Processing Manual ch. 12 §40), the MD line CMS's amount."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import TESTS
from rvucalc.batch.columns import missing_role_notices, resolve_columns
from rvucalc.cli import app
from rvucalc.errors import UsageError

CENT = Decimal("0.01")


def _cms_99213_atlanta() -> Decimal:
    """99213's non-facility amount at Atlanta (locality 1021201) from the shipped RVU26C and 2026 GPCI files."""
    data = TESTS.parent / "data"
    with open(data / "rvu" / "2026" / "PPRRVU2026_Jul_nonQPP.csv", newline="", encoding="latin-1") as handle:
        rvu = next(row for row in csv.reader(handle) if row[:2] == ["99213", ""])
    with open(data / "gpci" / "2026" / "localities2026-01-01-2026.csv", newline="", encoding="latin-1") as handle:
        gpci = next(row for row in csv.DictReader(handle) if row["locality"] == "1021201")
    work, pe, mp, cf = (Decimal(rvu[i]) for i in (5, 6, 10, 25))
    exact = (work * Decimal(gpci["gpci_work"]) + pe * Decimal(gpci["gpci_pe"]) + mp * Decimal(gpci["gpci_mp"])) * cf
    return exact.quantize(CENT, rounding=ROUND_HALF_UP)


def test_provider_credentials_column_is_the_provider_column() -> None:
    names = ["Encounter #", "DOS", "Location ZIP", "POS", "CPT/HCPCS", "Units", "Provider Credentials"]
    columns = resolve_columns(names, {})
    assert columns.position("provider") == len(names) - 1
    assert not [n for n in missing_role_notices(columns) if "not read" in n]


def test_provider_credentials_pa_c_line_is_paid_85_percent(tmp_path: Path) -> None:
    source = tmp_path / "uc.csv"
    source.write_text("Encounter #,DOS,Location ZIP,POS,CPT/HCPCS,Units,Rendering Provider,Provider Credentials\n"
                      'E-1,02/15/2026,30303,20,99213,1,"Okafor, Chidi",MD\n'
                      'E-2,02/15/2026,30303,20,99213,1,"Brooks, Anna",PA-C\n')  # fmt: skip
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "provider ← Provider Credentials" in result.stderr, result.stderr
    doctor, assistant = csv.DictReader(out.open())
    fee = _cms_99213_atlanta()
    assert Decimal(doctor["allowed"]) == fee
    assert Decimal(assistant["allowed"]) == (fee * Decimal("0.85")).quantize(CENT, rounding=ROUND_HALF_UP)


@pytest.mark.parametrize(
    "other", ["Ordering Provider Credentials", "Referring Provider Credentials", "Supervising Provider Credentials",
              "Supervising Provider", "Rendering Provider"],
)  # fmt: skip
def test_provider_credentials_beside_another_provider_s_column_is_read_and_the_other_not_offered(other: str) -> None:
    names = ["Encounter #", "DOS", "Location ZIP", "POS", "CPT/HCPCS", other, "Provider Credentials"]
    columns = resolve_columns(names, {})
    assert columns.position("provider") == len(names) - 1
    assert not [n for n in missing_role_notices(columns) if other in n]


def test_provider_credentials_beside_a_billing_provider_s_is_read_and_the_billing_one_said() -> None:
    names = ["Encounter #", "DOS", "Location ZIP", "POS", "CPT/HCPCS", "Billing Provider Credentials",
             "Provider Credentials"]  # fmt: skip
    columns = resolve_columns(names, {})
    assert columns.position("provider") == len(names) - 1
    assert [n for n in missing_role_notices(columns) if "'Billing Provider Credentials' is not read" in n]


@pytest.mark.parametrize("other", ["Rendering Provider Credentials", "Provider Credential", "Provider Type"])
def test_provider_credentials_beside_another_rendering_credential_is_refused_not_guessed(other: str) -> None:
    with pytest.raises(UsageError, match="could both be the provider"):
        resolve_columns(["Encounter #", "DOS", "CPT/HCPCS", other, "Provider Credentials"], {})


@pytest.mark.parametrize("name", ["Provider Creds", "Creds", "Rendering Provider Creds"])
def test_provider_creds_abbreviated_plural_is_the_provider_column(name: str) -> None:
    names = ["Encounter #", "DOS", "Location ZIP", "POS", "CPT/HCPCS", name]
    assert resolve_columns(names, {}).position("provider") == len(names) - 1


@pytest.mark.parametrize("name", ["Supervising Provider Creds", "Ordering Creds"])
def test_another_provider_s_creds_is_neither_read_nor_offered(name: str) -> None:
    columns = resolve_columns(["Encounter #", "DOS", "CPT/HCPCS", name], {})
    assert columns.position("provider") is None
    assert not [n for n in missing_role_notices(columns) if "--columns provider=" in n]


def test_a_billing_provider_s_creds_is_said_not_read() -> None:
    columns = resolve_columns(["Encounter #", "DOS", "CPT/HCPCS", "Billing Provider Creds"], {})
    assert columns.position("provider") is None
    assert [n for n in missing_role_notices(columns) if "'Billing Provider Creds' is not read" in n]
