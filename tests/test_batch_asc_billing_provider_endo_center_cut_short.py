"""A GI group's billing system cuts its co-owned ASC's name to fit its field: 'SMOKY MTN ENDO CTR', 'PEACHTREE ENDO
CENTER, LLC' for the endoscopy center, as it writes 'SCOTTSDALE SURGERY CTR' for a surgery center. Such a POS 24
'Billing Provider' was read as the physicians' claim: the ASC's own G0121 at ZIP 37919 (2025-10-20) counted among the
practitioners' claims ($165.07, the PFS facility amount), its $416.98 ASC payment left out of the facility claims. A
Medicare ASC bills on the 837P with POS 24, the MAC telling its lines from the surgeon's by the billing provider
(Claims Processing Manual ch. 14 §50): each such row is the ASC's own claim line, every money column and the summary's
totals equal to the UB-04 831 file's, as the endoscopy center test checks them (its 31622 at ZIP 60611: July 2026
Addendum AA's rate x the CY2026 ASC wage index of CBSA 16984, half labor-related; the surgeon's RVU26C facility fee).
With a professional entity's form after it ('ATLANTA ENDO CENTER, P.A.') the name stays the physicians' practice."""

from __future__ import annotations

from pathlib import Path

import pytest

from rvucalc.lookup.credentials import asc_billing_provider
from test_batch_asc_billing_provider_endoscopy_center import (
    test_an_asc_named_an_endoscopy_center_is_the_asc_s_own_claim as endoscopy_center_is_the_asc_s_own_claim,
)


@pytest.mark.parametrize(
    "billing", ["SMOKY MTN ENDO CTR", "PEACHTREE ENDO CENTER, LLC", "NORTH SHORE ENDO CTR LP", "Lake Endo Ctr"]
)
def test_an_endoscopy_center_s_name_cut_to_endo_ctr_is_the_asc_s_own_claim(tmp_path: Path, billing: str) -> None:
    endoscopy_center_is_the_asc_s_own_claim(tmp_path, billing)


def test_an_endo_center_with_a_practice_s_form_is_no_asc() -> None:
    for name in ("ATLANTA ENDO CENTER, P.A.", "ATLANTA ENDO CTR PC", "ENDO CTR PLLC"):
        assert not asc_billing_provider(name), name
