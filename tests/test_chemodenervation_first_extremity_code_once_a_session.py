"""One first extremity's chemodenervation code a session, 64644 (5 or more muscles) or 64642 (1-4), each other
extremity its add-on 64645 or 64643 (``engine.add_ons.first_extremity_notes``, ``first_extremity_units_note``). A
neurology group's trial (Cincinnati, 2026): 64644 beside 64642 (ranked 50%), 64642-RT beside 64642-LT (paid once by
the bilateral rule) and 64642 x 2 said nothing of the add-on, which the PFS pays in full. Now the second first extremity
line, or the line of several units, is noted in price and batch alike; the amounts stay CMS's fee schedule amounts as
billed (RVU26C and the 2026 GPCIs, OHIO 1520200)."""

from __future__ import annotations

from cms_fees import fee_2026, rvu_2026_row
from rvucalc.engine.add_ons import FIRST_EXTREMITIES, first_extremity_notes, first_extremity_units_note
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _batch, _money, encounters_both_ways

ZIP, DATE, LOCALITY = "45202", "2026-08-03", "1520200"

CLAIMS = [
    (["64644", "64642"], [False, True]),  # the trial's claim
    (["64642-RT", "64642-LT"], [False, True]),  # the trial's other claim
    (["64642", "64644", "64643"], [True, False, False]),
    (["64644", "64645", "95874"], [False, False, False]),  # the right coding
    (["64642", "64616"], [False, False]),  # the neck is no extremity
]


def test_the_first_extremity_codes_are_ranked_procedures_and_their_add_ons_are_not() -> None:
    for code, (_, add_on) in FIRST_EXTREMITIES.items():
        assert (rvu_2026_row(code)[14], rvu_2026_row(code)[18]) == ("000", "2"), code  # global 000, mult proc 2
        assert (rvu_2026_row(add_on)[14], rvu_2026_row(add_on)[18]) == ("ZZZ", "0"), add_on


def test_a_second_first_extremity_line_is_noted_with_its_add_on_in_price_and_batch(pricer: Pricer) -> None:
    for codes, code, line, row, expected in encounters_both_ways(pricer, CLAIMS, ZIP, DATE, setting="11"):
        note = first_extremity_notes([c.split("-")[0] for c in codes])[codes.index(code)]
        assert (note is not None) is expected, (codes, code)
        said = [n for n in line.notes if n.startswith("One first extremity's chemodenervation code")]
        assert said == ([note] if note else []), (codes, code, line.notes)
        assert [n for n in (row["note"] or "").split("; ") if n in said] == said, (codes, row["note"])
        if note:
            assert "; " not in note and FIRST_EXTREMITIES[code.split("-")[0]][1] in note
        assert _money(row["pfs_non_facility_amount"]) == line.pfs.non_facility.amount
    alone = pricer.price_encounter(["64644", "64643"], zip_code=ZIP, date_of_service=DATE, setting="11")
    assert [line.pfs.non_facility.amount for line in alone.lines] == [fee_2026(c, LOCALITY) for c in ("64644", "64643")]


def test_a_first_extremity_code_of_several_units_is_noted_in_price_and_batch(pricer: Pricer) -> None:
    note = first_extremity_units_note("64642", 2)
    assert note is not None and "; " not in note and "64643" in note
    line = pricer.price_encounter(["64642"], zip_code=ZIP, date_of_service=DATE, setting="11", units=[2]).lines[0]
    row = _batch(pricer, [{"claim": "B1", "code": "64642", "units": "2", "zip": ZIP, "date": DATE, "setting": "11"}])[0]
    assert line.notes.count(note) == 1, line.notes
    assert row["note"].split("; ").count(note) == 1, row["note"]
    assert _money(row["allowed"]) == 2 * fee_2026("64642", LOCALITY)  # as billed
    assert first_extremity_units_note("64643", 2) is None and first_extremity_units_note("64644", 1) is None


def test_the_add_on_named_is_packaged_on_the_hospitals_and_the_ascs_bill(pricer: Pricer) -> None:
    """A review: the notes said the add-on is "paid in full" on every bill, where CMS's OPPS packages 64643 and 64645
    (Addendum B: status indicator N, no rate) and the ASC's list too (Addendum AA: N1), and a hospital's second 64642
    (status T) is paid at 50%. The PFS pays the add-on in full; the hospital's and the ASC's bills do not."""
    for add_on in ("64643", "64645"):
        hospital = pricer.price(add_on, zip_code=ZIP, date_of_service="2025-08-03", setting="22")
        assert hospital.opps is not None and hospital.opps.status_indicator == "N" and not hospital.opps.rate
        asc = pricer.price(add_on, zip_code=ZIP, date_of_service=DATE, setting="24")
        assert asc.asc is not None and asc.asc.payment_indicator == "N1" and not asc.asc.rate
    where = {"zip_code": ZIP, "date_of_service": "2025-08-03", "setting": "22"}
    line = pricer.price_encounter(["64642", "64642"], **where).lines[1]  # type: ignore[arg-type]
    said = [n for n in line.notes if n.startswith("One first extremity's chemodenervation code")]
    units = first_extremity_units_note("64644", 2)
    for note in (*said, units):
        assert note is not None and "packaged (no separate payment) on the hospital's OPPS bill" in note, note
    assert len(said) == 1


def test_a_first_extremity_code_with_50_names_the_other_extremitys_add_on_in_price_and_batch(pricer: Pricer) -> None:
    """A review: 64642-50 (bilateral indicator 0 in CMS's RVU file: paid as one side) read only "150% adjustment does
    not apply (indicator 0)", nothing of the add-on 64643 its other extremity is (CPT: one first extremity's code a
    session, 50 making no other). The 50 line's step now names it, price and batch alike; the amount one side's."""
    for code, (_, add_on) in FIRST_EXTREMITIES.items():
        assert rvu_2026_row(code)[19] == "0", code  # bilateral indicator 0
        single = pricer.price(code, modifier="50", zip_code=ZIP, date_of_service=DATE, setting="11")
        steps = [a.rule for a in single.pfs.non_facility.adjustments if a.rule.startswith("Bilateral (50)")]
        assert len(steps) == 1 and add_on in steps[0] and f"not {code} again" in steps[0], steps
        assert single.pfs.non_facility.amount == fee_2026(code, LOCALITY)
        rows = [{"claim": "F1", "code": f"{code}-50", "zip": ZIP, "date": DATE, "setting": "11"},
                {"claim": "F2", "code": f"{code}-50", "zip": ZIP, "date": DATE, "setting": "11"},
                {"claim": "F2", "code": "20610", "zip": ZIP, "date": DATE, "setting": "11"}]  # fmt: skip
        for row in _batch(pricer, rows)[:2]:
            assert steps[0].split("; ")[0] in row["note"], row["note"]
            assert _money(row["pfs_non_facility_amount"]) == fee_2026(code, LOCALITY)
