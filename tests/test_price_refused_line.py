"""`rvucalc price A B C` with one line refused for its modifier (a general-surgery trial: `price 44140 47562-51
36475-80 --zip 30309 --date 2026-08-10 --setting 21 -f json` exited 1 with nothing on stdout, in every format, and
only "36475-80 is not allowed: assistant indicator 1" on stderr, where batch priced the other two lines, $1,621.06,
and errored the 36475-80 row). README, "Exit codes" (1): an encounter's known lines are shown in every format. A line
refused for its modifier (``PolicyRefusal``, ``ModifierNotApplicable``: ``lookup.pricer.RefusedLineError``; a 26 or TC
row CMS does not publish: ``MissingRowLineError``) is such a line, as an unknown or a denied one
(``test_price_unknown_line``): the encounter of the others priced as batch prices the claim, the refused line's error
on stderr and in the output (JSON's ``errors``, a CSV row with batch's ``error`` and ``error_kind``), exit 1."""

from __future__ import annotations

import csv
import io
import json
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine.modifiers import ModifierNotApplicable
from rvucalc.engine.policy import PolicyRefusal
from rvucalc.errors import ErrorKind
from rvucalc.lookup.pricer import Pricer
from test_batch_provider_column import _cms_fee

runner = CliRunner()

TRIAL = ["44140", "47562-51", "36475-80"]
TRIAL_PLACE = ["--zip", "30309", "--date", "2026-08-10", "--setting", "21"]
OFFICE_PLACE = ["--zip", "10001", "--date", "2026-08-10", "--setting", "11"]
CENT = Decimal("0.01")


def _money(value: Any) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value)).quantize(CENT)


def _batch(pricer: Pricer, codes: list[str], place: list[str]) -> list[dict[str, Any]]:
    """The encounter as one claim of batch, at the command's ZIP, date and place of service."""
    given = dict(zip(place[::2], place[1::2], strict=True))
    rows = [{"claim": "A", "code": code, "zip": given["--zip"], "date": given["--date"], "setting": given["--setting"]}
            for code in codes]  # fmt: skip
    out: list[dict[str, Any]] = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    return out


