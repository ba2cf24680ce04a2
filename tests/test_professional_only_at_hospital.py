"""A professional component only code (the RVU file's PC/TC indicator 2) at the hospital, where Addendum B gives it SI
B or M: `price 77427 --zip 43210 --date 2025-11-14 --setting 22` read only "SI B: Not recognized by OPPS ... another
code may apply", and `price 93010 --zip 60611 --date 2025-06-20 --setting 23` "SI M: Not billable to the MAC". The
reason now keeps CMS's SI meaning and says the code is the physician's professional service, with no facility fee for
the hospital, naming the test's technical part Addendum B pays (93010's tracing 93005, SI Q1, APC 5733). Price and
batch alike (engine.facility_codes.professional_only_said).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()
DATA = Path(__file__).resolve().parents[1] / "data"
WHEN = ["--zip", "43210", "--date", "2025-11-14"]  # October 2025 Addendum B, RVU25D
PHYSICIAN_S = "is the physician's professional service (PC/TC indicator 2, professional component only)"
NO_FACILITY_FEE = "the hospital bills no facility fee for it"


def _addendum_b(code: str) -> list[str]:
    """CMS's October 2025 Addendum B row of ``code`` (HCPCS, descriptor, SI, APC, weight, rate ...)."""
    path = DATA / "opps/2025/508 version of October 2025 Web Addendum B.10.31.25.csv"
    with path.open(encoding="latin-1", newline="") as handle:
        return next(row for row in csv.reader(handle) if row and row[0] == code)


def _pctc(code: str) -> str:
    """The PC/TC indicator of ``code``'s RVU25D row without a modifier."""
    with (DATA / "rvu/2025/PPRRVU2025_Oct.csv").open(encoding="latin-1", newline="") as handle:
        return next(row for row in csv.reader(handle) if row and row[0] == code and row[1] == "")[13]


def _opps_reason(code: str, setting: str = "22") -> str:
    result = runner.invoke(app, ["price", code, *WHEN, "--setting", setting, "-f", "json"])
    assert result.exit_code == 0, result.output
    return str(json.loads(result.stdout)["opps"]["reason"])


def test_93010_names_its_tracing_93005_the_hospital_bills() -> None:
    # CMS's files: 93010 is PC/TC 2, SI M; its technical part 93005 (PC/TC 3) SI Q1, APC 5733
    assert _pctc("93010") == "2" and _addendum_b("93010")[2] == "M"
    assert _pctc("93005") == "3" and _addendum_b("93005")[2:4] == ["Q1", "5733"]
    reason = _opps_reason("93010", "23")
    assert reason.startswith("SI M: Not billable to the MAC")  # CMS's meaning kept
    assert f"93010 {PHYSICIAN_S}" in reason and NO_FACILITY_FEE in reason
    assert "technical part as 93005 (SI Q1, APC 5733): rvucalc price 93005" in reason
    assert "; " not in reason  # batch joins a row's notes with "; "


def test_77427_and_77263_are_the_physician_s_with_no_technical_code_named() -> None:
    for code in ("77427", "77263"):
        assert _pctc(code) == "2" and _addendum_b(code)[2] == "B"
        reason = _opps_reason(code)
        assert reason.startswith("SI B: Not recognized by OPPS") and "another code may apply" in reason
        assert f"{code} {PHYSICIAN_S}" in reason and NO_FACILITY_FEE in reason
        assert "technical part" not in reason


def test_99183_keeps_g0277_and_a_paid_professional_only_code_is_unchanged() -> None:
    assert _pctc("99183") == "2" and _addendum_b("99183")[2] == "B"
    reason = _opps_reason("99183")
    assert "the hospital bills G0277" in reason and PHYSICIAN_S not in reason
    # 77071 (PC/TC 2) Addendum B pays (SI Q1): no such reason
    assert _pctc("77071") == "2" and _addendum_b("77071")[2] == "Q1"
    data = json.loads(runner.invoke(app, ["price", "77071", *WHEN, "--setting", "22", "-f", "json"]).stdout)
    assert PHYSICIAN_S not in json.dumps(data)


def test_batch_says_it_as_price_does(tmp_path: Path) -> None:
    reasons = {code: _opps_reason(code, "23") for code in ("93010", "77427")}
    source, out = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text(
        "Claim #,DOS,POS,CPT,Units,Svc ZIP\nE1,11/14/2025,23,93010,1,43210\nR1,11/14/2025,23,77427,1,43210\n"
    )
    done = runner.invoke(app, ["batch", str(source), "-o", str(out), "--paid-for", "professional"])
    assert done.exit_code == 0, done.output
    rows = {row["CPT"]: row for row in csv.DictReader(out.open())}
    for code, reason in reasons.items():
        assert PHYSICIAN_S in reason and reason in rows[code]["note"], rows[code]["note"]
