"""Conditional packaging (OPPS SI Q1, Q2, Q4) is the claim's, on all its dates, in batch.

OPPS Addendum D1 packages a Q1 code "if billed on the same claim as a HCPCS code assigned status indicator 'S,' 'T,' or
'V'", a Q2 code with a 'T' one, a Q4 lab with a J1, J2, S, T, V, Q1, Q2 or Q3 one. Until CY2016 Q1 and Q2 packaged what
was "provided on the same date of service"; the CY2017 OPPS/ASC final rule (CMS-1656-FC, 81 FR 79562) moved "all
conditional packaging status indicators" to "the claim level" (CR 9930, January 2017). Batch priced a claim's lines one
date at a time: 96372 (SI Q1) the day after 20610 (SI T) on the same hospital claim was paid its APC. Now a claim's
hospital lines on every date decide the packaging together, as ``rvucalc price`` of the same codes on one date does;
each line keeps its own date's release, and the other rules (the SI T discount ...) stay per date. The SIs are those of
the shipped October 2025 Addendum B.
"""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
from typer.testing import CliRunner

from rvucalc.batch.encounter_arrays import claim_conditional_rule
from rvucalc.batch.price import BatchPricer
from rvucalc.engine.facility import (
    CONDITIONAL_LAB_REASON,
    CONDITIONAL_PACKAGING,
    CONDITIONAL_SEVERAL_FIGURES,
    CONDITIONAL_SEVERAL_NOTE,
    conditional_lab_note,
)
from rvucalc.errors import RvucalcError
from rvucalc.lookup.pricer import Pricer

COLUMNS = ["claim", "code", "date", "setting", "zip"]
ZIP = "10001"
runner = CliRunner()


from test_batch_claims import claim_after_a_chunk_of_filler  # noqa: E402
from test_opps_q4_labs import _money  # noqa: E402


def priced_both_ways(pricer: Pricer, table: pa.Table, monkeypatch: Any) -> list[dict[str, Any]]:
    """The table priced on whole columns and through the rule functions: the same output both ways."""
    from rvucalc.batch import claims

    monkeypatch.setattr(claims, "BY_ARRAYS", False)
    slow = BatchPricer(pricer).price_table(table).to_pylist()
    monkeypatch.setattr(claims, "BY_ARRAYS", True)
    fast = BatchPricer(pricer).price_table(table).to_pylist()
    assert fast == slow
    return fast


def _priced(pricer: Pricer, rows: list[dict[str, str]], monkeypatch: Any) -> list[dict[str, Any]]:
    full = [{"setting": "22", "zip": ZIP, **row} for row in rows]  # the hospital (POS 22), Manhattan
    return priced_both_ways(pricer, pa.table({name: [row[name] for row in full] for name in COLUMNS}), monkeypatch)


def _alone(pricer: Pricer, code: str, date: str) -> Any:
    return pricer.price(code, zip_code=ZIP, date_of_service=date, setting="hopd").opps


def test_q1_q2_and_q4_lines_are_packaged_by_a_t_procedure_on_another_date_of_their_claim(
    pricer: Pricer, addendum_b: Any, monkeypatch: Any
) -> None:
    """Claim C: 20610 (SI T) on 2025-09-30 (the January 2025 Addendum B in force), 96372 (Q1) on 2025-10-01, 12006
    (Q2) and 85025 (Q4) on 2025-10-02 (October 2025): the T procedure is paid its own date's APC, the others $0.00 at
    the hospital, their notes naming 20610 and its date; `rvucalc price` of the four codes on one date packages the
    same lines. Each row keeps its own date's OPPS release."""
    assert [addendum_b[c][0] for c in ("20610", "96372", "12006", "85025")] == ["T", "Q1", "Q2", "Q4"]
    cells = [("2025-09-30", "20610"), ("2025-10-01", "96372"), ("2025-10-02", "12006"), ("2025-10-02", "85025")]
    out = _priced(pricer, [{"claim": "C", "date": d, "code": c} for d, c in cells], monkeypatch)
    t = _alone(pricer, "20610", "2025-09-30")
    assert (t.rate, t.status_indicator) == (Decimal("350.77"), "T")
    assert _money(out[0]["opps_rate"]) == t.rate and _money(out[0]["opps_copayment"]) == t.copayment
    assert [row["opps_release"] for row in out] == ["2025-01", "2025-10", "2025-10", "2025-10"]
    for row, kind in ((out[1], "Q1"), (out[2], "Q2")):
        assert _money(row["opps_rate"]) == _money(row["opps_copayment"]) == Decimal("0.00"), row["note"]
        assert claim_conditional_rule(kind, "20610", "T", "2025-09-30") in row["note"]
        assert CONDITIONAL_SEVERAL_NOTE not in row["note"]
    assert "Conditionally packaged (SI Q1): with an S, T or V service on the claim (a J2 visit is one), no separate " \
           "payment: 20610 (SI " \
           "T) on 2025-09-30" in out[1]["note"]  # fmt: skip
    # The lab: its own date has 12006 (SI Q2), which packages it (named, no date: the same note as on one date).
    assert _money(out[3]["opps_rate"]) == _money(out[3]["hopd_allowed"]) == Decimal("0.00")
    assert conditional_lab_note("12006", "Q2") in out[3]["note"] and CONDITIONAL_LAB_REASON not in out[3]["note"]
    # The physician's fee is untouched: 12006's hospital site is its PFS facility amount alone.
    fee = pricer.price("12006", zip_code=ZIP, date_of_service="2025-10-02").pfs.facility.amount
    assert _money(out[2]["hopd_allowed"]) == fee
    encounter = pricer.price_encounter([c for _, c in cells], zip_code=ZIP, date_of_service="2025-10-02",
                                       setting="hopd").lines  # fmt: skip
    assert [line.opps.rate == 0 for line in encounter] == [_money(row["opps_rate"]) == 0 for row in out]


