"""Screening mammography at a hospital outpatient department is paid under the PFS, not the OPPS: the locality's PFS
technical component (TC) amount (SSA §1833(t)(1)(B)(iv); BIPA §104; Claims Processing Manual ch. 18 §20.4), with no
coinsurance or deductible (the preventive waiver). A revenue-cycle trial found `price 77067 --setting hopd` "cannot be
priced" and batch's 2025 hospital rows of 77067 blank. The hospital's amounts here are CMS's own: the RVU file's TC
row at the locality's GPCIs and the file's conversion factor, rounded once."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine.hopd_therapy import HOPD_DIAGNOSTIC_MAMMOGRAPHY_NOTE, HOPD_MAMMOGRAPHY_NOTE
from rvucalc.lookup.pricer import Pricer
from test_physician_claims_at_facilities import pfs_amount

ATLANTA = {"zip_code": "30322", "locality": "1021201"}
COLUMNS = ["claim", "code", "modifier", "date", "setting", "zip", "units"]


def _money(value: Any) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value)).quantize(Decimal("0.01"))


def _pfs_amount(pricer: Pricer, code: str, modifier: str, date: str, setting: str) -> Decimal:
    """The RVU file row's amount at Atlanta's GPCIs (the release in force on the date), rounded once."""
    return pfs_amount(pricer, code, modifier, setting, date, ATLANTA["locality"])


@pytest.mark.parametrize(("code", "date", "units"), [("77067", "2025-11-10", 1), ("77063", "2025-11-10", 1),
                                                      ("77067", "2026-03-10", 2)])  # fmt: skip
def test_the_hospital_is_paid_the_tc_amount_and_the_patient_nothing(pricer: Pricer, code: str, date: str,
                                                                     units: int) -> None:  # fmt: skip
    technical = _pfs_amount(pricer, code, "TC", date, "non_facility")
    # The physician's fee there: the code's professional component, its 26 row's facility amount (a global diagnostic
    # test's, lookup.lines.component_row: the site's total is the case's, TC and 26).
    reading = _pfs_amount(pricer, code, "26", date, "facility")
    line = pricer.price(code, zip_code=ATLANTA["zip_code"], date_of_service=date, setting="hopd", units=units)
    [site] = line.sites
    [own] = pricer.price(f"{code}-26", zip_code=ATLANTA["zip_code"], date_of_service=date, setting="hopd",
                         units=units).sites  # fmt: skip
    assert site.payable and site.facility_payment == technical * units
    assert site.professional_payment == own.professional_payment and (units > 1 or own.professional_payment == reading)
    assert site.total == site.facility_payment + site.professional_payment
    assert site.beneficiary == 0 and site.medicare == site.total
    assert HOPD_MAMMOGRAPHY_NOTE in line.notes
    result = CliRunner().invoke(app, ["price", code, "--zip", "30322", "--date", date, "--setting", "hopd",
                                      "--units", str(units)])  # fmt: skip
    assert result.exit_code == 0 and f"${technical * units:,}" in result.stdout


def test_the_tc_is_paid_once_beside_the_physicians_26_in_price_and_batch(pricer: Pricer) -> None:
    date = "2025-11-10"
    technical = _pfs_amount(pricer, "77067", "TC", date, "non_facility")
    reading = _pfs_amount(pricer, "77067", "26", date, "facility")
    day = {"zip_code": ATLANTA["zip_code"], "date_of_service": date, "setting": "hopd"}
    encounter = pricer.price_encounter(["77067", "77067-26"], **day)  # type: ignore[arg-type]
    total = encounter.totals["hopd"]
    assert total.payable and total.facility_payment == technical and total.professional_payment == reading
    assert total.total == technical + reading and total.beneficiary == 0
    alone = pricer.price("77067-26", **day)  # type: ignore[arg-type]
    assert alone.sites[0].total == technical + reading  # the case at the hospital, as a 26 line alone elsewhere
    cells = [("A", "77067", ""), ("A", "77067", "26"), ("B", "77067", "26"), ("C", "77065", "")]
    rows = [{"claim": claim, "code": code, "modifier": modifier, "date": date, "setting": "22", "zip": "30322",
             "units": "1"} for claim, code, modifier in cells]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.table({name: [row[name] for row in rows] for name in COLUMNS}))
    priced = out.to_pylist()
    assert [_money(row["allowed"]) for row in priced[:3]] == [technical, reading, technical + reading]
    assert all(_money(row["beneficiary"]) == 0 for row in priced[:3])
    assert HOPD_MAMMOGRAPHY_NOTE in priced[0]["note"] and HOPD_MAMMOGRAPHY_NOTE not in priced[1]["note"]
    # Diagnostic mammography: the hospital is paid its TC's PFS amount too (test_diagnostic_mammography_...).
    # The physician's fee there is its 26 row's (a global diagnostic test at a facility).
    diagnostic = _pfs_amount(pricer, "77065", "TC", date, "non_facility") + _pfs_amount(
        pricer, "77065", "26", date, "facility"
    )
    assert pricer.price("77065", **day).sites[0].total == diagnostic == _money(priced[3]["allowed"])  # type: ignore[arg-type]


def _claim_rows(claims: list[tuple[str, list[str]]], date: str) -> list[dict[str, str]]:
    return [{"claim": claim, "code": cell.partition("-")[0], "modifier": cell.partition("-")[2], "date": date,
             "setting": "22", "zip": ATLANTA["zip_code"], "units": "1"}
            for claim, cells in claims for cell in cells]  # fmt: skip


def _agrees(out: dict[str, Any], line: Any, chosen: Any) -> None:
    """A batch row against price_encounter's line (no setting) and the line priced at the hospital: every money column
    and site measure; its note has no OPPS reason where the hospital's site is paid."""
    from conftest import MONEY, SITE_MEASURES

    assert (out["error"], out["error_kind"]) == ("", "")
    for name, value in MONEY.items():
        assert _money(out[name]) == _money(value(line)), (name, out["note"])
    for site in line.sites:
        for measure, attribute in SITE_MEASURES.items():
            expected = getattr(site, attribute) if site.payable else None
            assert _money(out[f"{site.setting}_{measure}"]) == _money(expected), (site.setting, measure)
    [site] = chosen.sites
    for measure, attribute in SITE_MEASURES.items():
        assert _money(out[measure]) == _money(getattr(site, attribute) if site.payable else None), measure
    assert site.payable and "OPPS CY2026 rates not installed" not in out["note"]
    assert not (site.reason and "OPPS CY2026 rates not installed" in site.reason)


