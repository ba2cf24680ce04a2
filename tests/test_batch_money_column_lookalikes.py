"""A hospital export's 'Payments' and 'Gross Charges' (a wound care trial's: passed through without a word, nothing
compared with CMS's amounts) are the paid and charge columns; a money-looking column no role reads ('Ins Pmt Recd',
'Chg Total') is named on stderr with the --columns that reads it, and a column of another money ('Patient Paid',
'Copay', 'Adjustments', 'Paid Date') is not."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app

# 99214 at the office in Louisville, 2025
ROW = "WC25-0001,02/04/2025,99214,1,11,40202,{charge},{paid}\n"


def _run(tmp_path: Path, charge: str, paid: str, charge_value: str = "250.00", paid_value: str = "10.00"):
    source = tmp_path / "export.csv"
    source.write_text(f"Claim #,Svc Date,HCPCS,Qty,Place of Svc,Facility ZIP,{charge},{paid}\n"
                      + ROW.format(charge=charge_value, paid=paid_value))  # fmt: skip
    out = tmp_path / "out.csv"
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    import csv

    with out.open(newline="") as handle:
        [row] = list(csv.DictReader(handle))
    return done.stderr, row


def test_payments_and_gross_charges_are_read(tmp_path: Path) -> None:
    stderr, row = _run(tmp_path, "Gross Charges", "Payments")
    assert "paid ← Payments, charge ← Gross Charges" in stderr
    assert row["paid_as_read"] == "10.00" and row["variance"]  # compared with the row's CMS amount
    assert row["charge_as_read"] == "250.00"
    assert "compared with nothing" not in stderr


def test_an_unread_money_lookalike_is_named_with_the_columns_that_reads_it(tmp_path: Path) -> None:
    stderr, row = _run(tmp_path, "Chg Total", "Ins Pmt Recd")
    assert (
        "no paid column read, though 'Ins Pmt Recd' looks like one: it is passed through, compared with nothing; "
        "if it is the payer's paid amount, say so with --columns paid='Ins Pmt Recd'"
    ) in stderr
    assert "say so with --columns charge='Chg Total'" in stderr
    assert not row.get("variance") and row["Ins Pmt Recd"] == "10.00"


def test_another_money_is_not_named(tmp_path: Path) -> None:
    stderr, _ = _run(tmp_path, "Patient Paid", "Adjustments")
    assert "compared with nothing" not in stderr
    stderr, _ = _run(tmp_path, "Copay", "Paid Date", paid_value="02/20/2025")
    assert "compared with nothing" not in stderr


def test_the_patient_zip_notice_names_home_visits(tmp_path: Path) -> None:
    """A home-based care group's export: its 'Patient ZIP' notice told it the file was wrong, though a home visit (POS
    12) is furnished where the patient lives. ('Procedure' is no code column: exports write descriptions under it.)"""
    source = tmp_path / "home.csv"
    source.write_text("Encounter #,Service Date,Procedure,POS,Patient ZIP\nE1,08/03/2026,99350,12,33606\n")
    done = CliRunner().invoke(
        app, ["batch", str(source), "-o", str(tmp_path / "out.csv"), "--columns", "code=Procedure"]
    )
    assert done.exit_code == 0, done.output
    said = " ".join(done.stderr.split())
    assert "a visit in the patient's home or residence (POS 12, 13, 14, 33), furnished where the patient lives" in said
