"""A psychiatry practice's export named its nurse practitioners 'Psychiatric NP', 'Psychiatry, NP' or by their NUCC
taxonomy (363LP0808X psychiatric/mental health NP, 363LF0000X family NP; a PA's 363AM0700X, 363AS0400X): each was
unread, priced at a physician's 100% where an NP or PA is paid 85%. They are read now (CMS's amount: RVU26C x the 2026
Chicago GPCIs x CF, ``cms_fees``, x 85%). North Carolina's LCSWA (an associate's license toward the LCSW) and
Nebraska's LMHP (a title 42 CFR 410.54(a)(3) does not name) stay unread, priced at CMS's amount, each with a note that
says why, and ``price --provider`` says the same (exit 2)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from cms_fees import CENT, fee_2026
from rvucalc.cli import app

runner = CliRunner()
ZIP, LOCALITY, DATE = "60614", "0610216", "2026-08-03"  # CHICAGO
READ_AT_85 = ["Psychiatric NP", "Psychiatry, NP", "363LP0808X", "363LF0000X", "363AM0700X", "363AS0400X"]
NOT_READ = ["LCSWA", "LCSW-A", "LMHP"]


def _batch(tmp_path: Path, cells: list[str]) -> list[dict[str, str]]:
    source, out = tmp_path / "claims.csv", tmp_path / "out.csv"
    source.write_text(
        "Claim #,DOS,CPT Code,POS,Provider Type,Svc Loc ZIP\n"
        + "".join(f'C{n},{DATE},90834,11,"{cell}",{ZIP}\n' for n, cell in enumerate(cells))
    )
    done = runner.invoke(app, ["batch", str(source), "-o", str(out), "--columns", "provider=Provider Type"])
    assert done.exit_code == 0, done.output
    with open(out, newline="") as handle:
        return list(csv.DictReader(handle))


def test_np_and_pa_specialty_taxonomies_and_titles_are_read_at_85_percent(tmp_path: Path) -> None:
    rows = _batch(tmp_path, READ_AT_85)
    share = (fee_2026("90834", LOCALITY) * Decimal("0.85")).quantize(CENT, ROUND_HALF_UP)
    assert [Decimal(row["allowed"]) for row in rows] == [share] * len(READ_AT_85)
    assert not any("not read" in row["note"] or "two practitioner types" in row["note"] for row in rows)


def test_north_carolina_lcswa_and_nebraska_lmhp_are_not_read_and_say_why(tmp_path: Path) -> None:
    rows = _batch(tmp_path, [*NOT_READ, "LMHP, LPC"])
    fee = fee_2026("90834", LOCALITY)
    assert [Decimal(row["allowed"]) for row in rows[:3]] == [fee] * 3
    assert Decimal(rows[3]["allowed"]) == (fee * Decimal("0.75")).quantize(CENT, ROUND_HALF_UP)  # the LPC is read
    for row in rows[:2]:
        assert "clinical social worker associate's license (North Carolina's" in row["note"]
        assert "42 CFR 410.73(a)" in row["note"] and "Not read: priced as a physician's line" in row["note"]
    assert "42 CFR 410.54(a)(3)" in rows[2]["note"] and "an LPC" in rows[2]["note"]
    assert not any("not read as a practitioner: priced as" in row["note"] for row in rows)


def test_price_says_why_lcswa_and_lmhp_are_not_read() -> None:
    for cell, said in (("LCSWA", "42 CFR 410.73(a)"), ("LMHP", "42 CFR 410.54(a)(3)")):
        result = runner.invoke(app, ["price", "90834", "--zip", ZIP, "--date", DATE, "--provider", cell])
        assert result.exit_code == 2 and result.stdout == "", result.output
        assert said in " ".join(result.stderr.split())


def test_lmhp_is_not_said_to_be_nebraska_s_alone(tmp_path: Path) -> None:
    """Virginia's rules use LMHP for any licensed mental health professional (a physician, psychologist, LPC, LCSW,
    LMFT: 12VAC35-105-20): a Virginia practice's 'LMHP' cell was told it is Nebraska's license and to give LPC. The note
    says it names no one practitioner, the amount CMS's at 100% (unread)."""
    (row,) = _batch(tmp_path, ["LMHP"])
    assert Decimal(row["allowed"]) == fee_2026("90834", LOCALITY)
    assert "LMHP does not say which practitioner billed" in row["note"] and "12VAC35-105-20" in row["note"]
    result = runner.invoke(app, ["price", "90834", "--zip", ZIP, "--date", DATE, "--provider", "LMHP"])
    assert result.exit_code == 2 and "12VAC35-105-20" in " ".join(result.stderr.split())
