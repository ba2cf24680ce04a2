"""A ZIP+4 (ZIP9) column and a locality column under a billing export's name. A MAC prices a ZIP split between
localities by its ZIP+4, so claim exports carry 'Service Facility ZIP+4', 'ZIP+4', 'Zip Plus 4', 'ZIP9': a trial
found none read, every row priced with national amounts (exit 0, "no ZIP or locality column" alone on stderr), or at
the patient's ZIP beside one. 'Pricing Locality', 'Locality Code' and 'Locality Name' were not read either. Each is
read now with its 5-digit name's precedence (a service place's ahead of a patient's); beside its 5-digit twin the
twin is read, as before. Amounts are checked against CMS's RVU and GPCI files (``_cms_fee``)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.batch.columns import missing_role_notices, patient_zip_position, resolve_columns
from rvucalc.cli import app
from rvucalc.errors import UsageError
from rvucalc.lookup.pricer import Pricer
from test_batch_provider_column import _cms_fee, _money

PLUS4_NAMES = ["Service Facility ZIP+4", "ZIP+4", "Zip Plus 4", "ZIP9", "Facility ZIP+4", "Zip Code+4",
               "Service ZIP + 4", "ZipPlus4", "Place of Service ZIP+4"]  # fmt: skip


@pytest.mark.parametrize("name", PLUS4_NAMES)
def test_a_zip_plus_4_column_is_the_zip(name: str) -> None:
    columns = resolve_columns(["CPT", "DOS", "POS", name])
    assert columns.names[columns.position("zip")] == name
    assert not any("no ZIP or locality column" in notice for notice in missing_role_notices(columns))


@pytest.mark.parametrize("name", ["Service Facility ZIP+4", "Facility ZIP+4", "Service ZIP + 4"])
def test_a_service_place_s_zip_plus_4_is_read_ahead_of_the_patient_s_zip(name: str) -> None:
    columns = resolve_columns(["CPT", "Patient ZIP", name])
    assert columns.names[columns.position("zip")] == name
    assert columns.names[patient_zip_position(columns)] == "Patient ZIP"  # a DME row's state, as before


def test_a_plain_zip_beside_a_patient_s_zip_is_refused() -> None:
    with pytest.raises(UsageError, match="could both be the zip"):
        resolve_columns(["CPT", "Patient ZIP", "ZIP"])


@pytest.mark.parametrize(("headers", "read"), [
    (["CPT", "ZIP+4", "Patient ZIP", "DOS"], "Patient ZIP"),  # a split address: as the day before, the patient's
    (["CPT", "Billing ZIP", "ZIP+4"], None),  # the +4 alone may be its cells: not read as the ZIP
    (["CPT", "Member ZIP", "ZIP+4"], "Member ZIP"),
    (["CPT", "ZIP", "ZIP+4"], "ZIP"),
    (["CPT", "ZIP+4"], "ZIP+4"),
])  # fmt: skip
def test_a_plain_zip_plus_4_is_read_only_where_no_other_zip_column_is(headers: list[str], read: str | None) -> None:
    """A review: 'ZIP+4' beside 'Patient ZIP' was refused (the file had priced at the patient's ZIP), and beside
    'Billing ZIP' read as the ZIP where it held the 4 digits alone (every row an error)."""
    columns = resolve_columns(headers)
    position = columns.position("zip")
    assert (columns.names[position] if position is not None else None) == read


def test_a_locality_code_is_read_beside_its_name() -> None:
    """A review: 'Locality Code' with 'Locality Name' was refused as two localities (exit 2)."""
    columns = resolve_columns(["CPT", "Locality Code", "Locality Name", "DOS"])
    assert columns.names[columns.position("locality")] == "Locality Code"


def test_a_patient_s_zip_plus_4_is_the_patient_s_zip() -> None:
    columns = resolve_columns(["CPT", "Patient ZIP+4", "Service Facility ZIP"])
    assert columns.names[columns.position("zip")] == "Service Facility ZIP"
    assert columns.names[patient_zip_position(columns)] == "Patient ZIP+4"
    alone = resolve_columns(["CPT", "Patient ZIP+4"])
    assert any("zip ← Patient ZIP+4, the patient's" in notice for notice in missing_role_notices(alone))


@pytest.mark.parametrize(
    ("names", "read"),
    [(["ZIP", "ZIP+4"], "ZIP"), (["Zip5", "Zip Plus 4"], "Zip5"), (["Service Facility ZIP", "Service Facility ZIP+4"],
      "Service Facility ZIP"), (["Patient ZIP", "Patient ZIP+4"], "Patient ZIP")],
)  # fmt: skip
def test_beside_its_5_digit_twin_the_twin_is_read_as_before(names: list[str], read: str) -> None:
    columns = resolve_columns(["CPT", *names])
    assert columns.names[columns.position("zip")] == read


@pytest.mark.parametrize("name", ["Pricing Locality", "Locality Code", "Locality Name", "PricingLocality"])
def test_a_locality_column_under_an_export_s_name_is_the_locality(name: str) -> None:
    columns = resolve_columns(["CPT", "DOS", name])
    assert columns.names[columns.position("locality")] == name


def test_a_service_zip_beside_an_export_s_locality_is_read_too() -> None:
    """A service place's ZIP beside a locality column is read, an export's 'Pricing Locality' or a plain 'Locality'
    (each row: the ZIP first, as a plain 'Zip' beside it; a trial found 'Locality' kept every ASC rate national)."""
    for locality in ("Pricing Locality", "Locality"):
        columns = resolve_columns(["CPT", "Service Facility ZIP", locality])
        assert columns.names[columns.position("zip")] == "Service Facility ZIP"
        assert columns.names[columns.position("locality")] == locality


@pytest.mark.parametrize(
    ("names", "said"),
    [(["Billing ZIP"], "--columns zip='Billing ZIP'"),
     (["Pay-To ZIP+4", "Billing Zip"], "--columns zip='Pay-To ZIP+4'"),
     (["Locality Desc"], "--columns locality='Locality Desc'")],
)  # fmt: skip
def test_an_unread_zip_or_locality_column_is_named_where_none_is_read(names: list[str], said: str) -> None:
    (notice,) = [n for n in missing_role_notices(resolve_columns(["CPT", *names])) if "no ZIP or locality" in n]
    assert f"{names[0]!r}" in notice and said in notice


def _run(tmp_path: Path, header: str, rows: list[str]) -> tuple[list[dict[str, str]], str]:
    source = tmp_path / "in.csv"
    source.write_text(header + "\n" + "".join(row + "\n" for row in rows))
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(out.open())), result.stderr


@pytest.mark.parametrize(("patient", "name"), [(True, "Service Facility ZIP+4"), (False, "ZIP+4"), (False, "ZIP9")])
def test_the_zip_plus_4_prices_the_row_in_its_locality(
    patient: bool, name: str, tmp_path: Path, pricer: Pricer
) -> None:  # fmt: skip
    """99213 in the office on 09/14/2026 at 33136-1234 (Miami): CMS's fee at 33136's locality, not the national
    amount (nor, beside a patient's ZIP 10001, Manhattan's). A plain 'ZIP+4' beside a 'Patient ZIP' is two ZIP
    columns, refused as 'ZIP' beside it is."""
    rows, stderr = _run(tmp_path, f"CPT,POS,DOS,{'Patient ZIP,' if patient else ''}{name}",
                        [f"99213,11,09/14/2026,{'10001,' if patient else ''}{cell}"
                         for cell in ("33136-1234", "331361234")])  # fmt: skip
    fee = _cms_fee(pricer, "99213", "33136", 2026)["non_facility"]
    assert fee != _cms_fee(pricer, "99213", "10001", 2026)["non_facility"]
    for row in rows:
        assert _money(row["allowed"]) == fee, row
    assert "no ZIP or locality column" not in stderr and f"zip ← {name}" in stderr


@pytest.mark.parametrize("name", ["Pricing Locality", "Locality Code", "Locality Name"])
def test_an_export_s_locality_column_prices_the_row_in_it(name: str, tmp_path: Path, pricer: Pricer) -> None:
    """The locality's 7-digit id (0910204, Miami: 33136's in CMS's ZIP file) or its name, as --locality takes it."""
    cell = "MIAMI" if name == "Locality Name" else "0910204"
    rows, stderr = _run(tmp_path, f"CPT,POS,DOS,{name}", [f"99213,11,09/14/2026,{cell}"])
    assert _money(rows[0]["allowed"]) == _cms_fee(pricer, "99213", "33136", 2026)["non_facility"], rows[0]
    assert rows[0]["locality_priced"] == "0910204" and "no ZIP or locality column" not in stderr


def test_a_locality_cell_that_is_not_the_zip_s_locality_is_noted(pricer: Pricer, tmp_path: Path) -> None:
    """A ZIP wins over a locality column (README), but a row whose locality cell names another locality (a remit's
    pricing locality for a ZIP split by ZIP+4) or none was priced by the ZIP in silence. It says so now, with the
    way to price by the locality column; a locality that agrees says nothing. Amounts from CMS's RVU and GPCI files."""
    from conftest import run_batch_rows

    rows = [{"CPT": "99213", "DOS": "07/15/2026", "POS": "11", "Zip": zip_code, "Locality": locality}
            for zip_code, locality in (("10001", "Los Angeles"), ("10001-1234", "0118218"), ("10001", "0521299"),
                                       ("10001", "MANHATTAN"), ("10001", "1320201"), ("10001", ""))]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    manhattan = _cms_fee(pricer, "99213", "10001", 2026)["non_facility"]
    assert [row["allowed"] for row in out] == [str(manhattan)] * 6
    notes = [row["note"] for row in out]
    assert "'Los Angeles' (locality 0118218 LOS ANGELES" in notes[0]
    assert "not ZIP 10001's locality, 1320201 MANHATTAN (NY)" in notes[0]
    assert "--columns zip=" in notes[0]
    assert "'0118218' (locality 0118218" in notes[1]  # a ZIP+4 beside it
    assert "'0521299' (no locality of 2026C)" in notes[2]
    assert not any("locality column" in note for note in notes[3:])
    done, out = run_batch_rows(tmp_path, rows[:2], "--columns", "zip=")
    los_angeles = _cms_fee(pricer, "99213", "90012", 2026)["non_facility"]  # a ZIP of locality 0118218
    assert [(row["allowed"], row["locality_priced"]) for row in out] == [(str(los_angeles), "0118218")] * 2


def test_a_remit_s_locality_number_beside_its_zip_is_not_noted(pricer: Pricer, tmp_path: Path) -> None:
    """A remit writes the pricing locality as its number ('01') or the MAC's number with it ('13202-01'): ZIP 10001's
    locality is 1320201, MANHATTAN, locality 01 of MAC 13202 in CMS's GPCI file, so '01' beside it agrees (a trial was
    told it is not Manhattan's locality). Another number ('02') is still said."""
    from conftest import run_batch_rows

    store = pricer.store(next(r for r in pricer.catalogue.releases("pfs") if r.year == 2025))
    manhattan = store.locality(store.zip("10001")["locality"])
    assert (manhattan["mac"], manhattan["locality_number"]) == ("13202", "01")
    cells = ("01", "1", "13202-01", "13202 01", "02")
    rows = [{"CPT": "99213", "DOS": "03/14/2025", "POS": "11", "Zip": "10001", "Locality": cell} for cell in cells]
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    fee = _cms_fee(pricer, "99213", "10001", 2025)["non_facility"]
    assert [row["allowed"] for row in out] == [str(fee)] * len(cells)
    assert [("locality column" in row["note"]) for row in out] == [False] * 4 + [True]
    assert "'02' (no locality of 2025" in out[4]["note"] and "1320201 MANHATTAN" in out[4]["note"]


def test_a_lab_drug_or_dme_row_says_no_other_locality_that_changes_nothing(tmp_path: Path) -> None:
    """A lab's and a drug's amount is national (CLFS, ASP), a DME item's its state's (DMEPOS): a locality cell that is
    not the ZIP's locality changes nothing there, and those rows said it all the same (85025, J0561, E0601-RR beside
    ZIP 10001 with Queens' 1329204). They say it no more; a DME row beside another state's locality (Los Angeles)
    still does, and so does the PFS row. Amounts as with no locality cell."""
    from conftest import run_batch_rows

    day = {"DOS": "07/15/2026", "Zip": "10001"}
    lines = [("99213", "", "11"), ("85025", "", "11"), ("J0561", "", "11"), ("E0601", "RR", "12")]
    rows = [{**day, "CPT": code, "Mod": mod, "POS": pos, "Locality": locality}
            for locality in ("1329204", "Los Angeles", "")
            for code, mod, pos in lines]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    said = [("not ZIP 10001's locality" in row["note"]) for row in out]
    assert said == [True, False, False, False] + [True, False, False, True] + [False] * 4, said
    amounts = [row["allowed"] for row in out]
    assert amounts[4:8] == amounts[8:] and amounts[1:4] == amounts[9:]
