"""99024, the postoperative follow-up visit, said only "status B: Bundled code: payment is always included in payment
for other services" (`price 99024 --zip 10001`): its reason now says it is paid within the global surgical package
(Claims Processing Manual ch. 12 §40.1), a no-pay reporting code (engine.meanings.BUNDLED_CODE_SAID), price's and
batch's alike, in any order beside another status B code (99070 keeps the status's own words). No amount, exit 1."""

from __future__ import annotations

import csv
import json

import pyarrow as pa
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer

RVU = "/work/shared/cms/2026/PPRRVU2026_Jul_nonQPP.csv"
WHERE = {"zip_code": "10001", "date_of_service": "2026-08-10", "setting": "11"}
SAID = "paid within the global surgical package of the procedure it follows (Claims Processing Manual ch. 12 §40.1)"
GENERIC = "No PFS payment: status B: Bundled code: payment is always included in payment for other services"


def _cms_rows() -> dict[str, list[str]]:
    with open(RVU, newline="") as handle:
        return {row[0]: row for row in csv.reader(handle) if row[:2] in (["99024", ""], ["99070", ""])}


def test_99024_says_its_global_package_in_price_and_batch(pricer: Pricer) -> None:
    rows = _cms_rows()
    assert rows["99024"][2] == "Postop follow-up visit" and rows["99024"][3] == "B"  # CMS: status B, no RVUs
    assert rows["99070"][3] == "B" and all(float(rows["99024"][i]) == 0 for i in (5, 6, 8, 10, 11, 12))
    reasons = {code: pricer.price(code, **WHERE).pfs.non_facility.reason or "" for code in rows}  # type: ignore[arg-type]
    assert (
        reasons["99024"].startswith(GENERIC + ": 99024 reports a postoperative follow-up visit")
        and SAID in reasons["99024"]
    )
    assert "81 FR 80209" in reasons["99024"] and "; " not in reasons["99024"]
    assert reasons["99070"] == GENERIC
    batch = BatchPricer(pricer)
    for order in (("99070", "99024"), ("99024", "99070")):
        table = pa.Table.from_pylist([{"code": c, "zip": "10001", "date": WHERE["date_of_service"]} for c in order])
        for code, row in zip(order, batch.price_table(table).to_pylist(), strict=True):
            assert reasons[code] in row["note"], (order, code, row["note"])
            assert (SAID in row["note"]) == (code == "99024"), (order, code, row["note"])
            assert row["office_allowed"] is None and row["pfs_non_facility_amount"] is None and not row["error"]


def test_price_99024_exits_1_with_the_reason() -> None:
    shown = CliRunner().invoke(app, ["price", "99024", "--zip", "10001", "--date", "2026-08-10"])
    assert shown.exit_code == 1 and SAID in shown.output and "Traceback" not in shown.output
    as_json = CliRunner().invoke(app, ["price", "99024", "--zip", "10001", "--date", "2026-08-10", "-f", "json"])
    pfs = json.loads(as_json.stdout)["pfs"]
    assert as_json.exit_code == 1 and pfs["non_facility"]["amount"] is None and pfs["facility"]["amount"] is None
    assert SAID in pfs["non_facility"]["reason"]
