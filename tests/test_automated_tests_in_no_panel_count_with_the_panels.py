"""Automated chemistry tests in no CPT panel (``engine.schedules.AUTOMATED_TESTS_IN_NO_PANEL``: creatine kinase 82550,
GGT 82977, LDH 83615, uric acid 84550, on HCFA's 1998 list of automated multichannel tests) are counted with a date's
panels and tests, as the MAC prices them by the number of automated tests. An independent laboratory's trial (ZIP
60611, 2026-05-04) billed 80053 beside 84550 with no note. Now the chemistry panel note is on both lines, in price and
batch alike; the amounts stay CMS's CLFS rates, read from CMS's own file."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pyarrow as pa

from rvucalc.batch.price import BatchPricer
from rvucalc.engine.schedules import AUTOMATED_TESTS_IN_NO_PANEL, CHEMISTRY_PANELS
from rvucalc.lookup.pricer import Pricer

CLFS_Q2 = Path(__file__).resolve().parents[1] / "data/clfs/2026/PUF_CLFS_CY2026_Q2V1.csv"
ZIP, DATE = "60611", "2026-05-04"
NOTE = "Chemistry panel tests on one date"


def _clfs_rows() -> dict[str, list[str]]:
    with CLFS_Q2.open(encoding="latin-1") as handle:
        return {row[1]: row for row in csv.reader(handle) if len(row) > 8 and row[0] == "2026" and not row[2]}


def test_the_tests_are_cms_clfs_chemistry_tests_in_no_panel() -> None:
    rows = _clfs_rows()
    words = {"82550": "ck (cpk)", "82977": "ggt", "83615": "(ld) (ldh)", "84550": "uric acid"}
    for code in AUTOMATED_TESTS_IN_NO_PANEL:
        assert words[code] in rows[code][6].lower(), code
        assert not any(code in parts for _, parts in CHEMISTRY_PANELS.values()), code


# (claim, code, noted)
LINES = [
    ("A1", "80053", True), ("A1", "84550", True),
    ("A2", "82550", True), ("A2", "83615", True), ("A2", "82977", True),
    ("A3", "84550", False), ("A3", "84443", False),  # one automated test: nothing to count together
]  # fmt: skip


def test_a_test_in_no_panel_is_counted_with_the_date_s_chemistry(pricer: Pricer) -> None:
    rates = {code: Decimal(row[5]) for code, row in _clfs_rows().items()}
    table = pa.table({"claim": [c for c, _, _ in LINES], "code": [c for _, c, _ in LINES],
                      "date": [DATE] * len(LINES), "setting": ["81"] * len(LINES),
                      "zip": [ZIP] * len(LINES)})  # fmt: skip
    out = BatchPricer(pricer).price_table(table).to_pylist()
    for row, (claim, code, noted) in zip(out, LINES, strict=True):
        codes = [c for k, c, _ in LINES if k == claim]
        line = pricer.price_encounter(codes, zip_code=ZIP, date_of_service=DATE, setting="81").lines[codes.index(code)]
        price_notes = [n for n in line.notes if n.startswith(NOTE)]  # (the note holds a "; ": batch's joiner)
        assert len(price_notes) == int(noted), (claim, code, price_notes)
        assert str(row["note"]).count(NOTE) == int(noted) and all(n in str(row["note"]) for n in price_notes)
        assert Decimal(row["allowed"]) == rates[code] == line.clfs.amount  # CMS's CLFS rate, unchanged
