"""Stereotactic radiosurgery planning codes beside the SRS comprehensive APC 5627: CMS's separate payment of the 10
planning and preparation codes (CY2016 OPPS final rule, 80 FR 70336) could not be checked against CMS's text here, so
the lines stay packaged and say so, in price and batch alike (a radiation oncology trial: 77290 packaged, $434.99 ->
$0.00, with no word of the rule)."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine.facility import SRS_APC, SRS_PLANNING_CODES, SRS_PLANNING_NOTE
from rvucalc.lookup.pricer import Pricer

ADDENDUM_B = (
    Path(__file__).resolve().parents[1]
    / "data"
    / "opps"
    / "2025"
    / ("508 version of October 2025 Web Addendum B.10.31.25.csv")
)
DAY = {"zip_code": "10065", "date_of_service": "2025-11-03"}


def _addendum_b(code: str) -> dict[str, str]:
    with ADDENDUM_B.open(encoding="latin-1", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[4]
    return next(dict(zip(header, row, strict=False)) for row in rows[5:] if row and row[0] == code)


def _batch(pricer: Pricer, cells: list[tuple[str, str, str]]) -> list[dict[str, Any]]:
    rows = [{"claim": claim, "code": code, "date": date, "setting": "22", "zip": "10065"}
            for claim, code, date in cells]  # fmt: skip
    table = pa.table({name: [row[name] for row in rows] for name in rows[0]})
    return BatchPricer(pricer).price_table(table).to_pylist()


def test_srs_planning_lines_beside_apc_5627_say_cms_s_rule_and_stay_packaged(pricer: Pricer) -> None:
    assert _addendum_b("77372")["APC"] == SRS_APC and _addendum_b("77372")["SI"] == "J1"
    assert "77290" in SRS_PLANNING_CODES and "77338" not in SRS_PLANNING_CODES and len(SRS_PLANNING_CODES) == 10
    # 77014 is SI N: $0.00 anyway, no note (a review found it told it may be paid apart).
    assert _addendum_b("77014")["SI"] == "N"
    codes = ["77372", "77290", "77338", "77300", "77014-26"]
    encounter = pricer.price_encounter(codes, setting="hopd", **DAY)
    out = _batch(pricer, [("A", code, "2025-11-03") for code in codes])
    for line, row in zip(encounter.lines, out, strict=True):
        assert line.opps is not None
        said = SRS_PLANNING_NOTE in line.opps.notes
        assert said == (line.code == "77290")
        assert said == (SRS_PLANNING_NOTE in row["note"]), line.code
        assert Decimal(str(row["opps_rate"])) == line.opps.rate  # the money unchanged: packaged, in both
    planning = encounter.lines[1].opps
    assert planning is not None and planning.rate == Decimal("0.00")
    assert planning.national_rate == Decimal(_addendum_b("77290")["Payment Rate"].replace("$", "").replace(",", ""))


def test_no_srs_note_beside_another_comprehensive_apc_and_on_a_claim_across_dates(pricer: Pricer) -> None:
    """29881 (a J1 of another APC) packages 77290 without the SRS note; a claim whose APC 5627 is on another date than
    its planning line (the claim's C-APC packages it) says it."""
    encounter = pricer.price_encounter(["29881", "77290"], setting="hopd", **DAY)
    assert encounter.lines[1].opps is not None and SRS_PLANNING_NOTE not in encounter.lines[1].opps.notes
    out = _batch(pricer, [("C", "29881", "2025-11-03"), ("C", "77290", "2025-11-03"),
                          ("B", "77372", "2025-11-03"), ("B", "77295", "2025-11-04")])  # fmt: skip
    assert SRS_PLANNING_NOTE not in out[1]["note"]
    assert SRS_PLANNING_NOTE in out[3]["note"] and Decimal(str(out[3]["opps_rate"])) == Decimal("0.00")


def test_the_encounter_table_says_the_srs_rule_on_the_planning_line() -> None:
    result = CliRunner().invoke(app, ["price", "77372", "77290", "--setting", "hopd", "--zip", "10065", "--date",
                                      "2025-11-03"])  # fmt: skip
    assert result.exit_code == 0
    assert f"77290: {SRS_PLANNING_NOTE}"[:80] in " ".join(result.stdout.split())
