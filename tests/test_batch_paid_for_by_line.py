"""`rvucalc batch` without --paid-for: a row that says whose claim it is, is compared with that claim's amount.

(a) A physician group's trial: 73721-26 at POS 22 in Atlanta, paid $61.98, was given expected $306.76 and variance
-$244.78 ("claims paid less than expected"): the default compared it with the hospital site's whole allowed amount (the
OPPS rate plus the physician's fee), though a professional component (26) is only ever on the physician's claim, which
pays its PFS facility amount: RVU25A's 1.35 / 0.50 / 0.06 x Atlanta's GPCIs x CF 32.3465 = $61.98, exactly paid.
(b) A hospital's trial: a UB-04 file (type of bill 13x, 83x) with a paid column, whose claims pay the facility alone,
was compared with the site's whole allowed amount, the physician's fee included. Both are now compared with their own
claim's amount (as --paid-for professional, --paid-for facility), noted on the row and counted on stderr and in
--summary's paid_for_by_line; an explicit --paid-for (site too) is obeyed as before. Amounts are CMS's: the RVU file
(PPRRVU), the GPCI file (Addendum E) and the OPPS Addendum B, read here.
"""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from rvucalc.batch.price import (
    FACILITY_CLAIM_WORDS,
    PAID_AS_FACILITY_NOTE,
    PAID_AS_PROFESSIONAL_NOTE,
    PAID_AT_FACILITY_NOTE,
)
from rvucalc.cli import app

DATA = Path(__file__).resolve().parents[1] / "data"
CENT = Decimal("0.01")
TRIAL = """Claim ID,DOS,CPT Code,Mod 1,Units,POS,Zip Code,Paid Amount
R2,5/6/2025,73721,26,1,22,30309,61.98
"""
# A hospital's and an ASC's claims (UB-04): the hospital's at wage index 1.0 (--wage-index), where its rate is
# Addendum B's national rate.
UB04 = """Patient Control Number,Type of Bill,Statement From,Rev Code,HCPCS,Units,Service Facility ZIP,Paid Amount
PCN1,0131,10/20/2025,0610,73721,1,30309,241.72
PCN2,0831,10/22/2025,0360,29881,1,30309,1500.00
"""
UB04_OPTIONS = ["--wage-index", "1.0", "--columns", "date=Statement From,claim=Patient Control Number"]


def _money(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value)).quantize(CENT)


def _rvu_row(path: str, code: str, modifier: str) -> list[str]:
    """CMS's RVU file row of a code and modifier."""
    with (DATA / path).open(encoding="latin-1", newline="") as handle:
        return next(row for row in csv.reader(handle) if row[:2] == [code, modifier])


def _atlanta_gpcis() -> tuple[Decimal, Decimal, Decimal]:
    """CMS's 2025 GPCIs (work with the 1.0 floor, PE, MP) of MAC 10212 locality 01, Atlanta (ZIP 30309)."""
    with (DATA / "gpci/2025/GPCI2025.csv").open(encoding="latin-1", newline="") as handle:
        row = next(row for row in csv.reader(handle) if row[:3] == ["10212", "GA", "01"])
    return Decimal(row[4]), Decimal(row[5]), Decimal(row[6])


def _pfs_facility_amount(path: str, code: str, modifier: str) -> Decimal:
    """The PFS facility amount in Atlanta from CMS's files: (work x GPCI + facility PE x GPCI + MP x GPCI) x CF."""
    row = _rvu_row(path, code, modifier)
    work, pe, mp = _atlanta_gpcis()
    # columns: 5 work RVU, 8 facility PE RVU, 10 MP RVU, 24 conversion factor
    rvus = Decimal(row[5]) * work + Decimal(row[8]) * pe + Decimal(row[10]) * mp
    return (rvus * Decimal(row[24])).quantize(CENT, rounding=ROUND_HALF_UP)


def _addendum_b_rate(code: str) -> Decimal:
    """The national payment rate CMS's October 2025 Addendum B prints for ``code``."""
    path = DATA / "opps/2025/508 version of October 2025 Web Addendum B.10.31.25.csv"
    with path.open(encoding="utf-8", errors="replace") as handle:
        row = next(row for row in csv.reader(handle) if row and row[0] == code)
    return Decimal(row[5].replace("$", "").replace(",", "")).quantize(CENT, rounding=ROUND_HALF_UP)


