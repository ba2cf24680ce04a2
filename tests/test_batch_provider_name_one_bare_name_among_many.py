"""A post-acute practice's export (PointClickCare/Kareo-style 'Provider Name' column) of seven practitioners' names each
ending in a credential ('PATEL, RAVI MD', 'SMITH, JANE AGNP-C', 'LEE, SUSAN GNP-BC', 'REED, TINA PA-C' ...) and one
mistyped without ('NOWAK ANNA') was left wholly unread: every NP's and PA's nursing facility visit was priced at a
physician's 100% (an NP's or PA's PFS line is 85%: 42 CFR 414.52, 414.56(c)). The column is read where the names with
a credential are more than four times those without; the bare name's row is priced as the run's --provider, noted.
One or two credentialed names beside a bare one still leave it unread (test_batch_rendering_provider_names_read)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.lookup.credentials import credentials_after_names
from rvucalc.lookup.pricer import Pricer
from test_batch_provider_column import _cms_fee

NAMES = ["PATEL, RAVI MD", "NOWAK, ANNA DO", "SMITH, JANE AGNP-C", "JONES, MARK FNP-BC", "LEE, SUSAN GNP-BC",
         "KOVACH, PAUL DPM", "REED, TINA PA-C"]  # fmt: skip
ZIP = "44106"  # Cleveland: Ohio's statewide locality


def test_seven_credentialed_names_and_one_bare_name_read_the_column(pricer: Pricer, tmp_path: Path) -> None:
    source = tmp_path / "snf.csv"
    cells = [*NAMES, "NOWAK ANNA"]
    source.write_text(
        "Encounter ID,DOS,CPT,Mod1,Mod2,Mod3,Units,POS,Provider Name,Facility Name,Billed,Primary Paid\n"
        + "".join(f'E{i},2025-11-18,99309,,,,1,32,"{name}",Menorah Park NF,190.00,\n' for i, name in enumerate(cells))
    )
    out = tmp_path / "out.csv"
    done = CliRunner().invoke(app, ["batch", str(source), "--zip", ZIP, "-o", str(out)])
    assert done.exit_code == 0, done.output
    assert "provider ← Provider Name" in done.stderr
    assert "1 row whose provider cell names no practitioner" in done.stderr
    with out.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    fee = _cms_fee(pricer, "99309", ZIP, 2025)["non_facility"]  # POS 32: the non-facility rate
    share = (fee * Decimal("0.85")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert [Decimal(row["allowed"]) for row in rows] == [fee, fee, share, share, share, fee, share, fee]
    assert "Provider 'NOWAK ANNA' not read as a practitioner" in rows[-1]["note"]


def test_a_bare_name_beside_few_credentialed_names_or_another_cell_keeps_it_unread() -> None:
    assert credentials_after_names([*NAMES, "NOWAK ANNA"])
    assert not credentials_after_names([*NAMES[:4], "NOWAK ANNA"])  # four to one: not more than four times
    assert not credentials_after_names([*NAMES, "NOWAK ANNA", "DOE JO"])  # seven to two
    assert not credentials_after_names([*NAMES, "12345"])  # not a name
