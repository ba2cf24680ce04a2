"""An anesthesia billing export as an anesthesia group ran it through ``rvucalc batch`` (a trial):

* 'ASA Code / CPT' was not read as the code column (exit 2), 'Case #' not as the claim, 'Anes Time' not as minutes;
* minutes '95.0' and base units '7.0' (a spreadsheet's whole numbers) were row errors;
* 'Start Time' and 'Stop Time' were passed over without a word.

The money is CMS's: (base units + minutes / 15 to one decimal) x the locality's anesthesia CF (ANES2026).
"""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from rvucalc.batch.columns import missing_role_notices, resolve_columns
from rvucalc.batch.files import run_batch
from rvucalc.lookup.pricer import Pricer


@pytest.mark.parametrize("header", ["ASA Code / CPT", "CPT/ASA Code", "CPT or HCPCS", "Anesthesia CPT"])
def test_a_header_naming_the_code_with_anesthesia_words_is_the_code(header: str) -> None:
    columns = resolve_columns(["Case #", "DOS", header, "Base Units", "Anes Time"])
    assert columns.position("code") == 2 and columns.position("claim") == 0 and columns.position("minutes") == 4


@pytest.mark.parametrize("names", [["CPT Code", "ASA Code", "Units"], ["HCPCS", "CPT/ASA Code"]])
def test_a_code_column_by_its_usual_name_is_kept(names: list[str]) -> None:
    """Only where no column is the code: another code-like column is not taken for it (nor refused)."""
    assert resolve_columns(names).position("code") == 0


@pytest.mark.parametrize("names", [["CPT Description", "ASA Class", "Units"], ["ASA", "Units"],
                                   ["ASA Code / CPT", "CPT/ASA Code"], ["Procedure", "ASA Code"]])  # fmt: skip
def test_a_description_a_physical_status_or_two_such_columns_are_not_the_code(names: list[str]) -> None:
    with pytest.raises(Exception, match="no code column"):
        resolve_columns(names)


@pytest.mark.parametrize("header", ["Case #", "Case Number", "Case ID", "Case No"])
def test_an_anesthesia_case_is_the_claim(header: str) -> None:
    assert resolve_columns(["CPT", header]).position("claim") == 1


@pytest.mark.parametrize("claim", ["Claim #", "Encounter #", "Visit ID", "Claim No", "Invoice #"])
def test_a_case_number_beside_a_claim_number_is_not_the_claim(claim: str) -> None:
    """A review: a surgery centre's export with 'Claim #' and 'Case #' was refused (exit 2) as two claim columns once
    the case number was read as the claim; the claim's number is the claim, as before."""
    assert resolve_columns([claim, "Case #", "CPT", "DOS", "Zip"]).position("claim") == 0
    assert resolve_columns(["Case #", claim, "CPT"]).position("claim") == 1


@pytest.mark.parametrize("header", ["Anesthesia Minutes", "Anes Time", "Anesthesia Time", "Anes Minutes",
                                    "Total Anesthesia Minutes", "Anes Time Min"])  # fmt: skip
def test_anesthesia_time_is_the_minutes(header: str) -> None:
    assert resolve_columns(["CPT", "Base Units", header]).position("minutes") == 2


def test_total_minutes_is_the_minutes_beside_base_units_only() -> None:
    """An anesthesia export has base units; elsewhere 'Total Minutes' is a visit's or a therapy's time: not read (the
    files that priced before price the same)."""
    assert resolve_columns(["CPT", "Base Units", "Total Minutes"]).position("minutes") == 2
    assert resolve_columns(["CPT", "Units", "Total Minutes"]).position("minutes") is None


@pytest.mark.parametrize(("start", "stop"), [("Start Time", "Stop Time"), ("Anes Start", "Anes Stop"),
                                             ("Anesthesia Start", "Anesthesia End")])  # fmt: skip
def test_start_and_stop_times_are_said_not_read(start: str, stop: str) -> None:
    """An anesthesia group's trial: 'Anes Start' and 'Anes Stop' (no word "time") were passed over without a word."""
    columns = resolve_columns(["Case #", "CPT", "Base Units", start, stop, "POS", "ZIP"])
    said = [notice for notice in missing_role_notices(columns) if repr(start) in notice]
    assert said and repr(stop) in said[0] and "--columns minutes=COLUMN" in said[0]
    read = resolve_columns(["Case #", "CPT", "Base Units", "Anes Time", "Start Time", "Stop Time", "POS", "ZIP"])
    assert not [notice for notice in missing_role_notices(read) if "Start Time" in notice]


