"""A place whose area CMS's wage index file lists twice with different values: its wage-adjusted rates not priced.

CMS's CY2025 ASC wage index file (WI25) lists rural Alabama ("01 ALABAMA") twice, 0.6471 and 0.7158. ZIP 36701
(Dallas County, 01047, micropolitan: rural Alabama) was priced by `rvucalc price 29881 --setting asc` and by batch at
the national ASC rate, $1,579.16 (a guessed wage index of 1.0, in batch's allowed and --summary totals), where export
left the rate blank; --wage-index set the OPPS rate alone, and nothing set the ASC's. Now price, batch and export each
leave the ASC (and the OPPS) rate not priced there, naming both of CMS's values and the rate at each, and
--asc-wage-index (batch: an asc_wage_index column too) prices the ASC at the one the user gives.

Expected figures are read from CMS's files (the WI25 file, October 2025 Addendum AA and Addendum B) and worked with
CMS's formulas (payment-rules.md §2 and §3), not from rvucalc's output."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()
CENT = Decimal("0.01")
DATA = Path(__file__).parent.parent / "data" / "opps" / "2025"
PLACE = ["--zip", "36701", "--date", "2025-11-03"]  # rural Alabama (county 01047), October 2025 quarter


def _rural_alabama() -> list[Decimal]:
    """CMS's WI25 values for CBSA 01 (rural Alabama), as the file lists them."""
    with (DATA / "asc_wage_index_2025.txt").open(newline="", encoding="latin-1") as handle:
        values = [Decimal(row["WI25"]) for row in csv.DictReader(handle, delimiter="\t") if row["CBSA"] == "01"]
    assert len(values) == 2 and len(set(values)) == 2, values  # the file's quirk this test is about
    return sorted(values)


def _national(path: Path, code: str) -> Decimal:
    """A code's national payment rate in a CMS addendum (508 CSV)."""
    with path.open(newline="", encoding="cp1252") as handle:
        rows = list(csv.reader(handle))
    start = next(i for i, row in enumerate(rows) if row and row[0].strip() == "HCPCS Code")
    header = [" ".join(name.split()) for name in rows[start]]
    row = next(dict(zip(header, r, strict=False)) for r in rows[start + 1 :] if r and r[0].strip() == code)
    value = next(v for name, v in row.items() if name.endswith("Payment Rate"))
    return Decimal(value.replace("$", "").replace(",", "").strip())


def _asc(wage_index: Decimal) -> Decimal:
    """29881 (PI A2, no device portion) at an ASC: national x (0.50 x WI + 0.50) (payment-rules.md §3)."""
    national = _national(DATA / "asc" / "10" / "AA.csv", "29881")
    return (national * (Decimal("0.5") * wage_index + Decimal("0.5"))).quantize(CENT, ROUND_HALF_UP)


def _opps(wage_index: Decimal) -> Decimal:
    """27130 (SI J1) at a hospital: national x (0.60 x WI + 0.40) (payment-rules.md §2)."""
    national = _national(DATA / "508 version of October 2025 Web Addendum B.10.31.25.csv", "27130")
    return (national * (Decimal("0.6") * wage_index + Decimal("0.4"))).quantize(CENT, ROUND_HALF_UP)


def _price(code: str, *options: str) -> dict[str, Any]:
    done = runner.invoke(app, ["price", code, *PLACE, "-f", "json", *options])
    assert done.exit_code == 0, done.output
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _site(result: dict[str, Any], setting: str) -> dict[str, Any]:
    [site] = [site for site in result["sites"] if site["setting"] == setting]
    return site


def _says_each(reason: str, site: str, rates: dict[Decimal, Decimal]) -> bool:
    return all(f"at {value} the {site} rate is ${rate:,}" in reason for value, rate in rates.items())


def test_price_leaves_the_asc_and_opps_rates_not_priced_naming_each_value_and_its_rate() -> None:
    values = _rural_alabama()
    asc = _price("29881", "--setting", "asc")
    assert asc["asc"]["rate"] is None and asc["asc"]["payable"] is False  # not the national $1,579.16
    site = _site(asc, "asc")
    assert site["status"] == "not_priced" and site["allowed"] is None
    assert _says_each(site["reason"], "ASC", {value: _asc(value) for value in values}), site["reason"]
    assert "--asc-wage-index" in site["reason"]
    hospital = _price("27130", "--setting", "hopd")
    assert hospital["opps"]["rate"] is None and _site(hospital, "hopd")["status"] == "not_priced"
    assert _says_each(hospital["opps"]["reason"], "OPPS", {value: _opps(value) for value in values})
    assert "--wage-index" in hospital["opps"]["reason"]
    # The place's warning names the options that set each rate (not --wage-index for the ASC's).
    [warning] = [text for text in asc["warnings"] if "different wage indexes" in text]
    assert all(str(value) in warning for value in values) and "--asc-wage-index" in warning
    assert "facility rates are national" not in warning


