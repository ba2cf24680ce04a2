"""A payer analyst's trial scripting `rvucalc price -f json` and `rvucalc batch --summary`: one rule for the office
lines Medicare pays outside the PFS that rvucalc cannot price (left out of the office total, named, as batch's claim
totals), stderr naming such a line beside priced ones, the paid column's comparison said as the run makes it, the
facility sites' physician's fee in JSON, the summary's releases keyed alike in every run, and compare's not
comparable for codes the MAC prices. Amounts are CMS's: 99213 in Alabama (PFAL25A, locality 10112-00, ZIP 35203)."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app
from test_cms_payment_files import PAYMENT_FILES, payment_rows

runner = CliRunner()
PLACE = ["--zip", "35203", "--date", "2025-01-15"]


def _cms(code: str, column: str) -> Decimal:
    """CMS's 2025 amount for the code in locality 10112-00 (PFAL25A): ``non_facility`` or ``facility``."""
    return Decimal(next(row for path in PAYMENT_FILES if path.name.startswith("PFAL25A") for row in payment_rows(path)
                        if row["hcpcs"] == code and not row["modifier"]
                        and row["carrier"] + row["locality"] == "1011200")[column])  # fmt: skip


def test_the_office_total_leaves_out_every_line_medicare_pays_outside_the_pfs_unpriced(tmp_path: Path) -> None:
    """The trial: `price 99213 90686 G0008 -f json` left the vaccine and G0008 out of the office total ("paid apart"),
    but `price 99213 J3490` made the total not priced (the MAC prices J3490), as 81099 did: all are billed by the
    office, none is priced here. One rule: each is left out and named (OFFICE_PRICED_APART), the total is the other
    lines' (99213's, CMS's $81.86), as batch's claim totals (--summary: allowed, those lines unpriced); a total with
    nothing else priced is not priced."""
    from rvucalc.engine.facility import OFFICE_PRICED_APART

    visit = _cms("99213", "non_facility")
    assert visit == Decimal("81.86")
    encounters = {"A": ["J3490"], "B": ["90686", "G0008"], "C": ["81099"]}
    for apart in encounters.values():
        out = runner.invoke(app, ["price", "99213", *apart, *PLACE, "-f", "json"])
        assert out.exit_code == 0, out.output
        result = json.loads(out.stdout)
        office = result["totals"]["office"]
        assert (office["status"], Decimal(str(office["total"]))) == ("priced", visit), office
        assert OFFICE_PRICED_APART in office["reason"] and all(f"{code}: " in office["reason"] for code in apart)
        for line in result["lines"][1:]:
            assert line["sites"][0]["status"] == "not_priced", line["sites"][0]
    source = tmp_path / "claims.csv"
    rows = [f"{claim},{code},2025-01-15,11,35203" for claim, codes in encounters.items() for code in ["99213", *codes]]
    source.write_text("\n".join(["Claim ID,CPT Code,Date of Service,POS,Zip Code", *rows]) + "\n")
    batch = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "o.csv"), "--summary", "-", "-q"])
    claims = json.loads(batch.stdout)["claims"]
    for claim, apart in encounters.items():
        assert (Decimal(claims[claim]["allowed"]), claims[claim]["unpriced"]) == (visit, len(apart)), claims[claim]
    alone = runner.invoke(app, ["price", "J3490", "A4550", *PLACE, "-f", "json"])  # nothing else priced there
    assert json.loads(alone.stdout)["totals"]["office"]["status"] == "not_priced", alone.output


def test_stderr_names_a_line_priced_nowhere_beside_priced_ones() -> None:
    """The trial: `price 81099` exits 1 naming why, `price 99213 81099` exits 0 (99213 is priced: exit 1 is for an
    encounter nothing of which is priced) and, like `price 99213 90686`, said nothing on stderr of the line a JSON
    script reads no amount for. Stderr names it with its office reason."""
    for code, said in (("81099", "81099 is an unlisted laboratory test"), ("90686", "ASP CY2025 not installed")):
        out = runner.invoke(app, ["price", "99213", code, *PLACE, "-f", "json"])
        assert out.exit_code == 0, out.output
        assert f"rvucalc: {code} has no amount in any site (office: {said}" in out.stderr, out.stderr
        assert "99213 has no amount" not in out.stderr
    alone = runner.invoke(app, ["price", "81099", *PLACE, "-f", "json"])
    assert alone.exit_code == 1 and "81099 cannot be priced in any site" in alone.stderr


