"""An analyst's trial of `rvucalc compare` at Houston (ZIP 77030, locality 04412-18), 2025 -> 2026:

* The OPPS imaging cap (DRA 2005 §5102(b): "the physician fee schedule amount is compared to the OPPS payment amount
  and the lower amount is used", CMS's RVU file documentation; the amounts are CMS's OPPSCAP file's) set 71275's
  office amount in both releases, yet its -$0.80 was told "RVUs -$6.05, GPCIs -$2.59, CF +$8.88, rules -$1.04": the
  CF's rise paid nothing. The change is the cap's; where the cap sets one release's amount alone (76872, 2025 only),
  the rules part is named the cap's. OPPSCAP is among the sources only where the cap set an amount.
* 55700, deleted from CPT 2026, was "deleted" with "Not in the later release." alone, where `rvucalc price 55700
  --year 2026` names 55705-55715.
* `compare 99213 80053` exited 1 with no row in error: a lab is answered (its row says compare covers the PFS).

Expected amounts are CMS's: OPPSCAP's rows, and the PFS amount from PPRRVU and GPCI (tests/test_imaging_order.py's
readers of the shipped files), never typed.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from rvucalc.errors import NotFoundError
from rvucalc.lookup.compare import compare
from test_imaging_order import cap, fee  # (tests/ on the path, as conftest)

HOUSTON = ("04412", "18", "18")  # GPCI file's carrier and locality number; OPPSCAP's locality
ZIP = "77030"


@pytest.fixture
def cli(compare_cli):  # type: ignore[no-untyped-def]
    return compare_cli


def _cap(year: int, code: str) -> Decimal | None:
    """OPPSCAP's office amount of a code at Houston (None: OPPSCAP lists none, the PFS amount is never capped)."""
    try:
        return cap(year, HOUSTON, code)
    except LookupError:
        return None


def _words(table: str) -> str:
    """A table's text, its cells' lines run together (the Why column wraps)."""
    return " ".join(table.replace("│", " ").split())


def _signed(amount: Decimal) -> str:
    return f"{'+' if amount >= 0 else '-'}${abs(amount):,.2f}"


def test_an_amount_the_imaging_cap_sets_in_both_releases_changes_by_the_cap_alone(pricer, cli) -> None:  # type: ignore[no-untyped-def]
    capped = (cap(2025, HOUSTON, "71275"), cap(2026, HOUSTON, "71275"))
    uncapped = (fee(2025, HOUSTON, "71275"), fee(2026, HOUSTON, "71275"))
    assert uncapped[0] > capped[0] and uncapped[1] > capped[1]  # CMS's figures: the cap is lower in both years
    (change,) = compare(pricer, ["71275"], from_=2025, to=2026, zip_code=ZIP).codes
    office = change.amounts["non_facility"]
    assert (office.before, office.after, office.difference) == (*capped, capped[1] - capped[0])
    assert (office.capped_before, office.capped_after) == (True, True)
    # The whole change is the cap's: the RVUs, GPCIs and CF moved a PFS amount the cap held down.
    assert (office.from_rvu, office.from_gpci, office.from_conversion_factor) == (0, 0, 0)
    assert office.from_other == office.difference
    said = f"OPPS imaging cap (DRA 2005) {_signed(office.difference)}"
    assert f"({said})" in change.explanation and "RVUs" not in change.explanation.partition("moved:")[0]
    (note,) = [n for n in change.notes if "OPPS imaging cap" in n]
    assert f"${uncapped[0]:,.2f} -> ${uncapped[1]:,.2f}" in note and "; " not in note
    result = cli("compare", "71275", "--from", "2025", "--to", "2026", "--zip", ZIP, "-f", "json")
    assert result.exit_code == 0, result.output
    sources = json.loads(result.stdout)["sources"]
    assert {s["release"] for s in sources if s["role"] == "opps_cap"} == {"2025D", "2026C"}
    table = _words(cli("compare", "71275", "--from", "2025", "--to", "2026", "--zip", ZIP).stdout)
    assert f"Office {_signed(office.difference)}: {said}" in table and "rules" not in table
    assert "OPPSCAP_Oct.csv" in table
    (row,) = csv.DictReader(io.StringIO(cli("compare", "71275", "--from", "2025", "--to", "2026", "--zip", ZIP,
                                            "-f", "csv").stdout))  # fmt: skip
    assert (row["non_facility_from_rvu"], row["non_facility_from_conversion_factor"]) == ("0.00", "0.00")
    assert Decimal(row["non_facility_from_other"]) == office.difference
    assert (row["non_facility_capped_before"], row["non_facility_capped_after"]) == ("true", "true")
    # 71275-26 (no OPPSCAP amount for the PC): split as before
    (pc,) = compare(pricer, ["71275-26"], from_=2025, to=2026, zip_code=ZIP).codes
    assert not pc.amounts["non_facility"].capped_before and pc.amounts["non_facility"].from_other == 0


