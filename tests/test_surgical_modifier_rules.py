"""A general surgery and a urology trial's surgical lines:

- co-surgeons (62) and team surgeons (66) bill the same code by design (Claims Processing Manual ch. 12 §40.8: "each
  surgeon bills for the procedure with a modifier '-62'"), each on their own claim: two such lines on one claim (one
  billing entity's) are a likely duplicate, noted without the 76/77 advice (``engine.duplicates``), in ``rvucalc
  price`` and ``rvucalc batch`` alike, whatever rendering practitioner a claim export names; on two claims, none;
- a global-split modifier (54, 55, 56) on an assistant at surgery's line (80, 81, 82, AS) is refused as a conflict, as
  62 with 80 is (ch. 12 §20.4.3: the assistant is paid a share of the whole surgery; Noridian: "Do not append on ASC
  facility or assistant surgeons services");
- several units of an endoscopy of a family (multiple procedure indicator 3) say what separate lines would be paid:
  each later one its amount less the base endoscopy's (ch. 12 §40.6), the money unchanged (units x the amount)."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine import duplicates
from rvucalc.engine import modifiers as mod
from rvucalc.errors import ErrorKind, UsageError
from rvucalc.lookup.pricer import Pricer

runner = CliRunner()
DUPLICATE = "Possible duplicate: "
RVU = Path(__file__).resolve().parents[1] / "data" / "rvu"


@pytest.fixture(scope="module")
def pricer() -> Pricer:
    return Pricer()


def _cms_row(year: str, code: str) -> dict[str, str]:
    """CMS's RVU file row of a code (no modifier), by its two-row header's names ('MULT PROC', 'ENDO BASE' ...)."""
    [path] = [p for p in (RVU / year).glob("PPRRVU*.csv") if "Oct" in p.name or "Jul" in p.name]
    with path.open(encoding="latin-1", newline="") as handle:
        rows = list(csv.reader(handle))
    at = next(i for i, row in enumerate(rows) if row and row[0] == "HCPCS")
    names = [f"{top} {name}".strip() for top, name in zip(rows[at - 1], rows[at], strict=False)]
    row = next(row for row in rows[at + 1 :] if row and row[0] == code and row[1] == "")
    return dict(zip(names, row, strict=False))


def _duplicates(notes: object) -> list[str]:
    parts = notes if isinstance(notes, list) else str(notes or "").split("; ")
    return [part for part in parts if part.startswith(DUPLICATE)]


# -- 1. co-surgeons' and team surgeons' lines on one claim are a likely duplicate, without the 76/77 advice ---------


@pytest.mark.parametrize(
    ("codes", "setting", "noted"),
    [(["47562-62", "47562-62"], "24", [1]), (["47562-62", "47562-62"], "22", [1]), (["47562", "47562"], "24", [1]),
     (["47562-62", "47562"], "24", [])],
)  # fmt: skip
def test_co_surgeons_lines_on_one_claim_are_a_likely_duplicate_without_76_or_77_in_price_and_batch(
    pricer: Pricer, codes: list[str], setting: str, noted: list[int]
) -> None:
    """The trial: `rvucalc price 47562-62 47562-62` told the second co-surgeon to bill with 76 or 77; a fix then left
    the two lines silent. Each co-surgeon bills 62 on their own claim, so two on one claim are most likely one line
    billed twice: noted, saying so, without 76/77. CMS's file allows co-surgeons for 47562 (with documentation)."""
    assert _cms_row("2026", "47562")["CO- SURG"] == "1"
    found = pricer.price_encounter(codes, zip_code="30309", date_of_service="2026-08-12", setting=setting)
    assert [n for n, line in enumerate(found.lines) if _duplicates(line.notes)] == noted
    for line in found.lines:
        for note in _duplicates(line.notes):
            assert ("own claim" in note and "76" not in note and "77" not in note) == ("62" in line.modifiers), note
    done = runner.invoke(app, ["price", *codes, "--zip", "30309", "--date", "2026-08-12", "--setting", setting])
    assert done.exit_code == 0, done.output
    assert (DUPLICATE in done.stdout) == bool(noted)
    # batch: one claim, each line from another rendering surgeon (a pass-through column)
    table = pa.table({"claim": ["A"] * len(codes), "code": codes, "zip": ["30309"] * len(codes),
                      "date": ["2026-08-12"] * len(codes), "setting": [setting] * len(codes),
                      "rendering_npi": [f"100000000{n}" for n in range(len(codes))]})  # fmt: skip
    rows = BatchPricer(pricer).price_table(table).to_pylist()
    assert [n for n, row in enumerate(rows) if _duplicates(row["note"])] == noted
    for row, line in zip(rows, found.lines, strict=True):
        assert _duplicates(row["note"]) == _duplicates(line.notes)


def test_team_surgeons_lines_on_one_claim_are_a_likely_duplicate() -> None:
    """66 as 62 (team surgery is priced by report, so the rule is read on its own): each team surgeon bills on their
    own claim, so two identical 66 lines of one claim are noted (their note without 76/77); 76 and 77 still say a
    repeat, and two lines with no 62 or 66 are still a likely duplicate, with the 76/77 advice."""
    assert _cms_row("2026", "50360")["TEAM SURG"] == "2"  # CMS's file: a team may be paid for a kidney transplant
    lines = [("50360", ["66"]), ("50360", ["66"]), ("50360", ["66", "RT"]), ("50360", ["RT", "66"]), ("50360", []),
             ("50360", []), ("50360", ["66", "76"])]  # fmt: skip
    notes = duplicates.duplicate_notes(lines)
    assert [n for n, note in enumerate(notes) if note] == [1, 3, 5]
    assert all("76" not in str(notes[n]) and "own claim" in str(notes[n]) for n in (1, 3))
    assert "76" in str(notes[5]) and "77" in str(notes[5])
    assert duplicates.line_identity("47562", ["62", "76"]) is None


