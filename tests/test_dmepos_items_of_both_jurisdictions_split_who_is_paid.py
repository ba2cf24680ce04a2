"""An encounter of DMEPOS items of both kinds, one of the A/B MAC's jurisdiction (CMS's DMEPOS file's JURIS L: Q4021,
a casting supply) and one of the DME MAC's (JURIS D: L3908, a wrist orthosis), is two claims: the practitioner's to the
A/B MAC and the DMEPOS supplier's to the DME MAC. A review's `rvucalc price Q4021 L3908` (ZIP 43215) showed one "Who
is paid" row, "DMEPOS supplier", with both fees, where batch's --summary counts only L3908 as the DME supplier's claim
(``engine.schedules.dme_mac_pays``). Each is now its own row at its own DMEPOS fee (CMS's Ohio non-rural fees),
the same amounts batch counts for each."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.cli.tables import dollars
from test_dmepos_local_carrier_item_is_the_practitioner_s import WHERE, _cms_row


def _fee(code: str) -> Decimal:
    return Decimal(_cms_row(code)["OH (NR)"]).quantize(Decimal("0.01"))


def _row(text: str, payer: str) -> list[str]:
    line = next(line for line in text.splitlines() if payer in line)
    return [cell.strip() for cell in line.split("│")[2:-1]]


def test_a_casting_supply_and_an_orthosis_are_two_payers_rows(tmp_path: Path) -> None:
    assert (_cms_row("Q4021")["JURIS"], _cms_row("L3908")["JURIS"]) == ("L", "D")
    cast, orthosis = _fee("Q4021"), _fee("L3908")
    done = CliRunner().invoke(app, ["price", "Q4021", "L3908", *WHERE])
    assert done.exit_code == 0, done.output
    assert _row(done.stdout, "Practitioner or supplier (A/B MAC)")[0] == dollars(cast)
    assert _row(done.stdout, "DMEPOS supplier")[0] == dollars(orthosis)
    said = " ".join(done.stdout.split())
    assert "but Q4021 is billed to the A/B MAC by the practitioner or supplier who furnishes it" in said
    # batch: the DME MAC's claims are L3908's alone, at the same fee
    source, summary = tmp_path / "claims.csv", tmp_path / "summary.json"
    source.write_text(f"claim,code,zip,date,setting,provider\nA,Q4021,{WHERE[1]},{WHERE[3]},11,PA-C\n"
                      f"A,L3908,{WHERE[1]},{WHERE[3]},11,PA-C\n")  # fmt: skip
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv"), "--summary", str(summary)])
    assert done.exit_code == 0, done.output
    totals = json.loads(summary.read_text())["totals"]
    assert Decimal(totals["dmepos"]["allowed"]) == orthosis
    assert Decimal(totals["professional"]["allowed"]) == cast + orthosis


def test_a_vad_supply_is_not_said_to_be_the_practitioner_s() -> None:
    """Q0477 (a VAD power module, JURIS L): a supplier's item as often as not, billed to the A/B MAC (CMS's 2013 HCPCS
    update: VAD supplies "furnished by suppliers should be billed to the local carriers")."""
    assert _cms_row("Q0477")["JURIS"] == "L"
    done = CliRunner().invoke(app, ["price", "Q0477", *WHERE])
    assert done.exit_code == 0, done.output
    assert _row(done.stdout, "Practitioner or supplier (A/B MAC)")[0] == dollars(_fee("Q0477"))
    assert "billed to the A/B MAC by the practitioner or supplier who furnishes it" in " ".join(done.stdout.split())
