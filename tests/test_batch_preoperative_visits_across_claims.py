"""A visit the day before a major (090) procedure on another claim of the same patient (a patient id column): in the
procedure's global package (Claims Processing Manual ch. 12 §40.1.A: "Preoperative visits after the decision is made
to operate beginning with the day before the day of surgery"), unless 57 says it decided on the surgery (§30.6.6.C).
A urology trial's glob_np.csv: 99214 on claim G5 (04/06/2026) and 52648 on claim G6 (04/07/2026), patient P3, both
MD: the visit was priced $129.83 with no note (``batch.global_period._preoperative_across``)."""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from rvucalc.batch.global_period import (
    preoperative_visit_across_note,
    preoperative_visit_note,
    preoperative_visit_written_note,
)
from rvucalc.lookup.pricer import Pricer
from test_batch_postoperative_visits import _run as postoperative_run
from test_batch_postoperative_visits import _said

DATA = Path(__file__).resolve().parents[1] / "data"
RVU26C = DATA / "rvu" / "2026" / "PPRRVU2026_Jul_nonQPP.csv"
LOCALITIES26 = DATA / "gpci" / "2026" / "localities2026-01-01-2026.csv"
OHIO = "1520200"  # ZIP 43215 (Columbus): CMS's ZIP5 file's carrier 15202, locality 00
# The trial's header (glob_np.csv, /tmp/s51/turo)
HEADER = ["Encounter ID", "Patient ID", "DOS (MM/DD/YYYY)", "CPT/HCPCS", "Mod1", "Mod2", "Units", "Place of Service",
          "Service Location ZIP", "Provider Type (MD/NP/PA)", "Billed"]  # fmt: skip


@pytest.fixture(scope="module")
def pricer() -> Pricer:
    return Pricer()


def _rvu_row(code: str) -> list[str]:
    with RVU26C.open(encoding="latin-1", newline="") as handle:
        return next(row for row in csv.reader(handle) if row[:2] == [code, ""])


def _office_fee(code: str) -> Decimal:
    """CMS's 2026 non-facility fee of ``code`` in Ohio: (work RVU x work GPCI + non-facility PE RVU x PE GPCI + MP RVU
    x MP GPCI) x CF, from RVU26C (columns 5, 6, 10; CF at 25) and the 2026 localities file."""
    row = _rvu_row(code)
    with LOCALITIES26.open(encoding="latin-1", newline="") as handle:
        gpci = next(g for g in csv.reader(handle) if g[4:5] == [OHIO])
    rvus = (Decimal(row[5]) * Decimal(gpci[1]) + Decimal(row[6]) * Decimal(gpci[2])
            + Decimal(row[10]) * Decimal(gpci[3]))  # fmt: skip
    return (rvus * Decimal(row[25])).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _line(claim: str, patient: str, date: str, code: str, modifier: str = "", provider: str = "MD") -> list[str]:
    place, zip_code = ("11", "43215") if code.startswith("99") else ("24", "43085")
    return [claim, patient, date, code, modifier, "", "1", place, zip_code, provider, "100.00"]


def _run(pricer: Pricer, tmp_path: Path, rows: list[list[str]], **kwargs: object) -> list[dict[str, str]]:
    return postoperative_run(pricer, tmp_path, rows, HEADER, **kwargs)


TRIAL = _line("G5", "P3", "04/06/2026", "99214"), _line("G6", "P3", "04/07/2026", "52648")
NOTE = preoperative_visit_across_note("52648", dt.date(2026, 4, 7), "G6")


def test_the_visit_the_day_before_a_090_procedure_on_another_claim_of_the_patient_is_noted(
    pricer: Pricer, tmp_path: Path
) -> None:
    """The trial's G5 and G6: the visit is noted, naming G6, 52648 (global 090 in CMS's RVU file) and its date, "if
    billed by the surgeon or the surgeon's group"; its amount is CMS's fee of 99214 in Ohio, as before. 25 speaks of
    the procedure's own day (the same-claim rule notes a 25 visit the day before too)."""
    assert _rvu_row("52648")[14] == "090"
    out = _run(pricer, tmp_path, [*TRIAL, _line("H1", "P4", "04/06/2026", "99213", "25"),
                          _line("H2", "P4", "04/07/2026", "52648")])  # fmt: skip
    assert _said(out[0]) == [NOTE] and "; " not in NOTE
    assert "claim G6 of the same patient" in NOTE and "surgeon's group" in NOTE and "modifier 57" in NOTE
    assert Decimal(out[0]["allowed"]) == _office_fee("99214") == Decimal("129.83")
    assert _said(out[1]) == []  # the procedure: nothing to say
    assert _said(out[2]) == [preoperative_visit_across_note("52648", dt.date(2026, 4, 7), "H2")]
    assert Decimal(out[2]["allowed"]) == _office_fee("99213")


