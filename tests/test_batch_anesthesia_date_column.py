"""An anesthesia group's trial: its billing system exports 'Case Number', 'Anesthesia Date', 'ASA Code', 'Mod1'...
'Minutes', 'POS', 'Facility Zip', 'Provider Type'. ``rvucalc batch`` did not read 'Anesthesia Date' (only hinted on
stderr), so a November 2025 case was priced with 2026's anesthesia CF (exit 0); and a file whose anesthesia codes are
under 'ASA Code' (not read by its name: some exports' physical status) was refused "no code column" without naming it.

The money is CMS's: (base units + minutes / 15 to one decimal) x the locality's anesthesia CF, ANES2025 for a 2025 date
(Manhattan, contractor 13202 locality 01), the line being the RVU file's status J."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from conftest import TESTS
from rvucalc.cli import app

runner = CliRunner()
ANES = {
    2025: TESTS.parent / "data" / "rvu" / "2025" / "ANES2025.csv",  # CMS's ANES2025 (RVU25D)
    2026: TESTS.parent / "data" / "rvu" / "2026" / "ref_anes_conversion_factor.csv",  # CMS's ANES2026 (RVU26A)
}
HEADER = "Case Number,Anesthesia Date,ASA Code,Mod1,Mod2,Base Units,Minutes,POS,Facility Zip,Provider Type\n"
CASES = "A1001,11/14/2025,00790,AA,P3,7,95,22,10001,MD\nA2001,06/01/2026,00790,AA,P3,7,95,22,10001,MD\n"


def manhattan_cf(year: int) -> Decimal:
    """ANES20YY's Manhattan CF (non-QP in 2026: its last column)."""
    with ANES[year].open(newline="", encoding="latin-1") as handle:
        (cf,) = [Decimal(row[-1].strip()) for row in csv.reader(handle) if row[:2] == ["13202 ", "01 "]]
    return cf


def cms_fee(year: int, base_units: int, minutes: int) -> Decimal:
    time_units = (Decimal(minutes) / 15).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return ((base_units + time_units) * manhattan_cf(year)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_anesthesia_date_column_is_the_date_of_service(tmp_path: Path) -> None:
    assert manhattan_cf(2025) != manhattan_cf(2026)  # else the test could not tell the years apart
    source, target = tmp_path / "cases.csv", tmp_path / "out.csv"
    source.write_text(HEADER + CASES)
    done = runner.invoke(app, ["batch", str(source), "-o", str(target), "--columns", "code=ASA Code"])
    assert done.exit_code == 0, done.output
    assert "date ← Anesthesia Date" in done.output
    first, second = csv.DictReader(target.open())
    assert first["release"].startswith("2025") and second["release"].startswith("2026")
    assert Decimal(first["pfs_facility_amount"]) == cms_fee(2025, 7, 95)  # (7 + 6.3) x ANES2025's $22.76
    assert Decimal(first["anesthesia_conversion_factor"]) == manhattan_cf(2025)
    assert Decimal(second["pfs_facility_amount"]) == cms_fee(2026, 7, 95)  # (7 + 6.3) x ANES2026's $22.81


def test_asa_code_column_is_named_when_no_code_column_is_read(tmp_path: Path) -> None:
    source = tmp_path / "cases.csv"
    source.write_text(HEADER + CASES)
    done = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv")])
    assert done.exit_code == 2, done.output
    assert "no code column" in done.output
    assert "If 'ASA Code' holds the codes, add --columns code='ASA Code'." in " ".join(done.output.split())
    assert "Traceback" not in done.output


def test_asa_code_beside_a_surgical_cpt_column_is_named_on_stderr(tmp_path: Path) -> None:
    source, target = tmp_path / "cases.csv", tmp_path / "out.csv"
    source.write_text("Case Number,Anesthesia Date,ASA Code,CPT,Mod1,Base Units,Minutes,POS,Facility Zip\n"
                      "C1,06/01/2026,01402,27447,AA,7,95,22,10001\n")  # fmt: skip
    done = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    said = " ".join(done.output.split())
    assert "code ← CPT is the code priced; 'ASA Code' is not read" in said
    assert "--columns code='ASA Code'" in said
    assert "Traceback" not in done.output
    read = runner.invoke(app, ["batch", str(source), "-o", str(target), "--columns", "code=ASA Code"])
    assert read.exit_code == 0, read.output
    [row] = csv.DictReader(target.open())
    assert Decimal(row["pfs_facility_amount"]) == cms_fee(2026, 7, 95)


def test_a_date_of_service_column_beside_it_is_the_one_read(tmp_path: Path) -> None:
    """'DOS' beside 'Anesthesia Date': the date of service is read, as beside a surgery or exam date (a review)."""
    source, target = tmp_path / "cases.csv", tmp_path / "out.csv"
    source.write_text("Case Number,DOS,Anesthesia Date,CPT,Mod1,Base Units,Minutes,POS,Facility Zip\n"
                      "C1,11/20/2025,01/05/2026,00790,AA,7,95,22,10001\n")  # fmt: skip
    done = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    assert done.exit_code == 0, done.output
    assert "date ← DOS" in done.output
    [row] = csv.DictReader(target.open())
    assert Decimal(row["pfs_facility_amount"]) == cms_fee(2025, 7, 95)
