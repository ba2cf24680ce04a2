"""Lab and technical-component lines said as Medicare pays them (fresh-eyes trials, pathology and radiation oncology):
an unlisted lab test is the CLFS's at the MAC's price, not "not payable"; compare does not call a status X lab code
"unchanged"; a TC line in a facility is the facility's part; QW on a PFS code changes nothing; a CLFS line's notes
speak of its amount; the PFS-only radiation delivery G codes and the hospital's CPT codes name each other. Single
lookups and batch alike."""

from __future__ import annotations

import pyarrow as pa
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer

runner = CliRunner()


def _batch(pricer: Pricer, rows: list[dict[str, str]]) -> list[dict[str, object]]:
    names = sorted({name for row in rows for name in row})
    table = pa.table({name: [row.get(name, "") for row in rows] for name in names})
    return BatchPricer(pricer).price_table(table).to_pylist()  # type: ignore[no-any-return]


def test_an_unlisted_lab_test_is_the_clfs_at_the_macs_price(pricer: Pricer) -> None:
    """81479 (PFS status X, no CLFS row) was "not payable in any site ... status X: Statutory exclusion"."""
    result = pricer.price("81479", zip_code="37203")
    assert result.paid_by is None and result.clfs is None  # nothing installed prices it: the office's reason says
    said = "81479 is an unlisted laboratory test, paid from the clinical laboratory fee schedule: the MAC prices it"
    assert any(note.startswith(said) for note in result.notes) and str(result.sites[0].reason).startswith(said)
    out = runner.invoke(app, ["price", "81479", "--zip", "37203"])
    assert out.exit_code == 1 and "not payable" not in out.output and said in out.output
    [row] = _batch(pricer, [{"code": "81479", "zip": "37203", "setting": "11"}])
    assert said in str(row["note"]) and row["allowed"] is None and row["error"] == ""
    # Not the anatomic pathology unlisted codes (PFS status C: the MAC prices the physician's service).
    assert not any("unlisted laboratory test" in note for note in pricer.price("88199").notes)


def test_an_unlisted_lab_test_is_left_out_of_the_office_total_never_not_payable(pricer: Pricer) -> None:
    """A review: 81099 + 99213 in the office became "not payable" (exit 1) once 81099's reason said the CLFS. The MAC
    prices it: its line is not priced, and the office total leaves it out, named, as it leaves out a vaccine or
    G0008 that Medicare pays outside the PFS (a payer analyst's trial: one rule for them all,
    engine.facility.OFFICE_PRICED_APART); batch pays 99213 and counts 81099 unpriced."""
    from rvucalc.engine.facility import OFFICE_PRICED_APART

    result = pricer.price_encounter(["81099", "99213"], zip_code="10001", setting="11", date_of_service="2026-08-10")
    office = result.totals["office"]
    assert office.total == result.lines[1].pfs.non_facility.amount and OFFICE_PRICED_APART in str(office.reason)
    assert "81099 is an unlisted laboratory test" in str(office.reason) and "ot payable" not in str(office.reason)
    rows = _batch(pricer, [{"claim": "A", "code": code, "zip": "10001", "setting": "11", "date": "2026-08-10"}
                           for code in ("81099", "99213")])  # fmt: skip
    assert rows[0]["allowed"] is None and rows[1]["allowed"] == result.lines[1].pfs.non_facility.amount


def test_compare_does_not_call_a_clfs_code_unchanged(pricer: Pricer) -> None:
    """80053 and 81479 were "unchanged"/"No change." beside 0001U's "not paid under the PFS" explanation. (81479, an
    unlisted lab test the MAC prices, is in both RVU files: not comparable, with price's reason, as in --all.)"""
    out = runner.invoke(app, ["compare", "80053", "81479", "0001U", "--from", "2025", "--to", "2026", "--format",
                              "csv"])  # fmt: skip
    lines = {line.split(",", 1)[0]: line for line in out.stdout.splitlines()[1:]}
    for code in ("80053", "81479", "0001U"):
        kind = ",not_comparable,"  # as --all says (an analyst's trial: named, 36415 was not_found)
        assert kind in lines[code] and "not paid under the PFS" in lines[code], lines[code]
        assert "clinical laboratory fee schedule" in lines[code] and "No change." not in lines[code]


def test_a_technical_component_in_a_facility_is_the_facilitys_part(pricer: Pricer) -> None:
    """88305-TC and 88184 (PC/TC 3) at POS 21 were "rarely or never performed there"."""
    tc = pricer.price("88305-TC", zip_code="37203", setting="21")
    only = pricer.price("88184", zip_code="37203", setting="21")
    assert "the technical component (TC) is the facility's part" in str(tc.pfs.facility.reason)
    assert "a technical-only service (PC/TC indicator 3) is the facility's" in str(only.pfs.facility.reason)
    for result in (tc, only):
        assert "rarely or never" not in str(result.pfs.facility.reason)
    rows = _batch(pricer, [{"code": "88305-TC", "zip": "37203", "setting": "22"},
                           {"code": "88184", "zip": "37203", "setting": "21"}])  # fmt: skip
    assert str(tc.pfs.facility.reason) in str(rows[0]["note"])
    assert str(only.pfs.facility.reason) in str(rows[1]["note"])  # not the TC row's reason (one batch kind each)
    out = runner.invoke(app, ["price", "88305-TC", "--setting", "21", "--zip", "37203"])
    assert out.exit_code == 1 and "has no physician's fee here" in out.output and "not payable" not in out.output


