"""Who bills what in one encounter: the assistant at surgery's lines, and one facility payment per service.

1. CMS's multiple surgery rule applies to "separate procedures performed by a single physician or physicians in the
   same group practice" (Claims Processing Manual, Pub. 100-04, ch. 12, §40.6): an assistant at surgery (80, 81, 82,
   AS) is another physician, billing their own claim, so their lines are ranked among themselves, not with the
   surgeon's (``engine.policy.by_biller``).
2. The hospital (OPPS) and the ASC bill a service once: the 26 and TC halves, and the assistant's and co-surgeons'
   lines, are bills of that one service sharing its one facility payment (``engine.facility.facility_paid_once``).

Expected amounts are worked from CMS's own file values as the installed store holds them: the RVU row and its
conversion factor, the locality's GPCIs, the Addendum B and Addendum AA rows and the wage index, rounded once.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from rvucalc.batch.claims import ASC_ELSEWHERE, OPPS_ELSEWHERE
from rvucalc.batch.encounter_arrays import ENCOUNTER
from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine.facility import ASSISTANT_FACILITY_NOTE, PAID_ONCE, paid_on_note
from rvucalc.lookup.pricer import Pricer

ZIP, LOCALITY, DATE = "10001", "1320201", "2025-11-15"
WHERE = {"zip_code": ZIP, "date_of_service": DATE}
CENT = Decimal("0.01")


def _cents(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(CENT, rounding=ROUND_HALF_UP)


def _money(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value)).quantize(CENT)


def _store(pricer: Pricer, dataset: str) -> Any:
    if dataset == "pfs":
        release = pricer.select(None, dt.date.fromisoformat(DATE))[0]
    else:
        release = pricer.catalogue.select(dataset, date_of_service=dt.date.fromisoformat(DATE))[0]
    return pricer.store(release)


def _facility_fee(pricer: Pricer, code: str, modifier: str = "") -> Fraction:
    """The PFS facility fee schedule amount from the RVU file row and Addendum E's GPCIs, rounded to the cent (the
    fee schedule amount CMS's percentages are taken of)."""
    store = _store(pricer, "pfs")
    row, place = store.rvu(code, modifier), store.locality(LOCALITY)
    assert row is not None and place is not None
    rvus = (Fraction(row["work_rvu"], 100) * Fraction(place["gpci_work"], 1000)
            + Fraction(row["pe_fac_rvu"], 100) * Fraction(place["gpci_pe"], 1000)
            + Fraction(row["mp_rvu"], 100) * Fraction(place["gpci_mp"], 1000))  # fmt: skip
    return Fraction(_cents(rvus * Fraction(row["conv_factor"], 10_000)))


def _wage_index(pricer: Pricer) -> Fraction:
    location = pricer.price("27447", **WHERE).location  # the CBSA's index, from the installed wage file
    assert location.wage_index is not None
    return Fraction(location.wage_index)


def _opps_rate(pricer: Pricer, code: str) -> Decimal:
    """Addendum B's national rate, 60% of it wage-adjusted (OPPS labor share)."""
    row = _store(pricer, "opps").opps(code)
    assert row is not None and row["rate"]
    return _cents(Fraction(row["rate"], 1000) * (Fraction(60, 100) * _wage_index(pricer) + Fraction(40, 100)))


def _asc_rate(pricer: Pricer, code: str) -> Decimal:
    """Addendum AA's national rate, 50% of it wage-adjusted; a device-intensive procedure's (PI J8) device portion
    (Addendum FF) at the national amount."""
    store = _store(pricer, "asc")
    row, device_row = store.asc("aa", code), store.asc("ff", code)
    assert row is not None and row["rate"]
    device = Fraction(device_row["device_portion"], 100) if row["pi"] == "J8" and device_row else Fraction(0)
    rest = Fraction(row["rate"], 100) - device
    return _cents(device + rest * (Fraction(1, 2) * _wage_index(pricer) + Fraction(1, 2)))


def _batch(pricer: Pricer, claims: list[list[str]], setting: str = "") -> list[dict[str, Any]]:
    rows = [{"claim": f"C{n}", "code": cell.partition("-")[0], "modifier": cell.partition("-")[2], "zip": ZIP,
             "date": DATE, "setting": setting, "units": "1"}
            for n, cells in enumerate(claims) for cell in cells]  # fmt: skip
    return BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()


# -- 1. the assistant's lines rank apart from the surgeon's ----------------------------------------------------


def test_the_assistants_line_is_not_ranked_with_the_surgeons(pricer: Pricer) -> None:
    """27447 27447-80: the assistant is paid 16% of the fee schedule amount, not 16% of a second-ranked 50%."""
    fee = _facility_fee(pricer, "27447")
    surgeon, assistant = pricer.price_encounter(["27447", "27447-80"], **WHERE).lines
    assert surgeon.pfs.facility.amount == _cents(fee)
    assert assistant.pfs.facility.amount == _cents(fee * Fraction(16, 100))
    assert not any("Multiple procedure" in step.rule for step in assistant.pfs.facility.adjustments)


