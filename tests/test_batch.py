"""Batch pricing: every row accounted for, in order, priced like single lookups."""

from __future__ import annotations

import csv
import io
import itertools
import random
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pyarrow
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import batch_imports_pandas, read_csv_text
from rvucalc.batch.files import run_batch
from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.errors import RvucalcError
from rvucalc.lookup.pricer import Pricer
from test_cms_payment_files import ALL_ROWS

runner = CliRunner()


def priced_csv(tmp_path: Path, rows: list[dict[str, str]], *args: str) -> tuple[int, pd.DataFrame, str]:
    source = tmp_path / "lines.csv"
    pd.DataFrame(rows).to_csv(source, index=False)
    target = tmp_path / "priced.csv"
    result = runner.invoke(app, ["batch", str(source), "-o", str(target), *args])
    frame = pd.read_csv(target, dtype=str, keep_default_na=False) if target.exists() else pd.DataFrame()
    return result.exit_code, frame, result.output


def test_cms_2025_payment_files_repriced_through_batch_to_the_cent(tmp_path: Path) -> None:
    lines = [
        {"code": row["hcpcs"], "modifier": row["modifier"], "locality": row["carrier"] + row["locality"],
         "date": "2025-01-15", "source": f"{name}:{row['line']}"}
        for name, row in ALL_ROWS
    ]  # fmt: skip
    code, priced, output = priced_csv(tmp_path, lines)
    assert code == 0, output
    assert len(priced) == 1744 and list(priced["source"]) == [line["source"] for line in lines]
    for (_, row), (_, out) in zip(ALL_ROWS, priced.iterrows(), strict=True):
        office = out["pfs_non_facility_amount"] or out["pfs_facility_amount"]  # CMS repeats the other amount
        facility = out["pfs_facility_amount"] or out["pfs_non_facility_amount"]  # where a setting is NA
        assert (Decimal(office), Decimal(facility)) == (Decimal(row["non_facility"]), Decimal(row["facility"])), row
        assert out["release"] == "2025A"


def test_bad_rows_get_their_error_and_the_run_goes_on(tmp_path: Path) -> None:
    source = tmp_path / "lines.csv"
    source.write_text(
        "Code,ZIP,Year,claim\n"
        "99213,10001,,c1\n"
        "2259O,,,c2\n"
        "22591,,,c3\n"
        "99213,00000,,c4\n"
        "99213,,2024,c5\n"
        "99213,10001,,c6,extra\n"
        "99214,,2025,c7\n"
    )
    target = tmp_path / "out.csv"
    result = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    assert result.exit_code == 1
    out = pd.read_csv(target, dtype=str, keep_default_na=False)
    assert list(out["claim"]) == ["c1", "c2", "c3", "c4", "c5", "c6", "c7"]  # every row, in order
    errors = list(out["error"])
    assert errors[0] == "" and errors[6] == ""
    assert errors[1].startswith("'2259O' is not a HCPCS/CPT code") and "Did you mean 22590?" in errors[1]
    assert "22591 is not in the 2026 fee schedule" in errors[2]
    assert "ZIP 00000 is not in CMS's ZIP5 file" in errors[3]
    assert "No PFS release for 2024" in errors[4]
    assert "ragged line 7" in errors[5]
    assert list(out["error_kind"]) == [
        "", "malformed_code", "unknown_code", "unknown_zip", "release_not_installed", "ragged_line", ""
    ]  # fmt: skip
    assert out.loc[1:5, "pfs_facility_amount"].eq("").all()  # no amounts beside an error
    assert "5 with errors" in result.output  # the summary on stderr


def test_pass_through_columns_and_case_insensitive_header(tmp_path: Path) -> None:
    code, out, _ = priced_csv(tmp_path, [{"CODE": "99213", "Zip": "10001", "Patient": "x", "units": "3",
                                         "setting": "office"}])  # fmt: skip
    assert code == 0
    assert list(out.columns[:5]) == ["CODE", "Zip", "Patient", "units", "setting"]
    assert out.loc[0, "Patient"] == "x"
    assert Decimal(out.loc[0, "allowed"]) == 3 * Decimal(out.loc[0, "pfs_non_facility_amount"])


