"""`rvucalc batch` with a charge column: Medicare allows the lesser of the billed charge and the fee schedule amount.

A primary care trial (ZIP 04101, Portland, August 2026) billed 93000 at $10.00 and 81002 at $2.50, both below what the
fee schedules pay; its `Billed Amt` column was passed through unread, and each line's paid amount was compared with the
fee schedule amount, so a line paid in full showed "underpaid". Medicare allows the lower of the actual charge and the
fee schedule amount (PFS: SSA §1848(a)(1); CLFS: §1833(h), "the lesser of the amount billed, the local fee ... or a
national limit"; DMEPOS §1834(a)(1)(B); Part B drugs 42 CFR 414.904(a)), but a hospital's OPPS payment is the APC rate
whatever its charge. The allowed, beneficiary and medicare columns stay the fee schedule's; expected is the charge (its
Medicare share with --paid-is medicare), the note says so, and the summary counts the rows. Amounts are CMS's: RVU x
GPCI x CF (data/rvu, data/gpci) rounded half-up once, the CLFS rate from CMS's CY2026 Q2 file (data/clfs).
"""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from rvucalc.cli import app

DATA = Path(__file__).resolve().parents[1] / "data"
CENT = Decimal("0.01")
HEADER = "Visit #,Acct #,DOS,Code,Mods,Qty,POS,Loc ZIP,Provider,Prov Type,Billed Amt,Ins Paid\n"
COLUMNS = "zip=Loc ZIP"  # the trial's service ZIP (a location's ZIP is not read by its name alone)


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _pfs_2026_portland(code: str) -> Decimal:
    """The 2026 non-facility PFS amount in locality 14112-03 (Southern Maine, ZIP 04101) from CMS's RVU26C file and
    the 2026 GPCIs: (work x GPCI + PE x GPCI + MP x GPCI) x CF, rounded half-up once."""
    with (DATA / "gpci/2026/localities2026-01-01-2026.csv").open(encoding="latin-1", newline="") as handle:
        gpci = next(row for row in csv.reader(handle) if row[4:5] == ["1411203"])
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1", newline="") as handle:
        row = next(row for row in csv.reader(handle) if row[:2] == [code, ""])
    # columns: 5 work RVU, 6 non-facility PE RVU, 10 MP RVU, 25 the CF
    rvus = Decimal(row[5]) * Decimal(gpci[1]) + Decimal(row[6]) * Decimal(gpci[2]) + Decimal(row[10]) * Decimal(gpci[3])
    return _cents(rvus * Decimal(row[25]))


def _clfs_2026(code: str) -> Decimal:
    """The CLFS rate in CMS's CY2026 Q2 file (PUF_CLFS_CY2026_Q2V1.csv)."""
    with (DATA / "clfs/2026/PUF_CLFS_CY2026_Q2V1.csv").open(encoding="latin-1", newline="") as handle:
        row = next(row for row in csv.reader(handle) if row[1:3] == [code, ""])
    return Decimal(row[5])


def _batch(
    tmp_path: Path, text: str, *options: str, header: str = HEADER, columns: str = COLUMNS
) -> tuple[list[dict[str, str]], dict[str, Any], str]:
    source, output, summary = tmp_path / "lowcharge.csv", tmp_path / "priced.csv", tmp_path / "summary.json"
    source.write_text(header + text)
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(output), "--summary", str(summary), "--columns",
                                    columns, *options])  # fmt: skip
    assert done.exit_code == 0, done.output
    return list(csv.DictReader(output.open())), json.loads(summary.read_text()), done.stderr


TRIAL = ('L1,D1,08/20/2026,93000,,1,11,04101,"SMITH, JOHN",MD,10.00,8.00\n'
         'L1,D1,08/20/2026,81002,,1,11,04101,"SMITH, JOHN",MD,2.50,2.50\n')  # fmt: skip


def test_a_charge_below_the_fee_schedule_amount_is_what_medicare_allows(tmp_path: Path) -> None:
    """The trial's lines: 93000 billed $10.00 below its PFS amount, 81002 billed $2.50 below its CLFS rate. Allowed
    stays the fee schedule's; expected is the charge, so the ECG paid $8.00 is short by its coinsurance alone and the
    lab paid $2.50 is paid in full (before: -$5.04 and -$0.98 against the fee schedule)."""
    ecg, lab = _pfs_2026_portland("93000"), _clfs_2026("81002")
    assert (ecg, lab) == (Decimal("15.04"), Decimal("3.48"))
    rows, summary, stderr = _batch(tmp_path, TRIAL)
    assert "charge ← Billed Amt" in stderr
    first, second = rows
    assert Decimal(first["allowed"]) == ecg and Decimal(second["allowed"]) == lab  # the fee schedule's, as before
    assert (first["charge_as_read"], second["charge_as_read"]) == ("10.00", "2.50")
    assert (first["expected"], first["variance"]) == ("10.00", "-2.00")
    assert (second["expected"], second["variance"]) == ("2.50", "0.00")
    assert (f"Billed $10.00 is below the fee schedule amount ${ecg}: Medicare allows the lower, $10.00 "
            "(SSA §1848(a)(1)), patient 20% = $2.00, Medicare $8.00") in first["note"]  # fmt: skip
    assert (f"Billed $2.50 is below the lab fee schedule amount ${lab}: Medicare allows the lower, $2.50 "
            "(SSA §1833(h)), no coinsurance, Medicare $2.50") in second["note"]  # fmt: skip
    assert summary["charge_below_fee_schedule"] == 2
    # by how much, in all (a DME trial's summary gave the count alone): the fee schedule amounts less the charges
    below = ecg - Decimal("10.00") + lab - Decimal("2.50")
    assert Decimal(summary["charge_below_fee_schedule_amount"]) == below == Decimal("6.02")
    assert f"2 rows billed below the fee schedule amount (${below} below in all)" in stderr


