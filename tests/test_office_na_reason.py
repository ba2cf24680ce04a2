"""The office 'NA' reason is one note: batch joins a row's notes with '; ', and a review found the reason split in two
on 40% of a realistic file's rows ("... performed there); if the MAC finds ...")."""

from __future__ import annotations

from pathlib import Path

from conftest import run_batch_rows
from rvucalc.engine.pfs import NON_FACILITY_NA_REASON


def test_the_office_na_reason_is_one_whole_note_in_batch(tmp_path: Path) -> None:
    assert "; " not in NON_FACILITY_NA_REASON
    done, out = run_batch_rows(tmp_path, [{"code": "22590", "date": "2026-08-03", "zip": "10001", "setting": "11"}])
    assert len(out) == 1, done.output
    assert NON_FACILITY_NA_REASON in (out[0]["note"] + "; " + out[0]["error"]).split("; "), out[0]
