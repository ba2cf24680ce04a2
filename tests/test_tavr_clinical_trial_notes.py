"""Transcatheter aortic valve replacement (33361-33366) is covered under coverage with evidence development (NCD
20.32): its claim carries Q0, the secondary diagnosis Z00.6 and the registry's clinical trial number, else Medicare
returns it as unprocessable (MLN Matters MM8255, Claims Processing Manual ch. 32 §290). A cardiothoracic trial:
`rvucalc price 33361-62 --zip 77030 --setting 21` said nothing of Q0, and 33361-62-Q0 only "Modifier Q0 is
informational". Now both say what the claim needs, in price and batch alike; the amounts stay CMS's co-surgeon share
(62.5%) of the fee schedule amount, recomputed here from CMS's own rows (RVU26C, HOUSTON 0441218)."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026, rvu_2026_row
from rvucalc.batch.lines import UNPROCESSABLE_NOTE
from rvucalc.cli import app
from rvucalc.engine.modifiers import TAVR_Q0_NOTE, TAVR_WITHOUT_Q0_NOTE
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _batch, _money

ZIP, DATE, LOCALITY = "77030", "2026-09-15", "0441218"  # HOUSTON, TX; RVU26C in force
DATA = Path(__file__).resolve().parents[1] / "data"


def _cms_facility_62(code: str) -> Decimal:
    """62.5% of the code's facility fee schedule amount at HOUSTON from CMS's own rows, each rounded once half-up."""
    row = rvu_2026_row(code)
    assert (row[2].startswith(("Replace aortic valve", "Trcath replace aortic valve")), row[14], row[21]) == (
        True, "000", "2")  # fmt: skip
    fee = fee_2026(row, LOCALITY, facility=True)
    return (fee * Decimal("0.625")).quantize(Decimal("0.01"), ROUND_HALF_UP)


@pytest.mark.parametrize("code", ["33361", "33366"])
def test_a_tavr_line_says_what_its_claim_needs_with_or_without_q0(pricer: Pricer, code: str) -> None:
    without = TAVR_WITHOUT_Q0_NOTE.format(code=code)
    with_q0 = TAVR_Q0_NOTE.format(code=code)
    for note in (without, with_q0):
        assert "; " not in note and "Z00.6" in note and "MM8255" in note
    bare = pricer.price(f"{code}-62", zip_code=ZIP, date_of_service=DATE, setting="21")
    marked = pricer.price(f"{code}-62-Q0", zip_code=ZIP, date_of_service=DATE, setting="21")
    assert without in bare.notes and with_q0 not in bare.notes
    assert with_q0 in marked.notes and without not in marked.notes
    assert not any("Modifier Q0 is informational" in note for note in marked.notes)
    place = {"zip": ZIP, "date": DATE, "setting": "21"}
    rows = _batch(
        pricer, [{"claim": "T1", "code": f"{code}-62", **place}, {"claim": "T2", "code": f"{code}-62-Q0", **place}]
    )
    assert without in rows[0]["note"].split("; ") and with_q0 in rows[1]["note"].split("; ")
    expected = _cms_facility_62(code)
    assert bare.pfs.facility.amount == marked.pfs.facility.amount == expected
    assert _money(rows[0]["pfs_facility_amount"]) == _money(rows[1]["pfs_facility_amount"]) == expected


def test_other_codes_keep_q0_informational(pricer: Pricer) -> None:
    line = pricer.price("33405-Q0", zip_code=ZIP, date_of_service=DATE, setting="21")
    assert any("Modifier Q0 is informational" in note for note in line.notes)
    assert not any("NCD 20.32" in note for note in line.notes)
    assert not any("NCD 20.32" in note for note in pricer.price("33405", zip_code=ZIP, date_of_service=DATE,
                                                                setting="21").notes)  # fmt: skip


def test_batch_counts_the_tavr_line_without_q0_as_unprocessable_not_the_one_with_it(tmp_path: Path) -> None:
    assert UNPROCESSABLE_NOTE in TAVR_WITHOUT_Q0_NOTE and UNPROCESSABLE_NOTE not in TAVR_Q0_NOTE
    source, target, summary = tmp_path / "tavr.csv", tmp_path / "priced.csv", tmp_path / "summary.json"
    lines = [("T1", "33361-62"), ("T2", "33361-62-Q0"), ("T3", "33405")]
    source.write_text("claim,code,zip,date,setting\n" + "".join(f"{c},{code},{ZIP},{DATE},21\n" for c, code in lines))
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(target), "--summary", str(summary)])
    assert result.exit_code == 0, result.output
    said = json.loads(summary.read_text())
    assert said["unprocessable"] == 1
    assert {claim: entry["unprocessable"] for claim, entry in said["claims"].items()} == {"T1": 1, "T2": 0, "T3": 0}
    assert "1 row Medicare returns as unprocessable" in " ".join(result.stderr.split())
    assert "a TAVR line without Q0, MM8255" in " ".join(result.stderr.split())
