"""A skin substitute's messages (a wound care trial). Q4186 (Epifix 1 sq cm: CMS's 2026 RVU file, status A, PC/TC
indicator 3, facility PE 'NA', global period ZZZ) at POS 31 was said to be "the facility's there, paid to the hospital
or ASC": at a SNF a resident's supplies in a covered Part A stay are the SNF's under consolidated billing. Billed alone
it was "an add-on code ... (CMS Transmittal 2636, CR 7501)": it is a supply (CY2026 PFS final rule), used with an
application procedure (15271-15278), which CMS's ZZZ refers to. Messages only: the amounts are unchanged."""

from __future__ import annotations

import csv
from typing import Any

import pyarrow as pa
from typer.testing import CliRunner

from conftest import TESTS
from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine.pfs import (
    SKIN_SUBSTITUTE_IN_FACILITY_REASON,
    TECHNICAL_ONLY_IN_FACILITY_REASON,
    technical_only_at_place_reason,
)

runner = CliRunner()
SHIPPED = TESTS.parent / "data"
SUPPLY = "Q4186 is a skin substitute, priced alone here: a skin substitute is paid as a supply"


def _rvu_row(code: str) -> list[str]:
    (path,) = (SHIPPED / "rvu" / "2026").glob("PPRRVU2026_Jul*.csv")
    with open(path, newline="", encoding="latin-1") as handle:
        return next(row for row in csv.reader(handle) if row and row[0] == code and row[1] == "")


def test_the_cms_row_behind_the_case() -> None:
    row = _rvu_row("Q4186")
    assert (row[3], row[9], row[13], row[14]) == ("A", "NA", "3", "ZZZ")  # status, facility NA, PC/TC, global


def test_at_a_snf_the_reason_names_consolidated_billing(pricer: Any) -> None:
    done = runner.invoke(app, ["price", "Q4186", "--zip", "33101", "--setting", "31"])
    said = " ".join(done.output.split())
    assert "SNF's under consolidated billing" in said and "paid to the hospital or ASC" not in said, said
    single = pricer.price("Q4186", zip_code="33101", setting="31")
    assert single.sites[0].reason == SKIN_SUBSTITUTE_IN_FACILITY_REASON and single.sites[0].allowed is None
    # 36593 (declot catheter: technical-only too, 'NA' in the facility) beside it in one run keeps its own reason.
    assert _rvu_row("36593")[13] == "3" and _rvu_row("36593")[9] == "NA"
    rows = [{"code": code, "zip": "33101", "setting": "31", "date": "2026-02-10", "units": "1"}
            for code in ("Q4186", "36593")]  # fmt: skip
    row, other = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert SKIN_SUBSTITUTE_IN_FACILITY_REASON in row["note"] and row["allowed"] is None, row["note"]
    # at a SNF, no hospital or ASC is paid it (engine.pfs.technical_only_at_place_reason)
    assert technical_only_at_place_reason(TECHNICAL_ONLY_IN_FACILITY_REASON, "31") in other["note"]
    assert SKIN_SUBSTITUTE_IN_FACILITY_REASON not in other["note"]


def test_alone_it_is_a_supply_not_an_add_on_code(pricer: Any) -> None:
    single = pricer.price("Q4186", zip_code="33101", setting="11")
    assert any(note.startswith(SUPPLY) for note in single.notes), single.notes
    assert not any("Transmittal 2636" in note for note in single.notes)
    rows = [{"code": "Q4186", "zip": "33101", "setting": "11", "date": "2026-02-10", "units": "1"}]
    (row,) = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert SUPPLY in row["note"] and "Transmittal 2636" not in row["note"]
    assert row["allowed"] == single.sites[0].allowed  # the amount as before
    # With its application procedure: no note.
    both = pricer.price_encounter(["15275", "Q4186"], zip_code="33101", setting="11")
    assert not any("skin substitute, " in note for line in both.lines for note in line.notes)


def _rvu_2025_status(code: str) -> str:
    with open(SHIPPED / "rvu" / "2025" / "PPRRVU2025_Oct.csv", newline="", encoding="latin-1") as handle:
        return next(row for row in csv.reader(handle) if row and row[0] == code and row[1] == "")[3]


def test_compare_says_the_2025_side_was_paid_outside_the_pfs_as_price_does(pricer: Any) -> None:
    """`compare Q4186 Q4101 --from 2025 --to 2026` said the 2025 office "not payable" for the PFS status's reason
    (Q4186 status X, Q4101 E in CMS's RVU25D) while `price Q4186 --date 2025-11-15` said the ASP file for 2025 is not
    installed and that before 2026 skin substitutes were paid as biologicals at the ASP payment limit."""
    from rvucalc.lookup.compare import compare

    assert (_rvu_2025_status("Q4186"), _rvu_2025_status("Q4101")) == ("X", "E")
    priced = runner.invoke(app, ["price", "Q4186", "--zip", "33136", "--date", "2025-11-15"])
    said_by_price = " ".join(priced.output.split())
    assert "ASP CY2025 not installed" in said_by_price, said_by_price
    result = compare(pricer, ["Q4186", "Q4101"], from_="2025", to="2026", zip_code="33136")
    for change in result.codes:
        office = change.amounts["non_facility"]
        assert not office.payable_before and office.payable_after
        reason = office.reason_before or ""
        assert reason.startswith(f"{change.code} was paid outside the PFS in 2025."), reason
        assert "ASP CY2025 not installed" in reason and "Statutory exclusion" not in reason
        assert "paid as biologicals at the ASP payment limit" in reason and "CMS-1832-F" in reason
        assert "Excluded from the PFS by regulation" not in reason
        assert office.reason_after is None
    table = runner.invoke(app, ["compare", "Q4186", "--from", "2025", "--to", "2026", "--zip", "33136"])
    said = " ".join(table.output.replace("│", " ").split())
    assert "status X: Statutory exclusion" not in said and "ASP CY2025 not installed" in said, said
