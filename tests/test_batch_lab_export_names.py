"""A laboratory's billing export ('Accession #', 'Collection Date'): a lab trial's file had its collection date only
hinted on stderr (its 2025 lines priced with 2026's rates) and its accession number not read as the claim (each test
priced alone). A lab test's date of service is the specimen's collection date (42 CFR 414.510(a))."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.batch.columns import resolve_columns
from rvucalc.cli import app


@pytest.mark.parametrize("claim", ["Accession #", "Accession Number", "Requisition #", "Accession No"])
@pytest.mark.parametrize("date", ["Collection Date", "Specimen Collection Date", "Date Collected"])
def test_a_lab_s_accession_is_the_claim_and_its_collection_date_the_date(claim: str, date: str) -> None:
    columns = resolve_columns([claim, date, "CPT", "Mod 1", "Units", "POS", "Ordering NPI", "Patient ZIP", "Paid"])
    assert columns.names[columns.position("claim")] == claim
    assert columns.names[columns.position("date")] == date


def test_a_claim_number_beside_an_accession_is_the_claim() -> None:
    columns = resolve_columns(["Claim #", "Accession #", "DOS", "CPT"])
    assert columns.names[columns.position("claim")] == "Claim #"


def test_a_2025_collection_date_is_priced_with_2025_s_release(tmp_path: Path) -> None:
    source = tmp_path / "lab.csv"
    source.write_text("Accession #,Collection Date,CPT,Units,POS,Patient ZIP\n"
                      "A1,11/05/2025,80053,1,81,80202\nA2,03/02/2026,80053,1,81,80202\n")  # fmt: skip
    out = tmp_path / "out.csv"
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    assert "date ← Collection Date" in done.stderr and "claim ← Accession #" in done.stderr
    rows = list(csv.DictReader(out.open()))
    assert rows[0]["release"].startswith("2025") and rows[1]["release"].startswith("2026")
