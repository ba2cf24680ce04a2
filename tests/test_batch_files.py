"""Batch input and output as real claim files meet them: outputs whole or absent, billing
systems' column names, their date and units forms, their encodings, and spreadsheet output."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import json
import os
import re
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from conftest import read_csv_text
from rvucalc.batch.columns import (
    EXPORT_SYNONYMS,
    SYNONYMS,
    header_key,
    parse_column_overrides,
    pricing_view,
    resolve_columns,
)
from rvucalc.batch.dates import MAX_UNITS, parse_service_date, parse_units
from rvucalc.batch.files import run_batch, whole_claims
from rvucalc.cli import app
from rvucalc.errors import OutputFailedError, UsageError

runner = CliRunner()

LINES = "code,zip,claim\n99213,10001,c1\n22590,,c2\n71046,94110,c3\n"


def rvucalc(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "rvucalc", *args], input=stdin, capture_output=True, timeout=120)


def batch_text(tmp_path: Path, text: str) -> Any:
    """``rvucalc batch`` of a CSV with this text, written to ``out.csv`` beside it (the CLI's result)."""
    source = tmp_path / "in.csv"
    source.write_text(text)
    return runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv")])


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".rvucalc-partial")]


# -- outputs whole or absent ---------------------------------------------------------------


def test_output_that_is_the_input_is_refused_and_the_input_kept(tmp_path: Path) -> None:
    source = tmp_path / "lines.csv"
    source.write_text(LINES)
    (tmp_path / "link.csv").symlink_to(source)
    os.link(source, tmp_path / "hard.csv")
    for target in (source, tmp_path / "link.csv", tmp_path / "hard.csv"):
        result = runner.invoke(app, ["batch", str(source), "-o", str(target)])
        assert result.exit_code == 2, result.output
        assert "is the input file" in result.output
        assert source.read_text() == LINES
    assert leftovers(tmp_path) == []


def test_a_summary_file_gets_the_outputs_checks_before_any_work(tmp_path: Path) -> None:
    """Found by a fresh-eyes trial: ``--summary`` given the input file (or the -o file) replaced it with the summary,
    exit 0; a summary in a missing folder failed (exit 3) after the priced file was written in full."""
    source = tmp_path / "lines.csv"
    source.write_text(LINES)
    (tmp_path / "link.csv").symlink_to(source)
    for summary, said in ((source, "--summary " + str(source) + " is the input file"),
                          (tmp_path / "link.csv", "is the input file"),
                          (tmp_path / "out.xlsx", "is also the output file (-o)"),
                          (tmp_path / "missing" / "s.json", "does not exist"),
                          (tmp_path, "is a folder: give a file name, e.g. --summary")):  # fmt: skip
        result = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.xlsx"), "--summary", str(summary)])
        assert result.exit_code == 2 and said in result.stderr, result.output
        assert source.read_text() == LINES and not (tmp_path / "out.xlsx").exists()
    assert leftovers(tmp_path) == []


@pytest.mark.slow
def test_output_that_is_stdin_redirected_from_it_is_refused(tmp_path: Path, pricer) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "lines.csv"
    source.write_text(LINES)
    with source.open("rb") as stdin:
        result = subprocess.run([sys.executable, "-m", "rvucalc", "batch", "-", "-o", str(source)], stdin=stdin,
                                capture_output=True, timeout=120)  # fmt: skip
    assert result.returncode == 2 and b"is the input file (stdin)" in result.stderr
    assert source.read_text() == LINES


@pytest.mark.parametrize(
    ("target", "code", "words"),
    [
        ("missing/out.csv", 2, "does not exist"),
        (".", 2, "is a folder"),
        ("out.xls", 2, "does not write .xls"),
        ("out.docx", 2, "does not write .docx"),
    ],
)
def test_unwritable_targets_are_one_line_usage_errors(tmp_path: Path, target: str, code: int, words: str) -> None:
    source = tmp_path / "lines.csv"
    source.write_text(LINES)
    result = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / target)])
    assert result.exit_code == code and words in result.output, result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "out.xls").exists() and not (tmp_path / "out.docx").exists()


@pytest.mark.slow
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_a_full_device_exits_3_with_one_line(tmp_path: Path, pricer) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "lines.csv"
    source.write_text(LINES)
    result = rvucalc("batch", str(source), "-o", "/dev/full")
    assert result.returncode == 3, result.stderr
    assert b"No space left on device" in result.stderr and b"Traceback" not in result.stderr
    export = rvucalc("export", "--what", "asc", "-o", "/dev/full")
    assert export.returncode == 3 and b"Traceback" not in export.stderr


