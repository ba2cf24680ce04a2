"""An Epic HB and PB export's claim id (HAR) holding the hospital's own bill (type of bill 131) and the cardiologist's
26 line: without --paid-for, `--summary`'s hospital claim entry gives the hospital's payment alone
(facility_claim_allowed), its `allowed` being the site's whole (the physician's fee in it), as the run's
facility_claims total does (a cardiology trial: HAR H1001's 93306 said allowed $636.09 beside expected $568.50)."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()
DATE = "2025-11-29"  # the 2025-10 OPPS quarter
ZIP = "19146"


def _opps_by_hand(code: str) -> Decimal:
    """CMS's national rate (Addendum B 2025-10) x the wage factor at the ZIP's wage index (60% labor), rounded once."""
    from rvucalc import Pricer

    pricer = Pricer()
    try:
        release = next(r for r in pricer.dataset_releases("opps") if r.release == "2025-10")
        national = Decimal(pricer.store(release).opps(code)["rate"]).scaleb(-3)  # mills
        wage_index = pricer.price(code, zip_code=ZIP, date_of_service=DATE).location.wage_index
    finally:
        pricer.close()
    assert wage_index is not None
    return (national * (Decimal("0.60") * wage_index + Decimal("0.40"))).quantize(Decimal("0.01"), ROUND_HALF_UP)


def test_a_hospital_claim_entry_of_an_hb_and_pb_export_gives_the_facility_payment_alone(tmp_path: Path) -> None:
    rate = _opps_by_hand("93306")
    assert rate == Decimal("568.50")  # Addendum B's $548.30 x (0.6 x 1.0614 + 0.4)
    source = tmp_path / "epic.csv"
    source.write_text(
        "HAR,Service Date,Bill Type,POS,CPT/HCPCS,Modifiers,Units,Service Provider,Paid Amount,Facility ZIP\n"
        f'H1001,{DATE},131,,93306,,1,"ORTIZ, ANA RDCS",512.00,{ZIP}\n'
        f'H1001,{DATE},,22,93306,26,1,"PATEL, ANIL MD",62.00,{ZIP}\n'
        f'H1002,{DATE},,11,93000,,1,"PATEL, ANIL MD",14.00,{ZIP}\n'
    )
    summary = tmp_path / "totals.json"
    result = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv"), "--summary", str(summary)])
    assert result.exit_code == 0, result.output
    claims = json.loads(summary.read_text())["claims"]
    hospital, physician = claims["H1001 (facility)"], claims["H1001 (practitioner)"]
    assert Decimal(hospital["allowed"]) > rate  # the site's whole: the OPPS payment and the physician's fee
    assert (hospital["facility_claim_lines"], Decimal(hospital["facility_claim_allowed"])) == (1, rate)
    assert Decimal(hospital["expected"]) == rate
    # the physician's claim and an office claim have no facility claim
    assert (physician["facility_claim_lines"], physician["facility_claim_allowed"]) == (0, None)
    assert claims["H1002"]["facility_claim_allowed"] is None
    totals = json.loads(summary.read_text())["totals"]["facility_claims"]
    assert Decimal(totals["allowed"]) == rate
