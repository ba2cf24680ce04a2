"""One word of the name before a practitioner's license and a PhD ('SMITH NP, PHD', 'SMITH MD, PHD') was read as a
clinical psychologist's PhD, where the surname and given name before it ('LEE, KIM NP, PHD') and a cell of the same
credentials ('NP, PhD') were read as the license: the NP's 99214 denied, a psychologist bills no E/M visit (Benefit
Policy Manual ch. 15 §160), where the NP is paid 85% (42 CFR 414.56). 'ANH DO, PHD' (Anh Do, PhD) stays a
psychologist's: a DO before a credential after the comma is the surname ('ANH DO, MD'), a DO before a given name the
credential ('TRAN DO, VAN'). ABPP certifies licensed psychologists alone, so beside a CSW's license it names two
practitioner types, not read, in a cell and after a name alike ('LCSW, ABPP, PHD' was a CSW's, 'SMITH, JOHN LCSW,
ABPP, PHD' a psychologist's). The Doctor of Social Work ('SMITH, JO LCSW, DSW') is the LCSW's degree (42 CFR
410.73(a)(1)). Amounts: RVU26C x Arizona's 2026 GPCIs x the CF (cms_fees), an NP's 85%, a CSW's 75%."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app
from rvucalc.lookup.credentials import provider_of, two_types_reason

ZIP, DAY, PHOENIX = "85016", "2026-08-05", "0310200"  # ZIP 85016's locality (CMS's ZIP5 file)
runner = CliRunner()


def _share(fee: Decimal, share: str) -> Decimal:
    return (fee * Decimal(share)).quantize(Decimal("0.01"), ROUND_HALF_UP)


@pytest.mark.parametrize(
    ("cell", "provider"),
    [("SMITH NP, PHD", "np"), ("SMITH MD, PHD", "physician"), ("SMITH PA-C, PHD", "pa"), ("SMITH LCSW, PHD", "csw"),
     ("Smith NP, PhD", "np"), ("SMITH NP, MSN, PHD", "np"), ("SMITH, JO LCSW, DSW", "csw"), ("LCSW, DSW", "csw")],
)  # fmt: skip
def test_one_name_word_a_license_then_a_phd_is_the_license_s(cell: str, provider: str) -> None:
    assert provider_of(cell) == provider


@pytest.mark.parametrize("cell", ["ANH DO, PHD", "SMITH LP, PHD", "SMITH, JOHN PHD, ABPP", "PHD, ABPP"])
def test_a_do_surname_or_a_psychologist_s_own_credentials_stay_a_psychologist_s(cell: str) -> None:
    assert provider_of(cell) == "psychologist"
    assert provider_of("TRAN DO, VAN") == "physician"  # a given name after the comma: the DO the credential


@pytest.mark.parametrize("cell", ["LCSW, ABPP, PHD", "SMITH, JOHN LCSW, ABPP, PHD", "SMITH, JOHN LCSW, PHD, ABPP"])
def test_abpp_beside_a_csw_s_license_names_two_practitioner_types(cell: str) -> None:
    with pytest.raises(ValueError):
        provider_of(cell)
    assert "a CSW, MFT or MHC and a psychologist" in (two_types_reason(cell) or "")


def test_a_rendering_provider_column_reads_one_name_word_s_license_before_a_phd(tmp_path: Path) -> None:
    source, out = tmp_path / "visits.csv", tmp_path / "out.csv"
    source.write_text(
        "Claim ID,Service Date,Procedure Code,Units,POS,Rendering Provider\n"
        '600101,08/05/2026,99214,1,11,"SMITH NP, PHD"\n'
        '600102,08/05/2026,99214,1,11,"SMITH MD, PHD"\n'
        '600103,08/05/2026,90834,1,11,"SMITH, JO LCSW, DSW"\n'
        '600104,08/05/2026,90834,1,11,"ANH DO, PHD"\n'
        '600105,08/05/2026,90834,1,11,"SMITH, JOHN LCSW, ABPP, PHD"\n'
    )
    done = runner.invoke(app, ["batch", str(source), "--zip", ZIP, "-o", str(out)])
    assert done.exit_code == 0, done.output
    assert "provider ← Rendering Provider" in done.stderr
    np_row, md_row, dsw_row, psychologist_row, abpp_row = csv.DictReader(out.open())
    visit, therapy = fee_2026("99214", PHOENIX), fee_2026("90834", PHOENIX)
    assert np_row["error_kind"] == "" and Decimal(np_row["allowed"]) == _share(visit, "0.85"), np_row
    assert md_row["error_kind"] == "" and Decimal(md_row["allowed"]) == visit, md_row
    assert Decimal(dsw_row["allowed"]) == _share(therapy, "0.75"), dsw_row
    assert Decimal(psychologist_row["allowed"]) == therapy, psychologist_row
    assert "names two practitioner types" in abpp_row["note"], abpp_row


@pytest.mark.parametrize(
    ("code", "provider", "share"),
    [("99214", "SMITH NP, PHD", "0.85"), ("99214", "SMITH MD, PHD", "1"), ("90834", "SMITH, JO LCSW, DSW", "0.75"),
     ("90834", "ANH DO, PHD", "1")],
)  # fmt: skip
def test_price_provider_reads_one_name_word_s_license_before_a_phd(code: str, provider: str, share: str) -> None:
    done = runner.invoke(
        app, ["price", code, "--zip", ZIP, "--date", DAY, "--provider", provider, "--setting", "11", "-f", "json"]
    )
    assert done.exit_code == 0, done.output
    amount = Decimal(str(json.loads(done.stdout)["pfs"]["non_facility"]["amount"]))
    assert amount == _share(fee_2026(code, PHOENIX), share)


def test_price_provider_says_abpp_beside_a_csw_s_license_names_two_types() -> None:
    done = runner.invoke(
        app, ["price", "90834", "--zip", ZIP, "--date", DAY, "--provider", "LCSW, ABPP, PHD", "--setting", "11"]
    )
    assert done.exit_code == 2, done.output
    assert "names two practitioner types" in done.stderr
