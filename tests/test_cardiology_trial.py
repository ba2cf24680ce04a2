"""A cardiology group's trial: a code CPT redefined between the releases compared (92928), a contractor-priced line
beside a nuclear stress test (A9500: price's total against batch's claim), a global test-only code beside a
cardiovascular service (93000: the note names its technical code)."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.lookup.compare import compare
from rvucalc.paths import data_dir
from test_imaging_order import fee, gpci, once

SUBURBAN_CHICAGO_2026 = ("06102", "15", "15")  # GPCI2026's carrier and locality number (ZIP 60540: 0610215)

PPRRVU = {"2025D": ("rvu", "2025", "PPRRVU2025_Oct.csv"), "2026C": ("rvu", "2026", "PPRRVU2026_Jul_nonQPP.csv")}


def rvu_row(release: str, code: str, modifier: str = "") -> list[str]:
    """A row of CMS's RVU file, as published (HCPCS, MOD, DESCRIPTION, STATUS ...)."""
    with data_dir().joinpath(*PPRRVU[release]).open(newline="", encoding="latin-1") as handle:
        for row in csv.reader(handle):
            if row[:2] == [code, modifier]:
                return row
    raise LookupError((release, code, modifier))


# -- compare: a code whose descriptor CMS changed ---------------------------------------------------------------


def test_compare_says_a_redefined_code_s_descriptors(pricer) -> None:  # type: ignore[no-untyped-def]
    """CPT 2026 redefined 92928: RVU25D's "Prq card stent w/angio 1 vsl", RVU26C's "Prq tcat plmt ntrac st 1 les".
    The -$76.66 was explained by RVUs, GPCIs and the CF alone; the descriptors are said (JSON's descriptor_changed,
    the explanation), 99213's unchanged descriptor is not."""
    result = compare(pricer, ["92928", "99213"], from_="2025", to="2026", zip_code="60611")
    stent, visit = result.codes
    before, after = rvu_row("2025D", "92928")[2], rvu_row("2026C", "92928")[2]
    assert (before, after) == ("Prq card stent w/angio 1 vsl", "Prq tcat plmt ntrac st 1 les")
    assert stent.descriptor_changed is not None
    assert (stent.descriptor_changed.before, stent.descriptor_changed.after) == (before, after)
    assert stent.explanation.startswith(f'CMS\'s short descriptor changed: "{before}" -> "{after}": a new wording or '
                                        "a revised code; check the CPT descriptor if it matters")  # fmt: skip
    assert stent.amounts["facility"].difference is not None  # the amounts are still shown
    assert rvu_row("2025D", "99213")[2] == rvu_row("2026C", "99213")[2]
    assert visit.descriptor_changed is None and "descriptor" not in visit.explanation


def test_a_reworded_short_descriptor_is_not_called_a_different_service(isolated_cache) -> None:  # type: ignore[no-untyped-def]
    """29881: CMS's short descriptor went from "Knee arthroscopy/surgery" (RVU25D) to "Arthrs kne srg mnisectmy m/l"
    (RVU26C), a rewording; compare said "the code may describe a different service". It says the short descriptor
    changed and to check the CPT descriptor, in the table, JSON and CSV alike; the JSON key stays descriptor_changed."""
    before, after = rvu_row("2025D", "29881")[2], rvu_row("2026C", "29881")[2]
    assert (before, after) == ("Knee arthroscopy/surgery", "Arthrs kne srg mnisectmy m/l")
    said = f'short descriptor changed: "{before}" -> "{after}": a new wording or a revised code; check the CPT '
    runner = CliRunner()
    args = ["compare", "29881", "--from", "2025", "--to", "2026", "--zip", "10001"]
    outputs = [runner.invoke(app, [*args, "-f", fmt]) for fmt in ("table", "json", "csv")]
    assert all(result.exit_code == 0 for result in outputs), [result.output for result in outputs]
    table, document = outputs[0].stdout, json.loads(outputs[1].stdout)
    rows = list(csv.DictReader(io.StringIO(outputs[2].stdout)))
    cells = " ".join(table.replace("│", " ").split())  # the Why column's wrapped lines, read on
    assert said in cells and "different service" not in cells
    [code] = document["codes"]
    assert code["descriptor_changed"] == {"before": before, "after": after}
    assert code["explanation"].startswith(f"CMS's {said}") and "different service" not in code["explanation"]
    assert rows[0]["explanation"].startswith(f"CMS's {said}")
    assert (rows[0]["descriptor_before"], rows[0]["descriptor_after"]) == (before, after)