def test_a_lab_alone_on_its_date_is_packaged_by_its_claim_s_line_of_another_date(
    pricer: Pricer, addendum_b: Any, monkeypatch: Any
) -> None:
    """85025 (SI Q4) alone on 2025-11-11, its claim's 96372 (Q1) on 2025-11-10: packaged, $0.00 at the hospital,
    priced, the note naming 96372 and its date; a J2 visit (99284) or a J1 (29881) the day before alike. With only an
    SI B line (99213) on its claim, the lab keeps its reason (the CLFS pays it on the hospital's claim)."""
    assert [addendum_b[c][0] for c in ("85025", "96372", "99284", "29881", "99213")] == ["Q4", "Q1", "J2", "J1", "B"]
    rows = []
    for claim, code in (("A", "96372"), ("B", "99284"), ("J", "29881"), ("N", "99213")):
        rows += [{"claim": claim, "date": "2025-11-10", "code": code},
                 {"claim": claim, "date": "2025-11-11", "code": "85025"}]  # fmt: skip
    out = _priced(pricer, rows, monkeypatch)
    for lab, (code, si) in zip(out[1:6:2], (("96372", "Q1"), ("99284", "J2"), ("29881", "J1")), strict=True):
        assert _money(lab["opps_rate"]) == _money(lab["hopd_allowed"]) == Decimal("0.00"), lab["note"]
        assert conditional_lab_note(code, si, "2025-11-10") in lab["note"]
        assert f"packaged with {code} (SI {si}) on this claim, on 2025-11-10:" in lab["note"]
        assert CONDITIONAL_LAB_REASON not in lab["note"]
    for code, row in zip(("96372", "99284", "29881"), out[0:6:2], strict=True):  # the packaging lines: their own rate
        assert _money(row["opps_rate"]) == _alone(pricer, code, "2025-11-10").rate > 0
    assert out[7]["opps_rate"] is None and out[7]["hopd_allowed"] is None
    assert CONDITIONAL_LAB_REASON in out[7]["note"]
    single = pricer.price_encounter(["99213", "85025"], zip_code=ZIP, date_of_service="2025-11-11", setting="hopd")
    assert not single.lines[1].opps.payable  # one date: not packaged either


