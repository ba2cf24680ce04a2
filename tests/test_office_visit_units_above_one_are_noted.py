"""An office or other outpatient visit (99202-99215) billed as several units says it is one service a date.

A Chicago-suburbs group's Medicare Advantage remit (ZIP 60540, 2026-04-04) carried 99213 x 2 on one line: priced
$198.26, twice one visit, with no word. One E/M visit is reported a date by the same practitioner (or the group's same
specialty), the level chosen for the combined visits, unless a later one is for an unrelated problem (Claims Processing
Manual ch. 12 §30.6.5). The amount stays units x one visit's (CMS's RVU x GPCI x CF, tests/cms_fees.py); the note is
price's and batch's alike.
"""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _batch, _money

runner = CliRunner()
SUBURBAN_CHICAGO = "0610215"
SAID = "99213 x 2: an office or outpatient visit is one service"


def test_a_visit_line_of_two_units_is_noted_in_price_and_batch(tmp_path: Path) -> None:
    one = fee_2026("99213", SUBURBAN_CHICAGO)
    done = runner.invoke(app, ["price", "99213", "--units", "2", "--zip", "60540", "--date", "2026-08-04",
                               "--setting", "11", "-f", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    doc = json.loads(done.stdout)
    [office] = doc["sites"]
    assert Decimal(str(office["allowed"])) == 2 * one  # priced as given
    assert any(SAID in note and "§30.6.5" in note for note in doc["notes"])
    source, output = tmp_path / "remit.csv", tmp_path / "out.csv"
    source.write_text("Claim ID,DOS,CPT/HCPCS,Units,POS,Service Facility ZIP,Rendering Provider\n"
                      'C1,08/04/2026,99213,2,11,60540,"NOWAK, ANNA MD"\n'
                      'C2,08/04/2026,99214,1,11,60540,"NOWAK, ANNA MD"\n')  # fmt: skip
    done = runner.invoke(app, ["batch", str(source), "-o", str(output)])
    assert done.exit_code == 0, done.output
    two, single = csv.DictReader(output.open())
    assert Decimal(two["allowed"]) == 2 * one
    assert SAID in two["note"]
    assert "is one service" not in single["note"]


def test_a_visit_of_two_units_on_the_hospital_s_own_bill_has_no_practitioner_units_note(
    pricer: Pricer, addendum_b: dict[str, tuple[str, Decimal | None]]
) -> None:
    """On the hospital's own bill (type of bill 13x) 99213 is status B, the line saying to bill G0463: the note of what
    "the same practitioner" reports is not the hospital's (a review's TOB 131 row of 99213 x 2, ZIP 60540). Price and
    batch alike; the practitioner's claim at the hospital (POS 22) keeps it, its PFS facility fee CMS's own."""
    date = "2025-11-03"  # the installed OPPS (October 2025 Addendum B)
    single = pricer.price("99213", zip_code="60540", date_of_service=date, setting="131", units=2)
    (row,) = _batch(pricer, [{"claim": "T", "code": "99213", "units": "2", "zip": "60540", "date": date,
                              "setting": "131"}])  # fmt: skip
    assert addendum_b["99213"][0] == single.opps.status_indicator == "B"
    assert any("bills G0463" in said for said in single.notes + [site.reason or "" for site in single.sites])
    assert "bills G0463" in (row["note"] or "")
    assert not any(SAID in note for note in single.notes) and SAID not in (row["note"] or "")
    physician = pricer.price("99213", zip_code="60540", date_of_service=date, setting="22", units=2)
    assert any(SAID in note for note in physician.notes)  # the practitioner's claim keeps it
    assert single.pfs.facility.amount == physician.pfs.facility.amount == _money(row["pfs_facility_amount"])
