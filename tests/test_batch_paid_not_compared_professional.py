"""A hospitalist's remit read without --paid-for: 2026 observation visits at POS 22 (99222, SI B in the newest
Addendum B installed, the CY2026 OPPS file not installed) have no site allowed amount, so their paid amounts were not
compared, and stderr said nothing of it (a hospitalist trial: 6 of 45 rows unchecked). Stderr now counts them and names
--paid-for professional, which compares them with professional_allowed."""

from __future__ import annotations

import csv
import io
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()
SAID = "with a paid amount at a hospital or ASC was not compared: its site has no allowed amount"
RERUN = "if the paid column is a physician's remittance, rerun with --paid-for professional"


def _run(tmp_path: Path, text: str, *options: str) -> tuple[str, list[dict[str, str]]]:
    source = tmp_path / "remit.csv"
    source.write_text(text)
    done = runner.invoke(app, ["batch", str(source), "--format", "csv", *options])
    assert done.exit_code == 0, done.output
    return done.stderr, list(csv.DictReader(io.StringIO(done.stdout)))


REMIT = ("Claim ID,CPT Code,DOS,POS,Svc Facility Zip,Allowed Amt\n"
         "H1,99222,2026-03-15,22,77090,77.21\nH2,99222,2025-03-15,22,77090,129.70\n")  # fmt: skip


def test_the_uncompared_row_is_counted_with_what_to_rerun(tmp_path: Path) -> None:
    stderr, rows = _run(tmp_path, REMIT)
    assert rows[0]["allowed"] == "" and rows[0]["professional_allowed"] != "" and rows[0]["expected"] == "", rows
    assert rows[1]["expected"] == rows[1]["professional_allowed"] != "", rows  # 2025: SI B in its own Addendum B
    assert f"1 row {SAID}" in stderr and RERUN in stderr, stderr


def test_paid_for_professional_compares_it_and_says_nothing(tmp_path: Path) -> None:
    stderr, rows = _run(tmp_path, REMIT, "--paid-for", "professional")
    assert all(row["expected"] == row["professional_allowed"] != "" for row in rows), rows
    assert SAID not in stderr, stderr


def test_a_national_row_is_not_counted(tmp_path: Path) -> None:
    stderr, rows = _run(tmp_path, "CPT Code,DOS,POS,Allowed Amt\n99222,2026-03-15,22,77.21\n")
    assert rows[0]["expected"] == "", rows
    assert SAID not in stderr, stderr


def test_a_reversed_payment_is_not_counted(tmp_path: Path) -> None:
    """A review: a payment a later row takes back (same claim, code and date, the amount negated) is not compared
    because it is reversed, which --paid-for professional does not change: it is not counted with the rows to rerun."""
    first = REMIT.splitlines()[1]
    taken_back = first.rsplit(",", 1)[0] + ",-" + first.rsplit(",", 1)[1]
    stderr, rows = _run(tmp_path, "\n".join([REMIT.splitlines()[0], first, taken_back]) + "\n")
    assert all(row["expected"] == "" for row in rows), rows
    assert "reverses this payment" in rows[0]["note"], rows[0]["note"]
    assert SAID not in stderr and "rows with a paid amount at a hospital or ASC were not compared" not in stderr, stderr
    _, professional = _run(tmp_path, "\n".join([REMIT.splitlines()[0], first, taken_back]) + "\n",
                           "--paid-for", "professional")  # fmt: skip
    assert all(row["expected"] == "" for row in professional), professional  # still not compared: reversed


def test_the_summary_counts_them(tmp_path: Path) -> None:
    summary = tmp_path / "summary.json"
    _run(tmp_path, REMIT, "--summary", str(summary))
    assert json.loads(summary.read_text())["paid_not_compared_professional"] == 1
    _run(tmp_path, REMIT, "--paid-for", "professional", "--summary", str(summary))
    assert json.loads(summary.read_text())["paid_not_compared_professional"] == 0


