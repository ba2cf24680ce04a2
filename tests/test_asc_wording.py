"""ASC wording (money unchanged). A code Addendum EE lists (excluded from payment in ASCs) and no other installed
schedule lists was refused as "not in the fee schedule" (C9784 in 2026: no 2026 OPPS file installed, the PFS does not
list it): it is on CMS's ASC tables, and its line says why the ASC is not paid. A bilateral code refused with 50 at
the ASC points to its two sides' lines (Claims Processing Manual ch. 14 §40.5: a bilateral procedure is two
procedures at the ASC). Price and batch alike."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer

runner = CliRunner()
WHERE = ["--zip", "10001", "--date", "2026-08-03"]


def test_a_code_excluded_from_ascs_is_said_so_not_unknown(pricer: Pricer) -> None:
    store = pricer.store(next(r for r in pricer.catalogue.releases("asc") if r.release == "2026-07"))
    assert store.asc("ee", "C9784") is not None  # CMS's Addendum EE, July 2026
    done = runner.invoke(app, ["price", "C9784", "--setting", "asc", *WHERE])
    said = " ".join(done.stderr.split())
    assert "not in the 2026 fee schedule" not in said
    assert "C9784 is excluded from payment in ASCs (Addendum EE, 2026-07)" in said, said
    line = "code,zip,pos,date\nC9784,10001,24,2026-08-03\n"
    (row,) = json.loads(runner.invoke(app, ["batch", "-", "-q", "--format", "json"], input=line).stdout)
    assert row["error"] == "" and row["allowed"] is None
    assert "C9784 is excluded from payment in ASCs (Addendum EE, 2026-07)" in row["note"], row


def test_a_bilateral_refusal_at_the_asc_points_to_the_sides_lines() -> None:
    done = runner.invoke(app, ["price", "0449T-50", "--setting", "asc", *WHERE])
    assert done.exit_code != 0
    said = " ".join(done.stderr.split())
    assert "0449T-LT 0449T-RT" in said and "ch. 14 §40.5" in said, said
    sides = runner.invoke(app, ["price", "0449T-LT", "0449T-RT", "--setting", "asc", *WHERE])
    assert sides.exit_code == 0, sides.output
    line = "code,zip,pos,date\n0449T-50,10001,24,2026-08-03\n"
    (row,) = json.loads(runner.invoke(app, ["batch", "-", "-q", "--format", "json"], input=line).stdout)
    assert "0449T-LT 0449T-RT" in row["error"] and row["error"] in said


def _compare(*args: str) -> str:
    done = runner.invoke(app, ["compare", *args])
    assert done.exit_code == 0, done.output
    return " ".join(done.stdout.split())


def test_compare_says_a_code_leaving_the_asc_lists_is_removed_not_deleted(pricer: Pricer) -> None:
    """76015 is on Addendum AA in October 2025 and on none of AA, BB, EE in January 2026, and the CY2026 PFS (RVU26C)
    still lists it: it left the ASC's lists, it was not deleted. 37220 left them too, and CPT ended it (not on RVU26C):
    both are "removed" from the ASC's lists, each saying whether the code lives on."""
    stores = {q: pricer.store(next(r for r in pricer.catalogue.releases("asc") if r.release == q))
              for q in ("2025-10", "2026-01")}  # fmt: skip
    pfs = pricer.store(pricer.select(2026)[0])
    for code, on_pfs in (("76015", True), ("37220", False)):
        assert stores["2025-10"].asc("aa", code) is not None
        assert all(stores["2026-01"].asc(name, code) is None for name in ("aa", "bb", "ee"))
        assert bool(pfs.modifiers_of(code)) is on_pfs
    shown = _compare("76015", "37220", "--what", "asc", "--from", "2025-10", "--to", "2026-01")
    assert "│ deleted │" not in shown and "Not in the later release" not in shown, shown
    assert shown.count("│ removed │") == 2, shown
    assert "2 removed from the ASC lists" in shown
    data = json.loads(runner.invoke(app, ["compare", "76015", "37220", "--what", "asc", "--from", "2025-10", "--to",
                                          "2026-01", "-f", "json"]).stdout)  # fmt: skip
    kept, ended = (change["explanation"] for change in data["codes"])
    assert kept.startswith("Removed from the ASC's lists in 2026-01") and "the code is not deleted" in kept
    assert ended.startswith("Removed from the ASC's lists in 2026-01") and "does not list it either" in ended


def test_compare_names_addendum_ee_as_the_exclusion_list_not_a_payment_indicator() -> None:
    """27054 moved from Addendum EE (excluded from ASCs) in October 2025 to Addendum AA (PI G2) in January 2026: EE is
    CMS's list of excluded codes, no payment indicator (Addendum DD1 has none called EE)."""
    shown = _compare("27054", "--what", "asc", "--from", "2025-10", "--to", "2026-01")
    assert "payment_indicator EE" not in shown, shown
    assert "payment_indicator — -> G2" in shown and "asc_list EE -> AA" in shown, shown


def test_compare_calls_a_status_c_code_priced_by_the_mac_not_unpayable() -> None:
    """0449T is status C in RVU25D and RVU26C (CMS's RVU file: "Carrier priced"): the MAC prices it."""
    shown = _compare("0449T", "--from", "2025", "--to", "2026").split(" 1 code:")[0]  # the table, not the legend
    assert "not payable" not in shown.lower(), shown
    assert "MAC-priced" in shown and "Priced by the MAC (2025D" in shown and "status C" in shown, shown
