"""A chiropractor's EHR export names the practitioner by a 'Specialty' column of CMS specialty 35: stderr said it is not
read and named the NP, PA, CNS, social worker and psychologist, never the chiropractor, whose lines are priced as a
physician's unless read (a chiropractor is paid for spinal manipulation with AT alone, SSA §1861(r)(5)). It names the
chiropractor (DC, 35) now, and the column, read as it says, denies the chiropractor's other lines."""

from __future__ import annotations

import csv
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app

EXPORT = """Visit ID,Date of Service,CPT,Mod1,Units,POS,Zip,{header}
V25-1001,01/14/2025,98941,AT,1,11,57104,{cell}
V25-1001,01/14/2025,97140,GP,1,11,57104,{cell}
"""


def _run(tmp_path: Path, header: str, cell: str, *options: str) -> tuple[str, list[dict[str, str]]]:
    source = tmp_path / "ehr.csv"
    source.write_text(EXPORT.format(header=header, cell=cell))
    out = tmp_path / "out.csv"
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), *options])
    assert done.exit_code == (1 if options else 0), done.output  # a denied row is exit 1
    with out.open(newline="") as handle:
        return done.stderr, list(csv.DictReader(handle))


def test_an_unread_specialty_column_names_the_chiropractor(tmp_path: Path) -> None:
    stderr, rows = _run(tmp_path, "Specialty", "35")
    [said] = [line for line in stderr.splitlines() if "'Specialty' is not read" in line]
    assert "a chiropractor (DC or 35; spinal manipulation 98940-98942 with AT paid as a physician's" in said
    assert "(NP, PA, CNS, CRNA, MD, LCSW, PhD, DC, 50, 35 ...), say so with --columns provider='Specialty'" in said
    assert [row["error"] for row in rows] == ["", ""]  # unread: both priced as a physician's lines
    # read as the hint says: the chiropractor's 97140 is denied, the manipulation priced as before
    _, read = _run(tmp_path, "Specialty", "35", "--columns", "provider=Specialty")
    assert read[0]["allowed"] == rows[0]["allowed"] and read[0]["error"] == ""
    assert read[1]["error_kind"] == "denied" and "chiropractor" in read[1]["error"]


def test_an_unread_rendering_provider_names_the_chiropractor_s_credential(tmp_path: Path) -> None:
    stderr, _ = _run(tmp_path, "Rendering Provider", '"SMITH, JO"')  # a name without its credential: not read
    [said] = [line for line in stderr.splitlines() if "'Rendering Provider' is not read" in line]
    assert "a chiropractor: DC or 35; spinal manipulation" in said


def test_a_rendering_provider_of_names_with_the_chiropractor_s_credential_is_read(tmp_path: Path) -> None:
    """Every name ends in a credential rvucalc reads (batch.lines.credentials_after_names): the column is read, as
    --columns provider= would, and the chiropractor's 97140 is denied."""
    source = tmp_path / "ehr.csv"
    source.write_text(EXPORT.format(header="Rendering Provider", cell='"SMITH, JO DC"'))
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv")])
    assert done.exit_code == 1 and "provider ← Rendering Provider" in done.stderr, done.output
    with (tmp_path / "out.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["error"] == "" and rows[1]["error_kind"] == "denied" and "chiropractor" in rows[1]["error"]