def batch_with_summary(tmp_path: Path, text: str, *options: str) -> tuple[list[dict[str, str]], dict[str, Any], str]:
    source, output, summary = tmp_path / "in.csv", tmp_path / "out.csv", tmp_path / "summary.json"
    source.write_text(text)
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(output), "--summary", str(summary), *options])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(output.open())), json.loads(summary.read_text()), result.stderr


def test_a_professional_component_at_the_hospital_is_compared_with_the_physician_s_fee(tmp_path: Path) -> None:
    fee = _pfs_facility_amount("rvu/2025/PPRRVU25_JAN.csv", "73721", "26")  # RVU25A, in force on 5/6/2025
    assert fee == Decimal("61.98")
    (row,), summary, stderr = batch_with_summary(tmp_path, TRIAL)
    assert row["release"] == "2025A" and _money(row["professional_allowed"]) == fee
    assert _money(row["allowed"]) > fee  # the site's whole: the hospital's OPPS rate and the physician's fee
    assert (_money(row["expected"]), _money(row["variance"])) == (fee, Decimal("0.00"))
    said = PAID_AS_PROFESSIONAL_NOTE.format(what="a professional component (26)")
    assert said in row["note"]
    assert summary["paid_for_by_line"] == {"professional": 1, "facility": 0}
    assert summary["underpaid_by_claim"]["claims"] == 0 and summary["underpaid"]["rows"] == 0
    assert summary["claims"]["R2"]["expected"] == str(fee) and summary["claims"]["R2"]["variance"] == "0.00"
    assert PAID_AT_FACILITY_NOTE not in summary["notes"]
    assert "paid less than expected" not in stderr
    assert stderr.count("1 row at a hospital or ASC on a practitioner's own claim") == 1
    assert "compared with professional_allowed" in stderr


def test_an_explicit_paid_for_site_keeps_the_site_s_whole_allowed_amount(tmp_path: Path) -> None:
    (row,), summary, stderr = batch_with_summary(tmp_path, TRIAL, "--paid-for", "site")
    fee = _pfs_facility_amount("rvu/2025/PPRRVU25_JAN.csv", "73721", "26")
    allowed = _money(row["allowed"])
    assert allowed is not None and allowed > fee
    assert (_money(row["expected"]), _money(row["variance"])) == (allowed, fee - allowed)
    assert "Paid amount compared with" not in row["note"]
    assert summary["paid_for_by_line"] == {"professional": 0, "facility": 0}
    assert summary["underpaid_by_claim"]["claims"] == 1 and PAID_AT_FACILITY_NOTE in summary["notes"]
    assert "1 claim paid less than expected" in stderr and "practitioner's own claim" not in stderr


def test_an_explicit_paid_for_professional_notes_nothing_by_line(tmp_path: Path) -> None:
    (row,), summary, _ = batch_with_summary(tmp_path, TRIAL, "--paid-for", "professional")
    assert (_money(row["expected"]), _money(row["variance"])) == (Decimal("61.98"), Decimal("0.00"))
    assert "Paid amount compared with" not in row["note"]
    assert summary["paid_for_by_line"] == {"professional": 0, "facility": 0}


def test_a_hospital_s_and_an_asc_s_own_claims_are_compared_with_the_facility_s_payment(tmp_path: Path) -> None:
    rows, summary, stderr = batch_with_summary(tmp_path, UB04, *UB04_OPTIONS)
    hospital, asc = rows
    rate = _addendum_b_rate("73721")  # Q3, $241.720: paid on a claim of its own
    fee = _pfs_facility_amount("rvu/2025/PPRRVU2025_Oct.csv", "73721", "26")  # the radiologist's, on his claim
    assert (hospital["release"], hospital["opps_release"]) == ("2025D", "2025-10")
    assert (_money(hospital["opps_rate"]), _money(hospital["professional_allowed"])) == (rate, fee)
    assert _money(hospital["allowed"]) == rate + fee  # the site's whole, as before
    assert (_money(hospital["expected"]), _money(hospital["variance"])) == (rate, Decimal("0.00"))
    assert PAID_AS_FACILITY_NOTE.format(claim=FACILITY_CLAIM_WORDS[0]) in hospital["note"]
    # the ASC's: its facility payment, the site's allowed less the surgeon's PFS facility amount (CMS's files)
    surgeon = _pfs_facility_amount("rvu/2025/PPRRVU2025_Oct.csv", "29881", "")
    assert _money(asc["professional_allowed"]) == surgeon
    allowed = _money(asc["allowed"])
    assert allowed is not None and _money(asc["expected"]) == allowed - surgeon == _money(asc["asc_rate"])
    assert _money(asc["variance"]) == Decimal("1500.00") - (allowed - surgeon)
    assert PAID_AS_FACILITY_NOTE.format(claim=FACILITY_CLAIM_WORDS[1]) in asc["note"]
    assert summary["paid_for_by_line"] == {"professional": 0, "facility": 2}
    assert summary["claims"]["PCN1"]["expected"] == str(rate) and summary["claims"]["PCN1"]["variance"] == "0.00"
    assert not [note for note in summary["notes"] if "--paid-for" in note]
    assert stderr.count("2 rows of a hospital's or ASC's own claim (type of bill 13x, 83x;") == 1
    assert "--paid-for facility" in stderr and "1 claim paid less than expected" in stderr


