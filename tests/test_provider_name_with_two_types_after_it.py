"""A name followed by two practitioner types' credentials ('FOX, AMY APRN-FNP, CNM', 'SMITH, JO LCSW, MD') is not read,
as the same list alone ('APRN-FNP, CNM') is not: rvucalc cannot tell which of them billed the line. A review of the
podiatry trial's hyphenated APRN roles found the name's last credential read: 'FOX, AMY APRN-FNP, CNM' a nurse-midwife's
100%, 'FOX, AMY CNM, APRN-FNP' an NP's 85%, while ``rvucalc price --provider 'APRN-FNP, CNM'`` was refused. Amounts are
CMS's own fee (RVU26C x the 2026 GPCIs x the CF) for Tennessee (locality 1031235, ZIP 37919)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.batch.lines import provider_of
from rvucalc.cli import app

TENNESSEE = "1031235"


@pytest.mark.parametrize(
    "cell",
    ["FOX, AMY APRN-FNP, CNM", "FOX, AMY CNM, APRN-FNP", "FOX, AMY APRN-CNM, FNP-C", "FOX, AMY APRN-FNP, CRNA",
     "SMITH, JO LCSW, MD"],
)  # fmt: skip
def test_a_name_with_two_practitioner_types_after_it_is_not_read(cell: str) -> None:
    with pytest.raises(ValueError):
        provider_of(cell)


@pytest.mark.parametrize(
    ("cell", "kind"),
    [("KELLY, ANN CRNA, APRN", "crna"), ("DOE, JANE CNM, APRN", "cnm"), ("DOE, JANE PHD, APRN", "np"),
     ("SMITH, JO MD, PHD", "physician"), ("SMITH, JOHN LCSW, PHD", "csw"), ("ANH DO, NP", "np"),
     ("SMITH, JOHN MD, PA-C", "pa"), ("MOORE, KAY APRN-CNM", "cnm"), ("KING, AL APRN-CRNA", "crna"),
     ("LIU, MEI APRN-CNS", "cns")],
)  # fmt: skip
def test_one_type_after_a_name_is_still_read(cell: str, kind: str) -> None:
    assert provider_of(cell) == kind


def test_batch_leaves_the_two_types_row_unread_and_the_column_read(tmp_path: Path) -> None:
    source = tmp_path / "podiatry.csv"
    source.write_text(
        "Claim #,DOS,Rendering Provider,Place of Service,Pt Zip,CPT,Mod 1,Units\n"
        'P1,07/07/2026,"HARTMAN, LEE DPM",11,37919,99213,,1\n'
        'P2,07/07/2026,"COLE, DANA APRN-FNP",11,37919,99213,,1\n'
        'P3,07/07/2026,"FOX, AMY CNM, APRN-FNP",11,37919,99213,,1\n'
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--provider", "cnm"])
    assert result.exit_code == 0, result.output
    assert "provider ← Rendering Provider" in result.stderr
    rows = list(csv.DictReader(out.open()))
    visit = fee_2026("99213", TENNESSEE)
    np_visit = (visit * Decimal("0.85")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    # the unread row is the run's --provider's (a CNM's 100%), not the NP's 85% its last credential said
    assert [Decimal(row["allowed"]) for row in rows] == [visit, np_visit, visit]
    assert "names two practitioner types (a nurse-midwife and an NP)" in rows[2]["note"]


def test_price_refuses_a_name_with_two_types_as_it_refuses_the_list() -> None:
    result = CliRunner().invoke(
        app, ["price", "99213", "--zip", "37919", "--date", "2026-07-07", "--provider", "FOX, AMY APRN-FNP, CNM"]
    )
    assert result.exit_code == 2, result.output
    assert "names two practitioner types" in result.stderr
