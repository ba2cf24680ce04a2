"""A professional component only code (PC/TC indicator 2) at the hospital in a year whose Addendum B is not installed:
a nuclear cardiology trial's 93016 and 93018 at POS 22 on 2026-03-03 (no CY2026 OPPS file) read only the newest
earlier Addendum B's generic SI B meaning ("another code may apply"), where the same rows in 2025 say the physician
bills the code and the hospital bills no facility fee, naming its technical part 93017
(engine.facility_codes.professional_only_said). Now the 2026 reason says so too, in price and in batch alike, from
CMS's own October 2025 Addendum B rows; the practitioner's fee stays CMS's PFS facility amount (RVU26C, NORTH
CAROLINA 1150200)."""

from __future__ import annotations

import csv
from decimal import Decimal
from typing import Any

import pyarrow as pa

from cms_fees import fee_2026
from rvucalc.batch.price import BatchPricer
from rvucalc.engine.facility_codes import professional_only_said
from rvucalc.lookup.pricer import Pricer
from rvucalc.paths import data_dir

ZIP, DATE, LOCALITY = "27607", "2026-03-03", "1150200"
ADDENDUM_B_OCTOBER_2025 = ("opps", "2025", "508 version of October 2025 Web Addendum B.10.31.25.csv")


def _addendum_b(code: str) -> list[str]:
    """The code's row of CMS's October 2025 Addendum B (HCPCS, description, SI, APC ...)."""
    with data_dir().joinpath(*ADDENDUM_B_OCTOBER_2025).open(newline="", encoding="latin-1") as handle:
        return next(row for row in csv.reader(handle) if row and row[0] == code)


def _rvu_2026(code: str) -> list[str]:
    with data_dir().joinpath("rvu", "2026", "PPRRVU2026_Jul_nonQPP.csv").open(newline="", encoding="latin-1") as f:
        return next(row for row in csv.reader(f) if row[:2] == [code, ""])


def _expected(code: str) -> str:
    """What the reason adds, from CMS's rows: 93017 is Addendum B's SI Q1 in APC 5722."""
    tracing = _addendum_b("93017")
    return professional_only_said(code, [("93017", tracing[2], tracing[3])])


def test_the_cms_rows_behind_the_case() -> None:
    for code in ("93016", "93018"):
        assert _rvu_2026(code)[13] == "2" and _addendum_b(code)[2] == "B", code
    assert _addendum_b("93017")[2:4] == ["Q1", "5722"]


def test_price_and_batch_say_the_physician_bills_it_when_the_year_s_opps_is_not_installed(pricer: Pricer) -> None:
    rows = [{"claim": "NM1", "code": code, "date": DATE, "setting": "22", "zip": ZIP} for code in ("93016", "93018")]
    out: list[dict[str, Any]] = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for code, row in zip(("93016", "93018"), out, strict=True):
        said = _expected(code)
        single = pricer.price(code, zip_code=ZIP, date_of_service=DATE, setting="22")
        [hopd] = single.sites
        assert not hopd.payable and "OPPS CY2026 rates not installed" in (hopd.reason or "")
        assert said in (hopd.reason or ""), hopd.reason
        assert said in row["note"], row["note"]
        fee = fee_2026(_rvu_2026(code), LOCALITY, facility=True)
        assert hopd.professional_payment == fee
        assert Decimal(str(row["professional_allowed"])).quantize(Decimal("0.01")) == fee
