"""Batch time per encounter rule as a file grows: a claim file whose claims ALL have one rule's shape. Not a test.

    python benchmarks/rule_scaling.py --lines 20000 200000 [--family NAME ...] [--runs 3] [--keep DIR]
                                      [--tiny 100] [--list]

The realistic generator (``realistic_claims.py``) draws few claims of any one shape, so an encounter rule that scans
its rows once per encounter (quadratic in the claims that have its shape) hides there: a review found the hospital
mammography rule taking 13.5 s on 200,000 lines of 77067 + 77063 at POS 22 against 1.7 s once grouped. Here each
rule family that ``rvucalc batch`` applies per claim encounter (``batch/claims.py``, ``encounter_arrays.py``,
``price.py``) gets a file of N lines made of one claim shape repeated: claim ids C000000001..., a date of service by
day over 2025-01-01 .. 2026-12-31 (in strides, so that a tiny file meets every release too), a ZIP of the newest PFS
release's ZIP5 file per claim (drawn, seeded), the place from the family's; the columns under billing systems' names
(``Claim ID, CPT Code, Mod 1, Mod 2, Date of Service, POS, Zip Code, Units``) and the family's own (``Rendering
Provider Type``, ``Anesthesia Minutes``, ``Base Units``; ``Type of Bill`` for POS). ``--list`` shows the families.

For each family: a tiny file of the same shape (--tiny lines) is start-up; then each size of --lines, each run a
fresh process measured as ``batch_realistic.py`` measures (wall time, the process tree's peak RSS) and with its CPU
time (user + system, all threads), --runs times: the least and the median of each are given, the growth taken from
the least CPU time (on a shared machine a short run's wall time varies by more than the small file's work; the other
work only adds). The tiny file's output is read to check that the family's rule fired (its note on some row). Then

    growth = (CPU(largest) - CPU(tiny)) / (CPU(smallest) - CPU(tiny))

against the lines' ratio: linear work grows as the lines (10x lines: ~10x); a family whose growth passes the lines'
ratio by more than --slack (1.3: 13x for 10x lines) is flagged. Families run one at a time. A JSON summary goes to
stdout, progress to stderr. With --profile (and py-spy installed: ``pip install py-spy``) each flagged family's
largest file is run again under py-spy, as by hand

    py-spy record -r 50 -f raw -o prof.txt -- rvucalc batch DIR/NAME_200000.csv -o out.csv -q

and the lines of rvucalc's code with the most samples of their own (a numpy call's counted to its caller's line) are
given: a quadratic loop is the line it spins on.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from batch_realistic import rvucalc  # noqa: E402

HEADER = ["Claim ID", "CPT Code", "Mod 1", "Mod 2", "Date of Service", "POS", "Zip Code", "Units"]
FIRST_DAY, LAST_DAY = dt.date(2025, 1, 1), dt.date(2026, 12, 31)
# ``batch_realistic.MEASURE`` with the CPU time (user + system) of the command's process tree beside its wall time:
# on a machine shared with other work the wall time of a short run varies by more than the 20,000 lines' work, the CPU
# time far less.
MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak_mib": usage.ru_maxrss / 1024,
                  "status": done.returncode, "stderr": done.stderr.decode(errors="replace")[-400:]}))
"""
DAY_STRIDE = 97  # claim n's date: day n * 97 of the 730 (coprime: each day once a cycle)
SLACK = 1.3  # growth beyond the lines' ratio times this is flagged (10x lines: 13x time)


@dataclass(frozen=True)
class Line:
    """One line of a claim shape: its code, modifiers, units, the family's own columns, and its date's offset in
    days from the claim's first (a claim across dates)."""

    code: str
    mods: tuple[str, ...] = ()
    units: str = "1"
    extra: dict[str, str] = field(default_factory=dict)
    day: int = 0


