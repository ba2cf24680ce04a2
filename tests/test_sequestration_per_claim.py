"""`--sequestration` takes 2% off each claim's Medicare payment, not off a site's hospital and physician shares summed.

The 2% is "applied to all claims after determining the Medicare payment including application of the current fee
schedule, coinsurance, any applicable deductible, and any applicable Medicare secondary payment adjustments", and for
"Part B physician/practitioner, supplier, and institutional provider outpatient claims, the adjustment is reported at
the line level" with CARC 253 (First Coast Service Options, a CMS MAC, "Federal sequestration payment reductions"):
the hospital's (OPPS) or ASC's line and the physician's (PFS) line are on separate claims, each reduced and rounded
apart. A review found `price 45378 --setting hopd --sequestration` taking 2% off the two Medicare shares summed: at a
hospital's wage index of 1.0, $869.01 where the two claims pay $714.77 + $154.23 = $869.00.

CMS's figures (October 2025): Addendum B's 45378 (APC 5311) national rate $911.71 and copayment $182.35; the PFS
facility amount at Washington, DC (locality 1220201, RVU25D) $196.72. Differential: seeded claims through
`rvucalc batch` and `rvucalc price`, every money column the same, and each price site's sequestered share is its
facility part's and its physician's, each reduced apart."""

from __future__ import annotations

import json
import random
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.cli import app

runner = CliRunner()
DATE = "2025-11-10"
ZIP = "20001"
CENT = Decimal("0.01")
# Addendum B, October 2025: 45378's national rate and copayment (wage index 1.0: the national figures).
OPPS_RATE, OPPS_COPAYMENT = Decimal("911.71"), Decimal("182.35")
PFS_FACILITY = Decimal("196.72")  # RVU25D, locality 1220201: the physician's fee at the hospital
# codes with the Part B 20% coinsurance (no preventive waiver), at every kind of site: procedures (OPPS T, J1, the
# endoscopy family), a visit, a global test and a diagnostic mammogram (its hospital paid the TC's PFS amount), therapy
# (its hospital paid the office's amounts), a drug and a lab
POOL = ("45378", "43239", "45380", "11402", "12032", "66984", "96372", "99213", "71046", "77065", "97110", "20610",
        "29881", "64483", "93000", "17110", "10060", "J1885", "80053")  # fmt: skip


def _seq(cents: Decimal) -> Decimal:
    """A claim's Medicare payment less 2%, the 2% rounded half-up to the cent."""
    return cents - (cents * Decimal("0.02")).quantize(CENT, rounding=ROUND_HALF_UP)


def _money(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value)).quantize(CENT)


def _price(codes: list[str], *options: str) -> dict[str, Any]:
    done = runner.invoke(app, ["price", *codes, "--zip", ZIP, "--date", DATE, "-f", "json", *options])
    assert done.exit_code in (0, 1), done.output
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_price_reduces_the_hospital_s_and_the_physician_s_claims_apart() -> None:
    hospital = _seq(OPPS_RATE - OPPS_COPAYMENT)  # $729.36 less $14.59
    physician_share = PFS_FACILITY - (PFS_FACILITY * Decimal("0.2")).quantize(CENT, rounding=ROUND_HALF_UP)
    physician = _seq(physician_share)  # $157.38 less $3.15
    assert (hospital, physician) == (Decimal("714.77"), Decimal("154.23"))
    result = _price(["45378"], "--wage-index", "1.0", "--setting", "hopd", "--sequestration")
    assert (_money(result["opps"]["rate"]), _money(result["opps"]["copayment"])) == (OPPS_RATE, OPPS_COPAYMENT)
    [site] = result["sites"]
    assert _money(site["professional_payment"]) == PFS_FACILITY and site["sequestration_applied"]
    assert _money(site["medicare"]) == hospital + physician == Decimal("869.00")  # not $886.74 x 0.98, $869.01
    [doctor] = _price(["45378"], "--setting", "21", "--sequestration")["sites"]  # the physician's claim alone
    assert _money(doctor["medicare"]) == physician
    table = runner.invoke(app, ["price", "45378", "--zip", ZIP, "--date", DATE, "--wage-index", "1.0", "--setting",
                                "hopd", "--sequestration"])  # fmt: skip
    assert table.exit_code == 0 and "$869.00 (seq.)" in table.stdout, table.stdout


