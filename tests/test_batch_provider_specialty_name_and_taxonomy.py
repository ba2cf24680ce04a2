"""A chiropractor's EHR names the practitioner by CMS's specialty name ('Chiropractic', specialty 35's) or the NUCC
taxonomy (111N00000X): both were unread, the chiropractor's lines priced as a physician's (97140 paid, not denied). They
are read as the chiropractor now, and the NP's, PA's, CNS's and clinical social worker's taxonomies CMS's crosswalk
maps to their specialties (50, 97, 89, 80) as theirs."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.batch.lines import PROVIDER_WORDS
from rvucalc.cli import app

EXPORT = """Visit ID,Date of Service,CPT,Mod1,Units,POS,Zip,{header}
V25-1001,01/14/2025,98941,AT,1,11,57104,{cell}
V25-1001,01/14/2025,97140,GP,1,11,57104,{cell}
"""


@pytest.mark.parametrize(("header", "cell"), [("Provider Specialty", "Chiropractic"),
                                              ("Rendering Taxonomy", "111N00000X"),
                                              ("Rendering Taxonomy", "111NS0005X")])  # fmt: skip
def test_a_chiropractor_by_specialty_name_or_taxonomy(tmp_path: Path, header: str, cell: str) -> None:
    source = tmp_path / "ehr.csv"
    source.write_text(EXPORT.format(header=header, cell=cell))
    out = tmp_path / "out.csv"
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--columns", f"provider={header}"])
    assert done.exit_code == 1, done.output  # the denied row
    with out.open(newline="") as handle:
        manipulation, other = list(csv.DictReader(handle))
    assert manipulation["error"] == "" and manipulation["allowed"]
    assert other["error_kind"] == "denied" and "chiropractor" in other["error"]


def test_the_other_practitioners_taxonomies() -> None:
    assert {taxonomy: PROVIDER_WORDS[taxonomy] for taxonomy in ("363l00000x", "363a00000x", "364s00000x",
                                                                "1041c0700x")} == {
        "363l00000x": "np", "363a00000x": "pa", "364s00000x": "cns", "1041c0700x": "csw"}  # fmt: skip
