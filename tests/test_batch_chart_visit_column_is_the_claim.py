"""An urgent care center's export names its claim id 'Chart/Visit #' (the patient's chart and the visit's number in
one id): batch neither read nor hinted it, so each line was priced alone and a physician's 69200-LT (an ear's
foreign body) beside 10120 (multiple procedure indicator 2 both) was paid in full, not at 50% (CMS's RVU file
documentation, indicator 2: "100 percent for the highest valued procedure and 50 percent for the second"). Expected
amounts come from CMS's rows shipped in data/."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from conftest import run_batch_rows
from test_imaging_order import fee, once

CHICAGO_2026 = ("06102", "16", "16")  # GPCI2026's carrier and locality number (ZIP 60614: 0610216)


def _row(code: str, modifier: str = "") -> dict[str, str]:
    return {"Chart/Visit #": "V26010", "DOS": "03/09/2026", "CPT": code, "Mod": modifier, "Mod 2": "", "Qty": "1",
            "POS": "20", "Clinic Zip": "60614", "Provider Name": "Patel, Anil MD"}  # fmt: skip


def test_chart_visit_column_is_the_claim(isolated_cache: Path, tmp_path: Path) -> None:
    done, rows = run_batch_rows(tmp_path, [_row("10120"), _row("69200", "LT")])
    assert done.exit_code == 0, done.output
    assert "claim ← Chart/Visit #" in done.stderr and "no claim column" not in done.stderr
    first, later = (Decimal(row["allowed"]) for row in rows)
    assert first == fee(2026, CHICAGO_2026, "10120")
    assert later == once(fee(2026, CHICAGO_2026, "69200") * Decimal("0.5"))


def test_chart_visit_column_gives_way_to_a_visit_number_and_a_bare_chart_is_no_claim() -> None:
    """Beside 'Visit ID' that one is the claim; a bare 'Chart #' is the patient's record number, not a claim."""
    from rvucalc.batch.columns import resolve_columns

    def claim(names: list[str]) -> str | None:
        columns = resolve_columns(names, {})
        position = columns.position("claim")
        return None if position is None else columns.names[position]

    assert claim(["Chart/Visit #", "Visit ID", "CPT"]) == "Visit ID"
    assert claim(["Chart/Visit #", "Chart #", "CPT"]) == "Chart/Visit #"
    assert claim(["Chart #", "CPT"]) is None
