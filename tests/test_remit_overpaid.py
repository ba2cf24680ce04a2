"""A remittance's overpaid claims, counted as its underpaid ones are (a billing manager's request): a provider must
report and return a Medicare overpayment within 60 days of identifying it (Social Security Act section 1128J(d); 42 CFR
401.305), and batch said only the claims paid less than expected. A claim is overpaid when its compared lines' paid
total is above their expected total (the underpaid rule, the other sign): a bilateral pair paid 100% + 50% where
rvucalc puts 150% on one line is neither; a reversal is never compared.

Amounts come from rvucalc's single lookup of the shipped CMS files (CY2026 PFS, ZIP 45202: Cincinnati, locality
15 02)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.batch.claim_totals import CLAIM_MEASURES, PAID_MEASURES, ClaimTotals
from rvucalc.lookup.pricer import Pricer
from test_remit_variance import run_remit, variance_block

runner = CliRunner()
DATE, ZIP = "2026-09-01", "45202"


def _pfs(pricer: Pricer, code: str, modifier: str | None = None, setting: str = "non_facility") -> Decimal:
    """The single lookup's PFS amount of a code at ZIP 45202 on DATE (office, or the facility's: the professional
    claim at a hospital)."""
    result = pricer.price(code, modifier=modifier, zip_code=ZIP, date_of_service=DATE)
    amount = getattr(result.pfs, setting).amount
    assert amount is not None
    return amount


def test_a_physicians_remit_counts_its_overpaid_claims(pricer: Pricer, tmp_path: Path) -> None:
    """`--paid-for professional`: claim O1 paid $5.00 over the office visit's amount and O3 $3.00 over the PFS
    facility amount at the hospital (POS 22: the professional claim) are overpaid; the bilateral pair B1 paid 100% and
    50% (its LT line +$32.74 by itself) is not, nor the claim paid exactly (E1), the one paid $1.00 short (U1), the
    claim paid $0 (Z1), or the reversal (R1). A row without a claim id paid $2.00 over is counted line by line."""
    visit, hospital = _pfs(pricer, "99213"), _pfs(pricer, "99213", setting="facility")
    one_side, both = _pfs(pricer, "20610"), _pfs(pricer, "20610", "50")
    assert (one_side, both) == (Decimal("65.47"), Decimal("98.21"))  # CY2026 at 45202, as a trial's remit paid
    text = (
        "claim,code,modifier,date,pos,zip,Allowed\n"
        f"O1,99213,,{DATE},11,{ZIP},{visit + 5}\n"
        f"B1,20610,RT,{DATE},11,{ZIP},{one_side}\nB1,20610,LT,{DATE},11,{ZIP},{both - one_side}\n"
        f"O3,99213,,{DATE},22,{ZIP},{hospital + 3}\n"
        f"E1,99213,,{DATE},11,{ZIP},{visit}\n"
        f"U1,99213,,{DATE},11,{ZIP},{visit - 1}\n"
        f"Z1,99213,,{DATE},11,{ZIP},0.00\n"
        f"R1,99213,,{DATE},11,{ZIP},({visit})\n"
        f",99213,,{DATE},11,{ZIP},{visit + 2}\n"
    )
    summary = tmp_path / "summary.json"
    code, rows, stderr = run_remit(tmp_path, text, "--paid-for", "professional", "--summary", str(summary))
    assert code == 0, stderr
    assert Decimal(rows[3]["expected"]) == hospital and Decimal(rows[3]["variance"]) == 3  # the professional claim
    doc = json.loads(summary.read_text())
    assert doc["overpaid_by_claim"] == {"claims": 2, "rows": 1, "amount": "10.00"}
    # Line by line, as `underpaid`: the pair's RT line is one of its rows (the pair is priced on its LT line, the side
    # the facility pays in full too, whatever the order: engine.policy.bilateral_pairs).
    assert doc["overpaid"] == {"rows": 4, "amount": str(5 + one_side + 3 + 2)}
    # The underpaid keys keep their meaning: U1 and Z1 (paid $0: the whole amount short).
    assert doc["underpaid_by_claim"] == {"claims": 2, "rows": 0, "amount": str(1 + visit)}
    assert doc["claims"]["O1"]["variance"] == "5.00" and doc["claims"]["B1"]["variance"] == "0.00"
    said = "2 claims and 1 row without a claim id paid more than expected, $10.00 in all (a claim: its lines' paid "
    assert said + "total above their expected total)" in stderr
    assert f"2 claims paid less than expected, ${1 + visit} in all" in stderr
    code, _, stderr = run_remit(tmp_path, text, "--paid-for", "professional")  # without --summary: said the same
    assert said in stderr
    # A file without a claim column: every row line by line, each priced alone (the LT line at its full amount:
    # short, not over).
    plain = "\n".join(",".join(line.split(",")[1:]) for line in text.splitlines()) + "\n"
    code, _, stderr = run_remit(tmp_path, plain, "--paid-for", "professional", "--summary", str(summary))
    assert "3 rows paid more than expected, $10.00 in all" in stderr
    assert json.loads(summary.read_text())["overpaid_by_claim"] == {"claims": 0, "rows": 3, "amount": "10.00"}


def test_a_remit_paid_as_expected_says_nothing_overpaid(pricer: Pricer, tmp_path: Path) -> None:
    """Nothing over: the summary's overpaid keys are there, zero, and stderr says nothing of it."""
    visit = _pfs(pricer, "99213")
    summary = tmp_path / "summary.json"
    code, _, stderr = run_remit(tmp_path, f"claim,code,date,pos,zip,paid\nA,99213,{DATE},11,{ZIP},{visit}\n",
                           "--summary", str(summary))  # fmt: skip
    assert code == 0, stderr
    doc = json.loads(summary.read_text())
    assert doc["overpaid"] == {"rows": 0, "amount": "0.00"}
    assert doc["overpaid_by_claim"] == {"claims": 0, "rows": 0, "amount": "0.00"}
    assert "paid more than expected" not in stderr


def test_claims_met_in_two_places_are_overpaid_by_their_whole_totals() -> None:
    """A claim cut between chunks (or met again after other rows) is overpaid by its totals over all its places,
    whether its blocks are in memory or in the temporary file; one pass counts both ways."""
    measures = CLAIM_MEASURES + PAID_MEASURES
    for limit in (0, None):
        totals = ClaimTotals(memory_limit=limit, measures=measures)
        totals.add(["X", "Y", "W", "V"], variance_block([-500, -400, 0, 250]))
        totals.add(["Y", "X", "Z"], variance_block([1000, 300, -100]))  # X: -2.00 in all, Y: +6.00, Z: -1.00, V: +2.50
        assert totals.paid_variances() == ((2, -300), (2, 850))
        assert totals.overpaid() == (2, 850) and totals.underpaid() == (2, -300)
        totals.close()
