"""A SNF group's trial: G2211 beside its practitioner's 99306 at POS 31 (and an NP's beside 99309) was told "there is
none by the same practitioner on this claim and date", as if the nursing facility visit had been missed. G2211's
visits are the office/outpatient ones (from 2026 the home or residence visits too), not nursing facility care: the
note now names the visit billed as none of them. The amounts are unchanged (priced as given, CMS's own fee), price and
batch alike; a 2026 home visit's G2211 says nothing, a G2211 alone keeps the plain note."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app

REST_OF_FLORIDA = "0910299"  # ZIP 33606's locality (CMS's ZIP5 file)
NOT_NF = "not to a nursing facility visit (99304-99310) or discharge (99315-99316) as billed here"
PLAIN = "G2211 is an add-on to an office/outpatient E/M visit"


def _g2211_row(rows: list[dict[str, str]], claim: str) -> dict[str, str]:
    return next(row for row in rows if row["Claim #"] == claim and row["CPT"] == "G2211")


def test_batch_names_the_nursing_facility_visit_and_keeps_the_amount(tmp_path: Path) -> None:
    source = tmp_path / "rounds.csv"
    source.write_text(
        "Claim #,DOS,POS,Facility ZIP,CPT,Units,Provider Credential\n"
        "S1,08/04/2026,31,33606,99306,1,MD\n"
        "S1,08/04/2026,31,33606,G2211,1,MD\n"
        "S2,08/04/2026,32,33606,99316,1,MD\n"
        "S2,08/04/2026,32,33606,G2211,1,MD\n"
        "S3,08/04/2026,13,33606,99349,1,MD\n"
        "S3,08/04/2026,13,33606,G2211,1,MD\n"
        "S4,08/04/2026,31,33606,99309,1,NP\n"
        "S4,08/04/2026,31,33606,G2211,1,MD\n"
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open()))
    snf, nf, home, other = (_g2211_row(rows, claim) for claim in ("S1", "S2", "S3", "S4"))
    assert NOT_NF in snf["note"] and NOT_NF in nf["note"]
    assert PLAIN not in home["note"]  # 2026: a home or residence visit is G2211's
    assert PLAIN in other["note"] and NOT_NF not in other["note"]  # the NP's visit is another practitioner's
    assert Decimal(snf["allowed"]) == fee_2026("G2211", REST_OF_FLORIDA, facility=True), snf
    assert Decimal(nf["allowed"]) == fee_2026("G2211", REST_OF_FLORIDA), nf
    assert Decimal(home["allowed"]) == fee_2026("G2211", REST_OF_FLORIDA), home


def test_price_says_batch_s_note() -> None:
    result = CliRunner().invoke(
        app, ["price", "99306", "G2211", "--zip", "33606", "--setting", "31", "--date", "2026-08-04", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    g2211 = next(line for line in out["lines"] if line["code"] == "G2211")
    assert any(NOT_NF in note for note in g2211["notes"]), g2211["notes"]
    alone = CliRunner().invoke(
        app, ["price", "G2211", "--zip", "33606", "--setting", "31", "--date", "2026-08-04", "-f", "json"]
    )
    assert alone.exit_code == 0, alone.output
    notes = " ".join(json.loads(alone.stdout)["notes"])
    assert PLAIN in notes and NOT_NF not in notes
