"""A registered dietitian's medical nutrition therapy (an endocrinology trial: a `Rendering Credential` of RD on 97802
x4 in ZIP 85004 on 06/17/2025 was priced as a physician's line, $140.32 with a limiting charge and an "unread provider"
note; `--provider RD`, `dietitian`, `71` were refused). MNT furnished by a registered dietitian or nutrition
professional is paid "85 percent of the physician fee schedule amount" (42 CFR 414.64(a)), and the dietitian must
accept assignment (Claims Processing Manual ch. 1 §30.3.1: "registered dietitians/nutritionists"): 85%, no limiting
charge; the patient's $0.00 of a preventive service stays. The 85% is 414.64's rule for MNT (97802-97804, G0270,
G0271): another code billed by a dietitian is priced as written, with a note saying so."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.batch.lines import provider_of
from rvucalc.cli import app
from rvucalc.engine.policy import mnt_provider_note
from rvucalc.lookup.lines import DIETITIAN_ASSIGNMENT_NOTE, DIETITIAN_NOT_MNT_NOTE
from rvucalc.lookup.pricer import Pricer
from test_batch_provider_column import _cms_fee, _money

CELLS = ["RD", "rd", "R.D.", "RDN", "RD, LD", "RDN, LD", "RD LDN", "LD", "LDN", "Registered Dietitian",
         "Registered Dietitian Nutritionist", "Dietitian", "71", "SMITH, JO RDN", "Jo Smith, RD",
         "SMITH, JO RD, LD"]  # fmt: skip


def _85_percent(amount: Decimal) -> Decimal:
    """85% of a unit's fee schedule amount, rounded once half-up to the cent (42 CFR 414.64(a))."""
    return (amount * Decimal("0.85")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.mark.parametrize("cell", CELLS)
def test_a_dietitian_cell_is_read_as_a_dietitian(cell: str) -> None:
    assert provider_of(cell) == "dietitian"


# The trial's rows: (code, ZIP, date, year of CMS's files, units, credential).
TRIAL = [("97802", "85004", "06/17/2025", 2025, 4, "RD"), ("97803", "85004", "06/17/2025", 2025, 2, "RDN, LD"),
         ("G0270", "55905", "03/09/2026", 2026, 2, "RD")]  # fmt: skip


@pytest.mark.parametrize("claims", [False, True], ids=["alone", "in-claims"])
def test_the_trial_s_mnt_rows_are_85_percent_of_cms_s_fee_without_a_limiting_charge(
    claims: bool, tmp_path: Path, pricer: Pricer
) -> None:
    """Each row alone (the trial's file) and in claims (the encounter rules' path: batch.claims): the same money."""
    source = tmp_path / "endocrinology.csv"
    rows = "".join(f'{"C1," if claims else ""}{code},11,{zip_code},{date},{units},"{who}"\n'
                   for code, zip_code, date, _, units, who in TRIAL)  # fmt: skip
    header = "CPT,POS,ZIP,Date of Service,Units,Rendering Credential\n"
    source.write_text(("Claim ID," if claims else "") + header + rows)
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--summary", "-"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["unread_provider"] == 0
    priced = list(csv.DictReader(out.open()))
    for row, (code, zip_code, _, year, units, _) in zip(priced, TRIAL, strict=True):
        fee = _cms_fee(pricer, code, zip_code, year)
        for setting in ("non_facility", "facility"):
            assert _money(row[f"pfs_{setting}_amount"]) == _85_percent(fee[setting]), row
            assert row[f"pfs_{setting}_limiting_charge"] == "", row
        assert _money(row["allowed"]) == units * _85_percent(fee["non_facility"]), row
        assert _money(row["beneficiary"]) == Decimal("0.00"), row  # MNT: no deductible or coinsurance
        assert DIETITIAN_ASSIGNMENT_NOTE in row["note"], row
        assert "not read" not in row["note"] and not row["error"], row
    # the trial's figures, as CMS's files give them: $29.82 a unit of 97802 (85% of $35.08), $27.17 of G0270
    assert [_money(row["allowed"]) for row in priced] == [Decimal("119.28"), Decimal("52.02"), Decimal("54.34")]


@pytest.mark.parametrize("word", ["dietitian", "rd", "RD", "RDN", "71", "RD, LD"])
def test_price_takes_a_dietitian_provider(word: str, pricer: Pricer) -> None:
    done = CliRunner().invoke(app, ["price", "97802", "--zip", "85004", "--date", "06/17/2025", "--setting", "11",
                                    "--units", "4", "--provider", word, "-f", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    result = json.loads(done.stdout)
    fee = _cms_fee(pricer, "97802", "85004", 2025)
    for setting in ("non_facility", "facility"):
        amount = result["pfs"][setting]
        assert _money(amount["amount"]) == _85_percent(fee[setting])
        assert amount["limiting_charge"] is None
    assert DIETITIAN_ASSIGNMENT_NOTE in result["notes"]


def test_a_dietitian_s_other_code_is_priced_as_written_with_a_note(pricer: Pricer) -> None:
    """42 CFR 414.64 sets an MNT line's 85%; a dietitian's 99213 is no MNT: the full amount (rvucalc does not deny it
    without CMS's text), with a note that Medicare pays a dietitian for MNT (and DSMT in an accredited program)."""
    done = CliRunner().invoke(app, ["price", "99213", "--zip", "85004", "--date", "06/17/2025", "--provider", "RD",
                                    "-f", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    result = json.loads(done.stdout)
    fee = _cms_fee(pricer, "99213", "85004", 2025)
    assert _money(result["pfs"]["non_facility"]["amount"]) == fee["non_facility"]
    assert result["pfs"]["non_facility"]["limiting_charge"] is None
    assert DIETITIAN_NOT_MNT_NOTE in result["notes"]
    assert DIETITIAN_ASSIGNMENT_NOTE not in result["notes"]


@pytest.mark.parametrize(("code", "credential", "provider", "share"),
                         [("97802", "", "physician", Decimal(1)), ("97803", "MD", "physician", Decimal(1)),
                          ("G0270", "NP", "np", Decimal("0.85"))])  # fmt: skip
def test_mnt_billed_by_no_dietitian_is_priced_as_written_with_a_note(
    code: str, credential: str, provider: str, share: Decimal, tmp_path: Path, pricer: Pricer
) -> None:
    """MNT is covered only when a registered dietitian or nutrition professional furnishes it (SSA §1861(vv)(1), 42
    CFR 410.132(a), paid to them: 414.64(b)). An endocrinology trial: 97802 with no provider column (the run's
    physician) was priced at CMS's full fee with no word of it. The amount stays as written (a physician's CMS fee, an
    NP's 85% of it), and price and batch say whose benefit it is, in the same place among the notes."""
    note = mnt_provider_note(provider, code)
    assert note is not None and "; " not in note
    fee = _cms_fee(pricer, code, "85016", 2026)["non_facility"]
    expected = fee if share == 1 else _85_percent(fee)
    done = CliRunner().invoke(app, ["price", code, "--zip", "85016", "--date", "2026-03-02", "--setting", "11",
                                    "--provider", provider, "-f", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    result = json.loads(done.stdout)
    assert _money(result["pfs"]["non_facility"]["amount"]) == expected
    assert note in result["notes"]
    source = tmp_path / "mnt.csv"
    source.write_text(f"Claim ID,CPT Code,DOS,POS,Zip Code,Units,Rendering Credential\nM1,{code},03/02/2026,11,85016,2,"
                      f"{credential}\n")  # fmt: skip
    out = tmp_path / "out.csv"
    batch = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "-q"])
    assert batch.exit_code == 0, batch.output
    row = next(csv.DictReader(out.open()))
    assert _money(row["allowed"]) == 2 * expected, row
    parts = row["note"].split("; ")
    assert note in parts, row
    shown = [part for part in parts if part in result["notes"]]
    assert shown == [part for part in result["notes"] if part in parts]  # the lookup's order


def test_a_dietitian_s_mnt_and_another_code_get_no_mnt_provider_note() -> None:
    assert mnt_provider_note("dietitian", "97802") is None
    assert mnt_provider_note("physician", "99213") is None
    assert mnt_provider_note("physician", "G0108") is None  # DSMT: no dietitian-only benefit


@pytest.mark.parametrize(("provider", "whose"),
                         [("np", "the NP's"), ("csw", "the CSW's"), ("therapist", "the therapist's"),
                          ("psychologist", "the psychologist's"), ("audiologist", "the audiologist's"),
                          ("slp", "the speech-language pathologist's"), ("cnm", "the nurse-midwife's")])  # fmt: skip
def test_the_mnt_note_names_a_practitioner_by_word_not_in_capitals(provider: str, whose: str, tmp_path: Path) -> None:
    """The MNT note names whose line it priced: initials for NP, PA, CNS, CSW, a word for the others (a review:
    `price 97802 --provider therapist` read "priced here as the THERAPIST's line"), price and batch alike."""
    note = mnt_provider_note(provider, "97802")
    assert note is not None and f"priced here as {whose} line" in note
    done = CliRunner().invoke(app, ["price", "97802", "--zip", "85016", "--date", "2026-03-02", "--setting", "11",
                                    "--provider", provider, "-f", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    assert note in json.loads(done.stdout)["notes"]
    source = tmp_path / "mnt.csv"
    source.write_text("CPT Code,DOS,POS,Zip Code\n97802,03/02/2026,11,85016\n")
    out = tmp_path / "out.csv"
    batch = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "-q", "--provider", provider])
    assert batch.exit_code == 0, batch.output
    assert note in next(csv.DictReader(out.open()))["note"].split("; ")


@pytest.mark.parametrize("credential", ["", "RD"], ids=["physician", "dietitian"])
def test_mnt_s_preventive_waiver_note_is_the_dietitian_s_benefit(
    credential: str, tmp_path: Path, pricer: Pricer
) -> None:
    """A trial: `price 97802 --zip 15213 --date 2026-06-02` (a physician's line) said "A physician's or NPP's own MNT
    line is not covered as MNT" beside the waiver's bare "the patient pays $0.00". MNT's waiver is the benefit of a
    registered dietitian or nutrition professional (SSA §1861(vv)(1), 42 CFR 410.132(a)): its note says so, on a
    physician's line and a dietitian's, price and batch alike; the money stays (CMS's fee, a dietitian's 85% of it)."""
    fee = _cms_fee(pricer, "97802", "15213", 2026)["non_facility"]
    expected = _85_percent(fee) if credential else fee
    args = ["--provider", "dietitian"] if credential else []
    done = CliRunner().invoke(app, ["price", "97802", "--zip", "15213", "--date", "2026-06-02", "--setting", "11",
                                    "-f", "json", *args])  # fmt: skip
    assert done.exit_code == 0, done.output
    result = json.loads(done.stdout)
    assert _money(result["pfs"]["non_facility"]["amount"]) == expected
    waived = [note for note in result["notes"] if note.startswith("Preventive service (Medical nutrition therapy)")]
    assert len(waived) == 1 and "when a registered dietitian or nutrition professional furnishes it" in waived[0]
    source = tmp_path / "mnt.csv"
    source.write_text(f"Claim ID,CPT Code,DOS,POS,Zip Code,Units,Rendering Credential\nM1,97802,06/02/2026,11,15213,1,"
                      f"{credential}\n")  # fmt: skip
    out = tmp_path / "out.csv"
    batch = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "-q"])
    assert batch.exit_code == 0, batch.output
    row = next(csv.DictReader(out.open()))
    assert _money(row["allowed"]) == expected and _money(row["beneficiary"]) == Decimal("0.00"), row
    assert waived[0] in row["note"].split("; "), row
