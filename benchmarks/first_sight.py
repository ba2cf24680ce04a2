"""What a realistic batch spends on first sight of its code cells, and what it spends per line. Not a test.

    python benchmarks/first_sight.py [--lines 1000000] [--runs 3] [--keep DIR]

A realistic claim file (``realistic_claims.py``) draws its codes from every payable code, so a million lines hold
~70,000 distinct code cells (code, modifiers, practitioner), each worked out once per PFS release the first time the
run meets it (``batch.cells``). To tell that cost from the cost per line, the same lines are priced twice in one
file: the input, then the input again under other claim ids (``C...`` -> ``D...``: the same cells, dates, places and
claims' shapes, new encounters). The second copy meets no new cell, so

    steady (per copy) = T(two copies) - T(one copy),    first sight (and start-up) = T(one copy) - steady.

Each run is a fresh process, measured as ``batch_realistic.py`` measures (wall time, the process tree's peak RSS);
medians of --runs, after one untimed run of the input. The floor (pandas reading and writing the input) is given for
scale.
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
sys.path.insert(0, str(HERE))

from batch_realistic import FLOOR, measure, rvucalc  # noqa: E402
from realistic_claims import generate  # noqa: E402


def doubled(source: Path, target: Path) -> None:
    """``source``'s rows, then the same rows again with their claim ids' first letter made 'D' (new claims)."""
    with source.open(encoding="utf-8") as read, target.open("w", encoding="utf-8") as write:
        header = read.readline()
        write.write(header)
        body = read.readlines()
        write.writelines(body)
        write.writelines(("D" + row[1:]) if row[:1] == "C" else row for row in body)


def median_run(command: list[str], runs: int, out: Path) -> dict[str, float]:
    """``command`` (which writes ``out``) run ``runs`` times: the median wall time and the largest peak RSS."""
    walls, peaks = [], []
    for _ in range(runs):
        out.unlink(missing_ok=True)
        result = measure(command)
        walls.append(float(result["wall"]))  # type: ignore[arg-type]
        peaks.append(float(result["peak_mib"]))  # type: ignore[arg-type]
        out.unlink(missing_ok=True)
    return {"wall_s": round(statistics.median(walls), 2), "walls": [round(w, 2) for w in walls],  # type: ignore[dict-item]
            "peak_rss_mib": round(max(peaks))}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="folder for the inputs (kept and reused); default: a temporary one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        one = folder / f"claims_{args.lines}.csv"
        if not one.exists():
            generate(args.lines, one)
        two = folder / f"claims_{args.lines}_twice.csv"
        if not two.exists():
            doubled(one, two)
        out = folder / "first_sight_out.csv"
        # Untimed: the stores and batch reference files every release of the input needs are compiled first (a
        # one-line warm-up compiles only its own year's).
        subprocess.run([*rvucalc(), "batch", str(one), "-o", str(out), "-q"], check=False)
        floor = median_run([sys.executable, "-c", FLOOR, str(one), str(out)], args.runs, out)
        once = median_run([*rvucalc(), "batch", str(one), "-q", "-o", str(out)], args.runs, out)
        twice = median_run([*rvucalc(), "batch", str(two), "-q", "-o", str(out)], args.runs, out)
        steady = twice["wall_s"] - once["wall_s"]
        print(json.dumps({
            "lines": args.lines, "floor (pandas read+write, one copy)": floor, "one copy": once, "two copies": twice,
            "steady_s (a copy of the lines, cells known)": round(steady, 2),
            "first_sight_and_start_s (one copy - steady)": round(once["wall_s"] - steady, 2),
            "steady_x_floor": round(steady / floor["wall_s"], 2),
        }, indent=2))  # fmt: skip


if __name__ == "__main__":
    main()