def test_an_assistants_several_procedures_rank_among_themselves(pricer: Pricer) -> None:
    """The assistant's two procedures are 100% and 50% (then 16%); the surgeon's two likewise, whatever the order."""
    codes = ["27447-80", "27447", "29888-80", "29888"]
    knee, shot = _facility_fee(pricer, "27447"), _facility_fee(pricer, "29888")
    assert shot < knee
    lines = pricer.price_encounter(codes, **WHERE).lines
    amounts = [line.pfs.facility.amount for line in lines]
    assert amounts == [
        _cents(knee * Fraction(16, 100)),
        _cents(knee),
        _cents(shot * Fraction(1, 2) * Fraction(16, 100)),
        _cents(shot * Fraction(1, 2)),
    ]


@pytest.mark.parametrize("modifier", ["80", "81", "82", "AS"])
def test_an_assistants_line_alone_carries_no_facility_payment(pricer: Pricer, modifier: str) -> None:
    """A surgeon's trial: 27447-80 at the ASC was priced $10,168.34, the ASC's rate for the knee in it. The assistant
    bills a professional service alone (16%, AS 13.6%, of the PFS amount: ch. 12 §20.4.3); the hospital and the ASC
    are paid the procedure once, on their own claim. Its hospital and ASC totals are its PFS facility amount, the
    facility $0.00, with a note; the procedure's own line keeps the facility's rates (Addendum B, Addendum AA/FF)."""
    fee = _facility_fee(pricer, "27447")
    line = pricer.price(f"27447-{modifier}", **WHERE)
    percent = Fraction(136, 10) if modifier == "AS" else Fraction(16)
    assert line.pfs.facility.amount == _cents(fee * percent / 100)
    assert line.opps.rate == 0 and line.opps.copayment == 0 and line.asc.rate == 0 and line.asc.coinsurance == 0
    assert ASSISTANT_FACILITY_NOTE in line.notes
    surgeon = pricer.price("27447", **WHERE)
    assert surgeon.opps.rate == _opps_rate(pricer, "27447") and surgeon.asc.rate == _asc_rate(pricer, "27447")
    assert ASSISTANT_FACILITY_NOTE not in surgeon.notes
    for setting in ("hopd", "asc"):
        site = _site(line, setting)
        assert site.payable and site.facility_payment == 0
        assert site.total == site.professional_payment == line.pfs.facility.amount
        assert site.beneficiary == _cents(Fraction(line.pfs.facility.amount) / 5)
    [encounter_line] = pricer.price_encounter([f"27447-{modifier}"], **WHERE).lines
    assert encounter_line.pfs == line.pfs and encounter_line.opps == line.opps and encounter_line.asc == line.asc
    # Where the site is chosen: the hospital's and the ASC's, not the office's (no facility rate shown there).
    assert ASSISTANT_FACILITY_NOTE in pricer.price(f"27447-{modifier}", setting="asc", **WHERE).notes
    assert ASSISTANT_FACILITY_NOTE not in pricer.price(f"27447-{modifier}", setting="office", **WHERE).notes


def test_an_assistants_asc_line_does_not_describe_the_payment_taken_off(pricer: Pricer) -> None:
    """A review: `price 27447-80 --setting asc` (its ASC rate $0.00) still printed "PI J8 ...; national ...; device
    portion ..." and "Device-intensive: the device portion ... is not wage-adjusted", as if the line were paid. The
    line says the ASC is paid for the procedure on its own claim; the surgeon's line (27447) keeps Addendum FF's
    device portion and its note."""
    store = _store(pricer, "asc")
    row, device = store.asc("aa", "27447"), store.asc("ff", "27447")
    assert row is not None and row["pi"] == "J8" and device is not None and device["device_portion"]
    portion = f"${Decimal(device['device_portion']).scaleb(-2):,}"
    runner = CliRunner()
    place = ["--zip", ZIP, "--date", DATE, "--setting", "asc"]
    surgeon = " ".join(runner.invoke(app, ["price", "27447", *place]).stdout.split())
    assert f"device portion {portion}" in surgeon and "Note: Device-intensive:" in surgeon, surgeon
    out = runner.invoke(app, ["price", "27447-80", *place])
    assert out.exit_code == 0, out.output
    text = " ".join(out.stdout.split())
    assert "device portion" not in text and "Device-intensive:" not in text, text
    assert "no ASC facility payment on this assistant at surgery's line ($0.00)" in text, text
    line = pricer.price("27447-80", setting="asc", **WHERE)  # type: ignore[arg-type]
    assert line.asc is not None and line.asc.rate == 0 and not line.asc.notes


