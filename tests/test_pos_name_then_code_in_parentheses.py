"""A place of service written as its name then its code in parentheses ('INPATIENT HOSPITAL (21)', as a hospitalist
group's export writes it) was a bad_setting row error ("did you mean 21") while '21 - Inpatient Hospital' and
'Inpatient Hospital' were read. It is read as the 'CODE - NAME' form is, its name checked against the code's CMS name
(engine.place_of_service._NAME_WITH_POS), in batch and in `price --setting`."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.cli import app
from rvucalc.engine.place_of_service import normalise_pos

# PPRRVU2026 July (non-QP): 99232 work 1.59, facility PE 0.40, MP 0.12, CF 33.4009; Indiana (08102) GPCIs 1.0 (floor),
# 0.927, 0.486: (1.59 + 0.40 x 0.927 + 0.12 x 0.486) x 33.4009 = 67.44042 -> $67.44 (the facility rate, POS 21)
FACILITY = Decimal("67.44")


def test_the_name_then_the_code_is_read() -> None:
    assert normalise_pos("INPATIENT HOSPITAL (21)") == "21" and normalise_pos("Office (POS 11)") == "11"
    assert normalise_pos("Outpatient Hospital (21)") is None  # the name is not 21's: refused, as '21 - ...' is
    assert normalise_pos("Main Campus (22)") == normalise_pos("22 - Main Campus")  # as the 'CODE - NAME' form


def test_batch_prices_the_name_then_the_code_as_the_code(tmp_path: Path) -> None:
    cells = ["INPATIENT HOSPITAL (21)", "21 - Inpatient Hospital", "Inpatient Hospital", "Outpatient Hospital (21)"]
    rows = [{"CPT": "99232", "POS": cell, "DOS": "08/06/2026", "ZIP": "46601"} for cell in cells]
    done, out = run_batch_rows(tmp_path, rows)
    assert [Decimal(row["allowed"]) for row in out[:3]] == [FACILITY] * 3, done.output
    assert out[3]["error_kind"] == "bad_setting"


def test_price_setting_reads_the_name_then_the_code() -> None:
    done = CliRunner().invoke(app, ["price", "99232", "--setting", "INPATIENT HOSPITAL (21)", "--zip", "46601",
                                    "--date", "2026-08-06", "--format", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    assert Decimal(str(json.loads(done.stdout)["pfs"]["facility"]["amount"])) == FACILITY
