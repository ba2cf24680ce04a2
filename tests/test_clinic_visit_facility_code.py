"""A hospital's clinic visit is G0463, not the physician's E/M code: a reason that says only "SI B ... another code may
apply" leaves a billing specialist to find which (CY2014 OPPS/ASC final rule, CMS-1601-FC). Price and batch name it
for the hospital, never for the ASC, which pays no visit; the amounts are unchanged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import run_batch_rows

DATE = "2025-08-01"


@pytest.mark.parametrize("code", ["99202", "99205", "99211", "99213", "99215"])
def test_a_clinic_visit_at_the_hospital_names_g0463(pricer: Any, code: str) -> None:
    result = pricer.price(code, zip_code="10001", date_of_service=DATE)
    hospital = result.opps
    assert hospital is not None and hospital.status_indicator == "B" and hospital.rate is None
    said = f"the hospital bills G0463 for this service (hospital outpatient clinic visit), {code} is the physician's"
    assert said in (hospital.reason or "")


def test_the_asc_and_an_emergency_visit_do_not_name_g0463(pricer: Any) -> None:
    visit = pricer.price("99213", zip_code="10001", date_of_service=DATE)
    assert visit.asc is not None and "G0463" not in (visit.asc.reason or "")
    emergency = pricer.price("99283", zip_code="10001", date_of_service=DATE)
    assert emergency.opps is not None and emergency.opps.rate is not None  # paid under its own CPT code
    assert "G0463" not in (emergency.opps.reason or "")


def test_batch_names_g0463_at_pos_22_as_price_does(tmp_path: Path) -> None:
    rows = [{"code": "99214", "zip": "10001", "date": DATE, "pos": "22"},
            {"code": "99214", "zip": "10001", "date": DATE, "pos": "24"}]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert len(out) == 2, done.output
    assert "the hospital bills G0463 for this service" in out[0]["note"], out[0]
    assert "G0463" not in " ".join(out[1].values()), out[1]
