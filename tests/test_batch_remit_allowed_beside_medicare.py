"""A remit's 'Allowed' column is its allowed amount, compared with rvucalc's, even beside a 'medicare' column: a trial's
remit (claim_id,code,dos,pos,zip,medicare,Allowed) was left unchecked without a word (expected, variance and
paid_as_read blank), taken for rvucalc's own output, which has many more of its columns than 'medicare'."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.batch.columns import resolve_columns
from rvucalc.batch.lines import OUTPUT_COLUMNS
from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer
from test_batch_provider_column import _cms_fee, _money

runner = CliRunner()
REMIT = ["claim_id", "code", "dos", "pos", "zip", "medicare", "Allowed"]


def test_allowed_beside_medicare_is_the_remit_s_paid_column() -> None:
    assert resolve_columns(REMIT, {}).position("paid") == REMIT.index("Allowed")
    assert "paid ← Allowed" in resolve_columns(REMIT, {}).describe()


def test_rvucalc_s_own_output_priced_again_is_no_remit() -> None:
    ours = ["code", "zip", *OUTPUT_COLUMNS]
    assert resolve_columns(ours, {}).position("paid") is None
    assert resolve_columns(ours, {"paid": "allowed"}).position("paid") == ours.index("allowed")


def test_the_trial_s_remit_is_checked_against_cms_s_fee(pricer: Pricer, tmp_path: Path) -> None:
    source, target = tmp_path / "remit.csv", tmp_path / "out.csv"
    source.write_text(",".join(REMIT) + "\nX1,99213,2026-08-03,11,10001,80.00,100.00\n", encoding="utf-8")
    result = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "paid ← Allowed" in result.output
    [row] = csv.DictReader(target.open(encoding="utf-8"))
    fee = _cms_fee(pricer, "99213", "10001", 2026)["non_facility"]  # POS 11: the office
    assert _money(row["expected"]) == fee
    assert _money(row["paid_as_read"]) == Decimal("100.00")
    assert _money(row["variance"]) == Decimal("100.00") - fee
