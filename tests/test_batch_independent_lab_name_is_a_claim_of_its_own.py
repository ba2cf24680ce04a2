"""A practice's export gave its reference labs' rows ('QUEST LAB', 'LABCORP', 'XYZ CLINICAL LABORATORY' in the
'Rendering Provider' column, POS 81) its NP's claim id. The lab names left the column unread, the NP's 99213 priced at
a physician's 100%, and the labs' tests said "the rules ran without line 2 (2560X) of this claim", the NP's bad line.
An independent laboratory bills its tests on its own claim (Claims Processing Manual ch. 16 §10.1, §40.1; SSA
§1833(h)(5)(A)): its name is read as a blank cell (the column read) and its rows are a claim of their own
(batch.claims.billing_entity), as a DMEPOS supplier's are. The amounts are CMS's, as batch prices the rows apart."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.lookup.credentials import (
    business_name,
    diagnostic_facility_name,
    independent_lab_name,
    lab_cell,
    provider_of,
)

HEADER = "Claim ID,DOS,Rendering Provider,CPT Code,Mod 1,Units,POS,Zip Code\n"
NP = '{claim},03/10/2026,"NGUYEN, LAN NP",99213,25,1,11,46601\n{claim},03/10/2026,"NGUYEN, LAN NP",2560X,,1,11,46601\n'
LABS = ("{claim},03/10/2026,{lab},80053,,1,81,46601\n"
        "{claim},03/10/2026,{labcorp},85025,,1,81,46601\n"
        "{claim},03/10/2026,{xyz},83036,,1,81,46601\n")  # fmt: skip
NAMES = {"lab": "QUEST LAB", "labcorp": "LABCORP", "xyz": "XYZ CLINICAL LABORATORY"}
MONEY = ("allowed", "beneficiary", "medicare", "clfs_amount", "professional_allowed", "pfs_non_facility_amount")


def _run(tmp_path: Path, name: str, text: str) -> tuple[list[dict[str, str]], dict[str, Any], str]:
    source, target, summary = tmp_path / f"{name}.csv", tmp_path / f"{name}_out.csv", tmp_path / f"{name}.json"
    source.write_text(text)
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(target), "--summary", str(summary)])
    assert done.exit_code in (0, 1), done.output
    return list(csv.DictReader(target.open())), json.loads(summary.read_text()), " ".join(done.stderr.split())


def test_an_independent_lab_s_rows_beside_an_np_s_are_the_lab_s_claim(tmp_path: Path) -> None:
    rows, summary, said = _run(tmp_path, "shared", HEADER + NP.format(claim="O1") + LABS.format(claim="O1", **NAMES))
    assert "provider ← Rendering Provider" in said
    # The NP's lines alone (the column read by the NP's cell): her 99213 at an NP's 85%, as beside the labs' rows
    alone, _, _ = _run(tmp_path, "alone", HEADER + NP.format(claim="O1"))
    assert [rows[0][k] for k in MONEY] == [alone[0][k] for k in MONEY]
    # The labs' rows under a claim id of their own, their cells blank: the same amounts, no word of the NP's bad line
    apart, _, _ = _run(tmp_path, "apart", HEADER + LABS.format(claim="L1", lab="", labcorp="", xyz=""))
    for row, other in zip(rows[2:], apart, strict=True):
        assert [row[k] for k in MONEY] == [other[k] for k in MONEY], row["CPT Code"]
        assert "rules ran without" not in row["note"] and "not read as a practitioner" not in row["note"]
    assert "the rules ran without line 2 (2560X)" in rows[0]["note"]
    claims = summary["claims"]
    assert list(claims) == ["O1 (practitioner)", "O1 (lab)"]
    assert claims["O1 (lab)"]["lines"] == 3 and claims["O1 (lab)"]["billing_entity"] == "lab"
    assert "independent lab's (its name in the provider cell)" in said and summary["two_entity_claims"] == 1


@pytest.mark.parametrize("name", ["QUEST LAB", "LABCORP", "XYZ CLINICAL LABORATORY", "CITY MEDICAL LAB"])
def test_a_lab_s_name_is_read_as_a_blank_cell(name: str) -> None:
    assert independent_lab_name(name) and provider_of(name) is None


@pytest.mark.parametrize(
    ("name", "read"),
    [("LABARRE, JOHN MD", "physician"), ("SUNRISE SLEEP LAB", None), ("NGUYEN, LAN NP", "np")],
)
def test_a_practitioner_s_name_and_an_idtf_s_keep_their_reading(name: str, read: str | None) -> None:
    assert not independent_lab_name(name) and provider_of(name) == read


@pytest.mark.parametrize("name", ["QUEST LAB, PA", "Lab Tech", "QUEST LAB INC"])
def test_a_lab_s_practice_name_or_its_staff_is_not_read(name: str) -> None:
    """'QUEST LAB, PA' is the lab's professional association, not a physician assistant (it was read as PA, 85%)."""
    assert not independent_lab_name(name)
    with pytest.raises(ValueError):
        provider_of(name)


