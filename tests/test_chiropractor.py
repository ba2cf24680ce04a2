"""A chiropractor's lines (a podiatry/chiropractic billing service's trial).

A provider column's DC was read as a physician's, so a chiropractor's E/M visit, X-ray and therapy were priced as
covered, in the totals. Medicare covers a chiropractor's manual manipulation of the spine to correct a subluxation
only (Social Security Act §1861(r)(5); Medicare Benefit Policy Manual ch. 15 §240.1.1: "No other diagnostic or
therapeutic service furnished by a chiropractor or under the chiropractor's order is covered"), and that only as active
treatment, with AT: 98940-98942 without AT are maintenance therapy, which MACs deny (BPM ch. 15 §240.1.3; MLN Matters
SE1602). 98942-GA was priced at Medicare $40.18 beside a note that MACs deny it. Single lookups and batch alike; the
amounts paid are CMS's (the shipped RVU, GPCI and CF files, rounded once).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pytest
from typer.testing import CliRunner

from rvucalc.batch.lines import PROVIDER_BITS, CodeCells, provider_of
from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.errors import ErrorKind, RvucalcError
from rvucalc.lookup.lines import PROVIDERS

ZIP, DATE = "30328", "2026-07-13"


def _cms_fee(pricer: Any, code: str, setting: str = "non_facility") -> Decimal:
    """The PFS amount from CMS's own RVUs, GPCIs and CF (the shipped files), rounded once half-up."""
    modifier = "AT" if code.startswith("9894") else None  # AT changes no amount (informational)
    pfs = pricer.price(code, modifier=modifier, zip_code=ZIP, date_of_service=DATE).pfs
    row, gpci, cf = pfs.rvu, pfs.gpci, pfs.conversion_factor
    assert row is not None and gpci is not None and cf is not None
    pe = row.pe_non_facility if setting == "non_facility" else row.pe_facility
    fee = (Fraction(row.work) * Fraction(gpci.work) + Fraction(pe) * Fraction(gpci.pe)
           + Fraction(row.mp) * Fraction(gpci.mp)) * Fraction(cf)  # fmt: skip
    return (Decimal(fee.numerator) / Decimal(fee.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _money(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value)).quantize(Decimal("0.01"))


@pytest.mark.parametrize(("cell", "provider"), [("DC", "chiropractor"), ("D.C.", "chiropractor"),
                                                ("Chiropractor", "chiropractor"), ("35", "chiropractor"),
                                                ("SMITH, JOHN DC", "chiropractor"), ("Podiatrist", "physician"),
                                                ("48", "physician"), ("DPM", "physician")])  # fmt: skip
def test_provider_cells_of_chiropractors_and_podiatrists(cell: str, provider: str) -> None:
    assert provider_of(cell) == provider


def test_a_chiropractor_s_other_lines_are_denied_and_manipulation_is_a_physician_s(pricer: Any) -> None:
    """The trial's claim: 99203, 72100, 98940-AT, 97140-GP by DC. Only 98940-AT is paid, at 100% of CMS's amount."""
    rows = [{"claim": "C1", "code": code, "modifier": modifier, "zip": ZIP, "date": DATE, "setting": "11",
             "units": units, "provider": "DC"}
            for code, modifier, units in (("99203", "", "1"), ("72100", "", "1"), ("98940", "AT", "1"),
                                          ("97140", "GP", "2"))]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for row, priced in zip(rows, out, strict=True):
        if row["code"] == "98940":
            assert not priced["error"], priced["error"]
            fee = _cms_fee(pricer, "98940")
            assert _money(priced["pfs_non_facility_amount"]) == fee == _money(priced["allowed"])
            assert _money(priced["medicare"]) == fee - (fee * Decimal("0.2")).quantize(Decimal("0.01"), ROUND_HALF_UP)
            single = pricer.price("98940", modifier="AT", zip_code=ZIP, date_of_service=DATE, provider="chiropractor")
            assert single.pfs.non_facility.amount == fee and single.pfs.non_facility.limiting_charge is not None
            continue
        assert priced["error_kind"] == ErrorKind.DENIED.value, row
        assert "§1861(r)(5)" in priced["error"] and "240.1.1" in priced["error"], priced["error"]
        assert priced["allowed"] is None and priced["medicare"] is None, row
        with pytest.raises(RvucalcError) as caught:
            pricer.price(row["code"], modifier=row["modifier"] or None, zip_code=ZIP, date_of_service=DATE,
                         provider="chiropractor")  # fmt: skip
        assert caught.value.kind is ErrorKind.DENIED and str(caught.value) == priced["error"]
        # a physician's line of the code is priced as before (CMS's amount)
        assert pricer.price(row["code"], zip_code=ZIP, date_of_service=DATE).pfs.non_facility.payable


@pytest.mark.parametrize(("code", "modifier"), [("98940", ""), ("98941", "GA"), ("98942", "GA"), ("98942", "GZ"),
                                                ("98941", "GP")])  # fmt: skip
def test_manipulation_without_at_is_denied_in_price_and_batch(pricer: Any, code: str, modifier: str) -> None:
    """`rvucalc price 98942-GA` showed Medicare $40.18; MACs deny the line as maintenance therapy (SE1602)."""
    for provider in ("physician", "chiropractor"):
        rows = [{"code": code, "modifier": modifier, "zip": ZIP, "date": DATE, "setting": "11", "provider": provider}]
        [priced] = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
        assert priced["error_kind"] == ErrorKind.DENIED.value and priced["medicare"] is None, priced
        with pytest.raises(RvucalcError) as caught:
            pricer.price(code, modifier=modifier or None, zip_code=ZIP, date_of_service=DATE, provider=provider)
        assert caught.value.kind is ErrorKind.DENIED and str(caught.value) == priced["error"]
        assert "without AT" in priced["error"] and "240.1.3" in priced["error"]
        if modifier == "GA":
            assert "patient is liable" in priced["error"]


def test_with_at_and_other_codes_are_unchanged(pricer: Any) -> None:
    rows = [{"code": code, "modifier": modifier, "zip": ZIP, "date": DATE, "setting": "11"}
            for code, modifier in (("98941", "AT"), ("98943", ""), ("97140", "GP"))]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert not any(priced["error"] for priced in out)
    assert _money(out[0]["pfs_non_facility_amount"]) == _cms_fee(pricer, "98941")
    assert out[1]["allowed"] is None and "status N" in out[1]["note"]  # not payable, as before
    assert _money(out[2]["pfs_non_facility_amount"]) == _cms_fee(pricer, "97140")


def test_the_eighth_practitioner_has_a_cell_of_its_own() -> None:
    """Batch keeps a cell's practitioner in PROVIDER_BITS bits (4, since the 9th, cnm): the 8th (chiropractor) and the
    9th fit, each cell is not another's, and each keeps its practitioner."""
    assert PROVIDERS[7] == "chiropractor" and len(PROVIDERS) <= 1 << PROVIDER_BITS
    cells = CodeCells()
    numbers = cells.find(["99213"], [""], np.array(list(range(len(PROVIDERS))), dtype=np.int64))
    assert len(set(numbers.tolist())) == len(PROVIDERS)
    assert [cells.parsed[number].provider for number in numbers.tolist()] == list(PROVIDERS)
    assert [cells.parsed[n].provider for n in numbers.tolist()] == list(PROVIDERS)
    assert cells.parsed[int(numbers[7])].error and not cells.parsed[int(numbers[0])].error


def test_a_podiatrist_cell_is_read_as_a_physician_s(pricer: Any) -> None:
    rows = [{"code": "11721", "zip": ZIP, "date": DATE, "setting": "11", "provider": cell}
            for cell in ("Podiatrist", "48", "")]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    fee = _cms_fee(pricer, "11721")
    for priced in out:
        assert _money(priced["pfs_non_facility_amount"]) == fee
        assert "not read" not in (priced["note"] or ""), priced["note"]


@pytest.mark.parametrize(("word", "full"), [("dc", None), ("DPM", True), ("md", True), ("do", True),
                                            ("PA-C", False), ("Chiropractor", None)])  # fmt: skip
def test_provider_option_takes_the_provider_column_s_words(tmp_path: Path, word: str, full: bool | None) -> None:
    """`rvucalc price 99213 --provider dc` was refused ("choose physician, np, pa, cns, crna") where the batch column
    took DC, DPM, MD."""
    result = CliRunner().invoke(app, ["price", "99213", "--provider", word, "--zip", ZIP, "--date", DATE, "-f", "json"])
    if full is None:  # a chiropractor's E/M: denied
        assert result.exit_code != 0 and "chiropractor" in result.output and "choose" not in result.output
    else:
        assert result.exit_code == 0, result.output
        assert ("85%" in result.output) is not full
    source = tmp_path / "lines.csv"
    source.write_text(f"code,zip,date\n99213,{ZIP},{DATE}\n")
    result = CliRunner().invoke(app, ["batch", str(source), "--provider", word, "-f", "json", "-q"])
    assert result.exit_code == (1 if full is None else 0), result.output  # 1: a row with an error, as GY's
    assert ('"error_kind": "denied"' in result.stdout) is (full is None)
    result = CliRunner().invoke(app, ["price", "99213", "--provider", "rn", "--zip", ZIP])
    # a word naming no practitioner is refused with its own reason (a nurse bills under no number of their own)
    assert result.exit_code == 2 and "'rn'" in result.output and "nurse" in result.output, result.output
    result = CliRunner().invoke(app, ["price", "99213", "--provider", "xyz", "--zip", ZIP])
    assert result.exit_code == 2 and "'xyz'" in result.output and "chiropractor" in result.output, result.output
