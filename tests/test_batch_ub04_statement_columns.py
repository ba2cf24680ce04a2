"""A UB-04 / 837I export's claim-level columns: its statement period start ('Statement From', FL 6) is the date of
service where no column is a line's own, and its patient control number ('Patient Control Number', FL 3a: the 837's
CLM01, the provider's own id of the claim) the claim. A revenue-cycle trial's UB-04 remit read neither: every row
priced with the newest release (2026C, whose OPPS rates were not installed: no hospital amount; PCN80's ASC 15271
compared with 2026's $484.90, "paid $1,313.27 more than expected") and each line alone, without the claim's
comprehensive APC packaging, until both were named with --columns."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.batch.columns import missing_role_notices, resolve_columns
from rvucalc.cli import app


@pytest.mark.parametrize("name", ["Statement From", "Statement From Date", "Stmt From", "StatementFrom", "STMT_FROM"])
def test_the_statement_from_date_is_the_date_where_no_line_date_is(name: str) -> None:
    columns = resolve_columns(["HCPCS", "Units", name, "Statement Through"])
    assert columns.names[columns.position("date")] == name
    assert any(
        n.startswith(f"date ← {name}, the claim's statement period start") for n in missing_role_notices(columns)
    )


@pytest.mark.parametrize("line", ["Service Date", "Line Item Date", "DOS", "Date of Service From", "Svc Date"])
def test_a_line_s_own_service_date_wins(line: str) -> None:
    columns = resolve_columns(["HCPCS", "Statement From", line])
    assert columns.names[columns.position("date")] == line


def test_a_column_that_looks_like_a_line_s_date_is_said_beside_the_statement_date() -> None:
    columns = resolve_columns(["HCPCS", "Statement From", "Statement Through", "Line Svc Dt"])
    (said,) = [n for n in missing_role_notices(columns) if n.startswith("date ← Statement From")]
    assert said.endswith("'Line Svc Dt' looks like one, --columns date='Line Svc Dt'")


@pytest.mark.parametrize("name", ["Patient Control Number", "Pat Control No", "Patient Control #"])
def test_the_patient_control_number_is_the_claim(name: str) -> None:
    columns = resolve_columns(["HCPCS", name])
    assert columns.names[columns.position("claim")] == name
    assert not any("no claim column" in n or "an account number" in n for n in missing_role_notices(columns))


def test_the_patient_control_number_is_a_claim_column_not_an_account() -> None:
    """README's claim roles: a patient's account number is the claim only where no other column names it; the
    patient control number is the claim's own id: read over an account, a usual claim name over it, and beside
    another claim, visit, ticket or invoice number it gives way to it (a review: 'Claim #' beside it was refused as two
    claims, a file that priced the day before)."""
    beside_account = resolve_columns(["HCPCS", "Patient Account Number", "Patient Control Number"])
    assert beside_account.names[beside_account.position("claim")] == "Patient Control Number"
    for other in ("Claim ID", "Claim #", "Claim No", "Visit Number", "Visit ID", "Ticket Number", "Invoice Number"):
        for control in ("Patient Control Number", "Pat Control No"):
            beside = resolve_columns(["HCPCS", other, control])
            assert beside.names[beside.position("claim")] == other, (other, control)


def test_a_bare_pcn_is_not_the_claim() -> None:
    """A pharmacy export's PCN is its Processor Control Number, one value on every row (a review: read as the claim,
    a file's patients became one encounter, a second patient's nursing facility visit $0.00)."""
    columns = resolve_columns(["Patient", "BIN", "PCN", "Group", "DOS", "HCPCS"])
    assert columns.position("claim") is None


UB04 = """Patient Control Number,Type of Bill,Statement From,Rev Code,HCPCS,Mod 1,Units,Total Charges,Service Facility ZIP,Allowed Amt
PCN77,0131,10/20/2025,0510,G0463,25,1,450.00,33136,126.68
PCN77,0131,10/20/2025,0761,97597,,1,800.00,33136,195.33
PCN78,0131,10/21/2025,0360,15271,,1,3000.00,33136,1798.17
PCN78,0131,10/21/2025,0636,Q4186,JC,30,9000.00,33136,0.00
PCN78,0131,10/21/2025,0360,15272,,1,900.00,33136,0.00
PCN80,0831,10/22/2025,0360,15271,,1,3000.00,33136,1798.17
"""  # noqa: E501


def test_a_ub04_export_is_priced_as_with_its_columns_named(tmp_path: Path) -> None:
    """The trial's file without --columns: each row priced with the release in force on its statement date (October
    2025's), by claim, exactly as the run that names both columns."""
    source = tmp_path / "ub04.csv"
    source.write_text(UB04)
    outputs = []
    for extra in ([], ["--columns", "date=Statement From,claim=Patient Control Number"]):
        out = tmp_path / f"out{len(extra)}.csv"
        result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), *extra])
        assert result.exit_code == 0, result.output
        outputs.append(list(csv.DictReader(out.open())))
        if not extra:
            assert "no date column" not in result.stderr and "no claim column" not in result.stderr
            assert "date ← Statement From" in result.stderr and "claim ← Patient Control Number" in result.stderr
    read, named = outputs
    assert read == named
    assert {row["opps_release"] for row in read if row["site"] == "hopd"} == {"2025-10"}
    assert {row["asc_release"] for row in read if row["site"] == "asc"} == {"2025-10"}
    assert all(row["allowed"] for row in read)
