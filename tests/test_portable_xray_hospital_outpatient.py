"""A review's `price Q0092 71045-TC 71045-26 --setting 22 --zip 85701 --date 2025-07-07`: Q0092 (portable X-ray
set-up) was paid its PFS facility amount ($25.19) at the hospital outpatient department, beside 71045-TC not paid to
the supplier there; batch the same (a type of bill 131 row's allowed $25.19, its stderr summary $0.00). A hospital
outpatient's portable X-ray set-up and transport (Q0092, R0070, R0075), like the test's technical component, are the
hospital's: Part B does not pay for a service furnished to a hospital outpatient during an encounter by an entity other
than the hospital but under arrangements with it (42 CFR 410.42(a)); carriers may not pay the TC of radiology services
furnished to hospital patients (Claims Processing Manual ch. 13 §20.2), the set-up and transport being part of it (ch.
13 §90.5, NOTE). The hospital's own line: Q0092 SI N (packaged), R0070 and R0075 SI B (CMS's Addendum B). So at POS 19,
22, 23, --setting hopd and a type of bill 13x the hospital site is its OPPS amount alone (Q0092's $0.00), the PFS
facility amount not included, as 71045-TC's there; the office amount (CMS's) kept. Price and batch alike. The amounts
are CMS's (RVU file October 2025, the 2025 GPCIs, October 2025 Addendum B, all shipped)."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import TESTS
from rvucalc.cli import app
from rvucalc.engine.facility import packaged_note
from rvucalc.engine.modifiers import portable_xray_not_payable_reason, portable_xray_place

runner = CliRunner()
SHIPPED = TESTS.parent / "data"
ZIP, DATE = "85712", "2025-10-15"  # Tucson, Arizona (MAC 03102, locality 00)
OUTPATIENT_WORDS = "a hospital outpatient's portable X-ray set-up and transportation"
PLACES = ("19", "22", "23", "hopd", "131")


@cache
def _rvu_row(code: str, modifier: str = "") -> list[str]:
    with open(SHIPPED / "rvu" / "2025" / "PPRRVU2025_Oct.csv", newline="", encoding="latin-1") as handle:
        return next(row for row in csv.reader(handle) if row and row[0] == code and row[1] == modifier)


def _cms_fee(code: str, modifier: str = "", *, facility: bool) -> Decimal:
    """CMS's PFS amount in Tucson: the October 2025 RVU row's work, PE and MP RVUs times Arizona's 2025 GPCIs (Addendum
    E) times its conversion factor, rounded once half-up."""
    row = _rvu_row(code, modifier)
    with open(SHIPPED / "gpci" / "2025" / "GPCI2025.csv", newline="", encoding="latin-1") as handle:
        place = next(line for line in csv.reader(handle) if line[:3] == ["03102", "AZ", "00"])
    rvus = (Decimal(row[5]) * Decimal(place[4]) + Decimal(row[8] if facility else row[6]) * Decimal(place[5])
            + Decimal(row[10]) * Decimal(place[6]))  # fmt: skip
    return (rvus * Decimal(row[24])).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _status_indicator(code: str) -> str:
    (path,) = (SHIPPED / "opps" / "2025").glob("*October 2025 Web Addendum B*.csv")
    with open(path, newline="", encoding="latin-1") as handle:
        return next(row[2] for row in csv.reader(handle) if row and row[0] == code)


def _price(*args: str) -> tuple[int, dict | None, str]:  # type: ignore[type-arg]
    done = runner.invoke(app, ["price", *args, "--zip", ZIP, "--date", DATE, "--format", "json"])
    return done.exit_code, json.loads(done.stdout) if done.stdout.strip() else None, " ".join(done.stderr.split())


def test_cms_gives_q0092_a_facility_amount_and_the_hospital_packages_it() -> None:
    """The quirk: CMS's RVU row has a facility amount (status A, PC/TC 3, no NA mark), which rvucalc paid at the
    hospital; the hospital's own line is packaged (SI N), the transport not paid under the OPPS (SI B)."""
    row = _rvu_row("Q0092")
    assert row[3] == "A" and row[13] == "3" and row[9] == "" and _cms_fee("Q0092", facility=True) > 0
    assert _rvu_row("71045", "TC")[9] == "NA"  # the TC beside it: no facility amount
    assert [_status_indicator(code) for code in ("Q0092", "R0070", "R0075")] == ["N", "B", "B"]


