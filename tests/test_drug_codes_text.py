"""An infusion trial's texts: home infusion therapy G0068-G0070, G0088-G0090 read "Statutory exclusion ... (e.g.
ambulance, clinical lab)"; consultations 99242-99245, 99252-99255 only "Medicare uses another code"; J1020-J1040
(deleted 2024-04-01) offered look-alikes instead of J1010. The status and the deletions are CMS's (RVU26C)."""

from __future__ import annotations

import pytest

from rvucalc.errors import RvucalcError
from rvucalc.lookup.pricer import Pricer

WHERE = {"zip_code": "63110", "date_of_service": "2026-02-10"}


def _status(pricer: Pricer, code: str) -> str:
    store = pricer.store(next(r for r in pricer.catalogue.releases("pfs") if r.year == 2026))
    return str(store.rvu(code, "")["status"])


@pytest.mark.parametrize("code", ["G0068", "G0070", "G0088", "G0090"])
def test_home_infusion_codes_name_their_benefit(pricer: Pricer, code: str) -> None:
    assert _status(pricer, code) == "X"  # CMS's RVU file
    result = pricer.price(code, setting="12", **WHERE)
    office = next(site for site in result.sites if site.setting == "office")
    assert not office.payable
    assert "home infusion therapy benefit (SSA §1834(u), §1861(iii))" in (office.reason or "")
    assert "ambulance" not in (office.reason or "")


@pytest.mark.parametrize(("code", "named"), [("99243", "99202-99205"), ("99253", "99221-99223")])
def test_consultations_name_what_medicare_pays(pricer: Pricer, code: str, named: str) -> None:
    assert _status(pricer, code) == "I"
    office = next(site for site in pricer.price(code, **WHERE).sites if site.setting == "office")
    assert named in (office.reason or "") and "MM6740" in (office.reason or "")


def test_methylprednisolone_acetate_codes_name_j1010(pricer: Pricer) -> None:
    for code in ("J1020", "J1030", "J1040"):
        with pytest.raises(RvucalcError) as raised:
            pricer.price(code, **WHERE)
        assert "J1010, per 1 mg" in str(raised.value) and "Did you mean" not in str(raised.value), code