def test_unusable_input_exits_2(tmp_path: Path) -> None:
    no_code = tmp_path / "no_code.csv"
    no_code.write_text("procedure,zip\n99213,10001\n")
    assert runner.invoke(app, ["batch", str(no_code), "-o", str(tmp_path / "o.csv")]).exit_code == 2
    assert runner.invoke(app, ["batch", str(tmp_path / "missing.csv")]).exit_code == 2
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    assert runner.invoke(app, ["batch", str(empty)]).exit_code == 2


def test_stdin_to_stdout() -> None:
    result = runner.invoke(app, ["batch", "-", "-o", "-", "--quiet"], input="code,zip\n99213,10001\n")
    assert result.exit_code == 0
    [row] = list(csv.DictReader(io.StringIO(result.stdout)))
    assert row["pfs_non_facility_amount"] == "107.63" and row["release"] == "2026C"


def test_parquet_output_round_trips(tmp_path: Path) -> None:
    source = tmp_path / "lines.csv"
    source.write_text("code,locality\n99213,1320201\n22590,\n")
    csv_out, parquet_out = tmp_path / "o.csv", tmp_path / "o.parquet"
    assert runner.invoke(app, ["batch", str(source), "-o", str(csv_out)]).exit_code == 0
    assert runner.invoke(app, ["batch", str(source), "-o", str(parquet_out)]).exit_code == 0
    from rvucalc.batch.price import MONEY_COLUMNS

    from_parquet = pd.read_parquet(parquet_out)
    from_csv = pd.read_csv(csv_out, dtype=str, keep_default_na=False)
    for column in from_csv.columns:
        if column in MONEY_COLUMNS:
            as_text = from_parquet[column].map(lambda v: "" if pd.isna(v) else f"{v:.2f}")
            assert list(as_text) == list(from_csv[column]), column
        elif column.startswith("anesthesia_"):  # numbers in Parquet, null where the CSV is blank
            as_numbers = [None if text == "" else float(text) for text in from_csv[column]]
            assert [None if pd.isna(v) else float(v) for v in from_parquet[column]] == as_numbers, column
        elif column == "in_totals":  # a boolean in Parquet, true/false in the CSV
            assert [str(bool(v)).lower() for v in from_parquet[column]] == list(from_csv[column]), column
        else:
            assert list(from_parquet[column]) == list(from_csv[column]), column


