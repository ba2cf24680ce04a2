"""An eye practice's credential cells: the OD beside optometry's fellowship ('PATEL, ANITA OD, FAAO', 'OD, FAAO',
'O.D., F.A.A.O.'): "Fellows of the American Academy of Optometry are entitled to use the designation FAAO" (aaopt.org).
An ophthalmology group's trial found 'PATEL, ANITA OD, FAAO' unread: the whole 'Provider' column was left unread for
it, and a PA's 92014 beside it at ZIP 33136 priced at a physician's 100%, where the PA's line is paid 85%. Each amount
is checked against CMS's own fee (RVU26C x the 2026 GPCIs x the CF)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.batch.lines import provider_of
from rvucalc.cli import app

MIAMI = "0910204"  # ZIP 33136's locality (CMS's ZIP5 file)


@pytest.mark.parametrize("cell", ["OD, FAAO", "OD FAAO", "PATEL, ANITA OD, FAAO", "O.D., F.A.A.O.", "MD, FAAO"])
def test_the_optometry_fellowship_beside_the_license_is_left_out(cell: str) -> None:
    assert provider_of(cell) == "physician"


def test_the_fellowship_alone_names_no_practitioner() -> None:
    with pytest.raises(Exception, match="give the practitioner"):
        provider_of("FAAO")


@pytest.mark.parametrize("od", ["PATEL, ANITA OD, FAAO", "PATEL, ANITA O.D., F.A.A.O."])
def test_an_faao_keeps_the_provider_column_read_and_the_pa_paid_85_percent(tmp_path: Path, od: str) -> None:
    source = tmp_path / "eye.csv"
    source.write_text(
        "Claim No,Svc Date,Proc Code,Mod1,Mod2,Qty,Place of Svc,Pt Zip,Provider\n"
        f'E1,04/16/2026,92014,,,1,11,33136,"{od}"\n'
        'E2,04/16/2026,92014,,,1,11,33136,"LEE, SAM PA-C"\n'
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "provider ← Provider" in result.stderr
    od_row, pa_row = list(csv.DictReader(out.open()))
    fee = fee_2026("92014", MIAMI)
    assert Decimal(od_row["allowed"]) == fee, od_row
    assert Decimal(pa_row["allowed"]) == (fee * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP), pa_row
    assert "not read" not in od_row["note"], od_row
