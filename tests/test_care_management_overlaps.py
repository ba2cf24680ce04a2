"""Services another line includes, found by a primary care trial: `rvucalc price G0557 99490 99439` paid all three with
no note, though the practitioner who bills advanced primary care management (APCM, G0556-G0558) does not also bill
chronic, principal or transitional care management for the patient that month (CY2025 PFS final rule); and `rvucalc
price G0438 G0444` paid the depression screening beside the initial AWV, which includes the review of depression risk
factors. Each such line now says so, in price and batch alike; the amounts stay CMS's (the MAC denies, rvucalc says)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pyarrow as pa

from rvucalc.batch.price import BatchPricer
from rvucalc.engine.care_management import apcm_overlap_note, depression_screening_note
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import office_fee

ZIP, LOCALITY, DATE = "10001", "1320201", "2026-08-03"
WHERE = {"zip_code": ZIP, "date_of_service": DATE}


def _batch(pricer: Pricer, rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    return BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()


def _money(value: Any) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def test_ccm_pcm_and_tcm_beside_apcm_are_noted_at_cms_amounts_in_price_and_batch(pricer: Pricer) -> None:
    codes = ["G0557", "99490", "99439", "99424", "99495", "99213"]
    noted = {"99490", "99439", "99424", "99495"}
    encounter = pricer.price_encounter(codes, **WHERE)  # type: ignore[arg-type]
    rows = _batch(pricer, [{"claim": "C1", "date": DATE, "zip": ZIP, "code": code, "setting": "11"}
                           for code in codes])  # fmt: skip
    for code, line, row in zip(codes, encounter.lines, rows, strict=True):
        note = apcm_overlap_note(code, "G0557")
        assert (note in line.notes) is (code in noted), (code, line.notes)
        assert (note in row["note"].split("; ")) is (code in noted), (code, row["note"])
        assert "; " not in note
        fee = office_fee(pricer, code, WHERE)
        assert line.pfs.non_facility.amount == fee, code
        assert _money(row["pfs_non_facility_amount"]) == fee == _money(row["office_allowed"]), code
    # 99439 beside its base 99490 is no add-on without a primary
    assert not any("add-on code" in text for text in encounter.lines[2].notes)


def test_apcm_overlap_is_the_same_practitioner_s_calendar_month_in_batch(pricer: Pricer) -> None:
    """APCM is a monthly service: a claim's CCM line of another date in the APCM line's month is noted, one of the
    next month or of another practitioner (the provider column: an NP beside the physician) is not."""
    place = {"zip": ZIP, "setting": "11", "claim": "C1"}
    rows = _batch(pricer, [
        {**place, "date": "2026-03-02", "code": "G0558", "provider": "MD"},
        {**place, "date": "2026-03-20", "code": "99490", "provider": "MD"},
        {**place, "date": "2026-04-02", "code": "99491", "provider": "MD"},
        {**place, "date": "2026-03-25", "code": "99426", "provider": "NP"},
        {**place, "date": "2026-03-31", "code": "99496", "provider": "MD"},
    ])  # fmt: skip
    said = ["APCM" in row["note"] for row in rows]
    assert said == [False, True, False, False, True], [row["note"] for row in rows]
    assert apcm_overlap_note("99490", "G0558") in rows[1]["note"].split("; ")
    assert apcm_overlap_note("99496", "G0558") in rows[4]["note"].split("; ")


def test_depression_screening_beside_the_initial_awv_or_ippe_is_noted_not_beside_the_subsequent_awv(
    pricer: Pricer,
) -> None:
    claims = [(["G0438", "G0444"], "G0438"), (["G0402", "G0444"], "G0402"), (["G0439", "G0444"], None)]
    rows = _batch(pricer, [{"claim": f"C{n}", "date": DATE, "zip": ZIP, "code": code, "setting": "11"}
                           for n, (codes, _) in enumerate(claims) for code in codes])  # fmt: skip
    out = iter(rows)
    for codes, beside in claims:
        encounter = pricer.price_encounter(codes, **WHERE)  # type: ignore[arg-type]
        for code, line in zip(codes, encounter.lines, strict=True):
            row = next(out)
            said = [text for text in line.notes if text.startswith("G0444 (annual depression screening)")]
            assert said == ([depression_screening_note(beside)] if code == "G0444" and beside else []), codes
            assert [text for text in row["note"].split("; ") if text.startswith("G0444 (annual")] == said, codes
            fee = office_fee(pricer, code, WHERE)
            assert line.pfs.non_facility.amount == fee == _money(row["office_allowed"]), code
    assert "; " not in depression_screening_note("G0438") + depression_screening_note("G0402")


def test_a_care_management_line_alone_or_a_lone_g0444_says_nothing_of_apcm_or_the_awv(pricer: Pricer) -> None:
    for code in ("99490", "G0444", "G0557"):
        notes = pricer.price(code, **WHERE).notes  # type: ignore[arg-type]
        assert not any("APCM" in text or text.startswith("G0444 (annual") for text in notes), code


def test_an_undated_claim_s_apcm_overlap_is_noted_as_price_notes_it(pricer: Pricer, monkeypatch: Any) -> None:
    """A claim without a date of service is priced as of today (``RVUCALC_TODAY``), its lines in today's month: price
    without --date noted G0556 beside 99490 and batch, whose undated rows had no month to group by, said nothing."""
    monkeypatch.setenv("RVUCALC_TODAY", DATE)
    note = apcm_overlap_note("99490", "G0556")
    encounter = pricer.price_encounter(["G0556", "99490"], zip_code=ZIP, setting="11")
    assert note in encounter.lines[1].notes, encounter.lines[1].notes
    rows = _batch(pricer, [{"claim": "C1", "zip": ZIP, "code": code, "setting": "11"} for code in ("G0556", "99490")])
    assert note in rows[1]["note"].split("; "), rows[1]["note"]
