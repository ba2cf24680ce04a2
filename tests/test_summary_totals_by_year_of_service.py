"""``batch --summary``'s totals by year of service (``totals_by_year``), and the stderr summary's clause of them.

Two trials (an interventional pain physician comparing 2025 with 2026, a health-system analyst) built a 2025-vs-2026
comparison by hand: ``totals`` has no year. Each year's buckets are the ``totals``' buckets of the rows ``in_totals``
marks whose date of service falls in it, so that the years add up to ``totals`` exactly. The year is the calendar year
of the row's date, not its release's: a 2025-08-04 row priced with 2025A (CMS's 2025C not installed) is 2025's. A row
without a date (a blank cell, priced as of today) is ``undated``.

Amounts are CMS's: the RVU file (PPRRVU) in force on the date and the GPCI file (Addendum E), San Francisco (ZIP 94110:
MAC 01112, locality 05).
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import summary_rejoined
from rvucalc.cli import app

runner = CliRunner()
DATA = Path(__file__).resolve().parents[1] / "data"
ZIP = "94110"
MEASURES = ("allowed", "beneficiary", "medicare")
# (CMS's RVU file, its GPCI file, the GPCI columns' year) of each release a 99213 row below is priced with
FILES = {"2025A": ("rvu/2025/PPRRVU25_JAN.csv", "gpci/2025/GPCI2025.csv", "2025"),
         "2025D": ("rvu/2025/PPRRVU2025_Oct.csv", "gpci/2025/GPCI2025.csv", "2025"),
         "2026C": ("rvu/2026/PPRRVU2026_Jul_nonQPP.csv", "gpci/2026/ref_geo_adjustment.csv", "2026")}  # fmt: skip
# A file spanning 2025 and 2026: a 2025 office claim, a 2025 row of a quarter whose release (2025C) is not installed,
# a 2025 hospital claim, a 2026 office and ASC claim, a row with no date, and a row with an error (in no total).
CLAIMS = (
    "claim,code,modifier,units,zip,date,pos\n"
    f"A,99213,,1,{ZIP},2025-11-05,11\n"
    f"A,20610,,1,{ZIP},2025-11-05,11\n"
    f"B,99213,,1,{ZIP},2025-08-04,11\n"
    f"C,64483,RT,1,{ZIP},2025-11-12,22\n"
    f"D,99213,,1,{ZIP},2026-08-05,11\n"
    f"D,64483,RT,1,{ZIP},2026-08-05,24\n"
    f"E,99214,,1,{ZIP},,11\n"
    f"F,9921X,,1,{ZIP},2026-08-05,11\n"
)


def _cms_office_fee(code: str, release: str) -> Decimal:
    """A code's office (non-facility) fee from CMS's files: (work RVU x work GPCI, 1.0 floor + non-facility PE RVU x
    PE GPCI + MP RVU x MP GPCI) x CF, rounded half up to the cent."""
    rvu_file, gpci_file, year = FILES[release]
    with (DATA / rvu_file).open(encoding="latin-1", newline="") as handle:
        rows = list(csv.reader(handle))
    at = next(i for i, row in enumerate(rows) if row and row[0] == "HCPCS")
    names = [f"{top} {name}".strip() for top, name in zip(rows[at - 1], rows[at], strict=False)]
    row = dict(zip(names, next(r for r in rows[at + 1 :] if r and r[0] == code and r[1] == ""), strict=False))
    with (DATA / gpci_file).open(encoding="latin-1", newline="") as handle:
        gpcis = list(csv.reader(handle))
    top = next(i for i, r in enumerate(gpcis) if r and r[0].startswith("Medicare Administrative Contractor"))
    place = next(dict(zip(gpcis[top], r, strict=False)) for r in gpcis[top + 1 :]
                 if r and r[0] == "01112" and int(r[2]) == 5)  # fmt: skip
    rvus = (Decimal(row["WORK RVU"]) * Decimal(place[f"{year} PW GPCI (with 1.0 Floor)"])
            + Decimal(row["NON-FAC PE RVU"]) * Decimal(place[f"{year} PE GPCI"])
            + Decimal(row["MP RVU"]) * Decimal(place[f"{year} MP GPCI"]))  # fmt: skip
    return (rvus * Decimal(row["CONV FACTOR"])).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _batch(tmp_path: Path, text: str, *options: str) -> tuple[list[dict[str, str]], dict[str, Any], str]:
    source, output, summary = tmp_path / "claims.csv", tmp_path / "out.csv", tmp_path / "summary.json"
    source.write_text(text)
    done = runner.invoke(app, ["batch", str(source), "-o", str(output), "--summary", str(summary), *options])
    assert done.exit_code in (0, 1), done.output  # 1: a row has an error
    with output.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    return rows, json.loads(summary.read_text()), " ".join(summary_rejoined(done.stderr).split())


def _cents(value: str) -> int:
    return int(Decimal(value or "0") * 100)


def _rows_by_year(rows: list[dict[str, str]], column: str = "date") -> dict[str, dict[str, int]]:
    """The rows in_totals marks, their lines and amounts (cents) by their date's calendar year ('undated': none)."""
    years: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(("lines", *MEASURES), 0))
    for row in rows:
        if row["in_totals"] != "true":
            continue
        year = years[row[column][:4] or "undated"]
        year["lines"] += 1
        for measure in MEASURES:
            year[measure] += _cents(row[measure])
    return dict(years)


