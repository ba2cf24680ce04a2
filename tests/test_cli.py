"""The command line, as a user types it (typer's CliRunner)."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.cli.render import to_json

runner = CliRunner()


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args))


def test_price_national_table_names_the_release_and_source() -> None:
    result = run("price", "22590")
    assert result.exit_code == 0, result.output
    assert "$1,559.15" in result.stdout
    assert "2026C" in result.stdout and "PPRRVU2026_Jul_nonQPP.csv" in result.stdout
    assert "not payable" in result.stdout  # office NA


def test_price_json_equals_the_library_result(pricer) -> None:  # type: ignore[no-untyped-def]
    result = run("price", "99213", "--zip", "10001", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == json.loads(to_json(pricer.price("99213", zip_code="10001")))


def test_price_json_contract_keys_and_numbers() -> None:
    doc = json.loads(run("price", "22590", "--format", "json").stdout)
    assert {"code", "modifier", "description", "year", "release", "location", "pfs", "sources"} <= set(doc)
    assert doc["location"]["locality"] == "0000000"
    pfs = doc["pfs"]
    assert pfs["conversion_factor"] == 33.4009
    assert pfs["rvu"] == {
        "work": 21.22, "pe_non_facility": 17.41, "pe_facility": 17.41, "mp": 8.05,
        "total_non_facility": 46.68, "total_facility": 46.68,
    }  # fmt: skip
    assert pfs["gpci"] == {"work": 1.0, "pe": 1.0, "mp": 1.0}
    assert pfs["facility"]["amount"] == 1559.15 and pfs["facility"]["payable"] is True
    assert pfs["non_facility"] == pfs["non_facility"] | {"payable": False, "amount": None}
    assert "if the MAC finds it can be done there, it pays the facility amount" in pfs["non_facility"]["reason"]
    assert all(indicator["meaning"] for indicator in pfs["indicators"].values())
    assert doc["sources"][0]["sha256"] and doc["sources"][0]["release"] == "2026C"


def test_price_zip_uses_its_locality() -> None:
    doc = json.loads(run("price", "99213", "--zip", "10001", "-f", "json").stdout)
    assert doc["location"] | {} == doc["location"]
    assert (doc["location"]["locality"], doc["location"]["name"], doc["location"]["state"]) == (
        "1320201",
        "MANHATTAN",
        "NY",
    )
    assert doc["location"]["mac"] == "13202" and doc["location"]["locality_number"] == "01"
    assert doc["location"]["zip"] == "10001"
    # 2026 Manhattan GPCIs 1.064 / 1.162 / 1.586; 99213 RVUs 1.30 / 1.46 / 0.09; CF 33.4009
    expected = (
        Decimal("1.30") * Decimal("1.064") + Decimal("1.46") * Decimal("1.162") + Decimal("0.09") * Decimal("1.586")
    ) * Decimal("33.4009")
    assert Decimal(str(doc["pfs"]["non_facility"]["amount"])) == expected.quantize(Decimal("0.01"))


def test_price_by_locality_year_and_date() -> None:
    result = run("price", "99213", "--locality", "1320201", "--year", "2025", "--date", "2025-02-10", "-f", "json")
    doc = json.loads(result.stdout)
    assert (doc["release"], doc["date_of_service"], doc["pfs"]["conversion_factor"]) == ("2025A", "2025-02-10", 32.3465)
    # --date reads dates as batch reads a date cell: US month-first and compact too.
    for written in ("02/10/2025", "2/10/2025", "20250210"):
        doc = json.loads(run("price", "99213", "--locality", "1320201", "--date", written, "-f", "json").stdout)
        assert doc["date_of_service"] == "2025-02-10", written


def test_professional_component_row() -> None:
    doc = json.loads(run("price", "71046", "--modifier", "26", "-f", "json").stdout)
    assert doc["modifier"] == "26"
    assert doc["pfs"]["rvu"]["work"] == 0.21 and doc["pfs"]["rvu"]["pe_facility"] == 0.08
    shorthand = json.loads(run("price", "71046-26", "-f", "json").stdout)
    assert shorthand["pfs"] == doc["pfs"]


def test_qp_conversion_factor() -> None:
    doc = json.loads(run("price", "22590", "--qp", "-f", "json").stdout)
    assert doc["pfs"]["conversion_factor"] == 33.5675 and doc["pfs"]["conversion_factor_kind"] == "qp"
    assert doc["pfs"]["facility"]["amount"] == 1566.93  # 46.68 x 33.5675 = 1566.93
    # A user's CF is neither CMS's non-QP nor its QP one (a trial read "CF $32.8409 (qualifying APM (QP))").
    for flags in ((), ("--qp",)):
        what_if = run("price", "22590", *flags, "--conversion-factor", "32.8409", "-f", "json")
        assert json.loads(what_if.stdout)["pfs"]["conversion_factor_kind"] == "what_if"
        table = run("price", "22590", *flags, "--conversion-factor", "32.8409")
        assert "CF $32.8409 (what-if, given by the user)" in table.stdout and "qualifying APM" not in table.stdout


def test_global_surgery_share_modifier_54() -> None:
    doc = json.loads(run("price", "22590-54", "-f", "json").stdout)
    facility = doc["pfs"]["facility"]
    assert facility["fee_schedule_amount"] == 1559.15
    assert facility["amount"] == 1231.73  # 1559.15 x (0.10 + 0.69) = 1231.7285
    assert facility["adjustments"][0]["percentage"] == 79


def test_csv_output_is_one_parsable_row() -> None:
    result = run("price", "22590", "--format", "csv")
    [row] = list(csv.DictReader(io.StringIO(result.stdout)))
    assert (row["code"], row["facility_amount"], row["non_facility_amount"], row["release"]) == (
        "22590",
        "1559.15",
        "",
        "2026C",
    )


def test_search_finds_codes_only_another_schedule_lists() -> None:
    """`search E0601` / `search C7510` said "no code matches" though `price` prices them (a tester): the year's CLFS,
    ASP, DMEPOS, OPPS and ASC files carry descriptors (DMEPOS26_JAN: E0601 "Cont airway pressure device"; the July
    2026 ASC addenda: C7510 "Bronch/lavag w/ navigation"), so they are searched too, naming the schedule."""
    doc = json.loads(run("search", "E0601", "-f", "json").stdout)
    (match,) = doc["matches"]
    assert (match["code"], match["schedule"], match["release"]) == ("E0601", "dmepos", "2026-01")
    assert match["description"] == "Cont airway pressure device" and match["status"] == ""
    assert any(source["file"].endswith("DMEPOS26_JAN.xlsx") for source in doc["sources"])
    assert "DMEPOS fee schedule 2026-01" in doc["searched"] and "PFS 2026C" in doc["searched"]
    rows = list(csv.DictReader(io.StringIO(run("search", "C7510", "-f", "csv").stdout)))
    assert [(r["code"], r["schedule"], r["schedule_release"], r["release"]) for r in rows] == [
        ("C7510", "asc", "2026-07", "2026C")
    ]
    table = run("search", "Cont airway pressure")
    assert table.exit_code == 0 and "E0601" in table.stdout and "DMEPOS 2026-01" in table.stdout
    # a code the PFS lists is one row, its PFS status kept (80053: status X); the PFS does not pay it, the CLFS
    # does, so it names the CLFS (as a drug the ASP file pays names the ASP), and A4259 (status P) the DMEPOS file:
    # a home health trial found `search lancets` naming the PFS for the DMEPOS's lancets
    lab = json.loads(run("search", "80053", "-f", "json").stdout)["matches"]
    assert [(m["code"], m["schedule"], m["release"], m["status"]) for m in lab] == [("80053", "clfs", "2026-04", "X")]
    assert lab[0]["status_meaning"].startswith("Paid from the CLFS (2026-04); not under the PFS (status X")
    lancets = json.loads(run("search", "lancets", "-f", "json").stdout)["matches"]
    assert {m["code"]: (m["schedule"], m["status"]) for m in lancets}["A4259"] == ("dmepos", "P")
    paid = json.loads(run("search", "99213", "-f", "json").stdout)["matches"]  # a PFS-paid code stays the PFS's
    assert [(m["code"], m["schedule"]) for m in paid][:1] == [("99213", "pfs")]
    # CY2025: no CLFS, ASP or DMEPOS file is installed; OPPS Addendum B (October 2025) lists E0601
    old = json.loads(run("search", "E0601", "--year", "2025", "-f", "json").stdout)
    assert [(m["schedule"], m["release"]) for m in old["matches"]] == [("opps", "2025-10")]
    none = run("search", "zzqqxx")
    assert none.exit_code == 1 and none.stdout == ""
    assert "PFS 2026C" in none.stderr and "CLFS 2026-04" in none.stderr and "rvucalc price CODE" in none.stderr


@pytest.mark.parametrize(
    ("args", "plain"),
    [
        (["price", "99213", "--conversion-factor", "1e3"], "1000"),
        (["price", "99213", "--conversion-factor", "3.34009E1"], "33.4009"),
        (["price", "99213", "--conversion-factor", "33_4009"], "334009"),
        (["price", "99213", "--percent-of-medicare", "1.1e2"], "110"),
        (["price", "99213", "--zip", "10001", "--wage-index", "1e0"], "1"),
        (["price", "99213", "--locality", "all", "--conversion-factor", "1e3"], "1000"),
        (["compare", "99213", "--from", "2025", "--to", "2026", "--conversion-factor", "3e1"], "30"),
        (["export", "--conversion-factor", "1e3", "-o", "-"], "1000"),
        (["batch", "-", "--conversion-factor", "1e1"], "10"),
    ],
)
def test_numbers_in_exponent_notation_are_usage_errors(args: list[str], plain: str) -> None:
    """`--conversion-factor 1e3` was accepted and shown as "$1E+3" (a tester): a plain decimal is asked for."""
    done = runner.invoke(app, args, input="code\n99213\n")
    assert done.exit_code == 2 and done.stdout == "", done.output
    assert f"write the number plainly ({plain})" in done.stderr and "Traceback" not in done.stderr


def test_a_plain_conversion_factor_is_shown_plainly() -> None:
    done = run("price", "99213", "--conversion-factor", "1000", "-f", "json")
    assert done.exit_code == 0 and "$1000 given by the user" in json.loads(done.stdout)["scenario"]


def test_localities_for_a_state() -> None:
    doc = json.loads(run("localities", "--state", "CA", "-f", "json").stdout)
    assert len(doc["localities"]) == 29 and all(item["state"] == "CA" for item in doc["localities"])
    everything = json.loads(run("localities", "-f", "json").stdout)
    assert len(everything["localities"]) == 109


def test_search_by_descriptor() -> None:
    doc = json.loads(run("search", "craniocervical", "-f", "json").stdout)
    assert [m["code"] for m in doc["matches"]] == ["22590"]  # not "cancer" nor "cranial" as its abbreviation


def test_search_matches_the_words_as_cms_abbreviates_them() -> None:
    """A newcomer's trial: `search "knee arthroscopy"` found 29850/29851 alone, not 29880/29881 ("Arthrs kne srg
    mnisectmy m&l"), and `search methylprednisolone` missed J1010 ("Inj, methylpred acetate 1 mg"). Each word now
    matches as written or as CMS abbreviates it; the descriptors holding the words as given come first."""

    def codes(*args: str) -> list[str]:
        return [m["code"] for m in json.loads(run("search", *args, "-f", "json").stdout)["matches"]]

    knee = codes("knee arthroscopy")
    assert knee[:2] == ["29850", "29851"] and {"29880", "29881", "29882", "29879"} <= set(knee)
    assert "J1010" in codes("methylprednisolone")
    assert {"29880", "29881"} <= set(codes("meniscectomy"))
    glucose = codes("glucose", "--limit", "500")
    assert "82947" in glucose and "0751T" not in glucose  # "Dgtz gls mcrscp": glass, not glucose
    # "colon" abbreviates "colonoscopy" too: the colonoscopies (45378-45398) come first, so --limit keeps them.
    colonoscopy = json.loads(run("search", "colonoscopy", "-f", "json", "--limit", "40").stdout)
    found = [m["code"] for m in colonoscopy["matches"]]
    assert {"45378", "45380", "45385", "45398"} <= set(found) and "44140" not in found and colonoscopy["truncated"]


def test_zip_command() -> None:
    doc = json.loads(run("zip", "94110", "-f", "json").stdout)
    assert doc["locality"]["locality"] == "0111205" and doc["state"] == "CA"


@pytest.mark.parametrize("code", ["2259O", "12", "ABCDEFG"])
def test_malformed_code_is_a_usage_error(code: str) -> None:
    result = run("price", code)
    assert result.exit_code == 2
    assert "Traceback" not in result.output and "is not a HCPCS/CPT code" in result.output


def test_malformed_code_suggests_the_likely_code() -> None:
    assert "Did you mean 22590?" in run("price", "2259O").output


@pytest.mark.parametrize(("typed", "first"), [("5l", "51"), ("5L", "51"), ("5I", "51"), ("5O", "50")])
def test_a_letter_typed_for_a_digit_in_a_modifier_suggests_the_digit_first(typed: str, first: str) -> None:
    """An OB/GYN trial: `price 58571-5l` (a lowercase l for 1) said "Did you mean SL or X5 or V5?": the look-alike
    digit is the likeliest typo, and 51 is a modifier. Still a usage error (exit 2)."""
    done = run("price", f"58571-{typed}")
    assert done.exit_code == 2, done.output
    assert f"Unknown modifier '{typed.upper()}'. Did you mean {first} or" in done.output


def test_unknown_code_suggests_neighbours() -> None:
    result = run("price", "22591")
    assert result.exit_code == 1
    assert "22590" in result.output and "22595" in result.output


@pytest.mark.parametrize(
    ("args", "code", "text"),
    [
        (("price", "22590", "--zip", "00000"), 1, "not in CMS's ZIP5 file"),
        (("price", "22590", "--zip", "1234"), 2, "not a ZIP code"),
        (("price", "22590", "--zip", "2138"), 2, "it was probably 02138: keep the ZIP column as text"),
        (("price", "22590", "--zip", "10001.0"), 2, "it was probably 10001"),
        (("price", "840", "--date", "2026-08-03"), 2, "it was probably 00840: keep the code column as text"),
        (("price", "99213.0", "--date", "2026-08-03"), 2, "it was probably 99213"),
        (("price", "A4216", "--state", "XX"), 2, "not a US state or territory postal code"),
        (("price", "22590", "--locality", "9999999"), 1, "rvucalc localities"),
        (("price", "22590", "--locality", "13202"), 2, "7 digits"),
        (("price", "22590", "--year", "2024"), 1, "Installed: 2025A"),
        (("price", "22590", "--date", "2025-13-01"), 2, "not a date"),
        (("price", "22590", "--format", "xml"), 2, "choose table, json or csv"),
        (("price", "22590", "-m", "26"), 1, "no -26 row"),
        (("price", "22590", "-m", "Q9Z"), 2, "not a modifier"),
        (("price", "99213", "-m", "54"), 1, "does not apply"),
        (("price", "22590", "--qp", "--year", "2025"), 2, "one conversion factor"),
        (("price", "0001F"), 1, "not payable in any site"),
        # Found by a fresh-eyes trial: an empty value (an unset shell variable) priced Alaska (--locality "") or
        # national (--zip ""); --units multiplied an anesthesia line's base and time units; repeated -m kept the last.
        (("price", "99213", "--locality", ""), 2, "--locality is empty: give it a value, or leave it out"),
        (("price", "99213", "--zip", " "), 2, "--zip is empty"),
        (("price", "99213", "--setting", ""), 2, "--setting is empty"),
        (("price", "00400", "--units", "30", "--base-units", "3", "--minutes", "45"), 2, "--units 30 and --minutes 45"),
        # 53 with no CMS row: the MAC prices it (a GI trial read "not payable", as if Medicare paid nothing).
        (
            ("price", "45385-53", "--zip", "10001", "--setting", "11"),
            1,
            "45385-53 cannot be priced here: your Medicare contractor (MAC) prices it",
        ),
        # A repeated --base-units or --minutes kept the last value for every line (a GI trial): one per code, in order.
        (
            ("price", "00811", "--base-units", "4", "--base-units", "3", "--minutes", "38"),
            2,
            "--base-units was given 2 times for 1 code: give it once (every line) or once per code, in order.",
        ),
        (
            ("price", "00811", "00812", "--base-units", "4", "--minutes", "38", "--minutes", "30", "--minutes", "9"),
            2,
            "--minutes was given 3 times for 2 codes",
        ),
        (("price", "71046", "-m", "26", "-m", "TC"), 2, "Modifiers 26 and TC conflict"),
        (("export", "--year", "2026", "-o", "fees.parquet"), 2, "export writes CSV or an Excel workbook"),
        (("price", "99213", "--percent-of-medicare", "1.2"), 0, "--percent-of-medicare 1.2 is 1.2% of Medicare"),
        # Not the anesthesia refusal for a code given only --minutes (a review): the minutes' own message, which says
        # they are for anesthesia codes (it was "needs both", as if 99213 were one).
        (("price", "99213", "--minutes", "30", "--units", "2"), 2, "--minutes is for anesthesia codes (status J)"),
        (("price", "99213", "--zip", "35958-1234"), 0, "(rvucalc has no ZIP+4 file: a +4 given is not used)"),
        (("localities", "--state", "NY", "--date", "2026-02-01"), 0, "release in force on 2026-02-01"),
        # A DMEPOS code's --state is its fee column, with --locality too (it was "give --zip, --locality or --state").
        (("price", "E0601-RR", "--state", "NY", "--locality", "1320201"), 0, "DMEPOS fee schedule 2026-01, state NY"),
        # Anesthesia without its inputs says which, at a hospital too (it blamed the missing 2026 OPPS file).
        (("price", "00142", "--zip", "98101", "--setting", "22"), 2, "Anesthesia needs both --base-units and"),
        (("price", "00142"), 2, "needs both --base-units and --minutes: the code's base units (CMS's anesthesia base"),
        (("price", "00142", "--minutes", "45"), 2, "needs both --base-units and --minutes"),
        (("price", "22590", "--zip", "10001", "--locality", "1320201"), 2, "not both"),
        # ZZ is no state's code: a usage error (bad_state, exit 2), as a ZIP of the wrong form is; it was exit 1.
        (("localities", "--state", "ZZ"), 2, "--state 'ZZ' is not a US state or territory postal code"),
        (("price", "27447", "--state", "ZZ"), 2, "--state 'ZZ' is not a US state or territory postal code"),
        # The locality table is one unit's PFS amounts: an option it would not apply is refused, not dropped.
        (("price", "97110", "--state", "NY", "--units", "3"), 2, "they do not apply --units. Drop it"),
        (("price", "22590", "--locality", "all", "--setting", "asc", "--zip", "10001"), 2, "--zip, --setting"),
    ],
)
def test_bad_input_gets_a_clear_message_and_exit_code(args: tuple[str, ...], code: int, text: str) -> None:
    result = run(*args)
    assert result.exit_code == code, result.output
    assert text in result.output
    assert "Traceback" not in result.output


def test_errors_go_to_stderr_not_stdout() -> None:
    """The message on stderr; JSON asked for, stdout carries the error object alone (tests/test_price_errors_in_output.
    py), never the message's text."""
    result = run("price", "22591", "--format", "json")
    assert [(e["code"], e["error_kind"]) for e in json.loads(result.stdout)["errors"]] == [("22591", "unknown_code")]
    assert "22590" in result.stderr and not result.stdout.startswith("rvucalc:")
    assert run("price", "22591").stdout == ""


