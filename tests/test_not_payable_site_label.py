"""`price --setting 20` names the place of service asked for in its not-payable message: an urgent care trial read
"office: No PFS payment ..." for S9083 at POS 20 (an office-rate place, but not the office it asked about)."""

from __future__ import annotations

from typer.testing import CliRunner

from rvucalc.cli import app


def _stderr(*args: str) -> tuple[int, str]:
    done = CliRunner().invoke(app, ["price", *args, "--zip", "30303", "--date", "2026-08-03"])
    return done.exit_code, " ".join(done.stderr.split())


def test_a_place_of_service_is_named_as_asked() -> None:
    code, said = _stderr("S9083", "--setting", "20")
    assert code == 1
    assert "is not payable here. POS 20 (Urgent care facility): No PFS payment: status I" in said, said
    assert "office:" not in said
    # the same place by its words (engine.place_of_service.resolve_site), and the office by its own name
    assert "POS 20 (Urgent care facility): No PFS payment" in _stderr("S9083", "--setting", "Urgent Care")[1]
    code, said = _stderr("S9083", "--setting", "office")
    assert code == 1 and "is not payable here. office: No PFS payment: status I" in said, said


def test_a_facility_place_of_service_is_named_as_asked() -> None:
    code, said = _stderr("66984", "--setting", "22")
    assert code == 0
    assert "no facility fee priced here (POS 22 (On campus-outpatient hospital): OPPS CY2026 rates" in said
