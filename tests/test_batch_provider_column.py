"""The practitioner who billed a line: a provider column (or ``rvucalc batch --provider``) prices an NP's, PA's or
CNS's line at 85% of the PFS amount, with no limiting charge, as ``rvucalc price CODE --provider np`` does.

A trial's primary-care export had a ``Rendering Prov Type`` column holding NP and PA: batch priced every line as a
physician's (its 99495 PA line in ZIP 75901, 2025, at $195.01 where Medicare pays 85% of it). The money is checked
against the single lookup with ``--provider`` line by line (seeded lines and claims: plain, 50, 51-ranked pairs,
80/AS, labs and drugs, 2025 and 2026), and the trial's line against CMS's own fee.
"""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from conftest import MONEY, TEST_DATA
from rvucalc.batch.columns import missing_role_notices, parse_column_overrides, resolve_columns
from rvucalc.batch.lines import provider_of
from rvucalc.batch.price import BatchPricer, Scenario
from rvucalc.cli import app
from rvucalc.errors import RvucalcError
from rvucalc.lookup.lines import MANDATORY_ASSIGNMENT_NOTE
from rvucalc.lookup.pricer import Pricer
from test_batch_claims import _check_row as check_row
from test_cms_payment_files import payment_rows
from test_differential import _note

BASE = ["Claim ID", "CPT Code", "Date of Service", "POS", "Zip Code"]
SEED = 20261202


def _money(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    return Decimal(str(value)).quantize(Decimal("0.01"))


def _85_percent(amount: Decimal) -> Decimal:
    """85% of a fee schedule amount in cents, rounded once half-up (Claims Processing Manual ch. 12 §40: the
    published amount times the percentage, rounded to the cent)."""
    return (amount * Decimal("0.85")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# -- the column ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["Provider Type", "Rendering Provider Type", "Rendering Prov Type", "PROV-TYPE", "provider_credential",
     "Credential", "Credentials", "Practitioner Type", "Rendering Type", "Rendering Provider Credential",
     "Rendering Credential", "Prov_Cred", "Provider Cred", "Rendering Cred"],  # an orthopedics export's Prov_Cred
)  # fmt: skip
def test_a_provider_type_column_is_read_as_the_provider(name: str) -> None:
    columns = resolve_columns([*BASE, name], {})
    assert columns.position("provider") == len(BASE)
    assert f"provider ← {name}" in columns.describe()
    assert not [n for n in missing_role_notices(columns) if "not read" in n]


def test_a_header_that_lists_its_values_in_parentheses_is_read_by_its_name(tmp_path: Path, pricer: Pricer) -> None:
    """A remit trial's practice-management export named its column 'Provider Type (MD/NP/PA)' (and 'Allowed ($)'): it
    was not read, and its NP's 99213 was expected at 100%. A trailing '(...)' is left out of the name; the NP line is
    the single lookup's ``--provider np`` amount (85%, rounded once)."""
    import csv

    source = tmp_path / "remit.csv"
    source.write_text("Claim Number,CPT/HCPCS,DOS (MM/DD/YYYY),POS,Provider Type (MD/NP/PA),Units,Allowed ($),ZIP\n"
                      "A1,99213,03/02/2026,11,MD,1,107.63,10001\n"
                      "A2,99213,03/02/2026,11,NP,1,91.49,10001\n")  # fmt: skip
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "provider ← Provider Type (MD/NP/PA)" in result.stderr and "date ← DOS (MM/DD/YYYY)" in result.stderr
    assert "paid ← Allowed ($)" in result.stderr
    doctor, nurse = csv.DictReader(out.open())
    for row, provider in ((doctor, "physician"), (nurse, "np")):
        single = pricer.price("99213", zip_code="10001", date_of_service="2026-03-02", provider=provider)
        assert _money(row["pfs_non_facility_amount"]) == single.pfs.non_facility.amount, provider
    assert _money(nurse["pfs_non_facility_amount"]) == _85_percent(_money(doctor["pfs_non_facility_amount"]))


