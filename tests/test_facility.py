"""Hospital outpatient (OPPS) and ASC facility payments, the geography behind them, and the three sites.

Expected national figures are read here straight from CMS's addenda (an independent
parse with the csv module), not typed in.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.facility import price_asc, price_opps
from rvucalc.engine.facility_meanings import ASC_PI, OPPS_SI
from rvucalc.paths import data_dir
from rvucalc.reference.releases import installed_releases

runner = CliRunner()
CENT = Decimal("0.01")


def money(text: str) -> Decimal | None:
    cleaned = text.replace("$", "").replace(",", "").strip()
    return None if cleaned in ("", ".") else Decimal(cleaned)


def raw_rows(path: Path, first_header_cell: str) -> list[dict[str, str]]:
    """CMS's rows under the header that starts with ``first_header_cell``, keyed by header text."""
    with path.open(newline="", encoding="cp1252") as handle:
        rows = list(csv.reader(handle))
    start = next(i for i, row in enumerate(rows) if row and row[0].strip() == first_header_cell)
    header = [" ".join(name.split()) for name in rows[start]]
    codes = [row for row in rows[start + 1 :] if row and re.fullmatch(r"[0-9A-Z]{5}", row[0].strip(" \xff"))]
    return [dict(zip(header, row, strict=False)) for row in codes]


def column(row: dict[str, str], suffix: str) -> str:
    return next(value for name, value in row.items() if name.endswith(suffix))


# -- national rates equal the addenda, every row --------------------------------------


def test_national_opps_rates_equal_addendum_b_for_every_row(pricer) -> None:  # type: ignore[no-untyped-def]
    release = next(r for r in installed_releases("opps") if r.release == "2025-10")
    store = pricer.store(release)
    raw = raw_rows(release.path("addendum_b"), "HCPCS Code")
    checked = packaged = 0
    for row in raw:
        code = row["HCPCS Code"].strip(" \xff")
        expected = money(row["Payment Rate"])
        result = price_opps(store.opps(code), code, 2025, None, release.release)
        assert result.status_indicator == row["SI"].strip(), code
        if result.status_indicator == "N":  # packaged: no rate in the file, $0.00 paid, no copayment
            assert (result.payable, expected, result.rate, result.copayment) == (True, None, 0, 0), code
            packaged += 1
        elif result.payable:
            assert result.national_rate == expected, code
            assert result.rate == expected.quantize(CENT, ROUND_HALF_UP), code  # type: ignore[union-attr]
            checked += 1
    assert len(raw) == 18798 and checked > 6000 and packaged > 2000


@pytest.mark.parametrize("release_name", ["2025-01", "2025-04", "2025-07", "2025-10", "2026-01", "2026-04"])
def test_national_asc_rates_equal_addendum_aa_for_every_row(pricer, release_name: str) -> None:  # type: ignore[no-untyped-def]
    release = next(r for r in installed_releases("asc") if r.release == release_name)
    store = pricer.store(release)
    raw = raw_rows(release.path("aa"), "HCPCS Code")
    for row in raw:
        code = row["HCPCS Code"].strip()
        rows = {name: store.asc(name, code) for name in ("aa", "bb", "ee", "ff")}
        result = price_asc(rows, code, None, release.release)
        assert result.payment_indicator == column(row, "Payment Indicator").strip(), code
        assert result.national_rate == money(column(row, "Payment Rate")), code
        if result.payment_indicator == "N1":  # packaged: no rate in the file, $0.00 paid, no coinsurance
            assert (result.payable, result.national_rate, result.rate, result.coinsurance) == (True, None, 0, 0)
        elif result.payable:
            assert result.rate == result.national_rate, code
            assert result.coinsurance == (result.rate * Decimal("0.2")).quantize(CENT, ROUND_HALF_UP)  # type: ignore[operator]
    assert len(raw) > 4000


# CMS rows whose published rate is not weight x CF (checked by hand against the addenda).
NOT_WEIGHT_TIMES_CF = {
    ("2025-07", "0973T"), ("2025-07", "0975T"), ("2025-07", "0981T"),
    ("2025-10", "0973T"), ("2025-10", "0975T"), ("2025-10", "0981T"),
    ("2026-01", "0871T"), ("2026-04", "0871T"), ("2026-07", "0871T"),
}  # fmt: skip
WEIGHT_PRICED = {"A2", "G2", "P2", "R2", "Z2", "D2", "J8"}


def test_weight_times_conversion_factor_reproduces_asc_rates(pricer) -> None:  # type: ignore[no-untyped-def]
    exceptions = set()
    checked = 0
    for release in installed_releases("asc"):
        cf = Decimal(release.conversion_factors["default"])
        for table in ("asc_aa", "asc_bb"):
            for row in pricer.store(release).rows(table):
                if row["pi"] not in WEIGHT_PRICED or row["weight"] is None:
                    continue
                expected = (Decimal(row["weight"]).scaleb(-4) * cf).quantize(CENT, ROUND_HALF_UP)
                if Decimal(row["rate"]).scaleb(-2) != expected:
                    exceptions.add((release.release, row["hcpcs"]))
                checked += 1
    assert exceptions == NOT_WEIGHT_TIMES_CF
    assert checked > 20_000


def test_every_status_and_payment_indicator_in_the_files_has_a_meaning(pricer) -> None:  # type: ignore[no-untyped-def]
    sis = {row["si"] for r in installed_releases("opps") for row in pricer.store(r).rows("opps")}
    pis = {
        row["pi"]
        for r in installed_releases("asc")
        for table in ("asc_aa", "asc_bb", "asc_ff")
        for row in pricer.store(r).rows(table)
    }
    assert sis - OPPS_SI.keys() == set()
    assert pis - ASC_PI.keys() == set()


# -- wage adjustment --------------------------------------------------------------------


def test_opps_rate_and_copayment_are_wage_adjusted_at_60_percent(pricer) -> None:  # type: ignore[no-untyped-def]
    result = pricer.price("66984", zip_code="10001", year=2025)
    wage = result.location.wage_index
    assert (result.location.cbsa, wage) == ("35614", Decimal("1.3138"))
    factor = Decimal("0.60") * wage + Decimal("0.40")
    assert result.opps.national_rate == Decimal("2280.730")
    assert result.opps.rate == (Decimal("2280.73") * factor).quantize(CENT, ROUND_HALF_UP)
    assert result.opps.national_copayment == Decimal("456.15")  # the 20% minimum
    assert result.opps.copayment == (Decimal("456.15") * factor).quantize(CENT, ROUND_HALF_UP)


