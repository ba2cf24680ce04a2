"""An anesthesia line's payment modifier names who furnished it (a left-alone item): AA, AD, QK and QY the
physician's, QX and QZ a CRNA's or anesthesiologist assistant's (Claims Processing Manual ch. 12 §50.K; §140.3.3 for
the qualified nonphysician anesthetist's QX and QZ). 00840-QZ on a row whose provider cell said MD was priced silently
as the CRNA's (the full amount, no limiting charge), and 01402-QK on a CRNA's row as the anesthesiologist's, with a
note. A line whose modifier and named practitioner conflict is refused (bad_modifier), as AJ or AH on a physician's
row is, price (an explicit --provider) and batch alike; the lines whose modifier and practitioner agree keep their
amounts, which are CMS's: (base units + minutes / 15 to one decimal) x the ANES2026 CF of the locality, read from the
shipped CMS file, x 50% for QK/QX/QY.
"""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from test_anesthesia_compare_and_localities import MANHATTAN, amount, cms_anesthesia_cfs

runner = CliRunner()
PLACE = ["--zip", "10001", "--date", "2026-08-04"]  # Manhattan (locality 1320201)
BASE, MINUTES = 6, 60  # 00840: 4.0 time units

CONFLICTS = [
    ("QZ", "md", "MD", "QZ is a CRNA's or anesthesiologist assistant's modifier"),
    ("QX", "MD", "DO", "QX is a CRNA's or anesthesiologist assistant's modifier"),
    ("AA", "crna", "CRNA", "AA is the physician's modifier"),
    ("QK", "CRNA", "Nurse Anesthetist", "QK is the physician's modifier"),
    ("QY", "CAA", "CAA", "QY is the physician's modifier"),
    ("AD", "crna", "AA-C", "AD is the physician's modifier"),
]


def batch_rows(tmp_path: Path, text: str, exit_code: int = 0) -> list[dict[str, str]]:
    """The output rows of `rvucalc batch` of ``text``; ``exit_code`` 1: some rows have an error (README, Exit codes)."""
    source, out = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text(text)
    done = runner.invoke(app, ["batch", "-q", str(source), "-o", str(out)])
    assert done.exit_code == exit_code, done.output
    return list(csv.DictReader(out.open()))


@pytest.mark.parametrize(("modifier", "option", "cell", "said"), CONFLICTS)
def test_a_modifier_naming_another_practitioner_is_refused_in_price_and_batch(
    tmp_path: Path, modifier: str, option: str, cell: str, said: str
) -> None:
    done = runner.invoke(app, ["price", f"00840-{modifier}", "--base-units", str(BASE), "--minutes", str(MINUTES),
                               "--provider", option, *PLACE, "--format", "json"])  # fmt: skip
    assert done.exit_code == 2 and said in done.stderr and "ch. 12 §50.K" in done.stderr
    assert "Traceback" not in done.output and done.stdout == ""
    rows = batch_rows(tmp_path, "claim,code,modifier,base_units,minutes,zip,date,pos,provider\n"
                                f"1,00840,{modifier},{BASE},{MINUTES},10001,2026-08-04,22,{cell}\n", 1)  # fmt: skip
    assert rows[0]["error_kind"] == "bad_modifier" and said in rows[0]["error"]
    assert rows[0]["pfs_facility_amount"] == rows[0]["allowed"] == ""


def test_lines_whose_modifier_and_practitioner_agree_keep_cms_s_amounts(tmp_path: Path) -> None:
    """The physician's AA, QK, QY and AD, the CRNA's QZ and QX, and a blank provider cell (the default physician names
    no one: QZ is the CRNA's line the modifier says) are priced as before, in price and batch."""
    cf = cms_anesthesia_cfs(2026)[1][MANHATTAN]  # CMS's ANES2026, non-QP, Manhattan ($22.81)
    full = amount(BASE, MINUTES, cf)
    half = (amount(BASE, MINUTES, cf) / 2).quantize(Decimal("0.01"))  # 228.10 / 2 exactly: 114.05
    supervised = (3 * cf).quantize(Decimal("0.01"))  # AD: 3 base units, no time units (ch. 12 §50.D)
    agreeing = [("AA", "MD", full), ("QK", "MD", half), ("QY", "Anesthesiologist", half), ("AD", "DO", supervised),
                ("QZ", "CRNA", full), ("QX", "CAA", half), ("QZ", "", full), ("AA", "", full)]  # fmt: skip
    text = "claim,code,modifier,base_units,minutes,zip,date,pos,provider\n" + "".join(
        f"{n},00840,{modifier},{BASE},{MINUTES},10001,2026-08-04,22,{cell}\n"
        for n, (modifier, cell, _) in enumerate(agreeing)
    )
    rows = batch_rows(tmp_path, text)
    assert [row["error_kind"] for row in rows] == [""] * len(agreeing)
    assert [Decimal(row["pfs_facility_amount"]) for row in rows] == [fee for *_, fee in agreeing]
    # --provider physician, the option's default word, names no one, as a blank cell (README's provider paragraph)
    for modifier, option, fee in (("AA", "md", full), ("QK", "physician", half), ("QZ", "crna", full),
                                  ("QX", "crna", half), ("QZ", None, full), ("QZ", "physician", full)):  # fmt: skip
        given = [] if option is None else ["--provider", option]
        done = runner.invoke(app, ["price", f"00840-{modifier}", "--base-units", str(BASE), "--minutes",
                                   str(MINUTES), *given, *PLACE, "--format", "json"])  # fmt: skip
        assert done.exit_code == 0, done.output
        assert Decimal(str(json.loads(done.stdout)["pfs"]["facility"]["amount"])) == fee


