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

import logging
from collections import deque
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from rvucalc.batch.atomic import check_target, refuse_overwriting_input
from rvucalc.batch.files import DEFAULT_CHUNK_ROWS, BatchSummary, Chunk, PriceChunks, output_format, run_batch
from rvucalc.batch.price import BatchPricer, Scenario
from rvucalc.errors import OutputFailedError

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from rvucalc.lookup.pricer import Pricer

_WORKER_PRICERS: dict[Scenario, BatchPricer] = {}
_WORKER_RUN: list[str | None] = [None]  # the run the worker's pricers are for
LOCAL_WORKERS = 2


def worker_pricer(scenario: Scenario | None = None, run: str | None = None) -> BatchPricer:
    """The worker's pricer for a run's scenario (what-if and contract terms), made once per worker process and run;
    its reference tables are shared by the scenarios' pricers. A worker of a cluster that outlives a run (--scheduler)
    starts each ``run`` afresh: its pricers' choices (the installed releases, a `rvucalc data use` pin, the releases
    in force on each date) are a run's, as the default engine's are (a review: a pin set between two runs was not
    seen)."""
    scenario = scenario or Scenario()
    if run is not None and run != _WORKER_RUN[0]:
        if _WORKER_RUN[0] is not None:  # a worker's first run keeps the pricers its warm-up made for it
            _WORKER_PRICERS.clear()
        _WORKER_RUN[0] = run
    if scenario not in _WORKER_PRICERS:
        from rvucalc.lookup.pricer import Pricer

        first = next(iter(_WORKER_PRICERS.values()), None)
        _WORKER_PRICERS[scenario] = BatchPricer(first.pricer if first is not None else Pricer(), scenario)
    return _WORKER_PRICERS[scenario]


def price_partition(partition: pd.DataFrame) -> pd.DataFrame:
    """For your own ``dask.dataframe`` pipelines (``frame.map_partitions(price_partition)``): a
    pandas partition of text cells -> its columns then the priced ones (money as text). A pure
    function of the partition and the installed reference tables, loaded once per worker."""
    import pyarrow as pa

    from rvucalc.batch.files import joined_table

    lines = pa.Table.from_pandas(partition.fillna("").astype(str), preserve_index=False)
    priced = worker_pricer().price_table(lines)
    frame = joined_table(lines, priced, money_as="text").to_pandas().astype(object)
    frame.index = partition.index
    return frame


def warm_worker() -> None:
    """Load the reference tables a chunk will need (the newest release's), before the first chunk."""
    import pyarrow as pa

    from rvucalc.batch.arrow_columns import string_array

    worker_pricer().price_table(pa.Table.from_arrays([string_array(["99213"])], names=["code"]))


def price_chunk(view: Any, errors: dict[int, str], scenario: Scenario | None = None, run: str | None = None) -> Any:
    """Runs on a worker: one chunk's pricing columns -> its priced columns (reference tables loaded
    once a run), both packed (``pack``)."""
    return pack(worker_pricer(scenario, run).price_table(unpack(view), errors))


def pack(table: pa.Table) -> Any:
    """A table as a zstd-compressed Arrow IPC stream. Pricing 100,000 lines takes ~0.06 s; moving
    its 20 MB of priced columns between processes took longer than that, compressed it is ~5 MB."""
    import pyarrow as pa
    import pyarrow.ipc as ipc

    sink = pa.BufferOutputStream()
    with ipc.new_stream(sink, table.schema, options=ipc.IpcWriteOptions(compression="zstd")) as writer:
        writer.write_table(table)
    return sink.getvalue()


def unpack(packed: Any) -> pa.Table:
    import pyarrow.ipc as ipc

    return ipc.open_stream(packed).read_all()


def dask_prices(
    connect: Callable[[], Any], in_flight_per_worker: int = 2, scenario: Scenario | None = None
) -> PriceChunks:
    """Chunks priced on the cluster ``connect()`` gives (called at the first chunk, so a local
    cluster starts while the input is checked), a few per worker at a time, in input order."""

    def price(chunks: Iterator[Chunk]) -> Iterator[tuple[pa.Table, pa.Table]]:
        import uuid

        run = uuid.uuid4().hex
        pending: deque[tuple[pa.Table, Any]] = deque()
        client: Any = None
        in_flight = in_flight_per_worker
        try:
            for lines, view, errors in chunks:
                if client is None:
                    client = connect()
                    in_flight *= max(1, len(client.scheduler_info().get("workers", {})))
                pending.append((lines, client.submit(price_chunk, pack(view), errors, scenario, run, pure=False)))
                while len(pending) >= in_flight:
                    done, future = pending.popleft()
                    yield done, unpack(future.result())
            while pending:
                done, future = pending.popleft()
                yield done, unpack(future.result())
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
    per_claim: bool = False,
    scenario: Scenario | None = None,
    summary_target: str | None = None,
) -> BatchSummary:
    """``run_batch`` with the pricing on a Dask cluster: ``client``, else ``scheduler``'s
    address, else a local cluster of ``LOCAL_WORKERS`` single-threaded worker processes.
    ``per_claim``: count totals by claim too (``--summary``), on the client, from what it writes; ``summary_target``:
    as ``run_batch``'s."""
    from concurrent.futures import ThreadPoolExecutor

    from distributed import Client, LocalCluster

    own: list[Any] = []

    def connect() -> Any:
        if client is not None:
            return client
        if scheduler:
            try:
                own.append(Client(scheduler))
            except (OSError, TimeoutError) as exc:  # the run started: exit 3, nothing written (not "could not write")
                raise OutputFailedError(
                    f"could not connect to the Dask scheduler at {scheduler}: {exc}; check the address and that the "
                    "scheduler is running (without --scheduler, batch starts a local cluster); nothing was written"
                ) from None
        else:
            cluster = LocalCluster(
                host="127.0.0.1",
                n_workers=LOCAL_WORKERS,
                threads_per_worker=1,
                dashboard_address=None,
                # A cancelled chunk (Ctrl-C) is not worth a warning, nor a worker's heartbeat failing while our own
                # cluster shuts down (an ophthalmology trial saw its traceback under -q once in four runs): a failure
                # that matters reaches the client as an exception.
                silence_logs=logging.CRITICAL,
            )
            own.append(Client(cluster))
            own[0].run(warm_worker)  # while the client reads and checks the input
        return own[0]

    # What would refuse the run at once is checked before a cluster starts.
    output_format(target, fmt)
    refuse_overwriting_input(source, target)
    check_target(target)
    starting = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rvucalc-dask-start")
    connected = starting.submit(connect)  # the cluster starts while the input is read and checked
    try:
        return run_batch(
            pricer, source, target, fmt=fmt, chunk_rows=chunk_rows, progress=progress, columns=columns,
            report=report, price_chunks=dask_prices(connected.result, scenario=scenario), per_claim=per_claim,
            scenario=scenario,  # for the summary's terms: the chunks are priced by dask_prices
            summary_target=summary_target,
        )  # fmt: skip
    finally:
        starting.shutdown(wait=True)
        if own:
            if scheduler:
                own[0].close()
            else:
                own[0].shutdown()  # our own cluster: stop its workers now, not after a graceful drain
