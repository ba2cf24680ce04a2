"""An infusion clinic's trial: two "initial" drug administration services in one encounter (96365 with 96374, 96413
with 96365, 96413 with 96374 and 96375) were priced with no word, though Medicare pays one initial service per
encounter unless two IV sites are medically necessary (Claims Processing Manual ch. 12 §30.5, ch. 4 §230.2), and 96366
after 96413 alone is 96415's hour (engine.drug_admin). Notes only: the amounts are CMS's, unchanged; price and batch
agree, whatever the batch's chunk size."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.drug_admin import missing_first_hour_note, second_initial_note, wrong_hour_note
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import encounters_both_ways

ZIP, DATE = "63110", "2026-02-10"  # the trial's: St. Louis, MO

# Per claim: its codes, and per line the note expected (None: no note of this rule).
CLAIMS: list[tuple[list[str], list[str | None]]] = [
    (["96365", "96374"], [None, second_initial_note("96374", "96365")]),  # the trial's claim ID26-0002
    (["96413", "96365"], [None, second_initial_note("96365", "96413")]),
    (["99214", "96413", "96374", "96375"], [None, None, second_initial_note("96374", "96413"), None]),
    (["96374", "96413"], [second_initial_note("96374", "96413"), None]),  # the hierarchy, not the order given
    (["96365", "96360"], [None, second_initial_note("96360", "96365")]),
    (["96413", "96366"], [None, wrong_hour_note("96366", "96413", "96415")]),
    (["96365", "96415"], [None, wrong_hour_note("96415", "96365", "96366")]),
    (["96413", "96367", "96366"], [None, None, None]),  # the sequential infusion's hour: 96366 is right
    (["96365", "96366", "96375"], [None, None, None]),  # one initial service and its subsequent codes
    (["96413", "96415", "96417"], [None, None, None]),
    (["96365"], [None]),
    # An oncology practice's trial: an additional hour beside a push or hydration alone was priced with no word.
    (["96409", "96415"], [None, missing_first_hour_note("96415", "96409")]),  # bill 96413 + 96415, 96409 as 96411
    (["96374", "96366"], [None, missing_first_hour_note("96366", "96374")]),  # 96365 + 96366, 96374 as 96375
    (["96409", "96366"], [None, missing_first_hour_note("96366", "96409")]),  # the therapeutic infusion is 96367
    (["96360", "96415"], [None, missing_first_hour_note("96415", "96360")]),
    (["96409", "96411"], [None, None]),  # the push's own subsequent code: no hour, no note
]


def _cms_office_fee(pricer: Pricer, code: str) -> Decimal:
    """CMS's non-facility fee schedule amount at the ZIP's locality, from CMS's RVU and GPCI files, rounded once."""
    store = pricer.store(next(r for r in pricer.catalogue.releases("pfs") if r.year == 2026))
    rvu, gpci = store.rvu(code, ""), store.locality(store.zip(ZIP)["locality"])
    exact = (rvu["work_rvu"] * gpci["gpci_work"] + rvu["pe_nonfac_rvu"] * gpci["gpci_pe"]
             + rvu["mp_rvu"] * gpci["gpci_mp"]) * rvu["conv_factor"]  # fmt: skip
    return (Decimal(exact) / Decimal(10) ** 9).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_a_second_initial_drug_administration_is_noted_in_price_and_batch(pricer: Pricer) -> None:
    """The note on the initial code CPT's hierarchy ranks below the encounter's first, naming its subsequent code, in
    price and in a batch claim alike, once; none on a lone or properly sequenced one; the amounts are CMS's fees."""
    rule = ("one initial drug administration service per encounter", "additional infusion hour")
    flagged = [(codes, [bool(e) for e in expected]) for codes, expected in CLAIMS]
    for codes, code, line, row, _ in encounters_both_ways(pricer, flagged, ZIP, DATE):
        note = dict(zip(codes, next(x for c, x in CLAIMS if c == codes), strict=True))[code]
        notes = row["note"].split("; ")
        if note:
            assert "; " not in note
            assert line.notes.count(note) == 1, (codes, line.notes)
            assert notes.count(note) == 1, (codes, row["note"])
        else:
            assert not any(r in said for r in rule for said in [*line.notes, *notes]), (codes, code)
        if code.startswith("96"):
            fee = _cms_office_fee(pricer, code)
            assert line.pfs.non_facility.amount == fee == Decimal(str(row["pfs_non_facility_amount"])), codes


