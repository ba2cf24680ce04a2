"""`rvucalc export`: the PFS matrix and the facility tables, written a chunk at a time, every code accounted for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import rvucalc.export as export


def _few_cbsas(keep: int) -> Any:
    """``_cbsa_wage_indexes`` cut to its first CBSAs (CY2025's first, 01 ALABAMA, is listed twice: a blank rate)."""
    real = export._cbsa_wage_indexes

    def few(store: Any, file: str) -> Any:
        return real(store, file).head(keep)

    return few


@pytest.mark.parametrize("what", ["opps", "asc"])
def test_an_export_written_in_chunks_is_the_same_bytes(pricer, tmp_path: Path, monkeypatch, what: str) -> None:  # type: ignore[no-untyped-def]
    """`export --what opps --cbsa all` built its 3.1 million rows in memory before writing (4.9 GB peak): it is
    written a few hundred codes x every CBSA at a time. The bytes are those of the table written whole."""
    monkeypatch.setattr(export, "_cbsa_wage_indexes", _few_cbsas(4))
    whole, chunked = tmp_path / "whole.csv", tmp_path / "chunked.csv"
    monkeypatch.setattr(export, "CHUNK_ROWS", 10**9)
    rows = export.export_table(pricer, what=what, year=2025, cbsa="all", target=str(whole))
    monkeypatch.setattr(export, "CHUNK_ROWS", 4 * 7)  # 7 codes x 4 CBSAs a chunk
    chunks: list[int] = []
    real = export._arrow_table
    monkeypatch.setattr(export, "_arrow_table", lambda frame: chunks.append(len(frame)) or real(frame))
    assert export.export_table(pricer, what=what, year=2025, cbsa="all", target=str(chunked)) == rows
    assert len(chunks) > 100 and max(chunks) == 28 and sum(chunks) == rows
    assert chunked.read_bytes() == whole.read_bytes()
    assert rows > 4 * 1000


def test_the_pfs_matrix_is_written_a_few_localities_at_a_time(pricer, pfs_export_2025: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                              monkeypatch) -> None:  # fmt: skip
    monkeypatch.setattr(export, "CHUNK_ROWS", 1)  # one locality a chunk
    chunks: list[int] = []
    real = export._arrow_table
    monkeypatch.setattr(export, "_arrow_table", lambda frame: chunks.append(len(frame)) or real(frame))
    target = tmp_path / "pfs.csv"
    rows = export.export_table(pricer, what="pfs", year=2025, cbsa=None, target=str(target))
    assert len(chunks) == 109 and len(set(chunks)) == 1 and rows == sum(chunks)
    assert target.read_bytes() == pfs_export_2025.read_bytes()


def test_the_asc_export_has_the_covered_ancillary_services(tmp_path: Path) -> None:
    """`export --what asc` was built from Addendum AA only: the ancillary services `price` prices from Addendum BB
    (imaging Z2/Z3 such as 71046, drugs K2 such as J9271, skin substitutes) were left out. They are in it, after AA's
    codes, at `price`'s rate, and an `addendum` column (the last) says which list each code is paid from."""
    import csv

    from typer.testing import CliRunner

    from rvucalc.cli import app

    target = tmp_path / "asc.csv"
    result = CliRunner().invoke(app, ["export", "--year", "2026", "--what", "asc", "-o", str(target)])
    assert result.exit_code == 0, result.output
    with target.open(newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == ["release", "hcpcs", "payment_indicator", "national_rate", "addendum"]
        rows = {row["hcpcs"]: row for row in reader}
    assert {row["addendum"] for row in rows.values()} == {"AA", "BB"}
    assert sum(row["addendum"] == "BB" for row in rows.values()) > 1000
    for code, pi in (("71046", "Z3"), ("J9271", "K2"), ("27447", "J8")):
        priced = CliRunner().invoke(app, ["price", code, "--year", "2026", "--format", "json"])
        assert priced.exit_code == 0, priced.output
        import json

        asc = json.loads(priced.stdout)["asc"]
        assert rows[code]["payment_indicator"] == pi == asc["payment_indicator"]
        assert rows[code]["national_rate"] == str(asc["rate"]) and rows[code]["addendum"] == asc["addendum"]


def test_the_asc_export_by_cbsa_prices_each_code_as_price_asc(pricer, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Every exported ASC row, AA and BB, in every CBSA: the rate ``price_asc`` gives at that CBSA's wage index (a drug
    its national rate, a device-intensive code's device portion not adjusted)."""
    from decimal import Decimal

    from rvucalc.engine.facility import price_asc

    monkeypatch.setattr(export, "_cbsa_wage_indexes", _few_cbsas(6))
    grid = export.facility_table(pricer, "asc", 2026, True)
    release = next(r for r in pricer.catalogue.releases("asc") if r.release == grid["release"].iloc[0])
    store = pricer.store(release)
    assert set(grid["addendum"]) == {"AA", "BB"} and "K2" in set(grid["payment_indicator"])
    for row in grid.itertuples():
        rows = {name: store.asc(name, row.hcpcs) for name in ("aa", "bb", "ee", "ff")}
        index = int(Decimal(row.wage_index).scaleb(4))
        priced = price_asc(rows, row.hcpcs, index, release.release)
        assert priced.payable and Decimal(str(row.rate)) == priced.rate, row
        assert row.addendum == priced.addendum


def test_the_pfs_export_notes_the_opps_imaging_cap_as_price_does(pfs_export_2025: Path) -> None:
    """The export applied the OPPS imaging cap without a word: a `notes` column (before `scenario`) says it, with
    price's rule text, on the rows and amounts `price` caps; status T's rule likewise. Other rows' notes are blank."""
    import csv
    import json

    from typer.testing import CliRunner

    from rvucalc.cli import app
    from rvucalc.engine.policy import IMAGING_CAP_RULE
    from rvucalc.lookup.lines import STATUS_T_NOTE

    with pfs_export_2025.open(newline="") as handle:
        reader = csv.DictReader(handle)
        # notes, then scenario (always there, blank without a what-if CF), then each row's conversion factor (last)
        assert reader.fieldnames is not None
        assert reader.fieldnames[-4:] == ["team_surg", "notes", "scenario", "conversion_factor"]
        capped, status_t, plain = [], [], 0
        for row in reader:
            if IMAGING_CAP_RULE in row["notes"]:
                capped.append(row)
            elif row["status"] == "T":
                status_t.append(row)
            plain += row["notes"] == ""
    assert len(capped) > 1000 and plain > 900_000
    assert all(row["notes"] == STATUS_T_NOTE for row in status_t) and status_t
    for row in capped[:: len(capped) // 5]:
        result = CliRunner().invoke(app, ["price", f"{row['hcpcs']}-{row['modifier']}".rstrip("-"), "--locality",
                                          row["locality"], "--year", "2025", "--format", "json"])  # fmt: skip
        assert result.exit_code == 0, result.output
        pfs = json.loads(result.stdout)["pfs"]
        for setting, words in (("non_facility", "non-facility amount"), ("facility", "facility amount")):
            rules = [step["rule"] for step in pfs[setting]["adjustments"] or ()]
            said = f"({words})" in row["notes"] or "(non-facility and facility amounts)" in row["notes"]
            assert (IMAGING_CAP_RULE in rules) is said, (row, pfs[setting])
            if pfs[setting]["amount"] is not None:
                assert row[f"{setting}_amount"] == f"{pfs[setting]['amount']:.2f}"


def test_export_says_which_codes_it_left_out_and_why(tmp_path: Path) -> None:
    """The export dropped the codes it has no amount for without a word: stderr counts them by why, after the rows
    written (the RVU file's rows not exported plus those exported, once per locality, make the whole file)."""
    import re

    from typer.testing import CliRunner

    from rvucalc.cli import app

    result = CliRunner().invoke(app, ["export", "--year", "2025", "-o", str(tmp_path / "pfs.csv")])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[-2] == "rvucalc: wrote 995497 rows"
    summary = lines[-1]
    assert summary.startswith("rvucalc: 9,957 of CMS's rows (a code, or a code and modifier) not exported: ")
    assert "status X (Statutory exclusion: no PFS payment)" in summary
    assert "priced by the MAC (status C, or zero RVUs: no national amount)" in summary
    assert "status J (Anesthesia service: priced from base and time units" in summary
    counts = [int(n.replace(",", "")) for n in re.findall(r"[:;] ([\d,]+) ", summary)]
    assert counts[0] == sum(counts[1:]) == 9957
    for what, needle in (("opps", "SI C (Inpatient only)"), ("asc", "PI N1 (Packaged service/item: packaged")):
        result = CliRunner().invoke(app, ["export", "--year", "2025", "--what", what, "-o", str(tmp_path / "f.csv")])
        assert result.exit_code == 0, result.output
        assert "(a code, or a code and modifier) not exported: " in result.stderr and needle in result.stderr
    quiet = CliRunner().invoke(app, ["export", "--year", "2025", "--what", "asc", "-q", "-o", str(tmp_path / "q.csv")])
    assert quiet.exit_code == 0 and quiet.stderr == ""


def test_export_release_exports_an_earlier_release_of_the_year(tmp_path: Path) -> None:
    """`export --year 2025` always gave 2025D: 2025A (in force January to September 2025) could not be exported.
    `--release` names any installed release; stderr says which was exported and the year's others."""
    import csv
    import json

    from typer.testing import CliRunner

    from rvucalc.cli import app

    target = tmp_path / "a.csv"
    result = CliRunner().invoke(app, ["export", "--release", "2025a", "--year", "2025", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "rvucalc: PFS release 2025A (in effect from 2025-01-01); also installed for 2025: 2025D" in result.stderr
    with target.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["release"] for row in rows} == {"2025A"}
    row = next(r for r in rows if r["hcpcs"] == "99213" and r["modifier"] == "" and r["locality"] == "1320201")
    priced = CliRunner().invoke(app, ["price", "99213", "--locality", "1320201", "--date", "2025-03-01", "--format",
                                      "json"])  # fmt: skip
    doc = json.loads(priced.stdout)
    assert doc["release"] == "2025A" and row["non_facility_amount"] == f"{doc['pfs']['non_facility']['amount']:.2f}"
    newest = CliRunner().invoke(app, ["export", "--year", "2025", "--what", "asc", "-o", str(tmp_path / "b.csv")])
    assert "rvucalc: ASC release 2025-10 (in effect from 2025-10-01); also installed for 2025: 2025-01" in newest.stderr
    july = CliRunner().invoke(app, ["export", "--what", "asc", "--release", "2025-07", "-o", str(tmp_path / "c.csv")])
    assert july.exit_code == 0 and "ASC release 2025-07" in july.stderr
    assert (tmp_path / "c.csv").read_text().splitlines()[1].startswith('"2025-07",')


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--release", "2024A"], "--release 2024A: no PFS release of that name is installed (installed: 2025A, 2025D"),
        (["--release", "2025A", "--year", "2026"], "--release 2025A is of 2025, not --year 2026"),
        (["--what", "opps", "--release", "2025A"], "no OPPS release of that name is installed (installed: 2025-01"),
    ],
)
def test_export_release_not_installed_is_a_usage_error(tmp_path: Path, args: list[str], says: str) -> None:
    from typer.testing import CliRunner

    from rvucalc.cli import app

    target = tmp_path / "x.csv"
    result = CliRunner().invoke(app, ["export", *args, "-o", str(target)])
    assert result.exit_code == 2 and says in result.stderr and result.stdout == ""
    assert not target.exists()


def test_export_cbsa_takes_one_cbsa(tmp_path: Path) -> None:
    """`--cbsa` took only 'all' (3.1 million rows for OPPS 2025): `--cbsa 35614` gives that CBSA's rates, `price`'s
    there (ZIP 10001 is in CBSA 35614)."""
    import csv
    import json

    from typer.testing import CliRunner

    from rvucalc.cli import app

    target = tmp_path / "ny.csv"
    result = CliRunner().invoke(app, ["export", "--year", "2025", "--what", "opps", "--cbsa", "35614", "-o",
                                      str(target)])  # fmt: skip
    assert result.exit_code == 0, result.output
    with target.open(newline="") as handle:
        rows = {row["hcpcs"]: row for row in csv.DictReader(handle)}
    assert {row["cbsa"] for row in rows.values()} == {"35614"} and len(rows) > 6000
    for code in ("0071T", "70450", "J9271"):
        priced = CliRunner().invoke(app, ["price", code, "--zip", "10001", "--year", "2025", "--format", "json"])
        opps = json.loads(priced.stdout)["opps"]
        assert rows[code]["rate"] == f"{opps['rate']:.2f}" and rows[code]["wage_index"] == "1.3138", code
    for args, says in (
        (["--what", "opps", "--cbsa", "99999"], "--cbsa 99999: no CBSA of that code has a wage index"),
        (["--cbsa", "35614"], "--cbsa goes with --what asc or opps"),
        (["--what", "asc", "--locality", "1320201"], "--locality goes with --what pfs"),
        (["--what", "asc", "--cbsa", "all,01"], "--cbsa all is every CBSA: give it alone"),
    ):
        refused = CliRunner().invoke(app, ["export", "--year", "2025", *args, "-o", str(tmp_path / "x.csv")])
        assert refused.exit_code == 2 and says in refused.stderr, args


def test_export_cbsa_repeated_or_a_comma_list_exports_each(tmp_path: Path) -> None:
    """A trial's `--cbsa 01 --cbsa 41980` silently exported 41980 alone, and `--cbsa 01,41980,35614` was refused as
    no such CBSA: both give each CBSA's rows, each the rows `--cbsa` of it alone gives."""
    import csv

    from typer.testing import CliRunner

    from rvucalc.cli import app

    def rows(*args: str) -> list[dict[str, str]]:
        target = tmp_path / "out.csv"
        result = CliRunner().invoke(app, ["export", "--year", "2026", "--what", "asc", *args, "-o", str(target)])
        assert result.exit_code == 0, result.output
        with target.open(newline="") as handle:
            return list(csv.DictReader(handle))

    alone = {cbsa: rows("--cbsa", cbsa) for cbsa in ("01", "41980", "35614")}
    for args in (("--cbsa", "01", "--cbsa", "41980", "--cbsa", "35614"), ("--cbsa", "01,41980,35614")):
        together = rows(*args)
        for cbsa, expected in alone.items():
            assert [row for row in together if row["cbsa"] == cbsa] == expected and expected, cbsa
        assert len(together) == sum(len(expected) for expected in alone.values())
    missing = CliRunner().invoke(app, ["export", "--year", "2026", "--what", "asc", "--cbsa", "01,99999", "-o", "-"])
    assert missing.exit_code == 2 and "--cbsa 99999:" in missing.stderr


def test_export_locality_exports_those_localities(pfs_export_2025: Path, tmp_path: Path) -> None:
    """`--locality` (repeated, or a comma list; ids or names as `price --locality`): the rows of the whole export for
    those localities, byte for byte."""
    from typer.testing import CliRunner

    from rvucalc.cli import app

    target = tmp_path / "two.csv"
    result = CliRunner().invoke(app, ["export", "--year", "2025", "--locality", "1320201,MANHATTAN", "--locality",
                                      "0210201", "-o", str(target)])  # fmt: skip
    assert result.exit_code == 0, result.output
    whole = pfs_export_2025.read_text().splitlines()
    wanted = [whole[0], *(line for line in whole[1:] if ',"0210201",' in line or ',"1320201",' in line)]
    assert target.read_text().splitlines() == wanted and len(wanted) > 2 * 9000


def test_the_scenario_column_is_always_there_and_last(tmp_path: Path) -> None:
    """`export --conversion-factor` inserted a `scenario` column 10th, only with the option: a script read other
    columns by position with and without it. It is always the last column, blank without a what-if.
    RVU26C 99213: work 1.30, non-facility PE 1.46, MP 0.09; MIAMI's GPCIs 1.000, 1.041, 2.529
    (localities2026-01-01-2026.csv)."""
    import csv
    from decimal import ROUND_HALF_UP, Decimal

    from typer.testing import CliRunner

    from rvucalc.cli import app

    headers, amounts = [], []
    for extra in ([], ["--conversion-factor", "34.2359"]):
        target = tmp_path / "miami.csv"
        result = CliRunner().invoke(app, ["export", "--year", "2026", "--locality", "0910204", *extra, "-o",
                                          str(target)])  # fmt: skip
        assert result.exit_code == 0, result.output
        rows = list(csv.DictReader(target.open()))
        headers.append(list(rows[0]))
        (row,) = [row for row in rows if row["hcpcs"] == "99213" and not row["modifier"]]
        amounts.append((row["non_facility_amount"], row["scenario"]))
        assert {r["scenario"] for r in rows} == {row["scenario"]}
    assert headers[0] == headers[1] and headers[0][-3:] == ["notes", "scenario", "conversion_factor"]
    assert headers[0][9] == "non_facility_amount"

    def fee(cf: str) -> str:
        exact = (Decimal("1.30") + Decimal("1.46") * Decimal("1.041") + Decimal("0.09") * Decimal("2.529")) * Decimal(
            cf
        )
        return str(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))

    assert amounts[0] == (fee("33.4009"), "")
    assert amounts[1][0] == fee("34.2359") and "what-if, not a CMS rate" in amounts[1][1] and "34.2359" in amounts[1][1]


def test_export_writes_an_excel_workbook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`export -o x.xlsx` was refused ("export writes CSV") though batch writes workbooks: it writes one with batch's
    writer, the CSV's columns and cells, money as numbers (currency format), codes and localities as text (leading
    zeros kept), the year a number. RVU26C 99213 at MIAMI (GPCIs 1.000, 1.041, 2.529): $101.79 office, $62.50
    facility (work 1.30, PE 1.46 / 0.33, MP 0.09, CF 33.4009)."""
    import csv
    from decimal import ROUND_HALF_UP, Decimal

    import openpyxl
    from typer.testing import CliRunner

    from rvucalc.batch import files
    from rvucalc.cli import app

    workbook, text = tmp_path / "miami.xlsx", tmp_path / "miami.csv"
    for target in (workbook, text):
        result = CliRunner().invoke(app, ["export", "--year", "2026", "--locality", "0910204", "-o", str(target)])
        assert result.exit_code == 0, result.output
    rows = list(csv.reader(text.open()))
    sheet = openpyxl.load_workbook(workbook, read_only=True).active
    cells = [list(row) for row in sheet.iter_rows()]
    assert len(cells) == len(rows) > 9000
    header = rows[0]
    assert [cell.value for cell in cells[0]] == header
    money = {"non_facility_amount", "non_facility_limiting_charge", "facility_amount", "facility_limiting_charge"}
    for row, got in zip(rows[1:], cells[1:], strict=True):
        for name, value, cell in zip(header, row, got, strict=False):
            if name in money and value:
                assert cell.number_format == '"$"#,##0.00' and Decimal(str(cell.value)) == Decimal(value)
            elif name == "year":
                assert cell.value == int(value)
            elif name == "conversion_factor":  # a number, its 4 decimals (test_export_xlsx_conversion_factor_...)
                assert cell.data_type == "n" and Decimal(str(cell.value)) == Decimal(value)
            else:
                assert (cell.value or "") == value
    (line,) = [got for got in cells if got[6].value == "99213" and got[7].value is None]
    named = dict(zip(header, (cell.value for cell in line), strict=False))

    def fee(pe: str) -> float:
        rvus = Decimal("1.30") + Decimal(pe) * Decimal("1.041") + Decimal("0.09") * Decimal("2.529")
        return float((rvus * Decimal("33.4009")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))

    assert (named["non_facility_amount"], named["facility_amount"]) == (fee("1.46"), fee("0.33")) == (101.79, 62.5)
    assert (named["locality"], named["mac"], named["locality_number"]) == ("0910204", "09102", "04")
    # more rows than a sheet holds: refused before a row is written, the target left as it was
    before = workbook.read_bytes()
    monkeypatch.setattr(files, "XLSX_MAX_ROWS", 9000)
    big = CliRunner().invoke(app, ["export", "--year", "2026", "--locality", "0910204", "-o", str(workbook)])
    assert big.exit_code == 3 and "holds 9,000 rows below its header" in big.stderr and "--state" in big.stderr
    assert workbook.read_bytes() == before
    other = CliRunner().invoke(app, ["export", "--year", "2026", "-o", str(tmp_path / "x.txt")])
    assert other.exit_code == 2 and ".csv or .xlsx" in other.stderr


def test_export_xlsx_conversion_factor_is_a_number_with_its_four_decimals(tmp_path: Path) -> None:
    """`export -o x.xlsx` stored conversion_factor as text (an analyst's trial), the money columns beside it numbers.
    It is a number, CMS's 4 decimals kept: RVU26C's CONV FACTOR 33.4009, and a what-if's."""
    import csv
    from decimal import Decimal

    import openpyxl
    from typer.testing import CliRunner

    from rvucalc.cli import app

    with open("/work/shared/cms/2026/PPRRVU2026_Jul_nonQPP.csv", newline="") as handle:
        cms_cf = {row[25] for row in csv.reader(handle) if row[0] == "99213"}
    assert cms_cf == {"33.4009"}
    for extra, cf in (([], "33.4009"), (["--conversion-factor", "32.8409"], "32.8409")):
        target = tmp_path / "seattle.xlsx"
        done = CliRunner().invoke(app, ["export", "--zip", "98104", *extra, "-o", str(target)])
        assert done.exit_code == 0, done.output
        sheet = openpyxl.load_workbook(target, read_only=True).active
        rows = sheet.iter_rows()
        header = [cell.value for cell in next(rows)]
        at = header.index("conversion_factor")
        cells = [row[at] for row in rows]
        assert len(cells) > 9000
        assert {cell.data_type for cell in cells} == {"n"}
        assert {Decimal(str(cell.value)) for cell in cells} == {Decimal(cf)}
        assert Decimal(str(cells[0].value)).as_tuple().exponent == -4


def test_export_xlsx_wage_index_is_a_number_beside_the_rate(tmp_path: Path) -> None:
    """`export --what asc/opps -o x.xlsx` stored wage_index as text ("1.2951") beside the numeric rate (an analyst's
    trial: a formula on it fails). It is a number, the wage index file's own value: WI26 for CBSAs 35614 and 40380
    (asc_wage_index_2026.csv), and the ASC rate it adjusted is AA's July 2026 29881 rate x (0.5 x WI + 0.5)."""
    import csv
    from decimal import ROUND_HALF_UP, Decimal

    import openpyxl
    from typer.testing import CliRunner

    from rvucalc.cli import app

    with open("/work/shared/cms/2026/asc_wage_index_2026.csv", newline="", encoding="latin-1") as handle:
        cms_wi = {row[0]: Decimal(row[2]) for row in csv.reader(handle) if row and row[0] in {"35614", "40380"}}
    with open("/work/shared/cms/2026/asc_20260701/AA.csv", newline="", encoding="latin-1") as handle:
        (rate_text,) = [row[6] for row in csv.reader(handle) if row and row[0] == "29881"]
    national = Decimal(rate_text.strip(" $").replace(",", ""))
    assert cms_wi == {"35614": Decimal("1.2951"), "40380": Decimal("0.9499")}
    for what, year in (("asc", "2026"), ("opps", "2025")):
        target = tmp_path / f"{what}.xlsx"
        done = CliRunner().invoke(
            app, ["export", "--what", what, "--year", year, "--cbsa", "35614,40380", "-q", "-o", str(target)]
        )
        assert done.exit_code == 0, done.output
        rows = openpyxl.load_workbook(target, read_only=True).active.iter_rows()
        header = [cell.value for cell in next(rows)]
        at, code, cbsa, rate = (header.index(name) for name in ("wage_index", "hcpcs", "cbsa", "rate"))
        cells = [row for row in rows if row[at].value is not None]
        assert len(cells) > 1000
        assert {row[at].data_type for row in cells} == {"n"}
        if what == "asc":
            assert {row[cbsa].value: Decimal(str(row[at].value)) for row in cells} == cms_wi
            got = {row[cbsa].value: Decimal(str(row[rate].value)) for row in cells if row[code].value == "29881"}
            half = Decimal("0.5")
            cent = Decimal("0.01")
            want = {c: (national * (half * wi + half)).quantize(cent, ROUND_HALF_UP) for c, wi in cms_wi.items()}
            assert got == want == {"35614": Decimal("1887.57"), "40380": Decimal("1603.67")}


def test_the_opps_export_writes_addendum_b_s_rate_to_the_mill(tmp_path: Path) -> None:
    """`export --what opps` rounded the national rate to the cent (J9271 60.29), though Addendum B prints $60.291 and
    pricing uses all three decimals: the rate is written as CMS gives it (the installed Addendum B's own value)."""
    import csv
    from decimal import Decimal

    from typer.testing import CliRunner

    from rvucalc.cli import app

    target = tmp_path / "opps.csv"
    result = CliRunner().invoke(app, ["export", "--year", "2025", "--what", "opps", "-o", str(target)])
    assert result.exit_code == 0, result.output
    with target.open(newline="") as handle:
        rows = {row["hcpcs"]: row for row in csv.DictReader(handle)}
    for code in ("J9271", "G0463"):
        priced = CliRunner().invoke(app, ["price", code, "--date", "2025-11-03", "--format", "json"])
        national = Decimal(str(__import__("json").loads(priced.stdout)["opps"]["national_rate"]))
        assert Decimal(rows[code]["national_rate"]) == national, code
    assert rows["J9271"]["national_rate"] == "60.291"
