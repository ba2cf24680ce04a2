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


def _rendering_provider_rows(tmp_path: Path, cells: list[str]) -> list[dict[str, str]]:
    """A 'Rendering Provider' column (read as the provider column only when its cells are names with credentials or
    credentials alone) of ``cells``, each a 99213 at POS 11."""
    source = tmp_path / "visits.csv"
    rows = "".join(f"V{n},08/04/2026,11,99213,1,{cell!r},59330\n".replace("'", '"') for n, cell in enumerate(cells))
    source.write_text("Claim #,DOS,POS,HCPCS/CPT,Qty,Rendering Provider,Svc ZIP\n" + rows)
    out = tmp_path / "out.csv"
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    assert "'Rendering Provider' is not read" not in done.output
    return list(csv.DictReader(out.open()))


@pytest.mark.parametrize(
    ("cells", "practitioners"),
    [
        (["SMITH, ANN NP", "LEE, SAM PA-C", "DOE, JANE NNP-BC, NRP", "ROE, JIM PA-C, NRP", "DOE, JOHN A NRP",
          "DOE, JANE A RN"], [True, True, True, True, False, None]),
        (["NP", "PA-C", "NNP-BC, NRP", "PA-C, EMT-P", "Paramedic"], [True, True, True, True, False]),
    ],
)  # fmt: skip
def test_a_practitioner_s_crew_certification_after_the_license_keeps_the_license(
    tmp_path: Path, cells: list[str], practitioners: list[bool | None]
) -> None:
    """A PA who is a paramedic, a neonatal NP with the Neonatal Resuscitation Program's NRP: their license is read, the
    certification left out as a post-acute one is ('ROE, JIM PA-C, NRP' was read as blank, the PA's 99213 priced at a
    physician's 100% with no note); a crew member's name with a middle initial ('DOE, JOHN A NRP') or a nurse's
    ('DOE, JANE A RN'), and a bare 'Paramedic', no longer leave the column unread."""
    fee = fee_2026("99213", "0320201")
    rows = _rendering_provider_rows(tmp_path, cells)
    npp = Decimal(rows[0]["allowed"])
    assert npp < fee
    for row, practitioner in zip(rows, practitioners, strict=True):
        unread = "not read as a practitioner" in row["note"]
        assert Decimal(row["allowed"]) == (npp if practitioner else fee), row
        assert unread == (practitioner is None), row
    assert runner.invoke(app, ["price", "99213", "--zip", "59330", "--date", "2026-08-04", "--provider",
                               "PA-C, NRP"]).exit_code == 0  # fmt: skip
