"""An interventional pain practice's trial: fluoroscopy (77003) beside a sacroiliac joint nerve block (64451) and CT
guidance (77012) beside radiofrequency ablation of those nerves (64625) were priced ($107.26, $127.94 at ZIP 60614) with
no note, though both descriptors (CPT 2020) include the image guidance, as 27096's does (engine.guidance). Notes only:
the guidance line keeps CMS's fee; price and batch agree."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from rvucalc.engine.guidance import guidance_note
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import encounters_both_ways

ZIP, DATE = "60614", "2026-03-02"  # the trial's: Chicago, IL

CLAIMS = [
    (["64451", "77003"], [False, True]),  # the trial's claims
    (["64625", "77012"], [False, True]),
    (["64451", "64625", "77002"], [False, False, True]),
    (["64450", "77003"], [False, False]),  # another peripheral nerve: guidance is reported with it
    (["64451", "76942"], [False, False]),  # fluoroscopy or CT, not ultrasound
]


def _cms_office_fee(pricer: Pricer, code: str) -> Decimal:
    """CMS's 2026 non-facility fee schedule amount of a code at ZIP 60614's locality, from CMS's RVU and GPCI files,
    rounded once."""
    store = pricer.store(next(r for r in pricer.catalogue.releases("pfs") if r.year == 2026))
    rvu, gpci = store.rvu(code, ""), store.locality(store.zip(ZIP)["locality"])
    exact = (rvu["work_rvu"] * gpci["gpci_work"] + rvu["pe_nonfac_rvu"] * gpci["gpci_pe"]
             + rvu["mp_rvu"] * gpci["gpci_mp"]) * rvu["conv_factor"]  # fmt: skip
    return (Decimal(exact) / Decimal(10) ** 9).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_sacroiliac_nerve_injection_and_ablation_include_their_guidance_in_price_and_batch(pricer: Pricer) -> None:
    """The guidance note on 77002, 77003 or 77012 beside 64451 or 64625, naming them, in price and a batch claim alike;
    none beside 64450 or with ultrasound; the guidance line's office amount is CMS's fee, unchanged."""
    for codes, code, line, row, expected in encounters_both_ways(pricer, CLAIMS, ZIP, DATE):
        notes = row["note"].split("; ")
        if expected:
            note = guidance_note(code, [c for c in codes if c in {"64451", "64625"}])
            assert line.notes.count(note) == 1, (codes, line.notes)
            assert notes.count(note) == 1, (codes, row["note"])
        else:
            assert not any("procedure-to-procedure" in said for said in [*line.notes, *notes]), codes
        if code in {"77003", "77012"}:
            fee = _cms_office_fee(pricer, code)
            assert line.pfs.non_facility.amount == fee == Decimal(str(row["pfs_non_facility_amount"])), codes


# A session 69 review: guidance the practitioner marks as a service apart (59, XS, XU ...) was still told it was
# included, `price 64451-LT 64450-RT 77002-XS` saying to leave 77002 off the claim where it guided the 64450 (another
# peripheral nerve, whose guidance is reported with it). The same guidance line without the modifier keeps its note.
DISTINCT_CLAIMS = [
    (["64451-LT", "64450-RT", "77002-XS"], [False, False, False]),
    (["64451", "64450", "77002-59"], [False, False, False]),
    (["64625", "77012-XU"], [False, False]),
    (["64451-LT", "64450-RT", "77002"], [False, False, True]),
]


def test_sacroiliac_nerve_guidance_with_a_distinct_service_modifier_is_not_noted(pricer: Pricer) -> None:
    """No "included" note on a guidance line with 59 or an X modifier, in price and batch alike; its office amount is
    CMS's fee, unchanged."""
    for codes, code, line, row, expected in encounters_both_ways(pricer, DISTINCT_CLAIMS, ZIP, DATE):
        said = [*line.notes, *row["note"].split("; ")]
        assert any("is included in" in note for note in said) == expected, (codes, code, said)
        if code.startswith(("77002", "77012")):
            fee = _cms_office_fee(pricer, code[:5])
            assert line.pfs.non_facility.amount == fee == Decimal(str(row["pfs_non_facility_amount"])), codes


