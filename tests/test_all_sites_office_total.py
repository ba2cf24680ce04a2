"""`rvucalc price A B` without --setting (every site shown, for a coder to choose office, hospital or ASC) gives the
office the same total as `--setting 11` and batch: the paid lines', a line not payable there (PE RVU 'NA') left out and
named.

An ENT trial: `price 31254-50 31267-50 31231 --zip 94110` said the office was "not payable" (JSON totals.office
not_payable, total null) where `--setting 11` and batch's claim total gave 31254-50's $828.05 (31231, the family's base
endoscopy, $0.00; 31267 'NA' in the office). Amounts are from CMS's RVU file (PPRRVU) and GPCI file (Addendum E).
"""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()
DATA = Path(__file__).resolve().parents[1] / "data"
ZIP = "94110"  # San Francisco: MAC 01112, locality 05
CODES = ["31254-50", "31267-50", "31231"]
# (date of service, CMS's RVU file in force then, CMS's GPCI file (Addendum E), its PE GPCI column's year)
YEARS = [("2026-08-05", "rvu/2026/PPRRVU2026_Jul_nonQPP.csv", "gpci/2026/ref_geo_adjustment.csv", "2026"),
         ("2025-11-05", "rvu/2025/PPRRVU2025_Oct.csv", "gpci/2025/GPCI2025.csv", "2025")]  # fmt: skip


def _rvu_row(path: str, code: str) -> dict[str, str]:
    """CMS's RVU file row of a code (no modifier), by its two-row header's names ('NON-FAC PE RVU', 'ENDO BASE' ...)."""
    with (DATA / path).open(encoding="latin-1", newline="") as handle:
        rows = list(csv.reader(handle))
    at = next(i for i, row in enumerate(rows) if row and row[0] == "HCPCS")
    names = [f"{top} {name}".strip() for top, name in zip(rows[at - 1], rows[at], strict=False)]
    row = next(row for row in rows[at + 1 :] if row and row[0] == code and row[1] == "")
    # two columns are named 'NA INDICATOR': the non-facility's first, then the facility's
    pairs = enumerate(zip(names, row, strict=False))
    return {f"FACILITY {name}" if name in names[:i] else name: value for i, (name, value) in pairs}


def _gpcis(path: str, year: str) -> tuple[Decimal, Decimal, Decimal]:
    """CMS's GPCIs (work with the 1.0 floor, PE, MP) of MAC 01112 locality 05 (San Francisco)."""
    with (DATA / path).open(encoding="latin-1", newline="") as handle:
        rows = list(csv.reader(handle))
    at = next(i for i, row in enumerate(rows) if row and row[0].startswith("Medicare Administrative Contractor"))
    for row in rows[at + 1 :]:
        place = dict(zip(rows[at], row, strict=False))
        if row and row[0] == "01112" and int(row[2]) == 5:
            return (Decimal(place[f"{year} PW GPCI (with 1.0 Floor)"]), Decimal(place[f"{year} PE GPCI"]),
                    Decimal(place[f"{year} MP GPCI"]))  # fmt: skip
    raise AssertionError("San Francisco is not in CMS's GPCI file")


def _cms_office_fee(rvu_file: str, gpci_file: str, year: str) -> Decimal:
    """31254-50's office fee from CMS's files: the non-facility RVUs times the GPCIs times the CF (the fee
    schedule amount, in cents), 150% of it for a bilateral procedure (BILAT SURG indicator 1), rounded half up."""
    row = _rvu_row(rvu_file, "31254")
    assert row["BILAT SURG"] == "1" and row["NA INDICATOR"] == ""
    work, pe, mp = _gpcis(gpci_file, year)
    rvus = Decimal(row["WORK RVU"]) * work + Decimal(row["NON-FAC PE RVU"]) * pe + Decimal(row["MP RVU"]) * mp
    fee_schedule_amount = (rvus * Decimal(row["CONV FACTOR"])).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return (fee_schedule_amount * Decimal("1.5")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _money(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value)).quantize(Decimal("0.01"))


def _price(codes: list[str], date: str, *options: str) -> tuple[Any, dict[str, Any]]:
    result = runner.invoke(app, ["price", *codes, "--zip", ZIP, "--date", date, "-f", "json", *options])
    return result, json.loads(result.stdout)


