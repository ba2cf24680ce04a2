"""99291 of two practitioners on one claim and date, a line of them with FS (split/shared): the split/shared critical
care service is billed once, by the practitioner who furnished more than half of its time (CY2022 PFS final rule, ch.
12 as First Coast and Novitas state it). Batch alone (``rvucalc price`` is one practitioner's encounter, whose two
99291 lines get ``CRITICAL_CARE_TWICE_NOTE``): a note on both lines, the amounts unchanged."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from conftest import run_batch_rows
from rvucalc.engine import visits


def _row(claim: str, provider: str, code: str, modifier: str = "") -> dict[str, str]:
    return {"Claim ID": claim, "Provider Type": provider, "CPT Code": code, "Modifier": modifier,
            "DOS": "11/13/2025", "POS": "23", "ZIP": "19104", "Units": "1"}  # fmt: skip


def test_two_practitioners_99291_with_fs_on_one_claim_and_date_are_noted(tmp_path: Path) -> None:
    """A trial (claim X2 of cc.csv): an NP's 99291-FS and an MD's 99291 on one claim and date were both paid with no
    note, while one practitioner's two 99291 lines were told 99291 is reported once per date per practitioner."""
    rows = [_row("X1", "MD", "99291", "FS"), _row("X1", "MD", "99291"),
            _row("X2", "NP", "99291", "FS"), _row("X2", "MD", "99291"),
            _row("X3", "NP", "99291"), _row("X3", "MD", "99291"),
            _row("A", "NP", "99291", "FS"), _row("B", "MD", "99291")]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    split = [visits.CRITICAL_CARE_SPLIT_OTHER_NOTE in row["note"] for row in out]
    twice = [visits.CRITICAL_CARE_TWICE_NOTE in row["note"] for row in out]
    two = [visits.CRITICAL_CARE_TWO_PRACTITIONERS_NOTE in row["note"] for row in out]
    assert split == [False, False, True, True, False, False, False, False]
    assert twice == [True, True, False, False, False, False, False, False]
    assert two == [False, False, False, False, True, True, False, False]  # X3: an NP's and an MD's, no FS
    # a note only: each line's amounts are its own claim's alone (A: the NP's, B: the MD's)
    for at, alone in ((2, 6), (3, 7)):
        for name in ("professional_allowed", "allowed"):
            assert Decimal(out[at][name]) == Decimal(out[alone][name]), (at, name)


def test_two_practitioners_99291_without_fs_are_noted(tmp_path: Path) -> None:
    """An NP's and an MD's 99291 on one claim and date, neither with FS, were priced with no note, while the same with
    FS was noted: Claims Processing Manual ch. 12 §30.6.12(I) pays one 99291 a date to practitioners of one specialty
    and group (the other's time as 99292), and others' only as medically necessary concurrent care. A note on both
    lines; the amounts are each practitioner's alone, as on claims of their own."""
    rows = [_row("X", "NP", "99291"), _row("X", "MD", "99291"), _row("A", "NP", "99291"), _row("B", "MD", "99291")]
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    for row in out[:2]:
        assert "paid once as 99291, the other's time as 99292, unless split/shared (FS" in row["note"], row["note"]
        assert "Claims Processing Manual ch. 12 §30.6.12" in row["note"], row["note"]
    assert not any("another practitioner too" in row["note"] for row in out[2:])
    for at, alone in ((0, 2), (1, 3)):
        for name in ("professional_allowed", "allowed"):
            assert Decimal(out[at][name]) == Decimal(out[alone][name]), (at, name)
