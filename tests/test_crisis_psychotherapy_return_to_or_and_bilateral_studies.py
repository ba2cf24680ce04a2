"""Three notes a review asked for, each with CMS's own words, the amounts unchanged (CMS's RVUs, GPCIs and CF):

- psychotherapy for crisis away from the office, G0017 and G0018 (the CY2024 PFS final rule, CMS's "Psychotherapy for
  Crisis"), at POS 11: the office bills 90839 and 90840 (``engine.visits.visit_place_note``); G0018's primary is
  G0017 (``engine.add_ons.SAME_DATE_PRIMARIES``);
- 78 at POS 11: a return trip to an operating room, which the office's minor treatment room is not (Claims Processing
  Manual ch. 12 §40, ``engine.modifiers.return_to_or_note``);
- an LT and an RT line of a unilateral or limited vascular study (93971, 93926, 93882), paid once: the bilateral
  study has its own code, 93970, 93925, 93880 (``engine.policy.BILATERAL_STUDY``).

Price and batch alike."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.add_ons import without_primary_note
from rvucalc.engine.modifiers import RETURN_TO_OR_OFFICE_NOTE
from rvucalc.engine.policy import BILATERAL_STUDY, SIDES_RULE, bilateral_study_hint
from rvucalc.engine.visits import visit_place_note
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _batch, _money, office_fee

ZIP, DATE = "98101", "2026-08-01"
WHERE = {"zip_code": ZIP, "date_of_service": DATE, "setting": "11"}
CMS_RVU_2026 = Path("/work/shared/cms/2026/PPRRVU2026_Jul_nonQPP.csv")


def _cms_rows() -> dict[str, list[str]]:
    """CMS's RVU26C file itself: the global rows (no modifier) by HCPCS."""
    with CMS_RVU_2026.open(newline="", encoding="latin-1") as handle:
        return {row[0]: row for row in csv.reader(handle) if len(row) > 20 and row[1] == ""}


def _notes(row: dict[str, Any]) -> list[str]:
    return str(row["note"]).split("; ")


def test_crisis_psychotherapy_away_from_the_office_at_the_office_names_the_office_s_codes(pricer: Pricer) -> None:
    cms = _cms_rows()
    # CMS's RVU file: G0017 "Crisis psychotherapy 60m" (XXX), G0018 "Crisis psychotherapy add 30m" (ZZZ)
    assert (cms["G0017"][2], cms["G0017"][14]) == ("Crisis psychotherapy 60m", "XXX")
    assert (cms["G0018"][2], cms["G0018"][14]) == ("Crisis psychotherapy add 30m", "ZZZ")
    rows = _batch(pricer, [{"claim": "A", "code": code, "zip": ZIP, "date": DATE, "setting": setting}
                           for code, setting in (("G0017", "11"), ("G0018", "11"), ("G0017", "12"))])  # fmt: skip
    for (code, office_code), row in zip((("G0017", "90839"), ("G0018", "90840")), rows, strict=False):
        note = visit_place_note(code, "11")
        assert note is not None and f"the office bills {office_code}" in note and "other than the office" in note
        assert "; " not in note
        line = pricer.price(code, **WHERE)
        assert line.notes.count(note) == 1, line.notes
        assert _notes(row).count(note) == 1, row["note"]
        assert _money(row["pfs_non_facility_amount"]) == line.pfs.non_facility.amount == office_fee(pricer, code, WHERE)
    # elsewhere (POS 12, a home) G0017 is the place's code: no such note
    assert visit_place_note("G0017", "12") is None and not any("office bills" in n for n in _notes(rows[2]))
    result = CliRunner().invoke(app, ["price", "G0017", "--setting", "11", "--zip", ZIP, "--date", DATE])
    assert result.exit_code == 0, result.output
    assert "the office bills 90839" in " ".join(result.stdout.split())


