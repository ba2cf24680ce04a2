"""A remittance checked with batch (a revenue-cycle analyst's trial of an 835 export): what is underpaid is said by
claim, not by line (a claim's reductions are split between its lines as rvucalc splits them, which need not be the
payer's split); a line priced nationally and a reversal (a negative paid amount) are compared with nothing; the paid
amount read is a number in the output; a physician's remit leads its totals with the professional claims'.

Amounts come from rvucalc's single lookup of the shipped CMS files (CY2026 PFS, ZIP 45202: Cincinnati, locality
15 02), the trial's own hand-checked figures."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from rvucalc.batch.claim_totals import CLAIM_MEASURES, PAID_MEASURES, ClaimTotals
from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer

runner = CliRunner()
DATE, ZIP = "2026-09-01", "45202"


def _office(pricer: Pricer, code: str, modifier: str | None = None) -> Decimal:
    """The single lookup's office (non-facility) amount of a code at ZIP 45202 on DATE."""
    result = pricer.price(code, modifier=modifier, zip_code=ZIP, date_of_service=DATE)
    amount = result.pfs.non_facility.amount
    assert amount is not None
    return amount


def run_remit(tmp_path: Path, text: str, *options: str) -> tuple[int, list[dict[str, str]], str]:
    source = tmp_path / "remit.csv"
    source.write_text(text)
    target = tmp_path / "checked.csv"
    result = runner.invoke(app, ["batch", str(source), "-o", str(target), *options])
    rows = list(csv.DictReader(target.open())) if target.exists() else []
    return result.exit_code, rows, result.stderr


def test_underpaid_is_by_claim_a_bilateral_pair_paid_in_full_is_not_underpaid(pricer: Pricer, tmp_path: Path) -> None:
    """The trial's claim 26090022: 20610-RT and 20610-LT, one bilateral procedure (150%, $98.21); rvucalc pays it on
    one line (the LT line, where the facility's full payment is: engine.policy.bilateral_pairs) and $0.00 on the
    other, the payer 100% and 50% ($65.47 + $32.74): line variances +65.47 and -65.47, and the LT line is counted
    in 'rows paid less than expected'. The claim was paid in full: no claim is underpaid.
    A claim paid $1.00 short is; a row without a claim id stays line by line."""
    one_side, both = _office(pricer, "20610"), _office(pricer, "20610", "50")
    assert (one_side, both) == (Decimal("65.47"), Decimal("98.21"))  # the trial's remit
    visit = _office(pricer, "99213")
    text = (
        "claim,code,modifier,date,pos,zip,paid\n"
        f"C1,20610,RT,{DATE},11,{ZIP},{one_side}\nC1,20610,LT,{DATE},11,{ZIP},{both - one_side}\n"
        f"C2,99213,,{DATE},11,{ZIP},{visit - 1}\n,99213,,{DATE},11,{ZIP},{visit - 2}\n"
    )
    summary = tmp_path / "summary.json"
    code, rows, stderr = run_remit(tmp_path, text, "--summary", str(summary))
    assert code == 0, stderr
    right, left = rows[0], rows[1]
    assert Decimal(right["expected"]) == 0 and Decimal(left["expected"]) == both  # rvucalc's split
    assert Decimal(right["variance"]) == one_side and Decimal(left["variance"]) == -one_side
    doc = json.loads(summary.read_text())
    assert {key: doc["claims"]["C1"][key] for key in PAID_MEASURES} == {
        "compared_lines": 2, "paid": str(both), "expected": str(both), "variance": "0.00"
    }  # fmt: skip
    assert doc["claims"]["C2"]["variance"] == "-1.00" and doc["claims"]["C2"]["paid"] == str(visit - 1)
    assert doc["underpaid_by_claim"] == {"claims": 1, "rows": 1, "amount": "3.00"}
    # The line by line count keeps its meaning: the LT line is one of its rows.
    assert doc["underpaid"] == {
        "rows": 3,
        "amount": str(one_side + 3),
        "paid_professional_allowed": 0,
        "paid_sequestered": 0,
    }
    said = "1 claim and 1 row without a claim id paid less than expected, $3.00 in all"
    assert said in stderr and "3 rows paid less than expected" not in stderr
    code, _, stderr = run_remit(tmp_path, text)  # without --summary: said the same
    assert said in stderr
    # A file without a claim column: every row line by line, as before.
    plain = "\n".join(",".join(line.split(",")[1:]) for line in text.splitlines()) + "\n"
    code, _, stderr = run_remit(tmp_path, plain, "--summary", str(summary))
    assert "3 rows paid less than expected" in stderr
    assert json.loads(summary.read_text())["underpaid_by_claim"]["rows"] == 3


