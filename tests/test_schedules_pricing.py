"""Every Part B code priced where Medicare pays it, single and batch, against CMS's own figures:
the CLFS (80053 $10.56), the ASP file (J9271 $59.726 per 1 mg), the DMEPOS file (E0601-RR CA $50.44),
ASC Addendum AA (C7510), MAC-priced codes never $0.00, preventive waivers, a 26 line in the HOPD."""

from __future__ import annotations

import csv
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from conftest import batch_imports_pandas, read_csv_text
from rvucalc.batch.dates import UNITS_WRITTEN
from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.errors import ErrorKind, RvucalcError
from rvucalc.lookup.pricer import Pricer

runner = CliRunner()

CASES = [  # code, keywords, schedule that pays, office amount (CMS's file), patient share
    ("80053", {}, "clfs", Decimal("10.56"), Decimal("0.00")),
    ("J9271", {"units": 100}, "drug", Decimal("5972.60"), Decimal("1194.52")),
    ("E0601-RR", {"state": "CA"}, "dmepos", Decimal("50.44"), Decimal("10.09")),
    ("0001U", {}, "clfs", Decimal("720.00"), Decimal("0.00")),
]


def _batch(pricer: Pricer, rows: list[dict[str, str]]) -> list[dict[str, object]]:
    names = sorted({name for row in rows for name in row})
    table = pa.table({name: [row.get(name, "") for row in rows] for name in names})
    return BatchPricer(pricer).price_table(table).to_pylist()  # type: ignore[no-any-return]


@pytest.mark.parametrize(("code", "options", "payer", "amount", "patient"), CASES)
def test_labs_drugs_and_dme_single_and_batch(pricer: Pricer, code: str, options: dict[str, object], payer: str,
                                             amount: Decimal, patient: Decimal) -> None:  # fmt: skip
    single = pricer.price(code, **options)  # type: ignore[arg-type]
    assert single.paid_by == payer
    office = single.sites[0]
    assert (office.setting, office.total, office.beneficiary) == ("office", amount, patient)
    zip_code = "94110" if options.get("state") == "CA" else ""
    [out] = _batch(pricer, [{"code": code, "units": str(options.get("units", "")), "zip": zip_code}])
    assert out["error"] == ""
    assert Decimal(str(out[f"{'drug' if payer == 'drug' else payer}_amount"])) == amount
    assert (Decimal(str(out["office_allowed"])), Decimal(str(out["office_beneficiary"]))) == (amount, patient)


def test_clfs_rate_and_quarter_follow_the_date_of_service(pricer: Pricer) -> None:
    q1, q2 = (pricer.catalogue.store(r) for r in pricer.catalogue.releases("clfs"))
    new = sorted({row["hcpcs"] for row in q2.rows("clfs")} - {row["hcpcs"] for row in q1.rows("clfs")})
    assert new[:2] == ["0614U", "0615U"]  # CMS's April additions (EFF_DATE 2026-04-01)
    april = pricer.price(new[0], date_of_service="2026-05-01")
    assert april.clfs is not None and april.clfs.quarter == "2026-04"
    assert april.clfs.effective_date is not None and april.clfs.effective_date.isoformat() == "2026-04-01"
    # Not on the January file: the April one lists it from 2026-04-01, which is said (not "not on the CLFS").
    february = pricer.price(new[0], date_of_service="2026-02-10")
    assert february.clfs is not None and not february.clfs.payable
    assert "on the CLFS from 2026-04-01 (2026-04 release), after the date of service" in str(february.clfs.reason)
    national = next(row for row in q2.rows("clfs") if row["indicator"] == "N" and row["hcpcs"] == "80053")
    assert pricer.price("80053", date_of_service="2026-05-01").clfs.amount == Decimal(national["rate_cents"]).scaleb(-2)


def test_a_dmepos_code_needs_a_place(pricer: Pricer) -> None:
    with pytest.raises(RvucalcError) as missing:
        pricer.price("E0601-RR")
    assert missing.value.kind is ErrorKind.MISSING_INPUT and missing.value.exit_code == 2
    assert "give zip_code, locality or state" in str(missing.value)  # the API's names; the CLI shows flags


def test_a_state_column_chooses_the_dmepos_fee_column_as_state_does(pricer: Pricer, tmp_path: Path) -> None:
    """CMS's DMEPOS file: E0601-RR is $50.44 in CA and $50.91 in TX (non-rural). A batch row's state prices
    it without a place, and wins over its ZIP's state, as --state does; a bad state is a DME row's error. Only
    DME rows read the state: another code's row ignores it, even one that is no state (a file's own column)."""
    rows = [{"code": "E0601-RR", "state": "TX"}, {"code": "E0601-RR", "state": "tx", "zip": "94110"},
            {"code": "E0601-RR", "zip": "94110"}, {"code": "E0601-RR", "state": "Tex."},
            {"code": "E0601-RR"}, {"code": "99213", "state": "TX"}, {"code": "99213", "state": "Texas"}]  # fmt: skip
    out = _batch(pricer, rows)
    assert [row["dmepos_amount"] for row in out[:3]] == [Decimal("50.91"), Decimal("50.91"), Decimal("50.44")]
    for row, given in zip(out[:3], rows[:3], strict=True):
        single = pricer.price("E0601-RR", state=given.get("state"), zip_code=given.get("zip"))
        assert single.dmepos is not None and row["dmepos_amount"] == single.dmepos.amount
    with pytest.raises(RvucalcError) as bad:
        pricer.price("E0601-RR", state="Tex.")  # no postal code nor a state's full name ('Texas' is TX's)
    assert (out[3]["error"], out[3]["error_kind"]) == (str(bad.value), bad.value.kind.value)
    assert "fill the row's zip, locality or state column" in str(out[4]["error"])  # batch names its columns
    national = pricer.price("99213").pfs.non_facility.amount
    assert [(row["error"], row["pfs_non_facility_amount"]) for row in out[5:]] == [("", national), ("", national)]
    source = tmp_path / "dme.csv"
    source.write_text("HCPCS,Mod 1,Patient State\nE0601,RR,TX\n")
    result = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv")])
    assert result.exit_code == 0, result.output
    assert "state ← Patient State" in result.stderr
    assert read_csv_text(tmp_path / "out.csv").column("dmepos_amount").to_pylist() == ["50.91"]


