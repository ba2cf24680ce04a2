"""An add-on code billed without any primary procedure (engine.add_ons): CMS's PFS relative value file gives add-on
codes the global period ZZZ ("The code is related to another service and is always included in the global period of the
other service", RVU25A.pdf), and Medicare pays one only with its primary procedure (CMS Transmittal 2636, CR 7501). A
note where the encounter has no other kind of code; the amounts are CMS's, unchanged. Price and batch agree: a line
alone (``price CODE``, a batch row no claim groups, a claim of one line) and a claim's date of add-on codes only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine.add_ons import bad_line_note, without_primary_note
from rvucalc.lookup.pricer import Pricer

ZIP, LOCALITY, DATE = "10001", "1320201", "2026-08-03"
WHERE = {"zip_code": ZIP, "date_of_service": DATE}
ADD_ON_PART = " is an add-on code (global period ZZZ"


def _store(pricer: Pricer) -> Any:
    return pricer.store(pricer.select(None, dt.date.fromisoformat(DATE))[0])


def _row(pricer: Pricer, code: str) -> dict[str, Any]:
    row = _store(pricer).rvu(code, "")
    assert row is not None
    return row


def _facility_fee(pricer: Pricer, code: str) -> Decimal:
    """CMS's facility fee schedule amount from the RVU file row and the locality's GPCIs, rounded once."""
    row, place = _row(pricer, code), _store(pricer).locality(LOCALITY)
    assert place is not None
    rvus = (Fraction(row["work_rvu"], 100) * Fraction(place["gpci_work"], 1000)
            + Fraction(row["pe_fac_rvu"], 100) * Fraction(place["gpci_pe"], 1000)
            + Fraction(row["mp_rvu"], 100) * Fraction(place["gpci_mp"], 1000))  # fmt: skip
    exact = rvus * Fraction(row["conv_factor"], 10_000)
    return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _money(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value)).quantize(Decimal("0.01"))


def office_fee(pricer: Pricer, code: str, where: dict[str, str]) -> Decimal:
    """CMS's non-facility fee schedule amount: (work x GPCI + PE x GPCI + MP x GPCI) x CF of CMS's published figures
    for the code priced alone at ``where``, rounded once half-up (the add-on primaries' tests)."""
    pfs = pricer.price(code, **where).pfs  # type: ignore[arg-type]
    row, gpci = pfs.rvu, pfs.gpci
    exact = (Fraction(row.work) * Fraction(gpci.work) + Fraction(row.pe_non_facility) * Fraction(gpci.pe)
             + Fraction(row.mp) * Fraction(gpci.mp)) * Fraction(pfs.conversion_factor)  # fmt: skip
    return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _batch(pricer: Pricer, rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    return BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()


def encounters_both_ways(
    pricer: Pricer, claims: list[tuple[list[str], list[bool]]], zip_code: str, date: str, setting: str = ""
) -> Iterator[tuple[list[str], str, Any, dict[str, Any], bool]]:
    """Each claim's codes priced as one encounter (``price A B``) and as one batch claim: per line, the claim's codes,
    the line's code, its single lookup's line, its batch row and what the claim says of it."""
    place = {"zip": zip_code, "date": date, **({"setting": setting} if setting else {})}
    rows = [{"claim": f"C{n}", "code": code, **place} for n, (codes, _) in enumerate(claims) for code in codes]
    out = iter(_batch(pricer, rows))
    where = {"zip_code": zip_code, "date_of_service": date, **({"setting": setting} if setting else {})}
    for codes, said in claims:
        encounter = pricer.price_encounter(codes, **where)
        for code, line, expected in zip(codes, encounter.lines, said, strict=True):
            yield codes, code, line, next(out), expected


# 11103 (each additional tangential biopsy), 17003 (each additional premalignant lesion), 22614 (each additional
# posterior fusion segment): CMS's RVU file gives them global period ZZZ and status A; 11102 (000), 17000 (010) and
# 99213 (XXX) are not add-ons.
ADD_ONS = ["11103", "17003", "22614"]


def test_the_codes_are_add_ons_in_cms_file(pricer: Pricer) -> None:
    for code in ADD_ONS:
        assert (_row(pricer, code)["global_days"], _row(pricer, code)["status"]) == ("ZZZ", "A"), code
    for code in ("11102", "17000", "99213"):
        assert _row(pricer, code)["global_days"] != "ZZZ", code


@pytest.mark.parametrize("code", ADD_ONS)
def test_a_lone_add_on_says_it_has_no_primary_in_price_and_batch(pricer: Pricer, code: str) -> None:
    """A review: `rvucalc price 11103 --zip 10001` and a batch claim of 17003 alone said nothing of the primary
    procedure Medicare pays the add-on with. The note, once, in price, a batch row no claim groups and a claim of one
    line; the money is CMS's fee schedule amount, unchanged."""
    note = without_primary_note(code, alone=True)
    single = pricer.price(code, **WHERE)
    assert single.notes.count(note) == 1
    assert single.pfs.facility.amount == _facility_fee(pricer, code)
    rows = [{"code": code, "zip": ZIP, "date": DATE}, {"code": code, "zip": ZIP, "date": DATE, "claim": "A1"}]
    for row in (*_batch(pricer, rows[:1]), *_batch(pricer, rows[1:])):
        assert row["note"].split("; ").count(note.split("; ")[0]) == 1 and note in row["note"], row["note"]
        assert _money(row["pfs_facility_amount"]) == _facility_fee(pricer, code)
    out = CliRunner().invoke(app, ["price", code, "--zip", ZIP, "--date", DATE])
    assert out.exit_code == 0, out.output
    assert f"{code}{ADD_ON_PART}" in " ".join(out.stdout.split())


CLAIMS = [
    (["11103", "11105"], [True, True]),  # add-ons only: both said
    (["11102", "11103"], [False, False]),  # the biopsy's primary
    (["99213", "22614"], [False, False]),  # another kind of code: rvucalc cannot tell it is no primary
    (["99213", "11103"], [False, True]),  # 11103's primaries are listed (engine.add_ons.SAME_DATE_PRIMARIES)
    (["17003", "17000"], [False, False]),
    (["99292", "11103"], [False, True]),  # 99292 says its own (no 99291), not this one
    (["22614", "17003", "11103"], [True, True, True]),
]


def test_an_encounter_of_add_ons_only_says_so_and_one_with_another_code_does_not(pricer: Pricer) -> None:
    """The note on each add-on of an encounter whose lines are all add-on codes (its encounter words), none where any
    line is another kind of code; in price and in a batch claim alike, the amounts unchanged."""
    for codes, code, line, row, expected in encounters_both_ways(pricer, CLAIMS, ZIP, DATE):
        note = without_primary_note(code, alone=False)
        assert (note in line.notes) is expected, (codes, code)
        assert (note in row["note"]) is expected, (codes, code, row["note"])
        assert ADD_ON_PART not in row["note"] or expected, (codes, code)
        assert _money(row["pfs_facility_amount"]) == line.pfs.facility.amount == _facility_fee(pricer, code)
    alone = pricer.price_encounter(["99292", "11103"], **WHERE).lines[0]
    assert not any(ADD_ON_PART in text for text in alone.notes)
    assert any("99292 is an add-on to 99291" in text for text in alone.notes)


def test_a_claims_add_on_on_another_date_than_its_primary_is_alone(pricer: Pricer) -> None:
    """A claim's encounter is its lines of one date: 11102 on one day and 11103 the next, the add-on is alone on its
    date (as `price 11103` on that date)."""
    rows = [{"claim": "X", "code": "11102", "zip": ZIP, "date": DATE},
            {"claim": "X", "code": "11103", "zip": ZIP, "date": "2026-08-04"}]  # fmt: skip
    primary, add_on = _batch(pricer, rows)
    assert ADD_ON_PART not in primary["note"]
    assert without_primary_note("11103", alone=True) in add_on["note"]


def test_a_contractor_priced_add_on_is_noted_and_an_unpaid_one_is_not(pricer: Pricer) -> None:
    """A status C add-on (the MAC prices it) is noted as an add-on; an add-on the PFS does not pay (status B, N, I, X)
    has its status's reason, not this note. Codes chosen from CMS's RVU file."""
    store = _store(pricer)
    rows = [row for row in store.rows("rvu") if row["global_days"] == "ZZZ" and not row["modifier"]]
    contractor = next(row["hcpcs"] for row in rows if row["status"] == "C")
    unpaid = next(row["hcpcs"] for row in rows if row["status"] in ("B", "N"))
    assert without_primary_note(contractor, alone=True) in pricer.price(contractor, **WHERE).notes
    assert not any(ADD_ON_PART in text for text in pricer.price(unpaid, **WHERE).notes)
    out = _batch(pricer, [{"code": code, "zip": ZIP, "date": DATE} for code in (contractor, unpaid)])
    assert without_primary_note(contractor, alone=True) in out[0]["note"] and ADD_ON_PART not in out[1]["note"]


def test_an_add_on_after_its_bad_primary_names_it(pricer: Pricer) -> None:
    """A review's claim: 11042 with units 0 (a row error) and 11045. The claim's rules run without the bad line, so
    the add-on has no primary it is paid with (the single lookup's note), and the bad line may be the one meant: the
    add-on's note names it (it said nothing of its primary before, as though 11042 were priced with it)."""
    rows = [{"claim": "A", "code": "11042", "zip": ZIP, "date": DATE, "units": "0"},
            {"claim": "A", "code": "11045", "zip": ZIP, "date": DATE, "units": "1"},
            {"claim": "B", "code": "11045", "zip": ZIP, "date": DATE, "units": "1"}]  # fmt: skip
    first, add_on, lone = _batch(pricer, rows)
    assert first["error"] and not add_on["error"]
    assert without_primary_note("11045", alone=True) in add_on["note"], add_on["note"]
    assert bad_line_note(["1 (11042)"]) in add_on["note"]
    assert ADD_ON_PART in lone["note"] and "Its primary procedure may be" not in lone["note"]


def test_a_bad_line_is_judged_an_add_on_by_its_own_claim_s_release_not_another_claim_s(pricer: Pricer) -> None:
    """At 1,000,000 realistic lines, a 2025 claim's 63035 beside G0568 (not in the CY2025 fee schedule: a row error)
    lost "its primary procedure may be line 2 (G0568)" when a 2026 claim of a skin substitute beside a bad line (0720T,
    deleted for 2026) shared its chunk: G0568 has global period ZZZ in 2026, and the add-on codes of the releases of
    every such claim were taken together."""
    g0568 = pricer.price("G0568", zip_code=ZIP, date_of_service="2026-02-24")
    assert _store(pricer).rvu("G0568", "")["global_days"] == "ZZZ" and g0568.year == 2026
    rows = [{"claim": "B", "code": "0720T", "zip": ZIP, "date": "2026-02-24", "units": "1"},
            {"claim": "B", "code": "Q4279", "zip": ZIP, "date": "2026-02-24", "units": "1"},
            {"claim": "A", "code": "63035", "zip": ZIP, "date": "2025-10-27", "units": "1"},
            {"claim": "A", "code": "G0568", "zip": ZIP, "date": "2025-10-27", "units": "1"}]  # fmt: skip
    deleted, skin, add_on, bad = _batch(pricer, rows)
    assert "not in CY2026" in deleted["error"] and bad_line_note(["1 (0720T)"]) in skin["note"], skin["note"]
    assert "not in the CY2025 fee schedule" in bad["error"] and not add_on["error"]
    assert without_primary_note("63035", alone=True) in add_on["note"], add_on["note"]
    assert bad_line_note(["2 (G0568)"]) in add_on["note"], add_on["note"]


def test_a_claims_add_on_met_apart_from_its_primary_says_nothing_of_it(tmp_path: Any, monkeypatch: Any) -> None:
    """In a file too long to regroup, claim A's 11045 after claim B's line is priced apart from A's 11042 (and says
    so): not as an add-on without a primary."""
    import csv as csv_module

    monkeypatch.setattr("rvucalc.batch.regroup.REGROUP_ROWS", 2)
    source = tmp_path / "apart.csv"
    source.write_text(f"claim,code,zip,date\nA,11042,{ZIP},{DATE}\nB,99213,{ZIP},{DATE}\nA,11045,{ZIP},{DATE}\n")
    result = CliRunner().invoke(app, ["batch", str(source)])
    assert result.exit_code == 0, result.output
    add_on = list(csv_module.DictReader(result.stdout.splitlines()))[2]
    assert "not next to each other" in add_on["note"] or "apart" in add_on["note"], add_on["note"]
    assert ADD_ON_PART not in add_on["note"], add_on["note"]


@pytest.mark.parametrize(
    ("codes", "units", "bad_line"),
    [
        (["11103", "2259O"], ["1", "1"], "2 (2259O)"),  # a malformed code: a typo of a primary, perhaps
        (["11045", "11042"], ["1", "0"], "2 (11042)"),  # a primary with units 0 (a review)
        # an anesthesia line without its base units: no biopsy, so not 11103's primary (11102, 11104, 11106)
        (["11103", "00100"], ["1", "1"], None),
        (["11103", "11105"], ["1", "0"], None),  # an add-on is never a primary: the add-on note alone
    ],
)
def test_an_add_on_beside_a_bad_line_says_it_has_no_primary_and_the_bad_line_may_be_it(
    pricer: Pricer, codes: list[str], units: list[str], bad_line: str | None
) -> None:
    """A review: `rvucalc price 11103` says 11103 is an add-on priced alone, but a batch claim of 11103 and a malformed
    2259O said only that the rules ran without line 2: the bad line is no line of the claim's rules, nor a primary the
    add-on is paid with, and it may have been the primary meant. The add-on's note as `rvucalc price CODE` gives it,
    then the bad line that may have been its primary (none where the bad line is an add-on code); the money is CMS's
    fee schedule amount, unchanged."""
    add_on = codes[0]
    single = pricer.price(add_on, **WHERE)
    note = without_primary_note(add_on, alone=True)
    assert note in single.notes
    rows = [{"claim": "A", "code": code, "units": unit, "zip": ZIP, "date": DATE}
            for code, unit in zip(codes, units, strict=True)]  # fmt: skip
    row, bad = _batch(pricer, rows)
    assert bad["error"], bad
    assert f"the rules ran without line {bad_line or '2 (' + codes[1] + ')'}" in row["note"]
    assert note in row["note"], row["note"]
    hint = "Its primary procedure may be line"
    if bad_line is None:
        assert hint not in row["note"]
    else:
        assert bad_line_note([bad_line]) in row["note"]
        assert row["note"].index(note) < row["note"].index(bad_line_note([bad_line]))
    assert _money(row["pfs_facility_amount"]) == single.pfs.facility.amount == _facility_fee(pricer, add_on)
    # Beside its primary, the bad line changes nothing: no note of either.
    row, _, _ = _batch(pricer, [{"claim": "B", "code": "11102", "units": "1", "zip": ZIP, "date": DATE},
                                {**rows[0], "claim": "B"}, {**rows[1], "claim": "B"}])  # fmt: skip
    assert ADD_ON_PART not in row["note"] and hint not in row["note"]


def test_a_monthly_add_on_finds_its_base_code_in_the_claim_s_month(pricer: Pricer) -> None:
    """CPT's 99439 is "each additional 20 minutes of clinical staff time ..., per calendar month (List separately in
    addition to code for primary procedure)": its primary is the month's 99490, not a line of the same date. A trial's
    claim of 99490 on 03/15/2026 and 99439 on 03/31/2026 was told "priced alone here ... on the same date". Now the
    claim's 99490 of the month is its primary (no note); a 99439 of April beside a March 99490 names the month's base
    code, never "the same date"; a lone 99439 in price says the same."""
    rows = _batch(pricer, [
        {"claim": "C1", "date": "2026-03-15", "code": "99490", "zip": "19104", "setting": "11"},
        {"claim": "C1", "date": "2026-03-31", "code": "99439", "zip": "19104", "setting": "11"},
        {"claim": "C2", "date": "2026-04-01", "code": "99439", "zip": "19104", "setting": "11"},
        {"claim": "C2", "date": "2026-03-15", "code": "99490", "zip": "19104", "setting": "11"},
    ])  # fmt: skip
    assert "add-on code" not in rows[1]["note"], rows[1]["note"]
    assert "base service of the same calendar month (99490" in rows[2]["note"]
    assert "same date" not in rows[2]["note"]
    assert without_primary_note("99439", True) in rows[2]["note"]
    result = pricer.price("99439", zip_code="19104", year=2026)
    said = [note for note in result.notes if "add-on code" in note]
    assert said == [without_primary_note("99439", True)]
    assert "same date" not in said[0] and "per calendar month" in said[0]
    assert "same date" in without_primary_note("11045", True)  # a procedure's add-on keeps the same-date rule


def test_an_undated_monthly_add_on_finds_its_undated_base_code_as_price_does(pricer: Pricer) -> None:
    """A claim without dates of service is priced as of today, as ``rvucalc price 99490 99439`` without --date: its
    99490 and 99439 are in today's month. Batch read the undated 99439 as having no month and noted it as priced
    without its base service while price (one encounter) did not; the ESRD and APCM month rules already read an
    undated row as today's month. A lone undated 99439 is still noted in both."""
    rows = _batch(pricer, [
        {"claim": "U1", "code": "99490", "zip": "19104", "setting": "11"},
        {"claim": "U1", "code": "99439", "zip": "19104", "setting": "11"},
        {"claim": "U2", "code": "99439", "zip": "19104", "setting": "11"},
        {"claim": "U2", "code": "99213", "zip": "19104", "setting": "11"},
    ])  # fmt: skip
    encounter = pricer.price_encounter(["99490", "99439"], zip_code="19104", setting="11")
    assert not [note for line in encounter.lines for note in line.notes if "add-on code" in note]
    assert "add-on code" not in rows[1]["note"], rows[1]["note"]
    assert without_primary_note("99439", False) in rows[2]["note"]
    alone = pricer.price_encounter(["99439", "99213"], zip_code="19104", setting="11")
    assert [n for n in alone.lines[0].notes if "add-on code" in n] == [without_primary_note("99439", False)]
