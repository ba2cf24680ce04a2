"""An NP's, PA's, CNS's or clinical social worker's line of outpatient therapy at the hospital outpatient department
(engine.therapists.hospital_therapy_practitioner).

A review: `rvucalc price 92507-GN --provider np --setting 22 --zip 10001 --date 2025-11-03` paid the hospital $71.17
("NP billing under own number: 85%: $83.73 -> $71.17"). At POS 19 or 22 the therapy line is the hospital's, paid under
the PFS (Claims Processing Manual ch. 5 §10.1) the line's non-facility amount whoever furnished it; the NPP's 85% (42
CFR 414.56(c), 414.52) and a CSW's 75% (414.53) are of their own services on their own claims. So the line is priced
as the hospital's: CMS's fee schedule amount (``_cms_fee``: CMS's RVU and GPCI files; CMS's own payment file's
institutional therapy amounts, PFAL25A), in price and batch alike; the office line (POS 11) keeps the 85%.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from conftest import SITE_MEASURES
from rvucalc.batch.price import BatchPricer, Scenario
from rvucalc.cli import app
from rvucalc.engine.hopd_therapy import HOPD_THERAPY_NOTE
from rvucalc.engine.therapists import hospital_therapy_note
from rvucalc.lookup.pricer import Pricer
from test_batch_provider_column import _85_percent, _cms_fee, _money
from test_cms_payment_files import THERAPY_ROWS

ZIP, DATE = "10001", "2025-11-03"
runner = CliRunner()


def _price_json(*arguments: str) -> dict[str, Any]:
    done = runner.invoke(app, ["price", *arguments, "--zip", ZIP, "--date", DATE, "-f", "json"])
    assert done.exit_code == 0, done.output
    found: dict[str, Any] = json.loads(done.stdout)
    return found


@pytest.mark.parametrize("provider", ["np", "pa", "cns", "csw"])
@pytest.mark.parametrize("setting", ["22", "19", "hopd"])
@pytest.mark.parametrize("code", ["92507-GN", "92610"])  # multiple procedure indicator 5; PC/TC 7 alone
def test_the_hospital_is_paid_cms_s_fee_whoever_furnished_the_therapy(
    pricer: Pricer, provider: str, setting: str, code: str
) -> None:  # fmt: skip
    fee = _cms_fee(pricer, code.split("-")[0], ZIP, 2025)["non_facility"]  # 92507: $83.73, 92610: $93.69
    doc = _price_json(code, "--provider", provider, "--setting", setting)
    [site] = doc["sites"]
    assert site["setting"] == "hopd" and _money(site["total"]) == _money(site["facility_payment"]) == fee  # was 85%
    assert site["professional_payment"] is None
    assert _money(site["beneficiary"]) == (fee * Decimal("0.2")).quantize(Decimal("0.01"))
    assert hospital_therapy_note(provider) in doc["notes"] and HOPD_THERAPY_NOTE in doc["notes"]
    steps = [step["rule"] for setting_ in ("non_facility", "facility") for step in doc["pfs"][setting_]["adjustments"]]
    assert not [rule for rule in steps if "85%" in rule or "75%" in rule], steps


def test_the_review_s_line_is_83_73_and_the_office_s_keeps_85_percent(pricer: Pricer) -> None:
    fee = _cms_fee(pricer, "92507", ZIP, 2025)["non_facility"]
    assert fee == Decimal("83.73")
    [hopd] = _price_json("92507-GN", "--provider", "np", "--setting", "22")["sites"]
    [office] = _price_json("92507-GN", "--provider", "np", "--setting", "11")["sites"]
    assert _money(hopd["total"]) == fee and _money(office["total"]) == _85_percent(fee) == Decimal("71.17")


@pytest.mark.parametrize(("file_name", "fields"), THERAPY_ROWS)
def test_an_np_s_hospital_therapy_is_cms_s_institutional_amount(pricer: Pricer, file_name: str, fields: Any) -> None:
    """CMS's payment file (PFAL25A, PF25PC layout): the first unit the non-facility fee, a later one the '50% Therapy
    Reduction Amount ... in an institutional setting' (97110 in Alabama: $26.83 + $20.79), an NP's line as anyone's."""
    locality = fields[1] + fields[2]
    expected = Decimal(fields[5]) + Decimal(fields[12])
    [hopd] = pricer.price(fields[3], locality=locality, date_of_service=dt.date(2025, 1, 15), units=2, setting="22",
                          provider="np").sites  # fmt: skip
    assert (hopd.total, hopd.facility_payment, hopd.professional_payment) == (expected, expected, None)
    table = pa.table({"code": [fields[3]], "modifier": ["GP"], "locality": [locality], "date": ["2025-01-15"],
                      "units": ["2"], "setting": ["22"], "provider": ["NP"]})  # fmt: skip
    [row] = BatchPricer(pricer).price_table(table).to_pylist()
    assert _money(row["hopd_allowed"]) == _money(row["allowed"]) == expected, row["note"]