def test_a_drug_with_zero_units_is_a_usage_error() -> None:
    result = runner.invoke(app, ["price", "J9271", "--units", "0"])
    assert result.exit_code == 2 and result.stdout == ""


def test_units_written_2_0_are_read_as_batch_reads_them() -> None:
    """A trial's `price J1745 --units 2.0` got typer's "'2.0' is not a valid int range", where batch reads 2."""
    args = ["price", "J1745", "--zip", "60601", "--date", "2026-03-10", "--format", "json", "--units"]
    two, written = runner.invoke(app, [*args, "2"]), runner.invoke(app, [*args, "2.0"])
    assert two.exit_code == written.exit_code == 0, written.output
    assert json.loads(written.stdout)["drug"] == json.loads(two.stdout)["drug"]
    assert json.loads(written.stdout)["drug"]["units"] == 2
    half = runner.invoke(app, [*args, "1.5"])
    assert half.exit_code == 2 and "--units '1.5': give a whole number of units in plain digits" in half.stderr


def test_units_no_whole_number_on_a_drug_name_its_asp_billing_unit(pricer: Pricer) -> None:
    """A retina trial's `price J2778 --units 0.5` (milligrams) was told only to give a whole number: the error names
    the ASP file's HCPCS Code Dosage (the shipped file's own column) and what 0.5 of it is in those units."""
    release = next(r for r in pricer.catalogue.releases("asp") if r.release == "2026-01")
    dosage = pricer.catalogue.store(release).asp("J2778")["billing_unit"]  # the file's "0.1 mg"
    amount, unit = dosage.split(maxsplit=1)
    units = Decimal("0.5") / Decimal(amount)
    assert units == units.to_integral_value()
    args = ["price", "--zip", "99204", "--date", "2026-02-10", "--units"]
    done = runner.invoke(app, ["price", "J2778", *args[1:], "0.5"])
    assert done.exit_code == 2 and done.stdout == "", done.output
    assert f"J2778 is billed per {dosage} (ASP file 2026-01" in done.stderr
    assert f"give the number of {dosage} units, e.g. 0.5 {unit} = {int(units)} units." in done.stderr
    # per code: the drug's own --units; a code no ASP file lists keeps the plain error
    both = runner.invoke(app, ["price", "99213", "J2778", *args[1:], "1", "--units", "0.5"])
    assert both.exit_code == 2 and f"J2778 is billed per {dosage}" in both.stderr
    plain = runner.invoke(app, ["price", "99213", *args[1:], "1.5"])
    assert plain.exit_code == 2 and "billed per" not in plain.stderr and "give a whole number" in plain.stderr


def test_batch_units_no_whole_number_on_a_drug_name_its_billing_unit_as_price_does(tmp_path: Path) -> None:
    """Batch's bad_units error on J2778 at 0.5 said only "whole number"; it now ends with the hint price gives (one
    function, lookup.schedules.drug_units_hint), and a code no ASP file lists keeps the plain error."""
    source = tmp_path / "units.csv"
    source.write_text(
        "CPT,Units,DOS,Zip\nJ2778,0.5,02/10/2026,99204\n99213,0.5,02/10/2026,99204\nJ2778,5,02/10/2026,99204\n"
    )
    done = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv")])
    assert done.exit_code == 1, done.output
    rows = read_csv_text(tmp_path / "out.csv").to_pylist()
    single = runner.invoke(app, ["price", "J2778", "--zip", "99204", "--date", "2026-02-10", "--units", "0.5"])
    hint = single.stderr[single.stderr.index("J2778 is billed per") :].strip()
    assert hint.endswith("= 5 units.") and rows[0]["error"].endswith(f"{UNITS_WRITTEN}. {hint}")
    assert [row["error_kind"] for row in rows] == ["bad_units", "bad_units", ""]
    assert "billed per" not in rows[1]["error"] and rows[2]["drug_amount"] != ""
    # the hint's look-up imports no pandas (its first version took the rows by a Python list: +33 MB, +0.12 s a run)
    assert not batch_imports_pandas(str(source), "-o", str(tmp_path / "again.csv"))[0]


def test_batch_units_hint_on_a_code_cell_with_its_modifier(tmp_path: Path) -> None:
    """A code cell carrying its modifier (J2778-JW, as price takes it) gets the hint too: a review found batch's
    error plain where `rvucalc price J2778-JW --units 0.5` named the billing unit."""
    source = tmp_path / "units.csv"
    source.write_text("CPT,Units,DOS,Zip\nJ2778-JW,0.5,02/10/2026,99204\n")
    done = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv")])
    assert done.exit_code == 1, done.output
    rows = read_csv_text(tmp_path / "out.csv").to_pylist()
    single = runner.invoke(app, ["price", "J2778-JW", "--zip", "99204", "--date", "2026-02-10", "--units", "0.5"])
    hint = single.stderr[single.stderr.index("J2778 is billed per") :].strip()
    assert rows[0]["error_kind"] == "bad_units" and rows[0]["error"].endswith(f"{UNITS_WRITTEN}. {hint}")


def test_a_code_only_the_asc_lists_is_priced_in_the_asc(pricer: Pricer) -> None:
    line = pricer.price("C7510", date_of_service="2026-04-15")
    assert not line.pfs.in_schedule and line.asc is not None and line.asc.payable
    store = pricer.catalogue.store(next(r for r in pricer.catalogue.releases("asc") if r.release == "2026-04"))
    published = Decimal(store.asc("aa", "C7510")["rate"]).scaleb(-2)
    assert line.asc.national_rate == published == Decimal("1696.42")
    [out] = _batch(pricer, [{"code": "C7510", "date": "2026-04-15", "setting": "asc"}])
    assert out["error"] == "" and Decimal(str(out["asc_rate"])) == published


