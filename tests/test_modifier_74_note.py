"""Modifier 74 (a procedure discontinued after anesthesia) on a hospital line (a revenue integrity trial, Des Moines).
`price 45378-74 --zip 50312 --date 2025-10-21 --setting 131` paid Addendum B's full rate, wage-adjusted ($911.71 at
CBSA 19780's WI25 0.8793: $845.68), and said "74: ... the OPPS rate paid in full" beside "Modifier 74 does not change
the PFS amount: it changes the hospital's (OPPS) and the ASC's rate"; batch said only the latter. 74 is paid the full
facility rate (Claims Processing Manual ch. 4 §20.6.4, ch. 14 §40.4): the line now says so, in price and batch alike.
The amount is CMS's: October 2025 Addendum B and the CY2025 wage index."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.modifiers import AFTER_ANESTHESIA_NOTE

runner = CliRunner()
DATA = Path(__file__).resolve().parents[1] / "data" / "opps" / "2025"
ADDENDUM_B = DATA / "508 version of October 2025 Web Addendum B.10.31.25.csv"
WAGE_INDEX = DATA / "asc_wage_index_2025.txt"
ZIP, DATE = "50312", "2025-10-21"  # Des Moines, IA: CBSA 19780
OLD_NOTE = "Modifier 74 does not change the PFS amount: it changes"


def _cms_rate(code: str) -> Decimal:
    """Addendum B's payment rate wage-adjusted at Des Moines's WI25, 60% labor-related (payment-rules.md section 2)."""
    with ADDENDUM_B.open(encoding="latin-1", newline="") as handle:
        row = next(row for row in csv.reader(handle) if row and row[0] == code)
    with WAGE_INDEX.open() as handle:
        index = next(Decimal(line.split("\t")[2]) for line in handle if line.startswith("19780\t"))
    national = Decimal(row[5].replace("$", "").replace(",", ""))
    return (national * (Decimal("0.6") * index + Decimal("0.4"))).quantize(Decimal("0.01"), ROUND_HALF_UP)


def test_74_says_the_facility_is_paid_in_full_in_price() -> None:
    rate = _cms_rate("45378")
    assert rate == Decimal("845.68")  # $911.71 x (0.6 x 0.8793 + 0.4)
    done = runner.invoke(app, ["price", "45378-74", "--zip", ZIP, "--date", DATE, "--setting", "131",
                               "--format", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    result = json.loads(done.stdout)
    assert Decimal(str(result["opps"]["rate"])) == rate
    said = " ".join(done.stdout.split())
    assert OLD_NOTE not in said and AFTER_ANESTHESIA_NOTE in result["notes"]


def test_74_note_in_batch_is_price_s(tmp_path: Path) -> None:
    rate = _cms_rate("45378")
    source, out = tmp_path / "ub04.csv", tmp_path / "out.csv"
    source.write_text(
        "Claim Number,TOB,Facility ZIP,Rev Code,HCPCS,Modifiers,Units,Service Date\n"
        f"DM25-0009,131,{ZIP},0750,45378,74,1,{DATE}\n"
    )
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    (row,) = list(csv.DictReader(out.open()))
    assert Decimal(row["opps_rate"]) == rate
    assert AFTER_ANESTHESIA_NOTE in row["note"] and OLD_NOTE not in row["note"]
