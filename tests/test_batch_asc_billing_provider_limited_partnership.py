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

from decimal import Decimal
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


CELL_HEADER = "Encounter #,Svc Date,Proc Code,Mod1,Units,POS,Provider,Zip\n"


@pytest.mark.parametrize("center", ["KNOXVILLE ENDOSCOPY CENTER LP", "Knoxville Endoscopy Center, L.P.",
                                    "SMOKY MTN ENDO CTR LLLP"])  # fmt: skip
def test_an_endoscopy_center_s_lp_in_the_provider_cell_is_no_psychologist_s(tmp_path: Path, center: str) -> None:
    """The same center's name in a provider cell, at POS 24: the ASC's own claim line, as the name without LP is, no
    psychologist's note on it; and `price --provider` refuses it at --setting 24 as the ASC's, where it priced a
    psychologist's professional line ($165.07 for G0121 in ZIP 37919) that batch counted as the ASC's. Its LP is the
    partnership's form (_PARTNERSHIP_FORMS), not a licensed psychologist's. At POS 24 (ZIP 60611, 2026-08-03) 31622
    is the ASC's: July 2026 Addendum AA's rate x the CY2026 ASC wage index of CBSA 16984 (1.0228), half
    labor-related, as the endoscopy center test reads it (42 CFR 416.172(c)(1)); the physician's beside it RVU26C's
    facility fee in locality 16/02 (0610216)."""
    from fractions import Fraction

    from typer.testing import CliRunner

    from cms_fees import fee_2026
    from rvucalc.cli import app
    from test_batch_asc_billing_provider_endoscopy_center import CHICAGO_WAGE_INDEX
    from test_batch_asc_provider_own_claim import _run
    from test_facility_lines_of_several_units import _addendum_aa_rate, _rounded

    with pytest.raises(ValueError):
        provider_of(center)
    text = (CELL_HEADER + 'A0,08/03/2026,31622,,1,24,"PATEL, ANIL MD",60611\n'
            + f'A1,08/03/2026,31622,,1,24,"{center}",60611\n')  # fmt: skip
    rows, summary, _ = _run(tmp_path, "cell", text)
    totals = summary["totals"]
    asc_rate = _rounded(_addendum_aa_rate("31622") * (CHICAGO_WAGE_INDEX / 2 + Fraction(1, 2)))
    assert (totals["facility_claims"]["lines"], Decimal(totals["facility_claims"]["allowed"])) == (1, asc_rate)
    surgeon = fee_2026("31622", "0610216", facility=True)
    assert (totals["professional"]["lines"], Decimal(totals["professional"]["allowed"])) == (1, surgeon)
    assert "psychologist" not in rows[1]["note"], rows[1]
    priced = CliRunner().invoke(
        app, ["price", "G0121", "--zip", "37919", "--date", "2025-10-20", "--setting", "24", "--provider", center]
    )
    assert priced.exit_code == 2, priced.output
    assert "names an ambulatory surgical center" in " ".join(priced.stderr.split()), priced.stderr


def test_a_psychologist_s_lp_after_a_person_s_name_is_kept() -> None:
    for cell in ("SMITH, JOHN LP", "JOHN SMITH LP", "SMITH, JOHN PHD, LP", "CENTER, JOHN LP"):
        assert provider_of(cell) == "psychologist", cell
