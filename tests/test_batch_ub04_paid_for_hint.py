"""A UB-04 remit (its site from a type-of-bill column, TOB 0131 / 0831) with a paid column: a trial was told "if the
paid column is a physician's remittance, use --paid-for professional", though a UB-04 is the hospital's or ASC's own
claim, whose remittance README checks with --paid-for facility. The run's note now says --paid-for facility there (the
default comparison, the site's whole allowed amount, is unchanged); a file whose site is a place of service keeps the
professional hint. Without --paid-for such rows are now compared with the facility's payment
(tests/test_batch_paid_for_by_line.py): the note is said where --paid-for site is given."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.batch.price import PAID_AT_FACILITY_NOTE
from rvucalc.cli import app

UB04 = """Patient Control Number,Type of Bill,Statement From,Rev Code,HCPCS,Mod 1,Units,Service Facility ZIP,Allowed Amt
PCN77,0131,10/20/2025,0510,G0463,25,1,33136,126.68
PCN77,0131,10/20/2025,0761,97597,,1,33136,195.33
PCN80,0831,10/22/2025,0360,15271,,1,33136,1798.17
"""
NAMED = ["--columns", "date=Statement From,claim=Patient Control Number"]


def _run(tmp_path: Path, text: str, *extra: str) -> tuple[str, list[str]]:
    source = tmp_path / "remit.csv"
    source.write_text(text)
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv"), "--summary",
                                      str(tmp_path / "summary.json"), *extra])  # fmt: skip
    assert result.exit_code == 0, result.output
    return result.stderr, json.loads((tmp_path / "summary.json").read_text())["notes"]


def test_a_type_of_bill_remit_is_told_to_use_paid_for_facility(tmp_path: Path) -> None:
    stderr, notes = _run(tmp_path, UB04, *NAMED, "--paid-for", "site")
    assert "--paid-for professional" not in stderr and "use --paid-for facility" in stderr
    (said,) = [note for note in notes if "--paid-for" in note]
    assert "The site comes from 'Type of Bill', a UB-04's type of bill" in said and said != PAID_AT_FACILITY_NOTE


def test_with_paid_for_facility_nothing_is_suggested(tmp_path: Path) -> None:
    stderr, notes = _run(tmp_path, UB04, *NAMED, "--paid-for", "facility")
    assert "use --paid-for" not in stderr and not [note for note in notes if "use --paid-for" in note]


def test_a_place_of_service_file_keeps_the_professional_hint(tmp_path: Path) -> None:
    """A physician's file at the hospital (POS 22) with a paid column: the paid column may be the physician's remit."""
    text = "Claim ID,POS,DOS,HCPCS,Units,ZIP,Allowed Amt\nC1,22,10/20/2025,97597,1,33136,36.59\n"
    stderr, notes = _run(tmp_path, text)
    assert PAID_AT_FACILITY_NOTE in notes and "use --paid-for professional" in stderr
