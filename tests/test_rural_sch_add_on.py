"""A rural sole community hospital's 7.1% OPPS add-on (``--hospital rural-sch``; 42 CFR 419.43(g)), paid as CMS's
OPPS Pricer pays it (calculateWageAdjustedPaymentAndSchAdj: "H-SCH-PYMT ROUNDED = APC PAYMENT * 1.071", then
"(((H-SCH-PYMT * .60) * W-WINX) + (H-SCH-PYMT * .40)) * W-SRVC-UNITS * W-DISC-RATE" rounded once): the national
rate x 1.071 rounded to the cent, then wage-adjusted, discounted and times the units, in price and batch alike.

The expected amounts are worked here from CMS's files alone: the October 2025 Addendum B rows (Payment Rate,
Minimum Unadjusted Copayment) and rural Nebraska's CY2025 wage index (0.8639, CBSA 28: ZIP 69001), with the Pricer's
formulas (its Medicare share: 1 - copayment / rate, 9 decimals, kept to 6; the coinsurance what is left)."""

from __future__ import annotations

import csv
import json
import random
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa

from conftest import MONEY, SITE_MEASURES, run_batch_rows
from rvucalc.batch.price import BatchPricer, Scenario
from rvucalc.engine.hospitals import RURAL_SCH_ADD_ON_NOTE, RURAL_SCH_NOT_ADDED_NOTE
from rvucalc.lookup.pricer import Pricer

DATA = Path(__file__).resolve().parents[1] / "data" / "opps" / "2025"
ADDENDUM_B = DATA / "508 version of October 2025 Web Addendum B.10.31.25.csv"
WAGE_INDEX = DATA / "asc_wage_index_2025.txt"
DAY = "2025-11-10"
ZIP = "69001"  # rural Nebraska (county 31145, in no CBSA: wage index of rural CBSA 28)
CENT = Decimal("0.01")
NOT_WAGE_ADJUSTED = ("K", "K1", "G", "R", "U")  # drugs, blood, brachytherapy sources: paid the national rate


def _dollars(text: str) -> Decimal:
    return (
        Decimal(text.replace("$", "").replace(",", "").strip() or "0") if text.strip() not in ("", ".") else Decimal(0)
    )


def _addendum_b(code: str) -> tuple[str, Decimal, Decimal]:
    """SI, payment rate and copayment (the greater of the national and the minimum unadjusted) of the code."""
    with ADDENDUM_B.open(encoding="latin-1", newline="") as handle:
        row = next(row for row in csv.reader(handle) if row and row[0] == code)
    return row[2], _dollars(row[5]), max(_dollars(row[6]), _dollars(row[7]))


WAGE = next(Decimal(line.split("\t")[-1]) for line in WAGE_INDEX.read_text(encoding="latin-1").splitlines()
            if line.split("\t")[0] == "28")  # fmt: skip


def _payment(code: str, *, sch: bool = True, units: int = 1, discount: Decimal = Decimal(1)) -> Decimal:
    """The Pricer's line payment at the rural SCH (``sch``) or an ordinary hospital, rounded once."""
    si, national, _ = _addendum_b(code)
    base = (national * Decimal("1.071")).quantize(CENT, ROUND_HALF_UP) if sch else national
    factor = Decimal(1) if si in NOT_WAGE_ADJUSTED else Decimal("0.6") * WAGE + Decimal("0.4")
    return (base * factor * units * discount).quantize(CENT, ROUND_HALF_UP)


def _copayment(code: str, payment: Decimal) -> Decimal:
    """What is left of the payment after Medicare's share, the APC's (the Pricer's reimbursement percentage)."""
    _, national, copay = _addendum_b(code)
    rate = national.quantize(CENT, ROUND_HALF_UP)
    if copay == (rate * Decimal("0.2")).quantize(CENT, ROUND_HALF_UP):
        share = Decimal("0.8")
    else:
        share = (1 - (copay / rate).quantize(Decimal("1e-9"), ROUND_HALF_UP)).quantize(Decimal("1e-6"), ROUND_HALF_UP)
    return payment - (payment * share).quantize(CENT, ROUND_HALF_UP)


def _hopd(line: Any) -> Any:
    return next(site for site in line.sites if site.setting == "hopd")


