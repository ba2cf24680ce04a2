"""A visit on a later date of a claim, inside the global period of one of its procedures (Claims Processing Manual
ch. 12 §40.1, §40.2): batch notes it (``batch.global_period``); ``rvucalc price`` sees one date."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pytest

from conftest import batch_imports_pandas
from rvucalc.batch.files import run_batch
from rvucalc.batch.global_period import (
    postoperative_critical_care_note,
    postoperative_visit_across_note,
    postoperative_visit_note,
    preoperative_visit_note,
)
from rvucalc.batch.price import BatchPricer
from rvucalc.lookup.pricer import Pricer

RVU26C = Path(__file__).resolve().parents[1] / "data" / "rvu" / "2026" / "PPRRVU2026_Jul_nonQPP.csv"
ZIP = "33606"


@pytest.fixture(scope="module")
def pricer() -> Pricer:
    return Pricer()


def _global_days(code: str) -> str:
    """CMS's "GLOB DAYS" of the code's row without a modifier in the RVU file (RVU26C)."""
    with RVU26C.open(encoding="latin-1", newline="") as handle:
        return next(row for row in csv.reader(handle) if row[:2] == [code, ""])[14]


def _priced(pricer: Pricer, lines: list[tuple[str, str, str, str]]) -> dict[tuple[str, str, str], dict]:
    rows = [{"claim": claim, "code": code, "zip": ZIP, "date": date, "setting": "11", "provider": provider}
            for claim, code, date, provider in lines]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    return {(given["claim"], given["code"], given["date"]): row for given, row in zip(rows, out, strict=True)}


def _alone(pricer: Pricer, code: str, date: str) -> Decimal:
    return pricer.price(code, zip_code=ZIP, date_of_service=date, setting="11").sites[0].total


def test_a_visit_17_days_after_a_090_procedure_of_its_claim_is_noted_and_priced_as_given(pricer: Pricer) -> None:
    """The dermatology trial's postop.csv, encounter P3: 14040 (global 090 in CMS's RVU file) on 2026-08-03 and 99214
    without a modifier on 2026-08-20, one claim: the visit was priced with an empty note. Now noted, naming the
    procedure, its date and global period; its amount is the visit's own, as the same-day rule leaves a bare visit."""
    assert _global_days("14040") == "090"
    out = _priced(pricer, [("P3", "14040", "2026-08-03", "MD"), ("P3", "99214", "2026-08-20", "MD"),
                           ("P2", "11602", "2026-08-03", "MD"), ("P1", "99213", "2026-08-07", "MD")])  # fmt: skip
    visit = out[("P3", "99214", "2026-08-20")]
    note = postoperative_visit_note("14040", dt.date(2026, 8, 3), "090")
    assert note in visit["note"].split("; ") and "; " not in note
    assert "14040 of 2026-08-03" in note and "global 090" in note and "modifier 24" in note
    assert Decimal(str(visit["allowed"])) == _alone(pricer, "99214", "2026-08-20")
    assert "postoperative period" not in out[("P3", "14040", "2026-08-03")]["note"]
    assert "postoperative period" not in out[("P1", "99213", "2026-08-07")]["note"]  # P2's procedure: another claim


@pytest.mark.parametrize(
    ("procedure", "date", "noted"),
    [("11602", "2026-08-04", True), ("11602", "2026-08-13", True), ("11602", "2026-08-14", False),
     ("14040", "2026-11-01", True), ("14040", "2026-11-02", False), ("20610", "2026-08-04", False)],
)  # fmt: skip
def test_the_postoperative_period_is_the_10_or_90_days_after_the_procedure_s_date(
    pricer: Pricer, procedure: str, date: str, noted: bool
) -> None:
    """§40.1: the day of the procedure and the 10 (global 010) or 90 (090) days immediately following it; a 000
    procedure has no postoperative period. CMS's global days of the codes are read from the RVU file."""
    days = _global_days(procedure)
    assert days == {"11602": "010", "14040": "090", "20610": "000"}[procedure]
    out = _priced(pricer, [("A", procedure, "2026-08-03", "MD"), ("A", "99213", date, "MD")])
    said = [part for part in out[("A", "99213", date)]["note"].split("; ") if "postoperative period of" in part]
    assert said == ([postoperative_visit_note(procedure, dt.date(2026, 8, 3), days)]
                    if noted else [])  # fmt: skip
    assert Decimal(str(out[("A", "99213", date)]["allowed"])) == _alone(pricer, "99213", date)