def test_the_trial_s_export_is_priced_with_whole_numbers_written_with_a_zero_fraction(
    pricer: Pricer, tmp_path: Path
) -> None:
    store = pricer.store(next(r for r in pricer.catalogue.releases("pfs") if r.release == "2026C"))
    cf = Decimal(store.anesthesia_cf("0441218")["anes_cf"]).scaleb(-2)
    fee = ((Decimal(7) + Decimal("6.3")) * cf).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    source = tmp_path / "cases.csv"
    source.write_text("Case #,DOS,ASA Code / CPT,Modifiers,Base Units,Anes Time,POS,Facility ZIP\n"
                      "C1,08/03/2026,00790,AA,7,95.0,21,77030\n"
                      "C2,08/03/2026,00790,AA,7.00,95,21,77030\n"
                      "C3,08/03/2026,00790,AA,7,95.5,21,77030\n"
                      "C4,08/03/2026,00790,AA,7.5,95,21,77030\n")  # fmt: skip
    run_batch(pricer, str(source), str(tmp_path / "out.csv"))
    out = list(csv.DictReader((tmp_path / "out.csv").open()))
    assert [Decimal(row["pfs_facility_amount"]) for row in out[:2]] == [fee, fee]
    assert [row["error"] for row in out[:2]] == ["", ""]
    assert "'95.5'" in out[2]["error"] and "'7.5'" in out[3]["error"]


@pytest.mark.parametrize("time", ["01:35", "1:35", "95", "95.0"])
def test_an_anesthesia_time_written_hours_and_minutes_is_its_minutes(time: str, pricer: Pricer, tmp_path: Path) -> None:
    """A review: an export's 'Anes Time' of '01:35' (1 hour 35 minutes) became a row error once the column was read
    as the minutes; it is 95 minutes, the same amount as the minutes written whole (priced by the single lookup)."""
    source = tmp_path / "cases.csv"
    source.write_text(f"CPT,Mod,DOS,Zip,POS,Units,Base Units,Anes Time\n00790,AA,2026-03-01,10001,22,1,7,{time}\n")
    out = tmp_path / "out.csv"
    run_batch(pricer, str(source), str(out))
    [row] = list(csv.DictReader(out.open()))
    expected = pricer.price("00790-AA", zip_code="10001", date_of_service="2026-03-01", base_units=7, minutes=95)
    assert row["error"] == "" and row["anesthesia_time_units"] == "6.3"
    assert Decimal(row["pfs_facility_amount"]) == expected.pfs.facility.amount


@pytest.mark.parametrize("header", ["Anes Base Units", "Anesthesia Base Units", "ASA Base Units", "Anes Base Unit",
                                    "Anes Base", "Base Unit"])  # fmt: skip
def test_base_units_named_with_an_anesthesia_word_are_the_base_units(header: str) -> None:
    """'Base Unit' alone beside 'Anes Time' too (beside no anesthesia time it is no anesthesia's: the next test)."""
    columns = resolve_columns(["Encounter #", "Procedure Code", "Units", header, "Anes Time"])
    assert columns.position("base_units") == 3 and columns.position("units") == 2
    assert columns.position("minutes") == 4


def test_an_asc_practices_crna_line_with_anes_base_units_is_priced(pricer: Pricer, tmp_path: Path) -> None:
    """An orthopedic ASC's surgeons' and CRNAs' export (a trial): 'Anes Base Units' was not read, each CRNA line
    (01402-QZ, 7 base units, 'Anes Time' 01:35) a missing_input error, stderr saying the file had no base-units column
    and offering --columns units='Anes Base Units'. CMS's money: (7 + 95 / 15 to one decimal) x Kentucky's ANES2026
    non-QP CF (locality 1510200, ZIP 41017)."""
    store = pricer.store(next(r for r in pricer.catalogue.releases("pfs") if r.release == "2026C"))
    cf = Decimal(store.anesthesia_cf("1510200")["anes_cf"]).scaleb(-2)
    assert cf == Decimal("20.05")
    fee = ((Decimal(7) + Decimal("6.3")) * cf).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    source = tmp_path / "cases.csv"
    source.write_text("Encounter #,Svc Date,POS,Procedure Code,Modifier 1,Units,Rendering Provider,Anes Base Units,"
                      "Anes Time,Place ZIP\n"
                      "E1,07/14/2026,24,27447,RT,1,\"HARPER, JAMES MD\",,,41017\n"
                      "E1,07/14/2026,24,01402,QZ,1,\"DUNN, MARK CRNA\",7,01:35,41017\n")  # fmt: skip
    run_batch(pricer, str(source), str(tmp_path / "out.csv"))
    knee, anesthesia = csv.DictReader((tmp_path / "out.csv").open())
    assert (anesthesia["error"], anesthesia["anesthesia_base_units"], anesthesia["anesthesia_time_units"]) == (
        "", "7", "6.3")  # fmt: skip
    assert Decimal(anesthesia["pfs_facility_amount"]) == fee == Decimal("266.67")
    assert knee["error"] == "" and knee["Units"] == "1"


