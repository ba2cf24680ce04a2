"""A visit on a later date of a claim, inside the global period of one of its procedures (Claims Processing Manual
ch. 12 §40.1, §40.2): batch notes it (``batch.global_period``); ``rvucalc price`` sees one date."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pytest

from rvucalc.batch.global_period import postoperative_visit_note
from rvucalc.batch.price import BatchPricer
from rvucalc.lookup.pricer import Pricer

RVU26C = Path(__file__).resolve().parents[1] / "data" / "rvu" / "2026" / "PPRRVU2026_Jul_nonQPP.csv"
ZIP = "33606"


@pytest.fixture(scope="module")
def pricer() -> Pricer:
    return Pricer()


def _global_days(code: str) -> str:
    """CMS's "GLOB DAYS" of the code's row without a modifier in the RVU file (RVU26C)."""
    with RVU26C.open(encoding="latin-1", newline="") as handle:
        return next(row for row in csv.reader(handle) if row[:2] == [code, ""])[14]


def _priced(pricer: Pricer, lines: list[tuple[str, str, str, str]]) -> dict[tuple[str, str, str], dict]:
    rows = [{"claim": claim, "code": code, "zip": ZIP, "date": date, "setting": "11", "provider": provider}
            for claim, code, date, provider in lines]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    return {(given["claim"], given["code"], given["date"]): row for given, row in zip(rows, out, strict=True)}


def _alone(pricer: Pricer, code: str, date: str) -> Decimal:
    return pricer.price(code, zip_code=ZIP, date_of_service=date, setting="11").sites[0].total


def test_a_visit_17_days_after_a_090_procedure_of_its_claim_is_noted_and_priced_as_given(pricer: Pricer) -> None:
    """The dermatology trial's postop.csv, encounter P3: 14040 (global 090 in CMS's RVU file) on 2026-08-03 and 99214
    without a modifier on 2026-08-20, one claim: the visit was priced with an empty note. Now noted, naming the
    procedure, its date and global period; its amount is the visit's own, as the same-day rule leaves a bare visit."""
    assert _global_days("14040") == "090"
    out = _priced(pricer, [("P3", "14040", "2026-08-03", "MD"), ("P3", "99214", "2026-08-20", "MD"),
                           ("P2", "11602", "2026-08-03", "MD"), ("P1", "99213", "2026-08-07", "MD")])  # fmt: skip
    visit = out[("P3", "99214", "2026-08-20")]
    note = postoperative_visit_note("14040", dt.date(2026, 8, 3), "090")
    assert note in visit["note"].split("; ") and "; " not in note
    assert "14040 of 2026-08-03" in note and "global 090" in note and "modifier 24" in note
    assert Decimal(str(visit["allowed"])) == _alone(pricer, "99214", "2026-08-20")
    assert "postoperative period" not in out[("P3", "14040", "2026-08-03")]["note"]
    assert "postoperative period" not in out[("P1", "99213", "2026-08-07")]["note"]  # P2's procedure: another claim


@pytest.mark.parametrize(
    ("procedure", "date", "noted"),
    [("11602", "2026-08-04", True), ("11602", "2026-08-13", True), ("11602", "2026-08-14", False),
     ("14040", "2026-11-01", True), ("14040", "2026-11-02", False), ("20610", "2026-08-04", False)],
)  # fmt: skip
def test_the_postoperative_period_is_the_10_or_90_days_after_the_procedure_s_date(
    pricer: Pricer, procedure: str, date: str, noted: bool
) -> None:
    """§40.1: the day of the procedure and the 10 (global 010) or 90 (090) days immediately following it; a 000
    procedure has no postoperative period. CMS's global days of the codes are read from the RVU file."""
    days = _global_days(procedure)
    assert days == {"11602": "010", "14040": "090", "20610": "000"}[procedure]
    out = _priced(pricer, [("A", procedure, "2026-08-03", "MD"), ("A", "99213", date, "MD")])
    said = [part for part in out[("A", "99213", date)]["note"].split("; ") if "postoperative period of" in part]
    assert said == ([postoperative_visit_note(procedure, dt.date(2026, 8, 3), days)]
                    if noted else [])  # fmt: skip
    assert Decimal(str(out[("A", "99213", date)]["allowed"])) == _alone(pricer, "99213", date)


def test_a_postoperative_visit_with_24_or_ft_or_by_another_practitioner_is_not_noted(pricer: Pricer) -> None:
    """Modifier 24 (and FT) says the visit is unrelated to the surgery (§40.2); an NP's visit on a physician's claim
    is not the surgeon's (the same-day rule's practitioner); a visit on the procedure's own day keeps the same-day
    rule's note alone."""
    out = _priced(pricer, [("B", "14040", "2026-08-03", "MD"), ("B", "99213-24", "2026-08-10", "MD"),
                           ("B", "99214-FT", "2026-08-11", "MD"), ("B", "99212", "2026-08-12", "NP"),
                           ("B", "99215", "2026-08-03", "MD")])  # fmt: skip
    for key in (("B", "99213-24", "2026-08-10"), ("B", "99214-FT", "2026-08-11"), ("B", "99212", "2026-08-12"),
                ("B", "99215", "2026-08-03")):  # fmt: skip
        assert "postoperative period of" not in out[key]["note"], key
    assert "Global surgery package" in out[("B", "99215", "2026-08-03")]["note"]  # the same-day rule's


def test_the_latest_procedure_whose_period_holds_the_visit_is_named(pricer: Pricer) -> None:
    """Two procedures before the visit: the later one's period is named (11602 of 2026-08-10, global 010), the 090
    one's otherwise."""
    out = _priced(pricer, [("C", "14040", "2026-08-03", "MD"), ("C", "11602", "2026-08-10", "MD"),
                           ("C", "99213", "2026-08-15", "MD"), ("C", "99214", "2026-08-25", "MD")])  # fmt: skip
    assert "11602 of 2026-08-10" in out[("C", "99213", "2026-08-15")]["note"]
    assert "14040 of 2026-08-03" in out[("C", "99214", "2026-08-25")]["note"]
