"""A claim's PFS encounter notes on a row whose site is not paid the PFS amount they describe.

A radiology trial's UB-04 (TOB 131: the hospital's claim) of 74177 and 71260 had on the 71260 row "Claim encounter
(PFS): Multiple diagnostic imaging: 50% off the technical component ($115.23) of a later service" beside the
hospital's full OPPS rate: the cut is of the office's (non-facility) PFS amount of the whole code, which has no
facility amount (its PE is 'NA' there); the hospital's payment is the OPPS rate. The step is still said (the row's
pfs_non_facility_amount and office_* columns are cut by it, as the single lookup says "71260 office: ..."), labelled
as the office comparison's; where the row's own PFS amount is cut (the office, or a 26 line's facility amount) it is
said as before."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pyarrow as pa

from rvucalc.batch.claims import PFS_FACILITY_ONLY, PFS_NON_FACILITY_PREFIX, PFS_OFFICE_ONLY, PFS_PREFIX
from rvucalc.batch.price import BatchPricer
from rvucalc.lookup.pricer import Pricer

COLUMNS = ["claim", "code", "modifier", "date", "setting", "zip", "units"]
DAY = {"zip_code": "33136", "date_of_service": "2025-11-10"}
IMAGING_CUT = "Multiple diagnostic imaging: 50% off the technical component"


def _priced(pricer: Pricer, claims: list[tuple[str, str, list[str]]]) -> list[dict[str, Any]]:
    rows = [{"claim": claim, "code": cell.partition("-")[0], "modifier": cell.partition("-")[2],
             "date": DAY["date_of_service"], "setting": setting, "zip": DAY["zip_code"], "units": "1"}
            for claim, setting, cells in claims for cell in cells]  # fmt: skip
    return BatchPricer(pricer).price_table(pa.table({name: [r[name] for r in rows] for name in COLUMNS})).to_pylist()


def _money(value: Any) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value)).quantize(Decimal("0.01"))


def test_the_offices_imaging_cut_on_a_hospital_claims_row_is_labelled_the_office_comparisons(pricer: Pricer) -> None:
    out = _priced(pricer, [("H1", "131", ["74177", "71260"]), ("O1", "11", ["74177", "71260"]),
                           ("P1", "22", ["74177-26", "71260-26"])])  # fmt: skip
    hospital, office, reading = out[1], out[3], out[5]
    parts = hospital["note"].split("; ")
    elsewhere = hospital["comparison_note"].split("; ")  # the office comparison's: apart from the row's own
    assert any(part.startswith(PFS_OFFICE_ONLY + IMAGING_CUT) for part in elsewhere), elsewhere
    assert not any(part.startswith(PFS_PREFIX) for part in parts), parts
    # The hospital's payment is the OPPS rate the single lookup gives (the cut is not in it), the office's amount
    # the cut one, as before.
    hopd = pricer.price_encounter(["74177", "71260"], setting="hopd", **DAY).lines[1].sites[0]  # type: ignore[arg-type]
    assert _money(hospital["allowed"]) == hopd.total and hopd.facility_payment == _money(hospital["opps_rate"])
    single = pricer.price_encounter(["74177", "71260"], **DAY).lines[1]  # type: ignore[arg-type]
    assert _money(hospital["pfs_non_facility_amount"]) == single.pfs.non_facility.amount
    # At the office the cut is the row's own amount: said as the PFS non-facility's (the facility comparison has its
    # own: the 26 parts' 5% cut, the physician's fee at a facility), not as another setting's; a 26 line's is its
    # facility amount's.
    office_parts = office["note"].split("; ")
    assert any(part.startswith(PFS_NON_FACILITY_PREFIX + IMAGING_CUT) for part in office_parts), office_parts
    assert PFS_OFFICE_ONLY not in office["note"]
    assert any(
        part.startswith(PFS_FACILITY_ONLY + "Multiple diagnostic imaging: 5%")
        for part in office["comparison_note"].split("; ")
    )
    assert f"{PFS_PREFIX}Multiple diagnostic imaging: 5% off the professional component" in reading["note"]
    assert PFS_OFFICE_ONLY not in reading["note"]


def test_a_surgical_ranking_is_the_rows_own_at_the_asc_and_the_facility_amounts_at_the_office(pricer: Pricer) -> None:
    """The whole-column (array) path's note: a surgical line ranked second at an ASC is paid the PFS facility amount
    (the physician's fee there): its "(PFS)" note is the row's, not relabelled. At the office (POS 11), where 29881
    has no amount (its non-facility PE is 'NA'), the ranking cut its facility amount alone: labelled so."""
    ranked = "Multiple procedure: ranked 2 of 2 by amount, 50%"
    out = _priced(pricer, [("A1", "24", ["27447", "29881"]), ("O1", "11", ["27447", "29881"])])
    assert f"{PFS_PREFIX}{ranked}" in out[1]["note"] and PFS_OFFICE_ONLY not in out[1]["note"]
    assert f"{PFS_FACILITY_ONLY}{ranked}" in out[3]["comparison_note"].split("; ") and PFS_PREFIX not in out[3]["note"]


def test_an_imaging_line_marked_xe_keeps_the_reduction_and_says_why_in_price_and_batch(pricer: Pricer) -> None:
    """A radiology trial: 71260-26-XE beside 74177-26 was cut 5% though XE marks a separate encounter. CMS's RVU file
    reduces studies "in the same session"; that 59/XE/XU lift the reduction is only in payers' restatements, so the
    amount stays (the same as 71260-26's) and the step says the modifier may mark another session: the MAC decides."""
    from rvucalc.engine.policy import separate_session_words

    plain = pricer.price_encounter(["74177-26", "71260-26"], **DAY).lines[1]  # type: ignore[arg-type]
    marked = pricer.price_encounter(["74177-26", "71260-26-XE"], **DAY).lines[1]  # type: ignore[arg-type]
    alone = pricer.price("71260-26", **DAY).pfs.facility.amount  # type: ignore[arg-type]
    assert alone is not None and marked.pfs.facility.amount == plain.pfs.facility.amount
    assert plain.pfs.facility.amount is not None and plain.pfs.facility.amount < alone
    [step] = marked.pfs.facility.adjustments or []
    assert step.rule.endswith(separate_session_words("XE"))
    assert not any(separate_session_words("XE") in a.rule for a in plain.pfs.facility.adjustments or [])
    out = _priced(pricer, [("P1", "22", ["74177-26", "71260-26-XE"]), ("P2", "22", ["74177-26", "71260-26-59"])])
    assert _money(out[1]["pfs_facility_amount"]) == plain.pfs.facility.amount
    assert f"{PFS_PREFIX}{step.rule}" in out[1]["note"].split("; ")
    assert separate_session_words("59") in out[3]["note"] and "; " not in separate_session_words("59")


def test_the_ascs_encounter_note_on_an_office_or_hospital_row_is_labelled_the_asc_comparisons(
    pricer: Pricer, monkeypatch: Any
) -> None:
    """A trial: claim A1 of 11400 and 11401 at POS 11 had on the 11400 row "Claim encounter (ASC): ASC multiple
    procedure discounting: a lower-paid procedure at 50%" unlabelled, while the OPPS and PFS notes of another site say
    whose they are. The ASC's step cuts the asc_* comparison columns (filled on every row), not the office's amount:
    on a row of another site (the office, the hospital) it says so; at the ASC (POS 24) it is as before. Its rule is
    the single lookup's ASC step on that line; both paths of the rules say it alike."""
    from rvucalc.batch import claims
    from rvucalc.batch.claims import ASC_ELSEWHERE, ASC_PREFIX

    where = {"zip_code": "10001", "date_of_service": "2026-08-03"}
    asc = pricer.price_encounter(["11400", "11401"], **where).lines[0].asc  # type: ignore[arg-type]
    assert asc is not None
    (rule,) = [step.rule for step in asc.adjustments]  # "ASC multiple procedure discounting: ... at 50%"
    for by_arrays in (True, False):
        monkeypatch.setattr(claims, "BY_ARRAYS", by_arrays)
        rows = [{"claim": f"A{pos}", "code": code, "modifier": "", "date": where["date_of_service"], "setting": pos,
                 "zip": where["zip_code"], "units": "1"}
                for pos in ("11", "22", "24") for code in ("11400", "11401")]  # fmt: skip
        out = BatchPricer(pricer).price_table(pa.table({name: [r[name] for r in rows] for name in COLUMNS})).to_pylist()
        office, hospital, at_asc = out[0], out[2], out[4]
        assert _money(office["asc_rate"]) == asc.rate == _money(at_asc["asc_rate"])
        for row in (office, hospital):
            assert ASC_ELSEWHERE + rule in row["comparison_note"].split("; ") and ASC_PREFIX not in row["note"], row
        assert ASC_PREFIX + rule in at_asc["note"].split("; ") and ASC_ELSEWHERE not in at_asc["note"]
