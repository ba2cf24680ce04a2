"""An "incident to" code at a facility (an oncology trial, Houston): `price 96413 --setting 22` said "CMS marks its PE
RVU 'NA' (rarely or never performed there)" of a chemotherapy infusion, routine in hospital infusion centres. 96413
is PC/TC indicator 5 in CMS's RVU file ("Incident To Codes": "Payment may not be made by A/B MACs (B) for these
services when they are provided to hospital inpatients or patients in a hospital outpatient department"), as are 68
codes of RVU26C, every one 'NA' in the facility setting. Their facility reason says so
(engine.pfs.INCIDENT_TO_IN_FACILITY_REASON) in price, batch and compare alike, one text true at every place the PFS
pays its facility rate; the money is unchanged (no PFS facility amount; the office amount is CMS's RVUs at the
locality's GPCIs; the hospital's OPPS rate stays)."""

from __future__ import annotations

import csv
from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine.pfs import INCIDENT_TO, INCIDENT_TO_IN_FACILITY_REASON
from rvucalc.lookup.compare import compare
from rvucalc.lookup.pricer import Pricer
from rvucalc.paths import data_dir
from test_cardiology_trial import rvu_row
from test_physician_claims_at_facilities import pfs_amount

HOUSTON = {"zip_code": "77030", "date_of_service": "2026-08-05"}  # locality 0441218, release 2026C
OLD_WORDS = "rarely or never performed there"


def _incident_to_codes() -> list[str]:
    """RVU26C's PC/TC indicator 5 codes (column 13) whose facility PE is 'NA' (column 9)."""
    with data_dir().joinpath("rvu", "2026", "PPRRVU2026_Jul_nonQPP.csv").open(newline="", encoding="latin-1") as f:
        return [row[0] for row in csv.reader(f) if len(row) > 13 and row[13] == INCIDENT_TO and row[9] == "NA"]


def _batch(pricer: Pricer, cells: list[tuple[str, str]]) -> list[dict[str, Any]]:
    rows = [{"code": code, "zip": "77030", "date": "2026-08-05", "setting": setting} for code, setting in cells]
    table = pa.table({name: [row[name] for row in rows] for name in rows[0]})
    return BatchPricer(pricer).price_table(table).to_pylist()  # type: ignore[no-any-return]


def test_the_rvu_file_makes_the_chemotherapy_and_injection_codes_incident_to() -> None:
    codes = _incident_to_codes()
    assert len(codes) == 68 and {"96413", "96372", "96360", "90471", "94640"} <= set(codes)
    assert rvu_row("2026C", "96413")[3] == "A"  # active: paid in the office


@pytest.mark.parametrize("setting", ["22", "19", "21", "23", "24", "31", "02"])
def test_an_infusion_at_a_facility_rate_place_says_it_is_incident_to(pricer: Pricer, setting: str) -> None:
    result = pricer.price("96413", setting=setting, **HOUSTON)  # type: ignore[arg-type]
    reason = str(result.pfs.facility.reason)
    assert reason == INCIDENT_TO_IN_FACILITY_REASON and OLD_WORDS not in reason and "; " not in reason
    assert not result.pfs.facility.payable and result.pfs.facility.amount is None  # money unchanged
    office = pricer.price("96413", **HOUSTON)  # type: ignore[arg-type]
    assert office.pfs.non_facility.amount == pfs_amount(pricer, "96413", "", "non_facility", "2026-08-05", "0441218")


def _other_facility_na_code() -> str:
    """An active RVU26C code 'NA' in the facility setting of PC/TC indicator 0 (not always-therapy: column 18)."""
    with data_dir().joinpath("rvu", "2026", "PPRRVU2026_Jul_nonQPP.csv").open(newline="", encoding="latin-1") as f:
        return next(row[0] for row in csv.reader(f) if len(row) > 18 and row[1] == "" and row[3] == "A"
                    and row[9] == "NA" and row[13] == "0" and row[18] != "5")  # fmt: skip


def test_every_incident_to_code_gets_the_reason_and_no_other_code_does(pricer: Pricer) -> None:
    for code in _incident_to_codes():
        result = pricer.price(code, setting="22", **HOUSTON)  # type: ignore[arg-type]
        if rvu_row("2026C", code)[3] == "A":  # an active code: the reason is its facility setting's
            assert result.pfs.facility.reason == INCIDENT_TO_IN_FACILITY_REASON, code
    other = pricer.price(_other_facility_na_code(), setting="22", **HOUSTON)  # type: ignore[arg-type]
    assert OLD_WORDS in str(other.pfs.facility.reason)


def test_batch_and_compare_say_the_same(pricer: Pricer) -> None:
    hospital, asc, office = _batch(pricer, [("96413", "22"), ("96372", "24"), ("96413", "11")])
    assert INCIDENT_TO_IN_FACILITY_REASON in str(hospital["note"]).split("; ")
    assert OLD_WORDS not in str(hospital["note"])
    assert INCIDENT_TO_IN_FACILITY_REASON in str(asc["note"]).split("; ")
    single = pricer.price("96413", setting="22", **HOUSTON)  # type: ignore[arg-type]
    assert hospital["allowed"] == single.sites[0].total  # the OPPS rate, unchanged
    assert office["allowed"] == pfs_amount(pricer, "96413", "", "non_facility", "2026-08-05", "0441218")
    [change] = compare(pricer, ["96413"], from_="2025", to="2026", zip_code="77030").codes
    assert change.amounts["facility"].reason_after == INCIDENT_TO_IN_FACILITY_REASON


def test_the_cli_says_it() -> None:
    out = CliRunner().invoke(app, ["price", "96413", "--setting", "22", "--zip", "77030", "--date", "2025-11-05"])
    said = " ".join(out.output.split())
    assert out.exit_code == 0, said
    assert "an incident-to service (PC/TC indicator 5" in said and OLD_WORDS not in said
