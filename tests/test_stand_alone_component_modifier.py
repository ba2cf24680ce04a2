"""A 26 or TC line of a professional-only (PC/TC 2) or technical-only (PC/TC 3) code
(engine.pfs.stand_alone_component_hint): a radiation oncology trial's hospital-based physician billed 77263-26 (clinical
treatment planning) and 77427-26 (weekly management) at POS 22 and was told only that the code "has no -26 row ...
Rows CMS publishes: 77263". CMS's RVU file documentation, PC/TC indicators 2 and 3: "Modifiers 26 and TC cannot be
used with these codes". The error says so, in price, batch and the CLI alike (still not found, exit 1)."""

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

COLUMBUS = {"zip_code": "43210", "date_of_service": "2025-11-04", "setting": "22"}  # release 2025D

# (code, modifier, CMS's PC/TC indicator in RVU25D, what the error says)
CASES = [
    ("77263", "26", "2", "77263 is itself a professional component only code: modifiers 26 and TC cannot be used with "
     "it (CMS's RVU file documentation, PC/TC indicator 2): bill and price 77263 without 26."),
    ("77427", "26", "2", "bill and price 77427 without 26."),
    ("77427", "TC", "2", "77427 is a professional component only code: it has no technical component to bill"),
    ("77336", "TC", "3", "77336 is itself a technical component only code"),
    ("G6015", "26", "3", "G6015 is a technical component only code: it has no professional component to bill"),
]  # fmt: skip


@pytest.mark.parametrize(("code", "modifier", "pctc", "said"), CASES)
def test_cms_file_has_only_the_code_alone(code: str, modifier: str, pctc: str, said: str) -> None:
    assert rvu_row("2025D", code)[13] == pctc
    with pytest.raises(LookupError):
        rvu_row("2025D", code, modifier)


def _batch(pricer: Pricer, code: str, modifier: str) -> dict[str, Any]:
    table = pa.table({"code": [code], "modifier": [modifier], "zip": ["43210"], "date": ["2025-11-04"],
                      "setting": ["22"]})  # fmt: skip
    [row] = BatchPricer(pricer).price_table(table).to_pylist()
    return row  # type: ignore[no-any-return]


@pytest.mark.parametrize(("code", "modifier", "pctc", "said"), CASES)
def test_the_error_says_the_modifier_cannot_be_used(
    pricer: Pricer, code: str, modifier: str, pctc: str, said: str
) -> None:
    with pytest.raises(NotFoundError) as caught:
        pricer.price(f"{code}-{modifier}", **COLUMBUS)  # type: ignore[arg-type]
    message = str(caught.value)
    assert message.startswith(f"{code} has no -{modifier} row in 2025D (PC/TC indicator {pctc}"), message
    assert said in message and message.endswith(f"Rows CMS publishes: {code}."), message
    row = _batch(pricer, code, modifier)
    assert row["error"] == message and row["error_kind"] == "no_such_row"


def test_a_code_with_components_is_priced_and_another_indicator_says_nothing_of_it(pricer: Pricer) -> None:
    """77290-26 (PC/TC 1) is CMS's row; 77387-26 in 2025 (PC/TC 0) keeps its own hint (engine.radiation)."""
    assert pricer.price("77290-26", **COLUMBUS).pfs.facility.amount is not None  # type: ignore[arg-type, union-attr]
    with pytest.raises(NotFoundError) as caught:
        pricer.price("77387-26", **COLUMBUS)  # type: ignore[arg-type]
    assert "component only code" not in str(caught.value) and "G6002-26" in str(caught.value)


def test_the_cli_says_it_and_exits_1() -> None:
    out = CliRunner().invoke(app, ["price", "77263-26", "--zip", "43210", "--date", "2025-11-04", "--setting", "22"])
    assert out.exit_code == 1
    assert "bill and price 77263 without 26" in " ".join(out.output.split())
