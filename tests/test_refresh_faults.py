"""`rvucalc data refresh` and the pins against faults a tester found impersonating www.cms.gov: a catalogue URL
serving another release, a --quarter contradicting the file's name, a full disk, a read-only state.json, redirects,
HTTP errors, HTML pages, a catalogue with nothing for the request. Served from 127.0.0.1; nothing leaves the machine."""

from __future__ import annotations

import copy
import errno
import http.server
import io
import json
import os
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from typer.testing import CliRunner

from conftest import TEST_DATA
from rvucalc.cli import app
from rvucalc.errors import DataFileError
from rvucalc.reference import refresh as refresh_module
from rvucalc.reference.refresh import download as download_module
from rvucalc.reference.refresh import install as install_module
from rvucalc.reference.refresh import refresh_catalogue, refresh_from, verify
from rvucalc.reference.refresh.download import Downloader, DownloadError

RVU25A = (TEST_DATA / "zips" / "rvu25a-updated-01_10_2025.zip").read_bytes()
ASC_JAN_2025 = TEST_DATA / "zips" / "january-2025-asc-approved-hcpcs-code-and-payment-rates.zip"
OCTOBER_2025_B = Path(__file__).resolve().parents[1] / "data" / "opps" / "2025" / (
    "508 version of October 2025 Web Addendum B.10.31.25.csv")  # fmt: skip
LOCAL = Downloader(allowed_hosts=frozenset({"127.0.0.1"}), require_https=False, backoff=0, retries=1)
runner = CliRunner()


class _Handler(http.server.BaseHTTPRequestHandler):
    # path -> (status, headers, body)
    answers: ClassVar[dict[str, tuple[int, dict[str, str], bytes]]] = {}

    def do_GET(self) -> None:
        status, headers, body = self.answers.get(self.path, (404, {}, b"not found"))
        self.send_response(status)
        for name, value in {**headers, "Content-Length": str(len(body))}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def cms() -> Iterator[tuple[str, dict[str, tuple[int, dict[str, str], bytes]]]]:
    handler = type("Handler", (_Handler,), {"answers": {}})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", handler.answers
    finally:
        server.shutdown()
        server.server_close()


def zipped(member: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, data)
    return out.getvalue()


def catalogue_pointing(monkeypatch: pytest.MonkeyPatch, urls: dict[tuple[str, str], str]) -> None:
    """rvucalc's download list with some releases' URLs on the local server."""
    listed = copy.deepcopy(refresh_module.catalogue())
    for (dataset, release), url in urls.items():
        next(item for item in listed["datasets"][dataset]["releases"] if item["release"] == release)["url"] = url
    monkeypatch.setattr(refresh_module, "catalogue", lambda: listed)