@pytest.mark.parametrize(
    ("name", "role"),
    [("Provider Type (MD/NP/PA)", "provider"), ("Allowed ($)", "paid"), ("DOS (MM/DD/YYYY)", "date"),
     ("Units (Qty)", "units"), ("Date (Paid)", None), ("ZIP (Patient)", None), ("Paid (%)", None),
     ("Provider (Rendering/Referring)", None)],
)  # fmt: skip
def test_parentheses_that_qualify_a_header_keep_it_from_a_role(name: str, role: str | None) -> None:
    """Values or a unit in parentheses are left out of the name; a word is the name's own (a review: 'Date (Paid)'
    was read as the date of service, pricing December's services with the next year's fees)."""
    columns = resolve_columns(["Claim", "CPT", "POS", name], {})
    read = {r for r, positions in columns.roles.items() if 3 in positions}
    assert read == ({role} if role else set()), read


def test_the_provider_column_is_named_with_columns() -> None:
    columns = resolve_columns([*BASE, "Who"], parse_column_overrides("provider=Who"))
    assert columns.position("provider") == len(BASE)
    none = resolve_columns([*BASE, "Credentials"], parse_column_overrides("provider="))
    assert none.position("provider") is None


@pytest.mark.parametrize("name", ["Taxonomy", "Rendering Provider Taxonomy", "Specialty", "Provider Specialty"])
def test_a_look_alike_that_is_not_read_is_said(name: str) -> None:
    notices = [n for n in missing_role_notices(resolve_columns([*BASE, name], {})) if "not read" in n]
    assert len(notices) == 1 and repr(name) in notices[0] and f"--columns provider={name!r}" in notices[0]


@pytest.mark.parametrize("name", ["Provider NPI", "Special Instructions"])
def test_other_provider_columns_are_not_named(name: str) -> None:
    """('Rendering Provider', a column of names, is said now: test_batch_export_columns.)"""
    columns = resolve_columns([*BASE, name], {})
    assert columns.position("provider") is None
    assert not [n for n in missing_role_notices(columns) if "provider" in n]


@pytest.mark.parametrize(
    ("cell", "provider"),
    [("", None), ("physician", "physician"), ("MD", "physician"), ("M.D.", "physician"), ("do", "physician"),
     ("NP", "np"), ("nurse practitioner", "np"), ("Nurse-Practitioner", "np"), ("50", "np"), ("PA", "pa"),
     ("pa-c", "pa"), ("Physician Assistant", "pa"), ("97", "pa"), ("CNS", "cns"), ("Clinical Nurse Specialist", "cns"),
     ("89", "cns"), ("DPM", "physician"), ("O.D.", "physician"), ("DC", "chiropractor"), ("DDS", "physician"),
     ("DMD", "physician"),
     # a nurse practitioner's board credentials, with or without the board's suffix (AANP's -C, ANCC's -BC)
     ("FNP", "np"), ("FNP-C", "np"), ("FNP-BC", "np"), ("ANP-BC", "np"), ("AGNP-C", "np"), ("AGPCNP-BC", "np"),
     ("AGACNP-BC", "np"), ("ACNP", "np"), ("PMHNP-BC", "np"), ("PNP", "np"), ("WHNP-BC", "np"), ("NNP-BC", "np"),
     ("np-bc", "np")],
)  # fmt: skip
def test_provider_cells(cell: str, provider: str | None) -> None:
    assert provider_of(cell) == provider


# 'RN' is said with its own reason (test_price_provider_nurse_or_practice_reason), not this list
@pytest.mark.parametrize("cell", ["62", "Cardiology", "Individual", "CNA", "A5"])
def test_a_provider_cell_naming_no_practitioner_is_priced_as_the_run_s_provider_and_said(
    pricer: Pricer, cell: str
) -> None:
    """A file whose provider column holds something else (the NPI entity type 'Individual', 'CNA', a specialty code
    rvucalc does not read) was an error on every row: each row is priced as the run's --provider, and says so."""
    table = pa.table({"code": ["99213", "99213"], "zip": ["75901"] * 2, "date": ["2025-06-01"] * 2,
                      "provider": [cell, "NP"]})  # fmt: skip
    for run in ("physician", "pa"):
        unread, nurse = BatchPricer(pricer, Scenario.parse(provider=run)).price_table(table).to_pylist()
        single = pricer.price("99213", zip_code="75901", date_of_service="2025-06-01", provider=run)
        assert unread["error"] == "" and _money(unread["pfs_non_facility_amount"]) == single.pfs.non_facility.amount
        assert f"Provider {cell!r} not read as a practitioner" in unread["note"]
        assert all(word in unread["note"] for word in ("NP", "PA", "CNS", "50", "97", "89", "FNP"))
        assert nurse["error"] == "" and "not read" not in nurse["note"]