def test_the_reason_at_each_outpatient_place() -> None:
    for pos, name in (("19", "Off campus-outpatient hospital"), ("22", "On campus-outpatient hospital"),
                      ("23", "Emergency room - hospital")):  # fmt: skip
        for code in ("Q0092", "R0070", "R0075"):
            said = portable_xray_not_payable_reason(code, portable_xray_place(pos, "hopd"))
            assert said is not None and said.startswith(f"Not payable at POS {pos} ({name}): ")
            assert OUTPATIENT_WORDS in said and "410.42(a)" in said and "; " not in said  # batch joins with "; "
    said = portable_xray_not_payable_reason("Q0092", portable_xray_place(None, "hopd"))  # hopd, a type of bill 13x
    assert said is not None and said.startswith("Not payable at the hospital outpatient department: ")
    assert [portable_xray_place(pos, site) for pos, site in (("11", "office"), (None, "asc"), (None, None))] == [
        "11",
        "asc",  # the ASC's: test_q0092_at_the_asc_or_beside_it_is_the_asc_s_packaged_line_alone
        None,
    ]
    assert portable_xray_not_payable_reason("71045", "22") is None


@pytest.mark.parametrize("setting", PLACES)
def test_q0092_at_the_hospital_is_its_packaged_line_alone(setting: str) -> None:
    code, encounter, stderr = _price("Q0092", "71045-TC", "71045-26", "--setting", setting)
    assert code == 0 and encounter is not None, stderr
    set_up, tc, pc = encounter["lines"]
    (site,) = set_up["sites"]
    assert site["setting"] == "hopd" and site["payable"] and site["professional_payment"] is None
    assert Decimal(str(site["total"])) == Decimal(str(site["facility_payment"])) == 0  # SI N: packaged
    assert site["reason"].startswith("Professional fee not included: Not payable at ") and OUTPATIENT_WORDS in site[
        "reason"]  # fmt: skip
    assert set_up["pfs"]["facility"]["amount"] is None
    assert Decimal(str(set_up["pfs"]["non_facility"]["amount"])) == _cms_fee("Q0092", facility=False)  # kept
    # the encounter: the hospital's TC payment and CMS's 26 amount, no set-up fee beside them
    total = encounter["totals"]["hopd"]
    assert Decimal(str(pc["sites"][0]["professional_payment"])) == _cms_fee("71045", "26", facility=True)
    assert Decimal(str(total["total"])) == Decimal(str(tc["sites"][0]["total"])) + _cms_fee(
        "71045", "26", facility=True)  # fmt: skip


def test_r0070_at_the_hospital_is_not_a_fee_to_ask_the_mac_for() -> None:
    done = runner.invoke(app, ["price", "R0070", "--zip", ZIP, "--date", DATE, "--setting", "22"])
    said = " ".join(done.stderr.split())
    assert done.exit_code == 1 and "R0070 is not payable here: SI B" in said and OUTPATIENT_WORDS in said
    assert "priced by your Medicare contractor" not in said
    # elsewhere as before: the office (POS 12, the patient's home) is CMS's office amount; R0070 the MAC's there
    code, home, _ = _price("Q0092", "--setting", "12")
    assert code == 0 and home is not None and Decimal(str(home["sites"][0]["allowed"])) == _cms_fee(
        "Q0092", facility=False)  # fmt: skip


