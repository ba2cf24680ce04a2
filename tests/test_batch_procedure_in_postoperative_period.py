"""A procedure inside another procedure's postoperative period, billed without 58, 78 or 79 (Claims Processing Manual
ch. 12 §40.1.B, §40.2.A): batch notes it (``batch.global_period``), as it notes a visit there; amounts unchanged.

An ophthalmology trial (/tmp/s52/teye: export_global.csv, export2.csv; ZIPs 85251 and 85006, Arizona, locality
03102-00): 66984-RT on 01/06/2026, then 66984-LT on 01/27/2026 without 79 (the second eye inside the first eye's 090
global period), a YAG capsulotomy 66821 inside the cataract's 090 global, and 65855 again 6 days after the first
(its 010 global): no note on any of them, while a visit in the same period was noted. Amounts are CMS's: RVU x GPCI x
CF (data/rvu, data/gpci) rounded half-up once.
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from rvucalc.batch.global_period import (
    postoperative_procedure_across_note,
    postoperative_procedure_note,
    postoperative_visit_across_note,
)
from rvucalc.lookup.lines import MODIFIER_79_NOTE
from rvucalc.lookup.pricer import Pricer
from test_batch_postoperative_visits import _run as _run_with_header

DATA = Path(__file__).resolve().parents[1] / "data"
HEADER = ["Claim No", "DOS", "CPT", "Mod 1", "Mod 2", "Units", "POS", "Svc ZIP", "Rendering MD", "Credential",
          "Charge", "Paid", "Patient ID"]  # fmt: skip
PROCEDURE_NOTE = "this procedure is in the postoperative period of"


def _line(claim: str, date: str, code: str, modifier: str = "", pos: str = "11", patient: str = "P100",
          credential: str = "MD", mod2: str = "") -> list[str]:  # fmt: skip
    zip_code = "85251" if pos == "24" else "85006"
    return [claim, date, code, modifier, mod2, "1", pos, zip_code, "PATEL, ANIL", credential, "", "", patient]


def _run(pricer: Pricer, tmp_path: Path, rows: list[list[str]], **kwargs: object) -> list[dict[str, str]]:
    return _run_with_header(pricer, tmp_path, rows, HEADER, **kwargs)


def _said(row: dict[str, str]) -> list[str]:
    return [part for part in row["note"].split("; ") if PROCEDURE_NOTE in part]


def _cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _rvu_row(code: str, year: int) -> list[str]:
    name = "2026/PPRRVU2026_Jul_nonQPP.csv" if year == 2026 else "2025/PPRRVU25_JAN.csv"
    with (DATA / "rvu" / name).open(encoding="latin-1", newline="") as handle:
        return next(row for row in csv.reader(handle) if row[:2] == [code, ""])


def _arizona(code: str, year: int, setting: str) -> Decimal:
    """The PFS amount in Arizona (locality 03102-00) from CMS's RVU file (RVU26C for 2026, RVU25A for 2025) and
    GPCIs: (work x GPCI + PE x GPCI + MP x GPCI) x CF, the non-facility or facility PE RVU, rounded half-up once."""
    row = _rvu_row(code, year)
    if year == 2026:
        with (DATA / "gpci/2026/localities2026-01-01-2026.csv").open(encoding="latin-1", newline="") as handle:
            gpci = next(line for line in csv.reader(handle) if line[4:5] == ["0310200"])[1:4]
        cf = row[25]
    else:
        with (DATA / "gpci/2025/GPCI2025.csv").open(encoding="latin-1", newline="") as handle:
            gpci = next(line for line in csv.reader(handle) if line[0] == "03102" and line[2] == "00")[4:7]
        cf = row[24]
    pe = row[6] if setting == "non_facility" else row[8]
    rvus = Decimal(row[5]) * Decimal(gpci[0]) + Decimal(pe) * Decimal(gpci[1]) + Decimal(row[10]) * Decimal(gpci[2])
    return _cents(rvus * Decimal(cf))


def test_the_second_eye_s_cataract_without_79_inside_the_first_eye_s_090_global_is_noted(
    pricer: Pricer, tmp_path: Path
) -> None:
    """export2.csv: 66984-RT on claim D1001 (01/06/2026) and 66984-LT on claim D1002 (01/27/2026), one patient (P100),
    one surgeon: the classic second-eye error (the LT eye billed without 79). Now noted, naming D1001, the procedure
    and its date, "if billed by the surgeon or the surgeon's group"; the YAG 66821-RT of claim D1003 (03/03/2026) in
    the second cataract's 090 global names D1002. Amounts as CMS's RVU file and GPCIs give them."""
    assert [_rvu_row(code, 2026)[14] for code in ("66984", "66821")] == ["090", "090"]
    rows = [_line("D1001", "1/6/2026", "66984", "RT", pos="24"), _line("D1002", "1/27/2026", "66984", "LT", pos="24"),
            _line("D1003", "3/3/2026", "66821", "RT")]  # fmt: skip
    out = _run(pricer, tmp_path, rows)
    note = postoperative_procedure_across_note("66984", dt.date(2026, 1, 6), "090", "D1001")
    assert _said(out[0]) == []
    assert _said(out[1]) == [note] and "; " not in note
    assert "claim D1001 of the same patient" in note and "58, 78 or 79" in note and "Priced as given" in note
    assert _said(out[2]) == [postoperative_procedure_across_note("66984", dt.date(2026, 1, 27), "090", "D1002")]
    cataract, yag = _arizona("66984", 2026, "facility"), _arizona("66821", 2026, "non_facility")
    assert (cataract, yag) == (Decimal("453.65"), Decimal("327.45"))
    assert [Decimal(row["professional_allowed"]) for row in out] == [cataract, cataract, yag]
    assert Decimal(out[2]["allowed"]) == yag


def test_a_procedure_inside_a_global_period_of_its_own_claim_is_noted(pricer: Pricer, tmp_path: Path) -> None:
    """export_global.csv: claim G1001 (66984-RT 01/06/2026, 66984-LT 01/27/2026, 66821-RT 02/17/2026) and claim
    G2001 (65855-RT 09/09/2025 and again 09/15/2025, global 010): the later procedures were priced with no note."""
    assert _rvu_row("65855", 2025)[14] == "010"
    rows = [_line("G1001", "01/06/2026", "66984", "RT", pos="24", patient="P400"),
            _line("G1001", "01/27/2026", "66984", "LT", pos="24", patient="P400"),
            _line("G1001", "02/17/2026", "66821", "RT", patient="P400"),
            _line("G2001", "09/09/2025", "65855", "RT", patient="P401"),
            _line("G2001", "09/15/2025", "65855", "RT", patient="P401")]  # fmt: skip
    out = _run(pricer, tmp_path, rows)
    assert _said(out[0]) == [] and _said(out[3]) == []
    assert _said(out[1]) == [postoperative_procedure_note("66984", dt.date(2026, 1, 6), "090")]
    assert _said(out[2]) == [postoperative_procedure_note("66984", dt.date(2026, 1, 27), "090")]
    assert _said(out[4]) == [postoperative_procedure_note("65855", dt.date(2025, 9, 9), "010")]
    trabeculoplasty = _arizona("65855", 2025, "non_facility")
    assert trabeculoplasty == Decimal("230.81")
    assert [Decimal(row["allowed"]) for row in out[3:]] == [trabeculoplasty, trabeculoplasty]
    assert Decimal(out[2]["allowed"]) == _arizona("66821", 2026, "non_facility")


@pytest.mark.parametrize("modifier", ["79", "78", "58"])
def test_a_procedure_with_58_78_or_79_in_another_s_postoperative_period_is_not_noted(
    pricer: Pricer, tmp_path: Path, modifier: str
) -> None:
    """§40.2.A: 78 (a return to the operating room), 58 (staged or related) and 79 (unrelated) are how such a
    procedure is billed to be paid: no note, on another claim of the patient or on the same claim. 79's own note
    ("a new global period starts") stays."""
    rows = [_line("D1001", "1/6/2026", "66984", "RT", pos="24"),
            _line("D1002", "1/27/2026", "66984", "LT", pos="24", mod2=modifier),
            _line("D1003", "3/3/2026", "66821", modifier, mod2="RT"),
            _line("G1", "1/6/2026", "66984", "RT", pos="24", patient="P400"),
            _line("G1", "1/27/2026", "66984", modifier, pos="24", patient="P400", mod2="LT")]  # fmt: skip
    out = _run(pricer, tmp_path, rows)
    assert [_said(row) for row in out] == [[], [], [], [], []]
    if modifier == "79":
        assert all(MODIFIER_79_NOTE in out[at]["note"].split("; ") for at in (1, 2, 4))
    else:
        assert Decimal(out[2]["professional_allowed"]) > 0  # priced, as before


def test_another_patient_another_kind_of_practitioner_or_after_the_period_is_not_noted(
    pricer: Pricer, tmp_path: Path
) -> None:
    """The period is the day of the procedure and the 90 days after it (§40.1: 2026-01-06 to 2026-04-06): 66821 on
    2026-04-06 is inside it, on 2026-04-07 not. Another patient's cataract, or an NP's procedure (another kind of
    practitioner, as the visit note scopes it), is not the surgeon's."""
    rows = [_line("D1001", "1/6/2026", "66984", "RT", pos="24"),
            _line("D1002", "4/6/2026", "66821", "RT"),
            _line("D2001", "1/6/2026", "66984", "RT", pos="24", patient="P200"),
            _line("D2002", "4/7/2026", "66821", "RT", patient="P200"),
            _line("D3001", "1/20/2026", "66984", "LT", pos="24", patient="P300"),
            _line("D1003", "1/22/2026", "67028", "LT", credential="NP")]  # fmt: skip
    out = _run(pricer, tmp_path, rows)
    assert _said(out[1]) == [postoperative_procedure_across_note("66984", dt.date(2026, 1, 6), "090", "D1001")]
    assert [_said(out[at]) for at in (3, 4, 5)] == [[], [], []]
    assert Decimal(out[3]["allowed"]) == _arizona("66821", 2026, "non_facility")


