"""AB (audiologist's direct access, no physician/NPP order) on a line that cannot carry it (engine.modifiers.
ab_line_note): a vestibular test (the exception excludes services related to disequilibrium: 92517-92519,
92537-92549) or a practitioner named as no audiologist (MLN Matters MM13055: the audiologist's NPI is the rendering
provider of the AB line). An ENT and audiology trial's 92537-AB, 92540-AB and an NP's 92557-AB read only AB's general
note ("which rvucalc does not check"). Now each is noted, in price and batch alike; an audiologist's 92557-AB, and a
line with no practitioner named, are not; the amounts stay CMS's (RVU26C and the 2026 GPCIs, TENNESSEE 1031235)."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026, rvu_2026_row
from rvucalc.cli import app
from rvucalc.engine.modifiers import AB_NOT_AUDIOLOGIST_NOTE, AB_VESTIBULAR_NOTE, AB_VESTIBULAR_TESTS
from rvucalc.paths import data_dir
from test_add_ons_without_primary import _money

ZIP, DATE, LOCALITY = "37203", "2026-08-12", "1031235"
runner = CliRunner()

# (code, --provider, the note expected or None)
LINES: list[tuple[str, str, str | None]] = [
    ("92537", "audiologist", AB_VESTIBULAR_NOTE.format(code="92537")),
    ("92540", "audiologist", AB_VESTIBULAR_NOTE.format(code="92540")),
    ("92517", "physician", AB_VESTIBULAR_NOTE.format(code="92517")),
    ("92557", "np", AB_NOT_AUDIOLOGIST_NOTE.format(whose="the NP's")),
    ("92567", "pa", AB_NOT_AUDIOLOGIST_NOTE.format(whose="the PA's")),
    ("92557", "audiologist", None),
    ("92557", "physician", None),  # no practitioner named: AB names the audiologist
]
CREDENTIAL = {"audiologist": "AuD", "np": "NP", "pa": "PA-C", "physician": ""}


def _price_json(*arguments: str) -> dict[str, Any]:
    done = runner.invoke(app, ["price", *arguments, "--zip", ZIP, "--date", DATE, "--setting", "11", "-f", "json"])
    assert done.exit_code == 0, done.output
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def test_the_vestibular_codes_are_cms_paid_balance_tests() -> None:
    """RVU26C's rows of the ranges (92539 and 92543 are not in it): each a paid PFS service, a vestibular test."""
    path = data_dir() / "rvu" / "2026" / "PPRRVU2026_Jul_nonQPP.csv"
    with path.open(encoding="latin-1", newline="") as handle:
        rows = {row[0]: row for row in csv.reader(handle) if row and row[0] in AB_VESTIBULAR_TESTS and not row[1]}
    assert len(rows) == 14, sorted(rows)
    for code, row in rows.items():
        assert row[3] == "A", code
    assert rvu_2026_row("92540")[2] == "Basic vestibular evaluation"
    assert {"92537", "92540", "92517"} <= AB_VESTIBULAR_TESTS and "92557" not in AB_VESTIBULAR_TESTS


@pytest.mark.parametrize(("code", "provider", "note"), LINES)
def test_price_says_it(code: str, provider: str, note: str | None) -> None:
    doc = _price_json(f"{code}-AB", "--provider", provider)
    said = [n for n in doc["notes"] if n.startswith(f"{code} with AB") or n.startswith("AB (audiologist")]
    assert said == ([note] if note else []), doc["notes"]


def test_batch_says_what_price_says(tmp_path: Path) -> None:
    source = tmp_path / "aud.csv"
    source.write_text(
        "Claim #,DOS,POS,CPT,Mod 1,Units,Credentials,Service Zip\n"
        + "".join(
            f"A{n},08/12/2026,11,{code},AB,1,{CREDENTIAL[provider]},{ZIP}\n"
            for n, (code, provider, _) in enumerate(LINES)
        )
    )
    out = tmp_path / "out.csv"
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    for row, (code, _, note) in zip(csv.DictReader(out.open()), LINES, strict=True):
        parts = row["note"].split("; ")
        said = [n for n in parts if n.startswith(f"{code} with AB") or n.startswith("AB (audiologist")]
        assert said == ([note] if note else []), (code, row["note"])
        expected = fee_2026(code, LOCALITY)
        if row["Credentials"] in ("NP", "PA-C"):
            continue  # their 85% (priced elsewhere): AB changes no amount
        assert _money(row["pfs_non_facility_amount"]) == expected, row
