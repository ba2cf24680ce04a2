"""The OPPS-based cap on a contractor-priced imaging code's MAC price (a nuclear medicine trial).

`rvucalc price 78815 --zip 60611 --date 2025-06-10 --setting office` said only "Priced by your Medicare contractor
(MAC) ... Ask your MAC for its fee", while CMS's OPPSCAP file lists the code there (`78815,,C,06102,16,1606.49,
1606.49`, and its TC row). The RVU file's documentation (RVU25A.pdf, the OPPSCAP file): "For carrier price codes, the
field only contains the OPPS based payment caps. Carrier prices cannot exceed the OPPS based payment caps."

So a status C line (global or TC) at a locality OPPSCAP lists says the cap, office and facility, from CMS's row; the
amount stays unpriced (the MAC's price is never invented). The 26 row (status A) is priced from its RVUs and OPPSCAP
lists no 26 row: no such note. `price` (table: stderr; JSON/CSV: notes) and `batch` (the note column) say the same
text. Expected amounts are read from the shipped OPPSCAP files, never typed alone.
"""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine.pfs import CONTRACTOR_PRICE_CAP, CONTRACTOR_PRICED_REASON
from rvucalc.lookup.pricer import Pricer
from rvucalc.paths import data_dir

runner = CliRunner()
ZIP, DATE, LOCALITY = "60611", "2025-06-10", "0610216"  # CHICAGO; 2025A is the release in force (2025B absent)
OPPSCAP_2025A = ("rvu", "2025", "OPPSCAP_JAN.csv")
OPPSCAP_2026 = ("rvu", "2026", "ref_opps_price_cap.csv")
PET = ["78811", "78812", "78813", "78814", "78815", "78816", "78429", "78430", "78431", "78432", "78433", "78459",
       "78491", "78492", "78608"]  # fmt: skip


def _oppscap(parts: tuple[str, ...]) -> dict[tuple[str, str, str], dict[str, str]]:
    """CMS's OPPSCAP rows by (HCPCS, MOD, carrier + locality), as shipped (2026's copy lost the leading zeros)."""
    with data_dir().joinpath(*parts).open(newline="") as handle:
        return {(row["HCPCS"], row["MOD"], row["CARRIER"] + row["LOCALITY"].zfill(2)): row
                for row in csv.DictReader(handle)}  # fmt: skip


@pytest.fixture(scope="module")
def caps() -> dict[tuple[str, str, str], dict[str, str]]:
    return _oppscap(OPPSCAP_2025A)


def _said(label: str, row: dict[str, str], name: str, locality: str) -> str:
    """The note's amounts as CMS's row prints them (NON-FACILTY PRICE, FACILITY PRICE)."""
    office, facility = Decimal(row["NON-FACILTY PRICE"]), Decimal(row["FACILITY PRICE"])
    return (f"{CONTRACTOR_PRICE_CAP}: {label}'s price, set by your MAC, cannot exceed ${office:,.2f} in the office "
            f"(non-facility) and ${facility:,.2f} at a facility in {name} (locality {locality})")  # fmt: skip


def _cap_notes(notes: list[str]) -> list[str]:
    return [note for note in notes if note.startswith(CONTRACTOR_PRICE_CAP)]


