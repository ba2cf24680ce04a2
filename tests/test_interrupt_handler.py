"""Ctrl-C while `rvucalc` starts exits 130 without a traceback (tests/test_refresh_faults.py: the console script), but
only when rvucalc is the program being run: a trial's web service run with `python -m websvc` imported rvucalc while
``sys.argv[0]`` was still '-m', got rvucalc's handler, and its own ``except KeyboardInterrupt`` shutdown never ran
(it exited 130, 'rvucalc: interrupted')."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}


def _run(args: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=120, cwd=cwd,
                          env={**ENV, "PYTHONPATH": os.pathsep.join([str(cwd or "."), *sys.path])})  # fmt: skip


def test_a_program_run_with_dash_m_that_imports_rvucalc_keeps_its_own_ctrl_c(tmp_path: Path) -> None:
    service = tmp_path / "websvc"
    service.mkdir()
    (service / "__init__.py").write_text("import sys, signal\nimport rvucalc.api\nassert sys.argv[0] == '-m'\n")
    (service / "__main__.py").write_text(
        "import os, signal, sys\n"
        "print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)\n"
        "try:\n    os.kill(os.getpid(), signal.SIGINT)\n    import time; time.sleep(5)\n"
        "except KeyboardInterrupt:\n    print('service: graceful shutdown')\n"
    )
    done = _run(["-m", "websvc"], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "service:", "graceful", "shutdown"] and "rvucalc" not in done.stderr


def test_python_dash_m_rvucalc_catches_ctrl_c_before_the_command_line_loads() -> None:
    """`python -m rvucalc`: rvucalc/__main__.py sets the handler before it imports rvucalc.cli (a stand-in here,
    which reports the handler it finds); a `python -c` import of the package sets none."""
    code = (
        "import runpy, signal, sys, types\n"
        "import rvucalc\n"
        "print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)\n"
        "cli = types.ModuleType('rvucalc.cli')\n"
        "cli.main = lambda: print(signal.getsignal(signal.SIGINT) is rvucalc._interrupted_while_starting)\n"
        "sys.modules['rvucalc.cli'] = cli\n"
        "runpy.run_module('rvucalc', run_name='__main__')\n"
    )
    done = _run(["-c", code])
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True"]
