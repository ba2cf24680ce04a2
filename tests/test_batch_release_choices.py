"""A batch run chooses each schedule's release in force once per dataset, year and date (``batch.schedules.
RunCatalogue``), not once per code cell (each choice reads the pins: a stat of ``state.json``); and once per run, not
per process: a pin set with `rvucalc data use` between two runs is seen by the next."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer
from rvucalc.reference.catalogue import Catalogue

runner = CliRunner()


def test_a_run_chooses_a_release_once_per_dataset_year_and_date(monkeypatch: pytest.MonkeyPatch) -> None:
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer

    asked: Counter[tuple[str, int, Any]] = Counter()
    in_force = Catalogue.in_force

    def counting(self: Catalogue, dataset: str, year: int, day: Any) -> Any:
        asked[(dataset, year, day)] += 1
        return in_force(self, dataset, year, day)

    monkeypatch.setattr(Catalogue, "in_force", counting)
    codes = ["80053", "85025", "80061", "84443", "82947", "E0601", "E0114", "J1100", "J0696", "J9277", "A4253"]
    dates = ["2026-02-03", "2026-05-04", "2026-08-10", ""]
    rows = [(code, units, date) for code in codes for units in ("1", "2") for date in dates]
    table = pa.table({"code": [r[0] for r in rows], "zip": ["10001"] * len(rows), "units": [r[1] for r in rows],
                      "date": [r[2] for r in rows]})  # fmt: skip
    priced = BatchPricer(Pricer()).price_table(table)
    assert priced.num_rows == len(rows)
    assert {dataset for dataset, _, _ in asked} >= {"clfs", "asp", "dmepos", "opps", "asc"}
    # Once by the run's other schedules, once by its facility quarters (batch.price's OPPS and ASC files).
    assert max(asked.values()) <= 2, asked


def test_a_pin_set_between_two_batch_runs_of_one_process_is_seen_by_the_next(user_root: Path) -> None:
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer

    pricer = Pricer()
    table = pa.table({"code": ["80053"], "zip": ["10001"]})  # no date: the release pinned, else the newest

    def release() -> str:
        return str(BatchPricer(pricer).price_table(table).column("release").to_pylist()[0])

    assert "CLFS 2026-04" in release()
    assert runner.invoke(app, ["data", "use", "2026-01", "--dataset", "clfs"]).exit_code == 0
    assert "CLFS 2026-01" in release()
    assert runner.invoke(app, ["data", "rollback", "--dataset", "clfs"]).exit_code == 0
    assert "CLFS 2026-04" in release()


def test_a_long_lived_dask_worker_sees_a_pin_set_between_two_runs(
    user_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A review: a worker of a cluster that outlives a run (--scheduler) kept its pricer, and the run's release
    choices, for every later run. Each run (``run`` id) now starts afresh; a worker's warm-up pricer serves its
    first run."""
    import pyarrow as pa

    from rvucalc.batch import dask_engine

    monkeypatch.setattr(dask_engine, "_WORKER_PRICERS", {})
    monkeypatch.setattr(dask_engine, "_WORKER_RUN", [None])
    table = pa.table({"code": ["80053"], "zip": ["10001"]})

    def release(run: str) -> str:
        return str(dask_engine.worker_pricer(None, run).price_table(table).column("release").to_pylist()[0])

    warm = dask_engine.worker_pricer()
    assert "CLFS 2026-04" in release("run 1") and dask_engine.worker_pricer(None, "run 1") is warm
    assert runner.invoke(app, ["data", "use", "2026-01", "--dataset", "clfs"]).exit_code == 0
    assert "CLFS 2026-04" in release("run 1")  # a run's choices are the run's
    assert "CLFS 2026-01" in release("run 2")
    assert dask_engine.worker_pricer(None, "run 2") is not warm
