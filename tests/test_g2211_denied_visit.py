"""G2211 whose only visit is denied (GY, GZ, EY on it: ``engine.modifiers.denied``): the visit is an error line in
``rvucalc price`` (``DeniedLineError``: the others priced without it) and ``rvucalc batch`` (an error row), and G2211
is not paid with it, $0.00 with ``visits.G2211_VISIT_UNPAID_RULE`` (an add-on is paid only with its paid primary
service: MLN MM13473; Transmittal 2636, CR 7501), not "no visit, priced as given". Price and batch agree."""

from __future__ import annotations

import json
from decimal import Decimal

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine import visits
from rvucalc.lookup.pricer import DeniedLineError, Pricer

ZIP = "10001"
DATE = "2026-03-10"


@pytest.fixture(scope="module")
def pricer() -> Pricer:
    return Pricer()


def _alone(pricer: Pricer, code: str, setting: str, provider: str = "physician") -> Decimal:
    """CMS's own PFS amount of the code alone (the shipped RVU file) in the setting."""
    pfs = pricer.price(code, zip_code=ZIP, date_of_service=DATE, setting=setting, provider=provider).pfs
    found = pfs.facility if setting == "21" else pfs.non_facility
    assert found is not None and found.amount > 0
    return found.amount


def _price(codes: list[str], setting: str) -> dict:
    """``rvucalc price CODES -f json``: the denied line an error (exit 1), the others priced."""
    out = CliRunner().invoke(app, ["price", *codes, "--zip", ZIP, "--date", DATE, "--setting", setting, "-f", "json"])
    assert out.exit_code == 1, out.output
    found: dict = json.loads(out.stdout)
    return found


def _batch(pricer: Pricer, lines: list[tuple[str, str, str, str]]) -> list[dict]:
    """Batch rows of (claim, code, place of service, provider credential) lines on DATE."""
    table = pa.Table.from_pylist([{"claim": claim, "code": code, "zip": ZIP, "date": DATE, "setting": pos,
                                   "provider": who} for claim, code, pos, who in lines])  # fmt: skip
    return BatchPricer(pricer).price_table(table).to_pylist()


@pytest.mark.parametrize(
    ("codes", "setting"),
    [(["99213-GY", "G2211", "20610"], "11"), (["99223", "99213-GY", "G2211"], "21"), (["99214-GZ", "G2211"], "11")],
)
def test_g2211_beside_its_only_visit_denied_is_not_paid_in_price_and_batch(
    pricer: Pricer, codes: list[str], setting: str
) -> None:
    """A review: `price 99213-GY G2211 20610 --setting 11` paid G2211 $19.39 (and batch the same), `price 99223
    99213-GY G2211 --setting 21` $15.89: the denied visit was dropped and G2211 read as "no visit, priced as given"."""
    found = _price(codes, setting)
    priced = {line["code"]: line for line in found["lines"]}
    assert visits.G2211 in priced and len(priced) == len(codes) - 1
    g2211 = priced[visits.G2211]
    assert all(Decimal(str(site["allowed"])) == 0 for site in g2211["sites"])
    assert visits.G2211_VISIT_UNPAID_RULE in g2211["notes"]
    assert not any(visits.g2211_without_visit_note(2026) == note for note in g2211["notes"])
    for code, line in priced.items():
        if code != visits.G2211:
            assert [Decimal(str(site["allowed"])) for site in line["sites"]] == [_alone(pricer, code, setting)]
    rows = _batch(pricer, [("A", code, setting, "MD") for code in codes])
    for code, row in zip(codes, rows, strict=True):
        if "-" in code:
            assert row["error_kind"] == "denied"
        elif code == visits.G2211:
            assert Decimal(str(row["allowed"])) == 0 and Decimal(str(row["pfs_facility_amount"])) == 0
            assert visits.G2211_VISIT_UNPAID_RULE in row["note"]
        else:
            assert Decimal(str(row["allowed"])) == _alone(pricer, code, setting)


def test_g2211_keeps_its_amount_beside_a_paid_visit_or_another_practitioner_s_denied_one(pricer: Pricer) -> None:
    """A denied visit beside a paid one: G2211 goes with the paid one (CMS's own amount). An MD's denied visit beside
    an NP's G2211: the NP has no visit of their own, "no visit, priced as given" (the NP's amount alone)."""
    rows = _batch(pricer, [("B", "99213-GY", "11", "MD"), ("B", "99214", "11", "MD"), ("B", "G2211", "11", "MD"),
                           ("C", "99213-GY", "11", "MD"), ("C", "G2211", "11", "NP")])  # fmt: skip
    assert Decimal(str(rows[2]["allowed"])) == _alone(pricer, "G2211", "11") == Decimal("19.39")
    assert visits.G2211_VISIT_UNPAID_RULE not in rows[2]["note"]
    assert Decimal(str(rows[4]["allowed"])) == _alone(pricer, "G2211", "11", "np")
    assert visits.g2211_without_visit_note(2026) in rows[4]["note"]
    found = _price(["99213-GY", "99214", "G2211"], "11")
    g2211 = found["lines"][-1]
    assert [Decimal(str(site["allowed"])) for site in g2211["sites"]] == [Decimal("19.39")]


def test_the_caller_names_the_denied_lines_it_dropped(pricer: Pricer) -> None:
    """``Pricer.price_encounter`` refuses the denied line (``DeniedLineError``); the call that prices the others (the
    CLI's) names it (``denied=``): G2211 is then $0.00; priced alone, with no such word, "no visit, priced as given".
    (No state is kept between calls.)"""
    with pytest.raises(DeniedLineError) as refused:
        pricer.price_encounter(["99213-GY", "G2211"], zip_code=ZIP, date_of_service=DATE, setting="11")
    assert (refused.value.line, refused.value.index) == (1, 0)  # the first code: line 1, as the CLI says it
    again = pricer.price_encounter(
        ["G2211"], zip_code=ZIP, date_of_service=DATE, setting="11", denied=["99213-GY"]
    ).lines[0]
    assert again.pfs.non_facility is not None and again.pfs.non_facility.amount == 0
    assert visits.G2211_VISIT_UNPAID_RULE in again.notes
    later = pricer.price_encounter(["G2211"], zip_code=ZIP, date_of_service=DATE, setting="11").lines[0]
    assert later.pfs.non_facility is not None and later.pfs.non_facility.amount == Decimal("19.39")
    assert visits.g2211_without_visit_note(2026) in later.notes


def test_g2211_outcomes_with_denied_visits() -> None:
    outcomes = visits.g2211_outcomes
    assert outcomes([("G2211", [])], 2026, denied=["99213"]) == ["unpaid"]
    assert outcomes([("G2211", [])], 2026, denied=["99347"]) == ["unpaid"]  # a home visit from 2026
    assert outcomes([("G2211", [])], 2025, denied=["99347"]) == ["alone"]
    assert outcomes([("G2211", [])], 2026, denied=["98940"]) == ["alone"]
    assert outcomes([("99214", []), ("G2211", [])], 2026, denied=["99213"]) == [None, None]
