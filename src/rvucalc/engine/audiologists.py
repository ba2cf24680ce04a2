"""An audiologist's line outside hearing and balance assessment: what Medicare pays an audiologist for.

An audiologist (``lookup.lines.PROVIDERS``' audiologist: AUD, AuD, CCC-A, CMS specialty 64) is paid the full PFS
amount for their diagnostic tests, as a physician's line (credentials.AUDIOLOGIST_CREDENTIALS). Those tests are all
Medicare pays them for (Medicare Benefit Policy Manual, Pub. 100-02, ch. 15 §80.3, as a copy of the manual at
old.bansdoc.gov.bd reads it):

- §80.3.A: "hearing and balance assessment services are termed 'audiology services'" ... "Audiological diagnostic
  testing refers to tests of the audiological and vestibular systems, e.g., hearing, balance, auditory processing,
  tinnitus and diagnostic programming of certain prosthetic devices, performed by qualified audiologists" (SSA
  §1861(ll)(3): "such hearing and balance assessment services furnished by a qualified audiologist").
- §80.3.C: "Diagnostic services furnished by a qualified audiologist ... are covered and payable under the MPFS as
  'other diagnostic tests'".
- §80.3.F, Audiological Treatment: "There is no provision in the law for Medicare to pay audiologists for therapeutic
  services. For example, vestibular treatment, auditory rehabilitation treatment, auditory processing treatment, and
  canalith repositioning ... shall not be billed by audiologists to Medicare."

CMS's own audiology code list (the codes an audiologist may bill) was not found among the stored CMS files, so rvucalc
does not tell the 92xxx tests apart. What it tells apart are the lines that are plainly no diagnostic test: an
evaluation and management visit (CPT's E/M section, 99202-99499, and the visit add-ons G2211, G2212), a surgical
procedure (CPT's surgery section, 10004-69990: a trial's 69210, cerumen removal), a therapy service (the RVU file's
always-therapy multiple procedure indicator 5, ``THERAPY_MULT_PROC``) and canalith repositioning (95992, which §80.3.F
names), and G0268, a physician's removal of impacted cerumen on the day of an audiologist's tests: its HCPCS
descriptor reads "Removal of impacted cerumen (one or both ears) by physician on same date of service as audiologic
function testing", and the CY2003 PFS final rule that created it says "This code should not be used when the
audiologist removes cerumen, because removal of cerumen is considered to be part of the diagnostic testing and is not
paid separately" (67 FR 79966, December 31, 2002, pp. 80011-12, as ASHA's "Medicare Coverage Policy on Cerumen
Removal" quotes it; an ENT trial's AuD G0268 was priced with no word, where AuD 69210 was noted). Such a line by an
audiologist is noted (``audiologist_note``), priced as written: the amount is unchanged (a
note, not a denial: the MAC, not the fee schedule, refuses it). One rule for ``rvucalc price`` (lookup.pricer) and
``rvucalc batch`` (batch.price.BatchPricer._audiologist_lines).
"""

from __future__ import annotations

from rvucalc.engine.hopd_therapy import THERAPY_MULT_PROC

AUDIOLOGIST = "audiologist"  # lookup.lines.PROVIDERS' audiologist (CMS specialty 64)
CANALITH_REPOSITIONING = "95992"  # "Canalith repositioning proc" (the RVU file's description): §80.3.F names it
VISIT_ADD_ONS = frozenset({"G2211", "G2212"})  # the E/M visit complexity and prolonged-visit add-ons
E_M_SECTION = (99202, 99499)  # CPT's evaluation and management section
SURGERY_SECTION = (10004, 69990)  # CPT's surgery section
PHYSICIAN_CERUMEN_REMOVAL = "G0268"  # "Removal of impacted cerumen ... by physician" (the module's docstring)

# One part of batch's '; '-joined note column: no '; ' in it.
AUDIOLOGIST_NOTE = (
    "An audiologist's line (AUD, CCC-A, --provider audiologist): Medicare pays an audiologist for hearing and balance "
    'assessment alone, diagnostic tests of the auditory and vestibular systems "covered and payable under the MPFS '
    "as 'other diagnostic tests'\" (Medicare Benefit Policy Manual ch. 15 §80.3.A, §80.3.C, SSA §1861(ll)(3)), and "
    '"There is no provision in the law for Medicare to pay audiologists for therapeutic services" (§80.3.F). '
    "{code} is {what}, not such a test: an audiologist does not bill it to Medicare. Priced as written: the amount is "
    "unchanged."
)


def _number(code: str) -> int | None:
    return int(code) if len(code) == 5 and code.isascii() and code.isdigit() else None


def not_audiology(code: str, mult_proc: str | None) -> str | None:
    """What ``code`` is when it is plainly no hearing or balance assessment (the module's docstring): an E/M visit, a
    surgical procedure (G0268, a physician's cerumen removal, too), a therapy service or canalith repositioning;
    None for any other code (a 92xxx test ...)."""
    number = _number(code)
    if code == CANALITH_REPOSITIONING:
        return "canalith repositioning, a treatment §80.3.F names"
    if code == PHYSICIAN_CERUMEN_REMOVAL:
        return (
            "a physician's removal of impacted cerumen ('by physician', its descriptor: the CY2003 PFS final rule says "
            "it is not to be used when the audiologist removes cerumen, which is part of the diagnostic testing, 67 FR "
            "80011-12)"
        )
    if code in VISIT_ADD_ONS or (number is not None and E_M_SECTION[0] <= number <= E_M_SECTION[1]):
        return "an evaluation and management service"
    if number is not None and SURGERY_SECTION[0] <= number <= SURGERY_SECTION[1]:
        return "a surgical procedure (CPT's surgery section)"
    if mult_proc == THERAPY_MULT_PROC:
        return "a therapy service (the RVU file's multiple procedure indicator 5: always therapy)"
    return None


def audiologist_note(provider: str, code: str, mult_proc: str | None) -> str | None:
    """The note on an audiologist's line of a code that is no hearing or balance assessment (``not_audiology``);
    None for another practitioner's line or an audiology test."""
    if provider != AUDIOLOGIST:
        return None
    what = not_audiology(code, mult_proc)
    return None if what is None else AUDIOLOGIST_NOTE.format(code=code, what=what)
