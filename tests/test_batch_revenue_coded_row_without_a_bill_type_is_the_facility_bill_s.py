"""A UB-04 export writes the type of bill (Form Locator 4, the bill's: Claims Processing Manual ch. 25 §75.1) on a
claim's first row alone and a revenue code (FL 42, each line's: §75.4) on every line. The revenue-coded rows without a
type of bill were a practitioner's claim of their own: the claim id cut in two (stderr's "1 claim id held more than one
billing entity's lines"), --summary's facility_claims without them and its professional total counting them at the
PFS facility amount, an ASC's 0250 line without a HCPCS code an error where the bill's own is packaged. They are the
bill's lines (batch.lines._revenue_coded_on_the_facility_bill); a professional fee's revenue code (096x-098x) and a row
of another site keep their reading. The OPPS rate is CMS's: Addendum B (2025-10) x the wage factor at the ZIP's wage
index (test_batch_facility_claim_entry_of_hb_and_pb_export._opps_by_hand)."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app
from test_batch_facility_claim_entry_of_hb_and_pb_export import DATE, ZIP, _opps_by_hand

runner = CliRunner()
HEADER = "Claim ID,Provider,CPT,DOS,Units,POS,Bill Type,Rev Code,Zip Code\n"
TWO_ENTITIES = "claim id held more than one billing entity's lines"


def _run(tmp_path: Path, rows: str) -> tuple[list[dict[str, str]], dict, str]:  # type: ignore[type-arg]
    source, out, summary = tmp_path / "ub04.csv", tmp_path / "out.csv", tmp_path / "s.json"
    source.write_text(HEADER + rows)
    done = runner.invoke(app, ["batch", str(source), "-o", str(out), "--summary", str(summary)])
    assert done.exit_code == 0, done.output
    return list(csv.DictReader(out.open())), json.loads(summary.read_text()), " ".join(done.stderr.split())


def test_a_revenue_coded_row_without_a_type_of_bill_is_on_the_hospital_s_bill(tmp_path: Path) -> None:
    rows, summary, said = _run(tmp_path, f"U1,,93306,{DATE},1,22,131,0483,{ZIP}\nU1,,71046,{DATE},1,22,,0324,{ZIP}\n")
    echo, chest = rows
    assert TWO_ENTITIES not in said, said
    rates = _opps_by_hand("93306"), _opps_by_hand("71046")
    assert rates == (Decimal("568.50"), Decimal("91.29"))
    for row, rate in zip(rows, rates, strict=True):  # each row's amounts as before: the site's, the OPPS rate in it
        assert Decimal(row["opps_rate"]) == rate, row
        assert Decimal(row["allowed"]) == rate + Decimal(row["professional_allowed"]), row
    totals = summary["totals"]
    assert totals["facility_claims"]["lines"] == 2, totals
    assert Decimal(totals["facility_claims"]["allowed"]) == sum(rates), totals
    assert "professional" not in totals or totals["professional"]["lines"] == 0, totals
    assert echo["error"] == chest["error"] == ""


def test_a_professional_fee_revenue_code_stays_the_practitioner_s_claim(tmp_path: Path) -> None:
    _, summary, said = _run(tmp_path, f"U1,,93306,{DATE},1,22,131,0483,{ZIP}\nU1,,71046,{DATE},1,22,,0972,{ZIP}\n")
    assert TWO_ENTITIES in said, said
    assert summary["totals"]["facility_claims"]["lines"] == 1
    assert summary["totals"]["professional"]["lines"] == 1


def test_a_row_at_another_site_than_the_bill_s_stays_the_practitioner_s_claim(tmp_path: Path) -> None:
    _, summary, said = _run(tmp_path, f"U1,,93306,{DATE},1,22,131,0483,{ZIP}\nU1,,71046,{DATE},1,11,,0324,{ZIP}\n")
    assert TWO_ENTITIES in said, said
    assert summary["totals"]["facility_claims"]["lines"] == 1


def test_an_asc_s_revenue_code_line_without_a_hcpcs_code_or_type_of_bill_is_packaged_on_its_bill(
    tmp_path: Path,
) -> None:
    rows, summary, said = _run(
        tmp_path,
        "A1,,66984,11/03/2025,1,24,831,0360,33606\nA1,,,11/03/2025,1,24,,0250,33606\n"
        "A1,,J1100,11/03/2025,1,24,,0636,33606\n",
    )
    surgery, supplies, drug = rows
    assert TWO_ENTITIES not in said, said
    assert supplies["error"] == "" and supplies["allowed"] == "0.00", supplies
    assert "42 CFR 416.164(a)" in supplies["note"], supplies["note"]
    assert summary["totals"]["facility_claims"]["lines"] == 3
    assert Decimal(summary["totals"]["facility_claims"]["allowed"]) == Decimal(surgery["allowed"]) - Decimal(
        surgery["professional_allowed"]
    )
    assert drug["allowed"] == "0.00"
