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
    assert snf_therapy_paid_non_facility("physician", ["GP"], "0", "0", "31")
    assert snf_therapy_paid_non_facility("therapist", [], "0", "0", "31")
    assert not snf_therapy_paid_non_facility("physician", [], "0", "0", "31")  # not therapy
    assert not snf_therapy_paid_non_facility("physician", ["GP"], "0", "0", "32")  # the non-facility rate already
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
