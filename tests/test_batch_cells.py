"""batch.cells: code cells numbered for the run, each release's facts of them kept as arrays.

Batch works out what a release says of a code cell once, at its first sight, and shares the row, rules
and encounter facts of cells that differ only by informational modifiers (``BatchPricer._row``). These
tests hold the modifier table to what that sharing assumes, and check that forgetting the cells between
partitions (as a file of tens of millions of lines makes batch do) changes no output.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

from conftest import realistic_claims
from rvucalc.batch import price
from rvucalc.batch.cells import CellTable, CellView
from rvucalc.cli import app
from rvucalc.engine import modifiers as modifier_table
from rvucalc.engine.policy import ANESTHESIA_PERCENT, line_factors
from rvucalc.engine.schedules import CAPPED_RENTAL_MONTHS, capped_rental_month_note
from rvucalc.lookup.lines import POLICY_MODIFIERS

runner = CliRunner()
INFORMATIONAL = sorted(m for m in modifier_table._table() if modifier_table.informational(m))


def test_the_table_has_informational_modifiers_to_share() -> None:
    assert {"25", "59", "GP", "LT", "RT"} <= set(INFORMATIONAL)


@pytest.mark.parametrize("modifier", INFORMATIONAL)
def test_an_informational_modifier_adds_no_rule_claim_step_or_facility_factor(modifier: str) -> None:
    """What cells that differ only by informational modifiers share: their rules (policy modifiers, anesthesia,
    the claim modifiers that change an amount), their factors, and their OPPS/ASC modifiers."""
    assert modifier not in POLICY_MODIFIERS
    assert modifier not in ANESTHESIA_PERCENT
    assert not modifier_table.changes_pfs_amount(modifier)
    if modifier == "JW":  # a 2026 skin substitute's discarded units: a $0.00 facility rate, read per code cell
        # (batch.price's "JW skin substitute" flag), though JW chooses no PFS row and no other code's facility rate
        assert modifier_table.facility_discarded_supply("Q4186", ("JW",), 2026)
        assert not modifier_table.facility_discarded_supply("J9271", ("JW",), 2026)
    else:
        assert modifier not in modifier_table.FACILITY_MODIFIERS
    row = {"bilat_surg": "1", "status": "A"}
    assert line_factors(row, (modifier,)) == line_factors(row, ())
    assert line_factors(row, ("50", modifier)) == line_factors(row, ("50",))


def test_a_cell_table_fills_each_group_once_and_reads_defaults_elsewhere() -> None:
    table = CellTable()
    columns = {"row": ("int64", -1), "flag": ("bool", False)}
    asked: list[int] = []

    def facts(number: int) -> tuple[int, bool]:
        asked.append(number)
        return number * 10, number % 2 == 1

    table.fill("cell", columns, table.missing("cell", np.array([3, 5, 3, 2000])), facts)
    assert asked == [3, 5, 2000]
    assert table.missing("cell", np.array([5, 3, 7, 2000, 7])).tolist() == [7]
    view = CellView(table, np.array([2000, 3, 7, 4000]))  # 4000: past the table, read as the defaults
    assert view["row"].tolist() == [20000, 30, -1, -1]
    assert view["flag"].tolist() == [False, True, False, False]
    assert table.missing("other", np.array([3])).tolist() == [3]


def test_a_cell_test_called_once_per_group_of_cells_alike_answers_as_called_on_each() -> None:
    """CodeCells.tested calls a test once per group of cells equal in what it read (the modifiers alone: ~10 calls, not
    one per cell), splitting a group where the test reads more of one of its cells (a path of its own)."""
    from rvucalc.batch.lines import PROVIDERS, CodeCells

    cells = CodeCells()
    codes = [f"{10000 + i}" for i in range(300)] + ["99213", "00100", "ABC"]
    modifiers = ["", "50", "25", "GP", "RT", "26"]
    pairs = np.arange(len(codes) * len(modifiers), dtype=np.int64) * len(PROVIDERS)
    numbers = cells.find(codes, modifiers, pairs)
    calls: list[Any] = []

    def bilateral(cell: Any) -> bool:
        calls.append(cell)
        return "50" in cell.modifiers

    def mixed(cell: Any) -> bool:  # reads the code only where the modifiers say so
        return bool(cell.error) or ("26" in cell.modifiers and cell.code.endswith("3"))

    for name, test in (("50", bilateral), ("mixed", mixed)):
        for half in (numbers[::2], numbers):  # a second partition, with cells not tested yet
            found = cells.tested(name, test, half)
            called = len(calls)
            assert found.tolist() == [test(cells.parsed[n]) for n in half.tolist()], name
            del calls[called:]
    assert len(calls) <= 2 * len(modifiers) + 2


@pytest.mark.slow
def test_forgetting_the_cells_between_partitions_changes_nothing(tmp_path: Path, monkeypatch: Any) -> None:
    """A realistic claim file in partitions of 500 lines, with the cells (their numbers, facts and texts)
    forgotten before almost every partition, prices exactly as with them kept."""
    source = realistic_claims(4_000, tmp_path / "claims.csv", seed=11)

    def priced() -> str:
        out = tmp_path / "out.csv"
        result = runner.invoke(app, ["batch", str(source), "-o", str(out), "--chunk-rows", "500"])
        assert result.exit_code in (0, 1), result.output
        return out.read_text()

    kept = priced()
    cleared: list[int] = []
    forget = price.BatchPricer._forget_if_large

    def counting(self: price.BatchPricer) -> None:
        if len(self._codes) > price.CELLS_LIMIT:
            cleared.append(len(self._codes))
        forget(self)

    monkeypatch.setattr(price, "CELLS_LIMIT", 100)
    monkeypatch.setattr(price.BatchPricer, "_forget_if_large", counting)
    assert priced() == kept
    assert len(cleared) >= 5


def _partitions(tmp_path: Path, lines: int, size: int, seed: int) -> list[Any]:
    """A realistic claim file as ``price_table``'s partitions of ``size`` lines (ISO dates, our column names)."""
    import csv

    import pyarrow as pa

    source = realistic_claims(lines, tmp_path / "claims.csv", seed=seed)
    names = {"Claim ID": "claim", "CPT Code": "code", "Mod 1": "modifier", "Date of Service": "date", "POS": "setting",
             "Zip Code": "zip", "Units": "units"}  # fmt: skip
    with source.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:  # the CLI reads 08/03/2026; price_table takes ISO dates
        month, day, year = row["Date of Service"].split("/") if "/" in row["Date of Service"] else ("", "", "")
        row["Date of Service"] = f"{year}-{month}-{day}" if year else row["Date of Service"]
    table = pa.table({ours: [row[theirs] for row in rows] for theirs, ours in names.items()})
    return [table.slice(start, size) for start in range(0, table.num_rows, size)]


