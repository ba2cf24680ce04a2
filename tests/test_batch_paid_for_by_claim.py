"""`rvucalc batch` without --paid-for: a claim that carries a practitioner's line is the practitioner's claim, whole.

A cardiology revenue-cycle analyst's trial (a 42-row physician export with a claim column) reported "7 claims paid
less than expected, $21,005.78": on claim E1004 (POS 22, 11/10/2025) 93458-26 was compared with its physician's fee,
but 92928-RC, on the same claim, with the hospital site's whole allowed amount, the OPPS payment included: expected
$11,528.98, variance -$10,980.62 for a line paid its PFS facility amount, $548.36. A hospital never bills 26 on its
claim, so the claim (CMS-1500) is the cardiologist's and every line of it at the hospital is compared with
professional_allowed, as --paid-for professional compares it, noted. And 93010 at POS 22 (E1003, 8/4/2026) was not
compared at all ("this line has no allowed amount": 2026's OPPS is not installed), though the RVU file gives it PC/TC
indicator 2, professional component only: a practitioner's line whatever its modifiers.

Amounts are CMS's: the RVU file (PPRRVU) and the GPCIs, read here, and the single lookup's `price_encounter` with
--paid-for professional (one encounter is one claim: its multiple procedure reduction is the batch claim's).
"""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from rvucalc.batch.price import (
    FACILITY_CLAIM_WORDS,
    PAID_AS_FACILITY_NOTE,
    PAID_AS_PROFESSIONAL_NOTE,
    PAID_BY_CLAIM_NOTE,
)
from test_batch_paid_for_by_line import batch_with_summary

DATA = Path(__file__).resolve().parents[1] / "data"
CENT = Decimal("0.01")
HEADER = "Encounter ID,Service Date,HCPCS,Modifier 1,Qty,Place of Service,Patient Zip,Paid Amount\n"
# The trial's claims E1004 (a 26 line and two lines without one) and E1009 (93010 beside 92960), and a claim of 92928
# alone (no line of it says whose claim it is: the site's whole, as before).
TRIAL = HEADER + (
    "E1004,11/10/2025,93458,26,1,22,43215,136.53\n"
    "E1004,11/10/2025,92928,RC,1,22,43215,548.36\n"
    "E1004,11/10/2025,92929,RC,1,22,43215,0.00\n"
    "E1009,11/14/2025,92960,,1,22,43215,100.98\n"
    "E1009,11/14/2025,93010,,1,22,43215,7.60\n"
    "E2000,11/10/2025,92928,RC,1,22,43215,548.36\n"
)
PROFESSIONAL_COMPONENT = "a professional component (26)"
PROFESSIONAL_ONLY = "a professional component only code (PC/TC indicator 2)"


def _money(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value)).quantize(CENT)


def _rvu_row(path: str, code: str, modifier: str = "") -> list[str]:
    """CMS's RVU file row of a code and modifier."""
    with (DATA / path).open(encoding="latin-1", newline="") as handle:
        return next(row for row in csv.reader(handle) if row[:2] == [code, modifier])


def _ohio_facility_amount(path: str, code: str, year: int) -> Decimal:
    """The PFS facility amount in Ohio (MAC 15202, locality 00: ZIP 43215) from CMS's files: (work x GPCI + facility
    PE x GPCI + MP x GPCI) x CF, rounded half-up once."""
    row = _rvu_row(path, code)
    if year == 2025:
        with (DATA / "gpci/2025/GPCI2025.csv").open(encoding="latin-1", newline="") as handle:
            gpci = next(g for g in csv.reader(handle) if g[:3] == ["15202", "OH", "00"])
        work, pe, mp, cf = Decimal(gpci[4]), Decimal(gpci[5]), Decimal(gpci[6]), Decimal(row[24])
    else:  # 2026: the localities file (year, work, PE, MP, locality ...); the CF moved to index 25 (PRIC IND at 23)
        with (DATA / "gpci/2026/localities2026-01-01-2026.csv").open(encoding="latin-1", newline="") as handle:
            gpci = next(g for g in csv.reader(handle) if g[4:5] == ["1520200"])
        work, pe, mp, cf = Decimal(gpci[1]), Decimal(gpci[2]), Decimal(gpci[3]), Decimal(row[25])
    # columns: 5 work RVU, 8 facility PE RVU, 10 MP RVU
    rvus = Decimal(row[5]) * work + Decimal(row[8]) * pe + Decimal(row[10]) * mp
    return (rvus * cf).quantize(CENT, rounding=ROUND_HALF_UP)


