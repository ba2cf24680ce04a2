"""An interventional pain physician's trial: fluoroscopy (77003) billed beside a transforaminal epidural injection
(64483) added its fee to the office total with no word, though 64483's descriptor includes the imaging guidance and
Medicare's NCCI edits deny 77003 with it (engine.guidance); and 27096 (sacroiliac joint injection) at the hospital and
the ASC said "not payable" without naming G0260, the code the facility bills for it (engine.facility_codes). Notes
only: the amounts are CMS's, unchanged; price and batch agree."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pyarrow as pa
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine.guidance import GUIDANCE, guidance_note, without_ultrasound_note
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import encounters_both_ways

ZIP, DATE = "40202", "2026-08-04"  # the trial's: Louisville, KY


def _cms_office_fee(pricer: Pricer, code: str, year: int) -> Decimal:
    """CMS's non-facility fee schedule amount of a code at the ZIP's locality, from CMS's RVU and GPCI files, rounded
    once."""
    store = pricer.store(next(r for r in pricer.catalogue.releases("pfs") if r.year == year))
    rvu, gpci = store.rvu(code, ""), store.locality(store.zip(ZIP)["locality"])
    exact = (rvu["work_rvu"] * gpci["gpci_work"] + rvu["pe_nonfac_rvu"] * gpci["gpci_pe"]
             + rvu["mp_rvu"] * gpci["gpci_mp"]) * rvu["conv_factor"]  # fmt: skip
    return (Decimal(exact) / Decimal(10) ** 9).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


CLAIMS = [
    (["99214", "64483", "64484", "77003"], [False, False, False, True]),  # the trial's claim
    (["27096", "77003"], [False, True]),
    (["62323", "77012"], [False, True]),
    (["64493", "77002"], [False, True]),
    (["22513", "22515", "77003"], [False, False, True]),
    (["20610", "77002"], [False, False]),  # an arthrocentesis: its descriptor has no imaging guidance
    (["62322", "77003"], [False, False]),  # the epidural code without imaging guidance: 77003 is reported with it
    (["77003"], [False]),
    # a vascular trial's: ultrasound guidance beside endovenous ablation ("inclusive of all imaging guidance")
    (["36475", "76937"], [False, True]),
    (["36478", "36479", "76942", "77002"], [False, False, True, True]),
    (["64493", "76942"], [False, False]),  # a facet injection includes fluoroscopy or CT guidance, not ultrasound
    (["36556", "76937"], [False, False]),  # a central venous catheter's descriptor does not include it
    # a PM&R trial's: ultrasound guidance beside the arthrocentesis codes "with ultrasound guidance" (CPT 2015)
    (["99214", "20611", "76942"], [False, False, True]),
    (["20604", "76942"], [False, True]),
    (["20606", "76942"], [False, True]),
    (["20611", "77002"], [False, False]),  # 20611 includes ultrasound guidance, not fluoroscopy
    (["20552", "76942"], [False, False]),  # a trigger point injection's descriptor has no imaging guidance
]


def _including(codes: list[str]) -> list[str]:
    return [code for code in codes if code not in {"99214", "77002", "77003", "77012", "76937", "76942"}]


def test_fluoroscopy_beside_an_injection_that_includes_imaging_guidance_is_noted_in_price_and_batch(
    pricer: Pricer,
) -> None:
    """The trial's `price 99214-25 64483-RT 64484-RT 77003 J1010` added 77003's $95.17 with no note. The note on the
    guidance line where its encounter has a procedure whose descriptor includes the guidance, naming it, in price
    and in a batch claim alike; none beside a code without it; 77003's amount is CMS's fee, unchanged."""
    fee = _cms_office_fee(pricer, "77003", 2026)
    for codes, code, line, row, expected in encounters_both_ways(pricer, CLAIMS, ZIP, DATE):
        notes = row["note"].split("; ")
        if expected:
            note = guidance_note(code, _including(codes))
            assert line.notes.count(note) == 1, (codes, line.notes)
            assert notes.count(note) == 1, (codes, row["note"])
        else:
            assert not any("procedure-to-procedure" in said for said in [*line.notes, *notes]), codes
        if code == "77003":
            assert line.pfs.non_facility.amount == fee == Decimal(str(row["pfs_non_facility_amount"])), codes


def test_the_trial_s_claim_says_so_in_the_cli_and_its_total_is_unchanged(pricer: Pricer) -> None:
    out = CliRunner().invoke(app, ["price", "64483-RT", "77003", "--zip", ZIP, "--date", DATE])
    assert out.exit_code == 0, out.output
    said = " ".join(out.stdout.split())
    assert "77003 (fluoroscopic guidance for a spine or paraspinous injection) is included in 64483" in said
    assert "leave 77003 off the claim" in said
    encounter = pricer.price_encounter(["64483", "77003"], zip_code=ZIP, date_of_service=DATE)
    expected = _cms_office_fee(pricer, "64483", 2026) + _cms_office_fee(pricer, "77003", 2026)
    assert encounter.totals["office"].total == expected


def _batch(pricer: Pricer, rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    return BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()


def test_27096_at_the_hospital_and_the_asc_names_g0260_the_facility_s_code(pricer: Pricer) -> None:
    """The trial's `price 27096 --date 2025-11-03`: the hospital (SI B) and the ASC (on neither Addendum AA nor BB)
    said not payable, no word of G0260, which the ASC and the hospital bill for the injection (MAC articles A59154,
    A59192); batch's claim at POS 24 the same. The reason names G0260 at both sites, in price and batch; the
    physician's fee stays CMS's, and G0260 is priced at both (Addendum AA PI A2, Addendum B SI T)."""
    date = "2025-11-03"
    single = pricer.price("27096", zip_code=ZIP, date_of_service=date)
    sites = {site.setting: site for site in single.sites}
    for setting, facility in (("hopd", "hospital"), ("asc", "ASC")):
        assert not sites[setting].payable, setting
        assert f"the {facility} bills G0260 for this service" in (sites[setting].reason or ""), sites[setting].reason
        assert "27096 is the physician's code" in (sites[setting].reason or "")
    assert single.pfs.facility.amount == _cms_facility_fee(pricer, "27096", 2025)
    rows = _batch(pricer, [{"claim": f"S{pos}", "code": "27096", "setting": pos, "zip": ZIP, "date": date}
                           for pos in ("24", "22")])  # fmt: skip
    for row, facility in zip(rows, ("ASC", "hospital"), strict=True):
        assert f"the {facility} bills G0260 for this service" in row["note"], row
        assert Decimal(str(row["pfs_facility_amount"])) == _cms_facility_fee(pricer, "27096", 2025)
    g0260 = {site.setting: site for site in pricer.price("G0260", zip_code=ZIP, date_of_service=date).sites}
    assert g0260["asc"].payable and g0260["hopd"].payable


def _cms_facility_fee(pricer: Pricer, code: str, year: int) -> Decimal:
    store = pricer.store(next(r for r in pricer.catalogue.releases("pfs") if r.year == year))
    rvu, gpci = store.rvu(code, ""), store.locality(store.zip(ZIP)["locality"])
    exact = (rvu["work_rvu"] * gpci["gpci_work"] + rvu["pe_fac_rvu"] * gpci["gpci_pe"]
             + rvu["mp_rvu"] * gpci["gpci_mp"]) * rvu["conv_factor"]  # fmt: skip
    return (Decimal(exact) / Decimal(10) ** 9).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# A radiology group's trial: ACC1015's 49083 + 76942 (POS 11, 2025), ACC2006's 10009 + 77012-26 (POS 22, 2026) and
# ACC3003's 49083 + 76942-26 were priced with no note, though each procedure's descriptor includes its guidance.
RADIOLOGY_CLAIMS = [
    (["49083", "76942"], [False, True]),  # paracentesis "with imaging guidance"
    (["49082", "76942"], [False, False]),  # paracentesis "without imaging guidance": 76942 is reported with it
    (["10009", "77012"], [False, True]),  # FNA "including CT guidance"
    (["10005", "10006", "76942"], [False, False, True]),  # FNA "including ultrasound guidance"
    (["10007", "77002"], [False, True]),  # fluoroscopic
    (["10021", "76942"], [False, False]),  # FNA "without imaging guidance": not an included guidance
    (["10005", "77012"], [False, False]),  # a CT-guided lesion beside an ultrasound-guided FNA: 10009's, not 10005's
    (["32555", "76942"], [False, True]),  # thoracentesis "with imaging guidance"
    (["32557", "77012"], [False, True]),  # pleural drainage catheter "with imaging guidance"
    (["32554", "76942"], [False, False]),  # thoracentesis "without imaging guidance"
    (["19083", "76942"], [False, True]),  # breast biopsy "including ultrasound guidance"
    (["19085", "77021"], [False, True]),  # breast biopsy "including magnetic resonance guidance"
    (["19285", "76942"], [False, True]),  # breast localization device "including ultrasound guidance"
]


def test_radiology_s_procedures_with_imaging_guidance_note_the_guidance_line_in_price_and_batch(
    pricer: Pricer,
) -> None:
    """The guidance line beside 49083, an FNA 10005-10012, 32555/32557 or a breast biopsy or localization with its
    modality's guidance is noted in price and batch alike, naming the procedure; its amount is CMS's, unchanged."""
    fee = _cms_office_fee(pricer, "76942", 2026)
    for codes, code, line, row, expected in encounters_both_ways(pricer, RADIOLOGY_CLAIMS, ZIP, DATE):
        notes = row["note"].split("; ")
        if expected:
            including = [c for c in codes if c not in {"76942", "77002", "77012", "77021"}]
            note = guidance_note(code, including)
            assert line.notes.count(note) == 1, (codes, line.notes)
            assert notes.count(note) == 1, (codes, row["note"])
        else:
            assert not any("procedure-to-procedure" in said for said in [*line.notes, *notes]), codes
        if code == "76942":
            assert line.pfs.non_facility.amount == fee == Decimal(str(row["pfs_non_facility_amount"])), codes


def test_the_radiology_trial_s_professional_guidance_line_says_so_in_the_cli() -> None:
    """ACC3003's 49083 + 76942-26 and ACC2006's 10009 + 77012-26 (POS 22): the 26 line names its procedure."""
    for codes, setting, guidance, procedure in ((["49083", "76942-26"], "11", "76942", "49083"),
                                                (["10009", "77012-26"], "22", "77012", "10009")):  # fmt: skip
        out = CliRunner().invoke(app, ["price", *codes, "--zip", "98104", "--date", "2026-05-12", "--setting", setting])
        assert out.exit_code == 0, out.output
        said = " ".join(out.stdout.split())
        assert f"{guidance} ({GUIDANCE[guidance]}) is included in {procedure}" in said, said


# An interventional radiology group's trial: 47490 + 75989-26 and 49406 + 77012-26 at the hospital were priced with no
# note, though percutaneous cholecystostomy (CPT 2011) and image-guided drainage by catheter (CPT 2014) are "complete
# procedures" that include their imaging guidance and its supervision and interpretation.
IR_CLAIMS = [
    (["47490", "75989"], [False, True]),  # cholecystostomy, "including imaging guidance ... and radiological S&I"
    (["47490", "76942"], [False, True]),
    (["49406", "77012"], [False, True]),  # drainage by catheter, peritoneal or retroperitoneal
    (["49405", "75989"], [False, True]),
    (["49407", "77002"], [False, True]),
    (["10030", "76942"], [False, True]),  # soft tissue
    (["10160", "76942"], [False, False]),  # aspiration: its descriptor has no imaging guidance, 76942 is reported
    (["10160", "75989"], [False, False]),  # not a listed procedure: no note
    (["20206", "77012"], [False, False]),  # a needle muscle biopsy: CT guidance is reported with it
    (["36561", "77001"], [False, False]),  # a tunneled central venous catheter: fluoroscopic guidance is reported
    (["36902", "36907", "77002"], [False, False, True]),  # dialysis circuit: "fluoroscopic guidance" included
    (["36906", "77001"], [False, True]),
    (["36905", "76937"], [False, False]),  # ultrasound guidance for access: not in the descriptor, not noted
]


def test_interventional_radiology_s_drainage_codes_note_their_guidance_line_in_price_and_batch(
    pricer: Pricer,
) -> None:
    """The guidance line beside 47490, 10030, 49405-49407 or a dialysis circuit code 36901-36906 (fluoroscopy) is
    noted in price and batch alike, naming the procedure (not its add-on 36907); none beside 10160, 20206 or 36561,
    whose guidance is billed; the guidance line's amount is CMS's fee, unchanged."""
    fee = _cms_office_fee(pricer, "75989", 2026)
    not_named = {"75989", "76937", "76942", "77001", "77002", "77012", "36907"}  # guidance, and the add-on
    for codes, code, line, row, expected in encounters_both_ways(pricer, IR_CLAIMS, ZIP, DATE):
        notes = row["note"].split("; ")
        if expected:
            note = guidance_note(code, [c for c in codes if c not in not_named])
            assert line.notes.count(note) == 1, (codes, line.notes)
            assert notes.count(note) == 1, (codes, row["note"])
        else:
            assert not any("procedure-to-procedure" in said for said in [*line.notes, *notes]), codes
        if code == "75989":
            assert line.pfs.non_facility.amount == fee == Decimal(str(row["pfs_non_facility_amount"])), codes


def test_the_ir_trial_s_professional_drainage_guidance_line_says_so_in_the_cli() -> None:
    """47490 + 75989-26 at the hospital (POS 22): the 26 line names 47490."""
    out = CliRunner().invoke(app, ["price", "47490", "75989-26", "--zip", "77030", "--date", "2025-12-10",
                                   "--setting", "22"])  # fmt: skip
    assert out.exit_code == 0, out.output
    said = " ".join(out.stdout.split())
    assert f"75989 ({GUIDANCE['75989']}) is included in 47490" in said, said


# A urology group's trial: the 2026 prostate biopsy 55707 (transrectal, ultrasound guided) billed with 76942, as 55700
# was before CPT 2026 deleted it, was priced with no note, though the new codes include their imaging guidance.
UROLOGY_CLAIMS = [
    (["55707", "76942"], [False, True]),  # transrectal, ultrasound guided
    (["55709", "76942"], [False, True]),  # transperineal, ultrasound guided
    (["55711", "55715", "76942"], [False, False, True]),  # MRI-ultrasound fusion, and its add-on (not named)
    (["55706", "76942"], [False, True]),  # saturation sampling "including imaging guidance" (CPT 2011)
    (["55713", "77021"], [False, True]),  # in-bore MRI guided
    (["55714", "77012"], [False, True]),  # in-bore CT guided
    (["55705", "76942"], [False, False]),  # "without imaging guidance": not an included guidance
    (["55707", "77012"], [False, False]),  # CT guidance beside an ultrasound-guided biopsy: not its descriptor's
]


def test_urology_s_2026_prostate_biopsies_note_their_guidance_line_in_price_and_batch(pricer: Pricer) -> None:
    """The guidance line beside a 2026 prostate biopsy code whose descriptor includes its imaging guidance is noted in
    price and batch alike, naming the biopsy (not the add-on 55715); none beside 55705; the amounts are CMS's fees,
    unchanged."""
    fees = {code: _cms_office_fee(pricer, code, 2026) for code in ("55707", "76942")}
    not_named = {"55715", "76942", "77012", "77021"}
    for codes, code, line, row, expected in encounters_both_ways(pricer, UROLOGY_CLAIMS, ZIP, DATE):
        notes = row["note"].split("; ")
        if expected:
            note = guidance_note(code, [c for c in codes if c not in not_named])
            assert line.notes.count(note) == 1, (codes, line.notes)
            assert notes.count(note) == 1, (codes, row["note"])
        else:
            assert not any("procedure-to-procedure" in said for said in [*line.notes, *notes]), codes
        if codes == ["55707", "76942"]:
            fee = fees[code]
            assert line.pfs.non_facility.amount == fee == Decimal(str(row["pfs_non_facility_amount"])), codes


# A radiation oncology trial (a freestanding center, Columbus OH): SBRT delivery 77373 billed with stereoscopic X-ray
# guidance G6002 was priced with no note, though 77373's CPT descriptor is "... per fraction ..., including image
# guidance ..." (ASTRO's SRS/SBRT coding FAQ). The guidance codes of each year: G6001, G6002, G6017, 77014 in 2025,
# 77387 in 2026; conventional delivery (G6015, 77412) and SRS 77372, whose descriptors name no guidance, are not noted.
RADIATION_ZIP = "43215"
RADIATION_CLAIMS = {
    "2025-12-01": [
        (["77435", "77373", "G6002", "77427"], [False, False, True, False]),  # the trial's
        (["77373", "77014"], [False, True]),
        (["77373", "G6001"], [False, True]),
        (["77373", "G6017"], [False, True]),
        (["G6015", "G6002"], [False, False]),  # IMRT delivery in the office: its guidance is billed with it
        (["G6015", "77014"], [False, False]),
        (["77372", "G6002"], [False, False]),  # SRS: the descriptor names no image guidance
    ],
    "2026-07-15": [
        (["77373", "77387"], [False, True]),
        (["77412", "77387"], [False, False]),  # 2026 delivery: guidance 77387 is billed with it
    ],
}


def test_sbrt_delivery_notes_its_image_guidance_line_in_price_and_batch(pricer: Pricer) -> None:
    """The guidance line beside 77373 is noted in price and batch alike, naming 77373 alone (not 77435 or 77427);
    none beside G6015, 77372 or 2026's 77412; the guidance line's amount is CMS's fee (RVU25D, RVU26C), unchanged."""
    not_named = {"77435", "77427", "G6001", "G6002", "G6017", "77014", "77387"}
    for date, claims in RADIATION_CLAIMS.items():
        year = int(date[:4])
        for codes, code, line, row, expected in encounters_both_ways(pricer, claims, RADIATION_ZIP, date, "11"):
            notes = row["note"].split("; ")
            if expected:
                note = guidance_note(code, [c for c in codes if c not in not_named])
                assert note.startswith(f"{code} ({GUIDANCE[code]}) is included in 77373 on this claim"), note
                assert line.notes.count(note) == 1, (codes, line.notes)
                assert notes.count(note) == 1, (codes, row["note"])
            else:
                assert not any("procedure-to-procedure" in said for said in [*line.notes, *notes]), codes
            if code in {"G6002", "77387"}:
                store = pricer.store(next(r for r in pricer.catalogue.releases("pfs") if r.year == year))
                rvu, gpci = store.rvu(code, ""), store.locality(store.zip(RADIATION_ZIP)["locality"])
                exact = (rvu["work_rvu"] * gpci["gpci_work"] + rvu["pe_nonfac_rvu"] * gpci["gpci_pe"]
                         + rvu["mp_rvu"] * gpci["gpci_mp"]) * rvu["conv_factor"]  # fmt: skip
                fee = (Decimal(exact) / Decimal(10) ** 9).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
                assert line.pfs.non_facility.amount == fee == Decimal(str(row["pfs_non_facility_amount"])), codes


