"""One code in every locality: CMS's own payment files, the single lookup, locality resolution."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from decimal import Decimal

import pyarrow as pa
import pytest

from rvucalc.cli.compare_cmd import all_localities_csv_rows, bar, render_all_localities
from rvucalc.cli.render import OutputFormat, to_json
from rvucalc.errors import NotFoundError, UsageError
from rvucalc.lookup.localities import price_everywhere, resolve_locality
from test_cms_payment_files import ALL_ROWS

JANUARY_2025 = dt.date(2025, 1, 15)

# One code per kind of row: status A not priced in the office (NA), status A priced in
# both settings, status C (carrier-priced), and the professional / technical component rows.
KINDS = {
    "A, office NA": ("22590", None),
    "A, both settings": ("99213", None),
    "C, carrier-priced": ("0075T", None),
    "26 row": ("71046", "26"),
    "TC row (facility NA)": ("71046", "TC"),
}


@pytest.fixture(scope="module")
def everywhere(pricer):  # type: ignore[no-untyped-def]
    return {kind: price_everywhere(pricer, code, modifier=mod) for kind, (code, mod) in KINDS.items()}


def test_all_109_localities_and_national(everywhere) -> None:  # type: ignore[no-untyped-def]
    for result in everywhere.values():
        assert len(result.localities) == 109
        assert len({entry.locality for entry in result.localities}) == 109
        assert result.national.locality == "0000000" and result.national.gpci.work == Decimal("1.000")


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_locality_equals_the_single_lookup(pricer, everywhere, kind: str) -> None:  # type: ignore[no-untyped-def]
    code, modifier = KINDS[kind]
    result = everywhere[kind]
    national = pricer.price(code, modifier=modifier)
    assert result.national.pfs.facility == national.pfs.facility
    assert result.national.pfs.non_facility == national.pfs.non_facility
    for entry in result.localities:
        single = pricer.price(code, modifier=modifier, locality=entry.locality)
        assert (entry.name, entry.state, entry.gpci) == (single.location.name, single.location.state, single.pfs.gpci)
        for setting in ("facility", "non_facility"):
            assert getattr(entry.pfs, setting) == getattr(single.pfs, setting), (kind, entry.locality, setting)
            national_amount = getattr(national.pfs, setting).amount
            here = getattr(single.pfs, setting)
            difference = getattr(entry.difference_from_national, setting)
            if here.payable:
                assert difference == here.amount - national_amount
            else:
                assert difference is None


def test_every_locality_reproduces_cms_payment_files(pricer) -> None:  # type: ignore[no-untyped-def]
    """PFREV4 carries CMS's 2025A amounts for 50688, 76145, 76813(-TC), 76814(-26/-TC) in all 109 localities."""
    wanted = {(row["hcpcs"], row["modifier"]) for name, row in ALL_ROWS if name == "PFREV4.txt"}
    for code, modifier in sorted(wanted):
        result = price_everywhere(pricer, code, modifier=modifier or None, date_of_service=JANUARY_2025)
        assert result.release == "2025A"
        by_locality = {entry.locality: entry for entry in result.localities}
        rows = [r for n, r in ALL_ROWS if n == "PFREV4.txt" and (r["hcpcs"], r["modifier"]) == (code, modifier)]
        assert {r["carrier"] + r["locality"] for r in rows} == set(by_locality)
        for row in rows:
            pfs = by_locality[row["carrier"] + row["locality"]].pfs
            # Where a setting is NA, CMS's file repeats the other setting's amount there.
            office = pfs.non_facility.amount if pfs.non_facility.payable else pfs.facility.amount
            facility = pfs.facility.amount if pfs.facility.payable else pfs.non_facility.amount
            assert (office, facility) == (Decimal(row["non_facility"]), Decimal(row["facility"])), row


def test_office_na_is_not_priced_anywhere_and_sorts_by_facility(everywhere) -> None:  # type: ignore[no-untyped-def]
    result = everywhere["A, office NA"]
    assert result.sorted_by == "facility"
    assert all(not entry.pfs.non_facility.payable and entry.pfs.non_facility.amount is None
               for entry in result.localities)  # fmt: skip
    assert all("NA" in (entry.pfs.non_facility.reason or "") for entry in result.localities)
    amounts = [entry.pfs.facility.amount for entry in result.localities]
    assert amounts == sorted(amounts, reverse=True)  # type: ignore[type-var]
    assert result.summary["non_facility"].payable_localities == 0


