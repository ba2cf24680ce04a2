"""An encounter of DME items alone (a sleep practice's DME trial: a CPAP set-up, `price E0601-RR-KH A7030-NU A7035-NU
A7038-NU A7034 --zip 15213`): the table named the fees' total under Site "Office", column "Professional", beside an
HOPD "not priced ... add Addendum B" and an ASC "not payable", each reason said again for every line, and the lines
under empty "Office", "Facility", "OPPS" and "ASC" columns, where the single code (E0601-RR) has the "Who is paid"
table (``tests/test_price_dme_supplier_sites.py``). The encounter now has it too; JSON keeps its sites. The left-out
line's reason names its code once ("A7034: A7034: ..." before). Amounts are CMS's DMEPOS26_JAN PA non-rural fees."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.cli.tables import dollars

CMS = Path("/work/shared/cms/2026/dmepos_2026q1/DMEPOS26_JAN.xlsx")
ARGS = ("E0601-RR-KH", "A7030-NU", "A7038-NU", "A7034", "--units", "1", "--units", "1", "--units", "2", "--units", "1",
        "--zip", "15213", "--date", "2026-02-10")  # fmt: skip


def _pa_fee(code: str, modifier: str) -> Decimal:
    """CMS's DMEPOS26_JAN non-rural PA fee of the code's row with this modifier (no second modifier)."""
    import openpyxl

    book = openpyxl.load_workbook(CMS, read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    header = next(n for n, row in enumerate(rows) if row[0] == "HCPCS")
    names = rows[header]
    found: list[dict[str, Any]] = [dict(zip(names, row, strict=True)) for row in rows[header + 1 :] if row[0] == code]
    [row] = [row for row in found if row["Mod"] == modifier and not row["Mod2"]]
    return Decimal(str(row["PA (NR)"])).quantize(Decimal("0.01"))


def _run(*args: str) -> tuple[int, str]:
    done = CliRunner().invoke(app, ["price", *args])
    return done.exit_code, done.stdout


def test_a_dme_encounter_is_the_supplier_s_and_the_hospital_and_asc_do_not_apply() -> None:
    expected = _pa_fee("E0601", "RR") + _pa_fee("A7030", "NU") + 2 * _pa_fee("A7038", "NU")  # A7034: no NU, left out
    code, data = _run(*ARGS, "--format", "json")
    assert code == 0, data
    result = json.loads(data)
    assert Decimal(str(result["totals"]["office"]["total"])) == expected  # JSON unchanged: its sites and totals
    assert {"hopd", "asc"} <= set(result["totals"])
    code, text = _run(*ARGS)
    assert code == 0, text
    flat = " ".join(text.split())
    supplier = next(line for line in text.splitlines() if "DMEPOS supplier" in line and "$" in line)
    assert dollars(expected) in supplier
    assert "Who is paid" in text and "Encounter totals by site" not in text
    assert "Professional" not in text and "Addendum B with" not in text and "OPPS" not in text.split("Who is paid")[0]
    assert "do not apply: E0601, A7030, A7038, A7034 are DMEPOS items" in flat
    assert "A7034: the DMEPOS fee schedule prices it by modifier, give one of: NU" in flat
    assert "A7034: A7034:" not in flat
    # "Not paid under the PFS: paid from the DMEPOS fee schedule" once for the lines, not once a line
    assert flat.count("paid from the DMEPOS fee schedule") == 1


def test_an_encounter_with_a_physician_s_code_keeps_its_sites() -> None:
    code, text = _run("99214", "E0601-RR-KH", "--zip", "15213", "--date", "2026-02-10")
    assert code == 0, text
    assert "Encounter totals by site" in text and "Office" in text and "Who is paid" not in text