def test_the_assistants_own_claim_does_not_count_the_facility_again(pricer: Pricer) -> None:
    """The trial's batch file: the surgeon's claim (27447 at POS 24) and the assistant's own (27447-80, same date)
    counted the ASC's rate twice, once on each claim. The assistant's row is its PFS facility amount alone, as
    ``rvucalc price 27447-80``; the surgeon's keeps the ASC's rate; the hospital's (POS 22) likewise."""
    rows = [
        {"claim": claim, "code": "27447", "modifier": modifier, "zip": ZIP, "date": DATE, "setting": pos, "units": "1"}
        for claim, modifier, pos in (("X1", "", "24"), ("X2", "80", "24"), ("X3", "80", "22"))
    ]
    surgeon, assistant, at_hospital = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    fee = _cents(_facility_fee(pricer, "27447") * Fraction(16, 100))
    assert _money(surgeon["asc_rate"]) == _asc_rate(pricer, "27447")
    assert _money(surgeon["allowed"]) == _asc_rate(pricer, "27447") + _cents(_facility_fee(pricer, "27447"))
    for row in (assistant, at_hospital):
        assert _money(row["opps_rate"]) == 0 and _money(row["asc_rate"]) == 0
        assert _money(row["allowed"]) == _money(row["professional_allowed"]) == fee
        assert _money(row["hopd_allowed"]) == _money(row["asc_allowed"]) == fee
        assert _money(row["beneficiary"]) == _cents(Fraction(fee) / 5)
        assert ASSISTANT_FACILITY_NOTE in row["note"]
    single = pricer.price("27447-80", **WHERE)
    assert _money(assistant["asc_allowed"]) == _site(single, "asc").total


ASSISTANT_CLAIMS = [
    ["27447", "27447-80"],
    ["27447-80", "27447", "29888-80", "29888"],
    ["27447-AS", "29888-82", "27447", "29888-81"],
    ["29888-80-LT", "29888-80-RT", "27447"],
    ["27447-80"],
]


@pytest.mark.parametrize("by_arrays", [True, False])
def test_batch_claims_rank_the_assistants_lines_as_the_single_lookup(
    pricer: Pricer, monkeypatch: Any, by_arrays: bool
) -> None:  # fmt: skip
    """Batch claims (on whole columns, and through the rule functions): every money column, the same as
    ``price_encounter`` of the claim's codes, and the same steps."""
    from rvucalc.batch import claims

    monkeypatch.setattr(claims, "BY_ARRAYS", by_arrays)
    _assert_batch_claims_are_the_single_lookup(pricer, ASSISTANT_CLAIMS)


def _assert_batch_claims_are_the_single_lookup(pricer: Pricer, claim_codes: Any) -> None:
    """Each claim's rows in batch: the money (PFS facility amount, each site's allowed and patient share) and the
    ranking step of ``price_encounter`` of the claim's codes."""
    out = iter(_batch(pricer, claim_codes))
    for codes in claim_codes:
        for line in pricer.price_encounter(codes, **WHERE).lines:
            row = next(out)
            assert row["error"] == "", (codes, row["error"])
            assert _money(row["pfs_facility_amount"]) == line.pfs.facility.amount, (codes, line.code, row["note"])
            for site in line.sites:
                assert _money(row[f"{site.setting}_allowed"]) == (site.total if site.payable else None), (codes, site)
                assert _money(row[f"{site.setting}_beneficiary"]) == (site.beneficiary if site.payable else None)
            ranked = any("Multiple procedure" in step.rule for step in line.pfs.facility.adjustments)
            assert ("Multiple procedure" in row["note"]) is ranked, (codes, row["note"])


# -- 1b. the other co-surgeon's lines rank apart from the first's ----------------------------------------------
# Claims Processing Manual ch. 12 §40.8: each co-surgeon bills the procedure with 62 and is paid 62.5% of its fee
# schedule amount; "If one of the surgeons performs multiple procedures, the multiple procedure rules apply to that
# surgeon's services" (engine.policy.other_co_surgeon).

CO = Fraction(625, 1000)


def test_the_two_co_surgeons_lines_of_one_procedure_are_each_paid_62_5_percent(pricer: Pricer) -> None:
    """22630-62 twice: each co-surgeon 62.5% of the fee (125% in all), not the second at 50% of that."""
    fee = _facility_fee(pricer, "22630")
    lines = pricer.price_encounter(["22630-62", "22630-62"], **WHERE).lines
    assert [line.pfs.facility.amount for line in lines] == [_cents(fee * CO)] * 2
    assert not any("Multiple procedure" in step.rule for line in lines for step in line.pfs.facility.adjustments)


