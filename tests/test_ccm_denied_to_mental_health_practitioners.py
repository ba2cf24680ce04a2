"""A care-management trial (Omaha, ZIP 68164): chronic care management (99490, 99439, 99491, 99437, 99487, 99489) by a
clinical social worker (LCSW) was priced at 75% ($63.40 for 99491 in 2026) while 99484, CCM's behavioral health twin,
is denied to them. CCM is billed by physicians, NPs, PAs, CNSs and CNMs (CMS's Chronic Care Management Services
national provider call, 2015-02-18, as AAPC restates it): denied now to a CSW or psychologist in price and batch; a
physician's or NP's line keeps CMS's amount (CMS's RVUs, GPCIs and CF, exact, rounded once)."""

from __future__ import annotations

import pytest

from rvucalc.engine.care_management import CHRONIC_CARE_MANAGEMENT
from rvucalc.lookup.pricer import Pricer
from test_behavioral_health_integration_trial import denied_alike, priced_at_cms_amount

ZIP, DATE = "68164", "2026-08-31"
WHERE = {"zip_code": ZIP, "date_of_service": DATE, "setting": "11"}


@pytest.mark.parametrize("code", sorted(CHRONIC_CARE_MANAGEMENT))
def test_ccm_is_denied_to_a_csw_or_psychologist_in_price_and_batch(pricer: Pricer, code: str) -> None:
    """`rvucalc price 99491 --zip 68164 --date 2026-08-31 --provider LCSW` ($63.40 before): denied, naming G0323."""
    cells = [("LCSW", "csw"), ("LMFT", "csw"), ("PsyD", "psychologist")]
    said = denied_alike(pricer, code, cells, WHERE)[-1]["error"]
    assert said.startswith(f"{code} is chronic care management") and "G0323" in said and "; " not in said
    assert "2015-02-18" in said


@pytest.mark.parametrize("code", ["99490", "99491"])
def test_a_physician_s_or_np_s_ccm_keeps_cms_amount(pricer: Pricer, code: str) -> None:
    priced_at_cms_amount(pricer, code, WHERE)
