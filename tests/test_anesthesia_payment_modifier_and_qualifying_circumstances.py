"""An anesthesia trial (every dollar right) found these gaps, price and batch alike:

* an anesthesia line with no payment modifier (AA, AD, QK, QX, QY, QZ) was priced in full without a word (Claims
  Processing Manual ch. 12 §50.K: the claim needs one), and a physician's modifier on a CRNA's line was not said
  (now refused: the modifier names another practitioner);
* a qualifying circumstance code (99100, 99116, 99135, 99140: status B) with its base units filled was a usage error
  (exit 2 in price), which also left it out of its case's rules ("the rules ran without line 4");
* the anesthesia CF of REST OF ILLINOIS 2026 (ANES2026: 21.00) was shown '21';
* 'Anes Code' was not read as the code column, and 'Nurse Anesthetist' / 'Anesthesiologist' not as provider types.

The money is CMS's: (base units + minutes / 15 to one decimal) x the locality's anesthesia CF of the ANES file, x 50%
for QK/QX/QY, rounded once half-up.
"""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.batch.columns import missing_role_notices, resolve_columns
from rvucalc.cli import app

runner = CliRunner()

# CMS's ANES files, the locality's row as published (Contractor, Locality, Name, CF ...; ANES2026: QP then non-QP):
ANES2026_CHICAGO = "06102 ,16 ,CHICAGO,22.49,22.38"
ANES2025_CHICAGO = "06102 ,16 ,CHICAGO,21.85 "
ANES2026_REST_OF_ILLINOIS = "06102 ,99 ,REST OF ILLINOIS,21.10,21.00"


def cms_cf(row: str) -> Decimal:
    return Decimal(row.split(",")[-1].strip())  # the non-QP CF (the only one in 2025)


def cms_amount(base: int, minutes: int, cf: Decimal, percent: int = 100) -> Decimal:
    time_units = (Decimal(minutes) / 15).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return ((base + time_units) * cf * percent / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)


def price_json(*args: str) -> dict:
    done = runner.invoke(app, ["price", *args, "--format", "json"])
    assert done.exit_code == 0, done.output
    return json.loads(done.stdout)


