"""Error messages in their reader's words: the Python API names its parameters (``zip_code``),
the command line its flags (``--zip``), batch rows the API's words (its columns carry the same names).

Each message is written once with the option named symbolically (``errors.option``); every case
below makes one mistake through an API entry point and through the CLI, and checks both texts.
"""

from __future__ import annotations

import inspect
import pickle
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from typer.main import get_command
from typer.testing import CliRunner

import rvucalc
from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.cli.flags import FLAGS
from rvucalc.engine import scenario
from rvucalc.errors import RvucalcError, UsageError, cli_only, option, render
from rvucalc.lookup.compare import compare
from rvucalc.lookup.localities import price_everywhere
from rvucalc.lookup.pricer import Pricer, parse_wage_index

SOURCE = Path(__file__).resolve().parents[1] / "src" / "rvucalc"
A_FLAG = re.compile(r"(?<![\w-])--[a-z]")
MARKS = re.compile("[\ue000-\ue003]")
# The CLI function's parameter, where it differs from the API's (the flag is the same option).
CLI_PARAMETER = {"state": "state_code", "date_of_service": "date"}
COMPARE = ["compare", "99213", "--from", "2025", "--to", "2026"]

runner = CliRunner()

Call = Callable[[Pricer], Any]


def _case(label: str, call: Call, parameters: list[str], cli: list[str], flags: list[str], *, same: bool = True) -> Any:
    """``call`` through the API must fail naming ``parameters``; ``cli``, the same mistake on the command
    line, names ``flags`` (``same``: the CLI prints exactly the API's message, in flags)."""
    return pytest.param(call, parameters, cli, flags, same, id=label)