def test_price_s_explicit_physician_refuses_aj_as_batch_s_md_cell_does(tmp_path: Path) -> None:
    """--provider md names the physician in price as a provider cell 'MD' does in batch (it was read as the default,
    which names no one): AJ on it is refused as batch refuses it; the default, or --provider physician, still prices
    the AJ line (75%: tests/test_mental_health_medical_services.py)."""
    said = "AJ and AH name the practitioner"
    done = runner.invoke(app, ["price", "90834-AJ", "--provider", "md", *PLACE, "--format", "json"])
    assert done.exit_code == 2 and said in done.stderr
    rows = batch_rows(tmp_path, "code,zip,date,provider\n90834-AJ,10001,2026-08-04,MD\n", 1)
    assert rows[0]["error_kind"] == "bad_modifier" and said in rows[0]["error"]
    assert runner.invoke(app, ["price", "90834-AJ", *PLACE, "--format", "json"]).exit_code == 0


@pytest.mark.parametrize(("option", "refused"), [("md", True), ("MD", True), ("physician", False), (None, False)])
def test_batch_s_provider_option_names_the_physician_as_price_s_does(
    tmp_path: Path, option: str | None, refused: bool
) -> None:
    """`rvucalc batch --provider md` names the physician of the rows without a provider cell as `rvucalc price
    --provider md` does (a review found batch pricing 90834-AJ at 75% and 00840-QZ as the CRNA's where price refused
    both); its default word physician, or no option, names no one, in price and batch alike."""
    given = [] if option is None else ["--provider", option]
    source, out = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text("code,base_units,minutes,zip,date,pos,provider\n"
                      "90834-AJ,,,10001,2026-08-04,11,\n"
                      f"00840-QZ,{BASE},{MINUTES},10001,2026-08-04,22,\n")  # fmt: skip
    done = runner.invoke(app, ["batch", "-q", str(source), "-o", str(out), *given])
    assert done.exit_code == (1 if refused else 0), done.output
    rows = list(csv.DictReader(out.open()))
    for row, line in zip(rows, (["90834-AJ"], ["00840-QZ", "--base-units", str(BASE), "--minutes", str(MINUTES)]),
                         strict=True):  # fmt: skip
        priced = runner.invoke(app, ["price", *line, *given, *PLACE, "--format", "json"])
        assert priced.exit_code == (2 if refused else 0), priced.output
        assert (row["error_kind"] == "bad_modifier") == refused
        if refused:
            assert row["error"] in priced.stderr
        else:
            setting = "facility" if line[0].startswith("00840") else "non_facility"
            fee = json.loads(priced.stdout)["pfs"][setting]["amount"]
            assert Decimal(row[f"pfs_{setting}_amount"]) == Decimal(str(fee))


@pytest.mark.parametrize(("option", "refused"), [("md", True), ("physician", False), (None, False)])
def test_compare_s_provider_option_names_the_physician_as_price_s_does(option: str | None, refused: bool) -> None:
    """`rvucalc compare 90834-AJ --provider md` was compared at the CSW's 75% where `rvucalc price` refuses the line;
    it is refused as price's (exit 2, the same error), the default word physician compared as before, and its
    amounts are price's."""
    given = [] if option is None else ["--provider", option]
    done = runner.invoke(app, ["compare", "90834-AJ", "--from", "2025", "--to", "2026", "--zip", "10001", *given,
                               "--format", "json"])  # fmt: skip
    priced = runner.invoke(app, ["price", "90834-AJ", "--zip", "10001", "--date", "2026-08-04", *given, "-f", "json"])
    assert done.exit_code == priced.exit_code == (2 if refused else 0), done.output
    if refused:
        assert "AJ and AH name the practitioner" in done.stderr and done.stderr == priced.stderr
    else:
        after = json.loads(done.stdout)["codes"][0]["amounts"]["non_facility"]["after"]
        assert Decimal(str(after)) == Decimal(str(json.loads(priced.stdout)["pfs"]["non_facility"]["amount"]))
