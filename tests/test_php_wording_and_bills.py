"""Words around partial hospitalization (PHP) and intensive outpatient (IOP) services, and the bills rvucalc does not
price (money unchanged):

* SI P lines were "not paid under the OPPS": they are, as one per-diem APC a day (Addendum D1; I/OCE: "paid only in
  Partial Hospitalization Program or Intensive Outpatient Program").
* G0410 was "Statutory exclusion: not a physician service for PFS payment (e.g. ambulance, clinical lab)": the RVU
  file's status X (its STATUS CODE column), true of the PFS, but G0410 is the hospital's or CMHC's PHP/IOP code.
* `compare` called G0410 "unchanged", and --what opps called SI A codes the hospital is paid from a fee schedule
  (77067, 97110) "unchanged".
* Type of bill 76x was "(clinic)": it is a community mental health center's (CMHC) bill.
* A bill rvucalc does not price (851, 121, 141, 711) exited 2, a usage error, where a code not payable exits 1
  (README's exit codes); batch's row says the same message (kind bad_setting).

CMS's own indicators are read from the shipped files (Addendum B, October 2025; RVU25D)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.facility_meanings import OPPS_SI

ROOT = Path(__file__).resolve().parents[1]
ADDENDUM_B = ROOT / "data" / "opps" / "2025" / "508 version of October 2025 Web Addendum B.10.31.25.csv"
RVU25D = ROOT / "data" / "rvu" / "2025" / "PPRRVU2025_Oct.csv"
runner = CliRunner()


def _si(code: str) -> str:
    with ADDENDUM_B.open(encoding="latin-1", newline="") as handle:
        return next(row[2] for row in csv.reader(handle) if row and row[0] == code)


def _pfs_status(code: str) -> str:
    with RVU25D.open(encoding="latin-1", newline="") as handle:
        return next(row[3] for row in csv.reader(handle) if row and row[0] == code and not row[1])


def test_si_p_is_paid_under_the_opps_within_a_per_diem() -> None:
    assert _si("G0410") == "P"
    said = OPPS_SI["P"].lower()
    assert "per-diem apc" in said and "intensive outpatient" in said and "not paid" not in said
    done = runner.invoke(app, ["price", "G0410", "--setting", "hopd", "--locality", "1320201"], terminal_width=400)
    text = " ".join(done.output.split())
    assert "not paid under the OPPS" not in text and "per-diem APC" in text, text
    assert "Statutory exclusion" not in text and "ambulance" not in text, text  # the physician's fee's reason too


def test_g0410_names_its_per_diem_not_ambulance_or_lab() -> None:
    assert _pfs_status("G0410") == "X"  # the RVU file's status: where "Statutory exclusion" came from
    done = runner.invoke(app, ["price", "G0410", "--zip", "10001", "--date", "2025-10-15"], terminal_width=400)
    text = " ".join(done.output.split())
    assert "Statutory exclusion" not in text and "ambulance" not in text, text
    assert "partial hospitalization or intensive outpatient per-diem APC" in text, text


def test_compare_says_g0410_is_not_comparable_not_unchanged() -> None:
    done = runner.invoke(app, ["compare", "G0410", "--from", "2025", "--to", "2026", "-f", "json"])
    (row,) = json.loads(done.stdout)["codes"]
    assert row["change"] == "not_comparable" and "per-diem APC" in row["not_comparable_reason"], row


def test_compare_opps_si_a_and_p_are_not_unchanged() -> None:
    codes = ["G0410", "77067", "97110", "90832"]
    assert [_si(code) for code in codes] == ["P", "A", "A", "Q3"]
    done = runner.invoke(app, ["compare", *codes, "--what", "opps", "--from", "2025-01", "--to", "2025-10", "-f",
                               "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    rows = {row["code"]: row for row in json.loads(done.stdout)["codes"]}
    assert rows["90832"]["change"] == "unchanged"
    for code in ("77067", "97110"):
        assert rows[code]["change"] == "not_comparable"
        assert "paid from the fee schedule, not OPPS" in rows[code]["not_comparable_reason"]
    assert rows["G0410"]["change"] == "not_comparable" and "not priced" in rows["G0410"]["not_comparable_reason"]
    table = runner.invoke(app, ["compare", "G0410", "--what", "opps", "--from", "2025-01", "--to", "2025-10"],
                          terminal_width=300)  # fmt: skip
    assert "not priced" in table.output and "not payable" not in table.output, table.output


def test_type_of_bill_76x_is_a_community_mental_health_center() -> None:
    done = runner.invoke(app, ["price", "G0410", "--setting", "761", "--zip", "10001"], terminal_width=400)
    text = " ".join(done.output.split())
    assert "(clinic)" not in text and "community mental health center" in text and "per-diem APC" in text, text
    assert "place of service 53" in text


@pytest.mark.parametrize("bill", ["851", "121", "141", "711"])
def test_a_bill_not_priced_exits_1_with_its_message_as_batch_says_it(bill: str, tmp_path: Path) -> None:
    done = runner.invoke(app, ["price", "G0463", "--setting", bill, "--zip", "10001", "--date", "2025-10-15"])
    assert done.exit_code == 1, done.output
    message = done.stderr.strip().removeprefix("rvucalc: ")
    assert f"type of bill {bill}" in message and "is not priced" in message
    as_json = runner.invoke(app, ["price", "G0463", "--setting", bill, "--zip", "10001", "--date", "2025-10-15",
                                  "-f", "json"])  # fmt: skip
    assert as_json.exit_code == 1 and json.loads(as_json.stdout)["errors"][0]["error_kind"] == "bad_setting"
    source = tmp_path / "in.csv"
    source.write_text(f"code,zip,date,setting\nG0463,10001,2025-10-15,{bill}\n")
    batch = runner.invoke(app, ["batch", "-q", str(source), "-o", str(tmp_path / "out.csv")])
    (row,) = list(csv.DictReader((tmp_path / "out.csv").open()))
    assert batch.exit_code in (0, 1) and row["error_kind"] == "bad_setting" and row["error"] == message


def test_a_malformed_setting_still_exits_2() -> None:
    done = runner.invoke(app, ["price", "G0463", "--setting", "rhc", "--zip", "10001"])
    assert done.exit_code == 2, done.output


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_a_per_diem_code_with_no_site_is_not_sent_to_the_mac(fmt: str) -> None:
    """A review: `price G0410` ended "no fee schedule rvucalc has prices it (ask your MAC)", though CMS's Addendum B
    says why (SI P: paid only within the day's PHP/IOP per-diem APC, whose rate, Addendum A, is not installed), and the
    note said "not the PFS, which rvucalc does not install" as if the PFS were what is missing. Every SI P code of the
    file (G0129, G0176, G0410, G0411), in every form."""
    with ADDENDUM_B.open(encoding="latin-1", newline="") as handle:
        per_diem = sorted(row[0] for row in csv.reader(handle) if len(row) > 2 and row[2].strip() == "P")
    assert per_diem == ["G0129", "G0176", "G0410", "G0411"]
    for code in per_diem:
        assert _pfs_status(code) == "X"
        done = runner.invoke(app, ["price", code, "--zip", "10001", "--date", "2025-11-10", "-f", fmt])
        assert done.exit_code == 1, done.output
        said = " ".join(done.stderr.split())
        assert f"{code} cannot be priced in any site: paid only within the day's per-diem APC." in said, said
        assert "ask your MAC" not in done.output and "not the PFS, which" not in done.output, done.output
        assert "its rate is in OPPS Addendum A, which rvucalc does not install" in said
        if fmt == "json":
            (note, *_) = json.loads(done.stdout)["notes"]
            assert note.startswith(f"{code} is paid from the day's partial hospitalization or intensive outpatient")


def test_batch_notes_a_per_diem_code_as_price_does(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("code,zip,date\nG0410,10001,2025-11-10\n")
    runner.invoke(app, ["batch", "-q", str(source), "-o", str(tmp_path / "out.csv")])
    (row,) = list(csv.DictReader((tmp_path / "out.csv").open()))
    price = runner.invoke(app, ["price", "G0410", "--zip", "10001", "--date", "2025-11-10", "-f", "json"])
    (note, *_) = json.loads(price.stdout)["notes"]
    assert row["allowed"] == "" and note in row["note"] and "ask your MAC" not in row["note"], row["note"]
    assert "not the PFS, which rvucalc does not install" not in row["note"]


def test_a_code_paid_its_own_way_is_not_sent_to_the_mac() -> None:
    """G0466 (an FQHC visit: the FQHC PPS) names its payment; an ambulance code only its schedule's: that one asks the
    MAC still."""
    fqhc = runner.invoke(app, ["price", "G0466", "--zip", "10001", "--date", "2025-11-10"])
    assert fqhc.exit_code == 1 and "FQHC prospective payment system" in fqhc.stderr
    assert "ask your MAC" not in fqhc.stderr, fqhc.stderr
    ambulance = runner.invoke(app, ["price", "A0425", "--zip", "10001", "--date", "2025-11-10"])
    assert ambulance.exit_code == 1 and "(ask your MAC)" in ambulance.stderr
