"""A DME row's DMEPOS fee is the state's of the patient's ZIP, not the service place's: a DME supplier's export with
'Service ZIP' and 'Patient ZIP' priced E0601-RR with New York's fee (the service ZIP's state) for a New Jersey
patient, and a row with a blank service ZIP was an error though its patient's ZIP was there. The DME MACs price by the
beneficiary's permanent address on file with SSA, not the supplier's location (Noridian JD DME, "How Pricing Is
Identified for Certain Products"). PFS rows stay priced where the service was furnished."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.batch.columns import patient_zip_position, resolve_columns
from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.reference.loaders import schedules as loaders

DMEPOS_FILE = Path(__file__).parent.parent / "data" / "dmepos" / "2026" / "DMEPOS26_JAN.xlsx"
DATE = "03/02/2026"
NJ_PATIENT, NY_SERVICE = "07001", "10001"  # Avenel, NJ; Manhattan, NY
runner = CliRunner()


@pytest.fixture(scope="module")
def fees() -> dict[tuple[str, str, str], tuple[Decimal, Decimal]]:
    """CMS's DMEPOS26_JAN fees (non-rural, rural) by (code, modifier, state), for the rows these tests price."""
    _, table = loaders.load_dmepos(DMEPOS_FILE, "DMEPOS")
    found = {}
    for row in table[table["hcpcs"].isin(["E0601", "A4326"]) & table["state"].isin(["NJ", "NY"])].to_dict("records"):
        money = (Decimal(int(row["nr_cents"])).scaleb(-2), Decimal(int(row["r_cents"])).scaleb(-2))
        found[(row["hcpcs"], row["mod"], row["state"])] = money
    return found


def _run(tmp_path: Path, rows: list[dict[str, str]], *options: str) -> tuple[Any, list[dict[str, str]]]:
    return run_batch_rows(tmp_path, rows, *options, name="dme.csv")


def _money(text: str) -> Decimal | None:
    return Decimal(text) if text else None


def _row(claim: str, code: str, modifier: str, pos: str, service: str, patient: str, rural: str = "") -> dict[str, str]:
    return {"Claim ID": claim, "CPT Code": code, "Mod 1": modifier, "Date of Service": DATE, "POS": pos,
            "Service ZIP": service, "Patient ZIP": patient, "Units": "1", "Rural": rural}  # fmt: skip


def test_dme_rows_take_the_patient_zips_state(pricer: Any, fees: Any, tmp_path: Path) -> None:
    """E0601-RR (rural: NJ $89.86, NY $97.02) and A4326 (NJ $15.37, NY $13.06) for a patient in NJ served from a NY
    ZIP: New Jersey's fees, as `price --zip 07001` gives them; the PFS row is priced in Manhattan, and a row without a
    service ZIP nationally, never at the patient's ZIP."""
    (nj_cpap, nj_cpap_rural), (ny_cpap, ny_cpap_rural) = fees[("E0601", "RR", "NJ")], fees[("E0601", "RR", "NY")]
    (nj_supply, _), (ny_supply, _) = fees[("A4326", "", "NJ")], fees[("A4326", "", "NY")]
    assert nj_cpap_rural != ny_cpap_rural and nj_supply != ny_supply  # the states' fees differ: the test tells them
    rows = [
        _row("A1", "E0601", "RR", "12", NY_SERVICE, NJ_PATIENT, "Y"),
        _row("A2", "E0601", "RR", "12", "", NJ_PATIENT),  # no service ZIP: was an error
        _row("A3", "99213", "", "11", "", NJ_PATIENT),  # a PFS row: national, not the patient's locality
        _row("A4", "A4326", "", "12", NY_SERVICE, NJ_PATIENT),
        _row("A5", "A4326", "", "12", NY_SERVICE, ""),  # blank patient ZIP: the service ZIP's state, as before
        _row("A6", "99213", "", "11", NY_SERVICE, NJ_PATIENT),
        _row("A7", "E0601", "RR", "12", "", ""),  # neither: the error, as before
    ]
    done, out = _run(tmp_path, rows)
    assert done.exit_code == 1, done.stderr  # A7's error
    amounts = [_money(row["dmepos_amount"]) for row in out]
    assert amounts == [nj_cpap_rural, nj_cpap, None, nj_supply, ny_supply, None, None]
    assert ny_cpap == nj_cpap  # non-rural E0601-RR: one fee in both states
    for row, zip_code, rural in ((out[0], NJ_PATIENT, True), (out[1], NJ_PATIENT, False), (out[3], NJ_PATIENT, False),
                                 (out[4], NY_SERVICE, False)):  # fmt: skip
        code, modifier = row["CPT Code"], row["Mod 1"] or None
        single = pricer.price(code, modifier=modifier, zip_code=zip_code, rural=rural, date_of_service="2026-03-02")
        assert single.dmepos is not None and _money(row["dmepos_amount"]) == single.dmepos.amount, row
        assert _money(row["office_allowed"]) == next(s.total for s in single.sites if s.setting == "office"), row
        assert all(note in row["note"] for note in single.dmepos.notes), row
    assert "DMEPOS fee for NJ" in out[0]["note"] and "DMEPOS fee for NY" in out[4]["note"]
    assert out[0]["locality_priced"] == "1320201"  # the row's place is still the service's (Manhattan)
    national = pricer.price("99213", date_of_service="2026-03-02")
    manhattan = pricer.price("99213", zip_code=NY_SERVICE, date_of_service="2026-03-02")
    assert out[2]["locality_priced"] == "0000000" and out[2]["error"] == ""
    assert _money(out[2]["pfs_non_facility_amount"]) == national.pfs.non_facility.amount
    assert out[5]["locality_priced"] == "1320201"
    assert _money(out[5]["pfs_non_facility_amount"]) == manhattan.pfs.non_facility.amount
    assert "set per state: fill the row's zip" in out[6]["error"]
    stderr = " ".join(done.stderr.split())
    assert stderr.count("DMEPOS rows take their state's fee from Patient ZIP") == 1
    assert "zip ← Service ZIP" in stderr