def test_an_amount_the_imaging_cap_sets_in_one_release_names_the_cap_in_its_rules_part(pricer) -> None:  # type: ignore[no-untyped-def]
    capped_2025, uncapped = _cap(2025, "76872"), (fee(2025, HOUSTON, "76872"), fee(2026, HOUSTON, "76872"))
    assert capped_2025 is not None and capped_2025 < uncapped[0]  # CMS: capped in 2025 ...
    assert _cap(2026, "76872") is None  # ... alone (OPPSCAP 2026 lists no amount of it)
    (change,) = compare(pricer, ["76872"], from_=2025, to=2026, zip_code=ZIP).codes
    office = change.amounts["non_facility"]
    assert (office.before, office.after) == (capped_2025, uncapped[1])
    assert (office.capped_before, office.capped_after) == (True, False)
    # The fee's own change is split as ever; the rules part is the 2025 cap's cut, no longer taken off.
    assert office.from_other == uncapped[0] - capped_2025
    assert office.from_rvu + office.from_gpci + office.from_conversion_factor == uncapped[1] - uncapped[0]
    assert f"OPPS imaging cap {_signed(office.from_other)})" in change.explanation
    assert "payment rules" not in change.explanation


@pytest.mark.slow
def test_all_codes_say_the_cap_as_named_codes_do_and_list_oppscap_only_where_it_applied(pricer) -> None:  # type: ignore[no-untyped-def]
    houston = compare(pricer, None, from_=2025, to=2026, all_codes=True, zip_code=ZIP)
    rows = {(c.code, c.modifier): c for c in houston.codes}
    for code in ("71275", "76872"):
        (named,) = compare(pricer, [code], from_=2025, to=2026, zip_code=ZIP).codes
        listed = rows[(code, None)]
        assert listed.amounts["non_facility"] == named.amounts["non_facility"]
        assert listed.explanation == named.explanation and listed.notes == named.notes
    for change in houston.codes:  # the parts still add up to the change, to the cent
        for amount in change.amounts.values():
            if amount.difference is not None and amount.from_rvu is not None:
                parts = amount.from_rvu + amount.from_gpci + amount.from_conversion_factor + amount.from_other
                assert parts == amount.difference, change.code
    assert {s.release for s in houston.sources if s.role == "opps_cap"} == {"2025D", "2026C"}
    # Nationally no amount is capped (OPPSCAP is per locality): its file priced nothing
    national = compare(pricer, None, from_=2025, to=2026, all_codes=True)
    assert not [s for s in national.sources if s.role == "opps_cap"]
    deleted = next(c for c in national.codes if c.code == "55700" and not c.modifier)
    assert "55705" in deleted.explanation and "55715" in deleted.explanation


def test_a_deleted_code_names_what_is_billed_instead_as_price_does(pricer, cli) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError) as caught:
        pricer.price("55700", year=2026)
    instead = str(caught.value).partition("(2026C): ")[2]
    assert instead.startswith("deleted from CPT for 2026") and "55715" in instead
    (change,) = compare(pricer, ["55700"], from_=2025, to=2026).codes
    assert change.change == "deleted" and change.explanation == f"Not in the later release (2026C): {instead}"
    args = ("compare", "55700", "--from", "2025", "--to", "2026")
    table = cli(*args)
    assert table.exit_code == 0 and "55705 without imaging guidance" in _words(table.stdout)
    (row,) = json.loads(cli(*args, "-f", "json").stdout)["codes"]
    assert row["explanation"] == change.explanation
    (line,) = csv.DictReader(io.StringIO(cli(*args, "-f", "csv").stdout))
    assert line["explanation"] == change.explanation


