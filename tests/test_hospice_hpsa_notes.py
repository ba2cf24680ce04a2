"""A home-based primary care / hospice group's trial and a rural health system's: GV (the hospice patient's attending
physician) on a test billed globally is told that Part B pays only its professional part (42 CFR 418.304(c); Noridian
JF Part B, "Modifier GV": "88305 26GV", "Same rules apply for diagnostic tests"); AQ on a technical component is told it
earns no HPSA bonus (CMS's HPSA physician bonus page: the professional component only); QU and QB are named as the HPSA
modifiers AQ replaced in 2006 (CMS CR 3935); G2212 after a home visit names G0318, Medicare's code there. Notes only:
the amounts stay CMS's, in `rvucalc price` and `rvucalc batch` alike."""

from __future__ import annotations

import datetime as dt
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.cli import app
from rvucalc.engine import visits
from rvucalc.engine.modifiers import GV_NO_COMPONENT_CODES, GV_NOTE, RETIRED_HPSA_HINT, hospice_attending_note
from rvucalc.engine.preventive import ACP_WITHOUT_33
from rvucalc.lookup.lines import AQ_NOTE, AQ_TC_NOTE
from rvucalc.lookup.pricer import Pricer
from test_physician_claims_at_facilities import pfs_amount

runner = CliRunner()
DATE, ZIP, PHILADELPHIA = "2026-08-03", "19103", "1250201"


def _price(*args: str) -> dict:
    done = runner.invoke(app, ["price", *args, "--zip", ZIP, "--date", DATE, "--setting", "12", "-f", "json"])
    assert done.exit_code == 0, done.output
    found: dict = json.loads(done.stdout)
    return found


def _row(claim: str, code: str, mods: str) -> dict[str, str]:
    return {"Claim": claim, "Procedure Code": code, "Modifier(s)": mods, "POS": "12", "Patient ZIP": ZIP,
            "Service Date": "08/03/2026", "Units": "1"}  # fmt: skip


def test_gv_on_a_global_test_names_the_professional_part_and_keeps_the_amount(tmp_path: Path, pricer: Pricer) -> None:
    """93000-GV (PC/TC 4): Part B pays 93010 with GV, 93005 is the hospice's; 71046-GV (PC/TC 1): 71046-26-GV; a TC
    line with GV: the hospice's. The global amount is the RVU file's at the locality, price and batch alike."""
    cases = {"93000": "", "71046": "", "71046-TC": "TC"}
    done, rows = run_batch_rows(tmp_path, [_row(f"G{n}", code.split("-")[0], "-".join(filter(None, [mods, "GV"])))
                                           for n, (code, mods) in enumerate(cases.items())])  # fmt: skip
    assert done.exit_code == 0, done.output
    for (code, mods), row in zip(cases.items(), rows, strict=True):
        base = code.split("-")[0]
        note = hospice_attending_note(base, [*filter(None, [mods]), "GV"])
        assert note is not None
        single = _price(f"{code}-GV")
        assert note in single["notes"] and note in row["note"], (code, single["notes"], row["note"])
        assert not any("GV is informational" in text for text in single["notes"])
        fee = pfs_amount(pricer, base, mods, "non_facility", DATE, PHILADELPHIA)
        assert Decimal(str(single["pfs"]["non_facility"]["amount"])) == fee == Decimal(row["pfs_non_facility_amount"])
    assert "Part B pays 93010 with GV" in str(hospice_attending_note("93000", ["GV"]))
    assert "93005" in str(hospice_attending_note("93000", ["GV"]))
    assert "71046-26-GV" in str(hospice_attending_note("71046", ["GV"]))
    assert "technical component is the hospice's" in str(hospice_attending_note("71046", ["TC", "GV"]))
    assert "hospice's" not in str(hospice_attending_note("71046", ["26", "GV"]))
    said = [hospice_attending_note("93000", ["GV"]), hospice_attending_note("71046", ["TC", "GV"]), AQ_NOTE, AQ_TC_NOTE,
            hospice_attending_note("71046", ["GV"]), visits.prolonged_without_primary_note("G2212")]  # fmt: skip
    assert not [note for note in said if "; " in str(note)]  # batch joins a row's notes with "; "


