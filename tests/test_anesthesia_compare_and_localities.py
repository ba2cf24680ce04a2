"""Anesthesia outside `price`: `compare` and the table of every locality.

Both were refused or blank for an anesthesia code: `compare 00790` showed "not payable" cells, and `price 00790
--base-units 7 --minutes 60 --locality all` was refused ("they do not apply --base-units, --minutes"), though the
anesthesia CF is set per locality (CMS's ANES file), so "where does this case pay most" is a table.

The money is CMS's: (base units + minutes / 15 to one decimal) x the anesthesia CF the ANES file publishes for the
locality (national: the CF its header gives), rounded once (Claims Processing Manual ch. 12 §50). The CFs are read
here from the shipped CMS files themselves.
"""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import TESTS

ANES = {
    2025: TESTS.parent / "data" / "rvu" / "2025" / "ANES2025.csv",  # CMS's ANES2025
    2026: TESTS.parent / "data" / "rvu" / "2026" / "ref_anes_conversion_factor.csv",  # CMS's ANES2026 (RVU26A)
}
MANHATTAN = "1320201"
BASE_UNITS, MINUTES = 7, 60  # 00790: 4.0 time units


def cms_anesthesia_cfs(year: int) -> tuple[Decimal, dict[str, Decimal]]:
    """The national anesthesia CF (the file's header) and each locality's (contractor + locality), non-QP."""
    with Path(ANES[year]).open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    header = rows[0][-1]  # 2025: "National Anes CF of 20.3178"; 2026: the non-QP column, last
    national = Decimal(header.split(" of ")[-1].strip())
    return national, {row[0].strip() + row[1].strip(): Decimal(row[-1].strip()) for row in rows[1:] if row[0].strip()}


def amount(base: int, minutes: int, cf: Decimal) -> Decimal:
    tenths = (Decimal(minutes * 10) / 15).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return ((base + tenths / 10) * cf).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def run(*args: str):  # type: ignore[no-untyped-def]
    from rvucalc.cli import app

    return CliRunner().invoke(app, list(args))


# -- compare -----------------------------------------------------------------------------------


@pytest.mark.parametrize("place", [("--zip", "10001"), ("--locality", MANHATTAN), ()])
def test_compare_prices_an_anesthesia_code_with_its_units_in_each_release(isolated_cache, place) -> None:  # type: ignore[no-untyped-def]
    result = run("compare", "00790", "--from", "2025", "--to", "2026", *place, "--base-units", str(BASE_UNITS),
                 "--minutes", str(MINUTES), "-f", "json")  # fmt: skip
    assert result.exit_code == 0, result.output
    [change] = json.loads(result.stdout)["codes"]
    cfs = []
    for year in (2025, 2026):
        national, localities = cms_anesthesia_cfs(year)
        cfs.append(localities[MANHATTAN] if place else national)
    before, after = (amount(BASE_UNITS, MINUTES, cf) for cf in cfs)
    assert change["change"] == "changed" and change["not_comparable_reason"] is None
    for setting in ("non_facility", "facility"):
        money = change["amounts"][setting]
        assert (Decimal(str(money["before"])), Decimal(str(money["after"]))) == (before, after)
        assert Decimal(str(money["difference"])) == after - before
        # The units are the same in both releases: the change is the anesthesia CF's.
        assert Decimal(str(money["from_conversion_factor"])) == after - before
        assert money["from_rvu"] is None and money["from_gpci"] is None
    [moved] = change["components"]
    assert moved["component"] == "anesthesia_conversion_factor"
    assert (Decimal(str(moved["before"])), Decimal(str(moved["after"]))) == tuple(cfs)


def test_compare_takes_units_once_or_once_per_anesthesia_code(isolated_cache) -> None:  # type: ignore[no-untyped-def]
    """00790 at 7 base units and 00840 at 6 (CMS's base units), 99213 between them taking none; QK pays 50%."""
    result = run("compare", "00790", "99213", "00840", "00790-QK", "--from", "2025", "--to", "2026", "--locality",
                 MANHATTAN, "--base-units", "7", "--base-units", "6", "--base-units", "7", "--minutes", "60",
                 "-f", "json")  # fmt: skip
    assert result.exit_code == 0, result.output
    codes = {(c["code"], c["modifier"]): c for c in json.loads(result.stdout)["codes"]}
    cf = cms_anesthesia_cfs(2026)[1][MANHATTAN]
    assert Decimal(str(codes[("00790", None)]["amounts"]["facility"]["after"])) == amount(7, 60, cf)
    assert Decimal(str(codes[("00840", None)]["amounts"]["facility"]["after"])) == amount(6, 60, cf)
    half = (amount(7, 60, cf) / 2).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert Decimal(str(codes[("00790", "QK")]["amounts"]["facility"]["after"])) == half
    assert codes[("99213", None)]["change"] == "changed"  # priced as before


