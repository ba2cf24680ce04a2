"""Cold single lookup, whole process, against the import floor.

    python benchmarks/cold_lookup.py [--runs 15]

Measures, in this environment:
  * floor:   python -c "import typer, rich.table, pydantic"
  * lookup:  rvucalc price 22590 --zip 10001 --format json   (compiled store present)
  * compile: the first lookup after the cache is emptied (builds the release's store)
Floor and lookup runs alternate, so a busy machine slows both alike; reports medians of wall
time and of CPU time (user + system of the child: less sensitive to other load), and the
lookup's peak memory (max RSS). Not a test.
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
    return timed_cpu(command, env)[0]


def timed_cpu(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    cache = Path(tempfile.mkdtemp(prefix="rvucalc-bench-"))
    env = dict(os.environ, RVUCALC_CACHE_DIR=str(cache))
    command = [*rvucalc_command(), *LOOKUP]
    try:
        compile_time = timed(command, env)
        floor, lookup = [], []
        for _ in range(args.runs):  # alternating: other load on the machine hits both alike
            floor.append(timed_cpu([sys.executable, "-c", "import typer, rich.table, pydantic"], env))
            lookup.append(timed_cpu(command, env))
        peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    print(f"python {sys.version.split()[0]}, {args.runs} runs each, alternating")
    for label, index in (("wall", 0), ("cpu", 1)):
        floor_median = statistics.median(run[index] for run in floor)
        lookup_median = statistics.median(run[index] for run in lookup)
        print(
            f"{label}: import floor (typer, rich.table, pydantic) median {floor_median:.3f} s; "
            f"rvucalc {' '.join(LOOKUP)} median {lookup_median:.3f} s ({lookup_median / floor_median:.2f}x floor)"
        )
    print(f"first lookup, compiling the 2026 store: {compile_time:.2f} s")
    print(f"peak RSS of any child process: {peak_kib / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
