"""With -o FILE, a closed stderr (`rvucalc batch in.csv -o out.csv 2>&1 | head -1`) neither stops the run nor changes
its exit code: a trial's run exited 0 and wrote no out.csv (the closed pipe taken for stdout's reader being done), and
with stderr closed a complete file exited 1 with no row error. Stdout closed early still exits 0 (test_batch_files)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

LINES = "CPT Code,Modifier,ZIP\n99213,25,10001\n27447,RT,10001\n"


def _run(source: Path, target: Path, stderr: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "rvucalc", "batch", str(source), "-o", str(target)],
                            stdout=subprocess.DEVNULL, stderr=stderr)  # fmt: skip


@pytest.mark.parametrize("rows", [LINES, LINES + "2259O,,10001\n"])  # exit 0, and exit 1 for a row error
def test_a_closed_stderr_leaves_the_file_and_the_exit_code(tmp_path: Path, pricer, rows: str) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "lines.csv"
    source.write_text(rows, encoding="utf-8")
    told = _run(source, tmp_path / "told.csv", subprocess.DEVNULL)
    closed = _run(source, tmp_path / "closed.csv", subprocess.PIPE)
    assert closed.stderr is not None
    closed.stderr.close()  # the reader is gone before the run writes its first message
    assert closed.wait(timeout=120) == told.wait(timeout=120) == (1 if "2259O" in rows else 0)
    assert (tmp_path / "closed.csv").read_bytes() == (tmp_path / "told.csv").read_bytes()