@pytest.mark.parametrize("lab", ["IN-HOUSE LAB", "POC LAB", "OFFICE LAB", "HOSPITAL LAB", "CARDIOLOGY LAB", "PFT LAB"])
def test_a_practice_s_or_hospital_s_own_lab_stays_on_its_claim(tmp_path: Path, lab: str) -> None:
    """An in-office lab is no independent laboratory (one is "independent both of the attending or consulting
    physician's office and of a hospital", SSA POMS HI 00610.130 A): its cell is read as a blank one, its tests stay
    on the practice's claim O1, as with the cell blank, where they were cut to a claim "O1 (lab)" of their own."""
    office = '{claim},03/10/2026,"PATEL, ANIL MD",99213,25,1,11,46601\n'
    rows, summary, said = _run(tmp_path, "own", HEADER + office.format(claim="O1") + LABS.format(
        claim="O1", lab=lab, labcorp=lab, xyz=lab))  # fmt: skip
    blank, blank_summary, _ = _run(tmp_path, "blank", HEADER + office.format(claim="O1") + LABS.format(
        claim="O1", lab="", labcorp="", xyz=""))  # fmt: skip
    assert list(summary["claims"]) == ["O1"] and summary["two_entity_claims"] == 0
    assert summary["claims"] == blank_summary["claims"]
    for row, other in zip(rows, blank, strict=True):
        assert [row[k] for k in MONEY] == [other[k] for k in MONEY], row["CPT Code"]
        assert "not read as a practitioner" not in row["note"]
    assert "independent lab's" not in said


NATIONAL = ("QUEST DIAGNOSTICS", "Quest Diagnostics Inc", "Lab Corp", "LabCorp", "Laboratory Corporation of America",
            "SONIC REFERENCE LAB", "BioReference Laboratories")  # fmt: skip


@pytest.mark.parametrize("name", NATIONAL)
def test_a_national_reference_lab_s_name_is_an_independent_lab_s(name: str) -> None:
    """'QUEST DIAGNOSTICS' was read as an IDTF's name (its rows kept on the practitioner's claim), 'Quest Diagnostics
    Inc' and 'Lab Corp' as a practice's (not read, noted): each is an independent lab's, as 'QUEST LAB' is."""
    assert lab_cell(name) and provider_of(name) is None and not business_name(name)
    assert not diagnostic_facility_name(name)


@pytest.mark.parametrize(
    "name", ["QUEST, JOHN MD", "Quest Diagnostics Lab Tech", "Quest Diagnostics at St Joseph Hospital"]
)
def test_a_reference_lab_s_word_beside_a_practitioner_or_a_hospital_is_no_lab_claim(name: str) -> None:
    assert not lab_cell(name)


def test_a_national_reference_lab_s_rows_beside_an_np_s_are_the_lab_s_claim(tmp_path: Path) -> None:
    """A practice's export with 'QUEST DIAGNOSTICS', 'Lab Corp' and 'SONIC REFERENCE LAB' rows (POS 81) under its
    NP's claim id: the labs' rows are the claim "O1 (lab)", priced as under a claim id of their own (CMS's CLFS)."""
    names = {"lab": "QUEST DIAGNOSTICS", "labcorp": "Lab Corp", "xyz": "SONIC REFERENCE LAB"}
    rows, summary, said = _run(tmp_path, "national", HEADER + NP.format(claim="O1") + LABS.format(claim="O1", **names))
    apart, _, _ = _run(tmp_path, "apart", HEADER + LABS.format(claim="L1", lab="", labcorp="", xyz=""))
    for row, other in zip(rows[2:], apart, strict=True):
        assert [row[k] for k in MONEY] == [other[k] for k in MONEY], row["CPT Code"]
        assert "rules ran without" not in row["note"] and "not read as a practitioner" not in row["note"]
    assert list(summary["claims"]) == ["O1 (practitioner)", "O1 (lab)"]
    assert summary["claims"]["O1 (lab)"]["lines"] == 3
    assert "independent lab's (its name in the provider cell)" in said