def _batch(pricer: Pricer, rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    names = sorted({name for row in rows for name in row})
    table = pa.table({name: [row.get(name, "") for row in rows] for name in names})
    return BatchPricer(pricer).price_table(table).to_pylist()  # type: ignore[no-any-return]


@pytest.mark.parametrize("line", ["78815", "78815-TC"])
def test_price_says_the_oppscap_cap_on_the_macs_price_and_leaves_it_unpriced(line: str, caps) -> None:  # type: ignore[no-untyped-def]
    code, _, modifier = line.partition("-")
    row = caps[code, modifier, LOCALITY]
    assert row["PROCSTAT"] == "C"  # CMS's row: contractor priced, so its amounts are caps only
    done = runner.invoke(app, ["price", line, "--zip", ZIP, "--date", DATE, "--setting", "office", "-f", "json"])
    assert done.exit_code == 1, done.output
    result = json.loads(done.stdout)
    assert result["pfs"]["status"] == "C" and result["pfs"]["contractor_priced"]
    for setting in ("non_facility", "facility"):  # never an invented MAC price
        assert result["pfs"][setting]["amount"] is None
        assert result["pfs"][setting]["reason"] == CONTRACTOR_PRICED_REASON
    assert result["sites"][0]["total"] is None
    (note,) = _cap_notes(result["notes"])
    assert note.startswith(_said(line, row, "CHICAGO", LOCALITY)) and "Carrier prices cannot exceed" in note
    assert "rvu/2025/OPPSCAP_JAN.csv" in [source["file"] for source in result["sources"]]
    # The table: stdout stays data only (empty), the note on stderr beside the MAC's reason.
    table = runner.invoke(app, ["price", line, "--zip", ZIP, "--date", DATE, "--setting", "office"])
    assert table.exit_code == 1 and not table.stdout
    assert f"rvucalc: note: {note}" in table.stderr
    csv_done = runner.invoke(app, ["price", line, "--zip", ZIP, "--date", DATE, "--setting", "office", "-f", "csv"])
    (csv_row,) = csv.DictReader(csv_done.stdout.splitlines())
    assert note in csv_row["notes"].split(" | ") and csv_row["non_facility_amount"] == ""


def test_the_professional_component_is_priced_from_its_rvus_without_the_note(caps) -> None:  # type: ignore[no-untyped-def]
    assert ("78815", "26", LOCALITY) not in caps  # OPPSCAP lists the global and TC rows alone
    done = runner.invoke(app, ["price", "78815-26", "--zip", ZIP, "--date", DATE, "--setting", "office", "-f", "json"])
    assert done.exit_code == 0, done.output
    result = json.loads(done.stdout)
    assert result["pfs"]["status"] == "A" and result["pfs"]["non_facility"]["amount"] is not None
    assert _cap_notes(result["notes"]) == []


def test_national_and_unlisted_lines_have_no_cap_note(pricer: Pricer, caps) -> None:  # type: ignore[no-untyped-def]
    # National: OPPSCAP's caps are per locality.
    (national,) = pricer.price_encounter(["78815"], date_of_service=DATE).lines
    assert national.pfs.contractor_priced and _cap_notes(national.notes) == []
    # A status C code OPPSCAP does not list at all (an unlisted procedure): no cap to say.
    assert all(code != "17999" for code, _, _ in caps)
    (line,) = pricer.price_encounter(["17999"], zip_code=ZIP, date_of_service=DATE).lines
    assert line.pfs.status == "C" and _cap_notes(line.notes) == []


def test_batch_says_the_same_note_as_price_for_the_pet_family(pricer: Pricer, caps) -> None:  # type: ignore[no-untyped-def]
    listed = [(code, modifier) for code in PET for modifier in ("", "TC", "26") if (code, modifier, LOCALITY) in caps]
    assert {("78815", ""), ("78815", "TC"), ("78811", "")} <= set(listed) and all(m != "26" for _, m in listed)
    lines = [code + (f"-{modifier}" if modifier else "") for code, modifier in listed] + ["78815-26"]
    rows = [{"code": line, "zip": ZIP, "date": DATE, "pos": pos} for line in lines for pos in ("11", "22")]
    out = _batch(pricer, rows)
    for given, priced in zip(rows, out, strict=True):
        code, _, modifier = given["code"].partition("-")
        (single,) = pricer.price_encounter([given["code"]], zip_code=ZIP, date_of_service=DATE).lines
        if modifier == "26":
            assert _cap_notes(single.notes) == [] and CONTRACTOR_PRICE_CAP not in priced["note"]
            assert priced["pfs_non_facility_amount"] is not None
            continue
        row = caps[code, modifier, LOCALITY]
        assert row["PROCSTAT"] == "C"
        (note,) = _cap_notes(single.notes)
        assert note.startswith(_said(given["code"], row, "CHICAGO", LOCALITY))
        assert note in priced["note"].split("; "), (given, priced["note"])  # the same text, batch and price
        assert priced["pfs_non_facility_amount"] is None and priced["pfs_facility_amount"] is None
        assert CONTRACTOR_PRICED_REASON in priced["note"]


def test_2026_caps_are_the_2026_oppscap_rows(pricer: Pricer) -> None:
    caps = _oppscap(OPPSCAP_2026)
    row = caps["78491", "", "1320201"]  # MANHATTAN
    assert row["PROCSTAT"] == "C"
    (line,) = pricer.price_encounter(["78491"], zip_code="10001", date_of_service="2026-08-03").lines
    (note,) = _cap_notes(line.notes)
    assert note.startswith(_said("78491", row, "MANHATTAN", "1320201"))
    (priced,) = _batch(pricer, [{"code": "78491", "zip": "10001", "date": "2026-08-03"}])
    assert note in priced["note"].split("; ")


OPPSCAP_2025D = ("rvu", "2025", "OPPSCAP_Oct.csv")
COMPARED = {"2025D": ("2025-10-01", OPPSCAP_2025D), "2026C": ("2026-07-01", OPPSCAP_2026)}


@pytest.mark.parametrize("all_codes", [False, True])
def test_compare_says_each_releases_cap_as_price_does(pricer: Pricer, all_codes: bool) -> None:
    """`compare 78815 --zip 60611` said only "MAC-priced in both ...": each release's cap on the MAC's price, in
    CMS's OPPSCAP row of that release, is now its note, the single lookup's text led by the release (named or --all)."""
    tables = {release: _oppscap(parts) for release, (_, parts) in COMPARED.items()}
    lines = ["78815", "78815-TC", "78815-26"]
    args = ["compare", *(["--all"] if all_codes else lines), "--zip", ZIP, "--from", "2025D", "--to", "2026C"]
    done = runner.invoke(app, [*args, "-f", "json"])
    assert done.exit_code == 0, done.output
    found = {(c["code"], c["modifier"] or ""): c for c in json.loads(done.stdout)["codes"]}
    for line in lines:
        code, _, modifier = line.partition("-")
        change = found[code, modifier]
        expected = []
        for release, (day, _) in COMPARED.items():
            (single,) = pricer.price_encounter([line], zip_code=ZIP, date_of_service=day).lines
            notes = _cap_notes(single.notes)
            row = tables[release].get((code, modifier, LOCALITY))
            if modifier == "26":  # status A, priced from its RVUs: OPPSCAP lists no 26 row, no note
                assert row is None and notes == []
                continue
            assert row is not None and row["PROCSTAT"] == "C"
            (note,) = notes
            assert note.startswith(_said(line, row, "CHICAGO", LOCALITY))  # CMS's row of that release
            expected.append(f"{release}: {note}")
        assert [n for n in change["notes"] if CONTRACTOR_PRICE_CAP in n] == expected, change["notes"]
        if modifier != "26":
            assert change["change"] == "not_comparable"  # still MAC-priced in both: no amount invented
            assert all(a["before"] is None and a["after"] is None for a in change["amounts"].values())
    if not all_codes:  # the table's Why column says it too
        table = runner.invoke(app, [*args[:1], "78815", *args[4:]])
        assert table.exit_code == 0 and "2026C: OPPS-based cap on the MAC's price" in table.stdout
        assert f"${Decimal(tables['2026C']['78815', '', LOCALITY]['NON-FACILTY PRICE']):,.2f}" in table.stdout


# An IDTF trial: `price 78815 A9552 --setting 11` (the PET/CT and its FDG, both MAC-priced) said only "The encounter
# cannot be priced here ... ask your MAC", where 78815 alone names its cap: each line's cap is said on stderr too.
def test_an_encounter_of_mac_priced_lines_says_each_cap(caps: dict[tuple[str, str, str], dict[str, str]]) -> None:
    done = runner.invoke(app, ["price", "78815", "A9552", "--zip", ZIP, "--date", DATE, "--setting", "11"])
    said = " ".join(done.stderr.split())
    assert done.exit_code == 1 and "cannot be priced here" in said, said
    assert f"note: {_said('78815', caps[('78815', '', LOCALITY)], 'CHICAGO', LOCALITY)}" in said, said
    single = runner.invoke(app, ["price", "78815", "--zip", ZIP, "--date", DATE, "--setting", "11"])
    alone = " ".join(single.stderr.split())
    notes = [part.strip() for part in alone.split("rvucalc: ") if part.startswith("note: OPPS-based cap")]
    assert len(notes) == 1 and notes[0] in said, (notes, said)  # as the code alone says it