def test_stderr_names_a_line_the_office_total_leaves_out_though_packaged_at_the_facility() -> None:
    """A review: `price 99213 J3490 -f json` said nothing on stderr, though the office total leaves J3490 out (the MAC
    prices a NOC drug): its hospital and ASC sites, $0.00 as packaged (OPPS SI N, ASC PI N1: no separate payment),
    counted as priced. Stderr names it as `--setting 11` does, saying what those $0.00 are; 99213 (CMS's office amount
    in the office total) is not named. With --setting asc the packaged $0.00 is the answer there: J3490 is not named."""
    out = runner.invoke(app, ["price", "99213", "J3490", *PLACE, "-f", "json"])
    assert out.exit_code == 0, out.output
    result = json.loads(out.stdout)
    assert Decimal(str(result["totals"]["office"]["total"])) == _cms("99213", "non_facility")
    drug = result["lines"][1]
    assert (drug["opps"]["status_indicator"], drug["asc"]["payment_indicator"]) == ("N", "N1")
    assert "rvucalc: J3490 has no amount in any site (office: J3490 is a not otherwise classified drug" in out.stderr
    assert "hopd and asc: $0.00, no separate facility payment)" in out.stderr, out.stderr
    assert "99213 has no amount" not in out.stderr
    at_asc = runner.invoke(app, ["price", "99213", "J3490", "--setting", "asc", *PLACE, "-f", "json"])
    assert at_asc.exit_code == 0 and "J3490 has no amount" not in at_asc.stderr, at_asc.output


def test_a_facility_site_the_facility_is_not_paid_at_carries_the_physician_s_fee() -> None:
    """The trial: `price 99213 --setting asc -f json` said on stderr that the physician's claim there is paid the PFS
    facility amount, but the ASC site's professional_payment was null (the hospital's, not priced, had it). It is
    CMS's facility amount ($59.93), as batch's professional_allowed at POS 24; an encounter's total sums them."""
    facility = _cms("99213", "facility")
    out = runner.invoke(app, ["price", "99213", "--setting", "asc", *PLACE, "-f", "json"])
    assert out.exit_code == 0 and "The physician's claim there is paid the PFS facility amount" in out.stderr
    [site] = json.loads(out.stdout)["sites"]
    assert (site["status"], Decimal(str(site["professional_payment"]))) == ("not_payable", facility), site
    both = runner.invoke(app, ["price", "99213", "99214", "--setting", "asc", *PLACE, "-f", "json"])
    total = json.loads(both.stdout)["totals"]["asc"]
    assert Decimal(str(total["professional_payment"])) == facility + _cms("99214", "facility"), total


def test_the_paid_column_s_notice_says_what_the_run_compares_it_with(tmp_path: Path) -> None:
    """The trial: `batch --paid-for professional` said "paid ← paid_amount is compared with allowed" while its rows
    compared professional_allowed (their expected column); with --percent-of-medicare, contract_amount."""
    source = tmp_path / "remit.csv"
    source.write_text("Claim ID,CPT Code,Date of Service,POS,Zip Code,paid_amount\nA,99213,2025-01-15,22,35203,40\n")
    for options, said, expected in (
        ([], "compared with allowed (", None),
        (["--paid-for", "professional"], "compared with professional_allowed (", "professional_allowed"),
        (["--paid-for", "professional", "--percent-of-medicare", "110"], "compared with contract_amount (110% of "
         "professional_allowed", "contract_amount"),
    ):  # fmt: skip
        out = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "o.csv"), *options])
        assert out.exit_code == 0 and f"paid ← paid_amount is {said}" in out.stderr, out.stderr
        [row] = list(csv.DictReader((tmp_path / "o.csv").open()))
        if expected is not None:
            assert row["expected"] == row[expected] != "", row
    professional = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "o.csv"), "--paid-for",
                                       "professional"])  # fmt: skip
    assert "compared with allowed" not in professional.stderr


def test_the_summary_s_releases_have_every_key_and_only_releases_that_priced_something(tmp_path: Path) -> None:
    """The trial: --summary's releases had a clfs key only in a run with a lab line, and named ASP 2025-... for a
    vaccine row the ASP file priced nothing with (90686: no amount). Every schedule's key is there, [] when unused;
    a CLFS, ASP or DMEPOS release is named where it priced a row (J9271 from the ASP file: CMS's 2026-01 file is
    installed); the PFS release of every row (tests/test_summary_totals_parts.py: one with no amount)."""
    keys = ["pfs", "opps", "asc", "clfs", "asp", "dmepos"]
    for rows, asp in ((["99213", "90686"], []), (["99213", "J9271"], ["2026-01"]), (["80053"], [])):
        source = tmp_path / "lines.csv"
        body = [f"C1,{code},2026-03-02,11,10001" for code in rows]
        source.write_text("\n".join(["Claim ID,CPT Code,Date of Service,POS,Zip Code", *body]) + "\n")
        out = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "o.csv"), "--summary", "-", "-q"])
        releases = json.loads(out.stdout)["releases"]
        assert list(releases) == keys and releases["asp"] == asp, releases
        priced = list(csv.DictReader((tmp_path / "o.csv").open()))
        # the PFS release every row names (its code looked up in it: a lab's too), amount or not
        assert releases["pfs"] == sorted({row["release"].split("; ")[0] for row in priced}) == ["2026C"], releases
        assert releases["clfs"] == (["2026-01"] if "80053" in rows else []), (releases, priced)
