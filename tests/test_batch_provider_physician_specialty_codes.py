"""A Medicare Advantage plan's paid-claims export names the rendering practitioner by CMS's specialty code ('Rendering
Prov Specialty': 08 Family practice, 11 Internal medicine, 30 Diagnostic radiology, 93 Emergency medicine, 50 Nurse
practitioner, 69 Clinical laboratory; CMS's Blue Button PRVDR_SPCLTY table). Only 48, 26, 25 and 09 of the physicians'
codes were read: a 5,000-line file left 4,148 physicians' and labs' rows "not read as a practitioner", each with a
600-character note asking for "the billing practitioner's credential or CMS specialty code" the cell already was. The
physicians' codes are a physician's line (the full fee, CMS's RVU26C x GPCI x CF), the lab's a blank cell; the NP's 50
keeps 85% of the fee."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import DATA, fee_2026
from rvucalc.cli import app

DALLAS = "0441211"
EXPORT = """Claim Nbr,Line Nbr,Svc From Dt,Proc Cd,Mod 1,Units,POS,Rendering Prov Specialty,Member Zip
MA1,1,08/03/2026,99214,,1,11,08,75201
MA2,1,08/03/2026,99213,,1,11,11,75201
MA3,1,08/03/2026,71046,26,1,22,30,75201
MA4,1,08/03/2026,99284,,1,22,93,75201
MA5,1,08/03/2026,99213,,1,11,50,75201
"""


def _professional_row(code: str) -> tuple[str, ...]:
    """The code's 26 row of RVU26C."""
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1") as handle:
        return tuple(next(row for row in csv.reader(handle) if row[:2] == [code, "26"]))


def _rows(tmp_path: Path, text: str) -> tuple[int, str, list[dict[str, str]]]:
    source = tmp_path / "plan.csv"
    source.write_text(text)
    out = tmp_path / "out.csv"
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--columns",
                                    "date=Svc From Dt,claim=Claim Nbr,provider=Rendering Prov Specialty"])  # fmt: skip
    with out.open(newline="") as handle:
        return done.exit_code, done.output, list(csv.DictReader(handle))


