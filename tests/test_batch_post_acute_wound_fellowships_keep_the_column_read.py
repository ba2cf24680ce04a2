"""A post-acute practice's 'Provider Name' lists wound care certifications and fellowships after the license ('PATEL,
RAVI MD, CWSP', 'NOWAK, ANNA DO, FACOI', 'REED, TINA PA-C, DFAAPA'): each was read as no practitioner, the whole column
left unread, and the NP's and PA's nursing facility visits priced at a physician's 100% (an NP's or PA's PFS line is
85%: 42 CFR 414.52, 414.56(c)). Such words are left out and the license read (lookup.credentials.NOT_PRACTITIONER_TYPES:
ABWM's CWCA, CWS, CWSP; FACCWS, UHM; ACOI's FACOI, ACOFP's FACOFP, AAPA's DFAAPA)."""

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

ZIP = "44122"  # Beachwood, Ohio's statewide locality


@pytest.mark.parametrize(
    ("cell", "kind"),
    [("PATEL, RAVI MD, CWSP", "physician"), ("KOVACH, PAUL DPM, CWSP", "physician"),
     ("NOWAK, ANNA DO, FACOI", "physician"), ("NOWAK, ANNA DO, FACOFP", "physician"),
     ("LEE, AMY MD, FACEP, FACCWS, UHM", "physician"), ("REED, TINA PA-C, DFAAPA", "pa"),
     ("REED, TINA PA-C, FAAPA", "pa"), ("SMITH, JANE AGNP-C, CWCA", "np")],
)  # fmt: skip
def test_the_license_is_read_beside_the_certification(cell: str, kind: str) -> None:
    assert provider_of(cell) == kind


def test_a_provider_name_column_with_them_is_read(pricer: Pricer, tmp_path: Path) -> None:
    cells = ["PATEL, RAVI MD, CWSP", "NOWAK, ANNA DO, FACOI", "REED, TINA PA-C, DFAAPA", "SMITH, JANE AGNP-C"]
    source = tmp_path / "snf.csv"
    source.write_text(
        "Encounter ID,DOS,CPT,Mod1,Mod2,Mod3,Units,POS,Provider Name,Facility Name,Billed,Primary Paid\n"
        + "".join(f'E{i},2025-11-18,99309,,,,1,31,"{name}",Judson Park SNF,190.00,\n' for i, name in enumerate(cells))
    )
    out = tmp_path / "out.csv"
    done = CliRunner().invoke(app, ["batch", str(source), "--zip", ZIP, "-o", str(out)])
    assert done.exit_code == 0, done.output
    assert "provider ← Provider Name" in done.stderr
    with out.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    fee = _cms_fee(pricer, "99309", ZIP, 2025)["facility"]  # POS 31: the facility rate
    share = (fee * Decimal("0.85")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert [Decimal(row["allowed"]) for row in rows] == [fee, fee, share, share]
