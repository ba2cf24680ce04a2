"""A diagnostic arthroscopy of the other knee is no part of the surgical arthroscopy (engine.policy.
endoscopy_base_apart: the RVU file's endoscopy family rule is for endoscopies of one family on one site; LT and RT
are NCCI-associated anatomic modifiers). `price 29870-LT 29881-RT --zip 44195 --setting 24 --date 2025-12-02` paid
29870 $0.00 at every site, the PFS included, as the base of 29881's family: it is now a procedure of its own, ranked
100/50 with 29881 on the PFS side, the hospital and the ASC alike, in price and batch (both of its paths). The same
knee (29870-RT beside 29881-RT), or a family on both knees (29881-RT and 29880-LT), still includes the base, as 59 or
XS do. Amounts to the cent of CMS's RVU25D file, the 2025 GPCIs and October 2025 Addendum AA."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from cms_fees import CENT, DATA
from conftest import run_batch_rows
from rvucalc.cli import app
from rvucalc.engine.facility import ENDOSCOPY_INCLUDED_WORDS
from test_asc_bilateral_lower_paid_rounded_once import _priced_both_ways
from test_facility_endoscopy_base_included import CLEVELAND, _asc
from test_facility_lines_of_several_units import _rounded


def _ohio_facility_fee(code: str) -> Decimal:
    """``code``'s PFS facility amount in Ohio (locality 15202/00) from RVU25D and GPCI2025, rounded once half-up."""
    with (DATA / "rvu/2025/PPRRVU2025_Oct.csv").open(encoding="latin-1") as handle:
        row = next(r for r in csv.reader(handle) if r[:2] == [code, ""])
    with (DATA / "gpci/2025/GPCI2025.csv").open(encoding="latin-1") as handle:
        gpci = next(r for r in csv.reader(handle) if len(r) > 6 and r[0].strip() == "15202" and r[2].strip() == "00")
    work, pe, mp, cf = (Decimal(row[i]) for i in (5, 8, 10, 24))
    amount = (work * Decimal(gpci[4]) + pe * Decimal(gpci[5]) + mp * Decimal(gpci[6])) * cf
    return amount.quantize(CENT, ROUND_HALF_UP)


def _half(amount: Decimal) -> Decimal:
    return (amount / 2).quantize(CENT, ROUND_HALF_UP)


def _lines(setting: str, *codes: str) -> dict[str, dict[str, Any]]:
    """Each line of `price -f json` by its code as billed."""
    result = CliRunner().invoke(app, ["price", *codes, *CLEVELAND, "--setting", setting, "-f", "json"])
    assert result.exit_code == 0, result.output
    return {"-".join([line["code"], *line["modifiers"]]): line for line in json.loads(result.stdout)["lines"]}


def _amounts(line: dict[str, Any]) -> tuple[Decimal, Decimal, Decimal]:
    """A line's PFS facility amount, OPPS rate and ASC rate."""
    pfs, opps, asc = (line["pfs"]["facility"]["amount"], line["opps"]["rate"], line["asc"]["rate"])
    return Decimal(str(pfs)), Decimal(str(opps)), Decimal(str(asc))


def _said(line: dict[str, Any]) -> str:
    steps = [step["rule"] for step in line["pfs"]["facility"]["adjustments"]]
    return " ".join([*steps, *line["opps"]["notes"], *line["asc"]["notes"]])


def test_a_diagnostic_arthroscopy_of_the_other_knee_is_its_own_procedure() -> None:
    lines = _lines("24", "29870-LT", "29881-RT")
    diagnostic, surgical = lines["29870-LT"], lines["29881-RT"]
    assert _ohio_facility_fee("29881") > _ohio_facility_fee("29870")  # 29881 ranks first on the PFS side
    assert _amounts(surgical)[0] == _ohio_facility_fee("29881")  # $516.07
    assert _amounts(diagnostic)[0] == _half(_ohio_facility_fee("29870"))  # 50% of $394.93, not $0.00
    assert "Multiple procedure: ranked 2 of 2" in _said(diagnostic)
    assert ENDOSCOPY_INCLUDED_WORDS not in _said(diagnostic) and "Endoscopy family" not in _said(diagnostic)
    # The ASC: two procedures, the one paid in full and the other at 50% (October 2025 Addendum AA, Cleveland).
    paid = sorted(_amounts(line)[2] for line in lines.values())
    full = [_asc("29870"), _asc("29881")]
    assert paid == sorted([max(full), _rounded(Fraction(min(full)) / 2)])


