"""ASC wording (money unchanged). A code Addendum EE lists (excluded from payment in ASCs) and no other installed
schedule lists was refused as "not in the fee schedule" (C9784 in 2026: no 2026 OPPS file installed, the PFS does not
list it): it is on CMS's ASC tables, and its line says why the ASC is not paid. A bilateral code refused with 50 at
the ASC points to its two sides' lines (Claims Processing Manual ch. 14 §40.5: a bilateral procedure is two
procedures at the ASC). Price and batch alike."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer

runner = CliRunner()
WHERE = ["--zip", "10001", "--date", "2026-08-03"]


def test_a_code_excluded_from_ascs_is_said_so_not_unknown(pricer: Pricer) -> None:
    store = pricer.store(next(r for r in pricer.catalogue.releases("asc") if r.release == "2026-07"))
    assert store.asc("ee", "C9784") is not None  # CMS's Addendum EE, July 2026
    done = runner.invoke(app, ["price", "C9784", "--setting", "asc", *WHERE])
    said = " ".join(done.stderr.split())
    assert "not in the 2026 fee schedule" not in said
    assert "C9784 is excluded from payment in ASCs (Addendum EE, 2026-07)" in said, said
    line = "code,zip,pos,date\nC9784,10001,24,2026-08-03\n"
    (row,) = json.loads(runner.invoke(app, ["batch", "-", "-q", "--format", "json"], input=line).stdout)
    assert row["error"] == "" and row["allowed"] is None
    assert "C9784 is excluded from payment in ASCs (Addendum EE, 2026-07)" in row["note"], row


def test_a_bilateral_refusal_at_the_asc_points_to_the_sides_lines() -> None:
    done = runner.invoke(app, ["price", "0449T-50", "--setting", "asc", *WHERE])
    assert done.exit_code != 0
    said = " ".join(done.stderr.split())
    assert "0449T-LT 0449T-RT" in said and "ch. 14 §40.5" in said, said
    sides = runner.invoke(app, ["price", "0449T-LT", "0449T-RT", "--setting", "asc", *WHERE])
    assert sides.exit_code == 0, sides.output
    line = "code,zip,pos,date\n0449T-50,10001,24,2026-08-03\n"
    (row,) = json.loads(runner.invoke(app, ["batch", "-", "-q", "--format", "json"], input=line).stdout)
    assert "0449T-LT 0449T-RT" in row["error"] and row["error"] in said