def test_carrier_priced_code_is_never_zero_dollars(everywhere) -> None:  # type: ignore[no-untyped-def]
    result = everywhere["C, carrier-priced"]
    assert result.status == "C"
    for entry in [result.national, *result.localities]:
        for setting in (entry.pfs.facility, entry.pfs.non_facility):
            assert not setting.payable and setting.amount is None and setting.reason
    assert result.summary["facility"].payable_localities == 0
    assert result.summary["facility"].minimum is None
    assert any("no PFS amount in any locality" in note for note in result.notes)
    table = io.StringIO()
    render_all_localities(result, OutputFormat.table, table)
    assert "$0.00" not in table.getvalue() and "not payable" in table.getvalue()


def test_min_median_max_by_hand(everywhere) -> None:  # type: ignore[no-untyped-def]
    result = everywhere["A, both settings"]
    for setting in ("facility", "non_facility"):
        amounts = sorted(getattr(entry.pfs, setting).amount for entry in result.localities)
        spread = result.summary[setting]
        assert spread.payable_localities == 109
        assert (spread.minimum, spread.median, spread.maximum) == (amounts[0], amounts[54], amounts[-1])
    ny = [e for e in result.localities if e.state == "NY"]
    assert len(ny) == 5


def test_even_count_median_is_the_mean_of_the_middle_two_rounded_half_up(pricer) -> None:  # type: ignore[no-untyped-def]
    result = price_everywhere(pricer, "99213", state="NY")  # 5 localities
    ids = [e.locality for e in result.localities][:4]
    four = price_everywhere(pricer, "99213", localities=ids)
    values = sorted(e.pfs.non_facility.amount for e in four.localities)
    exact = (values[1] + values[2]) / 2
    assert four.summary["non_facility"].median == exact.quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")


def test_json_shape(everywhere) -> None:  # type: ignore[no-untyped-def]
    doc = json.loads(to_json(everywhere["A, both settings"]))
    assert {"code", "release", "national", "localities", "summary", "scenario"} <= set(doc)
    assert doc["scenario"] is None
    first = doc["localities"][0]
    assert {"locality", "name", "state", "pfs"} <= set(first)
    assert set(first["pfs"]) == {"facility", "non_facility"}
    assert first["pfs"]["non_facility"]["amount"] == doc["summary"]["non_facility"]["maximum"]


def test_csv_one_row_per_locality_and_national(everywhere) -> None:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    render_all_localities(everywhere["26 row"], OutputFormat.csv, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 110 and rows[0]["locality"] == "0000000"
    # booleans as batch writes them (true/false: one CSV writer, cli.render.write_csv)
    expected = [{k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in row.items()}
                for row in all_localities_csv_rows(everywhere["26 row"])]  # fmt: skip
    assert rows == expected and rows[0]["non_facility_payable"] in {"true", "false"}


def test_table_has_a_bar_per_locality_and_the_spread(everywhere) -> None:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    render_all_localities(everywhere["A, both settings"], OutputFormat.table, out)
    text = out.getvalue()
    assert text.count("█") > 109 and "median" in text and "MANHATTAN" in text
    assert bar(Decimal(50), Decimal(100), 8) == "████" and bar(None, Decimal(1)) == ""


# -- --locality and --state -----------------------------------------------------------


def test_resolve_by_id_name_prefix_part_all_and_state(pricer) -> None:  # type: ignore[no-untyped-def]
    assert resolve_locality(pricer, "1320201", None) == ["1320201"]
    assert resolve_locality(pricer, "13202-01", None) == ["1320201"]
    assert resolve_locality(pricer, "manhattan", None) == ["1320201"]
    assert resolve_locality(pricer, "POUGHK", None) == ["1320203"]
    assert resolve_locality(pricer, "boston", None) == ["1421201"]
    assert len(resolve_locality(pricer, "all", None)) == 109
    assert len(resolve_locality(pricer, None, None)) == 109
    assert resolve_locality(pricer, None, "ny") == ["1320201", "1320202", "1320203", "1328299", "1329204"]
    assert resolve_locality(pricer, "REST OF", "NY") == ["1328299"]


def test_ambiguous_prefix_lists_the_candidates(pricer) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UsageError) as caught:
        resolve_locality(pricer, "rest of n", None)
    assert caught.value.exit_code == 2
    assert "1240299 REST OF NEW JERSEY (NJ)" in str(caught.value) and "1328299 REST OF NEW YORK (NY)" in str(
        caught.value
    )


