"""What holds memory at the end of a batch run: the traced bytes each long-lived cache frees when emptied.

    python benchmarks/memory_holders.py claims.csv -o /tmp/priced.csv [--names _units_said,_strings]

Runs ``run_batch`` in this process under tracemalloc (Python objects and numpy arrays; Arrow's buffers are not
traced), and once the last chunk is written empties, one by one, each attribute of the BatchPricer and SeenClaims
(and then the lru caches), saying what each freed (cumulative: an object two caches share is freed by the later)
and its entry count; then the largest allocations left, by line. Compare two lengths of the realistic file
(``realistic_claims.py``: 300,000 and 3,000,000 lines) to see what grows with the file. ~3x slower than a plain run.
"""

from __future__ import annotations

import argparse
import functools
import gc
import sys
import tracemalloc
from typing import Any


def _traced() -> int:
    gc.collect()
    return tracemalloc.get_traced_memory()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("input")
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--names", help="only these attributes, comma-separated")
    args = parser.parse_args()
    tracemalloc.start(1)
    from rvucalc.batch import files
    from rvucalc.batch.price import BatchPricer
    from rvucalc.lookup.pricer import Pricer

    close = files.Writer.close

    def measured_close(self: Any, *, complete: bool = True) -> None:
        self._wait()
        print(f"traced at the end {_traced() / 1e6:.1f} MB (peak {tracemalloc.get_traced_memory()[1] / 1e6:.1f})")
        held = [o for o in gc.get_objects() if isinstance(o, (BatchPricer, files.SeenClaims))]
        for owner in held:
            for name in args.names.split(",") if args.names else list(vars(owner)):
                if not hasattr(owner, name):
                    continue
                value = getattr(owner, name)
                count = len(value) if hasattr(value, "__len__") else -1
                before = _traced()
                setattr(owner, name, None)
                del value
                freed = before - _traced()
                if abs(freed) > 200_000:
                    print(f"{type(owner).__name__}.{name}: {freed / 1e6:8.2f} MB ({count:,} entries)")
        for cached in [o for o in gc.get_objects() if isinstance(o, functools._lru_cache_wrapper)]:
            before, count = _traced(), cached.cache_info().currsize
            cached.cache_clear()
            freed = before - _traced()
            if freed > 200_000:
                print(f"lru {cached.__module__}.{cached.__qualname__}: {freed / 1e6:8.2f} MB ({count:,} entries)")
        print(f"left {_traced() / 1e6:.1f} MB; the largest by line:")
        for stat in tracemalloc.take_snapshot().statistics("lineno")[:15]:
            print(f"  {stat.size / 1e6:8.2f} MB {stat.count:9,} {stat.traceback.format()[0].strip()[:140]}")
        sys.stdout.flush()
        close(self, complete=complete)

    files.Writer.close = measured_close  # type: ignore[method-assign]
    files.run_batch(Pricer(), args.input, args.output, report=lambda message: None)


if __name__ == "__main__":
    main()
