"""A hospital line whose modifier reduces its APC payment (PN 40%, PO 40%, CT 85%, FX 80%, FY 90%), of several
units, is paid as CMS's OPPS Pricer pays it: the national APC payment times the reduction, rounded to the cent
(PerformApcAdjustments2024: "COMPUTE H-APC-PYMT ROUNDED = H-APC-PYMT * PFS-REDUCT-2018", CT-REDUCT, XRAY-FILM-REDUCT
...), then wage-adjusted and multiplied by the units and the discount rate, rounded once
(calculateWageAdjustedPaymentAndSchAdj: "(((H-SCH-PYMT * .60) * W-WINX) + (H-SCH-PYMT * .40)) * W-SRVC-UNITS *
W-DISC-RATE" rounded). rvucalc rounded the reduced wage-adjusted rate per unit and multiplied by the units: 92012-PN
x 7 at wage index 1.1111 was 7 x $54.98 = $384.86, the Pricer's $384.90 ($51.55 x 1.06666 x 7). The figures here are
Addendum B's national rates (October 2025) and the CY2025 wage index file's CBSA 35614 (ZIP 10001), or a wage index
given; price and batch agree."""

from __future__ import annotations

import csv
import io
import json
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.paths import data_dir

runner = CliRunner()
CENT = Decimal("0.01")
DATE = "2025-11-10"
ADDENDUM_B = "opps/2025/508 version of October 2025 Web Addendum B.10.31.25.csv"
WAGE_INDEX_FILE = "opps/2025/asc_wage_index_2025.txt"
REDUCTION = {"PN": Decimal("0.40"), "PO": Decimal("0.40"), "CT": Decimal("0.85"), "FX": Decimal("0.80"),
             "FY": Decimal("0.90")}  # fmt: skip


def _addendum_b(code: str) -> tuple[str, Decimal]:
    """The status indicator and payment rate CMS's October 2025 Addendum B prints for ``code``."""
    with (data_dir() / ADDENDUM_B).open(encoding="utf-8", errors="replace") as handle:
        for row in csv.reader(handle):
            if row and row[0] == code:
                return row[2].strip(), Decimal(row[5].replace("$", "").replace(",", ""))
    raise AssertionError(f"{code} not in Addendum B")


def _zip_10001_wage_index() -> Decimal:
    """CBSA 35614's (New York County, ZIP 10001) wage index in CMS's CY2025 wage index file."""
    for line in (data_dir() / WAGE_INDEX_FILE).read_text(encoding="utf-8", errors="replace").splitlines():
        cells = line.split("\t")
        if cells[0] == "35614":
            return Decimal(cells[-1])
    raise AssertionError("CBSA 35614 not in the wage index file")


def _pricer_payment(code: str, modifier: str, units: int, wage_index: Decimal) -> Decimal:
    """The OPPS Pricer's line payment: the reduced APC payment (rounded) wage-adjusted x units x the discount rate
    (formula 2 for SI T alone: (1 + 0.5 (U - 1)) / U truncated to 8 decimals; 1 otherwise), rounded once."""
    si, national = _addendum_b(code)
    apc = (national * REDUCTION[modifier]).quantize(CENT, ROUND_HALF_UP)
    discount = Decimal(1)
    if si == "T":
        discount = ((1 + Decimal("0.5") * (units - 1)) / units).quantize(Decimal("0.00000001"), ROUND_DOWN)
    adjusted = apc * Decimal("0.60") * wage_index + apc * Decimal("0.40")
    return (adjusted * units * discount).quantize(CENT, ROUND_HALF_UP)


CASES = [
    ("92012", "PN", 7, "1.1111"),  # $384.90 (was $384.86)
    ("92012", "PN", 3, ""),
    ("74176", "PN", 3, "1.4567"),  # $369.55 (was $369.54)
    ("74176", "CT", 7, ""),
    ("70450", "CT", 3, "1.4567"),
    ("71046", "FX", 7, "1.1111"),
    ("71046", "FY", 3, ""),
    ("10060", "PN", 3, "1.4567"),  # SI T alone: formula 2
]


def _site(result: Any) -> Any:
    return next(site for site in result.sites if site.setting == "hopd")


@pytest.mark.parametrize(("code", "modifier", "units", "wage_index"), CASES)
def test_a_reduced_hospital_line_of_several_units_is_the_pricers_payment(
    pricer: Any, code: str, modifier: str, units: int, wage_index: str
) -> None:
    index = Decimal(wage_index) if wage_index else _zip_10001_wage_index()
    result = pricer.price(code, modifier=modifier, zip_code="10001", date_of_service=DATE, setting="hopd",
                          units=units, wage_index=wage_index or None)  # fmt: skip
    assert result.location.wage_index == index
    payment = _pricer_payment(code, modifier, units, index)
    assert _site(result).facility_payment == payment
    one = pricer.price(code, modifier=modifier, zip_code="10001", date_of_service=DATE, setting="hopd",
                       wage_index=wage_index or None)  # fmt: skip
    assert one.opps.rate == _pricer_payment(code, modifier, 1, index)  # one unit: the Pricer's too
    if modifier == "PN":
        # A section 603 line: Medicare pays 80% of the line's payment, rounded; the patient the rest (the Pricer's
        # PFS_REDUCTION_REIMBURSEMENT_RATE). The professional fee's 20% is the line's too.
        professional = _site(one).professional_payment or Decimal(0)
        professional_share = (professional * units * Decimal("0.2")).quantize(CENT, ROUND_HALF_UP)
        copayment = payment - (payment * Decimal("0.8")).quantize(CENT, ROUND_HALF_UP)
        assert _site(result).beneficiary == copayment + professional_share


def test_batch_pays_the_same_as_price() -> None:
    """`rvucalc batch` rows (with their wage index, or ZIP 10001's) give the single lookups' amounts."""
    header = "code,modifier,units,zip,date,pos,wage_index\n"
    source = header + "".join(f"{c},{m},{u},10001,{DATE},22,{w}\n" for c, m, u, w in CASES)
    done = runner.invoke(app, ["batch", "-", "-f", "csv", "-q"], input=source)
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert len(rows) == len(CASES)
    for (code, modifier, units, wage_index), row in zip(CASES, rows, strict=True):
        index = Decimal(wage_index) if wage_index else _zip_10001_wage_index()
        payment = _pricer_payment(code, modifier, units, index)
        professional = Decimal(row["professional_allowed"] or 0)
        assert Decimal(row["hopd_allowed"]) - professional == payment, (code, modifier, units)
        single = runner.invoke(app, ["price", f"{code}-{modifier}", "--units", str(units), "--zip", "10001", "--date",
                                     DATE, "--setting", "hopd", "-f", "json", *(["--wage-index", wage_index]
                                                                               if wage_index else [])])  # fmt: skip
        site = json.loads(single.stdout)["sites"][0]
        for measure in ("allowed", "beneficiary", "medicare"):
            assert Decimal(row[f"hopd_{measure}"]) == Decimal(str(site[measure])), (code, modifier, measure)
