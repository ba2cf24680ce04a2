"""A lab, DME and drug supplier's trial: automated chemistry tests billed one by one on a date, insulin for a Part B
insulin pump, capped rental items without their month's modifier, MS on a rental, and flu vaccines. Each against
CMS's shipped files (the CLFS, ASP and DMEPOS files in ``data/``), the single lookup and batch alike."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from conftest import MONEY, SITE_MEASURES
from rvucalc.batch.price import BatchPricer
from rvucalc.lookup.pricer import Pricer, deductible_note
from test_differential import _note

DATA = Path(__file__).resolve().parents[1] / "data"
CLFS_Q2 = DATA / "clfs" / "2026" / "PUF_CLFS_CY2026_Q2V1.csv"
ASP_Q1 = DATA / "asp" / "2026" / "section 508 version of January 2026 Medicare Part B Payment Limit File 121725.csv"
# The trial's claim: the eight tests of a basic metabolic panel (80048), billed one by one by an independent lab.
BMP_TESTS = ["82947", "82565", "84132", "84295", "82435", "82374", "84520", "82310"]
DATE = "2026-03-01"
ZIP = "75201"  # Dallas, Texas: the DMEPOS fee schedule's TX column


def _clfs_rates() -> dict[str, Decimal]:
    """CMS's CLFS rates (no modifier) from the shipped Q2 2026 public use file (its Q1 rates are the same)."""
    with CLFS_Q2.open(newline="", encoding="latin-1") as handle:
        rows = list(csv.reader(handle))
    header = next(i for i, row in enumerate(rows) if row[:2] == ["YEAR", "HCPCS"])
    return {row[1]: Decimal(row[5]) for row in rows[header + 1 :] if len(row) > 5 and not row[2]}


def _asp_row(code: str) -> list[str]:
    with ASP_Q1.open(newline="", encoding="latin-1") as handle:
        return next(row for row in csv.reader(handle) if row and row[0] == code)


def _money(value: Any) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value)).quantize(Decimal("0.01"))


def _agree(out: dict[str, Any], single: Any, setting: str, row: dict[str, str]) -> None:
    """A batch row and the single lookup of its line: every money column, site and the note."""
    assert (out["error"], out["error_kind"]) == ("", ""), out["error"]
    assert (out["note"], out["comparison_note"]) == _note(single, setting, row)
    for name, value in MONEY.items():
        assert _money(out[name]) == _money(value(single)), name
    for site in single.sites:
        for measure, attribute in SITE_MEASURES.items():
            assert _money(out[f"{site.setting}_{measure}"]) == _money(getattr(site, attribute) if site.payable
                                                                      else None), (site.setting, measure)  # fmt: skip


# -- 1. automated chemistry tests of one date: a note, each test's CLFS rate kept --------------------------------


def test_bmp_tests_billed_one_by_one_keep_their_clfs_rates_and_say_the_mac_prices_them_together(
    pricer: Pricer,
) -> None:
    rates = _clfs_rates()
    result = pricer.price_encounter(BMP_TESTS, date_of_service=DATE, setting="81")
    assert [line.clfs.amount for line in result.lines] == [rates[code] for code in BMP_TESTS]
    [office] = result.totals.values()
    assert office.total == sum(rates[code] for code in BMP_TESTS) == Decimal("37.21")
    for line in result.lines:
        [said] = [note for note in line.notes if note.startswith("Chemistry panel tests on one date")]
        assert "ch. 16 §90.2" in said and "automated test panel rates CMS's CLFS file does not carry" in said
        assert "every test of 80048 (basic metabolic panel)" in said  # the eight are 80048's tests
    alone = pricer.price("82947", date_of_service=DATE)
    assert not any("Chemistry panel" in note for note in alone.notes)


def test_the_chemistry_note_says_when_tests_are_several_or_beside_a_panel() -> None:
    from rvucalc.engine.schedules import CHEMISTRY_CODES, chemistry_panel_note

    assert chemistry_panel_note(["80053"]) is None and chemistry_panel_note(["82947", "85025"]) is None
    beside = chemistry_panel_note(["80053", "82947"])
    assert beside is not None and "(80053, 82947)" in beside and "every test of" not in beside
    # The electrolyte panel's tests are 80048's too: the widest panel is named, once.
    whole = chemistry_panel_note(BMP_TESTS)
    assert whole is not None and whole.count("every test of") == 1
    assert whole == chemistry_panel_note(list(reversed(BMP_TESTS)))  # whatever the order
    assert {"80047", "80048", "80053", "82947", "84520"} <= set(CHEMISTRY_CODES)


