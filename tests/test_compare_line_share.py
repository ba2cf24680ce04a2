"""`rvucalc compare` of a line paid a share of the fee (80, AS, 62): its RVU, GPCI and CF parts are that share of the
fee's (a trial: 27447-80's -$17.48 was split "RVUs -$141.41, GPCIs -$6.12, CF +$38.28, rules +$91.77", the whole fee's
parts with the rules holding the 84% the assistant is not paid)."""

from __future__ import annotations

import csv
import io
from decimal import ROUND_HALF_UP, Decimal

import pytest

from rvucalc.lookup.compare import compare

CENT = Decimal("0.01")
# The share CMS pays: an assistant at surgery 16% (Claims Processing Manual ch. 12 §20.4.3), an NPP assistant (AS)
# 85% of that, co-surgeons 62.5% each (§40.8): the same in 2025 and 2026.
SHARES = {"80": Decimal("0.16"), "AS": Decimal("0.16") * Decimal("0.85"), "62": Decimal("0.625")}


def _fee(rvu, gpci, cf: Decimal) -> Decimal:  # type: ignore[no-untyped-def]
    """The facility fee, RVUs x GPCIs x CF from CMS's files, unrounded."""
    return (rvu.work * gpci.work + rvu.pe_facility * gpci.pe + rvu.mp * gpci.mp) * cf


def _paid(fee: Decimal, share: Decimal) -> Decimal:
    """The fee rounded to the cent (CMS's fee schedule amount), the share of it rounded once more, half-up."""
    return (fee.quantize(CENT, rounding=ROUND_HALF_UP) * share).quantize(CENT, rounding=ROUND_HALF_UP)


@pytest.mark.parametrize("modifier", ["80", "AS", "62"])
def test_a_share_of_the_fee_splits_by_that_share_and_the_rules_part_is_what_the_rules_changed(pricer, modifier) -> None:  # type: ignore[no-untyped-def]
    (change,) = compare(pricer, [f"27447-{modifier}"], from_=2025, to=2026, zip_code="19104").codes
    old, new = (pricer.price("27447", year=year, zip_code="19104").pfs for year in (2025, 2026))
    share = SHARES[modifier]
    start = _fee(old.rvu, old.gpci, old.conversion_factor)
    rvus = _fee(new.rvu, old.gpci, old.conversion_factor)
    gpcis = _fee(new.rvu, new.gpci, old.conversion_factor)
    end = _fee(new.rvu, new.gpci, new.conversion_factor)
    facility = change.amounts["facility"]
    assert (facility.before, facility.after) == (_paid(start, share), _paid(end, share))
    assert facility.from_rvu == _paid(rvus, share) - _paid(start, share)
    assert facility.from_gpci == _paid(gpcis, share) - _paid(rvus, share)
    assert facility.from_conversion_factor == _paid(end, share) - _paid(gpcis, share)
    assert facility.from_other == 0  # the share is the same in both releases
    parts = facility.from_rvu + facility.from_gpci + facility.from_conversion_factor + facility.from_other
    assert parts == facility.difference  # to the cent
    assert any("the payment rules part is what the rules changed" in note for note in change.notes)
    assert not [note for note in change.notes if "; " in note]  # notes are joined with "; " in CSV output


def test_27447_80s_split_in_the_table_and_csv(compare_cli) -> None:  # type: ignore[no-untyped-def]
    table = compare_cli("compare", "27447-80", "--from", "2025", "--to", "2026", "--zip", "19104")
    assert table.exit_code == 0, table.output
    said = " ".join(table.stdout.split())
    assert "RVUs -$22.63" in said and "rules" not in said.split("Facility -$17.48:")[1].split("\n")[0]
    rows = list(csv.DictReader(io.StringIO(compare_cli("compare", "27447-80", "--from", "2025", "--to", "2026", "--zip",
                                               "19104", "-f", "csv").stdout)))  # fmt: skip
    row = rows[0]
    parts = [Decimal(row[f"facility_{p}"]) for p in ("from_rvu", "from_gpci", "from_conversion_factor", "from_other")]
    assert sum(parts) == Decimal(row["facility_difference"]) == Decimal("-17.48") and parts[3] == 0


def test_provider_prices_named_lines_as_price_does_and_its_share_scales_the_parts(compare_cli, pricer) -> None:  # type: ignore[no-untyped-def]
    """A trial: `compare --provider np` was "No such option" (exit 2). An NP billing under their own number is paid "85
    percent of the physician fee schedule amount" (42 CFR 414.56(c)), the same in both years."""
    (change,) = compare(pricer, ["99213"], from_=2025, to=2026, zip_code="19104", provider="np").codes
    office = change.amounts["non_facility"]
    share = Decimal("0.85")
    for year, amount in ((2025, office.before), (2026, office.after)):
        physician = pricer.price("99213", year=year, zip_code="19104").pfs.non_facility.amount
        assert physician is not None
        assert amount == (physician * share).quantize(CENT, rounding=ROUND_HALF_UP)
        assert amount == pricer.price("99213", year=year, zip_code="19104", provider="np").pfs.non_facility.amount
    assert office.from_other == 0
    assert office.from_rvu + office.from_gpci + office.from_conversion_factor + office.from_other == office.difference
    out = compare_cli("compare", "99213", "--provider", "FNP", "--from", "2025", "--to", "2026", "--zip", "19104",
                      "-f", "csv")  # fmt: skip
    assert out.exit_code == 0, out.output
    row = next(csv.DictReader(io.StringIO(out.stdout)))
    assert (Decimal(row["non_facility_before"]), Decimal(row["non_facility_after"])) == (office.before, office.after)
    refused = compare_cli("compare", "--all", "--provider", "np", "--from", "2025", "--to", "2026")
    assert refused.exit_code == 2 and "--provider" in refused.stderr
    asc = compare_cli("compare", "27447", "--what", "asc", "--provider", "np", "--from", "2025", "--to", "2026")
    assert asc.exit_code == 2


def test_a_provider_s_csv_says_whose_amounts_they_are(compare_cli, pricer) -> None:  # type: ignore[no-untyped-def]
    """A trial: `compare 99490 99487 G0019 --provider np --format csv` left the scenario column blank and stderr
    silent, where the table and JSON say the amounts are the NP's 85% (42 CFR 414.56(c)): the CSV's scenario column
    and stderr say it now; a physician's CSV keeps the column blank."""
    args = ["compare", "99490", "99487", "G0019", "--from", "2025", "--to", "2026", "--zip", "19104", "-f", "csv"]
    out = compare_cli(*args, "--provider", "np")
    assert out.exit_code == 0, out.output
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert [row["code"] for row in rows] == ["99490", "99487", "G0019"]
    for row in rows:
        assert "Priced as billed by the np (--provider)" in row["scenario"], row
        assert "the np's 85% of what they moved" in row["scenario"], row
    assert "the amounts are the np's 85% of the fee (99490, 99487, G0019)" in out.stderr
    physician = compare_cli(*args)
    assert all(row["scenario"] == "" for row in csv.DictReader(io.StringIO(physician.stdout)))
    assert "85%" not in physician.stderr
