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
    head = note.split("95% of the participating amount $")[1]
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