def line(cell: str, units: str = "1", day: int = 0, **extra: str) -> Line:
    """'20610-50' -> Line('20610', ('50',)); ``extra``: the family's own columns by name (underscores as spaces)."""
    code, *mods = cell.split("-")
    return Line(code, tuple(mods), units, {name.replace("_", " "): value for name, value in extra.items()}, day)


@dataclass(frozen=True)
class Family:
    """A claim shape: its lines, the places its claims are drawn from, and a note its rule writes (to check)."""

    rule: str
    lines: tuple[Line, ...]
    places: tuple[str, ...] = ("11",)
    expect: str | tuple[str, ...] = "Claim encounter"  # a note (or notes) some row of its claims carries
    place_column: str = "POS"  # 'Type of Bill': a UB-04 export (no POS column)
    columns: tuple[str, ...] = ()  # the family's own columns, after the usual ones


PROVIDER = "Rendering Provider Type"
MINUTES = "Anesthesia Minutes"
BASE_UNITS = "Base Units"

FAMILIES: dict[str, Family] = {
    # -- the PFS's payment-policy rules (engine.policy; on arrays: encounter_arrays.pfs_multiple_procedures)
    "multiple_procedure": Family("PFS multiple procedures: ranked by amount, 50% after the first (indicator 2)",
                                 (line("11042"), line("12032"), line("11442")), expect="Multiple procedure: ranked"),
    "bilateral_50": Family("PFS bilateral -50 (150%) ranked with another procedure",
                           (line("20610-50"), line("20550")), expect="Bilateral (50)"),
    "bilateral_sides": Family("an LT and an RT line of one code: one bilateral procedure (policy.bilateral_pairs)",
                              (line("20610-LT"), line("20610-RT"), line("11042")), expect="an LT and an RT line"),
    "modifier_51": Family("modifier 51 on the secondary procedures", (line("20610"), line("20550-51"),
                          line("11042-51")), expect="Multiple procedure"),
    "endoscopy_family": Family("endoscopy family 45378 (indicator 3): the base's value taken off",
                               (line("45380"), line("45385")), expect="Endoscopy family"),
    "imaging_mppr": Family("diagnostic imaging MPPR (family 88) and the OPPS cap of office imaging",
                           (line("74263"), line("74261"), line("72125")),
                           expect=("Multiple diagnostic imaging", "OPPS imaging cap")),
    "cardiology_diagnostic": Family("cardiology diagnostic group (indicator 6)", (line("93306"), line("78452")),
                                    expect="Multiple diagnostic cardiovascular"),
    "ophthalmology_diagnostic": Family("ophthalmology diagnostic group (indicator 7)",
                                       (line("92134"), line("92250")), expect="Multiple diagnostic ophthalmology"),
    "therapy_mppr": Family("therapy MPPR: 97110 x2 units and two more services (indicator 5)",
                           (line("97110-GP", "2"), line("97140-GP"), line("97530-GP")), expect="Multiple therapy"),
    "claim_modifiers": Family("claim modifiers: a therapy assistant's CQ, CT on a CT scan (apply_rules)",
                              (line("97110-GP-CQ"), line("97530-GP-CQ"), line("70450-CT")), expect="CQ (Outpatient"),
    "co_surgeons_62": Family("co-surgeons: 62 on a procedure an earlier line bills too (other_co_surgeon)",
                             (line("22612-62"), line("22612-62"), line("63047")), ("21",), expect="Co-surgeons (62)"),
    "assistant_80_as": Family("assistant at surgery 80 and AS (another biller: ranked apart)",
                              (line("27447-RT"), line("27447-80-RT"), line("29881-AS-RT")), ("21",),
                              expect="Assistant at surgery"),
    "team_66": Family("team surgery 66", (line("22818-66"), line("22818-66"), line("63047")), ("21",),
                      expect="Team surgery (66)"),
    "duplicate_lines": Family("duplicate lines (same claim, date, code, modifiers, practitioner)",
                              (line("99213"), line("99213"), line("71046"), line("71046")),
                              expect="Possible duplicate"),
    "status_t_bundled": Family("PFS status T beside another PFS service: $0.00", (line("96413"), line("96523")),
                               expect="Status T: not paid"),
    "visits_g2211": Family("visit rules: G2211 beside an E/M-25 and a procedure",
                           (line("99213-25"), line("G2211"), line("20610")), expect="G2211 not payable"),
    "split_care_54_55": Family("split care 54/55 of one procedure, ranked as one", (line("27447-54"),
                               line("27447-55"), line("20610")), ("21",), expect="Surgical care only (54)"),
    # -- the hospital (OPPS: encounter_arrays.opps_encounters) and the ASC
    "opps_j1_packaging": Family("OPPS comprehensive APC (SI J1) packaging the encounter's other lines",
                                (line("29881-RT"), line("20610"), line("71046"), line("36415")), ("22",),
                                expect="Packaged into the comprehensive APC"),
    "opps_j1_claim_wide": Family("OPPS J1 packaging a claim's lines on its other dates (_claim_wide_j1)",
                                 (line("29881-RT"), line("71046", day=1), line("20610", day=1)), ("22",),
                                 expect="(SI J1) of this claim"),
    "opps_t_halving": Family("OPPS SI T procedures: the lower paid at 50%", (line("11042"), line("20610"),
                             line("12032")), ("22",), expect="OPPS multiple procedure (SI T)"),
    "opps_observation": Family("OPPS observation G0378 hours with an ED visit (comprehensive observation)",
                               (line("99285"), line("G0378", "24"), line("71046")), ("22",),
                               expect="Comprehensive observation"),
    "hopd_mammography": Family("hospital screening mammography 77067 + 77063 (paid under the PFS)",
                               (line("77067"), line("77063")), ("22",), expect="Screening mammography in the hospital"),
    "asc_multiple_procedure": Family("ASC multiple procedure discounting, an ancillary beside a procedure",
                                     (line("29881-RT"), line("64483"), line("20610"), line("73721")), ("24",),
                                     expect="ASC multiple procedure discounting"),
    "asc_ancillary_alone": Family("ASC ancillary services without a covered procedure (unpaid)",
                                  (line("74177"), line("72148")), ("24",), expect="with no covered surgical procedure"),
    "anesthesia_minutes": Family("anesthesia: base units and minutes, one session's other lines $0.00",
                                 (line("00840-AA", Anesthesia_Minutes="95", Base_Units="6"),
                                  line("00811-AA", Anesthesia_Minutes="30", Base_Units="4"), line("62323")), ("22",),
                                 expect="Multiple anesthesia procedures in one session", columns=(MINUTES, BASE_UNITS)),
    "places_19_22_24_21": Family("one claim shape at POS 19, 22, 24, 21 (sites, facility terms)",
                                 (line("99213-25"), line("20610"), line("11042"), line("71046")),
                                 ("19", "22", "24", "21"), expect="Claim encounter (OPPS)"),
    "type_of_bill": Family("a UB-04 export: Type of Bill 131 / 0831 as the site, no POS column",
                           (line("29881-RT"), line("20610"), line("71046"), line("36415")), ("131", "0831"),
                           place_column="Type of Bill", expect="Claim encounter (OPPS)"),
    "np_pa_credentials": Family("NP/PA/MD in a provider column: a claim's practitioners are separate encounters",
                                (line("99214-25", Rendering_Provider_Type="MD"),
                                 line("20610", Rendering_Provider_Type="NP"),
                                 line("11042", Rendering_Provider_Type="PA"),
                                 line("12032", Rendering_Provider_Type="PA")),
                                expect="billing under own number: 85%", columns=(PROVIDER,)),
    # -- the other schedules on claims
    "lab_chemistry_panel": Family("chemistry panel tests on one date (lab_panels), CLFS", tuple(
        line(code) for code in ("82947", "84132", "82565", "84295", "82310", "84520", "82374", "82435", "85025",
                                "36415")), ("81",), expect="Chemistry panel tests on one date"),
    "drugs_units": Family("Part B drugs with units beside their administration", (line("J9271", "100"),
                          line("96413"), line("J1885", "4"), line("96372")), expect="Part B drug payment limits (ASP)"),
    "dme_rentals": Family("DMEPOS capped rentals (RR with KJ, KH) and supplies (NU)", (line("E0601-RR-KJ"),
                          line("E0470-RR-KH"), line("A7030-NU"), line("A7034-NU")), ("12",),
                          expect="paid from the DMEPOS fee schedule"),
}  # fmt: skip


