"""`rvucalc batch --non-par` and a participation column: a non-participating practitioner's PFS lines at the non-par
amount (95%: SSA §1848(a)(3)), the patient's 20% and Medicare's share of it, expected and variance against it.

A chiropractor trial (Omaha, not participating) ran its remit through batch with --paid-is medicare: every line was
paid exactly Medicare's share of the non-par amount (98940: 80% of $24.36 = $19.49), but expected was the
participating share ($20.51), so every line showed "underpaid". Amounts here are CMS's: RVU x GPCI x CF from the RVU
and GPCI files (data/rvu, data/gpci), rounded half-up once, then 95% of it rounded once, the patient's 20% of that.
Also: a contract rate column read and written as a percentage of the row's allowed amount (an MA contracting analyst's
'Contract Rate' was "not read"), and a code no facility is paid for at an ASC (27096, the physician's code: the ASC
bills G0260) compared with the practitioner's amount, as 77003-26 beside it is (a PM&R trial).
"""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app

DATA = Path(__file__).resolve().parents[1] / "data"
CENT = Decimal("0.01")
OMAHA = "68102"  # Nebraska, locality 0540200 (statewide)


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _pfs(code: str, facility: bool = False) -> Decimal:
    """CMS's 2026 (July) PFS amount in Nebraska: (work x GPCI + PE x GPCI + MP x GPCI) x CF, rounded half-up once."""
    with (DATA / "gpci/2026/localities2026-01-01-2026.csv").open(encoding="latin-1", newline="") as handle:
        gpci = next(row for row in csv.reader(handle) if row[4] == "0540200")
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1", newline="") as handle:
        row = next(row for row in csv.reader(handle) if row[:2] == [code, ""])
    rvus = (Decimal(row[5]) * Decimal(gpci[1]) + Decimal(row[8 if facility else 6]) * Decimal(gpci[2])
            + Decimal(row[10]) * Decimal(gpci[3]))  # fmt: skip
    return _cents(rvus * Decimal(row[25]))


def _non_par(amount: Decimal) -> tuple[Decimal, Decimal, Decimal]:
    """The non-par amount (95%, rounded once), the patient's 20% of it, Medicare's share."""
    allowed = _cents(amount * Decimal("0.95"))
    patient = _cents(allowed * Decimal("0.20"))
    return allowed, patient, allowed - patient


def _run(tmp_path: Path, text: str, *args: str, out: str = "out.csv") -> tuple[list[dict[str, str]], str]:
    source = tmp_path / "in.csv"
    source.write_text(text)
    target = tmp_path / out
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(target), *args])
    assert result.exit_code == 0, result.output
    with target.open(newline="") as handle:
        return list(csv.DictReader(handle)), result.stderr


def test_a_non_par_chiropractor_s_remit_matches_medicare_s_share_of_the_non_par_amount(tmp_path: Path) -> None:
    text = "Visit ID,Date of Service,CPT,Mod1,Units,POS,Zip,Ins Paid\n"
    paid = {}
    for number, code in enumerate(("98940", "98941", "98942"), start=1):
        _, _, medicare = _non_par(_pfs(code))
        paid[code] = medicare
        text += f"N-{number},08/11/2026,{code},AT,1,11,{OMAHA},{medicare}\n"
    rows, err = _run(tmp_path, text, "--provider", "DC", "--paid-is", "medicare", "--non-par")
    for row in rows:
        allowed, patient, medicare = _non_par(_pfs(row["CPT"]))
        assert Decimal(row["pfs_non_facility_amount"]) == _pfs(row["CPT"])  # the fee schedule amount, as before
        assert (Decimal(row["allowed"]), Decimal(row["beneficiary"]), Decimal(row["medicare"])) == (
            allowed, patient, medicare,
        )  # fmt: skip
        assert Decimal(row["expected"]) == paid[row["CPT"]] and Decimal(row["variance"]) == 0
        assert (
            f"Non-participating: allowed is the non-par amount, 95% of the participating amount ${_pfs(row['CPT'])}"
            in (row["note"])
        )
    assert _non_par(_pfs("98940"))[2] == Decimal("19.49")  # the trial's remit
    assert "non-participating: PFS rows at the non-par amount (95%" in err
    # Without --non-par the same remit is "underpaid" by the 5%: the participating share is expected
    rows, _ = _run(tmp_path, text, "--provider", "DC", "--paid-is", "medicare")
    assert Decimal(rows[0]["expected"]) == _pfs("98940") - _cents(_pfs("98940") * Decimal("0.20"))


