"""A claim's lines priced together wherever they are in a file short enough to hold (``batch.regroup``).

A PT practice's remittance, sorted by CPT, had each visit cut into several encounters: the multiple procedure
reduction lost and "5 claims underpaid" that were paid right."""

from __future__ import annotations

import csv
import json
import random
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from rvucalc.batch.claims import SCATTERED_CLAIM_NOTE
from rvucalc.batch.files import run_batch
from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer

runner = CliRunner()
HEADER = ["Claim ID", "CPT Code", "Mod 1", "Date of Service", "POS", "Zip Code", "Units"]
# Claim shapes whose encounter rules change amounts: a knee's procedures ranked, an endoscopy family, imaging of
# contiguous body parts, therapy's practice expense reduction, a visit with 25 and biopsies (an add-on).
SHAPES = [
    [("27447", ""), ("29881", ""), ("20610", "")],
    [("45378", ""), ("45380", ""), ("45385", "")],
    [("70450", ""), ("70486", ""), ("99284", "25")],
    [("97110", "GP"), ("97140", "GP"), ("97530", "GP")],
    [("99213", "25"), ("11102", ""), ("11103", "")],
]


def _claims(count: int, seed: int, bad: bool = True) -> list[list[str]]:
    """Claims of the shapes, each on one date, place and ZIP, and a bad line (an unknown code) in the eighth."""
    assert count > 7 or not bad
    pick = random.Random(seed)
    rows = []
    for number in range(count):
        claim, date = f"CL{number:04d}", f"2026-0{pick.randint(1, 6)}-1{pick.randint(0, 9)}"
        place, zip_code = pick.choice(["11", "22", "24", "21"]), pick.choice(["30301", "10001", "60611"])
        rows += [[claim, code, modifier, date, place, zip_code, "1"] for code, modifier in pick.choice(SHAPES)]
    if bad:
        rows.insert(22, ["CL0007", "9999X", "", rows[21][3], "11", "30301", "1"])
    return rows


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="") as out:
        csv.writer(out).writerows([HEADER, *rows])
    return path


def _read(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.open(newline="")))


def test_a_remit_sorted_by_cpt_prices_each_row_as_its_claim_sorted_file_in_the_files_own_order(tmp_path: Path) -> None:
    rows = sorted(_claims(300, seed=5), key=lambda row: row[1])
    by_code = _write(tmp_path / "by_code.csv", rows)
    # As the stderr line of a file too long to hold says: sorted by claim id (a claim's lines keep their order).
    by_claim = _write(tmp_path / "by_claim.csv", sorted(rows, key=lambda row: row[0]))
    expected = {(row["Claim ID"], row["CPT Code"]): row for row in _read_priced(by_claim, tmp_path / "a.csv")}
    for chunk in ("100000", "100"):
        target, summary = tmp_path / f"b{chunk}.csv", tmp_path / f"b{chunk}.json"
        result = runner.invoke(app, ["batch", str(by_code), "-o", str(target), "--summary", str(summary),
                                     "--chunk-rows", chunk])  # fmt: skip
        assert result.exit_code == 1, result.output  # the bad line
        said = [line for line in result.stderr.splitlines() if "brought together" in line]
        assert said == [
            "rvucalc: 300 claims had lines that are not next to each other in the file: each claim's lines "
            "were brought together and priced as one claim (the output keeps the file's order)"
        ], result.stderr
        assert "sort the file by claim" not in result.stderr
        priced = _read(target)
        assert [(row["Claim ID"], row["CPT Code"]) for row in priced] == [(row[0], row[1]) for row in rows]
        for row in priced:
            assert row == expected[row["Claim ID"], row["CPT Code"]]
        counts = json.loads(summary.read_text())
        assert (counts["regrouped_claims"], counts["split_claims"]) == (300, 0)
    assert any("Multiple procedure: ranked 2 of" in row["note"] for row in priced)
    assert any("the rules ran without line" in row["note"] for row in priced if row["Claim ID"] == "CL0007")


def _read_priced(source: Path, target: Path) -> list[dict[str, str]]:
    result = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    assert result.exit_code == 1, result.output
    assert "not next to each other" not in result.stderr
    return _read(target)


