"""A podiatry trial and a psychotherapy practice's trial (fmods): toe and finger modifiers beside LT/RT, class findings
modifiers off routine foot care, HCPCS's H modifiers, practitioner credentials in a provider cell, and the 2026
behavioral health add-ons of advanced primary care management. Price and batch alike, on CMS's own amounts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import run_batch_rows
from rvucalc.lookup.pricer import Pricer

DAY = {"date": "2026-08-02", "zip": "85711", "setting": "11", "claim": "P1"}


def _office(encounter: Any) -> list[Any]:
    return [line.sites[0].total for line in encounter.lines]


def _batch(tmp_path: Path, codes: list[str], **cells: str) -> list[dict[str, str]]:
    rows = [{"code": code.split("-")[0], "modifier": "-".join(code.split("-")[1:]), **DAY, **cells} for code in codes]
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    return out


def test_toe_modifiers_beside_sides_are_two_digits_not_one_bilateral_procedure(pricer: Pricer, tmp_path: Path) -> None:
    """11730-LT-TA and 11730-RT-T5 (the left and the right great toe's nails) were paired as one bilateral procedure
    (indicator 0: paid once, $108.85 + $0.00) where 11730-TA 11730-T5 paid $108.85 + $54.43: two digits' procedures
    are ranked by the multiple procedure rule, with or without LT/RT. Plain LT and RT still pair."""
    date = DAY["date"]
    plain = pricer.price_encounter(["11730-TA", "11730-T5"], zip_code="85711", date_of_service=date, setting="office")
    sided = pricer.price_encounter(["11730-LT-TA", "11730-RT-T5"], zip_code="85711", date_of_service=date,
                                   setting="office")  # fmt: skip
    one = pricer.price("11730", zip_code="85711", date_of_service=date, setting="office").sites[0].total
    assert sorted(_office(sided)) == sorted(_office(plain))
    assert max(_office(sided)) == one and min(_office(sided)) > 0
    assert not any("Bilateral" in a.rule for line in sided.lines for a in line.pfs.non_facility.adjustments)
    pair = pricer.price_encounter(["11730-LT", "11730-RT"], zip_code="85711", date_of_service=date, setting="office")
    assert sorted(_office(pair)) == [0, one]  # indicator 0: one side's amount, CMS's RVU file documentation
    out = _batch(tmp_path, ["11730-LT-TA", "11730-RT-T5"])
    assert [row["allowed"] for row in out] == [f"{total:.2f}" for total in _office(sided)]


def test_class_findings_modifiers_off_routine_foot_care_are_said(pricer: Pricer, tmp_path: Path) -> None:
    """99213-Q8 and 11042-Q8 said 'Modifier Q8 is informational' alone: Q7-Q9 qualify routine foot care (11055-11057,
    11719-11721, G0127) for coverage, nothing else. 11056-Q8 keeps its informational note. Amounts unchanged."""
    date = DAY["date"]
    for code in ("99213", "11042"):
        with_q8 = pricer.price(f"{code}-Q8", zip_code="85711", date_of_service=date, setting="office")
        bare = pricer.price(code, zip_code="85711", date_of_service=date, setting="office")
        assert with_q8.sites[0].total == bare.sites[0].total
        said = [note for note in with_q8.notes if "Q8" in note]
        assert said and "class findings modifier of routine foot care" in said[0] and f"On {code}" in said[0]
        assert not any("Modifier Q8 is informational" in note for note in with_q8.notes)
        assert not any("; " in note for note in with_q8.notes)
    routine = pricer.price("11056-Q8", zip_code="85711", date_of_service=date, setting="office")
    assert not any("class findings modifier" in note for note in routine.notes)
    out = _batch(tmp_path, ["99213-Q8", "11056-Q8"], claim="")
    assert "class findings modifier of routine foot care" in out[0]["note"]
    assert "class findings modifier" not in out[1]["note"]


def test_behavioral_health_program_h_modifiers_are_informational(pricer: Pricer, tmp_path: Path) -> None:
    """90837 with HO (master's degree level, a Medicaid behavioral health modifier of HCPCS) was refused 'Unknown
    modifier' and lost the row: HA-HZ are HCPCS modifiers Medicare's PFS does not use, priced as the code, noted."""
    date = DAY["date"]
    bare = pricer.price("90837", zip_code="21201", date_of_service=date, setting="office").sites[0].total
    for modifier in ("HO", "HE", "HQ", "HZ"):
        line = pricer.price(f"90837-{modifier}", zip_code="21201", date_of_service=date, setting="office")
        assert line.sites[0].total == bare
        said = [note for note in line.notes if note.startswith(f"Modifier {modifier} (")]
        assert said and "Medicare's PFS does not use it" in said[0] and "; " not in said[0]
    out = _batch(tmp_path, ["90837-HO", "90834-HN-HE"], zip="21201")
    assert [row["error_kind"] for row in out] == ["", ""]
    assert out[0]["allowed"] == f"{bare:.2f}" and "Modifier HO (masters degree level)" in out[0]["note"]


def test_psychotherapy_practice_credentials_are_read_by_the_license_medicare_pays(
    pricer: Pricer, tmp_path: Path
) -> None:
    """A psychiatry trial's provider cells: LCMFT (Maryland's clinical MFT) and 'LCPC, NCC' were unread (100%), as was
    CRNP-PMH (an NP, 85%); LGPC and LGMFT (graduate licenses, practice under supervision) were priced at 100%
    silently; 'PMHNP-BC, LCSW' and 'MD, LCSW' name two practitioner types. CMS's 90837 amount x 75% / 85%."""
    date = DAY["date"]
    full = pricer.price("90837", zip_code="21201", date_of_service=date, setting="office").sites[0].total
    csw = pricer.price("90837", zip_code="21201", date_of_service=date, setting="office", provider="csw")
    np_line = pricer.price("90837", zip_code="21201", date_of_service=date, setting="office", provider="np")
    cells = ["LCMFT", "LCPC, NCC", "CRNP-PMH", "LGPC", "LGMFT", "PMHNP-BC, LCSW", "MD, LCSW", "MD"]
    rows = [{"code": "90837", "modifier": "", "provider": cell, **DAY, "zip": "21201", "claim": f"C{i}"}
            for i, cell in enumerate(cells)]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    allowed = [row["allowed"] for row in out]
    expected = [csw.sites[0].total, csw.sites[0].total, np_line.sites[0].total] + [full] * 5
    assert allowed == [f"{amount:.2f}" for amount in expected]
    assert csw.sites[0].total < full and np_line.sites[0].total < full
    notes = [row["note"] for row in out]
    assert "graduate professional counselor's license" in notes[3] and "not read as a Medicare practitioner" in notes[3]
    assert "graduate marriage and family therapist's license" in notes[4]
    assert "names two practitioner types (an NP and a CSW, MFT or MHC)" in notes[5]
    assert "names two practitioner types (a physician and a CSW, MFT or MHC)" in notes[6]
    from rvucalc.batch.lines import provider_not_read_note

    assert not any("; " in provider_not_read_note(cell, "physician") for cell in [*cells[3:7], "LMSW"])
    from rvucalc.lookup.credentials import provider_word

    assert [provider_word(cell) for cell in ("LCMFT", "CRNP-PMH", "LCPC, NCC")] == ["csw", "np", "csw"]


def test_washington_associate_licenses_are_not_read_as_medicare_practitioners(pricer: Pricer, tmp_path: Path) -> None:
    """A Seattle behavioral health trial: LMHCA, LMFTA and LICSWA (Washington's associate licenses, RCW 18.225.145:
    practice under supervision toward the LMHC, LMFT or LICSW) got the generic unread note, which lists LMHC, LMFT and
    LICSW at 75% beside them. They are no Medicare MHC, MFT (SSA §1861(lll)) or CSW (SSA §1861(hh)(1)): not read,
    priced as the run's --provider (CMS's 90834 amount at ZIP 98122, not its 75%), each with its own note; LICSW stays
    a CSW's."""
    date = DAY["date"]
    full = pricer.price("90834", zip_code="98122", date_of_service=date, setting="office").sites[0].total
    csw = pricer.price("90834", zip_code="98122", date_of_service=date, setting="office", provider="csw")
    cells = ["LMHCA", "LMFTA", "LICSWA", "DOE, JANE LMHCA", "LICSW"]
    rows = [{"code": "90834", "modifier": "", "credential": cell, **DAY, "zip": "98122", "claim": f"W{i}"}
            for i, cell in enumerate(cells)]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    assert [row["allowed"] for row in out] == [f"{full:.2f}"] * 4 + [f"{csw.sites[0].total:.2f}"]
    assert csw.sites[0].total < full
    notes = [row["note"] for row in out]
    assert "mental health counselor associate's license (Washington's" in notes[0]
    assert "marriage and family therapist associate's license (Washington's" in notes[1]
    assert "independent clinical social worker associate's license (Washington's" in notes[2]
    assert "SSA §1861(hh)(1)" in notes[2] and "Not read: priced as a physician's line" in notes[2]
    assert "mental health counselor associate's license" in notes[3]
    assert not any("not read as a practitioner: priced as" in note for note in notes)


def test_price_says_of_an_associate_license_what_batch_s_note_says(tmp_path: Path) -> None:
    """`rvucalc price --provider LICSWA` (or LMHCA, LGPC, LMSW) was a usage error listing the provider words, while
    batch's note on the same cell explains the license (RCW 18.225.145; SSA §1861(hh)(1), §1861(lll)): price says the
    note's words, still a usage error (exit 2), no amount on stdout."""
    from typer.testing import CliRunner

    from rvucalc.cli import app

    cells = ["LICSWA", "LMHCA", "LGPC", "LMSW", "DOE, JANE LMHCA"]
    rows = [{"code": "90834", "modifier": "", "credential": cell, **DAY, "zip": "98122", "claim": f"A{i}"}
            for i, cell in enumerate(cells)]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    for cell, row in zip(cells, out, strict=True):
        said = next(part for part in row["note"].split("; ") if part.startswith(f"Provider {cell!r}: "))
        reason = said.removeprefix(f"Provider {cell!r}: ").split(" Not read: priced as")[0]
        result = CliRunner().invoke(app, ["price", "90834", "--zip", "98122", "--provider", cell])
        assert result.exit_code == 2 and result.stdout == "", result.output
        message = " ".join(result.stderr.split())
        assert f"--provider {cell!r}: {reason}" in message, message
        assert "choose physician, np" not in message


def test_washington_substance_use_disorder_certification_beside_a_license_reads_the_license(
    pricer: Pricer, tmp_path: Path
) -> None:
    """A Seattle behavioral health trial: 'LICSW, SUDP' (Washington's substance use disorder professional, RCW 18.205;
    CDP before 2019) was unread and priced at 100%, where the LICSW's line is paid 75% as 'LICSW, LADC' is. The
    certification is no practitioner type Medicare pays: beside a license the license is read (CMS's 90834 amount at
    ZIP 98122 x 75%, and x 85% beside ARNP); alone it has the alcohol and drug counselor's note."""
    date = DAY["date"]
    full = pricer.price("90834", zip_code="98122", date_of_service=date, setting="office").sites[0].total
    csw = pricer.price("90834", zip_code="98122", date_of_service=date, setting="office", provider="csw")
    np_line = pricer.price("90834", zip_code="98122", date_of_service=date, setting="office", provider="np")
    cells = ["LICSW, SUDP", "LMHC, SUDP", "LICSW, CDP", "ARNP, SUDP", "SUDP", "SUDPT"]
    rows = [{"code": "90834", "modifier": "", "credential": cell, **DAY, "zip": "98122", "claim": f"S{i}"}
            for i, cell in enumerate(cells)]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    expected = [csw.sites[0].total] * 3 + [np_line.sites[0].total, full, full]
    assert [row["allowed"] for row in out] == [f"{amount:.2f}" for amount in expected]
    assert csw.sites[0].total < np_line.sites[0].total < full
    assert all("an alcohol and drug counselor is not a practitioner type" in row["note"] for row in out[4:])


def test_medicaid_u_modifiers_are_informational(pricer: Pricer, tmp_path: Path) -> None:
    """A Seattle behavioral health trial's 90791-U4 (a Medicaid level of care modifier of HCPCS, U1-U9 and UA-UD; UF-UK
    the time of day and a collateral contact) was refused 'Unknown modifier' (bad_modifier) and lost the row: Medicare's
    PFS uses none of them, so the line is priced as the code (CMS's 90791 amount at ZIP 98122; a CSW's 75%), noted."""
    date = DAY["date"]
    bare = pricer.price("90791", zip_code="98122", date_of_service=date, setting="office").sites[0].total
    for modifier in ("U1", "U4", "UA", "UD", "UK"):
        line = pricer.price(f"90791-{modifier}", zip_code="98122", date_of_service=date, setting="office")
        assert line.sites[0].total == bare
        said = [note for note in line.notes if note.startswith(f"Modifier {modifier} (")]
        assert said and "Medicare's PFS does not use it" in said[0] and "; " not in said[0]
    csw = pricer.price("90791", zip_code="98122", date_of_service=date, setting="office", provider="csw")
    out = _batch(tmp_path, ["90791-U4", "90837-HO-UK"], zip="98122", provider="LICSW")
    assert [row["error_kind"] for row in out] == ["", ""]
    assert out[0]["allowed"] == f"{csw.sites[0].total:.2f}" and csw.sites[0].total < bare
    assert "Modifier U4 (Medicaid level of care 4, as defined by each state)" in out[0]["note"]
    assert "Modifier UK (services provided on behalf of the client" in out[1]["note"]


def test_aj_on_a_psychologist_s_row_names_the_row_s_practitioner_not_an_option(tmp_path: Path) -> None:
    """A Seattle behavioral health trial's 90834-AJ on a 'PhD' row, run with no --provider, was refused saying
    "--provider psychologist names another": the conflict is the row's provider cell's. Still refused (bad_modifier)."""
    rows = [{"code": "90834", "modifier": "AJ", "credential": "PhD", **DAY, "zip": "98122"}]
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 1, done.output
    assert out[0]["error_kind"] == "bad_modifier" and out[0]["allowed"] == ""
    assert "AJ and AH name the practitioner" in out[0]["error"]
    assert "the line's practitioner (psychologist: --provider, or the row's provider cell in batch)" in out[0]["error"]
    assert "--provider psychologist names another" not in out[0]["error"]


def test_two_digit_modifiers_on_one_line_are_said_once_and_priced_as_billed(pricer: Pricer, tmp_path: Path) -> None:
    """A hand surgery trial: 26055-F2-F3 (two fingers' trigger releases on one line) said "Modifier F2 is informational"
    and "Modifier F3 is informational" and was priced as one procedure: each digit modifier names one finger (HCPCS's
    descriptors), so the line says that a procedure on each digit is its own line (NCCI Policy Manual ch. 1 §E), in
    place of the two informational notes; the amount stays the one procedure's, price and batch alike. A repeated line
    of a finger code is told of the digit modifiers, which RT/LT beside them would conflict with."""
    date = DAY["date"]
    both = pricer.price("26055-F2-F3", zip_code="85711", date_of_service=date, setting="office")
    one = pricer.price("26055", zip_code="85711", date_of_service=date, setting="office")
    assert both.sites[0].total == one.sites[0].total
    said = [note for note in both.notes if "name 2 digits on one line" in note]
    assert said and 'F2 ("Left hand, third digit") and F3 ("Left hand, fourth digit")' in said[0]
    assert "; " not in said[0] and "NCCI Policy Manual ch. 1 §E" in said[0]
    assert not any(note.startswith(("Modifier F2 is", "Modifier F3 is")) for note in both.notes)
    single = pricer.price("26055-F2", zip_code="85711", date_of_service=date, setting="office")
    assert "Modifier F2 is informational: it does not change the amount." in single.notes
    assert not any("digits on one line" in note for note in single.notes)
    out = _batch(tmp_path, ["26055-F2-F3", "26055-F7", "26055-F7"])
    assert out[0]["allowed"] == f"{one.sites[0].total:.2f}" and "name 2 digits on one line" in out[0]["note"]
    assert "Modifier F2 is informational" not in out[0]["note"]
    assert "its digit modifier, FA or F1-F9, TA or T1-T9" in out[2]["note"]