def test_claims_without_a_packaging_service_on_any_date_and_other_claims_lines_are_unchanged(
    pricer: Pricer, addendum_b: Any, monkeypatch: Any
) -> None:
    """A claim of 96372 (Q1) and 99213 (B) on two dates: 96372 paid its APC as alone. Another claim's T procedure, the
    row before, packages nothing (claim P's 20610, claim Q's 96372 the next day). A claim of all its lines on one
    date: the same money and notes as before (`rvucalc price` of its codes), no date named."""
    assert addendum_b["99213"][0] == "B"
    cells = [("N", "2025-11-10", "96372"), ("N", "2025-11-11", "99213"), ("P", "2025-11-10", "20610"),
             ("Q", "2025-11-11", "96372"), ("S", "2025-11-10", "20610"), ("S", "2025-11-10", "96372"),
             ("S", "2025-11-10", "12006"), ("S", "2025-11-10", "85025")]  # fmt: skip
    rows = [{"claim": claim, "date": date, "code": code} for claim, date, code in cells]
    out = _priced(pricer, rows, monkeypatch)
    q1 = _alone(pricer, "96372", "2025-11-10")
    for row in (out[0], out[3]):
        assert _money(row["opps_rate"]) == q1.rate == Decimal("84.57") and "Conditionally packaged" not in row["note"]
    encounter = pricer.price_encounter(["20610", "96372", "12006", "85025"], zip_code=ZIP,
                                       date_of_service="2025-11-10", setting="hopd").lines  # fmt: skip
    for row, line in zip(out[4:], encounter, strict=True):
        assert _money(row["opps_rate"]) == line.opps.rate and _money(row["opps_copayment"]) == line.opps.copayment
        assert " on 2025-11-10" not in row["note"], row["note"]
    assert CONDITIONAL_PACKAGING["Q1"][1] in out[5]["note"] and CONDITIONAL_PACKAGING["Q2"][1] in out[6]["note"]
    assert conditional_lab_note("20610", "T") in out[7]["note"]


def test_several_q1_lines_on_two_dates_with_nothing_to_package_them_say_so_for_the_claim(
    pricer: Pricer, addendum_b: Any, monkeypatch: Any
) -> None:
    """96372 and 93005 (both SI Q1) on two dates of a claim with no S, T or V service: each paid its APC, each saying
    the outpatient code editor may pay only the highest-paid, with the claim's figures, as `rvucalc price` of the two
    codes says (conditional packaging being the claim's, so is this reading of it)."""
    assert addendum_b["96372"][0] == addendum_b["93005"][0] == "Q1"
    rows = [{"claim": "K", "date": date, "code": code} for date, code in (("2025-11-10", "96372"),
                                                                          ("2025-11-11", "93005"))]  # fmt: skip
    out = _priced(pricer, rows, monkeypatch)
    encounter = pricer.price_encounter(["96372", "93005"], zip_code=ZIP, date_of_service="2025-11-10",
                                       setting="hopd").lines  # fmt: skip
    figures = next(n for n in encounter[0].opps.notes if n.startswith(CONDITIONAL_SEVERAL_FIGURES))
    assert "2 lines ($84.57)" in figures
    for row, line in zip(out, encounter, strict=True):
        assert _money(row["opps_rate"]) == line.opps.rate > 0
        assert CONDITIONAL_SEVERAL_NOTE in row["note"] and figures in row["note"]


def test_a_claim_s_conditional_packaging_across_dates_holds_across_input_chunks(tmp_path: Path) -> None:
    """The claim starting at the last row of a 100-row chunk (it moves whole to the next chunk, files.whole_claims):
    the same output as in one chunk, 96372 and the lab packaged by 20610 of another date."""
    out = claim_after_a_chunk_of_filler(tmp_path, "C1,2025-11-10,20610,,1,22,10001\n"
                                                  "C1,2025-11-11,96372,,1,22,10001\n"
                                                  "C1,2025-11-12,85025,,1,22,10001\n")  # fmt: skip
    assert out[0]["opps_rate"] == "350.77"
    assert out[1]["opps_rate"] == "0.00" and "20610 (SI T) on 2025-11-10" in out[1]["note"]
    assert out[2]["opps_rate"] == "0.00"  # the claim's first line that packages it, in file order
    assert "packaged with 20610 (SI T) on this claim, on 2025-11-10" in out[2]["note"]


PACKAGING_POOLS = ("Q1", "Q2", "Q4", "S", "T", "V", "J2", "Q3", "B")
SEED = 20251110
CLAIMS = 50


