"""A rural sole community hospital (``--hospital rural-sch``; the API's ``hospital``): the clinic visit at its
excepted off-campus department (G0463-PO) keeps the OPPS rate, not the PFS-equivalent 40% (CY2023 OPPS final rule;
CMS's OPPS Pricer, PerformApcAdjustments: "Don't Pay 40% of APC Rate Off Campus Clinic ... RuralSCH"), in price and
batch alike; without the option nothing changes. The 7.1% add-on (42 CFR 419.43(g); the Pricer's 1.071) is paid too
(engine.hospitals; tests/test_rural_sch_add_on.py).

CMS's figures: G0463's October 2025 Addendum B row (APC 5012, $128.870) and rural Nebraska's CY2025 wage index
(0.8639), ZIP 69001 (county 31145, in no CBSA), read from the shipped files."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.batch.price import BatchPricer, Scenario
from rvucalc.cli import app
from rvucalc.engine.hospitals import RURAL_SCH, RURAL_SCH_ADD_ON_NOTE, hospital_name
from rvucalc.errors import UsageError
from rvucalc.lookup.pricer import Pricer

DATA = Path(__file__).resolve().parents[1] / "data" / "opps" / "2025"
ADDENDUM_B = DATA / "508 version of October 2025 Web Addendum B.10.31.25.csv"
WAGE_INDEX = DATA / "asc_wage_index_2025.txt"
DAY = "2025-11-10"
RURAL_NEBRASKA = "69001"


def _opps_rate(code: str, cbsa: str, sch: bool = False) -> Decimal:
    """CMS's OPPS rate at the CBSA: Addendum B's national rate (at a rural SCH x 1.071, rounded to the cent: the OPPS
    Pricer's H-SCH-PYMT), 60% of it wage-adjusted, rounded half-up."""
    with ADDENDUM_B.open(encoding="latin-1", newline="") as handle:
        row = next(row for row in csv.reader(handle) if row and row[0] == code)
    national = Decimal(row[5].replace("$", "").replace(",", ""))
    if sch:
        national = (national * Decimal("1.071")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    wage = next(Decimal(line.split("\t")[-1]) for line in WAGE_INDEX.read_text(encoding="latin-1").splitlines()
                if line.split("\t")[0] == cbsa)  # fmt: skip
    return (national * (Decimal("0.6") * wage + Decimal("0.4"))).quantize(Decimal("0.01"), ROUND_HALF_UP)


def test_the_hospital_option_reads_rural_sch() -> None:
    assert hospital_name("rural-sch") == hospital_name("Rural SCH") == RURAL_SCH
    assert hospital_name(None) is hospital_name("") is None
    with pytest.raises(UsageError, match="choose rural-sch"):
        hospital_name("critical access")


def test_a_rural_sch_clinic_visit_keeps_the_opps_rate(pricer: Pricer) -> None:
    full = _opps_rate("G0463", "28", sch=True)  # $128.87 x 1.071 = $138.02, x (0.6 x 0.8639 + 0.4): $126.75
    sch = pricer.price("G0463-PO", zip_code=RURAL_NEBRASKA, date_of_service=DAY, hospital="rural-sch")
    assert sch.opps.rate == full and not sch.opps.adjustments
    hopd = next(site for site in sch.sites if site.setting == "hopd")
    assert hopd.facility_payment == full
    assert any("rural sole community hospital, exempt" in note for note in sch.opps.notes)
    assert RURAL_SCH_ADD_ON_NOTE in sch.notes
    # without the option: the site-neutral 40%, as before
    plain = pricer.price("G0463-PO", zip_code=RURAL_NEBRASKA, date_of_service=DAY)
    assert plain.opps.rate == Decimal("47.34") and plain.opps.rate < _opps_rate("G0463", "28") < full
    assert RURAL_SCH_ADD_ON_NOTE not in plain.notes


def test_the_add_on_note_is_not_on_lines_it_leaves_out(pricer: Pricer) -> None:
    """No note on a line the 7.1% does not reach: a PN line (section 603), a code the OPPS does not pay (99213, SI B),
    or at a setting that does not show the hospital."""
    for code, setting in (("G0463-PN", None), ("99213", None), ("45378", "office")):
        result = pricer.price(code, zip_code=RURAL_NEBRASKA, date_of_service=DAY, hospital="rural-sch", setting=setting)
        assert RURAL_SCH_ADD_ON_NOTE not in result.notes, code
    assert RURAL_SCH_ADD_ON_NOTE in pricer.price("45378", zip_code=RURAL_NEBRASKA, date_of_service=DAY,
                                                 hospital="rural-sch").notes  # fmt: skip


@pytest.mark.parametrize("hospital", [None, "rural-sch"])
def test_batch_agrees_with_price(pricer: Pricer, hospital: str | None) -> None:
    codes = ["G0463-PO", "G0463-PO", "45378", "45378-PN", "99213", "G0463-PO"]
    settings = ["hopd", "", "hopd", "hopd", "hopd", "office"]
    table = pa.table({"code": codes, "zip": [RURAL_NEBRASKA] * len(codes), "date": [DAY] * len(codes),
                      "setting": settings})  # fmt: skip
    rows = BatchPricer(pricer, Scenario.parse(hospital=hospital)).price_table(table).to_pylist()
    for code, setting, out in zip(codes, settings, rows, strict=True):
        single = pricer.price(code, zip_code=RURAL_NEBRASKA, date_of_service=DAY, hospital=hospital,
                              setting=setting or None)  # fmt: skip
        assert out["opps_rate"] == (single.opps.rate if single.opps.payable else None), (code, setting)
        hopd = next((site for site in single.sites if site.setting == "hopd"), None)
        if hopd is not None:
            assert out["hopd_allowed"] == (hopd.total if hopd.payable else None), (code, setting)
        assert (RURAL_SCH_ADD_ON_NOTE in out["note"]) == (RURAL_SCH_ADD_ON_NOTE in single.notes), (code, setting)


def test_the_cli_takes_hospital_in_price_and_batch(tmp_path: Path) -> None:
    runner = CliRunner()
    done = runner.invoke(app, ["price", "G0463-PO", "--zip", RURAL_NEBRASKA, "--date", DAY, "--hospital", "rural-sch",
                               "-f", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    assert Decimal(str(json.loads(done.stdout)["opps"]["rate"])) == _opps_rate("G0463", "28", sch=True)
    bad = runner.invoke(app, ["price", "G0463-PO", "--zip", RURAL_NEBRASKA, "--hospital", "cah"])
    assert bad.exit_code == 2 and "--hospital 'cah'" in bad.output
    rows = [{"code": "G0463", "modifier": "PO", "zip": RURAL_NEBRASKA, "date": DAY, "pos": "19"}]
    done, out = run_batch_rows(tmp_path, rows, "--hospital", "rural-sch")
    assert done.exit_code == 0, done.output
    assert (
        Decimal(out[0]["opps_rate"]) == _opps_rate("G0463", "28", sch=True) and RURAL_SCH_ADD_ON_NOTE in out[0]["note"]
    )
    done, out = run_batch_rows(tmp_path, rows)
    assert Decimal(out[0]["opps_rate"]) == Decimal("47.34")
