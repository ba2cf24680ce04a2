"""A practice system's .xlsx export as a practice manager ran it through ``rvucalc batch`` (a trial):

* its ``Modifier(s)`` column was not read: every line priced without its modifiers (20610-50 as 20610);
* its ``Visit ID`` was not read as the claim: every line priced alone, without the encounter rules;
* ``--columns provider="Rendering Provider"`` did not read ``LEE, SAM PA-C``: the PA's line at the physician's rate;

The money is checked against CMS's fee schedule (the shipped RVU and GPCI files, by CMS's formula) and against the
same file under the names rvucalc already read.
"""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.batch.columns import missing_role_notices, parse_column_overrides, resolve_columns
from rvucalc.batch.lines import provider_of
from rvucalc.cli import app
from rvucalc.errors import UsageError
from rvucalc.lookup.lines import parse_line
from rvucalc.lookup.pricer import Pricer
from test_batch_provider_column import _85_percent, _cms_fee, _money

runner = CliRunner()
BASE = ["CPT Code", "DOS", "POS", "Service Zip"]


def _batch(tmp_path: Path, text: str, *options: str) -> tuple[list[dict[str, str]], str]:
    source = tmp_path / "export.csv"
    source.write_text(text)
    out = tmp_path / "priced.csv"
    result = runner.invoke(app, ["batch", str(source), "-o", str(out), *options])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(out.open())), result.stderr


def _half_up(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# -- 1. the modifier column ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Modifier(s)", "Modifiers", "CPT Modifier(s)", "Mods", "Modifier (s)",
                                  "MODIFIER(S)", "HCPCS Modifier(s)"])  # fmt: skip
def test_a_modifier_s_header_is_the_modifier_column(name: str) -> None:
    columns = resolve_columns([*BASE, name], {})
    assert columns.positions("modifier") == (len(BASE),)
    assert f"modifier ← {name}" in columns.describe()
    assert not [notice for notice in missing_role_notices(columns) if "modifier" in notice]


def test_a_plural_s_reads_other_roles_too() -> None:
    """'(s)' is the plural whatever the role: 'Unit(s)' is the units column, the CMS-1500's 'Date(s) of Service' the
    date."""
    columns = resolve_columns(["CPT", "Unit(s)", "Date(s) of Service"], {})
    assert (columns.position("units"), columns.position("date")) == (1, 2)


@pytest.mark.parametrize(("cell", "modifiers"), [("25,GP", ["25", "GP"]), ("RT 59", ["RT", "59"]),
                                                 ("GP;59", ["GP", "59"]), ("GP; 59", ["GP", "59"])])  # fmt: skip
def test_a_cell_of_several_modifiers_is_split(cell: str, modifiers: list[str]) -> None:
    """As the modifier column's cells are split (lookup.lines.parse_line): ',', ' ', '/', '-' and now ';'."""
    assert parse_line("97110", cell) == ("97110", modifiers)


def test_50_slash_rt_is_split_into_its_two_modifiers() -> None:
    """'50/RT' is two modifiers, then refused as a pair by the existing rule (50 is both sides: no RT with it)."""
    with pytest.raises(UsageError, match=r"50 \(bilateral\) and RT on one line"):
        parse_line("20610", "50/RT")


def test_the_trial_s_20610_50_is_the_bilateral_amount(tmp_path: Path, pricer: Pricer) -> None:
    """20610-50 in a 'Modifier(s)' column was priced as 20610 alone ($70.38 for $105.57 in the trial): it is 150% of
    CMS's fee (bilateral indicator 1, Claims Processing Manual ch. 12 §40.7.B), as ``rvucalc price 20610-50``."""
    rows, stderr = _batch(tmp_path, "Visit ID,CPT Code,Modifier(s),DOS,POS,Service Zip\n"
                                    "V1,20610,50,2025-03-04,11,75901\nV2,99213,25,2025-03-04,11,75901\n")  # fmt: skip
    assert "modifier ← Modifier(s)" in stderr and "no modifier column" not in stderr
    bilateral = rows[0]
    fee = _cms_fee(pricer, "20610", "75901", 2025)
    assert _money(bilateral["pfs_non_facility_amount"]) == _half_up(fee["non_facility"] * Decimal("1.5"))
    single = pricer.price("20610-50", zip_code="75901", date_of_service="2025-03-04")
    assert _money(bilateral["pfs_non_facility_amount"]) == single.pfs.non_facility.amount


# -- 2. the claim column ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["Visit ID", "Visit", "Visit Number", "Visit #", "Visit No", "Encounter", "Encounter Number", "Encounter No",
     "Encounter ID", "Account Number", "Account #", "Account No", "Acct No", "Acct #", "Patient Account Number",
     "Patient Account #", "Invoice Number", "Invoice #", "Ticket Number", "Ticket #", "Claim No", "Claim ID", "Claim",
     "Claim Number", "Claim #"],
)  # fmt: skip
def test_a_visit_encounter_account_invoice_or_ticket_id_is_the_claim(name: str) -> None:
    columns = resolve_columns([*BASE, name], {})
    assert columns.position("claim") == len(BASE) and f"claim ← {name}" in columns.describe()
    assert not [notice for notice in missing_role_notices(columns) if "no claim column" in notice]