@pytest.mark.slow
def test_single_and_batch_agree_on_random_lines(pricer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    chooser = random.Random(20261126)
    release = pricer.select()[0]
    store = pricer.store(release)
    rows = [(r["hcpcs"], r["modifier"]) for r in store.rows("rvu") if r["status"] in "ARTCIXB"]
    zips = [r["zip"] for r in store.rows("zip")]
    lines = []
    for _ in range(2500):
        code, modifier = chooser.choice(rows)
        place = chooser.choice(["zip", "national"])
        lines.append({"code": code, "modifier": modifier, "zip": chooser.choice(zips) if place == "zip" else "",
                      "setting": chooser.choice(["", "office", "hopd", "asc"])})  # fmt: skip
    priced = BatchPricer(pricer).price_frame(pd.DataFrame(lines, dtype=object))
    priced = priced.astype(object).where(priced.notna(), "")
    for column in priced.columns:
        if priced[column].map(lambda v: isinstance(v, float)).any():
            priced[column] = priced[column].map(lambda v: f"{v:.2f}" if isinstance(v, float) else v)
    for line, (_, out) in zip(lines, priced.iterrows(), strict=True):
        try:
            single = pricer.price(line["code"], modifier=line["modifier"] or None, zip_code=line["zip"] or None)
        except RvucalcError as exc:  # e.g. a DMEPOS code needs a state: the same error (batch names its columns)
            said = str(exc).replace(
                "give zip_code, locality or state.", "fill the row's zip, locality or state column."
            )
            assert (out["error"], out["error_kind"]) == (said, exc.kind.value), line
            continue
        for name, setting in (("non_facility", single.pfs.non_facility), ("facility", single.pfs.facility)):
            expected = "" if not setting.payable else f"{setting.amount:.2f}"
            assert out[f"pfs_{name}_amount"] == expected, (line, name)
            expected_lc = "" if not setting.payable else f"{setting.limiting_charge:.2f}"
            assert out[f"pfs_{name}_limiting_charge"] == expected_lc, (line, name)
        asc = f"{single.asc.rate:.2f}" if single.asc.payable else ""
        assert out["asc_rate"] == asc, line
        for site in single.sites:
            expected = f"{site.total:.2f}" if site.payable else ""
            if site.payable or out[f"{site.setting}_allowed"] == "":
                assert out[f"{site.setting}_allowed"] == expected, (line, site.setting)


def test_streaming_in_chunks_keeps_every_row(tmp_path: Path) -> None:
    source = tmp_path / "lines.csv"
    source.write_text("code\n" + "99213\n" * 1050)
    summary = run_batch(Pricer(), str(source), str(tmp_path / "o.csv"), chunk_rows=100)
    assert summary.rows == 1050 and summary.failed == 0
    assert len(pd.read_csv(tmp_path / "o.csv")) == 1050


@pytest.mark.slow
def test_export_matches_single_lookups(pricer, pfs_export_2025: Path) -> None:  # type: ignore[no-untyped-def]
    frame = read_csv_text(pfs_export_2025)  # `rvucalc export --year 2025 -o ...`
    assert len(set(frame["locality"].to_pylist())) == 109
    for index in random.Random(7).sample(range(frame.num_rows), 200):
        [row] = frame.slice(index, 1).to_pylist()
        single = pricer.price(row["hcpcs"], modifier=row["modifier"] or None, locality=row["locality"], year=2025)
        expected = single.pfs.non_facility
        assert row["non_facility_amount"] == (f"{expected.amount:.2f}" if expected.payable else ""), row


@pytest.mark.slow
def test_dask_engine_gives_the_same_output_as_pandas(tmp_path: Path) -> None:
    from distributed import Client, LocalCluster

    from rvucalc.batch.dask_engine import run_batch_dask

    source = tmp_path / "lines.csv"
    source.write_text(
        "code,zip,setting,id\n"
        + "".join(
            f"{c},{z},{s},{i}\n"
            for i, (c, z, s) in enumerate(
                [("99213", "10001", "office"), ("22590", "10001", "asc"), ("2259O", "", ""), ("71046", "94110", "")]
                * 25
            )
        )
    )
    run_batch(Pricer(), str(source), str(tmp_path / "pandas.csv"))
    with LocalCluster(host="127.0.0.1", protocol="tcp", n_workers=1, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster, Client(cluster) as client:  # fmt: skip
        summary = run_batch_dask(Pricer(), str(source), str(tmp_path / "dask.csv"), client=client)
    assert summary.rows == 100 and summary.failed == 25
    pd.testing.assert_frame_equal(
        pd.read_csv(tmp_path / "dask.csv", dtype=str, keep_default_na=False),
        pd.read_csv(tmp_path / "pandas.csv", dtype=str, keep_default_na=False),
    )


@pytest.mark.slow
def test_dask_engine_takes_the_runs_scenario(tmp_path: Path) -> None:
    """A review found the Dask run's note recommending --paid-for professional, which Dask refused: the what-if and
    contract terms now go to the workers, and the output is the default engine's."""
    from distributed import Client, LocalCluster

    from rvucalc.batch.dask_engine import run_batch_dask
    from rvucalc.batch.price import Scenario

    source = tmp_path / "lines.csv"
    source.write_text("claim,code,zip,pos,date,paid\nR1,45378,10001,22,2025-08-03,202.85\n"
                      "R2,99213,10001,11,2025-08-03,90\n")  # fmt: skip
    scenario = Scenario.parse("32.8409", None, "110", "professional")
    run_batch(Pricer(), str(source), str(tmp_path / "here.csv"), scenario=scenario)
    with LocalCluster(host="127.0.0.1", protocol="tcp", n_workers=1, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster, Client(cluster) as client:  # fmt: skip
        run_batch_dask(Pricer(), str(source), str(tmp_path / "dask.csv"), client=client, scenario=scenario)
    here = pd.read_csv(tmp_path / "here.csv", dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(pd.read_csv(tmp_path / "dask.csv", dtype=str, keep_default_na=False), here)
    assert here["scenario"].str.startswith("what-if").all() and (here["contract_amount"] != "").all()
    assert here.loc[0, "expected"] == here.loc[0, "contract_amount"]  # 110% of the professional claim


def priced_table(pricer, rows: list[dict[str, str]], batch: BatchPricer | None = None) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    """Price rows through ``price_table`` (a fresh ``BatchPricer`` unless given); every output cell as CSV text."""
    import pyarrow as pa

    from rvucalc.batch.arrow_columns import string_array
    from rvucalc.batch.files import joined_table

    names = list(rows[0])
    table = pa.Table.from_arrays([string_array([row[n] for row in rows]) for n in names], names=names)
    priced = joined_table(table, (batch or BatchPricer(pricer)).price_table(table), money_as="text")
    return [{k: "" if v is None else str(v) for k, v in row.items()} for row in priced.to_pylist()]


MIXED_LINES = [
    {"code": code, "modifier": modifier, "zip": zip_code, "year": year, "setting": setting, "units": units}
    for code, modifier, zip_code, year, setting, units in [
        ("99213", "", "10001", "", "office", "1"), ("22590", "", "10001", "", "asc", ""),
        ("71046", "26", "94110", "2025", "", "2"), ("27447", "50", "10001", "", "hopd", "1"),
        ("2259O", "", "", "", "", ""), ("99213", "", "00000", "", "", ""), ("99213", "", "", "2024", "", ""),
        ("22591", "", "", "", "", ""), ("99213", "", "01434", "", "", ""), ("27447", "", "00601", "2025", "hopd", ""),
        ("99213", "ZZZ", "", "", "", ""), ("99213", "", "", "", "clinic", ""), ("99213", "", "", "", "", "0"),
        ("00790", "", "10001", "", "", ""), ("G0008", "", "", "2025", "", "3"), ("93000", "", "60601", "", "", ""),
    ]
]  # fmt: skip


def test_notes_say_when_a_place_falls_back(pricer) -> None:  # type: ignore[no-untyped-def]
    out = priced_table(pricer, MIXED_LINES)
    assert "split between localities by ZIP+4" in out[8]["note"]  # as the single lookup warns
    assert "does not choose between them" in out[9]["note"]  # 2025 wage index lists the CBSA twice
    # not priced (no guessed wage index of 1.0), as the single lookup's, which says why with the same words
    assert out[9]["opps_rate"] == "" and out[9]["error"] == ""
    single = pricer.price("27447", zip_code="00601", year=2025)
    assert single.opps.rate is None and single.opps.reason and single.opps.reason in out[9]["note"]
    [by_locality] = priced_table(pricer, [{"code": "27447", "locality": "1320201", "setting": "asc"}])
    assert "no CBSA" in by_locality["note"] and by_locality["asc_rate"] != ""


def test_units_must_be_whole_and_bounded(pricer) -> None:  # type: ignore[no-untyped-def]
    rows = [{"code": "99213", "units": units} for units in ("2.0", "1000001", "abc", "1.5", "", "inf")]
    out = priced_table(pricer, rows)
    assert [row["error"] != "" for row in out] == [False, True, True, True, False, True]
    assert Decimal(out[0]["office_allowed"]) == 2 * Decimal(out[0]["pfs_non_facility_amount"])


@pytest.fixture(scope="module")
def mixed_whole(pricer) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    return priced_table(pricer, MIXED_LINES)


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=len(MIXED_LINES) - 1), max_size=4, unique=True))
def test_how_lines_are_chunked_does_not_change_any_cell(pricer, mixed_whole, cuts: list[int]) -> None:  # type: ignore[no-untyped-def]
    batch = BatchPricer(pricer)  # a fresh one, pricing the chunks in turn as run_batch prices a file
    bounds = [0, *sorted(cuts), len(MIXED_LINES)]
    pieces = [row for a, b in itertools.pairwise(bounds) for row in priced_table(pricer, MIXED_LINES[a:b], batch)]
    assert pieces == mixed_whole


def test_csv_output_is_plain_unless_a_value_needs_quotes(tmp_path: Path) -> None:
    plain = tmp_path / "plain.csv"
    plain.write_text("code,zip,claim\n99213,10001,c1\n")
    assert runner.invoke(app, ["batch", str(plain), "-o", str(tmp_path / "a.csv"), "-q"]).exit_code == 0
    assert '"' not in (tmp_path / "a.csv").read_text()
    quoted = tmp_path / "quoted.csv"
    quoted.write_text('code,zip,claim\n99213,10001,"Smith, J ""Jr"""\n')
    assert runner.invoke(app, ["batch", str(quoted), "-o", str(tmp_path / "b.csv"), "-q"]).exit_code == 0
    [row] = list(csv.DictReader((tmp_path / "b.csv").open()))
    assert row["claim"] == 'Smith, J "Jr"' and row["pfs_non_facility_amount"] == "107.63"


def test_a_header_alone_gives_a_header_alone(tmp_path: Path) -> None:
    source = tmp_path / "lines.csv"
    source.write_text("code,zip\n")
    result = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "o.csv"), "-q"])
    assert result.exit_code == 0
    assert (tmp_path / "o.csv").read_text().splitlines()[0].startswith("code,zip,pfs_non_facility_amount")


