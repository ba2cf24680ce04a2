"""G0136 (the SDOH risk assessment) furnished with the annual wellness visit: no deductible or coinsurance in 2024-2025,
as an optional element of the AWV (CY2024 PFS final rule, 88 FR 78818; engine.preventive: SDOH_*). Beside another
visit or alone, and from 2026 (the CY2026 PFS final rule rewrote G0136 as a physical activity and nutrition
assessment), the usual 20% applies. Single lookup and batch agree on the money and the note."""

from __future__ import annotations

from decimal import Decimal

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.engine import preventive
from rvucalc.engine.pfs import fee_cents
from rvucalc.lookup.pricer import Pricer

# PPRRVU25_JAN.csv: G0136,,"Adm of soc dtr assess 5-15 m",A,,0.18,0.38,,0.08,,0.01,0.57,0.27,...,32.3465; GPCI2025.csv
# ATLANTA (10212, ZIP 30309): work 1.000, PE 0.997, MP 1.128. Office $18.44; the patient's 20% $3.69 (half-up once).
G0136_ATLANTA_2025_CENTS = int(fee_cents(18, 38, 1, 1000, 997, 1128, 323_465))


@pytest.fixture(scope="module")
def pricer() -> Pricer:
    return Pricer()


def _money(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


def test_the_engine_waives_g0136_only_in_2024_and_2025() -> None:
    for year in (2024, 2025):
        found = preventive.waiver("G0136", [], year)
        assert found is not None and found.coinsurance_waived and found.deductible_waived and found.verified
    assert preventive.waiver("G0136", [], 2026) is None
    assert preventive.in_encounter("G0136", [], ["G0439", "G0136"]) is None  # its own waiver stands
    alone = preventive.in_encounter("G0136", [], ["99214", "G0136"])
    assert alone is not None and alone.waiver is None and alone.note == preventive.SDOH_WITHOUT_AWV
    assert preventive.SDOH_WITHOUT_AWV in preventive.NO_WAIVER_NOTES and "G0136" in preventive.ENCOUNTER_CODES


def test_g0136_with_the_awv_is_free_to_the_patient_in_price_and_batch(pricer: Pricer) -> None:
    """A telehealth/primary-care trial: `price G0439 G0136 --zip 30309 --date 2025-06-10 --setting 11` charged the
    patient 20% of G0136 ($3.69). With G0439 on the claim and date it is $0.00; beside 99214 or alone 20% stands, the
    line saying why; in 2026 20% stands beside the AWV too. Price and batch give the same money."""
    assert _money(G0136_ATLANTA_2025_CENTS) == Decimal("18.44")
    owed = _money(preventive.beneficiary_cents(G0136_ATLANTA_2025_CENTS, None))
    assert owed == Decimal("3.69")
    claims = [("A", "2025-06-10", ["G0439", "G0136"]), ("B", "2025-06-10", ["99214", "G0136"]),
              ("C", "2025-06-10", ["G0136"]), ("D", "2026-08-10", ["G0439", "G0136"])]  # fmt: skip
    rows = [{"claim": claim, "code": code, "date": date, "zip": "30309", "setting": "11"}
            for claim, date, codes in claims for code in codes]  # fmt: skip
    out = iter(BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist())
    for claim, date, codes in claims:
        encounter = pricer.price_encounter(codes, zip_code="30309", date_of_service=date, setting="11")
        for line in encounter.lines:
            row = next(out)
            office = line.sites[0]
            assert [Decimal(str(row[name])) for name in ("allowed", "beneficiary")] == [
                office.total,
                office.beneficiary,
            ]
            if line.code != "G0136":
                continue
            if claim == "D":  # 2026: its own 20%, no waiver and no SDOH reason
                assert office.beneficiary == _money(preventive.beneficiary_cents(int(office.total.scaleb(2)), None))
                assert office.beneficiary > 0 and preventive.SDOH_REASON not in line.notes
                continue
            assert office.total == Decimal("18.44"), claim
            waived = claim == "A"
            assert office.beneficiary == (0 if waived else owed), claim
            assert (preventive.SDOH_REASON in line.notes) == waived
            assert (preventive.SDOH_WITHOUT_AWV in line.notes) == (not waived)
            assert (preventive.SDOH_WITHOUT_AWV in str(row["note"])) == (not waived)
