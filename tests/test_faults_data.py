"""Faults in the reference data and its cache (issue 14): tampered CMS files and stores, a cache that
heals itself, unusable folders, zip bombs and planted links. Each fault ends in a clear message (or a
healed store), never a traceback, and leaves installed data as it was."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import sqlite3
import struct
import time
import zipfile
import zlib
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import TEST_DATA
from rvucalc.cli import app
from rvucalc.errors import DataFileError, LocalDataError, UsageError
from rvucalc.lookup.pricer import Pricer
from rvucalc.paths import data_dir
from rvucalc.reference.loaders.opps import load_asc_addendum
from rvucalc.reference.refresh import catalogue, refresh_catalogue, refresh_from, status, verify
from rvucalc.reference.refresh.download import Downloader
from rvucalc.reference.releases import installed_releases
from rvucalc.reference.store import check_path, open_store, store_path
from test_refresh import cms, rewrite_member, snapshot  # noqa: F401  (cms is a fixture)

RVU25A_ZIP = TEST_DATA / "zips" / "rvu25a-updated-01_10_2025.zip"
RVU25A = RVU25A_ZIP.read_bytes()
LOCAL = Downloader(allowed_hosts=frozenset({"127.0.0.1"}), require_https=False, backoff=0, retries=0)
runner = CliRunner()


@pytest.fixture
def cache(own_cache: Path) -> Path:
    """A cache of this test's own (conftest.own_cache)."""
    return own_cache


def rvu_file_row(code: str) -> dict[str, str]:
    """99213's row of CMS's PPRRVU25_JAN.csv, by CMS's own header names (work RVU, totals, CF)."""
    text = zipfile.ZipFile(RVU25A_ZIP).read("PPRRVU25_JAN.csv").decode("cp1252")
    rows = list(csv.reader(io.StringIO(text)))
    row = next(r for r in rows if r and r[0] == code)
    return {"work": row[5], "nonfac_total": row[11], "cf": row[24]}


