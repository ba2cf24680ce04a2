"""A blood count component beside the complete blood count (CBC) that includes it (``engine.blood_counts``): CMS's
CLFS descriptors make 85025 the five automated counts and the automated differential (85027 + 85004) and 85027 the
counts (85014, 85018, 85041, 85048, 85049). An independent laboratory's trial (ZIP 60611, 2026-05-04) billed 85025 and
85027 on one accession, priced $7.77 and $6.47 with no word. Now the part is noted, in price and a batch claim alike,
and not on another claim or date; the amounts stay CMS's CLFS rates, read here from CMS's own file."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pyarrow as pa

from rvucalc.batch.price import BatchPricer
from rvucalc.engine.blood_counts import COMBINED, component_note
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import encounters_both_ways

CLFS_Q2 = Path(__file__).resolve().parents[1] / "data/clfs/2026/PUF_CLFS_CY2026_Q2V1.csv"
ZIP, DATE = "60611", "2026-05-04"


def _clfs_rows() -> dict[str, list[str]]:
    with CLFS_Q2.open(encoding="latin-1") as handle:
        return {row[1]: row for row in csv.reader(handle) if len(row) > 8 and row[0] == "2026" and not row[2]}


def test_cms_descriptors_include_the_parts() -> None:
    """The CLFS's extended descriptors: 85025 is 85027's counts with the automated differential (85004)."""
    rows = _clfs_rows()
    cbc = "blood count; complete (cbc), automated (hgb, hct, rbc, wbc and platelet count)"
    assert rows["85027"][8].lower() == cbc
    assert rows["85025"][8].lower() == cbc + " and automated differential wbc count"
    assert rows["85004"][8].lower() == "blood count; automated differential wbc count"
    for code, word in {"85014": "hct", "85018": "hgb", "85041": "rbc", "85048": "wbc", "85049": "platelet"}.items():
        assert word in rows[code][8].lower() and word in cbc, code
    assert COMBINED["85025"][1] == COMBINED["85027"][1] | {"85027", "85004"}


# (claim, code, the complete count its note names, or None)
LINES = [
    ("L1", "85025", None), ("L1", "85027", "85025"), ("L1", "85018", "85025"), ("L1", "36415", None),
    ("L2", "85027", None), ("L2", "85049", "85027"), ("L2", "85004", None),
    ("L3", "85018", None), ("L3", "85014", None),  # no complete count: no note
    ("L4", "85025", None),  # the part on another claim: no note
    ("L5", "85027", None),
]  # fmt: skip


def test_a_part_beside_its_cbc_is_noted_in_price_and_batch(pricer: Pricer) -> None:
    rates = {code: Decimal(row[5]) for code, row in _clfs_rows().items()}
    table = pa.table({"claim": [c for c, _, _ in LINES], "code": [c for _, c, _ in LINES],
                      "date": [DATE] * len(LINES), "setting": ["81"] * len(LINES),
                      "zip": [ZIP] * len(LINES)})  # fmt: skip
    out = BatchPricer(pricer).price_table(table).to_pylist()
    for row, (claim, code, combined) in zip(out, LINES, strict=True):
        codes = [c for k, c, _ in LINES if k == claim]
        line = pricer.price_encounter(codes, zip_code=ZIP, date_of_service=DATE, setting="81").lines[codes.index(code)]
        notes = str(row["note"]).split("; ")
        if combined is None:
            assert not any("NCCI edits do not pay" in note for note in [*notes, *line.notes]), (claim, code)
        else:
            note = component_note(code, combined)
            assert note in notes and note in line.notes, (claim, code, row["note"])
        assert Decimal(row["allowed"]) == rates[code] == line.clfs.amount  # CMS's CLFS rate, unchanged


def test_a_part_with_a_distinct_service_modifier_is_not_noted(pricer: Pricer) -> None:
    """A review: `rvucalc price 85025 85018-91 85027-59` (ZIP 60611, 2026-05-04) told the repeat hemoglobin and the
    59 line "which Medicare's NCCI edits do not pay: bill 85025 alone", where the blood count pairs take 59 or 91 for
    distinct tests; a QW part (a waived test, not a distinct one) keeps the note. Price and batch alike; CMS's rates."""
    rates = {code: Decimal(row[5]) for code, row in _clfs_rows().items()}
    claims = [(["85025", "85018-91", "85027-59", "85014-XU", "85049-QW"], [False, False, False, False, True])]
    said = 0
    for _, code, line, row, noted in encounters_both_ways(pricer, claims, ZIP, DATE, setting="81"):
        bare = code.split("-")[0]
        notes = str(row["note"]).split("; ")
        if noted:
            note = component_note(bare, "85025")
            assert note in line.notes and note in notes, (code, row["note"])
            said += 1
        else:
            assert not any("NCCI edits do not pay" in note for note in [*notes, *line.notes]), (code, row["note"])
        assert Decimal(row["allowed"]) == rates[bare] == line.clfs.amount
    assert said == 1
