"""A podiatry group's trial (ModMed EMA export, ZIP 07601, 2026-04-06): its DME side's A5500-KX, A5513-KX and A5514-KX
x 2, a pair of diabetic shoes and inserts each on one line with no side, were priced at NJ's DMEPOS fee x 2 with no
word that the DME MACs bill each item of a pair on its own line, RT and LT, and return a line without them as
unprocessable (their joint "Correct Coding - RT and LT Modifier Usage Change", from 2019-03-01, as CGS restates it;
``engine.schedules.therapeutic_shoe_side_note``). The line is still priced as billed, in price and batch alike; a line
with RT or LT says nothing of it, whichever of the two comes first in a batch file.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from conftest import run_batch_rows
from rvucalc.lookup.pricer import Pricer

DMEPOS = Path("/work/shared/cms/2026/dmepos_2026q1/DMEPOS26_JAN.xlsx")
DATE = "2026-04-06"
SAID = "without RT or LT: the DME MACs want each shoe, insert or modification on its own line"


def _nj_fee(code: str) -> Decimal:
    """CMS's DMEPOS26_JAN non-rural NJ fee of the code's row without modifiers."""
    import openpyxl

    book = openpyxl.load_workbook(DMEPOS, read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    header = next(n for n, row in enumerate(rows) if row[0] == "HCPCS")
    column = rows[header].index("NJ (NR)")
    [row] = [row for row in rows[header + 1 :] if row[0] == code and not row[1] and not row[2]]
    return Decimal(str(row[column])).quantize(Decimal("0.01"))


@pytest.mark.parametrize("code", ["A5500", "A5513", "A5514"])
def test_price_says_a_therapeutic_shoe_line_without_a_side_is_returned(pricer: Pricer, code: str) -> None:
    result = pricer.price(f"{code}-KX", zip_code="07601", date_of_service=DATE, units=2)
    assert result.dmepos is not None and result.dmepos.amount == _nj_fee(code)
    [note] = [n for n in result.dmepos.notes if SAID in n]
    assert note.startswith(code) and "unprocessable" in note and "Priced as billed" in note and "; " not in note
    for side in ("RT", "LT"):
        sided = pricer.price(f"{code}-KX-{side}", zip_code="07601", date_of_service=DATE)
        assert sided.dmepos is not None and not any(SAID in n for n in sided.dmepos.notes)


def test_other_dmepos_items_without_a_side_say_nothing_of_it(pricer: Pricer) -> None:
    for line in ("E0601-RR-KH", "L4360", "L3000"):
        result = pricer.price(line, zip_code="07601", date_of_service=DATE)
        assert result.dmepos is not None and not any(SAID in n for n in result.dmepos.notes)


def test_batch_says_it_on_the_unsided_row_alone_whichever_comes_first(tmp_path: Path) -> None:
    fee = _nj_fee("A5500")
    line = {"Claim Number": "EMA1", "DOS": "04/06/2026", "Provider": "DME Supplier", "CPT": "A5500"}
    line |= {"Modifier": "KX", "Modifier 2": "", "Units": "2", "POS": "11", "Patient Zip": "07601"}
    right = {**line, "Claim Number": "EMA2", "Modifier 2": "RT", "Units": "1"}
    for order in ([line, right], [right, line]):
        done, rows = run_batch_rows(tmp_path, order)
        assert done.exit_code == 0, done.output
        by_claim = {row["Claim Number"]: row for row in rows}
        assert by_claim["EMA1"]["allowed"] == str(fee * 2) and by_claim["EMA2"]["allowed"] == str(fee)
        assert SAID in by_claim["EMA1"]["note"] and SAID not in by_claim["EMA2"]["note"]
