"""The premium functions of an intraocular lens, V2787 (astigmatism-correcting) and V2788 (presbyopia-correcting), are
not covered: an ophthalmology trial (a Denver practice that owns its ASC) found `price V2788 --setting asc` saying
"codes like it are paid from vision and hearing services, which rvucalc does not install", where CMS's RVU file gives
them status N, OPPS Addendum B SI E1, and the ASC addenda list neither; the beneficiary pays for the correcting
function (CMS Ruling 05-01, CMS-1536-R; Claims Processing Manual ch. 14 §40.9). The conventional lens, V2632, is
packaged into the facility's payment (Addendum B SI N, Addendum AA/BB PI N1)."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.meanings import PREMIUM_IOL_FUNCTIONS, excluded_item_note, premium_iol_note

DATA = Path(__file__).resolve().parents[1] / "data"
RVU26C = DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv"
ADDENDUM_B = DATA / "opps/2025/508 version of October 2025 Web Addendum B.10.31.25.csv"
ASC = DATA / "opps/2026/asc/01"
LENSES = ("V2632", "V2787", "V2788")


def _first_cells(path: Path, at: int, codes: tuple[str, ...] = LENSES) -> dict[str, str]:
    with path.open(encoding="latin-1", newline="") as handle:
        return {row[0]: row[at] for row in csv.reader(handle) if row and row[0] in codes and len(row) > at}


def test_cms_files_cover_no_premium_lens_function_and_package_the_lens() -> None:
    statuses = {code: status for code, status in _first_cells(RVU26C, 3).items()}
    indicators = _first_cells(ADDENDUM_B, 2)
    asc = {**_first_cells(ASC / "AA.csv", 4), **_first_cells(ASC / "BB.csv", 4)}
    assert sorted(PREMIUM_IOL_FUNCTIONS) == ["V2787", "V2788"]
    assert [statuses[code] for code in PREMIUM_IOL_FUNCTIONS] == ["N", "N"]
    assert [indicators[code] for code in PREMIUM_IOL_FUNCTIONS] == ["E1", "E1"]
    assert "V2787" not in asc and "V2788" not in asc
    assert (indicators["V2632"], asc["V2632"]) == ("N", "N1")
    assert premium_iol_note("V2632", statuses["V2632"]) is None
    assert premium_iol_note("V2788", "A") is None  # only CMS's status N is said so
    assert excluded_item_note("V5261", "N") is not None  # the hearing aids' note stays


@pytest.mark.parametrize("setting", [[], ["--setting", "asc"]])
@pytest.mark.parametrize("code", ["V2788", "V2787"])
def test_price_says_the_patient_pays_a_premium_lens_function(code: str, setting: list[str]) -> None:
    done = CliRunner().invoke(app, ["price", code, "--zip", "80112", "--date", "2026-03-03", *setting])
    assert done.exit_code == 1, done.output
    message = " ".join(done.stderr.split())
    assert premium_iol_note(code, "N").rstrip(".") in message  # type: ignore[union-attr]
    assert "vision and hearing" not in message and "ask your MAC" not in message
    shown = CliRunner().invoke(app, ["price", code, "--zip", "80112", "--date", "2026-03-03", "-f", "json"])
    assert shown.exit_code == 1
    assert premium_iol_note(code, "N") in json.loads(shown.stdout)["notes"]


def test_batch_says_the_trial_s_premium_lens_row_is_not_covered(tmp_path: Path) -> None:
    """The ASC's claim: 66984-RT, V2632 and V2788 at POS 24 (ZIP 80112, Arapahoe County: CBSA 19740). V2788's row
    has no amount and says why; V2632 is packaged ($0.00 at the ASC); 66984's ASC rate is Addendum AA's national
    rate x (0.50 x the CY2026 ASC wage index + 0.50), rounded half-up once."""
    source, out = tmp_path / "asc.csv", tmp_path / "out.csv"
    source.write_text(
        "Claim ID,DOS,CPT Code,Mod 1,Units,POS,Service Facility ZIP\n"
        "A26-4003,03/03/2026,66984,RT,1,24,80112\nA26-4003,03/03/2026,V2632,,1,24,80112\n"
        "A26-4003,03/03/2026,V2788,,1,24,80112\n"
    )
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    rows = {row["CPT Code"]: row for row in csv.DictReader(out.open())}
    note = rows["V2788"]["note"]
    assert premium_iol_note("V2788", "N") in note.split("; "), note
    assert "vision and hearing" not in note and not rows["V2788"]["allowed"]
    assert rows["V2632"]["asc_allowed"] == "0.00"
    national = _first_cells(ASC / "AA.csv", 6, ("66984",))["66984"].strip().strip("$").replace(",", "")
    with (DATA / "opps/2026/asc_wage_index_2026.csv").open(encoding="latin-1", newline="") as handle:
        index = next(row for row in csv.reader(handle) if row[0] == "19740")[2]
    rate = (Decimal(national) * (Decimal("0.5") * Decimal(index) + Decimal("0.5"))).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    assert rate == Decimal("1260.69")  # 1,255.73 x 1.00395 = 1,260.690...
    assert Decimal(rows["66984"]["asc_rate"]) == rate
