"""Maryland hospitals are not paid under the OPPS (Social Security Act §1814(b)(3) waiver; CMS, "Maryland All-Payer
Model": the waiver "exempts Maryland from the ... Outpatient Prospective Payment System (OPPS) and allows Maryland to
set rates for these services"): a Maryland place's hospital (HOPD) site is not priced, and says why, in `price` (table,
JSON, CSV) and `batch` (rows, claims, --paid-for facility, --summary), alike. The PFS amounts and the ASC's rate stay.

CMS's figures compared: 45378's OPPS Addendum B row (October 2025: APC 5311, $911.710) and Addendum AA row ($489.47),
and the CY2025 ASC wage index of CBSA 12580 (Baltimore-Columbia-Towson, MD), read from the shipped files."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine.hospitals import MARYLAND_OPPS_NOTE, MARYLAND_OPPS_REASON, maryland_place
from rvucalc.errors import RvucalcError
from rvucalc.lookup.pricer import Pricer
from test_differential import _agree, _single

DATA = Path(__file__).resolve().parents[1] / "data" / "opps" / "2025"
ADDENDUM_B = DATA / "508 version of October 2025 Web Addendum B.10.31.25.csv"
ADDENDUM_AA = DATA / "asc" / "10" / "AA.csv"
ASC_WAGE_INDEX = DATA / "asc_wage_index_2025.txt"
DAY = "2025-11-10"
BALTIMORE = "21201"  # Baltimore city, MD (CBSA 12580)
BETHESDA = "20814"  # Montgomery County, MD, in PFS locality 1220201 (DC + MD/VA suburbs)
WASHINGTON = "20001"  # the District of Columbia, the same locality


def _dollars(text: str) -> Decimal:
    return Decimal(text.replace("$", "").replace(",", "").strip())


def _row(path: Path, code: str) -> list[str]:
    with path.open(encoding="latin-1", newline="") as handle:
        return next(row for row in csv.reader(handle) if row and row[0] == code)


def _asc_rate(code: str) -> Decimal:
    """CMS's ASC rate at Baltimore: Addendum AA's national rate, half of it wage-adjusted by CBSA 12580's index."""
    national = _dollars(_row(ADDENDUM_AA, code)[-1])
    wage = next(Decimal(line.split("\t")[-1]) for line in ASC_WAGE_INDEX.read_text(encoding="latin-1").splitlines()
                if line.startswith("12580\t"))  # fmt: skip
    return (national / 2 + national / 2 * wage).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _site(result: Any, setting: str) -> Any:
    return next(site for site in result.sites if site.setting == setting)


def test_the_places_that_are_in_maryland() -> None:
    assert maryland_place("MD", "DC", True)  # a Bethesda ZIP in the DC locality
    assert not maryland_place("DC", "DC", True)
    assert maryland_place(None, "MD", False)  # locality 1230201 or 1230299
    assert not maryland_place(None, "DC", False)  # 1220201 spans DC, MD and VA: not said by the locality


@pytest.mark.parametrize("place", [{"zip_code": BALTIMORE}, {"zip_code": BETHESDA}, {"locality": "1230299"}])
def test_a_maryland_hospital_is_not_priced_under_the_opps(pricer: Pricer, place: dict[str, str]) -> None:
    result = pricer.price("45378", date_of_service=DAY, **place)
    hopd = _site(result, "hopd")
    assert (hopd.payable, hopd.status, hopd.total, hopd.medicare) == (False, "not_priced", None, None)
    assert hopd.reason == MARYLAND_OPPS_REASON and "§1814(b)(3)" in hopd.reason
    assert MARYLAND_OPPS_NOTE in result.notes
    assert not result.opps.payable and result.opps.rate is None
    # Addendum B's entry is still the code's (its SI and APC), for information
    assert (result.opps.status_indicator, result.opps.apc) == tuple(_row(ADDENDUM_B, "45378")[2:4])
    # the physician's fee at the hospital is the PFS facility amount, as anywhere
    assert hopd.professional_payment == result.pfs.facility.amount


def test_the_asc_and_the_pfs_stay_in_maryland(pricer: Pricer) -> None:
    result = pricer.price("45378", date_of_service=DAY, zip_code=BALTIMORE)
    assert result.asc.rate == _asc_rate("45378")
    asc = _site(result, "asc")
    assert asc.payable and asc.total == result.asc.rate + result.pfs.facility.amount
    assert _site(result, "office").total == result.pfs.non_facility.amount


