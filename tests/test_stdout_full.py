"""A command whose stdout cannot be written (a full disk; /dev/full as stdout) failed after it started: exit 3 with
one line saying so, as batch's and export's (README's exit codes: "3 the run failed after it started (a full disk,
/dev/full, a read error)"). price, search, localities, zip, modifiers and compare said "unexpected error (OSError:
[Errno 28] No space left on device) ... please report it" and exited 1, the "not found" code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full"),
]


@pytest.mark.parametrize(
    "args",
    [
        ["price", "99213", "--zip", "10001", "--date", "2026-08-03"],
        ["price", "99213", "--zip", "10001", "--date", "2026-08-03", "-f", "json"],
        ["search", "knee arthroscopy"],
        ["compare", "99213", "--from", "2025", "--to", "2026"],
    ],
)
def test_a_full_stdout_is_exit_3_not_an_unexpected_error(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "rvucalc", *args], stdout=full, stderr=subprocess.PIPE,
                              text=True, timeout=120, check=False)  # fmt: skip
    assert done.returncode == 3, done.stderr
    assert "rvucalc: could not write the output: No space left on device" in done.stderr
    assert "unexpected error" not in done.stderr and "Traceback" not in done.stderr