def test_carrier_priced_status_is_explained(pricer) -> None:  # type: ignore[no-untyped-def]
    release = pricer.select()[0]
    code = next(row["hcpcs"] for row in pricer.store(release).rows("rvu") if row["status"] == "C")
    result = run("price", code, "-f", "json")
    # Exit 1, the message on stderr; the JSON is the result still, its sites not priced (a payer analyst's trial: a
    # script got 0 bytes where the API returns the statuses). The table writes nothing on stdout.
    assert result.exit_code == 1 and "$0.00" not in result.stderr
    assert "priced by your Medicare contractor (MAC)" in result.stderr
    data = json.loads(result.stdout)
    assert data["code"] == code and data["pfs"]["contractor_priced"] is True
    assert data["pfs"]["facility"]["status"] == data["pfs"]["non_facility"]["status"] == "not_priced"
    assert data["pfs"]["facility"]["amount"] is None
    table = run("price", code)
    assert table.exit_code == 1 and table.stdout == ""
    line = pricer.price(code)  # the API still explains it
    assert line.pfs.facility.payable is False and line.pfs.contractor_priced
    assert "Ask your MAC" in line.pfs.status_meaning and "Ask your MAC" in (line.pfs.facility.reason or "")


def test_debug_shows_the_traceback() -> None:
    result = runner.invoke(app, ["--debug", "price", "22591"])
    assert result.exit_code == 1
    assert result.exception is not None  # re-raised for the traceback


