"""A row done at one site whose only amount is a packaged $0.00 at another. J1815 (insulin injection: status E in
CMS's 2026 RVU file, in no installed ASP file, PI N1 "Packaged service/item; no separate payment made" in the ASC's
Addendum BB) at POS 11 on 2026-03-31: its office is not priced (the MAC prices a drug the ASP file omits), and its ASC
column shows CMS's packaged $0.00. `price J1815 --setting 11` exits 1, yet batch's summary counted the row priced ("1
row with no amount in any site", `no_amount: 1`, of J1815 and J9277 at the office: a trial's c3.csv).

Decided: a packaged $0.00 at a site the line was not done at is no amount for a row with a setting (batch counts it in
`no_amount`, as `price --setting 11` exits 1); a line with no setting keeps every site's answer, the ASC's $0.00
included (`price J1815` exits 0, batch's row with no POS is priced), as the README's exit codes say."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from conftest import TESTS
from rvucalc.cli import app

runner = CliRunner()
SHIPPED = TESTS.parent / "data"
DAY = "2026-03-31"


def _asc_pi(quarter: str, code: str) -> str:
    (path,) = (SHIPPED / "opps" / quarter[:4] / "asc" / quarter[5:]).glob("*BB.csv")
    with open(path, newline="", encoding="latin-1") as handle:
        return next(row[4] for row in csv.reader(handle) if row and row[0] == code)


def _asp_codes() -> set[str]:
    (path,) = (SHIPPED / "asp" / "2026").glob("*.csv")
    with open(path, newline="", encoding="latin-1") as handle:
        return {row[0] for row in csv.reader(handle) if row}


def _batch(tmp_path: Path, rows: list[tuple[str, str, str, str]]) -> tuple[list[dict[str, str]], dict[str, Any]]:
    source, out, summary = tmp_path / "c.csv", tmp_path / "o.csv", tmp_path / "s.json"
    with open(source, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["claim", "dos", "pos", "hcpcs", "units", "zip"])
        writer.writerows([(claim, DAY, pos, code, units, "10001") for claim, pos, code, units in rows])
    done = runner.invoke(app, ["batch", str(source), "-o", str(out), "--summary", str(summary)])
    assert done.exit_code == 0, done.output
    with open(out, newline="") as handle:
        return list(csv.DictReader(handle)), json.loads(summary.read_text())


def test_the_cms_files_behind_the_case() -> None:
    assert _asc_pi("2026-01", "J1815") == "N1" and "J1815" not in _asp_codes() and "J9277" not in _asp_codes()


def test_price_exits_1_in_the_office_and_0_with_no_setting(pricer: Any) -> None:
    alone = runner.invoke(app, ["price", "J1815", "--zip", "10001", "--date", DAY, "--units", "10"])
    assert alone.exit_code == 0, alone.output  # the ASC's packaged $0.00 is an answer for a line with no setting
    office = runner.invoke(app, ["price", "J1815", "--zip", "10001", "--date", DAY, "--units", "10", "--setting", "11"])
    assert office.exit_code == 1, office.output
    asc = runner.invoke(app, ["price", "J1815", "--zip", "10001", "--date", DAY, "--units", "10", "--setting", "24"])
    assert asc.exit_code == 0, asc.output  # done at the ASC: its packaged $0.00 is the row's answer


def test_batch_counts_the_office_row_with_only_a_packaged_asc_amount(pricer: Any, tmp_path: Path) -> None:
    rows, summary = _batch(tmp_path, [("K2", "11", "J1815", "10"), ("K3", "11", "J9277", "1"),
                                      ("A", "24", "J1815", "10"), ("N", "", "J1815", "10")])  # fmt: skip
    k2, k3, asc, none = rows
    assert k2["asc_rate"] == "0.00" and k2["asc_allowed"] == "0.00" and k2["allowed"] == "" and k2["site"] == "office"
    assert k3["asc_rate"] == "" and asc["allowed"] == "0.00" and none["site"] == "" and none["asc_allowed"] == "0.00"
    assert summary["no_amount"] == 2, summary  # K2 and K3; the ASC's row and the row with no setting are priced


def test_the_stderr_summary_says_two(pricer: Any, tmp_path: Path) -> None:
    source = tmp_path / "c3.csv"
    source.write_text("claim,dos,pos,hcpcs,mod,units,zip\nK2,2026-03-31,11,J1815,,10,10001\n"
                      "K3,2026-03-31,11,J9277,,1,10001\n")  # fmt: skip
    done = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "o.csv")])
    assert done.exit_code == 0 and "2 rows with no amount in any site" in " ".join(done.output.split()), done.output