def test_the_summary_counts_the_rows_whose_provider_was_not_read(tmp_path: Path) -> None:
    import json

    source = tmp_path / "providers.csv"
    source.write_text("code,zip,date,Provider Type\n99213,75901,2026-03-02,Individual\n99213,75901,2026-03-02,FNP\n"
                      "99213,75901,2026-03-02,Individual\n99214,75901,2026-03-02,RN\n")  # fmt: skip
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv"), "--summary", "-"])
    assert result.exit_code == 0, result.output
    # the RN's row counted apart, a nurse's (STAFF_PROVIDER_KEY); unread_provider still counts all three
    said = " ".join(result.stderr.split())
    assert "2 rows whose provider cell names no practitioner" in said
    assert "1 row whose provider cell names a nurse, technologist" in said
    assert json.loads(result.stdout)["unread_provider"] == 3 and json.loads(result.stdout)["staff_provider"] == 1


# -- the trial's line ------------------------------------------------------------------------------------------------


def _cms_fee(pricer: Pricer, code: str, zip_code: str, year: int, modifier: str = "") -> dict[str, Decimal]:
    """CMS's fee schedule amounts of a code (its row of ``modifier``: 26, TC) at a ZIP's locality, from CMS's RVU
    and GPCI files (the formula of CMS's RVU file documentation, rounded once): each setting's amount a physician is
    paid."""
    store = pricer.store(next(r for r in pricer.catalogue.releases("pfs") if r.year == year))
    rvu = store.rvu(code, modifier)
    gpci = store.locality(store.zip(zip_code)["locality"])
    fees = {}
    for setting, pe in (("non_facility", "pe_nonfac_rvu"), ("facility", "pe_fac_rvu")):
        # RVUs in hundredths, GPCIs in thousandths, the CF in ten-thousandths (as the store keeps CMS's decimals)
        exact = (rvu["work_rvu"] * gpci["gpci_work"] + rvu[pe] * gpci["gpci_pe"]
                 + rvu["mp_rvu"] * gpci["gpci_mp"]) * rvu["conv_factor"]  # fmt: skip
        fees[setting] = (Decimal(exact) / Decimal(10) ** 9).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return fees


def test_the_trial_s_99495_pa_line_is_85_percent_of_cms_s_fee(pricer: Pricer, tmp_path: Path) -> None:
    source = tmp_path / "primary-care.csv"
    source.write_text(
        "Claim ID,CPT Code,Date of Service,POS,Zip Code,Rendering Prov Type\n"
        "T1,99495,2025-03-04,11,75901,PA\nT2,99495,2025-03-04,11,75901,NP\nT3,99495,2025-03-04,11,75901,MD\n"
    )
    out = tmp_path / "priced.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "provider ← Rendering Prov Type" in result.output
    import csv

    pa_row, np_row, md_row = list(csv.DictReader(out.open()))
    fee = _cms_fee(pricer, "99495", "75901", 2025)
    assert _money(md_row["pfs_non_facility_amount"]) == fee["non_facility"]  # the physician's: CMS's fee in full
    for row in (pa_row, np_row):
        for setting in ("non_facility", "facility"):
            assert _money(row[f"pfs_{setting}_amount"]) == _85_percent(fee[setting])
            assert row[f"pfs_{setting}_limiting_charge"] == ""  # mandatory assignment
        assert _money(row["allowed"]) == _85_percent(fee["non_facility"])  # POS 11: the office amount
        assert MANDATORY_ASSIGNMENT_NOTE in row["note"]
    assert "Non-physician practitioner (PA) billing under own number: 85%" in pa_row["note"]
    assert "Non-physician practitioner (NP) billing under own number: 85%" in np_row["note"]
    assert md_row["pfs_non_facility_limiting_charge"] != ""


def test_a_pa_line_is_85_percent_of_cms_s_published_payment_file_amount(pricer: Pricer) -> None:
    """99495 in CMS's own 2025 payment file (PFAL25A, Alabama): the PA's line is 85% of the amounts it publishes."""
    [row] = [row for row in payment_rows(TEST_DATA / "pfs_payment_files" / "PFAL25A_excerpt.TXT")
             if row["hcpcs"] == "99495" and not row["modifier"]]  # fmt: skip
    store = pricer.store(next(r for r in pricer.catalogue.releases("pfs") if r.year == 2025))
    zip_code = next(z["zip"] for z in store.rows("zip") if z["locality"] == row["carrier"] + row["locality"])
    table = pa.table({"code": ["99495", "99495"], "zip": [zip_code] * 2, "date": ["2025-02-03"] * 2,
                      "provider": ["Physician Assistant", ""]})  # fmt: skip
    physician_assistant, physician = BatchPricer(pricer).price_table(table).to_pylist()
    for setting in ("non_facility", "facility"):
        published = Decimal(row[setting])
        assert _money(physician[f"pfs_{setting}_amount"]) == published
        assert _money(physician_assistant[f"pfs_{setting}_amount"]) == _85_percent(published)


