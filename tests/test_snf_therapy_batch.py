"""Batch with no provider column (a trial's clinic export, `--columns zip='Clinic Zip'`): its POS 31 rows 92507-GN-KX
and 92526-GN-KX had no SNF note where the single lookup's line has it: GP, GO or GN (or a therapy code) at POS 31 is
therapy whoever bills it (engine.therapists.snf_therapy_note). The amounts are CMS's (``_cms_fee``), unchanged."""

from __future__ import annotations

import csv
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.therapists import NURSING_FACILITY_THERAPY_NOTE, SNF_THERAPY_NOTE
from rvucalc.lookup.pricer import Pricer
from test_batch_provider_column import _cms_fee, _money

# One therapy line a claim: the therapy multiple procedure reduction (its second line's PE) is not what is tested.
ROWS = [("A1014", "92507", "GN", "KX", "31", "97301"), ("A1016", "92526", "GN", "KX", "31", "97301"),
        ("A1015", "92507", "GN", "", "32", "97205"), ("A1018", "92553", "", "", "31", "97301")]  # fmt: skip


def test_a_clinic_export_s_therapy_rows_at_a_snf_are_noted(tmp_path: Path, pricer: Pricer) -> None:
    source = tmp_path / "clinic_export.csv"
    body = "".join(f"{claim},11/12/2026,{code},{mod},{mod2},1,{pos},{zip_code}\n"
                   for claim, code, mod, mod2, pos, zip_code in ROWS)  # fmt: skip
    source.write_text("Acct #,DOS,CPT,Mod,Mod 2,Units,POS,Clinic Zip\n" + body)
    out = tmp_path / "out.csv"
    done = CliRunner().invoke(app, ["batch", str(source), "--columns", "zip=Clinic Zip", "-o", str(out)])
    assert done.exit_code in (0, 1), done.output
    slp_31, swallow_31, slp_32, audiometry_31 = list(csv.DictReader(out.open()))
    for row, code in ((slp_31, "92507"), (swallow_31, "92526")):
        assert SNF_THERAPY_NOTE in row["note"], row
        assert _money(row["allowed"]) == _cms_fee(pricer, code, "97301", 2026)["facility"], row
    assert NURSING_FACILITY_THERAPY_NOTE in slp_32["note"] and SNF_THERAPY_NOTE not in slp_32["note"]
    assert SNF_THERAPY_NOTE not in audiometry_31["note"]  # not a therapy line
