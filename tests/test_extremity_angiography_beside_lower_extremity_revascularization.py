"""Diagnostic extremity angiography (75710, 75716) billed beside a lower extremity revascularization (37220-37235) by
one practitioner on a claim and date without 59 or XU is noted: the revascularization includes its intervention's
angiography and completion imaging, and a same-session diagnostic study is reported only on CPT's criteria with 59 or
XU (NCCI Policy Manual ch. IX §D). A vascular surgery trial's office claim of 37225-RT + 75710-26-RT at ZIP 77030
(November 2025) priced 75710-26 with no word. Not noted with 59 or XU, nor beside a procedure of another family (36905).
Amounts unchanged: CMS's October 2025 RVU file x Houston's 2025 GPCIs (Addendum E) x CF. Price and batch alike."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine import guidance

runner = CliRunner()
SHIPPED = Path(__file__).resolve().parent.parent / "data"
ZIP, DATE = "77030", "2025-11-12"  # Houston, Texas (MAC 04412, locality 18)


@cache
def _rvu_row(code: str, modifier: str = "") -> list[str]:
    with open(SHIPPED / "rvu" / "2025" / "PPRRVU2025_Oct.csv", newline="", encoding="latin-1") as handle:
        return next(row for row in csv.reader(handle) if row and row[0] == code and row[1] == modifier)


def _cms_fee(code: str, modifier: str = "") -> Decimal:
    """CMS's non-facility PFS amount in Houston: the October 2025 RVU row x Addendum E's GPCIs x its CF, rounded
    once."""
    row = _rvu_row(code, modifier)
    with open(SHIPPED / "gpci" / "2025" / "GPCI2025.csv", newline="", encoding="latin-1") as handle:
        place = next(line for line in csv.reader(handle) if line[:3] == ["04412", "TX", "18"])
    rvus = (Decimal(row[5]) * Decimal(place[4]) + Decimal(row[6]) * Decimal(place[5])
            + Decimal(row[10]) * Decimal(place[6]))  # fmt: skip
    return (rvus * Decimal(row[24])).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _notes(*codes: str) -> dict[str, list[str]]:
    done = runner.invoke(app, ["price", *codes, "--zip", ZIP, "--date", DATE, "--setting", "11", "-f", "json"])
    assert done.exit_code == 0, done.output
    return {line["code"]: line for line in json.loads(done.stdout)["lines"]}  # type: ignore[no-any-return]


def test_extremity_angiography_beside_a_revascularization_is_noted_in_price() -> None:
    assert _rvu_row("37225")[3] == "A" and _rvu_row("75710", "26")[3] == "A"
    lines = _notes("37225-RT", "75710-26-RT")
    assert guidance.angiography_note("75710", ["37225"]) in lines["75710"]["notes"]
    [office] = [site for site in lines["75710"]["sites"] if site["setting"] == "office"]
    assert Decimal(str(office["allowed"])) == _cms_fee("75710", "26")
    for distinct in ("59", "XU"):
        lines = _notes("37224-LT", f"75716-26-{distinct}")
        assert not any("NCCI Policy Manual ch. IX" in note for note in lines["75716"]["notes"])


def test_extremity_angiography_beside_a_revascularization_is_noted_in_batch(tmp_path: Path) -> None:
    source = tmp_path / "claims.csv"
    source.write_text(
        "claim,code,modifier,zip,date,setting\n"
        f"R,37228,RT,{ZIP},{DATE},11\nR,37232,RT,{ZIP},{DATE},11\nR,75716,26,{ZIP},{DATE},11\n"
        f"D,36905,,{ZIP},{DATE},11\nD,75710,26,{ZIP},{DATE},11\n"
    )
    out = tmp_path / "out.csv"
    done = runner.invoke(app, ["batch", "-q", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    rows = {(row["claim"], row["code"]): row for row in csv.DictReader(out.open())}
    assert guidance.angiography_note("75716", ["37228", "37232"]) in rows["R", "75716"]["note"]
    assert Decimal(rows["R", "75716"]["allowed"]) == _cms_fee("75716", "26")
    assert "NCCI Policy Manual ch. IX" not in rows["D", "75710"]["note"]


def test_aortography_beside_a_revascularization_is_noted_as_extremity_angiography_is(tmp_path: Path) -> None:
    """CPT's rule is any diagnostic angiography of the session: abdominal aortography 75625 and aortography with runoff
    75630 beside 37220-37235 are noted as 75710 is (Krol's case 1: 37221 with 75625-59 and 75716-59). A session 69
    review's `rvucalc price 37221 75625-26` at ZIP 77030 priced 75625-26 with no word. Amounts unchanged."""
    assert _rvu_row("75625", "26")[3] == "A" and _rvu_row("75630", "26")[3] == "A"
    lines = _notes("37221", "75625-26")
    assert guidance.angiography_note("75625", ["37221"]) in lines["75625"]["notes"]
    [office] = [site for site in lines["75625"]["sites"] if site["setting"] == "office"]
    assert Decimal(str(office["allowed"])) == _cms_fee("75625", "26")
    assert not any("NCCI Policy Manual ch. IX" in note for note in _notes("37221", "75625-26-59")["75625"]["notes"])
    source = tmp_path / "claims.csv"
    source.write_text(
        "claim,code,modifier,zip,date,setting\n"
        f"A,37226,LT,{ZIP},{DATE},11\nA,75630,26,{ZIP},{DATE},11\nB,75630,26,{ZIP},{DATE},11\n"
    )
    out = tmp_path / "out.csv"
    done = runner.invoke(app, ["batch", "-q", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    rows = {(row["claim"], row["code"]): row for row in csv.DictReader(out.open())}
    assert guidance.angiography_note("75630", ["37226"]) in rows["A", "75630"]["note"]
    assert Decimal(rows["A", "75630"]["allowed"]) == _cms_fee("75630", "26")
    assert "NCCI Policy Manual ch. IX" not in rows["B", "75630"]["note"]


def test_angiography_note_names_cpts_third_criterion_a_change_during_the_procedure() -> None:
    """CPT's criteria for a same-session diagnostic study are three (RadRx's summary): the note named two, so an other
    leg's 75710 evaluated for a change during the procedure was told to leave it off the claim."""
    note = _notes("37225-RT", "75710-26-LT")["75710"]["notes"]
    [said] = [line for line in note if "NCCI Policy Manual ch. IX" in line]
    assert "a change during the procedure needs evaluation outside the treated area" in said
