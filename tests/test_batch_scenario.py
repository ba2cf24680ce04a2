"""What-if and contract pricing in batch and export, checked by hand: RVUs x GPCIs x the user's CF, rounded
once; allowed x N%; paid - expected. Every row says it is a what-if, not a CMS rate."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import read_csv_text
from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer

runner = CliRunner()
WHAT_IF = Decimal("32.8409")  # the CY2027 proposed non-QP CF (payment-rules.md section 7): a what-if


def _by_hand(pricer: Pricer, code: str, locality: str, setting: str = "non_facility") -> Decimal:
    release = pricer.catalogue.newest("pfs")
    store = pricer.catalogue.store(release)
    row = store.rvu(code, "")
    place = store.locality(locality)
    assert row is not None and place is not None
    pe = row["pe_nonfac_rvu"] if setting == "non_facility" else row["pe_fac_rvu"]
    rvus = [Decimal(row["work_rvu"]) / 100, Decimal(pe) / 100, Decimal(row["mp_rvu"]) / 100]
    gpcis = [Decimal(place[name]) / 1000 for name in ("gpci_work", "gpci_pe", "gpci_mp")]
    exact = sum((r * g for r, g in zip(rvus, gpcis, strict=True)), Decimal(0)) * WHAT_IF
    return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _run(tmp_path: Path, text: str, *options: str) -> tuple[int, list[dict[str, str]], str]:
    source = tmp_path / "lines.csv"
    source.write_text(text)
    target = tmp_path / "out.csv"
    result = runner.invoke(app, ["batch", str(source), "-o", str(target), *options])
    rows = list(csv.DictReader(target.open())) if target.exists() else []
    return result.exit_code, rows, result.stderr


def test_batch_what_if_contract_and_variance_by_hand(pricer: Pricer, tmp_path: Path) -> None:
    code, exit_lines, stderr = _run(
        tmp_path,
        "code,locality,setting,paid\n99213,1320201,office,100.00\n99213,1320201,office,$200.00\n"
        "99214,1320201,office,\n99213,1320201,office,ten dollars\n",
        "--conversion-factor", str(WHAT_IF), "--percent-of-medicare", "110",
    )  # fmt: skip
    assert code == 0  # the unreadable paid amount is not compared; its row is priced
    first, second, unpaid, bad = exit_lines
    allowed = _by_hand(pricer, "99213", "1320201")
    assert Decimal(first["allowed"]) == Decimal(first["pfs_non_facility_amount"]) == allowed
    contract = (allowed * Decimal("1.10")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert Decimal(first["contract_amount"]) == Decimal(first["expected"]) == contract
    assert Decimal(first["variance"]) == Decimal("100.00") - contract
    assert Decimal(second["variance"]) == Decimal("200.00") - contract
    assert unpaid["expected"] == unpaid["variance"] == "" and unpaid["contract_amount"] != ""
    assert all(row["scenario"].startswith("what-if, not a CMS rate") for row in (first, second, unpaid))
    assert bad["error"] == "" and Decimal(bad["allowed"]) == allowed and bad["variance"] == ""
    assert "Paid amount not compared: paid 'ten dollars'" in bad["note"]
    assert "1 row paid less than expected" in stderr


def test_batch_without_a_scenario_expects_the_medicare_amount(tmp_path: Path) -> None:
    code, [row], _ = _run(tmp_path, "code,zip,setting,paid\n99213,10001,office,90.00\n")
    assert code == 0 and row["scenario"] == "" and row["contract_amount"] == ""
    assert row["expected"] == row["allowed"] and Decimal(row["variance"]) == Decimal("90.00") - Decimal(row["allowed"])


@pytest.mark.slow
def test_export_what_if_by_hand(pricer: Pricer, tmp_path: Path) -> None:
    import pyarrow.compute as pc

    target = tmp_path / "pfs.csv"
    result = runner.invoke(app, ["export", "--conversion-factor", str(WHAT_IF), "-o", str(target), "-q"])
    assert result.exit_code == 0, result.stderr
    rows = read_csv_text(target)
    wanted = pc.and_(pc.and_(pc.equal(rows["hcpcs"], "99213"), pc.equal(rows["modifier"], "")),
                     pc.equal(rows["locality"], "1320201"))  # fmt: skip
    [row] = rows.filter(wanted).to_pylist()
    assert Decimal(row["non_facility_amount"]) == _by_hand(pricer, "99213", "1320201")
    assert Decimal(row["facility_amount"]) == _by_hand(pricer, "99213", "1320201", "facility")
    assert row["scenario"].startswith("what-if, not a CMS rate")
    assert pc.all(pc.starts_with(rows["scenario"], "what-if, not a CMS rate")).as_py()  # every row says so


def test_bad_scenario_values_are_usage_errors(tmp_path: Path) -> None:
    for option, value in (
        ("--conversion-factor", "0"),
        ("--conversion-factor", "1001"),
        ("--percent-of-medicare", "-5"),
    ):
        code, _, stderr = _run(tmp_path, "code\n99213\n", option, value)
        assert code == 2, (option, value, stderr)


def test_summary_totals_by_site_and_claim(tmp_path: Path) -> None:
    text = (
        "CPT Code,Date of Service,POS,Zip Code,Units,Claim ID\n"
        "97110,2026-08-03,11,94110,2,B2\n80053,2026-04-15,11,60614,1,B2\n29881,08/03/2026,24,10001,1,A1\n"
    )
    summary = tmp_path / "summary.json"
    code, rows, stderr = _run(tmp_path, text, "--summary", str(summary))
    assert code == 0
    import json

    doc = json.loads(summary.read_text())
    cents = {claim: sum(Decimal(r["allowed"]) for r in rows if r["Claim ID"] == claim) for claim in ("A1", "B2")}
    assert {claim: Decimal(doc["claims"][claim]["allowed"]) for claim in cents} == cents
    assert Decimal(doc["totals"]["all"]["allowed"]) == sum(cents.values())
    assert doc["totals"]["office"]["lines"] == 2 and doc["totals"]["asc"]["lines"] == 1
    for site in ("all", "office", "asc"):
        total = doc["totals"][site]
        assert Decimal(total["beneficiary"]) + Decimal(total["medicare"]) == Decimal(total["allowed"])
    assert f"allowed ${sum(cents.values()):,}" in stderr
    assert all(doc["claims"][claim]["unpriced"] == 0 for claim in ("A1", "B2"))
    (tmp_path / "more.csv").write_text(text + "99213,2026-08-03,,10001,1,C3\n27447,2026-08-03,11,10001,1,C3\n")
    more = runner.invoke(app, ["batch", str(tmp_path / "more.csv"), "-o", str(tmp_path / "m.csv"), "--summary", "-"])
    claims = json.loads(more.stdout)["claims"]  # C3: no line with an allowed amount (no POS; 27447 not in an office)
    assert claims["C3"] == {
        "lines": 0,
        "allowed": None,
        "beneficiary": None,
        "medicare": None,
        "unpriced": 2,
        "professional_lines": 0,
        "professional_allowed": None,
        "professional_beneficiary": None,
        "professional_medicare": None,
        "bundled": 0,
        "mac_ranked": 0,
        "dmepos_lines": 0,
        "dmepos_allowed": None,
        "dmepos_beneficiary": None,
        "dmepos_medicare": None,
        "unprocessable": 0,
    }  # fmt: skip (no line priced: no amount, not $0.00)
    to_stdout = runner.invoke(app, ["batch", str(tmp_path / "lines.csv"), "-o", str(tmp_path / "o.csv"), "--summary",
                                    "-"])  # fmt: skip
    assert to_stdout.exit_code == 0 and json.loads(to_stdout.stdout) == doc and not (tmp_path / "-").exists()
    both = runner.invoke(app, ["batch", str(tmp_path / "lines.csv"), "--summary", "-"])
    assert both.exit_code == 2 and "give -o FILE" in both.stderr and both.stdout == ""


def test_a_physicians_remit_is_checked_against_the_professional_claim(tmp_path: Path) -> None:
    """At a hospital or an ASC the site's allowed amount adds the facility's payment, which the facility bills on its
    own claim: a physician's remit (POS 22, 24, 21) is compared with ``professional_allowed`` under
    ``--paid-for professional``: the PFS facility amount alone (26 and 80 lines too), and the office's in the office.
    The professional columns are there in every run; the summary totals them."""
    text = (
        "CPT Code,Mod 1,Date of Service,POS,Zip Code,Units,Claim ID,Allowed Amount\n"
        "45378,,08/03/2025,22,10001,1,R1,202.85\n71046,26,08/03/2025,24,10001,1,R2,11.13\n"
        "27447,80,08/03/2025,24,10001,1,R3,234.47\n99213,,08/03/2025,11,10001,1,R4,101.06\n"
        "99213,,03/02/2026,22,10001,1,R5,63.78\n99213,,03/02/2026,21,10001,1,R6,63.78\n"
    )
    summary = tmp_path / "summary.json"
    code, rows, stderr = _run(tmp_path, text, "--paid-for", "professional", "--summary", str(summary))
    assert code == 0, stderr
    for row in rows:
        fee = row["pfs_non_facility_amount"] if row["POS"] == "11" else row["pfs_facility_amount"]
        assert row["professional_allowed"] == fee == row["expected"] and Decimal(row["variance"]) == 0, row
        share = (Decimal(fee) * Decimal("0.2")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        assert Decimal(row["professional_beneficiary"]) == share
        assert Decimal(row["professional_medicare"]) == Decimal(fee) - share
    # The site's allowed amount adds the facility's (2026: no OPPS file installed, so the hospital's is blank).
    assert Decimal(rows[0]["allowed"]) == Decimal(rows[0]["pfs_facility_amount"]) + Decimal(rows[0]["opps_rate"])
    assert rows[4]["allowed"] == "" and rows[5]["allowed"] == rows[5]["professional_allowed"]
    import json

    doc = json.loads(summary.read_text())
    totals = doc["totals"]
    assert Decimal(totals["professional"]["allowed"]) == sum(Decimal(row["professional_allowed"]) for row in rows)
    # Each claim's professional claim too: R5, a 2026 hospital line, has no site total but its professional one.
    assert doc["claims"]["R5"]["unpriced"] == 1 and doc["claims"]["R5"]["professional_lines"] == 1
    for row in rows:
        assert doc["claims"][row["Claim ID"]]["professional_allowed"] == row["professional_allowed"]
    # A physician's remit: the professional claims' totals lead (test_remit_variance), the site's follow.
    assert ("practitioners', labs' and suppliers' claims (no facility fee: what the physician, lab or supplier is "
            "paid): 6 rows, allowed $") in stderr  # fmt: skip
    assert "paid less than expected" not in stderr
    # By default the paid column is the site's whole allowed amount, facility fee included.
    code, rows, stderr = _run(tmp_path, text)
    assert Decimal(rows[0]["variance"]) == -Decimal(rows[0]["opps_rate"]) and "paid less than expected" in stderr
    code, _, stderr = _run(tmp_path, text, "--paid-for", "physician")
    assert code == 2 and "choose site, professional or facility" in stderr


def test_a_paid_amount_is_never_left_unchecked_in_silence(tmp_path: Path) -> None:
    """Found by a newcomer's trial: a paid amount on a line with no allowed amount (a 2026 hospital line: no OPPS
    file) had a blank variance and nothing said why; a hospital line's paid amount was compared with the facility's
    and physician's fees together without a word, though a physician's remit pays the second only."""
    text = (
        "CPT Code,Date of Service,POS,Zip Code,Claim ID,Paid\n"
        "99213,03/02/2026,22,10001,R1,63.78\n45378,08/03/2025,22,10001,R2,202.85\n99213,08/03/2025,11,10001,R3,90\n"
        "99213,08/03/2025,,10001,R4,90\n"
    )
    code, rows, stderr = _run(tmp_path, text)
    assert code == 0, stderr
    assert rows[0]["allowed"] == rows[0]["variance"] == "" and rows[0]["professional_allowed"]
    assert rows[0]["note"].endswith("Paid amount not compared: this line has no allowed amount (the notes say why). "
                                    "A physician's remittance is compared with professional_allowed with --paid-for "
                                    "professional.")  # fmt: skip
    assert "OPPS CY2026 rates not installed" in rows[0]["note"]  # the why
    assert rows[1]["variance"] and "Paid amount" not in rows[1]["note"] + rows[2]["note"]
    assert rows[3]["allowed"] == "" and rows[3]["note"].endswith("Paid amount not compared: this line has no "
                                                                  "allowed amount (the notes say why).")  # fmt: skip
    # Said once for the run: the hospital line R2 was compared with the site's whole allowed amount.
    assert stderr.count("compared with the site's whole allowed amount") == 1 and "--paid-for professional" in stderr
    code, rows, stderr = _run(tmp_path, text, "--paid-for", "professional")
    assert rows[0]["variance"] and "Paid amount" not in rows[0]["note"]
    assert "whole allowed amount" not in stderr
    # No place of service column: nothing chooses an allowed amount, and both the run and the rows say so.
    code, rows, stderr = _run(tmp_path, "CPT Code,Zip Code,Paid\n99213,10001,90\n")
    assert rows[0]["variance"] == "" and "and their paid amounts not compared" in stderr
    assert rows[0]["note"] == ("Paid amount not compared: the file has no place of service column to choose an "
                               "allowed amount.")  # fmt: skip


def test_summary_error_kinds_are_spelled_as_the_rows_error_kind(tmp_path: Path) -> None:
    """`errors` counts kinds in words; `error_kinds` the same counts keyed as the rows' error_kind column, so a
    script can join them."""
    import collections
    import json

    summary = tmp_path / "summary.json"
    text = "code,date\n2259O,2026-08-03\n99213,2026-02-30\nXXXXX,2026-08-03\n99213,2026-08-03\n"
    code, rows, _ = _run(tmp_path, text, "--summary", str(summary))
    assert code == 1
    doc = json.loads(summary.read_text())
    counted = collections.Counter(row["error_kind"] for row in rows if row["error_kind"])
    assert doc["error_kinds"] == dict(counted) and len(counted) >= 2
    assert {kind.replace("_", " "): count for kind, count in counted.items()} == doc["errors"]


def test_rows_with_no_amount_anywhere_are_counted_as_single_lookups_refuse_them(tmp_path: Path) -> None:
    """Found by a newcomer's trial: batch said "no errors" and nothing else for lines `rvucalc price` refuses with
    exit 1 (status I, ambulance). The summary counts them; the rows are the single lookup's, each with its reason.
    (Anesthesia without its inputs is an input error, as in `price`: test_batch_anesthesia.py.)"""
    codes = ["0001F", "99091", "99213", "A0425", "80053", "J9271"]
    code, rows, stderr = _run(tmp_path, "code,zip\n" + "".join(f"{c},10001\n" for c in codes), "--summary",
                              str(tmp_path / "s.json"))  # fmt: skip
    assert code == 0, stderr
    refused = [c for c in codes if runner.invoke(app, ["price", c, "--zip", "10001"]).exit_code != 0]
    assert refused == ["0001F", "A0425"]
    for row in rows:
        assert (row["code"] in refused) == (row["office_allowed"] == row["pfs_facility_amount"] == ""), row
        if row["code"] in refused:
            assert row["note"] and row["error"] == "", row  # priced, with the reason: not an input error
    assert f"{len(refused)} rows with no amount in any site" in stderr
    import json

    assert json.loads((tmp_path / "s.json").read_text())["no_amount"] == len(refused)


def test_rows_priced_with_a_release_not_in_force_on_their_date_are_counted(tmp_path: Path) -> None:
    """Found by a fresh-eyes trial: January-June 2026 lines priced with July's release (2026A is not installed)
    said so on their rows alone; the summary named only the releases used."""
    dates = ["2025-03-15", "2025-06-04", "2026-03-15", "2026-08-03", "2025-11-03"]
    code, rows, stderr = _run(tmp_path, "code,zip,date,pos\n" + "".join(f"99213,10001,{d},11\n" for d in dates),
                              "--summary", str(tmp_path / "s.json"))  # fmt: skip
    assert code == 0, stderr
    installed = {"2025-03-15", "2026-08-03", "2025-11-03"}  # 2025A, 2026C and 2025D are in data/
    for row in rows:
        assert ("is not installed: priced with" in row["note"]) == (row["date"] not in installed), row
    assert "2 rows priced with a release not in force on their date" in stderr
    import json

    assert json.loads((tmp_path / "s.json").read_text())["another_release"] == 2


def test_a_paid_cell_that_says_no_amount_says_it_is_not_compared(tmp_path: Path) -> None:
    """A review found Excel's Comma Style zero (' -   ') read as no paid amount with nothing said on its row."""
    code, rows, _ = _run(tmp_path, "code,zip,pos,paid\n99213,10001,11, -   \n99213,10001,11,N/A\n99213,10001,11,\n")
    assert code == 0
    assert rows[0]["note"] == "Paid amount not compared: the paid cell says '-' (read as no amount)."
    assert rows[1]["note"] == "Paid amount not compared: the paid cell says 'N/A' (read as no amount)."
    assert rows[2]["note"] == "" and all(row["variance"] == "" and row["allowed"] for row in rows)


