"""A remittance's paid column (Medicare's payment alone) is said on stderr, whether batch read it by its name or
the user mapped it (--columns paid=COLUMN), and the notice names --paid-is medicare, which compares it with Medicare's
share.

A primary care trial's export headed it `Primary Paid` (another's `Pri Paid`): mapped with --columns paid='Primary
Paid', it was compared with allowed (Medicare's and the patient's shares) without a word, every line paid in full
"underpaid" by its coinsurance. With --paid-is medicare the notice gives way to what the deductible does.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app

ROW = "V1,08/11/2026,99214,,1,11,04101,MD,106.62\n"
REMIT = "a remittance's paid amount is Medicare's share alone"
RERUN = "rerun with --paid-is medicare to compare it with Medicare's share, or give the remit's allowed amount instead"


def _stderr(tmp_path: Path, paid: str, *options: str) -> str:
    source = tmp_path / "export.csv"
    source.write_text(f"Visit #,DOS,Code,Mods,Qty,POS,Loc ZIP,Prov Type,{paid}\n{ROW}")
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv"), "--columns",
                                    f"zip=Loc ZIP,paid={paid}", *options])  # fmt: skip
    assert done.exit_code == 0, done.output
    return done.stderr


@pytest.mark.parametrize("paid", ["Primary Paid", "Pri Paid", "Primary Payer Paid", "Prim Paid", "Paid Amt"])
def test_a_primary_payer_s_paid_column_mapped_by_the_user_is_said_with_paid_is_medicare(
    tmp_path: Path, paid: str
) -> None:
    stderr = _stderr(tmp_path, paid)
    said = next(line for line in stderr.splitlines() if REMIT in line)
    assert said.startswith(f"rvucalc: paid ← {paid} is compared with allowed")
    assert RERUN in said


def test_with_paid_is_medicare_the_deductible_is_said_instead(tmp_path: Path) -> None:
    stderr = _stderr(tmp_path, "Primary Paid", "--paid-is", "medicare")
    assert REMIT not in stderr and "give the remit's allowed amount instead" not in stderr
    assert "paid ← Primary Paid is Medicare's payment (--paid-is medicare)" in stderr
    assert "a line paid less by the deductible shows as underpaid by it" in stderr


def test_a_contract_s_notice_suggests_no_medicare_share(tmp_path: Path) -> None:
    stderr = _stderr(tmp_path, "Primary Paid", "--percent-of-medicare", "110")
    said = next(line for line in stderr.splitlines() if "a remittance's paid amount is the payer's share" in line)
    assert "--paid-is" not in said and "give the remit's allowed amount instead" in said
