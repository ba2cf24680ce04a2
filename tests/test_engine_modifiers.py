"""The modifier table and its kernels (engine.modifiers).

Amounts start from CMS's own rows, quoted verbatim below (RVU26C July 2026 national RVU
file; ASC Addendum AA January 2026), priced at the national GPCIs (1.000) with the row's
conversion factor by ``engine.pfs.fee_cents``; each modifier's percentage is then applied
by hand here, exactly, rounded once half-up, and compared with the kernel.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rvucalc.engine import modifiers as mod
from rvucalc.engine.pfs import fee_cents
from rvucalc.errors import UsageError

# Verbatim rows of PPRRVU2026_Jul_nonQPP.csv (RVU26C).
RVU26C_ROWS = """\
97110,,Therapeutic exercises,A,,0.45,0.41,,0.41,NA,0.01,0.87,0.87,7,XXX,0.00,0.00,0.00,5,0,0,0,0,9,,33.4009,09,0,99,0.00,0.00,0.00
71046,,X-ray exam chest 2 views,A,,0.21,0.76,,0.76,NA,0.02,0.99,0.99,1,XXX,0.00,0.00,0.00,0,0,0,0,0,9,,33.4009,09,0,99,2.70,2.70,0.05
71046,TC,X-ray exam chest 2 views,A,,0.00,0.68,,0.68,NA,0.01,0.69,0.69,1,XXX,0.00,0.00,0.00,0,0,0,0,0,9,,33.4009,01,0,99,2.62,2.62,0.04
74177,,Ct abd & pelvis w/contrast,A,,1.77,7.09,,7.09,NA,0.13,8.99,8.99,1,XXX,0.00,0.00,0.00,4,0,9,0,0,9,,33.4009,09,0,88,11.27,11.27,0.14
74177,TC,Ct abd & pelvis w/contrast,A,,0.00,6.46,,6.46,NA,0.02,6.48,6.48,1,XXX,0.00,0.00,0.00,4,0,9,0,0,9,,33.4009,02,0,88,10.64,10.64,0.03
G0438,,"Ppps, initial visit",A,,2.60,2.45,,2.45,NA,0.17,5.22,5.22,0,XXX,0.00,0.00,0.00,0,0,0,0,0,9,,33.4009,09,0,99,0.00,0.00,0.00
"""  # noqa: E501
# Verbatim rows of asc_20260101/AA.csv (January 2026 Addendum AA).
AA_ROWS = """\
66984,,Xcapsl ctrc rmvl w/o ecp,Y,A2,22.2955,"$1,255.73 "
0338T,,Trnscth renal symp denrv unl,N,J8,78.8580,"$4,441.44 "
"""

CENT = Decimal("0.01")


def _hundredths(text: str) -> int:
    return int(Decimal(text) * 100)


def rvu_rows() -> dict[tuple[str, str], dict[str, str | int]]:
    rows: dict[tuple[str, str], dict[str, str | int]] = {}
    for cells in csv.reader(io.StringIO(RVU26C_ROWS)):
        rows[(cells[0], cells[1])] = {
            "work": _hundredths(cells[5]),
            "pe_nf": _hundredths(cells[6]),
            "mp": _hundredths(cells[10]),
            "pctc": cells[13],
            "mult_proc": cells[18],
            "cf": int(Decimal(cells[25]) * 10_000),
        }
    return rows


RVU = rvu_rows()


def national_office_cents(code: str, modifier: str = "") -> int:
    row = RVU[(code, modifier)]
    return int(fee_cents(row["work"], row["pe_nf"], row["mp"], 1000, 1000, 1000, row["cf"]))


def asc_rows() -> dict[str, tuple[bool, int]]:
    found = {}
    for cells in csv.reader(io.StringIO(AA_ROWS)):
        found[cells[0]] = (cells[3] == "Y", int(Decimal(cells[6].strip().lstrip("$").replace(",", "")) * 100))
    return found


def by_hand(cents: int | Decimal, percent: str) -> int:
    exact = Decimal(cents) * Decimal(percent) / 100
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


# -- the table ---------------------------------------------------------------------------

REQUIRED_TEXT = (
    "22 23 24 25 26 TC 27 32 33 47 50 51 52 53 54 55 56 57 58 59 62 63 66 73 74 76 77 78 79 80 81 82 90 91 92 93 95 96 "
    "97 99 AS CQ CO CS CT FX FY FS FT GA GC GE GN GO GP GT GV GW GX GY GZ JW JZ JG JB KX LT RT LC LD LM RC RI E1 E2 E3 "
    "E4 F1 F2 F3 F4 F5 F6 F7 F8 F9 FA TA T1 T2 T3 T4 T5 T6 T7 T8 T9 PN PO PT Q5 Q6 QW QK QX QY QZ AA AD QS G8 G9 SA SB "
    "TH XE XP XS XU KS NU RR UE KH KI KJ BP BR BU"
)
REQUIRED = REQUIRED_TEXT.split(" ")


def test_table_holds_every_modifier_a_claim_commonly_carries() -> None:
    missing = [code for code in REQUIRED if mod.lookup(code) is None]
    assert missing == []
    assert mod.lookup("gp") is mod.TABLE["GP"]  # case-insensitive


@pytest.mark.parametrize("info", list(mod.TABLE.values()), ids=list(mod.TABLE))
def test_every_entry_is_complete(info: mod.ModifierInfo) -> None:
    assert info.meaning and info.source
    assert info.effect in ("none", "percentage", "row", "policy", "site_percentage", "not_priced")
    if info.effect in ("percentage", "site_percentage"):
        assert info.applies_to is not None
        # FB, FC take a share of the ASC device portion off, not a percent of the rate
        assert info.percent is not None or info.percent_by_year or info.note_share in ("all", "half")
    else:
        assert info.percent is None and not info.percent_by_year


def test_the_policy_modifiers_are_the_ones_engine_policy_implements() -> None:
    from rvucalc.engine.policy import ANESTHESIA_PERCENT, ASSISTANT_PERCENT

    policy = {code for code, info in mod.TABLE.items() if info.effect == "policy"}
    implemented = {"50", "51", "54", "55", "56", "62", "66", "78", "79", "AD"} | set(ASSISTANT_PERCENT)
    assert policy == implemented | set(ANESTHESIA_PERCENT)


def test_table_rows_for_the_modifiers_command() -> None:
    rows = mod.table_rows()
    assert len(rows) == len(mod.TABLE)
    cq = next(row for row in rows if row["modifier"] == "CQ")
    assert cq["payment"] == "pays 85% from 2022 of the fee schedule amount"
    assert "1834(v)" in cq["source"]


# -- unknown modifiers, combinations -------------------------------------------------------


def test_unknown_modifier_is_a_usage_error_with_did_you_mean() -> None:
    with pytest.raises(UsageError, match=r"Unknown modifier '5O'\. Did you mean 50"):
        mod.require("5O")
    assert "PO" in mod.suggest("P0")


@pytest.mark.parametrize(
    ("mods", "reason"),
    [
        (["26", "TC"], "global service"),
        (["50", "LT"], "bill 50, or one line per side"),
        (["LT", "RT"], "bill 50"),
        (["54", "55"], "global surgical package"),
        (["CQ", "CO"], "one per line"),
        (["GP", "GO"], "one plan of care"),
        (["PN", "PO"], "excepted"),
        (["73", "74"], "one discontinued procedure"),
        (["FX", "26"], "professional"),
        (["CQ", "GO"], "goes with GP"),
        (["62", "80"], "one role"),
        (["66", "AS"], "one role"),
        (["62", "66"], "one role"),
        (["80", "AS"], "one assistant-at-surgery modifier"),
        (["78", "79"], "exclude each other"),
        (["58", "78"], "exclude each other"),
        (["54", "78"], "intra-operative share alone"),
        (["55", "78"], "not one line"),
        (["GP", "GP"], "given twice"),
        (["GP", "59", "LT", "25", "KX"], "at most 4"),
        (["JW", "JZ"], "the discarded amount on a line with JW"),  # the fix, not only the conflict (a trial)
        # HCPCS descriptors: F7 "Right hand, third digit", FA "Left hand, thumb", T5 "Right foot, great toe" (a hand
        # surgery trial's 26055-F7-LT was priced as one finger with no word)
        (["F7", "LT"], 'F7 is "Right hand, third digit"'),
        (["RT", "FA"], 'FA is "Left hand, thumb"'),
        (["T5", "LT", "59"], "bill T5 without LT or RT"),
        (["RT", "F1", "51"], "names the side"),
    ],
)
def test_conflicting_modifiers_are_refused_with_the_reason(mods: list[str], reason: str) -> None:
    with pytest.raises(UsageError, match=reason):
        mod.check_combination(mods)


def test_four_informational_modifiers_in_any_order_are_accepted() -> None:
    for order in itertools.permutations(["GP", "59", "LT", "KX"]):
        mod.check_combination(list(order))
    mod.check_combination(["59", "XS", "RT", "76"])  # redundant but seen on real claims
    mod.check_combination(["F2", "LT", "51"])  # a left digit with LT: redundant, not contradictory
    mod.check_combination(["T5", "RT"])


INFORMATIONAL = [code for code, info in mod.TABLE.items() if info.effect == "none"]


@pytest.mark.parametrize("modifier", INFORMATIONAL)
def test_informational_modifiers_change_nothing(modifier: str) -> None:
    mod.check_combination([modifier])
    outcome = mod.apply_pfs_modifiers(2906, None, [modifier], year=2026)
    assert outcome.steps == [] and outcome.not_priced is None
    facility = mod.apply_facility_modifiers(125_573, [modifier], site="asc", code="66984", year=2026)
    assert facility.steps == [] and facility.multiple_procedure_discount


# -- applicability --------------------------------------------------------------------------


def test_cq_only_on_therapy_codes() -> None:
    mod.check_applies("97110", ["CQ", "GP"], mult_proc=str(RVU[("97110", "")]["mult_proc"]))
    with pytest.raises(mod.ModifierNotApplicable, match="indicator 5"):
        mod.check_applies("G0438", ["CQ"], mult_proc=str(RVU[("G0438", "")]["mult_proc"]))


def test_fx_only_on_x_ray_codes_and_ct_only_on_cms_ct_codes() -> None:
    mod.check_applies("71046", ["FX"], pctc=str(RVU[("71046", "")]["pctc"]))
    with pytest.raises(mod.ModifierNotApplicable, match="not a diagnostic radiology code"):
        mod.check_applies("97110", ["FX"], pctc=str(RVU[("97110", "")]["pctc"]))
    mod.check_applies("74177", ["CT"])
    with pytest.raises(mod.ModifierNotApplicable, match="MM9250"):
        mod.check_applies("71046", ["CT"])


def test_fx_and_fy_are_refused_on_every_ct_and_mr_code_of_the_installed_rvu_file(pricer) -> None:  # type: ignore[no-untyped-def]
    """A trial priced 70551-FX (an MRI) $29.71 short: FX and FY are X-ray modifiers (CR 9727), and CT and MR codes
    lie in 70010-76499. Every code of that range with a technical component whose CMS descriptor names CT or MR is
    refused; the X-rays of the range are not."""
    store = pricer.catalogue.store(pricer.catalogue.newest("pfs"))
    ct_or_mr = re.compile(r"(?i)\b(ct|cta|mri|mra|mr|fmri|magnetic|3d render)\b")
    refused = accepted = 0
    for row in store.rows("rvu"):
        code = row["hcpcs"]
        if row["modifier"] or not code.isdigit() or not 70010 <= int(code) <= 76499 or row["pctc"] != "1":
            continue
        if ct_or_mr.search(row["description"]):
            for modifier in ("FX", "FY"):
                with pytest.raises(mod.ModifierNotApplicable, match="CT and MR codes do not"):
                    mod.check_applies(code, [modifier], pctc="1")
            refused += 1
        elif "x-ray" in row["description"].lower() or "radex" in row["description"].lower():
            mod.check_applies(code, ["FX"], pctc="1")
            mod.check_applies(code, ["FY"], pctc="1")
            accepted += 1
    assert refused > 100 and accepted > 100  # the 2026 file: 129 CT/MR codes, ~150 X-rays named as such


def test_pfs_modifiers_on_lab_drug_and_dme_lines_are_refused() -> None:
    with pytest.raises(mod.ModifierNotApplicable, match="clinical laboratory fee schedule"):
        mod.check_schedule("80053", ["26"], "clfs")
    with pytest.raises(mod.ModifierNotApplicable, match="physician fee schedule modifier"):
        mod.check_schedule("J9271", ["50"], "drug")
    with pytest.raises(mod.ModifierNotApplicable, match="DMEPOS"):
        mod.check_schedule("99213", ["RR"], "pfs")
    mod.check_schedule("80053", ["QW", "91", "59"], "clfs")
    mod.check_schedule("J9271", ["JW"], "drug")
    mod.check_schedule("E0601", ["RR", "KX"], "dmepos")
    mod.check_schedule("66984", ["50", "73"], "asc")


def test_schedule_effect_is_informational_outside_its_schedules() -> None:
    assert mod.schedule_effect("73", "asc") == "site_percentage"
    assert mod.schedule_effect("73", "pfs") == "none"
    assert mod.schedule_effect("RR", "dmepos") == "row"
    assert mod.schedule_effect("QW", "clfs") == "row"


# -- PFS kernel -----------------------------------------------------------------------------


def test_97110_cq_is_85_percent_of_97110() -> None:
    amount = national_office_cents("97110")
    assert amount == 2906  # 0.87 RVUs x $33.4009
    outcome = mod.apply_pfs_modifiers(amount, None, ["GP", "CQ"], year=2026)
    assert [step.modifier for step in outcome.steps] == ["CQ"]
    assert outcome.steps[0].after_cents == by_hand(amount, "85") == 2470
    assert outcome.factor == Fraction(85, 100)


def test_cq_before_2022_was_required_but_paid_in_full() -> None:
    outcome = mod.apply_pfs_modifiers(2906, None, ["CO"], year=2021)
    assert outcome.steps == [] and "no payment effect in 2021" in outcome.notes[0]


def test_fx_cuts_20_percent_of_the_technical_component_of_a_global_x_ray() -> None:
    global_cents, tc_cents = national_office_cents("71046"), national_office_cents("71046", "TC")
    outcome = mod.apply_pfs_modifiers(global_cents, tc_cents, ["FX"], year=2026)
    expected = global_cents - Decimal(tc_cents) * Decimal("0.20")
    assert outcome.steps[0].after_cents == int(expected.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    on_tc_row = mod.apply_pfs_modifiers(tc_cents, None, ["FX"], year=2026, row_modifier="TC")
    assert on_tc_row.steps[0].after_cents == by_hand(tc_cents, "80")


@pytest.mark.parametrize(("year", "percent"), [(2018, "93"), (2022, "93"), (2023, "90"), (2026, "90")])
def test_fy_computed_radiography_cut_by_year(year: int, percent: str) -> None:
    tc_cents = national_office_cents("71046", "TC")
    outcome = mod.apply_pfs_modifiers(tc_cents, None, ["FY"], year=year, row_modifier="TC")
    assert outcome.steps[0].after_cents == by_hand(tc_cents, percent)


def test_fy_before_2018_had_no_effect() -> None:
    outcome = mod.apply_pfs_modifiers(1000, None, ["FY"], year=2017, row_modifier="TC")
    assert outcome.steps == []


def test_ct_cuts_15_percent_of_the_technical_component() -> None:
    global_cents, tc_cents = national_office_cents("74177"), national_office_cents("74177", "TC")
    outcome = mod.apply_pfs_modifiers(global_cents, tc_cents, ["CT"], year=2026)
    expected = Decimal(global_cents) - Decimal(tc_cents) * Decimal("0.15")
    assert outcome.steps[0].after_cents == int(expected.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def test_fx_on_a_global_service_needs_the_tc_amount() -> None:
    with pytest.raises(ValueError, match="TC amount"):
        mod.apply_pfs_modifiers(3307, None, ["FX"], year=2026)


def test_not_priced_modifiers_say_why() -> None:
    assert "statutorily excluded" in (mod.apply_pfs_modifiers(2906, None, ["GY"], year=2026).not_priced or "")
    no_row = mod.apply_pfs_modifiers(2906, None, ["53"], year=2026)
    assert no_row.not_priced is not None and "MAC" in no_row.not_priced
    with_row = mod.apply_pfs_modifiers(1250, None, ["53"], year=2026, row_modifier="53")
    assert with_row.not_priced is None and with_row.steps == []
    reduced = mod.apply_pfs_modifiers(2906, None, ["52"], year=2026)
    assert reduced.not_priced is None and "lower of your reduced charge" in reduced.notes[0]


# -- facility kernel -------------------------------------------------------------------------


def test_asc_terminated_procedures() -> None:
    rate = asc_rows()["66984"][1]
    before = mod.apply_facility_modifiers(rate, ["73"], site="asc", code="66984", year=2026)
    assert before.steps[0].after_cents == by_hand(rate, "50")
    assert before.multiple_procedure_discount is False
    after = mod.apply_facility_modifiers(rate, ["74"], site="asc", code="66984", year=2026)
    assert after.steps == [] and after.multiple_procedure_discount is True


def test_opps_reduced_service_and_off_campus_departments() -> None:
    reduced = mod.apply_facility_modifiers(10_000, ["52"], site="opps", code="71046", year=2026)
    assert reduced.steps[0].after_cents == 5_000 and reduced.multiple_procedure_discount is True
    pn = mod.apply_facility_modifiers(10_001, ["PN"], site="opps", code="99213", year=2026)
    assert pn.steps[0].after_cents == by_hand(10_001, "40")
    clinic = mod.apply_facility_modifiers(12_345, ["PO"], site="opps", code="G0463", year=2026)
    assert clinic.steps[0].after_cents == by_hand(12_345, "40")
    other = mod.apply_facility_modifiers(12_345, ["PO"], site="opps", code="71046", year=2026)
    assert other.steps == [] and "keeps the OPPS rate" in other.notes[0]
    asc = mod.apply_facility_modifiers(12_345, ["PN"], site="asc", code="66984", year=2026)
    assert asc.steps == []


def test_po_drug_administration_from_2026_and_the_rural_sole_community_exemption() -> None:
    drug_admin = mod.apply_facility_modifiers(20_000, ["PO"], site="opps", code="96413", year=2026, apc="5694")
    assert drug_admin.steps[0].after_cents == 8_000
    before = mod.apply_facility_modifiers(20_000, ["PO"], site="opps", code="96413", year=2025, apc="5694")
    assert before.steps == []
    exempt = mod.apply_facility_modifiers(
        20_000, ["PO"], site="opps", code="G0463", year=2026, rural_sole_community=True
    )
    assert exempt.steps == []


def test_asc_bilateral_subject_to_discounting_is_150_percent() -> None:
    discounted, rate = asc_rows()["66984"]
    assert discounted
    pair = mod.asc_bilateral(rate, discounted)
    assert pair.total == rate + by_hand(rate, "50") == 188_360  # $1,255.73 + $627.865 -> $1,883.60
    assert pair.percent == 150 and "150%" in pair.rule and "ch. 14 §40.5" in pair.source


def test_asc_bilateral_not_subject_to_discounting_is_200_percent() -> None:
    discounted, rate = asc_rows()["0338T"]
    assert not discounted
    pair = mod.asc_bilateral(rate, discounted)
    assert pair.total == 2 * rate and pair.percent == 200 and pair.procedures == (rate, rate)


# -- properties -----------------------------------------------------------------------------

PAYMENT = ["CQ", "FX", "FY", "CT"]
SIDE = ["GP", "59", "KX", "25", "LT", "XS", "76", "JW"]


@given(
    amount=st.integers(min_value=0, max_value=10**9),
    tc_share=st.fractions(min_value=0, max_value=1),
    payment=st.sampled_from(PAYMENT),
    extra=st.lists(st.sampled_from(SIDE), min_size=0, max_size=3, unique=True),
    seed=st.randoms(use_true_random=False),
)
def test_modifier_order_does_not_change_the_result(
    amount: int, tc_share: Fraction, payment: str, extra: list[str], seed: object
) -> None:
    mods = [payment, *extra]
    mod.check_combination(mods)
    tc = round(amount * tc_share)
    first = mod.apply_pfs_modifiers(amount, tc, mods, year=2026)
    shuffled = list(mods)
    seed.shuffle(shuffled)  # type: ignore[attr-defined]
    second = mod.apply_pfs_modifiers(amount, tc, shuffled, year=2026)
    assert first.steps == second.steps
    assert all(step.after <= step.before for step in first.steps)


@given(amount=st.integers(min_value=0, max_value=10**9), tc=st.integers(min_value=0, max_value=10**9))
def test_fx_is_exactly_a_fifth_of_the_tc_off(amount: int, tc: int) -> None:
    outcome = mod.apply_pfs_modifiers(amount + tc, tc, ["FX"], year=2026)
    assert outcome.steps[0].after == amount + tc - Fraction(tc, 5)
    exact = Decimal(amount + tc) - Decimal(tc) / 5
    assert outcome.steps[0].after_cents == int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
