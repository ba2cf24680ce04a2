"""Medicare's prolonged E/M codes by the visit they follow (CY2021 and CY2023 PFS final rules; each G code's HCPCS
descriptor lists its primaries): G2212 after 99205, 99215 or 99483; G0316 after 99223, 99233 or 99236; G0317 after
99306 or 99310; G0318 after 99345 or 99350. CPT's 99417 and 99418 are status I in the RVU file: their reason names each
code by its visit, and beside a visit their note names that visit's code. G2212 without one of its primaries says so,
as G0316-G0318 do. Notes only: the money is CMS's, in `rvucalc price` and `rvucalc batch` alike."""

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
from rvucalc.engine import visits
from rvucalc.lookup.pricer import Pricer
from rvucalc.paths import data_dir
from test_physician_claims_at_facilities import pfs_amount

runner = CliRunner()
DATE, ZIP, PHILADELPHIA = "2026-08-03", "19103", "1250201"


def _rvu(codes: set[str]) -> dict[str, list[str]]:
    """RVU26C's rows of ``codes`` (no modifier): status at 3, global days at 14."""
    with (data_dir() / "rvu" / "2026" / "PPRRVU2026_Jul_nonQPP.csv").open(newline="") as handle:
        return {row[0]: row for row in csv.reader(handle) if row and row[0] in codes and not row[1]}


def _batch(pricer: Pricer, claims: list[tuple[str, list[str], str]]) -> list[dict[str, Any]]:
    rows = [{"claim": claim, "code": code, "zip": ZIP, "date": DATE, "setting": setting}
            for claim, codes, setting in claims for code in codes]  # fmt: skip
    return BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()


def test_the_rvu_file_makes_99417_and_99418_status_i_and_pays_the_g_codes() -> None:
    rvu = _rvu({"99417", "99418", "G2212", "G0316", "G0317", "G0318"})
    assert rvu["99417"][3] == rvu["99418"][3] == "I"
    assert all(rvu[code][3] == "A" for code in ("G2212", "G0316", "G0317", "G0318"))
    assert rvu["G2212"][14] == "XXX"  # no ZZZ: the generic add-on note (engine.add_ons) never spoke of it


CPT_CASES = [  # (claim, codes, place of service, Medicare's code for the prolonged time)
    ("A", ["99345", "99417"], "12", "G0318"), ("B", ["99310", "99417"], "32", "G0317"),
    ("C", ["99215", "99417"], "11", "G2212"), ("D", ["99223", "99418"], "21", "G0316"),
    ("E", ["99350", "99418"], "12", "G0318"), ("F", ["99214", "99417"], "11", None),
]  # fmt: skip


@pytest.mark.parametrize(("claim", "codes", "setting", "instead"), CPT_CASES)
def test_99417_and_99418_name_the_code_of_the_visit_beside_them(
    pricer: Pricer, claim: str, codes: list[str], setting: str, instead: str | None
) -> None:
    """Trials: `price 99345 99417 --zip 19103 --setting 12` and 99310 + 99417 at POS 32 said "Medicare pays it as G2212
    (prolonged office or outpatient visit ...)": after a home or residence visit Medicare's code is G0318, after a
    nursing facility visit G0317. The note names the visit's code (none beside 99214, no primary of any); the reason
    names each code by its visit. The line is not paid, the visit is CMS's amount."""
    done = runner.invoke(app, ["price", *codes, "--zip", ZIP, "--date", DATE, "--setting", setting, "-f", "json"])
    assert done.exit_code == 0, done.output
    visit, cpt = json.loads(done.stdout)["lines"]
    said = [note for note in cpt["notes"] if note.startswith(f"{codes[1]} is CPT's prolonged")]
    want = [visits.cpt_prolonged_note(codes[1], [instead])] if instead else []
    assert said == want, cpt["notes"]
    if instead:
        assert f"as {instead} (" in said[0] and f"bill {instead} in place of {codes[1]}" in said[0]
        assert all(other not in said[0] for other in ("G2212", "G0316", "G0317", "G0318") if other != instead)
    reason = cpt["pfs"]["non_facility"]["reason"]
    assert "G0318 after 99345 or 99350" in reason and "G0317 after 99306 or 99310" in reason
    assert "G2212 after 99205, 99215 or 99483" in reason and "G0316 after 99223, 99233 or 99236" in reason
    assert cpt["pfs"]["non_facility"]["amount"] is None and cpt["pfs"]["facility"]["amount"] is None
    table = runner.invoke(app, ["price", *codes, "--zip", ZIP, "--date", DATE, "--setting", setting])
    assert ((f"bill {instead} in place of" in " ".join(table.stdout.split())) if instead
            else "is CPT's prolonged" not in table.stdout)  # fmt: skip
    rows = _batch(pricer, [(claim, codes, setting)])
    assert [n for n in str(rows[1]["note"]).split("; ") if n.startswith(f"{codes[1]} is CPT's")] == said
    setting_name = "facility" if setting == "21" else "non_facility"
    fee = pfs_amount(pricer, codes[0], "", setting_name, DATE, PHILADELPHIA)
    assert Decimal(str(visit["pfs"][setting_name]["amount"])) == fee
    assert Decimal(str(rows[0][f"pfs_{setting_name}_amount"])) == fee and rows[1]["allowed"] is None


