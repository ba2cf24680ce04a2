"""An unlisted code at the ASC (`price 66999 --setting asc`) said only "priced by your Medicare contractor (MAC)", as if
the MAC priced the ASC's fee: CMS's Addendum EE excludes it from payment in ASCs and Addendum AA does not list it (42
CFR 416.166(c)(7): covered surgical procedures do not include those reported only with an unlisted code). The MAC
prices the surgeon's fee (PFS status C); the ASC is paid nothing. Price and batch say so alike."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.paths import data_dir

runner = CliRunner()
ADDENDA = data_dir() / "opps" / "2026" / "asc" / "07"


def _codes(addendum: str) -> dict[str, str]:
    """CMS's July 2026 ASC addendum's codes and descriptors."""
    with (ADDENDA / f"{addendum}.csv").open(newline="", encoding="utf-8-sig") as handle:
        return {row[0].strip(): row[1].strip() for row in csv.reader(handle) if len(row) > 1}


def test_the_addenda_exclude_66999() -> None:
    assert "66999" not in _codes("AA")
    assert _codes("EE")["66999"].startswith("Unlisted")


def test_price_at_the_asc_says_not_payable_not_mac_priced() -> None:
    done = runner.invoke(app, ["price", "66999", "--setting", "asc", "--zip", "10001"])
    said = " ".join(done.stderr.split())
    assert done.exit_code == 1, said
    assert said.startswith("rvucalc: 66999 is not payable here: 66999 is an unlisted procedure code: not on the ASC "
                           "covered procedures list (Addendum AA), it is not payable at an ASC"), said  # fmt: skip
    assert "The physician's fee is priced by your Medicare contractor (MAC)" in said, said


def test_an_excluded_code_that_is_not_unlisted_keeps_its_reason() -> None:
    from rvucalc.engine.facility import asc_excluded_reason

    listed = next(code for code, words in _codes("EE").items() if code[:1].isdigit() and "nlist" not in words)
    assert asc_excluded_reason(listed, {"description": _codes("EE")[listed]}, "2026-07") == (
        f"{listed} is excluded from payment in ASCs (Addendum EE, 2026-07)."
    )


def test_batch_note_reads_as_price(tmp_path: Path) -> None:
    source = tmp_path / "lines.csv"
    source.write_text("code,zip,pos,date\n66999,10001,24,2026-07-02\n")
    out = tmp_path / "out.json"
    runner.invoke(app, ["batch", "-q", str(source), "-o", str(out)])
    [row] = json.loads(out.read_text())
    priced = json.loads(
        runner.invoke(app, ["price", "66999", "--setting", "asc", "--zip", "10001", "-f", "json"]).stdout
    )
    [asc] = priced["sites"]
    assert asc["reason"].startswith("66999 is an unlisted procedure code"), asc
    assert asc["reason"] in row["note"], row["note"]
