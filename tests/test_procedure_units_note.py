"""Several units of a code the multiple procedure rule ranks (indicator 2): priced as units x its amount, with a note
that CMS ranks procedures billed as lines (an IR trial: 37241 x 2 at $8,383.04, 37241 + 37241-76 at $6,287.28,
unsaid). The same note in ``rvucalc price`` and ``rvucalc batch``; not on a split-care line's days, an add-on's
units, a bilateral code's (their own notes) or a visit's."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.lookup.pricer import Pricer, multiple_procedure_units_note

RVU = Path(__file__).resolve().parents[1] / "data" / "rvu" / "2025"
DAY = {"zip_code": "30322", "date_of_service": "2025-10-06", "setting": "11"}


@pytest.fixture(scope="module")
def pricer() -> Pricer:
    return Pricer()


def _multiple_procedure_indicator(code: str) -> str:
    """CMS's MULT PROC column of the code's row (its header is two rows: 'MULT' over 'PROC')."""
    [path] = [p for p in RVU.glob("PPRRVU*Oct*.csv")]
    with path.open(encoding="latin-1", newline="") as handle:
        rows = list(csv.reader(handle))
    header_at = next(i for i, row in enumerate(rows) if row and row[0] == "HCPCS")
    column = next(i for i, (top, name) in enumerate(zip(rows[header_at - 1], rows[header_at], strict=False))
                  if (top, name) == ("MULT", "PROC"))  # fmt: skip
    return next(row[column] for row in rows[header_at + 1 :] if row and row[0] == code and row[1] == "")


@pytest.mark.parametrize(
    ("code", "units", "noted"),
    [("37241", 2, True), ("37241", 1, False), ("27447-55", 30, False), ("99213", 2, False), ("37235", 2, False)],
)
def test_units_of_a_ranked_procedure_are_noted_in_price_and_batch(
    pricer: Pricer, code: str, units: int, noted: bool
) -> None:
    result = pricer.price(code, units=units, **DAY)
    said = [note for note in result.notes if "multiple procedure rule ranks" in note]
    assert bool(said) == noted, result.notes
    table = pa.table({"code": [code], "units": [str(units)], "zip": [DAY["zip_code"]],
                      "date": [DAY["date_of_service"]], "setting": [DAY["setting"]]})  # fmt: skip
    [row] = BatchPricer(pricer).price_table(table).to_pylist()
    assert ("multiple procedure rule ranks" in str(row["note"])) == noted
    if noted:
        assert said[0] in str(row["note"])
        assert row["allowed"] == result.pfs.non_facility.amount * units  # the money unchanged: units x the amount


def test_the_rule_reads_cms_indicator() -> None:
    """37241 is indicator 2 in CMS's file; an add-on (37235, ZZZ) is not noted even where its indicator is."""
    assert _multiple_procedure_indicator("37241") == "2"
    assert multiple_procedure_units_note({"mult_proc": "2", "global_days": "000"}, [], 2) is not None
    assert multiple_procedure_units_note({"mult_proc": "0", "global_days": "000"}, [], 2) is None
    assert multiple_procedure_units_note({"mult_proc": "2", "global_days": "ZZZ"}, [], 2) is None


def test_a_digit_line_s_separate_lines_carry_each_digit_s_modifier(pricer: Pricer) -> None:
    """A hand surgery trial: 26055-F2 x 2 read "Billed as separate lines (76, 59)". A finger or toe modifier's line is
    billed as one line per digit, each with its own digit modifier (NCCI Policy Manual ch. 1 §E): said in price and
    batch alike, the amount unchanged (units x one unit's: 26055 is indicator 2 in CMS's file)."""
    assert _multiple_procedure_indicator("26055") == "2"
    result = pricer.price("26055", modifier="F2", units=2, **DAY)
    plain = pricer.price("26055", units=2, **DAY)
    [said] = [note for note in result.notes if "multiple procedure rule ranks" in note]
    assert "each with that digit's own modifier" in said and "(76, 59)" not in said, said
    assert any("(76, 59)" in note for note in plain.notes)  # a line without a digit modifier keeps 76, 59
    table = pa.table({"code": ["26055-F2"], "units": ["2"], "zip": [DAY["zip_code"]],
                      "date": [DAY["date_of_service"]], "setting": [DAY["setting"]]})  # fmt: skip
    [row] = BatchPricer(pricer).price_table(table).to_pylist()
    assert said in str(row["note"]).split("; "), row["note"]
    assert row["allowed"] == result.pfs.non_facility.amount * 2 == plain.pfs.non_facility.amount * 2
