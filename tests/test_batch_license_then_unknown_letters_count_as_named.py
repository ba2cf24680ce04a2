"""A name whose license rvucalc reads followed by letters it does not know ('PATEL, RAVI MD, FAPWCA': the American
Professional Wound Care Association's fellowship; 'KIM, ANN DO, FAWM'; ``credentials._license_then_unknown_letters``)
is a name with a credential: it counts among them where a bare name ('NOWAK ANNA') stands in the column
(``credentials._bare_names_few``, more than four to one). A review's post-acute 'Provider Name' of three such names, an
NP's, a PA's and one bare name (five to one) was left unread, the NP's and PA's nursing facility visits priced at a
physician's 100% (an NP's or PA's PFS line is 85%: 42 CFR 414.56(c), 414.52)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.lookup.credentials import credentials_after_names
from rvucalc.lookup.pricer import Pricer
from test_batch_provider_column import _cms_fee

NAMES = ["PATEL, RAVI MD, FAPWCA", "KIM, ANN DO, FAWM", "LEE, SAM MD, CHCQM", "SMITH, JANE AGNP-C", "REED, TINA PA-C"]
ZIP = "44106"  # Cleveland: Ohio's statewide locality


def test_names_with_a_license_and_unknown_letters_count_against_a_bare_name(pricer: Pricer, tmp_path: Path) -> None:
    source = tmp_path / "snf.csv"
    source.write_text(
        "Encounter ID,DOS,CPT,Units,POS,Provider Name,Billed\n"
        + "".join(f'E{i},2025-11-18,99309,1,32,"{name}",190.00\n' for i, name in enumerate([*NAMES, "NOWAK ANNA"]))
    )
    out = tmp_path / "out.csv"
    done = CliRunner().invoke(app, ["batch", str(source), "--zip", ZIP, "-o", str(out)])
    assert done.exit_code == 0, done.output
    assert "provider ← Provider Name" in done.stderr
    with out.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    fee = _cms_fee(pricer, "99309", ZIP, 2025)["non_facility"]  # POS 32: the non-facility rate
    share = (fee * Decimal("0.85")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert [Decimal(row["allowed"]) for row in rows] == [fee, fee, fee, share, share, fee]


def test_such_names_alone_beside_a_bare_name_still_need_a_name_read() -> None:
    assert credentials_after_names([*NAMES, "NOWAK ANNA"])
    assert not credentials_after_names([*NAMES[:4], "NOWAK ANNA"])  # four to one: not more than four times
    assert not credentials_after_names([*NAMES[:3], "NOWAK ANNA"])  # no name read at all
