"""A line whose own modifier puts it on a practitioner's claim alone (26, the professional component:
lookup.paid_for.PROFESSIONAL_CLAIM_MODIFIERS) stays the practitioner's beside a facility's type of bill on its claim id,
its revenue code or not: an HB/PB export writes the department's revenue code (0324) on the radiologist's 71046-26
too. batch.lines._revenue_coded_on_the_facility_bill made it a line of the hospital's 131 bill: its paid $10.39 (the
PFS facility fee) compared with the hospital's $91.29 OPPS rate, counted in --summary's facility_claims. The amounts
are CMS's: Addendum B (2025-10) x the wage factor at the ZIP's wage index, and the PFS's 71046-26 facility amount."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app
from test_batch_facility_claim_entry_of_hb_and_pb_export import DATE, ZIP, _opps_by_hand

runner = CliRunner()
HEADER = "Claim ID,CPT,Modifier,DOS,Units,POS,Bill Type,Rev Code,Zip Code,Paid\n"


def _run(tmp_path: Path, rows: str) -> tuple[list[dict[str, str]], dict]:  # type: ignore[type-arg]
    source, out, summary = tmp_path / "hbpb.csv", tmp_path / "out.csv", tmp_path / "s.json"
    source.write_text(HEADER + rows)
    done = runner.invoke(app, ["batch", str(source), "-o", str(out), "--summary", str(summary)])
    assert done.exit_code == 0, done.output
    return list(csv.DictReader(out.open())), json.loads(summary.read_text())


def test_a_professional_component_with_a_revenue_code_beside_a_131_is_the_radiologist_s_line(tmp_path: Path) -> None:
    rows, summary = _run(
        tmp_path,
        f"U1,93306,,{DATE},1,22,131,0483,{ZIP},568.50\nU1,71046,26,{DATE},1,22,,0324,{ZIP},10.39\n"
        f"U1,71047,,{DATE},1,22,,0324,{ZIP},0.00\n",
    )
    echo, reading, hospital = rows
    assert Decimal(reading["professional_allowed"]) == Decimal("10.39"), reading  # the PFS's 71046-26, facility
    assert Decimal(reading["expected"]) == Decimal("10.39"), reading  # not the hospital's $91.29 OPPS rate
    assert Decimal(reading["opps_rate"]) == _opps_by_hand("71046") == Decimal("91.29")
    assert "professional component (26)" in reading["note"], reading["note"]
    assert Decimal(echo["expected"]) == _opps_by_hand("93306") == Decimal("568.50")
    # the revenue-coded line without a modifier of its own is still the bill's (conditionally packaged, SI Q1)
    assert Decimal(hospital["expected"]) == Decimal(hospital["allowed"]) - Decimal(hospital["professional_allowed"])
    totals = summary["totals"]
    assert totals["facility_claims"]["lines"] == 2, totals
    assert Decimal(totals["facility_claims"]["allowed"]) == Decimal("568.50"), totals
    assert totals["professional"]["lines"] == 1 and Decimal(totals["professional"]["allowed"]) == Decimal("10.39")
