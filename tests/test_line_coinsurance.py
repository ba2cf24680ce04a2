"""The patient's share of a line of several units is its coinsurance of the whole line, rounded once.

Part B coinsurance is a line item's: "the beneficiary coinsurance liability amount for this line item service ...
For most Part B services, coinsurance equals 20 percent of the allowed amount" (CMS's claim variable
LINE_COINSRNC_AMT, bluebutton.cms.gov/resources/variables/line_coinsrnc_amt), and a line's allowed amount is all its
units'. So 96372 x 3 in Manhattan (fee $17.44, line $52.32) leaves the patient $10.46, not 3 x $3.49 = $10.47. The
fees are CMS's (the installed RVU, GPCI and conversion factor files, checked against CMS's published amounts
elsewhere); the rule is what these tests hold, single lookups and batch alike."""

from __future__ import annotations

import random
from typing import Any

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.engine.kernels import COINSURANCE_PERCENT, percent_of, sequestered
from test_later_units import _cents, _site

DATE = "2025-11-03"
TWENTY_PERCENT = COINSURANCE_PERCENT * 100


@pytest.fixture(scope="module")
def lines(pricer: Any) -> list[tuple[str, int]]:
    """Codes the PFS pays in the office, each with 2-7 units: drawn (seeded) from the installed RVU file in force on
    DATE; timed therapy (multiple procedure indicator 5) left to its own rule's tests."""
    name = pricer.price("99213", date_of_service=DATE).release
    store = pricer.store(next(r for r in pricer.catalogue.releases("pfs") if r.release == name))
    codes = sorted({r["hcpcs"] for r in store.rows("rvu") if r["status"] == "A" and not r["modifier"]
                    and r["mult_proc"] != "5" and not r["nonfac_na"] and r["nonfac_total"]})  # fmt: skip
    rng = random.Random(20261201)
    return [(code, rng.randint(2, 7)) for code in rng.sample(codes, 120)]


def test_an_office_line_of_several_units_pays_20_percent_of_the_line(pricer: Any, lines: Any) -> None:
    per_unit_differs = 0
    for code, units in lines:
        one = _site(pricer.price(code, zip_code="10001", date_of_service=DATE), "office")
        several = _site(pricer.price(code, zip_code="10001", date_of_service=DATE, units=units), "office")
        if not several.payable:
            continue
        allowed = _cents(several.allowed)  # units x one unit's, or less where a rule says so (2 units bilateral)
        assert _cents(several.beneficiary) == percent_of(allowed, TWENTY_PERCENT), (code, units)
        assert _cents(several.medicare) == allowed - _cents(several.beneficiary), (code, units)
        if allowed == units * _cents(one.allowed):
            per_unit_differs += units * _cents(one.beneficiary) != _cents(several.beneficiary)
    assert per_unit_differs >= 20  # the rule shows: 3 x 20% of a unit, each rounded, is often a cent away


def test_batch_prices_the_same_lines_alike(pricer: Any, lines: Any) -> None:
    """Every site's money and the physician's claim in a facility (POS 22, 21): the same rule in batch."""
    rows = [{"code": code, "zip": "10001", "date": DATE, "units": str(units), "setting": setting}
            for code, units in lines for setting in ("11", "22", "21")]  # fmt: skip
    table = pa.Table.from_pylist(rows)
    out = BatchPricer(pricer).price_table(table).to_pylist()
    for row, priced in zip(rows, out, strict=True):
        result = pricer.price(row["code"], zip_code="10001", date_of_service=DATE, units=int(row["units"]))
        for site in result.sites:
            if site.payable:
                assert priced[f"{site.setting}_beneficiary"] == site.beneficiary, (row, site.setting)
                assert priced[f"{site.setting}_medicare"] == site.medicare, (row, site.setting)
        facility = pricer.price(row["code"], zip_code="10001", date_of_service=DATE, units=int(row["units"]),
                                setting="21")  # fmt: skip
        [alone] = facility.sites
        if row["setting"] != "11" and alone.payable:
            assert priced["professional_allowed"] == alone.allowed, row
            assert priced["professional_beneficiary"] == alone.beneficiary, row
            assert _cents(alone.beneficiary) == percent_of(_cents(alone.allowed), TWENTY_PERCENT), row


def test_sequestration_takes_2_percent_of_the_lines_medicare_share_once(pricer: Any, lines: Any) -> None:
    """Once per line and claim: at a hospital or an ASC the facility's claim and the physician's (the line's fee less
    its 20%, rounded once) each less 2% apart (tests/test_sequestration_per_claim.py)."""
    for code, units in lines[:40]:
        result = pricer.price(code, zip_code="10001", date_of_service=DATE, units=units, sequestration=True)
        for site in result.sites:
            if site.payable:
                owed = _cents(site.allowed) - _cents(site.beneficiary)
                doctor = 0
                if site.setting != "office" and site.professional_payment is not None:
                    fee = _cents(site.professional_payment)
                    doctor = fee - percent_of(fee, TWENTY_PERCENT)
                expected = sequestered(owed - doctor) + sequestered(doctor)
                assert _cents(site.medicare) == expected, (code, units, site.setting)


