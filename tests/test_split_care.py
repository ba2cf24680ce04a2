"""A surgery's global package split between physicians (modifiers 54, 55, 56): a split-care line's units are
post-operative days, not services (engine.policy.postoperative_days), and a procedure's parts billed on one claim and
date are one procedure to the multiple surgery rule (engine.policy.SPLIT_CARE_PARTS). Price and batch agree."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.engine.policy import round_cents, split_care_units_note
from rvucalc.lookup.pricer import Pricer

DATE = "2026-08-03"


@pytest.fixture(scope="module")
def pricer() -> Pricer:
    return Pricer()


def _cents(value: object) -> int:
    return int(Decimal(str(value)).scaleb(2))


def test_a_55_line_s_units_are_its_post_operative_days_in_price_and_batch(pricer: Pricer) -> None:
    """A trial: `price 27447-55 --units 45 --setting 21` paid 45 x $243.46 ($10,955.70) and called it 45 units of a
    bilateral code; 2 units were paid as a bilateral procedure (150%). CMS apportions the post-op share by the days
    each physician was responsible (ch. 12 §40.2: 60 of 90 days = 60/90 of the share); the days are the units
    (Palmetto GBA, modifier 55). Expected: CMS's 2026 RVU file fee of 27447 at the facility, x its post-op percent
    (the RVU file's) x days / 90, rounded once."""
    lines = [("27447-55", 45), ("27447-55", 2), ("27447-55", 1), ("27447-55", 95), ("27447-54", 3), ("27447-56", 2)]
    rows = [{"code": code, "units": units, "setting": "21", "date": DATE} for code, units in lines]
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for (code, units), row in zip(lines, out, strict=True):
        single = pricer.price(code, units=units, setting="21", date_of_service=DATE)
        facility = single.pfs.facility
        assert facility is not None and facility.amount is not None and facility.fee_schedule_amount is not None
        fee = _cents(facility.fee_schedule_amount)
        modifier = code.split("-")[1]
        step = facility.adjustments[-1]  # the share, as the RVU file's percentages (27447: 10 / 69 / 21)
        share = Fraction(int(step.rule.split("share: ")[1].split("%")[0]), 100)
        assert share == {"54": Fraction(79, 100), "55": Fraction(21, 100), "56": Fraction(10, 100)}[modifier]
        expected = round_cents(Fraction(fee) * share)
        if modifier == "55" and 2 <= units <= 90:
            assert f"x {units}/90 post-operative days" in step.rule
            expected = round_cents(Fraction(fee) * share * units / 90)
        assert _cents(facility.amount) == expected, code
        site = single.sites[0]
        assert site.total == facility.amount, (code, units)  # one service, never units x the line
        assert [_cents(row[name]) for name in ("pfs_facility_amount", "allowed", "beneficiary", "medicare")] == [
            _cents(facility.amount),
            _cents(site.total),
            _cents(site.beneficiary),
            _cents(site.medicare),
        ], (code, units)
        note = [n for n in single.notes if "units on a 5" in n]
        assert len(note) == (units > 1) and all(n in row["note"] for n in note), (code, units)
        assert not any("bilateral" in n for n in single.notes), (code, units)
    # 45 of 90 days of 27447's 21% post-op share of $1,159.32 ($243.46 for the whole share): $121.73, not $10,955.70
    assert pricer.price("27447-55", units=45, setting="21", date_of_service=DATE).sites[0].total == Decimal("121.73")


def test_a_procedure_s_split_care_parts_on_one_claim_are_ranked_as_one_procedure_in_price_and_batch(
    pricer: Pricer,
) -> None:
    """A trial: `price 27447-54 27447-55 --setting 21` cut the 55 line 50% as a second procedure. The two parts of
    one surgery are one procedure: neither is cut alone; beside another procedure that outranks them, both parts are
    the second procedure's (50%)."""
    claims = [("A", ["27447-54", "27447-55"]), ("B", ["27447-54", "27447-55", "27130"]),
              ("C", ["27447-55", "27447-54", "20610"]), ("D", ["27447-54", "27447-54"])]  # fmt: skip
    rows = [{"claim": claim, "code": code, "setting": "21", "date": DATE} for claim, codes in claims for code in codes]
    out = iter(BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist())
    for claim, codes in claims:
        encounter = pricer.price_encounter(codes, setting="21", date_of_service=DATE)
        for line in encounter.lines:
            row = next(out)
            facility = line.pfs.facility
            assert facility is not None and facility.amount is not None
            assert _cents(row["pfs_facility_amount"]) == _cents(facility.amount), (claim, line.code, line.modifiers)
            assert _cents(row["allowed"]) == _cents(line.sites[0].total)
            ranked = [a.rule for a in facility.adjustments if a.rule.startswith("Multiple procedure")]
            if line.code != "27447":  # 27130 outranks 27447; 20610 is outranked by it
                assert bool(ranked) == (line.code == "20610"), claim
            elif claim in ("A", "C"):  # the parts alone, or ahead of a lesser procedure: in full
                assert not ranked, (claim, line.modifiers)
            elif claim == "B":  # 27130 outranks 27447: both parts are the second procedure's
                assert ranked == ["Multiple procedure: ranked 2 of 2 by amount, 50%"], line.modifiers
        if claim == "D":  # two surgical-care lines are no split package: two procedures, as before
            second = encounter.lines[1].pfs.facility
            assert second is not None and any(a.rule.startswith("Multiple procedure") for a in second.adjustments)
    single = pricer.price_encounter(["27447-54", "27447-55"], setting="21", date_of_service=DATE)
    assert [line.sites[0].total for line in single.lines] == [Decimal("915.89"), Decimal("243.46")]


def test_split_care_units_note_is_none_for_one_unit() -> None:
    from rvucalc.engine.policy import Line

    row = {"global_days": "090"}
    assert split_care_units_note(Line("27447", ["55"], row, {}, units=1)) is None
    assert "45 post-operative days" in (split_care_units_note(Line("27447", ["55"], row, {}, units=45)) or "")