def test_no_day_before_note_with_57_for_another_patient_a_010_procedure_or_another_practitioner(
    pricer: Pricer, tmp_path: Path
) -> None:
    """57 (the decision for surgery, paid: §30.6.6.C), 24 (unrelated), another patient's procedure, a minor (010)
    procedure the next day (53270 in CMS's RVU file), a visit two days before, an NP's visit before a physician's
    procedure (as the same-claim rule keeps kinds of practitioner apart): no note. Amounts are CMS's fees."""
    assert _rvu_row("53270")[14] == "010"
    rows = [_line("A1", "P1", "04/06/2026", "99214", "57"), _line("A2", "P1", "04/07/2026", "52648"),
            _line("B1", "P2", "04/06/2026", "99214", "24"), _line("B2", "P2", "04/07/2026", "52648"),
            _line("C1", "P3", "04/06/2026", "99214"), _line("C2", "P9", "04/07/2026", "52648"),
            _line("D1", "P4", "04/06/2026", "99214"), _line("D2", "P4", "04/07/2026", "53270"),
            _line("E1", "P5", "04/05/2026", "99214"), _line("E2", "P5", "04/07/2026", "52648"),
            _line("F1", "P6", "04/06/2026", "99214", provider="NP"),
            _line("F2", "P6", "04/07/2026", "52648")]  # fmt: skip
    out = _run(pricer, tmp_path, rows)
    for row in out:
        assert not [part for part in _said(row) if "day before" in part], row["Encounter ID"]
    assert Decimal(out[6]["allowed"]) == _office_fee("99214")  # D1: the 010 procedure's patient


def test_the_claim_s_own_procedure_keeps_the_same_claim_note_alone(pricer: Pricer, tmp_path: Path) -> None:
    """A visit with a 090 procedure the next day on its own claim and on another one: the same-claim note alone."""
    rows = [_line("G5", "P3", "04/06/2026", "99214"), _line("G5", "P3", "04/07/2026", "52648"),
            _line("G6", "P3", "04/07/2026", "52648")]  # fmt: skip
    out = _run(pricer, tmp_path, rows)
    assert _said(out[0]) == [preoperative_visit_note("52648", dt.date(2026, 4, 7))]


@pytest.mark.parametrize("order", ["visit first", "procedure first"])
def test_the_day_before_visit_on_another_claim_is_noted_whichever_comes_first_in_one_chunk(
    pricer: Pricer, tmp_path: Path, order: str
) -> None:
    rows = list(TRIAL) if order == "visit first" else list(TRIAL[::-1])
    out = _run(pricer, tmp_path, rows)
    visit = next(row for row in out if row["CPT/HCPCS"] == "99214")
    assert _said(visit) == [NOTE]


def test_the_procedure_in_an_earlier_chunk_notes_the_visit(pricer: Pricer, tmp_path: Path) -> None:
    """52648's claim in one chunk, the visit's in the next: the run keeps each patient's latest procedure."""
    rows = [TRIAL[1], _line("X1", "P8", "04/07/2026", "99213"), TRIAL[0], _line("X2", "P8", "04/08/2026", "99213")]
    out = _run(pricer, tmp_path, rows, chunk_rows=2)
    assert _said(out[2]) == [NOTE]
    assert _said(out[1]) == [] and _said(out[3]) == []


def test_a_visit_written_in_an_earlier_chunk_is_said_on_its_procedure_s_row(pricer: Pricer, tmp_path: Path) -> None:
    """The visit's claim in one chunk (written before the next is read), 52648's in the next: the visit's row cannot
    get a note any more, so the procedure's row names the visit (its code and date); another patient's visit the day
    before, or a 57 one, is not named. The procedure's amount is unchanged."""
    rows = [TRIAL[0], _line("Y1", "P8", "04/06/2026", "99213"), TRIAL[1], _line("Y2", "P7", "04/07/2026", "52648"),
            _line("Z1", "P6", "04/06/2026", "99214", "57"), _line("Z0", "P0", "04/06/2026", "99212"),
            _line("Z2", "P6", "04/07/2026", "52648"), _line("Z3", "P0", "04/06/2026", "99212")]  # fmt: skip
    alone = _run(pricer, tmp_path, [TRIAL[1]])
    out = _run(pricer, tmp_path, rows, chunk_rows=2)
    written = preoperative_visit_written_note("99214", dt.date(2026, 4, 6))
    assert _said(out[0]) == []  # written before 52648 was read
    assert _said(out[2]) == [written] and "; " not in written
    assert "99214 of 2026-04-06" in written and "surgeon's group" in written and "no note" in written
    assert out[2]["allowed"] == alone[0]["allowed"]
    assert _said(out[3]) == [] and _said(out[6]) == []


def test_a_day_before_visit_across_chunks_imports_no_pandas(tmp_path: Path) -> None:
    """The visits kept across chunks are numpy arrays and a list of codes: no Python value becomes Arrow."""
    source = tmp_path / "in.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, TRIAL[0], _line("Y1", "P8", "04/06/2026", "99213"), TRIAL[1]])
    script = (
        "import sys\nfrom rvucalc.batch.files import run_batch\nfrom rvucalc.lookup.pricer import Pricer\n"
        f"run_batch(Pricer(), {str(source)!r}, {str(tmp_path / 'o.csv')!r}, report=lambda _: None, chunk_rows=2)\n"
        "print('pandas imported' if 'pandas' in sys.modules else 'no pandas')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.stdout.strip().endswith("no pandas"), done.stderr
    with (tmp_path / "o.csv").open(newline="") as handle:
        out = list(csv.DictReader(handle))
    assert [len(_said(row)) for row in out] == [0, 0, 1]


def test_a_claim_id_with_a_semicolon_does_not_split_the_note() -> None:
    """A review: a claim cell 'C2; 7' in the note split it where notes are split on '; '."""
    from rvucalc.batch.global_period import postoperative_visit_across_note

    for note in (preoperative_visit_across_note("52648", dt.date(2026, 4, 7), "C2; 7"),
                 postoperative_visit_across_note("11602", dt.date(2026, 8, 3), "010", "C2; 7")):  # fmt: skip
        assert "; " not in note and "claim C2, 7 of the same patient" in note
