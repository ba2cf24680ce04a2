"""A primary care practice's export ('Loc ZIP', 'Primary Paid'): a trial's file was priced nationally with its paid
column unread, without a word, until both were named with --columns."""

from __future__ import annotations

from rvucalc.batch.columns import resolve_columns

HEADER = ["Visit #", "Acct #", "DOS", "Code", "Mods", "Qty", "POS", "Loc ZIP", "Provider", "Prov Type", "Billed Amt",
          "Primary Paid"]  # fmt: skip


def test_loc_zip_is_the_zip_and_primary_paid_the_paid_column() -> None:
    columns = resolve_columns(HEADER)
    assert columns.names[columns.position("zip")] == "Loc ZIP"
    assert columns.names[columns.position("paid")] == "Primary Paid"
