"""Batch on realistic claim files (``realistic_claims.py``) against the I/O floor. Not a test.

    python benchmarks/batch_realistic.py --lines 100000 1000000 [--runs 3] [--dask] [--keep DIR]
                                         [--rvucalc-args "--columns setting="]

For each size it generates the input once (seeded), then, each in a fresh process, side by side:
  * floor: pandas reading and writing the same input (dtype=str, chunks of 50,000), as issue 15 defines it;
  * rvucalc batch in.csv -o out.csv (the default engine);
  * with --dask: rvucalc batch ... --engine dask (a 2-worker LocalCluster).
Wall time (median of --runs) and peak RSS (the largest single process of the command,
``ru_maxrss`` of its process tree as the kernel reports it to the waiting parent; for Dask
the workers are separate processes: their RSS is reported per process, not summed). The
stores and batch reference files are compiled by a warm-up run first, so first-run work is
not counted.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Runs a command and reports its wall time and its process tree's peak RSS, from a process of its own,
# so that one measurement's children never count in another's.
MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - start
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"wall": wall, "peak_mib": peak_kib / 1024, "status": done.returncode,
                  "stderr": done.stderr.decode(errors="replace")[-400:]}))
"""

FLOOR = (
    "import sys, pandas as pd\n"
    "reader = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False, chunksize=50000)\n"
    "for i, chunk in enumerate(reader): chunk.to_csv(sys.argv[2], mode='a', header=i == 0, index=False)"
)


def rvucalc() -> list[str]:
    script = Path(sys.executable).with_name("rvucalc")
    return [str(script)] if script.exists() else [sys.executable, "-m", "rvucalc"]


def measure(command: list[str]) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=True)
    result: dict[str, object] = json.loads(done.stdout)
    return result


def run(lines: int, folder: Path, runs: int, dask: bool, extra: list[str]) -> dict[str, object]:
    sys.path.insert(0, str(HERE))
    from realistic_claims import generate

    source = folder / f"claims_{lines}.csv"
    if not source.exists():
        generate(lines, source)
    batch = [*rvucalc(), "batch", str(source), "-q", *extra]
    commands = {
        "floor (pandas read+write)": lambda out: [sys.executable, "-c", FLOOR, str(source), str(out)],
        "rvucalc batch": lambda out: [*batch, "-o", str(out)],
    }
    if dask:
        commands["rvucalc batch --engine dask"] = lambda out: [*batch, "-o", str(out), "--engine", "dask"]
    figures: dict[str, object] = {"lines": lines, "input_mib": round(source.stat().st_size / 2**20, 1)}
    for name, command in commands.items():
        walls, peaks, status = [], [], None
        for attempt in range(runs):
            out = folder / f"out_{lines}_{attempt}.csv"
            out.unlink(missing_ok=True)
            result = measure(command(out))
            walls.append(float(result["wall"]))  # type: ignore[arg-type]
            peaks.append(float(result["peak_mib"]))  # type: ignore[arg-type]
            status = result["status"]
            out.unlink(missing_ok=True)
        figures[name] = {"wall_s": round(statistics.median(walls), 2), "walls": [round(w, 2) for w in walls],
                         "peak_rss_mib": round(max(peaks)), "exit": status}  # fmt: skip
    floor_wall = figures["floor (pandas read+write)"]["wall_s"]  # type: ignore[index]
    for name in commands:
        entry = figures[name]
        entry["x_floor"] = round(entry["wall_s"] / floor_wall, 2)  # type: ignore[index,operator]
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, nargs="+", default=[100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dask", action="store_true", help="also the Dask engine (a local 2-worker cluster)")
    parser.add_argument("--keep", type=Path, help="folder for the inputs (kept and reused); default: a temporary one")
    parser.add_argument("--rvucalc-args", default="", help="more batch options, e.g. '--columns setting='")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        warm = folder / "warm.csv"
        warm.write_text("code,zip,date\n99213,10001,2025-03-01\n")
        subprocess.run([*rvucalc(), "batch", str(warm), "-o", str(folder / "warm_out.csv"), "-q"], check=False)
        for lines in args.lines:
            figures = run(lines, folder, args.runs, args.dask, args.rvucalc_args.split())
            print(json.dumps(figures, indent=2), flush=True)


if __name__ == "__main__":
    main()