def _in_cents(bucket: dict[str, Any]) -> dict[str, int]:
    return {key: value if key == "lines" else _cents(value) for key, value in bucket.items()}


def test_totals_by_year_split_the_counted_rows_by_their_date_of_service_year(tmp_path: Path) -> None:
    rows, summary, stderr = _batch(tmp_path, CLAIMS)
    by_year = summary["totals_by_year"]
    assert list(by_year) == ["2025", "2026", "undated"]
    # each year's 'all': the rows in_totals marks, grouped by the year of their date
    counted = _rows_by_year(rows)
    assert {year: _in_cents(buckets["all"]) for year, buckets in by_year.items()} == counted
    assert counted["2025"]["lines"] == 4 and counted["2026"]["lines"] == 2 and counted["undated"]["lines"] == 1
    # every bucket's years add up to totals' exactly (the site buckets, professional ...)
    totals = summary["totals"]
    for name, bucket in totals.items():
        added = dict.fromkeys(bucket, 0)
        for buckets in by_year.values():
            for key, value in _in_cents(buckets.get(name, {})).items():
                added[key] += value
        assert added == _in_cents(bucket), name
    assert "hopd" in by_year["2025"] and "hopd" not in by_year["2026"]  # a year with no row of a site leaves it out
    assert "asc" in by_year["2026"] and "asc" not in by_year["2025"]
    # the 99213 rows are CMS's fees of the release each was priced with, counted under their date's year
    visits = {row["date"]: row for row in rows if row["code"] == "99213"}
    assert visits["2025-08-04"]["release"] == "2025A"  # 2025C, in force on 2025-08-04, is not installed
    assert "(2025C) is not installed" in visits["2025-08-04"]["note"]
    for date, release in (("2025-11-05", "2025D"), ("2025-08-04", "2025A"), ("2026-08-05", "2026C")):
        assert visits[date]["release"] == release
        assert Decimal(visits[date]["allowed"]) == _cms_office_fee("99213", release), date
    office_2025 = [row for row in rows if row["date"].startswith("2025") and row["site"] == "office"]
    assert [row["code"] for row in office_2025] == ["99213", "20610", "99213"]
    assert _cents(by_year["2025"]["office"]["allowed"]) == sum(_cents(row["allowed"]) for row in office_2025)
    undated = next(row for row in rows if row["code"] == "99214")
    assert undated["release"] == "2026C"  # the blank date is priced as of today (RVUCALC_TODAY), but is no 2026 date
    assert Decimal(by_year["undated"]["all"]["allowed"]) == _cms_office_fee("99214", "2026C")
    # stderr: each year's allowed, patient and Medicare amounts, as the overall clause says them
    said = [f"{year} allowed ${Decimal(b['allowed']):,}, patient ${Decimal(b['beneficiary']):,}, "
            f"Medicare ${Decimal(b['medicare']):,} ({b['lines']} {'row' if b['lines'] == 1 else 'rows'})"
            for year, b in ((year, buckets["all"]) for year, buckets in by_year.items())]  # fmt: skip
    said[-1] = said[-1].replace("undated", "undated (no date of service)")
    assert "; by year of service: " + ", ".join(said) + ";" in stderr