def test_the_trial_s_encounter_is_priced_without_the_refused_assistant_line_in_every_format(pricer: Pricer) -> None:
    """44140 at its CMS PFS facility amount (RVU26C and the Atlanta GPCIs), 47562-51 at 50% of its own (ranked second:
    the multiple procedure rule, Claims Processing Manual ch. 12 §40.6.B), $1,621.06 together; 36475 has assistant
    indicator 1 (no assistant at surgery paid), so 36475-80 is the line's error, kind policy_refused. Exit 1."""
    first = _cms_fee(pricer, "44140", "30309", 2026)["facility"]
    second = (_cms_fee(pricer, "47562", "30309", 2026)["facility"] / 2).quantize(CENT, rounding=ROUND_HALF_UP)
    assert first + second == Decimal("1621.06")  # the trial's batch total
    given = ["price", *TRIAL, *TRIAL_PLACE]
    result = runner.invoke(app, [*given, "-f", "json"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert [line["code"] for line in data["lines"]] == ["44140", "47562"]
    assert [_money(line["sites"][0]["allowed"]) for line in data["lines"]] == [first, second]
    assert _money(data["totals"]["facility"]["total"]) == first + second
    [error] = data["errors"]
    assert (error["line"], error["code"], error["error_kind"]) == (3, "36475-80", "policy_refused")
    assert "assistant indicator 1" in error["error"]
    assert "line 3 (36475-80)" in result.stderr and "The encounter is priced without it" in result.stderr
    # CSV: a row per line, the refused one in its place with its error.
    result = runner.invoke(app, [*given, "-f", "csv"])
    assert result.exit_code == 1
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(row["code"], row["error_kind"]) for row in rows] == [
        ("44140", ""), ("47562", ""), ("36475-80", "policy_refused")
    ]  # fmt: skip
    assert [_money(row["site_facility_total"]) for row in rows[:2]] == [first, second]
    # The table: the two lines' encounter, the error on stderr.
    result = runner.invoke(app, given)
    assert result.exit_code == 1 and f"${first + second:,}" in result.stdout
    # the refused line is listed apart, below the priced lines (a chiropractor trial: a redirected table lost it)
    priced, _, apart = result.stdout.partition("Lines not priced")
    assert "36475" not in priced and "36475-80" in apart
    assert "line 3 (36475-80)" in result.stderr and "The encounter is priced without it." in result.stderr
    # Batch: the same money for the other lines, the same error on the refused row.
    out = _batch(pricer, TRIAL, TRIAL_PLACE)
    assert [_money(row["allowed"]) for row in out] == [first, second, None]
    assert (out[2]["error_kind"], out[2]["error"]) == ("policy_refused", error["error"])


# (codes, place, the refused line (from 1), its kind): a line refused for its modifier beside lines that are paid.
REFUSED = [
    (["44140", "47562-66"], TRIAL_PLACE, 2, "policy_refused"),  # team surgery indicator 0
    (["99213", "99214-CQ"], OFFICE_PLACE, 2, "policy_refused"),  # CQ on a code that is not therapy
    (["99213", "A4253-NU-KJ"], OFFICE_PLACE, 2, "policy_refused"),  # KJ on an item that is not a capped rental
    (["80053-RR", "99213"], OFFICE_PLACE, 1, "policy_refused"),  # a DMEPOS row modifier on a lab test
    (["99213", "99214-TC"], OFFICE_PLACE, 2, "no_such_row"),  # no TC row (PC/TC indicator 0)
    (["99213-CQ", "G2211", "20610"], OFFICE_PLACE, 1, "policy_refused"),  # G2211 then has no visit, as in batch
]


@pytest.mark.parametrize(("codes", "place", "refused", "kind"), REFUSED)
def test_a_refused_line_is_the_line_s_error_and_the_others_are_priced_as_batch_prices_them(
    pricer: Pricer, codes: list[str], place: list[str], refused: int, kind: str
) -> None:
    result = runner.invoke(app, ["price", *codes, *place, "-f", "json"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    out = _batch(pricer, codes, place)
    [error] = data["errors"]
    assert (error["line"], error["code"], error["error_kind"]) == (refused, codes[refused - 1], kind)
    assert (out[refused - 1]["error_kind"], out[refused - 1]["error"]) == (kind, error["error"])
    kept = [row for number, row in enumerate(out, 1) if number != refused]
    assert [row["error"] for row in kept] == [""] * len(kept)
    assert len(data["lines"]) == len(kept)
    for line, row in zip(data["lines"], kept, strict=True):
        assert _money(line["sites"][0]["allowed"]) == _money(row["allowed"]), line["code"]
    total = next(iter(data["totals"].values()))["allowed"]
    assert _money(total) == sum((_money(row["allowed"]) or Decimal(0) for row in kept), Decimal(0))
    if "99213" in codes:  # CMS's own fee for the visit (RVU26C, the Manhattan GPCIs)
        visit = next(line for line in data["lines"] if line["code"] == "99213")
        assert _money(visit["sites"][0]["allowed"]) == _cms_fee(pricer, "99213", "10001", 2026)["non_facility"]


def test_a_refused_code_alone_keeps_its_error_alone_and_its_class(pricer: Pricer) -> None:
    """Nothing else to price: the refusal on stderr, exit 1, the table's stdout empty, JSON's and CSV's the refusal's
    error object alone; the API still raises the refusal it did (``PolicyRefusal``, ``ModifierNotApplicable``), its
    kind policy_refused."""
    for fmt in ("table", "json", "csv"):
        result = runner.invoke(app, ["price", "36475-80", *TRIAL_PLACE, "-f", fmt])
        assert result.exit_code == 1 and "assistant indicator 1" in result.stderr
        assert not result.stdout.strip() if fmt == "table" else "policy_refused" in result.stdout
    with pytest.raises(PolicyRefusal) as refused:
        pricer.price("36475-80", zip_code="30309", date_of_service="2026-08-10")
    assert refused.value.kind is ErrorKind.POLICY_REFUSED
    with pytest.raises(ModifierNotApplicable) as refused_too:
        pricer.price_encounter(["99213", "99214-CQ"], zip_code="10001", date_of_service="2026-08-10")
    assert refused_too.value.kind is ErrorKind.POLICY_REFUSED and "therapy" in str(refused_too.value)
