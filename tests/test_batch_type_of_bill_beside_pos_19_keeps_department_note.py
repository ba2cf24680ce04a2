"""A hospital's own bill (type of bill 13x) read beside a POS of its site (batch.columns._bill_beside) keeps that POS's
department note: POS 19 (an off-campus department) without PO or PN, POS 22 with one. PO is "reported with every HCPCS
code for all outpatient hospital items and services furnished in an off-campus provider-based department" (Pub. 100-04
ch. 4 §20.6.11), on the hospital's claim: a review found an Epic HB export's G0463 at TOB 131 beside POS 19, without PO
or PN, priced at Addendum B's whole rate with no word of it, where the POS alone said it. The amounts are the bill's
(CMS's October 2025 Addendum B national rate, at --wage-index 1.0), as before."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from conftest import run_batch_rows
from rvucalc.engine.place_of_service import OFF_CAMPUS_WITHOUT_MODIFIER, ON_CAMPUS_WITH_MODIFIER, POS
from test_batch_paid_for_by_line import _addendum_b_rate


def _rows(pos: bool) -> list[dict[str, str]]:
    lines = [("7002001", "G0463", "", "19"), ("7002002", "G0463", "PO", "19"), ("7002003", "G0463", "PO", "22"),
             ("7002004", "93798", "", "22")]  # fmt: skip
    rows = []
    for har, code, modifier, place in lines:
        row = {"HAR": har, "Service Date": "11/03/2025", "Type of Bill": "0131", "HCPCS": code,
               "Modifiers": modifier, "Units": "1", "Place of Service": place, "Service Provider": "PATEL, ANIL MD",
               "Facility ZIP": "46601"}  # fmt: skip
        if not pos:
            del row["Place of Service"]
        rows.append(row)
    return rows


def test_a_type_of_bill_beside_pos_19_without_po_or_pn_says_the_department_note(tmp_path: Path) -> None:
    (tmp_path / "both").mkdir()
    (tmp_path / "alone").mkdir()
    done, both = run_batch_rows(tmp_path / "both", _rows(pos=True), "--wage-index", "1.0")
    assert done.exit_code == 0, done.output
    done, alone = run_batch_rows(tmp_path / "alone", _rows(pos=False), "--wage-index", "1.0")
    assert done.exit_code == 0, done.output
    rate = _addendum_b_rate("G0463")
    # the money is the bill's, as without the POS: G0463's whole rate without PO, 40% with it
    assert [row["allowed"] for row in both] == [row["allowed"] for row in alone]
    assert Decimal(both[0]["allowed"]) == rate and Decimal(both[1]["allowed"]) == (rate * Decimal("0.4")).quantize(
        Decimal("0.01"), ROUND_HALF_UP
    )
    assert OFF_CAMPUS_WITHOUT_MODIFIER in both[0]["note"]  # the off-campus department's line without PO or PN
    assert OFF_CAMPUS_WITHOUT_MODIFIER not in both[1]["note"]  # with PO: nothing to say
    said = ON_CAMPUS_WITH_MODIFIER.format(pos="22", name=POS["22"].name, modifier="PO")
    assert said.split(":")[0] in both[2]["note"]  # PO beside an on-campus department
    assert "POS" not in both[3]["note"]  # 93798 at POS 22 without either: nothing
    assert not any("POS 19" in row["note"] or "POS 22" in row["note"] for row in alone)  # the bill alone: no department