@pytest.mark.slow
def test_contractor_priced_codes_are_never_zero(pricer: Pricer, pfs_export_2025: Path) -> None:
    import pyarrow.compute as pc

    for code in ("0275T", "15824"):
        line = pricer.price(code, year=2025)
        assert line.pfs.contractor_priced and line.pfs.non_facility.amount is None
        assert "Medicare contractor (MAC)" in (line.pfs.non_facility.reason or "")
    rows = read_csv_text(pfs_export_2025)  # `rvucalc export --year 2025 -o ...`
    assert rows.num_rows > 0
    assert not pc.any(pc.is_in(rows["hcpcs"], value_set=pa.array(["0275T", "15824"]))).as_py()
    for column in ("non_facility_amount", "facility_amount"):
        assert not pc.any(pc.equal(rows[column], "0.00")).as_py(), column


@pytest.mark.parametrize("code", ["G0438", "77067", "G0121"])
def test_preventive_services_cost_the_patient_nothing(pricer: Pricer, code: str) -> None:
    line = pricer.price(code, zip_code="10001")
    paid = [site for site in line.sites if site.payable]
    assert paid and all(site.beneficiary == Decimal("0.00") for site in paid), code
    assert any("Preventive service" in note for note in line.notes)
    [out] = _batch(pricer, [{"code": code, "zip": "10001"}])
    assert Decimal(str(out["office_beneficiary"])) == Decimal("0.00")


def test_a_professional_component_in_the_hopd_is_priced_without_the_2026_opps_file(pricer: Pricer) -> None:
    """The physician's fee is priced; the site's total is not (the hospital's part of it is not installed):
    tests/test_unpriced_facility_sites.py."""
    line = pricer.price("71046-26", zip_code="10001", setting="hopd")
    [hopd] = line.sites
    assert hopd.professional_payment == line.pfs.facility.amount and "not installed" in (hopd.reason or "")
    assert not hopd.payable and hopd.total is None
    result = runner.invoke(app, ["price", "71046-26", "--setting", "hopd", "--zip", "10001", "-f", "json"])
    assert result.exit_code == 0


def test_a_code_on_no_installed_schedule_names_the_one_that_pays_it() -> None:
    result = runner.invoke(app, ["price", "A0427"])
    assert result.exit_code == 1 and result.stdout == ""
    assert "ambulance fee schedule" in result.stderr


def test_a_dme_code_without_its_modifier_says_which_to_give_never_that_dmepos_is_not_installed(
    pricer: Pricer,
) -> None:
    """E0114 is on the installed DMEPOS file only as NU, RR and UE rows: nothing pays it without one. The
    file's reason is the note, in single lookups and batch alike; the 'codes like it are paid from the
    DMEPOS fee schedule, which rvucalc does not install' note is for codes no installed file lists."""
    single = pricer.price("E0114", state="NY")
    assert single.dmepos is not None and not single.dmepos.payable
    reason = single.dmepos.reason
    assert reason is not None and "give one of: NU, RR, UE" in reason
    assert reason in single.notes
    assert not any("does not install" in note for note in single.notes)
    [out] = _batch(pricer, [{"code": "E0114", "zip": "10001"}])
    assert out["error"] == "" and out["dmepos_amount"] is None
    assert reason in str(out["note"]) and "does not install" not in str(out["note"])
    result = runner.invoke(app, ["price", "E0114", "--zip", "10001"])
    assert result.exit_code == 1 and "give one of: NU, RR, UE" in result.stderr
    assert "does not install" not in result.stderr
    [ambulance] = _batch(pricer, [{"code": "A0427", "zip": "10001"}])
    assert "ambulance fee schedule, which rvucalc does not install" in str(ambulance["note"])


def test_a_code_an_installed_schedule_would_pay_but_does_not_list_says_that_file_lacks_it(pricer: Pricer) -> None:
    """A4649 (a supply the PFS marks for the DMEPOS fee schedule) is on no installed DMEPOS file: said so, never that
    rvucalc does not install the DMEPOS fee schedule (a trial: it does); price and batch alike."""
    single = pricer.price("A4649", state="NY")
    said = "the DMEPOS fee schedule (supplies), and the installed DMEPOS files do not list A4649 (ask your MAC)"
    assert any(said in note for note in single.notes)
    [out] = _batch(pricer, [{"code": "A4649", "zip": "10001"}])
    assert said in str(out["note"]) and "does not install" not in str(out["note"])
    result = runner.invoke(app, ["price", "A4649", "--zip", "10001"])
    assert result.exit_code == 1 and said in result.stderr and "does not install" not in result.stderr
    assert "no fee schedule rvucalc has prices it" in result.stderr and result.stderr.count("ask your MAC") == 1


def test_a_code_the_pfs_does_not_list_says_so_once_in_the_table() -> None:
    result = runner.invoke(app, ["price", "E0114-NU", "--zip", "10001"])
    assert result.exit_code == 0
    assert "Not paid under the PFS: the RVU file does not list it." in result.stdout
    assert "Not paid under the PFS: Not paid" not in result.stdout


