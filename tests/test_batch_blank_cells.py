"""Cells billing exports leave ragged: a claim id with trailing spaces, a blank date in a dated file."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import summary_rejoined
from rvucalc.batch.claims import SCATTERED_CLAIM_NOTE
from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer

runner = CliRunner()


def _priced(tmp_path: Path, text: str) -> list[dict[str, str]]:
    source, target = tmp_path / "claims.csv", tmp_path / "priced.csv"
    source.write_text(text)
    result = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    assert result.exit_code in (0, 1), result.output
    return list(csv.DictReader(target.open()))


def test_claim_ids_that_differ_only_by_spaces_are_one_claim(tmp_path: Path) -> None:
    rows = _priced(tmp_path, 'claim_id,code,zip,date\nA,27447,10001,2025-05-02\n"A ",29881,10001,2025-05-02\n')
    alone = Pricer().price("29881", zip_code="10001", date_of_service="2025-05-02").pfs.facility.amount
    assert alone is not None
    assert Decimal(rows[1]["pfs_facility_amount"]) == (alone / 2).quantize(Decimal("0.01"))
    assert "Claim encounter (PFS)" in rows[1]["note"]


def test_a_blank_date_in_a_dated_file_is_said_on_its_row(tmp_path: Path) -> None:
    rows = _priced(tmp_path, "code,zip,date\n99213,10001,\n99213,10001,2026-03-02\n")
    newest = Pricer().select()[0].release
    assert rows[0]["release"] == newest and rows[0]["pfs_non_facility_amount"]
    assert rows[0]["note"].startswith(f"No date of service on this line: priced with release {newest}")
    assert "No date of service" not in rows[1]["note"]


def test_a_file_without_a_date_column_says_it_once_not_per_row(tmp_path: Path) -> None:
    rows = _priced(tmp_path, "code,zip\n99213,10001\n")
    assert "No date of service" not in rows[0]["note"]


@pytest.fixture
def long_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files count as too long to hold (``batch.regroup``): a claim's lines are read where they are, as in a file
    of more than ``REGROUP_ROWS`` rows."""
    monkeypatch.setattr("rvucalc.batch.regroup.REGROUP_ROWS", 2)


@pytest.mark.usefixtures("long_file")
def test_a_claim_whose_lines_are_not_adjacent_across_chunks_is_said_once(tmp_path: Path) -> None:
    rows = ["claim_id,code,zip,date", "X,27447,10001,2025-05-02"]
    rows += [f"S{n:03d},99213,10001,2025-05-02" for n in range(150)]
    rows += ["X,29881,10001,2025-05-02", "Y,99213,10001,2025-05-02", "Y,99214,10001,2025-05-02"]
    source, target = tmp_path / "claims.csv", tmp_path / "priced.csv"
    source.write_text("\n".join(rows) + "\n")
    result = runner.invoke(app, ["batch", str(source), "-o", str(target), "--chunk-rows", "100"])
    assert result.exit_code == 0, result.output
    said = [line for line in result.stderr.splitlines() if "not next to each other" in line]
    assert len(said) == 1 and "claim 'X'" in said[0], result.stderr
    priced = list(csv.DictReader(target.open()))
    assert len(priced) == len(rows) - 1  # every row still comes out once, in order
    assert priced[-3]["code"] == "29881" and SCATTERED_CLAIM_NOTE in priced[-3]["note"]  # its row says so
    assert [row["code"] for row in priced if "Claim encounter" in row["note"]] == ["29881"]
    one_chunk = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "whole.csv")])
    assert [line for line in one_chunk.stderr.splitlines() if "not next to each other" in line] == said
    # The amounts do not depend on where the input is cut into chunks: X's later line is another encounter in both.
    assert (tmp_path / "whole.csv").read_bytes() == target.read_bytes()