def test_beside_rows_paid_the_physicians_fee_the_rerun_is_named_once(tmp_path: Path) -> None:
    """A 2025 knee arthroscopy at the hospital paid exactly its professional_allowed (a physician's remit read as the
    site's) and a 2026 visit not compared: one stderr sentence names --paid-for professional, the other refers to it."""
    _, (priced,) = _run(tmp_path, "Claim ID,CPT Code,DOS,POS,Svc Facility Zip\nK1,29881,2025-03-15,22,77090\n")
    paid = priced["professional_allowed"]
    assert paid and priced["allowed"] and Decimal(priced["allowed"]) > Decimal(paid), priced
    stderr, _ = _run(
        tmp_path, REMIT.splitlines()[0] + f"\nK1,29881,2025-03-15,22,77090,{paid}\n" + REMIT.splitlines()[1]
    )
    assert "paid exactly its professional_allowed" in stderr and f"1 row {SAID}" in stderr, stderr
    assert stderr.count("rerun with --paid-for professional") == 1 and "the same rerun compares them" in stderr, stderr


def test_a_hospitals_own_bill_is_not_counted(tmp_path: Path) -> None:
    """A nuclear medicine trial: the hospital's own UB-04 line (type of bill 131) of a 2026 gastric emptying study has
    no OPPS rate (the CY2026 file not installed), but its row is the hospital's claim, compared with the facility's
    payment (its note says so): stderr told it to rerun with --paid-for professional, which compares the hospital's
    $418.00 with the physician's 78264-26 fee and reads it overpaid. Beside it, a POS 22 visit's row is counted."""
    remit = ("Claim #,Svc Date,CPT/HCPCS,POS,TOB,Svc Loc ZIP,Allowed Amt\n"
             "H3005,02/10/2026,78264,,131,02114,418.00\n")  # fmt: skip
    stderr, rows = _run(tmp_path, remit)
    assert rows[0]["allowed"] == "" and rows[0]["professional_allowed"] != "" and rows[0]["expected"] == "", rows
    assert "type of bill 13x is the hospital's own claim" in rows[0]["note"], rows[0]["note"]
    assert SAID not in stderr and RERUN not in stderr, stderr
    summary = tmp_path / "summary.json"
    mixed = remit + "H1,03/15/2026,99222,22,,77090,77.21\n"  # REMIT's first row: no site amount, counted
    stderr, _ = _run(tmp_path, mixed, "--summary", str(summary))
    assert f"1 row {SAID}" in stderr, stderr
    assert json.loads(summary.read_text())["paid_not_compared_professional"] == 1


def test_with_a_contract_they_are_counted_too(tmp_path: Path) -> None:
    """A contract run (--percent-of-medicare, no --paid-for): a row at a hospital with no site allowed amount (the
    CY2026 OPPS file not installed; a Maryland hospital, not paid under the OPPS, SSA §1814(b)(3); an SI B visit,
    which without a contract is compared as its practitioner's claim) has no contract_amount either, so its paid amount
    was not compared: its note named --paid-for professional, stderr did not. Stderr counts them as without a
    contract; --paid-for professional compares them with the contract's percentage of professional_allowed (the PFS
    facility amount, ch. 12 §20.4.2), and counts none."""
    remit = REMIT + "M1,71046,2025-03-15,22,21201,12.00\n"
    for contract, claims in (((), ["H1", "M1"]), (("--percent-of-medicare", "110"), ["H1", "H2", "M1"])):
        stderr, rows = _run(tmp_path, remit, *contract)
        uncompared = [row for row in rows if row["expected"] == ""]
        assert [row["Claim ID"] for row in uncompared] == claims, rows
        assert all(row["allowed"] == "" and row["professional_allowed"] for row in uncompared), rows
        said = " ".join(stderr.split())
        assert f"{len(claims)} rows with a paid amount at a hospital or ASC were not compared" in said, stderr
        assert RERUN in said, stderr
    stderr, rows = _run(tmp_path, remit, "--percent-of-medicare", "110", "--paid-for", "professional")
    for row in rows:
        share = Decimal(row["professional_allowed"]) * Decimal("1.10")
        assert Decimal(row["expected"]) == share.quantize(Decimal("0.01"), ROUND_HALF_UP), row
    assert "were not compared" not in stderr and SAID not in stderr, stderr
