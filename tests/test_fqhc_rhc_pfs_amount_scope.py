"""An FQHC/RHC trial (a rural Montana/Wyoming network: an FQHC, a provider-based RHC and a physician office).

At POS 50 and 72 a PFS line (99213 beside the FQHC's G0467, 90837, G0438) was told "the PFS amount is what a
practitioner billing Part B there on their own would be paid", read as what Medicare pays for the visit. A visit with
the clinic's practitioner is an RHC/FQHC service (Benefit Policy Manual ch. 13 §40), paid to the clinic under the AIR
or the FQHC PPS, never billed to Part B under the PFS (ch. 13 §100, commingling); the PFS pays there only for what is
not an RHC/FQHC service (ch. 13 §60). The note says so now; the amounts are CMS's, unchanged (RVU x GPCI x CF from the
RVU and GPCI files, rounded half-up once), price and batch alike."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.engine.place_of_service import CLINIC_PFS_CLAUSE, CLINIC_VISIT_CLAUSE, resolve_site

DATA = Path(__file__).resolve().parents[1] / "data"
LANDER_WY, WYOMING, DATE = "82520", "0360221", "2026-08-04"


def _pfs(code: str, locality: str) -> Decimal:
    """CMS's 2026 (July) office PFS amount: (work x GPCI + PE x GPCI + MP x GPCI) x CF, from CMS's files."""
    with (DATA / "gpci/2026/localities2026-01-01-2026.csv").open(encoding="latin-1", newline="") as handle:
        gpci = next(row for row in csv.reader(handle) if row[4] == locality)
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1", newline="") as handle:
        row = next(row for row in csv.reader(handle) if row[:2] == [code, ""])
    rvus = (Decimal(row[5]) * Decimal(gpci[1]) + Decimal(row[6]) * Decimal(gpci[2])
            + Decimal(row[10]) * Decimal(gpci[3]))  # fmt: skip
    return (rvus * Decimal(row[25])).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_the_clinic_clause_no_longer_says_a_practitioner_bills_the_visit_to_part_b() -> None:
    assert "on their own would be paid" not in CLINIC_PFS_CLAUSE
    for said in ("not an RHC or FQHC service", "ch. 13 §60", "not this amount", "§100"):
        assert said in CLINIC_PFS_CLAUSE
    assert "; " not in CLINIC_PFS_CLAUSE  # batch's note column joins a row's notes with "; "


@pytest.mark.parametrize(("code", "pos"), [("99213", "50"), ("90837", "50"), ("G0438", "72")])
def test_a_visit_at_an_fqhc_or_rhc_is_told_the_pfs_amount_is_not_its_payment(pricer: Any, code: str, pos: str) -> None:
    cms = _pfs(code, WYOMING)
    single = pricer.price(code, zip_code=LANDER_WY, date_of_service=DATE, setting=pos)
    row = BatchPricer(pricer).price_table(pa.Table.from_pylist(
        [{"code": code, "date": DATE, "zip": LANDER_WY, "setting": pos}])).to_pylist()[0]  # fmt: skip
    said = " ".join(single.notes)
    assert CLINIC_VISIT_CLAUSE in said and CLINIC_VISIT_CLAUSE in row["note"]
    assert single.sites[0].total == cms and Decimal(str(row["allowed"])) == cms


def test_the_fqhc_s_g_code_beside_its_visit_keeps_its_pps_reason_and_no_pfs_clause(pricer: Any) -> None:
    """G0467 (an FQHC PPS payment code) beside its qualifying visit 99213: G0467 has no PFS amount and names the PPS,
    without the PFS clause; 99213's line says its PFS amount is not the visit's payment."""
    encounter = pricer.price_encounter(["G0467", "99213"], zip_code=LANDER_WY, date_of_service=DATE, setting="50")
    g_code, visit = encounter.lines
    assert "FQHC prospective payment system" in " ".join(g_code.notes)
    assert CLINIC_PFS_CLAUSE not in " ".join(g_code.notes) and g_code.sites[0].total is None
    assert CLINIC_VISIT_CLAUSE in " ".join(visit.notes + encounter.notes)
    assert visit.sites[0].total == _pfs("99213", WYOMING)


@pytest.mark.parametrize(("bill", "pos"), [("711", "72"), ("771", "50")])
def test_a_clinic_s_bill_sends_only_a_non_clinic_service_to_the_pos(bill: str, pos: str) -> None:
    from rvucalc.errors import UsageError

    with pytest.raises(UsageError) as caught:
        resolve_site(bill)
    said = str(caught.value)
    assert "A practitioner's own Part B fee" not in said
    assert "not an RHC or FQHC service (Benefit Policy Manual ch. 13 §60" in said and f"place of service {pos}" in said
