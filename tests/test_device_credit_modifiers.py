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
    # The payment rounded once: FC's half of an odd cent's device portion is not rounded up before it comes off.
    expected = (Decimal(str(plain["asc"]["rate"])) - device * share).quantize(Decimal("0.01"), ROUND_HALF_UP)
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


@pytest.mark.parametrize(("code", "expected"), [("37236", Decimal("5247.29")), ("36903", Decimal("5226.02"))])
def test_fc_takes_half_the_device_portion_off_and_rounds_the_payment_once(code: str, expected: Decimal) -> None:
    """An interventional radiology trial (ZIP 30309, Atlanta, CBSA 12054, April 2026): 37236-FC was $5,247.28, the
    half of Addendum FF's $4,565.53 rounded up to $2,282.77 before it came off the $7,530.05 rate. 42 CFR
    416.179(b)(2): the reduction is 50% of the device portion's; the payment, (national - device) x (50% x wage index
    + 50%) + device / 2 from Addendum AA's rate and FF's portion, is rounded once, half-up. Price and batch alike."""
    where = ["--zip", "30309", "--date", "2026-04-16", "--setting", "24"]
    plain = json.loads(runner.invoke(app, ["price", code, *where, "-f", "json"]).stdout)["asc"]
    national, device = Decimal(str(plain["national_rate"])), Decimal(str(plain["device_portion"]))
    factor = Decimal(str(plain["wage_index"])) / 2 + Decimal("0.5")
    exact = (national - device) * factor + device / 2
    assert exact.quantize(Decimal("0.01"), ROUND_HALF_UP) == expected
    done = runner.invoke(app, ["price", f"{code}-FC", *where, "-f", "json"])
    assert done.exit_code == 0 and Decimal(str(json.loads(done.stdout)["asc"]["rate"])) == expected, done.output
    line = f"code,zip,pos,date\n{code}-FC,30309,24,2026-04-16\n"
    (row,) = json.loads(runner.invoke(app, ["batch", "-", "-q", "--format", "json"], input=line).stdout)
    assert Decimal(str(row["asc_rate"])).quantize(Decimal("0.01")) == expected
