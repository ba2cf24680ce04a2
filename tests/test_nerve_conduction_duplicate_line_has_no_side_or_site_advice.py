"""Two identical lines of a nerve conduction study code (`rvucalc price 95907 95907`): the general duplicate note told
the biller to use RT/LT or 59/XS on another side or site, and 76 or 77 for a repeat, where the line's nerve conduction
note (engine.nerve_conduction) says a session's studies are counted together and billed once, with the code whose
range holds the total (CPT's electrodiagnostic guidelines beside LCD L34594). The duplicate note of 95907-95913 keeps
what is true (MLN Matters MM8121's duplicate edit) without that advice; other codes' notes keep it. The amounts are
CMS's (RVUs x GPCIs x CF) as billed. Price and batch alike."""

from __future__ import annotations

from rvucalc.engine.duplicates import DUPLICATE_NOTE
from rvucalc.engine.nerve_conduction import STUDIES
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _batch, _money, office_fee

ZIP, DATE = "45202", "2026-08-03"
WHERE = {"zip_code": ZIP, "date_of_service": DATE, "setting": "11"}
ADVICE = ("RT/LT", "59/XS", " 76 ")


def _duplicate(notes: list[str]) -> str:
    (note,) = [note for note in notes if note.startswith(DUPLICATE_NOTE)]
    return note


def test_a_repeated_nerve_conduction_line_is_not_told_to_use_side_or_site_modifiers(pricer: Pricer) -> None:
    assert set(STUDIES) == {f"9590{n}" for n in range(7, 10)} | {f"9591{n}" for n in range(4)}
    for code in ("95907", "95913"):
        fee = office_fee(pricer, code, WHERE)
        lines = pricer.price_encounter([code, code], **WHERE).lines
        note = _duplicate(lines[1].notes)
        assert "nerve conduction study code" in note and not any(word in note for word in ADVICE), note
        assert [line.pfs.non_facility.amount for line in lines] == [fee, fee]
        rows = _batch(pricer, [{"claim": "N1", "code": code, "zip": ZIP, "date": DATE, "setting": "11"}] * 2)
        assert _duplicate(str(rows[1]["note"]).split("; ")) == note, rows[1]["note"]
        assert [_money(row["pfs_non_facility_amount"]) for row in rows] == [fee, fee]
    # another code's duplicate note keeps the side and site advice
    other = _duplicate(pricer.price_encounter(["20610", "20610"], **WHERE).lines[1].notes)
    assert "RT/LT" in other and "59/XS" in other


# The session note of two identical lines named the code twice ("95907 is one of 95907 and 95907"): lines written
# alike are counted ("one of 2 lines of 95907"; beside another code, "95907 (2 lines) and 95910").
def test_identical_study_lines_are_counted_not_listed_twice(pricer: Pricer) -> None:
    for codes, named in (
        (["95907", "95907"], "2 lines of 95907"),
        (["95907", "95910", "95907"], "95907 (2 lines) and 95910"),
    ):
        fees = [office_fee(pricer, code, WHERE) for code in codes]
        lines = pricer.price_encounter(codes, **WHERE).lines
        rows = _batch(
            pricer, [{"claim": "N2", "code": code, "zip": ZIP, "date": DATE, "setting": "11"} for code in codes]
        )
        for code, line, row in zip(codes, lines, rows, strict=True):
            (said,) = [note for note in line.notes if "nerve conduction study codes billed on this date" in note]
            assert said.startswith(f"{code} is one of {named}, "), said
            assert said in str(row["note"]).split("; "), row["note"]
        assert [line.pfs.non_facility.amount for line in lines] == fees
        assert [_money(row["pfs_non_facility_amount"]) for row in rows] == fees
