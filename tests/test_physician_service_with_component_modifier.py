"""A physician service (PC/TC indicator 0) billed with 26 or TC: a cardiology group's 93462-26 (transseptal puncture,
an add-on to 93458-26 at the hospital) was told only "has no -26 row ... Rows CMS publishes: 93462". CMS's RVU file
documentation (RVU25D), PC/TC indicator 0: "Modifiers 26 and TC cannot be used with these codes". The error says so,
in price and batch alike (still not found, exit 1); 77387-26 through 2025 keeps its own hint (engine.radiation)."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.errors import NotFoundError
from rvucalc.lookup.pricer import Pricer
from test_cardiology_trial import rvu_row

HOUSTON = {"zip_code": "77030", "date_of_service": "2026-07-13", "setting": "22"}  # release 2026C


def _batch(pricer: Pricer, codes: list[str]) -> list[dict[str, Any]]:
    table = pa.table({"claim": ["C1008"] * len(codes), "code": [c.split("-")[0] for c in codes],
                      "modifier": [c.split("-")[1] for c in codes], "zip": ["77030"] * len(codes),
                      "date": ["2026-07-13"] * len(codes), "setting": ["22"] * len(codes)})  # fmt: skip
    return BatchPricer(pricer).price_table(table).to_pylist()  # type: ignore[no-any-return]


@pytest.mark.parametrize(("code", "modifier"), [("93462", "26"), ("99213", "26"), ("93462", "TC")])
def test_physician_service_with_26_or_tc_says_the_modifier_cannot_be_used(
    pricer: Pricer, code: str, modifier: str
) -> None:
    assert rvu_row("2026C", code)[13] == "0"  # CMS's PC/TC indicator
    with pytest.raises(LookupError):
        rvu_row("2026C", code, modifier)
    with pytest.raises(NotFoundError) as caught:
        pricer.price(f"{code}-{modifier}", **HOUSTON)  # type: ignore[arg-type]
    message = str(caught.value)
    assert (f"Modifiers 26 and TC cannot be used with it (CMS's RVU file documentation, PC/TC indicator 0): bill and "
            f"price {code} without {modifier}.") in message  # fmt: skip
    assert message.endswith(f"Rows CMS publishes: {code}.")
    cath, add_on = _batch(pricer, ["93458-26", f"{code}-{modifier}"])
    assert add_on["error"] == message and add_on["error_kind"] == "no_such_row"
    assert cath["error"] == ""


def test_77387_26_through_2025_keeps_its_own_hint(pricer: Pricer) -> None:
    with pytest.raises(NotFoundError) as caught:
        pricer.price("77387-26", zip_code="43210", date_of_service="2025-11-04", setting="22")
    assert "cannot be used" not in str(caught.value) and "G6002-26" in str(caught.value)