def test_the_example_file_of_the_report(fees: Any, tmp_path: Path) -> None:
    """The report's rows as given (no rural column): A1 and A2 are New Jersey's E0601-RR, A3 national."""
    rows = [
        {"Claim ID": "A1", "CPT Code": "E0601", "Mod 1": "RR", "Date of Service": DATE, "POS": "12",
         "Service ZIP": NY_SERVICE, "Patient ZIP": NJ_PATIENT, "Units": "1"},
        {"Claim ID": "A2", "CPT Code": "E0601", "Mod 1": "RR", "Date of Service": DATE, "POS": "12",
         "Service ZIP": "", "Patient ZIP": NJ_PATIENT, "Units": "1"},
        {"Claim ID": "A3", "CPT Code": "99213", "Mod 1": "", "Date of Service": DATE, "POS": "11",
         "Service ZIP": "", "Patient ZIP": NJ_PATIENT, "Units": "1"},
    ]  # fmt: skip
    done, out = _run(tmp_path, rows)
    assert done.exit_code == 0, done.stderr
    nj_cpap = fees[("E0601", "RR", "NJ")][0]
    assert [_money(row["dmepos_amount"]) for row in out] == [nj_cpap, nj_cpap, None]
    assert all("DMEPOS fee for NJ" in row["note"] for row in out[:2]) and out[1]["error"] == ""
    assert out[2]["locality_priced"] == "0000000"


def test_a_state_column_still_wins_and_a_bad_patient_zip_fails_only_dme_rows(fees: Any, tmp_path: Path) -> None:
    """A state column is the patient's state, given: it wins over the patient's ZIP. A patient ZIP that is no ZIP
    (a spreadsheet's 7001) is a DME row's error, never priced at the service place; a PFS row does not read it."""
    rows = [
        {**_row("B1", "A4326", "", "12", NY_SERVICE, NJ_PATIENT), "State": "NY"},
        {**_row("B2", "A4326", "", "12", NY_SERVICE, "7001"), "State": ""},
        {**_row("B3", "99213", "", "11", NY_SERVICE, "7001"), "State": ""},
        {**_row("B4", "A4326", "", "12", NY_SERVICE, "00000"), "State": ""},
    ]
    done, out = _run(tmp_path, rows)
    assert done.exit_code == 1
    assert _money(out[0]["dmepos_amount"]) == fees[("A4326", "", "NY")][0]
    assert out[1]["dmepos_amount"] == "" and "'7001' is not a ZIP code" in out[1]["error"]
    assert "patient's ZIP" in out[1]["error"] and out[1]["error_kind"] == "bad_zip"
    assert out[2]["error"] == "" and out[2]["locality_priced"] == "1320201"
    assert "ZIP 00000 is not in CMS's ZIP5 file" in out[3]["error"] and out[3]["dmepos_amount"] == ""


