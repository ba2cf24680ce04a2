"""An office encounter with a line its own fee schedule refuses as given (a DME item without the pricing modifier its
DMEPOS rows carry, RR on a purchase-only item, MS on an item with no MS fee, a lab test before its CLFS row is in
force): the refusal is the line's (what to give), not the office's, so `rvucalc price` totals the other lines and
names the one it leaves out, as `rvucalc batch` does for the same claim (``engine.facility.office_refused_alone``).
A trial: `price J1745 A4604 --setting office --zip 10001` said the office was "not payable" where batch paid J1745's
$32.42 (ASP) and noted A4604's missing NU.

Differential: the single lookup's office total and batch's claim total (``--summary``) are the same money, and the
lines the total leaves out are the rows batch leaves without an ``allowed`` (its ``unpriced``)."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow.csv as pacsv
import pytest
from typer.testing import CliRunner

from rvucalc.batch.files import run_batch
from rvucalc.cli import app
from rvucalc.engine.facility import OFFICE_REFUSED_ALONE
from rvucalc.lookup.pricer import Pricer

runner = CliRunner()

# CMS's January 2026 ASP payment limit file: J1745, 10 MG, $32.423, coinsurance 20%: $32.42, the patient $6.48.
J1745_LIMIT = Decimal("32.42")
J1745_PATIENT = Decimal("6.48")
# DMEPOS26_JAN: A4604 has one row, NU (category IN), New York non-rural $49.98.
A4604_NU_NY = Decimal("49.98")

# (codes, date of service, the codes the office total leaves out)
CASES = [
    (["J1745", "A4604"], "2026-01-15", {"A4604"}),  # DMEPOS: priced by NU only
    (["99213", "E0601"], "2026-01-15", {"E0601"}),  # DMEPOS: priced by RR only
    (["J1745", "E0431-MS"], "2026-01-15", {"E0431"}),  # MS on an item with no MS fee
    (["99213", "L1833-RR"], "2026-01-15", {"L1833"}),  # a rental of a purchase-only item (category PO)
    (["99213", "0614U"], "2026-03-31", {"0614U"}),  # on the CLFS from 2026-04-01 only
    (["99213", "J1745", "A4604"], "2026-01-15", {"A4604"}),  # a PFS line and a drug beside it, both paid
]


def _batch(tmp_path: Path, pricer: Pricer, codes: list[str], date: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The encounter as one claim of batch (POS 11, ZIP 10001): its claim totals and its rows."""
    lines = ["Claim ID,CPT Code,Modifier,Date of Service,POS,Zip Code"]
    for cell in codes:
        code, _, modifier = cell.partition("-")
        lines.append(f"C1,{code},{modifier},{date},11,10001")
    source, out = tmp_path / "claim.csv", tmp_path / "priced.csv"
    source.write_text("\n".join(lines) + "\n")
    summary = run_batch(pricer, str(source), str(out), per_claim=True)
    rows = pacsv.read_csv(out, convert_options=pacsv.ConvertOptions(strings_can_be_null=True)).to_pylist()
    return summary.as_json()["claims"]["C1"], rows


def _money(value: Any) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value)).quantize(Decimal("0.01"))


