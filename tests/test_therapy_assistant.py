"""A therapy assistant's line (a provider column's PTA, OTA, COTA, COTA/L) and a therapy practice's column names.

Social Security Act §1834(v): an outpatient physical or occupational therapy service furnished in whole or in part by
a therapy assistant is paid 85% of the otherwise applicable amount, and its claim must carry CQ (PTA) or CO (OTA)
(Claims Processing Manual ch. 5 §20.1). A PT practice's trial: `DOE, JOHN PTA` on a 97110-GP line without CQ was
priced 100% with a note about NPs and PAs. Now its GP line is priced as with CQ (its GO line, an OTA's, as with CO),
the note saying the claim must carry it; the money is the single lookup's with CQ/CO. The practice's 'Visit Date' is
read as the date of service and its 'Rendering Therapist' is said as 'Rendering Provider' is.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import numpy as np
import pyarrow as pa
import pytest

from conftest import SITE_MEASURES, TEST_DATA
from rvucalc.batch.columns import missing_role_notices, resolve_columns
from rvucalc.batch.lines import CodeCells, assistant_of
from rvucalc.batch.price import BatchPricer
from rvucalc.lookup.lines import PROVIDERS
from rvucalc.lookup.pricer import Pricer
from test_cms_payment_files import JANUARY_2025, payment_rows

ZIP, DATE = "43215", "2025-11-03"
CASES = [  # code, modifier cell, provider cell, what the single lookup prices
    ("97110", "GP", "DOE, JOHN PTA", "97110-GP-CQ"),
    ("97110-GP", "", "PTA", "97110-GP-CQ"),
    ("97140", "GO", "KIM, BO COTA", "97140-GO-CO"),
    ("97530", "GO", "COTA/L", "97530-GO-CO"),
    ("97530", "GO", "OTA", "97530-GO-CO"),
    ("97110", "GP CQ", "Lee, Ann PTA", "97110-GP-CQ"),
    ("97110", "GP", "SMITH, JANE PT", "97110-GP"),
    ("99213", "", "PTA", "99213"),  # not a PT line: as written, said
]


def _money(value: Any) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value)).quantize(Decimal("0.01"))


ASSISTANT_CELLS = [("DOE, JOHN PTA", "CQ"), ("PTA", "CQ"), ("lpta", "CQ"), ("KIM, BO COTA", "CO"), ("COTA/L", "CO"),
                   ("COTA-L", "CO"), ("OTA", "CO"), ("PT", None), ("OTR/L", None), ("Pta", "CQ")]  # fmt: skip


@pytest.mark.parametrize(("cell", "modifier"), ASSISTANT_CELLS)
def test_assistant_cells(cell: str, modifier: str | None) -> None:
    assert assistant_of(cell) == modifier


@pytest.fixture(scope="module")
def rows(pricer: Pricer) -> list[dict[str, Any]]:
    table = pa.table({"code": [c for c, _, _, _ in CASES], "modifier": [m for _, m, _, _ in CASES],
                      "provider": [p for _, _, p, _ in CASES], "zip": [ZIP] * len(CASES),
                      "date": [DATE] * len(CASES), "setting": ["11"] * len(CASES)})  # fmt: skip
    return BatchPricer(pricer).price_table(table).to_pylist()


@pytest.mark.parametrize("at", range(len(CASES)))
def test_an_assistant_s_line_is_priced_as_with_cq_or_co(pricer: Pricer, rows: Any, at: int) -> None:
    code, modifier, _, priced_as = CASES[at]
    [site] = pricer.price(priced_as, zip_code=ZIP, date_of_service=DATE, setting="11").sites
    row = rows[at]
    assert row["error"] == "", row
    for measure, attribute in SITE_MEASURES.items():
        assert _money(row[measure]) == _money(getattr(site, attribute)), measure
    added = ("-CQ" in priced_as and "CQ" not in modifier) or ("-CO" in priced_as and "CO" not in modifier)
    assert ("must carry C" in row["note"]) is added
    assert ("but the line has no GP" in row["note"]) is (code == "99213")


def test_the_trial_s_pta_line_is_85_percent_of_cms_s_fee(pricer: Pricer) -> None:
    """CMS's PFAL25A: 97110 in Alabama 10112/00, $26.83; a PTA's line 85% of it, rounded once: $22.81."""
    [fee] = [r for r in payment_rows(TEST_DATA / "pfs_payment_files" / "PFAL25A_excerpt.TXT") if r["hcpcs"] == "97110"]
    table = pa.table({"code": ["97110"], "modifier": ["GP"], "provider": ["DOE, JOHN PTA"], "locality": ["1011200"],
                      "date": [JANUARY_2025.isoformat()], "setting": ["11"]})  # fmt: skip
    [row] = BatchPricer(pricer).price_table(table).to_pylist()
    assert _money(row["allowed"]) == (Decimal(fee["non_facility"]) * Decimal("0.85")).quantize(Decimal("0.01"))
    assert _money(row["allowed"]) == Decimal("22.81")


def test_cells_of_one_code_and_modifier_by_a_crna_and_a_physician_are_two() -> None:
    """The cells' keys kept 2 bits for 5 providers: a CRNA's cell met in an earlier partition answered for the
    physician's of the same code and modifier (or of the next modifier text)."""
    cells = CodeCells()
    codes, modifiers = ["00840"], ["AA", "QZ"]
    crna, physician = PROVIDERS.index("crna"), PROVIDERS.index("physician")
    [first] = cells.find(codes, modifiers, np.array([0 * len(PROVIDERS) + crna]))
    [second] = cells.find(codes, modifiers, np.array([0 * len(PROVIDERS) + physician]))
    assert first != second and cells.parsed[second].provider == "physician"