def test_a_000_procedure_opens_no_period_but_is_noted_inside_another_s(pricer: Pricer, tmp_path: Path) -> None:
    """A 000 procedure (67028, an intravitreal injection: global 000 in CMS's RVU file) has no postoperative days:
    the next month's injection (the trial's D2001/D2002), or the next day's, is not inside its period. But it is a
    procedure: inside a 090 one's period without 79 it is noted, as the MACs deny it. A drug (J0178), a test with no
    global period (92134, XXX), an add-on (15272, ZZZ: its primary's period) and an E/M (the visit note) are no such
    procedure."""
    assert [_rvu_row(code, 2026)[14] for code in ("67028", "92134", "15271", "15272")] == ["000", "XXX", "000", "ZZZ"]
    rows = [_line("D2001", "2/4/2026", "67028", "RT", patient="P110"),
            _line("D2002", "2/5/2026", "67028", "RT", patient="P110"),
            _line("D2003", "3/4/2026", "67028", "RT", patient="P110"),
            _line("D1001", "1/6/2026", "66984", "RT", pos="24"),
            _line("D1002", "1/26/2026", "67028", "RT"),
            _line("D1002", "1/26/2026", "J0178", "RT"),
            _line("D1002", "1/26/2026", "92134", "RT"),
            _line("D1004", "1/26/2026", "15271"),
            _line("D1004", "1/26/2026", "15272"),
            _line("D1002", "1/26/2026", "99213")]  # fmt: skip
    out = _run(pricer, tmp_path, rows)
    assert [_said(out[at]) for at in (0, 1, 2)] == [[], [], []]
    note = postoperative_procedure_across_note("66984", dt.date(2026, 1, 6), "090", "D1001")
    assert _said(out[4]) == [note] and _said(out[7]) == [note]  # (D1002's and D1004's)
    assert [_said(out[at]) for at in (5, 6, 8, 9)] == [[], [], [], []]
    visit = postoperative_visit_across_note("66984", dt.date(2026, 1, 6), "090", "D1001")
    assert visit in out[9]["note"].split("; ")
    assert Decimal(out[1]["allowed"]) == _arizona("67028", 2026, "non_facility")
    assert Decimal(out[4]["allowed"]) == _arizona("67028", 2026, "non_facility")


