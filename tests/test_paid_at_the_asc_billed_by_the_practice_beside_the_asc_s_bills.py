"""An interventional pain practice's NextGen-style export holds its surgeons' POS 24 claims (billing provider the
practice) and its ASC's own claims (billing provider the ASC) under separate encounter numbers. Without --paid-for the
surgeon's lines were compared with the site's whole (the ASC's payment in it) and his claim read "underpaid" by the
ASC's payment when paid his fee to the cent. A Medicare ASC bills its own claim with POS 24, the MAC telling its lines
from the surgeon's by the billing provider (Claims Processing Manual ch. 14 §50, ch. 26 §10.7): beside the ASC's own
rows, a row billed by the practice is the practitioner's claim, compared with professional_allowed (RVU26C's facility
fee in ARIZONA, 64635-LT as the bilateral pair's 150%), while the ASC's rows stay compared with its payment (July 2026
Addendum AA x the CY2026 ASC wage index of CBSA 38060, half labor-related). Without the ASC's rows in the file the
practice's rows are compared with the whole, as before."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.batch.price import PAID_BY_PRACTICE_NOTE, medicare_share_note
from rvucalc.cli import app
from test_facility_lines_of_several_units import _addendum_aa_rate, _rounded

runner = CliRunner()
HEADER = (
    "Encounter #,From DOS,Proc Code,Modifier 1,Units,Place of Svc,Rendering,Billing Provider,Facility Zip,Ins Paid\n"
)
PHOENIX_WAGE_INDEX = Fraction("1.0117")  # CY2026 ASC wage index (WI26), CBSA 38060 Phoenix-Mesa-Chandler, AZ
CENT = Decimal("0.01")


def _medicare(amount: Decimal) -> Decimal:
    """Medicare's share, 80% (the patient's 20% coinsurance rounded half-up, as batch splits it)."""
    return amount - (amount * Decimal("0.2")).quantize(CENT, ROUND_HALF_UP)


def _run(tmp_path: Path, text: str) -> tuple[list[dict[str, str]], dict]:
    source, target, summary = tmp_path / "in.csv", tmp_path / "out.csv", tmp_path / "s.json"
    source.write_text(text)
    result = runner.invoke(
        app, ["batch", str(source), "-o", str(target), "--summary", str(summary), "--paid-is", "medicare"]
    )
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(target.open())), json.loads(summary.read_text())


def test_the_practice_s_asc_lines_beside_the_asc_s_own_bill_are_its_surgeon_s_claim(tmp_path: Path) -> None:
    surgeon = (fee_2026("64635", "0310200", facility=True) * Decimal("1.5")).quantize(CENT, ROUND_HALF_UP)
    asc = _rounded(_addendum_aa_rate("64635") * (PHOENIX_WAGE_INDEX / 2 + Fraction(1, 2)))
    practice = '100201,08/11/2026,64635,{side},1,24,"GARCIA, LUIS MD",SOUTHWEST PAIN & SPINE PLLC,85251,{paid}\n'
    bill = '100202,08/11/2026,64635,{side},1,24,"GARCIA, LUIS MD",DESERT SPINE ASC,85251,{paid}\n'
    second = _rounded(Fraction(str(asc)) / 2)  # the discounted side: 50% of the adjusted rate in cents
    text = (
        HEADER
        + practice.format(side="RT", paid="0.00")
        + practice.format(side="LT", paid=_medicare(surgeon))
        + bill.format(side="RT", paid=_medicare(second))
        + bill.format(side="LT", paid=_medicare(asc))
    )
    rows, summary = _run(tmp_path, text)
    assert [Decimal(row["variance"]) for row in rows] == [0, 0, 0, 0], [row["expected"] for row in rows]
    assert Decimal(rows[1]["expected"]) == _medicare(surgeon)
    assert medicare_share_note(PAID_BY_PRACTICE_NOTE) in rows[1]["note"]
    assert summary["paid_for_by_line"] == {"professional": 2, "facility": 2}
    assert not summary["underpaid_by_claim"] or not summary["underpaid_by_claim"].get("claims")

    alone, _ = _run(tmp_path, HEADER + practice.format(side="LT", paid=_medicare(surgeon)))
    one_side = fee_2026("64635", "0310200", facility=True)  # LT alone: no bilateral pair
    assert Decimal(alone[0]["expected"]) == _medicare(one_side + asc)  # the whole, as before: no ASC's rows here
    assert medicare_share_note(PAID_BY_PRACTICE_NOTE) not in alone[0]["note"]


def test_the_practice_s_rows_in_a_chunk_before_the_asc_s_own_are_its_surgeon_s_claim(tmp_path: Path) -> None:
    """The practice's POS 24 rows are the practitioner's claim in every chunk: a review's 100 rows of the surgeon's
    64483 (billed by the practice) before the ASC's own row ('SURGERY CENTER OF SCOTTSDALE') were, with --chunk-rows
    100, compared with the site's whole in the first chunk (the ASC's payment in it, 99 claims read "underpaid" by
    $390.68 each) and with professional_allowed in the second, as in one chunk."""
    surgeon = fee_2026("64483", "0310200", facility=True)  # RVU26C's facility fee in ARIZONA: $97.72
    asc = _rounded(_addendum_aa_rate("64483") * (PHOENIX_WAGE_INDEX / 2 + Fraction(1, 2)))  # $485.51 x 1.00585
    practice = '{claim},08/11/2026,64483,,1,24,"GARCIA, LUIS MD",SOUTHWEST PAIN & SPINE PLLC,85251,{paid}\n'
    rows = [practice.format(claim=100000 + n, paid=_medicare(surgeon)) for n in range(100)]
    bill = f'200000,08/11/2026,64483,,1,24,"GARCIA, LUIS MD",SURGERY CENTER OF SCOTTSDALE,85251,{_medicare(asc)}\n'
    source, summary_path = tmp_path / "in.csv", tmp_path / "s.json"
    source.write_text(HEADER + "".join(rows) + bill)
    for chunk_rows in ("100", "50000"):
        target = tmp_path / f"out{chunk_rows}.csv"
        result = runner.invoke(app, ["batch", str(source), "-o", str(target), "--summary", str(summary_path),
                                     "--paid-is", "medicare", "--chunk-rows", chunk_rows])  # fmt: skip
        assert result.exit_code == 0, result.output
        priced = list(csv.DictReader(target.open()))
        assert [Decimal(row["expected"]) for row in priced] == [_medicare(surgeon)] * 100 + [_medicare(asc)], chunk_rows
        assert all(Decimal(row["variance"]) == 0 for row in priced), chunk_rows
        summary = json.loads(summary_path.read_text())
        assert summary["paid_for_by_line"] == {"professional": 100, "facility": 1}, chunk_rows
