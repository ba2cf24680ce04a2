"""Identical lines of one encounter (``engine.duplicates``): the second and later of lines with the same code and the
same modifiers (in any order), none of 76, 77 or 91, are noted as likely duplicates, which Medicare's claim edits deny
(MLN Matters MM8121; billing and coding article A53482, "Repeat or Duplicate Services on the Same Day"). A note only:
the amounts are those of the same lines with 76 on the repeat (76 does not change the PFS amount), in ``rvucalc price``
(table and JSON) and in ``rvucalc batch`` (a claim on one date of service, of one practitioner) alike."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine import duplicates
from rvucalc.lookup.pricer import Pricer

runner = CliRunner()
DATE, ZIP = "2026-08-03", "10001"
MARK = "Possible duplicate: "


def _noted(notes: Any) -> list[str]:
    parts = notes if isinstance(notes, list) else (notes or "").split("; ")
    return [part for part in parts if part.startswith(MARK)]


def test_the_rule_compares_code_and_modifiers_in_any_order_and_spares_repeat_modifiers() -> None:
    lines = [("27447", []), ("27447", []), ("71046", ["26", "59"]), ("71046", ["59", "26"]), ("27447", []),
             ("27447", ["RT"]), ("27447", ["LT"]), ("71046", ["26"]), ("71046", ["26", "76"]), ("71046", ["26", "76"]),
             ("85025", []), ("85025", ["91"]), ("85025", ["91"]), ("71046", ["26", "77"])]  # fmt: skip
    said = duplicates.duplicate_notes(lines)
    assert [n for n, note in enumerate(said) if note] == [1, 3, 4]
    assert said[1] == duplicates.duplicate_note("27447") and "27447" in said[1] and "76" in said[1]
    assert duplicates.duplicate_notes([("99213", [])]) == [None]


@pytest.mark.parametrize(
    ("codes", "noted"),
    [(["27447", "27447"], [1]), (["27447-RT", "27447-LT"], []), (["71046", "71046-76"], []),
     (["85025", "85025-91"], []), (["85025", "85025"], [1]), (["71046-26-59", "20610", "71046-59-26"], [2])],
)  # fmt: skip
def test_price_notes_the_repeated_line_in_json_and_the_table(
    pricer: Pricer, codes: list[str], noted: list[int]
) -> None:
    """The trial: `rvucalc price 27447 27447 --zip 10001` ranked the second 27447 at 50% as a second procedure with
    no word that an identical second line is denied as a duplicate."""
    done = runner.invoke(app, ["price", *codes, "--zip", ZIP, "--date", DATE, "-f", "json"])
    assert done.exit_code == 0, done.output
    lines = json.loads(done.stdout)["lines"]
    for number, line in enumerate(lines):
        code = codes[number].split("-")[0]
        assert _noted(line["notes"]) == ([duplicates.duplicate_note(code)] if number in noted else []), (codes, number)
    table = runner.invoke(app, ["price", *codes, "--zip", ZIP, "--date", DATE])
    assert table.exit_code == 0, table.output
    assert (MARK in table.stdout) == bool(noted)


def test_the_note_changes_no_amount(pricer: Pricer) -> None:
    """The repeated line is priced as the same line with 76 (informational for the PFS; the repeat a real claim
    means): the second 27447 at 50% by the multiple procedure rule, in every setting."""
    given = pricer.price_encounter(["27447", "27447"], zip_code=ZIP, date_of_service=DATE)
    repeat = pricer.price_encounter(["27447", "27447-76"], zip_code=ZIP, date_of_service=DATE)
    alone = pricer.price("27447", zip_code=ZIP, date_of_service=DATE)
    for line, other in zip(given.lines, repeat.lines, strict=True):
        assert line.pfs.facility.amount == other.pfs.facility.amount
        assert [site.total for site in line.sites] == [site.total for site in other.sites]
    assert given.lines[0].pfs.facility.amount == alone.pfs.facility.amount
    assert given.lines[1].pfs.facility.amount == (alone.pfs.facility.amount / 2).quantize(Decimal("0.01"))
    assert not _noted(repeat.lines[1].notes) and _noted(given.lines[1].notes)


ROWS = [  # (claim, code, modifier, date, provider type, noted)
    ("A", "27447", "", DATE, "", False), ("A", "27447", "", DATE, "", True),
    ("B", "27447", "RT", DATE, "", False), ("B", "27447", "LT", DATE, "", False),
    ("C", "71046", "", DATE, "", False), ("C", "71046", "76", DATE, "", False),
    ("D", "85025", "", DATE, "", False), ("D", "85025", "91", DATE, "", False),
    ("E", "85025", "", DATE, "", False), ("E", "85025", "", "2026-08-04", "", False),  # two dates
    ("F", "85025", "", DATE, "", False), ("G", "85025", "", DATE, "", False),  # two claims
    ("H", "99213", "", DATE, "MD", False), ("H", "99213", "", DATE, "NP", False),  # two practitioners
    ("I", "71046-26-59", "", DATE, "", False), ("I", "20610", "", DATE, "", False),
    ("I", "71046", "59,26", DATE, "", True), ("I", "71046-26", "59", DATE, "", True),  # a third, any order
    ("J", "99213", "", DATE, "NP", False), ("J", "99213", "", DATE, "NP", True),  # one NP twice
]  # fmt: skip


def test_batch_notes_the_repeated_rows_only(pricer: Pricer, tmp_path: Path) -> None:
    """A claim export with a line written twice (same claim id, date, code, modifiers and provider): the note on the
    repeated row, and on none of the rows that are not identical (sides, 76, 91, another date, claim or practitioner);
    the amounts are the rows' with the repeat marked 76."""
    source, target = tmp_path / "claims.csv", tmp_path / "out.csv"
    with source.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["claim", "code", "modifier", "date", "zip", "provider_type"])
        writer.writerows(
            [claim, code, modifier, date, ZIP, provider] for claim, code, modifier, date, provider, _ in ROWS
        )
    done = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    assert done.exit_code == 0, done.output
    out = list(csv.DictReader(target.open()))
    for row, (claim, code, _, _, _, noted) in zip(out, ROWS, strict=True):
        want = [duplicates.duplicate_note(code.split("-")[0])] if noted else []
        assert _noted(row["note"]) == want, (claim, code, row["note"])
    marked = [(claim, code, (modifier + ",76") if noted else modifier, date, provider)
              for claim, code, modifier, date, provider, noted in ROWS]  # fmt: skip
    table = pa.table({name: [row[n] for row in marked]
                      for n, name in enumerate(["claim", "code", "modifier", "date", "provider"])})  # fmt: skip
    table = table.append_column("zip", pa.array([ZIP] * len(marked)))
    repeat = BatchPricer(pricer).price_table(table).to_pylist()
    for row, other in zip(out, repeat, strict=True):
        assert row["error"] == other["error"] == "" and not _noted(other["note"]), (row, other["note"])
        for name in ("pfs_non_facility_amount", "pfs_facility_amount", "office_allowed", "asc_allowed", "clfs_amount"):
            assert (row[name] or None) == (None if other[name] is None else f"{Decimal(str(other[name])):.2f}"), name


