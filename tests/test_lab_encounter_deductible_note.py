"""An encounter of CLFS labs alone has no Part B deductible note: clinical lab tests paid under the CLFS owe no
deductible and no coinsurance (SSA §1833(b)(3), §1833(a)(1)(D); payment-rules.md section 5). `price 80053 85025` said
"exclude the CY2026 Part B deductible" though each line said "no coinsurance, no deductible"; a line that owes the
deductible (99213) keeps the note, and batch's run note agrees."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
from typer.testing import CliRunner

from rvucalc.batch.lines import run_notes_of
from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer

CLFS_Q2 = Path(__file__).resolve().parents[1] / "data/clfs/2026/PUF_CLFS_CY2026_Q2V1.csv"
DEDUCTIBLE = "Part B deductible"


def _clfs_rate(code: str) -> Decimal:
    """The code's rate in CMS's CY2026 Q2 CLFS file (no modifier row)."""
    with CLFS_Q2.open(encoding="latin-1", newline="") as handle:
        return next(Decimal(row[5]) for row in csv.reader(handle) if row[:3] == ["2026", code, ""])


def test_labs_alone_have_no_deductible_note(pricer: Pricer) -> None:
    encounter = pricer.price_encounter(["80053", "85025"], zip_code="37203", date_of_service="2026-05-04")
    for line in encounter.lines:
        assert line.paid_by == "clfs" and line.clfs is not None
        assert Decimal(str(line.clfs.amount)) == _clfs_rate(line.code) and line.clfs.beneficiary == 0
    assert not any(DEDUCTIBLE in note for note in [*encounter.notes, *(n for x in encounter.lines for n in x.notes)])
    cli = CliRunner().invoke(app, ["price", "80053", "85025", "--zip", "37203", "--date", "2026-05-04"])
    assert cli.exit_code == 0 and DEDUCTIBLE not in " ".join(cli.stdout.split())


def test_a_line_owing_the_deductible_keeps_the_note(pricer: Pricer) -> None:
    encounter = pricer.price_encounter(["80053", "99213"], zip_code="37203", date_of_service="2026-05-04")
    lab, visit = encounter.lines
    assert lab.clfs is not None and Decimal(str(lab.clfs.amount)) == _clfs_rate("80053")
    assert not any(DEDUCTIBLE in note for note in lab.notes)
    assert any("exclude the CY2026 Part B deductible" in note for note in visit.notes)
    assert any("exclude the CY2026 Part B deductible" in note for note in encounter.notes)


def test_batch_agrees(pricer: Pricer) -> None:
    labs = pa.table({"code": ["80053", "85025"], "date": ["2026-05-04"] * 2, "zip": ["37203"] * 2})
    priced = BatchPricer(pricer).price_table(labs)
    assert not any(DEDUCTIBLE in note for note in run_notes_of(priced))
    assert not any(DEDUCTIBLE in str(cell) for row in priced.to_pylist() for cell in row.values())
    with_visit = pa.table({"code": ["80053", "99213"], "date": ["2026-05-04"] * 2, "zip": ["37203"] * 2})
    assert any(DEDUCTIBLE in note for note in run_notes_of(BatchPricer(pricer).price_table(with_visit)))
