"""The CLI side of the CLFS, drug and DMEPOS schedules, PFS-unlisted and MAC-priced codes, and
``rvucalc modifiers``.

The results rendered here are built by hand (``model_construct``), as the pricer builds them,
from CMS's own rows: the CLFS CY2026 Q2, ASP January 2026 and DMEPOS26_JAN slices in
tests/data/quirks, read with the loaders and priced with the ``engine.schedules`` kernels. So
these tests check the renderers and the command line, not the pricer's wiring.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

import pytest
from typer.testing import CliRunner

from conftest import QUIRKS
from rvucalc.cli import app
from rvucalc.cli.render import OutputFormat, csv_rows, render, to_json
from rvucalc.engine import schedules
from rvucalc.engine.meanings import STATUS
from rvucalc.engine.modifiers import TABLE, suggest, table_rows
from rvucalc.errors import NotFoundError
from rvucalc.models import (
    NOT_PRICED,
    ClfsResult,
    DmeposResult,
    DrugResult,
    EncounterResult,
    Location,
    PfsResult,
    PriceResult,
    SettingAmount,
    Site,
    Source,
)
from rvucalc.reference.loaders import schedules as loaders

runner = CliRunner()

CLFS_FILE = QUIRKS / "clfs2026q2_title_rows_zero_padded_rates_april_codes.csv"
ASP_FILE = QUIRKS / "asp2026q1_na_limit_multiline_note_nbsp_unit.csv"
DMEPOS_FILE = QUIRKS / "dmepos26_jan_header_row7_nr_r_per_state.xlsx"


def run(*args: str) -> Any:
    return runner.invoke(app, list(args))


def flat(text: str) -> str:
    """Text with rich's line wrapping undone, for phrase checks."""
    return " ".join(text.split())


def cents(value: int) -> Decimal:
    return Decimal(value).scaleb(-2)


# -- hand-built results from CMS's rows ------------------------------------------------------------


def source(path: Path, release: str, role: str) -> Source:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return Source.model_construct(file=path.name, release=release, sha256=digest, role=role, cms_name=path.name,
                                  origin="tests/data/quirks")  # fmt: skip


def not_in_pfs(reason: str) -> PfsResult:
    setting = SettingAmount.model_construct(payable=False, reason=reason)
    return PfsResult.model_construct(status=None, status_meaning=reason, non_facility=setting, facility=setting,
                                     in_schedule=False)  # fmt: skip


def result(code: str, description: str, pfs: PfsResult, sources: list[Source], **sections: Any) -> PriceResult:
    location = Location.model_construct(locality="0000000", name="NATIONAL")
    sites = [
        Site.model_construct(setting=setting, payable=False, reason=f"{code} is not paid in this site.")
        for setting in ("office", "hopd", "asc")
    ]
    fields: dict[str, Any] = {"modifier": None, "modifiers": []} | sections
    return PriceResult.model_construct(
        code=code, description=description, year=2026, release="2026C",
        release_title="CY2026 PFS Relative Value Files, July release", location=location, pfs=pfs, sites=sites,
        sources=sources, **fields,
    )  # fmt: skip


def clfs_row(code: str, modifier: str = "") -> dict[str, Any]:
    frame = loaders.load_clfs(CLFS_FILE)
    [row] = frame[(frame["hcpcs"] == code) & (frame["modifier"] == modifier)].to_dict("records")
    return row  # type: ignore[no-any-return]


def lab_result(code: str = "80053", modifier: str = "QW") -> PriceResult:
    row = clfs_row(code, modifier)
    line = schedules.clfs(int(row["rate_cents"]))
    clfs = ClfsResult.model_construct(
        payable=True, amount=cents(line.amount), modifier=modifier or None, quarter="2026-04",
        effective_date=dt.date.fromisoformat(row["eff_date"]), indicator=row["indicator"],
        beneficiary=cents(line.beneficiary), medicare=cents(line.medicare), notes=[line.note],
    )  # fmt: skip
    pfs = not_in_pfs("Not a physician service: paid from the clinical laboratory fee schedule (CLFS).")
    return result(code, row["short_desc"], pfs, [source(CLFS_FILE, "2026-04", "clfs")], clfs=clfs, paid_by="clfs")


