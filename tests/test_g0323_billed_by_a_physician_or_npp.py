"""G0323 (care management for behavioral health conditions) is the clinical psychologist's, CSW's, MFT's and MHC's
code (CY2023/CY2024 PFS final rules); physicians and NPPs bill general BHI as 99484. `rvucalc price G0323 --provider
physician --zip 60614 --date 2026-03-02 --setting 11` was priced with no word: a physician's or NP's line is noted
(engine.modifiers.g0323_provider_note) in price and batch alike, the amount CMS's (RVUs x GPCIs x CF of the shipped
files, rounded once; an NP's 85%); the mental health practitioners' own lines get no such note."""

from __future__ import annotations

from rvucalc.engine.modifiers import g0323_provider_note
from rvucalc.lookup.pricer import Pricer
from test_behavioral_health_integration_trial import _batch, priced_at_cms_amount

WHERE = {"zip_code": "60614", "date_of_service": "2026-03-02", "setting": "11"}
NAMING = "general behavioral health integration is billed as 99484"


def test_g0323_by_a_physician_or_np_is_noted_at_cms_amount_in_price_and_batch(pricer: Pricer) -> None:
    for row, single in priced_at_cms_amount(pricer, "G0323", WHERE):
        said = [note for note in single.notes if note.startswith("G0323 is care management")]
        assert len(said) == 1 and NAMING in said[0] and "; " not in said[0]
        assert said[0] in row["note"]


def test_g0323_by_a_csw_or_psychologist_gets_no_such_note(pricer: Pricer) -> None:
    rows = [{"code": "G0323", "zip": WHERE["zip_code"], "date": WHERE["date_of_service"], "setting": "11",
             "provider": cell} for cell in ("LCSW", "PsyD")]  # fmt: skip
    for provider, row in zip(("csw", "psychologist"), _batch(pricer, rows), strict=True):
        single = pricer.price("G0323", provider=provider, **WHERE)  # type: ignore[arg-type]
        assert not row["error"] and NAMING not in row["note"]
        assert not any(NAMING in note for note in single.notes)


def test_the_g0323_note_is_for_g0323_by_a_treating_practitioner_alone() -> None:
    assert g0323_provider_note("99484", (), "physician") is None
    assert g0323_provider_note("G0323", ("AH",), "physician") is None
    assert g0323_provider_note("G0323", (), "csw") is None
    assert g0323_provider_note("G0323", (), "pa") is not None
