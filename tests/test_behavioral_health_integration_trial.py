"""A behavioral health trial's two rule gaps (its export2.csv and export5.csv, Minneapolis, POS 11).

1. General BHI (99484) and psychiatric collaborative care (99492, 99493, 99494, G2214) billed by a clinical social
   worker, marriage and family therapist, mental health counselor or clinical psychologist were priced as billed (an
   LCSW's 99484 at 75%, a PsyD's at 100%, no word): Medicare pays them to the treating practitioner, a physician or
   NPP (NGS Medicare restating CMS's MLN booklet MLN909432), and created G0323 for these practitioners' care
   management (CY2023 PFS final rule). They are denied as their E/M lines are (engine.modifiers'
   mental_health_benefit_denial), in price, batch and compare alike, naming G0323; a physician's or NP's line of the
   same code keeps CMS's amount and no such word.
2. The testing add-ons whose base codes CPT names (96131 with 96130, 96133 with 96132, 96137 with 96136, 96139 with
   96138, 96121 with 96116, 96113 with 96112: engine.add_ons.SAME_DATE_PRIMARIES): the trial's claim E5003 (a PhD's
   96130 + 96137 x 3) said nothing of 96137's missing 96136.
3. A calendar-month add-on beside another code but not its base code: the trial's E5001 (99484 + 99494) said nothing
   of 99494's missing 99492 or 99493 (engine.add_ons.MONTHLY_ADD_ONS).
Every amount is CMS's: (work RVU x GPCI + PE RVU x GPCI + MP RVU x GPCI) x CF of the shipped CMS files, rounded once
half-up, times the practitioner's share (75% for a CSW, 42 CFR 414.53, 85% for an NP), unchanged by the notes.
"""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine.add_ons import without_primary_note
from rvucalc.errors import ErrorKind, RvucalcError
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _money, encounters_both_ways, office_fee

ZIP, DATE = "55404", "2026-08-03"
WHERE = {"zip_code": ZIP, "date_of_service": DATE, "setting": "11"}
BHI_CODES = ["99484", "99492", "99493", "99494", "G2214"]
# A batch provider cell (the trial's credentials and others) and the --provider it names
CREDENTIALS = [("LCSW", "csw"), ("LICSW", "csw"), ("LMFT", "csw"), ("LPC", "csw"), ("PsyD", "psychologist"),
               ("PhD", "psychologist")]  # fmt: skip
SHARE = {"physician": Decimal(1), "np": Decimal("0.85"), "csw": Decimal("0.75"), "psychologist": Decimal(1)}
ADD_ON_PART = " is an add-on code (global period ZZZ"


