"""The COVID-19 public health emergency's HCPCS codes U0003-U0005 and G2023/G2024: CMS's CLFS file says in its title
rows that they are no longer payable for dates of service from 2023-05-12 and terminated, and lists none of them. An
urgent care trial's U0005 beside 87811-QW read "U0005 is not in the 2026 fee schedule (2026C). Search by words", as if
mistyped; `rvucalc price` and `rvucalc batch` now say the PHE ended and name the CPT codes the CLFS prices instead
(engine.pfs.LATER_DELETIONS), the error kind (unknown_code) and exit code (1) unchanged."""

from __future__ import annotations

import csv

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from conftest import TESTS
from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer

runner = CliRunner()
PHE_CODES = ("U0003", "U0004", "U0005", "G2023", "G2024")
TESTS_INSTEAD = ("87635", "87426", "87811")


def _clfs_2026() -> tuple[str, dict[str, str]]:
    """The shipped CY2026 CLFS CSV's title text and its rate by code (no modifier)."""
    path = TESTS.parent / "data" / "clfs" / "2026" / "PUF_CLFS_CY2026_Q2V1.csv"
    with open(path, newline="", encoding="latin-1") as handle:
        text = handle.read()
    rows = list(csv.reader(text.splitlines()))
    title = " ".join(text.splitlines()[:4])  # unquoted title lines, commas and all
    rates = {row[1]: row[5] for row in rows if len(row) > 5 and row[0] == "2026" and not row[2]}
    return title, rates


def test_cms_clfs_file_says_the_phe_codes_ended_and_prices_the_cpt_tests() -> None:
    title, rates = _clfs_2026()
    assert "no longer be payable for dates of service on or after May 12, 2023" in title
    assert all(code in title and code not in rates for code in PHE_CODES)
    assert all(float(rates[code]) > 0 for code in TESTS_INSTEAD)


@pytest.mark.parametrize("code", PHE_CODES)
def test_phe_code_says_the_phe_ended_in_price_and_batch(code: str) -> None:
    result = runner.invoke(app, ["price", code, "--zip", "78701", "--setting", "20", "--date", "2026-05-02"])
    assert result.exit_code == 1 and result.stdout == "", result.output
    said = result.stderr
    assert "on or after 2023-05-12" in said and "public health emergency" in said, said
    assert "Search by words" not in said and "Did you mean" not in said, said
    if code.startswith("U"):
        assert all(other in said for other in TESTS_INSTEAD), said
    rows = [{"claim": "UC1", "code": code, "zip": "78701", "date": "2026-05-02", "setting": "20"}]
    out = BatchPricer(Pricer()).price_table(pa.Table.from_pylist(rows)).to_pylist()[0]
    assert out["error_kind"] == "unknown_code" and out["error"] in said, (out["error"], said)


def test_compare_says_a_deleted_code_was_deleted_not_search_by_words() -> None:
    """`compare U0005 99217` (2025 to 2026) rows said the codes were deleted, while its last line read "not in 2025D or
    2026C: U0005, 99217. Search by words"; it now says each row's reason, exit 1 as before."""
    result = runner.invoke(app, ["compare", "U0005", "99217", "--zip", "78701", "--from", "2025", "--to", "2026"])
    assert result.exit_code == 1, result.output
    assert "Search by words" not in result.stderr, result.stderr
    assert "on or after 2023-05-12" in result.stderr and "deleted from CPT for 2023" in result.stderr, result.stderr
    typo = runner.invoke(app, ["compare", "99999", "--zip", "78701", "--from", "2025", "--to", "2026"])
    assert typo.exit_code == 1 and "Search by words" in typo.stderr, typo.output