def test_a_ub04_file_with_paid_for_site_keeps_the_whole_and_the_hint(tmp_path: Path) -> None:
    rows, summary, stderr = batch_with_summary(tmp_path, UB04, *UB04_OPTIONS, "--paid-for", "site")
    hospital = rows[0]
    rate = _addendum_b_rate("73721")
    fee = _pfs_facility_amount("rvu/2025/PPRRVU2025_Oct.csv", "73721", "26")
    assert (_money(hospital["expected"]), _money(hospital["variance"])) == (rate + fee, -fee)
    assert summary["paid_for_by_line"] == {"professional": 0, "facility": 0}
    assert "use --paid-for facility" in stderr


def test_an_assistant_at_surgery_s_line_is_the_assistant_s_claim(tmp_path: Path) -> None:
    """An assistant at surgery (80) bills on his own claim: compared with professional_allowed, noted; its amount at
    the hospital is already his fee alone (the facility is paid the procedure on its own claim), 16% of the surgeon's
    PFS facility amount, so the site's hint to use --paid-for professional is not said either."""
    text = "Claim ID,DOS,CPT Code,Mod 1,Units,POS,Zip Code,Paid Amount\nA1,5/6/2025,29881,80,1,22,30309,86.91\n"
    (row,), summary, _ = batch_with_summary(tmp_path, text)
    work, pe, mp = _atlanta_gpcis()
    cms = _rvu_row("rvu/2025/PPRRVU25_JAN.csv", "29881", "")
    assert cms[20] == "0"  # ASST SURG 0: paid with documentation of medical necessity
    exact = (Decimal(cms[5]) * work + Decimal(cms[8]) * pe + Decimal(cms[10]) * mp) * Decimal(cms[24])
    fee = (exact * Decimal("0.16")).quantize(CENT, rounding=ROUND_HALF_UP)
    assert _money(row["professional_allowed"]) == fee == _money(row["expected"])
    assert _money(row["variance"]) == Decimal("0.00")
    assert PAID_AS_PROFESSIONAL_NOTE.format(what="an assistant at surgery's line (80, 81, 82, AS)") in row["note"]
    assert summary["paid_for_by_line"]["professional"] == 1 and PAID_AT_FACILITY_NOTE not in summary["notes"]


def test_a_contract_is_of_the_run_s_basis_as_price_prices_it(tmp_path: Path) -> None:
    """With --percent-of-medicare a row's contract is of what --paid-for says for the run (site, not given), as
    `rvucalc price --percent-of-medicare` prices it: a review found batch's 73721-26 contract 110% of the physician's
    fee ($67.91 in Missoula) where price said 110% of the site's whole ($319.89). The paid amount is compared with
    that contract, unnoted by line."""
    from rvucalc.lookup.pricer import Pricer

    (row,), summary, _ = batch_with_summary(tmp_path, TRIAL, "--percent-of-medicare", "110")
    single = Pricer().price("73721-26", zip_code="30309", date_of_service="2025-05-06", setting="hopd",
                            percent_of_medicare="110")  # fmt: skip
    hopd = next(site for site in single.sites if site.setting == "hopd")
    assert hopd.contract_amount is not None
    assert _money(row["contract_amount"]) == hopd.contract_amount
    assert _money(row["contract_amount"]) == (_money(row["allowed"]) * Decimal("1.1")).quantize(CENT, ROUND_HALF_UP)
    assert _money(row["expected"]) == _money(row["contract_amount"])
    assert "Paid amount compared with" not in row["note"]
    assert summary["paid_for_by_line"] == {"professional": 0, "facility": 0}
