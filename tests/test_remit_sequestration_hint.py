"""A remit's paid column is Medicare's payment after the 2% sequestration (CARC 253; in force in 2025 and 2026:
payment-rules.md section 1), which rvucalc takes off only with --sequestration. An endocrinology trial's `Primary
Paid` of 99214 at ZIP 85016 (January 2026), $104.16, CMS's fee's Medicare share $106.29 less 2%, was counted
"paid less than expected" with no word of why. With --paid-is medicare and no --sequestration, stderr now says how many
of the rows paid less were paid exactly their Medicare share less 2%, and to rerun with --sequestration; with it, they
are paid as expected and nothing is said."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer
from test_batch_provider_column import _cms_fee

HINT = (
    "Medicare share less 2%, the sequestration reduction a remit shows as CARC 253: if so, rerun with --sequestration"
)
CENT = Decimal("0.01")


def _medicare_less_2(pricer: Pricer, code: str) -> tuple[Decimal, Decimal]:
    """CMS's office fee's Medicare share (80%, the patient's 20% rounded once) and it less 2% (rounded once)."""
    fee = _cms_fee(pricer, code, "85016", 2026)["non_facility"]
    medicare = fee - (fee * Decimal("0.20")).quantize(CENT, rounding=ROUND_HALF_UP)
    return medicare, medicare - (medicare * Decimal("0.02")).quantize(CENT, rounding=ROUND_HALF_UP)


def _run(tmp_path: Path, rows: list[tuple[str, Decimal]], *extra: str) -> tuple[str, list[dict[str, str]], int]:
    source = tmp_path / "remit.csv"
    source.write_text("CPT Code,DOS,POS,Units,Svc Loc Zip,Primary Paid\n"
                      + "".join(f"{code},01/13/2026,11,1,85016,{paid}\n" for code, paid in rows))  # fmt: skip
    out = tmp_path / "out.csv"
    summary = tmp_path / "summary.json"
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--paid-is", "medicare", "--summary",
                                    str(summary), *extra])  # fmt: skip
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(out.open()))
    return done.output, rows, json.loads(summary.read_text())["underpaid"]["paid_sequestered"]


def test_rows_paid_their_medicare_share_less_2_percent_are_named_and_the_rerun_pays_them(
    tmp_path: Path, pricer: Pricer
) -> None:
    medicare, sequestered = _medicare_less_2(pricer, "99214")
    assert (medicare, sequestered) == (Decimal("106.29"), Decimal("104.16"))  # the trial's figures, from CMS's files
    other, _ = _medicare_less_2(pricer, "99213")
    output, rows, counted = _run(tmp_path, [("99214", sequestered), ("99213", other - Decimal("1.00"))])
    assert counted == 1  # --summary's underpaid.paid_sequestered: the count -q leaves nowhere else
    assert [Decimal(row["variance"]) for row in rows] == [sequestered - medicare, Decimal("-1.00")]
    assert f"1 of those rows was paid exactly its {HINT}" in output
    output, rows, counted = _run(tmp_path, [("99214", sequestered)], "--sequestration")
    assert Decimal(rows[0]["variance"]) == 0 and HINT not in output and counted == 0


def test_no_word_when_no_row_is_paid_its_share_less_2_percent(tmp_path: Path, pricer: Pricer) -> None:
    medicare, _ = _medicare_less_2(pricer, "99214")
    output, rows, counted = _run(tmp_path, [("99214", medicare - Decimal("5.00"))])
    assert Decimal(rows[0]["variance"]) == Decimal("-5.00") and HINT not in output and counted == 0
