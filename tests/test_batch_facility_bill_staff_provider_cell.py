"""An Epic HB export's hospital bill (type of bill 131) names who performed each line in 'Service Provider': a nurse's
injection ('DOE, JANE RN'), a technologist's chest X-ray ('ORTIZ, ANA RT(R)'), a respiratory therapist's nebulizer
treatment ('LEE, SAM RRT'). Each row was told its provider was "not read as a practitioner" and to "give the billing
practitioner's credential", counted on stderr as priced as the run's --provider: on the hospital's own bill the hospital
bills the line (42 CFR 410.10(c), (d), 410.42(a)), no practitioner's credential chooses its payment. Such a cell on a
facility's own bill is read as a blank one (credentials.facility_staff_cell); in an office it keeps its note. The
amounts are CMS's as batch prices the rows with a blank cell: unchanged."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.cli import app

ZIP = "46601"  # South Bend, IN
GIVE = "Give the billing practitioner's credential"
STAFF = (("96372", "DOE, JANE RN", ""), ("71046", "ORTIZ, ANA RT(R)", "22"), ("94640", "LEE, SAM RRT", ""),
         ("92012", "LEE, KIM COA", ""))  # fmt: skip


def _row(har: str, code: str, provider: str, bill: str, pos: str) -> dict[str, str]:
    return {"HAR": har, "Service Date": "2025-11-03", "Type of Bill": bill, "HCPCS": code, "Units": "1",
            "Place of Service": pos, "Service Provider": provider, "Facility ZIP": ZIP}  # fmt: skip


def test_a_nurse_s_or_technologist_s_cell_on_the_hospital_s_own_bill_is_read_as_a_blank_one(tmp_path: Path) -> None:
    rows = [_row(f"H{i}", code, who, "131", pos) for i, (code, who, pos) in enumerate(STAFF)]
    # The practice's rows: its physician's visit (the column is read) and its nurse's injection
    office = [_row("P1", "99213", "PATEL, ANIL MD", "", "11"), _row("P1", "96372", "DOE, JANE RN", "", "11")]
    done, out = run_batch_rows(tmp_path, [*rows, *office])
    assert done.exit_code == 0, done.output
    assert "provider ← Service Provider" in done.stderr
    (tmp_path / "blank").mkdir()
    blank, blank_out = run_batch_rows(tmp_path / "blank", [{**row, "Service Provider": ""} for row in rows] + office)
    assert blank.exit_code == 0, blank.output
    for row, other in zip(out[:-2], blank_out[:-2], strict=True):
        assert GIVE not in row["note"] and "not read as a practitioner" not in row["note"], row["HCPCS"]
        assert {k: v for k, v in row.items() if k != "Service Provider"} == {
            k: v for k, v in other.items() if k != "Service Provider"}, row["HCPCS"]  # fmt: skip
    assert out[0]["hopd_allowed"] and out[0]["allowed"] == out[0]["opps_rate"]  # the hospital's own payment
    # In the office the nurse's line is billed incident to a practitioner's: its note says so, as before
    assert GIVE in out[-1]["note"] and "registered, practical or vocational nurse" in out[-1]["note"]
    said = " ".join(done.stderr.split())
    # counted as a nurse's row, apart from cells naming no one rvucalc reads (a review: the nurse's row was counted
    # among those "naming no practitioner", its hint an NP's or PA's credential)
    assert "1 row whose provider cell names a nurse, technologist" in said
    assert "names no practitioner" not in said


def test_price_says_to_leave_provider_out_on_the_facility_s_own_bill() -> None:
    runner = CliRunner()
    args = ["price", "96372", "--provider", "RN", "--zip", ZIP, "--date", "2025-11-03", "--setting"]
    on_bill = runner.invoke(app, [*args, "131"])
    assert on_bill.exit_code == 2
    said = " ".join(on_bill.stderr.split())
    assert "the facility bills the line, whoever performed it: leave --provider out" in said and GIVE not in said
    at_hospital = runner.invoke(app, [*args, "22"])  # the physician's claim at POS 22: whose credential, as before
    assert at_hospital.exit_code == 2 and GIVE in " ".join(at_hospital.stderr.split())
