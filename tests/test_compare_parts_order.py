"""`compare --help` says how a change is split into its RVU, GPCI and CF parts (a finance analyst's trial: the split
depends on the order the inputs move, and neither the help nor the README said it): one input at a time, the others
held, RVUs first, then GPCIs, then the CF, each step rounded to the cent. The parts are checked against that reading of
CMS's own files: PPRRVU2025_Oct.csv (RVU25D, CF 32.3465) and PPRRVU2026_Jul_nonQPP.csv (RVU26C, CF 33.4009), GPCI2025
and the CY2026 locality download for 0441218 HOUSTON."""

from __future__ import annotations

import csv
import io
from decimal import ROUND_HALF_UP, Decimal

from typer.testing import CliRunner

from rvucalc.cli import app

CMS = "/work/shared/cms"


def rvu_rows(path: str, cf_at: int, codes: set[str]) -> dict[str, tuple[list[Decimal], list[Decimal], Decimal]]:
    """code -> (work, non-facility PE, MP), (work, facility PE, MP), CF: the RVU file's global row."""
    out = {}
    with open(path, newline="", encoding="latin-1") as handle:
        for row in csv.reader(handle):
            if row and row[0] in codes and row[1] == "":
                work, mp = Decimal(row[5]), Decimal(row[10])
                out[row[0]] = ([work, Decimal(row[6]), mp], [work, Decimal(row[8]), mp], Decimal(row[cf_at]))
    return out


def houston_gpcis() -> tuple[list[Decimal], list[Decimal]]:
    with open(f"{CMS}/2025/GPCI2025.csv", newline="", encoding="latin-1") as handle:
        (before,) = [[Decimal(v) for v in row[4:7]] for row in csv.reader(handle)
                     if len(row) > 6 and row[0].strip() == "04412" and row[2].strip() == "18"]  # fmt: skip
    with open(f"{CMS}/2026/localities2026-01-01-2026.csv", newline="") as handle:
        (after,) = [[Decimal(row[k]) for k in ("gpci_work", "gpci_pe", "gpci_mp")] for row in csv.DictReader(handle)
                    if row["locality"] == "0441218"]  # fmt: skip
    return before, after


def amount(rvus: list[Decimal], gpcis: list[Decimal], cf: Decimal) -> Decimal:
    exact = sum((r * g for r, g in zip(rvus, gpcis, strict=True)), Decimal(0)) * cf
    return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_the_parts_move_rvus_then_gpcis_then_the_cf() -> None:
    codes = {"99213", "45378", "64483"}
    before = rvu_rows(f"{CMS}/2025/PPRRVU2025_Oct.csv", 24, codes)
    after = rvu_rows(f"{CMS}/2026/PPRRVU2026_Jul_nonQPP.csv", 25, codes)
    assert {cf for *_, cf in before.values()} == {Decimal("32.3465")}
    assert {cf for *_, cf in after.values()} == {Decimal("33.4009")}
    g0, g1 = houston_gpcis()
    result = CliRunner().invoke(app, ["compare", *sorted(codes), "--from", "2025", "--to", "2026", "--zip", "77030",
                                      "-f", "csv"])  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = {row["code"]: row for row in csv.DictReader(io.StringIO(result.stdout))}
    for code in codes:
        for side, column in ((0, "non_facility"), (1, "facility")):
            r0, r1, c0, c1 = before[code][side], after[code][side], before[code][2], after[code][2]
            steps = [amount(r0, g0, c0), amount(r1, g0, c0), amount(r1, g1, c0), amount(r1, g1, c1)]
            row = rows[code]
            got = [Decimal(row[f"{column}_{name}"]) for name in ("before", "from_rvu", "from_gpci",
                                                                  "from_conversion_factor", "after")]  # fmt: skip
            want = [steps[0], steps[1] - steps[0], steps[2] - steps[1], steps[3] - steps[2], steps[3]]
            assert got == want, (code, column)
            assert Decimal(row[f"{column}_difference"]) == sum(want[1:4]) == steps[3] - steps[0]
    # 99213 at Houston, office: $91.00 -> $96.33 = RVUs +$3.11, GPCIs -$0.82, CF +$3.04
    office = rows["99213"]
    assert [office[f"non_facility_{k}"] for k in ("from_rvu", "from_gpci", "from_conversion_factor")] == [
        "3.11", "-0.82", "3.04"
    ]  # fmt: skip
    shown = " ".join(CliRunner().invoke(app, ["compare", "--help"], terminal_width=200).stdout.split())
    assert "the RVUs first (at the earlier GPCIs and CF), then the GPCIs" in shown
    assert "The percent is the difference over the earlier amount." in shown
