"""01996 (daily hospital management of epidural or subarachnoid drug administration) on the date of an anesthetic or of
a continuous catheter's placement: "separately payable on dates of service subsequent to surgery but not on the date of
surgery" (NCCI Policy Manual ch. II), not with 64416, 64446, 64448 or 64449 (NGS Medicare). An anesthesia group's
trial's 01967 + 01996 of one claim and date was priced with no word. Now noted, in batch and price alike; the amount is
unchanged: 3 base units and no time units (ch. 12 §50.G) x ANES2026's Manhattan CF."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from conftest import TESTS
from rvucalc.cli import app

runner = CliRunner()
ANES2026 = TESTS.parent / "data" / "rvu" / "2026" / "ref_anes_conversion_factor.csv"  # CMS's ANES2026 (RVU26A)
HEADER = "Case Number,Anesthesia Date,CPT,Mod1,Base Units,Minutes,POS,Facility Zip,Provider Type\n"
SAID = "01996 is payable on the days after surgery, not on its date (NCCI Policy Manual, ch. II)"


def cms_01996() -> Decimal:
    with ANES2026.open(newline="", encoding="latin-1") as handle:
        (cf,) = [Decimal(row[-1].strip()) for row in csv.reader(handle) if row[:2] == ["13202 ", "01 "]]
    return (3 * cf).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def run(tmp_path: Path, rows: str) -> list[dict[str, str]]:
    source, target = tmp_path / "cases.csv", tmp_path / "out.csv"
    source.write_text(HEADER + rows)
    done = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    assert done.exit_code == 0, done.output
    return list(csv.DictReader(target.open()))


def test_01996_beside_the_same_day_labor_epidural_is_noted_in_batch(tmp_path: Path) -> None:
    rows = run(tmp_path, "M4,08/04/2026,01967,QZ,5,300,21,10001,CRNA\n"
                         "M4,08/04/2026,01996,AA,3,0,21,10001,MD\n"
                         "M5,08/05/2026,01996,AA,3,0,21,10001,MD\n"
                         "M6,08/05/2026,64448,59,,1,21,10001,MD\n"
                         "M6,08/05/2026,01996,AA,3,0,21,10001,MD\n")  # fmt: skip
    epidural, same_day, next_day, catheter, with_catheter = rows
    assert SAID in same_day["note"] and "billed with 01967" in same_day["note"]
    assert SAID in with_catheter["note"] and "billed with 64448" in with_catheter["note"]
    assert SAID not in next_day["note"] and SAID not in epidural["note"] and SAID not in catheter["note"]
    for row in (same_day, next_day, with_catheter):
        assert Decimal(row["pfs_facility_amount"]) == cms_01996()  # $68.43, unchanged


def test_01996_beside_an_anesthetic_is_noted_in_price_as_in_batch() -> None:
    args = ["price", "01967-QZ", "01996-AA", "--base-units", "5", "--base-units", "3", "--minutes", "300",
            "--minutes", "0", "--zip", "10001", "--setting", "21", "--date", "2026-08-04", "-f", "json"]  # fmt: skip
    done = runner.invoke(app, args)
    assert done.exit_code == 0, done.output
    lines = json.loads(done.stdout)["lines"]
    assert [SAID in " ".join(line["notes"]) for line in lines] == [False, True]
    alone = runner.invoke(app, [*args[:1], "01996-AA", "--base-units", "3", "--minutes", "0", *args[11:]])
    assert alone.exit_code == 0, alone.output
    assert SAID not in alone.stdout


def test_01996_on_the_days_after_the_anesthetic_of_its_claim_is_not_noted(tmp_path: Path) -> None:
    """A claim of several dates (the anesthetic's, then two days' management): only the anesthetic's date is that of
    surgery (a review)."""
    rows = run(tmp_path, "M7,08/04/2026,01967,QZ,5,300,21,10001,CRNA\n"
                         "M7,08/05/2026,01996,AA,3,0,21,10001,MD\n"
                         "M7,08/06/2026,01996,AA,3,0,21,10001,MD\n")  # fmt: skip
    assert [SAID in row["note"] for row in rows] == [False, False, False]
