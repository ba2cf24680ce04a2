"""An audiologist's line (an ENT/audiology trial: a `Rendering Credential` of AUD on 92557 in ZIP 94110 was priced at
the full fee but with a long "not read as a practitioner" note, and counted as an unread provider). A qualified
audiologist bills under their own NPI, and their diagnostic tests are "covered and payable under the MPFS" (Medicare
Benefit Policy Manual ch. 15 §80.3.C): the full PFS amount, as a physician's line. Modifier AB (2023: an audiologist's
assessment without an order, MLN Matters MM13055) is informational: no payment rule attaches to it."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.batch.lines import provider_of
from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer
from test_batch_provider_column import _cms_fee, _money

CELLS = ["AUD", "aud", "Au.D.", "AuD", "Audiologist", "CCC-A", "64", "SMITH, JO AUD", "Jo Smith, AuD",
         "Jo Smith, Au.D.", "AuD, CCC-A"]  # fmt: skip


@pytest.mark.parametrize("cell", CELLS)
def test_an_audiologist_cell_is_read_as_a_full_fee_practitioner(cell: str) -> None:
    assert provider_of(cell) == "physician"


def test_the_trial_s_92557_aud_row_is_cms_s_full_fee_without_a_note(tmp_path: Path, pricer: Pricer) -> None:
    source = tmp_path / "ent.csv"
    rows = "".join(f'92557,,94110,2026-09-14,"{cell}"\n' for cell in [*CELLS, "MD"])
    source.write_text("CPT Code,Modifier,Patient ZIP,Date of Service,Rendering Credential\n" + rows
                      + "92557,AB,94110,2026-09-14,AUD\n")  # fmt: skip
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "names no practitioner" not in result.stderr
    fee = _cms_fee(pricer, "92557", "94110", 2026)["non_facility"]
    for row in csv.DictReader(out.open()):
        assert _money(row["pfs_non_facility_amount"]) == fee, row
        assert row["pfs_non_facility_limiting_charge"], row  # non-assigned claims are allowed (§80.3.G)
        assert "not read" not in row["note"] and not row["error"], row


@pytest.mark.parametrize("word", ["AUD", "audiologist", "CCC-A"])
def test_price_takes_an_audiologist_provider(word: str, pricer: Pricer) -> None:
    done = CliRunner().invoke(
        app, ["price", "92557", "--zip", "94110", "--date", "2026-09-14", "--provider", word, "-f", "json"]
    )
    assert done.exit_code == 0, done.output
    fee = _cms_fee(pricer, "92557", "94110", 2026)["non_facility"]
    assert _money(json.loads(done.stdout)["pfs"]["non_facility"]["amount"]) == fee
