"""Spelled-out NP, PA and CNS titles as billing systems export them: the boards' ('Family Nurse Practitioner',
'Adult-Gerontology Nurse Practitioner', "Women's Health NP", 'NP, Family') and NUCC's taxonomy display names ('Nurse
Practitioner, Family', 'Physician Assistant, Surgical', 'Clinical Nurse Specialist, Adult Health'). A trial found
`rvucalc price 90834 --zip 60614 --provider "Family Nurse Practitioner"` refused (exit 2) and batch pricing such rows
at a physician's 100% with the unread provider's note. They are read: CMS's amount (RVU26C x the 2026 Chicago GPCIs x
CF, ``cms_fees``) x 85%. A nurse's other titles keep their reading (a nurse anesthetist's, a nurse-midwife's; an RN or
LPN unread), and 'Psychiatry, NP, LCSW' names two practitioner types, not one LCSW called 'Psychiatry NP'."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import CENT, fee_2026
from rvucalc.cli import app
from rvucalc.lookup.credentials import credentials_alone, provider_of
from test_batch_provider_np_pa_specialty_taxonomies_and_state_titles import _batch  # the same claim file

runner = CliRunner()
ZIP, LOCALITY, DATE = "60614", "0610216", "2026-08-03"  # CHICAGO
NP_TITLES = ["Family Nurse Practitioner", "Family NP", "Adult NP", "Pediatric NP",
             "Adult-Gerontology Nurse Practitioner", "Acute Care Nurse Practitioner", "NP, Family", "Women's Health NP",
             "Nurse Practitioner, Family", "Nurse Practitioner, Psychiatric/Mental Health",
             "Nurse Practitioner, Obstetrics & Gynecology",
             # with the certification (a review found them unread): the board's, the states' words
             "Family Nurse Practitioner (FNP-BC)", "Family Nurse Practitioner - Certified",
             "Certified Registered Nurse Practitioner", "Certified Nurse Practitioner"]  # fmt: skip
PA_TITLES = ["Physician Assistant, Medical", "Physician Assistant, Surgical", "Certified Physician Assistant"]
CNS_TITLES = [
    "Clinical Nurse Specialist, Adult Health",
    "Clinical Nurse Specialist, Psych/Mental Health, Adult",
    "Clinical Nurse Specialist - Certified",
]
TITLES = NP_TITLES + PA_TITLES + CNS_TITLES
# "Women's Health NP" was read before, by chance: as a name ('Women's Health') ending in NP
READ_BY_PRICE = [(title, kind) for titles, kind in ((NP_TITLES, "np"), (PA_TITLES, "pa"), (CNS_TITLES, "cns"))
                 for title in titles if title != "Women's Health NP"]  # fmt: skip
UNREAD = ["Registered Nurse", "Licensed Practical Nurse", "Registered Nurse, Psych/Mental Health, Adult",
          "Family Medicine", "Family Physician", "Pediatric Nurse", "Surgical PA"]  # fmt: skip


def _share(code: str, *, facility: bool = False) -> Decimal:
    return (fee_2026(code, LOCALITY, facility=facility) * Decimal("0.85")).quantize(CENT, ROUND_HALF_UP)


@pytest.mark.parametrize(("title", "provider"), READ_BY_PRICE)
def test_spelled_out_np_pa_cns_title_is_priced_at_85_percent_by_price(title: str, provider: str) -> None:
    result = runner.invoke(
        app, ["price", "90834", "--zip", ZIP, "--date", DATE, "--provider", title, "-f", "json"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    pfs = json.loads(result.stdout)["pfs"]
    assert Decimal(str(pfs["non_facility"]["amount"])) == _share("90834")
    assert Decimal(str(pfs["facility"]["amount"])) == _share("90834", facility=True)
    assert provider_of(title) == provider


def test_spelled_out_np_pa_cns_titles_are_priced_at_85_percent_by_batch(tmp_path: Path) -> None:
    rows = _batch(tmp_path, TITLES)
    assert [Decimal(row["allowed"]) for row in rows] == [_share("90834")] * len(TITLES)
    assert not any("not read" in row["note"] for row in rows)
    # a nurse's other titles keep their reading (a CRNA's, a nurse-midwife's), and titles of no NP, PA or CNS stay
    # unread: an RN, an LPN, a physician's specialty, a practice's name ending in PA
    kept = {"Nurse Anesthetist": "crna", "Nurse Midwife": "cnm", "Psychiatric Nurse Practitioner": "np"}
    assert {title: provider_of(title) for title in kept} == kept
    for title in UNREAD:
        with pytest.raises(ValueError):
            provider_of(title)


def test_psychiatry_np_lcsw_names_two_practitioner_types_not_an_lcsw(tmp_path: Path) -> None:
    """'Psychiatry, NP, LCSW' was read as a name ('Psychiatry NP') ending in LCSW: priced at a CSW's 75%. It is a list
    of credentials naming an NP and a CSW, unread as 'NP, LCSW' is: CMS's amount (the run's --provider), said why."""
    rows = _batch(tmp_path, ["Psychiatry, NP, LCSW", "NP, LCSW", "Psychiatry, NP"])
    fee = fee_2026("90834", LOCALITY)
    assert [Decimal(row["allowed"]) for row in rows] == [fee, fee, _share("90834")]
    for row in rows[:2]:
        assert "names two practitioner types (an NP and a CSW, MFT or MHC)" in row["note"]


@pytest.mark.parametrize("cell", ["Psychiatry, NP, LCSW", "NP, LCSW"])
def test_price_says_a_two_practitioner_types_provider_is_not_read_as_batch_does(tmp_path: Path, cell: str) -> None:
    """`rvucalc price --provider "Psychiatry, NP, LCSW"` exited 2 with the generic "choose physician, np, ..." where
    batch's note for the same cell says it names two practitioner types: price says batch's reason (one wording), exit
    code unchanged."""
    result = runner.invoke(app, ["price", "90834", "--zip", ZIP, "--date", DATE, "--provider", cell])
    assert result.exit_code == 2, result.output
    said = " ".join(result.output.split())
    assert "choose physician" not in said
    [row] = _batch(tmp_path, [cell])
    reason = row["note"].split(f"Provider {cell!r} ", 1)[1].split(" Priced as ")[0]
    assert reason.startswith("names two practitioner types (an NP and a CSW, MFT or MHC)")
    assert reason in said


def test_rendering_provider_column_of_spelled_out_titles_is_read_without_columns(tmp_path: Path) -> None:
    """A 'Rendering Provider' column of such titles and MD was left unread (every line a physician's, 100%) unless
    --columns named it: it is a column of practitioner types, read as one of NP and MD is."""
    source, out = tmp_path / "claims.csv", tmp_path / "out.csv"
    source.write_text(
        "Claim ID,Service Date,CPT,POS,Rendering Provider,Service ZIP\n"
        f"A1,{DATE},99214,11,Family Nurse Practitioner,{ZIP}\nA2,{DATE},99214,11,MD,{ZIP}\n"
        f'A3,{DATE},99214,11,"Physician Assistant, Surgical",{ZIP}\n'
    )
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    with open(out, newline="") as handle:
        rows = list(csv.DictReader(handle))
    fee = fee_2026("99214", LOCALITY)
    assert [Decimal(row["allowed"]) for row in rows] == [_share("99214"), fee, _share("99214")]


def test_registered_nurse_cell_does_not_leave_rendering_provider_column_unread(tmp_path: Path) -> None:
    """A 'Rendering Provider' column of NP and MD was left unread when one cell was 'Registered Nurse' (every row then
    priced at a physician's 100%): a nurse's non-billing title, spelled out as NUCC writes it, is a credential cell as
    RN and LPN are. The column is read (the NP's line at 85%); the nurses' rows keep their "not read" note."""
    source, out = tmp_path / "claims.csv", tmp_path / "out.csv"
    nurses = ["Registered Nurse", "Registered Nurse, Psych/Mental Health, Adult", "Licensed Practical Nurse"]
    source.write_text(
        "Claim ID,Service Date,CPT,POS,Rendering Provider,Service ZIP\n"
        f"A1,{DATE},99214,11,NP,{ZIP}\nA2,{DATE},99214,11,MD,{ZIP}\n"
        + "".join(f'B{n},{DATE},99214,11,"{cell}",{ZIP}\n' for n, cell in enumerate(nurses))
    )
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    assert "provider ← Rendering Provider" in done.stderr
    with open(out, newline="") as handle:
        rows = list(csv.DictReader(handle))
    fee = fee_2026("99214", LOCALITY)
    assert [Decimal(row["allowed"]) for row in rows] == [_share("99214"), fee, fee, fee, fee]
    for row, cell in zip(rows[2:], nurses, strict=True):
        assert f"Provider {cell!r} not read as a practitioner" in row["note"]
    # a cell that only begins with the title is no title: a column of names stays unread
    assert not credentials_alone(["NP", "MD", "Registered Nurse Jones"])
    assert not credentials_alone(["Registered Nurse"])  # no cell read: nothing to read the column by
