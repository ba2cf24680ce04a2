"""A wound care trial's physician remit (`batch --paid-for professional`, POS 19) read "POS 19: the hospital's claim for
an off-campus department carries PO ... or PN ..." on every physician line: news to none of them, a practitioner's own
claim carrying neither (Claims Processing Manual ch. 4 §20.6.11: PO and PN are reported "for all outpatient hospital
items and services" on the hospital's claim). With --paid-for professional (batch; price with --percent-of-medicare)
every line is the practitioner's own claim's, as a 26 line is: the note is not said. Where the hospital's claim is
priced (--paid-for site, the default, or facility) it is, as before. Amounts are unchanged (CMS's PFS facility amount,
``_cms_fee``: CMS's RVU and GPCI files)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.place_of_service import OFF_CAMPUS_WITHOUT_MODIFIER
from rvucalc.lookup.pricer import Pricer
from test_batch_provider_column import _cms_fee, _money

ZIP = "30342"
DATE = "2025-10-14"


def _said(notes: list[str]) -> bool:
    return any(note.startswith(OFF_CAMPUS_WITHOUT_MODIFIER) for note in notes)


@pytest.mark.parametrize(("paid_for", "said"), [("professional", False), ("site", True), ("facility", True)])
def test_price_and_batch_say_it_where_the_hospital_s_claim_is_priced(paid_for: str, said: bool, tmp_path: Path,
                                                                   pricer: Pricer) -> None:  # fmt: skip
    done = CliRunner().invoke(app, ["price", "20610", "--zip", ZIP, "--date", DATE, "--setting", "19",
                                    "--percent-of-medicare", "100", "--paid-for", paid_for, "-f", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    single = json.loads(done.stdout)
    assert _said(single["notes"]) is said
    fee = _cms_fee(pricer, "20610", ZIP, 2025)["facility"]
    assert _money(single["pfs"]["facility"]["amount"]) == fee
    source = tmp_path / "remit.csv"
    source.write_text(f"Claim,DOS,CPT Code,Units,POS,ZIP\nA1,{DATE},20610,1,19,{ZIP}\nA2,{DATE},20610,1,11,{ZIP}\n")
    out = tmp_path / "out.csv"
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--paid-for", paid_for])
    assert done.exit_code == 0, done.output
    hospital, office = list(csv.DictReader(out.open()))
    assert _said(hospital["note"].split("; ")) is said, hospital["note"]
    assert not _said(office["note"].split("; "))
    assert _money(hospital["pfs_facility_amount"]) == fee
    assert _money(hospital["opps_rate"]) == _money(single["opps"]["rate"])  # the hospital's rate still priced
