"""A podiatry trial (Tampa, ZIP 33618): a pair of diabetic depth shoes written as the pre-2019 DME MAC way,
`price A5500-RT-LT-KX --units 2`, was refused with "LT and RT on one line: bill 50 (bilateral) or one line per side",
and `price A5500-KX-50` was then refused too (A5500's bilateral indicator is 9: 50 is the PFS's modifier). The DME
MACs want each item of a pair on its own line, RT and LT, from dates of service 2019-03-01 (their joint "Correct
Coding - RT and LT Modifier Usage Change", restated by CGS and Noridian; ``engine.meanings.is_dmepos_sided_item``):
the refusal says so for such an item, and a PFS code's (20600-RT-LT) is as before. The two lines are priced each at
CMS's DMEPOS26_JAN Florida fee, in price and batch alike.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.cli import app
from rvucalc.engine import modifiers as mod
from rvucalc.engine.meanings import is_dmepos_sided_item
from rvucalc.errors import UsageError
from rvucalc.lookup.pricer import Pricer

runner = CliRunner()
DMEPOS = Path("/work/shared/cms/2026/dmepos_2026q1/DMEPOS26_JAN.xlsx")
DATE = "2026-01-06"


def _fl_fee(code: str) -> str:
    """CMS's DMEPOS26_JAN non-rural FL fee of the code's row without modifiers."""
    import openpyxl

    book = openpyxl.load_workbook(DMEPOS, read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    header = next(n for n, row in enumerate(rows) if row[0] == "HCPCS")
    column = rows[header].index("FL (NR)")
    [row] = [row for row in rows[header + 1 :] if row[0] == code and not row[1] and not row[2]]
    return f"{row[column]:.2f}"


@pytest.mark.parametrize("code", ["A5500", "A5512", "A5513", "L3000", "E0114", "K0040", "A6212", "V2100"])
def test_a_dmepos_item_of_a_pair_is_told_to_bill_two_lines(code: str) -> None:
    assert is_dmepos_sided_item(code)
    for mods in (["RT", "LT", "KX"], ["50", "RT"]):
        with pytest.raises(UsageError, match=f"{code} is a DMEPOS item.*two lines, one with RT and one with LT") as e:
            mod.check_combination(mods, sided_item=code)
        assert "bill 50" not in str(e.value)


@pytest.mark.parametrize("code", ["20600", "28285", "G0127", "A0425", "A9500", "J1030", "V5261", "73630"])
def test_other_codes_are_no_sided_dmepos_items(code: str) -> None:
    assert not is_dmepos_sided_item(code)


def test_price_says_two_lines_for_the_shoes_and_bill_50_for_a_pfs_code() -> None:
    shoes = runner.invoke(app, ["price", "A5500-RT-LT-KX", "--units", "2", "--zip", "33618", "--date", DATE])
    assert shoes.exit_code == 2, shoes.output
    said = " ".join(shoes.stderr.split())
    assert "A5500 is a DMEPOS item" in said and "one with RT and one with LT" in said and "bill 50" not in said
    joint = runner.invoke(app, ["price", "20600-RT-LT", "--zip", "33618", "--date", DATE])
    assert joint.exit_code == 2 and "bill 50 (bilateral) or one line per side" in joint.stderr


def test_the_two_lines_are_priced_at_florida_s_fee_in_price_and_batch(pricer: Pricer, tmp_path: Path) -> None:
    fee = _fl_fee("A5500")
    for side in ("RT", "LT"):
        result = pricer.price(f"A5500-KX-{side}", zip_code="33618", date_of_service=DATE)
        assert result.dmepos is not None and str(result.dmepos.amount) == fee
    line = {"CPT": "A5500", "Mod 1": "RT", "Mod 2": "LT", "Mod 3": "KX", "Units": "2", "Zip": "33618"}
    line["DOS"] = "01/06/2026"
    right = {**line, "Mod 2": "KX", "Mod 3": "", "Units": "1"}
    done, rows = run_batch_rows(tmp_path, [line, right, {**right, "Mod 1": "LT"}])
    assert done.exit_code == 1, done.output
    assert rows[0]["error_kind"] == "bad_modifier" and "A5500 is a DMEPOS item" in rows[0]["error"]
    assert [row["allowed"] for row in rows[1:]] == [fee, fee]


def _category(code: str) -> str:
    """CMS's DMEPOS26_JAN payment category (CATG) of the code's row without modifiers."""
    import openpyxl

    book = openpyxl.load_workbook(DMEPOS, read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    header = next(n for n, row in enumerate(rows) if row[0] == "HCPCS")
    column = rows[header].index("CATG")
    return str(next(row[column] for row in rows[header + 1 :] if row[0] == code))


def test_a_therapeutic_shoe_line_says_its_benefit_certifier_and_yearly_limit(pricer: Pricer, tmp_path: Path) -> None:
    """Benefit Policy Manual ch. 15 §140 (not DME, §1861(s)(12); one pair of depth shoes and three pairs of inserts a
    calendar year) and Policy Article A52501 (the certifying physician an M.D. or D.O., not a podiatrist)."""
    assert _category("A5500") == _category("A5512") == "TS" and _category("E0601") != "TS"
    for line in ("A5500-KX-RT", "A5512-KX-LT"):
        result = pricer.price(line, zip_code="33618", date_of_service=DATE)
        assert result.dmepos is not None and str(result.dmepos.amount) == _fl_fee(line[:5])
        [note] = [n for n in result.dmepos.notes if "therapeutic shoe item" in n]
        assert "not DME" in note and "never a podiatrist" in note and "three pairs of inserts" in note
        assert "A52501" in note and "; " not in note
    rental = pricer.price("E0601-RR-KH", zip_code="33618", date_of_service=DATE)
    assert rental.dmepos is not None and not any("therapeutic shoe" in n for n in rental.dmepos.notes)
    line = {"CPT": "A5500", "Mod 1": "KX", "Mod 2": "RT", "Units": "1", "Zip": "33618", "DOS": "01/06/2026"}
    done, rows = run_batch_rows(tmp_path, [line])
    assert done.exit_code == 0, done.output
    assert rows[0]["allowed"] == _fl_fee("A5500") and "A5500 is a therapeutic shoe item" in rows[0]["note"]
    shown = runner.invoke(app, ["price", "A5500-KX-RT", "--zip", "33618", "--date", DATE])
    assert "do not apply: A5500 is a DMEPOS item" in " ".join(shown.output.split())


def test_price_s_table_says_a_dme_item_at_a_snf_is_not_paid_as_json_and_batch_do(pricer: Pricer) -> None:
    """`price A5500-KX-RT --setting 31` (the table) showed the DMEPOS fee and "Medicare pays $72.50" with no word that
    a SNF (POS 31) or a hospital inpatient (21) gets no separate Part B payment for it, which JSON's site and batch's
    row say (engine.facility.DMEPOS_AT_FACILITY_REASON, Benefit Policy Manual ch. 15 §110.1). POS 32 keeps the fee."""
    from rvucalc.engine.facility import DMEPOS_AT_FACILITY_REASON

    fee = _fl_fee("A5500")
    for setting in ("31", "21"):
        shown = runner.invoke(app, ["price", "A5500-KX-RT", "--zip", "33612", "--date", DATE, "--setting", setting])
        text = " ".join(shown.output.split())
        assert shown.exit_code == 0 and "DMEPOS supplier │ not payable" in text, text
        assert " ".join(DMEPOS_AT_FACILITY_REASON.split()) in text
        [site] = pricer.price("A5500-KX-RT", zip_code="33612", date_of_service=DATE, setting=setting).sites
        assert not site.payable and site.reason == DMEPOS_AT_FACILITY_REASON
    home = runner.invoke(app, ["price", "A5500-KX-RT", "--zip", "33612", "--date", DATE, "--setting", "32"])
    assert f"DMEPOS supplier │ ${fee}" in " ".join(home.output.split())
