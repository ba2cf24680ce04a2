"""Batch's run caches and the cyclic collector (issue 15): what each partition leaves alive (the run's cells, rows and
texts) is frozen while the run lasts, so the collector's passes never walk it again, and unfrozen when the run ends
(its pricer is then garbage like any other); a process that froze objects of its own is left as it was."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from rvucalc.batch.files import run_batch

CODES = ("99213", "22590", "71046", "80053", "J1100", "E0601")


def _lines(tmp_path: Path, rows: int = 300) -> Path:
    source = tmp_path / "in.csv"
    body = "".join(f"{CODES[i % len(CODES)]},10001,c{i}\n" for i in range(rows))
    source.write_text("code,zip,claim\n" + body)
    return source


def test_each_partition_is_frozen_while_the_run_lasts_then_unfrozen(tmp_path: Path, pricer, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    counts: list[int] = []
    real = gc.freeze

    def freeze() -> None:
        real()
        counts.append(gc.get_freeze_count())

    monkeypatch.setattr(gc, "freeze", freeze)
    assert gc.get_freeze_count() == 0
    run_batch(pricer, str(_lines(tmp_path)), str(tmp_path / "out.csv"), chunk_rows=100)
    assert len(counts) == 3  # 300 lines in chunks of 100: one freeze after each partition
    assert all(count > 0 for count in counts)
    assert gc.get_freeze_count() == 0  # the run's objects collectable again once it ends


def test_the_output_is_the_same_with_or_without_freezing(tmp_path: Path, pricer, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    source = _lines(tmp_path)
    run_batch(pricer, str(source), str(tmp_path / "frozen.csv"), chunk_rows=100)
    monkeypatch.setattr(gc, "get_freeze_count", lambda: 1)  # as if the process had frozen objects: no freezing
    monkeypatch.setattr(gc, "freeze", lambda: pytest.fail("froze"))
    run_batch(pricer, str(source), str(tmp_path / "plain.csv"), chunk_rows=100)
    assert (tmp_path / "frozen.csv").read_bytes() == (tmp_path / "plain.csv").read_bytes()


def test_a_process_that_froze_its_own_objects_keeps_them_frozen(tmp_path: Path, pricer, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    mine = [{"kept": index} for index in range(10)]
    calls: list[str] = []
    real_freeze, real_unfreeze = gc.freeze, gc.unfreeze
    real_freeze()
    try:
        assert gc.get_freeze_count() > 0
        monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
        monkeypatch.setattr(gc, "unfreeze", lambda: calls.append("unfreeze"))
        run_batch(pricer, str(_lines(tmp_path)), str(tmp_path / "out.csv"), chunk_rows=100)
        assert calls == []  # the process's frozen objects neither added to nor unfrozen
        assert gc.get_freeze_count() > 0
    finally:
        real_unfreeze()
    assert mine


def test_a_partition_s_cyclic_garbage_is_collected_before_its_survivors_are_frozen(
    tmp_path: Path, pricer, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    # Frozen uncollected, a partition's garbage in cycles stayed until the run ended: 10,000,000 realistic lines
    # peaked at 1,034,872 KB (997,204 KB collected first), near issue 15's 1 GiB.
    calls: list[str] = []
    real_freeze, real_collect = gc.freeze, gc.collect

    def freeze() -> None:
        calls.append("freeze")
        real_freeze()

    def collect(*args: int) -> int:
        calls.append("collect")
        return real_collect(*args)

    monkeypatch.setattr(gc, "freeze", freeze)
    monkeypatch.setattr(gc, "collect", collect)
    run_batch(pricer, str(_lines(tmp_path)), str(tmp_path / "out.csv"), chunk_rows=100)
    frozen_at = [index for index, call in enumerate(calls) if call == "freeze"]
    assert len(frozen_at) == 3
    assert all(index > 0 and calls[index - 1] == "collect" for index in frozen_at)
