"""What `data refresh` says an ASC release changed covers addendum BB too: its drugs and biologicals (PI K2) take
OPPS's ASP-based rates, which move every quarter while AA's surgical rates held from January to July 2026, so a July
2026 ASC zip read "0 values changed" against January's with J0897 at $30.10 for $29.46.

The zips are slices of the shipped January and July 2026 addenda (data/opps/2026/asc/01 and 07): CMS's title and
header rows, then CMS's own rows for a few codes, installed from local files into a user data folder whose ASC
releases are the ones installed there (the shipped July 2026 would otherwise be the release compared with)."""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

import rvucalc.paths
from rvucalc.cli import app
from rvucalc.reference.refresh import refresh_from
from test_refresh import LOCAL, cms  # noqa: F401  (the local CMS server on 127.0.0.1, and its downloader)

ASC_2026 = Path(__file__).resolve().parents[1] / "data" / "opps" / "2026" / "asc"
AA_CODES = ("0101T", "29881", "66984", "0730T", "0996T")  # 0730T: new in July; 0996T: in January's AA only
BB_CODES = ("J0897", "J1456", "Q5124", "A9574", "J2993")  # A9574: new in July; J2993: in January's BB only
EE_CODES = ("00176", "00192")
runner = CliRunner()


def sliced(month: str, addendum: str, codes: Iterable[str]) -> bytes:
    """CMS's <month> 2026 addendum, byte for byte: its title and header rows, then its rows for ``codes``."""
    lines = (ASC_2026 / month / f"{addendum}.csv").read_bytes().splitlines(keepends=True)
    header = next(i for i, line in enumerate(lines) if line.lstrip(b"\xef\xbb\xbf").startswith(b"HCPCS Code,"))
    rows = [line for line in lines[header + 1 :] if line.split(b",")[0].decode("ascii", "replace") in codes]
    return b"".join([*lines[: header + 1], *rows])


def addenda_zip(tmp_path: Path, month: str, name: str, bb: Iterable[str] = BB_CODES) -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for addendum, codes in {"AA": AA_CODES, "BB": bb, "EE": EE_CODES, "FF": AA_CODES}.items():
            archive.writestr(f"{addendum}.csv", sliced(month, addendum, codes))
    return path


def bb_rate(month: str, code: str) -> Decimal:
    """The code's payment rate in CMS's whole addendum BB (its 7th column: "$29.46" in January, "30.101" in the
    re-saved July file), to the cent, rounded half up."""
    with (ASC_2026 / month / "BB.csv").open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        row = next(row for row in csv.reader(handle) if row and row[0] == code)
    return Decimal(row[6].replace("$", "").replace(",", "")).quantize(Decimal("0.01"), ROUND_HALF_UP)


def rate_change(code: str) -> str:
    """The change line of the code's BB rate, January to July: its percentage to one decimal, rounded half up from
    CMS's own rates, or "<0.1%" below that."""
    was, now = bb_rate("01", code), bb_rate("07", code)
    share = abs(now - was) / was * 100
    shown = "<0.1" if share < Decimal("0.1") else share.quantize(Decimal("0.1"), ROUND_HALF_UP)
    return f"{code}: payment rate {was} -> {now} ({'+' if now > was else '-'}{shown}%)"


@pytest.fixture
def users_releases_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user_root: Path) -> Path:
    """No shipped release: a July refresh is compared with the January release the user installed."""
    shipped = tmp_path / "shipped"
    (shipped / "manifests").mkdir(parents=True)
    monkeypatch.setattr(rvucalc.paths, "data_dir", lambda: shipped)
    # The January slice is not CMS's whole January file (whose sha256 rvucalc knows): installed as changed.
    january = refresh_from(str(addenda_zip(tmp_path, "01", "january-2026-asc.zip")), allow_changed=True)
    assert (january.dataset, january.release, january.changes) == ("asc", "2026-01", [])
    return user_root


def test_a_july_asc_refresh_counts_addendum_bb_and_shows_its_drug_rate_changes(
    tmp_path: Path, users_releases_only: Path
) -> None:
    result = runner.invoke(app, ["data", "refresh", "--from", str(addenda_zip(tmp_path, "07", "july-2026-asc.zip"))])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    # AA: the same four rows' rates in January and July; BB: three of CMS's K2 drug rates moved.
    assert "  ASC 2026-07 against the installed 2026-01: addendum AA (surgical procedures) 4 rows (was 4), " \
           "1 code added, 1 removed, 0 values changed" in lines  # fmt: skip
    assert "    addendum BB (ancillary services): 4 rows (was 4), 1 code added, 1 removed, 3 values changed" in lines
    # Largest relative change first, across the addenda: CMS's own January and July rates, to the cent.
    largest = lines.index("    largest changes:")
    assert lines[largest + 1 : largest + 4] == [f"      {rate_change(code)}" for code in ("Q5124", "J1456", "J0897")]
    assert "      J0897: payment rate 29.46 -> 30.10 (+2.2%)" in lines  # CMS: "$29.46" (January), "30.101" (July)


def test_codes_added_and_removed_are_said_of_their_own_addendum(tmp_path: Path, users_releases_only: Path) -> None:
    """A code is added to or removed from one addendum, not from "the release": each table's on its own line."""
    july = refresh_from(str(addenda_zip(tmp_path, "07", "july-2026-asc.zip")))
    assert july.release == "2026-07"
    assert "  addendum AA (surgical procedures) added: 0730T" in july.changes
    assert "  addendum AA (surgical procedures) removed: 0996T" in july.changes
    assert "  addendum BB (ancillary services) added: A9574" in july.changes
    assert "  addendum BB (ancillary services) removed: J2993" in july.changes
    assert not any(line.startswith(("  added:", "  removed:")) for line in july.changes)


