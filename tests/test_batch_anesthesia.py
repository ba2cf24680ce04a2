"""Anesthesia inputs in batch: a minutes column is read on anesthesia codes only."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pyarrow as pa

from rvucalc.batch.lines import ANESTHESIA_CODE, MINUTES_NOT_READ
from rvucalc.batch.price import BatchPricer
from rvucalc.errors import RvucalcError
from rvucalc.lookup.pricer import Pricer


def test_the_anesthesia_codes_are_the_rvu_files_status_j_rows(pricer: Pricer) -> None:
    for release in pricer.catalogue.releases("pfs"):
        rows = list(pricer.store(release).rows("rvu"))
        assert {row["hcpcs"] for row in rows if row["status"] == "J"} == {
            row["hcpcs"] for row in rows if ANESTHESIA_CODE.fullmatch(row["hcpcs"])
        }, release.release


def test_minutes_on_other_codes_are_not_read_and_the_row_says_so(pricer: Pricer) -> None:
    """A therapy export's Minutes column failed every 97110 and 99213 row with "Anesthesia needs both base_units
    and minutes" (a trial): those minutes are therapy or visit time. An anesthesia row still needs both, and base
    units on another code are still refused, as `rvucalc price` refuses them."""
    lines = [("97110", "30", ""), ("99213", "20", ""), ("00400", "47", "3"), ("00400", "47", ""), ("99213", "20", "3")]
    table = pa.table({"code": [c for c, _, _ in lines], "minutes": [m for _, m, _ in lines],
                      "base_units": [b for _, _, b in lines], "zip": ["10001"] * len(lines)})  # fmt: skip
    out = BatchPricer(pricer).price_table(table).to_pylist()
    for row, code in zip(out[:2], ("97110", "99213"), strict=True):
        alone = pricer.price(code, zip_code="10001")
        assert row["error"] == "" and row["pfs_non_facility_amount"] == alone.pfs.non_facility.amount
        assert MINUTES_NOT_READ in row["note"]
    anesthesia = pricer.price("00400", zip_code="10001", base_units="3", minutes=47)
    assert (
        out[2]["pfs_non_facility_amount"] == anesthesia.pfs.non_facility.amount
        and MINUTES_NOT_READ not in out[2]["note"]
    )
    for row, options in ((out[3], {"minutes": 47}), (out[4], {"minutes": 20, "base_units": "3"})):
        code = "00400" if row is out[3] else "99213"
        try:
            pricer.price(code, zip_code="10001", **options)  # type: ignore[arg-type]
        except RvucalcError as exc:
            assert (row["error"], row["error_kind"]) == (str(exc), exc.kind.value)
        else:
            raise AssertionError(f"{code} {options} priced")


def test_rows_without_anesthesia_inputs_are_read_so_whatever_the_row_order(pricer: Pricer) -> None:
    """A review: with an anesthesia row first, the blank rows' inputs were not numbered 0 ("neither given"), so a
    99213 priced at a what-if CF went unlabelled (or took an anesthesia CF's label). Both orders: the same rows."""
    from rvucalc.batch.price import Scenario

    lines = [("00790", "7", "30"), ("99213", "", "")]
    for order in (lines, lines[::-1]):
        table = pa.table({"code": [c for c, _, _ in order], "base_units": [b for _, b, _ in order],
                          "minutes": [m for _, _, m in order], "zip": ["10001"] * 2})  # fmt: skip
        batch = BatchPricer(pricer, scenario=Scenario.parse(conversion_factor="40"))
        out = {code: row for (code, _, _), row in zip(order, batch.price_table(table).to_pylist(), strict=True)}
        assert out["99213"]["scenario"].startswith("what-if") and out["00790"]["scenario"] == ""
        single = pricer.price("99213", zip_code="10001", conversion_factor="40")
        assert out["99213"]["pfs_non_facility_amount"] == single.pfs.non_facility.amount


def test_base_units_are_plain_whole_digits_in_price_and_batch(pricer: Pricer) -> None:
    """A GI trial: base units '1e1', a full-width '４' and '3.5' were read as 10, 4 and 3.5, in `rvucalc price` and
    in a batch's base units column. They are refused as units are (plain digits), with the same words in both; '4'
    and ' 4 ' still price as 4."""
    from typer.testing import CliRunner

    from rvucalc.cli import app

    bad = ["1e1", "４", "3.5", "-1"]
    rows = len(bad) + 1
    table = pa.table({"code": ["00812"] * rows, "base_units": [*bad, " 4 "], "minutes": ["30"] * rows,
                      "zip": ["10001"] * rows})  # fmt: skip
    out = BatchPricer(pricer).price_table(table).to_pylist()
    for value, row in zip(bad, out, strict=False):
        try:
            pricer.price("00812", zip_code="10001", base_units=value, minutes=30)
        except RvucalcError as exc:
            assert "not a whole number of base units" in str(exc), value
            assert (row["error"], row["error_kind"]) == (str(exc), exc.kind.value), value
        else:
            raise AssertionError(f"base units {value!r} priced")
        cli = CliRunner().invoke(app, ["price", "00812", "--base-units", value, "--minutes", "30", "--zip", "10001"])
        assert cli.exit_code == 2 and f"--base-units {value!r} is not a whole number of base units" in cli.output
    four = pricer.price("00812", zip_code="10001", base_units="4", minutes=30)
    assert out[-1]["error"] == "" and out[-1]["pfs_non_facility_amount"] == four.pfs.non_facility.amount


def test_a_claim_exports_one_units_column_is_an_anesthesia_lines_minutes(pricer: Pricer, tmp_path: Path) -> None:
    """A trial's claim export had one Units column: 45 on 00811 (its minutes, as Medicare's claims report anesthesia
    time, ch. 12 §50.G), 2 on 64484. `--columns minutes=Units` took the column from the other lines (64484 priced one
    unit, $134.54 for $269.08, without a word) and `minutes=Units,units=Units` failed 00811 with bad_units. Every way
    of reading the file now prices 00811 as `price --minutes 45` and 64484 as 2 units, and says so; a file with its
    own minutes column is read as before."""
    from rvucalc.batch.files import run_batch
    from rvucalc.batch.lines import UNITS_AS_MINUTES

    source = tmp_path / "claims.csv"
    source.write_text("Claim ID,DOS,CPT Code,Mod 1,Units,POS,ZIP,Base Units\n"
                      "C1,2025-06-02,64483,RT,1,11,10001,\n"
                      "C1,2025-06-02,64484,RT,2,11,10001,\n"
                      "C2,2025-06-02,00811,QZ,45,11,10001,4\n")  # fmt: skip
    anesthesia = pricer.price("00811-QZ", zip_code="10001", base_units="4", minutes=45, date_of_service="2025-06-02")
    add_on = pricer.price_encounter(
        ["64483-RT", "64484-RT"], units=[1, 2], zip_code="10001", date_of_service="2025-06-02"
    )
    for overrides in ({"minutes": "Units"}, {"minutes": "Units", "units": "Units"}, None):
        said: list[str] = []
        target = tmp_path / "out.csv"
        run_batch(pricer, str(source), str(target), columns=overrides, report=said.append)
        out = list(csv.DictReader(target.open()))
        assert [row["error"] for row in out] == ["", "", ""], overrides
        assert Decimal(out[1]["office_allowed"]) == add_on.lines[1].sites[0].allowed, overrides
        assert Decimal(out[2]["office_allowed"]) == anesthesia.pfs.non_facility.amount, overrides
        assert UNITS_AS_MINUTES in out[2]["note"] and UNITS_AS_MINUTES not in out[1]["note"], overrides
        assert MINUTES_NOT_READ not in out[0]["note"] + out[1]["note"], overrides
        assert sum("is read as its minutes" in line for line in said) == 1, (overrides, said)
    own = tmp_path / "own.csv"
    own.write_text("code,units,minutes,base_units,zip,date\n00811-QZ,1,45,4,10001,2025-06-02\n")
    run_batch(pricer, str(own), str(tmp_path / "own_out.csv"))
    row = next(csv.DictReader((tmp_path / "own_out.csv").open()))
    assert Decimal(row["pfs_non_facility_amount"]) == anesthesia.pfs.non_facility.amount
    assert UNITS_AS_MINUTES not in row["note"]


def test_anesthesia_at_an_asc_is_the_practitioners_pfs_amount_price_and_batch(pricer: Pricer, tmp_path: Path) -> None:
    """A trial: at POS 24, 00142-QK left allowed blank and counted "unpriced" ("not on the ASC covered procedures
    list"; 01402 "excluded from payment in ASCs"), while at POS 22 the OPPS's SI N paid the anesthesiologist. The
    anesthesia practitioner is paid the anesthesia fee schedule amount whatever the site (42 CFR 414.46); the ASC is
    paid nothing for the code (its anesthesia materials are in the procedure's payment, 42 CFR 416.164(a)(13)).
    The ASC site is $0.00 + the PFS amount, in `price` and in batch (allowed, asc_allowed, professional_allowed, the
    site totals), beside a procedure too."""
    from rvucalc.batch.files import run_batch
    from rvucalc.engine.facility import ANESTHESIA_AT_ASC

    result = pricer.price("00142-QK", zip_code="10001", base_units="4", minutes=22, date_of_service="2025-11-14",
                          setting="asc")  # fmt: skip
    store = pricer.store(next(r for r in pricer.catalogue.releases("pfs") if r.release == result.release))
    cf = Decimal(store.anesthesia_cf(result.location.locality)["anes_cf"]).scaleb(-2)
    fee = ((Decimal(4) + Decimal("1.5")) * cf / 2).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")  # QK: 50%
    (asc,) = result.sites
    assert (asc.payable, asc.facility_payment, asc.professional_payment, asc.allowed) == (True, 0, fee, fee)
    assert ANESTHESIA_AT_ASC.format(code="00142") in result.asc.notes
    source = tmp_path / "claims.csv"
    source.write_text("claim,date,code,modifier,minutes,base_units,pos,zip\n"
                      "C1,2025-11-14,00142,QK,22,4,24,10001\n"
                      "C2,2025-11-14,66984,RT,,,24,10001\n"
                      "C2,2025-11-14,00142,QK,22,4,24,10001\n")  # fmt: skip
    run_batch(
        pricer, str(source), str(tmp_path / "out.csv"), per_claim=True, summary_target=str(tmp_path / "summary.json")
    )
    out = list(csv.DictReader((tmp_path / "out.csv").open()))
    assert all(row["error"] == "" for row in out)
    for row in (out[0], out[2]):
        assert [Decimal(row[name]) for name in ("asc_rate", "asc_allowed", "allowed", "professional_allowed")] == [
            0, fee, fee, fee]  # fmt: skip
        assert ANESTHESIA_AT_ASC.format(code="00142") in row["note"]
    encounter = pricer.price_encounter(["66984-RT", "00142-QK"], base_units=[None, "4"], minutes=[None, 22],
                                       zip_code="10001", date_of_service="2025-11-14", setting="asc")  # fmt: skip
    surgery = Decimal(out[1]["allowed"])
    assert encounter.totals["asc"].allowed == surgery + fee
    totals = json.loads((tmp_path / "summary.json").read_text())["claims"]
    assert totals["C1"]["unpriced"] == 0 and totals["C2"]["unpriced"] == 0
    assert Decimal(totals["C2"]["allowed"]) == encounter.totals["asc"].allowed


def test_an_asc_rows_opps_encounter_note_reads_as_the_hospital_comparisons(pricer: Pricer, tmp_path: Path) -> None:
    """A trial: a POS 24 anesthesia line (the ASC paid $0.00, the practitioner the PFS amount) carried "Claim
    encounter (OPPS): Packaged into the comprehensive APC ...", read as what happened to the line at the ASC. The
    note is the hopd_* comparison columns' (filled on every row): at the ASC it says so; at POS 22 it is as before,
    and its rule is the single lookup's hospital note on that line."""
    from rvucalc.batch.claims import OPPS_ELSEWHERE, OPPS_PREFIX
    from rvucalc.batch.files import run_batch

    source = tmp_path / "claims.csv"
    source.write_text("claim,date,code,modifier,minutes,base_units,pos,zip\n"
                      "C1,2025-11-14,66984,RT,,,24,10001\n"
                      "C1,2025-11-14,00142,QK,22,4,24,10001\n"
                      "C2,2025-11-14,66984,RT,,,22,10001\n"
                      "C2,2025-11-14,00142,QK,22,4,22,10001\n")  # fmt: skip
    run_batch(pricer, str(source), str(tmp_path / "out.csv"))
    out = list(csv.DictReader((tmp_path / "out.csv").open()))
    encounter = pricer.price_encounter(["66984-RT", "00142-QK"], base_units=[None, "4"], minutes=[None, 22],
                                       zip_code="10001", date_of_service="2025-11-14")  # fmt: skip
    opps = encounter.lines[1].opps
    assert opps is not None
    (packaged,) = [step.rule for step in opps.adjustments]  # "Packaged into the comprehensive APC 5491 ..."
    assert out[1]["opps_rate"] == out[3]["opps_rate"] == "0.00"
    assert OPPS_ELSEWHERE + packaged in out[1]["comparison_note"].split("; ") and OPPS_PREFIX not in out[1]["note"]
    assert OPPS_PREFIX + packaged in out[3]["note"].split("; ") and OPPS_ELSEWHERE not in out[3]["note"]
    # the J1 line's own at POS 24
    assert OPPS_PREFIX not in out[0]["note"] and OPPS_ELSEWHERE in out[0]["comparison_note"]


def test_multiple_anesthesia_procedures_are_paid_on_the_highest_base_units_with_all_the_time(
    pricer: Pricer, tmp_path: Path
) -> None:
    """Claims Processing Manual ch. 12 §50: "Payment is determined based on the base unit of the anesthesia procedure
    with the highest base unit value and time units based on the actual anesthesia time of the multiple procedures."
    README's `price 00811 00812 --base-units 4 --base-units 3 --minutes 38 --minutes 30` paid both lines, $148.27 +
    $114.05. Now 00811 is paid (4 + 68/15 = 4.5) units and 00812 $0.00, in price and in a batch claim alike; a QK
    line and the QX line of the CRNA it directs stay two practitioners' payments."""
    from rvucalc.batch.files import run_batch
    from rvucalc.engine.anesthesia import secondary_rule

    encounter = pricer.price_encounter(["00811", "00812"], base_units=["4", "3"], minutes=[38, 30], zip_code="10001",
                                       date_of_service="2026-01-20")  # fmt: skip
    store = pricer.store(next(r for r in pricer.catalogue.releases("pfs") if r.release == encounter.release))
    cf = Decimal(store.anesthesia_cf("1320201")["anes_cf"]).scaleb(-2)
    fee = ((Decimal(4) + Decimal("4.5")) * cf).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    first, second = encounter.lines
    assert (first.pfs.non_facility.amount, second.pfs.non_facility.amount) == (fee, 0)
    assert secondary_rule("00811") in second.notes
    source = tmp_path / "claims.csv"
    source.write_text("claim,date,code,modifier,minutes,base_units,pos,zip\n"
                      "C1,2026-01-20,00812,,30,3,11,10001\n"
                      "C1,2026-01-20,00811,,38,4,11,10001\n"
                      "C2,2026-01-20,00142,QK,22,4,11,10001\n"
                      "C2,2026-01-20,00142,QX,22,4,11,10001\n")  # fmt: skip
    run_batch(pricer, str(source), str(tmp_path / "out.csv"))
    out = list(csv.DictReader((tmp_path / "out.csv").open()))
    assert [Decimal(row["allowed"]) for row in out[:2]] == [0, fee]
    assert secondary_rule("00811") in out[0]["note"]
    directed = pricer.price("00142-QK", zip_code="10001", base_units="4", minutes=22, date_of_service="2026-01-20")
    assert [Decimal(row["allowed"]) for row in out[2:]] == [directed.pfs.non_facility.amount] * 2


def test_an_anesthesia_line_without_its_inputs_is_one_error_with_the_hint_in_price_and_batch(pricer: Pricer) -> None:
    """An anesthesia group's trial: a batch row with base units and no minutes was an error that did not say a
    claim's units are the minutes; a row with neither was a note (blank amounts, no error); both said base units are
    "not in CMS's files" (CMS publishes them). Each is now the same missing_input error, in batch and `price`, with
    the hint; and `rvucalc modifiers` states the anesthesia modifiers' percentages."""
    from typer.testing import CliRunner

    from rvucalc.cli import app

    table = pa.table({"code": ["00400", "00400", "00400"], "base_units": ["", "3", ""], "minutes": ["", "", "30"],
                      "zip": ["10001"] * 3})  # fmt: skip
    out = BatchPricer(pricer).price_table(table).to_pylist()
    for row, options in zip(out, ({}, {"base_units": "3"}, {"minutes": 30}), strict=True):
        try:
            pricer.price("00400", zip_code="10001", **options)  # type: ignore[arg-type]
        except RvucalcError as exc:
            assert (row["error"], row["error_kind"]) == (str(exc), exc.kind.value) == (row["error"], "missing_input")
        else:
            raise AssertionError(f"00400 {options} priced")
        assert "minutes=Units" in row["error"] and "not in the files rvucalc ships" in row["error"]
        assert "not in CMS's files" not in row["error"]
    shown = CliRunner().invoke(app, ["modifiers", "AA", "QK", "QX", "QY", "QZ", "-f", "json"])
    effects = {entry["modifier"]: entry["payment"] for entry in json.loads(shown.stdout)["modifiers"]}
    assert {code: effects[code].split(" of ")[0] for code in effects} == {
        "AA": "pays 100%", "QZ": "pays 100%", "QK": "pays 50%", "QX": "pays 50%", "QY": "pays 50%"}  # fmt: skip


def test_a_separate_anesthetic_marked_59_or_xe_is_paid_on_its_own_in_price_and_batch(
    pricer: Pricer, tmp_path: Path
) -> None:
    """An anesthesia group's trial: 00790-AA (7 base units, 95 minutes) and 00840-AA-59 (6, 80) of two anesthetics
    the same day were paid $394.76 and $0.00, as one session of 175 minutes. Ch. 12 §50 combines the procedures of
    one anesthetic (its time is one continuous period, 42 CFR 414.46(a)(3)); a line marked 59 or XE is another
    anesthetic: each is paid its own (base units + time units) x the locality's anesthesia CF, in price and batch."""
    from rvucalc.batch.files import run_batch
    from rvucalc.engine.anesthesia import separate_note

    encounter = pricer.price_encounter(["00790-AA", "00840-AA-59"], base_units=["7", "6"], minutes=[95, 80],
                                       zip_code="77030", date_of_service="2026-08-03", setting="21")  # fmt: skip
    store = pricer.store(next(r for r in pricer.catalogue.releases("pfs") if r.release == encounter.release))
    cf = Decimal(store.anesthesia_cf("0441218")["anes_cf"]).scaleb(-2)
    first = ((Decimal(7) + Decimal("6.3")) * cf).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    second = ((Decimal(6) + Decimal("5.3")) * cf).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    assert [line.pfs.facility.amount for line in encounter.lines] == [first, second]
    assert separate_note("00840", ["AA", "59"]) in encounter.lines[1].notes
    assert not any(note.startswith("Multiple anesthesia") for line in encounter.lines for note in line.notes)
    source = tmp_path / "claims.csv"
    source.write_text("Claim ID,DOS,CPT Code,Modifier,Anesthesia Minutes,Base Units,POS,Service Facility ZIP\n"
                      "S1,2026-08-03,00790,AA,95,7,21,77030\n"
                      "S1,2026-08-03,00840,AA XE,80,6,21,77030\n"
                      "S2,2026-08-03,00790,AA,95,7,21,77030\n"
                      "S2,2026-08-03,00840,AA,80,6,21,77030\n")  # fmt: skip
    run_batch(pricer, str(source), str(tmp_path / "out.csv"))
    out = list(csv.DictReader((tmp_path / "out.csv").open()))
    assert [Decimal(row["pfs_facility_amount"]) for row in out[:2]] == [first, second]
    assert separate_note("00840", ["AA", "XE"]) in out[1]["note"] and "informational" not in out[1]["note"]
    # Without the modifier, one anesthetic: the session's rule, as before.
    session = ((Decimal(7) + Decimal("11.7")) * cf).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    assert [Decimal(row["pfs_facility_amount"]) for row in out[2:]] == [session, 0]


def test_a_crna_s_lines_have_no_limiting_charge_and_are_read_by_credential_in_price_and_batch(
    pricer: Pricer, tmp_path: Path
) -> None:
    """An anesthesia group's trial: QZ and QX lines (and 'NGUYEN, LISA CRNA' rows) showed a limiting charge. A CRNA
    or anesthesiologist assistant must accept assignment (Claims Processing Manual ch. 1 §30.3.1): no limiting
    charge, the reason said; the amount is the anesthesia fee at the modifier's share (QZ 100%, QX 50%), never an
    NPP's 85%. 'CRNA' and a name with it are read as the CRNA; 'MD, PHD' as a physician (the limiting charge kept)."""
    from rvucalc.batch.files import run_batch
    from rvucalc.lookup.lines import CRNA_ASSIGNMENT_NOTE

    store = pricer.store(next(r for r in pricer.catalogue.releases("pfs") if r.release == "2026C"))
    cf = Decimal(store.anesthesia_cf("0441218")["anes_cf"]).scaleb(-2)
    full = ((Decimal(7) + Decimal("6.3")) * cf).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    half = ((Decimal(7) + Decimal("6.3")) * cf / 2).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    for line, amount in (("00790-QZ", full), ("00790-QX", half)):
        single = pricer.price(line, base_units="7", minutes=95, zip_code="77030", date_of_service="2026-08-03")
        assert (single.pfs.facility.amount, single.pfs.facility.limiting_charge) == (amount, None)
        assert CRNA_ASSIGNMENT_NOTE in single.notes
    # A CRNA's non-anesthesia line (--provider crna): the PFS amount in full, on assignment.
    block = pricer.price("64447", zip_code="77030", date_of_service="2026-08-03", provider="crna")
    physician = pricer.price("64447", zip_code="77030", date_of_service="2026-08-03")
    assert block.pfs.facility.amount == physician.pfs.facility.amount
    assert (block.pfs.facility.limiting_charge, CRNA_ASSIGNMENT_NOTE in block.notes) == (None, True)
    assert physician.pfs.facility.limiting_charge is not None
    source = tmp_path / "cases.csv"
    source.write_text('Claim ID,DOS,CPT Code,Modifier,Anesthesia Minutes,Base Units,Rendering Provider,POS,ZIP\n'
                      'C1,2026-08-03,00790,QZ,95,7,"NGUYEN, LISA CRNA",21,77030\n'
                      'C2,2026-08-03,00790,QX,95,7,CRNA,21,77030\n'
                      'C3,2026-08-03,64447,,,,"NGUYEN, LISA CRNA",21,77030\n'
                      'C4,2026-08-03,00790,AA,95,7,"SMITH, JO MD, PHD",21,77030\n')  # fmt: skip
    run_batch(pricer, str(source), str(tmp_path / "out.csv"), columns={"provider": "Rendering Provider"})
    out = list(csv.DictReader((tmp_path / "out.csv").open()))
    assert [Decimal(row["pfs_facility_amount"]) for row in out] == [full, half, physician.pfs.facility.amount, full]
    assert [row["pfs_facility_limiting_charge"] for row in out[:3]] == ["", "", ""]
    assert all(CRNA_ASSIGNMENT_NOTE in row["note"] and "not read" not in row["note"] for row in out[:3])
    assert Decimal(out[3]["pfs_facility_limiting_charge"]) > full and "not read" not in out[3]["note"]


def test_price_csv_and_batch_show_the_anesthesia_units_and_cf(pricer: Pricer, tmp_path: Path) -> None:
    """An anesthesia group's trial: `price 00811-QK ... --format csv` had no base or time units and its
    conversion_factor was the PFS CF, not the anesthesia CF that priced it; batch had neither. Both now end with
    anesthesia_base_units, anesthesia_time_units and anesthesia_conversion_factor (CMS's ANES file's CF), the columns
    before them kept; AD's are its 3 base units and no time."""
    from typer.testing import CliRunner

    from rvucalc.batch.files import run_batch
    from rvucalc.cli import app

    store = pricer.store(next(r for r in pricer.catalogue.releases("pfs") if r.release == "2026C"))
    cf = str(Decimal(store.anesthesia_cf("1320201")["anes_cf"]).scaleb(-2))
    shown = CliRunner().invoke(app, ["price", "00811-QK", "--base-units", "4", "--minutes", "38", "--zip", "10001",
                                     "--date", "2026-08-03", "--format", "csv"])  # fmt: skip
    [row] = list(csv.DictReader(shown.stdout.splitlines()))
    assert (row["anesthesia_base_units"], row["anesthesia_time_units"], row["anesthesia_conversion_factor"]) == (
        "4", "2.5", cf)  # fmt: skip
    assert row["conversion_factor"] == "33.4009"  # the RVU file's PFS CF, as before (JSON's pfs.conversion_factor)
    # After the older columns; only the sites' facility/professional parts and the physician's claim's shares, added
    # later, follow them.
    parts = [f"site_{site}_{part}" for site in ("office", "hopd", "asc")
             for part in ("facility_payment", "professional_payment")]  # fmt: skip
    anesthesia = ["anesthesia_base_units", "anesthesia_minutes", "anesthesia_time_units",
                  "anesthesia_conversion_factor", "anesthesia_conversion_factor_source"]  # fmt: skip
    shares = [f"site_{site}_professional_{part}" for site in ("office", "hopd", "asc")
              for part in ("beneficiary", "medicare")]  # fmt: skip
    assert list(row)[-17:] == [*anesthesia, *parts, *shares]
    source = tmp_path / "claims.csv"
    source.write_text("claim,date,code,modifier,minutes,base_units,pos,zip\n"
                      "C1,2026-08-03,00811,QK,38,4,22,10001\n"
                      "C2,2026-08-03,00840,AD,180,6,22,10001\n"
                      "C3,2026-08-03,99213,,,,11,10001\n")  # fmt: skip
    run_batch(pricer, str(source), str(tmp_path / "out.csv"))
    out = list(csv.DictReader((tmp_path / "out.csv").open()))
    said = [(r["anesthesia_base_units"], r["anesthesia_time_units"], r["anesthesia_conversion_factor"]) for r in out]
    assert said == [("4", "2.5", cf), ("3", "0.0", cf), ("", "", "")]
    # the anesthesia columns end the columns they extended; in_totals (a later extension) follows them
    assert list(out[0])[-4:] == [
        "anesthesia_base_units",
        "anesthesia_time_units",
        "anesthesia_conversion_factor",
        "in_totals",
    ]


def test_anesthesia_at_a_hospital_without_the_years_addendum_b_is_packaged_as_2025s_si_n(
    pricer: Pricer, tmp_path: Path
) -> None:
    """A trial: in 2026 (no CY2026 Addendum B installed) 00142-QK, 00731 and 01402 at POS 22 left allowed blank, out
    of the totals, "OPPS CY2026 rates not installed ... add Addendum B", though the hospital is never paid separately
    for an anesthesia code (42 CFR 419.2(b)(4); CMS's 2025 Addenda B list each SI N, an inpatient-only procedure's SI
    C). The 2026 line is now what 2025's SI N row is: the hospital $0.00, the site's total the practitioner's PFS
    facility amount, which is the anesthesia fee from CMS's ANES2026 CF; an SI C code stays not priced. Price and
    batch alike."""
    from rvucalc.batch.files import run_batch
    from rvucalc.engine.facility import ANESTHESIA_AT_HOPD
    from rvucalc.engine.pfs import is_anesthesia_code
    from rvucalc.lookup.pricer import prior_opps
    from rvucalc.models import NOT_PRICED
    from test_anesthesia_compare_and_localities import MANHATTAN, amount, cms_anesthesia_cfs

    # CMS's 2025 Addenda B, every installed quarter: each anesthesia code SI N, or (inpatient only) SI C.
    releases = [release for release in pricer.catalogue.releases("opps") if release.year == 2025]
    assert releases and not [release for release in pricer.catalogue.releases("opps") if release.year == 2026]
    for release in releases:
        sis = {
            row["hcpcs"]: row["si"] for row in pricer.store(release).rows("opps") if is_anesthesia_code(row["hcpcs"])
        }
        assert set(sis.values()) == {"N", "C"} and "00142" in sis, release.release
    prior = prior_opps(pricer.catalogue, 2026)
    assert prior is not None
    si = {row["hcpcs"]: row["si"] for row in pricer.store(prior).rows("opps") if is_anesthesia_code(row["hcpcs"])}
    inpatient_only = min(code for code, value in si.items() if value == "C")
    cf = cms_anesthesia_cfs(2026)[1][MANHATTAN]  # CMS's ANES2026, non-QP, Manhattan
    base, minutes = 4, 30  # 2.0 time units
    options = {"zip_code": "10001", "base_units": str(base), "minutes": minutes, "setting": "hopd"}

    def shape(result):  # type: ignore[no-untyped-def]
        (site,) = result.sites
        return (result.opps.payable, result.opps.rate, result.opps.copayment, site.payable, site.facility_payment,
                site.allowed == site.professional_payment == result.pfs.facility.amount)  # fmt: skip

    fees = {}
    for code in ("00142", "00731", "01402"):
        assert si[code] == "N"
        then = pricer.price(f"{code}-AA", date_of_service="2025-11-14", **options)  # type: ignore[arg-type]
        now = pricer.price(f"{code}-AA", date_of_service="2026-03-02", **options)  # type: ignore[arg-type]
        assert then.opps.status_indicator == "N" and then.opps.installed and not now.opps.installed
        assert now.opps.release == prior.release  # the Addendum B that says so (its file among the sources)
        assert shape(then) == shape(now) == (True, 0, 0, True, 0, True)
        fees[code] = amount(base, minutes, cf)
        assert now.sites[0].allowed == fees[code]
        assert now.opps.notes == [ANESTHESIA_AT_HOPD.format(code=code, prior=prior.release, year=2026)]
        assert "Addendum B is not installed" in now.opps.notes[0] and "419.2(b)(4)" in now.opps.notes[0]
    trial = pricer.price("00142-QK", date_of_service="2026-03-02", **options)  # type: ignore[arg-type]
    qk = ((base + 2) * cf / 2).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")  # QK: 50%
    assert trial.sites[0].allowed == qk
    c_line = pricer.price(f"{inpatient_only}-AA", date_of_service="2026-03-02", **options)  # type: ignore[arg-type]
    assert not c_line.opps.payable and c_line.sites[0].status == NOT_PRICED  # SI C: 2026's file decides

    source = tmp_path / "claims.csv"
    source.write_text("claim,date,code,modifier,minutes,base_units,pos,zip\n"
                      f"C1,2026-03-02,00142,QK,{minutes},{base},22,10001\n"
                      f"C2,2026-03-02,00731,AA,{minutes},{base},19,10001\n"
                      f"C3,2026-03-02,01402,AA,{minutes},{base},22,10001\n"
                      f"C4,2026-03-02,{inpatient_only},AA,{minutes},{base},22,10001\n")  # fmt: skip
    run_batch(
        pricer, str(source), str(tmp_path / "out.csv"), per_claim=True, summary_target=str(tmp_path / "summary.json")
    )
    out = list(csv.DictReader((tmp_path / "out.csv").open()))
    assert all(row["error"] == "" for row in out)
    for row, code, fee in zip(out, ("00142", "00731", "01402"), (qk, fees["00731"], fees["01402"]), strict=False):
        assert [Decimal(row[name]) for name in ("opps_rate", "hopd_allowed", "allowed", "professional_allowed")] == [
            0, fee, fee, fee]  # fmt: skip
        assert row["in_totals"] == "true" and row["opps_release"] == prior.release
        assert ANESTHESIA_AT_HOPD.format(code=code, prior=prior.release, year=2026) in row["note"]
    assert out[3]["allowed"] == "" and out[3]["in_totals"] == "false"  # the SI C code: not priced, as before
    totals = json.loads((tmp_path / "summary.json").read_text())["claims"]
    assert [totals[claim]["unpriced"] for claim in ("C1", "C2", "C3", "C4")] == [0, 0, 0, 1]
