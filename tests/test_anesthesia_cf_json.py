"""The anesthesia conversion factor an anesthesia line is priced with: price's JSON (``pfs.anesthesia``, beside the
PFS CF kept as ``pfs.conversion_factor``), its table and batch's anesthesia_* columns say the same CMS ANES figure."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()


# (zip, date of service, CMS's anesthesia CF: ANES2026's header "Non-Qualifying APM National Anes CF ... of 20.49754"
# and its MANHATTAN row 22.81; ANES2025's header "National Anes CF of 20.3178" and its ALASKA row 27.86; the PFS CF)
CASES = [
    ("", "2026-08-03", "20.49754", "33.4009"),
    ("10001", "2026-08-03", "22.81", "33.4009"),
    ("", "2025-03-03", "20.3178", "32.3465"),
    ("99501", "2025-03-03", "27.86", "32.3465"),
]


@pytest.mark.parametrize(("zip_code", "date", "cf", "pfs_cf"), CASES)
def test_price_json_table_and_batch_say_the_anesthesia_cf_that_priced_the_line(
    tmp_path: Path, zip_code: str, date: str, cf: str, pfs_cf: str
) -> None:
    place = ["--zip", zip_code] if zip_code else []
    args = ["price", "00811", "--base-units", "4", "--minutes", "30", "--date", date, *place]
    shown = runner.invoke(app, [*args, "--format", "json"])
    assert shown.exit_code == 0, shown.output
    pfs = json.loads(shown.stdout)["pfs"]
    amount = ((4 + Decimal(2)) * Decimal(cf)).quantize(Decimal("0.01"), ROUND_HALF_UP)  # (base + 30/15) x CF
    assert Decimal(str(pfs["conversion_factor"])) == Decimal(pfs_cf)  # the RVU file's PFS CF, kept as it was
    anesthesia = pfs["anesthesia"]
    assert (anesthesia["base_units"], anesthesia["time_units"]) == (4, 2)
    assert Decimal(str(anesthesia["conversion_factor"])) == Decimal(cf)
    assert Decimal(str(pfs["facility"]["amount"])) == amount

    table = runner.invoke(app, args, terminal_width=200)
    assert table.exit_code == 0, table.output
    assert f"anesthesia CF ${cf}" in table.stdout and f"${pfs_cf}" not in table.stdout

    source = tmp_path / "lines.csv"
    source.write_text(f"code,base_units,minutes,zip,date\n00811,4,30,{zip_code},{date}\n")
    done = runner.invoke(app, ["batch", "-q", str(source), "-o", str(tmp_path / "out.csv")])
    assert done.exit_code == 0, done.output
    [row] = list(csv.DictReader((tmp_path / "out.csv").open()))
    assert (row["anesthesia_base_units"], Decimal(row["anesthesia_time_units"])) == ("4", 2)
    assert Decimal(row["anesthesia_conversion_factor"]) == Decimal(cf)
    assert Decimal(row["pfs_facility_amount"]) == amount
