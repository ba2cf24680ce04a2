"""The psychiatric add-ons whose primaries CPT and CMS name (``engine.add_ons.SAME_DATE_PRIMARIES``): Medicare pays a
Type 1 add-on code only when one of its listed primaries is paid to the same practitioner on the same date (CMS's
add-on code edits, Transmittal 2636, CR 7501), so a line of another kind beside it is no primary. A behavioral health
practice manager's trial: `rvucalc price 90834 90833 --zip 04101 --date 2026-08-15 --setting 11` priced both with no
note ($113.40 + $80.44), and a claim of 90837 + 90838 said nothing either: only an add-on with no other kind of code
beside it was noted. Now the add-on is noted, naming its primary; the amounts stay CMS's fee schedule amounts (checked
against CMS's RVUs, GPCIs and conversion factor), in price and in a batch claim alike."""

from __future__ import annotations

from decimal import Decimal

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.add_ons import without_primary_note
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _batch, _money, encounters_both_ways, office_fee

ZIP, DATE = "04101", "2026-08-15"
WHERE = {"zip_code": ZIP, "date_of_service": DATE, "setting": "11"}
ADD_ON_PART = " is an add-on code (global period ZZZ"


def _fee(pricer: Pricer, code: str) -> Decimal:
    return office_fee(pricer, code, WHERE)


CLAIMS = [
    # psychotherapy with E/M beside psychotherapy alone (the trial's E26009 and K4), not beside its E/M visit
    (["90834", "90833"], [False, True]),
    (["90837", "90838"], [False, True]),
    (["90832", "90836"], [False, True]),
    (["99283", "90833"], [False, True]),  # an emergency department visit: outside CPT's E/M ranges
    (["99243", "90836"], [False, True]),  # a consultation: status I, Medicare pays none
    # with its E/M visit: office, hospital, nursing facility, home or residence
    (["99214", "90836"], [False, False]),
    (["99232", "90833"], [False, False]),
    (["99308", "90838"], [False, False]),
    (["99349", "90833"], [False, False]),
    # crisis psychotherapy's add-on: 90839 only
    (["90837", "90840"], [False, True]),
    (["90839", "90840"], [False, False]),
    # interactive complexity: a psychiatric evaluation, psychotherapy or group psychotherapy, not an E/M alone
    (["99213", "90785"], [False, True]),
    (["90846", "90785"], [False, True]),
    (["90839", "90785"], [False, True]),
    (["90834", "90785"], [False, False]),
    (["90853", "90785"], [False, False]),
    (["90791", "90785"], [False, False]),
    (["99214", "90833", "90785"], [False, False, False]),
    # another add-on keeps the old rule: beside another kind of code it is not noted
    (["99213", "22614"], [False, False]),
]


def test_a_psychiatric_add_on_beside_other_codes_but_not_its_primary_is_noted_in_price_and_batch(
    pricer: Pricer,
) -> None:
    for codes, code, line, row, expected in encounters_both_ways(pricer, CLAIMS, ZIP, DATE, setting="11"):
        note = without_primary_note(code, alone=False)
        assert (note in line.notes) is expected, (codes, code, line.notes)
        assert (note in row["note"].split("; ")) is expected, (codes, code, row["note"])
        assert (ADD_ON_PART in row["note"]) is expected, (codes, code, row["note"])
        if line.pfs.non_facility.amount is not None:  # a consultation (status I) has none
            fee = _fee(pricer, code)
            assert _money(row["pfs_non_facility_amount"]) == line.pfs.non_facility.amount == fee, (codes, code)


def test_the_note_names_the_primary_and_that_the_mac_denies_it(pricer: Pricer) -> None:
    for code, primary in (("90833", "an E/M visit (office/outpatient 99202-99215"), ("90840", "90839"),
                          ("90785", "90791, 90792, 90832-90834, 90836-90838 or 90853")):  # fmt: skip
        for alone in (True, False):
            note = without_primary_note(code, alone)
            assert primary in note and "the MAC denies it" in note and "; " not in note, note
    assert "psychotherapy without one is 90832, 90834 or 90837" in without_primary_note("90833", False)
    # the trial's command: both lines keep CMS's amounts, the add-on says its E/M visit is missing
    result = CliRunner().invoke(app, ["price", "90834", "90833", "--zip", ZIP, "--date", DATE, "--setting", "11"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "90833 is an add-on code" in text and "no line of this claim and date is its primary" in text
    assert f"${_fee(pricer, '90834')}" in text and f"${_fee(pricer, '90833')}" in text


def test_a_lone_psychiatric_add_on_names_its_primary_in_price_and_batch(pricer: Pricer) -> None:
    for code in ("90833", "90840", "90785"):
        note = without_primary_note(code, alone=True)
        assert "priced alone here" in note and "the MAC denies it" in note, note
        assert pricer.price(code, **WHERE).notes.count(note) == 1
        (row,) = _batch(pricer, [{"code": code, "zip": ZIP, "date": DATE, "setting": "11"}])
        assert row["note"].split("; ").count(note) == 1, row["note"]
        assert _money(row["pfs_non_facility_amount"]) == _fee(pricer, code)


def test_the_e_m_visit_must_be_the_same_practitioner_s_and_date_s(pricer: Pricer) -> None:
    """A claim's encounter for an add-on is one practitioner's lines of one date (CR 7501: "the same practitioner
    for the same patient on the same date"): an NP's 99214 is no primary of the physician's 90833, nor a 99214 of
    the day before."""
    rows = [
        {"claim": "A", "code": "99214", "zip": ZIP, "date": DATE, "setting": "11", "provider": "NP"},
        {"claim": "A", "code": "90833", "zip": ZIP, "date": DATE, "setting": "11", "provider": "MD"},
        {"claim": "B", "code": "99214", "zip": ZIP, "date": "2026-08-14", "setting": "11", "provider": "MD"},
        {"claim": "B", "code": "90833", "zip": ZIP, "date": DATE, "setting": "11", "provider": "MD"},
        {"claim": "C", "code": "99214", "zip": ZIP, "date": DATE, "setting": "11", "provider": "MD"},
        {"claim": "C", "code": "90833", "zip": ZIP, "date": DATE, "setting": "11", "provider": "MD"},
    ]
    out = _batch(pricer, rows)
    assert without_primary_note("90833", alone=True) in out[1]["note"].split("; "), out[1]["note"]
    assert "E/M visit" in without_primary_note("90833", alone=True)
    assert without_primary_note("90833", alone=True) in out[3]["note"].split("; "), out[3]["note"]
    assert ADD_ON_PART not in out[5]["note"], out[5]["note"]


@pytest.mark.parametrize("codes", [["90834", "90833"], ["90837", "90838"], ["99213", "90785"]])
def test_a_psychiatric_add_on_without_its_primary_agrees_in_price_and_a_one_claim_batch(
    pricer: Pricer, codes: list[str]
) -> None:
    """A file of one claim (batch's "no encounter of several lines" path is not taken: two rows) and price give the
    same notes on the add-on."""
    encounter = pricer.price_encounter(codes, **WHERE)
    rows = _batch(pricer, [{"claim": "K4", "code": code, "zip": ZIP, "date": DATE, "setting": "11"} for code in codes])
    said = [text for text in encounter.lines[1].notes if ADD_ON_PART in text]
    assert said == [text for text in rows[1]["note"].split("; ") if ADD_ON_PART in text]
    assert said == [without_primary_note(codes[1], alone=False)]
