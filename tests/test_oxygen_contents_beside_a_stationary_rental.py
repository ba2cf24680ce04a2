"""Oxygen contents (E0441-E0444, E0447) beside a rented stationary oxygen system (E0424, E0439, E1390, E1391 billed RR)
on one claim and date: the rental's monthly payment includes the contents, stationary and portable (42 CFR 414.226;
Noridian JD DME, "Oxygen and Oxygen Equipment"). A DME supplier trial's rural Montana claim, E1390-RR, E0431-RR and
E0443 x 4, priced E0443 at MT's rural fee with no word. The contents line is noted, in price and batch alike, its
amount CMS's DMEPOS26_JAN fee as billed; contents beside a portable system alone (the patient owns the concentrator)
or on another date are not noted."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from conftest import run_batch_rows
from rvucalc.engine.oxygen_contents import contents_note

DMEPOS_FILE = Path(__file__).parent.parent / "data" / "dmepos" / "2026" / "DMEPOS26_JAN.xlsx"
RURAL_MT, DATE = "59301", "2026-01-12"  # Miles City, MT


def _mt_rural_fee(code: str, modifiers: tuple[str, ...]) -> Decimal:
    """CMS's DMEPOS26_JAN rural MT fee of the code's row with these modifiers (Mod, Mod2)."""
    import openpyxl

    rows = list(openpyxl.load_workbook(DMEPOS_FILE, read_only=True).worksheets[0].iter_rows(values_only=True))
    header = next(n for n, row in enumerate(rows) if row[0] == "HCPCS")
    names = rows[header]
    found: list[dict[str, Any]] = [dict(zip(names, row, strict=True)) for row in rows[header + 1 :] if row[0] == code]
    [row] = [row for row in found if {row["Mod"], row["Mod2"]} - {None, ""} == set(modifiers)]
    return Decimal(str(row["MT (R)"])).quantize(Decimal("0.01"))


def test_price_notes_the_contents_beside_the_concentrator_rental(pricer: Any) -> None:
    result = pricer.price_encounter(["E1390-RR", "E0431-RR", "E0443"], units=[1, 1, 4], zip_code=RURAL_MT,
                                    rural=True, date_of_service=DATE)  # fmt: skip
    concentrator, portable, contents = result.lines
    note = contents_note("E0443", ["E1390-RR"])
    assert note in contents.notes and note not in concentrator.notes and note not in portable.notes
    assert contents.dmepos.amount == _mt_rural_fee("E0443", ())  # one unit's fee, as billed
    owned = pricer.price_encounter(["E0431-RR", "E0443"], zip_code=RURAL_MT, rural=True, date_of_service=DATE)
    assert not any("oxygen contents" in note for line in owned.lines for note in line.notes)


def test_batch_notes_them_as_price_on_the_claim_and_date(pricer: Any, tmp_path: Path) -> None:
    rows = [
        {"Claim ID": claim, "HCPCS": code, "Mod1": modifier, "Units": units, "DOS From": day, "Patient Zip": RURAL_MT,
         "Rural": "Y", "POS": "12"}
        for claim, code, modifier, units, day in (
            ("BIL26-0002", "E1390", "RR", "1", "01/12/2026"), ("BIL26-0002", "E0431", "RR", "1", "01/12/2026"),
            ("BIL26-0002", "E0443", "", "4", "01/12/2026"), ("BIL26-0102", "E0443", "", "1", "02/12/2026"),
            ("BIL26-0103", "E0431", "RR", "1", "02/12/2026"), ("BIL26-0103", "E0443", "", "1", "02/12/2026"),
        )
    ]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    note = contents_note("E0443", ["E1390-RR"])
    said = [note in row["note"].split("; ") for row in out]
    assert said == [False, False, True, False, False, False], said
    assert Decimal(out[0]["allowed"]) == _mt_rural_fee("E1390", ("RR",))
    assert Decimal(out[2]["allowed"]) == _mt_rural_fee("E0443", ()) * 4
    single = pricer.price_encounter(["E1390-RR", "E0431-RR", "E0443"], units=[1, 1, 4], zip_code=RURAL_MT,
                                    rural=True, date_of_service=DATE)  # fmt: skip
    assert [line.notes.count(note) for line in single.lines] == [int(s) for s in said[:3]]
