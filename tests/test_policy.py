"""CMS's payment rules, worked examples.

Sources cited per test: the RVU file documentation (RVU25A/RVU26C, "Multiple
Procedure", "Bilateral Surgery", "Assistant at Surgery", "Co-surgeons", "Team
Surgery" fields) and the Medicare Claims Processing Manual (Pub. 100-04), ch. 12.
Expected amounts start from each code's own fee schedule amount (itself checked
against CMS's payment files) and apply CMS's percentages exactly, rounded once.
"""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.policy import SECONDARY_51_RULE, SIDES_RULE
from rvucalc.paths import data_dir

runner = CliRunner()
CENT = Decimal("0.01")


def cents(value: Decimal | Fraction) -> Decimal:
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def fee(pricer, code: str, setting: str = "facility", **options) -> Decimal:  # type: ignore[no-untyped-def]
    return getattr(pricer.price(code, **options).pfs, setting).fee_schedule_amount


# -- single-line modifiers ------------------------------------------------------------


def test_27447_50_bilateral_is_150_percent(pricer) -> None:  # type: ignore[no-untyped-def]
    """RVU doc, Bilateral Surgery indicator 1: 150% of the fee schedule amount for a single code."""
    result = pricer.price("27447-50")
    assert result.pfs.indicators["bilat_surg"].value == "1"
    base = fee(pricer, "27447")
    assert result.pfs.facility.fee_schedule_amount == base
    assert result.pfs.facility.amount == cents(base * Decimal("1.5"))
    [step] = result.pfs.facility.adjustments
    assert (step.percentage, step.amount_before) == (Decimal("150.00"), base)


@pytest.mark.parametrize(("modifier", "percent"), [("80", "16"), ("81", "16"), ("82", "16"), ("AS", "13.6")])
def test_27447_assistant_at_surgery(pricer, modifier: str, percent: str) -> None:  # type: ignore[no-untyped-def]
    """Claims Processing Manual ch. 12 §20.4.3 (16% of the fee schedule amount) and §120.1
    (non-physician assistants, AS: 85% of that, 13.6%); RVU doc Assistant at Surgery indicator 2."""
    result = pricer.price(f"27447-{modifier}")
    assert result.pfs.indicators["asst_surg"].value == "2"
    assert result.pfs.facility.amount == cents(fee(pricer, "27447") * Decimal(percent) / 100)


def test_27447_62_co_surgeons_62_5_percent(pricer) -> None:  # type: ignore[no-untyped-def]
    """Claims Processing Manual ch. 12 §40.8: each co-surgeon 62.5%; RVU doc Co-surgeons indicator 1 or 2."""
    result = pricer.price("27447-62")
    assert result.pfs.indicators["co_surg"].value in ("1", "2")
    assert result.pfs.facility.amount == cents(fee(pricer, "27447") * Decimal("0.625"))


