"""A 'Rendering Provider' cell naming a practice organized as a limited partnership ('GASTROENTEROLOGY ASSOCIATES LP',
'Midtown Psychology Group, L.P.'): its LP is the entity's form, not a licensed psychologist's credential. A review found
such a cell read as a clinical psychologist's, its 99213 at POS 11 (ZIP 37919, 2025-10-20) denied ("which a clinical
psychologist cannot bill"), where a group practice enrols as an organization (CMS-855B, "Clinics/Group Practices and
Certain Other Suppliers") and names no practitioner: not read, priced as the run's --provider (a physician's, the full
PFS amount) with the unread provider's note, as 'GASTROENTEROLOGY ASSOCIATES LLC' is. A person's 'SMITH, JOHN LP',
'JOHN SMITH LP', 'CENTER, JOHN LP' stay the licensed psychologist's (Minn. Stat. §148.907)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.batch.lines import provider_of
from rvucalc.cli import app
from rvucalc.lookup.credentials import not_a_practitioner_reason

# CMS's CY2025 PFS, October release (RVU25D, data/rvu/2025/PPRRVU2025_Oct.csv):
#   99213,,Office o/p est low 20 min,A,,1.30,1.35,,0.57,,0.10,2.75,1.97,0,XXX,...,32.3465,...
# ZIP 37919 is in carrier 10312 locality 35 (data/zip: 'TN379191031235'); CY2025 GPCIs (GPCI2025.csv, Addendum E):
#   10312,TN,35,TENNESSEE,1,0.896,0.544
# Non-facility: (1.30 x 1 + 1.35 x 0.896 + 0.10 x 0.544) x 32.3465 = 82.936... -> $82.94
WORK, PE, MP, CF = Decimal("1.30"), Decimal("1.35"), Decimal("0.10"), Decimal("32.3465")
OFFICE_99213_37919 = ((WORK * 1 + PE * Decimal("0.896") + MP * Decimal("0.544")) * CF).quantize(
    Decimal("0.01"), ROUND_HALF_UP
)

PRACTICES = [
    "GASTROENTEROLOGY ASSOCIATES LP",
    "Gastroenterology Associates, L.P.",
    "MIDTOWN PSYCHOLOGY GROUP LP",
    "KNOX MEDICAL PARTNERS LLLP",
]


@pytest.mark.parametrize("practice", PRACTICES)
def test_a_practice_s_limited_partnership_form_is_no_psychologist_s(practice: str) -> None:
    with pytest.raises(ValueError):
        provider_of(practice)
    assert "practice's name" in (not_a_practitioner_reason(practice) or ""), practice


def test_a_person_s_lp_stays_the_licensed_psychologist_s() -> None:
    for cell in ("SMITH, JOHN LP", "JOHN SMITH LP", "SMITH, JOHN PHD, LP", "CENTER, JOHN LP", "HEALTH, MARY LP"):
        assert provider_of(cell) == "psychologist", cell


def test_batch_prices_the_practice_s_99213_as_the_run_s_provider(tmp_path: Path) -> None:
    source = tmp_path / "lp.csv"
    source.write_text(
        "Claim,DOS,CPT,POS,Rendering Provider,ZIP\n"
        'C1,10/20/2025,99213,11,"PATEL, ANIL MD",37919\n'
        "C2,10/20/2025,99213,11,GASTROENTEROLOGY ASSOCIATES LP,37919\n"
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert Decimal("82.94") == OFFICE_99213_37919
    for row in rows:
        assert row["error"] == "", row
        assert Decimal(row["allowed"]) == OFFICE_99213_37919, row
    assert "psychologist" not in rows[1]["note"], rows[1]["note"]
    assert "not read as a practitioner" in rows[1]["note"], rows[1]["note"]
    assert "practice's name" in rows[1]["note"], rows[1]["note"]


def test_price_refuses_the_practice_s_name_as_provider() -> None:
    priced = CliRunner().invoke(
        app, ["price", "99213", "--zip", "37919", "--date", "2025-10-20", "--provider", PRACTICES[0]]
    )
    assert priced.exit_code == 2, priced.output
    assert "practice's name" in " ".join(priced.stderr.split()), priced.stderr
