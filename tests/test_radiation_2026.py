"""Radiation oncology's 2026 codes: for 2026 CPT deleted 77385 and 77386 (and 77014), CMS the PFS's delivery and
guidance G codes G6001-G6017, and delivery is 77402, 77407 or 77412 by complexity at every site, guidance 77387
(engine.pfs.LATER_DELETIONS). The two-code-set counterparts (engine.radiation) hold through CY2025 alone."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine.radiation import HOSPITAL_CODE, OFFICE_CODES, hospital_code, office_codes
from rvucalc.errors import ErrorKind, NotFoundError
from rvucalc.lookup.pricer import Pricer

runner = CliRunner()
RVU26C = Path("/work/shared/cms/2026/PPRRVU2026_Jul_nonQPP.csv")
RVU25D = Path("/work/shared/cms/2025/PPRRVU2025_Oct.csv")
DELETED = ("G6001", "G6002", "G6003", "G6011", "G6015", "G6016", "G6017", "77385", "77386", "77014")


def _status(path: Path) -> dict[str, str]:
    with path.open(newline="", encoding="latin-1") as handle:
        return {row[0]: row[3] for row in csv.reader(handle) if row and not row[1]}


@pytest.fixture(scope="module")
def pricer() -> Pricer:
    return Pricer()


def test_deleted_2026_radiation_codes_name_the_new_code_set_in_price_and_batch(pricer: Pricer) -> None:
    """An oncology trial: `price G6015 --date 2026-02-01` (and 77385, 77386, 77014) said only "deleted or replaced
    for 2026". CMS's files: each in RVU25D, none in RVU26C, whose 77402, 77407, 77412 and 77387 are status A."""
    if RVU26C.exists() and RVU25D.exists():
        before, after = _status(RVU25D), _status(RVU26C)
        assert all(code in before and code not in after for code in DELETED)
        assert all(after[code] == "A" for code in ("77402", "77407", "77412", "77387"))
    rows = [{"code": code, "zip": "60611", "date": "2026-02-01"} for code in DELETED]
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for code, row in zip(DELETED, out, strict=True):
        with pytest.raises(NotFoundError) as caught:
            pricer.price(code, zip_code="60611", date_of_service="2026-02-01")
        said = str(caught.value)
        assert caught.value.kind is ErrorKind.UNKNOWN_CODE
        code_set = "HCPCS" if code.startswith("G") else "CPT"
        assert said.startswith(f"{code} is not in the 2026 fee schedule (2026C): deleted from {code_set} for 2026 ")
        assert "77387" in said and "77402, 77407 or 77412" in said and "CMS-1832-F" in said, said
        assert "deleted or replaced" not in said
        assert row["error"] == said and row["error_kind"] == "unknown_code", row["error"]
    result = runner.invoke(app, ["price", "G6015", "--zip", "60611", "--date", "2026-02-01"])
    assert result.exit_code == 1 and "77412" in result.stderr


def test_counterparts_through_2025_only(pricer: Pricer) -> None:
    """The README: 77412 (RVU25A status I) in 2025 names G6011-G6014; from 2026 no counterpart is named."""
    if RVU25D.exists():
        assert _status(RVU25D)["77412"] == "I" and _status(RVU25D)["G6011"] == "A"
    result = pricer.price("77412", zip_code="60611", date_of_service="2025-03-01")
    assert "Medicare pays it as G6011-G6014 in the office" in str(result.pfs.non_facility.reason)
    assert all(hospital_code(code, 2025) == HOSPITAL_CODE[code] for code in HOSPITAL_CODE)
    assert all(office_codes(code, 2025) == OFFICE_CODES[code] for code in OFFICE_CODES)
    assert not any(hospital_code(code, 2026) for code in HOSPITAL_CODE)
    assert not any(office_codes(code, 2026) for code in OFFICE_CODES)
    now = pricer.price("77412", zip_code="60611", date_of_service="2026-02-01")
    assert now.pfs.status == "A" and now.pfs.non_facility.amount is not None
    assert "G60" not in str(now.model_dump())


def test_superficial_delivery_77401_names_2026_surface_radiation_codes(pricer: Pricer) -> None:
    """A radiation oncology trial: `price 77401 --date 2026-03-02` (superficial and/or orthovoltage delivery) read only
    "deleted or replaced for 2026". CMS's files: 77401 in RVU25D (status A, technical only), not in RVU26C, whose
    surface radiation therapy codes 77436-77438 are status A and in neither 2025 file; 2025 still prices 77401."""
    if RVU26C.exists() and RVU25D.exists():
        before, after = _status(RVU25D), _status(RVU26C)
        assert before["77401"] == "A" and "77401" not in after
        assert all(after[code] == "A" and code not in before for code in ("77436", "77437", "77438", "77439"))
    [row] = (
        BatchPricer(pricer)
        .price_table(pa.Table.from_pylist([{"code": "77401", "zip": "80218", "date": "2026-03-02"}]))
        .to_pylist()
    )
    with pytest.raises(NotFoundError) as caught:
        pricer.price("77401", zip_code="80218", date_of_service="2026-03-02")
    said = str(caught.value)
    assert caught.value.kind is ErrorKind.UNKNOWN_CODE
    assert said.startswith("77401 is not in the 2026 fee schedule (2026C): deleted from CPT for 2026 "), said
    assert "77437 (superficial" in said and "77438 (orthovoltage" in said and "77436" in said and "+77439" in said
    assert "deleted or replaced" not in said
    assert row["error"] == said and row["error_kind"] == "unknown_code"
    result = runner.invoke(app, ["price", "77401", "--zip", "80218", "--date", "2026-03-02"])
    assert result.exit_code == 1 and "77437" in result.stderr
    then = pricer.price("77401", zip_code="80218", date_of_service="2025-03-02")
    assert then.pfs.status == "A" and then.pfs.non_facility.amount is not None