CASES = [
    # rvucalc.price, the one-shot function
    _case("price: zip and locality", lambda p: rvucalc.price("99213", zip_code="10001", locality="1320201"),
          ["zip_code", "locality"], ["price", "99213", "--zip", "10001", "--locality", "1320201"],
          ["--zip", "--locality"]),
    # (both take a provider column's words too, MD, DPM, DC: one reading, lookup.credentials.provider_word)
    _case("price: provider", lambda p: rvucalc.price("99213", provider="rn"),
          ["provider"], ["price", "99213", "--provider", "rn"], ["--provider"]),
    # Pricer.price
    _case("wage index not a number", lambda p: p.price("99213", wage_index="abc"),
          ["wage_index"], ["price", "99213", "--wage-index", "abc"], ["--wage-index"]),
    _case("wage index out of range", lambda p: p.price("99213", wage_index="5"),
          ["wage_index"], ["price", "99213", "--wage-index", "5"], ["--wage-index"]),
    _case("base units without minutes", lambda p: p.price("00100", base_units=5),
          ["base_units", "minutes"], ["price", "00100", "--base-units", "5"], ["--base-units", "--minutes"]),
    _case("base units not a number", lambda p: p.price("00100", base_units="x", minutes=10),
          ["base_units"], ["price", "00100", "--base-units", "x", "--minutes", "10"], ["--base-units"]),
    _case("base units out of range", lambda p: p.price("00100", base_units=500, minutes=10),
          ["base_units", "minutes"], ["price", "00100", "--base-units", "500", "--minutes", "10"],
          ["--base-units", "--minutes"]),
    _case("base units on a code that is not anesthesia", lambda p: p.price("99213", base_units=3, minutes=10),
          ["base_units"], ["price", "99213", "--base-units", "3", "--minutes", "10"], ["--base-units"]),
    _case("qp before 2026", lambda p: p.price("99213", qp=True, year=2025),
          ["qp"], ["price", "99213", "--qp", "--year", "2025"], ["--qp"]),
    _case("conversion factor", lambda p: p.price("99213", conversion_factor="abc"),
          ["conversion_factor"], ["price", "99213", "--conversion-factor", "abc"], ["--conversion-factor"]),
    _case("anesthesia conversion factor", lambda p: p.price("00100", anesthesia_cf="0"),
          ["anesthesia_cf"], ["price", "00100", "--anesthesia-cf", "0"], ["--anesthesia-cf"]),
    _case("percent of Medicare", lambda p: p.price("99213", percent_of_medicare="-5"),
          ["percent_of_medicare"], ["price", "99213", "--percent-of-medicare", "-5"], ["--percent-of-medicare"]),
    _case("state", lambda p: p.price("E0601-RR", state="Cal"),
          ["state"], ["price", "E0601-RR", "--state", "Cal"], ["--state"]),
    _case("a DMEPOS code needs a place", lambda p: p.price("E0601-RR"),
          ["zip_code", "locality", "state"], ["price", "E0601-RR"], ["--zip", "--locality", "--state"]),
    _case("unknown ZIP", lambda p: p.price("99213", zip_code="00000"),
          ["locality"], ["price", "99213", "--zip", "00000"], ["--locality", "rvucalc localities --state XX"]),
    _case("unknown locality", lambda p: p.price("99213", locality="9999999"),
          [], ["price", "99213", "--locality", "9999999"], ["rvucalc localities --state XX"]),
    pytest.param(
        lambda p: p.price("99213", year=2025, date_of_service="2026-03-02"), ["year", "date_of_service"],
        ["price", "99213", "--year", "2025", "--date", "2026-03-02"], ["--year", "--date"], True,
        id="year contradicts the date",
    ),
    _case("units", lambda p: p.price("99213", units=0),
          ["units"], ["price", "99213", "--units", "0"], ["--units"]),
    # Pricer.price_encounter
    _case("encounter: one modifier for several codes", lambda p: p.price_encounter(["99213", "27447"], modifier="50"),
          ["modifier"], ["price", "99213", "27447", "--modifier", "50"], ["--modifier"]),
    _case("encounter: zip and locality",
          lambda p: p.price_encounter(["99213", "27447"], zip_code="10001", locality="1320201"),
          ["zip_code", "locality"], ["price", "99213", "27447", "--zip", "10001", "--locality", "1320201"],
          ["--zip", "--locality"]),
    # Pricer.zip
    _case("zip: unknown ZIP", lambda p: p.zip("00000"),
          ["locality"], ["zip", "00000"], ["--locality", "rvucalc localities --state XX"]),
    # lookup.localities.price_everywhere (rvucalc price CODE --locality all)
    _case("every locality: conversion factor", lambda p: price_everywhere(p, "99213", conversion_factor="abc"),
          ["conversion_factor"], ["price", "99213", "--locality", "all", "--conversion-factor", "abc"],
          ["--conversion-factor"]),
    # lookup.compare.compare
    _case("compare: zip and locality",
          lambda p: compare(p, ["99213"], from_=2025, to=2026, zip_code="10001", locality="1320201"),
          ["zip_code", "locality"], [*COMPARE, "--zip", "10001", "--locality", "1320201"], ["--zip", "--locality"]),
    _case("compare: what", lambda p: compare(p, ["99213"], from_=2025, to=2026, what="dme"),
          ["what"], [*COMPARE, "--what", "dme"], ["--what"]),
    _case("compare: sort", lambda p: compare(p, ["99213"], from_=2025, to=2026, sort="size"),
          ["sort"], [*COMPARE, "--sort", "size"], ["--sort"]),
    _case("compare: codes and all", lambda p: compare(p, ["99213"], from_=2025, to=2026, all_codes=True),
          ["all_codes"], [*COMPARE, "--all"], ["--all"]),
    _case("compare: no codes", lambda p: compare(p, [], from_=2025, to=2026),
          ["all_codes"], ["compare", "--from", "2025", "--to", "2026"], ["--codes FILE", "--all"]),
    _case("compare: conversion factor for ASC",
          lambda p: compare(p, ["99213"], from_=2025, to=2026, what="asc", conversion_factor="30"),
          ["conversion_factor"], [*COMPARE, "--what", "asc", "--conversion-factor", "30"], ["--conversion-factor"]),
    _case("compare: from", lambda p: compare(p, ["99213"], from_=2031, to=2026),
          ["from_"], ["compare", "99213", "--from", "2031", "--to", "2026"], ["--from"]),
    _case("compare: to", lambda p: compare(p, ["99213"], from_=2025, to="2025Z"),
          ["to"], ["compare", "99213", "--from", "2025", "--to", "2025Z"], ["--to"]),
    _case("compare: from later than to", lambda p: compare(p, ["99213"], from_=2026, to=2025),
          ["from_", "to"], ["compare", "99213", "--from", "2026", "--to", "2025"], ["--from", "--to"]),
    # 2025 -> 2026 with qp is 2025's single CF and 2026's QP CF (test_compare.py); two 2025 releases have no QP CF.
    _case("compare: qp before 2026", lambda p: compare(p, [], from_="2025A", to="2025D", all_codes=True, qp=True),
          ["qp", "to"], ["compare", "--all", "--qp", "--from", "2025A", "--to", "2025D"], ["--qp", "--to"]),
    _case("compare: qp before 2026, named codes",
          lambda p: compare(p, ["99213"], from_="2025A", to="2025D", qp=True),
          ["qp", "to"], ["compare", "99213", "--from", "2025A", "--to", "2025D", "--qp"], ["--qp", "--to"]),
    _case("compare: every locality", lambda p: compare(p, ["99213"], from_=2025, to=2026, locality="all"),
          ["locality", "zip_code"], [*COMPARE, "--locality", "all"], ["--locality", "--zip"]),
    _case("compare: ambiguous locality name", lambda p: compare(p, ["99213"], from_=2025, to=2026, locality="SAN"),
          ["locality"], [*COMPARE, "--locality", "SAN"], ["--locality"]),
    _case("compare: locality id of 5 digits", lambda p: compare(p, ["99213"], from_=2025, to=2026, locality="12345"),
          ["locality"], [*COMPARE, "--locality", "12345"], ["--locality"]),
    _case("compare: unknown ZIP, whole schedule",
          lambda p: compare(p, [], from_=2025, to=2026, all_codes=True, zip_code="00000"),
          ["locality"], ["compare", "--all", "--from", "2025", "--to", "2026", "--zip", "00000"], ["--locality"]),
]  # fmt: skip


