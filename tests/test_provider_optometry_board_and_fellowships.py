"""An eye practice's rendering column with optometry's board certification and fellowships after the OD ('LEE, SAM OD
FAAO Dipl ABO', 'OD, FCOVD', 'OD, FAAO, FSLS'): the American Board of Optometry's Diplomate ("Dipl. ABO ... Letters
after OD: ABO"), the College of Optometrists in Vision Development's FCOVD, the Neuro-Optometric Rehabilitation
Association's FNORA, the Scleral Lens Education Society's FSLS and the Contact Lens Society of America's FCLSA name no
practitioner type: the OD is read. An ophthalmology group's trial (Tampa, ZIP 33606) found each left its whole
'Rendering' column unread, the PA's 92014 beside it priced at a physician's 100%, where the PA's line is paid 85%. Each
amount is checked against CMS's own fee (RVU26C x the 2026 GPCIs x the CF)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.batch.lines import provider_of
from rvucalc.cli import app

REST_OF_FLORIDA = "0910299"  # ZIP 33606's locality (CMS's ZIP5 file)
CELLS = [
    "LEE, SAM OD FAAO Dipl ABO",
    "LEE, SAM OD, FAAO, Dipl. ABO",
    "LEE, SAM OD, Diplomate ABO",
    "LEE, SAM OD, FCOVD",
    "LEE, SAM OD, FNORA",
    "LEE, SAM OD, FAAO, FSLS",
    "LEE, SAM OD, FAAO (Dipl), FSLS",
    "LEE, SAM OD, FCLSA",
]


@pytest.mark.parametrize("cell", [*CELLS, "OD, ABO", "OD, FCOVD", "O.D., F.S.L.S."])
def test_the_board_or_fellowship_beside_the_od_is_left_out(cell: str) -> None:
    assert provider_of(cell) == "physician"


def test_a_pa_with_the_board_certification_stays_a_pa() -> None:
    assert provider_of("KIM, JO PA-C, Dipl ABO") == "pa"


@pytest.mark.parametrize("cell", ["Dipl ABO", "FCOVD", "FSLS"])
def test_the_certification_alone_names_no_practitioner(cell: str) -> None:
    with pytest.raises(Exception, match="give the practitioner"):
        provider_of(cell)


@pytest.mark.parametrize("od", CELLS)
def test_the_rendering_column_is_read_and_the_pa_paid_85_percent(tmp_path: Path, od: str) -> None:
    source = tmp_path / "nextgen.csv"
    source.write_text(
        "Encounter #,Svc Date,CPT/HCPCS,Mod 1,Units,POS,Rendering,Svc Loc ZIP\n"
        f'E1,08/03/2026,92014,,1,11,"{od}",33606\n'
        'E2,08/03/2026,92014,,1,11,"KIM, JO PA-C",33606\n'
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "provider ← Rendering" in result.stderr
    od_row, pa_row = list(csv.DictReader(out.open()))
    fee = fee_2026("92014", REST_OF_FLORIDA)
    assert Decimal(od_row["allowed"]) == fee, od_row
    assert Decimal(pa_row["allowed"]) == (fee * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP), pa_row
    assert "not read" not in od_row["note"], od_row