def test_a_postoperative_visit_with_24_or_ft_or_by_another_practitioner_is_not_noted(pricer: Pricer) -> None:
    """Modifier 24 (and FT) says the visit is unrelated to the surgery (§40.2); an NP's visit on a physician's claim
    is not the surgeon's (the same-day rule's practitioner); a visit on the procedure's own day keeps the same-day
    rule's note alone."""
    out = _priced(pricer, [("B", "14040", "2026-08-03", "MD"), ("B", "99213-24", "2026-08-10", "MD"),
                           ("B", "99214-FT", "2026-08-11", "MD"), ("B", "99212", "2026-08-12", "NP"),
                           ("B", "99215", "2026-08-03", "MD")])  # fmt: skip
    for key in (("B", "99213-24", "2026-08-10"), ("B", "99214-FT", "2026-08-11"), ("B", "99212", "2026-08-12"),
                ("B", "99215", "2026-08-03")):  # fmt: skip
        assert "postoperative period of" not in out[key]["note"], key
    assert "Global surgery package" in out[("B", "99215", "2026-08-03")]["note"]  # the same-day rule's


def test_the_latest_procedure_whose_period_holds_the_visit_is_named(pricer: Pricer) -> None:
    """Two procedures before the visit: the later one's period is named (11602 of 2026-08-10, global 010), the 090
    one's otherwise."""
    out = _priced(pricer, [("C", "14040", "2026-08-03", "MD"), ("C", "11602", "2026-08-10", "MD"),
                           ("C", "99213", "2026-08-15", "MD"), ("C", "99214", "2026-08-25", "MD")])  # fmt: skip
    assert "11602 of 2026-08-10" in out[("C", "99213", "2026-08-15")]["note"]
    assert "14040 of 2026-08-03" in out[("C", "99214", "2026-08-25")]["note"]


# The dermatology trial's postop.csv (/tmp/s50/tderm): P1 and P2, one patient (MRN1001), two claims.
TRIAL_HEADER = ["Encounter ID", "Patient ID", "DOS", "CPT Code", "Modifier 1", "Qty", "POS", "Location ZIP"]


def _run(pricer: Pricer, tmp_path: Path, rows: list[list[str]], header: list[str] = TRIAL_HEADER,
         **kwargs: object) -> list[dict[str, str]]:  # fmt: skip
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    run_batch(pricer, str(source), str(target), report=lambda _: None, **kwargs)  # type: ignore[arg-type]
    with target.open(newline="") as handle:
        return list(csv.DictReader(handle))


def _said(row: dict[str, str]) -> list[str]:
    return [part for part in row["note"].split("; ") if "Global surgery package" in part]


def test_a_postoperative_visit_on_another_claim_of_the_same_patient_is_noted(pricer: Pricer, tmp_path: Path) -> None:
    """postop.csv: 11602 (global 010 in CMS's RVU file) on claim P1 of 2026-08-03 and 99213 on claim P2 of
    2026-08-07, one patient id (MRN1001): the visit was priced with no note. Now noted, naming P1, the procedure and
    its date, "if billed by the surgeon or the surgeon's group" (a claim is one billing entity's); the amount stays."""
    assert _global_days("11602") == "010"
    rows = [["P1", "MRN1001", "20260803", "11602", "", "1", "11", ZIP],
            ["P2", "MRN1001", "20260807", "99213", "", "1", "11", ZIP],
            ["P4", "MRN3003", "20260807", "99213", "", "1", "11", ZIP]]  # fmt: skip
    out = _run(pricer, tmp_path, rows)
    note = postoperative_visit_across_note("11602", dt.date(2026, 8, 3), "010", "P1")
    assert _said(out[1]) == [note] and "; " not in note
    assert "claim P1 of the same patient" in note and "surgeon's group" in note
    assert Decimal(out[1]["allowed"]) == _alone(pricer, "99213", "2026-08-07")
    assert _said(out[2]) == []  # another patient


