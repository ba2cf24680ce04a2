"""`rvucalc data refresh` for CLFS, ASP and DMEPOS/PEN files: recognised by their title rows and
headers (not their names), verified with the pricing loaders, installed atomically; each fault is
refused with a clear error and leaves the user's data folder unchanged."""

from __future__ import annotations

import hashlib
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from conftest import QUIRKS
from rvucalc.errors import DataFileError
from rvucalc.reference.refresh import refresh_from
from rvucalc.reference.refresh.install import AlreadyInstalled
from rvucalc.reference.refresh.recognise import recognise_zip
from rvucalc.reference.releases import installed_releases
from rvucalc.reference.store import open_store

DATA = Path(__file__).resolve().parents[1] / "data"
CLFS_Q2 = DATA / "clfs" / "2026" / "PUF_CLFS_CY2026_Q2V1.csv"
ASP = DATA / "asp" / "2026" / "section 508 version of January 2026 Medicare Part B Payment Limit File 121725.csv"
DMEPOS_SLICE = QUIRKS / "dmepos26_jan_header_row7_nr_r_per_state.xlsx"
PEN_SLICE = QUIRKS / "dmepen26_jan_state_columns_without_space.xlsx"


def snapshot(root: Path) -> dict[str, str]:
    if not root.exists():
        return {}
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".refresh.lock"
    }


def refused(user_root: Path, action: Callable[[], object], text: str) -> None:
    before = snapshot(user_root)
    with pytest.raises(DataFileError, match=text):
        action()
    assert snapshot(user_root) == before
    assert not list(user_root.glob(".staging-*"))


def zipped(tmp_path: Path, members: dict[str, Path | bytes], name: str = "cms.zip") -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in members.items():
            archive.writestr(member, content if isinstance(content, bytes) else content.read_bytes())
    return path


# -- recognised by content -----------------------------------------------------------------------


def test_files_are_recognised_by_their_titles_not_their_names(tmp_path: Path) -> None:
    cases = [
        ({"labs.csv": CLFS_Q2}, 2, ("clfs", "2026-04", {"clfs": "labs.csv"})),
        ({"drugs.csv": ASP}, None, ("asp", "2026-01", {"payment_limit": "drugs.csv"})),
        (
            {"a.xlsx": DMEPOS_SLICE, "b.xlsx": PEN_SLICE, "readme.txt": b"not a table"},
            None,
            ("dmepos", "2026-01", {"dmepos": "a.xlsx", "pen": "b.xlsx"}),
        ),
    ]
    for members, quarter, expected in cases:
        with zipfile.ZipFile(zipped(tmp_path, members)) as archive:
            found = recognise_zip(archive, quarter)
        assert (found.dataset, found.release, found.members) == expected
        assert found.effective_from == f"{expected[1]}-01"


def test_cms_clfs_zip_prefers_the_csv_and_takes_the_quarter_from_cms_name(tmp_path: Path) -> None:
    xlsx = shutil.copy(QUIRKS / "clfs2026q1_numeric_hcpcs_and_rates.xlsx", tmp_path / "x.xlsx")
    archive_path = zipped(tmp_path, {"CLFS 2026 Q2V1.xlsx": Path(xlsx), "CLFS 2026 Q2V1.csv": CLFS_Q2})
    with zipfile.ZipFile(archive_path) as archive:
        found = recognise_zip(archive)
    assert (found.dataset, found.release, found.members) == ("clfs", "2026-04", {"clfs": "CLFS 2026 Q2V1.csv"})


# -- installs ------------------------------------------------------------------------------------


def test_clfs_q2_installs_into_the_user_folder_and_prices_from_there(user_root: Path) -> None:
    with pytest.raises(AlreadyInstalled):
        refresh_from(str(CLFS_Q2))
    done = refresh_from(str(CLFS_Q2), force=True)
    assert (done.dataset, done.release, done.rows) == ("clfs", "2026-04", 2179)
    newest = installed_releases("clfs")[-1]
    assert user_root in newest.manifest_path.parents
    assert [r["rate_cents"] for r in open_store(newest).clfs("80053")] == [1056, 1056]