def batch_rows(tmp_path: Path, text: str) -> list[dict[str, str]]:
    source, out = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text(text)
    done = runner.invoke(app, ["batch", "-q", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    return list(csv.DictReader(out.open()))


PLACE = ["--zip", "60611", "--date", "2026-08-04"]


@pytest.mark.parametrize(
    ("code", "provider", "priced_as"),
    [("01402-P3", "physician", "personally performed by the anesthesiologist (AA)"),
     ("01402", "crna", "a CRNA's without medical direction (QZ)")],
)  # fmt: skip
def test_an_anesthesia_line_without_a_payment_modifier_is_priced_in_full_and_says_the_claim_needs_one(
    tmp_path: Path, code: str, provider: str, priced_as: str
) -> None:
    amount = cms_amount(7, 98, cms_cf(ANES2026_CHICAGO))  # $302.13
    result = price_json(code, "--base-units", "7", "--minutes", "98", "--provider", provider, *PLACE)
    assert Decimal(str(result["pfs"]["facility"]["amount"])) == amount
    [said] = [note for note in result["notes"] if "no anesthesia payment modifier" in note]
    assert priced_as in said and "ch. 12 §50.K" in said and "; " not in said
    name, _, modifiers = code.partition("-")
    rows = batch_rows(tmp_path, "claim,code,modifier,base_units,minutes,zip,date,pos,provider\n"
                                f"1,{name},{modifiers},7,98,60611,2026-08-04,21,{provider.upper()}\n")  # fmt: skip
    assert Decimal(rows[0]["pfs_facility_amount"]) == amount and said in rows[0]["note"].split("; ")


def test_lines_with_their_payment_modifier_are_priced_as_before_without_the_note(tmp_path: Path) -> None:
    cf = cms_cf(ANES2026_CHICAGO)
    rows = batch_rows(
        tmp_path,
        "claim,code,modifier,base_units,minutes,zip,date,pos,provider\n"
        "1,01402,QK,7,98,60611,2026-08-04,21,MD\n1,01402,QX,7,98,60611,2026-08-04,21,CRNA\n"
        "2,01402,AA,7,98,60611,2026-08-04,21,MD\n3,01402,QZ,7,98,60611,2026-08-04,21,CRNA\n",
    )
    amounts = [Decimal(row["pfs_facility_amount"]) for row in rows]
    assert amounts == [cms_amount(7, 98, cf, 50)] * 2 + [cms_amount(7, 98, cf)] * 2
    said = ("payment modifier", "anesthesiologist's modifier")
    assert not [row for row in rows if any(words in row["note"] for words in said)]


def test_a_physician_s_modifier_on_a_crna_s_line_is_refused_not_priced_as_the_modifier_says(tmp_path: Path) -> None:
    """It was priced as QK said, with a note; the modifier and the practitioner conflict (ch. 12 §50.K, §140.3.3:
    tests/test_anesthesia_modifier_names_its_practitioner.py)."""
    done = runner.invoke(app, ["price", "01402-QK", "--base-units", "7", "--minutes", "98", "--provider", "crna",
                               *PLACE, "--format", "json"])  # fmt: skip
    assert done.exit_code == 2 and "QK is the physician's modifier" in done.stderr
    source, out = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text("code,modifier,base_units,minutes,zip,date,pos,provider\n"
                      "01402,QK,7,98,60611,2026-08-04,21,Nurse Anesthetist\n")  # fmt: skip
    assert runner.invoke(app, ["batch", "-q", str(source), "-o", str(out)]).exit_code == 1  # a row's error
    rows = list(csv.DictReader(out.open()))
    assert rows[0]["error_kind"] == "bad_modifier" and rows[0]["pfs_facility_amount"] == ""
    assert "QK is the physician's modifier" in rows[0]["error"]


@pytest.mark.parametrize("qualifying", ["99100", "99116", "99135", "99140"])
def test_a_qualifying_circumstance_code_with_base_units_is_status_b_not_an_error(
    tmp_path: Path, qualifying: str
) -> None:
    """An anesthesia export fills its base units (1, 2, 5): Medicare bundles the code (status B), pays no units for
    it, and its case's other lines are priced by the encounter's rules, not "without line 2"."""
    amount = cms_amount(7, 98, cms_cf(ANES2025_CHICAGO), 50)  # $147.49
    args = ["01402-QK", qualifying, "--base-units", "7", "--base-units", "2", "--minutes", "98", "--minutes", "0",
            "--zip", "60611", "--date", "2025-02-11"]  # fmt: skip
    result = price_json(*args)
    first, second = result["lines"]
    assert Decimal(str(first["pfs"]["facility"]["amount"])) == amount
    assert second["pfs"]["facility"]["payable"] is False and "status B" in second["pfs"]["facility"]["reason"]
    assert any("qualifying circumstance" in note and "status B" in note for note in second["notes"])
    at_hospital = runner.invoke(app, ["price", *args, "--setting", "22", "--format", "json"])
    assert at_hospital.exit_code == 0
    said = next(line for line in at_hospital.stderr.splitlines() if f"{qualifying} has no amount" in line)
    assert said.index("status B") < said.index("SI B")  # the PFS's reason leads, then OPPS's
    rows = batch_rows(tmp_path, "claim,code,modifier,base_units,minutes,zip,date,pos\n"
                                "A,01402,QK,7,98,60611,2025-02-11,22\n"
                                f"A,{qualifying},,2,,60611,2025-02-11,22\n")  # fmt: skip
    assert [row["error_kind"] for row in rows] == ["", ""]
    assert Decimal(rows[0]["pfs_facility_amount"]) == amount and "ran without" not in rows[0]["note"]
    assert rows[1]["pfs_facility_amount"] == "" and "status B" in rows[1]["note"]
    assert "the base units given (2) are not read" in rows[1]["note"]


def test_base_units_on_another_code_are_still_refused() -> None:
    done = runner.invoke(app, ["price", "99213", "--base-units", "1", "--minutes", "0"])
    assert done.exit_code == 2 and "is for anesthesia codes" in done.output


def test_the_anesthesia_cf_is_shown_with_its_cents(tmp_path: Path) -> None:
    """ANES2026's REST OF ILLINOIS CF is 21.00 (ZIP 62901): shown '21' in price, batch and compare before."""
    cf = ANES2026_REST_OF_ILLINOIS.split(",")[-1]
    args = ["price", "00142-QZ", "--base-units", "4", "--minutes", "18", "--zip", "62901", "--date", "2026-08-03"]
    table = runner.invoke(app, args, terminal_width=200)
    assert f"anesthesia CF ${cf} " in table.stdout
    rows = batch_rows(tmp_path, "code,modifier,base_units,minutes,zip,date\n00142,QZ,4,18,62901,2026-08-03\n")
    assert rows[0]["anesthesia_conversion_factor"] == cf
    assert Decimal(rows[0]["pfs_facility_amount"]) == cms_amount(4, 18, Decimal(cf))
    compared = runner.invoke(app, ["compare", "00142", "--from", "2025", "--to", "2026", "--zip", "62901",
                                   "--base-units", "4", "--minutes", "18"], terminal_width=250)  # fmt: skip
    assert f"-> {cf}" in compared.stdout


@pytest.mark.parametrize("header", ["Anes Code", "Anesthesia Code"])
def test_an_anesthesia_code_column_is_the_code_and_a_surgical_cpt_beside_it_is_said_unread(header: str) -> None:
    names = ["Case #", "DOS", header, "Surgical CPT", "Mod1", "Base Units", "Anes Minutes"]
    columns = resolve_columns(names)
    assert columns.position("code") == 2
    [said] = [notice for notice in missing_role_notices(columns) if notice.startswith("code ←")]
    assert "'Surgical CPT' is not read" in said and "--columns code='Surgical CPT'" in said
    # beside a usual code column, in an anesthesia export (base units): the anesthesia code is the one priced
    assert resolve_columns([header, "CPT Code", "Base Units", "Minutes"]).position("code") == 0


@pytest.mark.parametrize(
    ("cell", "directed", "limiting", "priced_as"),
    [("Anesthesiologist", "QK", True, "(AA)"), ("Nurse Anesthetist", "QX", False, "(QZ)")],
)  # a directed case's line: the anesthesiologist's QK, the CRNA's QX (QK on a CRNA's line is refused)
def test_an_anesthesia_export_s_provider_types_are_read(
    tmp_path: Path, cell: str, directed: str, limiting: bool, priced_as: str
) -> None:
    rows = batch_rows(
        tmp_path,
        "code,modifier,base_units,minutes,zip,date,Provider Type\n"
        f"01402,{directed},7,98,60611,2026-08-04,{cell}\n01402,,7,98,60611,2026-08-04,{cell}\n",
    )
    cf = cms_cf(ANES2026_CHICAGO)
    assert [Decimal(row["pfs_facility_amount"]) for row in rows] == [cms_amount(7, 98, cf, 50), cms_amount(7, 98, cf)]
    assert not [row for row in rows if "not read as a practitioner" in row["note"]]
    assert bool(rows[1]["pfs_facility_limiting_charge"]) is limiting  # a CRNA's: assignment only
    assert priced_as in rows[1]["note"]
