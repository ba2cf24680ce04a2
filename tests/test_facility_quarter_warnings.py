"""An OPPS or ASC quarter's warning ("CMS's ASC addenda quarterly release for 2026-11-10 (2026-10) is not installed")
on a line the file gives no rate: a pulmonology trial's CPAP rental (E0601-RR-KJ, POS 12, WA) was told of the ASC
addenda, which never pay DMEPOS (42 CFR 416.164, 416.166). `price` and batch drop it alike from a DME item's, a lab's
or a drug's line with no rate from that file, and keep it where the file gives the line a rate."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.reference.loaders import schedules as loaders

runner = CliRunner()
DMEPOS_FILE = Path(__file__).parent / "data" / "quirks" / "dmepos26_jan_header_row7_nr_r_per_state.xlsx"
CMS_ASC_AA_2026Q3 = "/work/shared/cms/2026/asc_20260701/AA.csv"
CMS_ASC_BB_2026Q3 = "/work/shared/cms/2026/asc_20260701/BB.csv"
ASC_QUARTER = "CMS's ASC addenda quarterly release for 2026-11-10 (2026-10) is not installed"
OPPS_QUARTER = "CMS's OPPS Addendum B quarterly release for 2025-05-10 (2025-04) is not installed"
DMEPOS_QUARTER = "CMS's DMEPOS fee schedule quarterly release for 2026-11-10 (2026-10) is not installed"


def _asc_row(path: str, code: str) -> list[str]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return next(row for row in csv.reader(handle) if row and row[0] == code)


def _batch(tmp_path: Path, rows: list[dict[str, str]]) -> list[dict[str, str]]:
    source, target = tmp_path / "claims.csv", tmp_path / "out.csv"
    with source.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    done = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    assert done.exit_code == 0, done.output
    return list(csv.DictReader(target.open()))


def _price(*args: str, exit_code: int = 0) -> dict[str, Any]:
    done = runner.invoke(app, ["price", *args, "-f", "json"])
    assert done.exit_code == exit_code, done.output
    shown: dict[str, Any] = json.loads(done.stdout)
    return shown


def _row(claim: str, code: str, mods: tuple[str, str], day: str, pos: str, zip_code: str, state: str) -> dict[str, str]:
    return {"Claim ID": claim, "Date of Service": day, "CPT/HCPCS": code, "Mod 1": mods[0], "Mod 2": mods[1],
            "Units": "1", "POS": pos, "Patient ZIP": zip_code, "Patient State": state}  # fmt: skip


def test_a_cpap_rental_row_is_not_told_of_the_asc_quarter(tmp_path: Path) -> None:
    """E0601-RR-KJ on 11/10/2026 in Seattle: the DMEPOS fee (WA non-rural RR $50.44, KJ 75%: $37.83) and the DMEPOS
    quarter's warning, not the ASC addenda's, in batch and `price` alike; a lab's row neither; an ASC-priced row
    (31231, AA: P2) and a drug's row the ASC addenda list (J1100, BB: N1, $0.00) keep the ASC warning."""
    _, fees = loaders.load_dmepos(DMEPOS_FILE, "DMEPOS")
    [fee] = fees[(fees["hcpcs"] == "E0601") & (fees["mod"] == "RR") & (fees["state"] == "WA")].to_dict("records")
    rental = (Decimal(int(fee["nr_cents"])) * 75 / 100).scaleb(-2).quantize(Decimal("0.01"))
    assert Decimal(int(fee["nr_cents"])).scaleb(-2) == Decimal("50.44") and rental == Decimal("37.83")
    assert _asc_row(CMS_ASC_AA_2026Q3, "31231")[4] == "P2" and _asc_row(CMS_ASC_BB_2026Q3, "J1100")[4] == "N1"
    day = "11/10/2026"
    cpap, lab, scope, drug = _batch(tmp_path, [
        _row("PUL1009", "E0601", ("RR", "KJ"), day, "12", "98104", "WA"),
        _row("PUL1010", "80053", ("", ""), day, "81", "98104", "WA"),
        _row("PUL1011", "31231", ("", ""), day, "24", "98104", "WA"),
        _row("PUL1012", "J1100", ("", ""), day, "11", "98104", "WA"),
    ])  # fmt: skip
    assert Decimal(cpap["dmepos_amount"]) == rental and cpap["asc_rate"] == ""
    assert ASC_QUARTER not in cpap["note"] + cpap["comparison_note"] and DMEPOS_QUARTER in cpap["note"], cpap["note"]
    assert lab["clfs_amount"] and lab["asc_rate"] == "" and ASC_QUARTER not in lab["note"] + lab["comparison_note"], lab
    assert scope["asc_rate"] and ASC_QUARTER in scope["note"], scope["note"]
    assert drug["drug_amount"] and Decimal(drug["asc_rate"]) == 0, drug
    # At POS 11 the ASC's quarter is the asc_* comparison's (comparison_note), not the office row's own note
    assert ASC_QUARTER in drug["comparison_note"] and ASC_QUARTER not in drug["note"], drug
    single = _price("E0601-RR-KJ", "--zip", "98104", "--date", "2026-11-10", "--setting", "12")
    assert Decimal(str(single["dmepos"]["amount"])) == rental
    assert not any(ASC_QUARTER in warning for warning in single["warnings"]), single["warnings"]
    assert any(DMEPOS_QUARTER in warning for warning in single["warnings"])
    for code, setting, kept in (("80053", "81", False), ("31231", "24", True), ("J1100", "11", True)):
        warnings = _price(code, "--zip", "98104", "--date", "2026-11-10", "--setting", setting)["warnings"]
        assert any(ASC_QUARTER in warning for warning in warnings) == kept, (code, warnings)


def test_a_dme_row_is_not_told_of_the_opps_quarter(tmp_path: Path) -> None:
    """On 2025-05-10 the OPPS quarter in force (2025-04) is not installed: a DME item's row, which Addendum B gives no
    rate (E0601: SI Y, paid under the DMEPOS fee schedule), is not told of it; a hospital-priced row (31231) is."""
    cpap, scope = _batch(tmp_path, [
        _row("PUL2001", "E0601", ("RR", ""), "05/10/2025", "12", "98104", "WA"),
        _row("PUL2002", "31231", ("", ""), "05/10/2025", "22", "98104", "WA"),
    ])  # fmt: skip
    assert cpap["opps_rate"] == "" and OPPS_QUARTER not in cpap["note"], cpap["note"]
    assert scope["opps_rate"] and OPPS_QUARTER in scope["note"], scope["note"]
    # no DMEPOS file of 2025: not priced (exit 1), its note says why, and no OPPS quarter is said
    single = _price("E0601-RR", "--zip", "98104", "--date", "2025-05-10", "--setting", "12", exit_code=1)
    assert any("DMEPOS CY2025 not installed" in note for note in single["notes"])
    assert not any(OPPS_QUARTER in warning for warning in single["warnings"]), single["warnings"]
    hospital = _price("31231", "--zip", "98104", "--date", "2025-05-10", "--setting", "22")
    assert any(OPPS_QUARTER in warning for warning in hospital["warnings"])
