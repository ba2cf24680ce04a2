"""Intraoperative neurophysiology monitoring billed by the surgeon who operated (``engine.neuromonitoring``): the NCCI
Policy Manual (ch. XI) says the physician performing an operative or anesthesia procedure does not report 95940, 95941
or G0453, included in the procedure's global package. A spine group's trial: `rvucalc price 22612 95940 --setting 21`
and the surgeon's batch claim (22612, 63047, 95940 x 6) priced 95940 with no word. Now it is noted, naming the
procedure, in price and in a batch claim alike (a practitioner's lines of a claim and date); not beside an assistant's
line, an E/M alone or another practitioner's lines. The amounts stay CMS's fee schedule amounts, recomputed here from
CMS's own rows (RVU26C and the 2026 GPCIs, TENNESSEE 1031235)."""

from __future__ import annotations

import csv
from pathlib import Path

from typer.testing import CliRunner

from cms_fees import fee_2026, rvu_2026_row
from rvucalc.cli import app
from rvucalc.engine.neuromonitoring import monitoring_note
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _money, encounters_both_ways

ZIP, DATE, LOCALITY, INPATIENT = "37203", "2026-08-03", "1031235", "21"  # Nashville, TN; RVU26C in force

# (codes, the procedures each line's note names, or None)
CLAIMS: list[tuple[list[str], list[str | None]]] = [
    (["22612", "95940"], [None, "22612"]),  # the trial's claim
    (["22612", "63047", "95940"], [None, None, "22612, 63047"]),
    (["61510", "G0453"], [None, "61510"]),  # monitored from outside the room, a craniotomy's
    (["95940"], [None]),  # the monitoring practitioner's own claim
    (["95940", "95938"], [None, None]),  # with its baseline study (XXX): no operation
    (["99223", "95940"], [None, None]),  # an E/M is no operative procedure
    (["22612-80", "95940"], [None, None]),  # an assistant at surgery's line: no package of its own
]


def test_the_codes_are_cms_own() -> None:
    """95940 and G0453 are paid (status A, XXX); 95941 is status I (Medicare pays G0453 for it); the procedures have
    global periods 090 (22612, 63047, 61510), 95938 XXX."""
    for code in ("95940", "G0453"):
        assert rvu_2026_row(code)[3] == "A" and rvu_2026_row(code)[14] == "XXX", code
    assert rvu_2026_row("95941")[3] == "I"
    for code in ("22612", "63047", "61510"):
        assert rvu_2026_row(code)[14] == "090", code
    assert rvu_2026_row("95938")[14] == "XXX"


def test_monitoring_beside_the_practitioner_s_own_operation_is_noted_in_price_and_batch(pricer: Pricer) -> None:
    claims = [(codes, [said is not None for said in named]) for codes, named in CLAIMS]
    expected = iter(said for _, named in CLAIMS for said in named)
    checked = 0
    for codes, code, line, row, _ in encounters_both_ways(pricer, claims, ZIP, DATE, setting=INPATIENT):
        named = next(expected)
        notes = (row["note"] or "").split("; ")
        if named is None:
            assert not any("neurophysiology monitoring" in note for note in line.notes), (codes, code)
            assert not any("neurophysiology monitoring" in note for note in notes), (codes, code)
        else:
            note = monitoring_note(code, named.split(", "))
            assert note in line.notes and note in notes, (codes, code, row["note"])
            checked += 1
        bare = code.split("-")[0]
        if bare in ("95940", "G0453"):  # the amounts stay CMS's
            cms = fee_2026(bare, LOCALITY, facility=True)
            assert line.pfs.facility.amount == cms == _money(row["pfs_facility_amount"]), (codes, code)
    assert checked == 3


