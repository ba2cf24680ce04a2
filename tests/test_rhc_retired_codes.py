"""RHC/FQHC-only codes CMS retired (engine.meanings.ENDED_PAID_APART): G0511 billable only through September 2025
(the CY2025 PFS final rule's six months, which CMS kept it payable past), G0512 and G0071 through 2025 (CY2026 PFS
final rule); CMS's RVU26 files have none of them. After its end a code is not told it "is paid from the rate CMS sets
each year" (a trial's `price G0511 --date 2026-02-03`): it was deleted and the clinic bills the individual codes, in
price and batch alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer


@pytest.mark.parametrize(("code", "last", "instead"), [("G0511", "September 30, 2025", "care management codes"),
                                                      ("G0512", "December 31, 2025", "99492-99494"),
                                                      ("G0071", "December 31, 2025", "98016")])  # fmt: skip
def test_a_retired_clinic_code_after_its_end_is_said_deleted(
    pricer: Pricer, tmp_path: Path, code: str, last: str, instead: str
) -> None:
    store = pricer.store(next(r for r in pricer.catalogue.releases("pfs") if r.year == 2026))
    assert store.rvu(code, "") is None  # CMS's RVU26 file has no row of it
    done = CliRunner().invoke(app, ["price", code, "--date", "2026-02-03"])
    assert f"billed through {last}" in done.output and instead in done.output, done.output
    assert "the rate CMS sets each year" not in done.output
    _, rows = run_batch_rows(tmp_path, [{"CPT": code, "DOS": "02/03/2026", "POS": "11", "Zip": "10001"}])
    said = rows[0]["error"] + rows[0]["note"]
    assert f"billed through {last}" in said and instead in said and "the rate CMS sets each year" not in said, rows


def test_g0511_in_2025_is_paid_apart_and_its_end_said(tmp_path: Path) -> None:
    done = CliRunner().invoke(app, ["price", "G0511", "--date", "2025-03-03"])
    assert "the rate CMS sets each year" in done.output and "billed only through September 30, 2025" in done.output
    _, rows = run_batch_rows(tmp_path, [{"CPT": "G0511", "DOS": "03/03/2025", "POS": "11", "Zip": "10001"}])
    said = rows[0]["error"] + rows[0]["note"] + rows[0].get("reason", "")
    assert "the rate CMS sets each year" in said and "billed only through September 30, 2025" in said, rows
    done = CliRunner().invoke(app, ["price", "G0512", "--date", "2025-03-03"])
    assert "the rate CMS sets each year" in done.output and "billed" not in done.output


def test_g0511_of_august_2025_is_not_told_it_ended_june_30(tmp_path: Path) -> None:
    """An RHC's trial: G0511 on 08/12/2025 at POS 72 was told "It is billed only through June 30, 2025", the CY2025
    PFS final rule's six months; CMS kept it payable through September 30, 2025 (NARHC: "Effective October 1, 2025,
    G0511 is no longer payable"). Said alike in price and batch; no amount either way (the clinic's rate)."""
    done = CliRunner().invoke(app, ["price", "G0511", "--zip", "41701", "--setting", "72", "--date", "2025-08-12"])
    assert done.exit_code == 1, done.output
    assert "billed only through September 30, 2025" in done.output and "June 30" not in done.output, done.output
    _, rows = run_batch_rows(tmp_path, [{"CPT": "G0511", "DOS": "08/12/2025", "POS": "72", "Zip": "41701"}])
    said = rows[0]["error"] + rows[0]["note"]
    assert "billed only through September 30, 2025" in said and "June 30" not in said, rows
    assert rows[0]["allowed"] == "", rows