@pytest.mark.parametrize(("modifier", "fields"), [("54", ("pre", "intra")), ("55", ("post",)), ("56", ("pre",))])
def test_27447_global_surgery_shares(pricer, modifier: str, fields: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    """Claims Processing Manual ch. 12 §40.2: split care paid by the RVU file's pre/intra/post-op shares."""
    plain = pricer.price("27447")
    share = sum(getattr(plain.pfs.op_shares, name) for name in fields)
    result = pricer.price(f"27447-{modifier}")
    assert result.pfs.facility.amount == cents(plain.pfs.facility.amount * share)


def test_non_physician_practitioner_is_85_percent(pricer) -> None:  # type: ignore[no-untyped-def]
    """Claims Processing Manual ch. 12 §120: NPs and PAs billing under their own number, 85%."""
    result = pricer.price("99213", zip_code="10001", provider="np")
    plain = pricer.price("99213", zip_code="10001")
    assert result.pfs.non_facility.amount == cents(plain.pfs.non_facility.amount * Decimal("0.85"))
    assert result.pfs.non_facility.fee_schedule_amount == plain.pfs.non_facility.amount


# -- encounters --------------------------------------------------------------------------


def test_three_standard_procedures_100_50_50(pricer) -> None:  # type: ignore[no-untyped-def]
    """RVU doc, Multiple Procedure indicator 2: rank by fee schedule amount; 100%, then 50% each."""
    encounter = pricer.price_encounter(["27447", "20610", "29881"], zip_code="10001")
    fees = {line.code: line.pfs.facility.fee_schedule_amount for line in encounter.lines}
    ranked = sorted(fees, key=lambda code: fees[code], reverse=True)
    paid = {line.code: line.pfs.facility.amount for line in encounter.lines}
    assert paid[ranked[0]] == fees[ranked[0]]
    assert paid[ranked[1]] == cents(fees[ranked[1]] / 2)
    assert paid[ranked[2]] == cents(fees[ranked[2]] / 2)
    totals = encounter.totals
    assert totals["asc"].professional_payment == sum(paid.values())
    # 27447 and 29881 are not priced in the office (PE RVU 'NA'): the office total is the paid line's, naming them.
    office = {line.code: line.pfs.non_facility.amount for line in encounter.lines}
    assert office["27447"] is None and office["29881"] is None
    alone = pricer.price("20610", zip_code="10001").pfs.non_facility.amount
    assert totals["office"].total == office["20610"] == alone
    assert "27447, 29881" in (totals["office"].reason or "")


def test_endoscopy_family_base_value_subtracted(pricer) -> None:  # type: ignore[no-untyped-def]
    """Claims Processing Manual ch. 12 §40.6.2, CMS's example: colonoscopy with biopsy (45380) and
    polyp removal (45385), both of base 45378: pay 45385 in full plus 45380 less 45378."""
    encounter = pricer.price_encounter(["45380", "45385"])
    paid = {line.code: line.pfs.facility.amount for line in encounter.lines}
    assert paid["45385"] == fee(pricer, "45385")
    assert paid["45380"] == fee(pricer, "45380") - fee(pricer, "45378")


@pytest.mark.parametrize("codes", [["45378", "45380"], ["45380", "45378", "45385"], ["45378", "45380", "27447"]])
def test_a_base_endoscopy_billed_with_its_family_is_not_paid_separately(pricer, codes: list[str]) -> None:  # type: ignore[no-untyped-def]
    """CMS's RVU file documentation, multiple procedure indicator 3: 'If an endoscopic procedure is reported with
    only its base procedure, do not pay separately for the base procedure.' 45378 is the base of 45380 and 45385
    (its own row is indicator 2); single lookups and batch claims alike."""
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer

    encounter = pricer.price_encounter(codes)
    paid = {line.code: line.pfs for line in encounter.lines}
    for setting in ("non_facility", "facility"):
        assert getattr(paid["45378"], setting).amount == Decimal("0.00")
        assert any("the base endoscopy is included" in a.rule for a in getattr(paid["45378"], setting).adjustments)
    if codes == ["45378", "45380"]:  # the family alone: 45380 in full
        assert paid["45380"].facility.amount == fee(pricer, "45380")
    table = pa.table({"claim": ["C1"] * len(codes), "code": codes, "date": ["2026-08-03"] * len(codes)})
    rows = BatchPricer(pricer).price_table(table).to_pylist()
    for code, row in zip(codes, rows, strict=True):
        assert (row["pfs_non_facility_amount"], row["pfs_facility_amount"]) == (
            paid[code].non_facility.amount,
            paid[code].facility.amount,
        ), code


def test_a_base_endoscopy_worth_more_than_its_family_member_is_still_the_one_not_paid(pricer) -> None:  # type: ignore[no-untyped-def]
    """2025 Manhattan office: esophagoscopy 43200 ($292.50) is the base of 43201 ($289.19). The base is included in
    the other endoscopy, which is paid in full (not 'its value less the base', $0)."""
    encounter = pricer.price_encounter(["43200", "43201"], zip_code="10001", date_of_service="2025-03-05")
    paid = {line.code: line.pfs.non_facility.amount for line in encounter.lines}
    alone = pricer.price("43201", zip_code="10001", date_of_service="2025-03-05").pfs.non_facility.amount
    assert (
        alone is not None
        and alone < pricer.price("43200", zip_code="10001", date_of_service="2025-03-05").pfs.non_facility.amount
    )
    assert paid == {"43200": Decimal("0.00"), "43201": alone}


def test_two_imaging_codes_of_one_family(pricer) -> None:  # type: ignore[no-untyped-def]
    """RVU doc, Multiple Procedure indicator 4 and family 88: the lower TC at 50%, the lower PC at 95%
    (CT abdomen 74150 with CT pelvis 72192, one session)."""
    encounter = pricer.price_encounter(["74150", "72192"], locality="0111205", year=2025)
    by_code = {line.code: line for line in encounter.lines}
    setting = "non_facility"

    def part(code: str, modifier: str) -> Decimal:
        return getattr(pricer.price(f"{code}-{modifier}", locality="0111205", year=2025).pfs, setting).amount

    tcs = {code: part(code, "TC") for code in by_code}
    pcs = {code: part(code, "26") for code in by_code}
    low_tc = min(tcs, key=lambda c: tcs[c])
    low_pc = min(pcs, key=lambda c: pcs[c])
    for code, line in by_code.items():
        full = getattr(line.pfs, setting).fee_schedule_amount
        cut = (tcs[code] / 2 if code == low_tc else 0) + (pcs[code] * Decimal("0.05") if code == low_pc else 0)
        assert getattr(line.pfs, setting).amount == cents(full - cut), code


def test_bilateral_before_multiple_procedures(pricer) -> None:  # type: ignore[no-untyped-def]
    """RVU doc, Bilateral Surgery indicator 1: apply the bilateral adjustment before multiple-procedure rules."""
    encounter = pricer.price_encounter(["27447-50", "29881"])
    knee = encounter.lines[0].pfs.facility
    scope = encounter.lines[1].pfs.facility
    assert knee.amount == cents(fee(pricer, "27447") * Decimal("1.5"))
    assert scope.amount == cents(fee(pricer, "29881") / 2)


def test_opps_imaging_cap_takes_effect(pricer) -> None:  # type: ignore[no-untyped-def]
    """RVU doc, OPPS payment amounts (DRA 2005 §5102(b)): the lesser of the PFS amount and OPPSCAP's."""
    with (data_dir() / "rvu" / "2025" / "OPPSCAP_Oct.csv").open(newline="") as handle:
        cap = next(
            row for row in csv.DictReader(handle)
            if (row["HCPCS"], row["MOD"], row["CARRIER"], row["LOCALITY"]) == ("70496", "", "01112", "05")
        )  # fmt: skip
    result = pricer.price("70496", locality="0111205", year=2025)
    office = result.pfs.non_facility
    assert office.fee_schedule_amount > Decimal(cap["NON-FACILTY PRICE"])
    assert office.amount == Decimal(cap["NON-FACILTY PRICE"])
    assert office.adjustments[0].indicator == "OPPSCAP"
    assert any(source.role == "opps_cap" for source in result.sources)
    national = pricer.price("70496", year=2025)
    assert national.pfs.non_facility.amount == national.pfs.non_facility.fee_schedule_amount


def test_anesthesia_base_and_time_units(pricer) -> None:  # type: ignore[no-untyped-def]
    """Claims Processing Manual ch. 12 §50: (base units + time units) x the locality's anesthesia CF;
    time units are minutes / 15 rounded to one decimal (§50.G). CF from CMS's ANES file for Manhattan."""
    with (data_dir() / "rvu" / "2025" / "ANES2025.csv").open(newline="") as handle:
        row = next(r for r in csv.reader(handle) if r[0].strip() == "13202" and r[1].strip() == "01")
    cf = Decimal(row[3].strip())
    # 45 minutes: 3.0 units exactly; 95: 6.333... -> 6.3; 37: 2.466... -> 2.5; 52: 3.466... -> 3.5; 1: 0.0666 -> 0.1.
    for minutes, time_units in ((45, "3.0"), (95, "6.3"), (37, "2.5"), (52, "3.5"), (1, "0.1"), (0, "0.0")):
        result = pricer.price("00400", zip_code="10001", year=2025, base_units=3, minutes=minutes)
        assert result.pfs.anesthesia.conversion_factor == cf
        assert result.pfs.anesthesia.time_units == Decimal(time_units)
        assert result.pfs.facility.amount == cents((3 + Decimal(time_units)) * cf), minutes


def test_catheter_management_is_paid_base_units_only_in_lookups_and_batch(pricer) -> None:  # type: ignore[no-untyped-def]
    """Ch. 12 §50.G: "The A/B MAC (B) does not recognize time units for CPT codes 01995 or 01996"."""
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer

    timed = pricer.price("01996", zip_code="10001", year=2025, base_units=3, minutes=60)
    untimed = pricer.price("01996", zip_code="10001", year=2025, base_units=3, minutes=0)
    cf = timed.pfs.anesthesia.conversion_factor
    assert timed.pfs.anesthesia.time_units == 0 and timed.pfs.facility.amount == cents(3 * cf)
    assert untimed.pfs.facility.amount == timed.pfs.facility.amount
    assert any("no anesthesia time units for 01996" in note for note in timed.notes)
    other = pricer.price("01992", zip_code="10001", year=2025, base_units=3, minutes=60)  # timed as usual
    assert other.pfs.anesthesia.time_units == 4
    rows = [{"code": code, "zip": "10001", "year": "2025", "base_units": "3", "minutes": "60"}
            for code in ("01996", "01992")]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert Decimal(out[0]["pfs_facility_amount"]) == timed.pfs.facility.amount
    assert "no anesthesia time units for 01996" in out[0]["note"]
    assert Decimal(out[1]["pfs_facility_amount"]) == other.pfs.facility.amount
    result = CliRunner().invoke(app, ["price", "01996", "--base-units", "3"])
    assert result.exit_code == 2 and "--minutes 0" in result.output


def test_medically_directed_anesthesia_is_half_of_the_exact_amount_rounded_once(pricer) -> None:  # type: ignore[no-untyped-def]
    """Ch. 12 §50: a medically directed service (QK, QX, QY) is paid 50%, and the two directed lines together never
    exceed the anesthesiologist's alone. 3 base + 3.5 time units x Manhattan's 2025 CF: the half of the exact amount,
    rounded once (a trial: the rounded amount halved paid QK and QX a cent each too much). 47 (anesthesia by the
    surgeon) is paid nothing on an anesthesia code either, in price and batch."""
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer

    with (data_dir() / "rvu" / "2025" / "ANES2025.csv").open(newline="") as handle:
        row = next(r for r in csv.reader(handle) if r[0].strip() == "13202" and r[1].strip() == "01")
    cf = Decimal(row[3].strip())
    exact = (3 + Decimal("3.5")) * cf
    for minutes in (50, 52):
        full = pricer.price("00400", zip_code="10001", year=2025, base_units=3, minutes=minutes).pfs.facility
        for modifier in ("QK", "QX", "QY"):
            directed = pricer.price(f"00400-{modifier}", zip_code="10001", year=2025, base_units=3, minutes=minutes)
            assert directed.pfs.facility.amount is not None and full.amount is not None
            assert 2 * directed.pfs.facility.amount <= full.amount
    directed = pricer.price("00400-QK", zip_code="10001", year=2025, base_units=3, minutes=52).pfs.facility
    assert directed.amount == cents(exact / 2)
    rows = [{"code": code, "zip": "10001", "year": "2025", "base_units": "3", "minutes": "52"}
            for code in ("00400-QK", "00400-QX", "00400-47")]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert [Decimal(str(r["pfs_facility_amount"])) for r in out[:2]] == [directed.amount] * 2
    assert out[2]["pfs_facility_amount"] is None and "anesthesia by the surgeon" in str(out[2]["error"]) + str(
        out[2]["note"]
    )
    result = CliRunner().invoke(app, ["price", "00400-47", "--base-units", "3", "--minutes", "45"])
    assert "no separate payment for anesthesia by the surgeon" in result.output
    # Paid nothing in any site: the hospital's packaged $0.00 (SI N; in a year without Addendum B, the anesthesia
    # rule's) and no professional fee (exit 0 there, as for a 2025 date: a site priced at $0.00)
    said = CliRunner().invoke(app, ["price", "00400-47", "--base-units", "3", "--minutes", "45", "--format", "json"])
    assert said.exit_code in (0, 1) and all(
        not site["total"] and site["professional_payment"] is None for site in json.loads(said.stdout)["sites"]
    )


def test_each_adjustment_is_rounded_once_from_the_exact_amount(pricer) -> None:  # type: ignore[no-untyped-def]
    """27447-62-54: a co-surgeon's surgical care only, two steps (62.5% then 79%), one rounding; each step shows the
    exact amount so far, rounded (so 838.46 x 79% shows 662.39, not 662.38: the table says why)."""
    result = pricer.price("27447-62-54")
    base = fee(pricer, "27447")
    assert result.pfs.facility.amount == cents(base * Decimal("0.625") * Decimal("0.79"))
    assert [a.amount_after for a in result.pfs.facility.adjustments] == [
        cents(base * Decimal("0.625")),
        cents(base * Decimal("0.625") * Decimal("0.79")),
    ]
    shown = runner.invoke(app, ["price", "27447-62-54"])
    assert "the next step works on the exact amount" in " ".join(shown.output.split())


def test_78_on_a_000_day_code_is_paid_in_full(pricer) -> None:  # type: ignore[no-untyped-def]
    """Ch. 12 §40.4: a 000-day procedure billed with 78 is paid its full value (CMS's file gives it no pre-, intra-
    or post-operative share); a trial found 45378-78 refused. 54 on it is still refused, and 78 on a 090 code
    pays its intra-op share; batch agrees with the single lookup."""
    plain, returned = pricer.price("45378", zip_code="10001"), pricer.price("45378-78", zip_code="10001")
    assert returned.pfs.facility.amount == plain.pfs.facility.amount > 0
    assert returned.pfs.non_facility.amount == plain.pfs.non_facility.amount
    assert "000-day code: full value" in returned.pfs.facility.adjustments[0].rule
    assert runner.invoke(app, ["price", "45378-54"]).exit_code == 1
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer

    knee = pricer.price("27447-78")
    assert knee.pfs.facility.amount == cents(fee(pricer, "27447") * Decimal("0.69"))
    rows = [{"code": line, "zip": "10001"} for line in ("45378-78", "31231-78", "27447-78")]
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for row, line in zip(out, ("45378-78", "31231-78", "27447-78"), strict=True):
        single = pricer.price(line, zip_code="10001")
        assert Decimal(str(row["pfs_facility_amount"])) == single.pfs.facility.amount, line
        assert not row["error"], row["error"]


def test_78_on_an_add_on_says_how_to_price_it(pricer) -> None:  # type: ignore[no-untyped-def]
    """A return to the OR billed 22633-78 22840-78 (a trial, spine surgery): the add-on's 78 was refused as "has no
    pre-/intra-/post-operative split", which said nothing of what to do. CMS's RVU file gives a ZZZ add-on no split
    (0.00 pre, intra and post), and no CMS or MAC text found says how one with 78 is paid (engine.policy), so it
    stays refused, saying so and how to see its full amount: 22840 without 78, paid its fee schedule amount. The
    primary's 78 is its intra-op share; 58 and 79 on an add-on pay it in full. Batch says the same."""
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer

    def ny(code: str) -> Decimal:
        return fee(pricer, code, zip_code="10001")

    plain = pricer.price("22840", zip_code="10001")
    assert (plain.pfs.op_shares.pre, plain.pfs.op_shares.intra, plain.pfs.op_shares.post) == (0, 0, 0)
    shown = runner.invoke(app, ["price", "22633-78", "22840-78", "--zip", "10001", "--format", "json"])
    assert shown.exit_code == 1
    said = " ".join((shown.stderr or shown.output).split())
    assert "22840 without 78" in said and "ask your MAC how it pays 22840-78" in said, said
    assert "no pre-/intra-/post-operative split" not in said
    without = pricer.price_encounter(["22633-78", "22840"], zip_code="10001").lines
    assert without[0].pfs.facility.amount == cents(ny("22633") * plain_intra(pricer, "22633"))
    assert without[1].pfs.facility.amount == ny("22840") == plain.pfs.facility.amount > 0
    for modifier in ("58", "79"):
        lines = pricer.price_encounter([f"22633-{modifier}", f"22840-{modifier}"], zip_code="10001").lines
        assert [line.pfs.facility.amount for line in lines] == [ny("22633"), ny("22840")]
    rows = [{"claim": "R", "code": code, "zip": "10001"} for code in ("63047-78", "63048-78")]
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert Decimal(str(out[0]["pfs_facility_amount"])) == cents(ny("63047") * plain_intra(pricer, "63047"))
    assert "63048 without 78" in out[1]["error"] and out[1]["error_kind"] == "policy_refused", out[1]


@pytest.mark.parametrize(
    ("line", "alone", "postpartum"),
    [("59510-54", "59514", "59515"), ("59400-55", "59409", "59410"), ("59618-56", "59620", "59622")],
)
def test_a_maternity_code_with_54_55_56_names_the_component_codes(pricer, line, alone, postpartum) -> None:  # type: ignore[no-untyped-def]
    """An OB/GYN group's coder billed 59510-54 (a cesarean whose antepartum care another practice gave) and was told
    only that MMM "has no pre-/intra-/post-operative split". CMS's RVU file documentation: "MMM=Maternity codes; usual
    global period does not apply" (0.00 shares), so it stays refused, naming the component codes that bill the split
    (engine.policy.maternity_split_refusal). Each named code is an MMM row of CMS's RVU file that the PFS prices at
    the facility rate. Batch says the same."""
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer

    shown = runner.invoke(app, ["price", line, "--zip", "85006", "--date", "2026-08-03"])
    assert shown.exit_code == 1
    said = " ".join((shown.stderr or shown.output).split())
    named = ("59425", "59426", alone, postpartum, "59430")
    assert all(code in said for code in named) and "maternity code (global period MMM" in said, said
    for code in named:
        priced = pricer.price(code, zip_code="85006", date_of_service="2026-08-03")
        assert priced.pfs.global_days == "MMM" and priced.pfs.status == "A", code
        assert priced.pfs.facility.amount is not None and priced.pfs.facility.amount > 0, code
    out = (
        BatchPricer(pricer)
        .price_table(pa.Table.from_pylist([{"code": line, "zip": "85006", "date": "2026-08-03"}]))
        .to_pylist()
    )
    assert out[0]["error_kind"] == "policy_refused" and " ".join(out[0]["error"].split()) in said, out[0]
    # A component code (59430, 59409) or a maternity procedure (59412, external cephalic version) with 54/55/56 is
    # billed whole, without it: no "component codes instead" (a review: `price 59430-55` was told to bill 59430 instead)
    for whole in ("59430-55", "59412-54", "59409-56"):
        refused = runner.invoke(app, ["price", whole, "--zip", "85006", "--date", "2026-08-03"])
        text = " ".join((refused.stderr or refused.output).split())
        assert refused.exit_code == 1 and "instead" not in text, text
        assert f"{whole[:5]} is billed without it" in text and "maternity code (global period MMM" in text, text
    # 78 on an MMM code keeps the plain refusal (a return to the OR is not a split of the maternity package)
    other = runner.invoke(app, ["price", "59510-78", "--zip", "85006", "--date", "2026-08-03"])
    assert other.exit_code == 1 and "59425" not in (other.stderr or other.output)


def plain_intra(pricer, code: str) -> Decimal:  # type: ignore[no-untyped-def]
    """The code's intra-operative percentage in CMS's RVU file, as a fraction."""
    return Decimal(str(pricer.price(code).pfs.op_shares.intra))


# -- refusals and the CLI ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("20610-80", "assistant indicator 1"),
        ("11300-50", "bilateral indicator 9"),
        ("27447-66", "team surgery indicator 0"),
        ("99213-62", "co-surgeon indicator"),
        ("99213-QK", "anesthesia modifiers go with anesthesia codes"),
    ],
)
def test_forbidden_modifier_is_refused_with_the_reason(line: str, text: str) -> None:
    result = runner.invoke(app, ["price", line])
    assert result.exit_code == 1, result.output
    assert text in result.output and "Traceback" not in result.output


