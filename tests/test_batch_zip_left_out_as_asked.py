"""`rvucalc batch examples/claims.csv -o out.csv --columns zip=`: the user left the ZIP column out, yet stderr said
"'Zip Code' is not read (a billing or pay-to address may be elsewhere): ... say so with --columns zip='Zip Code'",
offering back the column just declined. A role named empty is said left out as asked; the national amounts are still
said (they change the money), and a file with no ZIP column of the user's choosing is told as before."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from rvucalc.batch.columns import missing_role_notices, resolve_columns
from rvucalc.cli import app

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "claims.csv"
NAMES = ["CPT Code", "Date of Service", "POS", "Zip Code"]


def test_batch_zip_named_empty_is_not_offered_back(tmp_path: Path) -> None:
    done = CliRunner().invoke(app, ["batch", str(EXAMPLE), "-o", str(tmp_path / "out.csv"), "--columns", "zip="])
    assert "is not read (a billing or pay-to" not in done.stderr and "--columns zip='Zip Code'" not in done.stderr
    assert "no ZIP or locality column, as asked (--columns zip=): every row priced with national amounts" in done.stderr


def test_declined_place_roles_are_said_left_out() -> None:
    columns = resolve_columns(NAMES, {"zip": ""})
    assert columns.position("zip") is None
    [said] = [n for n in missing_role_notices(columns, declined=["zip"]) if "ZIP or locality" in n]
    assert "as asked (--columns zip=)" in said and "Zip Code" not in said
    [both] = [n for n in missing_role_notices(columns, declined=["zip", "locality"]) if "ZIP or locality" in n]
    assert "(--columns zip=,locality=)" in both


def test_an_unread_zip_column_is_still_offered_when_not_declined() -> None:
    columns = resolve_columns([*NAMES[:3], "Billing Zip"])
    [said] = [n for n in missing_role_notices(columns) if "ZIP or locality" in n]
    assert "'Billing Zip' is not read (a billing or pay-to address may be elsewhere)" in said


def test_batch_setting_named_empty_is_said_left_out_not_offered_back(tmp_path: Path) -> None:
    """`--columns setting=` (the place of service left out, as asked) was told "'POS' looks like one: ... say so with
    --columns setting='POS'" (or "add POS (or --columns setting=COLUMN)"): said left out as asked, as zip= is; the
    blank allowed amounts are still said."""
    done = CliRunner().invoke(app, ["batch", str(EXAMPLE), "-o", str(tmp_path / "out.csv"), "--columns", "setting="])
    said = " ".join(done.stderr.split())
    assert "no place of service column, as asked (--columns setting=): but for DME items" in said
    assert "--columns setting='POS'" not in said and "setting=COLUMN" not in said
    columns = resolve_columns(["CPT Code", "Date of Service", "Zip Code"], {"setting": ""})
    [notice] = [n for n in missing_role_notices(columns, declined=["setting"]) if "place of service column" in n]
    assert "as asked (--columns setting=)" in notice and "add POS" not in notice
    [offered] = [n for n in missing_role_notices(columns) if "place of service column" in n]
    assert offered.endswith("add POS (or --columns setting=COLUMN)")