def test_batch_and_price_say_the_same_for_the_same_encounter(pricer: Pricer) -> None:
    """Each claim of ``ROWS`` on one date and of one practitioner, priced by `rvucalc price` of its codes: the same
    note text on the same lines."""
    encounters: dict[tuple[str, str, str], list[int]] = {}
    for number, (claim, _, _, date, provider, _) in enumerate(ROWS):
        encounters.setdefault((claim, date, provider), []).append(number)
    names = ["claim", "code", "modifier", "date", "provider"]
    table = pa.table({name: [row[n] for row in ROWS] for n, name in enumerate(names)})
    table = table.append_column("zip", pa.array([ZIP] * len(ROWS)))
    out = BatchPricer(pricer).price_table(table).to_pylist()
    for (_, date, provider), numbers in encounters.items():
        codes = [ROWS[n][1] + "".join(f"-{m}" for m in ROWS[n][2].split(",") if m) for n in numbers]
        found = pricer.price_encounter(codes, zip_code=ZIP, date_of_service=date,
                                       provider="np" if provider == "NP" else "physician")  # fmt: skip
        for n, line in zip(numbers, found.lines, strict=True):
            assert _noted(out[n]["note"]) == _noted(line.notes), (ROWS[n], out[n]["note"])


ASP_NAME = "section 508 version of January 2026 Medicare Part B Payment Limit File 121725.csv"
ASP_FILE = Path(__file__).parents[1] / "data" / "asp" / "2026" / ASP_NAME


