"""An eye practice's physician rows 67028-RT + J0178-RT x 2 at POS 24 ('CHEN, DAVID MD', ZIP 33136): the J0178 row
showed the ASC's Addendum BB amount as its allowed, no professional amount and no word whose it is. The drug used at
the ASC is the ASC's (a covered ancillary item, PI K2, or packaged: 42 CFR 416.164(a), (b)): the line's statement says
so on a practitioner's line, price and batch alike (engine.meanings.ASC_DRUG_OF_A_PRACTITIONER), and the ASC's own
drug row keeps the plain one. The amounts are CMS's Addendum BB rate (data/opps/2026/asc/07/BB.csv) and the totals
count no practitioner's amount for the drug."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from cms_fees import DATA, fee_2026
from rvucalc.cli import app
from rvucalc.engine.meanings import ASC_DRUG_OF_A_PRACTITIONER, paid_from_note

runner = CliRunner()
MIAMI, ZIP, DATE = "0910204", "33136", "2026-08-03"


def _bb_rate(code: str) -> Decimal:
    """CMS's CY2026 July Addendum BB payment rate of a code, per unit, to the cent."""
    with (DATA / "opps/2026/asc/07/BB.csv").open(encoding="utf-8-sig") as handle:
        row = next(r for r in csv.reader(handle) if r[:1] == [code])
    return Decimal(row[6]).quantize(Decimal("0.01"), ROUND_HALF_UP)


def test_the_statement_is_a_practitioner_s_drug_at_the_asc_alone() -> None:
    assert paid_from_note("drug", "asc", practitioner=True) == ASC_DRUG_OF_A_PRACTITIONER
    assert paid_from_note("drug", "asc") != ASC_DRUG_OF_A_PRACTITIONER  # the ASC's own row
    assert paid_from_note("drug", "hopd", practitioner=True) != ASC_DRUG_OF_A_PRACTITIONER
    assert "; " not in ASC_DRUG_OF_A_PRACTITIONER


def test_price_says_the_drug_at_the_asc_is_the_asc_s() -> None:
    done = runner.invoke(app, ["price", "67028-RT", "J0178", "--units", "1", "--units", "2", "--zip", ZIP,
                               "--setting", "24", "--date", DATE, "-f", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    surgery, drug = json.loads(done.stdout)["lines"]
    assert ASC_DRUG_OF_A_PRACTITIONER in drug["notes"], drug["notes"]
    assert ASC_DRUG_OF_A_PRACTITIONER not in surgery["notes"]


def test_batch_says_it_on_the_physician_s_drug_row_alone(tmp_path: Path) -> None:
    source, out, summary = tmp_path / "claims.csv", tmp_path / "out.csv", tmp_path / "summary.json"
    source.write_text(
        "Claim ID,CPT Code,Mod 1,Date of Service,POS,Zip Code,Units,Provider\n"
        'A1,67028,RT,08/03/2026,24,33136,1,"CHEN, DAVID MD"\nA1,J0178,RT,08/03/2026,24,33136,2,"CHEN, DAVID MD"\n'
        'A2,67028,RT,08/03/2026,24,33136,1,"BAYVIEW EYE SURGERY CENTER"\n'
        'A2,J0178,RT,08/03/2026,24,33136,2,"BAYVIEW EYE SURGERY CENTER"\n'
    )
    done = runner.invoke(app, ["batch", str(source), "-o", str(out), "--summary", str(summary)])
    assert done.exit_code == 0, done.output
    with open(out, newline="") as handle:
        surgery, drug, asc_surgery, asc_drug = list(csv.DictReader(handle))
    assert ASC_DRUG_OF_A_PRACTITIONER in drug["note"].split("; "), drug["note"]
    assert ASC_DRUG_OF_A_PRACTITIONER not in asc_drug["note"] and paid_from_note("drug", "asc") in asc_drug["note"]
    assert Decimal(drug["allowed"]) == Decimal(asc_drug["allowed"]) == _bb_rate("J0178") * 2
    assert drug["professional_allowed"] == ""  # no practitioner's amount for the drug
    totals = json.loads(summary.read_text())["totals"]
    assert Decimal(totals["professional"]["allowed"]) == fee_2026("67028", MIAMI, facility=True)
    assert ASC_DRUG_OF_A_PRACTITIONER not in surgery["note"] + asc_surgery["note"]


def test_the_asc_s_own_type_of_bill_83x_drug_line_keeps_the_plain_statement_in_price_as_in_batch(
    tmp_path: Path,
) -> None:  # fmt: skip
    """Type of bill 831 is the ASC's own claim: batch kept the plain statement on its J0178 row (lines.facility_bill)
    where price told the same line it was "not billed on the practitioner's claim" (a review)."""
    plain = paid_from_note("drug", "asc")
    done = runner.invoke(app, ["price", "67028-RT", "J0178-RT", "--units", "1", "--units", "2", "--setting", "831",
                               "--zip", ZIP, "--date", DATE, "-f", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    drug = json.loads(done.stdout)["lines"][1]
    assert plain in drug["notes"] and ASC_DRUG_OF_A_PRACTITIONER not in drug["notes"], drug["notes"]
    assert Decimal(str(drug["sites"][0]["allowed"])) == _bb_rate("J0178") * 2
    source, out = tmp_path / "asc.csv", tmp_path / "out.csv"
    source.write_text(
        "Claim ID,CPT Code,Mod 1,Date of Service,Type of Bill,Zip Code,Units\n"
        f"A1,67028,RT,08/03/2026,0831,{ZIP},1\nA1,J0178,RT,08/03/2026,0831,{ZIP},2\n"
    )
    result = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    row = list(csv.DictReader(out.open()))[1]
    assert plain in row["note"].split("; ") and Decimal(row["allowed"]) == _bb_rate("J0178") * 2, row
