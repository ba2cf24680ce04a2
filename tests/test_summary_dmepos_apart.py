"""``--summary``: a DME supplier's line (E0601-RR, the DMEPOS fee schedule's) is no professional (PFS) service: it is
paid by the DME MAC, not on the physician's claim (Medicare Benefit Policy Manual ch. 15 §110). The professional
totals held it unsaid; its amounts are now the summary's ``dmepos`` totals and each claim's ``dmepos_*``, a part of
``professional`` (every line's professional_allowed, as `rvucalc price`'s professional_payment: the PFS visit, the lab
test billed with it, the DME item), said apart. The stderr summary says the same amounts as the JSON."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from conftest import summary_rejoined
from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer
from test_batch_provider_column import _cms_fee

DATE = "2026-03-02"


def _dollars(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


def test_dme_lines_have_their_own_totals_within_the_professional_claims(pricer: Pricer, tmp_path: Path) -> None:
    visit = _cms_fee(pricer, "99213", "10001", 2026)["non_facility"]  # CMS's RVU and GPCI files
    dmepos = pricer.store(next(r for r in pricer.catalogue.releases("dmepos") if r.release == "2026-01"))
    [rental] = [item for item in dmepos.dmepos("E0601", "NY") if (item["mod"], item["mod2"]) == ("RR", "")]
    cpap = _dollars(rental["fees"]["NY"][0])  # the January 2026 DMEPOS file's non-rural NY fee
    clfs = pricer.store(next(r for r in pricer.catalogue.releases("clfs") if r.release == "2026-01"))
    lab = _dollars(next(row["rate_cents"] for row in clfs.clfs("80053") if row["modifier"] == ""))
    source = tmp_path / "claims.csv"
    source.write_text("claim,code,modifier,zip,date,setting\n"
                      f"A,99213,,10001,{DATE},11\nA,E0601,RR,10001,{DATE},11\nA,80053,,10001,{DATE},11\n"
                      f"B,E0601,RR,10001,{DATE},12\n")  # fmt: skip
    summary = tmp_path / "summary.json"
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv"), "--summary", str(summary)])
    assert done.exit_code == 0, done.output
    doc = json.loads(summary.read_text())
    totals = {name: {k: v if k == "lines" else Decimal(v) for k, v in bucket.items()}
              for name, bucket in doc["totals"].items()}  # fmt: skip
    everything = visit + lab + 2 * cpap
    assert (totals["all"]["lines"], totals["all"]["allowed"]) == (4, everything)  # the site totals: every line
    assert (totals["professional"]["lines"], totals["professional"]["allowed"]) == (4, everything)  # as price's
    assert (totals["dmepos"]["lines"], totals["dmepos"]["allowed"]) == (2, 2 * cpap)  # the DME items', said apart
    assert totals["dmepos"]["beneficiary"] + totals["dmepos"]["medicare"] == 2 * cpap
    a, b = doc["claims"]["A"], doc["claims"]["B"]
    assert (a["professional_lines"], Decimal(a["professional_allowed"])) == (3, visit + lab + cpap)
    assert (a["dmepos_lines"], Decimal(a["dmepos_allowed"])) == (1, cpap)
    assert (b["dmepos_lines"], Decimal(b["dmepos_allowed"]), Decimal(b["allowed"])) == (1, cpap, cpap)
    # the encounter as `rvucalc price` totals it: its professional_payment holds the DME line too
    encounter = pricer.price_encounter(["99213", "E0601-RR", "80053"], zip_code="10001", date_of_service=DATE,
                                       setting="11")  # fmt: skip
    assert encounter.totals["office"].professional_payment == Decimal(a["professional_allowed"])
    # stderr: the same amounts as the JSON
    said = " ".join(summary_rejoined(done.stderr).split())
    dme = totals["dmepos"]
    assert f"4 rows priced in their setting: allowed ${everything:,}," in said
    assert (f"; of them DME supplier claims (DMEPOS items the DME MAC pays: JURIS D and PEN, no PFS service): 2 rows, "
            f"allowed ${dme['allowed']:,}, patient ${dme['beneficiary']:,}, "
            f"Medicare ${dme['medicare']:,}") in said  # fmt: skip
