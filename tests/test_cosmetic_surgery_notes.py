"""Cosmetic surgery on the PFS. CMS's RVU files list the procedures directed at improving appearance (hair
transplantation, chemical peels, rhytidectomy, suction lipectomy) with status R (restricted coverage); Medicare's
cosmetic surgery exclusion (Social Security Act §1862(a)(10), Benefit Policy Manual ch. 16 §120, NCD 140.4) pays them
only for the prompt repair of an accidental injury or to improve the functioning of a malformed body member. A plastic
surgery group's trial found 15828 at an ASC priced at $1,948.45 with nothing said but "restricted coverage"."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.meanings import COSMETIC_PROCEDURES, cosmetic_surgery_note

DATA = Path(__file__).resolve().parents[1] / "data"
# Status R codes of the range left out on purpose (often covered), and status A ones whose coverage is an LCD's.
NOT_NOTED = ("11920", "11950", "15830", "15820", "15823", "19316", "19318")


def _rvu_rows(path: str, codes: tuple[str, ...]) -> dict[str, list[str]]:
    """CMS's global rows of ``codes`` in the RVU file at ``path`` (under data/rvu)."""
    with (DATA / "rvu" / path).open(encoding="latin-1", newline="") as handle:
        return {row[0]: row for row in csv.reader(handle) if row and row[0] in codes and not row[1]}


def test_cms_lists_the_cosmetic_procedures_as_restricted() -> None:
    codes = (*COSMETIC_PROCEDURES, *NOT_NOTED)
    for path in ("2026/PPRRVU2026_Jul_nonQPP.csv", "2025/PPRRVU2025_Oct.csv", "2025/PPRRVU25_JAN.csv"):
        rows = _rvu_rows(path, codes)
        for code in COSMETIC_PROCEDURES:
            assert rows[code][3] == "R", (path, rows[code])
        assert rows["11920"][3] == rows["11950"][3] == rows["15830"][3] == "R", path
        assert all(rows[code][3] == "A" for code in ("15820", "15823", "19316", "19318")), path
    assert _rvu_rows("2026/PPRRVU2026_Jul_nonQPP.csv", ("15828",))["15828"][11] == "0.00"  # the MAC prices it
    note = cosmetic_surgery_note("15828", "R")
    assert note is not None and "; " not in note and "rhytidectomy" in note
    assert "§1862(a)(10)" in note and "ch. 16 §120" in note and "accidental injury" in note
    assert all(cosmetic_surgery_note(code, "R") is None for code in NOT_NOTED)
    assert cosmetic_surgery_note("15828", "A") is None


def test_price_and_batch_say_the_exclusion_and_change_no_amount(tmp_path: Path) -> None:
    runner = CliRunner()
    done = runner.invoke(app, ["price", "15828", "--zip", "80210", "--date", "2026-06-02", "--setting", "asc",
                               "-f", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    result = json.loads(done.stdout)
    assert cosmetic_surgery_note("15828", "R") in result["notes"]
    table = runner.invoke(app, ["price", "15877", "--zip", "77030", "--date", "2025-06-02"])
    assert table.exit_code == 0 and table.stdout.count("cosmetic surgery exclusion") == 1, table.output
    office = runner.invoke(app, ["price", "15828", "--zip", "80210", "--date", "2026-06-02", "--setting", "office"])
    assert office.exit_code == 1 and "cosmetic surgery exclusion" in office.stderr, office.output
    source, out = tmp_path / "prs.csv", tmp_path / "out.csv"
    source.write_text("claim,code,modifier,zip,date,pos\nA,15828,,80210,2026-06-02,24\nB,15823,50,80210,2026-06-02,24\n"
                      "C,15830,,80210,2026-06-02,24\n")  # fmt: skip
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(out.open()))
    for row, code in zip(rows, ("15828", "15823", "15830"), strict=True):
        notes = row["note"].split("; ")
        assert (cosmetic_surgery_note(code, "R") in notes) == (code == "15828"), row
    # the note changes no money: Addendum AA's April 2026 rate x (50% x Denver's ASC wage index + 50%), rounded once
    with (DATA / "opps/2026/asc/04/AA.csv").open(encoding="latin-1", newline="") as handle:
        national = next(Decimal(row[6].strip(" $").replace(",", "")) for row in csv.reader(handle) if row[0] == "15828")
    with (DATA / "opps/2026/asc_wage_index_2026.csv").open(encoding="latin-1", newline="") as handle:
        wage = next(Decimal(row[2]) for row in csv.reader(handle) if row[0] == "19740")
    rate = (national * (Decimal("0.5") * wage + Decimal("0.5"))).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert rows[0]["asc_rate"] == rows[0]["allowed"] == str(rate) == f"{result['asc']['rate']:.2f}", (national, wage)
