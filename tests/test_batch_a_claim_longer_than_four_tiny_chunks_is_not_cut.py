"""A claim of more lines than four chunks of a small --chunk-rows (or run_batch's chunk_rows=1) was cut at four chunks
(files.whole_claims), its later lines priced as another encounter: three pairs of 93005 (131, revenue code 0730) and
93010 (no type of bill, revenue code 0985) on claim C1 gave the third 93005's office comparison $6.51 with
chunk_rows=1 where one chunk gave $4.88, the multiple diagnostic cardiovascular reduction of its own claim (PPRRVU
multiple procedure indicator 6: "25% reduction of the second highest and subsequent procedures to the TC of diagnostic
cardiovascular services"). A claim of fewer than files.MIN_CARRIED_ROWS lines is now carried whole whatever the chunk
size: every column the same."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd

from rvucalc import Pricer
from rvucalc.batch.files import run_batch
from test_batch_facility_claim_entry_of_hb_and_pb_export import DATE, ZIP

HEADER = "Claim ID,Provider,CPT,DOS,Units,POS,Bill Type,Rev Code,Zip Code\n"
PAIR = f"C1,,93005,{DATE},1,22,131,0730,{ZIP}\nC1,,93010,{DATE},1,22,,0985,{ZIP}\n"
# PPRRVU2025_Oct's 93005 (non-facility PE 0.18, MP 0.01, CF 32.3465) at GPCI2025's METROPOLITAN PHILADELPHIA
# (12502/01: PE 1.053, MP 1.177), in full and at 75% (indicator 6), rounded once
_RVUS = Decimal("0.18") * Decimal("1.053") + Decimal("0.01") * Decimal("1.177")
FULL = (_RVUS * Decimal("32.3465")).quantize(Decimal("0.01"), ROUND_HALF_UP)
REDUCED = (_RVUS * Decimal("0.75") * Decimal("32.3465")).quantize(Decimal("0.01"), ROUND_HALF_UP)


def test_a_claim_longer_than_four_tiny_chunks_is_priced_as_one_encounter(tmp_path: Path) -> None:
    source = tmp_path / "d3.csv"
    source.write_text(HEADER + PAIR * 3 + f"C2,,99213,{DATE},1,11,,,{ZIP}\n")
    pricer = Pricer()
    try:
        run_batch(pricer, str(source), str(tmp_path / "whole.csv"))
        for rows in (1, 2, 3):
            run_batch(pricer, str(source), str(tmp_path / f"chunked{rows}.csv"), chunk_rows=rows)
            chunked = pd.read_csv(tmp_path / f"chunked{rows}.csv", dtype=str, keep_default_na=False)
            whole = pd.read_csv(tmp_path / "whole.csv", dtype=str, keep_default_na=False)
            pd.testing.assert_frame_equal(chunked, whole)
    finally:
        pricer.close()
    tracings = whole.loc[whole["CPT"] == "93005", "pfs_non_facility_amount"].tolist()
    assert (Decimal("6.51"), Decimal("4.88")) == (FULL, REDUCED)
    assert tracings == [str(FULL), str(REDUCED), str(REDUCED)], tracings
