"""A GI group's export names its co-owned endoscopy ASC as the POS 24 lines' 'Billing Provider' with the center's
entity form, a limited partnership ('KNOXVILLE ENDOSCOPY CENTER LP', 'Knoxville Endoscopy Center, L.P.'), as ASCs
owned jointly by physicians and a hospital often are. Its rows were read as the physicians' claim: the ASC's own
G0121 at ZIP 37919 (2025-10-20) counted among the practitioners' claims ($165.07, the PFS facility amount), its
$416.98 ASC payment left out of the facility claims. A Medicare ASC bills on the 837P with POS 24, the MAC telling its
lines from the surgeon's by the billing provider (Claims Processing Manual ch. 14 §50): each such row is the ASC's own
claim line, every money column and the summary's totals equal to the UB-04 831 file's, as the endoscopy center test
checks them (its 31622 at ZIP 60611: July 2026 Addendum AA's rate x the CY2026 ASC wage index of CBSA 16984, half
labor-related; the surgeon's RVU26C facility fee). LP is no professional entity's form (a practice's P.A., P.C.,
PLLC), and a person's 'SMITH, JOHN LP' stays the licensed psychologist's."""

from __future__ import annotations

from pathlib import Path

import pytest

from rvucalc.batch.lines import provider_of
from rvucalc.lookup.credentials import asc_billing_provider
from test_batch_asc_billing_provider_endoscopy_center import (
    test_an_asc_named_an_endoscopy_center_is_the_asc_s_own_claim as endoscopy_center_is_the_asc_s_own_claim,
)


@pytest.mark.parametrize(
    "billing",
    ["KNOXVILLE ENDOSCOPY CENTER LP", "Knoxville Endoscopy Center, L.P.", "NORTH SHORE ENDOSCOPY CENTER, LP",
     "NORTH SHORE SURGERY CENTER LP"],
)  # fmt: skip
def test_an_endoscopy_center_that_is_a_limited_partnership_is_the_asc_s_own_claim(tmp_path: Path, billing: str) -> None:
    endoscopy_center_is_the_asc_s_own_claim(tmp_path, billing)


def test_a_person_s_lp_stays_the_licensed_psychologist() -> None:
    assert not asc_billing_provider("SMITH, JOHN LP")
    assert provider_of("SMITH, JOHN LP") == "psychologist"
