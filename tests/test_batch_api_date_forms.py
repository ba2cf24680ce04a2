"""`BatchPricer.price_table` called directly (the library's API, no file): a date cell in a form `rvucalc price --date`
reads (US 08/03/2026, compact 20260803) is priced as its ISO twin, at a hospital or ASC too. It raised ValueError
("Invalid isoformat string") in the choice of the OPPS and ASC quarter, which read the cell as ISO."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from rvucalc.batch.price import BatchPricer

MONEY = ("professional_allowed", "opps_rate", "asc_rate", "allowed", "beneficiary", "medicare")


def _priced(pricer: Any, date: str) -> list[Any]:
    rows = [{"code": code, "date": date, "zip": "43215", "setting": setting}
            for code, setting in (("99213", "24"), ("66984", "24"), ("93458", "22"))]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    return [(row["release"], row["error"], *(row[name] for name in MONEY)) for row in out]


def test_a_us_or_compact_date_is_priced_as_its_iso_twin(pricer: Any) -> None:
    for day in ("2025-11-10", "2026-08-03"):
        iso = _priced(pricer, day)
        assert [row[1] for row in iso] == ["", "", ""] and all(row[0] for row in iso)  # priced, no error
        us = f"{day[5:7]}/{day[8:]}/{day[:4]}"
        assert _priced(pricer, us) == iso == _priced(pricer, day.replace("-", ""))


def test_an_impossible_date_is_the_row_s_error_still(pricer: Any) -> None:
    out = (
        BatchPricer(pricer)
        .price_table(pa.Table.from_pylist([{"code": "99213", "date": "13/45/2026", "zip": "43215", "setting": "24"}]))
        .to_pylist()
    )
    assert "13/45/2026" in out[0]["error"]
