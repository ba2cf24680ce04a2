"""Skin substitute products at the ASC in CY2026: Addendum BB gives them payment indicator S2, which CMS's January 2025
Addendum DD1 (the indicator list rvucalc has) does not define, at one national rate, $127.14 per sq cm (the CY2026
PFS and OPPS/ASC final rules' single rate).

A plastic-surgery trial priced `price 15275 15276 Q4101 --units 1 --units 1 --units 30 --zip 02114 --date
2026-03-10`: Q4101's ASC rate $136.80 a sq cm, Addendum BB's $127.14 x (0.5 x 1.1519 + 0.5), wage-adjusted as a
procedure's, with nothing on the line saying that S2's meaning, and so whether CMS adjusts it, is unverified (a drug,
PI K2, is paid nationally). The money stands (CMS's text for S2 was not found); the line now says so, in price and
in batch alike."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pyarrow as pa
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine.facility import asc_indicator_note
from rvucalc.lookup.pricer import Pricer

CODES, UNITS = ["15275", "15276", "Q4101"], [1, 1, 30]
DAY = {"zip_code": "02114", "date_of_service": "2026-03-10"}
COLUMNS = ["claim", "code", "date", "setting", "zip", "units"]


def _bb(pricer: Pricer, code: str) -> dict[str, Any]:
    store = pricer.store(next(r for r in pricer.catalogue.releases("asc") if r.release == "2026-01"))
    row = store.asc("bb", code)
    assert row is not None
    return row


def _money(value: Any) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value)).quantize(Decimal("0.01"))


def test_addendum_bb_pays_skin_substitutes_under_s2_at_one_national_rate(pricer: Pricer) -> None:
    for code in ("Q4101", "A2001", "C9363"):  # Apligraf, InnovaMatrix AC, Integra meshed bilayer: all S2, $127.14
        row = _bb(pricer, code)
        assert (row["pi"], row["rate"]) == ("S2", 12714), code


def test_price_says_s2_is_unverified_and_wage_adjusted_its_money_unchanged(pricer: Pricer) -> None:
    encounter = pricer.price_encounter(CODES, units=UNITS, **DAY)  # type: ignore[arg-type]
    wage_index = encounter.location.wage_index
    assert wage_index == Decimal("1.1519")  # CBSA 14454 Boston, the CY2026 ASC wage index
    line = encounter.lines[2]
    assert line.asc is not None and line.asc.payment_indicator == "S2" and line.asc.national_rate == Decimal("127.14")
    # Addendum BB's national rate x (0.50 x the wage index + 0.50), to the cent: as rvucalc pays a procedure
    factor = Decimal("0.5") * wage_index + Decimal("0.5")
    expected = (Decimal("127.14") * factor).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert line.asc.rate == expected == Decimal("136.80")
    assert "unverified" in (line.asc.indicator_meaning or "")
    note = asc_indicator_note(line.asc)
    assert note is not None and note in line.notes
    assert "unverified" in note and "wage-adjust" in note and "$127.14" in note
    single = pricer.price("Q4101", units=30, **DAY)  # type: ignore[arg-type]
    assert note in single.notes and single.notes.count(note) == 1
    # The other lines (PI A2 or N1, CMS-defined) say nothing of it; the office setting shows no ASC rate: no note.
    assert all(note not in other.notes for other in encounter.lines[:2])
    office = pricer.price_encounter(CODES, units=UNITS, setting="office", **DAY)  # type: ignore[arg-type]
    assert note not in office.lines[2].notes
    result = CliRunner().invoke(app, ["price", *CODES, "--units", "1", "--units", "1", "--units", "30", "--zip",
                                      "02114", "--date", "2026-03-10"])  # fmt: skip
    assert result.exit_code == 0, result.output
    shown = " ".join(result.stdout.split())  # wrapped at the terminal's width
    assert f"Q4101: {note}" in shown
    assert "$136.80" in shown


def test_batch_says_what_price_says(pricer: Pricer) -> None:
    encounter = pricer.price_encounter(CODES, units=UNITS, **DAY)  # type: ignore[arg-type]
    note = asc_indicator_note(encounter.lines[2].asc)  # type: ignore[arg-type]
    assert note is not None
    rows = [{"claim": "A1", "code": code, "date": "2026-03-10", "setting": "24", "zip": "02114", "units": str(units)}
            for code, units in zip(CODES, UNITS, strict=True)]  # fmt: skip
    rows.append({"claim": "", "code": "Q4101", "date": "2026-03-10", "setting": "", "zip": "02114", "units": "30"})
    rows.append({"claim": "", "code": "Q4101", "date": "2026-03-10", "setting": "11", "zip": "02114", "units": "30"})
    table = pa.table({name: [row[name] for row in rows] for name in COLUMNS})
    out = BatchPricer(pricer).price_table(table).to_pylist()
    at_asc = pricer.price_encounter(CODES, units=UNITS, setting="asc", **DAY)  # type: ignore[arg-type]
    claim = out[2]
    assert _money(claim["asc_rate"]) == encounter.lines[2].asc.rate == Decimal("136.80")  # type: ignore[union-attr]
    assert _money(claim["allowed"]) == at_asc.lines[2].sites[0].total  # the ASC's 30 units, as price's
    assert note in claim["note"]
    assert all(note not in (row["note"] or "") for row in out[:2])
    assert note in out[3]["note"]  # no setting: every site's rates, the ASC's among them
    assert note not in (out[4]["note"] or "")  # the office: no ASC rate shown
