"""A certified nurse-midwife's line (an OB/GYN trial: a `Credential` of CNM on 59410 at POS 21 in ZIP 31701 was priced
as a physician's line, $992.05 with a limiting charge of $1,083.81 and an "unread provider" note; `--provider cnm` and
`--provider 42` were refused). A CNM is paid 100% of the PFS amount a physician would be paid (42 CFR 414.54(b), from
2011) and only on assignment (Medicare Benefit Policy Manual ch. 15 §180.A; Claims Processing Manual ch. 1 §30.3.1):
the full fee, no limiting charge."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from rvucalc.batch.lines import provider_of
from rvucalc.batch.price import BatchPricer, Scenario
from rvucalc.cli import app
from rvucalc.errors import RvucalcError
from rvucalc.lookup.lines import CNM_ASSIGNMENT_NOTE, PROVIDERS
from rvucalc.lookup.pricer import Pricer
from test_batch_provider_column import _cms_fee, _money

# 'Advanced Practice Midwife': NUCC's name of taxonomy 367A00000X (CMS's crosswalk: specialty 42), a gynecology
# practice's 'Taxonomy' column's (unread before, priced with a physician's limiting charge)
CELLS = ["CNM", "cnm", "C.N.M.", "Certified Nurse Midwife", "Certified Nurse-Midwife", "Nurse-Midwife",
         "Nurse Midwife", "42", "APRN-CNM", "SMITH, JO CNM", "Jo Smith, CNM", "Advanced Practice Midwife",
         "367A00000X"]  # fmt: skip


@pytest.mark.parametrize("cell", CELLS)
def test_a_nurse_midwife_cell_is_read_as_a_cnm(cell: str) -> None:
    assert provider_of(cell) == "cnm"


def test_the_trial_s_59410_cnm_row_is_cms_s_full_fee_without_a_limiting_charge(tmp_path: Path, pricer: Pricer) -> None:
    source = tmp_path / "obgyn.csv"
    rows = "".join(f'59410,21,31701,07/16/2026,"{cell}"\n' for cell in CELLS)
    source.write_text("CPT,POS,ZIP,Date of Service,Credential\n" + rows + "59410,21,31701,07/16/2026,MD\n")
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--summary", "-"])
    assert result.exit_code == 0, result.output
    assert "names no practitioner" not in result.stderr
    assert json.loads(result.stdout)["unread_provider"] == 0
    fee = _cms_fee(pricer, "59410", "31701", 2026)["facility"]
    *midwives, physician = list(csv.DictReader(out.open()))
    assert _money(physician["pfs_facility_limiting_charge"]) is not None  # a physician may bill non-assigned
    for row in midwives:
        assert _money(row["pfs_facility_amount"]) == fee == _money(physician["pfs_facility_amount"]), row
        assert row["pfs_facility_limiting_charge"] == "" and row["pfs_non_facility_limiting_charge"] == "", row
        assert CNM_ASSIGNMENT_NOTE in row["note"], row
        assert "not read" not in row["note"] and not row["error"], row


@pytest.mark.parametrize("word", ["cnm", "CNM", "42", "Nurse-Midwife"])
def test_price_takes_a_nurse_midwife_provider(word: str, pricer: Pricer) -> None:
    done = CliRunner().invoke(app, ["price", "59410", "--zip", "31701", "--date", "07/16/2026", "--setting",
                                    "21", "--provider", word, "-f", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    result = json.loads(done.stdout)
    facility = result["pfs"]["facility"]
    assert _money(facility["amount"]) == _cms_fee(pricer, "59410", "31701", 2026)["facility"]
    assert facility["limiting_charge"] is None
    assert CNM_ASSIGNMENT_NOTE in result["notes"]


def test_each_practitioner_s_line_in_one_batch_is_the_single_lookup_s(pricer: Pricer) -> None:
    """A cell's key packs its practitioner's position in PROVIDERS (batch.lines.PROVIDER_BITS, widened for the ninth,
    cnm): every practitioner's line in one table keeps its own amount and limiting charge, as ``--provider`` says."""
    codes = ["99213", "59410", "98941-AT", "97802"]
    table = pa.table({
        "code": [code for code in codes for _ in PROVIDERS], "zip": ["31701"] * len(codes) * len(PROVIDERS),
        "date": ["2026-07-16"] * len(codes) * len(PROVIDERS), "provider": list(PROVIDERS) * len(codes),
    })  # fmt: skip
    rows = BatchPricer(pricer, Scenario.parse()).price_table(table).to_pylist()
    for row, (code, provider) in zip(rows, [(c, p) for c in codes for p in PROVIDERS], strict=True):
        try:
            single = pricer.price(code, zip_code="31701", date_of_service="2026-07-16", provider=provider)
        except RvucalcError:
            assert row["error"], (code, provider, row)
            continue
        for setting in ("non_facility", "facility"):
            amount = getattr(single.pfs, setting)
            expected = (None, None) if amount is None else (amount.amount, amount.limiting_charge)
            assert (_money(row[f"pfs_{setting}_amount"]), _money(row[f"pfs_{setting}_limiting_charge"])) == expected, (
                code, provider, setting, row)  # fmt: skip


def test_cells_of_every_code_modifier_and_practitioner_are_their_own() -> None:
    """The widened key (batch.lines.PROVIDER_BITS): each (code, modifier, practitioner) pair, asked twice, finds one
    cell of its own that keeps its code, modifiers and practitioner: no practitioner's bits spill into a modifier's."""
    import numpy as np

    from rvucalc.batch.lines import CodeCells

    codes, modifiers = ["99213", "59410", "98941"], ["", "25", "AT", "GP-59"]
    pairs = np.arange(len(codes) * len(modifiers) * len(PROVIDERS), dtype=np.int64)
    cells = CodeCells()
    numbers = cells.find(codes, modifiers, pairs)
    assert len(set(numbers.tolist())) == len(pairs)
    assert (cells.find(codes, modifiers, pairs[::-1]) == numbers[::-1]).all()
    for pair, number in zip(pairs.tolist(), numbers.tolist(), strict=True):
        cell = cells.parsed[number]
        provider, text = PROVIDERS[pair % len(PROVIDERS)], pair // len(PROVIDERS)
        assert cell.provider == provider and cell.text == codes[text // len(modifiers)], cell
        assert cell.modifier_text == modifiers[text % len(modifiers)], cell
