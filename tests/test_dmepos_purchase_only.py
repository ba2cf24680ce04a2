"""A rental (RR) of a DMEPOS item Medicare pays only as a purchase (payment category PO, OS, SD, SU, TS, SC, IL) is not
payable: L1833-RR was priced at L1833's purchase fee ($455.16 in CA, DMEPOS26_JAN) with a note. Refused with why, as a
code priced by modifier without one is (E0114: "give one of: NU, RR, UE"), exit 1; single lookups and batch alike.
Items of other categories keep the fall-back to their row without RR (oxygen contents E0441)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine.schedules import PURCHASE_ONLY_CATEGORIES, rental_refusal

ZIP = "94110"  # San Francisco: CA's DMEPOS column


def test_no_purchase_only_category_has_a_rental_row(pricer: Any) -> None:
    """The rule's premise, read from CMS's file as installed: no row of these categories carries RR."""
    store = pricer.catalogue.store(pricer.catalogue.newest("dmepos"))
    rows = list(store.rows("dmepos"))
    purchase = [r for r in rows if r["catg"] in PURCHASE_ONLY_CATEGORIES]
    assert len({r["hcpcs"] for r in purchase}) > 1000
    assert not [r for r in purchase if "RR" in (r["mod"], r["mod2"])]
    assert any("RR" in (r["mod"], r["mod2"]) for r in rows if r["catg"] == "CR")


def test_rental_refusal_rule() -> None:
    assert rental_refusal("L1833", {"PO"}, False, {"RR"}) is not None
    assert rental_refusal("L1833", {"PO"}, False, set()) is None
    assert rental_refusal("E0441", {"OX"}, False, {"RR"}) is None  # oxygen contents: not purchase-only
    assert rental_refusal("B4034", set(), False, {"RR"}) is None  # PEN: no category
    assert rental_refusal("X0000", {"PO"}, True, {"RR"}) is None  # a row of its own


def test_l1833_rr_is_not_payable_in_price_and_batch(pricer: Any) -> None:
    bought = pricer.price("L1833", zip_code=ZIP)
    assert bought.dmepos is not None and bought.dmepos.amount == Decimal("455.16")  # DMEPOS26_JAN, CA non-rural
    rented = pricer.price("L1833-RR", zip_code=ZIP)
    assert rented.dmepos is not None and not rented.dmepos.payable and rented.dmepos.amount is None
    reason = rented.dmepos.reason or ""
    assert "paid only as a purchase" in reason and "PO: prosthetics and orthotics" in reason
    assert all(site.total is None for site in rented.sites)
    rows = [{"code": code, "zip": ZIP} for code in ("L1833-RR", "L1833", "E0441-RR", "E0114", "A4450-AU-RR")]
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for row, priced in zip(rows, out, strict=True):
        single = pricer.price(row["code"], zip_code=ZIP)
        assert single.dmepos is not None
        assert priced["dmepos_amount"] == single.dmepos.amount, row
        assert priced["office_allowed"] == next(s.total for s in single.sites if s.setting == "office"), row
        if not single.dmepos.payable:
            assert single.dmepos.reason and single.dmepos.reason in priced["note"], row
    assert out[0]["office_allowed"] is None and out[2]["office_allowed"] is not None  # E0441-RR still falls back
    assert "paid only as a purchase" in out[4]["note"]


def test_cli_exit_code_is_not_payable() -> None:
    result = CliRunner().invoke(app, ["price", "L1833-RR", "--zip", ZIP])
    assert result.exit_code == 1, result.output
    assert "rental (RR) is not payable" in " ".join(result.output.split())


@pytest.mark.parametrize("code", ["L1833-NU", "A4450-AU"])
def test_other_modifiers_of_purchase_items_are_unchanged(pricer: Any, code: str) -> None:
    result = pricer.price(code, zip_code=ZIP)
    assert result.dmepos is not None and result.dmepos.payable
