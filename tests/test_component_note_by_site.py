"""A global diagnostic test's word of its physician's fee at a facility (``lookup.lines.professional_component_note``:
CODE-26's PFS facility amount) is about the hospital, ASC or inpatient stay: `rvucalc price --setting 11`, which shows
the office alone, and a batch row set in the office label it as the hopd_*/asc_* comparison's, as the place warnings
and encounter notes there are (batch.price.FACILITY_COMPARISON_ONLY), one text in both; elsewhere it stays as it
was."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.batch.price import FACILITY_COMPARISON_ONLY
from rvucalc.cli import app
from rvucalc.lookup.lines import (
    COMPONENT_COMPARISON_ONLY,
    PRICE_COMPONENT_ELSEWHERE,
    component_note_comparison_only,
    professional_component_note,
)

NOTE = professional_component_note("71046")


def _price_notes(*args: str) -> list[str]:
    done = CliRunner().invoke(app, ["price", "71046", "--zip", "30309", *args, "-f", "json"])
    assert done.exit_code == 0, done.output
    return list(json.loads(done.stdout)["notes"])


def test_an_office_only_price_labels_the_facility_fee_note() -> None:
    """A trial: `price 71046 --zip 30309 --setting 11` showed the office alone, yet said "Physician's fee at a
    hospital, ASC or inpatient stay: 71046-26's PFS facility amount" as if of its site."""
    office = _price_notes("--setting", "11")
    # price's own words: it has no hopd_*/asc_* columns (a review found batch's label on `price 71046 --setting 11`)
    said = component_note_comparison_only(NOTE, PRICE_COMPONENT_ELSEWHERE)
    assert NOTE not in office and said in office and "hopd_*" not in said and "(not this office line's amount)" in said
    # batch's label of that text is batch's own (test_differential compares price's notes with batch's so)
    assert component_note_comparison_only(said) == component_note_comparison_only(NOTE)
    assert NOTE in _price_notes()  # every site shown
    assert NOTE in _price_notes("--setting", "22")  # the hospital's
    assert NOTE in _price_notes("--setting", "21")  # an inpatient stay's


def test_batch_office_rows_label_it_as_the_comparison(tmp_path: Path) -> None:
    """Batch's office rows said it unlabelled, where the place warnings on them carry the hopd_*/asc_* label."""
    labelled = component_note_comparison_only(NOTE)
    assert labelled != NOTE and COMPONENT_COMPARISON_ONLY in labelled
    assert FACILITY_COMPARISON_ONLY.split(": ")[0].endswith(COMPONENT_COMPARISON_ONLY.strip())
    rows = [{"code": "71046", "zip": "30309", "pos": pos} for pos in ("11", "22", "21", "")]
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    parts = [row["note"].split("; ") for row in out]
    # (the office row's: its comparison_note, as the hopd_*/asc_* columns' alone)
    assert labelled in out[0]["comparison_note"].split("; ") and NOTE not in parts[0] and labelled not in parts[0]
    for said in parts[1:]:
        assert NOTE in said and labelled not in said
