"""A DME item in a territory CMS's DMEPOS file has no fee column for (Guam): payable, the DME MAC pricing it by
another state's fee, so "cannot be priced", never "not payable" (a DME supplier's trial: `price E0601-RR --state GU`
said "E0601-RR is not payable in any site"). Exit 1 still: no amount."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from rvucalc.cli import app


def test_a_state_without_a_dmepos_column_cannot_be_priced() -> None:
    done = CliRunner().invoke(app, ["price", "E0601-RR", "--state", "GU"])
    assert done.exit_code == 1
    assert "E0601-RR cannot be priced in any site" in done.stderr and "not payable" not in done.stderr
    assert "has no column for GU (Guam)" in done.stderr


def test_its_office_site_is_not_priced_in_json() -> None:
    done = CliRunner().invoke(app, ["price", "E0601-RR", "--state", "GU", "--format", "json"])
    office = next(site for site in json.loads(done.stdout)["sites"] if site["setting"] == "office")
    assert office["status"] == "not_priced"
