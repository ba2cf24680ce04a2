"""What changed between releases (PFS, ASC, OPPS), what-if conversion factors, contract pricing."""

from __future__ import annotations

import csv
import datetime as dt
import inspect
import io
import json
from decimal import ROUND_HALF_UP, Decimal

import pytest
from typer.testing import CliRunner

from rvucalc.cli.compare_cmd import read_codes
from rvucalc.engine.scenario import (
    SCENARIO_LABEL,
    contract_amount,
    parse_anesthesia_cf,
    parse_conversion_factor,
    parse_paid,
    parse_paid_column,
    parse_percent,
    underpayments,
    variance,
    variances,
    what_if_fee_cents,
)
from rvucalc.errors import NotFoundError, RvucalcError, UsageError
from rvucalc.lookup.compare import NOT_ON_THE_PFS, compare, resolve_release
from rvucalc.lookup.localities import price_everywhere

CENT = Decimal("0.01")


def by_hand(rvu, gpci, cf: Decimal, setting: str) -> Decimal:  # type: ignore[no-untyped-def]
    """RVUs x GPCIs x CF in Decimal, rounded once, half-up."""
    pe = rvu.pe_non_facility if setting == "non_facility" else rvu.pe_facility
    exact = (rvu.work * gpci.work + pe * gpci.pe + rvu.mp * gpci.mp) * cf
    return exact.quantize(CENT, rounding=ROUND_HALF_UP)


# -- releases -------------------------------------------------------------------------


def test_from_and_to_take_years_release_names_quarters_and_dates(pricer) -> None:  # type: ignore[no-untyped-def]
    releases = pricer.releases
    assert resolve_release(releases, 2025, "--from")[0].release == "2025D"  # the year's newest
    assert resolve_release(releases, "2025a", "--from")[0].release == "2025A"
    assert resolve_release(releases, "2025Q4", "--from")[0].release == "2025D"
    release, day, warnings = resolve_release(releases, "2025-02-10", "--from")
    assert (release.release, day, warnings) == ("2025A", dt.date(2025, 2, 10), [])
    asc = pricer.dataset_releases("asc")
    assert resolve_release(asc, "2025Q3", "--to")[0].release == "2025-07"
    assert resolve_release(asc, "2026", "--to")[0].release == asc[-1].release  # the year's newest quarter


@pytest.mark.parametrize(
    ("from_", "to", "words", "code"),
    [
        ("2026", "2025", "later than", 2),
        ("2024", "2026", "no PFS release for 2024", 1),
        ("2025Z", "2026", "not an installed PFS release", 2),
        ("2024B", "2026", "no PFS release for 2024", 1),  # a quarter of a year not installed (2025B: price's 2025A)
        ("2023-05-01", "2026", "no PFS release for 2023", 1),
    ],
)
def test_bad_releases_name_the_problem(pricer, from_: str, to: str, words: str, code: int) -> None:  # type: ignore[no-untyped-def]
    """A malformed request is a usage error (2); a release that is not installed is "not found" (1), as
    `price --year 2024` says it (a fresh-eyes trial found compare's 2 beside price's 1)."""
    with pytest.raises(RvucalcError) as caught:
        compare(pricer, ["99213"], from_=from_, to=to)
    assert caught.value.exit_code == code and words in str(caught.value)


@pytest.mark.parametrize(
    ("from_", "to", "what", "words"),
    [("2024-07", "2025-10", "asc", "ASC CY2024 rates not installed"),
     ("2025-10", "2026Q2", "opps", "OPPS CY2026 rates not installed")],
)  # fmt: skip
def test_a_facility_year_not_installed_is_not_found(pricer, from_: str, to: str, what: str, words: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RvucalcError) as caught:
        compare(pricer, ["45378"], from_=from_, to=to, what=what)
    assert caught.value.exit_code == 1 and words in str(caught.value)


def test_codes_or_all_not_both_nor_neither(pricer) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UsageError):
        compare(pricer, ["99213"], from_=2025, to=2026, all_codes=True)
    with pytest.raises(UsageError):
        compare(pricer, [], from_=2025, to=2026)
    with pytest.raises(UsageError):
        compare(pricer, ["99213"], from_=2025, to=2026, what="dme")


# -- PFS: the difference of two single lookups, and where it came from -------------------