def test_an_additional_hour_without_its_first_hour_names_the_code_to_bill() -> None:
    """96415 "may only be reported in addition to 96413", 96366 with 96365 or 96367 (CPT's add-on instructions): beside
    a push or hydration alone, the note names the infusion's first hour and, where CPT's hierarchy ranks that infusion
    above the push or hydration, the latter's subsequent code."""
    assert "Bill the infusion's first hour as 96413, and 96409 as 96411" in missing_first_hour_note("96415", "96409")
    assert "Bill the infusion's first hour as 96365, and 96360 as 96361" in missing_first_hour_note("96366", "96360")
    said = missing_first_hour_note("96366", "96409")
    assert "Bill the infusion's first hour as 96367." in said and "96409 as" not in said
    pairs = [(code, initial) for code in ("96415", "96366") for initial in ("96409", "96374", "96360")]
    assert all("; " not in missing_first_hour_note(code, initial) for code, initial in pairs)


def test_a_second_iv_site_with_xu_or_59_is_not_noted(pricer: Pricer) -> None:
    for modifier in ("XU", "59"):
        encounter = pricer.price_encounter(["96365", f"96374-{modifier}"], zip_code=ZIP, date_of_service=DATE)
        assert not any("initial drug administration" in said for said in encounter.lines[1].notes), modifier


def test_the_trial_s_notes_and_the_batch_s_bytes_whatever_the_chunk_size(pricer: Pricer, tmp_path: Path) -> None:
    """`rvucalc price 96365 96374` names 96375; the trial's remit claims in batch, after 98 other claims, chunked
    by 100, 101 and 1000 rows, write the same bytes, with the notes on 96374 and 96366."""
    out = CliRunner().invoke(app, ["price", "96365", "96374", "--zip", ZIP, "--date", DATE, "--setting", "11"])
    assert out.exit_code == 0, out.output
    said = " ".join(out.stdout.split())
    assert "Bill 96375 instead of 96374" in said and "ch. 12 §30.5" in said
    source = tmp_path / "remit.csv"
    rows = [["Claim Number", "Service Date", "HCPCS Code", "Modifier 1", "Unit Count", "Place of Service",
             "Service Facility Zip"],
            ["ID26-0002", "01/20/2026", "96365", "", "1", "11", ZIP],
            ["ID26-0002", "01/20/2026", "96374", "", "1", "11", ZIP],
            ["ID26-0003", "01/20/2026", "96413", "", "1", "11", ZIP],
            ["ID26-0003", "01/20/2026", "96374", "", "1", "11", ZIP],
            ["ID26-0003", "01/20/2026", "96366", "", "1", "11", ZIP]]  # fmt: skip
    filler = [[f"F{n}", "01/20/2026", "99213", "", "1", "11", ZIP] for n in range(98)]  # the claims straddle row 100
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([rows[0], *filler, *rows[1:]])
    written = []
    for chunk in ("100", "101", "1000"):
        target = tmp_path / f"out{chunk}.csv"
        result = CliRunner().invoke(app, ["batch", str(source), "-o", str(target), "--chunk-rows", chunk])
        assert result.exit_code == 0, result.output
        written.append(target.read_bytes())
    assert written[0] == written[1] == written[2]
    priced = list(csv.DictReader(written[0].decode().splitlines()))[98:]
    notes = [" ".join(v for k, v in row.items() if "note" in k.lower()) for row in priced]
    assert "Bill 96375 instead of 96374" in notes[1] and "Bill 96375 instead of 96374" in notes[3]
    assert "bill 96415 instead of 96366" in notes[4]
    assert "initial drug administration" not in notes[0] + notes[2]


