"""A contracting analyst's 'Place' column of POS codes was not read, and stderr said only "no place of service
column" (while an unread 'Effective Date' was named as a date look-alike): a column no role took that looks like the
place of service ('Place', 'Place Code', 'Site', 'Service Place', 'Location Type') is named with the --columns that
reads it; a place's name, ZIP or city ('Place Name', 'Place ZIP', 'City') is not."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app


def _run(tmp_path: Path, header: str, *options: str, cell: str = "11") -> tuple[str, dict[str, str]]:
    source = tmp_path / "contract.csv"
    source.write_text(f"Code,Modifier,ZIP,DOS,{header},Contract Rate\n99213,,75201,2026-03-02,{cell},100.00\n")
    out = tmp_path / "out.csv"
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), *options])
    assert done.exit_code == 0, done.output
    with out.open(newline="") as handle:
        [row] = list(csv.DictReader(handle))
    return done.stderr, row


@pytest.mark.parametrize("header", ["Place", "Place Code", "Site", "Service Place", "Location Type"])
def test_a_setting_lookalike_is_named_with_the_columns_that_reads_it(tmp_path: Path, header: str) -> None:
    stderr, row = _run(tmp_path, header)
    assert (f"no place of service column: but for DME items (priced as used at the patient's home, their DMEPOS "
            f"fee), allowed, beneficiary and medicare are left blank (each site's amounts are in the office_, hopd_ "
            f"and asc_ columns); {header!r} looks like one: if it holds the place of service (11, 22, 24 or office, "
            f"hopd, asc), say so with --columns setting={header!r}") in stderr  # fmt: skip
    assert row["allowed"] == "" and row["office_allowed"]
    # as the hint says, it reads the column: the row is priced at the office, its allowed the office's amount
    _, read = _run(tmp_path, header, "--columns", f"setting={header}")
    assert read["allowed"] == row["office_allowed"]


@pytest.mark.parametrize(("header", "cell"), [("Place Name", "Main Street Clinic"), ("Place ZIP", "75201"),
                                              ("City", "Dallas"), ("Site ID", "4")])  # fmt: skip
def test_a_place_s_name_zip_or_city_is_not_named(tmp_path: Path, header: str, cell: str) -> None:
    stderr, _ = _run(tmp_path, header, cell=cell)
    assert "no place of service column" in stderr
    assert "looks like one: if it holds the place of service" not in stderr
    assert "add POS (or --columns setting=COLUMN)" in stderr