# A hand surgery group's trial: `price 20605-LT 76942` priced 76942 beside the wrist injection "without ultrasound
# guidance" with no word; the ultrasound-guided injection is 20606, which includes it (CPT 2015).
WITHOUT_ULTRASOUND_CLAIMS = [
    (["20605-LT", "76942"], [None, ["20605"]]),  # the trial's claim
    (["99213-25", "20610-RT", "76942"], [None, None, ["20610"]]),
    (["20600-FA", "76942"], [None, ["20600"]]),
    (["20605-LT", "20610-RT", "76942"], [None, None, ["20605", "20610"]]),
    (["20610", "77002"], [None, None]),  # fluoroscopic guidance is reported with the joint injection
    (["20611", "76942"], [None, None]),  # the ultrasound-guided code: the included guidance note, not this one
]


def test_ultrasound_guidance_beside_a_joint_injection_without_it_names_the_guided_code_in_price_and_batch(
    pricer: Pricer,
) -> None:
    """76942 beside 20600, 20605 or 20610 ("without ultrasound guidance") is noted naming 20604, 20606 or 20611, in
    price and in a batch claim alike; 76942's amount stays CMS's fee (priced as given)."""
    fee = _cms_office_fee(pricer, "76942", 2026)
    claims = [(codes, [said is not None for said in beside]) for codes, beside in WITHOUT_ULTRASOUND_CLAIMS]
    named = iter(said for _, beside in WITHOUT_ULTRASOUND_CLAIMS for said in beside)
    checked = 0
    for codes, code, line, row, _ in encounters_both_ways(pricer, claims, ZIP, DATE):
        beside = next(named)
        notes = row["note"].split("; ")
        if beside is None:
            assert not any("without ultrasound guidance." in said for said in [*line.notes, *notes]), codes
        else:
            note = without_ultrasound_note(code, beside)
            assert line.notes.count(note) == 1, (codes, line.notes)
            assert notes.count(note) == 1, (codes, row["note"])
            checked += 1
        if code == "76942":
            assert line.pfs.non_facility.amount == fee == Decimal(str(row["pfs_non_facility_amount"])), codes
    assert checked == 4
    said = without_ultrasound_note("76942", ["20605"])
    assert "With it the code is 20606, which includes the guidance" in said and "; " not in said
