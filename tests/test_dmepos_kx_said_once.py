"""A DMEPOS-priced line says what KX means once (a review): `price A4253-NU-KX --zip 10001 --setting 12`, and batch
the same line, said both the generic "Modifier KX is informational: it does not change the amount." (the line's
modifier notes: CMS's RVU file lists A4253, status P) and the DMEPOS note on KX (``engine.modifiers.DMEPOS_KX_NOTE``:
the medical policy's attestation, CMS Program Memorandum B-02-003, which already says KX does not change the DMEPOS
fee). The DMEPOS note alone is kept (``lookup.lines.dmepos_superseded_notes``), in price and batch alike; a PFS line's
KX (99213-KX) keeps the generic note, in one batch file with the DME line or alone (batch's cells are keyed by code and
modifiers); E0601-RR-KX and L1833-KX (codes the RVU file does not list) had the DMEPOS note alone and keep it. Amounts
are CMS's DMEPOS26_JAN fees, as without KX.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.cli import app
from rvucalc.engine.modifiers import DMEPOS_KX_NOTE
from rvucalc.lookup.lines import dmepos_superseded_notes
from rvucalc.lookup.pricer import Pricer

runner = CliRunner()
CMS = Path("/work/shared/cms/2026")
GENERIC_KX = "Modifier KX is informational: it does not change the amount."
DATE = "2026-08-03"


def _rvu_status(code: str) -> str | None:
    with (CMS / "PPRRVU2026_Jul_nonQPP.csv").open(newline="", encoding="latin-1") as handle:
        return next((row[3] for row in csv.reader(handle) if row and row[0] == code and not row[1]), None)


def _ny_fee(code: str, modifiers: tuple[str, ...]) -> str:
    """CMS's DMEPOS26_JAN non-rural NY fee of the code's row with these modifiers (Mod, Mod2)."""
    import openpyxl

    book = openpyxl.load_workbook(CMS / "dmepos_2026q1" / "DMEPOS26_JAN.xlsx", read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    header = next(n for n, row in enumerate(rows) if row[0] == "HCPCS")
    names = rows[header]
    found: list[dict[str, Any]] = [dict(zip(names, row, strict=True)) for row in rows[header + 1 :] if row[0] == code]
    [row] = [row for row in found if {row["Mod"], row["Mod2"]} - {None, ""} == set(modifiers)]
    return f"{row['NY (NR)']:.2f}"


def test_the_rule_drops_the_generic_kx_note_only_beside_the_dmepos_one() -> None:
    assert dmepos_superseded_notes([DMEPOS_KX_NOTE]) == {GENERIC_KX}
    assert dmepos_superseded_notes(["DMEPOS fee for NY (the fee schedule is set per state)."]) == frozenset()


def test_price_says_kx_once_on_a_dmepos_line_and_keeps_it_on_a_pfs_line(pricer: Pricer) -> None:
    assert _rvu_status("A4253") == "P" and _rvu_status("99213") == "A"  # CMS's own: both in the RVU file
    assert _rvu_status("E0601") is None and _rvu_status("L1833") is None
    for line, row_modifiers in (("A4253-NU-KX", ("NU",)), ("E0601-RR-KX", ("RR",)), ("L1833-KX", ())):
        result = pricer.price(line, zip_code="10001", setting="12", date_of_service=DATE)
        assert result.dmepos is not None and str(result.dmepos.amount) == _ny_fee(line[:5], row_modifiers), line
        assert result.dmepos.notes.count(DMEPOS_KX_NOTE) == 1, line
        assert GENERIC_KX not in result.notes, (line, result.notes)
    visit = pricer.price("99213-KX", zip_code="10001", setting="11", date_of_service=DATE)
    assert GENERIC_KX in visit.notes and visit.dmepos is None
    done = runner.invoke(app, ["price", "A4253-NU-KX", "--zip", "10001", "--setting", "12", "--date", DATE])
    said = " ".join(done.stdout.split())
    assert done.exit_code == 0 and "Modifier KX is informational" not in said, said
    assert said.count("Modifier KX on a DMEPOS item") == 1 and f"${_ny_fee('A4253', ('NU',))}" in said


def test_batch_says_kx_as_price_in_one_file_and_alone(pricer: Pricer, tmp_path: Path) -> None:
    lines = [("A4253-NU-KX", "12"), ("99213-KX", "11"), ("A4253-NU-KX-RT", "12"), ("E0601-RR-KX", "12"),
             ("99213-KX", "12"), ("A4253-NU-KX", "12")]  # fmt: skip
    rows = [{"code": code, "zip": "10001", "place_of_service": pos, "date": DATE} for code, pos in lines]
    done, together = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    for number, (row, out) in enumerate(zip(rows, together, strict=True)):
        (tmp_path / str(number)).mkdir()
        _, [alone] = run_batch_rows(tmp_path / str(number), [row])
        assert alone["note"] == out["note"] and alone["allowed"] == out["allowed"], row
        single = pricer.price(row["code"], zip_code="10001", setting=row["place_of_service"], date_of_service=DATE)
        notes = out["note"].split("; ")
        if row["code"].startswith("99213"):
            assert GENERIC_KX in notes and DMEPOS_KX_NOTE not in notes, out["note"]
            continue
        assert single.dmepos is not None and out["allowed"] == str(single.dmepos.amount)
        assert notes.count(DMEPOS_KX_NOTE) == 1 and GENERIC_KX not in notes, out["note"]
        if row["code"].endswith("-RT"):  # the side's note stays beside it
            assert "Modifier RT names the side: it does not change the amount of a line alone." in notes
    assert together[0]["allowed"] == _ny_fee("A4253", ("NU",)) and together[3]["allowed"] == _ny_fee("E0601", ("RR",))