def test_paid_is_medicare_compares_medicare_s_share_of_the_charge(tmp_path: Path) -> None:
    """With --paid-is medicare the ECG's expected is 80% of its $10.00 charge and the lab's all of its $2.50 (no
    coinsurance on the CLFS): the trial's remit, paid exactly that, has no variance; with --sequestration each share
    is 2% less, rounded once."""
    rows, summary, _ = _batch(tmp_path, TRIAL, "--paid-is", "medicare")
    assert [(row["expected"], row["variance"]) for row in rows] == [("8.00", "0.00"), ("2.50", "0.00")]
    assert Decimal(rows[0]["medicare"]) == _pfs_2026_portland("93000") - _cents(_pfs_2026_portland("93000") / 5)
    assert summary["charge_below_fee_schedule"] == 2
    rows, _, _ = _batch(tmp_path, TRIAL, "--paid-is", "medicare", "--sequestration")
    sequestered = [amount - _cents(amount * Decimal("0.02")) for amount in (Decimal("8.00"), Decimal("2.50"))]
    assert [Decimal(row["expected"]) for row in rows] == sequestered
    assert "Medicare $7.84 after the 2% sequestration" in rows[0]["note"]


def test_a_charge_above_the_fee_schedule_amount_changes_nothing(tmp_path: Path) -> None:
    """Billed above the fee schedule amounts: expected is the fee schedule's, no note, none counted, and every
    column but charge_as_read as a run without the charge column writes it."""
    text = ('L1,D1,08/20/2026,93000,,1,11,04101,"SMITH, JOHN",MD,45.00,12.03\n'
            'L1,D1,08/20/2026,81002,,1,11,04101,"SMITH, JOHN",MD,$15.00,3.48\n')  # fmt: skip
    rows, summary, _ = _batch(tmp_path, text)
    plain, _, _ = _batch(tmp_path, text, columns="zip=Loc ZIP,charge=")
    assert Decimal(rows[0]["expected"]) == _pfs_2026_portland("93000")
    assert Decimal(rows[1]["expected"]) == _clfs_2026("81002")
    assert summary["charge_below_fee_schedule"] == 0 and "Medicare allows the lower" not in rows[0]["note"]
    assert [row["charge_as_read"] for row in rows] == ["45.00", "15.00"] and "charge_as_read" not in plain[0]
    assert [{k: v for k, v in row.items() if k != "charge_as_read"} for row in rows] == plain


def test_a_hospital_s_opps_amount_has_no_lesser_of_the_charge(tmp_path: Path) -> None:
    """73721 at a hospital outpatient department (POS 22, October 2025): the site's allowed amount is the OPPS
    payment with the physician's fee, which a charge below it does not lower (the OPPS pays the APC rate); the
    radiologist's 73721-26 line, compared with its own claim's PFS amount, is allowed its lower charge."""
    header = "Visit #,DOS,Code,Mods,Qty,POS,Loc ZIP,Billed Amt,Ins Paid\n"
    text = "H1,10/15/2025,73721,,1,22,04101,100.00,90.00\nH2,10/15/2025,73721,26,1,22,04101,20.00,16.00\n"
    rows, summary, _ = _batch(tmp_path, text, header=header)
    plain, _, _ = _batch(tmp_path, text, header=header, columns="zip=Loc ZIP,charge=")
    hospital, radiologist = rows
    assert Decimal(hospital["opps_rate"]) > 0 and Decimal(hospital["allowed"]) > Decimal("100.00")
    assert hospital["expected"] == hospital["allowed"] == plain[0]["expected"]
    assert "Medicare allows the lower" not in hospital["note"]
    fee = Decimal(radiologist["professional_allowed"])
    assert fee > Decimal("20.00") and plain[1]["expected"] == str(fee)
    assert (radiologist["expected"], radiologist["variance"]) == ("20.00", "-4.00")
    assert f"Billed $20.00 is below the fee schedule amount ${fee}: Medicare allows the lower" in radiologist["note"]
    assert summary["charge_below_fee_schedule"] == 1


def test_a_charge_cell_that_is_no_amount_is_noted_and_the_row_priced(tmp_path: Path) -> None:
    """'ten' in the charge column: the row is priced and compared with the fee schedule amount, its note saying the
    charge was not read."""
    text = 'L1,D1,08/20/2026,93000,,1,11,04101,"SMITH, JOHN",MD,ten,8.00\n'
    rows, summary, _ = _batch(tmp_path, text)
    assert Decimal(rows[0]["expected"]) == _pfs_2026_portland("93000") and rows[0]["charge_as_read"] == ""
    assert "Charge 'ten' not compared with the fee schedule amount: it is no amount (write it as 123.45)." in rows[0][
        "note"]  # fmt: skip
    assert summary["charge_below_fee_schedule"] == 0
