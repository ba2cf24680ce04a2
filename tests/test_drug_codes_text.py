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


def _asc_bb(quarter: str) -> dict[str, str]:
    """CMS's ASC Addendum BB of ``quarter`` (shipped data/): HCPCS -> payment indicator."""
    import csv

    from conftest import TESTS

    year, month = quarter.split("-")
    (path,) = (TESTS.parent / "data" / "opps" / year / "asc" / month).glob("*BB*")
    with open(path, newline="", encoding="latin-1") as handle:
        return {row[0]: row[4] for row in csv.reader(handle) if len(row) > 4 and row[0] in ("J1299", "J1300")}


def test_eculizumab_j1300_names_j1299_per_2_mg(pricer: Pricer) -> None:
    """A rheumatology trial: J1300 (eculizumab per 10 mg) read only "Medicare uses another code" in 2025D and
    "deleted or replaced for 2026" in 2026C. CMS's ASC Addendum BB deletes it in April 2025 (PI D5) and pays J1299, per
    2 mg (K2); RVU25D has J1300 status I. Both messages name J1299 and the units' change."""
    assert _asc_bb("2025-01") == {"J1300": "K2"}
    assert _asc_bb("2025-04") == {"J1299": "K2", "J1300": "D5"}
    store = pricer.store(next(r for r in pricer.catalogue.releases("pfs") if r.release == "2025D"))
    assert str(store.rvu("J1300", "")["status"]) == "I"
    office = next(s for s in pricer.price("J1300", zip_code="85008", date_of_service="2025-11-04").sites
                  if s.setting == "office")  # fmt: skip
    assert "Medicare pays it as J1299, eculizumab per 2 mg (900 mg is 450 units" in (office.reason or "")
    with pytest.raises(RvucalcError) as raised:
        pricer.price("J1300", zip_code="85008", date_of_service="2026-06-02")
    said = str(raised.value)
    assert "deleted from HCPCS for 2025" in said and "J1299, eculizumab per 2 mg" in said and "Did you mean" not in said
