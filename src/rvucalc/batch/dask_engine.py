"""The batch pricer on Dask: chunks priced by the workers of a local cluster or an existing one.

    rvucalc batch big.csv -o priced.csv --engine dask                       # a local cluster
    rvucalc batch big.csv -o priced.csv --engine dask --scheduler tcp://host:8786

The client reads the input, cuts it into chunks that end between claims (the same reader
and the same cuts as the default engine, so ragged lines are reported per row and the output
is identical), and sends each chunk's pricing columns to a worker, which runs the same pure
function, ``BatchPricer.price_table``, with reference tables loaded once per worker from its
own rvucalc install and cache. Each chunk is priced exactly once; results come back in input
order and the client writes them (whole or absent, like the default engine) and counts the
errors from what it wrote. At most ``in_flight`` chunks are out at a time, so memory is
bounded on the client and on every worker whatever the file's size.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from rvucalc.batch.files import DEFAULT_CHUNK_ROWS, BatchSummary, Chunk, PriceChunks, run_batch
from rvucalc.batch.price import BatchPricer

if TYPE_CHECKING:
    import pyarrow as pa

    from rvucalc.lookup.pricer import Pricer

_WORKER_PRICER: BatchPricer | None = None
LOCAL_WORKERS = 2


def price_chunk(view: pa.Table, errors: dict[int, str]) -> pa.Table:
    """Runs on a worker: one chunk's pricing columns -> its priced columns (reference tables loaded once)."""
    global _WORKER_PRICER
    if _WORKER_PRICER is None:
        from rvucalc.lookup.pricer import Pricer

        _WORKER_PRICER = BatchPricer(Pricer())
    return _WORKER_PRICER.price_table(view, errors)


def dask_prices(client: Any, in_flight: int) -> PriceChunks:
    """Chunks priced on the cluster, ``in_flight`` at a time, yielded in input order."""

    def price(chunks: Iterator[Chunk]) -> Iterator[tuple[pa.Table, pa.Table]]:
        pending: deque[tuple[pa.Table, Any]] = deque()
        try:
            for lines, view, errors in chunks:
                pending.append((lines, client.submit(price_chunk, view, errors, pure=False)))
                while len(pending) >= in_flight:
                    done, future = pending.popleft()
                    yield done, future.result()
            while pending:
                done, future = pending.popleft()
                yield done, future.result()
        finally:
            for _, future in pending:
                future.cancel()

    return price


def run_batch_dask(
    pricer: Pricer,
    source: str,
    target: str,
    *,
    fmt: str | None = None,
    scheduler: str | None = None,
    client: Any = None,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    columns: dict[str, str] | None = None,
    report: Callable[[str], None] | None = None,
    progress: Callable[[int], None] | None = None,
) -> BatchSummary:
    """``run_batch`` with the pricing on a Dask cluster: ``client``, else ``scheduler``'s
    address, else a local cluster of ``LOCAL_WORKERS`` single-threaded worker processes."""
    from distributed import Client, LocalCluster

    own: list[Any] = []
    if client is None:
        if scheduler:
            client = Client(scheduler)
            own.append(client)
        else:
            cluster = LocalCluster(
                host="127.0.0.1", n_workers=LOCAL_WORKERS, threads_per_worker=1, dashboard_address=None
            )
            client = Client(cluster)
            own += [client, cluster]
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        return run_batch(
            pricer, source, target, fmt=fmt, chunk_rows=chunk_rows, progress=progress, columns=columns,
            report=report, price_chunks=dask_prices(client, in_flight=2 * workers),
        )  # fmt: skip
    finally:
        for thing in own:
            thing.close()