def test_the_add_on_comes_before_the_wage_index_and_the_copayment_follows(pricer: Pricer) -> None:
    """45378 (SI T, $911.710): $911.71 x 1.071 = $976.44, at the wage index $896.70 (an ordinary hospital's
    $837.26); G0463-PO, exempt from the 40%, $138.02 wage-adjusted: $126.75 (was $118.35)."""
    for code, cell in (("45378", "45378"), ("G0463", "G0463-PO")):
        sch = pricer.price(cell, zip_code=ZIP, date_of_service=DAY, hospital="rural-sch")
        expected = _payment(code)
        assert sch.opps.rate == expected == _hopd(sch).facility_payment, cell
        assert sch.opps.copayment == _copayment(code, expected), cell
        assert sch.opps.national_rate == _addendum_b(code)[1]  # Addendum B's, as shown without the option
        assert sch.opps.rural_sch_rate == (_addendum_b(code)[1] * Decimal("1.071")).quantize(CENT, ROUND_HALF_UP)
        assert RURAL_SCH_ADD_ON_NOTE in sch.notes and RURAL_SCH_NOT_ADDED_NOTE not in sch.notes
    assert _payment("45378") == Decimal("896.70") and _payment("45378", sch=False) == Decimal("837.26")
    # Without the option nothing changes.
    plain = pricer.price("45378", zip_code=ZIP, date_of_service=DAY)
    assert plain.opps.rate == _payment("45378", sch=False) and plain.opps.rural_sch_rate is None
    assert not any("sole community" in note for note in plain.notes)


def test_lines_the_add_on_does_not_reach_keep_their_rate_and_say_so(pricer: Pricer) -> None:
    """A drug (90375, SI K), a brachytherapy source (C2634, SI U) and a section 603 line (45378-PN) are paid as at an
    ordinary hospital; blood (P9010, SI R) gets the 1.071 without a wage adjustment, its copayment Addendum B's."""
    for cell in ("90375", "C2634", "45378-PN"):
        sch = pricer.price(cell, zip_code=ZIP, date_of_service=DAY, hospital="rural-sch")
        plain = pricer.price(cell, zip_code=ZIP, date_of_service=DAY)
        assert (sch.opps.rate, sch.opps.copayment) == (plain.opps.rate, plain.opps.copayment), cell
        assert RURAL_SCH_NOT_ADDED_NOTE in sch.notes and RURAL_SCH_ADD_ON_NOTE not in sch.notes, cell
    blood = pricer.price("P9010", zip_code=ZIP, date_of_service=DAY, hospital="rural-sch")
    assert blood.opps.rate == _payment("P9010") == Decimal("241.10")  # $225.12 x 1.071
    assert blood.opps.copayment == _addendum_b("P9010")[2]


def test_an_encounter_discounts_and_multiplies_the_adjusted_rate(pricer: Pricer) -> None:
    """T + T: the lower-paid procedure (64483) is 50% of the unrounded adjusted rate, every unit (formula 5); a
    procedure paid in full over 3 units, the first in full and the others at half (formula 2: (1 + 0.5 x 2) / 3,
    truncated to 8 decimals); J1 packages the rest; Q1 beside a T is packaged, alone paid the adjusted rate."""
    encounter = pricer.price_encounter(["45380", "64483"], zip_code=ZIP, date_of_service=DAY, hospital="rural-sch",
                                       units=[1, 3])  # fmt: skip
    first, second = encounter.lines
    assert first.opps.rate == _payment("45380")
    assert _hopd(second).facility_payment == _payment("64483", units=3, discount=Decimal("0.5"))
    assert _hopd(second).facility_payment == Decimal("1313.46")  # an ordinary hospital's $1,226.38
    later = (Decimal(2) / 3).quantize(Decimal("1e-8"), ROUND_DOWN)
    alone = pricer.price("45378", zip_code=ZIP, date_of_service=DAY, hospital="rural-sch", units=3)
    assert _hopd(alone).facility_payment == _payment("45378", units=3, discount=later)
    j1 = pricer.price_encounter(["29881", "64483"], zip_code=ZIP, date_of_service=DAY, hospital="rural-sch")
    assert j1.lines[0].opps.rate == _payment("29881") and j1.lines[1].opps.rate == 0
    q1 = pricer.price_encounter(["45378", "96372"], zip_code=ZIP, date_of_service=DAY, hospital="rural-sch")
    assert q1.lines[0].opps.rate == _payment("45378") and q1.lines[1].opps.rate == 0
    assert RURAL_SCH_ADD_ON_NOTE not in q1.lines[1].notes  # packaged: no rate to speak of
    assert pricer.price("96372", zip_code=ZIP, date_of_service=DAY, hospital="rural-sch").opps.rate == _payment("96372")