def test_a_remits_allowed_column_is_compared_before_its_paid_one(tmp_path: Path) -> None:
    """Found by a fresh-eyes trial: a remit export with `Allowed` and `Paid` had `Paid` compared with allowed, so every
    line paid in full was "underpaid" by its coinsurance. The allowed column is compared; a paid one alone is said."""
    text = "Proc,DOS,POS,Zip,Allowed,Paid\n99213,08/03/2025,11,10001,101.06,80.85\n"
    code, rows, stderr = _run(tmp_path, text, "--columns", "code=Proc")
    assert code == 0 and "paid ← Allowed" in stderr and rows[0]["variance"] == "0.00", stderr
    code, rows, stderr = _run(tmp_path, "Proc,DOS,POS,Zip,Paid\n99213,08/03/2025,11,10001,80.85\n",
                              "--columns", "code=Proc")  # fmt: skip
    assert rows[0]["variance"] == "-20.21"  # the coinsurance: what the notice warns of
    assert "paid ← Paid is compared with allowed (Medicare's and the patient's shares together)" in stderr


@pytest.mark.parametrize(
    "header",
    [
        "Paid Amt",
        "Amt Paid",
        "Payment Amount",
        "Pmt Amt",
        "Ins Paid",
        "Insurance Paid",
        # a hospital trial's remits (UB-04 line payments): passed through untouched
        "Line Paid",
        "Line Payment",
        "Line Paid Amount",
        "Line Item Paid",
        "Payer Paid",
    ],
)
def test_a_remits_paid_column_under_a_practice_systems_name_is_read_and_said(tmp_path: Path, header: str) -> None:
    """A trial: `Paid Amt` (and `Amt Paid`, `Pmt Amt`, `Ins Paid` ...) passed through unread: no variance, no word."""
    code, rows, stderr = _run(tmp_path, f"Proc,DOS,POS,Zip,{header}\n99213,08/03/2025,11,10001,80.85\n",
                              "--columns", "code=Proc")  # fmt: skip
    assert code == 0 and f"paid ← {header}" in stderr and rows[0]["variance"] == "-20.21", stderr
    assert "a remittance's paid amount is Medicare's share alone" in stderr


