"""A claim's lines billed by NPs, PAs or CNSs (batch's provider column): the claim's rules and notes are a
physician's claim's, apart from the 85% step and the assignment note. A claim is one billing entity's: the lines of
different practitioners on one claim and date are one encounter for the multiple procedure rules (procedures
"performed by a single physician or physicians in the same group practice ... on the same day", Claims Processing
Manual ch. 12 §40.6.A; the diagnostic tests' TC reductions "by the same physician (or by multiple physicians in the
same group practice)"), each practitioner's apart for the rules that are one practitioner's (the imaging PC
reduction, G2211 with its own visit, critical care, E/M in a global period: ``batch.claims.price_claims``).
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


# The review's files: a claim whose lines two practitioners billed (an MD's and an NP's) on one date; the
# ophthalmology group's trial (W2, W3: an MD's and an NP's; X1: two MDs'); two readings of CT studies (imaging PC).
MIXED = [("M1", "11042", "11", "NP"), ("M1", "17110", "11", "MD"),  # ranked together (group practice)
         ("D2", "99213-25", "11", "MD"), ("D2", "G2211", "11", "NP"),  # the NP's G2211: not the MD's 25's
         ("K1", "99291", "21", "MD"), ("K1", "99291", "21", "NP"),  # critical care: each practitioner's own
         ("C1", "29881", "22", "MD"), ("C1", "29877-51", "22", "NP"), ("C2", "29881", "22", "NP"),
         ("C2", "29877-51", "22", "MD"), ("C3", "29881", "22", "PA"), ("C3", "29877", "22", "PA"),
         ("W2", "92134", "11", "MD"), ("W2", "92250", "11", "NP"),  # eye tests: the lower TC 20% off
         ("W3", "67028-RT", "11", "MD"), ("W3", "66821-LT", "11", "NP"),  # 50% off the lower procedure
         ("X1", "67028-RT", "11", "MD"), ("X1", "66821-LT", "11", "MD"),
         ("I1", "70450-26", "22", "MD"), ("I1", "72125-26", "22", "NP"),  # PC: a group's, the lower 5% off
         ("I2", "70450-26", "22", "MD"), ("I2", "72125-26", "22", "MD")]  # fmt: skip
PROVIDER = {"MD": "physician", "NP": "np", "PA": "pa"}


def _mixed(claims: list[str]) -> pa.Table:
    return pa.table({"claim": claims, "code": [m[1].partition("-")[0] for m in MIXED],
                     "modifier": [m[1].partition("-")[2] for m in MIXED], "pos": [m[2] for m in MIXED],
                     "zip": [ZIP] * len(MIXED), "date": [DATE] * len(MIXED),
                     "provider": [m[3] for m in MIXED]})  # fmt: skip


def _encounter_line(pricer: Pricer, claim: str, code: str, who: str) -> Any:
    """The claim's line ``code`` as ``rvucalc price`` prices the claim's codes as one encounter, all billed by ``who``
    (the ranking is by the fee schedule amounts, before an NP's 85%, so one practitioner's line of a claim of two is
    that practitioner's line of the claim priced as theirs alone)."""
    codes = [m[1] for m in MIXED if m[0] == claim]
    pos = next(m[2] for m in MIXED if m[0] == claim)
    lines = pricer.price_encounter(codes, zip_code=ZIP, date_of_service=DATE, provider=PROVIDER[who],
                                   setting=pos).lines  # fmt: skip
    return lines[codes.index(code)]


def test_a_group_s_claim_ranks_its_practitioners_lines_together(pricer: Pricer) -> None:
    """The multiple procedure rules rank a claim's lines across its practitioners (ch. 12 §40.6.A: "a single
    physician or physicians in the same group practice"): each line as the claim priced as its practitioner's."""
    from test_batch_provider_column import _85_percent, _cms_fee

    priced = BatchPricer(pricer).price_table(_mixed([m[0] for m in MIXED])).to_pylist()
    rows = dict(zip([(m[0], m[1], m[3]) for m in MIXED], priced, strict=True))
    for claim, code, who, setting in [("M1", "11042", "NP", "non_facility"), ("M1", "17110", "MD", "non_facility"),
                                      ("C1", "29881", "MD", "facility"), ("C1", "29877-51", "NP", "facility"),
                                      ("C2", "29881", "NP", "facility"), ("C2", "29877-51", "MD", "facility"),
                                      ("W2", "92134", "MD", "non_facility"), ("W2", "92250", "NP", "non_facility"),
                                      ("W3", "67028-RT", "MD", "non_facility"),
                                      ("W3", "66821-LT", "NP", "non_facility"),
                                      ("I1", "70450-26", "MD", "facility"),
                                      ("I1", "72125-26", "NP", "facility")]:  # fmt: skip
        line = _encounter_line(pricer, claim, code, who)
        assert _cents(rows[claim, code, who][f"pfs_{setting}_amount"]) == getattr(line.pfs, setting).amount, claim
    # the eye tests: one of the two (the lower TC) 20% off its TC, as two MDs' (X1's procedures the same as W3's)
    cut = [r for r in (rows["W2", "92134", "MD"], rows["W2", "92250", "NP"]) if "ophthalmology: 20% off" in r["note"]]
    assert len(cut) == 1
    fee = _cms_fee(pricer, "67028", ZIP, 2026)["non_facility"]
    for claim in ("W3", "X1"):  # 67028 is the lower-paid procedure: 50% of CMS's fee, the physician's
        assert abs(_cents(rows[claim, "67028-RT", "MD"]["pfs_non_facility_amount"]) - fee / 2) <= Decimal("0.01")
    assert (
        rows["W3", "67028-RT", "MD"]["pfs_non_facility_amount"]
        == rows["X1", "67028-RT", "MD"]["pfs_non_facility_amount"]
    )
    assert (
        _cents(rows["X1", "66821-LT", "MD"]["pfs_non_facility_amount"])
        == _cms_fee(pricer, "66821", ZIP, 2026)["non_facility"]
    )
    assert _cents(rows["W3", "66821-LT", "NP"]["pfs_non_facility_amount"]) == _85_percent(
        _cms_fee(pricer, "66821", ZIP, 2026)["non_facility"]
    )
    assert "ranked 2 of 2" in rows["M1", "17110", "MD"]["note"] + rows["M1", "11042", "NP"]["note"]


def test_the_rules_of_one_practitioner_stay_each_practitioner_s(pricer: Pricer) -> None:
    """G2211 with its practitioner's own visit (MLN MM13473) and critical care once per date per practitioner of a
    specialty (ch. 12 §30.6.12(I); an NP is specialty 50): each practitioner's lines apart, as a claim of their own."""
    from test_batch_provider_column import _85_percent, _cms_fee

    together = BatchPricer(pricer).price_table(_mixed([m[0] for m in MIXED])).to_pylist()
    apart = BatchPricer(pricer).price_table(_mixed([f"{m[0]}-{m[3]}" for m in MIXED])).to_pylist()
    rows = dict(zip([(m[0], m[1], m[3]) for m in MIXED], together, strict=True))
    from rvucalc.engine.visits import CRITICAL_CARE_TWO_PRACTITIONERS_NOTE

    for n, m in enumerate(MIXED):
        if m[0] == "D2":
            assert together[n] == apart[n], m
        elif m[0] == "K1":  # the amounts each practitioner's alone; the claim's two 99291 noted (ch. 12 §30.6.12)
            assert {**together[n], "note": ""} == {**apart[n], "note": ""}, m
            note = CRITICAL_CARE_TWO_PRACTITIONERS_NOTE
            assert note in together[n]["note"] and note not in apart[n]["note"], m
            assert together[n]["note"].replace(f"; {note}", "").replace(f"{note}; ", "") == apart[n]["note"], m
    g2211 = rows["D2", "G2211", "NP"]
    assert _cents(g2211["pfs_non_facility_amount"]) == _85_percent(_cms_fee(pricer, "G2211", ZIP, 2026)["non_facility"])
    assert "there is none by the same practitioner on this claim and date" in g2211["note"]  # the MD's 99214 is on it
    for who in ("MD", "NP"):
        assert "reported once per date per practitioner" not in rows["K1", "99291", who]["note"]
    # one physician's two readings: the lower 5% off its PC (an MD's and an NP's the same: a group's, I1)
    for code in ("70450-26", "72125-26"):
        line = _encounter_line(pricer, "I2", code, "MD")
        assert _cents(rows["I2", code, "MD"]["pfs_facility_amount"]) == line.pfs.facility.amount
    assert sum("5% off the professional component" in rows["I2", c, "MD"]["note"] for c in ("70450-26", "72125-26"))
    # one practitioner's lines of a claim are still ranked together
    encounter = pricer.price_encounter(["29881", "29877"], zip_code=ZIP, date_of_service=DATE, provider="pa").lines
    for line, code in zip(encounter, ("29881", "29877"), strict=True):
        assert line.pfs.facility.amount is not None
        assert _cents(rows["C3", code, "PA"]["pfs_facility_amount"]) == line.pfs.facility.amount, code
    alone = pricer.price("29881", zip_code=ZIP, date_of_service=DATE, provider="pa").pfs.facility.amount
    assert alone is not None and encounter[0].pfs.facility.amount != alone  # ranked with 29877


def test_mixed_practitioners_price_alike_on_whole_columns_and_by_the_rule_functions(
    pricer: Pricer, monkeypatch: Any
) -> None:
    from rvucalc.batch import claims

    table = _mixed([m[0] for m in MIXED])
    monkeypatch.setattr(claims, "BY_ARRAYS", False)
    slow = BatchPricer(pricer).price_table(table).to_pylist()
    monkeypatch.setattr(claims, "BY_ARRAYS", True)
    assert BatchPricer(pricer).price_table(table).to_pylist() == slow
