"""A hospital claim's revenue-code line without a HCPCS code (a UB-04's 0250 pharmacy, 0370 anesthesia, 0272 supplies:
a trial's export, type of bill 131) is packaged into the claim's OPPS payment (Claims Processing Manual ch. 4 §10.4: no
separate payment for packaged services, "routine supplies, anesthesia, recovery rooms, and most drugs"): $0.00 at the
hospital, as a packaged code's (SI N) row is, no error, in no encounter rule, counted in --summary's
``revenue_code_only``. The trial's run exited 1, each such line a malformed_code error and every other line of its
claim noted "the rules ran without line N". So is an ASC's own bill's (type of bill 831), into the ASC's payment for
the covered surgical procedure (42 CFR 416.164(a)). Elsewhere (office, no setting) the line stays an error.

CMS's figures compared: the claims' HCPCS lines keep Addendum B's national rates (October 2025: 99284 APC 5024
$425.820, 29881 APC 5113 $3,244.610), as without the revenue-code lines."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()
DATA = Path(__file__).resolve().parents[1] / "data" / "opps" / "2025"
ADDENDUM_B = DATA / "508 version of October 2025 Web Addendum B.10.31.25.csv"
HEADER = "Claim Number,Rev Code,HCPCS,Mod1,Mod2,Units,Line Charge,Service Date,Bill Type"
CODED = [
    "CLM25110001,0450,99284,25,,1.00,$850.00,11/03/2025,{bill}",
    "CLM25110002,0360,29881,RT,,1.00,$5000.00,11/03/2025,{bill}",
]
TRIAL = [
    CODED[0],
    "CLM25110001,0250,,,,1.00,$35.00,11/03/2025,{bill}",
    CODED[1],
    "CLM25110002,0370,,,,1.00,$900.00,11/03/2025,{bill}",
    "CLM25110002,0272,,,,2.00,$120.00,11/03/2025,{bill}",
]
PACKAGED_ROWS = (1, 3, 4)


def _addendum_b_rate(code: str) -> str:
    with ADDENDUM_B.open(encoding="latin-1", newline="") as handle:
        row = next(row for row in csv.reader(handle) if row and row[0] == code)
    rate = Decimal(row[5].replace("$", "").replace(",", ""))
    return str(rate.quantize(Decimal("0.01"), ROUND_HALF_UP))


def _run(tmp_path: Path, lines: list[str], bill: str, name: str) -> tuple[int, str, list[dict[str, str]], dict]:
    source, target, summary = tmp_path / f"{name}.csv", tmp_path / f"{name}-out.csv", tmp_path / f"{name}.json"
    source.write_text("\n".join([HEADER, *(line.format(bill=bill) for line in lines)]) + "\n")
    result = runner.invoke(app, ["batch", str(source), "-o", str(target), "--summary", str(summary)])
    return result.exit_code, result.stderr, list(csv.DictReader(target.open())), json.loads(summary.read_text())


def test_a_hospital_claims_revenue_code_lines_are_packaged_not_errors(tmp_path: Path) -> None:
    code, stderr, rows, summary = _run(tmp_path, TRIAL, "131", "trial")
    assert code == 0, stderr
    for at, revenue in zip(PACKAGED_ROWS, ("0250", "0370", "0272"), strict=True):
        row = rows[at]
        assert (row["error"], row["error_kind"], row["site"]) == ("", "", "hopd")
        # as a packaged code's (SI N) row: the OPPS rate, copayment and the hospital's amounts $0.00
        packaged = ("opps_rate", "opps_copayment", "hopd_allowed", "hopd_beneficiary", "hopd_medicare", "allowed",
                    "beneficiary", "medicare")  # fmt: skip
        assert {row[name] for name in packaged} == {"0.00"}
        # no HCPCS code: no PFS, ASC or other schedule's amount, no physician's fee
        unpriced = ("pfs_facility_amount", "pfs_non_facility_amount", "asc_rate", "asc_allowed", "office_allowed",
                    "clfs_amount", "drug_amount", "professional_allowed")  # fmt: skip
        assert {row[name] for name in unpriced} == {""}
        assert row["note"] == (f"Revenue code {revenue} without a HCPCS code: packaged into the claim's OPPS payment "
                               "(no separate payment, $0.00: Claims Processing Manual ch. 4 §10.4)")  # fmt: skip
    for row in (rows[0], rows[2]):
        assert "rules ran without" not in row["note"] and row["error"] == ""
    # the HCPCS lines are what CMS pays them: Addendum B's national rate, as in the claims without revenue-code lines
    assert rows[0]["opps_rate"] == _addendum_b_rate("99284") == "425.82"
    assert rows[2]["opps_rate"] == _addendum_b_rate("29881") == "3244.61"
    _, _, alone, alone_summary = _run(tmp_path, CODED, "131", "coded")
    money = ("opps_rate", "hopd_allowed", "hopd_beneficiary", "hopd_medicare", "allowed", "professional_allowed")
    assert [[row[name] for name in money] for row in (rows[0], rows[2])] == [
        [row[name] for name in money] for row in alone
    ]
    assert (summary["rows"], summary["priced"], summary["errors"], summary["error_kinds"]) == (5, 5, {}, {})
    assert (summary["revenue_code_only"], alone_summary["revenue_code_only"]) == (3, 0)
    assert summary["totals"]["all"]["allowed"] == alone_summary["totals"]["all"]["allowed"]
    assert summary["claims"]["CLM25110002"]["lines"] == 3 and summary["claims"]["CLM25110002"]["unpriced"] == 0
    assert "3 hospital or ASC rows with a revenue code and no HCPCS code, packaged" in stderr
    assert "revenue code ← Rev Code" in stderr and "ignored: Rev Code" not in stderr


def test_a_revenue_code_line_with_no_setting_is_still_an_error(tmp_path: Path) -> None:
    code, _, rows, summary = _run(tmp_path, TRIAL[:2], "", "elsewhere")
    assert code == 1
    assert rows[1]["error_kind"] == "malformed_code" and rows[1]["error"].startswith("This line has no code")
    assert rows[1]["allowed"] == rows[1]["hopd_allowed"] == ""
    assert "the rules ran without line 2 (no code) of this claim" in rows[0]["note"]
    assert (summary["error_kinds"], summary["revenue_code_only"]) == ({"malformed_code": 1}, 0)


def test_an_office_claims_revenue_code_line_is_still_an_error(tmp_path: Path) -> None:
    source, target = tmp_path / "office.csv", tmp_path / "office-out.csv"
    source.write_text("Claim,Rev Code,HCPCS,POS,DOS\nC1,,99213,11,2025-11-03\nC1,0250,,11,2025-11-03\n"
                      "C2,0250,,22,2025-11-03\n")  # fmt: skip
    result = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    assert result.exit_code == 1
    office, revenue, hospital = csv.DictReader(target.open())
    assert revenue["error_kind"] == "malformed_code" and "rules ran without line 2" in office["note"]
    # POS 22 (on-campus outpatient hospital) is the hospital outpatient department
    assert (hospital["error_kind"], hospital["hopd_allowed"], hospital["site"]) == ("", "0.00", "hopd")


# A remittance export carries charges and paid on every line, a revenue-code line's too, and no units on it: not a
# report's subtotal row (an amount, no code, no units), which the UB-04's 0001 total line still is.
REMIT = ("Claim,{revenue},HCPCS,DOS,Bill Type,Zip,Units,Charges,Paid\n"
         "R1,0450,99284,2025-10-15,131,59801,1,500.00,391.05\n")  # fmt: skip
PACKAGED_0272 = ("Revenue code 0272 without a HCPCS code: packaged into the claim's OPPS payment (no separate payment, "
                 "$0.00: Claims Processing Manual ch. 4 §10.4)")  # fmt: skip


def _remit(tmp_path: Path, line: str, revenue: str = "Rev Code", *options: str) -> tuple[int, str, list[dict]]:
    source, target = tmp_path / "remit.csv", tmp_path / "remit-out.csv"
    source.write_text(REMIT.format(revenue=revenue) + line + "\n")
    result = runner.invoke(app, ["batch", str(source), "-o", str(target), *options])
    return result.exit_code, result.stderr, list(csv.DictReader(target.open())) if target.exists() else []


def test_a_revenue_code_line_with_charges_and_paid_and_no_units_is_packaged_not_a_subtotal(tmp_path: Path) -> None:
    code, stderr, rows = _remit(tmp_path, "R1,0272,,2025-10-15,131,59801,,20.00,0.00")
    assert code == 0, stderr
    line = rows[1]
    assert (line["error"], line["error_kind"], line["site"]) == ("", "", "hopd")
    assert (line["opps_rate"], line["hopd_allowed"], line["allowed"]) == ("0.00", "0.00", "0.00")
    assert line["note"].startswith(PACKAGED_0272)
    assert rows[0]["error"] == "" and "rules ran without" not in rows[0]["note"]
    assert "subtotal row" not in stderr
    assert "1 hospital or ASC row with a revenue code and no HCPCS code, packaged" in stderr


def test_a_revenue_code_line_with_an_amount_on_an_ascs_bill_is_packaged_too(tmp_path: Path) -> None:
    code, stderr, rows = _remit(tmp_path, "R1,0272,,2025-10-15,831,59801,,20.00,0.00")  # an ASC's own claim
    assert code == 0, stderr
    assert (rows[1]["error_kind"], rows[1]["site"], rows[1]["asc_allowed"], rows[1]["allowed"]) == (
        "", "asc", "0.00", "0.00")  # fmt: skip


@pytest.mark.parametrize("total", ["0001", "001"])
def test_the_ub04_total_line_0001_is_still_a_subtotal_row(tmp_path: Path, total: str) -> None:
    code, stderr, rows = _remit(tmp_path, f"R1,{total},,2025-10-15,131,59801,,520.00,391.05")
    assert code == 1
    assert rows[1]["error_kind"] == "report_line" and rows[1]["error"].startswith("subtotal row, not a line")
    assert rows[1]["allowed"] == "" and "1 subtotal row skipped" in stderr
    assert rows[0]["error"] == "" and rows[0]["hopd_allowed"] != ""


def test_columns_names_the_revenue_code_column(tmp_path: Path) -> None:
    line = "R1,0272,,2025-10-15,131,59801,,20.00,0.00"
    code, stderr, rows = _remit(tmp_path, line, "UB Line Rev", "--columns", "revenue_code=UB Line Rev")
    assert code == 0, stderr
    assert (rows[1]["error_kind"], rows[1]["hopd_allowed"]) == ("", "0.00")
    assert rows[1]["note"].startswith(PACKAGED_0272)
    assert "revenue_code ← UB Line Rev" in stderr and "revenue code ← UB Line Rev, read on a line" in stderr
    # not found by its name alone: without --columns the line is the subtotal row it looks like
    code, _, rows = _remit(tmp_path, line, "UB Line Rev")
    assert (code, rows[1]["error_kind"]) == (1, "report_line")


def test_columns_revenue_code_none_reads_no_revenue_code(tmp_path: Path) -> None:
    code, stderr, rows = _remit(tmp_path, "R1,0272,,2025-10-15,131,59801,2,20.00,0.00", "Rev Code",
                                "--columns", "revenue_code=")  # fmt: skip
    assert code == 1
    assert rows[1]["error_kind"] == "malformed_code" and "revenue code ←" not in stderr


def test_a_0001_total_line_with_units_is_not_called_packaged(tmp_path: Path) -> None:
    """0001 is the UB-04's total line, no service: with units (no subtotal row then) it is not "packaged" either."""
    code, _, rows = _remit(tmp_path, "R1,0001,,2025-10-15,131,59801,1,520.00,391.05")
    assert code == 1
    assert rows[1]["error_kind"] == "malformed_code" and "Revenue code 0001" not in rows[1]["note"]