def test_batch_reduces_each_claim_apart_in_rows_and_summary(tmp_path: Path) -> None:
    rows = [{"claim": "A", "code": "45378", "zip": ZIP, "date": DATE, "wi": "1.0", "pos": "22"}]
    done, out = run_batch_rows(tmp_path, rows, "--sequestration", "--summary", str(tmp_path / "summary.json"))
    assert done.exit_code == 0, done.output
    [row] = out
    assert _money(row["hopd_medicare"]) == _money(row["medicare"]) == Decimal("869.00")
    assert _money(row["professional_medicare"]) == Decimal("154.23")
    totals = json.loads((tmp_path / "summary.json").read_text())["totals"]
    assert _money(totals["hopd"]["medicare"]) == _money(totals["all"]["medicare"]) == Decimal("869.00")
    assert _money(totals["professional"]["medicare"]) == Decimal("154.23")


# claims every draw may miss: therapy's and mammography's hospital lines, several units, a J1 packaging a line
FIXED = [[("97110", 2)], [("77065", 1)], [("71046", 1), ("99213", 1)], [("J1885", 2)], [("66984", 1), ("96372", 1)],
         [("11402", 2)]]  # fmt: skip


def _claims(seed: int | None) -> list[list[tuple[str, int]]]:
    if seed is None:
        return FIXED
    draw = random.Random(seed)
    claims = []
    for _ in range(4):
        codes = draw.sample(POOL, draw.randint(1, 3))
        claims.append([(code, draw.randint(1, 3) if len(codes) == 1 else 1) for code in codes])
    return claims


def _lines(claim: list[tuple[str, int]], *options: str) -> list[dict[str, Any]]:
    codes = [code for code, _ in claim]
    if len(codes) == 1:
        return [_price(codes, "--units", str(claim[0][1]), *options)]
    return list(_price(codes, *options)["lines"])


@pytest.mark.parametrize("seed", [None, 7, 2025, 44])
def test_price_and_batch_reduce_each_claim_alike(tmp_path: Path, seed: int | None) -> None:
    claims = _claims(seed)
    rows = [{"claim": f"C{number}", "code": code, "units": str(units), "zip": ZIP, "date": DATE}
            for number, claim in enumerate(claims) for code, units in claim]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows, "--sequestration")
    assert done.exit_code in (0, 1), done.output
    position = 0
    for claim in claims:
        plain = _lines(claim)
        for line, before in zip(_lines(claim, "--sequestration"), plain, strict=True):
            row = out[position]
            position += 1
            assert row["code"] == line["code"] and not row["error"], row
            for site, unreduced in zip(line["sites"], before["sites"], strict=True):
                for measure in ("allowed", "beneficiary", "medicare"):
                    expected = _money(site[measure]) if site["payable"] else None
                    assert _money(row[f"{site['setting']}_{measure}"]) == expected, (seed, claim, site, measure)
                if not site["payable"] or site["medicare"] is None:
                    continue
                # the site's Medicare share: its physician's claim (80% of the fee, rounded once) and its facility's
                # (the rest), each less 2% apart
                fee = _money(unreduced["professional_payment"]) if site["setting"] != "office" else None
                if fee is None or line["code"] == "97110":  # one claim's: the office's, or therapy's hospital's
                    assert _money(site["medicare"]) == _seq(_money(unreduced["medicare"]) or Decimal(0))
                    continue
                doctor = fee - (fee * Decimal("0.2")).quantize(CENT, rounding=ROUND_HALF_UP)
                facility = (_money(unreduced["medicare"]) or Decimal(0)) - doctor
                assert _money(site["medicare"]) == _seq(facility) + _seq(doctor), (seed, claim, site)
    assert position == len(out)
