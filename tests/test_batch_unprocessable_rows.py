"""A PT practice's trial: lines Medicare returns as unprocessable were counted silently.

An always-therapy code without GP/GO/GN (C1006: 97110 x2 and 97112 without GP) and an evaluation with another
discipline's modifier (C1015: 97161-GO) are priced as billed with a note (engine.modifiers.therapy_plan_notes, CR
10176) and counted in the totals: that stays (README, "Therapy modifiers"). But the run said nothing of them: now
stderr counts them, and `--summary` does too (`unprocessable`, in the run and per claim), as it counts bundled rows.
"""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.batch.lines import UNPROCESSABLE_NOTE
from rvucalc.cli import app
from rvucalc.engine.modifiers import therapy_plan_notes
from rvucalc.lookup.pricer import Pricer
from test_batch_provider_column import _cms_fee, _money

ZIP, DATE = "85004", "2026-07-15"
LINES = [("C1006", "97110", "", "2"), ("C1006", "97112", "", "1"), ("C1015", "97161", "GO", "1"),
         ("C1016", "97112", "", "1"), ("C1017", "97110", "GP", "1")]  # fmt: skip


def test_both_unprocessable_notes_are_counted_by_one_text() -> None:
    assert UNPROCESSABLE_NOTE in therapy_plan_notes("97110", ())[0]
    assert UNPROCESSABLE_NOTE in therapy_plan_notes("97161", ("GO",))[0]
    assert not therapy_plan_notes("97110", ("GP",))


def test_lines_medicare_returns_as_unprocessable_are_counted_on_stderr_and_in_the_summary(
    tmp_path: Path, pricer: Pricer
) -> None:
    source, target, summary = tmp_path / "therapy.csv", tmp_path / "priced.csv", tmp_path / "summary.json"
    source.write_text("Claim No,Svc Date,HCPCS,Mod 1,Units,Place of Svc,Facility Zip,Provider Type\n"
                      + "".join(f"{claim},{DATE},{code},{modifier},{units},11,{ZIP},DPT\n"
                                for claim, code, modifier, units in LINES))  # fmt: skip
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(target), "--summary", str(summary)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(target.open(newline="")))
    said = json.loads(summary.read_text())
    assert said["unprocessable"] == 4
    assert {claim: entry["unprocessable"] for claim, entry in said["claims"].items()} == {
        "C1006": 2, "C1015": 1, "C1016": 1, "C1017": 0
    }  # fmt: skip
    assert (
        "4 rows Medicare returns as unprocessable (an always-therapy code without GP/GO/GN, or an evaluation with "
        "another discipline's modifier, CR 10176; a non-ESRD ESA without EA, EB or EC, CR 5699; a TAVR line without "
        "Q0, MM8255; 79 on an assistant at surgery's line, MA130): priced as billed and in the totals, the note "
        "says what to fix"
    ) in " ".join(result.stderr.split())
    # priced as billed, in the totals: CMS's fee schedule amount (RVU26C, the ZIP's GPCIs), unchanged
    fees = {code: _cms_fee(pricer, code, ZIP, 2026)["non_facility"] for code in ("97112", "97161")}
    _, _, evaluation, alone, _ = rows
    assert _money(evaluation["allowed"]) == fees["97161"] and evaluation["in_totals"] == "true"
    assert _money(alone["allowed"]) == fees["97112"] and alone["in_totals"] == "true"
    assert Decimal(said["totals"]["all"]["allowed"]) == sum(Decimal(row["allowed"]) for row in rows)
    assert said["totals"]["all"]["lines"] == len(LINES)
