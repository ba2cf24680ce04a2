"""A review of batch's claims beside `rvucalc price`:

1. `price 0510T 11102 --setting 11` says the total is not priced: 0510T is priced by the MAC (status C) and ranks with
   11102 under the multiple procedure rule (indicator 2 both), so its fee may be the one paid in full. Batch's claim of
   the same lines paid 11102 in full and said nothing of it; its `--summary` claim read like one whose MAC line no
   rule ranks (99213 beside 0510T, whose total price gives). Now the 11102 row says what price's total says (the same
   words, engine.facility.mac_ranked_note), and `--summary` counts such rows per claim (`mac_ranked`) and in the run
   (`mac_ranked`: rows, claims), as stderr does.
2. `--summary`'s per-claim `unpriced` counted a status B line (bundled: paid as part of the other services) with the
   lines that have no price. `unpriced` keeps its meaning (the claim's lines without an allowed amount); `bundled`
   says how many of them are the PFS's bundled lines, per claim and in the run, and stderr counts them.
"""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from rvucalc.batch.claims import PFS_PREFIX
from rvucalc.cli import app
from rvucalc.engine.facility import mac_ranked_note
from test_cardiology_trial import SUBURBAN_CHICAGO_2026, rvu_row
from test_imaging_order import fee, gpci, rvu

DATE = "2026-08-05"
ZIP = "60540"
RANKED = PFS_PREFIX + mac_ranked_note(["0510T"])


def _batch(tmp_path: Path, lines: list[tuple[str, str, str]]) -> tuple[list[dict[str, str]], dict[str, Any], str]:
    """`rvucalc batch --summary` of lines (claim, place of service, code) at ZIP 60540 on 2026-08-05: the rows, the
    summary and stderr."""
    source, target, summary = tmp_path / "claims.csv", tmp_path / "priced.csv", tmp_path / "summary.json"
    source.write_text("claim_id,dos,pos,zip,code,units\n"
                      + "".join(f"{claim},{DATE},{pos},{ZIP},{code},1\n" for claim, pos, code in lines))  # fmt: skip
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(target), "--summary", str(summary)])
    assert result.exit_code == 0, result.output
    with target.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    return rows, json.loads(summary.read_text()), " ".join(result.stderr.split())


def test_cms_rows_the_review_read() -> None:
    """RVU26C: 0510T status C (the MAC prices it), indicator 2; 11102 status A, indicator 2; 99213 indicator 0; 99070
    status B (bundled)."""
    assert [rvu_row("2026C", "0510T")[i] for i in (3, 18)] == ["C", "2"]
    assert [rvu_row("2026C", "11102")[i] for i in (3, 18)] == ["A", "2"]
    assert rvu_row("2026C", "99213")[18] == "0"
    assert rvu_row("2026C", "99070")[3] == "B"


@pytest.mark.parametrize("pos", ["11", "21", "22", "24"])
def test_a_line_a_mac_priced_line_ranks_says_what_price_says_of_the_total(
    pricer: Any, tmp_path: Path, pos: str
) -> None:
    """Price's total is not priced and its reason says why in mac_ranked_note's words; batch's 11102 row says the same
    (after "Claim encounter (PFS): "), its amount still 11102's own fee (CMS's, in the office), and the summary counts
    the claim's ranked row; the claim of 99213 and 0510T (no rule ranks them) is priced by both, no such note, none
    counted."""
    encounter = pricer.price_encounter(["11102", "0510T"], zip_code=ZIP, date_of_service=DATE, setting=pos)
    [total] = encounter.totals.values()
    assert not total.payable and total.professional_payment is None
    assert mac_ranked_note(["0510T"]) in (total.reason or "")
    apart = pricer.price_encounter(["99213", "0510T"], zip_code=ZIP, date_of_service=DATE, setting=pos)
    [other] = apart.totals.values()
    assert mac_ranked_note(["0510T"]) not in (other.reason or "")
    rows, summary, stderr = _batch(tmp_path, [("R", pos, "11102"), ("R", pos, "0510T"), ("S", pos, "99213"),
                                              ("S", pos, "0510T")])  # fmt: skip
    notes = {(row["claim_id"], row["code"]): row["note"].split("; ") for row in rows}
    assert RANKED in notes["R", "11102"]
    assert not any(RANKED in parts for key, parts in notes.items() if key != ("R", "11102"))
    if pos == "11":
        assert Decimal(rows[0]["allowed"]) == fee(2026, SUBURBAN_CHICAGO_2026, "11102") == Decimal("99.17")
    claims = summary["claims"]
    assert (claims["R"]["mac_ranked"], claims["S"]["mac_ranked"]) == (1, 0)
    assert claims["R"]["bundled"] == claims["S"]["bundled"] == 0
    assert summary["mac_ranked"] == {"rows": 1, "claims": 1}
    assert "1 row of 1 claim ranked with a line the MAC prices" in stderr