@pytest.mark.usefixtures("long_file")
def test_split_claims_are_counted_on_stderr_and_in_the_summary_in_any_chunking(tmp_path: Path) -> None:
    """A scale trial: a shuffled file had 3,814 claims (14,531 rows) priced as separate encounters; stderr named one
    claim and neither the summary line nor --summary counted them. Claims A, B, C and E are split (5 rows apart: A's
    third line comes back twice), D is not (its lines of another date are another encounter anyway)."""
    import json

    lines = ["claim_id,code,date,zip", "A,99213,2026-08-03,10001", "B,99213,2026-08-03,10001",
             "A,99214,2026-08-03,10001", "C,99213,2026-08-03,10001", "B,20610,2026-08-03,10001",
             "D,99213,2026-08-03,10001", "C,99214,2026-08-03,10001", "D,99213,2026-08-04,10001",
             "E,99213,2026-08-03,10001", "A,99215,2026-08-03,10001", "E,20610,2026-08-03,10001"]  # fmt: skip
    lines += [f"S{n:03d},99213,2026-08-03,10001" for n in range(150)] + ["A,20611,2026-08-03,10001"]
    source = tmp_path / "claims.csv"
    source.write_text("\n".join(lines) + "\n")
    said = []
    for chunk in ("100000", "100"):
        target, summary = tmp_path / f"priced-{chunk}.csv", tmp_path / f"summary-{chunk}.json"
        result = runner.invoke(app, ["batch", str(source), "-o", str(target), "--summary", str(summary),
                                     "--chunk-rows", chunk])  # fmt: skip
        assert result.exit_code == 0, result.output
        said.append([line for line in result.stderr.splitlines() if "not next to each other" in line])
        assert len(said[-1]) == 1 and said[-1][0].startswith(
            "rvucalc: 4 claims ('A', 'B', 'C', ...) have lines of one date that are not next to each other in the "
            "file: their later lines (6 rows) are priced as other encounters"
        ), result.stderr
        assert "; 6 rows of 4 claims priced apart from their claim's earlier lines" in summary_rejoined(result.stderr)
        counts = json.loads(summary.read_text())
        rows = list(csv.DictReader(target.open()))
        assert (counts["split_claims"], counts["split_claim_rows"]) == (4, 6)
        assert sum(SCATTERED_CLAIM_NOTE in row["note"] for row in rows) == 6  # the rows whose note says so
    assert said[0] == said[1]


@pytest.mark.usefixtures("long_file")
def test_a_claim_split_in_a_long_file_is_two_encounters_whatever_the_last_line_is(tmp_path: Path) -> None:
    """K2's lines, with K3 between them, are two encounters (45378 is paid in full, not as the base of 45380)
    whether or not another line follows them, in one chunk as across chunks, and it is said on stderr."""
    lines = ["claim_id,code,date,pos,zip", "K2,45378,2026-08-03,24,10001", "K3,99213,2026-08-03,11,10001",
             "K2,45380,2026-08-03,24,10001"]  # fmt: skip
    priced = []
    for extra, chunk in (([], "100000"), (["K9,99213,2026-08-03,11,1000"], "100000"), ([], "100")):
        source, target = tmp_path / "claims.csv", tmp_path / "priced.csv"
        source.write_text("\n".join(lines + extra) + "\n")
        result = runner.invoke(app, ["batch", str(source), "-o", str(target), "--chunk-rows", chunk])
        assert "claim 'K2' has lines of one date that are not next to each other" in result.stderr
        priced.append([(row["code"], row["pfs_facility_amount"], SCATTERED_CLAIM_NOTE in row["note"])
                       for row in csv.DictReader(target.open())][:3])  # fmt: skip
    assert priced[0] == priced[1] == priced[2] and priced[0][0][1] not in ("0.00", "")
    assert [said for _, _, said in priced[0]] == [False, False, True]  # the later line says it, in any chunking


@pytest.mark.usefixtures("long_file")
def test_a_claims_line_of_another_date_after_other_rows_is_not_said_to_be_apart(tmp_path: Path) -> None:
    """A trial's file: claim A's line of 08-10, after claim B, is another encounter by its date, wherever it is;
    only A's later line of 08-03 is apart from its encounter."""
    rows = _priced(tmp_path, "claim_id,code,date,zip,pos\nA,20610,2026-08-03,10001,11\nB,20610,2026-08-03,10001,11\n"
                             "A,20610,2026-08-10,10001,11\n")  # fmt: skip
    assert not any(SCATTERED_CLAIM_NOTE in row["note"] for row in rows)
    rows = _priced(tmp_path, "claim_id,code,date,zip,pos\nA,20610,2026-08-03,10001,11\nB,20610,2026-08-03,10001,11\n"
                             "A,20610,2026-08-10,10001,11\nA,20611,2026-08-03,10001,11\n")  # fmt: skip
    assert [SCATTERED_CLAIM_NOTE in row["note"] for row in rows] == [False, False, False, True]


