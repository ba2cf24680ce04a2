"""The OPPS imaging cap under a what-if conversion factor (an analyst's trial, whatif_wa_2026.csv).

`price 71275 --zip 98104 --conversion-factor 32.8409` (and `export --conversion-factor`) capped the global at
OPPSCAP's $310.15: CMS's capped TC plus the professional component at CMS's CF. The cap is on the TC (the hospital's
OPPS payment, which a PFS conversion factor does not move); the PC takes the what-if CF. CMS's OPPS formula (RVU file
documentation: "[(Work RVU * Work GPCI) + (OPPS PE RVU * PE GPCI) + (OPPS MP RVU * MP GPCI)] * Conversion Factor")
reproduces every OPPSCAP row (the first test), and a global's OPPS RVUs are its TC's plus its PC's, so the what-if
global is the TC's OPPS amount at CMS's CF plus the PC's at the user's, rounded once. Every expected figure here is
computed from CMS's files in /work/shared/cms (RVU, GPCI and OPPSCAP)."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.kernels import opps_rvu_units, what_if_opps_cap

CMS = Path("/work/shared/cms")
WHAT_IF = "32.8409"
SEATTLE = ("02402", "02", "0240202", "98104")  # CMS's ZIP5 file: 98104 is carrier 02402, locality 02


def cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _rvu_rows(path: Path, cf_column: int, opps_columns: tuple[int, int, int]) -> dict[tuple[str, str], dict[str, Any]]:
    """RVU file rows by (code, modifier): work, PE, MP, the OPPS PE (non-facility, facility) and MP, and the CF."""
    rows = {}
    with path.open(newline="") as handle:
        for row in csv.reader(handle):
            if len(row) <= max(opps_columns) or not row[0] or row[0] == "HCPCS" or row[3] in ("", "STATUS"):
                continue
            rows[(row[0], row[1])] = {
                "status": row[3], "work": Decimal(row[5]), "pe_nonfac": Decimal(row[6]), "pe_fac": Decimal(row[8]),
                "mp": Decimal(row[10]), "cf": Decimal(row[cf_column]), "opps_nonfac": Decimal(row[opps_columns[0]]),
                "opps_fac": Decimal(row[opps_columns[1]]), "opps_mp": Decimal(row[opps_columns[2]]),
            }  # fmt: skip
    return rows


def _units(value: Decimal, places: int) -> int:
    return int(value.scaleb(places))


def test_oppscap_is_the_lesser_of_the_pfs_and_cms_opps_formula_rounded_once() -> None:
    """Every row of OPPSCAP_Oct (RVU25D) CMS prices (not status C) is min(PFS amount, OPPS amount), the OPPS amount
    CMS's formula with the RVU file's OPPS columns, rounded once: what engine.kernels.what_if_opps_cap gives at CMS's
    CF. This is the formula the what-if cap keeps at CMS's CF for the TC part."""
    rvus = _rvu_rows(CMS / "2025/PPRRVU2025_Oct.csv", 24, (28, 29, 30))
    gpcis = {}
    with (CMS / "2025/GPCI2025.csv").open(newline="") as handle:
        for row in csv.reader(handle):
            try:
                gpcis[(row[0].strip(), row[2].strip().zfill(2))] = tuple(Decimal(v.strip()) for v in row[4:7])
            except (ArithmeticError, IndexError):
                continue
    checked = 0
    with (CMS / "2025/OPPSCAP_Oct.csv").open(newline="") as handle:
        for cap in csv.DictReader(handle):
            row, gpci = rvus.get((cap["HCPCS"], cap["MOD"])), gpcis.get((cap["CARRIER"], cap["LOCALITY"]))
            if cap["PROCSTAT"] == "C" or row is None or gpci is None:
                continue
            g = tuple(_units(value, 3) for value in gpci)
            cf = _units(row["cf"], 4)
            for setting, column in (("nonfac", "NON-FACILTY PRICE"), ("fac", "FACILITY PRICE")):
                pfs = cents((row["work"] * gpci[0] + row[f"pe_{setting}"] * gpci[1] + row["mp"] * gpci[2]) * row["cf"])
                whole = opps_rvu_units(_units(row["work"], 2), _units(row[f"opps_{setting}"], 2),
                                       _units(row["opps_mp"], 2), *g)  # fmt: skip
                opps = Decimal(what_if_opps_cap(whole, whole, cf, cf)).scaleb(-2)
                assert min(pfs, opps) == Decimal(cap[column]), (cap, setting)
                checked += 1
    assert checked == 12_644