def drug_result(code: str, units: int) -> PriceResult:
    frame = loaders.load_asp(ASP_FILE)
    [row] = frame[frame["hcpcs"] == code].to_dict("records")
    line = schedules.drug(int(row["limit_mills"]), units, int(row["coinsurance_thousandths"]))
    limit = Decimal(int(row["limit_mills"])).scaleb(-3)
    coinsurance = Decimal(int(row["coinsurance_thousandths"])).scaleb(-3)
    drug = DrugResult.model_construct(
        payable=True, billing_unit=row["billing_unit"], limit_per_unit=limit, units=units, amount=cents(line.amount),
        coinsurance_percent=coinsurance,
        beneficiary=cents(line.beneficiary), medicare=cents(line.medicare), quarter="2026-01",
        notes=[line.note] if line.note else [],
    )  # fmt: skip
    pfs = not_in_pfs("Part B drug: paid from the ASP payment limit file.")
    sources = [source(ASP_FILE, "2026-01", "asp")]
    return result(code, row["description"], pfs, sources, drug=drug, paid_by="drug", units=units)


def dmepos_result(code: str, modifier: str, state: str, rural: bool) -> PriceResult:
    items, fees = loaders.load_dmepos(DMEPOS_FILE, "DMEPOS")
    [fee] = fees[(fees["hcpcs"] == code) & (fees["mod"] == modifier) & (fees["state"] == state)].to_dict("records")
    [item] = items[(items["hcpcs"] == code) & (items["mod"] == modifier)].to_dict("records")
    priced = schedules.dmepos(int(fee["nr_cents"]), int(fee["r_cents"]), rural=rural)
    dme = DmeposResult.model_construct(
        payable=True, state=state, modifier=modifier, non_rural=cents(int(fee["nr_cents"])),
        rural=cents(int(fee["r_cents"])), rural_used=priced.used == "rural", amount=cents(priced.line.amount),
        beneficiary=cents(priced.line.beneficiary), medicare=cents(priced.line.medicare), release="2026-01",
        source="DMEPOS",
    )  # fmt: skip
    pfs = not_in_pfs("DMEPOS item: paid from the DMEPOS fee schedule.")
    return result(code, item["description"], pfs, [source(DMEPOS_FILE, "2026-01", "dmepos")], dmepos=dme,
                  paid_by="dmepos", modifiers=[modifier], modifier=modifier)  # fmt: skip


def table_text(model: Any) -> str:
    out = io.StringIO()
    render(model, OutputFormat.table, out)
    return out.getvalue()