def test_outside_maryland_the_hospital_is_priced(pricer: Pricer) -> None:
    """The District's ZIP of the same locality, and the locality given alone: Addendum B's rate, as before."""
    for place in ({"zip_code": WASHINGTON}, {"locality": "1220201"}):
        result = pricer.price("45378", date_of_service=DAY, **place)
        assert result.opps.payable and _site(result, "hopd").payable, place
        assert MARYLAND_OPPS_NOTE not in result.notes


def test_an_encounter_in_maryland_has_no_hospital_total(pricer: Pricer) -> None:
    result = pricer.price_encounter(["45378", "45380"], date_of_service=DAY, zip_code=BALTIMORE)
    assert all(not line.opps.payable for line in result.lines)
    assert result.totals["hopd"].status == "not_priced" and result.totals["hopd"].total is None
    assert result.totals["asc"].payable


def test_the_cli_says_not_priced_in_table_json_and_csv() -> None:
    runner = CliRunner()
    table = runner.invoke(app, ["price", "45378", "--zip", BALTIMORE, "--date", DAY])
    assert table.exit_code == 0, table.output
    assert "$873.47" not in table.stdout and "not priced" in table.stdout
    assert "Maryland hospital: not paid under the OPPS" in " ".join(table.stdout.split())
    done = runner.invoke(app, ["price", "45378", "--zip", BALTIMORE, "--date", DAY, "-f", "json"])
    hopd = next(site for site in json.loads(done.stdout)["sites"] if site["setting"] == "hopd")
    assert (hopd["status"], hopd["medicare"], hopd["reason"]) == ("not_priced", None, MARYLAND_OPPS_REASON)
    done = runner.invoke(app, ["price", "45378", "--zip", BALTIMORE, "--date", DAY, "-f", "csv"])
    row = next(csv.DictReader(done.stdout.splitlines()))
    assert (row["site_hopd_total"], row["site_hopd_status"]) == ("", "not_priced")
    assert row["site_hopd_reason"] == MARYLAND_OPPS_REASON


LINES = [
    {"code": "45378", "modifier": "", "zip": BALTIMORE, "locality": "", "setting": "hopd", "units": ""},
    {"code": "45378", "modifier": "", "zip": BALTIMORE, "locality": "", "setting": "asc", "units": ""},
    {"code": "45378", "modifier": "", "zip": BALTIMORE, "locality": "", "setting": "", "units": ""},
    {"code": "45378", "modifier": "", "zip": BALTIMORE, "locality": "", "setting": "office", "units": ""},
    {"code": "45378", "modifier": "73", "zip": BETHESDA, "locality": "", "setting": "hopd", "units": ""},
    {"code": "45385", "modifier": "", "zip": "", "locality": "1230201", "setting": "hopd", "units": "2"},
    {"code": "99213", "modifier": "", "zip": BALTIMORE, "locality": "", "setting": "hopd", "units": ""},
    {"code": "G0463", "modifier": "PO", "zip": BALTIMORE, "locality": "", "setting": "", "units": ""},
    {"code": "45378", "modifier": "", "zip": WASHINGTON, "locality": "", "setting": "hopd", "units": ""},
]


def _lines() -> list[dict[str, str]]:
    return [{**line, "date": DAY, "base_units": "", "minutes": "", "state": ""} for line in LINES]


def test_single_lookups_and_batch_agree_on_maryland_lines(pricer: Pricer) -> None:
    lines = _lines()
    rows = BatchPricer(pricer).price_table(pa.table({name: [line[name] for line in lines] for name in lines[0]}))
    for line, out in zip(lines, rows.to_pylist(), strict=True):
        single = _single(pricer, line)
        assert not isinstance(single, RvucalcError), line
        _agree(line, single, out)
    assert rows.column("hopd_allowed").to_pylist()[0] is None
    assert rows.column("hopd_allowed").to_pylist()[-1] is not None  # the District's hospital