def test_dmepos_zip_installs_dmepos_with_pen(tmp_path: Path, user_root: Path) -> None:
    archive = zipped(tmp_path, {"DMEPOS26_JAN.xlsx": DMEPOS_SLICE, "DMEPEN26_JAN.xlsx": PEN_SLICE})
    # The shipped January release: refused without --force (already installed, and a slice is incomplete).
    with pytest.raises((AlreadyInstalled, DataFileError)):
        refresh_from(str(archive))
    done = refresh_from(str(archive), force=True)
    assert (done.dataset, done.release, done.files) == ("dmepos", "2026-01", 2)
    store = open_store(installed_releases("dmepos")[-1])
    assert store.dmepos("E0601", "CA")[0]["fees"]["CA"] == (5044, 9304)
    assert {item["source"] for item in store.dmepos("E0776")} == {"PEN"}  # only the slices' rows


# -- faults: refused, nothing changed ---------------------------------------------------------------


def test_clfs_with_a_renamed_column_is_refused(tmp_path: Path, user_root: Path) -> None:
    broken = tmp_path / "CLFS 2026 Q2V1.csv"
    broken.write_bytes(CLFS_Q2.read_bytes().replace(b"INDICATOR,RATE,", b"INDICATOR,PRICE,", 1))
    # the renamed column is named, not the whole list alone (CMS's header is row 5, after 4 title rows)
    lacks = r"its header row \(row 5\) lacks the column RATE \("
    refused(user_root, lambda: refresh_from(str(broken), force=True), lacks)


def test_clfs_without_a_quarter_asks_for_one(tmp_path: Path, user_root: Path) -> None:
    renamed = tmp_path / "labs.csv"
    shutil.copy(CLFS_Q2, renamed)
    refused(user_root, lambda: refresh_from(str(renamed), force=True), "pass --quarter")


def test_clfs_named_for_the_wrong_quarter_is_refused(tmp_path: Path, user_root: Path) -> None:
    """The Q2 file (0614U effective 2026-04-01) under a Q1 name: its EFF_DATEs give it away (a blank line at its end,
    so that it is not the installed Q2 file byte for byte: the check below)."""
    misnamed = tmp_path / "CLFS 2026 Q1V1.csv"
    misnamed.write_bytes(CLFS_Q2.read_bytes() + b"\n")
    refused(user_root, lambda: refresh_from(str(misnamed), force=True), "on or before 2026-03-31")


def test_a_clfs_file_given_another_quarter_is_refused(tmp_path: Path, user_root: Path) -> None:
    """A trial installed CMS's Q2 file as 2026-07 (--quarter 3) and then Q1's over it: Q3 dates priced with Q2's (and
    Q1's) rates, labelled 2026-07. Its name's quarter wins over --quarter's; renamed, it is the installed Q2 file."""
    refused(user_root, lambda: refresh_from(str(CLFS_Q2), quarter=3), "its name says quarter 2, not 3")
    renamed = tmp_path / "labs.csv"
    shutil.copy(CLFS_Q2, renamed)
    refused(user_root, lambda: refresh_from(str(renamed), quarter=3, force=True),
            "byte for byte, the file of the installed CLFS 2026-04, not 2026-07's")  # fmt: skip


def test_asp_with_a_renamed_column_is_refused(tmp_path: Path, user_root: Path) -> None:
    broken = tmp_path / "asp.csv"
    broken.write_bytes(ASP.read_bytes().replace(b",Payment Limit,", b",Payment Amount,", 1))
    lacks = r"its header row \(row 9\) lacks the column PAYMENT LIMIT"
    refused(user_root, lambda: refresh_from(str(broken), force=True), lacks)


def test_asp_without_its_effective_period_is_not_recognised(tmp_path: Path, user_root: Path) -> None:
    broken = tmp_path / "asp.csv"
    broken.write_bytes(ASP.read_bytes().replace(b'"Effective January 1, 2026 through March 31, 2026"', b"", 1))
    refused(user_root, lambda: refresh_from(str(broken), force=True), "Not a CMS file rvucalc knows")


def test_dmepos_with_a_renamed_state_column_is_refused(tmp_path: Path, user_root: Path) -> None:
    book = openpyxl.load_workbook(DMEPOS_SLICE)
    [cell] = [c for c in book.worksheets[0][7] if c.value == "TX (NR)"]
    cell.value = "TX NR"
    broken = tmp_path / "DMEPOS26_JAN.xlsx"
    book.save(broken)
    refused(user_root, lambda: refresh_from(str(broken), force=True), "'TX NR'")


def test_pen_alone_is_refused(user_root: Path) -> None:
    refused(user_root, lambda: refresh_from(str(PEN_SLICE), force=True), "PEN fee schedule alone")


def test_quarter_that_contradicts_the_asp_title_is_refused(user_root: Path) -> None:
    refused(user_root, lambda: refresh_from(str(ASP), quarter=2, force=True), "not in quarter 2")