def zip_codes() -> list[str]:
    """The ZIPs of the newest PFS release's ZIP5 file."""
    from rvucalc.lookup.pricer import Pricer

    pricer = Pricer()
    store = pricer.store(pricer.select()[0])
    return sorted({row["zip"] for row in store.rows("zip")})


def generate(family: Family, lines: int, target: Path, zips: list[str], seed: int) -> int:
    """Write ``lines`` lines (claims of ``family``'s shape, the last one cut at ``lines``) to ``target``; returns the
    number of claims."""
    chooser = random.Random(seed)
    days = (LAST_DAY - FIRST_DAY).days + 1
    last_offset = max(item.day for item in family.lines)
    day_text = [(FIRST_DAY + dt.timedelta(d)).strftime("%m/%d/%Y") for d in range(days + last_offset)]
    header = [family.place_column if name == "POS" else name for name in HEADER] + list(family.columns)
    claims = 0
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        written = 0
        while written < lines:
            claims += 1
            claim_id = f"C{claims:09d}"
            day = (claims * DAY_STRIDE) % days  # every day of the two years in turn, a tiny file's spread over them
            zip_code = chooser.choice(zips)
            place = chooser.choice(family.places)
            rows = []
            for item in family.lines[: lines - written]:
                mods = [*item.mods, "", ""][:2]
                rows.append([claim_id, item.code, *mods, day_text[day + item.day], place, zip_code, item.units,
                             *(item.extra.get(name, "") for name in family.columns)])  # fmt: skip
            writer.writerows(rows)
            written += len(rows)
    return claims