ENCOUNTER = [("92507", "GN", 1), ("97110", "GP", 2), ("92610", "", 1)]


def _batch(pricer: Pricer, setting: str, provider: str | None, run_provider: str = "physician") -> list[dict[str, Any]]:
    columns: dict[str, list[str]] = {
        "claim": ["C1"] * len(ENCOUNTER), "code": [c for c, _, _ in ENCOUNTER],
        "modifier": [m for _, m, _ in ENCOUNTER], "date": [DATE] * len(ENCOUNTER),
        "setting": [setting] * len(ENCOUNTER), "zip": [ZIP] * len(ENCOUNTER),
        "units": [str(u) for _, _, u in ENCOUNTER],
    }  # fmt: skip
    if provider is not None:
        columns["provider"] = [provider] * len(ENCOUNTER)
    pricing = BatchPricer(pricer, scenario=Scenario(provider=run_provider))
    rows: list[dict[str, Any]] = pricing.price_table(pa.table(columns)).to_pylist()
    return rows


@pytest.mark.parametrize(("cell", "run"), [("NP", "physician"), (None, "np"), ("LCSW", "physician")])
@pytest.mark.parametrize("setting", ["22", "11"])
def test_price_and_batch_agree_on_a_practitioner_s_therapy_encounter(
    pricer: Pricer, cell: str | None, run: str, setting: str
) -> None:  # fmt: skip
    """The differential: each line's money and notes, and the encounter's total, price's as batch's (its claim)."""
    provider = run if cell is None else {"NP": "np", "LCSW": "csw"}[cell]
    single = pricer.price_encounter([f"{c}-{m}" if m else c for c, m, _ in ENCOUNTER], zip_code=ZIP,
                                    date_of_service=DATE, units=[u for _, _, u in ENCOUNTER], setting=setting,
                                    provider=provider)  # fmt: skip
    rows = _batch(pricer, setting, cell, run)
    site = "hopd" if setting == "22" else "office"
    for line, row in zip(single.lines, rows, strict=True):
        [there] = line.sites
        assert row["error"] == "", row
        for measure, attribute in SITE_MEASURES.items():
            assert _money(row[measure]) == _money(getattr(there, attribute)), (line.code, measure)
            assert _money(row[f"{site}_{measure}"]) == _money(getattr(there, attribute)), (line.code, measure)
        said = hospital_therapy_note(provider)
        assert (said in line.notes) is (said in row["note"]) is (setting == "22"), row["note"]
    total = sum((_money(row["allowed"]) or Decimal(0) for row in rows), Decimal(0))
    assert total == single.totals[site].total
    fees = [_cms_fee(pricer, c, ZIP, 2025)["non_facility"] for c, _, _ in ENCOUNTER]
    if setting == "22":  # the hospital's: CMS's fees (97110's two units reduced: not one of CMS's whole fees)
        assert single.lines[0].sites[0].total == fees[0] and single.lines[2].sites[0].total == fees[2]
    else:  # the practitioner's own claim: 85% (75% for a CSW, as AJ prices it)
        share = Decimal("0.75") if provider == "csw" else Decimal("0.85")
        assert single.lines[0].sites[0].total == (fees[0] * share).quantize(Decimal("0.01"))


def test_the_review_s_batch_row_and_its_claim_total(tmp_path: Path, pricer: Pricer) -> None:
    """The review's row `C1,92507,GN,2025-11-03,22,10001,1,NP` (a provider column), beside the NP's office row."""
    source = tmp_path / "np.csv"
    source.write_text("claim,code,modifier,date,setting,zip,units,provider\n"
                      "C1,92507,GN,2025-11-03,22,10001,1,NP\nC2,92507,GN,2025-11-03,11,10001,1,NP\n")  # fmt: skip
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["batch", str(source), "-o", str(out), "--summary", "-"])
    assert result.exit_code == 0, result.output
    hospital, office = list(csv.DictReader(out.open()))
    fee = _cms_fee(pricer, "92507", ZIP, 2025)["non_facility"]
    assert _money(hospital["allowed"]) == _money(hospital["hopd_allowed"]) == fee  # was $71.17
    assert _money(office["allowed"]) == _85_percent(fee)
    summary = json.loads(result.stdout)
    assert _money(summary["claims"]["C1"]["allowed"]) == fee
    assert _money(summary["totals"]["hopd"]["allowed"]) == fee
