"""Ctrl-C during `rvucalc data refresh` says what state it left (exit 130), not "interrupted" alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.reference import refresh

runner = CliRunner()


@pytest.mark.parametrize("args", [["--from", "rvu26d.zip"], ["--dataset", "pfs"]])
def test_ctrl_c_during_refresh_says_what_is_installed(
    user_root: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(refresh, "refresh_from", interrupted)
    monkeypatch.setattr(refresh, "refresh_catalogue", interrupted)
    result = runner.invoke(app, ["data", "refresh", *args])
    assert result.exit_code == 130
    assert result.stdout == ""
    said = result.stderr
    assert said.startswith("rvucalc: interrupted: the release being installed was not installed"), said
    assert "the next rvucalc command finishes or undoes that" in said and "`rvucalc data status`" in said
    assert "Traceback" not in result.output


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_kill_during_refresh_says_what_is_installed_and_leaves_no_staging(
    user_root: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """`kill` (SIGTERM) mid-install ended the process on the spot: exit 143 with no word on stderr and the staging
    folder left in the data folder. It stops as Ctrl-C does: the message, 128 + the signal, nothing staged left."""
    import os
    import signal

    from rvucalc.paths import data_dir
    from rvucalc.reference.refresh import install

    number = getattr(signal, name)
    reached_the_test: list[int] = []  # without the command's handler the signal lands here, not on pytest
    handler_before = signal.signal(number, lambda got, frame: reached_the_test.append(got))
    commit = install._commit

    def killed_mid_install(*args: object, **kwargs: object) -> object:
        os.kill(os.getpid(), number)  # the file is parsed and staged: what `kill` mid-run meets
        return commit(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(install, "_commit", killed_mid_install)
    clfs_file = data_dir() / "clfs" / "2026" / "PUF_CLFS_CY2026_Q2V1.csv"  # CMS's CLFS file rvucalc ships
    ours = signal.getsignal(number)
    try:
        result = runner.invoke(app, ["data", "refresh", "--from", str(clfs_file), "--force"])
        assert signal.getsignal(number) is ours  # the command's handler is put back
    finally:
        signal.signal(number, handler_before)
    assert not reached_the_test
    assert result.exit_code == 128 + number, result.output
    said = result.stderr
    assert said.startswith("rvucalc: interrupted: the release being installed was not installed"), said
    assert "Traceback" not in result.output
    assert not list(user_root.glob(".staging-*"))
    assert not list(user_root.glob("manifests/*.json"))