def test_fifty_on_a_bilateral_indicator_0_code_pays_one_side(pricer) -> None:  # type: ignore[no-untyped-def]
    """RVU file documentation, indicator 0: with 50 (or LT and RT) "100% of the fee schedule amount for a single
    code": paid as the pair of sides is, not refused."""
    fifty = pricer.price("22590-50", locality="1320201")
    sides = pricer.price_encounter(["22590-LT", "22590-RT"], locality="1320201")
    assert fifty.pfs.facility.amount == fifty.pfs.facility.fee_schedule_amount
    assert fifty.pfs.facility.amount == sum(line.pfs.facility.amount for line in sides.lines)
    assert any("indicator 0" in step.rule for step in fifty.pfs.facility.adjustments)


def test_unknown_modifier_is_a_usage_error() -> None:
    result = runner.invoke(app, ["price", "27447-ZZ"])
    assert result.exit_code == 2 and "Unknown modifier 'ZZ'" in result.output


def test_informational_modifiers_pass_through(pricer) -> None:  # type: ignore[no-untyped-def]
    result = pricer.price("20610-59")
    assert result.modifiers == ["59"]
    assert result.pfs.facility.amount == result.pfs.facility.fee_schedule_amount
    assert any("informational" in note for note in result.notes)


def test_encounter_json_shape() -> None:
    doc = json.loads(runner.invoke(app, ["price", "27447-50", "20610-59", "--zip", "10001", "-f", "json"]).stdout)
    assert set(doc) >= {"lines", "totals"}
    assert [line["code"] for line in doc["lines"]] == ["27447", "20610"]
    assert doc["lines"][0]["modifiers"] == ["50"]
    step = doc["lines"][0]["pfs"]["facility"]["adjustments"][0]
    assert set(step) == {"rule", "indicator", "percentage", "amount_before", "amount_after"}
    assert set(doc["totals"]) == {"office", "hopd", "asc"}


def test_single_code_keeps_its_shape_with_adjusted_amounts() -> None:
    doc = json.loads(runner.invoke(app, ["price", "27447", "--modifier", "50", "-f", "json"]).stdout)
    assert "lines" not in doc
    facility = doc["pfs"]["facility"]
    expected = cents(Decimal(str(facility["fee_schedule_amount"])) * Decimal("1.5"))  # 1,739.025 -> 1,739.03
    assert Decimal(str(facility["amount"])) == expected


def test_base_units_and_minutes_once_per_code_price_each_line_with_its_own() -> None:
    """A GI trial: 00811 00812 --base-units 4 --base-units 3 --minutes 38 --minutes 30 priced both lines at 3 base
    units and 30 minutes ($114.05 each), silently. Each line is priced as the code alone with its own values (two
    practitioners' lines, AA and QZ: one practitioner's are one session, engine.anesthesia)."""
    where = ["--zip", "10001", "--date", "2026-08-03", "-f", "json"]
    both = json.loads(runner.invoke(app, ["price", "00811-AA", "00812-QZ", "--base-units", "4", "--base-units", "3",
                                          "--minutes", "38", "--minutes", "30", *where]).stdout)  # fmt: skip
    alone = [json.loads(runner.invoke(app, ["price", code, "--base-units", base, "--minutes", minutes, *where]).stdout)
             for code, base, minutes in (("00811-AA", "4", "38"), ("00812-QZ", "3", "30"))]  # fmt: skip
    got = [line["pfs"]["facility"]["amount"] for line in both["lines"]]
    assert got == [doc["pfs"]["facility"]["amount"] for doc in alone]
    assert got[0] != got[1]
    assert [line["pfs"]["anesthesia"]["base_units"] for line in both["lines"]] in (["4", "3"], [4, 3], [4.0, 3.0])


def test_anesthesia_needs_base_units() -> None:
    result = runner.invoke(app, ["price", "00400", "--zip", "10001"])
    assert result.exit_code == 2 and "--base-units" in result.output
    mixed = runner.invoke(app, ["price", "99213", "--base-units", "3", "--minutes", "10"])
    assert mixed.exit_code == 2 and "anesthesia codes" in mixed.output


def _pe_part(pricer, code: str, **options) -> Decimal:  # type: ignore[no-untyped-def]
    """The practice-expense part of a code's office amount: PE RVU x PE GPCI x CF, exactly."""
    pfs = pricer.price(code, **options).pfs
    return pfs.rvu.pe_non_facility * pfs.gpci.pe * pfs.conversion_factor


