"""A DMEPOS item of joint jurisdiction (CMS's DMEPOS file's JURIS J: A4216, saline) is billed to either MAC: to the
DME MAC by a DMEPOS supplier, or to the A/B MAC by the practitioner who furnishes it incident to a service (CMS's DMEPOS
HCPCS jurisdiction list: "Part B MAC if incident to a physician's service ... If other, DME MAC"). A review's
`rvucalc price A4216` (ZIP 43215) read "Who is paid: DMEPOS supplier", where batch's --summary counts the same line
among the practitioners' claims (``engine.schedules.dme_mac_pays``). The row now names both payers, at CMS's Ohio
non-rural fee, and an encounter with items of other kinds gives each kind its row."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.cli.tables import dollars
from test_dmepos_items_of_both_jurisdictions_split_who_is_paid import _fee
from test_dmepos_local_carrier_item_is_the_practitioner_s import WHERE, _cms_row

EITHER_MAC_PAID_TO = "DMEPOS supplier (DME MAC) or practitioner (A/B MAC)"


def _row(text: str, payer: str) -> list[str]:
    """The "Who is paid" row whose "Paid to" cell is ``payer``, its other cells."""
    cells = [[cell.strip() for cell in line.split("│")[1:-1]] for line in text.splitlines() if "│" in line]
    return next(row[1:] for row in cells if row and row[0] == payer)


def test_saline_names_either_mac_s_payer(tmp_path: Path) -> None:
    assert _cms_row("A4216")["JURIS"] == "J"
    fee = _fee("A4216")
    done = CliRunner().invoke(app, ["price", "A4216", *WHERE])
    assert done.exit_code == 0, done.output
    assert _row(done.stdout, EITHER_MAC_PAID_TO)[0] == dollars(fee)
    said = " ".join(done.stdout.split())
    assert "paid to the DMEPOS supplier" not in said
    assert "or to the A/B MAC by the practitioner who furnishes it incident to a service" in said
    # JSON: unchanged but for what juris says
    done = CliRunner().invoke(app, ["price", "A4216", *WHERE, "-f", "json"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["dmepos"]["juris"] == "J"


def test_saline_beside_an_orthosis_is_two_rows() -> None:
    assert _cms_row("L3908")["JURIS"] == "D"
    done = CliRunner().invoke(app, ["price", "A4216", "L3908", *WHERE])
    assert done.exit_code == 0, done.output
    assert _row(done.stdout, EITHER_MAC_PAID_TO)[0] == dollars(_fee("A4216"))
    assert _row(done.stdout, "DMEPOS supplier")[0] == dollars(_fee("L3908"))