def variance_block(variances: list[int]) -> dict[str, np.ndarray]:
    """A block of claims' totals (``ClaimTotals.add``): one compared line each, with these variances in cents."""
    sums = {name: np.zeros(len(variances), dtype=np.int64) for name in CLAIM_MEASURES + PAID_MEASURES}
    sums["compared_lines"][:] = 1
    sums["variance"][:] = variances
    return sums


def test_claims_met_in_two_places_are_underpaid_by_their_whole_totals() -> None:
    """A claim cut between chunks (or met again after other rows) is underpaid by its totals over all its places,
    whether its blocks are in memory or in the temporary file."""
    measures = CLAIM_MEASURES + PAID_MEASURES
    for limit in (0, None):
        totals = ClaimTotals(memory_limit=limit, measures=measures)

        totals.add(["X", "Y", "W"], variance_block([-500, -400, 0]))
        totals.add(["Y", "X", "Z"], variance_block([1000, 300, -100]))  # X: -2.00 in all, Y: +6.00, Z: -1.00
        assert totals.underpaid() == (2, -300)
        assert dict(totals.items())["X"]["variance"] == -200  # and the entries agree
        totals.close()


def test_a_line_priced_nationally_is_not_compared(pricer: Pricer, tmp_path: Path) -> None:
    """The trial's row 26080020/2: 99213 with a blank ZIP, priced with the national amount ($95.19, which Medicare
    pays nowhere), its $90.97 read as $4.22 underpaid. Its variance is blank, its note says why, no underpaid counts
    it; a lab's amount (CLFS: national everywhere) is still compared."""
    local = _office(pricer, "99213")
    text = (
        "claim,code,date,pos,zip,paid\n"
        f"N1,99213,{DATE},11,,{local}\nN2,99213,{DATE},11,{ZIP},{local}\nN3,80053,{DATE},11,,1.00\n"
    )
    summary = tmp_path / "summary.json"
    code, rows, stderr = run_remit(tmp_path, text, "--summary", str(summary))
    assert code == 0, stderr
    national, here, lab = rows
    assert national["locality_priced"] == "0000000" and national["allowed"] != str(local)
    assert national["variance"] == national["expected"] == "" and national["paid_as_read"] == str(local)
    assert national["note"].endswith(
        "Paid amount not compared: national amounts (no ZIP or locality) are not what Medicare pays (it pays by "
        "locality)."
    )
    assert Decimal(here["variance"]) == 0 and Decimal(lab["variance"]) == Decimal("1.00") - Decimal(lab["allowed"])
    doc = json.loads(summary.read_text())
    assert doc["national"] == 1 and doc["claims"]["N1"]["compared_lines"] == 0
    assert doc["underpaid"]["rows"] == 1 and doc["underpaid_by_claim"]["claims"] == 1  # the lab alone
    # A file with no ZIP column: every PFS row national, and the run says its paid amounts are not compared.
    code, rows, stderr = run_remit(tmp_path, f"code,date,pos,paid\n99213,{DATE},11,{local}\n")
    assert rows[0]["variance"] == "" and "(so a PFS, hospital or ASC row's paid amount is not compared)" in stderr


def test_a_reversal_is_counted_apart_never_underpaid(pricer: Pricer, tmp_path: Path) -> None:
    """A negative paid amount ('($76.09)', '129.83-') is an 835 reversal: a payment taken back, which the claim's
    corrected line replaces (X12 835 TR3 1.10.2.8). The trial's came out with a variance of twice the amount and
    counted as underpaid. Now: compared with nothing, its note says so, the summary counts it apart."""
    visit, longer = _office(pricer, "99213"), _office(pricer, "99214")
    text = (
        "claim,code,date,pos,zip,paid\n"
        f"R1,99213,{DATE},11,{ZIP},(${visit})\nR1,99213,{DATE},11,{ZIP},${visit}\nR2,99214,{DATE},11,{ZIP},{longer}-\n"
    )
    summary = tmp_path / "summary.json"
    code, rows, stderr = run_remit(tmp_path, text, "--summary", str(summary))
    assert code == 0, stderr
    taken, corrected, other = rows
    for reversal, amount in ((taken, visit), (other, longer)):
        assert reversal["variance"] == reversal["expected"] == "" and Decimal(reversal["paid_as_read"]) == -amount
        assert reversal["note"].endswith("Paid amount not compared: a negative paid amount is a reversal (a payment "
                                         "taken back, which the claim's corrected line replaces). Counted apart "
                                         "(reversals), never as underpaid. Priced as a line alone, out of its "
                                         "claim's rules and totals.")  # fmt: skip
    assert Decimal(corrected["variance"]) == 0
    doc = json.loads(summary.read_text())
    assert doc["reversals"] == {"rows": 2, "amount": str(-(visit + longer)), "reversed_rows": 0}
    assert doc["underpaid"] == {"rows": 0, "amount": "0.00", "paid_professional_allowed": 0, "paid_sequestered": 0}
    assert doc["underpaid_by_claim"]["claims"] == 0
    assert doc["claims"]["R1"]["compared_lines"] == 1 and doc["claims"]["R1"]["paid"] == str(visit)
    assert (
        f"2 reversals (a negative paid amount: a payment taken back, not compared, in no total), ${visit + longer} "
        "taken back" in (stderr)
    )
    assert "paid less than expected" not in stderr


