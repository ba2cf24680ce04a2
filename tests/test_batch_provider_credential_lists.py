"""A billing system's credential list in the provider column: the practitioner's type beside degrees, the RN license
and certifications ('MS, RD', 'RD, CDCES', 'CNM, APRN', 'MSN, FNP-BC', 'PT, DPT, OCS'). A review found each unread:
priced as a physician's line at 100%, with a limiting charge and an "unread provider" note (an RD's 97802 x4 in ZIP
85004 on 06/17/2025 at $140.32 where 42 CFR 414.64(a) pays 85%: $119.28). The words that name no practitioner type
are left out; the one type left is read, two different ones are not ('NP, RD'). Each row is checked against CMS's fee
from the RVU and GPCI files."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.batch.lines import provider_of
from rvucalc.cli import app
from rvucalc.lookup.lines import CNM_ASSIGNMENT_NOTE, DIETITIAN_ASSIGNMENT_NOTE
from rvucalc.lookup.pricer import Pricer
from test_batch_provider_column import _cms_fee, _money


def _85_percent(amount: Decimal) -> Decimal:
    return (amount * Decimal("0.85")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.mark.parametrize(
    ("cell", "provider"),
    [("MS, RD", "dietitian"), ("RD, CDCES", "dietitian"), ("MS, RDN, LD, CDCES", "dietitian"),
     ("Registered Dietitian, CDE", "dietitian"), ("MS RD LD", "dietitian"), ("CNM, APRN", "cnm"),
     ("APRN, CNM", "cnm"), ("CNM, APRN-BC", "cnm"), ("MSN, CNM", "cnm"), ("APRN, CNS", "cns"), ("APRN, CRNA", "crna"),
     ("MSN, FNP-BC", "np"), ("MSN, RN, FNP-C", "np"), ("DNP, APRN", "np"), ("DNP, AGPCNP-BC", "np"), ("FNP, BC", "np"),
     ("PA-C, MPH", "pa"), ("MPAS, PA-C", "pa"), ("PT, DPT, OCS", "therapist"), ("MS, OTR/L", "therapist"),
     ("MA, CCC-SLP", "slp"), ("MD, FACS", "physician"), ("DO, FAAFP", "physician"), ("MD, MPH", "physician"),
     ("LCSW, MSW", "csw"),
     # as before: a physician with a research doctorate, a psychologist, a license over a doctorate
     ("MD, PHD", "physician"), ("PhD", "psychologist"), ("PhD, ABPP", "psychologist"), ("PHD, LMFT", "csw"),
     ("RDN, LD", "dietitian")],
)  # fmt: skip
def test_a_credential_list_is_read_by_its_practitioner_type(cell: str, provider: str) -> None:
    assert provider_of(cell) == provider


@pytest.mark.parametrize("cell", ["NP, RD", "NP, LCSW", "PA-C, RD", "MSN", "RN", "BSN, RN", "RN, CDCES", "CDCES",
                                  "DNP", "MS, MPH"])  # fmt: skip
def test_a_list_naming_two_types_or_none_is_not_read(cell: str) -> None:
    with pytest.raises(ValueError, match="give the practitioner"):
        provider_of(cell)


# (code, modifier, units, credential): ZIP 85004 on 06/17/2025 (CMS's 2025 files).
ROWS = [("97802", "", 4, "MS, RD"), ("97802", "", 4, "RD, CDCES"), ("99213", "", 1, "CNM, APRN"),
        ("99213", "", 1, "MSN, FNP-BC"), ("97110", "GP", 2, "PT, DPT, OCS"), ("99213", "", 1, "NP, RD")]  # fmt: skip


@pytest.mark.parametrize("claims", [False, True], ids=["alone", "in-claims"])
def test_each_list_s_row_is_priced_at_its_practitioner_s_share_of_cms_s_fee(
    claims: bool, tmp_path: Path, pricer: Pricer
) -> None:
    """Each row alone and on claims of their own (batch.claims' path): an RD's MNT at 85% without a limiting charge,
    a CNM's visit at 100% without one, an NP's at 85%, a PT's at 100% with one; 'NP, RD' stays unread (a physician's
    100%, with the note and the count)."""
    source = tmp_path / "credentials.csv"
    lines = "".join(f'{f"C{n}," if claims else ""}{code},{modifier},11,85004,06/17/2025,{units},"{who}"\n'
                    for n, (code, modifier, units, who) in enumerate(ROWS))  # fmt: skip
    source.write_text(("Claim ID," if claims else "") + "CPT,Modifier,POS,ZIP,Date of Service,Units,Credentials\n"
                      + lines)  # fmt: skip
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--summary", "-"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["unread_provider"] == 1
    assert "1 row whose provider cell names no practitioner" in result.stderr
    ms_rd, rd_cdces, cnm, np_row, pt, np_rd = list(csv.DictReader(out.open()))
    for row in (ms_rd, rd_cdces):
        fee = _cms_fee(pricer, "97802", "85004", 2025)["non_facility"]
        assert _money(row["pfs_non_facility_amount"]) == _85_percent(fee), row
        assert _money(row["allowed"]) == 4 * _85_percent(fee) == Decimal("119.28"), row
        assert row["pfs_non_facility_limiting_charge"] == "" and DIETITIAN_ASSIGNMENT_NOTE in row["note"], row
    visit = _cms_fee(pricer, "99213", "85004", 2025)["non_facility"]
    assert _money(cnm["pfs_non_facility_amount"]) == visit and cnm["pfs_non_facility_limiting_charge"] == ""
    assert CNM_ASSIGNMENT_NOTE in cnm["note"]
    assert _money(np_row["pfs_non_facility_amount"]) == _85_percent(visit)
    assert np_row["pfs_non_facility_limiting_charge"] == ""
    assert _money(pt["pfs_non_facility_amount"]) == _cms_fee(pricer, "97110", "85004", 2025)["non_facility"]
    assert _money(pt["pfs_non_facility_limiting_charge"]) is not None
    for row in (ms_rd, rd_cdces, cnm, np_row, pt):
        assert "not read" not in row["note"] and not row["error"], row
    assert _money(np_rd["pfs_non_facility_amount"]) == visit
    assert "Provider 'NP, RD' names two practitioner types" in np_rd["note"]


def test_price_takes_a_credential_list(pricer: Pricer) -> None:
    """``--provider`` reads a cell's words as the column does: 'MS, RD' is a dietitian's 85% of 97802."""
    done = CliRunner().invoke(app, ["price", "97802", "--zip", "85004", "--date", "06/17/2025", "--setting", "11",
                                    "--units", "4", "--provider", "MS, RD", "-f", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    amount = json.loads(done.stdout)["pfs"]["non_facility"]["amount"]
    assert _money(amount) == _85_percent(_cms_fee(pricer, "97802", "85004", 2025)["non_facility"])


# -- a column named 'Provider' -----------------------------------------------------------------------------------------

HEADER = "Claim ID,CPT,POS,ZIP,Date of Service,{name}\n"


def _run(tmp_path: Path, name: str, cells: list[str], *options: str) -> tuple[list[dict[str, str]], str]:
    source = tmp_path / "visits.csv"
    lines = "".join(f'V{n},99213,11,85004,06/17/2025,"{cell}"\n' for n, cell in enumerate(cells))
    source.write_text(HEADER.format(name=name) + lines)
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), *options])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(out.open())), result.stderr


@pytest.mark.parametrize("name", ["Provider", "Rendering Provider", "Rendering Provider Name"])
def test_a_provider_column_of_credentials_is_read_as_the_provider(name: str, tmp_path: Path, pricer: Pricer) -> None:
    """A review's 'Provider' column of NP and MD was not read: the NP's 99213 was priced at 100% (ZIP 85004, 2025).
    Its cells are practitioner types, not names: read, and said on the columns line."""
    rows, stderr = _run(tmp_path, name, ["NP", "MD", "MSN, FNP-BC", "CNM, APRN", "RN", ""])
    assert f"provider ← {name}" in stderr and f"{name!r} is not read" not in stderr
    nurse, physician, listed, midwife, unread, blank = rows
    fee = _cms_fee(pricer, "99213", "85004", 2025)["non_facility"]
    for row in (nurse, listed):
        assert _money(row["pfs_non_facility_amount"]) == _85_percent(fee), row
        assert row["pfs_non_facility_limiting_charge"] == "", row
    for row in (physician, midwife, unread, blank):
        assert _money(row["pfs_non_facility_amount"]) == fee, row
    assert _money(physician["pfs_non_facility_limiting_charge"]) is not None
    assert midwife["pfs_non_facility_limiting_charge"] == "" and CNM_ASSIGNMENT_NOTE in midwife["note"]
    assert "Provider 'RN' not read as a practitioner" in unread["note"] and "not read" not in blank["note"]


def test_one_cell_naming_two_types_leaves_the_column_read(tmp_path: Path, pricer: Pricer) -> None:
    """A review: one 'NP, RD' cell left a 'Rendering Provider' column of credentials unread, every row priced as a
    physician's ('MSN, FNP-BC' 99213 at 100%). The column is read; only that cell is not, with its note."""
    rows, stderr = _run(tmp_path, "Rendering Provider", ["MSN, FNP-BC", "NP, RD", "MD"])
    assert "provider ← Rendering Provider" in stderr
    nurse, both, physician = rows
    fee = _cms_fee(pricer, "99213", "85004", 2025)["non_facility"]
    assert _money(nurse["pfs_non_facility_amount"]) == _85_percent(fee), nurse
    assert _money(both["pfs_non_facility_amount"]) == fee and "names two practitioner types" in both["note"], both
    assert _money(physician["pfs_non_facility_amount"]) == fee