# An orthopedic ASC's own UB-04 export (HST-style, type of bill 831): its arthroscopy's pharmacy, supplies and
# anesthesia lines carry a revenue code and no HCPCS code. What an ASC furnishes with a covered surgical procedure and
# is not paid for separately (drugs, supplies, anesthesia materials, implants not on pass-through) is packaged into the
# procedure's ASC payment (42 CFR 416.164(a)). The trial's run exited 1, each such line a malformed_code error ("a
# hospital's revenue-code line ... no separate OPPS payment") and the arthroscopy noted "the rules ran without line 2".
ASC_DATA = Path(__file__).resolve().parents[1] / "data" / "opps" / "2026"
ASC_HEADER = "Patient Control No,Type of Bill,Rev Code,HCPCS,Mod 1,Units,Line Charges,Service Date,Service Facility ZIP"
ASC_BILL = [
    "A26001,831,0360,29881,RT,1.00,$6200.00,08/04/2026,46260",
    "A26001,831,0250,,,1.00,$120.00,08/04/2026,46260",
    "A26001,831,0272,,,3.00,$240.00,08/04/2026,46260",
    "A26001,831,0370,,,1.00,$900.00,08/04/2026,46260",
]
PACKAGED_AT_ASC = ("Revenue code {revenue} without a HCPCS code: packaged into the ASC's payment for the claim's "
                   "covered surgical procedures (no separate payment, $0.00: 42 CFR 416.164(a), supplies, drugs, "
                   "anesthesia materials and implants not separately paid)")  # fmt: skip