def test_batch_pays_the_hospital_row_as_price_and_its_summary(tmp_path: Path) -> None:
    source, out = tmp_path / "t.csv", tmp_path / "o.csv"
    source.write_text("code,zip,pos,date\n" + "".join(f"{code},{ZIP},{pos},{DATE}\n" for code, pos in (
        ("Q0092", "19"), ("Q0092", "22"), ("Q0092", "23"), ("Q0092", "hopd"), ("R0070", "22"), ("Q0092", "11"),
        ("71045-26", "22"))))  # fmt: skip
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    with open(out, newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["allowed"] for row in rows[:4]] == ["0.00"] * 4 and [row["opps_rate"] for row in rows[:4]] == [
        "0.00"] * 4  # fmt: skip
    assert all(OUTPATIENT_WORDS in row["note"] and row["pfs_facility_amount"] == "" for row in rows[:5])
    assert rows[4]["allowed"] == "" and "Ask your MAC" in rows[4]["comparison_note"]  # the office's reason
    assert Decimal(rows[5]["allowed"]) == _cms_fee("Q0092", facility=False)  # the office's unchanged
    assert Decimal(rows[0]["office_allowed"]) == _cms_fee("Q0092", facility=False)  # its comparison kept
    assert Decimal(rows[6]["professional_allowed"]) == _cms_fee("71045", "26", facility=True)
    # the run's total is its rows' (no set-up fee at the hospital in it)
    total = sum(Decimal(row["allowed"]) for row in rows if row["allowed"])
    assert f"6 rows priced in their setting: allowed ${total}" in " ".join(done.stderr.split())
    # A hospital's own claim (type of bill 131): its row and the summary's hospital claims agree, $0.00
    source.write_text(f"code,zip,type_of_bill,date\nQ0092,{ZIP},131,{DATE}\n")
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    with open(out, newline="") as handle:
        (row,) = csv.DictReader(handle)
    assert (row["allowed"], row["opps_rate"], row["pfs_facility_amount"]) == ("0.00", "0.00", "")
    said = " ".join(done.stderr.split())
    assert "1 row priced in its setting: allowed $0.00" in said and "1 row, allowed $0.00" in said


def _asc_indicator(code: str) -> str:
    with open(SHIPPED / "opps" / "2025" / "asc" / "10" / "BB.csv", newline="", encoding="latin-1") as handle:
        return next(row for row in csv.reader(handle) if row and row[0] == code)[4]  # October 2025 Payment Indicator


@pytest.mark.parametrize("setting", [None, "11", "asc", "24"])
def test_q0092_at_the_asc_or_beside_it_is_the_asc_s_packaged_line_alone(setting: str | None) -> None:
    """`price Q0092` (no setting) and `--setting asc` paid the supplier's PFS facility amount at the ASC beside its own
    packaged line (Addendum BB, PI N1), and with no setting the hospital's row too, beside `--setting hopd`'s $0.00: an
    ASC's patient's portable X-ray set-up is the ASC's (42 CFR 416.164(a)(11); CMS's 2010 clarification of CR 5680),
    a hospital outpatient's the hospital's (410.42(a)), wherever the line is set. Each facility site is its own line
    alone; the office's CMS's amount; the packaged notes say the supplier's fee is not paid there."""
    assert _asc_indicator("Q0092").strip() == "N1"
    code, result, stderr = _price("Q0092", *(("--setting", setting) if setting else ()))
    assert code == 0 and result is not None, stderr
    sites = {site["setting"]: site for site in result["sites"]}
    for name in {None: ("hopd", "asc"), "asc": ("asc",), "24": ("asc",)}.get(setting, ()):
        site = sites[name]
        assert site["payable"] and site["professional_payment"] is None, name
        assert Decimal(str(site["total"])) == Decimal(str(site["facility_payment"])) == 0, name
        assert site["reason"].startswith("Professional fee not included: Not payable at "), name
    if setting is None:
        assert "416.164(a)(11)" in sites["asc"]["reason"] and OUTPATIENT_WORDS in sites["hopd"]["reason"]
        assert Decimal(str(sites["office"]["total"])) == _cms_fee("Q0092", facility=False)
        # the PFS's own facility amount is CMS's (a place neither facility's): kept
        assert Decimal(str(result["pfs"]["facility"]["amount"])) == _cms_fee("Q0092", facility=True)
        assert packaged_note("SI N", "hospital", "Q0092") in result["opps"]["notes"]
        assert packaged_note("PI N1", "ASC", "Q0092") in result["asc"]["notes"]
        assert not any("paid all the same" in note for note in [*result["opps"]["notes"], *result["asc"]["notes"]])
    if setting in ("asc", "24"):
        assert result["pfs"]["facility"]["amount"] is None
