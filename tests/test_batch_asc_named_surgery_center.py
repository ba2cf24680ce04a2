"""An eye practice's export names its own ASC by its business name, a surgery (or surgical) center without
'ambulatory' or 'ASC' ('BAYVIEW EYE SURGERY CENTER'): such a POS 24 row was priced as a physician's line (a practice
name's 'not read' note), 66984-RT's physician fee counted among the practitioners' claims and the ASC's own payment
left out of the facility claims. A name ending in those words is the ASC's own claim line, as 'ASC' and a UB-04 831
are: every money column and the summary's totals equal the 831 file's, the ASC's payment CMS's (July 2026 Addendum AA x
the CY2026 ASC wage index of CBSA 33124, half labor-related) and the surgeon's the RVU26C facility fee in MIAMI."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from cms_fees import fee_2026
from rvucalc.errors import UsageError
from rvucalc.lookup.credentials import asc_provider
from rvucalc.lookup.pricer import Pricer
from test_batch_asc_business_name_ending_in_asc import MONEY
from test_batch_asc_provider_own_claim import _run
from test_facility_lines_of_several_units import _addendum_aa_rate, _rounded

HEADER = "Claim No,Svc Date,Proc Code,Mod1,Qty,Place of Svc,TOB,Pt Zip,Provider\n"
SURGEON = 'S1,09/14/2026,66984,RT,1,24,,33136,"GARCIA, MARIA MD"\n'
BY_CELL = 'A1,09/14/2026,66984,RT,1,24,,33136,"{cell}"\n'
BY_BILL = "A1,09/14/2026,66984,RT,1,,831,33136,ASC\n"
MIAMI_WAGE_INDEX = Fraction("0.9669")  # CY2026 ASC wage index (WI26), CBSA 33124 Miami-Miami Beach-Kendall, FL


@pytest.mark.parametrize(
    "cell", ["BAYVIEW EYE SURGERY CENTER", "Bayview Surgery Center, LLC", "BAYVIEW SURGICAL CENTER INC"]
)
def test_an_asc_named_a_surgery_center_is_the_asc_s_own_claim_line(tmp_path: Path, cell: str) -> None:
    bill_rows, bill_summary, _ = _run(tmp_path, "bill", HEADER + SURGEON + BY_BILL)
    rows, summary, _ = _run(tmp_path, "cell", HEADER + SURGEON + BY_CELL.format(cell=cell))
    for row, by_bill in zip(rows, bill_rows, strict=True):
        assert {k: row[k] for k in MONEY} == {k: by_bill[k] for k in MONEY}, (cell, row["Claim No"])
    assert summary["totals"] == bill_summary["totals"]
    totals = summary["totals"]
    asc_rate = _rounded(_addendum_aa_rate("66984") * (MIAMI_WAGE_INDEX / 2 + Fraction(1, 2)))
    assert (totals["facility_claims"]["lines"], Decimal(totals["facility_claims"]["allowed"])) == (1, asc_rate)
    surgeon = fee_2026("66984", "0910204", facility=True)
    assert (totals["professional"]["lines"], Decimal(totals["professional"]["allowed"])) == (1, surgeon)
    assert all("not read as a practitioner" not in row["note"] for row in rows)


def test_a_name_going_on_after_the_words_or_a_practice_s_is_no_asc() -> None:
    for cell in ("SURGERY CENTER OF MIAMI", "MIAMI EYE SURGEONS PA", "CENTER FOR EYE SURGERY", "GARCIA, MARIA MD"):
        assert not asc_provider(cell), cell


def test_a_surgery_center_name_away_from_the_asc_is_a_practice_s_not_an_asc_s(tmp_path: Path) -> None:
    """'MIAMI PLASTIC SURGERY CENTER' may be a physician practice's name: at the office it was told it 'names an
    ambulatory surgical center (CMS specialty 49)'. Away from the ASC it is a practice's name, not read, as before
    e26c04fc; a name ending in ASC is still said to be an ASC there, and at POS 24 the surgery center is the ASC's
    own line."""
    office = '{claim},09/14/2026,99213,,1,11,,33136,"{cell}"\n'
    practice_name = "MIAMI PLASTIC SURGERY CENTER"
    text = office.format(claim="O1", cell=practice_name) + office.format(
        claim="O2", cell="ROCKY MOUNTAIN ENDOSCOPY CENTER ASC"
    )
    rows, summary, _ = _run(tmp_path, "office", HEADER + SURGEON + text + BY_CELL.format(cell=practice_name))
    _, practice, asc_named, at_asc = rows
    assert Decimal(practice["allowed"]) == fee_2026("99213", "0910204")
    assert "names an ambulatory surgical center" not in practice["note"]
    assert "'MIAMI PLASTIC SURGERY CENTER' not read as a practitioner" in practice["note"]
    assert "names an ambulatory surgical center" in asc_named["note"]
    assert "not read as a practitioner" not in at_asc["note"] and summary["totals"]["facility_claims"]["lines"] == 1


def test_a_surgery_center_name_beside_a_blank_credential_away_from_the_asc_is_not_read(tmp_path: Path) -> None:
    """A 'Rendering Provider' of names beside 'Prov Cred': the practice's name with a blank credential at the office
    was said both 'read from Rendering Provider: ASC' and 'not read'; at POS 24 it is still the ASC's."""
    header = "Claim No,Svc Date,Proc Code,Mod1,Qty,Place of Svc,Pt Zip,Rendering Provider,Prov Cred\n"
    text = (
        'S1,09/14/2026,99213,,1,11,33136,"GARCIA, MARIA",MD\n'
        "O1,09/14/2026,99213,,1,11,33136,MIAMI PLASTIC SURGERY CENTER,\n"
        "A1,09/14/2026,66984,RT,1,24,33136,MIAMI PLASTIC SURGERY CENTER,\n"
    )
    rows, summary, _ = _run(tmp_path, "names", header + text)
    _, practice, at_asc = rows
    assert Decimal(practice["allowed"]) == fee_2026("99213", "0910204")
    assert "'MIAMI PLASTIC SURGERY CENTER' not read as a practitioner" in practice["note"]
    assert "Provider read from" not in practice["note"]
    assert "Provider read from Rendering Provider: ASC" in at_asc["note"]
    assert summary["totals"]["facility_claims"]["lines"] == 1


