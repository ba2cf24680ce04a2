"""Institutional (UB-04 / 837I) claim lines and remits in batch (a hospital revenue-cycle analyst's review): a type of
bill in the site role, a facility's remit compared with the facility's payment alone (``--paid-for facility``), and a
year whose OPPS file is not installed counted, not hidden.

The facility rates are CMS's: the national rate of Addendum B (AA for the ASC) wage-adjusted by hand with the place's
wage index (the single lookup's, checked against CMS's wage file in test_facility.py): OPPS 60% labor, ASC 50%."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.place_of_service import resolve_site
from rvucalc.errors import UsageError
from rvucalc.lookup.pricer import Pricer

runner = CliRunner()
DATE = "2025-11-29"  # the 2025-10 OPPS and ASC quarters


def _run(tmp_path: Path, text: str, *options: str) -> tuple[int, list[dict[str, str]], str]:
    source = tmp_path / "ub04.csv"
    source.write_text(text)
    target = tmp_path / "priced.csv"
    result = runner.invoke(app, ["batch", str(source), "-o", str(target), *options])
    rows = list(csv.DictReader(target.open())) if target.exists() else []
    return result.exit_code, rows, result.stderr


def _by_hand(pricer: Pricer, what: str, code: str, zip_code: str) -> Decimal:
    """CMS's national rate (Addendum B or AA, 2025-10) x the wage factor at the ZIP's wage index, rounded once."""
    release = next(r for r in pricer.dataset_releases(what) if r.release == "2025-10")
    store = pricer.store(release)
    if what == "opps":
        national, labor = Decimal(store.opps(code)["rate"]).scaleb(-3), Decimal("0.60")  # mills
    else:
        national, labor = Decimal(store.asc("aa", code)["rate"]).scaleb(-2), Decimal("0.50")  # cents
    wage_index = pricer.price(code, zip_code=zip_code, date_of_service=DATE).location.wage_index
    assert wage_index is not None
    return (national * (labor * wage_index + 1 - labor)).quantize(Decimal("0.01"), ROUND_HALF_UP)


@pytest.fixture(scope="module")
def facility_rates() -> dict[str, Decimal]:
    from rvucalc import Pricer

    pricer = Pricer()
    try:
        rates = {"29881": _by_hand(pricer, "opps", "29881", "10001"),
                 "29880": _by_hand(pricer, "opps", "29880", "10001"),
                 "66984": _by_hand(pricer, "asc", "66984", "30322")}  # fmt: skip
    finally:
        pricer.close()
    # The analyst's remits: the hospital's and the ASC's allowed amounts, exactly CMS's rates.
    assert rates == {"29881": Decimal("3855.51"), "29880": Decimal("3855.51"), "66984": Decimal("1227.12")}
    return rates


# -- a type of bill in the site role ---------------------------------------------------------------------------------


def test_a_type_of_bill_names_the_site_13x_hospital_83x_asc_others_refused() -> None:
    """UB-04 FL 4: 13x a hospital outpatient claim (the OPPS), 83x an ASC's; a critical access hospital's (85x, paid
    at cost), an inpatient's (11x, 12x) and other Part B bills (14x) are refused, naming what is priced and why."""
    for text, site in (("131", "hopd"), ("0131", "hopd"), ("137", "hopd"), ("13X", "hopd"), ("831", "asc"),
                       ("0831", "asc")):  # fmt: skip
        choice = resolve_site(text)
        assert (choice.site, choice.pfs_setting) == (site, "facility"), text
    for text, words in (("851", "critical access hospital"), ("121", "inpatient Part B"), ("141", "other Part B"),
                        ("111", "inpatient Part A"), ("711", "clinic")):  # fmt: skip
        with pytest.raises(UsageError) as raised:
            resolve_site(text)
        message = str(raised.value)
        assert f"type of bill {text}" in message and words in message and "13x" in message and "83x" in message
    with pytest.raises(UsageError, match="101% of its reasonable cost"):
        resolve_site("851")
    with pytest.raises(UsageError, match="type of bill"):  # not a type of bill, nor a POS: the error says both
        resolve_site("1311")