def test_a_paid_column_blank_in_every_row_is_said_so(tmp_path: Path) -> None:
    """A faculty practice trial's export: a 'Paid Amount' header with no values was told it "is compared with allowed"
    (the column's notice was written before a cell was read). A file's cells are read first (batch.files.DateScan): it
    is said blank, nothing compared; one amount anywhere in the file (here past the first chunk) and it is as before.
    Stdin is read as the file is (spooled to a temporary file, batch.files.spooled_stdin): said blank too. The rows'
    amounts are the same either way."""
    header = "Proc,DOS,POS,Zip,Paid Amount\n"
    line = "99213,08/03/2025,11,10001,{}\n"
    blank = "paid ← Paid Amount is blank in every row: no paid amount to compare"
    compared = "paid ← Paid Amount is compared with allowed"
    code, rows, stderr = _run(tmp_path, header + line.format("") * 150, "--columns", "code=Proc", "--chunk-rows", "100")
    assert code == 0 and blank in stderr and compared not in stderr, stderr
    assert all(row["variance"] == "" and row["allowed"] for row in rows)
    allowed = {row["allowed"] for row in rows}
    for medicare in ((), ("--paid-is", "medicare")):
        code, rows, stderr = _run(tmp_path, header + line.format("") * 140 + line.format("80.85"),
                                  "--columns", "code=Proc", "--chunk-rows", "100", *medicare)  # fmt: skip
        assert code == 0 and blank not in stderr and "paid ← Paid Amount is" in stderr, stderr
        assert rows[-1]["variance"] == ("-20.21" if not medicare else "0.00") and rows[0]["variance"] == ""
        assert {row["allowed"] for row in rows} == allowed  # no amount changes with the notice
    source = tmp_path / "stdin.csv"
    source.write_text(header + line.format(""))
    done = runner.invoke(app, ["batch", "-", "--columns", "code=Proc"], input=source.read_text())
    assert done.exit_code == 0 and blank in done.stderr and compared not in done.stderr, done.stderr


