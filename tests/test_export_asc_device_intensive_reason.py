"""`export --what asc --cbsa`: a device-intensive (PI J8) code's rate is its device portion (Addendum FF) at the
national amount plus the rest wage-adjusted (rvucalc's documented method, engine.facility.price_asc), not national x
(0.5 x wage index + 0.5): a contracting trial read 23472 at Dallas (CBSA 19124, $13,842.16) against $13,660.55 with
rate_reason blank. rate_reason says it, with the device portion; a code of another indicator says nothing."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app

ADDENDA = Path(__file__).resolve().parents[1] / "data" / "opps" / "2026" / "asc" / "07"


def _addendum(name: str, column: int) -> dict[str, str]:
    with (ADDENDA / f"{name}.csv").open(newline="", encoding="utf-8-sig") as handle:
        return {row[0]: row[column] for row in csv.reader(handle) if len(row) > column and row[0]}


def test_a_device_intensive_rate_says_its_device_portion_is_paid_nationally(tmp_path: Path) -> None:
    device = _addendum("FF", 8)["23472"]  # July 2026 Device Offset Amount / Device Portion
    national = Decimal(_addendum("AA", 6)["23472"])
    target = tmp_path / "asc26.csv"
    done = CliRunner().invoke(app, ["export", "--year", "2026", "--what", "asc", "--cbsa", "19124", "--release",
                                    "2026-07", "-o", str(target)])  # fmt: skip
    assert done.exit_code == 0, done.output
    with target.open(newline="") as handle:
        rows = {row["hcpcs"]: row for row in csv.DictReader(handle)}
    row = rows["23472"]
    assert row["payment_indicator"] == "J8" and Decimal(row["national_rate"]) == national
    portion = Decimal(device)
    factor = Decimal("0.5") * Decimal(row["wage_index"]) + Decimal("0.5")
    assert Decimal(row["rate"]) == (portion + (national - portion) * factor).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert Decimal(row["rate"]) != (national * factor).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert row["rate_reason"] == (
        f"Device-intensive (J8): device portion ${portion:,.2f} (Addendum FF) paid "
        "nationally, the rest wage-adjusted (42 CFR 416.171(b)(2): the device portion's national rate from the OPPS; "
        "416.172(c): covered surgical procedures' rates adjusted for ASC labor costs; the device portion left out of "
        "that adjustment: rvucalc's reading)"
    )
    # each paragraph cited for what it says, as price's note (engine.facility.DEVICE_INTENSIVE_SOURCE) cites them
    assert "416.171(b)(2), 416.172(c)" not in row["rate_reason"]
    assert all(r["rate_reason"].startswith("Device-intensive") for r in rows.values() if r["payment_indicator"] == "J8")
    # 29881 has a device offset in Addendum FF but is no device-intensive code (A2): its rate is wholly adjusted
    assert rows["29881"]["payment_indicator"] == "A2" and rows["29881"]["rate_reason"] == ""


def test_the_export_cites_each_paragraph_as_prices_note_does() -> None:
    """One text: the export's brief citation is engine.facility's, whose paragraphs price's note names too (a review:
    the export still cited "416.171(b)(2), 416.172(c)" together after the note was reworded)."""
    from rvucalc.engine.facility import DEVICE_INTENSIVE_BRIEF, device_intensive_note
    from rvucalc.export import _device_reason

    assert _device_reason(178_245).endswith(f"({DEVICE_INTENSIVE_BRIEF})")
    note = device_intensive_note(178_245)
    assert "$1,782.45" in _device_reason(178_245) and "$1,782.45" in note
    for cited in ("416.171(b)(2)", "416.172(c)", "rvucalc's reading"):
        assert cited in DEVICE_INTENSIVE_BRIEF and cited in note
