"""A lab's and a DME item's own notes (the CLFS's "no QW row", KJ's 75%, the DMEPOS rural ZIP file, a state with no
separate rural fee) are in price's CSV as JSON's clfs.notes / dmepos.notes, the table and batch's note column say them:
a trial found `price E0784-RR-KJ --zip 56701 -f csv` with dmepos_amount 418.31 (75% of the $557.75 rental) and no
word of KJ in any column. Appended after drug_notes: the published columns stay where they were."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()


def _price(args: list[str], fmt: str) -> str:
    out = runner.invoke(app, ["price", *args, "-f", fmt])
    assert out.exit_code == 0, out.output
    return out.stdout


@pytest.mark.parametrize(
    ("args", "section", "said"),
    [
        (["E0784-RR-KJ", "--zip", "56701"], "dmepos", ["KJ (capped rental month 4 or later): 75%", "rural ZIP"]),
        (["E2103-NU", "--zip", "56701", "--state", "MN", "--rural"], "dmepos", ["No separate rural DMEPOS fee"]),
        (["82962-QW", "--zip", "55905"], "clfs", ["CLIA-waived test CMS recognises without QW"]),
    ],
)
def test_price_csv_has_the_schedules_notes(args: list[str], section: str, said: list[str]) -> None:
    notes = json.loads(_price(args, "json"))[section]["notes"]
    (row,) = csv.DictReader(io.StringIO(_price(args, "csv")))
    assert notes and row[f"{section}_notes"] == " | ".join(notes)
    for words in said:
        assert words in row[f"{section}_notes"], row[f"{section}_notes"]


def test_the_kj_rental_is_75_percent_of_the_fee_and_says_so() -> None:
    (row,) = csv.DictReader(io.StringIO(_price(["E0784-RR-KJ", "--zip", "56701"], "csv")))
    rental = json.loads(_price(["E0784-RR", "--zip", "56701"], "json"), parse_float=Decimal)["dmepos"]["amount"]
    # DMEPOS26_JAN.xlsx: E0784 RR, MN (NR) 557.75; KJ's 75% of it, 418.3125, rounded half-up to the cent.
    assert (rental, Decimal(row["dmepos_amount"])) == (Decimal("557.75"), Decimal("418.31"))
    assert "75%" in row["dmepos_notes"]


def test_an_encounters_lines_keep_their_own_notes_and_the_new_columns_come_last() -> None:
    args = ["J0887", "82962-QW", "E0784-RR-KJ", "--units", "60", "--units", "1", "--units", "1", "--zip", "56701"]
    doc = json.loads(_price(args, "json"))
    rows = list(csv.DictReader(io.StringIO(_price(args, "csv"))))
    for line, row in zip(doc["lines"], rows, strict=True):
        for section in ("drug", "clfs", "dmepos"):
            expected = " | ".join(line[section]["notes"]) if line.get(section) else ""
            assert row[f"{section}_notes"] == expected
    names = list(rows[0])  # then only the physician's claim's shares (site_*_professional_*), added later
    at = names.index("drug_notes")
    assert names[at : at + 3] == ["drug_notes", "clfs_notes", "dmepos_notes"]
    assert all(name.endswith(("_professional_beneficiary", "_professional_medicare")) for name in names[at + 3 :])
    # the same order when the DME item comes first: the header does not depend on the lines' order
    reordered = ["E0784-RR-KJ", "82962-QW", "--units", "1", "--units", "1", "--zip", "56701"]
    header = next(csv.reader(io.StringIO(_price(reordered, "csv"))))
    assert header[header.index("clfs_notes") : header.index("clfs_notes") + 2] == ["clfs_notes", "dmepos_notes"]
    assert all(name.endswith(("_beneficiary", "_medicare")) for name in header[header.index("dmepos_notes") + 1 :])