def test_a_maryland_claim_agrees_with_its_encounter(pricer: Pricer) -> None:
    """A claim of two procedures at a Maryland hospital (batch's claim path: its encounter rules): no OPPS line is
    priced, as `rvucalc price 45378 45380`; the ASC claim's discounting is as before."""
    for setting in ("hopd", "asc"):
        columns = {"claim": ["1", "1"], "code": ["45378", "45380"], "zip": [BALTIMORE] * 2, "date": [DAY] * 2,
                   "setting": [setting] * 2}  # fmt: skip
        rows = BatchPricer(pricer).price_table(pa.table(columns)).to_pylist()
        encounter = pricer.price_encounter(["45378", "45380"], zip_code=BALTIMORE, date_of_service=DAY,
                                           setting=setting)  # fmt: skip
        for out, line in zip(rows, encounter.lines, strict=True):
            site = line.sites[0]
            expected = site.total if site.payable else None
            assert out["allowed"] == expected, (setting, out["note"])
            assert (out["opps_rate"] is None) == (line.opps.rate is None)
            if setting == "hopd":
                assert MARYLAND_OPPS_REASON in out["note"]


def test_a_line_at_a_maryland_hospital_says_the_waiver_once(tmp_path: Path) -> None:
    """A faculty practice trial: 71046 at POS 22 in Baltimore had the waiver twice in its batch note (the hospital
    site's reason and the line's note, two slots). At the hospital (POS 19, 22, 23) its site's reason says it, in
    batch and in price; the line's note stays where the hospital is shown beside the other sites (no setting).
    Addendum B pays the codes (CMS's rows); the waiver takes their rates away, their physician's fee stays."""
    for code in ("71046", "45378", "99283"):
        assert _dollars(_row(ADDENDUM_B, code)[5]) > 0, code  # the national rate: paid under the OPPS elsewhere
    rows = [{"claim": str(number), "code": code, "zip": BALTIMORE, "date": DAY, "pos": pos, "paid": "10.00"}
            for number, (code, pos) in enumerate([("71046", "22"), ("45378", "22"), ("45378", "19"),
                                                  ("99283", "23"), ("45378", "")])]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    for row in out[:-1]:
        assert row["note"].count("§1814(b)(3)") == 1 and MARYLAND_OPPS_NOTE not in row["note"], row["note"]
        assert row["opps_rate"] == "" and row["professional_allowed"], row
    assert MARYLAND_OPPS_NOTE in out[-1]["note"] and out[-1]["note"].count("Health Services Cost Review") == 1
    runner = CliRunner()
    at_hospital = runner.invoke(app, ["price", "71046", "--zip", BALTIMORE, "--date", DAY, "--setting", "22"])
    assert at_hospital.exit_code == 0, at_hospital.output
    said = " ".join(at_hospital.stdout.split())
    assert said.count("§1814(b)(3)") == 1 and "In Maryland only" not in said, said
    anywhere = runner.invoke(app, ["price", "71046", "--zip", BALTIMORE, "--date", DAY])
    assert "In Maryland only the hospital's (OPPS) payment" in " ".join(anywhere.stdout.split())


def test_paid_for_facility_does_not_call_a_maryland_hospital_underpaid(tmp_path: Path) -> None:
    """A hospital's remittance in Baltimore was compared with the OPPS ($903.67) and called underpaid; HSCRC's rate is
    not rvucalc's: no expected amount, and the summary counts no underpayment for it. The ASC row is compared."""
    rows = [
        {"claim": "1", "code": "45378", "zip": BALTIMORE, "date": DAY, "pos": "22", "paid": "800.00"},
        {"claim": "2", "code": "45378", "zip": BALTIMORE, "date": DAY, "pos": "24", "paid": "485.87"},
    ]
    summary = tmp_path / "summary.json"
    done, out = run_batch_rows(tmp_path, rows, "--paid-for", "facility", "--summary", str(summary))
    assert done.exit_code == 0, done.output
    assert (out[0]["expected"], out[0]["variance"], out[0]["hopd_allowed"]) == ("", "", "")
    assert MARYLAND_OPPS_REASON in out[0]["note"]
    assert Decimal(out[1]["expected"]) == _asc_rate("45378") and Decimal(out[1]["variance"]) == 0
    totals = json.loads(summary.read_text())
    assert totals["underpaid"]["rows"] == 0 and "hopd" not in totals["totals"]


