"""Header names billing exports write CamelCase or run together (a nephrology practice's trial): its ``ClaimID`` column
was not read as the claim, so every line was priced alone: G2211 beside its E/M-25 paid, the J1 packaging lost
($46,265.71 for $43,295.89 with ``--columns claim=ClaimID``). A name is read with its separators removed and its
CamelCase split: ``ClaimID`` is ``claim_id`` is ``Claim ID``, and so is a run-together ``CLAIMID``; a run-together
spelling of another name (``VISITID``) last, for a role no column took otherwise.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.batch.columns import missing_role_notices, resolve_columns
from rvucalc.cli import app
from rvucalc.errors import UsageError
from rvucalc.lookup.pricer import Pricer
from test_batch_provider_column import _cms_fee, _money

runner = CliRunner()
BASE = ["HCPCS", "Units"]


@pytest.mark.parametrize(
    ("name", "role"),
    [("ClaimID", "claim"), ("ClaimNo", "claim"), ("EncounterID", "claim"), ("ClaimNumber", "claim"),
     ("VisitID", "claim"), ("DateOfService", "date"), ("ServiceDate", "date"), ("DOS", "date"), ("DoS", "date"),
     ("PlaceOfService", "setting"), ("ZipCode", "zip"), ("PatientZip", "zip"), ("ServiceUnits", "units"),
     ("CLAIMID", "claim"), ("claimid", "claim"), ("DATEOFSERVICE", "date"), ("ZIPcode", "zip"),
     ("PLACEOFSERVICE", "setting"), ("ProviderType", "provider")],
)  # fmt: skip
def test_a_camel_case_or_run_together_name_is_its_role(name: str, role: str) -> None:
    columns = resolve_columns(["CPT", name], {})
    assert columns.position(role) == 1, columns.describe()


@pytest.mark.parametrize("code", ["ProcCode", "ProcedureCode", "CPTCode", "HCPCs", "HcpcsCode", "PROCEDURECODE"])
def test_a_camel_case_code_column_is_the_code(code: str) -> None:
    assert resolve_columns([code, "Units"], {}).position("code") == 0


@pytest.mark.parametrize("names", [["Modifier1", "Modifier2"], ["Mod1", "Mod2", "Mod3", "Mod4"], ["MOD1", "MOD2"]])
def test_camel_case_modifier_columns_are_joined_in_order(names: list[str]) -> None:
    columns = resolve_columns([*BASE, *names], {})
    assert columns.positions("modifier") == tuple(range(len(BASE), len(BASE) + len(names)))


def test_claimid_is_claim_id_is_claim_space_id() -> None:
    """One name, three spellings: the same roles, the same stderr notices (no 'no claim column')."""
    rest = ["DOS (YYYYMMDD)", "HCPCS", "Modifier 1", "Units", "Place of Service", "Zip"]
    trial = resolve_columns(["ClaimID", *rest])
    for spelled in ("claim_id", "Claim ID", "CLAIM-ID"):
        assert resolve_columns([spelled, *rest]).roles == trial.roles
    assert not [notice for notice in missing_role_notices(trial) if "claim" in notice]


# -- two columns for one role ------------------------------------------------------------------------------------------
# A CamelCase or run-together spelling of a usual name is that name: beside another usual name of its role two
# candidates, refused; before an export name (but after a usual name in an export's punctuation, 'Claim #', as before).
# The other spellings are read after the export names, for a role no column took by them.


@pytest.mark.parametrize(
    ("names", "role"),
    [(["CPT", "ClaimID", "EncounterID"], "claim"), (["CPT", "Claim ID", "Encounter ID"], "claim"),
     (["CPT", "CLAIMID", "ENCOUNTERID"], "claim"), (["CPT", "ClaimID", "CLAIMID"], "claim"),
     (["CPT", "VisitID", "TicketNo"], "claim"), (["CPT", "Visit ID", "Ticket #"], "claim"),
     # a spelling of a usual name beside another usual name of its role: two usual names, as 'Claim ID' and 'Claim'
     # (a review: 'ProviderType' beside 'Credential' was dropped without a word; test_columns_spelling_ambiguity)
     (["CPT", "ClaimID", "Claim"], "claim"), (["CPT", "DateOfService", "DOS"], "date"),
     (["CPT", "ZipCode", "Zip"], "zip"), (["CPT", "ServiceUnits", "Units"], "units"),
     (["CPT", "PlaceOfService", "POS"], "setting")],
)  # fmt: skip
def test_two_columns_for_one_role_are_refused(names: list[str], role: str) -> None:
    with pytest.raises(UsageError, match=f"could both be the {role}"):
        resolve_columns(names, {})


@pytest.mark.parametrize(
    ("names", "role", "read"),
    [(["CPT", "Claim ID", "Claim #"], "claim", "Claim ID"),  # a usual name before an export name (as before)
     (["CPT", "ClaimID", "Claim #"], "claim", "Claim #"),  # a usual name in an export's punctuation: as before
     (["CPT", "CLAIMID", "Claim #"], "claim", "Claim #"),
     (["CPT", "CLAIMID", "Visit ID"], "claim", "CLAIMID"),  # as its CamelCase twin 'ClaimID'
     (["CPT", "ClaimID", "VisitID"], "claim", "ClaimID"),  # as 'Claim ID' before 'Visit ID'
     (["CPT", "AccountNumber", "VisitID"], "claim", "VisitID"),  # a visit's id before a patient's account
     (["CPT", "ACCOUNTNUMBER", "VISITID"], "claim", "VISITID"),
     (["CPT", "CaseNumber", "ClaimNo"], "claim", "ClaimNo"),  # a claim's before a case's
     (["CPT", "PlaceOfService", "Place of Svc"], "setting", "PlaceOfService")],
)  # fmt: skip
def test_one_candidate_still_wins_as_before(names: list[str], role: str, read: str) -> None:
    columns = resolve_columns(names, {})
    position = columns.position(role)
    assert position is not None and columns.names[position] == read


def test_an_override_still_wins() -> None:
    columns = resolve_columns(["CPT", "ClaimID", "EncounterID"], {"claim": "EncounterID"})
    assert columns.position("claim") == 2


# -- the notice when no claim column is read ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["ClaimRef", "EncounterKey", "CLAIMKEY", "Claim Ctrl", "Encounter Seq"])
def test_a_claim_or_encounter_column_not_read_is_named(name: str) -> None:
    [said] = [notice for notice in missing_role_notices(resolve_columns(["CPT", "DOS", name], {}))
              if notice.startswith("no claim column")]  # fmt: skip
    assert f"{name!r} looks like one" in said and f"--columns claim={name!r}" in said


@pytest.mark.parametrize("name", ["ClaimStatus", "CLAIMAMOUNT", "Encounter Date", "ClaimType", "Claim Line"])
def test_a_claim_s_status_amount_or_date_is_not_named(name: str) -> None:
    [said] = [notice for notice in missing_role_notices(resolve_columns(["CPT", "DOS", name], {}))
              if notice.startswith("no claim column")]  # fmt: skip
    assert "looks like one" not in said


# -- the money ------------------------------------------------------------------------------------------------------


def _batch(tmp_path: Path, header: str) -> tuple[list[dict[str, str]], str]:
    source = tmp_path / "claims.csv"
    source.write_text(f"{header},DOS (YYYYMMDD),HCPCS,Modifier 1,Units,Place of Service,Zip\n"
                      "N1001,20250815,99214,25,1,11,60612\nN1001,20250815,G2211,,1,11,60612\n"
                      "N1002,20250815,99213,,1,11,60612\n")  # fmt: skip
    out = tmp_path / f"{header}.csv"
    result = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(out.open())), result.stderr


def test_the_trial_s_claimid_prices_g2211_with_its_e_m_25(tmp_path: Path, pricer: Pricer) -> None:
    """G2211 is not paid beside an E/M reported with modifier 25 on the claim (CY2024 PFS final rule; MLN MM13473;
    from 2025 only beside an AWV, vaccine administration or Part B preventive service, Transmittal 13015): the
    trial's ClaimID claim paid it as a line of its own. The visits are CMS's fee (the RVU and GPCI files)."""
    rows, stderr = _batch(tmp_path, "ClaimID")
    assert "claim ← ClaimID" in stderr and "no claim column" not in stderr
    visit, addon, other = rows
    assert _money(visit["allowed"]) == _cms_fee(pricer, "99214", "60612", 2025)["non_facility"]
    assert _money(addon["allowed"]) == Decimal("0.00")
    assert _money(other["allowed"]) == _cms_fee(pricer, "99213", "60612", 2025)["non_facility"]
    same, _ = _batch(tmp_path, "Claim ID")
    assert [row["allowed"] for row in same] == [row["allowed"] for row in rows]