def test_a_patient_mrn_or_chart_number_header_is_the_patient_id(pricer: Pricer, tmp_path: Path) -> None:
    """A urology trial's export headed its patient column "Patient MRN": nothing read it, and a 99213 two weeks
    after a 55250 (global 090) on another claim of the patient was priced with no note. The record number's names
    as practice systems write them are a patient id; an account number (a hospital's is per encounter) is not."""
    rows = [["P1", "MRN1001", "20260803", "11602", "", "1", "11", ZIP],
            ["P2", "MRN1001", "20260807", "99213", "", "1", "11", ZIP]]  # fmt: skip
    note = postoperative_visit_across_note("11602", dt.date(2026, 8, 3), "010", "P1")
    for name in ("Patient MRN", "MRN #", "Chart #", "Pt MRN"):
        out = _run(pricer, tmp_path, rows, header=[name if part == "Patient ID" else part for part in TRIAL_HEADER])
        assert _said(out[1]) == [note], name
    out = _run(pricer, tmp_path, rows, header=["Patient Acct #" if part == "Patient ID" else part
                                               for part in TRIAL_HEADER])  # fmt: skip
    assert _said(out[1]) == []


def test_an_account_column_is_the_patient_id_when_columns_says_so(tmp_path: Path) -> None:
    """A vascular trial's 'Patient Acct' (a practice system's permanent patient id) was not read, said nowhere, and
    --columns patient= was refused. Now stderr says it is not read and how; --columns patient='Patient Acct' reads it
    (the columns line names it) and the visit on the patient's other claim is noted."""
    from typer.testing import CliRunner

    from rvucalc.cli import app

    header = ["Patient Acct" if part == "Patient ID" else part for part in TRIAL_HEADER]
    rows = [["P1", "A5004", "20260803", "11602", "", "1", "11", ZIP],
            ["P2", "A5004", "20260807", "99213", "", "1", "11", ZIP]]  # fmt: skip
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    note = postoperative_visit_across_note("11602", dt.date(2026, 8, 3), "010", "P1")
    for extra, noted in (([], False), (["--columns", "patient=Patient Acct"], True)):
        done = CliRunner().invoke(app, ["batch", str(source), "-o", str(target), *extra])
        assert done.exit_code == 0, done.output
        with target.open(newline="") as handle:
            out = list(csv.DictReader(handle))
        assert (_said(out[1]) == [note]) is noted
        said = " ".join(done.stderr.split())
        assert ("'Patient Acct' is not read as the patient's id" in said) is not noted, said
        assert ("patient ← Patient Acct" in said) is noted, said
        assert "--columns patient='Patient Acct'" in said or noted


def test_a_postoperative_visit_on_another_claim_is_seen_in_a_later_chunk(pricer: Pricer, tmp_path: Path) -> None:
    """The procedure's claim in one chunk, the visit's in the next: the run keeps each patient's latest procedure.
    A visit after the 010 period (2026-08-14), or with 24, or a name column and no patient id: no note."""
    rows = [["P1", "MRN1001", "20260803", "11602", "", "1", "11", ZIP],
            ["P9", "MRN5005", "20260803", "11602", "", "1", "11", ZIP],
            ["P2", "MRN1001", "20260813", "99213", "", "1", "11", ZIP],
            ["P5", "MRN1001", "20260814", "99212", "", "1", "11", ZIP],
            ["P6", "MRN5005", "20260805", "99213", "24", "1", "11", ZIP]]  # fmt: skip
    out = _run(pricer, tmp_path, rows, chunk_rows=2)
    assert _said(out[2]) == [postoperative_visit_across_note("11602", dt.date(2026, 8, 3), "010", "P1")]
    assert _said(out[3]) == [] and _said(out[4]) == []
    named = ["Encounter ID", "Patient Name", *TRIAL_HEADER[2:]]
    out = _run(pricer, tmp_path, [[row[0], "DOE, JANE", *row[2:]] for row in rows[:3]], header=named)
    assert _said(out[2]) == []