def test_physician_specialty_codes_are_a_physician_s_line(tmp_path: Path) -> None:
    code, output, rows = _rows(tmp_path, EXPORT)
    assert code == 0, output
    assert all("not read as a practitioner" not in row["note"] for row in rows), [row["note"] for row in rows]
    assert "names no practitioner" not in output
    assert Decimal(rows[0]["allowed"]) == fee_2026("99214", DALLAS)
    assert Decimal(rows[1]["allowed"]) == fee_2026("99213", DALLAS)
    assert Decimal(rows[2]["professional_allowed"]) == fee_2026(_professional_row("71046"), DALLAS, facility=True)
    assert Decimal(rows[3]["professional_allowed"]) == fee_2026("99284", DALLAS, facility=True)
    nurse = (fee_2026("99213", DALLAS) * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert Decimal(rows[4]["allowed"]) == nurse  # the NP's 50: 85% of CMS's fee


def test_clinical_laboratory_specialty_69_is_no_practitioner(tmp_path: Path) -> None:
    code, output, rows = _rows(tmp_path, EXPORT.splitlines()[0] + "\nMA6,1,08/03/2026,80053,,1,81,69,75201\n")
    assert code == 0, output
    assert rows[0]["allowed"] and "not read as a practitioner" not in rows[0]["note"]
    refused = CliRunner().invoke(app, ["price", "80053", "--zip", "75201", "--provider", "69"])
    assert refused.exit_code == 2 and "clinical laboratory (CMS specialty 69)" in refused.output, refused.output


@pytest.mark.parametrize("cell", ["62", "A5"])
def test_other_specialty_codes_stay_unread(tmp_path: Path, cell: str) -> None:
    """62, a psychologist billing independently (not 68's clinical psychologist), and A5, a pharmacy: still said."""
    _, _, rows = _rows(tmp_path, EXPORT.splitlines()[0] + f"\nMA7,1,08/03/2026,99213,,1,11,{cell},75201\n")
    assert f"Provider {cell!r} not read as a practitioner" in rows[0]["note"]


def test_a_specialty_code_that_lost_its_zero_in_excel_is_read_as_its_code(tmp_path: Path) -> None:
    """A session 68 review: a specialty column saved through Excel wrote 08, 01 and 06 as '8', '1' and '6': each such
    row was left unread (noted, priced as --provider says) beside the '11' and '50' rows read. Where the column is
    named as the specialty, a one-digit cell is its 0-padded code: the physician's full fee, the NP's 85%; a credential
    beside them ('MD') does not change how the '8' is read."""
    lost = EXPORT.replace(",11,08,", ",11,8,").replace(",11,11,", ",11,1,").replace(",22,30,", ",22,6,")
    code, output, rows = _rows(tmp_path, lost)
    assert code == 0, output
    assert all("not read as a practitioner" not in row["note"] for row in rows), [row["note"] for row in rows]
    assert Decimal(rows[0]["allowed"]) == fee_2026("99214", DALLAS)
    assert Decimal(rows[1]["allowed"]) == fee_2026("99213", DALLAS)
    assert Decimal(rows[2]["professional_allowed"]) == fee_2026(_professional_row("71046"), DALLAS, facility=True)
    nurse = (fee_2026("99213", DALLAS) * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert Decimal(rows[4]["allowed"]) == nurse
    code, output, rows = _rows(tmp_path, lost.replace(",22,93,", ",22,MD,"))
    assert code == 0, output
    assert all("not read as a practitioner" not in row["note"] for row in rows), [row["note"] for row in rows]


def _many(tmp_path: Path, header: str, cells: list[str], *options: str) -> list[dict[str, str]]:
    """99213 at Dallas's office in 2026, one row per cell of a provider column named ``header``, each its own claim."""
    source, out = tmp_path / "many.csv", tmp_path / "many_out.csv"
    lines = "".join(f"M{n},08/03/2026,99213,11,75201,{cell}\n" for n, cell in enumerate(cells))
    source.write_text(f"Claim Nbr,Svc From Dt,Proc Cd,POS,Member Zip,{header}\n{lines}")
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--provider", "NP", "--columns",
                                    f"date=Svc From Dt,claim=Claim Nbr,provider={header}", *options])  # fmt: skip
    assert done.exit_code == 0, done.output
    with out.open(newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_zero_lost_specialty_code_is_read_alike_in_every_chunk(tmp_path: Path) -> None:
    """A session 68 review: the padding was decided on each 50,000-row chunk's cells, so '8' beside '11' was family
    practice (the physician's full fee) and '8' beside '62' in the next chunk unread, priced as --provider NP (85%).
    Read cell by cell in a specialty column, every '8' row is the physician's."""
    rows = _many(tmp_path, "Rendering Prov Specialty", ["8", "11"] * 50 + ["8", "62"] * 50, "--chunk-rows", "100")
    eights = [row for row in rows if row["Rendering Prov Specialty"] == "8"]
    assert len(eights) == 100
    assert {Decimal(row["allowed"]) for row in eights} == {fee_2026("99213", DALLAS)}
    assert not any("not read as a practitioner" in row["note"] for row in eights)


def test_one_digit_ids_in_a_column_not_named_as_the_specialty_stay_unread(tmp_path: Path) -> None:
    """A session 68 review: a 'Provider Type' column of a practice system's own numbers (1 to 9) was read as specialty
    codes 01-08, every row a physician's full fee, no note, under --provider NP. They name no specialty: each row is
    unread, noted, priced as --provider says (the NP's 85%)."""
    rows = _many(tmp_path, "Provider Type", [str(n) for n in range(1, 10)])
    nurse = (fee_2026("99213", DALLAS) * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert [Decimal(row["allowed"]) for row in rows] == [nurse] * 9
    assert all("not read as a practitioner" in row["note"] for row in rows), [row["note"] for row in rows]