def _physicians_claim(codes: list[str], date: str) -> list[Decimal | None]:
    """Each line's amount on the physician's claim at the hospital, as `rvucalc price CODES --setting 22
    --percent-of-medicare 100 --paid-for professional` prices the encounter (its contract: 100% of the physician's
    claim, after the encounter's multiple procedure reduction)."""
    from rvucalc.lookup.pricer import Pricer

    result = Pricer().price_encounter(codes, zip_code="43215", date_of_service=date, setting="hopd",
                                      percent_of_medicare="100", paid_for="professional")  # fmt: skip
    return [next(site for site in line.sites if site.setting == "hopd").contract_amount for line in result.lines]


def test_a_claim_carrying_a_26_line_compares_its_other_hospital_lines_with_the_physician_s_fee(tmp_path: Path) -> None:
    rows, summary, stderr = batch_with_summary(tmp_path, TRIAL)
    catheter, stent, added, _, _, alone = rows
    fee = _ohio_facility_amount("rvu/2025/PPRRVU2025_Oct.csv", "92928", 2025)  # RVU25D, in force on 11/10/2025
    assert fee == Decimal("548.36")
    single = _physicians_claim(["93458-26", "92928-RC", "92929-RC"], "2025-11-10")
    assert single[1] == fee and single[2] is None  # 92929: PFS status B, no fee of its own
    assert (stent["release"], _money(stent["professional_allowed"])) == ("2025D", fee)
    stent_allowed = _money(stent["allowed"])
    assert stent_allowed is not None and stent_allowed > fee  # the site's whole: the hospital's OPPS payment too
    assert (_money(stent["expected"]), _money(stent["variance"])) == (fee, Decimal("0.00"))
    assert PAID_BY_CLAIM_NOTE.format(line="93458-26", what=PROFESSIONAL_COMPONENT) in stent["note"]
    assert (_money(catheter["expected"]), _money(catheter["variance"])) == (single[0], Decimal("0.00"))
    assert PAID_AS_PROFESSIONAL_NOTE.format(what=PROFESSIONAL_COMPONENT) in catheter["note"]
    # 92929 has no physician's fee: not compared, as --paid-for professional leaves it (its $0.00 OPPS rate is not it)
    by_claim = PAID_BY_CLAIM_NOTE.format(line="93458-26", what=PROFESSIONAL_COMPONENT)
    assert added["expected"] == "" and by_claim in added["note"]
    # a claim of 92928 alone says nothing of whose it is: the site's whole, as before
    alone_allowed = _money(alone["allowed"])
    assert alone_allowed == stent_allowed and _money(alone["expected"]) == alone_allowed
    assert "Paid amount compared with professional_allowed" not in alone["note"]
    claim = summary["claims"]["E1004"]
    assert (claim["expected"], claim["variance"]) == (str(single[0] + fee), "0.00")
    assert summary["paid_for_by_line"] == {"professional": 5, "facility": 0}
    assert summary["underpaid_by_claim"]["claims"] == 1  # E2000 alone, by the OPPS payment it was never paid
    assert "5 rows at a hospital or ASC on a practitioner's own claim" in stderr


def test_a_professional_only_code_at_the_hospital_is_the_practitioner_s_line(tmp_path: Path) -> None:
    """93010, PC/TC indicator 2 in CMS's RVU file ("Professional Component Only Codes ... 93010"), at POS 22 in 2026
    (no OPPS file installed, so no site's amount): compared with its PFS facility amount in Ohio, $8.15."""
    assert _rvu_row("rvu/2026/PPRRVU2026_Jul_nonQPP.csv", "93010")[13] == "2"  # PCTC IND
    fee = _ohio_facility_amount("rvu/2026/PPRRVU2026_Jul_nonQPP.csv", "93010", 2026)
    assert fee == Decimal("8.15") and _physicians_claim(["93010"], "2026-08-04") == [fee]
    text = HEADER + "E1003,8/4/2026,93010,,1,22,43215,8.15\n"
    (row,), summary, _ = batch_with_summary(tmp_path, text)
    assert (_money(row["professional_allowed"]), row["allowed"]) == (fee, "")
    assert (_money(row["expected"]), _money(row["variance"])) == (fee, Decimal("0.00"))
    assert PAID_AS_PROFESSIONAL_NOTE.format(what=PROFESSIONAL_ONLY) in row["note"]
    assert "this line has no allowed amount" not in row["note"]
    assert summary["paid_for_by_line"] == {"professional": 1, "facility": 0}