def test_seeded_claims_across_dates_package_as_rvucalc_price_of_their_codes_on_one_date(
    pricer: Pricer, addendum_b: Any, monkeypatch: Any
) -> None:
    """The differential property: seeded hospital claims of 2-5 lines (SI Q1, Q2, Q4, S, T, V, J2, Q3, B) spread over
    two or three dates: each line packaged ($0.00) in batch exactly when `rvucalc price` of the claim's codes on one
    date packages it; a line not packaged is paid its own date's amount as its date's lines alone price it."""
    rng = random.Random(SEED)
    pools: dict[str, list[str]] = {si: [] for si in PACKAGING_POOLS}
    for code, (si, rate) in sorted(addendum_b.items()):
        if si in pools and (rate or si in ("Q4", "B")) and code[0].isdigit():
            pools[si].append(code)
    dates = ["2025-11-10", "2025-11-11", "2025-11-12"]
    claims: list[tuple[list[tuple[str, str]], list[Any]]] = []
    while len(claims) < CLAIMS:
        kinds = rng.choices(PACKAGING_POOLS, weights=[3, 2, 3, 1, 1, 1, 1, 1, 1], k=rng.randint(2, 5))
        cells = [(rng.choice(dates[: rng.choice([2, 3])]), rng.choice(pools[kind])) for kind in kinds]
        if len({d for d, _ in cells}) < 2:
            continue
        try:
            one_date = pricer.price_encounter([c for _, c in cells], zip_code=ZIP, date_of_service=dates[0],
                                              setting="hopd").lines  # fmt: skip
        except RvucalcError:
            continue
        claims.append((cells, one_date))
    rows = [{"claim": f"R{n}", "date": d, "code": c} for n, (cells, _) in enumerate(claims) for d, c in cells]
    out = iter(_priced(pricer, rows, monkeypatch))
    packaged = 0
    for cells, one_date in claims:
        for (date, code), line in zip(cells, one_date, strict=True):
            row = next(out)
            zero = line.opps.payable and line.opps.rate == 0
            assert (_money(row["opps_rate"]) == 0) is zero, (cells, code, row["note"])
            if line.opps.status_indicator in ("Q1", "Q2", "Q4") and zero:
                packaged += 1
            if not zero and line.opps.status_indicator not in ("T",):  # T: the 50% discount is per date
                single = _alone(pricer, code, date)
                assert _money(row["opps_rate"]) == (single.rate if single.payable else None), (cells, code)
    assert packaged >= 20  # the draw reaches the rule


def test_an_office_lab_s_hospital_comparison_is_packaged_across_dates_with_or_without_a_hospital_row_on_its_claim(
    pricer: Pricer, addendum_b: Any, monkeypatch: Any
) -> None:
    """Claims P1 and P2: 20610 (SI T) on 2025-11-10 and 85025 (SI Q4) on 2025-11-11, both at the office (POS 11); P2
    also has an unrelated hospital lab, 0272U (SI A) at POS 22 on 2025-11-11. The hospital's claim-wide rules are each
    site-claim's (the claim's rows of one site): the office rows' hopd_* hospital comparison is packaged across dates
    as on one date (claim S, both lines on 2025-11-10), in P1 as in P2, whose hospital row changes nothing. A review
    found P1's lab kept its reason alone (no $0.00) while P2's was packaged, the only difference being 0272U."""
    assert [addendum_b[c][0] for c in ("20610", "85025", "0272U")] == ["T", "Q4", "A"]
    cells = [("P1", "2025-11-10", "20610", "11"), ("P1", "2025-11-11", "85025", "11"),
             ("P2", "2025-11-10", "20610", "11"), ("P2", "2025-11-11", "85025", "11"),
             ("P2", "2025-11-11", "0272U", "22"),
             ("S", "2025-11-10", "20610", "11"), ("S", "2025-11-10", "85025", "11")]  # fmt: skip
    rows = [{"claim": claim, "date": date, "code": code, "setting": setting} for claim, date, code, setting in cells]
    out = _priced(pricer, rows, monkeypatch)
    t = _alone(pricer, "20610", "2025-11-10")
    assert t.rate == Decimal("350.77")
    for row in (out[0], out[2], out[5]):  # the T procedure's comparison: its own APC
        assert _money(row["opps_rate"]) == t.rate and _money(row["opps_copayment"]) == t.copayment
    p1, p2, same_date = out[1], out[3], out[6]
    assert {k: v for k, v in p1.items() if k != "claim"} == {k: v for k, v in p2.items() if k != "claim"}
    comparison = "Claim encounter (OPPS, the hopd_* hospital comparison only, not this row's site): "
    for lab, date in ((p1, "2025-11-10"), (same_date, None)):
        assert _money(lab["opps_rate"]) == _money(lab["hopd_allowed"]) == Decimal("0.00"), lab["note"]
        assert comparison + conditional_lab_note("20610", "T", date) in lab["comparison_note"]
        assert CONDITIONAL_LAB_REASON not in lab["note"]
    assert p1["site"] == same_date["site"] == "office"
    # The hospital's own lab, alone at its site: as priced alone.
    assert out[4]["opps_rate"] is None and out[4]["hopd_allowed"] is None
    assert "packaged" not in out[4]["note"]
