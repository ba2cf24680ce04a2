"""The page rvucalc started from: CPT 22590 in CY2026 (RVU26 national figures).

Its PFS figures match CMS's RVU26C file; its HOPD figure does not match CMS's
files and is not tested here (see the OPPS issue).
"""

from __future__ import annotations

from decimal import Decimal


def test_22590_national_2026_matches_the_seed_page(pricer) -> None:  # type: ignore[no-untyped-def]
    result = pricer.price("22590")
    pfs = result.pfs
    assert (result.year, result.release) == (2026, "2026C")
    assert (pfs.rvu.work, pfs.rvu.pe_facility, pfs.rvu.mp) == (Decimal("21.22"), Decimal("17.41"), Decimal("8.05"))
    assert pfs.rvu.total_facility == Decimal("46.68")
    assert pfs.facility.amount == Decimal("1559.15")
    assert pfs.global_days == "090"
    assert pfs.non_facility.payable is False  # "office NA"
    assert "NA" in (pfs.non_facility.reason or "")
    assert result.location.locality == "0000000"


def test_22590_national_2026_components(pricer) -> None:  # type: ignore[no-untyped-def]
    pfs = pricer.price("22590").pfs
    assert pfs.conversion_factor == Decimal("33.4009")
    assert pfs.facility.non_par_amount == Decimal("1481.19")  # 1559.15 x 0.95 = 1481.1925
    assert pfs.facility.limiting_charge == Decimal("1703.37")  # 1559.15 x 1.0925 = 1703.371...
    assert (pfs.op_shares.pre, pfs.op_shares.intra, pfs.op_shares.post) == (
        Decimal("0.10"),
        Decimal("0.69"),
        Decimal("0.21"),
    )
