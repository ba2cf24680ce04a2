"""`rvucalc batch --zip/--locality` (every row's place of service, as `price` takes it) and the DMEPOS rural fee in
batch (a `rural` column, `--rural`): a practice manager's export had only the patient's ZIP, and a DME supplier could
not get the rural fee `price E0601-RR --state TX --rural` shows."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.cli import app
from rvucalc.reference.loaders import schedules as loaders

QUIRKS = Path(__file__).parent / "data" / "quirks"
DMEPOS_FILE = QUIRKS / "dmepos26_jan_header_row7_nr_r_per_state.xlsx"  # DMEPOS26_JAN.xlsx's rows
runner = CliRunner()


def _run(tmp_path: Path, rows: list[dict[str, str]], *options: str) -> tuple[Any, list[dict[str, str]]]:
    return run_batch_rows(tmp_path, rows, *options, name="in.csv")


def _money(text: str) -> Decimal | None:
    return Decimal(text) if text else None


PATIENT_ROWS = [{"CPT Code": code, "DOS": "2026-08-03", "Patient Zip": "10001", "Charge": "180"}
                for code in ("99213", "71046-26", "20610")]  # fmt: skip


@pytest.mark.parametrize("place", [["--zip", "30309"], ["--locality", "ATLANTA"]])
def test_every_row_is_priced_where_the_batch_place_says(pricer: Any, tmp_path: Path, place: list[str]) -> None:
    """A practice's export with only `Patient Zip` (Manhattan): `--zip 30309` (or `--locality ATLANTA`) prices every
    row in Atlanta's locality, as `price CODE --zip 30309` does; stderr says the patient's ZIP column is not used."""
    done, out = _run(tmp_path, PATIENT_ROWS, *place)
    assert done.exit_code == 0, done.stderr
    flag, value = place
    for row in out:
        code, _, modifier = row["CPT Code"].partition("-")
        single = pricer.price(code, modifier=modifier or None, date_of_service="2026-08-03",
                              **({"zip_code": value} if flag == "--zip" else {"locality": value}))  # fmt: skip
        assert row["locality_priced"] == single.location.locality == "1021201"  # Atlanta, GA
        assert _money(row["pfs_non_facility_amount"]) == single.pfs.non_facility.amount
        assert _money(row["pfs_facility_amount"]) == single.pfs.facility.amount
        assert row["Patient Zip"] == "10001"  # passed through as read
    assert f"{flag} {value} prices every row where the service was furnished: the zip column 'Patient Zip' is not "\
           "used" in done.stderr  # fmt: skip
    assert "zip ← Patient Zip, the patient's" not in done.stderr
    # Without it: the patient's locality (Manhattan), and stderr says how to give the practice's place.
    plain, out = _run(tmp_path, PATIENT_ROWS)
    assert {row["locality_priced"] for row in out} == {"1320201"}
    assert "the practice's place for every row with --zip ZIP" in " ".join(plain.stderr.split())


@pytest.mark.parametrize(
    ("options", "said"),
    [(["--zip", "3030"], "'3030' is not a ZIP code"), (["--zip", "00000"], "ZIP 00000 is not in CMS's ZIP5 file"),
     (["--zip", "30309", "--locality", "ATLANTA"], "Give --zip or --locality, not both"),
     (["--locality", "ATLANTIS"], "No locality is named 'ATLANTIS'"), (["--locality", "all"], "is no locality"),
     (["--zip", " "], "--zip is empty")],
)  # fmt: skip
def test_a_batch_place_is_read_and_checked_as_price_reads_it(tmp_path: Path, options: list[str], said: str) -> None:
    done, out = _run(tmp_path, PATIENT_ROWS, *options)
    assert done.exit_code == 2 and said in " ".join(done.stderr.split()) and out == []
    if options[0] == "--zip" and options[1].strip():  # price says the same of it
        assert said in " ".join(runner.invoke(app, ["price", "99213", *options]).stderr.split())


def test_the_dmepos_rural_fee_in_batch(pricer: Any, tmp_path: Path) -> None:
    """A `rural` column (Y/N, 1/0, true/false) and `--rural` choose a DME row's rural DMEPOS fee, as `price --rural`
    does (DMEPOS26_JAN: E0601 RR in TX, non-rural $50.91, rural $91.52); other rows are not affected, and a bad cell
    is a DME row's error."""
    _, fees = loaders.load_dmepos(DMEPOS_FILE, "DMEPOS")
    [fee] = fees[(fees["hcpcs"] == "E0601") & (fees["mod"] == "RR") & (fees["state"] == "TX")].to_dict("records")
    non_rural, rural = Decimal(int(fee["nr_cents"])).scaleb(-2), Decimal(int(fee["r_cents"])).scaleb(-2)
    assert (non_rural, rural) == (Decimal("50.91"), Decimal("91.52"))
    cells = ["Y", "N", "", "true", "0", "maybe"]
    rows = [{"code": "E0601-RR", "date": "2026-03-02", "state": "TX", "rural": cell} for cell in cells]
    rows.append({"code": "85025", "date": "2026-03-02", "state": "TX", "rural": "maybe"})
    done, out = _run(tmp_path, rows)
    assert done.exit_code == 1
    amounts = [_money(row["dmepos_amount"]) for row in out]
    assert amounts == [rural, non_rural, non_rural, rural, non_rural, None, None]
    assert "rural 'maybe'" in out[5]["error"] and out[5]["error_kind"] == "bad_rural"
    assert out[6]["error"] == "" and out[6]["clfs_amount"]  # a lab row does not read it
    single = pricer.price("E0601-RR", state="TX", rural=True, date_of_service="2026-03-02")
    assert single.dmepos.amount == rural and out[0]["note"] == out[3]["note"]
    # A cell of Y or N states the patient's area: the rural ZIP file is not needed (its not-installed note is said only
    # where the cell is blank, as on row 2).
    assert "DMEPOS rural ZIP code file" not in out[0]["note"] and "DMEPOS rural ZIP code file" not in out[1]["note"]
    assert "DMEPOS rural ZIP code file" in out[2]["note"]
    # --rural: blank cells (and a file without the column) take the rural fee; a cell still wins.
    done, out = _run(tmp_path, rows[:3], "--rural")
    assert [_money(row["dmepos_amount"]) for row in out] == [rural, non_rural, rural]
    done, out = _run(tmp_path, [{"code": "E0601-RR", "date": "2026-03-02", "state": "TX"}], "--rural")
    assert [_money(row["dmepos_amount"]) for row in out] == [rural] and done.exit_code == 0