def _api_error(call: Call, pricer: Pricer) -> RvucalcError:
    with pytest.raises(RvucalcError) as caught:
        call(pricer)
    return caught.value


@pytest.mark.parametrize(("call", "parameters", "cli", "flags", "same"), CASES)
def test_the_api_names_parameters_and_the_cli_flags(
    pricer: Pricer, call: Call, parameters: list[str], cli: list[str], flags: list[str], same: bool
) -> None:
    error = _api_error(call, pricer)
    message = str(error)
    for name in parameters:
        assert re.search(rf"(?<![\w-]){name}(?!\w)", message), (name, message)
    assert not A_FLAG.search(message), message
    assert not MARKS.search(message), message

    done = runner.invoke(app, cli)
    assert done.exit_code == (error.exit_code if same else 2), done.output
    for flag in flags:
        assert flag in done.stderr, (flag, done.stderr)
    assert not MARKS.search(done.stderr), done.stderr
    if same:
        assert done.stderr.strip() == f"rvucalc: {error.render(FLAGS)}"


def test_batch_rows_carry_the_apis_words(pricer: Pricer) -> None:
    """A row's error is the single lookup's text (tests/test_differential.py checks it on 5,000 lines)."""
    lines = [
        {"code": "99213", "zip": "00000", "base_units": "", "minutes": ""},
        {"code": "00100", "zip": "", "base_units": "5", "minutes": ""},
        {"code": "99213", "zip": "", "base_units": "3", "minutes": "10"},
    ]
    table = pa.table({name: [line[name] for line in lines] for name in lines[0]})
    rows = BatchPricer(pricer).price_table(table).to_pylist()
    singles = [
        _api_error(lambda p: p.price("99213", zip_code="00000"), pricer),
        _api_error(lambda p: p.price("00100", base_units="5"), pricer),
        _api_error(lambda p: p.price("99213", base_units="3", minutes=10), pricer),
    ]
    for row, single in zip(rows, singles, strict=True):
        assert row["error"] == str(single) and not A_FLAG.search(row["error"]), row["error"]
    assert "base_units and minutes" in rows[1]["error"]