def test_another_practitioner_s_monitoring_on_the_claim_is_not_noted(tmp_path: Path) -> None:
    """A practice's export (its own column names, a credentials column): the surgeon's claim with 95940 x 6 is noted,
    the PA's line of 95940 on the surgeon's claim is another practitioner's (the provider column) and is not; the
    surgeon's 95940 is CMS's amount x 6."""
    source = tmp_path / "claims.csv"
    source.write_text(
        "Claim ID,DOS,POS,Credentials,CPT,Mod 1,Units,Service Facility ZIP\n"
        f"A,08/03/2026,{INPATIENT},MD,22612,,1,{ZIP}\n"
        f"A,08/03/2026,{INPATIENT},MD,95940,,6,{ZIP}\n"
        f"B,08/03/2026,{INPATIENT},MD,22612,,1,{ZIP}\n"
        f"B,08/03/2026,{INPATIENT},PA-C,95940,,1,{ZIP}\n"
    )
    done = CliRunner().invoke(app, ["batch", str(source)])
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(done.stdout.splitlines()))
    note = monitoring_note("95940", ["22612"])
    assert note in rows[1]["note"].split("; ") and "neurophysiology monitoring" not in rows[3]["note"]
    assert _money(rows[1]["allowed"]) == fee_2026("95940", LOCALITY, facility=True) * 6


def test_a_neurologist_s_monitoring_on_the_surgeon_s_group_claim_is_not_said_denied(tmp_path: Path) -> None:
    """A spine group's export: the surgeon's 22612 and the group's neurologist's 95940 x 6 on one claim (its id the
    hospital encounter's), both MD. rvucalc reads a claim's lines by provider type, so the two read as one practitioner
    and the note is on 95940; it must not say they are the same practitioner nor that the MAC denies the line: a
    neurologist's monitoring is paid (NCCI Policy Manual ch. XI names the physician performing the operation), and it
    is priced, CMS's amount x 6."""
    source = tmp_path / "claims.csv"
    source.write_text(
        "Claim ID,DOS,POS,Rendering Provider,Credentials,CPT,Units,Service Facility ZIP\n"
        f"E1,08/03/2026,{INPATIENT},SMITH JOHN,MD,22612,1,{ZIP}\n"
        f"E1,08/03/2026,{INPATIENT},LEE ANN,MD,95940,6,{ZIP}\n"
    )
    done = CliRunner().invoke(app, ["batch", str(source)])
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(done.stdout.splitlines()))
    [said] = [note for note in rows[1]["note"].split("; ") if "neurophysiology monitoring" in note]
    assert "by the same practitioner" not in said and "MAC denies it." not in said, said
    assert "two physicians of a group read as one" in said and "another physician monitored" in said, said
    assert "paid as priced" in said, said
    assert _money(rows[1]["allowed"]) == fee_2026("95940", LOCALITY, facility=True) * 6


def test_the_note_names_its_source_and_has_no_separator() -> None:
    note = monitoring_note("G0453", ["22612", "00670"])
    assert "NCCI Policy Manual ch. XI" in note and "22612, 00670" in note and "; " not in note


def test_95941_names_g0453_medicare_s_code_for_it(tmp_path: Path) -> None:
    """RVU26C: 95941 (monitoring from outside the room, per hour) status I, G0453 (the same, one patient, each 15
    minutes) status A. A trial's 95941 x 3 read only "Medicare uses another code": the reason names G0453 and its
    units, in price (exit 1, not payable) and batch (no amount) alike."""
    assert rvu_2026_row("95941")[3] == "I" and rvu_2026_row("G0453")[3] == "A"
    done = CliRunner().invoke(app, ["price", "95941", "--zip", ZIP, "--date", DATE, "--setting", INPATIENT])
    said = " ".join(done.output.split())
    assert done.exit_code == 1 and "Medicare pays it as G0453" in said and "4 units" in said, said
    source = tmp_path / "claims.csv"
    source.write_text(f"claim,code,units,date,zip,pos\nA,95941,3,{DATE},{ZIP},{INPATIENT}\n")
    batch = CliRunner().invoke(app, ["batch", str(source)])
    [row] = list(csv.DictReader(batch.stdout.splitlines()))
    assert "Medicare pays it as G0453" in row["note"] and row["allowed"] == ""
    reason = next(part for part in row["note"].split("; ") if "G0453" in part)  # one note part, whole
    assert reason.endswith("77 FR 69069)"), row["note"]