@pytest.mark.parametrize("codes", [["99213", "80053"], ["80053"], ["J9271", "99213"], ["99213", "E0143"]])
def test_a_lab_drug_or_dme_code_in_the_list_is_answered_exit_0(cli, codes: list[str]) -> None:
    result = cli("compare", *codes, "--from", "2025", "--to", "2026", "-f", "json")
    assert result.exit_code == 0, result.output
    rows: dict[str, Any] = {row["code"]: row for row in json.loads(result.stdout)["codes"]}
    for code in codes:
        if code != "99213":
            assert rows[code]["change"] == "not_comparable"
            assert (
                "is not paid under the PFS, the one fee schedule rvucalc compare covers"
                in rows[code]["not_comparable_reason"]
            )
    assert "not on the PFS, paid from their own fee schedules" in result.stderr
    # a code on no schedule beside it is still not found: exit 1
    missing = cli("compare", *codes, "99299", "--from", "2025", "--to", "2026")
    assert missing.exit_code == 1 and "99299" in missing.stderr


def _rvu_codes(path: str) -> set[str]:
    with (Path(__file__).resolve().parents[1] / "data" / path).open(encoding="latin-1", newline="") as handle:
        return {row[0] for row in csv.reader(handle) if row}


def test_the_lower_extremity_revascularization_codes_name_their_2026_territories(pricer) -> None:  # type: ignore[no-untyped-def]
    """A vascular trial's 2026 claim of 37227: "deleted or replaced for 2026" alone. CPT 2026 replaced 37220-37235
    by codes by vascular territory: CMS's RVU25A lists the old ones and RVU26C the new ones, not the old."""
    old, new = _rvu_codes("rvu/2025/PPRRVU25_JAN.csv"), _rvu_codes("rvu/2026/PPRRVU2026_Jul_nonQPP.csv")
    deleted = {str(code) for code in range(37220, 37236)}
    assert deleted <= old and not deleted & new and {str(code) for code in range(37254, 37300)} <= new
    for code in ("37220", "37227", "37235"):
        with pytest.raises(NotFoundError) as caught:
            pricer.price(code, year=2026)
        said = str(caught.value)
        assert "deleted from CPT for 2026" in said and "femoral and popliteal 37263-37279" in said, said
        assert "inframalleolar 37296-37299" in said
    assert pricer.price("37227", year=2025).pfs.non_facility.payable  # priced in 2025 as before


def test_the_2017_venous_angioplasty_codes_name_the_dialysis_circuit_and_vein_codes(pricer) -> None:  # type: ignore[no-untyped-def]
    """A vascular trial's `price 35476 --date 2025-05-01` (percutaneous venous angioplasty, deleted from CPT 2017) was
    offered 35400, angioscopy. CMS's RVU25A and RVU26C list neither 35476 nor 35460 and price their replacements."""
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer

    old, new = _rvu_codes("rvu/2025/PPRRVU25_JAN.csv"), _rvu_codes("rvu/2026/PPRRVU2026_Jul_nonQPP.csv")
    replacements = {"36902", "36905", "36907", "37248", "37249"}
    assert not {"35460", "35476"} & (old | new) and replacements <= old & new
    rows = [
        {"code": "35476", "zip": "60611", "date": "2025-05-01"},
        {"code": "35460", "zip": "60657", "date": "2026-03-03"},
    ]
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for row, out_row in zip(rows, out, strict=True):
        with pytest.raises(NotFoundError) as caught:
            pricer.price(row["code"], zip_code=row["zip"], date_of_service=row["date"])
        said = str(caught.value)
        assert "deleted from CPT for 2017" in said and "Did you mean" not in said and "35400" not in said, said
        assert all(code in said for code in replacements), said
        assert out_row["error"] == said and out_row["error_kind"] == "unknown_code", out_row["error"]
