"""A psychiatry group's trial (Chicago, 2026): an LCSW's 90834 at POS 51 (an inpatient psychiatric facility) was
priced $70.01, 75% of CMS's PFS facility amount. Clinical social worker services are services "for the diagnosis and
treatment of mental illnesses (other than services furnished to an inpatient of a hospital ...)" (SSA §1861(hh)(2)),
"not covered when furnished to inpatients of a hospital" (Medicare Benefit Policy Manual ch. 15 §170.D); marriage and
family therapists' and mental health counselors' alike (42 CFR 410.53, 410.54), whom rvucalc prices as csw (AJ). So a
CSW's line at POS 21, 51 or 61 is denied, nothing priced, price and batch alike; the same session at a CMHC (POS 53)
stays 75% of CMS's facility amount (a partial hospitalization patient's, POS 52, is the program's: tests/
test_csw_partial_hospitalization_is_the_program_s_service.py), and a psychologist's or physician's line for the
inpatient CMS's facility amount (RVU26C x the 2026 Chicago GPCIs, ``cms_fees``)."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from cms_fees import CENT, fee_2026
from rvucalc.cli import app
from rvucalc.engine.modifiers import csw_inpatient_denial

runner = CliRunner()
ZIP, LOCALITY, DATE = "60614", "0610216", "2026-08-03"  # CHICAGO
NOT_COVERED = 'exclude "services furnished to an inpatient of a hospital"'


def _csw(amount: Decimal) -> Decimal:
    return (amount * Decimal("0.75")).quantize(CENT, ROUND_HALF_UP)


def test_the_denial_names_each_inpatient_place_and_no_other() -> None:
    for place in ("21", "51", "61"):
        said = csw_inpatient_denial("90834", ["AJ"], place)
        assert said is not None and f"(POS {place}, " in said and NOT_COVERED in said and "; " not in said
    assert [csw_inpatient_denial("90834", ["AJ"], place) for place in ("11", "19", "22", "53", "31", "10", None)] == [
        None
    ] * 7
    assert csw_inpatient_denial("90834", [], "51") is None  # a physician's (or psychologist's) line
    assert csw_inpatient_denial("90834", ["AH"], "51") is None


def test_price_denies_a_csw_s_psychotherapy_for_an_inpatient() -> None:
    for args in (["90834", "--provider", "LCSW", "--setting", "51"], ["90834-AJ", "--setting", "21"],
                 ["90853", "--provider", "LMFT", "--setting", "61"]):  # fmt: skip
        done = runner.invoke(app, ["price", *args, "--zip", ZIP, "--date", DATE, "-f", "json"])
        said = " ".join(done.stderr.split())
        assert done.exit_code == 1 and NOT_COVERED in said, (args, done.output)
        assert "$" not in said
    # the outpatient's session: 75% of CMS's facility amount, as before
    done = runner.invoke(app, ["price", "90834", "--provider", "LCSW", "--setting", "53", "--zip", ZIP, "--date",
                               DATE, "-f", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    [site] = json.loads(done.stdout)["sites"]
    assert Decimal(str(site["allowed"])) == _csw(fee_2026("90834", LOCALITY, facility=True))


def test_batch_denies_the_csw_s_inpatient_rows_as_price_does(tmp_path: Path) -> None:
    source, out = tmp_path / "claims.csv", tmp_path / "out.csv"
    rows = [("90834", "", "51", "LCSW"), ("90834", "", "21", "LMFT"), ("90834", "AJ", "51", ""),
            ("90853", "", "61", "LICSW"), ("90834", "", "53", "LCSW"), ("90834", "", "51", "PhD"),
            ("90834", "", "51", "MD")]  # fmt: skip
    source.write_text(
        "Claim #,DOS,CPT Code,Mod 1,POS,Credential,Svc Loc ZIP\n"
        + "".join(f"C{n},{DATE},{code},{mod},{pos},{cred},{ZIP}\n" for n, (code, mod, pos, cred) in enumerate(rows))
    )
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 1 and "4 with errors (4 denied)" in done.stderr, done.output  # rows with errors: exit 1
    with open(out, newline="") as handle:
        got = list(csv.DictReader(handle))
    assert [row["error_kind"] for row in got] == ["denied"] * 4 + [""] * 3
    assert all(NOT_COVERED in row["error"] and row["allowed"] == "" for row in got[:4])
    facility = fee_2026("90834", LOCALITY, facility=True)
    assert [Decimal(row["allowed"]) for row in got[4:]] == [_csw(facility), facility, facility]
