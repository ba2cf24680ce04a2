"""A claim whose lines are at different places of service: the hospital's rules (OPPS comprehensive APC packaging, SI
T discounting, Q1/Q2 packaging, an inpatient-only procedure's denial) run among the lines of one hospital claim, the
ASC's discounting among one ASC claim's lines. A line at the office or an inpatient stay is no line of the hospital's
claim (batch.claims._by_site). The physician's rules still rank all the claim's lines (a claim is one billing entity's).
Amounts are CMS's (the shipped files), as ``rvucalc price`` gives each line alone in its setting."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pyarrow as pa

from rvucalc.batch.price import BatchPricer
from rvucalc.lookup.pricer import Pricer

ZIP, DATE, NEXT_DAY = "60601", "2025-10-02", "2025-10-03"


def _batch(pricer: Pricer, rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    return BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()  # type: ignore[no-any-return]


def _line(claim: str, code: str, setting: str, date: str = DATE) -> dict[str, str]:
    return {"claim": claim, "date": date, "code": code, "units": "1", "setting": setting, "zip": ZIP}


def _money(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value)).quantize(Decimal("0.01"))


def _alone(pricer: Pricer, code: str, setting: str, date: str = DATE) -> Any:
    return pricer.price(code, zip_code=ZIP, setting=setting, date_of_service=date)


def test_an_office_line_does_not_package_the_hospitals_line_of_its_claim(pricer: Pricer) -> None:
    """A trial: 19083 (SI J1) at the office (POS 11) and 93306 at the hospital (POS 22) on one claim: the office
    line's comprehensive APC packaged the echo's OPPS payment, the hospital paid $0.00. The echo is paid as alone."""
    echo = _alone(pricer, "93306", "22")
    assert echo.opps is not None and echo.opps.rate is not None and echo.opps.rate > 0
    office = _alone(pricer, "19083", "11")
    biopsy, hospital = _batch(pricer, [_line("A", "19083", "11"), _line("A", "93306", "22")])
    assert _money(hospital["opps_rate"]) == echo.opps.rate
    assert _money(hospital["allowed"]) == _money(hospital["hopd_allowed"]) == echo.sites[0].total
    assert "Packaged into the comprehensive APC" not in hospital["note"]
    assert hospital["site"] == "hopd" and biopsy["site"] == "office"
    assert _money(biopsy["allowed"]) == office.sites[0].total
    # Both at the hospital: one hospital claim, its J1 packages the echo (the rule still holds within one site).
    _, packaged = _batch(pricer, [_line("B", "19083", "22"), _line("B", "93306", "22")])
    assert _money(packaged["opps_rate"]) == 0 and "Packaged into the comprehensive APC" in packaged["note"]


def test_an_office_j1_on_another_date_does_not_package_the_claims_hospital_line(pricer: Pricer) -> None:
    """The comprehensive APC's claim across dates (claims._claim_wide_j1) is the hospital's claim: an office J1 the
    day before packaged the hospital's echo; a hospital J1 the day before still does."""
    echo = _alone(pricer, "93306", "22", NEXT_DAY)
    assert echo.opps is not None and echo.opps.rate
    _, hospital = _batch(pricer, [_line("A", "19083", "11"), _line("A", "93306", "22", NEXT_DAY)])
    assert _money(hospital["opps_rate"]) == echo.opps.rate
    assert _money(hospital["allowed"]) == echo.sites[0].total
    _, packaged, office = _batch(pricer, [_line("B", "19083", "22"), _line("B", "93306", "22", NEXT_DAY),
                                          _line("B", "93306", "11", NEXT_DAY)])  # fmt: skip
    assert _money(packaged["opps_rate"]) == 0
    assert office["site"] == "office" and "comprehensive APC" not in office["note"]


def test_an_inpatient_only_procedure_of_an_inpatient_stay_does_not_deny_the_hospitals_outpatient_line(
    pricer: Pricer,
) -> None:  # fmt: skip
    """33533 (SI C) at an inpatient hospital (POS 21) beside 93306 at the outpatient hospital (POS 22): the
    inpatient-only procedure denies the outpatient claim it is on, not another place's line."""
    echo = _alone(pricer, "93306", "22")
    assert echo.opps is not None
    _, hospital = _batch(pricer, [_line("A", "33533", "21"), _line("A", "93306", "22")])
    assert _money(hospital["opps_rate"]) == echo.opps.rate
    assert _money(hospital["allowed"]) == echo.sites[0].total
    # Both on the outpatient claim: the echo is denied as before.
    _, denied = _batch(pricer, [_line("B", "33533", "22"), _line("B", "93306", "22")])
    assert _money(denied["opps_rate"]) in (None, Decimal(0))


def test_the_ascs_discount_and_the_hospitals_packaging_are_each_their_own_claims(pricer: Pricer) -> None:
    """29881 at the ASC (POS 24) and 64483 at the hospital (POS 22): the knee scope's J1 packaged the injection's
    OPPS payment and the ASC discounted its rate; at the hospital the injection is paid as alone. The physician's
    multiple procedure ranking still takes both lines (one physician's claim)."""
    injection = _alone(pricer, "64483", "22")
    assert injection.opps is not None and injection.opps.rate
    scope, hospital = _batch(pricer, [_line("A", "29881", "24"), _line("A", "64483", "22")])
    assert _money(hospital["opps_rate"]) == injection.opps.rate
    assert _money(hospital["hopd_allowed"]) == _money(hospital["allowed"])
    assert "Claim encounter (ASC)" not in hospital["note"] and "comprehensive APC" not in hospital["note"]
    assert _money(scope["allowed"]) == _alone(pricer, "29881", "24").sites[0].total
    assert "Multiple procedure: ranked 2" in hospital["note"]  # the PFS rules rank the claim's lines together


def test_both_paths_of_the_rules_group_the_facilitys_lines_by_site(pricer: Pricer, monkeypatch: Any) -> None:
    """The rule functions one encounter at a time (claims.BY_ARRAYS False) and the whole columns give the same rows for
    claims of mixed sites: the hospital's packaging, SI T discounting and the ASC's discount, each per site."""
    from rvucalc.batch import claims

    rows = [_line("A", "19083", "11"), _line("A", "93306", "22"), _line("B", "29881", "24"), _line("B", "29880", "24"),
            _line("B", "64483", "22"), _line("B", "64483", "11"), _line("C", "19083", "22"), _line("C", "93306", "22"),
            _line("C", "93306", "11"), _line("D", "29881", "22"), _line("D", "29880", "24"),
            _line("D", "29877", "24")]  # fmt: skip
    by_arrays = _batch(pricer, rows)
    monkeypatch.setattr(claims, "BY_ARRAYS", False)
    one_by_one = _batch(pricer, rows)
    assert by_arrays == one_by_one
    echo = _alone(pricer, "93306", "22")
    assert _money(by_arrays[1]["opps_rate"]) == echo.opps.rate and _money(by_arrays[7]["opps_rate"]) == 0
    # D: the ASC's two lines discounted between themselves, the hospital's 29881 paid as alone.
    scope = _alone(pricer, "29881", "22")
    assert _money(by_arrays[9]["opps_rate"]) == scope.opps.rate
    assert "Claim encounter (ASC): ASC multiple procedure discounting" in by_arrays[11]["note"] + by_arrays[10]["note"]
