"""`rvucalc price --paid-for`: what --percent-of-medicare's contract is of, as batch's --paid-for (one rule,
lookup.paid_for).

An analyst's trial: `price 29881 --zip 10001 --date 2025-11-10 --setting 22 --percent-of-medicare 120` gave the
hospital's site contract as 120% of the hospital's payment plus the physician's fee ($5,378.60); a physician group's
contract is on the professional fee alone (120% x $626.66 = $751.99), which batch's `--paid-for professional` gave and
price had no option for. And for a 2026 date (OPPS 2026 not installed) the contract disappeared although the
physician's fee there was shown: a professional contract needs the PFS alone.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer, Scenario
from rvucalc.cli import app

runner = CliRunner()
PERCENT = Decimal(120)
# A CMS place of service -> the single lookup's site (engine.place_of_service): office, hospital outpatient
# department, ASC, and an inpatient stay (no facility payment rvucalc prices: the PFS facility amount).
SITES = {"11": "office", "22": "hopd", "24": "asc", "21": "facility"}
CODES = ["29881", "99213", "27447", "45378", "66984"]
DATES = ["2025-11-10", "2026-01-10"]  # the second: OPPS 2026 not installed, the physician's fee priced


def _percent(amount: Decimal | None) -> Decimal | None:
    if amount is None:
        return None
    return (amount * PERCENT / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _money(text: Any) -> Decimal | None:
    return None if text in (None, "") else Decimal(str(text)).quantize(Decimal("0.01"))


def _price_csv(*options: str) -> dict[str, str]:
    result = runner.invoke(app, ["price", "29881", "--zip", "10001", "--setting", "22", "--percent-of-medicare",
                                 str(PERCENT), "-f", "csv", *options])  # fmt: skip
    assert result.exit_code == 0, result.output
    return next(csv.DictReader(io.StringIO(result.stdout)))


def test_a_physician_group_s_contract_is_on_the_professional_fee() -> None:
    row = _price_csv("--date", "2025-11-10", "--paid-for", "professional")
    # the physician's claim at the hospital: the PFS facility amount (CMS's RVUs, GPCIs and CF)
    assert _money(row["site_hopd_professional_payment"]) == _money(row["facility_amount"])
    assert _money(row["site_hopd_contract_amount"]) == _percent(_money(row["facility_amount"]))
    assert _money(row["site_hopd_contract_amount"]) < _money(row["site_hopd_total"])


def test_a_hospital_s_contract_is_on_its_opps_payment_and_the_default_on_the_site_s_total() -> None:
    row = _price_csv("--date", "2025-11-10", "--paid-for", "facility")
    assert _money(row["site_hopd_contract_amount"]) == _percent(_money(row["opps_rate"]))
    row = _price_csv("--date", "2025-11-10")
    assert _money(row["site_hopd_contract_amount"]) == _percent(_money(row["site_hopd_total"]))


def test_a_professional_contract_needs_the_pfs_alone_where_the_opps_year_is_not_installed() -> None:
    row = _price_csv("--date", "2026-01-10", "--paid-for", "professional")
    assert row["site_hopd_status"] == "not_priced"
    assert _money(row["site_hopd_contract_amount"]) == _percent(_money(row["facility_amount"]))


def test_paid_for_is_read_as_batch_reads_it_and_goes_with_a_contract() -> None:
    result = runner.invoke(app, ["price", "29881", "--zip", "10001", "--percent-of-medicare", "120", "--paid-for",
                                 "bogus"])  # fmt: skip
    assert result.exit_code == 2 and "choose site, professional or facility" in result.output
    result = runner.invoke(app, ["price", "29881", "--zip", "10001", "--paid-for", "professional"])
    assert result.exit_code == 2 and "--percent-of-medicare" in result.output
    result = runner.invoke(app, ["price", "29881", "--zip", "10001", "--percent-of-medicare", "120", "--paid-for",
                                 " Professional ", "-f", "csv"])  # fmt: skip
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("paid_for", ["site", "professional", "facility"])
def test_price_and_batch_agree_on_the_contract_at_every_place(pricer: Any, paid_for: str) -> None:
    lines = [(code, pos, date) for code in CODES for pos in SITES for date in DATES]
    table = pa.table({"code": [c for c, _, _ in lines], "setting": [p for _, p, _ in lines],
                      "zip": ["10001"] * len(lines), "date": [d for _, _, d in lines]})  # fmt: skip
    scenario = Scenario.parse(None, None, str(PERCENT), paid_for)
    rows = BatchPricer(pricer, scenario=scenario).price_table(table).to_pylist()
    compared = 0
    for (code, pos, date), row in zip(lines, rows, strict=True):
        single = pricer.price(code, zip_code="10001", date_of_service=date, setting=pos,
                              percent_of_medicare=PERCENT, paid_for=paid_for)  # fmt: skip
        (site,) = [site for site in single.sites if site.setting == SITES[pos]]
        assert _money(row["contract_amount"]) == site.contract_amount, (code, pos, date, paid_for)
        compared += site.contract_amount is not None
    assert compared >= len(CODES) * 2


def test_an_encounter_s_professional_contract_is_totalled_where_the_hospital_s_total_is_not_priced(
    pricer: Any,
) -> None:
    encounter = pricer.price_encounter(["29881", "20610"], zip_code="10001", date_of_service="2026-01-10",
                                       setting="22", percent_of_medicare=PERCENT, paid_for="professional")  # fmt: skip
    total = encounter.totals["hopd"]
    assert not total.payable  # OPPS 2026 not installed
    fees = [line.sites[0].professional_payment for line in encounter.lines]
    assert [line.sites[0].contract_amount for line in encounter.lines] == [_percent(fee) for fee in fees]
    assert total.contract_amount == sum((_percent(fee) for fee in fees), Decimal("0.00"))


@pytest.mark.parametrize(("codes", "pos", "date"), [
    (["J9271", "80053", "96413"], "11", "2026-07-02"),  # the office: a drug and a lab are the physician's claim
    (["27447", "J9271"], "22", "2026-07-02"),  # the hospital's drug is no physician's claim: $0.00 of it
    (["27447", "96413"], "22", "2026-07-02"),
])  # fmt: skip
def test_a_professional_contract_counts_what_batch_counts_drugs_and_labs_included(
    pricer: Any, codes: list[str], pos: str, date: str
) -> None:
    """A second review: price's office drug and lab lines had no professional contract (batch: 65.70 and 11.62), and
    one drug line at a hospital whose OPPS year is not installed left the encounter's total contract empty."""
    table = pa.table({"claim": ["C"] * len(codes), "code": codes, "setting": [pos] * len(codes),
                      "zip": ["10001"] * len(codes), "date": [date] * len(codes)})  # fmt: skip
    scenario = Scenario.parse(None, None, str(PERCENT), "professional")
    rows = BatchPricer(pricer, scenario=scenario).price_table(table).to_pylist()
    encounter = pricer.price_encounter(codes, zip_code="10001", date_of_service=date, setting=pos,
                                       percent_of_medicare=PERCENT, paid_for="professional")  # fmt: skip
    for line, row in zip(encounter.lines, rows, strict=True):
        assert line.sites[0].contract_amount == _money(row["contract_amount"]), line.code
    expected = sum((_money(row["contract_amount"]) or Decimal("0.00") for row in rows), Decimal("0.00"))
    assert encounter.totals[SITES[pos]].contract_amount == expected
    assert expected > 0


@pytest.mark.parametrize(("paid_for", "words"), [
    (None, "the site's total x"), ("professional", "professional fee (the physician's claim: --paid-for professional)"),
    ("facility", "facility payment (the total less the physician's claim: --paid-for facility)"),
])  # fmt: skip
def test_the_contract_says_what_it_is_of(paid_for: str | None, words: str) -> None:
    """A second review: the table's caption said "the site's total x --percent-of-medicare" whatever --paid-for, and
    JSON did not say it: ``contract_of``."""
    options = ["--paid-for", paid_for] if paid_for else []
    base = ["price", "29881", "--zip", "10001", "--date", "2025-11-10", "--setting", "22"]
    base += ["--percent-of-medicare", "120"]
    result = runner.invoke(app, [*base, *options], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    assert words in result.stdout, result.stdout
    found = runner.invoke(app, [*base, *options, "-f", "json"])
    assert json.loads(found.stdout)["contract_of"] == (paid_for or "site")
