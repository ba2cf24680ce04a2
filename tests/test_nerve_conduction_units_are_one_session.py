"""Nerve conduction studies 95907-95913 are one code a session, chosen by the session's total count of studies
(``engine.nerve_conduction``). A hand surgery group's trial billed 95910 x 2 (two hands' studies) and was priced at
twice the session's fee with no word. Now a line of several units says the session is billed once, with 1 unit of the
code whose range holds the total, in price and batch alike; the amount stays as billed, units x CMS's fee (RVU26C and
the 2026 GPCIs, METROPOLITAN ST. LOUIS 0530201). The EMG add-on 95886 ("each extremity") keeps its units unnoted."""

from __future__ import annotations

import pytest

from cms_fees import fee_2026, rvu_2026_row
from rvucalc.engine.nerve_conduction import STUDIES, units_note
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _batch, _money

ZIP, DATE, LOCALITY = "63110", "2026-08-13", "0530201"


def test_the_studies_are_cms_descriptors() -> None:
    for code, studies in STUDIES.items():
        assert studies.split(" ")[0].replace("/>", "") in rvu_2026_row(code)[2].replace("/>", " or more"), code


@pytest.mark.parametrize("code", ["95907", "95910", "95913"])
def test_several_units_of_a_session_code_are_noted_in_price_and_batch(pricer: Pricer, code: str) -> None:
    single = pricer.price(code, zip_code=ZIP, date_of_service=DATE, units=2, setting="11")
    rows = _batch(pricer, [{"code": code, "units": units, "zip": ZIP, "date": DATE, "setting": "11"} for units in "21"])
    note = units_note(code, 2)
    assert note is not None and single.notes.count(note) == 1, single.notes
    assert rows[0]["note"].split("; ").count(note) == 1, rows[0]["note"]
    assert "nerve conduction" not in (rows[1]["note"] or "")
    fee = fee_2026(code, LOCALITY)
    assert single.pfs.non_facility.amount == fee == _money(rows[0]["pfs_non_facility_amount"])
    assert _money(rows[0]["allowed"]) == 2 * fee


def test_emg_add_on_units_count_limbs_and_are_not_noted(pricer: Pricer) -> None:
    encounter = pricer.price_encounter(["95910", "95886"], zip_code=ZIP, date_of_service=DATE, units=2)
    assert not any("nerve conduction studies:" in note for note in encounter.lines[1].notes)
    assert units_note("95886", 2) is None
