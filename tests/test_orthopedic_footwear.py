"""A podiatry trial (Phoenix, AZ 85016): foot orthotics, `rvucalc price L3000-RT --zip 85016` and a claim's
L3020-RT/L3020-LT, were priced at AZ's DMEPOS fee with no word that Medicare excludes orthopedic shoes and other
supportive devices for the feet (Social Security Act §1862(a)(8)) unless they are an integral part of a covered leg
brace (Benefit Policy Manual ch. 15 §140.B.2; the DME MACs' Orthopedic Footwear Policy Article A52481). L3000-L3649
now say so, in price and batch alike; the fee stays CMS's DMEPOS26_JAN AZ non-rural fee. Therapeutic shoes for
diabetes (A5500-A5514) and shoulder orthoses (L3650 on) say nothing of it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_batch_rows
from rvucalc.engine.schedules import is_orthopedic_footwear, orthopedic_footwear_note
from rvucalc.lookup.pricer import Pricer

DMEPOS = Path("/work/shared/cms/2026/dmepos_2026q1/DMEPOS26_JAN.xlsx")
DATE = "2026-02-10"
SAID = "Medicare excludes orthopedic shoes and other supportive devices for the feet"


def _az_fee(code: str) -> str:
    """CMS's DMEPOS26_JAN non-rural AZ fee of the code's row without modifiers."""
    import openpyxl

    book = openpyxl.load_workbook(DMEPOS, read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    header = next(n for n, row in enumerate(rows) if row[0] == "HCPCS")
    column = rows[header].index("AZ (NR)")
    [row] = [row for row in rows[header + 1 :] if row[0] == code and not row[1] and not row[2]]
    return f"{row[column]:.2f}"


@pytest.mark.parametrize("code", ["L3000", "L3001", "L3020", "L3030", "L3224", "L3332", "L3649", "l3000"])
def test_inserts_supports_and_shoes_are_orthopedic_footwear(code: str) -> None:
    assert is_orthopedic_footwear(code)
    note = orthopedic_footwear_note(code)
    assert note is not None and SAID in note and "§1862(a)(8)" in note and "A52481" in note and "; " not in note


@pytest.mark.parametrize("code", ["L2999", "L3650", "L3675", "A5500", "A5512", "L1900", "E0601", "L3", "28296"])
def test_other_codes_are_no_orthopedic_footwear(code: str) -> None:
    assert not is_orthopedic_footwear(code) and orthopedic_footwear_note(code) is None


def test_foot_orthotics_say_the_exclusion_at_az_s_fee_in_price_and_batch(pricer: Pricer, tmp_path: Path) -> None:
    lines = [("L3000", "RT"), ("L3020", "LT"), ("L3030", "")]
    where = {"Units": "1", "POS": "11", "Svc Facility ZIP": "85016", "DOS": "02/10/2026"}
    rows = [{"Claim ID": "C1013", "CPT Code": code, "Mod 1": mod, **where} for code, mod in lines]
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    for (code, mod), row in zip(lines, out, strict=True):
        single = pricer.price(code, modifier=[mod] if mod else None, zip_code="85016", date_of_service=DATE)
        assert single.dmepos is not None
        assert str(single.dmepos.amount) == row["allowed"] == row["dmepos_amount"] == _az_fee(code)
        assert any(SAID in note for note in single.dmepos.notes), single.dmepos.notes
        assert SAID in row["note"], row["note"]


def test_a_diabetic_shoe_says_nothing_of_the_footwear_exclusion(pricer: Pricer) -> None:
    single = pricer.price("A5500", modifier=["KX", "RT"], zip_code="85016", date_of_service=DATE)
    assert single.dmepos is not None and str(single.dmepos.amount) == _az_fee("A5500")
    assert not any(SAID in note for note in single.dmepos.notes)
