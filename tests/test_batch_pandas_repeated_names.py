"""A header that repeats a name ('Modifier', 'Modifier') reads as pandas reads it: 'Modifier', 'Modifier.1', and a
file written back from pandas says so. A trial's ``price_frame`` and its round-tripped file dropped the second
modifier without a word: 99213-25-GY was paid ($63.78) and 27447-RT-80 paid in full ($1,341.54, not the assistant's
16%); stderr advised ``--columns modifier='Modifier.1'``, which reads it instead of the first."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from rvucalc.batch.columns import _unread_lookalikes, repeated_names, resolve_columns
from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer
from test_batch_provider_column import _cms_fee, _money

runner = CliRunner()
ROWS = "99213,25,GY,10001\n27447,RT,80,10001\n"


def _assistant(pricer: Pricer) -> Decimal:
    """27447's assistant-at-surgery amount: 16% of CMS's facility fee at 10001's locality, rounded once (Claims
    Processing Manual ch. 12 §20.4.3: the assistant's fee schedule amount is 16% of the surgical payment)."""
    fee = _cms_fee(pricer, "27447", "10001", 2026)["facility"]
    return (fee * Decimal("0.16")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_pandas_numbered_names_are_the_repeated_name() -> None:
    columns = resolve_columns(["CPT Code", "Modifier", "Modifier.1", "ZIP"], {})
    assert columns.positions("modifier") == (1, 2)
    assert "modifier ← Modifier + Modifier.1" in columns.describe()
    assert not _unread_lookalikes(columns)
    # a name that only ends in a number after a dot is its own ('Rate.1' without 'Rate')
    assert repeated_names(["CPT Code", "Rate.1", "Rate", "Rate.2"]) == ["CPT Code", "Rate.1", "Rate", "Rate"]


def test_two_dates_from_pandas_are_refused_as_two_dates_are() -> None:
    with pytest.raises(Exception, match="could both be the date") as repeated:
        resolve_columns(["CPT Code", "DOS", "DOS"], {})
    with pytest.raises(Exception, match="could both be the date") as numbered:
        resolve_columns(["CPT Code", "DOS", "DOS.1"], {})
    assert type(repeated.value) is type(numbered.value)
    assert resolve_columns(["CPT Code", "DOS", "DOS.1"], {"date": "DOS#2"}).position("date") == 2
    assert resolve_columns(["CPT Code", "DOS", "DOS.1"], {"date": "DOS.1"}).position("date") == 2


def test_price_frame_reads_both_modifier_columns(pricer: Pricer, tmp_path: Path) -> None:
    source = tmp_path / "dupmod.csv"
    source.write_text("CPT Code,Modifier,Modifier,ZIP\n" + ROWS, encoding="utf-8")
    frame = pd.read_csv(source, dtype=str)
    assert list(frame.columns) == ["CPT Code", "Modifier", "Modifier.1", "ZIP"]
    priced = BatchPricer(pricer).price_frame(frame)
    assert priced.loc[0, "error_kind"] == "denied"  # GY: statutorily excluded
    assert _money(priced.loc[1, "pfs_facility_amount"]) == _assistant(pricer)


@pytest.mark.parametrize("second", ["Modifier", "Modifier.1"])
def test_the_cli_reads_a_round_tripped_header_as_the_repeated_one(pricer: Pricer, tmp_path: Path, second: str) -> None:
    source, target = tmp_path / "dupmod.csv", tmp_path / "out.csv"
    source.write_text(f"CPT Code,Modifier,{second},ZIP\n" + ROWS, encoding="utf-8")
    result = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    assert result.exit_code == 1, result.output  # the GY line is a row error
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert rows[0]["error_kind"] == "denied"
    assert _money(rows[1]["pfs_facility_amount"]) == _assistant(pricer)
    assert "also looks like a modifier" not in result.output


def test_a_modifier_look_alike_is_advised_as_the_next_modifier_slot() -> None:
    names = ["CPT Code", "Modifier", "Secondary Modifier", "ZIP"]
    [notice] = _unread_lookalikes(resolve_columns(names, {}))
    assert "--columns modifier2='Secondary Modifier'" in notice
    assert resolve_columns(names, {"modifier2": "Secondary Modifier"}).positions("modifier") == (1, 2)