def _asc_rate(code: str, cbsa: str) -> str:
    """Addendum AA's July 2026 national rate x (50% x the CBSA's CY2026 ASC wage index + 50%), rounded once."""
    with (ASC_DATA / "asc" / "07" / "AA.csv").open(encoding="latin-1", newline="") as handle:
        row = next(row for row in csv.reader(handle) if row and row[0] == code)
    national = Decimal(row[6].strip().replace("$", "").replace(",", ""))
    with (ASC_DATA / "asc_wage_index_2026.csv").open(encoding="latin-1", newline="") as handle:
        wage = Decimal(next(row for row in csv.reader(handle) if row and row[0] == cbsa)[2])
    return str((national * (wage / 2 + Decimal("0.5"))).quantize(Decimal("0.01"), ROUND_HALF_UP))


def _asc_run(tmp_path: Path, lines: list[str], name: str) -> tuple[int, str, list[dict[str, str]], dict]:
    source, target, summary = tmp_path / f"{name}.csv", tmp_path / f"{name}-out.csv", tmp_path / f"{name}.json"
    source.write_text("\n".join([ASC_HEADER, *lines]) + "\n")
    result = runner.invoke(app, ["batch", str(source), "-o", str(target), "--summary", str(summary)])
    return result.exit_code, result.stderr, list(csv.DictReader(target.open())), json.loads(summary.read_text())


