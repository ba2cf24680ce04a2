"""Outpatient therapy in the hospital outpatient department (engine.hopd_therapy).

Claims Processing Manual ch. 5 §10.1: hospitals are among the providers whose outpatient therapy the MPFS pays; CMS's
payment file (PF25PC) publishes the therapy reduction amount "in an institutional setting". A hospital line (POS 19,
22, --setting hopd) of an always-therapy code (multiple procedure indicator 5, SI A in Addendum B) is paid the office's
amounts (the line's PFS non-facility amount after the therapy reduction, later units, CQ/CO), with no professional fee;
in 2026, whose Addendum B is not installed, the same, never advising to install it. Single lookups, encounters and
batch (rows and claims) alike; CMS's own Alabama amounts: tests/test_cms_payment_files.py.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from conftest import SITE_MEASURES
from rvucalc.batch.lines import run_notes
from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine.hopd_therapy import HOPD_THERAPY_NOTE
from rvucalc.engine.kernels import coinsurance
from rvucalc.lookup.pricer import Pricer
from test_differential import _note

runner = CliRunner()
ZIP = "10001"
CASES = [  # code, units, setting (a place of service or a site), date
    ("97110-GP", 2, "22", "2025-11-03"),
    ("97110-GP", 2, "19", "2025-11-03"),
    ("97110-CQ-GP", 3, "hopd", "2025-11-03"),
    ("97161-GP", 1, "22", "2025-11-03"),
    ("97110-GP", 2, "22", "2026-08-03"),
    ("97140-GO", 1, "hopd", "2026-08-03"),
]


def _money(value: Any) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value)).quantize(Decimal("0.01"))


def batch_rows(pricer: Pricer, cases: list[tuple[str, int, str, str]], zip_code: str) -> list[dict[str, Any]]:
    """Each case (CODE-MODS, units, setting, date) a batch row at ``zip_code``, priced in one table."""
    table = pa.table({
        "code": [c.split("-", 1)[0] for c, _, _, _ in cases],
        "modifier": ["-".join(c.split("-")[1:]) for c, _, _, _ in cases],
        "zip": [zip_code] * len(cases), "date": [d for _, _, _, d in cases],
        "units": [str(u) for _, u, _, _ in cases], "setting": [s for _, _, s, _ in cases],
    })  # fmt: skip
    return BatchPricer(pricer).price_table(table).to_pylist()


@pytest.fixture(scope="module")
def rows(pricer: Pricer) -> list[dict[str, Any]]:
    return batch_rows(pricer, CASES, ZIP)


@pytest.mark.parametrize("at", range(len(CASES)))
def test_hospital_therapy_is_the_office_s_amount_in_price_and_batch(pricer: Pricer, rows: Any, at: int) -> None:
    code, units, setting, date = CASES[at]
    everywhere = pricer.price(code, zip_code=ZIP, date_of_service=date, units=units)
    office, hopd = (next(s for s in everywhere.sites if s.setting == name) for name in ("office", "hopd"))
    placed = pricer.price(code, zip_code=ZIP, date_of_service=date, units=units, setting=setting)
    [there] = placed.sites
    assert office.payable and hopd.payable and there == hopd
    assert (hopd.total, hopd.beneficiary, hopd.medicare) == (office.total, office.beneficiary, office.medicare)
    assert hopd.facility_payment == office.total and hopd.professional_payment is None
    assert hopd.beneficiary == Decimal(coinsurance(int(office.total.scaleb(2)))).scaleb(-2)  # 20%, rounded once
    assert HOPD_THERAPY_NOTE in everywhere.notes
    assert "Addendum B with" not in (everywhere.opps.reason or "")  # never "install Addendum B" for therapy
    row = rows[at]
    assert row["error"] == "", row
    for measure, attribute in SITE_MEASURES.items():
        assert _money(row[f"hopd_{measure}"]) == _money(getattr(hopd, attribute)), measure
        assert _money(row[measure]) == _money(getattr(hopd, attribute)), measure
    assert row["professional_allowed"] is None and row["opps_rate"] is None
    line = {"zip": ZIP, "locality": "", "date": date, "setting": setting}
    site = {"22": "hopd", "19": "hopd"}.get(setting, setting)
    parts = row["note"].split("; ")
    if setting == "19":  # its place note (an off-campus department: PO or PN) is the lookup's in that setting
        said = [note for note in placed.notes if note not in run_notes(placed.year)]
        at = [row["note"].find(note) for note in said]  # in the lookup's order (some notes hold '; ' themselves)
        assert min(at) >= 0 and at == sorted(at), (at, row["note"])
    else:
        assert (row["note"], row["comparison_note"]) == _note(everywhere, site, line)
    assert HOPD_THERAPY_NOTE in parts and HOPD_THERAPY_NOTE in placed.notes


def test_a_therapy_encounter_at_the_hospital_is_priced_as_the_office_in_price_and_batch(pricer: Pricer) -> None:
    """`price 97110-GP 97140-GP --setting 22`: the encounter's therapy reduction, as in the office; batch's claim."""
    codes, units, date = ["97110-GP", "97140-GP", "97010-GP"], [2, 1, 1], "2025-11-03"
    office = pricer.price_encounter(codes, zip_code=ZIP, date_of_service=date, units=units, setting="11")
    hopd = pricer.price_encounter(codes, zip_code=ZIP, date_of_service=date, units=units, setting="22")
    table = pa.table({"claim": ["H1"] * 3, "code": [c.split("-")[0] for c in codes], "modifier": ["GP"] * 3,
                      "zip": [ZIP] * 3, "date": [date] * 3, "units": [str(u) for u in units],
                      "setting": ["22"] * 3})  # fmt: skip
    out = BatchPricer(pricer).price_table(table).to_pylist()
    reduced = [line.sites[0].total for line in office.lines]
    assert reduced[1] == Decimal("22.89")  # 97140's later service: 50% off its PE ($30.44 alone)
    for office_line, line, row in zip(office.lines, hopd.lines, out, strict=True):
        [site] = line.sites
        assert (site.total, site.beneficiary, site.medicare) == (
            office_line.sites[0].total,
            office_line.sites[0].beneficiary,
            office_line.sites[0].medicare,
        )
        for measure, attribute in SITE_MEASURES.items():
            assert _money(row[f"hopd_{measure}"]) == _money(getattr(site, attribute) if site.payable else None)
        assert (HOPD_THERAPY_NOTE in line.notes) is (HOPD_THERAPY_NOTE in row["note"]) is (line.code != "97010")
    assert hopd.totals["hopd"].total == Decimal("56.41") + Decimal("22.89")


@pytest.mark.parametrize("date", ["2025-11-03", "2026-08-03"])
def test_the_cli_prices_hospital_therapy_and_never_asks_for_addendum_b(date: str) -> None:
    result = runner.invoke(app, ["price", "97110-GP", "--setting", "22", "--zip", ZIP, "--date", date, "--units", "2",
                                 "--format", "json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Addendum B with" not in result.output
    doc = json.loads(result.stdout)
    [site] = doc["sites"]
    assert site["setting"] == "hopd" and site["payable"] and site["professional_payment"] is None


def test_the_encounter_table_shows_the_hospital_s_pfs_amount_of_each_therapy_line() -> None:
    """The encounter table's OPPS column said "—" for therapy lines at the hospital though the hospital's total had
    their PFS amounts: it shows each line's, named PFS, as JSON's hopd sites have them. CMS's own amounts: PFAL25A's
    97110 in locality 10112-00, $26.83, and its therapy reduction amount "in an institutional setting", $20.79
    (tests/test_cms_payment_files.py)."""
    import re

    args = ["price", "97110-GP", "97110-GP-59", "--setting", "hopd", "--locality", "1011200", "--date", "2025-01-15"]
    table = runner.invoke(app, args)
    doc = json.loads(runner.invoke(app, [*args, "--format", "json"]).stdout)
    assert table.exit_code == 0, table.output
    cells = {line.split("│")[1].strip(): line.split("│")[5].strip() for line in table.stdout.splitlines()
             if re.match(r"│ 97110", line)}  # fmt: skip
    paid = {"-".join([line["code"], *line["modifiers"]]): line["sites"][0]["facility_payment"] for line in doc["lines"]}
    assert sorted(paid.values()) == [20.79, 26.83]
    assert cells == {cell: f"${amount:,.2f} PFS" for cell, amount in paid.items()}


# 92610 (swallowing evaluation) is a therapy code by the RVU file's PC/TC indicator 7 ("Physical therapy service")
# though its multiple procedure indicator is 0, and October 2025's Addendum B lists it SI A: the hospital is paid its
# PFS non-facility amount, as 92507's. CMS's figures: PPRRVU2025_Oct's 92610 (work 1.30, non-facility PE 1.24, MP 0.04,
# CF 32.3465) at GPCI2025's Manhattan (13202 locality 01: 1.065, 1.166, 1.656), rounded once.
SWALLOWING_RVUS = ((Decimal("1.30"), Decimal("1.065")), (Decimal("1.24"), Decimal("1.166")),
                   (Decimal("0.04"), Decimal("1.656")))  # fmt: skip
SWALLOWING_AT_HOSPITAL = (sum(rvu * gpci for rvu, gpci in SWALLOWING_RVUS) * Decimal("32.3465")).quantize(
    Decimal("0.01"), rounding="ROUND_HALF_UP"
)


def test_a_swallowing_evaluation_at_the_hospital_is_paid_as_therapy_in_price() -> None:
    """`price 92507-GN 92610-GN --setting 22`: 92610 was the physician's facility fee ($76.72, HOPD $160.45)."""
    args = ["price", "92507-GN", "92610-GN", "--zip", ZIP, "--date", "2025-11-03", "--setting", "22", "-f", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    first, swallowing = doc["lines"]
    [site] = swallowing["sites"]
    assert Decimal("93.69") == SWALLOWING_AT_HOSPITAL
    assert _money(site["facility_payment"]) == SWALLOWING_AT_HOSPITAL and site["professional_payment"] is None
    assert _money(site["total"]) == SWALLOWING_AT_HOSPITAL
    assert HOPD_THERAPY_NOTE in swallowing["notes"]
    assert _money(doc["totals"]["hopd"]["total"]) == _money(first["sites"][0]["total"]) + SWALLOWING_AT_HOSPITAL


def test_a_swallowing_evaluation_at_the_hospital_is_paid_as_therapy_in_batch(tmp_path: Any) -> None:
    """The trial's UB-04 rows (type of bill 131, --paid-for facility): 92610 expected 0.00, 93.69 'overpaid'."""
    from conftest import run_batch_rows

    header = ["Patient Control Number", "Statement From", "HCPCS", "Modifier", "Units", "Type of Bill",
              "Service Facility ZIP", "Allowed Amt", "Paid"]  # fmt: skip
    cells = [["PCN02", "11/05/2025", "92507", "GN", "1", "131", ZIP, "83.73", "66.98"],
             ["PCN02", "11/05/2025", "92610", "GN", "1", "131", ZIP, "93.69", "74.95"]]  # fmt: skip
    done, out = run_batch_rows(tmp_path, [dict(zip(header, row, strict=True)) for row in cells], "--paid-for",
                               "facility")  # fmt: skip
    assert done.exit_code == 0, done.output
    swallowing = out[1]
    assert _money(swallowing["expected"]) == SWALLOWING_AT_HOSPITAL and _money(swallowing["variance"]) == 0
    assert _money(swallowing["hopd_allowed"]) == SWALLOWING_AT_HOSPITAL
    assert swallowing["professional_allowed"] == ""
    assert HOPD_THERAPY_NOTE in swallowing["note"]


@pytest.mark.parametrize("place", ["11", "22", ""])
def test_batch_names_the_addendum_b_that_decided_a_2026_therapy_row(tmp_path: Any, place: str) -> None:
    """2026 has no Addendum B installed: October 2025's (SI A for 92507) decided that the hospital is paid under the
    PFS. `price --setting 22 -f json` says so in its OPPS reason; batch's row named no OPPS release (at POS 11, 22 or
    none) and its summary listed releases.opps: []. The row names it in opps_release whatever its setting (its hopd_
    columns are given), in its note at the hospital (as price's notes), and the summary lists it."""
    from conftest import run_batch_rows

    rows = [{"claim": "A", "code": "92507", "modifier": "GN", "units": "1", "pos": place, "zip": ZIP,
             "date": "2026-08-03"}]  # fmt: skip
    summary = tmp_path / "summary.json"
    done, [row] = run_batch_rows(tmp_path, rows, "--summary", str(summary))
    assert done.exit_code == 0, done.output
    price = runner.invoke(app, ["price", "92507-GN", "--setting", "22", "--zip", ZIP, "--date", "2026-08-03", "-f",
                                "json"])  # fmt: skip
    reason = json.loads(price.stdout)["opps"]["reason"]
    assert "2025-10" in reason and "SI A" in reason
    assert row["hopd_allowed"] != "" and row["opps_release"] == "2025-10"
    # The note where the hospital is the row's setting, as the single lookup's notes say it (only there).
    assert (reason in row["note"]) is (place == "22")
    assert json.loads(summary.read_text())["releases"]["opps"] == ["2025-10"]


@pytest.mark.parametrize("code", ["92610", "92507-GN"])
def test_price_names_the_addendum_b_that_decided_a_2026_therapy_line_as_batch_does(tmp_path: Any, code: str) -> None:
    """`price 92610 --setting 22 --date 2026-03-02 -f json` gave opps.release null and no Addendum B among its sources
    (only its reason said 2025-10) while batch's row said opps_release 2025-10: both name the Addendum B that decided
    it, its file among price's sources."""
    from conftest import run_batch_rows

    done = runner.invoke(app, ["price", code, "--setting", "22", "--zip", ZIP, "--date", "2026-03-02", "-f", "json"])
    assert done.exit_code == 0, done.output
    doc = json.loads(done.stdout)
    name, _, modifier = code.partition("-")
    _, [row] = run_batch_rows(tmp_path, [{"code": name, "modifier": modifier, "pos": "22", "zip": ZIP,
                                          "date": "2026-03-02"}])  # fmt: skip
    assert doc["opps"]["release"] == row["opps_release"] == "2025-10"
    assert "2025-10" in doc["opps"]["reason"]
    assert [s["release"] for s in doc["sources"] if s["role"] == "addendum_b"] == ["2025-10"]
