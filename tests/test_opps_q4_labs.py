"""Labs of status indicator Q4 on a hospital's claim (OPPS Addendum D1: "packaged APC payment if billed on the same
claim as a HCPCS code assigned status indicator J1, J2, S, T, V, Q1, Q2 or Q3; in other circumstances ... payment is
made under the CLFS"), in price and batch alike.

A billing trial's `price 99284 85025 80053 --setting hopd` left the labs out of the hospital's total ("has no amount
here", batch counting them unpriced); beside the ED visit (SI J2) they are packaged: $0.00 at the hospital, priced, the
note naming the line that packages them. Alone, or beside lines of other SIs, they stay left out and say the CLFS pays
them on the hospital's claim. The SIs and rates are those of the shipped October 2025 Addendum B file.
"""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pyarrow as pa
from typer.testing import CliRunner

from conftest import MONEY, SITE_MEASURES
from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine.facility import CONDITIONAL_LAB_PACKAGED, CONDITIONAL_LAB_REASON, conditional_lab_note
from rvucalc.errors import RvucalcError
from rvucalc.lookup.pricer import Pricer

COLUMNS = ["claim", "code", "date", "setting", "zip", "units"]
DAY = {"date": "2025-11-03", "zip": "69001"}  # the trial's: Nebraska, the October 2025 quarter
PACKAGING = ("J1", "J2", "S", "T", "V", "Q1", "Q2", "Q3")
SEED = 20251103
CLAIMS = 60


