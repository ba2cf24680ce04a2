"""A radiology group's trial: `price 74177-26 --setting 02` said "Telehealth: rvucalc does not check CMS's Medicare
Telehealth Services List", though a remote interpretation of a diagnostic test is no telehealth service and its place
of service is where the patient had the technical component (Pub. 100-02 ch. 15 §30; Pub. 100-04 ch. 26 §10.5). The
shared rewrite of a place's note per line (engine.place_of_service.place_note_for_line), with CMS's PC/TC indicators
read off the RVU file."""

from __future__ import annotations

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.engine.place_of_service import (
    REMOTE_INTERPRETATION_NOTE,
    TELEHEALTH_LIST_NOTE,
    place_note_for_line,
    resolve_site,
)
from rvucalc.lookup.pricer import Pricer
from test_differential import _note, _single


def _pctc(pricer: Pricer, code: str) -> str:
    store = pricer.store(next(r for r in pricer.catalogue.releases("pfs") if r.year == 2025))
    return str(store.rvu(code, "")["pctc"])


def test_a_diagnostic_test_s_professional_component_at_pos_02_or_10_is_no_telehealth_service(pricer: Pricer) -> None:
    ct, visit = _pctc(pricer, "74177"), _pctc(pricer, "99213")
    assert ct.strip() == "1" and visit.strip() == "0"  # CMS's indicators: a diagnostic test, a visit
    for pos in ("02", "10"):
        note = resolve_site(pos).note or ""
        assert TELEHEALTH_LIST_NOTE in note
        said = place_note_for_line(note, pos, ct, ("26",))
        assert TELEHEALTH_LIST_NOTE not in said and REMOTE_INTERPRETATION_NOTE.format(pos=pos) in said
        assert place_note_for_line(note, pos, visit, ("95",)) == note  # a visit: the telehealth list's note
        assert place_note_for_line(note, pos, ct, ()) == note  # the global test: not read at a distance alone
    office = resolve_site("22").note or ""
    assert place_note_for_line(office, "22", ct, ("26",)) == office


@pytest.mark.parametrize("pos", ["02", "10"])
def test_price_and_batch_say_it_alike(pricer: Pricer, pos: str) -> None:
    """The single lookup's place note per line (lookup.pricer) and batch's rewrite of the row's (BatchPricer.
    _remote_interpretation_notes) agree: 74177-26 and 93010 (PC/TC indicator 2) say the remote reading's note, 99213 and
    the global 74177 the telehealth list's."""
    lines = [{"code": code, "modifier": modifier, "zip": "98104", "locality": "", "date": "2025-11-12",
              "setting": pos, "base_units": "", "minutes": "", "units": "1", "state": ""}
             for code, modifier in (("74177", "26"), ("93010", ""), ("99213", ""), ("74177", ""))]  # fmt: skip
    rows = BatchPricer(pricer).price_table(pa.table({name: [line[name] for line in lines] for name in lines[0]}))
    remote = REMOTE_INTERPRETATION_NOTE.format(pos=pos)
    for line, out in zip(lines, rows.to_pylist(), strict=True):
        single = _single(pricer, line, pos)
        assert (out["note"], out["comparison_note"]) == _note(
            single, "", line, out["site"] in ("office", "facility"), out["site"] == "office", out["site"]
        ), line
        said = remote in out["note"]
        assert said == (line["code"] == "93010" or line["modifier"] == "26"), line
        assert said != (TELEHEALTH_LIST_NOTE in out["note"]), line