def _batch(tmp_path: Path, codes: list[str], date: str, pos: str | None) -> tuple[list[dict[str, str]], Any]:
    source = tmp_path / f"claims{pos}.csv"
    header, cell = ("claim_id,code,zip,dos,pos\n", f",{pos}") if pos else ("claim_id,code,zip,dos\n", "")
    source.write_text(header + "".join(f"C1,{code},{ZIP},{date}{cell}\n" for code in codes))
    output, summary = tmp_path / f"out{pos}.csv", tmp_path / f"summary{pos}.json"
    result = runner.invoke(app, ["batch", str(source), "-o", str(output), "--summary", str(summary), "-q"])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(output.open())), json.loads(summary.read_text())


@pytest.mark.parametrize(("date", "rvu_file", "gpci_file", "year"), YEARS)
def test_the_all_sites_office_total_is_the_paid_lines_as_setting_office_and_batch(
    tmp_path: Path, date: str, rvu_file: str, gpci_file: str, year: str
) -> None:
    """31267 is 'NA' in the office in CMS's file: left out and named; 31254-50 is paid its CMS fee, and 31231 (the base
    of 31254's endoscopy family in CMS's file) $0.00 beside it; the office total is 31254-50's fee, in every view."""
    assert _rvu_row(rvu_file, "31267")["NA INDICATOR"] == "NA"
    assert _rvu_row(rvu_file, "31254")["ENDO BASE"] == "31231"
    fee = _cms_office_fee(rvu_file, gpci_file, year)
    result, every_site = _price(CODES, date)
    assert result.exit_code == 0, result.output
    office = every_site["totals"]["office"]  # was not_payable, total null
    assert office["payable"] and office["status"] == "priced"
    assert _money(office["total"]) == _money(office["professional_payment"]) == fee
    asked, one_site = _price(CODES, date, "--setting", "11")
    assert asked.exit_code == 0, asked.output
    alone = one_site["totals"]["office"]
    for name in ("total", "allowed", "beneficiary", "medicare", "professional_payment"):
        assert _money(office[name]) == _money(alone[name]), name
    assert office["reason"] == alone["reason"]
    assert "leaves out" in office["reason"] and "31267-50: " in office["reason"] and "'NA'" in office["reason"]
    assert "31254" not in office["reason"] and "31231" not in office["reason"]
    # batch: each row's office_allowed (no place of service), and the office claim's total (POS 11)
    rows, _ = _batch(tmp_path, CODES, date, None)
    assert [_money(row["office_allowed"]) for row in rows] == [fee, None, Decimal("0.00")]
    _, summary = _batch(tmp_path, CODES, date, "11")
    claim = summary["claims"]["C1"]
    assert _money(claim["allowed"]) == fee and claim["unpriced"] == 1
    assert _money(claim["beneficiary"]) == _money(office["beneficiary"])
    assert _money(claim["medicare"]) == _money(office["medicare"])
    # the table's Office row and its note
    table = runner.invoke(app, ["price", *CODES, "--zip", ZIP, "--date", date], env={"COLUMNS": "200"})
    assert table.exit_code == 0, table.output
    [row] = [line for line in table.stdout.splitlines() if line.startswith("│ Office")]
    assert f"${fee:,}" in row and "not payable" not in row
    assert "Office: The total is the paid lines'" in table.stdout and "31267-50: Not priced" in table.stdout


@pytest.mark.parametrize(("date", "rvu_file"), [(date, rvu) for date, rvu, _, _ in YEARS])
def test_an_encounter_every_line_na_in_the_office_stays_not_payable_there(date: str, rvu_file: str) -> None:
    """31267 and 31255 are both 'NA' in the office in CMS's file: no line is paid there, so the office is not payable,
    with or without --setting; the other sites are priced (exit 0 without a setting)."""
    codes = ["31267-50", "31255"]
    assert all(_rvu_row(rvu_file, code.split("-")[0])["NA INDICATOR"] == "NA" for code in codes)
    result, every_site = _price(codes, date)
    assert result.exit_code == 0, result.output
    office = every_site["totals"]["office"]
    assert not office["payable"] and office["status"] == "not_payable" and office["total"] is None
    assert "31267" in office["reason"] and "31255" in office["reason"] and "leaves out" not in office["reason"]
    asked, one_site = _price(codes, date, "--setting", "11")
    assert asked.exit_code == 1
    assert one_site["totals"]["office"]["status"] == "not_payable" and one_site["totals"]["office"]["total"] is None
