"""A column naming the rendering practitioner by a physician's title: 'Rendering Physician', 'Rendering Radiologist',
'Reading Radiologist' (an imaging center's trial: its 'Rendering Radiologist' was neither read nor said).
A 'Rendering Physician' column of 'SMITH, JANE NP' priced her 99213 at a physician's 100% without a word: it is now read
as the provider column, as 'Rendering Provider' is, and the NP's line is 85% of CMS's fee (RVU26C x the 2026 Miami
GPCIs). An ordering or attending physician's column is not the rendering practitioner's, and a provider's word wins
over a physician's where both are columns."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app

runner = CliRunner()
LOCALITY = "0910204"  # Miami, FL
ROWS = '1,99213,08/03/2026,11,33136,"SMITH, JANE NP"\n2,70553,08/03/2026,11,33136,"GARCIA, ELENA MD"\n'


def _batch(tmp_path: Path, header: str, rows: str = ROWS) -> tuple[list[dict[str, str]], str]:
    source, out = tmp_path / "claims.csv", tmp_path / "out.csv"
    source.write_text(header + "\n" + rows)
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    return list(csv.DictReader(out.open())), " ".join(done.stderr.split())


@pytest.mark.parametrize("name", ["Rendering Physician", "Rendering Radiologist", "Reading Radiologist", "Radiologist"])
def test_a_physician_titled_rendering_column_is_read(tmp_path: Path, name: str) -> None:
    rows, said = _batch(tmp_path, f"Claim #,CPT,DOS,POS,Zip,{name}")
    assert f"provider ← {name}" in said
    share = (fee_2026("99213", LOCALITY) * Decimal("0.85")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert rows[0]["allowed"] == str(share)
    assert rows[1]["allowed"] == str(fee_2026("70553", LOCALITY))


@pytest.mark.parametrize("name", ["Ordering Physician", "Attending Physician", "Referring Physician"])
def test_another_physician_s_column_is_not_the_rendering_one(tmp_path: Path, name: str) -> None:
    rows, said = _batch(tmp_path, f"Claim #,CPT,DOS,POS,Zip,{name}")
    assert "provider ←" not in said
    assert rows[0]["allowed"] == str(fee_2026("99213", LOCALITY))


@pytest.mark.parametrize("name", ["Physician", "Physician Name"])
def test_a_bare_physician_column_is_said_not_read(tmp_path: Path, name: str) -> None:
    """'Physician' alone says not whose: an IDTF's or lab's export names the referring physician so (a review's
    'SMITH, JANE NP' referred the 70450-TC, which the IDTF furnished: priced at 85%)."""
    rows, said = _batch(tmp_path, f"Claim #,CPT,Mod,DOS,POS,Zip,{name}",
                        '1,70450,TC,08/03/2026,11,33136,"SMITH, JANE NP"\n')  # fmt: skip
    assert "provider ←" not in said
    assert f"{name!r} is not read" in said and "not who ordered or referred it" in said
    tc = fee_2026(next(row for row in _rvu_rows("70450") if row[1] == "TC"), LOCALITY)
    assert rows[0]["allowed"] == str(tc)


def _rvu_rows(code: str) -> list[list[str]]:
    from cms_fees import DATA

    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1") as handle:
        return [row for row in csv.reader(handle) if row[0] == code]


def test_a_provider_s_word_wins_over_a_physician_s(tmp_path: Path) -> None:
    rows, said = _batch(
        tmp_path,
        "Claim #,CPT,DOS,POS,Zip,Physician,Rendering Provider",
        '1,99213,08/03/2026,11,33136,"SMITH, JANE MD","SMITH, JANE NP"\n',
    )
    assert "provider ← Rendering Provider" in said
    share = (fee_2026("99213", LOCALITY) * Decimal("0.85")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert rows[0]["allowed"] == str(share)
