"""A column of names with a credential left unread for a few cells says which cells kept it unread
(batch.columns.unread_practitioner_notices): a post-acute trial's 'Provider Name' was said "not read ... if its cells
name the practitioner with their credential", its cells doing so but for 'NOWAK ANNA', and its NPs' lines were priced
at a physician's 100% without a word of which cell was the cause."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app

HEADER = "Encounter ID,DOS,CPT,Units,POS,Provider Name,Billed\n"


def _stderr(tmp_path: Path, names: list[str], *options: str) -> str:
    source = tmp_path / "snf.csv"
    source.write_text(HEADER + "".join(f'E{i},2025-11-18,99309,1,32,"{name}",190.00\n' for i, name in enumerate(names)))
    done = CliRunner().invoke(app, ["batch", str(source), "--zip", "44106", "-o", str(tmp_path / "out.csv"), *options])
    assert done.exit_code == 0, done.output
    return done.stderr


def test_the_cell_without_a_credential_is_named(tmp_path: Path) -> None:
    stderr = _stderr(tmp_path, ["PATEL, RAVI MD", "SMITH, JANE AGNP-C", "NOWAK ANNA"])
    assert "provider ←" not in stderr
    assert "'Provider Name' is not read for 'NOWAK ANNA', which names no practitioner" in stderr
    assert "--columns provider='Provider Name'" in stderr


def test_nothing_is_named_where_the_column_is_read_or_holds_no_credential(tmp_path: Path) -> None:
    for names, options in ((["PATEL, RAVI MD", "SMITH, JANE AGNP-C"], ()), (["NOWAK ANNA", "DOE JO"], ()),
                           (["PATEL, RAVI MD", "NOWAK ANNA"], ("--columns", "provider=Provider Name"))):  # fmt: skip
        assert "is not read for" not in _stderr(tmp_path, names, *options), names
