"""29874 (loose body removal) or 29877 (chondroplasty) beside another surgical arthroscopy of the same knee
(``engine.knee_arthroscopy``): Medicare does not pay them with another arthroscopic procedure on the same knee (CMS
Transmittal A-02-129), whose code for another compartment is G0289, and 29880/29881 include chondroplasty (CPT 2012).
An orthopedic group's trial: `rvucalc price 29881-RT 29877-RT --setting 24 --zip 30309` priced 29877 in full as the
primary procedure and 29881 less the base endoscopy's value, the ASC's claim as two procedures, with no word. Now the
29874/29877 line is noted, in price and a batch claim (the surgeon's and the ASC's own) alike, unless LT and RT put the
pair on different knees; the amounts stay CMS's, recomputed from RVU26C and the 2026 GPCIs (ATLANTA 1021201)."""

from __future__ import annotations

from decimal import Decimal

from cms_fees import fee_2026, rvu_2026_row
from rvucalc.engine.knee_arthroscopy import same_knee_note
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _batch, _money, encounters_both_ways

ZIP, DATE, LOCALITY = "30309", "2026-07-14", "1021201"  # ATLANTA, GA; RVU26C in force

# (codes, the knee arthroscopies each line's note names as billed beside it, or None)
CLAIMS: list[tuple[list[str], list[list[str] | None]]] = [
    (["29881-RT", "29877-RT"], [None, ["29881"]]),  # the trial's claim
    (["29881-RT", "29877-59-RT"], [None, ["29881"]]),  # 59 does not lift it: G0289 is the other compartment's code
    (["29880", "29874"], [None, ["29880"]]),  # no side named: it may be the same knee
    (["29888-LT", "29874-LT", "29877-LT"], [None, ["29888", "29877"], ["29888", "29874"]]),
    (["29880-50", "29877-RT"], [None, ["29880"]]),
    # another knee, the diagnostic arthroscopy, G0289 or the code alone: no note
    (["29881-RT", "29877-LT"], [None, None]),
    (["29870-RT", "29877-RT"], [None, None]),
    (["29881-RT", "G0289-RT"], [None, None]),
    (["29877-RT"], [None]),
]


def test_the_codes_are_cms_knee_arthroscopies() -> None:
    """RVU26C: 29874, 29877, 29880, 29881 are 090-day procedures of the endoscopy family of 29870 (multiple procedure
    indicator 3), 29888 a 090-day procedure; G0289 is an active code of its own."""
    for code in ("29874", "29877", "29880", "29881"):
        row = rvu_2026_row(code)
        assert (row[3], row[14], row[18], row[24]) == ("A", "090", "3", "29870"), code
    assert (rvu_2026_row("29888")[3], rvu_2026_row("29888")[14]) == ("A", "090")
    assert rvu_2026_row("G0289")[3] == "A"


def test_29874_or_29877_beside_another_arthroscopy_of_the_same_knee_is_noted_in_price_and_batch(
    pricer: Pricer,
) -> None:
    claims = [(codes, [said is not None for said in beside]) for codes, beside in CLAIMS]
    named = iter(said for _, beside in CLAIMS for said in beside)
    checked = 0
    for codes, code, line, row, _ in encounters_both_ways(pricer, claims, ZIP, DATE, setting="24"):
        beside = next(named)
        notes = (row["note"] or "").split("; ")
        if beside is None:
            assert not any("Transmittal A-02-129" in note for note in line.notes), (codes, code, line.notes)
            assert not any("Transmittal A-02-129" in note for note in notes), (codes, code, row["note"])
        else:
            note = same_knee_note(code.split("-")[0], beside)
            assert note in line.notes, (codes, code, line.notes)
            assert notes.count(note) == 1, (codes, code, row["note"])
            checked += 1
        assert _money(row["pfs_facility_amount"]) == line.pfs.facility.amount  # the same money
        assert _money(row["asc_rate"]) == line.asc.rate
    assert checked == 6


def test_the_asc_own_claim_line_is_noted(pricer: Pricer) -> None:
    """The ASC's own claim of the pair (provider: its business name at POS 24) reads the same note."""
    rows = [
        {"claim": claim, "code": code, "zip": ZIP, "date": DATE, "setting": "24", "provider": provider}
        for claim, provider in (("S1", "Carter, James MD"), ("S1A", "SUMMIT ORTHOPEDIC ASC LLC"))
        for code in ("29881-RT", "29877-59-RT")
    ]
    out = _batch(pricer, rows)
    assert [same_knee_note("29877", ["29881"]) in (row["note"] or "") for row in out] == [False, True, False, True]


def test_the_amounts_stay_cms_fee_schedule_amounts(pricer: Pricer) -> None:
    """The note changes no amount: the trial's pair is priced as billed, 29877 (the higher-valued) in full and 29881
    less the base endoscopy 29870's amount (CMS's endoscopy rule, multiple procedure indicator 3)."""
    encounter = pricer.price_encounter(["29881-RT", "29877-RT"], zip_code=ZIP, date_of_service=DATE, setting="24")
    meniscectomy, chondroplasty = (line.pfs.facility.amount for line in encounter.lines)
    assert chondroplasty == fee_2026("29877", LOCALITY, facility=True)
    base = fee_2026("29870", LOCALITY, facility=True)
    assert meniscectomy == fee_2026("29881", LOCALITY, facility=True) - base
    assert meniscectomy > Decimal(0)


def test_the_note_names_the_rule_and_g0289() -> None:
    note = same_knee_note("29877", ["29881"])
    assert "Transmittal A-02-129" in note and "G0289" in note and "29881 includes chondroplasty" in note
    assert "includes chondroplasty" not in same_knee_note("29874", ["29888"])
    assert "; " not in note


def test_chondroplasty_beside_a_meniscectomy_is_not_sent_to_g0289(pricer: Pricer) -> None:
    """29880 and 29881 include chondroplasty "same or separate compartment(s)" (CPT 2012), so the note on 29877 (or
    29874) beside one names G0289 for another compartment's loose or foreign body only; beside another arthroscopy
    (29888) a chondroplasty of another compartment is still G0289. The note was telling users to bill G0289 for a
    chondroplasty 29881 already includes."""
    encounter = pricer.price_encounter(["29881-RT", "29877-RT"], zip_code=ZIP, date_of_service=DATE, setting="24")
    (note,) = (note for note in encounter.lines[1].notes if "Transmittal A-02-129" in note)
    for said in (note, same_knee_note("29874", ["29880"])):
        assert "chondroplasty in a different compartment of that knee is G0289" not in said
        assert "loose or foreign body removal in a different compartment of that knee is G0289" in said
        assert "no G0289 for it" in said
    assert "chondroplasty in a different compartment of that knee is G0289" in same_knee_note("29877", ["29888"])