def test_each_co_surgeons_several_procedures_rank_among_themselves(pricer: Pricer) -> None:
    """Both co-surgeons bill 22630-62 and 22612-62: each is paid 22630 at 62.5% and 22612 at 50% of 62.5%; a line
    without 62 ranks with the first co-surgeon's lines (one surgeon's services)."""
    first, second = _facility_fee(pricer, "22630"), _facility_fee(pricer, "22612")
    assert second < first
    lines = pricer.price_encounter(["22630-62", "22612-62", "22630-62", "22612-62"], **WHERE).lines
    assert [line.pfs.facility.amount for line in lines] == [_cents(first * CO), _cents(second / 2 * CO)] * 2
    lines = pricer.price_encounter(["22630-62", "22612", "22630-62"], **WHERE).lines
    assert [line.pfs.facility.amount for line in lines] == [_cents(first * CO), _cents(second / 2),
                                                            _cents(first * CO)]  # fmt: skip


def test_a_distinct_62_line_is_the_same_surgeons_procedure(pricer: Pricer) -> None:
    """22630-62 and 22630-62-59 (a distinct procedure): one surgeon's two procedures, the second ranked at 50%."""
    fee = _facility_fee(pricer, "22630")
    amounts = sorted(line.pfs.facility.amount for line in
                     pricer.price_encounter(["22630-62", "22630-62-59"], **WHERE).lines)  # fmt: skip
    assert amounts == [_cents(fee / 2 * CO), _cents(fee * CO)]


CO_SURGEON_CLAIMS = [
    ["22630-62", "22630-62"],
    ["22630-62", "22612-62", "22630-62", "22612-62"],
    ["22630-62", "22612", "22630-62"],
    ["22630-62", "22630-62", "22630-62"],
    ["22630-62", "22612-62", "22630-62", "22612-62", "22633"],
    ["27447-62-LT", "27447-62-RT", "27447-62-LT", "27447-62-RT"],
    ["22630-62", "22630-62-59", "22614-62", "22614-62"],
    ["22630-62", "22612-80", "22630-62", "22612"],
]


@pytest.mark.parametrize("by_arrays", [True, False])
def test_batch_claims_rank_the_co_surgeons_lines_as_the_single_lookup(
    pricer: Pricer, monkeypatch: Any, by_arrays: bool
) -> None:  # fmt: skip
    from rvucalc.batch import claims

    monkeypatch.setattr(claims, "BY_ARRAYS", by_arrays)
    _assert_batch_claims_are_the_single_lookup(pricer, CO_SURGEON_CLAIMS)


# -- 2. one facility payment per service ---------------------------------------------------------------------


def _site(line: Any, setting: str) -> Any:
    return next(site for site in line.sites if site.setting == setting)


def test_the_26_and_tc_lines_of_one_scan_pay_the_hospital_once(pricer: Pricer) -> None:
    """70450-26 70450-TC: the hospital and the ASC are paid for the scan once, on the TC line (the facility's part)."""
    rate = _opps_rate(pricer, "70450")
    professional, technical = pricer.price_encounter(["70450-26", "70450-TC"], **WHERE).lines
    assert technical.opps.rate == rate and professional.opps.rate == 0 and professional.opps.copayment == 0
    assert professional.asc.rate == 0 and technical.asc.rate == pricer.price("70450-TC", **WHERE).asc.rate
    assert paid_on_note("hopd", "70450", "70450-TC") in professional.opps.notes
    assert paid_on_note("asc", "70450", "70450-TC") in professional.asc.notes
    assert not any(note.startswith(PAID_ONCE) for note in technical.opps.notes + technical.asc.notes)
    hopd = _site(professional, "hopd")
    assert hopd.payable and hopd.facility_payment == 0
    encounter = pricer.price_encounter(["70450-26", "70450-TC"], **WHERE)
    assert encounter.totals["hopd"].facility_payment == rate
    assert encounter.totals["hopd"].professional_payment == professional.pfs.facility.amount
    # CT alone at an ASC: no covered surgical procedure, so the ASC is paid nothing (42 CFR 416.164(b)); beside one, the
    # scan is paid once, on the TC line.
    from rvucalc.engine.facility import ANCILLARY_WITHOUT_PROCEDURE

    assert not encounter.totals["asc"].payable
    assert ANCILLARY_WITHOUT_PROCEDURE in (encounter.totals["asc"].reason or "")
    with_surgery = pricer.price_encounter(["70450-26", "70450-TC", "64483"], **WHERE)
    surgery = with_surgery.lines[2].asc
    assert surgery is not None and surgery.rate is not None and technical.asc.rate is not None
    assert with_surgery.totals["asc"].facility_payment == technical.asc.rate + surgery.rate