@pytest.mark.parametrize("paid_header", ["Allowed", "paid"])
def test_the_paid_amount_read_is_a_number_in_the_output(tmp_path: Path, paid_header: str) -> None:
    """The remit's paid cells ('$1,217.83') stayed text in the workbook: a manager could not subtract. The amount
    rvucalc read is `paid_as_read`, a currency number in .xlsx, and so is the echoed paid cell; an input column named
    `paid` keeps its name."""
    from openpyxl import load_workbook

    source = tmp_path / "remit.csv"
    source.write_text(f'claim,code,date,pos,zip,{paid_header}\nW1,99213,{DATE},11,{ZIP},"$1,217.83"\n'
                      f"W2,99213,{DATE},11,{ZIP},DENIED\n")  # fmt: skip
    target = tmp_path / "checked.xlsx"
    result = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    sheet = load_workbook(target).active
    header = [cell.value for cell in sheet[1]]
    assert header[5] == paid_header and header.count("paid_as_read") == 1 and "kept as" not in result.stderr
    first, denied = sheet[2], sheet[3]
    cell = first[header.index("paid_as_read")]
    assert cell.value == 1217.83 and cell.number_format == '"$"#,##0.00'
    # the echoed paid cell is the amount read too (one type in the column: a SUM takes every row's)
    assert (first[5].value, first[5].number_format) == (cell.value, cell.number_format)
    assert Decimal(str(first[header.index("variance")].value)) == Decimal("1217.83") - Decimal(
        str(first[header.index("expected")].value)
    )
    assert denied[header.index("paid_as_read")].value is None


def test_a_physicians_remit_leads_with_the_professional_totals(pricer: Pricer, tmp_path: Path) -> None:
    """With --paid-for professional the stderr summary led with 'allowed $7,637.25', hospital (OPPS) payments the
    group never receives included. It now leads with the professional claims' totals; the site totals follow,
    labelled. The allowed column is unchanged: the site's amount."""
    text = "claim,code,date,pos,zip,paid\nH1,45378,2025-08-03,22,10001,202.85\nH2,99213,2025-08-03,11,10001,101.06\n"
    code, rows, stderr = run_remit(tmp_path, text, "--paid-for", "professional")
    assert code == 0, stderr
    hospital = rows[0]
    assert Decimal(hospital["allowed"]) == Decimal(hospital["pfs_facility_amount"]) + Decimal(hospital["opps_rate"])
    professional = sum(Decimal(row["professional_allowed"]) for row in rows)
    site = sum(Decimal(row["allowed"]) for row in rows)
    lead = (
        "practitioners', labs' and suppliers' claims (no facility fee: what the physician, lab or supplier is paid): "
        "2 rows, allowed "
        f"${professional:,}"
    )
    second = f"site totals (hospital and ASC payments included): 2 rows priced in their setting: allowed ${site:,}"
    assert lead in stderr and second in stderr and stderr.index(lead) < stderr.index(second)
    code, rows, stderr = run_remit(tmp_path, text)  # the site's remit: its totals as before
    assert f"2 rows priced in their setting: allowed ${site:,}" in stderr and "site totals" not in stderr
    assert ("practitioners', labs' and suppliers' claims (no facility fee: the PFS facility amount alone at a "
            f"hospital or ASC): allowed ${professional:,}") in stderr  # fmt: skip