@pytest.mark.parametrize("code", ["G0566", "76805", "01951"])
def test_a_descriptor_cms_only_respelled_is_no_change(pricer, code: str) -> None:  # type: ignore[no-untyped-def]
    """CMS's files differ in case ("MRI"/"mri"), punctuation (">="/">/=") or spacing ("4%"/"4 %") alone: the same
    words, no descriptor change said."""
    before, after = rvu_row("2025D", code)[2], rvu_row("2026C", code)[2]
    assert before != after
    [change] = compare(pricer, [code], from_="2025", to="2026").codes
    assert change.descriptor_changed is None


def asc_bb(quarter: str, code: str) -> list[str]:
    """A row of CMS's ASC Addendum BB (HCPCS, ..., short descriptor, ..., payment indicator, ..., rate)."""
    with data_dir().joinpath("opps", "2025", "asc", quarter, "BB.csv").open(newline="", encoding="latin-1") as handle:
        return next(row for row in csv.reader(handle) if row[:1] == [code])


def test_a_descriptor_change_alone_is_said_but_not_a_change(pricer) -> None:  # type: ignore[no-untyped-def]
    """J1954 in CMS's ASC Addendum BB: April 2025 "Leuprolide depot cipla 7.5mg" at $220.74, July 2025 "Inj leu acet
    lutr dpt 7.5 mg" at $220.74 (PI K2 both). The rate did not move, the descriptor did: "unchanged", with both
    descriptors said (CMS's ~700 rewritten short descriptors of 2026 would otherwise bury --changed-only's payment
    changes)."""
    april, july = asc_bb("04", "J1954"), asc_bb("07", "J1954")
    assert (april[2], july[2]) == ("Leuprolide depot cipla 7.5mg", "Inj leu acet lutr dpt 7.5 mg")
    assert april[6] == july[6] == "$220.74"
    assert not compare(pricer, ["J1954"], from_="2025-04", to="2025-07", what="asc", changed_only=True).codes
    [change] = compare(pricer, ["J1954"], from_="2025-04", to="2025-07", what="asc").codes
    assert change.amounts["rate"].before == change.amounts["rate"].after == Decimal("220.74")
    assert change.change == "unchanged" and change.descriptor_changed is not None
    assert "short descriptor changed" in change.explanation
    assert (change.descriptor_changed.before, change.descriptor_changed.after) == (april[2], july[2])


def test_compare_s_table_json_and_csv_say_the_descriptors(isolated_cache) -> None:  # type: ignore[no-untyped-def]
    """The table's Why column leads with it; JSON adds descriptor_changed {before, after} (null where unchanged);
    CSV adds descriptor_before and descriptor_after at the end, blank where unchanged (the earlier columns keep their
    places)."""
    runner = CliRunner()
    args = ["compare", "92928", "99213", "--from", "2025", "--to", "2026", "--zip", "60611"]
    table = runner.invoke(app, args)
    assert table.exit_code == 0, table.output
    cells = " ".join(table.stdout.replace("│", " ").split())  # the Why column's wrapped lines, read on
    assert "CMS's short descriptor changed:" in cells and "check the CPT descriptor" in cells
    document = json.loads(runner.invoke(app, [*args, "-f", "json"]).stdout)
    stent, visit = document["codes"]
    assert stent["descriptor_changed"] == {"before": "Prq card stent w/angio 1 vsl",
                                           "after": "Prq tcat plmt ntrac st 1 les"}  # fmt: skip
    assert visit["descriptor_changed"] is None
    text = runner.invoke(app, [*args, "-f", "csv"]).stdout
    header = next(csv.reader(io.StringIO(text)))
    # appended after the CF kinds; `line` and `error_kind` (a codes file's malformed lines) after them, then the OPPS
    # imaging cap's four columns, last
    assert header[-8:-6] == ["descriptor_before", "descriptor_after"]
    assert header[-10:-8] == ["conversion_factor_kind_before", "conversion_factor_kind_after"]
    rows: list[dict[str, Any]] = list(csv.DictReader(io.StringIO(text)))
    said = stent["descriptor_changed"]
    assert (rows[0]["descriptor_before"], rows[0]["descriptor_after"]) == (said["before"], said["after"])
    assert rows[1]["descriptor_before"] == rows[1]["descriptor_after"] == ""


