"""`rvucalc modifiers RH`, asked by a rural hospital's billing office whose ambulance claims carry origin/destination
pairs (RH, HR, SH ...), answered "Unknown modifier 'RH' (did you mean HR or UR or UH?)": HR is a Medicaid program's
modifier (family/couple with client present), not the trip back. CMS's list (Pub. 100-04 ch. 15 §30) makes each letter a
place, the first the origin; price already named 99350-RH's pair so. The modifiers command says what the pair is, in
the same words, and still exits 1 (no entry of rvucalc's table); another unknown modifier keeps its "did you mean"."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.lookup.lines import AMBULANCE_PLACES

runner = CliRunner()
TRIP = "an ambulance origin/destination modifier ({0} to {1}): it goes on an ambulance code (A0425-A0436)"


def test_modifiers_names_the_pair_s_trip() -> None:
    done = runner.invoke(app, ["modifiers", "RH"])
    said = " ".join(done.stderr.split())
    assert done.exit_code == 1, said
    assert "Unknown modifier 'RH': " + TRIP.format(AMBULANCE_PLACES["R"], AMBULANCE_PLACES["H"]) in said, said
    assert "did you mean" not in said, said


def test_json_error_and_price_say_the_same() -> None:
    [error] = json.loads(runner.invoke(app, ["modifiers", "SH", "-f", "json"]).stdout)["errors"]
    trip = TRIP.format(AMBULANCE_PLACES["S"], AMBULANCE_PLACES["H"])
    assert error["code"] == "SH" and trip in error["error"], error
    priced = runner.invoke(app, ["price", "99350-SH", "--zip", "59801"])
    assert priced.exit_code == 2 and trip in " ".join(priced.stderr.split()), priced.stderr


def test_a_known_modifier_and_another_unknown_one_are_unchanged() -> None:
    hr = runner.invoke(app, ["modifiers", "HR", "-f", "json"])
    assert hr.exit_code == 0 and json.loads(hr.stdout)["modifiers"][0]["modifier"] == "HR"
    zz = runner.invoke(app, ["modifiers", "ZZ"])
    assert zz.exit_code == 1 and "did you mean" in zz.stderr, zz.stderr
