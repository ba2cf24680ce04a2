"""`rvucalc data refresh` of a CY2026 RVU zip: CMS's zip holds a non-QP and a QP rate file (PPRRVU2026_<Mon>_nonQPP.csv
and ..._QPP.csv, same RVUs, CFs $33.4009 and $33.5675: CY2026 PFS final rule). The non-QP file is installed as the
release whatever the zip's order, `--qp` takes its CF from the QP file (or, without one, from an installed release of
the same year with the same non-QP CF, and says so), and the change summary shows the conversion factors.

The zips are built from RVU26C's rows (tests/data/quirks/rvu2026_pric_ind_column_cf_moved.csv) and the shipped Q1 2026
GPCI, county, anesthesia and OPPS cap files; the QP twin is that slice with CMS's QP CF and PRIC IND 1."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import QUIRKS
from rvucalc.cli import app
from rvucalc.errors import DataFileError, UsageError
from rvucalc.lookup.pricer import Pricer
from rvucalc.reference.refresh import refresh_from
from test_refresh import snapshot

DATA = Path(__file__).resolve().parents[1] / "data"
RATE_SLICE = QUIRKS / "rvu2026_pric_ind_column_cf_moved.csv"  # RVU26C rows: 22590, 45378, ...
OCTOBER = dt.date(2026, 10, 15)
runner = CliRunner()


def rate_file(month: str, *, qp: bool = False, cf: str | None = None, work_22590: str | None = None) -> bytes:
    """The slice as CMS's <month> 2026 rate file: non-QP (CF 33.4009, PRIC IND 9), or with ``qp`` its QP twin."""
    text = RATE_SLICE.read_text(encoding="cp1252").replace("July Release", f"{month} Release")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in csv.reader(io.StringIO(text)):
        if len(row) > 25 and row[25] == "33.4009":
            if qp:
                row[23], row[25] = "1", "33.5675"
            elif cf:
                row[25] = cf
            if work_22590 and row[0] == "22590":
                row[5] = work_22590
        writer.writerow(row)
    return out.getvalue().encode("cp1252")


def companions(month: str) -> dict[str, bytes]:
    cap = (DATA / "rvu" / "2026" / "ref_opps_price_cap.csv").read_text().splitlines()[:6]
    return {
        "GPCI2026.csv": (DATA / "gpci" / "2026" / "ref_geo_adjustment.csv").read_bytes(),
        "26LOCCO.csv": (DATA / "gpci" / "2026" / "ref_medicare_localities.csv").read_bytes(),
        "ANES2026.csv": (DATA / "rvu" / "2026" / "ref_anes_conversion_factor.csv").read_bytes(),
        f"OPPSCAP_{month[:3]}.csv": ("\n".join(cap) + "\n").encode(),
    }


def rvu_zip(tmp_path: Path, month: str, rates: dict[str, bytes], name: str = "rvu26.zip") -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in {**rates, **companions(month)}.items():
            archive.writestr(member, content)
    return path


def both_rates(month: str, qp_first: bool) -> dict[str, bytes]:
    qp = {f"PPRRVU2026_{month[:3]}_QPP.csv": rate_file(month, qp=True)}
    non_qp = {f"PPRRVU2026_{month[:3]}_nonQPP.csv": rate_file(month)}
    return {**qp, **non_qp} if qp_first else {**non_qp, **qp}


@pytest.mark.parametrize("qp_first", [True, False], ids=["QPP-first", "nonQPP-first"])
def test_a_zip_with_both_rate_files_installs_the_non_qp_one_and_qp_prices_with_the_qp_file(
    tmp_path: Path, user_root: Path, qp_first: bool
) -> None:
    done = refresh_from(str(rvu_zip(tmp_path, "October", both_rates("October", qp_first))), force=True)
    assert (done.dataset, done.release) == ("pfs", "2026D")
    manifest = json.loads((user_root / "manifests" / "pfs-2026D.json").read_text())
    roles = {entry["role"]: entry["cms_name"] for entry in manifest["files"]}
    assert (roles["rvu"], roles["rvu_qp"]) == ("PPRRVU2026_Oct_nonQPP.csv", "PPRRVU2026_Oct_QPP.csv")
    assert {k: manifest["conversion_factor"][k] for k in ("default", "qp")} == {"default": "33.4009", "qp": "33.5675"}
    pricer = Pricer()
    result = pricer.price("22590", zip_code="10001", date_of_service=OCTOBER)
    assert result.release == "2026D"
    assert (result.pfs.facility.amount, result.pfs.conversion_factor_kind) == (Decimal("1856.28"), "non_qp")
    qp = pricer.price("22590", zip_code="10001", date_of_service=OCTOBER, qp=True)
    assert (qp.pfs.facility.amount, qp.pfs.conversion_factor_kind) == (Decimal("1865.54"), "qp")


