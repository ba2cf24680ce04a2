"""With --setting, the encounter table's per-line columns are the chosen site's: the PFS's Office and Facility rates
(its own two), and the OPPS column at a hospital outpatient place or the ASC column at an ASC, never the other site's.
A trial: `price 36902 36905 --zip 48201 --setting 11` showed an ASC $1,282.17 an office-based lab's biller took for
its own, and `price 64447 00400 --setting 21` OPPS and ASC columns right below "no OPPS/ASC facility payment is priced
for this place". JSON and CSV are unchanged (contracts): their lines keep every section."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.cli.tables import dollars

# 2025: the October 2025 Addendum B (OPPS) and the ASC addenda are installed, so both facility columns have rates.
ARGS = ["price", "36902", "36905", "--zip", "48201", "--date", "2025-11-03"]
WIDE = {"COLUMNS": "400"}
runner = CliRunner()


def _run(*extra: str) -> Any:
    result = runner.invoke(app, [*ARGS, *extra], env=WIDE)
    assert result.exit_code == 0, result.output
    return result


def _lines_table(stdout: str) -> tuple[list[str], dict[str, list[str]]]:
    """The per-line table's header and its rows by code (the first table printed)."""
    lines = stdout.splitlines()
    header = next(line for line in lines if line.startswith("┃ Line"))
    columns = [cell.strip() for cell in header.strip("┃").split("┃")]
    rows = {}
    for line in lines:
        if line.startswith("│ 369"):
            cells = [cell.strip() for cell in line.strip("│").split("│")]
            rows[cells[0]] = cells
        elif rows and line.startswith("└"):
            break
    return columns, rows


def _cell(section: dict[str, Any] | None, key: str) -> str:
    if section is None or not section.get("payable"):
        return "—"
    return dollars(Decimal(str(section[key])))


@pytest.mark.parametrize(
    ("setting", "facility_columns"),
    [
        ("11", []),  # the office: no hospital or ASC payment
        ("81", []),  # an independent lab: priced like the office
        ("office", []),
        ("22", ["OPPS"]),  # hospital outpatient: its OPPS column, no ASC
        ("19", ["OPPS"]),
        ("hopd", ["OPPS"]),
        ("24", ["ASC"]),  # the ASC: its column, no OPPS
        ("asc", ["ASC"]),
        ("21", []),  # inpatient: the PFS facility rate, no OPPS/ASC payment priced there
        ("31", []),  # a SNF: likewise
    ],
)
def test_the_line_table_shows_only_the_chosen_site_s_facility_column(setting: str, facility_columns: list[str]) -> None:
    table = _run("--setting", setting)
    columns, rows = _lines_table(table.stdout)
    assert columns == ["Line", "Description", "Office", "Facility", *facility_columns], columns
    document = json.loads(_run("--setting", setting, "--format", "json").stdout)
    assert [line["code"] for line in document["lines"]] == list(rows)
    for line in document["lines"]:
        pfs = line["pfs"]
        # The PFS's two rates stay whatever the setting: its own information, as the single code's PFS table.
        expected = [line["code"], line["description"], dollars(Decimal(str(pfs["non_facility"]["amount"]))),
                    dollars(Decimal(str(pfs["facility"]["amount"])))]  # fmt: skip
        if "OPPS" in facility_columns:
            expected.append(_cell(line["opps"], "rate"))
        if "ASC" in facility_columns:
            expected.append(_cell(line["asc"], "rate"))
        assert rows[line["code"]] == expected
    if facility_columns == ["ASC"]:  # the line's ASC rate, from Addendum AA at the county's wage index: it is shown
        assert all(line["asc"]["payable"] and line["asc"]["rate"] for line in document["lines"])


def test_without_a_setting_every_site_s_column_is_shown() -> None:
    columns, rows = _lines_table(_run().stdout)
    assert columns == ["Line", "Description", "Office", "Facility", "OPPS", "ASC"], columns
    document = json.loads(_run("--format", "json").stdout)
    for line in document["lines"]:
        assert rows[line["code"]][4:] == [_cell(line["opps"], "rate"), _cell(line["asc"], "rate")]


@pytest.mark.parametrize("setting", ["11", "22", "24", "21"])
def test_json_and_csv_keep_every_section_of_the_lines(setting: str) -> None:
    """The table's columns are presentation: JSON's lines keep their opps and asc sections, CSV its columns."""
    every = json.loads(_run("--format", "json").stdout)
    one = json.loads(_run("--setting", setting, "--format", "json").stdout)
    for mine, all_sites in zip(one["lines"], every["lines"], strict=True):
        for name in ("opps", "asc"):
            assert mine[name] is not None and mine[name]["rate"] == all_sites[name]["rate"], (name, mine[name])
    header = next(csv.reader(io.StringIO(_run("--setting", setting, "--format", "csv").stdout)))
    assert {"opps_rate", "asc_rate", "non_facility_amount", "facility_amount"} <= set(header), header


@pytest.mark.parametrize(("setting", "opps", "asc"), [("11", False, False), ("22", True, False), ("24", False, True),
                                                      ("21", False, False), (None, True, True)])  # fmt: skip
def test_a_single_code_s_facility_lines_are_the_chosen_site_s(setting: str | None, opps: bool, asc: bool) -> None:
    """One code's "OPPS <release>: SI ..." and "ASC <release>: PI ... national $..." lines follow --setting as the
    encounter table's columns do (a nephrology trial's office-based lab read 36902's ASC national rate as its own)."""
    extra = ["--setting", setting] if setting else []
    result = runner.invoke(app, ["price", "36902", "--zip", "48201", "--date", "2025-11-03", *extra], env=WIDE)
    assert result.exit_code == 0, result.output
    said = json.loads(runner.invoke(app, ["price", "36902", "--zip", "48201", "--date", "2025-11-03", *extra,
                                          "--format", "json"]).stdout)  # fmt: skip
    lines = result.stdout.splitlines()
    assert any(line.startswith(f"OPPS {said['opps']['release']}: SI ") for line in lines) is opps
    assert any(line.startswith(f"ASC {said['asc']['release']}: PI ") for line in lines) is asc
    assert said["opps"]["rate"] is not None and said["asc"]["rate"] is not None  # JSON keeps both sections
