"""`rvucalc price -f json` / `-f csv` that prices nothing (exit 1) writes its error on stdout too, in the shape a
priced encounter gives an unknown line's error (JSON's ``errors``: ``line``, ``code``, ``error_kind``, ``error``; a
CSV row with ``code``, ``error``, ``error_kind``): `price 99999 -f json` wrote nothing while `price 99213 99999 -f json`
wrote the error object. The message stays on stderr; usage errors (exit 2) write nothing on stdout; the table
neither."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.cli.flags import FLAGS
from rvucalc.errors import RvucalcError
from rvucalc.lookup.pricer import Pricer

runner = CliRunner()


def _core_error(codes: list[str], **options: str) -> RvucalcError:
    """The error the API raises for the request: the CLI's words of it are what the output must carry."""
    with pytest.raises(RvucalcError) as raised:
        Pricer().price_encounter(codes, **options)
    return raised.value


def test_one_unknown_code_writes_the_error_object_a_mixed_encounter_writes() -> None:
    mixed = runner.invoke(app, ["price", "99213", "99999", "-f", "json"])
    assert mixed.exit_code == 1
    [beside] = json.loads(mixed.stdout)["errors"]
    alone = runner.invoke(app, ["price", "99999", "-f", "json"])
    assert alone.exit_code == 1
    error = _core_error(["99999"])
    assert json.loads(alone.stdout) == {
        "errors": [{"line": 1, "code": "99999", "error_kind": "unknown_code", "error": error.render(FLAGS)}]
    }
    assert set(json.loads(alone.stdout)["errors"][0]) == set(beside)
    assert beside["error"] == json.loads(alone.stdout)["errors"][0]["error"]
    assert f"rvucalc: {error.render(FLAGS)}" in alone.stderr  # the message kept on stderr
    table = list(csv.DictReader(io.StringIO(runner.invoke(app, ["price", "99999", "-f", "csv"]).stdout)))
    assert table == [{"code": "99999", "error": error.render(FLAGS), "error_kind": "unknown_code"}]
    shown = runner.invoke(app, ["price", "99999"])
    assert shown.exit_code == 1 and shown.stdout == ""


def test_every_line_refused_writes_each_line_s_error() -> None:
    """No code left to price (`price 99999 99998`): each line's error object, numbered as the codes were given."""
    result = runner.invoke(app, ["price", "99999", "99998", "-f", "json"])
    assert result.exit_code == 1
    assert [(e["line"], e["code"], e["error_kind"]) for e in json.loads(result.stdout)["errors"]] == [
        (1, "99999", "unknown_code"), (2, "99998", "unknown_code")
    ]  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(runner.invoke(app, ["price", "99999", "99998", "-f", "csv"]).stdout)))
    assert [(row["code"], row["error_kind"]) for row in rows] == [("99999", "unknown_code"), ("99998", "unknown_code")]


@pytest.mark.parametrize(
    ("flags", "options", "kind"),
    [
        (["--zip", "00000"], {"zip_code": "00000"}, "unknown_zip"),
        (["--year", "2024"], {"year": "2024"}, "release_not_installed"),
    ],
)
def test_an_error_of_no_line_is_one_error_object(flags: list[str], options: dict[str, str], kind: str) -> None:
    error = _core_error(["99213"], **options)
    assert error.kind.value == kind
    result = runner.invoke(app, ["price", "99213", *flags, "-f", "json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "errors": [{"line": None, "code": None, "error_kind": kind, "error": error.render(FLAGS)}]
    }
    assert f"rvucalc: {error.render(FLAGS)}" in result.stderr
    result = runner.invoke(app, ["price", "99213", *flags, "-f", "csv"])
    assert result.exit_code == 1
    assert list(csv.DictReader(io.StringIO(result.stdout))) == [
        {"code": "", "error": error.render(FLAGS), "error_kind": kind}
    ]


@pytest.mark.parametrize("flags", [["--zip", "1234"], ["--date", "2025-13-01"], ["-m", ""]])
def test_usage_errors_keep_stdout_empty(flags: list[str]) -> None:
    result = runner.invoke(app, ["price", "99213", *flags, "-f", "json"])
    assert result.exit_code == 2 and result.stdout == "", result.output


@pytest.mark.parametrize(
    ("args", "kind"),
    [(["zip", "00000"], "unknown_zip"), (["localities", "--state", "NY", "--year", "2024"], "release_not_installed")],
)
def test_zip_and_localities_write_their_error_object_too(args: list[str], kind: str) -> None:
    """The same gap in the commands beside price: `zip 00000 -f json` wrote nothing on stdout."""
    for fmt in ("json", "csv"):
        result = runner.invoke(app, [*args, "-f", fmt])
        assert result.exit_code == 1 and result.stderr.startswith("rvucalc: ")
        said = result.stderr.removeprefix("rvucalc: ").strip()
        if fmt == "json":
            assert json.loads(result.stdout) == {"errors": [{"line": None, "code": None, "error_kind": kind,
                                                             "error": said}]}  # fmt: skip
        else:
            assert list(csv.DictReader(io.StringIO(result.stdout))) == [{"code": "", "error": said, "error_kind": kind}]
    assert runner.invoke(app, args).stdout == ""
