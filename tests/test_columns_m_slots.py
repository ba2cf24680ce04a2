"""A neurology group's export: ``Proc`` and ``M1``..``M4`` (its code and modifier columns). The modifiers were never
read and nothing said so: 95816-TC and 95810-TC were priced as the global services, a study's -26 and -TC lines each
paid the whole. ``M1``..``M4`` are the modifier slots, ``Proc`` the code, where no column has a usual name."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.batch.columns import resolve_columns
from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer
from test_batch_provider_column import _cms_fee, _money

runner = CliRunner()
HEADER = "Patient Acct,Claim Number,From DOS,To DOS,Proc,M1,M2,M3,M4,Units,POS,Svc Facility ZIP\n"


def test_m1_to_m4_are_the_modifier_slots_and_proc_the_code() -> None:
    columns = resolve_columns(HEADER.strip().split(","), {})
    assert columns.position("code") == 4
    assert columns.positions("modifier") == (5, 6, 7, 8)


def test_a_usual_code_column_beside_proc_stays_the_code() -> None:
    assert resolve_columns(["Proc", "CPT", "Units"], {}).position("code") == 1


@pytest.mark.parametrize(("code", "modifier"), [("95816", "TC"), ("95810", "TC"), ("95816", "26")])
def test_the_trial_s_components_are_priced_as_cms_s_component_rows(tmp_path: Path, code: str, modifier: str) -> None:
    source, target = tmp_path / "claims.csv", tmp_path / "out.csv"
    source.write_text(HEADER + f"A1,K1,08/21/2026,08/21/2026,{code},{modifier},,,,1,11,60614\n", encoding="utf-8")
    result = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    row = next(csv.DictReader(target.open(encoding="utf-8")))
    expected = _cms_fee(Pricer(), code, "60614", 2026, modifier)["non_facility"]
    assert _money(row["allowed"]) == expected
    assert expected != _cms_fee(Pricer(), code, "60614", 2026)["non_facility"]  # the global's differs


@pytest.mark.parametrize(("start", "end"), [("From DOS", "To DOS"), ("DOS From", "DOS To"), ("From Date", "Thru Date")])
def test_a_span_s_end_beside_its_start_is_said_not_read(start: str, end: str) -> None:
    """A nephrology trial's 'To DOS' beside 'From DOS' (90970 for 14 days billed as 1 unit, 90960 across two months)
    was not read and said nowhere: stderr says it is not read and how a line of a span is priced."""
    from rvucalc.batch.columns import missing_role_notices

    columns = resolve_columns(["Claim#", "MRN", start, end, "Proc", "Units", "POS", "ZIP"], {})
    assert columns.names[columns.position("date") or 0] == start
    said = [line for line in missing_role_notices(columns) if f"{end!r}, a span's end, is not read" in line]
    assert len(said) == 1 and "; " not in said[0].partition("is not read")[2], said