def rule_seen(output: Path, expect: str | tuple[str, ...]) -> dict[str, object]:
    """How many of the output's rows carry each note of ``expect``, and how many have an error."""
    wanted = (expect,) if isinstance(expect, str) else expect
    noted = dict.fromkeys(wanted, 0)
    errors = rows = 0
    with output.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            rows += 1
            for text in wanted:
                noted[text] += text in (row.get("note") or "")
            errors += bool(row.get("error"))
    return {"rows": rows, "noted": noted, "fired": all(noted.values()), "errors": errors}


def measure(command: list[str]) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def timed(command: list[str], runs: int) -> dict[str, object]:
    """``command`` run ``runs`` times, each in a fresh process: the least and the median wall and CPU times, and the
    largest peak RSS. The growth is computed from the least CPU time: the machine's other work only adds to it."""
    walls, cpus, peaks, status, stderr = [], [], [], None, ""
    for _ in range(runs):
        result = measure(command)
        walls.append(float(result["wall"]))
        cpus.append(float(result["cpu"]))
        peaks.append(float(result["peak_mib"]))
        status, stderr = result["status"], str(result["stderr"])
    figures: dict[str, object] = {"cpu_s": round(min(cpus), 2), "wall_s": round(min(walls), 2),
                                  "median_cpu_s": round(statistics.median(cpus), 2),
                                  "median_wall_s": round(statistics.median(walls), 2),
                                  "walls": [round(w, 2) for w in walls], "cpus": [round(c, 2) for c in cpus],
                                  "peak_rss_mib": round(max(peaks)),
                                  "exit": status}  # fmt: skip
    if status not in (0, 1):  # 1: some rows have errors (the run itself finished)
        figures["stderr"] = stderr
    return figures


