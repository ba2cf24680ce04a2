"""An FQHC/RHC trial (a New Mexico health center): 90837-95 at POS 50 beside G0470, a mental health visit via real-time
audio and video, was told "Medicare telehealth is billed at POS 02 or 10 only ... (CMS Transmittal 12671)", the rule of
a practitioner's professional claim. The clinic bills its mental health visit via telecommunication on its own claim
with 95 (or FQ), paid the AIR or PPS (Benefit Policy Manual ch. 13 §40), a medical one as G2025: said at POS 50 and 72,
price and batch alike; the office keeps Transmittal 12671's note. Amounts unchanged (the line without 95's)."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.engine.place_of_service import CLINIC_TELECOMMUNICATION, POS, TELEHEALTH_LIST_NOTE
from rvucalc.lookup.lines import CLINIC_MODES_SAID, informational_notes

LAS_CRUCES, DATE = "88001", "2026-02-03"
KENTUCKY = "41701"  # Hazard, KY: the statewide locality (CMS's ZIP5 file)
POS_RULE = "Medicare telehealth is billed at POS 02 or 10 only"


@pytest.mark.parametrize("pos", ["50", "72"])
def test_clinic_telecommunication_visit_is_not_told_pos_02_or_10(pricer: Any, pos: str) -> None:
    said = CLINIC_TELECOMMUNICATION.format(pos=pos, name=POS[pos].name, modifier="95")
    single = pricer.price("90837", modifier="95", zip_code=LAS_CRUCES, date_of_service=DATE, setting=pos)
    bare = pricer.price("90837", zip_code=LAS_CRUCES, date_of_service=DATE, setting=pos)
    rows = [{"code": "90837", "modifier": modifier, "date": DATE, "zip": LAS_CRUCES, "setting": pos}
            for modifier in ("95", "")]  # fmt: skip
    with_95, without = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for text in (" ".join(single.notes), with_95["note"]):
        assert said in text and POS_RULE not in text, text
    assert single.sites[0].total == bare.sites[0].total == with_95["allowed"] == without["allowed"]
    assert "; " not in said


def test_the_office_keeps_transmittal_12671_s_note(pricer: Any) -> None:
    office = pricer.price("90837", modifier="95", zip_code=LAS_CRUCES, date_of_service=DATE, setting="11")
    assert POS_RULE in " ".join(office.notes) and "AIR or PPS" not in " ".join(office.notes)


@pytest.mark.parametrize("pos", ["50", "72"])
def test_clinic_audio_only_fq_visit_is_not_told_the_telehealth_list(pricer: Any, pos: str) -> None:
    """An RHC's trial: 90834-FQ at POS 72 (the clinic's audio-only mental health visit) read only "rvucalc does not
    check CMS's Medicare Telehealth Services List (Social Security Act §1834(m) ...)", a practitioner's telehealth
    rule; it says the clinic's visit, as 95 does, price and batch alike, the amount the line's without FQ."""
    said = CLINIC_TELECOMMUNICATION.format(pos=pos, name=POS[pos].name, modifier="FQ")
    single = pricer.price("90834", modifier="FQ", zip_code=KENTUCKY, date_of_service=DATE, setting=pos)
    bare = pricer.price("90834", zip_code=KENTUCKY, date_of_service=DATE, setting=pos)
    rows = [{"code": "90834", "modifier": modifier, "date": DATE, "zip": KENTUCKY, "setting": pos}
            for modifier in ("FQ", "")]  # fmt: skip
    with_fq, without = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for text in (" ".join(single.notes), with_fq["note"]):
        assert said in text and TELEHEALTH_LIST_NOTE not in text and "audio and video (FQ)" not in text, text
    assert single.sites[0].total == bare.sites[0].total == with_fq["allowed"] == without["allowed"]
    office = pricer.price("90834", modifier="FQ", zip_code=KENTUCKY, date_of_service=DATE, setting="11")
    assert TELEHEALTH_LIST_NOTE in " ".join(office.notes) and "AIR or PPS" not in " ".join(office.notes)


@pytest.mark.parametrize(("pos", "modifier"), [("72", "FQ"), ("50", "95")])
def test_the_clinic_note_leaves_out_the_modifier_s_informational_note(pricer: Any, pos: str, modifier: str) -> None:
    """A session 67 review: 90834-FQ at POS 72 (--provider csw) said the clinic's note and "Modifier FQ is
    informational" both. Beside the clinic's note, which says what 95 and FQ are there, the informational note is left
    out, price and batch alike; the office (POS 11) keeps it."""
    informational = informational_notes((modifier,))[0]
    assert CLINIC_MODES_SAID in CLINIC_TELECOMMUNICATION
    single = pricer.price("90834", modifier=modifier, zip_code=KENTUCKY, date_of_service=DATE, setting=pos)
    rows = [{"code": "90834", "modifier": modifier, "date": DATE, "zip": KENTUCKY, "setting": where}
            for where in (pos, "11")]  # fmt: skip
    clinic, office = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert CLINIC_MODES_SAID in " ".join(single.notes) and CLINIC_MODES_SAID in clinic["note"]
    assert informational not in single.notes and informational not in clinic["note"].split("; ")
    assert informational in office["note"].split("; ")


@pytest.mark.parametrize(("code", "pos", "said"), [
    ("99422", "50", "an e-visit (online digital assessment) was billed as G0071 from March 1, 2020 through May 11"),
    ("G2252", "72", "virtual check-in or remote evaluation on its own claim as G0071"),
    ("99454", "50", "is no visit via telecommunication at an RHC or FQHC"),
])  # fmt: skip
def test_a_communication_technology_service_at_a_clinic_is_not_told_g2025(
    pricer: Any, code: str, pos: str, said: str
) -> None:
    """A review: `price 99422-95 --setting 50` was told the clinic's medical visit via telecommunication is billed as
    G2025, wrong for an e-visit or virtual check-in (no visit). The clinic's note names what it billed instead by date
    (G0071 for virtual check-ins through 2025, the code from 2026; e-visits no RHC/FQHC service from May 12, 2023),
    price and batch alike; the amount is the line's without 95."""
    single = pricer.price(code, modifier="95", zip_code=LAS_CRUCES, date_of_service=DATE, setting=pos)
    bare = pricer.price(code, zip_code=LAS_CRUCES, date_of_service=DATE, setting=pos)
    rows = [{"code": code, "modifier": modifier, "date": DATE, "zip": LAS_CRUCES, "setting": pos}
            for modifier in ("95", "")]  # fmt: skip
    with_95, without = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for text in (" ".join(single.notes), with_95["note"]):
        assert said in text and "billed as G2025" not in text and POS_RULE not in text, text
    assert [note for note in single.notes if "with 95" in note] == [
        note for note in with_95["note"].split("; ") if "with 95" in note
    ]
    assert single.sites[0].total == bare.sites[0].total == with_95["allowed"] == without["allowed"]