def _money(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    return Decimal(str(value)).quantize(Decimal("0.01"))


def _encounter(pricer: Pricer, codes: list[str], setting: str | None = "hopd", units: Any = None) -> Any:
    return pricer.price_encounter(codes, zip_code=DAY["zip"], date_of_service=DAY["date"], setting=setting,
                                  units=units)  # fmt: skip


def _hopd(line: Any) -> Any:
    return next(site for site in line.sites if site.setting == "hopd")


def test_the_trials_labs_beside_an_ed_visit_are_packaged(pricer: Pricer, addendum_b: Any) -> None:
    """99284 (SI J2, APC 5024 $425.820) with 85025 and 80053 (SI Q4): the visit is paid as before, its national rate
    wage-adjusted, and each lab $0.00 at the hospital, priced, not left out of the total."""
    assert addendum_b["99284"] == ("J2", Decimal("425.820"))
    assert addendum_b["85025"][0] == addendum_b["80053"][0] == "Q4"
    visit, *labs = _encounter(pricer, ["99284", "85025", "80053"]).lines
    wage = visit.opps.wage_index
    expected = (addendum_b["99284"][1] * (Decimal("0.6") * wage + Decimal("0.4"))).quantize(Decimal("0.01"),
                                                                                          ROUND_HALF_UP)  # fmt: skip
    assert visit.opps.rate == expected == Decimal("391.05")
    for lab in labs:
        assert lab.opps.status_indicator == "Q4" and lab.opps.payable and lab.opps.rate == 0
        assert lab.opps.copayment == 0 and lab.opps.reason is None
        assert lab.opps.notes == [conditional_lab_note("99284", "J2")]
        site = _hopd(lab)
        assert site.payable and site.status == "priced" and site.total == 0
    encounter = _encounter(pricer, ["99284", "85025", "80053"])
    total = encounter.totals["hopd"]
    assert (total.total, total.status) == (Decimal("499.44"), "priced")  # the visit's $391.05 + its fee $108.39
    assert CONDITIONAL_LAB_REASON not in (total.reason or "") and "SI Q4" not in (total.reason or "")


def test_a_lab_beside_a_j1_or_a_packaged_q1_line_is_packaged_and_alone_it_is_the_clfs(
    pricer: Pricer, addendum_b: Any
) -> None:
    """The SI assigned decides, not what the line is paid: 96372 (SI Q1) packaged beside the visit still packages the
    lab, and is the line named when it comes first. With no such line (alone, beside 99213's SI B) the lab keeps its
    reason, which says the CLFS pays it on the hospital's claim; beside an inpatient-only procedure (22590, SI C)
    nothing is paid and the lab is not packaged either."""
    assert [addendum_b[c][0] for c in ("29881", "36415", "96372", "99213", "22590")] == ["J1", "Q4", "Q1", "B", "C"]
    knee = _encounter(pricer, ["29881", "36415"]).lines
    assert knee[0].opps.rate and knee[1].opps.rate == 0
    assert knee[1].opps.notes == [conditional_lab_note("29881", "J1")]
    injection = _encounter(pricer, ["96372", "99284", "85025"]).lines
    assert injection[0].opps.rate == 0  # Q1 packaged beside the J2 visit
    assert injection[2].opps.notes == [conditional_lab_note("96372", "Q1")]
    for codes in (["85025", "80053"], ["99213", "85025"], ["22590", "99284", "85025"]):
        lab = _encounter(pricer, codes).lines[-1]
        assert not lab.opps.payable and lab.opps.reason == CONDITIONAL_LAB_REASON, codes
        assert "paid under the CLFS on the hospital's claim" in CONDITIONAL_LAB_REASON
    alone = pricer.price("85025", zip_code=DAY["zip"], date_of_service=DAY["date"], setting="hopd")
    assert alone.opps is not None and alone.opps.reason == CONDITIONAL_LAB_REASON


def _pools(addendum_b: dict[str, tuple[str, Decimal | None]]) -> dict[str, list[str]]:
    """Codes by SI from Addendum B: the labs, each SI that packages them (paid: a rate), and others that do not."""
    pools: dict[str, list[str]] = {"Q4": [], "packaging": [], "other": []}
    for code, (si, rate) in sorted(addendum_b.items()):
        if si == "Q4":
            pools["Q4"].append(code)
        elif si in PACKAGING and rate:
            pools["packaging"].append(code)
        elif si in ("B", "N", "A", "E1", "C", "K"):
            pools["other"].append(code)
    return pools


def test_seeded_claims_of_labs_price_and_batch_agree(pricer: Pricer, addendum_b: Any) -> None:
    """Seeded claims of labs (SI Q4) alone, beside lines of an SI that packages them, or beside others (B, N, A, E1, C,
    K): every money column and site measure of each batch row equal to `rvucalc price`'s encounter of the claim's
    codes, and the note: a packaged lab's names the same line, an unpackaged one's the CLFS (at the hospital)."""
    rng = random.Random(SEED)
    pools = _pools(addendum_b)
    claims: list[dict[str, Any]] = []
    while len(claims) < CLAIMS:
        codes = rng.sample(pools["Q4"], rng.randint(1, 3))
        for _ in range(rng.choice([0, 1, 1, 2])):
            kind = rng.choice(["packaging", "packaging", "other"])
            codes.insert(rng.randrange(len(codes) + 1), rng.choice(pools[kind]))
        setting = rng.choice(["hopd", "hopd", "22", "", "11"])
        units = [rng.choice([1, 1, 2]) for _ in codes]
        try:
            expected = _encounter(pricer, codes, None, units).lines
            chosen = _encounter(pricer, codes, setting, units).lines if setting else [None] * len(codes)
        except RvucalcError:  # a code price refuses: drawn again
            continue
        claims.append({"id": f"L{len(claims):03d}", "codes": codes, "setting": setting, "units": units,
                       "expected": list(zip(expected, chosen, strict=True))})  # fmt: skip
    rows = [{"claim": claim["id"], "code": code, "setting": claim["setting"], "units": str(units), **DAY}
            for claim in claims for code, units in zip(claim["codes"], claim["units"], strict=True)]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.table({name: [row[name] for row in rows] for name in COLUMNS}))
    priced = iter(out.to_pylist())
    packaged = alone = 0
    for claim in claims:
        for code, (line, chosen) in zip(claim["codes"], claim["expected"], strict=True):
            row, what = next(priced), (claim["id"], claim["codes"], code)
            assert (row["error"], row["error_kind"]) == ("", ""), what
            for name, value in MONEY.items():
                assert _money(row[name]) == _money(value(line)), (what, name, row["note"])
            for site in line.sites:
                for measure, attribute in SITE_MEASURES.items():
                    expected = getattr(site, attribute) if site.payable else None
                    assert _money(row[f"{site.setting}_{measure}"]) == _money(expected), (what, site.setting, measure)
            if chosen is not None:
                [site] = chosen.sites
                for measure, attribute in SITE_MEASURES.items():
                    assert _money(row[measure]) == _money(getattr(site, attribute) if site.payable else None), what
            if line.opps is None or line.opps.status_indicator != "Q4":
                continue
            said = [note for note in line.opps.notes if note.startswith(CONDITIONAL_LAB_PACKAGED)]
            if said:
                packaged += 1
                [note] = said
                named = next(c for c in claim["codes"] if addendum_b[c][0] in PACKAGING and addendum_b[c][1])
                assert note == conditional_lab_note(named, addendum_b[named][0]), what
                assert line.opps.rate == 0 and _money(row["opps_rate"]) == 0, what
                notes = f"{row['note']}; {row['comparison_note']}"  # a sited row: the hospital's in comparison_note
                assert f"): {note}" in notes and CONDITIONAL_LAB_REASON not in notes, (what, notes)
            else:
                alone += 1
                assert line.opps.reason == CONDITIONAL_LAB_REASON and CONDITIONAL_LAB_PACKAGED not in row["note"], what
                if claim["setting"] in ("hopd", "22"):
                    assert CONDITIONAL_LAB_REASON in row["note"], (what, row["note"])
    assert packaged >= 30 and alone >= 15, (packaged, alone)


def test_the_table_names_the_line_and_leaves_no_lab_out() -> None:
    result = CliRunner().invoke(app, ["price", "99284", "85025", "80053", "--zip", DAY["zip"], "--setting", "hopd",
                                      "--date", DAY["date"]])  # fmt: skip
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert f"85025: {conditional_lab_note('99284', 'J2')}" in text
    assert "has no amount here" not in text and "leaves out" not in text
