"""The batch pricer on Dask: the same pure partition function, ``BatchPricer.price_table``,
mapped over ``dask.dataframe`` partitions, on a local cluster or an existing one.

    rvucalc batch big.csv -o priced.csv --engine dask                       # a local cluster
    rvucalc batch big.csv -o priced.csv --engine dask --scheduler tcp://host:8786

Each worker loads the reference tables once (from its own rvucalc install and
cache). Dask reads with pandas' CSV reader, so a ragged line fails the run
(exit 2) instead of being reported per row: use the pandas engine for messy files.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from rvucalc.batch.files import BatchSummary, _kind, output_format
from rvucalc.batch.price import OUTPUT_COLUMNS, BatchPricer
from rvucalc.errors import UsageError

if TYPE_CHECKING:
    import pandas as pd

    from rvucalc.lookup.pricer import Pricer

_WORKER_PRICER: BatchPricer | None = None


def price_partition(partition: pd.DataFrame) -> pd.DataFrame:
    """Pure function of a partition and the installed reference tables (loaded once per worker)."""
    import pyarrow as pa

    from rvucalc.batch.files import joined_table

    global _WORKER_PRICER
    if _WORKER_PRICER is None:
        from rvucalc.lookup.pricer import Pricer

        _WORKER_PRICER = BatchPricer(Pricer())
    lines = pa.Table.from_pandas(partition.fillna("").astype(str), preserve_index=False)
    priced = _WORKER_PRICER.price_table(lines)
    frame = joined_table(lines, priced, money_as="text").to_pandas().astype(object)
    frame.index = partition.index
    return frame


def run_batch_dask(
    pricer: Pricer, source: str, target: str, *, fmt: str | None = None, scheduler: str | None = None,
    client: Any = None,
) -> BatchSummary:  # fmt: skip
    import dask.dataframe as dd
    import pandas as pd
    from distributed import Client, LocalCluster

    if source == "-" or target == "-":
        raise UsageError("The dask engine reads and writes files, not stdin/stdout.")
    own_cluster = None
    if client is None:
        if scheduler:
            client = Client(scheduler)
        else:
            own_cluster = LocalCluster(host="127.0.0.1", n_workers=2, threads_per_worker=1, dashboard_address=None)
            client = Client(own_cluster)
    try:
        try:
            lines = dd.read_csv(source, dtype=str, keep_default_na=False, blocksize="64MB")
        except (ValueError, FileNotFoundError) as exc:
            raise UsageError(f"{source}: {exc}") from None
        meta = pd.DataFrame({**{c: pd.Series(dtype=object) for c in lines.columns},
                             **{c: pd.Series(dtype=object) for c in OUTPUT_COLUMNS}})  # fmt: skip
        priced = lines.map_partitions(price_partition, meta=meta)
        kind = output_format(target, fmt)
        if kind == "parquet":
            priced.to_parquet(target, write_index=False)
        elif kind == "csv":
            priced.to_csv(target, single_file=True, index=False)
        else:
            raise UsageError("The dask engine writes csv or parquet.")
        errors = priced["error"].compute()
    finally:
        if own_cluster is not None:
            client.close()
            own_cluster.close()
    summary = BatchSummary(rows=len(errors), errors=Counter(_kind(e) for e in errors if e))
    return summary