def local_downloads(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line's downloader, allowed to reach the local server."""
    monkeypatch.setattr(download_module, "Downloader", lambda **_: LOCAL)


# -- 1, 2: the file a catalogue URL serves is the release the catalogue announced ------------------------------


def test_a_catalogue_url_serving_another_release_is_a_failure_not_up_to_date(cms, user_root: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    base, answers = cms
    answers["/rvu26d.zip"] = (200, {}, RVU25A)
    # A catalogue run's --quarter chooses the entry; it is not passed into recognition ("drop --quarter" is wrong).
    answers["/january-2026-opps-addendum-b.zip"] = (200, {}, zipped("2025 October Web Addendum B.csv",
                                                                     OCTOBER_2025_B.read_bytes()))  # fmt: skip
    catalogue_pointing(monkeypatch, {("pfs", "2026D"): f"{base}/rvu26d.zip",
                                     ("opps", "2026-01"): f"{base}/january-2026-opps-addendum-b.zip"})  # fmt: skip
    local_downloads(monkeypatch)
    for force in ([], ["--force"]):
        result = runner.invoke(app, ["data", "refresh", "--dataset", "pfs", "--year", "2026", "--quarter", "4", *force])
        assert result.exit_code == 1, result.output
        assert f"the file at {base}/rvu26d.zip is PFS 2025A, not 2026D" in result.output
        assert "0 installed, 0 up to date, 1 failed" in result.output
    answers["/april-2026-opps-addendum-b.zip"] = (200, {}, ASC_JAN_2025.read_bytes())
    catalogue_pointing(monkeypatch, {("pfs", "2026D"): f"{base}/rvu26d.zip",
                                     ("opps", "2026-01"): f"{base}/january-2026-opps-addendum-b.zip",
                                     ("opps", "2026-04"): f"{base}/april-2026-opps-addendum-b.zip"})  # fmt: skip
    january, april = refresh_catalogue(dataset="opps", year=2026, downloader=LOCAL)[:2]
    assert january.status == "failed" and "is OPPS 2025-10, not 2026-01" in january.message
    assert "--quarter" not in january.message
    assert april.status == "failed" and "is ASC 2025-01, not OPPS 2026-04 as rvucalc's download list" in april.message
    # A release asked for that is installed is said to be up to date, not left out of "0 installed, 0 up to date".
    (shipped,) = refresh_catalogue(dataset="asc", year=2026, quarter=3, downloader=LOCAL)
    assert (shipped.status, shipped.release) == ("up to date", "2026-07")
    assert not (user_root / "manifests").exists() or not list((user_root / "manifests").glob("*.json"))


def test_an_opps_quarter_contradicting_the_month_in_the_files_name_is_refused(tmp_path: Path, user_root: Path) -> None:
    named = tmp_path / "2025 October Web Addendum B.csv"
    named.write_bytes(OCTOBER_2025_B.read_bytes())
    with pytest.raises(DataFileError, match=r"its name says quarter 4 \(October\), not 2; drop --quarter"):
        refresh_from(str(named), quarter=2)


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (["--year", "2026"], "(CY2025, as the file says), not CY2026"),
        (["--quarter", "2"], "its name says quarter 4 (October), not 2; drop --quarter"),
        (["--dataset", "asc"], "is CMS's OPPS 2025-10 file, not ASC"),
    ],
)
def test_an_option_the_file_contradicts_is_a_usage_error(
    tmp_path: Path, user_root: Path, options: list[str], said: str
) -> None:
    """The request is wrong, not CMS's file: exit 2 (as price's --year against --date), nothing installed."""
    named = tmp_path / "2025 October Web Addendum B.csv"
    named.write_bytes(OCTOBER_2025_B.read_bytes())
    result = runner.invoke(app, ["data", "refresh", "--from", str(named), *options])
    assert result.exit_code == 2, result.output
    assert said in result.stderr and "nothing was installed" in result.stderr.lower()
    assert not (user_root / "manifests").exists() or not list((user_root / "manifests").glob("*.json"))


def test_an_option_a_downloaded_file_contradicts_is_a_usage_error_too(cms, user_root: Path) -> None:  # type: ignore[no-untyped-def]
    """A review: the URL's message is rebuilt to name the URL, and that rebuilt it as a plain DataFileError (exit 1)."""
    from rvucalc.errors import OptionContradictsFileError

    base, answers = cms
    answers["/oppsb.zip"] = (200, {}, zipped("2025 October Web Addendum B.csv", OCTOBER_2025_B.read_bytes()))
    with pytest.raises(OptionContradictsFileError, match=rf"the file at {base}/oppsb.zip .*not CY2026") as raised:
        refresh_from(f"{base}/oppsb.zip", year=2026, downloader=LOCAL)
    assert raised.value.exit_code == 2


# -- 3, 4: a full disk, a state.json that cannot be written --------------------------------------------------