def test_the_cli_counts_the_asc_once_for_the_surgeons_and_the_assistants_claims(tmp_path: Path) -> None:
    """The trial's file as given (ZIP 59101, POS 24, July 2026 ASC rates): `rvucalc batch --summary` totalled the ASC's
    rate on both claims; the ASC's total is the surgeon's claim's plus the assistant's PFS amount. And `rvucalc price
    27447-80 -f json`: the ASC's site is the assistant's professional fee alone."""
    runner = CliRunner()
    claims = "claim,code,zip,pos,date\nX1,27447,59101,24,2026-08-01\nX2,27447-80,59101,24,2026-08-01\n"
    out = runner.invoke(app, ["batch", "-", "-q"], input=claims)
    assert out.exit_code == 0, out.output
    surgeon, assistant = csv.DictReader(io.StringIO(out.stdout))
    assert _money(assistant["asc_rate"]) == 0 < _money(surgeon["asc_rate"])  # type: ignore[operator]
    assert _money(assistant["allowed"]) == _money(assistant["professional_allowed"])
    written = runner.invoke(app, ["batch", "-", "-q", "-o", str(tmp_path / "out.csv"), "--summary", "-"], input=claims)
    summary = json.loads(written.stdout)
    asc = summary["totals"]["asc"]
    assert Decimal(asc["allowed"]) == _money(surgeon["allowed"]) + _money(assistant["professional_allowed"])  # type: ignore[operator]
    single = json.loads(runner.invoke(app, ["price", "27447-80", "--zip", "59101", "--date", "2026-08-01",
                                            "-f", "json"]).stdout)  # fmt: skip
    site = next(site for site in single["sites"] if site["setting"] == "asc")
    assert Decimal(str(site["facility_payment"])) == 0
    assert Decimal(str(site["total"])) == _money(assistant["asc_allowed"]) == _money(assistant["professional_allowed"])


@pytest.mark.parametrize("codes", [["27447", "27447-80"], ["27447-80", "27447"], ["27447-62", "27447-62"],
                                   ["27447-80", "27447-62"]])  # fmt: skip
def test_the_assistants_and_co_surgeons_lines_pay_the_facility_once(pricer: Pricer, codes: list[str]) -> None:
    """The procedure's facility payment is on the surgeon's line (the one without a part modifier), or the first
    co-surgeon's, never the assistant's (``ASSISTANT_FACILITY_NOTE``): a J1 procedure in the hospital, an ASC
    procedure not halved by the multiple procedure rule."""
    opps, asc = _opps_rate(pricer, "27447"), _asc_rate(pricer, "27447")
    encounter = pricer.price_encounter(codes, **WHERE)
    carrier = next(n for n, code in enumerate(codes) if code in ("27447", "27447-62"))
    for number, line in enumerate(encounter.lines):
        paid = number == carrier
        assert (line.opps.rate, line.asc.rate) == ((opps, asc) if paid else (0, 0)), (codes, number)
        assert not line.opps.adjustments and not line.asc.adjustments, (codes, number)
        assistant = codes[number].endswith("-80")
        assert any(note.startswith(PAID_ONCE) for note in line.opps.notes) is not (paid or assistant)
        assert (ASSISTANT_FACILITY_NOTE in line.notes) is assistant
    for setting, rate in (("hopd", opps), ("asc", asc)):
        total = encounter.totals[setting]
        assert total.facility_payment == rate
        assert total.professional_payment == sum(line.pfs.facility.amount for line in encounter.lines)


def test_a_distinct_service_keeps_its_facility_payment_and_a_plain_line_carries_it(pricer: Pricer) -> None:
    """70450-TC-59 is a service of its own; beside 70450 (the global service) the 26 line is paid no facility."""
    rate = _opps_rate(pricer, "70450")
    lines = pricer.price_encounter(["70450-26", "70450", "70450-TC-59"], **WHERE).lines
    assert [line.opps.rate for line in lines] == [0, rate, rate]
    assert paid_on_note("hopd", "70450", "70450") in lines[0].opps.notes


def test_the_line_whose_payment_is_carried_is_not_ranked_in_the_asc_discount(pricer: Pricer) -> None:
    """63047 63047-80 29888: the assistant's 63047 line is no second ASC procedure: 29888 (the higher paid) at 100%,
    the surgeon's 63047 at 50% and the assistant's line nothing (not a third procedure at 50%)."""
    spine, knee = _asc_rate(pricer, "63047"), _asc_rate(pricer, "29888")
    assert spine < knee
    lines = pricer.price_encounter(["63047", "63047-80", "29888"], **WHERE).lines
    assert [line.asc.rate for line in lines] == [_cents(Fraction(spine) / 2), 0, knee]


def test_several_units_of_a_carried_line_pay_no_facility(pricer: Pricer) -> None:
    """2 units of the assistant's 27447 line (a bilateral procedure: its amount is both sides'): no facility payment."""
    _, assistant = pricer.price_encounter(["27447", "27447-80"], units=[1, 2], **WHERE).lines
    for setting in ("hopd", "asc"):
        site = _site(assistant, setting)
        assert site.facility_payment == 0 and site.total == site.professional_payment == assistant.pfs.facility.amount


