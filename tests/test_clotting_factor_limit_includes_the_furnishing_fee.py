"""A blood clotting factor (J7190, J7192 ...: the ASP file's "Clotting Factor" column, 1) is paid a furnishing fee per
unit (SSA §1842(o)(5)(C)), which CMS includes in the payment limit it publishes for the code (Claims Processing Manual
ch. 17 §80.4.1; MLN MM8049): the ASP file's limit x the units is the whole payment, and the line says the fee is in it
(engine.schedules.clotting_factor_note), read from the file's own flag, in price and batch alike. A row the file does
not flag says nothing of it."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app

ASP_FILE = (Path(__file__).resolve().parents[1] / "data" / "asp" / "2026"
            / "section 508 version of January 2026 Medicare Part B Payment Limit File 121725.csv")  # fmt: skip
runner = CliRunner()


def _asp_rows() -> dict[str, list[str]]:
    with ASP_FILE.open(encoding="latin-1", newline="") as handle:
        rows = list(csv.reader(handle))
    header = next(number for number, row in enumerate(rows) if row and row[0] == "HCPCS Code")
    assert rows[header][9] == "Clotting Factor", rows[header]
    return {row[0]: row for row in rows[header + 1 :] if row and row[0]}


def test_a_clotting_factor_s_line_says_its_limit_includes_the_furnishing_fee(tmp_path: Path) -> None:
    rows = _asp_rows()
    flagged = sorted(code for code, row in rows.items() if row[9].strip() == "1")
    assert {"J7190", "J7192"} <= set(flagged), flagged
    plain = ["J9271", "90371"]  # not flagged
    assert all(rows[code][9].strip() == "" for code in plain)
    source, out = tmp_path / "lines.csv", tmp_path / "out.csv"
    codes = [*flagged, *plain]
    source.write_text("CPT,DOS,Units,Zip Code\n" + "".join(f"{code},2026-03-02,3,10001\n" for code in codes))
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    for code, line in zip(codes, csv.DictReader(out.open()), strict=True):
        limit = Decimal(rows[code][3])
        assert Decimal(line["drug_amount"]) == (limit * 3).quantize(Decimal("0.01"), ROUND_HALF_UP), line
        said = "already includes the clotting factor furnishing fee" in line["note"]
        assert said == (code in flagged), (code, line["note"])
    priced = runner.invoke(app, ["price", "J7192", "--units", "3000", "--zip", "10001", "--date", "2026-03-02"])
    assert priced.exit_code == 0 and "$4,773.00" in priced.stdout, priced.output
    assert "already includes the clotting factor furnishing fee" in " ".join(priced.stdout.split())
    assert "§1842(o)(5)(C)" in " ".join(priced.stdout.split())
    other = runner.invoke(app, ["price", "J9271", "--units", "100", "--zip", "10001", "--date", "2026-03-02"])
    assert other.exit_code == 0 and "clotting" not in other.stdout.lower(), other.output