def test_a_procedure_in_a_later_chunk_is_noted_from_the_run_s_kept_procedure(pricer: Pricer, tmp_path: Path) -> None:
    """The first cataract's claim in one chunk, the second eye's in a later one: the run keeps each patient's latest
    010 or 090 procedure (no more than for the visit note)."""
    rows = [_line("D1001", "1/6/2026", "66984", "RT", pos="24"),
            _line("D9001", "1/6/2026", "66984", "RT", pos="24", patient="P900"),
            _line("D1002", "1/27/2026", "66984", "LT", pos="24"),
            _line("D9002", "1/27/2026", "66984", "79", pos="24", patient="P900", mod2="LT")]  # fmt: skip
    out = _run(pricer, tmp_path, rows, chunk_rows=2)
    assert _said(out[2]) == [postoperative_procedure_across_note("66984", dt.date(2026, 1, 6), "090", "D1001")]
    assert _said(out[3]) == []


def test_a_return_to_the_operating_room_with_78_opens_no_postoperative_period_of_its_own(
    pricer: Pricer, tmp_path: Path
) -> None:
    """A review: 66984-78 three and a half weeks after 66984 opened a 90-day period of its own, so a visit after the
    original period ended was told it was in the package. 78 starts no new period: the visit inside the original one is
    noted, the one after it is not (on the same claim and on the patient's other claims)."""
    for claims in (("G1", "G1", "G1", "G1"), ("C1", "C2", "C3", "C4")):
        rows = [_line(claims[0], "01/06/2026", "66984", "RT", pos="24", patient="P500"),
                _line(claims[1], "02/01/2026", "66984", "RT", pos="24", patient="P500", mod2="78"),
                _line(claims[2], "03/02/2026", "92012", patient="P500"),
                _line(claims[3], "04/20/2026", "92012", patient="P500")]  # fmt: skip
        out = _run(pricer, tmp_path, rows)
        assert "Global surgery package" in out[2]["note"], (claims, out[2]["note"])
        assert "Global surgery package" not in out[3]["note"], (claims, out[3]["note"])


