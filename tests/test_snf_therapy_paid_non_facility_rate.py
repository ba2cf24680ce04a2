"""A trial (Pittsburgh, 2026): a PT's 97597-GP at POS 31 was priced CMS's PFS facility amount ($30.61) as "the PFS
amount of the SNF's claim", where the SNF's institutional claim for its residents' outpatient therapy is paid under the
MPFS at the non-facility rate (Claims Processing Manual ch. 5 §10.1; engine.therapists.SNF_THERAPY_NOTE). Now the
therapy line at POS 31 is CMS's non-facility amount, price and batch alike (its units too); a physician's 97597 there
(not therapy: no GP, GO or GN) keeps the facility amount, and POS 32 was the non-facility rate already. The amounts are
CMS's, from the shipped RVU and GPCI files (``cms_fees``)."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app
from rvucalc.engine.therapists import SNF_THERAPY_NOTE, snf_therapy_paid_non_facility

runner = CliRunner()
ZIP, LOCALITY, DATE = "15213", "1250299", "2026-08-03"  # Pittsburgh: REST OF PENNSYLVANIA


def _price(*arguments: str) -> dict:
    done = runner.invoke(app, ["price", *arguments, "--zip", ZIP, "--date", DATE, "-f", "json"])
    assert done.exit_code == 0, done.output
    return json.loads(done.stdout)


def test_the_rule_is_a_therapy_line_at_pos_31_alone() -> None:
    assert snf_therapy_paid_non_facility("physician", ["GP"], "0", "0", "31", "97597")
    assert snf_therapy_paid_non_facility("therapist", [], "0", "0", "31", "97110")
    assert not snf_therapy_paid_non_facility("physician", [], "0", "0", "31", "97597")  # not therapy
    assert not snf_therapy_paid_non_facility("physician", ["GP"], "0", "0", "32", "97597")  # non-facility already
    assert not snf_therapy_paid_non_facility("physician", ["GP"], "0", "0", "31", "99308")  # an E/M visit
    assert "non-facility amount" in SNF_THERAPY_NOTE and "; " not in SNF_THERAPY_NOTE


def test_a_pt_s_sometimes_therapy_line_at_a_snf_is_cms_s_non_facility_amount() -> None:
    non_facility = fee_2026("97597", LOCALITY)
    assert non_facility != fee_2026("97597", LOCALITY, facility=True)  # the quirk: a code with a facility PE
    for units in (1, 2):
        result = _price("97597-GP", "--provider", "pt", "--setting", "31", "--units", str(units))
        [site] = result["sites"]
        assert Decimal(str(site["allowed"])) == non_facility * units, site
        assert any(note.startswith("Therapy to a SNF's resident") for note in result["notes"]), result["notes"]
    physician = _price("97597", "--setting", "31")
    assert Decimal(str(physician["sites"][0]["allowed"])) == fee_2026("97597", LOCALITY, facility=True)


def test_batch_prices_the_snf_s_therapy_row_as_price_does(tmp_path: Path) -> None:
    source, out, summary = tmp_path / "claims.csv", tmp_path / "out.csv", tmp_path / "summary.json"
    rows = [("T1", "97597", "GP", "31", 1, "SMITH, JANE PT"), ("T2", "97597", "GP", "31", 2, "SMITH, JANE PT"),
            ("T3", "97597", "", "31", 1, "DOE, JOHN MD"), ("T4", "97597", "GP", "32", 1, "SMITH, JANE PT")]  # fmt: skip
    source.write_text(
        "Claim ID,CPT Code,Mod 1,Date of Service,POS,Zip Code,Units,Provider\n"
        + "".join(
            f'{claim},{code},{mod},08/03/2026,{pos},{ZIP},{units},"{who}"\n'
            for claim, code, mod, pos, units, who in rows
        )
    )
    done = runner.invoke(app, ["batch", str(source), "-o", str(out), "--summary", str(summary)])
    assert done.exit_code == 0, done.output
    with open(out, newline="") as handle:
        got = list(csv.DictReader(handle))
    non_facility, facility = fee_2026("97597", LOCALITY), fee_2026("97597", LOCALITY, facility=True)
    assert [Decimal(row["allowed"]) for row in got] == [non_facility, non_facility * 2, facility, non_facility]
    assert [SNF_THERAPY_NOTE in row["note"] for row in got] == [True, True, False, False]
    assert [row["in_totals"] for row in got] == ["true"] * 4  # the totals count it as before
    totals = json.loads(summary.read_text())["totals"]["all"]
    assert Decimal(totals["allowed"]) == non_facility * 4 + facility


def test_the_therapy_line_s_place_note_does_not_say_the_facility_rate(tmp_path: Path) -> None:
    """The place note said "PFS facility rate" on the therapy line paid the non-facility amount (beside the therapy
    note's "not POS 31's facility rate"); the physician's visit beside it keeps it. Price and batch alike."""
    facility_rate = "POS 31 (Skilled nursing facility): PFS facility rate"
    result = _price("99308", "97597-GP", "--setting", "31")
    visit, therapy = result["lines"]
    assert any(note.startswith(facility_rate) for note in visit["notes"]), visit["notes"]
    assert not any(facility_rate in note for note in therapy["notes"]), therapy["notes"]
    assert any("the therapy line's PFS non-facility amount" in note for note in therapy["notes"]), therapy["notes"]
    source, out = tmp_path / "claims.csv", tmp_path / "out.csv"
    source.write_text(
        "Claim ID,CPT Code,Mod 1,Date of Service,POS,Zip Code,Units,Provider\n"
        f'S1,99308,,08/03/2026,31,{ZIP},1,"DOE, JOHN MD"\nS1,97597,GP,08/03/2026,31,{ZIP},1,"DOE, JOHN MD"\n'
        f'S2,97110,GP,08/03/2026,31,{ZIP},2,"SMITH, JANE PT"\n'
    )
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    visit_row, *therapy_rows = list(csv.DictReader(out.open()))
    assert facility_rate in visit_row["note"]
    for row, line in zip(therapy_rows, (therapy, None), strict=True):
        assert facility_rate not in row["note"] and "the therapy line's PFS non-facility amount" in row["note"], row
        if line is not None:  # the same note as price's
            assert [part for part in row["note"].split("; ") if part.startswith("POS 31")] == [
                note for note in line["notes"] if note.startswith("POS 31")]  # fmt: skip


def test_a_stray_gp_on_a_nursing_facility_visit_keeps_its_facility_amount(tmp_path: Path) -> None:
    """A review: a physician's 99308-GP at POS 31 was priced the non-facility amount ($76.00 in Pittsburgh, 2026) as
    therapy, not 99308's facility $65.88, while its note said GP changes nothing. An E/M visit is no therapy service.
    Price and batch alike."""
    facility = fee_2026("99308", LOCALITY, facility=True)
    assert facility != fee_2026("99308", LOCALITY)  # the quirk: the two rates differ
    priced = _price("99308-GP", "--setting", "31")
    [site] = priced["sites"]
    assert Decimal(str(site["allowed"])) == facility, site
    # nor told the SNF bills it at the non-facility amount (a later review: SNF_THERAPY_NOTE stayed on the visit)
    assert not any(note.startswith("Therapy to a SNF") for note in priced["notes"]), priced["notes"]
    source, out = tmp_path / "claims.csv", tmp_path / "out.csv"
    source.write_text(
        "Claim ID,CPT Code,Mod 1,Date of Service,POS,Zip Code,Units,Provider\n"
        f'V1,99308,GP,08/03/2026,31,{ZIP},1,"DOE, JOHN MD"\n'
    )
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    [row] = list(csv.DictReader(out.open()))
    assert Decimal(row["allowed"]) == facility, row
    assert "Therapy to a SNF" not in row["note"], row["note"]