def test_drugs_blood_and_sources_are_paid_their_national_opps_rate(pricer) -> None:  # type: ignore[no-untyped-def]
    """CMS's OPPS Pricer wage-adjusts only SI S, V, T, P, X, J1 and J2 lines; drugs and biologicals (G, K, K1),
    blood (R) and brachytherapy sources (U) are paid Addendum B's national rate and copayment whatever the wage
    index: every such row of Addendum B (read with the csv module) at a ZIP of wage index 1.3138, single lookups
    and batch alike."""
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer

    release = next(r for r in installed_releases("opps") if r.release == "2025-10")
    fixed = [(row["HCPCS Code"].strip(" \xff"), row["SI"].strip(), money(row["Payment Rate"]),
              money(row["National Unadjusted Copayment"]), money(row["Minimum Unadjusted Copayment"]),
              money(row["Adjusted Beneficiary Copayment"]) if money(row["IRA Coinsurance percentage"].strip("%"))
              else None)
             for row in raw_rows(release.path("addendum_b"), "HCPCS Code")
             if row["SI"].strip() in ("G", "K", "K1", "R", "U") and money(row["Payment Rate"])]  # fmt: skip
    assert {si for _, si, *_ in fixed} == {"G", "K", "K1", "R", "U"}
    codes = [code for code, *_ in fixed]
    table = pa.table({"code": codes, "zip": ["10001"] * len(codes), "date": ["2025-11-03"] * len(codes),
                      "setting": ["hopd"] * len(codes)})  # fmt: skip
    rows = BatchPricer(pricer).price_table(table).to_pylist()
    for (code, si, rate, national, minimum, adjusted), row in zip(fixed, rows, strict=True):
        single = pricer.price(code, zip_code="10001", date_of_service="2025-11-03")
        assert single.location.wage_index == Decimal("1.3138") and single.opps.release == "2025-10"
        assert single.opps.rate == rate.quantize(CENT, ROUND_HALF_UP) and single.opps.labor_share == 0, code  # type: ignore[union-attr]
        unadjusted = max(national or Decimal(0), minimum or Decimal(0))
        copayment = min(unadjusted if adjusted is None else adjusted, Decimal("1676.00"))  # 2025's cap
        if si in ("K", "K1") and adjusted is None and unadjusted:
            # A drug's copayment is 20% of the line's payment, rounded once (CMS's OPPS Pricer,
            # AdjustMinimumCoinsurance2023): Addendum B's per-unit minimum copayment to within a cent (90375:
            # $279.85 x 20% = $55.97, Addendum B $55.98; J1010 $0.12: $0.02, Addendum B $0.03).
            pricer_share = (single.opps.rate * Decimal("0.2")).quantize(CENT, ROUND_HALF_UP)  # type: ignore[operator]
            assert abs(pricer_share - unadjusted) <= CENT, code
            copayment = min(pricer_share, Decimal("1676.00"))
        assert single.opps.copayment == copayment, code
        assert any(f"SI {si}: paid at the national rate" in note for note in single.opps.notes)
        assert Decimal(str(row["opps_rate"])).quantize(CENT) == single.opps.rate, code
        assert Decimal(str(row["opps_copayment"])).quantize(CENT) == single.opps.copayment, code
    procedure = pricer.price("66984", zip_code="10001", date_of_service="2025-11-03")
    assert procedure.opps.labor_share == 60 and procedure.opps.rate != procedure.opps.national_rate


def test_asc_rate_is_wage_adjusted_at_50_percent(pricer) -> None:  # type: ignore[no-untyped-def]
    result = pricer.price("66984", zip_code="36701", date_of_service=dt.date(2026, 4, 15))
    assert result.asc.release == "2026-04" and result.asc.payment_indicator == "A2"
    assert result.location.wage_index == Decimal("0.6367")  # rural Alabama, CY2026
    expected = (Decimal("1255.73") * (Decimal("0.5") * Decimal("0.6367") + Decimal("0.5"))).quantize(
        CENT, ROUND_HALF_UP
    )
    assert result.asc.rate == expected
    assert result.asc.coinsurance == (expected * Decimal("0.2")).quantize(CENT, ROUND_HALF_UP)


def test_device_intensive_asc_device_portion_is_not_wage_adjusted(pricer) -> None:  # type: ignore[no-untyped-def]
    result = pricer.price("22590", zip_code="10001")
    asc = result.asc
    assert (asc.payment_indicator, asc.national_rate, asc.device_portion) == (
        "J8",
        Decimal("8717.99"),
        Decimal("4135.21"),
    )
    service = Decimal("8717.99") - Decimal("4135.21")
    factor = Decimal("0.5") * Decimal("1.2951") + Decimal("0.5")
    assert asc.rate == (Decimal("4135.21") + service * factor).quantize(CENT, ROUND_HALF_UP)
    assert any("device portion" in note for note in asc.notes)


def test_wage_index_option_overrides_the_estimate(pricer) -> None:  # type: ignore[no-untyped-def]
    result = pricer.price("27447", zip_code="10001", year=2025, wage_index="1.31")
    assert result.location.wage_index == Decimal("1.31")
    assert "--wage-index" in (result.location.wage_index_source or "")
    factor = Decimal("0.6") * Decimal("1.31") + Decimal("0.4")
    assert result.opps.rate == (Decimal("12866.82") * factor).quantize(CENT, ROUND_HALF_UP)


# -- geography -----------------------------------------------------------------------------


def test_zip_in_a_metropolitan_division_uses_the_division_code(pricer) -> None:  # type: ignore[no-untyped-def]
    location = pricer.price("99213", zip_code="10001").location
    assert (location.county_fips, location.cbsa) == ("36061", "35614")  # CBSA 35620, division 35614
    assert "estimate" in (location.wage_index_source or "")


def test_the_wage_index_is_the_ascs_own_and_a_hospitals_estimate(pricer) -> None:  # type: ignore[no-untyped-def]
    """CMS pays an ASC with its CBSA's ASC wage index: in the ASC the figure is no estimate; a hospital's own may
    differ (reclassified, floored), so for the hospital it is one (a trial read "an estimate for a hospital" in the
    ASC's lookup)."""
    by_setting = {s: pricer.price("66984", zip_code="48104", setting=s).location.wage_index_source for s in
                  ("asc", "hopd", None)}  # fmt: skip
    assert by_setting["asc"] and "CBSA 11460" in by_setting["asc"] and "estimate" not in by_setting["asc"]
    assert "ASC" in by_setting["asc"] and "hospital" not in by_setting["asc"]
    assert "an estimate for a hospital" in (by_setting["hopd"] or "")
    assert "applies to an ASC" in (by_setting[None] or "") and "estimate" in (by_setting[None] or "")


def test_micropolitan_county_is_rural(pricer) -> None:  # type: ignore[no-untyped-def]
    location = pricer.price("99213", zip_code="57401").location  # Brown County, SD: Aberdeen micropolitan
    assert location.county_fips == "46013"
    assert location.cbsa_name == "South Dakota (rural)"
    assert len(location.cbsa or "") == 2


def test_county_in_no_cbsa_is_rural(pricer) -> None:  # type: ignore[no-untyped-def]
    location = pricer.price("99213", zip_code="59003").location  # Rosebud County, MT: in no CBSA
    assert location.county_fips == "30087"
    assert location.cbsa_name == "Montana (rural)"
    assert location.wage_index is not None


def test_zip_spanning_counties_uses_the_largest_share_and_reports_the_others(pricer) -> None:  # type: ignore[no-untyped-def]
    result = pricer.price("29881", zip_code="20106")  # the ASC's rate: the county's wage index (not 99213's)
    assert result.location.county_fips == "51047"
    assert {c.county_fips for c in result.location.other_counties} == {"51157", "51061"}
    # the three counties are all in division 11694: the county changes no rate, so the note says nothing of them
    # (tests/test_county_note_same_wage_area.py); 32425's other county is another wage area (CBSA 37460)
    assert not any("spans counties" in note for note in result.notes), result.notes
    other = pricer.price("29881", zip_code="32425")
    assert other.location.county_fips == "12059"
    assert any("spans counties" in note for note in other.notes)


