"""comparison_note: a row set in one site has its note parts about the other sites' comparison columns apart.

A dermatology and an eye trial: an office row (POS 11) carried "Claim encounter (OPPS, the hopd_* hospital comparison
only, not this row's site): ..." and "Conditionally packaged (SI Q1)" texts, and an ASC row (POS 24) the office's
"Not priced in the office (non-facility) setting: CMS marks its PE RVU 'NA'", burying the row's own notes. Those parts
are in comparison_note now; note keeps the row's own site's, and a row with no site keeps every part in note."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from rvucalc.batch.claims import ASC_ELSEWHERE, ASC_PREFIX, OPPS_ELSEWHERE, OPPS_PREFIX, PFS_FACILITY_ONLY
from rvucalc.batch.lines import OUTPUT_COLUMNS
from rvucalc.batch.price import BatchPricer
from rvucalc.engine.pfs import GLOBAL_IN_FACILITY_REASON, NON_FACILITY_NA_REASON
from rvucalc.lookup.lines import COMPONENT_COMPARISON_ONLY, PROFESSIONAL_COMPONENT_AT
from rvucalc.lookup.pricer import Pricer

COLUMNS = ["claim", "code", "modifier", "date", "setting", "zip", "units"]
PLACE = {"date": "2025-01-14", "zip": "85006", "units": "1"}


def _priced(pricer: Pricer, rows: list[tuple[str, str, str]]) -> list[dict[str, Any]]:
    """(claim, code cell, setting) rows, at the derm trial's place and date."""
    lines = [{"claim": claim, "code": cell.partition("-")[0], "modifier": cell.partition("-")[2], "setting": setting,
              **PLACE} for claim, cell, setting in rows]  # fmt: skip
    table = pa.table({name: [line[name] for line in lines] for name in COLUMNS})
    return BatchPricer(pricer).price_table(table).to_pylist()


def _parts(text: str) -> list[str]:
    return [part for part in text.split("; ") if part]


def test_the_column_follows_note() -> None:
    assert OUTPUT_COLUMNS[OUTPUT_COLUMNS.index("note") + 1] == "comparison_note"


def test_an_office_claims_hospital_and_asc_rules_are_its_comparison_note(pricer: Pricer) -> None:
    """17311 and 17313 (the derm trial's D1002) at POS 11: the PFS ranking is the office row's own; the OPPS and ASC
    encounter rules are the hopd_*/asc_* comparison's. With no setting the same claim says them all in its note, as
    the hospital's and ASC's own rules (every site shown)."""
    office = _priced(pricer, [("A", "17311", "11"), ("A", "17313", "11")])[1]
    assert "Multiple procedure: ranked 2 of 2" in office["note"], office["note"]
    assert not any(OPPS_ELSEWHERE in part or ASC_ELSEWHERE in part for part in _parts(office["note"])), office
    said = _parts(office["comparison_note"])
    assert [part.partition(": ")[0] + ": " for part in said] == [OPPS_ELSEWHERE, ASC_ELSEWHERE], said
    # The office row's own amount is its office_* column's, which none of the comparison's rules changed.
    assert office["allowed"] == office["office_allowed"]
    unsited = _priced(pricer, [("A", "17311", ""), ("A", "17313", "")])[1]
    assert unsited["comparison_note"] == ""
    parts = _parts(unsited["note"])
    assert any(part.startswith(OPPS_PREFIX) for part in parts) and any(part.startswith(ASC_PREFIX) for part in parts)


def test_an_asc_row_has_the_office_na_reason_apart(pricer: Pricer) -> None:
    """66984 (cataract surgery: CMS marks its non-facility PE 'NA') at POS 24: the office's reason is the office_*
    comparison's; at the office it is the row's own (its site is not priced), and with no site it stays in note."""
    asc, office, unsited = _priced(pricer, [("A", "66984-RT", "24"), ("B", "66984-RT", "11"), ("C", "66984-RT", "")])
    assert asc["allowed"] is not None and asc["office_allowed"] is None
    assert NON_FACILITY_NA_REASON in asc["comparison_note"] and NON_FACILITY_NA_REASON not in asc["note"]
    assert NON_FACILITY_NA_REASON in office["note"] and office["comparison_note"] == ""
    assert NON_FACILITY_NA_REASON in unsited["note"] and unsited["comparison_note"] == ""


