"""'ANH DO, PHD, CAQ': the surname-credentials-given reading ('OKONKWO MD, FCCP, CHIDI') took a DO before a doctorate
for the license and the word after for the given name ('ANH, CAQ DO, PHD'), a physician's, where 'ANH DO, PHD' (Anh
Do, PhD) is a psychologist's (lookup.credentials._one_name_word_license_doctorate). Do is the surname there: the cell
stays unread, its row priced as the run's --provider with the note, as before the reading; the column of names beside
it stays read, the NP's 99213 at POS 11 in ZIP 60611 (2026-08-03) at 85% of RVU26C's CHICAGO fee, $84.69 of $99.63."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app
from rvucalc.lookup.credentials import provider_of

CHICAGO = "0610216"  # ZIP 60611's carrier 06102, locality 16 (CMS's ZIP5 file)


@pytest.mark.parametrize("cell", ["ANH DO, PHD, CAQ", "ANH DO, PSYD, ABC"])
def test_a_do_before_a_doctorate_is_not_read_as_the_physicians_license(cell: str) -> None:
    assert provider_of("ANH DO, PHD") == "psychologist"
    with pytest.raises(ValueError):
        provider_of(cell)
    assert provider_of("TRAN DO, FACOI, VAN") == "physician"  # a fellowship, no doctorate: the DO's


def test_the_cell_is_noted_and_the_column_read(tmp_path: Path) -> None:
    cells = ["OKONKWO MD, FCCP, CHIDI", "NGUYEN NP, FNP-C, LINH", "KOWALSKI, JAN DO", "BROOKS, KAREN NP",
             "HALL, TOM MD", "ANH DO, PHD, CAQ"]  # fmt: skip
    source, out = tmp_path / "mixed.csv", tmp_path / "out.csv"
    source.write_text(
        "Claim,DOS,CPT,Units,POS,Rendering Provider,Patient ZIP\n"
        + "".join(f'C{n},2026-08-03,99213,1,11,"{cell}",60611\n' for n, cell in enumerate(cells))
    )
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    fee = fee_2026("99213", CHICAGO)
    np = (fee * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert (fee, np) == (Decimal("99.63"), Decimal("84.69"))
    rows = list(csv.DictReader(out.open()))
    assert [Decimal(row["allowed"]) for row in rows] == [fee, np, fee, np, fee, fee]
    assert "'ANH DO, PHD, CAQ' not read as a practitioner" in rows[-1]["note"], rows[-1]["note"]
