"""A wound care center's billing manager's trial (hospital-based, POS 19 and 22, physicians billing professional fees;
an office-based clinic at POS 11 compared), Columbus, OH (ZIP 43210, locality 1520200, CBSA 18140):

- `rvucalc price 99183 --zip 43210 --date 2025-10-14 --setting 22` (physician attendance of hyperbaric oxygen
  therapy) read only "SI B: Not recognized by OPPS on an outpatient hospital Part B bill (12x, 13x), another code may
  apply", where 99214's same SI B names G0463: the hospital bills the chamber time as G0277 per 30 minutes (Addendum B:
  G0277 SI S, APC 5061). Said now in price and batch; in the office the physician bills G0277 too (its PFS
  non-facility amount), which says nothing of the hospital.
- A physician's remit (`batch --paid-for professional`) at POS 19 read "an off-campus hospital line carries PO ...
  or PN" on every physician's line: PO and PN are on the hospital's claim (ch. 4 §20.6.11). The words say so now.
- `price 15275 Q4101 --setting 11 --date 2025-05-20` (a 2025 skin substitute, no 2025 ASP file installed) said of the
  office total "... each line's reason says which). what Medicare pays for them is not in this total, the other
  lines': Q4101: ...": a sentence begun in lower case and left unfinished. It reads whole now.
"""

from __future__ import annotations

import csv
import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()
DATA = Path(__file__).resolve().parents[1] / "data"
CENT = Decimal("0.01")
COLUMBUS = ["--zip", "43210", "--date", "2025-10-14"]


def _addendum_b(code: str) -> list[str]:
    """CMS's October 2025 Addendum B row of ``code`` (HCPCS, descriptor, SI, APC, weight, rate ...)."""
    path = DATA / "opps/2025/508 version of October 2025 Web Addendum B.10.31.25.csv"
    with path.open(encoding="latin-1", newline="") as handle:
        return next(row for row in csv.reader(handle) if row and row[0] == code)


def _rvu25d(code: str, name: str = "PPRRVU2025_Oct.csv") -> list[str]:
    """CMS's RVU25D row of ``code`` (``name``: another 2025 release's file)."""
    with (DATA / "rvu/2025" / name).open(encoding="latin-1", newline="") as handle:
        return next(row for row in csv.reader(handle) if row and row[0] == code and row[1] == "")


def _ohio_gpcis_2025() -> tuple[Decimal, Decimal, Decimal]:
    with (DATA / "gpci/2025/GPCI2025.csv").open(encoding="latin-1", newline="") as handle:
        row = next(row for row in csv.reader(handle) if row and row[0] == "15202" and row[2] == "00")
    return Decimal(row[4]), Decimal(row[5]), Decimal(row[6])


def _pfs(code: str, pe_column: int, name: str = "PPRRVU2025_Oct.csv") -> Decimal:
    """(work x GPCI + PE x GPCI + MP x GPCI) x CF, half-up once: column 6 the non-facility PE, 8 the facility PE."""
    row = _rvu25d(code, name)
    work, pe, mp = _ohio_gpcis_2025()
    rvus = Decimal(row[5]) * work + Decimal(row[pe_column]) * pe + Decimal(row[10]) * mp
    return (rvus * Decimal(row[24])).quantize(CENT, rounding=ROUND_HALF_UP)


def test_99183_at_the_hospital_names_g0277_the_hospital_s_code(tmp_path: Path) -> None:
    # CMS's files: the hospital is not paid 99183 (SI B), it is paid G0277 (SI S, APC 5061); 99183 is the
    # physician's alone (PC/TC 2), G0277 a technical-only code (PC/TC 3)
    assert _addendum_b("99183")[2] == "B" and _addendum_b("G0277")[2:4] == ["S", "5061"]
    assert _rvu25d("99183")[13] == "2" and _rvu25d("G0277")[13] == "3"
    fee = _pfs("99183", 8)
    assert fee == Decimal("100.26")
    data = json.loads(runner.invoke(app, ["price", "99183", *COLUMBUS, "--setting", "22", "-f", "json"]).stdout)
    assert Decimal(str(data["pfs"]["facility"]["amount"])) == fee
    reason = data["opps"]["reason"]
    assert "the hospital bills G0277 for this service" in reason and "99183 is the physician's code" in reason
    assert "; " not in reason  # batch's note column joins a row's notes with "; "
    source, out = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text("Claim #,DOS,POS,CPT,Units,Svc ZIP\nH1,10/14/2025,22,99183,1,43210\n")
    done = runner.invoke(app, ["batch", str(source), "-o", str(out), "--paid-for", "professional"])
    assert done.exit_code == 0, done.output
    (row,) = list(csv.DictReader(out.open()))
    assert reason in row["note"] and Decimal(row["professional_allowed"]) == fee


def test_g0277_in_the_office_is_the_physician_s_own_line() -> None:
    # In the office the physician bills G0277 (its PFS non-facility amount, 4 units of 30 minutes): no word of the
    # hospital's code there
    fee = _pfs("G0277", 6)
    assert fee == Decimal("155.16")
    args = ["price", "99183", "G0277", "--units", "1", "--units", "4", *COLUMBUS, "--setting", "11", "-f", "json"]
    data = json.loads(runner.invoke(app, args).stdout)
    office = data["totals"]["office"]
    assert Decimal(str(office["total"])) == _pfs("99183", 6) + fee * 4
    assert "the hospital bills G0277" not in json.dumps(data["totals"])


def test_a_physician_s_line_at_pos_19_is_told_po_and_pn_are_the_hospital_s() -> None:
    from rvucalc.engine.place_of_service import OFF_CAMPUS_WITHOUT_MODIFIER

    assert "the hospital's claim" in OFF_CAMPUS_WITHOUT_MODIFIER
    assert "the practitioner's own claim neither" in OFF_CAMPUS_WITHOUT_MODIFIER
    assert "; " not in OFF_CAMPUS_WITHOUT_MODIFIER
    args = ["price", "97597", "--zip", "43214", "--date", "2025-11-10", "--setting", "19", "-f", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert OFF_CAMPUS_WITHOUT_MODIFIER in json.loads(result.stdout)["notes"]


def test_the_office_total_leaving_out_a_2025_skin_substitute_reads_as_sentences() -> None:
    args = ["price", "15275", "Q4101", "--units", "1", "--units", "20", "--zip", "43215", "--date", "2025-05-20",
            "--setting", "11", "-f", "json"]  # fmt: skip
    data = json.loads(runner.invoke(app, args).stdout)
    office = data["totals"]["office"]
    fee = _pfs("15275", 6, "PPRRVU25_JAN.csv")  # RVU25A, in force on 2025-05-20 (2025B is not installed)
    assert fee == Decimal("146.24")
    assert Decimal(str(office["total"])) == fee  # 15275 alone, Q4101 left out, named
    reason = office["reason"]
    assert "Q4101" in reason and "The total is the other lines' and leaves out" in reason
    assert not re.search(r"\)\. [a-z]", reason), reason