def test_an_asc_bills_revenue_code_lines_are_packaged_into_its_procedure(tmp_path: Path) -> None:
    code, stderr, rows, summary = _asc_run(tmp_path, ASC_BILL, "asc")
    assert code == 0, stderr
    for row, revenue in zip(rows[1:], ("0250", "0272", "0370"), strict=True):
        assert (row["error"], row["error_kind"], row["site"]) == ("", "", "asc")
        packaged = ("asc_rate", "asc_coinsurance", "asc_allowed", "asc_beneficiary", "asc_medicare", "allowed",
                    "beneficiary", "medicare")  # fmt: skip
        assert {row[name] for name in packaged} == {"0.00"}
        unpriced = ("pfs_facility_amount", "opps_rate", "hopd_allowed", "office_allowed", "professional_allowed")
        assert {row[name] for name in unpriced} == {""}
        assert PACKAGED_AT_ASC.format(revenue=revenue) in row["note"]
    # the arthroscopy is the ASC's rate alone, as without the revenue-code lines: Indianapolis (CBSA 26900)
    arthroscopy = rows[0]
    assert arthroscopy["asc_rate"] == _asc_rate("29881", "26900") == "1646.68"
    assert "rules ran without" not in arthroscopy["note"]
    _, _, alone, alone_summary = _asc_run(tmp_path, ASC_BILL[:1], "alone")
    money = ("asc_rate", "asc_allowed", "asc_beneficiary", "asc_medicare", "allowed", "professional_allowed")
    assert [arthroscopy[name] for name in money] == [alone[0][name] for name in money]
    assert (summary["priced"], summary["error_kinds"], summary["revenue_code_only"]) == (4, {}, 3)
    assert summary["totals"]["all"]["allowed"] == alone_summary["totals"]["all"]["allowed"]
    assert summary["claims"]["A26001"]["unpriced"] == 0
    assert "3 hospital or ASC rows with a revenue code and no HCPCS code, packaged" in stderr


