"""What batch and `price` say of lines the PFS does not pay (a practice manager's and a lab/DME/drug supplier's
trials): the schedule that paid the line, the release warnings that are its own, a year's missing file named by the
code's schedule, one statement per line in the encounter table, modifiers run together."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from rvucalc.batch.lines import ANOTHER_RELEASE_KEY
from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.errors import ErrorKind, ReleaseNotInstalledError, UsageError

CMS_ASP_2026Q1 = (
    "/work/shared/cms/2026/asp_2026q1/section 508 version of January 2026 Medicare Part B Payment Limit File 121725.csv"
)
CMS_CLFS_2026Q2 = "/work/shared/cms/2026/clfs_2026q2/PUF_CLFS_CY2026_Q2V1.csv"
ASP_PAID = "Not paid under the PFS: paid from the Part B drug payment limits (ASP)"
CLFS_PAID = "Not paid under the PFS: paid from the clinical laboratory fee schedule (CLFS)"
runner = CliRunner()


def _cms_row(path: str, code: str, column: int, encoding: str = "utf-8") -> list[str]:
    with open(path, newline="", encoding=encoding) as handle:
        return next(row for row in csv.reader(handle) if len(row) > column and row[column] == code)


def _batch(pricer: Any, rows: list[dict[str, str]]) -> tuple[list[dict[str, Any]], pa.Table]:
    priced = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows))
    return priced.to_pylist(), priced


def test_a_drug_row_priced_from_the_asp_file_says_so(pricer: Any) -> None:
    """J7325 x 48 priced from the ASP file ($7.561 a mg) said only "No PFS payment: status E ... if covered, paid
    under reasonable-charge rules": its row, `price`'s JSON notes and its table say the ASP limits paid it."""
    limit = _cms_row(CMS_ASP_2026Q1, "J7325", 0, "latin-1")[3]
    [row], _ = _batch(pricer, [{"code": "J7325", "date": "2026-03-02", "zip": "10001", "units": "48"}])
    assert Decimal(str(row["drug_amount"])) == (Decimal(limit) * 48).quantize(Decimal("0.01")) == Decimal("362.93")
    assert ASP_PAID in row["note"] and "reasonable-charge" not in row["note"], row["note"]
    single = pricer.price("J7325", zip_code="10001", date_of_service="2026-03-02", units=48)
    assert single.paid_by == "drug" and ASP_PAID in single.notes
    as_json = runner.invoke(app, ["price", "J7325", "--units", "48", "--date", "2026-03-02", "-f", "json"])
    assert ASP_PAID in json.loads(as_json.stdout)["notes"]
    table = runner.invoke(app, ["price", "J7325", "--units", "48", "--date", "2026-03-02"])
    assert table.exit_code == 0 and table.stdout.count("paid from the Part B drug payment limits") == 1
    # A lab the RVU file does not list: its schedule, not "the RVU file does not list it" beside it.
    lab = _cms_row(CMS_CLFS_2026Q2, "0001U", 1)  # YEAR,HCPCS,MOD,EFF_DATE,INDICATOR,RATE,...
    [row], _ = _batch(pricer, [{"code": "0001U", "date": "2026-05-04", "zip": "10001"}])
    assert Decimal(str(row["clfs_amount"])) == Decimal(lab[5])
    assert CLFS_PAID in row["note"] and "RVU file does not list" not in row["note"], row["note"]
    # A PFS line says nothing of the kind.
    [row], _ = _batch(pricer, [{"code": "99213", "date": "2026-05-04", "zip": "10001"}])
    assert "paid from" not in row["note"]


PFS_NOT_IN_FORCE = "CMS's PFS release in force on 2026-03-02"


def test_the_pfs_release_warning_is_said_of_pfs_lines_alone(pricer: Any) -> None:
    """In March 2026 (2026A not installed) 0526U (CLFS, the MAC's price), J3490 (an unclassified drug) and E0601
    without RR (DMEPOS, priced by modifier) were told the PFS release in force was not installed, and counted as
    "priced with another release": their schedules' quarters are installed. 99213 keeps the warning."""
    codes = ["0526U", "J3490", "E0601", "0001U", "99213"]
    rows, priced = _batch(pricer, [{"code": code, "date": "2026-03-02", "zip": "10001"} for code in codes])
    for code, row in zip(codes, rows, strict=True):
        assert row["error"] == "", (code, row["error"])
        assert (PFS_NOT_IN_FORCE in row["note"]) == (code == "99213"), (code, row["note"])
    assert int(priced.schema.metadata[ANOTHER_RELEASE_KEY]) == 1
    for code in codes:
        single = pricer.price(code, zip_code="10001", date_of_service="2026-03-02")
        assert any(PFS_NOT_IN_FORCE in warning for warning in single.warnings) == (code == "99213"), code
    # A schedule's own quarter not installed is still said (the CLFS of November 2026: 2026-10).
    [row], _ = _batch(pricer, [{"code": "0526U", "date": "2026-11-12", "zip": "10001"}])
    assert "Clinical Laboratory Fee Schedule quarterly release for 2026-11-12" in row["note"]
    assert "CMS's PFS quarterly release" not in row["note"]


