"""Batch's side of the telehealth trials (other.patch: batch.lines._department_notes asks department_note of a line
with 95, 93 or FQ at any place; batch.price rewrites the remote monitoring reason at POS 02; lookup.pricer says a
bilateral refusal at its site): price and batch alike."""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()


def _batch(text: str) -> list[dict[str, Any]]:
    done = runner.invoke(app, ["batch", "-", "-q", "--format", "json"], input=text)
    return list(json.loads(done.stdout))


def test_batch_says_95_at_an_in_person_place_and_remote_monitoring_at_pos_02() -> None:
    rows = _batch("code,zip,pos,date\n99214-95,85004,11,2025-03-03\n99454,85004,02,2025-03-03\n")
    assert "POS 11 (Office) with 95: Medicare telehealth is billed at POS 02 or 10 only" in rows[0]["note"], rows[0]
    assert rows[0]["note"].count("Medicare Telehealth Services List") == 1
    assert "is not a Medicare telehealth service" in rows[1]["note"], rows[1]


def test_price_62321_50_at_the_office_gives_no_sides() -> None:
    where = ["--zip", "15213", "--date", "2026-08-03"]
    done = runner.invoke(app, ["price", "62321-50", "--setting", "11", *where])
    said = " ".join(done.stderr.split())
    assert done.exit_code == 1 and "modifier 50 does not apply" in said and "62321-LT" not in said, said
    asc = runner.invoke(app, ["price", "62321-50", "--setting", "asc", *where])
    assert "62321-LT 62321-RT" in " ".join(asc.stderr.split())


def test_batch_62321_50_gives_sides_at_the_asc_or_no_place_only_as_price_does(tmp_path: Any) -> None:
    from conftest import run_batch_rows

    rows = [{"code": "62321", "modifier": "50", "pos": pos, "zip": "15213", "date": "2026-08-03"}
            for pos in ("11", "22", "24", "")]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 1, done.output
    for row, setting in zip(out, ("11", "22", "asc", None), strict=True):
        args = ["price", "62321-50", "--zip", "15213", "--date", "2026-08-03"]
        single = CliRunner().invoke(app, args + (["--setting", setting] if setting else []))
        said = " ".join(single.stderr.split()).removeprefix("rvucalc: ")
        assert row["error"] == said, (row["pos"], row["error"], said)
        assert ("62321-LT 62321-RT" in row["error"]) == (setting in ("asc", None))
