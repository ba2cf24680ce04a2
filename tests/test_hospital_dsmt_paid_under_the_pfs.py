"""A hospital's diabetes self-management training (G0108, G0109 at POS 22 or 19) is paid under the PFS, not the OPPS
(Claims Processing Manual ch. 18 §120.1: "Hospitals subject to OPPS MPFS 12X, 13X"; Addendum B: SI A): the line's PFS
non-facility amount (its RVU rows' facility 'NA'), the patient 20% (no preventive waiver), no professional fee, as a
hospital's therapy line (engine.hopd_therapy). A cardiopulmonary rehabilitation and nutrition program's trial: its
accredited DSMT program's G0108 x 4 at POS 22 had no amount in any site at the hospital and was left out of the
totals ("Not priced in the facility setting: CMS marks its PE RVU 'NA'")."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from conftest import run_batch_rows
from rvucalc.cli import app
from rvucalc.engine.hopd_therapy import HOPD_DSMT_NOTE, HOPD_THERAPY_NOTE
from test_imaging_order import fee, once

ZIP = "15213"  # Pittsburgh: Rest of Pennsylvania, carrier 12502 locality 99
REST_OF_PENNSYLVANIA = ("12502", "99", "99")
DATE_2025 = "2025-11-05"  # RVU25D and October 2025's Addendum B (G0108, G0109: SI A) in force
DATE_2026 = "2026-03-10"  # no CY2026 Addendum B installed: October 2025's decides


def cms_fee(code: str, date: str) -> Decimal:
    """CMS's non-facility fee schedule amount of the code at the place (RVU file x GPCIs x CF, rounded once)."""
    return fee(2025, REST_OF_PENNSYLVANIA, code) if date == DATE_2025 else fee_2026(code, "1250299")