def _seattle_71275() -> dict[str, Any]:
    """CMS's 2026 figures for 71275 at Seattle: OPPSCAP's global and TC amounts, and the exact OPPS parts."""
    rvus = _rvu_rows(CMS / "2026/PPRRVU2026_Jul_nonQPP.csv", 25, (29, 30, 31))
    with (CMS / "2026/localities2026-01-01-2026.csv").open(newline="") as handle:
        (place,) = [row for row in csv.DictReader(handle) if row["locality"] == SEATTLE[2]]
    gpci = tuple(Decimal(place[name]) for name in ("gpci_work", "gpci_pe", "gpci_mp"))
    with (CMS / "2026/medigy_rvu26_q1/ref_opps_price_cap.csv").open(newline="") as handle:
        listed = [row for row in csv.DictReader(handle) if row["HCPCS"] == "71275" and row["CARRIER"] == SEATTLE[0]]
    caps = {row["MOD"]: Decimal(row["NON-FACILTY PRICE"]) for row in listed if row["LOCALITY"].zfill(2) == SEATTLE[1]}

    def opps(modifier: str) -> Decimal:  # CMS's OPPS RVUs x GPCIs, exact (no CF)
        row = rvus[("71275", modifier)]
        return row["work"] * gpci[0] + row["opps_nonfac"] * gpci[1] + row["opps_mp"] * gpci[2]

    def pfs(modifier: str, cf: Decimal) -> Decimal:
        row = rvus[("71275", modifier)]
        return cents((row["work"] * gpci[0] + row["pe_nonfac"] * gpci[1] + row["mp"] * gpci[2]) * cf)

    cms_cf = rvus[("71275", "")]["cf"]
    return {"caps": caps, "opps": opps, "pfs": pfs, "cms_cf": cms_cf}


def _price(*options: str) -> Decimal:
    result = CliRunner().invoke(app, ["price", "71275", "--zip", SEATTLE[3], "-f", "json", *options])
    assert result.exit_code == 0, result.output
    return Decimal(str(json.loads(result.stdout)["pfs"]["non_facility"]["amount"]))


def test_a_what_if_cf_caps_a_global_imaging_code_at_the_capped_tc_plus_its_pc_at_that_cf(tmp_path: Path) -> None:
    cms = _seattle_71275()
    what_if = Decimal(WHAT_IF)
    # CMS's own figures: the TC's OPPS amount and the global's (TC + PC OPPS RVUs), each rounded once
    assert cents(cms["opps"]("TC") * cms["cms_cf"]) == cms["caps"]["TC"] == Decimal("219.67")
    assert cents(cms["opps"]("") * cms["cms_cf"]) == cms["caps"][""] == Decimal("310.15")
    # the what-if: the TC's OPPS amount at CMS's CF, the rest (the PC) at the user's, rounded once
    pc = cms["opps"]("") - cms["opps"]("TC")
    expected = min(cms["pfs"]("", what_if), cents(cms["opps"]("TC") * cms["cms_cf"] + pc * what_if))
    assert expected == Decimal("308.64") == cms["caps"]["TC"] + cms["pfs"]("26", what_if)  # 219.67 + 88.97
    assert _price("--conversion-factor", WHAT_IF) == expected
    assert _price() == cms["caps"][""]  # CMS's CF: OPPSCAP's own figure, unchanged
    assert _price("--conversion-factor", str(cms["cms_cf"])) == cms["caps"][""]
    # the TC's cap does not move with a PFS CF
    result = CliRunner().invoke(app, ["price", "71275-TC", "--zip", SEATTLE[3], "-f", "json", "--conversion-factor",
                                      WHAT_IF])  # fmt: skip
    assert Decimal(str(json.loads(result.stdout)["pfs"]["non_facility"]["amount"])) == cms["caps"]["TC"]
    # export gives price's amounts, with and without the what-if
    for extra, amount in (([], cms["caps"][""]), (["--conversion-factor", WHAT_IF], expected)):
        target = tmp_path / "seattle.csv"
        done = CliRunner().invoke(app, ["export", "--zip", SEATTLE[3], *extra, "-o", str(target)])
        assert done.exit_code == 0, done.output
        with target.open(newline="") as handle:
            rows = {row["modifier"]: row for row in csv.DictReader(handle) if row["hcpcs"] == "71275"}
        assert Decimal(rows[""]["non_facility_amount"]) == amount
        assert Decimal(rows["TC"]["non_facility_amount"]) == cms["caps"]["TC"]
        assert "OPPS imaging cap" in rows[""]["notes"]