def test_a_write_failing_mid_run_leaves_the_target_as_it_was(tmp_path: Path, pricer, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from rvucalc.batch import files

    source = tmp_path / "lines.csv"
    source.write_text("code\n" + "99213\n" * 500)
    target = tmp_path / "priced.csv"
    target.write_text("the previous run's output\n")
    calls = []
    original = files.Writer._write

    def failing(self, *args):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        original(self, *args)

    monkeypatch.setattr(files.Writer, "_write", failing)
    with pytest.raises(OutputFailedError, match="No space left on device"):
        run_batch(pricer, str(source), str(target), chunk_rows=100)
    assert target.read_text() == "the previous run's output\n"
    assert leftovers(tmp_path) == []
    monkeypatch.setattr(files.Writer, "_write", original)
    run_batch(pricer, str(source), str(target), chunk_rows=100)
    assert len(target.read_text().splitlines()) == 501 and leftovers(tmp_path) == []


def test_a_last_chunk_that_fails_to_build_leaves_a_json_stream_unclosed(tmp_path: Path, pricer, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The output of a chunk is built on the writer's thread: a failure building the last one still fails the
    run before the output is called complete (found by a review: the JSON stream got its closing bracket)."""
    import io

    from rvucalc.batch import lines as batch_lines

    source = tmp_path / "lines.csv"
    source.write_text("code,zip\n99213,10001\n99214,10001\n71046,94110\n")
    calls: list[int] = []
    original = batch_lines.Lines.output

    def failing(self):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("the last chunk could not be built")
        return original(self)

    monkeypatch.setattr(batch_lines.Lines, "output", failing)
    stream = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(stream))
    with pytest.raises(RuntimeError, match="could not be built"):
        run_batch(pricer, str(source), "-", fmt="json", chunk_rows=2)
    sys.stdout.flush()
    written = stream.getvalue().decode()
    assert written.startswith("[") and not written.rstrip().endswith("]")


def test_a_new_file_gets_ordinary_permissions_and_a_symlinked_target_is_replaced_through(tmp_path: Path) -> None:
    source = tmp_path / "lines.csv"
    source.write_text(LINES)
    real = tmp_path / "real.csv"
    real.write_text("old\n")
    (tmp_path / "alias.csv").symlink_to(real)
    assert runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "alias.csv")]).exit_code == 0
    assert (tmp_path / "alias.csv").is_symlink() and real.read_text().startswith("code,zip,claim,")
    assert runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "new.csv")]).exit_code == 0
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "new.csv").stat().st_mode & 0o777 == 0o666 & ~umask


def _previous_run(tmp_path: Path) -> tuple[Path, Path, Path]:
    source = tmp_path / "lines.csv"
    source.write_text(LINES)
    target, summary = tmp_path / "priced.csv", tmp_path / "summary.json"
    target.write_text("the previous output\n")
    summary.write_text("the previous summary\n")
    return source, target, summary


@pytest.mark.parametrize(("sent", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_as_the_output_is_renamed_is_held_until_the_summary_is_in_place_and_said_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sent: int, status: int
) -> None:
    """A scale trial: SIGTERM after -o FILE was renamed into place said "FILE left as it was" (it had been replaced)
    and left the previous run's --summary beside it. The signal comes right after the output's rename: the summary's
    rename follows it, then the signal ends the run, saying both files are this run's."""
    from rvucalc.batch import atomic

    source, target, summary = _previous_run(tmp_path)
    real_replace = os.replace

    def replace_then_signal(src: Any, dst: Any) -> None:
        real_replace(src, dst)
        if Path(dst).name == target.name:
            os.kill(os.getpid(), sent)

    monkeypatch.setattr(atomic.os, "replace", replace_then_signal)
    result = runner.invoke(app, ["batch", str(source), "-q", "-o", str(target), "--summary", str(summary)])
    assert result.exit_code == status, result.output
    assert f"{target} and {summary} were written whole, by this run" in result.stderr
    assert "left as it was" not in result.stderr
    assert target.read_text().startswith("code,zip,claim,")
    assert json.loads(summary.read_text())["rows"] == 3
    assert leftovers(tmp_path) == []


def test_an_interrupt_before_the_commit_leaves_the_output_and_the_summary_as_they_were(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C while the summary is written (the output whole, not yet renamed): both files are the previous run's,
    and that is what stderr says."""
    from rvucalc.batch import files

    source, target, summary = _previous_run(tmp_path)

    def interrupted(*args: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(files, "write_summary", interrupted)
    result = runner.invoke(app, ["batch", str(source), "-q", "-o", str(target), "--summary", str(summary)])
    assert result.exit_code == 130, result.output
    assert f"interrupted (SIGINT); {target} and {summary} left as they were" in result.stderr
    assert target.read_text() == "the previous output\n" and summary.read_text() == "the previous summary\n"
    assert leftovers(tmp_path) == []


def test_a_summary_that_cannot_be_renamed_after_the_output_was_says_which_is_which(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rvucalc.batch import atomic

    source, target, summary = _previous_run(tmp_path)
    real_replace = os.replace

    def refuse_the_summary(src: Any, dst: Any) -> None:
        if Path(dst).name == summary.name:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", refuse_the_summary)
    result = runner.invoke(app, ["batch", str(source), "-q", "-o", str(target), "--summary", str(summary)])
    assert result.exit_code == 3, result.output
    assert (f"{target} was written, but not {summary} (No space left on device): {summary} is left as it was, not "
            "this run's") in result.stderr  # fmt: skip
    assert summary.read_text() == "the previous summary\n" and target.read_text().startswith("code,zip,claim,")
    assert leftovers(tmp_path) == []


# A batch run made slow (each chunk sleeps after pricing), so a signal lands mid-run.
SLOW_RUN = """
import signal, sys, time
signal.signal(signal.SIGINT, signal.default_int_handler)  # what a terminal gives; a test runner may not
from rvucalc.batch import price
original = price.BatchPricer.price_table
pause = float(sys.argv[1])
def slow(self, *args, **kwargs):
    result = original(self, *args, **kwargs)
    time.sleep(pause)
    return result
price.BatchPricer.price_table = slow
sys.argv = ["rvucalc", *sys.argv[2:]]
from rvucalc.cli import main
main()
"""


def slow_batch(source: Path, target: Path, pause: float, *extra: str) -> subprocess.Popen[bytes]:
    args = [sys.executable, "-c", SLOW_RUN, str(pause), "batch", str(source), "-o", str(target), "--chunk-rows",
            "100", *extra]  # fmt: skip
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def wait_for_partial(folder: Path, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        partial = [p for p in folder.iterdir() if p.name.endswith(".rvucalc-partial")]
        if partial and partial[0].stat().st_size > 0:
            return
        time.sleep(0.02)
    raise AssertionError(f"no partial output appeared (exit {process.poll()})")


@pytest.mark.slow
@pytest.mark.parametrize(("sent", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
@pytest.mark.parametrize("suffix", ["csv", "json", "parquet"])
def test_a_signal_mid_run_removes_the_partial_output(tmp_path: Path, pricer, sent: int, status: int,
                                                     suffix: str) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    source = tmp_path / "lines.csv"
    source.write_text("code,zip\n" + "99213,10001\n" * 2000)
    target = tmp_path / f"priced.{suffix}"
    target.write_bytes(b"the previous output")
    process = slow_batch(source, target, 0.2)
    wait_for_partial(tmp_path, process)
    process.send_signal(sent)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == status, stderr
    assert b"interrupted" in stderr and b"Traceback" not in stderr
    assert target.read_bytes() == b"the previous output"
    assert leftovers(tmp_path) == []


@pytest.mark.slow
def test_two_runs_to_one_target_leave_one_whole_output(tmp_path: Path, pricer) -> None:  # type: ignore[no-untyped-def]
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text("code,run\n" + "99213,first\n" * 600)
    second.write_text("code,run\n" + "22590,second\n" * 900)
    expected = {}
    for source in (first, second):
        assert runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / f"alone-{source.name}")]).exit_code == 0
        expected[source.name] = (tmp_path / f"alone-{source.name}").read_bytes()
    target = tmp_path / "shared.csv"
    runs = [slow_batch(first, target, 0.05), slow_batch(second, target, 0.03)]
    for run in runs:
        run.communicate(timeout=120)
        assert run.returncode == 0
    assert target.read_bytes() in (expected["first.csv"], expected["second.csv"])
    assert leftovers(tmp_path) == []


@pytest.mark.slow
def test_quiet_is_quiet_and_a_closed_pipe_exits_0(tmp_path: Path, pricer) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "lines.csv"
    source.write_text("code,zip\n" + "99213,10001\n" * 3 + "2259O,\n")
    result = rvucalc("batch", str(source), "-o", str(tmp_path / "o.csv"), "-q")
    assert result.returncode == 1 and result.stderr == b""
    big = tmp_path / "big.csv"
    big.write_text("code,zip\n" + "99213,10001\n" * 20000)
    process = subprocess.Popen([sys.executable, "-m", "rvucalc", "batch", str(big)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)  # fmt: skip
    assert process.stdout is not None and process.stdout.readline().startswith(b"code,zip,")
    process.stdout.close()  # `| head -1`
    assert process.wait(timeout=60) == 0
    assert process.stderr is not None and b"Traceback" not in process.stderr.read()


def test_export_writes_whole_files(tmp_path: Path) -> None:
    target = tmp_path / "asc.csv"
    target.write_text("old")
    assert runner.invoke(app, ["export", "--what", "asc", "-o", str(target), "-q"]).exit_code == 0
    assert target.read_text().startswith("release,hcpcs,") and leftovers(tmp_path) == []
    result = runner.invoke(app, ["export", "--what", "asc", "-o", str(tmp_path / "no" / "asc.csv")])
    assert result.exit_code == 2 and "does not exist" in result.output


# -- column names as billing systems write them ------------------------------------------------


@pytest.mark.parametrize(("role", "name"), [(role, name) for role, names in SYNONYMS.items() for name in names])
def test_every_synonym_is_recognised_in_any_case_with_spaces_or_hyphens(role: str, name: str) -> None:
    for written in (name, name.upper(), name.replace("_", " ").title(), name.replace("_", "-")):
        header = [written] if role == "code" else ["CPT", written]
        mapping = resolve_columns(header, {})
        expected_role = "modifier" if role.startswith("modifier") else role
        assert header.index(written) in mapping.positions(expected_role), (role, written)


def test_billing_export_header_and_the_report_line() -> None:
    names = ["CPT Code", "Mod 1", "Mod 2", "Date of Service", "POS", "Zip Code", "Units", "Claim ID", "Payer"]
    mapping = resolve_columns(names, {})
    assert mapping.describe() == (
        "code ← CPT Code, modifier ← Mod 1 + Mod 2, date ← Date of Service, zip ← Zip Code, setting ← POS, "
        "units ← Units, claim ← Claim ID"
    )
    assert mapping.as_positions() == {0: "code", 1: "modifier", 3: "date", 5: "zip", 4: "setting", 6: "units",
                                      7: "claim"}  # fmt: skip
    assert header_key(" Date-of  Service ") == "date_of_service" and header_key("Modifier 4") == "modifier4"


def test_a_practice_management_export_header_and_what_a_file_lacks(tmp_path: Path) -> None:
    """'/', '#' and '.' read as underscores: CPT/HCPCS, Claim #, Pt. Zip, DOS From, Place of Svc. A file without a
    place, a place of service or a claim column says so, once each, on stderr: its amounts depend on them."""
    names = ["Claim #", "Line #", "CPT/HCPCS", "Modifier 1", "DOS From", "Place of Svc", "Pt. Zip", "Rendering NPI"]
    mapping = resolve_columns(names, {})
    assert mapping.describe() == (
        "code ← CPT/HCPCS, modifier ← Modifier 1, date ← DOS From, zip ← Pt. Zip, setting ← Place of Svc, "
        "claim ← Claim #"
    )
    for encounter in ("Encounter #", "Encounter"):
        assert "claim ← " + encounter in resolve_columns([encounter, "HCPCS"], {}).describe()
    source = tmp_path / "codes.csv"
    source.write_text("code\n99213\n")
    result = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv")])
    assert result.exit_code == 0, result.output
    for missing in ("no ZIP or locality column", "no place of service column", "no claim column"):
        assert result.stderr.count(missing) == 1, result.stderr
    source.write_text(",".join(names) + "\nA1,1,27447,,03/10/2026 00:00:00,22,10001,123\n")
    result = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv")])
    assert result.exit_code == 0 and "column:" not in result.stderr.replace("date column", ""), result.stderr


@pytest.mark.parametrize(
    ("header", "hint"), [("CPT Code;DOS;POS", "holding ';'"), ("CPT\tDOS", "holding '\\t'"),
                         ("Charge Detail Report", "a title above the header is skipped")],
)  # fmt: skip
def test_a_header_of_one_cell_says_why_there_is_no_code_column(header: str, hint: str) -> None:
    with pytest.raises(UsageError, match="no code column") as refused:
        resolve_columns([header], {})
    assert hint in str(refused.value)


@pytest.mark.parametrize(("cell", "modifiers"), [("26,59", ["26", "59"]), ("26 59", ["26", "59"]),
                                                 ("26, 59", ["26", "59"]), ("59/XS", ["59", "XS"])])  # fmt: skip
def test_a_modifier_cell_may_separate_its_modifiers_as_exports_do(cell: str, modifiers: list[str]) -> None:
    from rvucalc.lookup.lines import parse_line

    assert parse_line("27447", cell) == ("27447", modifiers)
    # So may a CODE-MOD cell or argument (found by a fresh-eyes trial: `rvucalc price 99214-25,59` exited 2).
    assert parse_line(f"27447-{cell}") == ("27447", modifiers)
    with pytest.raises(UsageError, match="LT and RT on one line"):
        parse_line("27447", "LT/RT")


@pytest.mark.parametrize(
    ("code", "cell", "hint"),
    [("27447", "RT - Right side", "The modifier cell seems to hold a description"),
     ("27447", "RT59", "Write RT-59"), ("27447", "50.0", "it is 50")],
)  # fmt: skip
def test_a_modifier_as_exports_mangle_it_says_what_it_probably_is(code: str, cell: str | None, hint: str) -> None:
    """A trial's cells: each was refused with no way to fix it."""
    from rvucalc.lookup.lines import parse_line

    with pytest.raises(UsageError, match="is not a modifier") as refused:
        parse_line(code, cell)
    assert hint in str(refused.value)
    assert parse_line("27447", "N/A") == parse_line("27447", "none") == ("27447", [])


def test_a_description_after_the_code_is_a_malformed_code() -> None:
    """Found by a fresh-eyes trial: '99213 - OFFICE VISIT' was counted as a bad modifier, the code cell's fault."""
    from rvucalc.errors import ErrorKind
    from rvucalc.lookup.lines import parse_line

    with pytest.raises(UsageError, match=r"'99213 - OFFICE VISIT' is not a HCPCS/CPT code\. The code cell") as refused:
        parse_line("99213 - OFFICE VISIT")
    assert refused.value.kind == ErrorKind.MALFORMED_CODE and "give the code alone (99213)" in str(refused.value)


def test_an_excel_text_formula_code_says_the_code(pricer) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UsageError, match="Excel's text formula; the code is 00840"):
        pricer.price('="00840"')


@pytest.mark.parametrize(("role", "name"), [(role, name) for role, names in EXPORT_SYNONYMS.items() for name in names])
def test_an_export_name_plays_its_role_only_when_no_usual_name_does(role: str, name: str) -> None:
    written = name.replace("_", " ").title()
    header = [written] if role == "code" else ["CPT", written]
    combined = "modifier" if role.startswith("modifier") else role  # modifier2..4 are slots of the modifier
    assert header.index(written) in resolve_columns(header, {}).positions(combined)
    usual = SYNONYMS[role][0]
    both = resolve_columns([*header, usual] if role != "code" else [written, usual], {})
    assert both.positions(combined) == ((len(header) if role != "code" else 1),)  # the usual name wins, no error


@pytest.mark.parametrize(
    "names",
    [["CPT", "Paid %"], ["CPT", "Paid?"], ["CPT", "Paid #"], ["CPT", "% Paid"], ["CPT", "Line #"], ["CPT", "Zip4"]],
)  # fmt: skip
def test_headers_that_are_no_role_pass_through(names: list[str]) -> None:
    """A percentage, a yes/no or a count column is no paid amount; 'Zip4' (the 4-digit add-on alone, in some exports)
    no ZIP ('Zip+4' is one: tests/test_batch_zip_plus4_columns.py)."""
    mapping = resolve_columns(names, {})
    assert mapping.roles == {"code": (0,)}


@pytest.mark.parametrize(
    ("role", "names"),
    [("claim", ["Encounter #", "Claim #"]), ("zip", ["Pt. Zip", "Patient Zip Code"]),
     ("setting", ["Place of Svc", "POS Code"]), ("date", ["DOS From", "Service From"]),
     ("units", ["Units Billed", "Billed Units"])],
)  # fmt: skip
def test_two_export_names_for_a_role_are_refused_not_both_dropped(tmp_path: Path, role: str, names: list[str]) -> None:
    """Found by a fresh-eyes trial: 'Encounter #' and 'Claim #' cancelled each other, so a claim file was priced line by
    line (17000 after 11042 paid in full, $76.15 for $38.08); two patient ZIPs priced every row nationally."""
    source = tmp_path / "two.csv"
    source.write_text(f"Proc Code,{','.join(names)}\n99213,1,1\n")
    done = runner.invoke(app, ["batch", str(source)])
    assert done.exit_code == 2, done.output
    assert f"Columns '{names[0]}' and '{names[1]}' could both be the {role}: say which with --columns {role}=" in (
        done.stderr
    )
    chosen = runner.invoke(app, ["batch", str(source), "--columns", f"{role}={names[1]}"])
    assert chosen.exit_code != 2 and f"{role} ← {names[1]}" in chosen.stderr, chosen.output  # '1' may be a row error
    # A usual name still beats them (the README's 'Claim ID' over 'Claim #'), and a service location's ZIP decides.
    assert resolve_columns(["CPT", "Claim ID", "Encounter #", "Claim #"], {}).position("claim") == 1
    assert resolve_columns(["CPT", "Pt. Zip", "Patient Zip Code", "Facility Zip"], {}).position("zip") == 3


def test_modifier_columns_are_combined_in_order_and_cells_converted() -> None:
    names = ["HCPCS", "Modifier 2", "Modifier 1", "Mod4", "DOS", "Qty"]
    rows = [["27447", "59", "RT", "", "8/3/2026", "2"], ["99213", "", "", "25", "20260803", ""],
            ["71046", "", "26", "", "2026-02-30", "1e3"]]  # fmt: skip
    table = pa.table({name: [row[i] for row in rows] for i, name in enumerate(names)})
    view, errors = pricing_view(table, resolve_columns(names, {}))
    assert view.column("modifier").to_pylist() == ["RT-59", "25", "26"]
    assert view.column("date").to_pylist() == ["2026-08-03", "2026-08-03", ""]
    assert view.column("units").to_pylist() == ["2", "", ""]
    assert list(errors) == [2] and "2026-02-30" in errors[2] and errors[2].kind == "bad_date"  # type: ignore[attr-defined]


def test_the_place_of_service_zip_wins_over_the_patients(tmp_path: Path) -> None:
    """Found by a fresh-eyes trial: with 'Patient Zip' and 'Service Facility ZIP' the patient's home priced the visit
    (NJ $150.65 for a Manhattan office visit, $153.27), and the service location's column was passed through."""
    source = tmp_path / "z.csv"
    source.write_text("Claim Number,DOS,CPT/HCPCS,POS,Units,Patient Zip,Service Facility ZIP\n"
                      "Z1,2026-08-03,99214,11,1,07030,10001\n")  # fmt: skip
    done = runner.invoke(app, ["batch", str(source), "--format", "json"])
    assert done.exit_code == 0 and "zip ← Service Facility ZIP" in done.stderr, done.output
    import json

    (row,) = json.loads(done.stdout)
    single = json.loads(runner.invoke(app, ["price", "99214", "--zip", "10001", "--date", "2026-08-03", "--format",
                                            "json"]).stdout)  # fmt: skip
    assert row["locality_priced"] == single["location"]["locality"]
    assert Decimal(str(row["allowed"])) == Decimal(str(single["pfs"]["non_facility"]["amount"]))
    for names in (["CPT", "Zip Code", "Rendering ZIP"], ["CPT", "ZIP", "Service Location Zip"],
                  ["CPT", "Patient Zip", "Facility Zip"]):  # fmt: skip
        assert resolve_columns(names, {}).position("zip") == 2, names
    assert resolve_columns(["CPT", "Patient Zip", "Facility Zip"], {"zip": "Patient Zip"}).position("zip") == 1
    # A radiology group's export named it 'Place ZIP' (its rows were priced with national amounts): the place of
    # service's ZIP under the names exports give it, over a patient's ZIP; never a billing or pay-to address's (a
    # practice's is read, after the place's own: test_batch_clinic_remit_export_names).
    for name in ("Place ZIP", "Place Zip Code", "Place of Service ZIP Code", "POS Zip", "Svc Facility ZIP",
                 "Site of Service ZIP", "Rendering Location ZIP", "Facility Postal Code"):  # fmt: skip
        assert resolve_columns(["CPT", "Patient Zip", name], {}).position("zip") == 2, name
        assert resolve_columns(["CPT", name], {}).position("zip") == 1, name
    for name in ("Billing ZIP", "Pay-to ZIP"):
        assert resolve_columns(["CPT", name], {}).position("zip") is None, name
    # A review: two names of the service place left neither read (every row priced at the patient's ZIP): the place's
    # own before a rendering provider's, then the first.
    for names, place in ((["CPT", "Service Facility ZIP", "Rendering Provider ZIP Code", "Patient ZIP"], 1),
                         (["CPT", "Rendering Provider ZIP Code", "Service Facility ZIP", "Patient ZIP"], 2),
                         (["CPT", "Patient ZIP", "Facility ZIP", "Place ZIP"], 2),
                         (["CPT", "POS ZIP", "Place of Service ZIP Code"], 1)):  # fmt: skip
        assert resolve_columns(names, {}).position("zip") == place, names
    source.write_text("Accession #,Patient Acct,DOS,CPT,Mod1,POS,Place ZIP,Units\n"
                      "B1,P7,11/20/2026,71046,26,21,10001,1\n")  # fmt: skip
    done = runner.invoke(app, ["batch", str(source), "--format", "json"])
    assert done.exit_code == 0 and "zip ← Place ZIP" in done.stderr, done.output
    (row,) = json.loads(done.stdout)
    assert row["locality_priced"] == single["location"]["locality"]
    # Beside a locality column too, as a plain ZIP is (a trial: 'Locality', 'Facility ZIP' priced every hospital and
    # ASC rate nationally): the ZIP wins where filled; --columns zip= prices by the locality.
    assert resolve_columns(["CPT", "Locality", "Facility Zip"], {}).position("zip") == 2
    assert resolve_columns(["CPT", "Locality", "Facility Zip"], {"zip": ""}).position("zip") is None
    # The patient's ZIP alone still prices, and stderr says what it means.
    source.write_text("CPT,POS,Patient Zip\n99214,11,07030\n")
    done = runner.invoke(app, ["batch", str(source)])
    assert done.exit_code == 0
    assert "zip ← Patient Zip, the patient's: Medicare pays the PFS by the locality" in done.stderr
    source.write_text("CPT,POS\n99214,11\n")
    assert "add the ZIP where the service was furnished" in runner.invoke(app, ["batch", str(source)]).stderr


def test_a_repeated_modifier_header_is_the_modifier_columns_in_order(tmp_path: Path) -> None:
    """Found by a fresh-eyes trial: 'Modifier, Modifier' was refused, and the fix the message gave (--columns
    modifier='Modifier') was refused too: only modifier= (every modifier dropped) ran."""
    names = ["Claim", "CPT", "Modifier", "Modifier", "Modifier", "ZIP"]
    assert resolve_columns(names, {}).positions("modifier") == (2, 3, 4)
    from rvucalc.batch.files import read_chunks_fast

    plain = tmp_path / "plain.csv"
    plain.write_text(",".join(names) + "\nK,27447,RT,80,,10001\n")
    fast = read_chunks_fast(plain, 10)  # Arrow's reader still reads it (a review found the slow one taken, 1.5x)
    assert fast is not None
    ((table, _),) = list(fast[0])
    assert table.column_names == names and table.column(3).to_pylist() == ["80"]
    assert resolve_columns(names, {"modifier": "Modifier"}).positions("modifier") == (2, 3, 4)
    source = tmp_path / "m.csv"
    source.write_text("Claim,DOS,CPT,Modifier,Modifier,POS,Units,ZIP\nQ1,08/03/2026,27447,RT,80,11,1,10001\n")
    out = tmp_path / "out.csv"
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0 and "modifier ← Modifier + Modifier" in done.stderr, done.output
    import csv
    import json

    (row,) = list(csv.DictReader(out.open()))
    single = json.loads(runner.invoke(app, ["price", "27447-RT-80", "--zip", "10001", "--date", "2026-08-03",
                                            "--format", "json"]).stdout)  # fmt: skip
    assert Decimal(row["pfs_facility_amount"]) == Decimal(str(single["pfs"]["facility"]["amount"]))
    assert Decimal(row["pfs_facility_amount"]) < Decimal(str(json.loads(runner.invoke(app, [
        "price", "27447", "--zip", "10001", "--date", "2026-08-03", "--format", "json"]).stdout)["pfs"]["facility"][
        "amount"]))  # fmt: skip
    # JSON keys and Parquet columns are found by name: the repeated one is numbered there (a review found JSON
    # dropping the first modifier and Parquet unreadable); CSV and Excel keep the header as it was.
    (record,) = json.loads(runner.invoke(app, ["batch", str(source), "--format", "json"]).stdout)
    assert record["Modifier"] == "RT" and record["Modifier (2)"] == "80"
    import pyarrow.parquet as pq

    assert runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "m.parquet")]).exit_code == 0
    read = pq.read_table(tmp_path / "m.parquet", columns=["Modifier", "Modifier (2)"]).to_pylist()
    assert read == [{"Modifier": "RT", "Modifier (2)": "80"}]


