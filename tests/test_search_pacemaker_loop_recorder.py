"""`rvucalc search` by a cardiology device clinic's words: CMS's short descriptors write a pacemaker "pm" (33208 "Insrt
heart pm atrial & vent", 93294 "Rem interrog evl pm/ldls pm") and an implantable loop recorder "subq car rhythm mntr"
(33285), so "pacemaker" found neither the insertion nor the device checks and "loop recorder" nothing
(reference.search_words: ACRONYMS "pacemaker", COMMON_NAMES "loop recorder"). "pm" in the preventive medicine visits
(99381 "Init pm e/m new pat infant", 99391 "Per pm reeval est pat infant") is no pacemaker. The codes and descriptors
are CMS's, as the shipped RVU26C has them."""

from __future__ import annotations

import csv

import pytest

from conftest import search_matches
from rvucalc.paths import data_dir
from rvucalc.reference.search_words import descriptor_matcher


def _descriptors() -> dict[str, str]:
    """RVU26C's short descriptors of the codes' rows without a modifier, as CMS publishes them."""
    path = data_dir().joinpath("rvu", "2026", "PPRRVU2026_Jul_nonQPP.csv")
    with path.open(newline="", encoding="latin-1") as handle:
        return {row[0]: row[2] for row in csv.reader(handle) if len(row) > 2 and row[1] == ""}


FOUND = {
    "pacemaker": ("33206", "33207", "33208", "33227", "33228", "33233", "93279", "93288", "93294", "93296"),
    "pacemaker insertion": ("33206", "33207", "33208"),
    "remote pacemaker": ("93294", "93296"),
    "loop recorder": ("33285", "33286"),
    "implantable loop recorder": ("33285", "33286"),
}


@pytest.mark.parametrize("words", list(FOUND))
def test_device_clinic_words_find_cms_s_codes(words: str) -> None:
    cms = _descriptors()
    found = {m["code"]: m["description"] for m in search_matches(words)}
    assert {code: found.get(code) for code in FOUND[words]} == {code: cms[code] for code in FOUND[words]}


def test_preventive_medicine_s_pm_is_no_pacemaker() -> None:
    cms = _descriptors()
    pacemaker = descriptor_matcher("pacemaker")
    for code in ("99381", "99387", "99391", "99397"):
        assert " pm " in f" {cms[code].lower()} " and not pacemaker(cms[code]), code
    assert not {m["code"] for m in search_matches("pacemaker")} & {"99381", "99387", "99391", "99397"}


def test_the_device_checks_are_in_the_default_answer() -> None:
    """A review: `rvucalc search pacemaker` at its default --limit (50 rows) listed the 25 leadless pacemaker rows of
    CPT's Category III codes (0795T-0826T, RVU26C status C) first, by code order, and cut the device checks 93288,
    93294 and 93296 the trial had searched for. Category III codes come after the codes matched alike
    (search_words.listed_after); they are still found."""
    import json

    from typer.testing import CliRunner

    from rvucalc.cli import app

    done = CliRunner().invoke(app, ["search", "pacemaker", "-f", "json"])
    assert done.exit_code == 0, done.output
    codes = [m["code"] for m in json.loads(done.stdout)["matches"]]
    assert {"33206", "33208", "93288", "93294", "93296"} <= set(codes), codes
    category_iii = [i for i, code in enumerate(codes) if code[:4].isdigit() and code.endswith("T")]
    assert category_iii and min(category_iii) > codes.index("93296")
    assert _descriptors()["0795T"].lower().endswith("ldls pm cmpl")  # CMS's leadless pacemaker row, still a match
    assert {m["code"] for m in search_matches("pacemaker")} >= {"0795T", "0826T"}
