"""The imaging professional component's 5% cut is one physician's (CMS does not apply it across a group's physicians:
engine.policy.PROFESSIONAL_CUT_PER_PRACTITIONER), but batch read two radiologists of one claim as one physician: an
imaging center's radiology group billed 72158-26 read by one radiologist and 72156-26 by another at the hospital (POS
19), and the second was cut 5%. Where the provider cells name the practitioners ('NGUYEN, THU MD', 'PATEL, RAJ MD'),
each one's highest reading is paid in full and only a physician's later readings are cut; the technical component's 50%
stays the claim's (a group's), and a column of credentials alike ('MD') tells no physicians apart. Amounts: CMS's 26
and TC rows (RVU26C x the 2026 Miami GPCIs), the cuts of engine.policy's rule."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from cms_fees import DATA, fee_2026
from rvucalc.cli import app

runner = CliRunner()
LOCALITY = "0910204"  # Miami, FL
HEADER = "Claim #,CPT,Mod1,Exam Date,POS,Pt Zip,Rendering Radiologist\n"


def _row(code: str, modifier: str) -> tuple[str, ...]:
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1") as handle:
        return tuple(next(row for row in csv.reader(handle) if row[:2] == [code, modifier]))


def _fee(code: str, modifier: str = "", facility: bool = False) -> Decimal:
    return fee_2026(_row(code, modifier), LOCALITY, facility=facility)


def _cut(amount: Decimal, part: Decimal, percent: int) -> str:
    return str((amount - part * percent / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _batch(tmp_path: Path, rows: str) -> list[dict[str, str]]:
    source, out = tmp_path / "reads.csv", tmp_path / "out.csv"
    source.write_text(HEADER + rows)
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    return list(csv.DictReader(out.open()))


def test_each_radiologist_s_highest_read_is_paid_in_full(tmp_path: Path) -> None:
    rows = _batch(
        tmp_path,
        '1,72158,26,05/16/2026,19,33136,"NGUYEN, THU MD"\n'
        '1,72156,26,05/16/2026,19,33136,"PATEL, RAJ MD"\n'
        '1,70450,26,05/16/2026,19,33136,"Patel, Raj  MD"\n',  # the same radiologist, written otherwise
    )
    paid = [row["pfs_facility_amount"] for row in rows]
    pc = {code: _fee(code, "26", facility=True) for code in ("72158", "72156", "70450")}
    assert paid[0] == str(pc["72158"])  # NGUYEN's only read
    assert paid[1] == str(pc["72156"])  # PATEL's highest, though 72158-26 is not lower
    assert paid[2] == _cut(pc["70450"], pc["70450"], 5)  # PATEL's later read


def test_credentials_alike_are_one_physician(tmp_path: Path) -> None:
    rows = _batch(tmp_path, "2,72156,26,05/16/2026,19,33136,MD\n2,70450,26,05/16/2026,19,33136,MD\n")
    assert rows[0]["pfs_facility_amount"] == str(_fee("72156", "26", True))
    assert rows[1]["pfs_facility_amount"] == _cut(_fee("70450", "26", True), _fee("70450", "26", True), 5)


def test_the_technical_cut_is_the_group_s(tmp_path: Path) -> None:
    rows = _batch(
        tmp_path,
        '3,74177,,05/16/2026,11,33136,"NGUYEN, THU MD"\n3,70450,,05/16/2026,11,33136,"PATEL, RAJ MD"\n',
    )
    # The office globals of two radiologists: 74177's TC is higher, so 70450's TC is cut 50% (a group's), its PC not
    assert rows[0]["allowed"] == str(_fee("74177"))
    assert rows[1]["allowed"] == _cut(_fee("70450"), _fee("70450", "TC"), 50)
