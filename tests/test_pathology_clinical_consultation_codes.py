"""A pathology group's clinical pathology consultations (session 64's pathology trial): the CPT 2022 deletions 80500
and 80502 name 80503-80506 instead of look-alikes. Price and batch alike."""

from __future__ import annotations

import pyarrow as pa
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer

runner = CliRunner()


def _batch(pricer: Pricer, rows: list[dict[str, str]]) -> list[dict[str, object]]:
    names = sorted({name for row in rows for name in row})
    table = pa.table({name: [row.get(name, "") for row in rows] for name in names})
    return BatchPricer(pricer).price_table(table).to_pylist()  # type: ignore[no-any-return]


def test_80500_and_80502_say_cpt_2022_deleted_them_and_name_80503_to_80506(pricer: Pricer) -> None:
    """The trial's 80500 and 80502 at POS 21 read "Did you mean 80503, 80504, 80505?", never that CPT deleted them
    for 2022 nor which code a consultation of what time or decision making is; price and batch the same text."""
    store = pricer.catalogue.store(pricer.select(2026)[0])
    rows = _batch(pricer, [{"code": code, "zip": "46202", "date": "2026-04-16", "setting": "21"}
                           for code in ("80500", "80502")])  # fmt: skip
    for code, row in zip(("80500", "80502"), rows, strict=True):
        result = runner.invoke(app, ["price", code, "--zip", "46202", "--setting", "21", "--date", "2026-04-16"])
        assert result.exit_code == 1 and "Did you mean" not in result.stderr, result.stderr
        said = " ".join(result.stderr.split())
        assert f"{code} is not in the 2026 fee schedule (2026C): deleted from CPT for 2022" in said, said
        for named in ("80503", "80504", "80505", "+80506"):
            assert named in said and store.rvu(named.lstrip("+"), "")["status"] == "A", named
        assert row["error"] == said.removeprefix("rvucalc: ") and row["error_kind"] == "unknown_code", row["error"]