def test_units_of_an_initial_code_are_noted_in_price_and_batch(pricer: Pricer, tmp_path: Path) -> None:
    """A rheumatology infusion suite's trial: 96413 x 3 for a three-hour infliximab infusion (and 96365 x 2) was priced
    as 3 (2) initial services with no word, though the initial service is one per encounter (ch. 12 §30.5) and the
    later hours are 96415 (96366). The note names them, in price and batch alike; the amounts stay units x CMS's fee;
    a lone unit, and units of the additional hour codes, are not noted."""
    from rvucalc.engine.drug_admin import initial_units_note

    assert initial_units_note("96413", 1) is None and initial_units_note("96415", 2) is None
    cases = [("96413", 3, "96415"), ("96365", 2, "96366"), ("96374", 2, "96375")]
    rows = [["Claim ID", "DOS", "CPT", "Units", "POS", "Svc Loc ZIP"]]
    rows += [[f"U{n}", "02/10/2026", code, str(units), "11", ZIP] for n, (code, units, _) in enumerate(cases)]
    rows += [["U9", "02/10/2026", "96413", "1", "11", ZIP], ["U9", "02/10/2026", "96415", "2", "11", ZIP]]
    source, target = tmp_path / "infusions.csv", tmp_path / "out.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows(rows)
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    priced = list(csv.DictReader(target.read_text().splitlines()))
    for (code, units, then), row in zip(cases, priced, strict=False):
        note = initial_units_note(code, units)
        assert note is not None and f"is {then}" in note and "; " not in note and "ch. 12 §30.5" in note
        line = pricer.price_encounter([code], units=[units], zip_code=ZIP, date_of_service=DATE).lines[0]
        assert line.notes.count(note) == 1, line.notes
        assert row["note"].split("; ").count(note) == 1, row["note"]
        assert Decimal(row["allowed"]) == _cms_office_fee(pricer, code) * units  # priced as given
    assert "an initial service" not in priced[3]["note"] + priced[4]["note"]


def test_units_of_a_second_initial_code_are_not_told_to_stay_its_code(pricer: Pricer, tmp_path: Path) -> None:
    """A review: 96413 with 96365 x 2 on one claim and date, in price and batch alike, read on the 96365 line both
    "Bill 96367 instead of 96365" (the encounter's initial service is 96413: ``second_initial_note``) and "so 96365 is 1
    unit" (``initial_units_note``). The units note says the encounter's initial service is one unit, naming no code to
    keep; the hours and new drugs' codes are said as before, and the amounts are unchanged (units x CMS's fee)."""
    from rvucalc.engine.drug_admin import initial_units_note

    note = initial_units_note("96365", 2)
    assert note is not None and "96365 is 1 unit" not in note and "is 96366, a new drug's 96367" in note
    second = second_initial_note("96365", "96413")
    line = pricer.price_encounter(["96413", "96365"], units=[1, 2], zip_code=ZIP, date_of_service=DATE).lines[1]
    assert line.notes.count(note) == 1 and line.notes.count(second) == 1, line.notes
    source, target = tmp_path / "two.csv", tmp_path / "out.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([["Claim ID", "DOS", "CPT", "Units", "POS", "Svc Loc ZIP"],
                                      ["T1", "02/10/2026", "96413", "1", "11", ZIP],
                                      ["T1", "02/10/2026", "96365", "2", "11", ZIP]])  # fmt: skip
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    row = list(csv.DictReader(target.read_text().splitlines()))[1]
    assert row["note"].split("; ").count(note) == 1 and row["note"].split("; ").count(second) == 1, row["note"]
    assert Decimal(row["allowed"]) == _cms_office_fee(pricer, "96365") * 2
