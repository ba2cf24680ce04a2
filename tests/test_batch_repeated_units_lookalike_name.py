"""Two columns named 'Units' (a claim export's billed and allowed units), one picked with ``--columns units=Units#2``:
stderr named the other as 'Units' ("units ← Units; 'Units' also looks like a units column ... --columns
units='Units'"), naming neither column. It names them as ``--columns`` does: 'Units#2' read, 'Units#1' not."""

from __future__ import annotations

from rvucalc.batch.columns import _unread_lookalikes, resolve_columns

HEADER = ["Claim", "Code", "Date", "ZIP", "Units", "Units"]


def test_unread_repeated_units_column_is_named_by_its_number() -> None:
    columns = resolve_columns(HEADER, {"units": "Units#2"})
    assert columns.position("units") == 5
    notices = [n for n in _unread_lookalikes(columns) if n.startswith("units ←")]
    assert notices == [
        "units ← Units#2; 'Units#1' also looks like a units column and is not read: if it is the one, say so with "
        "--columns units='Units#1'"
    ]
    assert resolve_columns(HEADER, {"units": "Units#1"}).position("units") == 4


def test_a_name_written_once_is_said_as_written() -> None:
    columns = resolve_columns(["Claim", "Code", "Units", "Units Billed"], {})
    assert [n for n in _unread_lookalikes(columns) if n.startswith("units ←")] == [
        "units ← Units; 'Units Billed' also looks like a units column and is not read: if it is the one, say so "
        "with --columns units='Units Billed'"
    ]
