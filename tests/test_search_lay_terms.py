"""`rvucalc search` by the words users type for common services (a trial: "bunion", "facet injection", "trigger finger",
"glaucoma stent", "knee brace" and "cortisone injection" found nothing, "upper gi endoscopy" only quality codes,
"pulmonary rehabilitation", "partial hospitalization" and "intensive outpatient" only HCPCS's S codes, Medicare's
invalid ones; "cataract" listed 76380 "Cat scan follow-up study"). CMS's short descriptors abbreviate them ("Cor hlx
vlgs ...", "Inj paravert f jnt ...", "Egd ...", "pulm rhb", "php/iop", "Ko ...", "aq drg dev"): reference.search_words
reads them (ACRONYMS, ABBREVIATIONS, COMMON_NAMES, WORDS). The codes and descriptors are CMS's, as the shipped RVU26C,
DMEPOS 2026-01 and ASP 2026-01 files have them; the code ranges the long descriptors name (CPT, HCPCS)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.reference.search_words import descriptor_matcher

FIRST = 20  # a query's codes are among its first rows (the table's default shows 50)

# A query: codes it must find among its first rows, with CMS's short descriptors.
FOUND = {
    # CPT's "Correction, hallux valgus (bunionectomy), with sesamoidectomy, when performed; ..." (28292-28299)
    "bunion": {
        "28292": "Cor hlx vlgs rsc prx phlx bs", "28295": "Cor hlx vlgs prx mtar osteot",
        "28296": "Cor hlx vlgs dstl mtar osteo", "28297": "Cor hlx vlgs jt arthrd",
        "28298": "Cor hlx vlgs prx phlx osteot", "28299": "Cor hlx vlgs double osteot",
    },
    # "Injection(s), diagnostic or therapeutic agent, paravertebral facet (zygapophyseal) joint ..." (64490-64495)
    "facet injection": {
        "64490": "Inj paravert f jnt c/t 1 lev", "64491": "Inj paravert f jnt c/t 2 lev",
        "64492": "Inj paravert f jnt c/t 3 lev", "64493": "Inj paravert f jnt l/s 1 lev",
        "64494": "Inj paravert f jnt l/s 2 lev", "64495": "Inj paravert f jnt l/s 3 lev",
    },
    "trigger finger": {"26055": "Incise finger tendon sheath"},  # "Tendon sheath incision (eg, for trigger finger)"
    # "... anterior segment aqueous drainage device, without extraocular reservoir, internal approach"
    "glaucoma stent": {
        "0671T": "Insj ant sgm aq drg dev 1+", "66989": "Xcpsl ctrc rmvl cplx insj 1+",
        "66991": "Xcapsl ctrc rmvl insj 1+", "0449T": "Insj aqueous drain dev 1st",
    },
    # "Esophagogastroduodenoscopy, flexible, transoral; ..."
    "upper gi endoscopy": {
        "43235": "Egd diagnostic brush wash", "43236": "Uppr gi scope w/submuc inj",
        "43239": "Egd biopsy single/multiple",
    },
    # "Physician or other qualified health care professional services for outpatient pulmonary rehabilitation; ..."
    "pulmonary rehabilitation": {"94625": "Phy/qhp op pulm rhb w/o mntr", "94626": "Phy/qhp op pulm rhb w/mntr"},
    # "... in a partial hospitalization or intensive outpatient setting ..."
    "partial hospitalization": {
        "G0410": "Grp psych php/iop 45-50", "G0411": "Interactive grp psyc php/iop", "G0129": "Php/iop ot service",
    },
    "intensive outpatient": {
        "G0137": "Inten outpt svs,min 9 pr 7 d", "G0410": "Grp psych php/iop 45-50",
        "G0411": "Interactive grp psyc php/iop", "G0129": "Php/iop ot service",
    },
    # DMEPOS 2026-01: "Knee orthosis, ..." (L1810-L1860)
    "knee brace": {
        "L1810": "Ko elastic with joints", "L1832": "Ko adj jnt pos r sup pre cst",
        "L1833": "Ko adj jnt pos r sup pre ots", "L1851": "Ko single upright prefab ots",
        "L1852": "Ko double upright prefab ots",
    },
    # the injection (20600-20611 "Arthrocentesis, aspiration and/or injection ...", 20550 "Injection(s); single
    # tendon sheath, or ligament, aponeurosis") and the steroid HCPCS codes beside it (J1030 is no longer in the
    # 2026 files: J1010 "Injection, methylprednisolone acetate, 1 mg")
    "cortisone injection": {
        "20610": "Drain/inj joint/bursa w/o us", "20550": "Njx 1 tendon sheath/ligament",
        "20600": "Drain/inj joint/bursa w/o us", "J1010": "Inj, methylpred acetate 1 mg",
        "J3301": "Triamcinolone acet inj nos", "J0702": "Betamethasone acet&sod phosp",
    },
}  # fmt: skip


def _first_rows(words: str, limit: int = FIRST) -> list[dict[str, str]]:
    done = CliRunner().invoke(app, ["search", words, "-f", "json", "--limit", str(limit)])
    assert done.exit_code == 0, done.output
    return list(json.loads(done.stdout)["matches"])


@pytest.mark.parametrize("words", list(FOUND))
def test_lay_words_find_the_codes_a_coder_expects_first(words: str) -> None:
    found = {m["code"]: m["description"] for m in _first_rows(words)}
    assert {code: found.get(code) for code in FOUND[words]} == FOUND[words]


def test_cataract_does_not_list_the_cat_scan() -> None:
    """76380 "Cat scan follow-up study" is CT ("Computed tomography, limited or localized follow-up study"): "cat" is a
    word, read by what follows it, not an abbreviation of cataract; 0014F "... cat surg" stays a cataract's."""
    codes = [m["code"] for m in _first_rows("cataract", limit=300)]
    assert "76380" not in codes and "A4349" not in codes  # A4349 "Disposable male external cat": a catheter
    assert {"66984", "66982", "0014F"} <= set(codes)
    assert descriptor_matcher("computed tomography")("Cat scan follow-up study")
    assert descriptor_matcher("cat scan")("Cat scan follow-up study")
    assert descriptor_matcher("category")("Mammo assess cat in dbase")  # 7020F
    assert not descriptor_matcher("cataract")("Pt cat/pn cat/hist grd docd")  # 3260F: pT/pN category


def test_the_new_readings_stay_narrow() -> None:
    """ "iop" alone is intraocular pressure (3284F, M1224), "brace" alone not the orthodontists' "Ortho ..."."""
    intensive = descriptor_matcher("intensive outpatient")
    assert not intensive("Iop red >=15% pre-ntrv lvl") and not intensive("Iop dec <20% from base")
    assert not descriptor_matcher("brace")("Compre ortho treat w surg")  # D8091
    assert not descriptor_matcher("facet injection")("Destroy cerv/thor facet jnt")  # 64633: an ablation
    assert not descriptor_matcher("trigger finger")("Njx 1/mlt trigger point 1/2")  # 20552
