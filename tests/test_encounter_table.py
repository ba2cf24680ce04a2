"""The encounter table at the terminal carries the lines' notes that JSON and CSV carry."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.facility import professional_alone_note


def test_the_encounter_table_shows_each_line_note_once_after_its_codes() -> None:
    runner = CliRunner()
    args = ["price", "99214", "67028", "97110-GP", "97140-GP", "--zip", "48104", "--date", "2026-08-03"]
    table = runner.invoke(app, args)
    data = json.loads(runner.invoke(app, [*args, "--format", "json"]).stdout)
    assert table.exit_code == 0, table.output
    flat = " ".join(table.stdout.split())  # rich wraps long lines
    global_note = next(n for n in data["lines"][0]["notes"] if n.startswith("Global surgery package"))
    assert f"99214: {global_note}" in flat  # a trial's coder saw it in CSV only
    gp = "Modifier GP is informational: it does not change the amount."
    assert f"97110-GP, 97140-GP: {gp}" in flat and flat.count(gp) == 1
    for note in data["notes"]:  # the encounter's own notes: once, as before
        assert flat.count(" ".join(note.split())) == 1


def test_a_non_physician_practitioner_has_no_limiting_charge(pricer) -> None:  # type: ignore[no-untyped-def]
    """A trial: NP lines showed a limiting charge; NPs, PAs and CNSs are paid only on assignment (SSA §1842(b)(18))."""
    from decimal import ROUND_HALF_UP, Decimal

    physician = pricer.price("90837", zip_code="02139")
    for provider in ("np", "pa", "cns"):
        result = pricer.price("90837", zip_code="02139", provider=provider)
        office = result.pfs.non_facility
        assert office.limiting_charge is None and result.pfs.facility.limiting_charge is None
        expected = (physician.pfs.non_facility.amount * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP)
        assert office.amount == expected and office.non_par_amount is not None  # 85%, and its non-par 95%
        assert any("must accept assignment" in note for note in result.notes)
    assert physician.pfs.non_facility.limiting_charge is not None


def test_a_bundled_status_t_rule_is_said_once_and_the_asc_total_in_sentences() -> None:
    runner = CliRunner()
    table = runner.invoke(app, ["price", "96523", "99213", "--zip", "02139", "--setting", "11"])
    flat = " ".join(table.stdout.split())
    assert flat.count("Status T: not paid, bundled") == 1, flat  # a review: the step, then the same rule as a note
    data = json.loads(runner.invoke(app, ["price", "64483", "99213", "--zip", "02139", "--setting", "asc",
                                          "--format", "json"]).stdout)  # fmt: skip
    reason = data["totals"]["asc"]["reason"]
    # 99213 is on neither ASC list: its physician's fee is in the ASC's total, said in one sentence of its own.
    assert reason.startswith("99213: ") and reason.endswith(professional_alone_note("asc")), reason
    assert "their physician" not in reason and "apart from this total" not in reason


def test_psychotherapy_lines_at_the_hospital_hear_of_the_mental_health_composite(pricer) -> None:  # type: ignore[no-untyped-def]
    """A trial: 90837 + 90853 (SI Q3) were told of the imaging composites alone (ch. 4 §10.2.1 has a mental one)."""
    result = pricer.price_encounter(["90837", "90853"], zip_code="02139", date_of_service="2025-10-15")
    notes = [note for line in result.lines if line.opps is not None for note in line.opps.notes]
    assert any("mental health services composite" in note for note in notes), notes


def test_a_drug_amount_of_several_units_says_it_is_the_line_s() -> None:
    """A trial: J3301 x 4's $2.96 stood under "Line amounts are one unit's" (one unit is $0.74)."""
    table = CliRunner().invoke(app, ["price", "64483", "J3301", "--units", "1", "--units", "4", "--zip", "85004",
                                     "--setting", "office"])  # fmt: skip
    flat = " ".join(table.stdout.split())
    assert "$2.96 ASP (4 units)" in flat and "marked with its units is the line's" in flat


def test_a_schedule_whose_file_is_not_installed_is_not_priced_not_unpayable() -> None:
    """A trial: "DMEPOS: not payable" stood above "DMEPOS CY2025 not installed" (a file rvucalc lacks says nothing
    of whether Medicare pays)."""
    table = CliRunner().invoke(app, ["price", "A6550", "--date", "2025-11-10", "--units", "10", "--zip", "33612"])
    assert "DMEPOS: not priced" in table.stdout and "DMEPOS: not payable" not in table.stdout


def test_a_lab_or_dme_amount_of_several_units_is_one_unit_s() -> None:
    """A review: 80053 x 3's $10.56 (one unit's) was marked "(3 units)" as if the line's."""
    table = CliRunner().invoke(app, ["price", "99213", "80053", "A4253-NU", "--units", "1", "--units", "3", "--units",
                                     "2", "--zip", "85004", "--setting", "office"])  # fmt: skip
    flat = " ".join(table.stdout.split())
    assert "$10.56 CLFS" in flat and "(3 units)" not in flat and "(2 units)" not in flat


def test_q3_lines_at_the_hospital_say_the_composite_apc_in_the_table_as_in_json() -> None:
    """A radiology trial: `price 74177 71260 --setting hopd` showed two CT rates (Addendum B's APC 5571/5572, SI Q3)
    with no word that CMS may pay them one composite APC, which JSON (each line's opps.notes), batch and the README
    say. The table says it once, naming both lines; not where the hospital is not shown (--setting office)."""
    from rvucalc.engine.facility import COMPOSITE_NOTE

    runner = CliRunner()
    args = ["price", "74177", "71260", "--zip", "33136", "--date", "2025-11-10"]
    data = json.loads(runner.invoke(app, [*args, "--setting", "hopd", "--format", "json"]).stdout)
    assert all(COMPOSITE_NOTE in line["opps"]["notes"] for line in data["lines"])
    said = f"74177, 71260: {COMPOSITE_NOTE}"
    for setting in (["--setting", "hopd"], ["--setting", "22"], []):
        table = runner.invoke(app, [*args, *setting])
        assert table.exit_code == 0, table.output
        flat = " ".join(table.stdout.split())  # rich wraps long lines
        assert said in flat and flat.count(COMPOSITE_NOTE) == 1, (setting, flat)
    office = runner.invoke(app, [*args, "--setting", "office"])
    assert COMPOSITE_NOTE not in " ".join(office.stdout.split())