def _asc_rate(code: str, quarter: str, cbsa: str) -> Decimal:
    """The ASC's rate from CMS's Addendum AA (the quarter's national rate) and CMS's CY2026 ASC wage index (WI26):
    national x (0.50 x wage index + 0.50), rounded half-up once (Claims Processing Manual ch. 14 §40.2)."""
    with (DATA / "opps/2026/asc" / quarter / "AA.csv").open(encoding="latin-1", newline="") as handle:
        national = next(row for row in csv.reader(handle) if row[:2] == [code, ""])[6]
    with (DATA / "opps/2026/asc_wage_index_2026.csv").open(encoding="latin-1", newline="") as handle:
        index = next(row for row in csv.reader(handle) if row[0] == cbsa)[2]
    rate = Decimal(national.strip().strip("$").replace(",", ""))
    return _cents(rate * (Decimal("0.5") * Decimal(index) + Decimal("0.5")))


def test_a_facility_s_own_claim_has_no_global_period(pricer: Pricer, tmp_path: Path) -> None:
    """A trial (/tmp/s60/ophth: a Denver practice that owns its ASC): the ASC's own claim for the second eye's 66984
    (type of bill 831, no POS) was told it needed 58, 78 or 79, naming the ASC's first-eye claim; a hospital's 13x
    claim alike. The global surgical package is the surgeon's (ch. 12 §40, the PFS); the ASC and the OPPS pay the
    facility per procedure. A facility's bill is neither noted nor opens a period: the surgeon's second eye without 79
    is still noted, naming the surgeon's claim. The ASC's payment is CMS's rate (AA x wage index), unchanged."""
    header = [*HEADER, "Bill Type"]

    def facility(claim: str, date: str, side: str, bill: str, patient: str = "P100") -> list[str]:
        return [*_line(claim, date, "66984", side, pos="", patient=patient, credential=""), bill]

    rows = [[*_line("S1", "1/6/2026", "66984", "RT", pos="24"), ""],
            facility("A1", "1/6/2026", "RT", "831"),
            [*_line("S2", "1/27/2026", "66984", "LT", pos="24"), ""],
            facility("A2", "1/27/2026", "LT", "831"),
            facility("H1", "1/6/2026", "RT", "131", "P700"),
            facility("H2", "1/27/2026", "LT", "131", "P700")]  # fmt: skip
    out = _run_with_header(pricer, tmp_path, rows, header)
    assert [_said(row) for row in out] == [
        [],
        [],
        [postoperative_procedure_across_note("66984", dt.date(2026, 1, 6), "090", "S1")],
        [],
        [],
        [],
    ]
    assert all("Global surgery package" not in out[at]["note"] for at in (1, 3, 4, 5))
    asc = _asc_rate("66984", "01", "38060")  # ZIP 85251: Maricopa County, CBSA 38060
    assert asc == Decimal("1263.08")  # 1,255.73 x 1.00585 = 1,263.076
    assert [Decimal(out[at]["allowed"]) - Decimal(out[at]["professional_allowed"]) for at in (1, 3)] == [asc, asc]
    assert Decimal(out[2]["professional_allowed"]) == _arizona("66984", 2026, "facility")
