"""A code cell with its modifier in it. A GI practice's export wrote 45385PT (the code and PT run together) and another
15275 RT (a space between them, as a modifier cell may separate its modifiers): both were refused as malformed codes
without a hint. Now 45385PT's error says "Did you mean 45385-PT", and 15275 RT is read as 15275-RT, in price and batch
alike (the same amounts as 15275-RT's)."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.errors import UsageError

WHERE = {"zip_code": "10001", "date_of_service": "2025-11-10", "setting": "office"}


def test_a_code_and_modifier_run_together_are_refused_with_the_dash_suggested(pricer: Any) -> None:
    with pytest.raises(UsageError, match="Did you mean 45385-PT"):
        pricer.price("45385PT", **WHERE)
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist([{"code": "45385PT", "zip": "10001",
                                                                 "date": "2025-11-10", "setting": "11"}]))  # fmt: skip
    assert "Did you mean 45385-PT" in out.to_pylist()[0]["error"]
    with pytest.raises(UsageError) as refused:  # no modifier ZQ: no suggestion
        pricer.price("45385ZQ", **WHERE)
    assert "Did you mean" not in str(refused.value)


def test_a_code_cell_with_its_modifier_after_a_space_is_read_as_code_dash_modifier(pricer: Any) -> None:
    spaced = pricer.price("15275 RT", **WHERE)
    dashed = pricer.price("15275-RT", **WHERE)
    assert (spaced.code, spaced.modifiers) == ("15275", ["RT"])
    assert [site.allowed for site in spaced.sites] == [site.allowed for site in dashed.sites]
    rows = [
        {"code": "15275 RT", "modifier": ""},
        {"code": "15275", "modifier": "RT"},
        {"code": "15275 RT", "modifier": "59"},
    ]
    for row in rows:
        row.update(zip="10001", date="2025-11-10", setting="11")
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert [row["error"] for row in out] == [None, None, None] or not any(row["error"] for row in out), out
    assert out[0]["allowed"] == out[1]["allowed"] == dashed.sites[0].allowed
