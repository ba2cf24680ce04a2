"""A fee CMS's files leave to the contractor is "not priced: the MAC prices it", never "not payable" (a billing
manager's trial read E0486-NU's "not payable in any site" as "this payment was wrong").

* DMEPOS: CMS's DMEPOS26_JAN prints 0 in every state's columns for E0486 (NU, RR, UE), A4321 and A6501: no fee
  schedule amount, so the DME MAC (or the A/B MAC, per the file's JURIS column) sets a local fee ("Until CMS
  establishes national fee schedule payment amounts ..., local, interim fee schedule amounts are established by the DME
  MACs", CMS's "DMEPOS Payment Determinations for New Items & Services").
* ASP: the January 2026 payment limit file prints a Payment Limit of N/A for A9606 (radium Ra-223), its Notes the AWP
  and WAC per microCurie: the MAC sets the allowance (Claims Processing Manual ch. 17 §20.1.3).

Both are priced as a lab of CLFS indicator L already is (0526U): the office site's status is ``not_priced``, `price`
says "cannot be priced" (exit 1), an encounter's total leaves the line out and counts it as priced by the MAC, and
batch's row note gives the same reason. A modifier the item does not take (L1833-RR, K0001-NU) stays not payable.
"""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer
from rvucalc.models import NOT_PAYABLE, NOT_PRICED

runner = CliRunner()
CMS = Path("/work/shared/cms/2026")
ASP_FILE = CMS / "asp_2026q1" / "section 508 version of January 2026 Medicare Part B Payment Limit File 121725.csv"
MAC_PRICES = "the MAC prices it"  # engine.modifiers.MAC_PRICES: what an encounter's total counts as the MAC's


