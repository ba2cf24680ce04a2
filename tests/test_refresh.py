"""Quarterly data refresh: real CMS zips served by a local HTTP server on 127.0.0.1, and every
fault the issue names. After each fault the installed data must be byte-for-byte unchanged and
still price 22590 correctly."""

from __future__ import annotations

import errno
import hashlib
import http.server
import io
import json
import threading
import zipfile
import zlib
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import ClassVar

import pytest
from typer.testing import CliRunner

from conftest import QUIRKS, TEST_DATA
from rvucalc.cli import app
from rvucalc.errors import DataFileError, LocalDataError
from rvucalc.lookup.pricer import Pricer
from rvucalc.reference.refresh import install as install_module
from rvucalc.reference.refresh import refresh_from, rollback, status, use, verify
from rvucalc.reference.refresh.download import Downloader, DownloadError
from rvucalc.reference.refresh.install import RefreshLocked, refresh_lock

RVU25A = (TEST_DATA / "zips" / "rvu25a-updated-01_10_2025.zip").read_bytes()
ASC_JAN_2025 = (TEST_DATA / "zips" / "january-2025-asc-approved-hcpcs-code-and-payment-rates.zip").read_bytes()
runner = CliRunner()


# -- a local CMS ------------------------------------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    files: ClassVar[dict[str, bytes]] = {}
    drops: ClassVar[dict[str, int]] = {}  # path -> how many more times to drop the connection half way

    def do_GET(self) -> None:
        body = self.files.get(self.path)
        if body is None:
            self.send_error(404)
            return
        start = 0
        if self.headers.get("Range", "").startswith("bytes="):
            start = int(self.headers["Range"][6:].split("-")[0])
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
        else:
            self.send_response(200)
        part = body[start:]
        self.send_header("Content-Length", str(len(part)))
        self.end_headers()
        if self.drops.get(self.path, 0) > 0:
            self.drops[self.path] -= 1
            self.wfile.write(part[: len(part) // 2])
            self.wfile.flush()
            self.connection.shutdown(2)  # dropped mid-transfer
            return
        self.wfile.write(part)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def cms() -> Iterator[tuple[str, type[_Handler]]]:
    handler = type("Handler", (_Handler,), {"files": {}, "drops": {}})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    # shutdown() waits for serve_forever's next poll: 0.5 s by default, after every test
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", handler
    finally:
        server.shutdown()
        server.server_close()


LOCAL = Downloader(allowed_hosts=frozenset({"127.0.0.1"}), require_https=False, backoff=0, retries=2)


def snapshot(root: Path) -> dict[str, str]:
    if not root.exists():
        return {}
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".refresh.lock"
    }


def still_prices_22590() -> None:
    pricer = Pricer()
    assert pricer.price("22590").pfs.facility.amount == Decimal("1559.15")
    assert pricer.price("22590", year=2025).pfs.facility.amount == Decimal("1577.86")  # 48.78 RVUs x $32.3465


def rewrite_member(data: bytes, member: str, change: object) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == member:
                content = change(content)  # type: ignore[operator]
            target.writestr(info.filename, content)
    return out.getvalue()


# -- what works ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_refresh_from_url_installs_the_rvu25a_zip(cms, user_root: Path) -> None:  # type: ignore[no-untyped-def]
    base, handler = cms
    handler.files["/files/zip/rvu25a.zip"] = RVU25A
    done = refresh_from(f"{base}/files/zip/rvu25a.zip", downloader=LOCAL, force=True)
    assert (done.dataset, done.release, done.rows) == ("pfs", "2025A", 18865)
    manifest = json.loads((user_root / "manifests" / "pfs-2025A.json").read_text())
    assert {entry["role"] for entry in manifest["files"]} == {
        "rvu",
        "gpci",
        "counties",
        "anesthesia",
        "opps_cap",
        "zip5",
    }
    rows, _ = status()
    assert [r.where for r in rows if (r.dataset, r.release) == ("pfs", "2025A")] == ["user"]
    # The user's release now prices 2025 dates: CMS's Alabama payment file line for 0446T.
    result = Pricer().price(
        "0446T", locality="1011200", year=2025, date_of_service=__import__("datetime").date(2025, 1, 5)
    )
    assert result.release == "2025A" and result.pfs.non_facility.amount == Decimal("2581.39")
    assert verify() == []


def test_resume_after_a_dropped_connection(cms, user_root: Path) -> None:  # type: ignore[no-untyped-def]
    base, handler = cms
    handler.files["/asc.zip"] = ASC_JAN_2025
    handler.drops["/asc.zip"] = 1
    done = refresh_from(f"{base}/asc.zip", downloader=LOCAL, force=True)
    assert (done.dataset, done.release) == ("asc", "2025-01")


def test_pin_and_roll_back(user_root: Path) -> None:
    use("2025D")
    assert Pricer().price("22590").release == "2025D"
    # A lab has no 2025 CLFS: the reason says the pin chose the year (a trial saw "not installed", no word why).
    lab = Pricer().price("80053").clfs
    assert lab is not None and not lab.payable
    assert "pinned with `rvucalc data use` (2025D) sets the year: give the year 2026 (--year)" in (lab.reason or "")
    assert Pricer().price("80053", year=2026).clfs.payable
    assert rollback("pfs") is None
    assert Pricer().price("22590").release == "2026C"


def test_cli_refresh_from_a_file_and_json_summary(user_root: Path) -> None:
    zip_path = TEST_DATA / "zips" / "january-2025-asc-approved-hcpcs-code-and-payment-rates.zip"
    result = runner.invoke(app, ["data", "refresh", "--from", str(zip_path), "--force", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["results"][0]["status"] == "installed"
    again = runner.invoke(app, ["data", "refresh", "--from", str(zip_path)])
    assert again.exit_code == 0 and "already installed" in again.output
    # Up to date, --json names what is (a trial found "release": "" and "dataset": "").
    up_to_date = runner.invoke(app, ["data", "refresh", "--from", str(zip_path), "--json"])
    (result,) = json.loads(up_to_date.stdout)["results"]
    assert (result["status"], result["dataset"], result["release"]) == ("up to date", "asc", "2025-01")


# -- faults: a clear error, nothing changed -------------------------------------------------------


def _fault(user_root: Path, action: object, expected: type[Exception], text: str) -> None:
    before = snapshot(user_root)
    with pytest.raises(expected, match=text):
        action()  # type: ignore[operator]
    assert snapshot(user_root) == before
    assert not list(user_root.glob(".staging-*"))
    still_prices_22590()


def test_404(cms, user_root: Path) -> None:  # type: ignore[no-untyped-def]
    base, _ = cms
    _fault(user_root, lambda: refresh_from(f"{base}/missing.zip", downloader=LOCAL), DownloadError, "404")


def test_connection_dropped_mid_transfer(cms, user_root: Path) -> None:  # type: ignore[no-untyped-def]
    base, handler = cms
    handler.files["/rvu.zip"] = RVU25A
    handler.drops["/rvu.zip"] = 99
    _fault(user_root, lambda: refresh_from(f"{base}/rvu.zip", downloader=LOCAL), DownloadError, "failed after")


def test_truncated_zip(cms, user_root: Path) -> None:  # type: ignore[no-untyped-def]
    base, handler = cms
    handler.files["/rvu.zip"] = RVU25A[: len(RVU25A) // 2]
    _fault(user_root, lambda: refresh_from(f"{base}/rvu.zip", downloader=LOCAL), DataFileError, "not a whole zip")


def test_member_escaping_with_dot_dot(tmp_path: Path, user_root: Path) -> None:
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("../../escape.csv", "x")
        archive.writestr("PPRRVU25_JAN.csv", "x")
    _fault(user_root, lambda: refresh_from(str(evil)), DataFileError, "unsafe member name")
    assert not (tmp_path / "escape.csv").exists()


def test_zip_bomb(tmp_path: Path, user_root: Path) -> None:
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("PPRRVU25_JAN.csv", b"0" * (20 * 2**20))
    _fault(user_root, lambda: refresh_from(str(bomb)), DataFileError, "zip bomb")


@pytest.mark.parametrize(
    ("change", "text"),
    [
        (lambda b: b.replace(b"WORK", b"WRK", 1), "lacks the column WORK RVU"),  # a renamed column, named
        (lambda b: b"\n".join(line.rsplit(b",", 3)[0] for line in b.split(b"\n")), "lacks the column"),  # missing
    ],
)
def test_member_with_renamed_or_missing_columns(tmp_path: Path, user_root: Path, change: object, text: str) -> None:
    broken = tmp_path / "rvu.zip"
    broken.write_bytes(rewrite_member(RVU25A, "PPRRVU25_JAN.csv", change))
    _fault(user_root, lambda: refresh_from(str(broken), force=True), DataFileError, text)


def test_empty_file(tmp_path: Path, user_root: Path) -> None:
    empty = tmp_path / "empty.zip"
    empty.write_bytes(b"")
    _fault(user_root, lambda: refresh_from(str(empty)), DataFileError, "empty")


def test_file_for_the_wrong_dataset(tmp_path: Path, user_root: Path) -> None:
    path = tmp_path / "rvu.zip"
    path.write_bytes(RVU25A)
    _fault(user_root, lambda: refresh_from(str(path), dataset="asc", force=True), DataFileError, "not ASC")


@pytest.mark.slow
def test_release_that_lost_half_its_rows(tmp_path: Path, user_root: Path) -> None:
    def april_with_a_third_of_the_rows(content: bytes) -> bytes:
        lines = content.replace(b"January Release", b"April Release").split(b"\n")
        return b"\n".join(lines[: len(lines) // 3])

    path = tmp_path / "rvu25b.zip"
    path.write_bytes(rewrite_member(RVU25A, "PPRRVU25_JAN.csv", april_with_a_third_of_the_rows))
    _fault(user_root, lambda: refresh_from(str(path)), DataFileError, r"2025B has \d+ rows against 18865 in 2025A")
    assert refresh_from(str(path), force=True).release == "2025B"  # --force accepts it


def test_disk_full_during_unpack(tmp_path: Path, user_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "rvu.zip"
    path.write_bytes(RVU25A)
    real = install_module._extract

    def fill_disk(archive: zipfile.ZipFile, member: str, target: Path, expected: int) -> None:
        if member.startswith("OPPSCAP"):
            target.write_bytes(b"partial")
            raise OSError(errno.ENOSPC, "No space left on device")
        real(archive, member, target, expected)

    monkeypatch.setattr(install_module, "_extract", fill_disk)
    _fault(user_root, lambda: refresh_from(str(path), force=True), LocalDataError, "is full .No space left")


def test_two_refreshes_at_once(tmp_path: Path, user_root: Path) -> None:
    path = tmp_path / "rvu.zip"
    path.write_bytes(RVU25A)
    with refresh_lock(user_root):
        _fault(user_root, lambda: refresh_from(str(path), force=True), RefreshLocked, "Another rvucalc data refresh")


def test_https_only_and_cms_hosts_only(user_root: Path) -> None:
    _fault(user_root, lambda: refresh_from("http://www.cms.gov/files/zip/rvu26d.zip"), DownloadError, "HTTPS only")
    _fault(user_root, lambda: refresh_from("https://example.com/rvu26d.zip"), DownloadError, "not a CMS host")


@pytest.mark.network
def test_live_catalogue_urls_answer() -> None:
    """Opt-in (pytest -m network): every catalogued CMS URL answers."""
    import httpx

    from rvucalc.reference.refresh import catalogue

    for entry in catalogue()["datasets"].values():
        for item in [{"url": entry["page"]}, *entry["releases"]]:
            assert httpx.head(item["url"], follow_redirects=True, timeout=30).status_code < 400, item["url"]


@pytest.mark.slow
def test_zip5_refresh_reissues_the_years_pfs_releases(user_root: Path) -> None:
    """CMS publishes ZIP5 apart from the RVU zips: a newer one re-issues each PFS release of its year."""
    january = TEST_DATA / "zips" / "ZIP5_JAN2026.xlsx"
    with pytest.raises(Exception, match="not newer than the ZIP5"):  # 2026C already has April's (20262)
        refresh_from(str(january))
    done = refresh_from(str(january), force=True)
    assert (done.dataset, done.release) == ("zip5", "20261")
    result = Pricer().price("99213", zip_code="10001")
    assert "ZIP5 20261" in result.release_title
    assert [s.cms_name for s in result.sources if s.role == "zip5"] == ["ZIP5_JAN2026.xlsx"]
    assert result.pfs.non_facility.amount == Decimal("107.63")  # the ZIP stays in Manhattan


def test_wage_index_and_opps_addendum_b_files(tmp_path: Path, user_root: Path) -> None:
    data = Path(__file__).resolve().parents[1] / "data" / "opps"
    wage = refresh_from(str(data / "2026" / "asc_wage_index_2026.csv"), force=True)
    assert (wage.dataset, wage.release, wage.rows) == ("wage", "2026", 486)
    archive = tmp_path / "october-2025-opps-addendum-b.zip"
    with zipfile.ZipFile(archive, "w") as target:
        target.write(data / "2025" / "508 version of October 2025 Web Addendum B.10.31.25.csv",
                     "october-2025-addendum-b.csv")  # fmt: skip
    opps = refresh_from(str(archive), force=True)
    assert (opps.dataset, opps.release, opps.rows) == ("opps", "2025-10", 18798)
    assert Pricer().price("27447", year=2025).opps.copayment == Decimal("1676.00")


def test_a_renamed_addendum_b_is_known_by_its_title_and_never_installed_as_another_quarter(
    tmp_path: Path, user_root: Path
) -> None:  # fmt: skip
    """A renamed download is recognised by its title row (README: by content, not name); a wrong --year is refused
    (the title says CY 2025); and October's file given --quarter 1 is refused, even with --allow-changed --force,
    because its bytes are CMS's October file: it was installed as January's rates."""
    october = Path(__file__).resolve().parents[1] / "data" / "opps" / "2025" / (
        "508 version of October 2025 Web Addendum B.10.31.25.csv")  # fmt: skip
    renamed = tmp_path / "oppsb_download.csv"
    renamed.write_bytes(october.read_bytes())
    _fault(user_root, lambda: refresh_from(str(renamed)), DataFileError, "pass --quarter")
    assert refresh_from(str(renamed), quarter=4, force=True).release == "2025-10"
    _fault(user_root, lambda: refresh_from(str(renamed), year=2026, quarter=1), DataFileError, "not CY2026")
    _fault(user_root, lambda: refresh_from(str(renamed), quarter=1, allow_changed=True, force=True), DataFileError,
           "CMS's OPPS 2025-10 addendum_b file, byte for byte")  # fmt: skip
    assert Pricer().price("27447", date_of_service="2025-02-03").opps.release == "2025-01"


# -- ZIP5: held against the installed ZIP5 like any release ---------------------------------------------


def zip5_of_july_2026(tmp_path: Path) -> Path:
    """Five ZIPs of CMS's fixed-width ZIP5 file, as a July 2026 (20263) file: most of the country missing."""
    lines = (QUIRKS / "zip5_fixed_width.txt").read_bytes().replace(b"20254", b"20263")
    path = tmp_path / "ZIP5_JUL2026.txt"
    path.write_bytes(lines)
    return path


def test_a_zip5_file_missing_most_zips_is_refused_unless_forced(tmp_path: Path, user_root: Path) -> None:
    path = zip5_of_july_2026(tmp_path)
    _fault(user_root, lambda: refresh_from(str(path)), DataFileError,
           r"ZIP5 20263 has 5 rows against 42956 in the installed ZIP5 20262 \(PFS 2026C\): refused as incomplete; "
           r"nothing was installed \(use --force")  # fmt: skip
    result = runner.invoke(app, ["data", "refresh", "--from", str(path), "--force"])
    assert result.exit_code == 0, result.output
    assert "installed: zip5 20263 5 ZIP codes; PFS 2026C re-issued with it" in result.output
    assert "19356" not in result.output and "1 files" not in result.output
    assert Pricer().price("22590", zip_code="10001").location.zip == "10001"  # one of the five


# -- pins: every dataset `data use` accepts is used, and named ---------------------------------------------


def test_asc_and_clfs_pins_are_used_and_named(user_root: Path) -> None:
    newest = Pricer().price("45378", zip_code="10001")
    assert newest.asc is not None and newest.asc.release == "2026-07"
    assert runner.invoke(app, ["data", "use", "2026-04", "--dataset", "asc"]).exit_code == 0
    assert runner.invoke(app, ["data", "use", "2026-01", "--dataset", "clfs"]).exit_code == 0
    pinned = Pricer().price("45378", zip_code="10001")
    assert pinned.asc is not None and pinned.asc.release == "2026-04"
    assert "Using ASC addenda 2026-04, pinned with `rvucalc data use` (newest installed for 2026: 2026-07)." in (
        pinned.warnings
    )
    lab = Pricer().price("80053")
    assert lab.clfs is not None and lab.clfs.quarter == "2026-01"
    assert any("Clinical Laboratory Fee Schedule 2026-01, pinned" in w for w in lab.warnings)
    # A date chooses the release in force, pinned or not; another year's lookup is not about the pin.
    dated = Pricer().price("45378", date_of_service="2026-08-03")
    assert dated.asc is not None and dated.asc.release == "2026-07"
    other_year = Pricer().price("45378", year=2025)
    assert other_year.asc is not None and other_year.asc.release == "2025-10"
    table = runner.invoke(app, ["data", "status", "-f", "json"])
    pins = {(r["dataset"], r["release"]) for r in json.loads(table.stdout)["releases"] if r["pinned"]}
    assert pins == {("asc", "2026-04"), ("clfs", "2026-01")}
    assert rollback("asc") is None and rollback("clfs") is None
    again = Pricer().price("45378", zip_code="10001")
    assert again.asc is not None and again.asc.release == "2026-07" and not any("pinned" in w for w in again.warnings)


def test_a_pin_whose_release_is_gone_is_said_not_silent(user_root: Path) -> None:
    user_root.mkdir(parents=True)
    (user_root / "state.json").write_text(json.dumps({"pins": {"pfs": "2025B"}, "history": {"pfs": [None]}}))
    result = Pricer().price("22590")
    assert result.release == "2026C"
    assert any("PFS is pinned to 2025B (`rvucalc data use`), which is not installed" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("args", "code", "text"),
    [
        (["data", "use", "2025-10", "--dataset", "foo"], 2, "'foo' is not a dataset: choose pfs, opps, asc, clfs"),
        (["data", "use", "2099Z"], 1, "No installed release '2099Z'"),
        (["data", "use", "2026"], 2, "The wage index cannot be pinned"),
        (["data", "rollback"], 1, "Nothing to roll back: no `rvucalc data use` to undo"),
        (["data", "rollback", "--dataset", "pfs"], 1, "Nothing to roll back for pfs"),
        (["data", "rollback", "--dataset", "foo"], 2, "'foo' is not a dataset"),
    ],
)
def test_data_use_and_rollback_errors(user_root: Path, args: list[str], code: int, text: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == code, result.output
    assert text in result.output and "Traceback" not in result.output and not result.stdout


def test_rollback_without_dataset_undoes_the_only_pin_and_names_it(user_root: Path) -> None:
    """A newcomer pinned the CLFS (`data use 2026-01 --dataset clfs`) and ran `data rollback`: it undid a PFS pin
    instead (the default was pfs), or said nothing to roll back for pfs. Without --dataset it now undoes the one
    dataset's pin and says which; with pins on several datasets it asks which (exit 2), naming them."""
    use("2026-01", "clfs")
    result = runner.invoke(app, ["data", "rollback"])
    assert result.exit_code == 0, result.output
    assert "rolled back clfs: back to the newest release" in result.stderr
    use("2026-01", "clfs")
    use("2025A", "pfs")
    both = runner.invoke(app, ["data", "rollback"])
    assert both.exit_code == 2, both.output
    assert "2 datasets have a `rvucalc data use` to undo (pfs, clfs)" in both.output and "--dataset pfs" in both.output
    named = runner.invoke(app, ["data", "rollback", "--dataset", "clfs"])
    assert named.exit_code == 0 and "rolled back clfs" in named.stderr
    assert "--dataset" in runner.invoke(app, ["data", "rollback", "--help"]).stdout


# -- messages about what was given to --from --------------------------------------------------------------


def test_from_a_folder_a_pdf_a_loose_addendum_or_the_wrong_dataset_says_what_it_is(
    tmp_path: Path, user_root: Path
) -> None:
    def refused(*args: str, exit_code: int = 1) -> str:
        result = runner.invoke(app, ["data", "refresh", *args])
        assert result.exit_code == exit_code and "Traceback" not in result.output, result.output
        return " ".join(result.output.split())

    assert f"{tmp_path} is a folder: give one CMS file from it" in refused("--from", str(tmp_path))
    pdf = tmp_path / "RVU25D.pdf"
    pdf.write_bytes(b"%PDF-1.7\n" + b"0" * 100)
    assert f"{pdf} is not a CMS data file (it is a PDF document)" in refused("--from", str(pdf), exit_code=2)
    truncated = tmp_path / "rvu.zip"
    truncated.write_bytes(RVU25A[: len(RVU25A) // 2])
    assert "not a whole zip file (truncated download?)" in refused("--from", str(truncated))
    aa = tmp_path / "AA.csv"
    aa.write_bytes(zipfile.ZipFile(io.BytesIO(ASC_JAN_2025)).read("508-Version-Jan-2025-ASC-AA.csv"))
    message = refused("--from", str(aa))
    assert "CMS's ASC addendum AA alone is not enough" in message
    assert "whole ASC addenda zip for January 2025, which holds addendum AA with addendum BB, addendum EE and " \
           "addendum FF" in message  # fmt: skip
    addendum_b = tmp_path / "oppsb.csv"
    addendum_b.write_bytes(
        (Path(__file__).resolve().parents[1] / "data" / "opps" / "2025"
         / "508 version of October 2025 Web Addendum B.10.31.25.csv").read_bytes()
    )  # fmt: skip
    message = refused(
        "--from", str(addendum_b), "--dataset", "asc", "--quarter", "4", exit_code=2
    )  # the request's fault
    assert f"{addendum_b} is CMS's OPPS 2025-10 file, not ASC" in message and "rvucalc-wrap" not in message


def test_a_zip_with_a_flipped_byte_in_a_member_is_damaged_not_an_unexpected_error(
    tmp_path: Path, user_root: Path
) -> None:
    """A trial flipped one byte inside the compressed PPRRVU member: zlib's error escaped as "unexpected error"."""
    with zipfile.ZipFile(io.BytesIO(RVU25A)) as archive:
        member = max(archive.infolist(), key=lambda info: info.compress_size)
    header = RVU25A[member.header_offset : member.header_offset + 30]
    start = (
        member.header_offset + 30 + int.from_bytes(header[26:28], "little") + int.from_bytes(header[28:30], "little")
    )
    damaged = bytearray(RVU25A)
    damaged[start + 2 * 97] ^= 0xFF  # there, the member no longer inflates (zlib: "invalid distance too far back")
    with pytest.raises(zlib.error), zipfile.ZipFile(io.BytesIO(bytes(damaged))) as archive:
        archive.testzip()
    source = tmp_path / "rvu.zip"
    source.write_bytes(bytes(damaged))
    _fault(user_root, lambda: refresh_from(str(source)), DataFileError, "is a damaged zip")


def test_a_companion_of_another_release_is_named_and_a_known_file_is_held_only_to_its_format() -> None:
    """A trial: a 2025D zip with January's OPPSCAP was "altered, or CMS re-issued it" (--allow-changed advised), and
    CMS's ZIP5 .xlsx of a quarter whose .txt rvucalc knows was "altered" too."""
    from rvucalc.reference.refresh import catalogue
    from rvucalc.reference.refresh.install import catalogue_mismatches, from_another_release

    known = catalogue()["known_files"]
    january = known["pfs"]["2025A"]["opps_cap"][0]["sha256"]
    assert january not in {entry["sha256"] for entry in known["pfs"]["2025D"]["opps_cap"]}
    (mixed,) = from_another_release("pfs", "2025D", {"opps_cap": ("OPPSCAP_JAN.csv", january)})
    assert "is CMS's PFS 2025A opps_cap file, byte for byte" in mixed and "the file mixes releases" in mixed
    other = "0" * 64
    assert known["zip5"]["20254"]["zip5"][0]["cms_name"].endswith(".txt")
    assert catalogue_mismatches("zip5", "20254", {"zip5": ("ZIP5_OCT2025.xlsx", other)}) == []
    assert catalogue_mismatches("zip5", "20254", {"zip5": ("ZIP5_OCT2025.txt", other)})  # the .txt it knows: altered
