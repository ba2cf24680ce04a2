"""Export's comma list of localities (``--locality 1320201,1328299,0441218``) given to ``compare`` or ``price``, which
price one place, said "No locality is named '1320201,1328299'" (exit 1), though each is a locality (a finance
analyst's trial, comparing three localities). It is a usage error that names the localities listed; a locality whose
own name holds a comma (0121201 "HAWAII, GUAM") is still that locality.

CMS's files: the PFS look-up tool's locality download (CY2026) names 1320201 MANHATTAN, 1328299 REST OF NEW YORK,
0441218 HOUSTON and 0121201 "HAWAII, GUAM" (GPCIs work 1.000, PE 1.137, MP 0.579); RVU26C 99213: work 1.30,
non-facility PE 1.46, MP 0.09, CF 33.4009 (PPRRVU2026_Jul_nonQPP.csv)."""

from __future__ import annotations

import csv
import io
from decimal import ROUND_HALF_UP, Decimal

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app

LOCALITIES = "/work/shared/cms/2026/localities2026-01-01-2026.csv"


def cms_localities() -> dict[str, dict[str, str]]:
    with open(LOCALITIES, newline="") as handle:
        return {row["locality"]: row for row in csv.DictReader(handle)}


@pytest.mark.parametrize(
    "command",
    [
        ["compare", "99213", "--from", "2025", "--to", "2026", "-f", "csv"],
        ["price", "99213", "--date", "2026-08-03"],
    ],
)
@pytest.mark.parametrize("given", ["1320201,1328299", "MANHATTAN, HOUSTON"])
def test_a_list_of_localities_is_one_place_too_many(command: list[str], given: str) -> None:
    known = cms_localities()
    parts = [part.strip() for part in given.split(",")]
    ids = [part if part in known else next(k for k, row in known.items() if row["loc_description"] == part)
           for part in parts]  # fmt: skip
    result = CliRunner().invoke(app, [*command, "--locality", given])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    listed = "; ".join(f"{locality} {known[locality]['loc_description']}" for locality in ids)
    assert f"lists 2 localities ({listed})" in result.stderr
    assert "No locality is named" not in result.stderr and "export --locality takes a list" in result.stderr


def test_a_name_holding_a_comma_is_still_its_locality() -> None:
    row = cms_localities()["0121201"]
    assert row["loc_description"] == "HAWAII, GUAM"
    rvus = Decimal("1.30") * Decimal(row["gpci_work"]) + Decimal("1.46") * Decimal(row["gpci_pe"])
    rvus += Decimal("0.09") * Decimal(row["gpci_mp"])
    office = (rvus * Decimal("33.4009")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    given = ["--locality", "HAWAII, GUAM", "-f", "csv"]
    result = CliRunner().invoke(app, ["compare", "99213", "--from", "2025", "--to", "2026", *given])
    assert result.exit_code == 0, result.output
    (line,) = csv.DictReader(io.StringIO(result.stdout))
    assert (
        (line["locality"], Decimal(line["non_facility_after"])) == ("0121201", office) == ("0121201", Decimal("100.61"))
    )


@pytest.mark.parametrize("given", ["1320201,NOWHERE", "1320201,"])
def test_a_list_with_a_part_that_is_no_locality_is_not_found_as_before(given: str) -> None:
    result = CliRunner().invoke(app, ["compare", "99213", "--from", "2025", "--to", "2026", "--locality", given])
    assert result.exit_code == 1
    assert f"No locality is named {given!r}" in result.stderr