def test_g0018_s_primary_is_g0017(pricer: Pricer) -> None:
    where = {**WHERE, "setting": "12"}
    for codes, noted in ((["G0017", "G0018"], False), (["90839", "G0018"], True), (["90837", "G0018"], True)):
        line = pricer.price_encounter(codes, **where).lines[1]
        assert (without_primary_note("G0018", alone=False) in line.notes) is noted, (codes, line.notes)
        rows = _batch(pricer, [{"claim": "A", "code": c, "zip": ZIP, "date": DATE, "setting": "12"} for c in codes])
        assert (without_primary_note("G0018", alone=False) in _notes(rows[1])) is noted, (codes, rows[1]["note"])
    alone = without_primary_note("G0018", alone=True)
    assert "when G0017 (psychotherapy for crisis" in alone and "; " not in alone
    assert pricer.price("G0018", **where).notes.count(alone) == 1


def test_78_at_the_office_says_an_operating_room_is_no_minor_treatment_room(pricer: Pricer) -> None:
    assert "a minor treatment room" in RETURN_TO_OR_OFFICE_NOTE and "; " not in RETURN_TO_OR_OFFICE_NOTE
    rows = _batch(pricer, [{"claim": c, "code": "11042-78", "zip": ZIP, "date": DATE, "setting": s}
                           for c, s in (("A", "11"), ("B", "22"))])  # fmt: skip
    office = pricer.price("11042-78", **WHERE)
    assert office.notes.count(RETURN_TO_OR_OFFICE_NOTE) == 1
    assert _notes(rows[0]).count(RETURN_TO_OR_OFFICE_NOTE) == 1, rows[0]["note"]
    assert RETURN_TO_OR_OFFICE_NOTE not in _notes(rows[1])
    assert RETURN_TO_OR_OFFICE_NOTE not in pricer.price("11042-78", **{**WHERE, "setting": "22"}).notes
    assert RETURN_TO_OR_OFFICE_NOTE not in pricer.price("11042", **WHERE).notes
    # the amount is unchanged: 11042 is a 000-day code, 78 keeps its full value, CMS's office amount
    fee = office_fee(pricer, "11042", WHERE)
    assert office.pfs.non_facility.amount == _money(rows[0]["pfs_non_facility_amount"]) == fee


def test_a_unilateral_study_s_two_sides_name_the_bilateral_study(pricer: Pricer) -> None:
    cms = _cms_rows()
    for one_side, both in BILATERAL_STUDY.items():
        # CMS's RVU file: the bilateral study's indicator 2 (already bilateral), the unilateral one's 0
        assert (cms[both][19], cms[one_side][19]) == ("2", "0"), (both, one_side)
        assert (
            cms[both][2].split()[0] == cms[one_side][2].split()[0]
        )  # one family: "Extremity", "Lower", "Extracranial"
    assert "bilat" in cms["93880"][2] and "uni/ltd" in cms["93882"][2]
    for code in BILATERAL_STUDY:
        codes = [f"{code}-RT", f"{code}-LT"]
        paid, zero = pricer.price_encounter(codes, **WHERE).lines[1], pricer.price_encounter(codes, **WHERE).lines[0]
        rules = [step.rule for step in paid.pfs.non_facility.adjustments]
        assert any(r.startswith(SIDES_RULE) and r.endswith(bilateral_study_hint(code)) for r in rules), rules
        assert f"the complete study of both sides is {BILATERAL_STUDY[code]}" in bilateral_study_hint(code)
        assert zero.pfs.non_facility.amount == 0
        # one side's amount, as the code alone is priced (CMS's RVUs, GPCIs and CF; the OPPS imaging cap where CMS's
        # OPPSCAP file lists the code)
        fee = pricer.price(code, **WHERE).pfs.non_facility.amount
        assert paid.pfs.non_facility.amount == fee and fee is not None and fee <= office_fee(pricer, code, WHERE)
        rows = _batch(pricer, [{"claim": "A", "code": c, "zip": ZIP, "date": DATE, "setting": "11"} for c in codes])
        assert any(bilateral_study_hint(code) in n for n in _notes(rows[1])), rows[1]["note"]
        assert (_money(rows[0]["pfs_non_facility_amount"]), _money(rows[1]["pfs_non_facility_amount"])) == (0, fee)
    # a code without a bilateral study of its own says nothing more
    assert bilateral_study_hint("93970") == "" and bilateral_study_hint("19301") == ""
