"""Ambulance origin/destination modifiers (CMS's list: Pub. 100-04 ch. 15 §30; D, E, G, H, I, J, N, P, R, S, X as
destination only): on a code that is no ambulance code, the pair is named as one, with its trip, not guessed at ("Did
you mean UR or TH or RT?", a trial's 99350-RH); the encounter table says an ambulance line's note once, not "A0427:
A0427: codes like it ..."."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()
ZIP = "59801"


def test_origin_destination_pair_on_a_visit_is_named() -> None:
    done = runner.invoke(app, ["price", "99350-RH", "--zip", ZIP], terminal_width=400)
    said = " ".join(done.output.split())
    assert done.exit_code == 2, said
    # R (residence) is the origin, H (hospital) the destination: the first letter is where the trip began.
    assert (
        "Unknown modifier 'RH' on 99350. RH is an ambulance origin/destination modifier (residence to hospital)" in said
    )
    assert "Did you mean" not in said, said


def test_a_known_modifier_of_the_same_shape_is_unchanged() -> None:
    # RR (DME rental) and RT (right side) are modifiers of their own: not said to be ambulance trips.
    assert runner.invoke(app, ["price", "E0601-RR", "--state", "MT"]).exit_code == 0
    assert runner.invoke(app, ["price", "99213-RT", "--zip", ZIP]).exit_code == 0


def test_batch_says_as_price_does(tmp_path: Path) -> None:
    source = tmp_path / "claims.csv"
    source.write_text("claim,code,modifier,zip,date\n1,99350,RH,59801,2026-07-02\n")
    out = tmp_path / "out.csv"
    assert runner.invoke(app, ["batch", "-q", str(source), "-o", str(out)]).exit_code in (0, 1)
    [row] = list(csv.DictReader(out.open()))
    assert "RH is an ambulance origin/destination modifier (residence to hospital)" in row["error"], row


def test_encounter_table_names_the_ambulance_line_once() -> None:
    done = runner.invoke(app, ["price", "A0427", "99213", "--zip", ZIP], terminal_width=200)
    said = " ".join(done.output.split())
    assert "A0427: codes like it are paid from the ambulance fee schedule" in said, said
    assert "A0427: A0427:" not in said, said


def test_ambulance_line_echoes_its_origin_destination() -> None:
    """README: accepted modifiers are echoed; A0427-RH gave "modifier": null, "modifiers": []."""
    for args in (["A0427-RH"], ["A0427", "--modifier", "RH"]):
        done = runner.invoke(app, ["price", *args, "--zip", ZIP, "-f", "json"])
        result = json.loads(done.stdout)
        assert (result["modifier"], result["modifiers"]) == ("RH", ["RH"]), result
    table = runner.invoke(app, ["price", "A0427-RH", "99213", "--zip", ZIP], terminal_width=200)
    assert "A0427-RH" in table.output, table.output