# The genicular codes of the same CPT 2020 family, "including imaging guidance, when performed": any modality's needle
# guidance. A session 69 review: `price 64624-RT 76942` priced 76942 ($66.22 at ZIP 60614) with no note.
GENICULAR_CLAIMS = [
    (["64624-RT", "76942"], [False, True]),
    (["64454", "77002"], [False, True]),
    (["64454-LT", "77012-26"], [False, True]),
    (["64624", "77003"], [False, False]),  # spine or paraspinous fluoroscopy: not a knee's guidance code
    (["64450", "76942"], [False, False]),  # another peripheral nerve: guidance is reported with it
]


def test_genicular_nerve_injection_and_destruction_include_any_needle_guidance(pricer: Pricer) -> None:
    """The guidance note on 76942, 77002 or 77012 beside 64454 or 64624, naming it, in price and batch alike; the
    guidance line's office amount is CMS's fee, unchanged."""
    for codes, code, line, row, expected in encounters_both_ways(pricer, GENICULAR_CLAIMS, ZIP, DATE):
        if expected:
            note = guidance_note(code[:5], [c[:5] for c in codes if c[:5] in {"64454", "64624"}])
            assert line.notes.count(note) == 1, (codes, line.notes)
            assert row["note"].split("; ").count(note) == 1, (codes, row["note"])
        else:
            assert not any("is included in" in said for said in [*line.notes, *row["note"].split("; ")]), codes
        if code in {"76942", "77002"}:
            fee = _cms_office_fee(pricer, code)
            assert line.pfs.non_facility.amount == fee == Decimal(str(row["pfs_non_facility_amount"])), codes


# Thoracic paravertebral blocks 64461-64463 (CPT 2016) and TAP blocks 64486-64489 (CPT 2015), "includes imaging
# guidance, when performed". A session 69 review: `price 64486 76942 --zip 60614 --setting 11` priced 76942, no note.
PLANE_BLOCK_CLAIMS = [
    (["64486", "76942"], [False, True]),  # the review's
    (["64488", "77002"], [False, True]),
    (["64487-LT", "77012-26"], [False, True]),
    (["64489", "77021"], [False, True]),
    (["64486", "77003"], [False, False]),  # spine or paraspinous fluoroscopy: not an abdominal wall block's
    (["64461-RT", "64462-RT", "76942"], [False, False, True]),
    (["64463", "77003"], [False, True]),
    (["64461", "77012"], [False, True]),
    (["64420", "76942"], [False, False]),  # an intercostal nerve block: guidance is reported with it
]
PLANE_BLOCKS = {"64461", "64462", "64463", "64486", "64487", "64488", "64489"}


def test_paravertebral_and_tap_blocks_include_their_imaging_guidance(pricer: Pricer) -> None:
    """The guidance note on the guidance line beside a thoracic paravertebral or TAP block, naming the blocks, in price
    and batch alike; none beside an intercostal block, nor 77003 beside a TAP block; the guidance line's office
    amount is CMS's fee, unchanged."""
    for codes, code, line, row, expected in encounters_both_ways(pricer, PLANE_BLOCK_CLAIMS, ZIP, DATE):
        if expected:
            note = guidance_note(code[:5], list(dict.fromkeys(c[:5] for c in codes if c[:5] in PLANE_BLOCKS)))
            assert line.notes.count(note) == 1, (codes, line.notes)
            assert row["note"].split("; ").count(note) == 1, (codes, row["note"])
        else:
            assert not any("is included in" in said for said in [*line.notes, *row["note"].split("; ")]), codes
        if code in {"76942", "77002", "77003"}:
            fee = _cms_office_fee(pricer, code)
            assert line.pfs.non_facility.amount == fee == Decimal(str(row["pfs_non_facility_amount"])), codes
