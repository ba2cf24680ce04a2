"""The "Facility area: ... wage index" block is the wage index of the OPPS and ASC rates (CMS's ASC wage index file,
WI26): an office-only price (--setting office) or a code no facility rate prices here showed it under the PFS's
amounts, which the locality's GPCIs set, not a wage index."""

from __future__ import annotations

import csv

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.paths import data_dir

runner = CliRunner()


def _asc_wage_index(cbsa: str) -> str:
    """CMS's CY2026 ASC wage index (WI26) for the CBSA, as its file gives it."""
    with (data_dir() / "opps" / "2026" / "asc_wage_index_2026.csv").open(newline="", encoding="latin-1") as handle:
        (value,) = {row[2].strip() for row in csv.reader(handle) if row and row[0].strip() == cbsa}
    return value


def _said(*args: str) -> str:
    done = runner.invoke(app, ["price", *args, "--zip", "10001"], terminal_width=400)
    assert done.exit_code == 0, done.output
    return " ".join(done.output.split())


def test_office_only_price_has_no_facility_area() -> None:
    said = _said("99213", "--setting", "office")
    assert "Office (non-facility)" in said, said
    assert "Facility area" not in said and "the wage index CMS applies to an ASC" not in said, said


def test_no_facility_rate_no_facility_area() -> None:
    # 99213 is not on the ASC's lists (Addendum AA, BB) and OPPS 2026 is not installed: no facility rate shown.
    assert "Facility area" not in _said("99213"), "99213"


def test_a_facility_rate_keeps_its_wage_index() -> None:
    # 27447 is on the ASC covered procedures list: its rate is wage-adjusted by the area's (CBSA 35614's) index.
    for args in (("27447",), ("27447", "--setting", "asc")):
        said = _said(*args)
        assert f"CBSA 35614 New York-Jersey City-White Plains, NY-NJ; wage index {_asc_wage_index('35614')}" in said
