"""An orthopaedic export's 'Laterality' column ('Bilateral', 'Left', 'Right', 'B') beside the code: no role reads it,
and a line it called 'Bilateral' without modifier 50 was priced once, as billed, without a word. Medicare pays a
procedure on both sides as one bilateral procedure only when the claim says so, with 50 or the code on LT and RT lines
(Claims Processing Manual ch. 12 §40.7), at the MPFS bilateral indicator's amount: the column is not read as 50 (the
claim as billed is what is paid), stderr names it, and a 'Bilateral' line whose modifiers do not say so is noted.
The amounts are CMS's (RVU26C's 20610 row x Manhattan's GPCIs x the CF), unchanged by the column."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from cms_fees import CENT, fee_2026, gpci_2026, rvu_2026_row
from rvucalc.batch.lines import bilateral_cell
from rvucalc.cli import app

runner = CliRunner()
HEADER = "Claim,CPT,Modifier,Units,ZIP,POS,DOS,{column}\n"
# RVU26C: 20610,,Drain/inj joint/bursa w/o us,A,,0.77,1.16,,0.29,,0.13,... BILAT SURG 1 (150%), CF 33.4009
ROWS = (
    "C1,20610,,1,10001,11,2026-08-03,Bilateral\n"  # says both sides, billed as one: noted
    "C2,20610,50,1,10001,11,2026-08-03,Bilateral\n"  # 50: bilateral, no note
    "C3,20610,RT,1,10001,11,2026-08-03,Bilateral\n"  # one side's line: its other side may be its own line
    "C4,20610,,1,10001,11,2026-08-03,Left\n"  # one side: nothing to say
    "C5,20610,,1,10001,11,2026-08-03,B\n"  # 'B': both, noted
)


def _run(tmp_path: Path, column: str = "Laterality") -> tuple[list[dict[str, str]], str]:
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text(HEADER.format(column=column) + ROWS)
    result = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(target.open())), " ".join(result.stderr.split())


def test_a_laterality_column_is_said_not_read_and_a_bilateral_line_without_50_noted(tmp_path: Path) -> None:
    rows, said = _run(tmp_path)
    assert "ignored: Laterality (the side of the body is not read as modifiers" in said, said
    assert "ch. 12 §40.7" in said
    one_side = fee_2026("20610", "1320201")
    row, (work, pe, mp) = rvu_2026_row("20610"), gpci_2026("1320201")
    unrounded = (Decimal(row[5]) * work + Decimal(row[6]) * pe + Decimal(row[10]) * mp) * Decimal(row[25])
    both = (unrounded * Decimal("1.5")).quantize(CENT, ROUND_HALF_UP)  # BILAT SURG 1: 150%, rounded once
    assert [Decimal(row["allowed"]) for row in rows] == [one_side, both, one_side, one_side, one_side]
    noted = ["Laterality 'Bilateral' is not read: the line has no 50" in rows[0]["note"],
             "Laterality" in rows[1]["note"], "Laterality" in rows[2]["note"], "Laterality" in rows[3]["note"],
             "Laterality 'B' is not read: the line has no 50" in rows[4]["note"]]  # fmt: skip
    assert noted == [True, False, False, False, True]
    assert "Claims Processing Manual ch. 12 §40.7" in rows[0]["note"]


def test_the_note_names_the_column_as_the_file_does(tmp_path: Path) -> None:
    rows, said = _run(tmp_path, "Procedure Side")
    assert "ignored: Procedure Side" in said
    assert "Procedure Side 'Bilateral' is not read" in rows[0]["note"]


def test_which_cells_say_both_sides() -> None:
    for cell in ("Bilateral", "BILATERAL", "Bilat", "B", "both", "LT/RT", "RT+LT", "Left and Right", "50", "bi"):
        assert bilateral_cell(cell), cell
    for cell in ("Left", "Right", "LT", "RT", "L", "R", "", "N/A", "Unilateral"):
        assert not bilateral_cell(cell), cell


def test_the_note_is_said_only_where_the_bilateral_indicator_pays_both_sides(tmp_path: Path) -> None:
    # RVU26C's BILAT SURG (RVU file documentation, "Bilateral Surgery"): 99213 0 ("150% payment adjustment for
    # bilateral procedures does not apply ... 100% of the fee schedule amount for a single code"), 73565 and 77067 2
    # ("RVUs are already based on the procedure being performed as a bilateral procedure ... 100% of the fee schedule
    # for a single code"), 20610 1 (150%), 73560 3 ("100% of the fee schedule amount for each side"). A 'Bilateral'
    # cell beside a code of 0 or 2 costs nothing without 50 (50 pays one code's 100% as well): no note there.
    # RVU26C: 99213,,Office o/p est low 20 min,A,,1.30,1.46,,0.33,,0.09,... BILAT SURG 0
    # RVU26C: 73565,,X-ray exam of knees,A,,0.16,1.08,,1.08,NA,0.02,... BILAT SURG 2
    # RVU26C: 73560,,X-ray exam of knee 1 or 2,A,,0.16,0.85,,0.85,NA,0.02,... BILAT SURG 3
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text(
        HEADER.format(column="Laterality")
        + "".join(
            f"C{i},{code},,1,10001,11,2026-08-03,Bilateral\n"
            for i, code in enumerate(("99213", "73565", "77067", "20610", "73560"))
        )
    )
    result = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(target.open()))
    noted = {row["CPT"]: "Laterality 'Bilateral' is not read" in row["note"] for row in rows}
    assert noted == {"99213": False, "73565": False, "77067": False, "20610": True, "73560": True}
    # priced as billed, one line each, the column changing nothing
    assert [Decimal(row["allowed"]) for row in rows if row["CPT"] in ("99213", "73565", "73560")] == [
        fee_2026(code, "1320201") for code in ("99213", "73565", "73560")
    ]


def test_the_note_names_each_way_a_claim_says_both_sides(tmp_path: Path) -> None:
    # RVU file documentation, "Bilateral Surgery", indicator 1: "If the code is billed with the bilateral modifier or
    # is reported twice on the same day by any other means (e.g., with RT and LT modifiers, or with a 2 in the units
    # field)": 2 units are a way too (engine.policy.two_units_bilateral prices them so), said beside 50 and LT/RT.
    rows, said = _run(tmp_path)
    assert "or 2 units" in rows[0]["note"] and "or 2 units" in said


def test_a_side_column_of_billing_sides_is_no_laterality(tmp_path: Path) -> None:
    # A hospital export's 'Side' is the billing side ('Pro', 'Tech', 'Both': professional, technical, global), not the
    # body's: its 'Both' beside 73560 (RVU26C BILAT SURG 3) is no missing 50. A 'Side' of body sides is still read.
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text(
        HEADER.format(column="Side")
        + "C1,73560,,1,10001,11,2026-08-03,Both\nC2,73560,26,1,10001,11,2026-08-03,Pro\n"
        + "C3,73560,TC,1,10001,11,2026-08-03,Tech\n"
    )
    result = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert not any("Side 'Both'" in row["note"] for row in csv.DictReader(target.open()))
    rows, _ = _run(tmp_path, "Side")
    assert "Side 'Bilateral' is not read" in rows[0]["note"]


def test_a_side_column_of_billing_sides_is_not_called_the_body_s_side_on_stderr(tmp_path: Path) -> None:
    # The same hospital export's 'Side' of 'Pro', 'Tech', 'Both': stderr said "ignored: Side (the side of the body is
    # not read ...)" of it. It says the column is not read, with no word of the body's side or bilateral payment; a
    # 'Side' of 'Left', 'Right', 'Bilateral' is still said to be the side of the body.
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text(
        HEADER.format(column="Side")
        + "C1,73560,,1,10001,11,2026-08-03,Both\nC2,73560,26,1,10001,11,2026-08-03,Pro\n"
        + "C3,73560,TC,1,10001,11,2026-08-03,Tech\n"
    )
    result = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    said = " ".join(result.stderr.split())
    assert "ignored: Side (not read" in said, said
    assert "side of the body" not in said and "§40.7" not in said
    _, said = _run(tmp_path, "Side")
    assert "ignored: Side (the side of the body is not read as modifiers" in said
