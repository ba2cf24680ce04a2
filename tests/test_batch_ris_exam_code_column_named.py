"""A radiology information system's export (an imaging center's trial) writes the CPT code under 'Exam Code', beside
'Accession #' and 'Exam Date' (read as the claim and the date). rvucalc refused it, "The input has no code column ...
Name one CPT, HCPCS or code", without naming the column, as it names a lab's 'Test Code'. Some RIS exports hold their
own exam number there, so the column is not read by its name: it is named with the --columns that reads it, and read
so it prices the study at CMS's fee (RVU26C x the 2026 Miami GPCIs)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app

runner = CliRunner()
HEADER = "Accession #,{name},Mod1,Exam Date,POS,Pt Zip\n"
LINE = "A500001,70553,,08/03/2026,11,33136\n"


@pytest.mark.parametrize("name", ["Exam Code", "Study Code", "Exam Cd"])
def test_a_ris_exam_code_column_is_named_in_the_no_code_column_message(tmp_path: Path, name: str) -> None:
    source = tmp_path / "ris.csv"
    source.write_text(HEADER.format(name=name) + LINE)
    refused = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv")])
    said = " ".join(refused.stderr.split())
    assert refused.exit_code == 2 and "The input has no code column" in said  # not read by its name alone
    assert f"If '{name}' holds the codes, add --columns code='{name}'." in said, said


def test_the_named_exam_code_column_prices_cms_s_fee(tmp_path: Path) -> None:
    source, out = tmp_path / "ris.csv", tmp_path / "out.csv"
    source.write_text(HEADER.format(name="Exam Code") + LINE)
    done = runner.invoke(app, ["batch", str(source), "-o", str(out), "--columns", "code=Exam Code"])
    assert done.exit_code == 0, done.output
    (row,) = csv.DictReader(out.open())
    assert row["allowed"] == str(fee_2026("70553", "0910204"))
