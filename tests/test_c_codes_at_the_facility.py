"""A cardiology trial: a C code, or a technical-only code, at a hospital or ASC left out a fee it has none of.

`price 92928-RC C1874 --zip 37203 --date 2026-02-17 --setting 24` (a stent placed at an ASC, with the drug-eluting
stent's device code) said under the ASC's total "C1874: Professional fee not included: Not paid under the PFS", as if
a physician's fee were missing from it. A C code is valid on the hospital's and the ASC's claims alone, never on a
physician's (MLN Matters MM5027, Claims Processing Manual ch. 4 §20.7: ``engine.pfs.OPPS_C_CODE_REASON``), as an A,
J or Q item the facility bills (``engine.facility.FACILITY_ITEM_SECTIONS``): its sites there leave out no
professional fee. The line keeps the C code's reason, and the ASC's amounts are CMS's (Addenda AA, BB and FF of
January 2026, the CY2026 ASC wage index, RVU26C and GPCI2026)."""

from __future__ import annotations

import csv
from decimal import Decimal
from typing import Any

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.pfs import OPPS_C_CODE_REASON
from rvucalc.paths import data_dir
from test_cardiology_trial import rvu_row
from test_imaging_order import gpci, once

NASHVILLE, DATE = "37203", "2026-02-17"
TENNESSEE_2026 = ("10312", "35")  # GPCI2026's carrier and locality number (ZIP 37203: 1031235)
NOT_INCLUDED = "Professional fee not included"


def _addendum(name: str, code: str) -> list[str]:
    with data_dir().joinpath("opps", "2026", "asc", "01", f"{name}.csv").open(newline="", encoding="latin-1") as f:
        return next(row for row in csv.reader(f) if row[:1] == [code])


def _dollars(cell: str) -> Decimal:
    return Decimal(cell.replace("$", "").replace(",", "").strip())


def _nashville_asc_wage_index() -> Decimal:
    with data_dir().joinpath("opps", "2026", "asc_wage_index_2026.csv").open(newline="", encoding="latin-1") as f:
        return next(Decimal(row[2]) for row in csv.reader(f) if row[:1] == ["34980"])


def test_a_device_c_code_at_the_asc_leaves_out_no_professional_fee(pricer: Any) -> None:
    stent, device = _addendum("AA", "92928"), _addendum("BB", "C1874")
    assert stent[4] == "J8" and device[4] == "N1"  # CMS's own: device-intensive; the device packaged
    offset = _dollars(_addendum("FF", "92928")[8])  # the device portion
    wage = _nashville_asc_wage_index()
    asc_rate = once(offset + (_dollars(stent[6]) - offset) * (Decimal("0.5") * wage + Decimal("0.5")))
    row = rvu_row("2026C", "92928")
    work, pe, mp, cf = (Decimal(row[i]) for i in (5, 8, 10, 25))
    w, p, m = gpci(2026, *TENNESSEE_2026)
    physician = once((work * w + pe * p + mp * m) * cf)
    assert (asc_rate, physician) == (Decimal("7160.14"), Decimal("422.78"))

    encounter = pricer.price_encounter(["92928-RC", "C1874"], zip_code=NASHVILLE, date_of_service=DATE, setting="asc")
    total = encounter.totals["asc"]
    assert (total.facility_payment, total.professional_payment) == (asc_rate, physician)
    assert NOT_INCLUDED not in (total.reason or "")
    [site] = encounter.lines[1].sites
    assert site.payable and site.reason is None and site.professional_payment is None
    assert encounter.lines[1].pfs.facility.reason == OPPS_C_CODE_REASON  # the line still says what a C code is

    command = ["price", "92928-RC", "C1874", "--zip", NASHVILLE, "--date", DATE, "--setting", "24"]
    done = CliRunner().invoke(app, command)
    assert done.exit_code == 0, done.output
    said = " ".join(done.stdout.split())
    assert NOT_INCLUDED not in said and "$7,582.92" in said  # 7,160.14 + 422.78
    assert OPPS_C_CODE_REASON.split(":")[0] in said


def test_a_procedure_c_code_alone_at_the_hospital_and_asc_says_no_fee_left_out(pricer: Any) -> None:
    """C9600 (the facility's code for a drug-eluting stent; the physician bills 92928): its own line at both sites."""
    assert _addendum("AA", "C9600")[4] == "J8"
    result = pricer.price("C9600", zip_code=NASHVILLE, date_of_service="2025-11-05")
    office, hopd, asc = result.sites
    assert office.reason == OPPS_C_CODE_REASON and not office.payable
    assert hopd.payable and asc.payable
    assert hopd.reason is None and asc.reason is None


def test_a_technical_only_code_at_the_hospital_leaves_out_no_professional_fee(pricer: Any) -> None:
    """93296 (remote interrogation, technical only) at POS 22 read "Professional fee not included: ... and it has no
    professional fee": its reason alone is said. The hospital's amount is CMS's: October 2025 Addendum B's rate, 60%
    wage-adjusted by the CY2025 index of CBSA 34980 (the ASC file's, rvucalc's estimate for a hospital)."""
    from rvucalc.engine.pfs import TECHNICAL_ONLY_IN_FACILITY_REASON

    assert rvu_row("2025D", "93296")[13] == "3"  # CMS's PC/TC indicator: technical component only
    addendum_b = data_dir().joinpath("opps", "2025", "508 version of October 2025 Web Addendum B.10.31.25.csv")
    with addendum_b.open(newline="", encoding="latin-1") as f:
        row = next(row for row in csv.reader(f) if row[:1] == ["93296"])
    with data_dir().joinpath("opps", "2025", "asc_wage_index_2025.txt").open(encoding="latin-1") as f:
        wage = next(Decimal(line.split("\t")[2]) for line in f if line.startswith("34980\t"))
    rate = once(_dollars(row[5]) * (Decimal("0.6") * wage + Decimal("0.4")))
    assert (row[2], rate) == ("Q1", Decimal("35.86"))
    result = pricer.price("93296", zip_code=NASHVILLE, date_of_service="2025-11-05", setting="hopd")
    [hopd] = result.sites
    assert hopd.payable and hopd.total == rate and hopd.professional_payment is None
    assert hopd.reason == TECHNICAL_ONLY_IN_FACILITY_REASON
    done = CliRunner().invoke(app, ["price", "93296", "--zip", NASHVILLE, "--date", "2025-11-05", "--setting", "22"])
    assert done.exit_code == 0, done.output
    assert NOT_INCLUDED not in " ".join(done.stdout.split())
