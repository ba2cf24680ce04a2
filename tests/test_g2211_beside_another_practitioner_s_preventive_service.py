"""G2211 beside a physician's 99215-25 with a vaccine administration (G0009) on the claim and date that is an NP's: the
exception of Transmittal 13015 is the E/M practitioner's own service (modifier 25: "by the same physician or other
qualified health care professional"), so G2211 stays $0.00, and its note says the missing service is the same
practitioner's, not that none is on the claim (an infectious disease clinic's trial). The physician's own G0009 makes
G2211 payable: CMS's RVU26C x 2026 GPCIs x CF (``tests/cms_fees.py``)."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app
from rvucalc.engine import visits

ZIP, LOCALITY, DATE = "30308", "1021201", "2026-02-10"


def test_g2211_note_names_the_same_practitioner(tmp_path: Path) -> None:
    source = tmp_path / "claims.csv"
    source.write_text(
        "claim,code,modifier,zip,date,setting,provider\n"
        f"N,99215,25,{ZIP},{DATE},11,MD\nN,G2211,,{ZIP},{DATE},11,MD\nN,G0009,,{ZIP},{DATE},11,NP\n"
        f"M,99215,25,{ZIP},{DATE},11,MD\nM,G2211,,{ZIP},{DATE},11,MD\nM,G0009,,{ZIP},{DATE},11,MD\n"
    )
    out = tmp_path / "out.csv"
    done = CliRunner().invoke(app, ["batch", "-q", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    rows = {(row["claim"], row["code"]): row for row in csv.DictReader(out.open())}
    assert Decimal(rows["N", "G2211"]["allowed"]) == 0
    assert visits.g2211_with_25_rule(2026) in rows["N", "G2211"]["note"]
    assert "by the same practitioner is on this claim and date" in rows["N", "G2211"]["note"]
    assert Decimal(rows["M", "G2211"]["allowed"]) == fee_2026("G2211", LOCALITY)
