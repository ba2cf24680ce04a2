"""A state's whole name given as a locality is the state, as its postal code is (a multi-state billing trial:
``--locality "New York"`` was read as 1328299 REST OF NEW YORK, $91.86 for 99213 where Manhattan is $107.63; "Texas",
"Missouri" and "Washington", a DC practice's, as the rest of the state). A state of several localities is refused
with their list, as ``--locality NY`` is; a state of one is that locality.

CMS's PFS look-up tool locality download (CY2026): New York's localities 1320201 MANHATTAN, 1320202 NYC
SUBURBS/LONG ISLAND, 1320203 POUGHKPSIE/N NYC SUBURBS, 1328299 REST OF NEW YORK, 1329204 QUEENS; Washington's 0240202
SEATTLE (KING CNTY) and 0240299 REST OF WASHINGTON; 1220201 DC + MD/VA SUBURBS, MAC 12202 "DISTRICT OF COLUMBIA",
GPCIs 1.054, 1.178, 1.113. RVU26C 99213: work 1.30, non-facility PE 1.46, MP 0.09, CF 33.4009."""

from __future__ import annotations

import csv
import io
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.errors import ErrorKind, UsageError

NEW_YORK = ["1320201", "1320202", "1320203", "1328299", "1329204"]


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


@pytest.mark.parametrize(
    ("name", "code", "count"),
    [("New York", "NY", 5), ("new  york", "NY", 5), ("Texas", "TX", 8), ("Missouri", "MO", 3), ("WASHINGTON", "WA", 2)],
)
def test_a_state_s_name_is_refused_as_its_code_is(name: str, code: str, count: int, pricer: Any) -> None:
    for args in (["price", "99213", "--locality", name], ["compare", "99213", "--from", "2025", "--to", "2026",
                                                          "--locality", name]):  # fmt: skip
        result = run(*args)
        assert result.exit_code == 2 and not result.stdout, result.output
        assert f"is the state {code}" in result.stderr and f"which has {count} PFS localities" in result.stderr
        assert f"--state {code}" in result.stderr
    with pytest.raises(UsageError) as caught:
        pricer.price("99213", locality=name)
    assert caught.value.kind is ErrorKind.UNKNOWN_LOCALITY
    if code == "NY":
        assert all(locality in str(caught.value) for locality in NEW_YORK)


def test_washington_points_a_dc_practice_at_dc() -> None:
    said = run("price", "99213", "--locality", "Washington").stderr
    assert "0240202 SEATTLE (KING CNTY); 0240299 REST OF WASHINGTON" in said and "Washington, D.C. is DC" in said
    assert "D.C." not in run("price", "99213", "--locality", "WA").stderr  # the code is not the city


def test_a_state_of_one_locality_is_that_locality_by_its_name(pricer: Any) -> None:
    result = run("price", "99213", "--locality", "District of Columbia", "-f", "csv")
    assert result.exit_code == 0, result.output
    (row,) = list(csv.DictReader(io.StringIO(result.stdout)))
    work, pe, mp = Decimal("1.054"), Decimal("1.178"), Decimal("1.113")
    exact = (Decimal("1.30") * work + Decimal("1.46") * pe + Decimal("0.09") * mp) * Decimal("33.4009")
    office = str(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    assert (row["locality"], row["non_facility_amount"]) == ("1220201", office)
    assert "read as 1220201 DC + MD/VA SUBURBS (DC), the state's one locality" in result.stderr
    # a locality's own name first (KANSAS, VIRGINIA), a territory by the locality its ZIPs are in (Guam)
    assert pricer.price("99213", locality="Kansas").location.locality == "0520200"
    assert pricer.price("99213", locality="virginia").location.locality == "1130200"
    assert pricer.price("99213", locality="Guam").location.locality == "0121201"
    assert pricer.price("99213", locality="Hawaii").location.locality == "0121201"


def test_batch_and_export_read_a_state_s_name_as_price_does(tmp_path: Path) -> None:
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text("code,locality\n99213,New York\n99213,Texas\n99213,District of Columbia\n")
    result = run("batch", str(source), "-o", str(target))
    assert result.exit_code != 2, result.output
    new_york, texas, dc = list(csv.DictReader(target.open()))
    assert new_york["error_kind"] == texas["error_kind"] == "unknown_locality"
    assert "is the state NY" in new_york["error"] and not new_york["pfs_non_facility_amount"]
    assert "is the state TX" in texas["error"] and not dc["error"] and dc["pfs_non_facility_amount"]
    refused = run("export", "--year", "2026", "--locality", "New York", "-o", str(tmp_path / "ny.csv"))
    assert refused.exit_code == 2 and "--state NY" in refused.stderr and not (tmp_path / "ny.csv").exists()
    both = run("price", "99213", "--locality", "New York", "--state", "NY", "-f", "csv")  # as --locality NY --state NY
    assert both.exit_code == 0, both.output
    listed = [row["locality"] for row in csv.DictReader(io.StringIO(both.stdout)) if row["locality"] != "0000000"]
    assert sorted(listed) == NEW_YORK
