"""A CamelCase (or run-together) spelling of a usual column name is read as that usual name, before the names
practice-management exports use (EXPORT_SYNONYMS): a review found 'Proc' (an export's name for the code) read as the
code beside 'CPTCode', so every row of a file whose Proc column held internal procedure numbers was an error."""

from __future__ import annotations

import csv
import io

import pytest
from typer.testing import CliRunner

from rvucalc.batch.columns import resolve_columns
from rvucalc.cli import app
from rvucalc.errors import UsageError

runner = CliRunner()


@pytest.mark.parametrize(
    ("names", "role", "column"),
    [
        (["ClaimID", "CPTCode", "Proc", "DOS", "POS", "ZIP"], "code", "CPTCode"),
        (["Proc", "CPTCODE", "DOS"], "code", "CPTCODE"),  # a run-together spelling as its CamelCase twin
        (["Proc", "ProcCode", "DOS"], "code", "ProcCode"),
        (["ClaimID", "Proc", "CPTCode"], "claim", "ClaimID"),
        (["Claim #", "ClaimID", "CPT"], "claim", "Claim #"),  # 'claim_number' as written: as before
        (["PatientZip", "Pt. Zip", "CPT"], "zip", "PatientZip"),  # 'Patient Zip' before the export's 'Pt. Zip'
        (["Proc", "Claim", "DOS"], "code", "Proc"),  # the export name alone is still the code
    ],
)
def test_a_camelcase_usual_name_ranks_as_the_usual_name(names: list[str], role: str, column: str) -> None:
    columns = resolve_columns(names)
    assert columns.names[columns.position(role)] == column  # type: ignore[index]


def test_a_camelcase_usual_name_beside_the_usual_name_is_refused_as_two() -> None:
    """'Claim' beside 'ClaimID' is two claim columns, as 'Claim' beside 'Claim ID' is (test_columns_spelling_ambiguity):
    not the spelling dropped without a word."""
    with pytest.raises(UsageError, match="Columns 'Claim' and 'ClaimID' could both be the claim"):
        resolve_columns(["Code", "Claim", "ClaimID"])


def test_cptcode_beside_proc_prices_the_cpt_code() -> None:
    source = "ClaimID,CPTCode,Proc,DOS,POS,ZIP\nA,99213,1002345,2026-03-10,11,10001\n"
    output = runner.invoke(app, ["batch", "-", "-f", "csv"], input=source)
    assert "code ← CPTCode" in output.stderr
    (row,) = csv.DictReader(io.StringIO(output.stdout))
    assert not row["error"] and row["allowed"]