# -- price and batch: a line the MAC prices beside others ------------------------------------------------------


def batch_claims(tmp_path: Path, lines: list[tuple[str, str, str, int]]) -> dict[str, Any]:
    """`rvucalc batch --summary`'s claims for lines (claim, place of service, code, units) at ZIP 60540 on
    2026-08-05."""
    source, target, summary = tmp_path / "claims.csv", tmp_path / "priced.csv", tmp_path / "summary.json"
    source.write_text("claim_id,dos,pos,zip,code,units\n"
                      + "".join(f"{claim},2026-08-05,{pos},60540,{code},{units}\n"
                                for claim, pos, code, units in lines))  # fmt: skip
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(target), "--summary", str(summary)])
    assert result.exit_code == 0, result.output
    claims: dict[str, Any] = json.loads(summary.read_text())["claims"]
    return claims


def test_price_and_batch_agree_on_a_line_the_mac_prices_that_no_rule_ranks(pricer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The trial: `price 78452 93017 A9500 --units 1 1 2 --zip 60540 --setting 11` showed the office total "—" (A9500,
    status C, leaves it not priced), where batch's claim of the same lines was $472.07 with 1 unpriced. A9500's
    multiple procedure indicator is 0 (RVU26C): no rule ranks it, its fee changes no other line's. Both now give the
    other lines' total, CMS's amounts: 78452 in full and 93017's technical fee 25% off (indicator 6), at suburban
    Chicago's GPCIs; price says "+ 1 line the MAC prices", batch counts it unpriced."""
    assert [rvu_row("2026C", "A9500")[i] for i in (3, 18)] == ["C", "0"]  # status C, multiple procedure 0
    assert [rvu_row("2026C", code)[18] for code in ("78452", "93017")] == ["6", "6"]
    first = fee(2026, SUBURBAN_CHICAGO_2026, "78452")
    later = once(fee(2026, SUBURBAN_CHICAGO_2026, "93017") * Decimal("0.75"))  # a TC-only code: its fee is its TC
    patient = once(first * Decimal("0.2")) + once(later * Decimal("0.2"))
    assert (first + later, patient) == (Decimal("472.07"), Decimal("94.41"))
    encounter = pricer.price_encounter(["78452", "93017", "A9500"], units=[1, 1, 2], zip_code="60540",
                                       date_of_service="2026-08-05", setting="11")  # fmt: skip
    office = encounter.totals["office"]
    assert office.payable and (office.total, office.beneficiary) == (first + later, patient)
    assert office.lines_priced_by_mac == 1 and "A9500" in (office.reason or "")
    [claim] = batch_claims(tmp_path, [("X1", "11", "78452", 1), ("X1", "11", "93017", 1),
                                      ("X1", "11", "A9500", 2)]).values()  # fmt: skip
    assert (Decimal(claim["allowed"]), Decimal(claim["beneficiary"])) == (office.total, office.beneficiary)
    assert claim["unpriced"] == office.lines_priced_by_mac == 1
    table = CliRunner().invoke(app, ["price", "78452", "93017", "A9500", "--units", "1", "--units", "1", "--units",
                                     "2", "--zip", "60540", "--date", "2026-08-05", "--setting", "11"])  # fmt: skip
    assert table.exit_code == 0, table.output
    assert "$472.07" in table.stdout and "+ 1 line the MAC prices" in table.stdout


def test_on_the_physician_s_claim_in_a_facility_too(pricer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """POS 21 (an inpatient stay: the physician's claim, the PFS facility amount): 99223 + A9500 is 99223's fee, as
    batch's claim is, "+ 1 line the MAC prices"."""
    encounter = pricer.price_encounter(["99223", "A9500"], zip_code="60540", date_of_service="2026-08-05",
                                       setting="21")  # fmt: skip
    [site] = encounter.totals.values()
    assert site.payable and site.lines_priced_by_mac == 1
    assert site.total == encounter.lines[0].pfs.facility.amount
    [claim] = batch_claims(tmp_path, [("A", "21", "99223", 1), ("A", "21", "A9500", 1)]).values()
    assert (Decimal(claim["allowed"]), claim["unpriced"]) == (site.total, 1)


def test_a_line_the_mac_prices_that_a_rule_ranks_still_leaves_the_total_not_priced(pricer) -> None:  # type: ignore[no-untyped-def]
    """0903T (status C, multiple procedure indicator 6, RVU26C) beside 93306 (6): its fee may decide which technical
    component is paid in full, so the office total is not priced (the MAC's fee), as before. 29999 (status C, 2) is
    ranked only with procedures of indicator 1, 2 or 3: beside 99213 (0) it ranks nothing, and is left out."""
    assert [rvu_row("2026C", "0903T")[i] for i in (3, 18)] == ["C", "6"]
    assert rvu_row("2026C", "93306")[18] == "6"
    encounter = pricer.price_encounter(["93306", "0903T"], zip_code="60540", date_of_service="2026-08-05",
                                       setting="11")  # fmt: skip
    office = encounter.totals["office"]
    assert not office.payable and office.status == "not_priced" and office.lines_priced_by_mac == 0
    assert [rvu_row("2026C", code)[i] for code, i in (("29999", 3), ("29999", 18), ("99213", 18))] == ["C", "2", "0"]
    visit = pricer.price_encounter(["99213", "29999"], zip_code="60540", date_of_service="2026-08-05", setting="11")
    office = visit.totals["office"]
    assert office.payable and office.total == visit.lines[0].sites[0].total and office.lines_priced_by_mac == 1


# -- a global test-only code beside a cardiovascular service: the note names its technical code ------------------

PPRRVU_ALL = {"2025A": ("rvu", "2025", "PPRRVU25_JAN.csv"), **PPRRVU}


@pytest.mark.parametrize("release", list(PPRRVU_ALL))
def test_a_global_test_only_code_s_parts_are_cms_s(release: str) -> None:
    """GLOBAL_TEST_PARTS against CMS's RVU files: each global test-only code (PC/TC 4) is its technical codes (PC/TC
    3) and professional codes (2) together, work, office PE and MP RVUs alike (RVU file documentation, PC/TC
    indicator 4: "the sum of the total RVUs for the professional and technical components only codes combined"); and
    every payable global test-only code of multiple procedure indicator 6 is in it."""
    from rvucalc.engine.policy import GLOBAL_TEST_PARTS

    with data_dir().joinpath(*PPRRVU_ALL[release]).open(newline="", encoding="latin-1") as handle:
        rows = {(row[0], row[1]): row for row in csv.reader(handle) if len(row) > 20}
    for code, (technical, professional) in GLOBAL_TEST_PARTS.items():
        assert rows[(code, "")][13] == "4", code
        assert [rows[(part, "")][13] for part in technical] == ["3"] * len(technical), code
        assert [rows[(part, "")][13] for part in professional] == ["2"] * len(professional), code
        for column in (5, 6, 10):  # work, non-facility PE, MP
            whole = sum(Decimal(rows[(part, "")][column]) for part in (*technical, *professional))
            assert Decimal(rows[(code, "")][column]) == whole, (code, column)
        # Its professional part is priced in the facility setting (the facility reason tells the physician to bill it).
        assert [rows[(part, "")][9] for part in professional] == [""] * len(professional), code
    payable = {row[0] for row in rows.values() if row[13] == "4" and row[18] == "6" and row[3] == "A"}
    assert payable <= set(GLOBAL_TEST_PARTS)
    # Every other payable global test-only code 'NA' in the facility setting: in it, or its professional part is 'NA'
    # there too (reflectance confocal microscopy: 96933 and 96936, by the descriptors and RVUs 96931's and 96934's).
    others = {row[0] for row in rows.values() if row[13] == "4" and row[3] == "A" and row[9] == "NA"} - payable
    assert others - set(GLOBAL_TEST_PARTS) == {"96931", "96934"}
    assert [rows[(part, "")][9] for part in ("96933", "96936")] == ["NA", "NA"]


def test_the_ecg_beside_an_echo_names_its_technical_code_and_keeps_its_fee(pricer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The trial: `price 78452 93306 93000 --zip 60611 --setting office` said 93000 was not reduced and "the MAC may
    reduce it", not by what. CMS's texts give no amount (engine.policy.GLOBAL_TEST_ONLY): 93000 keeps its fee (CMS's
    RVUs at Chicago's GPCIs), and the note names 93005, its technical part, whose amount a MAC reducing it would take
    25% of; batch's note says the same."""
    chicago = ("06102", "16", "16")
    lines = pricer.price_encounter(["78452", "93306", "93000"], zip_code="60611", date_of_service="2026-08-05",
                                   setting="11").lines  # fmt: skip
    ecg = lines[2]
    assert ecg.pfs.non_facility.amount == fee(2026, chicago, "93000")
    [step] = ecg.pfs.non_facility.adjustments
    assert step.amount_before == step.amount_after
    assert "its technical part is billed as 93005" in step.rule and "by 25% of 93005's amount" in step.rule
    claims = tmp_path / "c.csv"
    claims.write_text("claim,dos,pos,zip,code\n" + "".join(f"A,2026-08-05,11,60611,{code}\n"
                                                           for code in ("78452", "93306", "93000")))  # fmt: skip
    result = CliRunner().invoke(app, ["batch", str(claims), "-o", str(tmp_path / "out.csv")])
    assert result.exit_code == 0, result.output
    with (tmp_path / "out.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert step.rule in rows[2]["note"] and Decimal(rows[2]["allowed"]) == ecg.pfs.non_facility.amount


@pytest.mark.parametrize(
    ("codes", "indicators"),
    [(["99213", "29999", "29999"], ["0", "2", "2"]), (["76018", "0527T", "G0682", "42999"], ["4", "2", "9", "2"])],
)
def test_price_and_batch_agree_when_mac_priced_lines_rank_only_with_each_other(  # type: ignore[no-untyped-def]
    pricer, tmp_path: Path, codes: list[str], indicators: list[str]
) -> None:
    """A review: `price 99213 29999 29999` said the office total not priced, where batch's claim was $99.13 with 2
    unpriced: the two 29999s (status C, indicator 2) rank with each other, but with no priced line, so their fees
    change no other line's. A MAC-priced line is ranked against the priced lines only; price gives the priced lines'
    total (CMS's RVUs at suburban Chicago's GPCIs) "+ 2 lines the MAC prices", as batch does."""
    assert [rvu_row("2026C", code)[18] for code in codes] == indicators
    priced = [code for code in codes if rvu_row("2026C", code)[3] == "A"]
    encounter = pricer.price_encounter(codes, zip_code="60540", date_of_service="2026-08-05", setting="11")
    office = encounter.totals["office"]
    assert office.payable and office.status == "priced"
    assert office.total == sum(fee(2026, SUBURBAN_CHICAGO_2026, code) for code in priced)
    assert office.lines_priced_by_mac == len(codes) - len(priced)
    claims = batch_claims(tmp_path, [("M", "11", code, 1) for code in codes])
    [claim] = claims.values()
    assert (Decimal(claim["allowed"]), Decimal(claim["beneficiary"])) == (office.total, office.beneficiary)
    assert claim["unpriced"] == office.lines_priced_by_mac
    table = CliRunner().invoke(app, ["price", *codes, "--zip", "60540", "--date", "2026-08-05", "--setting", "11"])
    assert table.exit_code == 0, table.output
    assert f"+ {office.lines_priced_by_mac} lines the MAC prices" in table.stdout


def facility_fee(code: str) -> Decimal:
    """The PFS facility amount at suburban Chicago in 2026: (work x GPCI + facility PE x GPCI + MP x GPCI) x CF, to
    the cent, from CMS's RVU26C row and GPCI2026."""
    row = rvu_row("2026C", code)
    work, pe, mp, cf = (Decimal(row[i]) for i in (5, 8, 10, 25))
    w, p, m = gpci(2026, *SUBURBAN_CHICAGO_2026[:2])
    return once((work * w + pe * p + mp * m) * cf)


@pytest.mark.parametrize("pos", ["11", "21", "22", "24"])
def test_a_mac_priced_line_a_rule_ranks_leaves_the_physician_s_total_not_priced_at_every_site(  # type: ignore[no-untyped-def]
    pricer, tmp_path: Path, pos: str
) -> None:
    """A review: `price 11102 0510T --setting office` was not priced (0510T, status C, multiple procedure indicator 2
    as 11102: the MAC's fee may rank above 11102's, which would then be paid 50%), but at POS 22 and 24 (and 21) the
    physician's total was 11102's fee in full, $31.94 here, as if 0510T could not outrank it. The physician's total is
    not priced wherever the physician bills them (the ASC's total with it: its facility payment alone is said), as the
    office's; batch's claim prices the same rows as price's lines (11102's own fee, 0510T none), its professional
    total the priced rows' as its office total is."""
    assert [rvu_row("2026C", "0510T")[i] for i in (3, 18)] == ["C", "2"]
    assert [rvu_row("2026C", "11102")[i] for i in (3, 18)] == ["A", "2"]
    own = fee(2026, SUBURBAN_CHICAGO_2026, "11102") if pos == "11" else facility_fee("11102")
    assert own == (Decimal("99.17") if pos == "11" else Decimal("31.94"))
    encounter = pricer.price_encounter(["11102", "0510T"], zip_code="60540", date_of_service="2026-08-05",
                                       setting=pos)  # fmt: skip
    [total] = encounter.totals.values()
    assert not total.payable and total.status == "not_priced" and total.lines_priced_by_mac == 0
    assert total.professional_payment is None and total.total is None and "0510T" in (total.reason or "")
    [site], [mac] = (line.sites for line in encounter.lines)
    assert (site.total if pos in ("11", "21") else site.professional_payment) == own
    assert mac.professional_payment is None
    if pos == "24":  # the ASC's payment is known: its lines' rates (Addendum AA at the CBSA's wage index)
        rates = [line.asc.rate for line in encounter.lines if line.asc is not None and line.asc.rate is not None]
        assert len(rates) == 2 and total.facility_payment == sum(rates, Decimal("0.00"))
    [claim] = batch_claims(tmp_path, [("R", pos, "11102", 1), ("R", pos, "0510T", 1)]).values()
    assert (Decimal(claim["professional_allowed"]), claim["professional_lines"]) == (own, 1)
    table = CliRunner().invoke(app, ["price", "11102", "0510T", "--zip", "60540", "--date", "2026-08-05",
                                     "--setting", pos])  # fmt: skip
    [row] = [text for text in table.stdout.splitlines() if "│" in text and "not priced" in text]
    assert f"${own}" not in row


@pytest.mark.parametrize(("codes", "pos", "date"), [(["11102", "0510T"], "22", "2025-11-03"),
                                                     (["20610", "29999"], "24", "2026-08-05")])  # fmt: skip
def test_where_the_facility_is_paid_its_payment_is_said_and_the_total_not_priced(  # type: ignore[no-untyped-def]
    pricer, codes: list[str], pos: str, date: str
) -> None:
    """The hospital in 2025 (Addendum B installed: both lines paid) and the ASC that does not pay 29999 (status C,
    indicator 2, beside 20610, 2; the physician bills it all the same): the site's total was payable, the physician's
    part 11102's or 20610's fee in full. Not priced now; the facility's payment, its lines' rates, is said."""
    assert rvu_row("2026C", codes[1])[3] == "C" and rvu_row("2026C", codes[0])[18] == rvu_row("2026C", codes[1])[18]
    encounter = pricer.price_encounter(codes, zip_code="60540", date_of_service=date, setting=pos)
    [total] = encounter.totals.values()
    assert not total.payable and total.status == "not_priced" and total.professional_payment is None
    paid = [site.facility_payment for line in encounter.lines for site in line.sites if site.payable]
    assert total.facility_payment == sum(paid, Decimal("0.00"))
    assert f"${total.facility_payment:,}" in (total.reason or "")


def test_a_mac_priced_cardiovascular_line_ranks_no_physician_s_fee_in_a_facility(pricer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Indicator 6 reduces the technical component alone (RVU file documentation: "25% reduction of the second highest
    and subsequent procedures to the TC"). In a facility the physician bills 93306's professional component (its 26
    row's PFS facility amount): 0903T's MAC fee (status C, 6) changes it in no way. At POS 21 the total was "not
    priced"; it is 93306-26's fee "+ 1 line the MAC prices", as batch's claim; at POS 22 the physician's total is that
    fee too. In the office, where the TCs rank, it stays not priced."""
    assert [rvu_row("2026C", "0903T")[i] for i in (3, 18)] == ["C", "6"]
    row = rvu_row("2026C", "93306", "26")
    work, pe, mp, cf = (Decimal(row[i]) for i in (5, 8, 10, 25))
    w, p, m = gpci(2026, *SUBURBAN_CHICAGO_2026[:2])
    reading = once((work * w + pe * p + mp * m) * cf)
    for pos in ("21", "22"):
        encounter = pricer.price_encounter(["93306", "0903T"], zip_code="60540", date_of_service="2026-08-05",
                                           setting=pos)  # fmt: skip
        [total] = encounter.totals.values()
        assert total.professional_payment == reading
        [claim] = batch_claims(tmp_path, [("K", pos, "93306", 1), ("K", pos, "0903T", 1)]).values()
        assert Decimal(claim["professional_allowed"]) == reading
        if pos == "21":
            assert total.payable and total.total == reading and total.lines_priced_by_mac == 1
            assert (Decimal(claim["allowed"]), claim["unpriced"]) == (total.total, 1)
    office = pricer.price_encounter(["93306", "0903T"], zip_code="60540", date_of_service="2026-08-05", setting="11")
    assert office.totals["office"].status == "not_priced"


def test_a_mac_priced_line_no_rule_ranks_keeps_the_physician_s_total_at_the_hospital_and_asc(  # type: ignore[no-untyped-def]
    pricer, tmp_path: Path
) -> None:
    """0075T (status C, indicator 0) beside 11102: no rule ranks them, so the totals are as they were, price's and
    batch's claim alike: at POS 22 (2026, no OPPS file) the physician's $31.94; at POS 24 the ASC's with it."""
    assert rvu_row("2026C", "0075T")[18] == "0"
    own = facility_fee("11102")
    for pos in ("22", "24"):
        encounter = pricer.price_encounter(["11102", "0075T"], zip_code="60540", date_of_service="2026-08-05",
                                           setting=pos)  # fmt: skip
        [total] = encounter.totals.values()
        assert total.professional_payment == own
        [claim] = batch_claims(tmp_path, [("U", pos, "11102", 1), ("U", pos, "0075T", 1)]).values()
        assert Decimal(claim["professional_allowed"]) == own
        if pos == "24":
            assert total.payable and Decimal(claim["allowed"]) == total.total


def test_a_descriptor_change_alone_keeps_the_explanation_it_had(pricer) -> None:  # type: ignore[no-untyped-def]
    """A review: 10040 in CMS's ASC Addendum AA, October 2025 "Acne surgery" and January 2026 "Extraction", PI N1
    (packaged) in both: its explanation was the descriptor sentence alone, where it had said "No change: $0.00 in
    both (packaged ...)". Both are said now."""

    def aa(year: str, quarter: str) -> list[str]:
        path = data_dir().joinpath("opps", year, "asc", quarter, "AA.csv")
        with path.open(newline="", encoding="latin-1") as handle:
            return next(row for row in csv.reader(handle) if row[:1] == ["10040"])

    assert aa("2025", "10")[2:5] == ["Acne surgery", "N", "N1"] and aa("2026", "01")[2:5] == ["Extraction", "N", "N1"]
    [change] = compare(pricer, ["10040"], from_="2025-10", to="2026-01", what="asc").codes
    assert change.change == "unchanged"
    assert change.explanation == (
        "No change: $0.00 in both (packaged: paid within another procedure's payment, no separate payment); "
        'CMS\'s short descriptor changed: "Acne surgery" -> "Extraction": a new wording or a revised code; check the '
        "CPT descriptor if it matters"
    )


@pytest.mark.parametrize(
    ("before", "after", "changed"),
    [("Inj drug 2.5 mg", "Inj drug 25 mg", True), ("Exc les 1-2 cm", "Exc les 12 cm", True),
     ("Inj drug 2.5 mg", "INJ DRUG 2.5MG", False), ("Exc les 1 - 2 cm.", "Exc les 1-2 cm", False),
     ("Mri brain w/o dye", "MRI brain w/o-dye", False)],
)  # fmt: skip
def test_a_descriptor_s_decimal_point_and_hyphen_between_digits_count(before: str, after: str, changed: bool) -> None:
    """A decimal point or a hyphen between digits is part of the descriptor's meaning ("2.5 mg" is not "25 mg", "1-2
    cm" not "12 cm"); other punctuation, case and spacing are not."""
    from rvucalc.lookup.compare import _descriptor_words

    assert (_descriptor_words(before) != _descriptor_words(after)) is changed


@pytest.mark.parametrize("codes", [["93306-26", "93000"], ["93000", "93015"]])
def test_a_global_test_only_code_that_may_rank_first_is_told_no_reduction_amount(  # type: ignore[no-untyped-def]
    pricer, tmp_path: Path, codes: list[str]
) -> None:
    """A review: beside 93306-26 (no technical component) 93000 is the encounter's only technical part, and beside
    93015 neither's technical part is known to be the lower: the 25% reduction is of "the second highest and
    subsequent" (RVU file documentation, indicator 6), so "the MAC may reduce it by 25% of 93005's amount" was
    misleading there. Each keeps its fee (CMS's RVUs at Chicago's GPCIs) and names no amount, price and batch alike;
    beside 78452 and 93306 (whose technical components exceed 93000's whole fee) the amount is still said."""
    chicago = ("06102", "16", "16")
    lines = pricer.price_encounter(codes, zip_code="60611", date_of_service="2026-08-05", setting="11").lines
    claims = tmp_path / "c.csv"
    claims.write_text("claim,dos,pos,zip,code\n" + "".join(f"A,2026-08-05,11,60611,{code}\n" for code in codes))
    result = CliRunner().invoke(app, ["batch", str(claims), "-o", str(tmp_path / "out.csv")])
    assert result.exit_code == 0, result.output
    with (tmp_path / "out.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    tested = [(line, row) for line, row in zip(lines, rows, strict=True) if line.code in ("93000", "93015")]
    assert [line.code for line, _ in tested] == [code for code in codes if code in ("93000", "93015")]
    for line, row in tested:
        assert line.pfs.non_facility.amount == fee(2026, chicago, line.code)
        [step] = line.pfs.non_facility.adjustments
        assert step.amount_before == step.amount_after
        assert "25% of" not in step.rule and "no reduction of it is named" in step.rule
        assert step.rule in row["note"] and Decimal(row["allowed"]) == line.pfs.non_facility.amount
    [*_, ecg] = pricer.price_encounter(["78452", "93306", "93000"], zip_code="60611", date_of_service="2026-08-05",
                                       setting="11").lines  # fmt: skip
    assert "by 25% of 93005's amount" in ecg.pfs.non_facility.adjustments[0].rule
