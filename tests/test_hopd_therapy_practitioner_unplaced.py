"""An NP's, PA's, CNS's or CSW's therapy line with no place given: its HOPD site is the hospital's line.

A review: `rvucalc price 92507-GN --provider np --zip 10001 --date 2025-11-03` (all settings shown) gave the hospital
outpatient row $71.17, the NP's 85%, while `--setting 22` (and `--setting hopd`) gives the hospital's full PFS amount
($83.73: the hospital bills its outpatients' therapy and is paid under the PFS whoever furnished it, Claims Processing
Manual ch. 5 §10.1; engine.therapists.hospital_therapy_practitioner). The all-settings HOPD row is now --setting hopd's,
the office row the practitioner's own claim (85%, 75% for a CSW), in price and in batch (a blank setting cell's
hopd_* columns) alike: compared with CMS's fee schedule amounts (``_cms_fee``: CMS's RVU and GPCI files).
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from conftest import SITE_MEASURES
from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine.therapists import hospital_therapy_note
from rvucalc.lookup.pricer import Pricer
from test_batch_provider_column import _85_percent, _cms_fee, _money
from test_hopd_therapy_practitioner import DATE, ZIP, _price_json

runner = CliRunner()


def _site(doc: dict[str, Any], name: str) -> dict[str, Any]:
    found: dict[str, Any] = next(site for site in doc["sites"] if site["setting"] == name)
    return found


def test_the_review_s_line_shows_the_hospital_s_83_73_beside_the_np_s_71_17(pricer: Pricer) -> None:
    fee = _cms_fee(pricer, "92507", ZIP, 2025)["non_facility"]
    assert fee == Decimal("83.73")
    doc = _price_json("92507-GN", "--provider", "np")
    hopd, office = _site(doc, "hopd"), _site(doc, "office")
    assert _money(hopd["total"]) == _money(hopd["facility_payment"]) == fee  # was $71.17
    assert _money(hopd["beneficiary"]) == Decimal("16.75") and hopd["professional_payment"] is None
    assert _money(office["total"]) == _85_percent(fee) == Decimal("71.17")  # the NP's own claim: unchanged
    assert hospital_therapy_note("np") in doc["notes"]


@pytest.mark.parametrize("provider", ["np", "pa", "cns", "csw"])
@pytest.mark.parametrize("code", ["92507-GN", "92610"])
def test_the_all_settings_hopd_row_is_setting_hopd_s(pricer: Pricer, provider: str, code: str) -> None:
    fee = _cms_fee(pricer, code.split("-")[0], ZIP, 2025)["non_facility"]  # 92507: $83.73, 92610: $93.69
    every = _site(_price_json(code, "--provider", provider), "hopd")
    [alone] = _price_json(code, "--provider", provider, "--setting", "hopd")["sites"]
    assert every == alone
    assert _money(every["total"]) == fee


ENCOUNTER = [("92507", "GN", 1), ("97110", "GP", 2), ("92610", "", 1)]


@pytest.mark.parametrize(("cell", "provider"), [("NP", "np"), ("LCSW", "csw")])
def test_price_and_batch_agree_with_no_setting(pricer: Pricer, cell: str, provider: str) -> None:
    """The differential: each line's HOPD money and the hospital note, price's (all settings, and --setting hopd)
    as batch's blank setting row's hopd_* columns (one claim: the encounter's therapy reduction on 97110)."""
    codes = [f"{c}-{m}" if m else c for c, m, _ in ENCOUNTER]
    units = [u for _, _, u in ENCOUNTER]
    every = pricer.price_encounter(codes, zip_code=ZIP, date_of_service=DATE, units=units, provider=provider)
    there = pricer.price_encounter(codes, zip_code=ZIP, date_of_service=DATE, units=units, provider=provider,
                                   setting="hopd")  # fmt: skip
    columns = {"claim": ["C1"] * 3, "code": [c for c, _, _ in ENCOUNTER], "modifier": [m for _, m, _ in ENCOUNTER],
               "date": [DATE] * 3, "setting": [""] * 3, "zip": [ZIP] * 3, "units": [str(u) for u in units],
               "provider": [cell] * 3}  # fmt: skip
    rows = BatchPricer(pricer).price_table(pa.table(columns)).to_pylist()
    for line, hopd_line, row in zip(every.lines, there.lines, rows, strict=True):
        hopd = next(site for site in line.sites if site.setting == "hopd")
        office = next(site for site in line.sites if site.setting == "office")
        assert hopd == hopd_line.sites[0], line.code
        assert row["error"] == "", row
        for measure, attribute in SITE_MEASURES.items():
            assert _money(row[f"hopd_{measure}"]) == _money(getattr(hopd, attribute)), (line.code, measure)
            assert _money(row[f"office_{measure}"]) == _money(getattr(office, attribute)), (line.code, measure)
        said = hospital_therapy_note(provider)
        assert said in line.notes and said in row["note"], row["note"]
    assert every.totals["hopd"].total == there.totals["hopd"].total
    fees = [_cms_fee(pricer, c, ZIP, 2025)["non_facility"] for c, _, _ in ENCOUNTER]
    assert _money(rows[0]["hopd_allowed"]) == fees[0] and _money(rows[2]["hopd_allowed"]) == fees[2]


def test_the_batch_row_with_a_blank_setting(tmp_path: Path, pricer: Pricer) -> None:
    """The review's line as a batch row with a blank setting cell, beside the same row at POS 22 and at POS 11."""
    source = tmp_path / "np.csv"
    source.write_text("claim,code,modifier,date,setting,zip,units,provider\n"
                      "C1,92507,GN,2025-11-03,,10001,1,NP\nC2,92507,GN,2025-11-03,22,10001,1,NP\n"
                      "C3,92507,GN,2025-11-03,11,10001,1,NP\n")  # fmt: skip
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["batch", str(source), "-o", str(out), "--summary", "-"])
    assert result.exit_code == 0, result.output
    blank, hospital, office = list(csv.DictReader(out.open()))
    fee = _cms_fee(pricer, "92507", ZIP, 2025)["non_facility"]
    assert _money(blank["hopd_allowed"]) == _money(hospital["hopd_allowed"]) == fee  # was $71.17
    assert _money(office["hopd_allowed"]) == fee  # the comparison's hospital column: the hospital's line too
    assert _money(blank["office_allowed"]) == _money(office["allowed"]) == _85_percent(fee)
    assert hospital_therapy_note("np") in blank["note"] and hospital_therapy_note("np") not in office["note"]
