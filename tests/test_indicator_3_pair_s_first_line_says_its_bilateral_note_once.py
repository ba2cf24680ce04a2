"""An LT and an RT line of a bilateral indicator 3 code (95886, "100% for each side"): the pair is ranked as one
procedure on its first line (as CODE-50), then each side is paid on its own line (``engine.policy.EACH_SIDE_OWN``).
Where no rule comes between the two steps, the first line says the bilateral rule once, both facts in one note (a
neurology trial's 95886-LT read "Bilateral: an LT and an RT line of one code: 100% for each side, ..." twice). Each
side is CMS's fee of the code alone (RVUs x GPCIs x CF). Price and batch alike."""

from __future__ import annotations

from typing import Any

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.policy import SIDES_RULE
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _batch, _money, office_fee

ZIP, DATE = "45202", "2026-08-03"
WHERE = {"zip_code": ZIP, "date_of_service": DATE, "setting": "11"}
CODES = ["95886-RT", "95886-LT", "95910"]


def _sides_notes(notes: list[str]) -> list[str]:
    return [note for note in notes if SIDES_RULE in note]


def test_the_first_line_of_an_indicator_3_pair_says_the_bilateral_rule_once(pricer: Pricer) -> None:
    fee = office_fee(pricer, "95886", WHERE)
    encounter = pricer.price_encounter(CODES, **WHERE)
    right, left = encounter.lines[0], encounter.lines[1]
    assert left.pfs.indicators["bilat_surg"].value == "3"
    rules = [step.rule for step in left.pfs.non_facility.adjustments if step.rule.startswith(SIDES_RULE)]
    assert len(rules) == 1, rules
    assert "ranked as one procedure on this line (as 50)" in rules[0] and "on its own line (half the pair)" in rules[0]
    assert left.pfs.non_facility.amount == right.pfs.non_facility.amount == fee
    rows = _batch(pricer, [{"claim": "B2", "code": c, "zip": ZIP, "date": DATE, "setting": "11"} for c in CODES])
    row_notes: list[Any] = [str(row["note"]).split("; ") for row in rows[:2]]
    assert len(_sides_notes(row_notes[1])) == 1, rows[1]["note"]
    assert _sides_notes(row_notes[1])[0].endswith(rules[0])
    assert len(_sides_notes(row_notes[0])) == 1, rows[0]["note"]
    assert [_money(row["pfs_non_facility_amount"]) for row in rows[:2]] == [fee, fee]
    result = CliRunner().invoke(app, ["price", *CODES, "--zip", ZIP, "--date", DATE, "-f", "json"])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("ranked as one procedure on this line (as 50)") == 1


# 73200 (CT upper extremity, indicator 3): the OPPS imaging cap comes between the pair's ranking and its halving in
# the office (on the TC), not in the facility setting (the 26's fee): the two settings keep the same two steps, so the
# pair's rule is said once per step for both (batch's "Claim encounter (PFS)"), never a third time in the row's
# comparison note (a review: each setting deciding alone wrote the facility's one step there, and "PFS non-facility"
# on the note).
CAPPED = ["73200-RT", "73200-LT"]


def test_an_imaging_pair_capped_in_the_office_keeps_one_wording_in_every_setting(pricer: Pricer) -> None:
    encounter = pricer.price_encounter(CAPPED, **WHERE)
    first = encounter.lines[1]
    office = first.pfs.non_facility
    cap_steps = [step.rule for step in office.adjustments if not step.rule.startswith(SIDES_RULE)]
    assert cap_steps and "imaging cap" in cap_steps[0], office.adjustments
    assert len(_sides_notes([step.rule for step in office.adjustments])) == 2
    rows = _batch(pricer, [{"claim": "B3", "code": c, "zip": ZIP, "date": DATE, "setting": "11"} for c in CAPPED])
    assert SIDES_RULE not in str(rows[1]["comparison_note"]), rows[1]["comparison_note"]
    assert "(PFS non-facility)" not in str(rows[1]["note"]), rows[1]["note"]
    assert [_money(row["pfs_non_facility_amount"]) for row in rows] == [
        line.pfs.non_facility.amount for line in encounter.lines
    ]