def test_compare_at_a_maryland_zip_does_not_price_the_opps() -> None:
    """`compare --what opps --zip` wage-adjusts Addendum B's rates at the ZIP: in Maryland, not priced, and why; the
    ASC's are compared as before."""
    runner = CliRunner()
    span = ["--from", "2025-01", "--to", "2025-10", "--zip", BALTIMORE, "-f", "json"]
    done = runner.invoke(app, ["compare", "45378", "--what", "opps", *span])
    assert done.exit_code == 0, done.output
    result = json.loads(done.stdout)
    rate = result["codes"][0]["amounts"]["rate"]
    assert (rate["before"], rate["after"], rate["reason_after"]) == (None, None, MARYLAND_OPPS_REASON)
    assert MARYLAND_OPPS_NOTE in result["notes"]
    table = runner.invoke(app, ["compare", "45378", "--what", "opps", *span[:-2]])
    assert "not priced" in table.stdout and "$903.67" not in table.stdout
    done = runner.invoke(app, ["compare", "45378", "--what", "asc", *span])
    assert Decimal(str(json.loads(done.stdout)["codes"][0]["amounts"]["rate"]["after"])) == _asc_rate("45378")


# CY2026's Addendum B is not shipped (data/opps/2026 holds the ASC addenda alone): a Maryland hospital's line of that
# year still says the waiver, not to install the file (a trial: 90853 at a Baltimore hospital in March 2026 was told
# to add Addendum B, its March 2025 line saying the waiver). Installing it would never price the line.
UNINSTALLED_DAY = "2026-03-04"


def test_a_maryland_hospital_says_the_waiver_in_a_year_without_addendum_b(pricer: Pricer) -> None:
    result = pricer.price("90853", date_of_service=UNINSTALLED_DAY, zip_code=BALTIMORE, setting="hopd")
    hopd = _site(result, "hopd")
    assert not result.opps.installed  # the year's Addendum B not installed
    assert (hopd.status, hopd.reason) == ("not_priced", MARYLAND_OPPS_REASON)
    assert MARYLAND_OPPS_NOTE not in result.notes  # at the hospital its site's reason says the waiver, once
    assert hopd.professional_payment == result.pfs.facility.amount
    # The District's hospital, of the same locality: the file is still to be installed there.
    elsewhere = pricer.price("90853", date_of_service=UNINSTALLED_DAY, zip_code=WASHINGTON, setting="hopd")
    assert "rates not installed" in (_site(elsewhere, "hopd").reason or "")
    assert MARYLAND_OPPS_NOTE not in elsewhere.notes


def test_batch_agrees_in_a_year_without_addendum_b(pricer: Pricer, tmp_path: Path) -> None:
    """Its rows as the single lookups (a therapy line keeps its PFS-paid hospital: engine.hopd_therapy), and the
    summary does not count a Maryland hospital's row among those CY2026's Addendum B would price."""
    codes = ["90853", "99213", "97110", "45378"]
    lines = [{**line, "date": UNINSTALLED_DAY, "code": code} for line in _lines()[:1] for code in codes]
    lines += [{**lines[0], "zip": WASHINGTON}]
    rows = BatchPricer(pricer).price_table(pa.table({name: [line[name] for line in lines] for name in lines[0]}))
    for line, out in zip(lines, rows.to_pylist(), strict=True):
        single = _single(pricer, line)
        assert not isinstance(single, RvucalcError), line
        _agree(line, single, out)
        in_maryland = line["zip"] == BALTIMORE
        assert (MARYLAND_OPPS_REASON in out["note"]) == (in_maryland and line["code"] != "97110"), line
        assert ("OPPS CY2026 rates not installed" in out["note"]) == (not in_maryland), line
    summary = tmp_path / "summary.json"
    places = [
        {"code": "90853", "zip": zip_code, "date": UNINSTALLED_DAY, "pos": "22"} for zip_code in (BALTIMORE, WASHINGTON)
    ]
    done, _ = run_batch_rows(tmp_path, places, "--summary", str(summary))
    assert done.exit_code == 0, done.output
    assert "1 hospital row: CY2026 OPPS rates not installed" in " ".join(done.output.split())