def test_the_names_a_trial_found_unread_price_their_modifiers_units_and_dates(tmp_path: Path, pricer) -> None:  # type: ignore[no-untyped-def]
    """'Modifiers', 'Units of Service' and 'Date of Service From' were passed through unread: 71046-26 priced as
    the global test, J9271 x 100 as 1 unit, a 2025 service with 2026's rates. Each line now prices as the single
    lookup of the same code, modifier, units and date."""
    source = tmp_path / "export.csv"
    source.write_text(
        "Claim ID,CPT,Modifiers,Date of Service From,Date of Service To,POS,Zip,Units of Service\n"
        "A,71046,26,03/10/2025,03/10/2025,11,10001,1\n"
        "C,J9271,,08/03/2026,08/03/2026,11,10001,100\n"
    )
    result = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv")])
    assert result.exit_code == 0, result.output
    assert "modifier ← Modifiers, date ← Date of Service From" in result.stderr
    assert "units ← Units of Service" in result.stderr and "looks like" not in result.stderr
    rows = list(csv.DictReader((tmp_path / "out.csv").open()))
    professional = pricer.price("71046-26", zip_code="10001", date_of_service="2025-03-10")
    drug = pricer.price("J9271", zip_code="10001", date_of_service="2026-08-03", units=100)
    assert Decimal(rows[0]["office_allowed"]) == professional.sites[0].allowed
    assert Decimal(rows[1]["office_allowed"]) == drug.sites[0].allowed
    assert rows[0]["release"] == professional.release


