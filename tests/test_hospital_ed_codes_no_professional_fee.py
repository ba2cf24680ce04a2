"""An emergency medicine trial: the hospital's own ED and observation codes at POS 23 read as if the physician's fee
were missing. `price 99285 G0390 --zip 37203 --date 2025-11-10 --setting 23` said "G0390: Professional fee not
included: No PFS payment: status X", and G0384 (a Type B ED's level 5 visit) alike, where G0463 (the hospital's clinic
visit) says nothing: these are the hospital's codes, on its claim (G0380-G0384 and G0390 created for it by the CY2007
OPPS final rule, CMS-1506-FC; G0378/G0379, observation, Claims Processing Manual ch. 4 §290), status X in the RVU file
(no PFS payment) and paid by Addendum B. The physician bills 99281-99285 and 99291/99292 there. Batch, which drops the
PFS's reason at a hospital row for such a code, now says why the row has no physician's fee (G0463's row, before, had
"Paid amount not compared: ... (the notes say why)" and no note saying why)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from conftest import run_batch_rows
from rvucalc.paths import data_dir
from test_cardiology_trial import rvu_row

DATE, NASHVILLE = "2025-11-10", "37203"
ADDENDUM_B_OCTOBER_2025 = ("opps", "2025", "508 version of October 2025 Web Addendum B.10.31.25.csv")
HOSPITAL_CODES = ("G0380", "G0381", "G0382", "G0383", "G0384", "G0390", "G0379")


def _addendum_b(code: str) -> list[str]:
    with data_dir().joinpath(*ADDENDUM_B_OCTOBER_2025).open(newline="", encoding="latin-1") as handle:
        return next(row for row in csv.reader(handle) if row and row[0] == code)


def test_the_cms_rows_behind_the_case() -> None:
    """Status X in both PFS releases (no PFS payment); paid by the OPPS (Type B visits J2, APCs 5031-5035; trauma
    activation S, APC 5045; G0378 packaged)."""
    for code in (*HOSPITAL_CODES, "G0378"):
        assert rvu_row("2025D", code)[3] == "X" and rvu_row("2026C", code)[3] == "X", code
    assert [_addendum_b(f"G038{level}")[2:4] for level in range(5)] == [["J2", f"503{level + 1}"] for level in range(5)]
    assert _addendum_b("G0390")[2:4] == ["S", "5045"] and _addendum_b("G0378")[2] == "N"


@pytest.mark.parametrize("code", HOSPITAL_CODES)
def test_the_hospital_site_leaves_out_no_professional_fee(pricer: Any, code: str) -> None:
    result = pricer.price(code, zip_code=NASHVILLE, date_of_service=DATE)
    hopd = next(site for site in result.sites if site.setting == "hopd")
    assert hopd.payable and hopd.facility_payment is not None and hopd.professional_payment is None, hopd
    assert hopd.reason is None, hopd.reason  # was "Professional fee not included: No PFS payment: status X ..."
    office = next(site for site in result.sites if site.setting == "office")
    assert not office.payable and "status X" in (office.reason or "")  # the office keeps the PFS's reason


def test_the_encounter_total_is_unchanged(pricer: Any) -> None:
    """99285 (Addendum B $613.10) and G0390 ($1,323.17) at CBSA 34980's wage index 0.9359: x (0.6 x 0.9359 + 0.4)."""
    encounter = pricer.price_encounter(["99285", "G0390"], zip_code=NASHVILLE, date_of_service=DATE, setting="23")
    hopd = encounter.totals["hopd"]
    assert str(hopd.facility_payment) == "1861.80", hopd  # 589.52 + 1,272.28
    assert "Professional fee not included" not in (hopd.reason or ""), hopd.reason


def test_batch_names_the_physician_s_codes(tmp_path: Path) -> None:
    rows = [{"Claim ID": f"C{n}", "CPT": code, "DOS": DATE, "POS": "23", "ZIP": NASHVILLE, "Paid": "0"}
            for n, code in enumerate(("G0384", "G0390", "G0463", "99285"))]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows, "--paid-for", "professional")
    assert done.exit_code == 0 and len(out) == 4, done.output
    g0384, g0390, g0463, visit = out
    assert "G0384 is the facility's code (a Type B emergency department's level 5 visit)" in g0384["note"], g0384
    assert "the physician bills 99281-99285 (CY2007 OPPS final rule, CMS-1506-FC" in g0384["note"], g0384
    assert "the physician bills 99291/99292" in g0390["note"], g0390
    assert "the physician bills 99202-99215" in g0463["note"], g0463
    assert all("status X" not in row["note"] for row in (g0384, g0390, g0463))
    assert g0384["hopd_allowed"] == "388.36" and g0390["hopd_allowed"] == "1272.28", (g0384, g0390)
    assert visit["professional_allowed"] == "159.85" and "facility's code" not in visit["note"], visit
