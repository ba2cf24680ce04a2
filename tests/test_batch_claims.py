"""Claims in batch: the rows of one claim on one date of service are one encounter, priced with the
same rules and to the same cent as ``Pricer.price_encounter`` (``rvucalc price A B C``) of their codes.

The claims are drawn at random (seeded) from the installed files: surgical codes (multiple procedure
indicator 2), endoscopy families (3), diagnostic imaging (4, family 88) with their 26/TC rows, therapy
(5), cardiology (6), ophthalmology (7), bilateral -50 and other payment-policy modifiers, OPPS SI J1
and T codes, ASC procedures subject to multiple procedure discounting, visits, labs and drugs; every
setting (office, hopd, asc and place-of-service codes); ZIPs from CMS's ZIP5 file or none (national);
dates of service in 2025 (OPPS installed) and 2026.
"""

from __future__ import annotations

import random
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from conftest import MONEY, SITE_MEASURES, realistic_claims
from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine.facility import asc_changes, discount_encounter_asc, discount_encounter_opps, opps_changes
from rvucalc.engine.modifiers import is_ct_code
from rvucalc.engine.policy import NO_GROUP, policy_group
from rvucalc.errors import RvucalcError
from rvucalc.lookup import lines as line_rules
from rvucalc.lookup.pricer import Pricer
from rvucalc.models import AscResult, OppsResult

SEED = 20261130
CLAIMS = 140
SETTINGS = ["", "office", "hopd", "asc", "11", "22", "19", "24", "21"]
DATES = ["2025-02-11", "2025-05-20", "2025-08-04", "2025-11-17", "2026-03-02", "2026-09-14"]
COLUMNS = ["claim", "code", "modifier", "date", "setting", "zip", "units"]

runner = CliRunner()


