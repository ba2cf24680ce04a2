"""Stdin and a workbook are read as the same lines in a CSV file are: their whole input scanned before any row is
priced (batch.files.DateScan). A review: stdin and a workbook learnt chunk by chunk, so with --chunk-rows 100 the
first chunk's 03/11/2025 was 11 March (release 2025A) and the later ones 3 November (2025D) once 13/11/2025 came, a
rendering practitioner column of 'PATEL, ANIL MD' in the first chunk was read as the provider though later cells
('SMITH, JANE') name no practitioner, and a paid column blank in every row was "compared with allowed". Stdin is now
spooled to a temporary file (removed however the run ends), a workbook's rows read through first; the date order
used is kept in --summary's date_order, which -q does not hide. Amounts and releases are `rvucalc price`'s."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()

HEADER = "Claim,CPT,DOS,POS,ZIP,Rendering Provider,Paid Amount\n"
# one whole chunk of --chunk-rows 100 before the first date only day first, and before the names without a credential
TEXT = (HEADER + "".join(f'A{row},99213,03/11/2025,11,10001,"PATEL, ANIL MD",\n' for row in range(100))
        + 'B1,99213,13/11/2025,11,10001,"SMITH, JANE",\nB2,99213,03/11/2025,11,10001,"SMITH, JANE",\n')  # fmt: skip
PREPARING = "Preparing CMS's data files"  # said by whichever run first uses a release: not the input's


def _stderr(text: str) -> list[str]:
    return [line for line in text.splitlines() if PREPARING not in line]


def _price(date: str) -> tuple[str, str]:
    result = runner.invoke(app, ["price", "99213", "--zip", "10001", "--setting", "11", "--date", date, "-f", "csv"])
    assert result.exit_code == 0, result.output
    [row] = csv.DictReader(result.stdout.splitlines())
    return row["release"], row["non_facility_amount"]


def _workbook(path: Path, text: str) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    for row in csv.reader(text.splitlines()):
        book.active.append(row)
    book.save(path)
    return path


def test_stdin_and_a_workbook_give_the_file_s_output_and_stderr_chunk_by_chunk(tmp_path: Path) -> None:
    source = tmp_path / "claims.csv"
    source.write_text(TEXT)
    options = ["--chunk-rows", "100", "--summary", "-"]
    by_path = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "path.csv"), *options])
    by_stdin = runner.invoke(app, ["batch", "-", "-o", str(tmp_path / "stdin.csv"), *options], input=TEXT.encode())
    book = _workbook(tmp_path / "claims.xlsx", TEXT)
    by_book = runner.invoke(app, ["batch", str(book), "-o", str(tmp_path / "book.csv"), *options])
    assert by_path.exit_code == by_stdin.exit_code == by_book.exit_code == 0, by_stdin.output
    written = (tmp_path / "path.csv").read_bytes()
    assert (tmp_path / "stdin.csv").read_bytes() == written == (tmp_path / "book.csv").read_bytes()
    assert _stderr(by_stdin.stderr) == _stderr(by_path.stderr) == _stderr(by_book.stderr)
    assert by_stdin.stdout == by_path.stdout == by_book.stdout  # the summary
    rows = list(csv.DictReader((tmp_path / "stdin.csv").open()))
    # dates: the whole column day first, the first chunk's 03/11/2025 too (3 November, not 11 March)
    assert {(row["release"], row["allowed"]) for row in rows[:100]} == {_price("2025-11-03")} != {_price("2025-03-11")}
    assert (rows[100]["release"], rows[100]["allowed"]) == _price("2025-11-13")
    said = " ".join(by_stdin.stderr.split())
    assert "13/11/2025, a date only day first" in said and "were read month first" not in said
    # the practitioner column: its cells over the whole input name no practitioner alone, so it is not read
    assert "provider ← Rendering Provider" not in said and "'Rendering Provider' is not read" in said
    assert all("not read as a practitioner" not in row["note"] for row in rows)
    # the paid column blank in every row: said so, nothing compared
    assert "paid ← Paid Amount is blank in every row" in said and "is compared with allowed" not in said
    assert json.loads(by_stdin.stdout)["date_order"] == {
        "column": "DOS", "order": "day_first", "day_first_date": "13/11/2025", "month_first_date": None,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("lines", "order"),
    [("99213;13/11/2025;11;10001\n99213;03/11/2025;11;10001\n", ("day_first", "13/11/2025", None)),
     ("99213;13/11/2025;11;10001\n99213;11/14/2025;11;10001\n", ("both_orders", "13/11/2025", "11/14/2025")),
     ("99213;11/03/2025;11;10001\n99213;2025-11-03;11;10001\n", ("month_first", None, None))],
)  # fmt: skip
def test_the_summary_says_the_date_order_used_when_quiet(tmp_path: Path, lines: str, order: tuple[str, ...]) -> None:
    summary = tmp_path / "summary.json"
    done = runner.invoke(app, ["batch", "-", "-q", "-o", str(tmp_path / "o.csv"), "--summary", str(summary)],
                         input="CPT;DOS;POS;ZIP\n" + lines)  # fmt: skip
    assert done.exit_code == 0, done.output
    assert "day first" not in done.stderr  # -q: the stderr notice is hidden, the summary keeps it
    written = json.loads(summary.read_text())["date_order"]
    assert (written["column"], written["order"], written["day_first_date"], written["month_first_date"]) == (
        "DOS", *order)  # fmt: skip
    undated = runner.invoke(app, ["batch", "-", "-q", "-o", str(tmp_path / "o.csv"), "--summary", str(summary)],
                            input="CPT,ZIP\n99213,10001\n")  # fmt: skip
    assert undated.exit_code == 0 and json.loads(summary.read_text())["date_order"] is None


def test_the_spooled_stdin_is_removed_after_a_run_and_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spool = tmp_path / "spool"
    spool.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spool))
    done = runner.invoke(app, ["batch", "-", "-q"], input=TEXT)
    assert done.exit_code == 0 and list(spool.iterdir()) == []
    bad = runner.invoke(app, ["batch", "-", "-q"], input=b"code,name\n99213,ok\n99213,bad \x81 byte\n")
    assert bad.exit_code == 2 and "The input on stdin: line 3 has the byte 0x81" in bad.stderr, bad.output
    assert list(spool.iterdir()) == []
    empty = runner.invoke(app, ["batch", "-"], input=b"")
    assert empty.exit_code == 2 and "The input is empty" in empty.stderr and list(spool.iterdir()) == []


def _rvucalc(*args: str, **options: object) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "rvucalc", *args], stdout=subprocess.PIPE,  # type: ignore[call-overload]
                            stderr=subprocess.PIPE, **options)  # fmt: skip


@pytest.mark.slow
def test_a_signal_while_stdin_is_copied_removes_the_copy(tmp_path: Path) -> None:
    spool = tmp_path / "spool"
    spool.mkdir()
    run = _rvucalc("batch", "-", stdin=subprocess.PIPE, env={**os.environ, "TMPDIR": str(spool)})
    assert run.stdin is not None
    run.stdin.write(TEXT[:300].encode())  # stdin left open: the copy waits for more
    run.stdin.flush()
    for _ in range(100):
        if list(spool.iterdir()):
            break
        time.sleep(0.1)
    assert len(list(spool.iterdir())) == 1
    run.send_signal(signal.SIGTERM)
    try:
        _, stderr = run.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        run.kill()
        raise
    assert run.returncode == 143 and b"interrupted (SIGTERM)" in stderr and list(spool.iterdir()) == []


def test_a_terminal_on_stdin_is_refused() -> None:
    import pty

    main, terminal = pty.openpty()
    try:
        run = _rvucalc("batch", "-", stdin=terminal)
        try:
            _, stderr = run.communicate(timeout=60)  # read as it came, stdin waited for the terminal's lines
        except subprocess.TimeoutExpired:
            run.kill()
            raise
    finally:
        os.close(main)
        os.close(terminal)
    assert run.returncode == 2 and b"reads the lines from stdin, which is a terminal here" in stderr, stderr


@pytest.mark.slow
def test_stdin_and_a_workbook_import_no_pandas(tmp_path: Path) -> None:
    book = _workbook(tmp_path / "claims.xlsx", TEXT)
    for args, stdin in ((["-"], TEXT.encode()), ([str(book)], b"")):
        script = (f"import sys\nfrom rvucalc.cli import main\nsys.argv = ['rvucalc', 'batch', *{args!r}, '-q', "
                  f"'--chunk-rows', '100', '-o', {str(tmp_path / 'o.csv')!r}]\n"
                  "try:\n    main()\nexcept SystemExit:\n    pass\n"
                  "print('pandas imported' if 'pandas' in sys.modules else 'no pandas')\n")  # fmt: skip
        done = subprocess.run([sys.executable, "-c", script], input=stdin, capture_output=True, timeout=120)
        assert done.stdout.strip().endswith(b"no pandas"), (args, done.stdout[-300:], done.stderr[-2000:])
        assert len((tmp_path / "o.csv").read_text().splitlines()) == 103


def test_a_temporary_file_that_cannot_be_written_is_said_to_be_tmpdir_s(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A review: a full TMPDIR under a workbook's run (its rows kept in a temporary file, batch.files.scanned_first)
    was said as "could not write o.csv: Error writing bytes to file. Detail: [errno 28] No space left on device", the
    output's folder having room. It names the temporary file's folder, as stdin's spool does; exit 3, nothing written,
    nothing left in TMPDIR. The file size limit fails the writes as a full disk does (EFBIG; Python ignores SIGXFSZ)."""
    import resource

    book = _workbook(tmp_path / "claims.xlsx", TEXT)
    out = tmp_path / "o.csv"
    warm = runner.invoke(app, ["batch", str(book), "-q", "-o", str(out)])  # CMS's files prepared before the limit
    assert warm.exit_code == 0, warm.output
    out.unlink()
    spool = tmp_path / "spool"
    spool.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spool))
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (2048, hard))
    try:
        by_book = runner.invoke(app, ["batch", str(book), "-q", "-o", str(out)])
        by_stdin = runner.invoke(app, ["batch", "-", "-q", "-o", str(out)], input=TEXT)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    for done, what, instead in ((by_book, "the workbook's rows", "save the sheet as CSV"),
                                (by_stdin, "stdin", "give the input file's path")):  # fmt: skip
        said = " ".join(done.stderr.split())
        assert done.exit_code == 3, done.output
        assert f"could not keep {what} in a temporary file in {spool} (File too large): set TMPDIR to a folder " \
               f"with room, or {instead}; nothing was written" in said, said  # fmt: skip
        assert "could not write" not in said and "Traceback" not in done.output
    assert not out.exists() and list(spool.iterdir()) == []