def _site_total(pricer: Pricer, code: str, setting: str, **place: str) -> Decimal:
    """The single lookup's allowed amount of a code alone in a setting (a ZIP or a locality, or neither)."""
    [site] = pricer.price(code, date_of_service="2025-11-10", setting=setting, **place).sites
    assert site.total is not None
    return site.total


def test_a_reversal_takes_no_part_in_its_claims_rules_and_nets_its_original_out(pricer: Pricer, tmp_path: Path) -> None:
    """A review's remit: claim Y's 20610 and 20611 with a reversal of 20611 between them (its original on an earlier
    remit) was ranked with them, first: 20610 and the corrected 20611 at 50%, the claim 'not underpaid'. Claim X's
    original 11042, its reversal and the corrected line were three services (two at 50%), paid $290 against $229.08.
    A reversal negates an earlier payment (X12 835 TR3 1.10.2.8): it is no service. It is priced as a line alone,
    out of the claim's rules and totals; the earlier row of its claim it negates (same code, date, units, amount) is
    too, so the claim is its corrected line. The amounts are `rvucalc price`'s: the encounter of 20610 and 20611, and
    each code alone."""
    encounter = pricer.price_encounter(["20610", "20611"], zip_code=ZIP, date_of_service=DATE, setting="office")
    ranked = {line.code: line.pfs.non_facility.amount for line in encounter.lines}
    alone_20611, alone_11042 = _office(pricer, "20611"), _office(pricer, "11042")
    assert ranked["20611"] == alone_20611 and ranked["20610"] < _office(pricer, "20610")  # 20610 at 50%
    text = (
        "claim,code,date,pos,zip,paid\n"
        f"X,11042,{DATE},11,{ZIP},150.00\nX,11042,{DATE},11,{ZIP},(150.00)\nX,11042,{DATE},11,{ZIP},140.00\n"
        f"Y,20610,{DATE},11,{ZIP},79.27\nY,20611,{DATE},11,{ZIP},-90.00\nY,20611,{DATE},11,{ZIP},60.00\n"
    )
    summary = tmp_path / "summary.json"
    code, rows, stderr = run_remit(tmp_path, text, "--summary", str(summary))
    assert code == 0, stderr
    original, taken_back, corrected, y_20610, reversal, y_20611 = rows
    # Claim Y: the encounter of its two services; the reversal priced alone, compared with nothing.
    assert (Decimal(y_20610["allowed"]), Decimal(y_20611["allowed"])) == (ranked["20610"], ranked["20611"])
    assert Decimal(y_20611["expected"]) == alone_20611
    assert Decimal(y_20611["variance"]) == Decimal("60.00") - alone_20611
    assert Decimal(reversal["allowed"]) == alone_20611 and reversal["expected"] == reversal["variance"] == ""
    assert "Claim encounter" not in reversal["note"] and "out of its claim's rules and totals" in reversal["note"]
    # Claim X: one service, paid 150 - 150 + 140.
    for row in (original, taken_back, corrected):
        assert Decimal(row["allowed"]) == alone_11042 and "Claim encounter" not in row["note"]
    assert original["expected"] == taken_back["expected"] == ""
    assert "a later row of this claim reverses" in original["note"]
    assert Decimal(corrected["variance"]) == Decimal("140.00") - alone_11042
    doc = json.loads(summary.read_text())
    x, y = doc["claims"]["X"], doc["claims"]["Y"]
    assert (x["lines"], x["allowed"], x["compared_lines"], x["paid"]) == (1, str(alone_11042), 1, "140.00")
    assert (x["expected"], x["variance"]) == (str(alone_11042), str(Decimal("140.00") - alone_11042))
    expected_y = ranked["20610"] + ranked["20611"]
    assert (y["lines"], y["allowed"], y["paid"], y["expected"]) == (2, str(expected_y), "139.27", str(expected_y))
    assert y["variance"] == str(Decimal("139.27") - expected_y) and y["unpriced"] == 0
    short = [amount for amount in (Decimal("140.00") - alone_11042, Decimal("139.27") - expected_y) if amount < 0]
    assert doc["underpaid_by_claim"] == {"claims": len(short), "rows": 0, "amount": str(-sum(short, Decimal("0.00")))}
    assert doc["reversals"] == {"rows": 2, "amount": "-240.00", "reversed_rows": 1}
    assert doc["totals"]["all"]["lines"] == 3 and doc["totals"]["all"]["allowed"] == str(alone_11042 + expected_y)
    assert f"3 rows priced in their setting: allowed ${alone_11042 + expected_y}" in stderr
    # A bad line of the claim is still named by its number in the claim, the reversal counted.
    code, rows, _ = run_remit(tmp_path, text + f"Y,XXXXX,{DATE},11,{ZIP},1.00\n")
    assert "the rules ran without line 4 (XXXXX) of this claim" in rows[3]["note"]


