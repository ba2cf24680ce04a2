"""Cold single lookup, whole process, against the import floor.

    python benchmarks/cold_lookup.py [--runs 15]

Measures, in this environment:
  * floor:   python -c "import typer, rich.table, pydantic"
  * lookup:  rvucalc price 22590 --zip 10001 --format json   (compiled store present)
  * compile: the first lookup after the cache is emptied (builds the release's store)
Reports medians (seconds) and the lookup's peak memory (max RSS). Not a test.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LOOKUP = ["price", "22590", "--zip", "10001", "--format", "json"]


def rvucalc_command() -> list[str]:
    script = Path(sys.executable).with_name("rvucalc")
    return [str(script)] if script.exists() else [sys.executable, "-m", "rvucalc"]


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    cache = Path(tempfile.mkdtemp(prefix="rvucalc-bench-"))
    env = dict(os.environ, RVUCALC_CACHE_DIR=str(cache))
    command = [*rvucalc_command(), *LOOKUP]
    try:
        compile_time = timed(command, env)
        floor = [timed([sys.executable, "-c", "import typer, rich.table, pydantic"], env) for _ in range(args.runs)]
        lookup = [timed(command, env) for _ in range(args.runs)]
        peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    floor_median, lookup_median = statistics.median(floor), statistics.median(lookup)
    print(f"python {sys.version.split()[0]}, {args.runs} runs each")
    print(f"import floor (typer, rich.table, pydantic): median {floor_median:.3f} s")
    print(f"rvucalc {' '.join(LOOKUP)}: median {lookup_median:.3f} s ({lookup_median / floor_median:.2f}x floor)")
    print(f"first lookup, compiling the 2026 store: {compile_time:.2f} s")
    print(f"peak RSS of any child process: {peak_kib / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
