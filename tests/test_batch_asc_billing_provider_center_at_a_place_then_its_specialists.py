"""'ENDOSCOPY CENTER AT EVANSTON GASTROENTEROLOGISTS' in a POS 24 row's 'Billing Provider' was read as the ASC's own
name by session 74's '... Center at <place>' rule (batch: the ASC's own claim line). A specialty's practitioners
after the place ('GASTROENTEROLOGISTS', 'UROLOGISTS', 'ANESTHESIOLOGISTS', as 'SURGEONS', 'PHYSICIANS', 'ASSOCIATES',
'PARTNERS' already were) name the physicians' practice, which bills the professional claim at the ASC: its 64483 (ZIP
85251, 2026-08-11) is the surgeon's RVU26C facility fee in ARIZONA, $97.72 ((1.85 x 1.000 + 0.96 x 0.969 + 0.17 x
0.856) x 33.4009), not the ASC's July 2026 Addendum AA rate $485.51 x (1.0117 / 2 + 1 / 2) for CBSA 38060, $488.35
(Claims Processing Manual ch. 14 §50: the ASC and the surgeon each bill their own claim at POS 24)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from cms_fees import fee_2026
from rvucalc.lookup.credentials import asc_billing_provider
from test_batch_asc_provider_own_claim import _run
from test_facility_lines_of_several_units import _addendum_aa_rate, _rounded

HEADER = "Encounter #,From DOS,Proc Code,Modifier 1,Units,Place of Svc,Rendering,Billing Provider,TOB,Facility Zip\n"
ROW = '{claim},08/11/2026,64483,,1,24,"GARCIA, LUIS MD","{billing}",,85251\n'
PHOENIX_WAGE_INDEX = Fraction("1.0117")  # CY2026 ASC wage index, CBSA 38060 Phoenix-Mesa-Chandler, AZ
PRACTICES = [
    "ENDOSCOPY CENTER AT EVANSTON GASTROENTEROLOGISTS",
    "SURGERY CENTER AT LAKE FOREST UROLOGISTS",
    "SURGERY CENTER OF SCOTTSDALE ANESTHESIOLOGISTS",
    "SURGERY CENTER AT LAKE FOREST SURGEONS",
    "SURGERY CENTER AT LAKE FOREST PARTNERS",
]


@pytest.mark.parametrize("practice", PRACTICES)
def test_a_center_at_a_place_then_its_specialists_is_the_practice(practice: str) -> None:
    assert not asc_billing_provider(practice)


@pytest.mark.parametrize(
    "asc_name", ["ENDOSCOPY CENTER AT EVANSTON GASTROENTEROLOGISTS ASC", "SURGERY CENTER AT BAYLOR ORTHOPEDISTS, ASC"]
)
def test_a_center_named_asc_after_its_specialists_is_the_asc(asc_name: str, tmp_path: Path) -> None:
    # an ASC's own words at the name's end say the ASC, whatever precedes them (_ASC_NAME_ENDS): the ASC's 64483
    # at POS 24 in ZIP 85251 is its July 2026 Addendum AA rate, wage-adjusted for CBSA 38060, $488.35
    assert asc_billing_provider(asc_name)
    rows, summary, _ = _run(tmp_path, "both", HEADER + ROW.format(claim="A1", billing=asc_name))
    asc_rate = _rounded(_addendum_aa_rate("64483") * (PHOENIX_WAGE_INDEX / 2 + Fraction(1, 2)))
    assert asc_rate == Decimal("488.35") and rows[0]["asc_rate"] == f"{asc_rate}", rows
    totals = summary["totals"]
    assert (totals["facility_claims"]["lines"], Decimal(totals["facility_claims"]["allowed"])) == (1, asc_rate)
    assert "professional" not in totals, totals  # no physician's claim


def test_the_asc_and_the_practice_each_priced_as_their_own_claim(tmp_path: Path) -> None:
    asc_name, practice = "ENDOSCOPY CENTER AT EVANSTON", "ENDOSCOPY CENTER AT EVANSTON GASTROENTEROLOGISTS"
    assert asc_billing_provider(asc_name)
    text = HEADER + ROW.format(claim="A1", billing=asc_name) + ROW.format(claim="P1", billing=practice)
    rows, summary, _ = _run(tmp_path, "both", text)
    asc_rate = _rounded(_addendum_aa_rate("64483") * (PHOENIX_WAGE_INDEX / 2 + Fraction(1, 2)))
    surgeon = fee_2026("64483", "0310200", facility=True)
    assert (asc_rate, surgeon) == (Decimal("488.35"), Decimal("97.72"))
    assert [(row["asc_rate"], row["pfs_facility_amount"]) for row in rows] == [(f"{asc_rate}", f"{surgeon}")] * 2
    totals = summary["totals"]  # the ASC's row among the facilities' own claims, the practice's among the physicians'
    assert (totals["facility_claims"]["lines"], Decimal(totals["facility_claims"]["allowed"])) == (1, asc_rate)
    assert (totals["professional"]["lines"], Decimal(totals["professional"]["allowed"])) == (1, surgeon)