def test_a_column_that_looks_like_a_role_but_is_unread_is_said(tmp_path: Path) -> None:
    result = batch_text(
        tmp_path, "CPT,Mod Code X,Encounter Dt,Service Date To,Units Count Total,Modality\n71046,26,2025-03-10,x,1,CT\n"
    )
    assert result.exit_code == 0, result.output
    assert "no modifier column read, though 'Mod Code X' looks like one: say so with --columns " in result.stderr
    assert "no units column read, though 'Units Count Total' looks like one" in result.stderr
    assert "no date column read, though 'Encounter Dt' looks like one" in result.stderr  # not the span's end
    assert "Modality" not in result.stderr


def test_a_review_s_headers_take_the_right_columns_or_none() -> None:
    """'Modifier Code 1' was unread while 'Modifier Code 2' was read (71046-26-59 priced as 71046-59); a 'Unit'
    column (a nursing unit) was read as units; look-alike notices named a birth date, an editor and a price."""
    numbered = resolve_columns(["CPT Code", "Modifier Code 1", "Modifier Code 2", "Date of Service"], {})
    assert numbered.positions("modifier") == (1, 2)
    for family in ("procedure_modifier", "cpt_modifier", "hcpcs_modifier", "modifier_code"):
        names = ["CPT"] + [f"{family.replace('_', ' ')} {n}" for n in (1, 2, 3, 4)]
        assert resolve_columns(names, {}).positions("modifier") == (1, 2, 3, 4), family
    assert resolve_columns(["CPT Code", "Unit", "Zip Code"], {}).position("units") is None
    from rvucalc.batch.columns import missing_role_notices

    lookalikes = ["CPT", "Patient Birth Date", "Last Modified By", "Unit Price", "Posted Date"]
    assert not [n for n in missing_role_notices(resolve_columns(lookalikes, {})) if "looks like" in n]


def test_a_second_modifier_or_units_column_beside_a_read_one_is_said(tmp_path: Path) -> None:
    """A trial's 'Modifiers' beside 'Modifier 1'/'Modifier 2' (27447-50 priced as one side, 71046-26 as the global
    test) and 'Units Billed' beside a blank 'Units' were ignored silently; 'Qty Billed' and 'Quantity Billed' were
    not read (J9271 x 200 priced as 1 unit) and 'Charge Qty' was not even named."""
    from rvucalc.batch.columns import missing_role_notices

    def notices(names: list[str]) -> list[str]:
        return [n for n in missing_role_notices(resolve_columns(names, {})) if "look" in n]

    (modifiers,) = notices(["CPT", "Modifier 1", "Modifier 2", "Modifiers", "Units"])
    assert modifiers.startswith("modifier ← Modifier 1 + Modifier 2; 'Modifiers' also looks like a modifier column")
    assert "--columns modifier='Modifiers'" in modifiers
    (units,) = notices(["CPT", "Units", "Units Billed"])
    assert "--columns units='Units Billed'" in units
    assert resolve_columns(["HCPCS", "Qty Billed"], {}).position("units") == 1
    assert resolve_columns(["HCPCS", "Quantity Billed"], {}).position("units") == 1
    assert notices(["HCPCS", "Charge Qty"]) == [
        "no units column read, though 'Charge Qty' looks like one: say so with --columns units='Charge Qty'"
    ]
    # Beside a read column, a description, a price or a nursing unit is no second one.
    assert notices(["CPT", "Modifier 1", "Modifier Description", "Units", "Unit Price", "Nursing Unit"]) == []
    result = batch_text(tmp_path, "HCPCS,Qty Billed,DOS\nJ9271,200,2026-08-03\n")
    assert result.exit_code == 0, result.output
    assert read_csv_text(tmp_path / "out.csv").column("Qty Billed").to_pylist() == ["200"]
    assert "units ← Qty Billed" in result.stderr


def test_an_empty_modifier_word_among_modifier_columns_is_no_modifier() -> None:
    from rvucalc.lookup.lines import parse_line

    assert parse_line("71046", "26-N/A") == parse_line("71046", "26-null") == ("71046", ["26"])
    assert parse_line("27447", "NONE-50") == ("27447", ["50"])