def test_the_change_summary_shows_the_conversion_factors(tmp_path: Path, user_root: Path) -> None:
    both = refresh_from(str(rvu_zip(tmp_path, "October", both_rates("October", qp_first=True))), force=True)
    assert both.changes[0].startswith("PFS 2026D against the installed 2026C:")
    assert "  conversion factor 33.4009 (unchanged)" in both.changes
    assert "  QP conversion factor (--qp) 33.5675 (unchanged)" in both.changes
    # Against 2025D (one CF, $32.3465): no RVU of these rows needs to change for every amount to move.
    january = {"PPRRVU2026_Jan_nonQPP.csv": rate_file("January")}
    done = refresh_from(str(rvu_zip(tmp_path, "January", january, "rvu26a.zip")), force=True)
    assert done.changes[0].startswith("PFS 2026A against the installed 2025D:")
    assert "  conversion factor 32.3465 -> 33.4009 (+3.26%), in every row" in done.changes
    assert "  QP conversion factor (--qp) none -> 33.5675" in done.changes


def test_without_the_qp_file_qp_takes_the_cf_of_a_release_of_the_same_year_and_says_so(
    tmp_path: Path, user_root: Path
) -> None:
    january = {"PPRRVU2026_Jan_nonQPP.csv": rate_file("January")}
    refresh_from(str(rvu_zip(tmp_path, "January", january)), force=True)
    manifest = json.loads((user_root / "manifests" / "pfs-2026A.json").read_text())
    assert manifest["conversion_factor"]["qp"] == "33.5675"
    assert "release 2026C's, which has the same non-QP CF 33.4009" in manifest["conversion_factor"]["note"]
    args = ["price", "22590", "--zip", "10001", "--date", "2026-04-15"]
    plain = runner.invoke(app, args)
    assert plain.exit_code == 0, plain.output
    assert "Release 2026A" in plain.stdout and "CF $33.4009 (non-QP)" in plain.stdout
    qp = runner.invoke(app, [*args, "--qp"])
    assert qp.exit_code == 0, qp.output
    assert "CF $33.5675 (qualifying APM (QP))" in qp.stdout and "$1,865.54" in qp.stdout


def test_without_a_qp_cf_to_take_qp_is_refused_and_says_how_to_get_it(tmp_path: Path, user_root: Path) -> None:
    """A non-QP CF no installed release of the year has (as after a mid-year CF change): no QP CF is guessed."""
    january = {"PPRRVU2026_Jan_nonQPP.csv": rate_file("January", cf="33.5000")}
    done = refresh_from(str(rvu_zip(tmp_path, "January", january)), force=True)
    assert "  QP conversion factor (--qp) none -> not available" in done.changes
    args = ["price", "22590", "--zip", "10001", "--date", "2026-04-15"]
    plain = runner.invoke(app, args)
    assert plain.exit_code == 0 and "CF $33.5000 (non-QP)" in plain.stdout
    qp = runner.invoke(app, [*args, "--qp"])
    assert qp.exit_code == 2 and not qp.stdout
    assert "release 2026A has no qualifying APM participant (QP) conversion factor" in qp.output
    assert "no QP rate file" in qp.output and "whole RVU zip" in qp.output and "--conversion-factor" in qp.output
    assert "Traceback" not in qp.output
    with pytest.raises(UsageError, match="conversion_factor"):  # the API's words
        Pricer().price("22590", date_of_service=dt.date(2026, 4, 15), qp=True)


@pytest.mark.parametrize(
    ("rates", "text"),
    [
        ({"PPRRVU2026_Oct_QPP.csv": rate_file("October", qp=True)}, "QP rate file alone"),
        (  # the names swapped: the content says which is which
            {"PPRRVU2026_Oct_nonQPP.csv": rate_file("October", qp=True),
             "PPRRVU2026_Oct_QPP.csv": rate_file("October")},
            "is not above",
        ),
        (
            {"PPRRVU2026_Oct_nonQPP.csv": rate_file("October"),
             "PPRRVU2026_Oct_QPP.csv": rate_file("October", qp=True).replace(b"21.22", b"22.22")},
            r"differ in more than the conversion factor \(other RVUs for 22590\)",
        ),
        (
            {"PPRRVU2026_Oct_A.csv": rate_file("October"), "PPRRVU2026_Oct_B.csv": rate_file("October", qp=True)},
            "cannot tell which is the non-QP",
        ),
    ],
    ids=["QP-only", "swapped", "other-RVUs", "unnamed"],
)  # fmt: skip
def test_rate_files_that_are_not_cms_pair_are_refused(
    tmp_path: Path, user_root: Path, rates: dict[str, bytes], text: str
) -> None:
    path = rvu_zip(tmp_path, "October", rates)
    before = snapshot(user_root)
    with pytest.raises(DataFileError, match=text):
        refresh_from(str(path), force=True)
    assert snapshot(user_root) == before


def test_a_loose_rate_file_asks_for_the_whole_zip_in_words(tmp_path: Path, user_root: Path) -> None:
    loose = tmp_path / "PPRRVU2026_Oct_nonQPP.csv"
    loose.write_bytes(rate_file("October"))
    result = runner.invoke(app, ["data", "refresh", "--from", str(loose)])
    assert result.exit_code == 1
    message = " ".join(result.output.split())
    assert "PPRRVU2026_Oct_nonQPP.csv: CMS's PFS rate file alone is not enough" in message
    assert "whole RVU zip for the October 2026 release (RVU26D)" in message
    assert "the GPCI file (GPCI2026.csv)" in message and "(26LOCCO.csv)" in message
    assert "{" not in message and "\\" not in message  # no pattern
    assert "rvucalc-wrap" not in message
