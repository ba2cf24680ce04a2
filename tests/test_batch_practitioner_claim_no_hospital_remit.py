"""A practitioner's claim at the hospital does not carry the hospital's remit figures of its Q1/Q2 lines.

A pathology group's billing trial (Kansas City, MO): claim PC25-1118 at POS 22, 88305-26 x 3 and 88342-26, with the
remit's allowed amounts. Both codes are conditionally packaged at the hospital (Addendum B, October 2025: 88305 SI Q1,
88342 SI Q2), so each row said "Were the outpatient code editor to pay only the highest-paid of these 2 lines ... a
remit of $X on one and $0.00 on the others would be that packaging, not an underpayment", beside "Paid amount compared
with professional_allowed (the physician's claim ...)". That remit is the hospital's (its UB-04, the OPPS payment);
the pathologist's 26 lines are paid their PFS facility amounts whatever the hospital's code editor packages (Claims
Processing Manual ch. 12 §20.4.2), so a $0.00 remit on one of them is no packaging. The figures are left off rows
compared with the practitioner's claim (by their 26, or --paid-for professional); the hospital's own rows of the same
codes (no 26, compared with the site's whole amount) keep them; the note naming no amount stays on both.

Amounts are CMS's: the RVU file (RVU25D, in force on 11/18/2025) and GPCI2025 for MAC 05302 locality 02, and the
October 2025 Addendum B, read here.
"""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from conftest import run_batch_rows
from rvucalc.engine.facility import CONDITIONAL_SEVERAL_FIGURES, CONDITIONAL_SEVERAL_NOTE
from test_opps_conditional_and_co_surgeons import _addendum_b

DATA = Path(__file__).resolve().parents[1] / "data"
CENT = Decimal("0.01")


def _kansas_city_facility_amount(code: str, modifier: str) -> Decimal:
    """The PFS facility amount in Metropolitan Kansas City, MO (MAC 05302, locality 02: ZIP 64111) from CMS's 2025
    files: (work x GPCI + facility PE x GPCI + MP x GPCI) x CF, rounded half-up once."""
    with (DATA / "rvu/2025/PPRRVU2025_Oct.csv").open(encoding="latin-1", newline="") as handle:
        row = next(r for r in csv.reader(handle) if r[:2] == [code, modifier])
    with (DATA / "gpci/2025/GPCI2025.csv").open(encoding="latin-1", newline="") as handle:
        gpci = next(g for g in csv.reader(handle) if g[:3] == ["05302", "MO", "02"])
    rvus = Decimal(row[5]) * Decimal(gpci[4]) + Decimal(row[8]) * Decimal(gpci[5]) + Decimal(row[10]) * Decimal(gpci[6])
    return (rvus * Decimal(row[24])).quantize(CENT, rounding=ROUND_HALF_UP)


def _rows(claim: str, modifier: str, allowed: dict[str, Decimal]) -> list[dict[str, str]]:
    return [{"Claim #": claim, "DOS": "11/18/2025", "CPT": code, "Mod 1": modifier, "Units": str(units), "POS": "22",
             "Svc Facility ZIP": "64111", "Allowed Amt": str(allowed[code] * units)}
            for code, units in (("88305", 3), ("88342", 1))]  # fmt: skip


def _said(row: dict[str, Any]) -> str:
    return f"{row['note']}; {row['comparison_note']}"


def test_a_pathologist_s_26_lines_at_the_hospital_do_not_say_a_zero_remit_would_be_packaging(tmp_path: Path) -> None:
    addendum = _addendum_b()
    assert addendum["88305"][0] == "Q1" and addendum["88342"][0] == "Q2"  # Addendum B, October 2025
    fee = {code: _kansas_city_facility_amount(code, "26") for code in ("88305", "88342")}
    assert fee == {"88305": Decimal("34.39"), "88342": Decimal("32.16")}  # (0.75 + 0.32 x 0.948 + 0.01 x 0.992) ...
    physician = _rows("PC25-1118", "26", fee)
    hospital = _rows("H25-1118", "", {"88305": Decimal("51.03"), "88342": Decimal("163.66")})
    done, out = run_batch_rows(tmp_path, physician + hospital)
    assert done.exit_code == 0, done.output
    for row in out[:2]:  # the pathologist's claim: compared with the PFS facility amount, no hospital remit figures
        assert row["site"] == "hopd" and _money(row["expected"]) == _money(row["professional_allowed"]), row
        assert _money(row["professional_allowed"]) == fee[row["CPT"]] * int(row["Units"]), row
        assert _money(row["variance"]) == Decimal("0.00"), row
        assert CONDITIONAL_SEVERAL_NOTE in row["note"], _said(row)
        assert CONDITIONAL_SEVERAL_FIGURES not in _said(row) and "$0.00 on the others" not in _said(row), _said(row)
    for row in out[2:]:  # the hospital's own lines (no 26): its remit, so the figures stay
        assert row["site"] == "hopd" and CONDITIONAL_SEVERAL_FIGURES in row["note"], _said(row)
    # --paid-for professional: every row is the practitioner's claim, so no row carries the hospital's figures
    done, out = run_batch_rows(tmp_path, physician, "--paid-for", "professional")
    assert done.exit_code == 0, done.output
    for row in out:
        assert CONDITIONAL_SEVERAL_NOTE in row["note"] and CONDITIONAL_SEVERAL_FIGURES not in _said(row), _said(row)
    # no paid column: nothing says whose claim the rows are, so the site's figures stay (as `rvucalc price` shows them)
    bare = [{k: v for k, v in row.items() if k != "Allowed Amt"} for row in physician]
    done, out = run_batch_rows(tmp_path, bare)
    assert done.exit_code == 0, done.output
    assert all(CONDITIONAL_SEVERAL_FIGURES in row["note"] for row in out), [_said(row) for row in out]


def _money(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value)).quantize(CENT)