def test_a_full_disk_during_refresh_names_the_folder_and_says_nothing_was_installed(
    tmp_path: Path, user_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # fmt: skip
    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(install_module, "_extract", full)
    result = runner.invoke(app, ["data", "refresh", "--from", str(ASC_JAN_2025), "--force"])
    assert result.exit_code == 2, result.output
    assert f"The disk holding the rvucalc data folder {user_root} is full" in result.output
    assert "nothing was installed" in result.output and "Free some disk space" in result.output
    assert "unexpected error" not in result.output and not list(user_root.glob(".staging-*"))


@pytest.mark.parametrize("args", [["data", "use", "2025D"], ["data", "rollback"]])
def test_pins_that_cannot_be_written_are_exit_2_with_the_path_and_the_fix(user_root: Path, args: list[str]) -> None:
    (user_root / "state.json").parent.mkdir(parents=True, exist_ok=True)
    (user_root / "state.json").write_text(json.dumps({"pins": {"pfs": "2025D"}, "history": {"pfs": [None]}}))
    (user_root / "state.tmp").mkdir()  # writing it fails as a read-only folder does
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert f"Cannot write {user_root / 'state.json'}" in result.output and "writable" in result.output
    assert "unexpected error" not in result.output


# -- 5, 6, 7: redirects, HTTP errors, HTML pages -----------------------------------------------------------


def test_a_redirect_to_the_same_host_is_followed_and_one_elsewhere_is_said(cms, user_root: Path) -> None:  # type: ignore[no-untyped-def]
    base, answers = cms
    answers["/old.zip"] = (301, {"Location": "/new.zip"}, b"<html>moved</html>")
    answers["/new.zip"] = (200, {}, ASC_JAN_2025.read_bytes())
    answers["/away.zip"] = (302, {"Location": "https://example.com/login"}, b"<html>login</html>")
    answers["/loop.zip"] = (301, {"Location": "/loop.zip"}, b"")
    assert refresh_from(f"{base}/old.zip", downloader=LOCAL, force=True).release == "2025-01"
    with pytest.raises(DownloadError, match=r"away.zip: HTTP 302, moved to https://example.com/login: not a CMS"):
        refresh_from(f"{base}/away.zip", downloader=LOCAL)
    with pytest.raises(DownloadError, match="more than 5 redirects"):
        refresh_from(f"{base}/loop.zip", downloader=LOCAL)
    answers["/nowhere.zip"] = (302, {}, b"")  # a review: no Location was asked again until "more than 5 redirects"
    with pytest.raises(DownloadError, match=r"nowhere\.zip: HTTP 302 with no address to go to"):
        refresh_from(f"{base}/nowhere.zip", downloader=LOCAL)


@pytest.mark.parametrize(("status", "text"), [(503, "failed after 2 attempts (HTTP 503 Service Unavailable)"),
                                              (403, "HTTP 403 Forbidden: the server refused")])  # fmt: skip
def test_http_errors_say_their_status_and_the_url(cms, user_root: Path, status: int, text: str) -> None:  # type: ignore[no-untyped-def]
    base, answers = cms
    answers["/rvu.zip"] = (status, {}, b"")
    with pytest.raises(DownloadError, match=rf"{base}/rvu.zip: .*{text}".replace("(", r"\(").replace(")", r"\)")):
        refresh_from(f"{base}/rvu.zip", downloader=LOCAL)


def test_a_downloaded_html_page_is_named_by_its_url_not_a_deleted_temporary_file(cms, user_root: Path) -> None:  # type: ignore[no-untyped-def]
    base, answers = cms
    answers["/rvu.zip"] = (200, {}, b"<!DOCTYPE html><html><body>Sign in to the proxy</body></html>")
    with pytest.raises(DataFileError) as caught:
        refresh_from(f"{base}/rvu.zip", downloader=LOCAL)
    assert f"the file at {base}/rvu.zip is not a CMS data file but an HTML web page" in str(caught.value)
    assert "rvucalc-download-" not in str(caught.value)


# -- 8: nothing in the catalogue for the request -------------------------------------------------------------


@pytest.mark.parametrize(("args", "code", "text"), [
    (["--dataset", "wage"], 2, "--dataset wage: rvucalc has no download list for it"),
    (["--year", "2024"], 1, "--year 2024: rvucalc's download list has no release for that"),
    (["--dataset", "asc", "--year", "2026", "--quarter", "1"], 1, "has no release for that"),
])  # fmt: skip
def test_a_refresh_with_nothing_in_the_catalogue_says_so_and_how_to_add_the_file(
    user_root: Path, args: list[str], code: int, text: str
) -> None:  # fmt: skip
    result = runner.invoke(app, ["data", "refresh", *args])
    assert result.exit_code == code, result.output
    assert text in result.output and "--from FILE" in result.output and "0 installed" not in result.output
    clfs = runner.invoke(app, ["data", "refresh", "--dataset", "clfs"])
    assert "Datasets it downloads: pfs, asc, opps, zip5." in clfs.output


# -- 9: verify --fix's advice reinstalls the release -------------------------------------------------------------


def test_verify_fix_advises_a_command_that_reinstalls_that_release(cms, user_root: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    base, answers = cms
    refresh_from(str(ASC_JAN_2025), force=True)
    next((user_root / "releases" / "asc-2025-01").glob("*")).unlink()
    problems = verify(fix=True)
    advice = "rvucalc data refresh --dataset asc --year 2025 --quarter 1 --force"
    assert any(f"Install 2025-01 again with: {advice}." in problem for problem in problems), problems
    answers["/asc.zip"] = (200, {}, ASC_JAN_2025.read_bytes())
    catalogue_pointing(monkeypatch, {("asc", "2025-01"): f"{base}/asc.zip"})
    local_downloads(monkeypatch)
    result = runner.invoke(app, advice.split()[1:])
    assert result.exit_code == 0 and "1 installed" in result.output, result.output
    assert (user_root / "manifests" / "asc-2025-01.json").is_file() and verify() == []


# -- 10, 11: --json on a failure; Ctrl-C while starting ----------------------------------------------------------


def test_refresh_from_a_file_with_json_prints_the_failure_as_json(tmp_path: Path, user_root: Path) -> None:
    pdf = tmp_path / "rvu.zip"
    pdf.write_bytes(b"%PDF-1.7 not a zip")
    result = runner.invoke(app, ["data", "refresh", "--from", str(pdf), "--json"])
    assert result.exit_code == 2  # a PDF is no CMS file: the input is unusable (usage)
    report: dict[str, Any] = json.loads(result.stdout)
    assert report["summary"] == "0 installed, 0 up to date, 1 failed"
    assert report["results"][0]["status"] == "failed" and "PDF" in report["results"][0]["message"]


def test_ctrl_c_while_the_command_starts_exits_130_without_a_traceback() -> None:
    code = "import os, signal, sys; sys.argv = ['rvucalc']; import rvucalc; os.kill(os.getpid(), signal.SIGINT)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})  # fmt: skip
    assert done.returncode == 130 and done.stderr == "rvucalc: interrupted\n"


# -- files known by content: a workbook named .csv, an OPPS workbook's sheet name ---------------------------------


def test_an_opps_workbook_is_known_by_its_sheet_name_and_a_contradicting_quarter_refused(
    tmp_path: Path, user_root: Path
) -> None:  # fmt: skip
    """CMS's name for the workbook carries no month; its sheet's name does ('2025 January Addendum B')."""
    workbook = tmp_path / "opps_addendum_b_2025.xlsx"
    workbook.write_bytes((OCTOBER_2025_B.parent / "opps_addendum_b_2025.xlsx").read_bytes())
    with pytest.raises(install_module.AlreadyInstalled, match="OPPS 2025-01 is already installed"):
        refresh_from(str(workbook))  # the shipped January release: the same bytes
    with pytest.raises(DataFileError, match=r"its sheet's name says quarter 1 \(January\), not 2; drop --quarter"):
        refresh_from(str(workbook), quarter=2)
    # A review: a January workbook named for April was installed as 2025-04 (the name's month taken first).
    renamed = tmp_path / "opps_addendum_b_april_2025.xlsx"
    renamed.write_bytes(workbook.read_bytes())
    with pytest.raises(DataFileError, match=r"give different months \(name: April, sheet's name: January\)"):
        refresh_from(str(renamed))


def test_a_zip5_workbook_named_csv_is_known_by_its_content(tmp_path: Path, user_root: Path) -> None:
    misnamed = tmp_path / "ZIP5_JAN2026.csv"
    misnamed.write_bytes((TEST_DATA / "zips" / "ZIP5_JAN2026.xlsx").read_bytes())
    with pytest.raises(install_module.AlreadyInstalled, match="ZIP5 20261 is not newer"):
        refresh_from(str(misnamed))