def test_a_refresh_whose_bb_rates_did_not_move_says_0_values_changed_for_bb(
    tmp_path: Path, users_releases_only: Path
) -> None:
    """The same January addenda again, with --force: every count is the same, and no change is listed."""
    again = refresh_from(str(addenda_zip(tmp_path, "01", "january-2026-asc-again.zip")), force=True,
                         allow_changed=True)  # fmt: skip
    assert again.changes == [
        "ASC 2026-01 against the installed 2026-01: addendum AA (surgical procedures) 4 rows (was 4), "
        "0 codes added, 0 removed, 0 values changed",
        "  addendum BB (ancillary services): 4 rows (was 4), 0 codes added, 0 removed, 0 values changed",
    ]


def data_rows(month: str, addendum: str, codes: Iterable[str]) -> int:
    """How many rows CMS's <month> 2026 addendum has for ``codes``."""
    return len(sliced(month, addendum, codes).splitlines()) - len(sliced(month, addendum, ()).splitlines())


def test_a_july_asc_zip_whose_bb_lost_half_its_rows_is_refused_as_incomplete_without_force(
    tmp_path: Path, users_releases_only: Path
) -> None:
    """The row-count check read addendum AA alone: a July zip with a whole AA and a BB cut to one of the installed
    January BB's rows installed silently. BB is held against the installed BB with AA's threshold, and named."""
    from rvucalc.reference.releases import installed_releases
    from rvucalc.reference.store import open_store

    path = tmp_path / "july-2026-asc-short-bb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for addendum, codes in {"AA": AA_CODES, "BB": BB_CODES[:1], "EE": EE_CODES, "FF": AA_CODES}.items():
            archive.writestr(f"{addendum}.csv", sliced("07", addendum, codes))
    short, was = data_rows("07", "BB", BB_CODES[:1]), data_rows("01", "BB", BB_CODES)
    assert short < was / 2  # CMS's own rows: the July BB slice has less than half the January BB slice's

    refused = runner.invoke(app, ["data", "refresh", "--from", str(path)])
    assert refused.exit_code == 1, refused.output
    assert "Traceback" not in refused.output
    message = " ".join(refused.stderr.split())
    assert (
        f"ASC 2026-07 addendum BB (ancillary services) has {short} row{'' if short == 1 else 's'} against {was} in "
        "2026-01: refused as incomplete; nothing was installed (use --force if CMS really dropped them)." in message
    )
    assert "addendum AA" not in message  # AA kept its rows: only BB is named
    assert [r.release for r in installed_releases("asc")] == ["2026-01"]

    forced = runner.invoke(app, ["data", "refresh", "--from", str(path), "--force"])
    assert forced.exit_code == 0, forced.output
    newest = installed_releases("asc")[-1]
    assert newest.release == "2026-07"
    store = open_store(newest)
    try:
        assert sum(1 for _ in store.rows("asc_bb")) == short
    finally:
        store.close()


# CMS's K2 drug rates that moved least from January to July 2026 (addendum BB, to the cent): J9269 $357.02 ->
# $357.52, J0225 $5,009.56 -> $5,012.60, J9273 $196.07 -> $196.12, J1426 $166.19 -> $166.17.
SMALL_CHANGES = ("J9269", "J0225", "J9273", "J1426")


@pytest.mark.parametrize(
    ("bb", "counts"),
    [
        (SMALL_CHANGES, "5 rows (was 5), 1 code added, 1 removed, 4 values changed"),
        (SMALL_CHANGES[-1:], "2 rows (was 2), 1 code added, 1 removed, 1 value changed"),
    ],
)
def test_a_change_under_half_a_percent_is_said_to_a_decimal_and_a_count_of_one_in_the_singular(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    user_root: Path,
    cms,  # type: ignore[no-untyped-def]  # noqa: F811  (test_refresh's fixture)
    bb: tuple[str, ...],
    counts: str,
) -> None:
    """A refresh's summary read "(+0%)" for each change under half a percent (J0225's $5,009.56 -> $5,012.60), and
    "1 codes added": the percentage is said to one decimal, or "<0.1%" under it, and a count of one in the singular.
    July's addenda served by a local CMS on 127.0.0.1, against the January addenda the user installed."""
    shipped = tmp_path / "shipped"
    (shipped / "manifests").mkdir(parents=True)
    monkeypatch.setattr(rvucalc.paths, "data_dir", lambda: shipped)
    january = addenda_zip(tmp_path, "01", "january-2026-asc.zip", (*bb, "J2993"))  # J2993: in January's BB only
    assert refresh_from(str(january), allow_changed=True).release == "2026-01"
    base, handler = cms
    handler.files["/july-2026-asc.zip"] = addenda_zip(tmp_path, "07", "july.zip", (*bb, "A9574")).read_bytes()
    july = refresh_from(f"{base}/july-2026-asc.zip", downloader=LOCAL)
    assert july.release == "2026-07"
    assert f"  addendum BB (ancillary services): {counts}" in july.changes
    assert any(line.endswith("1 code added, 1 removed, 0 values changed") for line in july.changes)  # AA's
    largest = july.changes.index("  largest changes:")
    assert july.changes[largest + 1 :] == [f"    {rate_change(code)}" for code in bb]  # largest first, as listed
    assert not any("0%)" in line and "<0.1%" not in line and ".0%" not in line for line in july.changes)