def test_without_the_year_s_opps_file_the_tc_is_paid_once_beside_the_26_in_price_and_batch(pricer: Pricer) -> None:
    """2026 (no OPPS file installed): `price 77067 77067-26 --setting hopd` said the hospital "not priced ... OPPS
    CY2026 rates not installed", and batch paid the claim $106.10 (the 26 row blank, counted as unpriced for want of
    the OPPS). The hospital is paid under the PFS whatever the OPPS file: the TC once, plus the physician's 26 fee."""
    from rvucalc.engine.facility import professional_alone_note
    from rvucalc.engine.hopd_therapy import MAMMOGRAPHY_PAID_ON

    date = "2026-03-10"
    technical = _pfs_amount(pricer, "77067", "TC", date, "non_facility")
    reading = _pfs_amount(pricer, "77067", "26", date, "facility")
    day = {"zip_code": ATLANTA["zip_code"], "date_of_service": date}
    encounter = pricer.price_encounter(["77067", "77067-26"], setting="hopd", **day)  # type: ignore[arg-type]
    total = encounter.totals["hopd"]
    assert total.payable and total.facility_payment == technical and total.professional_payment == reading
    assert total.total == technical + reading and total.beneficiary == 0
    [carried] = encounter.lines[1].sites
    assert carried.reason == f"{MAMMOGRAPHY_PAID_ON}: {professional_alone_note('hopd')}"
    result = CliRunner().invoke(app, ["price", "77067", "77067-26", "--zip", "30322", "--date", date,
                                      "--setting", "hopd"])  # fmt: skip
    assert result.exit_code == 0 and f"${technical + reading:,}" in result.stdout and "not priced" not in result.stdout
    rows = _claim_rows([("A", ["77067", "77067-26"])], date)
    out = BatchPricer(pricer).price_table(pa.table({name: [row[name] for row in rows] for name in COLUMNS}))
    priced = out.to_pylist()
    lines = pricer.price_encounter(["77067", "77067-26"], **day).lines  # type: ignore[arg-type]
    for row, line, chosen in zip(priced, lines, encounter.lines, strict=True):
        _agrees(row, line, chosen)
    assert [_money(row["allowed"]) for row in priced] == [technical, reading]
    assert MAMMOGRAPHY_PAID_ON in priced[1]["note"] and professional_alone_note("hopd") in priced[1]["note"]
    assert HOPD_MAMMOGRAPHY_NOTE in priced[0]["note"] and HOPD_MAMMOGRAPHY_NOTE not in priced[1]["note"]


