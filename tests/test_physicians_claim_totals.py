"""An encounter's Professional (its totals' ``professional_payment``) is the physician's claim there, as batch's
``professional_allowed`` is: in the office the whole allowed amount (a drug furnished there is on the physician's
claim), at a hospital each line's PFS facility amount, a line the hospital does not bill under its code too. A trial
found the office's Professional leave out J3301's $2.96 ($574.48 beside a Total of $577.44, batch 577.44) and the
hospital's leave out 27096-50's $122.10 (SI B) beside 77003-26 ($27.27, batch 149.37). The Total stays the site's."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()


def _batch_professional(lines: list[tuple[str, int]], date: str, pos: str) -> Decimal:
    source = "claim,code,date,pos,zip,units\n" + "".join(f"A,{code},{date},{pos},30309,{units}\n"
                                                        for code, units in lines)  # fmt: skip
    result = runner.invoke(app, ["batch", "-", "-f", "csv", "-q"], input=source)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    return sum((Decimal(row["professional_allowed"]) for row in rows if row["professional_allowed"]), Decimal("0"))


@pytest.mark.parametrize(
    ("lines", "date", "setting", "pos"),
    [
        ([("99214-25", 1), ("64493-50", 1), ("64494-50", 1), ("J3301", 4)], "2026-08-10", "office", "11"),
        ([("27096-50", 1), ("77003-26", 1)], "2025-11-10", "hopd", "22"),
    ],
)
def test_the_professional_total_is_the_physicians_claim_as_batchs_professional_allowed(
    pricer: Any, lines: list[tuple[str, int]], date: str, setting: str, pos: str
) -> None:
    encounter = pricer.price_encounter([code for code, _ in lines], units=[units for _, units in lines],
                                       zip_code="30309", date_of_service=date, setting=setting)  # fmt: skip
    total = encounter.totals[setting]
    if setting == "office":  # everything billed in the office, the drug's ASP amount too, is the physician's claim
        drug = next(line for line in encounter.lines if line.code == "J3301")
        # and the drug's line says so too (a review: its professional_payment was null in JSON)
        assert drug.drug is not None and drug.sites[0].total
        assert drug.sites[0].professional_payment == drug.sites[0].total
        assert total.professional_payment == sum(line.sites[0].professional_payment for line in encounter.lines)
        assert total.professional_payment == total.total
    else:  # each line's PFS facility amount, the one the hospital does not bill under its code (SI B) too
        assert total.professional_payment == sum(line.pfs.facility.amount for line in encounter.lines)
        assert total.total == encounter.lines[1].pfs.facility.amount  # the Total as documented: 27096 apart from it
    assert total.professional_payment == _batch_professional(lines, date, pos)
