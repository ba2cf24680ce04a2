"""Discarded units of a skin substitute paid as a supply (a wound care practice's trial). `price 15271 Q4271 Q4271-JW
--units 1 --units 20 --units 5 --zip 33136 --setting 11 --date 2026-03-10` paid the JW line 5 x $132.47 = $662.35
("Modifier JW is informational"). From 2026 the PFS pays a skin substitute as an incident-to supply (CY2026 PFS final
rule, CMS-1832-F; CMS's RVU26 file: Q4271 status A, PC/TC 3), and CMS's JW/JZ policy is a drug policy; Noridian: "Not
appropriate to bill Medicare for discarded non-BLA skin substitute units under any circumstance with JW modifier". The
JW line is $0.00 with its note, JZ keeps its amount with a note; price and batch alike; 2025 (status E: the ASP file's)
unchanged."""

from __future__ import annotations

import csv
from decimal import Decimal
from typing import Any

import pyarrow as pa
from typer.testing import CliRunner

from conftest import TESTS
from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine.modifiers import SUPPLY_DISCARDED_NOTE, SUPPLY_JZ_NOTE

runner = CliRunner()
SHIPPED = TESTS.parent / "data" / "rvu"
DATE = "2026-03-10"
PLACE = {"zip": "33136", "setting": "11"}


def _status(path: str, code: str) -> tuple[str, str]:
    with open(SHIPPED / path, newline="", encoding="latin-1") as handle:
        row = next(row for row in csv.reader(handle) if row and row[0] == code and row[1] == "")
    return row[3], row[13]  # status, PC/TC indicator


def _office(line: Any) -> Decimal | None:
    setting = line.pfs.non_facility
    return None if setting is None else setting.amount


def test_cms_rows_behind_the_case() -> None:
    assert _status("2026/PPRRVU2026_Jul_nonQPP.csv", "Q4271") == ("A", "3")  # a PFS supply in 2026
    assert _status("2025/PPRRVU2025_Oct.csv", "Q4271")[0] == "E"  # not the PFS's in 2025


def test_a_jw_line_is_paid_nothing_in_price_and_batch(pricer: Any) -> None:
    codes, units = ["15271", "Q4271", "Q4271-JW", "Q4271-JZ"], [1, 20, 5, 20]
    single = pricer.price_encounter(codes, units=units, zip_code="33136", setting="11", date_of_service=DATE)
    procedure, applied, discarded, attested = single.lines
    assert _office(discarded) == Decimal("0.00") and _office(applied) > 0
    assert _office(attested) == _office(applied)  # JZ: the amount unchanged
    assert SUPPLY_DISCARDED_NOTE.format(code="Q4271") in discarded.notes
    assert not any("Modifier JW is informational" in note for note in discarded.notes)
    assert SUPPLY_JZ_NOTE.format(code="Q4271") in attested.notes
    assert not any("Modifier JZ is informational" in note for note in attested.notes)
    office = single.totals["office"]
    assert office.allowed == _office(procedure) + 40 * _office(applied)  # the discarded 5 units add nothing
    rows = [{"code": code, "units": str(count), "date": DATE, "claim": "1", **PLACE}
            for code, count in zip(codes, units, strict=True)]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for line, row, count in zip(single.lines, out, units, strict=True):
        assert row["pfs_non_facility_amount"] == _office(line), row
        assert row["allowed"] == _office(line) * count, row
    assert SUPPLY_DISCARDED_NOTE.format(code="Q4271") in out[2]["note"]
    assert "Modifier JW is informational" not in out[2]["note"]
    assert SUPPLY_JZ_NOTE.format(code="Q4271") in out[3]["note"]
    assert "Modifier JZ is informational" not in out[3]["note"]
    # Alone, without a claim: the same.
    (alone,) = BatchPricer(pricer).price_table(pa.Table.from_pylist([{**rows[2], "claim": ""}])).to_pylist()
    assert (
        alone["pfs_non_facility_amount"] == Decimal("0.00")
        and SUPPLY_DISCARDED_NOTE.format(code="Q4271") in (alone["note"])
    )


def test_2025_dates_are_unchanged(pricer: Any) -> None:
    """In 2025 the RVU row is status E (the ASP file pays the biological, JW's discarded units with it)."""
    single = pricer.price("Q4271-JW", zip_code="33136", setting="11", date_of_service="2025-11-10")
    assert any("Modifier JW is informational" in note for note in single.notes), single.notes
    assert not any(SUPPLY_DISCARDED_NOTE.format(code="Q4271") in note for note in single.notes)
    row = {"code": "Q4271-JW", "units": "5", "date": "2025-11-10", **PLACE}
    (out,) = BatchPricer(pricer).price_table(pa.Table.from_pylist([row])).to_pylist()
    assert "Modifier JW is informational" in out["note"] and "not billable" not in out["note"]


def test_the_modifiers_command_says_so() -> None:
    result = runner.invoke(app, ["modifiers", "JW", "JZ"], env={"COLUMNS": "400"})
    said = " ".join(result.output.replace("│", " ").split())
    assert "discarded units are not billable" in said and "CMS-1832-F" in said, said
    assert "Not used from 2026 on a skin substitute" in said
