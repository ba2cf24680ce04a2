"""A CamelCase or run-together spelling of a usual column name is that name, for better and for worse.

A review found three ways it was not: ``ProviderType`` (its NP lines) beside ``Credential`` (MD) was dropped without a
word and every line priced from Credential at 100%, where ``Provider Type`` beside ``Credential`` is refused as two
provider columns; ``CPTCode`` beside ``CPT Code`` was said as ``code ← CPT Code#2``, a name the file has not; and
``CPTCODE`` beside an export's ``Proc`` (internal procedure numbers) read Proc, where ``CPTCode`` reads CPTCode. The
amounts are CMS's fee (its RVU and GPCI files, ``test_batch_provider_column._cms_fee``), an NP's 85% of it.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.batch.columns import resolve_columns
from rvucalc.cli import app
from rvucalc.errors import UsageError
from rvucalc.lookup.pricer import Pricer
from test_batch_provider_column import _85_percent, _cms_fee, _money

runner = CliRunner()


def _batch(tmp_path: Path, text: str, *options: str) -> tuple[int, str, list[dict[str, str]]]:
    source, out = tmp_path / "claims.csv", tmp_path / "priced.csv"
    out.unlink(missing_ok=True)
    source.write_text(text)
    result = runner.invoke(app, ["batch", str(source), "-o", str(out), *options])
    rows = list(csv.DictReader(out.open())) if out.exists() else []
    return result.exit_code, result.stderr, rows


# -- 1. a spelling beside a usual name of its role: two candidates, refused --------------------------------------------


@pytest.mark.parametrize("spelled", ["ProviderType", "PROVIDERTYPE", "providertype", "Provider Type"])
def test_a_provider_type_spelling_beside_credential_is_refused_until_columns_says(
    spelled: str, tmp_path: Path, pricer: Pricer
) -> None:
    text = (f"Claim ID,CPT Code,Date of Service,POS,Zip Code,{spelled},Credential\n"
            "T1,99495,2025-03-04,11,75901,NP,MD\n")  # fmt: skip
    code, stderr, rows = _batch(tmp_path, text)
    assert code == 2 and not rows, stderr
    assert f"Columns '{spelled}' and 'Credential' could both be the provider" in stderr
    fee = _cms_fee(pricer, "99495", "75901", 2025)["non_facility"]
    code, stderr, [nurse] = _batch(tmp_path, text, "--columns", f"provider={spelled}")
    assert code == 0 and f"provider ← {spelled}" in stderr, stderr
    assert _money(nurse["allowed"]) == _85_percent(fee)  # the NP's line: 85% of CMS's fee
    code, stderr, [doctor] = _batch(tmp_path, text, "--columns", "provider=Credential")
    assert code == 0 and "provider ← Credential" in stderr, stderr
    assert _money(doctor["allowed"]) == fee


@pytest.mark.parametrize(
    ("names", "role"),
    [(["CPT", "ClaimID", "Claim"], "claim"), (["CPT", "CLAIMID", "Encounter"], "claim"),
     (["CPT", "DateOfService", "DOS"], "date"), (["CPT", "DATEOFSERVICE", "Service Date"], "date"),
     (["CPT", "ZipCode", "Zip"], "zip"), (["CPT", "ZIPcode", "Zip5"], "zip"), (["CPT", "PatientZip", "Zip"], "zip"),
     (["CPT", "ServiceUnits", "Units"], "units"), (["CPT", "PlaceOfService", "POS"], "setting"),
     (["CPT", "PaidAmount", "Payment"], "paid"), (["ProcedureCode", "HCPCS"], "code"),
     (["CPTCODE", "HCPCS"], "code"), (["Credentials", "CPT", "RenderingProviderType"], "provider")],
)  # fmt: skip
def test_a_spelling_beside_a_usual_name_is_refused_as_two_usual_names_are(names: list[str], role: str) -> None:
    with pytest.raises(UsageError, match=f"could both be the {role}") as refused:
        resolve_columns(names, {})
    assert all(repr(name) in str(refused.value) for name in names if name != "CPT")


# -- 2. 'CPTCode' beside 'CPT Code': refused, each named as the file names it ------------------------------------------


def test_cptcode_beside_cpt_code_is_refused_and_named_as_written(tmp_path: Path, pricer: Pricer) -> None:
    text = "Claim ID,CPTCode,CPT Code,Date of Service,POS,Zip Code\nT1,99213,99214,2025-03-04,11,75901\n"
    code, stderr, rows = _batch(tmp_path, text)
    assert code == 2 and not rows, stderr
    assert "Columns 'CPTCode' and 'CPT Code' could both be the code" in stderr
    assert "--columns code='CPT Code'" in stderr and "#2" not in stderr and "NAME#N" not in stderr
    for chosen, cpt in (("CPT Code", "99214"), ("CPTCode", "99213")):  # the advice, and the other column
        code, stderr, [row] = _batch(tmp_path, text, "--columns", f"code={chosen}")
        assert code == 0 and f"code ← {chosen}, " in stderr and "#" not in stderr.split("columns: ")[1].split("\n")[0]
        assert _money(row["allowed"]) == _cms_fee(pricer, cpt, "75901", 2025)["non_facility"]


def test_a_name_written_twice_is_still_named_by_its_place() -> None:
    """'Date', 'Date': --columns date='Date' names both, so the advice and the mapping say 'Date#2'."""
    with pytest.raises(UsageError, match="--columns date='Date#2'"):
        resolve_columns(["CPT", "Date", "Date"], {})
    chosen = resolve_columns(["CPT", "Date", "Date"], {"date": "Date#2"})
    assert chosen.position("date") == 2 and "date ← Date#2" in chosen.describe()
    # One name in two cases: each is named as written, which --columns picks ('DATE#2' before).
    assert resolve_columns(["CPT", "Date", "DATE"], {"date": "DATE"}).describe() == "code ← CPT, date ← DATE"


# -- 3. a run-together spelling as its CamelCase twin: before an export's name -----------------------------------------


@pytest.mark.parametrize("spelled", ["CPTCode", "CPTCODE", "cptcode", "CPT Code", "PROCEDURECODE"])
@pytest.mark.parametrize("proc_first", [True, False])
def test_a_run_together_code_beside_proc_is_the_code(
    spelled: str, proc_first: bool, tmp_path: Path, pricer: Pricer
) -> None:
    """A neurology export's 'Proc' holds its internal procedure numbers: the CPT column is the code, however written."""
    codes = ["Proc", spelled] if proc_first else [spelled, "Proc"]
    cells = ["100234", "99213"] if proc_first else ["99213", "100234"]
    text = f"Claim ID,{','.join(codes)},Date of Service,POS,Zip Code\nT1,{','.join(cells)},2025-03-04,11,75901\n"
    code, stderr, [row] = _batch(tmp_path, text)
    assert code == 0 and f"code ← {spelled}," in stderr, stderr
    assert row["error"] == ""
    assert _money(row["allowed"]) == _cms_fee(pricer, "99213", "75901", 2025)["non_facility"]


@pytest.mark.parametrize(
    ("names", "role", "read"),
    [(["CPT", "CLAIMID", "Visit ID"], "claim", "CLAIMID"), (["CPT", "ClaimID", "Visit ID"], "claim", "ClaimID"),
     (["CPT", "DATEOFSERVICE", "DOS From"], "date", "DATEOFSERVICE"),
     (["CPT", "DateOfService", "DOS From"], "date", "DateOfService"),
     (["CPT", "SERVICEUNITS", "Units of Service"], "units", "SERVICEUNITS")],
)  # fmt: skip
def test_a_run_together_name_is_read_as_its_camel_case_twin(names: list[str], role: str, read: str) -> None:
    columns = resolve_columns(names, {})
    position = columns.position(role)
    assert position is not None and columns.names[position] == read, columns.describe()
