"""ESRD (dialysis) patients' claims: their HCPCS Level II modifiers are known and informational (AY, AX, EA-EE, CB,
CD-CF, EJ, G1-G6, V5-V9: a renal trial found each refused as unknown, exit 2); a drug whose CMS descriptor says ESRD
use (J0882, Q4081 ...) is priced at its ASP payment with a note that it assumes the drug is not a renal dialysis
service paid in the ESRD PPS bundle (Claims Processing Manual ch. 8 §10); a monthly ESRD-related services code
(90951-90966, billed once a month, ch. 8 §140) of several units says so. Single lookups and batch alike."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine.modifiers import informational, require
from rvucalc.engine.schedules import (
    NON_DIALYSIS_ESA,
    NON_ESRD_ESA,
    esa_purpose_note,
    esrd_drug_note,
    is_esrd_drug,
)
from rvucalc.engine.visits import monthly_esrd_conflict_notes
from rvucalc.errors import RvucalcError

ESRD_MODIFIERS = ["AY", "AX", "EA", "EB", "EC", "ED", "EE", "CB", "CD", "CE", "CF", "EJ", "G1", "G2", "G3", "G4", "G5",
                  "G6", "V5", "V6", "V7", "V8", "V9"]  # fmt: skip
DATE = "2026-02-10"


@pytest.mark.parametrize("modifier", ESRD_MODIFIERS)
def test_esrd_modifiers_are_known_and_informational(modifier: str) -> None:
    info = require(modifier)
    assert informational(modifier) and info.meaning and info.source


def test_their_meanings_are_cms_descriptors() -> None:
    assert require("AY").meaning == "Item or service furnished to an ESRD patient that is not for the treatment of ESRD"
    assert (
        require("G6").meaning == "ESRD patient for whom less than six dialysis sessions have been provided in a month"
    )
    assert require("EC").meaning.endswith("not due to anti-cancer radiotherapy or anti-cancer chemotherapy")
    assert "does not model ESRD consolidated billing" in (require("AY").note or "")


@pytest.mark.parametrize("pair", [("EA", "EC"), ("ED", "EE"), ("G1", "G5"), ("V5", "V7"), ("V8", "V9")])
def test_one_of_each_group_a_line(pricer: Any, pair: tuple[str, str]) -> None:
    with pytest.raises(RvucalcError, match=r"one per line|one ESA purpose|exclude each other"):
        pricer.price("J0881", modifier="-".join(pair), units=10, zip_code="60611", date_of_service=DATE)


LINES = [("80069", "AY", 1), ("J0881", "EC", 100), ("J0882", "ED", 60), ("J0882", "AY", 60), ("Q4081", "EJ", 40),
         ("90960", "G4", 1), ("90960", "V5", 1), ("36902", "V8", 1), ("80053", "CF", 1),
         ("J0882", "EE", 60)]  # fmt: skip


def test_price_and_batch_take_them_as_the_line_without_them(pricer: Any) -> None:
    rows = [{"code": code, "modifier": modifier, "units": str(units), "zip": "60611", "date": DATE}
            for code, modifier, units in LINES]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    bare = BatchPricer(pricer).price_table(pa.Table.from_pylist([{**row, "modifier": ""} for row in rows])).to_pylist()
    for row, priced, plain in zip(rows, out, bare, strict=True):
        assert not priced["error"], (row, priced["error"])
        for column in ("office_allowed", "hopd_allowed", "asc_allowed", "office_beneficiary", "drug_amount"):
            assert priced[column] == plain[column], (row, column)
        assert f"Modifier {row['modifier']} is informational" in priced["note"], row
        single = pricer.price(row["code"], modifier=row["modifier"], units=int(row["units"]), zip_code="60611",
                              date_of_service=DATE)  # fmt: skip
        alone = pricer.price(row["code"], units=int(row["units"]), zip_code="60611", date_of_service=DATE)
        assert [s.total for s in single.sites] == [s.total for s in alone.sites], row
        office = next(s.total for s in single.sites if s.setting == "office")
        assert office == priced["office_allowed"], row


def test_the_cli_prices_the_trials_lines() -> None:
    runner = CliRunner()
    for args in (
        ["price", "80069-AY", "--zip", "60611"],
        ["price", "J0881", "--modifier", "EC", "--units", "100", "--zip", "60611"],
        ["price", "J0882", "--modifier", "ED", "--units", "60"],
        ["modifiers", "AY"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
    said = " ".join(runner.invoke(app, ["modifiers", "V8"]).output.split())
    assert "Infection present" in said and "informational" in said


# -- ESRD drugs at ASP ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("description", "esrd"),
    [("Darbepoetin alfa, esrd use", True), ("Epoetin alfa, 100 units esrd", True), ("Argatroban dialysis, auromed",
     True), ("Inj retacrit esrd on dialysi", True), ("Darbepoetin alfa, non-esrd", False), ("Argatroban nonesrd use "
     "1mg", False), ("Epoetin beta non esrd", False), ("Pembrolizumab", False)],
)  # fmt: skip
def test_esrd_use_is_read_from_cms_descriptor(description: str, esrd: bool) -> None:
    assert is_esrd_drug(description) is esrd


def test_an_esrd_drug_is_priced_at_asp_with_the_esrd_pps_note(pricer: Any) -> None:
    """J0882 x 60 at the January 2026 ASP limit, $3.021 a mcg: $181.26, as before; with a note (and AY's own)."""
    result = pricer.price("J0882", units=60, zip_code="60611", date_of_service=DATE)
    assert result.drug is not None and str(result.drug.amount) == "181.26"
    [note] = [n for n in result.drug.notes if "ESRD" in n]
    assert note == esrd_drug_note("J0882", "Darbepoetin alfa, esrd use", False)
    assert "ESRD PPS" in note and "ch. 8 §10" in note and "assumes the drug is not a renal dialysis service" in note
    with_ay = pricer.price("J0882", modifier="AY", units=60, zip_code="60611", date_of_service=DATE)
    assert with_ay.drug is not None and with_ay.drug.amount == result.drug.amount
    assert esrd_drug_note("J0882", "", True) is None  # the descriptor decides
    assert any("with AY (not for the treatment of ESRD)" in n for n in with_ay.drug.notes)
    non_esrd = pricer.price("J0881", modifier="EC", units=60, zip_code="60611", date_of_service=DATE)
    assert non_esrd.drug is not None and not any("ESRD" in n for n in non_esrd.drug.notes)


def test_batch_says_the_esrd_note_per_cell(pricer: Any) -> None:
    rows = [{"code": code, "modifier": modifier, "units": units, "zip": "60611", "date": DATE}
            for code, modifier, units in (("J0882", "", "60"), ("J0882", "AY", "60"), ("Q4081", "", "40"),
                                          ("J0881", "", "60"), ("J0882", "", "60"))]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for row, priced in zip(rows, out, strict=True):
        single = pricer.price(row["code"], modifier=row["modifier"] or None, units=int(row["units"]), zip_code="60611",
                              date_of_service=DATE)  # fmt: skip
        assert single.drug is not None and priced["drug_amount"] == single.drug.amount
        esrd = [n for n in single.drug.notes if "ESRD-use" in n]
        assert [n for n in priced["note"].split("; ") if "ESRD-use" in n] == esrd, row
        assert bool(esrd) is (row["code"] != "J0881")


# -- monthly ESRD-related services --------------------------------------------------------------------------------


def test_units_of_a_monthly_esrd_code_are_noted(pricer: Any) -> None:
    two = pricer.price("90960", units=2, zip_code="60611", date_of_service=DATE)
    one = pricer.price("90960", zip_code="60611", date_of_service=DATE)
    [note] = [n for n in two.notes if "monthly ESRD-related services" in n]
    assert "once a calendar month with 1 unit" in note and "ch. 8 §140" in note
    assert not any("monthly ESRD" in n for n in one.notes)
    office = next(s for s in two.sites if s.setting == "office").total
    assert office == 2 * next(s for s in one.sites if s.setting == "office").total  # the amount is unchanged
    per_day = pricer.price("90968", units=3, zip_code="60611", date_of_service=DATE)
    assert not any("monthly ESRD" in n for n in per_day.notes)
    rows = [{"code": code, "units": units, "zip": "60611", "date": DATE}
            for code, units in (("90960", "2"), ("90960", "1"), ("90968", "3"), ("90966", "2"))]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for row, priced in zip(rows, out, strict=True):
        single = pricer.price(row["code"], units=int(row["units"]), zip_code="60611", date_of_service=DATE)
        said = [n for n in single.notes if "monthly ESRD" in n]
        assert [n for n in priced["note"].split("; ") if "monthly ESRD" in n] == said, row
        assert bool(said) is (row["code"] != "90968" and row["units"] != "1")


# -- drugs at the ESRD facility (POS 65) ----------------------------------------------------------------------------
# A nephrology trial: J1756, J2501, J1270 at POS 65 said nothing of the ESRD PPS bundle, J0887 only "assumes not in
# the bundle". CMS, "ESRD PPS Consolidated Billing": the ESRD facility is paid for all renal dialysis services under
# the ESRD PPS, an item it furnishes that is not for the treatment of ESRD is billed with AY. A note, the amount as
# written (the January 2026 ASP file's limit x units, as at the office).

AT_ESRD_FACILITY = "At the ESRD facility (POS 65)"


@pytest.mark.parametrize("code", ["J1756", "J2501", "J1270", "J0887"])
def test_a_drug_at_the_esrd_facility_says_the_esrd_pps_bundle(pricer: Any, code: str) -> None:
    there = pricer.price(code, units=10, setting="65", zip_code="38103", date_of_service=DATE)
    office = pricer.price(code, units=10, setting="11", zip_code="38103", date_of_service=DATE)
    assert there.drug is not None and office.drug is not None
    assert there.drug.amount == office.drug.amount == (office.drug.limit_per_unit * 10).quantize(Decimal("0.01"))
    assert there.drug.beneficiary == office.drug.beneficiary
    [note] = [n for n in there.drug.notes if "ESRD" in n]
    assert note.startswith(AT_ESRD_FACILITY) and "consolidated billing" in note and "(bill AY)" in note
    assert f"{code} is priced as written" in note and "; " not in note
    assert not any(AT_ESRD_FACILITY in n for n in office.drug.notes)
    with_ay = pricer.price(code, modifier="AY", units=10, setting="65", zip_code="38103", date_of_service=DATE)
    assert with_ay.drug is not None and with_ay.drug.amount == there.drug.amount
    assert not any(AT_ESRD_FACILITY in n for n in with_ay.drug.notes)


def test_batch_says_the_esrd_facility_note_as_price(pricer: Any) -> None:
    """The same drug cell at POS 65 and 11 in one run (the office terms are kept per ESRD place, not shared)."""
    rows = [{"code": code, "modifier": modifier, "units": "10", "setting": setting, "zip": "38103", "date": DATE}
            for code, modifier, setting in (("J1756", "", "11"), ("J1756", "", "65"), ("J1756", "AY", "65"),
                                            ("J0887", "", "65"), ("J0887", "", "11"), ("J2501", "", "65"),
                                            ("J1756", "", "11"))]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for row, priced in zip(rows, out, strict=True):
        single = pricer.price(row["code"], modifier=row["modifier"] or None, units=10, setting=row["setting"],
                              zip_code="38103", date_of_service=DATE)  # fmt: skip
        assert single.drug is not None and priced["drug_amount"] == single.drug.amount
        esrd = [n for n in single.drug.notes if "ESRD" in n]
        assert [n for n in priced["note"].split("; ") if "ESRD" in n] == esrd, row
        at_facility = row["setting"] == "65" and not row["modifier"]
        assert any(AT_ESRD_FACILITY in n for n in esrd) is at_facility, row


# -- ESAs for a patient not on dialysis ------------------------------------------------------------------------------
# A nephrology trial (a CKD clinic's darbepoetin billed J0882 at POS 11): the ESRD-use note said "bill AY", an ESRD
# patient's modifier, not that a patient not on dialysis is billed the non-ESRD code (J0881, CMS's ASP file:
# "Darbepoetin alfa, non-esrd"); and Q5106 / J0881 without EA, EB or EC said nothing, where Medicare returns such a
# professional line as unprocessable (Claims Processing Manual ch. 17 §80.9, CR 5699). Notes only: the amount is the
# January 2026 ASP file's limit x units either way.

ASP_FILE = (Path(__file__).resolve().parents[1] / "data" / "asp" / "2026"
            / "section 508 version of January 2026 Medicare Part B Payment Limit File 121725.csv")  # fmt: skip


def _asp_rows() -> dict[str, list[str]]:
    with ASP_FILE.open(encoding="latin-1", newline="") as handle:
        return {row[0]: row for row in csv.reader(handle) if row and row[0][:1] in "JQ"}


def test_each_esrd_esa_names_its_non_esrd_twin_from_cms_descriptors() -> None:
    rows = _asp_rows()
    for esrd, (twin, unit) in NON_DIALYSIS_ESA.items():
        assert is_esrd_drug(rows[esrd][1]) and not is_esrd_drug(rows[twin][1]), (esrd, twin)
        assert "non" in rows[twin][1].lower() and rows[twin][2] == unit.replace(",", "").upper(), (twin, rows[twin])
    for twin in NON_ESRD_ESA:
        assert "non" in rows[twin][1].lower(), twin


@pytest.mark.parametrize(("code", "twin"), [("J0882", "J0881"), ("J0887", "J0888"), ("Q5105", "Q5106")])
def test_an_esrd_esa_note_names_the_code_for_a_patient_not_on_dialysis(pricer: Any, code: str, twin: str) -> None:
    limit = Decimal(_asp_rows()[code][3])
    result = pricer.price(code, units=60, zip_code="48201", setting="11", date_of_service=DATE)
    assert result.drug is not None and result.drug.amount == (limit * 60).quantize(Decimal("0.01"), ROUND_HALF_UP)
    [note] = [n for n in result.drug.notes if "ESRD-use" in n]
    assert f"not on dialysis (CKD without ESRD) the code is {twin} (non-ESRD use" in note and "; " not in note
    with_ay = pricer.price(code, modifier="AY", units=60, zip_code="48201", setting="11", date_of_service=DATE)
    assert with_ay.drug is not None and not any(twin in n for n in with_ay.drug.notes)


@pytest.mark.parametrize("code", ["J0881", "J0885", "Q5106"])
def test_a_non_esrd_esa_without_ea_eb_ec_is_noted(pricer: Any, code: str) -> None:
    limit = Decimal(_asp_rows()[code][3])
    bare = pricer.price(code, modifier="JZ", units=10, zip_code="44106", setting="11", date_of_service=DATE)
    assert bare.drug is not None and bare.drug.amount == (limit * 10).quantize(Decimal("0.01"), ROUND_HALF_UP)
    [note] = [n for n in bare.drug.notes if "ESA for non-ESRD use" in n]
    assert note == esa_purpose_note(code, {"JZ"}) and "ch. 17 §80.9" in note and "; " not in note
    for purpose in ("EA", "EC"):
        given = pricer.price(code, modifier=f"{purpose}-JZ", units=10, zip_code="44106", setting="11",
                             date_of_service=DATE)  # fmt: skip
        assert given.drug is not None and given.drug.amount == bare.drug.amount
        assert not any("ESA for non-ESRD use" in n for n in given.drug.notes)


def test_batch_says_the_esa_notes_as_price(pricer: Any) -> None:
    """The cells Q5106-JZ and Q5106-EC-JZ (both with modifiers) do not share their office terms."""
    rows = [{"code": code, "modifier": modifier, "units": "10", "setting": "11", "zip": "48201", "date": DATE}
            for code, modifier in (("Q5106", "JZ"), ("Q5106", "EC-JZ"), ("J0881", "JZ"), ("J0881", "EC"),
                                   ("J0882", "JZ"), ("J0882", "AY"), ("Q5106", ""))]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for row, priced in zip(rows, out, strict=True):
        single = pricer.price(row["code"], modifier=row["modifier"] or None, units=10, setting="11",
                              zip_code="48201", date_of_service=DATE)  # fmt: skip
        assert single.drug is not None and priced["drug_amount"] == single.drug.amount
        said = [n for n in single.drug.notes if "ESRD" in n]
        assert [n for n in priced["note"].split("; ") if "ESRD" in n] == said, row
        assert any("ESA for non-ESRD use" in n for n in said) is (
            row["code"] != "J0882" and "EC" not in row["modifier"]
        )


def test_the_twin_note_asks_ea_eb_ec_only_where_the_twin_s_own_line_does(pricer: Any) -> None:
    """J0887's twin J0888 is on no EA/EB/EC list (NON_ESRD_ESA: CR 5699, Palmetto GBA's), and its own line has no such
    note: a review found J0887's note telling a biller to add EA, EB or EC to J0888."""
    for esrd, (twin, _) in NON_DIALYSIS_ESA.items():
        result = pricer.price(esrd, units=10, zip_code="48201", setting="11", date_of_service=DATE)
        own = pricer.price(twin, units=10, zip_code="48201", setting="11", date_of_service=DATE)
        assert result.drug is not None and own.drug is not None
        [note] = [n for n in result.drug.notes if "ESRD-use" in n]
        asks = any("ESA for non-ESRD use" in n for n in own.drug.notes)
        assert asks is (twin in NON_ESRD_ESA) and ("with EA, EB or EC" in note) is asks, (esrd, note)


def test_batch_counts_an_esa_without_ea_eb_ec_as_unprocessable_and_says_why(tmp_path: Path) -> None:
    """The ESA note's rows are counted with the rows Medicare returns as unprocessable (batch.lines.
    UNPROCESSABLE_NOTE): the stderr summary named only therapy's reasons (CR 10176) for three J0881 rows."""
    source = tmp_path / "esa.csv"
    source.write_text(f"code,modifier,units,setting,zip,date\nJ0881,,10,11,48201,{DATE}\nJ0881,EC,10,11,48201,{DATE}\n"
                      f"J0885,JZ,10,11,48201,{DATE}\n")  # fmt: skip
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv")])
    assert result.exit_code == 0, result.output
    said = " ".join(result.stderr.split())
    assert (
        "2 rows Medicare returns as unprocessable (" in said and "a non-ESRD ESA without EA, EB or EC, CR 5699" in said
    )


# -- lab tests at the ESRD facility (POS 65) ------------------------------------------------------------------------
# A nephrology trial: 85025, 80069 and 83970 at POS 65 said nothing of the ESRD PPS bundle, where a drug there did. The
# ESRD PPS's renal dialysis services include the lab tests furnished for the treatment of ESRD (42 CFR 413.171), a
# test not for it billed with AY (Claims Processing Manual ch. 16 §40.6.1). A note, the amount the CLFS file's rate.

CLFS_Q2 = Path(__file__).resolve().parents[1] / "data" / "clfs" / "2026" / "PUF_CLFS_CY2026_Q2V1.csv"
Q2_DATE = "2026-05-12"


def _clfs_rate(code: str) -> Decimal:
    with CLFS_Q2.open(encoding="latin-1", newline="") as handle:
        [rate] = [row[5] for row in csv.reader(handle) if row[:3] == ["2026", code, ""]]
    return Decimal(rate)


@pytest.mark.parametrize("code", ["85025", "80069", "83970"])
def test_a_lab_test_at_the_esrd_facility_says_the_esrd_pps_bundle(pricer: Any, code: str) -> None:
    there = pricer.price(code, setting="65", zip_code="44106", date_of_service=Q2_DATE)
    lab = pricer.price(code, setting="81", zip_code="44106", date_of_service=Q2_DATE)
    assert there.clfs is not None and lab.clfs is not None
    assert there.clfs.amount == lab.clfs.amount == _clfs_rate(code)  # CMS's CLFS rate (85025: $7.77)
    [note] = [n for n in there.clfs.notes if "ESRD" in n]
    assert note.startswith(AT_ESRD_FACILITY) and "consolidated billing" in note and "(bill AY)" in note
    assert f"{code} is priced as written" in note and "42 CFR 413.171" in note and "ch. 16 §40.6.1" in note
    assert "; " not in note  # batch joins a row's notes with "; "
    assert not any("ESRD" in n for n in lab.clfs.notes)
    with_ay = pricer.price(code, modifier="AY", setting="65", zip_code="44106", date_of_service=Q2_DATE)
    assert with_ay.clfs is not None and with_ay.clfs.amount == there.clfs.amount
    assert not any(AT_ESRD_FACILITY in n for n in with_ay.clfs.notes)


def test_batch_says_the_lab_esrd_facility_note_as_price(pricer: Any) -> None:
    """The same lab cell at POS 65, 81 and 65-AY in one run (its office terms kept per ESRD place)."""
    rows = [{"code": code, "modifier": modifier, "units": "1", "setting": setting, "zip": "44106", "date": Q2_DATE}
            for code, modifier, setting in (("85025", "", "81"), ("85025", "", "65"), ("85025", "AY", "65"),
                                            ("83970", "", "65"), ("J1756", "", "65"), ("85025", "", "81"))]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for row, priced in zip(rows, out, strict=True):
        single = pricer.price(row["code"], modifier=row["modifier"] or None, setting=row["setting"],
                              zip_code="44106", date_of_service=Q2_DATE)  # fmt: skip
        part = single.clfs if single.clfs is not None else single.drug
        assert part is not None and priced["office_allowed"] == part.amount, row
        esrd = [n for n in part.notes if "ESRD" in n]
        assert [n for n in priced["note"].split("; ") if "ESRD" in n] == esrd, row
        assert any(AT_ESRD_FACILITY in n for n in esrd) is (row["setting"] == "65" and not row["modifier"]), row


def test_the_encounter_table_says_a_lab_test_s_notes() -> None:
    out = CliRunner().invoke(app, ["price", "85025", "J1756", "--units", "1", "--units", "100", "--setting", "65",
                                   "--zip", "44106", "--date", Q2_DATE], env={"COLUMNS": "2000"})  # fmt: skip
    assert out.exit_code == 0, out.output
    said = " ".join(out.stdout.split())
    assert "85025: At the ESRD facility (POS 65) a lab test for the treatment of ESRD" in said
    assert "J1756: At the ESRD facility (POS 65) a renal dialysis drug" in said
    assert "no coinsurance and no deductible" not in said.split("Encounter totals")[0].lower()


# -- several ESRD-related services codes of one claim in one month ---------------------------------------------------
# A nephrology trial: 90960 beside 90961, and 90960 beside 90970 x 14, on one claim and month were priced without a
# word. One monthly code (90951-90966) a patient a calendar month, the per-day codes (90967-90970) for a month without
# it (Claims Processing Manual ch. 8 §140, as Palmetto GBA states the frequency limit). A note, no money changed.

ONE_A_MONTH = "on this claim in one calendar month"


def test_which_esrd_lines_conflict() -> None:
    notes = monthly_esrd_conflict_notes(["90960", "90961", "99214", "90970"])
    assert [bool(n) for n in notes] == [True, True, False, True]
    assert notes[0] is not None and notes[0].startswith("90960 beside 90961, 90970 " + ONE_A_MONTH)
    assert "ch. 8 §140" in notes[0] and "; " not in notes[0]
    assert notes[3] is not None and notes[3].startswith("90970 beside 90960, 90961 ")
    # per-day codes of two age groups, a monthly code alone, the same code twice: not this note
    assert monthly_esrd_conflict_notes(["90969", "90970"]) == [None, None]
    assert monthly_esrd_conflict_notes(["90960", "99214", "G2211"]) == [None, None, None]
    assert monthly_esrd_conflict_notes(["90960", "90960"]) == [None, None]


def test_price_and_batch_note_a_second_esrd_code_of_the_month(pricer: Any) -> None:
    both = pricer.price_encounter(["90960", "90970"], units=[1, 10], setting="65", zip_code="44106",
                                  date_of_service="2026-03-31")  # fmt: skip
    alone = [pricer.price(code, units=units, setting="65", zip_code="44106", date_of_service="2026-03-31")
             for code, units in (("90960", 1), ("90970", 10))]  # fmt: skip
    for line, single in zip(both.lines, alone, strict=True):
        office = next(s for s in single.sites if s.setting == "office").total
        assert next(s for s in line.sites if s.setting == "office").total == office  # the amounts unchanged
        assert any(ONE_A_MONTH in n for n in line.notes), line.code
    rows = [
        {"claim": claim, "code": code, "units": units, "setting": "65", "zip": "44106", "date": date}
        for claim, code, units, date in (
            ("A", "90960", "1", "2026-01-31"),
            ("A", "90961", "1", "2026-01-31"),
            ("B", "90960", "1", "2026-02-28"),
            ("B", "90970", "14", "2026-02-14"),
            ("C", "90969", "5", "2026-02-28"),
            ("C", "90970", "5", "2026-02-28"),
            ("D", "90960", "1", "2026-03-31"),
            ("D", "90960", "1", "2026-04-30"),
            ("E", "90960", "1", "2026-05-31"),
            ("F", "90961", "1", "2026-05-31"),
        )
    ]
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for row, priced in zip(rows, out, strict=True):
        single = pricer.price(row["code"], units=int(row["units"]), setting="65", zip_code="44106",
                              date_of_service=row["date"])  # fmt: skip
        assert priced["office_allowed"] == next(s for s in single.sites if s.setting == "office").total, row
        assert (ONE_A_MONTH in priced["note"]) is (row["claim"] in ("A", "B")), row


def test_a_claim_s_undated_esrd_codes_are_one_month_as_price_s_undated_encounter(pricer: Any) -> None:
    """Without a date of service (no --date; a blank date cell, or no date column) a line is priced as of today, an
    encounter's lines as one day: `price 90960 90961 --setting 65` notes both, and so does a claim of two undated rows
    in batch (it said nothing: the rows had no calendar month to group by). An unreadable date says nothing more."""
    both = pricer.price_encounter(["90960", "90961"], setting="65", zip_code="44106")
    assert all(any(ONE_A_MONTH in n for n in line.notes) for line in both.lines), [ln.notes for ln in both.lines]
    for dated in (True, False):
        rows = [{"claim": claim, "code": code, "setting": "65", "zip": "44106", **({"date": day} if dated else {})}
                for claim, code, day in (("A", "90960", ""), ("A", "90961", ""), ("B", "90960", "x"),
                                         ("B", "90961", "x"))]  # fmt: skip
        out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
        said = [sum(1 for n in (row["note"] or "").split("; ") if ONE_A_MONTH in n) for row in out]
        assert said == ([1, 1, 0, 0] if dated else [1, 1, 1, 1]), (dated, [row["note"] for row in out])
