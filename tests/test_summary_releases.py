"""``rvucalc batch --summary``'s ``releases``: each key names one schedule's releases. A review found
``releases.pfs`` holding "2026C; CLFS 2026-01" (a lab's row's release column: the PFS release, then the CLFS's)."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()


def test_the_summary_s_releases_keep_each_schedule_under_its_own_key(tmp_path: Path) -> None:
    """80053 is priced from the CLFS, J9271 from the ASP file, 99213 from the PFS; 64483 at the hospital in 2025."""
    source = tmp_path / "lines.csv"
    rows = ["C1,99213,2026-08-03,11,10001", "C1,80053,2026-08-03,11,10001", "C2,J9271,2026-08-03,11,10001",
            "C3,64483,2025-07-14,22,33136"]  # fmt: skip
    source.write_text("\n".join(["Claim ID,CPT Code,Date of Service,POS,Zip Code", *rows]) + "\n")
    result = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "o.csv"), "--summary", "-", "-q"])
    assert result.exit_code == 0, result.output
    releases = json.loads(result.stdout)["releases"]
    priced = list(csv.DictReader((tmp_path / "o.csv").open()))
    pieces = [piece for row in priced for piece in row["release"].split("; ")]
    assert any(piece.startswith("CLFS ") for piece in pieces) and any(piece.startswith("ASP ") for piece in pieces)
    assert releases["pfs"] == sorted({piece for piece in pieces if re.fullmatch(r"[0-9]{4}[A-D]", piece)})
    assert releases["clfs"] == sorted({piece[5:] for piece in pieces if piece.startswith("CLFS ")})
    assert releases["asp"] == sorted({piece[4:] for piece in pieces if piece.startswith("ASP ")})
    assert releases["opps"] == sorted({row["opps_release"] for row in priced if row["opps_release"]})
    assert list(releases)[:3] == ["pfs", "opps", "asc"]


def test_a_release_column_s_text_is_split_by_schedule() -> None:
    from rvucalc.batch.files import release_pieces

    assert release_pieces("2026C; CLFS 2026-01; ASP 2026-07", "pfs") == [
        ("pfs", "2026C"), ("clfs", "2026-01"), ("asp", "2026-07"),
    ]  # fmt: skip
    assert release_pieces("2026C; DMEPOS 2026-04", "pfs") == [("pfs", "2026C"), ("dmepos", "2026-04")]
    assert release_pieces("2026-07", "opps") == [("opps", "2026-07")]