# -- the table and the markers ---------------------------------------------------------------


def _declared_options() -> set[tuple[str, str]]:
    """(the CLI function's parameter, flag) for every option of every command of the typer app."""
    found: set[tuple[str, str]] = set()
    pending = [get_command(app)]
    while pending:
        command = pending.pop()
        pending += list(getattr(command, "commands", {}).values())
        found |= {(param.name or "", flag) for param in command.params for flag in param.opts if flag.startswith("--")}
    return found


def test_every_flag_in_the_table_is_declared_by_the_cli_for_that_parameter() -> None:
    declared = _declared_options()
    for name, flag in FLAGS.items():
        assert (CLI_PARAMETER.get(name, name), flag) in declared, (name, flag)


def _named_in_messages() -> set[str]:
    """Every parameter a message names: literal ``option("...")`` calls, and the names the parsers
    that take one as an argument are given (their defaults and their callers' literals)."""
    names: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        text = path.read_text()
        names |= set(re.findall(r"\boption\(\s*[\"']([A-Za-z_]+)[\"']\s*\)", text))
        names |= set(re.findall(r"\bresolve_release\([^()]*,\s*[\"']([A-Za-z_]+)[\"']\s*\)", text))
        names |= set(re.findall(r"\bparse_conversion_factor\([^()]*,\s*[\"']([A-Za-z_]+)[\"']", text))
        names |= set(re.findall(r"\b(?:parse|_)wage_index\([^()]*,\s*[\"']([A-Za-z_]+)[\"']", text))
    for parser in (scenario.parse_conversion_factor, scenario.parse_percent, parse_wage_index):
        names.add(inspect.signature(parser).parameters["name"].default)
    return names


def test_the_table_covers_every_parameter_a_message_names() -> None:
    named = _named_in_messages()
    assert {"zip_code", "locality", "wage_index", "anesthesia_cf", "from_", "to"} <= named  # the scan finds them
    assert named - set(FLAGS) == set()


def test_render() -> None:
    text = f"Give {option('zip_code')} or {option('locality')}, not both (rvucalc localities{cli_only(' --state XX')})."
    assert render(text) == "Give zip_code or locality, not both (rvucalc localities)."
    assert render(text, FLAGS) == "Give --zip or --locality, not both (rvucalc localities --state XX)."
    assert render("plain text", FLAGS) == "plain text"
    assert render(option("no_such_option"), FLAGS) == "no_such_option"  # never a raw marker


def test_an_error_keeps_its_symbolic_message() -> None:
    """``str`` is the API's text; the CLI renders the same error with flags, also after pickling (dask)."""
    error = UsageError(f"{option('wage_index')} 'abc' is not a number.")
    assert str(error) == "wage_index 'abc' is not a number."
    assert repr(error) == "UsageError(\"wage_index 'abc' is not a number.\")"
    assert error.render(FLAGS) == "--wage-index 'abc' is not a number."
    copy = pickle.loads(pickle.dumps(error))
    assert (str(copy), copy.render(FLAGS), copy.kind) == (str(error), error.render(FLAGS), error.kind)


@pytest.mark.parametrize(
    ("keyword", "value", "plain"),
    [("conversion_factor", "1e3", "1000"), ("percent_of_medicare", "1.1e2", "110"), ("wage_index", "1e0", "1"),
     ("anesthesia_cf", "2_000", "2000")],
)  # fmt: skip
def test_the_api_refuses_numbers_in_exponent_notation_as_the_cli_does(
    pricer: Any, keyword: str, value: str, plain: str
) -> None:
    from rvucalc.errors import UsageError

    with pytest.raises(UsageError, match=rf"{keyword} '{value}': write the number plainly \({plain}\)"):
        pricer.price("99213", zip_code="10001", **{keyword: value})
