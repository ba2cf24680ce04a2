"""Ventilator management (94002-94004) beside an E/M visit of the same practitioner on the claim and date
(``engine.visits.ventilator_with_visit_note``): CPT's "Do not report 94002-94004 in conjunction with E/M services
99202-99499". A pulmonology trial's claim C1013 (94003 and 99232 at POS 21, Boston, 2026-05-05, one physician) read
nothing, where 94002 beside 99291 was noted. Now the ventilator line says so, in price and in a batch claim alike;
beside critical care the critical care note stays; another practitioner's visit is no reason; the amounts stay CMS's
fee schedule amounts, recomputed here from CMS's own rows (RVU26C and the 2026 GPCIs, METROPOLITAN BOSTON 1421201)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from cms_fees import fee_2026
from rvucalc.engine.visits import CRITICAL_CARE_BUNDLED_NOTE, ventilator_with_visit_note
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _batch, _money

ZIP, DATE, LOCALITY = "02115", "2026-08-05", "1421201"  # METROPOLITAN BOSTON; RVU26C in force
DATA = Path(__file__).resolve().parents[1] / "data"
PART = "Ventilator management beside an E/M visit"


def _cms_facility(code: str) -> Decimal:
    """The code's facility amount at METROPOLITAN BOSTON from CMS's own rows: (work x GPCI + facility PE x GPCI + MP x
    GPCI) x CF, rounded once half-up."""
    return fee_2026(code, LOCALITY, facility=True)


CLAIMS: list[tuple[list[str], list[str | None]]] = [
    (["94003", "99232"], [ventilator_with_visit_note(["99232"]), None]),
    (["99223", "94002", "99306"], [None, ventilator_with_visit_note(["99223", "99306"]), None]),
    (["94004", "99310"], [ventilator_with_visit_note(["99310"]), None]),
    (["94002", "99291", "99223-25"], [CRITICAL_CARE_BUNDLED_NOTE, None, None]),
    (["94003"], [None]),
    (["94003", "94660"], [None, None]),
]


def test_ventilator_management_beside_a_visit_is_noted_in_price_and_batch(pricer: Pricer) -> None:
    rows = [{"claim": f"V{n}", "code": code, "zip": ZIP, "date": DATE, "setting": "21"}
            for n, (codes, _) in enumerate(CLAIMS) for code in codes]  # fmt: skip
    out = iter(_batch(pricer, rows))
    for codes, said in CLAIMS:
        encounter = pricer.price_encounter(codes, zip_code=ZIP, date_of_service=DATE, setting="21")
        for code, line, expected in zip(codes, encounter.lines, said, strict=True):
            row = next(out)
            notes = (row["note"] or "").split("; ")
            if expected is None:
                assert not any(PART in n for n in [*line.notes, *notes]), (codes, code, line.notes, row["note"])
            else:
                assert expected in line.notes, (codes, code, line.notes)
                assert expected in notes, (codes, code, row["note"])
            assert _money(row["pfs_facility_amount"]) == line.pfs.facility.amount


def test_another_practitioners_visit_is_no_reason(pricer: Pricer) -> None:
    """Batch groups a claim's lines by practitioner (the provider column): an NP's 99232 beside the physician's
    94003 is another practitioner's visit."""
    rows = [
        {"claim": "P1", "code": "94003", "zip": ZIP, "date": DATE, "setting": "21", "provider": "MD"},
        {"claim": "P1", "code": "99232", "zip": ZIP, "date": DATE, "setting": "21", "provider": "NP"},
    ]
    ventilator, _ = _batch(pricer, rows)
    assert PART not in (ventilator["note"] or ""), ventilator["note"]


def test_the_trial_amounts_are_cms_own(pricer: Pricer) -> None:
    """94003 $62.37 and 99232 $74.80 at METROPOLITAN BOSTON (RVU26C): (1.37 x 1.041 + 0.28 x 1.194 + 0.12 x 0.890) x
    33.4009 and (1.59 x 1.041 + 0.40 x 1.194 + 0.12 x 0.890) x 33.4009, unchanged by the note."""
    assert _cms_facility("94003") == Decimal("62.37") and _cms_facility("99232") == Decimal("74.80")
    rows = [
        {"claim": "T1", "code": code, "zip": ZIP, "date": "2026-05-05", "setting": "21"} for code in ("94003", "99232")
    ]
    ventilator, visit = _batch(pricer, rows)
    assert ventilator["note"].split("; ").count(ventilator_with_visit_note(["99232"])) == 1, ventilator["note"]
    assert (_money(ventilator["allowed"]), _money(visit["allowed"])) == (Decimal("62.37"), Decimal("74.80"))
