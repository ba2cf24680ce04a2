"""A provider cell written all in lower case ('smith, john md', 'lee, amy pa-c'), as some billing systems export names,
raised in provider_of: capitals are how a credential is told from a name word. One such cell left a whole 'Rendering
Provider' column unread, every NP's and PA's line in it priced at a physician's 100%. Such a cell is read as its
capitals are (the same rules: 'anh do, phd' a psychologist's as 'ANH DO, PHD'): the NP's 99213 at POS 11 in ZIP 60611
(2026-08-03) is 85% of RVU26C's non-facility fee in CHICAGO (42 CFR 414.56(c)), $84.69 of $99.63."""

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


@pytest.mark.parametrize("cell", ["smith, john md", "lee, amy pa-c", "john smith, np", "anh do, phd",
                                  "okonkwo md, fccp, chidi", "smith, john md, faaos"])  # fmt: skip
def test_a_lower_case_cell_reads_as_its_capitals(cell: str) -> None:
    assert provider_of(cell) == provider_of(cell.upper())


def test_a_lower_case_cell_that_names_no_one_still_says_so_in_its_own_words() -> None:
    with pytest.raises(ValueError, match="'brandt, kyle atc'"):
        provider_of("brandt, kyle atc")


def test_a_column_of_lower_case_names_keeps_the_np_and_pa_at_85_percent(tmp_path: Path) -> None:
    cells = ["harris, mark md", "nguyen, linh np", "cole, jenna pa-c", "kowalski, jan do"]
    source, out = tmp_path / "export.csv", tmp_path / "out.csv"
    source.write_text(
        "Claim,DOS,CPT,Units,POS,Rendering Provider,Patient ZIP\n"
        + "".join(f'C{n},2026-08-03,99213,1,11,"{cell}",60611\n' for n, cell in enumerate(cells))
    )
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "provider ← Rendering Provider" in result.stderr, result.stderr
    fee = fee_2026("99213", CHICAGO)
    share = (fee * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert [Decimal(row["allowed"]) for row in csv.DictReader(out.open())] == [fee, share, share, fee]
    assert (fee, share) == (Decimal("99.63"), Decimal("84.69"))
    price = CliRunner().invoke(app, ["price", "99213", "--zip", "60611", "--date", "2026-08-03",
                                     "--provider", "nguyen, linh np", "--format", "json"])  # fmt: skip
    assert price.exit_code == 0, price.output
    assert "84.69" in price.stdout
