"""Batch's note column joins a row's notes with "; ", so a note with "; " inside reads as two (and batch's own note
handling splits it there). Trials found "ZIP 02467 spans counties; using 25021 ..." read as "ZIP 02467 spans counties"
and "using 25021 ...", and a G0260 at an ASC said "the physician bills 27096" three times in `rvucalc price` (its
office reason, its facility reason and its note). The notes are one each, said once, price and batch alike; the
county and its share are HUD's crosswalk's, G0260's and 27096's statuses CMS's RVU file's."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import realistic_claims, run_batch_rows
from rvucalc.cli import app
from rvucalc.engine.facility_codes import facility_billed_said
from rvucalc.paths import data_dir

runner = CliRunner()
DATE = "2026-08-03"


def _price(*args: str, exit_code: int = 0) -> dict[str, Any]:
    done = runner.invoke(app, ["price", *args, "--date", DATE, "-f", "json"])
    assert done.exit_code == exit_code, done.output
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def _strings(found: Any) -> list[str]:
    if isinstance(found, dict):
        return [text for value in found.values() for text in _strings(value)]
    if isinstance(found, list):
        return [text for value in found for text in _strings(value)]
    return [found] if isinstance(found, str) else []


def _hud_counties(zip5: str) -> list[tuple[str, float]]:
    """HUD's ZIP-county crosswalk (the shipped Q1 2020 file): the ZIP's counties by share of all addresses."""
    from openpyxl import load_workbook

    book = load_workbook(data_dir() / "geo" / "ZIP_COUNTY_032020.xlsx", read_only=True)
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(cell).lower() for cell in next(rows)]
    at_zip, at_county, at_share = header.index("zip"), header.index("fips"), header.index("tot_ratio")
    found = [(str(row[at_county]).zfill(5), float(row[at_share])) for row in rows if str(row[at_zip]).zfill(5) == zip5]
    book.close()
    return sorted(found, key=lambda item: -item[1])


def test_a_zip_that_spans_counties_is_one_note_in_price_and_batch(tmp_path: Path) -> None:
    (main, share), *others = _hud_counties("02467")
    assert len(others) == 2
    head = f"ZIP 02467 spans counties: {main} is used ({share:.1%} of addresses). Others: "
    single = _price("29881", "--zip", "02467", "--setting", "asc")
    (note,) = [text for text in single["notes"] if text.startswith("ZIP 02467")]
    # the others named are HUD's, with HUD's shares (those in the used county's wage area are left out: they change
    # no rate, test_county_note_same_wage_area)
    listed = note.removeprefix(head).removesuffix(".").split(", ")
    assert note.startswith(head) and listed, note
    assert set(listed) <= {f"{county} ({ratio:.1%})" for county, ratio in others}, note
    done, rows = run_batch_rows(tmp_path, [{"code": "29881", "zip": "02467", "setting": "asc", "date": DATE}])
    assert done.exit_code == 0, done.output
    assert note in rows[0]["note"].split("; "), rows[0]["note"]


def test_a_territory_zip_outside_huds_crosswalk_is_one_note() -> None:
    note = (
        "ZIP 96911 is not in HUD's ZIP-county crosswalk, but CMS's ZIP file places it in Guam, which has no CBSA: its "
        "rural wage index is used."
    )
    assert _hud_counties("96911") == []
    assert note in _price("29881", "--zip", "96911", "--setting", "asc")["notes"]


def _rvu_status(code: str) -> str:
    with data_dir().joinpath("rvu", "2026", "PPRRVU2026_Jul_nonQPP.csv").open(newline="", encoding="latin-1") as f:
        return next(row[3].strip() for row in csv.reader(f) if row and row[0] == code and not row[1].strip())


def test_g0260_at_an_asc_names_27096_once(tmp_path: Path) -> None:
    assert (_rvu_status("G0260"), _rvu_status("27096")) == ("E", "A")
    for setting in ("asc", "24"):
        said = _strings(_price("G0260", "--zip", "75230", "--setting", setting))
        assert sum(text.count("the physician bills 27096") for text in said) == 1, said
        assert facility_billed_said("G0260") in said
    office = _price("G0260", "--zip", "75230", "--setting", "office", exit_code=1)  # not payable there: exit 1
    assert "the physician bills 27096" in office["pfs"]["non_facility"]["reason"]
    done, rows = run_batch_rows(tmp_path, [{"code": "G0260", "zip": "75230", "setting": s, "date": DATE}
                                           for s in ("asc", "office")])  # fmt: skip
    assert done.exit_code == 0, done.output
    assert [" ".join(row.values()).count("the physician bills 27096") for row in rows] == [1, 1], rows


def test_batch_notes_split_at_semicolons_are_whole_notes(tmp_path: Path) -> None:
    """Rows whose notes had "; " inside (an off-campus line without PO or PN, units of a ranked procedure, a status E
    code, a preventive service, an inpatient-only procedure at the hospital, a wage index listed twice, a quarter
    whose release is not installed, 53 on a code CMS publishes no 53 row for, at the hospital): each piece of the
    note column, split at "; ", is a note of its own (none begins in lower case, as the tail of a split one did)."""
    rows = [
        {"claim": "A", "code": "99213", "pos": "19", "zip": "19103", "date": DATE, "units": "1"},
        {"claim": "B", "code": "11042", "pos": "11", "zip": "19103", "date": DATE, "units": "3"},
        {"claim": "C", "code": "G0260", "pos": "11", "zip": "19103", "date": DATE, "units": "1"},
        {"claim": "D", "code": "77067", "pos": "11", "zip": "19103", "date": DATE, "units": "1"},
        {"claim": "E", "code": "33533", "pos": "22", "zip": "19103", "date": "2025-11-03", "units": "1"},
        {"claim": "F", "code": "29881", "pos": "24", "zip": "72601", "date": "2025-11-03", "units": "1"},
        {"claim": "G", "code": "99213", "pos": "11", "zip": "19103", "date": "2026-11-03", "units": "1"},
        # 53 at the hospital: CMS's RVU file has no 29881-53 row (the MAC prices it), and 53 is no facility's modifier
        {"claim": "H", "code": "29881-53", "pos": "22", "zip": "19103", "date": DATE, "units": "1"},
    ]
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    for row in out:
        for column in ("note", "comparison_note"):
            pieces = [piece for piece in (row[column] or "").split("; ") if piece]
            assert not [piece for piece in pieces if piece[0].islower()], (row["code"], row[column])


def test_a_zip_split_by_zip4_is_one_note_in_price_and_batch(tmp_path: Path) -> None:
    """A ZIP CMS's ZIP5 file marks split between localities by ZIP+4 (its PLUS4 flag: 01434) warns in price and in
    batch's note column, as one note: "; " inside it read as two ("ZIP 01434 is split between localities by ZIP+4" and
    "CMS's ZIP5 file assigns it to ..."), on ~1% of a realistic claim file's rows."""
    single = _price("99213", "--zip", "01434")
    (warning,) = [text for text in single["warnings"] if "split between localities" in text]
    assert "; " not in warning and f"to {single['location']['locality']} " in warning, warning
    done, rows = run_batch_rows(tmp_path, [{"code": "99213", "zip": "01434", "date": DATE}])
    assert done.exit_code == 0, done.output
    assert warning in rows[0]["note"].split("; "), rows[0]["note"]


