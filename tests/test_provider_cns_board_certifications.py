"""The clinical nurse specialist's board certifications as a provider cell writes them: AACN Certification
Corporation's ACCNS-AG, ACCNS-P and ACCNS-N, ANCC's AGCNS-BC and its retired (renewed only) ACNS-BC and PCNS-BC, each
a CNS's, paid 85% (42 CFR 414.56(c)). A trial: 'SMITH, ANN ACCNS-AG''s 99213 at POS 11 in ZIP 10001 (2026-08-03) was
noted "not read as a practitioner" and priced at a physician's 100% ($107.63). Amounts checked against CMS's own fee
(RVU26C x the 2026 GPCIs x the CF)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.batch.lines import provider_of
from rvucalc.cli import app

MANHATTAN = "1320201"  # ZIP 10001's locality (CMS's ZIP5 file)
CELLS = ("SMITH, ANN ACCNS-AG", "SMITH, ANN ACCNS-P", "SMITH, ANN ACCNS-N", "Ann Smith, AGCNS-BC",
         "SMITH, ANN MSN, RN, ACNS-BC", "SMITH, ANN PCNS-BC", "ACCNS-AG, APRN")  # fmt: skip


@pytest.mark.parametrize("cell", CELLS)
def test_a_cns_board_certification_is_read_as_a_cns(cell: str) -> None:
    assert provider_of(cell) == "cns"


def test_an_accns_ag_s_99213_is_paid_85_percent_in_batch_and_price(tmp_path: Path) -> None:
    source = tmp_path / "c.csv"
    source.write_text(
        "Claim ID,CPT,DOS,POS,Zip Code,Rendering Provider\n"
        + "".join(f'{n},99213,08/03/2026,11,10001,"{cell}"\n' for n, cell in enumerate(CELLS, 1))
    )
    out = tmp_path / "o.csv"
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--columns", "provider=Rendering Provider"])
    assert done.exit_code == 0, done.output
    cns = (fee_2026("99213", MANHATTAN) * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    for row in csv.DictReader(out.open()):
        assert Decimal(row["allowed"]) == cns, row
        assert "not read" not in row["note"], row["note"]
    priced = CliRunner().invoke(app, ["price", "99213", "--zip", "10001", "--setting", "11", "--date", "2026-08-03",
                                      "--provider", "SMITH, ANN ACCNS-AG", "-f", "json"])  # fmt: skip
    assert priced.exit_code == 0, priced.output
    assert f'"total": {cns}' in priced.stdout or f'"total": "{cns}"' in priced.stdout, priced.stdout[:500]