def test_a_bundled_line_is_counted_apart_from_the_unpriced_ones(tmp_path: Path) -> None:
    """99070 (status B) beside 99213 and 0510T (the MAC's, no rule ranking it) beside 99213: each claim has one line
    without an allowed amount (`unpriced` 1, as before); the first's is bundled, the second's is not."""
    rows, summary, stderr = _batch(tmp_path, [("B", "11", "99213"), ("B", "11", "99070"), ("M", "11", "99213"),
                                              ("M", "11", "0510T")])  # fmt: skip
    assert [row["allowed"] for row in rows] == [rows[0]["allowed"], "", rows[0]["allowed"], ""]
    assert Decimal(rows[0]["allowed"]) == fee(2026, SUBURBAN_CHICAGO_2026, "99213")
    claims = summary["claims"]
    assert (claims["B"]["unpriced"], claims["B"]["bundled"]) == (1, 1)
    assert (claims["M"]["unpriced"], claims["M"]["bundled"]) == (1, 0)
    assert summary["bundled"] == 1 and summary["mac_ranked"] == {"rows": 0, "claims": 0}
    assert "1 bundled row (PFS status B" in stderr and "ranked with a line the MAC prices" not in stderr


def test_without_summary_stderr_counts_the_ranked_rows(tmp_path: Path) -> None:
    """No --summary: the run counts no claims; stderr counts the rows."""
    source = tmp_path / "claims.csv"
    source.write_text(f"claim_id,dos,pos,zip,code,units\nR,{DATE},11,{ZIP},11102,1\nR,{DATE},11,{ZIP},0510T,1\n")
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv")])
    assert result.exit_code == 0, result.output
    assert "1 row ranked with a line the MAC prices" in " ".join(result.stderr.split())


MAC_CODES = ("0510T", "0640T", "0903T", "0653T", "A9500")  # status C, indicators 2, 4, 6, 3, 0 (RVU26C)
PARTNERS = ("11102", "70450", "93306", "43239", "99213")  # status A, indicators 2, 4, 6, 3, 0


def test_price_and_batch_agree_on_which_claims_a_mac_priced_line_leaves_not_priced(pricer: Any, tmp_path: Path) -> None:
    """Every pair of a line the MAC prices and a priced line, at every kind of site: price's total says the MAC's
    line may rank the other (mac_ranked_note) exactly where batch's row of the other line says it and the summary
    counts the claim; the rule ranks by indicator (2 and 3 with 1-3, 4 with 4, 6 with 6 but not on the physician's
    claim at a facility, 0 never)."""
    assert [rvu_row("2026C", code)[18] for code in MAC_CODES] == ["2", "4", "6", "3", "0"]
    assert [rvu_row("2026C", code)[3] for code in MAC_CODES] == ["C"] * 5
    assert [rvu_row("2026C", code)[18] for code in PARTNERS] == ["2", "4", "6", "3", "0"]
    cases = [(mac, partner, pos) for mac in MAC_CODES for partner in PARTNERS for pos in ("11", "21", "22", "24")]
    said = {}
    for mac, partner, pos in cases:
        encounter = pricer.price_encounter([partner, mac], zip_code=ZIP, date_of_service=DATE, setting=pos)
        [total] = encounter.totals.values()
        said[mac, partner, pos] = mac_ranked_note([mac]) in (total.reason or "")
    rows, summary, _ = _batch(tmp_path, [(f"{mac}-{partner}-{pos}", pos, code) for mac, partner, pos in cases
                                         for code in (partner, mac)])  # fmt: skip
    noted = {row["claim_id"]: PFS_PREFIX + mac_ranked_note([row["claim_id"].split("-")[0]]) in row["note"].split("; ")
             for row in rows if row["code"] == row["claim_id"].split("-")[1]}  # fmt: skip
    counted = {claim: entry["mac_ranked"] == 1 for claim, entry in summary["claims"].items()}
    assert {f"{mac}-{partner}-{pos}": value for (mac, partner, pos), value in said.items()} == noted == counted
    # The rule as CMS's indicators give it (RVU file documentation, "Multiple Procedure (Modifier 51)").
    ranked = {("0510T", "11102"), ("0510T", "43239"), ("0653T", "11102"), ("0653T", "43239"), ("0640T", "70450"),
              ("0903T", "93306")}  # fmt: skip
    expected = {(mac, partner, pos): (mac, partner) in ranked and not (mac == "0903T" and pos != "11")
                for mac, partner, pos in cases}  # fmt: skip
    assert said == expected


