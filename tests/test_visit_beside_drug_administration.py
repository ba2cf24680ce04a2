"""An oncology practice's trial: 99214 billed beside 96413 on one claim and date without modifier 25 (an OncoEMR charge
export's chemotherapy day, ZIP 30309, 2026-02-10) was priced $137.81 with no word, though CMS's transmittal of
2005-10-28 updating Claims Processing Manual ch. 12 §30.6.7 pays "a medically necessary office/outpatient visit (when
it meets a higher complexity level than CPT code 99211) billed on the same day as a drug administration service" only
so: "Modifier -25 must be appended to the E/M service". The visit says so (engine.visits.visit_without_25_note), its
amount CMS's own fee, unchanged; with 25, or beside the port flush 96523 (no drug given) or another practitioner's
injection, nothing is said. Price and batch agree."""

from __future__ import annotations

from decimal import Decimal

from cms_fees import fee_2026
from rvucalc.engine import visits
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import encounters_both_ways

ZIP, DATE = "30309", "2026-02-10"  # the trial's: Atlanta, GA (locality 1021201)
ATLANTA = "1021201"

# Per claim: its codes, and per line the drug administration code its note names (None: no note).
CLAIMS: list[tuple[list[str], list[str | None]]] = [
    (["99214", "96413", "96415"], ["96413", None, None]),  # the trial's chemotherapy day
    (["99214-25", "96413"], [None, None]),
    (["99213", "96372"], ["96372", None]),  # an injection is a drug administration service too
    (["99205", "96365", "96375"], ["96365", None, None]),
    (["99214-59", "96409"], ["96409", None]),  # 59 is not 25
    (["99214", "96523"], [None, None]),  # the port flush gives no drug (engine.visits.DRUG_ADMINISTRATION_SERVICES)
    (["99211", "96372"], [None, None]),  # 99211 is not paid there: its own rule (NURSE_VISIT_DRUG_ADMINISTRATION_RULE)
    (["99214", "85025"], [None, None]),
]


def test_office_visit_without_25_beside_a_drug_administration_says_so_in_price_and_batch(pricer: Pricer) -> None:
    flagged = [(codes, [given is not None for given in named]) for codes, named in CLAIMS]
    for codes, code, line, row, _ in encounters_both_ways(pricer, flagged, ZIP, DATE, "11"):
        given = dict(zip(codes, next(n for c, n in CLAIMS if c == codes), strict=True))[code]
        notes = row["note"].split("; ")
        bare = code.split("-")[0]
        said = [n for n in line.notes + notes if "without modifier 25: Medicare pays an office/outpatient visit" in n]
        if given is not None:
            note = visits.visit_without_25_note(bare, given)
            assert "; " not in note and line.notes.count(note) == 1 and notes.count(note) == 1, (codes, code)
        else:
            assert not said, (codes, code)
        office = line.pfs.non_facility
        if office is not None and office.amount and bare != "99211":  # the amounts stay CMS's fee
            assert office.amount == fee_2026(bare, ATLANTA) == Decimal(str(row["pfs_non_facility_amount"]))
    # the trial's figure: 99214 at Atlanta, RVU26C (1.92 x 1.003 + 2.00 x 1.016 + 0.14 x 1.201) x 33.4009
    assert fee_2026("99214", ATLANTA) == Decimal("137.81")


def test_visit_beside_drug_administration_notes() -> None:
    notes = visits.visit_beside_drug_administration_notes
    assert notes([("99214", ()), ("96413", ())]) == [visits.visit_without_25_note("99214", "96413"), None]
    assert notes([("99214", ("25",)), ("96413", ())]) == [None, None]
    assert notes([("99214", ("GC", "25")), ("J9271", ("JZ",)), ("96417", ())]) == [None, None, None]
    assert notes([("99214", ()), ("96523", ())]) == [None, None]
    assert notes([("99211", ()), ("96372", ())]) == [None, None]
    assert notes([("99214", ())]) == [None]


def test_a_hospital_s_own_bill_is_not_told_the_practitioner_s_rule(pricer: Pricer) -> None:
    """On a hospital's own bill (type of bill 131, the Cerner or Epic HB export's) the visit and the infusion are the
    hospital's OPPS lines, not a practitioner's claim: ch. 12 §30.6.7 is the physician's rule, so no note (as the global
    surgery visit rule leaves such lines out)."""
    claims = [(["99214", "96413"], [False, False])]
    for codes, code, line, row, _ in encounters_both_ways(pricer, claims, "77030", "2025-11-04", "131"):
        said = "without modifier 25: Medicare pays an office/outpatient visit"
        assert not any(said in n for n in line.notes + row["note"].split("; ")), (codes, code)
