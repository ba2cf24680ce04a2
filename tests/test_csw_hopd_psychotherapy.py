"""A clinical social worker's psychotherapy at the hospital outpatient department (POS 22): two claims, as priced.

A review asked whether `rvucalc price 90832-AJ --setting 22` should pay 75% or, as an NP's therapy line there
(engine.therapists.hospital_therapy_practitioner), the hospital's full amount. 90832 is no outpatient therapy line:
its RVU row has PC/TC indicator 0 and multiple procedure indicator 0, and CMS's OPPS Addendum B (October 2025) pays
the hospital for it under the OPPS (SI Q3, APC 5823, national $160.67). The CSW's own service to a hospital outpatient
is "covered and paid under the CSW benefit" on a claim under the CSW's NPI (Medicare Benefit Policy Manual ch. 15
§170, Claims Processing Manual ch. 12 §150, as restated by WPS's coverage provision PSYCH-009 and gillcompliance.com),
75% of the PFS amount (42 CFR 414.53): at a facility, 75% of the PFS facility amount. So the HOPD site is the hospital's
OPPS payment (the same whoever furnished the session) plus the CSW's 75%: the current result, proved here against
CMS's RVU/GPCI files (``_cms_fee``) and Addendum B, in price and batch alike.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pyarrow as pa

from rvucalc.batch.price import BatchPricer
from rvucalc.engine.therapists import hospital_therapy_note
from rvucalc.lookup.pricer import Pricer
from test_batch_provider_column import _cms_fee, _money
from test_hopd_therapy_practitioner import DATE, ZIP, _price_json


def _75_percent(amount: Decimal) -> Decimal:
    return (amount * Decimal("0.75")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_90832_is_paid_to_the_hospital_under_the_opps_not_the_pfs(pricer: Pricer) -> None:
    """CMS's files: no therapy indicator on 90832's RVU row, and Addendum B pays the hospital's line (SI Q3)."""
    release = next(r for r in pricer.catalogue.releases("opps") if r.release == "2025-10")
    row = pricer.catalogue.store(release).opps("90832")
    assert (row["si"], row["apc"], row["rate"]) == ("Q3", "5823", 160670)  # Addendum B: $160.67
    rvu = pricer.store(next(r for r in pricer.catalogue.releases("pfs") if r.year == 2025)).rvu("90832", "")
    assert (rvu["pctc"], rvu["mult_proc"]) == ("0", "0")


def test_a_csw_s_90832_at_pos_22_is_the_hospital_s_opps_payment_and_the_csw_s_75_percent(pricer: Pricer) -> None:
    fee = _cms_fee(pricer, "90832", ZIP, 2025)["facility"]
    assert fee == Decimal("74.89")
    csw = _price_json("90832-AJ", "--setting", "22")
    physician = _price_json("90832", "--setting", "22")
    [site] = csw["sites"]
    [physician_site] = physician["sites"]
    # the CSW's own claim: 75% of CMS's PFS facility amount (42 CFR 414.53), not the hospital's full amount
    assert _money(site["professional_payment"]) == _75_percent(fee) == Decimal("56.17")
    # the hospital's claim: Addendum B's APC rate, wage-adjusted, the same whoever furnished the session
    assert csw["opps"]["national_rate"] == 160.67 and csw["opps"]["status_indicator"] == "Q3"
    assert _money(site["facility_payment"]) == _money(csw["opps"]["rate"]) == _money(physician_site["facility_payment"])
    assert _money(site["total"]) == _money(site["facility_payment"]) + _75_percent(fee)  # type: ignore[operator]
    assert hospital_therapy_note("csw") not in csw["notes"]


def test_batch_prices_the_csw_s_row_as_price_does(pricer: Pricer) -> None:
    single = pricer.price("90832-AJ", zip_code=ZIP, date_of_service=DATE, setting="22")
    [there] = single.sites
    table = pa.table({"code": ["90832", "90832"], "modifier": ["AJ", ""], "zip": [ZIP] * 2, "date": [DATE] * 2,
                      "setting": ["22", "22"], "provider": ["", "LCSW"]})  # fmt: skip
    for row in BatchPricer(pricer).price_table(table).to_pylist():
        assert row["error"] == "", row
        assert _money(row["hopd_allowed"]) == _money(row["allowed"]) == there.total, row["note"]
        assert _money(row["hopd_beneficiary"]) == there.beneficiary