def test_aq_on_a_technical_component_earns_no_bonus(tmp_path: Path, pricer: Pricer) -> None:
    """71046-TC-AQ: the HPSA bonus is the professional component's; 99213-AQ keeps AQ_NOTE, which says a lab test or
    a drug earns none."""
    tc = _price("71046-TC-AQ")
    assert AQ_TC_NOTE in tc["notes"] and AQ_NOTE not in tc["notes"]
    assert "this TC line earns none" in AQ_TC_NOTE and "a lab test (CLFS) or a drug" in AQ_NOTE
    fee = pfs_amount(pricer, "71046", "TC", "non_facility", DATE, PHILADELPHIA)
    assert Decimal(str(tc["pfs"]["non_facility"]["amount"])) == fee
    assert AQ_NOTE in _price("99213-AQ")["notes"]
    done, rows = run_batch_rows(tmp_path, [_row("A1", "71046", "TC-AQ"), _row("A2", "71046", "AQ")])
    assert done.exit_code == 0, done.output
    assert AQ_TC_NOTE in rows[0]["note"] and AQ_NOTE not in rows[0]["note"]
    assert AQ_NOTE in rows[1]["note"] and Decimal(rows[0]["pfs_non_facility_amount"]) == fee


def test_qu_and_qb_are_named_as_the_hpsa_modifiers_aq_replaced() -> None:
    """QU is no modifier rvucalc knows: "did you mean UQ" alone sent a trial's biller the wrong way. QB is a DMEPOS
    oxygen row modifier today, refused on a PFS line: the refusal names the old HPSA use too."""
    for modifier in ("QU", "QB"):
        done = runner.invoke(app, ["price", f"99213-{modifier}", "--zip", ZIP, "--date", DATE])
        assert done.exit_code != 0
        assert RETIRED_HPSA_HINT.strip() in " ".join(done.output.split()), done.output
    assert "AQ" in RETIRED_HPSA_HINT and "2006" in RETIRED_HPSA_HINT
    listed = runner.invoke(app, ["modifiers", "QU"])
    assert "AQ" in " ".join(listed.output.split()), listed.output


def test_g2212_after_a_home_visit_names_g0318_without_doubled_punctuation(tmp_path: Path) -> None:
    """A hospice group's batch: 99350 + G2212 x2 at POS 12 was told G2212 is an add-on to 99205, 99215 or 99483,
    "priced as given.;". Medicare's prolonged home or residence code after 99345/99350 is G0318."""
    note = visits.prolonged_without_primary_note("G2212")
    assert "after 99345 or 99350 Medicare pays prolonged home or residence care time as G0318" in note
    assert not note.endswith(".")
    done, rows = run_batch_rows(tmp_path, [
        {"Encounter #": "E25002", "Service Date": "02/03/2025", "Procedure Code": code, "Modifier(s)": "", "POS": "12",
         "Patient ZIP": "32446", "Units": units} for code, units in (("99350", "1"), ("G2212", "2"))])  # fmt: skip
    assert done.exit_code == 0, done.output
    assert note in rows[1]["note"] and ".;" not in rows[1]["note"]
    single = _price("99350", "G2212")
    assert note in single["lines"][-1]["notes"]


def test_gv_on_a_level_ii_visit_code_names_no_technical_component(tmp_path: Path, pricer: Pricer) -> None:
    """A home-based primary care and hospice trial: 99350-GV with G2211-GV told G2211's line "Where G2211 has a
    professional and a technical component (PC/TC indicator 1) ... price G2211-26", a row CMS's file lacks. Each code of
    GV_NO_COMPONENT_CODES has PC/TC indicator 0 in the shipped RVU file (no 26 row); its GV note is the plain one, the
    amount the RVU file's, price and batch alike."""
    store = pricer.store(pricer.select(None, dt.date.fromisoformat(DATE))[0])
    for code in sorted(GV_NO_COMPONENT_CODES):
        row = store.rvu(code, "")
        assert row is not None and row["pctc"] == "0" and store.rvu(code, "26") is None, code
        assert hospice_attending_note(code, ["GV"]) == GV_NOTE.format(rest="."), code
    done, rows = run_batch_rows(tmp_path, [_row("H1", "99350", "GV"), _row("H1", "G2211", "GV")])
    assert done.exit_code == 0, done.output
    single = _price("99350-GV", "G2211-GV")
    fee = pfs_amount(pricer, "G2211", "", "non_facility", DATE, PHILADELPHIA)
    assert Decimal(rows[1]["pfs_non_facility_amount"]) == fee
    assert GV_NOTE.format(rest=".") in rows[1]["note"] and "G2211-26" not in rows[1]["note"]
    assert "G2211-26" not in json.dumps(single)


