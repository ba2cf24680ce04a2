"""A health-system analyst's contract exhibit: 2026 has two CMS conversion factors (33.4009, and 33.5675 for a
qualifying APM participant), and `rvucalc export --qp` was "No such option" (price and compare had it; the only way
was a what-if --conversion-factor, labelled "not a CMS rate"). export --qp now prices every row with CMS's QP CF, as
`price --qp` does, and every export row names its conversion factor."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()


def _export(tmp_path: Path, *extra: str) -> dict[tuple[str, str], dict[str, str]]:
    target = tmp_path / "fs.csv"
    result = runner.invoke(app, ["export", "--year", "2026", "--zip", "77030", *extra, "-o", str(target)])
    assert result.exit_code == 0, result.output
    return {(row["hcpcs"], row["modifier"]): row for row in csv.DictReader(target.open())}


@pytest.mark.parametrize("code", ["99213", "27447", "93306-26"])
def test_export_qp_prices_every_row_as_price_qp(tmp_path: Path, code: str) -> None:
    hcpcs, _, modifier = code.partition("-")
    both = {}
    for extra in ([], ["--qp"]):
        row = _export(tmp_path, *extra)[(hcpcs, modifier)]
        single = runner.invoke(app, ["price", code, "--zip", "77030", "--date", "2026-08-03", *extra, "-f", "json"])
        pfs = json.loads(single.stdout)["pfs"]
        for setting in ("non_facility", "facility"):  # NA in CMS's file (27447 in the office): blank in both
            amount = pfs[setting]["amount"]
            assert row[f"{setting}_amount"] == ("" if amount is None else f"{amount:.2f}"), (code, extra, setting)
        both[bool(extra)] = row
    # CMS's two 2026 CFs (the RVU file's is the non-QP one): each row says which it was priced with
    assert (both[False]["conversion_factor"], both[True]["conversion_factor"]) == ("33.4009", "33.5675")
    assert both[True]["scenario"] == "" and float(both[True]["facility_amount"]) > float(both[False]["facility_amount"])


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (["--year", "2025"], "CY2025 has one conversion factor"),
        (["--year", "2026", "--what", "asc"], "--qp goes with --what pfs"),
        (["--year", "2026", "--conversion-factor", "34"], "not both"),
    ],
)
def test_export_qp_where_it_does_not_apply_is_a_usage_error(tmp_path: Path, extra: list[str], said: str) -> None:
    result = runner.invoke(app, ["export", "--qp", *extra, "-o", str(tmp_path / "x.csv")])
    assert result.exit_code == 2 and said in " ".join(result.output.split()), result.output
