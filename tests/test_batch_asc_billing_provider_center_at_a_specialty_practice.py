"""A 'Billing Provider' at the ASC (POS 24) named a center at a place followed by a specialty practice's name
('ENDOSCOPY CENTER AT PIEDMONT GASTROENTEROLOGY', '... AT PIEDMONT GI') was read as the ASC, while '... AT EVANSTON
GASTROENTEROLOGISTS' (session 75) is the practice: a name that ends in a specialty practice's name is the practice's,
one ending in an ASC's own words after it ('... GI ASC') the ASC's (lookup.credentials.asc_billing_provider)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rvucalc.lookup.credentials import asc_billing_provider
from test_batch_asc_billing_provider_endoscopy_center import (
    test_an_asc_named_an_endoscopy_center_is_the_asc_s_own_claim as endoscopy_center_is_the_asc_s_own_claim,
)


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


@pytest.mark.parametrize("name", ["SURGERY CENTER OF ADVANCED TECHNOLOGY", "ENDOSCOPY CENTER AT LASER TECHNOLOGY"])
def test_a_center_of_a_technology_is_the_asc_s_own_claim(tmp_path: Path, name: str) -> None:
    """'TECHNOLOGY' ends in -ology but names no specialty practice (a review): the center's name stays the ASC's, its
    31622 at POS 24 (ZIP 60611, 2026-08-03) the ASC's own claim line: July 2026 Addendum AA's rate x the CY2026 ASC
    wage index of CBSA 16984, half labor-related (42 CFR 416.172(c)), as the endoscopy center test reads it."""
    endoscopy_center_is_the_asc_s_own_claim(tmp_path, name)