@pytest.mark.parametrize("place", [{}, {"locality": "1320201"}, {"zip_code": "94110"}])
def test_99213_change_equals_two_single_lookups(pricer, place: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    result = compare(pricer, ["99213"], from_=2025, to=2026, **place)
    (change,) = result.codes
    old, new = pricer.price("99213", year=2025, **place), pricer.price("99213", year=2026, **place)
    assert (result.from_release.release, result.to_release.release) == (old.release, new.release) == ("2025D", "2026C")
    assert change.change == "changed"
    for setting in ("non_facility", "facility"):
        amount = change.amounts[setting]
        before, after = getattr(old.pfs, setting).amount, getattr(new.pfs, setting).amount
        assert (amount.before, amount.after, amount.difference) == (before, after, after - before)
        assert amount.percent == ((after - before) * 100 / before).quantize(CENT, rounding=ROUND_HALF_UP)
        # the steps add up to the change, to the cent
        assert amount.from_rvu + amount.from_gpci + amount.from_conversion_factor + amount.from_other == (
            amount.difference
        )
        # the CF step by hand: new RVUs and GPCIs, old CF -> new CF
        cf_step = by_hand(new.pfs.rvu, new.pfs.gpci, new.pfs.conversion_factor, setting) - by_hand(
            new.pfs.rvu, new.pfs.gpci, old.pfs.conversion_factor, setting
        )
        assert amount.from_conversion_factor == cf_step
    moved = {c.component: (c.before, c.after) for c in change.components}
    assert moved["conversion_factor"] == (old.pfs.conversion_factor, new.pfs.conversion_factor)
    assert moved["pe_non_facility_rvu"] == (old.pfs.rvu.pe_non_facility, new.pfs.rvu.pe_non_facility)
    assert moved["pe_facility_rvu"] == (old.pfs.rvu.pe_facility, new.pfs.rvu.pe_facility)
    assert "work_rvu" not in moved  # 1.30 in both: not named
    if not place:
        assert not any(name.startswith("gpci") for name in moved)
        assert change.amounts["non_facility"].from_gpci == 0
    else:
        assert moved["gpci_pe"] == (old.pfs.gpci.pe, new.pfs.gpci.pe)
    assert "RVUs" in change.explanation and "CF" in change.explanation


@pytest.mark.slow
def test_the_whole_schedule_equals_single_lookups(pricer) -> None:  # type: ignore[no-untyped-def]
    """--all prices rows directly; it must agree with the single lookup, the OPPS imaging cap included."""
    sample = [("99213", ""), ("22590", ""), ("71046", "26"), ("71046", "TC"), ("76872", ""), ("76872", "TC"),
              ("0075T", ""), ("0583T", "")]  # fmt: skip
    for place in ({}, {"locality": "1320201"}):
        result = compare(pricer, all_codes=True, from_=2025, to=2026, **place)
        by_key = {(c.code, c.modifier or ""): c for c in result.codes}
        for code, modifier in sample:
            change = by_key[(code, modifier)]
            for year, side in ((2025, "before"), (2026, "after")):
                single = pricer.price(code, modifier=modifier or None, year=year, **place)
                for setting in ("non_facility", "facility"):
                    expected = getattr(single.pfs, setting)
                    got = getattr(change.amounts[setting], side)
                    assert got == (expected.amount if expected.payable else None), (code, modifier, place, year)


def test_imaging_cap_shows_as_payment_rules_not_rvus(pricer) -> None:  # type: ignore[no-untyped-def]
    (change,) = compare(pricer, ["76872"], from_=2025, to=2026, locality="MANHATTAN").codes
    office = change.amounts["non_facility"]
    old = pricer.price("76872", year=2025, locality="1320201").pfs.non_facility
    assert any(step.rule.startswith("OPPS imaging cap") for step in old.adjustments)  # capped in 2025D
    assert office.from_other and office.from_other != 0
    assert office.from_rvu + office.from_gpci + office.from_conversion_factor + office.from_other == office.difference


def test_status_change_and_codes_added_or_deleted(pricer) -> None:  # type: ignore[no-untyped-def]
    result = compare(pricer, ["0583T", "0988T", "0042T", "0001T"], from_=2025, to=2026)
    by_code = {c.code: c for c in result.codes}
    status = {i.field: (i.before, i.after) for i in by_code["0583T"].indicators}
    assert status["status"] == ("C", "A")
    assert by_code["0583T"].amounts["non_facility"].payable_after and not (
        by_code["0583T"].amounts["non_facility"].payable_before
    )
    assert by_code["0988T"].change == "added"
    with pytest.raises(NotFoundError):
        pricer.price("0988T", year=2025)
    assert by_code["0042T"].change == "deleted"
    with pytest.raises(NotFoundError):
        pricer.price("0042T", year=2026)
    assert by_code["0001T"].change == "not_found"
    assert result.summary["added"] == result.summary["deleted"] == result.summary["not_found"] == 1


@pytest.mark.slow
def test_unchanged_between_quarters_and_sorting_by_change(pricer) -> None:  # type: ignore[no-untyped-def]
    result = compare(pricer, all_codes=True, from_="2025A", to="2025D")
    assert result.summary["unchanged"] > 10_000
    (same,) = [c for c in result.codes if c.code == "99213" and not c.modifier]
    assert same.change == "unchanged" and same.components == [] and same.explanation == "No change."
    ranked = [abs(c.amounts["non_facility"].difference or c.amounts["facility"].difference or 0)
              for c in result.codes[:50]]  # fmt: skip
    assert ranked == sorted(ranked, reverse=True)
    changed = compare(pricer, ["99213", "0446T"], from_="2025A", to="2025D", changed_only=True)
    assert [c.code for c in changed.codes] == ["0446T"] and changed.summary["unchanged"] == 0


# -- ASC and OPPS quarters -----------------------------------------------------------------


@pytest.mark.parametrize("place", [{}, {"zip_code": "10001"}])
def test_asc_quarters_equal_single_lookups(pricer, place: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    result = compare(pricer, ["45378", "22590"], from_="2025-01", to="2026-04", what="asc", **place)
    by_code = {c.code: c for c in result.codes}
    for code in ("45378", "22590"):
        before = pricer.price(code, date_of_service=dt.date(2025, 1, 15), **place).asc
        after = pricer.price(code, date_of_service=dt.date(2026, 4, 15), **place).asc
        assert (before.release, after.release) == ("2025-01", "2026-04")
        rate = by_code[code].amounts["rate"]
        assert (rate.before, rate.after) == (before.rate, after.rate)
    indicators = {i.field: (i.before, i.after) for i in by_code["22590"].indicators}
    # excluded in 2025 (Addendum EE: a list, no payment indicator), device-intensive in 2026 (AA, PI J8)
    assert indicators["payment_indicator"] == ("", "J8") and indicators["asc_list"] == ("EE", "AA")


def test_opps_quarters_equal_single_lookups(pricer) -> None:  # type: ignore[no-untyped-def]
    result = compare(pricer, ["45378", "99213"], from_="2025Q1", to="2025-10", what="opps", zip_code="10001")
    by_code = {c.code: c for c in result.codes}
    for code in ("45378", "99213"):
        before = pricer.price(code, zip_code="10001", date_of_service=dt.date(2025, 1, 15)).opps
        after = pricer.price(code, zip_code="10001", date_of_service=dt.date(2025, 10, 15)).opps
        rate = by_code[code].amounts["rate"]
        assert (rate.before, rate.after) == (before.rate if before.payable else None,
                                             after.rate if after.payable else None)  # fmt: skip
    assert not by_code["99213"].amounts["rate"].payable_before  # SI B: not paid under OPPS


def test_what_if_is_pfs_only(pricer) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UsageError):
        compare(pricer, ["45378"], from_="2025-01", to="2026-04", what="asc", conversion_factor="60")


# -- what-if ----------------------------------------------------------------------------

CY2027_PROPOSED_NON_QP = "32.8409"  # payment-rules.md section 7 (CMS-1848-P), an example, not a release


@pytest.mark.slow
@pytest.mark.parametrize("place", [{}, {"locality": "1320201"}])
def test_what_if_equals_rvus_times_gpcis_times_cf_by_hand(pricer, place: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    result = compare(pricer, all_codes=True, from_=2026, to=2026, conversion_factor=CY2027_PROPOSED_NON_QP, **place)
    assert result.scenario and SCENARIO_LABEL in result.scenario and "32.8409" in result.scenario
    by_key = {(c.code, c.modifier or ""): c for c in result.codes}
    cf = Decimal(CY2027_PROPOSED_NON_QP)
    for code in ("99213", "22590", "71046"):
        single = pricer.price(code, year=2026, **place)
        change = by_key[(code, "")]
        for setting in ("non_facility", "facility"):
            amount = change.amounts[setting]
            if not getattr(single.pfs, setting).payable:
                assert amount.after is None
                continue
            assert amount.before == getattr(single.pfs, setting).amount
            assert amount.after == by_hand(single.pfs.rvu, single.pfs.gpci, cf, setting)
            if not place:  # nationally only the CF moved (in a locality the imaging cap may also bite)
                assert amount.difference == amount.from_conversion_factor


def test_what_if_kernel_by_hand() -> None:
    # 99213 CY2026 RVUs (work 1.30, office PE 1.46, MP 0.09) at Manhattan's GPCIs (1.064, 1.162, 1.586)
    exact = (Decimal("1.30") * Decimal("1.064") + Decimal("1.46") * Decimal("1.162") + Decimal("0.09")
             * Decimal("1.586")) * Decimal("32.8409")  # fmt: skip
    cents = what_if_fee_cents(130, 146, 9, 1064, 1162, 1586, Decimal("32.8409"))
    assert Decimal(cents).scaleb(-2) == exact.quantize(CENT, rounding=ROUND_HALF_UP)


def test_what_if_anesthesia_cf_keeps_the_locality_adjustment(pricer) -> None:  # type: ignore[no-untyped-def]
    from fractions import Fraction

    from rvucalc.engine.scenario import what_if_anesthesia_cf

    release, _ = pricer.select(2026)
    store = pricer.store(release)
    manhattan = Fraction(store.anesthesia_cf("1320201")["anes_cf"], 100)  # ANES2026, cents
    national = Fraction(store.meta("anes_national_non_qp"))
    user = Decimal("21.0000")
    scaled = what_if_anesthesia_cf(manhattan, national, user)
    exact = Decimal(manhattan.numerator) / manhattan.denominator * user / Decimal(store.meta("anes_national_non_qp"))
    assert scaled == Fraction(exact.quantize(CENT, rounding=ROUND_HALF_UP))  # in cents, as CMS's locality CFs


@pytest.mark.parametrize("text", ["0", "-1", "1000.0001", "abc", "nan", "inf", "32.84091", ""])
def test_bad_conversion_factors_are_usage_errors(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_conversion_factor(text)
    assert caught.value.exit_code == 2 and str(caught.value).startswith("conversion_factor ")  # the API's name


def test_good_conversion_factors() -> None:
    assert parse_conversion_factor("$32.8409") == Decimal("32.8409")
    assert parse_conversion_factor("1000") == Decimal(1000)
    assert parse_anesthesia_cf("20.599835") == Decimal("20.599835")  # ANES file precision
    with pytest.raises(UsageError):
        parse_anesthesia_cf("0")


@pytest.mark.skipif(
    "conversion_factor" not in inspect.signature(__import__("rvucalc").Pricer.price).parameters,
    reason="Pricer.price(conversion_factor=) hook not wired in this build",
)
def test_what_if_in_every_locality(pricer) -> None:  # type: ignore[no-untyped-def]
    result = price_everywhere(pricer, "99213", state="NY", conversion_factor=CY2027_PROPOSED_NON_QP)
    assert result.scenario and SCENARIO_LABEL in result.scenario
    for entry in result.localities:
        single = pricer.price("99213", locality=entry.locality)
        assert entry.pfs.non_facility.amount == by_hand(
            single.pfs.rvu, single.pfs.gpci, Decimal(CY2027_PROPOSED_NON_QP), "non_facility"
        )


# -- contracts and variance -------------------------------------------------------------------


def test_contract_amount_by_hand(pricer) -> None:  # type: ignore[no-untyped-def]
    allowed = pricer.price("99213").pfs.non_facility.amount  # CMS 2026C national office amount
    cents = int(allowed.scaleb(2))
    for percent in ("110", "87.5", "100", "133.3333"):
        expected = (allowed * Decimal(percent) / 100).quantize(CENT, rounding=ROUND_HALF_UP)
        assert Decimal(contract_amount(cents, percent)).scaleb(-2) == expected
    assert contract_amount(1, "50") == 1  # 0.5 cent rounds half-up
    assert contract_amount(12345, "110%") == 13580  # 135.795 -> 135.80


@pytest.mark.parametrize("text", ["0", "-5", "abc", "1001", "110.00001"])
def test_bad_percentages_are_usage_errors(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_percent(text)
    assert str(caught.value).startswith("percent_of_medicare ")  # the API's name; the CLI says --percent-of-medicare


def test_paid_text_and_variance_by_hand() -> None:
    assert parse_paid("104.71") == (10471, None)
    assert parse_paid("$1,234.50") == (123450, None)
    assert parse_paid("(12.00)") == (-1200, None)
    assert parse_paid("") == (None, None) and parse_paid(None) == (None, None)
    # What remits print for a denied line's payment: no paid amount, so the row keeps its Medicare price.
    assert all(parse_paid(text) == (None, None) for text in ("N/A", "n/a", "NA", "-", "--"))
    cents, error = parse_paid("paid in full")
    assert cents is None and error and "not an amount" in error
    assert parse_paid("1.005")[1] and parse_paid("1e3")[1]
    # Excel's accounting format as its CSV writes it (found by a fresh-eyes trial: each was a row error that dropped
    # the row's Medicare price): the sign and parentheses spaced, and a zero as a dash after the currency sign.
    assert parse_paid(" $ 100.00 ") == (10000, None) and parse_paid("$(5.00)") == (-500, None)
    assert parse_paid(" $ (1,234.50) ") == (-123450, None) and parse_paid(" $ -   ") == (0, None)
    assert parse_paid("1 000")[1]  # a thousand, or 1 and 000? Not guessed.
    # A remit's status is no amount (a trial's DENIED was a row error, out of its claim); a ledger's sign after it.
    assert all(parse_paid(text) == (None, None) for text in ("DENIED", "Denied.", "PENDING", "not paid", "VOID"))
    assert parse_paid("12.00-") == (-1200, None) and parse_paid("12-00")[1] and parse_paid("CR")[1]
    # A credit is a payment received on a practice's ledger, a recoupment on a remit (a review): not guessed.
    assert "write the amount as 12.00 or -12.00" in str(parse_paid("12.00CR")[1]) and parse_paid("12.00 DR")[1]
    # A decimal comma (107,63) was read as 10763.00 (a trial); a huge cell overflowed the run (a review).
    assert parse_paid("107,63")[1] and parse_paid("1,23")[1] and parse_paid("1,234,567.00") == (123456700, None)
    assert parse_paid("12345678901234567890")[1] and parse_paid("99999999.99") == (9999999999, None)
    paid, errors = parse_paid_column(["100.00", "abc", "", "110.50"])
    assert paid == [10000, None, None, 11050] and errors[1] and errors[0] is None and errors[2] is None
    expected = [10471, 10471, 10471, 10471]
    assert variances(paid, expected) == [-471, None, None, 579]
    assert variance(10000, 10471) == -471
    assert underpayments([-471, None, 579, -29]) == (2, 500)


# -- the command --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cli(compare_cli):  # type: ignore[no-untyped-def]
    return compare_cli  # conftest's: the compare command as a user runs it


def test_cli_compare_json_equals_the_library(cli, pricer) -> None:  # type: ignore[no-untyped-def]
    from rvucalc.cli.render import to_json

    result = cli("compare", "99213", "99214", "--from", "2025", "--to", "2026", "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == json.loads(to_json(compare(pricer, ["99213", "99214"], from_=2025, to=2026)))


def test_cli_compare_table_and_csv(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    table = cli("compare", "99213", "--from", "2025", "--to", "2026")
    assert table.exit_code == 0 and "RVUs" in table.stdout and "2025D" in table.stdout and "2026C" in table.stdout
    codes = tmp_path / "codes.csv"
    codes.write_text("code,units\n99213,1\n71046-26,1\n")
    assert read_codes(codes) == ["99213", "71046-26"]
    out = cli("compare", "--codes", str(codes), "--from", "2025", "--to", "2026", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert [(r["code"], r["modifier"]) for r in rows] == [("99213", ""), ("71046", "26")]  # the file's order
    assert rows[0]["non_facility_difference"] == "6.24"


def test_the_tally_counts_each_setting_up_and_down(cli, pricer) -> None:  # type: ignore[no-untyped-def]
    """A specialty society's trial: "by Office" counted 11102 and 17311 (office amounts up or flat) while every facility
    amount fell 7-17%: the summary counts each setting too, from each code's own differences, in JSON and the table."""
    codes = ["11102", "17311", "66984", "99213"]
    result = compare(pricer, codes, from_=2025, to=2026)
    for name in ("non_facility", "facility"):
        moved = [change.amounts[name].difference for change in result.codes if name in change.amounts]
        assert result.summary[f"{name}_increased"] == sum(1 for d in moved if d is not None and d > 0)
        assert result.summary[f"{name}_decreased"] == sum(1 for d in moved if d is not None and d < 0)
    assert result.summary["facility_decreased"] == 4 and result.summary["facility_increased"] == 0
    table = cli("compare", *codes, "--from", "2025", "--to", "2026")
    assert "by Facility: 0 up, 4 down" in " ".join(table.stdout.split())


def test_the_tally_says_a_code_is_counted_by_its_facility_amount_when_the_office_is_not_payable(cli, pricer) -> None:  # type: ignore[no-untyped-def]
    """22590 is not payable in the office in either release: its facility amount is what moved it down (a tester
    read "2 down, by Office" with one office amount that went down)."""
    result = compare(pricer, ["99213", "22590"], from_=2025, to=2026, zip_code="10001")
    by_code = {change.code: change for change in result.codes}
    office, facility = (by_code["22590"].amounts[name] for name in ("non_facility", "facility"))
    assert office.difference is None and facility.difference is not None and facility.difference < 0
    signs = [by_code[code].amounts["non_facility"].difference for code in ("99213",)]
    assert signs[0] is not None and signs[0] > 0
    assert (result.summary["increased"], result.summary["decreased"]) == (1, 1)
    table = cli("compare", "99213", "22590", "--from", "2025", "--to", "2026", "--zip", "10001")
    words = "1 up, 1 down, by Office, or Facility where Office is not payable in one release or both"
    assert words in " ".join(table.stdout.split())


def test_the_tally_counts_a_changed_code_neither_up_nor_down(cli, pricer) -> None:  # type: ignore[no-untyped-def]
    """99396 is status N (not covered) in RVU25D and RVU26C, its PE and MP RVUs moved (1.71 -> 1.84, 0.13 -> 0.12):
    "changed", with no amount in either release. A practice manager read "3 changed (2 up, 0 down ...)" with one code
    unaccounted for: the tally says it is neither."""
    codes = ["99213", "99396", "G0439"]
    result = compare(pricer, codes, from_=2025, to=2026, zip_code="99501")
    by_code = {change.code: change for change in result.codes}
    assert by_code["99396"].change == "changed"
    assert all(amount.difference is None for amount in by_code["99396"].amounts.values())
    assert (result.summary["changed"], result.summary["increased"], result.summary["decreased"]) == (3, 2, 0)
    table = cli("compare", *codes, "--from", "2025", "--to", "2026", "--zip", "99501")
    said = " ".join(table.stdout.split())
    by = "by Office, or Facility where Office is not payable in one release or both"
    assert f"3 changed (2 up, 0 down, {by}; " in said
    assert "1 neither: no amount in both releases to compare (not payable in one or both) or the same amount)" in said
    plain = cli("compare", "99213", "22590", "--from", "2025", "--to", "2026", "--zip", "10001")
    assert "neither" not in plain.stdout


def test_cli_compare_errors(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("compare", "99213", "--from", "2026", "--to", "2025").exit_code == 2
    assert cli("compare", "99213", "--to", "2025").exit_code == 2
    missing = cli("compare", "0001T", "--from", "2025", "--to", "2026")
    assert missing.exit_code == 1 and "0001T" in missing.stderr


# -- a national rate against a wage-adjusted one is not a change --------------------------------


def test_asc_national_against_wage_adjusted_is_not_comparable(cli, pricer) -> None:  # type: ignore[no-untyped-def]
    """CY2025's ASC wage index lists rural Alabama twice (0.6471 and 0.7158), so ZIP 36701's 2025 ASC rates are not
    priced (rvucalc does not choose; they were national, a guessed 1.0) while 2026's are wage-adjusted (0.6367): a
    tester saw $489.47 -> $417.76 (-14.65%) reported as a change. Not comparable, and the reason says why."""
    before = pricer.price("45378", zip_code="36701", date_of_service=dt.date(2025, 10, 15)).asc
    after = pricer.price("45378", zip_code="36701", date_of_service=dt.date(2026, 1, 15)).asc
    assert (before.rate, after.rate) == (None, Decimal("417.76"))  # not priced there; Addendum AA's, adjusted
    assert "0.6471" in (before.reason or "") and "0.7158" in (before.reason or "")
    result = compare(pricer, ["45378"], from_="2025-10", to="2026-01", what="asc", zip_code="36701")
    (change,) = result.codes
    assert change.change == "not_comparable" and result.summary["not_comparable"] == 1
    assert result.summary["changed"] == result.summary["decreased"] == 0
    for amount in change.amounts.values():
        assert amount.before is None and amount.after is not None  # as `price`: not priced in 2025 there
        assert amount.reason_before == before.reason or amount.before is None
        assert amount.difference is None and amount.percent is None  # no change between them
    assert change.amounts["rate"].reason_before == before.reason
    assert "2025-10 is not priced at this place" in change.not_comparable_reason
    assert "several wage indexes" in change.not_comparable_reason
    assert "2026-01 is wage-adjusted (wage index 0.6367)" in change.not_comparable_reason
    assert any("rural Alabama" in note and "0.6471" in note for note in result.notes)
    assert not any("2025 rates are national" in note for note in result.notes)
    # the CSV keeps its columns and adds the reason after them; the table says it in Why
    out = cli("compare", "45378", "--what", "asc", "--from", "2025-10", "--to", "2026-01", "--zip", "36701",
              "-f", "csv")  # fmt: skip
    assert out.exit_code == 0, out.output
    (row,) = list(csv.DictReader(io.StringIO(out.stdout)))
    header = list(row)
    assert header[:4] == ["code", "modifier", "description", "change"]
    assert header[header.index("scenario") + 1] == "not_comparable_reason"  # after the columns scripts already read
    assert (row["change"], row["rate_before"], row["rate_after"]) == ("not_comparable", "", "417.76")
    assert row["rate_difference"] == row["rate_percent"] == "" and "not priced" in row["not_comparable_reason"]
    assert row["rate_reason_before"] == before.reason
    table = cli("compare", "45378", "--what", "asc", "--from", "2025-10", "--to", "2026-01", "--zip", "36701")
    assert "not comparable" in table.stdout and "-14.65" not in table.stdout and "1 not comparable" in table.stdout
    # nationally both sides are national: a real change
    (national,) = compare(pricer, ["45378"], from_="2025-10", to="2026-01", what="asc").codes
    assert national.change == "changed" and national.amounts["rate"].difference == Decimal("21.02")


def test_opps_national_against_wage_adjusted_is_not_comparable(pricer, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The same for OPPS (both installed OPPS years are 2025, so one side's wage index is taken away here)."""
    from rvucalc.lookup import compare as compare_module

    answers = iter([(None, "ZIP 10001 has no usable CY2025 wage index"), (12951, None)])
    monkeypatch.setattr(compare_module, "_wage_index", lambda *args: next(answers))
    result = compare(pricer, ["45378", "J9271"], from_="2025-01", to="2025-10", what="opps", zip_code="10001")
    by_code = {c.code: c for c in result.codes}
    assert by_code["45378"].change == "not_comparable"
    assert by_code["45378"].amounts["rate"].difference is None and by_code["45378"].amounts["copayment"].percent is None
    assert "2025-01 is the national rate (ZIP 10001" in by_code["45378"].not_comparable_reason
    # a drug (SI K) is paid the national rate on both sides: comparable
    assert by_code["J9271"].change != "not_comparable" and by_code["J9271"].not_comparable_reason is None


# -- --codes FILE: the encodings batch reads ------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "codes"),
    [
        (b"code,description\n99213,caf\xe9\n", ["99213"]),  # Windows-1252 (Excel's "CSV" on Windows)
        ("code,description\n99213,café\n".encode(), ["99213"]),  # UTF-8
        (b"\xef\xbb\xbf" + "code,description\n99214,café\n".encode(), ["99214"]),  # UTF-8 with a byte-order mark
        ("code,description\n99215,café\n".encode("utf-16"), ["99215"]),  # UTF-16 with its byte-order mark
        (b"# my codes\n99213\n71046-26\n", ["99213", "71046-26"]),
    ],
    ids=["cp1252", "utf-8", "utf-8-bom", "utf-16", "one-a-line"],
)
def test_codes_file_in_the_encodings_batch_reads(tmp_path, data: bytes, codes: list[str]) -> None:  # type: ignore[no-untyped-def]
    """A tester's Windows-1252 file (caf\\xe9) was "unexpected error (UnicodeDecodeError...)"."""
    path = tmp_path / "codes.csv"
    path.write_bytes(data)
    assert read_codes(path) == codes


def test_codes_file_that_is_no_text_is_a_usage_error(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    latin = tmp_path / "l.csv"
    latin.write_bytes(b"code,description\n99213,caf\xe9\n")
    read = cli("compare", "--codes", str(latin), "--from", "2025", "--to", "2026", "-f", "csv")
    assert read.exit_code == 0, read.output
    assert [row["code"] for row in csv.DictReader(io.StringIO(read.stdout))] == ["99213"]
    undefined = tmp_path / "bad.csv"
    undefined.write_bytes(b"code\n99213\n99214\x81\n")  # 0x81: no character in UTF-8, UTF-16 or Windows-1252
    refused = cli("compare", "--codes", str(undefined), "--from", "2025", "--to", "2026")
    assert refused.exit_code == 2 and refused.stdout == ""
    assert "--codes" in refused.stderr and "line 3" in refused.stderr and "0x81" in refused.stderr
    assert "unexpected error" not in refused.stderr and "Traceback" not in refused.stderr
    workbook = tmp_path / "codes.xlsx"
    workbook.write_bytes(b"PK\x03\x04rest")  # a damaged workbook (a readable one is read: batch's reader)
    binary = cli("compare", "--codes", str(workbook), "--from", "2025", "--to", "2026")
    assert binary.exit_code == 2 and "is not an Excel workbook rvucalc can read" in binary.stderr
    parquet = tmp_path / "codes.parquet"
    parquet.write_bytes(b"PAR1rest")
    binary = cli("compare", "--codes", str(parquet), "--from", "2025", "--to", "2026")
    assert binary.exit_code == 2 and "save or export it as CSV" in binary.stderr


# -- why an amount is "not payable" ---------------------------------------------------------------


def test_not_payable_amounts_say_why_in_the_table_and_csv(cli, pricer) -> None:  # type: ignore[no-untyped-def]
    """0583T (status C in RVU25D, A in RVU26C) and 15824 (status C in both): contractor-priced, "not payable" with an
    empty Why, and the CSV had no reason columns, so NA, status C and status I looked alike (a tester)."""
    mac = "Priced by your Medicare contractor (MAC)"
    assert (
        pricer.price("15824", year=2025).pfs.contractor_priced
        and pricer.price("15824", year=2026).pfs.contractor_priced
    )
    from rvucalc.cli.compare_cmd import _why

    result = compare(pricer, ["0583T", "15824", "96372"], from_=2025, to=2026)
    why = {change.code: _why(change, result) for change in result.codes}  # the table's Why column
    # Status C is paid, at the MAC's fee: "Priced by the MAC", never "Not payable" (a trial: 0449T)
    said = "CMS publishes no national amount for this code"
    assert why["15824"].startswith(f"Priced by the MAC (2025D office and facility, 2026C office and facility): {said}")
    assert why["0583T"].startswith(f"Priced by the MAC (2025D office and facility): {said}")
    assert why["96372"].startswith("Not payable (2025D facility, 2026C facility): Not priced in the facility setting")
    table = cli("compare", "0583T", "15824", "96372", "--from", "2025", "--to", "2026")
    assert table.exit_code == 0 and "Priced by the MAC (2025D office and" in table.stdout  # (the Why column wraps)
    out = cli("compare", "0583T", "15824", "96372", "--from", "2025", "--to", "2026", "-f", "csv")
    rows = {row["code"]: row for row in csv.DictReader(io.StringIO(out.stdout))}
    header = list(rows["15824"])
    assert header[:8] == ["code", "modifier", "description", "change", "from_release", "to_release", "locality", "zip"]
    reasons = ["non_facility_reason_before", "non_facility_reason_after", "facility_reason_before",
               "facility_reason_after"]  # fmt: skip
    first = header.index(reasons[0])
    assert header[first : first + 4] == reasons and first > header.index("scenario")  # after the earlier columns
    assert all(rows["15824"][name].startswith(mac) for name in reasons)
    assert (
        rows["0583T"]["non_facility_reason_before"].startswith(mac) and rows["0583T"]["non_facility_reason_after"] == ""
    )
    assert rows["96372"]["facility_reason_after"].startswith("Not priced in the facility setting")
    assert rows["96372"]["non_facility_reason_after"] == ""
    opps = cli("compare", "99213", "--what", "opps", "--from", "2025-01", "--to", "2025-10", "-f", "csv")
    (row,) = list(csv.DictReader(io.StringIO(opps.stdout)))
    assert row["rate_reason_before"].startswith("SI B") and row["copayment_reason_after"].startswith("SI B")


# -- --qp across 2025 (one CF) and 2026 (QP and non-QP CFs) ----------------------------------------


def test_qp_uses_2025s_single_cf_and_2026s_qp_cf(cli, pricer) -> None:  # type: ignore[no-untyped-def]
    """`compare 99213 --from 2025 --to 2026 --qp` exited 2 ("CY2025 has one conversion factor") though --qp says
    "(2026 on)": the 2025 side keeps CY2025's single CF ($32.3465), the 2026 side takes the QP CF ($33.5675)."""
    result = compare(pricer, ["99213"], from_=2025, to=2026, qp=True)
    (change,) = result.codes
    old, new = pricer.price("99213", year=2025), pricer.price("99213", year=2026, qp=True)
    assert (old.pfs.conversion_factor, new.pfs.conversion_factor) == (Decimal("32.3465"), Decimal("33.5675"))
    office = change.amounts["non_facility"]
    assert (office.before, office.after) == (old.pfs.non_facility.amount, new.pfs.non_facility.amount)
    # 99213 CY2026: (1.30 + 1.46 + 0.09) x 33.5675 = 95.667375 -> $95.67 (RVU26C, national GPCIs 1.000)
    assert office.after == Decimal("95.67") and office.before == Decimal("88.95")
    assert office.from_rvu + office.from_gpci + office.from_conversion_factor + office.from_other == office.difference
    moved = {c.component: (c.before, c.after) for c in change.components}
    assert moved["conversion_factor"] == (Decimal("32.3465"), Decimal("33.5675"))
    assert (result.from_release.conversion_factor_kind, result.to_release.conversion_factor_kind) == ("single", "qp")
    assert any("CY2025 has one conversion factor ($32.3465), used on the 2025D side" in note for note in result.notes)
    everything = compare(pricer, all_codes=True, from_=2025, to=2026, qp=True)
    (same,) = [c for c in everything.codes if c.code == "99213" and not c.modifier]
    assert same.amounts["non_facility"].after == Decimal("95.67")
    out = cli("compare", "99213", "--from", "2025", "--to", "2026", "--qp", "-f", "csv")
    assert out.exit_code == 0, out.output
    (row,) = list(csv.DictReader(io.StringIO(out.stdout)))
    assert (row["conversion_factor_kind_before"], row["conversion_factor_kind_after"]) == ("single", "qp")
    # appended after the reasons (the descriptors, then `line` and `error_kind`, then each amount's capped_before and
    # capped_after, were appended after them, last)
    assert list(row)[-10:-8] == ["conversion_factor_kind_before", "conversion_factor_kind_after"]
    table = cli("compare", "99213", "--from", "2025", "--to", "2026", "--qp")
    assert "single CF" in table.stdout and "QP CF" in table.stdout
    # two releases with one CF each: still a usage error, saying what to do
    refused = cli("compare", "99213", "--from", "2025A", "--to", "2025D", "--qp")
    assert refused.exit_code == 2 and "CY2025 has one conversion factor" in refused.stderr
    assert "--to 2026" in refused.stderr


def test_a_dme_item_in_a_national_compare_is_a_row_not_a_failed_run(pricer) -> None:  # type: ignore[no-untyped-def]
    """An analyst's trial: a national compare of 200 codes failed whole (exit 2) on one E0601-RR, whose DMEPOS fee is
    set per state, advising a --state compare does not have. It is a not-found row saying why and how to price it;
    with a ZIP it was already one."""
    result = compare(pricer, ["99213", "E0601-RR"], from_=2025, to=2026)
    by_code = {change.code: change for change in result.codes}
    assert by_code["99213"].change == "changed" and by_code["E0601"].change == "not_comparable"
    assert "not paid under the PFS" in by_code["E0601"].explanation
    assert "rvucalc price E0601-RR --state ST" in by_code["E0601"].explanation
    with pytest.raises(UsageError):  # the single lookup still asks for the place
        pricer.price("E0601-RR")
    # A review: with a ZIP the same row said "the RVU file does not list it", and E0601-RR and E0601 were two
    # identical "E0601" rows. One explanation whatever the place; the row keeps the line's modifiers.
    placed = compare(pricer, ["E0601-RR", "E0601"], from_=2025, to=2026, zip_code="10001")
    rows = [(change.code, change.modifier, change.change) for change in placed.codes]
    assert sorted(rows, key=str) == sorted(
        [("E0601", "RR", "not_comparable"), ("E0601", None, "not_comparable")], key=str
    )
    assert all("paid from the DMEPOS fee schedule" in change.explanation for change in placed.codes)


def test_a_status_x_dme_item_is_never_deleted_by_one_year_s_dmepos_file(pricer) -> None:  # type: ignore[no-untyped-def]
    """A trial: a national compare named A5500 and A4253 "deleted" (`--all` said "unchanged"): both are in both RVU
    files (status X, P), but 2026's DMEPOS file is installed (it needs a state) and 2025's is not (a PFS row)."""
    result = compare(pricer, ["A5500", "A4253", "80053"], from_=2025, to=2026)
    by_code = {change.code: change for change in result.codes}
    # not comparable, as --all says them (an analyst's trial: named, J1100 and 36415 were not_found)
    assert by_code["A5500"].change == by_code["A4253"].change == "not_comparable"
    assert "paid from the DMEPOS fee schedule" in by_code["A5500"].explanation
    # A lab the CLFS pays is not comparable either, as 0001U (a trial: 80053 was "unchanged" beside it).
    assert by_code["80053"].change == "not_comparable" and result.summary["deleted"] == 0
    assert "paid from the clinical laboratory fee schedule" in by_code["80053"].explanation


@pytest.mark.slow
def test_all_codes_says_a_code_another_schedule_pays_not_comparable(pricer) -> None:  # type: ignore[no-untyped-def]
    """A trial: `compare --all` called 80053 and 85025 "unchanged" (status X in both RVU files: the CLFS pays them,
    $10.56 and $7.77 in CMS's CLFS 2026-04 file), though compare compares no CLFS amount; the named form says them
    not on the PFS. A drug the ASP file pays (J9271, status E) and an unlisted lab
    test the CLFS lists not (81479) alike."""
    assert pricer.price("80053", year=2026).clfs.amount == Decimal("10.56")
    assert pricer.price("85025", year=2026).clfs.amount == Decimal("7.77")
    whole = compare(pricer, None, from_=2025, to=2026, all_codes=True)
    everything = {(c.code, c.modifier): c for c in whole.codes}
    assert everything[("A5500", None)].change != "deleted" and everything[("A4253", None)].change != "deleted"
    for code, schedule in (
        ("80053", "clinical laboratory fee schedule"),
        ("85025", "clinical laboratory fee schedule"),
        ("81479", "clinical laboratory fee schedule"),
        ("J9271", "ASP drug payment"),
    ):
        change = everything[(code, None)]
        assert change.change == "not_comparable", code
        assert (
            f"paid from the {schedule}" in (change.not_comparable_reason or "")
            and "not comparable" in change.explanation
        )
    assert everything[("99213", None)].change == "changed"  # a PFS service is compared as before
    assert whole.summary["not_comparable"] >= 1000


@pytest.mark.slow
def test_all_codes_says_vaccines_and_codes_paid_apart_not_comparable(pricer) -> None:  # type: ignore[no-untyped-def]
    """A review: `compare --all --from 2025 --to 2026` called 90686, G0008, G0009 and Q3014 "unchanged": status X in
    both RVU files (the PFS pays none of them), 90686 a vaccine the ASP file pays (no installed ASP file lists it),
    G0008 and G0009 paid from Medicare's vaccine administration payment, Q3014 the originating site fee."""
    for year in (2025, 2026):
        for code in ("90686", "G0008", "G0009", "Q3014"):
            assert pricer.price(code, year=year).pfs.status == "X", (code, year)
    whole = compare(pricer, None, from_=2025, to=2026, all_codes=True)
    everything = {(c.code, c.modifier): c for c in whole.codes}
    for code, said in (("90686", "paid from the ASP drug payment limits"),
                       ("G0008", "vaccine administration payment"), ("G0009", "vaccine administration payment"),
                       ("Q3014", "telehealth originating site facility fee")):  # fmt: skip
        change = everything[(code, None)]
        assert change.change == "not_comparable", code
        assert said in (change.not_comparable_reason or "") and "not comparable" in change.explanation, code
    assert everything[("99213", None)].change == "changed"


def test_a_claim_file_given_to_codes_is_read_by_batch_s_column_names(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A newcomer gave compare the batch file the README shows (`CPT Code` after `Claim ID`): its header was read as
    a code ('CLAIM ID' is not a HCPCS/CPT code, exit 2)."""
    path = tmp_path / "claims.csv"
    path.write_text("Claim ID,CPT Code,Units\nC1,99213,1\nC2,71046-26,1\n")
    assert read_codes(path) == ["99213", "71046-26"]
    path.write_text("HCPCS Code,Description\nJ9271,pembrolizumab\n")
    assert read_codes(path) == ["J9271"]
    # A review: a modifier column joins its code (71046-26 was compared as 71046); `code` beside `hcpcs` is the code,
    # as before (it became "say which with --columns", an option compare has not).
    path.write_text("Claim ID,CPT Code,Mod 1\nC1,71046,26\nC2,99213,\n")
    assert read_codes(path) == ["71046-26", "99213"]
    path.write_text("code,hcpcs\n99213,99213\n")
    assert read_codes(path) == ["99213"]
    path.write_text("code,hcpcs,modifier\n71046,71046,26\n")
    assert read_codes(path) == ["71046-26"]


def test_an_anesthesia_code_is_not_comparable_without_its_units(cli) -> None:  # type: ignore[no-untyped-def]
    """A trial: `compare 00400` said "unchanged" though the anesthesia CF moved. Without its units it is not
    comparable, and its reason says how to give them (compare takes --base-units and --minutes)."""
    result = cli("compare", "00400", "--from", "2025", "--to", "2026", "--zip", "10001", "-f", "json")
    assert result.exit_code == 0, result.output
    [change] = json.loads(result.stdout)["codes"]
    assert change["change"] == "not_comparable" and "--base-units N --minutes M" in change["not_comparable_reason"]


def test_two_dates_priced_with_one_installed_release_are_refused_not_unchanged() -> None:
    """A trial: 2026-02-15 against 2026-08-01 (2026A and 2026C in force; 2026A not installed) priced both sides with
    2026C and said 22554 "unchanged", where CMS's July file moved its MP RVU (5.81 to 5.80). Refused, as
    --from 2026A is; the same release named on both sides still only warns."""

    from rvucalc.cli import app

    result = CliRunner().invoke(app, ["compare", "22554", "--from", "2026-02-15", "--to", "2026-08-01", "-f", "csv"])
    assert result.exit_code == 1  # the CSV is the error's row (errors_in_output), not a comparison
    assert [row["error_kind"] for row in csv.DictReader(io.StringIO(result.stdout))] == ["release_not_installed"]
    assert "both priced with 2026C" in result.stderr and "Nothing can be compared" in result.stderr
    named = CliRunner().invoke(app, ["compare", "22554", "--from", "2026C", "--to", "2026C", "-f", "csv"])
    assert named.exit_code == 0 and ",unchanged," in named.stdout


def test_a_line_s_payment_modifier_is_kept_and_its_parts_said() -> None:
    """A trial: `compare 22590 22590-54 27447-50` wrote 22590-54 and 27447-50 with a blank modifier (two rows named
    22590 with different money), and put the modifier's share of the RVU and CF changes under "payment rules"."""

    from rvucalc.cli import app

    result = CliRunner().invoke(app, ["compare", "22590", "22590-54", "27447-50", "97110-GP", "--from", "2025",
                                      "--to", "2026", "-f", "json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    codes = json.loads(result.stdout)["codes"]
    assert [(c["code"], c["modifier"]) for c in codes] == [("22590", None), ("22590", "54"), ("27447", "50"),
                                                            ("97110", "GP")]  # fmt: skip
    # 54's share of the fee (its intra-operative %) scales the parts: the rules part is what the rules changed.
    said = "54's 79% of what they moved 22590's fee"
    assert not codes[0]["notes"] and any(said in note for note in codes[1]["notes"])
    assert not any("what they moved" in note for note in codes[3]["notes"])  # GP has no share (a review)


def test_a_packaged_code_s_zero_rate_says_packaged(pricer) -> None:  # type: ignore[no-untyped-def]
    """A trial: 64494 (ASC PI N1) compared "unchanged ... No change." at $0.00 with no reason; `price` says packaged."""
    result = compare(pricer, ["64494", "64493"], from_="2025-10", to="2026-01", zip_code="85004", what="asc")
    by_code = {change.code: change for change in result.codes}
    assert by_code["64494"].change == "unchanged" and "packaged" in by_code["64494"].explanation
    assert "packaged" not in by_code["64493"].explanation


def test_asc_compare_explains_a_device_intensive_codes_device_portion(pricer, cli) -> None:  # type: ignore[no-untyped-def]
    """A trial: 27447's ASC change (Manhattan, 2025-10 -> 2026-04) was explained by weight, national rate and wage
    index only, while its device portion (Addendum FF, J8: not wage-adjusted) went $5,661.70 -> $5,594.25 and drives
    part of the change. compare names it (a component: JSON, CSV and the table's Why), as `price` uses it."""
    releases = {r.release: r for r in pricer.dataset_releases("asc")}
    ff = [pricer.store(releases[name]).asc("ff", "27447") for name in ("2025-10", "2026-04")]
    published = [Decimal(row["device_portion"]).scaleb(-2) for row in ff]  # Addendum FF's, in cents
    assert published == [Decimal("5661.70"), Decimal("5594.25")]
    (change,) = compare(pricer, ["27447"], from_="2025-10", to="2026-04", what="asc", zip_code="10001").codes
    device = next(c for c in change.components if c.component == "device_portion")
    assert (device.before, device.after, device.change) == (*published, published[1] - published[0])
    assert {c.component for c in change.components} >= {"weight", "national_rate", "wage_index"}  # kept
    assert "device portion (not wage-adjusted) 5661.70 -> 5594.25" in change.explanation
    for when in ("2025-10-15", "2026-04-15"):  # the device portion price uses
        asc = pricer.price("27447", zip_code="10001", date_of_service=dt.date.fromisoformat(when)).asc
        assert asc.device_portion == published[0 if when < "2026" else 1]
    table = cli("compare", "27447", "--what", "asc", "--from", "2025-10", "--to", "2026-04", "--zip", "10001")
    assert table.exit_code == 0 and "5661.70 -> 5594.25" in " ".join(table.stdout.split())
    # nationally the device portion does not move the rate apart from the national rate: not listed
    (national,) = compare(pricer, ["27447"], from_="2025-10", to="2026-04", what="asc").codes
    assert "device_portion" not in {c.component for c in national.components}


def test_named_codes_paid_apart_are_not_comparable_as_in_all_codes(cli) -> None:  # type: ignore[no-untyped-def]
    """A review: `compare G0008 Q3014 --from 2025 --to 2026` said "unchanged" (status X in both RVU files) where
    `compare --all` says them not comparable: G0008 is paid from Medicare's vaccine administration payment, Q3014 is
    the telehealth originating site fee. The named form says so with --all's reason, naming them on stderr; 99213
    beside them is compared. Every code answered: exit 0 (an analyst's trial: a code another schedule pays is neither
    not found nor not payable, README's exit codes; it was exit 1 with no row in error)."""
    result = cli("compare", "G0008", "Q3014", "99213", "--from", "2025", "--to", "2026", "-f", "json")
    assert result.exit_code == 0, result.output
    assert "not on the PFS, paid from their own fee schedules: G0008, Q3014" in result.stderr
    by_code = {change["code"]: change for change in json.loads(result.stdout)["codes"]}
    for code, said in (("G0008", "vaccine administration payment"),
                       ("Q3014", "telehealth originating site facility fee")):  # fmt: skip
        change = by_code[code]
        assert change["change"] == "not_comparable", change
        assert said in change["not_comparable_reason"] and NOT_ON_THE_PFS in change["not_comparable_reason"]
        assert ".." not in change["explanation"]
    assert by_code["99213"]["change"] == "changed"


def test_the_why_of_a_code_paid_outside_the_pfs_is_its_not_comparable_reason(cli, pricer) -> None:  # type: ignore[no-untyped-def]
    """A review: the table's Why of G0008, Q3014 (named) and 90686, 80053 (--all) began "Not payable (2025D office and
    facility, 2026C office and facility): No PFS payment: status X: Statutory exclusion ..." before the not comparable
    reason that replaces it. It leads with that reason alone; a not payable amount of a comparable code (15824, status
    C) still says why."""
    from rvucalc.cli.compare_cmd import _why

    named = compare(pricer, ["G0008", "Q3014", "15824"], from_=2025, to=2026)
    whole = compare(pricer, None, from_=2025, to=2026, all_codes=True)
    everything = {(c.code, c.modifier): c for c in whole.codes}
    for result, changes in ((named, [c for c in named.codes if c.code != "15824"]),
                            (whole, [everything[("90686", None)], everything[("80053", None)]])):  # fmt: skip
        for change in changes:
            why = _why(change, result)
            assert change.change == "not_comparable", change.code
            assert why.startswith(f"Not comparable: {change.code} {NOT_ON_THE_PFS}"), why
            assert "Not payable" not in why and "Statutory exclusion" not in why, why
    assert _why(next(c for c in named.codes if c.code == "15824"), named).startswith("Priced by the MAC (2025D office")
    table = cli("compare", "G0008", "--from", "2025", "--to", "2026")
    assert "Not comparable: G0008" in table.stdout and "Statutory exclusion" not in table.stdout, table.stdout


@pytest.mark.slow
def test_codes_the_mac_prices_are_not_comparable_with_price_s_reason(cli, pricer) -> None:  # type: ignore[no-untyped-def]
    """A payer analyst's trial: `compare J3490` said "unchanged" (status E, no PFS amount in either release) and
    `compare 81099` "not_found" (it is in both RVU files, status X), where `price` says the MAC prices them (a not
    otherwise classified drug, an unlisted lab test no CLFS file lists). Not comparable with price's office reason,
    named and in --all alike (exit 0 as for G0008: answered); 99213 beside them is compared."""
    result = cli("compare", "J3490", "81099", "99213", "--from", "2025", "--to", "2026", "-f", "json")
    assert result.exit_code == 0 and "J3490" in result.stderr and "81099" in result.stderr, result.output
    by_code = {change["code"]: change for change in json.loads(result.stdout)["codes"]}
    whole = compare(pricer, None, from_=2025, to=2026, all_codes=True)
    everything = {(c.code, c.modifier): c for c in whole.codes}
    for code in ("J3490", "81099"):
        said = str(pricer.price(code, year=2026).sites[0].reason).rstrip(".")
        assert "the mac prices it" in said.lower()
        listed = everything[(code, None)]
        for change, reason in ((by_code[code]["change"], by_code[code]["not_comparable_reason"]),
                               (listed.change, listed.not_comparable_reason)):  # fmt: skip
            assert change == "not_comparable" and reason == f"{code} {NOT_ON_THE_PFS}: {said}", (code, reason)
    assert by_code["99213"]["change"] == "changed" and result.exit_code == 0


# -- an analyst's trial: each setting's own split, what-if CF labelled, NA PE RVUs -------------------------------


def _fee(total_rvus: str, cf: str) -> Decimal:
    return (Decimal(total_rvus) * Decimal(cf)).quantize(CENT, rounding=ROUND_HALF_UP)  # national GPCIs 1.000


def test_the_why_gives_each_setting_its_own_split(cli, pricer) -> None:  # type: ignore[no-untyped-def]
    """The table's Why gave one split, the office's, beside both settings' changes: 11102's facility -$6.17 (-17.03%)
    read "RVUs -$3.24, CF +$3.02", which sums to the office's -$0.22. Each setting's split, named.
    PPRRVU2025_Oct.csv (CF 32.3465): 11102 non-facility total 2.96, facility total 1.12;
    PPRRVU2026_Jul_nonQPP.csv (CF 33.4009): 2.86 and 0.90. 17311: 20.44 / 10.60 -> 19.97 / 8.59."""
    from rvucalc.cli.compare_cmd import _why

    old, new = "32.3465", "33.4009"
    expected = {}
    for code, (office_before, facility_before, office_after, facility_after) in {
        "11102": ("2.96", "1.12", "2.86", "0.90"),
        "17311": ("20.44", "10.60", "19.97", "8.59"),
    }.items():
        lines = []
        for label, before, after in (("Office", office_before, office_after), ("Facility", facility_before,
                                                                               facility_after)):  # fmt: skip
            start, rvus, end = _fee(before, old), _fee(after, old), _fee(after, new)
            rvu_part, cf_part = rvus - start, end - rvus

            def signed(value: Decimal) -> str:
                return f"{'+' if value >= 0 else '-'}${abs(value):,.2f}"

            lines.append(f"{label} {signed(end - start)}: RVUs {signed(rvu_part)}, CF {signed(cf_part)}")
        expected[code] = lines
    assert expected["11102"] == ["Office -$0.22: RVUs -$3.24, CF +$3.02", "Facility -$6.17: RVUs -$7.12, CF +$0.95"]
    result = compare(pricer, ["11102", "17311"], from_=2025, to=2026)
    for change in result.codes:
        why = _why(change, result).splitlines()
        assert why[:2] == expected[change.code], why
    table = cli("compare", "11102", "--from", "2025", "--to", "2026")
    assert table.exit_code == 0 and "Facility -$6.17:" in table.stdout and "Office -$0.22:" in table.stdout
    # CSV and JSON, which had each split all along, keep their columns
    out = cli("compare", "11102", "--from", "2025", "--to", "2026", "-f", "csv")
    (row,) = list(csv.DictReader(io.StringIO(out.stdout)))
    assert (row["facility_from_rvu"], row["facility_from_conversion_factor"]) == ("-7.12", "0.95")
    assert (row["non_facility_from_rvu"], row["non_facility_from_conversion_factor"]) == ("-3.24", "3.02")


def test_a_what_if_cf_side_is_labelled_what_if(cli) -> None:  # type: ignore[no-untyped-def]
    """`compare 99213 --from 2025 --to 2026 --conversion-factor 34.2359 -f csv` said conversion_factor_kind_after
    non_qp (qp with --qp), though the user's CF priced that side; price labels it what_if. 99213 RVU26C non-facility
    total 2.85: 2.85 x 34.2359 = 97.572315 -> $97.57."""
    for extra in ([], ["--qp"]):
        out = cli("compare", "99213", "--from", "2025", "--to", "2026", "--conversion-factor", "34.2359", *extra,
                  "-f", "csv")  # fmt: skip
        assert out.exit_code == 0, out.output
        (row,) = list(csv.DictReader(io.StringIO(out.stdout)))
        assert (row["conversion_factor_kind_before"], row["conversion_factor_kind_after"]) == ("single", "what_if")
        assert row["non_facility_after"] == str(_fee("2.85", "34.2359")) == "97.57"
        assert "what-if" in row["scenario"]


def test_a_pe_rvu_of_a_setting_na_in_both_releases_is_not_a_factor_that_moved(cli, pricer) -> None:  # type: ignore[no-untyped-def]
    """66984 is NA in the office in both releases (PPRRVU2025_Oct.csv: non-facility PE 8.23, NA; RVU26C: 6.14, NA);
    92134 NA in the facility (0.63 -> 0.65, NA). The Why listed "office PE RVU 8.23 -> 6.14" and "facility PE RVU
    0.63 -> 0.65" as if they had changed an amount. The setting's PE RVU is left out; the other setting's stays
    (66984's facility PE RVU 8.23 -> 6.14, 92134's office 0.63 -> 0.65), and 92134-26 (NA nowhere) keeps both."""
    from rvucalc.cli.compare_cmd import _why

    for whole in (False, True):
        result = (compare(pricer, all_codes=True, from_=2025, to=2026) if whole
                  else compare(pricer, ["66984", "92134", "92134-26"], from_=2025, to=2026))  # fmt: skip
        by_code = {(c.code, c.modifier or ""): c for c in result.codes}
        moved = {key: {c.component: (str(c.before), str(c.after)) for c in by_code[key].components}
                 for key in (("66984", ""), ("92134", ""), ("92134", "26"))}  # fmt: skip
        assert "pe_non_facility_rvu" not in moved[("66984", "")]
        assert moved[("66984", "")]["pe_facility_rvu"] == ("8.23", "6.14")
        assert "pe_facility_rvu" not in moved[("92134", "")]
        assert moved[("92134", "")]["pe_non_facility_rvu"] == ("0.63", "0.65")
        assert moved[("92134", "26")]["pe_facility_rvu"] == moved[("92134", "26")]["pe_non_facility_rvu"]
        assert "office PE RVU" not in _why(by_code[("66984", "")], result)
        assert "facility PE RVU" not in _why(by_code[("92134", "")], result)
    out = cli("compare", "66984", "--from", "2025", "--to", "2026", "-f", "csv")
    (row,) = list(csv.DictReader(io.StringIO(out.stdout)))
    assert "pe_non_facility_rvu" not in row["components"] and "office PE RVU" not in row["explanation"]
    assert row["facility_after"] == str(_fee("13.85", "33.4009"))  # RVU26C 66984 facility total 13.85: $462.60


def test_a_packaged_code_is_said_packaged_in_the_table_not_zero_dollars_unchanged(pricer) -> None:  # type: ignore[no-untyped-def]
    """A revenue-cycle review: `compare 64484 --what opps --from 2025-01 --to 2025-10` showed "$0.00 unchanged" for a
    code CMS's Addendum B marks SI N (packaged, no rate) in both quarters, read as a free service. The table says
    "packaged" in both quarters and why; JSON says so per side; a paid code beside it is as before."""

    from rvucalc.cli import app

    releases = {r.release: r for r in pricer.dataset_releases("opps")}
    for name in ("2025-01", "2025-10"):  # CMS's Addendum B: 64484 SI N (no rate), 64483 a rate of its own
        assert pricer.store(releases[name]).opps("64484")["si"] == "N"
        assert pricer.store(releases[name]).opps("64483")["si"] != "N"
    runner = CliRunner()
    table = runner.invoke(app, ["compare", "64484", "64483", "--what", "opps", "--from", "2025-01", "--to", "2025-10"])
    assert table.exit_code == 0, table.output
    [row] = [line for line in table.stdout.splitlines() if "64484" in line]
    assert row.count("packaged") >= 2 and "$0.00" not in row, row
    assert "Packaged in both 2025-01 and 2025-10" in table.stdout and "SI N" in table.stdout
    [paid] = [line for line in table.stdout.splitlines() if "64483" in line]
    assert "packaged" not in paid and "$" in paid
    doc = json.loads(runner.invoke(app, ["compare", "64484", "64483", "--what", "opps", "--from", "2025-01", "--to",
                                         "2025-10", "-f", "json"]).stdout)  # fmt: skip
    rate = {code["code"]: code["amounts"]["rate"] for code in doc["codes"]}
    assert rate["64484"]["packaged_before"] and rate["64484"]["packaged_after"]
    assert not rate["64483"]["packaged_before"] and not rate["64483"]["packaged_after"]