def run(name: str, family: Family, sizes: list[int], folder: Path, args: argparse.Namespace,
        zips: list[str]) -> dict[str, object]:  # fmt: skip
    figures: dict[str, object] = {"family": name, "rule": family.rule, "claim": [
        "-".join([item.code, *item.mods]) + (f" x{item.units}" if item.units != "1" else "") for item in family.lines
    ], "places": list(family.places)}  # fmt: skip
    batch = [*rvucalc(), "batch"]
    tiny = folder / f"{name}_tiny.csv"
    generate(family, args.tiny, tiny, zips, args.seed)
    out = folder / f"{name}_tiny_out.csv"
    subprocess.run([*batch, str(tiny), "-o", str(out), "-q"], check=False, capture_output=True)  # warm: page cache
    start = timed([*batch, str(tiny), "-o", str(out), "-q"], args.runs)
    figures["rule_check"] = rule_seen(out, family.expect)
    figures["start_up"] = {"lines": args.tiny, **start}
    out.unlink(missing_ok=True)
    base = float(start["cpu_s"])  # type: ignore[arg-type]
    per_size = []
    for lines in sizes:
        source = folder / f"{name}_{lines}.csv"
        if not source.exists():
            generate(family, lines, source, zips, args.seed)
        out = folder / f"{name}_{lines}_out.csv"
        print(f"  {name}: {lines:,} lines ...", file=sys.stderr, flush=True)
        result = timed([*batch, str(source), "-o", str(out), "-q"], args.runs)
        out.unlink(missing_ok=True)
        if not args.keep:
            source.unlink(missing_ok=True)
        cpu = float(result["cpu_s"])  # type: ignore[arg-type]
        per_size.append({"lines": lines, **result, "cpu_less_start_up_s": round(cpu - base, 2)})
    figures["sizes"] = per_size
    if len(per_size) >= 2:
        small, large = per_size[0], per_size[-1]
        lines_ratio = large["lines"] / small["lines"]  # type: ignore[operator]
        work_small = max(float(small["cpu_less_start_up_s"]), 0.01)  # type: ignore[arg-type]
        growth = float(large["cpu_less_start_up_s"]) / work_small  # type: ignore[arg-type]
        figures["lines_ratio"] = round(lines_ratio, 2)
        figures["cpu_ratio"] = round(float(large["cpu_s"]) / float(small["cpu_s"]), 2)  # type: ignore[arg-type]
        figures["wall_ratio"] = round(float(large["wall_s"]) / float(small["wall_s"]), 2)  # type: ignore[arg-type]
        figures["growth"] = round(growth, 2)
        figures["flagged"] = growth > lines_ratio * args.slack
    return figures


def py_spy() -> str | None:
    """py-spy beside the interpreter (``pip install py-spy``) or on PATH; None without it."""
    beside = Path(sys.executable).with_name("py-spy")
    return str(beside) if beside.exists() else shutil.which("py-spy")


def profile(source: Path, folder: Path, spy: str, top: int = 6) -> dict[str, object]:
    """``rvucalc batch source`` under py-spy (50 Hz, raw stacks kept beside it): the lines of rvucalc's code where the
    most samples were taken (self time), as 'function (file:line)', with their share of all samples."""
    raw, out = folder / f"{source.stem}.pyspy.txt", folder / f"{source.stem}_profiled_out.csv"
    command = [spy, "record", "-r", "50", "-f", "raw", "-o", str(raw), "--", *rvucalc(), "batch", str(source), "-o",
               str(out), "-q"]  # fmt: skip
    subprocess.run(command, check=False, capture_output=True)
    out.unlink(missing_ok=True)
    if not raw.exists():
        return {"error": "py-spy wrote no profile (it may need ptrace rights)"}
    own: dict[str, int] = {}
    total = 0
    for row in raw.read_text(encoding="utf-8").splitlines():
        stack, _, count = row.rpartition(" ")
        total += int(count)
        # the innermost frame of rvucalc's own: a numpy or pyarrow call's time is its caller's line
        frames = [frame for frame in stack.split(";") if "rvucalc/" in frame]
        if frames:
            own[frames[-1]] = own.get(frames[-1], 0) + int(count)
    ranked = sorted(own.items(), key=lambda item: -item[1])[:top]
    lines = [{"frame": frame, "share": round(count / max(total, 1), 3)} for frame, count in ranked]
    return {"samples": total, "raw": str(raw), "top_lines": lines}


