"""Setting words billing staff write in place of a POS code: 'Long Term Care' was offered 20 (Urgent care facility),
and 'Nursing Home', 'LTC', 'ALF', 'PHP', 'IOP' got only the generic "is not a setting". A word that is one CMS place
(ALF 13, PHP 52, as SNF 31 and CMHC 53) names its code; a word that may be several places ('Nursing Home', 'LTC': 31
or 32; 'IOP': 22, 19 or 53 with condition code 92) lists them. None is read as a code: the error says which to give."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.place_of_service import POS, resolve_site
from rvucalc.errors import UsageError

runner = CliRunner()

NURSING = ("31", "32")
IOP = ("22", "19", "53")


def _refusal(text: str) -> str:
    with pytest.raises(UsageError) as refused:
        resolve_site(text)
    return str(refused.value)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Nursing Home", NURSING), ("Long Term Care", NURSING), ("Long-Term Care Facility", NURSING),
        ("LTC", NURSING), ("ltc", NURSING), ("IOP", IOP), ("Intensive Outpatient Program", IOP),
        ("ALF", ("13",)), ("PHP", ("52",)), ("SNF", ("31",)), ("CMHC", ("53",)),
    ],
)  # fmt: skip
def test_a_setting_word_names_the_places_it_may_be(text: str, codes: tuple[str, ...]) -> None:
    message = _refusal(text)
    for code in codes:
        assert f"{code} ({POS[code].name}" in message, message
    assert "20 (Urgent care facility)" not in message
    if codes == IOP:
        assert "condition code 92" in message


def test_a_place_s_abbreviation_with_its_code_is_the_code() -> None:
    assert resolve_site("13 - ALF").pos == "13"
    assert resolve_site("52 PHP").pos == "52"


def test_batch_rows_and_price_say_the_same_places(pricer: Any, tmp_path: Any) -> None:
    rows = ["Claim ID,DOS,CPT Code,Units,POS,ZIP"]
    words = ("Long Term Care", "Nursing Home", "ALF", "IOP", "PHP")
    rows += [f"{claim},07/06/2026,99213,1,{word},10001" for claim, word in enumerate(words)]
    source = tmp_path / "words.csv"
    source.write_text("\n".join(rows) + "\n")
    result = runner.invoke(app, ["batch", str(source), "-o", "-", "-f", "json", "-q"])
    by_word = {row["POS"]: row for row in json.loads(result.stdout)}
    for word in words:
        row = by_word[word]
        assert row["allowed"] is None and row["error_kind"] == "bad_setting"
        assert row["error"] == _refusal(word)
    priced = runner.invoke(app, ["price", "99213", "--zip", "10001", "--setting", "Nursing Home"])
    assert priced.exit_code == 2
    assert "31 (Skilled nursing facility" in priced.output and "32 (Nursing facility" in priced.output