def test_acp_beside_the_awv_without_33_says_what_33_would_do(tmp_path: Path, pricer: Pricer) -> None:
    """A home-based primary care trial: `price G0438 99497` charged 99497 the patient's 20% (right, as billed) and said
    nothing of modifier 33, which waives it when ACP is part of the AWV (CR 9271 / MM9271). The note says so; the
    amounts stay the RVU file's fee and its 20%, price and batch alike; alone or with 33, no such note."""
    fee = pfs_amount(pricer, "99497", "", "non_facility", DATE, PHILADELPHIA)
    owed = (fee * Decimal("0.2")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    single = _price("G0438", "99497")
    acp = single["lines"][1]
    assert ACP_WITHOUT_33 in json.dumps(acp) and ACP_WITHOUT_33 not in json.dumps(single["lines"][0])
    assert ACP_WITHOUT_33 not in json.dumps(_price("99497")) and ACP_WITHOUT_33 not in json.dumps(
        _price("G0438", "99497-33")
    )
    done, rows = run_batch_rows(tmp_path, [_row("A1", "G0439", ""), _row("A1", "99497", ""), _row("A2", "99497", ""),
                                           _row("A3", "G0439", ""), _row("A3", "99497", "33")])  # fmt: skip
    assert done.exit_code == 0, done.output
    assert ACP_WITHOUT_33 in rows[1]["note"]
    assert [Decimal(rows[1][name]) for name in ("allowed", "beneficiary")] == [fee, owed]
    assert ACP_WITHOUT_33 not in rows[2]["note"] and Decimal(rows[2]["beneficiary"]) == owed
    assert ACP_WITHOUT_33 not in rows[4]["note"] and Decimal(rows[4]["beneficiary"]) == 0


def _rvu_pctc(year: str, name: str) -> dict[str, str]:
    """CMS's RVU file (shipped): each code's PC/TC indicator on its row without a modifier, status A G-codes only."""
    import csv

    from rvucalc.paths import data_dir

    found: dict[str, str] = {}
    with data_dir().joinpath("rvu", year, name).open(newline="", encoding="latin-1") as handle:
        for row in csv.reader(handle):
            if len(row) > 10 and row[0].startswith("G") and len(row[0]) == 5 and not row[1].strip() and row[3] == "A":
                found[row[0]] = row[13].strip()  # PCTC IND (header: HCPCS, MOD, ..., MP RVU, totals, PCTC)
    return found


def test_gv_on_a_g_code_without_a_professional_component_says_no_26(tmp_path: Path, pricer: Pricer) -> None:
    """G0402-GV (the IPPE, status A, PC/TC indicator 0 in CMS's RVU file) was told "price G0402-26", a row CMS lacks:
    the advice is by the RVU row's PC/TC indicator (only indicator 1 takes 26 and TC: RVU file documentation, Pub.
    100-04 ch. 23 Addendum), not by a typed list, in price and batch alike. Every status A G-code of indicator 0 in
    RVU26C gets the plain note; 71046-GV (indicator 1) keeps its 26 advice."""
    pctc = _rvu_pctc("2026", "PPRRVU2026_Jul_nonQPP.csv")
    assert pctc["G0402"] == "0" and pctc["G0438"] == "0"
    without = sorted(code for code, indicator in pctc.items() if indicator == "0")
    assert len(without) > len(GV_NO_COMPONENT_CODES)
    for code in without:
        assert hospice_attending_note(code, ["GV"], "0") == GV_NOTE.format(rest="."), code
    assert "71046-26" in str(hospice_attending_note("71046", ["GV"], "1"))
    single = _price("G0402-GV")
    said = [note for note in single["notes"] if note.startswith("Modifier GV")]
    assert said == [GV_NOTE.format(rest=".")], single["notes"]
    done, rows = run_batch_rows(tmp_path, [_row("P1", "G0402", "GV"), _row("P2", "71046", "GV")])
    assert done.exit_code == 0, done.output
    assert GV_NOTE.format(rest=".") in rows[0]["note"].split("; ") and "G0402-26" not in rows[0]["note"]
    assert "price 71046-26 for Part B's amount" in rows[1]["note"]
    assert Decimal(rows[0]["pfs_non_facility_amount"]) == Decimal(str(single["pfs"]["non_facility"]["amount"]))