def test_module_entry_point() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "rvucalc", "price", "22590", "-f", "json"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["pfs"]["facility"]["amount"] == 1559.15


def test_price_csv_names_the_later_units_amount() -> None:
    """Therapy's later units (CR 7050) are in the single lookup's CSV too, at the end of the row."""
    result = runner.invoke(app, ["price", "97110", "--units", "3", "--zip", "10001", "--date", "2025-08-04",
                                 "--format", "csv"])  # fmt: skip
    row = next(csv.DictReader(io.StringIO(result.stdout)))
    header = list(row)
    later = header.index("non_facility_later_units")
    assert header[later - 1 : later + 2] == ["warnings", "non_facility_later_units", "facility_later_units"]
    assert Decimal(row["non_facility_amount"]) * 3 > Decimal(row["site_office_total"])
    assert Decimal(row["site_office_total"]) == Decimal(row["non_facility_amount"]) + Decimal(
        row["non_facility_later_units"]
    )


def test_a_lines_limiting_charge_is_one_units_in_price_batch_and_export_and_the_table_says_so(pricer) -> None:  # type: ignore[no-untyped-def]
    """With --units 3 the PFS amounts, non-par amounts and limiting charges are one unit's (115% of one unit's 95%,
    SSA §1848(g)), in price, batch's pfs_* columns and export alike; the sites are the line's. The single table said
    "Units: 3" above them without saying whose they were. 99213 in Alabama (locality 1011200), 2025A: CMS's payment
    file PFAL25A gives $81.86 in the office."""
    import datetime as dt

    import pandas as pd
    import pyarrow as pa

    from conftest import TEST_DATA
    from rvucalc.batch.price import BatchPricer
    from rvucalc.cli.tables import PFS_UNITS_NOTE
    from rvucalc.engine.kernels import limiting_charge
    from rvucalc.export import pfs_frames
    from test_cms_payment_files import payment_rows

    [row] = [r for r in payment_rows(TEST_DATA / "pfs_payment_files" / "PFAL25A_excerpt.TXT")
             if (r["hcpcs"], r["modifier"], r["locality"]) == ("99213", "", "00")]  # fmt: skip
    office = Decimal(row["non_facility"])
    limit = Decimal(int(limiting_charge(int(office * 100)))) / 100  # 81.86 x 109.25%, rounded once
    args = ["price", "99213", "--locality", "1011200", "--date", "2025-01-15", "--units", "3", "--setting", "office"]
    table = runner.invoke(app, args)
    assert table.exit_code == 0, table.output
    said = " ".join(table.stdout.split())
    assert f"${office}" in said and f"${limit}" in said and f"${office * 3}" in said
    assert " ".join(PFS_UNITS_NOTE.format(units=3).split()) in said
    line = next(csv.DictReader(io.StringIO(runner.invoke(app, [*args, "-f", "csv"]).stdout)))
    assert (Decimal(line["non_facility_amount"]), Decimal(line["non_facility_limiting_charge"])) == (office, limit)
    assert Decimal(line["site_office_total"]) == office * 3
    cells = {"code": ["99213"], "locality": ["1011200"], "date": ["2025-01-15"], "setting": ["11"], "units": ["3"]}
    [out] = BatchPricer(pricer).price_table(pa.table(cells)).to_pylist()
    assert Decimal(str(out["pfs_non_facility_amount"])) == office
    assert Decimal(str(out["pfs_non_facility_limiting_charge"])) == limit
    assert Decimal(str(out["office_allowed"])) == office * 3
    release = pricer.select(None, dt.date(2025, 1, 15))[0]
    frame = pd.concat(list(pfs_frames(pricer, 2025, release=release, localities=["1011200"])))
    [exported] = frame[(frame.hcpcs == "99213") & (frame.modifier == "")].to_dict("records")
    assert Decimal(str(exported["non_facility_amount"])) == office
    assert Decimal(str(exported["non_facility_limiting_charge"])) == limit


