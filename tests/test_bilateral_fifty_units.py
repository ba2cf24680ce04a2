"""50 with 2 units (an orthopedic trial: `price 27447-50 --units 2` paid 300% of one knee, $4,018.90, with only a
note). CMS's RVU file documentation pays a bilateral procedure once "if the code is billed with the bilateral modifier
or is reported twice on the same day by any other means (e.g., with RT and LT modifiers, or with a 2 in the units
field)": 50 and the 2 units say the same second side. So CODE-50 x 2 is paid as CODE-50 x 1 (indicator 1: 150%,
2: 100%, 3: 200% of one side), with a note; an add-on's units (more levels) and 3 units stay units x CODE-50. Single
lookups and batch alike, alone and in a claim, ranked on whole columns and by the rule functions."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.lookup.pricer import Pricer

DATE = "2026-08-03"
NOTE = "2 units with 50: 50 already says both sides"


@pytest.fixture(scope="module")
def pricer() -> Pricer:
    return Pricer()


def _money(value: Any) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value)).quantize(Decimal("0.01"))


def _amount(single: Any, setting: str) -> Decimal:
    state = single.pfs.facility if setting == "facility" else single.pfs.non_facility
    return Decimal(state.amount)


def test_50_with_2_units_is_paid_as_one_bilateral_procedure(pricer: Pricer, monkeypatch: Any) -> None:
    # (code, the PFS setting read): 27447, 20610 are bilateral indicator 1, 11010 is 2, 73030 is 3 (RVU26)
    cases = [("27447", "facility"), ("20610", "office"), ("11010", "office"), ("73030", "office")]
    for code, setting in cases:
        place = "21" if setting == "facility" else "11"
        one = pricer.price(code, zip_code="10001", date_of_service=DATE, setting=place)
        fifty = pricer.price(f"{code}-50", zip_code="10001", date_of_service=DATE, setting=place)
        twice = pricer.price(f"{code}-50", zip_code="10001", date_of_service=DATE, units=2, setting=place)
        indicator = one.pfs.indicators["bilat_surg"].value
        percent = {"1": Decimal("1.5"), "2": Decimal(1), "3": Decimal(2)}[indicator]
        # CODE-50 is the percentage of the unrounded fee, rounded once: within a cent of the rounded fee's
        assert abs(_amount(fifty, setting) - _amount(one, setting) * percent) <= Decimal("0.01"), code
        assert _amount(twice, setting) == _amount(fifty, setting), code
        site, alone = twice.sites[0], fifty.sites[0]
        assert site.total == alone.total and site.beneficiary == alone.beneficiary, code
        assert any(note.startswith(NOTE) for note in twice.notes), code
    knee = pricer.price("27447-50", zip_code="10001", date_of_service=DATE, units=2)
    assert knee.pfs.facility is not None  # 150% of CMS's $1,341.54 for one knee, not 300%
    assert abs(knee.pfs.facility.amount - Decimal("2012.31")) <= Decimal("0.01")
    # An add-on's units are more levels (64484-50 x 2: two levels, each bilateral), and 3 units are no pair.
    for code, units, place in (("64484-50", 2, "11"), ("27447-50", 3, "21")):
        many = pricer.price(code, zip_code="10001", date_of_service=DATE, units=units, setting=place)
        single = pricer.price(code, zip_code="10001", date_of_service=DATE, setting=place)
        assert many.sites[0].total == units * single.sites[0].total, code
        assert not any(note.startswith(NOTE) for note in many.notes)
    # Batch: alone (no claim), alone in a claim, and ranked in a claim with another procedure (whole columns and
    # the rule functions alike).
    lines = [("", "27447-50", 2, "21"), ("", "20610-50", 2, "11"), ("", "73030-50", 2, "11"),
             ("", "11010-50", 2, "11"), ("K", "27447-50", 2, "21"), ("L", "27447-50", 2, "21"),
             ("L", "29881-RT", 1, "21"), ("M", "20610-50", 2, "11"), ("M", "11010", 1, "11")]  # fmt: skip
    rows = [{"claim": claim, "code": code, "units": str(units), "zip": "10001", "date": DATE, "setting": setting}
            for claim, code, units, setting in lines]  # fmt: skip
    table = pa.table({name: [row[name] for row in rows] for name in rows[0]})
    from rvucalc.batch import claims

    outs = []
    for by_arrays in (False, True):
        monkeypatch.setattr(claims, "BY_ARRAYS", by_arrays)
        outs.append(BatchPricer(pricer).price_table(table).to_pylist())
    assert outs[0] == outs[1]
    out = iter(outs[0])
    for claim, group in (("", lines[:4]), ("K", lines[4:5]), ("L", lines[5:7]), ("M", lines[7:9])):
        if claim:
            encounter = pricer.price_encounter([code for _, code, _, _ in group], zip_code="10001",
                                               date_of_service=DATE, setting=group[0][3],
                                               units=[units for _, _, units, _ in group])  # fmt: skip
            singles = list(encounter.lines)
        else:
            singles = [pricer.price(code, zip_code="10001", date_of_service=DATE, units=units, setting=setting)
                       for _, code, units, setting in group]  # fmt: skip
        for (_, code, units, _), single in zip(group, singles, strict=True):
            row = next(out)
            assert _money(row["allowed"]) == single.sites[0].total, (claim, code, row)
            assert _money(row["pfs_facility_amount"]) == _money(single.pfs.facility.amount), (claim, code)
            assert _money(row["pfs_non_facility_amount"]) == _money(single.pfs.non_facility.amount), (claim, code)
            if units == 2 and "50" in code:
                assert NOTE in row["note"], (claim, code)
                assert any(note.startswith(NOTE) for note in single.notes), (claim, code)
                rules = [a.rule for a in single.pfs.facility.adjustments]
                assert all(rule in row["note"] for rule in rules), (claim, code, rules)


def test_50_with_2_units_ranked_on_whole_columns_says_its_step_once(pricer: Pricer, monkeypatch: Any) -> None:
    """On whole columns (batch.claims._two_units_by_arrays) the 2-units step took its place before the row alone's
    "Bilateral (50)" step, and both were said: the rule functions and the single lookup say the one step."""
    from rvucalc.batch import claims

    rows = [{"claim": "K", "code": "27447-50", "units": "2", "zip": "10001", "date": DATE, "setting": "21"}]
    table = pa.table({name: [row[name] for row in rows] for name in rows[0]})
    outs = []
    for by_arrays in (False, True):
        monkeypatch.setattr(claims, "BY_ARRAYS", by_arrays)
        outs.append(BatchPricer(pricer).price_table(table).to_pylist())
    assert outs[0] == outs[1]


def test_50_with_2_units_says_its_50_pays_both_sides_in_price_and_batch(tmp_path: Any, monkeypatch: Any) -> None:
    """An ENT trial: 69436-50 with units 2 at an ASC (San Francisco) was paid once, right (PFS facility 150% of one
    ear, the second unit $0.00), but its step read "Bilateral: 2 units of one code: 150% ... both sides on the first
    unit (as 50)", the words of a line without 50, beside the note's "the second unit $0.00". With 50 on the line the
    step says the 50 already pays both sides and unit 2 is not paid, in `price` and batch (whole columns and rule
    functions) alike; 69436 x 2 without 50 keeps its words. RVU26C: 69436 bilateral indicator 1 (150%)."""
    import csv
    import json

    from typer.testing import CliRunner

    from rvucalc.batch import claims
    from rvucalc.cli import app

    with open("/work/shared/cms/2026/PPRRVU2026_Jul_nonQPP.csv", newline="") as handle:
        cms = next(row for row in csv.reader(handle) if row[:2] == ["69436", ""])
    assert cms[19] == "1"  # BILAT SURG: 150%
    runner = CliRunner()
    where = ["--zip", "94110", "--setting", "24", "--date", DATE, "-f", "json"]
    shown = [json.loads(runner.invoke(app, ["price", code, "--units", units, *where]).stdout)
             for code, units in (("69436-50", "2"), ("69436-50", "1"), ("69436", "2"))]  # fmt: skip
    twice, once, plain = (result["pfs"]["facility"] for result in shown)
    assert Decimal(str(twice["amount"])) == Decimal(str(once["amount"]))  # one bilateral procedure
    [step] = [adjustment["rule"] for adjustment in twice["adjustments"]]
    assert (
        step == "Bilateral (50) with 2 units: 150% of the amount once, the line's 50 already pays both sides: "
        "unit 2 not paid"
    )
    assert [adjustment["rule"] for adjustment in plain["adjustments"]] == [
        "Bilateral: 2 units of one code: 150% of the amount, both sides on the first unit (as 50)"
    ]
    assert any(note.startswith(NOTE) and "the second unit $0.00" in note for note in shown[0]["notes"])
    source = tmp_path / "ent.csv"
    source.write_text("Claim ID,Date of Service,CPT/HCPCS,Mod 1,Units,POS,Patient ZIP\n"
                      f"ENT1,{DATE},69436,50,2.00,24,94110\nENT2,{DATE},69436,,2.00,24,94110\n")  # fmt: skip
    for by_arrays in (False, True):
        monkeypatch.setattr(claims, "BY_ARRAYS", by_arrays)
        target = tmp_path / f"out{by_arrays}.csv"
        done = runner.invoke(app, ["batch", str(source), "-o", str(target)])
        assert done.exit_code == 0, done.output
        fifty, without = csv.DictReader(target.open())
        assert Decimal(fifty["pfs_facility_amount"]) == Decimal(str(once["amount"]))
        assert step in fifty["note"] and NOTE in fifty["note"], fifty["note"]
        assert "2 units of one code" not in fifty["note"], fifty["note"]
        assert "Bilateral: 2 units of one code: 150%" in without["note"], without["note"]
