"""A ZIP or locality as billing exports and spreadsheets write them (a multi-state billing trial): ZIP+4 with a space
(``10001 1234``) was refused as "not a ZIP code"; a malformed ZIP was counted as an "unknown zip" (the kind of a
well-formed ZIP CMS's ZIP5 file does not list); a ZIP+4 or a locality id stored as a number (``12341234``,
``100011234.0``, ``920220``) had no hint of what it was, and ``1320201.0`` was "No locality is named" (exit 1).

CMS's ZIP5_APR2026 maps ZIP 10001 to carrier 13202, locality 01; the PFS look-up tool's locality download (CY2026)
gives 1320201 MANHATTAN GPCIs 1.064, 1.162, 1.586. RVU26C 99213: work 1.30, non-facility PE 1.46, MP 0.09,
CF 33.4009."""

from __future__ import annotations

import csv
import io
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.errors import ErrorKind, UsageError

MANHATTAN_OFFICE = str(
    ((Decimal("1.30") * Decimal("1.064") + Decimal("1.46") * Decimal("1.162") + Decimal("0.09") * Decimal("1.586"))
     * Decimal("33.4009")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
)  # fmt: skip


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


@pytest.mark.parametrize("zip_code", ["10001 1234", "10001-1234", "100011234", " 10001 - 1234 "])
def test_zip_plus_four_with_a_space_is_the_zip(zip_code: str, pricer: Any) -> None:
    result = run("price", "99213", "--zip", zip_code, "-f", "csv")
    assert result.exit_code == 0, result.output
    (row,) = list(csv.DictReader(io.StringIO(result.stdout)))
    assert (row["locality"], row["zip"], row["non_facility_amount"]) == ("1320201", "10001", MANHATTAN_OFFICE)
    assert pricer.price("99213", zip_code=zip_code).location.locality == "1320201"


@pytest.mark.parametrize(
    ("given", "probably"),
    [("12341234", "01234-1234"), ("6011234", "00601-1234"), ("100011234.0", "10001-1234"), ("2138", "02138"),
     ("10001.0", "10001"), ("123456", None), ("ZIP 10001", None)],
)  # fmt: skip
def test_a_malformed_zip_is_bad_zip_with_what_a_spreadsheet_made_of_it(
    given: str, probably: str | None, pricer: Any
) -> None:
    result = run("price", "99213", "--zip", given)
    assert result.exit_code == 2 and "is not a ZIP code" in result.stderr
    hint = f"it was probably {probably}: keep the ZIP column as text"
    assert (hint in result.stderr) if probably else ("probably" not in result.stderr)
    with pytest.raises(UsageError) as caught:
        pricer.price("99213", zip_code=given)
    assert caught.value.kind is ErrorKind.BAD_ZIP


def test_batch_counts_malformed_zips_as_bad_zip_and_unknown_ones_as_unknown_zip(tmp_path: Path) -> None:
    source, target, summary = tmp_path / "in.csv", tmp_path / "out.csv", tmp_path / "sum.json"
    source.write_text("code,zip\n99213,10001 1234\n99213,12341234\n99213,ZIP 10001\n99213,00000\n")
    result = run("batch", str(source), "-o", str(target), "--summary", str(summary))
    assert result.exit_code != 2, result.output
    rows = list(csv.DictReader(target.open()))
    assert [row["error_kind"] for row in rows] == ["", "bad_zip", "bad_zip", "unknown_zip"]
    assert rows[0]["pfs_non_facility_amount"] == MANHATTAN_OFFICE
    assert "it was probably 01234-1234" in rows[1]["error"]
    assert "2 bad zip, 1 unknown zip" in " ".join(result.stderr.split())
    assert json.loads(summary.read_text())["error_kinds"] == {"bad_zip": 2, "unknown_zip": 1}


@pytest.mark.parametrize(("given", "probably"), [("920220", "0920220"), ("1320201.0", "1320201"),
                                                 ("920220.0", "0920220")])  # fmt: skip
def test_a_locality_id_a_spreadsheet_made_a_number_is_refused_saying_what_it_was(
    given: str, probably: str, tmp_path: Path, pricer: Any
) -> None:
    hint = f"it was probably {probably}: keep the locality as text"
    for args in (["price", "99213", "--locality", given],
                 ["compare", "99213", "--from", "2025", "--to", "2026", "--locality", given],
                 ["export", "--year", "2026", "--locality", given, "-o", str(tmp_path / "x.csv")]):  # fmt: skip
        result = run(*args)
        assert result.exit_code == 2 and hint in " ".join(result.stderr.split()), (args, result.output)
        assert "No locality is named" not in result.stderr
    assert not (tmp_path / "x.csv").exists()
    with pytest.raises(UsageError, match=hint) as caught:
        pricer.price("99213", locality=given)
    assert caught.value.kind is ErrorKind.UNKNOWN_LOCALITY
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text(f"code,locality\n99213,{given}\n99213,1320201\n")
    assert run("batch", str(source), "-o", str(target)).exit_code != 2
    bad, good = list(csv.DictReader(target.open()))
    assert bad["error_kind"] == "unknown_locality" and hint in bad["error"]
    assert good["pfs_non_facility_amount"] == MANHATTAN_OFFICE
