"""An ASC administrator's trial (Dallas, ZIP 75231, February 2026): the ASC's claim with 64483 and J0561 x 4, a
rebatable drug whose Addendum BB row carries an IRA-22 adjusted copayment ($3.75 a billing unit in January 2026).
Batch's patient share was that copayment x 4 units, but its note said only the ASP payment limit file's
"Inflation-adjusted coinsurance 11.741%", which does not give that share; `rvucalc price` said the ASC's copayment
per billing unit and what it comes to for the units. Batch now says the same words where the ASC's rate is shown
(no setting, or the ASC), as it already did the hospital's (Addendum B's adjusted copayment). The copayment is read
from CMS's shipped Addendum BB, not typed."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from conftest import run_batch_rows
from rvucalc.engine.facility import IRA_ASC
from rvucalc.lookup.pricer import Pricer
from rvucalc.paths import data_dir

DAY, ZIP = "02/05/2026", "75231"


def _bb_copay(code: str) -> Decimal:
    """January 2026 Addendum BB's IRA-22 Adjusted Copayment of ``code`` (its last column)."""
    with data_dir().joinpath("opps", "2026", "asc", "01", "BB.csv").open(newline="", encoding="latin-1") as handle:
        row = next(row for row in csv.reader(handle) if row and row[0] == code)
    return Decimal(row[7].strip().lstrip("$"))


def _row(claim: str, code: str, units: str, pos: str) -> dict[str, str]:
    return {"Claim ID": claim, "DOS": DAY, "POS": pos, "CPT/HCPCS": code, "Units": units, "Rendering Cred": "ASC",
            "Svc Facility ZIP": ZIP}  # fmt: skip


def test_batch_says_the_asc_s_ira_copayment_for_the_units_as_price_does(tmp_path: Path, pricer: Pricer) -> None:
    copay = _bb_copay("J0561")
    assert copay > 0
    single = pricer.price_encounter(["J0561", "64483"], zip_code=ZIP, date_of_service="2026-02-05", setting="24",
                                    units=[4, 1])  # fmt: skip
    drug = single.lines[0]
    assert drug.asc is not None and drug.asc.ira_adjusted
    rows = [_row("A1", "J0561", "4", "24"), _row("A1", "64483", "1", "24"), _row("O1", "J0561", "4", "11")]
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    asc, _, office = out
    said = f"{IRA_ASC}: where the ASC is paid for it, the patient pays Addendum BB's IRA-22 adjusted copayment, "
    assert f"{said}${copay} per billing unit, not 20%." in drug.asc.notes  # price's, one unit's words
    assert f"{said}${copay} per billing unit, not 20%: ${copay * 4:,.2f} for 4 units." in asc["note"], asc["note"]
    assert Decimal(asc["asc_coinsurance"]) == copay  # one unit's, as the note says
    assert Decimal(asc["beneficiary"]) == copay * 4  # the line's share is the figure said
    assert IRA_ASC not in office["note"]  # the office's row shows no ASC rate


def test_no_asc_ira_copayment_where_the_asc_is_paid_nothing_for_the_drug(tmp_path: Path, pricer: Pricer) -> None:
    """A review: a J0561 row alone at POS 24 said the ASC's IRA copayment in batch, where `price J0561 --setting asc`
    did not: the ASC is paid nothing for a drug with no covered surgical procedure on its claim (42 CFR 416.164(b);
    engine.facility.without_asc_ira_note), so there is no ASC payment for the patient to share. Neither says it there;
    with no setting both still do (what the ASC would be paid beside a procedure), and beside 64483 (above)."""
    copay = _bb_copay("J0561")
    assert copay > 0
    at_asc, no_setting = (
        pricer.price("J0561", zip_code=ZIP, date_of_service="2026-02-05", setting=setting, units=4)
        for setting in ("24", None)
    )
    for result in (at_asc, no_setting):
        assert result.asc is not None and Decimal(str(result.asc.coinsurance)) == copay  # for information
    assert not any(note.startswith(IRA_ASC) for note in at_asc.asc.notes), at_asc.asc.notes
    assert any(note.startswith(IRA_ASC) for note in no_setting.asc.notes)
    done, out = run_batch_rows(tmp_path, [_row("A1", "J0561", "4", "24"), _row("N1", "J0561", "4", "")])
    assert done.exit_code == 0, done.output
    alone, unset = out
    assert not alone["asc_allowed"] and Decimal(alone["asc_coinsurance"]) == copay
    assert IRA_ASC not in alone["note"] + alone["comparison_note"], alone["note"]
    assert f"${copay} per billing unit, not 20%: ${copay * 4:,.2f} for 4 units." in unset["note"], unset["note"]