def test_price_csv_says_when_the_sequestration_was_applied() -> None:
    """JSON has each site's sequestration_applied and the table "(seq.)"; the CSV said nothing (a tester). 99213 in
    Manhattan, 2026C: office $107.63, the patient $21.53, Medicare $86.10 less 2% = $84.38."""
    plain = next(csv.DictReader(io.StringIO(run("price", "99213", "--zip", "10001", "-f", "csv").stdout)))
    done = run("price", "99213", "--zip", "10001", "--sequestration", "-f", "csv")
    assert done.exit_code == 0, done.output
    row = next(csv.DictReader(io.StringIO(done.stdout)))
    header = list(row)
    assert header[: len(plain)] == list(plain)  # the columns before stay where they were
    assert header[header.index("notes") - 3 : header.index("notes") + 1] == [
        "site_office_sequestration_applied", "site_hopd_sequestration_applied", "site_asc_sequestration_applied",
        "notes",
    ]  # fmt: skip
    assert (row["site_office_total"], row["site_office_medicare"]) == ("107.63", "84.38")
    assert row["site_office_sequestration_applied"] == "true" and plain["site_office_sequestration_applied"] == "false"
    assert row["site_hopd_sequestration_applied"] == "false"  # no OPPS file for 2026: nothing to reduce
    encounter = list(csv.DictReader(io.StringIO(run("price", "99213", "22590", "--sequestration", "-f", "csv").stdout)))
    assert [line["site_office_sequestration_applied"] for line in encounter] == ["true", "false"]  # 22590: NA office


def test_price_csv_carries_the_lines_notes() -> None:
    """A trial: `--setting 02` said why it is the facility rate in JSON and batch, not in CSV (no notes column)."""
    doc = json.loads(run("price", "99213", "--setting", "02", "-f", "json").stdout)
    row = next(csv.DictReader(io.StringIO(run("price", "99213", "--setting", "02", "-f", "csv").stdout)))
    assert doc["notes"] and row["notes"] == " | ".join(doc["notes"]) and "POS 02" in row["notes"]


def test_price_csv_says_what_the_payment_rules_did_to_each_amount() -> None:
    """A trial: `price 29881 29880 -f csv` showed 29881's facility $146.35 and 29880's OPPS $0.00 with no reason (JSON's
    adjustments and batch's note give it). The columns come after the ones scripts read (notes stays where it was)."""
    args = ["price", "29881", "29880", "--zip", "10001", "--date", "2025-11-10"]
    doc = json.loads(run(*args, "-f", "json").stdout)
    rows = list(csv.DictReader(io.StringIO(run(*args, "-f", "csv").stdout)))
    for line, row in zip(doc["lines"], rows, strict=True):
        for prefix, part in (("non_facility", line["pfs"]["non_facility"]), ("facility", line["pfs"]["facility"]),
                             ("opps", line["opps"]), ("asc", line["asc"])):  # fmt: skip
            assert row[f"{prefix}_adjustments"] == " | ".join(a["rule"] for a in part["adjustments"])
        for prefix in ("opps", "asc"):  # their notes too (an IR trial: the C-APC note)
            assert row[f"{prefix}_notes"] == " | ".join(line[prefix]["notes"])
    # 29880 is the J1 primary: of two lines of one rate, the one the PFS pays in full
    assert "complexity adjustments not applied" in rows[1]["opps_notes"]
    assert "complexity adjustments not applied" in " ".join(run(*args).stdout.split())  # and at the terminal
    header = list(rows[0])
    assert header[header.index("notes") + 1 : header.index("notes") + 7] == [
        "non_facility_adjustments", "facility_adjustments", "opps_adjustments", "asc_adjustments", "opps_notes",
        "asc_notes",
    ]  # fmt: skip
    assert rows[0]["facility_adjustments"].startswith("Endoscopy family 29870: its value less the base endoscopy's")
    assert rows[0]["opps_adjustments"] == "Packaged into the comprehensive APC 5113 (SI J1) of this encounter"
    assert rows[0]["asc_adjustments"] == "ASC multiple procedure discounting: a lower-paid procedure at 50%"
    bilateral = next(csv.DictReader(io.StringIO(run("price", "27447-50", "--zip", "10001", "-f", "csv").stdout)))
    assert "Bilateral" in bilateral["facility_adjustments"], bilateral["facility_adjustments"]


def test_a_schedules_own_reason_is_what_is_said_when_nothing_pays() -> None:
    """E0601 with no modifier: the DMEPOS schedule's reason (the modifier to give), not buried under the sites' usual
    ones (no PFS payment, no OPPS file for the year); A0428's schedule is one rvucalc does not install: said so."""
    result = run("price", "E0601", "--state", "CA")
    assert result.exit_code == 1 and "give one of: RR" in result.stderr
    assert "office:" not in result.stderr and "hopd:" not in result.stderr and ".;" not in result.stderr
    ambulance = run("price", "A0428")
    assert ambulance.exit_code == 1 and "ambulance fee schedule, which rvucalc does not install" in ambulance.stderr
    assert "no fee schedule rvucalc has prices it (ask your MAC)" in ambulance.stderr
    assert "hopd:" not in ambulance.stderr
    assert "CMS's file is not installed" not in ambulance.stderr  # nothing to install


