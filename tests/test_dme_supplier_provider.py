"""A DMEPOS supplier's rows in a practice's export (an endocrinology trial that also supplies diabetic DME: 'Rendering
Credential' DME on E2103-NU-KX, A4239-KX, E0784-RR-KH, J1817 ...): each was noted "Provider 'DME' not read as a
practitioner ... NP (FNP, CRNP ...) 85% ..." and counted on stderr as naming no practitioner, though no practitioner
type changes a DMEPOS fee or an ASP limit. A supplier's cell ('DME', 'DME Supplier', 'DMEPOS') is read as a blank one:
the run's --provider, no note, none counted; the amounts are CMS's DMEPOS26_JAN and ASP fees as before."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.batch.lines import provider_of
from rvucalc.cli import app

CMS = Path("/work/shared/cms/2026")


def _az_fee(code: str, modifiers: set[str]) -> Decimal:
    """CMS's DMEPOS26_JAN non-rural Arizona fee of the code's row with these modifiers (Mod, Mod2)."""
    import openpyxl

    book = openpyxl.load_workbook(CMS / "dmepos_2026q1" / "DMEPOS26_JAN.xlsx", read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    header = next(n for n, row in enumerate(rows) if row[0] == "HCPCS")
    names = rows[header]
    found = [dict(zip(names, row, strict=True)) for row in rows[header + 1 :] if row[0] == code]
    [row] = [row for row in found if {row["Mod"], row["Mod2"]} - {None, ""} == modifiers]
    return Decimal(str(row["AZ (NR)"])).quantize(Decimal("0.01"))


def _asp_limit(code: str) -> Decimal:
    """CMS's January 2026 ASP payment limit per billing unit."""
    name = "section 508 version of January 2026 Medicare Part B Payment Limit File 121725.csv"
    with (CMS / "asp_2026q1" / name).open(newline="", encoding="latin-1") as handle:
        return next(Decimal(row[3]) for row in csv.reader(handle) if row and row[0] == code)


@pytest.mark.parametrize("cell", ["DME", "dme", "DME Supplier", "DMEPOS", "Durable Medical Equipment"])
def test_a_dme_supplier_cell_is_read_as_blank(cell: str) -> None:
    assert provider_of(cell) is None


def test_the_trial_s_supplier_rows_are_priced_at_cms_s_fees_without_an_unread_provider_note(tmp_path: Path) -> None:
    source = tmp_path / "endo-dme.csv"
    source.write_text(
        "Claim ID,DOS,POS,CPT Code,Mod 1,Mod 2,Units,Rendering Credential,Svc Loc Zip\n"
        "D1,01/05/2026,12,E2103,NU,KX,1,DME,85016\n"
        "D1,01/05/2026,12,A4239,KX,,3,DME,85016\n"
        "D2,01/20/2026,12,E0784,RR,KH,1,DME Supplier,85006\n"
        "D2,01/20/2026,12,J1817,,,60,DME Supplier,85006\n"
    )
    out = tmp_path / "out.csv"
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--summary", "-"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["unread_provider"] == 0
    rows = list(csv.DictReader(out.open()))
    assert all("not read as a practitioner" not in row["note"] for row in rows), rows
    expected = [_az_fee("E2103", {"NU"}), 3 * _az_fee("A4239", set()), _az_fee("E0784", {"RR"}),
                (60 * _asp_limit("J1817")).quantize(Decimal("0.01"))]  # fmt: skip
    assert [Decimal(row["allowed"]) for row in rows] == expected


def test_price_refuses_a_dme_supplier_as_provider_naming_what_it_takes() -> None:
    """Batch reads a supplier's 'DME' cell as blank; price's --provider DME is no practitioner either, and is refused
    with why, naming what it takes (a review: it had lost them, "--provider 'dme': choose physician, np ..."; the
    reason: test_price_provider_no_practitioner_reason)."""
    done = CliRunner().invoke(app, ["price", "99213", "--zip", "80210", "--setting", "11", "--provider", "DME"])
    assert done.exit_code == 2, done.output
    assert "--provider 'DME'" in done.output and "a credential or CMS specialty code" in done.output
