"""compare and drugs (an oncology practice's trial): `compare J9271 --what asp` said only "choose pfs, asc or opps", and
`compare J9271 --from 2025 --to 2026` that J9271 is not on the PFS, without pointing to --what asc / --what opps, which
compare its ASC and hospital outpatient rates. Now both say where to look: the ASC and OPPS comparisons, and `rvucalc
price` for the ASP amount on a date (one ASP file is installed: nothing to compare it with)."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import TESTS
from rvucalc.cli import app
from rvucalc.errors import UsageError
from rvucalc.lookup.compare import compare

runner = CliRunner()
SHIPPED = TESTS.parent / "data" / "opps"


def _bb(path: str, code: str) -> Decimal:
    """A code's national rate in CMS's Addendum BB (the shipped file)."""
    with open(SHIPPED / path, newline="", encoding="latin-1") as handle:
        row = next(row for row in csv.reader(handle) if row and row[0] == code)
    return Decimal([cell for cell in row[5:] if cell.strip()][-1].replace("$", "").replace(",", ""))


def test_what_asp_points_to_what_works(pricer: Any) -> None:
    result = runner.invoke(app, ["compare", "J9271", "--what", "asp", "--from", "2025", "--to", "2026"])
    assert result.exit_code == 2
    said = " ".join(result.output.split())
    assert "choose pfs, asc or opps" in said
    assert "does not compare the ASP drug payment limit files (installed: 2026-01" in said
    assert "price the code on each date instead (rvucalc price CODE --date DATE, with its units: --units N)" in said
    assert "A drug's ASC and hospital outpatient rates compare with --what asc and --what opps." in said
    with pytest.raises(UsageError, match="compare with what asc and what opps"):  # the API's words: its parameter
        compare(pricer, ["J9271"], from_="2025", to="2026", what="asp")
    with pytest.raises(UsageError) as plain:  # a word compare has no hint for: as before
        compare(pricer, ["J9271"], from_="2025", to="2026", what="xyz")
    assert str(plain.value) == "what 'xyz': choose pfs, asc or opps."


def test_a_drug_s_pfs_row_points_to_its_asc_and_opps_comparisons(pricer: Any) -> None:
    result = runner.invoke(app, ["compare", "J9271", "J9277", "--from", "2025", "--to", "2026", "-f", "json"])
    doc = json.loads(result.stdout)
    j9271, j9277 = doc["codes"]
    # J9271: on the ASC addenda of both years and the installed OPPS Addendum B of 2025 alone (no CY2026 Addendum B is
    # installed: a review found the hint naming `--what opps`, which then failed); J9277, new in 2026: the ASC's alone.
    assert j9271["explanation"].endswith(
        "; its ASC rate compares with rvucalc compare J9271 --what asc --from 2025 --to 2026; its hospital outpatient "
        "(OPPS) rate cannot be compared: no OPPS release for 2026 is installed"
    )
    # J9277, in no installed ASP file, is "added" (new in CMS's 2026 RVU file), as --all says: its note points there
    assert j9277["change"] == "added"
    assert j9277["notes"][-1].endswith(
        "; its ASC rate compares with rvucalc compare J9277 --what asc --from 2025 --to 2026"
    )
    assert "a drug's ASC rate compares with --what asc)" in " ".join(result.stderr.split())
    # What it names works; what it says cannot be compared cannot.
    hinted = runner.invoke(app, ["compare", "J9271", "--what", "asc", "--from", "2025", "--to", "2026", "-f", "json"])
    assert hinted.exit_code == 0, hinted.output
    refused = runner.invoke(app, ["compare", "J9271", "--what", "opps", "--from", "2025", "--to", "2026"])
    assert refused.exit_code == 1 and "OPPS CY2026 rates not installed" in " ".join(refused.output.split())
    # Within 2025, both settings compare (both are installed).
    within = compare(pricer, ["J9271"], from_="2025-01-01", to="2025-12-31")
    assert (within.codes[0].explanation or "").endswith(
        "; its ASC and hospital outpatient (OPPS) rates compare with rvucalc compare J9271 --what asc and rvucalc "
        "compare J9271 --what opps"
    )
    # What it points to works: CMS's BB rates, October 2025 -> July 2026.
    asc = compare(pricer, ["J9271"], from_="2025-10", to="2026-07", what="asc")
    (change,) = asc.codes
    assert change.change == "changed"
    assert change.amounts["rate"].before == _bb("2025/asc/10/BB.csv", "J9271") == Decimal("60.29")
    assert change.amounts["rate"].after == _bb("2026/asc/07/BB.csv", "J9271").quantize(Decimal("0.01"), ROUND_HALF_UP)
    # A lab's row is as before (no ASC or OPPS hint).
    lab = compare(pricer, ["80053"], from_="2025", to="2026")
    assert "--what" not in (lab.codes[0].explanation or "")
