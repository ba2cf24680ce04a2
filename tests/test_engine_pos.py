"""Place of service: CMS's POS codes -> PFS rate and facility payment (engine.place_of_service).

Facility vs non-facility per Pub. 100-04 ch. 12 §20.4.2; POS 02/10 per CMS Transmittal 12671.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rvucalc.engine.place_of_service import POS, normalise_pos, resolve_site
from rvucalc.errors import UsageError


@pytest.mark.parametrize(
    ("text", "site", "setting"),
    [
        ("11", "office", "non_facility"),
        ("19", "hopd", "facility"),
        ("22", "hopd", "facility"),
        ("23", "hopd", "facility"),
        ("24", "asc", "facility"),
        ("21", None, "facility"),
        ("31", None, "facility"),
        ("12", "office", "non_facility"),
        ("32", "office", "non_facility"),
        ("02", None, "facility"),
        ("10", "office", "non_facility"),
        ("office", "office", "non_facility"),
        ("HOPD", "hopd", "facility"),
        (" asc ", "asc", "facility"),
    ],
)
def test_sites_and_pos_codes(text: str, site: str | None, setting: str) -> None:
    choice = resolve_site(text)
    assert choice.site == site and choice.pfs_setting == setting


def test_inpatient_says_no_facility_payment_is_priced() -> None:
    choice = resolve_site("21")
    assert choice.pos == "21" and choice.name == "Inpatient hospital"
    assert choice.note is not None and "no OPPS/ASC facility payment" in choice.note


@pytest.mark.parametrize(("text", "code"), [("2", "02"), ("02", "02"), ("11.0", "11"), ("POS 24", "24"), ("9", "09")])
def test_spreadsheet_forms_of_a_pos(text: str, code: str) -> None:
    assert normalise_pos(text) == code
    assert resolve_site(text).pos == code


@pytest.mark.parametrize("text", ["30", "00", "98", "28"])
def test_unassigned_pos_is_a_usage_error_naming_it(text: str) -> None:
    with pytest.raises(UsageError, match=f"Place of service {text.zfill(2)} is not a code CMS has assigned"):
        resolve_site(text)


@pytest.mark.parametrize("text", ["clinic", "1234", "", "11a", "-1"])
def test_other_text_is_a_usage_error(text: str) -> None:
    with pytest.raises(UsageError, match="not a setting"):
        resolve_site(text)


def test_every_facility_site_is_a_facility_rate() -> None:
    for pos in POS.values():
        if pos.facility_site in ("hopd", "asc") or pos.facility_site is None:
            assert pos.pfs_setting == "facility"
        else:
            assert pos.pfs_setting == "non_facility"


@given(st.integers(min_value=0, max_value=99))
def test_every_two_digit_number_resolves_or_is_refused(number: int) -> None:
    text = f"{number:02d}"
    if text in POS:
        assert resolve_site(text).pos == text
        assert resolve_site(str(number)).pos == text
    else:
        with pytest.raises(UsageError):
            resolve_site(text)


FACILITY = ["02", "19", "21", "22", "23", "24", "26", "31", "34", "41", "42", "51", "52", "53", "56", "61"]
NON_FACILITY = [
    "01",
    "03",
    "04",
    "09",
    "10",
    "11",
    "12",
    "13",
    "14",
    "15",
    "16",
    "17",
    "20",
    "25",
    "27",
    "32",
    "33",
    "49",
    "50",
    "54",
    "55",
    "57",
    "58",
    "60",
    "62",
    "65",
    "71",
    "72",
    "81",
    "99",
]


def test_facility_split_matches_the_published_code_set() -> None:
    assert sorted(code for code, pos in POS.items() if pos.pfs_setting == "facility" and pos.verified) == FACILITY
    assert sorted(code for code, pos in POS.items() if pos.pfs_setting == "non_facility" and pos.verified) == (
        NON_FACILITY
    )
    assert {code for code, pos in POS.items() if not pos.verified} == {"05", "06", "07", "08", "18", "66"}


@pytest.mark.parametrize(("pos", "system"), [("50", "FQHC prospective payment system"), ("72", "all-inclusive rate")])
def test_fqhc_and_rhc_say_medicare_pays_them_otherwise(pos: str, system: str) -> None:
    """A trial: POS 50 and 72 were priced as an office visit with no caveat; an FQHC's and an RHC's visits are paid
    under their own systems on the clinic's claim (ch. 9). The PFS rate is kept (the practitioner's Part B claim)."""
    choice = resolve_site(pos)
    assert choice.pfs_setting == "non_facility" and choice.note is not None
    assert system in choice.note and "ch. 9" in choice.note and "does not install" in choice.note


def test_fqhc_visit_codes_name_their_payment_system() -> None:
    from rvucalc.lookup.pricer import other_schedule_note

    assert "FQHC prospective payment system" in other_schedule_note("G0467")[0]


def test_a_hospital_place_says_when_its_department_modifier_is_missing_or_out_of_place() -> None:
    """A trial: POS 22 with PN was priced at PN's 40% and POS 19 without PO or PN at the full OPPS rate, silently. An
    off-campus department's hospital line carries PO or PN (Pub. 100-04 ch. 4 §20.6.11); the note says so, in `price`
    and batch alike, and the rate still follows the modifiers given (G0463-PO $61.26: October 2025 Addendum B's APC
    5012, $128.87, cut to 40% and rounded, $51.55, then wage-adjusted in Manhattan, in the OPPS Pricer's order)."""
    from decimal import Decimal

    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer
    from rvucalc.engine.place_of_service import department_note
    from rvucalc.lookup.pricer import Pricer

    assert department_note("19", ()) is not None and department_note("19", ("PO",)) is None
    assert department_note("22", ("PN", "25")) is not None and department_note("22", ("25",)) is None
    assert department_note("11", ()) is None and department_note(None, ("PN",)) is None
    pricer = Pricer()
    cases = [("G0463", "19", True), ("G0463-PO", "19", False), ("G0463-PN", "22", True), ("G0463", "22", False)]
    rows = BatchPricer(pricer).price_table(pa.table({
        "code": [code for code, _, _ in cases], "setting": [pos for _, pos, _ in cases],
        "zip": ["10001"] * len(cases), "date": ["2025-11-10"] * len(cases),
    })).to_pylist()  # fmt: skip
    for (code, pos, noted), row in zip(cases, rows, strict=True):
        single = pricer.price(code, setting=pos, zip_code="10001", date_of_service="2025-11-10")
        said = department_note(pos, single.modifiers)
        assert (said is not None) == noted and (said in single.notes) == noted, (code, pos)
        assert (said is not None and said in str(row["note"])) == noted, (code, pos, row["note"])
        assert Decimal(str(row["allowed"])) == single.sites[0].total
    rates = [Decimal(str(row["opps_rate"])) for row in rows]
    assert rates == [Decimal(v) for v in ("153.13", "61.26", "61.26", "153.13")]


def test_a_clinic_s_note_names_the_pfs_amount_only_on_a_line_that_has_one(pricer) -> None:  # type: ignore[no-untyped-def]
    """A rural trial: G0466 at POS 50, Q3014 and G2025 at POS 72 (no PFS amount: paid apart) were told "the PFS amount
    is what a practitioner billing Part B there on their own would be paid". Said only with a PFS amount: 99213 at POS
    72 keeps it, at CMS's 2025 office amount for Alabama (PFAL25A, locality 10112-00: $81.86). Price and batch alike."""
    from decimal import Decimal

    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer
    from test_cms_payment_files import PAYMENT_FILES, payment_rows

    cms_99213 = Decimal(next(row for path in PAYMENT_FILES if path.name.startswith("PFAL25A")
                             for row in payment_rows(path) if row["hcpcs"] == "99213" and not row["modifier"]
                             and row["carrier"] + row["locality"] == "1011200")["non_facility"])  # fmt: skip
    from rvucalc.engine.place_of_service import CLINIC_VISIT_CLAUSE

    clause = CLINIC_VISIT_CLAUSE.removeprefix(": ")  # a visit's PFS amount there: the clinic's, not this amount
    day = "2025-01-15"
    cases = [("99213", "72", True), ("G0466", "50", False), ("Q3014", "72", False), ("G2025", "72", False)]
    rows = [{"code": code, "date": day, "zip": "35203", "setting": pos} for code, pos, _ in cases]
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for (code, pos, has_pfs), row in zip(cases, out, strict=True):
        single = pricer.price(code, zip_code="35203", date_of_service=day, setting=pos)
        said = " ".join(single.notes)
        assert "on the clinic's own claim (Claims Processing Manual ch. 9)" in said, (code, said)
        assert (clause in said) is has_pfs and (clause in row["note"]) is has_pfs, (code, said)
        assert "on the clinic's own claim (Claims Processing Manual ch. 9)" in row["note"]
        if has_pfs:
            assert single.sites[0].total == cms_99213 and Decimal(str(row["allowed"])) == cms_99213
        else:
            assert single.sites[0].total is None and row["allowed"] is None


@pytest.mark.parametrize(("text", "pos"), [("rhc", "72"), ("FQHC", "50"), ("RHC", "72")])
def test_a_clinic_s_short_name_is_told_its_place_of_service(text: str, pos: str) -> None:
    """A rural trial: `--setting rhc` (fqhc) and a batch cell `RHC` were told only "use office, hopd or asc ...",
    though the short names are known (CMS's POS 72 Rural health clinic, 50 Federally qualified health center)."""
    with pytest.raises(UsageError) as caught:
        resolve_site(text)
    assert f"place of service {pos} ({POS[pos].name}): give {pos}" in str(caught.value)
    with pytest.raises(UsageError, match="21 inpatient, 22 outpatient, 23 emergency room"):
        resolve_site("cah")


@pytest.mark.parametrize(("bill", "payment", "pos"), [("711", "all-inclusive rate", "72"),
                                                      ("0771", "FQHC prospective payment system", "50")])  # fmt: skip
def test_a_clinic_s_bill_names_the_clinic_s_payment_and_place(bill: str, payment: str, pos: str) -> None:
    """A rural trial: type of bill 711 (an RHC's) and 771 (an FQHC's) were "(clinic) is not priced: rvucalc prices
    type of bill 13x ... and 83x", and G0467's FQHC PPS note was lost on its 771 row. The bill names the clinic's
    payment (ch. 9), not installed, and the POS of the practitioner's own fee."""
    with pytest.raises(UsageError) as caught:
        resolve_site(bill)
    said = str(caught.value)
    assert payment in said and "ch. 9" in said and "does not install" in said and f"place of service {pos}" in said
    assert "(clinic)" not in said


def test_a_cah_bill_says_the_optional_method_pays_professional_lines_115_percent() -> None:
    """A rural trial: a CAH's 85x bill was told to give the line's POS, and the user read 99213's PFS facility amount
    ($57.44) as the CAH's payment for a revenue code 0981 line. Under the optional method the CAH is paid 115% of the
    fee schedule for professional lines (096x/097x/098x: Claims Processing Manual ch. 4 §250.2): said (not priced)."""
    with pytest.raises(UsageError) as caught:
        resolve_site("851")
    said = str(caught.value)
    assert "115%" in said and "096x, 097x, 098x" in said and "ch. 4 §250.2" in said and "optional method" in said


def test_batch_and_price_say_the_clinic_s_setting_alike(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The trial's batch rows (a POS cell `RHC`, G0467 on a 771 bill) and `price 99213 --setting rhc`: the same
    message, exit 2 for price."""
    from typer.testing import CliRunner

    from conftest import run_batch_rows
    from rvucalc.cli import app

    rows = [{"code": "99213", "zip": "59301", "date": "2026-03-03", "setting": "RHC"},
            {"code": "G0467", "zip": "59301", "date": "2026-03-03", "setting": "771"}]  # fmt: skip
    _, out = run_batch_rows(tmp_path, rows)
    assert "place of service 72 (Rural health clinic): give 72" in out[0]["error"]
    assert "FQHC prospective payment system" in out[1]["error"] and "place of service 50" in out[1]["error"]
    said = CliRunner().invoke(app, ["price", "99213", "--zip", "59301", "--setting", "rhc"])
    assert said.exit_code == 2 and "place of service 72" in said.stderr


@pytest.mark.parametrize(
    ("text", "word"),
    [("Hospital Outpatient", "hopd"), ("hospital  outpatient department", "hopd"), ("Physician Office", "office"),
     ("Ambulatory Surgery Center", "asc"), ("Surgery Center", "asc")],
)  # fmt: skip
def test_a_site_of_service_study_s_site_names_are_the_setting_words(text: str, word: str) -> None:
    """A finance analyst's 'Hospital Outpatient', 'Physician Office' and 'Ambulatory Surgery Center' were refused."""
    assert resolve_site(text) == resolve_site(word)


def test_the_site_names_price_in_batch_as_the_setting_words(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import csv

    from typer.testing import CliRunner

    from rvucalc.cli import app

    source, out = tmp_path / "sites.csv", tmp_path / "out.csv"
    source.write_text("CPT,Site,ZIP,DOS\n29881,Ambulatory Surgery Center,98104,2026-08-03\n29881,asc,98104,2026-08-03\n"
                      "99213,Physician Office,98104,2026-08-03\n99213,office,98104,2026-08-03\n")  # fmt: skip
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--columns", "setting=Site"])
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(out.open()))
    assert rows[0]["allowed"] == rows[1]["allowed"] != "" and rows[2]["allowed"] == rows[3]["allowed"] != ""


def test_a_professional_component_at_pos_19_is_not_told_to_carry_po_or_pn() -> None:
    """A cardiovascular trial: a physician's 93925-26 at POS 19 was told "an off-campus hospital line carries PO ...
    or PN ... priced without either"; PO and PN go on the hospital's claim (Pub. 100-04 ch. 4 §20.6.11), the 26 line
    on the practitioner's own. The hospital's line (no 26) is still told; price and batch alike."""
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer
    from rvucalc.engine.place_of_service import OFF_CAMPUS_WITHOUT_MODIFIER, department_note
    from rvucalc.lookup.pricer import Pricer

    assert department_note("19", ("26",)) is None and department_note("19", ()) == OFF_CAMPUS_WITHOUT_MODIFIER
    pricer = Pricer()
    cases = [("93925-26", False), ("93925", True)]
    rows = BatchPricer(pricer).price_table(pa.table({
        "code": [code for code, _ in cases], "setting": ["19"] * len(cases),
        "zip": ["40217"] * len(cases), "date": ["2025-11-05"] * len(cases),
    })).to_pylist()  # fmt: skip
    for (code, noted), row in zip(cases, rows, strict=True):
        single = pricer.price(code, setting="19", zip_code="40217", date_of_service="2025-11-05")
        assert (OFF_CAMPUS_WITHOUT_MODIFIER in single.notes) == noted, code
        assert (OFF_CAMPUS_WITHOUT_MODIFIER in str(row["note"])) == noted, (code, row["note"])
