"""A nurse practitioner's State title or board credential in the provider column: Pennsylvania's CRNP (49 Pa. Code
§21.251), Washington's (and Florida's) ARNP, a gerontological NP's GNP-BC, and a name ending in one ('JONES, ANN
CRNP'). A long-term-care trial found each unread: 99309 at POS 32 in ZIP 19103 on 08/03/2026 priced as a physician's,
$118.50 with a limiting charge, where an NP billing under their own number is paid 85% ($100.73), without one; and
`rvucalc price --provider CRNP` refused (exit 2). DNP alone is a degree: still not read."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.batch.lines import provider_of
from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer
from test_batch_provider_column import _85_percent, _cms_fee, _money

NP_TITLES = ["CRNP", "crnp", "C.R.N.P.", "ARNP", "ARNP-BC", "GNP-BC", "GNP", "AGNP", "AGNP-C", "ANP-BC", "PMHNP-BC",
             "ACNP-BC", "CNP", "JONES, ANN CRNP", "Ann Jones, ARNP", "JONES, ANN GNP-BC", "CRNP, DNP", "MSN, CRNP",
             "DNP, ARNP", "ARNP, FNP-BC"]  # fmt: skip


@pytest.mark.parametrize("cell", NP_TITLES)
def test_an_np_title_is_read_as_an_np(cell: str) -> None:
    assert provider_of(cell) == "np"


@pytest.mark.parametrize(
    ("cell", "provider"), [("ARNP-CNM", "cnm"), ("CNM, ARNP", "cnm"), ("ARNP-CRNA", "crna"), ("ARNP, CRNA", "crna")]
)
def test_an_arnp_naming_another_role_is_that_role(cell: str, provider: str) -> None:
    """ARNP, as APRN, is the license of every advanced practice nurse: beside the role it names, that role."""
    assert provider_of(cell) == provider


@pytest.mark.parametrize("cell", ["DNP", "DNP, MSN"])
def test_a_doctorate_of_nursing_practice_alone_is_not_read(cell: str) -> None:
    with pytest.raises(ValueError, match="give the practitioner"):
        provider_of(cell)


@pytest.mark.parametrize("claims", [False, True], ids=["alone", "in-claims"])
def test_np_titles_are_priced_at_85_percent_of_cms_s_fee_without_a_limiting_charge(
    claims: bool, tmp_path: Path, pricer: Pricer
) -> None:
    """The trial's rows: each title's 99309 at POS 32 (the office rate) is 85% of CMS's fee, without a limiting charge
    or an "unread provider" note; a DNP's stays a physician's (the run's --provider), with the note and its count."""
    cells = ["CRNP", "ARNP", "GNP-BC", "JONES, ANN CRNP", "DNP"]
    source = tmp_path / "prov.csv"
    source.write_text(("Claim ID," if claims else "") + "DOS,POS,Rendering Provider Credential,CPT,Units,ZIP\n"
                      + "".join(f'{f"P{n}," if claims else ""}08/03/2026,32,"{cell}",99309,1,19103\n'
                                for n, cell in enumerate(cells)))  # fmt: skip
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--summary", "-"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["unread_provider"] == 1
    fee = _cms_fee(pricer, "99309", "19103", 2026)["non_facility"]
    *nps, dnp = list(csv.DictReader(out.open()))
    for row in nps:
        assert _money(row["allowed"]) == _85_percent(fee) == _money("100.73"), row
        assert row["pfs_non_facility_limiting_charge"] == "" and "not read" not in row["note"], row
    assert _money(dnp["allowed"]) == fee and dnp["pfs_non_facility_limiting_charge"], dnp
    assert "'DNP' not read" in dnp["note"]


@pytest.mark.parametrize("word", ["CRNP", "ARNP", "GNP-BC"])
def test_price_takes_an_np_title(word: str, pricer: Pricer) -> None:
    done = CliRunner().invoke(
        app, ["price", "99309", "--zip", "19103", "--date", "2026-08-03", "--provider", word, "-f", "json"]
    )
    assert done.exit_code == 0, done.output
    fee = _cms_fee(pricer, "99309", "19103", 2026)["non_facility"]
    assert _money(json.loads(done.stdout)["pfs"]["non_facility"]["amount"]) == _85_percent(fee)
