"""A DME item at a hospital or SNF (a wound care trial: L4361 at POS 31): `rvucalc price` said "not payable" with "Not
paid under the PFS: the RVU file does not list it", batch said no reason at all. Part B pays no DME at an institution
that is a hospital or SNF (Benefit Policy Manual ch. 15 §110.1; SNF consolidated billing in a covered Part A stay):
both now say so, with one reason. The home (12) keeps the DMEPOS fee."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.facility import DMEPOS_AT_FACILITY_REASON

runner = CliRunner()


def _price(setting: str) -> dict[str, object]:
    result = runner.invoke(app, ["price", "L4361", "--zip", "33139", "--setting", setting, "--format", "json"])
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_dme_at_a_snf_or_hospital_inpatient_says_why_in_price_and_batch(tmp_path: Path) -> None:
    source = tmp_path / "dme.csv"
    source.write_text("Claim,CPT,POS,ZIP\nD1,L4361,31,33139\nD2,L4361,21,33139\nD3,L4361,12,33139\n")
    result = runner.invoke(app, ["batch", str(source)])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    for row, setting in zip(rows[:2], ("31", "21"), strict=True):
        [site] = _price(setting)["sites"]  # type: ignore[misc]
        assert not site["payable"] and site["reason"] == DMEPOS_AT_FACILITY_REASON
        assert "§110.1" in site["reason"]
        assert DMEPOS_AT_FACILITY_REASON in row["note"] and row["allowed"] == ""
    # The home: the DMEPOS fee, as before (price's DMEPOS amount is the file's).
    home = _price("12")
    assert rows[2]["allowed"] == f"{home['dmepos']['amount']:.2f}"  # type: ignore[index]
    assert DMEPOS_AT_FACILITY_REASON not in rows[2]["note"]
