"""`rvucalc price` and `rvucalc batch` give an encounter (a claim) the same totals and say the same thing.

Three reviews: `price 27447 20610 --setting 11` was not payable (exit 1) where batch's claim total was 20610's amount;
`price 96372 J1885 --setting office -f json` gave J1885's line no professional_payment while the Professional total had
it; and beside a line whose physician's fee the MAC prices (0106T, PFS status C) a hospital's or ASC's Professional
total was a known sum while its contract was empty, and said nothing of 0106T (batch: the sum of the priced rows, and
a contract on them).

Amounts are CMS's: PFREV4/PFREV25C (CMS's 2025 payment files: locality 1011200's 99213 and 96372) and the ASP file's
payment limit (J1885: $0.333 a 15 MG unit).
"""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from conftest import TEST_DATA
from rvucalc.batch.price import BatchPricer, Scenario
from rvucalc.cli import app

runner = CliRunner()
LOCALITY = "1011200"
JANUARY_2025 = "2025-01-15"
PERCENT = Decimal(120)


def _cms_fee(code: str, column: str) -> Decimal:
    """CMS's published 2025 fee for ``code`` at carrier 10112, locality 00 (``non_facility`` or ``facility``)."""
    for path in sorted((TEST_DATA / "pfs_payment_files").iterdir()):
        with path.open(newline="", encoding="cp1252") as handle:
            for fields in csv.reader(handle):
                if fields[1:5] == ["10112", "00", code, "  "]:
                    return Decimal(fields[5] if column == "non_facility" else fields[6]).quantize(Decimal("0.01"))
    raise AssertionError(f"{code} is not in CMS's payment files")


def _money(text: Any) -> Decimal | None:
    return None if text in (None, "") else Decimal(str(text)).quantize(Decimal("0.01"))


def _percent(amount: Decimal) -> Decimal:
    return (amount * PERCENT / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _batch(tmp_path: Path, codes: list[str], pos: str, date: str, *options: str) -> tuple[list[dict[str, str]], Any]:
    source = tmp_path / "claims.csv"
    source.write_text("claim_id,code,pos,locality,dos\n" + "".join(f"C1,{code},{pos},{LOCALITY},{date}\n"
                                                                    for code in codes))  # fmt: skip
    output, summary = tmp_path / "out.csv", tmp_path / "summary.json"
    result = runner.invoke(app, ["batch", str(source), "-o", str(output), "--summary", str(summary), "-q", *options])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(output.open())), json.loads(summary.read_text())


def _price(codes: list[str], pos: str, date: str, *options: str) -> tuple[Any, Any]:
    result = runner.invoke(app, ["price", *codes, "--locality", LOCALITY, "--setting", pos, "--date", date,
                                 "-f", "json", *options])  # fmt: skip
    return result, json.loads(result.stdout)


@pytest.mark.parametrize("codes", [["22590", "99213"], ["66984", "96372"]])
def test_an_office_encounter_totals_its_paid_lines_as_batch_s_claim(tmp_path: Path, codes: list[str]) -> None:
    """22590 and 66984 are not priced in the office (PE RVU 'NA'); the E/M or injection beside them is paid there, on
    its own line, and its CMS fee is the office's total, as batch's claim total, which counts the other unpriced."""
    paid = _cms_fee(codes[1], "non_facility")
    result, encounter = _price(codes, "11", JANUARY_2025)
    assert result.exit_code == 0, result.output  # was 1: "The encounter is not payable here"
    office = encounter["totals"]["office"]
    assert office["payable"] and _money(office["total"]) == paid
    assert _money(office["professional_payment"]) == paid
    assert codes[0] in office["reason"] and "leaves out" in office["reason"] and "'NA'" in office["reason"]
    assert f"{codes[0]} has no amount here" in result.stderr
    rows, summary = _batch(tmp_path, codes, "11", JANUARY_2025)
    claim = summary["claims"]["C1"]
    assert _money(claim["allowed"]) == paid and claim["unpriced"] == 1
    assert _money(claim["beneficiary"]) == _money(office["beneficiary"])
    assert _money(claim["medicare"]) == _money(office["medicare"])
    assert "'NA'" in rows[0]["note"] and rows[0]["allowed"] == ""


