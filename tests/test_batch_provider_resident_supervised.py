"""An academic practice's provider type 'Resident-Supervised' (or 'Teaching Physician'): the teaching physician's
claim, paid the full PFS amount as a physician's service (42 CFR 415.172(a), 415.174; GC or GE on the line, Claims
Processing Manual ch. 12 §100.1.1). A faculty practice trial's rows were priced as a physician's with "not read as a
practitioner" and advice on NP and PA credentials, and counted as unread on stderr and in --summary. 'Resident' alone
stays unread (a resident's own services are paid under graduate medical education: 42 CFR 415.208 for moonlighting)."""

from __future__ import annotations

import json
from decimal import Decimal

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from rvucalc.batch.lines import provider_of
from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.lookup import lines as line_rules
from rvucalc.lookup.pricer import Pricer
from test_physician_claims_at_facilities import pfs_amount

runner = CliRunner()
DATE, ZIP, BALTIMORE = "2026-08-03", "21287", "1230201"


@pytest.mark.parametrize("cell", ["Resident-Supervised", "resident supervised", "RESIDENT_SUPERVISED",
                                  "Teaching Physician"])  # fmt: skip
def test_a_resident_supervised_line_is_the_teaching_physicians(pricer: Pricer, cell: str) -> None:
    assert provider_of(cell) == "physician"
    rows = [("99233", "GC", cell, "21"), ("99213", "GE", cell, "11"), ("99233", "GC", "Resident", "21")]
    names = ("code", "modifier", "provider", "setting")
    table = pa.Table.from_pylist([{**dict(zip(names, row, strict=True)), "zip": ZIP, "date": DATE} for row in rows])
    out = BatchPricer(pricer).price_table(table).to_pylist()
    inpatient = pfs_amount(pricer, "99233", "", "facility", DATE, BALTIMORE)
    office = pfs_amount(pricer, "99213", "", "non_facility", DATE, BALTIMORE)
    assert Decimal(str(out[0]["allowed"])) == inpatient and Decimal(str(out[1]["allowed"])) == office  # 100%, no 85%
    assert Decimal(str(out[0]["pfs_facility_limiting_charge"])) == (inpatient * Decimal("1.0925")).quantize(
        Decimal("0.01")
    )
    assert not any("not read as a practitioner" in str(row["note"]) for row in out[:2])
    assert "not read as a practitioner" in str(out[2]["note"])  # 'Resident' alone: unread, priced as --provider's
    assert Decimal(str(out[2]["allowed"])) == inpatient


@pytest.mark.parametrize(("provider", "modifier"), [("np", "GC"), ("pa", "GE"), ("cns", "GC"), ("physician", "GC")])
def test_gc_or_ge_on_an_npps_own_line_says_a_teaching_physician_is_a_physician(
    pricer: Pricer, provider: str, modifier: str
) -> None:
    """42 CFR 415.152: a teaching physician is a physician; GC/GE on an NP's, PA's or CNS's line marks nothing (a
    faculty practice trial's NP line with GC read only "informational"). Price and batch alike; the NPP's 85%."""
    note = line_rules.teaching_provider_note(provider, (modifier,))
    assert (note is not None) == (provider != "physician") and (note is None or "; " not in note)
    done = runner.invoke(app, ["price", f"99213-{modifier}", "--zip", ZIP, "--date", DATE, "--setting", "11",
                               "--provider", provider, "-f", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    line = json.loads(done.stdout)
    table = pa.Table.from_pylist([{"code": "99213", "modifier": modifier, "provider": provider, "zip": ZIP,
                                   "date": DATE, "setting": "11"}])  # fmt: skip
    row = BatchPricer(pricer).price_table(table).to_pylist()[0]
    if note is not None:
        assert note in line["notes"] and note in str(row["note"])
    fee = pfs_amount(pricer, "99213", "", "non_facility", DATE, BALTIMORE)
    share = fee if provider == "physician" else (fee * Decimal("0.85")).quantize(Decimal("0.01"))
    assert Decimal(str(line["pfs"]["non_facility"]["amount"])) == share == Decimal(str(row["allowed"]))
