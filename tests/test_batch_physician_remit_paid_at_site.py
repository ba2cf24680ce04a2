"""`rvucalc batch` without --paid-for: a physician's remittance at POS 22 and 24 compared with the site's whole amount.

An orthopedics trial ran its surgeons' remittance (paid column: the professional allowed amounts) through the default
--paid-for site, which compares a hospital's or ASC's row with the site's whole allowed amount (the OPPS or ASC payment
and the physician's fee): stderr said "9 claims paid less than expected, $34,177.98 in all", and only its last line
suggested --paid-for professional, with which every row's variance was $0.00. The rows paid less than expected whose
paid amount is exactly their professional_allowed (the PFS facility amount, here computed from CMS's RVU25A and GPCI
files) are now counted, said in the underpaid headline with the rerun, and in --summary's
underpaid.paid_professional_allowed; a row genuinely short-paid is not among them, and --paid-for professional (or an
explicit --paid-for site) says nothing of it.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from conftest import summary_rejoined
from test_batch_paid_for_by_line import _money, _pfs_facility_amount, batch_with_summary

RVU25A = "rvu/2025/PPRRVU25_JAN.csv"  # in force on 5/6/2025
HEADER = "Claim ID,DOS,CPT Code,Mod 1,Units,POS,Zip Code,Paid Amount\n"
HINT = "if the paid column is a physician's remittance, rerun with --paid-for professional"


def _fees() -> tuple[Decimal, Decimal]:
    """29827's and 29881's PFS facility amounts in Atlanta from CMS's files: what the surgeon's remit pays."""
    return _pfs_facility_amount(RVU25A, "29827", ""), _pfs_facility_amount(RVU25A, "29881", "")


def _surgeon_s_remit(short: Decimal | None = None, claims: bool = True) -> str:
    """The trial's case: a surgeon's 29827 at the hospital (POS 22) and 29881 at the ASC (POS 24), each paid its PFS
    facility amount; ``short``: a third claim's 29881 at the ASC paid that much less than it."""
    rotator, knee = _fees()
    rows = [f"S1,5/6/2025,29827,RT,1,22,30309,{rotator}", f"S2,5/6/2025,29881,RT,1,24,30309,{knee}"]
    if short is not None:
        rows.append(f"S3,5/7/2025,29881,LT,1,24,30309,{knee - short}")
    text = HEADER + "\n".join(rows) + "\n"
    return text if claims else "\n".join(line.partition(",")[2] for line in text.splitlines()) + "\n"


def _headline(stderr: str) -> str:
    """The stderr summary line (the one that says what was priced)."""
    return next(line for line in summary_rejoined(stderr).splitlines() if "rvucalc: priced " in line)


def test_a_surgeon_s_remit_paid_the_pfs_facility_amount_at_pos_22_and_24_is_named_in_the_underpaid_headline(
    tmp_path: Path,
) -> None:
    rotator, knee = _fees()
    rows, summary, stderr = batch_with_summary(tmp_path, _surgeon_s_remit())
    for row, fee in zip(rows, (rotator, knee), strict=True):
        assert row["release"] == "2025A" and row["site"] in ("hopd", "asc")
        assert _money(row["professional_allowed"]) == fee == _money(row["Paid Amount"])
        allowed = _money(row["allowed"])
        assert allowed is not None and allowed > fee  # the site's whole: the facility's payment and the fee
        assert (_money(row["expected"]), _money(row["variance"])) == (allowed, fee - allowed)
    assert summary["underpaid"]["rows"] == 2 and summary["underpaid"]["paid_professional_allowed"] == 2
    assert summary["underpaid_by_claim"]["claims"] == 2
    headline = _headline(stderr)
    said = ("2 claims paid less than expected, {} in all (a claim: its lines' paid total below their expected "
            "total); 2 rows paid less than expected at a hospital or ASC were paid exactly their professional_allowed "
            "(the physician's fee alone, no facility payment): " + HINT)  # fmt: skip
    total = sum(_money(row["allowed"]) or Decimal(0) for row in rows) - rotator - knee
    assert said.format(f"${total:,}") in headline


def test_a_remit_without_a_claim_column_says_of_those_rows(tmp_path: Path) -> None:
    _, summary, stderr = batch_with_summary(tmp_path, _surgeon_s_remit(claims=False))
    assert summary["underpaid"]["paid_professional_allowed"] == 2
    headline = _headline(stderr)
    assert "2 rows paid less than expected, $" in headline
    assert "; 2 of those rows at a hospital or ASC were paid exactly their professional_allowed" in headline
    assert HINT in headline


def test_a_genuinely_short_paid_row_at_the_asc_is_not_counted(tmp_path: Path) -> None:
    rows, summary, stderr = batch_with_summary(tmp_path, _surgeon_s_remit(short=Decimal("25.00")))
    short = rows[2]
    assert _money(short["Paid Amount"]) == (_money(short["professional_allowed"]) or 0) - Decimal("25.00")
    assert summary["underpaid"]["rows"] == 3 and summary["underpaid"]["paid_professional_allowed"] == 2
    assert "2 rows paid less than expected at a hospital or ASC were paid exactly" in _headline(stderr)
    # alone, it is said of nothing
    alone = HEADER + next(line for line in _surgeon_s_remit(short=Decimal("25.00")).splitlines() if "S3" in line)
    (tmp_path / "alone").mkdir()
    _, summary, stderr = batch_with_summary(tmp_path / "alone", alone + "\n")
    assert summary["underpaid"] == {
        "rows": 1,
        "amount": summary["underpaid"]["amount"],
        "paid_professional_allowed": 0,
        "paid_sequestered": 0,
    }
    assert "1 claim paid less than expected" in stderr and "paid exactly" not in stderr


def test_paid_for_professional_shows_no_hint(tmp_path: Path) -> None:
    rows, summary, stderr = batch_with_summary(tmp_path, _surgeon_s_remit(), "--paid-for", "professional")
    assert [_money(row["variance"]) for row in rows] == [Decimal("0.00")] * 2
    assert summary["underpaid"] == {"rows": 0, "amount": "0.00", "paid_professional_allowed": 0, "paid_sequestered": 0}
    assert "paid exactly" not in stderr and "paid less than expected" not in stderr


def test_an_explicit_paid_for_site_shows_no_hint(tmp_path: Path) -> None:
    _, summary, stderr = batch_with_summary(tmp_path, _surgeon_s_remit(), "--paid-for", "site")
    assert summary["underpaid"]["rows"] == 2 and summary["underpaid"]["paid_professional_allowed"] == 0
    assert "2 claims paid less than expected" in stderr and "paid exactly" not in stderr
