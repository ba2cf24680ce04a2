"""A podiatry trial (Phoenix, AZ 85016): `rvucalc price 11721-AT` said "Modifier AT is informational" as on any
line. AT (acute treatment) is chiropractic manipulation's modifier, billed on 98940-98942 only (Benefit Policy
Manual ch. 15 §240.1.3; Palmetto GBA and Noridian: "may only be submitted with CPT codes 98940, 98941 and 98942"):
on another code it reports nothing, and the note now says so, in price and batch alike, as Q7-Q9 off routine foot
care do. The amount stays the line's, CMS's RVU25D 11721 row at AZ's GPCI2025 row (1.000, 0.975, 0.854) x 32.3465.
"""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from conftest import run_batch_rows
from rvucalc.lookup.pricer import Pricer

RVU = Path("/work/shared/cms/2025/PPRRVU2025_Oct.csv")
GPCI = Path("/work/shared/cms/2025/GPCI2025.csv")
DATE = "2025-11-18"
SAID = "AT (acute treatment) is chiropractic manipulation's modifier, billed on 98940-98942 only"


def _az_office_amount(code: str) -> str:
    """CMS's RVU25D non-facility amount of ``code`` at Arizona's GPCIs (GPCI2025, 03102 locality 00), half-up."""
    [rvu] = [row for row in csv.reader(RVU.open(encoding="latin-1")) if row and row[0] == code and not row[1]]
    [gpci] = [row for row in csv.reader(GPCI.open(encoding="latin-1")) if row[:3] == ["03102", "AZ", "00"]]
    work, pe, mp = (Decimal(rvu[i]) for i in (5, 6, 10))
    total = work * Decimal(gpci[4]) + pe * Decimal(gpci[5]) + mp * Decimal(gpci[6])
    return str((total * Decimal(rvu[24])).quantize(Decimal("0.01"), ROUND_HALF_UP))


def test_at_on_a_nail_debridement_says_it_reports_nothing_in_price_and_batch(pricer: Pricer, tmp_path: Path) -> None:
    single = pricer.price("11721", modifier=["AT", "Q8"], zip_code="85016", date_of_service=DATE)
    assert any(SAID in note for note in single.notes), single.notes
    assert not any("Modifier AT is informational" in note for note in single.notes), single.notes
    office = next(site for site in single.sites if site.setting == "office")
    assert str(office.total) == _az_office_amount("11721")
    rows = [{"Claim ID": "C2001", "CPT Code": "11721", "Mod 1": "AT", "Mod 2": "Q8", "POS": "11",
             "Svc Facility ZIP": "85016", "DOS": "11/18/2025", "Units": "1"}]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    assert SAID in out[0]["note"] and "Modifier AT is informational" not in out[0]["note"], out[0]["note"]
    assert out[0]["allowed"] == _az_office_amount("11721")


def test_at_on_a_manipulation_keeps_its_note(pricer: Pricer) -> None:
    single = pricer.price("98941", modifier="AT", zip_code="85016", date_of_service=DATE)
    assert not any(SAID in note for note in single.notes), single.notes
    assert any("Modifier AT is informational" in note for note in single.notes), single.notes