def test_co_surgeons_lines_on_two_batch_claims_stay_silent(pricer: Pricer) -> None:
    """47562-62 on claim A and on claim B (two surgeons' claims), the same date: no duplicate note on either."""
    table = pa.table({"claim": ["A", "B"], "code": ["47562-62"] * 2, "zip": ["30309"] * 2,
                      "date": ["2026-08-12"] * 2, "setting": ["24"] * 2})  # fmt: skip
    rows = BatchPricer(pricer).price_table(table).to_pylist()
    assert [_duplicates(row["note"]) for row in rows] == [[], []]


# -- 2. a global-split modifier on an assistant's line is refused ----------------------------------------------------

SPLIT_WITH_ASSISTANT = [[split, assistant] for split in ("54", "55", "56") for assistant in ("80", "81", "82", "AS")]


@pytest.mark.parametrize("mods", SPLIT_WITH_ASSISTANT)
def test_a_split_care_modifier_on_an_assistants_line_conflicts(mods: list[str]) -> None:
    with pytest.raises(UsageError, match=rf"Modifiers {mods[0]} and {mods[1]} conflict: .*assistant at surgery"):
        mod.check_combination(mods)
    with pytest.raises(UsageError, match="conflict"):
        mod.check_combination(list(reversed(mods)))


def test_the_trials_lines_are_refused_in_price_and_batch(pricer: Pricer) -> None:
    """The trial: 19303-55-AS paid $24.48 (85% of 16% of the post-operative share), 19303-54-80 $122.77; 62 with 80 is
    refused the same way."""
    assert _cms_row("2026", "19303")["ASST SURG"] in {"0", "2"}  # an assistant may be paid for 19303 itself
    for code in ("19303-55-AS", "19303-54-80", "19303-62-80"):
        with pytest.raises(UsageError) as refused:
            pricer.price(code, zip_code="30309", setting="21")
        assert refused.value.kind is ErrorKind.BAD_MODIFIER and "conflict" in str(refused.value)
        done = runner.invoke(app, ["price", code, "--zip", "30309", "--setting", "21"])
        assert done.exit_code == 2 and "conflict" in done.output, done.output
    table = pa.table({"code": ["19303-55-AS", "19303-54-80", "19303-80", "19303-54"], "zip": ["30309"] * 4,
                      "setting": ["21"] * 4})  # fmt: skip
    rows = BatchPricer(pricer).price_table(table).to_pylist()
    assert ["conflict" in str(row["error"]) for row in rows] == [True, True, False, False]
    assert rows[2]["pfs_facility_amount"] is not None and rows[3]["pfs_facility_amount"] is not None


# -- 3. units of an endoscopy of a family ----------------------------------------------------------------------------

SCOPE = {"zip_code": "43215", "date_of_service": "2025-11-05", "setting": "11"}
ENDOSCOPY = "endoscopy of the 52000 family"


def test_units_of_an_endoscopy_say_what_separate_lines_would_be_paid(pricer: Pricer) -> None:
    """The trial: `52204 --units 2` paid 2 x full, unsaid, where 52204 52204-76 pays the second line its amount less
    52000's (the base endoscopy CMS's file names for 52204)."""
    row = _cms_row("2025", "52204")
    assert (row["MULT PROC"], row["ENDO BASE"]) == ("3", "52000")
    result = pricer.price("52204", units=2, **SCOPE)
    said = [note for note in result.notes if ENDOSCOPY in note]
    assert len(said) == 1 and "less the base endoscopy's (52000)" in said[0] and "2 units" in said[0], result.notes
    alone, base = pricer.price("52204", **SCOPE), pricer.price("52000", **SCOPE)
    lines = pricer.price_encounter(["52204", "52204-76"], **SCOPE).lines
    for name in ("non_facility", "facility"):  # what the note says separate lines would be paid
        one, less = getattr(alone.pfs, name).amount, getattr(base.pfs, name).amount
        assert getattr(result.pfs, name).amount == one  # the money unchanged: one unit's, the line 2 x it
        assert getattr(lines[1].pfs, name).amount == one - less
    assert result.sites[0].total == alone.sites[0].total * 2  # type: ignore[operator]
    table = pa.table({"code": ["52204", "52204", "52000"], "units": ["2", "1", "2"], "zip": ["43215"] * 3,
                      "date": ["2025-11-05"] * 3, "setting": ["11"] * 3})  # fmt: skip
    rows = BatchPricer(pricer).price_table(table).to_pylist()
    assert said[0] in str(rows[0]["note"])
    assert rows[0]["allowed"] == alone.pfs.non_facility.amount * 2
    assert ENDOSCOPY not in str(rows[1]["note"])  # one unit
    assert _cms_row("2025", "52000")["MULT PROC"] == "2"  # the base itself is ranked: indicator 2's note
    assert "multiple procedure rule ranks (indicator 2)" in str(rows[2]["note"])