@pytest.mark.slow
def test_a_partition_built_on_another_thread_while_the_next_is_priced_is_as_priced_alone(
    tmp_path: Path, monkeypatch: Any
) -> None:
    """``files.run_batch`` builds a partition's output table (``price_later``'s function) on the writer's thread
    while the next partition is priced, and the run's cells are forgotten between partitions: the table is
    the one the partition gets priced alone. It fails if building reads anything the next partition changes."""
    from concurrent.futures import ThreadPoolExecutor

    from rvucalc.lookup.pricer import Pricer

    parts = _partitions(tmp_path, 3_000, 200, seed=5)
    alone = [price.BatchPricer(Pricer()).price_table(part).to_pylist() for part in parts]
    monkeypatch.setattr(price, "CELLS_LIMIT", 60)  # forgotten before almost every partition
    shared = price.BatchPricer(Pricer())
    built: list[Any] = []
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        with ThreadPoolExecutor(max_workers=1) as pool:
            pending = None
            for part in parts:
                build = shared.price_later(part)
                if pending is not None:
                    built.append(pending.result())
                pending = pool.submit(lambda build=build: build().to_pylist())
            assert pending is not None
            built.append(pending.result())
    finally:
        sys.setswitchinterval(interval)
    assert built == alone


@pytest.mark.slow
def test_one_pricer_prices_partitions_from_several_threads_as_one_after_another(tmp_path: Path) -> None:
    """Found by a fresh-eyes review: a Dask worker's threads share one pricer (``worker_pricer``), whose cells,
    texts and caches change while a partition is priced. Partitions priced at once in four threads come out as
    when priced one after another."""
    from concurrent.futures import ThreadPoolExecutor

    from rvucalc.lookup.pricer import Pricer

    parts = _partitions(tmp_path, 3_000, 150, seed=3)
    alone = [price.BatchPricer(Pricer()).price_table(part).to_pylist() for part in parts]
    shared = price.BatchPricer(Pricer())
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads switch often: a race shows at once
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            together = list(pool.map(lambda part: shared.price_table(part).to_pylist(), parts))
    finally:
        sys.setswitchinterval(interval)
    assert together == alone