@pytest.mark.parametrize(("modifier", "noted"), [("", True), ("25", True), ("57", False), ("FT", False)])
def test_a_visit_the_day_before_a_090_procedure_of_its_claim_is_noted_unless_57(
    pricer: Pricer, modifier: str, noted: bool
) -> None:
    """§40.1: a major (090) procedure's package starts the day before it. 99213 on 2026-08-02 and 14040 (global 090 in
    CMS's RVU file) on 2026-08-03, one claim: the visit was priced with no note. Now noted (its amount stays), unless
    57 says it decided on the surgery (paid, §30.6.6.C) or FT that it is unrelated; 25 speaks of a procedure's own
    day."""
    assert _global_days("14040") == "090"
    visit = f"99213-{modifier}" if modifier else "99213"
    out = _priced(pricer, [("D", visit, "2026-08-02", "MD"), ("D", "14040", "2026-08-03", "MD"),
                           ("E", "99213", "2026-08-02", "MD"), ("E", "11602", "2026-08-03", "MD")])  # fmt: skip
    note = preoperative_visit_note("14040", dt.date(2026, 8, 3))
    assert (note in out[("D", visit, "2026-08-02")]["note"].split("; ")) is noted and "; " not in note
    assert "day before" not in out[("E", "99213", "2026-08-02")]["note"]  # 11602 is a minor procedure (010)
    assert Decimal(str(out[("D", visit, "2026-08-02")]["allowed"])) == _alone(pricer, visit, "2026-08-02")


def test_a_patient_id_column_s_postoperative_visits_import_no_pandas(tmp_path: Path) -> None:
    """The patients' hashes and the procedures' claim ids kept across chunks are numpy and Arrow only (a Python int
    made an Arrow scalar imported pandas)."""

    source = tmp_path / "in.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([TRIAL_HEADER, ["P1", "MRN1001", "20260803", "11602", "", "1", "11", ZIP],
                                      ["P2", "", "20260807", "99213", "", "1", "11", ZIP],
                                      ["P3", "MRN1001", "20260807", "99213", "", "1", "11", ZIP]])  # fmt: skip
    imported, stderr = batch_imports_pandas(str(source), "-o", str(tmp_path / "o.csv"), "-q")
    assert not imported, stderr
    with (tmp_path / "o.csv").open(newline="") as handle:
        out = list(csv.DictReader(handle))
    assert [bool(_said(row)) for row in out] == [False, False, True]


# The orthopedics trial's g2.csv (/tmp/s59/ortho): one group's claims, a patient id column, POS of each line.
ORTHO_HEADER = ["Claim #", "Patient MRN", "DOS", "CPT/HCPCS", "Mod 1", "Units", "POS", "Svc Facility ZIP"]


@pytest.mark.parametrize(
    ("procedure", "modifier", "visit_date", "noted"),
    [("22633", "80", "20260825", False), ("27447", "AS", "20260825", False), ("27447", "56", "20260820", False),
     ("27447", "55", "20260820", True), ("27447", "", "20260820", True),
     ("27447", "80", "20260803", False), ("27447", "55", "20260803", False), ("27447", "56", "20260803", True),
     ("27447", "54", "20260803", True), ("27447", "", "20260803", True)],
)  # fmt: skip
@pytest.mark.parametrize("same_claim", [False, True])
def test_a_split_care_part_or_an_assistant_s_line_opens_only_the_package_its_practitioner_is_paid_for(
    pricer: Pricer, tmp_path: Path, procedure: str, modifier: str, visit_date: str, noted: bool, same_claim: bool
) -> None:
    """Ch. 12 §40.2 splits a global package between practitioners by modifier: 55 (postoperative management only) is
    paid the post-op share alone, 56 (preoperative management only) the pre-op share alone, and the global surgery
    rules do not apply to an assistant at surgery (80, 81, 82, AS). The orthopedics trial's visit 3 weeks after its
    physician's 22633-80 (a spine fusion, global 090 in CMS's RVU file) was told it was in 22633's postoperative
    period, and a visit the day before a 27447-55 line that it needed 57. Now a 55 line opens the postoperative
    period alone, a 56 line the day before alone, an assistant's line neither; the whole procedure both, and 54 (pre-
    and intra-operative shares) the day before."""
    assert _global_days(procedure) == "090"
    visit_claim = "V1" if same_claim else "V2"
    rows = [["V1", "MRN7007", "20260804", procedure, modifier, "1", "21", "55101"],
            [visit_claim, "MRN7007", visit_date, "99213", "", "1", "11", "55104"]]  # fmt: skip
    out = _run(pricer, tmp_path, rows, header=ORTHO_HEADER)
    said = [part for part in _said(out[1]) if "postoperative period of" in part or "day before" in part]
    assert bool(said) is noted, said
    if noted:
        assert f"{procedure} of 2026-08-04" in said[0]
    when = f"{visit_date[:4]}-{visit_date[4:6]}-{visit_date[6:]}"
    alone = pricer.price("99213", zip_code="55104", date_of_service=when, setting="11").sites[0].total
    assert Decimal(out[1]["allowed"]) == alone  # the amount stays


