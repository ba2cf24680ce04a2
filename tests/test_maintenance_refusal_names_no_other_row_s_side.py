"""MS (six-month maintenance and servicing) on a DMEPOS code without an MS row is refused
(``engine.schedules.maintenance_refusal``). Batch's cells of a code that differ only by informational modifiers (RT,
LT, GA ...) share their office terms, so the refusal named the first row's: a knee orthosis's L1833-LT-MS after an
L1833-RT-MS row was refused as "L1833-RT-MS", and E0100-GA-MS as "E0100-MS" after E0100-MS. The refusal names the
line's row-choosing modifiers only, the same on every row whichever comes first, and as the single lookup's."""

from __future__ import annotations

from pathlib import Path

from conftest import run_batch_rows
from rvucalc.lookup.pricer import Pricer

DATE, ZIP = "2026-04-06", "07601"
SAID = "MS is the six-month maintenance and servicing fee"


def test_an_ms_refusal_names_no_other_row_s_side_whichever_comes_first(pricer: Pricer, tmp_path: Path) -> None:
    for lines in (["L1833-RT-MS", "L1833-LT-MS"], ["E0100-MS", "E0100-GA-MS"]):
        reasons = {}
        for line in lines:
            result = pricer.price(line, zip_code=ZIP, date_of_service=DATE)
            assert result.dmepos is not None and not result.dmepos.payable
            reasons[line] = result.dmepos.reason
            assert reasons[line].startswith(f"{line.split('-')[0]}-MS: {SAID}"), reasons[line]
        for order in (lines, lines[::-1]):
            rows = [{"Claim": f"M{n}", "DOS": DATE, "CPT": line, "Units": "1", "POS": "12", "Patient Zip": ZIP}
                    for n, line in enumerate(order)]  # fmt: skip
            done, out = run_batch_rows(tmp_path, rows)
            assert done.exit_code == 0, done.output
            for line, row in zip(order, out, strict=True):
                assert row["allowed"] == "" and reasons[line] in row["note"], (order, line, row["note"])
