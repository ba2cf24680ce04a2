"""The Python API read ``provider`` as a name of ``PROVIDERS`` alone: ``Pricer().price('99214', zip_code='77030',
provider='MD')`` raised UsageError ("choose physician, np, ..."), while ``rvucalc price 99214 --zip 77030 --provider
MD`` priced it, as a batch provider cell 'MD' is. One normaliser (``lookup.credentials.provider_word``) reads both: a
credential or CMS specialty code is the practitioner it names, priced as the command line prices it (CMS's RVU26C row
x the Houston GPCIs x the CF; a PA's 85%), and a physician named so conflicts with AJ as ``--provider MD`` does."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app
from rvucalc.errors import ErrorKind, UsageError
from rvucalc.lookup.pricer import Pricer

DAY = "2026-08-03"
HOUSTON = "0441218"  # ZIP 77030's locality (CMS's ZIP5 file)
runner = CliRunner()


def _cli_amount(provider: str) -> Decimal:
    done = runner.invoke(app, ["price", "99214", "--zip", "77030", "--date", DAY, "--provider", provider, "-f", "json"])
    assert done.exit_code == 0, done.output
    return Decimal(str(json.loads(done.stdout)["pfs"]["non_facility"]["amount"]))


@pytest.mark.parametrize(
    ("credential", "share"),
    [("MD", "1"), ("M.D.", "1"), ("DO", "1"), ("48", "1"), ("PA-C", "0.85"), ("FNP-BC", "0.85"), ("97", "0.85")],
)
def test_api_reads_a_credential_as_the_command_line_does(pricer: Pricer, credential: str, share: str) -> None:
    result = pricer.price("99214", zip_code="77030", provider=credential, date_of_service=DAY)
    assert result.location.locality == HOUSTON
    fee = fee_2026("99214", HOUSTON)
    assert result.pfs.non_facility.fee_schedule_amount == fee
    expected = (fee * Decimal(share)).quantize(Decimal("0.01"), "ROUND_HALF_UP")
    assert result.pfs.non_facility.amount == expected == _cli_amount(credential)


def test_api_credential_naming_the_physician_conflicts_with_aj_as_the_flag_does(pricer: Pricer) -> None:
    """``--provider MD`` names the physician (``provider_stated``): 90834-AJ (a CSW's modifier) is refused; the API's
    provider='MD' is refused alike, its default word physician names no one (priced by AJ)."""
    with pytest.raises(UsageError) as caught:
        pricer.price("90834", modifier="AJ", zip_code="77030", provider="MD", date_of_service=DAY)
    done = runner.invoke(app, ["price", "90834-AJ", "--zip", "77030", "--date", DAY, "--provider", "MD"])
    assert done.exit_code == 2 and str(caught.value) in " ".join(done.stderr.split())
    assert pricer.price("90834", modifier="AJ", zip_code="77030", date_of_service=DAY).pfs.non_facility.payable


@pytest.mark.parametrize("credential", ["PTA", "COTA/L"])
def test_api_refuses_a_therapy_assistant_naming_the_modifier(pricer: Pricer, credential: str) -> None:
    """The command line adds CQ/CO to a PTA's (OTA's) lines; the API takes the line as written: it says how."""
    with pytest.raises(UsageError) as caught:
        pricer.price("97110", modifier="GP", zip_code="77030", provider=credential, date_of_service=DAY)
    assert caught.value.kind is ErrorKind.USAGE and "therapist" in str(caught.value) and "CQ" in str(caught.value)
