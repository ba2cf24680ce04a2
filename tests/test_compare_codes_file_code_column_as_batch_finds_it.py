"""`compare --codes FILE` finds the code column as `batch` finds it (``batch.columns.resolve_columns``): an ENT group's
trial gave compare its claim export (`Claim Number,Acct,...,Procedure,Modifier 1,...`) and every claim number was
compared as a code, the header too ("'ENT25001' is not a HCPCS/CPT code", exit 1), while `batch` on the same file
stopped with "The input has no code column ... --columns code=COLUMN" (exit 2). compare now refuses it with batch's
words, takes `--columns code=Procedure` as batch does, and a one-column list is read as before."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()
EXPORT = (
    "Claim Number,Acct,Service Date (YYYY-MM-DD),Procedure,Modifier 1,Modifier 2,Modifier 3,Qty,POS,Facility Zip,"
    "Rendering Credential,Charge Amount\n"
    "ENT25001,A10021,2025-02-18,31267,RT,,,1,24,55435,MD,2150.00\n"
    "ENT25001,A10021,2025-02-18,31267,LT,,,1,24,55435,MD,2150.00\n"
    "ENT25002,A10022,2025-03-04,99214,25,,,1,11,55401,MD,240.00\n"
    "ENT25002,A10022,2025-03-04,31231,,,,1,11,55401,MD,380.00\n"
)
COMPARE = ["compare", "--from", "2025", "--to", "2026", "--zip", "55401", "-f", "json"]


def _codes(*args: str) -> list[dict[str, Any]]:
    done = runner.invoke(app, [*COMPARE, *args])
    assert done.exit_code == 0, done.output
    return list(json.loads(done.stdout)["codes"])


def test_a_claim_export_with_no_code_column_is_refused_as_batch_refuses_it(tmp_path: Path) -> None:
    source = tmp_path / "ent_export.csv"
    source.write_text(EXPORT)
    batch = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv")])
    compared = runner.invoke(app, [*COMPARE, "--codes", str(source)])
    assert batch.exit_code == 2 and compared.exit_code == 2 and compared.stdout == ""
    said = " ".join(compared.stderr.split())
    assert f"--codes {source}: The input has no code column" in said and "--columns code=COLUMN" in said
    assert " ".join(batch.stderr.split()).split("rvucalc: ", 1)[1].split(" (columns:")[0] in said
    assert "ENT25001" not in said


def test_columns_code_names_the_export_s_code_column_as_in_batch(tmp_path: Path) -> None:
    source = tmp_path / "ent_export.csv"
    source.write_text(EXPORT)
    # The same rows as the codes typed: each Procedure joined with its Modifier 1 (as batch reads them)
    assert _codes("--codes", str(source), "--columns", "code=Procedure") == _codes("31267-RT", "31267-LT", "99214-25",
                                                                                  "31231")  # fmt: skip
    wrong = runner.invoke(app, [*COMPARE, "--codes", str(source), "--columns", "code=CPT"])
    assert wrong.exit_code == 2 and "--columns code=CPT: the input has no column named 'CPT'" in wrong.stderr
    alone = runner.invoke(app, [*COMPARE, "99213", "--columns", "code=Procedure"])
    assert alone.exit_code == 2 and "give --codes FILE too" in alone.stderr


def test_a_one_column_list_with_or_without_a_header_is_read_as_before(tmp_path: Path) -> None:
    given = _codes("99213", "31231")
    listed = tmp_path / "list.txt"
    listed.write_text("99213\n31231\n")
    assert _codes("--codes", str(listed)) == given
    listed.write_text("CPT\n99213\n31231\n")
    assert _codes("--codes", str(listed)) == given
    listed.write_text("99213,office visit\n31231,nasal endoscopy\n")  # a headerless list with a description
    assert _codes("--codes", str(listed)) == given