def test_a_preventive_waiver_leaves_nothing_and_a_reduced_share_is_of_the_line(pricer: Any) -> None:
    """G0121 (screening colonoscopy): waived, nothing to pay at any units; 45378-PT: the year's 15% of the line."""
    for units in (2, 3):
        waived = pricer.price("G0121", zip_code="10001", date_of_service=DATE, units=units)
        assert all(_cents(site.beneficiary) == 0 for site in waived.sites if site.payable)
        reduced = _site(pricer.price("45378", modifier="PT", zip_code="10001", date_of_service=DATE, units=units),
                        "office")  # fmt: skip
        assert _cents(reduced.beneficiary) == percent_of(_cents(reduced.allowed), 1500), units


def test_a_dmepos_line_of_several_units_pays_20_percent_of_the_line(pricer: Any) -> None:
    """DMEPOS items (the installed fee schedule's NY fees, NU, RR or no modifier): the fee x units, the patient 20% of
    that line rounded once; batch alike."""
    store = pricer.store(pricer.catalogue.releases("dmepos")[-1])
    date = store.release.effective.isoformat() if hasattr(store.release, "effective") else "2026-01-15"
    items = sorted({(row["hcpcs"], row["mod"]) for row in store.rows("dmepos")
                    if row["mod"] in ("", "NU", "RR") and not row["mod2"]})  # fmt: skip
    rng = random.Random(20261201)
    drawn = [(code, modifier, rng.randint(2, 9)) for code, modifier in rng.sample(items, 80)]
    rows, expected = [], []
    differs = 0
    for code, modifier, units in drawn:
        result = pricer.price(code, modifier=modifier or None, zip_code="10001", date_of_service=date, units=units)
        office = _site(result, "office")
        if result.paid_by != "dmepos" or not office.payable:
            continue
        one = _site(pricer.price(code, modifier=modifier or None, zip_code="10001", date_of_service=date), "office")
        assert _cents(office.allowed) == units * _cents(one.allowed), code
        assert _cents(office.beneficiary) == percent_of(_cents(office.allowed), TWENTY_PERCENT), (code, units)
        assert _cents(office.medicare) == _cents(office.allowed) - _cents(office.beneficiary)
        differs += units * _cents(one.beneficiary) != _cents(office.beneficiary)
        rows.append({"code": code, "modifier": modifier, "zip": "10001", "date": date, "units": str(units)})
        expected.append(office)
    assert len(rows) >= 30 and differs >= 5
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for row, priced, office in zip(rows, out, expected, strict=True):
        assert (priced["office_allowed"], priced["office_beneficiary"], priced["office_medicare"]) == (
            office.allowed, office.beneficiary, office.medicare), row  # fmt: skip


def test_the_asc_coinsurance_is_20_percent_of_what_the_asc_is_paid(pricer: Any) -> None:
    """ASC procedures subject to discounting (Addendum AA's flag), two to an encounter and alone with 2-4 units: the
    coinsurance of a lower-paid procedure is 20% of its discounted payment (payment-rules.md section 3: 20% of the
    adjusted rate), not its full rate's 20% halved (a cent apart on about a fifth of them); a line of several units
    pays 20% of the line's payment, rounded once. Batch alike."""
    asc = pricer.store(next(r for r in pricer.catalogue.releases("asc") if r.release == "2025-10"))
    codes = sorted(r["hcpcs"] for r in asc.rows("asc_aa") if r["rate"] and r["multiple_discount"] == "Y"
                   and r["hcpcs"][0].isdigit())  # fmt: skip
    rng = random.Random(20261201)
    halved_differs, rows, expected = 0, [], []
    for number in range(60):
        first, second = rng.sample(codes, 2)
        encounter = pricer.price_encounter([first, second], zip_code="10001", date_of_service=DATE)
        for line in encounter.lines:
            if not line.asc.payable or line.asc.rate is None:
                continue
            rate, share = _cents(line.asc.rate), _cents(line.asc.coinsurance)
            assert share == percent_of(rate, TWENTY_PERCENT), line.code
            if line.asc.adjustments:
                full = _cents(line.asc.adjustments[0].amount_before)
                halved_differs += (percent_of(full, TWENTY_PERCENT) * 50 + 50) // 100 != share
        for code in (first, second):
            rows.append({"code": code, "zip": "10001", "date": DATE, "claim": f"c{number}"})
        expected.extend(encounter.lines)
    assert halved_differs >= 5
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for row, priced, line in zip(rows, out, expected, strict=True):
        assert (priced["asc_rate"], priced["asc_coinsurance"]) == (line.asc.rate, line.asc.coinsurance), row
    for code in rng.sample(codes, 40):
        units = rng.randint(2, 4)
        site = _site(pricer.price(code, zip_code="10001", date_of_service=DATE, units=units), "asc")
        professional = _cents(site.professional_payment) if site.professional_payment is not None else 0
        facility_share = _cents(site.beneficiary) - percent_of(professional, TWENTY_PERCENT)
        assert facility_share == percent_of(_cents(site.facility_payment), TWENTY_PERCENT), (code, units)
