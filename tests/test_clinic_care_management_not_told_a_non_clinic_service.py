"""An FQHC/RHC trial (a New Mexico health center: an FQHC at POS 50, a provider-based RHC at POS 72): the care
management codes the clinic bills on its own claim from 2025 in place of G0511 (99490, APCM G0556) and from 2026 in
place of G0512 (99492) were told, as a visit is, "the PFS amount is what Part B pays there only for a service that is
not an RHC or FQHC service ... not this amount". Care management is the clinic's own service, paid from PFS amounts at
the national non-facility rate (42 CFR 405.2464(c)), not the AIR or PPS: the note says so, and that rvucalc's amount
is the locality's. The amounts are CMS's, unchanged (RVU x GPCI x CF from the RVU and GPCI files, rounded half-up
once), price and batch alike. A visit keeps its clause; G0071's end names 98016, not G2012 (deleted for 2025)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine.place_of_service import CLINIC_CARE_MANAGEMENT_CLAUSE, CLINIC_PFS_CLAUSE, CLINIC_VISIT_CLAUSE

DATA = Path(__file__).resolve().parents[1] / "data"
DEMING_NM, NEW_MEXICO = "88030", "0421205"


def _pfs(code: str, year: int) -> Decimal:
    """CMS's office PFS amount in New Mexico: (work x GPCI + PE x GPCI + MP x GPCI) x CF, from CMS's files."""
    if year == 2025:
        with (DATA / "gpci/2025/GPCI2025.csv").open(encoding="latin-1", newline="") as handle:
            gpci = next(row[4:7] for row in csv.reader(handle) if row[1:3] == ["NM", "05"])
        rvu_file, cf_column = DATA / "rvu/2025/PPRRVU25_JAN.csv", 24
    else:
        with (DATA / "gpci/2026/localities2026-01-01-2026.csv").open(encoding="latin-1", newline="") as handle:
            gpci = next(row[1:4] for row in csv.reader(handle) if row[4] == NEW_MEXICO)
        rvu_file, cf_column = DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv", 25
    with rvu_file.open(encoding="latin-1", newline="") as handle:
        row = next(row for row in csv.reader(handle) if row[:2] == [code, ""])
    rvus = (Decimal(row[5]) * Decimal(gpci[0]) + Decimal(row[6]) * Decimal(gpci[1])
            + Decimal(row[10]) * Decimal(gpci[2]))  # fmt: skip
    return (rvus * Decimal(row[cf_column])).quantize(Decimal("0.01"), ROUND_HALF_UP)


LINES = [("99490", "2025-08-29", "50"), ("G0556", "2025-08-29", "72"), ("99490", "2026-02-27", "72"),
         ("99492", "2026-02-27", "50")]  # fmt: skip


@pytest.mark.parametrize(("code", "date", "pos"), LINES)
def test_clinic_care_management_is_not_told_it_is_a_non_clinic_service(
    pricer: Any, code: str, date: str, pos: str
) -> None:
    cms = _pfs(code, int(date[:4]))
    single = pricer.price(code, zip_code=DEMING_NM, date_of_service=date, setting=pos)
    row = BatchPricer(pricer).price_table(pa.Table.from_pylist(
        [{"code": code, "date": date, "zip": DEMING_NM, "setting": pos}])).to_pylist()[0]  # fmt: skip
    said = " ".join(single.notes)
    for text in (said, row["note"]):
        assert CLINIC_CARE_MANAGEMENT_CLAUSE in text and CLINIC_PFS_CLAUSE not in text, text
        assert "national non-facility rate (42 CFR 405.2464(c))" in text and "the locality's" in text
    assert single.sites[0].total == cms and Decimal(str(row["allowed"])) == cms


def test_a_visit_and_the_office_keep_their_words(pricer: Any) -> None:
    """99213 at the RHC keeps the clinic visit's clause; 99490 in the office has neither clause."""
    visit = pricer.price("99213", zip_code=DEMING_NM, date_of_service="2026-02-27", setting="72")
    assert CLINIC_VISIT_CLAUSE in " ".join(visit.notes) and CLINIC_CARE_MANAGEMENT_CLAUSE not in " ".join(visit.notes)
    office = pricer.price("99490", zip_code=DEMING_NM, date_of_service="2026-02-27", setting="11")
    assert CLINIC_CARE_MANAGEMENT_CLAUSE not in " ".join(office.notes) and office.sites[0].total == _pfs("99490", 2026)
    assert "; " not in CLINIC_CARE_MANAGEMENT_CLAUSE  # batch's note column joins a row's notes with "; "


def test_g0071_s_end_names_98016_not_the_deleted_g2012() -> None:
    done = CliRunner().invoke(app, ["price", "G0071", "--date", "2026-02-03"])
    assert "98016" in done.output and "G2012" not in done.output, done.output
    gone = CliRunner().invoke(app, ["price", "G2012", "--date", "2026-02-03"])
    assert "deleted from HCPCS for 2025" in gone.output and "98016" in gone.output, gone.output
