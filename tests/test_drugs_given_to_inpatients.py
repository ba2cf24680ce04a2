"""A drug the ASP file prices, given at a place with no facility payment priced. J1569 (Gammagard liquid, $47.288 per
500 MG in CMS's January 2026 ASP file) x 60 at POS 21 (a trial's claim A-84): batch showed drug_amount 2837.28 with
an empty allowed and only the place's note, "POS 21: PFS facility rate; no OPPS/ASC facility payment". A hospital
inpatient's drugs are inpatient hospital services, paid to the hospital under Part A in its payment for the stay (the
DRG), not at the ASP limit (Benefit Policy Manual ch. 1 §30; 42 CFR 412.2(b)): price and batch now say so, as they say
a lab test's there (engine.facility.LAB_AT_FACILITY_REASON). No money changes."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pyarrow as pa
from typer.testing import CliRunner

from conftest import TESTS
from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine.facility import DRUG_AT_FACILITY_REASON

runner = CliRunner()
SHIPPED = TESTS.parent / "data"
DAY = dt.date(2026, 2, 10)


def _asp_limit(code: str) -> Decimal:
    (path,) = (SHIPPED / "asp" / "2026").glob("*.csv")
    with open(path, newline="", encoding="latin-1") as handle:
        return next(Decimal(row[3]) for row in csv.reader(handle) if row and row[0] == code)


def test_the_reason_says_the_stay_pays_it() -> None:
    assert "paid to the hospital under Part A in its payment for the stay (the DRG" in DRUG_AT_FACILITY_REASON
    assert "not at the ASP payment limit" in DRUG_AT_FACILITY_REASON and "; " not in DRUG_AT_FACILITY_REASON


def test_price_and_batch_say_it_at_pos_21(pricer: Any) -> None:
    amount = (_asp_limit("J1569") * 60).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)  # CMS's limit x units
    assert amount == Decimal("2837.28")
    single = pricer.price("J1569", zip_code="10001", date_of_service=DAY, units=60, setting="21")
    assert single.drug is not None and single.drug.amount == amount  # the limit is shown, as before
    (site,) = single.sites
    assert (site.setting, site.status, site.allowed) == ("facility", "not_payable", None)
    assert site.reason == DRUG_AT_FACILITY_REASON

    rows = [{"code": "J1569", "modifier": "JZ", "units": "60", "zip": "10001", "date": "2026-02-10", "setting": pos}
            for pos in ("21", "31", "11")]  # fmt: skip
    inpatient, snf, office = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert inpatient["drug_amount"] == amount and inpatient["allowed"] is None, inpatient
    assert DRUG_AT_FACILITY_REASON in inpatient["note"] and DRUG_AT_FACILITY_REASON in snf["note"]
    assert office["allowed"] == amount and DRUG_AT_FACILITY_REASON not in office["note"]  # the office's: unchanged


def test_the_cli_table_says_it(pricer: Any) -> None:
    done = runner.invoke(app, ["price", "J1569", "--zip", "10001", "--date", "2026-02-10", "--units", "60",
                               "--setting", "21"])  # fmt: skip
    assert done.exit_code == 0, done.output  # the drug's ASP amount is shown: exit as before
    assert "paid to the hospital under Part A in its payment for the stay (the DRG" in " ".join(done.output.split())


def test_an_encounter_leaves_the_drug_out_of_the_physicians_total(pricer: Any) -> None:
    alone = pricer.price("99223", zip_code="10001", date_of_service=DAY, setting="21")
    both = pricer.price_encounter(
        ["99223", "J1569"], zip_code="10001", date_of_service=DAY, setting="21", units=[1, 60]
    )
    assert both.totals["facility"].total == alone.sites[0].total, both.totals
    assert both.lines[1].sites[0].reason == DRUG_AT_FACILITY_REASON