def _price(code: str, units: int, setting: str, date: str) -> dict:
    done = CliRunner().invoke(app, ["price", code, "--units", str(units), "--zip", ZIP, "--date", date,
                                    "--setting", setting, "-f", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    found: dict = json.loads(done.stdout)
    return found


@pytest.mark.parametrize("date", [DATE_2025, DATE_2026])
@pytest.mark.parametrize(("code", "units", "setting"), [("G0108", 4, "22"), ("G0109", 3, "19")])
def test_a_hospital_s_dsmt_line_is_paid_the_pfs_non_facility_amount(code: str, units: int, setting: str,
                                                                      date: str) -> None:  # fmt: skip
    line = _price(code, units, setting, date)
    [hopd] = line["sites"]
    amount = units * cms_fee(code, date)
    assert hopd["setting"] == "hopd" and hopd["payable"]
    assert Decimal(str(hopd["facility_payment"])) == amount and hopd["professional_payment"] is None
    assert Decimal(str(hopd["allowed"])) == amount
    assert Decimal(str(hopd["beneficiary"])) == once(amount * Decimal("0.20"))  # DSMT keeps its coinsurance
    assert HOPD_DSMT_NOTE in line["notes"] and HOPD_THERAPY_NOTE not in line["notes"]
    if date == DATE_2026:  # why no CY2026 OPPS rate: DSMT, not "a therapy code", and no file to install
        assert "diabetes self-management training, is paid to the hospital under the PFS" in line["opps"]["reason"]


def test_batch_prices_the_hospital_s_dsmt_rows_as_price_does(tmp_path: Path) -> None:
    """The program's claim file (RD LDN credentials, POS 22): the rows' hospital amounts are price's, in the totals;
    the PFS facility setting's 'NA' reason is not said beside them; the office's row is unchanged."""
    rows = [{"Claim ID": claim, "CPT/HCPCS": code, "Units": str(units), "Place of Service": pos, "Service ZIP": ZIP,
             "Service Date": date, "Credentials": "RD LDN"}
            for claim, code, units, pos, date in (("DS-1", "G0108", 4, "22", DATE_2025),
                                                  ("DS-1", "G0109", 3, "22", DATE_2025),
                                                  ("DS-2", "G0108", 2, "19", DATE_2026),
                                                  ("DS-3", "G0108", 2, "11", DATE_2025))]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    for row in out[:3]:
        date, units = row["Service Date"], int(row["Units"])
        line = _price(row["CPT/HCPCS"], units, row["Place of Service"], date)
        [hopd] = line["sites"]
        assert Decimal(row["allowed"]) == units * cms_fee(row["CPT/HCPCS"], date) == Decimal(str(hopd["allowed"]))
        assert Decimal(row["beneficiary"]) == Decimal(str(hopd["beneficiary"]))
        assert Decimal(row["medicare"]) == Decimal(str(hopd["medicare"]))
        assert row["professional_allowed"] == "" and row["in_totals"] == "true"
        assert HOPD_DSMT_NOTE in row["note"] and HOPD_THERAPY_NOTE not in row["note"]
        assert "Not priced in the facility setting" not in row["note"]
    office = out[3]
    assert Decimal(office["allowed"]) == 2 * cms_fee("G0108", DATE_2025) and HOPD_DSMT_NOTE not in office["note"]


@pytest.mark.parametrize(("provider", "credential"), [("np", "FNP-C"), ("pa", "PA-C")])
def test_an_npp_s_dsmt_line_at_the_hospital_is_the_hospital_s_full_amount(tmp_path: Path, provider: str,
                                                                          credential: str) -> None:  # fmt: skip
    """The hospital's program is paid the line's PFS amount (ch. 18 §120.1) whoever of its staff taught, as its
    therapy line is (engine.therapists.hospital_therapy_practitioner): an NP's or PA's G0108 at POS 22 was paid the
    hospital 85% of it, beside the note saying no professional fee; with no place given, the hospital site is the
    hospital's line, the office's the NPP's 85%. Price and batch alike."""
    amount = 2 * cms_fee("G0108", DATE_2025)
    for setting in ("22", None):
        args = ["price", "G0108", "--units", "2", "--zip", ZIP, "--date", DATE_2025, "--provider", provider, "-f",
                "json"] + ([] if setting is None else ["--setting", setting])  # fmt: skip
        done = CliRunner().invoke(app, args)
        assert done.exit_code == 0, done.output
        line = json.loads(done.stdout)
        sites = {site["setting"]: site for site in line["sites"]}
        assert Decimal(str(sites["hopd"]["allowed"])) == amount
        assert Decimal(str(sites["hopd"]["beneficiary"])) == once(amount * Decimal("0.20"))
        assert any("line of diabetes self-management training at the hospital" in note for note in line["notes"])
        if setting is None:
            assert Decimal(str(sites["office"]["allowed"])) < amount  # the NPP's own claim: 85%
    rows = [{"Claim ID": f"N-{pos or 'none'}", "CPT/HCPCS": "G0108", "Units": "2", "Place of Service": pos,
             "Service ZIP": ZIP, "Service Date": DATE_2025, "Credentials": credential}
            for pos in ("22", "")]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    at_hospital, unplaced = out
    assert Decimal(at_hospital["allowed"]) == amount and Decimal(unplaced["hopd_allowed"]) == amount
    assert Decimal(at_hospital["beneficiary"]) == once(amount * Decimal("0.20"))
    for row in out:
        assert "line of diabetes self-management training at the hospital" in row["note"]
        assert "line of outpatient therapy" not in row["note"]


def test_a_maryland_hospital_s_dsmt_is_the_waiver_s_not_the_pfs_s(tmp_path: Path) -> None:
    """Ch. 18 §120.1's same table pays "Maryland Hospitals under jurisdiction of the Health Services Cost Review
    Commission" for DSMT "94% of provider submitted charges in accordance with the terms of the Maryland Waiver", not
    the MPFS: a Baltimore hospital's G0108 was priced the PFS non-facility amount. Not priced, the waiver's reason
    said, as a Maryland hospital's OPPS line; the practitioner's own office line keeps its PFS amount."""
    from rvucalc.engine.hospitals import MARYLAND_OPPS_REASON

    baltimore = "21201"
    for date in (DATE_2025, DATE_2026):
        done = CliRunner().invoke(app, ["price", "G0108", "--units", "2", "--zip", baltimore, "--date", date,
                                        "--setting", "22", "-f", "json"])  # fmt: skip
        assert done.exit_code in (0, 1), done.output
        line = json.loads(done.stdout)
        [hopd] = line["sites"]
        assert not hopd["payable"] and hopd["allowed"] is None and hopd["reason"] == MARYLAND_OPPS_REASON
        assert HOPD_DSMT_NOTE not in line["notes"]
    rows = [{"Claim ID": f"MD-{n}", "CPT/HCPCS": "G0108", "Units": "2", "Place of Service": pos,
             "Service ZIP": baltimore, "Service Date": date, "Credentials": "RD"}
            for n, (pos, date) in enumerate((("22", DATE_2025), ("19", DATE_2026), ("11", DATE_2025)))]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    for row in out[:2]:
        assert row["allowed"] == "" and row["in_totals"] == "false", row
        assert MARYLAND_OPPS_REASON in row["note"] and HOPD_DSMT_NOTE not in row["note"]
    assert Decimal(out[2]["allowed"]) > 0 and out[2]["in_totals"] == "true"


def test_a_maryland_hospital_s_npp_dsmt_is_not_said_paid(tmp_path: Path) -> None:
    """A review's batch row A7 (ZIP 21201, POS 22, G0108 by an NP): not priced (the Maryland waiver, ch. 18 §120.1),
    yet its practitioner's note read "paid under the PFS ... the line's full amount". The note says the Maryland
    hospital is paid under the waiver, not priced here, price and batch alike; with no place given, the NP's own
    office line keeps CMS's fee at 85% and no hospital line is spoken of (price as batch)."""
    from rvucalc.engine.hospitals import MARYLAND_OPPS_REASON
    from rvucalc.engine.therapists import MARYLAND_DSMT_BILLED

    baltimore, said = "21201", "line of diabetes self-management training at the hospital"
    done = CliRunner().invoke(app, ["price", "G0108", "--zip", baltimore, "--date", DATE_2026, "--setting", "22",
                                    "--provider", "np", "-f", "json"])  # fmt: skip
    assert done.exit_code in (0, 1), done.output
    line = json.loads(done.stdout)
    [hopd] = line["sites"]
    assert not hopd["payable"] and hopd["reason"] == MARYLAND_OPPS_REASON
    [note] = [note for note in line["notes"] if said in note]
    assert MARYLAND_DSMT_BILLED in note and "paid under the PFS" not in note
    unplaced = CliRunner().invoke(app, ["price", "G0108", "--zip", baltimore, "--date", DATE_2026, "--provider",
                                        "np", "-f", "json"])  # fmt: skip
    assert unplaced.exit_code == 0, unplaced.output
    alone = json.loads(unplaced.stdout)
    office = next(site for site in alone["sites"] if site["setting"] == "office")
    assert Decimal(str(office["allowed"])) == once(fee_2026("G0108", "1230201") * Decimal("0.85"))
    rows = [{"Claim ID": f"A{n}", "CPT/HCPCS": "G0108", "Units": "1", "Place of Service": pos,
             "Service ZIP": baltimore, "Service Date": DATE_2026, "Credentials": "NP"}
            for n, pos in ((7, "22"), (8, ""))]  # fmt: skip
    batch, (at_hospital, elsewhere) = run_batch_rows(tmp_path, rows)
    assert batch.exit_code == 0, batch.output
    assert at_hospital["allowed"] == "" and at_hospital["in_totals"] == "false", at_hospital
    assert note in at_hospital["note"].split("; ") and "paid under the PFS" not in at_hospital["note"]
    assert Decimal(elsewhere["office_allowed"]) == Decimal(str(office["allowed"]))
    assert [n for n in elsewhere["note"].split("; ") if said in n] == [n for n in alone["notes"] if said in n] == []
