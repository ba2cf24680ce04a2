"""A cath lab group's credential lists: the physician's degree beside cardiology's society fellowships ('MD, FACC',
'DO, FSCAI', 'MD, FACC, FHRS'). A trial found 'NGUYEN, LINDA DO, FSCAI' unread: the whole 'Rendering Provider' column
was left unread for it, and a PA's 99223 at the hospital (POS 21) in ZIP 44195 beside it priced at a physician's
100%, where the PA's line is paid 85%. Each amount is checked against CMS's own fee (RVU26C x the 2026 GPCIs x the
CF)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import DATA, fee_2026
from rvucalc.batch.lines import provider_of
from rvucalc.cli import app

OHIO = "1520200"  # ZIP 44195's locality (CMS's ZIP5 file)


def _rvu_2026_row(code: str, modifier: str) -> list[str]:
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1") as handle:
        return next(row for row in csv.reader(handle) if row[:2] == [code, modifier])


def _85_percent(amount: Decimal) -> Decimal:
    return (amount * Decimal("0.85")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.mark.parametrize(
    "cell",
    ["DO, FSCAI", "MD, FACC, FSCAI", "MD, MSCAI", "MD, FACC, FHRS", "MD, FASE", "MD, FASNC", "MD, FSCCT", "MD, FAHA",
     "MD, FESC", "NGUYEN, LINDA DO, FSCAI"],
)  # fmt: skip
def test_a_cardiology_fellowship_beside_the_degree_is_left_out(cell: str) -> None:
    assert provider_of(cell) == "physician"


def test_an_fscai_keeps_the_rendering_column_read_and_the_pa_paid_85_percent(tmp_path: Path) -> None:
    source = tmp_path / "cath.csv"
    source.write_text(
        "Claim Number,Date of Service,Place of Service,CPT/HCPCS,Modifier 1,Units,Rendering Provider,"
        "Service Facility ZIP\n"
        'CL1,08/03/2026,21,99223,,1,"LEE, SAM PA-C",44195\n'
        'CL2,08/03/2026,22,93458,26,1,"NGUYEN, LINDA DO, FSCAI",44195\n'
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "provider ← Rendering Provider" in result.stderr
    pa_row, md_row = list(csv.DictReader(out.open()))
    assert Decimal(pa_row["allowed"]) == _85_percent(fee_2026("99223", OHIO, facility=True)), pa_row
    cath_26 = fee_2026(_rvu_2026_row("93458", "26"), OHIO, facility=True)
    assert Decimal(md_row["professional_allowed"]) == cath_26, md_row
    assert "not read" not in md_row["note"], md_row
