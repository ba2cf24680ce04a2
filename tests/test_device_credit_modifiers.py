"""FB and FC on a device-intensive ASC procedure (42 CFR 416.179): the ASC is paid less the whole device portion
(FB: the device furnished without cost, or fully credited) or half of it (FC: a credit of 50% or more), Addendum
FF's device portion; the coinsurance is of the reduced payment. They were "Unknown modifier" errors. Single lookups
and batch alike; no effect on the PFS amount or the hospital rate (the OPPS uses value code FD since 2014)."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()
WHERE = ["--zip", "10001", "--date", "2026-08-03"]


def _asc(code: str) -> dict:  # type: ignore[type-arg]
    done = runner.invoke(app, ["price", code, *WHERE, "-f", "json"])
    assert done.exit_code == 0, done.output
    return json.loads(done.stdout)


@pytest.mark.parametrize(("modifier", "share"), [("FB", Decimal(1)), ("FC", Decimal("0.5"))])
def test_the_device_portion_comes_off_a_device_intensive_asc_rate(modifier: str, share: Decimal) -> None:
    plain, credited = _asc("33249"), _asc(f"33249-{modifier}")
    assert plain["asc"]["payment_indicator"] == "J8" and plain["asc"]["device_portion"]
    device = Decimal(str(plain["asc"]["device_portion"]))
    expected = Decimal(str(plain["asc"]["rate"])) - (device * share).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert Decimal(str(credited["asc"]["rate"])) == expected
    coinsurance = (expected * Decimal("0.2")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert Decimal(str(credited["asc"]["coinsurance"])) == coinsurance
    assert credited["asc"]["adjustments"][0]["indicator"] == modifier
    assert credited["pfs"]["facility"]["amount"] == plain["pfs"]["facility"]["amount"]  # the physician's fee
    # Batch, the same line at POS 24: the same rate and allowed amount.
    line = f"code,zip,pos,date\n33249-{modifier},10001,24,2026-08-03\n"
    (row,) = json.loads(runner.invoke(app, ["batch", "-", "-q", "--format", "json"], input=line).stdout)
    asc_site = next(site for site in credited["sites"] if site["setting"] == "asc")
    assert Decimal(str(row["asc_rate"])) == expected and Decimal(str(row["allowed"])) == Decimal(str(asc_site["total"]))


def test_a_procedure_with_no_device_portion_is_unchanged() -> None:
    plain, credited = _asc("29881"), _asc("29881-FB")
    assert not plain["asc"]["device_portion"] and credited["asc"]["rate"] == plain["asc"]["rate"]
    assert "Modifier FB does not change the PFS amount: it changes the ASC's rate." in credited["notes"]
