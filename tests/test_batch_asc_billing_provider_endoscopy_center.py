"""A pulmonary group's export names its bronchoscopy ASC as the POS 24 lines' 'Billing Provider' by the center's name,
'NORTH SHORE ENDOSCOPY CENTER' (GI and pulmonary ASCs are often named an endoscopy center). Its row was priced as the
surgeon's second 31622 beside the practice's own (the second at 50%, called a duplicate), the ASC's own payment left
out of the facility claims. A Medicare ASC bills on the 837P with POS 24, the MAC telling its lines from the
surgeon's by the billing provider (Claims Processing Manual ch. 14 §50): each such row is the ASC's own claim line,
every money column and the summary's totals equal to the UB-04 831 file's (July 2026 Addendum AA's rate x the CY2026
ASC wage index of CBSA 16984 Chicago, half labor-related). An endoscopists' professional association named so
('LAKE ENDOSCOPY CENTER, P.A.') stays the surgeon's claim."""

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

HEADER = "Encounter #,Svc Date,Proc Code,Mod1,Units,POS,Rendering,Billing Provider,TOB,Zip\n"
SURGEON = '100601,08/03/2026,31622,,1,24,"PATEL, ANIL MD, FCCP","LAKESHORE PULMONARY & CRITICAL CARE, S.C.",,60611\n'
BY_BILLING = '100602,08/03/2026,31622,,1,24,"PATEL, ANIL MD, FCCP","{billing}",,60611\n'
BY_BILL = "100602,08/03/2026,31622,,1,,,NORTH SHORE ASC,831,60611\n"
CHICAGO_WAGE_INDEX = Fraction("1.0228")  # CY2026 ASC wage index (WI26), CBSA 16984 Chicago-Naperville-Schaumburg, IL


@pytest.mark.parametrize(
    "billing",
    ["NORTH SHORE ENDOSCOPY CENTER", "Lake Endoscopy Ctr, LLC", "ENDOSCOPY CENTER OF EVANSTON",
     "ENDOSCOPY CENTER AT EVANSTON", "THE SURGERY CENTER AT LAKE FOREST, LLC"],
)  # fmt: skip
def test_an_asc_named_an_endoscopy_center_is_the_asc_s_own_claim(tmp_path: Path, billing: str) -> None:
    assert asc_billing_provider(billing)
    bill_rows, bill_summary, _ = _run(tmp_path, "bill", HEADER + SURGEON + BY_BILL)
    rows, summary, _ = _run(tmp_path, "billing", HEADER + SURGEON + BY_BILLING.format(billing=billing))
    for row, by_bill in zip(rows, bill_rows, strict=True):
        assert {k: row[k] for k in MONEY} == {k: by_bill[k] for k in MONEY}, (billing, row["Encounter #"])
    assert summary["totals"] == bill_summary["totals"], billing
    totals = summary["totals"]
    asc_rate = _rounded(_addendum_aa_rate("31622") * (CHICAGO_WAGE_INDEX / 2 + Fraction(1, 2)))
    assert (totals["facility_claims"]["lines"], Decimal(totals["facility_claims"]["allowed"])) == (1, asc_rate)
    surgeon = fee_2026("31622", "0610216", facility=True)
    assert (totals["professional"]["lines"], Decimal(totals["professional"]["allowed"])) == (1, surgeon)


def test_an_endoscopists_association_named_an_endoscopy_center_is_no_asc() -> None:
    for name in ("LAKE ENDOSCOPY CENTER, P.A.", "NORTH SHORE ENDOSCOPY CENTER PC", "ENDOSCOPY CENTER OF EVANSTON PLLC",
                 "SURGERY CENTER AT LAKE FOREST PHYSICIANS", "ENDOSCOPY CENTER AT EVANSTON, P.C."):  # fmt: skip
        assert not asc_billing_provider(name), name


CELL_HEADER = "Encounter #,Svc Date,Proc Code,Mod1,Units,POS,Provider,Zip\n"


@pytest.mark.parametrize(
    "practice", ["LAKESHORE PULMONARY AND ENDOSCOPY CENTER PC", "LAKE ENDOSCOPY CENTER, P.A.",
                 "NORTH SHORE ENDOSCOPY CENTER, P.C.", "MIAMI PLASTIC SURGERY CENTER, P.A."],
)  # fmt: skip
def test_an_endoscopy_center_s_name_with_a_practice_s_form_in_the_provider_cell_is_no_asc(
    tmp_path: Path, practice: str
) -> None:
    """A provider cell naming the physicians' practice (beside its physician's), an endoscopy or surgery center's name
    with a professional entity's form after it, at POS 24: the physician's line (its PFS facility amount, RVU26C in
    Chicago), not the ASC's own claim line, as the billing provider so named is. The ASC's own cell beside it
    ('NORTH SHORE ENDOSCOPY CENTER') stays the ASC's: July 2026 Addendum AA's rate x the CY2026 ASC wage index of
    CBSA 16984."""
    from typer.testing import CliRunner

    from rvucalc.cli import app

    text = (CELL_HEADER + 'A0,08/03/2026,31622,,1,24,"PATEL, ANIL MD",60611\n'
            + f'A1,08/03/2026,31622,,1,24,"{practice}",60611\n'
            + "A2,08/03/2026,31622,,1,24,NORTH SHORE ENDOSCOPY CENTER,60611\n")  # fmt: skip
    rows, summary, _ = _run(tmp_path, "cell", text)
    totals = summary["totals"]
    surgeon = fee_2026("31622", "0610216", facility=True)
    assert (totals["professional"]["lines"], Decimal(totals["professional"]["allowed"])) == (2, 2 * surgeon), practice
    asc_rate = _rounded(_addendum_aa_rate("31622") * (CHICAGO_WAGE_INDEX / 2 + Fraction(1, 2)))
    assert (totals["facility_claims"]["lines"], Decimal(totals["facility_claims"]["allowed"])) == (1, asc_rate)
    assert "A practice's name is no credential" in rows[1]["note"], rows[1]
    priced = CliRunner().invoke(app, ["price", "31622", "--zip", "60611", "--setting", "24", "--provider", practice])
    assert priced.exit_code == 2, priced.output
    said = " ".join(priced.stderr.split())
    assert "A practice's name is no credential" in said and "ambulatory surgical center" not in said, said