def test_an_encounter_names_the_codes_that_share_a_reason_once() -> None:
    result = run("price", "27447", "20610", "29881", "--zip", "10001", "--date", "2026-08-03", "--format", "json")
    hopd = json.loads(result.stdout)["totals"]["hopd"]
    assert hopd["reason"].startswith("Not priced for 27447, 20610, 29881: OPPS CY2026 rates not installed")
    assert hopd["reason"].count("not installed") == 1


def test_a_single_codes_facility_adjustments_are_listed_and_a_missing_file_is_not_priced() -> None:
    result = run("price", "27447", "--modifier", "50", "--zip", "10001", "--date", "2026-08-03")
    assert result.exit_code == 0
    assert "ASC: ASC bilateral (50 is not recognised for ASC payment)" in result.stdout
    assert "not priced" in result.stdout  # the 2026 hospital row: no OPPS file, not "not payable"


@pytest.mark.parametrize(("code", "date"), [("99213", "2025-06-01"), ("99213", "2026-06-01"), ("27447", "2026-06-01")])
def test_a_hospital_setting_without_a_facility_fee_still_prices_the_physicians_claim(code: str, date: str) -> None:
    """99213 is SI B (the hospital bills G0463); in 2026 no OPPS file is installed: the physician's claim at POS 22
    is still paid, the PFS facility amount, as batch's professional_allowed for the same line (was exit 1)."""
    single = run("price", code, "--zip", "10001", "--setting", "22", "--date", date, "-f", "json")
    assert single.exit_code == 0, single.output
    assert "no facility fee priced here" in single.stderr and "The physician's claim there is paid" in single.stderr
    line = f"code,zip,pos,date\n{code},10001,22,{date}\n"
    batch = runner.invoke(app, ["batch", "-", "-o", "-", "--quiet"], input=line)
    row = next(csv.DictReader(io.StringIO(batch.stdout)))
    doc = json.loads(single.stdout)
    assert [site["setting"] for site in doc["sites"]] == ["hopd"] and not doc["sites"][0]["payable"]
    assert Decimal(str(doc["pfs"]["facility"]["amount"])) == Decimal(row["professional_allowed"])
    assert row["hopd_allowed"] == "" and row["error"] == ""


def test_a_hospital_setting_with_no_pfs_facility_amount_is_still_not_payable() -> None:
    """36593 has no PFS facility amount (PE 'NA') and no OPPS rate in 2026: nothing is paid there, exit 1. (97110 was
    the example until outpatient therapy in the hospital was priced under the PFS: tests/test_hopd_therapy.py.)"""
    result = run("price", "36593", "--zip", "10001", "--setting", "22", "--date", "2026-06-01")
    assert result.exit_code == 1 and result.stdout == ""
    assert "cannot be priced here" in result.stderr and "physician's claim" not in result.stderr


def test_a_setting_shows_only_its_own_facility_notes() -> None:
    """`--setting office` priced J0897 right but said the ASC's IRA copayment was what the patient pays."""
    office = runner.invoke(app, ["price", "J0897", "--units", "60", "--setting", "office", "--zip", "10001"])
    every = runner.invoke(app, ["price", "J0897", "--units", "60", "--zip", "10001"])
    assert office.exit_code == every.exit_code == 0
    assert "IRA-22" in every.output and "IRA-22" not in office.output


@pytest.mark.slow
@pytest.mark.parametrize("args", [
    ["price", "99213", "--locality", "all"], ["localities"], ["search", "knee"], ["localities", "--format", "csv"],
    ["price", "22590", "--locality", "all", "-f", "csv"],
    ["compare", "99213", "27447", "--from", "2025", "--to", "2026", "-f", "csv"],
])  # fmt: skip
def test_a_table_to_a_closed_pipe_exits_0(args: list[str]) -> None:
    """`rvucalc ... | head`: the reader has what it wanted (rich's own handler exited 1, the "not found" code; an
    operations trial found compare's and --locality all's CSV still did)."""
    import subprocess
    import sys

    process = subprocess.Popen([sys.executable, "-m", "rvucalc", *args], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)  # fmt: skip
    assert process.stdout is not None
    process.stdout.close()  # closed before anything is written: every write meets a closed pipe
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    assert b"Traceback" not in stderr


def test_a_contract_percent_shows_in_the_table() -> None:
    """`--percent-of-medicare 110` showed nothing in the table (only JSON and CSV had the contract amount)."""
    table = runner.invoke(app, ["price", "99213", "--percent-of-medicare", "110", "--zip", "10001"])
    as_json = runner.invoke(app, ["price", "99213", "--percent-of-medicare", "110", "--zip", "10001", "-f", "json"])
    office = next(site for site in json.loads(as_json.stdout)["sites"] if site["setting"] == "office")
    assert table.exit_code == 0 and "Contract" in table.stdout and f"${office['contract_amount']:,.2f}" in table.stdout


def test_the_summary_names_the_releases(tmp_path: Path) -> None:
    source = tmp_path / "lines.csv"
    source.write_text("code,zip,date,pos\n64483,33136,2025-07-14,22\n99213,10001,2026-08-03,11\n")
    result = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "o.csv"), "--summary", "-"])
    releases = json.loads(result.stdout)["releases"]
    priced = list(csv.DictReader((tmp_path / "o.csv").open()))
    assert releases["pfs"] == sorted({row["release"] for row in priced})
    assert releases["opps"] == sorted({row["opps_release"] for row in priced if row["opps_release"]})


def test_a_repeated_modifier_option_adds_modifiers() -> None:
    """-m 26 -m 59 is 71046-26-59 (found by a fresh-eyes trial: it kept the last, -m 59, silently)."""
    repeated = run("price", "71046", "-m", "26", "-m", "59", "--zip", "10001", "--format", "json")
    joined = run("price", "71046-26-59", "--zip", "10001", "--format", "json")
    assert repeated.exit_code == joined.exit_code == 0
    assert repeated.stdout == joined.stdout and '"modifiers": [\n    "26",\n    "59"' in joined.stdout


def test_an_inpatient_only_surgery_shows_the_surgeons_fee() -> None:
    """Found by a fresh-eyes trial: `price 33533` (CABG, inpatient only) was "not payable in any site", exit 1,
    though the surgeon is paid the PFS facility amount (batch prices the line, and --setting 21 showed it)."""
    single = run("price", "33533", "--zip", "10001", "-f", "json")
    assert single.exit_code == 0 and "no office, hospital outpatient or ASC price" in single.stderr
    assert "The physician's claim in a facility (an inpatient stay, POS 21, too) is paid" in single.stderr
    inpatient = json.loads(run("price", "33533", "--zip", "10001", "--setting", "21", "-f", "json").stdout)
    assert json.loads(single.stdout)["pfs"]["facility"] == inpatient["pfs"]["facility"]