@pytest.mark.parametrize("code", ["97110", "77067"])
def test_a_pfs_paid_hospital_line_in_maryland_has_no_waiver_in_a_year_without_addendum_b(
    pricer: Pricer, code: str
) -> None:
    """Therapy and mammography at a hospital are paid under the PFS in Maryland as elsewhere (engine.hopd_therapy):
    the waiver is not their reason, in a year whose Addendum B is not installed as in one whose is (they had said it
    where the file was missing, and not where it was installed)."""
    result = pricer.price(code, date_of_service=UNINSTALLED_DAY, zip_code=BALTIMORE)
    hopd = _site(result, "hopd")
    assert not result.opps.installed
    assert MARYLAND_OPPS_NOTE not in result.notes
    assert hopd.payable and hopd.reason != MARYLAND_OPPS_REASON
    # The hospital's amount is the PFS's: the office's (therapy), the TC's non-facility amount (mammography).
    office = pricer.price(code if code == "97110" else f"{code}-TC", date_of_service=UNINSTALLED_DAY,
                          zip_code=BALTIMORE)  # fmt: skip
    assert hopd.facility_payment == office.pfs.non_facility.amount
    line = {**_lines()[0], "date": UNINSTALLED_DAY, "code": code, "zip": BALTIMORE, "modifier": ""}
    rows = BatchPricer(pricer).price_table(pa.table({name: [value] for name, value in line.items()}))
    out = rows.to_pylist()[0]
    _agree(line, _single(pricer, line), out)
    assert MARYLAND_OPPS_NOTE not in out["note"] and MARYLAND_OPPS_REASON not in out["note"]


def test_the_wage_areas_that_are_maryland_s() -> None:
    """By CMS's name for the area in the wage index file: the states after the comma, or a rural area's state."""
    from rvucalc.engine.hospitals import MARYLAND_AREA_ALL, MARYLAND_AREA_PART, maryland_area

    assert maryland_area("12580", "Baltimore-Columbia-Towson, MD") == MARYLAND_AREA_ALL
    assert maryland_area("21", "MARYLAND") == MARYLAND_AREA_ALL  # the state's rural area
    assert maryland_area("47764", '"Washington, DC-MD"') == MARYLAND_AREA_PART
    assert maryland_area("48864", "Wilmington, DE-MD-NJ") == MARYLAND_AREA_PART
    assert maryland_area("20", "MAINE") is None
    assert maryland_area("37964", "Philadelphia, PA") is None
    assert maryland_area("11694", "Arlington-Alexandria-Reston, VA-WV") is None


def test_the_opps_export_does_not_price_maryland_wage_areas(pricer: Pricer) -> None:
    """`export --what opps --cbsa 12580` wrote Addendum B's rates wage-adjusted for Baltimore ($903.67 for 45378) as
    if a Maryland hospital were paid them. A wage area wholly Maryland's (a CBSA named `, MD`, the state's rural area
    21) has its rates blank and the waiver's reason, as `price` there; an area Maryland shares (Washington, DC-MD)
    keeps the rate, `price`'s at a District ZIP, its reason saying a Maryland hospital there is not paid it."""
    import pandas as pd

    import rvucalc.export as export
    from rvucalc.engine.hospitals import MARYLAND_AREA_PART_REASON, MARYLAND_AREA_REASON

    warnings: list[str] = []
    grid = pd.concat(list(export.facility_frames(pricer, "opps", 2025, True, warnings,
                                                 cbsa=["12580", "21", "47764", "35614"])))  # fmt: skip
    rows = {(row.hcpcs, row.cbsa): row for row in grid.itertuples() if row.hcpcs in ("45378", "J9271")}
    national = _dollars(_row(ADDENDUM_B, "45378")[5])
    wage = next(Decimal(line.split("\t")[-1]) for line in ASC_WAGE_INDEX.read_text(encoding="latin-1").splitlines()
                if line.startswith("47764\t"))  # fmt: skip
    for cbsa in ("12580", "21"):
        for code in ("45378", "J9271"):  # a drug's national rate is no Maryland hospital's payment either
            row = rows[(code, cbsa)]
            assert pd.isna(row.rate) and row.rate_reason == MARYLAND_AREA_REASON, row
    washington = rows[("45378", "47764")]
    assert Decimal(str(washington.rate)) == (national * (Decimal("0.6") * wage + Decimal("0.4"))).quantize(
        Decimal("0.01"), ROUND_HALF_UP)  # fmt: skip
    assert washington.rate_reason == MARYLAND_AREA_PART_REASON
    assert Decimal(str(washington.rate)) == pricer.price("45378", date_of_service=DAY, zip_code=WASHINGTON).opps.rate
    assert rows[("45378", "35614")].rate_reason == ""  # New York: as before
    assert any("12580 Baltimore-Columbia-Towson, MD" in line and "§1814(b)(3)" in line for line in warnings)
    assert not any("more than once" in line and "21" in line for line in warnings)  # its rates are blank for the waiver


