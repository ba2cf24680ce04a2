"""One facility payment per service, one service per side. The 26 and TC halves of one study share its hospital
payment (engine.facility.facility_paid_on), but a radiology trial's 73721-26-RT and 73721-26-LT (two knees' MRIs, read
at the hospital) were paid the hospital's rate once: the LT line $0.00 "the 26 and TC halves ... share its one facility
payment", while 73721-RT and 73721-LT were paid twice. Anatomic modifiers name the site (Claims Processing Manual
ch. 12 §30.6): each side is its own service."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal

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
    assert _hospital_rates("73721-26-RT", "73721-TC-RT", "73721-26-LT") == [Decimal(0), rate, rate]
    assert _hospital_rates("73721-26", "73721-TC") == [Decimal(0), rate]  # one study's halves: one payment, the TC's


def test_batch_pays_each_side_s_hospital_payment_as_price_does(tmp_path: object) -> None:
    rows = [{"claim": "K1", "code": "73721", "modifier": f"26 {side}", "pos": "22", "date": "2025-11-03",
             "zip": "30303"} for side in ("RT", "LT")]  # fmt: skip
    result, out = run_batch_rows(tmp_path, rows)  # type: ignore[arg-type]
    assert result.exit_code == 0, result.output
    assert out[0]["hopd_allowed"] == out[1]["hopd_allowed"], out  # each side's rate and professional fee
    assert "One facility payment per service" not in out[1]["note"]


# A trial: 74177-26 74177-TC-52 at the hospital paid the OPPS's full rate on the 26 line and $0.00 on the TC-52 line.
# The technical component is the facility's part (Claims Processing Manual ch. 13 §20.2): its line carries the one
# facility payment and its 52 (a service not requiring anesthesia reduced: 50% of the OPPS rate, ch. 4 §20.6.4).
SPLIT_REDUCED = ["74177-26", "74177-TC-52"]


def _lines(*args: str) -> list[dict[str, object]]:
    done = CliRunner().invoke(app, ["price", *args, "--date", "2025-11-10", "-f", "json"])
    assert done.exit_code == 0, done.output
    return list(json.loads(done.stdout)["lines"])


def test_the_tc_line_carries_the_hospital_payment_with_its_52_cut() -> None:
    half = (_addendum_b_rate("74177") / 2).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert _hospital_rates(*SPLIT_REDUCED) == [Decimal(0), half]
    assert _hospital_rates("74177-26-52", "74177-TC") == [Decimal(0), _addendum_b_rate("74177")]


def test_batch_puts_the_one_facility_payment_on_the_tc_line_as_price_does(tmp_path: object) -> None:
    for pos, with_surgery in (("22", []), ("24", ["64483"])):  # the ASC pays the scan beside a covered surgery
        codes = [*SPLIT_REDUCED, *with_surgery]
        rows = [{"claim": "R1", "code": cell.split("-")[0], "modifier": " ".join(cell.split("-")[1:]), "pos": pos,
                 "date": "2025-11-10", "zip": "33136"} for cell in codes]  # fmt: skip
        result, out = run_batch_rows(tmp_path, rows)  # type: ignore[arg-type]
        assert result.exit_code == 0, result.output
        lines = _lines(*codes, "--zip", "33136", "--setting", pos)
        for row, line in zip(out, lines, strict=True):
            for name, site in (("opps_rate", "opps"), ("asc_rate", "asc")):
                assert Decimal(row[name]) == Decimal(str(line[site]["rate"])), (pos, row["code"], name)  # type: ignore[index]
        assert Decimal(out[0]["opps_rate"]) == Decimal(out[0]["asc_rate"]) == 0, out[0]
        assert Decimal(out[1]["opps_rate"]) > 0 and Decimal(out[1]["asc_rate"]) > 0, out[1]
        assert "on the 74177-TC-52 line" in out[0]["note"], out[0]["note"]


def test_59_on_one_half_of_a_26_and_tc_pair_leaves_one_hospital_payment() -> None:
    """A session 68 review: `price 93306-26 93306-TC-59 --setting 22` paid the OPPS on both lines (twice the hospital's
    rate): 59 on one half of the pair does not make the hospital's technical component a second service. One payment
    per TC line, plus one per 26 line without a TC (engine.facility._distinct_halves_paired)."""
    rate = _addendum_b_rate("93306")  # October 2025 Addendum B, national (no ZIP: no wage adjustment)
    assert _hospital_rates("93306-26", "93306-TC-59") == [Decimal(0), rate]
    assert _hospital_rates("93306-26-XS", "93306-TC") == [Decimal(0), rate]
    assert _hospital_rates("93306-26", "93306-TC", "93306-26-59", "93306-TC-59") == [Decimal(0), rate] * 2
    assert _hospital_rates("93306-26-59", "93306-TC", "93306-26-XU") == [Decimal(0), rate, rate]  # a 26 without a TC


def test_batch_pays_a_26_and_tc_59_pair_s_hospital_payment_once_as_price_does(tmp_path: object) -> None:
    lines = [("93306", "26"), ("93306", "TC 59"), ("93306", "26 59"), ("93306", "TC"), ("93306", "26 XU")]
    rows = [{"claim": "E1", "code": code, "modifier": modifier, "pos": "22", "date": "2025-11-03"}
            for code, modifier in lines]  # fmt: skip
    result, out = run_batch_rows(tmp_path, rows)  # type: ignore[arg-type]
    assert result.exit_code == 0, result.output
    priced = _hospital_rates(*("-".join([code, *modifier.split()]) for code, modifier in lines))
    rate = _addendum_b_rate("93306")
    assert priced == [Decimal(0), rate, Decimal(0), rate, rate]
    assert [Decimal(row["opps_rate"]) for row in out] == priced