def test_a_type_of_bill_column_is_the_setting_where_no_place_of_service_is(
    pricer: Pricer, tmp_path: Path, facility_rates: dict[str, Decimal]
) -> None:
    """The review's 837I export: `--columns setting='Type of Bill'` gave "'131' is not a setting" on every row, and
    the column was not read by itself. Its lines are priced at the hospital (131) and the ASC (0831) as POS 22 and 24
    price them; a CAH's (851) and an inpatient Part B line (121) are row errors."""
    text = (
        "Claim ID,HCPCS,Modifier,Type of Bill,Zip Code,Service Date\n"
        f"A1,29881,RT,131,10001,{DATE}\nA2,66984,RT,0831,30322,{DATE}\nA3,99213,,851,10001,{DATE}\n"
        f"A4,99213,,121,10001,{DATE}\n"
    )
    code, rows, stderr = _run(tmp_path, text)
    assert code == 1, stderr
    assert "setting ← Type of Bill" in stderr
    hospital, asc, cah, inpatient = rows
    assert (hospital["site"], asc["site"]) == ("hopd", "asc")
    assert Decimal(hospital["opps_rate"]) == facility_rates["29881"]
    assert Decimal(asc["asc_rate"]) == facility_rates["66984"]
    by_pos = _run(tmp_path, text.replace("Type of Bill", "POS").replace(",0831,", ",24,").replace(",131,", ",22,"))[1]
    for row, same in zip((hospital, asc), by_pos, strict=False):
        assert (row["allowed"], row["beneficiary"], row["professional_allowed"]) == (
            same["allowed"], same["beneficiary"], same["professional_allowed"])  # fmt: skip
    assert cah["error_kind"] == inpatient["error_kind"] == "bad_setting"
    assert "critical access hospital" in cah["error"] and "13x (hospital outpatient" in cah["error"]
    assert "inpatient Part B" in inpatient["error"]
    # Named outright, as the review did.
    code, rows, _ = _run(tmp_path, text.replace("Type of Bill", "Bill Kind"), "--columns", "setting=Bill Kind")
    assert [row["site"] for row in rows[:2]] == ["hopd", "asc"] and rows[2]["error_kind"] == "bad_setting"


def test_a_type_of_bill_column_reads_bills_alone_and_no_void_or_zero_claim(tmp_path: Path) -> None:
    """A review: a Type of Bill cell '13' was priced as POS 13 (assisted living: the office rate) and '11' would be the
    office; a void 0138 was priced $1,286.22 into the totals. In a type-of-bill column a cell is a bill type or a row
    error; a void (frequency 8) or non-payment (0) bill of a priced type is no service."""
    text = (
        "Claim ID,HCPCS,Type of Bill,Zip Code,Service Date\n"
        f"A1,45378,13,10001,{DATE}\nA2,45378,11,10001,{DATE}\nA3,45378,0138,10001,{DATE}\n"
        f"A4,45378,130,10001,{DATE}\nA5,45378,0131,10001,{DATE}\nA6,45378,838,10001,{DATE}\n"
    )
    code, rows, stderr = _run(tmp_path, text)
    assert code == 1, stderr
    short, eleven, void, zero, paid, asc_void = rows
    for row in (short, eleven):
        assert (row["error_kind"], row["allowed"]) == ("bad_setting", "")
        assert "three digits" in row["error"]
    assert void["error"].startswith("bill type 138 voids a prior claim: nothing is paid on it")
    assert asc_void["error"].startswith("bill type 838 voids a prior claim: nothing is paid on it")
    assert zero["error"] == "bill type 130 is a non-payment (zero) claim: nothing is paid on it"
    # Valid bills that pay nothing (NUBC frequency 8 and 0), not a bad setting (a usage error).
    assert {void["error_kind"], zero["error_kind"], asc_void["error_kind"]} == {"not_payable"}
    assert all(row["allowed"] == "" for row in (void, zero, asc_void))
    assert paid["site"] == "hopd" and paid["allowed"] and paid["error"] == ""
    # A place-of-service column's 13 is still POS 13.
    pos = _run(tmp_path, text.replace("Type of Bill", "POS"))[1]
    assert pos[0]["error"] == "" and pos[0]["site"] == "office"


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_price_of_a_void_or_zero_bill_exits_1_not_payable(fmt: str) -> None:
    """A review: `price 99213 --setting 138` (a void: NUBC frequency 8) exited 2, a usage error, though the bill is
    valid and simply pays nothing; so did 130 (a non-payment claim, frequency 0). Exit 1, as for a code not payable,
    with the error object on stdout for json and csv (kind not_payable), the message on stderr."""
    for bill, message in (
        ("138", "bill type 138 voids a prior claim: nothing is paid on it"),
        ("0130", "bill type 130 is a non-payment (zero) claim: nothing is paid on it"),
    ):
        result = runner.invoke(app, ["price", "99213", "--zip", "10001", "--date", DATE, "--setting", bill, "-f", fmt])
        assert result.exit_code == 1, (bill, result.output)
        assert message in result.stderr
        if fmt == "json":
            (error,) = json.loads(result.stdout)["errors"]
            assert error["error_kind"] == "not_payable" and error["error"].startswith(message)
        elif fmt == "csv":
            (row,) = list(csv.DictReader(result.stdout.splitlines()))
            assert row["error_kind"] == "not_payable" and row["error"].startswith(message)
        else:
            assert not result.stdout.strip()
    # The same bill with frequency 1 is priced at the hospital.
    paid = runner.invoke(app, ["price", "99213", "--zip", "10001", "--date", DATE, "--setting", "131", "-f", "json"])
    assert paid.exit_code == 0 and json.loads(paid.stdout)["code"] == "99213"