def test_asc_wage_index_prices_the_asc_at_each_of_cms_values_and_wage_index_the_hospital() -> None:
    for value in _rural_alabama():
        asc = _price("29881", "--setting", "asc", "--asc-wage-index", str(value))
        assert Decimal(str(asc["asc"]["rate"])) == _asc(value)
        assert _site(asc, "asc")["status"] == "priced"
        assert asc["opps"]["rate"] is None  # the hospital's wage index is not the ASC's
        hospital = _price("27130", "--setting", "hopd", "--wage-index", str(value))
        assert Decimal(str(hospital["opps"]["rate"])) == _opps(value)
        assert hospital["asc"]["rate"] is None  # nor the ASC's the hospital's
    done = runner.invoke(app, ["price", "29881", *PLACE, "--asc-wage-index", "3.5"])
    assert done.exit_code == 2 and "--asc-wage-index" in done.output


def test_batch_and_export_agree_with_price(tmp_path: Path) -> None:
    low, high = _rural_alabama()
    source = tmp_path / "lines.csv"
    source.write_text(
        "code,zip,date,setting,asc_wage_index\n"
        f"29881,36701,2025-11-03,asc,\n29881,36701,2025-11-03,asc,{low}\n27130,36701,2025-11-03,hopd,\n"
    )
    out, summary = tmp_path / "out.csv", tmp_path / "summary.json"
    done = runner.invoke(app, ["batch", str(source), "-o", str(out), "--summary", str(summary)])
    assert done.exit_code == 0, done.output
    with out.open(newline="") as handle:
        blank, given, hospital = list(csv.DictReader(handle))
    single = _price("29881", "--setting", "asc")
    assert blank["asc_rate"] == blank["allowed"] == "" and single["asc"]["reason"] in blank["note"]
    assert Decimal(given["asc_rate"]) == _asc(low)
    assert hospital["opps_rate"] == hospital["allowed"] == ""
    assert _price("27130", "--setting", "hopd")["opps"]["reason"] in hospital["note"]
    totals = json.loads(summary.read_text())["totals"]
    assert totals["asc"]["lines"] == 1 and Decimal(totals["asc"]["allowed"]) == Decimal(given["allowed"])
    assert "hopd" not in totals  # no national amount in the totals
    # The run counts the rows left unpriced for the choice (they were counted as facility_national when priced
    # nationally; a review found them counted nowhere once unpriced) and says how to price them.
    document = json.loads(summary.read_text())
    unpriced = [row for row in (blank, given, hospital) if row["allowed"] == ""]
    assert document["facility_wage_choice"] == len(unpriced) == 2 and document["facility_national"] == 0
    assert "2 rows at the hospital or ASC not priced: CMS's wage index file gives their places" in done.output
    assert "--asc-wage-index for the ASC's" in done.output
    # The run's --asc-wage-index, for rows whose cell is blank.
    done = runner.invoke(app, ["batch", str(source), "-o", str(out), "--asc-wage-index", str(high)])
    assert done.exit_code == 0, done.output
    with out.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [Decimal(row["asc_rate"]) for row in rows[:2]] == [_asc(high), _asc(low)]
    # export: the same reason, word for word.
    exported = tmp_path / "asc.csv"
    done = runner.invoke(app, ["export", "--year", "2025", "--what", "asc", "--cbsa", "01", "-o", str(exported)])
    assert done.exit_code == 0, done.output
    with exported.open(newline="") as handle:
        [row] = [row for row in csv.DictReader(handle) if row["hcpcs"] == "29881"]
    assert row["rate"] == "" and row["rate_reason"] == single["asc"]["reason"]


ADDENDUM_B = DATA / "508 version of October 2025 Web Addendum B.10.31.25.csv"


def _opps_of(code: str, wage_index: Decimal) -> Decimal:
    """A wage-adjusted code's OPPS rate: Addendum B's national x (0.60 x WI + 0.40) (payment-rules.md §2)."""
    national = _national(ADDENDUM_B, code)
    return (national * (Decimal("0.6") * wage_index + Decimal("0.4"))).quantize(CENT, ROUND_HALF_UP)


def _asc_of(code: str, wage_index: Decimal) -> Decimal:
    """A wage-adjusted ASC code with no device portion: Addendum AA's national x (0.50 x WI + 0.50) (§3)."""
    national = _national(DATA / "asc" / "10" / "AA.csv", code)
    return (national * (Decimal("0.5") * wage_index + Decimal("0.5"))).quantize(CENT, ROUND_HALF_UP)


def _line(result: dict[str, Any], code: str) -> dict[str, Any]:
    [line] = [line for line in result["lines"] if line["code"] == code]
    return line


