"""A podiatry trial (claims2.csv, C1 and C2): 28296 (a bunionectomy) and 28285-T6-51 (a hammertoe repair), both
global 090, on one claim at the ASC, and a 99213 17 days later on another claim of the patient: the visit's global
surgery note named 28285, the second line, where the period is the first-ranked procedure's (the one CMS's multiple
procedure rule pays in full: "rank the procedures by fee schedule amount", RVU file documentation, "Multiple Procedure
(Modifier 51)"). Among one date's procedures of one global period the note names the highest physician's fee, on the
claim or across claims, whatever the file's order; the amounts are unchanged."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from rvucalc.batch.files import run_batch
from rvucalc.batch.global_period import (
    postoperative_visit_across_note,
    postoperative_visit_note,
    preoperative_visit_across_note,
    preoperative_visit_note,
)
from rvucalc.lookup.pricer import Pricer

RVU26C = Path(__file__).resolve().parents[1] / "data" / "rvu" / "2026" / "PPRRVU2026_Jul_nonQPP.csv"
HEADER = ["Claim No", "Patient ID", "DOS", "CPT/HCPCS", "Mod 1", "Mod 2", "Units", "POS", "Svc Facility ZIP"]
PHOENIX, SURGERY, VISIT = "85016", "03/03/2026", "03/20/2026"


@pytest.fixture(scope="module")
def pricer() -> Pricer:
    return Pricer()


def _rvu(code: str) -> tuple[str, Decimal]:
    """CMS's global days and facility total RVUs of the code (RVU26C, no modifier)."""
    with RVU26C.open(encoding="latin-1", newline="") as handle:
        row = next(row for row in csv.reader(handle) if row[:2] == [code, ""])
    return row[14], Decimal(row[12])


def _run(pricer: Pricer, tmp_path: Path, rows: list[list[str]]) -> list[dict[str, str]]:
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    run_batch(pricer, str(source), str(target), report=lambda _: None)  # type: ignore[arg-type]
    with target.open(newline="") as handle:
        return list(csv.DictReader(handle))


def _said(row: dict[str, str]) -> list[str]:
    return [part for part in row["note"].split("; ") if "Global surgery package" in part]


def test_cms_ranks_28296_first_and_both_are_090() -> None:
    (bunion_days, bunion), (hammer_days, hammer) = _rvu("28296"), _rvu("28285")
    assert bunion_days == hammer_days == "090" and bunion > hammer


@pytest.mark.parametrize("first", ["28296", "28285"])
def test_a_visit_on_another_claim_names_the_first_ranked_procedure(pricer: Pricer, tmp_path: Path, first: str) -> None:
    lines = {"28296": ["C1", "P1", SURGERY, "28296", "RT", "", "1", "24", PHOENIX],
             "28285": ["C1", "P1", SURGERY, "28285", "T6", "51", "1", "24", PHOENIX]}  # fmt: skip
    procedures = [lines[first], *(line for code, line in lines.items() if code != first)]
    out = _run(pricer, tmp_path, [*procedures, ["C2", "P1", VISIT, "99213", "", "", "1", "11", PHOENIX]])
    assert _said(out[2]) == [postoperative_visit_across_note("28296", dt.date(2026, 3, 3), "090", "C1")]


def test_a_visit_on_the_procedures_claim_names_the_first_ranked_procedure(pricer: Pricer, tmp_path: Path) -> None:
    rows = [["C1", "P1", SURGERY, "28296", "RT", "", "1", "11", PHOENIX],
            ["C1", "P1", SURGERY, "28285", "T6", "51", "1", "11", PHOENIX],
            ["C1", "P1", VISIT, "99213", "", "", "1", "11", PHOENIX]]  # fmt: skip
    out = _run(pricer, tmp_path, rows)
    assert _said(out[2]) == [postoperative_visit_note("28296", dt.date(2026, 3, 3), "090")]


@pytest.mark.parametrize("first", ["28296", "28285"])
@pytest.mark.parametrize("visit_claim", ["C1", "C2"])
def test_a_visit_the_day_before_names_the_first_ranked_procedure(
    pricer: Pricer, tmp_path: Path, first: str, visit_claim: str
) -> None:
    """The day before (§40.1.A's preoperative visit), on the procedures' claim or another of the patient's: the claim's
    own named the lower-ranked 28285 once the period's procedures were ranked, the other claim's the claim's last."""
    lines = {"28296": ["C1", "P1", SURGERY, "28296", "RT", "", "1", "24", PHOENIX],
             "28285": ["C1", "P1", SURGERY, "28285", "T6", "51", "1", "24", PHOENIX]}  # fmt: skip
    procedures = [lines[first], *(line for code, line in lines.items() if code != first)]
    visit = [visit_claim, "P1", "03/02/2026", "99213", "", "", "1", "11", PHOENIX]
    out = _run(pricer, tmp_path, [visit, *procedures])
    said = (preoperative_visit_note("28296", dt.date(2026, 3, 3)) if visit_claim == "C1"
            else preoperative_visit_across_note("28296", dt.date(2026, 3, 3), "C1"))  # fmt: skip
    assert _said(out[0]) == [said]
