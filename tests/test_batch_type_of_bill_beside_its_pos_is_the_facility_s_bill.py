"""A hospital's own bill (type of bill 13x) beside a POS of its site (19, 22, 23), or an ASC's (83x) beside POS 24, is
the facility's own bill, priced as the type of bill alone prices it (batch.columns._bill_beside): every column, the
--summary totals and the paid comparisons. A POS is a professional claim's (CMS's Place of Service Code Set), a type of
bill an institutional claim's (UB-04 FL 4; the 837I carries no POS): an Epic HB export writes both on each line of the
hospital's UB-04. A review found such a file's 93798 read as a practitioner's POS 22 row: its PFS facility amount
counted among the practitioners' claims ($24.70 of 'professional' in --summary, none of it billed) and its paid
amount compared with the OPPS payment plus that professional fee. A type of bill beside another place's POS (131
beside 11) stays read by the POS, as before, and stderr counts both. The amounts compared are CMS's: the October 2025
Addendum B's national rate (at --wage-index 1.0) and the 2025 PFS office amount (PPRRVU2025_Oct x GPCI2025)."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest

from conftest import run_batch_rows, summary_rejoined
from test_batch_paid_for_by_line import _addendum_b_rate, _rvu_row

POS = "Place of Service"
DATA = Path(__file__).resolve().parents[1] / "data"


def _office_fee_2025(code: str) -> Decimal:
    """CMS's 2025 PFS non-facility amount at ZIP 46601 (Indiana, MAC 08102 locality 00): RVU x GPCI x CF."""
    row = _rvu_row("rvu/2025/PPRRVU2025_Oct.csv", code, "")
    with (DATA / "gpci/2025/GPCI2025.csv").open(encoding="latin-1", newline="") as handle:
        gpci = next(line for line in csv.reader(handle) if line[:3] == ["08102", "IN", "00"])
    # columns: 5 work RVU, 6 non-facility PE RVU, 10 MP RVU, 24 conversion factor; GPCIs 4 work, 5 PE, 6 MP
    rvus = sum(Decimal(row[r]) * Decimal(gpci[g]) for r, g in ((5, 4), (6, 5), (10, 6)))
    return (rvus * Decimal(row[24])).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _epic_hb(pos: bool) -> list[dict[str, str]]:
    """An Epic HB export's lines (its column names), the hospital's cardiac rehab and therapy and an ASC's claim."""
    lines = [("7001001", "131", "93798", "", "1", "22", "NGUYEN, THAO MD", "120.00"),
             ("7001001", "131", "93017", "", "1", "22", "NGUYEN, THAO MD", "0.00"),
             ("7001002", "131", "97110", "GP", "2", "22", "KIM, SARA PT", "45.00"),
             ("7001002", "131", "97530", "GP", "1", "22", "LEE, AMY PTA", "20.00"),
             ("7001003", "131", "G0463", "PO", "1", "19", "PATEL, ANIL MD", "50.00"),
             ("7001004", "131", "99284", "", "1", "23", "RIVERA, ANA DO", "300.00"),
             ("7001005", "831", "45380", "", "1", "24", "RIVERA, MARIA DO", "500.00")]  # fmt: skip
    rows = []
    for har, bill, code, modifier, units, place, provider, amount in lines:
        row = {"HAR": har, "Service Date": "11/03/2025", "Type of Bill": bill, "HCPCS": code, "Modifiers": modifier,
               "Units": units, POS: place, "Service Provider": provider, "Facility ZIP": "46601"}  # fmt: skip
        if not pos:
            del row[POS]
        row["Paid"] = amount
        rows.append(row)
    return rows


def _run(
    tmp_path: Path, name: str, rows: list[dict[str, str]], *options: str
) -> tuple[str, list[dict[str, str]], dict[str, Any]]:
    where = tmp_path / name
    where.mkdir()
    done, out = run_batch_rows(where, rows, "--summary", str(where / "s.json"), "--wage-index", "1.0", *options)
    assert done.exit_code == 0, done.output
    return (
        done.stderr,
        [{k: v for k, v in row.items() if k != POS} for row in out],
        json.loads((where / "s.json").read_text()),
    )


@pytest.mark.parametrize("options", [(), ("--paid-for", "site")])
def test_a_type_of_bill_beside_its_own_site_s_pos_is_priced_as_the_bill_alone(
    tmp_path: Path, options: tuple[str, ...]
) -> None:
    said, both, summary = _run(tmp_path, "both", _epic_hb(pos=True), *options)
    alone_said, alone, alone_summary = _run(tmp_path, "alone", _epic_hb(pos=False), *options)
    assert both == alone  # every column, row by row: money, notes, errors, expected and variance
    assert summary == alone_summary  # totals, practitioners' and facilities' claims, paid comparisons, run notes
    # The hospital's OPPS payment for 93798 (Addendum B's national rate at wage index 1.0), its paid amount compared
    # with it by default (--paid-for site: the site's whole, as asked); the cardiologist's PFS facility amount (their
    # own claim, not on the hospital's bill) is no longer counted among the practitioners' claims: no row is one
    rate = _addendum_b_rate("93798")
    assert Decimal(both[0]["opps_rate"]) == rate
    assert Decimal(both[0]["expected"]) == (Decimal(both[0]["allowed"]) if options else rate)
    assert summary["totals"].get("professional") is None and summary["totals"]["facility_claims"]["lines"] == 7
    assert "7 rows whose type of bill is beside a place of service of its own site" in summary_rejoined(said)
    assert "beside a place of service" not in alone_said


def test_a_type_of_bill_beside_another_place_s_pos_is_read_by_the_pos_and_counted(tmp_path: Path) -> None:
    rows = _epic_hb(pos=True)[:1]
    rows[0].update({"HCPCS": "99213", POS: "11", "Service Provider": "NGUYEN, THAO MD"})
    said, out, summary = _run(tmp_path, "office", rows)
    # POS 11 read, as before: the physician's office fee, PPRRVU2025_Oct's non-facility RVUs x South Bend's GPCIs
    assert out[0]["site"] == "office" and Decimal(out[0]["allowed"]) == _office_fee_2025("99213")
    assert summary["totals"]["professional"]["lines"] == 1 and summary["totals"].get("facility_claims") is None
    assert "1 row whose type of bill is beside a place of service of another place" in summary_rejoined(said)