def test_a_repeated_column_name_is_chosen_by_its_place(tmp_path: Path) -> None:
    """The ambiguity's advice must work: --columns date='Date' named both columns (a trial's dead end)."""
    names = ["code", "Date", "Date", "zip"]
    with pytest.raises(UsageError, match="--columns date='Date#2'"):
        resolve_columns(names, {})
    with pytest.raises(UsageError, match="Date#1"):
        resolve_columns(names, parse_column_overrides("date=Date"))
    assert resolve_columns(names, parse_column_overrides("date=Date#2")).position("date") == 2
    assert resolve_columns(names, parse_column_overrides("date=Date#1")).position("date") == 1
    with pytest.raises(UsageError, match="no column named 'Date#3'"):
        resolve_columns(names, parse_column_overrides("date=Date#3"))
    # The advice counts as the override does (case aside): it names the column it picks.
    cased = ["CPT", "DATE", "Date", "Date"]
    with pytest.raises(UsageError, match="--columns date='Date#3'") as advised:
        resolve_columns(cased, {})
    assert resolve_columns(cased, parse_column_overrides("date=Date#3")).position("date") == 3
    with pytest.raises(UsageError, match="'Date#2' or 'Date#3'"):
        resolve_columns(cased, parse_column_overrides("date=Date"))
    assert "Date#3" in str(advised.value)


def test_units_on_an_anesthesia_line_are_refused_as_in_a_single_lookup(tmp_path: Path, pricer) -> None:  # type: ignore[no-untyped-def]
    """A batch row of 00400 with 54 units was paid 54 times ($8,129.70); ``rvucalc price`` refused it. Units equal
    to the minutes are the minutes (Medicare's claims report them in the units field): paid once, as units 1 are;
    other units are refused, in batch as in a single lookup."""
    with pytest.raises(UsageError, match="units 20 and minutes 54 disagree") as refused:
        pricer.price("00400", base_units="3", minutes=54, units=20, zip_code="10001")
    result = batch_text(
        tmp_path,
        "code,base_units,minutes,units,zip,pos\n00400,3,54,1,10001,22\n00400,3,54,54,10001,22\n"
        "00400,3,54,20,10001,22\n",
    )
    assert result.exit_code == 1  # a row with an error
    rows = list(csv.DictReader((tmp_path / "out.csv").open()))
    assert rows[0]["error"] == "" and rows[0]["professional_allowed"] != ""
    assert rows[1]["error"] == "" and rows[1]["professional_allowed"] == rows[0]["professional_allowed"]
    assert (rows[2]["error_kind"], rows[2]["professional_allowed"]) == ("bad_units", "")
    assert rows[2]["error"] == str(refused.value)


def test_column_overrides_win_and_mistakes_are_usage_errors() -> None:
    names = ["Proc", "Svc", "Patient ZIP", "date"]
    mapping = resolve_columns(names, parse_column_overrides("code=Proc, date=svc,site="))
    assert mapping.position("code") == 0 and mapping.position("date") == 1 and mapping.position("zip") == 2
    assert mapping.position("setting") is None
    with pytest.raises(UsageError, match="no column named 'Nope'"):
        resolve_columns(names, parse_column_overrides("code=Nope"))
    with pytest.raises(UsageError, match="ROLE=COLUMN"):
        parse_column_overrides("colour=Proc")
    with pytest.raises(UsageError, match="could both be the code"):
        resolve_columns(["CPT", "HCPCS"], {})
    with pytest.raises(UsageError, match="no code column"):
        resolve_columns(["Procedure", "ZIP"], {})


def test_title_lines_above_the_header_are_skipped_and_said(tmp_path: Path) -> None:
    """Found by a fresh-eyes trial: a report export's title lines ("Charge Detail Report", "Run Date: ...") made
    "no code column"; the lines below them are priced as without them, line numbers still the file's."""
    plain = "CPT,ZIP,Note\n99213,10001,x\n"
    source, target = tmp_path / "report.csv", tmp_path / "plain.csv"
    target.write_text(plain)
    (expected,) = csv.DictReader(runner.invoke(app, ["batch", str(target)]).stdout.splitlines())
    for title, ragged in (("Charge Detail Report\n\nRun Date: 11/30/2026,,all\n", ""),
                          ("Charge Detail Report\n", "99214,10001,x,extra\n")):  # fmt: skip
        source.write_text(title + plain + ragged)
        done = runner.invoke(app, ["batch", str(source)])
        skipped = title.count("\n")
        assert f"the header is line {skipped + 1}: the title lines above it skipped" in done.stderr
        rows = list(csv.DictReader(done.stdout.splitlines()))
        assert rows[0]["pfs_non_facility_amount"] == expected["pfs_non_facility_amount"] != ""
        if ragged:  # the csv-module reader: the ragged line named by its line in the file
            assert rows[1]["error"].startswith(f"ragged line {skipped + 3}:"), rows[1]
    # A title cell holding a line break: records and lines differ (a review found Arrow skipping too few lines).
    source.write_text('"Charge Detail Report\nRun date 11/30/2026",\n' + plain)
    done = runner.invoke(app, ["batch", str(source)])
    assert done.exit_code == 0 and "the header is line 3" in done.stderr, done.output
    source.write_text("Charge Detail Report\nProcedure,ZIP\n99213,10001\n")
    assert "no code column" in runner.invoke(app, ["batch", str(source)]).stderr  # nothing names a code
    done = runner.invoke(app, ["batch", str(source), "--columns", "code=Procedure"])
    assert done.exit_code == 0 and "the header is line 2" in done.stderr


def test_the_mapping_line_names_a_repeated_column_as_columns_does_and_cpt4_is_a_code() -> None:
    """Found by a fresh-eyes trial: 'code=Proc Code#2' was said as 'code ← Proc Code' (the first, seemingly); NextGen's
    'CPT4 Code' was no code column."""
    chosen = resolve_columns(
        ["Proc Code", "Proc Code", "Modifier", "Modifier"], parse_column_overrides("code=Proc Code#2")
    )
    assert chosen.describe() == "code ← Proc Code#2, modifier ← Modifier + Modifier"
    assert resolve_columns(["CPT4 Code", "ZIP"], {}).position("code") == 0


def test_title_lines_on_stdin_are_skipped_as_in_a_file() -> None:
    """Found by a fresh-eyes trial: stdin read its title line as the header ("no code column"), a file did not."""
    text = "Charge Report\nClaim #,Proc Code,Pt Zip\n1,99213,10001\n1,99213,10001,x\n"
    done = runner.invoke(app, ["batch", "-"], input=text)
    assert done.exit_code == 1 and "the header is line 2: the title lines above it skipped" in done.stderr, done.output
    rows = list(csv.DictReader(done.stdout.splitlines()))
    assert [row["Proc Code"] for row in rows] == ["99213", "99213"] and rows[0]["pfs_non_facility_amount"] != ""
    assert rows[1]["error"].startswith("ragged line 4:")  # the input's line numbers
    plain = runner.invoke(app, ["batch", "-"], input=text.partition("\n")[2])
    assert "title lines" not in plain.stderr and plain.stdout.splitlines()[:2] == done.stdout.splitlines()[:2]


def test_a_reports_page_lines_are_report_line_errors_and_no_claims(tmp_path: Path) -> None:
    """Found by a fresh-eyes trial: a report's repeated header came out as a bad date ('Svc Date'), and its cells
    ('Claim #', 'Page 1 of 2', 'Total Charges:') as claims in --summary. Every row still comes out, in order."""
    import json

    source, summary = tmp_path / "pages.csv", tmp_path / "summary.json"
    source.write_text("Claim #,Svc Date,Proc Code,POS\nP1,08/03/2026,99213,11\nPage 1 of 2,,,\n"
                      "Claim #,Svc Date,Proc Code,POS\nP2,08/03/2026,99214,11\nP2,08/03/2026,,11\n"
                      "Total Charges:,,,\n")  # fmt: skip
    done = runner.invoke(app, ["batch", str(source), "--summary", str(summary)])
    assert done.exit_code == 1, done.output
    rows = list(csv.DictReader(done.stdout.splitlines()))
    assert [row["error_kind"] for row in rows] == ["", "report_line", "report_line", "", "malformed_code",
                                                   "report_line"]  # fmt: skip
    assert rows[2]["error"] == "the header repeated (a report's page break): not a service line"
    claims = json.loads(summary.read_text())["claims"]
    assert list(claims) == ["P1", "P2"] and claims["P2"]["unpriced"] == 1  # a claim's own bad line is still its


def test_a_blank_row_is_no_row_and_a_totals_row_says_what_it_looks_like(tmp_path: Path) -> None:
    """Found by a fresh-eyes trial: Excel's blank row (commas only) was "'' is not a HCPCS/CPT code: five
    characters, four digits ..."; a totals row the same lecture. A row of empty cells is no row, as a blank line is
    not (said on stderr), in either reader; a totals row stays, with an error saying what it looks like."""
    source, target = tmp_path / "export.csv", tmp_path / "out.csv"
    for ragged in ("", "99214,10001,11,extra\n"):  # Arrow's reader, then the csv module's
        source.write_text("code,zip,pos\n99213,10001,11\n,,\nGrand Total,,\n" + ragged)
        done = runner.invoke(app, ["batch", str(source), "-o", str(target)])
        assert done.exit_code == 1 and "1 row of empty cells skipped (blank rows: not in the output)" in done.stderr
        rows = list(csv.DictReader(target.open()))
        assert [row["error"] for row in rows][:2] == ["", "'GRAND TOTAL' is not a HCPCS/CPT code: a totals row?"]
        assert rows[1]["error_kind"] == "malformed_code" and len(rows) == 2 + bool(ragged)
    from rvucalc.lookup.lines import check_code_shape
    from rvucalc.lookup.pricer import Pricer

    with pytest.raises(UsageError, match="This line has no code: a blank row"):
        check_code_shape("", Pricer().catalogue.store(Pricer().select()[0]))


