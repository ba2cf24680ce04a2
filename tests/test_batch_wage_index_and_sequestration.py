"""`rvucalc batch --wage-index`, a wage index column, and `--sequestration`: price's options, the same money.

A review found batch's notes advising a hospital's wage index batch could not take (no option, a 'Wage Index' column
passed through unread), and no --sequestration where price has one. A hospital's wage index sets the OPPS rate alone
(tests/test_wage_index_opps_only.py); the 2% sequestration comes off each line's Medicare share, once.

Differential: every money column of every row, against `rvucalc price` of the same encounter (a claim's lines
together: an endoscopy family through batch.claims' rule functions, surgical lines and a J1's packaging through
batch.encounter_arrays), and CMS's figures where CMS publishes them (Addendum B's national rate at wage index 1.0,
the ASC's $516.15 at Washington, DC-MD's WI25; a DC ZIP: a Maryland hospital is not paid under the OPPS)."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.cli import app

runner = CliRunner()
DATE = "2025-11-10"
ZIP = "20001"
# claim -> its lines (code, units); a claim of one line is priced alone
CLAIMS = {
    "C1": [("45378", "1"), ("43239", "1")],  # an endoscopy family: batch.claims' rule functions
    "C2": [("11402", "1"), ("12032", "1")],  # surgical lines: the encounter arrays (PFS 50%, OPPS T, ASC discount)
    "C3": [("66984", "1"), ("96372", "1")],  # a J1 packaging the injection: the encounter arrays
    "C4": [("99213", "1")],
    "C5": [("J1885", "2")],  # a drug: the ASP file's, per unit
    "C6": [("80053", "1")],  # a lab: the CLFS's
}
SITE_MEASURES = ("allowed", "beneficiary", "medicare")
RATES = ("opps_rate", "opps_copayment", "asc_rate", "asc_coinsurance")


def _money(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value)).quantize(Decimal("0.01"))


def _price(codes: list[str], *options: str) -> dict[str, Any]:
    done = runner.invoke(app, ["price", *codes, "--zip", ZIP, "--date", DATE, "-f", "json", *options])
    assert done.exit_code in (0, 1), done.output
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _price_lines(claim: str, *options: str) -> list[dict[str, Any]]:
    """Price's lines of a claim (one code: its result is the line)."""
    lines = CLAIMS[claim]
    codes = [code for code, _ in lines]
    if len(codes) == 1:
        return [_price([codes[0], "--units", lines[0][1]], *options)]
    return list(_price(codes, *options)["lines"])


def _rows(column: str | None = None) -> list[dict[str, str]]:
    rows = []
    for claim, lines in CLAIMS.items():
        for code, units in lines:
            row = {"claim_id": claim, "code": code, "units": units, "zip": ZIP, "date": DATE}
            if column is not None:
                row["Wage Index"] = column
            rows.append(row)
    return rows


def _expected(line: dict[str, Any]) -> dict[str, Decimal | None]:
    """A price line's amounts under batch's column names."""
    out: dict[str, Decimal | None] = {}
    for site in line["sites"]:
        for measure in SITE_MEASURES:
            out[f"{site['setting']}_{measure}"] = _money(site[measure]) if site["payable"] else None
    out["opps_rate"], out["opps_copayment"] = _money(line["opps"]["rate"]), _money(line["opps"]["copayment"])
    out["asc_rate"], out["asc_coinsurance"] = _money(line["asc"]["rate"]), _money(line["asc"]["coinsurance"])
    return out


def _compare(batch_rows: list[dict[str, str]], *options: str) -> None:
    position = 0
    for claim in CLAIMS:
        for line in _price_lines(claim, *options):
            row = batch_rows[position]
            assert row["code"] == line["code"] and not row["error"], row
            for name, amount in _expected(line).items():
                assert _money(row[name]) == amount, (claim, line["code"], name, options)
            position += 1
    assert position == len(batch_rows)


@pytest.mark.parametrize(
    "options",
    [("--wage-index", "1.2"), ("--sequestration",), ("--wage-index", "0.8765", "--sequestration")],
)
def test_batch_takes_price_s_wage_index_and_sequestration_with_the_same_money(
    tmp_path: Path, options: tuple[str, ...]
) -> None:
    done, rows = run_batch_rows(tmp_path, _rows(), *options)
    assert done.exit_code == 0, done.output
    _compare(rows, *options)
    if "--wage-index" in options:  # the column, not the flag: the same rows
        given = options[options.index("--wage-index") + 1]
        rest = tuple(option for option in options if option not in ("--wage-index", given))
        column_done, column_rows = run_batch_rows(tmp_path, _rows(given), *rest, name="column.csv")
        assert column_done.exit_code == 0, column_done.output
        assert "wage_index ← Wage Index" in column_done.stderr
        amounts = [{k: v for k, v in row.items() if k != "Wage Index"} for row in column_rows]
        assert amounts == rows
    if "--sequestration" in options:
        assert "Sequestration: Medicare's share is reduced by 2%" in done.stderr


