"""A0 codes the ambulance fee schedule does not pay: the RVU file marks only the transport levels and mileage (A0425-
A0436) status X; A0998 (ambulance response and treatment, no transport), the old supply codes (A0382) and the taxi,
escort and waiting-time codes are status I, A0888 (noncovered mileage) status N. A rural hospital's trial: A0998 and
A0888 were said to be "paid from the ambulance fee schedule, which rvucalc does not install" (price and batch); they
say their status's reason, as any status I or N code does, and A0427 keeps the ambulance fee schedule's note."""

from __future__ import annotations

import csv
from pathlib import Path

from typer.testing import CliRunner

from cms_fees import rvu_2026_row
from rvucalc.cli import app
from rvucalc.engine.meanings import STATUS as STATUS_MEANINGS

runner = CliRunner()
ZIP, DATE = "59330", "2026-08-04"  # Glendive, MT: a super rural ZIP (CMS ZIP5 rural indicator B)
UNPAID = ("A0998", "A0888", "A0382")


def test_the_rvu_file_marks_them_unpaid_and_the_ambulance_codes_x() -> None:
    assert {code: rvu_2026_row(code)[3] for code in (*UNPAID, "A0427")} == {
        "A0998": "I", "A0888": "N", "A0382": "I", "A0427": "X"}  # fmt: skip


def test_price_says_the_status_not_the_ambulance_fee_schedule() -> None:
    for code in UNPAID:
        done = runner.invoke(app, ["price", code, "--zip", ZIP, "--date", DATE])
        said = " ".join(done.stderr.split())
        assert done.exit_code == 1, said
        status = rvu_2026_row(code)[3]
        assert f"status {status}: {STATUS_MEANINGS[status]}" in said, said
        assert "ambulance fee schedule" not in said, said
    kept = runner.invoke(app, ["price", "A0427-RH", "--zip", ZIP, "--date", DATE])
    assert "A0427: codes like it are paid from the ambulance fee schedule" in " ".join(kept.stderr.split())


def test_batch_says_as_price_does(tmp_path: Path) -> None:
    source = tmp_path / "claims.csv"
    rows = "".join(f"CL1,{code},,1,41,{ZIP},{DATE}\n" for code in (*UNPAID, "A0427"))
    source.write_text("claim,code,modifier,units,pos,zip,date\n" + rows)
    out = tmp_path / "out.csv"
    assert runner.invoke(app, ["batch", "-q", str(source), "-o", str(out)]).exit_code in (0, 1)
    notes = {row["code"]: row["note"] for row in csv.DictReader(out.open())}
    for code in UNPAID:
        status = rvu_2026_row(code)[3]
        assert f"status {status}: {STATUS_MEANINGS[status]}" in notes[code], notes[code]
        assert "ambulance fee schedule" not in notes[code], notes[code]
    assert "A0427: codes like it are paid from the ambulance fee schedule" in notes["A0427"]