def progress(figures: dict[str, Any]) -> str:
    """One line for stderr: a family's seconds per size, its growth, and whether its rule was seen."""
    sizes = ", ".join(f"{size['lines']:,} lines {size['cpu_s']} s ({size['wall_s']} s wall, {size['peak_rss_mib']} MiB)"
                      for size in figures["sizes"])  # fmt: skip
    check = figures["rule_check"]
    seen = "seen" if check["fired"] else f"NOT SEEN ({check['noted']})"
    flag = " FLAGGED" if figures.get("flagged") else ""
    return (f"CPU: start-up {figures['start_up']['cpu_s']} s; {sizes}; growth {figures.get('growth')}x for "
            f"{figures.get('lines_ratio')}x lines{flag}; rule {seen} on the tiny file")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, nargs="+", default=[20_000, 200_000])
    parser.add_argument(
        "--family",
        nargs="+",
        choices=sorted(FAMILIES),
        metavar="NAME",
        help="these families only (default: all; --list names them)",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per size (the least and the median reported)")
    parser.add_argument("--tiny", type=int, default=100, help="lines of the start-up file")
    parser.add_argument("--slack", type=float, default=SLACK, help="flag growth beyond the lines' ratio times this")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", type=Path, help="folder for the inputs (kept and reused); default: a temporary one")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="py-spy each flagged family's largest file: the lines of rvucalc taking the most time",
    )
    parser.add_argument("--list", action="store_true", help="list the families and their claims, and stop")
    args = parser.parse_args()
    if args.list:
        for name, family in FAMILIES.items():
            cells = ", ".join("-".join([item.code, *item.mods]) for item in family.lines)
            print(f"{name:26} POS {'/'.join(family.places):12} {cells}  ({family.rule})")
        return
    names = args.family or list(FAMILIES)
    sizes = sorted(args.lines)
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        warm = folder / "warm.csv"
        warm.write_text("code,zip,date\n99213,10001,2025-03-01\n")
        subprocess.run([*rvucalc(), "batch", str(warm), "-o", str(folder / "warm_out.csv"), "-q"], check=False)
        zips = zip_codes()
        results = []
        for number, name in enumerate(names, 1):
            print(f"[{number}/{len(names)}] {name}", file=sys.stderr, flush=True)
            figures = run(name, FAMILIES[name], sizes, folder, args, zips)
            results.append(figures)
            print(f"  {progress(figures)}", file=sys.stderr, flush=True)
            if args.profile and figures.get("flagged"):
                spy = py_spy()
                if spy is None:
                    print("  py-spy not found (pip install py-spy): not profiled", file=sys.stderr, flush=True)
                    continue
                source = folder / f"{name}_{sizes[-1]}.csv"
                if not source.exists():
                    generate(FAMILIES[name], sizes[-1], source, zips, args.seed)
                figures["profile"] = found = profile(source, folder, spy)
                for line in found.get("top_lines", []):  # type: ignore[attr-defined]
                    print(f"    {line['share']:6.1%} {line['frame']}", file=sys.stderr, flush=True)
        flagged = [f["family"] for f in results if f.get("flagged")]
        silent = [f["family"] for f in results if not f["rule_check"]["fired"]]  # type: ignore[index]
        print(json.dumps({"lines": sizes, "slack": args.slack, "flagged": flagged, "rule_not_seen": silent,
                          "families": results}, indent=2))  # fmt: skip


if __name__ == "__main__":
    main()
