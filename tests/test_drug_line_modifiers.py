"""JW, JZ (drug wastage from a single-dose container: Claims Processing Manual ch. 17 §40) and JG, TB (340B-acquired
drugs) on a service's line. An oncology practice's trial billed 99214-JW and 96413-JZ; rvucalc said only "Modifier JW
is informational". Now the line says whose line those modifiers are (the drug's), that the code is a service, and that
the amount is unchanged; a drug's line keeps its note. Per code cell: batch says the same (test_differential.py)."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.engine.modifiers import drug_modifier_note, is_service_code

WHOSE = "is a service, not a drug, so {m} does not apply to it; it does not change the amount."


@pytest.mark.parametrize(("code", "modifier"), [("99214", "JW"), ("96413", "JZ"), ("96413", "JG"), ("96413", "TB")])
def test_a_drug_modifier_on_a_service_says_whose_line_it_is(pricer: Any, code: str, modifier: str) -> None:
    plain = pricer.price(code, zip_code="37203", date_of_service="2026-08-10", setting="office")
    line = pricer.price(f"{code}-{modifier}", zip_code="37203", date_of_service="2026-08-10", setting="office")
    assert line.sites[0].total == plain.sites[0].total is not None  # CMS's amount, unchanged
    (said,) = [note for note in line.notes if note.startswith(f"Modifier {modifier}")]
    assert said.endswith(f"{code} {WHOSE.format(m=modifier)}"), said
    assert ("ch. 17 §40" in said) == (modifier in ("JW", "JZ")) and ("340B" in said) == (modifier in ("JG", "TB"))
    assert "informational: it does not change" not in said


def test_a_drug_s_line_and_a_product_code_keep_their_notes(pricer: Any) -> None:
    drug = pricer.price("J9271-JZ", zip_code="37203", date_of_service="2026-08-10", units=2, setting="office")
    assert "Modifier JZ is informational: it does not change the amount." in drug.notes
    assert not is_service_code("J9271") and not is_service_code("90376") and not is_service_code("90686")
    assert is_service_code("99214") and is_service_code("0001U") and drug_modifier_note("99214", "25") is None


def test_batch_says_it_per_code_cell(pricer: Any) -> None:
    rows = [{"code": code, "date": "2026-08-10", "zip": "37203", "setting": "office"}
            for code in ("99214-JW", "96413-JZ", "99214-JW", "J9271-JZ")]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert [WHOSE.format(m="JW") in row["note"] for row in out] == [True, False, True, False]
    assert WHOSE.format(m="JZ") in out[1]["note"] and "Modifier JZ is informational" in out[3]["note"]
    single = pricer.price("99214-JW", zip_code="37203", date_of_service="2026-08-10", setting="office")
    assert out[0]["note"] == "; ".join(single.notes[:-1])  # the deductible's note is the run's
