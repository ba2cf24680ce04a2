"""G0011 (HIV PrEP counseling by a physician or practitioner) is SI M in CMS's October 2025 OPPS Addendum B: "Items and
Services Not Billable to the MAC", not paid under the OPPS (Addendum D1). At a hospital outpatient department the
hospital bills nothing for it; the practitioner's claim is paid the PFS facility amount. A trial read `price G0011
--setting 22` (no hopd allowed amount) against a batch claim of G0011, G0012 and G0013 (G0011's hopd_allowed $24.08) as
a disagreement: it is the same rule given different claims. Alone, the hospital is paid nothing on the encounter, so
neither prices a hospital outpatient total and both give the practitioner's fee apart (price's professional_payment,
batch's professional_allowed); beside lines the hospital is paid for, both count G0011's practitioner's fee in the
encounter's hopd total. This pins price and batch to the same money for the same claim. Amounts are CMS's: RVU25D x
GPCI2025 (Atlanta, 10212/01) x CF for the practitioner, Addendum B's rates for the hospital."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from conftest import TESTS
from rvucalc.cli import app

runner = CliRunner()
DATA = TESTS.parent / "data"
ZIP, DATE = "30303", "2025-11-03"
CENT = Decimal("0.01")


def _facility_fee(code: str) -> Decimal:
    """CMS's PFS facility amount at Atlanta (MAC 10212, locality 01), RVU25D x GPCI2025 x CF."""
    with (DATA / "rvu/2025/PPRRVU2025_Oct.csv").open(encoding="latin-1", newline="") as handle:
        row = next(r for r in csv.reader(handle) if r[:2] == [code, ""])
    with (DATA / "gpci/2025/GPCI2025.csv").open(encoding="latin-1", newline="") as handle:
        gpci = next(g for g in csv.reader(handle) if g[:3] == ["10212", "GA", "01"])
    rvus = Decimal(row[5]) * Decimal(gpci[4]) + Decimal(row[8]) * Decimal(gpci[5]) + Decimal(row[10]) * Decimal(gpci[6])
    return (rvus * Decimal(row[24])).quantize(CENT, rounding=ROUND_HALF_UP)


def _status_indicator(code: str) -> str:
    path = DATA / "opps/2025/508 version of October 2025 Web Addendum B.10.31.25.csv"
    with path.open(encoding="latin-1", newline="") as handle:
        return next(r for r in csv.reader(handle) if r and r[0] == code)[2].strip()


def _price(*codes: str) -> Any:
    done = runner.invoke(app, ["price", *codes, "--zip", ZIP, "--date", DATE, "--setting", "22", "-f", "json"])
    assert done.exit_code == 0, done.output
    return json.loads(done.stdout)


def _batch(tmp_path: Path, claims: dict[str, list[str]]) -> list[dict[str, str]]:
    source, out = tmp_path / "claims.csv", tmp_path / "out.csv"
    source.write_text("claim_id,date_of_service,pos,zip,cpt,units\n" + "".join(
        f"{claim},{DATE},22,{ZIP},{code},1\n" for claim, codes in claims.items() for code in codes))  # fmt: skip
    done = runner.invoke(app, ["batch", "-q", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    return list(csv.DictReader(out.open()))


def _money(value: object) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value)).quantize(CENT)


def test_g0011_is_si_m_in_cms_addendum_b() -> None:
    assert _status_indicator("G0011") == "M"


def test_g0011_alone_and_beside_the_hospital_s_lines_price_as_batch_does(tmp_path: Path) -> None:
    fee = _facility_fee("G0011")
    rows = _batch(tmp_path, {"C1": ["G0011", "G0012", "G0013"], "C2": ["G0011"]})
    alone = _price("G0011")
    (site,) = alone["sites"]
    assert (site["allowed"], _money(site["professional_payment"])) == (None, fee)
    assert (rows[3]["hopd_allowed"], _money(rows[3]["professional_allowed"])) == ("", fee)
    encounter = _price("G0011", "G0012", "G0013")
    priced = [_money(line["sites"][0]["allowed"]) for line in encounter["lines"]]
    assert priced == [_money(row["hopd_allowed"]) for row in rows[:3]]
    assert priced[0] == fee and encounter["lines"][0]["sites"][0]["facility_payment"] is None
    assert _money(encounter["totals"]["hopd"]["allowed"]) == sum(_money(row["hopd_allowed"]) or 0 for row in rows[:3])
