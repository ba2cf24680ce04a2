"""compare --what asc|opps with a named line's modifiers (a trial: `compare G0121 45385-PT --what asc --from 2025-10
--to 2026-07 --zip 60611` refused the whole run, "ASC and OPPS rates are per HCPCS code; drop the modifier", exit 2).
PT changes the patient's share (a screening colonoscopy turned diagnostic: coinsurance 15%, CAA 2021 §122): each side
is `price`'s money on that date, as are 73's and 74's rates (a procedure discontinued before or after anesthesia:
engine.modifiers names their CMS sources). A modifier compare does not apply (50: the ASC's bilateral rule reads the
PFS row) leaves that line alone not comparable, the others compared."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()


@pytest.mark.parametrize(
    ("what", "setting", "dates"),
    [("asc", "asc", ("2025-10", "2026-07")), ("opps", "hopd", ("2025-01", "2025-10"))],
)
def test_pt_is_priced_as_price_prices_it_on_each_date(pricer: Any, what: str, setting: str, dates: Any) -> None:
    lines = ["G0121", "45385-PT", "45385-73", "45385-74", "45385-50"]
    result = runner.invoke(app, ["compare", *lines, "--what", what, "--from", dates[0], "--to", dates[1],
                                 "--zip", "60611", "-f", "json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    codes = {(c["code"], c["modifier"]): c for c in json.loads(result.stdout)["codes"]}
    share = "coinsurance" if what == "asc" else "copayment"
    for line, modifiers in (("G0121", None), ("45385-PT", "PT"), ("45385-73", "73"), ("45385-74", "74")):
        change = codes[(line[:5], modifiers)]
        assert change["change"] in ("changed", "unchanged"), change
        for side, month in (("before", dates[0]), ("after", dates[1])):
            priced = pricer.price(line, zip_code="60611", setting=setting, date_of_service=f"{month}-15")
            facility = priced.asc if what == "asc" else priced.opps
            assert Decimal(str(change["amounts"]["rate"][side])) == facility.rate, (line, side)
            mine = facility.coinsurance if what == "asc" else facility.copayment
            assert Decimal(str(change["amounts"][share][side])) == mine, (line, side)
    pt = codes[("45385", "PT")]
    assert any("coinsurance 15%" in note for note in pt["notes"]), pt["notes"]
    assert Decimal(str(pt["amounts"][share]["after"])) > 0  # not the screening's $0.00
    terminated, full = codes[("45385", "73")]["amounts"]["rate"], codes[("45385", "74")]["amounts"]["rate"]
    assert Decimal(str(terminated["after"])) < Decimal(str(full["after"]))  # 73: 50% of the rate
    bilateral = codes[("45385", "50")]
    assert bilateral["change"] == "not_comparable"
    assert "compare does not apply 50" in bilateral["not_comparable_reason"]