def test_a_billing_export_prices_through_the_cli_with_its_notes(tmp_path: Path) -> None:
    source = tmp_path / "export.csv"
    source.write_text("CPT Code,Mod 1,Zip Code,Units,Claim ID\n99213,,10001,2,A1\n71046,26,94110,1,A1\n")
    result = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "o.csv")])
    assert result.exit_code == 0, result.output
    assert "code ← CPT Code, modifier ← Mod 1, zip ← Zip Code, units ← Units, claim ← Claim ID" in result.output
    assert "no date column: every row priced with release 2026" in result.output
    import csv

    with (tmp_path / "o.csv").open() as handle:
        first = next(csv.DictReader(handle))
    assert Decimal(first["office_allowed"]) == 2 * Decimal(first["pfs_non_facility_amount"])
    quiet = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "o.csv"), "-q"])
    assert quiet.exit_code == 0 and quiet.output == ""


def test_claims_are_never_split_between_chunks() -> None:
    claims = ["a", "a", "a", "b", "c", "c", "c", "c", "c", "", "", "d", "d"]
    table = pa.table({"code": ["99213"] * len(claims), "claim": claims, "row": [str(i) for i in range(len(claims))]})
    chunks = [(table.slice(start, 3), {0: f"ragged {start}"}) for start in range(0, len(claims), 3)]
    mapping = resolve_columns(table.column_names, {})
    out = list(whole_claims(iter(chunks), lambda _: mapping, chunk_rows=3))
    rows = [row for chunk, _ in out for row in chunk.column("row").to_pylist()]
    assert rows == [str(i) for i in range(len(claims))]
    seen: list[set[str]] = [set(chunk.column("claim").to_pylist()) - {""} for chunk, _ in out]
    for i, left in enumerate(seen):
        for right in seen[i + 1 :]:
            assert not left & right
    errors = {}
    offset = 0
    for chunk, chunk_errors in out:
        errors.update({offset + row: message for row, message in chunk_errors.items()})
        offset += chunk.num_rows
    assert errors == {start: f"ragged {start}" for start in range(0, len(claims), 3)}


# -- dates and units -------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["2026-08-03", "08/03/2026", "8/3/2026", "20260803", " 2026-08-03 ",
                                  "08/03/2026 00:00:00", "8/3/2026 12:00:00 AM", "2026-08-03T00:00:00",
                                  "2026-08-03 14:30", "8/3/2026 1:05 p.m.", "2026-08-03T00:00:00.000"])  # fmt: skip
def test_dates_as_billing_systems_write_them(text: str) -> None:
    """Excel and practice-management exports add a time of day to the date; it is left out."""
    assert parse_service_date(text) == dt.date(2026, 8, 3)


@pytest.mark.parametrize(
    ("text", "why"),
    [("08/03/26", "two-digit year"), ("03-08-2026", "ambiguous"), ("2026-02-30", "does not exist"),
     ("13/01/2026", "does not exist"), ("2026/08/03", "not a date"), ("２０２６-08-03", "not a date"),
     ("20261303", "does not exist"), ("yesterday", "not a date"), ("", "blank"),
     ("08/03/2026 25:00", "its time of day"), ("08/03/2026 13:00 PM", "its time of day"),
     ("2026-08-03T00:00:00Z", "its time of day"),
     ("8/3/26 00:00:00", "two-digit year"), ("2026-02-30 00:00", "does not exist"),
     ("2026-08-03 24:00", "its time of day"), ("2026-08-03T12:00:00+02:00", "its time of day")],
)  # fmt: skip
def test_ambiguous_or_impossible_dates_are_refused_naming_them(text: str, why: str) -> None:
    with pytest.raises(ValueError, match=why) as raised:
        parse_service_date(text)
    assert text == "" or repr(text) in str(raised.value)


@pytest.mark.parametrize(("text", "units"), [("1", 1), ("12", 12), (" 3 ", 3), ("007", 7), ("1000000", MAX_UNITS)])
def test_units_plain_digits(text: str, units: int) -> None:
    assert parse_units(text) == units


@pytest.mark.parametrize("text", ["0", "1000001", "1_000", "1e3", "1.5", "999999.9999", "٣", "+3", "-1", "1,00",
                                  "", "two"])  # fmt: skip
def test_units_anything_else_is_refused(text: str) -> None:
    """'2.0' is 2 units now (a whole number with a fraction of zeros, as 835 remits and practice systems write
    units: test_batch_export_columns), and so is '1,000' (grouped by thousands:
    test_units_written_with_thousands_separators_are_read); the rest of issue 15's list is still refused ('1,00')."""
    with pytest.raises(ValueError, match="units"):
        parse_units(text)


# -- encodings -------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_encodings_excel_and_billing_systems_write_are_read(tmp_path: Path, encoding: str) -> None:
    text = "CPT,Patient,ZIP\n99213,Zoë Müller – café,10001\n"
    source = tmp_path / "lines.csv"
    source.write_bytes(text.encode(encoding))
    result = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "o.csv")])
    assert result.exit_code == 0, result.output
    out = (tmp_path / "o.csv").read_text(encoding="utf-8")
    assert out.startswith("CPT,Patient,ZIP,") and "Zoë Müller – café" in out


def test_stdin_in_windows_1252_is_read() -> None:
    result = runner.invoke(app, ["batch", "-", "-q"], input="code,name\n99213,José\n".encode("cp1252"))
    assert result.exit_code == 0 and "José" in result.stdout


@pytest.mark.parametrize(
    ("content", "words"),
    [(b"code,name\n99213,ok\n99213,bad \x81 byte\n", "line 3 has the byte 0x81"),
     ("code,name\n99213,Zoë\n".encode() + b"99213,caf\xe9\n", "line 3 is not UTF-8 although the lines before"),
     (codecs.BOM_UTF16_LE + "code\n99213\n".encode("utf-16-le") + b"\x00", "not valid UTF-16")],
)  # fmt: skip
def test_bytes_that_fit_no_encoding_are_a_usage_error_naming_the_line(tmp_path: Path, content: bytes,
                                                                       words: str) -> None:  # fmt: skip
    source = tmp_path / "lines.csv"
    source.write_bytes(content)
    result = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "o.csv")])
    assert result.exit_code == 2 and words in result.output, result.output
    assert not (tmp_path / "o.csv").exists() and leftovers(tmp_path) == []


# -- spreadsheet and Parquet output ------------------------------------------------------------


