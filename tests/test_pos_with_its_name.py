"""A place of service exported with its name ('10 - Telehealth in Patient's Home', '02-Telehealth Other'), as practice
systems write it (a behavioral health group's trial: every such row was "is not a setting"). The code is read when the
name is its place's; a name of another place is an error naming both, never a guess."""

from __future__ import annotations

from typing import Any

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.place_of_service import POS, normalise_pos, resolve_site
from rvucalc.errors import UsageError

runner = CliRunner()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("10 - Telehealth in Patient's Home", "10"),
        ("02-Telehealth Other", "02"),
        ("22 On Campus-Outpatient Hospital", "22"),
        ("POS 22 - Outpt Hosp", "22"),
        ("23 - ER", "23"),
        ("11 - Office", "11"),
        ("24-ASC", "24"),
        ("81 Independent Lab", "81"),
        ("21 \u2013 Inpatient Hospital", "21"),
        ("31: SNF", "31"),
    ],
)
def test_a_code_with_its_place_s_name_is_the_code(text: str, code: str) -> None:
    assert normalise_pos(text) == code
    plain, named = resolve_site(code), resolve_site(text)
    assert (named.pos, named.site, named.pfs_setting, named.note) == (plain.pos, plain.site, plain.pfs_setting,
                                                                      plain.note)  # fmt: skip


@pytest.mark.parametrize("text", ["22 - Office", "11 - Inpatient Hospital", "24 Hospice"])
def test_a_code_with_another_place_s_name_is_refused_naming_both(text: str) -> None:
    assert normalise_pos(text) is None
    code = text.split()[0]
    with pytest.raises(UsageError) as refused:
        resolve_site(text)
    assert f"place of service {code} is {POS[code].name}" in str(refused.value)


def test_batch_prices_a_named_place_as_its_code(pricer: Any, tmp_path: Any) -> None:
    rows = ["Claim ID,DOS,CPT Code,Units,POS,ZIP"]
    for claim, pos in (("A", "10 - Telehealth in Patient's Home"), ("B", "10"), ("C", "02-Telehealth Other"),
                       ("D", "02"), ("E", "22 - Office")):  # fmt: skip
        rows.append(f'{claim},07/06/2026,90837,1,"{pos}",10001')
    source = tmp_path / "named.csv"
    source.write_text("\n".join(rows) + "\n")
    result = runner.invoke(app, ["batch", str(source), "-o", "-", "-f", "json", "-q"])
    by_claim = {row["Claim ID"]: row for row in __import__("json").loads(result.stdout)}
    for named, plain in (("A", "B"), ("C", "D")):
        assert by_claim[named]["allowed"] == by_claim[plain]["allowed"] is not None
        assert by_claim[named]["error"] in (None, "")
    single = pricer.price("90837", zip_code="10001", date_of_service="2026-07-06", setting="10")
    assert str(single.pfs.non_facility.amount) == str(by_claim["A"]["allowed"])
    assert by_claim["D"]["allowed"] != by_claim["B"]["allowed"]  # 02: the facility rate; 10: the non-facility one
    assert "place of service 22 is On campus-outpatient hospital" in by_claim["E"]["error"]


@pytest.mark.parametrize(("text", "code"), [("011", "11"), ("022", "22"), ("010", "10"), ("POS 024", "24")])
def test_a_code_padded_to_three_digits_is_the_code(text: str, code: str) -> None:
    """'011': some practice systems pad the code to three digits (an orthopedic group's trial: a row error)."""
    assert normalise_pos(text) == code
    assert resolve_site(text).pos == code
    assert resolve_site("0131").site == "hopd"  # a type of bill with its leading zero is still one


@pytest.mark.parametrize(
    "text",
    [
        "02 - Telehealth in Patient's Home",
        "21 - Outpatient Hospital",
        "22 - Inpatient Hospital",
        "32 - Skilled Nursing Facility",
        "19 - On Campus-Outpatient Hospital",
    ],
)
def test_a_name_that_names_another_place_better_is_refused(text: str) -> None:
    """A review: a shared word ('Hospital', 'Telehealth', 'Nursing') let '21 - Outpatient Hospital' read as inpatient
    and '02 - Telehealth in Patient's Home' (POS 10's name: the non-facility rate) as POS 02 (the facility rate)."""
    assert normalise_pos(text) is None
    with pytest.raises(UsageError, match=r"which .* does not name"):
        resolve_site(text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("02 - Telehealth Provided Other than in Patient's Home", "02"),
        ("10 - Telehealth Provided in Patient's Home", "10"),
        ("31 - Skilled Nursing Facility", "31"),
        ("32 - Nursing Facility", "32"),
        ("12 - Home", "12"),
    ],
)
def test_cms_s_own_names_are_their_codes(text: str, code: str) -> None:
    assert normalise_pos(text) == code


def test_every_place_with_cms_s_name_is_its_code() -> None:
    for code, place in POS.items():
        assert normalise_pos(f"{code} - {place.name}") == code, place.name
