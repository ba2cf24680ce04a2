"""PO or PN on a hospital line whose OPPS rate it leaves as it was: PO beside any code but the clinic visit G0463 (and,
from 2026, drug administration), PO on G0463 at a rural sole community hospital, PN on a separately paid drug (SI K).
The line says it keeps its rate (engine.modifiers.apply_facility_modifiers), in price and batch alike, not the
generic "Modifier PO does not change the PFS amount: it changes the hospital's (OPPS) rate" (lookup.lines), which
those rates contradict. A hospital revenue integrity trial's batch at an off-campus department (POS 19, Boston)
said only the generic note on 96413-PO and J9271-PN, their rates Addendum B's in full; price said both notes.

CMS's figures: the October 2025 Addendum B rows of 96413 (APC 5694, $331.690), J9271 (SI K, $60.291) and G0463
(APC 5012, $128.870) and the CY2025 wage index of CBSA 14454 (Boston, 1.1301), read from the shipped files."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer, Scenario
from rvucalc.lookup.pricer import Pricer

DATA = Path(__file__).resolve().parents[1] / "data" / "opps" / "2025"
ADDENDUM_B = DATA / "508 version of October 2025 Web Addendum B.10.31.25.csv"
WAGE_INDEX = DATA / "asc_wage_index_2025.txt"
DAY = "2025-11-07"
BOSTON = "02114"  # Suffolk County, CBSA 14460, metropolitan division 14454
GENERIC = "Modifier {} does not change the PFS amount: it changes the hospital's (OPPS) rate."
CENT = Decimal("0.01")


def _addendum_b(code: str) -> tuple[str, Decimal]:
    with ADDENDUM_B.open(encoding="latin-1", newline="") as handle:
        row = next(row for row in csv.reader(handle) if row and row[0] == code)
    return row[2], Decimal(row[5].replace("$", "").replace(",", ""))


def _opps_rate(code: str, units: int = 1) -> Decimal:
    """CMS's OPPS line payment in Boston: Addendum B's national rate, 60% wage-adjusted (SI K: national), x units."""
    si, national = _addendum_b(code)
    wage = next(Decimal(line.split("\t")[-1]) for line in WAGE_INDEX.read_text(encoding="latin-1").splitlines()
                if line.split("\t")[0] == "14454")  # fmt: skip
    factor = Decimal(1) if si == "K" else Decimal("0.6") * wage + Decimal("0.4")
    return (national * factor * units).quantize(CENT, ROUND_HALF_UP)


KEPT = [("96413", "PO", "PO: 96413 keeps the OPPS rate"), ("J9271", "PN", "PN: a drug or biological (SI K) keeps")]


@pytest.mark.parametrize(("code", "modifier", "kept"), KEPT)
def test_price_says_the_rate_is_kept_not_that_the_modifier_changes_it(
    pricer: Pricer, code: str, modifier: str, kept: str
) -> None:  # fmt: skip
    result = pricer.price(f"{code}-{modifier}", zip_code=BOSTON, date_of_service=DAY, setting="19")
    assert result.opps.rate == _opps_rate(code) and not result.opps.adjustments
    assert any(note.startswith(kept) for note in result.opps.notes)
    assert GENERIC.format(modifier) not in result.notes


@pytest.mark.parametrize(("code", "modifier", "kept"), KEPT)
def test_batch_says_the_rate_is_kept_as_price_does(pricer: Pricer, code: str, modifier: str, kept: str) -> None:
    units = 200 if code == "J9271" else 1
    table = pa.table({"code": [code], "modifier": [modifier], "zip": [BOSTON], "date": [DAY], "setting": ["19"],
                      "units": [units]})  # fmt: skip
    out = BatchPricer(pricer, Scenario.parse()).price_table(table).to_pylist()[0]
    assert Decimal(str(out["hopd_allowed"])) == _opps_rate(code, units)
    single = pricer.price(f"{code}-{modifier}", zip_code=BOSTON, date_of_service=DAY, setting="19")
    said = next(note for note in single.opps.notes if note.startswith(kept))
    assert said in out["note"].split("; ")
    assert GENERIC.format(modifier) not in out["note"]


def test_the_clinic_visit_s_po_keeps_its_generic_note_and_its_cut(pricer: Pricer) -> None:
    """G0463-PO is cut to 40% (CY2019 OPPS final rule): the generic note holds, beside the rule's figures."""
    table = pa.table({"code": ["G0463"], "modifier": ["PO"], "zip": [BOSTON], "date": [DAY], "setting": ["19"]})
    out = BatchPricer(pricer, Scenario.parse()).price_table(table).to_pylist()[0]
    single = pricer.price("G0463-PO", zip_code=BOSTON, date_of_service=DAY, setting="19")
    _, national = _addendum_b("G0463")
    assert single.opps.rate < _opps_rate("G0463") and single.opps.national_rate == national
    assert GENERIC.format("PO") in out["note"] and GENERIC.format("PO") in single.notes
    assert "keeps" not in out["note"]


def test_a_rural_sch_clinic_visit_s_po_says_it_keeps_the_rate_in_batch(pricer: Pricer) -> None:
    table = pa.table({"code": ["G0463"], "modifier": ["PO"], "zip": [BOSTON], "date": [DAY], "setting": ["19"]})
    out = BatchPricer(pricer, Scenario.parse(hospital="rural-sch")).price_table(table).to_pylist()[0]
    single = pricer.price("G0463-PO", zip_code=BOSTON, date_of_service=DAY, setting="19", hospital="rural-sch")
    said = next(note for note in single.opps.notes if "keeps the OPPS rate at a rural sole community" in note)
    assert said in out["note"].split("; ") and GENERIC.format("PO") not in out["note"]
    assert GENERIC.format("PO") not in single.notes


def test_at_the_office_the_generic_note_stays(pricer: Pricer) -> None:
    """Where the hospital's rate is not shown (the office asked for), nothing says it is kept."""
    single = pricer.price("96413-PO", zip_code=BOSTON, date_of_service=DAY, setting="11")
    assert GENERIC.format("PO") in single.notes
