"""A PFS status X code ("Statutory exclusion", all RVUs zero) that another payment system pays is not comparable in
compare, with the system price names, never "unchanged" (a trial: `compare A0425 Q5001 G0299 E0601 A4259` counted
A0425, Q5001 and G0299 unchanged). The ambulance fee schedule changes every year by the ambulance inflation factor
(SSA §1834(l)(3)(B); 2.0% for CY2026, CMS Transmittal 14364)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()
CODES = ["A0425", "Q5001", "G0299", "E0601", "A4259"]


def test_ambulance_and_home_health_codes_are_not_comparable() -> None:
    done = runner.invoke(app, ["compare", *CODES, "--from", "2025", "--to", "2026", "-f", "json"])
    assert done.exit_code == 0, done.output  # each row says which schedule pays it: answered, exit 0
    rows = {row["code"]: row for row in json.loads(done.stdout)["codes"]}
    assert {code: rows[code]["change"] for code in CODES} == dict.fromkeys(CODES, "not_comparable"), rows
    # The RVU file's row: status X, zero RVUs; price names the ambulance fee schedule, as compare now does.
    priced = json.loads(runner.invoke(app, ["price", "A0425", "--zip", "59801", "-f", "json"]).stdout)
    assert priced["pfs"]["status"] == "X" and priced["pfs"]["rvu"]["total_non_facility"] == 0
    reason = rows["A0425"]["not_comparable_reason"]
    assert "the ambulance fee schedule" in reason and "A0425: " not in reason, reason
    said = runner.invoke(app, ["price", "A0425", "--zip", "59801"], terminal_width=400)
    assert "the ambulance fee schedule" in " ".join(said.output.split())


def test_table_counts_them_not_comparable() -> None:
    done = runner.invoke(app, ["compare", *CODES, "--from", "2025", "--to", "2026"], terminal_width=200)
    said = " ".join(done.output.split())
    assert "0 unchanged" in said and "5 not comparable" in said, said


def test_a_lab_compared_in_the_asc_tables_is_said_to_be_the_clfs_s_not_the_pfs_s() -> None:
    """`compare 80053 --what asc` said "80053 is on the PFS: its physician amounts compare with --what pfs", but its
    PFS row is status X (no PFS amount): it is the clinical laboratory fee schedule's. A paid PFS code keeps the
    words."""
    done = runner.invoke(app, ["compare", "80053", "99213", "--what", "asc", "--from", "2025", "--to", "2026", "-f",
                               "json"])  # fmt: skip
    lab, visit = json.loads(done.stdout)["codes"]
    assert "is on the PFS" not in lab["explanation"] and "clinical laboratory fee schedule" in lab["explanation"]
    assert "99213 is on the PFS: its physician amounts compare with --what pfs" in visit["explanation"]