def test_an_office_row_has_the_facility_reasons_apart(pricer: Pricer) -> None:
    """88305 (PC/TC 1: 'NA' as a whole in the facility setting) at POS 11: the facility reason and the physician's fee
    at a facility are the hopd_*/asc_* comparison's; at POS 22 the facility reason is the row's own."""
    office, hospital = _priced(pricer, [("A", "88305", "11"), ("B", "88305", "22")])
    said = _parts(office["comparison_note"])
    assert GLOBAL_IN_FACILITY_REASON in said, said
    assert any(part.startswith(PROFESSIONAL_COMPONENT_AT + COMPONENT_COMPARISON_ONLY) for part in said), said
    assert GLOBAL_IN_FACILITY_REASON not in office["note"]
    assert GLOBAL_IN_FACILITY_REASON in hospital["note"]
    assert GLOBAL_IN_FACILITY_REASON not in hospital["comparison_note"]


def test_no_sited_rows_note_keeps_another_sites_label(pricer: Pricer) -> None:
    """The derm trial's claims at POS 11 and 24 (11102 and 11103 beside 17000 and 17003, 17311-17313, 11642 and 12032):
    no row's note keeps a part labelled "not this row's site"; an office row's PFS facility ranking (the physician's
    fee at a hospital or ASC: PFS_FACILITY_ONLY) is in its comparison_note."""
    rows = _priced(pricer, [("A", cell, pos) for cell in ("17000", "17003", "11102", "11103") for pos in ("11",)]
                   + [("B", cell, "24") for cell in ("11642", "12032")]
                   + [("C", cell, "11") for cell in ("17311", "17312", "17313")])  # fmt: skip
    assert all("not this row's site" not in row["note"] for row in rows), [row["note"] for row in rows]
    labelled = [part for row in rows for part in _parts(row["comparison_note"]) if part.startswith(PFS_FACILITY_ONLY)]
    assert labelled, [row["comparison_note"] for row in rows]


@pytest.mark.parametrize("suffix", ["csv", "parquet", "xlsx"])
def test_every_format_carries_the_column(tmp_path: Path, suffix: str) -> None:
    from rvucalc.cli import app

    source = tmp_path / "in.csv"
    source.write_text("Claim,CPT,POS,ZIP,DOS\nA,17311,11,85006,01/14/2025\nA,17313,11,85006,01/14/2025\n"
                      "B,66984,24,85006,01/14/2025\n")  # fmt: skip
    target = tmp_path / f"out.{suffix}"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(target), "-q"])
    assert result.exit_code == 0, result.output
    if suffix == "csv":
        import csv

        with target.open(newline="") as handle:
            rows = list(csv.DictReader(handle))
        names = list(rows[0])
        notes = [row["comparison_note"] for row in rows]
    elif suffix == "parquet":
        table = pq.read_table(target)
        names, notes = table.column_names, [str(v or "") for v in table.column("comparison_note").to_pylist()]
    else:
        import openpyxl

        sheet = openpyxl.load_workbook(target, read_only=True).worksheets[0]
        values = [list(row) for row in sheet.iter_rows(values_only=True)]
        names = [str(v) for v in values[0]]
        notes = [str(row[names.index("comparison_note")] or "") for row in values[1:4]]
    assert names[names.index("note") + 1] == "comparison_note"
    assert notes[1].startswith(OPPS_ELSEWHERE), notes
    assert notes[2] == NON_FACILITY_NA_REASON, notes


def test_a_facility_quarter_not_installed_is_the_comparisons_on_another_sites_row(pricer: Pricer) -> None:
    """An OB/GYN and a neurology trial: every 2025 office row said CMS's OPPS Addendum B quarter for its date was not
    installed, a file that prices none of an office row's own amounts. On a row set elsewhere than the hospital it is
    the hopd_* comparison's (comparison_note); the hospital's row, and a row with no site, keep it in note. Which
    quarter is missing is read from the hospital row (the installed addenda), not typed."""
    date = {"date": "2025-05-01", "zip": "30303", "units": "1"}
    lines = [{"claim": claim, "code": code, "modifier": "", "setting": setting, **date}
             for claim, code, setting in (("A", "99213", "11"), ("B", "58558", "22"), ("C", "58558", "24"),
                                          ("D", "99213", "21"), ("E", "99213", ""))]  # fmt: skip
    office, hospital, asc, inpatient, unsited = (
        BatchPricer(pricer)
        .price_table(pa.table({name: [line[name] for line in lines] for name in COLUMNS}))
        .to_pylist()
    )
    quarter = [part for part in hospital["note"].split("; ") if part.startswith("CMS's OPPS Addendum B quarterly")]
    assert quarter, hospital["note"]  # the shipped OPPS addenda have no April 2025 quarter
    for row in (office, asc, inpatient):
        assert quarter[0] not in row["note"] and quarter[0] in row["comparison_note"], row
        assert "CMS's PFS quarterly release for 2025-05-01" in row["note"], row  # the PFS quarter is the row's own
    assert quarter[0] in unsited["note"] and unsited["comparison_note"] == ""
