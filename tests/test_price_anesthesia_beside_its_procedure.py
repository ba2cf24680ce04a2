"""`price` of a procedure and its anesthesia together. A GI and anesthesia group's trial: `rvucalc price 45380-PT
00811-QK-PT --setting asc --base-units 4 --minutes 32` exited 2 ("--base-units is for anesthesia codes (status J);
45380 has status A"), and so did the per-code form (--base-units 0 --base-units 4), while batch priced the same claim.
Now a value given once goes to the encounter's only anesthesia line, and a procedure's place in a per-code list may
say 0: the anesthesia line is (base units + time units) x CMS's anesthesia CF for the locality, 50% with QK (Claims
Processing Manual ch. 12 §50), and the encounter's total is batch's claim total. With several anesthesia lines beside
a procedure, a value given once is a usage error (which line's is it?)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.errors import UsageError

WHERE = {"zip_code": "60611", "date_of_service": "2026-03-10", "setting": "asc"}
CLI = ["--setting", "asc", "--zip", "60611", "--date", "2026-03-10", "--format", "json"]


def _fee(pricer: Any, release: str, locality: str) -> Decimal:
    store = pricer.store(next(r for r in pricer.catalogue.releases("pfs") if r.release == release))
    cf = Decimal(store.anesthesia_cf(locality)["anes_cf"]).scaleb(-2)
    # 32 minutes: 2.1 time units (minutes / 15, to one decimal, as the module prices 22 minutes at 1.5); QK: 50%
    return ((Decimal(4) + Decimal("2.1")) * cf / 2).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_price_gives_the_values_to_the_anesthesia_line(pricer: Any) -> None:
    once = pricer.price_encounter(["45380-PT", "00811-QK-PT"], base_units="4", minutes=32, **WHERE)
    per_code = pricer.price_encounter(["45380-PT", "00811-QK-PT"], base_units=["0", "4"], minutes=[0, 32], **WHERE)
    fee = _fee(pricer, once.release, once.location.locality)
    for found in (once, per_code):
        procedure, anesthesia = found.lines
        assert anesthesia.pfs.facility.amount == fee
        assert procedure.pfs.anesthesia is None
    assert once.totals["asc"].allowed == per_code.totals["asc"].allowed
    rows = [{"claim": "C1", "date": "2026-03-10", "code": "45380", "modifier": "PT", "base_units": None,
             "minutes": None},
            {"claim": "C1", "date": "2026-03-10", "code": "00811", "modifier": "QK PT", "base_units": "4",
             "minutes": "32"}]  # fmt: skip
    for row in rows:
        row.update(zip="60611", setting="asc")
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert all(not row["error"] for row in out), [row["error"] for row in out]
    assert sum(Decimal(str(row["allowed"])) for row in out) == once.totals["asc"].allowed


def test_price_refuses_one_value_for_several_anesthesia_lines_beside_a_procedure(pricer: Any) -> None:
    with pytest.raises(UsageError, match="given once for 2 anesthesia lines"):
        pricer.price_encounter(["45380-PT", "00811-QK-PT", "00812-QK"], base_units="4", minutes=32, **WHERE)
    with pytest.raises(UsageError, match="is for anesthesia codes"):  # a procedure's own value: refused, as before
        pricer.price_encounter(["45380-PT", "00811-QK-PT"], base_units=["3", "4"], minutes=[0, 32], **WHERE)


def test_the_cli_prices_the_procedure_and_its_anesthesia(pricer: Any, tmp_path: Path) -> None:
    runner = CliRunner()
    once = runner.invoke(app, ["price", "45380-PT", "00811-QK-PT", "--base-units", "4", "--minutes", "32", *CLI])
    assert once.exit_code == 0, once.output
    each = runner.invoke(app, ["price", "45380-PT", "00811-QK-PT", "--base-units", "0", "--base-units", "4",
                               "--minutes", "0", "--minutes", "32", *CLI])  # fmt: skip
    assert each.exit_code == 0, each.output
    several = runner.invoke(app, ["price", "45380-PT", "00811-QK-PT", "00812-QK", "--base-units", "4", "--minutes",
                                  "32", *CLI])  # fmt: skip
    assert several.exit_code == 2 and "given once for 2 anesthesia lines" in several.output