def test_a_row_without_a_zip_or_a_place_of_service_says_each_in_one_note(tmp_path: Path) -> None:
    """A row with no ZIP (national amounts) and a row with a blank place of service cell: each note is one piece of
    the note column (the ZIP's read as two, "... national PFS and facility amounts" and "give the ZIP ...")."""
    from rvucalc.batch.lines import BLANK_PLACE_WARNING, BLANK_SETTING_NOTE

    assert "; " not in BLANK_PLACE_WARNING and "; " not in BLANK_SETTING_NOTE
    done, rows = run_batch_rows(tmp_path, [{"code": "99213", "zip": "", "setting": "11", "date": DATE},
                                           {"code": "99213", "zip": "44106", "setting": "", "date": DATE}])  # fmt: skip
    assert done.exit_code == 0, done.output
    assert BLANK_PLACE_WARNING in rows[0]["note"].split("; "), rows[0]["note"]
    assert BLANK_SETTING_NOTE in rows[1]["note"].split("; "), rows[1]["note"]


def _cms_tails() -> set[str]:
    """The pieces after "; " of CMS's own published meanings (Addendum DD1's ASC payment indicators, Addendum D1's
    OPPS status indicators: "D1 - Ancillary dental service/item; no separate payment made"), which rvucalc quotes as
    CMS words them: a note quoting one splits there, and those tails alone may begin in lower case."""
    from rvucalc.engine.facility_meanings import ASC_PI, OPPS_SI

    return {tail for text in (*ASC_PI.values(), *OPPS_SI.values()) for tail in str(text).split("; ")[1:]}


def _lower_case_pieces(rows: list[dict[str, str]], allowed: set[str]) -> list[tuple[str, str]]:
    found = []
    for row in rows:
        for column in ("note", "comparison_note"):
            for piece in (row.get(column) or "").split("; "):
                if piece and piece[0].islower() and not any(piece.startswith(tail) for tail in allowed):
                    found.append((row.get("CPT Code") or row.get("code") or "", piece[:120]))
    return found


