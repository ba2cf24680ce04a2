"""An oncology practice's trial: 99211 billed beside a drug administration service (`price 99211 96372 J1442`, a batch
claim of 99211 + 96413) was paid its full fee, though CMS's CR 3631 "instructed carriers not to allow payment for CPT
code 99211 with or without modifier -25 if it is billed with a nonchemotherapy or chemotherapy drug infusion code or
with diagnostic or therapeutic injection codes" (Claims Processing Manual ch. 12 §30.6.7, as CMS's transmittal of
2005-10-28 updated it). The visit is $0.00 with the rule (engine.visits.nurse_visit_rules), and G2211 whose only visit
it is; the drug administration and any other visit keep CMS's own fee. Price and batch agree."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

from rvucalc.engine import visits
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import encounters_both_ways

ZIP, DATE = "43214", "2026-08-10"  # the trial's: Columbus, OH (locality 1520200)
NURSE, G2211_RULE = visits.NURSE_VISIT_DRUG_ADMINISTRATION_RULE, visits.G2211_NURSE_VISIT_RULE

# Per claim: its codes, and per line the rule expected (None: paid CMS's fee, no rule of this kind).
CLAIMS: list[tuple[list[str], list[str | None]]] = [
    (["99211", "96372"], [NURSE, None]),
    (["99211", "G2211", "96413", "96415"], [NURSE, G2211_RULE, None, None]),
    # 99211-25 beside a vaccine administration: the G2211-with-25 rule is silent, G2211 was paid $16.88 (a review)
    (["99211-25", "G2211", "96372", "90471"], [NURSE, G2211_RULE, None, None]),
    (["99211-25", "96365"], [NURSE, None]),  # with or without 25
    (["99211", "99214-25", "96409"], [NURSE, None, None]),
    (["99211", "96360"], [NURSE, None]),
    (["99211", "96523"], [None, None]),  # port irrigation gives no drug (and is status T, unpaid beside 99211)
    (["99211", "G2211"], [None, None]),
    (["99214-25", "96413"], [None, None]),
    # G0498, chemotherapy infusion started in the office with a portable pump (status C: the MAC prices it): a review
    # found 99211 paid $22.82 beside it
    (["99211", "G0498"], [NURSE, None]),
    (["99211", "96381"], [None, None]),  # RSV monoclonal antibody administration: not shown to be one (engine.visits)
]


def _cms_office_fee(pricer: Pricer, code: str) -> Decimal:
    """CMS's non-facility fee schedule amount from the RVU file row and the ZIP's locality GPCIs, rounded once."""
    pfs = pricer.price(code, zip_code=ZIP, date_of_service=DATE).pfs
    assert pfs is not None
    row, gpci = pfs.rvu, pfs.gpci
    exact = (Fraction(row.work) * Fraction(gpci.work) + Fraction(row.pe_non_facility) * Fraction(gpci.pe)
             + Fraction(row.mp) * Fraction(gpci.mp)) * Fraction(pfs.conversion_factor)  # fmt: skip
    return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def test_99211_beside_a_drug_administration_is_not_paid_in_price_and_batch(pricer: Pricer) -> None:
    flagged = [(codes, [rule is not None for rule in rules]) for codes, rules in CLAIMS]
    for codes, code, line, row, _ in encounters_both_ways(pricer, flagged, ZIP, DATE, "11"):
        rule = dict(zip(codes, next(r for c, r in CLAIMS if c == codes), strict=True))[code]
        notes = row["note"].split("; ")
        bare = code.split("-")[0]
        office = line.pfs.non_facility
        assert office is not None
        if rule is not None:
            assert "; " not in rule and line.notes.count(rule) == 1 and notes.count(rule) == 1, (codes, code)
            assert office.amount == 0 == Decimal(str(row["pfs_non_facility_amount"])), (codes, code)
            assert Decimal(str(row["allowed"])) == 0
        else:
            assert NURSE not in line.notes + notes and G2211_RULE not in line.notes + notes, (codes, code)
            if bare != "G2211" and office.amount:  # G2211 beside 99211 alone is paid; 96523 beside 99211 is not (T)
                assert office.amount == _cms_office_fee(pricer, bare) == Decimal(str(row["pfs_non_facility_amount"]))


def test_nurse_visit_rules() -> None:
    rules = visits.same_day_hospital_rules
    assert rules(["99211", "96372"]) == [NURSE, None]
    assert rules(["99211", "G2211", "96401"]) == [NURSE, G2211_RULE, None]
    # G2211 with 99211-25: the G2211-with-25 rule says it (engine.visits.g2211_outcomes), not this one
    assert rules(["99211", "G2211", "96401"], [["25"], [], []]) == [NURSE, None, None]
    assert rules(["99211", "G2211", "99213", "96372"]) == [NURSE, None, None, None]  # 99213 is G2211's paid visit
    # beside a vaccine administration the G2211-with-25 rule is silent from 2025: this rule takes G2211 (a review
    # found it paid beside its $0.00 99211-25); in 2024 the with-25 rule took it whatever the other service
    beside_vaccine = (["99211", "G2211", "96372", "90471"], [["25"], [], [], []])
    assert rules(*beside_vaccine) == [NURSE, G2211_RULE, None, None]
    assert rules(*beside_vaccine, year=2025) == [NURSE, G2211_RULE, None, None]
    assert rules(*beside_vaccine, year=2024) == [NURSE, None, None, None]
    assert rules(["99213", "96372"]) == [None, None]
    assert rules(["99211", "90471"]) == [None, None]  # vaccine administration is no drug administration service
    assert {"96360", "96372", "96379", "96401", "96413", "96549"} <= visits.DRUG_ADMINISTRATION_SERVICES
    assert not {"96359", "96380", "96400", "96521", "96522", "96523", "96550"} & visits.DRUG_ADMINISTRATION_SERVICES
    assert rules(["99211", "G0498"]) == [NURSE, None]


ADDENDUM_B = Path(__file__).resolve().parents[1] / "data" / "opps" / "2025" / (
    "508 version of October 2025 Web Addendum B.10.31.25.csv")  # fmt: skip
PPRRVU = Path(__file__).resolve().parents[1] / "data" / "rvu" / "2026" / "PPRRVU2026_Jul_nonQPP.csv"


def _cms_rows(path: Path) -> dict[str, list[str]]:
    with path.open(encoding="latin-1", newline="") as handle:
        return {row[0]: row for row in csv.reader(handle) if row and row[0]}


def test_the_drug_administration_services_are_cms_s_drug_administration_apcs() -> None:
    """CMS's OPPS Addendum B pays each drug administration service 96360-96379 it pays in a Drug Administration APC
    (5691-5694), and G0498 in APC 5694 beside 96413 and 96416; 96380 and 96381 (RSV monoclonal antibody
    administration) are SI M, in no such APC: the rule's list (engine.visits) is G0498 with the CPT ranges."""
    opps = _cms_rows(ADDENDUM_B)
    apc = {code: row[3] for code, row in opps.items() if len(row) > 3}
    assert apc["G0498"] == apc["96413"] == apc["96416"] == "5694"
    paid = [code for code in visits.DRUG_ADMINISTRATION_SERVICES if apc.get(code)]
    assert "G0498" in paid and {apc[code] for code in paid} <= {"5691", "5692", "5693", "5694"}, paid
    for code in ("96380", "96381"):
        assert opps[code][2] == "M" and not apc[code] and code not in visits.DRUG_ADMINISTRATION_SERVICES
    # the RVU file: G0498 is status C (the MAC prices it); 96380 and 96381 are status A
    rvu = _cms_rows(PPRRVU)
    assert rvu["G0498"][2:4] == ["Chemo extend iv infus w/pump", "C"] and rvu["96381"][3] == "A"