def test_a_what_if_cf_caps_a_global_in_a_claim_as_price_does(tmp_path: Path) -> None:
    """Batch's claim path builds a line's settings with price's own builder (lookup.lines.policy_settings)."""
    from conftest import run_batch_rows

    cms = _seattle_71275()
    pc = cms["opps"]("") - cms["opps"]("TC")
    expected = cents(cms["opps"]("TC") * cms["cms_cf"] + pc * Decimal(WHAT_IF))
    rows = [
        {"claim_id": "1", "hcpcs": "71275", "zip": SEATTLE[3]},
        {"claim_id": "1", "hcpcs": "70450", "zip": SEATTLE[3]},
    ]
    done, out = run_batch_rows(tmp_path, rows, "--conversion-factor", WHAT_IF)
    assert done.exit_code == 0, done.output
    assert Decimal(out[0]["pfs_non_facility_amount"]) == expected


def test_a_what_if_cf_caps_a_global_in_batch_as_price_does(tmp_path: Path) -> None:
    """A line batch prices on whole columns (no claim rules: batch.price._pfs_amounts) must give price's amount."""
    from conftest import run_batch_rows

    cms = _seattle_71275()
    pc = cms["opps"]("") - cms["opps"]("TC")
    expected = cents(cms["opps"]("TC") * cms["cms_cf"] + pc * Decimal(WHAT_IF))
    done, out = run_batch_rows(tmp_path, [{"hcpcs": "71275", "zip": SEATTLE[3]}], "--conversion-factor", WHAT_IF)
    assert done.exit_code == 0, done.output
    assert Decimal(out[0]["pfs_non_facility_amount"]) == expected


# CMS's CY2026 PFS final rule: $33.5675 for qualifying APM participants (the RVU file's CF is the other, $33.4009).
QP_CF = "33.5675"


def test_a_what_if_cf_in_batch_leaves_the_tc_cap_and_cms_cfs_keep_oppscap(tmp_path: Path) -> None:
    """Batch's whole-column cap (batch.price._what_if_caps) beside the global: the TC keeps OPPSCAP's TC amount (its
    own TC row), the 26 row is its PFS amount at the what-if CF, and a --conversion-factor that is one of CMS's (the
    RVU file's, or the QP CF) keeps OPPSCAP's global, as price does (lookup.lines.cap_at_cf)."""
    from conftest import run_batch_rows

    cms = _seattle_71275()
    rows = [{"code": "71275", "modifier": modifier, "zip": SEATTLE[3]} for modifier in ("", "TC", "26")]
    what_if = Decimal(WHAT_IF)
    pc = cms["opps"]("") - cms["opps"]("TC")
    done, out = run_batch_rows(tmp_path, rows, "--conversion-factor", WHAT_IF)
    assert done.exit_code == 0, done.output
    amounts = [Decimal(row["pfs_non_facility_amount"]) for row in out]
    assert amounts == [cents(cms["opps"]("TC") * cms["cms_cf"] + pc * what_if), cms["caps"]["TC"],
                       cms["pfs"]("26", what_if)]  # fmt: skip
    for cf in (str(cms["cms_cf"]), QP_CF):
        done, out = run_batch_rows(tmp_path, rows[:1], "--conversion-factor", cf)
        assert done.exit_code == 0, done.output
        expected = min(cms["pfs"]("", Decimal(cf)), cms["caps"][""])
        assert Decimal(out[0]["pfs_non_facility_amount"]) == expected == _price("--conversion-factor", cf), cf


def test_a_what_if_cf_caps_a_global_in_compare_named_and_all_alike() -> None:
    """compare --all prices each row itself (lookup.compare._row_side): its what-if cap is price's, as named."""
    cms = _seattle_71275()
    pc = cms["opps"]("") - cms["opps"]("TC")
    expected = cents(cms["opps"]("TC") * cms["cms_cf"] + pc * Decimal(WHAT_IF))
    for codes in (["71275"], ["--all"]):
        done = CliRunner().invoke(app, ["compare", *codes, "--from", "2025", "--to", "2026", "--zip", SEATTLE[3],
                                        "--conversion-factor", WHAT_IF, "-f", "csv"])  # fmt: skip
        assert done.exit_code == 0, done.output
        rows = [row for row in csv.DictReader(done.stdout.splitlines()) if row["code"] == "71275"]
        (row,) = [row for row in rows if not row["modifier"]]
        assert Decimal(row["non_facility_after"]) == expected, codes