def test_a_tc_line_is_not_called_a_professional_bill(pricer: Pricer) -> None:
    result = pricer.price_encounter(["77301-26", "77301-TC"], zip_code="33136", date_of_service="2025-11-03",
                                    setting="22")  # fmt: skip
    said = " ".join(note for line in result.lines for note in [*line.notes, *(line.opps.notes if line.opps else [])])
    assert "One facility payment per service" in said and "professional bills" not in said
    assert "share its one facility payment" in said


def test_qw_on_a_pfs_code_is_said_to_change_nothing(pricer: Pricer) -> None:
    note = "Modifier QW (CLIA-waived test) is the CLFS's: it does not change 88305's PFS amount."
    single = pricer.price("88305-QW", zip_code="37203")
    assert note in single.notes
    assert single.sites[0].total == pricer.price("88305", zip_code="37203").sites[0].total
    rows = _batch(pricer, [{"code": "88305-QW", "zip": "37203", "setting": "11"},
                           {"code": "88305-QW-59", "zip": "37203", "setting": "11"}])  # fmt: skip
    assert all(note in str(row["note"]) for row in rows)
    assert not any("QW" in n for n in pricer.price("88305", zip_code="37203").notes)


def test_a_clfs_lines_notes_speak_of_its_amount(pricer: Pricer) -> None:
    """80053-91 at POS 81: "it does not change the PFS amount" and "PFS non-facility rate" on a CLFS amount."""
    single = pricer.price("80053-91", zip_code="60611", setting="81", date_of_service="2026-04-01")
    [row] = _batch(pricer, [{"code": "80053-91", "zip": "60611", "setting": "81", "date": "2026-04-01"}])
    for said in (" ".join(single.notes), str(row["note"])):
        assert "Modifier 91 is informational: it does not change the amount." in said
        assert "POS 81 (Independent laboratory): priced like the office (its office rate" in said
        assert "PFS amount" not in said and "PFS non-facility" not in said


def test_a_clfs_code_not_yet_in_force_names_no_clfs_release(pricer: Pricer) -> None:
    """0614U on 2026-03-31 (on the CLFS from 2026-04-01): batch's release read "2026C; CLFS 2026-04"."""
    single = pricer.price("0614U", date_of_service="2026-03-31")
    assert single.clfs is not None and single.clfs.quarter is None and "2026-04 release" in str(single.clfs.reason)
    rows = _batch(pricer, [{"code": "0614U", "date": "2026-03-31"}, {"code": "0614U", "date": "2026-04-01"}])
    assert rows[0]["release"] == "2026C" and rows[1]["release"] == "2026C; CLFS 2026-04"


def test_radiation_delivery_codes_name_their_counterparts(pricer: Pricer) -> None:
    """G6015 at the hospital (2025 Addendum B: SI B) and 77385/77402 in the office (2025 RVU file: status I)."""
    g = pricer.price("G6015", zip_code="37203", date_of_service="2025-11-03", setting="hopd")
    assert g.opps is not None and str(g.opps.reason).endswith("the hospital bills 77385 or 77386 (IMRT)")
    imrt = pricer.price("77385", zip_code="37203", date_of_service="2025-11-03", setting="11")
    simple = pricer.price("77402", zip_code="37203", date_of_service="2025-11-03", setting="11")
    assert "Medicare pays it as G6015 or G6016 (IMRT)" in str(imrt.pfs.non_facility.reason)
    assert "Medicare pays it as G6003-G6006" in str(simple.pfs.non_facility.reason)
    rows = _batch(pricer, [{"code": code, "zip": "37203", "date": "2025-11-03", "setting": "11"}
                           for code in ("77385", "77402", "99417")])  # fmt: skip
    assert str(imrt.pfs.non_facility.reason) in str(rows[0]["note"])
    assert str(simple.pfs.non_facility.reason) in str(rows[1]["note"])  # each code its own (not one per status)
    assert "G2212" in str(rows[2]["note"])
    [hospital] = _batch(pricer, [{"code": "G6015", "zip": "37203", "date": "2025-11-03", "setting": "22"}])
    assert "the hospital bills 77385 or 77386 (IMRT)" in str(hospital["note"])


def test_a_technical_component_in_a_facility_is_left_out_of_the_physicians_total(pricer: Pricer) -> None:
    """A review: 99213 + 71045-TC at POS 21 was "not payable" (and "has no physician's fee here") while batch paid
    99213: the TC line is the hospital's part, left out of the physician's total, which is 99213's."""
    result = pricer.price_encounter(["99213", "71045-TC"], zip_code="10001", setting="21",
                                    date_of_service="2026-08-10")  # fmt: skip
    total = result.totals["facility"]
    assert total.payable and total.total == result.lines[0].pfs.facility.amount, total
    assert "leaves out the facility's part" in str(total.reason) and "71045" in str(total.reason)
    rows = _batch(pricer, [{"claim": "A", "code": code, "zip": "10001", "setting": "21", "date": "2026-08-10"}
                           for code in ("99213", "71045-TC")])  # fmt: skip
    assert rows[0]["allowed"] == total.total and rows[1]["allowed"] is None
    out = runner.invoke(app, ["price", "71045-TC", "88305-TC", "--zip", "10001", "--setting", "21"])
    assert out.exit_code == 1 and "has no physician's fee here" in out.output
