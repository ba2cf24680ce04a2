"""A code the MAC prices in both releases has no CMS amount to compare: a radiology trial's `rvucalc compare A9500
--from 2025 --to 2026 --zip 30303` (Tc99m sestamibi, RVU file status C in RVU25D and RVU26C) said "unchanged", "No
change.", which is not known. It is not comparable, saying it is MAC-priced in both releases, in the table, JSON and
CSV alike (the output's keys and columns as before), named or from ``--codes FILE``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).parent.parent / "data" / "rvu"
RVU_FILES = {"2025": DATA / "2025" / "PPRRVU2025_Oct.csv", "2026": DATA / "2026" / "PPRRVU2026_Jul_nonQPP.csv"}
ATLANTA = "30303"


@pytest.fixture
def cli(compare_cli):  # type: ignore[no-untyped-def]
    return compare_cli


def _cms_status(year: str, code: str) -> str:
    """The STATUS CODE (column 4) of the code's row without a modifier in CMS's RVU file of the year."""
    with RVU_FILES[year].open(encoding="latin-1", newline="") as handle:
        return next(row[3] for row in csv.reader(handle) if row[:2] == [code, ""])


def test_a_code_mac_priced_in_both_years_is_not_comparable_not_unchanged(cli: Any, pricer: Any, tmp_path: Path) -> None:
    assert _cms_status("2025", "A9500") == _cms_status("2026", "A9500") == "C"  # CMS's files: carrier priced
    done = cli("compare", "A9500", "78452", "--from", "2025", "--to", "2026", "--zip", ATLANTA, "-f", "json")
    assert done.exit_code == 0, done.output
    result = json.loads(done.stdout)
    mac, priced = result["codes"]
    assert set(mac) == set(priced)  # the same keys as a priced code's row
    assert (mac["code"], mac["change"]) == ("A9500", "not_comparable")
    assert mac["not_comparable_reason"].startswith("MAC-priced in both 2025D and 2026C: no CMS amount")
    assert "No change" not in mac["explanation"] and "no CMS amount to compare" in mac["explanation"]
    assert (result["summary"]["unchanged"], result["summary"]["not_comparable"]) == (0, 1)
    table = cli("compare", "A9500", "--from", "2025", "--to", "2026", "--zip", ATLANTA)
    said = " ".join(table.stdout.split())
    assert "not comparable" in said and "0 unchanged" in said and "1 not comparable" in said
    from rvucalc.cli.compare_cmd import _why
    from rvucalc.lookup.compare import compare

    named = compare(pricer, ["A9500"], from_=2025, to=2026, zip_code=ATLANTA)
    why = _why(named.codes[0], named)  # the table's Why: the amounts' reason, then why no change is known
    assert why.startswith("Priced by the MAC (2025D office and facility, 2026C office and facility): CMS publishes")
    assert why.endswith(f"Not comparable: {mac['not_comparable_reason']}.")
    codes = tmp_path / "codes.csv"
    codes.write_text("code\nA9500\n")
    listed = cli("compare", "--codes", str(codes), "--from", "2025", "--to", "2026", "--zip", ATLANTA, "-f", "csv")
    assert listed.exit_code == 0, listed.output
    [row] = list(csv.DictReader(io.StringIO(listed.stdout)))
    assert (row["change"], row["explanation"]) == ("not_comparable", f"not comparable: {mac['not_comparable_reason']}")