def test_unknown_names_ids_and_states(pricer) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError) as caught:
        resolve_locality(pricer, "ATLANTIS", None)
    assert caught.value.exit_code == 1 and "rvucalc localities" in str(caught.value)
    with pytest.raises(NotFoundError):
        resolve_locality(pricer, "1320201", "CA")  # Manhattan is not in California
    with pytest.raises(UsageError):  # no state's code: a usage error (bad_state), not "not found"
        resolve_locality(pricer, None, "ZZ")
    with pytest.raises(UsageError):
        resolve_locality(pricer, "123", None)


def test_price_localities_command_helper(capsys) -> None:  # type: ignore[no-untyped-def]
    import typer

    from rvucalc.cli.compare_cmd import price_localities

    price_localities("99213", locality="MANHATTAN", state=None, fmt=OutputFormat.csv)
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [row["locality"] for row in rows] == ["0000000", "1320201"]
    with pytest.raises(typer.Exit) as caught:
        price_localities("0075T", locality=None, state="NY", fmt=OutputFormat.json)
    assert caught.value.exit_code == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "not payable in any locality" in captured.err  # stdout carries data only


def test_bare_locality_means_all() -> None:
    from rvucalc.cli.compare_cmd import expand_bare_locality

    assert expand_bare_locality(["price", "22590", "--locality"]) == ["price", "22590", "--locality", "all"]
    assert expand_bare_locality(["price", "22590", "--locality", "-f", "csv"]) == [
        "price", "22590", "--locality", "all", "-f", "csv",
    ]  # fmt: skip
    assert expand_bare_locality(["price", "22590", "--locality", "MANHATTAN"])[-1] == "MANHATTAN"


def test_the_table_keeps_every_amount_whole_at_a_narrow_terminal() -> None:
    """At 80 columns the table cut its amounts ("$1,559…", "+$434…"): they are what a user reads it for."""
    from typer.testing import CliRunner

    from rvucalc.cli import app

    result = CliRunner().invoke(app, ["price", "22590", "--locality", "all"], env={"COLUMNS": "80"})
    as_json = CliRunner().invoke(app, ["price", "22590", "--locality", "all", "-f", "json"])
    national = json.loads(as_json.stdout)["national"]["pfs"]["facility"]["amount"]
    assert result.exit_code == 0 and f"${national:,.2f}" in result.stdout
    assert not re.search(r"\$[0-9,.]*…", result.stdout)  # long names are shortened, amounts never


CMS_CLFS_2026Q2 = "/work/shared/cms/2026/clfs_2026q2/PUF_CLFS_CY2026_Q2V1.csv"
CMS_ASP_2026Q1 = (
    "/work/shared/cms/2026/asp_2026q1/section 508 version of January 2026 Medicare Part B Payment Limit File 121725.csv"
)


def _cms_row(path: str, code: str, column: int, encoding: str = "utf-8") -> list[str]:
    with open(path, newline="", encoding=encoding) as handle:
        return next(row for row in csv.reader(handle) if len(row) > column and row[column] == code)