def cms_amount(rvus: str, cf: str) -> Decimal:
    return (Decimal(rvus) * Decimal(cf)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def price_99213_in_2025a() -> Decimal:
    result = Pricer().price("99213", date_of_service=dt.date(2025, 2, 1))
    assert result.release == "2025A"
    return result.pfs.non_facility.amount


def tampered_rvu25a(work: str = "9.30") -> bytes:
    """RVU25A with 99213's work RVU changed (the issue's reproduction: 1.30 -> 9.30)."""
    original = rvu_file_row("99213")["work"]

    def change(content: bytes) -> bytes:
        lines = content.split(b"\n")
        for i, line in enumerate(lines):
            if line.startswith(b"99213,"):
                fields = line.split(b",")
                assert fields[5].decode() == original
                fields[5] = work.encode()
                lines[i] = b",".join(fields)
        return b"\n".join(lines)

    return rewrite_member(RVU25A, "PPRRVU25_JAN.csv", change)


# -- tamper-evident data ------------------------------------------------------------------------------


@pytest.mark.slow
def test_tampered_zip_over_the_same_release_is_refused_even_with_force(cms, user_root: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    base, handler = cms
    handler.files["/files/zip/rvu25a.zip"] = tampered_rvu25a()
    row = rvu_file_row("99213")
    expected = cms_amount(row["nonfac_total"], row["cf"])  # CMS's own figures: $88.95
    before = snapshot(user_root)
    for force in (False, True):
        with pytest.raises(DataFileError) as caught:
            refresh_from(f"{base}/files/zip/rvu25a.zip", downloader=LOCAL, force=force)
        message = str(caught.value)
        assert "not CMS's PFS 2025A rvu file" in message
        assert f"99213: work RVU {row['work']} -> 9.30" in message  # the diff names the change
        assert "--allow-changed" in message
    assert snapshot(user_root) == before
    assert price_99213_in_2025a() == expected
    # Deliberately accepted: installed, and `data verify` keeps flagging it.
    path = tmp_path / "rvu25a.zip"
    path.write_bytes(tampered_rvu25a())
    done = refresh_from(str(path), force=True, allow_changed=True)
    assert any("99213: work RVU 1.30 -> 9.30" in line for line in done.changes)
    assert any("differs from CMS's 2025A file rvucalc knows" in p for p in verify())


@pytest.mark.slow
def test_other_content_for_an_installed_release_needs_force_and_shows_the_diff(tmp_path: Path, user_root: Path) -> None:
    def as_april(content: bytes) -> bytes:
        return content.replace(b"January Release", b"April Release")

    april = tmp_path / "rvu25b.zip"
    april.write_bytes(rewrite_member(RVU25A, "PPRRVU25_JAN.csv", as_april))
    first = refresh_from(str(april))
    assert first.release == "2025B"
    # Every refresh says what changed against the release it follows.
    assert first.changes[0].startswith("PFS 2025B against the installed 2025A: 18865 rows (was 18865)")
    changed = tmp_path / "rvu25b-changed.zip"
    changed.write_bytes(rewrite_member(tampered_rvu25a(), "PPRRVU25_JAN.csv", as_april))
    before = snapshot(user_root)
    with pytest.raises(
        DataFileError, match=r"(?s)other content than the installed 2025B.*99213: work RVU 1.30 -> 9.30"
    ):
        refresh_from(str(changed))
    assert snapshot(user_root) == before
    done = refresh_from(str(changed), force=True)  # no catalogue entry for this release: --force replaces it
    assert done.changes[1:] and "99213: work RVU 1.30 -> 9.30 (+615.4%)" in "\n".join(done.changes)


def test_tampered_store_is_rebuilt_not_trusted(cache: Path, capsys: pytest.CaptureFixture[str]) -> None:
    release = Pricer().select()[0]
    good = Pricer().price("99213").pfs.non_facility.amount
    path = store_path(release)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE rvu SET work_rvu = 930 WHERE hcpcs = '99213'")
    assert Pricer().price("99213").pfs.non_facility.amount == good
    assert "changed after it was built" in capsys.readouterr().err


@pytest.mark.slow
def test_tampered_store_with_a_forged_check_file_is_found_by_verify(cache: Path) -> None:
    release = Pricer().select()[0]
    good = Pricer().price("99213").pfs.non_facility.amount
    path = store_path(release)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE rvu SET work_rvu = 930 WHERE hcpcs = '99213'")
    data = path.read_bytes()
    stat = path.stat()
    check_path(path).write_text(json.dumps({"sha256": hashlib.sha256(data).hexdigest(), "size": stat.st_size,
                                            "mtime_ns": stat.st_mtime_ns}))  # fmt: skip
    problems = verify()
    assert any("table rvu was changed since the store was built" in p for p in problems)
    assert any("rebuilt from the CMS files (fixed)" in p for p in problems)
    assert Pricer().price("99213").pfs.non_facility.amount == good
    assert not [p for p in verify() if "compiled data" in p]


@pytest.mark.parametrize(
    ("damage", "why"),
    [
        (lambda p: p.write_bytes(p.read_bytes()[: p.stat().st_size // 3]), "truncated"),
        (lambda p: p.write_bytes(b"not a database at all " * 200), "garbage"),
        (lambda p: sqlite3.connect(p).execute("DROP TABLE zip").connection.commit(), "missing table"),
    ],
)
def test_damaged_store_heals_once_with_a_line_on_stderr(
    cache: Path, capsys: pytest.CaptureFixture[str], damage: object, why: str
) -> None:
    release = Pricer().select()[0]
    expected = Pricer().price("22590", zip_code="10001").pfs.facility.amount
    damage(store_path(release))  # type: ignore[operator]
    capsys.readouterr()
    assert Pricer().price("22590", zip_code="10001").pfs.facility.amount == expected, why
    err = capsys.readouterr().err
    assert err.count("rebuilding it from the CMS files") == 1 and str(store_path(release)) in err
    Pricer().price("22590", zip_code="10001")
    assert "rebuilding" not in capsys.readouterr().err  # healed: the next run is quiet


def test_store_that_cannot_be_rebuilt_names_the_folder(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rvucalc.reference import store as store_module

    release = installed_releases("wage")[-1]
    store_path(release).write_bytes(b"garbage")

    def disk_full(db: sqlite3.Connection) -> dict[str, str]:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(store_module, "table_hashes", disk_full)
    with pytest.raises(LocalDataError, match=rf"Could not write the compiled data in {cache}.*disk is full"):
        open_store(release)
    assert not [p for p in cache.iterdir() if p.name.endswith(".tmp")]


# -- unusable folders and state: exit 2, the path, no traceback ---------------------------------------


def cli(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output and not isinstance(result.exception, (KeyError, ValueError))
    return result.exit_code, result.output


def test_corrupt_state_json(user_root: Path) -> None:
    user_root.mkdir(parents=True)
    (user_root / "state.json").write_text('{"pins": {"pfs": "2025D"')
    code, output = cli("price", "22590")
    assert code == 2 and str(user_root / "state.json") in output and "damaged" in output
    code, output = cli("data", "use", "2025D")
    assert code == 2 and "state.json" in output


@pytest.mark.slow
def test_broken_user_manifest_names_the_file_and_the_fix(user_root: Path) -> None:
    (user_root / "manifests").mkdir(parents=True)
    broken = user_root / "manifests" / "pfs-2025B.json"
    broken.write_text('{"dataset": "pfs", "release": ')
    code, output = cli("price", "22590")
    assert code == 2 and str(broken) in output and "rvucalc data verify --fix" in output
    assert "Reinstall rvucalc" not in output
    code, output = cli("data", "verify", "--fix")
    assert code == 1 and "set aside" in output
    code, output = cli("price", "22590", "--format", "json")
    assert code == 0, output


def test_empty_home_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("RVUCALC_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", "")
    code, output = cli("price", "22590")
    assert code == 2 and "HOME is empty" in output and "RVUCALC_CACHE_DIR" in output
    assert not Path("/.cache/rvucalc").exists()


def test_cache_path_that_is_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    not_a_folder = tmp_path / "cache-file"
    not_a_folder.write_text("a file")
    monkeypatch.setenv("RVUCALC_CACHE_DIR", str(not_a_folder))
    code, output = cli("price", "22590")
    assert code == 2 and f"{not_a_folder} is a file, not a folder" in output.replace("\n", "")


def test_data_path_that_is_a_file_is_refused_by_lookups_not_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    not_a_folder = tmp_path / "data-file"
    not_a_folder.write_text("a file")
    monkeypatch.setenv("RVUCALC_DATA_DIR", str(not_a_folder))
    for command in (["price", "22590", "--zip", "10001"], ["data", "status"]):
        code, output = cli(*command)
        assert code == 2, output
        assert output.replace("\n", "").count(f"{not_a_folder} is a file, not a folder") == 1
        assert "RVUCALC_DATA_DIR" in output and "Traceback" not in output


# -- zip limits and the lock --------------------------------------------------------------------------


def deflate_bomb(
    path: Path, unpacked: int, name: str = "PPRRVU25_JAN.csv", extra: dict[str, bytes] | None = None
) -> None:
    """A zip whose member ``name`` inflates to ``unpacked`` bytes of zeros, written without compressing them:
    one fully flushed deflate block of 1 MB of zeros repeated (identical after each full flush). ``extra``:
    small stored members besides it."""
    mb = 2**20
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(b"\0" * mb) + compressor.flush(zlib.Z_FULL_FLUSH)
    members = [(name.encode(), 8, block * (unpacked // mb) + compressor.flush(), unpacked, 0)]
    members += [(n.encode(), 0, d, len(d), zlib.crc32(d)) for n, d in (extra or {}).items()]
    body, directory = b"", b""
    for member, method, data, size, crc in members:
        offset = len(body)
        body += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, method, 0, 0, crc, len(data), size, len(member), 0)
        body += member + data
        directory += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, method, 0, 0, crc, len(data), size,
                                 len(member), 0, 0, 0, 0, 0, offset) + member  # fmt: skip
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), len(body), 0)
    path.write_bytes(body + directory + end)


def test_zip_bomb_refused_in_under_a_second(tmp_path: Path, user_root: Path) -> None:
    bomb = tmp_path / "bomb.zip"
    deflate_bomb(bomb, 3000 * 2**20)
    assert bomb.stat().st_size < 4 * 2**20  # a 3 MB file that inflates to 3 GB
    started = time.process_time()
    with pytest.raises(DataFileError, match="zip bomb"):
        refresh_from(str(bomb))
    assert time.process_time() - started < 1.0
    assert not (user_root / "releases").exists()


def test_workbook_bomb_refused_before_it_is_parsed(tmp_path: Path, user_root: Path) -> None:
    bomb = tmp_path / "ZIP5_JAN2026.xlsx"
    deflate_bomb(bomb, 1000 * 2**20, "xl/worksheets/sheet1.xml", {"xl/workbook.xml": b"<workbook/>"})
    started = time.process_time()
    with pytest.raises(DataFileError, match="zip bomb"):
        refresh_from(str(bomb))
    assert time.process_time() - started < 1.0


def test_symlinked_lock_is_not_followed(tmp_path: Path, user_root: Path) -> None:
    victim = tmp_path / "precious.txt"
    victim.write_text("keep me")
    user_root.mkdir(parents=True)
    (user_root / ".refresh.lock").symlink_to(victim)
    zip_path = tmp_path / "rvu.zip"
    zip_path.write_bytes(RVU25A)
    with pytest.raises(LocalDataError, match="symbolic link"):
        refresh_from(str(zip_path), force=True)
    assert victim.read_text() == "keep me"


# -- current data -------------------------------------------------------------------------------------


JULY_2026 = data_dir() / "opps" / "2026" / "asc" / "07"
APRIL_2026 = data_dir() / "opps" / "2026" / "asc" / "04"


def test_july_2026_asc_re_saved_numbers_read_as_cms_prints_them() -> None:
    """The July copy lost $ , % (FF percentages as fractions, rates unrounded); where a code's weight is the
    same in April's CMS-formatted file, its rate and device offset must be April's to the cent."""
    for addendum, fields in (("aa", ("weight", "rate")), ("ff", ("device_offset_pct", "device_portion"))):
        july, april = (
            load_asc_addendum(folder / f"{addendum.upper()}.csv", addendum).set_index("hcpcs")
            for folder in (JULY_2026, APRIL_2026)
        )
        july, april = (frame.astype(object).where(frame.notna(), None) for frame in (july, april))
        both = july.index.intersection(april.index)
        same = [code for code in both if all(july.at[code, f] == april.at[code, f] for f in fields[:1])]
        assert len(same) > 3000
        mismatched = [code for code in same if july.at[code, fields[1]] != april.at[code, fields[1]]]
        assert mismatched == []  # all 4,831 AA and 4,832 FF codes with April's weight/percentage agree
    ff = load_asc_addendum(JULY_2026 / "FF.csv", "ff").set_index("hcpcs")
    assert ff.at["0101T", "device_offset_pct"] == 0  # '0' (April: 0.00%)
    assert ff.at["0870T", "device_offset_pct"] == 3100  # 0.31 -> 31.00%


def test_july_2026_asc_refresh_from_a_zip_of_the_re_saved_files(tmp_path: Path, user_root: Path) -> None:
    archive = tmp_path / "july-2026-asc.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as target:
        for name in ("AA", "BB", "EE", "FF"):
            target.write(JULY_2026 / f"{name}.csv", f"{name}.csv")
    with pytest.raises(Exception, match="already installed"):
        refresh_from(str(archive))
    done = refresh_from(str(archive), force=True)
    assert (done.dataset, done.release, done.rows) == ("asc", "2026-07", 4833)
    result = Pricer().price("0870T", date_of_service=dt.date(2026, 8, 1))
    assert result.asc.release == "2026-07" and result.asc.national_rate == Decimal("23824.95")


def test_status_names_missing_current_year_datasets_and_the_command() -> None:
    _, warnings = status(today=dt.date(2026, 11, 30))
    opps = [w for w in warnings if "OPPS" in w]
    assert opps == [
        "CY2026 OPPS Addendum B: not installed (no 2026 release), so 2026 lookups go without it. "
        "Get it with: rvucalc data refresh --dataset opps --year 2026"
    ]
    assert any("CY2026 PFS" in w and "(2026D)" in w and "rvucalc data refresh --dataset pfs" in w for w in warnings)
    # CLFS, ASP, DMEPOS have no download list: their advice is --from FILE ("--dataset clfs" fetched nothing, exit 0).
    for label in ("Clinical Laboratory Fee Schedule", "ASP drug payment limit"):
        (said,) = [w for w in warnings if label in w]
        assert said.endswith("Get it with: rvucalc data refresh --from FILE (CMS's " + label + " file, downloaded "
                             "from its page)")  # fmt: skip
    with pytest.raises(UsageError, match="--dataset clfs: rvucalc has no download list for it"):
        refresh_catalogue(dataset="clfs", year=2026, quarter=4)


def test_catalogue_knows_the_shipped_cms_files_and_the_2026_names() -> None:
    known = catalogue()["known_files"]
    for release in [*installed_releases("pfs"), *installed_releases("asc"), *installed_releases("opps")]:
        for entry in release.files:
            listed = known.get(release.dataset, {}).get(release.release, {}).get(entry.role, [])
            if listed:
                assert entry.sha256 in [item["sha256"] for item in listed], (release.release, entry.role)
    assert (
        known["pfs"]["2025A"]["rvu"][0]["sha256"]
        == hashlib.sha256(zipfile.ZipFile(RVU25A_ZIP).read("PPRRVU25_JAN.csv")).hexdigest()
    )
    assert "2026-07" not in known["asc"]  # a re-saved copy: CMS's original must still install
    opps = {item["release"]: item for item in catalogue()["datasets"]["opps"]["releases"]}
    assert opps["2026-01"]["member"] == "2026 January Web Addendum B.12.29.25.csv"
    pfs = {item["release"]: item for item in catalogue()["datasets"]["pfs"]["releases"]}
    assert pfs["2026D"]["url"].endswith("rvu26d-updated-08-26-2026.zip")


@pytest.mark.slow
def test_first_compile_says_so_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    import subprocess
    import sys

    env = {**os.environ, "RVUCALC_CACHE_DIR": str(tmp_path / "fresh")}
    done = subprocess.run([sys.executable, "-m", "rvucalc", "price", "22590", "--zip", "10001", "--format", "json"],
                          env=env, capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    from rvucalc.paths import data_dir

    # An installed wheel ships the compiled stores (hatch_build.py): nothing to prepare. A source checkout
    # compiles once, and says so once.
    shipped = (data_dir() / "compiled").is_dir()
    # Said once for all the stores a run compiles, naming the first release and that others may follow (a 2025
    # batch was told "CY2026", as if it priced 2026 alone); "once per release", not "(once)": a run with another
    # release's date prepares that release and says so again.
    first = ("Preparing CMS's data files for rvucalc, once per release (PFS 2026C, and any other release this run is "
             "the first to use)…")  # fmt: skip
    assert done.stderr.count(first) == (0 if shipped else 1), done.stderr
    assert done.stderr.count("Preparing") == (0 if shipped else 1) and "(once)" not in done.stderr
    again = subprocess.run([sys.executable, "-m", "rvucalc", "price", "22590", "--format", "json"],
                           env=env, capture_output=True, text=True, check=False)  # fmt: skip
    assert again.returncode == 0 and "Preparing" not in again.stderr
    older = subprocess.run([sys.executable, "-m", "rvucalc", "price", "22590", "--date", "2025-11-03", "--format",
                            "json"], env=env, capture_output=True, text=True, check=False)  # fmt: skip
    assert older.returncode == 0, older.stderr
    assert older.stderr.count("once per release (PFS 2025D, and any other release") == (0 if shipped else 1)
