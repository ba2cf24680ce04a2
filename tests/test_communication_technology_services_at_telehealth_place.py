"""Communication technology-based services (virtual check-ins, e-visits, interprofessional consultations, remote
monitoring) are no Medicare telehealth services: the CY2019 PFS final rule read SSA §1834(m)'s limits as applying to
services paid as if furnished in person, not to "services that are defined by, and inherently involve the use of,
communication technology". A telehealth practice's trial (Montana, Wyoming, Denver): 99422 at POS 02 (priced at the
PFS facility rate), 98016-95 and 99446-95 at POS 10 read only "Telehealth: rvucalc does not check CMS's Medicare
Telehealth Services List", as if they were telehealth services to check against it. They say they are no telehealth
service and are billed at the practitioner's own place now, price and batch alike
(engine.place_of_service.place_note_for_line); the amount is still the place's, CMS's own (RVU26C x the 2026 GPCIs x
CF, rounded half-up once). A visit at POS 02 keeps the telehealth list's note."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa

from rvucalc.batch.price import BatchPricer
from rvucalc.engine.pfs import REMOTE_MONITORING_AT_TELEHEALTH_REASON
from rvucalc.engine.place_of_service import (
    CTBS_WITH_TELEHEALTH_MODIFIER,
    NOT_TELEHEALTH_CTBS_NOTE,
    TELEHEALTH_LIST_NOTE,
)
from rvucalc.lookup.pricer import Pricer

DATA = Path(__file__).resolve().parents[1] / "data"
ZIP, LOCALITY, DATE = "80205", "0411201", "2026-08-03"  # Denver: COLORADO
LINES = [("99422", "02"), ("98016", "10"), ("99446", "10"), ("99457", "02"), ("99214", "02")]


def _fee(code: str, facility: bool) -> Decimal:
    """CMS's 2026 (July) amount at the locality: (work x GPCI + PE x GPCI + MP x GPCI) x CF, rounded half-up once,
    from the RVU26C and 2026 GPCI files (the facility PE at POS 02, the non-facility PE at POS 10)."""
    with (DATA / "gpci/2026/localities2026-01-01-2026.csv").open(encoding="latin-1", newline="") as handle:
        gpci = next(row for row in csv.reader(handle) if row[4] == LOCALITY)
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1", newline="") as handle:
        row = next(row for row in csv.reader(handle) if row[:2] == [code, ""])
    pe = Decimal(row[8] if facility else row[6])
    rvus = Decimal(row[5]) * Decimal(gpci[1]) + pe * Decimal(gpci[2]) + Decimal(row[10]) * Decimal(gpci[3])
    return (rvus * Decimal(row[25])).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _batch(pricer: Pricer, rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    return BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()


def test_virtual_check_in_e_visit_consult_and_monitoring_at_pos_02_or_10_are_no_telehealth(pricer: Pricer) -> None:
    rows = _batch(pricer, [{"claim": f"E{n}", "date": DATE, "code": code, "zip": ZIP, "setting": pos}
                           for n, (code, pos) in enumerate(LINES)])  # fmt: skip
    for (code, pos), row in zip(LINES, rows, strict=True):
        single = pricer.price(code, zip_code=ZIP, date_of_service=DATE, setting=pos)
        notes = row["note"].split("; ")
        said = NOT_TELEHEALTH_CTBS_NOTE.format(pos=pos, code=code)
        if code == "99214":  # a telehealth visit: the list's note, as before
            assert any(TELEHEALTH_LIST_NOTE in n for n in notes) and not any(said in n for n in notes), notes
            assert any(TELEHEALTH_LIST_NOTE in n for n in single.notes), single.notes
        else:
            assert any(said in n for n in notes) and not any(TELEHEALTH_LIST_NOTE in n for n in notes), notes
            assert any(said in n for n in single.notes), single.notes
            assert not any(TELEHEALTH_LIST_NOTE in n for n in single.notes), single.notes
        want = _fee(code, facility=pos == "02")
        assert Decimal(str(row["allowed"])) == want == Decimal(str(single.sites[0].allowed)), (code, row, want)


def test_remote_monitoring_device_at_pos_02_says_no_telehealth_once_and_not_priced_as_pos_02(pricer: Pricer) -> None:
    """99454 and 98976 (device supply, 16-30 days) have a facility PE RVU 'NA' in RVU26C: no amount at POS 02, where
    their reason says they are no telehealth service (REMOTE_MONITORING_AT_TELEHEALTH_REASON). A review found the
    communication technology note beside it in batch ("Priced as POS 02." of a line without an amount): said once."""
    codes = ["99454", "98976"]
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1", newline="") as handle:
        facility_na = {row[0]: row[9] for row in csv.reader(handle) if row[:1] and row[0] in codes and row[1] == ""}
    assert facility_na == dict.fromkeys(codes, "NA"), facility_na  # the facility NA indicator
    rows = _batch(pricer, [{"claim": f"M{n}", "date": DATE, "code": code, "zip": ZIP, "setting": "02"}
                           for n, code in enumerate(codes)])  # fmt: skip
    for code, row in zip(codes, rows, strict=True):
        single = pricer.price(code, zip_code=ZIP, date_of_service=DATE, setting="02")
        said = NOT_TELEHEALTH_CTBS_NOTE.format(pos="02", code=code)
        assert row["allowed"] is None and single.sites[0].allowed is None, (row, single.sites)
        assert single.sites[0].reason == REMOTE_MONITORING_AT_TELEHEALTH_REASON, single.sites[0].reason
        assert row["note"].count("not a Medicare telehealth service") == 1, row["note"]
        for notes in (row["note"].split("; "), single.notes):
            assert not any(said in n or TELEHEALTH_LIST_NOTE in n for n in notes), notes


def test_communication_technology_service_with_95_or_93_at_the_office_is_not_sent_to_pos_02_or_10(
    pricer: Pricer,
) -> None:
    """A review's 98016-95 at POS 11 read "Medicare telehealth is billed at POS 02 or 10 only" and the list's note, as
    if the virtual check-in were a telehealth service to move there: it says it is none, billed without 95 or 93 at the
    practitioner's own place (engine.place_of_service.CTBS_WITH_TELEHEALTH_MODIFIER), price and batch alike. A visit
    with 95 at POS 11 keeps the in-person place's note; the amount is the office's, CMS's own."""
    lines = [("98016", "95"), ("99446", "93"), ("99214", "95")]
    rows = _batch(pricer, [{"claim": f"O{n}", "date": DATE, "code": code, "modifier": modifier, "zip": ZIP,
                            "setting": "11"} for n, (code, modifier) in enumerate(lines)])  # fmt: skip
    for (code, modifier), row in zip(lines, rows, strict=True):
        single = pricer.price(f"{code}-{modifier}", zip_code=ZIP, date_of_service=DATE, setting="11")
        said = CTBS_WITH_TELEHEALTH_MODIFIER.format(pos="11", name="Office", modifier=modifier)
        for notes in (row["note"].split("; "), single.notes):
            if code == "99214":
                assert any(TELEHEALTH_LIST_NOTE in n for n in notes) and said not in notes, notes
            else:
                assert said in notes and not any(TELEHEALTH_LIST_NOTE in n for n in notes), notes
        want = _fee(code, facility=False)
        assert Decimal(str(row["allowed"])) == want == Decimal(str(single.sites[0].allowed)), (code, row, want)
