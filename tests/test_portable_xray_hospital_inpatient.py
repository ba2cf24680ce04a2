"""A review's `price Q0092 71045-TC --zip 85701 --setting 21`: Q0092 (portable X-ray set-up) was priced at its PFS
facility amount for a hospital inpatient, beside 71045-TC not payable there. CMS's RVU file gives Q0092 a facility PE
(so a facility amount), but a hospital inpatient's portable X-ray set-up and transport (Q0092, R0070, R0075), like the
test's technical component, are the hospital's: "Hospital bundling rules exclude payment to suppliers of the TC of a
radiology service for beneficiaries in a hospital inpatient stay" (Claims Processing Manual ch. 13 §20.2), the
transport and set-up being part of the technical component (ch. 13 §90.5, NOTE). So not payable at POS 21 (and at an
inpatient psychiatric or rehabilitation facility, 51 and 61), as at a SNF (test_snf_consolidated_billing): unpriced
with the reason and left out of the totals, the office amount (CMS's) kept; price and batch alike. The amounts are
CMS's (RVU26C, the 2026 GPCIs shipped)."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.modifiers import PORTABLE_XRAY_AT_SNF_REASON, portable_xray_not_payable_reason
from test_snf_consolidated_billing import DATE, ZIP, _batch, _cms_office_fee, _price
from test_snf_technical_component import _cms_facility_fee, _rvu_row

runner = CliRunner()
HOSPITAL_WORDS = "hospital bundling rules exclude payment to suppliers"


def test_cms_prices_q0092_in_the_facility_setting() -> None:
    """The quirk: CMS's row has a facility amount (status A, PC/TC 3, a facility PE, no NA mark), which rvucalc
    priced for a hospital inpatient."""
    row = _rvu_row("Q0092")
    assert row[3] == "A" and row[13] == "3" and row[9] == "" and Decimal(row[8]) > 0
    assert _cms_facility_fee("Q0092") > 0
    assert _rvu_row("71045", "TC")[9] == "NA"  # the TC beside it: no facility amount


def test_the_reason_at_each_inpatient_place_and_none_elsewhere() -> None:
    for pos, name in (("21", "Inpatient hospital"), ("51", "Inpatient psychiatric facility"),
                      ("61", "Comprehensive inpatient rehabilitation facility")):  # fmt: skip
        for code in ("Q0092", "R0070", "R0075"):
            said = portable_xray_not_payable_reason(code, pos)
            assert said is not None and said.startswith(f"Not payable at POS {pos} ({name}): ")
            assert HOSPITAL_WORDS in said and "; " not in said  # batch joins a row's notes with "; "
    assert portable_xray_not_payable_reason("Q0092", "31") == PORTABLE_XRAY_AT_SNF_REASON
    # a hospital outpatient's (19, 22, 23) are the hospital's too, an ASC patient's (24) the ASC's:
    # test_portable_xray_hospital_outpatient
    assert [portable_xray_not_payable_reason("Q0092", pos) for pos in ("11", "12", "32", None)] == [None] * 4
    assert portable_xray_not_payable_reason("71045", "21") is None


def test_portable_xray_set_up_for_a_hospital_inpatient_is_not_payable_as_71045_tc_beside_it(tmp_path: Path) -> None:
    code, encounter, stderr = _price("Q0092", "71045-TC", "--date", DATE, "--setting", "21")
    assert code == 1 and encounter is not None  # nothing payable: the encounter's JSON all the same
    assert "Not payable for Q0092: Not payable at POS 21 (Inpatient hospital)" in stderr and HOSPITAL_WORDS in stderr
    set_up, tc = encounter["lines"]
    assert set_up["pfs"]["facility"]["amount"] is None and set_up["sites"][0]["status"] == "not_payable"
    assert HOSPITAL_WORDS in set_up["pfs"]["facility"]["reason"] and tc["sites"][0]["status"] == "not_payable"
    assert Decimal(str(set_up["pfs"]["non_facility"]["amount"])) == _cms_office_fee("Q0092")  # the office's kept
    assert encounter["totals"]["facility"]["total"] is None
    # beside the 26 (the radiologist's fee, payable there): the total is CMS's 26 amount alone
    code, encounter, _ = _price("71045-26", "Q0092", "R0075-UN", "--date", DATE, "--setting", "21")
    assert code == 0 and encounter is not None
    site = encounter["totals"]["facility"]
    assert Decimal(str(site["total"])) == Decimal(str(site["professional_payment"])) == _cms_facility_fee("71045", "26")
    done = runner.invoke(app, ["price", "R0070", "--zip", ZIP, "--date", DATE, "--setting", "21"])
    said = " ".join(done.stderr.split())
    assert done.exit_code == 1 and "R0070 is not payable here" in said and HOSPITAL_WORDS in said
    assert "Ask your MAC" not in said
    # elsewhere as before: the office (POS 12, the patient's home) is CMS's office amount
    code, home, _ = _price("Q0092", "--date", DATE, "--setting", "12")
    assert code == 0 and home is not None and Decimal(str(home["sites"][0]["allowed"])) == _cms_office_fee("Q0092")
    rows = _batch(tmp_path, [("Q0092", "21", DATE), ("R0070", "21", DATE), ("R0075-UN", "51", DATE),
                             ("Q0092", "61", DATE), ("Q0092", "12", DATE), ("71045-26", "21", DATE)])  # fmt: skip
    assert [HOSPITAL_WORDS in row["note"] for row in rows] == [True, True, True, True, False, False]
    assert [row["allowed"] for row in rows[:4]] == ["", "", "", ""]
    assert rows[0]["pfs_facility_amount"] == rows[3]["pfs_facility_amount"] == ""
    assert Decimal(rows[0]["office_allowed"]) == _cms_office_fee("Q0092")  # the office comparison kept
    assert Decimal(rows[4]["allowed"]) == _cms_office_fee("Q0092")
    assert Decimal(rows[5]["allowed"]) == _cms_facility_fee("71045", "26")


def test_batch_totals_leave_the_inpatient_set_up_out(tmp_path: Path) -> None:
    """Batch's stderr totals count the 26 alone, as price's encounter total (CMS's 26 amount)."""
    source, out = tmp_path / "t.csv", tmp_path / "o.csv"
    source.write_text(f"code,zip,pos,date\n71045-26,{ZIP},21,{DATE}\nQ0092,{ZIP},21,{DATE}\n")
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    fee = _cms_facility_fee("71045", "26")
    assert f"1 row priced in its setting: allowed ${fee}" in " ".join(done.stderr.split())
    with open(out, newline="") as handle:
        assert [row["allowed"] for row in csv.DictReader(handle)] == [str(fee), ""]
