"""An ophthalmology practice that owns an ASC exports the ASC's lines beside its surgeons' in one file: POS 24, the
'Rendering Cred' cell `ASC` (or CMS provider specialty 49, 'Ambulatory Surgical Center'). A Medicare ASC bills on the
837P / CMS-1500 with POS 24 (Claims Processing Manual ch. 14 §50), not on a UB-04 83x, so the type of bill cannot
tell its lines from the surgeon's: each ASC row was priced as a second surgeon's line with a ~750-character "give the
practitioner's credential" note, its physician fee counted in the practitioners' claims, and the ASC's second-eye
claim told it needed 79. Such a row at the ASC is now the ASC's own claim line, as a type of bill 83x row is: every
money column, the summary's totals and the notes equal the 831 file's (the amounts are CMS's, priced from its files by
`Pricer.price`, not typed)."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.batch.price import FACILITY_CLAIM_WORDS
from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer

runner = CliRunner()
HEADER = "Claim ID,DOS,CPT/HCPCS,Mod 1,Mod 2,Units,POS,TOB,Service Facility ZIP,Rendering Cred,Paid\n"
SURGEON = "S1,08/05/2026,29881,RT,,1,24,,77030,MD,\n"
# The ASC's own lines: by its provider cell at POS 24, and the same service as a UB-04 831 (the form rvucalc read)
BY_CELL = "A1,08/05/2026,29881,RT,,1,24,,77030,{cell},{paid}\nA2,08/19/2026,29881,LT,,1,24,,77030,{cell},\n"
BY_BILL = "A1,08/05/2026,29881,RT,,1,,831,77030,ASC,{paid}\nA2,08/19/2026,29881,LT,,1,,831,77030,ASC,\n"
MONEY = ("asc_rate", "pfs_facility_amount", "allowed", "beneficiary", "medicare", "professional_allowed", "site",
         "in_totals", "expected", "variance")  # fmt: skip


def _run(tmp_path: Path, name: str, text: str) -> tuple[list[dict[str, str]], dict, str]:
    source, target, summary = tmp_path / f"{name}.csv", tmp_path / f"{name}_out.csv", tmp_path / f"{name}.json"
    source.write_text(text)
    result = runner.invoke(app, ["batch", str(source), "-o", str(target), "--summary", str(summary)])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(target.open())), json.loads(summary.read_text()), " ".join(result.stderr.split())


def test_a_provider_cell_naming_the_asc_at_pos_24_is_the_asc_s_own_claim_line(tmp_path: Path, pricer: Pricer) -> None:
    single = pricer.price("29881", modifier="RT", zip_code="77030", date_of_service="2026-08-05", setting="24")
    (asc,) = [site for site in single.sites if site.setting == "asc"]
    physician, facility = asc.professional_payment, asc.facility_payment
    assert physician is not None and facility is not None
    paid = f"{facility:.2f}"  # the ASC's remit: its facility payment alone
    bill_rows, bill_summary, _ = _run(tmp_path, "bill", HEADER + SURGEON + BY_BILL.format(paid=paid))
    for cell in ("ASC", "49", "Ambulatory Surgical Center", "ambulatory surgery center"):
        rows, summary, said = _run(tmp_path, "cell", HEADER + SURGEON + BY_CELL.format(cell=cell, paid=paid))
        for row, by_bill in zip(rows, bill_rows, strict=True):  # every money column as the 831 row's
            assert {k: row[k] for k in MONEY} == {k: by_bill[k] for k in MONEY}, (cell, row["Claim ID"])
        assert summary["totals"] == bill_summary["totals"], cell
        totals = summary["totals"]
        assert (totals["professional"]["lines"], Decimal(totals["professional"]["allowed"])) == (1, physician)
        assert (totals["facility_claims"]["lines"], Decimal(totals["facility_claims"]["allowed"])) == (2, 2 * facility)
        assert f"what the file's claims are allowed: ${2 * facility + physician:,}" in said, said
        surgeon, first, second = rows
        assert first["variance"] == "0.00"  # compared with the facility's payment, its note saying whose claim
        assert FACILITY_CLAIM_WORDS[2] in first["note"] and "ch. 14 §50" in first["note"]
        for row in (first, second):  # no practitioner's note, no global package (the ASC's second eye needs no 79)
            assert "not read as a practitioner" not in row["note"] and "names an ambulatory" not in row["note"]
            assert "Global surgery package" not in row["note"], row["note"]
        assert "provider cell names no practitioner" not in said
        assert "Global surgery package" not in surgeon["note"]


def test_an_asc_cell_elsewhere_is_said_and_price_refuses_it_as_a_provider(tmp_path: Path) -> None:
    rows, _, _ = _run(tmp_path, "office", HEADER + "A1,08/05/2026,29881,RT,,1,11,,77030,ASC,\n")
    assert "names an ambulatory surgical center (CMS specialty 49)" in rows[0]["note"]
    assert "Not at the ASC here" in rows[0]["note"] and rows[0]["site"] == "office"
    # one note, not three (batch's note column joins a row's notes with "; ")
    (said,) = [note for note in rows[0]["note"].split("; ") if "names an ambulatory surgical center" in note]
    assert said.endswith("Not at the ASC here: priced as a physician's line."), said
    result = runner.invoke(app, ["price", "29881", "--zip", "77030", "--date", "2026-08-05", "--provider", "ASC"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "ch. 14 §50" in " ".join(result.stderr.split())
