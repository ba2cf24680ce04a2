"""A care-management trial (Omaha, ZIP 68164): chronic care management (99490, 99439, 99491, 99437, 99487, 99489) by a
clinical social worker (LCSW) was priced at 75% ($63.40 for 99491 in 2026) while 99484, CCM's behavioral health twin,
is denied to them. CCM is billed by physicians, NPs, PAs, CNSs and CNMs (CMS's Chronic Care Management Services
national provider call, 2015-02-18, as AAPC restates it): denied now to a CSW or psychologist in price and batch; a
physician's or NP's line keeps CMS's amount (CMS's RVUs, GPCIs and CF, exact, rounded once)."""

from __future__ import annotations

import pytest

from rvucalc.engine.care_management import CHRONIC_CARE_MANAGEMENT
from rvucalc.errors import ErrorKind, RvucalcError
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _money
from test_apcm_behavioral_health import _cms_here as _cms_at_baltimore
from test_behavioral_health_integration_trial import _batch

ZIP, DATE = "68164", "2026-08-31"
WHERE = {"zip_code": ZIP, "date_of_service": DATE, "setting": "11"}


@pytest.mark.parametrize("code", sorted(CHRONIC_CARE_MANAGEMENT))
def test_ccm_is_denied_to_a_csw_or_psychologist_in_price_and_batch(pricer: Pricer, code: str) -> None:
    """`rvucalc price 99491 --zip 68164 --date 2026-08-31 --provider LCSW` ($63.40 before): denied, naming G0323."""
    cells = [("LCSW", "csw"), ("LMFT", "csw"), ("PsyD", "psychologist")]
    rows = [{"claim": f"C{n}", "code": code, "zip": ZIP, "date": DATE, "setting": "11", "provider": cell}
            for n, (cell, _) in enumerate(cells)]  # fmt: skip
    for (cell, provider), row in zip(cells, _batch(pricer, rows), strict=True):
        assert row["error_kind"] == ErrorKind.DENIED.value, (cell, row)
        assert row["allowed"] is None and row["pfs_non_facility_amount"] is None
        with pytest.raises(RvucalcError) as caught:
            pricer.price(code, provider=provider, **WHERE)  # type: ignore[arg-type]
        said = str(caught.value)
        assert caught.value.kind is ErrorKind.DENIED and said == row["error"], cell
        with pytest.raises(RvucalcError) as by_modifier:
            pricer.price(code, modifier="AJ" if provider == "csw" else "AH", **WHERE)  # type: ignore[arg-type]
        assert str(by_modifier.value) == said
    assert said.startswith(f"{code} is chronic care management") and "G0323" in said and "; " not in said
    assert "2015-02-18" in said


@pytest.mark.parametrize("code", ["99490", "99491"])
def test_a_physician_s_or_np_s_ccm_keeps_cms_amount(pricer: Pricer, code: str) -> None:
    rows = [{"code": code, "zip": ZIP, "date": DATE, "setting": "11", "provider": cell} for cell in ("MD", "NP")]
    import test_apcm_behavioral_health as apcm

    old = apcm.WHERE
    apcm.WHERE = WHERE
    try:
        for (cell, provider), row in zip((("MD", "physician"), ("NP", "np")), _batch(pricer, rows), strict=True):
            single = pricer.price(code, provider=provider, **WHERE)  # type: ignore[arg-type]
            expected = _cms_at_baltimore(pricer, code, provider)
            assert not row["error"], (cell, row["error"])
            assert _money(row["pfs_non_facility_amount"]) == single.pfs.non_facility.amount == expected, (cell, code)
    finally:
        apcm.WHERE = old