def test_a_drug_exports_base_unit_of_measure_is_not_base_units(pricer: Pricer, tmp_path: Path) -> None:
    """A practice's export with a drug's unit of measure as 'Base Unit' ('MG', 'UN'): read as anesthesia base units,
    each row was a usage error ("base_units 'MG' is not a whole number of base units"), the file an anesthesia export.
    'Base Unit' alone names no anesthesia: the column is not read, the lines priced as without it (CMS's ASP and PFS
    amounts, as ``price`` gives them)."""
    assert resolve_columns(["Procedure Code", "Units", "Base Unit"]).position("base_units") is None
    source = tmp_path / "drugs.csv"
    source.write_text("Encounter #,Svc Date,POS,Procedure Code,Units,Base Unit,Place ZIP\n"
                      "E1,07/14/2026,11,J1100,2,MG,41017\n"
                      "E1,07/14/2026,11,99213,1,UN,41017\n")  # fmt: skip
    run_batch(pricer, str(source), str(tmp_path / "out.csv"))
    drug, visit = csv.DictReader((tmp_path / "out.csv").open())
    assert (drug["error"], visit["error"]) == ("", "")
    for row, code, units in ((drug, "J1100", 2), (visit, "99213", 1)):
        expected = pricer.price(code, zip_code="41017", date_of_service="2026-07-14", setting="11", units=units)
        office = next(site for site in expected.sites if site.setting == "office")
        assert Decimal(row["allowed"]) == Decimal(row["office_allowed"]) == office.allowed, code


@pytest.mark.parametrize("header", ["Time Units", "Anes Time Units", "Anesthesia Time Units", "Anes Units"])
def test_anesthesia_time_units_are_not_offered_as_the_units(header: str) -> None:
    """A GI group's anesthesia export ('Base Units', 'Time Units', CRNA 00812-QZ-33; a trial): stderr offered
    --columns units='Time Units', whose cells (the minutes / 15, ch. 12 §50.G) were then read as minutes. It is named
    as anesthesia time units, with the minutes rvucalc prices by, and never offered as the units."""
    notices = missing_role_notices(resolve_columns(["Claim #", "Svc Date", "CPT", "Base Units", header, "POS"]))
    assert not [notice for notice in notices if f"--columns units={header!r}" in notice]
    said = [notice for notice in notices if notice.startswith(f"{header!r} not read")]
    assert said and "anesthesia time units" in said[0] and "--columns minutes=COLUMN" in said[0]
    beside = missing_role_notices(resolve_columns(["CPT", "Units", "Base Units", header]))
    assert not [notice for notice in beside if f"--columns units={header!r}" in notice]
    assert [notice for notice in beside if notice.startswith(f"{header!r} not read")]


def test_time_units_read_as_the_minutes_are_said_with_what_they_price(pricer: Pricer, tmp_path: Path) -> None:
    """The trial's file run as stderr had said (--columns units='Time Units'): 00812-QZ-33 of 3 base units and 2 time
    units at ZIP 15213 (2026-08-04) was priced as 2 minutes, (3 + 0.1) x the Rest of Pennsylvania's ANES2026 CF,
    not (3 + 2) x it. The amount stays what the cells say (minutes); stderr says the header names time units."""
    store = pricer.store(next(r for r in pricer.catalogue.releases("pfs") if r.release == "2026C"))
    cf = Decimal(store.anesthesia_cf("1250299")["anes_cf"]).scaleb(-2)
    assert cf == Decimal("20.18")
    source = tmp_path / "anes.csv"
    source.write_text("Claim #,Svc Date,CPT,Mod 1,Mod 2,Base Units,Time Units,POS,Rendering Provider,Pt Zip\n"
                      "900002,08/04/2026,00812,QZ,33,3,2,24,\"DIAZ, MARCO CRNA\",15213\n")  # fmt: skip
    columns = resolve_columns(["Claim #", "Svc Date", "CPT", "Mod 1", "Mod 2", "Base Units", "Time Units", "POS",
                               "Rendering Provider", "Pt Zip"], {"units": "Time Units"})  # fmt: skip
    said = [notice for notice in missing_role_notices(columns) if notice.startswith("minutes ← Time Units")]
    assert said and "priced as 2 minutes" in said[0]
    run_batch(pricer, str(source), str(tmp_path / "out.csv"), columns={"units": "Time Units"})
    [row] = list(csv.DictReader((tmp_path / "out.csv").open()))
    assert row["anesthesia_time_units"] == "0.1"
    assert Decimal(row["pfs_facility_amount"]) == ((3 + Decimal("0.1")) * cf).quantize(Decimal("0.01"))


def test_a_therapy_exports_time_units_are_still_offered_as_the_units() -> None:
    """Beside no base units or minutes column, 'Time Units' may be timed therapy's units (97110 x 3): offered."""
    notices = missing_role_notices(resolve_columns(["Claim #", "DOS", "CPT", "Time Units", "POS"]))
    assert [notice for notice in notices if "--columns units='Time Units'" in notice]
