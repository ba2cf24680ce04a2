"""A global diagnostic test's professional fee at a facility (lookup.lines.component_row): in a hospital, an ASC or an
inpatient stay the physician bills CODE-26 and the facility is paid the technical part, so the site of a global line
(PC/TC indicator 1) has the 26 row's PFS facility amount as its professional fee, in price and batch alike; the office
is unchanged and the line's own PFS facility amount stays CMS's 'NA'."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from conftest import MONEY, SITE_MEASURES
from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.lookup import lines as line_rules
from rvucalc.lookup.pricer import Pricer
from test_differential import _note
from test_physician_claims_at_facilities import pfs_amount

CHICAGO = {"zip_code": "60611", "date_of_service": "2025-11-10"}  # locality 0610216
MIAMI = {"zip_code": "33136", "date_of_service": "2025-11-10"}
COLUMNS = ["claim", "code", "modifier", "zip", "locality", "date", "setting", "base_units", "minutes", "units",
           "state"]  # fmt: skip


def _money(value: Any) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value)).quantize(Decimal("0.01"))


def _site(line: Any, setting: str) -> Any:
    return next(site for site in line.sites if site.setting == setting)


def test_the_hospital_site_of_a_global_mri_is_the_opps_rate_and_the_26_fee(pricer: Pricer) -> None:
    """A radiology group's trial: `price 70553 --zip 60611` compared the office's $325.27 (the global service) with
    the hospital's $361.57 (the OPPS rate alone, "Professional fee not included"), where the radiologist bills
    70553-26 there: the hospital's case is the OPPS rate plus 70553-26's PFS facility amount (the RVU file's 26 row at
    Chicago's GPCIs), $471.78, the patient $72.31 + 20% of the 26 fee, $94.35: what `price 70553-26` says."""
    line = pricer.price("70553", **CHICAGO)  # type: ignore[arg-type]
    reading = pfs_amount(pricer, "70553", "26", "facility", locality="0610216")
    assert reading == Decimal("110.21")
    hopd = _site(line, "hopd")
    assert hopd.payable and hopd.professional_payment == reading and hopd.reason is None
    assert hopd.total == hopd.facility_payment + reading == Decimal("471.78")  # type: ignore[operator]
    share = (reading / 5).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert hopd.beneficiary == line.opps.copayment + share == Decimal("94.35")  # type: ignore[operator]
    professional = _site(pricer.price("70553-26", **CHICAGO), "hopd")  # type: ignore[arg-type]
    assert (hopd.total, hopd.beneficiary, hopd.medicare) == (professional.total, professional.beneficiary,
                                                             professional.medicare)  # fmt: skip
    # The ASC (an ancillary service alone: not paid) and an inpatient stay: the physician's fee is the 26's too.
    assert _site(line, "asc").professional_payment == reading
    [inpatient] = pricer.price("70553", setting="21", **CHICAGO).sites  # type: ignore[arg-type]
    assert inpatient.payable and inpatient.total == reading
    # The office is the global service's; the line's own PFS facility amount is CMS's 'NA', its reason said.
    office = _site(line, "office")
    assert office.total == line.pfs.non_facility.amount == pfs_amount(pricer, "70553", "", "non_facility",
                                                                       locality="0610216")  # fmt: skip
    from rvucalc.engine.pfs import GLOBAL_IN_FACILITY_REASON

    assert not line.pfs.facility.payable and line.pfs.facility.reason == GLOBAL_IN_FACILITY_REASON
    assert line_rules.professional_component_note("70553") in line.notes
    table = CliRunner().invoke(app, ["price", "70553", "--zip", "60611", "--date", "2025-11-10"])
    assert table.exit_code == 0 and "$471.78" in table.stdout and "$94.35" in table.stdout


def test_only_a_global_row_with_a_26_row_priced_at_facilities_has_one(pricer: Pricer) -> None:
    """PC/TC indicator 1 alone (RVU file documentation: 2 and 3 are stand-alone professional- and technical-only
    codes, 4 a global test whose components are other codes, 6 a lab's interpretation): 93000 (indicator 4) keeps
    its hospital site without a professional fee; 93010 (indicator 2, the ECG's reading) is its own facility amount."""
    store = pricer.store(pricer.select(None, None)[0])
    for code, indicator in (("93000", "4"), ("93010", "2"), ("93005", "3"), ("70553", "1")):
        row = store.rvu(code, "")
        assert row is not None and row["pctc"] == indicator
        assert (line_rules.component_row(store, row) is not None) == (indicator == "1"), code
    assert line_rules.component_row(store, store.rvu("70553", "26")) is None  # type: ignore[arg-type]
    assert line_rules.component_row(store, store.rvu("70553", "TC")) is None  # type: ignore[arg-type]
    hopd = _site(pricer.price("93000", zip_code="10001"), "hopd")
    assert hopd.professional_payment is None


def test_an_imaging_encounter_ranks_the_professional_components_as_the_26_lines(pricer: Pricer) -> None:
    """`price 74177 71260` at the hospital: the physician's claim there is 74177-26 + 71260-26, the imaging MPPR's 5%
    off the later professional component (RVU file, multiple procedure indicator 4), as `price 74177-26 71260-26`
    ranks them; the office keeps the global services' rules (50% off the later TC, 5% off its PC)."""
    whole = pricer.price_encounter(["74177", "71260"], **MIAMI)  # type: ignore[arg-type]
    parts = pricer.price_encounter(["74177-26", "71260-26"], **MIAMI)  # type: ignore[arg-type]
    later = pfs_amount(pricer, "71260", "26", "facility", locality="0910204")
    assert parts.lines[1].pfs.facility.amount == (later * Decimal("0.95")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    for line, part in zip(whole.lines, parts.lines, strict=True):
        assert _site(line, "hopd").professional_payment == part.pfs.facility.amount
    assert whole.totals["hopd"].total == parts.totals["hopd"].total == Decimal("668.01")
    assert whole.totals["hopd"].beneficiary == parts.totals["hopd"].beneficiary
    assert whole.totals["office"].total == sum((line.pfs.non_facility.amount for line in whole.lines), Decimal(0))


def _rows(cells: list[tuple[str, str, str, str]], date: str = "2025-11-10") -> list[dict[str, str]]:
    return [{"claim": claim, "code": code.partition("-")[0], "modifier": code.partition("-")[2], "zip": zip_code,
             "locality": "", "date": date, "setting": setting, "base_units": "", "minutes": "", "units": "",
             "state": ""} for claim, code, zip_code, setting in cells]  # fmt: skip


def _price(pricer: Pricer, rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    table = pa.table({name: [row[name] for row in rows] for name in COLUMNS})
    return BatchPricer(pricer).price_table(table).to_pylist()


@pytest.mark.parametrize("date", ["2025-11-10", "2026-03-10"])
def test_batch_rows_of_global_diagnostic_tests_agree_with_price(pricer: Pricer, date: str) -> None:
    """70553, 74177, 93306, 71046 (and their 26 rows) alone, at Chicago, Miami and nationally, with no setting, the
    office, the hospital, the ASC and an inpatient stay: every money column, site and note as the single lookup's; the
    output's pfs_facility_amount is CMS's 'NA' (blank), the physician's fee at the facility sites the 26's."""
    cells = [("", code, zip_code, setting) for code in ("70553", "74177", "93306", "71046", "70553-26", "93306-26")
             for zip_code in ("60611", "33136", "") for setting in ("", "11", "22", "24", "21")]  # fmt: skip
    _agree_with_price(pricer, cells, date)


def _agree_with_price(pricer: Pricer, cells: list[tuple[str, str, str, str]], date: str) -> None:
    """Batch's rows of ``cells`` (each alone) against the single lookup: money, sites, the physician's claim, notes."""
    rows = _rows(cells, date)
    site_of = {"11": "office", "22": "hopd", "24": "asc", "21": ""}
    for row, out in zip(rows, _price(pricer, rows), strict=True):
        code = f"{row['code']}-{row['modifier']}" if row["modifier"] else row["code"]
        single = pricer.price(code, zip_code=row["zip"] or None, date_of_service=date)
        assert (out["error"], out["error_kind"]) == ("", ""), (row, out["error"])
        for name, value in MONEY.items():
            assert _money(out[name]) == _money(value(single)), (row, name)
        for site in single.sites:
            for measure, attribute in SITE_MEASURES.items():
                expected = getattr(site, attribute) if site.payable else None
                assert _money(out[f"{site.setting}_{measure}"]) == _money(expected), (row, site.setting, measure)
        setting = site_of.get(row["setting"], "")
        chosen = pricer.price(code, zip_code=row["zip"] or None, date_of_service=date, setting=row["setting"] or None)
        if row["setting"]:
            [site] = chosen.sites
            for measure, attribute in SITE_MEASURES.items():
                assert _money(out[measure]) == _money(getattr(site, attribute) if site.payable else None), (
                    row,
                    measure,
                )
            # The physician's claim at a facility: the single lookup's "facility" setting (POS 21).
            professional = chosen if row["setting"] == "11" else pricer.price(
                code, zip_code=row["zip"] or None, date_of_service=date, setting="21")  # fmt: skip
            [site] = professional.sites
            assert _money(out["professional_allowed"]) == _money(site.total if site.payable else None), row
        expected = _note(chosen, setting, {**row, "setting": row["setting"]}, site=out["site"])
        assert (out["note"], out["comparison_note"]) == expected, row
        if not row["modifier"]:
            assert out["pfs_facility_amount"] is None
            said = line_rules.professional_component_note(row["code"])  # labelled on an office row
            # (in the office, the hopd_*/asc_* comparison's: its comparison_note)
            office = row["setting"] == "11"
            assert (line_rules.component_note_comparison_only(said) if office else said) in out[
                "comparison_note" if office else "note"
            ]


def test_batch_claims_rank_the_professional_components_as_price_encounter(pricer: Pricer) -> None:
    """A claim of 74177 + 71260 (and of 70553 + 70553-26, the fee on the 26 line alone: one professional fee per
    service) at the hospital, the ASC and with no setting: each row's sites as price_encounter's lines."""
    claims = {"A": (["74177", "71260"], "33136"), "B": (["70553", "70553-26"], "60611"),
              "C": (["93306", "71046", "99213"], "60611")}  # fmt: skip
    first = pfs_amount(pricer, "74177", "26", "facility", locality="0910204")
    later = (pfs_amount(pricer, "71260", "26", "facility", locality="0910204") * Decimal("0.95")).quantize(
        Decimal("0.01"), ROUND_HALF_UP)  # fmt: skip
    for setting in ("", "22", "24"):
        cells = [(claim, code, zip_code, setting) for claim, (codes, zip_code) in claims.items() for code in codes]
        priced = _price(pricer, _rows(cells))
        if setting:  # the physician's claim there: the 26 fees, the later one 5% less
            assert [_money(row["professional_allowed"]) for row in priced[:2]] == [first, later]
        out = iter(priced)
        for codes, zip_code in claims.values():
            encounter = pricer.price_encounter(codes, zip_code=zip_code, date_of_service="2025-11-10")
            for line in encounter.lines:
                row = next(out)
                for name, value in MONEY.items():
                    assert _money(row[name]) == _money(value(line)), (codes, line.code, name)
                for site in line.sites:
                    for measure, attribute in SITE_MEASURES.items():
                        expected = getattr(site, attribute) if site.payable else None
                        assert _money(row[f"{site.setting}_{measure}"]) == _money(expected), (codes, site.setting)
    encounter = pricer.price_encounter(["70553", "70553-26"], **CHICAGO)  # type: ignore[arg-type]
    reading = pfs_amount(pricer, "70553", "26", "facility", locality="0610216")
    assert encounter.totals["hopd"].professional_payment == reading  # once, on the 26 line


@pytest.mark.parametrize(("codes", "place"), [(("70553", "70553-26"), CHICAGO), (("77066", "77066-26"), CHICAGO)])
def test_a_global_line_beside_its_26_line_is_not_said_to_leave_the_fee_out(
    codes: tuple[str, ...], place: dict[str, str], pricer: Pricer
) -> None:
    """The physician's fee of a global line beside its own 26 line is that line's, in the hospital's total: the total's
    footnote said "70553: Professional fee not included ... price the code with 26" beside 70553-26 (the day's
    review). The hospital's total is the OPPS rate (or the mammography TC) plus the 26 line's fee, as priced alone."""
    encounter = pricer.price_encounter(list(codes), setting="hopd", **place)  # type: ignore[arg-type]
    total = encounter.totals["hopd"]
    fee = pfs_amount(pricer, codes[0], "26", "facility", place["date_of_service"], "0610216")  # Chicago's locality
    assert total.payable and total.professional_payment == fee
    assert not any("Professional fee not included" in (site.reason or "") for line in encounter.lines
                   for site in line.sites)  # fmt: skip
    args = ["price", *codes, "--zip", place["zip_code"], "--date", place["date_of_service"], "--setting", "hopd"]
    shown = CliRunner().invoke(app, args)
    assert shown.exit_code == 0 and "Professional fee not included" not in shown.stdout, shown.output


# RVU26C (PPRRVU2026_Jul_nonQPP.csv) and RVU25D: global rows the MAC prices (status C, facility PE 'NA') whose 26 row
# CMS prices (status A). An interventional radiology trial (ZIP 30309, Atlanta, locality 1021201): `price 77013
# --setting 22` exited 1 "priced by your Medicare contractor" while `price 77013-26` gave the facility's $179.84.
ATLANTA = "1021201"
MAC_GLOBALS = [("2026-08-10", "77013"), ("2026-08-10", "75970"), ("2026-08-10", "76940"), ("2025-11-10", "75898")]


@pytest.mark.parametrize(("date", "code"), MAC_GLOBALS)
def test_a_mac_priced_global_test_pays_its_26_row_at_a_facility(pricer: Pricer, date: str, code: str) -> None:
    """Status C leaves the global service to the MAC; at a hospital, ASC or inpatient stay the physician bills CODE-26,
    which has national RVUs: its PFS facility amount is the physician's fee there, as 75822's (status A). The office
    stays the MAC's."""
    store = pricer.store(pricer.select(None, dt.date.fromisoformat(date))[0])
    row, professional = store.rvu(code, ""), store.rvu(code, "26")
    assert row is not None and professional is not None
    assert (row["status"], row["pctc"], row["fac_na"], professional["status"]) == ("C", "1", "NA", "A")
    assert line_rules.component_row(store, row) == professional
    fee = pfs_amount(pricer, code, "26", "facility", date, ATLANTA)
    for setting in ("hopd", "asc", "21"):
        line = pricer.price(code, zip_code="30309", date_of_service=date, setting=setting)
        [site] = line.sites
        assert site.professional_payment == fee, setting
        assert line_rules.professional_component_note(code) in line.notes
    office = pricer.price(code, zip_code="30309", date_of_service=date, setting="11")
    assert office.pfs.contractor_priced and not office.sites[0].payable
    cells = [("", code, zip_code, setting) for zip_code in ("30309", "") for setting in ("", "11", "22", "24", "21")]
    _agree_with_price(pricer, cells, date)


def test_the_trial_s_77013_and_75898_at_the_hospital_in_price_and_batch(pricer: Pricer) -> None:
    """The trial's figures: 77013 at POS 22 in August 2026 is 77013-26's $179.84 (exit 0, not "priced by your
    Medicare contractor"); 75898 beside 37242 on 2025-11-10 is 75898-26's $89.08 in the hospital's total, where the
    table said "MAC-priced" and batch left professional_allowed blank."""
    assert pfs_amount(pricer, "77013", "26", "facility", "2026-08-10", ATLANTA) == Decimal("179.84")
    assert pfs_amount(pricer, "75898", "26", "facility", "2025-11-10", ATLANTA) == Decimal("89.08")
    shown = CliRunner().invoke(app, ["price", "77013", "--zip", "30309", "--date", "2026-08-10", "--setting", "22"])
    assert shown.exit_code == 0 and "$179.84" in shown.stdout, shown.output
    table = CliRunner().invoke(app, ["price", "75898", "--zip", "30309", "--date", "2025-11-10", "--setting", "22"])
    assert table.exit_code == 0 and "$89.08" in table.stdout and "MAC-priced" not in table.stdout, table.output
    assert "not included in the totals" not in table.stdout
    encounter = pricer.price_encounter(["37242", "75898"], zip_code="30309", date_of_service="2025-11-10",
                                       setting="hopd")  # fmt: skip
    rows = _rows([("P1", "37242", "30309", "22"), ("P1", "75898", "30309", "22")])
    out = _price(pricer, rows)
    for line, row in zip(encounter.lines, out, strict=True):
        assert _money(row["professional_allowed"]) == line.sites[0].professional_payment, line.code
    assert _money(out[1]["professional_allowed"]) == Decimal("89.08")
    assert encounter.totals["hopd"].professional_payment == sum(_money(row["professional_allowed"]) for row in out)


@pytest.mark.parametrize("setting", ["21", "24"])
def test_the_site_table_shows_the_26_rows_fee_of_a_mac_priced_global_at_a_facility(setting: str) -> None:
    """A review: `price 77013 --setting 21` (or 24) read "— │ MAC-priced │ — │ — │ —" while JSON and batch pay
    77013-26's PFS facility amount ($179.84 in Atlanta, 2026C)."""
    import json as json_module

    args = ["price", "77013", "--zip", "30309", "--date", "2026-09-14", "--setting", setting]
    table = CliRunner().invoke(app, args)
    data = json_module.loads(CliRunner().invoke(app, [*args, "-f", "json"]).stdout)
    fee = Decimal(str(data["sites"][0]["professional_payment"]))
    assert fee == Decimal("179.84")
    assert table.exit_code == 0 and "MAC-priced" not in table.stdout.split("Where the service is done")[1], table.output
    assert "$179.84" in table.stdout
