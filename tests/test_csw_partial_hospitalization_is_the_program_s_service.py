"""A CMHC and hospital partial hospitalization program's trial (Chicago, 2025-2026): an LCSW's 90853-AJ and 90832-AJ
at POS 52 (psychiatric facility - partial hospitalization) were priced $18.85 and $53.11, 75% of CMS's PFS facility
amount. A partial hospitalization patient's therapy with "other mental health professionals" and "services of social
workers" are partial hospitalization services, and only physicians', PAs', NPs', CNSs' and qualified psychologists'
services are "separately covered and not paid as partial hospitalization services" (42 CFR 410.43(a)(4), (b)): the
CSW's (MFT's, MHC's) session is paid within the hospital's or CMHC's per-diem APC, not on their own claim. So their
line at POS 52 is denied, nothing priced, price and batch alike; a physician's, psychologist's or NP's line there keeps
CMS's facility amount (RVU26C x the 2026 Chicago GPCIs, ``cms_fees``), and the CSW's at a CMHC (POS 53) its 75%."""

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
ZIP, LOCALITY, DATE = "60601", "0610216", "2026-08-03"  # CHICAGO
PROGRAM_S = "not paid on their own claim"


def _share(amount: Decimal, percent: str) -> Decimal:
    return (amount * Decimal(percent)).quantize(CENT, ROUND_HALF_UP)


def test_the_rule_names_the_program_and_its_regulation() -> None:
    said = csw_inpatient_denial("90853", ["AJ"], "52")
    assert said is not None and "(POS 52, " in said and PROGRAM_S in said and "42 CFR 410.43" in said
    assert csw_inpatient_denial("90853", [], "52") is None  # a physician's line
    assert csw_inpatient_denial("90853", ["AH"], "52") is None  # a psychologist's: separately covered
    assert csw_inpatient_denial("90853", ["AJ"], "53") is None  # a CMHC's patient need not be in its program


def test_price_denies_the_csw_s_session_in_the_program() -> None:
    for args in (["90853", "--provider", "LCSW"], ["90832-AJ"], ["90834", "--provider", "LMFT"]):
        done = runner.invoke(app, ["price", *args, "--setting", "52", "--zip", ZIP, "--date", DATE, "-f", "json"])
        said = " ".join(done.stderr.split())
        assert done.exit_code == 1 and PROGRAM_S in said and "410.43" in said, (args, done.output)
        assert "$" not in said
    # at the CMHC (POS 53) the CSW's own session: 75% of CMS's facility amount, as before
    done = runner.invoke(app, ["price", "90853", "--provider", "LCSW", "--setting", "53", "--zip", ZIP, "--date",
                               DATE, "-f", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    [site] = json.loads(done.stdout)["sites"]
    assert Decimal(str(site["allowed"])) == _share(fee_2026("90853", LOCALITY, facility=True), "0.75")


def test_batch_denies_the_csw_s_program_rows_as_price_does(tmp_path: Path) -> None:
    source, out = tmp_path / "claims.csv", tmp_path / "out.csv"
    rows = [("90853", "AJ", "52", "LCSW"), ("90832", "", "52", "LMFT"), ("90853", "AJ", "52", ""),
            ("90853", "", "52", "MD"), ("90853", "", "52", "PhD"), ("90853", "", "52", "NP"),
            ("90853", "AJ", "53", "LCSW")]  # fmt: skip
    source.write_text(
        "Claim Number,Service Date,Procedure Code,Modifier 1,Place of Service,Rendering Credential,Facility Zip\n"
        + "".join(f"P{n},{DATE},{code},{mod},{pos},{cred},{ZIP}\n" for n, (code, mod, pos, cred) in enumerate(rows))
    )
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 1 and "3 with errors (3 denied)" in done.stderr, done.output
    with open(out, newline="") as handle:
        got = list(csv.DictReader(handle))
    assert [row["error_kind"] for row in got] == ["denied"] * 3 + [""] * 4
    assert all(PROGRAM_S in row["error"] and row["allowed"] == "" for row in got[:3])
    facility = fee_2026("90853", LOCALITY, facility=True)
    assert [Decimal(row["allowed"]) for row in got[3:]] == [
        facility,
        facility,
        _share(facility, "0.85"),
        _share(facility, "0.75"),
    ]


def test_aj_on_an_np_s_or_psychologist_s_row_is_refused_in_batch_as_price_refuses_it(tmp_path: Path) -> None:
    """AJ on a row whose provider cell names an NP, PA, CNS or psychologist at POS 52 (or an inpatient place): price
    refuses the line (exit 2, bad modifier: AJ names another practitioner) before its place's rule; batch's row said
    it was denied as a clinical social worker's. The same error, kind and words, in both."""
    cells = [("NP", "np"), ("PA-C", "pa"), ("CNS", "cns"), ("PhD", "psychologist")]
    places = ("52", "21")
    source, out = tmp_path / "claims.csv", tmp_path / "out.csv"
    source.write_text(
        "Claim Number,Service Date,Procedure Code,Modifier 1,Place of Service,Rendering Credential,Facility Zip\n"
        + "".join(f"P{cred}{pos},{DATE},90834,AJ,{pos},{cred},{ZIP}\n" for pos in places for cred, _ in cells)
    )
    runner.invoke(app, ["batch", str(source), "-o", str(out)])
    with open(out, newline="") as handle:
        got = list(csv.DictReader(handle))
    assert len(got) == len(places) * len(cells)
    for row, (pos, (_, provider)) in zip(got, [(pos, cell) for pos in places for cell in cells], strict=True):
        done = runner.invoke(app, ["price", "90834-AJ", "--provider", provider, "--setting", pos, "--zip", ZIP,
                                   "--date", DATE, "-f", "json"])  # fmt: skip
        assert done.exit_code == 2, done.output
        said = " ".join(done.stderr.split()).removeprefix("rvucalc: ")
        assert row["error_kind"] == "bad_modifier" and row["allowed"] == "", row
        assert " ".join(row["error"].split()) == said, (row["error"], said)
