"""ZIP 32425 spans counties (HUD's crosswalk: 12059 92.3%, 12133 7.7%); the county matters only for a hospital's or
an ASC's wage index. A Medicare Advantage analyst's lab, drug and DME rows (80053, J9271, L1833) carried "ZIP 32425
spans counties; using 12059 ..." though their CLFS, ASP and DMEPOS amounts are no county's. The note is said where a
line's OPPS or ASC rate is adjusted by the place's wage index (29881), in price and batch alike, and nowhere else."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app

SPANS = "ZIP 32425 spans counties: 12059 is used"
CODES = {"80053": False, "J9271": False, "L1833": False, "99213": False, "29881": True, "27447": True}


@pytest.mark.parametrize(("code", "said"), sorted(CODES.items()))
def test_price_says_the_county_where_a_facility_rate_uses_it(code: str, said: bool) -> None:
    done = CliRunner().invoke(app, ["price", code, "--zip", "32425", "--date", "2026-03-02", "-f", "json"])
    assert done.exit_code == 0, done.output
    notes = json.loads(done.stdout)["notes"]
    assert any(note.startswith(SPANS) for note in notes) is said, notes


def test_batch_says_it_on_the_same_rows(tmp_path: Path) -> None:
    source = tmp_path / "contract.csv"
    source.write_text("Code,ZIP,DOS,POS\n" + "".join(f"{code},32425,2026-03-02,11\n" for code in CODES))
    out = tmp_path / "out.csv"
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    with out.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["Code"]: SPANS in row["note"] for row in rows} == CODES
    # with the hospital's and the ASC's own wage indexes given, no rate uses the county's
    given = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--wage-index", "0.9",
                                     "--asc-wage-index", "0.9"])  # fmt: skip
    assert given.exit_code == 0, given.output
    assert SPANS not in out.read_text()
