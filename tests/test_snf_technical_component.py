"""A post-acute trial: 71045-TC (a portable X-ray supplier's technical component) at a SNF (POS 31) was said to be
"the facility's part there, paid to the hospital or ASC". No hospital or ASC is at a SNF: CMS's RVU file marks the
TC row's facility PE 'NA' (no PFS amount in the facility setting), and for a resident in a covered Part A stay the
technical part is the SNF's under consolidated billing (SSA §1888(e)(2)(A)(ii): physicians' services are excluded, the
professional component only; Claims Processing Manual ch. 6 §20). Messages only: the amounts are unchanged, the
26 row keeps its PFS facility amount."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from conftest import TESTS
from rvucalc.cli import app
from rvucalc.engine.pfs import TECHNICAL_IN_FACILITY_REASON, technical_only_at_place_reason

runner = CliRunner()
SHIPPED = TESTS.parent / "data"
ZIP, LOCALITY, DATE = "85712", "0310200", "2026-07-10"  # Tucson, Arizona
SNF_WORDS = "the SNF's under consolidated billing"


def _rvu_row(code: str, modifier: str = "") -> list[str]:
    (path,) = (SHIPPED / "rvu" / "2026").glob("PPRRVU2026_Jul*.csv")
    with open(path, newline="", encoding="latin-1") as handle:
        return next(row for row in csv.reader(handle) if row and row[0] == code and row[1] == modifier)


def _cms_facility_fee(code: str, modifier: str = "") -> Decimal:
    """CMS's PFS facility amount in Tucson: RVU26C's work, facility PE and MP RVUs times the 2026 GPCIs times its CF."""
    row = _rvu_row(code, modifier)
    with open(SHIPPED / "gpci" / "2026" / "localities2026-01-01-2026.csv", newline="") as handle:
        place = next(line for line in csv.DictReader(handle) if line["locality"] == LOCALITY)
    rvus = (Decimal(row[5]) * Decimal(place["gpci_work"]) + Decimal(row[8]) * Decimal(place["gpci_pe"])
            + Decimal(row[10]) * Decimal(place["gpci_mp"]))  # fmt: skip
    return (rvus * Decimal(row[25])).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_cms_marks_the_tc_row_facility_pe_na() -> None:
    assert _rvu_row("71045", "TC")[9] == "NA"  # FACILITY NA INDICATOR


def test_the_reason_at_each_place() -> None:
    at_snf = technical_only_at_place_reason(TECHNICAL_IN_FACILITY_REASON, "31")
    assert SNF_WORDS in at_snf and "hospital or ASC" not in at_snf and "§1888(e)(2)(A)(ii)" in at_snf
    at_hospice = technical_only_at_place_reason(TECHNICAL_IN_FACILITY_REASON, "34")
    assert "POS 34 (Hospice)" in at_hospice and "no hospital or ASC is paid it there" in at_hospice
    assert technical_only_at_place_reason(TECHNICAL_IN_FACILITY_REASON, "21") == TECHNICAL_IN_FACILITY_REASON


def test_price_and_batch_say_it_and_the_amounts_stay(tmp_path: Path) -> None:
    done = runner.invoke(app, ["price", "71045-TC", "--zip", ZIP, "--date", DATE, "--setting", "31", "--format",
                               "json"])  # fmt: skip
    assert done.exit_code == 1
    site = json.loads(done.stdout)["sites"][0]
    assert site["allowed"] is None and SNF_WORDS in site["reason"]
    source, out = tmp_path / "t.csv", tmp_path / "o.csv"
    source.write_text(f"code,modifier,zip,pos,date\n71045,TC,{ZIP},31,{DATE}\n71045,26,{ZIP},31,{DATE}\n")
    ran = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert ran.exit_code == 0, ran.output
    with open(out, newline="") as handle:
        tc, pc = list(csv.DictReader(handle))
    assert tc["allowed"] == "" and SNF_WORDS in tc["note"] and "paid to the hospital or ASC" not in tc["note"]
    assert Decimal(pc["allowed"]) == _cms_facility_fee("71045", "26")