def test_compare_without_units_says_so_and_shows_the_anesthesia_cf_moving(isolated_cache) -> None:  # type: ignore[no-untyped-def]
    """Not "not payable" (it is paid): the cells say the amount needs its units; the anesthesia CF (a unit's amount)
    is shown moving, CMS's Manhattan $22.76 -> $22.81."""
    table = run("compare", "00790", "--from", "2025", "--to", "2026", "--zip", "10001")
    assert table.exit_code == 0, table.output
    [row] = [line for line in table.stdout.splitlines() if "00790" in line]
    assert "not payable" not in row and row.count("needs units") == 4
    result = run("compare", "00790", "--from", "2025", "--to", "2026", "--zip", "10001", "-f", "json")
    [change] = json.loads(result.stdout)["codes"]
    assert change["change"] == "not_comparable"
    assert "rvucalc compare CODE --base-units N --minutes M" in change["not_comparable_reason"]
    [moved] = change["components"]
    cfs = [cms_anesthesia_cfs(year)[1][MANHATTAN] for year in (2025, 2026)]
    assert moved["component"] == "anesthesia_conversion_factor"
    assert [Decimal(str(moved["before"])), Decimal(str(moved["after"]))] == cfs


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("99213", "--minutes", "60"), "--minutes is for anesthesia codes (status J); 99213 is not one."),
        (("--all", "--base-units", "7", "--minutes", "60"), "name the anesthesia codes instead"),
        (("00790", "--what", "asc", "--minutes", "60"), "not ASC rates"),
        (("00790", "--minutes", "60"), "Anesthesia needs both --base-units and --minutes"),
        (
            ("00790", "00840", "--base-units", "7", "--base-units", "6", "--base-units", "5", "--minutes", "60"),
            "--base-units was given 3 times for 2 anesthesia codes",
        ),
    ],
)
def test_compare_units_misused_are_usage_errors(isolated_cache, args: tuple[str, ...], words: str) -> None:  # type: ignore[no-untyped-def]
    result = run("compare", *args, "--from", "2025", "--to", "2026")
    assert result.exit_code == 2 and result.stdout == "" and words in result.stderr, result.output


# -- every locality -------------------------------------------------------------------------------


def test_every_locality_prices_an_anesthesia_case_with_its_own_anesthesia_cf(isolated_cache) -> None:  # type: ignore[no-untyped-def]
    result = run("price", "00790", "--base-units", str(BASE_UNITS), "--minutes", str(MINUTES), "--locality", "all",
                 "-f", "json")  # fmt: skip
    assert result.exit_code == 0, result.output
    table = json.loads(result.stdout)
    national, localities = cms_anesthesia_cfs(2026)
    assert len(table["localities"]) == len(localities) == 109
    assert Decimal(str(table["national"]["pfs"]["facility"]["amount"])) == amount(BASE_UNITS, MINUTES, national)
    for entry in table["localities"]:
        cf = localities[entry["locality"]]
        assert Decimal(str(entry["anesthesia_conversion_factor"])) == cf
        for setting in ("non_facility", "facility"):
            assert Decimal(str(entry["pfs"][setting]["amount"])) == amount(BASE_UNITS, MINUTES, cf), entry["locality"]
    highest = max(localities, key=lambda locality: localities[locality])
    assert table["localities"][0]["locality"] == highest  # "where does this case pay most": first
    assert table["anesthesia"]["base_units"] == BASE_UNITS and table["anesthesia"]["minutes"] == MINUTES
    assert not any("no PFS amount" in note for note in table["notes"])


def test_every_locality_of_a_state_table_and_csv_show_the_anesthesia_cf(isolated_cache) -> None:  # type: ignore[no-untyped-def]
    manhattan = cms_anesthesia_cfs(2026)[1][MANHATTAN]
    table = run("price", "00790", "--base-units", "7", "--minutes", "60", "--state", "NY")
    assert table.exit_code == 0, table.output
    assert "Anes CF" in table.stdout and f"${manhattan}" in table.stdout and "RVUs work" not in table.stdout
    assert f"${amount(7, 60, manhattan):,}" in table.stdout
    rows = list(csv.DictReader(run("price", "00790", "--base-units", "7", "--minutes", "60", "--state", "NY",
                                   "-f", "csv").stdout.splitlines()))  # fmt: skip
    row = next(row for row in rows if row["locality"] == MANHATTAN)
    assert Decimal(row["anesthesia_conversion_factor"]) == manhattan
    assert Decimal(row["facility_amount"]) == amount(7, 60, manhattan)


def test_every_locality_is_the_single_lookup(pricer) -> None:  # type: ignore[no-untyped-def]
    from rvucalc.lookup.localities import price_everywhere

    table = price_everywhere(pricer, "00790", modifier="QK", base_units=7, minutes=95, state="CA")
    for entry in table.localities:
        single = pricer.price("00790-QK", base_units=7, minutes=95, locality=entry.locality)
        assert entry.pfs.facility == single.pfs.facility and entry.pfs.non_facility == single.pfs.non_facility