G2212_CASES = [("G", ["G2212"]), ("H", ["99350", "G2212"]), ("I", ["99310", "G2212"]), ("J", ["99214", "G2212"]),
               ("K", ["99205", "G2212"]), ("L", ["99215", "G2212"]), ("M", ["99483", "G2212"])]  # fmt: skip


def test_g2212_without_its_primary_says_so_as_g0316_g0318_do(pricer: Pricer) -> None:
    """A trial: G2212 was priced with no note alone and beside 99350, 99310 or 99214, while G0318 without its visit is
    told "an add-on to 99345 or 99350, and there is none". G2212's descriptor lists 99205, 99215 and 99483: without one
    of them, the same note, in price (table and JSON) and batch (a claim, a row no claim groups); with one, none.
    G2212 keeps CMS's amount (RVU26C at Philadelphia's GPCIs) either way."""
    note = visits.prolonged_without_primary_note("G2212")
    assert "; " not in visits.cpt_prolonged_note("99417", ["G2212", "G0318"])  # batch joins a row's notes with "; "
    assert "G2212" in note and "99205, 99215 or 99483" in note
    assert "there is none by the same practitioner on this claim and date" in note
    fee = pfs_amount(pricer, "G2212", "", "non_facility", DATE, PHILADELPHIA)
    rows = _batch(pricer, [(claim, codes, "11") for claim, codes in G2212_CASES])
    lone = BatchPricer(pricer).price_table(pa.Table.from_pylist(
        [{"code": "G2212", "zip": ZIP, "date": DATE, "setting": "11"}])).to_pylist()  # fmt: skip
    assert note in str(lone[0]["note"]) and Decimal(str(lone[0]["pfs_non_facility_amount"])) == fee
    at = iter(rows)
    for claim, codes in G2212_CASES:
        done = runner.invoke(app, ["price", *codes, "--zip", ZIP, "--date", DATE, "--setting", "11", "-f", "json"])
        assert done.exit_code == 0, done.output
        found = json.loads(done.stdout)
        line = found["lines"][-1] if "lines" in found else found
        batch_row = [next(at) for _ in codes][-1]
        want = claim in "GHIJ"
        said = visits.prolonged_without_primary_note("G2212", ["G0317"]) if claim == "I" else note  # 99310's code
        assert (said in line["notes"]) == want, (claim, line["notes"])
        assert (said in str(batch_row["note"])) == want, (claim, batch_row["note"])
        assert (
            Decimal(str(line["pfs"]["non_facility"]["amount"]))
            == fee
            == Decimal(str(batch_row["pfs_non_facility_amount"]))
        )
    table = runner.invoke(app, ["price", "99214", "G2212", "--zip", ZIP, "--date", DATE, "--setting", "11"])
    assert "G2212 (prolonged office or other outpatient care) is an add-on to" in " ".join(table.stdout.split())


def test_the_reasons_and_the_notes_name_the_same_primaries() -> None:
    """engine.pfs.MEDICARE_CODE_INSTEAD's words and engine.visits.PROLONGED_NOTED: one list of primaries."""
    from rvucalc.engine.pfs import MEDICARE_CODE_INSTEAD

    for add_on, primaries in visits.PROLONGED_NOTED.items():
        listed = ", ".join(primaries[:-1]) + " or " + primaries[-1]
        assert all(f"{add_on} after {listed} (" in MEDICARE_CODE_INSTEAD[code] for code in ("99417", "99418"))
