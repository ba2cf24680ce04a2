"""A sleep medicine and neurodiagnostics group's export writes its lab's or IDTF's name on the technical rows, beside
its physicians' and NP's names: 'IDTF' alone, 'NORTH EEG LAB', 'EEG LAB', 'SLEEP LAB', 'EMG LAB'. 'IDTF' and the EEG,
sleep, echo, cath and EP labs left the whole 'Provider' column unread, so the NP's 99204 at POS 11 in ZIP 55455
(2026-08-03) was priced at a physician's 100%; 'EMG LAB' and 'NEUROPHYSIOLOGY LAB' were read as an independent clinical
laboratory's, their 95886 and 95910 cut from the visit into a claim "<id> (lab)" of their own.

IDTF is the facility's own specialty ("enrollment records will show specialty as IDTF", NGS's "Independent Diagnostic
Testing Facility"): a blank cell (lookup.credentials.diagnostic_facility_name). A practice's diagnostic test lab is no
clinical laboratory (one examines "materials derived from the human body", SSA POMS HI 00610.130 B); the practice,
hospital or IDTF bills its tests (42 CFR 410.32, 410.33; Noridian's IDTF page: a practice's tests "performed and
interpreted at the same location" need no IDTF enrollment): a blank cell, the rows kept on the visit's claim, as 'PFT
LAB' is (lookup.credentials.lab_cell). Amounts are CMS's own fee (RVU26C x the 2026 GPCIs x the CF)."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import DATA, fee_2026
from rvucalc.cli import app
from rvucalc.lookup.credentials import credentials_after_names, lab_cell, no_practitioner_reason, provider_of

MINNESOTA = "0620200"  # ZIP 55455's locality (CMS's ZIP5 file)
NAMES = ["OLSON, ERIK MD", "HANSEN, KARI APRN, CNP"]
LABS = ["IDTF", "NORTH EEG LAB", "EEG LAB", "EEG LABORATORY", "SLEEP LAB", "EMG LAB", "NORTH EMG LAB",
        "NEUROPHYSIOLOGY LAB", "ECHO LAB", "CATH LAB", "NORTH EP LAB", "NONINVASIVE LAB"]  # fmt: skip


def _fee(code: str, modifier: str = "") -> Decimal:
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1") as handle:
        return fee_2026(next(row for row in csv.reader(handle) if row[:2] == [code, modifier]), MINNESOTA)


@pytest.mark.parametrize("lab", LABS)
def test_an_idtf_or_a_diagnostic_lab_is_a_blank_cell_beside_names(lab: str) -> None:
    assert provider_of(lab) is None
    assert credentials_after_names([*NAMES, lab])
    assert not lab_cell(lab)  # no independent clinical laboratory's claim
    assert "clinical laboratory" not in (no_practitioner_reason(lab) or "")


@pytest.mark.parametrize("staff", ["EEG Lab Tech", "Sleep Lab Tech", "NORTH EEG LAB, PA", "OLSON, ERIK MD"])
def test_the_lab_s_staff_or_its_practice_name_is_no_lab_cell(staff: str) -> None:
    assert not lab_cell(staff)


@pytest.mark.parametrize("lab", ["NORTH EEG LAB", "IDTF", "EMG LAB"])
def test_the_np_beside_the_lab_is_paid_85_percent_its_rows_on_the_visit(tmp_path: Path, lab: str) -> None:
    source, out, summary = tmp_path / "ecw.csv", tmp_path / "out.csv", tmp_path / "sum.json"
    rows = [("99214", "25", "OLSON, ERIK MD"), ("95886", "", lab), ("95910", "", lab),
            ("99204", "", "HANSEN, KARI APRN, CNP")]  # fmt: skip
    source.write_text(
        "Visit ID,DOS,CPT Code,Mod1,Mod2,Qty,POS,Provider,Patient Zip,Billed,Paid\n"
        + "".join(f'{"V1" if n < 3 else "V2"},20260803,{code},{mod},,1,11,"{who}",55455,100.00,\n'
                  for n, (code, mod, who) in enumerate(rows))
    )  # fmt: skip
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--summary", str(summary)])
    assert result.exit_code == 0, result.output
    assert "provider ← Provider" in result.stderr, result.stderr
    md_row, emg_row, ncs_row, np_row = list(csv.DictReader(out.open()))
    assert Decimal(md_row["allowed"]) == _fee("99214")
    assert Decimal(emg_row["allowed"]) == _fee("95886") and Decimal(ncs_row["allowed"]) == _fee("95910")
    visit = (_fee("99204") * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert Decimal(np_row["allowed"]) == visit, np_row
    totals = json.loads(summary.read_text())
    assert sorted(totals["claims"]) == ["V1", "V2"] and totals["two_entity_claims"] == 0, totals["claims"]