def _half_pe_fee(pricer, code: str, **options) -> Decimal:  # type: ignore[no-untyped-def]
    """The PFS formula with half the practice expense, rounded once: (work x GPCI + PE / 2 x GPCI + MP x GPCI) x CF."""
    pfs = pricer.price(code, **options).pfs
    rvu, gpci = pfs.rvu, pfs.gpci
    return cents((rvu.work * gpci.work + rvu.pe_non_facility / 2 * gpci.pe + rvu.mp * gpci.mp) * pfs.conversion_factor)


def test_therapy_multiple_procedures_halve_the_practice_expense(pricer) -> None:  # type: ignore[no-untyped-def]
    """RVU doc, Multiple Procedure indicator 5: full PE for the highest, 50% of PE for the others (speech therapy
    92507 with 92521), the reduced fee the PFS formula with half the PE, rounded once (not the rounded fee less half
    the PE: a cent lower on this pair in Manhattan, 2026)."""
    day = "2026-08-03"
    encounter = pricer.price_encounter(["92507", "92521"], zip_code="10001", date_of_service=day)
    pe = {code: _pe_part(pricer, code, zip_code="10001", date_of_service=day) for code in ("92507", "92521")}
    low = min(pe, key=lambda code: pe[code])
    for line in encounter.lines:
        full = line.pfs.non_facility.fee_schedule_amount
        expected = _half_pe_fee(pricer, line.code, zip_code="10001", date_of_service=day) if line.code == low else full
        assert line.pfs.non_facility.amount == expected, line.code
        if line.code == low:  # the old rule, the rounded fee less half the PE, is a cent off here
            assert expected != cents(full - pe[low] / 2)


def test_therapy_later_units_are_the_half_pe_formula_rounded_once(pricer) -> None:  # type: ignore[no-untyped-def]
    """97110 x 3 (Manhattan, August 2026): each later unit is the PFS formula with half the PE, rounded once
    ($24.48, not the rounded $32.43 less half the PE, $24.47); single lookups and batch alike."""
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer

    later = _half_pe_fee(pricer, "97110", zip_code="10001", date_of_service="2026-08-03")
    result = pricer.price("97110-GP", units=3, zip_code="10001", date_of_service="2026-08-03")
    office = result.pfs.non_facility
    assert office.later_units == 2 * later
    site = next(site for site in result.sites if site.setting == "office")
    assert site.total == office.amount + 2 * later
    table = pa.table({"code": ["97110"], "modifier": ["GP"], "units": ["3"], "zip": ["10001"], "date": ["2026-08-03"],
                      "setting": ["office"]})  # fmt: skip
    row = BatchPricer(pricer).price_table(table).to_pylist()[0]
    assert Decimal(str(row["office_allowed"])).quantize(Decimal("0.01")) == site.total


@pytest.mark.parametrize(("codes", "percent"), [(("75600", "75625"), 25), (("76510", "76514"), 20)])
def test_cardiology_and_ophthalmology_technical_component_reductions(pricer, codes, percent: int) -> None:  # type: ignore[no-untyped-def]
    """RVU doc, Multiple Procedure indicators 6 (cardiovascular TC 25%) and 7 (ophthalmology TC 20%)."""
    encounter = pricer.price_encounter(list(codes), locality="0111205")
    tc = {code: pricer.price(f"{code}-TC", locality="0111205").pfs.non_facility.amount for code in codes}
    low = min(tc, key=lambda code: tc[code])
    for line in encounter.lines:
        full = line.pfs.non_facility.fee_schedule_amount
        cut = tc[line.code] * percent / 100 if line.code == low else 0
        assert line.pfs.non_facility.amount == cents(full - cut), line.code


def test_78_intra_operative_share_and_79_in_full(pricer) -> None:  # type: ignore[no-untyped-def]
    """Claims Processing Manual ch. 12 §40.4: a related return to the OR (78) is paid the intra-op share;
    an unrelated procedure (79) in full."""
    plain = pricer.price("27447")
    assert pricer.price("27447-78").pfs.facility.amount == cents(plain.pfs.facility.amount * plain.pfs.op_shares.intra)
    assert pricer.price("27447-79").pfs.facility.amount == plain.pfs.facility.amount


def test_opps_t_procedures_and_asc_discounting_in_an_encounter(pricer) -> None:  # type: ignore[no-untyped-def]
    """OPPS: of the status T procedures, the highest in full and the others 50%; ASC: the same for
    procedures subject to multiple procedure discounting (each halved once, rounded once)."""
    codes = ["0213T", "0216T", "0101T"]
    encounter = pricer.price_encounter(codes, year=2025)
    singles = [pricer.price(code, year=2025) for code in codes]
    for site in ("opps", "asc"):
        alone = sorted((getattr(r, site).rate for r in singles if getattr(r, site).payable), reverse=True)
        together = sorted(getattr(line, site).rate for line in encounter.lines if getattr(line, site).payable)
        assert sorted([alone[0], *(cents(rate / 2) for rate in alone[1:])]) == together, site
        halved = [line for line in encounter.lines if getattr(line, site).adjustments]
        assert len(halved) == len(alone) - 1


def test_comprehensive_apc_packages_the_other_hospital_services(pricer) -> None:  # type: ignore[no-untyped-def]
    """OPPS C-APC (SI J1): one payment for the primary service; the encounter's other OPPS services
    are packaged (27447 J1 with 29881 J1 and 20610: the higher-paid J1 only)."""
    encounter = pricer.price_encounter(["27447", "20610", "29881"], year=2025)
    alone = {code: pricer.price(code, year=2025).opps.rate for code in ("27447", "20610", "29881")}
    paid = {line.code: line.opps.rate for line in encounter.lines}
    assert paid["27447"] == alone["27447"] == max(alone.values())
    assert paid["20610"] == paid["29881"] == Decimal("0.00")
    assert encounter.totals["hopd"].facility_payment == alone["27447"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 5)), min_size=1, max_size=40))
def test_ranks_by_amount_is_the_rules_stable_sort(items: list[tuple[int, int]]) -> None:
    """kernels.ranks_by_amount ranks as the rules' sorted(..., reverse=True) does, equal amounts in order."""
    import numpy as np

    from rvucalc.engine.kernels import ranks_by_amount

    group = np.array([g for g, _ in items], dtype=np.int64)
    amount = np.array([a for _, a in items], dtype=np.int64)
    rank, count = ranks_by_amount(group, amount, np.arange(len(items)))
    for g in set(group.tolist()):
        members = [i for i in range(len(items)) if group[i] == g]
        ordered = sorted(members, key=lambda i: amount[i], reverse=True)
        assert [int(rank[i]) for i in ordered] == list(range(1, len(members) + 1))
        assert all(int(count[i]) == len(members) for i in members)


def test_informational_modifiers_never_choose_a_row_or_change_an_amount() -> None:
    """lookup.lines.resolve_parsed chooses the row without them (batch resolves a code once for all of them)."""
    from rvucalc.engine import modifiers as modifier_table
    from rvucalc.engine.policy import ANESTHESIA_PERCENT
    from rvucalc.lookup.lines import COMPONENT_MODIFIERS, POLICY_MODIFIERS

    informational = [m for m in modifier_table._table() if modifier_table.informational(m)]
    assert {"25", "59", "GP", "LT", "RT"} <= set(informational)
    for modifier in informational:
        assert modifier not in POLICY_MODIFIERS and modifier not in ANESTHESIA_PERCENT
        assert modifier not in COMPONENT_MODIFIERS and modifier not in ("CQ", "CO", "FX", "FY", "CT")
        assert not modifier_table.changes_pfs_amount(modifier)
        modifier_table.check_schedule("80053", [modifier], "clfs")
        modifier_table.check_schedule("E0100", [modifier], "dmepos")


def test_two_units_of_a_bilateral_code_are_one_bilateral_procedure(pricer) -> None:  # type: ignore[no-untyped-def]
    """CMS's RVU file documentation, bilateral indicators 1 and 2: a code 'reported twice on the same day by any
    other means (e.g. ... with a 2 in the units field)' is one bilateral procedure: CODE-50's amount (20610 is
    indicator 1: 150%; 11010 is 2: 100%). Three units are no pair: units x one side, with the warning; 99213 is
    indicator 9. Single lookups and batch alike, alone and ranked in a claim."""
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer

    lines = [("20610", 2), ("20610-50", 1), ("20610", 1), ("99213", 2), ("11010", 2), ("11010-50", 1), ("20610", 3)]
    singles = [pricer.price(code, zip_code="10001", units=units) for code, units in lines]
    office = [single.sites[0].total for single in singles]
    assert office[0] == office[1] and office[4] == office[5]  # 2 units = CODE-50
    assert office[0] < 2 * office[2] and office[6] == 3 * office[2]
    said = [[n for n in single.notes if "units of a bilateral code" in n] for single in singles]
    assert [len(s) for s in said] == [0, 0, 0, 0, 0, 0, 1]
    assert [a.rule for a in singles[0].pfs.non_facility.adjustments] == [
        "Bilateral: 2 units of one code: 150% of the amount, both sides on the first unit (as 50)"
    ]
    table = pa.table({"code": [c for c, _ in lines], "units": [str(u) for _, u in lines], "zip": ["10001"] * 7})
    rows = BatchPricer(pricer).price_table(table).to_pylist()
    for row, single in zip(rows, singles, strict=True):
        assert Decimal(str(row["office_allowed"])).quantize(Decimal("0.01")) == single.sites[0].total
        assert Decimal(str(row["pfs_non_facility_amount"])) == single.pfs.non_facility.amount
    assert "Bilateral: 2 units of one code: 150%" in rows[0]["note"] and "units of a bilateral code" in rows[6]["note"]
    # The hospital's side of it: the OPPS pays bilateral procedures by the OCE's lists, which rvucalc does not have.
    hospital = "2 units of a bilateral code in the hospital: the OPPS pays bilateral procedures by"
    dated = [pricer.price("20610", zip_code="10001", units=u, date_of_service="2025-08-04") for u in (2, 3)]
    both = BatchPricer(pricer).price_table(pa.table({"code": ["20610"] * 2, "units": ["2", "3"], "zip": ["10001"] * 2,
                                                     "date": ["2025-08-04"] * 2})).to_pylist()  # fmt: skip
    assert [any(n.startswith(hospital) for n in single.notes) for single in dated] == [True, False]
    assert [hospital in row["note"] for row in both] == [True, False]
    # In a claim, each pair is one procedure ranked by its 150% (before any multiple procedure rule): 20610's at 50%.
    encounter = pricer.price_encounter(["27447", "20610"], zip_code="10001", date_of_service="2025-08-04", units=2)
    one = pricer.price_encounter(["27447", "20610"], zip_code="10001", date_of_service="2025-08-04")
    assert encounter.lines[1].pfs.facility.amount == (one.lines[1].pfs.facility.amount * 3 / 2).quantize(
        Decimal("0.01")
    )
    claim = pa.table({"code": ["27447", "20610"], "units": ["2", "2"], "zip": ["10001"] * 2,
                      "date": ["2025-08-04"] * 2, "claim": ["K", "K"]})  # fmt: skip
    out = BatchPricer(pricer).price_table(claim).to_pylist()
    for row, line in zip(out, encounter.lines, strict=True):
        assert Decimal(str(row["pfs_facility_amount"])).quantize(Decimal("0.01")) == line.pfs.facility.amount
        hopd = next(site for site in line.sites if site.setting == "hopd")
        assert Decimal(str(row["hopd_allowed"])).quantize(Decimal("0.01")) == hopd.total


