"""Batch on realistic claim files (``realistic_claims.py``) against the I/O floor. Not a test.

    python benchmarks/batch_realistic.py --lines 100000 1000000 [--runs 3] [--dask] [--keep DIR]
                                         [--rvucalc-args "--columns setting="]

For each size it generates the input once (seeded), then, each in a fresh process, side by side:
  * floor: pandas reading and writing the same input (dtype=str, chunks of 50,000), as issue 15 defines it;
  * rvucalc batch in.csv -o out.csv (the default engine);
  * with --dask: rvucalc batch ... --engine dask (a 2-worker LocalCluster);
  * with --output-floor (once, after the runs): what writing rvucalc's own output costs, which the floor does not
    measure (the output has ~50 columns and a note per line, ~20x the input's bytes): in a fresh process, the input
    read as the floor reads it, then rvucalc's output (loaded untimed) written by Arrow's CSV writer (rvucalc's own)
    and by pandas in chunks of 50,000 (the floor's writer). Each phase is timed inside the process.
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


OUTPUT_FLOOR = """
import json, sys, time
import pandas as pd, pyarrow as pa, pyarrow.csv as csv
source, output, scratch = sys.argv[1:4]
start = time.perf_counter()
for chunk in pd.read_csv(source, dtype=str, keep_default_na=False, chunksize=50000):
    pass
read_input = time.perf_counter() - start
with open(output, encoding="utf-8") as header:
    names = next(iter(header)).rstrip("\\n").split(",")
table = csv.read_csv(output, convert_options=csv.ConvertOptions(column_types=dict.fromkeys(names, pa.string())))
start = time.perf_counter()
csv.write_csv(table, scratch)
arrow_write = time.perf_counter() - start
frame = table.to_pandas()
del table
start = time.perf_counter()
for at in range(0, len(frame), 50000):
    frame.iloc[at:at + 50000].to_csv(scratch, mode="w" if at == 0 else "a", header=at == 0, index=False)
pandas_write = time.perf_counter() - start
print(json.dumps({"read_input_s": read_input, "arrow_write_output_s": arrow_write,
                  "pandas_write_output_s": pandas_write}))
"""


def output_floor(source: Path, output: Path, scratch: Path) -> dict[str, float]:
    """What reading the input and writing rvucalc's own output costs (OUTPUT_FLOOR), seconds."""
    done = subprocess.run([sys.executable, "-c", OUTPUT_FLOOR, str(source), str(output), str(scratch)],
                          capture_output=True, text=True, check=True)  # fmt: skip
    scratch.unlink(missing_ok=True)
    phases: dict[str, float] = json.loads(done.stdout)
    return {name: round(value, 2) for name, value in phases.items()}


def rvucalc() -> list[str]:
    script = Path(sys.executable).with_name("rvucalc")
    return [str(script)] if script.exists() else [sys.executable, "-m", "rvucalc"]


def measure(command: list[str]) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=True)
    result: dict[str, object] = json.loads(done.stdout)
    return result


def run(
    lines: int, folder: Path, runs: int, dask: bool, extra: list[str], with_output: bool = False
) -> dict[str, object]:
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
    if with_output:
        output = folder / f"out_{lines}_kept.csv"
        measure([*batch, "-o", str(output)])
        phases = output_floor(source, output, folder / f"out_{lines}_rewritten.csv")
        phases["output_mib"] = round(output.stat().st_size / 2**20, 1)
        phases["arrow_floor_s"] = round(phases["read_input_s"] + phases["arrow_write_output_s"], 2)
        phases["rvucalc_x_arrow_floor"] = round(figures["rvucalc batch"]["wall_s"] / phases["arrow_floor_s"], 2)  # type: ignore[index]
        figures["output floor"] = phases
        output.unlink(missing_ok=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, nargs="+", default=[100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dask", action="store_true", help="also the Dask engine (a local 2-worker cluster)")
    parser.add_argument(
        "--output-floor",
        action="store_true",
        help="also time reading the input and writing rvucalc's own output (once per size)",
    )
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
            figures = run(lines, folder, args.runs, args.dask, args.rvucalc_args.split(), args.output_floor)
            print(json.dumps(figures, indent=2), flush=True)


if __name__ == "__main__":
    main()
