"""A diagnostic endoscopy beside a surgical endoscopy of its family (the RVU file's ENDO BASE) is included in it at the
hospital and the ASC too (NCCI Policy Manual, endoscopic services: engine.facility.facility_endoscopy_bases), as the
PFS side already paid it nothing. A trial: `price 45378 45380 --zip 44195 --date 2025-12-02 --setting 24` paid the
ASC 45378 at 50% ($228.82) beside 45380, and `price 43235 43239 ... --setting 22` paid the hospital 43235 in full
($864.37) and 43239 at 50%. The base is now $0.00 there, says why, and the others are ranked without it; in price and
batch (both of its paths) alike, to the cent of CMS's October 2025 Addenda AA and B and the CY2025 wage index."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.cli import app
from rvucalc.engine.facility import ENDOSCOPY_INCLUDED_WORDS, endoscopy_base_note
from rvucalc.paths import data_dir
from rvucalc.reference.releases import installed_releases
from test_asc_bilateral_lower_paid_rounded_once import _priced_both_ways
from test_facility_lines_of_several_units import _addendum_b_rates, _rounded

CLEVELAND = ["--zip", "44195", "--date", "2025-12-02"]  # CBSA 17410, "Cleveland, OH"


def _addendum_aa_rate(code: str) -> Fraction:
    """October 2025 ASC Addendum AA's national payment rate of ``code`` (the shipped CMS file)."""
    release = next(r for r in installed_releases("asc") if r.release == "2025-10")
    with Path(release.path("aa")).open(encoding="cp1252", newline="") as handle:
        (row,) = [row for row in csv.reader(handle) if row and row[0].strip() == code]
    return Fraction(row[-1].strip().lstrip("$").replace(",", ""))


def _cleveland_wage_index() -> Fraction:
    """CMS's CY2025 wage index of CBSA 17410 (Cleveland, OH) in the file rvucalc ships."""
    text = (data_dir() / "opps" / "2025" / "asc_wage_index_2025.txt").read_text(encoding="latin-1")
    (line,) = [line for line in text.splitlines() if line.startswith("17410")]
    return Fraction(line.split("\t")[-1].strip())


def _asc(code: str) -> Decimal:
    """``code``'s ASC rate in Cleveland: Addendum AA's rate, its labor share of 50% wage-adjusted, rounded once."""
    return _rounded(_addendum_aa_rate(code) * (Fraction(1, 2) * _cleveland_wage_index() + Fraction(1, 2)))


def _opps(code: str) -> Decimal:
    """``code``'s OPPS rate in Cleveland: Addendum B's rate, its labor share of 60% wage-adjusted, rounded once."""
    si, rate = _addendum_b_rates([code])[code]
    assert si == "T"  # a procedure the SI T rule ranks
    return _rounded(rate * (Fraction(6, 10) * _cleveland_wage_index() + Fraction(4, 10)))


