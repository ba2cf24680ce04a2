"""A GI group's ASC bill (837I-derived: 'Bill Type' 831, 'Rev Code', 'HCPCS') priced by the patient's ZIP ('Pt Zip'), as
a trial ran it: the ASC rate is wage-adjusted by where the ASC is (42 CFR 416.172(c); the OPPS rate likewise, 42 CFR
419.43(c)), but each row took its patient's area, one ASC's 45380-PT paid two rates, while stderr spoke of the PFS
locality alone. The amounts stay as the ZIP gives them; stderr says the facility's rate is its own area's too.

CMS's money: Addendum AA July 2026's 45380 rate x (0.5 x the CY2026 ASC wage index (WI26) of the CBSA + 0.5)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app

DATA = Path(__file__).resolve().parents[1] / "data" / "opps" / "2026"


def _cms(code: str, cbsa: str) -> Decimal:
    rate = next(Decimal(row[6]) for row in csv.reader((DATA / "asc" / "07" / "AA.csv").open(encoding="utf-8-sig"))
                if row and row[0] == code)  # fmt: skip
    index = next(Decimal(row[2]) for row in csv.reader((DATA / "asc_wage_index_2026.csv").open(encoding="latin-1"))
                 if row and row[0] == cbsa)  # fmt: skip
    return (rate * (Decimal("0.5") * index + Decimal("0.5"))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_an_asc_bill_priced_by_the_patient_s_zip_says_the_facility_s_rate_is_its_area_s(
    isolated_cache: Path, tmp_path: Path
) -> None:
    source = tmp_path / "asc.csv"
    source.write_text("Claim ID,Bill Type,Svc Date,Rev Code,HCPCS,Mod 1,Units,Pt Zip,Charge\n"
                      "ASC1,831,08/04/2026,0490,45380,PT,1,26505,3200.00\n"
                      "ASC1,831,08/04/2026,0250,,,1,26505,85.00\n"
                      "ASC2,831,08/04/2026,0490,45380,PT,1,15213,3200.00\n")  # fmt: skip
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    morgantown, _, pittsburgh = csv.DictReader(out.open())
    assert Decimal(morgantown["asc_rate"]) == _cms("45380", "34060") == Decimal("594.16")
    assert Decimal(pittsburgh["asc_rate"]) == _cms("45380", "38300") == Decimal("606.28")
    [said] = [line for line in result.stderr.splitlines() if "zip ← Pt Zip, the patient's" in line]
    assert "ASC's own rate" in said and "416.172(c)" in said and "not where its patient lives" in said


def test_a_file_with_no_place_of_service_is_not_told_of_facility_rates(isolated_cache: Path, tmp_path: Path) -> None:
    """Without a setting column no hospital or ASC rate is the row's: the PFS locality's words alone, as before."""
    source = tmp_path / "visits.csv"
    source.write_text("CPT,DOS,Pt Zip\n99213,08/04/2026,15213\n")
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv")])
    [said] = [line for line in result.stderr.splitlines() if "zip ← Pt Zip, the patient's" in line]
    assert "ASC's own rate" not in said