def test_xlsx_output_is_a_real_workbook(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    source = tmp_path / "lines.csv"
    source.write_text(
        'CPT,ZIP,Units,Note\n99213,01434,2,=HYPERLINK("http://x")\n00100,10001,1,+1\n22590,,,-1\n2259O,,,@SUM(A1)\n'
    )
    target = tmp_path / "priced.xlsx"
    result = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    assert result.exit_code == 1, result.output  # 2259O is malformed
    sheet = load_workbook(target).active
    assert sheet.freeze_panes == "A2"
    rows = list(sheet.iter_rows())
    header = [cell.value for cell in rows[0]]
    assert header[:4] == ["CPT", "ZIP", "Units", "Note"] and "allowed" in header
    first = {name: cell for name, cell in zip(header, rows[1], strict=False)}
    assert first["ZIP"].value == "01434" and first["ZIP"].data_type == "s"
    assert first["Units"].value == 2 and first["Units"].data_type == "n"
    assert first["Note"].value == '=HYPERLINK("http://x")' and first["Note"].data_type == "s"
    amount = first["pfs_non_facility_amount"]
    assert amount.data_type == "n" and "0.00" in amount.number_format
    assert Decimal(str(first["office_allowed"].value)) == 2 * Decimal(str(amount.value))
    second = {name: cell for name, cell in zip(header, rows[2], strict=False)}
    assert second["CPT"].value == "00100" and second["Note"].value == "+1" and second["Note"].data_type == "s"
    notes = [row[3].value for row in rows[1:]]
    assert notes[2:] == [-1, "@SUM(A1)"]  # a pass-through cell that is a plain number is a number, no formula
    error = [cell.value for cell in rows[4]][header.index("error")]
    assert "malformed" in error or "2259O" in error  # the wording differs between releases of the message


def test_parquet_units_are_integers(tmp_path: Path) -> None:
    """Units stay an integer column in Parquet: a whole number is kept even when it is refused (0, more than
    MAX_UNITS: a scale trial found 0 written as null, where CSV and xlsx keep it); what is no whole number is null,
    and the row's error quotes the cell."""
    import pyarrow.parquet as pq

    source = tmp_path / "lines.csv"
    source.write_text(f"code,qty\n99213,2\n99213,\n99213,1e3\n99213,0\n99213, 007\n99213,1.5\n99213,{MAX_UNITS + 1}\n")
    target = tmp_path / "priced.parquet"
    assert runner.invoke(app, ["batch", str(source), "-o", str(target)]).exit_code == 1
    table = pq.read_table(target)
    assert table.schema.field("qty").type == pa.int64()
    assert table.column("qty").to_pylist() == [2, None, None, 0, 7, None, MAX_UNITS + 1]
    errors = table.column("error").to_pylist()
    assert "units '1e3'" in errors[2] and "units '0'" in errors[3] and "units '1.5'" in errors[5]
    assert f"units '{MAX_UNITS + 1}'" in errors[6] and errors[4] == ""


# -- the Dask engine --------------------------------------------------------------------------


@pytest.mark.slow
def test_dask_prices_each_chunk_once_and_keeps_claims_whole(tmp_path: Path, pricer, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from distributed import Client, LocalCluster

    from rvucalc.batch import dask_engine, price

    source = tmp_path / "lines.csv"
    source.write_text("CPT,Claim ID\n" + "".join(f"99213,c{i // 7}\n" for i in range(1000)))
    views: list[list[str]] = []
    original = price.BatchPricer.price_table

    def counting(self, view, errors=None):  # type: ignore[no-untyped-def]
        views.append(view.column("claim").to_pylist())
        return original(self, view, errors)

    monkeypatch.setattr(price.BatchPricer, "price_table", counting)  # the workers run in this process
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            Client(cluster) as client:  # fmt: skip
        summary = dask_engine.run_batch_dask(pricer, str(source), str(tmp_path / "dask.csv"), client=client,
                                             chunk_rows=100, per_claim=True)  # fmt: skip
    assert summary.rows == 1000 and sum(len(v) for v in views) == 1000  # every row priced once
    claims = [set(v) for v in views]
    assert all(not (a & b) for i, a in enumerate(claims) for b in claims[i + 1 :])
    here = run_batch(pricer, str(source), str(tmp_path / "here.csv"), chunk_rows=100, per_claim=True)
    assert (tmp_path / "dask.csv").read_bytes() == (tmp_path / "here.csv").read_bytes()
    # --summary's per-claim totals too: every claim, the same amounts (they were once left empty on Dask)
    assert len(summary.as_json()["claims"]) == 143 and summary.as_json() == here.as_json()


def test_the_format_comes_from_the_suffix_or_format_never_a_guess(tmp_path: Path) -> None:
    source = tmp_path / "lines.csv"
    source.write_text(LINES)
    bare = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "priced")])
    assert bare.exit_code == 2 and "name the file" in bare.output and not (tmp_path / "priced").exists()
    assert runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "priced"), "-f", "json"]).exit_code == 0
    assert (tmp_path / "priced").read_text().startswith("[\n{")
    assert runner.invoke(app, ["batch", str(source), "-o", "/dev/null", "-q"]).exit_code == 0


def test_seen_claims_finds_the_first_encounter_met_again_and_stays_sorted() -> None:
    """SeenClaims keeps every (claim id, date) met (hashed, sorted inserts in buckets) and counts the claims whose
    lines of one date come back (naming the first few) and those lines, in a later chunk or in the same one after other
    rows (a claim's lines of another date are another encounter anyway: a trial found them warned of); a chunk that
    starts with the previous one's last claim goes on with a claim too long to carry (``whole_claims``), which is said
    once, for what it is."""
    import random

    import numpy as np
    import pyarrow as pa

    from rvucalc.batch.files import SeenClaims

    rng = random.Random(15)
    for dated in (False, True):
        for _ in range(200):
            seen_claims, seen, said_long, last = SeenClaims(), set(), False, ""
            split: dict[str, None] = {}  # the claims with rows apart, in file order
            split_rows = 0
            for _ in range(6):
                names = [f"C{rng.randrange(60)}" for _ in range(rng.randrange(1, 15))]
                days = [f"2026-08-0{rng.randrange(1, 3)}" if dated else "" for _ in names]
                cut = names[0] if names[0] == last else ""
                run = [0]
                for at in range(1, len(names)):
                    run.append(run[-1] + (names[at] != names[at - 1]))
                pairs = list(zip(names, days, strict=True))
                first = {pair: min(r for r, other in zip(run, pairs, strict=True) if other == pair) for pair in pairs}
                apart = [at for at, (name, pair, r) in enumerate(zip(names, pairs, run, strict=True))
                         if r > first[pair] or (pair in seen and not (r == 0 and name == cut))]  # fmt: skip
                messages = seen_claims.scattered(pa.array(names), pa.array(days) if dated else None)
                if cut and not said_long:
                    assert f"claim '{cut}' has more lines" in messages.pop(0)
                    said_long = True
                assert messages == []
                assert seen_claims.apart.tolist() == apart
                split.update(dict.fromkeys(names[at] for at in apart))
                split_rows += len(apart)
                assert (seen_claims.split_claims, seen_claims.split_rows) == (len(split), split_rows)
                assert seen_claims.split_names == list(split)[: SeenClaims.NAMED]
                seen |= set(pairs)
                last = names[-1]
                # each bucket sorted, and holding only the hashes of its top bits
                bits = SeenClaims.BUCKET_BITS
                assert sum(len(bucket) for bucket in seen_claims.hashes) == len(seen)
                for number, bucket in enumerate(seen_claims.hashes):
                    assert bool(np.all(bucket[1:] >= bucket[:-1]))
                    assert bool(np.all((bucket >> (64 - bits)) + (1 << (bits - 1)) == number))


def test_an_input_column_named_as_ours_is_kept_beside_it(tmp_path: Path) -> None:
    """Found by a fresh-eyes trial: a remit export's own `expected`, `variance`, `error` and `site` columns were
    replaced by rvucalc's, silently. They stay, as 'NAME (input)'; a priced file priced again (it has all of ours)
    still has them replaced, so the output keeps one set."""
    source, target = tmp_path / "remit.csv", tmp_path / "out.csv"
    source.write_text("code,dos,zip,pos,paid,expected,variance,error,site\n"
                      "99213,08/03/2026,10001,11,90.00,95.00,-5.00,none,Main St\n")  # fmt: skip
    done = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    assert done.exit_code == 0
    assert "kept as expected (input), variance (input), error (input), site (input)" in done.stderr
    (row,) = list(csv.DictReader(target.open()))
    assert (row["expected (input)"], row["variance (input)"], row["error (input)"], row["site (input)"]) == (
        "95.00", "-5.00", "none", "Main St")  # fmt: skip
    assert row["site"] == "office" and row["expected"] == row["allowed"]
    again = tmp_path / "again.csv"
    assert runner.invoke(app, ["batch", str(target), "-o", str(again)]).exit_code == 0
    assert next(csv.reader(again.open())) == next(csv.reader(target.open()))


def test_a_format_and_a_file_name_that_disagree_are_refused(tmp_path: Path) -> None:
    """Found by a fresh-eyes trial: -o out.xlsx --format csv wrote CSV into out.xlsx, exit 0."""
    source = tmp_path / "lines.csv"
    source.write_text(LINES)
    done = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.xlsx"), "--format", "csv"])
    assert done.exit_code == 2 and "is named for Excel (.xlsx), but --format csv was given" in done.stderr
    assert not (tmp_path / "out.xlsx").exists()
    agreed = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.xlsx"), "--format", "xlsx"])
    assert agreed.exit_code == 0


def test_the_error_tally_names_every_kind_and_adds_up(tmp_path: Path) -> None:
    """Eight kinds of bad rows: the stderr tally listed six and left two out without saying so (a trial counted
    9 of 11)."""
    result = batch_text(
        tmp_path,
        "code,modifier,date,units,zip,setting\n99999,,,,,\n2259O,,,,,\n99213,,13/45/2026,,,\n99213,,,x,,\n"
        "99213,,,,99999,\n99213,,,,,xyz\n99213,GY,,,,\n99213,,,,,,extra\n99213,,,,,\n",
    )
    assert result.exit_code == 1, result.output
    kinds = read_csv_text(tmp_path / "out.csv").column("error_kind").to_pylist()
    failed = [kind for kind in kinds if kind]
    assert len(set(failed)) == 8
    tally = re.search(r"(\d+) with errors \(([^)]*)\)", result.stderr)
    assert tally is not None and int(tally.group(1)) == len(failed)
    counts = {kind: int(count) for count, kind in (part.split(" ", 1) for part in tally.group(2).split(", "))}
    assert sum(counts.values()) == len(failed) and len(counts) == 8


def test_the_columns_usage_error_names_the_role_aliases_that_work() -> None:
    """The README's `site=` worked but the error listing the roles left it out (a trial)."""
    with pytest.raises(UsageError) as refused:
        parse_column_overrides("foo=x")
    for alias, role in (("site", "setting"), ("pos", "setting"), ("place", "zip")):
        assert alias in str(refused.value)
        assert parse_column_overrides(f"{alias}=X") == {role: "X"}


