"""A claim's lines billed by NPs, PAs or CNSs (batch's provider column): the claim's rules and notes are a
physician's claim's, apart from the 85% step and the assignment note; the lines of different practitioners on one
claim and date are separate encounters for the PFS rules (CMS's multiple surgery rule: procedures "performed by a
single physician or physicians in the same group practice ... on the same day", Claims Processing Manual ch. 12
§40.6; critical care "once per date per practitioner"; G2211 with its own visit, MLN MM13473).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer, Scenario
from rvucalc.cli import app
from rvucalc.lookup.lines import MANDATORY_ASSIGNMENT_NOTE
from rvucalc.lookup.pricer import Pricer

DATE, ZIP = "2026-03-02", "75901"
# The review's cc.csv: critical care and its add-on, a visit and G2211, G0316 beside an office visit (not its primary).
CC = [("K1", "99291", "21"), ("K1", "99292", "21"), ("K2", "99213", "11"), ("K2", "G2211", "11"),
      ("K3", "G0316", "11"), ("K3", "99215", "11")]  # fmt: skip


def _table(rows: list[tuple[str, str, str]], provider: list[str] | None = None) -> pa.Table:
    columns: dict[str, Any] = {"claim": [r[0] for r in rows], "code": [r[1] for r in rows], "pos": [r[2] for r in rows],
                               "zip": [ZIP] * len(rows), "date": [DATE] * len(rows)}  # fmt: skip
    if provider is not None:
        columns["provider"] = provider
    return pa.table(columns)


def _without_the_practitioner(note: str) -> list[str]:
    """A row's notes less the ones a non-physician's line adds (the assignment note, the 85% step)."""
    return [part for part in note.replace(MANDATORY_ASSIGNMENT_NOTE, "").split("; ")
            if part and "billing under own number: 85%" not in part]  # fmt: skip


def test_a_non_physician_s_claim_has_a_physician_s_claim_notes(pricer: Pricer) -> None:
    physician = BatchPricer(pricer).price_table(_table(CC)).to_pylist()
    for cell in ("NP", "PA", "CNS"):
        theirs = BatchPricer(pricer).price_table(_table(CC, [cell] * len(CC))).to_pylist()
        for line, mine, md in zip(CC, theirs, physician, strict=True):
            assert _without_the_practitioner(mine["note"]) == _without_the_practitioner(md["note"]), (cell, line)
    # and the run's --provider alike; no "add-on alone" note where the claim has the primary (price 99291 99292 -p np)
    theirs = BatchPricer(pricer, Scenario.parse(provider="np")).price_table(_table(CC)).to_pylist()
    for line, mine, md in zip(CC, theirs, physician, strict=True):
        assert _without_the_practitioner(mine["note"]) == _without_the_practitioner(md["note"]), line
    assert "there is no 99291" not in theirs[1]["note"] and "there is none" not in theirs[3]["note"]
    encounter = pricer.price_encounter(["99291", "99292"], zip_code=ZIP, date_of_service=DATE, provider="np")
    assert not any("there is no 99291" in note for note in encounter.lines[1].notes)


def test_a_claim_of_one_line_says_the_add_on_is_alone_in_batch_as_in_price(pricer: Pricer, tmp_path: Path) -> None:
    import json

    for code in ("G2211", "99292", "G0316"):
        single = pricer.price(code, zip_code=ZIP, date_of_service=DATE)
        alone = [n for n in single.notes if "add-on" in n]
        assert alone, code
        source = tmp_path / f"{code}.csv"
        source.write_text(f"claim,code,zip,date\nE1,{code},{ZIP},{DATE}\n")
        result = CliRunner().invoke(app, ["batch", str(source), "-f", "json", "-q"])
        assert result.exit_code == 0, result.output
        [row] = json.loads(result.stdout)
        assert all(note in row["note"] for note in alone), (code, row["note"])
        # the same claim beside another claim (a claim of one line among others) says it too
        two = pa.table({"claim": ["E1", "E2"], "code": [code, "99213"], "zip": [ZIP] * 2, "date": [DATE] * 2})
        out = BatchPricer(pricer).price_table(two).to_pylist()[0]
        assert all(note in out["note"] for note in alone), (code, out["note"])


def _cents(value: Any) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


# The review's files: a claim whose lines two practitioners billed (an MD's and an NP's) on one date.
MIXED = [("M1", "11042", "11", "NP"), ("M1", "17110", "11", "MD"),  # ranked together: 17110 at 50% by the NP's line
         ("D2", "99213-25", "11", "MD"), ("D2", "G2211", "11", "NP"),  # the NP's G2211 paid $0.00 by the MD's 25
         ("K1", "99291", "21", "MD"), ("K1", "99291", "21", "NP"),  # "once per date per practitioner" on both
         ("C1", "29881", "22", "MD"), ("C1", "29877-51", "22", "NP"), ("C2", "29881", "22", "NP"),
         ("C2", "29877-51", "22", "MD"), ("C3", "29881", "22", "PA"), ("C3", "29877", "22", "PA")]  # fmt: skip


def _mixed(claims: list[str]) -> pa.Table:
    return pa.table({"claim": claims, "code": [m[1].partition("-")[0] for m in MIXED],
                     "modifier": [m[1].partition("-")[2] for m in MIXED], "pos": [m[2] for m in MIXED],
                     "zip": [ZIP] * len(MIXED), "date": [DATE] * len(MIXED),
                     "provider": [m[3] for m in MIXED]})  # fmt: skip


def test_each_practitioner_s_lines_of_a_claim_are_an_encounter_of_their_own(pricer: Pricer) -> None:
    from test_batch_provider_column import _85_percent, _cms_fee

    together = BatchPricer(pricer).price_table(_mixed([m[0] for m in MIXED])).to_pylist()
    # the same lines, each practitioner's under a claim of their own
    apart = BatchPricer(pricer).price_table(_mixed([f"{m[0]}-{m[3]}" for m in MIXED])).to_pylist()
    assert together == apart
    rows = dict(zip([(m[0], m[1], m[3]) for m in MIXED], together, strict=True))
    # CMS's fee in full for the MD's 17110 (no NP's 11042 ranks it second), 85% of it for the NP's 11042
    assert (
        _cents(rows["M1", "17110", "MD"]["pfs_non_facility_amount"])
        == _cms_fee(pricer, "17110", ZIP, 2026)["non_facility"]
    )
    nurse = _85_percent(_cms_fee(pricer, "11042", ZIP, 2026)["non_facility"])
    assert _cents(rows["M1", "11042", "NP"]["pfs_non_facility_amount"]) == nurse
    assert "ranked" not in rows["M1", "17110", "MD"]["note"] + rows["M1", "11042", "NP"]["note"]
    # the NP's G2211 is not paid $0.00 for the MD's 99213-25: 85% of CMS's fee, and said to be without its visit
    g2211 = rows["D2", "G2211", "NP"]
    assert _cents(g2211["pfs_non_facility_amount"]) == _85_percent(_cms_fee(pricer, "G2211", ZIP, 2026)["non_facility"])
    assert "there is none on this claim and date" in g2211["note"]
    for who in ("MD", "NP"):
        assert "reported once per date per practitioner" not in rows["K1", "99291", who]["note"]
    # one practitioner's lines of a claim are still ranked together
    encounter = pricer.price_encounter(["29881", "29877"], zip_code=ZIP, date_of_service=DATE, provider="pa").lines
    for line, code in zip(encounter, ("29881", "29877"), strict=True):
        assert line.pfs.facility.amount is not None
        assert _cents(rows["C3", code, "PA"]["pfs_facility_amount"]) == line.pfs.facility.amount, code
    alone = pricer.price("29881", zip_code=ZIP, date_of_service=DATE, provider="pa").pfs.facility.amount
    assert alone is not None and encounter[0].pfs.facility.amount != alone  # ranked with 29877