def test_batch_claims_say_the_chemistry_note_as_price_does(pricer: Pricer) -> None:
    """A claim's lab lines on one date carry the encounter's note, and the same rows without a claim id do not
    (as the single lookup of each line alone)."""
    codes = [*BMP_TESTS, "80053", "82040", "85025"]
    claims = ["L1"] * 8 + ["L2"] * 3
    rows = [
        {"claim": claim, "code": code, "date": DATE, "setting": "81", "zip": ZIP}
        for claim, code in zip(claims, codes, strict=True)
    ]
    table = pa.table({name: [row[name] for row in rows] for name in rows[0]})
    priced = BatchPricer(pricer).price_table(table).to_pylist()
    first = pricer.price_encounter(BMP_TESTS, zip_code=ZIP, date_of_service=DATE, setting="81").lines
    second = pricer.price_encounter(["80053", "82040", "85025"], zip_code=ZIP, date_of_service=DATE, setting="81").lines
    for row, out, single in zip(rows, priced, [*first, *second], strict=True):
        _agree(out, single, "office", row)
    assert "Chemistry panel tests on one date (80053, 82040)" in priced[8]["note"]
    assert "Chemistry panel" not in priced[10]["note"]  # 85025, a blood count, is no chemistry test
    alone = BatchPricer(pricer).price_table(table.drop_columns(["claim"])).to_pylist()
    assert not any("Chemistry panel" in out["note"] for out in alone)


# -- 2. insulin through a Part B insulin pump -------------------------------------------------------------------


def test_insulin_for_a_pump_caps_the_patient_at_35_dollars_and_owes_no_deductible(pricer: Pricer) -> None:
    limit = Decimal(_asp_row("J1817")[3])  # CMS's January 2026 payment limit per 50 units: 3.200
    result = pricer.price("J1817", units=100, date_of_service=DATE)
    assert result.drug.amount == (limit * 100).quantize(Decimal("0.01")) == Decimal("320.00")
    assert result.drug.beneficiary == Decimal("35.00")  # 20% is $64.00: capped at one month's $35.00
    assert result.drug.medicare == result.drug.amount - Decimal("35.00")
    office = next(site for site in result.sites if site.setting == "office")
    assert (office.total, office.beneficiary, office.medicare) == (Decimal("320.00"), Decimal("35.00"),
                                                                   Decimal("285.00"))  # fmt: skip
    [said] = [note for note in result.drug.notes if note.startswith("Insulin through a Part B insulin pump")]
    assert "each month's supply" in said and "deductible does not apply" in said
    assert deductible_note(2026) not in result.notes
    # Under the cap: the file's 20%, still no deductible.
    small = pricer.price("J1817", units=10, date_of_service=DATE)
    assert small.drug.beneficiary == (limit * 10 * Decimal("0.2")).quantize(Decimal("0.01")) == Decimal("6.40")
    assert deductible_note(2026) not in small.notes
    # Another drug keeps its 20% and the deductible note.
    other = pricer.price("J1885", units=2, date_of_service=DATE)
    assert deductible_note(2026) in other.notes


# -- 3 and 4. capped rental items: the month's modifier, and MS ------------------------------------------------


def test_a_capped_rental_billed_rr_alone_says_which_month_it_was_priced_at(pricer: Pricer) -> None:
    result = pricer.price("E0601", modifier="RR", state="TX", date_of_service=DATE)
    assert result.dmepos.amount == Decimal("50.91")  # DMEPOS26_JAN: E0601 RR, CATG CR, TX (NR) 50.91
    [said] = [note for note in result.dmepos.notes if "billed RR without KH, KI or KJ" in note]
    assert "rental fee of months 1-3" in said and "75%" in said
    for month in ("KH", "KI"):
        given = pricer.price("E0601", modifier=f"RR-{month}", state="TX", date_of_service=DATE)
        assert given.dmepos.amount == Decimal("50.91")
        assert not any("without KH, KI or KJ" in note for note in given.dmepos.notes)
    wheelchair = pricer.price("K0823", modifier="RR", state="TX", date_of_service=DATE)
    assert any("40% of it" in note for note in wheelchair.dmepos.notes)


def test_the_kj_note_cites_cms_s_capped_rental_rule_without_a_hedge(pricer: Pricer) -> None:
    """Months 4-13 pay 7.5% of the purchase price against 10% in months 1-3 (power wheelchairs 6% against 15%):
    Claims Processing Manual ch. 20 §30.5.4, 42 CFR 414.229(f). The note said "(rvucalc's reading of CMS's
    capped-rental rule)" while the rule was unverified, and the RR note held a "; " (a batch note's separator)."""
    rental = pricer.price("E0601", modifier="RR", state="TX", date_of_service=DATE)
    later = pricer.price("E0601", modifier="RR-KJ", state="TX", date_of_service=DATE)
    assert rental.dmepos.amount is not None and later.dmepos.amount is not None
    exact = rental.dmepos.amount * Decimal("7.5") / Decimal("10")  # DMEPOS26_JAN's TX RR fee, 7.5/10 of it
    assert later.dmepos.amount == exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    [kj] = [note for note in later.dmepos.notes if note.startswith("KJ (")]
    assert "rvucalc's reading" not in kj and "ch. 20 §30.5.4" in kj and "7.5% of the purchase price against 10%" in kj
    wheelchair = pricer.price("K0823", modifier="RR-KJ", state="TX", date_of_service=DATE)
    [kj] = [note for note in wheelchair.dmepos.notes if note.startswith("KJ (")]
    assert "40% of the rental fee" in kj and "6% of the purchase price against 15%" in kj
    for result in (rental, later, wheelchair):
        assert not any("; " in note for note in result.dmepos.notes), result.dmepos.notes


