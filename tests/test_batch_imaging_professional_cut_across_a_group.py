"""The imaging professional component's 5% cut is a group's, as the technical component's 50% is: from 2013 CMS
applies it to the readings "furnished by one or more physicians in the same group practice to the same beneficiary, in
the same session, on the same day" (CY2013 PFS final rule, Transmittal 1104; CR 9647's 5% from 2017, "one or more
radiologists in the same group practice"). A review found batch reading a claim's two named radiologists ('NGUYEN, THU
MD', 'PATEL, RAJ MD'), or an MD and an NP, as two practitioners each paid in full, after CMS's CY2012 rule, which it
replaced. A claim is one billing entity's: its readings rank together, the highest PC in full, the others 5% off.
Amounts: CMS's 26 rows (RVU26C x the 2026 Miami GPCIs), cut as engine.policy's rule cuts them."""

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


def _pc(code: str) -> Decimal:
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1") as handle:
        row = tuple(next(row for row in csv.reader(handle) if row[:2] == [code, "26"]))
    return fee_2026(row, LOCALITY, facility=True)


def _five_percent_off(amount: Decimal) -> str:
    return str((amount * Decimal("0.95")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _batch(tmp_path: Path, rows: str) -> list[dict[str, str]]:
    source, out = tmp_path / "reads.csv", tmp_path / "out.csv"
    source.write_text(HEADER + rows)
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    return list(csv.DictReader(out.open()))


def test_two_named_radiologists_of_one_claim_are_one_group(tmp_path: Path) -> None:
    rows = _batch(
        tmp_path,
        '1,70553,26,05/16/2026,19,33136,"NGUYEN, THU MD"\n1,70450,26,05/16/2026,19,33136,"PATEL, RAJ MD"\n',
    )
    assert _pc("70553") > _pc("70450")
    assert rows[0]["pfs_facility_amount"] == str(_pc("70553"))
    assert rows[1]["pfs_facility_amount"] == _five_percent_off(_pc("70450"))


def test_an_np_s_higher_reading_cuts_the_physician_s(tmp_path: Path) -> None:
    rows = _batch(
        tmp_path,
        '2,70553,26,05/16/2026,19,33136,"LEE, ANA NP"\n2,70450,26,05/16/2026,19,33136,"PATEL, RAJ MD"\n',
    )
    assert rows[1]["pfs_facility_amount"] == _five_percent_off(_pc("70450"))
    assert "5% off the professional component" in rows[1]["note"]
    assert "5% off the professional component" not in rows[0]["note"]
