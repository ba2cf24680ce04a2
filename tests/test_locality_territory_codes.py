"""A territory's postal code given as a locality is the territory, as ``--state`` reads it, never part of a locality's
name (a multi-state billing trial: ``--locality MP`` was read as 1431240 NEW HAMPSHIRE, ``AS`` fit 12 localities,
``GU`` found HAWAII, GUAM only because the name holds "GU", and ``AP`` was read as NAPA, CA).

CMS's files: ZIP5_APR2026 maps the Northern Mariana Islands' ZIPs 96950-96952 (state MP), American Samoa's 96799
(AS) and Guam's (GU) to carrier 01212, locality 01; the PFS look-up tool's locality download (CY2026) gives 0121201
"HAWAII, GUAM", MAC 01212 "HAWAII/GUAM/AMER SAMOA/N MARIANA", GPCIs work 1.000, PE 1.137, MP 0.579, and 1431240 NEW
HAMPSHIRE 1.000, 1.041, 0.875. RVU26C 99213: work 1.30, non-facility PE 1.46, MP 0.09, CF 33.4009."""

from __future__ import annotations

import csv
import io
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.errors import ErrorKind, NotFoundError

PACIFIC = "0121201"


def office_99213(work: str, pe: str, mp: str) -> str:
    exact = (Decimal("1.30") * Decimal(work) + Decimal("1.46") * Decimal(pe) + Decimal("0.09") * Decimal(mp)) * Decimal(
        "33.4009"
    )
    return str(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


PACIFIC_OFFICE = office_99213("1.000", "1.137", "0.579")  # 100.61
NEW_HAMPSHIRE_OFFICE = office_99213("1.000", "1.041", "0.875")  # 96.82, what MP was priced at


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize(("code", "zip_code"), [("MP", "96950"), ("mp", "96952"), ("AS", "96799"), ("GU", None)])
def test_a_territory_code_is_the_locality_its_zips_are_in(code: str, zip_code: str | None, pricer: Any) -> None:
    result = run("price", "99213", "--locality", code, "-f", "csv")
    assert result.exit_code == 0, result.output
    (row,) = csv_rows(result.stdout)
    assert (row["locality"], row["non_facility_amount"]) == (PACIFIC, PACIFIC_OFFICE) != (PACIFIC, NEW_HAMPSHIRE_OFFICE)
    said = f"read as {PACIFIC} HAWAII, GUAM (HI), the one locality CMS's ZIP5 file maps {code.upper()} ZIPs to"
    assert said in result.stderr and "NEW HAMPSHIRE" not in result.stderr
    if zip_code is not None:  # the same place as the territory's own ZIP (CMS's ZIP5 file)
        by_zip = csv_rows(run("price", "99213", "--zip", zip_code, "-f", "csv").stdout)[0]
        assert (by_zip["locality"], by_zip["non_facility_amount"]) == (PACIFIC, PACIFIC_OFFICE)
    assert pricer.price("99213", locality=code).location.locality == PACIFIC  # the API: one matcher


def test_two_letters_that_are_no_state_match_no_name(pricer: Any) -> None:
    """AP (no state: an APO's "Armed Forces Pacific") was read as NAPA, CA; it is refused as an unknown name is."""
    result = run("price", "99213", "--locality", "AP")
    assert result.exit_code == 1 and not result.stdout
    assert "No locality is named 'AP'" in result.stderr and "AP is none" in result.stderr
    assert "NAPA" not in result.stderr and "rvucalc localities" in result.stderr
    with pytest.raises(NotFoundError) as caught:
        pricer.price("99213", locality="AP")
    assert caught.value.kind is ErrorKind.UNKNOWN_LOCALITY


def test_batch_compare_and_export_read_a_territory_as_price_does(tmp_path: Path) -> None:
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text("Claim ID,CPT,Locality\nA1,99213,MP\nA2,99213,AS\nA3,99213,GU\nA4,99213,AP\n")
    result = run("batch", str(source), "-o", str(target))
    assert result.exit_code != 2, result.output
    rows = list(csv.DictReader(target.open()))
    assert [row["pfs_non_facility_amount"] for row in rows[:3]] == [PACIFIC_OFFICE] * 3
    assert all("read as 0121201 HAWAII, GUAM (HI)" in row["note"] for row in rows[:3])
    assert rows[3]["error_kind"] == "unknown_locality" and "No locality is named 'AP'" in rows[3]["error"]
    compared = run("compare", "99213", "--from", "2025", "--to", "2026", "--locality", "MP", "-f", "csv")
    assert compared.exit_code == 0, compared.output
    assert PACIFIC in compared.stdout and "1431240" not in compared.stdout
    exported = tmp_path / "mp.csv"
    done = run("export", "--year", "2026", "--locality", "MP", "-o", str(exported))
    assert done.exit_code == 0, done.output
    office = {row["locality"]: row["non_facility_amount"] for row in csv.DictReader(exported.open())
              if row["hcpcs"] == "99213" and not row["modifier"]}  # fmt: skip
    assert office == {PACIFIC: PACIFIC_OFFICE}
    refused = run("export", "--year", "2026", "--locality", "AP", "-o", str(tmp_path / "ap.csv"))
    assert refused.exit_code == 1 and not (tmp_path / "ap.csv").exists()
