"""A nephrology group's trial (Nashville, session 69): 90960 and 90935 of one claim and date at the dialysis center (POS
65), and 90935 at POS 22 in a month whose claim holds 90960 ($59.25 at ZIP 37203), said nothing. The monthly
ESRD-related services code pays the ESRD patient's outpatient dialysis services (Claims Processing Manual ch. 8 §140, as
MACs restate it), and CPT reports 90935/90937 for an inpatient's ESRD dialysis or a non-ESRD outpatient's: a note on
the dialysis line, none at an inpatient place (POS 21, 51, 61); the amounts are CMS's, as billed."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pyarrow as pa

from cms_fees import fee_2026
from rvucalc.batch.price import BatchPricer
from rvucalc.engine.visits import outpatient_dialysis_notes

TENNESSEE = "1031235"  # ZIP 37203, Nashville
SAID = "on this claim in one calendar month, not at an inpatient place"


def test_a_dialysis_procedure_outside_a_stay_beside_the_month_s_code_is_noted() -> None:
    notes = outpatient_dialysis_notes(["90960", "90935"], [False, False])
    assert notes[0] is None and notes[1] is not None and notes[1].startswith("90935 beside 90960 " + SAID), notes
    assert "; " not in notes[1]
    assert outpatient_dialysis_notes(["90960", "90935"], [False, True]) == [None, None]  # an inpatient's dialysis
    assert outpatient_dialysis_notes(["99214", "90935"], [False, False]) == [None, None]  # no ESRD-related code
    for code in ("90937", "90945", "90947"):
        assert outpatient_dialysis_notes(["90970", code], [False, False])[1] is not None, code


def test_batch_notes_the_claim_s_outpatient_dialysis_in_the_month(pricer: Any) -> None:
    rows = [
        {"claim": claim, "code": code, "units": "1", "setting": pos, "zip": "37203", "date": date}
        for claim, code, pos, date in (
            ("A", "90960", "65", "2026-03-31"), ("A", "90935", "65", "2026-03-31"),  # one date at the center
            ("B", "90960", "65", "2026-03-01"), ("B", "90935", "22", "2026-03-05"),  # the month's hospital outpatient
            ("C", "90960", "65", "2026-03-01"), ("C", "90935", "21", "2026-03-05"),  # an inpatient's: no note
            ("D", "90960", "65", "2026-03-31"), ("D", "90935", "22", "2026-04-02"),  # another month
            ("E", "90935", "22", "2026-03-05"),  # no ESRD-related code on the claim
        )
    ]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for row, priced in zip(rows, out, strict=True):
        noted = SAID in (priced["note"] or "")
        assert noted is (row["code"] == "90935" and row["claim"] in ("A", "B")), (row, priced["note"])
        if row["code"] == "90935" and row["setting"] != "65":  # priced as billed: the PFS facility amount
            assert Decimal(str(priced["professional_allowed"])) == fee_2026("90935", TENNESSEE, facility=True), row


def test_price_notes_it_as_batch_does(pricer: Any) -> None:
    for setting, noted in (("65", True), ("22", True), ("21", False)):
        single = pricer.price_encounter(["90960", "90935"], zip_code="37203", date_of_service="2026-03-31",
                                        setting=setting)  # fmt: skip
        dialysis = single.lines[1]
        assert any(SAID in note for note in dialysis.notes) is noted, (setting, dialysis.notes)
        assert not any(SAID in note for note in single.lines[0].notes)
    batch = BatchPricer(pricer).price_table(pa.Table.from_pylist([
        {"claim": "A", "code": code, "units": "1", "setting": "22", "zip": "37203", "date": "2026-03-31"}
        for code in ("90960", "90935")
    ])).to_pylist()  # fmt: skip
    single = pricer.price_encounter(["90960", "90935"], zip_code="37203", date_of_service="2026-03-31", setting="22")
    said = next(note for note in single.lines[1].notes if SAID in note)
    assert said in (batch[1]["note"] or "")
