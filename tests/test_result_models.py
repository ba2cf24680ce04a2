"""Result models are keyword-only dataclasses with the pydantic-style methods scripts use, and the
single lookup's process never imports pydantic (issue 14: the cold lookup within 1.6x the import floor)."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.models import Adjustment, PriceResult, SettingAmount, Site


def test_models_are_keyword_only_dataclasses_with_pydantic_style_methods() -> None:
    site = Site.model_construct(setting="office", payable=True, total=Decimal("107.63"))
    assert dataclasses.is_dataclass(site)
    assert list(Site.model_fields)[:3] == ["setting", "payable", "facility_payment"]
    assert site.allowed is None and site.sequestration_applied is False
    doubled = site.model_copy(update={"total": Decimal("215.26")})
    assert (doubled.total, site.total) == (Decimal("215.26"), Decimal("107.63"))
    with pytest.raises(TypeError):
        Site("office", True)  # type: ignore[misc]  # keyword-only: positional construction is refused
    with pytest.raises(TypeError):
        Site.model_construct(setting="office", payable=True, totl=Decimal(1))  # a misspelt key is an error


def test_list_defaults_are_not_shared_between_results() -> None:
    first = SettingAmount.model_construct(payable=True)
    second = SettingAmount.model_construct(payable=True)
    first.adjustments.append(
        Adjustment.model_construct(rule="r", percentage=Decimal(50), amount_before=Decimal(2), amount_after=Decimal(1))
    )
    assert second.adjustments == []


def test_model_dump_json_is_the_cli_json() -> None:
    from rvucalc import price

    result = price("22590", zip_code="10001")
    assert isinstance(result, PriceResult)
    shown = CliRunner().invoke(app, ["price", "22590", "--zip", "10001", "--format", "json"])
    assert shown.exit_code == 0, shown.output
    assert json.loads(result.model_dump_json()) == json.loads(shown.stdout)
    assert json.loads(result.model_dump_json(indent=None)) == json.loads(shown.stdout)
    compact = result.model_dump(mode="json", exclude_none=True)
    assert "dmepos" not in compact and compact["pfs"]["facility"]["amount"] == float(result.pfs.facility.amount)
    deep = result.model_copy(deep=True)
    deep.notes.append("changed")
    assert "changed" not in result.notes
    dumped = result.model_dump()
    assert dumped["pfs"]["facility"]["amount"] == result.pfs.facility.amount  # Python values kept (Decimal)
    assert isinstance(dumped["pfs"]["facility"]["amount"], Decimal)


def test_single_lookup_process_does_not_import_pydantic() -> None:
    # pydantic's model machinery was a fifth of a cold lookup; typer 0.29 imports it for every option.
    code = (
        "import sys, io, contextlib\n"
        "sys.argv = ['rvucalc', 'price', '22590', '--zip', '10001', '--format', 'json']\n"
        "from rvucalc.cli import main\n"
        "out = io.StringIO()\n"
        "try:\n"
        "    with contextlib.redirect_stdout(out):\n"
        "        main()\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "assert '\"22590\"' in out.getvalue()\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] in ('pydantic', 'pandas', 'pyarrow')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
