"""With --paid-for facility, an encounter id holding a practice's lines at the ASC (POS 24, its 'Billing Provider' a
practice) and the ASC's own lines (its billing provider the ASC) compared each practice line with the ASC's payment
and --summary's facility_claims counted the ASC's payment twice: 64483 and 64493 at ZIP 85251 (2026-08-11) gave
$1,465.06 where the ASC is paid $732.53. The surgeon bills his service at the ASC on his own claim at the PFS facility
amount (Claims Processing Manual ch. 12 §20.4.2), the ASC its facility fee on its own, told apart by the billing
provider (ch. 14 §50): the practice's lines are not compared and in no facility claim's total. The ASC's payment is
CMS's: July 2026 Addendum AA's rate x (half CBSA 38060 Phoenix's CY2026 ASC wage index + half), the second procedure
at 50% (ch. 14 §40.5)."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.batch.price import PAID_PRACTICE_NOT_FACILITY_NOTE
from rvucalc.cli import app
from test_batch_asc_billing_provider_surgery_center_of_a_place import PHOENIX_WAGE_INDEX
from test_facility_lines_of_several_units import _addendum_aa_rate, _rounded

runner = CliRunner()
ROWS = (
    "Encounter ID,CPT,DOS,Units,POS,Zip Code,Billing Provider,Paid\n"
    "E1,64483,2026-08-11,1,24,85251,SOUTHWEST PAIN & SPINE PLLC,78.18\n"
    "E1,64493,2026-08-11,1,24,85251,SOUTHWEST PAIN & SPINE PLLC,31.99\n"
    "E1,64483,2026-08-11,1,24,85251,DESERT SURGERY CENTER,500.00\n"
    "E1,64493,2026-08-11,1,24,85251,DESERT SURGERY CENTER,300.00\n"
)


def _asc_payment(code: str, share: Fraction = Fraction(1)) -> Decimal:
    return _rounded(_addendum_aa_rate(code) * (PHOENIX_WAGE_INDEX / 2 + Fraction(1, 2)) * share)


def test_paid_for_facility_leaves_a_practice_s_asc_lines_out_of_the_facility_s_claim(tmp_path: Path) -> None:
    source, out, summary_path = tmp_path / "asc.csv", tmp_path / "out.csv", tmp_path / "s.json"
    source.write_text(ROWS)
    done = runner.invoke(app, ["batch", str(source), "-o", str(out), "--paid-is", "medicare", "--paid-for",
                               "facility", "--summary", str(summary_path)])  # fmt: skip
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(out.open()))
    summary = json.loads(summary_path.read_text())
    asc = _asc_payment("64483") + _asc_payment("64493", Fraction(1, 2))
    assert asc == Decimal("732.53")
    facility = summary["totals"]["facility_claims"]
    assert (facility["lines"], Decimal(facility["allowed"])) == (2, asc), facility
    for row in rows[:2]:  # the practice's: not compared
        assert row["expected"] == row["variance"] == "", row
        assert PAID_PRACTICE_NOT_FACILITY_NOTE in row["note"], row["note"]
    for row in rows[2:]:  # the ASC's: its Medicare share of its payment
        expected = Decimal(row["medicare"]) - Decimal(row["professional_medicare"])
        assert Decimal(row["expected"]) == expected, row
        assert Decimal(row["variance"]) == Decimal(row["paid_as_read"]) - expected, row
    assert Decimal(rows[2]["allowed"]) - Decimal(rows[2]["professional_allowed"]) == _asc_payment("64483")
    (facility_claim,) = [entry for entry in summary["claims"].values() if entry["billing_entity"] == "facility"]
    assert facility_claim["compared_lines"] == 2 and Decimal(facility_claim["facility_claim_allowed"]) == asc
