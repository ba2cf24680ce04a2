"""A terminated (73) or reduced (52) ASC line is neither discounted further nor ranked (engine.facility.
ASC_UNRANKED_NOTE): beside 29881-73 ($943.79, 50% of its ASC rate), 20610 is the highest procedure the ASC ranks and is
paid in full ($44.69), while the PFS side halves 20610. That was shown with no word of why; the line paid in full now
says so, in price (JSON and the table) and batch alike."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.facility import ASC_UNRANKED_NOTE

PLACE = ["--zip", "10001", "--date", "2026-08-03"]


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def asc_lines(*codes: str) -> dict[str, dict[str, Any]]:
    result = run("price", *codes, *PLACE, "--setting", "asc", "-f", "json")
    assert result.exit_code == 0, result.output
    return {line["code"] + "".join(f"-{m}" for m in line["modifiers"]): line["asc"]
            for line in json.loads(result.stdout)["lines"]}  # fmt: skip


def alone(code: str) -> Decimal:
    result = run("price", code, *PLACE, "--setting", "asc", "-f", "json")
    assert result.exit_code == 0, result.output
    return Decimal(str(json.loads(result.stdout)["asc"]["rate"]))


def test_the_line_paid_in_full_beside_a_73_line_paid_more_says_why() -> None:
    lines = asc_lines("29881-73", "20610")
    assert Decimal(str(lines["20610"]["rate"])) == alone("20610")  # in full: ranked alone
    assert Decimal(str(lines["29881-73"]["rate"])) == alone("29881-73") > alone("20610")
    assert ASC_UNRANKED_NOTE in lines["20610"]["notes"] and ASC_UNRANKED_NOTE not in lines["29881-73"]["notes"]
    table = run("price", "29881-73", "20610", *PLACE, "--setting", "asc")
    assert "20610: ASC multiple procedure discounting: paid in full" in table.stdout
    # two ranked lines: the higher in full says it, the lower is halved as before
    three = asc_lines("29881-73", "20610", "20611")
    assert ASC_UNRANKED_NOTE in three["20611"]["notes"] and ASC_UNRANKED_NOTE not in three["20610"]["notes"]
    assert Decimal(str(three["20611"]["rate"])) == alone("20611")
    # a 73 line paid less than the ranked one explains nothing: no note
    low = asc_lines("29881", "20610-73")
    assert all(ASC_UNRANKED_NOTE not in line["notes"] for line in low.values())


def test_batch_says_it_on_the_same_line(tmp_path: Path) -> None:
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text("claim,code,zip,date,setting\n"
                      "A,29881-73,10001,2026-08-03,asc\nA,20610,10001,2026-08-03,asc\n"
                      "B,29881-73,10001,2026-08-03,asc\nB,20610,10001,2026-08-03,asc\nB,20611,10001,2026-08-03,asc\n"
                      "C,29881,10001,2026-08-03,asc\nC,20610-73,10001,2026-08-03,asc\n")  # fmt: skip
    result = run("batch", str(source), "-o", str(target))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(target.open()))
    said = [ASC_UNRANKED_NOTE in row["note"] for row in rows]
    assert said == [False, True, False, False, True, False, False]
    priced = {key: asc_lines(*codes) for key, codes in
              (("A", ("29881-73", "20610")), ("B", ("29881-73", "20610", "20611")))}  # fmt: skip
    for row in rows[:5]:
        expected = priced[row["claim"]][row["code"]]["rate"]
        assert Decimal(row["asc_rate"]) == Decimal(str(expected)), row["code"]