def test_an_encounter_compared_across_sites_totals_the_office_s_paid_lines_as_setting_office() -> None:
    """Without --setting (every site shown) the office total is the office claim's, as `--setting 11`'s: 99213's CMS
    fee, 22590 ('NA' in the office) left out and named (an ENT trial: the all-sites view said "not payable")."""
    result = runner.invoke(app, ["price", "22590", "99213", "--locality", LOCALITY, "--date", JANUARY_2025, "-f",
                                 "json"])  # fmt: skip
    office = json.loads(result.stdout)["totals"]["office"]
    assert office["payable"] and _money(office["total"]) == _cms_fee("99213", "non_facility")
    assert office["reason"] == _price(["22590", "99213"], "11", JANUARY_2025)[1]["totals"]["office"]["reason"]
    assert "22590: " in office["reason"] and "'NA'" in office["reason"]


def test_an_office_drug_line_s_professional_payment_is_the_physician_s_claim(tmp_path: Path) -> None:
    """J1885 in the office is on the physician's claim: its line's professional_payment is its allowed amount (the ASP
    file's $0.333 a unit), the lines add up to the Professional total, and batch's professional_allowed says so too."""
    codes, date = ["96372", "J1885"], "2026-07-15"
    result, encounter = _price(codes, "11", date)
    assert result.exit_code == 0, result.output
    lines = [line["sites"][0] for line in encounter["lines"]]
    assert _money(lines[1]["professional_payment"]) == _money(lines[1]["total"]) == Decimal("0.33")
    total = encounter["totals"]["office"]
    assert sum(_money(line["professional_payment"]) for line in lines) == _money(total["professional_payment"])
    rows, _ = _batch(tmp_path, codes, "11", date)
    assert [_money(row["professional_allowed"]) for row in rows] == [_money(line["professional_payment"])
                                                                     for line in lines]  # fmt: skip


@pytest.mark.parametrize(("pos", "date"), [("24", JANUARY_2025), ("22", "2026-07-15"), ("24", "2026-07-15")])
def test_a_professional_total_beside_a_mac_priced_line_has_its_contract_and_says_so(
    tmp_path: Path, pos: str, date: str
) -> None:
    """99213 beside 0106T (PFS status C) where the site's total is not payable or not priced: the Professional total is
    99213's PFS facility fee, its contract 120% of it, and the total names 0106T as left out, as batch's claim."""
    codes = ["99213", "0106T"]
    options = ("--paid-for", "professional", "--percent-of-medicare", str(PERCENT))
    _, encounter = _price(codes, pos, date, *options)
    site = next(iter(encounter["totals"].values()))
    assert not site["payable"]
    fee = _money(encounter["lines"][0]["sites"][0]["professional_payment"])
    if date == JANUARY_2025:
        assert fee == _cms_fee("99213", "facility")
    assert _money(site["professional_payment"]) == fee
    assert _money(site["contract_amount"]) == _percent(fee)  # was None: "not priced" beside a known total
    assert "0106T" in site["reason"] and "MAC" in site["reason"] and site["lines_priced_by_mac"] == 1
    rows, summary = _batch(tmp_path, codes, pos, date, *options)
    claim = summary["claims"]["C1"]
    assert _money(claim["professional_allowed"]) == fee
    assert sum(_money(row["contract_amount"]) or Decimal(0) for row in rows) == _money(site["contract_amount"])
    assert rows[1]["professional_allowed"] == "" and "MAC" in rows[1]["note"]


def test_the_mac_priced_line_is_counted_in_the_professional_cell() -> None:
    result = runner.invoke(app, ["price", "99213", "0106T", "--locality", LOCALITY, "--setting", "24", "--date",
                                 JANUARY_2025], env={"COLUMNS": "200"})  # fmt: skip
    assert "+ 1 line the MAC prices" in result.stdout


