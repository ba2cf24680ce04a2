"""A radiation oncology trial (hospital-based department, ZIP 60611, Chicago): proton beam delivery 77520 at POS 22
showed "MAC-priced" in the hospital's Professional column and "Professional fee not included: Priced by your Medicare
contractor (MAC) ... Ask your MAC for its fee" beside the hospital's OPPS rate, batch's POS 22 and POS 21 rows alike,
where SBRT delivery 77373 (status A, facility 'NA') read that the hospital is paid and there is no professional fee.
A status C technical-only code (RVU file PC/TC indicator 3) carries no facility 'NA' mark, yet at a
hospital it is the facility's: 42 CFR 410.42(a) (engine.pfs.MAC_TECHNICAL_ONLY_IN_FACILITY_REASON); at a SNF
it stays the MAC's. The MAC prices the
freestanding center's (office's) service. Amounts unchanged: the hospital's site is the OPPS rate alone."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.pfs import (
    CONTRACTOR_PRICED_REASON,
    MAC_TECHNICAL_ONLY_IN_FACILITY_REASON,
    PRACTITIONER_PROCEDURES_WITH_TECHNICAL_ONLY_PCTC,
)
from rvucalc.lookup.pricer import Pricer
from rvucalc.paths import data_dir

ZIP, DATE = "60611", "2025-10-24"  # the trial's: Chicago, IL (CBSA 16984)
runner = CliRunner()


@pytest.fixture(scope="module")
def pricer() -> Pricer:
    return Pricer()


def _rvu25d() -> dict[str, list[str]]:
    """RVU25D's rows without a modifier, by HCPCS code (the shipped CMS file)."""
    with (data_dir() / "rvu" / "2025" / "PPRRVU2025_Oct.csv").open(newline="", encoding="latin-1") as handle:
        return {row[0]: row for row in csv.reader(handle) if len(row) > 24 and not row[1]}


