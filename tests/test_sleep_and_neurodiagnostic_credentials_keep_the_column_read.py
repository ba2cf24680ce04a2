"""A sleep medicine and neurodiagnostics group's eClinicalWorks-style export names its physicians with their sleep and
clinical neurophysiology boards after the license ('OLSON, ERIK MD, FACNS', 'BERG, LISA DO, D,ABSM'), its NP with the
behavioral sleep medicine certification ('HANSEN, KARI APRN, CNP, CBSM'), and on a technical row the EEG or nerve
conduction technologist ('JONES, AMY R. EEG T.', 'R.NCS.T.', 'CNIM'). Each left the whole 'Provider' column unread,
so the NP's 99204 at POS 11 in ZIP 55455 (2026-08-03) was priced at a physician's 100%, not the NP's 85%.

The boards and fellowships name no practitioner type (lookup.credentials.NOT_PRACTITIONER_TYPES): the license beside
them is read. ASET's "Utilization of Professional Credentials" lists the neurodiagnostic technologists' credentials
(R. EEG T., R. EP T., R.NCS.T., CNCT, CNIM, CLTM, CMEG, CCSH): a technologist's, billed by the IDTF, practice or
hospital (42 CFR 410.33), as RPSGT is (lookup.credentials.DIAGNOSTIC_TECHNOLOGISTS). Amounts are CMS's own fee
(RVU26C x the 2026 GPCIs x the CF)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import DATA, fee_2026
from rvucalc.cli import app
from rvucalc.lookup.credentials import credentials_after_names, not_a_practitioner_reason, provider_of

MINNESOTA = "0620200"  # ZIP 55455's locality (CMS's ZIP5 file)
NAMES = ["OLSON, ERIK MD", "HANSEN, KARI APRN, CNP", "IDTF - NORTH SLEEP LAB"]


def _fee(code: str, modifier: str = "") -> Decimal:
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1") as handle:
        return fee_2026(next(row for row in csv.reader(handle) if row[:2] == [code, modifier]), MINNESOTA)


@pytest.mark.parametrize(
    ("cell", "provider"),
    [("OLSON, ERIK MD, FACNS", "physician"), ("BERG, LISA DO, D,ABSM", "physician"),
     ("BERG, LISA DO, D, ABSM", "physician"), ("BERG, LISA DO, DABSM", "physician"),
     ("BERG, LISA DO, FAASM, DABSM", "physician"), ("OLSON, ERIK MD, DABEM", "physician"),
     ("HANSEN, KARI APRN, CNP, CBSM", "np"), ("HANSEN, KARI APRN, CNP, DBSM", "np"),
     ("LUND, PER PhD, LP, CBSM", "psychologist")],
)  # fmt: skip
def test_a_sleep_or_neurophysiology_board_after_the_license_is_the_license_s(cell: str, provider: str) -> None:
    assert provider_of(cell) == provider
    assert credentials_after_names([*NAMES, cell])


@pytest.mark.parametrize("technologist", ["JONES, AMY R. EEG T.", "JONES, AMY R.EEG.T.", "JONES, AMY R. EP T.",
                                          "JONES, AMY R.NCS.T.", "JONES, AMY R. NCS T.", "JONES, AMY CNIM",
                                          "JONES, AMY CLTM", "JONES, AMY CNCT", "JONES, AMY CCSH",
                                          "JONES, AMY R. EEG T., CLTM", "R. EEG T.", "CNIM"])  # fmt: skip
def test_a_neurodiagnostic_technologist_s_cell_keeps_a_column_of_names_read(technologist: str) -> None:
    assert credentials_after_names([*NAMES, technologist])
    assert "diagnostic technologist's credential" in (not_a_practitioner_reason(technologist) or "")


def test_the_np_beside_sleep_boards_is_paid_85_percent(tmp_path: Path) -> None:
    source, out = tmp_path / "ecw.csv", tmp_path / "out.csv"
    rows = [("95811", "26", "11", "OLSON, ERIK MD, FACNS"), ("95810", "26", "11", "BERG, LISA DO, D,ABSM"),
            ("99204", "", "11", "HANSEN, KARI APRN, CNP, CBSM"), ("95816", "TC", "11", "JONES, AMY R. EEG T."),
            ("95810", "", "49", "IDTF - NORTH SLEEP LAB")]  # fmt: skip
    source.write_text(
        "Visit ID,DOS,CPT Code,Mod1,Mod2,Qty,POS,Provider,Patient Zip,Billed,Paid\n"
        + "".join(f'{100 + n},20260803,{code},{mod},,1,{pos},"{who}",55455,100.00,\n'
                  for n, (code, mod, pos, who) in enumerate(rows))
    )  # fmt: skip
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "provider ← Provider" in result.stderr, result.stderr
    md_row, do_row, np_row, tech_row, idtf_row = list(csv.DictReader(out.open()))
    assert Decimal(md_row["allowed"]) == _fee("95811", "26")
    assert Decimal(do_row["allowed"]) == _fee("95810", "26")
    visit = _fee("99204") * Decimal("0.85")
    assert Decimal(np_row["allowed"]) == visit.quantize(Decimal("0.01"), ROUND_HALF_UP), np_row
    assert Decimal(tech_row["allowed"]) == _fee("95816", "TC")  # the practice's TC, in full
    assert "diagnostic technologist's credential" in tech_row["note"], tech_row
    assert Decimal(idtf_row["allowed"]) == _fee("95810")


def test_price_reads_the_sleep_board_after_the_np_s_license() -> None:
    result = CliRunner().invoke(
        app, ["price", "99204", "--zip", "55455", "--date", "2026-08-03", "--provider", "HANSEN, KARI APRN, CNP, CBSM"]
    )
    assert result.exit_code == 0, result.output
    assert "85%" in result.stdout, result.stdout
