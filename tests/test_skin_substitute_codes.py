"""Which codes are skin substitutes, from CMS's CY2026 files, and what follows (a wound care trial).

`price A2001-JW --zip 40202 --date 2026-08-04 --units 5` paid $565.65 as "Modifier JW is informational" (Q4410-JW
alike) where Q4186-JW is $0.00: the test read Q4100-Q4399 alone, but RVU26C prices A2001-A2045 and Q4101-Q4440 as one
row form (status A, PE 3.81, facility NA, PC/TC 3, ZZZ) and the CY2026 ASC Addendum BB gives them one indicator (S2).
At the ASC, Q4186-JW x 8 was paid $973.60 beside the office's $0.00. A Q4186-JZ beside Q4186-JW was told the discarded
amount "is billed on a JW line"; 97597 + Q4186 said nothing of the missing application procedure."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa

from conftest import TESTS
from rvucalc.batch.price import BatchPricer
from rvucalc.engine.add_ons import SKIN_SUBSTITUTE_RULE
from rvucalc.engine.meanings import is_skin_substitute
from rvucalc.engine.modifiers import SUPPLY_DISCARDED_NOTE

DATA = TESTS.parent / "data"
RVU26C = DATA / "rvu" / "2026" / "PPRRVU2026_Jul_nonQPP.csv"
DAY = {"zip_code": "40202", "date_of_service": "2026-08-04"}


def _rvu_rows(path: Path) -> dict[str, list[str]]:
    with open(path, newline="", encoding="latin-1") as handle:
        return {row[0]: row for row in csv.reader(handle) if len(row) > 14 and row[1] == "" and len(row[0]) == 5}


def _s2_codes(path: Path) -> set[str]:
    with open(path, newline="", encoding="utf-8-sig", errors="replace") as handle:
        return {row[0] for row in csv.reader(handle) if len(row) > 4 and row[4] == "S2"}


def test_the_codes_are_cms_s_own() -> None:
    rvu = _rvu_rows(RVU26C)
    # RVU26C's supply rows: status A, PC/TC 3, global ZZZ, in HCPCS Level II sections A and Q (CPT add-ons aside)
    supplies = {
        code for code, row in rvu.items() if code[0] in "AQ" and (row[3], row[13], row[14]) == ("A", "3", "ZZZ")
    }
    assert {"A2001", "A2045", "Q4186", "Q4398", "Q4410", "Q4433"} - {"Q4433"} <= supplies
    assert all(is_skin_substitute(code) for code in supplies), sorted(c for c in supplies if not is_skin_substitute(c))
    assert all(rvu[code][6] == "3.81" and rvu[code][9] == "NA" for code in supplies)  # one rate, no facility amount
    # Every code Addendum BB pays under S2, in each CY2026 quarter (Q4431-Q4433 NOS, C9363 among them)
    for quarter in ("01", "04", "07"):
        s2 = _s2_codes(DATA / "opps" / "2026" / "asc" / quarter / "BB.csv")
        assert len(s2) > 300 and all(is_skin_substitute(code) for code in s2), quarter
    # and every skin substitute the PFS lists is a supply (PC/TC 3), or the excluded MyOwn (Q4226, status E)
    assert all(row[13] == "3" for code, row in rvu.items() if is_skin_substitute(code) and code != "Q4226")
    # Casting supplies and drugs of the Q4 range are not
    assert not any(is_skin_substitute(code) for code in ("Q4001", "Q4051", "Q4074", "Q4081", "Q4082", "A4216"))


def _office(line: Any) -> Decimal | None:
    return None if line.pfs.non_facility is None else line.pfs.non_facility.amount


def test_newer_codes_jw_lines_are_paid_nothing(pricer: Any) -> None:
    for code in ("A2001", "Q4410", "Q4186"):
        applied, discarded = pricer.price_encounter([code, f"{code}-JW"], units=[20, 5], **DAY).lines
        assert _office(applied) is not None and _office(applied) > 0, code  # the RVU row's own amount
        assert _office(discarded) == Decimal("0.00"), code
        assert SUPPLY_DISCARDED_NOTE.format(code=code) in discarded.notes
        assert not any("Modifier JW is informational" in note for note in discarded.notes)
        # the facility reason says it is a supply, not "a technical-only service"
        reason = applied.pfs.facility.reason if applied.pfs.facility else ""
        assert "a skin substitute is a supply" in (reason or ""), reason


def test_the_asc_pays_no_discarded_units(pricer: Any) -> None:
    codes, units = ["Q4186-JZ", "Q4186-JW", "15271"], [30, 8, 1]
    encounter = pricer.price_encounter(codes, units=units, setting="asc", **DAY)
    applied, discarded, procedure = encounter.lines
    assert applied.asc is not None and applied.asc.rate == Decimal("121.70")  # Addendum BB's $127.14, Louisville
    assert discarded.asc is not None and discarded.asc.rate == Decimal("0.00")
    assert any(a.indicator == "JW" for a in discarded.asc.adjustments)
    asc = next(site for site in encounter.totals.values() if site.setting == "asc")
    assert asc.facility_payment == 30 * applied.asc.rate + procedure.asc.rate == Decimal("4038.62")


def test_jz_beside_jw_on_a_skin_substitute_says_the_supply_s_rule(pricer: Any) -> None:
    codes, units = ["Q4186-JZ", "Q4186-JW", "15271"], [30, 8, 1]
    applied = pricer.price_encounter(codes, units=units, **DAY).lines[0]
    (said,) = [note for note in applied.notes if note.startswith("JZ says")]
    assert "billed on a JW line" not in said and "only the units applied are billed" in said
    rows = [{"code": code, "units": str(count), "date": DAY["date_of_service"], "zip": "40202", "claim": "1"}
            for code, count in zip(codes, units, strict=True)]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert said in out[0]["note"]
    # a drug keeps the drug's rule (CMS's JW policy)
    drug = pricer.price_encounter(["J2185-JZ", "J2185-JW"], units=[10, 2], **DAY).lines[0]
    assert any("billed on a JW line" in note for note in drug.notes)


def test_a_skin_substitute_without_its_application_procedure_is_noted(pricer: Any) -> None:
    codes, units = ["97597", "Q4186"], [1, 12]
    line = pricer.price_encounter(codes, units=units, **DAY).lines[1]
    (said,) = [note for note in line.notes if SKIN_SUBSTITUTE_RULE in note]
    assert "no line of this claim and date is its application procedure" in said
    rows = [{"code": code, "units": str(count), "date": DAY["date_of_service"], "zip": "40202", "claim": "1"}
            for code, count in zip(codes, units, strict=True)]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert said in out[1]["note"]
    # with 15271 on the date: nothing said
    beside = pricer.price_encounter(["15271", "Q4186"], units=[1, 12], **DAY).lines[1]
    assert not any(SKIN_SUBSTITUTE_RULE in note for note in beside.notes)
