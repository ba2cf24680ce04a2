"""Always-therapy codes and the therapy modifiers (GP, GO, GN).

CR 10176 (Transmittal 3814, effective January 2018; Claims Processing Manual ch. 5 §10.4): Medicare returns a line of
an "always therapy" code (the RVU file's multiple procedure indicator 5) without GP, GO or GN as unprocessable,
whoever bills it; CR 9933: PT evaluations (97161-97164) take GP, OT evaluations (97165-97168) GO; MM10176: 92521-92524,
92597, 92607 take GN. rvucalc prices such lines (the amount does not depend on the modifier) and says so, in single
lookups and batch alike."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer

DATE = "2026-08-03"
MISSING = "is an always-therapy code (multiple procedure indicator 5) billed without"
WRONG = "Medicare returns the line as unprocessable. Priced here as billed."
CELLS = [("97110", ""), ("97110", "GP"), ("97161", "GO"), ("97161", ""), ("97166", "GO"), ("92524", "GP"),
         ("97110", "CQ"), ("99213", ""), ("97597", "")]  # fmt: skip


@pytest.fixture(scope="module")
def rows(pricer: Any) -> list[dict[str, Any]]:
    table = pa.table({"code": [c for c, _ in CELLS], "modifier": [m for _, m in CELLS], "zip": ["10001"] * len(CELLS),
                      "date": [DATE] * len(CELLS), "units": ["1"] * len(CELLS)})  # fmt: skip
    return BatchPricer(pricer).price_table(table).to_pylist()


@pytest.mark.parametrize("at", range(len(CELLS)))
def test_a_therapy_line_without_its_modifier_says_so_in_price_and_batch(pricer: Any, rows: Any, at: int) -> None:
    code, modifier = CELLS[at]
    single = pricer.price(code, modifier=modifier or None, zip_code="10001", date_of_service=DATE)
    said = [note for note in single.notes if MISSING in note or WRONG in note]
    expected = {("97110", ""): MISSING, ("97161", ""): MISSING, ("97161", "GO"): WRONG, ("92524", "GP"): WRONG,
                ("97110", "CQ"): MISSING}.get((code, modifier))  # fmt: skip
    assert [expected in note for note in said] == ([True] if expected else [])
    row = rows[at]
    for note in said:
        assert note in row["note"].split("; "), row
    if not said:
        assert MISSING not in row["note"] and WRONG not in row["note"]
    assert row["office_allowed"] is not None  # priced, not refused
    if code == "97161" and not modifier:
        assert "billed without GP:" in said[0]


def test_the_amount_does_not_depend_on_the_therapy_modifier(pricer: Any) -> None:
    bare = pricer.price("97110", zip_code="10001", date_of_service=DATE)
    with_gp = pricer.price("97110-GP", zip_code="10001", date_of_service=DATE)
    assert bare.sites[0].total == with_gp.sites[0].total


def test_the_chained_steps_note_says_a_later_therapy_unit_is_in_cents_before_cq() -> None:
    """A trial read "the next step works on the exact amount" beside $22.78 -> $19.36, where the exact chain gives
    $19.37: the later unit's amount is a cent amount before CQ's 85% (README), and the note now says so."""
    from decimal import ROUND_HALF_UP, Decimal

    from typer.testing import CliRunner

    from rvucalc.cli import app

    args = ["price", "97110-GP", "97110-CQ-GP", "97140-GP", "--units", "1", "--units", "2", "--units", "1",
            "--zip", "60601", "--date", "2026-08-03"]  # fmt: skip
    result = CliRunner().invoke(app, args, env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "except after a later therapy unit's reduction, whose amount is in cents" in text
    before, after = text.split("85% of the amount: $")[1].split()[0:3:2]
    assert Decimal(after.lstrip("$")) == (Decimal(before) * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP)


@pytest.mark.parametrize(
    ("code", "modifier", "words"),
    [("97165", "GP", "is an occupational therapy code: CMS requires GO"),
     ("97164", "GO", "is a physical therapy code: CMS requires GP")],
)  # fmt: skip
def test_the_wrong_discipline_note_reads_as_english(pricer: Any, code: str, modifier: str, words: str) -> None:
    """A PT/OT clinic's trial read "97165 is a occupational therapy code" (price 97165-GP --zip 30043)."""
    notes = pricer.price(code, modifier=modifier, zip_code="30043", date_of_service=DATE).notes
    assert any(words in note for note in notes), notes
    assert not any(" a occupational" in note for note in notes)