def test_a_place_of_service_column_wins_over_a_type_of_bill(tmp_path: Path) -> None:
    text = f"HCPCS,POS,TOB,Zip Code,Service Date\n29881,11,131,10001,{DATE}\n"
    _, rows, stderr = _run(tmp_path, text)
    assert "setting ← POS" in stderr and rows[0]["site"] == "office"


def test_a_cbsa_column_is_said_not_read(tmp_path: Path, facility_rates: dict[str, Decimal]) -> None:
    """The review's CBSA column was silently ignored; batch prices the facility's wage index from the ZIP's county and
    the PFS by the ZIP's locality, and says so (a CBSA column is not read)."""
    text = f"HCPCS,TOB,CBSA,Zip Code,Service Date\n29881,131,35614,10001,{DATE}\n"
    _, rows, stderr = _run(tmp_path, text)
    assert "'CBSA' is not read: batch takes a hospital's or ASC's wage index from the ZIP" in stderr
    assert rows[0]["site"] == "hopd" and Decimal(rows[0]["opps_rate"]) == facility_rates["29881"]  # the ZIP's
    _, _, stderr = _run(tmp_path, text.replace("CBSA,", "Region,"))
    assert "is not read: batch takes" not in stderr


# -- a year whose OPPS file is not installed -------------------------------------------------------------------------