def _priced(setting: str, *codes: str) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    """Each line's site result (by its code as billed) and the site's totals, from `price -f json`."""
    result = CliRunner().invoke(app, ["price", *codes, *CLEVELAND, "--setting", setting, "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    site = "asc" if setting == "24" else "opps"
    lines = {"-".join([line["code"], *line["modifiers"]]): line[site] for line in data["lines"]}
    return lines, data["totals"]["asc" if setting == "24" else "hopd"]


def test_a_diagnostic_colonoscopy_beside_a_colonoscopy_with_biopsy_is_included_at_the_asc() -> None:
    lines, totals = _priced("24", "45378", "45380")
    assert Decimal(str(lines["45378"]["rate"])) == Decimal(str(lines["45378"]["coinsurance"])) == 0
    assert endoscopy_base_note("asc", "45378") in lines["45378"]["notes"]
    assert Decimal(str(lines["45380"]["rate"])) == _asc("45380")  # $591.79, the only procedure ranked
    assert Decimal(str(totals["facility_payment"])) == _asc("45380")  # not $591.79 + 50% of 45378's $457.63
    assert _asc("45378") > 0 and ENDOSCOPY_INCLUDED_WORDS not in " ".join(lines["45380"]["notes"])
    table = CliRunner().invoke(app, ["price", "45378", "45380", *CLEVELAND, "--setting", "24"])
    assert "45378: Endoscopy family 45378 at the ASC" in table.stdout.replace("\n", " ")


def test_a_diagnostic_egd_beside_an_egd_with_biopsy_is_included_at_the_hospital() -> None:
    lines, totals = _priced("22", "43235", "43239")
    assert Decimal(str(lines["43235"]["rate"])) == Decimal(str(lines["43235"]["copayment"])) == 0
    assert endoscopy_base_note("hopd", "43235") in lines["43235"]["notes"]
    assert Decimal(str(lines["43239"]["rate"])) == _opps("43239")  # in full, not 50% beside 43235's $864.37
    assert Decimal(str(totals["facility_payment"])) == _opps("43239")
    # A modifier does not take the base out of its family, as on the PFS side (43235-59 is $0.00 there too).
    lines, _ = _priced("22", "43235-59", "43239")
    assert Decimal(str(lines["43235-59"]["rate"])) == 0 and Decimal(str(lines["43239"]["rate"])) == _opps("43239")


def test_the_others_of_the_family_are_ranked_without_the_base() -> None:
    lines, totals = _priced("24", "45378", "45380", "45385")
    assert Decimal(str(lines["45378"]["rate"])) == 0
    paid = sorted(Decimal(str(lines[code]["rate"])) for code in ("45380", "45385"))
    assert _asc("45380") == _asc("45385")  # one rate: one line in full, the other at 50%
    assert paid == [_rounded(Fraction(_asc("45380")) / 2), _asc("45380")]
    assert Decimal(str(totals["facility_payment"])) == sum(paid)


def test_two_surgical_endoscopies_without_their_base_are_untouched() -> None:
    """No base line: each surgical endoscopy is its own procedure, the lower-paid at 50% as before."""
    lines, _ = _priced("24", "45380", "45385")
    assert sorted(Decimal(str(line["rate"])) for line in lines.values()) == [
        _rounded(Fraction(_asc("45385")) / 2), _asc("45380")]  # fmt: skip
    assert all(ENDOSCOPY_INCLUDED_WORDS not in " ".join(line["notes"]) for line in lines.values())


def test_batch_pays_and_says_the_same_on_both_paths(tmp_path: Path, monkeypatch: Any) -> None:
    """Claims A (ASC) and B (hospital) as price; claim C's 45378 is on another date than its 45380: no family there,
    paid as a procedure of its own."""
    day = {"zip": "44195", "date": "2025-12-02", "units": "1", "modifier": ""}
    rows = [
        {**day, "claim": "A", "code": "45378", "setting": "24"},
        {**day, "claim": "A", "code": "45380", "setting": "24"},
        {**day, "claim": "B", "code": "43235", "setting": "22"},
        {**day, "claim": "B", "code": "43239", "setting": "22"},
        {**day, "claim": "C", "code": "45378", "setting": "24", "date": "2025-12-01"},
        {**day, "claim": "C", "code": "45380", "setting": "24"},
    ]
    slow, fast = _priced_both_ways(monkeypatch, lambda: run_batch_rows(tmp_path, rows))
    for done, out in (slow, fast):
        assert done.exit_code == 0, done.output
        assert (Decimal(out[0]["asc_rate"]), Decimal(out[1]["asc_rate"])) == (Decimal(0), _asc("45380"))
        assert endoscopy_base_note("asc", "45378") in out[0]["note"]
        assert (Decimal(out[2]["opps_rate"]), Decimal(out[3]["opps_rate"])) == (Decimal(0), _opps("43239"))
        assert endoscopy_base_note("hopd", "43235") in out[2]["note"]
        assert (Decimal(out[4]["asc_rate"]), Decimal(out[5]["asc_rate"])) == (_asc("45378"), _asc("45380"))
        assert not any(ENDOSCOPY_INCLUDED_WORDS in row["note"] for row in (out[1], out[3], out[4], out[5]))
        for claim, first, setting in (("A", 0, "24"), ("B", 2, "22")):
            _, totals = _priced(setting, out[first]["code"], out[first + 1]["code"])
            allowed = sum(Decimal(out[n]["allowed"]) for n in (first, first + 1))
            assert allowed == Decimal(str(totals["total"])), claim


def test_a_terminated_base_says_no_cut_of_the_rate_it_is_not_paid(tmp_path: Path, monkeypatch: Any) -> None:
    """45378-73 beside 45380 (a review): the base is $0.00 at the hospital and the ASC, and says no "73 ...: 50% of the
    OPPS rate" of a rate it is not paid, in batch (both paths: it did) as in price (its adjustments empty); 45385-73,
    a surgical endoscopy of the family, keeps its 73 and is ranked at 50% of that."""
    for setting in ("22", "24"):
        lines, _ = _priced(setting, "45378-73", "45380", "45385-73")
        site = "opps" if setting == "22" else "asc"
        assert Decimal(str(lines["45378-73"]["rate"])) == 0 and lines["45378-73"]["adjustments"] == []
        assert any(step["indicator"] == "73" for step in lines["45385-73"]["adjustments"])
        assert Decimal(str(lines["45380"]["rate"])) == (_opps if site == "opps" else _asc)("45380")
    day = {"zip": "44195", "date": "2025-12-02", "units": "1", "claim": "A"}
    for setting in ("22", "24"):
        rows = [{**day, "code": "45378", "modifier": "73", "setting": setting},
                {**day, "code": "45380", "modifier": "", "setting": setting},
                {**day, "code": "45385", "modifier": "73", "setting": setting}]  # fmt: skip
        for done, out in _priced_both_ways(monkeypatch, lambda rows=rows: run_batch_rows(tmp_path, rows)):
            assert done.exit_code == 0, done.output
            assert Decimal(out[0]["opps_rate"]) == Decimal(out[0]["asc_rate"]) == 0
            said = out[0]["note"] + out[0]["comparison_note"]
            assert ENDOSCOPY_INCLUDED_WORDS in said and "73 (Discontinued" not in said, said
            assert "73 (Discontinued" in out[2]["note"] + out[2]["comparison_note"]
