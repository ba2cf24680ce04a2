"""Three reasons that said too little, each said alike by `price` and `batch`:

* A C code at the office said only that the RVU file does not list it. C codes are CMS's temporary HCPCS codes for the
  hospital outpatient PPS, "only valid for Medicare on claims for hospital outpatient department services and
  procedures" (MLN Matters MM5027, Claims Processing Manual ch. 4 §20.7): the office's reason says so
  (``engine.pfs.OPPS_C_CODE_REASON``). CMS's 2026 RVU file has no C row; its ASC addenda pay some (C9600: AA, J8).
* A4238-RT: CMS's DMEPOS26_JAN prices A4238 on its KF row alone, and RT (a side) is no pricing modifier: the line
  lacks the fee's modifier as A4238 alone does, so it "cannot be priced without a pricing modifier", never "not
  payable"; a pricing modifier the item has no row for (K0001-NU) stays refused (test_contractor_priced_dmepos_and_asp).
* E2103-NU-KX (a code the RVU file does not list) got no word on KX: its DMEPOS notes say what KX attests there
  (``engine.modifiers.DMEPOS_KX_NOTE``), and that the fee is the NU row's all the same.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.cli import app
from rvucalc.engine.modifiers import DMEPOS_KX_NOTE
from rvucalc.engine.pfs import NOT_IN_PFS_REASON, OPPS_C_CODE_REASON
from rvucalc.lookup.pricer import Pricer
from rvucalc.lookup.schedules import DMEPOS_MODIFIER_NEEDED, DMEPOS_NO_PRICING_MODIFIER

runner = CliRunner()
CMS = Path("/work/shared/cms/2026")


def _cms_rows(path: Path, code: str) -> list[list[str]]:
    with path.open(newline="", encoding="latin-1") as handle:
        return [row for row in csv.reader(handle) if row and row[0] == code]


def _dmepos_rows(code: str) -> list[tuple[Any, ...]]:
    """CMS's DMEPOS26_JAN rows of a code: (HCPCS, Mod, Mod2, ... the state columns)."""
    import openpyxl

    book = openpyxl.load_workbook(CMS / "dmepos_2026q1" / "DMEPOS26_JAN.xlsx", read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    header = next(n for n, row in enumerate(rows) if row[0] == "HCPCS")
    names = rows[header]
    return [dict(zip(names, row, strict=True)) for row in rows[header + 1 :] if row[0] == code]  # type: ignore[misc]


def test_a_c_code_at_the_office_says_it_is_the_hospital_outpatient_s(tmp_path: Path) -> None:
    with (CMS / "PPRRVU2026_Jul_nonQPP.csv").open(newline="", encoding="latin-1") as handle:
        assert not any(row and row[0].startswith("C") and row[0][1:].isdigit() for row in csv.reader(handle))
    assert _cms_rows(CMS / "asc_20260701" / "BB.csv", "C1751")  # CMS's own: a C code the ASC file lists (N1)
    [c9600] = _cms_rows(CMS / "asc_20260701" / "AA.csv", "C9600")
    assert c9600[4] == "J8"
    for code, setting in (("C1751", "office"), ("C9600", "11")):
        done = runner.invoke(app, ["price", code, "--zip", "60601", "--setting", setting])
        assert done.exit_code == 1 and OPPS_C_CODE_REASON in " ".join(done.stderr.split()), done.stderr
        assert "MLN Matters MM5027" in OPPS_C_CODE_REASON and "; " not in OPPS_C_CODE_REASON
    rows = [{"code": code, "zip": "60601", "place_of_service": "11"} for code in ("C1751", "C9600", "E2103-NU")]
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code in (0, 1), done.output
    c1751, c9600_row, e2103 = out
    assert OPPS_C_CODE_REASON in c1751["note"] and OPPS_C_CODE_REASON in c9600_row["note"]
    assert OPPS_C_CODE_REASON not in e2103["note"]  # a DME item: its own schedule's words, no C code's
    # The ASC's rate of C9600 is kept (CMS's AA: J8, $7,500.39 national).
    assert c9600_row["asc_allowed"] != ""


def test_a_c_code_the_asc_is_paid_for_is_not_said_valid_on_hospital_claims_alone(tmp_path: Path) -> None:
    """At the ASC (POS 24) C9600 is paid its Addendum AA rate; the PFS reason beside it said C codes were valid on
    hospital outpatient claims alone (a review). It names the ASC's claim, in price and batch alike."""
    [c9600] = _cms_rows(CMS / "asc_20260701" / "AA.csv", "C9600")
    assert c9600[4] == "J8"  # CMS's own: the ASC is paid for it
    assert "ASC's claim where the ASC addenda list the code" in OPPS_C_CODE_REASON
    done = runner.invoke(app, ["price", "C9600", "--zip", "60601", "--setting", "24", "-f", "json"])
    assert done.exit_code == 0, done.output
    result = json.loads(done.stdout)
    (asc,) = result["sites"]
    assert asc["setting"] == "asc" and asc["payable"] and asc["total"] is not None
    assert result["pfs"]["non_facility"]["reason"] == OPPS_C_CODE_REASON
    done, (row,) = run_batch_rows(tmp_path, [{"code": "C9600", "zip": "60601", "place_of_service": "24"}])
    assert done.exit_code == 0, done.output
    assert OPPS_C_CODE_REASON in row["note"].split("; ") and row["allowed"] == str(asc["total"])


def test_a_code_outside_the_rvu_file_other_than_a_c_code_keeps_its_reason(pricer: Pricer) -> None:
    result = pricer.price("C1751", zip_code="60601")
    office = result.sites[0]
    assert office.setting == "office" and office.reason == OPPS_C_CODE_REASON
    assert OPPS_C_CODE_REASON.startswith(NOT_IN_PFS_REASON)
    unlisted = pricer.price("0001U", zip_code="60601")  # a lab: the CLFS's reason, never the C code's
    assert all(OPPS_C_CODE_REASON not in (site.reason or "") for site in unlisted.sites)


def test_an_informational_modifier_on_an_item_priced_by_modifier_names_the_missing_one(
    pricer: Pricer, tmp_path: Path
) -> None:
    assert [(row["Mod"], row["Mod2"] or "") for row in _dmepos_rows("A4238")] == [("KF", "")]  # CMS's file: KF alone
    office = pricer.price("A4238-RT", zip_code="60601").sites[0]
    assert office.reason == f"A4238: {DMEPOS_MODIFIER_NEEDED}: KF. {DMEPOS_NO_PRICING_MODIFIER}"
    done = runner.invoke(app, ["price", "A4238-RT", "--zip", "60601"])
    said = " ".join(done.stderr.split())
    assert done.exit_code == 1 and "A4238-RT cannot be priced in any site without a pricing modifier" in said, said
    assert "give one of: KF" in said and "not payable" not in said
    bare = runner.invoke(app, ["price", "A4238", "--zip", "60601"])
    assert "A4238 cannot be priced in any site without a modifier." in bare.stderr
    assert DMEPOS_NO_PRICING_MODIFIER not in bare.stderr  # nothing on the line to speak of
    rows = [{"code": code, "zip": "60601", "place_of_service": "12"} for code in ("A4238-RT", "A4238", "A4238-LT")]
    _, out = run_batch_rows(tmp_path, rows)
    assert [DMEPOS_NO_PRICING_MODIFIER in row["note"] for row in out] == [True, False, True]
    assert all("give one of: KF" in row["note"] and row["allowed"] == "" for row in out)


def test_kx_on_a_dme_item_outside_the_rvu_file_is_said(pricer: Pricer, tmp_path: Path) -> None:
    [nu] = [row for row in _dmepos_rows("E2103") if (row["Mod"], row["Mod2"] or "") == ("NU", "")]
    with (CMS / "PPRRVU2026_Jul_nonQPP.csv").open(newline="", encoding="latin-1") as handle:
        assert not any(row and row[0] == "E2103" for row in csv.reader(handle))
    result = pricer.price("E2103-NU-KX", zip_code="60601")
    assert result.dmepos is not None and result.dmepos.amount is not None
    assert str(result.dmepos.amount) == f"{nu['IL (NR)']:.2f}"  # the NU row's fee: KX changes nothing
    assert DMEPOS_KX_NOTE in result.dmepos.notes and "; " not in DMEPOS_KX_NOTE
    plain = pricer.price("E2103-NU", zip_code="60601")
    assert plain.dmepos is not None and DMEPOS_KX_NOTE not in plain.dmepos.notes
    rows = [{"code": code, "zip": "60601", "place_of_service": "12"} for code in ("E2103-NU-KX", "E2103-NU")]
    _, out = run_batch_rows(tmp_path, rows)
    assert [DMEPOS_KX_NOTE in row["note"] for row in out] == [True, False]
    assert out[0]["allowed"] == out[1]["allowed"] == f"{nu['IL (NR)']:.2f}"
