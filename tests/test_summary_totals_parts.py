"""``batch``'s totals, as a review read them (--summary's JSON, the stderr summary line, the output's rows).

1. The professional totals held independent-lab lines (80053, 85025 at POS 81), Part B drugs (J9271) and DME, said as
   "professional claims (no facility fee)": only DME was broken out. The lab tests (CLFS) and drugs (ASP) are now
   totals of their own (``clfs``, ``asp``, beside ``dmepos``), stderr names what the figure holds, and says none for
   a run of hospital bills alone (type of bill 13x); ``totals_meaning`` says the office bucket is the non-facility
   rate's rows (POS 81, 12, 10 among them), not POS 11 alone.
2. Reversals and the payments they take back are in no total, yet their rows carry amounts: summing the output's
   ``allowed`` gave 866.33 against totals.all's 345.63. The ``in_totals`` column says which rows the totals count.
3. ``releases.pfs`` named only the releases of rows with a PFS amount (2026C), not 2025D of a 2025 lab and drug row
   with no amount; ``duplicate_lines`` counts the rows noted as possible duplicates, with their allowed amount.
"""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from conftest import summary_rejoined
from rvucalc.cli import app
from rvucalc.engine.duplicates import DUPLICATE_NOTE
from rvucalc.lookup.pricer import Pricer

DATE = "2026-03-02"
MEASURES = ("allowed", "beneficiary", "medicare")


def _run(tmp_path: Path, text: str, output: str = "out.csv") -> tuple[Any, dict[str, Any], str]:
    """`rvucalc batch FILE -o OUTPUT --summary S.json`: the result, the summary and stderr on one line (exit 1: a
    row has an error, REVERSALS' 2259O)."""
    source, summary = tmp_path / "claims.csv", tmp_path / "summary.json"
    source.write_text(text)
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(tmp_path / output), "--summary", str(summary)])
    assert done.exit_code == (1 if "2259O" in text else 0), done.output
    return done, json.loads(summary.read_text()), " ".join(summary_rejoined(done.stderr).split())


def _rows(path: Path) -> list[dict[str, Any]]:
    if path.suffix == ".json":
        return list(json.loads(path.read_text()))
    with path.open(newline="") as handle:
        return list(csv.DictReader(handle))


def _cents(value: Any) -> Decimal:
    return Decimal(str(value)) if value not in (None, "") else Decimal(0)


def _store(pricer: Pricer, dataset: str, release: str) -> Any:
    return pricer.store(next(r for r in pricer.catalogue.releases(dataset) if r.release == release))


def test_lab_tests_and_drugs_are_said_apart_within_the_professional_totals(pricer: Pricer, tmp_path: Path) -> None:
    clfs = _store(pricer, "clfs", "2026-01")
    labs = sum(Decimal(next(row["rate_cents"] for row in clfs.clfs(code) if row["modifier"] == "")).scaleb(-2)
               for code in ("80053", "85025"))  # fmt: skip  # CMS's January 2026 CLFS file
    limit = _store(pricer, "asp", "2026-01").asp("J9271")["limit_mills"]  # CMS's January 2026 ASP file, per 1 mg
    drug = (Decimal(limit) * 100 / 1000).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = ("claim,code,modifier,units,zip,date,pos\n"
            f"V,99213,,1,10001,{DATE},11\nL,80053,,1,60611,{DATE},81\nL,85025,,1,60611,{DATE},81\n"
            f"D,J9271,,100,77030,{DATE},11\nD,96413,,1,77030,{DATE},11\nE,E0601,RR,1,10001,{DATE},12\n"
            f"H,29881,,1,10001,{DATE},22\n")  # fmt: skip
    _, doc, stderr = _run(tmp_path, text)
    rows = _rows(tmp_path / "out.csv")
    totals = {name: {k: v if k == "lines" else Decimal(v) for k, v in bucket.items()}
              for name, bucket in doc["totals"].items()}  # fmt: skip
    assert (totals["clfs"]["lines"], totals["clfs"]["allowed"]) == (2, labs)
    assert (totals["asp"]["lines"], totals["asp"]["allowed"]) == (1, drug)
    for name, column in (("clfs", "clfs_amount"), ("asp", "drug_amount"), ("dmepos", "dmepos_amount")):
        mine = [row for row in rows if row[column]]
        for measure in MEASURES:  # each a part of the professional totals, from its rows' professional amounts
            assert totals[name][measure] == sum(_cents(row[f"professional_{measure}"]) for row in mine), name
    assert totals["professional"]["allowed"] == sum(_cents(row["professional_allowed"]) for row in rows)
    professional = f"${totals['professional']['allowed']:,}"
    assert f"practitioners', labs' and suppliers' claims (no facility fee: the PFS facility amount alone at a " \
           f"hospital or ASC): allowed {professional}" in stderr  # fmt: skip
    lab, asp = totals["clfs"], totals["asp"]
    assert (f"; of them lab tests (CLFS): 2 rows, allowed ${lab['allowed']:,}, patient ${lab['beneficiary']:,}, "
            f"Medicare ${lab['medicare']:,}") in stderr  # fmt: skip
    assert f"; of them drugs (ASP): 1 row, allowed ${asp['allowed']:,}, patient ${asp['beneficiary']:,}" in stderr
    assert "professional claims (no facility fee)" not in stderr
    # the office bucket: the rows priced at the non-facility rate (POS 81, 12 and 11 here), as its meaning says
    office = [row for row in rows if row["site"] == "office" and row["allowed"]]
    assert {row["pos"] for row in office} == {"11", "12", "81"}
    assert totals["office"]["allowed"] == sum(Decimal(row["allowed"]) for row in office)
    assert "non-facility (office) rate" in doc["totals_meaning"]["office"] and "81" in doc["totals_meaning"]["office"]
    assert set(doc["totals_meaning"]) == set(doc["totals"])


