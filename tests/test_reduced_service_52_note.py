"""Modifier 52 on a physician's line (a sleep medicine trial). `price 95810-52 --zip 43235 --setting 11` (a
polysomnography of under 6 hours' recording, reported with 52 as CPT instructs) showed CMS's full fee, $623.00 in
Columbus, OH, and said only "Modifier 52 does not change the PFS amount: it changes the hospital's (OPPS) and the ASC's
rate". The engine's note that Medicare pays the lower of the reduced charge and the fee schedule amount
(``engine.modifiers.REDUCED_SERVICE_NOTE``) never reached a line: 52 is no PFS modifier in the table, so the PFS
modifier step that adds it never ran. The line now says the amount shown is the most Medicare pays (SSA §1848(a)(1):
the lower of the charge and the fee; the MAC may pay less on review, Claims Processing Manual ch. 12 §20.4.6), in price
and batch alike. The amount is unchanged: CMS's fee from RVU26C and the 2026 Ohio GPCIs."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from conftest import TESTS
from rvucalc.cli import app
from rvucalc.engine.modifiers import REDUCED_SERVICE_NOTE

runner = CliRunner()
SHIPPED = TESTS.parent / "data"
ZIP, LOCALITY, DATE = "43235", "1520200", "2026-08-04"  # Columbus, OH: Ohio's one locality
OLD_NOTE = "Modifier 52 does not change the PFS amount"


def _cms_office_fee(code: str) -> Decimal:
    """CMS's non-facility fee of a code in Ohio: RVU26C's RVUs times the 2026 GPCIs times its CF."""
    (path,) = (SHIPPED / "rvu" / "2026").glob("PPRRVU2026_Jul*.csv")
    with open(path, newline="", encoding="latin-1") as handle:
        row = next(row for row in csv.reader(handle) if row and row[0] == code and row[1] == "")
    with open(SHIPPED / "gpci" / "2026" / "localities2026-01-01-2026.csv", newline="") as handle:
        place = next(line for line in csv.DictReader(handle) if line["locality"] == LOCALITY)
    rvus = (Decimal(row[5]) * Decimal(place["gpci_work"]) + Decimal(row[6]) * Decimal(place["gpci_pe"])
            + Decimal(row[10]) * Decimal(place["gpci_mp"]))  # fmt: skip
    return (rvus * Decimal(row[25])).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_52_says_the_fee_is_a_ceiling_in_price_with_the_amount_unchanged() -> None:
    fee = _cms_office_fee("95810")
    assert fee == Decimal("623.00")  # (2.44 x 1.000 + 17.47 x 0.913 + 0.26 x 1.008) x 33.4009
    done = runner.invoke(app, ["price", "95810-52", "--zip", ZIP, "--setting", "11", "--date", DATE,
                               "--format", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    said = " ".join(done.stdout.split())
    assert OLD_NOTE not in said
    assert "the lower of your reduced charge and the fee schedule amount (SSA §1848(a)(1)" in said
    assert "ch. 12 §20.4.6" in said
    table = runner.invoke(app, ["price", "95810-52", "--zip", ZIP, "--setting", "11", "--date", DATE])
    assert f"${fee}" in table.stdout and OLD_NOTE not in " ".join(table.stdout.split())


def test_52_note_in_batch_is_price_s_and_the_charge_rule_still_applies(tmp_path: Path) -> None:
    fee = _cms_office_fee("95810")
    source, out = tmp_path / "claims.csv", tmp_path / "out.csv"
    source.write_text(
        "Claim ID,DOS,CPT Code,Mod 1,POS,Svc Facility ZIP,Billed Amt\n"
        f"S1,08/04/2026,95810,52,11,{ZIP},1050.00\n"  # a charge above the fee: the fee
        f"S2,08/04/2026,95810,52,11,{ZIP},300.00\n"  # a reduced charge below it: the charge
    )
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    with open(out, newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert "; " not in REDUCED_SERVICE_NOTE  # batch joins a row's notes with "; " (a review found one inside it)
    for row in rows:
        assert REDUCED_SERVICE_NOTE in row["note"].split("; ") and OLD_NOTE not in row["note"]
        assert Decimal(row["allowed"]) == fee  # the fee schedule's amount stays the row's allowed amount
    assert "Billed $300.00 is below the fee schedule amount $623.00" in rows[1]["note"] + rows[1]["comparison_note"]


def _rvu_status(code: str) -> str:
    """CMS's status of a code's base row in RVU26C."""
    (path,) = (SHIPPED / "rvu" / "2026").glob("PPRRVU2026_Jul*.csv")
    with open(path, newline="", encoding="latin-1") as handle:
        return next(row[3] for row in csv.reader(handle) if row and row[0] == code and row[1] == "")


def test_52_on_a_row_the_pfs_does_not_pay_says_no_ceiling_in_price_and_batch(tmp_path: Path) -> None:
    """A review: 52 on a line with no PFS amount (0695T, contractor priced, status C in RVU26C; J1300, status E in
    RVU25A) read "the PFS amount shown is the most Medicare pays" beside no PFS amount. Its note is its row's
    (lookup.lines.reduced_service_note): the facility's rate alone there, price and batch alike."""
    from rvucalc.lookup.lines import REDUCED_SERVICE_FACILITY_NOTE

    assert _rvu_status("0695T") == "C"
    done = runner.invoke(app, ["price", "0695T-52", "--zip", ZIP, "--setting", "11", "--date", DATE,
                               "--format", "json"])  # fmt: skip
    said = " ".join(done.stdout.split())
    assert REDUCED_SERVICE_FACILITY_NOTE in said and REDUCED_SERVICE_NOTE not in said
    source, out = tmp_path / "claims.csv", tmp_path / "out.csv"
    source.write_text(
        "Claim ID,DOS,CPT Code,Mod 1,POS,Svc Facility ZIP\n"
        f"S1,08/04/2026,0695T,52,11,{ZIP}\n"
        f"S2,08/04/2026,95810,52,11,{ZIP}\n"  # the PFS pays it: the ceiling's note, as before
    )
    assert runner.invoke(app, ["batch", str(source), "-o", str(out)]).exit_code == 0
    with open(out, newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert REDUCED_SERVICE_FACILITY_NOTE in rows[0]["note"] and REDUCED_SERVICE_NOTE not in rows[0]["note"]
    assert REDUCED_SERVICE_NOTE in rows[1]["note"] and REDUCED_SERVICE_FACILITY_NOTE not in rows[1]["note"]


def test_52_notes_have_no_batch_separator() -> None:
    """Batch joins a row's notes with '; ': a note holding one reads as two (the ceiling's note had one)."""
    from rvucalc.lookup.lines import REDUCED_SERVICE_FACILITY_NOTE

    assert "; " not in REDUCED_SERVICE_NOTE and "; " not in REDUCED_SERVICE_FACILITY_NOTE


def test_52_on_an_anesthesia_line_keeps_the_ceiling_note(tmp_path: Path) -> None:
    """An anesthesia code (RVU26C status J, no RVUs: paid under the PFS from its base and time units) is PFS-paid: its
    52 says the ceiling, not "no PFS amount" (a review of the row-note change: 00100-52 read "the line has no PFS
    amount" beside its anesthesia amount), price and batch alike."""
    from rvucalc.lookup.lines import REDUCED_SERVICE_FACILITY_NOTE

    assert _rvu_status("00100") == "J"
    done = runner.invoke(app, ["price", "00100-52", "--base-units", "5", "--minutes", "30", "--zip", ZIP,
                               "--setting", "22", "--date", DATE, "--format", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    said = " ".join(done.stdout.split())
    assert REDUCED_SERVICE_NOTE in said and REDUCED_SERVICE_FACILITY_NOTE not in said
    source, out = tmp_path / "claims.csv", tmp_path / "out.csv"
    source.write_text(
        f"Claim ID,DOS,CPT Code,Mod 1,POS,Svc Facility ZIP,Base Units,Minutes\nS1,08/04/2026,00100,52,22,{ZIP},5,30\n"
    )
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    with open(out, newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    assert row["error"] == "" and REDUCED_SERVICE_NOTE in row["note"], row
    assert REDUCED_SERVICE_FACILITY_NOTE not in row["note"]
