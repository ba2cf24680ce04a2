"""A 26 or TC line of a global test-only code (engine.pfs.global_test_component_hint): a Houston cardiology group's
trial billed a hospital ECG read as 93000-26 and was told only that 93000 "has no -26 row ... the components are billed
under other codes". CMS's RVU file documentation, PC/TC indicator 4: "Modifiers 26 and TC cannot be used with these
codes"; the parts are codes of their own (PC/TC indicators 2 and 3 in the same file). The error now names them, in
price, batch and the CLI alike (still not found, exit 1: no amount is given for a row CMS does not publish)."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.errors import NotFoundError
from rvucalc.lookup.pricer import Pricer
from test_cardiology_trial import rvu_row

HOUSTON = {"zip_code": "77030", "date_of_service": "2026-08-03"}  # locality 0441218, release 2026C

# (code, modifier, the part's codes, the part's PC/TC indicator in CMS's RVU26C file)
CASES = [
    ("93000", "26", ("93010",), "2"),
    ("93000", "TC", ("93005",), "3"),
    ("93015", "26", ("93016", "93018"), "2"),
    ("93224", "TC", ("93225", "93226"), "3"),
]


@pytest.mark.parametrize(("code", "modifier", "parts", "pctc"), CASES)
def test_cms_file_has_no_such_row_and_the_parts_are_codes_of_their_own(
    code: str, modifier: str, parts: tuple[str, ...], pctc: str
) -> None:
    assert rvu_row("2026C", code)[13] == "4"  # global test only
    with pytest.raises(LookupError):
        rvu_row("2026C", code, modifier)
    for part in parts:
        assert rvu_row("2026C", part)[13] == pctc


def _batch(pricer: Pricer, code: str, modifier: str) -> dict[str, Any]:
    table = pa.table({"code": [code], "modifier": [modifier], "zip": ["77030"], "date": ["2026-08-03"],
                      "setting": ["22" if modifier == "26" else "11"]})  # fmt: skip
    [row] = BatchPricer(pricer).price_table(table).to_pylist()
    return row  # type: ignore[no-any-return]


@pytest.mark.parametrize(("code", "modifier", "parts", "pctc"), CASES)
def test_the_error_names_the_code_to_bill(
    pricer: Pricer, code: str, modifier: str, parts: tuple[str, ...], pctc: str
) -> None:
    named = " and ".join(parts)
    which = "professional" if modifier == "26" else "technical"
    said = f"Its {which} component is billed as {named} (PC/TC indicator {pctc}): price {named}."
    with pytest.raises(NotFoundError) as caught:
        pricer.price(f"{code}-{modifier}", **HOUSTON)  # type: ignore[arg-type]
    assert said in str(caught.value) and f"{code} has no -{modifier} row in 2026C" in str(caught.value)
    row = _batch(pricer, code, modifier)
    assert row["error"] == str(caught.value) and row["error_kind"] == "no_such_row"


def test_other_codes_without_the_row_are_unchanged(pricer: Pricer) -> None:
    """A professional-only code with 26 (93010, PC/TC 2) has no parts to name."""
    with pytest.raises(NotFoundError) as caught:
        pricer.price("93010-26", **HOUSTON)  # type: ignore[arg-type]
    assert "billed as" not in str(caught.value) and "Rows CMS publishes: 93010." in str(caught.value)


def test_the_cli_says_it_and_exits_1(pricer: Pricer) -> None:
    out = CliRunner().invoke(app, ["price", "93000-26", "--zip", "77030", "--date", "2026-08-03", "--setting", "22"])
    assert out.exit_code == 1
    assert "Its professional component is billed as 93010" in " ".join(out.output.split())