def test_a_run_of_hospital_bills_says_no_practitioners_claims(tmp_path: Path) -> None:
    """Type of bill 131 (the hospital's own claim): its totals are the site's; no practitioners' claims (a UB-04 carries
    no physician's fee), and the hospital's own claims' total, its OPPS payments alone."""
    text = "claim,code,zip,date,pos,tob\nH1,45378,10001,2025-08-03,,131\nH2,29881,10001,2025-08-03,,131\n"
    _, doc, stderr = _run(tmp_path, text)
    rows = _rows(tmp_path / "out.csv")
    assert doc["totals"]["all"]["lines"] == 2 and all(row["site"] == "hopd" for row in rows)
    assert "professional" not in doc["totals"]
    assert "practitioners'" not in stderr and "professional claims" not in stderr
    physicians = sum(Decimal(row["professional_allowed"]) for row in rows)
    facility = Decimal(doc["totals"]["all"]["allowed"]) - physicians
    assert (
        Decimal(doc["totals"]["facility_claims"]["allowed"]) == facility == sum(Decimal(r["opps_rate"]) for r in rows)
    )
    assert "hospitals' and ASCs' own claims" in " ".join(stderr.split())


REVERSALS = (
    "claim,code,units,zip,date,pos,paid\n"
    "R1,11042,1,10001,2026-08-03,11,160.00\n"
    "R1,11042,1,10001,2026-08-03,11,(160.00)\n"
    "R1,11042,1,10001,2026-08-03,11,158.00\n"
    "R2,99213,1,10001,2026-08-03,11,107.63\n"
    "R2,99213,1,10001,2026-08-03,11,-107.63\n"
    "B1,99213,1,10001,2026-08-03,11,100.00\n"
    "B1,99070,1,10001,2026-08-03,11,\n"
    "X1,2259O,1,10001,2026-08-03,11,5.00\n"
    "H1,29881,1,10001,2025-11-10,22,600.00\n"
)


def test_the_in_totals_rows_add_up_to_the_totals(tmp_path: Path) -> None:
    """Reversals, an error, a bundled line (99070, status B) and a hospital row: the rows in_totals marks sum to
    totals.all exactly, in CSV and JSON; all the rows' amounts do not. The column is the last one."""
    for output, true, false in (("out.csv", "true", "false"), ("out.json", True, False)):
        _, doc, _ = _run(tmp_path, REVERSALS, output)
        rows = _rows(tmp_path / output)
        assert list(rows[0])[-1] == "in_totals" and {row["in_totals"] for row in rows} == {true, false}
        counted = [row for row in rows if row["in_totals"] == true]
        total = doc["totals"]["all"]
        assert len(counted) == total["lines"]
        for measure in MEASURES:
            assert sum(_cents(row[measure]) for row in counted) == Decimal(total[measure]), (output, measure)
        assert sum(_cents(row["allowed"]) for row in rows) != Decimal(total["allowed"])  # the review's sum
        out = [row for row in rows if row["in_totals"] == false]
        assert doc["reversals"]["rows"] + doc["reversals"]["reversed_rows"] + 2 == len(out)  # and the error, 99070


def test_in_totals_is_a_boolean_in_parquet_and_excel(tmp_path: Path) -> None:
    import pyarrow.parquet as pq
    from openpyxl import load_workbook

    _run(tmp_path, REVERSALS, "out.csv")
    expected = [row["in_totals"] == "true" for row in _rows(tmp_path / "out.csv")]
    _run(tmp_path, REVERSALS, "out.parquet")
    table = pq.read_table(tmp_path / "out.parquet")
    assert table.column_names[-1] == "in_totals" and str(table.schema.field("in_totals").type) == "bool"
    assert table.column("in_totals").to_pylist() == expected
    _run(tmp_path, REVERSALS, "out.xlsx")
    sheet = load_workbook(tmp_path / "out.xlsx", read_only=True)["priced"]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][-1] == "in_totals" and [row[-1] for row in values[1:]] == expected


def test_releases_name_every_row_s_pfs_release_and_duplicates_are_counted(tmp_path: Path) -> None:
    """A 2025 lab and drug (no amount: 2025's CLFS and ASP files are not installed) say 2025D; a repeated 99213 is
    noted as a possible duplicate: duplicate_lines counts it, with its allowed amount."""
    text = ("claim,code,units,zip,date,pos\nA,80053,1,60611,2025-11-10,81\nA,J9271,100,77030,2025-11-10,11\n"
            "C,99213,1,10001,2026-08-03,11\nC,99213,1,10001,2026-08-03,11\n")  # fmt: skip
    _, doc, stderr = _run(tmp_path, text)
    rows = _rows(tmp_path / "out.csv")
    assert rows[0]["allowed"] == rows[1]["allowed"] == ""
    named = sorted({row["release"].split("; ")[0] for row in rows if row["release"]})
    assert doc["releases"]["pfs"] == named == ["2025D", "2026C"]
    duplicates = [row for row in rows if DUPLICATE_NOTE in row["note"]]
    assert len(duplicates) == 1
    allowed = sum(Decimal(row["allowed"]) for row in duplicates)
    assert doc["duplicate_lines"] == {"rows": 1, "allowed": str(allowed)}
    assert "1 possible duplicate row (repeating an earlier line of their claim" in stderr
    assert f"allowed ${allowed:,} in the totals" in stderr