def test_ms_on_a_rental_with_no_ms_fee_is_not_payable(pricer: Pricer) -> None:
    for modifier in ("RR-MS", "MS"):
        result = pricer.price("E0601", modifier=modifier, state="TX", date_of_service=DATE)
        assert not result.dmepos.payable and result.dmepos.amount is None
        assert "has no MS fee for E0601" in result.dmepos.reason
        office = next(site for site in result.sites if site.setting == "office")
        assert not office.payable and office.status == "not_payable"
    pump = pricer.price("B9002", modifier="MS", state="TX", date_of_service=DATE)  # the PEN file has its MS row
    assert pump.dmepos.payable and pump.dmepos.modifier == "MS"


# -- 5. flu and pneumococcal vaccines -----------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["90662", "90732"])
def test_flu_and_pneumococcal_vaccines_owe_no_deductible_or_coinsurance(pricer: Pricer, code: str) -> None:
    row = _asp_row(code)
    result = pricer.price(code, date_of_service=DATE)
    assert result.drug.amount == Decimal(row[3]).quantize(Decimal("0.01"))
    office = next(site for site in result.sites if site.setting == "office")
    assert office.beneficiary == Decimal("0.00") and office.medicare == office.total
    assert deductible_note(2026) not in result.notes
    assert any("no Part B deductible and no coinsurance" in note for note in result.notes)
    if row[10]:  # the file's own note (90662: the Seasonal Influenza Vaccines Pricing webpage)
        assert f"CMS's payment limit file notes: {row[10]}" in result.drug.notes
    else:
        assert not any("payment limit file notes" in note for note in result.drug.notes)


def test_the_supplier_lines_price_the_same_in_batch(pricer: Pricer) -> None:
    rows = [
        {"code": "J1817", "modifier": "", "units": "100", "state": "", "setting": "office"},
        {"code": "J1811", "modifier": "", "units": "10", "state": "", "setting": ""},
        {"code": "90662", "modifier": "", "units": "", "state": "", "setting": "office"},
        {"code": "90677", "modifier": "", "units": "", "state": "", "setting": ""},
        {"code": "E0601", "modifier": "RR", "units": "", "state": "TX", "setting": "office"},
        {"code": "E0601", "modifier": "RR-KH", "units": "", "state": "TX", "setting": ""},  # after RR: its own note
        {"code": "E0601", "modifier": "RR-KJ", "units": "", "state": "TX", "setting": ""},
        {"code": "E0601", "modifier": "RR-MS", "units": "", "state": "TX", "setting": ""},
        {"code": "B9002", "modifier": "MS", "units": "", "state": "TX", "setting": ""},
    ]
    rows = [{**row, "date": DATE, "zip": ZIP} for row in rows]
    table = pa.table({name: [row[name] for row in rows] for name in rows[0]})
    priced = BatchPricer(pricer).price_table(table).to_pylist()
    for row, out in zip(rows, priced, strict=True):
        single = pricer.price(row["code"], modifier=row["modifier"] or None, units=int(row["units"] or 1),
                              state=row["state"] or None, zip_code=ZIP, date_of_service=DATE)  # fmt: skip
        _agree(out, single, row["setting"], row)
        if row["setting"]:
            [site] = [s for s in single.sites if s.setting == row["setting"]]
            assert _money(out["beneficiary"]) == _money(site.beneficiary if site.payable else None), row
    assert _money(priced[0]["beneficiary"]) == Decimal("35.00")
    assert priced[7]["allowed"] is None and "has no MS fee for E0601" in priced[7]["note"]


def test_batch_says_the_deductible_only_for_lines_that_owe_it(pricer: Pricer) -> None:
    """The run's deductible note (said once, not on the rows) is for lines that owe one: as the single lookup, not for
    insulin for a DME pump or a flu vaccine alone."""
    from rvucalc.batch.lines import run_notes_of

    def run_notes(codes: list[str]) -> list[str]:
        table = pa.table({"code": codes, "units": ["100"] * len(codes), "date": [DATE] * len(codes)})
        return run_notes_of(BatchPricer(pricer).price_table(table))

    assert run_notes(["J1817", "90662"]) == []
    assert run_notes(["J1817", "J1885"]) == [deductible_note(2026)]
