"""A prolonged add-on beside the primary visit of another of Medicare's prolonged codes names that visit's code: each
G code's HCPCS descriptor lists its own primaries (G0317 "in addition to CPT codes 99306, 99310 for nursing facility
evaluation and management services", G0318 after 99345 or 99350, G2212 after 99205, 99215 or 99483: CY2021 and CY2023
PFS final rules). A post-acute physician group's trial billed 99310 + G2212 at POS 32 and was told only that "after
99345 or 99350 Medicare pays prolonged home or residence care time as G0318", and 99350 + G0317 at POS 13 nothing of
G0318. A note only: the add-on keeps CMS's amount, in price and batch alike."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.cli import app
from rvucalc.engine import visits
from rvucalc.lookup.pricer import Pricer
from test_physician_claims_at_facilities import pfs_amount

runner = CliRunner()
DATE, ZIP, REST_OF_PENNSYLVANIA = "2026-08-03", "15213", "1250299"

CASES = [  # (visit, add-on, POS, Medicare's prolonged code for the visit, the code the note must not name)
    ("99310", "G2212", "32", "G0317", "G0318"),
    ("99350", "G0317", "13", "G0318", None),
    ("99306", "G0318", "31", "G0317", None),
]


@pytest.mark.parametrize(("visit", "add_on", "setting", "instead", "not_named"), CASES)
def test_prolonged_add_on_beside_another_code_s_visit_names_that_code(
    tmp_path: Path, pricer: Pricer, visit: str, add_on: str, setting: str, instead: str, not_named: str | None
) -> None:
    note = visits.prolonged_without_primary_note(add_on, [instead])
    assert f"Medicare pays prolonged {visits.PROLONGED_KINDS[instead]} time as {instead} (" in note
    assert not_named is None or not_named not in note
    done = runner.invoke(
        app, ["price", visit, add_on, "--zip", ZIP, "--date", DATE, "--setting", setting, "-f", "json"]
    )
    assert done.exit_code == 0, done.output
    line = json.loads(done.stdout)["lines"][-1]
    assert note in line["notes"], line["notes"]
    site = "facility" if setting == "31" else "non_facility"
    fee = pfs_amount(pricer, add_on, "", site, DATE, REST_OF_PENNSYLVANIA)
    assert Decimal(str(line["pfs"][site]["amount"])) == fee
    batch, rows = run_batch_rows(tmp_path, [
        {"Visit ID": "V1", "Date of Service": "08/03/2026", "HCPCS": code, "Modifiers": "", "Units": "1",
         "POS": setting, "Facility ZIP": ZIP, "Rendering NPI": "1234567893", "Rendering Credential": "MD"}
        for code in (visit, add_on)])  # fmt: skip
    assert batch.exit_code == 0, batch.output
    assert note in rows[1]["note"].split("; "), rows[1]["note"]
    assert Decimal(rows[1][f"pfs_{site}_amount"]) == fee and Decimal(rows[1]["allowed"]) == fee


def test_g2212_with_no_visit_still_names_g0318() -> None:
    """Alone (no visit on the claim and date) G2212's note keeps its home-visit pointer (a hospice group's trial)."""
    assert visits.prolonged_without_primary_note("G2212") == visits.prolonged_without_primary_note("G2212", ["G0318"])
    assert "as G0318 (" in visits.prolonged_without_primary_note("G2212")