def test_a_lab_row_of_a_year_not_installed_names_the_clfs(pricer: Any) -> None:
    """A 2027 lab row said "No PFS release for 2027 is installed": its error names the CLFS, its amount's file (and
    the PFS release every line needs); price says the same; a PFS code keeps the PFS's message."""
    rows, _ = _batch(pricer, [{"code": code, "date": "2027-03-01", "zip": "10001"}
                              for code in ("85025", "E0601-RR", "99213")])  # fmt: skip
    lab, dme, visit = rows
    assert lab["error_kind"] == dme["error_kind"] == visit["error_kind"] == ErrorKind.RELEASE_NOT_INSTALLED.value
    assert lab["error"].startswith("No Clinical Laboratory Fee Schedule release for 2027 is installed: 85025 is paid "
                                   "from the clinical laboratory fee schedule (CLFS). Installed: 2026-01")  # fmt: skip
    assert "2027 PFS release" in lab["error"]
    assert dme["error"].startswith("No DMEPOS fee schedule release for 2027 is installed: E0601")
    assert visit["error"].startswith("No PFS release for 2027 is installed.")
    with pytest.raises(ReleaseNotInstalledError) as caught:
        pricer.price("85025", date_of_service="2027-03-01")
    assert str(caught.value) == lab["error"]
    done = runner.invoke(app, ["price", "85025", "--date", "2027-03-01"])
    assert done.exit_code != 0 and "No Clinical Laboratory Fee Schedule release for 2027" in done.stderr


def test_the_encounter_table_says_once_which_schedule_pays_a_line() -> None:
    """`price 0001U 99213` printed "0001U: not paid under the PFS: Not paid under the PFS: the RVU file does not list
    it." (a trial): the line's schedule, once."""
    done = runner.invoke(app, ["price", "0001U", "99213", "J7325", "--zip", "10001", "--date", "2026-05-04"])
    assert done.exit_code == 0, done.stderr
    flat = " ".join(done.stdout.split())
    assert "Not paid under the PFS: Not paid" not in flat and "not paid under the PFS: Not paid" not in flat
    assert f"0001U: {CLFS_PAID}" in flat and f"J7325: {ASP_PAID}" in flat
    assert flat.count(CLFS_PAID) == 1 and flat.count(ASP_PAID) == 1


@pytest.mark.parametrize(("cell", "hint"), [("RRKJ", "Two modifiers run together? Write RR-KJ."),
                                            ("RTLT59", "Modifiers run together? Write RT-LT-59.")])  # fmt: skip
def test_modifiers_run_together_are_not_a_description(cell: str, hint: str) -> None:
    """A DME supplier's modifier cell 'RRKJ' was told it "seems to hold a description"."""
    from rvucalc.lookup.lines import parse_line

    with pytest.raises(UsageError) as refused:
        parse_line("E0601", cell)
    assert hint in str(refused.value) and "description" not in str(refused.value)
    assert parse_line("E0601", "RR KJ") == ("E0601", ["RR", "KJ"])  # as the hint writes them, they are read
    with pytest.raises(UsageError, match="seems to hold a description"):  # a word is still a description
        parse_line("27447", "LEFT")


@pytest.mark.parametrize(("line", "status"), [("00840-AA-P4E", "alone (P4)"), ("00840-AA-P4-E", "(P1-P6)")])
def test_the_asa_emergency_designation_names_99140(line: str, status: str) -> None:
    """An anesthesia export's 'E' after the physical status (00840-AA-P4-E, an anesthesia group's trial) was told only
    "two letters or digits": HCPCS has no E modifier; Medicare's claim reports the emergency with 99140, which CMS's RVU
    file gives status B (bundled). Still refused (bad_modifier); another code's 'E' gets no such hint."""
    from rvucalc.lookup.lines import parse_line

    with open("/work/shared/cms/2026/PPRRVU2026_Jul_nonQPP.csv", encoding="latin-1") as handle:
        row = next(r for r in csv.reader(handle) if r and r[0] == "99140" and r[1] == "")
    assert row[3] == "B"  # CMS's RVU26C: 99140 bundled
    with pytest.raises(UsageError) as refused:
        parse_line(line)
    assert refused.value.kind == ErrorKind.BAD_MODIFIER
    said = str(refused.value)
    assert "ASA's emergency designation" in said and f"physical status modifier {status}" in said and "99140" in said
    with pytest.raises(UsageError) as other:
        parse_line("99213-E")
    assert "99140" not in str(other.value)
