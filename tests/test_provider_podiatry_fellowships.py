"""A podiatry practice's credential cells: the DPM beside podiatry's fellowships and boards ('DPM, FACFAS', 'DPM,
DABPM'), CMS's specialty 48 by its name ('Podiatry') and the degree spelled out ('Doctor of Podiatric Medicine'). A
trial found 'ALVAREZ, MARIA DPM, FACFAS' unread: the whole 'Rendering Provider' column was left unread for it, and the
practice's NP's 11721-Q8 at the nursing facility (POS 32) in ZIP 85016 priced at a physician's 100%, where the NP's
line is paid 85%. Each amount is checked against CMS's own fee (RVU26C x the 2026 GPCIs x the CF)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.batch.lines import provider_of
from rvucalc.cli import app

ARIZONA = "0310200"  # ZIP 85016's locality (CMS's ZIP5 file)


def _85_percent(amount: Decimal) -> Decimal:
    return (amount * Decimal("0.85")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.mark.parametrize(
    "cell",
    ["DPM, FACFAS", "DPM FACFAS", "ALVAREZ, MARIA DPM, FACFAS", "DPM, FACFAOM", "DPM, DABFAS", "DPM, ABFAS",
     "DPM, DABPM", "DPM, ABPM", "DPM, DABPS", "Podiatry", "Doctor of Podiatric Medicine"],
)  # fmt: skip
def test_a_podiatry_fellowship_or_board_beside_the_dpm_is_left_out(cell: str) -> None:
    assert provider_of(cell) == "physician"


def test_a_fellowship_alone_names_no_practitioner() -> None:
    with pytest.raises(Exception, match="give the practitioner"):
        provider_of("FACFAS")


@pytest.mark.parametrize(
    ("header", "dpm", "np", "options"),
    [("Rendering Provider", "ALVAREZ, MARIA DPM, FACFAS", "NGUYEN, LISA FNP-C", ()),
     ("Rendering Provider Credentials", "Doctor of Podiatric Medicine", "NP", ()),
     # a specialty column is read when named so (said on stderr): its 'Podiatry' cells were not read even then
     ("Provider Specialty", "Podiatry", "Nurse Practitioner", ("--columns", "provider=Provider Specialty"))],
)  # fmt: skip
def test_a_facfas_keeps_the_rendering_column_read_and_the_np_paid_85_percent(
    tmp_path: Path, header: str, dpm: str, np: str, options: tuple[str, ...]
) -> None:  # fmt: skip
    source = tmp_path / "podiatry.csv"
    source.write_text(
        f"Claim #,Svc Date,{header},POS,Svc Loc Zip,Proc Code,Modifiers,Units\n"
        f'P1,2026-08-03,"{dpm}",11,85016,11721,Q8,1\n'
        f'P2,2026-08-04,"{np}",32,85016,11721,Q8,1\n'
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), *options])
    assert result.exit_code == 0, result.output
    assert f"provider ← {header}" in result.stderr
    dpm_row, np_row = list(csv.DictReader(out.open()))
    fee = fee_2026("11721", ARIZONA)  # the office (non-facility) amount: POS 11, and POS 32 is paid as the office
    assert Decimal(dpm_row["allowed"]) == fee, dpm_row
    assert Decimal(np_row["allowed"]) == _85_percent(fee), np_row
    assert "not read" not in dpm_row["note"], dpm_row