def test_critical_care_in_the_postoperative_period_names_ft_and_24_alone_does_not_take_it_out(pricer: Pricer) -> None:
    """A cardiothoracic trial: 33430 (global 090 in CMS's RVU file) on 2026-06-09, then the surgeon's 99291 on
    2026-06-12 on the same claim, was told to bill 24. Critical care by the surgeon in the global period, unrelated to
    the surgery, is billed with FT (Palmetto GBA, "HCPCS Modifier FT"; NGS Medicare: 24 and FT), so its note names FT
    and a 99291-24 without FT is still noted; with FT (alone or beside 24) it is not, and a 99233-24 keeps the visits'
    rule (24 takes it out). The amounts are the lines' own."""
    assert _global_days("33430") == "090"
    out = _priced(pricer, [("T", "33430", "2026-06-09", "MD"), ("T", "99291", "2026-06-12", "MD"),
                           ("T", "99291-24", "2026-06-13", "MD"), ("T", "99291-24-FT", "2026-06-14", "MD"),
                           ("T", "99291-FT", "2026-06-15", "MD"), ("T", "99233-24", "2026-06-16", "MD"),
                           ("T", "99233", "2026-06-17", "MD")])  # fmt: skip
    note = postoperative_critical_care_note("33430", dt.date(2026, 6, 9), "090")
    assert "; " not in note and "modifier FT" in note and "33430 of 2026-06-09" in note
    for key in (("T", "99291", "2026-06-12"), ("T", "99291-24", "2026-06-13")):
        said = [part for part in out[key]["note"].split("; ") if "postoperative period of" in part]
        assert said == [note], key
        assert Decimal(str(out[key]["allowed"])) == _alone(pricer, "99291", key[2])
    for key in (("T", "99291-24-FT", "2026-06-14"), ("T", "99291-FT", "2026-06-15"), ("T", "99233-24", "2026-06-16")):
        assert "postoperative period of" not in out[key]["note"], key
    visit = [part for part in out[("T", "99233", "2026-06-17")]["note"].split("; ") if "postoperative period" in part]
    assert visit == [postoperative_visit_note("33430", dt.date(2026, 6, 9), "090")]


def test_an_account_class_or_name_is_not_offered_as_the_patient_id(tmp_path: Path) -> None:
    """A trial: an Epic HB export's 'HAR' (read as the claim) beside 'Hosp Acct Class' was told the class might be the
    patient's id (the first column with "account" in it), 'Hospital Account Name' the same, in words ("a hospital's
    account number is per encounter") that do not fit a HAR of a month's series. Only a column that can hold the
    patient's id is offered (a client's, resident's or member's account, an 'Acct/MRN' too); a name, class, status or
    hospital account is not."""
    from typer.testing import CliRunner

    from rvucalc.cli import app

    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    for extra, offered in (("Hosp Acct Class", None), ("Hospital Account Name", None), ("Account Status", None),
                           ("Hosp Acct #", None), ("Patient Acct", "Patient Acct"), ("Acct #", "Acct #"),
                           ("Client Acct #", "Client Acct #"), ("Acct/MRN", "Acct/MRN")):  # fmt: skip
        source.write_text(f"HCPCS,DOS,POS,ZIP,Claim,{extra}\n99213,2026-08-03,11,{ZIP},X,Y\n")
        done = CliRunner().invoke(app, ["batch", str(source), "-o", str(target)])
        assert done.exit_code == 0, done.output
        said = " ".join(done.stderr.split())
        assert ("is not read as the patient's id" in said) is (offered is not None), (extra, said)
        assert "per encounter" not in said
        if offered is not None:
            assert f"{offered!r} is not read as the patient's id" in said and "series of visits" in said
