"""A psychiatry group's trial (Chicago, 2026): its export's provider cells 'Psychiatric Nurse Practitioner' (priced at
100%, a physician's, where an NP is paid 85%), 'Psychiatrist', 'MD, DFAPA' (an APA fellowship), 'HSPP' and 'PhD, HSPP'
(Indiana's endorsed psychologist) were noted "not read as a practitioner". Each is read: the NP's line at 85% of CMS's
amount, the others at CMS's amount (RVU26C x the 2026 Chicago GPCIs, ``cms_fees``), with no unread note, and the
psychologist's E/M line denied as a PhD's."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from cms_fees import CENT, fee_2026
from rvucalc.cli import app

runner = CliRunner()
ZIP, LOCALITY, DATE = "60614", "0610216", "2026-08-03"  # CHICAGO
CELLS = ["Psychiatric Nurse Practitioner", "Psychiatric-Mental Health Nurse Practitioner", "Psychiatrist", "26",
         "MD, DFAPA", "DO, FAPA", "HSPP", "PhD, HSPP"]  # fmt: skip


def _batch(tmp_path: Path, rows: list[tuple[str, str]]) -> list[dict[str, str]]:
    source, out = tmp_path / "claims.csv", tmp_path / "out.csv"
    source.write_text(
        "Claim #,DOS,CPT Code,POS,Provider Type,Svc Loc ZIP\n"
        + "".join(f'C{n},{DATE},{code},11,"{cell}",{ZIP}\n' for n, (code, cell) in enumerate(rows))
    )
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code in (0, 1), done.output
    with open(out, newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_psychiatry_practice_s_provider_cells_are_read(tmp_path: Path) -> None:
    got = _batch(tmp_path, [("90834", cell) for cell in CELLS] + [("99214", "HSPP")])
    fee = fee_2026("90834", LOCALITY)
    np_fee = (fee * Decimal("0.85")).quantize(CENT, ROUND_HALF_UP)
    assert [Decimal(row["allowed"]) for row in got[:8]] == [np_fee, np_fee] + [fee] * 6
    assert not any("not read as a practitioner" in row["note"] for row in got)
    assert got[8]["error_kind"] == "denied" and "clinical psychologist" in got[8]["error"]  # HSPP's E/M visit
