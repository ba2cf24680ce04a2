"""A clinical nurse specialist's board certification written as the credential ('SMITH, JANE AGCNS-BC': ANCC's
AGCNS-BC, ACNS-BC, GCNS-BC, PCNS-BC, PMHCNS-BC; AACN's ACCNS-AG, ACCNS-P, ACCNS-N) is read as a CNS's, paid 85% as an
NP's (SSA §1833(a)(1)(O), 42 CFR 414.56(c)): a post-acute trial's one such cell left its 'Provider Name' column
unread, every NP's nursing facility visit beside it priced at a physician's 100%. A PA's MMS (Master of Medical
Science) after the PA-C is a degree, left out ('REED, TINA PA-C, MMS')."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.lookup.credentials import provider_of
from rvucalc.lookup.pricer import Pricer
from test_batch_provider_column import _cms_fee

ZIP = "44145"  # Westlake, Ohio's statewide locality


@pytest.mark.parametrize(
    "cell", ["AGCNS-BC", "SMITH, JANE AGCNS-BC", "ACNS-BC", "GCNS-BC", "PCNS-BC", "PMHCNS-BC", "ACCNS-AG", "ACCNS-P",
             "ACCNS-N", "SMITH, JANE MSN, ACCNS-AG"],
)  # fmt: skip
def test_a_cns_certification_is_a_cns(cell: str) -> None:
    assert provider_of(cell) == "cns"


def test_a_pa_s_mms_after_the_pa_c_is_a_degree() -> None:
    assert provider_of("REED, TINA PA-C, MMS") == "pa"


def test_a_provider_name_column_with_a_cns_is_read(pricer: Pricer, tmp_path: Path) -> None:
    cells = ["PATEL, RAVI MD", "SMITH, JANE AGCNS-BC", "JONES, MARK FNP-BC", "REED, TINA PA-C, MMS"]
    source = tmp_path / "snf.csv"
    source.write_text(
        "Encounter ID,DOS,CPT,Mod1,Mod2,Mod3,Units,POS,Provider Name,Facility Name,Billed,Primary Paid\n"
        + "".join(f'E{i},2025-11-18,99308,,,,1,32,"{name}",Menorah Park NF,140.00,\n' for i, name in enumerate(cells))
    )
    out = tmp_path / "out.csv"
    done = CliRunner().invoke(app, ["batch", str(source), "--zip", ZIP, "-o", str(out)])
    assert done.exit_code == 0, done.output
    assert "provider ← Provider Name" in done.stderr
    with out.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    fee = _cms_fee(pricer, "99308", ZIP, 2025)["non_facility"]  # POS 32: the non-facility rate
    share = (fee * Decimal("0.85")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert [Decimal(row["allowed"]) for row in rows] == [fee, share, share, share]
