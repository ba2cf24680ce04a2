"""Claim modifiers end to end: single lookups and batch accept what claims carry and apply what pays.

Amounts are compared with the same code priced without the modifier (CMS's published RVUs through
the same formula) and with CMS's Addendum AA rate for the ASC bilateral rule.
"""

from __future__ import annotations

from decimal import Decimal

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.engine import modifiers as table
from rvucalc.errors import ErrorKind, RvucalcError
from rvucalc.lookup.pricer import Pricer

INFORMATIONAL = sorted(code for code, info in table.TABLE.items() if info.effect == "none")


def _batch(pricer: Pricer, rows: list[dict[str, str]]) -> list[dict[str, object]]:
    columns = {name: [row.get(name, "") for row in rows] for name in ("code", "modifier", "zip", "setting")}
    return BatchPricer(pricer).price_table(pa.table(columns)).to_pylist()  # type: ignore[no-any-return]


@pytest.mark.parametrize("code", ["99213", "97110", "27447"])
def test_every_informational_modifier_is_accepted_and_changes_nothing(pricer: Pricer, code: str) -> None:
    plain = pricer.price(code, zip_code="10001")
    rows = _batch(pricer, [{"code": code, "modifier": m, "zip": "10001"} for m in INFORMATIONAL])
    for modifier, out in zip(INFORMATIONAL, rows, strict=True):
        try:
            single = pricer.price(f"{code}-{modifier}", zip_code="10001")
        except RvucalcError as exc:  # only a modifier that does not fit the code (e.g. a DME row one)
            # or a clinical psychologist's (AH) or social worker's (AJ) E/M visit, outside their benefit (denied)
            denied = exc.kind is ErrorKind.DENIED and modifier in ("AH", "AJ") and code == "99213"
            assert exc.kind in (ErrorKind.POLICY_REFUSED, ErrorKind.BAD_MODIFIER) or denied, (modifier, exc)
            assert out["error_kind"] == exc.kind.value, (modifier, out["error"])
            continue
        assert modifier in single.modifiers
        assert single.pfs.non_facility.amount == plain.pfs.non_facility.amount, modifier
        assert single.pfs.facility.amount == plain.pfs.facility.amount, modifier
        assert out["error"] == "", (modifier, out["error"])
        expected = plain.pfs.facility.amount
        assert (out["pfs_facility_amount"] is None) == (expected is None)
        if expected is not None:
            assert Decimal(str(out["pfs_facility_amount"])) == expected, modifier


def test_a_batch_of_everyday_claim_modifiers_has_no_modifier_errors(pricer: Pricer) -> None:
    lines = [
        ("97110", "GP"), ("97530", "GO"), ("92507", "GN"), ("29881", "59"), ("20610", "XS"), ("27447", "LT"),
        ("27447", "RT"), ("99213", "25"), ("71046", "76"), ("J9271", "JW"), ("J9271", "JZ"), ("97110", "CQ-GP"),
        ("73030", "RT-FY"), ("99213", "25-GC-95-XU"),
    ]  # fmt: skip
    rows = _batch(pricer, [{"code": code, "modifier": mod, "zip": "60614"} for code, mod in lines])
    assert [(line, out["error"]) for line, out in zip(lines, rows, strict=True) if out["error"]] == []


def test_cq_pays_85_percent_of_the_therapy_amount(pricer: Pricer) -> None:
    plain = pricer.price("97110", zip_code="94110").pfs.non_facility.amount
    assisted = pricer.price("97110-CQ-GP", zip_code="94110").pfs.non_facility
    assert plain is not None and assisted.amount == (plain * Decimal("0.85")).quantize(Decimal("0.01"))
    assert any(step.indicator == "CQ" for step in assisted.adjustments)
    with pytest.raises(RvucalcError) as refused:  # not a therapy code
        pricer.price("99213-CQ")
    assert refused.value.kind is ErrorKind.POLICY_REFUSED and "therapy" in str(refused.value)


@pytest.mark.parametrize(("code", "percent"), [("66984", 150)])
def test_asc_bilateral_is_two_procedures(pricer: Pricer, code: str, percent: int) -> None:
    one = pricer.price(code, date_of_service="2026-04-15").asc
    both = pricer.price(f"{code}-50", date_of_service="2026-04-15").asc
    assert one.payable and one.multiple_procedure_discounting is True and one.rate is not None
    assert both.rate == (one.rate * percent / 100).quantize(Decimal("0.01"))
    assert any("50 is not recognised for ASC payment" in step.rule for step in both.adjustments)