FACILITY_CLAIMS = [
    ["70450-26", "70450-TC"],
    ["27447", "27447-80"],
    ["27447-62", "27447-62"],
    ["70450-26", "70450", "70450-TC-59"],
    ["63047", "63047-80", "29888"],
    ["63047-80", "63047-62", "63047-62", "29888-62", "29888"],
    ["70450-26"],
]


@pytest.mark.parametrize("by_arrays", [True, False])
@pytest.mark.parametrize("setting", ["", "22", "24"])
def test_batch_claims_pay_the_facility_once_as_the_single_lookup(
    pricer: Pricer, monkeypatch: Any, by_arrays: bool, setting: str
) -> None:  # fmt: skip
    from rvucalc.batch import claims

    monkeypatch.setattr(claims, "BY_ARRAYS", by_arrays)
    out = iter(_batch(pricer, FACILITY_CLAIMS, setting))
    for codes in FACILITY_CLAIMS:
        encounter = pricer.price_encounter(codes, **WHERE)
        chosen = pricer.price_encounter(codes, setting=setting, **WHERE).lines if setting else encounter.lines
        for line, picked in zip(encounter.lines, chosen, strict=True):
            row = next(out)
            assert row["error"] == "", (codes, row["error"])
            for name, value in (("opps_rate", line.opps.rate), ("opps_copayment", line.opps.copayment),
                                ("asc_rate", line.asc.rate), ("asc_coinsurance", line.asc.coinsurance),
                                ("pfs_facility_amount", line.pfs.facility.amount)):  # fmt: skip
                assert _money(row[name]) == value, (codes, line.code, name, row["note"])
            for site in line.sites:
                for measure, attribute in (("allowed", "total"), ("beneficiary", "beneficiary"),
                                           ("medicare", "medicare")):  # fmt: skip
                    expected = getattr(site, attribute) if site.payable else None
                    assert _money(row[f"{site.setting}_{measure}"]) == expected, (codes, site.setting, measure)
            if setting:
                [site] = picked.sites
                assert _money(row["allowed"]) == (site.total if site.payable else None), (codes, line.code)
            for facility, result in (("OPPS", line.opps), ("ASC", line.asc)):
                for note in result.notes:
                    if note.startswith(PAID_ONCE):  # at the ASC the OPPS note is the hopd_* comparison's
                        label = {("OPPS", "24"): OPPS_ELSEWHERE, ("ASC", "22"): ASC_ELSEWHERE}.get(
                            (facility, setting), f"{ENCOUNTER} ({facility}): "
                        )  # at the hospital the ASC's the asc_* comparison's
                        # (another site's: the row's comparison_note)
                        where = (
                            "note"
                            if label.startswith(f"{ENCOUNTER} (") and "not this row's site" not in label
                            else "comparison_note"
                        )
                        assert f"{label}{note}" in row[where], (codes, row["note"], row["comparison_note"])
            said = any(note.startswith(PAID_ONCE) for note in line.opps.notes + line.asc.notes)
            assert (PAID_ONCE in row["note"] + row["comparison_note"]) is said, (codes, row["note"])


def test_batch_claims_of_several_units_pay_the_facility_once_as_the_single_lookup(pricer: Pricer) -> None:
    claims = [(["70450-26", "70450-TC"], [1, 3]), (["27447", "27447-80"], [1, 2]), (["63047-62", "63047-62"], [2, 2])]
    rows = [{"claim": f"C{n}", "code": cell.partition("-")[0], "modifier": cell.partition("-")[2], "zip": ZIP,
             "date": DATE, "units": str(count)}
            for n, (cells, units) in enumerate(claims) for cell, count in zip(cells, units, strict=True)]  # fmt: skip
    out = iter(BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist())
    for codes, units in claims:
        for line in pricer.price_encounter(codes, units=units, **WHERE).lines:
            row = next(out)
            for site in line.sites:
                for measure, attribute in (("allowed", "total"), ("beneficiary", "beneficiary"),
                                           ("medicare", "medicare")):  # fmt: skip
                    expected = getattr(site, attribute) if site.payable else None
                    assert _money(row[f"{site.setting}_{measure}"]) == expected, (codes, site.setting, measure)