def _dmepos_rows() -> dict[tuple[str, str, str], dict[str, Any]]:
    """CMS's DMEPOS26_JAN rows by (HCPCS, Mod, Mod2): the header on row 7, then ``<ST> (NR)`` / ``<ST> (R)``."""
    import openpyxl

    book = openpyxl.load_workbook(CMS / "dmepos_2026q1" / "DMEPOS26_JAN.xlsx", read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    header = next(n for n, row in enumerate(rows) if row[0] == "HCPCS")
    names = rows[header]
    return {(row[0], row[1] or "", row[2] or ""): dict(zip(names, row, strict=True)) for row in rows[header + 1:]
            if row[0]}  # fmt: skip


def _batch(pricer: Pricer, rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    names = sorted({name for row in rows for name in row})
    table = pa.table({name: [row.get(name, "") for row in rows] for name in names})
    return BatchPricer(pricer).price_table(table).to_pylist()  # type: ignore[no-any-return]


def test_a_dmepos_fee_of_zero_in_every_state_is_the_macs_not_unpayable(pricer: Pricer) -> None:
    rows = _dmepos_rows()
    fees = [name for name in rows["E0486", "NU", ""] if name and name.endswith(("(NR)", "(R)"))]
    for key, juris, who in ((("E0486", "NU", ""), "D", "the DME MAC (CMS's file's JURIS code D: DME MAC jurisdiction"),
                            (("A4321", "", ""), "J", "the A/B MAC, whichever the claim is billed to"),
                            (("A6501", "", ""), "J", "(CMS's file's JURIS code J: joint")):  # fmt: skip
        row = rows[key]
        assert row["JURIS"] == juris and all(row[name] == 0 for name in fees), key  # CMS's file: 0 everywhere
        code = "-".join(filter(None, key))
        result = pricer.price(code, zip_code="60601")
        office = result.sites[0]
        assert result.dmepos is not None and not result.dmepos.payable
        assert (office.setting, office.payable, office.status) == ("office", False, NOT_PRICED), code
        assert office.reason == result.dmepos.reason
        assert MAC_PRICES in office.reason and who in office.reason and "in any state" in office.reason
        assert "; " not in office.reason  # a batch note's texts are joined with "; "
        [out] = _batch(pricer, [{"code": code, "zip": "60601", "setting": "12"}])
        assert out["error"] == "" and out["allowed"] is None and office.reason in str(out["note"])
    cli = runner.invoke(app, ["price", "E0486-NU", "--zip", "60601"])
    assert cli.exit_code == 1 and "E0486-NU cannot be priced in any site" in cli.stderr, cli.output
    assert "not payable" not in cli.stderr
    shown = runner.invoke(app, ["price", "E0486-NU", "--zip", "60601", "-f", "json"])
    assert shown.exit_code == 1
    assert json.loads(shown.stdout)["sites"][0]["status"] == NOT_PRICED
    # Beside 99213: left out of the office total, named and counted as the MAC's, as 0526U is.
    encounter = pricer.price_encounter(["99213", "E0486-NU"], zip_code="60601", setting="11")
    total = encounter.totals["office"]
    assert total.total == encounter.lines[0].sites[0].total and total.lines_priced_by_mac == 1
    assert total.reason is not None and "E0486: CMS's DMEPOS fee schedule" in total.reason


def test_a_modifier_the_item_does_not_take_stays_not_payable(pricer: Pricer) -> None:
    """L1833 (CATG PO) has no RR row, K0001 (CR) only an RR row: these are refused as given, not left to the MAC."""
    rows = _dmepos_rows()
    assert ("L1833", "RR", "") not in rows and rows["L1833", "", ""]["CATG"] == "PO"
    assert [key for key in rows if key[0] == "K0001"] == [("K0001", "RR", "")]
    for code, said in (("L1833-RR", "so a rental (RR) is not payable"), ("K0001-NU", "give one of: RR")):
        office = pricer.price(code, zip_code="60601").sites[0]
        assert office.status == NOT_PAYABLE and said in str(office.reason) and MAC_PRICES not in str(office.reason)
        cli = runner.invoke(app, ["price", code, "--zip", "60601"])
        assert cli.exit_code == 1 and f"{code} is not payable in any site" in cli.stderr


def test_a_ke_row_with_only_a_rural_fee_is_the_macs_where_non_rural(pricer: Pricer) -> None:
    """DMEPOS26_JAN's KE rows print 0 in the non-rural columns of the contiguous states and a rural fee: non-rural,
    the MAC prices it (and the rural fee is named); rural, the file's rural fee."""
    row = _dmepos_rows()["A4636", "NU", "KE"]
    rural = Decimal(str(row["IL (R)"]))
    assert row["IL (NR)"] == 0 and rural == Decimal("4.95")
    office = pricer.price("A4636-NU-KE", zip_code="60601").sites[0]
    assert office.status == NOT_PRICED and MAC_PRICES in str(office.reason)
    assert f"a rural fee in IL, ${rural}" in str(office.reason)
    priced = pricer.price("A4636-NU-KE", zip_code="60601", rural=True)
    assert priced.dmepos is not None and priced.dmepos.amount == rural and priced.sites[0].total == rural


def test_an_asp_payment_limit_of_na_is_the_macs_not_unpayable(pricer: Pricer) -> None:
    with ASP_FILE.open(newline="", encoding="latin-1") as handle:
        row = next(r for r in csv.reader(handle) if r and r[0] == "A9606")
    limit, notes = row[3], row[10].splitlines()
    assert limit == "N/A" and notes == ["microCurie 100% AWP = $202.82", "microCurie 100% WAC = $169.02"]
    result = pricer.price("A9606", zip_code="60601")
    office = result.sites[0]
    assert result.drug is not None and not result.drug.payable and result.drug.limit_per_unit is None
    assert (office.payable, office.status, office.reason) == (False, NOT_PRICED, result.drug.reason)
    reason = str(office.reason)
    assert MAC_PRICES in reason and "(N/A)" in reason and "ch. 17 §20.1.3" in reason
    assert all(note in reason for note in notes) and "; " not in reason
    cli = runner.invoke(app, ["price", "A9606", "--zip", "60601"])
    assert cli.exit_code == 1 and "A9606 cannot be priced in any site" in cli.stderr, cli.output
    assert "not payable" not in cli.stderr
    shown = runner.invoke(app, ["price", "A9606", "--zip", "60601", "-f", "json"])
    assert shown.exit_code == 1 and json.loads(shown.stdout)["sites"][0]["status"] == NOT_PRICED
    [out] = _batch(pricer, [{"code": "A9606", "zip": "60601", "setting": "11"}])
    assert out["error"] == "" and out["allowed"] is None and reason in str(out["note"])
    encounter = pricer.price_encounter(["99213", "A9606"], zip_code="60601", setting="11")
    assert encounter.totals["office"].lines_priced_by_mac == 1


def test_the_rural_file_note_holds_no_note_separator() -> None:
    """A batch note's parts are joined with '; ': one inside a part reads as two parts (and is said twice apart)."""
    from rvucalc.lookup.schedules import DMEPOS_RURAL_NOTE

    assert "; " not in DMEPOS_RURAL_NOTE


def test_juris_d_is_the_dme_mac_s_claim_not_dme_mac_jurisdiction_d(pricer: Pricer) -> None:
    """CMS's JURIS column says which contractor the claim goes to (D: a DME MAC's), not which of the four DME MAC
    regions: a trial read `price E0486-NU --zip 80202` (Colorado, DME MAC Jurisdiction C) "the DME MAC (the file's
    jurisdiction D)" as Jurisdiction D. Price and batch say it alike."""
    assert _dmepos_rows()["E0486", "NU", ""]["JURIS"] == "D"
    result = pricer.price("E0486-NU", zip_code="80202")
    reason = result.sites[0].reason or ""
    assert "the file's jurisdiction" not in reason and "not DME MAC Jurisdiction D" in reason
    assert "JURIS code D" in reason and "; " not in reason
    [out] = _batch(pricer, [{"code": "E0486-NU", "zip": "80202"}])
    assert reason in str(out["note"])


def test_an_item_priced_only_by_a_modifier_the_line_lacks_cannot_be_priced_without_one(pricer: Pricer) -> None:
    """An endocrinology trial read `price A4238` ("A4238 is not payable in any site ... give one of: KF") as a denial:
    CMS's file prices it with KF alone, so it is payable with KF. Without any modifier the line is said not to be
    priced without one; with a modifier the item does not take (K0001-NU above) it stays refused as given."""
    rows = _dmepos_rows()
    assert [key for key in rows if key[0] == "A4238"] == [("A4238", "KF", "")]
    cli = runner.invoke(app, ["price", "A4238", "--zip", "60601"])
    assert cli.exit_code == 1 and "A4238 cannot be priced in any site without a modifier" in cli.stderr, cli.stderr
    assert "give one of: KF" in cli.stderr and "not payable" not in cli.stderr