def test_an_encounter_total_leaves_out_a_line_the_facility_does_not_bill() -> None:
    """Found by a fresh-eyes trial: surgery and its decision-for-surgery visit (29881, 99213-57) were "not payable in
    any site", exit 1: the hospital and the ASC do not bill 99213 (SI B, not on the ASC lists), its physician does.
    Their totals are the surgery's and the visit's physician's fee (its PFS facility amount: a surgeon's trial found it
    "paid on the physician's claim, apart from this total"), as batch's claim totals."""
    done = run("price", "29881", "99213-57", "--zip", "10001", "--date", "2025-11-01", "-f", "json")
    assert done.exit_code == 0, done.output
    doc = json.loads(done.stdout)
    alone = json.loads(run("price", "29881", "--zip", "10001", "--date", "2025-11-01", "-f", "json").stdout)
    by_site = {site["setting"]: site for site in alone["sites"]}
    visit = Decimal(str(next(line for line in doc["lines"] if line["code"] == "99213")["pfs"]["facility"]["amount"]))
    for setting in ("hopd", "asc"):
        total = doc["totals"][setting]
        assert total["payable"] and Decimal(str(total["total"])) == Decimal(str(by_site[setting]["total"])) + visit
        assert total["reason"].startswith("99213: ") and "apart from this total" not in total["reason"]
    # 29881 is not an office procedure (PE RVU 'NA'): the office total is the visit's, 29881 left out and named, as
    # `--setting office`'s (an ENT trial: the all-sites view said "not payable" where --setting 11 totalled the rest)
    office = json.loads(run("price", "29881", "99213-57", "--zip", "10001", "--date", "2025-11-01", "--setting",
                            "office", "-f", "json").stdout)["totals"]["office"]  # fmt: skip
    assert doc["totals"]["office"] == office and office["payable"] and "29881: " in office["reason"]
    # A review found the first version leaving out lines a site cannot take at all: a procedure with no OPPS file
    # installed, an inpatient-only one (SI C), one excluded from ASCs (EE). Those still make the site unpriced.
    for codes, date in ((["71046-26", "45378"], "2026-08-03"), (["44140", "45378"], "2025-08-03")):
        totals = json.loads(run("price", *codes, "--zip", "10001", "--date", date, "-f", "json").stdout)["totals"]
        assert not totals["hopd"]["payable"], codes
    claim = "claim,code,zip,pos,date\nK,29881,10001,22,2025-11-01\nK,99213-57,10001,22,2025-11-01\n"
    rows = list(csv.DictReader(io.StringIO(runner.invoke(app, ["batch", "-", "-q"], input=claim).stdout)))
    assert Decimal(rows[0]["hopd_allowed"]) == Decimal(str(by_site["hopd"]["total"]))
    assert Decimal(rows[1]["allowed"]) == Decimal(rows[1]["professional_allowed"]) == visit
    assert Decimal(rows[0]["allowed"]) + Decimal(rows[1]["allowed"]) == Decimal(str(doc["totals"]["hopd"]["total"]))


def test_an_encounters_office_reason_for_a_drug_is_its_schedules() -> None:
    """Found by a fresh-eyes trial: with J1010 in an encounter, the office total said "J1010: No PFS payment: status
    E" (the PFS status that sends a drug to the ASP file) instead of why the drug is not priced (ASP CY2025 is not
    installed). The drug's own lookup says the same."""
    doc = json.loads(run("price", "27447", "J1010", "--zip", "10001", "--date", "2025-11-01", "-f", "json").stdout)
    office = doc["totals"]["office"]
    assert not office["payable"] and "J1010: ASP CY2025 not installed" in office["reason"]
    assert "status E" not in office["reason"]


def test_an_encounters_totals_carry_the_contract() -> None:
    """Found by a fresh-eyes trial: `--percent-of-medicare` with several codes had no contract in the encounter's
    totals (JSON null, no table column), though each line had one. The total is the sum of the lines'."""
    doc = json.loads(run("price", "99214-25", "20610", "--zip", "10001", "--percent-of-medicare", "120", "-f",
                         "json").stdout)  # fmt: skip
    for index, (setting, total) in enumerate(doc["totals"].items()):
        lines = [line["sites"][index]["contract_amount"] for line in doc["lines"]]
        paid = [amount for amount, line in zip(lines, doc["lines"], strict=True) if line["sites"][index]["payable"]]
        expected = sum(Decimal(str(amount)) for amount in paid) if total["payable"] else None
        given = total["contract_amount"]
        assert (None if given is None else Decimal(str(given))) == expected, setting
    table = run("price", "99214-25", "20610", "--zip", "10001", "--percent-of-medicare", "120").stdout
    assert "Contract: the sum of the lines' contract amounts" in table


def test_data_status_takes_the_one_format_option() -> None:
    """`data status` had only --json where every other command has --format table|json|csv (kept, as --format json)."""
    as_json = json.loads(run("data", "status", "--format", "json").stdout)
    assert json.loads(run("data", "status", "--json").stdout) == as_json
    rows = list(csv.DictReader(io.StringIO(run("data", "status", "-f", "csv").stdout)))
    expected = [(release["dataset"], release["release"]) for release in as_json["releases"]]
    assert [(row["dataset"], row["release"]) for row in rows] == expected
    assert run("data", "status", "-f", "xml").exit_code == 2


def test_a_what_if_cf_leaves_an_anesthesia_lines_cf_as_the_files() -> None:
    """A review: --conversion-factor 40 on 00790 showed CF 40.0, kind what_if, though the anesthesia CF priced it
    (the amount CMS's, no scenario label). The line shows the file's CF, unlabelled, as without the what-if."""
    args = (
        "price",
        "00790",
        "--base-units",
        "7",
        "--minutes",
        "30",
        "--zip",
        "10001",
        "--date",
        "2025-03-01",
        "-f",
        "json",
    )
    plain = json.loads(run(*args).stdout)
    what_if = json.loads(run(*args, "--conversion-factor", "40").stdout)
    assert what_if["pfs"]["conversion_factor"] == plain["pfs"]["conversion_factor"] != 40
    assert what_if["pfs"]["conversion_factor_kind"] in (None, "")
    assert what_if["pfs"]["non_facility"]["amount"] == plain["pfs"]["non_facility"]["amount"]
    assert what_if.get("scenario") in (None, "")


def test_a_facility_setting_not_priced_also_says_why_the_physicians_fee_is_not() -> None:
    """A trial: `price 27447-53 --setting 22` said only "CMS's file is not installed" (no 2026 Addendum B); the
    physician's fee is not priced either (no 53 row: the MAC prices it), which batch's note said and price did not."""
    done = run("price", "27447-53", "--zip", "10001", "--setting", "22")
    assert done.exit_code == 1
    said = " ".join(done.stderr.split())
    assert "27447-53 cannot be priced here." in said and "OPPS CY2026 rates not installed" in said
    assert "physician's fee: 53 (discontinued procedure): CMS publishes no 53 row" in said


def test_the_dask_engine_without_its_packages_is_a_usage_error_saying_how_to_add_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A newcomer's wheel without the [dask] extra: exit 3, "the run failed (ModuleNotFoundError: No module named
    'distributed')". It is the user's setup, said before the run (exit 2), with the pip command."""
    import importlib.util

    found = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "distributed" else found(name))
    lines = tmp_path / "lines.csv"
    lines.write_text("code\n99213\n")
    result = run("batch", str(lines), "--engine", "dask")
    assert result.exit_code == 2 and result.stdout == ""
    assert 'pip install ".[dask]"' in result.stderr and "distributed" in result.stderr