def test_a_hospital_rate_without_a_wage_index_is_not_compared(pricer: Pricer, tmp_path: Path) -> None:
    """A review's remit: G0463 at the hospital with no ZIP was compared with the national OPPS rate ($128.87, +$11.13
    on $140.00; in Manhattan the rate is $153.13, -$13.13) and not counted as priced nationally. A hospital's or
    ASC's rate without a wage index is no more what Medicare pays than a national PFS amount: not compared, counted
    (no ZIP: national; a locality, which has no wage index: facility_national). A packaged $0.00 is the same
    everywhere: compared."""
    national = _site_total(pricer, "G0463", "hopd")
    manhattan = _site_total(pricer, "G0463", "hopd", zip_code="10001")
    assert (national, manhattan) == (Decimal("128.87"), Decimal("153.13"))  # CY2025 Q4 Addendum B
    assert _site_total(pricer, "G0463", "hopd", locality="1320201") == national  # a locality: no wage index
    text = (
        "claim,code,date,pos,zip,locality,paid\n"
        "A,G0463,2025-11-10,22,,,140.00\nB,G0463,2025-11-10,22,10001,,140.00\n"
        "C,C1713,2025-11-10,22,,,1.00\nD,G0463,2025-11-10,22,,1320201,140.00\n"
    )
    summary = tmp_path / "summary.json"
    code, rows, stderr = run_remit(tmp_path, text, "--summary", str(summary))
    assert code == 0, stderr
    no_place, placed, packaged, locality = rows
    assert Decimal(no_place["allowed"]) == national and no_place["expected"] == no_place["variance"] == ""
    assert no_place["note"].endswith("Paid amount not compared: national amounts (no ZIP or locality) are not what "
                                     "Medicare pays (it pays by locality).")  # fmt: skip
    assert Decimal(locality["allowed"]) == national and locality["variance"] == ""
    assert "the hospital's or ASC's rate here is the national rate" in locality["note"]
    assert Decimal(placed["variance"]) == Decimal("140.00") - manhattan
    assert Decimal(packaged["allowed"]) == 0 and Decimal(packaged["variance"]) == Decimal("1.00")
    doc = json.loads(summary.read_text())
    assert (doc["national"], doc["facility_national"]) == (1, 1)
    assert doc["claims"]["A"]["compared_lines"] == doc["claims"]["D"]["compared_lines"] == 0
    assert "1 row priced nationally" in stderr
    assert doc["underpaid_by_claim"] == {"claims": 1, "rows": 0, "amount": str(manhattan - Decimal("140.00"))}


def test_a_claim_with_nothing_compared_has_no_paid_expected_or_variance(pricer: Pricer, tmp_path: Path) -> None:
    """A review: a denied claim (paid 'DENIED') and a claim priced nationally said "paid": "0.00", "expected": "0.00",
    "variance": "0.00" in --summary: read as paid exactly as expected. With no line compared they are null; a claim
    compared says its amounts (0.00 where they are)."""
    visit = _office(pricer, "99213")
    text = (
        "claim,code,date,pos,zip,paid\n"
        f"D1,99214,{DATE},11,{ZIP},DENIED\nN1,99213,{DATE},11,,90.00\nP1,99213,{DATE},11,{ZIP},{visit}\n"
    )
    summary = tmp_path / "summary.json"
    code, _, stderr = run_remit(tmp_path, text, "--summary", str(summary))
    assert code == 0, stderr
    claims = json.loads(summary.read_text())["claims"]
    for name in ("D1", "N1"):
        assert claims[name]["compared_lines"] == 0
        assert (claims[name]["paid"], claims[name]["expected"], claims[name]["variance"]) == (None, None, None)
        assert claims[name]["allowed"] != "0.00"  # the claim's own amounts are still said
    assert (claims["P1"]["paid"], claims["P1"]["expected"], claims["P1"]["variance"]) == (str(visit), str(visit),
                                                                                         "0.00")  # fmt: skip
    # The whole document (as_json) says the same as the streamed one.
    from rvucalc.batch.claim_totals import claim_json

    totals = dict.fromkeys(CLAIM_MEASURES + PAID_MEASURES, 0)
    assert claim_json(totals)["variance"] is None and claim_json({**totals, "compared_lines": 1})["paid"] == "0.00"
