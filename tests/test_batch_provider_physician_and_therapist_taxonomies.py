"""A Medicare Advantage plan's payment-integrity export names each line's practitioner by the NUCC taxonomy code
('Rendering Provider Taxonomy'). Only the NP's, PA's, CNS's, CSW's and chiropractor's codes were read: every
physician's row (207Q00000X family medicine, 207RC0000X cardiology, 2084P0800X psychiatry ...) and a podiatrist's,
therapist's, nurse-midwife's or laboratory's was "not read as a practitioner", each row carrying the long note and
counted on stderr. The codes CMS's taxonomy crosswalk links to those specialties are read now (amounts: CMS's,
RVU26C x the 2026 Chicago GPCIs x CF, ``cms_fees``); a taxonomy of no specialty rvucalc reads stays unread."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app
from rvucalc.lookup.credentials import provider_of

runner = CliRunner()
ZIP, LOCALITY, DATE = "60614", "0610216", "2026-08-03"  # CHICAGO
CLFS_Q2 = Path(__file__).resolve().parents[1] / "data/clfs/2026/PUF_CLFS_CY2026_Q2V1.csv"
PHYSICIANS = ["207Q00000X", "207RC0000X", "2084P0800X", "2085R0202X", "208D00000X", "213E00000X", "152W00000X"]


def _batch(tmp_path: Path, lines: list[tuple[str, str, str]]) -> tuple[list[dict[str, str]], str]:
    source, out = tmp_path / "claims.csv", tmp_path / "out.csv"
    source.write_text(
        "Claim Number,From Date,HCPCS,Modifier 1,Place of Service,Rendering Provider Taxonomy,Member ZIP\n"
        + "".join(f"C{n},{DATE},{code},{modifier},11,{cell},{ZIP}\n" for n, (code, modifier, cell) in enumerate(lines))
    )
    done = runner.invoke(
        app, ["batch", str(source), "-o", str(out), "--columns", "provider=Rendering Provider Taxonomy"]
    )
    assert done.exit_code == 0, done.output
    with open(out, newline="") as handle:
        return list(csv.DictReader(handle)), done.output


def test_physician_taxonomies_are_read_as_the_physician(tmp_path: Path) -> None:
    rows, stderr = _batch(tmp_path, [("99213", "", cell) for cell in PHYSICIANS])
    assert [row["allowed"] for row in rows] == [str(fee_2026("99213", LOCALITY))] * len(PHYSICIANS)
    assert not [row["note"] for row in rows if "not read" in row["note"]]
    assert "names no practitioner" not in stderr


def test_a_clinical_laboratory_s_taxonomy_is_read_as_a_blank_cell(tmp_path: Path) -> None:
    """69 Clinical Laboratory (291U00000X) is no practitioner: its lab test is the CLFS amount (CMS's Q2 2026 file),
    with no unread provider note."""
    rows, stderr = _batch(tmp_path, [("80053", "", "291U00000X")])
    with CLFS_Q2.open(encoding="latin-1", newline="") as handle:
        rate = next(Decimal(row[5]) for row in csv.reader(handle) if row[:3] == ["2026", "80053", ""])
    assert Decimal(rows[0]["allowed"]) == rate and "not read" not in rows[0]["note"]
    assert "names no practitioner" not in stderr


def test_therapist_taxonomies_are_read_as_the_therapist(tmp_path: Path) -> None:
    rows, stderr = _batch(tmp_path, [("97110", "GP", "225100000X"), ("97530", "GO", "225X00000X")])
    assert [row["allowed"] for row in rows] == [str(fee_2026("97110", LOCALITY)), str(fee_2026("97530", LOCALITY))]
    assert not [row["note"] for row in rows if "not read" in row["note"]]
    assert "names no practitioner" not in stderr


@pytest.mark.parametrize(
    ("taxonomy", "practitioner"),
    [("207Q00000X", "physician"), ("2086S0129X", "physician"), ("213ES0103X", "physician"),
     ("152W00000X", "physician"), ("225100000X", "therapist"), ("2251X0800X", "therapist"),
     ("225X00000X", "therapist"), ("235Z00000X", "slp"), ("231H00000X", "audiologist"), ("367A00000X", "cnm"),
     ("367500000X", "crna"), ("103TC0700X", "psychologist"), ("133V00000X", "dietitian"), ("364SP0808X", "cns"),
     ("332B00000X", None), ("291U00000X", None)],
)  # fmt: skip
def test_crosswalk_taxonomies_name_their_practitioner(taxonomy: str, practitioner: str | None) -> None:
    assert provider_of(taxonomy) == practitioner


@pytest.mark.parametrize("taxonomy", ["103T00000X", "163W00000X", "2O7Q00000X"])
def test_other_taxonomies_stay_unread(taxonomy: str) -> None:
    with pytest.raises(ValueError):
        provider_of(taxonomy)
