"""An FQHC/RHC trial: `price G0467 99213 --setting 50` said "Medicare pays $66.64" (99213's office amount), and
99214-CG 36415 80053 85025 at POS 72 totalled $136.30 with the visit's and 36415's amounts, while each of those lines'
own note said the clinic bills it at its own rate, "not this amount". A visit with the clinic's practitioner is an
RHC/FQHC service paid the AIR or the FQHC PPS on the clinic's claim, never billed to Part B under the PFS (42 CFR
405.2463; Benefit Policy Manual ch. 13 §40, §100), and venipuncture is in that payment (ch. 13 §60.1): the site's
totals leave them out, saying so once, price and batch alike (batch's in_totals and --summary's totals). The lines the
PFS or CLFS does pay there stay in: lab tests on the CLFS, a test's technical component, the clinic's care management.
The amounts are CMS's (the CLFS file's rate; RVU x GPCI x CF from the RVU and GPCI files, rounded half-up once)."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.place_of_service import CLINIC_BILLED_LEFT_OUT, CLINIC_BILLED_NOT_PRICED

DATA = Path(__file__).resolve().parents[1] / "data"
LAS_CRUCES, NEW_MEXICO, DATE = "88001", "0421205", "2026-02-03"
CODES = ["99214", "36415", "80053", "85025", "71046-TC", "99490"]
PAID_THERE = ["80053", "85025", "71046-TC", "99490"]  # the CLFS's labs, a TC, the clinic's care management


def _clfs(code: str) -> Decimal:
    with (DATA / "clfs/2026/PUF_CLFS_CY2026_Q2V1.csv").open(encoding="latin-1", newline="") as handle:
        return Decimal(next(row for row in csv.reader(handle) if row[1:3] == [code, ""])[5])


def _pfs(line: str) -> Decimal:
    """CMS's 2026 (July) office PFS amount in New Mexico: (work x GPCI + PE x GPCI + MP x GPCI) x CF."""
    code, _, modifier = line.partition("-")
    with (DATA / "gpci/2026/localities2026-01-01-2026.csv").open(encoding="latin-1", newline="") as handle:
        gpci = next(row[1:4] for row in csv.reader(handle) if row[4] == NEW_MEXICO)
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1", newline="") as handle:
        row = next(row for row in csv.reader(handle) if row[:2] == [code, modifier])
    rvus = (Decimal(row[5]) * Decimal(gpci[0]) + Decimal(row[6]) * Decimal(gpci[1])
            + Decimal(row[10]) * Decimal(gpci[2]))  # fmt: skip
    return (rvus * Decimal(row[25])).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _cms(line: str) -> Decimal:
    return _clfs(line) if line in ("36415", "80053", "85025") else _pfs(line)


def test_an_rhc_s_encounter_total_leaves_out_the_visit_and_venipuncture(pricer: Any) -> None:
    encounter = pricer.price_encounter(CODES, zip_code=LAS_CRUCES, date_of_service=DATE, setting="72")
    for line in encounter.lines:  # each line still shows CMS's amount
        assert line.sites[0].total == _cms(line.code + (f"-{'-'.join(line.modifiers)}" if line.modifiers else ""))
    site = encounter.totals["office"]
    assert site.payable and site.total == sum(_cms(line) for line in PAID_THERE)
    assert site.reason is not None and f"{CLINIC_BILLED_LEFT_OUT}: 99214, 36415" in site.reason
    assert site.reason.count(CLINIC_BILLED_LEFT_OUT) == 1


def test_an_fqhc_s_visit_alone_beside_its_g_code_leaves_no_total(pricer: Any) -> None:
    encounter = pricer.price_encounter(["G0467", "99213"], zip_code=LAS_CRUCES, date_of_service=DATE, setting="50")
    assert encounter.lines[1].sites[0].total == _pfs("99213")
    site = encounter.totals["office"]
    assert site.total is None and site.medicare is None
    assert not site.payable and site.status == "not_priced"
    assert site.reason is not None and site.reason.startswith("Not priced for G0467: ")
    assert f"99213: {CLINIC_BILLED_NOT_PRICED}" in site.reason and CLINIC_BILLED_LEFT_OUT not in site.reason


def test_an_rhc_encounter_of_the_clinic_s_lines_alone_is_not_priced_not_priced_with_no_amount(pricer: Any) -> None:
    """`price 99214 36415 --setting 72 -f json` said status "priced", payable, total null: nothing is left to total,
    and what the clinic is paid (its AIR) is not installed."""
    encounter = pricer.price_encounter(["99214", "36415"], zip_code=LAS_CRUCES, date_of_service=DATE, setting="72")
    assert [line.sites[0].total for line in encounter.lines] == [_pfs("99214"), _clfs("36415")]
    site = encounter.totals["office"]
    assert not site.payable and site.status == "not_priced" and site.total is None and site.medicare is None
    assert site.reason == f"Not priced for 99214, 36415: {CLINIC_BILLED_NOT_PRICED}"


def test_the_office_still_counts_the_visit(pricer: Any) -> None:
    encounter = pricer.price_encounter(["99214", "36415"], zip_code=LAS_CRUCES, date_of_service=DATE, setting="11")
    assert encounter.totals["office"].total == _pfs("99214") + _clfs("36415")


def test_batch_leaves_them_out_of_in_totals_and_the_summary(tmp_path: Path) -> None:
    claims = tmp_path / "claims.csv"
    rows = ["claim,date,code,modifier,pos,zip"] + [f"R1,{DATE},{code.partition('-')[0]},{code.partition('-')[2]},72,"
                                                  f"{LAS_CRUCES}" for code in CODES]  # fmt: skip
    claims.write_text("\n".join(rows) + "\n")
    out, summary = tmp_path / "out.csv", tmp_path / "summary.json"
    done = CliRunner().invoke(app, ["batch", str(claims), "-o", str(out), "--summary", str(summary)])
    assert done.exit_code == 0, done.output
    with out.open(newline="") as handle:
        priced = list(csv.DictReader(handle))
    counted = {(row["code"] + (f"-{row['modifier']}" if row["modifier"] else "")): row["in_totals"] for row in priced}
    assert counted == {code: "true" if code in PAID_THERE else "false" for code in CODES}
    for row in priced:  # each row still shows CMS's amount
        assert Decimal(row["allowed"]) == _cms(row["code"] + (f"-{row['modifier']}" if row["modifier"] else ""))
    said = json.loads(summary.read_text())
    assert Decimal(said["totals"]["all"]["allowed"]) == sum(_cms(line) for line in PAID_THERE)
    assert Decimal(said["totals"]["professional"]["allowed"]) == sum(_cms(line) for line in PAID_THERE)
    assert Decimal(said["claims"]["R1"]["allowed"]) == sum(_cms(line) for line in PAID_THERE)
    assert said["clinic_billed"] == 2
    assert done.output.count("at an RHC or FQHC that the clinic bills at its own rate") == 1
