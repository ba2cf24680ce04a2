"""An emergency medicine trial: 12032-FS (an intermediate repair) at POS 23 read only "Modifier FS is informational".
FS marks a split (or shared) E/M visit in a facility setting, critical care included (42 CFR 415.140; Claims Processing
Manual ch. 12 §30.6.18; CY2022 PFS final rule): a procedure is not split or shared. The line says so, in price and
batch alike; a HCPCS code is left alone. The amounts are unchanged (the RVU file's: 12032 at ZIP 37203, 2025-11-10,
facility $171.82).

An E/M visit's FS (99233-FS, 99291-FS) read only "Modifier FS is informational" too: it now says who bills a split
(or shared) visit, the physician or NPP who did its substantive portion (42 CFR 415.140, ch. 12 §30.6.18), and that the
amount follows that practitioner (85% for an NP or PA), not FS (``SPLIT_SHARED_VISIT_NOTE``)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest

from conftest import run_batch_rows
from rvucalc.engine.modifiers import (
    SPLIT_SHARED_PROCEDURE_NOTE,
    SPLIT_SHARED_VISIT_NOTE,
    split_shared_procedure_note,
    split_shared_visit_note,
)

DATE, NASHVILLE = "2025-11-10", "37203"
INFORMATIONAL = "Modifier FS is informational: it does not change the amount."


CASES = [("12032", True), ("31500", True), ("76705", True), ("99291", False), ("99285", False), ("99202", False),
         ("99499", False), ("G0316", False)]  # fmt: skip


@pytest.mark.parametrize(("code", "said"), CASES)
def test_which_codes_say_it(code: str, said: bool) -> None:
    assert (split_shared_procedure_note(code, ("FS",)) is not None) is said
    assert split_shared_procedure_note(code, ("25",)) is None
    visit = code.isdigit() and not said  # the E/M visits 99202-99499 say the visit's note; G0316 neither
    assert (split_shared_visit_note(code, ("FS",)) is not None) is visit
    assert split_shared_visit_note(code, ("25",)) is None


def test_price_says_it_on_a_procedure_and_keeps_the_amount(pricer: Any) -> None:
    with_fs = pricer.price("12032", modifier="FS", zip_code=NASHVILLE, date_of_service=DATE)
    plain = pricer.price("12032", zip_code=NASHVILLE, date_of_service=DATE)
    assert SPLIT_SHARED_PROCEDURE_NOTE.format(code="12032") in with_fs.notes
    assert INFORMATIONAL not in with_fs.notes
    assert str(with_fs.pfs.facility.amount) == str(plain.pfs.facility.amount) == "171.82"
    visit = pricer.price("99291", modifier="FS", zip_code=NASHVILLE, date_of_service=DATE)
    assert SPLIT_SHARED_VISIT_NOTE in visit.notes and INFORMATIONAL not in visit.notes, visit.notes
    assert not any("not split or shared" in note for note in visit.notes)


def test_a_visit_s_amount_follows_the_billing_practitioner_not_fs(pricer: Any) -> None:
    """99233-FS at POS 21 (ZIP 60611, 2025-06-20): the RVU file's facility amount as a physician's ($120.71, as 99233
    without FS), 85% of it as an NP's (SSA §1833(a)(1)(O)), half-up once."""
    day = {"zip_code": "60611", "date_of_service": "2025-06-20", "setting": "21"}
    plain = pricer.price("99233", **day)
    physician = pricer.price("99233", modifier="FS", **day)
    np_line = pricer.price("99233", modifier="FS", provider="np", **day)
    assert SPLIT_SHARED_VISIT_NOTE in physician.notes and SPLIT_SHARED_VISIT_NOTE in np_line.notes
    assert INFORMATIONAL not in physician.notes
    assert physician.pfs.facility.amount == plain.pfs.facility.amount
    expected = (plain.pfs.facility.amount * Decimal("0.85")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert np_line.pfs.facility.amount == expected


def test_batch_says_it_as_price_does(tmp_path: Path) -> None:
    rows = [{"Claim ID": "C1", "CPT": "12032", "Mod 1": "FS", "DOS": DATE, "POS": "23", "ZIP": NASHVILLE},
            {"Claim ID": "C2", "CPT": "99291", "Mod 1": "FS", "DOS": DATE, "POS": "23", "ZIP": NASHVILLE}]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0 and len(out) == 2, done.output
    assert SPLIT_SHARED_PROCEDURE_NOTE.format(code="12032") in out[0]["note"], out[0]
    assert out[0]["professional_allowed"] == "171.82", out[0]
    assert SPLIT_SHARED_VISIT_NOTE in out[1]["note"].split("; "), out[1]
    assert INFORMATIONAL not in out[1]["note"] and "not split or shared" not in out[1]["note"], out[1]
