"""90471/90472 beside a shingles vaccine (90750, Shingrix; 90736), which Part D covers, were priced at the PFS amount
and 20% with no word: "providers may not bill Medicare Part B for administering Part D vaccines" (Palmetto GBA's
Preventive Services FAQ, after CMS MLN908764). The administration line now says so, in price and batch alike, priced as
billed (CMS's amount: RVU26C x the 2026 Atlanta GPCIs x CF, ``cms_fees``); beside a Part B vaccine it does not."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app

runner = CliRunner()
ZIP, LOCALITY, DATE = "30303", "1021201", "2026-08-03"
SAID = "administration is billed to the Part D plan with the vaccine, not to Part B"


def test_price_says_the_shingles_vaccine_s_administration_is_part_d_s() -> None:
    done = runner.invoke(app, ["price", "90750", "90471", "90472", "--zip", ZIP, "--date", DATE, "--setting", "11",
                               "-f", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    lines = {line["code"]: line for line in json.loads(done.stdout)["lines"]}
    for code in ("90471", "90472"):
        assert Decimal(str(lines[code]["sites"][0]["allowed"])) == fee_2026(code, LOCALITY)
        assert any(SAID in note and "90750" in note for note in lines[code]["notes"])
    assert not any(SAID in note for note in lines["90750"]["notes"])


def test_batch_says_it_on_the_practitioner_s_claim_and_date_only(tmp_path: Path) -> None:
    source, out = tmp_path / "claims.csv", tmp_path / "out.csv"
    source.write_text(
        "claim,code,zip,date,setting\n"
        f"A,90736,{ZIP},{DATE},11\nA,90471,{ZIP},{DATE},11\n"  # the shingles vaccine and its administration
        f"B,90471,{ZIP},{DATE},11\nB,90715,{ZIP},{DATE},11\n"  # Tdap: no Part D note
    )
    done = runner.invoke(app, ["batch", "-q", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(out.open()))
    assert [Decimal(rows[i]["allowed"]) for i in (1, 2)] == [fee_2026("90471", LOCALITY)] * 2
    assert SAID in rows[1]["note"] and "90736" in rows[1]["note"]
    assert SAID not in rows[2]["note"]