def test_a_lab_or_drug_in_every_locality_is_its_one_national_amount(pricer) -> None:  # type: ignore[no-untyped-def]
    """`price 80053 --locality all` said "not payable in any locality" (exit 1) though the CLFS pays it $10.56 (a
    tester): the message says it is a CLFS code with one national amount, and how to price it; a drug the same."""
    lab = _cms_row(CMS_CLFS_2026Q2, "80053", 1)  # YEAR,HCPCS,MOD,EFF_DATE,INDICATOR,RATE,...
    assert (lab[2], lab[4], Decimal(lab[5])) == ("", "N", Decimal("10.56"))
    with pytest.raises(NotFoundError) as caught:
        price_everywhere(pricer, "80053")
    message = str(caught.value)
    assert "clinical laboratory fee schedule (CLFS)" in message and "not payable" not in message
    assert f"${Decimal(lab[5])}" in message and "the same in every locality" in message
    assert "rvucalc price 80053" in message
    drug = _cms_row(CMS_ASP_2026Q1, "J9271", 0, "latin-1")  # HCPCS, Short Description, Dosage, Payment Limit, ...
    with pytest.raises(NotFoundError) as caught:
        price_everywhere(pricer, "J9271")
    assert f"${drug[3]} per {drug[2]}" in str(caught.value) and "Part B drug" in str(caught.value)
    with pytest.raises(NotFoundError) as caught:  # no CY2025 CLFS installed: said, not "not payable"
        price_everywhere(pricer, "80053", year=2025)
    assert "CLFS" in str(caught.value) and "not installed" in str(caught.value)
    # a PFS code is unchanged: its table
    assert len(price_everywhere(pricer, "99213", state="RI").localities) == 1


def test_price_a_lab_code_in_every_locality_on_the_command_line() -> None:
    from typer.testing import CliRunner

    from rvucalc.cli import app

    done = CliRunner().invoke(app, ["price", "80053", "--locality", "all"])
    assert done.exit_code == 1 and done.stdout == ""
    assert "CLFS" in done.stderr and "$10.56" in done.stderr and "not payable in any locality" not in done.stderr


@pytest.mark.parametrize("text", ["manhattan", "POUGHK", "boston", "rest of n", "ATLANTIS", "13202-01"])
def test_a_batch_locality_cell_and_the_api_take_names_as_locality_does(pricer, text: str) -> None:  # type: ignore[no-untyped-def]
    """A batch `locality` cell of MANHATTAN was "not a locality: 7 digits" while `--locality MANHATTAN` priced it:
    the API, batch and `--locality` now share one matcher (the same locality, or the same error)."""
    from rvucalc.batch.price import BatchPricer

    try:
        expected: object = resolve_locality(pricer, text, None)[0]
    except (UsageError, NotFoundError) as exc:
        expected = (str(exc), exc.kind.value)
    (row,) = BatchPricer(pricer).price_table(pa.table({"code": ["99213"], "locality": [text]})).to_pylist()
    try:
        single = pricer.price("99213", locality=text)
    except (UsageError, NotFoundError) as exc:
        assert expected == (str(exc), exc.kind.value) == (row["error"], row["error_kind"])
        return
    assert expected == single.location.locality == row["locality_priced"]
    assert row["pfs_non_facility_amount"] == single.pfs.non_facility.amount


def test_a_locality_read_from_part_of_its_name_says_which_in_price_batch_and_the_api(pricer) -> None:  # type: ignore[no-untyped-def]
    """A review: `NEW YORK` was REST OF NEW YORK (the one name containing it), not Manhattan, and nothing said so; an
    exact name or an id says nothing. (A state's whole name is now the state: NEW YORK is refused with New York's
    localities, tests/test_locality_state_names.py; part of a locality's name is read as before, and said.)"""
    from typer.testing import CliRunner

    from rvucalc.batch.price import BatchPricer
    from rvucalc.cli import app

    said = "Locality 'REST OF NEW Y' read as 1328299 REST OF NEW YORK (NY)"
    api = pricer.price("99213", locality="REST OF NEW Y")
    assert api.location.locality == "1328299" and api.warnings[0].startswith(said)
    assert not [w for w in pricer.price("99213", locality="manhattan").warnings if "read as" in w]
    table = pa.table({"code": ["99213"] * 3, "locality": ["REST OF NEW Y", "MANHATTAN", "1320201"]})
    rows = BatchPricer(pricer).price_table(table).to_pylist()
    assert rows[0]["note"].startswith(said) and "read as" not in rows[1]["note"] + rows[2]["note"]
    assert rows[0]["note"].startswith(api.warnings[0].rstrip("."))  # the single lookup's words, first as there
    result = CliRunner().invoke(app, ["price", "99213", "--locality", "REST OF NEW Y"])
    assert result.exit_code == 0 and said in result.stderr


