"""Modifier AI (principal physician of record) goes on the admitting practitioner's initial visit: "The principal
physician of record shall append modifier -AI ... in addition to the initial visit code" (Claims Processing Manual
ch. 12 §30.6.9.1), initial hospital care 99221-99223 and initial nursing facility care 99304-99306. A hospitalist's
99233-AI read only "Modifier AI is informational". On any other code it now says what AI identifies
(engine.modifiers.principal_physician_note), price and batch alike; the amount is the line's without AI."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.cli import app
from rvucalc.engine.modifiers import principal_physician_note

WHERE = ["--setting", "21", "--zip", "46601", "--date", "2026-08-06", "--format", "json"]


def _price(cell: str) -> dict:
    done = CliRunner().invoke(app, ["price", cell, *WHERE])
    assert done.exit_code == 0, done.output
    return json.loads(done.stdout)


def test_price_says_ai_marks_the_initial_visit_on_a_subsequent_one() -> None:
    note = principal_physician_note("99233", ["AI"])
    assert note is not None and "99221-99223" in note and "99304-99306" in note
    marked, plain = _price("99233-AI"), _price("99233")
    assert note in json.dumps(marked, ensure_ascii=False)
    assert marked["pfs"]["facility"]["amount"] == plain["pfs"]["facility"]["amount"]
    assert principal_physician_note("99223", ["AI"]) is None and principal_physician_note("99305", ["AI"]) is None
    assert "principal physician of record) identifies" not in json.dumps(_price("99223-AI"), ensure_ascii=False)


def test_batch_says_it_as_price_does(tmp_path: Path) -> None:
    rows = [{"CPT": cell, "POS": "21", "DOS": "08/06/2026", "ZIP": "46601"} for cell in ("99233-AI", "99223-AI")]
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    note = principal_physician_note("99233", ["AI"])
    assert note is not None and note in out[0]["note"] and "identifies nothing" not in out[1]["note"]
    priced = _price("99233-AI")["pfs"]["facility"]["amount"]
    assert Decimal(out[0]["allowed"]) == Decimal(str(priced))