@pytest.mark.parametrize("pair", [["27447", "27447-80"], ["27447", "27447-AS"], ["71046-FX", "71046-26"]])
def test_a_file_whose_one_claim_only_the_facility_rule_changes_is_priced(pricer: Pricer, pair: list[str]) -> None:
    """A review: a file whose only encounter rule at work was the one facility payment (27447 + 27447-80: the
    assistant ranks apart, so no other rule acts) crashed the run, nothing written; the tests above batch several
    claims at once, and another claim's rules had set what the crash missed."""
    rows = _batch(pricer, [pair])
    single = pricer.price_encounter(pair, zip_code="10001", date_of_service=DATE)
    for row, line in zip(rows, single.lines, strict=True):
        assert row["error"] == ""
        for name, result in (("opps_rate", line.opps), ("asc_rate", line.asc)):
            assert _money(row[name]) == (result.rate if result.payable else None), (name, line.code)
        assert _money(row["pfs_facility_amount"]) == line.pfs.facility.amount


# -- 3. a 55 or 56 line carries no facility payment ------------------------------------------------------------
# Pre- and postoperative care are physicians' services, not ASC (or hospital) services (Medicare Benefit Policy Manual
# ch. 15 §260.4); the facility is paid for the procedure it furnished, once, on its own claim (42 CFR 416.164(a)): the
# surgeon's line (54) keeps the facility's rates, the 55 and 56 lines are the physician's share alone
# (engine.facility.SPLIT_CARE_FACILITY_NOTES).

SHARES = {"54": ("pre_op", "intra_op"), "55": ("post_op",), "56": ("pre_op",)}


def _split_care_fee(pricer: Pricer, part: str) -> Decimal:
    """27447's PFS facility fee schedule amount times the part's share (the RVU file's PRE OP / INTRA OP / POST OP
    fractions, 2 decimals), rounded once."""
    row = _store(pricer, "pfs").rvu("27447", "")
    assert row is not None
    share = sum((Fraction(row[name], 100) for name in SHARES[part]), Fraction(0))
    return _cents(_facility_fee(pricer, "27447") * share)


@pytest.mark.parametrize("part", ["55", "56"])
def test_a_55_or_56_line_carries_no_facility_payment(pricer: Pricer, part: str) -> None:
    """A review: `price 27447-55 --zip 10001 --setting asc` showed the ASC's rate for the knee ($9,953.69 in 2026) on
    the postoperative physician's line, as if the ASC were paid because that physician billed. Its hospital and ASC
    rates are $0.00, its total there its PFS facility amount (the post-op or pre-op share), with a note; the 54 line
    (the surgery) keeps Addendum B's and Addendum AA/FF's rates."""
    from rvucalc.engine.facility import SPLIT_CARE_FACILITY_NOTES

    note = SPLIT_CARE_FACILITY_NOTES[part]
    line = pricer.price(f"27447-{part}", **WHERE)
    assert line.pfs.facility.amount == _split_care_fee(pricer, part)
    assert line.opps.rate == 0 and line.opps.copayment == 0 and line.asc.rate == 0 and line.asc.coinsurance == 0
    assert note in line.notes and not line.asc.notes
    for setting in ("hopd", "asc"):
        site = _site(line, setting)
        assert site.payable and site.facility_payment == 0
        assert site.total == site.professional_payment == line.pfs.facility.amount
        assert site.beneficiary == _cents(Fraction(line.pfs.facility.amount) / 5)
    # In the ASC (24) and the hospital (22, on campus) chosen by place of service: the same site; not in the office.
    for setting, site_name in (("24", "asc"), ("22", "hopd"), ("asc", "asc")):
        chosen = pricer.price(f"27447-{part}", setting=setting, **WHERE)
        [site] = chosen.sites
        assert site.setting == site_name and site.facility_payment == 0, setting
        assert site.total == line.pfs.facility.amount, setting
        assert note in chosen.notes, setting
    assert note not in pricer.price(f"27447-{part}", setting="office", **WHERE).notes
    surgeon = pricer.price("27447-54", **WHERE)
    assert surgeon.pfs.facility.amount == _split_care_fee(pricer, "54")
    assert surgeon.opps.rate == _opps_rate(pricer, "27447") and surgeon.asc.rate == _asc_rate(pricer, "27447")
    assert not any(text in surgeon.notes for text in SPLIT_CARE_FACILITY_NOTES.values())


def test_the_surgeons_54_line_carries_the_facility_payment_beside_the_55_line(pricer: Pricer) -> None:
    """27447-54 27447-55 on one claim: the facility is paid the knee once, on the 54 line (not the 55 line, nor
    discounted as a second procedure); the encounter's facility total is the procedure's rate."""
    opps, asc = _opps_rate(pricer, "27447"), _asc_rate(pricer, "27447")
    for codes in (["27447-54", "27447-55"], ["27447-55", "27447-54"], ["27447-56", "27447-54", "27447-55"]):
        encounter = pricer.price_encounter(codes, **WHERE)
        for code, line in zip(codes, encounter.lines, strict=True):
            surgery = code.endswith("-54")
            assert (line.opps.rate, line.asc.rate) == ((opps, asc) if surgery else (0, 0)), (codes, code)
            assert not line.asc.adjustments, (codes, code)
        for setting, rate in (("hopd", opps), ("asc", asc)):
            total = encounter.totals[setting]
            assert total.facility_payment == rate, (codes, setting)
            assert total.professional_payment == sum(line.pfs.facility.amount for line in encounter.lines)


