"""The first cast, splint or strapping beside its fracture or dislocation treatment (``engine.fracture_cast``): the
fracture care code includes it (CPT's Application of Casts and Strapping guidelines) and Medicare's NCCI edits deny
the cast code (29000-29590) with it. A hand surgery group's trial: `rvucalc price 25605-RT 29075-RT --setting 11 --zip
63110` priced the short arm cast beside the closed treatment of the distal radius at the second procedure's 50% with
no word. Now the cast line is noted, in price and in a batch claim alike, unless LT/RT or the digits (F-modifiers) put
the pair on different sites or 59/XS says the cast is for another injury; a replacement cast on a later date is not
noted. The amounts stay CMS's, recomputed here from CMS's own rows (RVU26C and the 2026 GPCIs, METROPOLITAN ST. LOUIS
0530201)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from cms_fees import fee_2026, rvu_2026_row
from rvucalc.engine.fracture_cast import cast_note
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _batch, _money, encounters_both_ways

ZIP, DATE, LOCALITY = "63110", "2026-08-07", "0530201"  # St. Louis: RVU26C in force

# (codes, the fracture care codes each line's note names as billed beside it, or None)
CLAIMS: list[tuple[list[str], list[list[str] | None]]] = [
    (["25605-RT", "29075-RT"], [None, ["25605"]]),  # the trial's claim
    (["25600", "29125"], [None, ["25600"]]),  # no side named: it may be the fracture's
    (["26720-F7", "29130-F7"], [None, ["26720"]]),  # the right middle finger's fracture and its splint
    (["26600-RT", "26720-F8", "29085-RT"], [None, None, ["26600", "26720"]]),
    # another site, another injury, or no fracture care: no note
    (["25605-RT", "29075-LT"], [None, None]),
    (["26720-F7", "29130-F8"], [None, None]),  # the splint is on another finger
    (["26720-F7", "29130-FA"], [None, None]),  # ... on the other hand
    (["25605", "29075-59"], [None, None]),
    (["25605-XS", "29075"], [None, None]),
    (["20526", "29125"], [None, None]),  # a carpal tunnel injection is no fracture care
    (["29075"], [None]),
]


def test_the_codes_are_cms_fracture_care_and_casts() -> None:
    """The RVU file's rows: the fracture care codes are 90-day global procedures, the casts 0-day ones; all are paid
    by the standard multiple procedure rule (indicator 2)."""
    for code in ("25600", "25605", "26600", "26720"):
        assert (rvu_2026_row(code)[3], rvu_2026_row(code)[14], rvu_2026_row(code)[18]) == ("A", "090", "2"), code
    for code in ("29075", "29085", "29125", "29130"):
        assert (rvu_2026_row(code)[3], rvu_2026_row(code)[14], rvu_2026_row(code)[18]) == ("A", "000", "2"), code


def test_a_first_cast_beside_its_fracture_care_is_noted_in_price_and_batch(pricer: Pricer) -> None:
    claims = [(codes, [said is not None for said in beside]) for codes, beside in CLAIMS]
    named = iter(said for _, beside in CLAIMS for said in beside)
    checked = 0
    for codes, code, line, row, _ in encounters_both_ways(pricer, claims, ZIP, DATE, setting="11"):
        beside = next(named)
        notes = (row["note"] or "").split("; ")
        if beside is None:
            assert not any("cast, splint or strapping" in note for note in line.notes), (codes, code, line.notes)
            assert not any("cast, splint or strapping" in note for note in notes), (codes, code, row["note"])
        else:
            note = cast_note(code.split("-")[0], beside)
            assert note in line.notes, (codes, code, line.notes)
            assert notes.count(note) == 1, (codes, code, row["note"])
            checked += 1
        assert _money(row["pfs_non_facility_amount"]) == line.pfs.non_facility.amount  # the same money
    assert checked == 4


def test_the_amounts_stay_cms_fee_schedule_amounts(pricer: Pricer) -> None:
    """The note changes no amount: the trial's pair is priced as billed, the fracture care in full and the cast, the
    lower-valued procedure, at 50% of its fee schedule amount (multiple procedure indicator 2)."""
    encounter = pricer.price_encounter(["25605-RT", "29075-RT"], zip_code=ZIP, date_of_service=DATE, setting="11")
    care, cast = (line.pfs.non_facility.amount for line in encounter.lines)
    assert care == fee_2026("25605", LOCALITY)
    assert cast == (fee_2026("29075", LOCALITY) / 2).quantize(Decimal("0.01"), ROUND_HALF_UP)


def test_a_replacement_cast_on_a_later_date_is_not_noted(pricer: Pricer) -> None:
    """The cast change two weeks later, on its own claim and date, is paid in full: CPT's cast codes are for a
    replacement during the follow-up care."""
    rows = [
        {"claim": "E1", "code": "25605-RT", "zip": ZIP, "date": DATE, "setting": "11"},
        {"claim": "E1", "code": "29075-RT", "zip": ZIP, "date": DATE, "setting": "11"},
        {"claim": "E2", "code": "29075-RT", "zip": ZIP, "date": "2026-08-21", "setting": "11"},
    ]
    first, later = _batch(pricer, rows)[1:]
    assert "cast, splint or strapping" in first["note"]
    assert "cast, splint or strapping" not in (later["note"] or "")
    assert _money(later["pfs_non_facility_amount"]) == fee_2026("29075", LOCALITY)


def test_the_note_names_the_rule_and_the_way_out() -> None:
    note = cast_note("29075", ["25605"])
    assert "25605" in note and "NCCI" in note and "59/XS" in note and "Q4001-Q4051" in note
    assert "; " not in note