@pytest.mark.parametrize(
    ("code", "options", "shown"),
    [("J9271", ["--units", "2"], lambda limit: (Decimal(limit) * 2).quantize(Decimal("0.01"))),
     ("85025", ["--units", "2"], lambda rate: Decimal(rate) * 2),
     ("J1745", ["--setting", "11"], lambda limit: Decimal(limit).quantize(Decimal("0.01")))],
)  # fmt: skip
def test_a_lab_or_drug_with_a_state_and_units_is_priced_as_a_dme_item_is(code: str, options: list[str], shown) -> None:  # type: ignore[no-untyped-def]
    """`price J9271 --units 2 --state TX` (85025, J1745 with --units or --setting) exited 2 ("--locality all and --state
    compare one unit's PFS amounts ... they do not apply --units") while `price A4253-NU --units 2 --state TX` priced
    it: a code the PFS does not pay is priced, its one national amount for the units (said on stderr); --locality all
    says how to price it, not that the table ignores --units."""
    from typer.testing import CliRunner

    from rvucalc.cli import app

    cms = _cms_row(CMS_CLFS_2026Q2, code, 1)[5] if code == "85025" else _cms_row(CMS_ASP_2026Q1, code, 0, "latin-1")[3]
    done = CliRunner().invoke(app, ["price", code, *options, "--state", "TX"])
    assert done.exit_code == 0, done.stderr
    assert f"${shown(cms):,}" in done.stdout and "do not apply" not in done.stderr
    assert "one national amount, the same in every locality of TX" in done.stderr
    assert done.stdout == CliRunner().invoke(app, ["price", code, *options]).stdout  # the state changes nothing
    every = CliRunner().invoke(app, ["price", code, *options, "--locality", "all"])
    assert every.exit_code == 1 and "do not apply" not in every.stderr and f"rvucalc price {code}" in every.stderr
    dme = CliRunner().invoke(app, ["price", "A4253-NU", "--units", "2", "--state", "TX"])
    assert dme.exit_code == 0  # as before
    unknown = CliRunner().invoke(app, ["price", code, *options, "--state", "ZZ"])  # refused before "priced once"
    assert unknown.exit_code == 2 and "not a US state" in unknown.stderr and "priced once" not in unknown.stderr


@pytest.mark.parametrize(
    ("code", "place", "named"),
    [("85025", ["--zip", "10001"], "--zip"), ("J1885", ["--zip", "10001"], "--zip"),
     ("85025", ["--locality", "1320201"], "--locality"), ("J1885", ["--zip", "10001", "--locality", "1320201"],
     "--zip and --locality")],
)  # fmt: skip
def test_a_lab_or_drug_with_a_state_and_a_place_is_a_usage_error_naming_both(
    code: str, place: list[str], named: str
) -> None:
    """`price 85025 --state TX --zip 10001` priced at the ZIP (MANHATTAN, NY) and said "the same in every locality of
    TX; priced once": --state silently dropped. A PFS code's --state refuses --zip ("they do not apply --zip"), and
    --zip with --locality is "not both": a lab's or drug's --state with a place is exit 2 naming both, nothing
    priced; each alone prices as before."""
    from typer.testing import CliRunner

    from rvucalc.cli import app

    done = CliRunner().invoke(app, ["price", code, "--state", "TX", *place])
    assert done.exit_code == 2 and done.stdout == "", done.output
    assert f"Give --state or {named}, not both" in done.stderr and "priced once" not in done.stderr
    assert CliRunner().invoke(app, ["price", code, *place[:2]]).exit_code == 0
    assert CliRunner().invoke(app, ["price", code, "--state", "TX"]).exit_code == 0
    pfs = CliRunner().invoke(app, ["price", "99213", "--state", "TX", "--zip", "10001"])  # as before
    assert pfs.exit_code == 2 and "they do not apply --zip" in pfs.stderr
