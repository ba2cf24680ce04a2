"""A packaged code (OPPS SI N, ASC PI N1) is paid $0.00 by the facility, and the physician's fee in that facility
(the PFS facility amount) is paid all the same: the encounter is priced, not refused.

CMS's OPPS Addendum D1: "N - Items and Services Packaged into APC Rates ... payment is packaged into payment for
other services. Therefore, there is no separate APC payment"; Addendum DD1: "N1 - Packaged service/item; no separate
payment made". The case a billing specialist met: 64483-50 with its add-on 64484-50 (SI N, PI N1) in the hospital
(POS 22) was "not payable" as an encounter, and batch left the add-on's allowed amount blank.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pyarrow as pa

from rvucalc.batch.price import BatchPricer
from rvucalc.engine.facility import packaged_note
from rvucalc.lookup.pricer import Pricer

CLAIM = ["64483-50", "64484-50"]
WHERE = {"zip_code": "33136", "date_of_service": "2025-07-14"}


def _money(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def test_the_cms_files_package_the_add_on_in_both_facilities(pricer: Pricer) -> None:
    line = pricer.price("64484", modifier="50", **WHERE)
    assert (line.opps.status_indicator, line.asc.payment_indicator) == ("N", "N1")  # as CMS's addenda say


def test_an_encounter_with_a_packaged_add_on_is_priced_in_each_facility(pricer: Pricer) -> None:
    for setting, facility in (("hopd", "opps"), ("asc", "asc")):
        encounter = pricer.price_encounter(CLAIM, setting=setting, **WHERE)
        primary, add_on = encounter.lines
        total = encounter.totals[setting]
        assert total.payable, total.reason
        assert getattr(add_on, facility).rate == 0 and getattr(add_on, facility).payable
        (site,) = add_on.sites
        assert site.facility_payment == 0 and site.professional_payment == add_on.pfs.facility.amount
        assert site.allowed == add_on.pfs.facility.amount and site.allowed > 0
        assert total.facility_payment == primary.sites[0].facility_payment > 0
        assert total.professional_payment == primary.pfs.facility.amount + add_on.pfs.facility.amount
        assert total.allowed == primary.sites[0].allowed + site.allowed
        assert total.beneficiary == primary.sites[0].beneficiary + site.beneficiary


def test_batch_prices_the_packaged_line_as_the_single_lookup_and_says_why(pricer: Pricer) -> None:
    rows = [{"claim": f"C{pos}", "code": code.split("-")[0], "modifier": "50", "setting": pos, "zip": "33136",
             "date": "2025-07-14"} for pos in ("22", "24") for code in CLAIM]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for setting, start in (("hopd", 0), ("asc", 2)):
        encounter = pricer.price_encounter(CLAIM, setting=setting, **WHERE)
        for line, row in zip(encounter.lines, out[start : start + 2], strict=True):
            (site,) = line.sites
            assert (row["error"], row["site"]) == ("", setting)
            assert (_money(row["allowed"]), _money(row["beneficiary"]), _money(row["medicare"])) == (
                site.allowed, site.beneficiary, site.medicare)  # fmt: skip
        indicator, facility = ("SI N", "hospital") if setting == "hopd" else ("PI N1", "ASC")
        assert packaged_note(indicator, facility) in out[start + 1]["note"]
        assert packaged_note(indicator, facility) not in out[start]["note"]


def test_a_packaged_code_alone_pays_the_physician_and_nothing_to_the_facility(pricer: Pricer) -> None:
    line = pricer.price("64484", setting="hopd", **WHERE)
    (site,) = line.sites
    assert site.payable and site.facility_payment == 0 and site.allowed == line.pfs.facility.amount
    assert site.beneficiary == (site.allowed * Decimal("0.2")).quantize(Decimal("0.01"))


def test_a_packaged_code_is_paid_nothing_whatever_rate_the_addendum_prints(pricer: Pricer) -> None:
    """Addendum BB prints a rate for some PI N1 codes (C9101: $1.30 in October 2025): still $0.00, batch alike."""
    release = next(r for r in pricer.catalogue.releases("asc") if r.release == "2025-10")
    rated = sorted(row["hcpcs"] for row in pricer.store(release).rows("asc_bb") if row["pi"] == "N1" and row["rate"])
    assert "C9101" in rated
    rows = [{"code": code, "setting": "24", "zip": "10001", "date": "2025-11-05"} for code in rated]
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for code, row in zip(rated, out, strict=True):
        line = pricer.price(code, zip_code="10001", date_of_service="2025-11-05")
        assert line.asc.rate == 0 and line.asc.national_rate and line.asc.national_rate > 0, code
        assert _money(row["asc_rate"]) == 0 and packaged_note("PI N1", "ASC") in row["note"], code
