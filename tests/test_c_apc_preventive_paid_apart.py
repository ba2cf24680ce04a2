"""A preventive service beside a comprehensive APC (SI J1) was packaged into it: a GI trial's hospital claim of 43249
(APC 5302, J1) and G0121 (a screening colonoscopy, APC 5311) showed G0121's OPPS amount "$882.77 -> $0.00",
"Packaged into the comprehensive APC 5302". CMS's OPPS Addendum D1 excepts "diagnostic and screening mammography" and
"all preventive services" from a J1's packaging: the screening is paid its own APC, wage-adjusted, its copayment
waived (Addendum B's "$0.00"), and says why; `price`, `batch` (whole columns, the rule functions one encounter at a
time, a claim across dates) alike. The figures are CMS's: Addendum B (October 2025) and the CY2025 wage index (WI25)
of Columbus, OH (CBSA 18140)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from rvucalc.batch import claims
from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine.facility import C_APC_PREVENTIVE_NOTE, packaged_rule
from rvucalc.lookup.pricer import Pricer

DATA = Path(__file__).resolve().parents[1] / "data" / "opps" / "2025"
ADDENDUM_B = DATA / "508 version of October 2025 Web Addendum B.10.31.25.csv"
WAGE_INDEX = DATA / "asc_wage_index_2025.txt"
DAY = {"zip_code": "43215", "date_of_service": "2025-10-14"}  # Columbus, OH
CENT = Decimal("0.01")


def _addendum_b(code: str) -> dict[str, str]:
    with ADDENDUM_B.open(encoding="latin-1", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[4]
    return next(dict(zip(header, row, strict=False)) for row in rows[5:] if row and row[0] == code)


def _cms_rate(code: str) -> Decimal:
    """Addendum B's payment rate wage-adjusted at Columbus's WI25: 60% labor-related (the OPPS Pricer's formula)."""
    with WAGE_INDEX.open() as handle:
        index = next(Decimal(line.split("\t")[2]) for line in handle if line.startswith("18140\t"))
    national = Decimal(_addendum_b(code)["Payment Rate"].replace("$", "").replace(",", ""))
    return (national * (Decimal("0.6") * index + Decimal("0.4"))).quantize(CENT, ROUND_HALF_UP)


def _batch(pricer: Pricer, cells: list[tuple[str, str, str]]) -> list[dict[str, Any]]:
    rows = [{"claim": claim, "code": code, "date": date, "setting": "22", "zip": "43215"}
            for claim, code, date in cells]  # fmt: skip
    table = pa.table({name: [row[name] for row in rows] for name in rows[0]})
    return BatchPricer(pricer).price_table(table).to_pylist()


def test_screening_colonoscopy_beside_a_j1_is_paid_its_own_apc_not_packaged(pricer: Pricer) -> None:
    assert _addendum_b("43249")["SI"] == "J1" and _addendum_b("43249")["APC"] == "5302"
    assert _addendum_b("G0121")["APC"] == "5311" and _addendum_b("G0121")["National Unadjusted Copayment"] == "$0.00"
    egd, screening = _cms_rate("43249"), _cms_rate("G0121")
    assert (egd, screening) == (Decimal("1836.78"), Decimal("882.77"))  # $1,896.99 and $911.71 x 0.96826
    encounter = pricer.price_encounter(["43249", "G0121"], setting="hopd", **DAY)
    first, second = (line.opps for line in encounter.lines)
    assert first is not None and second is not None
    assert (first.rate, second.rate) == (egd, screening)
    assert second.copayment == Decimal("0.00")  # the preventive waiver: the patient pays nothing
    assert C_APC_PREVENTIVE_NOTE in second.notes and not second.adjustments
    assert encounter.totals["hopd"].facility_payment == egd + screening == Decimal("2719.55")
    out = _batch(pricer, [("H25-01", "43249", "2025-10-14"), ("H25-01", "G0121", "2025-10-14")])
    assert [Decimal(str(row["opps_rate"])) for row in out] == [egd, screening]
    assert Decimal(str(out[1]["opps_copayment"])) == Decimal("0.00")
    assert C_APC_PREVENTIVE_NOTE in out[1]["note"] and packaged_rule("5302") not in out[1]["note"]
    assert "; " not in C_APC_PREVENTIVE_NOTE


@pytest.mark.parametrize("by_arrays", [True, False])
def test_preventive_lines_beside_a_j1_agree_in_price_and_batch(
    pricer: Pricer, monkeypatch: pytest.MonkeyPatch, by_arrays: bool
) -> None:
    """Preventive services of several SIs beside 43249 (G0105 T, 76706 S, G0402 V, G0117 S: glaucoma screening, a
    preventive service whose coinsurance is kept) are paid their own APC; a chest X-ray (71046) is still packaged."""
    monkeypatch.setattr(claims, "BY_ARRAYS", by_arrays)
    codes = ["43249", "G0105", "76706", "G0402", "G0117", "71046"]
    encounter = pricer.price_encounter(codes, setting="hopd", **DAY)
    out = _batch(pricer, [("A", code, "2025-10-14") for code in codes])
    for line, row in zip(encounter.lines, out, strict=True):
        assert line.opps is not None
        assert Decimal(str(row["opps_rate"])) == line.opps.rate, line.code
        assert Decimal(str(row["opps_copayment"])) == line.opps.copayment, line.code
        apart = line.code in ("G0105", "76706", "G0402", "G0117")
        assert (C_APC_PREVENTIVE_NOTE in line.opps.notes) == apart == (C_APC_PREVENTIVE_NOTE in row["note"])
        if line.code != "43249":
            assert line.opps.rate == (_cms_rate(line.code) if apart else Decimal("0.00")), line.code
    glaucoma = encounter.lines[4].opps
    assert glaucoma is not None and glaucoma.copayment and glaucoma.copayment > 0  # its coinsurance is not waived


def test_a_claim_s_screening_on_another_date_than_its_j1_is_paid_apart(pricer: Pricer) -> None:
    """The claim-wide comprehensive APC (a J1 on one date packages the claim's lines on its other dates) leaves the
    screening paid too, and packages the X-ray of that date."""
    out = _batch(pricer, [("B", "43249", "2025-10-14"), ("B", "G0121", "2025-10-15"), ("B", "71046", "2025-10-15")])
    assert Decimal(str(out[1]["opps_rate"])) == _cms_rate("G0121") and C_APC_PREVENTIVE_NOTE in out[1]["note"]
    assert Decimal(str(out[2]["opps_rate"])) == Decimal("0.00")


def test_the_encounter_table_says_why_the_screening_is_paid() -> None:
    result = CliRunner().invoke(app, ["price", "43249", "G0121", "--setting", "22", "--zip", "43215", "--date",
                                      "2025-10-21"])  # fmt: skip
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert f"G0121: {C_APC_PREVENTIVE_NOTE}"[:80] in text and "$2,719.55" in text