def test_a_professional_only_code_makes_its_claim_the_practitioner_s(tmp_path: Path) -> None:
    """The trial's E1009: 92960 (cardioversion) beside 93010 at POS 22 was "underpaid" $633.61, the hospital's OPPS
    payment for it; paid its PFS facility amount on the cardiologist's claim."""
    rows, summary, _ = batch_with_summary(tmp_path, TRIAL)
    cardioversion, reading = rows[3], rows[4]
    fee = _ohio_facility_amount("rvu/2025/PPRRVU2025_Oct.csv", "92960", 2025)
    assert _physicians_claim(["92960", "93010"], "2025-11-14") == [fee, _money(reading["professional_allowed"])]
    allowed = _money(cardioversion["allowed"])
    assert allowed is not None and allowed > fee
    assert (_money(cardioversion["expected"]), _money(cardioversion["variance"])) == (fee, Decimal("0.00"))
    assert PAID_BY_CLAIM_NOTE.format(line="93010", what=PROFESSIONAL_ONLY) in cardioversion["note"]
    assert PAID_AS_PROFESSIONAL_NOTE.format(what=PROFESSIONAL_ONLY) in reading["note"]
    assert summary["claims"]["E1009"]["variance"] == "0.00"


def test_an_explicit_paid_for_site_compares_the_claim_s_lines_with_the_site_s_whole(tmp_path: Path) -> None:
    rows, summary, _ = batch_with_summary(tmp_path, TRIAL, "--paid-for", "site")
    stent = rows[1]
    assert _money(stent["expected"]) == _money(stent["allowed"]) != _money(stent["professional_allowed"])
    assert "Paid amount compared with professional_allowed" not in stent["note"]
    assert summary["paid_for_by_line"] == {"professional": 0, "facility": 0}


def test_a_claim_id_with_a_facility_type_of_bill_is_the_practitioner_s_claim_and_the_hospital_s(tmp_path: Path) -> None:
    """A claim id whose rows carry both a 26 line and a hospital's type of bill (13x: a UB-04) holds two claims, each
    billing entity's (batch.claims.billing_entities): the practitioner's lines are his claim, the one carrying 93458-26
    (its 92928 compared with the physician's fee, as under a claim id of its own), the type of bill row the hospital's
    (compared with the facility's payment)."""
    text = (
        "Claim ID,DOS,CPT Code,Mod 1,Units,POS,Type of Bill,Zip Code,Paid Amount\n"
        "U1,11/10/2025,93458,26,1,22,,43215,136.53\n"
        "U1,11/10/2025,92928,RC,1,22,,43215,548.36\n"
        "U1,11/10/2025,93005,,1,,0131,43215,10.00\n"
    )
    rows, summary, _ = batch_with_summary(tmp_path, text)
    catheter, stent, tracing = rows
    assert PAID_AS_PROFESSIONAL_NOTE.format(what=PROFESSIONAL_COMPONENT) in catheter["note"]
    assert _money(catheter["expected"]) == _money(catheter["professional_allowed"])
    assert _money(stent["expected"]) == _money(stent["professional_allowed"]) != _money(stent["allowed"])
    assert "its claim carries 93458-26" in stent["note"]
    assert PAID_AS_FACILITY_NOTE.format(claim=FACILITY_CLAIM_WORDS[0]) in tracing["note"]
    assert summary["paid_for_by_line"] == {"professional": 2, "facility": 1}


def test_a_professional_only_code_the_hospital_bills_says_nothing_of_whose_claim_it_is(tmp_path: Path) -> None:
    """A review: 77071 is PC/TC indicator 2 in the RVU file, yet October 2025's Addendum B pays the hospital for it (SI
    Q1, APC 5521, $88.050): a hospital's claim of 77071 and 73560 was compared with the physician's fees (73560
    "overpaid" by the OPPS payment). Only an SI of M or B (or none) leaves a PC/TC 2 code the practitioner's."""
    assert _rvu_row("rvu/2025/PPRRVU2025_Oct.csv", "77071")[13] == "2"  # PCTC IND
    addendum = DATA / "opps/2025/508 version of October 2025 Web Addendum B.10.31.25.csv"
    with addendum.open(encoding="latin-1", newline="") as handle:
        listed = {row[0]: row for row in csv.reader(handle) if row and row[0] in ("77071", "93010")}
    assert listed["77071"][2:4] == ["Q1", "5521"] and listed["93010"][2] == "M"
    text = HEADER + "H1,11/10/2025,77071,,1,22,43215,88.05\nH1,11/10/2025,73560,,1,22,43215,100.00\n"
    rows, summary, _ = batch_with_summary(tmp_path, text)
    for row in rows:
        assert _money(row["expected"]) == _money(row["allowed"]) != _money(row["professional_allowed"])
        assert "Paid amount compared with professional_allowed" not in row["note"]
    assert summary["paid_for_by_line"] == {"professional": 0, "facility": 0}