@pytest.mark.parametrize("closed", [True, False])
def test_a_stray_quote_that_swallows_rows_is_a_row_error_naming_them(tmp_path: Path, closed: bool) -> None:
    """A trial's 4-line claim file with a stray '"' opening a description came out as 2 rows, "no errors": the
    lines in between were read into the quoted cell. The row holding them is an error that says what happened; a
    cell with line breaks that are no rows (an address) is not."""
    third = 'Q3,20610,2026-08-03,11,10001,knee 2" above patella' if closed else "Q3,20610,2026-08-03,11,10001,knee"
    result = batch_text(
        tmp_path,
        "Claim ID,CPT,DOS,POS,Zip,Description\n"
        'Q1,99213,2026-08-03,11,10001,"12 inch laceration\n'
        "Q2,J9271,2026-08-03,11,10001,Keytruda 200mg\n"
        f"{third}\n"
        'Q4,99214,2026-08-03,11,10001,"2 lines,\nof a note"\n',
    )
    assert result.exit_code == 1, result.output
    with (tmp_path / "out.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    first = rows[0]
    assert first["error_kind"] == "ragged_line"
    assert "the quoted cell in column 'Description' runs on over" in first["error"]
    assert "'Q2,J9271,2026-08-03,11,10001,Keytruda 200mg'" in first["error"] and "stray '\"'" in first["error"]
    if closed:
        assert [row["CPT"] for row in rows] == ["99213", "99214"] and rows[1]["error"] == ""


def test_a_quoted_note_of_prose_with_commas_is_no_swallowed_row(tmp_path: Path) -> None:
    """A review: a correctly quoted two-line comment whose second line has as many commas as a row was taken for
    swallowed rows (its row failed, its claim priced without it). A swallowed line must have a code where the code
    column is."""
    result = batch_text(
        tmp_path,
        'claim,code,zip,date,comment\nC1,99213,10001,2025-03-01,"Follow-up visit.\n'
        'Knee pain, swelling, stiffness, locking, giving way."\nC1,73560,10001,2025-03-01,ok\n',
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader((tmp_path / "out.csv").open(newline="")))
    assert [(row["code"], row["error"]) for row in rows] == [("99213", ""), ("73560", "")]
    assert rows[0]["comment"] == "Follow-up visit.\nKnee pain, swelling, stiffness, locking, giving way."


def test_a_page_break_inside_a_claim_does_not_cut_it_and_a_revenue_line_is_a_service_line(tmp_path: Path) -> None:
    """A review: a page break (a page line and the repeated header) inside claim A priced 29881 apart from 27447 (its
    J1 packaging and 50% lost: $4,482.17 instead of the claim's $313.33); a UB-04 revenue-code line (units, no HCPCS
    and no date) was called a report's page line. The page lines take no part in the claim; the claim's lines are
    priced as one encounter, as without the page break."""
    broken = "Claim ID,CPT Code,DOS,ZIP,POS\nA,27447,2025-06-02,10001,22\nPage 1 of 2,,,,\n" \
             "Claim ID,CPT Code,DOS,ZIP,POS\nA,29881,2025-06-02,10001,22\n"  # fmt: skip
    whole = "Claim ID,CPT Code,DOS,ZIP,POS\nA,27447,2025-06-02,10001,22\nA,29881,2025-06-02,10001,22\n"
    out = []
    for name, text in (("broken.csv", broken), ("whole.csv", whole)):
        (tmp_path / name).write_text(text)
        done = runner.invoke(app, ["batch", str(tmp_path / name)])
        assert "not next to each other" not in done.stderr, done.stderr
        out.append([row for row in csv.DictReader(done.stdout.splitlines()) if row["error"] == ""])
    assert [row["allowed"] for row in out[0]] == [row["allowed"] for row in out[1]]
    assert all("rules ran without" not in row["note"] for row in out[0])
    (tmp_path / "rev.csv").write_text("Claim ID,Rev Code,HCPCS,Line Item Date,ZIP,Units\n"
                                      "A,0450,99284,2025-06-02,10001,1\nA,0250,,,10001,3\n")  # fmt: skip
    done = runner.invoke(app, ["batch", str(tmp_path / "rev.csv")])
    rows = list(csv.DictReader(done.stdout.splitlines()))
    assert rows[1]["error_kind"] != "report_line" and rows[1]["error"], rows[1]


def test_a_report_s_total_line_with_units_is_a_report_line_not_a_claim(tmp_path: Path) -> None:
    """An Excel trial: a totals row (claim id "Total", the units summed, no code or date) was a malformed code and a
    claim named "Total" in --summary; a line with units and no code or date but no "Total" is still a service line's
    error (a UB-04 revenue-code line)."""
    import json

    source = tmp_path / "report.csv"
    source.write_text("Claim ID,DOS,CPT Code,Units,Zip,Description\nA,2026-08-03,99213,1,10001,\n"
                      "A,2026-08-03,20610,2,10001,\nGrand Total,,,3,,\n,,,4,,Total knee implant system\n")  # fmt: skip
    summary = tmp_path / "s.json"
    result = CliRunner().invoke(app, ["batch", str(source), "--format", "json", "-q", "--summary", str(summary)])
    rows = json.loads(result.stdout)
    assert [row["error_kind"] for row in rows] == ["", "", "report_line", "malformed_code"]
    assert "a report's total line" in rows[2]["error"]
    assert list(json.loads(summary.read_text())["claims"]) == ["A"]


def test_a_one_cell_page_line_is_a_report_line_and_a_short_data_line_still_ragged(tmp_path: Path) -> None:
    """An OB/GYN trial: a report's page line written as one cell ('Page 1 of 2', no commas: the README's own example)
    was a ragged line, and claim A1's 99213 said "the rules ran without line 2 (no code) of this claim"; padded with
    commas it was a report line. One cell or padded, the same: a report line, no part of claim A1. A data line short
    of cells ('A3,99213' in a 6-column file) is still a ragged line, with the file's line number."""
    header = "Claim ID,DOS,CPT Code,Units,Zip,POS\n"
    a1, a2 = "A1,2026-08-03,99213,1,10001,11\n", "A2,2026-08-03,99214,1,10001,11\n"
    out = {}
    for name, page in (("one_cell", "Page 1 of 2\n"), ("padded", "Page 1 of 2,,,,,\n"), ("none", "")):
        (tmp_path / f"{name}.csv").write_text(header + a1 + page + a2 + "A3,99213\n")
        done = runner.invoke(app, ["batch", str(tmp_path / f"{name}.csv")])
        assert done.exit_code == 1, done.output
        out[name] = list(csv.DictReader(done.stdout.splitlines()))
    for name in ("one_cell", "padded"):
        rows = out[name]
        assert [row["error_kind"] for row in rows] == ["", "report_line", "", "ragged_line"], name
        assert rows[1]["error"] == "no code, no date and no units: a report's page, title or total line, not a " \
                                   "service line"  # fmt: skip
        assert rows[3]["error"] == "ragged line 5: 2 fields, the header has 6"
        assert all("rules ran without" not in row["note"] for row in rows), rows[0]["note"]
        # priced as without the page line: the same amounts, the same notes
        assert [(row["allowed"], row["note"]) for row in rows if not row["error"]] == [
            (row["allowed"], row["note"]) for row in out["none"] if not row["error"]
        ]


@pytest.mark.parametrize("cell", ["27447", "99213-25", "G0439", "0308T", "125.50", "$1200.00"])
def test_a_one_cell_line_holding_a_code_or_an_amount_stays_a_ragged_line(tmp_path: Path, cell: str) -> None:
    """A review: '27447' alone on a line (its code landed in the claim column) was read as a report line ("no code,
    no date and no units"); a one-cell line holding a code or a number is a data line cut short: a ragged line."""
    source = tmp_path / "claims.csv"
    source.write_text(f"Claim ID,DOS,CPT Code,Units,Zip,POS\nA1,2026-08-03,99213,1,10001,11\n{cell}\n")
    done = runner.invoke(app, ["batch", str(source)])
    assert done.exit_code == 1, done.output
    rows = list(csv.DictReader(done.stdout.splitlines()))
    assert [row["error_kind"] for row in rows] == ["", "ragged_line"]
    assert rows[1]["error"] == "ragged line 3: 1 fields, the header has 6"


@pytest.mark.parametrize("name", ["Thru Date", "Thru Dt", "Service To Date"])
def test_a_span_end_alone_is_named_as_the_date_column_it_may_be(tmp_path: Path, name: str) -> None:
    """A file whose only date is a span's end ('Thru Date') was priced with the newest release, stderr saying only
    'no date column' (README: a column that looks like a date column is named with the --columns that reads it)."""
    result = batch_text(tmp_path, f"CPT,{name},POS,ZIP\n99213,03/14/2025,11,10001\n")
    assert result.exit_code == 0, result.output
    assert f"no date column read, though {name!r} looks like one" in result.stderr
    assert f"--columns date={name!r}" in result.stderr
    source = tmp_path / "in.csv"
    read = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv"), "--columns", f"date={name}"])
    assert read.exit_code == 0, read.output
    assert "no date column" not in read.stderr
    assert [row["release"] for row in csv.DictReader((tmp_path / "out.csv").open())] == ["2025A"]  # March 2025's


def test_a_service_month_column_is_named_not_read_as_a_day(tmp_path: Path) -> None:
    result = batch_text(tmp_path, "CPT,Service Month,POS,ZIP\n99213,03/2025,11,10001\n")
    assert result.exit_code == 0, result.output
    assert "no date column read, though 'Service Month' looks like one, a month" in result.stderr
    assert "--columns date='Service Month'" in result.stderr and "not a month alone" in result.stderr
