"""`rvucalc modifiers`, `search` and `compare` with `-f json` / `-f csv` that end with exit 1 write their error on
stdout too, in the shape `price 99999 -f json` writes it (``render_errors``: JSON's ``errors``, each ``line``, ``code``,
``error_kind``, ``error``; a CSV row each): `modifiers ZZ -f json`, `search <nothing found> -f json` and `compare
--from 2024 ... -f json` wrote nothing on stdout. The message stays on stderr; the table writes nothing on stdout."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()


def _said(result: object) -> str:
    """The one message on stderr, without its ``rvucalc: `` prefix."""
    lines = [line for line in result.stderr.splitlines() if line.startswith("rvucalc: ")]  # type: ignore[attr-defined]
    assert len(lines) == 1, lines
    return lines[0].removeprefix("rvucalc: ")


def test_an_unknown_modifier_alone_writes_its_error_object() -> None:
    done = runner.invoke(app, ["modifiers", "ZZ", "-f", "json"])
    assert done.exit_code == 1
    [error] = json.loads(done.stdout)["errors"]
    assert (error["line"], error["code"], error["error_kind"]) == (1, "ZZ", "bad_modifier")
    assert error["error"] == _said(done) and error["error"].startswith("Unknown modifier 'ZZ' (did you mean")
    as_csv = runner.invoke(app, ["modifiers", "ZZ", "YY", "-f", "csv"])
    assert as_csv.exit_code == 1
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert [(row["modifier"], row["error_kind"]) for row in rows] == [("ZZ", "bad_modifier"), ("YY", "bad_modifier")]
    table = runner.invoke(app, ["modifiers", "ZZ"])
    assert table.exit_code == 1 and table.stdout == "" and "Unknown modifier 'ZZ'" in table.stderr


def test_an_unknown_modifier_beside_known_ones_is_in_their_output_once() -> None:
    """`modifiers GP ZZ 59`: GP's and 59's rows, and ZZ's error in its place (JSON's ``errors``; CSV's row between
    them, the modifier in its column), one document on stdout."""
    done = runner.invoke(app, ["modifiers", "GP", "ZZ", "59", "-f", "json"])
    assert done.exit_code == 1
    doc = json.loads(done.stdout)  # one document: errors_in_output adds nothing after it
    assert [row["modifier"] for row in doc["modifiers"]] == ["GP", "59"] and doc["count"] == 2
    assert [(e["line"], e["code"], e["error_kind"]) for e in doc["errors"]] == [(2, "ZZ", "bad_modifier")]
    assert "Listed: GP, 59" in done.stderr
    rows = list(csv.DictReader(io.StringIO(runner.invoke(app, ["modifiers", "GP", "ZZ", "59", "-f", "csv"]).stdout)))
    assert [(row["modifier"], row["error_kind"]) for row in rows] == [("GP", ""), ("ZZ", "bad_modifier"), ("59", "")]
    assert rows[0]["meaning"] and not rows[1]["meaning"]


def test_a_search_that_finds_nothing_writes_its_error_object() -> None:
    for fmt in ("json", "csv"):
        done = runner.invoke(app, ["search", "zzqqxx", "-f", fmt])
        assert done.exit_code == 1
        said = _said(done)
        assert said.startswith("no code or descriptor in PFS 2026C") and "rvucalc price CODE" in said
        if fmt == "json":
            assert json.loads(done.stdout) == {
                "errors": [{"line": None, "code": None, "error_kind": "not_found", "error": said}]
            }
        else:
            assert list(csv.DictReader(io.StringIO(done.stdout))) == [
                {"code": "", "error": said, "error_kind": "not_found"}
            ]
    table = runner.invoke(app, ["search", "zzqqxx"])
    assert table.exit_code == 1 and table.stdout == "" and "no code or descriptor" in table.stderr


@pytest.mark.parametrize(
    ("args", "kind"),
    [
        (["compare", "99213", "--from", "2024", "--to", "2026"], "release_not_installed"),
        (["compare", "99213", "--from", "2025", "--to", "2026", "--zip", "00000"], "unknown_zip"),
    ],
)
def test_compare_writes_its_error_object(args: list[str], kind: str) -> None:
    for fmt in ("json", "csv"):
        done = runner.invoke(app, [*args, "-f", fmt])
        assert done.exit_code == 1
        said = _said(done)
        if fmt == "json":
            assert json.loads(done.stdout) == {"errors": [{"line": None, "code": None, "error_kind": kind,
                                                           "error": said}]}  # fmt: skip
        else:
            assert list(csv.DictReader(io.StringIO(done.stdout))) == [{"code": "", "error": said, "error_kind": kind}]
    assert runner.invoke(app, args).stdout == ""
