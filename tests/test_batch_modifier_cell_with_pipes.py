"""A Cerner or Meditech export's modifier cell with '|' between its modifiers ('26|GC', '25|PO') was a bad_modifier row
error ("'25|PO' is not a modifier"), where '26,GC', '26 GC' and '26;GC' are read. '|' is read as they are
(lookup.lines._MODIFIER_SEPARATORS), in batch and in a code cell's CODE-MOD form alike."""

from __future__ import annotations

from pathlib import Path

from conftest import run_batch_rows
from rvucalc.lookup.lines import parse_line


def test_a_pipe_separates_modifiers() -> None:
    assert parse_line("99213-25|PO") == parse_line("99213-25,PO")
    assert parse_line("71046", "26|GC") == parse_line("71046", "26;GC")


def test_batch_reads_a_modifier_cell_with_pipes_as_with_commas(tmp_path: Path) -> None:
    cells = ["26|GC", "26,GC", "26 GC", "26;GC", "25|PO"]
    rows = [{"CPT": "71046" if n < 4 else "99213", "Modifiers": cell, "POS": "22" if n < 4 else "11",
             "DOS": "08/06/2026", "ZIP": "46601"} for n, cell in enumerate(cells)]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    assert not any(row["error_kind"] for row in out) and out[0]["pfs_facility_amount"]
    assert len({(row["pfs_facility_amount"], row["note"]) for row in out[:4]}) == 1  # the 26's PFS fee, each form
    assert "Modifier PO" in out[4]["note"]
