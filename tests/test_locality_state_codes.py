"""A two-letter state code given as a locality is the state, never part of a locality's name (an analyst's trial:
`export --locality FL` exported REST OF FLORIDA alone, `NY` NYC SUBURBS, `AK` was read as OAKLAND, DAKOTA ...).

localities2026-01-01-2026.csv (CMS's GPCIs, CY2026): Florida's localities are 0910203 FORT LAUDERDALE (GPCIs 1.000,
1.013, 1.808), 0910204 MIAMI (1.000, 1.041, 2.529) and 0910299 REST OF FLORIDA (1.000, 0.956, 1.503); Alaska has one,
0210201 ALASKA (1.500, 1.065, 0.551). RVU26C 99213: work 1.30, non-facility PE 1.46, MP 0.09, CF 33.4009."""

from __future__ import annotations

import csv
import io
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.errors import ErrorKind, RvucalcError, UsageError

FLORIDA = {"0910203": "FORT LAUDERDALE", "0910204": "MIAMI", "0910299": "REST OF FLORIDA"}
GPCI = {"0910203": ("1.000", "1.013", "1.808"), "0910204": ("1.000", "1.041", "2.529"),
        "0910299": ("1.000", "0.956", "1.503"), "0210201": ("1.500", "1.065", "0.551")}  # fmt: skip


def office_99213(locality: str) -> str:
    work, pe, mp = (Decimal(g) for g in GPCI[locality])
    exact = (Decimal("1.30") * work + Decimal("1.46") * pe + Decimal("0.09") * mp) * Decimal("33.4009")
    return str(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


@pytest.mark.parametrize("text", ["FL", "fl", " NY ", "LA"])
def test_a_state_of_several_localities_is_refused_naming_them_and_state(text: str) -> None:
    """One place is asked for (price, compare): a state of several localities is refused, its localities named, and
    --state said (LA is Louisiana's code, not Los Angeles)."""
    for args in (["price", "99213", "--locality", text], ["compare", "99213", "--from", "2025", "--to", "2026",
                                                          "--locality", text]):  # fmt: skip
        result = run(*args)
        code = text.strip().upper()
        assert result.exit_code == 2, result.output
        assert f"is the state {code}" in result.stderr and f"--state {code}" in result.stderr and not result.stdout
    said = run("price", "99213", "--locality", "FL").stderr
    assert all(f"{locality} {name}" in said for locality, name in FLORIDA.items())
    assert "0720201 NEW ORLEANS" in run("price", "99213", "--locality", "LA").stderr


def test_a_state_of_one_locality_is_that_locality(pricer: Any) -> None:
    """AK is Alaska's one locality, never OAKLAND or DAKOTA; the warning says how it was read."""
    result = run("price", "99213", "--locality", "AK", "-f", "csv")
    assert result.exit_code == 0, result.output
    (row,) = list(csv.DictReader(io.StringIO(result.stdout)))
    assert (row["locality"], row["non_facility_amount"]) == ("0210201", office_99213("0210201"))
    assert "read as 0210201 ALASKA (AK), the state's one locality" in result.stderr
    assert pricer.price("99213", locality="ak").location.locality == "0210201"  # the API: one matcher
    # VA is Virginia's one locality (1130200 VIRGINIA), not DC + MD/VA SUBURBS, whose name holds "VA"
    assert pricer.price("99213", locality="VA").location.locality == "1130200"
    with pytest.raises(UsageError, match="is the state FL"):
        pricer.price("99213", locality="FL")
    compared = run("compare", "99213", "--from", "2025", "--to", "2026", "--locality", "AK", "-f", "csv")
    assert compared.exit_code == 0 and "0210201" in compared.stdout


def test_locality_and_state_together_or_another_state(pricer: Any) -> None:
    """`price --locality FL --state FL` is Florida's table (as --state FL); FL with --state CA is not a CA place."""
    both = run("price", "99213", "--locality", "FL", "--state", "FL", "-f", "csv")
    assert both.exit_code == 0, both.output
    rows = [row for row in csv.DictReader(io.StringIO(both.stdout)) if row["locality"] != "0000000"]
    assert {row["locality"]: row["non_facility_amount"] for row in rows} == {
        locality: office_99213(locality) for locality in FLORIDA
    }
    other = run("price", "99213", "--locality", "FL", "--state", "CA")
    assert other.exit_code == 1 and "is the state FL, not a locality of CA" in other.stderr


def test_batch_reads_a_state_code_as_the_single_lookup_does(tmp_path: Path) -> None:
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text("code,locality\n99213,FL\n99213,AK\n")
    result = run("batch", str(source), "-o", str(target))
    assert result.exit_code != 2, result.output
    florida, alaska = list(csv.DictReader(target.open()))
    assert florida["error_kind"] == "unknown_locality" and "is the state FL" in florida["error"]
    assert alaska["pfs_non_facility_amount"] == office_99213("0210201") and not alaska["error"]


def test_export_locality_fl_is_refused_and_export_state_exports_every_locality(tmp_path: Path) -> None:
    """`export --locality FL` exited 0 with REST OF FLORIDA alone; it is refused, pointing at --state, which export
    takes as price does (every locality of the state, repeatable or a comma list)."""
    refused = run("export", "--year", "2026", "--locality", "FL", "-o", str(tmp_path / "x.csv"))
    assert refused.exit_code == 2 and "--state FL" in refused.stderr and not (tmp_path / "x.csv").exists()
    target = tmp_path / "fl.csv"
    result = run("export", "--year", "2026", "--state", "FL", "-o", str(target))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(target.open()))
    assert {row["locality"]: row["locality_name"] for row in rows} == FLORIDA
    office = {row["locality"]: row["non_facility_amount"] for row in rows if row["hcpcs"] == "99213"
              and not row["modifier"]}  # fmt: skip
    assert office == {locality: office_99213(locality) for locality in FLORIDA}
    # with --locality, both; another state's locality listed for the state (DC + MD/VA SUBURBS for MD) said
    mixed = run("export", "--year", "2026", "--state", "ak,MD", "--locality", "MIAMI", "-o", str(target))
    assert mixed.exit_code == 0, mixed.output
    assert {row["locality"] for row in csv.DictReader(target.open())} == {
        "0210201", "1220201", "1230201", "1230299", "0910204"}  # fmt: skip
    assert "Locality 1220201 DC + MD/VA SUBURBS (DC) is listed for MD too" in mixed.stderr
    assert run("export", "--state", "ZZ", "-o", str(target)).exit_code == 2  # no state's code: a usage error
    assert run("export", "--what", "asc", "--state", "FL", "-o", str(target)).exit_code == 2


