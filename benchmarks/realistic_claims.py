"""A realistic claim-line file for benchmarks: what a practice-management or payer system exports.

    python benchmarks/realistic_claims.py --lines 1000000 -o claims_1m.csv [--seed 2026]

Columns under billing systems' names: ``Claim ID, CPT Code, Mod 1, Date of Service, POS,
Zip Code, Units``. Everything is drawn from the installed data (the public ``Pricer``/``Store``
API), seeded, so the same arguments give the same file:

* claims of 1-8 lines (uniform); the lines of a claim are adjacent and share the claim's date
  of service, ZIP and place of service;
* dates by day over 2025-01-01 .. 2026-12-31, written MM/DD/YYYY as US exports do;
* ZIPs from the whole ZIP5 file of the newest PFS release;
* places of service 11 (office) 60%, 22 (on-campus outpatient hospital) 18%, 24 (ASC) 8%,
  19 (off-campus outpatient hospital) 6%, 21 (inpatient) 8%;
* codes: 86% every payable PFS code (status A, R, T), 7% codes paid only by OPPS or ASC
  (a rate in the newest OPPS Addendum B or ASC Addendum AA, not payable under the PFS),
  7% lab codes (80000-89999 in the RVU file: the clinical lab fee schedule, not the PFS);
* ~5% of lines carry a payment modifier, drawn with a code its indicator allows: 26 or TC
  (PC/TC indicator 1), 50 (bilateral indicator 1), 80 (assistant indicator 2);
* ~20% carry an informational one: GP, 59, LT, RT, 25;
* units 1 (92%) or 2-4;
* ~1% bad rows, one fault each: a malformed code, an impossible date, units 0 or 1.5, ZIP
  00000, an unknown POS. (No ragged lines: a real export's structure is sound, and a ragged
  line changes which CSV reader runs.)
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

HEADER = ["Claim ID", "CPT Code", "Mod 1", "Date of Service", "POS", "Zip Code", "Units"]
PLACES = (("11", 0.60), ("22", 0.18), ("24", 0.08), ("19", 0.06), ("21", 0.08))
CODE_MIX = (("pfs", 0.86), ("facility_only", 0.07), ("lab", 0.07))
PAYMENT_MODIFIER_SHARE = 0.05
INFORMATIONAL_MODIFIERS = ("GP", "59", "LT", "RT", "25")
INFORMATIONAL_SHARE = 0.20
BAD_ROW_SHARE = 0.01
FIRST_DAY, LAST_DAY = dt.date(2025, 1, 1), dt.date(2026, 12, 31)
BLOCK_LINES = 500_000  # generated and written a block at a time: memory stays flat for 10M lines


def code_pools() -> dict[str, Any]:
    """Code lists from the installed data: PFS payable, OPPS/ASC-only, lab; and per payment modifier."""
    import numpy as np

    from rvucalc.lookup.pricer import Pricer

    pricer = Pricer()
    release, _ = pricer.select()
    store = pricer.store(release)
    rvu = [row for row in store.rows("rvu") if not row["modifier"]]
    payable = sorted({row["hcpcs"] for row in rvu if row["status"] in ("A", "R", "T")})
    lab = sorted({row["hcpcs"] for row in rvu if row["hcpcs"].isdigit() and "80000" <= row["hcpcs"] <= "89999"})
    facility: set[str] = set()
    for dataset, table in (("opps", "opps"), ("asc", "asc_aa")):
        releases = pricer.dataset_releases(dataset)
        if releases:
            facility |= {row["hcpcs"] for row in pricer.store(releases[-1]).rows(table) if row["rate"] is not None}
    facility_only = sorted(facility - set(payable) - set(lab))
    by_modifier = {
        "26": sorted({r["hcpcs"] for r in rvu if r["status"] in ("A", "R", "T") and r["pctc"] == "1"}),
        "TC": sorted({r["hcpcs"] for r in rvu if r["status"] in ("A", "R", "T") and r["pctc"] == "1"}),
        "50": sorted({r["hcpcs"] for r in rvu if r["status"] in ("A", "R", "T") and r["bilat_surg"] == "1"}),
        "80": sorted({r["hcpcs"] for r in rvu if r["status"] in ("A", "R", "T") and r["asst_surg"] == "2"}),
    }
    zips = sorted({row["zip"] for row in store.rows("zip")})
    return {
        "pfs": np.array(payable), "facility_only": np.array(facility_only), "lab": np.array(lab),
        "by_modifier": {m: np.array(codes) for m, codes in by_modifier.items() if codes},
        "zips": np.array(zips), "release": release.release,
    }  # fmt: skip


def generate(lines: int, target: Path, seed: int = 2026) -> dict[str, int]:
    """Write ``lines`` claim lines to ``target``; returns counts of what was drawn."""
    import numpy as np

    pools = code_pools()
    rng = np.random.default_rng(seed)
    days = (LAST_DAY - FIRST_DAY).days + 1
    day_text = np.array([(FIRST_DAY + dt.timedelta(d)).strftime("%m/%d/%Y") for d in range(days)])
    counts = {"lines": 0, "claims": 0, "payment_modifier": 0, "informational": 0, "bad": 0}
    claim_number = 0
    with target.open("w", encoding="utf-8", newline="") as handle:
        handle.write(",".join(HEADER) + "\n")
        written = 0
        while written < lines:
            n = min(BLOCK_LINES, lines - written)
            # Claims of 1-8 lines; the block ends where its last claim ends (cut at n).
            sizes = rng.integers(1, 9, size=n)
            ends = np.cumsum(sizes)
            claims = int(np.searchsorted(ends, n) + 1)
            claim_of_line = np.repeat(np.arange(claims), sizes[:claims])[:n]
            claim_ids = np.char.add("C", np.char.zfill((claim_number + claim_of_line).astype(str), 9))
            claim_number += claims
            counts["claims"] += claims
            claim_day = rng.integers(0, days, size=claims)
            claim_zip = rng.integers(0, len(pools["zips"]), size=claims)
            claim_pos = rng.choice([p for p, _ in PLACES], size=claims, p=[w for _, w in PLACES])
            dates = day_text[claim_day[claim_of_line]]
            zips = pools["zips"][claim_zip[claim_of_line]]
            places = claim_pos[claim_of_line]
            kind = rng.choice([k for k, _ in CODE_MIX], size=n, p=[w for _, w in CODE_MIX])
            codes = np.empty(n, dtype=object)
            for name, _ in CODE_MIX:
                rows = np.flatnonzero(kind == name)
                codes[rows] = pools[name][rng.integers(0, len(pools[name]), size=rows.size)]
            modifiers = np.full(n, "", dtype=object)
            draw = rng.random(n)
            payment = np.flatnonzero(draw < PAYMENT_MODIFIER_SHARE)
            modifier_names = list(pools["by_modifier"])
            chosen = rng.integers(0, len(modifier_names), size=payment.size)
            for index, name in enumerate(modifier_names):
                rows = payment[chosen == index]
                pool = pools["by_modifier"][name]
                codes[rows] = pool[rng.integers(0, len(pool), size=rows.size)]
                modifiers[rows] = name
            informational = np.flatnonzero((draw >= PAYMENT_MODIFIER_SHARE)
                                           & (draw < PAYMENT_MODIFIER_SHARE + INFORMATIONAL_SHARE))  # fmt: skip
            modifiers[informational] = rng.choice(INFORMATIONAL_MODIFIERS, size=informational.size)
            counts["payment_modifier"] += payment.size
            counts["informational"] += informational.size
            units = np.where(rng.random(n) < 0.92, "1", rng.integers(2, 5, size=n).astype(str)).astype(object)
            dates, zips, places = dates.astype(object), zips.astype(object), places.astype(object)
            bad = np.flatnonzero(rng.random(n) < BAD_ROW_SHARE)
            fault = rng.integers(0, 5, size=bad.size)
            codes[bad[fault == 0]] = "9921"  # malformed: four digits
            dates[bad[fault == 1]] = "02/30/2026"  # impossible
            units[bad[fault == 2]] = rng.choice(["0", "1.5"], size=int((fault == 2).sum()))
            zips[bad[fault == 3]] = "00000"  # not in the ZIP5 file
            places[bad[fault == 4]] = "99"  # not a CMS place-of-service code
            counts["bad"] += bad.size
            columns = [claim_ids.astype(object), codes, modifiers, dates, places, zips, units]
            handle.write("".join(",".join(row) + "\n" for row in zip(*columns, strict=True)))
            written += n
    counts["lines"] = written
    return counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, required=True)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    counts = generate(args.lines, args.output, args.seed)
    print(", ".join(f"{value:,} {name.replace('_', ' ')}" for name, value in counts.items()), file=sys.stderr)


if __name__ == "__main__":
    main()
