"""An optometry trial (Sacramento 95816 and Yuba City 95991, CA): post-cataract eyewear, `rvucalc price V2020-KX
V2100-RT-KX V2100-LT-KX --zip 95991`, was priced at CA's DMEPOS fee with a note on glucose monitors' KX and no word
that Medicare pays eyeglasses and contact lenses only as prosthetic lenses, one pair after each cataract surgery with
an IOL (Social Security Act §1862(a)(7), §1861(s)(8); Benefit Policy Manual ch. 15 §120.B.3, §120.D; Policy Article
A52499). Frames, spectacle and contact lenses and lens options now say so, in price and batch alike; the fee stays
CMS's DMEPOS26_JAN CA non-rural fee. Intraocular lenses, prosthetic eyes and other DME items say nothing of it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_batch_rows
from rvucalc.engine.schedules import is_refractive_lens_item, refractive_lens_note
from rvucalc.lookup.pricer import Pricer

DMEPOS = Path("/work/shared/cms/2026/dmepos_2026q1/DMEPOS26_JAN.xlsx")
DATE = "2026-02-10"
SAID = "one pair of conventional eyeglasses or contact lenses after each cataract surgery with insertion of an IOL"


def _ca_fee(code: str) -> str:
    """CMS's DMEPOS26_JAN non-rural CA fee of the code's row without modifiers."""
    import openpyxl

    book = openpyxl.load_workbook(DMEPOS, read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    header = next(n for n, row in enumerate(rows) if row[0] == "HCPCS")
    column = rows[header].index("CA (NR)")
    [row] = [row for row in rows[header + 1 :] if row[0] == code and not row[1] and not row[2]]
    return f"{row[column]:.2f}"


@pytest.mark.parametrize("code", ["V2020", "V2025", "V2100", "V2221", "V2520", "V2599", "V2744", "V2750", "V2786"])
def test_frames_lenses_and_lens_options_are_refractive_lens_items(code: str) -> None:
    assert is_refractive_lens_item(code)
    note = refractive_lens_note(code)
    assert note is not None and SAID in note and "§120.B.3" in note and "A52499" in note and "; " not in note


NOT_LENSES = ["V2600", "V2623", "V2630", "V2632", "V2785", "V2790", "V2799", "V5261", "A5500", "E0601", "V2", "92015"]


@pytest.mark.parametrize("code", NOT_LENSES)
def test_other_codes_are_no_refractive_lens_items(code: str) -> None:
    assert not is_refractive_lens_item(code) and refractive_lens_note(code) is None


def test_post_cataract_eyewear_says_the_rule_at_ca_s_fee_in_price_and_batch(pricer: Pricer, tmp_path: Path) -> None:
    lines = [("V2020", ["KX"]), ("V2100", ["RT", "KX"]), ("V2100", ["LT", "KX"]), ("V2750", ["RT"])]
    where = {"Units": "1", "POS": "11", "Svc Loc Zip": "95991", "DOS": "02/10/2026"}
    rows = [{"Claim ID": "C1006", "CPT Code": code, "Mod 1": mods[0], "Mod 2": mods[1] if len(mods) > 1 else "",
             **where} for code, mods in lines]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    for (code, mods), row in zip(lines, out, strict=True):
        single = pricer.price(code, modifier=mods, zip_code="95991", date_of_service=DATE)
        assert single.dmepos is not None
        assert str(single.dmepos.amount) == row["allowed"] == row["dmepos_amount"] == _ca_fee(code)
        assert any(SAID in note for note in single.dmepos.notes), single.dmepos.notes
        assert SAID in row["note"], row["note"]


def test_an_intraocular_lens_says_nothing_of_eyeglasses(pricer: Pricer) -> None:
    single = pricer.price("V2632", zip_code="95991", date_of_service=DATE)
    assert single.dmepos is not None and str(single.dmepos.amount) == _ca_fee("V2632")
    assert not any("cataract surgery" in note for note in single.dmepos.notes)