def test_the_cli_says_the_55_lines_facility_is_paid_on_its_own_claim() -> None:
    """`rvucalc price 27447-55 --setting asc`: no national rate and device portion shown as this line's, the ASC's
    $0.00 and why."""
    runner = CliRunner()
    out = runner.invoke(app, ["price", "27447-55", "--zip", ZIP, "--date", DATE, "--setting", "asc"])
    assert out.exit_code == 0, out.output
    text = " ".join(out.stdout.split())
    assert "no ASC facility payment on this postoperative management (55) line ($0.00)" in text, text
    assert "device portion" not in text and "Device-intensive:" not in text, text


@pytest.mark.parametrize("by_arrays", [True, False])
@pytest.mark.parametrize("setting", ["", "22", "24"])
def test_batch_55_and_56_rows_carry_no_facility_payment_as_the_single_lookup(
    pricer: Pricer, monkeypatch: Any, by_arrays: bool, setting: str
) -> None:  # fmt: skip
    """A batch row at POS 24 (or 22) with modifier 55, alone or on the surgeon's claim: its rates $0.00, its allowed
    amount its PFS facility amount, with the single lookup's note; the 54 row keeps the facility's rate."""
    from rvucalc.batch import claims
    from rvucalc.engine.facility import SPLIT_CARE_FACILITY_NOTES

    monkeypatch.setattr(claims, "BY_ARRAYS", by_arrays)
    split = [["27447-54", "27447-55"], ["27447-55"], ["27447-56", "27447-54", "27447-55"], ["27447-55", "29888"]]
    rows = _batch(pricer, split, setting)
    alone = [{"code": "27447", "modifier": part, "zip": ZIP, "date": DATE, "setting": setting} for part in ("55", "56")]
    rows += BatchPricer(pricer).price_table(pa.Table.from_pylist(alone)).to_pylist()
    out = iter(rows)
    for codes in [*split, ["27447-55"], ["27447-56"]]:
        chosen = pricer.price_encounter(codes, setting=setting or None, **WHERE).lines  # type: ignore[arg-type]
        for code, line in zip(codes, chosen, strict=True):
            row = next(out)
            assert row["error"] == "", (codes, row["error"])
            for name, value in (("opps_rate", line.opps.rate), ("asc_rate", line.asc.rate),
                                ("pfs_facility_amount", line.pfs.facility.amount)):  # fmt: skip
                assert _money(row[name]) == value, (codes, code, name, row["note"])
            part = code.rpartition("-")[2]
            if part in SPLIT_CARE_FACILITY_NOTES:
                assert _money(row["opps_rate"]) == _money(row["asc_rate"]) == 0, (codes, code)
                assert _money(row["asc_allowed"]) == _money(row["hopd_allowed"]) == _split_care_fee(pricer, part)
                assert SPLIT_CARE_FACILITY_NOTES[part] in row["note"], (codes, row["note"])
                assert SPLIT_CARE_FACILITY_NOTES[part] in line.notes
            if setting:
                [site] = line.sites
                assert _money(row["allowed"]) == site.total, (codes, code)


@pytest.mark.parametrize("by_arrays", [True, False])
def test_an_assistants_or_split_care_line_of_an_inpatient_only_code_denies_no_other_hospital_line(
    pricer: Pricer, monkeypatch: Any, by_arrays: bool
) -> None:  # fmt: skip
    """33533 is inpatient only (SI C): on the hospital's claim it takes the claim's other OPPS lines with it (ch. 4
    §180.7). A 55, 56 or 80 line of it is a physician's, not the hospital's procedure: 93306 beside it keeps its
    OPPS rate (a review: $0.00 beside 33533-55), in price and batch alike; beside 33533 itself it is still denied."""
    from rvucalc.batch import claims

    monkeypatch.setattr(claims, "BY_ARRAYS", by_arrays)
    alone = pricer.price_encounter(["93306"], setting="22", **WHERE).lines[0].opps.rate  # type: ignore[arg-type]
    assert alone is not None and alone > 0
    encounters = [["33533-55", "93306"], ["33533-56", "93306"], ["33533-80", "93306"], ["33533", "93306"]]
    rows = _batch(pricer, encounters, "22")
    for number, codes in enumerate(encounters):
        expected = alone if "-" in codes[0] else Decimal("0.00")
        priced = pricer.price_encounter(codes, setting="22", **WHERE).lines[1]  # type: ignore[arg-type]
        assert priced.opps.rate == expected, codes
        assert _money(rows[2 * number + 1]["opps_rate"]) == expected, (codes, rows[2 * number + 1]["note"])