def test_a_revenue_code_line_on_a_practitioners_asc_line_is_still_an_error(tmp_path: Path) -> None:
    # POS 24 with no type of bill and no ASC provider: the surgeon's claim, whose lines carry HCPCS codes
    lines = [line.replace(",831,", ",24,") for line in ASC_BILL[:2]]
    source, target = tmp_path / "pos24.csv", tmp_path / "pos24-out.csv"
    source.write_text("\n".join([ASC_HEADER.replace("Type of Bill", "POS"), *lines]) + "\n")
    result = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    assert result.exit_code == 1
    rows = list(csv.DictReader(target.open()))
    assert rows[1]["error_kind"] == "malformed_code" and rows[1]["asc_allowed"] == ""


def test_an_ascs_pos_24_revenue_code_line_is_packaged_and_the_notice_says_so(tmp_path: Path) -> None:
    """The ASC's own line at POS 24 (its billing provider the ASC, a surgeon rendering) is packaged as its 83x bill's
    is; the surgeon's group's line beside it stays an error. stderr's notice said the ASC's packaging was its 83x
    bill's alone."""
    header = "Claim ID,POS,Rev Code,HCPCS,Mod 1,Units,Rendering Provider,Billing Provider,Service Date,Service ZIP"
    source, target = tmp_path / "pos24.csv", tmp_path / "pos24-out.csv"
    rows = [
        'C1,24,0250,,,1,"HARPER, JAMES MD",Northside Orthopedics,08/04/2026,46260',
        'C2,24,0360,29881,RT,1,"HARPER, JAMES MD",Northside Surgery Center,08/04/2026,46260',
        'C2,24,0250,,,1,"HARPER, JAMES MD",Northside Surgery Center,08/04/2026,46260',
    ]
    source.write_text("\n".join([header, *rows]) + "\n")
    result = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    surgeons, procedure, asc = csv.DictReader(target.open())
    assert surgeons["error_kind"] == "malformed_code"
    assert (asc["error"], asc["asc_allowed"]) == ("", "0.00") and PACKAGED_AT_ASC.format(revenue="0250") in asc["note"]
    assert procedure["asc_rate"] == _asc_rate("29881", "26900") and "rules ran without" not in procedure["note"]
    assert "on an ASC's own bill (83x, or POS 24 with the ASC as provider or billing provider)" in result.stderr


def test_an_asc_claim_of_revenue_code_lines_alone_says_it_has_no_covered_surgical_procedure(tmp_path: Path) -> None:
    """A trial: an ASC's 831 claim of 0360 and 0250 lines only said each was "packaged into the ASC's payment for the
    claim's covered surgical procedures", though the claim had none. 42 CFR 416.164(a) packages them into the payment
    for a covered surgical procedure: with none on the claim, nothing is paid ($0.00), and the note says so. The
    arthroscopy's claim beside it keeps its lines' packaged note and its Addendum AA rate."""
    alone = [line.replace("A26001", "A26002") for line in ASC_BILL[1:]]
    code, stderr, rows, _ = _asc_run(tmp_path, [*ASC_BILL, *alone], "no_procedure")
    assert code == 0, stderr
    assert rows[0]["asc_rate"] == _asc_rate("29881", "26900")
    for row, revenue in zip(rows[1:4], ("0250", "0272", "0370"), strict=True):
        assert PACKAGED_AT_ASC.format(revenue=revenue) in row["note"]
    for row, revenue in zip(rows[4:], ("0250", "0272", "0370"), strict=True):
        assert (row["error"], row["site"], row["asc_allowed"], row["allowed"]) == ("", "asc", "0.00", "0.00")
        assert PACKAGED_AT_ASC.format(revenue=revenue) not in row["note"], row["note"]
        assert (f"Revenue code {revenue} without a HCPCS code, on an ASC claim with no covered surgical procedure "
                "(Addendum AA): nothing is paid for this line ($0.00)") in row["note"]  # fmt: skip
        assert "42 CFR 416.164(a)" in row["note"]