def test_a_claims_second_procedure_after_another_claim_is_paid_as_rvucalc_price_pays_it(tmp_path: Path) -> None:
    """27447 and 29881 of claim A with claim B between them: 29881 at 50% (ch. 12 §40.6.2), as `rvucalc price 27447
    29881`, not in full as an encounter of its own, and on stdout too."""
    source = _write(tmp_path / "remit.csv", [["A", "27447", "", "2026-08-03", "21", "10001", "1"],
                                             ["B", "99213", "", "2026-08-03", "11", "10001", "1"],
                                             ["A", "29881", "", "2026-08-03", "21", "10001", "1"]])  # fmt: skip
    result = runner.invoke(app, ["batch", str(source)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(result.stdout.splitlines()))
    assert [row["CPT Code"] for row in rows] == ["27447", "99213", "29881"]
    alone = Pricer().price("29881", zip_code="10001", date_of_service="2026-08-03").pfs.facility.amount
    assert alone is not None
    assert Decimal(rows[2]["pfs_facility_amount"]) == (alone / 2).quantize(Decimal("0.01"))
    assert SCATTERED_CLAIM_NOTE not in rows[2]["note"] and "ranked 2 of 2" in rows[2]["note"]


def test_a_ragged_lines_error_stays_on_its_own_row_when_claims_are_brought_together(tmp_path: Path) -> None:
    """A line with an extra field makes the csv-module reader read the file, whose errors are by row: they follow
    their rows through the claim order and back."""
    text = ("Claim ID,CPT Code,Date of Service,POS,Zip Code\nA,27447,2026-08-03,21,10001\n"
            "B,99213,2026-08-03,11,10001\nC,99214,2026-08-03,11,10001,extra\nA,29881,2026-08-03,21,10001\n"
            "B,20610,2026-08-03,11,10001\n")  # fmt: skip
    (tmp_path / "ragged.csv").write_text(text)
    result = runner.invoke(app, ["batch", str(tmp_path / "ragged.csv"), "-o", str(tmp_path / "out.csv")])
    assert "2 claims had lines that are not next to each other" in result.stderr, result.stderr
    rows = _read(tmp_path / "out.csv")
    assert [row["CPT Code"] for row in rows] == ["27447", "99213", "99214", "29881", "20610"]
    assert [bool(row["error"]) for row in rows] == [False, False, True, False, False]
    assert "ranked 2 of 2" in rows[3]["note"]


def test_a_file_too_long_to_hold_is_read_as_it_comes(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("rvucalc.batch.regroup.REGROUP_ROWS", 4)
    rows = _claims(8, seed=1)
    source = _write(tmp_path / "by_code.csv", sorted(rows, key=lambda row: row[1]))
    result = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv")])
    assert "brought together" not in result.stderr
    said = "sort the file by claim id to price each claim as one encounter (rvucalc does it itself in a file of up to 4"
    said += " rows and 160 MB as read)"
    assert said in result.stderr
    assert any(SCATTERED_CLAIM_NOTE in row["note"] for row in _read(tmp_path / "out.csv"))


# No bad line: its note names its line's number in its claim, which the claim's own order decides.
ROWS = _claims(8, seed=9, bad=False)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(shuffled=st.permutations(range(len(ROWS))))
def test_claims_interleaved_in_any_way_price_each_row_the_same(tmp_path: Path, shuffled: list[int]) -> None:
    """The rows in any order that keeps each claim's lines in their order (which decides ties: two procedures of
    one rate, the first paid in full)."""
    lines_of: dict[str, list[int]] = {}
    for at, row in enumerate(ROWS):
        lines_of.setdefault(row[0], []).append(at)
    order = [lines_of[ROWS[at][0]].pop(0) for at in shuffled]  # claim by claim, each claim's next line
    pricer = Pricer()
    outputs = []
    for name, rows in (("sorted", ROWS), ("shuffled", [ROWS[at] for at in order])):
        source, target = _write(tmp_path / f"{name}.csv", rows), tmp_path / f"{name}-out.csv"
        run_batch(pricer, str(source), str(target))
        outputs.append(_read(target))
    shuffled = outputs[1]
    assert [(row["Claim ID"], row["CPT Code"]) for row in shuffled] == [(ROWS[at][0], ROWS[at][1]) for at in order]
    assert [shuffled[order.index(at)] for at in range(len(ROWS))] == outputs[0]


def _written(path: Path, fmt: str) -> list[dict[str, object]]:
    """An output's rows as dictionaries, whatever its format."""
    if fmt == "csv":
        return [dict(row) for row in _read(path)]
    if fmt == "json":
        return list(json.loads(path.read_text()))
    if fmt == "parquet":
        import pyarrow.parquet as pq

        return list(pq.read_table(path).to_pylist())
    from openpyxl import load_workbook

    sheet = load_workbook(path, read_only=True).worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    width = len(values[0])  # a read-only sheet's row ends at its last cell with a value
    return [dict(zip(values[0], (*row, *[None] * (width - len(row))), strict=True)) for row in values[1:]]


def test_a_regrouped_file_longer_than_memory_holds_is_written_back_from_disk_the_same(  # type: ignore[no-untyped-def]
    tmp_path: Path, monkeypatch
) -> None:
    """Past ``held_output.MEMORY_ROWS`` the priced chunks wait on disk (runs of record batches): runs, batches and
    the written slices cut at other rows than the chunks, and every format gives the rows the output in memory gave."""
    rows = sorted(_claims(120, seed=3), key=lambda row: row[1])
    source = _write(tmp_path / "by_code.csv", rows)
    by_claim = _write(tmp_path / "by_claim.csv", sorted(rows, key=lambda row: row[0]))
    for fmt in ("csv", "json", "parquet", "xlsx"):
        result = runner.invoke(app, ["batch", str(by_claim), "-o", str(tmp_path / f"by_claim-out.{fmt}")])
        assert result.exit_code == 1 and "not next to each other" not in result.stderr, result.output
        expected = {(row["Claim ID"], row["CPT Code"]): row for row in _written(tmp_path / f"by_claim-out.{fmt}", fmt)}
        outputs = []
        for memory_rows, batch_rows, slice_rows in ((10**9, 4096, 50_000), (41, 7, 97)):
            monkeypatch.setattr("rvucalc.batch.held_output.MEMORY_ROWS", memory_rows)
            monkeypatch.setattr("rvucalc.batch.held_output.BATCH_ROWS", batch_rows)
            monkeypatch.setattr("rvucalc.batch.files.HELD_SLICE_ROWS", slice_rows)
            target = tmp_path / f"out-{memory_rows}.{fmt}"
            result = runner.invoke(app, ["batch", str(source), "-o", str(target), "--chunk-rows", "100"])
            assert result.exit_code == 1, result.output  # the bad line
            assert "120 claims had lines that are not next to each other" in result.stderr, result.stderr
            outputs.append(_written(target, fmt))
        assert len(outputs[1]) == len(rows)
        assert [(row["Claim ID"], row["CPT Code"]) for row in outputs[1]] == [(row[0], row[1]) for row in rows]
        assert outputs[1] == outputs[0], fmt
        assert [expected[row["Claim ID"], row["CPT Code"]] for row in outputs[1]] == outputs[1], fmt
    assert any("Multiple procedure: ranked 2 of" in str(row["note"]) for row in outputs[1])


def test_the_held_output_gives_each_file_row_once_in_the_files_order_from_memory_and_disk(  # type: ignore[no-untyped-def]
    monkeypatch,
) -> None:
    """``HeldOutput`` alone: chunks of a shuffled order, some on disk (dictionary columns too), read back in any
    slices, are the file's rows in order (dictionary columns as plain text)."""
    import numpy as np
    import pyarrow as pa

    from rvucalc.batch.held_output import HeldOutput

    monkeypatch.setattr("rvucalc.batch.held_output.BATCH_ROWS", 5)
    file_rows = np.random.default_rng(7).permutation(203)
    held = HeldOutput(memory_rows=60)
    for start in range(0, 203, 23):
        rows = file_rows[start : start + 23]
        texts = pa.array([f"note {row % 9}" for row in rows.tolist()]).dictionary_encode()
        held.add(pa.table({"row": pa.array(rows), "note": texts}), rows)
    assert len(held._runs) == 3  # 69, 69 and 65 rows went to disk; 0 stayed in memory
    for size in (1, 17, 203):
        parts = [held.between(start, min(start + size, 203)) for start in range(0, 203, size)]
        table = pa.concat_tables(parts)
        assert table.column("row").to_pylist() == list(range(203))
        assert table.column("note").to_pylist() == [f"note {row % 9}" for row in range(203)]
        assert all(part.schema.field("note").type == pa.string() for part in parts)
    held.close()


def test_a_remit_of_over_100000_lines_sorted_by_cpt_has_each_claim_priced_together(tmp_path: Path) -> None:
    """Sessions before held every row's output in memory (~2.6 KB a row), so only files of up to 100,000 rows were
    regrouped; the output now waits on disk and the limit is a million rows."""
    claims = 50_025
    rows = [[f"K{number:06d}", "27447", "", "2026-08-03", "21", "10001", "1"] for number in range(claims)]
    rows += [[f"K{number:06d}", "29881", "", "2026-08-03", "21", "10001", "1"] for number in range(claims)]
    source, target = _write(tmp_path / "by_code.csv", rows), tmp_path / "out.csv"
    result = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert f"{claims:,} claims had lines that are not next to each other" in result.stderr, result.stderr
    priced = _read(target)
    assert [(row["Claim ID"], row["CPT Code"]) for row in priced] == [(row[0], row[1]) for row in rows]
    alone = Pricer().price("29881", zip_code="10001", date_of_service="2026-08-03").pfs.facility.amount
    assert alone is not None
    half = str((alone / 2).quantize(Decimal("0.01")))
    assert {(row["pfs_facility_amount"], "ranked 2 of 2" in row["note"]) for row in priced[claims:]} == {(half, True)}


class _Columns:
    def __init__(self, claim: int | None) -> None:
        self.claim = claim

    def position(self, role: str) -> int | None:
        return self.claim if role == "claim" else None


def _pulled_before_first(claim: int | None, chunk_bytes: int, monkeypatch) -> int:  # type: ignore[no-untyped-def]
    """How many of ten chunks ``claims_together`` reads before it gives the first."""
    import pyarrow as pa

    from rvucalc.batch.regroup import Regrouping, claims_together

    monkeypatch.setattr("rvucalc.batch.regroup.REGROUP_BYTES", chunk_bytes * 3 + 1)
    pulled = []

    def chunks():  # type: ignore[no-untyped-def]
        for number in range(10):
            pulled.append(number)
            yield pa.table({"claim": [f"C{number}"] * 4, "code": ["99213"] * 4}), {}

    next(claims_together(chunks(), lambda table: _Columns(claim), 4, Regrouping()))  # type: ignore[arg-type,return-value]
    return len(pulled)


def test_a_file_without_a_claim_column_or_past_the_bytes_limit_is_read_as_it_comes(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A review: any file of up to a million rows was read whole before pricing, one with no claim column too (a wide
    one peaked 0.33-0.5 GB higher). No claim column: the first chunk is given at once; with one, chunks are held until
    REGROUP_BYTES is passed, then given as they come."""
    import pyarrow as pa

    size = pa.table({"claim": ["C0"] * 4, "code": ["99213"] * 4}).nbytes
    assert _pulled_before_first(None, size, monkeypatch) == 1
    assert _pulled_before_first(0, size, monkeypatch) == 4
    assert _pulled_before_first(0, size * 100, monkeypatch) == 10


def test_a_repeated_header_between_a_claims_lines_at_a_chunks_end_does_not_cut_the_claim(tmp_path: Path) -> None:
    """A review's report: 98 one-line claims, then claim A's 27447, the header again (a page break), A's 29881: with
    --chunk-rows 100 the chunk was cut at the header and 29881 paid in full ($596.66 in Manhattan) beside 27447."""
    filler = [[f"F{number:03d}", "99213", "", "08/03/2026", "11", "10001", "1"] for number in range(248)]
    rows = [*filler[:98], ["A", "27447", "", "08/03/2026", "22", "10001", "1"], HEADER,
            ["A", "29881", "", "08/03/2026", "22", "10001", "1"], *filler[98:]]  # fmt: skip
    source, target = _write(tmp_path / "report.csv", rows), tmp_path / "out.csv"
    result = runner.invoke(app, ["batch", str(source), "-o", str(target), "--chunk-rows", "100"])
    assert result.exit_code == 1, result.output  # the header line is a row error (report line)
    assert "not next to each other" not in result.stderr and "more lines than" not in result.stderr, result.stderr
    priced = {row["CPT Code"]: row for row in _read(target) if row["Claim ID"] == "A"}
    alone = Pricer().price("29881", zip_code="10001", date_of_service="2026-08-03").pfs.facility.amount
    assert alone is not None
    assert Decimal(priced["29881"]["pfs_facility_amount"]) == (alone / 2).quantize(Decimal("0.01"))
    assert "ranked 2 of 2" in priced["29881"]["note"]
