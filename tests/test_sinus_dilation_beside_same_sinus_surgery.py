"""A sinus ostium dilation beside the endoscopic surgery of the same sinus (``engine.sinus_dilation``): CPT's
parentheticals (as the AAO-HNS's "CPT for ENT: Balloon Sinus Dilation" prints them) say "Do not report 31295 in
conjunction with 31233, 31256, 31267 when performed on the same sinus", 31296 with 31276, 31297 with 31235, 31287,
31288. An ENT trial: `rvucalc price 31295 31256 --setting 24 --zip 37203` priced the maxillary dilation beside the
antrostomy of the same sinus with no word. Now the dilation line is noted, in price and in a batch claim alike, unless
LT and RT put the pair on different sides or 59/XS says the sites differ; the amounts stay CMS's, recomputed here from
CMS's own rows (RVU26C and the 2026 GPCIs, TENNESSEE 1031235)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cms_fees import fee_2026, rvu_2026_row
from rvucalc.engine.sinus_dilation import dilation_note
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _money, encounters_both_ways

ZIP, DATE, LOCALITY = "37203", "2026-09-15", "1031235"  # Nashville: TENNESSEE; RVU26C in force

# (codes, the codes each line's note names as billed beside it, or None)
CLAIMS: list[tuple[list[str], list[list[str] | None]]] = [
    (["31295"], [None]),
    (["31256", "31267"], [None, None]),
    # the trial's claim: the maxillary dilation beside the antrostomy of the same (unnamed) side
    (["31295", "31256"], [["31256"], None]),
    (["31295-50", "31267-RT"], [["31267"], None]),  # the right maxillary sinus has both
    (["31296-50", "31276-50"], [["31276"], None]),
    (["31297-LT", "31287-LT", "31288-LT"], [["31287", "31288"], None, None]),
    # different sides, a separate site, or another sinus: no note
    (["31295-RT", "31256-LT"], [None, None]),
    (["31297", "31288-59"], [None, None]),
    (["31295-XS", "31267"], [None, None]),
    (["31295", "31276"], [None, None]),
]


def test_the_codes_are_cms_sinus_endoscopies() -> None:
    """The RVU file's rows: the dilation codes and the codes beside them are sinus endoscopies of the 31231 family."""
    for code in ("31295", "31296", "31297", "31233", "31235", "31256", "31267", "31276", "31287", "31288"):
        row = rvu_2026_row(code)
        assert (row[3], row[18], row[24]) == ("A", "3", "31231"), (code, row[3], row[18], row[24])


def _lines(pricer: Pricer) -> Iterator[tuple[list[str], str, Any, dict[str, Any], list[str] | None]]:
    claims = [(codes, [said is not None for said in beside]) for codes, beside in CLAIMS]
    named = iter(said for _, beside in CLAIMS for said in beside)
    for codes, code, line, row, _ in encounters_both_ways(pricer, claims, ZIP, DATE, setting="24"):
        yield codes, code, line, row, next(named)


def test_a_dilation_beside_its_sinus_s_surgery_is_noted_in_price_and_batch(pricer: Pricer) -> None:
    checked = 0
    for codes, code, line, row, beside in _lines(pricer):
        notes = (row["note"] or "").split("; ")
        if beside is None:
            assert not any("sinus ostium" in note for note in line.notes), (codes, code)
            assert not any("sinus ostium" in note for note in notes), (codes, code)
        else:
            note = dilation_note(code.split("-")[0], beside)
            assert note in line.notes, (codes, code, line.notes)
            assert note in notes, (codes, code, row["note"])
            checked += 1
        assert _money(row["pfs_facility_amount"]) == line.pfs.facility.amount  # price and batch: the same money
        assert _money(row["asc_rate"]) == line.asc.rate
    assert checked == 4


def test_the_amounts_stay_cms_fee_schedule_amounts(pricer: Pricer) -> None:
    """The note changes no amount: the trial's pair is priced as billed, by the endoscopy family rule (the RVU file's
    multiple procedure indicator 3, base 31231): the higher-valued 31256 in full, 31295 less the base's value."""
    encounter = pricer.price_encounter(["31295", "31256"], zip_code=ZIP, date_of_service=DATE, setting="24")
    dilation, antrostomy = (line.pfs.facility.amount for line in encounter.lines)
    fee = {code: fee_2026(code, LOCALITY, facility=True) for code in ("31295", "31256", "31231")}
    assert fee["31256"] > fee["31295"]
    assert (antrostomy, dilation) == (fee["31256"], fee["31295"] - fee["31231"])


def test_the_note_names_the_parenthetical_and_the_sides() -> None:
    note = dilation_note("31295", ["31256"])
    assert "31233, 31256, 31267 when performed on the same sinus" in note and "LT" in note and "RT" in note
    assert "; " not in note and "maxillary" in note