def test_a_county_of_no_address_share_is_not_said(pricer) -> None:  # type: ignore[no-untyped-def]
    """A trial read "ZIP 40207 spans counties; using 21111 (100.0% of addresses). Others: 21029 (0.0%)" on every row:
    HUD's crosswalk lists 21029 for 40207 with no share worth a tenth of a percent. The county stays in the location's
    other_counties (the data), not in the note; 20106's counties of real shares are still said."""
    result = pricer.price("99213", zip_code="40207")
    assert result.location.county_fips == "21111"
    assert [c.county_fips for c in result.location.other_counties] == ["21029"]
    assert not any("spans counties" in note for note in result.notes), result.notes
    assert any("Others: 12133 (7.7%)" in note for note in pricer.price("29881", zip_code="32425").notes)


def test_duplicated_wage_index_is_not_guessed(pricer) -> None:  # type: ignore[no-untyped-def]
    result = pricer.price("66984", zip_code="36701", year=2025)  # rural Alabama is listed twice in 2025
    assert result.location.wage_index is None
    assert any("0.6471" in w and "0.7158" in w and "does not choose" in w for w in result.warnings)
    # not priced (no national rate for want of one wage index): the reason names each value and the option
    assert result.asc.rate is None and result.asc.national_rate is not None and result.asc.reason
    assert "at 0.6471 the ASC rate" in result.asc.reason and "at 0.7158 the ASC rate" in result.asc.reason
    assert "--asc-wage-index" in result.asc.reason


def test_locality_alone_gives_national_facility_rates_and_says_so(pricer) -> None:  # type: ignore[no-untyped-def]
    result = pricer.price("45378", locality="1320201", year=2025)
    assert result.location.cbsa is None and result.location.wage_index is None
    assert result.asc.rate == result.asc.national_rate
    assert any("no CBSA" in w for w in result.warnings)


# -- CMS facts ---------------------------------------------------------------------------------


def test_22590_in_2025_is_inpatient_only_and_excluded_from_ascs(pricer) -> None:  # type: ignore[no-untyped-def]
    result = pricer.price("22590", year=2025)
    assert result.opps.status_indicator == "C" and result.opps.payable is False
    assert "Inpatient only" in (result.opps.reason or "")
    assert result.asc.payable is False and "Addendum EE" in (result.asc.reason or "")
    assert [site.payable for site in result.sites] == [False, False, False]


def test_22590_in_2026_is_asc_covered_as_j8(pricer) -> None:  # type: ignore[no-untyped-def]
    result = pricer.price("22590")
    assert (result.asc.payment_indicator, result.asc.national_rate) == ("J8", Decimal("8717.99"))
    assert result.opps.payable is False
    assert "OPPS CY2026 rates not installed" in (result.opps.reason or "")
    hopd = next(site for site in result.sites if site.setting == "hopd")
    assert hopd.payable is False and hopd.total is None  # never $0.00


def test_27447_2025_hopd_copayment_is_capped_at_the_inpatient_deductible(pricer) -> None:  # type: ignore[no-untyped-def]
    result = pricer.price("27447", year=2025)
    assert result.opps.national_copayment == Decimal("2573.37")
    assert result.opps.copayment == Decimal("1676.00") and result.opps.copayment_capped


@pytest.mark.parametrize(("code", "date"), [("45378", "2025-08-04"), ("45385", "2025-11-03"), ("45380", "2025-02-03")])
def test_a_screening_turned_diagnostic_pays_15_percent_of_the_opps_rate_in_the_hospital(  # type: ignore[no-untyped-def]
    pricer, code: str, date: str
) -> None:
    """CAA 2021 §122 as the OPPS Pricer applies it: a PT line's coinsurance is at most 15% of its payment (2023-2026),
    here below Addendum B's 20% copayment; the professional share is 15% too. The batch row says the same."""
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer

    plain = pricer.price(code, zip_code="10001", date_of_service=date)
    marked = pricer.price(code, modifier="PT", zip_code="10001", date_of_service=date)
    rate = plain.opps.rate
    fifteen = (rate * Decimal("0.15")).quantize(CENT, ROUND_HALF_UP)
    assert plain.opps.copayment > fifteen  # Addendum B's copayment is 20% of the rate
    assert marked.opps.rate == rate and marked.opps.copayment == fifteen
    hopd = next(site for site in marked.sites if site.setting == "hopd")
    professional_share = (hopd.professional_payment * Decimal("0.15")).quantize(CENT, ROUND_HALF_UP)
    assert hopd.beneficiary == fifteen + professional_share
    table = pa.table({"code": [code], "modifier": ["PT"], "zip": ["10001"], "date": [date]})
    [row] = BatchPricer(pricer).price_table(table).to_pylist()
    assert Decimal(str(row["opps_copayment"])).quantize(CENT) == fifteen
    assert Decimal(str(row["hopd_beneficiary"])).quantize(CENT) == hopd.beneficiary
    # Beside a higher-paid SI T procedure (14000, $1,829.23 national) the line is paid 50%: the copayment is 15% of
    # that, as the Pricer caps the line's payment.
    claim = pricer.price_encounter([f"{code}-PT", "14000"], zip_code="10001", date_of_service=date)
    reduced_rate = claim.lines[0].opps.rate
    assert reduced_rate < rate
    assert claim.lines[0].opps.copayment == (reduced_rate * Decimal("0.15")).quantize(CENT, ROUND_HALF_UP)
    table = pa.table({"code": [code, "14000"], "modifier": ["PT", ""], "zip": ["10001"] * 2, "date": [date] * 2,
                      "claim": ["K", "K"]})  # fmt: skip
    rows = BatchPricer(pricer).price_table(table).to_pylist()
    assert Decimal(str(rows[0]["opps_copayment"])).quantize(CENT) == claim.lines[0].opps.copayment


def test_74_says_each_facility_pays_in_full(pricer) -> None:  # type: ignore[no-untyped-def]
    result = pricer.price("45380", modifier="74", zip_code="10001", date_of_service="2025-08-04")
    plain = pricer.price("45380", zip_code="10001", date_of_service="2025-08-04")
    assert result.opps.rate == plain.opps.rate and result.asc.rate == plain.asc.rate
    assert "74: discontinued after anesthesia, the OPPS rate paid in full." in result.opps.notes
    assert "74: discontinued after anesthesia, the ASC rate paid in full." in result.asc.notes


def test_sites_add_up(pricer) -> None:  # type: ignore[no-untyped-def]
    result = pricer.price("27447", zip_code="10001", year=2025)
    hopd = next(site for site in result.sites if site.setting == "hopd")
    assert hopd.facility_payment == result.opps.rate
    assert hopd.professional_payment == result.pfs.facility.amount
    assert hopd.total == hopd.facility_payment + hopd.professional_payment
    professional_share = (hopd.professional_payment * Decimal("0.2")).quantize(CENT, ROUND_HALF_UP)
    assert hopd.beneficiary == result.opps.copayment + professional_share
    assert hopd.medicare == hopd.total - hopd.beneficiary
    asc = next(site for site in result.sites if site.setting == "asc")
    assert asc.beneficiary == result.asc.coinsurance + professional_share