def test_price_refuses_a_surgery_center_name_away_from_the_asc_as_a_practice_s(tmp_path: Path, pricer: Pricer) -> None:
    """`price --setting 11 --provider 'MIAMI PLASTIC SURGERY CENTER'` said the name 'names an ambulatory surgical center
    (CMS specialty 49)', where batch reads the same cell at the office as a practice's name: price now says what batch
    says of it (``not_a_practitioner_reason``). At --setting 24 it is the ASC's, and a name ending in ASC is an ASC's
    anywhere, as before."""
    from typer.testing import CliRunner

    from rvucalc.cli import app
    from rvucalc.lookup.credentials import not_a_practitioner_reason

    def refused(setting: str, cell: str) -> str:
        result = CliRunner().invoke(
            app, ["price", "99213", "--zip", "33136", "--date", "2026-09-14", "--setting", setting, "--provider", cell]
        )
        assert result.exit_code == 2, result.output
        return " ".join(result.stderr.split())

    practice = "MIAMI PLASTIC SURGERY CENTER"
    reason = not_a_practitioner_reason(practice)
    assert reason is not None
    for setting in ("11", "office", "22"):
        said = refused(setting, practice)
        assert "names an ambulatory surgical center" not in said and reason in said, (setting, said)
    rows, _, _ = _run(tmp_path, "office", HEADER + SURGEON + f"O1,09/14/2026,99213,,1,11,,33136,{practice}\n")
    assert reason in rows[1]["note"]  # batch's note of the cell says the same
    for setting, cell in (("24", practice), ("asc", practice), ("11", "ROCKY MOUNTAIN ENDOSCOPY CENTER ASC")):
        assert "names an ambulatory surgical center (CMS specialty 49)" in refused(setting, cell), (setting, cell)
    for setting, words in (("11", reason), ("24", "names an ambulatory surgical center")):  # the API's alike
        with pytest.raises(UsageError, match=re.escape(words)):
            pricer.price("99213", zip_code="33136", setting=setting, provider=practice)
