"""An academic practice's provider type 'Resident-Supervised' (or 'Teaching Physician'): the teaching physician's
claim, paid the full PFS amount as a physician's service (42 CFR 415.172(a), 415.174; GC or GE on the line, Claims
Processing Manual ch. 12 §100.1.1). A faculty practice trial's rows were priced as a physician's with "not read as a
practitioner" and advice on NP and PA credentials, and counted as unread on stderr and in --summary. 'Resident' alone
stays unread (a resident's own services are paid under graduate medical education: 42 CFR 415.208 for moonlighting)."""

from __future__ import annotations

from decimal import Decimal

import pyarrow as pa
import pytest

from rvucalc.batch.lines import provider_of
from rvucalc.batch.price import BatchPricer
from rvucalc.lookup.pricer import Pricer
from test_physician_claims_at_facilities import pfs_amount

DATE, ZIP, BALTIMORE = "2026-08-03", "21287", "1230201"


@pytest.mark.parametrize("cell", ["Resident-Supervised", "resident supervised", "RESIDENT_SUPERVISED",
                                  "Teaching Physician"])  # fmt: skip
def test_a_resident_supervised_line_is_the_teaching_physicians(pricer: Pricer, cell: str) -> None:
    assert provider_of(cell) == "physician"
    rows = [("99233", "GC", cell, "21"), ("99213", "GE", cell, "11"), ("99233", "GC", "Resident", "21")]
    names = ("code", "modifier", "provider", "setting")
    table = pa.Table.from_pylist([{**dict(zip(names, row, strict=True)), "zip": ZIP, "date": DATE} for row in rows])
    out = BatchPricer(pricer).price_table(table).to_pylist()
    inpatient = pfs_amount(pricer, "99233", "", "facility", DATE, BALTIMORE)
    office = pfs_amount(pricer, "99213", "", "non_facility", DATE, BALTIMORE)
    assert Decimal(str(out[0]["allowed"])) == inpatient and Decimal(str(out[1]["allowed"])) == office  # 100%, no 85%
    assert Decimal(str(out[0]["pfs_facility_limiting_charge"])) == (inpatient * Decimal("1.0925")).quantize(
        Decimal("0.01")
    )
    assert not any("not read as a practitioner" in str(row["note"]) for row in out[:2])
    assert "not read as a practitioner" in str(out[2]["note"])  # 'Resident' alone: unread, priced as --provider's
    assert Decimal(str(out[2]["allowed"])) == inpatient
