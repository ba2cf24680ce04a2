"""Lab tests CMS recognises as CLIA-waived without QW (an endocrinology clinic's trial, ZIP 55905): 82962-QW was
priced at its CLFS row ($3.28, right) but said "82962 has no QW row on the CLFS (not a CLIA-waived test)", which tells
a clinic with a certificate of waiver its finger-stick glucose needs a higher certificate. CMS: "81002, 81025, 82270,
82272, 82962, 83026, 84830, 85013, and 85651 do not require a QW modifier to be recognized as a waived test" (CR 11747,
Transmittal R10048CP, and the later CLIA waived-test CRs). Now price (table, JSON) and batch say the test is waived
without QW; a code that is no waived test (81490) keeps its note."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from conftest import TESTS
from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app

runner = CliRunner()
CLFS = TESTS.parent / "data" / "clfs" / "2026" / "PUF_CLFS_CY2026_Q2V1.csv"
WAIVED = "82962 is a CLIA-waived test CMS recognises without QW (QW is not needed): priced at its CLFS row."


def _clfs_rows(code: str) -> dict[str, Decimal]:
    """CMS's CLFS rows of a code (the shipped 2026 Q2 file): modifier -> national rate."""
    with open(CLFS, newline="", encoding="latin-1") as handle:
        return {row[2]: Decimal(row[5]) for row in csv.reader(handle) if len(row) > 5 and row[1] == code}


def _batch(pricer: Any, csv_text: str, tmp_path: Path) -> list[dict[str, Any]]:
    path = tmp_path / "lines.csv"
    path.write_text(csv_text, encoding="utf-8")
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    table = pa.table({name: [row[name] for row in rows] for name in rows[0]})
    return BatchPricer(pricer).price_table(table).to_pylist()  # type: ignore[no-any-return]


def test_a_waived_test_without_a_qw_row_is_said_waived_in_price_and_batch(pricer: Any, tmp_path: Path) -> None:
    assert _clfs_rows("82962") == {"": Decimal("3.28")}  # CMS's file: one row, no QW row
    table = runner.invoke(app, ["price", "82962-QW", "--zip", "55905"])
    assert table.exit_code == 0, table.output
    said = " ".join(table.output.split())
    assert WAIVED in said and "not a CLIA-waived test" not in said and "$3.28" in said

    cli = runner.invoke(app, ["price", "82962-QW", "--zip", "55905", "-f", "json"])
    assert cli.exit_code == 0, cli.output
    clfs = json.loads(cli.stdout)["clfs"]
    assert Decimal(str(clfs["amount"])) == Decimal("3.28") and WAIVED in clfs["notes"]
    assert not any("not a CLIA-waived test" in note for note in clfs["notes"])

    out = _batch(pricer, "code,zip\n82962-QW,55905\n81490-QW,55905\n", tmp_path)
    assert out[0]["error"] == "" and WAIVED in str(out[0]["note"]) and "not a CLIA-waived" not in str(out[0]["note"])
    assert "81490 has no QW row on the CLFS (not a CLIA-waived test)" in str(out[1]["note"])


@pytest.mark.parametrize("code", ["81002", "81025", "82270", "82272", "83026", "84830", "85013", "85651"])
def test_every_code_cms_lists_as_waived_without_qw_is_said_so(pricer: Any, code: str) -> None:
    assert "QW" not in _clfs_rows(code)
    result = pricer.price(f"{code}-QW")
    assert result.clfs is not None and result.clfs.payable
    assert result.clfs.amount == _clfs_rows(code)[""]
    assert any("CLIA-waived test CMS recognises without QW" in note for note in result.clfs.notes)


def test_a_test_with_a_qw_row_billed_without_qw_says_to_bill_qw_under_a_waiver(pricer: Any, tmp_path: Path) -> None:
    """87880 (rapid strep), 85018 (hemoglobin): CMS's CLFS has a QW row beside the plain one, at the same rate. Billed
    without QW (an urgent care's trial: `price 87880 --setting 20` said nothing), the line is priced at the plain row
    and says to bill QW under a certificate of waiver (CMS's CLIA waived-tests CRs): price and batch alike. With QW,
    and for a waived test CMS recognises without QW (82962, no QW row), no such note."""
    from rvucalc.lookup.schedules import WAIVED_VERSION_NOTE

    for code in ("87880", "85018"):
        rows = _clfs_rows(code)
        assert set(rows) == {"", "QW"} and rows[""] == rows["QW"], rows  # CMS's file: a QW row, the same rate
        note = WAIVED_VERSION_NOTE.format(code=code)
        assert "bill QW if the lab holds a certificate of waiver" in note and "; " not in note
        cli = runner.invoke(app, ["price", code, "--zip", "30303", "--setting", "20", "-f", "json"])
        assert cli.exit_code == 0, cli.output
        clfs = json.loads(cli.stdout)["clfs"]
        assert Decimal(str(clfs["amount"])) == rows[""] and note in clfs["notes"]
        table = runner.invoke(app, ["price", code, "--zip", "30303", "--setting", "20"])
        assert note in " ".join(table.output.split())
        qw = runner.invoke(app, ["price", f"{code}-QW", "--zip", "30303", "-f", "json"])
        assert note not in json.loads(qw.stdout)["clfs"]["notes"]
    out = _batch(pricer, "code,zip,pos\n87880,30303,20\n87880-QW,30303,20\n82962,30303,20\n", tmp_path)
    assert WAIVED_VERSION_NOTE.format(code="87880") in str(out[0]["note"])
    assert "certificate of waiver" not in str(out[1]["note"]) + str(out[2]["note"])