@pytest.mark.parametrize("visit", ["Visit ID", "Encounter #", "Claim #", "Invoice Number"])
def test_a_visit_or_claim_id_is_the_claim_beside_an_account_number(visit: str) -> None:
    """An account holds a patient's visits: the visit's (claim's) id beside it is the claim, not a refusal."""
    for names in (["CPT", "Account Number", visit], ["CPT", visit, "Acct #"]):
        assert resolve_columns(names, {}).describe().endswith(f"claim ← {visit}")


def test_an_account_number_read_as_the_claim_is_said() -> None:
    notices = missing_role_notices(resolve_columns([*BASE, "Patient Account #"], {}))
    [said] = [notice for notice in notices if notice.startswith("claim ← Patient Account #")]
    assert "one date of service are one encounter" in said and "--columns claim=COLUMN" in said


def test_two_visit_ids_are_refused_as_two_claim_names_are() -> None:
    with pytest.raises(UsageError, match="could both be the claim"):
        resolve_columns(["CPT", "Visit ID", "Ticket #"], {})


@pytest.mark.parametrize("name", ["Visit Key", "Enc Nbr", "Claim Ref", "Account", "Invoice Identifier"])
def test_a_claim_look_alike_is_named_when_no_claim_column_is_read(name: str) -> None:
    notices = missing_role_notices(resolve_columns([*BASE, name], {}))
    [said] = [notice for notice in notices if notice.startswith("no claim column")]
    assert f"{name!r} looks like one" in said and f"--columns claim={name!r}" in said


@pytest.mark.parametrize("name", ["Visit Type", "Claim Status", "Invoice Date", "Account Balance", "Claim Amount"])
def test_other_claim_words_are_not_named(name: str) -> None:
    columns = resolve_columns([*BASE, name], {})
    assert columns.position("claim") is None
    [said] = [notice for notice in missing_role_notices(columns) if notice.startswith("no claim column")]
    assert "looks like one" not in said


def test_a_visit_id_prices_its_lines_as_one_encounter(tmp_path: Path, pricer: Pricer) -> None:
    """The trial's encounter rules: a second procedure of the visit at 50% (multiple procedure rule, Claims Processing
    Manual ch. 12 §40.6.2), as the same file with 'Claim ID'; without a claim column it was paid in full."""
    lines = "V1,11042,2025-03-04,11,75901\nV1,17000,2025-03-04,11,75901\n"
    visit, stderr = _batch(tmp_path, "Visit ID,CPT Code,DOS,POS,Service Zip\n" + lines)
    assert "claim ← Visit ID" in stderr and "no claim column" not in stderr
    claim, _ = _batch(tmp_path, "Claim ID,CPT Code,DOS,POS,Service Zip\n" + lines)
    money = [column for column in visit[0] if column.endswith(("_amount", "allowed", "beneficiary", "medicare"))]
    assert [[row[c] for c in money] for row in visit] == [[row[c] for c in money] for row in claim]
    first, second = (_cms_fee(pricer, code, "75901", 2025)["non_facility"] for code in ("11042", "17000"))
    amounts = sorted(_money(row["pfs_non_facility_amount"]) for row in visit)  # the rule ranks the two by their fee
    assert amounts == sorted([max(first, second), _half_up(min(first, second) / 2)])


# -- 3. the provider -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "provider"),
    [("LEE, SAM PA-C", "pa"), ("Lee, Sam PA", "pa"), ("Sam Lee, PA-C", "pa"), ("Jane Doe, FNP-BC", "np"),
     ("DOE, JANE NP", "np"), ("Doe, Jane AGPCNP-BC", "np"), ("Ann Cho, CNS", "cns"), ("SMITH, JOHN MD", "physician"),
     ("John Smith, D.O.", "physician"), ("SMITH, JOHN DPM", "physician"), ("KIM, JO PT", "therapist"),
     ("Kim, Jo DPT", "therapist"), ("PT", "therapist"), ("OTR/L", "therapist"), ("Ruiz, Ana CCC-SLP", "slp"),
     ("65", "therapist"), ("NGUYEN, LISA CRNA", "crna"), ("CRNA", "crna"), ("Smith, John CRNA", "crna"),
     ("SMITH, JO APRN-CRNA", "crna"), ("SMITH, JO CAA", "crna"), ("SMITH, JO AA-C", "crna"), ("MD, PHD", "physician"),
     ("SMITH, JO MD, PHD", "physician"), ("Smith, Jo D.O., Ph.D.", "physician"),
     # a behavioral health trial: a clinical social worker (75%, as AJ) and a clinical psychologist (as AH)
     ("Dr. Jones LCSW", "csw"), ("SMITH, JO PHD", "psychologist"),
     # a review: the license before a degree that names no practitioner (MPH, MPAS) is read, as a credential cell's
     ("LEE, SAM PA-C, MPH", "pa")],
)  # fmt: skip
def test_a_name_with_its_credential_is_read_by_the_credential(cell: str, provider: str) -> None:
    assert provider_of(cell) == provider


