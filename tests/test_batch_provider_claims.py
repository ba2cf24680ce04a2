"""A claim's lines billed by NPs, PAs or CNSs (batch's provider column): the claim's rules and notes are a
physician's claim's, apart from the 85% step and the assignment note; the lines of different practitioners on one
claim and date are separate encounters for the PFS rules (CMS's multiple surgery rule: procedures "performed by a
single physician or physicians in the same group practice ... on the same day", Claims Processing Manual ch. 12
§40.6; critical care "once per date per practitioner"; G2211 with its own visit, MLN MM13473).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer, Scenario
from rvucalc.cli import app
from rvucalc.lookup.lines import MANDATORY_ASSIGNMENT_NOTE
from rvucalc.lookup.pricer import Pricer

DATE, ZIP = "2026-03-02", "75901"
# The review's cc.csv: critical care and its add-on, a visit and G2211, G0316 beside an office visit (not its primary).
CC = [("K1", "99291", "21"), ("K1", "99292", "21"), ("K2", "99213", "11"), ("K2", "G2211", "11"),
      ("K3", "G0316", "11"), ("K3", "99215", "11")]  # fmt: skip


def _table(rows: list[tuple[str, str, str]], provider: list[str] | None = None) -> pa.Table:
    columns: dict[str, Any] = {"claim": [r[0] for r in rows], "code": [r[1] for r in rows], "pos": [r[2] for r in rows],
                               "zip": [ZIP] * len(rows), "date": [DATE] * len(rows)}  # fmt: skip
    if provider is not None:
        columns["provider"] = provider
    return pa.table(columns)


def _without_the_practitioner(note: str) -> list[str]:
    """A row's notes less the ones a non-physician's line adds (the assignment note, the 85% step)."""
    return [part for part in note.replace(MANDATORY_ASSIGNMENT_NOTE, "").split("; ")
            if part and "billing under own number: 85%" not in part]  # fmt: skip


def test_a_non_physician_s_claim_has_a_physician_s_claim_notes(pricer: Pricer) -> None:
    physician = BatchPricer(pricer).price_table(_table(CC)).to_pylist()
    for cell in ("NP", "PA", "CNS"):
        theirs = BatchPricer(pricer).price_table(_table(CC, [cell] * len(CC))).to_pylist()
        for line, mine, md in zip(CC, theirs, physician, strict=True):
            assert _without_the_practitioner(mine["note"]) == _without_the_practitioner(md["note"]), (cell, line)
    # and the run's --provider alike; no "add-on alone" note where the claim has the primary (price 99291 99292 -p np)
    theirs = BatchPricer(pricer, Scenario.parse(provider="np")).price_table(_table(CC)).to_pylist()
    for line, mine, md in zip(CC, theirs, physician, strict=True):
        assert _without_the_practitioner(mine["note"]) == _without_the_practitioner(md["note"]), line
    assert "there is no 99291" not in theirs[1]["note"] and "there is none" not in theirs[3]["note"]
    encounter = pricer.price_encounter(["99291", "99292"], zip_code=ZIP, date_of_service=DATE, provider="np")
    assert not any("there is no 99291" in note for note in encounter.lines[1].notes)


def test_a_claim_of_one_line_says_the_add_on_is_alone_in_batch_as_in_price(pricer: Pricer, tmp_path: Path) -> None:
    import json

    for code in ("G2211", "99292", "G0316"):
        single = pricer.price(code, zip_code=ZIP, date_of_service=DATE)
        alone = [n for n in single.notes if "add-on" in n]
        assert alone, code
        source = tmp_path / f"{code}.csv"
        source.write_text(f"claim,code,zip,date\nE1,{code},{ZIP},{DATE}\n")
        result = CliRunner().invoke(app, ["batch", str(source), "-f", "json", "-q"])
        assert result.exit_code == 0, result.output
        [row] = json.loads(result.stdout)
        assert all(note in row["note"] for note in alone), (code, row["note"])
        # the same claim beside another claim (a claim of one line among others) says it too
        two = pa.table({"claim": ["E1", "E2"], "code": [code, "99213"], "zip": [ZIP] * 2, "date": [DATE] * 2})
        out = BatchPricer(pricer).price_table(two).to_pylist()[0]
        assert all(note in out["note"] for note in alone), (code, out["note"])


def _cents(value: Any) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))