def test_units_that_are_no_bilateral_pair_keep_a_warning(pricer) -> None:  # type: ignore[no-untyped-def]
    """Units the two-units rule does not pair are units x the line, with a warning saying what CMS pays: an add-on
    code's (64484, ZZZ, indicator 1: its units usually count levels) and an LT or RT line of several units paired
    with the other side (the pair priced on its first line, times that line's units; the paid-away side says it
    too). Single lookups and batch claims alike."""
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer

    date, place = "2025-03-01", {"zip_code": "10001", "date_of_service": "2025-03-01"}
    claims = [(["64483", "64484"], [1, 2]), (["20610-50"], [2]), (["20610-LT", "20610-RT"], [2, 1]),
              (["20610-LT", "20610-RT"], [1, 2])]  # fmt: skip
    one = pricer.price("64484", **place).sites[0].total
    encounters = [pricer.price_encounter(codes, units=units, **place) for codes, units in claims]
    addon, fifty, lt_units, rt_units = (encounter.lines for encounter in encounters)
    assert addon[1].sites[0].total == 2 * one  # two levels, not one bilateral 150%
    assert any("units of an add-on code (bilateral indicator 1)" in n for n in addon[1].notes)
    bilateral = pricer.price("20610-50", **place).sites[0].total
    # 20610-50 x 2: the 2 units say the side 50 says, one bilateral procedure (tests/test_bilateral_fifty_units.py)
    assert fifty[0].sites[0].total == bilateral
    assert any(n.startswith("2 units with 50: 50 already says both sides") for n in fifty[0].notes)
    assert lt_units[0].sites[0].total == 2 * bilateral and rt_units[0].sites[0].total == bilateral
    paired = "2 units on one side of a bilateral pair"
    assert [any(paired in n for n in line.notes) for line in [*lt_units, *rt_units]] == [True, False, False, True]
    rows = [(code, str(units), f"K{number}") for number, (codes, counts) in enumerate(claims)
            for code, units in zip(codes, counts, strict=True)]  # fmt: skip
    table = pa.table({"code": [c for c, _, _ in rows], "units": [u for _, u, _ in rows], "claim": [k for *_, k in rows],
                      "zip": ["10001"] * len(rows), "date": [date] * len(rows)})  # fmt: skip
    out = BatchPricer(pricer).price_table(table).to_pylist()
    singles = [line for encounter in encounters for line in encounter.lines]
    for row, line in zip(out, singles, strict=True):
        assert Decimal(str(row["office_allowed"])).quantize(CENT) == line.sites[0].total, row
        for note in line.notes:
            if "units" in note and ("bilateral" in note or "add-on" in note):
                assert note in row["note"], (row["note"], note)
    # An add-on's units on both sides are levels, each bilateral: no "bill it with 50 and 1 unit".
    both = pricer.price("64484-50", units=2, **place)
    assert both.sites[0].total == 2 * pricer.price("64484-50", **place).sites[0].total
    assert [n for n in both.notes if "units" in n] == [
        "2 units of an add-on code on both sides: priced as 2 levels (or vessels), each at the bilateral amount."
    ]
    # The encounter table prints the warnings (as it prints the later units' notes).
    table = CliRunner().invoke(app, ["price", "20610-LT", "20610-RT", "--units", "2", "--zip", "10001", "--date", date])
    assert table.exit_code == 0 and "2 units on one side of a bilateral pair" in " ".join(table.stdout.split())
    assert "Units" in table.stdout and "Line amounts are one unit's; the totals count every unit." in table.stdout


def test_units_of_a_therapy_service_are_later_services(pricer) -> None:  # type: ignore[no-untyped-def]
    """CR 7050: the therapy MPPR 'applies to multiple units as well as multiple procedures'. 97110 x 3 is paid as
    97110 on three lines (its first unit in full, the others 50% off their PE), alone and beside 97140; the PFS
    amount shown stays the first unit's. Batch rows (alone, with CQ, in a claim, at POS 11) say and pay the same."""
    from decimal import Decimal

    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer

    date = "2025-08-04"
    three = pricer.price("97110", zip_code="10001", date_of_service=date, units=3)
    lines = pricer.price_encounter(["97110"] * 3, zip_code="10001", date_of_service=date).lines
    assert three.sites[0].total == sum(line.sites[0].total for line in lines)
    assert three.sites[0].beneficiary == sum(line.sites[0].beneficiary for line in lines)
    assert three.sites[0].total < 3 * lines[0].sites[0].total
    assert three.pfs.non_facility.amount == lines[0].pfs.non_facility.amount
    assert three.pfs.non_facility.later_units == lines[1].pfs.non_facility.amount + lines[2].pfs.non_facility.amount
    hundred = pricer.price("97110", zip_code="10001", date_of_service=date, units=100)
    assert hundred.sites[0].total == lines[0].sites[0].total + 99 * lines[1].sites[0].total  # as 100 lines
    assert any(note.startswith("Multiple therapy: units 2-3 of this line") for note in three.notes)
    claim = pricer.price_encounter(["97110", "97140"], zip_code="10001", date_of_service=date, units=2)
    apart = pricer.price_encounter(["97110", "97110", "97140", "97140"], zip_code="10001", date_of_service=date)
    assert sum(line.sites[0].total for line in claim.lines) == sum(line.sites[0].total for line in apart.lines)
    singles = [
        three,
        pricer.price("97110", modifier="CQ", zip_code="10001", date_of_service=date, units=3),
        *claim.lines,
        pricer.price("97110", zip_code="10001", date_of_service=date, units=3, setting="11"),
    ]
    table = pa.table({
        "code": ["97110", "97110", "97110", "97140", "97110"], "modifier": ["", "CQ", "", "", ""],
        "units": ["3", "3", "2", "2", "3"], "zip": ["10001"] * 5, "date": [date] * 5, "claim": ["", "", "K", "K", ""],
        "setting": ["", "", "", "", "11"],
    })  # fmt: skip
    rows = BatchPricer(pricer).price_table(table).to_pylist()
    for row, single in zip(rows, singles, strict=True):
        office = single.sites[0]
        for measure in ("allowed", "beneficiary", "medicare"):
            assert Decimal(str(row[f"office_{measure}"])).quantize(Decimal("0.01")) == getattr(office, measure), row
        assert ("Multiple therapy: unit" in row["note"]) == any(n.startswith("Multiple therapy: unit")
                                                                 for n in single.notes)  # fmt: skip
    assert rows[4]["allowed"] == rows[0]["office_allowed"]


