"""A claim id holding a facility's own bill's rows (the ASC by its provider cell at POS 24, or type of bill 83x, 13x)
and a practitioner's rows: the facility's rows are its own claim, priced apart, so without --paid-for the
practitioner's other rows at the hospital or ASC are compared with professional_allowed, not the site's whole allowed
amount, which holds the facility's payment the facility's own rows are compared with. An ophthalmology group's NextGen
export under one encounter: the surgeon's 66821-LT at POS 24 (ZIP 33609, 2026-08-04) paid its PFS facility amount was
"underpaid" by the ASC's rate for the same procedure on the ASC's own row beside it. Amounts are CMS's: RVU26C x the
2026 GPCIs x the CF, and Addendum AA (July 2026) x the CY2026 ASC wage index."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app

REST_OF_FLORIDA = "0910299"  # ZIP 33609's locality (CMS's ZIP5 file)
# Addendum AA, July 2026: 66821 national $301.90 (PI A2); CY2026 ASC wage index (WI26), CBSA 45294 (Tampa): 0.8981
ASC_RATE = (Decimal("301.90") * (Decimal("0.5") * Decimal("0.8981") + Decimal("0.5"))).quantize(
    Decimal("0.01"), ROUND_HALF_UP
)


def _run(tmp_path: Path, rows: str) -> tuple[list[dict[str, str]], str]:
    source = tmp_path / "nextgen.csv"
    header = "Encounter #,Svc Date,CPT/HCPCS,Mod 1,Units,POS,Bill Type,Rendering,Svc Loc ZIP,Ins Paid\n"
    source.write_text(header + rows)
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(out.open())), result.stderr


def test_the_surgeons_line_beside_the_ascs_own_line_is_compared_with_the_physicians_fee(tmp_path: Path) -> None:
    fee = fee_2026("66821", REST_OF_FLORIDA, facility=True)
    assert (fee, ASC_RATE) == (Decimal("272.58"), Decimal("286.52"))
    surgeon, asc = _run(
        tmp_path,
        f'S2,08/04/2026,66821,LT,1,24,,"CHEN, DAVID MD",33609,{fee}\n'
        f"S2,08/04/2026,66821,LT,1,24,,TAMPA BAY EYE SURGERY CENTER,33609,{ASC_RATE}\n",
    )[0]
    assert Decimal(surgeon["allowed"]) == fee + ASC_RATE  # the site's whole, as before
    assert (Decimal(surgeon["expected"]), Decimal(surgeon["variance"])) == (fee, 0), surgeon
    assert "facility's own claim, priced apart" in surgeon["note"], surgeon["note"]
    assert (Decimal(asc["expected"]), Decimal(asc["variance"])) == (ASC_RATE, 0), asc


def test_beside_the_ascs_831_bill_too(tmp_path: Path) -> None:
    fee = fee_2026("66821", REST_OF_FLORIDA, facility=True)
    rows, stderr = _run(
        tmp_path,
        f'S3,08/04/2026,66821,LT,1,24,,"CHEN, DAVID MD",33609,{fee}\nS3,08/04/2026,66821,LT,1,,831,,33609,{ASC_RATE}\n',
    )
    surgeon, asc = rows
    assert (Decimal(surgeon["expected"]), Decimal(asc["expected"])) == (fee, ASC_RATE), rows
    assert "less than expected" not in stderr, stderr


def test_a_claim_without_the_facilitys_rows_is_compared_as_before(tmp_path: Path) -> None:
    fee = fee_2026("66821", REST_OF_FLORIDA, facility=True)
    (surgeon,) = _run(tmp_path, f'S4,08/04/2026,66821,LT,1,24,,"CHEN, DAVID MD",33609,{fee}\n')[0]
    assert Decimal(surgeon["expected"]) == fee + ASC_RATE  # the site's whole: whose claim it is, no row says