def test_a_drug_at_a_maryland_hospital_is_not_told_to_install_the_asp_file(pricer: Pricer, tmp_path: Path) -> None:
    """J2250 (midazolam) on a Baltimore hospital's bill (type of bill 131) in November 2025: Addendum B packages it
    (SI N), the waiver takes that away, and its note said "ASP CY2025 not installed ... Add it with: rvucalc data
    refresh", the physician office's file, which the hospital's payment does not need (a Delaware hospital's line says
    the office's amount is not shown). It says so in Maryland too, in batch and price alike; `price --setting 22`'s
    stderr gives the waiver as the reason, not the ASP file's advice."""
    from rvucalc.engine.meanings import maryland_drug_office_note

    assert _row(ADDENDUM_B, "J2250")[2] == "N"
    said = maryland_drug_office_note("CY2025 ASP")
    result = pricer.price("J2250", date_of_service=DAY, zip_code=BALTIMORE, setting="hopd")
    assert said in result.notes and not any("Add it with" in note for note in result.notes), result.notes
    assert _site(result, "hopd").reason == MARYLAND_OPPS_REASON
    rows = [{"claim": "1", "code": "J2250", "units": "2", "zip": BALTIMORE, "date": DAY, "tob": "131"}]
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    assert said in out[0]["note"] and "Add it with" not in out[0]["note"] and MARYLAND_OPPS_REASON in out[0]["note"]
    refused = CliRunner().invoke(app, ["price", "J2250", "--zip", BALTIMORE, "--date", DAY, "--setting", "22"])
    assert refused.exit_code == 1
    assert MARYLAND_OPPS_REASON in refused.stderr and "Add it with" not in refused.stderr, refused.stderr
    assert "ask your MAC" not in refused.stderr


def test_a_wage_index_given_for_a_maryland_hospital_is_said_unused(tmp_path: Path) -> None:
    """A review: `price 45378 --zip 21201 --setting 22 --wage-index 0.95` priced as without it, silently. The
    hospital's wage index adjusts its OPPS rate, which a Maryland hospital is not paid (the §1814(b)(3) waiver): said on
    stderr, in price and batch, the output and exit unchanged. Elsewhere (DC, priced under the OPPS) nothing is said.
    Addendum B pays 45378 under the OPPS (CMS's row), so it is the waiver, not the code, that leaves it unused."""
    assert _dollars(_row(ADDENDUM_B, "45378")[5]) > 0
    runner = CliRunner()
    base = ["price", "45378", "--zip", BALTIMORE, "--date", DAY, "--setting", "22"]
    given, plain = runner.invoke(app, [*base, "--wage-index", "0.95"]), runner.invoke(app, base)
    assert given.exit_code == plain.exit_code == 0, given.output
    assert given.stdout == plain.stdout
    said = " ".join(given.stderr.split())
    assert "--wage-index 0.95 is not used for a Maryland hospital" in said and "§1814(b)(3)" in said, said
    assert "is not used for a Maryland hospital" not in plain.stderr
    elsewhere = runner.invoke(app, ["price", "45378", "--zip", WASHINGTON, "--date", DAY, "--setting", "22",
                                    "--wage-index", "0.95"])  # fmt: skip
    assert elsewhere.exit_code == 0 and "is not used for a Maryland hospital" not in elsewhere.stderr
    rows = [{"claim": "1", "code": "45378", "zip": BALTIMORE, "date": DAY, "pos": "22"},
            {"claim": "2", "code": "99213", "zip": BALTIMORE, "date": DAY, "pos": "11"}]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows, "--wage-index", "0.95")
    again, out_plain = run_batch_rows(tmp_path, rows)
    assert done.exit_code == again.exit_code == 0, done.output
    assert out == out_plain
    said = " ".join(done.stderr.split())
    assert said.count("--wage-index 0.95 is not used for a Maryland hospital") == 1, said
    assert "is not used for a Maryland hospital" not in again.stderr
    dc = [{**rows[0], "zip": WASHINGTON}]
    done, _ = run_batch_rows(tmp_path, dc, "--wage-index", "0.95")
    assert done.exit_code == 0 and "is not used for a Maryland hospital" not in done.stderr
