"""Digital mental health treatment's management time is monthly: G0553 "First 20 minutes of monthly treatment management
services", G0554 "Each additional 20 minutes of monthly treatment management services" (CY2025 PFS final rule; Noridian
JF, "Understanding Digital Mental Health Treatments"; CMS's RVU file: G0554 global ZZZ). A behavioral health trial's
claim of G0553 on 04/01/2025 and G0554 on 04/29/2025 (Chicago, POS 11) had G0554 priced with no word only where both
lines shared a date, and a G0554 on its own claim was told Medicare pays an add-on "by the same practitioner on the same
date" and that rvucalc has no list of its primaries. G0554 is a calendar-month add-on of G0553 now: the claim's G0553
of the month is its primary, a lone G0554 names G0553 and the month, never "the same date". Amounts are CMS's own,
unchanged by the note."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine.add_ons import without_primary_note
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _money, office_fee

PLACE = {"zip": "60614", "setting": "11"}


def _batch(pricer: Pricer, rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    return BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()


def test_g0554_finds_g0553_in_the_claim_s_month_and_alone_names_it(pricer: Pricer) -> None:
    rows = _batch(pricer, [
        {"claim": "BH25-0022", "date": "2025-04-01", "code": "G0553", **PLACE},
        {"claim": "BH25-0022", "date": "2025-04-29", "code": "G0554", **PLACE},
        {"claim": "BH25-0023", "date": "2025-04-29", "code": "G0554", **PLACE},
        {"claim": "BH25-0024", "date": "2025-05-02", "code": "G0554", **PLACE},
        {"claim": "BH25-0024", "date": "2025-04-01", "code": "G0553", **PLACE},
    ])  # fmt: skip
    assert "add-on code" not in rows[1]["note"], rows[1]["note"]
    for row in rows[2:4]:
        assert without_primary_note("G0554", True) in row["note"].split("; "), row["note"]
        assert "same date" not in row["note"] and "base service of the same calendar month (G0553" in row["note"]
    fee = office_fee(pricer, "G0554", {"zip_code": "60614", "date_of_service": "2025-04-29", "setting": "11"})
    assert [_money(row["allowed"]) for row in rows[1:4]] == [fee, fee, fee]


def test_a_lone_g0554_in_price_names_g0553_and_the_month(pricer: Pricer) -> None:
    result = pricer.price("G0554", zip_code="60614", date_of_service="2025-04-29", setting="11")
    said = [note for note in result.notes if "add-on code" in note]
    assert said == [without_primary_note("G0554", True)] and "same date" not in said[0]
    together = pricer.price_encounter(["G0553", "G0554"], zip_code="60614", date_of_service="2025-04-29", setting="11")
    assert not [note for line in together.lines for note in line.notes if "add-on code" in note]
    done = CliRunner().invoke(app, ["price", "G0554", "--zip", "60614", "--date", "2025-04-29", "-f", "json"])
    assert done.exit_code == 0 and "G0553" in done.stdout, done.output
