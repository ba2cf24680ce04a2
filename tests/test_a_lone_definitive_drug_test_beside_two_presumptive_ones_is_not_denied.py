"""A date's drug test note is its kind's (``engine.schedules.DRUG_TEST_CODES_BY_KIND``): CMS's CLFS descriptors bill one
presumptive code (80305-80307) "per date of service" and one definitive code (G0480-G0483, G0659) "per day", each kind
its own. An independent laboratory's trial (ZIP 60611, 2026-04-15) billed 80305-QW, 80307 and G0480 on one accession:
G0480's row read "Drug tests on one date (80305, 80307, G0480) ... the MAC pays one of them, its edits denying the
other", though the definitive test is billed beside the presumptive ones. Now the note is on the two presumptive lines
alone, naming them, in price and batch alike; the amounts stay CMS's CLFS rates, read from CMS's own file."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pyarrow as pa

from rvucalc.batch.price import BatchPricer
from rvucalc.lookup.pricer import Pricer

CLFS_Q2 = Path(__file__).resolve().parents[1] / "data/clfs/2026/PUF_CLFS_CY2026_Q2V1.csv"
ZIP, DATE = "60611", "2026-04-15"


def _clfs_rates() -> dict[str, Decimal]:
    with CLFS_Q2.open(encoding="latin-1") as handle:
        rows = [row for row in csv.reader(handle) if len(row) > 8 and row[0] == "2026" and not row[2]]
    return {row[1]: Decimal(row[5]) for row in rows}


# (claim, code, the drug test codes its note names, or None)
LINES = [
    ("D1", "80305", "80305, 80307"), ("D1", "80307", "80305, 80307"), ("D1", "G0480", None),
    ("D2", "G0480", "G0480, G0481"), ("D2", "G0481", "G0480, G0481"), ("D2", "80306", None),
    ("D3", "80305", "80305, 80306"), ("D3", "80306", "80305, 80306"),
    ("D3", "G0482", "G0482, G0483"), ("D3", "G0483", "G0482, G0483"),
]  # fmt: skip


def test_each_kind_s_note_is_on_its_own_lines_in_price_and_batch(pricer: Pricer) -> None:
    rates = _clfs_rates()
    table = pa.table({"claim": [c for c, _, _ in LINES], "code": [c for _, c, _ in LINES],
                      "date": [DATE] * len(LINES), "setting": ["81"] * len(LINES),
                      "zip": [ZIP] * len(LINES)})  # fmt: skip
    out = BatchPricer(pricer).price_table(table).to_pylist()
    for row, (claim, code, named) in zip(out, LINES, strict=True):
        codes = [c for k, c, _ in LINES if k == claim]
        line = pricer.price_encounter(codes, zip_code=ZIP, date_of_service=DATE, setting="81").lines[codes.index(code)]
        for notes in (str(row["note"]).split("; "), line.notes):
            said = [note for note in notes if note.startswith("Drug tests on one date")]
            if named is None:
                assert not said, (claim, code, said)
            else:
                assert len(said) == 1 and said[0].startswith(f"Drug tests on one date ({named}):"), (claim, code, said)
        assert Decimal(row["allowed"]) == rates[code] == line.clfs.amount  # CMS's CLFS rate, unchanged
