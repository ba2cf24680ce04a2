"""Status T's meaning (``engine.meanings.STATUS``): CMS's RVU file documentation heads it "T = Injections", but the
status's codes in RVU25A and RVU26C are mostly no injections (pulse oximetry 94760/94761, blood draws from a venous
device, high-risk glaucoma screening). A pulmonology trial's `rvucalc price 94760 --zip 30309 --date 2025-03-01` read
"Status T: Injection: paid only if ...": the meaning now leads with the rule and names CMS's heading as a heading. The
amount is CMS's: (0.00 x 1.000 + 0.10 x 0.997 + 0.01 x 1.128) x 32.3465 = $3.59 at ATLANTA (RVU25A), unchanged."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from rvucalc.engine.meanings import STATUS
from rvucalc.lookup.pricer import Pricer

DATA = Path(__file__).resolve().parents[1] / "data"


def _cms_status(code: str) -> str:
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1") as handle:
        return next(r for r in csv.reader(handle) if r[:2] == [code, ""])[3]


def test_pulse_oximetry_is_status_t_and_not_called_an_injection(pricer: Pricer) -> None:
    assert _cms_status("94760") == "T" and _cms_status("94761") == "T"
    pfs = pricer.price("94760", zip_code="30309", date_of_service="2025-03-01").pfs
    assert pfs.status == "T" and pfs.status_meaning == STATUS["T"]
    assert not pfs.status_meaning.startswith("Injection"), pfs.status_meaning
    assert "the same day by the same provider" in pfs.status_meaning and '"Injections"' in pfs.status_meaning
    assert pfs.non_facility.amount == Decimal("3.59")
