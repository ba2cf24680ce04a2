"""Procedure add-ons whose primaries are named (``engine.add_ons.SAME_DATE_PRIMARIES``): Medicare pays
a Type 1 add-on code only when one of its listed primaries is paid to the same practitioner on the same date (CMS's
add-on code edits, Transmittal 2636, CR 7501), so another kind of line beside it is no primary. A dermatology
practice's trial: `rvucalc price 99213-25 11102 17003 --units 1 --units 1 --units 4 --zip 33606 --date 2026-08-03
--setting 11` priced 17003 x 4 ($24.52) with no 17000 and no note, 11103 beside 17000 with no first biopsy, and 17314
(trunk, arms, legs) beside 17311 (head and neck): only an add-on with no other kind of code beside it was noted. Now
each is noted, naming its primary; the amounts stay CMS's fee schedule amounts (checked against CMS's RVUs, GPCIs and
conversion factor), in price and in a batch claim alike."""

from __future__ import annotations

from decimal import Decimal

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.add_ons import without_primary_note
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _batch, _money, encounters_both_ways, office_fee

ZIP, DATE = "33606", "2026-08-03"
WHERE = {"zip_code": ZIP, "date_of_service": DATE, "setting": "11"}
ADD_ON_PART = " is an add-on code (global period ZZZ"


def _fee(pricer: Pricer, code: str) -> Decimal:
    return office_fee(pricer, code, WHERE)


CLAIMS = [
    # the trial's encounters: beside other procedures, not beside the add-on's own primary
    (["99213", "11102", "17003"], [False, False, True]),
    (["17000", "11103"], [False, True]),
    (["17311", "17314", "17315"], [False, True, False]),
    # skin biopsies: one first biopsy code (11102, 11104 or 11106), other techniques as add-ons
    (["11102", "11103"], [False, False]),
    (["11104", "11103"], [False, False]),
    (["11106", "11103", "11105", "11107"], [False, False, False, False]),
    (["11102", "11105"], [False, True]),  # a punch add-on beside a tangential first biopsy
    (["11104", "11107"], [False, True]),  # an incisional add-on beside a punch first biopsy
    # premalignant lesion destruction and Mohs surgery with their own first codes
    (["17000", "17003"], [False, False]),
    (["17311", "17312", "17315"], [False, False, False]),
    (["17313", "17314"], [False, False]),
    (["17313", "17312"], [False, True]),  # head and neck stage beside a trunk first stage
    (["11102", "17315"], [False, True]),
    # paravertebral facet joint injections: additional levels with their region's initial level
    (["64490", "64491", "64492"], [False, False, False]),
    (["64493", "64494", "64495"], [False, False, False]),
    (["64493", "64491"], [False, True]),  # a cervical level beside a lumbar initial level
    (["64483", "64494"], [False, True]),  # beside a transforaminal epidural, not a facet injection
    # breast tomosynthesis (a radiology trial): screening 77063 with screening 77067, diagnostic G0279 with 77065/77066
    (["77067", "77063"], [False, False]),
    (["77066", "77063"], [False, True]),
    (["77065", "G0279"], [False, False]),
    (["77066", "G0279"], [False, False]),
    (["77067", "G0279"], [False, True]),
    # an add-on not in the table keeps the old rule: beside another kind of code it is not noted
    (["99213", "11201"], [False, False]),
]


def test_a_procedure_add_on_beside_other_codes_but_not_its_primary_is_noted_in_price_and_batch(
    pricer: Pricer,
) -> None:
    for codes, code, line, row, expected in encounters_both_ways(pricer, CLAIMS, ZIP, DATE, setting="11"):
        note = without_primary_note(code, alone=False)
        assert (note in line.notes) is expected, (codes, code, line.notes)
        assert (note in row["note"].split("; ")) is expected, (codes, code, row["note"])
        assert (ADD_ON_PART in row["note"]) is expected, (codes, code, row["note"])
        assert _money(row["pfs_non_facility_amount"]) == line.pfs.non_facility.amount == _fee(pricer, code)


def test_the_trials_17003_beside_99213_and_11102_is_noted_its_money_unchanged(pricer: Pricer) -> None:
    """The trial's command: exit 0, 17003 x 4 still CMS's amount times 4 ($24.52 at ZIP 33606), its note naming 17000
    and that the MAC denies it; batch's claim of the same lines says the same."""
    args = ["price", "99213-25", "11102", "17003", "--units", "1", "--units", "1", "--units", "4",
            "--zip", ZIP, "--date", DATE, "--setting", "11"]  # fmt: skip
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    note = without_primary_note("17003", alone=False)
    assert "17003 is an add-on code" in text and "17000 (destruction of the first premalignant lesion)" in text
    assert "the MAC denies it" in note and "; " not in note
    fee = _fee(pricer, "17003")
    assert 4 * fee == Decimal("24.52")
    rows = [{"claim": "E1", "code": code, "modifier": mod, "units": units, "zip": ZIP, "date": DATE, "pos": "11"}
            for code, mod, units in (("99213", "25", "1"), ("11102", "", "1"), ("17003", "", "4"))]  # fmt: skip
    out = _batch(pricer, rows)
    assert note in out[2]["note"].split("; "), out[2]["note"]
    assert _money(out[2]["office_allowed"]) == 4 * fee
    assert ADD_ON_PART not in out[0]["note"] and ADD_ON_PART not in out[1]["note"]


def test_the_note_names_the_primaries(pricer: Pricer) -> None:
    for code, primary in (("11103", "11102, 11104 or 11106"), ("11105", "11104 or 11106"), ("11107", "(11106)"),
                          ("17312", "17311 (Mohs surgery, first stage, head"), ("17314", "17313 (Mohs"),
                          ("17315", "17311-17314"), ("64491", "64490 ("), ("64492", "64490 or 64491"),
                          ("64494", "64493 ("), ("64495", "64493 or 64494")):  # fmt: skip
        for alone in (True, False):
            note = without_primary_note(code, alone)
            assert primary in note and "the MAC denies it" in note and "; " not in note, note
        (row,) = _batch(pricer, [{"code": code, "zip": ZIP, "date": DATE, "setting": "11"}])
        assert row["note"].split("; ").count(without_primary_note(code, alone=True)) == 1, row["note"]
        assert _money(row["pfs_non_facility_amount"]) == _fee(pricer, code)
