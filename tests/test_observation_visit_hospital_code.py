"""A hospitalist and emergency medicine group's billing lead's trial (POS 21, 22, 23; NPs and PAs, FS, GC/GE), Chicago
(ZIP 60611, locality 0610216, CBSA 16984):

- `rvucalc price 99234 --zip 60611 --date 2025-05-12 --setting 22` (same-day observation admission and discharge) read
  only "SI B: Not recognized by OPPS on an outpatient hospital Part B bill (12x, 13x), another code may apply", where
  99213's same SI B names G0463. The observation visits 99221-99239 are the physician's codes: the hospital bills the
  observation as G0378 per hour (packaged) beside the visit that brought the patient in, or G0379, and 8 or more hours
  of it as the comprehensive observation APC 8011 (Claims Processing Manual ch. 4 §290, §290.5.3). Said now, price and
  batch alike; the physician's fee (the PFS facility amount) is unchanged.
"""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()
DATA = Path(__file__).resolve().parents[1] / "data"
CENT = Decimal("0.01")
CHICAGO = ["--zip", "60611", "--date", "2025-10-14"]


def _addendum_b(code: str) -> list[str]:
    """CMS's October 2025 Addendum B row of ``code`` (HCPCS, descriptor, SI, APC, weight, rate ...)."""
    path = DATA / "opps/2025/508 version of October 2025 Web Addendum B.10.31.25.csv"
    with path.open(encoding="latin-1", newline="") as handle:
        return next(row for row in csv.reader(handle) if row and row[0] == code)


def _facility_fee(code: str) -> Decimal:
    """CMS's RVU25D row of ``code`` at Chicago's GPCIs (GPCI2025, 06102 locality 16), facility PE, half-up once."""
    with (DATA / "rvu/2025/PPRRVU2025_Oct.csv").open(encoding="latin-1", newline="") as handle:
        row = next(row for row in csv.reader(handle) if row and row[0] == code and row[1] == "")
    with (DATA / "gpci/2025/GPCI2025.csv").open(encoding="latin-1", newline="") as handle:
        gpci = next(g for g in csv.reader(handle) if g and g[0] == "06102" and g[2] == "16")
    work, pe, mp = (Decimal(value) for value in gpci[4:7])
    rvus = Decimal(row[5]) * work + Decimal(row[8]) * pe + Decimal(row[10]) * mp
    return (rvus * Decimal(row[24])).quantize(CENT, rounding=ROUND_HALF_UP)


def test_observation_visit_at_the_hospital_names_g0378() -> None:
    # CMS's files: the hospital is not paid the observation visits (SI B); G0378 is packaged (SI N), G0379 a J2 visit
    assert all(_addendum_b(code)[2] == "B" for code in ("99221", "99223", "99231", "99234", "99236", "99238", "99239"))
    assert _addendum_b("G0378")[2] == "N" and _addendum_b("G0379")[2] == "J2"
    fee = _facility_fee("99234")
    data = json.loads(runner.invoke(app, ["price", "99234", *CHICAGO, "--setting", "22", "-f", "json"]).stdout)
    assert Decimal(str(data["pfs"]["facility"]["amount"])) == fee
    reason = data["opps"]["reason"]
    assert reason.startswith("SI B: ")
    assert "99234 is the physician's code" in reason and "the hospital bills G0378 per hour" in reason
    assert "G0379" in reason and "APC 8011" in reason and "ch. 4 §290" in reason
    assert "rvucalc price G0378" not in reason  # G0378 alone is packaged: no price to send the user to
    assert "; " not in reason  # batch's note column joins a row's notes with "; "
    (site,) = [site for site in data["sites"] if site["setting"] == "hopd"]
    assert Decimal(str(site["professional_payment"])) == fee


def test_observation_visit_note_in_batch_and_not_at_pos_21(tmp_path: Path) -> None:
    fee = _facility_fee("99236")
    source, out = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text(
        "Claim ID,Svc Date,POS,CPT Code,Units,Svc Loc ZIP\n"
        "H1,10/14/2025,22,99236,1,60611\n"
        "H2,10/14/2025,21,99236,1,60611\n"
    )
    done = runner.invoke(app, ["batch", str(source), "-o", str(out), "--paid-for", "professional"])
    assert done.exit_code == 0, done.output
    outpatient, inpatient = list(csv.DictReader(out.open()))
    assert "the hospital bills G0378 per hour" in outpatient["note"]
    assert Decimal(outpatient["professional_allowed"]) == fee
    assert "G0378" not in inpatient["note"] and Decimal(inpatient["allowed"]) == fee


def test_clinic_visit_still_names_g0463() -> None:
    data = json.loads(runner.invoke(app, ["price", "99213", *CHICAGO, "--setting", "22", "-f", "json"]).stdout)
    assert "the hospital bills G0463 for this service" in data["opps"]["reason"]
    assert "G0378" not in data["opps"]["reason"]


def test_99292_units_say_medicare_s_minutes_in_price_and_batch(tmp_path: Path) -> None:
    # The same trial: 99292 x 2 beside 99291 (POS 21) was priced with no word that Medicare counts a unit only for a
    # full 30 minutes beyond the first 74 (104 minutes for one, 134 for two: CY2023 PFS final rule, MLN MM12982)
    first, each = _facility_fee("99291"), _facility_fee("99292")
    args = ["price", "99291", "99292", "--units", "1", "--units", "2", *CHICAGO, "--setting", "21", "-f", "json"]
    data = json.loads(runner.invoke(app, args).stdout)
    lines = {line["code"]: line for line in data["lines"]}
    said = [note for note in lines["99292"]["notes"] if note.startswith("99292 x 2: ")]
    assert len(said) == 1 and "at least 134 minutes" in said[0] and "MM12982" in said[0]
    assert "; " not in said[0]
    assert not any(note.startswith("99292 x") for note in lines["99291"]["notes"])
    assert Decimal(str(data["totals"]["facility"]["total"])) == first + 2 * each
    source, out = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text(
        "Claim ID,Svc Date,POS,CPT Code,Units,Svc Loc ZIP\n"
        "H1,10/14/2025,21,99291,1,60611\n"
        "H1,10/14/2025,21,99292,2,60611\n"
    )
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    critical, add_on = list(csv.DictReader(out.open()))
    assert said[0] in add_on["note"] and "99292 x" not in critical["note"]
    assert Decimal(add_on["allowed"]) == 2 * each and Decimal(critical["allowed"]) == first
