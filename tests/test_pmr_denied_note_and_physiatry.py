"""A PM&R trial (Pittsburgh, a chiropractor and physical therapists on staff, 2025-2026).

A claim's priced lines beside a line Medicare denies said the rules ran without it "which Medicare denies (GY, GZ or EY:
nothing is paid for it)", though the denied lines were a chiropractor's 98940 without AT and 97140-GP, 72100 (no GY,
GZ or EY on any of them: Medicare Benefit Policy Manual ch. 15 §240.1.1, §240.1.3): the note no longer names modifiers
the lines do not carry. A provider column naming the physiatrist's specialty, CMS specialty 25 ("Physical medicine and
rehabilitation") or 09 ("Interventional Pain Management"), 'PM&R' or 'Physiatrist', was "not read as a practitioner"
on every row, though priced as a physician's: it is read as a physician's now. Amounts are CMS's (RVU x GPCI x CF from
the RVU and GPCI files, rounded half-up once), unchanged."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from rvucalc.batch.lines import PROVIDER_WORDS
from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app

DATA = Path(__file__).resolve().parents[1] / "data"
PITTSBURGH, LOCALITY, DATE = "15213", "1250299", "2026-08-05"  # Rest of Pennsylvania


def _pfs(code: str) -> str:
    """CMS's 2026 (July) office PFS amount in Rest of Pennsylvania: (work x GPCI + PE x GPCI + MP x GPCI) x CF."""
    with (DATA / "gpci/2026/localities2026-01-01-2026.csv").open(encoding="latin-1", newline="") as handle:
        gpci = next(row for row in csv.reader(handle) if row[4] == LOCALITY)
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1", newline="") as handle:
        row = next(row for row in csv.reader(handle) if row[:2] == [code, ""])
    rvus = (Decimal(row[5]) * Decimal(gpci[1]) + Decimal(row[6]) * Decimal(gpci[2])
            + Decimal(row[10]) * Decimal(gpci[3]))  # fmt: skip
    return str((rvus * Decimal(row[25])).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def test_a_chiropractor_s_denied_lines_are_not_said_to_carry_gy_gz_or_ey(pricer: Any) -> None:
    line = {"claim": "C1", "zip": PITTSBURGH, "date": DATE, "setting": "11", "provider": "DC"}
    rows = [{**line, "code": "98941", "modifier": "AT"}, {**line, "code": "98940", "modifier": ""},
            {**line, "claim": "C2", "code": "98942", "modifier": "AT"},
            {**line, "claim": "C2", "code": "97140", "modifier": "GP"},
            {**line, "claim": "C2", "code": "72100", "modifier": ""},
            {**line, "claim": "C3", "code": "98941", "modifier": "AT"},
            {**line, "claim": "C3", "code": "98940", "modifier": "GZ"}]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert [row["error_kind"] for row in out] == ["", "denied", "", "denied", "denied", "", "denied"]
    for row, code in ((out[0], "98941"), (out[2], "98942"), (out[5], "98941")):
        assert "of this claim, which Medicare denies (nothing is paid for it: its row's error says why)" in row["note"]
        assert "GY, GZ or EY" not in row["note"], row["note"]
        assert str(row["allowed"]) == _pfs(code)  # CMS's amount, the denied lines left out
    assert "lines 2 (97140-GP), 3 (72100)" in out[2]["note"]
    assert "without AT" in str(out[1]["error"]) and "chiropractor" in str(out[3]["error"])


@pytest.mark.parametrize(
    "cell", ["25", "09", "Physical Medicine and Rehabilitation", "Physical Medicine & Rehabilitation", "PM&R",
             "Physiatrist", "Interventional Pain Management"]
)  # fmt: skip
def test_a_physiatrist_s_specialty_is_read_as_a_physician_s(tmp_path: Path, cell: str) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        "Claim ID,DOS,CPT Code,Mod 1,Units,POS,Specialty,Zip Code\n"
        f'P1,08/05/2026,99214,25,1,11,"{cell}",{PITTSBURGH}\n'
        f'P1,08/05/2026,64493,,1,11,"{cell}",{PITTSBURGH}\n'
    )
    target = tmp_path / "out.csv"
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(target), "--columns", "provider=Specialty"])
    assert done.exit_code == 0, done.output
    assert "names no practitioner" not in done.stderr
    with target.open(newline="") as handle:
        visit, facet = list(csv.DictReader(handle))
    for row, code in ((visit, "99214"), (facet, "64493")):
        assert "not read as a practitioner" not in row["note"], row["note"]
        assert row["allowed"] == _pfs(code)  # a physician's full amount


def test_the_physiatry_words_name_a_physician() -> None:
    assert {PROVIDER_WORDS[word] for word in ("25", "09", "pm&r", "physiatrist")} == {"physician"}
    assert PROVIDER_WORDS["35"] == "chiropractor" and PROVIDER_WORDS["65"] == "therapist"  # unchanged


def test_a_rendering_provider_column_of_names_with_a_pta_is_read(tmp_path: Path) -> None:
    """The trial's 'Rendering Provider' of names ending in credentials (a DC's, a DPT's, a PTA's, an MD's) was left
    unread for its PTA's cell, which ``provider_of`` does not name (an assistant bills under the therapist, with CQ):
    the DC's 97140-GP was paid $26.64 (Medicare Benefit Policy Manual ch. 15 §240.1.1: not covered) and the PTA's 97110
    at 100%. Read as --columns provider='Rendering Provider' reads it: the DC's 97140 denied, the PTA's line (its own
    claim) at 85% of its fee (CQ: SSA §1834(v)), CMS's PFS formula rounded, then 85% of it rounded."""
    source = tmp_path / "in.csv"
    source.write_text(
        "Claim ID,DOS,CPT Code,Mod 1,Units,POS,Rendering Provider,Zip Code\n"
        f'R1,08/05/2026,98941,AT,1,11,"KOWALSKI, JAMES DC",{PITTSBURGH}\n'
        f'R1,08/05/2026,97140,GP,1,11,"KOWALSKI, JAMES DC",{PITTSBURGH}\n'
        f'R2,08/05/2026,97112,GP,1,11,"NGUYEN, LINH DPT",{PITTSBURGH}\n'
        f'R3,08/05/2026,97110,GP,1,11,"RUIZ, MARIA PTA",{PITTSBURGH}\n'
        f'R4,08/05/2026,99214,25,1,11,"PATEL, RAJ MD",{PITTSBURGH}\n'
    )
    outputs = []
    for extra in ([], ["--columns", "provider=Rendering Provider"]):
        target = tmp_path / f"out{len(extra)}.csv"
        done = CliRunner().invoke(app, ["batch", str(source), "-o", str(target), *extra])
        assert done.exit_code == 1, done.output  # the DC's 97140: denied
        assert "provider ← Rendering Provider" in done.stderr
        with target.open(newline="") as handle:
            outputs.append(list(csv.DictReader(handle)))
    found, told = outputs
    assert [row["allowed"] for row in found] == [row["allowed"] for row in told]
    manipulation, other, _, assistant, visit = found
    assert manipulation["allowed"] == _pfs("98941") and visit["allowed"] == _pfs("99214")
    assert other["error_kind"] == "denied" and "chiropractor" in other["error"]
    assert assistant["allowed"] == str(
        (Decimal(_pfs("97110")) * Decimal("0.85")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    )
