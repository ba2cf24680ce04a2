"""The provider column's APRN (an advanced practice registered nurse billing under their own number: an NP or a CNS,
both paid 85% of the PFS amount): read as an NP's line, not left unread (an emergency and hospitalist trial: 'APRN'
rows were paid 100%, with an "unread provider" note)."""

from __future__ import annotations

import pyarrow as pa
import pytest

from rvucalc.batch.lines import provider_of
from rvucalc.batch.price import BatchPricer
from rvucalc.lookup.pricer import Pricer


@pytest.mark.parametrize(
    ("cell", "provider"),
    [("APRN", "np"), ("aprn", "np"), ("APRN-BC", "np"), ("SMITH, JO APRN", "np"), ("Jo Smith, APRN", "np"),
     ("APRN-CNS", "cns"), ("APRN-CRNA", "crna")],
)  # fmt: skip
def test_aprn_cells(cell: str, provider: str) -> None:
    assert provider_of(cell) == provider


@pytest.mark.parametrize("cell", ["CNM", "APRN-CNM"])
def test_a_nurse_midwife_is_not_read_as_an_np(cell: str) -> None:
    """A certified nurse midwife is an APRN paid 100% of the PFS amount: not an NP's line, a CNM's
    (tests/test_nurse_midwife_provider.py)."""
    assert provider_of(cell) == "cnm"


def test_an_aprn_s_visit_is_85_percent_of_cms_s_fee() -> None:
    from test_batch_provider_column import _85_percent, _cms_fee, _money

    pricer = Pricer()
    table = pa.table({"code": ["99213", "99285"], "zip": ["30322"] * 2, "date": ["2026-09-14"] * 2,
                      "pos": ["11", "23"], "provider": ["APRN", "APRN"]})  # fmt: skip
    office, emergency = BatchPricer(pricer).price_table(table).to_pylist()
    assert _money(office["pfs_non_facility_amount"]) == _85_percent(
        _cms_fee(pricer, "99213", "30322", 2026)["non_facility"]
    )
    assert _money(emergency["pfs_facility_amount"]) == _85_percent(_cms_fee(pricer, "99285", "30322", 2026)["facility"])
    assert "not read" not in office["note"] and "not read" not in emergency["note"]
