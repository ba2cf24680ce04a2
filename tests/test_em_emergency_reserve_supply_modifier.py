"""A nephrology group's trial (session 66): J0887-EM was refused as an unknown modifier (exit 2). EM is HCPCS's
"Emergency reserve supply (for ESRD benefit only)", as the DME MACs' modifier lists carry it: known and informational,
the line priced as without it (CMS's ASP payment limit)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pyarrow as pa
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine.modifiers import informational, require


def _office(result: Any) -> Decimal:
    return Decimal(str(next(s for s in result.sites if s.setting == "office").total))


def test_em_emergency_reserve_supply_is_informational(pricer: Any) -> None:
    assert informational("EM")
    assert require("EM").meaning == "Emergency reserve supply (for ESRD benefit only)"
    result = CliRunner().invoke(app, ["price", "J0887-EM", "--units", "75", "--setting", "65", "--zip", "60611",
                                      "--date", "2026-02-06"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Modifier EM is informational" in result.output
    with_em = pricer.price("J0887", modifier="EM", units=75, setting="65", zip_code="60611",
                           date_of_service="2026-02-06")  # fmt: skip
    bare = pricer.price("J0887", units=75, setting="65", zip_code="60611", date_of_service="2026-02-06")
    assert _office(with_em) == _office(bare)
    row = {"code": "J0887", "modifier": "EM", "units": "75", "setting": "65", "zip": "60611", "date": "2026-02-06"}
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist([row])).to_pylist()[0]
    assert not out["error"] and Decimal(str(out["office_allowed"])) == _office(bare)
    assert "Modifier EM is informational" in out["note"]
