"""Dates of service with the month's name ('5-Mar-2026', '05MAR2026', 'Mar 5, 2026'), as lab systems, SAS and reports
export them (a pathology lab's trial: '5-Mar-2026' was refused as "not a date"). The name makes the day and month
unambiguous; a two-digit year and an impossible day are still refused, and the price and batch paths read them alike."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.lookup.dates import date_from_text

runner = CliRunner()
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_every_day_reads_back_in_each_named_form(day: dt.date) -> None:
    name = MONTHS[day.month - 1]
    full = day.strftime("%B")
    for text in (f"{day.day}-{name}-{day.year}", f"{day.day:02d}{name.upper()}{day.year}", f"{name} {day.day}, "
                 f"{day.year}", f"{full} {day.day} {day.year}", f"{day.day} {full.lower()} {day.year}"):  # fmt: skip
        assert date_from_text(text) == day, text


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("5-Mar-26", "two-digit year"),
        ("31-Feb-2026", "does not exist"),
        ("5-Foo-2026", "is not a date"),
        ("5-Ma-2026", "is not a date"),
    ],
)
def test_what_cannot_be_read_is_refused(text: str, said: str) -> None:
    with pytest.raises(ValueError, match=said):
        date_from_text(text)


def test_batch_and_price_read_a_named_month_alike(pricer: Any, tmp_path: Any) -> None:
    source = tmp_path / "lab.csv"
    source.write_text("Claim ID,DOS,CPT Code,Units,POS,ZIP\nA,5-Mar-2026,99213,1,11,60601\nB,03/05/2026,99213,1,11,"
                      "60601\nC,5-Mar-26,99213,1,11,60601\n")  # fmt: skip
    result = runner.invoke(app, ["batch", str(source), "-o", "-", "-f", "json", "-q"])
    a, b, c = json.loads(result.stdout)
    assert a["allowed"] == b["allowed"] and a["release"] == b["release"] and not a["error"]
    single = pricer.price("99213", zip_code="60601", date_of_service="5-Mar-2026")
    assert str(single.pfs.non_facility.amount) == str(a["allowed"])
    assert "two-digit year" in c["error"]
    priced = runner.invoke(app, ["price", "99213", "--zip", "60601", "--date", "5-Mar-2026", "-f", "json"])
    assert priced.exit_code == 0, priced.output
