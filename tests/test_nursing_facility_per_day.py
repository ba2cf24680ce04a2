"""Nursing facility care is one E/M a day by a practitioner (engine.visits.SECOND_NURSING_FACILITY_RULE, per_diem_kept,
per_diem_units_rule): Claims Processing Manual ch. 12 §30.6.13.B, "A/B MACs (B) shall not pay for more than one E/M
visit performed by the physician or qualified NPP for the same patient on the same date of service. The Nursing
Facility Services codes represent a 'per day' service" (as CGS quotes it, "Billing Reminders for Codes 99304-99310",
2024; CMS's Recovery Audit topic 0061). A geriatrics trial found, at ZIP 19103 on 2026-08-03, POS 32:

1. `price 99306 99309 --setting 32` paid both ($199.45 + $118.50); a batch claim of 99310 twice (W4) paid both.
2. `price 99309 --units 2` paid $237.00.
3. A batch claim of 99306 and the discharge 99316 by one physician (W3) paid both.

The day's highest-paid line is kept, as the hospital care rule keeps it; another practitioner's line on the claim
(batch's provider column) is theirs. Amounts against CMS's own: the shipped RVU file at Philadelphia's GPCIs (POS 32 is
priced at the office rate)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine import visits
from rvucalc.lookup.pricer import Pricer
from test_batch_provider_column import _85_percent
from test_physician_claims_at_facilities import pfs_amount

ZIP, DATE, POS = "19103", "2026-08-03", "32"
PHILADELPHIA = "1250201"
runner = CliRunner()


def _cms(pricer: Pricer, code: str) -> Decimal:
    """CMS's non-facility amount (POS 32, a nursing facility, is priced at the office rate)."""
    return pfs_amount(pricer, code, "", "non_facility", DATE, PHILADELPHIA)


def _money(value: Any) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def _price(codes: list[str], *options: str) -> dict[str, Any]:
    result = runner.invoke(app, ["price", *codes, "--zip", ZIP, "--date", DATE, "--setting", POS, "-f", "json",
                                 *options])  # fmt: skip
    assert result.exit_code == 0, result.output
    out: dict[str, Any] = json.loads(result.stdout)
    return out


def _batch(
    pricer: Pricer, codes: list[str], providers: list[str] | None = None, units: int = 1
) -> list[dict[str, Any]]:
    columns: dict[str, Any] = {"claim": ["W"] * len(codes), "code": [c.partition("-")[0] for c in codes],
                               "modifier": [c.partition("-")[2] for c in codes], "zip": [ZIP] * len(codes),
                               "date": [DATE] * len(codes), "setting": [POS] * len(codes),
                               "units": [str(units)] * len(codes)}  # fmt: skip
    if providers is not None:
        columns["provider"] = providers
    rows: list[dict[str, Any]] = BatchPricer(pricer).price_table(pa.table(columns)).to_pylist()
    return rows


@pytest.mark.parametrize(
    "codes", [["99306", "99309"], ["99309", "99306"], ["99310", "99310"], ["99306", "99316"], ["99315", "99307"]]
)
def test_one_nursing_facility_e_m_a_day_the_highest_paid_in_price_and_batch(pricer: Pricer, codes: list[str]) -> None:
    top = max(codes, key=lambda code: _cms(pricer, code))
    kept = codes.index(top)  # the first of equal ones
    single = _price(codes)
    rows = _batch(pricer, codes)
    for n, (code, line, row) in enumerate(zip(codes, single["lines"], rows, strict=True)):
        [site] = line["sites"]
        expected = _cms(pricer, code) if n == kept else Decimal(0)
        assert _money(site["total"]) == _money(row["allowed"]) == expected, (codes, code)
        assert _money(row["pfs_non_facility_amount"]) == expected
        said = visits.SECOND_NURSING_FACILITY_RULE
        assert (said in line["notes"]) == (said in str(row["note"])) == (n != kept), (codes, code)
    total = single["totals"]["office"]
    assert _money(total["total"]) == _cms(pricer, top)
    assert _money(total["beneficiary"]) == (_cms(pricer, top) / 5).quantize(Decimal("0.01"))
    if codes == ["99306", "99309"]:  # the trial's: $199.45 + $118.50 before
        assert _cms(pricer, "99306") == Decimal("199.45") and _money(total["total"]) == Decimal("199.45")


@pytest.mark.parametrize("code", ["99309", "99316"])
def test_a_nursing_facility_line_of_several_units_is_paid_one_unit(pricer: Pricer, code: str) -> None:
    line = _price([code], "--units", "2")  # a code alone: the line itself
    [row] = _batch(pricer, [code], units=2)
    [site] = line["sites"]
    assert _money(site["total"]) == _money(row["allowed"]) == _cms(pricer, code)  # was twice: $237.00 for 99309
    assert _money(row["professional_allowed"]) == _cms(pricer, code)
    rule = visits.per_diem_units_rule(code, 2)
    assert rule is not None and "§30.6.13.B" in rule
    assert rule in line["notes"] and rule in str(row["note"])


def test_each_practitioners_nursing_facility_visit_is_paid(pricer: Pricer) -> None:
    """An MD's and an NP's visit on one claim and date are two practitioners' (as the hospital care rule keeps them
    apart); one practitioner's two are one E/M, even beside the other practitioner's line."""
    rows = _batch(pricer, ["99310", "99309", "99310"], ["MD", "NP", "MD"])
    assert _money(rows[0]["allowed"]) == _cms(pricer, "99310")
    assert _money(rows[1]["allowed"]) == _85_percent(_cms(pricer, "99309"))
    assert _money(rows[2]["allowed"]) == 0 and visits.SECOND_NURSING_FACILITY_RULE in rows[2]["note"]
    assert all(visits.SECOND_NURSING_FACILITY_RULE not in row["note"] for row in rows[:2])


def test_the_principal_physicians_ai_line_is_apart_as_in_the_hospital() -> None:
    assert visits.per_diem_kept(["99306", "99305"], [["AI"], []], [16851, 12382]) == [True, True]
    assert visits.per_diem_kept(["99309", "99316"], [[], []], [10181, 12133]) == [False, True]
    assert visits.per_diem_kept(["99223", "99310"], [[], []], [17415, 14495]) == [True, True]  # other kinds
    assert visits.same_day_hospital_rules(["99310", "99310", "G0317"], [[], [], []], [14495, 14495, 2790]) == [
        None, visits.SECOND_NURSING_FACILITY_RULE, None]  # fmt: skip
    # a hospital discharge and a nursing facility admission the same day are both paid (ch. 12 §30.6.9.2.D)
    assert visits.same_day_hospital_rules(["99238", "99306"]) == [None, None]
