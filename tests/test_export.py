"""`rvucalc export`: the PFS matrix and the facility tables, written a chunk at a time, every code accounted for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import rvucalc.export as export


def _few_cbsas(keep: int) -> Any:
    """``_cbsa_wage_indexes`` cut to its first CBSAs (CY2025's first, 01 ALABAMA, is listed twice: a blank rate)."""
    real = export._cbsa_wage_indexes

    def few(store: Any, file: str) -> Any:
        return real(store, file).head(keep)

    return few


@pytest.mark.parametrize("what", ["opps", "asc"])
def test_an_export_written_in_chunks_is_the_same_bytes(pricer, tmp_path: Path, monkeypatch, what: str) -> None:  # type: ignore[no-untyped-def]
    """`export --what opps --cbsa all` built its 3.1 million rows in memory before writing (4.9 GB peak): it is
    written a few hundred codes x every CBSA at a time. The bytes are those of the table written whole."""
    monkeypatch.setattr(export, "_cbsa_wage_indexes", _few_cbsas(4))
    whole, chunked = tmp_path / "whole.csv", tmp_path / "chunked.csv"
    monkeypatch.setattr(export, "CHUNK_ROWS", 10**9)
    rows = export.export_table(pricer, what=what, year=2025, cbsa="all", target=str(whole))
    monkeypatch.setattr(export, "CHUNK_ROWS", 4 * 7)  # 7 codes x 4 CBSAs a chunk
    chunks: list[int] = []
    real = export._arrow_table
    monkeypatch.setattr(export, "_arrow_table", lambda frame: chunks.append(len(frame)) or real(frame))
    assert export.export_table(pricer, what=what, year=2025, cbsa="all", target=str(chunked)) == rows
    assert len(chunks) > 100 and max(chunks) == 28 and sum(chunks) == rows
    assert chunked.read_bytes() == whole.read_bytes()
    assert rows > 4 * 1000


def test_the_pfs_matrix_is_written_a_few_localities_at_a_time(pricer, pfs_export_2025: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                              monkeypatch) -> None:  # fmt: skip
    monkeypatch.setattr(export, "CHUNK_ROWS", 1)  # one locality a chunk
    chunks: list[int] = []
    real = export._arrow_table
    monkeypatch.setattr(export, "_arrow_table", lambda frame: chunks.append(len(frame)) or real(frame))
    target = tmp_path / "pfs.csv"
    rows = export.export_table(pricer, what="pfs", year=2025, cbsa=None, target=str(target))
    assert len(chunks) == 109 and len(set(chunks)) == 1 and rows == sum(chunks)
    assert target.read_bytes() == pfs_export_2025.read_bytes()
