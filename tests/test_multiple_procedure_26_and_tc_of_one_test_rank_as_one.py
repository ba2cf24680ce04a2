"""A diagnostic test's two components on two lines of one encounter (CODE-26 and CODE-TC, PC/TC indicator 1) are one
service, not two procedures for the multiple surgery rule (engine.policy.COMPONENT_PARTS): a urology trial's
51729-TC and 51729-26 at POS 11 in ZIP 43215 cut the 26 line to 50% as the second of two procedures ($61.49 where its
fee is $122.97), the claim paying less than 51729 on one line. Each amount is CMS's own fee (RVU26C x the 2026 GPCIs
x the CF); price and batch agree."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from cms_fees import DATA, fee_2026
from rvucalc.cli import app

OHIO = "1520200"  # ZIP 43215's locality (CMS's ZIP5 file)


def _row(code: str, modifier: str) -> list[str]:
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1") as handle:
        return next(row for row in csv.reader(handle) if row[:2] == [code, modifier])


def _half(amount: Decimal) -> Decimal:
    return (amount / 2).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_the_26_and_tc_lines_of_51729_are_paid_in_full_and_rank_as_one_procedure(tmp_path: Path) -> None:
    tc, pc = fee_2026(_row("51729", "TC"), OHIO), fee_2026(_row("51729", "26"), OHIO)
    uroflow = fee_2026(_row("51741", ""), OHIO)
    assert tc + pc == fee_2026(_row("51729", ""), OHIO)  # the two components are the global service
    source = tmp_path / "athena.csv"
    source.write_text(
        "Claim ID,Service Date,Procedure Code,Modifier 1,Units,POS\n"
        "100132,08/07/2026,51729,TC,1,11\n"
        "100132,08/07/2026,51729,26,1,11\n"
        "100132,08/07/2026,51741,,1,11\n"
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "--zip", "43215", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open()))
    assert [Decimal(row["allowed"]) for row in rows] == [tc, pc, _half(uroflow)], rows
    assert "ranked" not in rows[1]["note"], rows[1]
    priced = CliRunner().invoke(
        app, ["price", "51729-TC", "51729-26", "51741", "--setting", "11", "--zip", "43215", "--date", "2026-08-07",
              "--format", "json"],
    )  # fmt: skip
    assert priced.exit_code == 0, priced.output
    lines = json.loads(priced.stdout)["lines"]
    assert [Decimal(str(line["sites"][0]["allowed"])) for line in lines] == [tc, pc, _half(uroflow)]


def test_one_component_beside_another_procedure_is_still_ranked(tmp_path: Path) -> None:
    source = tmp_path / "athena.csv"
    source.write_text(
        "Claim ID,Service Date,Procedure Code,Modifier 1,Units,POS\n"
        "100133,08/07/2026,51729,26,1,11\n"
        "100133,08/07/2026,51728,26,1,11\n"
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "--zip", "43215", "-o", str(out)])
    assert result.exit_code == 0, result.output
    first, second = list(csv.DictReader(out.open()))
    assert Decimal(first["allowed"]) == fee_2026(_row("51729", "26"), OHIO), first
    assert Decimal(second["allowed"]) == _half(fee_2026(_row("51728", "26"), OHIO)), second