@pytest.mark.parametrize(("code", "indicator"), [("20610", "1"), ("11010", "2"), ("73200", "3"), ("10005", "0")])
def test_an_lt_and_an_rt_line_of_one_code_are_one_bilateral_procedure(pricer, code, indicator) -> None:  # type: ignore[no-untyped-def]
    """CMS's RVU file documentation, "Bilateral Surgery": a code 'reported twice on the same day by any other means
    (e.g., with RT and LT modifiers ...)' is paid as one bilateral procedure, the bilateral adjustment 'before
    applying any multiple procedure rules' (indicator 1: 150%; 2 and 0: 100% of a single code; 3: 100% each side).
    So the pair pays what CODE-50 pays in the same encounter (indicator 0, which refuses 50: the code once), all
    of it on one line, the LT (the side first in tie_key's order, where the facility's full payment is: whatever the
    order of the lines); the other side pays nothing and is not ranked. Indicator 3 ("100% for each side"):
    ranked as one procedure, each line carries its own side, CMS's fee of the code alone (EACH_SIDE_OWN)."""
    knee = "27447"
    sided = pricer.price_encounter([f"{code}-RT", f"{code}-LT", knee], zip_code="10001", date_of_service="2026-03-02")
    single = pricer.price_encounter([f"{code}-50" if indicator != "0" else code, knee], zip_code="10001",
                                    date_of_service="2026-03-02")  # fmt: skip
    other, first, knee_line = sided.lines  # RT, LT: the pair on the LT line
    assert first.pfs.indicators["bilat_surg"].value == indicator
    for setting in ("non_facility", "facility"):
        paid, expected = getattr(first.pfs, setting), getattr(single.lines[0].pfs, setting)
        assert getattr(knee_line.pfs, setting).amount == getattr(single.lines[1].pfs, setting).amount
        if indicator == "3":  # each side on its own line: one side's fee each, the pair CODE-50's (to the cent)
            alone = getattr(pricer.price(code, zip_code="10001", date_of_service="2026-03-02").pfs, setting)
            side = getattr(other.pfs, setting)
            assert (paid.payable, paid.amount) == (side.payable, side.amount) == (alone.payable, alone.amount)
            if paid.payable:
                assert abs(paid.amount + side.amount - expected.amount) <= Decimal("0.01")
                assert side.adjustments[-1].rule == (
                    f"{SIDES_RULE}: 100% for each side, ranked as one procedure on the {code}-LT line, each side's "
                    "100% on its own line (half the pair)"
                )
            continue
        assert (paid.payable, paid.amount) == (expected.payable, expected.amount), setting
        if paid.payable:
            assert getattr(other.pfs, setting).amount == 0
            rules = [a.rule for a in getattr(other.pfs, setting).adjustments]
            assert rules[-1] == f"{SIDES_RULE}: paid on the {code}-LT line"
            assert not any(r.startswith("Multiple") for r in rules)


@pytest.mark.parametrize("code", ["92136", "76519"])
def test_a_remit_paying_each_side_of_an_indicator_3_pair_on_its_line_matches(pricer, tmp_path, code) -> None:  # type: ignore[no-untyped-def]
    """An ophthalmology group's trial: CODE-26-RT and CODE-26-LT (bilateral indicator 3, "100% for each side"),
    the remit paying CMS's fee on each line. Batch put the pair on the RT line and $0.00 on the LT line: -x/+x
    variances. Each line now carries its own side: CMS's 26 fee each, no variance (EACH_SIDE_OWN)."""
    from test_batch_provider_column import _cms_fee

    fee = _cms_fee(pricer, code, "63110", 2026, "26")["non_facility"]
    source = tmp_path / "r.csv"
    lines = "".join(f"R2,08/12/2026,11,{code},26,{side},1,63110,{fee}\n" for side in ("RT", "LT"))
    source.write_text("Claim #,DOS,POS,CPT,Mod 1,Mod 2,Units,Service Facility Zip,Allowed Amt\n" + lines)
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--paid-for", "professional",
                                      "--summary", "-", "-q"])  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open()))
    assert [Decimal(r["pfs_non_facility_amount"]) for r in rows] == [fee, fee]
    summary = json.loads(result.stdout)
    assert summary["totals"]["all"]["allowed"] == str(2 * fee)
    assert summary["underpaid"]["rows"] == 0 and summary["overpaid"]["rows"] == 0


def test_sides_are_paired_only_when_cms_would(pricer) -> None:  # type: ignore[no-untyped-def]
    """Not a pair: one side alone, a code of indicator 9 ('concept does not apply'), sides with 50, or sides whose
    payment modifiers differ (the surgeon and the assistant). Two pairs of one code: each LT with an RT."""
    from rvucalc.engine.policy import bilateral_pairs

    def pairs(codes: list[str]) -> list[tuple[int, int]]:
        lines = pricer.price_encounter(codes, zip_code="10001").lines
        policy = [_policy_line_of(pricer, line) for line in lines]
        position = {id(line): n for n, line in enumerate(policy)}
        return [(position[id(a)], position[id(b)]) for a, b in bilateral_pairs(policy)]

    assert pairs(["20610-LT", "27447"]) == []
    assert pairs(["11300-LT", "11300-RT"]) == []  # indicator 9
    assert pairs(["19301-LT-80", "19301-RT"]) == []
    assert pairs(["20610-LT-59", "20610-RT"]) == [(0, 1)]  # 59 is informational
    assert pairs(["20610-LT", "20610-LT", "20610-RT", "20610-RT"]) == [(0, 2), (1, 3)]
    alone = pricer.price_encounter(["11300-LT", "11300-RT"], zip_code="10001")
    assert [a.rule for a in alone.lines[1].pfs.facility.adjustments] == [
        "Multiple procedure: ranked 2 of 2 by amount, 50%"
    ]


def test_a_pair_prices_the_same_in_either_order_with_51_on_one_side(pricer) -> None:  # type: ignore[no-untyped-def]
    """51 on the second side is billing habit, not a secondary procedure: the pair alone is paid in full whichever
    line comes first (a pair is secondary only when both sides say 51)."""
    totals = []
    for codes in (["64721-LT-51", "64721-RT"], ["64721-RT", "64721-LT-51"], ["64721-LT", "64721-RT"]):
        lines = pricer.price_encounter(codes, zip_code="10001", date_of_service="2025-08-04").lines
        totals.append(sum(line.pfs.facility.amount for line in lines))
    assert totals[0] == totals[1] == totals[2]
    both = pricer.price_encounter(["64721-LT-51", "64721-RT-51"], zip_code="10001", date_of_service="2025-08-04")
    assert [a.rule for a in both.lines[0].pfs.facility.adjustments][-1] == SECONDARY_51_RULE


@pytest.mark.parametrize(("pair", "single"), [(["73000-LT-FX", "73000-RT-FX"], "73000-50-FX"),
                                              (["70450-LT-CT", "70450-RT-CT"], "70450-CT")])  # fmt: skip
def test_a_pairs_tc_cut_is_taken_once_on_the_line_that_pays_it(pricer, pair, single) -> None:  # type: ignore[no-untyped-def]
    """FX/CT cut the technical component of what is paid: on the pair's first line, the TC as its bilateral step
    left it (70450 is indicator 0: the code once; the other side stays $0.00, never negative); 73000 is indicator
    3: each side on its own line (EACH_SIDE_OWN), each cut as 73000-FX alone, the two as 73000-50-FX (to the
    cent)."""
    lines = pricer.price_encounter(pair, zip_code="10001", date_of_service="2025-08-04").lines
    alone = pricer.price(single, zip_code="10001", date_of_service="2025-08-04")
    if single == "73000-50-FX":
        one = pricer.price("73000-FX", zip_code="10001", date_of_service="2025-08-04").pfs.non_facility.amount
        assert lines[0].pfs.non_facility.amount == lines[1].pfs.non_facility.amount == one
        total = lines[0].pfs.non_facility.amount + lines[1].pfs.non_facility.amount
        assert abs(total - alone.pfs.non_facility.amount) <= Decimal("0.01")
    else:
        assert lines[0].pfs.non_facility.amount == alone.pfs.non_facility.amount
        assert lines[1].pfs.non_facility.amount == 0
    fx = pricer.price("73000-FX", zip_code="10001", date_of_service="2025-08-04").pfs.non_facility
    plain = pricer.price("73000", zip_code="10001", date_of_service="2025-08-04").pfs.non_facility
    cut = plain.amount - fx.amount  # one side's TC cut
    both = pricer.price("73000-50", zip_code="10001", date_of_service="2025-08-04").pfs.non_facility.amount
    assert abs(both - pricer.price("73000-50-FX", zip_code="10001", date_of_service="2025-08-04")
               .pfs.non_facility.amount - 2 * cut) <= Decimal("0.01")  # fmt: skip


def test_pairs_drop_the_units_warning_and_timed_therapy_is_not_paired(pricer) -> None:  # type: ignore[no-untyped-def]
    encounter = pricer.price_encounter(["20610-LT", "20610-RT"], zip_code="10001", units=2)
    assert not any("units of a bilateral code" in note for line in encounter.lines for note in line.notes)
    therapy = pricer.price_encounter(["97110-LT", "97110-RT"], zip_code="10001")
    assert therapy.lines[1].pfs.non_facility.amount > 0  # paid per unit of time: two services
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer

    table = pa.table({"claim": ["A", "A", "B"], "code": ["20610", "20610", "20610"], "modifier": ["LT", "RT", "LT"],
                      "units": ["2", "2", "2"], "zip": ["10001"] * 3})  # fmt: skip
    rows = BatchPricer(pricer).price_table(table).to_pylist()
    assert ["units of a bilateral code" in row["note"] for row in rows] == [False, False, True]
    assert SIDES_RULE in rows[0]["note"] and SIDES_RULE in rows[1]["note"]


def _policy_line_of(pricer, line):  # type: ignore[no-untyped-def]
    from rvucalc.engine.policy import Line

    store = pricer.catalogue.store(pricer.select(None, None)[0])
    row = store.rvu(line.code, "")
    return Line(code=line.code, modifiers=list(line.modifiers), row=row, settings={})