@pytest.mark.slow
@pytest.mark.parametrize("summary", [False, True])
def test_a_batch_run_does_not_import_pandas(tmp_path: Path, summary: bool) -> None:
    """The fast path is Arrow and numpy only: importing pandas alone costs more than pricing 100k lines. With
    ``--summary`` too (its per-claim totals' Arrow arrays imported it)."""

    # A claim file's columns too (cutting chunks between claims once imported it), a grouped export's continuation
    # row, a report's total line and a claim whose lines are apart (pyarrow turning a Python str or a numpy array into
    # Arrow imported it), a 2025 place whose area CMS lists with two wage indexes (its wage table's choices), and two
    # modifier columns (joining them with a Python str separator imported it).
    source = tmp_path / "lines.csv"
    source.write_text("Claim ID,DOS,code,Mod 1,Mod 2,zip,setting,Paid\nC1,08/03/2026,99213,25,,10001,office,80.00\n"
                      "C1,08/03/2026,27447,50,,10001,hopd,\n,,20610,RT,59,10001,office,\nTotal,,,,,,,80.00\n"
                      "C2,2026-08-04,2259O,,,,,\nC1,08/03/2026,20611,,,10001,office,\n"
                      "C3,2025-11-03,29881,,,36701,asc,\n")  # fmt: skip
    imported, stderr = batch_imports_pandas(str(source), "-o", str(tmp_path / "o.csv"), "-q",
                                            *(["--summary", str(tmp_path / "s.json")] if summary else []))  # fmt: skip
    assert not imported, stderr
    assert len((tmp_path / "o.csv").read_text().splitlines()) == 8