def test_a_participation_column_wins_over_the_run_s_flag_row_by_row(tmp_path: Path) -> None:
    text = ("Code,ZIP,POS,Par Status,Provider Type\n"
            f"99213,{OMAHA},11,NONPAR,\n99213,{OMAHA},11,PAR,\n99213,{OMAHA},11,,\n99213,{OMAHA},11,maybe,\n"
            f"80053,{OMAHA},11,N,\n99213,{OMAHA},11,N,NP\n")  # fmt: skip
    rows, _ = _run(tmp_path, text)
    par = _pfs("99213")
    assert Decimal(rows[0]["allowed"]) == _non_par(par)[0]
    assert [Decimal(row["allowed"]) for row in rows[1:4]] == [par] * 3  # Y, blank (no --non-par), unread
    assert "Participation not read" in rows[3]["note"]
    # a lab's CLFS amount has no non-par amount (paid on assignment only, SSA §1833(h)(5)(C))
    assert Decimal(rows[4]["allowed"]) == Decimal(rows[4]["clfs_amount"])
    assert "has no non-par amount" in rows[4]["note"]
    # an NP (who must accept assignment, SSA §1842(b)(18)) not participating: 95% of their 85%
    np_amount = _cents(par * Decimal("0.85"))
    assert Decimal(rows[5]["allowed"]) == _non_par(np_amount)[0]
    assert rows[5]["pfs_non_facility_limiting_charge"] == ""  # still no limiting charge
    # --non-par: a blank cell is the run's, a Y cell participating
    rows, _ = _run(tmp_path, text, "--non-par")
    assert Decimal(rows[1]["allowed"]) == par and Decimal(rows[2]["allowed"]) == _non_par(par)[0]


def test_at_a_hospital_only_the_physician_s_part_is_the_non_par_amount(tmp_path: Path) -> None:
    text = f"Code,ZIP,POS,Date\n99213,{OMAHA},21,2026-08-03\n99213,{OMAHA},22,2026-08-03\n"
    par_rows, _ = _run(tmp_path, text, out="par.csv")
    rows, _ = _run(tmp_path, text, "--non-par", "--sequestration")
    facility = _pfs("99213", facility=True)
    allowed, patient, medicare = _non_par(facility)
    for row in rows:
        assert (Decimal(row["professional_allowed"]), Decimal(row["professional_beneficiary"])) == (allowed, patient)
        # Medicare's share after the 2% sequestration, taken of the non-par share
        assert Decimal(row["professional_medicare"]) == medicare - _cents(medicare * Decimal("0.02"))
    assert Decimal(rows[0]["allowed"]) == allowed
    # the office amounts are the non-par amount's too; the hospital's part of hopd_allowed stays
    assert Decimal(rows[1]["office_allowed"]) == _non_par(_pfs("99213"))[0]
    if par_rows[1]["hopd_allowed"]:
        assert Decimal(par_rows[1]["hopd_allowed"]) - Decimal(rows[1]["hopd_allowed"]) == facility - allowed


