"""A lipid panel or glucose test (80061, 82465, 82947) was called a "Preventive service (... screening tests)"
outright (a lab trial): it is the screening only for a patient without signs or symptoms (cardiovascular, once in 5
years: 42 CFR 410.17) or at risk for diabetes (42 CFR 410.18), with a screening diagnosis. The note says the
condition, as the other conditional preventive notes do, in price and batch alike; the patient's $0.00 is unchanged."""

from __future__ import annotations

from decimal import Decimal

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.lookup.pricer import Pricer


@pytest.mark.parametrize(("code", "rule"), [("80061", "42 CFR 410.17"), ("82465", "42 CFR 410.17"),
                                            ("82947", "42 CFR 410.18")])  # fmt: skip
def test_a_screening_lab_test_s_note_says_when_it_is_the_screening(pricer: Pricer, code: str, rule: str) -> None:
    single = pricer.price(code, zip_code="80202", setting="81", date_of_service="2026-04-10")
    note = next(note for note in single.notes if note.startswith("Preventive service"))
    assert "when it is the screening" in note and rule in note and "billed with a screening diagnosis" in note
    assert "it is a diagnostic test" in note
    assert single.clfs is not None and single.clfs.beneficiary == Decimal("0.00")
    table = pa.table({"code": [code], "zip": ["80202"], "setting": ["81"], "date": ["2026-04-10"]})
    row = BatchPricer(pricer).price_table(table).to_pylist()[0]
    assert note in row["note"]