def test_sequestration_takes_2_percent_of_medicares_share(pricer) -> None:  # type: ignore[no-untyped-def]
    plain = pricer.price("99213", zip_code="10001").sites[0]
    cut = pricer.price("99213", zip_code="10001", sequestration=True).sites[0]
    assert cut.sequestration_applied and cut.beneficiary == plain.beneficiary
    assert cut.medicare == plain.medicare - (plain.medicare * Decimal("0.02")).quantize(CENT, ROUND_HALF_UP)


# -- CLI ----------------------------------------------------------------------------------------


def test_json_contract_for_facility_sites() -> None:
    result = runner.invoke(app, ["price", "27447", "--zip", "10001", "--year", "2025", "-f", "json"])
    doc = json.loads(result.stdout)
    assert {"county_fips", "cbsa", "cbsa_name", "wage_index", "wage_index_source"} <= set(doc["location"])
    assert {"payable", "status_indicator", "status_meaning", "apc", "national_rate", "rate", "copayment", "reason",
            "release"} <= set(doc["opps"])  # fmt: skip
    assert {"payable", "payment_indicator", "indicator_meaning", "national_rate", "rate", "coinsurance", "reason",
            "release"} <= set(doc["asc"])  # fmt: skip
    assert [site["setting"] for site in doc["sites"]] == ["office", "hopd", "asc"]
    assert {"setting", "payable", "facility_payment", "professional_payment", "total", "beneficiary", "medicare",
            "reason"} <= set(doc["sites"][1])  # fmt: skip
    assert doc["opps"]["national_rate"] == 12866.82 and doc["opps"]["release"] == "2025-10"


def test_setting_narrows_the_sites() -> None:
    doc = json.loads(
        runner.invoke(app, ["price", "45378", "--locality", "1320201", "--setting", "asc", "-f", "json"]).stdout
    )
    assert [site["setting"] for site in doc["sites"]] == ["asc"]


@pytest.mark.parametrize("value", ["0", "3.5", "-1", "abc", "1.23456"])
def test_wage_index_out_of_range_is_a_usage_error(value: str) -> None:
    result = runner.invoke(app, ["price", "27447", "--wage-index", value])
    assert result.exit_code == 2 and "wage" in result.output and "Traceback" not in result.output


def test_zip_command_shows_county_cbsa_and_wage_index() -> None:
    doc = json.loads(runner.invoke(app, ["zip", "10001", "-f", "json"]).stdout)
    assert (doc["county_fips"], doc["cbsa"], doc["wage_index"]) == ("36061", "35614", 1.2951)


def test_data_folder_has_no_2026_addendum_b() -> None:
    """If CMS's CY2026 Addendum B is ever added, the HOPD tests above must change with it."""
    assert not [r for r in installed_releases("opps") if r.year == 2026]
    assert (data_dir() / "opps" / "2025").is_dir()


def test_50_in_the_hospital_is_one_sides_rate_and_says_so(pricer) -> None:  # type: ignore[no-untyped-def]
    """The OPPS pays 50 by the Outpatient Code Editor's bilateral lists, which rvucalc does not have: no guess. Said
    where the hospital is shown, in single lookups and batch alike."""
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer

    plain = pricer.price("64483", zip_code="10001", date_of_service="2025-08-04")
    both = pricer.price("64483", modifier="50", zip_code="10001", date_of_service="2025-08-04")
    assert both.opps.rate == plain.opps.rate
    assert any(note.startswith("50 in the hospital") for note in both.notes)
    assert not any(note.startswith("50 in the hospital") for note in plain.notes)
    elsewhere = pricer.price("64483", modifier="50", zip_code="10001", date_of_service="2025-08-04", setting="24")
    assert not any(note.startswith("50 in the hospital") for note in elsewhere.notes)
    table = pa.table({"code": ["64483"] * 3, "modifier": ["50", "50", ""], "zip": ["10001"] * 3,
                      "date": ["2025-08-04"] * 3, "setting": ["22", "24", ""]})  # fmt: skip
    rows = BatchPricer(pricer).price_table(table).to_pylist()
    assert ["50 in the hospital" in row["note"] for row in rows] == [True, False, False]


def test_the_opps_export_by_cbsa_adjusts_what_the_single_lookup_adjusts(pricer) -> None:  # type: ignore[no-untyped-def]
    """`rvucalc export --what opps --cbsa all`: a drug (SI K) is its national rate in every CBSA; a procedure (SI T) is
    wage-adjusted at 60%, as ``price_opps`` prices each at that CBSA's wage index. Maryland's own wage areas have no
    OPPS rate at all (engine.hospitals: §1814(b)(3) waiver; tests/test_maryland_hospitals.py)."""
    from rvucalc.engine.hospitals import MARYLAND_AREA_REASON
    from rvucalc.export import facility_table

    grid = facility_table(pricer, "opps", 2025, True)
    maryland = grid["rate_reason"] == MARYLAND_AREA_REASON
    assert maryland.any() and grid[maryland]["rate"].isna().all()
    grid = grid[~maryland]
    release = next(r for r in installed_releases("opps") if r.release == grid["release"].iloc[0])
    store = pricer.store(release)
    for si in ("K", "T"):
        code = grid[grid["status_indicator"] == si]["hcpcs"].iloc[0]
        mine = grid[grid["hcpcs"] == code]
        assert len(mine) > 100
        for wage_text, rate_text in zip(mine["wage_index"].iloc[:50], mine["rate"].iloc[:50], strict=True):
            if not wage_text:  # a CBSA CY2025's file lists twice with different values (the next test)
                continue
            index = int(Decimal(wage_text).scaleb(4))
            assert Decimal(rate_text) == price_opps(store.opps(code), code, 2025, index, release.release).rate, code
        assert (len({str(rate) for rate in mine["rate"]}) == 1) is (si == "K")


CMS_WAGE_INDEX_2025 = Path("/work/shared/cms/2025/asc_wage_index_2025.txt")