def test_the_same_knee_or_a_family_on_both_knees_still_includes_the_base() -> None:
    for codes, base in ((("29870-RT", "29881-RT"), "29870-RT"), (("29870-LT", "29881-RT", "29880-LT"), "29870-LT")):
        lines = _lines("24", *codes)
        assert _amounts(lines[base]) == (0, 0, 0), codes
        assert "Endoscopy family 29870" in _said(lines[base]), codes


def test_batch_pays_and_says_as_price_on_both_paths(tmp_path: Path, monkeypatch: Any) -> None:
    day = {"zip": "44195", "date": "2025-12-02", "units": "1"}
    claims = {
        "A": ("24", ("29870-LT", "29881-RT")),
        "B": ("22", ("29870-LT", "29881-RT")),
        "C": ("24", ("29870-RT", "29881-RT")),
        "D": ("22", ("29870-LT", "29881-RT", "29880-LT")),
    }
    rows = [
        {**day, "claim": claim, "code": billed.split("-")[0], "modifier": billed.split("-")[1], "setting": setting}
        for claim, (setting, codes) in claims.items()
        for billed in codes
    ]
    expected = []
    for setting, codes in claims.values():
        lines = _lines(setting, *codes)
        expected += [(_amounts(lines[billed]), ENDOSCOPY_INCLUDED_WORDS in _said(lines[billed])) for billed in codes]
    assert [included for _, included in expected] == [False, False, False, False, True, False, True, False, False]
    for done, out in _priced_both_ways(monkeypatch, lambda: run_batch_rows(tmp_path, rows)):
        assert done.exit_code == 0, done.output
        got = [
            (
                tuple(Decimal(row[name]) for name in ("pfs_facility_amount", "opps_rate", "asc_rate")),
                ENDOSCOPY_INCLUDED_WORDS in row["note"] + row["comparison_note"],
            )
            for row in out
        ]
        assert got == expected


# A base whose RVU file's bilateral indicator is no paired site's (31231: 2, "unilateral or bilateral"; 52000: 0, one
# bladder) has no other side: its LT beside its family's RT stays included (engine.policy.endoscopy_base_side). A review
# found 31231-LT beside 31254-RT paid 50% of 31231 at the office, and 52000-LT beside 52332-RT 50% and the ASC's rate.
ONE_SITE_BASES = {"31231-LT": ("31231-LT", "31254-RT"), "52000-LT": ("52000-LT", "52332-RT")}


def test_a_base_of_no_paired_site_stays_included_whatever_its_side(tmp_path: Path, monkeypatch: Any) -> None:
    for base, codes in ONE_SITE_BASES.items():
        surgery = codes[1]
        for setting in ("11", "24"):
            lines = _lines(setting, *codes)
            assert _amounts(lines[base]) == (0, 0, 0), (codes, setting)
            assert lines[base]["pfs"]["non_facility"]["amount"] == 0, (codes, setting)
            assert "Endoscopy family" in _said(lines[base]) or setting == "11", (codes, setting)
        assert _amounts(_lines("24", *codes)[surgery])[0] == _ohio_facility_fee(surgery.split("-")[0])
    day = {"zip": "44195", "date": "2025-12-02", "units": "1", "setting": "24"}
    rows = [{**day, "claim": base, "code": billed.split("-")[0], "modifier": billed.split("-")[1]}
            for base, codes in ONE_SITE_BASES.items() for billed in codes]  # fmt: skip
    for done, out in _priced_both_ways(monkeypatch, lambda: run_batch_rows(tmp_path, rows)):
        assert done.exit_code == 0, done.output
        for row in out:
            if row["code"] in ("31231", "52000"):
                assert [Decimal(row[n]) for n in ("pfs_facility_amount", "opps_rate", "asc_rate")] == [0, 0, 0], row