POOL = ["45380", "64483", "45378", "43239", "90375", "C2634", "P9010", "96372", "93005", "71046", "29881", "G0463-PO",
        "G0463", "45378-PN", "99213", "64483-73", "0269T", "74177-CT", "72100-FY"]  # fmt: skip


def _money(value: Any) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value)).quantize(CENT)


def test_batch_prices_seeded_claims_as_price_does(pricer: Pricer) -> None:
    """Seeded claims of T pairs, J1, Q1 packaging, drugs (K), blood, brachytherapy, PN and 73 lines, units 1-3, in
    every setting: batch's claim rows (its array paths: batch.claims, batch.encounter_arrays) and their notes are
    price_encounter's with --hospital rural-sch."""
    rng = random.Random(20261204)
    claims = []
    for number in range(30):
        codes = rng.sample(POOL, rng.randint(2, 4))
        claims.append((f"C{number}", codes, [rng.choice([1, 1, 2, 3]) for _ in codes],
                       rng.choice(["", "hopd", "22", "office"])))  # fmt: skip
    rows = [{"claim": claim, "code": cell.partition("-")[0], "modifier": cell.partition("-")[2], "date": DAY,
             "zip": ZIP, "units": str(units), "setting": setting}
            for claim, codes, counts, setting in claims for cell, units in zip(codes, counts, strict=True)]  # fmt: skip
    table = pa.table({name: [row[name] for row in rows] for name in rows[0]})
    out = iter(BatchPricer(pricer, Scenario.parse(hospital="rural-sch")).price_table(table).to_pylist())
    added = excluded = 0
    for claim, codes, counts, setting in claims:
        single = pricer.price_encounter(codes, zip_code=ZIP, date_of_service=DAY, hospital="rural-sch", units=counts)
        for line in single.lines:
            row = next(out)
            what = (claim, line.code, line.modifiers)
            for name, value in MONEY.items():
                assert _money(row[name]) == _money(value(line)), (what, name)
            for site in line.sites:
                for measure, attribute in SITE_MEASURES.items():
                    expected = getattr(site, attribute) if site.payable else None
                    assert _money(row[f"{site.setting}_{measure}"]) == _money(expected), (what, site.setting, measure)
            if setting in ("", "hopd"):
                for note in (RURAL_SCH_ADD_ON_NOTE, RURAL_SCH_NOT_ADDED_NOTE):
                    assert (note in row["note"]) == (note in line.notes), (what, note)
            added += RURAL_SCH_ADD_ON_NOTE in line.notes
            excluded += RURAL_SCH_NOT_ADDED_NOTE in line.notes
    assert added > 10 and excluded > 3


def test_the_cli_batch_summary_and_paid_for_facility(tmp_path: Path) -> None:
    """`rvucalc batch --hospital rural-sch --paid-for facility --summary`: the claim's facility payment is the
    adjusted one (45380 in full, 64483 at 50%, the drug as at any hospital)."""
    rows = [{"claim": "H1", "code": code, "zip": ZIP, "date": DAY, "pos": "22", "units": "1"}
            for code in ("45380", "64483", "90375")]  # fmt: skip
    summary = tmp_path / "summary.json"
    done, out = run_batch_rows(tmp_path, rows, "--hospital", "rural-sch", "--paid-for", "facility", "--summary",
                               str(summary))  # fmt: skip
    assert done.exit_code == 0, done.output
    drug = _payment("90375", sch=False)
    paid = [_payment("45380"), _payment("64483", discount=Decimal("0.5")), drug]
    assert [Decimal(row["opps_rate"]) for row in out] == paid
    facility = json.loads(summary.read_text())["claims"]["H1"]
    assert Decimal(facility["facility_claim_allowed"]) == sum(paid, Decimal(0))
    assert RURAL_SCH_NOT_ADDED_NOTE in out[2]["note"] and RURAL_SCH_ADD_ON_NOTE in out[0]["note"]
    done, plain = run_batch_rows(tmp_path, rows, "--paid-for", "facility")
    assert Decimal(plain[0]["opps_rate"]) == _payment("45380", sch=False)