@pytest.mark.parametrize("pos", ["11", "22"])
def test_a_discontinued_study_the_mac_prices_ranked_by_its_full_fee_says_so(
    pricer: Any, tmp_path: Path, pos: str
) -> None:
    """A review: 72149-26-53 (no CMS 53 row: the MAC prices it) beside 76770-26 cut 76770-26 by the imaging 5%, 72149
    ranked by its full fee, and called the physician's total priced, silently. As a status C line a rule ranks: price's
    total is not priced, its reason in mac_ranked_note's words naming 72149 as ranked by its full fee, and batch's
    76770 row says the same and is counted (mac_ranked); 76770-26's amount is unchanged."""
    assert [rvu_row("2026C", code)[18] for code in ("72149", "76770")] == ["4", "4"]
    note = mac_ranked_note(["72149"], ["72149"])
    encounter = pricer.price_encounter(["72149-26-53", "76770-26"], zip_code=ZIP, date_of_service=DATE, setting=pos)
    [total] = encounter.totals.values()
    assert not total.payable and total.professional_payment is None
    assert note in (total.reason or "")
    rows, summary, _ = _batch(tmp_path, [("D", pos, "72149-26-53"), ("D", pos, "76770-26")])
    assert PFS_PREFIX + note in rows[1]["note"].split("; ")
    assert summary["claims"]["D"]["mac_ranked"] == 1
    [line] = [each for each in encounter.lines if each.code == "76770"]
    site = line.pfs.non_facility if pos == "11" else line.pfs.facility
    assert Decimal(rows[1]["allowed"] or rows[1]["professional_allowed"]) == site.amount


def _facility_fee(code: str) -> Decimal:
    """RVU26C's PFS facility amount at ZIP 60540: (work x GPCI + facility PE x GPCI + MP x GPCI) x CF, to the cent."""
    row = rvu_row("2026C", code)
    _, _, _, cf = rvu(2026, code)
    w, p, m = gpci(2026, SUBURBAN_CHICAGO_2026[0], SUBURBAN_CHICAGO_2026[1])
    amount = Decimal(row[5]) * w + Decimal(row[8]) * p + Decimal(row[10]) * m
    return (amount * cf).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.mark.parametrize("pos", ["22", "24"])
@pytest.mark.parametrize("stopped", ["29881", "29880"])
def test_a_discontinued_procedure_whose_full_fee_ranks_below_a_priced_line_leaves_the_total_priced(
    pricer: Any, tmp_path: Path, pos: str, stopped: str
) -> None:
    """A review: 29881-53 (no CMS 53 row: the MAC prices it) beside 29880, one endoscopy family (29870, indicator 3),
    left the physician's total not priced, "it may be the one paid in full", though 29881's full fee ranks below
    29880's: the MAC's price of a discontinued procedure cannot exceed its code's full fee, so 29880 is paid in full
    whatever the MAC pays. The total is then priced (29880's full fee) and batch's 29880 row neither says nor counts
    it; 29880-53 beside 29881 (its full fee ranking first) still leaves the total not priced, in price and batch."""
    assert [rvu_row("2026C", code)[18] for code in ("29880", "29881")] == ["3", "3"]
    full = {code: _facility_fee(code) for code in ("29880", "29881")}
    assert full["29881"] < full["29880"]
    other = "29880" if stopped == "29881" else "29881"
    encounter = pricer.price_encounter([f"{stopped}-53", other], zip_code=ZIP, date_of_service=DATE, setting=pos)
    [total] = encounter.totals.values()
    rows, summary, _ = _batch(tmp_path, [("E", pos, f"{stopped}-53"), ("E", pos, other)])
    note = PFS_PREFIX + mac_ranked_note([stopped], [stopped])
    if stopped == "29881":  # ranked below 29880: 29880 paid in full
        assert total.professional_payment == full["29880"]
        assert "may be the one paid in full" not in (total.reason or "")
        assert total.payable == (pos == "24")  # the hospital's: no OPPS CY2026 file shipped
        assert Decimal(rows[1]["professional_allowed"]) == full["29880"]
        assert note not in rows[1]["note"].split("; ")
        assert summary["claims"]["E"]["mac_ranked"] == 0
    else:  # 29880's full fee ranks first: the MAC's price may too
        assert not total.payable and total.professional_payment is None
        assert mac_ranked_note([stopped], [stopped]) in (total.reason or "")
        assert note in rows[1]["note"].split("; ")
        assert summary["claims"]["E"]["mac_ranked"] == 1
