"""An ASC administrator's trial (ZIP 94115, June 2025): the ASC's own claim (provider cell `ASC` at POS 24, or a
UB-04 type of bill 831) with 11402 and a 99213 the ASC cannot bill (not on Addendum AA or BB). Its 99213 was told
"Global surgery package: an E/M visit by the practitioner who performs the procedure ... the MAC may deny it", and
its 99213-57 had the surgeon's rule for 57 beside a minor procedure, the row's physician's fee $0.00. The same-day
E/M rule is the global surgical package's (Claims Processing Manual ch. 12 §40.1, §40.2), the surgeon's payment
under the PFS: a facility's own bill has none, as batch's postoperative-period rule already said. The surgeon's own
claim keeps both. Amounts are CMS's, priced from the shipped files by ``Pricer.price``, not typed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from conftest import run_batch_rows
from rvucalc.lookup.pricer import Pricer

DAY, ZIP = "06/18/2025", "94115"
PACKAGE = "Global surgery package"
FIFTY_SEVEN = "E/M with 57 (decision for surgery) beside a minor procedure"


def _row(claim: str, code: str, modifier: str, cred: str, bill: str = "") -> dict[str, str]:
    pos = "" if bill else "24"
    return {"Claim ID": claim, "DOS": DAY, "POS": pos, "TOB": bill, "CPT/HCPCS": code, "Mod 1": modifier,
            "Units": "1", "Rendering Cred": cred, "Svc Facility ZIP": ZIP}  # fmt: skip


def test_a_facility_bill_s_e_m_beside_a_minor_procedure_has_no_global_package(tmp_path: Path, pricer: Pricer) -> None:
    single = pricer.price("99213", zip_code=ZIP, date_of_service="2025-06-18", setting="24")
    fee = single.pfs.facility.amount
    assert fee is not None and fee > 0
    rows = [
        _row("A1", "11402", "", "ASC"), _row("A1", "99213", "", "ASC"),  # the ASC's 837P lines
        _row("A2", "11402", "", "ASC", "831"), _row("A2", "99213", "57", "ASC", "831"),  # its UB-04
        _row("S1", "11402", "", "MD"), _row("S1", "99213", "", "MD"),  # the surgeon's claim
        _row("S2", "11402", "", "MD"), _row("S2", "99213", "57", "MD"),
    ]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    by = {(r["Claim ID"], r["CPT/HCPCS"]): r for r in out}
    for claim in ("A1", "A2"):  # the facility's bill: no practitioner's package, the physician's fee in the row
        visit = by[(claim, "99213")]
        assert PACKAGE not in visit["note"] and FIFTY_SEVEN not in visit["note"], visit["note"]
        assert Decimal(visit["pfs_facility_amount"]) == fee
        assert "99213 is not on the ASC covered procedures list" in visit["note"]
    # the surgeon's claim keeps the rule: the bare visit noted, the 57 beside a minor procedure not paid
    assert PACKAGE in by[("S1", "99213")]["note"]
    assert Decimal(by[("S1", "99213")]["pfs_facility_amount"]) == fee
    assert FIFTY_SEVEN in by[("S2", "99213")]["note"]
    assert Decimal(by[("S2", "99213")]["pfs_facility_amount"]) == 0