def _hospital_rate(rate: Decimal) -> Decimal:
    """An Addendum B rate wage-adjusted (60% labor share) by CBSA 16984's CY2025 wage index, in the shipped file."""
    with (data_dir() / "opps" / "2025" / "asc_wage_index_2025.txt").open(encoding="latin-1") as handle:
        index = next(Decimal(row[2]) for row in csv.reader(handle, delimiter="\t") if row[0] == "16984")
    return (rate * (Decimal("0.6") * index + Decimal("0.4"))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.mark.parametrize("code", ["77520", "77525", "77371"])
def test_mac_priced_technical_only_code_at_the_hospital_has_no_professional_fee_to_ask_the_mac_for(
    code: str, pricer: Pricer, addendum_b, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    row = _rvu25d()[code]
    assert (row[3], row[13]) == ("C", "3")  # CMS's row: contractor priced, technical component only
    si, rate = addendum_b[code]
    assert si in ("S", "J1") and rate is not None
    hospital = _hospital_rate(rate)
    line = pricer.price_encounter([code], zip_code=ZIP, date_of_service=DATE, setting="22").lines[0]
    assert line.pfs.facility.reason == MAC_TECHNICAL_ONLY_IN_FACILITY_REASON
    assert line.pfs.non_facility.reason == CONTRACTOR_PRICED_REASON  # the freestanding center's: the MAC's
    site = next(s for s in line.sites if s.setting == "hopd")
    assert site.facility_payment == hospital and site.total == hospital and site.professional_payment is None
    assert site.reason == MAC_TECHNICAL_ONLY_IN_FACILITY_REASON
    table = runner.invoke(app, ["price", code, "--zip", ZIP, "--date", DATE, "--setting", "22"])
    assert table.exit_code == 0, table.output
    # the code's status line still says the MAC prices it (the freestanding center's service); the site does not
    assert "MAC-priced" not in table.stdout and "Professional fee" not in table.stdout, table.stdout
    done = runner.invoke(app, ["price", code, "--zip", ZIP, "--date", DATE, "--setting", "22", "-f", "json"])
    (hopd,) = [s for s in json.loads(done.stdout)["sites"] if s["setting"] == "hopd"]
    assert Decimal(str(hopd["total"])) == hospital and hopd["reason"] == MAC_TECHNICAL_ONLY_IN_FACILITY_REASON
    # batch: the hospital's row (and an inpatient's) says the price's reason; the MAC's is the office comparison's
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([["Claim #", "Svc Date", "CPT", "POS", "Svc Loc ZIP"], ["H1", DATE, code, "22",
                                      ZIP], ["H2", DATE, code, "21", ZIP], ["F1", DATE, code, "11", ZIP]])  # fmt: skip
    result = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    hopd_row, inpatient, office = csv.DictReader(target.read_text().splitlines())
    assert Decimal(hopd_row["allowed"]) == hospital and hopd_row["professional_allowed"] == ""
    for facility_row in (hopd_row, inpatient):
        assert MAC_TECHNICAL_ONLY_IN_FACILITY_REASON in facility_row["note"].split("; "), facility_row["note"]
        assert CONTRACTOR_PRICED_REASON not in facility_row["note"], facility_row["note"]
        assert CONTRACTOR_PRICED_REASON in facility_row["comparison_note"], facility_row["comparison_note"]
    assert office["allowed"] == "" and CONTRACTOR_PRICED_REASON in office["note"].split("; ")


def test_mac_priced_global_service_at_the_hospital_still_asks_the_mac(pricer: Pricer) -> None:
    """A contractor-priced code that is no technical component (17999, unlisted: PC/TC 0) keeps the MAC's reason in
    the facility setting: the physician's fee there is the MAC's to price."""
    row = _rvu25d()["17999"]
    assert (row[3], row[13]) == ("C", "0")
    line = pricer.price_encounter(["17999"], zip_code=ZIP, date_of_service=DATE, setting="22").lines[0]
    assert line.pfs.facility.reason == CONTRACTOR_PRICED_REASON


def test_mac_priced_technical_only_code_at_a_snf_stays_the_mac_s(pricer: Pricer, tmp_path: Path) -> None:
    """At a place paid the facility rate that is no hospital or ASC (POS 31) 77520 stays the MAC's, as before, in
    price and batch alike."""
    line = pricer.price_encounter(["77520"], zip_code=ZIP, date_of_service=DATE, setting="31").lines[0]
    assert line.pfs.facility.reason == CONTRACTOR_PRICED_REASON and line.pfs.facility.status == "not_priced"
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text(f"Claim #,Svc Date,CPT,POS,Svc Loc ZIP\nS1,{DATE},77520,31,{ZIP}\n")
    result = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    (row,) = csv.DictReader(target.read_text().splitlines())
    assert CONTRACTOR_PRICED_REASON in row["note"].split("; ") and MAC_TECHNICAL_ONLY_IN_FACILITY_REASON not in (
        row["note"] + row["comparison_note"]
    ), row


def test_compare_says_the_mac_priced_technical_code_s_facility_reason() -> None:
    """compare's Why of 77520 (MAC-priced in both releases) says why its facility columns read "not payable"."""
    done = runner.invoke(app, ["compare", "77520", "--from", "2025", "--to", "2026", "--zip", ZIP])
    assert done.exit_code == 0, done.output
    said = " ".join(done.stdout.replace("│", " ").split())
    facility = "Not payable (2025D facility, 2026C facility): " + MAC_TECHNICAL_ONLY_IN_FACILITY_REASON
    assert facility in said, said
    assert "MAC-priced in both 2025D and 2026C" in said


def test_mac_priced_technical_only_code_at_the_asc_names_no_physician_s_fee() -> None:
    """`price 77520 --setting 24` (exit 1: not on the ASC's covered list with a procedure) said "The physician's fee is
    priced by your Medicare contractor (MAC)": it has none there."""
    done = runner.invoke(app, ["price", "77520", "--zip", ZIP, "--date", DATE, "--setting", "24"])
    assert done.exit_code == 1, done.output
    said = " ".join(done.stderr.split())
    assert "physician's fee is priced" not in said and MAC_TECHNICAL_ONLY_IN_FACILITY_REASON in said, said


def _rvu26c() -> dict[str, list[str]]:
    """RVU26C's rows without a modifier, by HCPCS code (the shipped CMS file)."""
    with (data_dir() / "rvu" / "2026" / "PPRRVU2026_Jul_nonQPP.csv").open(newline="", encoding="latin-1") as handle:
        return {row[0]: row for row in csv.reader(handle) if len(row) > 24 and not row[1]}


@pytest.mark.parametrize("code", sorted(PRACTITIONER_PROCEDURES_WITH_TECHNICAL_ONLY_PCTC))
def test_non_sheet_skin_substitute_application_at_the_hospital_is_the_mac_s_to_price(
    code: str, pricer: Pricer, tmp_path: Path
) -> None:
    """G0681-G0684 (application of a non-sheet skin substitute, RVU26C status C, PC/TC 3) are the wound care
    physician's procedure: at a hospital the MAC prices the physician's fee, never "it has no professional fee" (a
    review's `price G0681 --setting 22`); batch alike, with 77520 (same status and indicator) on the row before."""
    row = _rvu26c()[code]
    assert (row[3], row[13]) == ("C", "3")  # CMS's row: contractor priced, PC/TC indicator 3
    date = "2026-08-03"  # RVU26C
    line = pricer.price_encounter([code], zip_code=ZIP, date_of_service=date, setting="22").lines[0]
    assert line.pfs.facility.reason == CONTRACTOR_PRICED_REASON and line.pfs.facility.status == "not_priced"
    assert not line.pfs.facility.facility_part
    done = runner.invoke(app, ["price", code, "--zip", ZIP, "--date", date, "--setting", "22"])
    assert MAC_TECHNICAL_ONLY_IN_FACILITY_REASON not in " ".join(done.stderr.split()), done.stderr
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text(f"Claim #,Svc Date,CPT,POS,Svc Loc ZIP\nP1,{date},77520,22,{ZIP}\nW1,{date},{code},22,{ZIP}\n")
    result = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    proton, wound = csv.DictReader(target.read_text().splitlines())
    assert MAC_TECHNICAL_ONLY_IN_FACILITY_REASON in proton["note"].split("; "), proton["note"]
    assert CONTRACTOR_PRICED_REASON in wound["note"].split("; "), wound["note"]
    assert MAC_TECHNICAL_ONLY_IN_FACILITY_REASON not in wound["note"] + wound["comparison_note"], wound
