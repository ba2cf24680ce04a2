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