REDUCED = {"CT": Decimal("0.85"), "FX": Decimal("0.80"), "FY": Decimal("0.90")}  # the Pricer's CT, X-ray, CR factors


def _reduced_payment(code: str, modifier: str, units: int, *, reduction_first: bool = True) -> Decimal:
    """The Pricer's order: PerformApcAdjustments reduces the APC payment (rounded) as it reads the line, and
    calculateWageAdjustedPaymentAndSchAdj multiplies what is left by 1.071 (rounded) before the wage index."""
    si, national, _ = _addendum_b(code)
    step = (national * REDUCED[modifier]).quantize(CENT, ROUND_HALF_UP)
    base = (step * Decimal("1.071")).quantize(CENT, ROUND_HALF_UP)
    if not reduction_first:  # the order rvucalc used to take (1.071 first), a cent or two off
        added = (national * Decimal("1.071")).quantize(CENT, ROUND_HALF_UP)
        base = (added * REDUCED[modifier]).quantize(CENT, ROUND_HALF_UP)
    factor = Decimal(1) if si in NOT_WAGE_ADJUSTED else Decimal("0.6") * WAGE + Decimal("0.4")
    return (base * factor * units).quantize(CENT, ROUND_HALF_UP)


REDUCED_CASES = [("74177", "CT"), ("70450", "CT"), ("71046", "FX"), ("72100", "FY"), ("73610", "FY")]


def test_a_ct_fx_or_fy_reduction_comes_before_the_add_on(pricer: Pricer) -> None:
    """74177-CT ($357.13): 85% is $303.56, x 1.071 $325.11, at the wage index $298.56 ($597.12 for 2 units), where
    1.071 first gave $298.57 ($597.14); 72100-FY $94.14 (was $94.13). Price and batch alike, with the copayment."""
    assert _reduced_payment("74177", "CT", 2) == Decimal("597.12")
    assert _reduced_payment("74177", "CT", 2, reduction_first=False) == Decimal("597.14")
    assert _reduced_payment("72100", "FY", 1) != _reduced_payment("72100", "FY", 1, reduction_first=False)
    rows = []
    for code, modifier in REDUCED_CASES:
        for units in (1, 2):
            single = pricer.price(f"{code}-{modifier}", zip_code=ZIP, date_of_service=DAY, hospital="rural-sch",
                                  units=units)  # fmt: skip
            expected = _reduced_payment(code, modifier, units)
            assert _hopd(single).facility_payment == expected, (code, modifier, units)
            facility_share = _hopd(single).facility_payment - _hopd(single).facility_medicare
            assert facility_share == _copayment(code, expected), (code, modifier, units)
            rows.append({"code": code, "modifier": modifier, "date": DAY, "zip": ZIP, "units": str(units),
                         "setting": "22", "expected": str(expected)})  # fmt: skip
    table = pa.table({name: [row[name] for row in rows] for name in ("code", "modifier", "date", "zip", "units",
                                                                      "setting")})  # fmt: skip
    out = BatchPricer(pricer, Scenario.parse(hospital="rural-sch")).price_table(table).to_pylist()
    for row, line in zip(rows, out, strict=True):
        if row["units"] == "1":  # opps_rate is one unit's
            assert _money(line["opps_rate"]) == Decimal(row["expected"]), row
        single = pricer.price(f"{row['code']}-{row['modifier']}", zip_code=ZIP, date_of_service=DAY,
                              hospital="rural-sch", units=int(row["units"]))  # fmt: skip
        assert _money(line["hopd_allowed"]) == _money(_hopd(single).allowed), row
        assert _money(line["hopd_beneficiary"]) == _money(_hopd(single).beneficiary), row