def test_hospital_rows_of_a_year_without_its_opps_file_are_counted_and_their_claim_is_not_zero(
    pricer: Pricer, tmp_path: Path
) -> None:
    """The review: 621 hospital rows of 2026 had no hospital amount (CY2026 OPPS Addendum B not installed), but stderr
    said only "127 rows with no amount" (not them), and `--summary` gave their claim `"allowed": "0.00"`, read as $0.
    Now stderr says how many hospital rows each missing file leaves unpriced, the summary counts them per file, and a
    claim none of whose lines was priced has null amounts (its keys as before); a priced claim's are as before."""
    assert not [r for r in pricer.dataset_releases("opps") if r.year == 2026]  # the shipped data: no CY2026 OPPS
    text = (
        "claim,code,modifier,pos,zip,date\n"
        "B1,29881,RT,22,10001,2026-03-02\nB1,29880,,22,10001,2026-03-02\nB2,66984,RT,24,30322,2026-03-02\n"
        "B3,99213,,11,10001,2026-03-02\nB4,29881,,22,10001,2025-11-29\n"
    )
    summary = tmp_path / "summary.json"
    code, rows, stderr = _run(tmp_path, text, "--summary", str(summary))
    assert code == 0, stderr
    assert [row["allowed"] == "" for row in rows] == [True, True, False, False, False]
    assert all("OPPS CY2026 rates not installed" in row["note"] for row in rows[:2])
    assert ("rvucalc: 2 hospital rows: CY2026 OPPS rates not installed, so their site has no allowed amount (add with "
            "rvucalc data refresh --from FILE)") in stderr  # fmt: skip
    doc = json.loads(summary.read_text())
    assert doc["facility_not_installed"] == {"CY2026 OPPS": 2}
    b1 = doc["claims"]["B1"]
    assert (b1["lines"], b1["unpriced"], b1["professional_lines"]) == (0, 2, 2)
    assert (b1["allowed"], b1["beneficiary"], b1["medicare"]) == (None, None, None)
    assert Decimal(b1["professional_allowed"]) == sum(Decimal(row["professional_allowed"]) for row in rows[:2])
    assert doc["claims"]["B2"]["allowed"] == rows[2]["allowed"] and doc["claims"]["B4"]["allowed"] == rows[4]["allowed"]
    streamed = runner.invoke(app, ["batch", str(tmp_path / "ub04.csv"), "-o", str(tmp_path / "o.csv"), "--summary",
                                   "-"])  # fmt: skip
    assert json.loads(streamed.stdout)["claims"]["B1"] == b1  # the streamed document says the same
    from rvucalc.batch.claim_totals import CLAIM_MEASURES, claim_json

    assert list(claim_json(dict.fromkeys(CLAIM_MEASURES, 0))) == list(CLAIM_MEASURES)  # every key kept
    # A 2025 file: every hospital row priced, nothing said.
    _, _, stderr = _run(tmp_path, text.replace("2026-03-02", "2025-11-29"))
    assert "rates not installed" not in stderr


# -- a facility's remit: --paid-for facility -------------------------------------------------------------------------


