"""An OB/GYN group's coder's trial (Phoenix, POS 11, 21, 22, 24).

A well-woman visit billed 99397 (a preventive medicine E/M: RVU file status N, not covered by Medicare) with the
screening pelvic examination G0101 and the Pap specimen collection Q0091: the office total is G0101's and Q0091's and
leaves 99397 out. Its reason said "... The others are paid: 99397: No PFS payment ..." (a sentence made of a '; '
clause by the notes sweep), as if 99397 were the line paid. The labels of a total's left-out lines now end with the
clause that names them (``engine.facility.UNPAID_ALONE`` and its siblings), so the list reads as what is left out."""

from __future__ import annotations

from decimal import Decimal

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.facility import (
    OFFICE_PRICED_APART,
    OFFICE_REFUSED_ALONE,
    PHYSICIAN_UNPAID_ALONE,
    UNPAID_ALONE,
)
from rvucalc.lookup.pricer import Pricer

runner = CliRunner()


def test_a_total_names_its_left_out_lines_as_left_out_not_as_paid(pricer: Pricer) -> None:
    encounter = pricer.price_encounter(
        ["99397", "G0101", "Q0091"], zip_code="85013", date_of_service="2026-08-05", setting="11"
    )
    visit, pelvic, pap = encounter.lines
    assert visit.pfs.status == "N" and not visit.pfs.non_facility.payable  # CMS's RVU file: non-covered
    office = encounter.totals["office"]
    # the total is the other lines' office amounts (each the RVU file's row at Arizona's GPCIs)
    amounts = [line.pfs.non_facility.amount for line in (pelvic, pap)]
    assert all(isinstance(amount, Decimal) for amount in amounts)
    assert office.total == sum(amounts, Decimal(0))
    assert office.reason is not None and office.reason.startswith(f"{UNPAID_ALONE}: 99397: No PFS payment")
    for label in (UNPAID_ALONE, OFFICE_PRICED_APART, OFFICE_REFUSED_ALONE, PHYSICIAN_UNPAID_ALONE):
        assert "others are paid" not in label and label[-1] not in ".;", label
        assert label[0].isupper() and ". " not in label.replace("...", ""), label  # one sentence, then the lines
    shown = runner.invoke(app, ["price", "99397", "G0101", "Q0091", "--zip", "85013", "--date", "2026-08-05",
                                "--setting", "11"])  # fmt: skip
    assert shown.exit_code == 0
    said = " ".join(shown.output.split())
    assert "The others are paid" not in said and "says which): 99397: No PFS payment" in said, said
