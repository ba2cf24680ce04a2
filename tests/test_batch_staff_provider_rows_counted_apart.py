"""A review: rows naming a technologist (RPhS, RVT) or a nurse (RN) were counted on stderr among the rows "whose
provider cell names no practitioner", with a hint how to give an NP's or PA's credential only. They are counted
apart (and as the --summary's staff_provider, unread_provider unchanged), saying the line is no Medicare
practitioner's own and what rvucalc priced it as. The oracle: CMS's RVU26C row of 99213 ("1.30" work, "1.46"
non-facility PE, "0.09" MP, CF 33.4009) x ATLANTA's 2026 GPCIs (locality 1021201: 1.003, 1.016, 1.201) = $96.71;
an NP's 85% $82.20."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app

ATLANTA = "1021201"  # ZIP 30309's carrier 10212, locality 01 (CMS's ZIP5 file)


def _fee_and_share() -> tuple[Decimal, Decimal]:
    fee = fee_2026("99213", ATLANTA)
    return fee, (fee * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP)


def test_stderr_says_what_a_technologist_s_or_nurse_s_rows_are(tmp_path: Path) -> None:
    """A review: rows naming a technologist (RPhS, RVT) or a nurse (RN) were counted on stderr among the rows "whose
    provider cell names no practitioner", with a hint how to give an NP's or PA's credential only. They are counted
    apart, saying the line is no Medicare practitioner's own and what rvucalc priced it as; the others keep their
    line. Amounts unchanged: each priced as the run's --provider (a physician's), RVU26C x ATLANTA's GPCIs."""
    fee, share = _fee_and_share()
    cells = {"LEE, KIM RPhS": fee, "ORTIZ, ANA RVT": fee, "DOE, JANE RN": fee, "LEE, KIM FACC": fee,
             "NGUYEN, LINH NP": share}  # fmt: skip
    source, out = tmp_path / "t.csv", tmp_path / "to.csv"
    source.write_text(
        "Claim ID,Rendering Provider,CPT,DOS,Units,POS,Zip Code\n"
        + "".join(f'C{n},"{cell}",99213,2026-08-03,1,11,30309\n' for n, cell in enumerate(cells))
    )
    summary = tmp_path / "summary.json"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--summary", str(summary)])
    assert result.exit_code == 0, result.output
    said = " ".join(result.stderr.split())
    assert [Decimal(row["allowed"]) for row in csv.DictReader(out.open())] == list(cells.values())
    assert "3 rows whose provider cell names a nurse, technologist, technician, athletic trainer or surgical" in said
    assert "not a Medicare practitioner's line, priced as the run's --provider (a physician's" in said
    assert "own line (billed incident to a practitioner's service, give that practitioner's credential instead" in said
    assert "1 row whose provider cell names no practitioner, priced as the run's --provider" in said
    totals = json.loads(summary.read_text())
    assert (totals["unread_provider"], totals["staff_provider"]) == (4, 3)
