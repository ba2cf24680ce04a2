"""Drug tests billed per date of service (engine.schedules.DRUG_TEST_KINDS): CMS's CLFS descriptors bill a presumptive
drug test, 80305-80307, "per date of service" and a definitive one, G0480-G0483 and G0659, "per day". A date's second
code of a kind, or a second unit, is noted in price and batch alike (an independent lab's trial billed 80305 beside
80307 and G0480 beside G0481 on one date without a word); the amounts stay CMS's CLFS rates."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pyarrow as pa

from rvucalc.batch.price import BatchPricer
from rvucalc.lookup.pricer import Pricer

CLFS_Q2 = Path(__file__).resolve().parents[1] / "data/clfs/2026/PUF_CLFS_CY2026_Q2V1.csv"


def _clfs_rows() -> dict[str, list[str]]:
    with CLFS_Q2.open(encoding="latin-1") as handle:
        return {row[1]: row for row in csv.reader(handle) if len(row) > 8 and row[0] == "2026" and not row[2]}


def test_cms_descriptors_bill_the_drug_tests_per_date() -> None:
    rows = _clfs_rows()
    for code in ("80305", "80306", "80307"):
        assert rows[code][8].endswith("per date of service")
    for code in ("G0480", "G0481", "G0482", "G0483", "G0659"):
        assert "per day" in rows[code][8]


def test_a_second_drug_test_code_or_unit_on_a_date_is_noted(pricer: Pricer) -> None:
    rates = {code: Decimal(row[5]) for code, row in _clfs_rows().items()}
    lines = [("C1", "80305", "1"), ("C1", "80307", "1"), ("C2", "G0480", "1"), ("C2", "G0481", "1"),
             ("C3", "G0482", "2"), ("C3", "80305", "1")]  # fmt: skip
    table = pa.table({"claim": [c for c, _, _ in lines], "code": [c for _, c, _ in lines],
                      "units": [u for _, _, u in lines], "date": ["2026-02-10"] * len(lines),
                      "setting": ["81"] * len(lines), "zip": ["37203"] * len(lines)})  # fmt: skip
    out = BatchPricer(pricer).price_table(table).to_pylist()
    said = ["Drug tests on one date" in str(row["note"]) for row in out]
    assert said == [True, True, True, True, False, False]
    assert "units of G0482" in str(out[4]["note"]) and "units of" not in str(out[5]["note"])
    for row, (_, code, units) in zip(out, lines, strict=True):
        assert Decimal(row["allowed"]) == rates[code] * int(units)  # the CLFS rates, unchanged
    encounter = pricer.price_encounter(["80305", "80307"], zip_code="37203", setting="81")
    assert all(any("Drug tests on one date (80305, 80307)" in note for note in line.notes) for line in encounter.lines)
    single = pricer.price("G0482", units=2, zip_code="37203", setting="81")
    assert single.clfs is not None and any("2 units of G0482" in note for note in single.clfs.notes)


def test_cpt_definitive_drug_tests_name_medicares_g_codes(pricer: Pricer) -> None:
    """80320-80377: status I in CMS's RVU26C, on no CY2026 CLFS row; CMS's CLFS prices G0480-G0483 and G0659. The
    reason names them, in price and batch, not only "Medicare uses another code"."""
    rvu = Path(__file__).resolve().parents[1] / "data/rvu"
    [path] = [p for p in rvu.rglob("PPRRVU2026_Jul_nonQPP.csv")]
    with path.open(encoding="latin-1") as handle:
        status = {row[0]: row[3] for row in csv.reader(handle) if row and "80320" <= row[0] <= "80377"}
    assert len(status) == 58 and set(status.values()) == {"I"}
    clfs = _clfs_rows()
    assert not any(code in clfs for code in status) and all(c in clfs for c in ("G0480", "G0483", "G0659"))
    for code in ("80320", "80377"):
        result = pricer.price(code, zip_code="37203", setting="81")
        assert "Medicare pays it as G0480-G0483" in str(result.sites[0].reason)
    table = pa.table({"code": ["80346"], "zip": ["37203"], "setting": ["81"]})
    [row] = BatchPricer(pricer).price_table(table).to_pylist()
    assert "G0480-G0483" in str(row["note"]) + str(row["error"])
