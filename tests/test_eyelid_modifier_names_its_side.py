"""An eyelid modifier with the other side's LT or RT. HCPCS's descriptors: E1 "Upper left, eyelid", E2 "Lower left,
eyelid", E3 "Upper right, eyelid", E4 "Lower right, eyelid". An optometry trial's punctal plug line 68761-E1-RT (the
upper left punctum, and the right side) was priced as one plug with no word, where a finger's F7-LT is refused. Now
it is refused as a conflict naming the lid's side, in price and batch alike; E1 or E2 with LT, E3 or E4 with RT
(redundant, not contradictory) and the lids alone are priced at CMS's fee schedule amount."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app
from rvucalc.engine import modifiers as mod
from rvucalc.errors import UsageError

ZIP, DATE, LOCALITY = "85016", "2026-09-14", "0310200"  # PHOENIX, AZ; RVU26C in force

CONFLICTS = [("E1", "RT", "Upper left"), ("E2", "RT", "Lower left"), ("E3", "LT", "Upper right"),
             ("E4", "LT", "Lower right")]  # fmt: skip


@pytest.mark.parametrize(("lid", "side", "words"), CONFLICTS)
def test_an_eyelid_with_the_other_side_is_refused(lid: str, side: str, words: str) -> None:
    with pytest.raises(UsageError, match=f'{lid} is "{words}, eyelid"'):
        mod.check_combination([lid, side])
    with pytest.raises(UsageError, match=f"bill {lid} without LT or RT"):
        mod.check_combination([side, lid, "51"])


def test_an_eyelid_with_its_own_side_or_alone_is_accepted() -> None:
    for modifiers in (["E1", "LT"], ["E2", "LT"], ["E3", "RT"], ["E4", "RT"], ["E1"], ["E4", "79"]):
        mod.check_combination(modifiers)


def test_price_refuses_68761_e1_rt_and_prices_68761_e1_lt() -> None:
    refused = CliRunner().invoke(app, ["price", "68761-E1-RT", "--zip", ZIP, "--date", DATE])
    assert refused.exit_code == 2, refused.output
    assert "Modifiers E1 and RT conflict" in refused.stderr and "Traceback" not in refused.output
    priced = CliRunner().invoke(app, ["price", "68761-E1-LT", "--zip", ZIP, "--date", DATE, "-f", "json"])
    assert priced.exit_code == 0, priced.output
    amount = json.loads(priced.stdout)["pfs"]["non_facility"]["amount"]
    assert Decimal(str(amount)).quantize(Decimal("0.01")) == fee_2026("68761", LOCALITY)


def test_batch_gives_the_line_the_same_error(tmp_path: Path) -> None:
    source = tmp_path / "plugs.csv"
    source.write_text(
        "Claim ID,Date of Service,CPT Code,Mod 1,Mod 2,Units,POS,Service Facility ZIP\n"
        f"P1,09/14/2026,68761,E4,LT,1,11,{ZIP}\n"
        f"P2,09/14/2026,68761,E2,LT,1,11,{ZIP}\n"
    )
    result = CliRunner().invoke(app, ["batch", str(source), "-o", "-", "-q"])
    wrong, right = csv.DictReader(io.StringIO(result.stdout))
    assert wrong["error_kind"] == "bad_modifier", wrong
    assert 'E4 is "Lower right, eyelid"' in wrong["error"] and wrong["allowed"] == "", wrong
    assert right["error"] == "" and right["pfs_non_facility_amount"] == f"{fee_2026('68761', LOCALITY)}", right
