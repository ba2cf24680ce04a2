"""A trial's 37263-RT 37263-LT (ZIP 77030, office) was repriced as one bilateral procedure (the RT line $0.00, the LT
line 150%) and yet each line read "Modifier RT names the side: it does not change the amount of a line alone". On a
line the pair rule paid (engine.policy.paired_side) its side did change the amount: the note is left off there, in price
and batch alike, and kept on a side's line alone. The amounts stay CMS's (the RVU file's bilateral indicator 1:
150% of the fee schedule amount, ``_cms_fee``: CMS's RVU and GPCI files)."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.lookup.lines import SIDE_NOTES
from rvucalc.lookup.pricer import Pricer
from test_batch_provider_column import _cms_fee, _money

ZIP = "77030"
DATE = "2026-09-14"


def _price(*lines: str) -> dict:  # type: ignore[type-arg]
    done = CliRunner().invoke(app, ["price", *lines, "--zip", ZIP, "--date", DATE, "--setting", "11", "-f", "json"])
    assert done.exit_code == 0, done.output
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_the_pair_s_lines_do_not_say_their_side_changes_nothing(pricer: Pricer) -> None:
    fee = _cms_fee(pricer, "37263", ZIP, 2026)["non_facility"]
    assert pricer.store(next(r for r in pricer.catalogue.releases("pfs") if r.year == 2026)).rvu("37263")[
        "bilat_surg"] == "1"  # fmt: skip
    lines = _price("37263-RT", "37263-LT")["lines"]
    amounts = [_money(line["pfs"]["non_facility"]["amount"]) for line in lines]
    assert amounts == [Decimal("0.00"), (fee * Decimal("1.5")).quantize(Decimal("0.01"), ROUND_HALF_UP)]
    for line in lines:
        assert not SIDE_NOTES.intersection(line["notes"]), line["notes"]
    alone = _price("37263-RT")
    assert _money(alone["pfs"]["non_facility"]["amount"]) == fee
    assert "Modifier RT names the side: it does not change the amount of a line alone." in alone["notes"]


def test_batch_says_what_price_says(tmp_path: Path) -> None:
    source = tmp_path / "vascular.csv"
    rows = [("A1", "RT"), ("A1", "LT"), ("B1", "RT")]
    source.write_text("Claim,DOS,CPT Code,Mod 1,Units,POS,ZIP\n"
                      + "".join(f"{claim},{DATE},37263,{side},1,11,{ZIP}\n" for claim, side in rows))  # fmt: skip
    out = tmp_path / "out.csv"
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    right, left, alone = list(csv.DictReader(out.open()))
    single = _price("37263-RT", "37263-LT")["lines"]
    for row, line in ((right, single[0]), (left, single[1])):
        assert not SIDE_NOTES.intersection(row["note"].split("; ")), row["note"]
        assert _money(row["pfs_non_facility_amount"]) == _money(line["pfs"]["non_facility"]["amount"])
    assert "Modifier RT names the side: it does not change the amount of a line alone." in alone["note"].split("; ")