@pytest.mark.parametrize("suffix", ["csv", "xlsx", "parquet", "json"])
def test_a_contract_rate_column_is_written_as_a_percentage_of_allowed(tmp_path: Path, suffix: str) -> None:
    text = f"Code,Modifier,ZIP,POS,Contract Rate\n99213,,{OMAHA},11,100.00\n99213,,{OMAHA},,100.00\n"
    source = tmp_path / "in.csv"
    source.write_text(text)
    target = tmp_path / f"out.{suffix}"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "Contract Rate is read as the line's contract rate" in result.stderr
    assert "not read" not in result.stderr.split("Contract Rate")[1].split("\n")[0]
    values: list[Any]
    if suffix == "csv":
        with target.open(newline="") as handle:
            values = [row["contract_percent_of_medicare"] for row in csv.DictReader(handle)]
    elif suffix == "json":
        values = [row["contract_percent_of_medicare"] for row in json.loads(target.read_text())]
    elif suffix == "parquet":
        import pyarrow.parquet as pq

        values = pq.read_table(target).column("contract_percent_of_medicare").to_pylist()
    else:
        import openpyxl

        sheet = openpyxl.load_workbook(target).worksheets[0]
        header = [cell.value for cell in sheet[1]]
        at = header.index("contract_percent_of_medicare")
        values = [row[at] for row in sheet.iter_rows(min_row=2, values_only=True)]
    expected = (Decimal(10000) / _pfs("99213")).quantize(CENT, rounding=ROUND_HALF_UP)
    assert Decimal(str(values[0])) == expected  # 100.00 / allowed x 100
    assert values[1] in ("", None)  # no setting: no allowed amount


def test_a_code_no_asc_is_paid_for_is_the_practitioner_s_line_at_pos_24(tmp_path: Path) -> None:
    text = ("Encounter ID,DOS,CPT Code,Modifier 1,Units,POS,Service Location ZIP,Paid Amount\n"
            "E1007,10/20/2025,27096,50,1,24,15213,117.68\nE1008,10/20/2025,77003,26,1,24,15213,26.60\n")  # fmt: skip
    rows, err = _run(tmp_path, text)
    for row in rows:
        assert row["expected"] == row["professional_allowed"] and row["expected"]
        assert "Paid amount compared with professional_allowed" in row["note"]
    assert "27096, on neither ASC list" in rows[0]["note"]
    assert "2 rows at a hospital or ASC on a practitioner's own claim" in err


def test_a_non_par_np_s_note_names_the_np_s_amount_as_the_participating_one(tmp_path: Path) -> None:
    """A non-participating NP's 99213 (CMS's 2025 payment file PFAL25A, Alabama 10112/00): allowed is 95% of the NP's
    85% of the published amount, and the note names that 85% amount as the participating amount, never as "the PFS
    amount" (it said "95% of the PFS amount $69.58" beside pfs_non_facility_amount $69.58, the NP's amount, while the
    fee schedule amount CMS publishes is $81.86)."""
    from conftest import TEST_DATA
    from test_cms_payment_files import payment_rows

    [fee] = [row for row in payment_rows(TEST_DATA / "pfs_payment_files" / "PFAL25A_excerpt.TXT")
             if row["hcpcs"] == "99213" and not row["modifier"]]  # fmt: skip
    text = "Code,ZIP,POS,Date,Provider\n99213,35203,11,2025-03-03,NP\n99213,35203,21,2025-03-03,NP\n"
    (office, inpatient), _ = _run(tmp_path, text, "--non-par")
    for row, setting in ((office, "non_facility"), (inpatient, "facility")):
        np_amount = _cents(Decimal(fee[setting]) * Decimal("0.85"))
        assert Decimal(row[f"pfs_{setting}_amount"]) == np_amount
        assert Decimal(row["allowed"]) == _cents(np_amount * Decimal("0.95")), row
        assert (
            f"95% of the participating amount ${np_amount} (what this line is allowed for a participating"
            in (row["note"])
        ), row["note"]
        assert "95% of the PFS amount" not in row["note"]
        # one note, its citation in it (batch joins a row's notes with "; ": it left "SSA §1848(a)(3))" alone)
        said = next(part for part in row["note"].split("; ") if part.startswith("Non-participating"))
        assert "under SSA §1848(a)(3)" in said, row["note"]