@pytest.mark.parametrize("what", ["opps", "asc"])
def test_the_export_by_cbsa_keeps_cbsas_listed_twice(pricer, what: str) -> None:  # type: ignore[no-untyped-def]
    """CY2025's wage index file lists 27 CBSAs twice with different values (01 ALABAMA 0.6471 and 0.7158, 12100
    1.0333 and 1.0303): `export --cbsa all` dropped their rows without a word (a tester). Every CBSA with a wage index
    is in the export; where the file gives two, a wage-adjusted rate is blank with rate_reason naming both values,
    a national-rate code (a drug) keeps its rate, and a warning says how many and why."""
    from rvucalc.export import facility_table

    values: dict[str, set[str]] = {}
    for line in CMS_WAGE_INDEX_2025.read_text(encoding="cp437").splitlines()[1:]:
        cbsa, _, index = line.split("\t")
        if index.strip():
            values.setdefault(cbsa, set()).add(index.strip())
    twice = {cbsa for cbsa, found in values.items() if len(found) > 1}
    assert len(twice) == 27 and {"01", "04", "07", "12100", "27980", "43620"} <= twice
    from rvucalc.engine.hospitals import MARYLAND_AREA_PART_REASON, MARYLAND_AREA_REASON

    warnings: list[str] = []
    grid = facility_table(pricer, what, 2025, True, warnings)
    assert set(grid["cbsa"]) == set(values)  # every CBSA of the file that has a wage index
    # The OPPS export says Maryland's wage areas on stderr too, and leaves out of the count the two listed twice
    # (21 rural Maryland, 30500) whose rates are blank for the §1814(b)(3) waiver anyway (test_maryland_hospitals.py)
    (warning,) = [text for text in warnings if "more than once" in text]
    count = 25 if what == "opps" else 27
    assert f"{count} CBSAs more than once with different wage indexes" in warning and "--wage-index" in warning
    assert len(warnings) == (3 if what == "opps" else 1)
    alabama = grid[grid["cbsa"] == "01"]
    assert len(alabama) == len(grid) // len(values)  # one row per code, as every other CBSA
    from rvucalc.engine.facility_meanings import ASC_NOT_WAGE_ADJUSTED, OPPS_NOT_WAGE_ADJUSTED

    kind, national = {"opps": ("status_indicator", OPPS_NOT_WAGE_ADJUSTED),
                      "asc": ("payment_indicator", ASC_NOT_WAGE_ADJUSTED)}[what]  # fmt: skip
    paid_nationally = alabama[kind].isin(national)
    adjusted, drugs = alabama[~paid_nationally], alabama[paid_nationally]
    assert len(adjusted) > 1000 and adjusted["rate"].isna().all() and (adjusted["wage_index"] == "").all()
    assert adjusted["rate_reason"].str.contains("at 0.6471 the .* rate is .*at 0.7158 the", regex=True).all()
    # a drug is paid its national rate whatever the wage index (OPPS SI K; the ASC addendum AA has none)
    assert len(drugs) > 100 or what == "asc"
    # (the national rate as Addendum B prints it, to the mill for OPPS, J9271 60.291; a unit's rate in cents, 60.29)
    cent = __import__("decimal").Decimal("0.01")
    rounded = [str(__import__("decimal").Decimal(str(value)).quantize(cent, rounding="ROUND_HALF_UP"))
               for value in drugs["national_rate"]]  # fmt: skip
    assert drugs["rate"].astype(str).tolist() == rounded
    assert (drugs["rate_reason"] == "").all()
    others = grid[
        ~grid["cbsa"].isin(twice) & ~grid["rate_reason"].isin([MARYLAND_AREA_REASON, MARYLAND_AREA_PART_REASON])
    ]
    # (a device-intensive ASC code's reason says its device portion is paid nationally: export._device_reason)
    device = others[kind] == "J8" if what == "asc" else others[kind] != others[kind]
    assert others[device]["rate_reason"].str.startswith("Device-intensive (J8): device portion $").all()
    assert (others[~device]["rate_reason"] == "").all() and (others["wage_index"] != "").all()