def test_only_a_service_zip_keeps_the_service_state(fees: Any, tmp_path: Path) -> None:
    rows = [{k: v for k, v in _row("C1", "A4326", "", "12", NY_SERVICE, "").items() if k != "Patient ZIP"}]
    done, out = _run(tmp_path, rows)
    assert done.exit_code == 0, done.stderr
    assert _money(out[0]["dmepos_amount"]) == fees[("A4326", "", "NY")][0]
    assert "DMEPOS fee for NY" in out[0]["note"]
    assert "DMEPOS rows take their state" not in done.stderr


def test_a_run_place_prices_dme_rows_by_the_patients_zip(fees: Any, tmp_path: Path) -> None:
    """`--zip 10001` is where the services were furnished: the PFS row is priced there, the DME row by its patient."""
    rows = [_row("D1", "A4326", "", "12", "", NJ_PATIENT), _row("D2", "99213", "", "11", "", NJ_PATIENT)]
    done, out = _run(tmp_path, rows, "--zip", NY_SERVICE)
    assert done.exit_code == 0, done.stderr
    assert _money(out[0]["dmepos_amount"]) == fees[("A4326", "", "NJ")][0]
    assert out[1]["locality_priced"] == "1320201"
    stderr = " ".join(done.stderr.split())
    assert "DMEPOS fee of --zip 10001's state" not in stderr
    assert "DMEPOS rows take their state's fee from Patient ZIP" in stderr


def test_price_table_reads_a_patient_zip_column(pricer: Any, fees: Any) -> None:
    table = pa.Table.from_pylist(
        [{"code": "A4326", "zip": NY_SERVICE, "patient_zip": NJ_PATIENT, "date": "2026-03-02"}]
    )
    [row] = BatchPricer(pricer).price_table(table).to_pylist()
    assert row["dmepos_amount"] == fees[("A4326", "", "NJ")][0]


@pytest.mark.parametrize(
    ("names", "expected"),
    [(["CPT", "Service ZIP", "Patient ZIP"], 2), (["CPT", "Pt. Zip", "Place ZIP"], 1), (["CPT", "ZIP"], None),
     (["CPT", "Patient Zip"], 1), (["CPT", "Service ZIP", "Pt Zip", "Member ZIP"], None)],
)  # fmt: skip
def test_the_patient_zip_column(names: list[str], expected: int | None) -> None:
    assert patient_zip_position(resolve_columns(names)) == expected


def test_price_is_unchanged() -> None:
    for zip_code, state in ((NJ_PATIENT, "NJ"), (NY_SERVICE, "NY")):
        done = runner.invoke(app, ["price", "E0601", "--modifier", "RR", "--zip", zip_code, "--date", "2026-03-02"])
        assert done.exit_code == 0 and f"DMEPOS fee for {state}" in " ".join(done.output.split())


def test_a_run_place_s_dme_notice_only_where_a_dme_row_is_priced(fees: Any, tmp_path: Path) -> None:
    """A trial: `batch --zip 10001` of office visits alone, no state or patient ZIP column, said "a DME row, if the
    file has any, is priced with the DMEPOS fee of --zip 10001's state". Said only where a row is priced with the
    DMEPOS fee schedule (A4326 at New York's CMS fee, the run place's state)."""
    visit = {"Claim ID": "E1", "CPT Code": "99213", "Date of Service": DATE, "POS": "11", "Units": "1"}
    supply = {**visit, "Claim ID": "E2", "CPT Code": "A4326", "POS": "12"}
    said = "priced with the DMEPOS fee of --zip 10001's state"
    done, _ = _run(tmp_path, [visit], "--zip", NY_SERVICE)
    assert done.exit_code == 0, done.stderr
    assert said not in " ".join(done.stderr.split()) and "DME row" not in done.stderr
    done, out = _run(tmp_path, [visit, supply], "--zip", NY_SERVICE)
    assert done.exit_code == 0, done.stderr
    assert _money(out[1]["dmepos_amount"]) == fees[("A4326", "", "NY")][0]
    assert said in " ".join(done.stderr.split())