def test_every_locality_still_refuses_what_it_does_not_apply(isolated_cache) -> None:  # type: ignore[no-untyped-def]
    result = run("price", "00790", "--base-units", "7", "--minutes", "60", "--locality", "all", "--units", "2")
    assert result.exit_code == 2 and "they do not apply --units" in result.stderr
    other = run("price", "99213", "--minutes", "60", "--locality", "all")
    assert other.exit_code == 2 and "--minutes is for anesthesia codes (status J)" in other.stderr


def test_every_locality_says_a_what_if_pfs_cf_prices_no_anesthesia_line(isolated_cache) -> None:  # type: ignore[no-untyped-def]
    """A review: `price 00790 ... --state NY --conversion-factor 30` printed the what-if banner over CMS's anesthesia
    amounts. As at one place: the note on stderr, no what-if label, CMS's amounts (each locality's anesthesia CF)."""
    note = "note: --conversion-factor is the PFS's: anesthesia lines are priced with the anesthesia CF"
    args = ("price", "00790", "--base-units", "7", "--minutes", "60", "--conversion-factor", "30")
    one = run(*args, "--locality", MANHATTAN)
    assert one.exit_code == 0 and note in one.stderr  # as it was
    manhattan = cms_anesthesia_cfs(2026)[1][MANHATTAN]
    table = run(*args, "--state", "NY")
    assert table.exit_code == 0, table.output
    assert note in table.stderr and "what-if" not in table.stdout and "SCENARIO" not in table.stdout
    assert f"${amount(7, 60, manhattan):,}" in table.stdout
    doc = json.loads(run(*args, "--state", "NY", "-f", "json").stdout)
    assert doc["scenario"] is None
    entry = next(entry for entry in doc["localities"] if entry["locality"] == MANHATTAN)
    assert Decimal(str(entry["pfs"]["facility"]["amount"])) == amount(7, 60, manhattan)
    # A code the what-if CF prices keeps its label.
    other = json.loads(run("price", "99213", "--state", "NY", "--conversion-factor", "30", "-f", "json").stdout)
    assert other["scenario"] == "what-if, not a CMS rate: conversion factor $30 given by the user"


def test_compare_says_an_ad_lines_units_are_not_used(isolated_cache) -> None:  # type: ignore[no-untyped-def]
    """A review: `compare 00790-AD --base-units 7 --minutes 60` ignored the units in silence (AD: 3 base units, no time
    units, Claims Processing Manual ch. 12 §50.D); `price` says "its base units 7 and minutes 60 are not used"."""
    result = run("compare", "00790-AD", "--from", "2025", "--to", "2026", "--base-units", "7", "--minutes", "60",
                 "-f", "json")  # fmt: skip
    assert result.exit_code == 0, result.output
    said = "its base units 7 and minutes 60 are not used"
    assert said in result.stderr and any(said in warning for warning in json.loads(result.stdout)["warnings"])
    [change] = json.loads(result.stdout)["codes"]
    cfs = [cms_anesthesia_cfs(year)[0] for year in (2025, 2026)]
    money = change["amounts"]["facility"]
    assert (Decimal(str(money["before"])), Decimal(str(money["after"]))) == tuple(amount(3, 0, cf) for cf in cfs)
    # Without units: nothing to say.
    assert "not used" not in run("compare", "00790-AD", "--from", "2025", "--to", "2026").stderr


CHICAGO = "0610216"


def test_compare_medical_direction_leaves_the_rules_part_zero_when_the_rule_is_unchanged(isolated_cache) -> None:  # type: ignore[no-untyped-def]
    """00811-QK (4 base units, 30 minutes: 2.0 time units) in Chicago: QK pays 50% in both years (Claims Processing
    Manual ch. 12 §50), so the whole change is the anesthesia CF's (50% of its move), the rules part $0.00. A trial
    read "anesthesia CF +$3.18, rules -$1.59" (the full fee's CF move with the 50% not paid put on the rules)."""
    result = run("compare", "00811-QK", "--base-units", "4", "--minutes", "30", "--from", "2025", "--to", "2026",
                 "--zip", "60611", "-f", "json")  # fmt: skip
    assert result.exit_code == 0, result.output
    [change] = json.loads(result.stdout)["codes"]
    before, after = ((amount(4, 30, cms_anesthesia_cfs(year)[1][CHICAGO]) / 2).quantize(Decimal("0.01"),
                     rounding=ROUND_HALF_UP) for year in (2025, 2026))  # fmt: skip
    for setting in ("non_facility", "facility"):
        money = change["amounts"][setting]
        assert (Decimal(str(money["before"])), Decimal(str(money["after"]))) == (before, after)
        assert Decimal(str(money["from_conversion_factor"])) == after - before
        assert Decimal(str(money["from_other"])) == 0
    table = run("compare", "00811-QK", "--base-units", "4", "--minutes", "30", "--from", "2025", "--to", "2026",
                "--zip", "60611")  # fmt: skip
    said = " ".join(table.output.replace("│", " ").split())
    assert f"anesthesia CF +${after - before}" in said and "rules -$" not in said, said