def test_therapy_lines_alone_are_priced_once_per_distinct_line(pricer, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A physical therapy practice's file repeats a few lines of several units many times: the rules run once per
    distinct line (code cell, place, units), each row then takes its outcome, the same as a single lookup."""
    from decimal import Decimal

    import pyarrow as pa

    import rvucalc.batch.claims as claims
    from rvucalc.batch.price import BatchPricer

    calls: list[int] = []
    outcome = claims._pfs_outcome
    monkeypatch.setattr(claims, "_pfs_outcome", lambda *args: calls.append(1) or outcome(*args))
    cells = [("97110", "3", "10001"), ("97140", "2", "10001"), ("97110", "3", "60601"), ("97110", "2", "10001")]
    rows = [cells[i % 4] for i in range(200)]
    table = pa.table({"code": [c for c, _, _ in rows], "units": [u for _, u, _ in rows],
                      "zip": [z for _, _, z in rows], "date": ["2025-08-04"] * 200})  # fmt: skip
    out = BatchPricer(pricer).price_table(table).to_pylist()
    assert len(calls) == 4
    for (code, units, zip_code), row in zip(rows[:4], out[:4], strict=True):
        single = pricer.price(code, zip_code=zip_code, date_of_service="2025-08-04", units=int(units))
        assert Decimal(str(row["office_allowed"])).quantize(Decimal("0.01")) == single.sites[0].total
    assert [row["office_allowed"] for row in out[4:8]] == [row["office_allowed"] for row in out[:4]]


def test_an_encounter_takes_one_units_count_per_code(pricer) -> None:  # type: ignore[no-untyped-def]
    """``price_encounter(units=[...])``: each line's own units (as a claim's rows have), or a usage error."""
    from rvucalc.errors import UsageError

    mixed = pricer.price_encounter(["20610", "99213"], zip_code="10001", date_of_service="2025-08-04", units=[2, 1])
    assert [line.units for line in mixed.lines] == [2, 1]
    pair = pricer.price("20610", zip_code="10001", date_of_service="2025-08-04", units=2)
    assert mixed.lines[0].pfs.non_facility.amount == pair.pfs.non_facility.amount
    for wrong in ([1], [1, 0], [1, True]):
        with pytest.raises(UsageError):
            pricer.price_encounter(["20610", "99213"], zip_code="10001", units=wrong)


def test_two_units_of_a_bilateral_code_alone_are_priced_once_per_code_at_every_place(pricer, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The pair's rules are factors of the fee (150% or 100%, then its own modifiers'): batch runs them once per code
    cell and multiplies each row's fee at its place, the same amounts as single lookups."""
    import pyarrow as pa

    import rvucalc.batch.claims as claims
    from rvucalc.batch.price import BatchPricer

    calls: list[int] = []
    outcome = claims._pfs_outcome
    monkeypatch.setattr(claims, "_pfs_outcome", lambda *args: calls.append(1) or outcome(*args))
    zips = ["10001", "60601", "94110", "73301", "33101", "99501"]
    lines = [(code, zip_code) for code in ("20610", "11010", "27447-62") for zip_code in zips]
    table = pa.table({"code": [c.split("-")[0] for c, _ in lines], "modifier": [c[6:] for c, _ in lines],
                      "units": ["2"] * len(lines), "zip": [z for _, z in lines],
                      "date": ["2025-08-04"] * len(lines)})  # fmt: skip
    out = BatchPricer(pricer).price_table(table).to_pylist()
    assert len(calls) == 3
    for (code, zip_code), row in zip(lines, out, strict=True):
        single = pricer.price(code, zip_code=zip_code, date_of_service="2025-08-04", units=2)
        for setting in ("non_facility", "facility"):
            amount = getattr(single.pfs, setting).amount
            got = row[f"pfs_{setting}_amount"]
            assert (None if got is None else Decimal(str(got)).quantize(Decimal("0.01"))) == amount, (code, zip_code)
        for site in single.sites:
            got = row[f"{site.setting}_allowed"]
            assert (None if got is None else Decimal(str(got)).quantize(Decimal("0.01"))) == site.total, (code, site)
        assert "Bilateral: 2 units of one code" in row["note"]