def _cms(pricer: Pricer, code: str, provider: str, where: dict[str, str] = WHERE) -> Decimal:
    """CMS's office amount for the practitioner: the fee schedule amount of CMS's RVUs, GPCIs and CF (the code's own
    row and the locality's GPCIs), exact and rounded once half-up as CMS publishes it, then the practitioner's share
    of that amount rounded to the cent (the MAC's 85% or 75% of the published fee schedule amount)."""
    pfs = pricer.price(code, **where).pfs  # type: ignore[arg-type]
    row, gpci = pfs.rvu, pfs.gpci
    fee = (Fraction(row.work) * Fraction(gpci.work) + Fraction(row.pe_non_facility) * Fraction(gpci.pe)
           + Fraction(row.mp) * Fraction(gpci.mp)) * Fraction(pfs.conversion_factor)  # fmt: skip
    cents = (Decimal(fee.numerator) / Decimal(fee.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert cents == office_fee(pricer, code, where)
    return (cents * SHARE[provider]).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _batch(pricer: Pricer, rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    return BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()


def denied_alike(
    pricer: Pricer, code: str, cells: list[tuple[str, str]], where: dict[str, str] = WHERE
) -> list[dict[str, Any]]:
    """A mental health practitioner's line of ``code`` (each ``cells``' (provider cell, --provider)): denied, nothing
    priced, in batch and in `rvucalc price` by --provider and by AJ/AH alike, with the same message. The batch rows."""
    rows = [{"claim": f"K{n}", "code": code, "zip": where["zip_code"], "date": where["date_of_service"],
             "setting": where["setting"], "provider": cell} for n, (cell, _) in enumerate(cells)]  # fmt: skip
    priced = _batch(pricer, rows)
    for (cell, provider), row in zip(cells, priced, strict=True):
        assert row["error_kind"] == ErrorKind.DENIED.value, (cell, row)
        assert row["allowed"] is None and row["medicare"] is None and row["pfs_non_facility_amount"] is None
        with pytest.raises(RvucalcError) as caught:
            pricer.price(code, provider=provider, **where)  # type: ignore[arg-type]
        assert caught.value.kind is ErrorKind.DENIED and str(caught.value) == row["error"], cell
        with pytest.raises(RvucalcError) as by_modifier:
            pricer.price(code, modifier="AJ" if provider == "csw" else "AH", **where)  # type: ignore[arg-type]
        assert str(by_modifier.value) == row["error"]
    return priced


def priced_at_cms_amount(pricer: Pricer, code: str, where: dict[str, str] = WHERE) -> list[tuple[dict[str, Any], Any]]:
    """A physician's and an NP's line of ``code``: CMS's office amount (the NP's 85%: ``_cms``) in batch and in
    `rvucalc price` alike, no error. The (batch row, price result) pairs."""
    cells = (("MD", "physician"), ("NP", "np"))
    rows = [{"code": code, "zip": where["zip_code"], "date": where["date_of_service"], "setting": where["setting"],
             "provider": cell} for cell, _ in cells]  # fmt: skip
    pairs = []
    for (cell, provider), row in zip(cells, _batch(pricer, rows), strict=True):
        expected = _cms(pricer, code, provider, where)
        single = pricer.price(code, provider=provider, **where)  # type: ignore[arg-type]
        assert not row["error"], (cell, row["error"])
        assert _money(row["pfs_non_facility_amount"]) == single.pfs.non_facility.amount == expected, (cell, code)
        pairs.append((row, single))
    return pairs


@pytest.mark.parametrize("code", BHI_CODES)
def test_bhi_and_collaborative_care_by_a_csw_or_psychologist_are_denied_naming_g0323_in_price_and_batch(
    pricer: Pricer, code: str
) -> None:
    """The trial's E3008 (an LICSW's 99492) and E3009 (a PsyD's 99484): a batch row of the credential and `rvucalc
    price CODE --provider ...` (and AJ or AH naming the practitioner) give the same denial, nothing priced."""
    for row in denied_alike(pricer, code, CREDENTIALS):
        assert "G0323" in row["error"] and "MLN909432" in row["error"] and "; " not in row["error"], row["error"]
    said = row["error"]
    if code == "99484":
        assert "general behavioral health integration" in said and "billed as G0323" in said
    else:
        assert "psychiatric collaborative care" in said and "a physician, NP or PA" in said


@pytest.mark.parametrize("code", BHI_CODES)
def test_a_physician_s_or_np_s_bhi_line_keeps_cms_amount_and_no_denial(pricer: Pricer, code: str) -> None:
    """The treating practitioner's line of the same code: CMS's amount (an NP's 85%), in price and batch alike."""
    for row, single in priced_at_cms_amount(pricer, code):
        assert "G0323" not in row["note"] and not any("G0323" in note for note in single.notes)


def test_g0323_is_the_csw_s_and_psychologist_s_own_code_priced_at_cms_amount(pricer: Pricer) -> None:
    rows = [{"code": "G0323", "zip": ZIP, "date": DATE, "setting": "11", "provider": c} for c in ("LCSW", "PsyD")]
    for (cell, provider), row in zip((("LCSW", "csw"), ("PsyD", "psychologist")), _batch(pricer, rows), strict=True):
        single = pricer.price("G0323", provider=provider, **WHERE)  # type: ignore[arg-type]
        assert not row["error"], (cell, row["error"])
        expected = _cms(pricer, "G0323", provider)
        assert _money(row["pfs_non_facility_amount"]) == single.pfs.non_facility.amount == expected, cell


def test_price_exits_1_and_compare_says_the_denial(tmp_path: Path) -> None:
    """`rvucalc price 99484 --provider LCSW --zip 55404 --date 2026-08-03` (the trial's command: $56.75-ish at 75%
    with no word) exits 1 naming G0323; compare names the denial for the CoCM code too."""
    done = CliRunner().invoke(app, ["price", "99484", "--provider", "LCSW", "--zip", ZIP, "--date", DATE])
    assert done.exit_code == 1, done.output
    assert "G0323" in " ".join(done.output.split())
    done = CliRunner().invoke(app, ["compare", "99492", "90837", "--provider", "psychologist", "--from", "2025",
                                    "--to", "2026", "--zip", ZIP, "-f", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    changes = {change["code"]: change for change in json.loads(done.stdout)["codes"]}
    assert changes["99492"]["change"] == "not_comparable" and "G0323" in changes["99492"]["not_comparable_reason"]
    assert changes["90837"]["change"] != "not_comparable"


TESTING_CLAIMS = [
    (["96130", "96137"], [False, True]),  # the trial's E5003: evaluation beside administration's add-on
    (["96136", "96137"], [False, False]),
    (["96130", "96131"], [False, False]),
    (["96132", "96131"], [False, True]),
    (["96132", "96133"], [False, False]),
    (["96130", "96133"], [False, True]),
    (["96138", "96139"], [False, False]),
    (["96136", "96139"], [False, True]),  # the psychologist's first 30 minutes, the technician's add-on
    (["96116", "96121"], [False, False]),
    (["96130", "96121"], [False, True]),
    (["96112", "96113"], [False, False]),
    (["99213", "96113"], [False, True]),
    (["96136", "96137", "96130", "96131"], [False, False, False, False]),
]


def test_a_testing_add_on_beside_other_codes_but_not_its_base_code_is_noted_in_price_and_batch(
    pricer: Pricer,
) -> None:
    for codes, code, line, row, expected in encounters_both_ways(pricer, TESTING_CLAIMS, ZIP, DATE, setting="11"):
        note = without_primary_note(code, alone=False)
        assert (note in line.notes) is expected, (codes, code, line.notes)
        assert (note in row["note"].split("; ")) is expected, (codes, code, row["note"])
        assert (ADD_ON_PART in row["note"]) is expected, (codes, code, row["note"])
        assert _money(row["pfs_non_facility_amount"]) == line.pfs.non_facility.amount == _cms(pricer, code, "physician")
    for code, base in (("96131", "96130"), ("96133", "96132"), ("96137", "96136"), ("96139", "96138"),
                       ("96121", "96116"), ("96113", "96112")):  # fmt: skip
        for alone in (True, False):
            said = without_primary_note(code, alone)
            assert f"only when {base} (" in said and "the MAC denies it" in said and "; " not in said, said


def test_the_trial_s_psychologist_claim_notes_96137_at_cms_amount(pricer: Pricer) -> None:
    """E5003: a PhD's 96130 and 96137 x 3 on 08/11/2026: a psychologist is paid 100%; 96137 says 96136 is missing."""
    place = {"zip": ZIP, "date": "2026-08-11", "setting": "11", "provider": "PhD", "claim": "E5003"}
    rows = _batch(pricer, [{**place, "code": "96130", "units": "1"}, {**place, "code": "96137", "units": "3"}])
    encounter = pricer.price_encounter(["96130", "96137"], zip_code=ZIP, date_of_service="2026-08-11", setting="11",
                                       provider="psychologist", units=[1, 3])  # fmt: skip
    note = without_primary_note("96137", alone=False)
    assert note not in rows[0]["note"] and note in rows[1]["note"].split("; ")
    assert note in encounter.lines[1].notes and note not in encounter.lines[0].notes
    for row, line, code, units in zip(rows, encounter.lines, ("96130", "96137"), (1, 3), strict=True):
        fee = _cms(pricer, code, "psychologist")
        assert _money(row["pfs_non_facility_amount"]) == line.pfs.non_facility.amount == fee, code
        assert _money(row["allowed"]) == fee * units, code


MONTHLY_CLAIMS = [
    (["99484", "99494"], [False, True]),  # the trial's E5001: general BHI is no base code of 99494's
    (["99492", "99494"], [False, False]),
    (["99493", "99494"], [False, False]),
    (["99213", "99439"], [False, True]),
    (["99490", "99439"], [False, False]),
]


def test_a_monthly_add_on_beside_another_code_but_not_its_base_code_is_noted_in_price(pricer: Pricer) -> None:
    """`rvucalc price 99494 99484 --date 2026-08-03`: 99494's base codes are 99492 and 99493; the 99484 line kept the
    add-on's note away (only an encounter of add-on codes alone was noted)."""
    for codes, said in MONTHLY_CLAIMS:
        encounter = pricer.price_encounter(codes, **WHERE)  # type: ignore[arg-type]
        for code, line, expected in zip(codes, encounter.lines, said, strict=True):
            note = without_primary_note(code, alone=False)
            assert (note in line.notes) is expected, (codes, code, line.notes)
            assert line.pfs.non_facility.amount == _cms(pricer, code, "physician"), (codes, code)
    note = without_primary_note("99494", alone=False)
    assert "no line of this claim is its base service" in note and "(99492 or 99493" in note
    assert "every line of this claim" not in note and "; " not in note
    done = CliRunner().invoke(app, ["price", "99494", "99484", "--zip", ZIP, "--date", DATE, "-f", "json"])
    assert done.exit_code == 0, done.output
    lines = json.loads(done.stdout)["lines"]
    assert note in lines[0]["notes"] and not any(ADD_ON_PART in text for text in lines[1]["notes"])


def test_a_monthly_add_on_s_note_is_one_note_and_its_base_code_in_batch_keeps_it_quiet(pricer: Pricer) -> None:
    """Batch finds the base code in the claim's month (no note); an add-on of a claim of add-on codes alone is noted,
    its note one of the row's notes (no "; " inside it: the month's rule said "(99492 or 99493; CPT: ...")."""
    place = {"zip": ZIP, "date": DATE, "setting": "11"}
    claims = [("A", "99492"), ("A", "99494"), ("B", "99494"), ("B", "99458")]
    rows = _batch(pricer, [{**place, "claim": claim, "code": code} for claim, code in claims])
    assert ADD_ON_PART not in rows[1]["note"]
    assert without_primary_note("99494", alone=False) in rows[2]["note"].split("; ")


def test_a_monthly_add_on_beside_another_code_but_not_its_base_code_is_noted_in_batch(pricer: Pricer) -> None:
    """The trial's E5001 (99484 + 99494 on 08/11/2026) in batch, as price says it; its month's 99492 keeps it quiet."""
    for codes, code, line, row, expected in encounters_both_ways(pricer, MONTHLY_CLAIMS, ZIP, DATE, setting="11"):
        note = without_primary_note(code, alone=False)
        assert (note in line.notes) is expected, (codes, code)
        assert (note in row["note"].split("; ")) is expected, (codes, code, row["note"])
        assert _money(row["pfs_non_facility_amount"]) == line.pfs.non_facility.amount
    place = {"zip": ZIP, "setting": "11", "claim": "E5001"}
    rows = _batch(pricer, [{**place, "date": "2026-08-11", "code": "99484"},
                           {**place, "date": "2026-08-11", "code": "99494"},
                           {**place, "date": "2026-08-02", "code": "99493", "claim": "E5009"},
                           {**place, "date": "2026-08-11", "code": "99494", "claim": "E5009"},
                           {**place, "date": "2026-08-11", "code": "99213", "claim": "E5009"}])  # fmt: skip
    assert without_primary_note("99494", alone=False) in rows[1]["note"].split("; ")
    assert ADD_ON_PART not in rows[0]["note"] and ADD_ON_PART not in rows[3]["note"]


def test_the_trial_s_exports_through_the_cli(tmp_path: Path) -> None:
    """`rvucalc batch export2.csv` / `export5.csv` with the trial's columns: the CSW's and psychologist's BHI rows are
    denied, the MD's are priced; E5003's 96137 names 96136."""
    header = ["Encounter ID", "Patient ID", "Service Date", "CPT/HCPCS", "Modifier 1", "Modifier 2", "Units",
              "Place of Service", "Service Zip", "Rendering Provider", "Credentials", "Charge Amount"]  # fmt: skip
    trial = [("E3008", "08/07/2026", "99492", "1.00", "11 - Office", "NGUYEN, LINH LICSW", "LICSW"),
             ("E3009", "08/07/2026", "99484", "1.00", "11 - Office", "KING, ROSE PSYD", "PsyD"),
             ("E5001", "08/11/2026", "99484", "1", "11", "OLSON, KAREN MD", "MD"),
             ("E5003", "08/11/2026", "96130", "1", "11", "BERG, DAVID PHD", "PhD"),
             ("E5003", "08/11/2026", "96137", "3", "11", "BERG, DAVID PHD", "PhD")]  # fmt: skip
    source = tmp_path / "export.csv"
    with source.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for claim, date, code, units, place, name, credential in trial:
            writer.writerow([claim, "P1", date, code, "", "", units, place, ZIP, name, credential, "$100.00"])
    out = tmp_path / "out.csv"
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 1, done.output  # two rows denied
    assert "2 denied" in done.output
    rows = list(csv.DictReader(out.open()))
    assert [row["error_kind"] for row in rows] == ["denied", "denied", "", "", ""]
    assert all("G0323" in row["error"] for row in rows[:2])
    assert rows[2]["allowed"] != "" and "G0323" not in rows[2]["note"]
    assert without_primary_note("96137", alone=False) in rows[4]["note"].split("; ")
    assert ADD_ON_PART not in rows[3]["note"]


def test_a_named_primary_add_on_beside_a_bad_line_is_not_told_the_bad_line_may_be_its_primary(tmp_path: Path) -> None:
    """A review: 99489 (base code 99487 only) and 96131 (base code 96130 only) beside a bad line were told "its primary
    procedure may be line 3 (37229)": a line of another code (37229, 90837-ZZ) cannot be their primary. A bad line of
    the base code (96130-ZZ) still may be, as a malformed code may (tests/test_add_ons_without_primary.py)."""
    from conftest import run_batch_rows

    rows = [{"claim": claim, "date": "2026-03-05", "zip": "10001", "code": code, "setting": "11"}
            for claim, code in (("M1", "99489"), ("M1", "93000"), ("M1", "37229"), ("K3", "96131"), ("K3", "93000"),
                                ("K3", "90837-ZZ"), ("K5", "96131"), ("K5", "96130-ZZ"))]  # fmt: skip
    _, out = run_batch_rows(tmp_path, rows)
    assert len(out) == 8
    for at in (0, 3):
        assert "may be line" not in out[at]["note"], out[at]["note"]
        assert f"{out[at]['code']} is an add-on code" in out[at]["note"]
    assert "may be line 2 (96130-ZZ)" in out[6]["note"], out[6]["note"]
