"""`export --zip`: a physician group's trial ran `rvucalc export --year 2026 --zip 30309 -o x.csv` (price, compare and
batch take --zip) and got "No such option: --zip", exit 2. The ZIP is placed as `price --zip` places it (the same
resolver: a ZIP split between localities by ZIP+4 is CMS's ZIP5 file's locality, with price's warning)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()


def test_export_zip_exports_the_zip_s_locality_as_locality_does(tmp_path: Path) -> None:
    by_zip, by_locality = tmp_path / "zip.csv", tmp_path / "locality.csv"
    result = runner.invoke(app, ["export", "--year", "2026", "--zip", "30309", "-o", str(by_zip)])
    assert result.exit_code == 0, result.output
    assert "ZIP 30309: locality 1021201 (ATLANTA)" in result.stderr
    same = runner.invoke(app, ["export", "--year", "2026", "--locality", "1021201", "-o", str(by_locality)])
    assert same.exit_code == 0, same.output
    lines = by_zip.read_text().splitlines()
    assert lines == by_locality.read_text().splitlines() and len(lines) > 9000
    assert all(',"1021201","ATLANTA",' in line for line in lines[1:])


def test_a_zip_split_by_zip4_is_warned_as_price_warns_it(tmp_path: Path) -> None:
    target = tmp_path / "x.csv"
    result = runner.invoke(app, ["export", "--year", "2026", "--zip", "01434", "-o", str(target)])
    assert result.exit_code == 0, result.output
    priced = runner.invoke(app, ["price", "99213", "--year", "2026", "--zip", "01434"])
    warning = next(line for line in priced.stderr.splitlines() if "split between localities" in line)
    assert warning in result.stderr.splitlines()  # price's words, the ZIP5 file's locality
    assert all(',"1421201",' in line for line in target.read_text().splitlines()[1:])


def test_export_zip_is_refused_as_price_refuses_it(tmp_path: Path) -> None:
    target = tmp_path / "x.csv"
    both = runner.invoke(app, ["export", "--zip", "30309", "--locality", "1320201", "-o", str(target)])
    assert both.exit_code == 2 and "Give --zip or --locality, not both." in both.stderr
    state = runner.invoke(app, ["export", "--zip", "30309", "--state", "GA", "-o", str(target)])
    assert state.exit_code == 2 and "Give --zip or --state, not both." in state.stderr
    facility = runner.invoke(app, ["export", "--what", "asc", "--zip", "30309", "--cbsa", "12054", "-o", str(target)])
    assert facility.exit_code == 2 and "Give --zip (the ZIP's CBSA) or --cbsa, not both." in facility.stderr
    for zip_code in ("99999", "2138"):  # not in the ZIP5 file (1); no ZIP (2): price's message and exit code
        exported = runner.invoke(app, ["export", "--year", "2026", "--zip", zip_code, "-o", str(target)])
        priced = runner.invoke(app, ["price", "99213", "--year", "2026", "--zip", zip_code])
        assert exported.exit_code == priced.exit_code and exported.exit_code in (1, 2)
        assert exported.stderr.strip().splitlines()[-1] == priced.stderr.strip().splitlines()[-1]
    assert not target.exists()


def test_export_asc_zip_is_the_zip_s_cbsa_as_price_places_it(tmp_path: Path) -> None:
    """An ASC administrator's trial: `export --what asc --zip 33606` (Tampa) was refused ("--zip goes with --what
    pfs"); it is the ZIP's CBSA, 45294: the rows `--cbsa 45294` writes, a rate as `price --setting asc` gives it."""
    by_zip, by_cbsa = tmp_path / "zip.csv", tmp_path / "cbsa.csv"
    result = runner.invoke(app, ["export", "--year", "2026", "--what", "asc", "--zip", "33606", "-o", str(by_zip)])
    assert result.exit_code == 0, result.output
    assert "ZIP 33606: CBSA 45294 (Tampa, FL), county 12057 (Hillsborough County)" in result.stderr
    same = runner.invoke(app, ["export", "--year", "2026", "--what", "asc", "--cbsa", "45294", "-o", str(by_cbsa)])
    assert same.exit_code == 0, same.output
    lines = by_zip.read_text().splitlines()
    assert lines == by_cbsa.read_text().splitlines() and len(lines) > 5000
    row = next(line for line in lines if line.startswith('"2026-07","45378",'))
    priced = runner.invoke(app, ["price", "45378", "--zip", "33606", "--date", "2026-07-15", "--setting", "asc",
                                 "--format", "json"])  # fmt: skip
    assert priced.exit_code == 0, priced.output
    assert row.endswith('"Tampa, FL","0.8981",484.48,"","AA"')  # AA 2026-07 $510.49 x (0.5 x 0.8981 + 0.5)
    assert "484.48" in priced.stdout
