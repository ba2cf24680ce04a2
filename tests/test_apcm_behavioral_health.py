"""A psychiatry and a podiatry trial (Baltimore, Tucson).

1. APCM's behavioral health add-ons (CY2026 PFS final rule, CMS-1832-F): G0568 and G0569 (psychiatric collaborative
   care, mirroring 99492 and 99493) and G0570 (general BHI, mirroring 99484), billed with the month's advanced primary
   care management (G0556-G0558) by the same practitioner, were priced for a clinical social worker (G0568 at $128.03)
   and a psychologist, while 99492, 99493 and 99484 are denied to them (engine.modifiers'
   mental_health_benefit_denial): the same denial now, in price, batch and compare, naming APCM and G0323; a
   physician's or NP's line keeps CMS's amount. Their add-on note said "same practitioner on the same date": they are
   calendar-month add-ons of G0556-G0558 (engine.add_ons.MONTHLY_ADD_ONS), quiet beside a base code of their month.
2. A DMEPOS item's RT or LT (A5500-KX-RT, priced from the DMEPOS fee schedule) said "it does not change the PFS
   amount": the side's note names no schedule (lookup.lines._SIDE_NOTES), in price and batch alike.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.add_ons import without_primary_note
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _money
from test_behavioral_health_integration_trial import _batch, denied_alike, priced_at_cms_amount

ZIP, DATE = "21201", "2026-03-02"
WHERE = {"zip_code": ZIP, "date_of_service": DATE, "setting": "11"}
APCM_ADD_ONS = {"G0568": "99492", "G0569": "99493", "G0570": "99484"}
ADD_ON_PART = " is an add-on code (global period ZZZ"


@pytest.mark.parametrize("code", sorted(APCM_ADD_ONS))
def test_apcm_behavioral_health_add_ons_are_denied_to_a_csw_or_psychologist_in_price_and_batch(
    pricer: Pricer, code: str
) -> None:
    """`rvucalc price G0568 --zip 21201 --provider csw --date 2026-03-02` ($128.03 before): denied, as 99492 is."""
    cells = [("LCSW", "csw"), ("LMFT", "csw"), ("PsyD", "psychologist"), ("PhD", "psychologist")]
    said = denied_alike(pricer, code, cells, WHERE)[-1]["error"]
    assert "; " not in said and "G0323" in said and "CMS-1832-F" in said and "CMS-1807-F" in said
    assert "G0556, G0557 or G0558" in said and "continuing focal point" in said
    assert f"mirroring {APCM_ADD_ONS[code]}" in said
    if code == "G0570":
        assert said.startswith("G0570 is general behavioral health integration")
    else:
        assert f"{code} is psychiatric collaborative care management" in said and "a physician, NP or PA" in said


@pytest.mark.parametrize("code", sorted(APCM_ADD_ONS))
def test_a_physician_s_or_np_s_apcm_add_on_keeps_cms_amount(pricer: Pricer, code: str) -> None:
    priced_at_cms_amount(pricer, code, WHERE)


def test_compare_names_the_apcm_add_on_denial() -> None:
    done = CliRunner().invoke(app, ["compare", "G0568", "90837", "--provider", "csw", "--from", "2025",
                                    "--to", "2026", "--zip", ZIP, "-f", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    changes = {change["code"]: change for change in json.loads(done.stdout)["codes"]}
    assert changes["G0568"]["change"] == "not_comparable", changes["G0568"]
    assert "G0323" in changes["G0568"]["not_comparable_reason"] and "APCM" in changes["G0568"]["not_comparable_reason"]


@pytest.mark.parametrize("code", sorted(APCM_ADD_ONS))
def test_apcm_add_on_note_says_the_calendar_month_and_its_bases(pricer: Pricer, code: str) -> None:
    for alone in (True, False):
        note = without_primary_note(code, alone)
        assert "same calendar month (G0556 or G0557 or G0558" in note and "same date" not in note, note
        assert "CMS-1832-F" in note and "; " not in note
    lone = pricer.price(code, **WHERE)  # type: ignore[arg-type]
    assert without_primary_note(code, alone=True) in lone.notes
    for base in ("G0556", "G0557", "G0558"):
        encounter = pricer.price_encounter([base, code], **WHERE)  # type: ignore[arg-type]
        assert not any(ADD_ON_PART in note for note in encounter.lines[1].notes), (base, encounter.lines[1].notes)
    beside = pricer.price_encounter(["99213", code], **WHERE)  # type: ignore[arg-type]
    assert without_primary_note(code, alone=False) in beside.lines[1].notes


def test_batch_finds_the_apcm_base_code_in_the_claim_s_month(pricer: Pricer) -> None:
    """The month's G0557 on another date keeps G0568 quiet; a claim of 99213 and G0570 alone notes it, as price."""
    place = {"zip": ZIP, "setting": "11"}
    rows = _batch(pricer, [{**place, "claim": "A", "date": "2026-03-02", "code": "G0557"},
                           {**place, "claim": "A", "date": "2026-03-20", "code": "G0568"},
                           {**place, "claim": "B", "date": "2026-03-20", "code": "99213"},
                           {**place, "claim": "B", "date": "2026-03-20", "code": "G0570"},
                           {**place, "claim": "C", "date": "2026-02-27", "code": "G0556"},
                           {**place, "claim": "C", "date": "2026-03-02", "code": "G0569"}])  # fmt: skip
    assert ADD_ON_PART not in rows[1]["note"], rows[1]["note"]
    assert without_primary_note("G0570", alone=False) in rows[3]["note"].split("; ")
    assert "G0569" + ADD_ON_PART in rows[5]["note"], rows[5]["note"]  # February's APCM is not March's
    assert "same calendar month (G0556 or G0557 or G0558" in rows[5]["note"]
    for row in (rows[1], rows[3], rows[5]):
        assert not row["error"] and _money(row["pfs_non_facility_amount"]) is not None


SIDE = {"LT": "Modifier LT names the side: it does not change the amount of a line alone.",
        "RT": "Modifier RT names the side: it does not change the amount of a line alone."}  # fmt: skip


def test_a_dmepos_item_s_side_names_no_pfs_amount_in_price_and_batch(pricer: Pricer) -> None:
    """`rvucalc price A5500-KX-RT --zip 85711 --setting 12` and the trial's remit.csv rows T1010 (A5500 KX RT, KX LT):
    the DMEPOS fee (AZ) unchanged by the side, whose note says no "PFS amount"."""
    where = {"zip_code": "85711", "date_of_service": "2026-01-28", "setting": "12"}
    plain = pricer.price("A5500", modifier="KX", **where)  # type: ignore[arg-type]
    rows = _batch(pricer, [{"claim": "T1010", "code": "A5500", "modifier": f"KX-{side}", "zip": "85711",
                            "date": "2026-01-28", "setting": "12"} for side in ("RT", "LT")])  # fmt: skip
    for side, row in zip(("RT", "LT"), rows, strict=True):
        single = pricer.price("A5500", modifier=["KX", side], **where)  # type: ignore[arg-type]
        assert single.dmepos is not None and plain.dmepos is not None
        assert single.dmepos.amount == plain.dmepos.amount == _money(row["dmepos_amount"]) is not None
        assert SIDE[side] in single.notes and SIDE[side] in row["note"].split("; "), (single.notes, row["note"])
        assert "PFS amount" not in row["note"] and not any("PFS amount" in note for note in single.notes)