@pytest.mark.slow
def test_a_realistic_claim_file_s_notes_split_at_semicolons_are_whole_notes(tmp_path: Path) -> None:
    """benchmarks/realistic_claims.py's file (3,000 lines: offices, hospitals, ASCs, labs, drugs, D and Q codes, bad
    rows): no piece of a row's note column, split at "; ", begins in lower case (the tail of a note with "; " inside:
    "codes like it are paid from dental services ...", "its primary procedure may be line ...", a deleted code's
    "ultrasound, MRI fusion ..."), except the tails of CMS's published ASC payment indicator and OPPS status
    meanings."""
    source = realistic_claims(3_000, tmp_path / "claims.csv", seed=7)
    out = tmp_path / "out.csv"
    done = runner.invoke(app, ["batch", str(source), "-o", str(out), "-q"])
    assert done.exit_code in (0, 1), done.output  # the generator's bad rows exit 1
    with out.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 3_000
    assert _lower_case_pieces(rows, _cms_tails()) == []


def test_notes_reworded_without_semicolons_are_whole_notes(tmp_path: Path) -> None:
    """Targeted rows whose notes had "; " inside: a non-participating line, PO at an on-campus department, home
    visits at POS 32 and 54, an office visit beside a subsequent hospital care, team surgery (66: 22818, team
    surgery indicator 2 in CMS's RVU file, paid by report) at the hospital, a D code (dental: "codes like it ...")
    and a terminated (73) device-intensive procedure at the ASC. Each note is
    one piece of the note column; the figures stay CMS's (the non-par amount is 95% of the RVU file's)."""
    rows = [
        {"claim": "A", "code": "99213", "zip": "10001", "date": DATE, "setting": "11", "participating": "N"},
        {"claim": "B", "code": "99213", "modifier": "PO", "zip": "10001", "date": DATE, "setting": "22"},
        {"claim": "C", "code": "99349", "zip": "10001", "date": DATE, "setting": "54"},
        {"claim": "D", "code": "99349", "zip": "10001", "date": DATE, "setting": "32"},
        {"claim": "E", "code": "99232", "zip": "10001", "date": DATE, "setting": "21"},
        {"claim": "E", "code": "99213", "zip": "10001", "date": DATE, "setting": "21"},
        {"claim": "F", "code": "22818", "modifier": "66", "zip": "10001", "date": DATE, "setting": "22"},
        {"claim": "H", "code": "D9244", "zip": "10001", "date": DATE, "setting": "11"},
        {"claim": "I", "code": "29881", "zip": "10001", "date": "2025-08-04", "setting": "24"},
        {"claim": "I", "code": "29888", "modifier": "73", "zip": "10001", "date": "2025-08-04", "setting": "24"},
    ]  # fmt: skip
    columns = ("claim", "code", "modifier", "zip", "date", "setting", "participating")
    done, out = run_batch_rows(tmp_path, [{column: row.get(column, "") for column in columns} for row in rows])
    assert done.exit_code in (0, 1), done.output  # D9244: not payable
    assert _lower_case_pieces(out, _cms_tails()) == []
    notes = [row["note"].split("; ") for row in out]
    assert any(piece.startswith("Non-participating: allowed is the non-par amount, 95% ") for piece in notes[0])
    assert any("PN and PO are an off-campus department's modifiers (POS 19, Pub. 100-04" in p for p in notes[1])
    for at in (2, 3):
        assert any(piece.startswith("99349 is a home or residence visit. At POS ") for piece in notes[at]), notes[at]
    assert any(piece.startswith("Office/outpatient visit beside a subsequent hospital care") for piece in notes[5])
    with data_dir().joinpath("rvu", "2026", "PPRRVU2026_Jul_nonQPP.csv").open(newline="", encoding="latin-1") as f:
        team = next(row[22].strip() for row in csv.reader(f) if row and row[0] == "22818" and not row[1].strip())
    assert team == "2" and "Team surgery (66): paid by report, the MAC prices it from documentation." in notes[6]


def test_medicare_s_code_instead_of_a_status_i_code_is_one_note_part() -> None:
    """A status I code's reason names Medicare's code for it (engine.pfs.MEDICARE_CODE_INSTEAD), inside the row's
    note: a text with "; " split there in batch (95941's named G0453 "... 4 units; CY2013 PFS final rule ...")."""
    from rvucalc.engine.pfs import MEDICARE_CODE_INSTEAD

    assert [code for code, text in MEDICARE_CODE_INSTEAD.items() if "; " in text] == []
