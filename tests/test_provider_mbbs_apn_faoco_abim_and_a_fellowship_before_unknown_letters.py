"""Credentials that each left a whole provider column unread, its NP's and PA's lines priced at a physician's 100%:
the MBBS (a licensed international medical graduate's medical degree: a physician, 42 CFR 410.20(b)(1), SSA POMS HI
00401.295), New Jersey's APN (an Advanced Practice Nurse, its NPs' and CNSs' title: read as APRN is, an NP's 85%, 42
CFR 414.56(c)), the American Osteopathic College of Ophthalmology's fellowship (FAOCO) and the American Board of
Internal Medicine's Diplomate ('MD, Diplomate ABIM') beside the license, and a known fellowship before letters rvucalc
does not know ('SMITH, JO MD, FACMS, FXYZ': that row priced as the run's --provider with its note, as 'MD, FXYZ' is).
Amounts: RVU26C x Ohio's 2026 GPCIs x the CF (cms_fees)."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app
from rvucalc.lookup.credentials import credentials_after_names, credentials_alone, provider_of

OHIO = "1520200"  # ZIP 43215's locality (CMS's ZIP5 file)
DAY = "2026-08-03"
runner = CliRunner()


def _85_percent(fee: Decimal) -> Decimal:
    return (fee * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP)


@pytest.mark.parametrize(
    ("cell", "provider"),
    [("MBBS", "physician"), ("SHAH, RAVI MBBS", "physician"), ("MBBS, MD", "physician"), ("APN", "np"),
     ("LEE, KIM APN", "np"), ("RN, APN", "np"), ("APN-C", "np"), ("APN-CNS", "cns"), ("CNM, APN", "cnm"),
     ("APN, CRNA", "crna"), ("DO, FAOCO", "physician"), ("NGUYEN, TOM DO, FAOCO", "physician"),
     ("MD, Diplomate ABIM", "physician"), ("CHEN, DAVID MD, Diplomate ABIM", "physician"), ("MD, ABIM", "physician")],
)  # fmt: skip
def test_the_credential_is_read(cell: str, provider: str) -> None:
    assert provider_of(cell) == provider


def test_a_column_of_them_is_read() -> None:
    assert credentials_alone(["MBBS", "APN", "PA-C", "DO, FAOCO", "MD, Diplomate ABIM", "Diplomate ABIM"])
    assert credentials_after_names(["SMITH, JO MD, FACMS, FXYZ", "REED, TINA PA-C"])


def test_the_credentials_in_a_rendering_provider_column_price_each_line_as_its_practitioner_s(tmp_path: Path) -> None:
    source, out = tmp_path / "visits.csv", tmp_path / "out.csv"
    source.write_text(
        "Claim ID,Service Date,Procedure Code,Units,POS,Rendering Provider\n"
        '600101,08/03/2026,99213,1,11,"REED, TINA PA-C"\n'
        '600102,08/03/2026,99213,1,11,"SHAH, RAVI MBBS"\n'
        '600103,08/03/2026,99213,1,11,"LEE, KIM APN"\n'
        '600104,08/03/2026,92014,1,11,"NGUYEN, TOM DO, FAOCO"\n'
        '600105,08/03/2026,99213,1,11,"CHEN, DAVID MD, Diplomate ABIM"\n'
        '600106,08/03/2026,99213,1,11,"SMITH, JO MD, FACMS, FXYZ"\n'
    )
    done = runner.invoke(app, ["batch", str(source), "--zip", "43215", "-o", str(out)])
    assert done.exit_code == 0, done.output
    assert "provider ← Rendering Provider" in done.stderr
    assert "1 row whose provider cell names no practitioner" in done.stderr
    pa, mbbs, apn, faoco, abim, unknown = csv.DictReader(out.open())
    visit = fee_2026("99213", OHIO)
    assert Decimal(pa["allowed"]) == Decimal(apn["allowed"]) == _85_percent(visit), (pa, apn)
    assert Decimal(mbbs["allowed"]) == Decimal(abim["allowed"]) == visit, (mbbs, abim)
    assert Decimal(faoco["allowed"]) == fee_2026("92014", OHIO), faoco
    # the unknown letters' row: priced as the run's --provider (a physician's), with its note
    assert Decimal(unknown["allowed"]) == visit, unknown
    assert "'SMITH, JO MD, FACMS, FXYZ' not read as a practitioner" in unknown["note"], unknown


@pytest.mark.parametrize(("provider", "share"), [("APN", "0.85"), ("MBBS", "1"), ("MD, Diplomate ABIM", "1")])
def test_price_provider_reads_them(provider: str, share: str) -> None:
    command = ["price", "99213", "--zip", "43215", "--date", DAY, "--provider", provider, "--setting", "11"]
    done = runner.invoke(app, [*command, "-f", "json"])
    assert done.exit_code == 0, done.output
    amount = Decimal(str(json.loads(done.stdout)["pfs"]["non_facility"]["amount"]))
    assert amount == (fee_2026("99213", OHIO) * Decimal(share)).quantize(Decimal("0.01"), ROUND_HALF_UP)