def test_the_export_says_on_stderr_which_cbsas_have_blank_rates(tmp_path) -> None:
    target = tmp_path / "asc.csv"
    result = CliRunner().invoke(app, ["export", "--what", "asc", "--year", "2025", "--cbsa", "all", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "warning: CY2025 ASC wage index (WI25) lists 27 CBSAs more than once" in result.stderr
    assert result.stdout == ""  # messages on stderr only
    with target.open(newline="") as handle:
        rows = csv.DictReader(handle)
        assert rows.fieldnames is not None and rows.fieldnames[-4:] == ["wage_index", "rate", "rate_reason", "addendum"]
        first = next(rows)
    assert (first["cbsa"], first["wage_index"], first["rate"]) == ("01", "", "")
    assert "at 0.6471 the ASC rate is" in first["rate_reason"] and "at 0.7158 the ASC rate is" in first["rate_reason"]


def test_a_rebatable_drugs_copayment_is_addendum_bs_adjusted_one(pricer) -> None:  # type: ignore[no-untyped-def]
    """Addendum B's "IRA Coinsurance percentage" rows: the patient's OPPS copayment is the row's "Adjusted Beneficiary
    Copayment" (the Inflation Reduction Act's reduced coinsurance), not 20% of the rate; single lookups and batch."""
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer

    release = next(r for r in installed_releases("opps") if r.release == "2025-10")
    rows = [row for row in raw_rows(release.path("addendum_b"), "HCPCS Code")
            if money(row["IRA Coinsurance percentage"].replace("%", "")) and money(row["Payment Rate"])]  # fmt: skip
    assert len(rows) > 50
    codes = [row["HCPCS Code"].strip(" \xff") for row in rows]
    table = pa.table({"code": codes, "zip": ["10001"] * len(codes), "date": ["2025-11-03"] * len(codes)})
    batch = BatchPricer(pricer).price_table(table).to_pylist()
    lowered = 0
    for code, row, out in zip(codes, rows, batch, strict=True):
        adjusted = money(row["Adjusted Beneficiary Copayment"])
        single = pricer.price(code, zip_code="10001", date_of_service="2025-11-03").opps
        assert single.copayment == min(adjusted, Decimal("1676.00")), code  # type: ignore[type-var]
        assert Decimal(str(out["opps_copayment"])).quantize(CENT) == single.copayment, code
        lowered += adjusted < (money(row["Payment Rate"]) * Decimal("0.2")).quantize(CENT)  # type: ignore[operator]
    assert lowered > 40  # the adjustment lowers the patient's share


def _opps_rows(pricer, codes: list[str], date: str, claim: bool) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer

    table = {"code": codes, "zip": ["10001"] * len(codes), "date": [date] * len(codes)}
    if claim:
        table["claim"] = ["K"] * len(codes)
    return BatchPricer(pricer).price_table(pa.table(table)).to_pylist()


def test_ct_fx_fy_cut_the_hospital_rate_too(pricer) -> None:  # type: ignore[no-untyped-def]
    """CMS's OPPS Pricer reduces the APC payment of a CT line (payment adjustment flag 14, CT modifier: 15%) and of an
    X-ray on film (FX, flags 21/23: 20%) or computed radiography (FY, flags 22/24: 10% from 2023), as the PFS reduces
    the technical component. Single lookups and batch alike; the OPPS adjustment names the modifier."""
    date = "2025-11-03"
    cases = [("74177", "CT", 85), ("71046", "FX", 80), ("71046", "FY", 90)]
    rows = _opps_rows(pricer, [f"{code}-{modifier}" for code, modifier, _ in cases], date, claim=False)
    for (code, modifier, percent), row in zip(cases, rows, strict=True):
        plain = pricer.price(code, zip_code="10001", date_of_service=date).opps
        cut = pricer.price(f"{code}-{modifier}", zip_code="10001", date_of_service=date).opps
        expected = (plain.rate * percent / 100).quantize(CENT, ROUND_HALF_UP)  # type: ignore[operator]
        assert cut.rate == expected and [a.indicator for a in cut.adjustments] == [modifier], (code, modifier)
        assert Decimal(str(row["opps_rate"])).quantize(CENT) == cut.rate
        assert Decimal(str(row["opps_copayment"])).quantize(CENT) == cut.copayment


def test_pn_leaves_a_drugs_hospital_rate_as_it_was(pricer) -> None:  # type: ignore[no-untyped-def]
    """Section 603 (PN) pays non-excepted off-campus services 40% of the OPPS rate, but drugs and biologicals (SI G, K,
    K1) stay at ASP+6% (CY2018 PFS final rule's table by status indicator): J9271-PN keeps its rate, with a note."""
    date = "2025-11-03"
    drug, procedure = (pricer.price(code, zip_code="10001", date_of_service=date).opps for code in ("J9271", "45378"))
    drug_pn, procedure_pn = (pricer.price(f"{code}-PN", zip_code="10001", date_of_service=date).opps
                             for code in ("J9271", "45378"))  # fmt: skip
    assert drug_pn.rate == drug.rate and not drug_pn.adjustments
    assert any(note.startswith("PN: a drug or biological (SI K) keeps its OPPS rate") for note in drug_pn.notes)
    # The Pricer takes PN's 40% off the national APC payment, rounded, then wage-adjusts (PerformApcAdjustments2024):
    # $911.71 x 0.4 = $364.68, x (0.6 x 1.3138 + 0.4) = $433.34 (not 40% of the wage-adjusted $1,083.37, $433.35).
    apc = (procedure.national_rate * Decimal("0.4")).quantize(CENT, ROUND_HALF_UP)  # type: ignore[operator]
    wage_index = procedure.wage_index
    assert wage_index == Decimal("1.3138")
    expected = (apc * Decimal("0.6") * wage_index + apc * Decimal("0.4")).quantize(CENT, ROUND_HALF_UP)
    assert procedure_pn.rate == expected == Decimal("433.34")
    rows = _opps_rows(pricer, ["J9271-PN", "45378-PN"], date, claim=False)
    assert [Decimal(str(row["opps_rate"])).quantize(CENT) for row in rows] == [drug_pn.rate, procedure_pn.rate]


def test_a_comprehensive_apc_leaves_pass_through_drugs_and_sources_paid(pricer) -> None:  # type: ignore[no-untyped-def]
    """Addendum D1's J1: everything on the claim is packaged into the comprehensive APC "except services with OPPS
    SI=F, G, H, L and U"; K1 (non-opioid treatments) is paid apart too. 55875 (J1) with a brachytherapy source
    (U), a pass-through drug (G) and a nonpass-through drug (K): the U and G lines keep their rates, the K line is
    packaged. Single lookups and batch claims alike."""
    store = pricer.catalogue.store(next(r for r in installed_releases("opps") if r.release == "2025-10"))
    first = {}
    for row in store.rows("opps"):
        if row["rate"] and row["si"] in ("U", "G", "K") and row["si"] not in first:
            first[row["si"]] = row["hcpcs"]
    codes = ["55875", first["U"], first["G"], first["K"]]
    date = "2025-11-03"
    encounter = pricer.price_encounter(codes, zip_code="10001", date_of_service=date)
    alone = [pricer.price(code, zip_code="10001", date_of_service=date).opps.rate for code in codes]
    rates = [line.opps.rate for line in encounter.lines]
    assert rates[:3] == alone[:3] and rates[3] == 0
    rows = _opps_rows(pricer, codes, date, claim=True)
    assert [Decimal(str(row["opps_rate"])).quantize(CENT) for row in rows] == rates


def test_73_on_a_device_intensive_asc_procedure_removes_the_device_first(pricer) -> None:  # type: ignore[no-untyped-def]
    """Claims Processing Manual ch. 14 §40.10: a device-intensive ASC procedure (PI J8) discontinued before anesthesia
    (73) is paid 50% of its rate less the device portion (Addendum FF); 52 stays 50% of the whole rate. Every J8 code
    of the October 2025 ASC addenda with a device portion, single lookups and batch alike."""
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer

    store = pricer.catalogue.store(next(r for r in installed_releases("asc") if r.release == "2025-10"))
    devices = {row["hcpcs"]: row["device_portion"] for row in store.rows("asc_ff") if row["device_portion"]}
    codes = [row["hcpcs"] for row in store.rows("asc_aa") if row["pi"] == "J8" and row["hcpcs"] in devices][:40]
    assert len(codes) >= 20
    date = "2025-11-03"
    table = pa.table({"code": [f"{c}-73" for c in codes], "zip": ["10001"] * len(codes), "date": [date] * len(codes),
                      "setting": ["asc"] * len(codes)})  # fmt: skip
    rows = BatchPricer(pricer).price_table(table).to_pylist()
    for code, row in zip(codes, rows, strict=True):
        whole = pricer.price(code, zip_code="10001", date_of_service=date).asc
        cut = pricer.price(f"{code}-73", zip_code="10001", date_of_service=date).asc
        rest = whole.rate - Decimal(devices[code]) / 100  # type: ignore[operator]
        assert cut.rate == (rest / 2).quantize(CENT, ROUND_HALF_UP), code
        assert cut.coinsurance == (cut.rate * Decimal("0.2")).quantize(CENT, ROUND_HALF_UP)  # type: ignore[operator]
        assert Decimal(str(row["asc_rate"])).quantize(CENT) == cut.rate and Decimal(str(row["asc_allowed"])) > 0
        reduced = pricer.price(f"{code}-52", zip_code="10001", date_of_service=date).asc
        assert reduced.rate == (whole.rate / 2).quantize(CENT, ROUND_HALF_UP)  # type: ignore[operator]


def test_a_rebatable_drugs_asc_coinsurance_is_addendum_bbs_adjusted_one(pricer) -> None:  # type: ignore[no-untyped-def]
    """Addendum BB's "IRA-22 Adjusted Copayment" (read here with the csv module): the patient's ASC coinsurance for a
    Part B rebatable drug, not 20% of the rate; single lookups and batch alike."""
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer

    release = next(r for r in installed_releases("asc") if r.release == "2025-10")
    rows = [row for row in raw_rows(release.path("bb"), "HCPCS Code")
            if money(column(row, "IRA-22 Adjusted Copayment1")) and money(column(row, "Payment Rate"))]  # fmt: skip
    assert len(rows) > 50
    codes = [row["HCPCS Code"].strip(" \xff") for row in rows]
    date = "2025-11-03"
    table = pa.table({"code": codes, "zip": ["10001"] * len(codes), "date": [date] * len(codes)})
    batch = BatchPricer(pricer).price_table(table).to_pylist()
    checked = 0
    for code, row, out in zip(codes, rows, batch, strict=True):
        asc = pricer.price(code, zip_code="10001", date_of_service=date).asc
        if not asc.payable:
            continue
        assert asc.coinsurance == money(column(row, "IRA-22 Adjusted Copayment1")), code
        assert Decimal(str(out["asc_coinsurance"])).quantize(CENT) == asc.coinsurance, code
        checked += 1
    assert checked > 50


def _pricer_coinsurance(payment: Decimal, rate: Decimal, copay: Decimal) -> Decimal:
    """CMS's OPPS Pricer: the payment less Medicare's share of it, the share 1 - copay / rate (9 decimals, kept to 6;
    80% when the copay is 20% of the rate to the cent), written here from the Pricer's own text, independently."""
    if copay == (rate * Decimal("0.2")).quantize(CENT, ROUND_HALF_UP):
        share = Decimal("0.8")
    else:
        ratio = (copay / rate).quantize(Decimal("1e-9"), ROUND_HALF_UP)
        share = (1 - ratio).quantize(Decimal("1e-6"), ROUND_HALF_UP)
    return payment - (payment * share).quantize(CENT, ROUND_HALF_UP)


def test_opps_copayment_is_the_payment_less_medicares_share(pricer) -> None:  # type: ignore[no-untyped-def]
    """CMS's OPPS Pricer (CalculateLineReimbursement2025) pays Medicare the line's payment times the APC's
    reimbursement percentage, rounded to the cent; the patient's copayment is the rest. Every wage-adjusted paid row
    of Addendum B (read with the csv module) at ZIP 10001 (wage index 1.3138): single lookups and batch. Wage-adjusting
    the copayment itself, as rvucalc did, is a cent off on hundreds of these rows."""
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer

    release = next(r for r in installed_releases("opps") if r.release == "2025-10")
    factor = Decimal("0.6") * Decimal("1.3138") + Decimal("0.4")
    rows = [(row["HCPCS Code"].strip(" \xff"), money(row["Payment Rate"]),
             max(money(row["National Unadjusted Copayment"]) or Decimal(0),
                 money(row["Minimum Unadjusted Copayment"]) or Decimal(0)))
            for row in raw_rows(release.path("addendum_b"), "HCPCS Code")
            if row["SI"].strip() in ("S", "T", "V", "J1", "J2", "X", "P") and money(row["Payment Rate"])
            and not money(row["IRA Coinsurance percentage"].strip("%"))]  # fmt: skip
    expected, differs = {}, 0
    for code, rate, copay in rows:
        assert rate is not None
        payment = (rate * factor).quantize(CENT, ROUND_HALF_UP)
        expected[code] = (payment, min(_pricer_coinsurance(payment, rate, copay), Decimal("1676.00")))
        differs += expected[code][1] != min((copay * factor).quantize(CENT, ROUND_HALF_UP), Decimal("1676.00"))
    assert len(expected) > 1000 and differs > 50  # the old rule was a cent off on these
    codes = list(expected)
    table = pa.table({"code": codes, "zip": ["10001"] * len(codes), "date": ["2025-11-03"] * len(codes),
                      "setting": ["hopd"] * len(codes)})  # fmt: skip
    for code, row in zip(codes, BatchPricer(pricer).price_table(table).to_pylist(), strict=True):
        payment, copayment = expected[code]
        assert (Decimal(str(row["opps_rate"])).quantize(CENT), Decimal(str(row["opps_copayment"])).quantize(CENT)) == (
            payment, copayment), code  # fmt: skip
    for code in codes[:: max(1, len(codes) // 60)]:
        single = pricer.price(code, zip_code="10001", date_of_service="2025-11-03").opps
        assert (single.rate, single.copayment) == expected[code], code


def test_a_lower_paid_t_procedures_copayment_is_the_rest_of_its_halved_payment(pricer) -> None:  # type: ignore[no-untyped-def]
    """Two SI T procedures: the lower-paid one is paid 50% of the unrounded wage-adjusted rate, rounded once (the
    Pricer's rate x units x discount), not half the rounded rate, and its copayment is that payment less Medicare's
    share, not half the wage-adjusted copayment; single lookups and batch claims alike."""
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer

    release = next(r for r in installed_releases("opps") if r.release == "2025-10")
    factor = Decimal("0.6") * Decimal("1.3138") + Decimal("0.4")
    found = None
    t_rows = [(row["HCPCS Code"].strip(" \xff"), money(row["Payment Rate"]),
               max(money(row["National Unadjusted Copayment"]) or Decimal(0),
                   money(row["Minimum Unadjusted Copayment"]) or Decimal(0)))
              for row in raw_rows(release.path("addendum_b"), "HCPCS Code")
              if row["SI"].strip() == "T" and money(row["Payment Rate"])
              and not money(row["IRA Coinsurance percentage"].strip("%"))]  # fmt: skip
    for code, rate, copay in t_rows:
        assert rate is not None and copay is not None
        payment = (rate * factor).quantize(CENT, ROUND_HALF_UP)
        half = (rate * factor / 2).quantize(CENT, ROUND_HALF_UP)  # the Pricer: rate x units x 0.5, rounded once
        new = _pricer_coinsurance(half, rate, copay)
        old_copay = ((copay * factor).quantize(CENT, ROUND_HALF_UP) / 2).quantize(CENT, ROUND_HALF_UP)  # rvucalc's
        old_half = (payment / 2).quantize(CENT, ROUND_HALF_UP)
        if new != old_copay and half != old_half and payment < Decimal("2000") and new < Decimal("800"):
            found = (code, half, new)
            break
    assert found is not None
    code, half, copayment = found
    top = max(t_rows, key=lambda row: row[1] or 0)[0]  # the encounter's highest-paid T procedure
    encounter = pricer.price_encounter([top, code], zip_code="10001", date_of_service="2025-11-03")
    lower = encounter.lines[1].opps
    assert (lower.rate, lower.copayment) == (half, copayment)
    table = pa.table({"claim": ["A", "A"], "code": [top, code], "zip": ["10001"] * 2, "date": ["2025-11-03"] * 2,
                      "setting": ["hopd"] * 2})  # fmt: skip
    row = BatchPricer(pricer).price_table(table).to_pylist()[1]
    assert (Decimal(str(row["opps_rate"])).quantize(CENT), Decimal(str(row["opps_copayment"])).quantize(CENT)) == (
        half, copayment)  # fmt: skip


def test_a_code_only_the_hospital_lists_is_described_from_addendum_b(pricer) -> None:  # type: ignore[no-untyped-def]
    """C7510 is not in the PFS: its description is Addendum B's short descriptor (read with the csv module), not
    blank."""
    release = next(r for r in installed_releases("opps") if r.release == "2025-10")
    row = next(
        row for row in raw_rows(release.path("addendum_b"), "HCPCS Code") if row["HCPCS Code"].strip() == "C7510"
    )
    result = pricer.price("C7510", zip_code="10001", date_of_service="2025-11-03")
    assert result.description == row["Short Descriptor"].strip() != ""


@pytest.mark.parametrize(("code", "modifier"), [("45378", "73"), ("45378", "52"), ("64483", "PN")])
def test_a_hospital_rate_modifier_scales_the_unrounded_rate_once(pricer, code: str, modifier: str) -> None:  # type: ignore[no-untyped-def]
    """The OPPS Pricer pays the unrounded wage-adjusted rate x the discount, rounded once (kernels.
    OPPS_UNROUNDED_SCALE): 45378-73 was $541.69 (half the rounded $1,083.37) while the encounter's 50% for a
    lower-paid 45378 was $541.68 (half the unrounded $1,083.3668). Both now from the unrounded rate, in batch too."""
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer

    date = dt.date(2025, 11, 15)
    plain = pricer.price(code, zip_code="10001", date_of_service=date).opps
    national, wage_index = Decimal(plain.national_rate), Decimal(plain.wage_index)  # Addendum B; the CBSA's index
    exact = national * (Decimal("0.6") * wage_index + Decimal("0.4"))
    assert plain.rate == exact.quantize(Decimal("0.01"), ROUND_HALF_UP)
    percent = {"73": Decimal("0.5"), "52": Decimal("0.5"), "PN": Decimal("0.4")}[modifier]
    expected = (exact * percent).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert expected != (plain.rate * percent).quantize(Decimal("0.01"), ROUND_HALF_UP)  # the case shows it
    single = pricer.price(code, modifier=modifier, zip_code="10001", date_of_service=date).opps
    assert single.rate == expected
    if modifier != "PN":
        # beside a T procedure paid more of another endoscopy family (45385 is of 45378's: 45378 is included in it)
        lower = pricer.price_encounter(["43239", "45378"], zip_code="10001", date_of_service=date).lines[1].opps
        assert lower.rate == expected  # the encounter's 50% of the same line, the same cents
    table = pa.table({"code": [code], "modifier": [modifier], "zip": ["10001"], "date": [date.isoformat()]})
    (row,) = BatchPricer(pricer).price_table(table).to_pylist()
    assert row["opps_rate"] == expected and row["opps_copayment"] == single.copayment


def test_an_encounter_total_says_what_its_lines_sites_say(pricer) -> None:  # type: ignore[no-untyped-def]
    """Three global CT codes: the hospital's and the ASC's sites have each line's professional fee, its 26 row's (the
    physician bills CODE-26 there: lookup.lines.component_row), ranked as the 26 lines are (the imaging MPPR's 5%);
    the hospital's total is the case's, as `price 70450-26 71250-26 74177-26` has it (a trial found the hospital
    looking cheaper than it is)."""
    date = dt.date(2025, 11, 15)
    codes = ["70450", "71250", "74177"]
    encounter = pricer.price_encounter(codes, zip_code="10001", date_of_service=date)
    professional = pricer.price_encounter([f"{code}-26" for code in codes], zip_code="10001", date_of_service=date)
    for setting in ("hopd",):
        total = encounter.totals[setting]
        assert total.payable and total.reason is None
        assert total.professional_payment == professional.totals[setting].professional_payment
        assert total.total == professional.totals[setting].total
        for line, part in zip(encounter.lines, professional.lines, strict=True):
            (site,) = [site for site in line.sites if site.setting == setting]
            assert site.reason is None and site.professional_payment == part.pfs.facility.amount
    assert encounter.totals["office"].reason is None
    # CT alone at the ASC: ancillary services (Addendum BB), paid only integral to a surgical procedure (42 CFR
    # 416.164(b)): not paid, and said; beside one (27447), paid, its professional fee said not included.
    from rvucalc.engine.facility import ANCILLARY_WITHOUT_PROCEDURE

    assert {line.asc.addendum for line in encounter.lines} == {"BB"}
    assert encounter.totals["asc"].reason == f"Not payable for 70450, 71250, 74177: {ANCILLARY_WITHOUT_PROCEDURE}"
    with_surgery = pricer.price_encounter(["27447", "70450"], zip_code="10001", date_of_service=date)
    total = with_surgery.totals["asc"]
    assert total.payable and total.reason is None  # every line paid, every professional fee in the total
    [site] = [site for site in with_surgery.lines[1].sites if site.setting == "asc"]
    assert site.payable and site.professional_payment == pricer.price(
        "70450-26", zip_code="10001", date_of_service=date).pfs.facility.amount  # fmt: skip


def test_the_national_imaging_cap_note_is_the_imaging_lines_in_an_encounter_and_in_a_claim(pricer) -> None:  # type: ignore[no-untyped-def]
    """Without a locality the OPPS imaging cap is not applied: said of 70496 (multiple procedure indicator 4), not of
    the encounter's other lines (a single lookup said it of 99213 too; batch of 70496 alone)."""
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer
    from rvucalc.lookup.pricer import IMAGING_CAP_NATIONAL_NOTE

    codes = ["71046", "70496", "99213"]
    encounter = pricer.price_encounter(codes)
    said = [IMAGING_CAP_NATIONAL_NOTE in line.notes for line in encounter.lines]
    assert said == [False, True, False]  # RVU file: 70496's multiple procedure indicator is 4, the others' not
    rows = BatchPricer(pricer).price_table(pa.table({"claim": ["K"] * 3, "code": codes})).to_pylist()
    assert [IMAGING_CAP_NATIONAL_NOTE in row["note"] for row in rows] == said
    assert IMAGING_CAP_NATIONAL_NOTE in encounter.notes


def test_an_opps_year_not_installed_says_when_the_opps_did_not_pay_the_code_before(pricer) -> None:  # type: ignore[no-untyped-def]
    """A trial was told to add the 2026 Addendum B for 97110 (SI A in 2025-10: another fee schedule) and 99213 (SI B:
    the hospital bills another code): the reason now says so, from the newest earlier Addendum B; a code it paid
    (27447) is told only to add the file. Single lookups and batch alike. (97110, outpatient therapy, is now paid the
    hospital under the PFS, its reason not to add the file at all: tests/test_hopd_therapy.py; 97010, SI A too, is
    not an always-therapy code.)"""
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer

    codes = ["97010", "99213", "27447"]
    table = pa.table({"code": codes, "zip": ["10001"] * 3, "setting": ["22"] * 3})
    rows = BatchPricer(pricer).price_table(table).to_pylist()
    october = next(r for r in reversed(installed_releases("opps")) if r.year == 2025)
    for code, row in zip(codes, rows, strict=True):
        opps = pricer.price(code, zip_code="10001").opps
        assert opps is not None and not opps.installed and opps.reason is not None
        assert opps.reason in row["note"]
        before = pricer.price(code, zip_code="10001", date_of_service=dt.date(2025, 11, 15)).opps
        said = f"In {october.release}, the newest Addendum B installed, {code} is not paid under the OPPS"
        assert (said in opps.reason) == (not before.payable), code
    assert ["(SI A:" in rows[0]["note"], "(SI B:" in rows[1]["note"], "newest Addendum B" in rows[2]["note"]] == [
        True,
        True,
        False,
    ]


def test_an_earlier_inpatient_only_status_is_not_said_to_hold_in_a_year_not_installed(pricer) -> None:  # type: ignore[no-untyped-def]
    """A surgeon's trial: 22590 at the hospital in 2026 was told "2026's file may not price it either" from its SI C in
    2025-10, though it left the inpatient-only list in 2026 (CMS began phasing the list out; the shipped 2026 ASC
    Addendum AA covers it). The reason says the list changes and the year's file may pay it, in price and batch."""
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer

    october = next(r for r in reversed(installed_releases("opps")) if r.year == 2025)
    before = pricer.price("22590", zip_code="10001", date_of_service=dt.date(2025, 11, 15)).opps
    assert before is not None and before.status_indicator == "C" and not before.payable
    opps = pricer.price("22590", zip_code="10001", date_of_service=dt.date(2026, 3, 2)).opps
    assert opps is not None and not opps.installed and opps.reason is not None
    assert f"In {october.release}, the newest Addendum B installed, 22590 was inpatient only (SI C)" in opps.reason
    assert "may pay it" in opps.reason and "may not price it" not in opps.reason
    assert pricer.price("22590", zip_code="10001", date_of_service=dt.date(2026, 3, 2)).asc.payable  # on the ASC list
    table = pa.table({"code": ["22590"], "zip": ["10001"], "setting": ["22"], "date": ["2026-03-02"]})
    (row,) = BatchPricer(pricer).price_table(table).to_pylist()
    assert opps.reason in row["note"]