def test_price_frame_prices_a_claims_lines_apart_together_as_the_cli_batch_does(tmp_path: Path) -> None:
    """A trial's frame: A's 29881 after claim B was priced as its own encounter by price_frame (as by the CLI);
    both now price it with 27447 (``batch.regroup``), every note, amount and error the same, in the frame's order."""
    import pandas as pd

    from rvucalc.batch.lines import OUTPUT_COLUMNS
    from rvucalc.batch.price import BatchPricer

    text = "claim_id,code,date,zip\nA,27447,2026-08-03,10001\nB,99213,2026-08-03,10001\nA,29881,2026-08-03,10001\n"
    cli = _priced(tmp_path, text)
    frame = pd.read_csv(tmp_path / "claims.csv", dtype=str, keep_default_na=False)
    priced = BatchPricer(Pricer()).price_frame(frame)
    assert list(priced["code"]) == ["27447", "99213", "29881"]
    assert not any(SCATTERED_CLAIM_NOTE in note for note in priced["note"])
    assert "Claim encounter (PFS" in priced["note"][2]
    for row, (_, out) in zip(cli, priced.iterrows(), strict=True):
        for name in OUTPUT_COLUMNS:
            value = out[name]
            shown = (
                "" if value is None or value != value else f"{value:.2f}" if isinstance(value, float) else str(value)
            )
            assert shown == row[name], (name, shown, row[name])
    # The frame in claim order: the same rows, the same amounts and notes.
    ordered = BatchPricer(Pricer()).price_frame(frame.iloc[[0, 2, 1]].reset_index(drop=True))
    assert ordered[list(OUTPUT_COLUMNS)].iloc[[0, 2, 1]].reset_index(drop=True).equals(priced[list(OUTPUT_COLUMNS)])


def test_a_parquet_input_or_a_zip_that_is_no_workbook_is_refused_by_name(tmp_path: Path) -> None:
    source = tmp_path / "lines.csv"
    source.write_text("code,zip\n99213,10001\n")
    import zipfile

    with zipfile.ZipFile(tmp_path / "lines.zip", "w") as archive:
        archive.writestr("lines.csv", source.read_text())
    result = runner.invoke(app, ["batch", str(tmp_path / "lines.zip")])
    assert result.exit_code == 2 and "is not an Excel workbook rvucalc can read" in result.stderr
    assert result.stdout == "" and "Traceback" not in result.output
    for suffix, what in (("parquet", "a Parquet file"),):
        binary = tmp_path / f"lines.{suffix}"
        assert runner.invoke(app, ["batch", str(source), "-o", str(binary)]).exit_code == 0
        result = runner.invoke(app, ["batch", str(binary)])
        assert result.exit_code == 2 and what in result.stderr and "Traceback" not in result.output
        assert result.stdout == ""


def test_a_claim_too_long_to_carry_is_said_for_what_it_is(tmp_path: Path) -> None:
    """A claim longer than four chunks (and than files.MIN_CARRIED_ROWS) is cut (memory stays bounded): said so, not
    called "not next to each other"."""
    from rvucalc.batch.files import MIN_CARRIED_ROWS

    lines = MIN_CARRIED_ROWS + 50
    rows = ["claim_id,code,zip,date"] + ["L,99213,10001,2025-05-02"] * lines + ["M,99214,10001,2025-05-02"]
    source, target = tmp_path / "claims.csv", tmp_path / "priced.csv"
    source.write_text("\n".join(rows) + "\n")
    result = runner.invoke(app, ["batch", str(source), "-o", str(target), "--chunk-rows", "100"])
    assert result.exit_code == 0, result.output
    assert "claim 'L' has more lines than rvucalc holds at once" in result.stderr
    assert "not next to each other" not in result.stderr
    assert len(list(csv.DictReader(target.open()))) == lines + 1
