"""Found by fresh-eyes trials (a surgery practice's cases, a renal practice's remit, a podiatry practice's remit, an
infusion clinic's remit): 'Surgery Date' was not read as the date of service (2025 cases priced with 2026 rates, exit
0); 'Svc Loc ZIP' was not read (every row priced nationally); 'Mod A'..'Mod C' were not read (every line priced
without its modifiers) and hinted as modifier='Mod A' alone; a remit's 'Paid Amount' beside its 'Allowed Amount' (read
as paid) was passed through without a word. The rows are the trials' own; the amounts CMS's, through ``Pricer``."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from rvucalc.batch.columns import resolve_columns
from rvucalc.cli import app

runner = CliRunner()


def _batch(tmp_path: Path, text: str, *options: str) -> tuple[int, str, list[dict[str, str]]]:
    source, out = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text(text)
    done = runner.invoke(app, ["batch", str(source), "-o", str(out), *options])
    rows = list(csv.DictReader(io.StringIO(out.read_text()))) if done.exit_code in (0, 1) else []
    return done.exit_code, done.stderr, rows


SURGERY = """Case #,{date},CPT,Modifier,Modifier 2,Qty,POS,Facility Zip,Billed,Expected
S1001,03/04/2025,19318,50,,1,22,77030,9500.00,1680.71
S1001,03/04/2025,15830,51,,1,22,77030,6000.00,602.38
"""


@pytest.mark.parametrize("name", ["Surgery Date", "Date of Surgery", "Procedure Date", "Case Date", "Surgical Date"])
def test_the_surgery_date_is_the_date_of_service(tmp_path: Path, pricer: Any, name: str) -> None:
    code, stderr, rows = _batch(tmp_path, SURGERY.format(date=name))
    assert code == 0, stderr
    assert f"date ← {name}" in stderr and "claim ← Case #" in stderr and "no date column" not in stderr
    single = pricer.price("19318-50", zip_code="77030", date_of_service="2025-03-04")
    today = pricer.price("19318-50", zip_code="77030")
    assert single.release != today.release and single.pfs.facility.amount != today.pfs.facility.amount
    assert rows[0]["release"] == single.release  # 2025's release, not today's
    assert Decimal(rows[0]["pfs_facility_amount"]) == single.pfs.facility.amount
    assert Decimal(rows[0]["pfs_facility_amount"]) == Decimal(rows[0]["Expected"])  # the practice's own figure


def test_the_surgery_date_names_collide_with_no_other_role() -> None:
    # A usual date name wins over them, as over any export name; a case number stays the claim beside a case date.
    assert resolve_columns(["CPT", "DOS", "Surgery Date"], {}).position("date") == 1
    both = resolve_columns(["Case #", "Case Date", "CPT"], {})
    assert both.position("date") == 1 and both.position("claim") == 0 and both.position("code") == 2
    # 'Proc Date' may be a remit's processed date: not read as the date of service.
    assert resolve_columns(["CPT", "Proc Date"], {}).position("date") is None
    # Two such names ('Visit Date', 'Surgery Date') are two candidates: refused, not one dropped.
    with pytest.raises(Exception, match="could both be the date"):
        resolve_columns(["CPT", "Visit Date", "Surgery Date"], {})


@pytest.mark.parametrize("name", ["Svc Loc ZIP", "Svc Loc Zip Code", "Service Loc ZIP", "Svc Location Zip Code"])
def test_the_service_location_zip_prices_where_the_service_was(tmp_path: Path, pricer: Any, name: str) -> None:
    text = (f"Claim ID,From DOS,To DOS,CPT,Modifier,Units,POS,{name},Billed,Allowed\n"
            "C1001,03/01/2025,03/31/2025,90960,,1,65,38103,650.00,\n")  # fmt: skip
    code, stderr, (row,) = _batch(tmp_path, text)
    assert code == 0, stderr
    assert f"zip ← {name}" in stderr and "no ZIP or locality column" not in stderr
    single = pricer.price("90960", zip_code="38103", date_of_service="2025-03-01", setting="65")
    assert row["locality_priced"] == single.location.locality
    assert Decimal(row["allowed"]) == single.sites[0].allowed
    # ahead of a patient's ZIP, as the service place's other names are
    assert resolve_columns(["CPT", "Patient ZIP", name], {}).position("zip") == 2


PODIATRY = """Ticket #,DOS,Proc Code,{a},{b},{c},Units,POS,Office ZIP,Charge,Ins Paid
T1007,03/09/2026,73620,LT,,,1,11,85711,90.00,25.00
T1007,03/09/2026,73630,26,RT,,1,11,85711,40.00,7.00
"""


@pytest.mark.parametrize("word", ["Mod", "Modifier"])
def test_lettered_modifier_columns_are_modifiers_1_to_4(tmp_path: Path, pricer: Any, word: str) -> None:
    a, b, c = (f"{word} {letter}" for letter in "ABC")
    code, stderr, rows = _batch(tmp_path, PODIATRY.format(a=a, b=b, c=c))
    assert code == 0, stderr
    assert f"modifier ← {a} + {b} + {c}" in stderr and "no modifier column" not in stderr
    professional = pricer.price("73630-26-RT", zip_code="85711", date_of_service="2026-03-09", setting="11")
    whole = pricer.price("73630", zip_code="85711", date_of_service="2026-03-09", setting="11")
    assert professional.sites[0].allowed != whole.sites[0].allowed
    assert Decimal(rows[1]["allowed"]) == professional.sites[0].allowed  # the professional component, not the test
    lettered = resolve_columns(["CPT", f"{word} D", f"{word} B", f"{word} A", f"{word} C"], {})
    assert lettered.positions("modifier") == (3, 2, 4, 1)  # A, B, C, D: in the letters' order


def test_several_unread_modifier_columns_are_named_in_one_columns_value(tmp_path: Path, pricer: Any) -> None:
    text = "CPT,Mod X,Mod Y,DOS,ZIP,POS\n73630,26,RT,03/09/2026,85711,11\n"
    code, stderr, (row,) = _batch(tmp_path, text)
    assert code == 0, stderr
    hint = "--columns modifier='Mod X',modifier2='Mod Y'"
    assert f"no modifier column read, though 'Mod X', 'Mod Y' look like one: if they hold the line's modifiers, say " \
        f"so with {hint}, read in that order" in stderr  # fmt: skip
    code, stderr, (row,) = _batch(tmp_path, text, "--columns", "modifier=Mod X,modifier2=Mod Y")  # as a shell passes it
    assert code == 0 and "modifier ← Mod X + Mod Y" in stderr
    professional = pricer.price("73630-26-RT", zip_code="85711", date_of_service="2026-03-09", setting="11")
    assert Decimal(row["allowed"]) == professional.sites[0].allowed


REMIT = """Claim Number,Service Date,HCPCS Code,Modifier 1,Modifier 2,Unit Count,Place of Service,Service Facility Zip,\
Charge Amount,Allowed Amount,{paid}
ID25-0001,03/11/2025,99214,25,,1,11,63110,"$250.00",122.36,95.94
"""


@pytest.mark.parametrize("paid", ["Paid Amount", "Paid"])
def test_a_remit_s_paid_column_beside_its_allowed_one_is_said(tmp_path: Path, pricer: Any, paid: str) -> None:
    code, stderr, (row,) = _batch(tmp_path, REMIT.format(paid=paid))
    assert code == 0, stderr
    assert "paid ← Allowed Amount" in stderr
    assert (f"'{paid}' is not read: the remit's paid amount, Medicare's share alone (the allowed amount less the "
            "deductible and coinsurance applied, less the 2% sequestration); paid ← Allowed Amount, the remit's "
            "allowed amount, is compared with allowed: to compare the paid amount with Medicare's share instead, "
            f"rerun with --columns paid='{paid}' --paid-is medicare") in stderr  # fmt: skip
    single = pricer.price("99214-25", zip_code="63110", date_of_service="2025-03-11", setting="11")
    assert Decimal(row["allowed"]) == single.sites[0].allowed == Decimal(row["Allowed Amount"])
    assert Decimal(row["variance"]) == 0  # the remit's allowed amount is CMS's
    # As the line says: the paid column read, compared with Medicare's share; nothing more said of it.
    code, stderr, (row,) = _batch(tmp_path, REMIT.format(paid=paid), "--columns", f"paid={paid}", "--paid-is",
                                  "medicare")  # fmt: skip
    assert code == 0 and f"paid ← {paid}" in stderr and "is not read: the remit's paid amount" not in stderr
    assert Decimal(row["expected"]) == single.sites[0].medicare and Decimal(row["paid_as_read"]) == Decimal("95.94")
    # --paid-is medicare with the allowed amount read: said that the allowed amount is compared with Medicare's share
    code, stderr, _ = _batch(tmp_path, REMIT.format(paid=paid), "--paid-is", "medicare")
    assert code == 0 and f"'{paid}' is not read" in stderr and f"--columns paid='{paid}'" in stderr
    # no allowed column: the paid one is read, as before, and this line is not said
    code, stderr, _ = _batch(tmp_path, REMIT.format(paid=paid).replace("Allowed Amount", "Copay"))
    assert code == 0 and f"paid ← {paid}" in stderr and "is not read: the remit's paid amount" not in stderr