def test_a_repeated_drug_line_is_told_of_its_units_and_jw_not_76_or_sides(pricer: Pricer) -> None:
    """A trial: two J9271-JZ x 200 lines on one claim and date were told "If the service was done again, bill this line
    with 76 ... or 77 ... On another side or site, use RT/LT or 59/XS": a drug's line is its dose, billed on one line
    with the total units (JW on its own line for a discarded amount: Claims Processing Manual ch. 17 §40). The drug's
    note in the table, JSON and batch alike; a procedure's repeat keeps the 76/77 advice; the amounts stay CMS's
    payment limit (January 2026 ASP file: J9271 $59.726 per 1 mg) x 200, each line."""
    with ASP_FILE.open(newline="", encoding="latin-1") as handle:
        limit = next(Decimal(row[3]) for row in csv.reader(handle) if row and row[0] == "J9271")
    amount = (limit * 200).quantize(Decimal("0.01"))
    drug_note = duplicates.duplicate_note("J9271", ["JZ"], drug=True)
    assert drug_note != duplicates.duplicate_note("J9271", ["JZ"]) and "; " not in drug_note
    assert "total units" in drug_note and "JW" in drug_note and "bill this line with 76" not in drug_note
    assert "RT/LT" not in drug_note
    date = "2026-02-10"
    args = ["price", "J9271-JZ", "J9271-JZ", "--units", "200", "--units", "200", "--zip", "30309", "--date", date]
    done = runner.invoke(app, [*args, "-f", "json"])
    assert done.exit_code == 0, done.output
    lines = json.loads(done.stdout)["lines"]
    assert [_noted(line["notes"]) for line in lines] == [[], [drug_note]]
    assert all(Decimal(str(line["drug"]["amount"])) == amount for line in lines), lines[0]["drug"]
    table = runner.invoke(app, args)
    assert "total units" in " ".join(table.stdout.split()) and "bill this line with 76" not in table.stdout
    rows = [{"claim": "K", "code": "J9271", "modifier": "JZ", "units": "200", "zip": "30309", "date": date}] * 2
    rows += [{"claim": "L", "code": "27447", "modifier": "", "units": "1", "zip": "30309", "date": date}] * 2
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert [_noted(row["note"]) for row in out] == [[], [drug_note], [], [duplicates.duplicate_note("27447")]]
    assert all(Decimal(str(row["drug_amount"])) == amount for row in out[:2])
    assert "bill this line with 76" in duplicates.duplicate_note("27447")


def test_a_repeated_anesthesia_line_is_told_of_the_session_and_59_or_xe_not_76(pricer: Pricer) -> None:
    """An anesthesia group's trial: 00790-QZ (90 minutes) and 00790-QZ (55 minutes, a second anesthetic that evening)
    on one claim were paid as one session, $343.85 and $0.00 at ZIP 80218 in 2026, the second line told to "bill this
    line with 76 ... or 77", which rvucalc still prices in the session ($0.00). The procedures of one anesthetic are
    paid once (Claims Processing Manual ch. 12 §50); a second anesthetic is the line marked 59 or XE (MLN Matters
    SE1418), paid on its own base units and time: the note says so, in price and batch alike. Amounts: (base + minutes /
    15 to one decimal) x Colorado's anesthesia CF in CMS's ANES2026 file."""
    date, zip_code = "2026-08-10", "80218"
    note = duplicates.duplicate_note("00790", ["QZ"])
    assert note == duplicates.ANESTHESIA_DUPLICATE.format(code="00790") and "; " not in note
    assert "59 or XE" in note and "bill this line with 76" not in note
    # The add-ons the session leaves alone, and lines already marked separate, keep the general note.
    assert duplicates.duplicate_note("01968", ["AA"]) == duplicates.duplicate_note("27447").replace("27447", "01968")
    assert "bill this line with 76" in duplicates.duplicate_note("00790", ["QZ", "XE"])
    encounter = pricer.price_encounter(["00790-QZ", "00790-QZ"], base_units=["7", "7"], minutes=[90, 55],
                                       zip_code=zip_code, date_of_service=date, setting="22")  # fmt: skip
    store = pricer.store(next(r for r in pricer.catalogue.releases("pfs") if r.release == encounter.release))
    cf = Decimal(store.anesthesia_cf("0411201")["anes_cf"]).scaleb(-2)
    assert cf == Decimal("20.59")  # ANES2026: "04112 ,01 ,COLORADO,20.69,20.59" (QP, non-QP)

    def paid(base: int, minutes: int) -> Decimal:
        units = Decimal(base) + (Decimal(minutes) / 15).quantize(Decimal("0.1"), rounding="ROUND_HALF_UP")
        return (units * cf).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")

    assert [line.pfs.facility.amount for line in encounter.lines] == [paid(7, 145), Decimal("0.00")]
    assert [_noted(line.notes) for line in encounter.lines] == [[], [note]]
    # The advice the note gives: XE prices the second anesthetic on its own; 76 leaves it in the session.
    separate = pricer.price_encounter(["00790-QZ", "00790-QZ-XE"], base_units=["7", "7"], minutes=[90, 55],
                                      zip_code=zip_code, date_of_service=date, setting="22")  # fmt: skip
    assert [line.pfs.facility.amount for line in separate.lines] == [paid(7, 90), paid(7, 55)]
    repeat = pricer.price_encounter(["00790-QZ", "00790-QZ-76"], base_units=["7", "7"], minutes=[90, 55],
                                    zip_code=zip_code, date_of_service=date, setting="22")  # fmt: skip
    assert [line.pfs.facility.amount for line in repeat.lines] == [paid(7, 145), Decimal("0.00")]
    rows = [{"claim": "C1", "code": "00790", "modifier": "QZ", "date": date, "zip": zip_code, "setting": "22",
             "base_units": "7", "minutes": str(minutes)} for minutes in (90, 55)]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert [_noted(row["note"]) for row in out] == [[], [note]]
    assert [Decimal(str(row["pfs_facility_amount"])) for row in out] == [paid(7, 145), Decimal("0.00")]
