"""A J code the PFS excludes (status E) that the ASP file of the date's quarter does not list. J1815 (insulin
injection: status E in CMS's 2025 and 2026 RVU files, in neither installed ASP file, N1 (packaged) in every ASC Addendum
BB) said in the office "No PFS payment: status E: Excluded from the PFS by regulation; if covered, paid under
reasonable-charge rules", with no word that the drug is off the ASP file or that the MAC prices a covered drug CMS's
ASP file does not list (Pub. 100-04 ch. 17 §20.1.3). Now price (table, JSON, CSV) and batch say so, per the quarter
of the line's date, as they say it of J9277: not priced, never "not payable"; no amount is invented."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
from typer.testing import CliRunner

from conftest import TESTS
from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app

runner = CliRunner()
SHIPPED = TESTS.parent / "data"
MAC = "drug CMS's ASP file does not list is priced by the MAC"
FEBRUARY = (
    "J1815 is not in CMS's ASP payment limit file 2026-01. The PFS excludes J1815 (status E), a drug (a HCPCS J code) "
    "paid, if Medicare covers it, apart from the PFS: rvucalc has no payment limit for it. A drug CMS's ASP file does "
    "not list is priced by the MAC (Claims Processing Manual ch. 17 §20.1.3)."
)
# The date's quarter's file not installed, and no installed ASP file of 2026 lists J1815: not said as if that file
# would price it (lookup.schedules.unlisted_drug_reason).
AUGUST = (
    "J1815 is not in the installed ASP payment limit files of 2026 (2026-01, the one used for the 2026-07 quarter, "
    "does not list it). The PFS excludes J1815 (status E)"
)


def _asp_codes() -> set[str]:
    (path,) = (SHIPPED / "asp" / "2026").glob("*.csv")
    with open(path, newline="", encoding="latin-1") as handle:
        return {row[0] for row in csv.reader(handle) if row}


def _rvu_status(year: int, code: str) -> set[str]:
    """The code's PFS status in each of CMS's RVU files of the year shipped."""
    found = set()
    for path in (SHIPPED / "rvu" / str(year)).glob("PPRRVU*.csv"):
        with open(path, newline="", encoding="latin-1") as handle:
            found |= {row[3] for row in csv.reader(handle) if row and row[0] == code and row[1] == ""}
    return found


def _asc_pi(quarter: str, code: str) -> str:
    (path,) = (SHIPPED / "opps" / quarter[:4] / "asc" / quarter[5:]).glob("*BB.csv")
    with open(path, newline="", encoding="latin-1") as handle:
        return next(row[4] for row in csv.reader(handle) if row and row[0] == code)


def test_the_cms_files_behind_the_case() -> None:
    assert _rvu_status(2026, "J1815") == {"E"} and _rvu_status(2025, "J1815") == {"E"}
    assert "J1815" not in _asp_codes() and "J1817" in _asp_codes()  # J1817, insulin for a DME pump: on the file
    assert {_asc_pi(quarter, "J1815") for quarter in ("2026-01", "2026-04", "2026-07")} == {"N1"}  # no drug mark


def test_price_says_the_asp_file_of_the_dates_quarter_omits_the_drug_and_the_mac_prices_it(pricer: Any) -> None:
    # The brief's lookup, no date: the newest ASP file (January 2026) is the one used.
    table = runner.invoke(app, ["price", "J1815", "--zip", "10001"])
    assert table.exit_code == 0, table.output  # the ASC site is priced ($0.00, packaged): exit as before
    said = " ".join(table.output.split())
    assert "Office: J1815 is not in CMS's ASP payment limit file 2026-01." in said, said
    assert "Office: No PFS payment: status E" not in said and MAC in said

    dated = ["price", "J1815", "--zip", "10001", "--date", "2026-02-10"]
    doc = json.loads(runner.invoke(app, [*dated, "-f", "json"]).stdout)
    office = doc["sites"][0]
    assert (office["setting"], office["status"], office["total"]) == ("office", "not_priced", None)
    assert office["reason"] == doc["drug"]["reason"] == FEBRUARY
    assert doc["drug"]["payable"] is False and doc["drug"]["quarter"] == "2026-01"
    assert FEBRUARY in doc["notes"]

    csv_out = runner.invoke(app, [*dated, "-f", "csv"])
    assert FEBRUARY in csv_out.stdout

    # The date's quarter not installed, no installed file of the year listing it: the MAC prices it, never "add that
    # quarter's file"; the amount stays unknown.
    august = pricer.price("J1815", zip_code="10001", date_of_service=dt.date(2026, 8, 10), units=10)
    assert august.sites[0].status == "not_priced" and august.sites[0].total is None
    assert str(august.sites[0].reason).startswith(AUGUST) and MAC in august.sites[0].reason
    assert "ASP file with" not in str(august.sites[0].reason)
    # A year with no ASP file installed: that file is what is missing, as for a drug the newest file lists.
    fall = pricer.price("J1815", zip_code="10001", date_of_service=dt.date(2025, 10, 14))
    assert fall.sites[0].status == "not_priced" and "ASP CY2025 not installed" in str(fall.sites[0].reason)


def test_unchanged_neighbours(pricer: Any) -> None:
    # J1817 is priced from the ASP file; J3490 (NOC) keeps its own reason; 99213 is the PFS's.
    day = dt.date(2026, 2, 10)
    assert pricer.price("J1817", zip_code="10001", date_of_service=day, units=10).drug.payable
    noc = pricer.price("J3490", zip_code="10001", date_of_service=day)
    assert noc.drug is None and noc.sites[0].reason.startswith("J3490 is a not otherwise classified drug")
    assert pricer.price("99213", zip_code="10001", date_of_service=day).drug is None


def test_batch_says_what_price_says_per_date(pricer: Any, tmp_path: Path) -> None:
    rows = [{"code": code, "units": "10", "zip": "10001", "date": date, "pos": "11"}
            for code, date in (("J1815", "2026-02-10"), ("J1815", "2026-08-10"), ("J1815", "2025-10-14"),
                               ("J1815", "2026-04-21"), ("J3490", "2026-02-10"))]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for row, got in zip(rows, out, strict=True):
        single = pricer.price(row["code"], zip_code="10001", date_of_service=row["date"], units=10)
        assert got["error"] == "" and got["drug_amount"] is None and got["allowed"] is None, got
        assert str(single.sites[0].reason) in got["note"], (row, got["note"])
        # (the PFS columns keep their own reason, status E, after it: as J9277's row, tests/test_differential.py)
        if row["code"] == "J1815":
            assert got["note"].index(str(single.sites[0].reason)) < got["note"].index("No PFS payment: status E")
    assert (
        FEBRUARY in out[0]["note"]
        and AUGUST in out[1]["note"]
        and "the 2026-04 quarter, does not list it" in out[3]["note"]
    )

    source = tmp_path / "j.csv"
    with open(source, "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    summary = tmp_path / "s.json"
    result = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "o.csv"), "--summary", str(summary)])
    assert result.exit_code == 0, result.output
    # only the year whose ASP file is not installed at all: no installed 2026 file lists J1815 (not counted as rows
    # the 2026-07 or 2026-04 file would price)
    assert json.loads(summary.read_text())["schedule_not_installed"] == {"CY2025 ASP": 1}
