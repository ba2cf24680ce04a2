"""A locums trial (a multispecialty group, Minneapolis 55404 and Bemidji 56601): 99214-Q6 and 99213-Q5 read only
"Modifier Q6/Q5 is informational", where the biller asks who is paid and at whose rate: the absent regular physician
bills under their own NPI and is paid as though they furnished the service, for at most 60 continuous days, and only
physicians (and, from 2017-06-13, physical therapists in a HPSA, MUA or rural area) may (Claims Processing Manual ch. 1
§30.2.10, §30.2.11). 99213-CS in December 2025 read "Modifier CS is informational" beside a 20% patient share: the
COVID-19 testing cost-sharing waiver ended with the public health emergency (2023-05-11). 99213-GT at POS 02 read
"Modifier GT is informational": since 2018-10-01 GT is a CAH Method II institutional claim's alone (CR 10583), a
practitioner's telehealth line being known by its POS. Notes only: the amounts stay
the RVU file's, price, batch and `rvucalc modifiers` alike."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.cli import app
from rvucalc.engine.modifiers import CS_NOTE, GT_NOTE, Q5_NOTE, Q6_NOTE
from rvucalc.lookup.pricer import Pricer
from test_physician_claims_at_facilities import pfs_amount

runner = CliRunner()
MINNESOTA = "0620200"  # the state's one PFS locality: 55404 (Minneapolis) and 56601 (Bemidji) alike


@pytest.mark.parametrize(
    ("code", "mod", "zip_code", "date", "note"),
    [("99214", "Q6", "55404", "2026-08-12", Q6_NOTE), ("99213", "Q5", "56601", "2025-12-01", Q5_NOTE),
     ("99213", "CS", "55404", "2025-12-01", CS_NOTE), ("99213", "GT", "56601", "2026-08-04", GT_NOTE)],
)  # fmt: skip
def test_substitute_cs_and_gt_lines_say_the_rule_and_keep_the_amount(
    tmp_path: Path, pricer: Pricer, code: str, mod: str, zip_code: str, date: str, note: str
) -> None:
    """Price and batch say the modifier's rule, never "informational" alone; the amount is the RVU file's at
    Minnesota's GPCIs (the office's, or at POS 02 the facility's), the patient's 20% of it, as without the modifier."""
    pos, setting = ("02", "facility") if mod == "GT" else ("11", "non_facility")
    done = runner.invoke(app, ["price", f"{code}-{mod}", "--zip", zip_code, "--date", date, "--setting", pos,
                               "-f", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    single = json.loads(done.stdout)
    assert note in single["notes"] and not any(f"{mod} is informational" in text for text in single["notes"])
    fee = pfs_amount(pricer, code, "", setting, date, MINNESOTA)
    assert Decimal(str(single["pfs"][setting]["amount"])) == fee
    office = single["sites"][0]
    assert Decimal(str(office["total"])) == fee
    assert Decimal(str(office["beneficiary"])) == (fee * Decimal("0.2")).quantize(Decimal("0.01"))
    month, day = date[5:7], date[8:]
    row = {"Claim Number": "MN1", "CPT/HCPCS": code, "Mod 1": mod, "Units": "1", "POS": pos,
           "Svc Facility ZIP": zip_code, "Svc Date": f"{month}/{day}/{date[:4]}", "Prov Cred": "MD"}  # fmt: skip
    finished, rows = run_batch_rows(tmp_path, [row])
    assert finished.exit_code == 0, finished.output
    assert note in rows[0]["note"] and Decimal(rows[0]["allowed"]) == fee


def test_the_notes_name_the_rule_and_the_table_says_them() -> None:
    """Who bills and is paid, the 60 days, who may use it, the manual's section; CS's end of the waiver. One note a
    line (batch joins notes with "; "), and `rvucalc modifiers` gives each as its note and source."""
    for note, section in ((Q5_NOTE, "§30.2.10"), (Q6_NOTE, "§30.2.11")):
        for words in ("regular physician bills", "paid as though they furnished it", "60 continuous days",
                      "physical therapists", "not an NP's", section):  # fmt: skip
            assert words in note, words
    assert "2023-05-11" in CS_NOTE and "usual cost sharing applies" in CS_NOTE
    assert "Method II" in GT_NOTE and "CR 10583" in GT_NOTE and "place of service, 02 or 10" in GT_NOTE
    done = runner.invoke(app, ["modifiers", "Q5", "Q6", "CS", "GT", "-f", "json"])
    assert done.exit_code == 0, done.output
    table = {row["modifier"]: row for row in json.loads(done.stdout)["modifiers"]}
    assert {name: row["note"] for name, row in table.items()} == {
        "Q5": Q5_NOTE,
        "Q6": Q6_NOTE,
        "CS": CS_NOTE,
        "GT": GT_NOTE,
    }
    assert "ch. 1 §30.2.10" in table["Q5"]["source"] and "ch. 1 §30.2.11" in table["Q6"]["source"]
    assert all("; " not in note for note in (Q5_NOTE, Q6_NOTE, CS_NOTE, GT_NOTE))


@pytest.mark.parametrize(
    ("line", "liable"),
    [("82306-GZ", "the provider is liable: the patient may not be billed for it"),
     ("92015-GY", "the patient is liable for it (no ABN is required)")],
)  # fmt: skip
def test_denied_lines_say_who_is_liable(tmp_path: Path, line: str, liable: str) -> None:
    """82306-GZ read "Medicare is expected to deny the line" and no more: a biller asks who owes it. GZ (no ABN): the
    provider (SSA §1879, CR 7228); GY (statutorily excluded): the patient. Still refused (exit 1, nothing priced),
    price and batch alike."""
    done = runner.invoke(app, ["price", line, "--zip", "55404", "--date", "2025-12-01"])
    assert done.exit_code == 1 and liable in done.stderr and not done.stdout.strip(), done.output
    code, mod = line.split("-")
    row = {"Claim Number": "MN2", "CPT/HCPCS": code, "Mod 1": mod, "Units": "1", "POS": "11",
           "Svc Facility ZIP": "55404", "Svc Date": "12/01/2025", "Prov Cred": "MD"}  # fmt: skip
    finished, rows = run_batch_rows(tmp_path, [row])
    assert finished.exit_code == 1 and rows[0]["error_kind"] == "denied" and liable in rows[0]["error"]
    assert rows[0]["allowed"] == ""
