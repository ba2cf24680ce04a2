"""A rural hospital's export of its ambulance service's claims gives the crew's certification in its credential column
('NRP', 'EMT', 'Paramedic', 'Olson, Kari EMT-B'): each ambulance row, which no installed schedule prices, was noted
"Provider 'NRP' not read as a practitioner: priced as a physician's line ... NP (FNP, CRNP ...) 85% ..." and counted
on stderr as naming no practitioner. The ambulance supplier bills the trip (42 CFR 414.610), staffed by an EMT or
paramedic (42 CFR 410.41(b)): no practitioner type changes it. Such a cell is read as a blank one, as a DME supplier's:
the run's --provider, no note, none counted; a PFS line with it keeps CMS's full fee (RVU26C x Montana's GPCIs)."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.batch.lines import provider_of
from rvucalc.cli import app

runner = CliRunner()
CELLS = ["NRP", "EMT", "EMT-P", "Paramedic", "AEMT", "Olson, Kari EMT-B", "Hagen, Tyler NRP"]


@pytest.mark.parametrize("cell", CELLS)
def test_an_ambulance_crew_cell_is_read_as_blank(cell: str) -> None:
    assert provider_of(cell) is None


def test_the_ambulance_rows_have_no_unread_provider_note(tmp_path: Path) -> None:
    source = tmp_path / "ambulance.csv"
    rows = "".join(
        f"CL{n},08/04/2026,41,A0427,RH,QN,1,{cell!r},59330\n".replace("'", '"') for n, cell in enumerate(CELLS)
    )
    source.write_text("Claim #,DOS,POS,HCPCS/CPT,Mod1,Mod2,Qty,Cred,Svc ZIP\n" + rows)
    out = tmp_path / "out.csv"
    done = runner.invoke(app, ["batch", str(source), "-o", str(out), "--summary", "-"])
    assert done.exit_code in (0, 1), done.output
    assert json.loads(done.stdout)["unread_provider"] == 0
    for row in csv.DictReader(out.open()):
        assert "not read as a practitioner" not in row["note"], row["note"]
        assert "A0427: codes like it are paid from the ambulance fee schedule" in row["note"], row["note"]


def test_a_pfs_line_with_a_crew_cell_keeps_the_physician_s_fee(tmp_path: Path) -> None:
    source = tmp_path / "visit.csv"
    source.write_text("Claim #,DOS,POS,HCPCS/CPT,Qty,Cred,Svc ZIP\nV1,08/04/2026,11,99213,1,EMT,59330\n")
    out = tmp_path / "out.csv"
    assert runner.invoke(app, ["batch", "-q", str(source), "-o", str(out)]).exit_code == 0
    [row] = list(csv.DictReader(out.open()))
    assert Decimal(row["allowed"]) == fee_2026("99213", "0320201"), row
