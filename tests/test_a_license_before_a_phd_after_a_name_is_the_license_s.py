"""A practitioner's one license before a PhD after their name ('SMITH, JOHN LCSW, PHD', 'JONES, AMY LMFT, PHD', 'LEE,
KIM NP, PHD', 'DOE, JAN PA-C, PHD') was read as a clinical psychologist's PhD, where the same credentials in a cell of
their own ('LCSW, PhD', 'PHD, LMFT') were read as the license: the NP's and PA's 99213 denied (a psychologist bills
no E/M visit) and the LCSW's 90834 paid a psychologist's 100% where a CSW's line is 75% (42 CFR 414.65; Claims
Processing Manual ch. 12 §150). Medicare's clinical psychologist holds a doctoral degree in psychology and is licensed
as a psychologist (42 CFR 410.71(d)): 'PhD' alone and 'PhD, LP' stay a psychologist's. Amounts: RVU26C x Ohio's 2026
GPCIs x the CF (cms_fees), an NP's or PA's 85%, a CSW's 75%."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app
from rvucalc.lookup.credentials import name_credential, provider_of

OHIO = "1520200"  # ZIP 43215's locality (CMS's ZIP5 file)
DAY = "2026-08-03"
runner = CliRunner()


def _share(fee: Decimal, share: str) -> Decimal:
    return (fee * Decimal(share)).quantize(Decimal("0.01"), ROUND_HALF_UP)


@pytest.mark.parametrize(
    ("cell", "provider", "said"),
    [("SMITH, JOHN LCSW, PHD", "csw", "LCSW"), ("JONES, AMY LMFT, PHD", "csw", "LMFT"),
     ("LEE, KIM NP, PHD", "np", "NP"), ("DOE, JAN PA-C, PHD", "pa", "PA-C"), ("Amy Jones, LMFT, PhD", "csw", "LMFT"),
],
)  # fmt: skip
def test_a_license_before_a_phd_after_a_name_is_read_as_the_license(cell: str, provider: str, said: str) -> None:
    assert provider_of(cell) == provider
    assert name_credential(cell) == said
    # as the same credentials in a cell of their own are read
    assert provider_of(f"{said}, PhD") == provider


@pytest.mark.parametrize("cell", ["SMITH, JANE PHD", "SMITH, JANE PHD, LP", "SMITH, JANE LP, PHD", "PhD", "PhD, LP",
                                  "PsyD", "ANH DO, PHD", "SMITH, JANE MA, PHD"])  # fmt: skip
def test_a_phd_alone_or_beside_a_psychologist_s_license_stays_a_psychologist_s(cell: str) -> None:
    assert provider_of(cell) == "psychologist"


@pytest.mark.parametrize(
    ("cell", "provider"), [("SMITH, JOHN LCSW, MSW, PHD", "csw"), ("DOE, JAN PA-C, MS, PHD", "pa"),
                           ("LEE, KIM NP, RN, PHD", "np")],
)  # fmt: skip
def test_a_degree_between_the_license_and_the_phd_leaves_the_license_read(cell: str, provider: str) -> None:
    # as between an MD and a PhD ('MD, MPH, PHD'), and as the cell of credentials alone reads it
    assert provider_of(cell) == provider
    assert provider_of(cell.split(" ", 2)[2]) == provider


def test_a_nurse_s_license_before_a_phd_is_the_nurse_s_as_after_it() -> None:
    for cell in ("DOE, JANE RN, PHD", "DOE, JANE PhD, RN"):
        with pytest.raises(ValueError):
            provider_of(cell)


def test_a_rendering_provider_column_prices_each_license_before_a_phd_as_the_license(tmp_path: Path) -> None:
    source, out = tmp_path / "visits.csv", tmp_path / "out.csv"
    source.write_text(
        "Claim ID,Service Date,Procedure Code,Units,POS,Rendering Provider\n"
        '500101,08/03/2026,99213,1,11,"LEE, KIM NP, PHD"\n'
        '500102,08/03/2026,99213,1,11,"DOE, JAN PA-C, PHD"\n'
        '500103,08/03/2026,90834,1,11,"SMITH, JOHN LCSW, PHD"\n'
        '500104,08/03/2026,90834,1,11,"JONES, AMY LMFT, PHD"\n'
        '500105,08/03/2026,90834,1,11,"WEST, ANN PHD"\n'
    )
    done = runner.invoke(app, ["batch", str(source), "--zip", "43215", "-o", str(out)])
    assert done.exit_code == 0, done.output
    assert "provider ← Rendering Provider" in done.stderr
    np_row, pa_row, lcsw_row, lmft_row, psychologist_row = csv.DictReader(out.open())
    visit, therapy = fee_2026("99213", OHIO), fee_2026("90834", OHIO)
    for row in (np_row, pa_row):
        assert row["error_kind"] == "" and Decimal(row["allowed"]) == _share(visit, "0.85"), row
    for row in (lcsw_row, lmft_row):
        assert row["error_kind"] == "" and Decimal(row["allowed"]) == _share(therapy, "0.75"), row
    assert Decimal(psychologist_row["allowed"]) == therapy, psychologist_row


@pytest.mark.parametrize(
    ("code", "provider", "share"),
    [("99213", "LEE, KIM NP, PHD", "0.85"), ("99213", "DOE, JAN PA-C, PHD", "0.85"),
     ("90834", "SMITH, JOHN LCSW, PHD", "0.75"), ("90834", "SMITH, JANE PHD", "1")],
)  # fmt: skip
def test_price_provider_reads_a_license_before_a_phd_as_the_license(code: str, provider: str, share: str) -> None:
    done = runner.invoke(
        app, ["price", code, "--zip", "43215", "--date", DAY, "--provider", provider, "--setting", "11", "-f", "json"]
    )
    assert done.exit_code == 0, done.output
    amount = Decimal(str(json.loads(done.stdout)["pfs"]["non_facility"]["amount"]))
    assert amount == _share(fee_2026(code, OHIO), share)
