"""A pathology group's clinical pathology consultations (session 64's pathology trial): the CPT 2022 deletions 80500
and 80502 name 80503-80506 instead of look-alikes, and +80506, the one PC/TC indicator 1 row CMS publishes without a
26 row, is not sent to its 26 row at a hospital or inpatient stay. Price and batch alike; amounts unchanged, checked
against CMS's RVU26C row (tests/cms_fees.py)."""

from __future__ import annotations

import csv

import pyarrow as pa
from typer.testing import CliRunner

from cms_fees import DATA, fee_2026
from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine.pfs import GLOBAL_IN_FACILITY_REASON, GLOBAL_WITHOUT_COMPONENT_ROWS
from rvucalc.lookup.pricer import Pricer

runner = CliRunner()
INDIANA = "0810200"  # ZIP 46202


def _batch(pricer: Pricer, rows: list[dict[str, str]]) -> list[dict[str, object]]:
    names = sorted({name for row in rows for name in row})
    table = pa.table({name: [row.get(name, "") for row in rows] for name in names})
    return BatchPricer(pricer).price_table(table).to_pylist()  # type: ignore[no-any-return]


def test_80500_and_80502_say_cpt_2022_deleted_them_and_name_80503_to_80506(pricer: Pricer) -> None:
    """The trial's 80500 and 80502 at POS 21 read "Did you mean 80503, 80504, 80505?", never that CPT deleted them
    for 2022 nor which code a consultation of what time or decision making is; price and batch the same text."""
    store = pricer.catalogue.store(pricer.select(2026)[0])
    rows = _batch(pricer, [{"code": code, "zip": "46202", "date": "2026-04-16", "setting": "21"}
                           for code in ("80500", "80502")])  # fmt: skip
    for code, row in zip(("80500", "80502"), rows, strict=True):
        result = runner.invoke(app, ["price", code, "--zip", "46202", "--setting", "21", "--date", "2026-04-16"])
        assert result.exit_code == 1 and "Did you mean" not in result.stderr, result.stderr
        said = " ".join(result.stderr.split())
        assert f"{code} is not in the 2026 fee schedule (2026C): deleted from CPT for 2022" in said, said
        for named in ("80503", "80504", "80505", "+80506"):
            assert named in said and store.rvu(named.lstrip("+"), "")["status"] == "A", named
        assert row["error"] == said.removeprefix("rvucalc: ") and row["error_kind"] == "unknown_code", row["error"]


def _global_rows_without_26(path: str) -> set[str]:
    """CMS's PC/TC indicator 1 global rows 'NA' in the facility setting for which the file has no 26 row."""
    with (DATA / path).open(encoding="latin-1") as handle:
        rows = [row for row in csv.reader(handle) if len(row) > 13 and row[0] and row[0] != "HCPCS"]
    professional = {row[0] for row in rows if row[1] == "26"}
    return {row[0] for row in rows if row[1] == "" and row[13] == "1" and row[9] == "NA"} - professional


def test_80506_at_a_hospital_is_not_sent_to_a_26_row_cms_does_not_publish(pricer: Pricer) -> None:
    """80505 + 80506 at POS 21 (an inpatient's consultation) said of 80506 "price the code with 26 for the physician's
    fee there", and `price 80506-26` is "no -26 row": CMS's files mark 80506 PC/TC 1 and 'NA' at a facility with no
    26 row, the only such row. The reason says so; 80506 still has no facility amount, its office one CMS's."""
    for path in ("rvu/2026/PPRRVU2026_Jul_nonQPP.csv", "rvu/2025/PPRRVU2025_Oct.csv"):
        assert _global_rows_without_26(path) == GLOBAL_WITHOUT_COMPONENT_ROWS, path
    single = pricer.price("80506", zip_code="46202", setting="21", date_of_service="2026-05-04")
    reason = str(single.pfs.facility.reason)
    assert "publishes no 26 row for 80506" in reason and "price the code with 26" not in reason, reason
    assert single.pfs.facility.amount is None
    assert single.pfs.non_facility.amount == fee_2026("80506", INDIANA)
    other = pricer.price("88305", zip_code="46202", setting="21", date_of_service="2026-05-04")
    assert other.pfs.facility.reason == GLOBAL_IN_FACILITY_REASON  # a code with a 26 row keeps it
    rows = _batch(pricer, [{"code": code, "zip": "46202", "date": "2026-05-04", "setting": "21", "claim": "C1"}
                           for code in ("88305", "80505", "80506")])  # fmt: skip
    assert reason in str(rows[2]["note"]) and GLOBAL_IN_FACILITY_REASON not in str(rows[2]["note"])
    assert GLOBAL_IN_FACILITY_REASON in str(rows[0]["note"]) and reason not in str(rows[0]["note"])
    assert rows[1]["allowed"] == fee_2026("80505", INDIANA, facility=True) and rows[2]["allowed"] is None
    out = runner.invoke(app, ["price", "80505", "80506", "--zip", "46202", "--setting", "21", "--date", "2026-05-04"])
    assert "price the code with 26" not in out.output and "no 26 row for 80506" in " ".join(out.output.split())