@pytest.mark.parametrize("date", ["2025-11-10", "2026-03-10"])
def test_many_encounters_each_pay_the_tc_once_as_price_does(pricer: Pricer, date: str) -> None:
    """Many claims of different shapes and orders, in random order: each row as price_encounter of its claim (the
    encounters are grouped on whole columns, the rule run once per shape: a review found a scan of every mammography
    row per encounter, 13.7 s for 100k claims)."""
    import random

    shapes = [["77067", "77067-26"], ["77067-26", "77067"], ["77067-26"], ["77067", "77063"], ["77067-26", "77063"],
              ["77063", "77067-26", "77067"], ["77067-26", "77067-26"], ["77067-59", "77067-26"],
              ["77067", "99213"]]  # fmt: skip
    rng = random.Random(7)
    claims = [(f"C{n:03d}", rng.choice(shapes)) for n in range(300)]
    rows = _claim_rows(claims, date)
    out = BatchPricer(pricer).price_table(pa.table({name: [row[name] for row in rows] for name in COLUMNS}))
    day = {"zip_code": ATLANTA["zip_code"], "date_of_service": date}
    in_file: dict[str, list[str]] = {}  # each claim's cells in file order: its encounter's order
    for row in rows:
        in_file.setdefault(row["claim"], []).append("-".join(filter(None, [row["code"], row["modifier"]])))
    expected: dict[tuple[str, ...], list[Any]] = {}
    for cells in map(tuple, in_file.values()):
        if cells not in expected:
            lines = pricer.price_encounter(list(cells), **day).lines  # type: ignore[arg-type]
            chosen = pricer.price_encounter(list(cells), setting="hopd", **day).lines  # type: ignore[arg-type]
            expected[cells] = list(zip(lines, chosen, strict=True))
    seen: dict[str, int] = {}
    for row, priced in zip(rows, out.to_pylist(), strict=True):
        claim = row["claim"]
        line, chosen = expected[tuple(in_file[claim])][seen.setdefault(claim, 0)]
        seen[claim] += 1
        if chosen.sites[0].payable:
            _agrees(priced, line, chosen)
        else:  # 99213 at the hospital (SI B): as price_encounter, its hospital site blank
            assert priced["allowed"] is None and chosen.code == "99213"
    assert len(expected) == len(shapes)


@pytest.mark.parametrize("date", ["2025-11-10", "2026-03-10"])
@pytest.mark.parametrize("codes", [("77067", "77063", "77067-26"), ("77066", "77067", "77066-26")])
def test_the_encounter_table_shows_the_hospital_s_tc_amount_of_each_line(
    date: str, codes: tuple[str, ...], pricer: Pricer
) -> None:
    """A review: `price 77067 77063 --setting hopd` showed "—" in the lines' OPPS column though the hospital's total
    had their TC amounts (JSON has them per line). The column shows what the hospital is paid for each line, the PFS TC
    amount, named so; a 26 line beside its code carries none (the TC is paid once, on the code's line)."""
    import json
    import re

    args = ["price", *codes, "--zip", "30322", "--date", date, "--setting", "hopd"]
    table = CliRunner().invoke(app, args)
    doc = json.loads(CliRunner().invoke(app, [*args, "--format", "json"]).stdout)
    assert table.exit_code == 0, table.output
    rows = {line.split("│")[1].strip(): [cell.strip() for cell in line.split("│")[1:-1]]
            for line in table.stdout.splitlines() if re.match(r"│ 7706", line)}  # fmt: skip
    for line in doc["lines"]:
        cell = "-".join([line["code"], *line["modifiers"]])
        opps = rows[cell][4]  # Line, Description, Office, Facility, OPPS, ASC
        if line["modifiers"]:
            assert opps == "—", cell
            continue
        technical = _pfs_amount(pricer, line["code"], "TC", date, "non_facility")
        [site] = line["sites"]
        assert Decimal(str(site["facility_payment"])) == technical
        assert opps == f"${technical:,} PFS TC", cell


