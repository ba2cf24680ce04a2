"""What a code nothing installed pays is said to be paid from: by its exact code before its HCPCS range."""

from __future__ import annotations

from rvucalc.lookup.pricer import other_schedule_note


def test_the_telehealth_originating_site_fee_is_not_called_an_asp_drug(pricer) -> None:  # type: ignore[no-untyped-def]
    """A trial: Q3014 was "paid from Medicare's temporary codes (drugs, biologicals and others), and the installed
    ASP files do not list Q3014" (its first letter's range). It is the originating site's national fee."""
    said = " ".join(pricer.price("Q3014", zip_code="02139").notes)
    assert "telehealth originating site facility fee" in said and "ASP" not in said
    assert "ASP files do not list Q9999" in other_schedule_note("Q9999")[0]  # the rest of Q: as before


def test_a_2025_skin_substitute_is_an_asp_file_not_installed_not_excluded(pricer) -> None:  # type: ignore[no-untyped-def]
    """A wound care trial: Q4101 on a 2025 date was "not payable" by the PFS's status E; in 2025 skin substitutes were
    biologicals on the ASP file (not installed for 2025): price and batch say so. In 2026 the PFS pays them."""
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer

    single = pricer.price("Q4101", units=25, zip_code="33612", date_of_service="2025-07-15")
    assert single.drug is not None and not single.drug.payable
    assert "ASP CY2025 not installed" in (single.drug.reason or "") and "skin substitutes" in single.drug.reason
    rows = [{"code": "Q4101", "units": "25", "zip": "33612", "date": "2025-07-15", "setting": "11"},
            {"code": "Q4158", "units": "25", "zip": "33612", "date": "2026-07-15", "setting": "11"}]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert "ASP CY2025 not installed" in out[0]["note"] and out[0]["allowed"] is None
    later = pricer.price("Q4158", units=25, zip_code="33612", date_of_service="2026-07-15")
    assert out[1]["allowed"] == later.pfs.non_facility.amount * 25 and "ASP" not in (out[1]["note"] or "")
