"""An interventional pain practice's NextGen/Kareo-style export names its ASC as the POS 24 lines' 'Billing Provider'
the way billing systems cut or write ASC names: 'SURGERY CENTER OF SCOTTSDALE', 'Spine Surgical Center of Arizona,
LLC', 'SCOTTSDALE SURGERY CTR', 'DESERT SPINE AMB SURG CTR'. Those rows were priced as the surgeon's second claim:
64483's facility fee counted among the practitioners' claims and the ASC's own payment (July 2026 Addendum AA's rate x
the CY2026 ASC wage index of CBSA 38060 Phoenix, half labor-related) left out of the facility claims. A Medicare ASC
bills on the 837P with POS 24, the MAC telling its lines from the surgeon's by the billing provider (Claims Processing
Manual ch. 14 §50): each such row is the ASC's own claim line, every money column and the summary's totals equal to
the UB-04 831 file's. A surgeons' professional association named so ('SURGERY CENTER OF TAMPA, P.A.') stays the
surgeon's claim."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from cms_fees import fee_2026
from rvucalc.lookup.credentials import asc_billing_provider
from test_batch_asc_billing_provider_with_the_surgeon_rendering import MONEY
from test_batch_asc_provider_own_claim import _run
from test_facility_lines_of_several_units import _addendum_aa_rate, _rounded

HEADER = "Encounter #,From DOS,Proc Code,Modifier 1,Units,Place of Svc,Rendering,Billing Provider,TOB,Facility Zip\n"
SURGEON = '100203,08/12/2026,64483,,1,24,"GARCIA, LUIS MD",SOUTHWEST PAIN & SPINE PLLC,,85251\n'
BY_BILLING = '100204,08/12/2026,64483,,1,24,"GARCIA, LUIS MD","{billing}",,85251\n'
BY_BILL = "100204,08/12/2026,64483,,1,,,DESERT SPINE ASC,831,85251\n"
PHOENIX_WAGE_INDEX = Fraction("1.0117")  # CY2026 ASC wage index (WI26), CBSA 38060 Phoenix-Mesa-Chandler, AZ


@pytest.mark.parametrize(
    "billing",
    [
        "SURGERY CENTER OF SCOTTSDALE",
        "Spine Surgical Center of Arizona, LLC",
        "Ambulatory Surgical Center of Phoenix",
        "SCOTTSDALE SURGERY CTR",
        "DESERT SPINE AMB SURG CTR",
    ],
)
def test_an_asc_named_a_surgery_center_of_a_place_or_cut_short_is_the_asc_s_own_claim(
    tmp_path: Path, billing: str
) -> None:
    bill_rows, bill_summary, _ = _run(tmp_path, "bill", HEADER + SURGEON + BY_BILL)
    rows, summary, _ = _run(tmp_path, "billing", HEADER + SURGEON + BY_BILLING.format(billing=billing))
    for row, by_bill in zip(rows, bill_rows, strict=True):
        assert {k: row[k] for k in MONEY} == {k: by_bill[k] for k in MONEY}, (billing, row["Encounter #"])
    assert summary["totals"] == bill_summary["totals"], billing
    totals = summary["totals"]
    asc_rate = _rounded(_addendum_aa_rate("64483") * (PHOENIX_WAGE_INDEX / 2 + Fraction(1, 2)))
    assert (totals["facility_claims"]["lines"], Decimal(totals["facility_claims"]["allowed"])) == (1, asc_rate)
    surgeon = fee_2026("64483", "0310200", facility=True)
    assert (totals["professional"]["lines"], Decimal(totals["professional"]["allowed"])) == (1, surgeon)


def test_a_surgeons_association_or_another_name_is_no_asc() -> None:
    for name in ("SURGERY CENTER OF TAMPA, P.A.", "PLASTIC SURGERY CENTER OF MIAMI PA", "CENTER OF HOPE",
                 "CENTER FOR SPINE SURGERY", "SOUTHWEST PAIN & SPINE PLLC", "SOUTHWEST SURGICAL SUITES"):  # fmt: skip
        assert not asc_billing_provider(name), name


@pytest.mark.parametrize(
    "billing",
    [
        "PLASTIC SURGERY CENTER OF MIAMI MEDICAL GROUP",
        "SURGERY CENTER OF SCOTTSDALE PHYSICIANS",
        "ORTHOPEDIC SURGERY CENTER OF PHOENIX ASSOCIATES",
        "WEIGHT LOSS SURGERY CENTER OF EXCELLENCE",
    ],
)
def test_a_surgeons_practice_named_a_surgery_center_of_a_place_and_its_group_is_no_asc(
    tmp_path: Path, billing: str
) -> None:
    """A practice's words after the place ('... MEDICAL GROUP', '... PHYSICIANS', '... ASSOCIATES') or a program's
    ('... OF EXCELLENCE') name the surgeons' practice, which bills the professional claim: its POS 24 row stays the
    surgeon's line (RVU26C's facility fee in ARIZONA), where a review found it read as the ASC's own claim line, the
    ASC's payment counted among the facility claims and no surgeon's fee."""
    assert not asc_billing_provider(billing)
    _rows, summary, _ = _run(tmp_path, "billing", HEADER + SURGEON + BY_BILLING.format(billing=billing))
    totals = summary["totals"]
    surgeon = fee_2026("64483", "0310200", facility=True)
    assert not totals.get("facility_claims") or totals["facility_claims"]["lines"] == 0, billing
    assert (totals["professional"]["lines"], Decimal(totals["professional"]["allowed"])) == (2, surgeon * 2), billing