def _share(amount: Decimal, percent: int = 20) -> Decimal:
    return (amount * percent / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)


@pytest.mark.parametrize(("code", "date", "units"), [("77066", "2025-11-10", 1), ("77065", "2025-11-10", 2),
                                                      ("G0279", "2025-11-10", 1), ("77066", "2026-03-10", 1),
                                                      ("G0279", "2026-03-10", 1)])  # fmt: skip
def test_diagnostic_mammography_the_hospital_is_paid_the_tc_amount_and_the_patient_20_percent(
    pricer: Pricer, code: str, date: str, units: int
) -> None:
    """Diagnostic mammography (77065, 77066, G0279: SI A in Addendum B) is excluded from the OPPS as screening is (SSA
    §1833(t)(1)(B)(iv)): a radiology trial found `price 77066 --setting hopd` "not payable" in 2025 and "not priced"
    in 2026. The hospital is paid the locality's PFS TC amount (the RVU file's TC row, rounded once), with the usual
    20% coinsurance (no preventive waiver: 42 CFR 410.152(l)), and the deductible's note stays, in 2026 without the
    year's Addendum B too; batch's hospital row agrees. The physician's fee there is the code's 26 row's PFS facility
    amount (a global diagnostic test at a facility: tests/test_professional_components.py), 20% the patient's too."""
    technical = _pfs_amount(pricer, code, "TC", date, "non_facility") * units
    reading = _pfs_amount(pricer, code, "26", date, "facility") * units
    line = pricer.price(code, zip_code=ATLANTA["zip_code"], date_of_service=date, setting="hopd", units=units)
    [site] = line.sites
    assert site.payable and site.facility_payment == technical and site.professional_payment == reading
    patient = _share(technical) + _share(reading)
    assert site.total == technical + reading and site.beneficiary == patient
    assert site.medicare == technical + reading - patient
    assert HOPD_DIAGNOSTIC_MAMMOGRAPHY_NOTE in line.notes and HOPD_MAMMOGRAPHY_NOTE not in line.notes
    assert any("Part B deductible" in note for note in line.notes)
    rows = [{"claim": "", "code": code, "modifier": "", "date": date, "setting": "22", "zip": ATLANTA["zip_code"],
             "units": str(units)}]  # fmt: skip
    [priced] = (
        BatchPricer(pricer).price_table(pa.table({name: [row[name] for row in rows] for name in COLUMNS})).to_pylist()
    )
    assert (_money(priced["allowed"]), _money(priced["beneficiary"])) == (technical + reading, patient)
    assert HOPD_DIAGNOSTIC_MAMMOGRAPHY_NOTE in priced["note"] and "OPPS CY2026 rates not" not in priced["note"]


def test_diagnostic_mammography_with_the_physicians_26_the_tc_is_paid_once(pricer: Pricer) -> None:
    """77066 and 77066-26 on one hospital claim: the TC amount once (on 77066) plus the physician's 26 fee, the patient
    20% of each (rounded per line), in price and batch alike."""
    date = "2026-03-10"
    technical = _pfs_amount(pricer, "77066", "TC", date, "non_facility")
    reading = _pfs_amount(pricer, "77066", "26", date, "facility")
    day = {"zip_code": ATLANTA["zip_code"], "date_of_service": date}
    encounter = pricer.price_encounter(["77066", "77066-26"], setting="hopd", **day)  # type: ignore[arg-type]
    total = encounter.totals["hopd"]
    assert total.payable and total.facility_payment == technical and total.professional_payment == reading
    assert total.beneficiary == _share(technical) + _share(reading)
    rows = _claim_rows([("A", ["77066", "77066-26"])], date)
    out = BatchPricer(pricer).price_table(pa.table({name: [row[name] for row in rows] for name in COLUMNS}))
    priced = out.to_pylist()
    lines = pricer.price_encounter(["77066", "77066-26"], **day).lines  # type: ignore[arg-type]
    for row, line, chosen in zip(priced, lines, encounter.lines, strict=True):
        _agrees(row, line, chosen)
    assert [_money(row["allowed"]) for row in priced] == [technical, reading]
    assert [_money(row["beneficiary"]) for row in priced] == [_share(technical), _share(reading)]
