"""Home health and hospice lines (a trial, ZIP 59801): Q5001-Q5010 are the place-of-service lines and G0151-G0162,
G0299, G0300 the discipline visits a home health agency or hospice reports on its own institutional claim, paid by
the home health PPS period payment or the hospice per diem (NGS, "Reporting Site of Service Codes for Home Health
Care"; the RVU file's descriptors "Hospice or home hlth in home", "Hhs/hospice of rn ea 15 min"); G0337 is the
hospice's pre-election evaluation. Price, batch and compare name that payment, never a drug file or "statutory
exclusion (e.g. ambulance, clinical lab)"."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine import meanings

runner = CliRunner()
ZIP = "59801"
# The CY2026 RVU file's short descriptors (CMS's file), which say what each code is.
DESCRIPTORS = {"Q5001": "Hospice or home hlth in home", "Q5003": "Hospice in lt/non-skilled nf",
               "G0299": "Hhs/hospice of rn ea 15 min", "G0151": "Hhcp-serv of pt,ea 15 min",
               "G0162": "Hhc rn e&m plan svs, 15 min", "G0337": "Hospice evaluation preelecti"}  # fmt: skip


@pytest.mark.parametrize("code", sorted(DESCRIPTORS))
def test_price_names_the_home_health_or_hospice_payment(code: str) -> None:
    described = runner.invoke(app, ["price", code, "--zip", ZIP, "-f", "json"])
    assert json.loads(described.stdout)["description"] == DESCRIPTORS[code]
    done = runner.invoke(app, ["price", code, "--zip", ZIP], terminal_width=400)
    assert done.exit_code == 1, done.output
    said = " ".join(done.output.split())
    assert "hospice" in said or code == "G0162", said
    if "Hospice in" not in DESCRIPTORS[code] and code != "G0337":
        assert "home health PPS" in said, said
    assert "drugs, biologicals" not in said and "ASP" not in said, said
    assert "Statutory exclusion" not in said and "ambulance" not in said, said
    apart = meanings.paid_apart_note(code)
    assert apart is not None and apart in said, said


def test_batch_and_compare_say_as_price_does(tmp_path: Path) -> None:
    source = tmp_path / "claims.csv"
    source.write_text("claim,code,zip,date\n1,Q5001,59801,2026-07-02\n1,G0299,59801,2026-07-02\n")
    out = tmp_path / "out.csv"
    done = runner.invoke(app, ["batch", "-q", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    for row in csv.DictReader(out.open()):
        assert meanings.paid_apart_note(row["code"]) in row["note"], row
        assert not row["office_allowed"], row
    compared = runner.invoke(
        app, ["compare", "Q5001", "G0299", "G0337", "--from", "2025", "--to", "2026", "-f", "json"]
    )
    rows = json.loads(compared.stdout)["codes"]
    assert [row["change"] for row in rows] == ["not_comparable"] * 3, rows
    for row in rows:
        assert meanings.paid_apart_note(row["code"]).rstrip(".") in row["not_comparable_reason"], row
