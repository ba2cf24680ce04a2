"""PFS status T services in an encounter (``engine.policy.status_t_bundled``): beside another service the PFS pays,
billed by the same provider on the same date, a status T line is $0.00; alone, or beside only other T lines or
other schedules' lines, it is paid. ``rvucalc price A B`` and ``rvucalc batch`` (a claim on one date) agree."""

from __future__ import annotations

from decimal import Decimal

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.engine.policy import STATUS_T_BUNDLED_RULE, STATUS_T_STEP, status_t_bundled
from rvucalc.lookup.pricer import Pricer

DATE = "2026-08-03"
ZIP = "77030"  # Houston, locality 0441218


@pytest.fixture(scope="module")
def pricer() -> Pricer:
    return Pricer()


def _batch(pricer: Pricer, claims: list[tuple[str, list[str]]], setting: str) -> list[dict]:
    rows = []
    for claim, cells in claims:
        for cell in cells:
            code, _, modifier = cell.partition("-")
            units = "100" if code == "J9271" else "1"
            rows.append({"claim": claim, "code": code, "modifier": modifier, "zip": ZIP, "date": DATE,
                         "setting": setting, "units": units})  # fmt: skip
    return BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()


# (claim, its lines, the status T lines paid nothing)
CLAIMS = [
    ("A", ["96413", "96523"], {"96523"}),  # a trial: 96523 was paid $26.02 beside the chemotherapy infusion
    ("B", ["96523", "36591"], set()),  # only T services: each paid (no other service to bundle them into)
    ("C", ["36598", "20610", "99213"], {"36598"}),  # 36598 (indicator 2) is not ranked: 20610 keeps 100%
    ("D", ["96523", "J9271"], set()),  # a drug (ASP) is no PFS service
    ("E", ["96523", "80053"], set()),  # nor a lab (CLFS)
    ("F", ["96523"], set()),  # alone
    ("G", ["36591", "99213", "36592"], {"36591", "36592"}),
]


@pytest.mark.parametrize("setting", ["11", "22"])
def test_a_status_t_line_beside_another_pfs_service_is_paid_nothing_in_price_and_batch(
    pricer: Pricer, setting: str
) -> None:
    """CMS's RVU file documentation, status T: "only paid if there are no other services payable under the physician
    fee schedule billed on the same date by the same provider". A trial: `price 96413 96523 --zip 77030 --setting
    office` paid 96523 $26.02 (CMS's 2026 fee in Houston), the encounter $159.39."""
    out = iter(_batch(pricer, [(claim, codes) for claim, codes, _ in CLAIMS], setting))
    for claim, codes, bundled in CLAIMS:
        encounter = pricer.price_encounter(codes, zip_code=ZIP, date_of_service=DATE, setting=setting,
                                           units=[100 if code == "J9271" else 1 for code in codes])  # fmt: skip
        for line in encounter.lines:
            row = next(out)
            site = line.sites[0]
            money = [
                None if row[name] is None else Decimal(str(row[name]))
                for name in ("allowed", "beneficiary", "pfs_non_facility_amount", "pfs_facility_amount")
            ]
            facility = line.pfs.facility.amount if line.pfs.facility else None
            assert money == [site.total, site.beneficiary, line.pfs.non_facility.amount, facility], (claim, row)
            said = STATUS_T_BUNDLED_RULE in line.notes
            assert said == (STATUS_T_BUNDLED_RULE in row["note"]) == (line.code in bundled), (claim, line.code)
            if line.code in bundled:
                for amount in (line.pfs.non_facility, line.pfs.facility):
                    if amount is not None and amount.payable:
                        assert amount.amount == 0
                        assert amount.adjustments[-1].indicator == STATUS_T_STEP
            elif line.code == "96523" and setting == "11":
                assert site.total == Decimal("26.02")  # CMS's 2026 non-facility amount in Houston, paid
    a = pricer.price_encounter(["96413", "96523"], zip_code=ZIP, date_of_service=DATE, setting="office")
    assert a.totals["office"].total == Decimal("133.37")  # 96413 alone: the encounter is not $159.39
    c = pricer.price_encounter(["36598", "20610", "99213"], zip_code=ZIP, date_of_service=DATE, setting="office")
    alone = pricer.price("20610", zip_code=ZIP, date_of_service=DATE, setting="office")
    assert c.lines[1].pfs.non_facility.amount == alone.pfs.non_facility.amount  # not ranked after 36598


def test_status_t_bundled_reads_the_status_and_the_provider() -> None:
    assert status_t_bundled([("T", []), ("A", [])]) == [True, False]
    assert status_t_bundled([("T", []), ("T", [])]) == [False, False]  # only T services: each paid
    for other in ("R", "C", "J"):
        assert status_t_bundled([("T", []), (other, [])])[0]
    for other in ("E", "X", "B", "P", "N", "I", "M", None):  # drugs, labs, bundled, non-covered, not listed
        assert not status_t_bundled([("T", []), (other, [])])[0]
    # An assistant at surgery is another provider (engine.policy.biller).
    assert status_t_bundled([("T", []), ("A", ["80"])]) == [False, False]
    assert status_t_bundled([("T", ["80"]), ("A", ["80"])]) == [True, False]