@pytest.mark.parametrize(
    "name",
    ["Visit Date", "Date of Visit", "Appointment Date", "Treatment Date", "Arrival Date (M/D/YYYY)", "ED Arrival Date"],
)
def test_a_visit_s_date_is_the_date_of_service(name: str) -> None:
    columns = resolve_columns(["Patient Account", name, "CPT", "Units", "POS"], {})
    assert columns.position("date") == 1


@pytest.mark.parametrize("name", ["Rendering Therapist", "Therapist", "Treating Therapist"])
def test_a_therapist_column_is_said_as_a_rendering_provider_column_is(name: str) -> None:
    columns = resolve_columns(["Claim", "DOS", "CPT", name], {})
    said = missing_role_notices(columns)
    assert any(f"{name!r} is not read" in line and f"--columns provider={name!r}" in line and "PTA" in line
               for line in said), said  # fmt: skip


@pytest.mark.parametrize("line", ["97161-GP-CQ", "97165-GO-CO", "97164-GP-CQ", "97168-GO-CO"])
def test_cq_or_co_on_an_evaluation_is_said(pricer: Pricer, line: str) -> None:
    """Benefit Policy Manual ch. 15 §230.1/§230.2: assistants do not furnish evaluations. Priced as billed (85%, the
    modifier's rule: CMS's text says who may furnish it, not what a claim so billed is paid), the note says so; batch
    alike. 97110-GP-CQ says nothing of it."""
    code, _, modifiers = line.partition("-")
    result = pricer.price(line, zip_code=ZIP, date_of_service=DATE, setting="11")
    said = [note for note in result.notes if "does not furnish evaluations" in note]
    assert len(said) == 1 and code in said[0]
    plain = pricer.price(f"{code}-{modifiers[:2]}", zip_code=ZIP, date_of_service=DATE, setting="11")
    assert result.sites[0].total == (plain.sites[0].total * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    table = pa.table({"code": [code], "modifier": [modifiers.replace("-", " ")], "zip": [ZIP], "date": [DATE],
                      "setting": ["11"]})  # fmt: skip
    [row] = BatchPricer(pricer).price_table(table).to_pylist()
    assert said[0] in row["note"] and _money(row["allowed"]) == result.sites[0].total
    treatment = pricer.price("97110-GP-CQ", zip_code=ZIP, date_of_service=DATE)
    assert not any("does not furnish" in note for note in treatment.notes)


def test_an_assistant_s_evaluation_is_not_given_cq(pricer: Pricer) -> None:
    table = pa.table({"code": ["97161"], "modifier": ["GP"], "provider": ["PTA"], "zip": [ZIP], "date": [DATE],
                      "setting": ["11"]})  # fmt: skip
    [row] = BatchPricer(pricer).price_table(table).to_pylist()
    [site] = pricer.price("97161-GP", zip_code=ZIP, date_of_service=DATE, setting="11").sites
    assert _money(row["allowed"]) == site.total
    assert "an evaluation or re-evaluation is the therapist's own" in row["note"]
