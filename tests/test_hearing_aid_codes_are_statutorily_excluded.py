"""Hearing aid codes (HCPCS V5008-V5298) are not covered: an ENT trial found `price V5261` (and V5010, and batch's
rows of both) "cannot be priced in any site: no fee schedule rvucalc has prices it (ask your MAC) ... codes like it are
paid from vision and hearing services", where CMS's RVU file gives them status N and OPPS Addendum B SI E1, and the
statute excludes hearing aids and examinations for them (Social Security Act §1862(a)(7), 42 CFR 411.15(d))."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.meanings import hearing_aid_exclusion_note

DATA = Path(__file__).resolve().parents[1] / "data"
RVU26C = DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv"
ADDENDUM_B = DATA / "opps/2025/508 version of October 2025 Web Addendum B.10.31.25.csv"


def _rvu_statuses() -> dict[str, str]:
    """CMS's RVU26C status of each V5 code."""
    with RVU26C.open(encoding="latin-1", newline="") as handle:
        return {row[0]: row[3] for row in csv.reader(handle) if row and row[0].startswith("V5") and not row[1]}


def _addendum_b_indicators() -> dict[str, str]:
    """CMS's October 2025 Addendum B status indicator of each V5 code."""
    with ADDENDUM_B.open(encoding="latin-1", newline="") as handle:
        return {row[0]: row[2] for row in csv.reader(handle) if row and row[0].startswith("V5")}


def test_cms_files_exclude_every_hearing_aid_code_but_v5299() -> None:
    statuses, indicators = _rvu_statuses(), _addendum_b_indicators()
    hearing = [code for code in statuses if code <= "V5298"]
    assert len(hearing) == 79 and all(statuses[code] == "N" and indicators[code] == "E1" for code in hearing)
    assert (statuses["V5299"], indicators["V5299"]) == ("R", "B")
    for code, status in statuses.items():  # the note exactly where CMS's files say excluded, and a hearing aid code
        assert (hearing_aid_exclusion_note(code, status) is not None) == (code in hearing), code


@pytest.mark.parametrize("code", ["V5261", "V5010"])
def test_price_calls_a_hearing_aid_not_covered_not_for_the_mac_to_price(code: str) -> None:
    assert _rvu_statuses()[code] == "N" and _addendum_b_indicators()[code] == "E1"
    done = CliRunner().invoke(app, ["price", code, "--zip", "55401", "--date", "2026-09-15"])
    assert done.exit_code == 1, done.output
    message = " ".join(done.stderr.split())
    assert f"{code} is not payable in any site." in message
    assert "excludes by statute (Social Security Act §1862(a)(7), 42 CFR 411.15(d))" in message
    assert "ask your MAC" not in message and "vision and hearing" not in message and "cannot be priced" not in message
    shown = CliRunner().invoke(app, ["price", code, "--zip", "55401", "--date", "2026-09-15", "-f", "json"])
    assert shown.exit_code == 1
    result = json.loads(shown.stdout)
    assert hearing_aid_exclusion_note(code, "N") in result["notes"]
    assert {site["setting"]: site["status"] for site in result["sites"]}["office"] == "not_payable"


def test_batch_says_the_trial_s_hearing_aid_rows_are_not_covered(tmp_path: Path) -> None:
    source, out, summary = tmp_path / "ent.csv", tmp_path / "out.csv", tmp_path / "summary.json"
    source.write_text(
        "Claim Number,Service Date (YYYY-MM-DD),Procedure,Qty,POS,Facility Zip,Rendering Credential\n"
        "ENT26007,2026-09-15,92557,1,11,55401,AuD\nENT26007,2026-09-15,V5010,1,11,55401,AuD\n"
        "ENT26007,2026-09-15,V5261,1,11,55401,AuD\n"
    )
    done = CliRunner().invoke(
        app, ["batch", str(source), "-o", str(out), "--columns", "code=Procedure", "--summary", str(summary)]
    )
    assert done.exit_code == 0, done.output
    rows = {row["Procedure"]: row for row in csv.DictReader(out.open())}
    for code in ("V5010", "V5261"):
        note = rows[code]["note"]
        assert note.startswith(hearing_aid_exclusion_note(code, "N") + "; "), note  # type: ignore[operator]
        assert "vision and hearing" not in note and "ask your MAC" not in note and not rows[code]["allowed"]
    assert json.loads(summary.read_text())["no_amount"] == 2