def test_a_code_a_spreadsheet_stored_as_a_number_is_named(pricer: Pricer) -> None:
    """840 (00840 without its zeros) and 99213.0: an error that names the code it probably was, in batch too (no
    guess: the row is not priced)."""
    rows = [
        {"code": "840", "date": "2026-08-03"},
        {"code": "99213.0", "date": "2026-08-03"},
        {"code": "9999", "date": "2026-08-03"},
    ]
    out = BatchPricer(pricer).price_table(pyarrow.Table.from_pylist(rows)).to_pylist()
    assert "it was probably 00840" in out[0]["error"] and "it was probably 99213" in out[1]["error"]
    assert "it was probably" not in out[2]["error"]  # 09999 is no code: no hint


def test_an_unreachable_dask_scheduler_says_so_not_could_not_write(tmp_path: Path) -> None:
    """`--scheduler tcp://127.0.0.1:1` said "could not write out.csv: Timed out trying to connect" (a trial): the
    connection failed, not the file. Exit 3 (the run had started), nothing written."""
    import socket

    import dask
    import distributed  # noqa: F401 (its config defaults first: dask.config.set would remove the whole
    # "distributed" key on exit if it first appeared inside, and the worker's next LocalCluster failed: KeyError)

    with socket.socket() as probe:  # a port on this machine that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    source = tmp_path / "in.csv"
    source.write_text("code\n99213\n")
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = CliRunner().invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv"), "--engine", "dask",
                                          "--scheduler", f"tcp://127.0.0.1:{port}"])  # fmt: skip
    assert result.exit_code == 3, result.output
    assert f"could not connect to the Dask scheduler at tcp://127.0.0.1:{port}" in result.stderr
    assert "could not write" not in result.stderr and not (tmp_path / "out.csv").exists()


