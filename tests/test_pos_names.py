"""A POS cell written as the place's name (some exports write CMS's names): a trial's "Outpatient Hospital" (POS 22's
name before 2016) was refused. CMS's names in its Place of Service Code Set (any case) are read as their codes, and
the pre-2016 "Outpatient Hospital" as 22 (CR 9231), said; an unknown name stays a row error."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.place_of_service import normalise_pos, resolve_site

runner = CliRunner()


@pytest.mark.parametrize(
    ("name", "code"),
    [("Outpatient Hospital", "22"), ("OUTPATIENT HOSPITAL", "22"), ("On Campus-Outpatient Hospital", "22"),
     ("off campus-outpatient hospital", "19"), ("Skilled Nursing Facility", "31"), ("Home", "12"),
     ("Nursing Facility", "32"), ("Emergency Room - Hospital", "23")],
)  # fmt: skip
def test_cms_place_names_are_their_codes(name: str, code: str) -> None:
    assert normalise_pos(name) == code
    assert resolve_site(name).pos == code


def test_old_outpatient_hospital_name_is_said() -> None:
    assert "before 2016" in (resolve_site("Outpatient Hospital").note or "")
    assert resolve_site("On Campus-Outpatient Hospital").note is None


def _price(setting: str) -> dict[str, object]:
    result = runner.invoke(app, ["price", "11042", "--zip", "33139", "--date", "2025-11-10", "--setting", setting,
                                 "--format", "json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_price_setting_name_prices_as_its_code() -> None:
    named, coded = _price("Outpatient Hospital"), _price("22")
    assert named["sites"] == coded["sites"]
    assert any("before 2016" in note for note in named["notes"])  # type: ignore[attr-defined]


def test_batch_place_names(tmp_path: Path) -> None:
    source = tmp_path / "named.csv"
    cells = ["Outpatient Hospital", "22", "outpatient hospital", "Outpatient Hosp"]
    source.write_text("CPT,DOS,POS,ZIP\n" + "".join(f"11042,2025-11-10,{cell},33139\n" for cell in cells))
    result = runner.invoke(app, ["batch", str(source)])
    assert result.exit_code == 1  # the unknown name: a row error
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    money = ("allowed", "hopd_allowed", "professional_allowed", "site")
    assert [rows[0][m] for m in money] == [rows[1][m] for m in money] == [rows[2][m] for m in money]
    assert rows[1]["hopd_allowed"]
    assert rows[3]["error"] and "not a setting" in rows[3]["error"]
    assert result.stderr.count("POS 22's name before 2016") == 1


def test_facility_part_at_a_snf_is_not_said_to_be_the_hospital_s() -> None:
    # A wound care trial: 15275 with Q4186 at POS 31 (a SNF) was told the supply is "the facility's part, which the
    # hospital bills".
    result = runner.invoke(app, ["price", "15275", "Q4186", "--zip", "33139", "--date", "2026-08-10", "--setting",
                                 "31", "--format", "json"])  # fmt: skip
    assert result.exit_code in (0, 1), result.output
    assert "which the hospital bills" not in result.stdout
    assert "which the facility (the hospital, SNF ...) bills" in result.stdout


@pytest.mark.parametrize(("pos", "label"), [("12", "Non-facility (home)"), ("32", "Non-facility (nursing")])
def test_home_and_nursing_facility_totals_are_not_labelled_office(pos: str, label: str) -> None:
    # A wound care trial: home (12) and nursing facility (32) visits were labelled "Office" in the totals table.
    for codes in (["99349"], ["99349", "99214"]):
        result = runner.invoke(app, ["price", *codes, "--zip", "33139", "--setting", pos])
        assert result.exit_code == 0, result.output
        assert label in result.stdout
        assert "│ Office │" not in result.stdout


def test_facility_na_reason_is_not_said_at_home(tmp_path: Path) -> None:
    # A wound care trial: 99349 at POS 12 (home) carried "Not priced in the facility setting: ... 'NA'"; the single
    # lookup's notes do not have it (its PFS facility column does).
    source = tmp_path / "home.csv"
    source.write_text("Claim,CPT,DOS,POS,ZIP\nH1,99349,2026-08-10,12,33139\nH2,99349,2026-08-10,32,33139\n"
                      "H3,99349,2026-08-10,21,33139\n")  # fmt: skip
    result = runner.invoke(app, ["batch", str(source)])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    single = runner.invoke(app, ["price", "99349", "--zip", "33139", "--date", "2026-08-10", "--setting", "12",
                                 "--format", "json"])  # fmt: skip
    assert rows[0]["allowed"] == f"{json.loads(single.stdout)['sites'][0]['allowed']:.2f}"
    assert all("facility setting" not in note for note in json.loads(single.stdout)["notes"])
    assert "facility setting" not in rows[0]["note"] and "facility setting" not in rows[1]["note"]
    assert "Not priced in the facility setting" in rows[2]["note"] + rows[2]["error"]  # at a facility it is the reason
