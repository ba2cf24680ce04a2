"""A surgeon's name with a fellowship only physicians hold and the practice's form after it ('SMITH, JOHN FAAOS, PA',
'JOHN SMITH, F.A.C.S., P.A.'): read as a PA's 85% where 'SMITH, JOHN FAAOS' alone is a physician's (the AAOS's Active
Fellow "Maintain a full, unrestricted, and unlimited license to practice medicine"; the ACS "admits to its Fellowship
only those surgeons whose professional activity is devoted to surgical practice": PHYSICIAN_FELLOWSHIPS) and 'SMITH DO,
FACOI, PA' is not read (its PA most likely the professional association). A physician assistant holds neither
fellowship, so the PA after it is read as after 'MD, FACS' (_physician_then_form): not read, priced as the run's
--provider with the note, neither a physician's nor a PA's guessed. 42 CFR 414.52: the PA's 85% is the physician
assistant's own services'.

The oracle: CMS's CY2025 PFS October release (data/rvu/2025/PPRRVU2025_Oct.csv):
  99213,,Office o/p est low 20 min,A,,1.30,1.35,,0.57,,0.10,2.75,1.97,0,XXX,...,32.3465,...
x ZIP 37919's locality (carrier 10312, locality 35) GPCIs (GPCI2025.csv: '10312,TN,35,TENNESSEE,1,0.896,0.544'):
(1.30 + 1.35 x 0.896 + 0.10 x 0.544) x 32.3465 = $82.94, not a PA's 85% ($70.50)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.batch.lines import provider_of
from rvucalc.cli import app

CENT = Decimal("0.01")
FEE = (Decimal("1.30") + Decimal("1.35") * Decimal("0.896") + Decimal("0.10") * Decimal("0.544")) * Decimal("32.3465")
OFFICE_99213_37919 = FEE.quantize(CENT, ROUND_HALF_UP)

CELLS = ["SMITH, JOHN FAAOS, PA", "JOHN SMITH, F.A.C.S., P.A.", "SMITH, JOHN FACS, PA", "JONES, ANN FAAOS, FACS, PA"]


@pytest.mark.parametrize("cell", CELLS)
def test_a_physicians_fellowship_then_pa_is_not_a_pa_s(cell: str) -> None:
    with pytest.raises(ValueError):
        provider_of(cell)


def test_a_pa_s_own_license_after_the_name_stays_the_pa_s() -> None:
    for cell in ("SMITH, JOHN PA", "SMITH, JOHN PA-C", "SMITH, JOHN PA, FACS", "SMITH PA, JOHN"):
        assert provider_of(cell) == "pa", cell


def test_batch_prices_it_as_the_run_s_provider_with_the_note(tmp_path: Path) -> None:
    source, out = tmp_path / "f.csv", tmp_path / "o.csv"
    source.write_text(
        "Claim,DOS,CPT,POS,Rendering Provider,ZIP\n"
        'C1,10/20/2025,99213,11,"PATEL, ANIL MD",37919\n'
        'C2,10/20/2025,99213,11,"SMITH, JOHN FAAOS, PA",37919\n'
    )
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert Decimal("82.94") == OFFICE_99213_37919
    assert [Decimal(row["allowed"]) for row in rows] == [OFFICE_99213_37919] * 2, rows
    assert "professional association" in rows[1]["note"], rows[1]["note"]


@pytest.mark.parametrize("cell", ["DOE, JANE FACS, RN", "LEE, KIM FAAOS, CST"])
def test_a_nurse_s_or_technologist_s_credential_last_is_not_a_physician_s(cell: str) -> None:
    """The fellowship before a nurse's or surgical technologist's credential does not make the cell a physician's (it
    was read so, the full PFS amount, where 'DOE, JANE RN' is a nurse's row, not read): the last credential's reading
    stands (not_a_practitioner_reason), as before the fellowship was read."""
    from rvucalc.lookup.credentials import facility_staff_cell

    with pytest.raises(ValueError):
        provider_of(cell)
    assert facility_staff_cell(cell), cell