@pytest.mark.parametrize("forget", [False, True])
def test_other_schedule_lines_met_again_in_later_partitions_price_as_alone(
    pricer: Pricer, monkeypatch: pytest.MonkeyPatch, forget: bool
) -> None:
    """A run keeps each distinct lab, drug and DME line's terms (its cell, release, quarters, state and units)
    for later partitions: a line met again differs from the first only in what the key says. 0614U is on the
    April CLFS only; J9271's units and E0601-RR's state change the amount; E0114 alone is listed but unpaid."""
    from rvucalc.batch import price

    lines = [
        {"code": "J9271", "units": "100", "date": "2026-02-01"}, {"code": "J9271", "units": "2", "date": "2026-02-01"},
        {"code": "E0601-RR", "state": "TX"}, {"code": "E0601-RR", "state": "CA"},
        {"code": "E0601-RR", "zip": "10001"}, {"code": "E0114", "zip": "10001"},
        {"code": "0614U", "date": "2026-05-01"}, {"code": "0614U", "date": "2026-02-10"},
        {"code": "80053", "date": "2025-06-01"}, {"code": "80053", "date": "2026-06-01"},
        {"code": "80053", "setting": "22", "zip": "94110"}, {"code": "J9271", "units": "7", "date": "2026-02-01"},
    ]  # fmt: skip
    names = ["code", "units", "date", "state", "zip", "setting"]
    rows = [*lines, *reversed(lines), *lines[::2]]
    parts = [pa.table({n: [row.get(n, "") for row in rows[i : i + 3]] for n in names}) for i in range(0, len(rows), 3)]
    alone = [BatchPricer(pricer).price_table(part).to_pylist() for part in parts]
    if forget:
        monkeypatch.setattr(price, "PER_VALUE_LIMIT", 2)  # the run's table of them forgotten between partitions
    shared = BatchPricer(pricer)
    assert [shared.price_table(part).to_pylist() for part in parts] == alone
    out = [row for part in alone for row in part]
    for given, priced in zip(rows, out, strict=True):  # each as its single lookup says
        try:
            single = pricer.price(given["code"], units=int(given.get("units", 1)), state=given.get("state"),
                                  zip_code=given.get("zip"), date_of_service=given.get("date") or None)  # fmt: skip
        except RvucalcError as exc:
            assert priced["error"] == str(exc)
            continue
        parts = {"clfs_amount": single.clfs, "drug_amount": single.drug, "dmepos_amount": single.dmepos}
        for name, part in parts.items():
            assert priced[name] == (part.amount if part is not None else None), (given, name)
    assert len({row["drug_amount"] for row in out if row["drug_amount"] is not None}) == 3
    assert len({row["dmepos_amount"] for row in out if row["dmepos_amount"] is not None}) == 3
    assert any("after the date of service" in str(row["note"]) for row in out)  # 0614U in February
    assert any(row["clfs_amount"] for row in out)


def test_a_batch_row_says_what_its_lab_drug_or_dme_amount_rests_on(pricer: Pricer) -> None:
    """The notes of a CLFS, ASP or DMEPOS amount (no lab coinsurance; the non-rural DMEPOS fee used because the
    rural ZIP file is not installed; KJ's 75% of the rental fee) are on the batch row, as on the single lookup."""
    rows = [{"code": "E0601-RR-KJ", "state": "TX"}, {"code": "E0601-RR", "state": "TX"}, {"code": "80053"}]
    out = _batch(pricer, rows)
    singles = [pricer.price(row["code"], state=row.get("state")) for row in rows]
    parts = [single.dmepos or single.clfs for single in singles]
    assert all(part is not None and part.notes for part in parts)
    for row, part in zip(out, parts, strict=True):
        assert part is not None
        assert all(note in str(row["note"]) for note in part.notes), (row["note"], part.notes)
    assert "KJ (capped rental month 4 or later): 75%" in str(out[0]["note"])
    assert "rural ZIP code file is not installed" in str(out[1]["note"])
    assert "DMEPOS fee for TX" in str(out[0]["note"]) and "DMEPOS fee for TX" in str(out[1]["note"])
    assert Decimal(str(out[0]["dmepos_amount"])) == (Decimal("50.91") * Decimal("0.75")).quantize(Decimal("0.01"))