def test_a_file_of_one_year_has_its_totals_as_that_year_s_and_no_by_year_clause(tmp_path: Path) -> None:
    text = "".join(line for line in CLAIMS.splitlines(keepends=True) if "2025" not in line and ",,11" not in line)
    rows, summary, stderr = _batch(tmp_path, text)
    assert summary["totals_by_year"] == {"2026": summary["totals"]}
    assert _in_cents(summary["totals"]["all"]) == _rows_by_year(rows)["2026"]
    assert "by year of service" not in stderr


def test_a_file_without_dates_is_undated_and_a_year_column_gives_the_year(tmp_path: Path) -> None:
    _, summary, stderr = _batch(tmp_path, f"code,zip,pos\n99213,{ZIP},11\n")
    assert summary["totals_by_year"] == {"undated": summary["totals"]}
    assert "by year of service" not in stderr
    rows, summary, stderr = _batch(tmp_path, f"code,zip,year,pos\n99213,{ZIP},2025,11\n99213,{ZIP},2026,11\n")
    by_year = summary["totals_by_year"]
    assert {year: _in_cents(buckets["all"]) for year, buckets in by_year.items()} == _rows_by_year(rows, "year")
    assert Decimal(by_year["2026"]["all"]["allowed"]) == _cms_office_fee("99213", "2026C")
    assert "by year of service: 2025 allowed $" in stderr


def test_years_mixed_within_a_chunk_and_across_chunks_add_up_alike(tmp_path: Path) -> None:
    """Chunks of 100 rows: some of one year (counted whole), one holding both (counted year by year)."""
    lines = [f"P{n:03d},99213,,1,{ZIP},{'2025-11-05' if n < 150 else '2026-08-05'},11\n" for n in range(260)]
    rows, summary, _ = _batch(tmp_path, "claim,code,modifier,units,zip,date,pos\n" + "".join(lines),
                              "--chunk-rows", "100")  # fmt: skip
    by_year = summary["totals_by_year"]
    assert {year: _in_cents(buckets["all"]) for year, buckets in by_year.items()} == _rows_by_year(rows)
    assert by_year["2025"]["office"]["lines"] == 150 and by_year["2026"]["office"]["lines"] == 110
    assert Decimal(by_year["2025"]["all"]["allowed"]) == 150 * _cms_office_fee("99213", "2025D")
    assert Decimal(by_year["2026"]["all"]["allowed"]) == 110 * _cms_office_fee("99213", "2026C")


@pytest.mark.parametrize(("paid_for", "bucket"), [("professional", "professional"), ("facility", "facility_claims")])
def test_paid_for_says_the_paid_party_s_totals_by_year_before_the_site_totals(
    tmp_path: Path, paid_for: str, bucket: str
) -> None:
    rows, summary, stderr = _batch(tmp_path, CLAIMS, "--paid-for", paid_for)
    by_year = summary["totals_by_year"]
    party = by_year["2025"][bucket]
    assert party != by_year["2025"]["all"]  # the 2025 hospital row: the OPPS payment and the physician's fee apart
    if paid_for == "professional":  # the 2025 rows' professional_allowed (each row's physician's fee)
        assert _cents(party["allowed"]) == sum(_cents(row["professional_allowed"]) for row in rows
                                               if row["date"].startswith("2025"))  # fmt: skip
    clause = f"by year of service: 2025 allowed ${Decimal(party['allowed']):,}, "
    assert clause in stderr
    assert stderr.index(clause) < stderr.index("; site totals (")