# -- every money column, as rvucalc price --provider -----------------------------------------------------------------


CELLS = {"np": ["NP", "Nurse Practitioner", "50", "np"], "pa": ["PA", "PA-C", "97", "physician assistant"],
         "cns": ["CNS", "89", "Clinical Nurse Specialist"], "physician": ["MD", "DO", "physician", ""]}  # fmt: skip
DATES = ["2025-02-11", "2025-08-04", "2026-01-20", "2026-09-14"]


@pytest.fixture(scope="module")
def pools(pricer: Pricer) -> dict[str, list[str]]:
    store = pricer.store(pricer.catalogue.releases("pfs")[0])
    base = [r for r in store.rows("rvu") if r["status"] in ("A", "R", "T") and not r["modifier"]]
    found = {
        "plain": [r["hcpcs"] for r in base if r["mult_proc"] in ("0", "9") and r["global_days"] in ("XXX", "000")],
        "surgical": [r["hcpcs"] for r in base if r["mult_proc"] == "2" and r["global_days"] in ("010", "090")],
        "bilateral": [r["hcpcs"] + "-50" for r in base if r["bilat_surg"] == "1" and r["mult_proc"] == "2"],
        "assistant": [r["hcpcs"] + f"-{m}" for r in base if r["asst_surg"] == "2" and r["mult_proc"] == "2"
                      for m in ("80", "AS")],
        "imaging": [r["hcpcs"] for r in base if r["mult_proc"] == "4"],
        "lab": ["80053", "85025", "36415", "87086", "83036"],
        "drug": ["J1885", "J0696", "J3420", "J1100"],
        "zips": [r["zip"] for r in store.rows("zip")][::40],
    }  # fmt: skip
    return found


def _claim(rng: random.Random, pools: dict[str, list[str]]) -> list[str]:
    """One encounter's code cells: a line alone, or a 51-ranked pair of surgical codes."""
    kind = rng.choice(["plain", "plain", "bilateral", "assistant", "lab", "drug", "imaging", "pair", "pair"])
    if kind == "pair":
        first, second = rng.sample(pools["surgical"], 2)
        return [first, f"{second}-51"]
    return [rng.choice(pools[kind])]


@pytest.fixture(scope="module")
def drawn(pricer: Pricer, pools: dict[str, list[str]]) -> dict[str, Any]:
    """Seeded encounters, each billed by one practitioner (named as the column's cells name them), priced by batch
    and by ``price_encounter`` with that ``provider``."""
    rng = random.Random(SEED)
    claims: list[dict[str, Any]] = []
    while len(claims) < 120:
        codes = _claim(rng, pools)
        provider = rng.choice(list(CELLS))
        date, zip_code = rng.choice(DATES), rng.choice(pools["zips"])
        units = 2 if codes[0].startswith("J") else 1
        try:
            expected = pricer.price_encounter(codes, zip_code=zip_code, date_of_service=date, provider=provider,
                                              units=[units] * len(codes)).lines  # fmt: skip
        except RvucalcError:
            continue
        claims.append(
            {
                "id": f"P{len(claims):03d}",
                "codes": codes,
                "provider": provider,
                "date": date,
                "zip": zip_code,
                "units": units,
                "expected": expected,
                "cell": rng.choice(CELLS[provider]),
            }
        )
    rows = [{"claim": claim["id"], "code": cell.partition("-")[0], "modifier": cell.partition("-")[2],
             "date": claim["date"], "zip": claim["zip"], "units": str(claim["units"]), "provider": claim["cell"]}
            for claim in claims for cell in claim["codes"]]  # fmt: skip
    table = pa.table({name: [row[name] for row in rows] for name in rows[0]})
    priced = BatchPricer(pricer).price_table(table).to_pylist()
    return {"claims": claims, "rows": rows, "priced": priced}


