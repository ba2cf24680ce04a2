"""Modifier 79 where it starts no global period (a general surgery trial, Minneapolis, locality 06202-00).

`price 99233-79 --setting 21 --zip 55455 --date 2025-06-02` said "a new global period starts, and the multiple
procedure rules still apply to the line": 99233's GLOB DAYS is XXX in CMS's RVU file (no global period) and its
multiple procedure indicator 0, and an unrelated E/M in a postoperative period is billed with 24. `47562-80-79` (an
assistant at surgery) said the same, where global surgery rules do not apply to assistants (Palmetto GBA, "CPT
Modifier 79": such a line is returned as unprocessable, MA130). The amounts are unchanged: CMS's RVU x GPCI x CF
(RVU25A, GPCI2025), rounded half-up once; the assistant's 16% of the rounded fee (ch. 12 §40, §20.4.3).
"""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pyarrow as pa

from rvucalc.batch.price import BatchPricer
from rvucalc.lookup.lines import MODIFIER_79_NOTE
from rvucalc.lookup.pricer import Pricer

DATA = Path(__file__).resolve().parents[1] / "data"
WHERE = {"zip_code": "55455", "date_of_service": "2025-06-02", "setting": "21"}


def _rvu_row(code: str) -> list[str]:
    with (DATA / "rvu" / "2025/PPRRVU25_JAN.csv").open(encoding="latin-1", newline="") as handle:
        return next(row for row in csv.reader(handle) if row[:2] == [code, ""])


def _minnesota_facility(code: str) -> Decimal:
    """The PFS facility amount in Minnesota (06202-00) from RVU25A and GPCI2025, rounded half-up once."""
    row = _rvu_row(code)
    with (DATA / "gpci/2025/GPCI2025.csv").open(encoding="latin-1", newline="") as handle:
        gpci = next(line for line in csv.reader(handle) if line[0] == "06202" and line[2] == "00")[4:7]
    rvus = Decimal(row[5]) * Decimal(gpci[0]) + Decimal(row[8]) * Decimal(gpci[1]) + Decimal(row[10]) * Decimal(gpci[2])
    return (rvus * Decimal(row[24])).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _batch_row(pricer: Pricer, code: str, modifier: str) -> dict[str, object]:
    table = pa.table({"code": [code], "modifier": [modifier], "zip": ["55455"], "date": ["2025-06-02"],
                      "setting": ["21"]})  # fmt: skip
    return BatchPricer(pricer).price_table(table).to_pylist()[0]


def test_79_on_a_visit_says_it_starts_no_global_period_and_names_24(pricer: Pricer) -> None:
    assert _rvu_row("99233")[14] == "XXX"  # CMS's GLOB DAYS: no global period
    result = pricer.price("99233-79", **WHERE)
    said = [note for note in result.notes if "Modifier 79" in note]
    assert MODIFIER_79_NOTE not in result.notes and len(said) == 1
    assert "global period is XXX" in said[0] and "billed with 24" in said[0]
    assert result.pfs.facility.amount == _minnesota_facility("99233") == Decimal("110.78")
    row = _batch_row(pricer, "99233", "79")
    assert said[0] in str(row["note"]) and MODIFIER_79_NOTE not in str(row["note"])
    assert Decimal(str(row["pfs_facility_amount"])) == result.pfs.facility.amount


def test_79_on_an_assistant_s_line_says_the_global_rules_do_not_apply(pricer: Pricer) -> None:
    assert _rvu_row("47562")[14] == "090"
    result = pricer.price("47562-80-79", **WHERE)
    said = [note for note in result.notes if "Modifier 79" in note]
    assert MODIFIER_79_NOTE not in result.notes and len(said) == 1 and "MA130" in said[0]
    fee = _minnesota_facility("47562")
    assert result.pfs.facility.amount == (fee * Decimal("0.16")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    row = _batch_row(pricer, "47562", "80-79")
    assert said[0] in str(row["note"])


def test_79_on_a_surgeon_s_procedure_keeps_its_note(pricer: Pricer) -> None:
    result = pricer.price("47562-79", **WHERE)
    assert MODIFIER_79_NOTE in result.notes
    assert result.pfs.facility.amount == _minnesota_facility("47562") == Decimal("595.18")


def test_79_on_an_assistant_s_line_is_counted_and_named_among_the_unprocessable(tmp_path: Path) -> None:
    """Batch counted the assistant's 79 line among the rows Medicare returns as unprocessable (its note says so), while
    stderr's list of reasons did not name it (a cardiothoracic trial's review): it does, with the remark code."""
    from typer.testing import CliRunner

    from rvucalc.cli import app

    source = tmp_path / "claims.csv"
    source.write_text("code,modifier,zip,date,pos\n47562,80-79,55455,2025-06-02,21\n47562,80,55455,2025-06-02,21\n")
    out, summary = tmp_path / "out.csv", tmp_path / "summary.json"
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--summary", str(summary)])
    assert done.exit_code == 0, done.output
    said = " ".join(done.stderr.split())
    assert "1 row Medicare returns as unprocessable (" in said, said
    assert "79 on an assistant at surgery's line, MA130" in said
    assert json.loads(summary.read_text())["unprocessable"] == 1