def test_the_export_api_refuses_a_state_code_as_a_locality(pricer: Any, tmp_path: Path) -> None:
    from rvucalc.export import export_table

    with pytest.raises(RvucalcError, match="is the state NY, which has 5 PFS localities"):
        export_table(pricer, what="pfs", year=2026, cbsa=None, target=str(tmp_path / "ny.csv"), localities=["NY"])


@pytest.mark.parametrize("args", [("localities", "--state", "ZZ"), ("price", "27447", "--state", "zz"),
                                  ("price", "27447", "--state", "ZZ", "--format", "json")])  # fmt: skip
def test_a_code_that_is_no_state_is_a_usage_error(args: tuple[str, ...]) -> None:
    """ZZ is no US state's or territory's postal code: a usage error (exit 2, kind bad_state), as a ZIP of the wrong
    form (1000) is, where an unknown well-formed ZIP (00000) is not found (exit 1). It was "No locality in state
    'ZZ'", exit 1, as if ZZ were a state without a locality."""
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "is not a US state or territory postal code" in result.stderr and result.stdout == ""
    assert "No locality in state" not in result.output


def test_the_api_refuses_a_code_that_is_no_state_as_bad_state(pricer: Any) -> None:
    with pytest.raises(UsageError) as caught:
        pricer.localities("ZZ", year=2026)
    assert caught.value.kind is ErrorKind.BAD_STATE
    # a territory's code is a state's code: listed (CMS's ZIP5 file maps GU ZIPs to 0121201 HAWAII, GUAM)
    assert [item.locality for item in pricer.localities("GU", year=2026).localities] == ["0121201"]