@pytest.mark.parametrize(("codes", "date", "left_out"), CASES)
def test_price_and_batch_total_the_same_lines_and_leave_out_the_same(
    tmp_path: Path, pricer: Pricer, codes: list[str], date: str, left_out: set[str]
) -> None:
    encounter = pricer.price_encounter(codes, zip_code="10001", date_of_service=date, setting="office")
    claim, rows = _batch(tmp_path, pricer, codes, date)
    total = encounter.totals["office"]
    assert total.payable and total.status == "priced", total.reason
    # The same money as batch's claim, and the same lines in it.
    for measure in ("allowed", "beneficiary", "medicare"):
        assert getattr(total, measure) == _money(claim[measure]), measure
    unpaid = {line.code for line in encounter.lines if not line.sites[0].payable}
    assert unpaid == {row["CPT Code"] for row in rows if row["allowed"] is None} == left_out
    assert claim["unpriced"] == len(left_out) and claim["lines"] == len(codes) - len(left_out)
    # The total says which lines it leaves out, and why (each line's own refusal), as batch's row note does.
    assert total.reason and total.reason.startswith(OFFICE_REFUSED_ALONE)
    for line, row in zip(encounter.lines, rows, strict=True):
        if line.code in left_out:
            office_reason = (line.sites[0].reason or "").rstrip(".")
            # named by its code once: a reason that begins with it ("A4604: the DMEPOS fee schedule ...") as it is
            # (a sleep practice's trial read "A4604: A4604: ...")
            named = office_reason if office_reason.startswith(f"{line.code}: ") else f"{line.code}: {office_reason}"
            assert named in total.reason and office_reason in str(row["note"])
            assert f"{line.code}: {line.code}:" not in total.reason
    # The paid lines' total is what each is paid alone (the drug at CMS's ASP limit).
    alone = [pricer.price(*cell.split("-", 1)[:1], zip_code="10001", date_of_service=date).sites[0]
             for cell in codes if cell.split("-")[0] not in left_out]  # fmt: skip
    assert total.allowed == sum((site.total or Decimal(0) for site in alone), Decimal(0))
    if "J1745" in codes:
        drug = next(line for line in encounter.lines if line.code == "J1745").sites[0]
        assert (drug.total, drug.beneficiary) == (J1745_LIMIT, J1745_PATIENT)


def test_a_drug_beside_a_dme_item_without_its_modifier_is_the_office_total_in_every_format() -> None:
    """The trial's command: the table's Office total is J1745's $32.42 and names A4604 (exit 0, not "not payable");
    JSON's totals say the same; CSV (a row per line) has J1745 priced and A4604 not payable with its reason; stderr
    names the line left out."""
    args = ["price", "J1745", "A4604", "--setting", "office", "--zip", "10001", "--date", "2026-01-15"]
    table = runner.invoke(app, args)
    assert table.exit_code == 0, table.stderr
    assert "not payable" not in table.stdout and "$32.42" in table.stdout and "$6.48" in table.stdout
    assert "A4604 has no amount here" in table.stderr and "give one of: NU" in table.stderr
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0
    office = json.loads(result.stdout)["totals"]["office"]
    assert office["payable"] and office["status"] == "priced"
    assert (office["allowed"], office["beneficiary"], office["medicare"]) == (32.42, 6.48, 25.94)
    assert office["reason"].startswith(OFFICE_REFUSED_ALONE) and "A4604: " in office["reason"]
    result = runner.invoke(app, [*args, "--format", "csv"])
    assert result.exit_code == 0
    drug, item = csv.DictReader(io.StringIO(result.stdout))
    assert (drug["site_office_status"], drug["site_office_total"]) == ("priced", str(J1745_LIMIT))
    assert item["site_office_status"] == "not_payable" and "give one of: NU" in item["site_office_reason"]


def test_with_its_modifier_the_dme_item_is_in_the_office_total() -> None:
    """A4604-NU is paid its New York fee beside the drug: $32.42 + $49.98."""
    args = ["price", "J1745", "A4604-NU", "--setting", "office", "--zip", "10001", "--date", "2026-01-15", "-f", "json"]
    result = runner.invoke(app, args)
    office = json.loads(result.stdout)["totals"]["office"]
    assert Decimal(str(office["allowed"])) == J1745_LIMIT + A4604_NU_NY and office["reason"] is None


def test_a_site_that_cannot_pay_a_line_still_makes_the_office_not_payable(pricer: Pricer) -> None:
    """What the office cannot pay (a PFS service not priced there, NA: 66984) is the site's, not the line's: the office
    stays not payable beside a DME item without its modifier, and a DME-only encounter with nothing paid is not
    payable either."""
    encounter = pricer.price_encounter(["66984", "E0601"], zip_code="10001", setting="office")
    assert not encounter.totals["office"].payable and encounter.totals["office"].status == "not_payable"
    encounter = pricer.price_encounter(["A4604", "E0601"], zip_code="10001", setting="office")
    assert not encounter.totals["office"].payable and encounter.totals["office"].status == "not_payable"