@pytest.mark.parametrize(
    "cell",
    ["SMITH, JOHN", "Lee, Sam Pa", "VANG, PA", "LEE, SAM PTA", "Lee, Sam 97", "AA"],
)  # fmt: skip
def test_a_name_without_a_credential_rvucalc_prices_by_is_not_read(cell: str) -> None:
    """No credential, one rvucalc has no rate of its own for (PTA: priced as --provider says, as today), a word written
    as a name ('Pa'), or a given name after a surname alone ('VANG, PA'): not read, and said. Nor AA (the
    anesthesiologist's modifier as well as an assistant's initials). An LCSW and a PhD are read (a behavioral health
    trial: tests/test_batch_provider_behavioral.py), and so is a CNM (tests/test_nurse_midwife_provider.py)."""
    with pytest.raises(ValueError, match="give the practitioner"):
        provider_of(cell)


def test_a_therapist_in_private_practice_is_read_and_paid_the_full_fee(tmp_path: Path, pricer: Pricer) -> None:
    """A re-test: 'KIM, JO PT' rows were counted unread and told to write MD/DO. A therapist in private practice is
    paid the PFS amount as a physician is (Benefit Policy Manual ch. 15 §230.4): read, no note, the full fee."""
    rows, stderr = _batch(
        tmp_path,
        "Visit ID,CPT Code,Modifier,DOS,POS,Service Zip,Rendering Provider\n"
        "V1,97110,GP,2025-03-04,11,75901,\"KIM, JO PT\"\n",
        "--columns", "provider=Rendering Provider",
    )  # fmt: skip
    fee = _cms_fee(pricer, "97110", "75901", 2025)
    assert _money(rows[0]["pfs_non_facility_amount"]) == fee["non_facility"]
    assert "not read" not in rows[0]["note"] and "names no practitioner" not in stderr


def test_the_trial_s_pa_by_name_is_85_percent_of_cms_s_fee(tmp_path: Path, pricer: Pricer) -> None:
    rows, stderr = _batch(
        tmp_path,
        "Visit ID,CPT Code,DOS,POS,Service Zip,Rendering Provider\n"
        "V1,99213,2025-03-04,11,75901,\"LEE, SAM PA-C\"\nV2,99213,2025-03-04,11,75901,\"SMITH, JOHN MD\"\n"
        "V3,99213,2025-03-04,11,75901,\"JONES, ANN\"\n",
        "--columns", "provider=Rendering Provider", "--summary", str(tmp_path / "summary.json"),
    )  # fmt: skip
    assert "provider ← Rendering Provider" in stderr
    physician_assistant, physician, unread = rows
    fee = _cms_fee(pricer, "99213", "75901", 2025)
    assert _money(physician_assistant["pfs_non_facility_amount"]) == _85_percent(fee["non_facility"])
    assert "Non-physician practitioner (PA) billing under own number: 85%" in physician_assistant["note"]
    assert _money(physician["pfs_non_facility_amount"]) == fee["non_facility"] and "not read" not in physician["note"]
    # No credential: the physician's fee, as today, and the row says the cell was not read.
    assert _money(unread["pfs_non_facility_amount"]) == fee["non_facility"]
    assert "Provider 'JONES, ANN' not read as a practitioner" in unread["note"] and "'LEE, SAM PA-C'" in unread["note"]
    assert "1 row whose provider cell names no practitioner" in stderr


@pytest.mark.parametrize("name", ["Rendering Provider", "Rendering", "Provider", "Rendering Provider Name"])
def test_a_rendering_provider_column_not_read_is_said(name: str) -> None:
    """Not read by itself (its cells are mostly names: each one without a credential would be noted), but said."""
    columns = resolve_columns([*BASE, name], {})
    assert columns.position("provider") is None
    [said] = [notice for notice in missing_role_notices(columns) if "provider" in notice]
    assert said.startswith(f"{name!r} is not read") and f"--columns provider={name!r}" in said and "85%" in said
    read = resolve_columns([*BASE, name], parse_column_overrides(f"provider={name}"))
    assert read.position("provider") == len(BASE)
    assert not [notice for notice in missing_role_notices(read) if "provider" in notice]


@pytest.mark.parametrize("name", ["Referring Provider", "Billing Provider", "Provider NPI", "Rendering Provider ID"])
def test_another_provider_s_column_is_not_said(name: str) -> None:
    """Not offered as the provider column (a billing provider's is said read at the ASC alone, its own line)."""
    notices = missing_role_notices(resolve_columns([*BASE, name], {}))
    assert not [n for n in notices if "provider" in n and not n.startswith("billing provider ← Billing Provider,")]
