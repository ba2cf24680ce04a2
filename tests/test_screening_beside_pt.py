"""A screening colonoscopy that turns diagnostic is billed as the procedure done, with modifier PT, instead of the
screening G code (MLN Matters MM7012; Noridian JE, "Modifier PT": "Append the modifier to the diagnostic procedure
code that is reported instead of the screening colonoscopy or screening sigmoidoscopy code"). A GI practice's trial
priced G0121 beside 45385-PT at 50% on top of it, in silence. Now the G0121 line says it should not be billed as
well: a note, the amounts as given (the same as G0121 beside 45385 without PT), in price and batch alike."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pyarrow as pa

from rvucalc.batch.price import BatchPricer

SAID = "the procedure code with modifier PT is billed instead of the screening code (MLN Matters MM7012)"
DAY = dt.date(2025, 11, 10)


def _price(pricer: Any, codes: list[str]) -> Any:
    return pricer.price_encounter(codes, zip_code="10001", date_of_service=DAY, setting="asc")


def _said(line: Any) -> bool:
    return any(SAID in note for note in line.notes)


def test_price_notes_the_screening_code_beside_a_pt_line(pricer: Any) -> None:
    screening, diagnostic = _price(pricer, ["G0121", "45385-PT"]).lines
    assert _said(screening), screening.notes
    assert any("G0121 beside 45385-PT" in note for note in screening.notes)
    assert not _said(diagnostic)
    plain = _price(pricer, ["G0121", "45385"]).lines[0]  # no PT: no note, and the money is the same
    assert not _said(plain)
    assert [site.allowed for site in screening.sites] == [site.allowed for site in plain.sites]
    expected = {("G0121-PT", "45385-PT"): [False, False], ("G0105", "45380"): [False, False],
                ("G0105", "45380-PT"): [True, False]}  # fmt: skip
    for codes, said in expected.items():
        found = _price(pricer, list(codes)).lines
        assert [_said(line) for line in found] == said, (codes, [line.notes for line in found])


def test_batch_notes_the_screening_row_of_the_claim_and_date(pricer: Any) -> None:
    rows = [
        {"claim": "C1", "date": "2025-11-10", "code": "G0121", "modifier": ""},
        {"claim": "C1", "date": "2025-11-10", "code": "45385", "modifier": "PT"},
        {"claim": "C2", "date": "2025-11-10", "code": "G0121", "modifier": ""},  # no PT line
        {"claim": "C3", "date": "2025-11-10", "code": "G0121", "modifier": ""},
        {"claim": "C3", "date": "2025-11-11", "code": "45385", "modifier": "PT"},  # another date
    ]
    for row in rows:
        row.update(zip="10001", setting="asc")
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert [SAID in (row["note"] or "") for row in out] == [True, False, False, False, False], [r["note"] for r in out]
    single = _price(pricer, ["G0121", "45385-PT"])
    assert next(n for n in single.lines[0].notes if SAID in n) in out[0]["note"]
    plain = BatchPricer(pricer).price_table(pa.Table.from_pylist([dict(rows[0]), dict(rows[1], modifier="")]))
    assert [row["allowed"] for row in out[:2]] == [row["allowed"] for row in plain.to_pylist()]


CAUTION = "is not a colonoscopy or flexible sigmoidoscopy code"


def test_pt_on_a_code_that_is_no_colorectal_endoscopy_cautions_in_price_and_batch(pricer: Any) -> None:
    """A trial's 29881-PT (a knee arthroscopy) took PT's 15% in silence. CMS's claims logic applies PT's coinsurance to
    any CPT 10000-69999 (MLN Matters MM12656), so the money stays; the line now says the reduced coinsurance is for a
    procedure furnished as a result of a colorectal cancer screening (CAA 2021 §122). A colonoscopy's PT says PT's
    usual words alone."""
    from rvucalc.engine import preventive

    knee = pricer.price("29881-PT", zip_code="60611", date_of_service=DAY, setting="asc")
    assert any(CAUTION in note and "MM12656" in note for note in knee.notes), knee.notes
    (site,) = knee.sites
    share = (site.allowed * 15 / 100).quantize(site.allowed)  # CAA 2021 §122: 15% in 2023-2026, unchanged
    assert abs(site.beneficiary - share) <= Decimal("0.02"), (site.beneficiary, share)
    for code in ("45385", "45338", "44394"):
        found = pricer.price(f"{code}-PT", zip_code="60611", date_of_service=DAY, setting="asc")
        assert preventive.PT_NOTE in found.notes and not any(CAUTION in note for note in found.notes), code
    assert preventive.pt_outside_endoscopy("43239") and not preventive.pt_outside_endoscopy("00811")
    rows = [{"code": code, "zip": "60611", "date": "2025-11-10", "setting": "asc"} for code in ("29881-PT", "45385-PT")]
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert next(n for n in knee.notes if CAUTION in n) in out[0]["note"]
    assert CAUTION not in out[1]["note"]
    assert Decimal(str(out[0]["beneficiary"])) == site.beneficiary


WITHOUT_PT = "(without modifier PT) on one claim and date"


def test_a_screening_beside_the_procedure_it_turned_into_without_pt_is_noted_in_price_and_batch(pricer: Any) -> None:
    """A GI trial's G0121 beside 45380 (no PT) was priced in silence, the patient charged 45380's usual 20% where PT's
    15% was due, while G0121 beside 45385-PT was noted: the screening line now says the procedure is billed with PT
    instead (MM7012). A colonoscopy's screening code beside a sigmoidoscopy, or beside the procedure on another date,
    says nothing."""
    from rvucalc.engine.preventive import screening_without_pt_note

    claims = {"C1": ["G0121", "45380"], "C2": ["G0104", "45330", "45331"], "C3": ["G0121", "45330"],
              "C4": ["45385", "G0105", "45378"], "C5": ["G0121", "45385-PT"]}  # fmt: skip
    said = {"C1": "45380", "C2": "45330", "C3": None, "C4": "45385", "C5": None}
    rows = [{"claim": claim, "date": "2025-11-10", "code": code.split("-")[0], "modifier": code[6:], "zip": "10001",
             "setting": "asc"} for claim, codes in claims.items() for code in codes]  # fmt: skip
    rows.append(
        {"claim": "C6", "date": "2025-11-10", "code": "G0121", "modifier": "", "zip": "10001", "setting": "asc"}
    )
    rows.append(
        {"claim": "C6", "date": "2025-11-11", "code": "45380", "modifier": "", "zip": "10001", "setting": "asc"}
    )
    out = iter(BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist())
    for claim, codes in claims.items():
        for code, line in zip(codes, _price(pricer, codes).lines, strict=True):
            row = next(out)
            turned = said[claim] if code.startswith("G0") else None
            notes = [note for note in line.notes if WITHOUT_PT in note]
            assert notes == ([screening_without_pt_note(code, turned)] if turned else []), (claim, code, notes)
            assert (WITHOUT_PT in row["note"]) is bool(turned) and all(note in row["note"] for note in notes), claim
    assert not any(WITHOUT_PT in row["note"] for row in out)  # another date: two encounters
