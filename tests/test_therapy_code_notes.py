"""A therapy code's GP, GO or GN (a review of two merged changes): `price 92610-GN --setting 22` said "GN ... on
92610, which is not an always-therapy code ... check that 92610 is one" beside the hospital's note calling 92610 "a
therapy code, PC/TC indicator 7". CMS's RVU file documentation marks PC/TC indicator 7 "Physical therapy service"
(92610, 92611, 92608, 97545: indicator 7, multiple procedure 0 in CMS's 2025 file): such a code's plan modifier is
not said to be outside therapy, in ``rvucalc price`` and ``rvucalc batch`` alike; a code neither marks (93798,
cardiac rehabilitation) keeps the note, and an indicator 5 code keeps its own plan notes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.cli import app
from rvucalc.lookup.lines import plan_outside_therapy_notes

ZIP = "10001"


@pytest.mark.parametrize("code", ["92610-GN", "92611-GN", "92608-GN", "97545-GP"])
@pytest.mark.parametrize("setting", ["22", "11"])
def test_a_pc_tc_7_code_s_plan_modifier_is_not_called_outside_therapy(code: str, setting: str, tmp_path: Path) -> None:
    name, modifier = code.split("-")
    outside = plan_outside_therapy_notes(name, (modifier,))[0]
    done = CliRunner().invoke(app, ["price", code, "--setting", setting, "--zip", ZIP, "--date", "2025-11-03",
                                    "-f", "json"])  # fmt: skip
    notes = json.loads(done.stdout)["notes"]  # 97545 is contractor-priced: exit code 1, its JSON written
    assert outside not in notes and "is not checked against it" not in " ".join(notes)
    _, [batch] = run_batch_rows(tmp_path, [{"code": name, "modifier": modifier, "pos": setting, "zip": ZIP,
                                                 "date": "2025-11-03"}])  # fmt: skip
    assert batch["code"] == name
    assert "is not checked against it" not in batch["note"]


def test_other_codes_keep_their_plan_notes_in_price_and_batch(tmp_path: Path) -> None:
    for code, kept in (("93798-GP", "is not checked against it"), ("97110", "billed without GP")):
        done = CliRunner().invoke(app, ["price", code, "--zip", ZIP, "--date", "2025-11-03", "-f", "json"])
        assert kept in " ".join(json.loads(done.stdout)["notes"])
        name, _, modifier = code.partition("-")
        _, [row] = run_batch_rows(tmp_path, [{"code": name, "modifier": modifier, "zip": ZIP, "date": "2025-11-03"}])
        assert kept in row["note"]


def _rvu26c(code: str) -> list[str]:
    from test_cardiology_trial import rvu_row

    return rvu_row("2026C", code)


@pytest.mark.parametrize("code", ["97010", "97014"])
def test_a_bundled_or_invalid_code_s_plan_modifier_is_not_called_outside_therapy(code: str, tmp_path: Path) -> None:
    """A PT trial: 97010-GP (RVU26C status B, bundled) was told "97010 is not an always-therapy code ... check that
    97010 is one. It does not change the amount" beside "No PFS payment: status B"; 97014-GP (status I) alike. CMS's
    file gives such a code multiple procedure indicator 9 ("concept does not apply"), whatever its therapy list says:
    no plan note, in price and batch; the code's own reason stays."""
    status, mult_proc = (_rvu26c(code)[i] for i in (3, 18))
    assert (status, mult_proc) == ({"97010": "B", "97014": "I"}[code], "9")
    done = CliRunner().invoke(app, ["price", f"{code}-GP", "--zip", ZIP, "--date", "2026-07-15", "-f", "json"])
    said = json.loads(done.stdout)
    assert "is not checked against it" not in " ".join(said["notes"])
    assert f"status {status}" in json.dumps(said)
    _, [batch] = run_batch_rows(tmp_path, [{"code": code, "modifier": "GP", "pos": "11", "zip": ZIP,
                                            "date": "2026-07-15"}])  # fmt: skip
    assert "is not checked against it" not in batch["note"] and f"status {status}" in batch["note"]


def test_97014_names_g0283_medicare_s_code_for_it(tmp_path: Path) -> None:
    """RVU26C: 97014 status I ("Not valid for Medicare"), G0283 ("Elec stim other than wound") status A with 97014's
    RVUs: the reason names G0283, not only "Medicare uses another code", in price and batch."""
    assert _rvu26c("97014")[3] == "I" and _rvu26c("G0283")[3] == "A"
    assert _rvu26c("97014")[5:13] == _rvu26c("G0283")[5:13]  # work, PE and MP RVUs
    done = CliRunner().invoke(app, ["price", "97014-GP", "--zip", ZIP, "--date", "2026-07-15"])
    assert done.exit_code == 1 and "Medicare pays it as G0283" in " ".join(done.output.split())
    _, [batch] = run_batch_rows(tmp_path, [{"code": "97014", "modifier": "GP", "pos": "11", "zip": ZIP,
                                            "date": "2026-07-15"}])  # fmt: skip
    assert "Medicare pays it as G0283" in batch["note"]