@pytest.mark.parametrize(
    "cells", [["LEE, SAM PA-C", "JONES, ANN"], ["NP", "Dr. Ann Jones"], ["50", "97"], ["", ""], ["Individual", "NP"]]
)
def test_a_provider_column_of_names_or_numbers_is_said_not_read(
    cells: list[str], tmp_path: Path, pricer: Pricer
) -> None:
    """Names ('JONES, ANN'), a number (a provider's own id would read as a CMS specialty code) or no cell: said, not
    read, as before; every line a physician's."""
    rows, stderr = _run(tmp_path, "Provider", cells)
    assert "'Provider' is not read" in stderr and "--columns provider='Provider'" in stderr
    assert "provider ← Provider" not in stderr
    fee = _cms_fee(pricer, "99213", "85004", 2025)["non_facility"]
    assert [_money(row["pfs_non_facility_amount"]) for row in rows] == [fee] * len(cells)


def test_columns_decides_over_the_cells(tmp_path: Path, pricer: Pricer) -> None:
    """--columns provider= (none) keeps a credentials 'Provider' column unread; two such columns, neither is read."""
    rows, stderr = _run(tmp_path, "Provider", ["NP"], "--columns", "provider=")
    assert "provider ←" not in stderr
    assert _money(rows[0]["pfs_non_facility_amount"]) == _cms_fee(pricer, "99213", "85004", 2025)["non_facility"]
    source = tmp_path / "two.csv"
    source.write_text("CPT,POS,ZIP,Date of Service,Provider,Rendering Provider\n99213,11,85004,06/17/2025,NP,PA\n")
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(tmp_path / "two.out.csv")])
    assert result.exit_code == 0 and "provider ←" not in result.stderr


def test_price_frame_reads_a_provider_column_of_credentials_as_the_cli_does(tmp_path: Path, pricer: Pricer) -> None:
    import pandas as pd

    from rvucalc.batch.price import BatchPricer

    cells = ["NP", "MD", "MS, RD"]
    rows, _ = _run(tmp_path, "Provider", cells)
    frame = pd.DataFrame({"Claim ID": [f"V{n}" for n in range(3)], "CPT": ["99213"] * 3, "POS": ["11"] * 3,
                          "ZIP": ["85004"] * 3, "Date of Service": ["06/17/2025"] * 3, "Provider": cells})  # fmt: skip
    priced = BatchPricer(pricer).price_frame(frame)
    assert [Decimal(str(amount)).quantize(Decimal("0.01")) for amount in priced["pfs_non_facility_amount"]] == [
        _money(row["pfs_non_facility_amount"]) for row in rows
    ]
    assert _money(rows[0]["pfs_non_facility_amount"]) == _85_percent(
        _cms_fee(pricer, "99213", "85004", 2025)["non_facility"]
    )