def _money(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    return Decimal(str(value)).quantize(Decimal("0.01"))


@pytest.fixture(scope="module")
def pools(pricer: Pricer) -> dict[str, list[str]]:
    """Code cells ('CODE' or 'CODE-MOD') by the rule they exercise, from the installed files."""
    store = pricer.store(pricer.catalogue.releases("pfs")[0])
    rvu = [r for r in store.rows("rvu") if r["status"] in ("A", "R", "T")]
    base = [r for r in rvu if not r["modifier"]]
    families: dict[str, list[str]] = defaultdict(list)
    for r in base:
        if r["mult_proc"] == "3" and r["endo_base"]:
            families[r["endo_base"]].append(r["hcpcs"])
    found: dict[str, list[str]] = {
        "surgical": [r["hcpcs"] for r in base if r["mult_proc"] == "2" and r["global_days"] in ("000", "010", "090")],
        "imaging": [r["hcpcs"] + (f"-{r['modifier']}" if r["modifier"] else "") for r in rvu
                    if r["mult_proc"] == "4" and r["family_ind"] == "88"],
        "therapy": [r["hcpcs"] for r in base if r["mult_proc"] == "5"],
        "cardiology": [r["hcpcs"] + (f"-{r['modifier']}" if r["modifier"] else "") for r in rvu
                       if r["mult_proc"] == "6"],
        "ophthalmology": [r["hcpcs"] for r in base if r["mult_proc"] == "7"],
        "bilateral": [r["hcpcs"] + "-50" for r in base if r["bilat_surg"] == "1" and r["mult_proc"] == "2"],
        # An LT and an RT line of one code (drawn together): one bilateral procedure, whatever the indicator pays.
        "sides": [f"{r['hcpcs']}|sides" for r in base if r["bilat_surg"] in ("0", "1", "2", "3")
                  and r["mult_proc"] in ("0", "2", "4")],
        "assistant": [r["hcpcs"] + "-80" for r in base if r["asst_surg"] == "2" and r["mult_proc"] == "2"],
        "claim_modifier": [r["hcpcs"] + "-CQ" for r in base if r["mult_proc"] == "5"]
                          # CT (not FY: no imaging-family code is an X-ray) on the imaging family's CT codes
                          + [r["hcpcs"] + "-CT" for r in base if r["mult_proc"] == "4" and is_ct_code(r["hcpcs"])],
        "other": ["99213", "99214", "71046", "80053", "G0463", "J1885", "96372", "36415"],
        "endoscopy": [],
    }  # fmt: skip
    for base_code, members in sorted(families.items()):
        if len(members) > 1:
            found["endoscopy"] += [f"{base_code}|{member}" for member in members]  # a family, drawn together
    opps = pricer.store(pricer.catalogue.releases("opps")[-1])
    status = {r["hcpcs"]: r["si"] for r in opps.rows("opps") if r["rate"]}
    found["j1"] = sorted(code for code, si in status.items() if si == "J1")
    found["t"] = sorted(code for code, si in status.items() if si == "T")
    asc = pricer.store(pricer.catalogue.releases("asc")[-1])
    found["asc"] = sorted(r["hcpcs"] for r in asc.rows("asc_aa") if r["multiple_discount"] == "Y" and r["rate"])
    found["zips"] = [r["zip"] for r in store.rows("zip")]
    return found


def _claim_codes(rng: random.Random, pools: dict[str, list[str]]) -> list[str]:
    kinds = ["surgical", "surgical", "endoscopy", "imaging", "therapy", "cardiology", "ophthalmology", "bilateral",
             "assistant", "claim_modifier", "other", "j1", "t", "asc", "sides"]  # fmt: skip
    theme = rng.choice(kinds)
    codes = []
    family = ""
    for _ in range(rng.randint(2, 5)):
        kind = theme if rng.random() < 0.6 else rng.choice(kinds)
        cell = rng.choice(pools[kind])
        if kind == "endoscopy":
            # A claim's endoscopies are of one family (the rule needs two of one): the first drawn names it.
            family = family or cell.split("|")[0]
            cell = rng.choice([pair for pair in pools["endoscopy"] if pair.startswith(f"{family}|")])
            base_code, member = cell.split("|")
            cell = base_code if rng.random() < 0.3 else member
        if kind == "sides":
            code = cell.split("|")[0]
            sides = [f"{code}-{side}" for side in rng.sample(["LT", "RT"], 2)]
            if rng.random() < 0.3:  # the habit of 51 on the second side (it does not make the pair secondary)
                sides[1] += "-51"
            codes += sides
            continue
        codes.append(cell)
    return codes


def _encounter(pricer: Pricer, codes: list[str], zip_code: str, date: str, setting: str, units: Any) -> Any:
    return pricer.price_encounter(codes, zip_code=zip_code or None, date_of_service=date, setting=setting or None,
                                  units=units)  # fmt: skip


def _expected(pricer: Pricer, codes: list[str], zip_code: str, date: str, setting: str, units: list[int]) -> Any:
    """Per line: price_encounter's line with each line's own units (sites), and with the setting (allowed)."""
    lines = _encounter(pricer, codes, zip_code, date, "", units).lines
    chosen = _encounter(pricer, codes, zip_code, date, setting, units).lines if setting else [None] * len(codes)
    return list(zip(lines, chosen, strict=True))


def _check_row(out: dict[str, Any], line: Any, chosen: Any, what: Any) -> None:
    """A batch row against price_encounter's line (and the line priced in the row's setting)."""
    assert (out["error"], out["error_kind"]) == ("", ""), (what, out["error"])
    for name, value in MONEY.items():
        assert _money(out[name]) == _money(value(line)), (what, name, out["note"])
    for site in line.sites:
        for measure, attribute in SITE_MEASURES.items():
            expected = getattr(site, attribute) if site.payable else None
            assert _money(out[f"{site.setting}_{measure}"]) == _money(expected), (what, site.setting, measure)
    if chosen is not None:
        [site] = chosen.sites
        for measure, attribute in SITE_MEASURES.items():
            assert _money(out[measure]) == _money(getattr(site, attribute) if site.payable else None), (what, measure)


def _table(rows: list[dict[str, str]]) -> pa.Table:
    return pa.table({name: [row.get(name, "") for row in rows] for name in COLUMNS})


@pytest.fixture(scope="module")
def drawn(pricer: Pricer, pools: dict[str, list[str]]) -> dict[str, Any]:
    """Seeded claims that price_encounter prices (a redraw when it refuses one), some with a bad row,
    and the same lines again without a claim id."""
    rng = random.Random(SEED)
    claims: list[dict[str, Any]] = []
    while len(claims) < CLAIMS:
        codes = _claim_codes(rng, pools)
        date, setting = rng.choice(DATES), rng.choice(SETTINGS)
        zip_code = rng.choice(pools["zips"]) if rng.random() < 0.8 else ""
        units = [1] * len(codes)
        if rng.random() < 0.25:
            units[rng.randrange(len(codes))] = rng.choice([2, 3])
        try:
            expected = _expected(pricer, codes, zip_code, date, setting, units)
        except RvucalcError:
            continue
        bad_at = rng.randrange(len(codes) + 1) if rng.random() < 0.15 else None
        claims.append({"id": f"C{len(claims):04d}", "codes": codes, "date": date, "setting": setting,
                       "zip": zip_code, "units": units, "expected": expected, "bad_at": bad_at})  # fmt: skip
    rows: list[dict[str, str]] = []
    where: list[tuple[int, int | None]] = []  # (claim, line) of each row; line None: the bad row
    for number, claim in enumerate(claims):
        cells = [(code, units) for code, units in zip(claim["codes"], claim["units"], strict=True)]
        order: list[int | None] = list(range(len(cells)))
        if claim["bad_at"] is not None:
            order.insert(claim["bad_at"], None)
        for line in order:
            cell, units = cells[line] if line is not None else ("2259O", 1)
            code, _, modifier = cell.partition("-")
            rows.append({"claim": claim["id"], "code": code, "modifier": modifier, "date": claim["date"],
                         "setting": claim["setting"], "zip": claim["zip"], "units": str(units)})  # fmt: skip
            where.append((number, line))
    batch = BatchPricer(pricer)
    priced = batch.price_table(_table(rows)).to_pylist()
    alone = batch.price_table(_table([{**row, "claim": ""} for row in rows])).to_pylist()
    return {"claims": claims, "rows": rows, "where": where, "priced": priced, "alone": alone}


def test_claims_price_like_rvucalc_price_of_their_codes_every_money_column(drawn: dict[str, Any]) -> None:
    claims = drawn["claims"]
    for (number, line), row, out in zip(drawn["where"], drawn["rows"], drawn["priced"], strict=True):
        if line is None:
            continue
        single, chosen = claims[number]["expected"][line]
        _check_row(out, single, chosen, (claims[number]["id"], row))


def test_the_draw_reaches_every_rule(drawn: dict[str, Any]) -> None:
    """The claims exercise the rules they are meant to: each kind of adjustment, and units above 1 on an
    adjusted line."""
    seen: set[str] = set()
    mixed_units = False
    for claim in drawn["claims"]:
        for (line, _), units in zip(claim["expected"], claim["units"], strict=True):
            rules = [a.rule for s in (line.pfs.non_facility, line.pfs.facility) if s.payable for a in s.adjustments]
            rules += [a.rule for a in line.opps.adjustments + line.asc.adjustments]
            for rule in rules:
                for key in ("Multiple procedure: ranked", "Endoscopy family", "Multiple diagnostic imaging",
                            "Multiple therapy", "Multiple diagnostic cardiovascular", "Bilateral (50)",
                            "Bilateral: an LT and an RT line",
                            "Packaged into the comprehensive APC", "OPPS multiple procedure (SI T)",
                            "ASC multiple procedure discounting"):  # fmt: skip
                    if rule.startswith(key):
                        seen.add(key)
                        mixed_units |= units > 1 and not key.startswith("Bilateral")
    assert len(seen) == 10, " | ".join(sorted(seen))
    assert mixed_units


def test_the_rows_say_what_the_encounter_did(drawn: dict[str, Any]) -> None:
    claims = drawn["claims"]
    for (number, line), out in zip(drawn["where"], drawn["priced"], strict=True):
        if line is None:
            continue
        single, _ = claims[number]["expected"][line]
        steps = [a.rule for s in (single.pfs.non_facility, single.pfs.facility) if s.payable for a in s.adjustments
                 if (a.indicator or "").startswith(("mult ", "sides "))]  # fmt: skip
        facility = single.opps.adjustments + single.asc.adjustments
        steps += [a.rule for a in facility if a.indicator in ("J1", "SI T", "Y")]
        for rule in steps:
            said = f"{out['note']}; {out['comparison_note']}"  # a sited row: other sites' in comparison_note
            assert rule in said, (claims[number]["id"], rule, said)


def test_a_bad_row_leaves_the_claim_priced_without_it_and_named(drawn: dict[str, Any]) -> None:
    claims, bad_claims = drawn["claims"], 0
    for (number, line), out in zip(drawn["where"], drawn["priced"], strict=True):
        claim = claims[number]
        if claim["bad_at"] is None:
            continue
        if line is None:
            assert out["error_kind"] == "malformed_code"
            bad_claims += 1
            continue
        assert f"the rules ran without line {claim['bad_at'] + 1} (2259O) of this claim" in out["note"]
    assert bad_claims >= 10


def test_rows_without_a_claim_id_are_priced_alone(pricer: Pricer, drawn: dict[str, Any]) -> None:
    changed = 0
    for row, out, claimed in zip(drawn["rows"], drawn["alone"], drawn["priced"], strict=True):
        if row["code"] == "2259O":
            continue
        cell = row["code"] + (f"-{row['modifier']}" if row["modifier"] else "")
        single = pricer.price(cell, zip_code=row["zip"] or None, date_of_service=row["date"],
                              units=int(row["units"]))  # fmt: skip
        _check_row(out, single, None, row)
        assert "Claim encounter" not in out["note"]
        changed += any(out[name] != claimed[name] for name in MONEY)
    assert changed > 50  # the claims did change amounts


def test_the_done_when_file(tmp_path: Path, pricer: Pricer) -> None:
    """A billing system's export: a claim with 27447 and 29881 pays the second at 50%; a claim with a bad
    row prices its other rows, as one encounter, and names the bad line."""
    source = tmp_path / "claims.csv"
    source.write_text(
        "CPT Code,Mod 1,Date of Service,POS,Zip Code,Units,Claim ID\n"
        "27447,,08/04/2025,24,10001,1,A100\n"
        "29881,,08/04/2025,24,10001,1,A100\n"
        "99213,25,08/04/2025,11,94110,1,B200\n"
        "29881,,08/04/2025,11,94110,1.5,B200\n"
        "11042,,08/04/2025,11,94110,1,B200\n"
        "11045,,08/04/2025,11,94110,1,B200\n"
        "27447,,08/05/2025,22,10001,1,C300\n"
        "29881,,13/45/2025,22,10001,1,C300\n"
        "29880,,08/05/2025,22,10001,1,C300\n"
    )
    target = tmp_path / "priced.csv"
    result = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    assert result.exit_code == 1, result.output  # a row with an error
    import csv

    out = list(csv.DictReader(target.open()))
    first = _expected(pricer, ["27447", "29881"], "10001", "2025-08-04", "24", [1, 1])
    for row, (line, chosen) in zip(out[:2], first, strict=True):
        _check_row(row, line, chosen, row["CPT Code"])
    assert Decimal(out[1]["pfs_facility_amount"]) == Decimal(
        pricer.price("29881", zip_code="10001", date_of_service="2025-08-04").pfs.facility.amount / 2
    ).quantize(Decimal("0.01"))
    assert "Claim encounter (PFS): Multiple procedure: ranked 2 of 2 by amount, 50%" in out[1]["note"]
    assert "ASC multiple procedure discounting" in out[1]["note"]
    assert out[3]["error_kind"] == "bad_units"
    second = _expected(pricer, ["99213-25", "11042", "11045"], "94110", "2025-08-04", "11", [1, 1, 1])
    for row, (line, chosen) in zip([out[2], out[4], out[5]], second, strict=True):
        _check_row(row, line, chosen, row["CPT Code"])
        assert "the rules ran without line 2 (29881) of this claim, which has an error" in row["note"]
    assert out[7]["error_kind"] == "bad_date"  # a date that cannot be read: named to the claim's other rows
    third = _expected(pricer, ["27447", "29880"], "10001", "2025-08-05", "22", [1, 1])
    for row, (line, chosen) in zip([out[6], out[8]], third, strict=True):
        _check_row(row, line, chosen, row["CPT Code"])
        assert "the rules ran without line 2 (29881) of this claim" in row["note"]


def test_a_claim_modifier_runs_the_encounter_through_apply_rules(pricer: Pricer, monkeypatch: Any) -> None:
    """CQ (therapy assistant, 85%) and CT (CT equipment not meeting NEMA XR-29, TC 85%) act after the
    encounter's ranking (``lookup.lines.apply_rules``): the same amounts as rvucalc price."""
    import rvucalc.batch.claims as claims

    calls: list[int] = []
    apply_rules = line_rules.apply_rules
    monkeypatch.setattr(claims.line_rules, "apply_rules",
                        lambda items, **given: calls.append(len(items)) or apply_rules(items, **given))  # fmt: skip
    for codes in (["97110-CQ", "97140", "97530-GP"], ["70450-CT", "72125", "74176-26"]):
        expected = _expected(pricer, codes, "10001", "2025-08-04", "", [1] * 3)
        rows = [{"claim": "Z", "code": code.split("-")[0], "modifier": "-".join(code.split("-")[1:]),
                 "date": "2025-08-04", "zip": "10001", "units": "1"} for code in codes]  # fmt: skip
        calls.clear()
        out = BatchPricer(pricer).price_table(_table(rows)).to_pylist()
        for row, (line, _) in zip(out, expected, strict=True):
            _check_row(row, line, None, codes)
        assert max(calls) == 3  # the encounter (three therapy lines; three CT scans), through apply_rules


@pytest.mark.parametrize("units", ["1", "2"])
def test_fifty_on_bilateral_indicator_0_codes_in_claims_is_the_single_lookups(
    pricer: Pricer, monkeypatch: Any, units: str
) -> None:
    """22590-50 and 63047-50 (bilateral indicator 0: 100% of one side, RVU file documentation) among other
    procedures and with 51, 62, 80: batch on whole columns, batch by the rule functions, and price_encounter agree
    on every money column."""
    claims = [["22590-50", "22600", "20610"], ["63047-50", "63048", "22590-51"], ["22590-50-62", "22600-80"]]
    rows, expected = [], []
    for number, codes in enumerate(claims):
        counts = [int(units)] + [1] * (len(codes) - 1)
        expected += _expected(pricer, codes, "10001", "2025-08-04", "22", counts)
        rows += [{"claim": f"B{number}", "code": code.split("-")[0], "modifier": "-".join(code.split("-")[1:]),
                  "date": "2025-08-04", "zip": "10001", "setting": "22", "units": str(count)}
                 for code, count in zip(codes, counts, strict=True)]  # fmt: skip
    slow, fast = _priced_both_ways(monkeypatch, lambda: BatchPricer(pricer).price_table(_table(rows)).to_pylist())
    assert fast == slow
    for row, (line, chosen), asked in zip(fast, expected, rows, strict=True):
        _check_row(row, line, chosen, asked)
    assert any("indicator 0" in row["note"] for row in fast)


@pytest.mark.parametrize("order", [0, 1])
def test_sides_of_several_units_are_priced_as_lines_whatever_their_order(pricer: Pricer, order: int) -> None:
    """A dermatology trial: 17003-LT x 6 and 17003-RT x 7 (thirteen lesions) were paired as one procedure's sides: the
    first line's units were paid and the other's were $0.00, so the total followed the lines' order ($43.44 or
    $50.68 in Manhattan); they are 13 units of 17003, as `17003 --units 13` is. Price and batch alike."""
    lines = [("17003-LT", 6), ("17003-RT", 7)][:: 1 if order == 0 else -1]
    two = pricer.price_encounter(["17003-LT", "17003-RT"], zip_code="10001", date_of_service="2026-08-10")
    assert two.totals["office"].total == 2 * two.lines[0].pfs.non_facility.amount  # two lesions, indicator 0
    # An add-on of bilateral indicator 1 pairs its sides, units and all, as CODE-50 (a review: 2 x 100% each side).
    sides = pricer.price_encounter(["64484-LT", "64484-RT"], units=[2, 2], zip_code="10001",
                                   date_of_service="2026-08-10", setting="office")  # fmt: skip
    fifty = pricer.price("64484-50", units=2, zip_code="10001", date_of_service="2026-08-10", setting="office")
    assert sides.totals["office"].total == fifty.sites[0].total
    day = {"date": "2026-08-10", "zip": "10001", "claim": "c1", "setting": "11"}
    encounter = pricer.price_encounter([code for code, _ in lines], zip_code="10001", date_of_service="2026-08-10",
                                       setting="office", units=[units for _, units in lines])  # fmt: skip
    whole = pricer.price("17003", units=13, zip_code="10001", date_of_service="2026-08-10")
    assert encounter.totals["office"].total == whole.sites[0].total == 13 * whole.pfs.non_facility.amount
    rows = [{"code": code.split("-")[0], "modifier": code.split("-")[1], "units": str(units), **day}
            for code, units in lines]  # fmt: skip
    out = BatchPricer(pricer).price_table(_table(rows)).to_pylist()
    assert [_money(row["allowed"]) for row in out] == [line.sites[0].total for line in encounter.lines]


def test_two_units_of_a_bilateral_assistant_line_say_their_steps_in_the_rules_order(
    pricer: Pricer, monkeypatch: Any
) -> None:
    """A review's find: on whole columns, 25350-80 x 2 in a claim said "Assistant" before "Bilateral: 2 units"; the
    rule functions and the single lookup apply (and say) the bilateral step first."""
    rows = [{"claim": "C", "code": code, "modifier": modifier, "units": units, "zip": "10001", "date": "2025-08-04"}
            for code, modifier, units in (("27447", "", "1"), ("25350", "80", "2"))]  # fmt: skip
    slow, fast = _priced_both_ways(monkeypatch, lambda: BatchPricer(pricer).price_table(_table(rows)).to_pylist())
    assert fast == slow
    encounter = pricer.price_encounter(
        ["27447", "25350-80"], zip_code="10001", date_of_service="2025-08-04", units=[1, 2]
    )
    steps = [a.rule for a in encounter.lines[1].pfs.facility.adjustments]
    note = fast[1]["note"]
    assert note.index(steps[0]) < note.index(steps[-1]) and steps[0].startswith("Bilateral: 2 units")


def test_same_code_in_two_claims_or_on_two_dates_is_two_encounters(pricer: Pricer) -> None:
    rows = [
        {"claim": "X", "code": "27447", "date": "2025-08-04", "zip": "10001"},
        {"claim": "X", "code": "29881", "date": "2025-08-04", "zip": "10001"},
        {"claim": "X", "code": "29881", "date": "2025-08-05", "zip": "10001"},  # the same claim, the next day
        {"claim": "Y", "code": "29881", "date": "2025-08-04", "zip": "10001"},  # another claim, the same day
        {"claim": "Y", "code": "99213", "date": "2025-08-04", "zip": "10001"},
    ]
    out = BatchPricer(pricer).price_table(_table(rows)).to_pylist()
    alone = pricer.price("29881", zip_code="10001", date_of_service="2025-08-04")
    pair = pricer.price_encounter(["27447", "29881"], zip_code="10001", date_of_service="2025-08-04").lines[1]
    assert _money(out[1]["pfs_facility_amount"]) == pair.pfs.facility.amount < alone.pfs.facility.amount
    for row in out[2:4]:  # the PFS rules stay per date
        assert _money(row["pfs_facility_amount"]) == alone.pfs.facility.amount
    # Another claim's J1 packages nothing; the same claim's packages its lines on every date (27447 is SI J1 too).
    assert _money(out[3]["opps_rate"]) == alone.opps.rate and "Claim encounter" not in out[3]["note"]
    assert _money(out[2]["opps_rate"]) == 0 and "of this claim: 27447 on 2025-08-04" in out[2]["note"]


def _j1_claim_rows(pricer: Pricer) -> tuple[list[dict[str, str]], str, str]:
    """A hospital claim of three dates (the dates not in order): a J1 procedure, then a T procedure and a Q1 drug
    administration the next day, a pass-through drug (SI G) and a brachytherapy source (SI U) the day after; a lower-
    paid J1 on the third day; and another claim with the same T and Q1 lines on one date, no J1."""
    store = pricer.catalogue.store(pricer.catalogue.newest("opps"))
    by_si: dict[str, list[str]] = {}
    rates: dict[str, Decimal] = {}
    for row in store.rows("opps"):
        if row["rate"]:
            by_si.setdefault(row["si"], []).append(row["hcpcs"])
            rates[row["hcpcs"]] = Decimal(str(row["rate"]))
    g, u = by_si["G"][0], by_si["U"][0]
    lower = next(code for code in by_si["J1"] if Decimal(0) < rates[code] < rates["29881"] / 2)
    day = {"zip": "10001", "setting": "22"}
    cells = [("J", "2025-11-11", "20610"), ("J", "2025-11-10", "29881"), ("J", "2025-11-11", "96372"),
             ("J", "2025-11-12", g), ("J", "2025-11-12", u), ("J", "2025-11-12", lower),
             ("N", "2025-11-11", "20610"), ("N", "2025-11-11", "96372")]  # fmt: skip
    return [{"claim": claim, "date": date, "code": code, **day} for claim, date, code in cells], g, u


def test_a_comprehensive_apc_packages_its_claim_s_lines_on_every_date(pricer: Pricer, monkeypatch: Any) -> None:
    """OPPS Addendum D1, J1: "all covered Part B services on the claim are packaged with the primary 'J1' service for
    the claim, except services with OPPS SI=F, G, H, L and U ..."; one C-APC a claim (the primary J1's). Batch paid
    20610 (SI T) $350.77 on the day after 29881 (SI J1) of the same claim, and packaged 96372 by Q1 beside it. Now:
    the J1 is paid, the T and Q1 lines and the lower-paid J1 of other dates are packaged into it (their notes name
    29881 and its date), the G and U lines are paid apart, and the physician's fees are untouched. Whole columns and
    the rule functions agree."""
    rows, g, u = _j1_claim_rows(pricer)
    table = _table(rows)
    slow, fast = _priced_both_ways(monkeypatch, lambda: BatchPricer(pricer).price_table(table).to_pylist())
    assert fast == slow
    out = fast
    alone = [pricer.price(row["code"], zip_code="10001", date_of_service=row["date"], setting="hopd") for row in rows]
    assert alone[1].opps.status_indicator == alone[5].opps.status_indicator == "J1"
    assert alone[5].opps.rate < alone[1].opps.rate  # the lower-paid J1: packaged into 29881
    assert _money(out[1]["opps_rate"]) == alone[1].opps.rate == Decimal("3855.51")
    assert "the claim's other services, on every date, are packaged" in out[1]["note"]
    for i in (0, 2, 5):
        assert _money(out[i]["opps_rate"]) == 0 and _money(out[i]["opps_copayment"]) == 0, rows[i]
        assert "Packaged into the comprehensive APC 5113 (SI J1) of this claim: 29881 on 2025-11-10" in out[i]["note"]
        assert "Conditionally packaged" not in out[i]["note"] and "50%" not in out[i]["note"]
        # The hospital site is the physician's facility fee alone (none for 96372: its facility PE is NA).
        fee = alone[i].pfs.facility.amount if alone[i].pfs.facility.payable else Decimal("0.00")
        assert _money(out[i]["hopd_allowed"]) == fee, rows[i]
    for i, code in ((3, g), (4, u)):  # paid apart (SI G, U): their own rates, no packaging
        assert _money(out[i]["opps_rate"]) == alone[i].opps.rate and alone[i].opps.rate > 0, code
        assert "comprehensive APC" not in out[i]["note"]
    # The other claim, no J1: 96372 packaged by Q1 beside the T procedure, as before.
    assert _money(out[6]["opps_rate"]) == alone[6].opps.rate > 0
    assert _money(out[7]["opps_rate"]) == 0 and "Conditionally packaged (SI Q1)" in out[7]["note"]


def claim_after_a_chunk_of_filler(tmp_path: Path, claim: str) -> list[dict[str, str]]:
    """``claim`` (rows of claim,date,code,modifier,units,setting,zip) starting at the last row of a 100-row chunk (the
    claim moves whole to the next chunk: files.whole_claims), priced in chunks of 100 and in one chunk: the outputs
    must be the same rows (a chunk's quoting of plain texts may differ); the claim's rows."""
    import csv

    head = "claim,date,code,modifier,units,setting,zip\n"
    filler = "".join(f"F{n},2025-11-10,99213,,1,11,10001\n" for n in range(99))
    source = tmp_path / "claim.csv"
    source.write_text(head + filler + claim)
    outputs = []
    for chunk in ("100", "100000"):
        target = tmp_path / f"out_{chunk}.csv"
        result = runner.invoke(app, ["batch", str(source), "-o", str(target), "--chunk-rows", chunk])
        assert result.exit_code == 0, result.output
        outputs.append(list(csv.DictReader(target.open())))
    assert outputs[0] == outputs[1]
    return outputs[0][99:]


def test_a_claim_s_j1_packages_its_other_dates_across_input_chunks(tmp_path: Path) -> None:
    """The repro file, its claim across a chunk boundary: the same output as in one chunk, 20610 and 96372 packaged
    into 29881."""
    out = claim_after_a_chunk_of_filler(tmp_path, "J1,2025-11-10,29881,,1,22,10001\n"
                                                  "J1,2025-11-11,20610,,1,22,10001\n"
                                                  "J1,2025-11-11,96372,,1,22,10001\n")  # fmt: skip
    assert out[0]["opps_rate"] == "3855.51"
    for row in out[1:]:
        assert row["opps_rate"] == "0.00", row
        assert "comprehensive APC 5113 (SI J1) of this claim: 29881 on 2025-11-10" in row["note"]


def test_a_claim_of_codes_the_pfs_does_not_list_prices_its_lines(pricer: Pricer) -> None:
    """Found by a review: when a release's first encounter held only codes the RVU file does not list (a DME
    supplier's or a lab's claim), its encounter facts had no columns yet and the whole run failed
    (KeyError). Each line now comes out as it does alone; the other release's claim still gets the rules."""
    rows = [
        {"claim": "C1", "code": "99213", "date": "2026-03-02", "zip": "10001"},
        {"claim": "C1", "code": "99214", "date": "2026-03-02", "zip": "10001"},
        {"claim": "C2", "code": "B4034", "date": "2025-06-01", "zip": "10001"},
        {"claim": "C2", "code": "0001U", "date": "2025-06-01", "zip": "10001"},
    ]
    out = BatchPricer(pricer).price_table(_table(rows)).to_pylist()
    alone = BatchPricer(pricer).price_table(_table([{**row, "claim": ""} for row in rows])).to_pylist()
    assert [row["error"] for row in out] == ["", "", "", ""]
    for name in ("note", "clfs_amount", "dmepos_amount", "office_allowed"):
        assert [row[name] for row in out[2:]] == [row[name] for row in alone[2:]]
    single = pricer.price("99213", zip_code="10001", date_of_service="2026-03-02")
    assert _money(out[0]["pfs_non_facility_amount"]) == single.pfs.non_facility.amount


def _duplicate_notes(notes: Any) -> list[str]:
    parts = notes if isinstance(notes, list) else (notes or "").split("; ")
    return [part for part in parts if part.startswith("Possible duplicate: ")]


def test_a_claim_with_a_line_written_twice_prices_and_notes_like_rvucalc_price(
    pricer: Pricer, drawn: dict[str, Any]
) -> None:  # fmt: skip
    """engine.duplicates: the seeded claims with one line written again (a real export's fault), now and then with 76
    (a repeat, not noted) or after a bad row: every money column and the duplicate note (on the repeated row alone) as
    price_encounter's of the claim's codes; the claims drawn as they are agree on the note too."""
    rng = random.Random(SEED + 1)
    rows: list[dict[str, str]] = []
    where: list[tuple[dict[str, Any], int | None]] = []
    noted = 0
    for claim in drawn["claims"][:40]:
        codes, units = list(claim["codes"]), list(claim["units"])
        copy = rng.randrange(len(codes))
        at = copy + 1 + rng.randrange(len(codes) - copy)  # after the line it repeats, not always next to it
        codes.insert(at, codes[copy] + ("-76" if rng.random() < 0.2 else ""))
        units.insert(at, 1)
        try:
            expected = _expected(pricer, codes, claim["zip"], claim["date"], claim["setting"], units)
        except RvucalcError:
            continue
        mine = {**claim, "id": claim["id"] + "D", "codes": codes, "units": units, "expected": expected}
        for line, (cell, count) in enumerate(zip(codes, units, strict=True)):
            if line == 1 and claim["bad_at"] is not None:
                rows.append({"claim": mine["id"], "code": "2259O", "date": claim["date"], "setting": claim["setting"],
                             "zip": claim["zip"], "units": "1"})  # fmt: skip
                where.append((mine, None))
            code, _, modifier = cell.partition("-")
            rows.append({"claim": mine["id"], "code": code, "modifier": modifier, "date": claim["date"],
                         "setting": claim["setting"], "zip": claim["zip"], "units": str(count)})  # fmt: skip
            where.append((mine, line))
        noted += sum(bool(_duplicate_notes(single.notes)) for single, _ in expected)
    priced = BatchPricer(pricer).price_table(_table(rows)).to_pylist()
    for (claim, line), row, out in zip(where, rows, priced, strict=True):
        if line is None:
            continue
        single, chosen = claim["expected"][line]
        _check_row(out, single, chosen, (claim["id"], row))
        assert _duplicate_notes(out["note"]) == _duplicate_notes(single.notes), (claim["id"], row, out["note"])
    assert noted >= 25
    for (number, line), out in zip(drawn["where"], drawn["priced"], strict=True):
        if line is not None:
            single, _ = drawn["claims"][number]["expected"][line]
            assert _duplicate_notes(out["note"]) == _duplicate_notes(single.notes), (number, out["note"])


def test_the_dask_partition_function_prices_claims_the_same(pricer: Pricer, drawn: dict[str, Any]) -> None:
    import pandas as pd

    from rvucalc.batch.dask_engine import price_partition

    end = next(i for i in range(200, len(drawn["rows"])) if drawn["rows"][i]["claim"] != drawn["rows"][199]["claim"])
    rows = drawn["rows"][:end]  # a partition ends between claims
    frame = price_partition(pd.DataFrame(rows, columns=COLUMNS))
    for out, row in zip(drawn["priced"][:end], frame.to_dict("records"), strict=True):
        for name in (*MONEY, "allowed", "beneficiary", "medicare", "note"):
            left = _money(out[name]) if name != "note" else out[name]
            right = _money(row[name]) if name != "note" else row[name]
            assert left == right, (name, row)


def test_a_place_without_facility_payment_takes_the_share_per_unit(pricer: Pricer) -> None:
    """Outside this module's reach (BatchPricer._choose_setting), found by the draw above: at a place with
    no facility payment (POS 21), units 2, single lookups round the patient's share per unit."""
    rows = [{"code": "54690", "modifier": "50", "date": "2025-05-20", "setting": "21", "zip": "10001", "units": "2"}]
    [out] = BatchPricer(pricer).price_table(_table(rows)).to_pylist()
    [site] = pricer.price("54690-50", zip_code="10001", date_of_service="2025-05-20", setting="21", units=2).sites
    assert (out["allowed"], out["beneficiary"]) == (site.total, site.beneficiary)


# -- the predicates that decide which encounters go through the rules ----------------------------------


def _prepared(store: Any, cell: str, gpci: tuple[int, int, int], locality: str) -> Any:
    return line_rules.prepare(store, cell, None, locality=locality, gpci=gpci, cf=None, cf_kind="non_qp", qp=False,
                              provider="physician", anesthesia=line_rules.AnesthesiaInput())  # fmt: skip


def test_lines_of_different_policy_groups_never_change_each_other(pricer: Pricer, pools: dict[str, Any]) -> None:
    """What ``policy_group`` claims: lines in different groups (or in none) price together as they price
    alone; two lines of one group can change each other."""
    rng = random.Random(SEED)
    store = pricer.store(pricer.catalogue.releases("pfs")[0])
    locality = store.localities()[7]
    gpci = (locality["gpci_work"], locality["gpci_pe"], locality["gpci_mp"])
    kinds = ("surgical", "endoscopy", "imaging", "therapy", "cardiology", "ophthalmology", "bilateral", "assistant",
             "claim_modifier", "other")  # fmt: skip
    cells = [c.split("|")[-1] for kind in kinds for c in pools[kind]]
    changed_within = 0
    for _ in range(400):
        first, second = (_prepared(store, rng.choice(cells), gpci, locality["locality"]) for _ in range(2))
        groups = [
            policy_group(item.row["mult_proc"], item.row["family_ind"], item.modifiers) for item in (first, second)
        ]
        together = [_prepared(store, "-".join([i.code, *i.modifiers]), gpci, locality["locality"])
                    for i in (first, second)]  # fmt: skip
        line_rules.apply_rules(together)
        for item in (first, second):
            line_rules.apply_rules([item])
        same = all(
            getattr(a.pfs, s).amount == getattr(b.pfs, s).amount
            for a, b in zip(together, (first, second), strict=True) for s in line_rules.SETTINGS
        )  # fmt: skip
        if groups[0] != groups[1] or NO_GROUP in groups:
            assert same, (first.code, second.code, groups)
        else:
            changed_within += not same
    assert changed_within > 20


def test_the_facility_predicates_say_when_the_discounts_change_a_rate() -> None:
    rng = random.Random(SEED)
    for _ in range(500):
        statuses = ["J1", "T", "S", "V", "J2", "Q1", "Q2", "K", "G", "U"]
        opps = [OppsResult.model_construct(payable=True, status_indicator=rng.choice(statuses),
                                           rate=Decimal(rng.randint(1, 99999)) / 100, copayment=Decimal("1.00"),
                                           apc="5000", notes=[], adjustments=[])
                for _ in range(rng.randint(1, 4))]  # fmt: skip
        count = {si: sum(r.status_indicator == si for r in opps) for si in statuses}
        expected = opps_changes(len(opps), count["J1"], count["T"], count["Q1"], count["Q2"],
                                count["S"] + count["V"] + count["J2"], count["G"] + count["U"])  # fmt: skip
        discount_encounter_opps(opps)
        assert expected == any(r.adjustments for r in opps)
        asc = [AscResult.model_construct(payable=True, multiple_procedure_discounting=rng.random() < 0.5,
                                         rate=Decimal(rng.randint(1, 99999)) / 100, coinsurance=Decimal("1.00"),
                                         notes=[], adjustments=[])
               for _ in range(rng.randint(1, 4))]  # fmt: skip
        expected = asc_changes(sum(bool(r.multiple_procedure_discounting) for r in asc))
        discount_encounter_asc(asc)
        assert expected == any(r.adjustments for r in asc)


# -- encounters on whole columns (batch.encounter_arrays) against the rule functions one by one ------------


def _priced_both_ways(monkeypatch: Any, price: Any) -> tuple[Any, Any]:
    from rvucalc.batch import claims

    monkeypatch.setattr(claims, "BY_ARRAYS", False)
    one_by_one = price()
    monkeypatch.setattr(claims, "BY_ARRAYS", True)
    return one_by_one, price()


def test_encounters_on_whole_columns_equal_the_rule_functions(
    pricer: Pricer, drawn: dict[str, Any], monkeypatch: Any
) -> None:
    """The seeded claims (every rule, bad rows) priced by rank on whole columns where the rules allow it,
    and by the rule functions for every encounter: every column of every row equal."""
    table = _table(drawn["rows"])
    slow, fast = _priced_both_ways(monkeypatch, lambda: BatchPricer(pricer).price_table(table).to_pylist())
    assert fast == slow
    assert any("ranked 2 of" in row["note"] for row in fast)


@pytest.mark.slow
def test_a_realistic_claim_file_prices_the_same_on_whole_columns(tmp_path: Path, monkeypatch: Any) -> None:
    """benchmarks/realistic_claims.py's file (claims of 1-8 lines, POS codes, payment and informational
    modifiers, bad rows): the same output with and without encounter_arrays, and it took most encounters."""
    from rvucalc.batch import encounter_arrays

    source = realistic_claims(6_000, tmp_path / "claims.csv", seed=7)
    calls: list[int] = []
    ranked = encounter_arrays.pfs_multiple_procedures
    monkeypatch.setattr(encounter_arrays, "pfs_multiple_procedures",
                        lambda lines, rows, *rest: calls.append(len(rows)) or ranked(lines, rows, *rest))  # fmt: skip

    def price() -> str:
        out = tmp_path / "out.csv"
        result = runner.invoke(app, ["batch", str(source), "-o", str(out)])
        assert result.exit_code in (0, 1), result.output
        return out.read_text()

    slow, fast = _priced_both_ways(monkeypatch, price)
    assert fast == slow
    assert sum(calls) > 1_000


def test_ranks_by_amount_is_a_stable_sort_by_amount_within_each_group() -> None:
    """``engine.kernels.ranks_by_amount`` against ``sorted(..., reverse=True)`` of each group's items in ``order``:
    many equal amounts (ties in ``order``, and ``order`` itself tied), negative and huge amounts (lexsort then)."""
    import numpy as np

    from rvucalc.engine.kernels import ranks_by_amount

    draw = random.Random(11)
    for case in range(2_000):
        size = draw.randrange(0, 40)
        scale = draw.choice([1, 100, 10**12, 2**61])
        group = np.array(sorted(draw.randrange(6) for _ in range(size)) if case % 2 else
                         [draw.randrange(6) for _ in range(size)], dtype=np.int64)  # fmt: skip
        amount = np.array([draw.randrange(-3, 4) * scale for _ in range(size)], dtype=np.int64)
        order = np.array([draw.randrange(-5, 10) for _ in range(size)], dtype=np.int64)
        rank, count = ranks_by_amount(group, amount, order)
        for g in set(group.tolist()):
            members = sorted((i for i in range(size) if group[i] == g), key=lambda i: order[i])
            ranked = sorted(members, key=lambda i: amount[i], reverse=True)
            assert [int(rank[i]) for i in ranked] == list(range(1, len(members) + 1)), (group, amount, order)
            assert {int(count[i]) for i in members} == {len(members)}


def test_the_rows_payable_settings_on_whole_columns_are_payable_in(pricer: Pricer) -> None:
    """``BatchPricer.pfs_arrays``' ``payable`` (batch.claims' facts of a CMS row) is ``lookup.lines.payable_in`` of
    every row of every installed PFS release, in both settings."""
    batch = BatchPricer(pricer)
    for release in pricer.catalogue.releases("pfs"):
        arrays = batch.pfs_arrays(release)
        store = batch._lookups(pricer.catalogue.store(release))
        assert arrays.payable is not None
        for position, key in enumerate(arrays.rvu_keys):
            row = store.rvu(*key.split("|", 1))
            expected = tuple(line_rules.payable_in(store, row, setting) for setting in line_rules.SETTINGS)
            assert (bool(arrays.payable[0][position]), bool(arrays.payable[1][position])) == expected, key


def test_a_line_its_claim_modifier_leaves_unpaid_still_ranks_with_the_others(pricer: Pricer) -> None:
    """Found by a fresh-eyes fuzz: a -53 line is priced alone as not payable, but the encounter rules rank it
    (then drop it), as ``rvucalc price 11011-53 26740-78`` does; a lone -51 line beside it is not the only
    procedure, so it is not halved as a secondary one."""
    claims = [(["11011-53", "26740-78"], "19"), (["10035-53", "52287-51"], "11")]
    rows = [{"claim": f"C{n}", "code": cell.partition("-")[0], "modifier": cell.partition("-")[2],
             "date": "2025-11-02", "setting": setting, "zip": "06419", "units": "1"}
            for n, (codes, setting) in enumerate(claims) for cell in codes]  # fmt: skip
    priced = iter(BatchPricer(pricer).price_table(_table(rows)).to_pylist())
    for codes, setting in claims:
        for line, chosen in _expected(pricer, codes, "06419", "2025-11-02", setting, [1] * len(codes)):
            _check_row(next(priced), line, chosen, codes)


def test_a_facility_modifier_takes_its_line_out_of_the_asc_discount_as_price_does(pricer: Pricer) -> None:
    """The ASC discount is read once per code and quarter; a line whose 73 (or 52, 74) changes it is checked
    alone (``apply_facility_modifiers``): each claim prices as ``rvucalc price`` of its codes in the ASC."""
    claims = [["29881", "29880-73", "29877"], ["29881-73", "29880"], ["29881-52", "29880", "29876"]]
    rows = [{"claim": f"C{n}", "code": cell.partition("-")[0], "modifier": cell.partition("-")[2],
             "date": "2026-03-02", "setting": "24", "zip": "10001", "units": "1"}
            for n, codes in enumerate(claims) for cell in codes]  # fmt: skip
    priced = BatchPricer(pricer).price_table(_table(rows)).to_pylist()
    assert any("(ASC)" in row["note"] for row in priced)
    rows_out = iter(priced)
    for codes in claims:
        for line, chosen in _expected(pricer, codes, "10001", "2026-03-02", "24", [1] * len(codes)):
            _check_row(next(rows_out), line, chosen, codes)


def test_a_51_line_ranked_first_in_its_claim_says_no_51_rule(pricer: Pricer) -> None:
    """27447-51 alone is a secondary procedure at 50%; in a claim with 20610 it ranks first and is paid in full:
    its row says the rule only when it applied, as the single lookup's adjustments do."""
    from rvucalc.engine.policy import SECONDARY_51_RULE

    table = pa.table({"claim": ["A", "A", "B"], "code": ["27447", "20610", "27447"], "modifier": ["51", "", "51"],
                      "zip": ["10001"] * 3, "date": ["2025-06-05"] * 3, "setting": ["22"] * 3})  # fmt: skip
    rows = BatchPricer(pricer).price_table(table).to_pylist()
    encounter = pricer.price_encounter(["27447-51", "20610"], zip_code="10001", date_of_service="2025-06-05")
    first = encounter.lines[0].pfs.facility
    assert rows[0]["pfs_facility_amount"] == first.amount and not first.adjustments
    assert SECONDARY_51_RULE not in rows[0]["note"] and SECONDARY_51_RULE in rows[2]["note"]
    alone = pricer.price("27447-51", zip_code="10001", date_of_service="2025-06-05").pfs.facility
    assert rows[2]["pfs_facility_amount"] == alone.amount and [a.rule for a in alone.adjustments] == [SECONDARY_51_RULE]


def test_conditionally_packaged_codes_are_packaged_beside_what_packages_them(
    pricer: Pricer, monkeypatch: Any
) -> None:  # fmt: skip
    """OPPS Addendum D1: a Q1 code is packaged on a claim with an S, T or V service, a Q2 code on one with a T
    procedure; otherwise each is paid its APC. Single lookups (``price_encounter``), batch claims on whole columns
    and through the rule functions: the same money, the same notes."""
    store = pricer.catalogue.store(pricer.catalogue.newest("opps"))
    by_si: dict[str, list[str]] = {}
    for row in store.rows("opps"):
        if row["rate"] and not row["hcpcs"].startswith(("C", "G", "J", "Q")):
            by_si.setdefault(row["si"], []).append(row["hcpcs"])
    q1, q2, t, s, v = (by_si[si][0] for si in ("Q1", "Q2", "T", "S", "V"))
    # G0463, the clinic visit, is SI J2 (it may join comprehensive observation): paid alone, it is a visit.
    claims = [[t, q1, q2], [v, q1], [s, q1, q2], [q1, q2], [s, q2], ["G0463", q1]]
    packaged = [[False, True, True], [False, True], [False, True, False], [False, False], [False, False],
                [False, True]]  # fmt: skip
    date = "2025-11-03"
    rows = [{"claim": f"K{n}", "code": code, "zip": "10001", "date": date} for n, codes in enumerate(claims)
            for code in codes]  # fmt: skip
    table = _table(rows)
    slow, fast = _priced_both_ways(monkeypatch, lambda: BatchPricer(pricer).price_table(table).to_pylist())
    assert fast == slow
    out = iter(fast)
    for codes, expected in zip(claims, packaged, strict=True):
        encounter = pricer.price_encounter(codes, zip_code="10001", date_of_service=date)
        for line, zero in zip(encounter.lines, expected, strict=True):
            row = next(out)
            assert (line.opps.rate == 0) is zero, (codes, line.code)
            assert _money(row["opps_rate"]) == line.opps.rate and _money(row["opps_copayment"]) == line.opps.copayment
            assert ("Conditionally packaged" in row["note"]) is zero, row["note"]


def test_an_inpatient_only_procedure_denies_the_hospital_claim_and_an_asc_denies_an_excluded_line_alone(
    pricer: Pricer,
) -> None:
    """Pub. 100-04 ch. 4 §180.7: no OPPS payment for an inpatient-only procedure (SI C) "or other services rendered on
    the same day" (batch paid 20610's hospital rate beside 22590). 42 CFR 416.166: an ASC is denied a procedure that is
    not a covered one (63048, Addendum EE in 2025) and paid the others (price's ASC total said not payable for
    63047 + 63048 where batch paid 63047). Price and batch agree to the cent, the physician's fee still paid: the
    ASC's total has 63048's PFS facility amount in it (engine.facility.with_professional_alone)."""
    from rvucalc.engine.facility import INPATIENT_ONLY_RULE, opps_denied, professional_alone_note

    assert bool(opps_denied(1, 1)) and not opps_denied(1, 0) and not opps_denied(0, 1)
    day = {"date": "2025-11-10", "zip": "10001"}
    cells = [("H", "22590", "22"), ("H", "20610", "22"), ("A", "63047", "24"), ("A", "63048", "24")]
    rows = [{"claim": claim, "code": code, "setting": pos, **day} for claim, code, pos in cells]
    out = BatchPricer(pricer).price_table(_table(rows)).to_pylist()
    hospital = pricer.price_encounter(["22590", "20610"], zip_code="10001", date_of_service="2025-11-10")
    visit = hospital.lines[1]
    assert visit.opps is not None and visit.opps.rate == 0 and visit.opps.adjustments[-1].rule == INPATIENT_ONLY_RULE
    assert not hospital.totals["hopd"].payable
    alone = pricer.price("20610", zip_code="10001", date_of_service="2025-11-10")
    assert alone.opps is not None and alone.opps.rate and alone.opps.rate > 0  # paid on a claim of its own
    assert _money(out[1]["opps_rate"]) == 0 and INPATIENT_ONLY_RULE in out[1]["note"]
    hopd = next(site for site in visit.sites if site.setting == "hopd")
    assert _money(out[1]["hopd_allowed"]) == hopd.total == visit.pfs.facility.amount  # the physician's fee alone
    asc = pricer.price_encounter(["63047", "63048"], zip_code="10001", date_of_service="2025-11-10", setting="asc")
    total = asc.totals["asc"]
    assert total.payable and total.reason and total.reason.startswith("63048: ")
    assert professional_alone_note("asc") in total.reason
    [excluded] = asc.lines[1].sites
    assert excluded.payable and excluded.facility_payment is None
    assert excluded.total == asc.lines[1].pfs.facility.amount == _money(out[3]["allowed"])
    assert asc.lines[0].sites[0].total == _money(out[2]["allowed"])
    assert total.allowed == asc.lines[0].sites[0].total + excluded.total  # type: ignore[operator]


def _facility_fee(pricer: Pricer, code: str, date: str, locality: str) -> Decimal:
    """The PFS facility amount from the RVU file's row and the locality's GPCIs (the release in force on the date),
    rounded once to the cent."""
    import datetime as dt
    from decimal import ROUND_HALF_UP
    from fractions import Fraction

    store = pricer.store(pricer.select(None, dt.date.fromisoformat(date))[0])
    row, place = store.rvu(code, ""), store.locality(locality)
    assert row is not None and place is not None
    rvus = (Fraction(row["work_rvu"], 100) * Fraction(place["gpci_work"], 1000)
            + Fraction(row["pe_fac_rvu"], 100) * Fraction(place["gpci_pe"], 1000)
            + Fraction(row["mp_rvu"], 100) * Fraction(place["gpci_mp"], 1000))  # fmt: skip
    exact = rvus * Fraction(row["conv_factor"], 10_000)
    return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.mark.parametrize("date", ["2026-08-03", "2025-11-03"])
def test_a_sites_total_has_the_physicians_fee_of_a_line_the_facility_does_not_pay(pricer: Pricer, date: str) -> None:
    """A surgeon's trial: `price 29880 G0289 --zip 10001` gave the ASC $616.65 professional against $700.65 at the
    hospital: G0289 (PFS status A, an add-on on neither ASC list, so the ASC is paid nothing for it) was left out of
    the ASC's total, "paid on the physician's claim, apart from this total", though the physician is paid it wherever
    the case is done. Each site's total is every payment Medicare makes for the case there: the ASC's for 29880, and
    both physician's fees (G0289's the RVU file's facility amount), the patient 20% of G0289's too; batch's claim rows
    say the same. G0289 alone at the ASC is still not payable there (no case done there), in price and batch alike."""
    from rvucalc.engine.facility import professional_alone_note

    day = {"zip_code": "10001", "date_of_service": date}
    fee = _facility_fee(pricer, "G0289", date, "1320201")
    encounter = pricer.price_encounter(["29880", "G0289"], **day)  # type: ignore[arg-type]
    knee = next(site for site in pricer.price("29880", **day).sites if site.setting == "asc")  # type: ignore[arg-type]
    total = encounter.totals["asc"]
    assert total.payable and total.facility_payment == knee.facility_payment
    assert total.professional_payment == knee.professional_payment + fee  # type: ignore[operator]
    assert total.total == knee.total + fee  # type: ignore[operator]
    share = (fee / 5).quantize(Decimal("0.01"))
    assert total.beneficiary == knee.beneficiary + share  # type: ignore[operator]
    assert total.reason is not None and total.reason.startswith("G0289: ") and professional_alone_note("asc") in (
        total.reason)  # fmt: skip
    # The physician is paid the same at the hospital (G0289 packaged there, SI N, in 2025; 2026's OPPS not installed).
    assert encounter.totals["hopd"].professional_payment == total.professional_payment
    [add_on] = [site for site in encounter.lines[1].sites if site.setting == "asc"]
    assert add_on.payable and add_on.facility_payment is None and add_on.total == fee and add_on.beneficiary == share
    assert not next(site for site in pricer.price("G0289", **day).sites if site.setting == "asc").payable  # type: ignore[arg-type]
    rows = [{"claim": "K", "code": "29880", "date": date, "setting": "24", "zip": "10001"},
            {"claim": "K", "code": "G0289", "date": date, "setting": "24", "zip": "10001"},
            {"claim": "", "code": "G0289", "date": date, "setting": "24", "zip": "10001"}]  # fmt: skip
    out = BatchPricer(pricer).price_table(_table(rows)).to_pylist()
    assert _money(out[0]["allowed"]) == knee.total
    assert _money(out[1]["allowed"]) == _money(out[1]["asc_allowed"]) == _money(out[1]["professional_allowed"]) == fee
    assert _money(out[1]["beneficiary"]) == share and professional_alone_note("asc") in out[1]["note"]
    assert _money(out[0]["allowed"]) + _money(out[1]["allowed"]) == total.total  # type: ignore[operator]
    assert out[2]["allowed"] is None and _money(out[2]["professional_allowed"]) == fee


@pytest.mark.parametrize(("drug", "date"), [("J1100", "2025-11-03"), ("J3490", "2025-11-03"), ("J3490", "2026-08-03")])
def test_a_packaged_lines_zero_is_no_facility_payment_for_the_physicians_fee_to_join(
    pricer: Pricer, drug: str, date: str
) -> None:
    """A review: `price 99213 J1100 --zip 10001` gave the ASC and the hospital "payable" $71.64, facility $0.00, where
    `price 99213` says the ASC is not payable: a packaged drug (OPPS SI N, ASC PI N1: no separate payment) is no line
    the facility pays, so 99213's physician's fee does not join its total there (with_professional_alone): the
    facility's total is the packaged line's $0.00, 99213's fee (the RVU file's facility amount) said to be paid
    apart from it; batch's claim rows the same (99213's row: no hospital or ASC amount, its professional_allowed)."""
    from rvucalc.engine.facility import PAID_APART, professional_alone_note
    from rvucalc.engine.facility_meanings import ASC_PACKAGED, OPPS_PACKAGED

    day = {"zip_code": "10001", "date_of_service": date}
    fee = _facility_fee(pricer, "99213", date, "1320201")
    encounter = pricer.price_encounter(["99213", drug], **day)  # type: ignore[arg-type]
    visit, packaged = encounter.lines
    assert packaged.asc is not None and packaged.asc.payment_indicator in ASC_PACKAGED
    settings = ["asc"]
    if packaged.opps is not None and packaged.opps.installed:
        assert packaged.opps.status_indicator in OPPS_PACKAGED
        settings.append("hopd")
    for setting in settings:
        total = encounter.totals[setting]
        assert total.facility_payment == 0 and total.total == 0, setting
        # the Professional column is the physician's claim (lookup.professional), 99213's fee, as batch's rows say
        assert total.professional_payment == fee, setting
        assert total.reason is not None and f"{PAID_APART}: 99213 ${fee:,} (a unit)" in total.reason
        assert professional_alone_note(setting) not in total.reason
        assert not next(site for site in visit.sites if site.setting == setting).payable
    pos = {"asc": "24", "hopd": "22"}
    rows = [{"claim": "K", "code": code, "date": date, "setting": pos[setting], "zip": "10001"}
            for setting in settings for code in ("99213", drug)]  # fmt: skip
    for n, row in enumerate(rows):
        row["claim"] = f"K{n // 2}"
    out = BatchPricer(pricer).price_table(_table(rows)).to_pylist()
    for n, setting in enumerate(settings):
        e_m, drug_row = out[2 * n], out[2 * n + 1]
        assert e_m[f"{setting}_allowed"] is None and e_m["allowed"] is None, setting
        assert _money(e_m["professional_allowed"]) == fee and professional_alone_note(setting) not in e_m["note"]
        assert _money(drug_row[f"{setting}_allowed"]) == 0


@pytest.mark.parametrize(
    ("code", "setting", "indicator"),
    [("90656", "hopd", "L"), ("90656", "asc", "L1"), ("0001F", "hopd", "E1"), ("0509F", "hopd", "M"),
     ("V2785", "hopd", "F"), ("V2785", "asc", "F4"), ("0100T", "hopd", "E2"), ("E0114", "hopd", "Y"),
     ("C1602", "hopd", "H"), ("C1602", "asc", "J7"), ("C9399", "asc", "K7")],
)  # fmt: skip
def test_a_line_its_indicator_leaves_unpaid_does_not_unpay_the_facility_s_other_lines(
    pricer: Pricer, code: str, setting: str, indicator: str
) -> None:
    """A cataract surgery with a flu vaccine (SI L, PI L1), a quality code (E1, M: the I/OCE's line-item rejections),
    corneal tissue (F, F4: reasonable cost), DME (Y) or a pass-through device (H, J7: at cost) beside it: the
    hospital and the ASC are paid the surgery (price's total said "not payable" where batch paid 66984: $3,303.21 at
    the hospital in Manhattan)."""
    from rvucalc.engine.facility import UNPAID_ALONE

    day = {"date": "2025-11-01", "zip": "10001", "claim": "c1", "setting": "22" if setting == "hopd" else "24"}
    out = BatchPricer(pricer).price_table(_table([{"code": "66984", **day}, {"code": code, **day}])).to_pylist()
    encounter = pricer.price_encounter(["66984", code], zip_code="10001", date_of_service="2025-11-01", setting=setting)
    line = encounter.lines[1]
    facility = line.opps if setting == "hopd" else line.asc
    assert facility is not None and not facility.payable
    assert (facility.status_indicator if setting == "hopd" else facility.payment_indicator) == indicator  # type: ignore[union-attr]
    total = encounter.totals[setting]
    assert total.payable and total.reason and UNPAID_ALONE in total.reason and code in total.reason
    surgery = next(site for site in encounter.lines[0].sites if site.setting == setting)
    assert total.allowed == surgery.total == _money(out[0]["allowed"]) and out[1]["allowed"] is None


@pytest.mark.parametrize("code", ["A4550", "36000", "0509F", "99417", "G0008"])  # PFS status B, B, M, I, X
def test_an_office_line_its_pfs_status_bundles_does_not_unpay_the_encounter(pricer: Pricer, code: str) -> None:
    """RVU file status B (payment "always bundled into payment for other services") and M (a measurement code, no
    payment) beside an office procedure: the physician is paid the procedure (price's office total said "not payable"
    for 10060 + A4550 where batch paid 10060: $147.37 in Manhattan), and A4550 is not said to be a DMEPOS item."""
    from rvucalc.engine.facility import OFFICE_PRICED_APART, UNPAID_ALONE

    day = {"date": "2026-08-03", "zip": "10001", "claim": "c1", "setting": "11"}
    out = BatchPricer(pricer).price_table(_table([{"code": "10060", **day}, {"code": code, **day}])).to_pylist()
    encounter = pricer.price_encounter(
        ["10060", code], zip_code="10001", date_of_service="2026-08-03", setting="office"
    )
    total = encounter.totals["office"]
    said = OFFICE_PRICED_APART if code == "G0008" else UNPAID_ALONE  # G0008: paid outside the PFS, not priced here
    assert total.payable and total.reason and said in total.reason and code in total.reason
    alone = pricer.price("10060", zip_code="10001", date_of_service="2026-08-03").pfs.non_facility.amount
    assert total.allowed == alone == _money(out[0]["allowed"]) and out[1]["allowed"] is None
    assert not any("DMEPOS" in note for note in encounter.lines[1].notes) and "DMEPOS" not in str(out[1]["note"])


def test_a_hospital_code_not_on_the_rvu_file_is_left_out_of_the_office_total(pricer: Pricer) -> None:
    """A brachytherapy trial: 77778 with C2634 (60 sources; no RVU file row, Addendum B SI U, Addendum BB) in the
    office said the whole encounter was "not payable" (exit 1) where batch paid 77778's $950.21: no installed schedule
    pays C2634 in the office, so the total is 77778's and names C2634 (README: the site's total is the other lines')."""
    from rvucalc.engine.facility import UNPAID_ALONE

    day = {"date": "2025-11-03", "zip": "33136", "claim": "c1", "setting": "11"}
    out = BatchPricer(pricer).price_table(_table([{"code": "77778", **day}, {"code": "C2634", "units": "60",
                                                                             **day}])).to_pylist()  # fmt: skip
    encounter = pricer.price_encounter(["77778", "C2634"], units=[1, 60], zip_code="33136",
                                       date_of_service="2025-11-03", setting="office")  # fmt: skip
    source = encounter.lines[1]
    assert not source.pfs.in_schedule and source.opps is not None and source.opps.status_indicator == "U"
    total = encounter.totals["office"]
    assert total.payable and total.reason and UNPAID_ALONE in total.reason and "C2634" in total.reason
    alone = pricer.price("77778", zip_code="33136", date_of_service="2025-11-03").pfs.non_facility.amount
    assert total.allowed == alone == _money(out[0]["allowed"]) == Decimal("950.21") and out[1]["allowed"] is None
    result = CliRunner().invoke(app, ["price", "77778", "C2634", "--units", "1", "--units", "60", "--zip", "33136",
                                      "--date", "2025-11-03", "--setting", "11"])  # fmt: skip
    assert result.exit_code == 0 and "$950.21" in result.stdout


def test_a_contractor_priced_line_leaves_the_office_total_not_priced(pricer: Pricer) -> None:
    """77778 with A9527 (RVU file status C: the MAC prices it) in the office said "not payable" for the encounter;
    README: a contractor-priced line leaves the total not priced, with the MAC's reason, where its fee can change how
    the other procedures rank (29999 beside 11102: multiple procedure indicator 2 both, RVU25D). A9527's indicator is
    0 (77778's too): no rule ranks it, so the total is 77778's, "+ 1 line the MAC prices", as batch's claim is (the
    row unpriced, its claim's unpriced count; engine.facility.mac_priced_apart)."""
    from rvucalc.engine.pfs import CONTRACTOR_PRICED_REASON

    encounter = pricer.price_encounter(["77778", "A9527"], zip_code="33136", date_of_service="2025-11-03",
                                       setting="office")  # fmt: skip
    assert encounter.lines[1].pfs.status == "C"
    total = encounter.totals["office"]
    assert total.payable and total.total == encounter.lines[0].sites[0].total and total.lines_priced_by_mac == 1
    assert "A9527" in (total.reason or "") and CONTRACTOR_PRICED_REASON.rstrip(".") in (total.reason or "")
    day = {"date": "2025-11-03", "zip": "33136", "claim": "c1", "setting": "11"}
    out = BatchPricer(pricer).price_table(_table([{"code": "77778", **day}, {"code": "A9527", **day}])).to_pylist()
    assert out[1]["allowed"] is None and CONTRACTOR_PRICED_REASON in out[1]["note"]
    assert Decimal(str(out[0]["allowed"])) == total.total
    result = CliRunner().invoke(app, ["price", "77778", "A9527", "--zip", "33136", "--date", "2025-11-03",
                                      "--setting", "11"])  # fmt: skip
    assert result.exit_code == 0 and "not payable" not in result.stderr and "not payable" not in result.stdout
    assert "+ 1 line the MAC prices" in result.stdout and "MAC" in result.stderr
    ranked = pricer.price_encounter(["11102", "29999"], zip_code="33136", date_of_service="2025-11-03",
                                    setting="office").totals["office"]  # fmt: skip
    assert not ranked.payable and ranked.total is None and (ranked.reason or "").startswith("Not priced for 29999")
    result = CliRunner().invoke(app, ["price", "11102", "29999", "--zip", "33136", "--date", "2025-11-03",
                                      "--setting", "11"])  # fmt: skip
    assert result.exit_code == 1 and "not payable" not in result.stderr and "not payable" not in result.stdout
    assert "not priced" in result.stdout and "MAC" in result.stderr


def test_q3_services_together_say_a_composite_apc_may_pay_them_in_price_and_batch(pricer: Pricer) -> None:
    """A radiology trial: two CT studies (70496, 71275: SI Q3) on one hospital claim and date were shown as two APC
    5571 payments ($528.54) with no word of the multiple imaging composite CMS pays instead (Addendum M/A, not
    installed). Both lines say so, in price and batch; a Q3 line alone, or packaged beside a J1, does not."""
    from rvucalc.engine.facility import COMPOSITE_NOTE

    day = {"date": "2025-11-10", "zip": "94110", "setting": "22"}
    cells = [("A", "70496"), ("A", "71275"), ("B", "70496"), ("C", "70496"), ("C", "29881")]
    rows = [{"claim": c, "code": code, **day} for c, code in cells] + [{"claim": "D", "code": "70496", "units": "2",
                                                                          **day}]  # fmt: skip
    out = BatchPricer(pricer).price_table(_table(rows)).to_pylist()
    encounter = pricer.price_encounter(["70496", "71275"], zip_code="94110", date_of_service="2025-11-10",
                                       setting="hopd")  # fmt: skip
    for line, row in zip(encounter.lines, out[:2], strict=True):
        assert line.opps is not None and line.opps.status_indicator == "Q3" and COMPOSITE_NOTE in line.opps.notes
        assert COMPOSITE_NOTE in row["note"] and _money(row["opps_rate"]) == line.opps.rate
    assert COMPOSITE_NOTE not in out[2]["note"] and COMPOSITE_NOTE not in out[3]["note"]
    assert COMPOSITE_NOTE not in out[5]["note"]  # a line alone of 2 units: as `price 70496 --units 2` (a review)


@pytest.mark.parametrize(
    "forms",
    [
        # a 50 line below another discounted procedure: both its sides at 50% (1 of 2 lines, then 2 of 2)
        ([["15823-50", "67904-50"], ["15823-RT", "15823-LT", "67904-RT", "67904-LT"], ["15823", "67904"]], [2, 2]),
        ([["15823", "67904-50"], ["15823", "67904-RT", "67904-LT"], ["15823", "67904"]], [1, 2]),
    ],
)
def test_an_asc_bilateral_line_outranked_is_both_sides_at_50_percent_in_price_and_batch(
    pricer: Pricer, monkeypatch: Any, forms: Any
) -> None:  # fmt: skip
    """Claims Processing Manual ch. 14 §40.5: a bilateral procedure is two procedures, and the 50% reduction applies
    to both when another discounted procedure outranks it: 67904-50 beside 15823 is 2 x 50% of Addendum AA's
    wage-adjusted 67904 rate (it was 50% of its 150%), ranked by one side's rate (67904-50's 150% outranked 15823).
    The 50 line, its RT and LT lines and 2 units of it are the same ASC money, in price and in batch."""
    from rvucalc.engine.facility import ASC_BILATERAL_RULE

    (fifty, sides, plain), units = forms
    day = {"zip_code": "48104", "date_of_service": "2026-08-11", "setting": "asc"}
    one = pricer.price("67904", **day).asc  # type: ignore[arg-type]
    assert one.rate is not None and one.multiple_procedure_discounting
    totals = []
    for codes, counts in ((fifty, [1] * len(fifty)), (sides, [1] * len(sides)), (plain, units)):
        encounter = pricer.price_encounter(codes, units=counts, **day)  # type: ignore[arg-type]
        totals.append(encounter.totals["asc"].facility_payment)
    # One side's rate here is even in cents: the RT and LT lines, each rounded alone, come to the 50 line's money
    # (an odd one differs by a cent: tests/test_asc_bilateral_lower_paid_rounded_once.py).
    assert one.rate * 100 % 2 == 0 and totals[0] == totals[1] == totals[2], totals
    encounter = pricer.price_encounter(fifty, **day)  # type: ignore[arg-type]
    outranked = encounter.lines[-1].asc
    assert outranked is not None and outranked.rate == one.rate  # one side x 2 x 50%, rounded once
    assert outranked.adjustments[-1].rule == ASC_BILATERAL_RULE
    rows = [{"claim": "A", "code": cell.partition("-")[0], "modifier": cell.partition("-")[2], "date": "2026-08-11",
             "setting": "asc", "zip": "48104", "units": "1"} for cell in fifty]  # fmt: skip
    slow, fast = _priced_both_ways(monkeypatch, lambda: BatchPricer(pricer).price_table(_table(rows)).to_pylist())
    assert fast == slow
    for row, (line, chosen) in zip(fast, _expected(pricer, fifty, "48104", "2026-08-11", "asc", [1] * len(fifty)),
                                   strict=True):  # fmt: skip
        _check_row(row, line, chosen, fifty)
    assert _money(fast[-1]["asc_rate"]) == one.rate and ASC_BILATERAL_RULE in fast[-1]["note"]
    assert sum(_money(row["asc_rate"]) or 0 for row in fast) == totals[0]


def test_asc_ancillary_lines_say_so_in_price_and_batch_and_alone_are_not_paid(pricer: Pricer) -> None:
    """42 CFR 416.164(b): an ASC is paid for an ancillary service (Addendum BB) integral to a covered surgical
    procedure. A J9271 line in the ASC says so in price's ASC notes and in batch's row note alike (batch said only
    the PFS status); beside 96413 (no covered surgical procedure) it is not paid, the total says why (it paid the whole
    $1,213.00 before); beside a covered surgical procedure it is paid, and says it needs one."""
    from rvucalc.engine.facility import ANCILLARY_NOTE, ANCILLARY_WITHOUT_PROCEDURE

    day = {"zip_code": "77030", "date_of_service": "2026-08-10", "setting": "asc"}
    encounter = pricer.price_encounter(["96413", "J9271"], units=[1, 20], **day)  # type: ignore[arg-type]
    total = encounter.totals["asc"]
    [drug_site] = encounter.lines[1].sites
    assert not drug_site.payable and drug_site.reason == ANCILLARY_WITHOUT_PROCEDURE
    assert not total.payable and total.reason and f"J9271: {ANCILLARY_WITHOUT_PROCEDURE}" in total.reason
    single = pricer.price("J9271", units=20, **day)  # type: ignore[arg-type]
    assert single.asc is not None and ANCILLARY_NOTE in single.asc.notes and not single.sites[0].payable
    paid = pricer.price_encounter(["66984", "J9271"], units=[1, 20], **day)  # type: ignore[arg-type]
    rows = [
        {"claim": "X", "code": "J9271", "date": "2026-08-10", "setting": "24", "zip": "77030", "units": "20"},
        {"claim": "Y", "code": "66984", "date": "2026-08-10", "setting": "24", "zip": "77030", "units": "1"},
        {"claim": "Y", "code": "J9271", "date": "2026-08-10", "setting": "24", "zip": "77030", "units": "20"},
    ]
    out = BatchPricer(pricer).price_table(_table(rows)).to_pylist()
    assert ANCILLARY_WITHOUT_PROCEDURE in out[0]["note"] and ANCILLARY_NOTE not in out[0]["note"], out[0]["note"]
    assert ANCILLARY_NOTE not in out[1]["note"] and ANCILLARY_NOTE in out[2]["note"]
    assert out[0]["allowed"] is None and _money(out[2]["allowed"]) == paid.lines[1].sites[0].total is not None


# Equal amounts, one line with 51: 51 marks the secondary procedure ("Append modifier 51 to the surgical procedure
# code with the lower physician fee schedule amount": NGS Medicare's and Novitas's modifier 51 pages), so the line
# without it is paid in full, in the PFS, the ASC (SI T-less 26055 at an ASC) and OPPS (11042's SI T, 26055's J1).
TIES_WITH_51 = [["26055-F1", "26055-F2-51"], ["26055-F2-51", "26055-F1"], ["11042-59", "11042-51"],
                ["11042-51", "11042-59"]]  # fmt: skip


@pytest.mark.parametrize("setting", ["11", "22", "24"])
@pytest.mark.parametrize("by_arrays", [True, False])
def test_equal_amounts_rank_the_51_line_second_in_price_and_batch_whatever_the_order(
    pricer: Pricer, monkeypatch: Any, setting: str, by_arrays: bool
) -> None:
    """A hand-surgery trial: `price 26055-F1 26055-F2-51` paid F2-51 in full and F1 at 50% (tie_key sorted "51"
    before "F1"), and the ASC ranked the tie the other way. Each claim prices as `rvucalc price` of its codes (on
    whole columns and through the rule functions), and in either order the line without 51 keeps its amount alone
    (CMS's file amount for the code and place) in every part, the 51 line is the one cut."""
    from rvucalc.batch import claims as batch_claims

    monkeypatch.setattr(batch_claims, "BY_ARRAYS", by_arrays)
    date, place = "2025-08-04", "02114"
    rows = [{"claim": f"C{n}", "code": cell.partition("-")[0], "modifier": cell.partition("-")[2], "date": date,
             "setting": setting, "zip": place, "units": "1"}
            for n, codes in enumerate(TIES_WITH_51) for cell in codes]  # fmt: skip
    priced = iter(BatchPricer(pricer).price_table(_table(rows)).to_pylist())
    for codes in TIES_WITH_51:
        for line, chosen in _expected(pricer, codes, place, date, setting, [1, 1]):
            _check_row(next(priced), line, chosen, codes)
        for line in _encounter(pricer, codes, place, date, "", [1, 1]).lines:
            alone = pricer.price(line.code, zip_code=place, date_of_service=date)
            parts = [(line.pfs.non_facility.amount, alone.pfs.non_facility.amount),
                     (line.pfs.facility.amount, alone.pfs.facility.amount), (line.asc.rate, alone.asc.rate),
                     (line.opps.rate, alone.opps.rate)]  # fmt: skip
            if "51" in line.modifiers:
                assert all(mine < full for mine, full in parts), (codes, parts)
            else:
                assert all(mine == full for mine, full in parts), (codes, parts)


def test_tie_sorted_is_tie_keys_order_of_the_cells() -> None:
    """``encounter_arrays.tie_sorted`` ranks each ``tie_key``'s parts as texts: the same order as the tuples, a stable
    sort (a code that is another's prefix, no modifiers before some, 51 after none, modifiers in any order, equal
    keys), with the run's cells (read once a run, numbered in their own order) or the partition's alone."""
    import random as chance
    from types import SimpleNamespace

    import numpy as np

    from rvucalc.batch.encounter_arrays import tie_sorted
    from rvucalc.engine.policy import tie_key

    cells = [("27447", ()), ("2744", ("25",)), ("27447", ("51",)), ("27447", ("RT", "59")), ("27447", ("59", "RT")),
             ("27447", ("59",)), ("27447", ("5",)), ("G0008", ()), ("27447", ("RT",)), ("A", ()), ("A", ("AA",)),
             ("27447", ("51", "RT")), ("2744", ()), ("27447", ("59", "RT", "XS"))]  # fmt: skip

    class RunCells:  # the run's cells (batch.lines.CodeCells), numbered in another order than the partition's
        def __init__(self, parsed: list[Any]) -> None:
            self.parsed = parsed

    for seed in range(20):
        chance.Random(seed).shuffle(cells)
        codes = [SimpleNamespace(code=code, modifiers=mods) for code, mods in cells]
        lines = SimpleNamespace(codes=codes, run_cells=None)
        expected = sorted(range(len(cells)), key=lambda i: tie_key(*cells[i]))
        assert tie_sorted(lines, list(range(len(cells)))) == expected  # type: ignore[arg-type]
        numbers = list(range(len(cells)))
        chance.Random(seed).shuffle(numbers)
        run = RunCells([codes[numbers.index(n)] for n in range(len(cells))])
        lines = SimpleNamespace(codes=codes, run_cells=run, cell=np.array(numbers))
        assert tie_sorted(lines, list(range(len(cells)))) == expected  # type: ignore[arg-type]
        some = sorted(chance.Random(seed).sample(range(len(cells)), 6))
        assert tie_sorted(lines, some) == sorted(range(6), key=lambda i: tie_key(*cells[some[i]]))  # type: ignore[arg-type]


def test_tie_sorted_ranks_the_run_s_texts_again_as_cells_are_added() -> None:
    """``tie_sorted`` ranks the texts of all the run's cells, once per new cells (``_TieFacts.ranks``): cells the run
    adds later, whose texts sort between those ranked before, and texts numpy's sort would not tell apart (a trailing
    NUL), are in ``tie_key``'s order of the tuples all the same."""
    from types import SimpleNamespace

    import numpy as np

    from rvucalc.batch.encounter_arrays import tie_sorted
    from rvucalc.engine.policy import tie_key

    class RunCells:  # the run's cells (batch.lines.CodeCells): the next partitions add to them
        def __init__(self, parsed: list[Any]) -> None:
            self.parsed = parsed

    first = [("27447", ()), ("27450", ("51",)), ("27447", ("RT",)), ("A\x00", ("AA",))]
    later = [("27448", ()), ("27447", ("LT",)), ("2744", ()), ("A\x00", ()), ("A", ()), ("27447", ("59", "RT"))]
    run = RunCells([SimpleNamespace(code=code, modifiers=mods) for code, mods in first])
    lines = SimpleNamespace(codes=run.parsed, run_cells=run, cell=np.arange(len(first)))
    assert tie_sorted(lines, list(range(len(first)))) == sorted(range(len(first)), key=lambda i: tie_key(*first[i]))  # type: ignore[arg-type]
    run.parsed.extend(SimpleNamespace(code=code, modifiers=mods) for code, mods in later)
    cells = first + later
    lines = SimpleNamespace(codes=run.parsed, run_cells=run, cell=np.arange(len(cells)))
    expected = sorted(range(len(cells)), key=lambda i: tie_key(*cells[i]))
    assert tie_sorted(lines, list(range(len(cells)))) == expected  # type: ignore[arg-type]
    some = [1, 3, 4, 7, 8]
    assert tie_sorted(lines, some) == sorted(range(len(some)), key=lambda i: tie_key(*cells[some[i]]))  # type: ignore[arg-type]


def _half(amount: Decimal) -> Decimal:
    return (amount / 2).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# An LT and an RT line of one code: the PFS pays the pair as one bilateral procedure on one of the two lines
# (engine.policy.bilateral_pairs), and the hospital and the ASC pay one line in full and discount the other
# (engine.facility.FACILITY_TIES): the same line, whatever the order of the lines.
SIDES_IN_EITHER_ORDER = [["19301-RT", "19301-LT"], ["19301-LT", "19301-RT"]]


@pytest.mark.parametrize("setting", ["22", "24"])
@pytest.mark.parametrize("by_arrays", [True, False])
def test_a_bilateral_pair_is_paid_in_full_on_the_same_line_by_the_pfs_and_the_facility_whatever_the_order(
    pricer: Pricer, monkeypatch: Any, setting: str, by_arrays: bool
) -> None:
    """A review: `price 19301-RT 19301-LT --zip 02114 --date 2025-08-04` paid the PFS pair ($1049.06) on the RT line
    (the first listed) but the OPPS's $4128.19 and the ASC's $1638.10 on the LT line (first in tie_key's order), the
    RT line's ASC at 50%. In either order, in price and batch (both paths), one line carries the PFS pair (CMS's
    amount for 19301-50), the OPPS rate and the ASC rate of 19301 (CMS's files, a single lookup) in full; the other
    $0.00 in the PFS and the OPPS (packaged into the J1) and half the ASC rate; and it is the same side both times."""
    from rvucalc.batch import claims as batch_claims

    monkeypatch.setattr(batch_claims, "BY_ARRAYS", by_arrays)
    date, place = "2025-08-04", "02114"
    rows = [{"claim": f"C{n}", "code": cell.partition("-")[0], "modifier": cell.partition("-")[2], "date": date,
             "setting": setting, "zip": place, "units": "1"}
            for n, codes in enumerate(SIDES_IN_EITHER_ORDER) for cell in codes]  # fmt: skip
    priced = iter(BatchPricer(pricer).price_table(_table(rows)).to_pylist())
    alone = pricer.price("19301", zip_code=place, date_of_service=date)
    both = _encounter(pricer, ["19301-50"], place, date, "", [1]).lines[0]
    paying = set()
    for codes in SIDES_IN_EITHER_ORDER:
        for line, chosen in _expected(pricer, codes, place, date, setting, [1, 1]):
            _check_row(next(priced), line, chosen, codes)
        lines = _encounter(pricer, codes, place, date, "", [1, 1]).lines
        [payer] = [line for line in lines if line.pfs.facility.amount]
        [other] = [line for line in lines if line is not payer]
        assert payer.pfs.facility.amount == both.pfs.facility.amount, codes
        assert (payer.opps.rate, payer.asc.rate) == (alone.opps.rate, alone.asc.rate), codes
        assert (other.opps.rate, other.asc.rate) == (Decimal(0), _half(alone.asc.rate)), codes
        paying.add(tuple(payer.modifiers))
    assert len(paying) == 1, paying


def test_nursing_facility_care_is_one_e_m_a_day_per_practitioner_on_every_path(
    pricer: Pricer, monkeypatch: Any
) -> None:
    """A geriatrics trial's claims (ZIP 19103, POS 32): W3 an MD's 99306 and discharge 99316, W4 an MD's 99310 twice
    beside G0317, W5 an MD's 99310 and an NP's 99309. Nursing facility visits and the discharge are one E/M a day per
    practitioner (Claims Processing Manual ch. 12 §30.6.13.B): each practitioner's lines as ``rvucalc price`` of them
    (the highest-paid kept), another practitioner's line paid; the same on whole columns and by the rule functions."""
    from rvucalc.engine.visits import SECOND_NURSING_FACILITY_RULE

    lines = [("W3", "99306", "MD", 1), ("W3", "99316", "MD", 1), ("W4", "99310", "MD", 1), ("W4", "G0317", "MD", 2),
             ("W4", "99310", "MD", 1), ("W5", "99310", "MD", 1), ("W5", "99309", "NP", 1)]  # fmt: skip
    table = pa.table({"claim": [c for c, *_ in lines], "code": [code for _, code, *_ in lines],
                      "provider": [who for *_, who, _ in lines], "units": [str(u) for *_, u in lines],
                      "zip": ["19103"] * len(lines), "date": ["2026-08-03"] * len(lines),
                      "setting": ["32"] * len(lines)})  # fmt: skip
    slow, fast = _priced_both_ways(monkeypatch, lambda: BatchPricer(pricer).price_table(table).to_pylist())
    assert fast == slow
    for claim, who in (("W3", "MD"), ("W4", "MD"), ("W5", "MD"), ("W5", "NP")):
        mine = [n for n, line in enumerate(lines) if line[0] == claim and line[2] == who]
        single = pricer.price_encounter([lines[n][1] for n in mine], zip_code="19103", date_of_service="2026-08-03",
                                        setting="32", units=[lines[n][3] for n in mine],
                                        provider="physician" if who == "MD" else "np").lines  # fmt: skip
        for n, line in zip(mine, single, strict=True):
            assert _money(fast[n]["allowed"]) == _money(line.sites[0].total), lines[n]
            assert (SECOND_NURSING_FACILITY_RULE in fast[n]["note"]) == (SECOND_NURSING_FACILITY_RULE in line.notes)
    assert [_money(fast[n]["allowed"]) == 0 for n in range(len(lines))] == [False, True, False, False, True, False,
                                                                            False]  # fmt: skip
