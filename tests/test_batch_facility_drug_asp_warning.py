"""Batch says what price says (tests/test_facility_drug_asp_warning.py): an ASC row of a drug priced from Addendum BB
of its quarter has the ASP warning name the office's comparison alone (an ASC trial's rows A1007, A1012)."""

from __future__ import annotations

import pyarrow as pa

from rvucalc.batch.price import BatchPricer
from rvucalc.lookup.pricer import Pricer


def test_an_asc_drug_row_s_asp_warning_names_addendum_bb_as_price_does(pricer: Pricer) -> None:
    table = pa.table({"claim": ["A"], "code": ["J1885"], "date": ["2026-08-03"], "setting": ["24"],
                      "zip": ["30309"], "units": ["4"]})  # fmt: skip
    row = BatchPricer(pricer).price_table(table).to_pylist()[0]
    single = pricer.price("J1885", zip_code="30309", setting="asc", date_of_service="2026-08-03", units=4)
    warning = next(w for w in single.warnings if "ASP drug payment limit" in w)
    assert row["asc_release"] == "2026-07" and warning in row["note"]
    assert "is not installed: priced with 2026-01" not in row["note"]