def _encounter(*codes: str, options: tuple[str, ...]) -> dict[str, Any]:
    done = runner.invoke(app, ["price", *codes, *PLACE, "-f", "json", *options])
    assert done.exit_code == 0, done.output
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _batch(tmp_path: Path, rows: str, *options: str) -> list[dict[str, str]]:
    source, out = tmp_path / "lines.csv", tmp_path / "out.csv"
    source.write_text("claim_id,code,zip,date,setting,wage_index,asc_wage_index\n" + rows)
    done = runner.invoke(app, ["batch", str(source), "-o", str(out), *options])
    assert done.exit_code == 0, done.output
    with out.open(newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_line_unpriced_for_the_wage_index_still_packages_the_encounter_drug(tmp_path: Path) -> None:
    """29881 (SI J1, comprehensive APC 5113) packages J1745 (SI K, Addendum B $31.09 paid nationally) into its
    payment at every wage index: with no wage index given, 29881 is not priced but J1745 is $0.00 packaged, not
    paid separately at $31.09 (a review: $31.09 without the option, $0.00 with it)."""
    drug = _national(ADDENDUM_B, "J1745")
    assert drug == Decimal("31.09")  # the amount the drug must not be paid beside its J1 procedure
    low, high = _rural_alabama()
    codes = ("29881", "J1745", "71046")
    blank = _encounter(*codes, options=("--setting", "hopd"))
    given = _encounter(*codes, options=("--setting", "hopd", "--wage-index", str(high)))
    assert _line(blank, "29881")["opps"]["rate"] is None
    each = {value: _opps_of("29881", value) for value in (low, high)}
    assert _says_each(_line(blank, "29881")["opps"]["reason"], "OPPS", each)
    assert Decimal(str(_line(given, "29881")["opps"]["rate"])) == _opps_of("29881", high)
    for result in (blank, given):
        for code in ("J1745", "71046"):
            opps = _line(result, code)["opps"]
            assert opps["payable"] is True and Decimal(str(opps["rate"])) == 0, opps
            assert any("comprehensive APC 5113" in rule["rule"] for rule in opps["adjustments"]), opps
    rows = (
        "A,29881,36701,2025-11-03,hopd,{wi},\nA,J1745,36701,2025-11-03,hopd,{wi},\n"
        "A,71046,36701,2025-11-03,hopd,{wi},\n"
    )
    for wage_index in ("", str(high)):
        surgery, injection, xray = _batch(tmp_path, rows.format(wi=wage_index))
        assert injection["opps_rate"] == "0.00" and xray["opps_rate"] == "0.00"
        assert "comprehensive APC 5113" in injection["note"]
        if wage_index:
            assert Decimal(surgery["opps_rate"]) == _opps_of("29881", high)
        else:
            assert surgery["opps_rate"] == "" and _line(blank, "29881")["opps"]["reason"] in surgery["note"]


def test_a_procedure_unpriced_for_the_wage_index_still_covers_its_ancillary_drug(tmp_path: Path) -> None:
    """64615 (PI P3, wage-adjusted) beside J0585 (PI K2, Addendum BB $6.50, paid nationally) at an ASC: the drug is
    paid with its covered surgical procedure whatever the ASC's wage index, not "no covered surgical procedure"."""
    drug = _national(DATA / "asc" / "10" / "BB.csv", "J0585")
    low, high = _rural_alabama()
    blank = _encounter("64615", "J0585", options=("--setting", "asc"))
    given = _encounter("64615", "J0585", options=("--setting", "asc", "--asc-wage-index", str(low)))
    assert _line(blank, "64615")["asc"]["rate"] is None
    each = {value: _asc_of("64615", value) for value in (low, high)}
    assert _says_each(_line(blank, "64615")["asc"]["reason"], "ASC", each)
    assert Decimal(str(_line(given, "64615")["asc"]["rate"])) == _asc_of("64615", low)
    for result in (blank, given):
        asc = _line(result, "J0585")["asc"]
        assert asc["payable"] is True and Decimal(str(asc["rate"])) == drug, asc
        assert "no covered surgical procedure" not in json.dumps(_line(result, "J0585"))
    rows = "B,64615,36701,2025-11-03,asc,,{wi}\nB,J0585,36701,2025-11-03,asc,,{wi}\n"
    for wage_index in ("", str(low)):
        procedure, injection = _batch(tmp_path, rows.format(wi=wage_index))
        assert Decimal(injection["asc_rate"]) == Decimal(injection["allowed"]) == drug
        assert "no covered surgical procedure" not in injection["note"]
        assert procedure["asc_rate"] == ("" if not wage_index else str(_asc_of("64615", low)))


def test_compare_says_not_priced_there_once_and_where_to_price_it() -> None:
    """compare between two 2025 quarters at ZIP 36701: a payable code whose OPPS rate is not priced for want of one
    wage index was labelled "not payable", its advice named an option compare does not take, and the place's note
    came once per release (a review)."""
    done = runner.invoke(app, ["compare", "29881", "--what", "opps", "--from", "2025-01", "--to", "2025-10",
                               "--zip", "36701", "-f", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    result = json.loads(done.stdout)
    assert sum("no single CY2025 wage index" in note for note in result["notes"]) == 1
    table = runner.invoke(app, ["compare", "29881", "--what", "opps", "--from", "2025-01", "--to", "2025-10",
                                "--zip", "36701"], env={"COLUMNS": "1000"})  # fmt: skip
    flat = " ".join(table.stdout.split())
    assert "not payable" not in flat.lower() and "Not priced" in flat
    assert "compare takes no wage index" in flat
