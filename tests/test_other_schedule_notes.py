"""What a code nothing installed pays is said to be paid from: by its exact code before its HCPCS range."""

from __future__ import annotations

from rvucalc.lookup.pricer import other_schedule_note


def test_the_telehealth_originating_site_fee_is_not_called_an_asp_drug(pricer) -> None:  # type: ignore[no-untyped-def]
    """A trial: Q3014 was "paid from Medicare's temporary codes (drugs, biologicals and others), and the installed
    ASP files do not list Q3014" (its first letter's range). It is the originating site's national fee."""
    said = " ".join(pricer.price("Q3014", zip_code="02139").notes)
    assert "telehealth originating site facility fee" in said and "ASP" not in said
    assert "ASP files do not list Q9999" in other_schedule_note("Q9999")[0]  # the rest of Q: as before