def test_batch_prices_each_practitioner_s_lines_as_price_with_provider(drawn: dict[str, Any]) -> None:
    at = 0
    for claim in drawn["claims"]:
        for line in claim["expected"]:
            out = drawn["priced"][at]
            at += 1
            what = (claim["id"], claim["codes"], claim["provider"], claim["cell"], claim["date"], claim["zip"])
            check_row(out, line, None, what)


def test_the_draw_reaches_every_kind_of_line(drawn: dict[str, Any]) -> None:
    notes = [out["note"] for out in drawn["priced"]]
    providers = {claim["provider"] for claim in drawn["claims"]}
    assert providers == set(CELLS)
    for text in ("billing under own number: 85%", "ranked 2 of", "Bilateral (50)", "Assistant at surgery, 80",
                 "Assistant at surgery, non-physician (AS)"):  # fmt: skip
        assert any(text in note for note in notes), text
    assert any(out["clfs_amount"] for out in drawn["priced"]) and any(out["drug_amount"] for out in drawn["priced"])
    assert {claim["date"][:4] for claim in drawn["claims"]} == {"2025", "2026"}


def test_a_line_alone_says_what_the_single_lookup_says(pricer: Pricer, pools: dict[str, list[str]]) -> None:
    """The row's note is the single lookup's with --provider: the 85% step and the assignment note."""
    rng = random.Random(SEED + 1)
    lines = []
    for _ in range(60):
        code, _, modifier = rng.choice(pools[rng.choice(["plain", "assistant", "bilateral", "lab", "drug"])]).partition(
            "-"
        )
        provider = rng.choice(list(CELLS))
        lines.append({"code": code, "modifier": modifier, "zip": rng.choice(pools["zips"]), "locality": "",
                      "date": rng.choice(DATES), "provider": provider,
                      "cell": rng.choice(CELLS[provider])})  # fmt: skip
    table = pa.table({"code": [line["code"] for line in lines], "modifier": [line["modifier"] for line in lines],
                      "zip": [line["zip"] for line in lines], "date": [line["date"] for line in lines],
                      "provider": [line["cell"] for line in lines]})  # fmt: skip
    for line, out in zip(lines, BatchPricer(pricer).price_table(table).to_pylist(), strict=True):
        single = pricer.price(line["code"], modifier=line["modifier"] or None, zip_code=line["zip"],
                              date_of_service=line["date"], provider=line["provider"])  # fmt: skip
        assert (out["note"], out["comparison_note"]) == _note(single, "", line), line
        for name, value in MONEY.items():
            assert _money(out[name]) == _money(value(single)), (line, name)


def test_the_run_s_provider_prices_a_file_without_the_column_and_the_column_wins(pricer: Pricer) -> None:
    table = pa.table({"code": ["99213"] * 3, "zip": ["75901"] * 3, "date": ["2026-03-02"] * 3,
                      "provider": ["", "MD", "CNS"]})  # fmt: skip
    np_run = BatchPricer(pricer, Scenario.parse(provider="NP")).price_table(table).to_pylist()
    without = BatchPricer(pricer, Scenario.parse(provider="np")).price_table(table.drop(["provider"])).to_pylist()
    for provider, out in zip(("np", "physician", "cns"), np_run, strict=True):
        single = pricer.price("99213", zip_code="75901", date_of_service="2026-03-02", provider=provider)
        assert _money(out["pfs_non_facility_amount"]) == single.pfs.non_facility.amount, provider
    single = pricer.price("99213", zip_code="75901", date_of_service="2026-03-02", provider="np")
    assert all(_money(out["pfs_non_facility_amount"]) == single.pfs.non_facility.amount for out in without)
    with pytest.raises(RvucalcError, match="'rn'"):
        Scenario.parse(provider="rn")


def test_rvucalc_batch_provider_option(tmp_path: Path) -> None:
    source = tmp_path / "lines.csv"
    source.write_text("code,zip,date\n99213,75901,2026-03-02\n")
    runs = {}
    for provider in ("physician", "pa"):
        result = CliRunner().invoke(app, ["batch", str(source), "--provider", provider, "-f", "json", "-q"])
        assert result.exit_code == 0, result.output
        import json

        [runs[provider]] = json.loads(result.stdout)
    full = _money(runs["physician"]["pfs_non_facility_amount"])
    assert full is not None and _money(runs["pa"]["pfs_non_facility_amount"]) == _85_percent(full)
    result = CliRunner().invoke(app, ["batch", str(source), "--provider", "rn"])
    assert result.exit_code == 2 and "rn" in result.output