def test_asc_bilateral_without_discounting_pays_200_percent(pricer: Pricer) -> None:
    asc = pricer.catalogue.store(pricer.catalogue.newest("asc"))
    pfs = pricer.catalogue.store(pricer.catalogue.newest("pfs"))
    code = next(row["hcpcs"] for row in asc.rows("asc_aa") if row["multiple_discount"] == "N" and row["rate"]
                and row["pi"] in ("A2", "G2", "P2", "P3", "R2")
                and (pfs.rvu(row["hcpcs"]) or {}).get("bilat_surg") in ("1", "3"))  # fmt: skip
    one = pricer.price(code).asc
    both = pricer.price(f"{code}-50").asc
    assert one.rate is not None and both.rate == one.rate * 2, code
    assert any("200%" in step.rule for step in both.adjustments)


@pytest.mark.parametrize("indicator", ["0", "2"])
def test_asc_bilateral_of_a_code_the_pfs_pays_once_is_one_procedure(pricer: Pricer, indicator: str) -> None:
    """PFS bilateral indicator 0 (45385) or 2 (a code describing both sides): the ASC pays one procedure at 100% of
    Addendum AA's rate, not two; the single lookup and batch alike (engine.modifiers.asc_bilateral)."""
    asc = pricer.catalogue.store(pricer.catalogue.newest("asc"))
    pfs = pricer.catalogue.store(pricer.catalogue.newest("pfs"))
    code = (
        "45385"
        if indicator == "0"
        else next(
            row["hcpcs"]
            for row in asc.rows("asc_aa")
            if row["multiple_discount"] == "Y"
            and row["rate"]
            and row["pi"] in ("A2", "G2", "P2", "P3", "R2")
            and (pfs.rvu(row["hcpcs"]) or {}).get("bilat_surg") == "2"
        )
    )
    assert (pfs.rvu(code) or {}).get("bilat_surg") == indicator
    one = pricer.price(code, zip_code="10001", setting="asc").asc
    both = pricer.price(f"{code}-50", zip_code="10001", setting="asc").asc
    assert one.rate is not None and both.rate == one.rate, code
    assert not both.adjustments and any(f"bilateral indicator {indicator}" in note for note in both.notes)
    rows = _batch(pricer, [{"code": code, "modifier": "50", "zip": "10001", "setting": "asc"},
                           {"code": code, "modifier": "", "zip": "10001", "setting": "asc"}])  # fmt: skip
    assert rows[0]["error"] == "" and rows[0]["asc_rate"] == rows[1]["asc_rate"] == one.rate, rows[0]


def test_asc_bilateral_of_a_code_with_indicator_1_is_two_procedures_in_batch_too(pricer: Pricer) -> None:
    single = pricer.price("66984-50", zip_code="10001", setting="asc").asc
    one = pricer.price("66984", zip_code="10001", setting="asc").asc
    rows = _batch(pricer, [{"code": "66984", "modifier": "50", "zip": "10001", "setting": "asc"}])
    assert one.rate is not None and single.rate == (one.rate * Decimal("1.5")).quantize(Decimal("0.01"))
    assert rows[0]["asc_rate"] == single.rate


def test_four_modifiers_in_any_order_price_alike(pricer: Pricer) -> None:
    orders = ["RT-59-GC-XU", "XU-GC-59-RT", "GC-RT-XU-59"]
    amounts = {pricer.price(f"29881-{mods}", zip_code="10001").pfs.facility.amount for mods in orders}
    assert len(amounts) == 1
    with pytest.raises(RvucalcError) as five:
        pricer.price("29881-RT-59-GC-XU-KX")
    assert five.value.kind is ErrorKind.BAD_MODIFIER


def test_conflicting_modifiers_are_refused_with_the_reason(pricer: Pricer) -> None:
    for text, words in (("71046-26-TC", "26"), ("27447-50-LT", "LT")):
        with pytest.raises(RvucalcError) as refused:
            pricer.price(text)
        assert words in str(refused.value) and refused.value.exit_code == 2


def test_the_physicians_53_beside_a_facility_rate_is_said_in_price_and_batch(pricer: Pricer) -> None:
    """A GI trial: 45378-53 at an ASC paid the facility 100% with no word. 53 is the physician's modifier; the
    facility reports 73 or 74: the line says so, and that the rate shown is the full one (engine.facility
    .FACILITY_53_NOTE), where a hospital's or ASC's rate is shown, not in the office."""
    from rvucalc.engine.facility import FACILITY_53_NOTE

    plain = pricer.price("45378", zip_code="10001", setting="asc")
    for setting, said in (("asc", True), (None, True), ("office", False)):
        single = pricer.price("45378-53", zip_code="10001", setting=setting)
        assert (FACILITY_53_NOTE in single.notes) is said, setting
        assert single.asc.rate == plain.asc.rate  # CMS's text says nothing of the money: unchanged
    rows = _batch(pricer, [{"code": "45378-53", "zip": "10001", "setting": setting}
                           for setting in ("asc", "", "office")])  # fmt: skip
    assert [FACILITY_53_NOTE in str(row["note"]) for row in rows] == [True, True, False]
    assert rows[0]["asc_rate"] == plain.asc.rate
