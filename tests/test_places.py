"""Where a place's state and wage index come from, single lookups and batch alike.

Connecticut: HUD's crosswalk gives its old counties (09001-09015), OMB's 2023 list its planning regions
(09110-09190): no CBSA, so facility rates are national and said (rural Connecticut's index was used, silently).
DMEPOS: the fee column is the ZIP's state in CMS's ZIP5 file (Arlington VA's ZIPs are in locality 1220201, whose
state is DC); a territory the DMEPOS file has no column for is refused with what to do (Guam got Hawaii's fee).
Localities: a state's list holds another state's locality CMS's ZIP5 file maps its ZIPs to. Export says how it
read a locality name, as price and batch do."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from rvucalc.batch.lines import FACILITY_NATIONAL_KEY
from rvucalc.batch.price import BatchPricer
from rvucalc.errors import ErrorKind, RvucalcError


def _batch(pricer: Any, rows: list[dict[str, str]]) -> pa.Table:
    names = sorted({name for row in rows for name in row})
    table = pa.table({name: [row.get(name, "") for row in rows] for name in names})
    return BatchPricer(pricer).price_table(table)


@pytest.mark.parametrize("zip_code", ["06510", "06901"])
def test_a_connecticut_zip_has_no_single_wage_index_and_says_why(pricer: Any, zip_code: str) -> None:
    line = pricer.price("66984", zip_code=zip_code, date_of_service="2026-03-05")
    assert line.asc.wage_index is None and line.asc.rate == line.asc.national_rate
    [warning] = [w for w in line.warnings if "planning regions" in w]
    assert "facility rates are national" in warning and "--wage-index" in warning
    assert "--asc-wage-index" in warning  # the ASC's may be given too, for the ASC rate (a review)
    assert line.location.cbsa is None
    info = pricer.zip(zip_code, year=2026)
    assert info.cbsa is None and info.wage_index is None
    assert any("planning regions" in note for note in info.notes)
    given = pricer.price("66984", zip_code=zip_code, date_of_service="2026-03-05", wage_index="1.1504")
    # a hospital's wage index is no ASC's (tests/test_wage_index_opps_only.py): the ASC rate stays national, and says so
    assert given.asc.rate == given.asc.national_rate
    assert any("planning regions" in w and "the ASC rate is national" in w for w in given.warnings)
    priced = _batch(pricer, [{"code": "66984", "zip": zip_code, "date": "2026-03-05", "setting": "asc"}])
    [row] = priced.to_pylist()
    assert Decimal(str(row["asc_rate"])) == line.asc.national_rate and "planning regions" in row["note"]
    assert (priced.schema.metadata or {})[FACILITY_NATIONAL_KEY] == b"1"  # counted as the other national rows


def _fee(pricer: Any, code: str, modifier: str, state: str) -> Decimal:
    """CMS's DMEPOS file's non-rural fee (the store the loader built from it, cell for cell)."""
    store = pricer.catalogue.store(pricer.catalogue.releases("dmepos")[-1])
    [item] = [i for i in store.dmepos(code, state) if i["mod"] == modifier and i["mod2"] == ""]
    return Decimal(item["fees"][state][0]).scaleb(-2)


@pytest.mark.parametrize(("zip_code", "state"), [("22201", "VA"), ("20814", "MD"), ("20001", "DC")])
def test_the_dmepos_fee_is_the_zip_s_state_s_not_its_locality_s(pricer: Any, zip_code: str, state: str) -> None:
    assert pricer.zip(zip_code).locality.locality == "1220201"  # DC + MD/VA SUBURBS, state DC
    expected = _fee(pricer, "E0652", "NU", state)
    # CMS's file: VA's fee differs from DC's (MD's is DC's), so VA's ZIPs show the locality's state was used.
    assert (expected != _fee(pricer, "E0652", "NU", "DC")) is (state == "VA")
    line = pricer.price("E0652-NU", zip_code=zip_code)
    assert line.dmepos.state == state and line.dmepos.amount == expected
    assert f"DMEPOS fee for {state}" in " ".join(line.dmepos.notes)
    # A state given wins; a locality alone keeps the locality's state.
    assert pricer.price("E0652-NU", zip_code=zip_code, state="DC").dmepos.state == "DC"
    assert pricer.price("E0652-NU", locality="1220201").dmepos.state == "DC"
    rows = [{"code": "E0652-NU", "zip": zip_code}, {"code": "E0652-NU", "zip": zip_code, "state": "DC"},
            {"code": "E0652-NU", "locality": "1220201"}]  # fmt: skip
    out = _batch(pricer, rows).to_pylist()
    assert [row["dmepos_amount"] for row in out] == [expected, *[_fee(pricer, "E0652", "NU", "DC")] * 2]


@pytest.mark.parametrize(("zip_code", "state"), [("96910", "GU"), ("96799", "AS"), ("96950", "MP")])
def test_a_territory_the_dmepos_file_has_no_column_for_is_refused_with_what_to_do(
    pricer: Any, zip_code: str, state: str
) -> None:  # fmt: skip
    for place in ({"zip_code": zip_code}, {"state": state}):
        line = pricer.price("E0601-RR", **place)
        assert line.dmepos is not None and not line.dmepos.payable and line.dmepos.amount is None
        reason = str(line.dmepos.reason)
        assert f"no column for {state}" in reason and "50 states, DC, PR and VI" in reason
        assert "DME MAC" in reason and "--state HI" in reason
    [row] = _batch(pricer, [{"code": "E0601-RR", "zip": zip_code}]).to_pylist()
    assert row["dmepos_amount"] is None and f"no column for {state}" in row["note"]


def test_a_dme_line_without_a_place_names_the_batch_columns_and_locality_all_says_per_state(pricer: Any) -> None:
    [row] = _batch(pricer, [{"code": "E0601-RR"}]).to_pylist()
    assert "fill the row's zip, locality or state column" in row["error"]
    from rvucalc.lookup.localities import price_everywhere

    with pytest.raises(RvucalcError) as everywhere:
        price_everywhere(pricer, "E0601-RR")
    assert everywhere.value.kind is ErrorKind.MISSING_INPUT
    assert "set per state, not per PFS locality" in str(everywhere.value)


@pytest.mark.parametrize(("state", "locality", "count"), [("MD", "1220201", 140), ("VA", "1220201", 132),
                                                          ("GU", "0121201", 21)])  # fmt: skip
def test_a_state_s_localities_hold_another_state_s_locality_its_zips_are_in(
    pricer: Any, state: str, locality: str, count: int
) -> None:  # fmt: skip
    store = pricer.store(pricer.select(2026, None)[0])
    assert sum(1 for row in store.rows("zip") if row["state"] == state and row["locality"] == locality) == count
    listed = pricer.localities(state, year=2026)
    assert locality in [item.locality for item in listed.localities]
    assert any(f"Locality {locality} " in w and f"maps {count} {state} ZIPs" in w for w in listed.warnings)


def test_export_says_how_it_read_a_locality_name(pricer: Any, tmp_path: Path) -> None:
    from rvucalc.export import export_table

    warnings: list[str] = []
    export_table(pricer, what="pfs", year=2026, cbsa=None, target=str(tmp_path / "ny.csv"), warnings=warnings,
                 localities=["REST OF NEW Y"])  # fmt: skip
    assert warnings == [
        "Locality 'REST OF NEW Y' read as 1328299 REST OF NEW YORK (NY), the one locality whose name begins with or "
        "contains it."
    ]