def test_ranked_on_whole_columns_and_by_the_rule_functions_alike(
    pricer: Pricer, drawn: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The practitioners' encounters priced by rank on whole columns (encounter_arrays, the 85% among the line's
    factors) and by the rule functions one encounter at a time: every column of every row equal; and the Dask
    partition function reads the provider column too."""
    import pandas as pd

    from rvucalc.batch import claims
    from rvucalc.batch.dask_engine import price_partition

    table = pa.table({name: [row[name] for row in drawn["rows"]] for name in drawn["rows"][0]})
    monkeypatch.setattr(claims, "BY_ARRAYS", False)
    assert BatchPricer(pricer).price_table(table).to_pylist() == drawn["priced"]
    frame = price_partition(pd.DataFrame(drawn["rows"]))
    for out, row in zip(drawn["priced"], frame.to_dict("records"), strict=True):
        for name in MONEY:
            assert _money(out[name]) == _money(None if pd.isna(row[name]) else row[name]), (name, out, row)


# -- a group's claims: lines of several practitioners, ranked together -----------------------------------------------


@pytest.fixture(scope="module")
def group_drawn(pricer: Pricer, pools: dict[str, list[str]]) -> dict[str, Any]:
    """Seeded claims whose lines two or three practitioners billed (surgical procedures, 51 on some, and eye and heart
    tests: the families whose ranking is the group's, ch. 12 §40.6.A), each line with ``price_encounter``'s line of
    the claim's codes billed by that line's practitioner (the ranking is by the fee schedule amounts, before an NP's
    85%: one practitioner's line of a group's claim is that line of the claim priced as theirs)."""
    store = pricer.store(pricer.catalogue.releases("pfs")[0])
    tests = [r["hcpcs"] for r in store.rows("rvu") if r["mult_proc"] in ("6", "7") and r["status"] == "A"
             and not r["modifier"]]  # fmt: skip
    rng = random.Random(SEED + 1)
    claims: list[dict[str, Any]] = []
    while len(claims) < 40:
        kind = rng.choice(["surgical", "tests", "both"])
        codes = rng.sample(pools["surgical"], rng.randint(2, 3)) if kind != "tests" else []
        codes = [c if n == 0 or rng.random() < 0.5 else f"{c}-51" for n, c in enumerate(codes)]
        codes += rng.sample(tests, rng.randint(1 if kind == "both" else 2, 2)) if kind != "surgical" else []
        who = [rng.choice(list(CELLS)) for _ in codes]
        if len(set(who)) < 2:
            continue
        date, zip_code = rng.choice(DATES), rng.choice(pools["zips"])
        try:
            expected = [pricer.price_encounter(codes, zip_code=zip_code, date_of_service=date, provider=w).lines[n]
                        for n, w in enumerate(who)]  # fmt: skip
        except RvucalcError:
            continue
        claims.append({"id": f"G{len(claims):03d}", "codes": codes, "who": who, "date": date, "zip": zip_code,
                       "expected": expected, "cells": [rng.choice(CELLS[w]) for w in who]})  # fmt: skip
    rows = [{"claim": claim["id"], "code": cell.partition("-")[0], "modifier": cell.partition("-")[2],
             "date": claim["date"], "zip": claim["zip"], "units": "1", "provider": claim["cells"][n]}
            for claim in claims for n, cell in enumerate(claim["codes"])]  # fmt: skip
    table = pa.table({name: [row[name] for row in rows] for name in rows[0]})
    priced = BatchPricer(pricer).price_table(table).to_pylist()
    return {"claims": claims, "table": table, "priced": priced}


def test_a_group_s_claim_of_several_practitioners_prices_each_line_as_price_with_its_provider(
    group_drawn: dict[str, Any], pricer: Pricer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rvucalc.batch import claims as claim_rules

    at = 0
    for claim in group_drawn["claims"]:
        for n, line in enumerate(claim["expected"]):
            what = (claim["id"], claim["codes"], claim["who"], claim["date"], claim["zip"], n)
            check_row(group_drawn["priced"][at], line, None, what)
            at += 1
    notes = " ".join(out["note"] for out in group_drawn["priced"])
    assert "ranked 2 of" in notes and "20% off the technical component" in notes
    monkeypatch.setattr(claim_rules, "BY_ARRAYS", False)
    assert BatchPricer(pricer).price_table(group_drawn["table"]).to_pylist() == group_drawn["priced"]
