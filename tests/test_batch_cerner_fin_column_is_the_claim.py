"""A Cerner (Oracle Health) Millennium patient accounting export's 'FIN' (the financial number: the encounter's
identifier, Oracle Health's FHIR Encounter resource "Encounter identifier (eg: FIN)", encounter alias code set 319)
is the claim (batch.columns.CERNER_FIN_CLAIMS), ranked as Epic's HAR is. A community hospital's file of 'FIN,
Encounter Type, Bill Type, Rev Code, HCPCS, Modifiers, Service Date, Units, Line Charge, Payer, Total Paid, Facility
ZIP' had it unread: each line priced alone, so an ED claim's 12002 (Addendum B: SI Q1) beside its 99284 (SI J2) was
paid, not packaged, and its 80053 (SI Q4) was not packaged either."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from conftest import run_batch_rows

ZIP = "17101"  # Harrisburg, PA


def _row(fin: str, code: str, modifiers: str = "", header: str = "FIN") -> dict[str, str]:
    return {header: fin, "Encounter Type": "Emergency", "Bill Type": "131", "Rev Code": "0450", "HCPCS": code,
            "Modifiers": modifiers, "Service Date": "12/02/2025", "Units": "1", "Line Charge": "950.00",
            "Payer": "MEDICARE PART B", "Total Paid": "", "Facility ZIP": ZIP}  # fmt: skip


@pytest.mark.parametrize("header", ["FIN", "FIN #", "FIN Nbr", "Financial Number"])
def test_the_fin_is_the_hospital_claim_its_q1_repair_packaged_with_the_ed_visit(tmp_path: Path, header: str) -> None:
    rows = [_row("2501008", "99283", "25", header), _row("2501008", "12001", "", header),
            _row("2501009", "12001", "", header)]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    assert f"claim ← {header}" in done.stderr and "no claim column" not in done.stderr
    # Addendum B (October 2025): 12001 SI Q1, APC 5051, $198.70; 99283 SI J2, APC 5023, $276.89
    assert Decimal(out[0]["opps_rate"]) > 0
    assert Decimal(out[1]["opps_rate"]) == 0 and "Conditionally packaged (SI Q1)" in out[1]["note"]
    assert Decimal(out[2]["opps_rate"]) > 0  # alone on its own FIN: paid


def test_a_claim_number_beside_the_fin_is_the_claim(tmp_path: Path) -> None:
    rows = [{"Claim Number": claim, **_row("2501008", code)} for claim, code in (("C1", "99283"), ("C2", "12001"))]
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    assert "claim ← Claim Number" in done.stderr
    assert Decimal(out[1]["opps_rate"]) > 0  # its own claim: not packaged


@pytest.mark.parametrize("header", ["FIN Class", "Fin Class", "Financial Class", "FINClass", "FIN Type"])
def test_a_fin_class_is_a_payer_group_not_the_claim(tmp_path: Path, header: str) -> None:
    """Cerner's financial class ('FIN Class': Medicare, Commercial, Self Pay) is one value on a payer's every row, no
    claim: read as one, a file's patients would be one encounter. Not read; beside the FIN the FIN is the claim."""
    alone = [{**_row("", code), header: "MEDICARE"} for code in ("99283", "12001")]
    for row in alone:
        del row["FIN"]
    done, out = run_batch_rows(tmp_path, alone)
    assert done.exit_code == 0, done.output
    assert "no claim column" in done.stderr and f"claim ← {header}" not in done.stderr
    # Addendum B (October 2025): 12001 APC 5051 $198.70 x (0.6 x 0.9095 + 0.4) = $187.91, paid alone
    assert Decimal(out[1]["opps_rate"]) == Decimal("187.91")
    beside = [{header: "MEDICARE", **_row("2501008", code)} for code in ("99283", "12001")]
    done, out = run_batch_rows(tmp_path, beside)
    assert done.exit_code == 0, done.output
    assert "claim ← FIN" in done.stderr
    assert Decimal(out[1]["opps_rate"]) == 0  # packaged with the ED visit on the FIN's claim
