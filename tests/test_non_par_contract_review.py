"""--non-par notes, per-service non-par amounts, unread contract rates and a practitioner's line's contract (a
review of d61799f), on real CMS slices."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app


def _run(tmp_path: Path, text: str, *args: str) -> list[dict[str, str]]:
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text(text)
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(target), *args])
    assert result.exit_code == 0, result.output
    with target.open(newline="") as handle:
        return list(csv.DictReader(handle))


def _note_amount(note: str) -> Decimal:
    head = note.split("95% of the PFS amount $")[1]
    return Decimal(head.split(" ")[0].replace(",", ""))


def test_d1_non_par_note_names_the_amount_it_took_95_percent_of(tmp_path: Path) -> None:
    # 99283 at POS 23 (hopd: OPPS + the physician's part), 20610 at POS 24 (ASC + physician), 97110 at POS 22
    # (hospital therapy: unchanged), 99453 at POS 22 (no physician part: unchanged)
    text = (
        "Code,Mod,ZIP,POS,Date\n99283,,15213,23,2025-10-20\n20610,,15213,24,2025-10-20\n"
        "97110,GP,15213,22,2025-10-20\n99453,,15213,22,2025-10-20\n"
    )
    par = _run(tmp_path, text)
    rows = _run(tmp_path, text, "--non-par")
    bad = []
    for before, row in zip(par, rows, strict=True):
        if "Non-participating: allowed is the non-par amount" not in row["note"]:
            continue
        named = _note_amount(row["note"])
        allowed, was = Decimal(row["allowed"]), Decimal(before["allowed"])
        # the note says allowed is 95% of `named`: it must be (to the cent), or the note must not say so
        if (named * Decimal("0.95")).quantize(Decimal("0.01")) != allowed:
            bad.append((row["Code"], row["POS"], f"note: 95% of ${named}", f"allowed {was} -> {allowed}"))
    assert not bad, bad


def test_d2_multi_unit_non_par_is_the_per_service_non_par_amount_times_units(tmp_path: Path) -> None:
    # price 20610 --zip 68102 --date 2026-08-03: Amount $63.12, Non-par (95%) $59.96 a unit; 3 units = $179.88
    rows = _run(tmp_path, "Code,Units,ZIP,POS,Date\n20610,3,68102,11,2026-08-03\n", "--non-par")
    assert Decimal(rows[0]["pfs_non_facility_amount"]) == Decimal("63.12")
    assert Decimal(rows[0]["allowed"]) == 3 * Decimal("59.96"), rows[0]["allowed"]  # batch: $179.89


def test_d3_unreadable_contract_rate_is_said(tmp_path: Path) -> None:
    rows = _run(
        tmp_path, "Code,ZIP,POS,Date,Contract Rate\n99213,68102,11,2026-08-03,abc\n99213,68102,11,2026-08-03,-5\n"
    )
    for row in rows:
        assert row["contract_percent_of_medicare"] == ""
        assert "contract" in row["note"].lower(), row["note"]  # silently blank on d61799f


def test_d4_a_code_no_asc_pays_has_a_contract_as_77003_26_does(tmp_path: Path) -> None:
    # Without --percent-of-medicare both rows' expected is professional_allowed (test_batch_non_par's PM&R trial);
    # with it, 77003-26 gets 120% of professional_allowed and 27096 (on neither ASC list) nothing.
    text = "Code,Mod,ZIP,POS,Date,Paid\n77003,26,15213,24,2025-10-20,20\n27096,,15213,24,2025-10-20,60\n"
    rows = _run(tmp_path, text, "--percent-of-medicare", "120")
    assert rows[0]["expected"] == "31.92"  # 120% of $26.60
    assert rows[1]["expected"] == str(
        (Decimal(rows[1]["professional_allowed"]) * Decimal("1.2")).quantize(Decimal("0.01"))
    ), rows[1]  # blank on d61799f


def test_d4_hospital_branch_si_b_visit_is_the_practitioners_line_with_a_contract(tmp_path: Path) -> None:
    # 99213 at POS 19 and 22 (Addendum B SI B: the hospital bills G0463): the physician's claim, 120% of its amount
    text = "Code,ZIP,POS,Date,Paid\n99213,15213,19,2025-10-20,50\n99213,15213,22,2025-10-20,50\n"
    for row in _run(tmp_path, text, "--percent-of-medicare", "120"):
        assert row["allowed"] == ""
        wanted = (Decimal(row["professional_allowed"]) * Decimal("1.2")).quantize(Decimal("0.01"))
        assert row["contract_amount"] == row["expected"] == str(wanted), row
