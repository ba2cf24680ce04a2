"""One facility payment per service, one service per side. The 26 and TC halves of one study share its hospital
payment (engine.facility.facility_paid_on), but a radiology trial's 73721-26-RT and 73721-26-LT (two knees' MRIs, read
at the hospital) were paid the hospital's rate once: the LT line $0.00 "the 26 and TC halves ... share its one facility
payment", while 73721-RT and 73721-LT were paid twice. Anatomic modifiers name the site (Claims Processing Manual
ch. 12 §30.6): each side is its own service."""

from __future__ import annotations

import json
from decimal import Decimal

from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.cli import app
from test_batch_paid_for_by_line import _addendum_b_rate


def _hospital_rates(*lines: str) -> list[Decimal]:
    done = CliRunner().invoke(app, ["price", *lines, "--setting", "22", "--date", "2025-11-03", "-f", "json"])
    assert done.exit_code == 0, done.output
    return [Decimal(str(line["opps"]["rate"])) for line in json.loads(done.stdout)["lines"]]


def test_the_professional_lines_of_two_sides_each_carry_their_side_s_hospital_payment() -> None:
    rate = _addendum_b_rate("73721")  # October 2025 Addendum B, national (no ZIP: no wage adjustment)
    assert rate == Decimal("241.72")
    assert _hospital_rates("73721-26-RT", "73721-26-LT") == [rate, rate]
    assert _hospital_rates("73721-RT", "73721-LT") == [rate, rate]
    assert _hospital_rates("73721-26-RT", "73721-TC-RT", "73721-26-LT") == [rate, Decimal(0), rate]
    assert _hospital_rates("73721-26", "73721-TC") == [rate, Decimal(0)]  # one study's halves: one payment


def test_batch_pays_each_side_s_hospital_payment_as_price_does(tmp_path: object) -> None:
    rows = [{"claim": "K1", "code": "73721", "modifier": f"26 {side}", "pos": "22", "date": "2025-11-03",
             "zip": "30303"} for side in ("RT", "LT")]  # fmt: skip
    result, out = run_batch_rows(tmp_path, rows)  # type: ignore[arg-type]
    assert result.exit_code == 0, result.output
    assert out[0]["hopd_allowed"] == out[1]["hopd_allowed"], out  # each side's rate and professional fee
    assert "One facility payment per service" not in out[1]["note"]
