"""Batch throughput against the I/O floor, and peak memory. Not a test.

    python benchmarks/batch.py --lines 200000 1000000 [--memory-lines 10000000]

For each size: writes a synthetic CSV of real codes, ZIPs and settings (every line drawn
afresh); times
  * floor: pandas reading and writing the same CSV (dtype=str), in this environment;
  * the floor for the priced file: pandas reading and writing rvucalc's output (29 columns);
  * rvucalc batch in.csv -o out.csv (whole process, store already compiled).
With --memory-lines, runs one batch of that size and reports its peak RSS.
Also times `rvucalc export --year 2026`.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def rvucalc() -> list[str]:
    script = Path(sys.executable).with_name("rvucalc")
    return [str(script)] if script.exists() else [sys.executable, "-m", "rvucalc"]


def make_input(path: Path, lines: int) -> None:
    """Every line drawn afresh (no repeated blocks): real payable codes, ZIPs of the ZIP5 file, settings."""
    from rvucalc.lookup.pricer import Pricer

    pricer = Pricer()
    store = pricer.store(pricer.select()[0])
    codes = [r["hcpcs"] for r in store.rows("rvu") if r["status"] in ("A", "R", "T") and not r["modifier"]]
    zips = [r["zip"] for r in store.rows("zip")][:3000]
    chooser = random.Random(1)
    settings = ["", "office", "hopd", "asc"]
    with path.open("w") as handle:
        handle.write("claim_id,code,zip,setting,units\n")
        for start in range(0, lines, 100_000):
            handle.writelines(
                f"{i},{chooser.choice(codes)},{chooser.choice(zips)},{chooser.choice(settings)},1\n"
                for i in range(start, min(lines, start + 100_000))
            )


def floor(path: Path, out: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c",
         "import sys, pandas as pd\n"
         "reader = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False, chunksize=50000)\n"
         "for i, chunk in enumerate(reader): chunk.to_csv(sys.argv[2], mode='a', header=i == 0, index=False)",
         str(path), str(out)],
        check=True,
    )  # fmt: skip
    return time.perf_counter() - start


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, nargs="*", default=[200_000, 1_000_000])
    parser.add_argument("--memory-lines", type=int, default=0)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="rvucalc-batch-bench-"))
    subprocess.run([*rvucalc(), "price", "99213", "--zip", "10001"], check=True, stdout=subprocess.DEVNULL)
    warm = work / "warm.csv"
    warm.write_text("code,zip\n99213,10001\n")
    first = timed([*rvucalc(), "batch", str(warm), "-o", str(work / "warm_out.csv"), "--quiet"])
    print(f"first batch run (builds the batch reference files when new): {first:.2f} s")
    for lines in args.lines:
        source = work / f"in_{lines}.csv"
        make_input(source, lines)
        floor_s = floor(source, work / "floor.csv")
        batch_s = timed([*rvucalc(), "batch", str(source), "-o", str(work / "out.csv"), "--quiet"])
        wide_s = floor(work / "out.csv", work / "floor_wide.csv")
        print(f"{lines:>10,} lines: floor {floor_s:6.2f} s, rvucalc batch {batch_s:6.2f} s "
              f"({batch_s / floor_s:.2f}x floor; {batch_s / wide_s:.2f}x the floor for the priced file, "
              f"{wide_s:.2f} s)")  # fmt: skip
        (work / "floor_wide.csv").unlink(missing_ok=True)
        for leftover in (work / "floor.csv", work / "out.csv", source):
            leftover.unlink(missing_ok=True)
    if args.memory_lines:
        source = work / "big.csv"
        make_input(source, args.memory_lines)
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        batch_s = timed([*rvucalc(), "batch", str(source), "-o", str(work / "out.csv"), "--quiet"])
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        print(f"{args.memory_lines:,} lines: {batch_s:.1f} s, peak RSS {max(peak, before) / 1024:.0f} MiB")
        source.unlink()
        (work / "out.csv").unlink(missing_ok=True)
    export_s = timed([*rvucalc(), "export", "--year", "2026", "-o", str(work / "pfs_2026.csv")])
    print(f"export --year 2026: {export_s:.2f} s")


if __name__ == "__main__":
    os.environ.setdefault("RVUCALC_CACHE_DIR", str(Path(tempfile.gettempdir()) / "rvucalc-bench-cache"))
    main()