def test_a_facility_remit_is_compared_with_the_facility_payment_alone(
    pricer: Pricer, tmp_path: Path, facility_rates: dict[str, Decimal]
) -> None:
    """The review: a hospital's and an ASC's remits (Allowed = exactly CMS's OPPS and ASC rates) were flagged underpaid
    by the surgeon's fee ("2 claims paid less than expected", variance -626.66), as `expected` is the site's whole
    allowed amount. With --paid-for facility it is the facility's payment alone: its OPPS or ASC payment after the
    encounter rules, as the single lookup's encounter pays each line (facility_payment); a row at the office or an
    inpatient place is not compared, and says why. Stderr and --summary lead with the facility claims' totals."""
    hopd = pricer.price_encounter(["29881-RT", "29880-LT", "20610"], zip_code="10001", date_of_service=DATE,
                                  setting="hopd")  # fmt: skip
    asc = pricer.price_encounter(["66984-RT", "66821-LT"], zip_code="30322", date_of_service=DATE, setting="asc")
    paid = [line.sites[0].facility_payment for line in (*hopd.lines, *asc.lines)]
    # Of two J1 lines of one rate, the one the PFS pays in full (29880, the endoscopy family's higher) is the primary.
    assert paid[1] == facility_rates["29880"] and paid[3] == facility_rates["66984"]  # CMS's rates, by hand
    assert paid[0] == paid[2] == 0 and 0 < paid[4] < facility_rates["66984"]  # packaged (J1); the ASC's second at 50%
    text = (
        "Claim ID,HCPCS,Modifier,POS,Zip Code,Service Date,Allowed\n"
        f"H1,29881,RT,22,10001,{DATE},{paid[0]}\nH1,29880,LT,22,10001,{DATE},{paid[1]}\n"
        f"H1,20610,,22,10001,{DATE},{paid[2]}\nS1,66984,RT,24,30322,{DATE},{paid[3]}\n"
        f"S1,66821,LT,24,30322,{DATE},{paid[4]}\nO1,99213,,11,10001,{DATE},90.00\nI1,29881,,21,10001,{DATE},500.00\n"
    )
    # As before by default: the site's whole allowed amount, the surgeons' fees in it.
    _, rows, stderr = _run(tmp_path, text)
    assert Decimal(rows[0]["variance"]) == -Decimal(rows[0]["professional_allowed"])
    assert "4 claims paid less than expected" in stderr  # H1 and S1 by their surgeons' fees (O1, I1 by their own)
    summary = tmp_path / "summary.json"
    code, rows, stderr = _run(tmp_path, text, "--paid-for", "facility", "--summary", str(summary))
    assert code == 0, stderr
    for row, amount in zip(rows[:5], paid, strict=True):
        assert Decimal(row["expected"]) == amount and Decimal(row["variance"]) == 0, row
        assert Decimal(row["allowed"]) - Decimal(row["professional_allowed"] or 0) == amount  # the site's less the MD's
    assert "paid less than expected" not in stderr
    office, inpatient = rows[5:]
    assert office["expected"] == office["variance"] == inpatient["expected"] == inpatient["variance"] == ""
    assert office["note"].endswith("Paid amount not compared: --paid-for facility compares a hospital outpatient "
                                   "department's or ASC's payment, and this row's place of service has no facility "
                                   "payment (its allowed amount is the PFS's: --paid-for site or professional "
                                   "compares it).")  # fmt: skip
    assert "paid its facility fee under another payment system" in inpatient["note"]
    facility_total = sum(paid, Decimal(0))
    from rvucalc.batch.columns import paid_compared_with  # a remit's 'Paid' column is said compared with it

    assert paid_compared_with("facility").startswith("the facility's payment (allowed less professional_allowed")
    lead = (f"facility claims (the hospital's or ASC's payment alone: what the facility is paid): 5 rows, allowed "
            f"${facility_total:,}")  # fmt: skip
    second = "site totals (physicians' fees included): 7 rows priced in their setting"
    assert lead in stderr and second in stderr and stderr.index(lead) < stderr.index(second)
    doc = json.loads(summary.read_text())
    assert doc["scenario"]["expected"] == "facility_claim_allowed"
    claims_total = doc["totals"]["facility_claims"]
    assert claims_total["lines"] == 5 and Decimal(claims_total["allowed"]) == facility_total
    assert Decimal(claims_total["beneficiary"]) + Decimal(claims_total["medicare"]) == facility_total
    assert Decimal(doc["totals"]["facility_claims"]["beneficiary"]) == sum(
        Decimal(row["beneficiary"]) - Decimal(row["professional_beneficiary"] or 0) for row in rows[:5])  # fmt: skip
    h1, o1 = doc["claims"]["H1"], doc["claims"]["O1"]
    assert (h1["facility_claim_lines"], Decimal(h1["facility_claim_allowed"])) == (3, sum(paid[:3], Decimal(0)))
    assert h1["variance"] == "0.00" and h1["expected"] == h1["facility_claim_allowed"]
    assert o1["facility_claim_lines"] == 0 and o1["facility_claim_allowed"] is None and o1["variance"] is None
    streamed = runner.invoke(app, ["batch", str(tmp_path / "ub04.csv"), "-o", str(tmp_path / "o.csv"), "--paid-for",
                                   "facility", "--summary", "-"])  # fmt: skip
    assert json.loads(streamed.stdout)["claims"] == doc["claims"]
    # A contract on the facility's payment, and the choices said.
    _, rows, _ = _run(tmp_path, text, "--paid-for", "facility", "--percent-of-medicare", "110")
    contract = (paid[0] * Decimal("1.10")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert Decimal(rows[0]["contract_amount"]) == Decimal(rows[0]["expected"]) == contract
    code, _, stderr = _run(tmp_path, text, "--paid-for", "hospital")
    assert code == 2 and "choose site, professional or facility" in stderr


def test_a_home_health_final_claim_frequency_is_no_hospital_or_asc_bill(tmp_path: Path) -> None:
    """A trial: a row of type of bill 139 was priced as a hospital outpatient bill. Frequency 9 is NUBC's final claim
    for a home health PPS period (a home health agency's 329), and 6 is reserved: neither is a 13x or 83x bill, so the
    row's error says so (bad_setting), as price refuses it (exit 2); 131 beside them is priced."""
    text = (
        "Claim ID,HCPCS,Type of Bill,Zip Code,Service Date\n"
        f"A1,45378,139,10001,{DATE}\nA2,45378,0839,10001,{DATE}\nA3,45378,136,10001,{DATE}\nA4,45378,131,10001,{DATE}\n"
    )
    _, rows, _ = _run(tmp_path, text)
    home_health, asc, reserved, paid = rows
    for row, bill in ((home_health, "139"), (asc, "839"), (reserved, "136")):
        assert (row["error_kind"], row["allowed"]) == ("bad_setting", ""), row
        assert row["error"].startswith(f"type of bill {bill} is not one rvucalc prices: frequency {bill[-1]} ")
    assert "home health" in home_health["error"] and "reserved" in reserved["error"]
    assert paid["site"] == "hopd" and paid["allowed"] and paid["error"] == ""
    result = runner.invoke(app, ["price", "45378", "--zip", "10001", "--date", DATE, "--setting", "139"])
    assert result.exit_code == 2 and home_health["error"] in result.stderr.replace("\n", " ")


def test_a_reopening_bill_13q_is_priced_as_the_13x_bill_it_is(tmp_path: Path) -> None:
    """A trial: `price 45378 --setting 13Q` said '13Q' was no type of bill, though Q is Medicare's frequency letter of
    a reopening beyond the timely filing limit (CR 8581: TOB xxQ). 13Q and 83Q are priced as 137 and 837 are, in price
    and batch; any other letter is refused, naming Q."""
    text = (
        "Claim ID,HCPCS,Type of Bill,Zip Code,Service Date\n"
        f"A1,45378,13Q,10001,{DATE}\nA2,45378,137,10001,{DATE}\nA3,45378,083q,10001,{DATE}\n"
        f"A4,45378,837,10001,{DATE}\nA5,45378,13G,10001,{DATE}\n"
    )
    _, rows, _ = _run(tmp_path, text)
    reopened, replaced, asc_reopened, asc_replaced, lettered = rows
    assert reopened["error"] == "" and reopened["site"] == "hopd" and reopened["allowed"]
    assert reopened["allowed"] == replaced["allowed"]
    assert asc_reopened["error"] == "" and asc_reopened["site"] == "asc" and asc_reopened["allowed"]
    assert asc_reopened["allowed"] == asc_replaced["allowed"]
    assert lettered["error_kind"] == "bad_setting" and "frequency G" in lettered["error"]
    assert "only letter is Q" in lettered["error"] and "not a setting" not in lettered["error"]
    reopening, replacement = (
        runner.invoke(app, ["price", "45378", "--zip", "10001", "--date", DATE, "--setting", bill, "-f", "json"])
        for bill in ("13Q", "137")
    )
    assert reopening.exit_code == 0 and reopening.stdout == replacement.stdout
    assert json.loads(reopening.stdout)["sites"][0]["status"] == "priced"
    refused = runner.invoke(app, ["price", "45378", "--zip", "10001", "--date", DATE, "--setting", "13G"])
    assert refused.exit_code == 2 and "only letter is Q" in refused.stderr


def test_a_hospital_late_charge_bill_135_is_refused_as_medicare_does_not_accept_it(tmp_path: Path) -> None:
    """A trial: `price 45378 --setting 135` was priced as a hospital outpatient bill, though an OPPS hospital may not
    bill late charges (frequency 5) nor will the contractor accept them; omitted charges go on an adjustment bill, 137
    (Claims Processing Manual ch. 1 §130.1.3). Refused as a void 138 is: exit 1, kind not_payable, in price and
    batch; 137 beside it is priced."""
    text = f"Claim ID,HCPCS,Type of Bill,Zip Code,Service Date\nA1,45378,0135,10001,{DATE}\nA2,45378,137,10001,{DATE}\n"
    _, rows, _ = _run(tmp_path, text)
    late, adjusted = rows
    assert (late["error_kind"], late["allowed"]) == ("not_payable", "")
    assert late["error"].startswith("bill type 135 is a late charge bill") and "137" in late["error"]
    assert "§130.1.3" in late["error"]
    assert adjusted["site"] == "hopd" and adjusted["allowed"] and adjusted["error"] == ""
    result = runner.invoke(app, ["price", "45378", "--zip", "10001", "--date", DATE, "--setting", "135", "-f", "json"])
    assert result.exit_code == 1
    (error,) = json.loads(result.stdout)["errors"]
    assert (error["error_kind"], error["error"]) == ("not_payable", late["error"])
