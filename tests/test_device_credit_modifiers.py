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


@pytest.mark.parametrize("modifier", ["FB", "FC"])
def test_a_procedure_with_no_device_portion_is_unchanged_and_says_so(modifier: str) -> None:
    """The device credit reduction is a device-intensive procedure's (PI J8, its device portion in Addendum FF: 42 CFR
    416.179; Claims Processing Manual ch. 14 §40.8; CMS's FB/FC device adjustment policy list). 29881 (PI A2, no
    device portion) said FB "changes the ASC's rate" beside the unchanged rate. Price and batch say it has no effect."""
    plain, credited = _asc("29881"), _asc(f"29881-{modifier}")
    assert plain["asc"]["payment_indicator"] != "J8" and not plain["asc"]["device_portion"]
    assert credited["asc"]["rate"] == plain["asc"]["rate"] and not credited["asc"]["adjustments"]
    said = [note for note in credited["notes"] if modifier in note]
    assert not any("it changes the ASC's rate." in note for note in said), said
    assert any(f"Modifier {modifier} (device credit) has no effect on 29881's ASC rate" in note for note in said), said
    line = f"code,zip,pos,date\n29881-{modifier},10001,24,2026-08-03\n"
    (row,) = json.loads(runner.invoke(app, ["batch", "-", "-q", "--format", "json"], input=line).stdout)
    assert row["asc_rate"] == plain["asc"]["rate"] and not row["error"]
    for note in said:
        assert note.rstrip(".") in row["note"], row["note"]
    assert "it changes the ASC's rate." not in row["note"]


def test_fb_and_fc_on_one_line_are_a_line_error_naming_both() -> None:
    """FB (a device furnished without cost, or fully credited) and FC (a partial credit of 50% or more) are two
    situations (42 CFR 416.179(a)-(b); Claims Processing Manual ch. 14 §40.8): 0449T-FB-FC took the whole device
    portion off. A modifier conflict, as GC with GE: price refuses the line, batch's row is an error."""
    done = runner.invoke(app, ["price", "0449T-FB-FC", *WHERE, "--setting", "asc"])
    assert done.exit_code != 0 and done.stdout == ""
    assert "Modifiers FB and FC conflict" in done.stderr, done.stderr
    lines = "code,zip,pos,date\n0449T-FB-FC,10001,24,2026-08-03\n0449T-FB,10001,24,2026-08-03\n"
    result = runner.invoke(app, ["batch", "-", "-q", "--format", "json"], input=lines)
    assert result.exit_code == 1
    bad, good = json.loads(result.stdout)
    assert "Modifiers FB and FC conflict" in bad["error"] and bad["error_kind"] == "bad_modifier"
    assert bad["allowed"] is None and not good["error"] and good["asc_rate"] is not None


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
