"""A SNF group's trial: an NP's chronic care management (99490, 99439 x2) at POS 31 in ZIP 33606 was priced at the
facility rate without a word. CMS pays CCM for a SNF, nursing facility or assisted living resident only when the
facility is not paid for care management, not in a Part A covered stay (CMS's CCM FAQ, 2016-03-17), and POS 31 is the
place of a SNF resident in a covered Part A stay (Claims Processing Manual ch. 12 §30.6.13): the line is noted, its
amount the place's (CMS's facility fee, the NP's 85%). At POS 32 (a nursing facility, a stay Part A does not cover)
nothing is said, the non-facility fee paid; principal care management and the visits are not noted."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app
from rvucalc.engine.visits import visit_place_note

REST_OF_FLORIDA = "0910299"  # ZIP 33606's locality (CMS's ZIP5 file)
SAID = "is chronic care management, which CMS pays for a SNF, nursing facility or assisted living resident"


def _85_percent(amount: Decimal) -> Decimal:
    return (amount * Decimal("0.85")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.mark.parametrize("code", ["99490", "99439", "99487", "99489", "99491", "99437"])
def test_each_ccm_code_at_pos_31_is_noted_and_not_at_32_or_13(code: str) -> None:
    note = visit_place_note(code, "31")
    assert note is not None and SAID in note and "Part A covered stay" in note and "; " not in note
    assert visit_place_note(code, "32") is None and visit_place_note(code, "13") is None


@pytest.mark.parametrize("code", ["99424", "99309", "99497", "G0317"])
def test_other_codes_at_pos_31_are_not_noted_as_ccm(code: str) -> None:
    assert SAID not in (visit_place_note(code, "31") or "")


def test_batch_notes_the_snf_ccm_lines_and_prices_each_as_its_place(tmp_path: Path) -> None:
    source = tmp_path / "ccm.csv"
    source.write_text(
        "Claim #,DOS,POS,Facility ZIP,CPT,Units,Provider Credential\n"
        "C1,07/31/2026,31,33606,99490,1,AGPCNP-BC\n"
        "C1,07/31/2026,31,33606,99439,2,AGPCNP-BC\n"
        "C2,07/31/2026,32,33606,99490,1,AGPCNP-BC\n"
        "C3,07/31/2026,31,33606,99424,1,MD\n"
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    snf_ccm, snf_add_on, nf_ccm, snf_pcm = list(csv.DictReader(out.open()))
    assert SAID in snf_ccm["note"] and SAID in snf_add_on["note"]
    assert SAID not in nf_ccm["note"] and SAID not in snf_pcm["note"]
    fee = _85_percent(fee_2026("99490", REST_OF_FLORIDA, facility=True))
    assert Decimal(snf_ccm["allowed"]) == fee, snf_ccm
    assert Decimal(snf_add_on["allowed"]) == 2 * _85_percent(fee_2026("99439", REST_OF_FLORIDA, facility=True))
    assert Decimal(nf_ccm["allowed"]) == _85_percent(fee_2026("99490", REST_OF_FLORIDA)), nf_ccm
    assert Decimal(snf_pcm["allowed"]) == fee_2026("99424", REST_OF_FLORIDA, facility=True), snf_pcm


def test_price_says_batch_s_note() -> None:
    result = CliRunner().invoke(
        app, ["price", "99490", "--zip", "33606", "--setting", "31", "--date", "2026-07-31", "--provider", "NP",
              "-f", "json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert any(SAID in note for note in out["notes"]), out["notes"]
    (site,) = out["sites"]
    assert Decimal(str(site["allowed"])) == _85_percent(fee_2026("99490", REST_OF_FLORIDA, facility=True))


def test_the_faq_s_example_is_said_the_right_way_round() -> None:
    """The FAQ's example of a facility not paid for care management is a resident "not in a Medicare Part A covered
    stay": the note said "not paid for care management, as in a Medicare Part A covered stay", which reads as if a
    Part A stay were such a stay."""
    note = visit_place_note("99490", "31") or ""
    assert "not paid for care management, for example when the resident is not in a Medicare Part A covered" in note
    assert "as in a Medicare Part A covered stay" not in note
