"""An RHC's trial (Kentucky, 2026): its LCSW's 90834 at POS 31 (a SNF resident's covered Part A stay) was priced
$68.38, 75% of CMS's PFS facility amount, with no word that a clinical social worker's services there are the SNF's
under consolidated billing (SSA §1888(e)(2)(A)(ii) excludes physicians', NPs', PAs', CNSs' and psychologists'
services, not CSWs'; CMS Transmittal B-02-067, CR 2360). Now said, price and batch alike; the amount is unchanged
(rvucalc prices MFTs and MHCs as csw alike and does not tell them apart), a psychologist's and a NP's lines say nothing
of it, and POS 32 (a resident outside a covered stay) neither."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from cms_fees import CENT, fee_2026
from rvucalc.cli import app
from rvucalc.engine.modifiers import csw_snf_part_a_note

runner = CliRunner()
ZIP, LOCALITY, DATE = "41701", "1510200", "2026-03-11"  # Hazard, KY: the statewide locality
SAID = "subject to SNF consolidated billing"


def _csw(amount: Decimal) -> Decimal:
    return (amount * Decimal("0.75")).quantize(CENT, ROUND_HALF_UP)


def test_the_note_is_a_csw_s_line_at_pos_31_alone() -> None:
    said = csw_snf_part_a_note("90834", ["AJ"], "31")
    assert said is not None and SAID in said and "; " not in said
    assert [csw_snf_part_a_note("90834", ["AJ"], place) for place in ("32", "11", "21", "72", None)] == [None] * 5
    assert csw_snf_part_a_note("90834", [], "31") is None  # a physician's or psychologist's line
    assert csw_snf_part_a_note("90834", ["AH"], "31") is None


def test_price_says_consolidated_billing_of_a_csw_s_psychotherapy_at_a_snf() -> None:
    done = runner.invoke(app, ["price", "90834", "--provider", "LCSW", "--setting", "31", "--zip", ZIP, "--date", DATE,
                               "-f", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    result = json.loads(done.stdout)
    assert any(SAID in note for note in result["notes"]), result["notes"]
    [site] = result["sites"]
    assert Decimal(str(site["allowed"])) == _csw(fee_2026("90834", LOCALITY, facility=True))


def test_batch_says_it_on_the_csw_s_row_alone(tmp_path: Path) -> None:
    source, out = tmp_path / "claims.csv", tmp_path / "out.csv"
    rows = [("90834", "31", "LCSW"), ("90791", "31", "PhD"), ("99310", "31", "APRN"), ("90834", "32", "LCSW")]
    source.write_text(
        "Claim Number,Service Date,Place of Service,Procedure Code,Units,Rendering Provider Credentials,Zip\n"
        + "".join(f"S{n},03/11/2026,{pos},{code},1,{cred},{ZIP}\n" for n, (code, pos, cred) in enumerate(rows))
    )
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    with open(out, newline="") as handle:
        got = list(csv.DictReader(handle))
    assert [SAID in row["note"] for row in got] == [True, False, False, False]
    assert Decimal(got[0]["allowed"]) == _csw(fee_2026("90834", LOCALITY, facility=True))
    assert Decimal(got[3]["allowed"]) == _csw(fee_2026("90834", LOCALITY))


def test_an_mft_s_or_mhc_s_row_at_pos_31_is_not_told_it_is_the_snf_s(tmp_path: Path) -> None:
    """A review: an LMFT's and an LPC's 90834 at POS 31 (provider cells read as csw, priced as a CSW's) were told only
    that a clinical social worker's services there are not billed to Part B. MFT and MHC services are excluded from SNF
    consolidated billing from January 1, 2024 (CAA 2023; FY 2024 SNF PPS final rule, CMS-1779-F): the note says so,
    the LCSW's line still its own rule; the amounts are CMS's 75% of the facility amount."""
    source, out = tmp_path / "claims.csv", tmp_path / "out.csv"
    credentials = ("LCSW", "LMFT", "LPC")
    source.write_text(
        "Claim Number,Service Date,Place of Service,Procedure Code,Units,Rendering Provider Credentials,Zip\n"
        + "".join(f"S{n},03/11/2026,31,90834,1,{cred},{ZIP}\n" for n, cred in enumerate(credentials))
    )
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    with open(out, newline="") as handle:
        got = list(csv.DictReader(handle))
    exclusion = "excluded from it from January 1, 2024 and billed to Part B (FY 2024 SNF PPS final rule, CMS-1779-F)"
    for row in got:
        said = [note for note in row["note"].split("; ") if SAID in note]
        assert len(said) == 1 and "marriage and family therapist's or mental health counselor's" in said[0], row
        assert exclusion in said[0], said
        assert Decimal(row["allowed"]) == _csw(fee_2026("90834", LOCALITY, facility=True))
