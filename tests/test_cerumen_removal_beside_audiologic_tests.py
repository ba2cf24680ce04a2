"""Impacted cerumen removal 69210 beside an audiologic function test of one practitioner (``engine.cerumen``):
Medicare's NCCI edits deny 69210 beside 92550, 92570 and 92552-92596 (not 92560, 92590-92595), modifier indicator 0;
that day's code is G0268 (the AAO-HNS's "NCCI Edits for CPT Codes 69210, 92550 and 92570"). An ENT trial: `rvucalc
price 69210 92557 --zip 37203` priced 69210 in full beside the audiometry with no word. Now 69210 is noted, in price
and in a batch claim alike; an audiologist's own 69210 keeps its own note alone, and another practitioner's test on
the claim (the audiologist's, under their own number) is no edit of the physician's; the amounts stay CMS's,
recomputed here from CMS's own rows (RVU26C and the 2026 GPCIs, TENNESSEE 1031235)."""

from __future__ import annotations

import csv
from pathlib import Path

from typer.testing import CliRunner

from cms_fees import fee_2026, rvu_2026_row
from rvucalc.cli import app
from rvucalc.engine.cerumen import AUDIOLOGIC_TESTS, cerumen_note
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _money, encounters_both_ways

ZIP, DATE, LOCALITY = "37203", "2026-09-15", "1031235"  # Nashville: TENNESSEE; RVU26C in force

# (codes, the tests 69210's note names, or None, per line)
CLAIMS: list[tuple[list[str], list[list[str] | None]]] = [
    (["69210"], [None]),
    (["69210", "92557"], [["92557"], None]),  # the trial's claim
    (["92567", "69210", "92557"], [None, ["92557", "92567"], None]),
    (["69210-50", "92550"], [["92550"], None]),
    (["69210", "92570"], [["92570"], None]),
    # no audiologic function test the edits name, or G0268 (the day's code): no note
    (["69210", "99213-25"], [None, None]),
    (["69210", "92511"], [None, None]),  # nasopharyngoscopy: no audiologic function test
    (["G0268", "92557"], [None, None]),
]


def test_the_codes_are_cms_own() -> None:
    """The RVU file's rows: 69210 and G0268 are the cerumen removals, the tests are paid PFS services."""
    assert "cerumen" in rvu_2026_row("69210")[2].lower() or "ear wax" in rvu_2026_row("69210")[2].lower()
    assert "wax md" in rvu_2026_row("G0268")[2].lower()
    assert {"92550", "92552", "92557", "92567", "92570", "92596"} <= AUDIOLOGIC_TESTS
    assert not {"92560", "92590", "92595", "92597"} & AUDIOLOGIC_TESTS
    for code in ("69210", "G0268", "92550", "92557", "92567", "92570"):
        assert rvu_2026_row(code)[3] == "A", code


def test_69210_beside_an_audiologic_test_is_noted_in_price_and_batch(pricer: Pricer) -> None:
    claims = [(codes, [said is not None for said in named]) for codes, named in CLAIMS]
    named = iter(said for _, tests in CLAIMS for said in tests)
    checked = 0
    for codes, code, line, row, _ in encounters_both_ways(pricer, claims, ZIP, DATE, setting="11"):
        tests = next(named)
        notes = (row["note"] or "").split("; ")
        if tests is None:
            assert not any("NCCI edits deny 69210" in note for note in [*line.notes, *notes]), (codes, code)
        else:
            note = cerumen_note(tests)
            assert note in line.notes, (codes, code, line.notes)
            assert note in notes, (codes, code, row["note"])
            checked += 1
        assert _money(row["pfs_non_facility_amount"]) == line.pfs.non_facility.amount  # the same money
    assert checked == 4


def test_the_amounts_stay_cms_fee_schedule_amounts(pricer: Pricer) -> None:
    """The note changes no amount: 69210 and 92557 (multiple procedure indicator 0) are each CMS's office fee."""
    encounter = pricer.price_encounter(["69210", "92557"], zip_code=ZIP, date_of_service=DATE, setting="11")
    assert [line.pfs.non_facility.amount for line in encounter.lines] == [
        fee_2026("69210", LOCALITY),
        fee_2026("92557", LOCALITY),
    ]


def test_not_on_an_audiologist_s_69210_nor_beside_another_practitioner_s_test(tmp_path: Path) -> None:
    """The audiologist's 69210 beside their own 92557 has the audiologist's note alone (G0268 is not theirs either);
    the physician's 69210 beside the audiologist's 92557 on one claim is two providers', which NCCI's edits do not
    pair; the physician's own pair is noted."""
    source = tmp_path / "ent.csv"
    source.write_text(
        "Claim,DOS,CPT,POS,Zip,Cred\n"
        f"A1,09/15/2026,69210,11,{ZIP},AuD\nA1,09/15/2026,92557,11,{ZIP},AuD\n"
        f"B1,09/15/2026,69210,11,{ZIP},MD\nB1,09/15/2026,92557,11,{ZIP},AuD\n"
        f"C1,09/15/2026,69210,11,{ZIP},MD\nC1,09/15/2026,92557,11,{ZIP},MD\n"
    )
    out = tmp_path / "out.csv"
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(out.open()))
    said = [any("NCCI edits deny 69210" in part for part in row["note"].split("; ")) for row in rows]
    assert said == [False, False, False, False, True, False], [row["note"] for row in rows]
    assert "§80.3" in rows[0]["note"]  # the audiologist's own note
    for row in rows:
        assert _money(row["pfs_non_facility_amount"]) == fee_2026(row["CPT"], LOCALITY), row
