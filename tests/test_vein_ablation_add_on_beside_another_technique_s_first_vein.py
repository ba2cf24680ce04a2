"""Each endovenous ablation's subsequent-vein add-on is its own technique's: 36476 (radiofrequency) with 36475, 36479
(laser) with 36478, 36483 (chemical adhesive) with 36482 (CPT's descriptors; CMS's RVU file: "Endovenous rf 1st vein"
/ "Endovenous rf vein add-on", "Endovenous laser 1st vein" / "Endovenous laser vein addon", "Endoven ther chem adhes
1st" / "Endoven ther chem adhes sbsq"). A vascular group's trial priced 36476-RT beside 36478-RT (a laser ablation's
first vein) with no word; now the add-on beside another technique's first vein is noted naming its own, in price and
batch alike (``engine.add_ons.SAME_DATE_PRIMARIES``). The amounts stay CMS's (RVU26C and the 2026 GPCIs, ATLANTA
1021201): an add-on takes no multiple procedure reduction."""

from __future__ import annotations

from cms_fees import fee_2026, rvu_2026_row
from rvucalc.engine.add_ons import without_primary_note
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _money, encounters_both_ways

ZIP, DATE, LOCALITY = "30309", "2026-02-10", "1021201"

CLAIMS = [
    (["36478-RT", "36476-RT"], [False, True]),  # the trial's claim: a laser first vein, a radiofrequency add-on
    (["36475-RT", "36476-RT"], [False, False]),
    (["36475-LT", "36479-LT"], [False, True]),
    (["36478-LT", "36479-LT"], [False, False]),
    (["36475-RT", "36483-RT"], [False, True]),
    (["36482-RT", "36483-RT"], [False, False]),
    # the mechanochemical add-on (36474) beside a radiofrequency or laser first vein, and beside its own (36473)
    (["36475-RT", "36474-RT"], [False, True]),
    (["36474-LT", "36478-LT"], [True, False]),
    (["36473-RT", "36474-RT"], [False, False]),
    (["36473-RT", "36476-RT"], [False, True]),
]


def test_the_subsequent_veins_are_add_ons_and_the_first_veins_are_not() -> None:
    for add_on, first in (("36474", "36473"), ("36476", "36475"), ("36479", "36478"), ("36483", "36482")):
        assert (rvu_2026_row(add_on)[3], rvu_2026_row(add_on)[14]) == ("A", "ZZZ"), add_on
        assert rvu_2026_row(first)[14] == "000", first


def test_a_subsequent_vein_beside_another_technique_s_first_vein_is_noted_in_price_and_batch(pricer: Pricer) -> None:
    for codes, code, line, row, expected in encounters_both_ways(pricer, CLAIMS, ZIP, DATE, setting="11"):
        base = code.split("-")[0]
        if base in ("36474", "36476", "36479", "36483"):
            note = without_primary_note(base, alone=False)
            assert "; " not in note
            assert (note in line.notes) is expected, (codes, line.notes)
            assert (note in row["note"].split("; ")) is expected, (codes, row["note"])
            assert line.pfs.non_facility.amount == fee_2026(base, LOCALITY), (codes, line.pfs.non_facility.amount)
        assert _money(row["pfs_non_facility_amount"]) == line.pfs.non_facility.amount, (codes, row)


def test_the_note_names_the_technique_s_own_first_vein() -> None:
    radiofrequency = "36475 (endovenous radiofrequency ablation, first vein treated)"
    assert radiofrequency in without_primary_note("36476", alone=False)
    assert "36478 (endovenous laser ablation" in without_primary_note("36479", alone=False)
    assert "36482 (endovenous chemical adhesive ablation" in without_primary_note("36483", alone=False)
    assert "36473 (endovenous mechanochemical ablation" in without_primary_note("36474", alone=False)