def test_an_anesthesia_line_shows_its_anesthesia_cf_and_says_a_pfs_what_if_cf_is_not_its() -> None:
    """A trial: `price 00400-QK ... --conversion-factor 32.8409` showed "CF $33.4009 ()", the PFS CF with an empty
    label, and nothing said the what-if priced nothing there."""
    result = CliRunner().invoke(app, ["price", "00400-QK", "--base-units", "3", "--minutes", "52", "--zip", "10001",
                                      "--conversion-factor", "32.8409"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "anesthesia CF $22.81" in result.stdout and "()" not in result.stdout
    assert "--conversion-factor is the PFS's" in result.stderr and "--anesthesia-cf" in result.stderr


# -- ties between equal amounts: never decided by the order of the lines (engine.policy.tie_key, THERAPY_TIES) --


def _by_line(lines) -> dict[tuple[str, tuple[str, ...]], tuple[Decimal, Decimal | None]]:  # type: ignore[no-untyped-def]
    return {
        (line.code, tuple(line.modifiers)): (line.pfs.non_facility.amount, line.pfs.non_facility.later_units)
        for line in lines
    }


@pytest.mark.parametrize(
    ("codes", "full"),
    [(["97110-CQ-GP", "97110-GP"], ("97110", ("GP",))), (["97533-GO", "92524-GN"], ("92524", ("GN",)))],
)
def test_therapy_lines_of_equal_pe_are_ranked_the_same_in_either_order(pricer, codes, full) -> None:  # type: ignore[no-untyped-def]
    """CR 7050: full payment for the unit or procedure with the highest PE. 97110-GP and 97110-CQ-GP have the same
    PE, and so have 97533 and 92524 (1.33 PE RVUs): the line that keeps more of its full first unit (not CQ's 85%;
    then the higher fee) is paid it, whichever line is billed first (a trial: $52.05 or $53.24 for one encounter).
    Batch's claims (two identical claims in opposite order) pay the same as the single lookup."""
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer

    place = {"zip_code": "10001", "date_of_service": "2026-08-03"}
    forward = pricer.price_encounter(codes, units=[2, 2], **place)
    backward = pricer.price_encounter(codes[::-1], units=[2, 2], **place)
    assert _by_line(forward.lines) == _by_line(backward.lines)
    paid = _by_line(forward.lines)
    fees = {(line.code, tuple(line.modifiers)): line.pfs.non_facility.fee_schedule_amount for line in forward.lines}
    assert paid[full][0] == fees[full]  # the full first unit
    assert all(paid[key][0] < fees[key] for key in paid if key != full)
    split = [code.split("-", 1) for code in codes]
    table = pa.table({
        "claim": ["A", "A", "B", "B"], "code": [c for c, _ in split] + [c for c, _ in split[::-1]],
        "modifier": [m for _, m in split] + [m for _, m in split[::-1]], "units": ["2"] * 4, "zip": ["10001"] * 4,
        "date": ["2026-08-03"] * 4,
    })  # fmt: skip
    rows = BatchPricer(pricer).price_table(table).to_pylist()
    totals = {(line.code, "-".join(line.modifiers)): line.sites[0].total for line in forward.lines}
    keys = [tuple(cell) for cell in split + split[::-1]]
    for key, row in zip(keys, rows, strict=True):
        assert Decimal(str(row["office_allowed"])).quantize(CENT) == totals[key], row
    assert sum(Decimal(str(r["office_allowed"])) for r in rows[:2]) == sum(Decimal(str(r["office_allowed"]))
                                                                          for r in rows[2:])  # fmt: skip


def test_surgical_lines_of_equal_amount_are_ranked_the_same_in_either_order(pricer) -> None:  # type: ignore[no-untyped-def]
    """Claims Processing Manual ch. 12 §40.6 ranks by fee schedule amount; between equal amounts (11300 twice, one
    with 59) the code and modifiers decide, not the order: the same line is paid 50% in either order, in single
    lookups and in batch (whose surgical ranking runs on whole columns)."""
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer

    place = {"zip_code": "10001", "date_of_service": "2026-08-03"}
    forward = pricer.price_encounter(["11300", "11300-59"], **place)
    backward = pricer.price_encounter(["11300-59", "11300"], **place)
    assert _by_line(forward.lines) == _by_line(backward.lines)
    halved = [
        line for line in forward.lines if line.pfs.non_facility.amount < line.pfs.non_facility.fee_schedule_amount
    ]
    assert [(line.code, line.modifiers) for line in halved] == [("11300", ["59"])]
    table = pa.table({"claim": ["A", "A", "B", "B"], "code": ["11300"] * 4, "modifier": ["", "59", "59", ""],
                      "zip": ["10001"] * 4, "date": ["2026-08-03"] * 4})  # fmt: skip
    rows = BatchPricer(pricer).price_table(table).to_pylist()
    amounts = {line_key: total for line_key, total in ((("11300", "-".join(line.modifiers)), line.sites[0].total)
                                                      for line in forward.lines)}  # fmt: skip
    for modifier, row in zip(["", "59", "59", ""], rows, strict=True):
        assert Decimal(str(row["office_allowed"])).quantize(CENT) == amounts[("11300", modifier)], row


@pytest.mark.parametrize("codes", [["26055-F1", "26055-F2-51"], ["26055-F2-51", "26055-F1"]])
def test_of_equal_amounts_the_51_line_is_the_secondary_one_in_price(pricer, codes) -> None:  # type: ignore[no-untyped-def]
    """A hand-surgery trial: `price 26055-F1 26055-F2-51 --zip 02114 --setting 11` paid F2-51 in full and F1 at 50%
    ("ranked 2 of 2"): the tie was broken by the modifiers as text, "51" before "F1". Modifier 51 marks the
    secondary procedure ("Append modifier 51 to the surgical procedure code with the lower physician fee schedule
    amount": NGS Medicare; Novitas), so F1 is paid its fee (CMS's amount for 26055 in Boston) and F2-51 half of it,
    in either order; the ASC's 50% lands on the same line."""
    where = {"zip_code": "02114", "date_of_service": "2026-08-03"}
    alone = pricer.price("26055", **where)
    fee, asc = alone.pfs.non_facility.amount, alone.asc.rate
    result = CliRunner().invoke(app, ["price", *codes, "--zip", "02114", "--setting", "11", "--date", "2026-08-03",
                                      "-f", "json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = {"-".join([line["code"], *line["modifiers"]]): line for line in json.loads(result.stdout)["lines"]}
    first, second = lines["26055-F1"], lines["26055-F2-51"]
    assert (
        Decimal(str(first["pfs"]["non_facility"]["amount"])) == fee and not first["pfs"]["non_facility"]["adjustments"]
    )
    assert Decimal(str(second["pfs"]["non_facility"]["amount"])) == cents(fee / 2)
    assert second["pfs"]["non_facility"]["adjustments"][0]["rule"].startswith("Multiple procedure: ranked 2 of 2")
    assert Decimal(str(first["asc"]["rate"])) == asc and Decimal(str(second["asc"]["rate"])) == cents(asc / 2)


def test_a_remit_paying_the_line_without_51_in_full_shows_no_variance_in_batch(pricer, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The trial's batch file: a remittance paying 26055-F1 its fee and 26055-F2-51 half of it (the 51 line the
    secondary one, ch. 12 section 40.6's ranking by fee schedule amount and 51's meaning) showed a +/- variance of
    half the fee on each line; in either row order it is 0."""
    fee = pricer.price("26055", zip_code="02114", date_of_service="2026-08-03").pfs.non_facility.amount
    half = cents(fee / 2)
    source = tmp_path / "remit.csv"
    source.write_text(
        "claim,code,modifier,date,pos,zip,paid\n"
        f"A,26055,F1,2026-08-03,11,02114,{fee}\nA,26055,F2-51,2026-08-03,11,02114,{half}\n"
        f"B,26055,F2-51,2026-08-03,11,02114,{half}\nB,26055,F1,2026-08-03,11,02114,{fee}\n"
    )
    target = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(target.open()))
    assert [Decimal(row["allowed"]) for row in rows] == [fee, half, half, fee]
    assert all(Decimal(row["variance"]) == 0 for row in rows), rows


def test_an_assistants_later_therapy_units_take_85_percent_of_the_cent_amount(pricer) -> None:  # type: ignore[no-untyped-def]
    """CMS publishes a later therapy service's amount in cents (PF25PC layout, '50% Therapy Reduction Amount'), and
    CQ/CO pay 85% of it as they pay 85% of a line's rounded fee: 97110-CQ-GP x 3 (locality 0111251, August 2026)
    is paid 85% of $25.17 for each later unit, $21.39 (not 85% of the unrounded amount, $21.40); the steps shown
    agree (each step's amount after is its amount before x 85%, rounded); single lookups and batch alike."""
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer

    place = {"locality": "0111251", "date_of_service": "2026-08-03"}
    reduced = _half_pe_fee(pricer, "97110", **place)
    assert reduced == Decimal("25.17")
    three = pricer.price("97110-CQ-GP", units=3, **place)
    assert three.pfs.non_facility.later_units == 2 * cents(reduced * Decimal("0.85")) == Decimal("42.78")
    encounter = pricer.price_encounter(["97110-GP", "97110-CQ-GP"], **place)
    steps = encounter.lines[1].pfs.non_facility.adjustments
    assert [(s.amount_before, s.amount_after) for s in steps] == [
        (encounter.lines[1].pfs.non_facility.fee_schedule_amount, reduced),
        (reduced, Decimal("21.39")),
    ]
    table = pa.table({"code": ["97110"], "modifier": ["CQ-GP"], "units": ["3"], "locality": ["0111251"],
                      "date": ["2026-08-03"], "setting": ["office"]})  # fmt: skip
    row = BatchPricer(pricer).price_table(table).to_pylist()[0]
    assert Decimal(str(row["office_allowed"])).quantize(CENT) == three.sites[0].total
    assert three.sites[0].total == three.pfs.non_facility.amount + Decimal("42.78")


def test_the_79_note_does_not_say_paid_in_full_beside_a_multiple_procedure_cut(pricer) -> None:  # type: ignore[no-untyped-def]
    """A dermatology trial: 12031 11600-79 said "paid in full, a new global period" on a line the multiple procedure
    rule paid at 50%. 79 starts a new global period; the ranking still applies (ch. 12 §40): price and batch alike."""
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer
    from rvucalc.lookup.lines import MODIFIER_79_NOTE

    where = {"zip_code": "00901", "date_of_service": "2026-09-01", "setting": "office"}
    lines = pricer.price_encounter(["12031", "11600-79"], **where).lines
    alone = pricer.price("11600", **where).pfs.non_facility.amount
    ranked = lines[1]
    assert ranked.pfs.non_facility.amount < alone  # ranked second: cut by the multiple procedure rule
    assert MODIFIER_79_NOTE in ranked.notes and "paid in full" not in " ".join(ranked.notes)
    table = pa.table({"code": ["12031", "11600"], "modifier": ["", "79"], "zip": ["00901"] * 2,
                      "date": ["2026-09-01"] * 2, "setting": ["11"] * 2, "claim": ["A"] * 2})  # fmt: skip
    out = BatchPricer(pricer).price_table(table).to_pylist()
    assert out[1]["pfs_non_facility_amount"] == ranked.pfs.non_facility.amount
    assert MODIFIER_79_NOTE in out[1]["note"] and "paid in full" not in out[1]["note"]


def test_units_of_one_side_are_not_told_to_bill_50(pricer) -> None:  # type: ignore[no-untyped-def]
    """A trial: `price 20611-RT --units 2` was told "Bill it with 50": both units are on the right side, which CMS's
    RVU file documentation (bilateral indicator 1: "reported twice on the same day by any other means (e.g., with RT
    and LT modifiers, or with a 2 in the units field)") does not make one bilateral procedure. A line without a side
    of 3 units (20610 x 3) is told they are more than the two sides of one bilateral procedure, with 50's words.
    Single lookups and batch alike."""
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer

    lines = [("20611", "RT", 2), ("20610", "LT", 3), ("20610", "", 3)]
    singles = [pricer.price(code, modifier=mod or None, zip_code="94110", units=u) for code, mod, u in lines]
    table = pa.table({"code": [c for c, _, _ in lines], "modifier": [m for _, m, _ in lines],
                      "units": [str(u) for _, _, u in lines], "zip": ["94110"] * 3})  # fmt: skip
    rows = BatchPricer(pricer).price_table(table).to_pylist()
    for (code, side, units), single, row in zip(lines, singles, rows, strict=True):
        said = [n for n in single.notes if "units of a bilateral code" in n]
        assert len(said) == 1 and said[0] in row["note"], (code, side)
        assert ("more than the two sides" in said[0] and "with 50 and 1 unit" in said[0]) == (not side), (code, side)
        if side:
            assert f"on one side ({side})" in said[0]
        assert single.sites[0].total == units * pricer.price(code, zip_code="94110").sites[0].total


def test_units_of_an_add_on_on_one_side_are_not_told_to_bill_50(pricer) -> None:  # type: ignore[no-untyped-def]
    """A trial: `price 37255-RT --units 2 --zip 30309 --date 2026-04-24 --setting 24` (37255: "each additional vessel",
    global ZZZ, bilateral indicator 1 in RVU26C) was told "If they are the same service on both sides ... bill it with
    50 and 1 unit", where 37254-RT x 2 is told its units are "all on that side, they are no bilateral procedure". An
    add-on's units on one side are its additional vessels there: the same words, in the table, JSON and batch; the
    amounts stay units x one unit's. A line without a side is still told of 50 (64484 x 2)."""
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer

    with (data_dir() / "rvu" / "2026" / "PPRRVU2026_Jul_nonQPP.csv").open(newline="") as handle:
        rvu = {row[0]: row for row in csv.reader(handle) if row and row[0] in ("37254", "37255") and not row[1]}
    assert rvu["37255"][14] == "ZZZ" and rvu["37255"][19] == "1" == rvu["37254"][19]  # GLOB DAYS, BILAT SURG
    where = ["--zip", "30309", "--date", "2026-04-24", "--setting", "24"]
    for code in ("37255-RT", "37255-LT", "37254-RT"):
        done = CliRunner().invoke(app, ["price", code, "--units", "2", *where, "-f", "json"])
        assert done.exit_code == 0, done.output
        notes = [n for n in json.loads(done.stdout)["notes"] if "units of a bilateral" in n]
        side = code.split("-")[1]
        assert len(notes) == 1 and f"on one side ({side}): all on that side, they are no bilateral" in notes[0], notes
        assert "with 50 and 1 unit" not in notes[0] and "Bill it with 50" not in notes[0]
        assert ("additional vessels or levels" in notes[0]) == code.startswith("37255")
        table = CliRunner().invoke(app, ["price", code, "--units", "2", *where])
        assert "all on that side, they are no bilateral procedure" in " ".join(table.stdout.split())
        assert "bill it with 50" not in table.stdout
    place = {"zip_code": "30309", "date_of_service": "2026-04-24", "setting": "24"}
    two = pricer.price("37255", modifier="RT", units=2, **place)
    assert two.sites[0].total == 2 * pricer.price("37255", modifier="RT", **place).sites[0].total
    rows = BatchPricer(pricer).price_table(pa.table({
        "code": ["37255", "64484"], "modifier": ["RT", ""], "units": ["2", "2"], "zip": ["30309"] * 2,
        "date": ["2026-04-24"] * 2, "setting": ["24"] * 2})).to_pylist()  # fmt: skip
    said = [n for n in two.notes if "units of a bilateral" in n]
    assert said and said[0] in rows[0]["note"] and "with 50" not in rows[0]["note"]
    assert "bill it with 50 and 1 unit" in rows[1]["note"]  # no side: both may be meant