def test_an_office_encounter_with_a_line_not_payable_there_totals_the_paid_lines() -> None:
    """A fuzz trial: `price 99213 27447 --setting 11` printed nothing (exit 1) where batch paid 99213 at POS 11: the
    lines are shown, the reason on stderr. A review: and the office's total is 99213's, 27447 named as left out, exit 0,
    as batch's claim total (lookup.pricer.encounter_totals)."""
    import csv
    import io

    from rvucalc.lookup.pricer import Pricer

    result = runner.invoke(app, ["price", "99213", "27447", "--zip", "10001", "--date", "2025-11-03", "--setting",
                                 "11", "-f", "csv"])  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    alone = Pricer().price("99213", zip_code="10001", date_of_service="2025-11-03", setting="office")
    assert [row["code"] for row in rows] == ["99213", "27447"]
    assert rows[0]["site_office_total"] == str(alone.sites[0].total) and rows[1]["site_office_payable"] == "false"
    assert "27447 has no amount here" in result.stderr and "'NA'" in result.stderr


def test_units_repeated_give_each_code_its_own_and_a_wrong_count_is_refused() -> None:
    """A fuzz trial: `price 27447 20610 --units 1 --units 2` priced both lines at 2 units (27447 a bilateral pair),
    silently. One --units is every line's; one per code is each line's, as the API's units=[1, 2]."""
    from rvucalc.lookup.pricer import Pricer

    args = ["price", "27447", "20610", "--zip", "10001", "--date", "2025-11-03", "-f", "json"]
    result = runner.invoke(app, [*args, "--units", "1", "--units", "2"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    api = Pricer().price_encounter(["27447", "20610"], zip_code="10001", date_of_service="2025-11-03", units=[1, 2])
    assert [line["units"] for line in shown["lines"]] == [1, 2]
    assert [Decimal(str(line["pfs"]["facility"]["amount"])) for line in shown["lines"]] == [
        line.pfs.facility.amount for line in api.lines
    ]
    refused = runner.invoke(app, [*args, "--units", "1", "--units", "2", "--units", "3"])
    assert refused.exit_code == 2 and "--units was given 3 times for 2 codes" in refused.stderr


def test_o_dev_stdout_appends_where_stdout_goes_and_a_failed_summary_writes_nothing(
    tmp_path: Path,
) -> None:
    """An operations trial: `batch -o /dev/stdout >> log.csv` replaced log.csv (the atomic write renamed a file over
    it); `--summary /dev/full` said "nothing was written" where -o had been replaced (now nothing is)."""
    import subprocess
    import sys

    source = tmp_path / "one.csv"
    source.write_text("code,zip\n99213,10001\n")
    log = tmp_path / "log.csv"
    log.write_text("previous line\n")
    with log.open("a") as handle:
        done = subprocess.run([sys.executable, "-m", "rvucalc", "batch", str(source), "-q", "-o", "/dev/stdout"],
                              stdout=handle, stderr=subprocess.PIPE, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = log.read_text().splitlines()
    assert lines[0] == "previous line" and lines[1].startswith("code,zip,") and lines[2].startswith("99213,")
    if Path("/dev/full").exists():
        target = tmp_path / "out.csv"
        # The summary is written before the output is committed (the two go in together): nothing is written.
        result = runner.invoke(app, ["batch", str(source), "-q", "-o", str(target), "--summary", "/dev/full"])
        assert result.exit_code == 3 and "could not write /dev/full" in result.stderr
        assert f"nothing was written (neither {target} nor the summary)" in result.stderr and not target.exists()


def test_an_encounter_table_says_a_what_if_or_qp_conversion_factor() -> None:
    """A trial: `price 99213 99214 --conversion-factor 32.8409` (and `--qp`) showed the amounts with no word of the CF;
    the single code's table says it."""
    what_if = runner.invoke(app, ["price", "99213", "99214", "--conversion-factor", "32.8409"])
    assert what_if.exit_code == 0 and "what-if, not a CMS rate" in what_if.stdout and "32.8409" in what_if.stdout
    qp = runner.invoke(app, ["price", "99213", "99214", "--qp", "--date", "2026-08-03"])
    assert qp.exit_code == 0 and "qualifying APM (QP)" in qp.stdout
    plain = runner.invoke(app, ["price", "99213", "99214", "--date", "2026-08-03"])
    assert "SCENARIO" not in plain.stdout and "qualifying APM" not in plain.stdout


def test_a_line_the_mac_prices_is_not_priced_in_the_site_table_not_not_payable() -> None:
    """45385-53 in the office: CMS publishes no 53 row and the MAC prices it: the site table says "not priced"."""
    result = run("price", "45385-53", "--zip", "10001", "--date", "2026-08-03")
    offices = [line for line in result.output.splitlines() if line.startswith("│ Office")]
    assert len(offices) == 2, result.output  # the PFS table's row and the site table's
    for office in offices:
        assert "not priced" in office and "not payable" not in office, office


def test_a_line_not_payable_in_the_office_outweighs_a_mac_priced_one() -> None:
    """A trial: 66984 (office PE 'NA') + 29999 (status C) in the office said the encounter "cannot be priced here: your
    Medicare contractor (MAC) prices it" and the total "not priced": asking the MAC would not make 66984 payable."""
    args = ["price", "66984", "29999", "--zip", "10001", "--date", "2025-11-10"]
    office = runner.invoke(app, [*args, "--setting", "office"])
    assert office.exit_code == 1 and "The encounter is not payable here" in office.output
    assert "cannot be priced" not in office.output
    table = " ".join(runner.invoke(app, args).stdout.split())
    # the office has no facility part: "—" under Facility, the verdict under Professional (a cardiology trial)
    assert "Office │ — │ not payable" in table and "Office │ — │ not priced" not in table


def test_usage_lines_read_as_typed_and_state_says_both_meanings() -> None:
    """A newcomer read `Usage: rvucalc price [OPTIONS] {CODE}` (typer's braces; several codes not shown) and `zip
    [OPTIONS] {zip_code}`; and `--state` lists a PFS code's localities but prices a DMEPOS item with the state's fee:
    the help says both."""
    from rvucalc.cli import _single_command_app

    for args, usage in ((["price"], "rvucalc price [OPTIONS] CODE..."), (["compare"], "rvucalc compare [OPTIONS] "
                        "[CODE...]"), (["zip"], "rvucalc zip [OPTIONS] ZIP_CODE"), (["batch"], "rvucalc batch "
                        "[OPTIONS] FILE"), (["data", "use"], "rvucalc data use [OPTIONS] RELEASE")):  # fmt: skip
        result = runner.invoke(app, [*args, "--help"], prog_name="rvucalc")
        assert result.exit_code == 0 and f"Usage: {usage}\n" in result.stdout, result.stdout
        assert "{" not in result.stdout.splitlines()[0]
    single = _single_command_app(["price", "--help"])  # the fast path `rvucalc price` runs through
    assert single is not None
    fast = runner.invoke(single, ["price", "--help"], prog_name="rvucalc")
    assert "Usage: rvucalc price [OPTIONS] CODE...\n" in fast.stdout, fast.stdout
    said = " ".join(runner.invoke(app, ["price", "--help"]).stdout.split())
    assert "A PFS code (99213): its price in every locality of the state" in said
    assert "A DMEPOS item (E0601-RR): priced with that state's DMEPOS fee" in said


def test_zip_says_its_rural_flag_is_not_the_dmepos_one() -> None:
    """A trial: `rvucalc zip 50501` said "Area: Rural" while E0601-RR in Iowa was priced at the non-rural fee
    (DMEPOS26_JAN: IA (NR) $50.70, IA (R) $97.02). The ZIP5 rural indicator is the ambulance fee schedule's area, not
    the DMEPOS rural ZIP list: the zip output says so and how to get the rural fee, which --rural gives."""
    done = run("zip", "50501")
    said = " ".join(done.stdout.split())
    assert "Area: Rural" in said and "not the DMEPOS rural ZIP list" in said and "--rural" in said
    doc = json.loads(run("zip", "50501", "-f", "json").stdout)
    assert doc["rural"] == "R" and "ambulance fee schedule" in doc["area_note"]
    plain = json.loads(run("price", "E0601-RR", "--zip", "50501", "-f", "json").stdout)
    rural = json.loads(run("price", "E0601-RR", "--zip", "50501", "--rural", "-f", "json").stdout)
    assert plain["dmepos"]["amount"] == 50.70 and rural["dmepos"]["amount"] == 97.02


def test_search_finds_preventive_services_by_rvucalc_s_own_name() -> None:
    """A trial: `rvucalc search wellness` found nothing useful: CMS's short descriptors of the AWV are "Ppps, initial
    visit" / "Ppps, subseq visit". Search also matches rvucalc's own preventive-service names (engine.preventive),
    saying so; the descriptors shown stay CMS's. A search that finds nothing says the descriptors are abbreviated."""
    doc = json.loads(run("search", "wellness", "-f", "json").stdout)
    named = {m["code"]: (m["description"], m["name"]) for m in doc["matches"] if m["name"]}
    assert named == {"G0438": ("Ppps, initial visit", "Annual wellness visit (AWV)"),
                     "G0439": ("Ppps, subseq visit", "Annual wellness visit (AWV)")}  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(run("search", "awv", "-f", "csv").stdout)))
    assert {r["code"] for r in rows if r["name"]} == {"G0438", "G0439"}
    none = run("search", "zzqqxx care")
    assert none.exit_code == 1 and "abbreviated" in none.stderr and "care mgmt" in none.stderr
    found = json.loads(run("search", "care mgmt", "-f", "json").stdout)["matches"]
    assert {"99490", "99495"} <= {m["code"] for m in found}


# CMS's influenza vaccine product codes (CMS, "Flu Shot Coding"; the H5, H5N1, H5N8 pandemic vaccines too), whose
# short descriptors in the PFS RVU file say IIV, ccIIV, aIIV, LAIV, RIV, "Flu vac", a subtype or a brand.
FLU_VACCINES = {"90631", "90635", "90653", "90655", "90656", "90657", "90658", "90660", "90661", "90662", "90664",
                "90666", "90667", "90668", "90672", "90673", "90674", "90682", "90685", "90686", "90687", "90688",
                "90689", "90694", "90695", "90756", "Q2034", "Q2035", "Q2036", "Q2037", "Q2038", "Q2039"}  # fmt: skip


def test_search_finds_flu_vaccines_by_plain_words() -> None:
    """A user's `rvucalc search "flu vaccine"` missed 90656 and 90662 (CMS: "Iiv3 vacc no prsv 0.5 ml im", "Iiv no
    prsv increased ag im"). CMS's vaccine acronyms in its descriptors read as the words they stand for; the descriptors
    shown stay CMS's; "flu" that is fluid ("Rem mntr pulm flu mntr setup") is no influenza."""
    for words in ("flu vaccine", "influenza vaccine", "vaccine flu"):
        done = run("search", words, "-f", "json", "--limit", "500")
        assert done.exit_code == 0, done.output
        found = {m["code"]: m["description"] for m in json.loads(done.stdout)["matches"]}
        assert set(found) >= FLU_VACCINES, (words, sorted(FLU_VACCINES - set(found)))
        assert found["90656"] == "Iiv3 vacc no prsv 0.5 ml im" and found["90662"] == "Iiv no prsv increased ag im"
    influenza = {
        m["code"] for m in json.loads(run("search", "influenza", "-f", "json", "--limit", "500").stdout)["matches"]
    }
    assert {"90666", "90660", "90673", "90695"} <= influenza and not {"0607T", "10030", "81513"} & influenza
    pneumococcal = json.loads(run("search", "pneumococcal vaccine", "-f", "json", "--limit", "500").stdout)["matches"]
    assert {"90670", "90671", "90677", "90684", "90732"} <= {m["code"] for m in pneumococcal}


@pytest.mark.parametrize(
    ("short", "word", "abbreviates"),
    [("arthrs", "arthroscopy", True), ("kne", "knee", True), ("mnisectmy", "meniscectomy", True),
     ("methylpred", "methylprednisolone", True), ("art", "arthroscopy", False), ("cancer", "craniocervical", False),
     ("cranial", "craniocervical", False), ("gls", "glucose", False), ("kn", "knee", False)],
)  # fmt: skip
def test_an_abbreviation_keeps_the_word_s_first_letter_and_consonants(short: str, word: str, abbreviates: bool) -> None:
    from rvucalc.reference.search_words import descriptor_matcher

    assert descriptor_matcher(word)(f"Xx {short} yy") is abbreviates


def test_an_encounter_no_line_of_which_is_priced_at_its_setting_says_so_not_that_others_are() -> None:
    """A trial: `price 99214-25 96413 J9271-JZ --setting 22` (a date whose year's OPPS Addendum B is not installed)
    told of 99214-25 and 96413 "the encounter's other lines are priced, and its totals say which lines they leave
    out", where the hospital's total is not priced at all (J9271-JZ's ASP amount is its drug line's, not the site's).
    No line has an amount at the hospital: said so."""
    args = ["price", "99214-25", "96413", "J9271-JZ", "--units", "1", "--units", "1", "--units", "200", "--zip",
            "10001", "--setting", "22", "--date", "2026-03-10", "-f", "json"]  # fmt: skip
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    encounter = json.loads(result.stdout)
    assert not encounter["totals"]["hopd"]["payable"]
    assert not any(site["payable"] for line in encounter["lines"] for site in line["sites"])
    assert "96413 has no amount here" in result.stderr
    assert "no line of the encounter is priced at this site" in result.stderr
    assert "other lines are priced" not in result.stderr
    # Where another line is paid at the site, as before.
    result = runner.invoke(app, ["price", "99213", "27447", "--zip", "10001", "--date", "2025-11-03", "--setting",
                                 "11"])  # fmt: skip
    assert "27447 has no amount here" in result.stderr and "other lines are priced" in result.stderr


def test_search_takes_unquoted_words_as_one_query() -> None:
    """An interventional radiology trial typed `rvucalc search vena cava filter` and got a usage error ("Got
    unexpected extra argument(s) (cava filter)"): the words are one query, the same as the quoted form's."""
    unquoted = run("search", "vena", "cava", "filter", "-f", "json")
    assert unquoted.exit_code == 0, unquoted.output
    quoted = run("search", "vena cava filter", "-f", "json")
    assert json.loads(unquoted.stdout) == json.loads(quoted.stdout)
    codes = {m["code"] for m in json.loads(unquoted.stdout)["matches"]}
    assert {"37191", "37192", "37193"} <= codes  # CMS's "Ins endovas vena cava filtr", "Rem ... filter"
    none = run("search", "zzqq", "xxyy")
    assert none.exit_code == 1 and "'zzqq xxyy'" in none.output


def test_a_drug_s_caption_says_one_unit_in_the_singular() -> None:
    """A urology trial: `price J9217-JZ` (Lupron, one 7.5 mg unit) said "limit per billing unit x 1 units"."""
    one = run("price", "J9217-JZ", "--zip", "80218", "--date", "2026-03-01")
    assert one.exit_code == 0, one.output
    said = " ".join(one.stdout.split())
    assert "limit per billing unit x 1 unit, rounded once" in said and "x 1 units" not in said, said
    six = run("price", "J9217", "--units", "6", "--zip", "80218", "--date", "2026-03-01")
    assert "limit per billing unit x 6 units, rounded once" in " ".join(six.stdout.split()), six.output
