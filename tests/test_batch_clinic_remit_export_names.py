"""Found by fresh-eyes trials (an allergy practice's remit, an audiology clinic's export, an urgent care's): 'Svc Dt',
'Practice ZIP', 'Clinic Zip' and 'Office Zip' were not read (every row priced nationally, with today's release); a
'Loc' column of ZIPs went unsaid; 'Pt Resp' beside 'Ins Paid' was unsaid while every line was "underpaid" by the
patient's 20%; 'Urgent Care' cells and `--setting urgent` were refused (CMS's "Urgent Care Facility", POS 20, read)."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.batch.columns import resolve_columns
from rvucalc.cli import app
from rvucalc.engine.place_of_service import normalise_pos, resolve_site
from rvucalc.errors import UsageError

runner = CliRunner()


def _single(zip_code: str, date: str, setting: str = "11") -> dict[str, object]:
    done = runner.invoke(app, ["price", "99214", "--zip", zip_code, "--date", date, "--setting", setting, "--format",
                               "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    return json.loads(done.stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize("name", ["Practice ZIP", "Clinic Zip", "Office Zip", "Office ZIP Code"])
def test_the_clinic_office_or_practice_zip_prices_where_the_service_was(tmp_path: Path, name: str) -> None:
    source = tmp_path / "remit.csv"
    source.write_text(f"Encounter,Svc Dt,Code,POS,{name},Paid Amt\nE1,02/10/2025,99214,11,55402,\n")
    done = runner.invoke(app, ["batch", str(source), "--format", "json"])
    assert done.exit_code == 0, done.output
    assert f"zip ← {name}" in done.stderr and "date ← Svc Dt" in done.stderr
    (row,) = json.loads(done.stdout)
    single = _single("55402", "2025-02-10")
    assert row["locality_priced"] == single["location"]["locality"]  # type: ignore[index]
    assert row["release"] == single["release"]  # the 2025 release, not today's
    assert Decimal(str(row["allowed"])) == Decimal(str(single["pfs"]["non_facility"]["amount"]))  # type: ignore[index]
    said = "the practice's, read as where the service was furnished"
    assert (said in done.stderr) == (name == "Practice ZIP")


def test_a_practice_zip_comes_after_the_place_s_own_and_before_a_patient_s() -> None:
    assert resolve_columns(["CPT", "Practice ZIP", "Facility ZIP"], {}).position("zip") == 2
    assert resolve_columns(["CPT", "Practice ZIP", "Rendering ZIP"], {}).position("zip") == 2
    assert resolve_columns(["CPT", "Patient ZIP", "Practice ZIP"], {}).position("zip") == 2
    assert resolve_columns(["CPT", "Patient ZIP", "Clinic Zip"], {}).position("zip") == 2
    for name in ("Billing ZIP", "Pay-to ZIP"):  # a billing address is still never read
        assert resolve_columns(["CPT", name], {}).position("zip") is None


def _urgent(tmp_path: Path, source: str, *options: str) -> tuple[int, str, str]:
    done = runner.invoke(app, ["batch", source, "-o", str(tmp_path / "out.csv"), *options])
    return done.exit_code, done.stderr, (tmp_path / "out.csv").read_text() if done.exit_code in (0, 1) else ""


def test_a_loc_column_of_zips_is_named_not_read(tmp_path: Path) -> None:
    lines = "Visit ID,DOS,Loc,POS,CPT/HCPCS,Units,Ins Paid,Pt Resp\nV1,08/03/2026,{loc},20,99214,1,110.25,27.56\n"
    zips, names = tmp_path / "zips.csv", tmp_path / "names.csv"
    zips.write_text(lines.format(loc="30303"))
    names.write_text(lines.format(loc="ATL-DT"))
    code, stderr, _ = _urgent(tmp_path, str(zips))
    assert code == 0 and "'Loc' holds ZIPs: if it is where the service was furnished, say so with --columns zip='Loc'" \
        in stderr  # fmt: skip
    code, stderr, _ = _urgent(tmp_path, str(names))
    assert code == 0 and "no ZIP or locality column" in stderr and "holds ZIPs" not in stderr
    code, stderr, text = _urgent(tmp_path, str(zips), "--columns", "zip=Loc")
    assert code == 0 and "no ZIP or locality column" not in stderr
    (row,) = csv.DictReader(io.StringIO(text))
    assert row["locality_priced"] == _single("30303", "2026-08-03")["location"]["locality"]  # type: ignore[index]


def test_patient_responsibility_beside_the_paid_column_is_said(tmp_path: Path) -> None:
    source = tmp_path / "uc.csv"
    source.write_text("Visit ID,DOS,ZIP,POS,CPT/HCPCS,Units,Ins Paid,Pt Resp\nV1,08/03/2026,30303,20,99214,1,"
                      "110.25,27.56\n")  # fmt: skip
    code, stderr, text = _urgent(tmp_path, str(source))
    assert code == 0
    assert "'Pt Resp' is the patient's responsibility (the remit's PR: deductible and coinsurance), not read" in stderr
    assert "rerun with --paid-is medicare" in stderr
    (row,) = csv.DictReader(io.StringIO(text))
    single = _single("30303", "2026-08-03", "20")
    office = single["pfs"]["non_facility"]  # type: ignore[index]
    # The trial's remit: Ins Paid plus Pt Resp is CMS's allowed amount; paid alone is short by the coinsurance.
    assert Decimal(row["allowed"]) == Decimal("110.25") + Decimal("27.56") == Decimal(str(office["amount"]))
    assert Decimal(row["variance"]) == -Decimal(row["beneficiary"])
    code, stderr, text = _urgent(tmp_path, str(source), "--paid-is", "medicare")
    assert code == 0 and "compared with Medicare's share (--paid-is medicare)" in stderr
    (row,) = csv.DictReader(io.StringIO(text))
    assert Decimal(row["variance"]) == 0
    source.write_text("CPT,ZIP,POS,Pt Resp\n99214,30303,20,27.56\n")  # no paid column: nothing to say
    assert "patient's responsibility" not in _urgent(tmp_path, str(source))[1]


@pytest.mark.parametrize("name", ["Urgent Care", "urgent", "URGENT CARE FACILITY", "20 - Urgent Care Facility"])
def test_urgent_care_is_pos_20(name: str) -> None:
    assert normalise_pos(name) == "20" and resolve_site(name).pos == "20"


def test_price_and_batch_read_urgent_care_alike(tmp_path: Path) -> None:
    named, coded = _single("30303", "2026-08-03", "urgent"), _single("30303", "2026-08-03", "20")
    assert named["sites"] == coded["sites"] and named["notes"] == coded["notes"]
    source = tmp_path / "uc.csv"
    source.write_text("CPT,DOS,POS,ZIP\n" + "".join(f"99214,08/03/2026,{cell},30303\n"
                                                   for cell in ("Urgent Care", "20", "Urgent Care Ctr")))  # fmt: skip
    code, _, text = _urgent(tmp_path, str(source))
    assert code == 1
    rows = list(csv.DictReader(io.StringIO(text)))
    money = ("allowed", "beneficiary", "medicare", "site", "note")
    assert [rows[0][m] for m in money] == [rows[1][m] for m in money]
    assert Decimal(rows[0]["allowed"]) == Decimal(str(coded["pfs"]["non_facility"]["amount"]))  # type: ignore[index]
    assert "did you mean 20 (Urgent care facility)?" in rows[2]["error"]


@pytest.mark.parametrize(
    ("name", "said"),
    [("Urgent Care Ctr", "did you mean 20 (Urgent care facility)?"),
     ("Inpatient", "21 (Inpatient hospital) or 51 (Inpatient psychiatric facility) or 61"),
     ("Outpatient", "19 (Off campus-outpatient hospital) or 22 (On campus-outpatient hospital) or 62"),
     # a review: an FQHC's usual name was read as 53, and filler words as places (54, 41, 23)
     ("Community Health Center", "50 (Federally qualified health center) or 53 (Community mental health center)"),
     ("With", ""), ("Land", ""), ("Room", ""), ("Nursing", "31 (Skilled nursing facility) or 32 (Nursing facility)")],
)  # fmt: skip
def test_a_name_of_no_one_place_is_refused_with_what_it_may_be(name: str, said: str) -> None:
    assert normalise_pos(name) is None
    with pytest.raises(UsageError, match="not a setting") as refused:
        resolve_site(name)
    assert said in str(refused.value)


def test_patient_responsibility_beside_a_remit_allowed_amount_names_the_paid_amount(tmp_path: Path) -> None:
    # A contract analyst's 835 export: 'Allowed Amount' is read as paid, and stderr said "Allowed Amount plus it is the
    # allowed amount" of 'Patient Responsibility' (the remit's payment plus it is).
    source = tmp_path / "remit.csv"
    source.write_text("Claim ID,DOS,ZIP,POS,CPT/HCPCS,Units,Allowed Amount,Paid Amount,Patient Responsibility\n"
                      "C1,08/03/2026,30303,20,99214,1,137.81,110.25,27.56\n")  # fmt: skip
    code, stderr, _ = _urgent(tmp_path, str(source))
    assert code == 0
    assert ("'Patient Responsibility' is the patient's responsibility (the remit's PR: deductible and coinsurance), "
            "not read: the remit's paid amount plus it is the allowed amount") in stderr  # fmt: skip
    assert "Allowed Amount plus it" not in stderr
    assert "Allowed Amount is the allowed amount already, compared as it is" in stderr
