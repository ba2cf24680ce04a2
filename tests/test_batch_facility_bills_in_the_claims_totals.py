"""A health-system analyst's file held a knee arthroscopy twice, as real systems bill it: the surgeon's 29881-RT at
POS 24 (an 837P) and the ASC's own claim of it (an 837I, type of bill 831). The summary's practitioners' claims were
$1,066.88, the ASC's row's physician fee counted as a practitioner's claim, and nothing said what the file's claims
are allowed. A facility's own bill (13x, 83x) now counts in no practitioner's claim; its facility payment is given as
the facility claims' total (the site totals, each row's whole site, are unchanged), and stderr adds the two."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer

BOTH = """Claim ID,DOS,CPT/HCPCS,Mod 1,Units,POS,TOB,Service Facility ZIP
P10,08/05/2026,29881,RT,1,24,,77030
A10,08/05/2026,29881,RT,1,,831,77030
"""


def test_a_facility_s_own_bill_is_the_facility_s_claim_not_a_practitioner_s(tmp_path: Path, pricer: Pricer) -> None:
    single = pricer.price("29881", modifier="RT", zip_code="77030", date_of_service="2026-08-05", setting="24")
    (asc,) = [site for site in single.sites if site.setting == "asc"]
    physician, facility = asc.professional_payment, asc.facility_payment
    assert physician is not None and facility is not None and asc.total == physician + facility
    source = tmp_path / "both.csv"
    source.write_text(BOTH)
    summary = tmp_path / "summary.json"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv"), "--summary",
                                         str(summary)])  # fmt: skip
    assert result.exit_code == 0, result.output
    totals = json.loads(summary.read_text())["totals"]
    assert Decimal(totals["all"]["allowed"]) == 2 * asc.total  # each row's whole site, as before
    assert (totals["professional"]["lines"], Decimal(totals["professional"]["allowed"])) == (1, physician)
    assert (totals["facility_claims"]["lines"], Decimal(totals["facility_claims"]["allowed"])) == (1, facility)
    said = " ".join(result.stderr.split())
    assert f"what the file's claims are allowed: ${asc.total:,}" in said, said


def test_without_a_facility_bill_there_is_no_facility_claims_total(tmp_path: Path) -> None:
    source = tmp_path / "pro.csv"
    source.write_text("\n".join(BOTH.splitlines()[:2]) + "\n")
    summary = tmp_path / "summary.json"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv"), "--summary",
                                         str(summary)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "facility_claims" not in json.loads(summary.read_text())["totals"]
    assert "own claims" not in result.stderr
