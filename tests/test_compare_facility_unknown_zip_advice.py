"""An ASC or OPPS compare by a ZIP not in CMS's ZIP5 file was told "Price by --locality instead", the PFS's advice,
where a locality gives the ASC and OPPS no CBSA and so national rates (a review's `rvucalc compare 66984 --what asc
--from 2025 --to 2026 --zip 00000`). It is told to give a ZIP in the file, its CBSA's wage index adjusting the rates,
and that without one the rates are national; the PFS compare keeps its advice."""

from __future__ import annotations

from typing import Any

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.errors import ErrorKind, NotFoundError
from rvucalc.lookup.compare import compare

ARGS = ["compare", "66984", "--from", "2025", "--to", "2026", "--zip", "00000"]


def test_an_asc_compare_s_unknown_zip_is_not_sent_to_a_locality(pricer: Any) -> None:
    done = CliRunner().invoke(app, [*ARGS, "--what", "asc"])
    assert done.exit_code == 1, done.output
    said = " ".join(done.stderr.split())
    assert "ZIP 00000 is not in CMS's ZIP5 file" in said
    assert "--locality instead" not in said
    assert "Give a ZIP in that file: its CBSA's wage index adjusts hospital outpatient and ASC rates." in said
    assert "Without --zip (or with --locality, which gives no CBSA) the rates are national." in said
    # the API's words: parameter names, the same kind
    with pytest.raises(NotFoundError) as raised:
        compare(pricer, ["66984"], from_="2025-01", to="2025-10", what="asc", zip_code="00000")
    assert raised.value.kind == ErrorKind.UNKNOWN_ZIP
    assert "Without zip_code (or with locality" in str(raised.value)


def test_a_pfs_compare_s_unknown_zip_keeps_the_locality_advice() -> None:
    done = CliRunner().invoke(app, ARGS)
    assert done.exit_code == 1, done.output
    assert "Price by --locality instead" in " ".join(done.stderr.split())