def test_the_summary_totals_the_contract(tmp_path: Path) -> None:
    """Found by a fresh-eyes trial: `--summary` had no contract total for a practice manager modelling one. It is the
    sum of the rows' contract amounts (each rounded once), overall and by site, and stderr says it."""
    text = (
        "claim,code,zip,pos,date\nA,99213,10001,11,2025-08-03\nB,45378,10001,22,2025-08-03\n"
        "C,29881,10001,24,2025-08-03\n"
    )
    summary = tmp_path / "s.json"
    code, rows, stderr = _run(tmp_path, text, "--percent-of-medicare", "120", "--summary", str(summary))
    assert code == 0, stderr
    import json

    contracts = json.loads(summary.read_text())["contracts"]
    assert Decimal(contracts["all"]["contract_amount"]) == sum(Decimal(row["contract_amount"]) for row in rows)
    for row in rows:
        assert contracts[row["site"]]["contract_amount"] == row["contract_amount"]
    assert f"contract (--percent-of-medicare) ${Decimal(contracts['all']['contract_amount']):,} on 3 rows" in stderr
    _, _, stderr = _run(tmp_path, text, "--summary", str(summary))
    assert json.loads(summary.read_text())["contracts"] == {} and "contract" not in stderr


def test_a_contract_of_the_sites_allowed_amount_says_it_holds_the_facilitys_payment(tmp_path: Path) -> None:
    """Found by a reimbursement analyst's trial: `--percent-of-medicare 120` without --paid-for put 70553-26 at POS 22
    at 120% of the site's allowed amount, the hospital's OPPS payment included ($780.31, the physician's fee $120.10),
    while stderr said only "contract 120% of allowed". Where a contract row is at a hospital or ASC, the terms say what
    that allowed amount holds and name --paid-for professional; an office-only run, and --paid-for professional, do
    not."""
    sited = "claim,code,zip,pos,date\nA,99213,10001,11,2025-08-03\nB,70553-26,10001,22,2025-08-03\n"
    said = "at a hospital or ASC the site's whole allowed amount, the facility's payment included"
    code, rows, stderr = _run(tmp_path, sited, "--percent-of-medicare", "120")
    assert code == 0 and said in stderr and "--paid-for professional)" in stderr, stderr
    hospital = Decimal(rows[1]["allowed"])
    assert hospital > Decimal(rows[1]["professional_allowed"])  # the OPPS payment is in it
    assert Decimal(rows[1]["contract_amount"]) == (hospital * Decimal("1.2")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    _, _, stderr = _run(tmp_path, sited, "--percent-of-medicare", "120", "--paid-for", "professional")
    assert "contract 120% of professional_allowed" in stderr and said not in stderr
    _, _, stderr = _run(tmp_path, "code,zip,pos,date\n99213,10001,11,2025-08-03\n", "--percent-of-medicare", "120")
    assert "contract 120% of allowed" in stderr and said not in stderr


def _cms_amount(pricer: Pricer, code: str, modifier: str, locality: str, setting: str) -> Decimal:
    """The newest PFS release's amount by hand from CMS's RVU row, the locality's GPCIs and the RVU file's own CF."""
    store = pricer.catalogue.store(pricer.catalogue.newest("pfs"))
    row, place = store.rvu(code, modifier), store.locality(locality)
    assert row is not None and place is not None
    pe = row["pe_nonfac_rvu"] if setting == "non_facility" else row["pe_fac_rvu"]
    rvus = [Decimal(row["work_rvu"]) / 100, Decimal(pe) / 100, Decimal(row["mp_rvu"]) / 100]
    gpcis = [Decimal(place[name]) / 1000 for name in ("gpci_work", "gpci_pe", "gpci_mp")]
    exact = sum((r * g for r, g in zip(rvus, gpcis, strict=True)), Decimal(0)) * Decimal(row["conv_factor"]) / 10000
    return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_the_summary_gives_each_claims_contract(tmp_path: Path) -> None:
    """Found by a reimbursement analyst's trial: `--summary` gave a 120% contract's total by site only, so what a claim
    would be paid under it meant summing the output's rows by hand. Each claim's entry now ends with its lines with a
    contract amount and their total (each row 120% of its professional fee rounded once, the fee CMS's RVUs x GPCIs x
    CF); a claim with none has null, not "0.00"; a run without --percent-of-medicare has neither key."""
    text = (
        "claim,code,modifier,zip,pos,date\nA,99214,25,10001,11,2026-08-03\nA,20610,RT,10001,11,2026-08-03\n"
        "B,71046,26,10001,22,2026-08-03\nC,J3490,,10001,11,2026-08-03\n"
    )
    summary = tmp_path / "s.json"
    code, rows, stderr = _run(tmp_path, text, "--percent-of-medicare", "120", "--paid-for", "professional",
                              "--summary", str(summary))  # fmt: skip
    assert code == 0, stderr
    pricer = Pricer()
    fees = [_cms_amount(pricer, "99214", "", "1320201", "non_facility"),
            _cms_amount(pricer, "20610", "", "1320201", "non_facility"),
            _cms_amount(pricer, "71046", "26", "1320201", "facility")]  # fmt: skip
    contracts = [(fee * Decimal("1.2")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) for fee in fees]
    assert [row["professional_allowed"] for row in rows[:3]] == [str(fee) for fee in fees]
    assert [row["contract_amount"] for row in rows] == [*map(str, contracts), ""]
    claims = json.loads(summary.read_text())["claims"]
    assert (claims["A"]["contract_lines"], claims["A"]["contract_amount"]) == (2, str(contracts[0] + contracts[1]))
    assert (claims["B"]["contract_lines"], claims["B"]["contract_amount"]) == (1, str(contracts[2]))
    assert (claims["C"]["contract_lines"], claims["C"]["contract_amount"]) == (0, None)
    _, _, stderr = _run(tmp_path, text, "--summary", str(summary))
    assert not any("contract_amount" in claim for claim in json.loads(summary.read_text())["claims"].values())


def test_a_what_if_cf_labels_only_the_rows_it_changes(tmp_path: Path) -> None:
    """Found by a newcomer's trial (session 20) and again (session 21): `--conversion-factor` labelled a lab's and a
    drug's rows "what-if", though their amounts are CMS's own (CLFS, ASP). Only the PFS rows it changes say so; the
    single lookup alike."""
    code, rows, _ = _run(tmp_path, "code,zip,pos\n99213,10001,11\n80053,10001,11\nJ9271,10001,11\n",
                         "--conversion-factor", str(WHAT_IF))  # fmt: skip
    assert code == 0
    assert rows[0]["scenario"].startswith("what-if, not a CMS rate")
    assert rows[1]["scenario"] == rows[2]["scenario"] == ""
    plain = {row["code"]: row["allowed"] for row in _run(tmp_path, "code,zip,pos\n80053,10001,11\nJ9271,10001,11\n")[1]}
    assert (rows[1]["allowed"], rows[2]["allowed"]) == (plain["80053"], plain["J9271"])  # CMS's amounts
    import json

    lab = json.loads(runner.invoke(app, ["price", "80053", "--conversion-factor", "30", "-f", "json"]).stdout)
    assert lab["scenario"] is None


def test_a_denied_line_stays_in_its_claim(tmp_path: Path) -> None:
    """A trial's remit: 27447 DENIED and 29881 paid $300 on one claim. DENIED was a row error, so 29881 lost its
    multiple-procedure rank and was "underpaid" by $296.66 against its full fee; now DENIED is no paid amount (the row
    is priced, in its claim, and says so) and 29881 is expected at 50%, as on a claim whose 27447 paid cell is blank."""
    text = ("claim_id,dos,cpt,units,pos,zip,paid\n"
            "A1,2026-08-03,27447,1,22,10001,DENIED\nA1,2026-08-03,29881,1,22,10001,300\n"
            "B1,2026-08-03,27447,1,22,10001,\nB1,2026-08-03,29881,1,22,10001,300\n")  # fmt: skip
    code, rows, stderr = _run(tmp_path, text, "--paid-for", "professional")
    assert code == 0, stderr
    denied, scope, blank, other = rows
    assert denied["error"] == "" and "the paid cell says 'DENIED'" in denied["note"]
    assert denied["variance"] == "" and denied["professional_allowed"] == blank["professional_allowed"] != ""
    assert (scope["expected"], scope["variance"]) == (other["expected"], other["variance"])
    assert "Multiple procedure: ranked 2 of 2" in scope["note"]


def test_the_summary_says_the_runs_terms_and_labels_only_the_lines_they_price(tmp_path: Path, pricer: Pricer) -> None:
    """A trial: what-if totals said no CF (stderr and --summary), and rows the what-if did not touch were labelled
    (99213 with an anesthesia CF, an anesthesia line with the PFS CF)."""
    text = "code,zip,base_units,minutes,setting\n99213,10001,,,office\n00400,10001,3,47,office\nJ9271,10001,,,office\n"
    summary = tmp_path / "summary.json"
    for options, labelled in (
        (("--anesthesia-cf", "21"), [False, True, False]),
        (("--conversion-factor", str(WHAT_IF)), [True, False, False]),
    ):
        code, rows, stderr = _run(tmp_path, text, *options, "--percent-of-medicare", "110", "--summary", str(summary))
        assert code == 0, stderr
        assert [bool(row["scenario"]) for row in rows] == labelled
        cms = pricer.price(rows[0]["code"], zip_code="10001").pfs.non_facility.amount
        assert (Decimal(rows[0]["pfs_non_facility_amount"]) == cms) == (options[0] == "--anesthesia-cf")
        terms = json.loads(summary.read_text())["scenario"]
        given = options[1]
        assert terms["percent_of_medicare"] == "110" and terms["expected"] == "contract_amount"
        assert (terms["conversion_factor"] or terms["anesthesia_cf"]) == given
        assert (
            f"terms: what-if {'anesthesia ' if options[0] == '--anesthesia-cf' else ''}conversion factor ${given}"
            in (" ".join(stderr.split()))
        )
    _, _, _ = _run(tmp_path, text, "--summary", str(summary))
    assert json.loads(summary.read_text())["scenario"] == {}


def test_the_summary_counts_the_rows_priced_nationally(tmp_path: Path) -> None:
    """A blank ZIP's row is checked against the national amount, which Medicare pays nowhere: its note says so, and
    now the summary counts such rows (a trial saw a +$12.44 variance with no word in the summary)."""
    summary = tmp_path / "summary.json"
    code, rows, stderr = _run(
        tmp_path, "code,zip,paid\n99213,,100\n99213,10001,100\n2259O,,1\n80053,,\n", "--summary", str(summary)
    )  # fmt: skip (a lab's CLFS amount is national everywhere: not counted)
    assert code == 1
    assert [row["locality_priced"] for row in rows[:2]] == ["0000000", "1320201"]
    assert "1 row priced nationally" in stderr and json.loads(summary.read_text())["national"] == 1


def test_the_summary_counts_facility_rows_at_the_national_rate_for_want_of_a_wage_index(tmp_path: Path) -> None:
    """An analyst's trial: CMS's CY2025 wage index file lists rural Alabama twice (0.6471, 0.7158), so ZIP 36701's
    hospital and ASC rates are national (the row says why) and ~25% above either value; the summary added them to
    its totals without a word. Such a row is not priced now (engine.wage_choices: nor in the totals); a locality (no
    CBSA) is still counted; a ZIP with one wage index and an office row are not counted, and a blank place is counted
    as national already."""
    summary = tmp_path / "summary.json"
    text = ("code,zip,locality,date,pos\n45378,36701,,2025-11-15,22\n45378,,1320201,2025-11-15,24\n"
            "45378,10001,,2025-11-15,22\n99213,36701,,2025-11-15,11\n45378,,,2025-11-15,22\n")  # fmt: skip
    code, rows, stderr = _run(tmp_path, text, "--summary", str(summary))
    assert code == 0, stderr
    assert "different wage indexes" in rows[0]["note"] and "ASC rates are national" in rows[1]["note"]
    done = json.loads(summary.read_text())
    assert rows[0]["opps_rate"] == rows[0]["allowed"] == ""  # not priced at the national rate
    assert (done["facility_national"], done["national"]) == (1, 1)
    assert "1 row at the hospital or ASC priced with the national facility rate" in " ".join(stderr.split())


@pytest.mark.parametrize("change", ["+2.5%", "2.5%", "-3%"])
def test_a_percent_change_as_the_cf_says_the_dollar_amount_it_means(pricer: Pricer, change: str) -> None:
    """A policy analyst wrote `--conversion-factor +2.5%` (refused as "not a number"): the refusal says the amount it
    means from CY2026's non-QP CF as CMS's RVU file gives it (99213's row), rounded half-up to 4 decimals. Exit 2, in
    price and batch alike."""
    from rvucalc.engine.scenario import EXAMPLE_CF

    cms = Decimal(pricer.price("99213", year=2026).pfs.conversion_factor)
    assert cms == EXAMPLE_CF
    meant = (cms * (1 + Decimal(change.rstrip("%")) / 100)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
    for command in (["price", "99213", "--conversion-factor", change],
                    ["batch", "-", "-o", "-", "--conversion-factor", change]):  # fmt: skip
        result = CliRunner().invoke(app, command, input="code\n99213\n")
        assert result.exit_code == 2, result.output
        assert f"--conversion-factor {meant}" in result.stderr and "not a change" in result.stderr
