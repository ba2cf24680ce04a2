"""A SNF group's trial: 99356 (deleted for 2023) beside 99310 at POS 31 said Medicare pays prolonged inpatient or
observation time as G0316 alone. 99356-99357 were also nursing facility care's prolonged time (CPT listed them with
99304-99310), which Medicare pays as G0317, and 99354-99355 the home visits', which it pays as G0318 (CY2023 PFS final
rule). Price and batch give the same text, kind unknown_code, exit 1; the visit beside it keeps CMS's own fee."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app

REST_OF_FLORIDA = "0910299"  # ZIP 33606's locality (CMS's ZIP5 file)


@pytest.mark.parametrize(
    ("code", "names"),
    [("99356", ("G0316", "nursing facility time as G0317")), ("99357", ("G0316", "nursing facility time as G0317")),
     ("99354", ("G2212", "a home or residence visit's as G0318")),
     ("99355", ("G2212", "a home or residence visit's as G0318"))],
)  # fmt: skip
def test_price_names_the_nursing_facility_and_home_codes(code: str, names: tuple[str, ...]) -> None:
    result = CliRunner().invoke(app, ["price", code, "--zip", "33606", "--setting", "31", "--date", "2026-08-04"])
    assert result.exit_code == 1, result.output
    assert "deleted from CPT for 2023" in result.stderr and all(name in result.stderr for name in names)


def test_batch_says_it_beside_the_snf_visit(tmp_path: Path) -> None:
    source = tmp_path / "prolonged.csv"
    source.write_text(
        "Claim #,DOS,POS,Facility ZIP,CPT,Units\nX1,08/04/2026,31,33606,99310,1\nX1,08/04/2026,31,33606,99356,1\n"
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 1, result.output
    visit, prolonged = list(csv.DictReader(out.open()))
    assert prolonged["error_kind"] == "unknown_code" and "nursing facility time as G0317" in prolonged["error"]
    assert Decimal(visit["allowed"]) == fee_2026("99310", REST_OF_FLORIDA, facility=True), visit


def test_99354_beside_psychotherapy_says_psychotherapy_has_no_prolonged_add_on(tmp_path: Path) -> None:
    """`rvucalc price 90837 99354 --provider psychologist` pointed to G2212 alone, an E/M visit's prolonged code:
    deleted for 2023 (NASW), psychotherapy has no prolonged add-on, a crisis is 90839 + 90840. Batch says the same;
    the psychologist's 90837 keeps CMS's fee (100%)."""
    args = ["price", "90837", "99354", "--zip", "33606", "--date", "2026-08-04", "--provider", "psychologist"]
    result = CliRunner().invoke(app, args)
    said = " ".join(result.stderr.split())
    assert "deleted from CPT for 2023" in said and "psychotherapy has no prolonged add-on" in said
    assert "G2212 is not billed with 90837" in said and "90839 with +90840" in said
    source = tmp_path / "therapy.csv"
    source.write_text(
        "Claim #,DOS,POS,ZIP,CPT,Provider\nT1,08/04/2026,11,33606,90837,PsyD\nT1,08/04/2026,11,33606,99354,PsyD\n"
    )
    out = tmp_path / "out.csv"
    CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    visit, prolonged = list(csv.DictReader(out.open()))
    assert prolonged["error_kind"] == "unknown_code" and "psychotherapy has no prolonged add-on" in prolonged["error"]
    assert Decimal(visit["allowed"]) == fee_2026("90837", REST_OF_FLORIDA, facility=False), visit