def test_a_lab_row_effective_within_its_quarter_prices_each_date_on_its_side(
    pricer: Pricer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A CLFS row is not payable before its EFF_DATE. Were one in the middle of a quarter (every installed one is a
    quarter's first day), lines of that quarter before it and after it must not share their terms in a run."""
    import datetime as dt

    from rvucalc.batch import price
    from rvucalc.reference.store import Store

    real = Store.clfs

    def mid_quarter(self: Store, code: str) -> list[dict[str, object]]:
        rows = real(self, code)
        return [dict(row, eff_date="2026-05-15") for row in rows] if code == "80053" else rows

    monkeypatch.setattr(Store, "clfs", mid_quarter)
    monkeypatch.setattr(price.BatchPricer, "_latest_effective", lambda self, clfs: dt.date(2026, 5, 15))
    dates = ["2026-05-20", "2026-05-01", "2026-05-15", "2026-05-14", "2026-06-30"]
    table = pa.table({"code": ["80053"] * len(dates), "date": dates})
    batch = BatchPricer(pricer)
    out = [*batch.price_table(table.slice(0, 2)).to_pylist(), *batch.price_table(table.slice(2)).to_pylist()]
    assert [row["clfs_amount"] is not None for row in out] == [True, False, True, False, True]
    for date, row in zip(dates, out, strict=True):
        try:
            single = pricer.price("80053", date_of_service=date)
        except RvucalcError as exc:
            assert row["error"] == str(exc)
            continue
        assert single.clfs is not None and row["clfs_amount"] == single.clfs.amount


def test_the_latest_clfs_effective_date_is_read_from_the_installed_files(pricer: Pricer) -> None:
    """What ``_schedule_quarter`` compares a date with: each installed CLFS release's latest EFF_DATE."""
    import datetime as dt

    batch = BatchPricer(pricer)
    found = {r.release: batch._latest_effective(r.release) for r in pricer.catalogue.releases("clfs")}
    for release in pricer.catalogue.releases("clfs"):
        dates = pricer.catalogue.store(release).columns("clfs", ["eff_date"])["eff_date"]
        assert found[release.release] == dt.date.fromisoformat(max(d for d in dates if d))
    assert found == {"2026-01": dt.date(2026, 1, 1), "2026-04": dt.date(2026, 4, 1)}


def test_a_drug_whose_year_has_no_asp_file_says_so_though_the_hospital_pays_it(pricer: Pricer) -> None:
    """J9271 in March 2025: the OPPS and ASC pay it, but no ASP file for 2025 is installed, so the office has no
    drug amount. The row says why (as the single lookup's drug part does), not only "No PFS payment"."""
    missing = (
        "ASP CY2025 not installed: rvucalc has no CMS ASP file for 2025. Add it with: rvucalc data refresh --from "
        "FILE (CMS's ASP drug payment limit file, downloaded from its page)."
    )
    single = pricer.price("J9271", zip_code="10001", date_of_service=dt.date(2025, 3, 2), units=100)
    assert single.drug is not None and single.drug.reason == missing and single.drug.amount is None
    assert any(site.payable for site in single.sites) and missing in single.notes
    row = _batch(pricer, [{"code": "J9271", "zip": "10001", "date": "2025-03-02", "units": "100"}])[0]
    assert row["drug_amount"] is None and row["hopd_allowed"] is not None and missing in str(row["note"])
    # and the schedule that pays the drug in the office, not the PFS's status E "reasonable-charge rules" (a trial)
    assert str(row["note"]).startswith(missing + "; Not paid under the PFS: paid from the Part B drug payment limits")
    assert "reasonable-charge" not in str(row["note"])


def test_a_dmepos_fee_the_file_leaves_at_zero_is_no_fee(pricer: Pricer) -> None:
    """CMS's DMEPOS file writes 0.00 where a state has no rural fee for an item (A4216 in CA): the result says none
    (the table prints "—"), never a $0.00 fee (--rural then uses the non-rural fee, saying so)."""
    store = pricer.catalogue.store(pricer.catalogue.newest("dmepos"))
    [item] = store.dmepos("A4216", "CA")
    non_rural, rural = item["fees"]["CA"]
    assert rural == 0 and non_rural > 0  # the file's own cells
    result = pricer.price("A4216", state="CA")
    assert result.dmepos is not None and result.dmepos.rural is None
    assert result.dmepos.non_rural == Decimal(non_rural).scaleb(-2)


def test_kj_on_a_power_wheelchair_pays_40_percent_in_price_and_batch(pricer: Pricer) -> None:
    """A power wheelchair's capped-rental months 4-13 (KJ) pay 6% of the purchase price against 15% in months 1-3:
    40% of the rental fee (K0823 in CA: 40% of $344.95 = $137.98), not the 75% of other capped rentals."""
    single = pricer.price("K0823-RR-KJ", state="CA")
    assert single.dmepos is not None and single.dmepos.non_rural == Decimal("344.95")
    assert single.dmepos.amount == Decimal("137.98")
    assert any("40% of the rental fee" in note for note in single.dmepos.notes)
    [out] = _batch(pricer, [{"code": "K0823-RR-KJ", "state": "CA"}])
    assert out["error"] == "" and Decimal(str(out["dmepos_amount"])) == Decimal("137.98")
    assert "40% of the rental fee" in str(out["note"])


@pytest.mark.parametrize(
    ("code", "category"),
    [("A4253-NU-KJ", "IN"), ("L3908-KJ", "PO"), ("E0114-NU-KJ", "IN"), ("E1390-RR-KJ", "OX"), ("B9002-RR-KJ", "PEN")],
)
def test_kj_is_refused_on_an_item_that_is_not_a_capped_rental(pricer: Pricer, code: str, category: str) -> None:
    """KJ (capped-rental months 4-13) cuts only rows of payment category CR; elsewhere price exits 1 with the reason
    and batch fails the row with the same words (a PEN pump's later months: not verifiable, refused too)."""
    with pytest.raises(RvucalcError) as caught:
        pricer.price(code, state="CA")
    assert caught.value.kind == ErrorKind.POLICY_REFUSED
    assert (category in str(caught.value)) if category != "PEN" else ("parenteral/enteral pump" in str(caught.value))
    result = runner.invoke(app, ["price", code, "--state", "CA"])
    assert result.exit_code == 1 and "KJ" in result.output
    [out] = _batch(pricer, [{"code": code, "state": "CA"}])
    assert str(caught.value) in str(out["error"]) and out["dmepos_amount"] is None


def test_rural_with_no_separate_rural_fee_uses_the_non_rural_fee_and_says_so(pricer: Pricer) -> None:
    """A rural column of 0 (E0114-RR in TX) means no separate rural fee: --rural prices the non-rural fee with a note
    saying why, where it used to refuse ("No rural DMEPOS fee ... ask for the non-rural fee instead")."""
    store = pricer.catalogue.store(pricer.catalogue.newest("dmepos"))
    [item] = [i for i in store.dmepos("E0114", "TX") if i["mod"] == "RR"]
    non_rural, rural = item["fees"]["TX"]
    assert rural == 0 and non_rural > 0
    result = pricer.price("E0114-RR", state="TX", rural=True)
    assert result.dmepos is not None and result.dmepos.payable
    assert result.dmepos.amount == Decimal(non_rural).scaleb(-2) and not result.dmepos.rural_used
    assert any("No separate rural DMEPOS fee for E0114 in TX" in note for note in result.dmepos.notes)
    cli = runner.invoke(app, ["price", "E0114-RR", "--state", "TX", "--rural"])
    assert cli.exit_code == 0 and "No separate rural DMEPOS fee" in " ".join(cli.output.split())


@pytest.mark.parametrize(
    ("code", "state", "note"),
    [
        ("81490-QW", None, "81490 has no QW row on the CLFS (not a CLIA-waived test): priced at its row without QW."),
        ("E0705-NU-KE", "CA", "E0705 has no KE row on the DMEPOS fee schedule: priced at its NU row without KE."),
    ],
)
def test_a_row_modifier_the_code_has_no_row_for_is_noted(pricer: Pricer, code: str, state: str | None,
                                                         note: str) -> None:  # fmt: skip
    """A modifier that selects CLFS or DMEPOS rows, on a code with no such row, is said to be ignored, in price and
    batch alike (81490 is no CLIA-waived test; E0705 has no KE row); a code that has the row gets no such note."""
    single = pricer.price(code, state=state)
    part = single.clfs or single.dmepos
    assert part is not None and note in part.notes
    [out, plain] = _batch(pricer, [{"code": code, "state": state or ""}, {"code": "87880-QW", "state": ""}])
    assert out["error"] == "" and note in str(out["note"])
    assert "no QW row" not in str(plain["note"])


def test_a_lab_code_a_later_quarter_adds_is_on_the_clfs_from_its_date(pricer: Pricer) -> None:
    """0614U is in the installed Q2 CLFS (EFF_DATE 2026-04-01, indicator L): on 2026-03-01 it is on the CLFS but not
    in force yet, said so in price and batch, never "not on the installed CLFS ... Did you mean 0614T?"."""
    said = (
        "0614U is on the CLFS from 2026-04-01 (2026-04 release), after the date of service: not in force on that date."
    )
    result = pricer.price("0614U", date_of_service=dt.date(2026, 3, 1))
    assert result.clfs is not None and not result.clfs.payable and result.clfs.reason == said
    cli = runner.invoke(app, ["price", "0614U", "--date", "2026-03-01"])
    assert cli.exit_code == 1 and "0614T" not in cli.output
    [out] = _batch(pricer, [{"code": "0614U", "date": "2026-03-01"}])
    assert said in str(out["note"]) and "0614T" not in str(out["note"]) + str(out["error"])  # as an L row's reason


def test_a_lab_whose_year_has_no_clfs_file_says_how_to_add_it() -> None:
    """85025 in March 2025: no CLFS for 2025 is installed; the message says how to add it, as `data status` does."""
    result = runner.invoke(app, ["price", "85025", "--date", "2025-03-01"])
    text = " ".join(result.output.split())
    assert result.exit_code == 1 and "CLFS CY2025 not installed" in text
    assert "Add it with: rvucalc data refresh --from FILE (CMS's Clinical Laboratory Fee Schedule file" in text


def _addendum_b_si(code: str) -> str:
    """The status indicator CMS's October 2025 Addendum B prints for ``code`` ("" when it does not list it)."""
    name = "508 version of October 2025 Web Addendum B.10.31.25.csv"
    path = Path(__file__).resolve().parents[1] / "data/opps/2025" / name
    with path.open(encoding="latin-1") as handle:
        return next((row[2].strip() for row in csv.reader(handle) if row and row[0] == code), "")


def _clfs_2026_lists(code: str) -> bool:
    path = Path(__file__).resolve().parents[1] / "data/clfs/2026"
    return any(f",{code}," in line for csv_file in path.rglob("*.csv") for line in csv_file.open(encoding="latin-1"))


def test_a_2025_pla_lab_no_installed_clfs_lists_says_the_2025_clfs_is_not_installed(pricer: Pricer) -> None:
    """0361U (SI Q4) and 0131U (SI A) in CMS's October 2025 Addendum B, on no 2026 CLFS: a lab test of 2025 paid from
    the CY2025 CLFS, not installed: "cannot be priced" (not_priced), as 0037U (on the 2026 CLFS) says, never "not
    payable ... the RVU file does not list it" (a lab's trial). 0079U, SI E1 (not covered), stays not payable."""
    day = dt.date(2025, 11, 3)
    for code, si in (("0361U", "Q4"), ("0131U", "A")):
        assert _addendum_b_si(code) == si and not _clfs_2026_lists(code)
        result = pricer.price(code, date_of_service=day, setting="81")
        assert result.clfs is not None and "CLFS CY2025 not installed" in str(result.clfs.reason)
        assert [site.status for site in result.sites] == ["not_priced"]
        [out] = _batch(pricer, [{"code": code, "date": "2025-11-03", "pos": "81", "zip": "37203"}])
        assert out["error"] == "" and "CLFS CY2025 not installed" in str(out["note"])
        cli = runner.invoke(app, ["price", code, "--date", "2025-11-03", "--setting", "81", "--zip", "37203"])
        assert cli.exit_code == 1 and "CLFS CY2025 not installed" in " ".join(cli.output.split())
    assert _addendum_b_si("0079U") == "E1"
    covered_not = pricer.price("0079U", date_of_service=day, setting="81")
    assert covered_not.clfs is None and [site.status for site in covered_not.sites] == ["not_payable"]


def test_a_lab_answer_has_no_deductible_note(pricer: Pricer) -> None:
    """A CLFS lab has no deductible (SSA §1833(b)(3)): its answer does not end with "exclude the CY2026 Part B
    deductible" right after "no coinsurance, no deductible"; a PFS service beside it keeps the note."""
    lab = pricer.price("80053")
    assert lab.paid_by == "clfs" and not any("Part B deductible" in note for note in lab.notes)
    cli = runner.invoke(app, ["price", "80053"])
    assert cli.exit_code == 0 and "Part B deductible" not in " ".join(cli.output.split())
    visit = pricer.price("99213", zip_code="94110")
    assert any("exclude the CY2026 Part B deductible" in note for note in visit.notes)


@pytest.mark.parametrize("code", ["J3490", "J3590", "J7599", "J9999"])
def test_a_not_otherwise_classified_drug_says_the_mac_prices_it(pricer: Pricer, code: str) -> None:
    """J3490, J3590, J7599 (descriptors "unclassified", "noc") and J9999 are NOC drugs, not on the ASP file: the
    office's reason is that the MAC prices them, not the PFS row's status E/X; batch's row says the same."""
    said = f"{code} is a not otherwise classified drug: not on the ASP file. The MAC prices it (by NDC/invoice"
    result = pricer.price(code)
    assert result.drug is None and said in str(result.sites[0].reason)
    cli = runner.invoke(app, ["price", code, "--setting", "office"])
    assert cli.exit_code == 1 and said in " ".join(cli.output.split())
    [out] = _batch(pricer, [{"code": code}])
    assert said in str(out["note"]) + str(out["error"])


@pytest.mark.parametrize("code", ["Q5009", "Q4431", "Q2039"])
def test_a_q_code_whose_descriptor_says_nos_is_no_noc_drug(pricer: Pricer, code: str) -> None:
    """A review: Q5009 (a hospice place of service, "nos"), Q4431 (a skin substitute, status C) and Q2039 were told
    they are NOC drugs to bill by NDC. Only J codes are read by descriptor."""
    from rvucalc.lookup.pricer import not_otherwise_classified_drug

    assert not_otherwise_classified_drug(code, "Hospice/home hlth, place nos") is None
    assert "not otherwise classified drug" not in str(pricer.price(code).sites[0].reason)


def test_a_batch_of_labs_alone_says_nothing_of_the_deductible(tmp_path: Path) -> None:
    """A review: a file of CLFS labs was told its patient amounts "exclude the CY2026 Part B deductible", which labs
    have none of (and `price 80053` no longer says); a file with a visit still is."""
    labs = runner.invoke(
        app, ["batch", "-", "-o", str(tmp_path / "o.csv")], input="code,date\n81490,2026-08-01\n80053,2026-08-01\n"
    )
    assert labs.exit_code == 0 and "Part B deductible" not in labs.stderr
    mixed = runner.invoke(
        app, ["batch", "-", "-o", str(tmp_path / "m.csv")], input="code,date\n81490,2026-08-01\n99213,2026-08-01\n"
    )
    assert "exclude the CY2026 Part B deductible" in mixed.stderr


def test_a_lab_drug_or_dme_line_carries_no_pfs_release_warning_and_a_line_no_other_lines_schedule() -> None:
    """On a date whose PFS release is not installed (2026-04-15: 2026B), a lab priced from the CLFS quarter in force
    is not "priced with 2026C ... amounts may differ" (a hook's batch sample counted 80053 as priced with another
    release); a drug's ASP quarter warning is the drug's line's, not the visit's beside it in the encounter."""
    pricer = Pricer()
    warning = "CMS's PFS release in force on 2026-04-15"
    lab = pricer.price("80053", date_of_service="2026-04-15")
    assert lab.paid_by == "clfs" and not any(warning in said for said in lab.warnings), lab.warnings
    encounter = pricer.price_encounter(["J9271", "99213"], date_of_service="2026-04-15", zip_code="10001")
    drug, visit = encounter.lines
    assert not any(warning in said for said in drug.warnings) and any("ASP" in said for said in drug.warnings)
    assert any(warning in said for said in visit.warnings) and not any("ASP" in said for said in visit.warnings)
    assert set(encounter.warnings) == {*drug.warnings, *visit.warnings}
    rows = [{"claim": "1", "code": code, "date": "2026-04-15", "zip": "10001", "setting": "11"}
            for code in ("80053", "J9271", "99213")]  # fmt: skip
    out = _batch(pricer, rows)
    assert [warning in str(row["note"]) for row in out] == [False, False, True]
    assert "ASP drug payment limit quarterly release" not in str(out[2]["note"])
    result = runner.invoke(app, ["price", "80053", "--date", "2026-04-15"])
    assert result.exit_code == 0 and warning not in result.output


@pytest.mark.parametrize(("modifier", "percent"), [("QE", 50), ("QA", 50), ("QG", 150), ("QR", 150)])
def test_oxygen_flow_modifiers_pay_their_share_of_the_stationary_oxygen_fee(
    pricer: Pricer, modifier: str, percent: int
) -> None:
    """42 CFR 414.226(e), ch. 20 §30.6.1: stationary oxygen prescribed under 1 LPM is paid 50% of the fee (QE, QA), over
    4 LPM without portable oxygen 150% (QG, QR); they were refused as unknown modifiers. The fee is the DMEPOS file's
    E1390 RR row for NY; price and batch alike, rounded once half-up."""
    store = pricer.catalogue.store(pricer.catalogue.newest("dmepos"))
    [item] = [i for i in store.dmepos("E1390", "NY") if i["mod"] == "RR" and not i["mod2"]]
    fee = item["fees"]["NY"][0]
    expected = Decimal((2 * fee * percent + 100) // 200).scaleb(-2)
    single = pricer.price(f"E1390-RR-{modifier}", state="NY")
    assert single.dmepos is not None and single.dmepos.amount == expected != Decimal(fee).scaleb(-2)
    assert any(f"{modifier} (stationary oxygen" in note and f"{percent}%" in note for note in single.dmepos.notes)
    [out] = _batch(pricer, [{"code": f"E1390-RR-{modifier}", "state": "NY"}])
    assert out["error"] == "" and Decimal(str(out["dmepos_amount"])) == expected


@pytest.mark.parametrize("code", ["E0431-RR-QG", "E1390-RR-QE-QG", "E1390-RR-QF-QG", "E1390-RR-QB-QE"])
def test_oxygen_flow_modifiers_are_refused_on_portable_oxygen_or_together(pricer: Pricer, code: str) -> None:
    """QE/QA/QG/QR adjust the stationary oxygen fee only (portable E0431 over 4 LPM is the file's QF/QB row), and one
    flow at a time: refused with the reason (exit 1), the batch row the same words."""
    with pytest.raises(RvucalcError) as caught:
        pricer.price(code, state="NY")
    assert "oxygen" in str(caught.value)
    result = runner.invoke(app, ["price", code, "--state", "NY"])
    assert result.exit_code == 1 and "oxygen" in result.output
    [out] = _batch(pricer, [{"code": code, "state": "NY"}])
    assert str(caught.value) in str(out["error"]) and out["dmepos_amount"] is None


@pytest.mark.parametrize(("code", "instead"), [("99417", "G2212"), ("99418", "G0316")])
def test_a_status_i_code_medicare_replaced_names_medicare_s_code(pricer: Pricer, code: str, instead: str) -> None:
    """99417 and 99418 are status I in the RVU file: Medicare pays prolonged services as G2212 (office) and G0316-G0318
    (other settings); the reason names them, in price and batch alike; another status I code is not given one."""
    result = pricer.price(code, zip_code="10001")
    reason = result.pfs.non_facility.reason
    assert result.pfs.status == "I" and reason is not None and f"Medicare pays it as {instead}" in reason
    [out] = _batch(pricer, [{"code": code, "zip": "10001"}])
    assert reason in str(out["note"]) or reason in str(out["error"])
    other = pricer.price("99358", zip_code="10001")
    assert other.pfs.status == "I" and "Medicare pays it as" not in str(other.pfs.non_facility.reason)


def test_a_lab_the_mac_prices_is_not_priced_never_not_payable(pricer: Pricer) -> None:
    """A review: a CLFS row with indicator L ("Priced locally by your Medicare contractor"; CMS's record layout: the
    "national or local pricing indicator") was "not payable", where the MAC prices the test (42 CFR 414.508(b)), as a
    contractor-priced PFS code is "not_priced". The shipped Q2 2026 CLFS lists 0526U with L and rate 00000.00: its
    office is not priced in price, an encounter with 99213 leaves it out, named (an encounter of it alone is not
    priced beside A4550, which the PFS bundles), `price 0526U` cannot price it (not
    "not payable"), and batch's row gives the same reason with no amount. A row before its EFF_DATE (0614U on
    2026-03-01) stays not payable."""
    import csv

    from rvucalc.lookup.schedules import CLFS_LOCAL_PRICING
    from rvucalc.models import NOT_PAYABLE, NOT_PRICED

    shipped = Path(__file__).parents[1] / "data" / "clfs" / "2026" / "PUF_CLFS_CY2026_Q2V1.csv"
    lines = shipped.read_text(encoding="latin-1").splitlines()
    header = next(n for n, line in enumerate(lines) if line.startswith("YEAR,HCPCS"))
    row = next(r for r in csv.DictReader(lines[header:]) if r["HCPCS"] == "0526U")
    assert (row["INDICATOR"], row["RATE"], row["EFF_DATE"]) == ("L", "00000.00", "20260101")
    day = {"zip_code": "75901", "date_of_service": "2026-05-04", "setting": "11"}
    office = pricer.price("0526U", **day).sites[0]  # type: ignore[arg-type]
    assert (office.status, office.payable, office.reason) == (NOT_PRICED, False, CLFS_LOCAL_PRICING)
    from rvucalc.engine.facility import OFFICE_PRICED_APART

    encounter = pricer.price_encounter(["99213", "0526U"], **day)  # type: ignore[arg-type]
    total = encounter.totals["office"]  # 0526U left out, named (as 81099, J3490: OFFICE_PRICED_APART)
    assert total.total == encounter.lines[0].sites[0].total and total.reason and OFFICE_PRICED_APART in total.reason
    assert f"0526U: {CLFS_LOCAL_PRICING.rstrip('.')}" in total.reason
    alone = pricer.price_encounter(["0526U", "A4550"], **day).totals["office"]  # type: ignore[arg-type]
    assert alone.status == NOT_PRICED
    cli = runner.invoke(app, ["price", "0526U", "--zip", "75901", "--date", "2026-05-04"])
    assert cli.exit_code == 1 and "0526U cannot be priced in any site" in cli.stderr
    assert "not payable" not in cli.stderr
    [out] = _batch(pricer, [{"code": "0526U", "zip": "75901", "date": "2026-05-04", "setting": "11"}])
    assert out["allowed"] is None and CLFS_LOCAL_PRICING in str(out["note"])
    early = pricer.price("0614U", date_of_service=dt.date(2026, 3, 1), zip_code="75901", setting="11").sites[0]
    assert early.status == NOT_PAYABLE


def test_drug_units_are_the_units_given_priced_or_not() -> None:
    """`price 29881-RT J1885 --units 1 --units 2 -f csv` wrote drug_units 1 for J1885 where no ASP file prices it (a
    year with none installed; a vaccine the installed file does not list): `drug.units` is the units given, the units
    drug_amount is (or would be) for, in CSV and JSON alike; priced, CMS's limit per billing unit x those units."""
    import csv
    import io
    import json

    asp = Path("/work/shared/cms/2026/asp_2026q1/section 508 version of January 2026 Medicare Part B Payment Limit "
               "File 121725.csv")  # fmt: skip
    with asp.open(newline="", encoding="latin-1") as handle:  # HCPCS, Short Description, Dosage, Payment Limit, ...
        limit = Decimal(next(row for row in csv.reader(handle) if row and row[0] == "J1885")[3])
    for year, amount in (("2026", str((limit * 2).quantize(Decimal("0.01")))), ("2025", "")):
        args = ["price", "29881-RT", "J1885", "--units", "1", "--units", "2", "--year", year]
        done = runner.invoke(app, [*args, "--format", "csv"])
        rows = {row["code"]: row for row in csv.DictReader(io.StringIO(done.stdout))}
        assert (rows["J1885"]["units"], rows["J1885"]["drug_units"], rows["J1885"]["drug_amount"]) == ("2", "2", amount)
        assert rows["29881"]["drug_units"] == ""  # no drug part
        [_, drug] = json.loads(runner.invoke(app, [*args, "--format", "json"]).stdout)["lines"]
        assert (drug["units"], drug["drug"]["units"]) == (2, 2), year
    vaccine = json.loads(runner.invoke(app, ["price", "90686", "--units", "3", "-f", "json"]).stdout)
    assert vaccine["drug"]["payable"] is False and vaccine["drug"]["units"] == 3  # the 2026 file lists no 90686
