"""Three multiple procedure quirks a radiology and an orthopedics trial found, price and batch alike.

Amounts are computed here from CMS's rows shipped in data/ (PPRRVU's RVUs and CF, the GPCI file's indexes, OPPSCAP
to show no cap applies), with CMS's percentages applied exactly and rounded once (``test_imaging_order``'s
helpers).

* A bilateral imaging study (73721, bilateral indicator 3) is ranked by both sides' components: CMS's RVU file
  documentation (RVU25D), bilateral indicator 3: "determine the fee schedule amount for a bilateral procedure before
  applying any multiple procedure rules"; multiple procedure indicator 4: "rank the procedures by fee schedule amount
  for the TC". It was ranked by one side's TC and PC (the pair cut, 74177 paid in full: $570.07, not $606.19).
* A professional component read by another physician of the claim (77, XP) is ranked and cut 5% as the others: from
  2013 CMS cuts the readings of "one or more physicians in the same group practice" (CY2013 PFS final rule, CR 9647;
  engine.policy.PROFESSIONAL_CUT_PER_PRACTITIONER), where CY2012's rule (MLN MM7442) was one physician's. A review
  found 70450-26-XP paid $39.99, not $37.99, and told CMS does not cut across a group's physicians.
* An endoscopy (multiple procedure indicator 3) alone with 51 keeps the 50% of a secondary procedure, and its step
  says the family rule it is paid by beside its family (its value less the base's, ENDO BASE 29805) and how to price
  the encounter for that.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from typing import Any

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.engine.policy import SECONDARY_51_RULE
from rvucalc.paths import data_dir
from test_imaging_order import PPRRVU, cap, fee, gpci, once

ATLANTA_2026 = ("10212", "1", "01")  # GPCI file's carrier and locality number; OPPSCAP's locality
ATLANTA_2025 = ("10212", "01", "01")
COLORADO_2026 = ("04112", "1", "01")
AMOUNT_COLUMN = {"non_facility": "pfs_non_facility_amount", "facility": "pfs_facility_amount"}


def _pprrvu_row(year: int, code: str, modifier: str = "") -> list[str]:
    with data_dir().joinpath(*PPRRVU[year]).open(newline="") as handle:
        for row in csv.reader(handle):
            if row[:2] == [code, modifier]:
                return row
    raise LookupError((year, code, modifier))


def facility_fee(year: int, place: tuple[str, str, str], code: str, modifier: str = "") -> Decimal:
    """The facility fee schedule amount: (work x GPCI + facility PE x GPCI + MP x GPCI) x CF, to the cent."""
    row = _pprrvu_row(year, code, modifier)
    header = next(r for r in csv.reader(data_dir().joinpath(*PPRRVU[year]).open(newline="")) if r[:1] == ["HCPCS"])
    work, pe, mp, cf = (Decimal(row[i]) for i in (5, 8, 10, header.index("FACTOR")))
    w, p, m = gpci(year, place[0], place[1])
    return once((work * w + pe * p + mp * m) * cf)


def _capped(year: int, place: tuple[str, str, str], code: str) -> bool:
    """Whether OPPSCAP lists the code at the locality (none of these studies is: no cap step)."""
    try:
        cap(year, place, code)
    except LookupError:
        return False
    return True


def _single(pricer: Any, codes: list[str], zip_code: str, date: str, setting: str) -> list[Decimal]:
    lines = pricer.price_encounter(codes, zip_code=zip_code, date_of_service=date).lines
    return [getattr(line.pfs, setting).amount for line in lines]


def _batch_rows(pricer: Any, codes: list[str], zip_code: str, date: str, pos: str) -> list[dict[str, Any]]:
    table = pa.table({"claim": ["A"] * len(codes), "code": [c.split("-")[0] for c in codes],
                      "modifier": ["-".join(c.split("-")[1:]) for c in codes], "date": [date] * len(codes),
                      "setting": [pos] * len(codes), "zip": [zip_code] * len(codes)})  # fmt: skip
    rows = BatchPricer(pricer).price_table(table).to_pylist()
    assert all(row["error"] == "" for row in rows), rows
    return rows


def both(pricer: Any, codes: list[str], zip_code: str, date: str, setting: str = "non_facility") -> list[Decimal]:
    """rvucalc price's amounts in ``setting``, checked equal to batch's claim of the same lines."""
    single = _single(pricer, codes, zip_code, date, setting)
    pos = "11" if setting == "non_facility" else "22"
    rows = _batch_rows(pricer, codes, zip_code, date, pos)
    assert [Decimal(str(row[AMOUNT_COLUMN[setting]])) for row in rows] == single
    return single


# -- 1. a bilateral imaging study is ranked by both sides ------------------------------------------------------------


@pytest.mark.parametrize("knees", [["73721-RT", "73721-LT"], ["73721-50"]])
def test_a_bilateral_imaging_pair_outranks_a_study_whose_tc_is_above_one_side_s(pricer, knees) -> None:  # type: ignore[no-untyped-def]
    """73721 both knees (2 x TC $144.01, 2 x PC $63.66) with 74177 (TC $220.02, PC $85.09), Atlanta 2026: the pair is
    the highest TC and PC, paid in full ($415.34); 74177 is the later service, less 50% of its TC and 5% of its PC:
    $190.85, $606.19 in all (it was $570.07: the pair cut on one side's rank)."""
    place = ATLANTA_2026
    knee, knee_tc, knee_pc = (fee(2026, place, "73721", m) for m in ("", "TC", "26"))
    whole, tc, pc = (fee(2026, place, "74177", m) for m in ("", "TC", "26"))
    assert (knee_tc, tc, knee_pc, pc) == (Decimal("144.01"), Decimal("220.02"), Decimal("63.66"), Decimal("85.09"))
    assert knee_tc < tc < 2 * knee_tc and knee_pc < pc < 2 * knee_pc  # one side below 74177, the pair above it
    later = once(whole - tc / 2 - pc * Decimal("0.05"))
    assert later == Decimal("190.85") and not _capped(2026, place, "74177") and not _capped(2026, place, "73721")
    amounts = both(pricer, [*knees, "74177"], "30309", "2026-08-03")
    assert amounts[-1] == later
    assert sum(amounts[:-1]) == 2 * knee == Decimal("415.34")
    assert sum(amounts) == Decimal("606.19")


def test_a_bilateral_professional_pair_outranks_a_reading_above_one_side_s(pricer) -> None:  # type: ignore[no-untyped-def]
    """73721-26 both knees (2 x $61.98) with 72148-26 ($67.84), Atlanta, November 2025, at a hospital: the pair's PC
    ranks first, $123.96 in full; 72148-26 is cut 5%: $64.45 (it was paid in full, the pair cut)."""
    place = ATLANTA_2025
    side, spine = facility_fee(2025, place, "73721", "26"), facility_fee(2025, place, "72148", "26")
    assert side < spine < 2 * side
    amounts = both(pricer, ["73721-26-RT", "73721-26-LT", "72148-26"], "30303", "2025-11-03", "facility")
    assert amounts[2] == once(spine * Decimal("0.95")) == Decimal("64.45")
    assert amounts[0] + amounts[1] == 2 * side == Decimal("123.96")


# -- 2. another physician's reading of the claim is cut as the group's -----------------------------------------------


@pytest.mark.parametrize("modifier", ["77", "XP"])
def test_a_reading_by_another_physician_77_or_xp_is_cut_as_the_group_s(pricer, modifier) -> None:  # type: ignore[no-untyped-def]
    """72148-26 and 70450-26-77 (or -XP), Atlanta 2026: the group's readings ranked together, 70450's PC 5% off
    ($37.99; it was paid $39.99, the step citing MM7442's one-physician rule of 2012). A third reading is cut too."""
    place = ATLANTA_2026
    spine, head, face = (facility_fee(2026, place, code, "26") for code in ("72148", "70450", "70486"))
    assert spine > face > head
    codes = ["72148-26", f"70450-26-{modifier}"]
    assert both(pricer, codes, "30303", "2026-08-03", "facility") == [spine, once(head * Decimal("0.95"))]
    line = pricer.price_encounter(codes, zip_code="30303", date_of_service="2026-08-03").lines[1]
    (step,) = line.pfs.facility.adjustments
    assert "5% off the professional component" in step.rule and "MM7442" not in step.rule
    (said,) = (note for note in line.notes if note.startswith(f"Modifier {modifier}"))
    assert "keeps this line's professional component out" not in said and "same group practice" in said
    three = [*codes, "70486-26"]
    assert both(pricer, three, "30303", "2026-08-03", "facility") == [
        spine, once(head * Decimal("0.95")), once(face * Decimal("0.95"))
    ]  # fmt: skip


def test_a_global_study_read_by_another_physician_keeps_both_cuts(pricer) -> None:  # type: ignore[no-untyped-def]
    """72148 and 70450-XP in the office, Atlanta 2026: the group's TC reduction (50% of 70450's TC) and its PC's 5%
    (it was paid without the 5%: $74.13)."""
    place = ATLANTA_2026
    whole, tc, pc = fee(2026, place, "70450"), fee(2026, place, "70450", "TC"), fee(2026, place, "70450", "26")
    assert fee(2026, place, "72148", "TC") > tc and fee(2026, place, "72148", "26") > pc
    expected = once(whole - tc / 2 - pc * Decimal("0.05"))
    assert not _capped(2026, place, "70450")
    assert both(pricer, ["72148", "70450-XP"], "30303", "2026-08-03")[1] == expected


# -- 3. an endoscopy alone with 51 says its family's rule ------------------------------------------------------------


def test_an_endoscopy_alone_with_51_keeps_50_percent_and_names_its_family_rule(pricer) -> None:  # type: ignore[no-untyped-def]
    """29824-51 alone, Colorado 2026: 50% of its $648.00 ($324.00), as a secondary procedure, and its step says that
    beside its family (ENDO BASE 29805) it is paid its value less 29805's, and how to have it priced so; a line alone
    in batch says the same. 27447-51 (indicator 2) keeps the plain rule."""
    place = COLORADO_2026
    assert _pprrvu_row(2026, "29824")[24] == "29805"  # the RVU file's ENDO BASE
    full = facility_fee(2026, place, "29824")
    assert full == Decimal("648.00")
    result = pricer.price("29824-51", zip_code="80218", date_of_service="2026-08-03")
    assert result.pfs.facility.amount == once(full / 2) == Decimal("324.00")
    (step,) = result.pfs.facility.adjustments
    assert step.rule.startswith(SECONDARY_51_RULE) and step.rule != SECONDARY_51_RULE
    assert "base 29805" in step.rule and "less 29805's" in step.rule and "price the whole encounter" in step.rule
    assert "; " not in step.rule
    table = pa.table({"code": ["29824"], "modifier": ["51"], "date": ["2026-08-03"], "setting": ["22"],
                      "zip": ["80218"]})  # fmt: skip
    (row,) = BatchPricer(pricer).price_table(table).to_pylist()
    assert Decimal(str(row["pfs_facility_amount"])) == Decimal("324.00") and step.rule in row["note"]
    other = pricer.price("27447-51", zip_code="80218", date_of_service="2026-08-03").pfs.facility.adjustments
    assert [a.rule for a in other] == [SECONDARY_51_RULE]
    # Beside its family: its value less the base's, no 50% (the family rule's step alone).
    family = pricer.price_encounter(["29827", "29824-51"], zip_code="80218", date_of_service="2026-08-03").lines[1]
    assert family.pfs.facility.amount == full - facility_fee(2026, place, "29805")
    assert not any(a.rule.startswith(SECONDARY_51_RULE) for a in family.pfs.facility.adjustments)


def test_an_endoscopy_with_51_in_a_claim_with_its_family_drops_the_alone_step(pricer) -> None:  # type: ignore[no-untyped-def]
    """29827 and 29824-51 in one batch claim: 29824-51 is paid by the family rule, as price_encounter pays it, and
    its row does not keep the step of the line priced alone (the 50% and its family words)."""
    rows = _batch_rows(pricer, ["29827", "29824-51"], "80218", "2026-08-03", "22")
    family = pricer.price_encounter(["29827", "29824-51"], zip_code="80218", date_of_service="2026-08-03").lines[1]
    assert Decimal(str(rows[1]["pfs_facility_amount"])) == family.pfs.facility.amount
    assert SECONDARY_51_RULE not in rows[1]["note"]