def test_guidance_77387_26_through_2025_names_the_pfs_guidance_codes(pricer: Pricer) -> None:
    """A radiation oncology trial: `price 77387-26 --date 2025-11-05 --setting 22` (a hospital-based physician's image
    guidance) said only "has no -26 row ... Rows CMS publishes: 77387". RVU25D: 77387 status I with no 26 row, while
    G6001-26, G6002-26 and 77014-26 are status A; RVU26C has 77387-26 (status A), priced from 2026 as before."""
    if RVU25D.exists():
        with RVU25D.open(newline="", encoding="latin-1") as handle:
            rows = {(row[0], row[1]): row[3] for row in csv.reader(handle) if row}
        assert rows[("77387", "")] == "I" and ("77387", "26") not in rows
        assert all(rows[(code, "26")] == "A" for code in ("G6001", "G6002", "77014"))
    line = {"code": "77387-26", "zip": "80218", "date": "2025-11-05", "setting": "22"}
    [row] = BatchPricer(pricer).price_table(pa.Table.from_pylist([line])).to_pylist()
    with pytest.raises(NotFoundError) as caught:
        pricer.price("77387-26", zip_code="80218", date_of_service="2025-11-05", setting="22")
    said = str(caught.value)
    assert caught.value.kind is ErrorKind.NO_SUCH_ROW
    assert said.startswith("77387 has no -26 row in 2025D (PC/TC indicator 0"), said
    assert "G6001-26 (ultrasound), G6002-26 (stereoscopic X-ray) or 77014-26 (CT)" in said
    assert row["error"] == said and row["error_kind"] == "no_such_row"
    with pytest.raises(NotFoundError) as other:
        pricer.price("77427-26", zip_code="80218", date_of_service="2025-11-05")
    assert str(other.value).endswith("Rows CMS publishes: 77427.")  # another code's missing 26 row: as before
    now = pricer.price("77387-26", zip_code="80218", date_of_service="2026-03-09", setting="22")
    assert now.pfs.status == "A" and now.pfs.facility.amount is not None


def test_a_course_across_the_year_change_prices_each_line_by_its_own_date(pricer: Pricer) -> None:
    """A radiation oncology trial's export (a freestanding center, ZIP 33602, REST OF FLORIDA 0910299, POS 11): one
    claim id whose IMRT delivery G6015 is dated 12/29/2025 and 01/02/2026, beside 77412 on 01/02/2026. Each line is
    priced by its own date's release; the 2026 G6015 is the deleted code's error, not a 2025 price.
    RVU25D: "G6015,,Radiation tx delivery imrt,A,,0.00,10.38,,10.38,NA,0.05,..."; GPCI2025 "09102,FL,99,REST OF
    FLORIDA,1,0.94,1.467"; CF 32.3465: (10.38 x 0.94 + 0.05 x 1.467) x 32.3465 = 317.9838 -> $317.98.
    RVU26C: "77412,,Radiation tx delivery lvl 3,A,,0.00,13.21,,13.21,NA,0.07,..."; 2026 localities "0910299 REST OF
    FLORIDA" PE 0.956, MP 1.503; CF 33.4009: (13.21 x 0.956 + 0.07 x 1.503) x 33.4009 = 425.3261 -> $425.33."""
    rows = [
        {"claim": "C1", "code": "G6015", "zip": "33602", "setting": "11", "date": "12/29/2025"},
        {"claim": "C1", "code": "G6015", "zip": "33602", "setting": "11", "date": "01/02/2026"},
        {"claim": "C1", "code": "77412", "zip": "33602", "setting": "11", "date": "01/02/2026"},
    ]
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert out[0]["release"] == "2025D" and str(out[0]["allowed"]) == "317.98", out[0]
    assert out[0]["locality_priced"] == "0910299"
    assert out[1]["error_kind"] == "unknown_code" and out[1]["allowed"] is None, out[1]
    assert out[2]["release"] == "2026C" and str(out[2]["allowed"]) == "425.33", out[2]
    one = pricer.price("77412", zip_code="33602", date_of_service="2026-01-02")
    assert str(one.pfs.non_facility.amount) == "425.33"
