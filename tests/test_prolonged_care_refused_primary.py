"""A prolonged add-on (G0316-G0318) whose only primary is left unpaid another way than the same-day hospital care
rules: denied (GY, GZ or EY on it: ``engine.modifiers.denied``, an error line in price and batch alike) or an E/M-57
beside a minor procedure ($0.00, Claims Processing Manual ch. 12 §30.6.6.C). G0316-G0318 are Type I add-ons (CR 7501,
Transmittal 2636: never paid unless a listed primary is paid), as G2211 (``visits.G2211_VISIT_UNPAID_RULE``): $0.00
with ``visits.prolonged_primary_refused_rule``, not "no primary, priced as given"; in price and batch alike. The other
lines keep CMS's amounts (the RVU file's at Atlanta's GPCIs)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine import visits
from rvucalc.lookup.pricer import Pricer
from test_physician_claims_at_facilities import pfs_amount

DATE, ZIP, ATLANTA = "2026-08-10", "30309", "1021201"
SETTING = {"G0316": ("21", "facility"), "G0317": ("31", "facility"), "G0318": ("12", "non_facility")}


def _price(codes: list[str], setting: str) -> dict[str, Any]:
    """``rvucalc price CODES -f json``: the denied line an error (exit 1), the others priced."""
    out = CliRunner().invoke(app, ["price", *codes, "--zip", ZIP, "--date", DATE, "--setting", setting, "-f", "json"])
    assert out.exit_code == 1, out.output
    found: dict[str, Any] = json.loads(out.stdout)
    return found


def _batch(pricer: Pricer, codes: list[str], setting: str) -> list[dict[str, Any]]:
    table = pa.Table.from_pylist([{"claim": "A", "code": code, "zip": ZIP, "date": DATE, "setting": setting}
                                  for code in codes])  # fmt: skip
    return BatchPricer(pricer).price_table(table).to_pylist()


@pytest.mark.parametrize(
    ("codes", "add_on"),
    [
        (["99223-GY", "G0316"], "G0316"),  # the review's: G0316 paid as "no primary, priced as given"
        (["99233-GZ", "G0316"], "G0316"),
        (["99310-EY", "G0317"], "G0317"),
        (["99350-GY", "G0318", "20610"], "G0318"),
    ],
)
def test_a_prolonged_add_on_beside_its_only_primary_denied_is_not_paid(
    pricer: Pricer, codes: list[str], add_on: str
) -> None:
    setting, column = SETTING[add_on]
    found = _price(codes, setting)
    priced = {line["code"]: line for line in found["lines"]}
    assert add_on in priced and len(priced) == len(codes) - 1
    prolonged = priced[add_on]
    assert all(Decimal(str(site["allowed"])) == 0 for site in prolonged["sites"])
    rule = visits.prolonged_primary_refused_rule(add_on)
    assert rule in prolonged["notes"]
    assert visits.prolonged_without_primary_note(add_on) not in prolonged["notes"]
    for code, line in priced.items():
        if code != add_on:  # the other line: CMS's amount
            cms = pfs_amount(pricer, code, "", column, DATE, ATLANTA)
            assert [Decimal(str(site["allowed"])) for site in line["sites"]] == [cms]
    rows = _batch(pricer, codes, setting)
    for code, row in zip(codes, rows, strict=True):
        if "-" in code:
            assert row["error_kind"] == "denied"
        elif code == add_on:
            assert Decimal(str(row["allowed"])) == 0 and Decimal(str(row[f"pfs_{column}_amount"])) == 0
            assert rule in str(row["note"])
            assert visits.prolonged_without_primary_note(add_on) not in str(row["note"])
        else:
            assert Decimal(str(row["allowed"])) == pfs_amount(pricer, code, "", column, DATE, ATLANTA)


@pytest.mark.parametrize("codes", [["99223-57", "G0316", "11042"], ["99223-57", "G0316", "11042", "99233"]])
def test_a_prolonged_add_on_beside_an_e_m_57_next_to_a_minor_procedure_is_not_paid(
    pricer: Pricer, codes: list[str]
) -> None:
    """99223-57 beside 11042 (000 global days): the visit is $0.00 (EM_57_BESIDE_MINOR_RULE), so is its G0316 (with
    99233 too: part of the initial day, $0.00); 11042 keeps CMS's amount. Price and batch alike."""
    single = pricer.price_encounter(codes, zip_code=ZIP, setting="21", date_of_service=DATE).lines
    rows = _batch(pricer, codes, "21")
    assert single[0].pfs.facility.amount == Decimal("0.00") == rows[0]["allowed"]
    assert single[1].pfs.facility.amount == Decimal("0.00") == rows[1]["allowed"]
    assert single[1].pfs.non_facility.amount == Decimal("0.00")
    rule = visits.prolonged_primary_refused_rule("G0316")
    assert rule in single[1].notes and rule in str(rows[1]["note"])
    assert [a.rule for a in single[1].pfs.facility.adjustments][-1] == rule
    cms = pfs_amount(pricer, "11042", "", "facility", DATE, ATLANTA)
    assert single[2].pfs.facility.amount == cms == rows[2]["allowed"]


@pytest.mark.parametrize("codes", [["99233-GY", "99223", "G0316"], ["99223-57", "99223", "G0316", "11042"]])
def test_a_prolonged_add_on_with_another_primary_paid_keeps_cms_s_amount(pricer: Pricer, codes: list[str]) -> None:
    """One primary denied or an E/M-57 beside a minor procedure, another paid: G0316 is paid (CMS's amount)."""
    rows = _batch(pricer, codes, "21")
    cms = pfs_amount(pricer, "G0316", "", "facility", DATE, ATLANTA)
    assert Decimal(str(rows[codes.index("G0316")]["allowed"])) == cms
    if not any("-GY" in code for code in codes):
        single = pricer.price_encounter(codes, zip_code=ZIP, setting="21", date_of_service=DATE).lines
        assert single[codes.index("G0316")].pfs.facility.amount == cms


def test_the_engine_rule_per_line() -> None:
    refused = visits.prolonged_primary_refused_rule("G0316")
    same_day = visits.prolonged_primary_unpaid_rule("G0316")
    rules = visits.prolonged_primary_unpaid_rules
    assert rules(["G0316"], [None], None, ["99223"]) == [refused]
    assert rules(["G0316"], [None], None, ["99213"]) == [None]
    assert rules(["99223", "G0316"], [None, None], [True, False]) == [None, refused]
    assert rules(["99223", "99233", "G0316"], ["x", None, None], [False, True, False]) == ["x", None, refused]
    assert rules(["99223", "99233", "G0316"], ["x", None, None], [False, False, False]) == ["x", None, None]
    assert rules(["99233", "G0316"], ["x", None]) == ["x", same_day]
    assert rules(["99233", "G0316"], [None, None], None, ["99223"]) == [None, None]  # its paid primary on the claim
