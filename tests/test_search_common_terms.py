"""`rvucalc search` by the words primary care and urology use for services CMS's short descriptors abbreviate their
own way (reference.search_words: ABBREVIATIONS, the "-j" and "-8" endings, COMMON_NAMES). The codes and descriptors
are CMS's, as RVU25D (2025) and RVU26C (2026) have them."""

from __future__ import annotations

import pytest

from rvucalc.lookup.pricer import Pricer
from rvucalc.reference.search_words import descriptor_matcher

# (query, year): the codes and CMS's descriptors it must find.
EXPECTED = {
    ("chronic care management", 2026): {
        "99490": "Chrnc care mgmt staff 1st 20", "99491": "Chrnc care mgmt phys 1st 30",
        "99437": "Chrnc care mgmt phys ea addl", "99439": "Chrnc care mgmt staf ea addl",
    },
    ("transitional care", 2025): {"99495": "Transj care mgmt mod f2f 14d", "99496": "Transj care mgmt high f2f 7d"},
    ("transitional care management", 2026): {
        "99495": "Transj care mgmt mod f2f 14d", "99496": "Transj care mgmt high f2f 7d",
    },
    ("remote patient monitoring", 2025): {
        "99453": "Rem mntr physiol param setup", "99454": "Rem mntr physiol param dev",
        "99457": "Rem physiol mntr 1st 20 min", "99458": "Rem physiol mntr ea addl 20",
    },
    ("remote patient monitoring", 2026): {
        "99453": "Rem mntr physiol param setup", "99445": "Rem mntr physiol param 2-15",
        "99457": "Rpm tx mgmt 1st 20 min", "99470": "Rpm tx mgmt 1st 10 min",
    },
    ("advance care planning", 2026): {"99497": "Advncd care plan 30 min", "99498": "Advncd care plan addl 30 min"},
    ("prostate biopsy", 2026): {
        "55705": "Bx prst8 any approach nonimg", "55706": "Bx prst8 ndl sat sampling",
        "55707": "Bx prst8 trct us guided", "55715": "Bx prst8 ea add mri-us/ct/mr",
    },
    ("vasectomy", 2026): {"55250": "Removal of sperm duct(s)"},
}  # fmt: skip


@pytest.fixture(scope="module")
def pricer() -> Pricer:
    return Pricer()


@pytest.mark.parametrize(("query", "year"), list(EXPECTED))
def test_common_terms_find_cms_s_abbreviated_descriptors(pricer: Pricer, query: str, year: int) -> None:
    """A telehealth/primary-care and a urology trial: "chronic care management" (CMS: "Chrnc care mgmt"),
    "transitional care" ("Transj care mgmt"), "remote patient monitoring" ("Rem mntr physiol", "Rpm tx mgmt"),
    "advance care planning" ("Advncd care plan": it found only 1157F/1158F), "prostate biopsy" (RVU26C's "Bx prst8")
    and "vasectomy" (55250 "Removal of sperm duct(s)") found none of these codes."""
    found = {m.code: m.description for m in pricer.search(query, year=year, limit=200).matches}
    want = EXPECTED[query, year]
    assert {code: found.get(code) for code in want} == want


def test_what_was_found_before_is_still_found(pricer: Pricer) -> None:
    """The query as typed is still read (1157F/1158F "Advnc care plan in rcrd"/"... tlk docd" for advance care
    planning); the "-j" ending reads as "-tion"/"-sion" only, and "chronic care management" needs "mgmt" (or
    CMS's "Cplx chrnc care" of complex chronic care management)."""
    found = {m.code for m in pricer.search("advance care planning", year=2026).matches}
    assert {"1157F", "1158F", "99497", "99498"} <= found
    assert descriptor_matcher("insertion")("Insj perm ccm-d sys pg only")
    assert descriptor_matcher("revision")("Revj")
    assert not descriptor_matcher("injection")("Xx inj yy")  # "inj" keeps too few of injection's letters, as before
    # 99487/99489 "Cplx chrnc care ...": complex chronic care management ("Complex CCM", CMS's CY 2020 PFS final
    # rule, table 21), read so by ACRONYMS; another "Chrnc care" descriptor still needs "mgmt".
    assert descriptor_matcher("chronic care management")("Cplx chrnc care 1st 60 min")
    assert not descriptor_matcher("chronic care management")("Chrnc care plan 1st 60 min")


def _rvu26_status(code: str) -> tuple[str, str]:
    """A code's short descriptor and PFS status in CMS's RVU26 file (RVU26C, July)."""
    import csv
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "data" / "rvu" / "2026" / "PPRRVU2026_Jul_nonQPP.csv"
    with path.open(encoding="latin-1", newline="") as handle:
        return next((row[2], row[3]) for row in csv.reader(handle) if row and row[0] == code and not row[1])


def test_an_upper_gi_endoscopy_lists_the_egds_before_the_quality_codes(pricer: Pricer) -> None:
    """A trial: `search "upper gi endoscopy"` listed 3130F and 3132F (Category II quality codes, status I) ahead of
    43235, the diagnostic EGD: CMS's descriptors call the EGDs "Egd ..." (and 43236 "Uppr gi scope ..."), which read
    as the phrase as the quality codes' "Upper gi endoscopy" holds it written. Every payable EGD comes first."""
    assert _rvu26_status("3130F") == ("Upper gi endoscopy performed", "I")
    assert _rvu26_status("3132F") == ("Doc ref upper gi endoscopy", "I")
    assert _rvu26_status("43235") == ("Egd diagnostic brush wash", "A")
    assert _rvu26_status("43236") == ("Uppr gi scope w/submuc inj", "A")
    codes = [match.code for match in pricer.search("upper gi endoscopy", year=2026).matches]
    assert {"43235", "43236", "43239", "3130F", "3132F"} <= set(codes), codes
    quality = min(codes.index("3130F"), codes.index("3132F"))
    assert codes.index("43235") < quality and codes.index("43236") < quality and codes.index("43239") < quality
    paid = [match for match in pricer.search("upper gi endoscopy", year=2026).matches if match.status == "A"]
    assert all(codes.index(match.code) < quality for match in paid), codes
    # The quality measure is still found by its own words, first.
    assert pricer.search("upper gi endoscopy performed", year=2026).matches[0].code == "3130F"
