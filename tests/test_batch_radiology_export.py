"""A radiology group's trial of its RIS export (`Accession, Exam Date, CPT, ..., Patient ID`):

* 'Exam Date' was only hinted ("looks like one"), every 2025 exam priced with 2026's release (exit 0): a RIS's exam
  (study) date is the imaging service's date of service, read as the date.
* Each exam had its own accession, read as the claim, so one patient's CT and MRI of one day (74176, 72148) were paid
  in full, with no word: CMS's imaging reduction (RVU file, multiple procedure indicator 4) applies per patient and
  session. stderr says how many patient-days have imaging on several claims, and how to price them as one encounter
  (``batch.patient_days``); with that, the rows equal `rvucalc price 74176 72148` (the encounter's reduction)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer

runner = CliRunner()
RIS = """Accession,{date},CPT,Modifier 1,Units,Place of Service,Facility Zip,Patient ID
ACC3001,10/14/2025,74176,,1,11,98133,P017
ACC3002,10/14/2025,72148,,1,11,98133,P017
ACC3004,10/14/2025,71046,FX,1,11,99201,P031
"""


def _run(tmp_path: Path, text: str, *options: str) -> tuple[int, str, list[dict[str, str]]]:
    source, out = tmp_path / "ris.csv", tmp_path / "out.csv"
    source.write_text(text)
    done = runner.invoke(app, ["batch", str(source), "-o", str(out), *options])
    return done.exit_code, " ".join(done.stderr.split()), list(csv.DictReader(io.StringIO(out.read_text())))


@pytest.mark.parametrize("name", ["Exam Date", "Study Date", "Date of Exam"])
def test_the_exam_date_is_the_date_of_service(pricer: Pricer, tmp_path: Path, name: str) -> None:
    code, said, rows = _run(tmp_path, RIS.format(date=name))
    assert code == 0 and f"date ← {name}" in said and "no date column" not in said, said
    single = pricer.price("71046-FX", zip_code="99201", date_of_service="2025-10-14", setting="11")
    assert rows[2]["release"] == single.release and single.release.startswith("2025")
    assert Decimal(rows[2]["allowed"]) == single.sites[0].total


def test_imaging_of_one_patient_day_on_two_accessions_is_said(pricer: Pricer, tmp_path: Path) -> None:
    code, said, rows = _run(tmp_path, RIS.format(date="Exam Date"))
    assert code == 0
    assert "1 patient-day has diagnostic imaging on several claims ('Patient ID' read as the patient)" in said
    assert "--columns claim='Patient ID'" in said
    apart = [pricer.price(c, zip_code="98133", date_of_service="2025-10-14", setting="11") for c in ("74176", "72148")]
    assert [Decimal(row["allowed"]) for row in rows[:2]] == [line.sites[0].total for line in apart]  # each in full
    # As one encounter: `price 74176 72148`'s reduced amounts (the trial's $147.61 and $216.47 of $209.45, $220.13).
    code, said, rows = _run(tmp_path, RIS.format(date="Exam Date"), "--columns", "claim=Patient ID")
    assert code == 0 and "diagnostic imaging on several claims" not in said
    together = pricer.price_encounter(["74176", "72148"], zip_code="98133", date_of_service="2025-10-14",
                                      setting="11")  # fmt: skip
    expected = [line.pfs.non_facility.amount for line in together.lines]
    assert [Decimal(row["allowed"]) for row in rows[:2]] == expected
    assert sum(expected) < sum(line.sites[0].total for line in apart)


def test_one_accession_per_patient_day_says_nothing(tmp_path: Path) -> None:
    text = RIS.format(date="Exam Date").replace("ACC3002", "ACC3001")
    code, said, _ = _run(tmp_path, text)
    assert code == 0 and "diagnostic imaging on several claims" not in said


# An IDTF trial: the IDTF bills the technical components and the reading radiologist the professional ones (Claims
# Processing Manual ch. 35 §10.2), each on its own claim. Each claim is already reduced as a whole (TC among TCs, PC
# among PCs), so one encounter changes no amount, and the stderr line (with its advice to merge them) is not said; a
# part on two claims (two accessions of 26 lines, a global line beside another claim's 26 line) still is.
SPLIT = """Claim #,Patient MRN,DOS,CPT Code,Mod 1,POS,Svc Loc ZIP
C26021,MRN5001,08/04/2026,70553,TC,11,60611
C26021,MRN5001,08/04/2026,72148,TC,11,60611
C26022,MRN5001,08/04/2026,70553,26,11,60611
C26022,MRN5001,08/04/2026,72148,26,11,60611
"""


def test_an_idtf_s_tc_claim_beside_the_radiologist_s_26_claim_says_nothing(tmp_path: Path) -> None:
    code, said, rows = _run(tmp_path, SPLIT)
    assert code == 0 and "diagnostic imaging on several claims" not in said, said
    _, _, merged = _run(tmp_path, SPLIT, "--columns", "claim=Patient MRN")
    assert [row["allowed"] for row in rows] == [row["allowed"] for row in merged]  # one encounter: the same amounts
    # each claim reduced as a whole already: the later TC on the IDTF's, the later PC on the radiologist's
    assert "50% off the technical component" in rows[1]["note"] and "5% off the professional" in rows[3]["note"]


@pytest.mark.parametrize(
    ("first", "second"),
    [("70553,26", "72148,26"), ("70553-26,", "72148,26"), ("70553,", "72148,26"), ("70553,TC", "72148,")],
)
def test_a_part_on_two_claims_is_still_said(tmp_path: Path, first: str, second: str) -> None:
    text = ("Claim #,Patient MRN,DOS,CPT Code,Mod 1,POS,Svc Loc ZIP\n"
            f"A1,MRN5001,08/04/2026,{first},11,60611\nA2,MRN5001,08/04/2026,{second},11,60611\n")  # fmt: skip
    code, said, _ = _run(tmp_path, text)
    assert code == 0 and "1 patient-day has diagnostic imaging on several claims" in said, said
