"""A PFS status I supply (A4570, splint) is not valid for Medicare: CMS's RVU file documentation defines status I as
"Not valid for Medicare purposes. Medicare uses another code for the reporting of and the payment for these services".
PPRRVU2026_Jul_nonQPP.csv (RVU26C): 'A4570,,Splint,I,,0.00,0.00,,0.00,,0.00,...'; DMEPOS26_JAN.xlsx has no A4570
row (nor any status I A, E, K or L code); October 2025's Addendum B: A4570 SI E1. An urgent care trial's
`rvucalc price A4570 --zip 85004 --setting 20` said "codes like it are paid from the DMEPOS fee schedule (supplies),
and the installed DMEPOS files do not list A4570 (ask your MAC)" with no word of status I; batch's row said both."""

from __future__ import annotations

import pyarrow as pa
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer, other_schedule_note

ZIP, DATE = "85004", "2026-08-05"


def test_price_says_status_i_and_does_not_send_a4570_to_the_mac() -> None:
    result = CliRunner().invoke(app, ["price", "A4570", "--zip", ZIP, "--date", DATE, "--setting", "20"])
    said = " ".join(result.output.split())
    assert result.exit_code == 1, said
    assert "status I: Not valid for Medicare" in said, said
    assert "ask your MAC" not in said and "codes like it are paid from" not in said, said


def test_batch_notes_status_i_alone_and_the_splint_application_is_priced() -> None:
    table = pa.Table.from_pylist([{"claim": "S1", "code": code, "zip": ZIP, "date": DATE, "setting": "20"}
                                  for code in ("29125", "A4570")])  # fmt: skip
    rows = BatchPricer(Pricer()).price_table(table).to_pylist()
    assert rows[1]["allowed"] is None and "status I: Not valid for Medicare" in rows[1]["note"]
    assert "ask your MAC" not in rows[1]["note"] and "codes like it are paid from" not in rows[1]["note"]
    # 29125: (0.49 x 1.000 + 1.79 x 0.969 + 0.09 x 0.856) x 33.4009 = 2.30155 x 33.4009 = $76.87 (RVU26C; ARIZONA
    # 0310200 GPCIs 1.000, 0.969, 0.856 in localities2026-01-01-2026.csv)
    assert str(rows[0]["allowed"]) == "76.87"


def test_other_schedule_note_leaves_a_status_i_code_to_its_status() -> None:
    assert other_schedule_note("A4570", "Splint", "I") == []
    assert other_schedule_note("A4580", "Cast supplies (plaster)", "I") == []
    assert other_schedule_note("A4570", "Splint", "") != []  # no PFS row: the schedule that pays codes like it