def test_a_pandas_frame_is_read_as_the_cli_reads_a_file(pricer) -> None:  # type: ignore[no-untyped-def]
    """A trial's notebook: `price_frame` dropped a `POS` column silently (no allowed, no error), refused `CPT Code`,
    and raised ValueError on 11/05/2025; pandas reads POS as 22 (or 22.0 beside a blank cell) and dates as
    Timestamps. The frame's columns are read by the CLI's own rules, and each row prices as the CLI's does."""
    frame = pd.DataFrame({
        "CPT Code": ["99213", "20610", "99213"], "DOS": ["11/05/2025", pd.Timestamp("2025-11-05"), "13/05/2025"],
        "POS": [11, 22.0, None], "Zip Code": ["10001", "10001", "10001"], "Units": [1.0, 1.0, 1.0],
    })  # fmt: skip
    priced = BatchPricer(pricer).price_frame(frame)
    # 13/05/2025 is a date only day first: the column's slash dates are read day first (11/05/2025 is 11 May), as a
    # file's are (test_batch_day_first_dates); a month-first column is read as before.
    office = pricer.price("99213", zip_code="10001", date_of_service="2025-05-11", setting="11")
    hopd = pricer.price("20610", zip_code="10001", date_of_service="2025-11-05", setting="22")
    assert list(priced["site"][:2]) == ["office", "hopd"]
    assert Decimal(f"{priced['allowed'][0]:.2f}") == office.sites[0].allowed
    assert Decimal(f"{priced['allowed'][1]:.2f}") == hopd.sites[0].allowed
    assert priced["error"][2] == "" and priced["release"][0] == priced["release"][2] == office.release
    us = BatchPricer(pricer).price_frame(frame.assign(DOS=["11/05/2025", pd.Timestamp("2025-11-05"), "02/30/2025"]))
    assert us["release"][0] == us["release"][1] and us["error_kind"][2] == "bad_date"
    assert list(priced["CPT Code"]) == ["99213", "20610", "99213"]  # the input columns, as they were
    assert pricer.price("99213", zip_code="10001", setting=22).sites[0].setting == "hopd"  # type: ignore[arg-type]
    # pandas' nullable dtypes (convert_dtypes, dtype_backend="numpy_nullable"): pd.NA is a blank cell (a review found
    # "boolean value of NA is ambiguous" raised for the whole frame)
    nullable_frame = frame.iloc[:2].convert_dtypes().assign(POS=pd.array([11, None], "Int64"))
    nullable = BatchPricer(pricer).price_frame(nullable_frame)
    assert list(nullable["site"]) == ["office", ""]
    assert Decimal(f"{nullable['allowed'][0]:.2f}") == office.sites[0].allowed
