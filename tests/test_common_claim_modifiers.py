"""Modifiers Medicare claims carry every day that change no PFS, OPPS or ASC amount: chiropractic AT, anesthesia
physical status P1-P6 (Medicare pays no physical status units), patient relationship X1-X5, clinical trial Q0/Q1,
audio-only telehealth FQ, skin substitutes JC/JD ... A claim file with them was a file of "Unknown modifier" rows.
Each line prices as it does without the modifier, with a note saying so; single lookups and batch alike."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.engine.modifiers import MODIFIER_LINE_NOTES, informational, require
from rvucalc.errors import RvucalcError

DATE = "2026-08-03"
# (98940-AT is paid and 98940 denied: AT changes no amount but decides whether there is one, test_chiropractor.)
LINES = [("99213", "X3"), ("99214", "FQ"), ("99213", "Q1"), ("96413", "Q0"),
         ("15271", "JC"), ("99214", "CG"), ("74177", "QQ"), ("99284", "ER"), ("99213", "M2"),
         ("99213", "DR"), ("99213", "SC"), ("99213", "FR"), ("99213", "G0"), ("99213", "QJ"), ("77067", "GH"),
         ("78815", "PI"), ("78815", "PS"), ("71046", "UN"), ("99213", "GF"), ("99213", "TS"),
         ("99213", "GR")]  # fmt: skip


@pytest.mark.parametrize("modifier", ["AT", "P1", "P2", "P3", "P4", "P5", "P6", "X1", "X2", "X3", "X4", "X5", "Q0",
                                      "Q1", "FQ", "FR", "G0", "CG", "SC", "M2", "ER", "QQ", "KO", "KP", "KQ",
                                      "K0", "K1", "K2", "K3", "K4", "JC", "JD", "DR", "QJ", "QM", "QN", "GF", "GH",
                                      "PI", "PS", "TS", "UN", "UP", "UQ", "UR", "US", "RA", "RB", "GR",
                                      "SG"])  # fmt: skip
def test_known_and_informational(modifier: str) -> None:
    assert informational(modifier) and require(modifier).meaning


def test_they_price_as_the_line_without_them(pricer: Any) -> None:
    rows = [{"code": code, "modifier": modifier, "zip": "10001", "date": DATE} for code, modifier in LINES]
    rows.append({"code": "00840", "modifier": "P3", "zip": "10001", "date": DATE})
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    bare = BatchPricer(pricer).price_table(pa.Table.from_pylist([{**row, "modifier": ""} for row in rows])).to_pylist()
    for row, priced, plain in zip(rows, out, bare, strict=True):
        assert not priced["error"] or priced["error"] == plain["error"], (row, priced["error"])
        for column in ("office_allowed", "hopd_allowed", "asc_allowed", "office_beneficiary"):
            assert priced[column] == plain[column], (row, column)
        if not priced["error"]:  # GF's note says whose modifier it is (engine.modifiers.GF_NOTE), not "informational"
            said = MODIFIER_LINE_NOTES.get(row["modifier"], f"Modifier {row['modifier']} is informational")
            assert said in priced["note"], row
    for code, modifier in LINES:
        with_it = pricer.price(code, modifier=modifier, zip_code="10001", date_of_service=DATE)
        without = pricer.price(code, zip_code="10001", date_of_service=DATE)
        assert [s.total for s in with_it.sites] == [s.total for s in without.sites], (code, modifier)


def test_gj_is_not_taken_for_informational(pricer: Any) -> None:
    """GJ (an opt-out practitioner's emergency service) is paid as a non-participating physician's (Benefit Policy
    Manual ch. 15 §40.28): rvucalc does not price it that way, so it refuses the line rather than pay the par amount."""
    with pytest.raises(RvucalcError, match="Unknown modifier 'GJ'"):
        pricer.price("99213", modifier="GJ", zip_code="10001", date_of_service=DATE)


def test_ad_is_paid_three_base_units_and_no_time_in_price_and_batch(pricer: Any) -> None:
    """AD (more than four concurrent anesthesia procedures) was refused. Claims Processing Manual ch. 12 §50.D:
    "Carriers may allow only three base units per procedure ... An additional time unit may be recognized if the
    physician can document he or she was present at induction." It is paid 3 x the locality's anesthesia CF, whatever
    the line's own base units and minutes, with the unpaid extra unit said; in batch alike (also without inputs)."""
    from decimal import Decimal

    from rvucalc.engine.anesthesia import supervised_note

    single = pricer.price("00790", modifier="AD", base_units=7, minutes=120, zip_code="10001", date_of_service=DATE)
    store = pricer.store(next(r for r in pricer.catalogue.releases("pfs") if r.release == single.release))
    cf = Decimal(store.anesthesia_cf("1320201")["anes_cf"]).scaleb(-2)
    assert single.pfs.non_facility.amount == single.pfs.facility.amount == 3 * cf
    assert (single.pfs.anesthesia.base_units, single.pfs.anesthesia.time_units) == (3, 0)
    assert supervised_note("00790", f"${cf}", Decimal(7), 120) in single.notes
    bare = pricer.price("00790", modifier="AD", zip_code="10001", date_of_service=DATE)
    assert bare.pfs.facility.amount == 3 * cf and supervised_note("00790", f"${cf}", None, None) in bare.notes
    rows = BatchPricer(pricer).price_table(pa.Table.from_pylist([
        {"code": "00790", "modifier": "AD", "zip": "10001", "date": DATE, "base_units": "7", "minutes": "120"},
        {"code": "00790", "modifier": "AD", "zip": "10001", "date": DATE, "base_units": "", "minutes": ""},
    ])).to_pylist()  # fmt: skip
    assert [Decimal(str(row["pfs_facility_amount"])) for row in rows] == [3 * cf] * 2
    assert all(row["error"] == "" for row in rows) and supervised_note("00790", f"${cf}", Decimal(7), 120) in rows[0][
        "note"]  # fmt: skip
    with pytest.raises(RvucalcError, match="anesthesia modifiers go with anesthesia codes"):
        pricer.price("99213", modifier="AD", zip_code="10001", date_of_service=DATE)


@pytest.mark.parametrize("pair", ["RH", "SH", "HR", "NX", "RR"])
def test_an_ambulance_lines_origin_and_destination_is_no_unknown_modifier(pricer: Any, pair: str) -> None:
    """Every ambulance claim line carries an origin/destination pair (Pub. 100-04 ch. 15): A0429-RH was refused as
    "Unknown modifier 'RH'", hiding the line's real answer (the ambulance fee schedule is not installed)."""
    from rvucalc.lookup.lines import parse_line

    assert parse_line(f"A0429-{pair}") == ("A0429", [])
    assert parse_line(f"A0429-{pair}-GM") == ("A0429", ["GM"])
    alone = pricer.price("A0429", zip_code="10001")
    paired = pricer.price(f"A0429-{pair}", zip_code="10001")
    assert paired.notes == alone.notes and any("ambulance fee schedule" in note for note in alone.notes)
    assert [site.reason for site in paired.sites] == [site.reason for site in alone.sites]
    out = BatchPricer(pricer).price_table(pa.table({"code": ["A0429"], "modifier": [pair], "zip": ["10001"]}))
    assert out.column("error").to_pylist() == [""] and "ambulance fee schedule" in out.column("note")[0].as_py()


def test_an_origin_destination_pair_is_no_modifier_of_other_codes() -> None:
    from rvucalc.lookup.lines import parse_line

    with pytest.raises(RvucalcError, match="Unknown modifier 'RH'"):
        parse_line("99213-RH")
