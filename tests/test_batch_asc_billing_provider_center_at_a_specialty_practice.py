"""A 'Billing Provider' at the ASC (POS 24) named a center at a place followed by a specialty practice's name
('ENDOSCOPY CENTER AT PIEDMONT GASTROENTEROLOGY', '... AT PIEDMONT GI') was read as the ASC, while '... AT EVANSTON
GASTROENTEROLOGISTS' (session 75) is the practice: a name that ends in a specialty practice's name is the practice's,
one ending in an ASC's own words after it ('... GI ASC') the ASC's (lookup.credentials.asc_billing_provider)."""

from __future__ import annotations

import pytest

from rvucalc.lookup.credentials import asc_billing_provider


@pytest.mark.parametrize("name", ["ENDOSCOPY CENTER AT PIEDMONT GASTROENTEROLOGY", "ENDOSCOPY CENTER AT PIEDMONT GI",
                                  "ENDOSCOPY CENTER AT PIEDMONT GASTROENTEROLOGY, LLC",
                                  "SURGERY CENTER OF ATLANTA UROLOGY",
                                  "ENDOSCOPY CENTER AT EVANSTON GASTROENTEROLOGISTS"])  # fmt: skip
def test_a_center_at_a_specialty_practice_is_the_practice(name: str) -> None:
    assert not asc_billing_provider(name)


ASC_NAMES = ["ENDOSCOPY CENTER AT PIEDMONT GI ASC", "ENDOSCOPY CENTER AT PIEDMONT GASTROENTEROLOGY ASC",
             "ENDOSCOPY CENTER AT EVANSTON GASTROENTEROLOGISTS ASC", "SURGERY CENTER OF SCOTTSDALE",
             "THE SURGERY CENTER AT LUTHERVILLE", "ENDOSCOPY CENTER OF EVANSTON, LLC"]  # fmt: skip


@pytest.mark.parametrize("name", ASC_NAMES)
def test_a_center_at_a_place_or_ending_in_asc_is_the_asc(name: str) -> None:
    assert asc_billing_provider(name)