def csv_text(model: Any) -> list[dict[str, str]]:
    out = io.StringIO()
    render(model, OutputFormat.csv, out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


# -- rendering: CLFS ---------------------------------------------------------------------------


def test_lab_shows_the_clfs_section_and_one_pfs_line() -> None:
    lab = lab_result()
    text = table_text(lab)
    row = clfs_row("80053", "QW")
    amount = f"${cents(int(row['rate_cents']))}"
    assert amount in text and "QW" in text and "2026-01-01" in text and "2026-04" in text
    assert "no coinsurance, no deductible" in flat(text)
    assert "Not paid under the PFS: Not a physician service" in flat(text)
    # No RVU/GPCI line, no empty PFS table, no table of three unpayable sites, no other section.
    for absent in ("RVUs", "GPCI", "PFS setting", "Where the service is done", "ASP", "DMEPOS"):
        assert absent not in text
    assert CLFS_FILE.name in text  # the output names its file


def test_lab_json_keys_are_the_models_and_money_is_exact() -> None:
    doc = json.loads(to_json(lab_result()))
    assert set(doc) == set(PriceResult.model_fields)
    assert set(doc["clfs"]) == set(ClfsResult.model_fields)
    assert set(doc["pfs"]) == set(PfsResult.model_fields)
    assert doc["drug"] is None and doc["dmepos"] is None
    assert (doc["paid_by"], doc["units"], doc["pfs"]["in_schedule"], doc["pfs"]["rvu"]) == ("clfs", 1, False, None)
    rate = clfs_row("80053", "QW")["rate_cents"]
    assert Decimal(str(doc["clfs"]["amount"])) == cents(int(rate)) == Decimal(str(doc["clfs"]["medicare"]))
    assert doc["clfs"]["beneficiary"] == 0 and doc["clfs"]["effective_date"] == "2026-01-01"


def test_lab_csv_row_has_clfs_columns_and_blank_pfs_columns() -> None:
    [row] = csv_text(lab_result())
    rate = clfs_row("80053", "QW")["rate_cents"]
    assert row["clfs_amount"] == str(cents(int(rate))) and row["clfs_modifier"] == "QW"
    assert (row["clfs_quarter"], row["clfs_effective_date"]) == ("2026-04", "2026-01-01")
    assert row["clfs_beneficiary"] == "0.00" and row["clfs_medicare"] == row["clfs_amount"]
    assert (row["paid_by"], row["in_pfs"], row["status"], row["work_rvu"], row["gpci_pe"]) == (
        "clfs", "false", "", "", "",
    )  # fmt: skip
    assert "drug_amount" not in row and "dmepos_amount" not in row


def test_plain_row_of_the_clfs_says_no_modifier() -> None:
    assert "(no modifier)" in table_text(lab_result("36415", ""))


# -- rendering: drugs ------------------------------------------------------------------------------


def test_drug_section_shows_limit_to_three_decimals_units_and_shares() -> None:
    frame = loaders.load_asp(ASP_FILE)
    [row] = frame[frame["hcpcs"] == "J9271"].to_dict("records")
    drug = drug_result("J9271", 100)
    text = table_text(drug)
    limit = Decimal(int(row["limit_mills"])).scaleb(-3)
    assert f"${limit:,.3f}" in text and row["billing_unit"] in text
    assert drug.drug is not None and drug.drug.amount is not None
    assert f"${drug.drug.amount:,.2f}" in text  # limit x 100, rounded once
    assert drug.drug.amount == (limit * 100).quantize(Decimal("0.01"))
    assert f"${drug.drug.beneficiary:,.2f}" in text and f"${drug.drug.medicare:,.2f}" in text
    assert "20%" in text and "Units: 100" in text
    assert "Not paid under the PFS" in text and "PFS setting" not in text and "Clinical Laboratory" not in text


def test_inflation_adjusted_coinsurance_is_shown_as_the_file_prints_it() -> None:
    frame = loaders.load_asp(ASP_FILE)
    [row] = frame[frame["hcpcs"] == "J0897"].to_dict("records")
    printed = f"{Decimal(int(row['coinsurance_thousandths'])).scaleb(-3)}%"  # the file's 17.585
    text = table_text(drug_result("J0897", 60))
    assert printed in text and "Inflation-adjusted" in text


def test_drug_json_and_csv() -> None:
    drug = drug_result("J9271", 100)
    section = drug.drug
    assert section is not None
    doc = json.loads(to_json(drug))
    assert set(doc["drug"]) == set(DrugResult.model_fields) and doc["units"] == 100
    assert Decimal(str(doc["drug"]["limit_per_unit"])) == section.limit_per_unit
    [row] = csv_text(drug)
    assert row["drug_amount"] == str(section.amount) and row["drug_units"] == "100"
    assert row["drug_billing_unit"] == "1 MG" and row["units"] == "100" and row["paid_by"] == "drug"


# -- rendering: DMEPOS ----------------------------------------------------------------------------


@pytest.mark.parametrize("rural", [False, True])
def test_dmepos_section_shows_both_fees_and_which_is_used(rural: bool) -> None:
    dme = dmepos_result("E0601", "RR", "CA", rural)
    section = dme.dmepos
    assert section is not None
    text = flat(table_text(dme))
    assert f"${section.non_rural}" in text and f"${section.rural}" in text and "state CA" in text
    assert f"${section.beneficiary}" in text and f"${section.medicare}" in text
    assert section.amount == (section.rural if rural else section.non_rural)
    assert ("rural fee: --rural was given" in text) is rural
    assert ("non-rural fee: the default" in text) is not rural
    assert ("rural ZIP file is not installed" in text) is not rural  # why the default is non-rural: moot with --rural
    assert "RR" in text and "E0601-RR" in text


def test_dmepos_csv_names_the_fee_used() -> None:
    [row] = csv_text(dmepos_result("E0601", "RR", "CA", False))
    assert (row["dmepos_state"], row["dmepos_modifier"], row["dmepos_fee_used"]) == ("CA", "RR", "non_rural")
    assert row["dmepos_amount"] == row["dmepos_non_rural"] != row["dmepos_rural"]


# -- rendering: PFS-unlisted and MAC-priced ----------------------------------------------------


# RVU26C (PPRRVU2026_Jul_nonQPP.csv), quoted: status R, every RVU zero, global 000 - no national amount.
RVU_15824 = "15824,,Rhytidectomy forehead,R,,0.00,0.00,,0.00,,0.00,0.00,0.00,0,000"


def mac_priced(amount: Decimal | None) -> PriceResult:
    """15824 as the core returns it; ``amount`` 0.00 (payable) is what rvucalc printed before
    contractor-priced codes were recognised, so the renderers must not show it either."""
    code, _, description, status, _, work, pe_nf, _, pe_f, _, mp, *_ = RVU_15824.split(",")
    rvus = [int(Decimal(value) * 100) for value in (work, pe_nf, pe_f, mp)]
    assert schedules.contractor_priced(status, *rvus)
    reason = schedules.CONTRACTOR_PRICED_REASON
    # the core's status of an unpriced MAC-priced setting is "not_priced" (not "not_payable": R0075 at a SNF)
    unpriced = NOT_PRICED if amount is None else None
    setting = SettingAmount.model_construct(payable=amount is not None, amount=amount, non_par_amount=amount,
                                            limiting_charge=amount, reason=reason, status=unpriced)  # fmt: skip
    pfs = PfsResult.model_construct(status=status, status_meaning=STATUS[status], global_days="000",
                                    non_facility=setting, facility=setting, contractor_priced=True)  # fmt: skip
    line = result(code, description, pfs, [])
    if amount is not None:
        line.sites[0] = Site.model_construct(setting="office", payable=True, professional_payment=amount,
                                             total=amount, beneficiary=amount, medicare=amount)  # fmt: skip
    return line


@pytest.mark.parametrize("amount", [None, Decimal("0.00")])
def test_contractor_priced_is_never_zero_dollars(amount: Decimal | None) -> None:
    line = mac_priced(amount)
    text = table_text(line)
    assert "priced by your medicare contractor (mac)" in text.lower()
    assert "$0.00" not in text and "PFS setting" not in text
    [row] = csv_text(line)
    assert row["contractor_priced"] == "true"
    for column in ("non_facility_amount", "facility_amount", "facility_limiting_charge"):
        assert row[column] == ""
    assert json.loads(to_json(line))["pfs"]["contractor_priced"] is True


def test_pfs_listed_result_still_renders_its_rvus() -> None:
    setting = SettingAmount.model_construct(payable=True, amount=Decimal("1559.15"))
    pfs = PfsResult.model_construct(status="A", status_meaning="Active code", global_days="090",
                                    conversion_factor=Decimal("33.4009"), conversion_factor_kind="non_qp",
                                    non_facility=setting, facility=setting)  # fmt: skip
    text = table_text(result("22590", "Arthrd pst tq craniocervical", pfs, []))
    assert "PFS setting" in text and "CF $33.4009 (non-QP)" in text
    assert "RVUs" not in text  # no RVUs in this result: no RVU line rather than a crash
    for absent in ("Clinical Laboratory", "ASP", "DMEPOS", "Not paid under the PFS"):
        assert absent not in text


# -- encounters -------------------------------------------------------------------------------


def test_encounter_of_a_lab_and_a_drug_renders_every_column() -> None:
    lines = [lab_result(), drug_result("J9271", 100), mac_priced(None)]
    encounter = EncounterResult.model_construct(year=2026, release="2026C", location=lines[0].location, lines=lines,
                                                totals={})  # fmt: skip
    rows = csv_text(encounter)
    assert len(rows) == 3
    assert rows[0]["clfs_amount"] and rows[0]["drug_amount"] == "" and rows[1]["drug_amount"]
    assert [len(r) for r in csv_rows(encounter)] != [len(rows[0])] * 3  # sections differ; the CSV has them all
    text = table_text(encounter)
    assert "Lab/drug/DME" in text and "CLFS" in text and "ASP" in text and "MAC-priced" in text
    assert "15824: PFS priced by your Medicare contractor (MAC)" in flat(text)


# -- the price command -------------------------------------------------------------------------


class FakePricer:
    """Stands in for ``Pricer``: records the arguments and returns a prepared encounter."""

    calls: ClassVar[list[dict[str, Any]]] = []
    answer: EncounterResult | Exception
    catalogue = None  # no installed data: --state is passed through, as for a DMEPOS code

    def price_encounter(self, codes: list[str], **kwargs: Any) -> EncounterResult:
        FakePricer.calls.append(kwargs)
        if isinstance(FakePricer.answer, Exception):
            raise FakePricer.answer
        return FakePricer.answer


@pytest.fixture
def fake_pricer(monkeypatch: pytest.MonkeyPatch) -> type[FakePricer]:
    import rvucalc.lookup.pricer

    FakePricer.calls = []
    monkeypatch.setattr(rvucalc.lookup.pricer, "Pricer", FakePricer)
    return FakePricer


def one_line(line: PriceResult) -> EncounterResult:
    return EncounterResult.model_construct(year=2026, release="2026C", location=line.location, lines=[line],
                                           totals={})  # fmt: skip


def test_price_passes_units_state_and_rural(fake_pricer: type[FakePricer]) -> None:
    fake_pricer.answer = one_line(dmepos_result("E0601", "RR", "CA", True))
    done = run("price", "E0601-RR", "--state", "ca", "--rural", "--units", "3", "-f", "json")
    assert done.exit_code == 0, done.output
    assert {key: fake_pricer.calls[0][key] for key in ("units", "state", "rural")} == {
        "units": 3, "state": "ca", "rural": True,
    }  # fmt: skip
    assert json.loads(done.stdout)["dmepos"]["rural_used"] is True


def test_price_defaults_are_one_unit_no_state_non_rural(fake_pricer: type[FakePricer]) -> None:
    fake_pricer.answer = one_line(lab_result())
    assert run("price", "80053-QW").exit_code == 0  # paid by the CLFS although no site is payable
    assert {key: fake_pricer.calls[0][key] for key in ("units", "state", "rural")} == {
        "units": 1, "state": None, "rural": False,
    }  # fmt: skip


def test_price_contractor_priced_exits_1_saying_ask_the_mac(fake_pricer: type[FakePricer]) -> None:
    fake_pricer.answer = one_line(mac_priced(None))
    done = run("price", "15824")
    assert done.exit_code == 1
    assert "priced by your Medicare contractor (MAC)" in done.stderr and "$0.00" not in done.output


def test_code_on_no_schedule_is_the_one_line_the_core_raises(fake_pricer: type[FakePricer]) -> None:
    message = "A0428 is paid under the ambulance fee schedule, which rvucalc does not install."
    fake_pricer.answer = NotFoundError(message)
    done = run("price", "A0428")
    assert done.exit_code == 1 and done.stdout == ""
    assert done.stderr.strip().splitlines() == [f"rvucalc: {message}"]


def asc_only_line() -> PriceResult:
    """C7510, listed only in ASC Addendum AA (April 2026): the ASC pays, the PFS does not list it."""
    path = Path(__file__).resolve().parents[1] / "data" / "opps" / "2026" / "asc" / "04" / "AA.csv"
    with path.open(encoding="cp1252", newline="") as handle:
        [row] = [r for r in csv.reader(handle) if r and r[0] == "C7510"]
    rate = Decimal(row[6].strip().lstrip("$").replace(",", ""))
    line = result("C7510", row[2], not_in_pfs("C7510 is not in the 2026 PFS: paid by the ASC and OPPS tables."), [])
    line.sites[2] = Site.model_construct(setting="asc", payable=True, facility_payment=rate, total=rate)
    return line


def test_asc_only_code_exits_0_with_one_pfs_line(fake_pricer: type[FakePricer]) -> None:
    fake_pricer.answer = one_line(asc_only_line())
    done = run("price", "C7510", "--setting", "asc")
    assert done.exit_code == 0, done.output
    assert "Not paid under the PFS: C7510 is not in the 2026 PFS" in flat(done.stdout)
    assert "$1,696.42" in done.stdout  # Addendum AA, April 2026
    assert "PFS setting" not in done.stdout and "RVUs" not in done.stdout


def test_a_missing_cms_file_is_not_called_not_payable(fake_pricer: type[FakePricer]) -> None:
    line = asc_only_line()
    reason = "OPPS CY2026 rates not installed: rvucalc has no CMS OPPS file for 2026, so this site is not priced."
    line.sites = [Site.model_construct(setting="hopd", payable=False, reason=reason)]
    fake_pricer.answer = one_line(line)
    done = run("price", "C7510", "--setting", "hopd")
    assert done.exit_code == 1
    assert "cannot be priced here: CMS's file is not installed" in done.stderr
    assert "not payable" not in done.stderr


@pytest.mark.parametrize("units", ["0", "-1", "2.5", "ten"])
def test_units_must_be_a_whole_number_from_1(units: str) -> None:
    done = run("price", "J9271", "--units", units)
    assert done.exit_code == 2, done.output
    assert "--units" in done.output and "Traceback" not in done.output


@pytest.mark.parametrize("state", ["Calif.", "C", "9Z"])  # a full name, 'California', is read as CA
def test_state_must_be_a_two_letter_code(state: str) -> None:
    done = run("price", "E0601-RR", "--state", state)
    assert done.exit_code == 2, done.output
    assert "two-letter" in done.stderr and done.stdout == ""


def test_price_help_explains_the_new_options() -> None:
    text = flat(run("price", "--help").stdout)
    assert "--units" in text and "billing unit" in text
    assert "--state" in text and "DMEPOS" in text
    assert "--rural" in text and "rural ZIP file is not installed" in text


# -- rvucalc modifiers ---------------------------------------------------------------------------


def test_modifiers_table_lists_every_modifier_once() -> None:
    done = run("modifiers")
    assert done.exit_code == 0, done.output
    assert f"Claim modifiers ({len(TABLE)})" in done.stdout
    # A row's first line carries its modifier in the first column; wrapped lines leave it blank.
    listed = re.findall(r"^│ (\S+)\s+│", done.stdout, flags=re.MULTILINE)
    assert listed == list(TABLE)
    assert "informational" in done.stdout and "Source" in done.stdout


def test_modifiers_json_is_the_engine_table() -> None:
    done = run("modifiers", "--format", "json")
    assert done.exit_code == 0, done.output
    doc = json.loads(done.stdout)
    assert doc["count"] == len(doc["modifiers"]) == len(TABLE)
    assert doc["modifiers"] == table_rows()


def test_modifiers_csv_has_a_row_per_modifier() -> None:
    done = run("modifiers", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert len(rows) == len(TABLE) and [r["modifier"] for r in rows] == list(TABLE)
    assert list(rows[0]) == ["modifier", "meaning", "effect", "payment", "schedules", "source", "note", "verified"]
    cq = next(r for r in rows if r["modifier"] == "CQ")
    assert cq["effect"] == "percentage" and cq["source"] == TABLE["CQ"].source


def test_modifiers_named_ones_in_the_order_asked() -> None:
    doc = json.loads(run("modifiers", "gp", "CQ-50", "GP", "-f", "json").stdout)
    assert [row["modifier"] for row in doc["modifiers"]] == ["GP", "CQ", "50"] and doc["count"] == 3


def test_unknown_modifier_is_a_usage_error_with_did_you_mean() -> None:
    done = run("modifiers", "GQX")
    assert done.exit_code == 2 and done.stdout == ""
    assert "Unknown modifier 'GQX'" in done.stderr
    assert f"Did you mean {suggest('GQX')[0]}" in done.stderr


def test_a_dmepos_items_place_names_its_state() -> None:
    """A DME item priced nationally for the PFS says whose DMEPOS fee it is (the schedule is per state), not only
    "NATIONAL" (which a DME item only the DMEPOS fee schedule prices no longer says: no PFS locality applies)."""
    done = run("price", "E0601-RR", "--state", "CA")
    assert done.exit_code == 0, done.output
    assert "Where: DMEPOS fee for CA (set per state: no PFS locality applies)" in done.stdout


def test_rural_asked_for_where_the_file_has_no_rural_fee_is_not_called_the_default() -> None:
    """A review: `price E0114-RR --rural --state TX` said "non-rural fee: the default (--rural for the rural fee)"
    beside the note that TX has no separate rural fee for it: --rural was given, and the table now says so."""
    from typer.testing import CliRunner

    from rvucalc.cli import app

    said = " ".join(CliRunner().invoke(app, ["price", "E0114-RR", "--rural", "--state", "TX"]).output.split())
    assert "rural fee asked for (--rural): the file has no separate one" in said
    assert "the default (--rural for the rural fee)" not in said


def test_dme_claim_modifiers_that_change_no_fee_are_accepted() -> None:
    """A DME trial: KL (delivered by mail), KB and the oxygen groups N1-N3 were refused as unknown (exit 2); they
    change no fee: the line is priced as without them (E1390-RR in California, DMEPOS26_JAN)."""
    from rvucalc.lookup.pricer import Pricer

    pricer = Pricer()
    plain = pricer.price("E1390-RR", state="CA", date_of_service="2026-02-01")
    for extra in ("KL", "KB", "N1", "N2", "N3"):
        line = pricer.price(f"E1390-RR-{extra}", state="CA", date_of_service="2026-02-01")
        assert line.dmepos is not None and plain.dmepos is not None
        assert line.dmepos.amount == plain.dmepos.amount and line.dmepos.amount


def test_a_dme_line_priced_by_a_locality_of_several_states_says_whose_fee() -> None:
    """A DME trial: E0601-RR by locality 1220201 (DC, with MD and VA ZIPs) was priced at DC's fee, $50.04, without a
    word; Arlington VA's is $51.94. Price and batch say which state's fee the locality gave; a ZIP's line does not."""
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer
    from rvucalc.lookup.pricer import Pricer

    pricer = Pricer()
    line = pricer.price("E0601-RR", locality="1220201", date_of_service="2026-02-01")
    assert line.dmepos is not None and line.dmepos.state == "DC"
    said = [note for note in line.dmepos.notes if "holds ZIPs of DC, MD, VA" in note]
    assert said and "priced with DC's" in said[0]
    by_zip = pricer.price("E0601-RR", zip_code="22201", date_of_service="2026-02-01")
    assert by_zip.dmepos is not None and not any("holds ZIPs" in note for note in by_zip.dmepos.notes)
    rows = [{"code": "E0601-RR", "locality": "1220201", "zip": "", "date": "2026-02-01"},
            {"code": "E0601-RR", "locality": "", "zip": "22201", "date": "2026-02-01"}]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert said[0] in out[0]["note"] and "holds ZIPs" not in out[1]["note"]
    note = out[0]["note"]  # in the lookup's order (a review found it first in batch)
    assert note.index("DMEPOS fee for DC") < note.index(said[0])
    assert str(out[0]["office_allowed"]) == str(line.sites[0].total)


def test_missouri_and_kansas_zips_take_their_state_s_dmepos_fee() -> None:
    """CMS's ZIP5 file writes Missouri's and Kansas's ZIPs as EM/WM and EK/WK (its carriers' halves of the state): a
    DME line at a St. Louis or Kansas City KS ZIP was refused ("no column for EM"). They are MO and KS, in price and
    batch, and `localities --state MO` finds Missouri's localities by their ZIPs."""
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer
    from rvucalc.lookup.pricer import Pricer

    pricer = Pricer()
    for zip5, state in (("63101", "MO"), ("64801", "MO"), ("66101", "KS"), ("67202", "KS")):
        by_zip = pricer.price("E0601-RR", zip_code=zip5, date_of_service="2026-02-01")
        by_state = pricer.price("E0601-RR", state=state, date_of_service="2026-02-01")
        assert by_zip.dmepos is not None and by_state.dmepos is not None and by_zip.dmepos.state == state
        assert by_zip.dmepos.amount == by_state.dmepos.amount and by_zip.dmepos.amount
        row = BatchPricer(pricer).price_table(pa.Table.from_pylist(
            [{"code": "E0601-RR", "zip": zip5, "date": "2026-02-01"}])).to_pylist()[0]  # fmt: skip
        assert row["error"] == "" and str(row["dmepos_amount"]) == str(by_state.dmepos.amount)
    store = pricer.catalogue.store(pricer.catalogue.newest("pfs"))
    assert "0530201" in store.zip_state_localities("MO") and "0520200" in store.zip_state_localities("KS")


def test_modifiers_lists_the_known_ones_and_names_the_unknown_exit_1() -> None:
    """A trial: `rvucalc modifiers AQ AZ 33 PT GT 95` failed outright on AZ. The known ones are listed, the unknown
    named with its 'did you mean' (exit 1: not found, README's exit codes); no modifier at all (GQX) stays a usage
    error (2)."""
    done = run("modifiers", "AQ", "ZZ", "33", "PT", "GT", "95", "-f", "json")
    assert done.exit_code == 1
    doc = json.loads(done.stdout)
    assert [row["modifier"] for row in doc["modifiers"]] == ["AQ", "33", "PT", "GT", "95"] and doc["count"] == 5
    assert "Unknown modifier 'ZZ'" in done.stderr and "Listed: AQ, 33, PT, GT, 95" in done.stderr
    alone = run("modifiers", "ZZ")
    assert alone.exit_code == 1 and alone.stdout == "" and "Unknown modifier 'ZZ'" in alone.stderr


def test_az_is_accepted_and_echoed_as_aq_is() -> None:
    """A trial: `price 99214-AZ` was refused (exit 2: unknown modifier); HCPCS's AZ (a dental HPSA's EHR incentive)
    changes no fee (payment-rules.md §6: accept and echo AQ/AZ): the amount is 99214's."""
    plain = json.loads(run("price", "99214", "--zip", "50501", "--date", "2026-03-02", "-f", "json").stdout)
    with_az = run("price", "99214-AZ", "--zip", "50501", "--date", "2026-03-02", "-f", "json")
    assert with_az.exit_code == 0, with_az.output
    assert json.loads(with_az.stdout)["pfs"]["non_facility"]["amount"] == plain["pfs"]["non_facility"]["amount"]
    assert "AZ" in " ".join(json.loads(run("modifiers", "AZ", "-f", "json").stdout)["modifiers"][0].values())
