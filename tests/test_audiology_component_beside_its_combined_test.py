"""An audiologic or vestibular test beside the combined test that includes it, of one practitioner
(``engine.audiology_components``): CMS's NCCI edits pair 92557 with 92552, 92553, 92555, 92556, 92550 with 92567 and
92568, 92540 with 92541-92545 ... with modifier indicator 0 (the American Academy of Audiology's table of CMS's NCCI
edits for audiology procedures). An ENT and audiology trial: an audiologist's 92557 + 92553 and 92550 + 92567 on one
claim and date were priced in full with no word. Now the part is noted, in price and in a batch claim alike, 59 or
not, and not where another practitioner billed it; the amounts stay CMS's, recomputed here from CMS's own rows (RVU26C
and the 2026 GPCIs, TENNESSEE 1031235)."""

from __future__ import annotations

import csv
from pathlib import Path

from typer.testing import CliRunner

from cms_fees import fee_2026, rvu_2026_row
from rvucalc.cli import app
from rvucalc.engine.audiology_components import COMBINED, component_note
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _money, encounters_both_ways

ZIP, DATE, LOCALITY = "37203", "2026-08-12", "1031235"  # Nashville: TENNESSEE; RVU26C in force

# (codes, the combined tests each line's note names, or None)
CLAIMS: list[tuple[list[str], list[list[str] | None]]] = [
    (["92557", "92553"], [None, ["92557"]]),  # the trial's claims
    (["92550", "92567"], [None, ["92550"]]),
    (["92567-59", "92550"], [["92550"], None]),  # modifier indicator 0: 59 overrides nothing
    (["92552", "92553", "92557"], [["92553", "92557"], ["92557"], None]),
    (["92540", "92542"], [None, ["92540"]]),
    # no combined test beside its part: no note
    (["92557", "92567"], [None, None]),
    (["92550", "92557"], [None, None]),
    (["92541", "92542"], [None, None]),  # a pair that takes 59, left alone
    (["92553"], [None]),
]


def test_the_codes_are_cms_paid_audiology_tests() -> None:
    """The RVU file's rows: every code of the pairs is a paid PFS service (status A) in RVU26C."""
    for column1, (_, parts) in COMBINED.items():
        for code in (column1, *parts):
            assert rvu_2026_row(code)[3] == "A", code


def test_a_part_beside_its_combined_test_is_noted_in_price_and_batch(pricer: Pricer) -> None:
    claims = [(codes, [said is not None for said in named]) for codes, named in CLAIMS]
    named = iter(said for _, combined in CLAIMS for said in combined)
    checked = 0
    for codes, code, line, row, _ in encounters_both_ways(pricer, claims, ZIP, DATE, setting="11"):
        combined = next(named)
        notes = (row["note"] or "").split("; ")
        if combined is None:
            assert not any("NCCI edits do not pay" in note for note in [*line.notes, *notes]), (codes, code)
        else:
            note = component_note(code.split("-")[0], combined)
            assert note in line.notes, (codes, code, line.notes)
            assert note in notes, (codes, code, row["note"])
            checked += 1
        assert _money(row["pfs_non_facility_amount"]) == line.pfs.non_facility.amount  # the same money
    assert checked == 6


def test_the_amounts_stay_cms_fee_schedule_amounts(pricer: Pricer) -> None:
    """The note changes no amount: the audiology tests (multiple procedure indicator 0) are each CMS's office fee."""
    encounter = pricer.price_encounter(["92557", "92553"], zip_code=ZIP, date_of_service=DATE, setting="11")
    assert [line.pfs.non_facility.amount for line in encounter.lines] == [
        fee_2026("92557", LOCALITY),
        fee_2026("92553", LOCALITY),
    ]


def test_not_beside_another_practitioner_s_combined_test(tmp_path: Path) -> None:
    """NCCI's edits are one provider's: the physician's 92567 beside the audiologist's 92550 on one claim is not
    noted, the audiologist's own pair is."""
    source = tmp_path / "ent.csv"
    source.write_text(
        "Claim #,DOS,CPT,POS,Service Zip,Credentials\n"
        f"A1,08/12/2026,92550,11,{ZIP},AuD\nA1,08/12/2026,92567,11,{ZIP},MD\n"
        f"B1,08/12/2026,92550,11,{ZIP},AuD\nB1,08/12/2026,92567,11,{ZIP},AuD\n"
    )
    out = tmp_path / "out.csv"
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(out.open()))
    said = [component_note("92567", ["92550"]) in row["note"].split("; ") for row in rows]
    assert said == [False, False, False, True], [row["note"] for row in rows]
    for row in rows:
        assert _money(row["pfs_non_facility_amount"]) == fee_2026(row["CPT"], LOCALITY), row


# (codes, the code each noted line's note tells the biller to bill alone)
BILL_ALONE = [
    (["92517", "92519"], {"92519": "92519"}),  # 92519 is cervical and ocular: it includes 92517, not the reverse
    (["92517", "92518"], {"92518": "92519"}),  # the two VEMP tests are 92519
    (["92553", "92556"], {"92556": "92557"}),  # 92557 is "92553 and 92556 combined"
    (["92552", "92553", "92557"], {"92552": "92557", "92553": "92557"}),
    (["92550", "92567"], {"92567": "92550"}),  # a combined test and its part: the combined test, as before
]


def test_a_pair_whose_one_code_is_a_third_names_that_code(pricer: Pricer) -> None:
    """The mutually exclusive pairs (column 1 the lower valued code) are not a combined test and its part: the note
    names the code the tests are (CPT: 92519, 92557), never 92517 or 92553 as "the combined test", in price and batch
    alike. A review: `rvucalc price 92517 92519` read "bill the combined test alone", 92517 the one named."""
    claims = [(codes, [code in alone for code in codes]) for codes, alone in BILL_ALONE]
    wanted = iter(alone.get(code) for codes, alone in BILL_ALONE for code in codes)
    checked = 0
    for codes, code, line, row, _ in encounters_both_ways(pricer, claims, ZIP, DATE, setting="11"):
        target = next(wanted)
        said = [note for note in line.notes if "NCCI edits do not pay" in note]
        assert said == [note for note in (row["note"] or "").split("; ") if "NCCI edits do not pay" in note], code
        if target is None:
            assert not said, (codes, code)
            continue
        [note] = said
        assert f": bill {target} " in note and note.count(" alone.") == 1, (codes, code, note)
        checked += 1
    assert checked == 6