def test_cms_figures_at_a_hospital_s_wage_index_of_1(tmp_path: Path) -> None:
    """At wage index 1.0 the hospital's rate is Addendum B's national rate ($911.71 for 45378 in October 2025); the
    ASC's stays CBSA 47764's, CMS's $489.47 x (0.5 x 1.109 + 0.5) = $516.15; with the sequestration each claim's
    Medicare share less 2%, rounded half-up apart: the hospital's $911.71 - $182.35 = $729.36 is $714.77 (2% $14.5872),
    the physician's 80% of $196.72 ($157.38) is $154.23 (2% $3.1476): the site's $869.00 (not 2% off their $886.74
    summed, $869.01: tests/test_sequestration_per_claim.py)."""
    done, rows = run_batch_rows(tmp_path, [{"code": "45378", "zip": ZIP, "date": DATE, "wi": "1.0"}],
                                "--sequestration")  # fmt: skip
    assert done.exit_code == 0, done.output
    [row] = rows
    assert (_money(row["opps_rate"]), _money(row["asc_rate"])) == (Decimal("911.71"), Decimal("516.15"))
    assert _money(row["hopd_medicare"]) == Decimal("869.00")


def test_a_bad_wage_index_is_the_row_s_error_as_price_s(tmp_path: Path) -> None:
    rows = [{"code": "45378", "zip": ZIP, "date": DATE, "wage_index": value} for value in ("abc", "5", "1,2", "")]
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 1
    for row, value in zip(out[:3], ("abc", "5", "1,2"), strict=True):
        refused = runner.invoke(app, ["price", "45378", "--zip", ZIP, "--wage-index", value])
        assert refused.exit_code == 2
        assert row["error_kind"] == "usage" and row["error"].startswith("wage_index")
        assert row["error"].partition(" ")[2] == refused.stderr.strip().partition("--wage-index ")[2], refused.stderr
    assert not out[3]["error"] and out[3]["asc_rate"]
    for flag in (("--wage-index", "abc"), ("--wage-index", "")):
        refused = runner.invoke(app, ["batch", "-", *flag], input="code\n99213\n")
        assert refused.exit_code == 2 and "--wage-index" in refused.stderr


def test_a_locality_row_s_note_names_batch_s_wage_index(tmp_path: Path) -> None:
    """A locality gives no CBSA: its note advises the ZIP or a hospital's wage index, which batch now takes; given
    one, the note says the ASC's rate alone is national."""
    base = {"code": "45378", "locality": "1220201", "date": DATE, "wage_index": ""}
    done, rows = run_batch_rows(tmp_path, [base, {**base, "wage_index": "1.2"}])
    assert done.exit_code == 0, done.output
    assert "--wage-index" in rows[0]["note"] and "single lookups" not in rows[0]["note"]
    assert "the ASC rate is national" in rows[1]["note"] and "OPPS rate alone" in rows[1]["note"]
    line = _price(["45378"], "--wage-index", "1.2")  # by ZIP (the OPPS rate is the same); by locality:
    by_locality = runner.invoke(app, ["price", "45378", "--locality", "1220201", "--date", DATE, "--wage-index",
                                      "1.2", "-f", "json"])  # fmt: skip
    priced = json.loads(by_locality.stdout)
    assert any(warning in rows[1]["note"] for warning in priced["warnings"] if "ASC rate" in warning)
    assert _money(rows[1]["opps_rate"]) == _money(priced["opps"]["rate"]) == _money(line["opps"]["rate"])
    assert _money(rows[1]["asc_rate"]) == _money(priced["asc"]["rate"]) == _money(priced["asc"]["national_rate"])
    with (tmp_path / "out.csv").open() as handle:
        assert len(list(csv.DictReader(handle))) == 2


def test_a_locality_with_the_asc_s_wage_index_says_the_hospital_s_rate_alone_is_national(tmp_path: Path) -> None:
    """With the ASC's wage index given at a locality, only the hospital's rate is national: the warning said "Hospital
    (OPPS) rate: ... hospital outpatient and ASC rates are national" (a review). price and batch say the same."""
    priced = runner.invoke(app, ["price", "45378", "--locality", "1220201", "--date", DATE, "--asc-wage-index", "1.2",
                                 "-f", "json"])  # fmt: skip
    assert priced.exit_code == 0, priced.output
    [said] = [w for w in json.loads(priced.stdout)["warnings"] if "gives no CBSA" in w]
    assert "hospital's (OPPS) rate is national" in said and "ASC rates are national" not in said
    base = {"code": "45378", "locality": "1220201", "date": DATE, "asc_wage_index": "1.2"}
    done, rows = run_batch_rows(tmp_path, [base])
    assert done.exit_code == 0, done.output
    assert said in rows[0]["note"]


def test_a_row_s_setting_and_its_professional_claim_are_sequestered_as_price_s(tmp_path: Path) -> None:
    """The row's own amounts (its setting's) and its professional claim's (price's --setting 21: the PFS facility
    amount alone, at a hospital or ASC; the office's in the office), each sequestered once, as price's sites."""
    settings = [("45378", "22"), ("45378", "24"), ("99213", "11")]
    rows = [{"code": code, "zip": ZIP, "date": DATE, "pos": pos} for code, pos in settings]
    done, out = run_batch_rows(tmp_path, rows, "--sequestration", "--wage-index", "1.1")
    assert done.exit_code == 0, done.output
    for row, (code, pos) in zip(out, settings, strict=True):
        [site] = _price([code], "--setting", pos, "--sequestration", "--wage-index", "1.1")["sites"]
        assert site["sequestration_applied"]
        for measure in SITE_MEASURES:
            assert _money(row[measure]) == _money(site[measure]), (code, pos, measure)
        [professional] = _price([code], "--setting", "21" if pos != "11" else pos, "--sequestration")["sites"]
        for measure in SITE_MEASURES:
            assert _money(row[f"professional_{measure}"]) == _money(professional[measure]), (code, pos, measure)
