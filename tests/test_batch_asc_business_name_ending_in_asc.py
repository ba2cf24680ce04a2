"""A GI group's export names its own ASC as the billing provider by its business name ('ROCKY MOUNTAIN ENDOSCOPY
CENTER ASC', 'Front Range Ambulatory Surgery Center, LLC'), not by the bare word 'ASC': such a POS 24 row was priced as
a physician's line (a practice name's 'not read' note), each colonoscopy's physician fee counted among the
practitioners' claims beside the ASC's own bill. A name ending in ASC (or the ASC's own words, an entity form after
them) is the ASC's own claim line, as the bare cell and a UB-04 831 are: every money column and the summary's totals
equal the 831 file's (CMS's amounts, priced from its files, not typed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rvucalc.lookup.credentials import asc_provider, provider_of
from test_batch_asc_provider_own_claim import _run

HEADER = "Claim No,Svc Date,CPT,Mod 1,Units,POS,TOB,Facility Zip,Rendering Provider\n"
PHYSICIAN = 'GI1,05/05/2026,45390,,1,24,,80218,"CHEN, LISA DO"\n'
BY_CELL = 'A1,05/05/2026,45378,,1,24,,80218,"{cell}"\nA1,05/05/2026,45390,,1,24,,80218,"{cell}"\n'
BY_BILL = "A1,05/05/2026,45378,,1,,831,80218,ASC\nA1,05/05/2026,45390,,1,,831,80218,ASC\n"
MONEY = ("asc_rate", "pfs_facility_amount", "allowed", "beneficiary", "medicare", "professional_allowed", "site",
         "in_totals")  # fmt: skip


@pytest.mark.parametrize("cell", ["ROCKY MOUNTAIN ENDOSCOPY CENTER ASC", "Front Range Ambulatory Surgery Center, LLC",
                                  "Denver Endoscopy ASC, LLC", "DENVER ENDOSCOPY ASC, P.A.",
                                  "ORTHO ASC PA"])  # fmt: skip
def test_an_asc_s_business_name_ending_in_asc_is_the_asc_s_own_claim_line(tmp_path: Path, cell: str) -> None:
    bill_rows, bill_summary, _ = _run(tmp_path, "bill", HEADER + PHYSICIAN + BY_BILL)
    rows, summary, said = _run(tmp_path, "cell", HEADER + PHYSICIAN + BY_CELL.format(cell=cell))
    for row, by_bill in zip(rows, bill_rows, strict=True):
        assert {k: row[k] for k in MONEY} == {k: by_bill[k] for k in MONEY}, (cell, row["CPT"])
    assert summary["totals"] == bill_summary["totals"]
    assert summary["totals"]["facility_claims"]["lines"] == 2 and summary["totals"]["professional"]["lines"] == 1
    assert "provider cell names no practitioner" not in said
    assert all("not read as a practitioner" not in row["note"] for row in rows)


def test_a_practice_name_without_asc_words_is_still_no_asc() -> None:
    for cell in ("FRONT RANGE GASTROENTEROLOGY PC", "KAPOOR, RAVI MD", "BASC", "Ambulatory Surgical Center of Denver"):
        assert not asc_provider(cell), cell
    for cell in ("ASC", "asc llc", "49", "ambulatory surgery center"):
        assert asc_provider(cell), cell


def test_an_asc_s_name_beside_a_blank_credential_cell_is_the_asc_s_own_claim_line(tmp_path: Path) -> None:
    """The export's 'Rendering Provider' holds names and 'Prov Cred' the credentials, blank on the ASC's rows: the
    name ending in ASC is read as the ASC's, as a credential after a practitioner's name is."""
    bill_rows, bill_summary, _ = _run(tmp_path, "bill", HEADER + PHYSICIAN + BY_BILL)
    header = HEADER.replace("\n", ",Prov Cred\n")
    physician = PHYSICIAN.replace('"CHEN, LISA DO"', '"CHEN, LISA",DO')
    asc = BY_CELL.format(cell="ROCKY MOUNTAIN ENDOSCOPY CENTER ASC").replace("\n", ",\n")
    rows, summary, _ = _run(tmp_path, "named", header + physician + asc)
    for row, by_bill in zip(rows, bill_rows, strict=True):
        assert {k: row[k] for k in MONEY} == {k: by_bill[k] for k in MONEY}, row["CPT"]
    assert summary["totals"] == bill_summary["totals"]
    assert "Provider read from Rendering Provider: ASC" in rows[1]["note"]


def test_an_asc_s_name_before_pa_is_no_physician_assistant_s() -> None:
    """'ORTHO ASC, P.A.' was read as a physician assistant's cell (85% of the physician fee): its PA is the entity's
    form after the ASC's name. 'ASC PA' alone and a person's 'SMITH, JOHN PA' are unchanged."""
    for cell in ("ORTHO ASC, P.A.", "DENVER ASC PA", "ROCKY MOUNTAIN ENDOSCOPY CENTER ASC PA LLC"):
        assert asc_provider(cell), cell
        with pytest.raises(ValueError):
            provider_of(cell)
    for cell in ("ASC PA", "ASC ORTHOPEDICS PA", "CASCADE PA", "MASC PA"):
        assert not asc_provider(cell), cell
    assert provider_of("SMITH, JOHN PA") == "pa"
