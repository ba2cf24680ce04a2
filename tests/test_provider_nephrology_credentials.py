"""A nephrology group's credential lists: its nephrologists' fellowships after the license ('KUMAR, ARJUN MD, FASN':
the American Society of Nephrology's; FISN, the International Society of Nephrology's; FNKF, the National Kidney
Foundation's) and its nurse practitioners' nephrology certification, NNCC's Certified Nephrology Nurse - Nurse
Practitioner ('ROSS, IDA APRN, CNN-NP', 'CNN-NP' alone). A trial found 'ABBOTT, SAM MD, FNKF, FASN' unread: the whole
'Rendering Provider' column was left unread for it, every NP's line beside it priced at a physician's 100%; 'KUMAR,
ARJUN MD, FASN' noted "not read as a practitioner" and 'ROSS, IDA CNN-NP' priced at 100%, where an NP's line is paid
85% (42 CFR 414.56(c)). Each amount is checked against CMS's own fee (RVU26C x the 2026 GPCIs x the CF)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.batch.lines import provider_of
from rvucalc.cli import app

CHICAGO = "0610216"  # ZIP 60612's locality (CMS's ZIP5 file)


def _85_percent(amount: Decimal) -> Decimal:
    return (amount * Decimal("0.85")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.mark.parametrize(
    "cell",
    ["KUMAR, ARJUN MD, FASN", "MD, FASN", "OKAFOR, CHIDI MD FASN", "NOWAK, ANNA DO, FNKF", "MD, FISN",
     "ABBOTT, SAM MD, FNKF, FASN", "GARCIA, LUIS MD, MPH, FASN", "CHEN, WEI MD, FACP, FASN"],
)  # fmt: skip
def test_a_nephrology_fellowship_beside_the_license_is_left_out(cell: str) -> None:
    assert provider_of(cell) == "physician"


@pytest.mark.parametrize("cell", ["ROSS, IDA APRN, CNN-NP", "ROSS, IDA CNN-NP", "CNN-NP", "NP, FASN"])
def test_the_nephrology_nurse_practitioner_s_certification_is_an_np_s(cell: str) -> None:
    assert provider_of(cell) == "np"


def test_an_fnkf_fasn_keeps_the_rendering_column_read_and_the_nps_paid_85_percent(tmp_path: Path) -> None:
    source = tmp_path / "charges.csv"
    source.write_text(
        "Claim ID,Service Date,CPT/HCPCS,Modifier,Units,POS,Rendering Provider,Patient Zip,Charge Amount,Payment\n"
        'C1,8/4/2026,99214,,1,11,"WHITE, EMMA APRN, FNP-C",60612,300.00,\n'
        'C2,8/4/2026,99214,,1,11,"ROSS, IDA APRN, CNN-NP",60612,300.00,\n'
        'C3,8/4/2026,90960,,1,65,"ABBOTT, SAM MD, FNKF, FASN",60612,450.00,\n'
        'C4,8/4/2026,99214,,1,11,"KUMAR, ARJUN MD, FASN",60612,300.00,\n'
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "provider ← Rendering Provider" in result.stderr
    np_row, cnn_np_row, mcp_row, md_row = list(csv.DictReader(out.open()))
    visit = fee_2026("99214", CHICAGO)
    assert Decimal(np_row["allowed"]) == _85_percent(visit), np_row
    assert Decimal(cnn_np_row["allowed"]) == _85_percent(visit), cnn_np_row
    assert Decimal(mcp_row["allowed"]) == fee_2026("90960", CHICAGO), mcp_row
    assert Decimal(md_row["allowed"]) == visit, md_row
    assert "not read" not in mcp_row["note"] + md_row["note"], (mcp_row, md_row)