@pytest.mark.parametrize("pos", ["22", "24"])
def test_the_contract_agrees_with_batch_on_the_pricer(pricer: Any, pos: str) -> None:
    """The same through the library (lookup.pricer and batch.price): line by line and in total."""
    codes = ["99213", "0106T"]
    table = pa.table({"claim": ["C"] * 2, "code": codes, "setting": [pos] * 2, "locality": [LOCALITY] * 2,
                      "date": [JANUARY_2025] * 2})  # fmt: skip
    scenario = Scenario.parse(None, None, str(PERCENT), "professional")
    rows = BatchPricer(pricer, scenario=scenario).price_table(table).to_pylist()
    encounter = pricer.price_encounter(codes, locality=LOCALITY, date_of_service=JANUARY_2025, setting=pos,
                                       percent_of_medicare=PERCENT, paid_for="professional")  # fmt: skip
    for line, row in zip(encounter.lines, rows, strict=True):
        assert line.sites[0].contract_amount == _money(row["contract_amount"]), line.code
    total = next(iter(encounter.totals.values()))
    assert total.contract_amount == sum((_money(row["contract_amount"]) or Decimal(0) for row in rows), Decimal(0))


def test_an_office_total_leaves_out_the_na_line_beside_a_mac_priced_line_as_batch(tmp_path: Path) -> None:
    """A review: `price 27447 0106T 20610 --setting 11` was not payable (exit 1, 0106T listed as "Not payable") where
    batch's claim total was 20610's amount with 2 unpriced lines (11102 here: CMS's payment file excerpt has it).
    27447 (PE RVU 'NA') is left out; the others are totalled the usual way: 0106T (status C, multiple procedure
    indicator 0: no rule ranks it) left out and named, so the total is 11102's CMS fee, "+ 1 line the MAC prices"."""
    codes = ["27447", "0106T", "11102"]
    paid = _cms_fee("11102", "non_facility")
    result, encounter = _price(codes, "11", JANUARY_2025)
    assert result.exit_code == 0, result.output
    office = encounter["totals"]["office"]
    assert office["payable"] and office["status"] == "priced" and _money(office["total"]) == paid
    assert office["lines_priced_by_mac"] == 1
    assert "27447: " in office["reason"] and "'NA'" in office["reason"] and "0106T" in office["reason"]
    assert "Not payable for" not in office["reason"]
    _, summary = _batch(tmp_path, codes, "11", JANUARY_2025)
    claim = summary["claims"]["C1"]
    assert _money(claim["allowed"]) == paid and claim["unpriced"] == 2
    assert _money(claim["beneficiary"]) == _money(office["beneficiary"])
    assert _money(claim["medicare"]) == _money(office["medicare"])
    table = runner.invoke(app, ["price", *codes, "--locality", LOCALITY, "--setting", "11", "--date", JANUARY_2025],
                          env={"COLUMNS": "200"})  # fmt: skip
    assert table.exit_code == 0 and "+ 1 line the MAC prices" in table.stdout


def test_an_office_total_beside_an_na_line_stays_not_priced_where_the_mac_line_ranks_with_the_others(
    tmp_path: Path,
) -> None:
    """0510T (status C) ranks with 11102 (multiple procedure indicator 2 both): its fee may be the one paid in full, so
    the total stays not priced once 27447 ('NA') is left out, as `price 0510T 11102` (batch: the claim's mac_ranked)."""
    codes = ["27447", "0510T", "11102"]
    result, encounter = _price(codes, "11", JANUARY_2025)
    office = encounter["totals"]["office"]
    assert result.exit_code == 1 and not office["payable"] and office["total"] is None
    assert office["status"] == "not_priced" and "0510T" in office["reason"] and "27447" in office["reason"]
    _, summary = _batch(tmp_path, codes, "11", JANUARY_2025)
    assert summary["claims"]["C1"]["mac_ranked"] == 1
