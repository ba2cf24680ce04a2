"""An ENT and audiology practice's credential lists: the audiologist's degree beside audiology's post-nominals ('AuD,
FAAA', 'Au.D., F-AAA', 'AuD, ABAC, BC-VA'). A review found 'AuD, FAAA' unread, each row priced as the run's --provider
(under `--provider np`, the NP's 85%) and, its practitioner taken for the physician's, the audiologist's 92567 beside
the physician's 92550 on one claim told NCCI's edits do not pay it (engine.audiology_components: one practitioner's
lines). Each amount is checked against CMS's own fee (RVU26C x the 2026 GPCIs x the CF)."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.batch.lines import provider_of
from rvucalc.cli import app

NASHVILLE = "1031235"  # ZIP 37203's locality (CMS's ZIP5 file)


@pytest.mark.parametrize(
    "cell", ["AuD, FAAA", "Au.D., F-AAA", "AuD, DFAAA", "AuD, ABAC, BC-VA", "AuD, BC-PA", "DOE, JANE AUD, FAAA"]
)
def test_an_audiology_post_nominal_beside_the_degree_is_left_out(cell: str) -> None:
    assert provider_of(cell) == "audiologist"


def test_the_pa_s_and_physician_s_own_credentials_still_decide() -> None:
    assert provider_of("PA-C, BC-PA") == "pa"
    assert provider_of("MD, FAAA") == "physician"


def test_a_faaa_audiologist_is_paid_in_full_and_is_their_own_practitioner(tmp_path: Path) -> None:
    source = tmp_path / "ent.csv"
    source.write_text(
        "Claim #,DOS,POS,CPT,Units,Credentials,Service Zip\n"
        'E1,08/12/2026,11,92557,1,"AuD, FAAA",37203\n'
        "E2,08/12/2026,11,92550,1,MD,37203\n"
        'E2,08/12/2026,11,92567,1,"AuD, FAAA",37203\n'
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--provider", "np"])
    assert result.exit_code == 0, result.output
    test, _combined, part = list(csv.DictReader(out.open()))
    assert Decimal(test["allowed"]) == fee_2026("92557", NASHVILLE), test  # not the NP's 85%
    assert "not read" not in test["note"], test["note"]
    assert Decimal(part["allowed"]) == fee_2026("92567", NASHVILLE), part
    assert "NCCI edits do not pay" not in part["note"], part["note"]  # the physician's 92550, not the audiologist's
