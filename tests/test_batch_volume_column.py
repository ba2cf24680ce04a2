"""A volume column: a row stands for that many separate, identical cases (a finance analyst's 12-month projection,
`Month, CPT, Modifier, Volume, Site, Locality`, was priced 1 case a row and stderr never named `Volume`; `--columns
units=Volume` is no answer: units go through one claim's rules, ASC units 2..N at 50%). Each row is priced as one case;
the output adds `volume` (the cases read) after in_totals; the totals (stderr, --summary's totals, totals_by_year,
contracts, the paid variances) count each row volume times, exactly. Money from CMS's files: July 2026 ASC Addendum
AA, the CY2026 ASC wage index (WI26), the July 2026 RVU file (RVU26C) and the 2026 GPCIs."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from conftest import batch_imports_pandas
from rvucalc.cli import app
from rvucalc.paths import data_dir
from rvucalc.reference.releases import installed_releases

runner = CliRunner()
CENT = Decimal("0.01")
REDMOND = "98052"  # King County, WA: PFS locality 0240202 SEATTLE (KING CNTY); CBSA 42644 Seattle-Bellevue-Kent
HEADER = "DOS,CPT,POS,Facility ZIP,Volume\n"


def _rounded(value: Fraction | Decimal) -> Decimal:
    """Half-up to the cent, once."""
    value = Fraction(value)
    return (Decimal(value.numerator * 100) / Decimal(value.denominator)).quantize(Decimal(1), ROUND_HALF_UP) / 100


def _asc_rate_2026(code: str) -> Decimal:
    """July 2026 Addendum AA's national rate x (50% x CBSA 42644's WI26 + 50%) (payment-rules.md §3), rounded once."""
    release = next(r for r in installed_releases("asc") if r.release == "2026-07")
    with Path(release.path("aa")).open(encoding="cp1252", newline="") as handle:
        (row,) = [row for row in csv.reader(handle) if row and row[0].strip() == code]
    national = Fraction(row[-1].strip().lstrip("$").replace(",", ""))
    with (data_dir() / "opps" / "2026" / "asc_wage_index_2026.csv").open(newline="", encoding="latin-1") as handle:
        (index,) = {row[2].strip() for row in csv.reader(handle) if row and row[0].strip() == "42644"}
    return _rounded(national * (Fraction(index) / 2 + Fraction(1, 2)))


def _pfs_facility_2026(code: str) -> Decimal:
    """The PFS facility amount at locality 0240202 from RVU26C and the 2026 GPCIs: (work x GPCI + facility PE x GPCI
    + MP x GPCI) x CF, rounded once."""
    with (data_dir() / "rvu" / "2026" / "PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1", newline="") as handle:
        rvu = next(row for row in csv.reader(handle) if row[:2] == [code, ""])
    with (data_dir() / "gpci" / "2026" / "localities2026-01-01-2026.csv").open(newline="") as handle:
        gpci = next(row for row in csv.DictReader(handle) if row["locality"] == "0240202")
    # RVU26C columns: 5 work RVU, 8 facility PE RVU, 10 MP RVU, 25 conversion factor
    rvus = (Decimal(rvu[5]) * Decimal(gpci["gpci_work"]) + Decimal(rvu[8]) * Decimal(gpci["gpci_pe"])
            + Decimal(rvu[10]) * Decimal(gpci["gpci_mp"]))  # fmt: skip
    return _rounded(rvus * Decimal(rvu[25]))


def _batch(tmp_path: Path, text: str, *options: str) -> tuple[Any, list[dict[str, str]], dict[str, Any]]:
    source, output, summary = tmp_path / "in.csv", tmp_path / "out.csv", tmp_path / "summary.json"
    source.write_text(text)
    for stale in (output, summary):
        stale.unlink(missing_ok=True)
    done = runner.invoke(app, ["batch", str(source), "-o", str(output), "--summary", str(summary), *options])
    rows = list(csv.DictReader(output.open())) if output.exists() else []
    return done, rows, json.loads(summary.read_text()) if summary.exists() else {}


def _cents(text: str) -> int:
    return int(Decimal(text) * 100)


def test_a_row_of_37_cases_counts_37_times_in_the_totals_its_amounts_one_case_s(tmp_path: Path) -> None:
    """The trial's 29881 x 37 at an ASC in 98052: the row's amounts are one case's (the ASC rate and the surgeon's
    PFS facility amount), the totals 37 times them, to the cent."""
    asc, professional = _asc_rate_2026("29881"), _pfs_facility_2026("29881")
    assert (asc, professional) == (Decimal("1855.91"), Decimal("573.11"))
    one_case = asc + professional
    patient = _rounded(asc * Decimal("0.2")) + _rounded(professional * Decimal("0.2"))
    done, rows, summary = _batch(tmp_path, HEADER + f"2026-08-03,29881,24,{REDMOND},37\n")
    assert done.exit_code == 0, done.output
    (row,) = rows
    assert (Decimal(row["asc_rate"]), Decimal(row["pfs_facility_amount"])) == (asc, professional)
    assert (Decimal(row["allowed"]), Decimal(row["beneficiary"])) == (one_case, patient)
    assert list(row)[-2:] == ["in_totals", "volume"] and row["volume"] == "37" and row["Volume"] == "37"
    expected = {"lines": 1, "cases": 37, "allowed": str(one_case * 37), "beneficiary": str(patient * 37),
                "medicare": str((one_case - patient) * 37)}  # fmt: skip
    assert summary["totals"]["all"] == summary["totals"]["asc"] == expected
    assert summary["totals_by_year"]["2026"]["all"] == expected
    assert summary["totals"]["professional"]["allowed"] == str(professional * 37)
    assert summary["volume"]["column"] == "Volume" and summary["volume"]["cases"] == 37
    assert "volume ← Volume" in done.stderr and "volume-weighted" in done.stderr, done.stderr
    assert f"1 row, 37 cases priced in its setting, volume-weighted: allowed ${one_case * 37:,}" in done.stderr
    assert "no claim column" not in done.stderr  # a volume row is cases, no claim's line
    # The row's amounts are those of the same row without a volume column: one case, as price gives it.
    plain, same, _ = _batch(tmp_path, f"DOS,CPT,POS,Facility ZIP\n2026-08-03,29881,24,{REDMOND}\n")
    assert plain.exit_code == 0, plain.output
    assert {k: v for k, v in row.items() if k not in ("Volume", "volume")} == same[0]


def test_totals_by_year_contracts_and_variances_are_volume_weighted(tmp_path: Path) -> None:
    """Two years' rows and a paid column (a projection's expected payment per case): each year's totals, the
    contract total (--percent-of-medicare) and the underpaid amount count each row volume times."""
    text = ("DOS,CPT,POS,Facility ZIP,Volume,Paid\n2026-08-03,29881,24,98052,37,2400.00\n"
            "2025-08-04,99213,11,98052,250,90.00\n2026-08-04,99213,11,98052,3,\n")  # fmt: skip
    done, rows, summary = _batch(tmp_path, text, "--percent-of-medicare", "110")
    assert done.exit_code == 0, done.output
    volumes = [int(row["volume"]) for row in rows]
    assert volumes == [37, 250, 3]
    for year in ("2025", "2026"):
        mine = [(row, v) for row, v in zip(rows, volumes, strict=True) if row["DOS"].startswith(year)]
        assert _cents(summary["totals_by_year"][year]["all"]["allowed"]) == sum(
            _cents(row["allowed"]) * v for row, v in mine
        )
        assert summary["totals_by_year"][year]["all"]["cases"] == sum(v for _, v in mine)
    assert _cents(summary["totals"]["all"]["allowed"]) == sum(
        _cents(row["allowed"]) * v for row, v in zip(rows, volumes, strict=True)
    )
    assert _cents(summary["contracts"]["all"]["contract_amount"]) == sum(
        _cents(row["contract_amount"]) * v for row, v in zip(rows, volumes, strict=True)
    )
    short = [(row, v) for row, v in zip(rows, volumes, strict=True) if row["variance"] and Decimal(row["variance"]) < 0]
    assert short and _cents(summary["underpaid"]["amount"]) == -sum(_cents(row["variance"]) * v for row, v in short)
    assert summary["underpaid"]["rows"] == len(short)


def test_a_volume_of_0_is_priced_and_counts_nothing_a_bad_one_is_the_row_s_error(tmp_path: Path) -> None:
    text = HEADER + "".join(f"2026-08-03,29881,24,{REDMOND},{cell}\n" for cell in ("2", "0", "2.00", "abc", "", "1.5",
                                                                                   "-3", "1000001"))  # fmt: skip
    done, rows, summary = _batch(tmp_path, text)
    assert done.exit_code == 1 and "5 with errors (5 bad volume)" in done.stderr, done.output  # rows with errors: 1
    assert [row["volume"] for row in rows] == ["2", "0", "2", "", "", "", "", ""]
    assert rows[1]["allowed"] == rows[0]["allowed"] != "" and rows[1]["in_totals"] == "true"
    for row in rows[3:]:
        assert row["error_kind"] == "bad_volume" and "'Volume'" in row["error"] and row["allowed"] == "", row
    assert "volume blank" in rows[4]["error"] and "'abc'" in rows[3]["error"]
    assert summary["totals"]["all"]["lines"] == 3 and summary["totals"]["all"]["cases"] == 4
    assert summary["totals"]["all"]["allowed"] == str(Decimal(rows[0]["allowed"]) * 4)
    assert summary["error_kinds"] == {"bad_volume": 5}


def test_a_volume_column_beside_a_claim_column(tmp_path: Path) -> None:
    """A volume row is cases, a claim's line one service of one encounter. Named so beside a claim column, the volume
    column is not read (a claim file that ran before runs the same) and stderr says how to read it; named with
    --columns beside one, a usage error; with claim= it is read."""
    text = f"Claim,DOS,CPT,POS,Facility ZIP,Volume\nA,2026-08-03,29881,24,{REDMOND},37\n"
    done, rows, summary = _batch(tmp_path, text)
    assert done.exit_code == 0, done.output
    assert "'Volume' is not read as a volume" in done.stderr and "--columns volume=Volume,claim=" in done.stderr
    assert list(rows[0])[-1] == "in_totals" and "volume" not in summary and "cases" not in summary["totals"]["all"]
    refused, _, _ = _batch(tmp_path, text, "--columns", "volume=Volume")
    assert refused.exit_code == 2 and "--columns volume=Volume,claim=" in refused.output, refused.output
    read, rows, summary = _batch(tmp_path, text, "--columns", "volume=Volume,claim=")
    assert read.exit_code == 0 and rows[0]["volume"] == "37" and summary["totals"]["all"]["cases"] == 37


def test_a_file_without_a_volume_column_is_written_as_before(tmp_path: Path) -> None:
    done, rows, summary = _batch(tmp_path, f"DOS,CPT,POS,Facility ZIP\n2026-08-03,29881,24,{REDMOND}\n")
    assert done.exit_code == 0, done.output
    assert list(rows[0])[-1] == "in_totals" and "volume" not in rows[0]
    assert "volume" not in summary and list(summary["totals"]["all"]) == ["lines", "allowed", "beneficiary", "medicare"]
    assert "volume" not in done.stderr and "cases" not in done.stderr


def test_a_volume_run_does_not_import_pandas(tmp_path: Path) -> None:
    source = tmp_path / "volumes.csv"
    source.write_text(HEADER + f"2026-08-03,29881,24,{REDMOND},37\n2026-08-03,99213,11,{REDMOND},abc\n")
    imported, stderr = batch_imports_pandas(str(source), "-o", str(tmp_path / "o.csv"), "-q", "--summary",
                                            str(tmp_path / "s.json"))  # fmt: skip
    assert not imported, stderr
    assert json.loads((tmp_path / "s.json").read_text())["totals"]["all"]["cases"] == 37


def test_totals_of_a_huge_volume_times_many_units_stay_exact(tmp_path: Path) -> None:
    """A review: 1,000,000 units x 1,000,000 cases of Q2057 passed int64 in cents x volume and gave a negative patient
    total. The totals are the row's allowed x its volume, exactly, in Python integers."""
    source, out, summary = tmp_path / "big.csv", tmp_path / "o.csv", tmp_path / "s.json"
    source.write_text(f"DOS,CPT,POS,Facility ZIP,Units,Volume\n2026-02-01,Q2057,11,{REDMOND},1000000,1000000\n"
                      f"2026-02-01,Q2057,11,{REDMOND},1,1\n")  # fmt: skip
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--summary", str(summary)])
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(out.open()))
    allowed = [Decimal(row["allowed"]) for row in rows]
    assert allowed[0] == allowed[1] * 1_000_000 > 0  # the row: 1,000,000 units of one case
    totals = json.loads(summary.read_text())["totals"]["all"]
    assert Decimal(totals["allowed"]) == allowed[0] * 1_000_000 + allowed[1]
    assert Decimal(totals["beneficiary"]) > 0 and Decimal(totals["medicare"]) > 0


def test_a_volume_run_s_output_priced_again_reads_the_input_s_volume(tmp_path: Path) -> None:
    """A review: the output's own `volume` column beside the input's `Volume` made a priced file, priced again, exit 2
    ("could both be the volume"). The input's is read, and the totals are the same."""
    source, first, second = tmp_path / "v.csv", tmp_path / "v.out.csv", tmp_path / "v2.out.csv"
    source.write_text(HEADER + f"2026-08-03,99213,11,{REDMOND},5\n2026-08-03,29881,24,{REDMOND},3\n")
    sums = []
    for given, written in ((source, first), (first, second)):
        summary = tmp_path / f"{written.name}.json"
        done = CliRunner().invoke(app, ["batch", str(given), "-o", str(written), "--summary", str(summary)])
        assert done.exit_code == 0, done.output
        assert "volume ← Volume" in done.stderr
        sums.append(json.loads(summary.read_text())["totals"]["all"])
    assert sums[0] == sums[1] and sums[0]["cases"] == 8
