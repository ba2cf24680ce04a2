"""An audiologist's line (an ENT/audiology trial: a `Rendering Credential` of AUD on 92557 in ZIP 94110 was priced at
the full fee but with a long "not read as a practitioner" note, and counted as an unread provider). A qualified
audiologist bills under their own NPI, and their diagnostic tests are "covered and payable under the MPFS" (Medicare
Benefit Policy Manual ch. 15 §80.3.C): the full PFS amount, as a physician's line. Modifier AB (2023: an audiologist's
assessment without an order, MLN Matters MM13055) is informational: no payment rule attaches to it.

Medicare pays an audiologist for hearing and balance assessment alone (§80.3.A, §80.3.C; no therapeutic services,
§80.3.F): an audiology trial's AUD 99213 and 69210 (ZIP 30342) were priced in full with no word. Their line of an E/M
visit, a surgical procedure, an always-therapy code (the RVU file's multiple procedure indicator 5) or 95992 is noted,
its amounts still CMS's (engine.audiologists), in price and batch alike."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026, rvu_2026_row
from rvucalc.batch.lines import provider_of
from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer
from test_batch_provider_column import _cms_fee, _money

CELLS = ["AUD", "aud", "Au.D.", "AuD", "Audiologist", "CCC-A", "64", "SMITH, JO AUD", "Jo Smith, AuD",
         "Jo Smith, Au.D.", "AuD, CCC-A"]  # fmt: skip


@pytest.mark.parametrize("cell", CELLS)
def test_an_audiologist_cell_is_read_as_a_full_fee_practitioner(cell: str) -> None:
    assert provider_of(cell) == "audiologist"  # priced as a physician's line (the tests below: CMS's full fee)


def test_the_trial_s_92557_aud_row_is_cms_s_full_fee_without_a_note(tmp_path: Path, pricer: Pricer) -> None:
    source = tmp_path / "ent.csv"
    rows = "".join(f'92557,,94110,2026-09-14,"{cell}"\n' for cell in [*CELLS, "MD"])
    source.write_text("CPT Code,Modifier,Patient ZIP,Date of Service,Rendering Credential\n" + rows
                      + "92557,AB,94110,2026-09-14,AUD\n")  # fmt: skip
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "names no practitioner" not in result.stderr
    fee = _cms_fee(pricer, "92557", "94110", 2026)["non_facility"]
    for row in csv.DictReader(out.open()):
        assert _money(row["pfs_non_facility_amount"]) == fee, row
        assert row["pfs_non_facility_limiting_charge"], row  # non-assigned claims are allowed (§80.3.G)
        assert "not read" not in row["note"] and not row["error"], row


@pytest.mark.parametrize("word", ["AUD", "audiologist", "CCC-A"])
def test_price_takes_an_audiologist_provider(word: str, pricer: Pricer) -> None:
    done = CliRunner().invoke(
        app, ["price", "92557", "--zip", "94110", "--date", "2026-09-14", "--provider", word, "-f", "json"]
    )
    assert done.exit_code == 0, done.output
    fee = _cms_fee(pricer, "92557", "94110", 2026)["non_facility"]
    assert _money(json.loads(done.stdout)["pfs"]["non_facility"]["amount"]) == fee


ATLANTA = "30342"
ATLANTA_LOCALITY = "1021201"  # ZIP 30342 (CMS's ZIP5 file): Atlanta, GA
NOT_AUDIOLOGY = [("99213", "an evaluation and management service"), ("69210", "a surgical procedure"),
                 ("97112", "a therapy service"), ("95992", "canalith repositioning"),
                 ("G0268", "a physician's removal of impacted cerumen")]  # fmt: skip


def test_an_audiologist_s_g0268_physician_cerumen_removal_is_noted_as_their_69210_is(pricer: Pricer) -> None:
    """An ENT trial: the audiologist's G0268 ("Removal of impacted wax md", the RVU file's short descriptor: the
    physician's cerumen removal on the day of the audiologist's tests) was priced with no word, where their 69210 was
    noted. The CY2003 PFS final rule: not to be used when the audiologist removes cerumen (67 FR 80011-12). Noted, the
    amount still CMS's; the physician's G0268 beside the audiologist's tests says nothing."""
    assert "wax md" in rvu_2026_row("G0268")[2].lower()  # the physician's code, by CMS's own descriptor
    said = [note for note in _priced("G0268", "--provider", "AUD")["notes"] if "§80.3" in note]
    assert len(said) == 1 and "G0268 is a physician's removal of impacted cerumen" in said[0], said
    assert "the amount is unchanged" in said[0]
    physician = _priced("G0268")
    assert not [note for note in physician["notes"] if "§80.3" in note]
    assert _money(physician["pfs"]["non_facility"]["amount"]) == fee_2026("G0268", ATLANTA_LOCALITY)


def _priced(code: str, *provider: str) -> dict:  # type: ignore[type-arg]
    done = CliRunner().invoke(app, ["price", code, "--zip", ATLANTA, "--date", "2026-09-14", *provider, "-f", "json"])
    assert done.exit_code == 0, done.output
    return json.loads(done.stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize(("code", "what"), NOT_AUDIOLOGY)
def test_an_audiologist_s_line_outside_assessment_is_noted_at_cms_s_amounts(code: str, what: str,
                                                                            pricer: Pricer) -> None:  # fmt: skip
    from rvucalc.engine.audiologists import audiologist_note

    result = _priced(code, "--provider", "AUD")
    said = [note for note in result["notes"] if "§80.3" in note]
    assert said == [
        audiologist_note(
            "audiologist",
            code,
            str(
                pricer.store(next(r for r in pricer.catalogue.releases("pfs") if r.year == 2026)).rvu(code)["mult_proc"]
            ),
        )
    ], said
    assert f"{code} is {what}" in said[0] and "the amount is unchanged" in said[0]
    fee = _cms_fee(pricer, code, ATLANTA, 2026)
    assert _money(result["pfs"]["non_facility"]["amount"]) == fee["non_facility"]
    assert _money(result["pfs"]["facility"]["amount"]) == fee["facility"]
    assert result["pfs"]["non_facility"]["limiting_charge"]  # still a non-assigned claim's (§80.3.G)
    # A physician's line of the code says nothing of it.
    assert not [note for note in _priced(code)["notes"] if "§80.3" in note]


@pytest.mark.parametrize("code", ["92557", "92540", "92626"])
def test_an_audiologist_s_test_is_not_noted(code: str) -> None:
    assert not [note for note in _priced(code, "--provider", "AUD")["notes"] if "§80.3" in note]


def test_batch_says_what_price_says(tmp_path: Path, pricer: Pricer) -> None:
    source = tmp_path / "audiology.csv"
    codes = [code for code, _ in NOT_AUDIOLOGY] + ["92557"]
    source.write_text("Claim,DOS,CPT Code,Units,POS,ZIP,Rendering Credential\n"
                      + "".join(f"A{n},09/14/2026,{code},1,11,{ATLANTA},AuD\n" for n, code in enumerate(codes))
                      + f"M1,09/14/2026,99213,1,11,{ATLANTA},MD\n")  # fmt: skip
    out = tmp_path / "out.csv"
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(out.open()))
    for code, row in zip([*codes, "99213"], rows, strict=True):
        single = _priced(code, *(("--provider", "AUD") if row is not rows[-1] else ()))
        said = [note for note in single["notes"] if "§80.3" in note]
        assert [part for part in row["note"].split("; ") if "§80.3" in part] == said, row
        assert _money(row["pfs_non_facility_amount"]) == _cms_fee(pricer, code, ATLANTA, 2026)["non_facility"]