@pytest.mark.parametrize("modifier", INFORMATIONAL)
def test_an_informational_modifier_chooses_no_other_schedules_row(pricer: Any, modifier: str) -> None:
    """Batch keeps a lab's, drug's or supply's terms per code and paying modifiers (``ScheduleTerms._office``):
    an informational modifier leaves ``lookup.schedules.look_up``'s answer as it is."""
    import datetime as dt

    from rvucalc.lookup.schedules import look_up

    day = dt.date(2026, 3, 2)
    for code, paying, units in (("80053", (), 1), ("87635", ("QW",), 1), ("J9271", (), 100), ("E0260", ("RR",), 1),
                                ("K0001", ("NU",), 1)):  # fmt: skip
        alone = look_up(pricer.catalogue, code, paying, year=2026, date_of_service=day, units=units, state="NY",
                        rural=False)  # fmt: skip
        also = look_up(pricer.catalogue, code, (*paying, modifier), year=2026, date_of_service=day, units=units,
                       state="NY", rural=False)  # fmt: skip
        month = capped_rental_month_note(code, "CR", set(paying))
        if modifier in CAPPED_RENTAL_MONTHS and alone.dmepos is not None and month in alone.dmepos.notes:
            # KH or KI on a capped rental (E0260-RR): the month given, so no note that it is missing (batch keys on
            # it, as on AY)
            alone.dmepos.notes = [note for note in alone.dmepos.notes if note != month]
        if modifier == "KX" and also.dmepos is not None and also.dmepos.payable:
            # KX on a priced DME item: what it attests there (engine.modifiers.DMEPOS_KX_NOTE; batch keys on KX, as
            # on AY), its fee the same
            from rvucalc.engine.modifiers import DMEPOS_KX_NOTE

            assert DMEPOS_KX_NOTE in also.dmepos.notes, code
            also.dmepos.notes = [note for note in also.dmepos.notes if note != DMEPOS_KX_NOTE]
        if modifier == "CG" and also.dmepos is not None and also.dmepos.payable:
            # CG on a priced DME item: the DME MAC policy's criteria (engine.modifiers.DMEPOS_CG_NOTE; batch keys on
            # CG, as on KX), its fee the same
            from rvucalc.engine.modifiers import DMEPOS_CG_NOTE

            assert DMEPOS_CG_NOTE in also.dmepos.notes, code
            also.dmepos.notes = [note for note in also.dmepos.notes if note != DMEPOS_CG_NOTE]
        if modifier == "RB" and also.dmepos is not None and "RR" in paying:
            # RB on a rental (E0260-RR): its repair is the rental's (engine.schedules.RENTED_REPAIR_NOTE; batch keys
            # on RB, as on KX), its fee the same
            from rvucalc.engine.schedules import RENTED_REPAIR_NOTE

            assert RENTED_REPAIR_NOTE in also.dmepos.notes, code
            also.dmepos.notes = [note for note in also.dmepos.notes if note != RENTED_REPAIR_NOTE]
        assert also == alone, (code, modifier)


def test_only_an_always_therapy_codes_cells_get_its_therapy_notes(pricer: Any) -> None:
    """The therapy plan's note (``lookup.lines.line_notes``) is worked out only for the cells whose row is an
    always-therapy code's: made for every cell, it was a third of a realistic file's texts, kept for the run."""
    import pyarrow as pa

    rows = [{"code": code, "modifier": modifier, "zip": "10001", "date": "2026-08-03"}
            for code in ("97110", "27447", "99213", "D7140") for modifier in ("", "59", "RT")]  # fmt: skip
    batch = price.BatchPricer(pricer)
    out = batch.price_table(pa.Table.from_pylist(rows)).to_pylist()
    therapy = [text for text in batch._strings.values if "is an always-therapy code" in text]
    assert therapy and all(text.startswith(("97110 ", "Modifier")) for text in therapy), therapy
    noted = [line["code"] for line, row in zip(rows, out, strict=True) if "always-therapy" in (row["note"] or "")]
    assert noted == ["97110"] * 3
