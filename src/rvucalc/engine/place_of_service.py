"""CMS place-of-service (POS) codes: which PFS rate and which facility payment a place gets.

Codes and names: CMS's Place of Service Code Set (cms.gov, "Place of Service Codes for
Professional Claims"; Medicare Claims Processing Manual, Pub. 100-04, ch. 26 §10.5).

Facility vs non-facility PFS rate: Pub. 100-04 ch. 12 §20.4.2 ("Site of Service Payment
Differential"): the facility (lower) practice expense applies when the service is
furnished in a hospital (inpatient, outpatient on or off campus, emergency room), an
ASC, a SNF, a hospice, a psychiatric facility, a community mental health center, a
comprehensive inpatient rehabilitation facility, a military treatment facility or by
ambulance; every other place (office, home, nursing facility, clinic ...) gets the
non-facility rate. Telehealth: from CY2024, POS 02 (other than the patient's home) is
paid at the facility rate and POS 10 (the patient's home) at the non-facility rate
(CMS Transmittal 12671: "The payment rate for POS 02 is the facility payment rate (F);
the payment rate for POS 10 is the non-facility rate (NF)"). The per-code split below was
cross-checked with a published copy of the code set (medicalbillingcertify.com): facility
02, 19, 21, 22, 23, 24, 26, 31, 34, 41, 42, 51, 52, 53, 56, 61; non-facility 01, 03, 04, 09,
10, 11-17, 20, 25, 27, 32, 33, 49, 50, 54, 55, 57, 58, 60, 62, 65, 71, 72, 81, 99. The codes
that list does not place (05-08 Indian Health Service / tribal 638, 18 worksite, 66 PACE
center, added 2024) are rvucalc's reading and marked ``verified=False``.

Facility payment: rvucalc prices the hospital's OPPS payment for POS 19, 22 and 23
(hospital outpatient off campus, on campus, emergency room) and the ASC payment for
POS 24. An inpatient (21) or any other facility gets the facility PFS rate only (its own
facility payment - IPPS, SNF PPS ... - is not a Part B fee schedule amount).

A one-digit POS is read with its leading zero ('2' -> '02'): spreadsheets drop leading
zeros the way they do from ZIP codes, and no CMS POS has one digit. A trailing '.0'
(a number re-saved by Excel) is dropped the same way.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from rvucalc.errors import ErrorKind, UsageError

PfsSetting = Literal["facility", "non_facility"]
FacilitySite = Literal["office", "hopd", "asc"]

F: PfsSetting = "facility"
NF: PfsSetting = "non_facility"


@dataclass(frozen=True)
class PlaceOfService:
    code: str
    name: str
    pfs_setting: PfsSetting
    facility_site: FacilitySite | None  # the site rvucalc prices; None: PFS facility rate only
    verified: bool = True
    caveat: str | None = None  # where Medicare pays the place's own services otherwise


# Pub. 100-04 ch. 9: an RHC's visits are paid its all-inclusive rate and an FQHC's the FQHC prospective payment
# system, each on the clinic's institutional claim; rvucalc installs neither.
# The clause is said of a line with a PFS amount only (``without_pfs_amount``): a trial found it on G0466 at POS 50 and
# Q3014 at POS 72, which have none.
# What the PFS amount at POS 50/72 is (an FQHC/RHC trial: 99213 at POS 50 beside G0467 was "what a practitioner billing
# Part B there on their own would be paid", read as the visit's payment): the PFS pays there only what is not an RHC or
# FQHC service, Benefit Policy Manual (Pub. 100-02) ch. 13 §60 "Non RHC/FQHC Services" (e.g. a diagnostic test's
# technical component, billed to the Part B MAC on a professional claim; a provider-based clinic's by its hospital). A
# face-to-face visit with the clinic's practitioner (ch. 13 §40 "RHC and FQHC Visits": medical and mental health
# visits, the IPPE, the AWV) is an RHC/FQHC service, paid to the clinic under the AIR or the FQHC PPS, and ch. 13 §100
# "Commingling" bars billing the clinic's services to Part B under the PFS. POS 50 and 72 are not facility places (Pub.
# 100-04 ch. 12 §20.4.2), hence the office amount for what the PFS does pay there.
CLINIC_PFS_CLAUSE = (
    ": the PFS amount is what Part B pays there only for a service that is not an RHC or FQHC service (Benefit Policy "
    "Manual ch. 13 §60, e.g. a test's technical component) billed on a professional claim. A visit with the clinic's "
    "practitioner (medical, mental health, IPPE, AWV) is the clinic's to bill, paid its own rate, not this amount "
    "(ch. 13 §40 and §100, commingling)"
)
_CLINIC_CAVEAT = (
    "Medicare pays {what} on the clinic's own claim (Claims Processing Manual ch. 9), which rvucalc does not install"
    + CLINIC_PFS_CLAUSE
)


def without_pfs_amount(note: str) -> str:
    """A place's note (``SiteChoice.note``) for a line with no PFS amount: an FQHC's or RHC's caveat without its
    clause on the PFS amount (the line has none); any other note as it is. Price and batch alike."""
    return note.replace(CLINIC_PFS_CLAUSE, "")


# Care management billed by an RHC or FQHC (an FQHC/RHC trial: 99490 and G0556 at POS 50 and 72 were told "the PFS
# amount is what Part B pays there only for a service that is not an RHC or FQHC service ... not this amount", but
# care management is the clinic's own service, billed on its claim and paid from PFS amounts, neither by the AIR/PPS
# nor by a practitioner's Part B claim). 42 CFR 405.2464(c), "Payment for care management services": payment to RHCs
# and FQHCs is at the physician fee schedule national non-facility payment rate. Until 2024 the clinic billed them as
# G0511/G0512 (engine.meanings.PAID_APART); the CY2025 PFS final rule let it bill the individual codes (CCM, PCM, BHI,
# chronic pain, RPM/RTM, CHI, PIN) and APCM G0556-G0558 from January 1, 2025, and the CY2026 one psychiatric
# collaborative care 99492-99494 and G2214 in place of G0512 (engine.meanings.ENDED_PAID_APART, with NARHC, CLA and
# CodingIntel's restatements). rvucalc's amount is the locality's (its GPCIs), not CMS's national one: said, money
# unchanged.
CLINIC_CARE_MANAGEMENT_CODES = frozenset({
    "99490", "99439", "99487", "99489", "99491", "99437", "99424", "99425", "99426", "99427", "99484", "99492",
    "99493", "99494", "G2214", "G0556", "G0557", "G0558", "G3002", "G3003", "99453", "99454", "99457", "99458",
    "98975", "98976", "98977", "98980", "98981", "G0019", "G0022", "G0023", "G0024", "G0140", "G0146",
})  # fmt: skip
CLINIC_CARE_MANAGEMENT_CLAUSE = (
    ": care management is the clinic's own service, billed on its claim (the individual codes from 2025, psychiatric "
    "collaborative care from 2026, in place of G0511/G0512) and paid at the PFS national non-facility rate (42 CFR "
    "405.2464(c)), not the AIR or PPS, and not this amount, which is the locality's"
)


# Venipuncture at an RHC or FQHC (the trial's 36415 at POS 50 beside G0467 and 99214: priced $9.34 from the CLFS with
# only the clinic's caveat). Laboratory tests are not RHC/FQHC services and are billed apart (Benefit Policy Manual ch.
# 13 §60.1), but venipuncture is not among them: it "is included in the AIR when furnished in the FQHC by an FQHC
# practitioner or furnished incident to an FQHC service" (NGS, "Billing for Services Not Included in the FQHC
# Benefit", restating §60.1). The CLFS amount shown is the office's: said, money unchanged, as the visit's PFS amount.
CLINIC_VENIPUNCTURE_CODES = frozenset({"36415"})
CLINIC_VENIPUNCTURE_CLAUSE = (
    ": venipuncture by the clinic's practitioner, or incident to its service, is included in the clinic's AIR or PPS "
    "payment, not paid apart from the CLFS as its lab tests are (Benefit Policy Manual ch. 13 §60.1): not this amount"
)


# A clinic's visit at an RHC or FQHC (a trial: `price G0467 99213 --setting 50` said "Medicare pays $66.64" with
# 99213's $83.30, and 99214-CG 36415 80053 85025 at POS 72 totalled $136.30 with the visit's $108.63 and 36415's
# $9.34, each line's own note saying "not this amount"). 42 CFR 405.2463(a)-(b) and Benefit Policy Manual ch. 13 §40:
# an RHC or FQHC visit is a medical visit (a face-to-face encounter with a physician, PA, NP, CNM ...), a mental
# health visit (with a clinical psychologist, clinical social worker, MFT, MHC, or another clinic practitioner for
# mental health services), or a qualified transitional care management service; ch. 13 §40 names the IPPE and the AWV
# among them. Such a visit is paid the AIR or the FQHC PPS on the clinic's claim, and ch. 13 §100 ("Commingling")
# bars billing it to Part B under the PFS: the PFS amount shown for it is paid to no one, so the site's totals leave
# it out (``clinic_billed``), as they leave out venipuncture, which the clinic's payment includes (above). The codes:
# the office E/M visits, the psychiatric diagnostic evaluation and psychotherapy codes (their E/M add-ons with them),
# IPPE G0402, AWV G0438/G0439 and TCM 99495/99496. Not here (still in the totals, their note the general clause): a
# test's technical component and other non-RHC/FQHC services (ch. 13 §60), care management (405.2464(c)), lab tests
# (the CLFS: §60.1), and codes whose place in the visit this list does not settle (G2211, MNT and DSMT at an FQHC).
CLINIC_VISIT_CODES = frozenset({
    "99202", "99203", "99204", "99205", "99211", "99212", "99213", "99214", "99215",
    "90791", "90792", "90832", "90833", "90834", "90836", "90837", "90838", "90839", "90840", "90845", "90847",
    "G0402", "G0438", "G0439", "99495", "99496",
})  # fmt: skip
CLINIC_VISIT_CLAUSE = (
    ": a visit with the clinic's practitioner (medical, mental health, IPPE, AWV, TCM) is an RHC or FQHC service, "
    "the clinic's to bill and paid its own rate, not this amount, which Part B does not pay under the PFS there (ch. "
    "13 §40 and §100, commingling)"
)
# The notes that say the line is the clinic's, paid in its own rate: the site's totals leave such a line out, price
# (engine.facility.total_sites) and batch (batch.files.in_totals) alike.
CLINIC_BILLED_CLAUSES = (CLINIC_VISIT_CLAUSE, CLINIC_VENIPUNCTURE_CLAUSE)
CLINIC_BILLED_LEFT_OUT = (
    "The total is the other lines' and leaves out the lines an RHC or FQHC bills on its own claim, paid in its own "
    "rate (the AIR or the FQHC PPS, which rvucalc does not install), not the amount shown: its visits, and "
    "venipuncture, which their payment includes (Benefit Policy Manual ch. 13 §40, §60.1, §100)"
)
# An encounter every priced line of which is such a line (`price 99214 36415 --setting 72`, G0467 99213 at POS
# 50) has no total there: not priced, as a line whose own schedule is not installed (G0467's FQHC PPS), not "priced"
# with no amount (engine.facility.total_sites).
CLINIC_BILLED_NOT_PRICED = (
    "billed by the RHC or FQHC on its own claim, paid in its own rate (the AIR or the FQHC PPS, which rvucalc does "
    "not install), not the amount shown: its visits, and venipuncture, which their payment includes (Benefit Policy "
    "Manual ch. 13 §40, §60.1, §100)"
)


def clinic_visit(note: str) -> str:
    """A place's note for a clinic visit line (``CLINIC_VISIT_CODES``): an FQHC's or RHC's caveat says the visit is
    the clinic's, not this amount, in place of the clause on a non-clinic service's PFS amount. Price and batch
    alike."""
    return note.replace(CLINIC_PFS_CLAUSE, CLINIC_VISIT_CLAUSE)


def clinic_billed(notes: Iterable[str]) -> bool:
    """Whether a line's notes say an RHC or FQHC bills it at its own rate (``CLINIC_BILLED_CLAUSES``): left out of
    the site's totals."""
    return any(clause in note for note in notes for clause in CLINIC_BILLED_CLAUSES)


# A place with no facility payment (POS 31, 21, ...): its note's clause on the PFS rate. Therapy to a SNF's resident at
# POS 31 is the SNF's claim, paid the PFS non-facility amount (engine.therapists.snf_therapy_paid_non_facility): its
# line's place note says so in place of "PFS facility rate" (a review found a PT's 97597-GP there told "PFS facility
# rate" beside the therapy note's "the PFS non-facility amount, not POS 31's facility rate", on one row).
NO_FACILITY_PAYMENT_CLAUSE = "PFS facility rate, and no OPPS/ASC facility payment is priced for this place."
SNF_THERAPY_PLACE_CLAUSE = (
    "the therapy line's PFS non-facility amount (its note), and no OPPS/ASC facility payment is priced for this place."
)


def snf_therapy_place(note: str) -> str:
    """A place's note for a therapy line at a SNF (POS 31: ``snf_therapy_paid_non_facility``): the non-facility amount
    in place of the clause on the PFS facility rate. Price and batch alike."""
    return note.replace(NO_FACILITY_PAYMENT_CLAUSE, SNF_THERAPY_PLACE_CLAUSE)


def clinic_venipuncture(note: str) -> str:
    """A place's note for a venipuncture line (``CLINIC_VENIPUNCTURE_CODES``): an FQHC's or RHC's caveat says the
    clinic's payment includes it, in place of the clause on a non-clinic service's PFS amount. Price and batch alike."""
    return note.replace(CLINIC_PFS_CLAUSE, CLINIC_VENIPUNCTURE_CLAUSE)


def clinic_care_management(note: str) -> str:
    """A place's note for a care management line (``CLINIC_CARE_MANAGEMENT_CODES``): an FQHC's or RHC's caveat says
    the clinic bills it at the PFS national rate, in place of the clause on a non-clinic service's PFS amount. Price and
    batch alike."""
    return note.replace(CLINIC_PFS_CLAUSE, CLINIC_CARE_MANAGEMENT_CLAUSE)


_POS: tuple[PlaceOfService, ...] = (
    PlaceOfService("01", "Pharmacy", NF, "office"),
    PlaceOfService("02", "Telehealth provided other than in patient's home", F, None),
    PlaceOfService("03", "School", NF, "office"),
    PlaceOfService("04", "Homeless shelter", NF, "office"),
    PlaceOfService("05", "Indian Health Service free-standing facility", NF, "office", verified=False),
    # Provider-based IHS/tribal facilities are hospital-based: rvucalc's reading of §20.4.2.
    PlaceOfService("06", "Indian Health Service provider-based facility", F, None, verified=False),
    PlaceOfService("07", "Tribal 638 free-standing facility", NF, "office", verified=False),
    PlaceOfService("08", "Tribal 638 provider-based facility", F, None, verified=False),
    PlaceOfService("09", "Prison/correctional facility", NF, "office"),
    PlaceOfService("10", "Telehealth provided in patient's home", NF, "office"),
    PlaceOfService("11", "Office", NF, "office"),
    PlaceOfService("12", "Home", NF, "office"),
    PlaceOfService("13", "Assisted living facility", NF, "office"),
    PlaceOfService("14", "Group home", NF, "office"),
    PlaceOfService("15", "Mobile unit", NF, "office"),
    PlaceOfService("16", "Temporary lodging", NF, "office"),
    PlaceOfService("17", "Walk-in retail health clinic", NF, "office"),
    PlaceOfService("18", "Place of employment/worksite", NF, "office", verified=False),
    PlaceOfService("19", "Off campus-outpatient hospital", F, "hopd"),
    PlaceOfService("20", "Urgent care facility", NF, "office"),
    PlaceOfService("21", "Inpatient hospital", F, None),
    PlaceOfService("22", "On campus-outpatient hospital", F, "hopd"),
    PlaceOfService("23", "Emergency room - hospital", F, "hopd"),
    PlaceOfService("24", "Ambulatory surgical center", F, "asc"),
    PlaceOfService("25", "Birthing center", NF, "office"),
    PlaceOfService("26", "Military treatment facility", F, None),
    PlaceOfService("27", "Outreach site/street", NF, "office"),
    PlaceOfService("31", "Skilled nursing facility", F, None),
    PlaceOfService("32", "Nursing facility", NF, "office"),
    PlaceOfService("33", "Custodial care facility", NF, "office"),
    PlaceOfService("34", "Hospice", F, None),
    PlaceOfService("41", "Ambulance - land", F, None),
    PlaceOfService("42", "Ambulance - air or water", F, None),
    PlaceOfService("49", "Independent clinic", NF, "office"),
    PlaceOfService("50", "Federally qualified health center", NF, "office",
                   caveat=_CLINIC_CAVEAT.format(what="an FQHC's visits under the FQHC prospective payment system")),
    PlaceOfService("51", "Inpatient psychiatric facility", F, None),
    PlaceOfService("52", "Psychiatric facility - partial hospitalization", F, None),
    PlaceOfService("53", "Community mental health center", F, None),
    PlaceOfService("54", "Intermediate care facility/individuals with intellectual disabilities", NF, "office"),
    PlaceOfService("55", "Residential substance abuse treatment facility", NF, "office"),
    PlaceOfService("56", "Psychiatric residential treatment center", F, None),
    PlaceOfService("57", "Non-residential substance abuse treatment facility", NF, "office"),
    PlaceOfService("58", "Non-residential opioid treatment facility", NF, "office"),
    PlaceOfService("60", "Mass immunization center", NF, "office"),
    PlaceOfService("61", "Comprehensive inpatient rehabilitation facility", F, None),
    PlaceOfService("62", "Comprehensive outpatient rehabilitation facility", NF, "office"),
    PlaceOfService("65", "End-stage renal disease treatment facility", NF, "office"),
    PlaceOfService("66", "Programs of All-Inclusive Care for the Elderly (PACE) center", NF, "office",
                   verified=False),
    PlaceOfService("71", "State or local public health clinic", NF, "office"),
    PlaceOfService("72", "Rural health clinic", NF, "office",
                   caveat=_CLINIC_CAVEAT.format(what="a rural health clinic's visits its all-inclusive rate")),
    PlaceOfService("81", "Independent laboratory", NF, "office"),
    PlaceOfService("99", "Other place of service", NF, "office"),
)  # fmt: skip

POS: dict[str, PlaceOfService] = {pos.code: pos for pos in _POS}

# The places paid the PFS facility rate (§20.4.2 above; POS 02: Transmittal 12671) with no facility payment rvucalc
# prices that are no hospital (inpatient, psychiatric, rehabilitation or provider-based) nor an ASC: telehealth other
# than in the patient's home (02), a SNF (31), a hospice (34), an ambulance (41, 42), a community mental health center
# (53), a psychiatric residential treatment center (56). A technical-only service's facility reason says no hospital
# or ASC is paid it there (engine.pfs.technical_only_at_place_reason).
NOT_HOSPITAL_FACILITY_RATE = frozenset({"02", "31", "34", "41", "42", "53", "56"})

SITE_WORDS: dict[str, PfsSetting] = {"office": NF, "hopd": F, "asc": F}
SITE_NAMES = {"office": "Office", "hopd": "Hospital outpatient department", "asc": "Ambulatory surgical center"}
# The sites as a site-of-service study writes them (a finance analyst's 'Hospital Outpatient', 'Physician Office' and
# 'Ambulatory Surgery Center' were refused): the setting words' own names, not places of service (19 or 22 is the
# hospital's campus, which these names do not say).
SITE_ALIASES = {
    "hospital outpatient": "hopd", "hospital outpatient department": "hopd", "outpatient department": "hopd",
    "physician office": "office", "physician's office": "office", "doctor's office": "office",
    "ambulatory surgery center": "asc", "surgery center": "asc",
}  # fmt: skip


@dataclass(frozen=True)
class SiteChoice:
    """Where a line is priced: the PFS rate to use and the facility payment to add."""

    site: FacilitySite | None  # None: facility PFS rate with no facility payment (inpatient, SNF ...)
    pfs_setting: PfsSetting
    pos: str | None  # the POS code when one was given
    name: str
    note: str | None = None
    facility_bill: bool = False  # a UB-04 type of bill 13x or 83x: the facility's own claim (``type_of_bill_site``)


# A leading zero more ('011', as some practice systems pad the code to three digits: an orthopedic group's trial) is
# the same code; no type of bill is read from three digits that begin with 0 (``_TYPE_OF_BILL``: 0 then three digits).
_POS_TEXT = re.compile(r"(?:POS\s*)?0?([0-9]{1,2})(?:\.0+)?")
# A code with its name, as practice systems export the place ('10 - Telehealth in Patient's Home', '02-Telehealth
# Other', '22 On Campus-Outpatient Hospital': a behavioral health group's trial found them row errors).
_POS_WITH_NAME = re.compile(r"(?:POS\s*)?([0-9]{1,2})\s*(?:[-\u2013:.)]\s*|\s+)([A-Z].*)")
# The name then the code in parentheses ('INPATIENT HOSPITAL (21)', 'Office (POS 11)'), as a hospitalist group's export
# writes the place: refused as a bad setting ("did you mean 21") where '21 - Inpatient Hospital' was read. Read as that
# form is, the name checked against the code's CMS name (``_named_pos``).
_NAME_WITH_POS = re.compile(r"([A-Z][^()]*?)\s*\(\s*(?:POS\s*)?([0-9]{1,2})\s*\)")
# Short names practice systems use for a place, beside the words of CMS's name.
_POS_SHORT_NAMES: dict[str, frozenset[str]] = {
    "11": frozenset({"OFC"}), "13": frozenset({"ALF"}), "19": frozenset({"OUTPT", "HOPD", "OPD"}),
    "21": frozenset({"INPT", "IP"}), "22": frozenset({"OUTPT", "HOPD", "OPD", "OP"}), "23": frozenset({"ER", "ED"}),
    "24": frozenset({"ASC"}), "31": frozenset({"SNF"}), "32": frozenset({"NF"}), "50": frozenset({"FQHC", "COMMUNITY"}),
    "52": frozenset({"PHP"}), "53": frozenset({"CMHC"}), "65": frozenset({"ESRD"}), "72": frozenset({"RHC"}),
    "81": frozenset({"LAB"}),
}  # fmt: skip
# 'ALF' (13, "Assisted living facility") and 'PHP' (52, "Psychiatric facility - partial hospitalization"): the
# abbreviations of those names in CMS's Place of Service Code Set, each one place's; a trial's batch cells 'ALF' and
# 'PHP' got only the generic "is not a setting". Said as a hint (``_short_name_hint``), as SNF and CMHC are: a short
# name alone is never read as the code.
# 'Community' for 50 too: a "community health center" is HRSA's name of a health center an FQHC is (a review found
# 'Community Health Center' offered only 53, "Community mental health center").
_NAME_WORDS = re.compile(r"[A-Z]+")
_NOT_NAMING = frozenset({"THE", "AND", "FOR", "IN", "OF", "S", "OTHER", "THAN", "PROVIDED", "PATIENT", "PATIENTS",
                         "FACILITY"})  # fmt: skip


def _naming_sequence(name: str) -> tuple[str, ...]:
    """The words of CMS's name of a place that name it, in order: not those after 'other than' (POS 02, 'Telehealth
    provided other than in patient's home', is not named by 'home'), nor ``_NOT_NAMING``."""
    upper = name.upper()
    return tuple(word for word in _NAME_WORDS.findall(upper.partition("OTHER THAN")[0]) if word not in _NOT_NAMING)


def _naming_words(name: str) -> frozenset[str]:
    """The words of CMS's name of a place that name it (``_naming_sequence``), in any order."""
    return frozenset(_naming_sequence(name))


_POS_NAMING: dict[str, frozenset[str]] = {code: _naming_words(place.name) for code, place in POS.items()}


def _score(given: set[str], code: str) -> int:
    """How many of the given name's words name place ``code``: a word of CMS's name it is (two letters or more) or
    begins (four or more: 'Hosp', 'Outpatient'), or one of the place's short names."""
    cms = _POS_NAMING[code]
    short = _POS_SHORT_NAMES.get(code, frozenset())
    return sum(1 for word in given if word in short or word in cms
               or (len(word) >= 4 and any(other.startswith(word) for other in cms)))  # fmt: skip


def _named_pos(text: str) -> tuple[str, str, bool] | None:
    """A code followed by a name ('10 - Telehealth in Patient's Home'), or a name then its code in parentheses
    ('Inpatient Hospital (21)': ``_NAME_WITH_POS``) -> (code, name, whether the name is the
    code's: it names the place (``_score``), and names no other place better: '21 - Outpatient Hospital' and '02 -
    Telehealth in Patient's Home' name 22 and 10 better, and are refused (a review found them read as 21 and 02));
    None when the text is not so shaped."""
    match = _POS_WITH_NAME.fullmatch(text.strip().upper())
    if match is not None:
        code, name = match.group(1).zfill(2), match.group(2).strip()
    elif (after := _NAME_WITH_POS.fullmatch(text.strip().upper())) is not None:  # 'INPATIENT HOSPITAL (21)'
        code, name = after.group(2).zfill(2), after.group(1).strip()
    else:
        return None
    pos = POS.get(code)
    if pos is None:
        return code, name, False
    given = set(_naming_words(name))
    own = _score(given, code)
    return code, name, own > 0 and all(_score(given, other) <= own for other in POS if other != code)


# A place's name alone, as some exports write the POS cell ('Outpatient Hospital', 'Skilled Nursing Facility'): CMS's
# name in its Place of Service Code Set (cms.gov, "Place of Service Codes for Professional Claims"), any case, spaces
# and punctuation aside; and POS 22's name before 2016, "Outpatient Hospital": CR 9231 (MLN MM9231, effective
# 2016-01-01) added POS 19 "Off Campus-Outpatient Hospital" and revised 22 from "Outpatient Hospital" to "On
# Campus-Outpatient Hospital", so a pre-2016 name is the hospital outpatient department 22 was (read as 22, said).
# Not 'office' (a setting word of its own: the office site, as before).
OLD_OUTPATIENT_HOSPITAL = "OUTPATIENT HOSPITAL"
OLD_POS_NAME_NOTE = (
    "'Outpatient Hospital' is POS 22's name before 2016 (CMS's CR 9231 renamed it On Campus-Outpatient Hospital and "
    "added 19, Off Campus-Outpatient Hospital): read as 22. Give 19 for an off-campus department"
)


def _name_key(text: str) -> str:
    return " ".join(_NAME_WORDS.findall(text.upper()))


_POS_BY_NAME: dict[str, str] = {_name_key(place.name): code for code, place in POS.items()}
_POS_BY_NAME[OLD_OUTPATIENT_HOSPITAL] = "22"


# A short form of CMS's name ('Urgent Care' for 20, "Urgent Care Facility"; 'Skilled Nursing' for 31; 'Emergency Room'
# for 23): the given words are all words of one place's name in CMS's Place of Service Code Set (its naming words,
# ``_POS_NAMING``: 'Facility' and the like aside), and of no other place's, one of them four letters or more. An urgent
# care trial's 'Urgent Care' cells (and `--setting urgent`) were refused while "20 - Urgent Care Facility" was read. A
# word several places' names share names none ('Inpatient': 21, 51, 61; 'Telehealth': 02, 10; 'Care': 20, 33, ...):
# refused, with the places it may be (``_pos_suggestion``). Abbreviations (ER, SNF, RHC) are no words of CMS's names.
# The words must also run together in the name's order, and one word alone must be its first: a review found
# 'Community Health Center' (an FQHC's usual name, POS 50) read as 53, "Community mental health center", and filler
# words read as places ('With': 54, 'Land': 41, 'Room': 23).
def _short_pos_name(text: str) -> str | None:
    """The one place of service whose CMS name holds every naming word of ``text`` ('Urgent Care': '20'), a run of
    its words in order (one word: its first), or None."""
    given = _naming_words(text)
    if not given or not any(len(word) >= 4 for word in given):
        return None
    codes = [code for code, words in _POS_NAMING.items() if given <= words]
    if len(codes) != 1:
        return None
    ordered, name = _naming_sequence(text), _naming_sequence(POS[codes[0]].name)
    if len(ordered) == 1:
        return codes[0] if name[:1] == ordered else None
    runs = (name[start : start + len(ordered)] for start in range(len(name) - len(ordered) + 1))
    return codes[0] if ordered in runs else None


def _pos_suggestion(text: str) -> str:
    """'did you mean 20 (Urgent care facility)? ' for a name that names one place best (``_score``: 'Urgent Care Ctr'),
    or the places a shared word names ('Inpatient' -> 21, 51, 61); '' when it names none."""
    given = set(_naming_words(text))
    scores = {code: _score(given, code) for code in POS} if any(len(word) >= 4 for word in given) else {}
    best = max(scores.values(), default=0)
    codes = sorted(code for code, score in scores.items() if score == best) if best else []
    if len(codes) == 1:
        return f"did you mean {codes[0]} ({POS[codes[0]].name})? Give the code, or "
    if 1 < len(codes) <= 4:
        return f"it may be place of service {' or '.join(f'{c} ({POS[c].name})' for c in codes)}: give the code, or "
    return ""


def is_old_pos_name(text: str) -> bool:
    """Whether a setting cell is POS 22's pre-2016 name ('Outpatient Hospital', any case)."""
    return _name_key(text) == OLD_OUTPATIENT_HOSPITAL


def normalise_pos(text: str) -> str | None:
    """'2', '02', '2.0', 'POS 02', '02 - Telehealth Other', 'Skilled Nursing Facility' -> '02' (...); None when the
    text is not POS-shaped (a code with a name that is not its place's is none: ``resolve_site`` says why)."""
    match = _POS_TEXT.fullmatch(text.strip().upper())
    if match:
        return match.group(1).zfill(2)
    named_alone = not any(character.isdigit() for character in text) and text.strip().lower() not in SITE_WORDS
    if named_alone and (named_only := _POS_BY_NAME.get(_name_key(text)) or _short_pos_name(text)):
        return named_only
    named = _named_pos(text)
    return named[0] if named is not None and named[2] else None


# Telehealth has two places of service from CY2024 (CMS Transmittal 12671; MLN901705): 02, "Telehealth Provided Other
# than in Patient's Home" (paid the facility rate), and 10, "Telehealth Provided in Patient's Home" (the non-facility
# rate). A telehealth group's trial: `--setting telehealth` and batch cells 'Telehealth', 'TH', 'Virtual' were offered
# "11, 19, 21, 22, 24 ..." and never 02 or 10.
_TELEHEALTH_WORDS = frozenset({"TELEHEALTH", "TELEMEDICINE", "TH", "VIRTUAL", "VIDEO", "TELE", "TELEHEALTH VISIT",
                               "VIRTUAL VISIT", "TELEVISIT"})  # fmt: skip
TELEHEALTH_SETTING_HINT = (
    "telehealth is place of service 02 (patient not at home) or 10 (patient's home): give 02 or 10; or "
)


# Setting words billing staff write for a place that is one of several CMS places of service, each given its choices
# and never read as one of them (a trial: 'Long Term Care' was offered 20, Urgent care facility, and 'Nursing Home',
# 'LTC', 'IOP' only the generic error). A nursing home or long-term care facility is a skilled nursing facility (POS
# 31) or a nursing facility (32), by the patient's stay (CMS's Place of Service Code Set; APMA, "Facility, Place of
# Service on Claim Forms", 2023: the same facility may care for patients under both stay types, 31 for a skilled
# stay, 32 for long-term care), and 31 is paid the PFS facility rate, 32 the non-facility one (Pub. 100-04 ch. 12
# §20.4.2). An intensive outpatient program (IOP, from 2024) is a hospital outpatient department's (22 on campus, 19
# off campus: type of bill 13x) or a community mental health center's (53: 76x), billed with condition code 92 (CGS,
# "Intensive Outpatient Program Services", 2024-01-02, citing MLN MM13222 and Claims Processing Manual ch. 1
# §50.2.3); an RHC or FQHC (72, 50) furnishes it too, under ch. 9.
_NURSING_HOME_HINT = (
    "a nursing home or long-term care facility is place of service 31 (Skilled nursing facility: a skilled stay, the "
    "PFS facility rate) or 32 (Nursing facility: the non-facility rate), by the patient's stay: give 31 or 32; or "
)
_IOP_HINT = (
    "an intensive outpatient program (IOP) is place of service 22 (On campus-outpatient hospital) or 19 (Off "
    "campus-outpatient hospital), on the hospital's type of bill 13x, or 53 (Community mental health center), on its "
    "76x, with condition code 92 (an RHC's or FQHC's program: 72 or 50): give the code of the place; or "
)
_SETTING_PHRASE_HINTS = {
    "NURSING HOME": _NURSING_HOME_HINT, "NURSING HOME FACILITY": _NURSING_HOME_HINT,
    "LONG TERM CARE": _NURSING_HOME_HINT, "LONG TERM CARE FACILITY": _NURSING_HOME_HINT, "LTC": _NURSING_HOME_HINT,
    "LTCF": _NURSING_HOME_HINT, "LTC FACILITY": _NURSING_HOME_HINT,
    "IOP": _IOP_HINT, "INTENSIVE OUTPATIENT": _IOP_HINT, "INTENSIVE OUTPATIENT PROGRAM": _IOP_HINT,
}  # fmt: skip


def _short_name_hint(word: str) -> str:
    """The place of service a short name alone names (a trial's `--setting rhc` and batch cell `RHC` were told only
    "use office, hopd or asc ..."), or the places a setting word may be (``_SETTING_PHRASE_HINTS``: 'Nursing Home',
    'IOP'), said before the general advice; '' for any other word."""
    phrase = _SETTING_PHRASE_HINTS.get(_name_key(word))
    if phrase is not None:
        return phrase
    codes = sorted(code for code, names in _POS_SHORT_NAMES.items() if word in names)
    if len(codes) == 1:
        return f"{word} is place of service {codes[0]} ({POS[codes[0]].name}): give {codes[0]}; or "
    if codes:
        return f"{word} is one of places of service {', '.join(codes)} ({'; '.join(POS[c].name for c in codes)}); or "
    if word in _TELEHEALTH_WORDS:
        return TELEHEALTH_SETTING_HINT
    # A geriatrics trial (a CAH's clinic in Montana) followed this advice to 22 and read the OPPS clinic visit rate
    # (G0463, $119.86) as the hospital's payment and its copayment as the patient's: a CAH is paid 101% of its
    # reasonable cost, not the OPPS (42 CFR 413.70, _BILL_WHY's 85x), so the advice says which part of 22's answer
    # is the CAH's practitioner's and that the facility's is not priced.
    if word == "CAH":  # a critical access hospital is a hospital; it has no place-of-service code of its own
        return (
            "a critical access hospital has no place-of-service code of its own: give the hospital place the "
            "line was in (21 inpatient, 22 outpatient, 23 emergency room) for the practitioner's PFS facility fee "
            "(the professional amount); the hospital's own part at 22 or 23 is an OPPS hospital's rate, which a CAH is "
            "not paid (101% of its reasonable cost, 42 CFR 413.70: not priced here, nor its bill type 85x); or "
        )
    return ""


def resolve_site(text: str | int) -> SiteChoice:
    """'office' / 'hopd' / 'asc' or a CMS POS code (text, or a number as a spreadsheet or pandas reads one: 22)
    -> where to price the line.

    Raises UsageError for an unknown word or a POS code CMS has not assigned."""
    raw = str(text).strip()
    word = raw.lower()
    word = SITE_ALIASES.get(" ".join(word.split()), word)
    if word in SITE_WORDS:
        return SiteChoice(word, SITE_WORDS[word], None, SITE_NAMES[word])  # type: ignore[arg-type]
    code = normalise_pos(raw)
    if code is None:
        bill = _TYPE_OF_BILL.fullmatch(raw.upper())
        # a frequency letter is read on a 13x or 83x bill alone (13Q, 13G): '11a' is a mistyped place, not a bill
        if bill is not None and (bill.group(1) + bill.group(2) in TYPE_OF_BILL_SITES or not bill.group(3).isalpha()
                                 or bill.group(3) == _ANY_FREQUENCY):  # fmt: skip
            return type_of_bill_site(bill.group(1), bill.group(2), bill.group(3))
        named = _named_pos(raw)
        if named is not None and named[0] in POS:
            raise UsageError(
                f"{raw!r}: place of service {named[0]} is {POS[named[0]].name}, which {named[1].title()!r} does not "
                f"name: give the code alone ({named[0]}) if it is the place, or the code of the place meant."
            )
        raise UsageError(
            f"{raw!r} is not a setting: {_short_name_hint(word.upper()) or _pos_suggestion(raw)}use office, hopd or "
            "asc, a CMS place-of-service code (11, 19, 21, 22, 24 ...) or a UB-04 type of bill (13x hospital "
            "outpatient, 83x ASC)."
        )
    pos = POS.get(code)
    if pos is None:
        raise UsageError(
            f"Place of service {code} is not a code CMS has assigned. Common ones: 11 office, 19/22 hospital "
            "outpatient, 21 inpatient, 23 emergency room, 24 ASC, 31 SNF, 12 home."
        )
    note = None
    if pos.facility_site is None:
        note = f"POS {code} ({pos.name}): {NO_FACILITY_PAYMENT_CLAUSE}"
    elif pos.facility_site == "office" and code != "11":
        # The office's rate: the PFS non-facility one, or a lab's CLFS, a drug's ASP or a DME item's fee (a trial
        # found "PFS non-facility rate" on 80053's CLFS line at POS 81).
        note = f"POS {code} ({pos.name}): priced like the office (its office rate, no facility payment)."
    if pos.caveat:
        note = f"{note} {pos.caveat}." if note else f"{pos.caveat}."
    if code in TELEHEALTH_POS:  # every line there is a telehealth one: the list is not checked (TELEHEALTH_LIST_NOTE)
        note = f"{note} {TELEHEALTH_LIST_NOTE}" if note else TELEHEALTH_LIST_NOTE
    if is_old_pos_name(raw):
        note = f"{note} {OLD_POS_NAME_NOTE}." if note else f"{OLD_POS_NAME_NOTE}."
    if not pos.verified:
        extra = (
            f"POS {code}'s facility/non-facility rate is rvucalc's reading of CMS's rules (not checked in CMS's text)."
        )
        note = f"{note} {extra}" if note else extra
    return SiteChoice(pos.facility_site, pos.pfs_setting, code, pos.name, note)


# An institutional claim's (UB-04, 837I) type of bill: Form CMS-1450 FL 4 (Medicare Claims Processing Manual, Pub.
# 100-04, ch. 25 §75.1; the codes are the NUBC's), three digits after an optional leading zero (0131): the type of
# facility, the bill classification, and the frequency (1 admit through discharge, 7 a replacement ...). A MAC's table
# of them (Noridian JE Part A, "Bill Types", med.noridianmedicare.com/web/jea/topics/claim-submission/bill-types):
# first digit 1 hospital, 2 SNF, 3 home health, 7 clinic, 8 special facility; second, for a hospital or SNF, 1
# inpatient Part A, 2 inpatient Part B, 3 outpatient, 4 other Part B (non-patient lab specimens, referenced diagnostic
# services); for a special facility, 1 and 2 hospice, 3 ambulatory surgery center, 4 freestanding birthing center, 5
# critical access hospital. rvucalc prices two of them: 13x, a hospital outpatient claim, which the OPPS pays (the
# hospital outpatient department: its OPPS rate and the physician's PFS facility fee), and 83x, an ASC's (the ASC
# payment; Medicare's ASCs bill on the professional claim with POS 24, Pub. 100-04 ch. 14 §40, other payers on the
# UB-04). A critical access hospital's outpatient claim (85x) is paid 101% of its reasonable cost, not under the OPPS
# (42 CFR 413.70; a CAH "should not use TOB 013X", HCPro Revenue Cycle Advisor, 2016-10-18); an inpatient's (11x, 12x)
# and other Part B bills (14x: a non-patient's lab specimen is paid from the CLFS) are no site rvucalc prices.
_TYPE_OF_BILL = re.compile(r"0?([1-9])([0-9])([0-9A-Z])")  # 13X: any frequency; 13Q a reopening (below)
# Medicare's frequency letter Q: a claim submitted for reconsideration or reopening outside the timely filing limit
# (CR 8581, from 2016-01-01; Claims Processing Manual ch. 34: "report a new type of bill (TOB), XXQ, along with
# condition codes" R1-R9, First Coast's and CGS's "Reopenings"; an adjustment xx7 beyond that limit is returned to the
# provider). Its lines are priced as the bill type it is (13Q as 131 or 137 are); a trial's 13Q was called no type of
# bill at all. No other letter is one a provider bills (``type_of_bill_site`` refuses it, naming Q).
_REOPENING_FREQUENCY = "Q"
_ANY_FREQUENCY = "X"
TYPE_OF_BILL_SITES: dict[str, FacilitySite] = {"13": "hopd", "83": "asc"}
_BILL_FACILITY = {"1": "hospital", "2": "skilled nursing facility", "3": "home health agency",
                  "4": "religious nonmedical health care institution", "6": "intermediate care facility",
                  "7": "clinic", "8": "special facility"}  # fmt: skip
# A clinic's bill by its classification (NUBC; Noridian JE Part A "Bill Types"): 72x an ESRD facility, 73x an FQHC
# (before 77x), 74x an outpatient rehabilitation facility, 75x a CORF, and 76x a community mental health center: a
# CMHC bills its partial hospitalization (and from CY2024 intensive outpatient) days on 76x, paid one per-diem APC a
# day (Claims Processing Manual ch. 4 §260.1; Noridian JF's "CMHC PHP Billing Guide": bill type 761-764; CY2024 OPPS
# final rule, CMS-1786-FC). A trial's 761 was called "(clinic)".
_CLINIC_KIND = {"2": "renal dialysis facility", "4": "outpatient rehabilitation facility",
                "5": "comprehensive outpatient rehabilitation facility",
                "6": "community mental health center"}  # fmt: skip
_CMHC_WHY = (
    "a CMHC is paid one per-diem APC a day for partial hospitalization or intensive outpatient services (ch. 4 "
    "§260.1), whose rate is in Addendum A, not installed"
)
_BILL_CLASSIFICATION = {"1": "inpatient Part A", "2": "inpatient Part B", "3": "outpatient",
                        "4": "other Part B: non-patient lab specimens, referenced diagnostic services",
                        "8": "swing bed"}  # fmt: skip
_SPECIAL_FACILITY = {"1": "hospice, not hospital-based", "2": "hospice, hospital-based",
                     "3": "ambulatory surgery center", "4": "freestanding birthing center",
                     "5": "critical access hospital"}  # fmt: skip
_BILL_WHY = {
    "11": "Medicare pays a hospital inpatient stay by its DRG (the IPPS), not by line",
    "12": "an inpatient's Part B services are a short list (Benefit Policy Manual ch. 6 §10) rvucalc does not tell",
    "14": "a non-patient's lab specimen is paid from the CLFS, as setting office (or POS 81) prices a lab",
    "85": "Medicare pays a critical access hospital 101% of its reasonable cost (42 CFR 413.70), not the OPPS",
    "76": _CMHC_WHY,
}
# What to give instead, where the general advice (the line's POS, for the physician's fee) is not the whole answer. A
# CAH that elected the optional method (Method II) bills its practitioners' professional services on its 85x bill,
# revenue codes 096x, 097x, 098x, paid "the lesser of the actual charge or the facility-specific MPFS amount less
# deductible and coinsurance times 1.15" (Claims Processing Manual ch. 4 §250.2, as quoted by CMS's CR 4208 manual
# section "Optional Method ... Plus 115 Percent Fee Schedule Payment for Professional Services"). A trial followed the
# advice and read the PFS facility amount as the CAH's payment: said, not priced (the charge, the deductible's share
# and the rounding of the 115% are not given here).
_BILL_ADVICE = {
    "85": "A professional line on this bill (revenue code 096x, 097x, 098x) of a CAH under the optional method "
    "(Method II) is paid 115% of the fee schedule: the PFS amount (CMS: the facility-specific MPFS amount) less "
    "deductible and coinsurance, times 1.15 (Claims Processing Manual ch. 4 §250.2), which rvucalc does not price. "
    "The practitioner's own PFS fee: give the line's place of service (22 outpatient, 23 emergency room) instead.",
    "76": "A practitioner's own Part B fee there: give the line's place of service 53 (community mental health "
    "center) instead.",
}
# A clinic's bill: 71x a rural health clinic's, 77x a federally qualified health center's (NUBC; RHCs bill type 71x
# with revenue codes 052x, Claims Processing Manual ch. 9 §50-60). Its visits are paid the RHC all-inclusive rate
# (ch. 9 §20) or the FQHC PPS (ch. 9 §30), neither installed: said in place of the list of bills rvucalc prices (a
# trial: 711 was "(clinic) is not priced: rvucalc prices type of bill 13x ... and 83x"), with the clinic's POS for the
# PFS fee of a service that is not the clinic's own (ch. 13 §60: its visits are never a practitioner's PFS claim).
_CLINIC_BILLS = {
    "71": ("rural health clinic", "its all-inclusive rate (AIR) per visit (Claims Processing Manual ch. 9 §20)", "72"),
    "77": ("federally qualified health center", "under the FQHC prospective payment system (PPS) per visit (Claims "
           "Processing Manual ch. 9 §30)", "50"),
}  # fmt: skip


class BillNotPricedError(UsageError):
    """A well-formed type of bill whose lines rvucalc does not price (a CAH's 85x, an RHC's 71x, an inpatient's 12x):
    not a malformed request but an answer, "not priced here", with what to give instead. The command line exits 1, as
    for a code not payable (README's exit codes; `price G0463 --setting 851` exited 2, a usage error), where batch's
    row says the same in its error (kind bad_setting). A UsageError still, so every reader of --setting takes it."""

    exit_code = 1


# The frequency digits that bill no service: 8, a void or cancel of a prior claim (NUBC's FL 4 definition: "the
# elimination in its entirety of a previously submitted bill"; its payment is taken back), and 0, a non-payment (zero)
# claim (CMS's CCW data dictionary, CLM_FREQ_CD, the third digit of the type of bill: "0 = Non-payment/zero claims ...
# 8 = Void/cancel prior claim"; Noridian JE Part A "Bill Types" the same). A review found a void 0138 priced $1,286.22
# and added to the totals. Such a bill is well formed and simply pays nothing: an answer (exit 1, kind not_payable),
# not a usage error (`price --setting 138` exited 2).
_NO_SERVICE_FREQUENCIES = {"8": "voids a prior claim: nothing is paid on it (a void or cancel bill takes back the "
                                 "prior claim's payment, that claim's lines are priced under their own type of bill, "
                                 "e.g. {kind}1)",
                           "0": "is a non-payment (zero) claim: nothing is paid on it"}  # fmt: skip


# The frequency digits no hospital outpatient (13x) or ASC (83x) bill carries. NUBC's FL 4 frequency codes (as an
# all-payer claims database's data dictionary copies them, Arkansas APCD BILL_FREQ: "0 = Nonpayment / Zero Claim ...
# 5 = Late Charges Only Claim 6 = Reserved 7 = Replacement of Prior Claim 8 = Void / Cancel of a Prior Claim 9 = Final
# Claim for a Home Health PPS Episode"): 9 is a home health agency's final claim for its PPS period (CGS's HH
# "Submitting a Final Claim": TOB 329; Claims Processing Manual ch. 10 §40.2), and 6 is reserved, no frequency at all
# (Claims Processing Manual ch. 25 §75.1, FL 4: the codes are the NUBC's). A trial's 139 was priced as a 13x bill.
_INVALID_FREQUENCIES = {"9": "is a home health agency's final claim for its PPS period (NUBC's frequency 9: its "
                             "own bill type 32x, Claims Processing Manual ch. 10 §40.2), not a frequency of bill type "
                             "{kind}x",
                        "6": "is reserved by the NUBC, no frequency of a bill"}  # fmt: skip


# A hospital's late charge bill (13x5, NUBC's frequency 5, "late charges only"): "Providers billing under Inpatient
# Hospital PPS, Outpatient PPS, SNF PPS, or HHA PPS may not bill late charges, nor will the contractor accept such
# bills"; "Charges omitted from the original bill must be submitted on an adjustment bill that contains all pertinent
# charges including those billed earlier" (Claims Processing Manual ch. 1 §130.1.3, Late Charges; CR 3671). A trial's
# 135 was priced as a hospital outpatient bill. Refused as a void or zero bill is (NoPaymentBillError: exit 1,
# not_payable): a well-formed bill Medicare pays nothing on. An ASC's 835 is left as it was: ASCs bill Medicare on the
# professional claim (ch. 14 §40), and no CMS text of their UB-04 frequencies was found.
_LATE_CHARGE_BILLS = {
    "13": "is a late charge bill, which Medicare does not accept from a hospital paid under the OPPS (Claims "
    "Processing Manual ch. 1 §130.1.3): nothing is paid on it. Submit the charges omitted from the original bill on "
    "an adjustment bill, 137, with all of its charges, including those billed earlier"
}


class NoPaymentBillError(BillNotPricedError):
    """A type of bill rvucalc prices (13x, 83x) whose frequency pays nothing: a void (xx8) or a non-payment claim
    (xx0). Exit 1, and kind not_payable in price's error object and batch's row (not bad_setting: the input is
    valid)."""

    default_kind = ErrorKind.NOT_PAYABLE


def type_of_bill(text: str) -> str:
    """A cell of a type-of-bill column, checked: three digits after an optional leading zero (131, 0831). ValueError
    for anything else: a column of bill types is read as nothing else (a review's '13' was priced as POS 13)."""
    bill = _TYPE_OF_BILL.fullmatch(text.strip().upper())
    if bill is None:
        raise ValueError(
            f"type of bill {text.strip()!r} is not one: a UB-04 type of bill is three digits, e.g. 131 (hospital "
            "outpatient) or 831 (ASC), with or without a leading zero"
        )
    return "".join(bill.groups())


def is_type_of_bill(text: str) -> bool:
    """Whether a setting cell is a type of bill (131, 0851, 83x ...), not a place of service."""
    return _TYPE_OF_BILL.fullmatch(text.strip().upper()) is not None and normalise_pos(text) is None


def critical_access_bill(text: str) -> bool:
    """Whether a setting cell is a critical access hospital's type of bill (85x), which ``resolve_site`` refuses: a
    CAH's outpatient bill is paid 101% of its reasonable cost (42 CFR 413.70), not the OPPS (``_BILL_WHY``)."""
    bill = _TYPE_OF_BILL.fullmatch(text.strip().upper())
    return bill is not None and bill.group(1) + bill.group(2) == "85" and normalise_pos(text) is None


def facility_bill(text: str) -> bool:
    """Whether a setting cell is a type of bill whose claim is the facility's own (13x a hospital outpatient claim, 83x
    an ASC's: ``TYPE_OF_BILL_SITES``): a UB-04 (837I) pays the hospital or ASC its facility payment, the physician
    bills on a CMS-1500 (837P). A POS code (two digits) or a site word is none."""
    bill = _TYPE_OF_BILL.fullmatch(text.strip().upper())
    return bill is not None and bill.group(1) + bill.group(2) in TYPE_OF_BILL_SITES and normalise_pos(text) is None


def type_of_bill_site(facility: str, classification: str, frequency: str) -> SiteChoice:
    """A UB-04 type of bill (its three digits) -> where to price the line: 13x the hospital outpatient department,
    83x the ASC. UsageError naming what it is and what rvucalc prices for any other, or a bill of no service."""
    bill = f"{facility}{classification}{frequency}"
    if frequency.isalpha() and frequency not in (_REOPENING_FREQUENCY, _ANY_FREQUENCY):
        raise UsageError(
            f"type of bill {bill}: frequency {frequency} is not one a provider bills Medicare: the only letter is Q, "
            f"a reopening beyond the timely filing limit (CR 8581: {facility}{classification}Q), beside the digits "
            f"(e.g. {facility}{classification}1, admit through discharge; {facility}{classification}7, a replacement "
            "of a prior claim)."
        )
    site = TYPE_OF_BILL_SITES.get(facility + classification)
    if site is not None and frequency in _INVALID_FREQUENCIES:
        said = _INVALID_FREQUENCIES[frequency].format(kind=facility + classification)
        raise UsageError(
            f"type of bill {bill} is not one rvucalc prices: frequency {frequency} {said}. Give the bill's own "
            f"frequency (e.g. {facility}{classification}1, admit through discharge; {facility}{classification}7, a "
            "replacement of a prior claim)."
        )
    if frequency == "5" and facility + classification in _LATE_CHARGE_BILLS:
        raise NoPaymentBillError(f"bill type {bill} {_LATE_CHARGE_BILLS[facility + classification]}")
    if site is not None and frequency in _NO_SERVICE_FREQUENCIES:
        said = _NO_SERVICE_FREQUENCIES[frequency].format(kind=facility + classification)
        raise NoPaymentBillError(f"bill type {bill} {said}")
    if site is not None:
        name = f"{SITE_NAMES[site]} (type of bill {bill})"
        return SiteChoice(site, SITE_WORDS[site], None, name, facility_bill=True)
    clinic = _CLINIC_BILLS.get(facility + classification)
    if clinic is not None:
        name, payment, pos = clinic
        raise BillNotPricedError(
            f"type of bill {bill} ({name}) is not priced: Medicare pays a {name} {payment} on this bill, which "
            f"rvucalc does not install (it prices type of bill 13x and 83x). The PFS fee of a service there that is "
            f"not an RHC or FQHC service (Benefit Policy Manual ch. 13 §60, e.g. a test's technical component): give "
            f"the line's place of service {pos} ({POS[pos].name}) instead."
        )
    kind = (_SPECIAL_FACILITY.get(classification) if facility == "8" else None) or (
        _CLINIC_KIND.get(classification) if facility == "7" else None) or " ".join(
        filter(None, [_BILL_FACILITY.get(facility), _BILL_CLASSIFICATION.get(classification) if facility in "12" else
                      None]))  # fmt: skip
    what = f" ({kind})" if kind else ""
    why = _BILL_WHY.get(facility + classification)
    raise BillNotPricedError(
        f"type of bill {bill}{what} is not priced: rvucalc prices type of bill 13x (hospital outpatient: the OPPS) "
        f"and 83x (ambulatory surgery center: the ASC payment){f'; {why}' if why else ''}. "
        + _BILL_ADVICE.get(
            facility + classification, "The physician's fee: give the line's place of service (POS) instead."
        )
    )


# An off-campus provider-based department's hospital claim carries PO (an excepted department: "to be reported with
# every HCPCS code for all outpatient hospital items and services furnished in an off-campus provider-based
# department", Pub. 100-04 ch. 4 §20.6.11) or PN (a non-excepted one: Transmittal 3685); neither goes with an on-campus
# department or the emergency room. The hospital rate of a line follows its modifiers (engine.facility): a place of
# service that says otherwise is said, not guessed at (a trial found POS 22 with PN and POS 19 without either silent).
DEPARTMENT_MODIFIERS = frozenset({"PN", "PO"})
# A wound care trial's physician remit (`batch --paid-for professional`, 97597 and 29580 at POS 19) read "an off-campus
# hospital line carries PO ... or PN" on every physician's line: the words now say whose claim carries them (the
# hospital's, "for all outpatient hospital items and services", ch. 4 §20.6.11), and that the practitioner's does not.
OFF_CAMPUS_WITHOUT_MODIFIER = (
    "POS 19: the hospital's claim for an off-campus department carries PO (G0463 paid 40%) or PN (most services 40%) "
    "on its lines (ch. 4 §20.6.11), the practitioner's own claim neither: the hospital's rate here is priced without "
    "either"
)
# A professional component (26) is billed on the practitioner's own claim (Claims Processing Manual ch. 26 §10.5: its
# POS is where the patient received the TC), and PO and PN are reported on the hospital's claim ("for all outpatient
# hospital items and services", ch. 4 §20.6.11): a cardiovascular trial's 93925-26 at POS 19, a physician's line, was
# told it "carries PO ... or PN", which the physician does not append. So is any line of a file (or a price) that
# --paid-for professional says is the practitioner's own claim: a wound care trial's physician remit (`batch --paid-for
# professional`, POS 19) read the note on every line, news to none of them; where the hospital's claim is priced
# (--paid-for site or facility, the default) it is said as before.
PROFESSIONAL_COMPONENT = "26"
ON_CAMPUS_WITH_MODIFIER = (
    "POS {pos} ({name}) with {modifier}: PN and PO are an off-campus department's modifiers (POS 19, Pub. 100-04 "
    "ch. 4 §20.6.11). The hospital rate follows {modifier} as given"
)


# A split (or shared) visit (FS) is an E/M visit "in a facility setting", an institutional one "in which payment for
# services and supplies furnished incident to a physician or practitioner's professional services is prohibited"
# (CMS's definition from the CY2022 PFS final rule, Claims Processing Manual ch. 12 §30.6.18, as Novitas restates it);
# Noridian JE Part B, "Modifier FS": it "May not be used in an office or other setting outside of a facility setting
# defined as hospital or skilled nursing facility". A trial's 99213-FS at POS 11 was priced without a word. The amount
# is the visit's as billed (whose line it is, the physician's or the NPP's, decides it): said, not refused. No "; " in
# it: batch's note column joins a row's notes with "; " (a trial's note split in two at "§30.6.18").
SPLIT_SHARED_OUTSIDE_FACILITY = (
    "POS {pos} ({name}) with FS: a split (or shared) visit is billed only in a facility setting (a hospital or SNF, "
    "where incident-to billing is not allowed: Claims Processing Manual ch. 12 §30.6.18, and Noridian JE, 'Modifier "
    "FS'). Here the visit is billed by the practitioner who furnished it (or incident to). Priced as billed"
)


# Telehealth. Medicare pays a service furnished via telehealth only if it is on the Medicare Telehealth Services List
# (Social Security Act §1834(m)(4)(F); 42 CFR 410.78(f), the process that adds and deletes services; Claims Processing
# Manual ch. 12 §190), which CMS publishes beside each PFS final rule and rvucalc does not install (nothing in
# /work/shared/cms is it): a trial's 20610-95 (a joint injection) at POS 10 was priced "via telehealth" without a
# word. A line at POS 02 or 10 says so in its place's note (``resolve_site``), a line with a telehealth modifier (95
# audio and video, 93 audio only, FQ audio only at an RHC, FQHC or OTP) at any other place in its department note.
# No "; " in it: batch's note column joins a row's notes with "; ".
TELEHEALTH_POS = frozenset({"02", "10"})
TELEHEALTH_MODIFIERS = ("95", "93", "FQ")
TELEHEALTH_LIST_NOTE = (
    "Telehealth: rvucalc does not check CMS's Medicare Telehealth Services List (Social Security Act §1834(m), 42 CFR "
    "410.78(f), Claims Processing Manual ch. 12 §190)."
)
# A diagnostic test's professional component read at a distance (teleradiology) is no Medicare telehealth service: the
# Benefit Policy Manual (Pub. 100-02) ch. 15 §30 lists "the interpretation of an x-ray, electrocardiogram,
# electroencephalogram and tissue samples" among the services that need no face-to-face encounter, and the Claims
# Processing Manual ch. 26 §10.5 (place of service instructions for the PC of a diagnostic test): "the POS code
# assigned by the physician/practitioner for the PC of a diagnostic service shall be the setting in which the
# beneficiary received the TC service ... The POS code for a teleradiology interpretation is generally the place where
# the beneficiary received the TC" (as radiologybillingcoding.com restates §10.5). A radiology trial's 74177-26 at POS
# 02 read "rvucalc does not check CMS's Medicare Telehealth Services List". A PC line at POS 02 or 10 (modifier 26 on
# a code of PC/TC indicator 1 or 6, or a professional-only code, indicator 2) says this instead; priced as the place
# given (a PC's facility and non-facility PE RVUs are CMS's, and are equal on most 26 rows).
REMOTE_INTERPRETATION_PCTC = frozenset({"1", "6"})  # with 26
PROFESSIONAL_ONLY_PCTC = "2"
REMOTE_INTERPRETATION_NOTE = (
    "POS {pos} for a diagnostic test's professional component: an interpretation read at a distance (teleradiology) is "
    "no Medicare telehealth service (Benefit Policy Manual ch. 15 §30), and its place of service is where the patient "
    "received the technical component (Claims Processing Manual ch. 26 §10.5: 22 at an on-campus hospital, 11 at an "
    "office). Priced as POS {pos}."
)


def remote_interpretation(pos: str | None, pctc: str | None, modifiers: tuple[str, ...] | list[str]) -> bool:
    """Whether a line at ``pos`` is a diagnostic test's professional component at a telehealth place (POS 02, 10)."""
    indicator = (pctc or "").strip()
    return pos in TELEHEALTH_POS and (
        (indicator in REMOTE_INTERPRETATION_PCTC and "26" in modifiers) or indicator == PROFESSIONAL_ONLY_PCTC
    )


# Digital mental health treatment (CY2025 PFS final rule, CMS-1807-F): G0552 the device's supply and onboarding, G0553
# and G0554 its monthly treatment management. Noridian JF, "Understanding Digital Mental Health Treatments": "POS 02 and
# 10 cannot be used for these non-face-to-face services and are excluded from the list of reimbursable telehealth
# services." A behavioral health trial's G0553 and G0554 at POS 10 read only that rvucalc does not check the telehealth
# list. Said in place of ``TELEHEALTH_LIST_NOTE``; priced as the place given.
NOT_TELEHEALTH_DMHT = frozenset({"G0552", "G0553", "G0554"})
NOT_TELEHEALTH_DMHT_NOTE = (
    "POS {pos} for digital mental health treatment ({code}, CY2025 PFS final rule): a non-face-to-face service, not a "
    "Medicare telehealth service, and POS 02 and 10 cannot be used for it (Noridian JF, 'Understanding Digital Mental "
    "Health Treatments'). Priced as POS {pos}."
)


# Communication technology-based services (CTBS). The CY2019 PFS final rule (CMS-1693-F, 83 FR 59452) read SSA
# §1834(m)'s telehealth limits as applying only to "a discrete set of physicians' services that ordinarily involve, and
# are defined, coded, and paid for as if they were furnished during an in-person encounter", not to "services that are
# defined by, and inherently involve the use of, communication technology" (quoted by PYA, "Providing and Billing
# Medicare for Remote Patient Monitoring", 2020, of RPM; the Center for Connected Health Policy on the same rule:
# virtual check-ins, remote evaluation of recorded images and interprofessional consultations "fall outside the scope of
# Medicare telehealth services"); e-visits likewise (CodingIntel on 99421-99423: "These are not considered telehealth
# services, so do not use POS 02 and modifier 95"). A telehealth practice's trial: 99422 at POS 02 (priced at the PFS
# facility rate), 98016-95 and 99446-95 at POS 10 read only that rvucalc does not check the telehealth list. Said in
# place of ``TELEHEALTH_LIST_NOTE``; priced as the place given. The codes: virtual check-ins and remote evaluation
# (G2010, G2250-G2252, 98016), e-visits (99421-99423, 98970-98972), interprofessional consultations (99446-99449, 99451,
# 99452), remote physiologic monitoring (99091, 99453, 99454, 99445, 99457, 99458, 99470) and remote therapeutic
# monitoring (98975-98981, 98984-98986), all in RVU26C. Remote monitoring's set-up and device supply at POS 02
# (engine.pfs.REMOTE_MONITORING_CODES, facility PE 'NA') have no amount there, and their reason says they are no
# telehealth service (REMOTE_MONITORING_AT_TELEHEALTH_REASON): they drop the list's note and say this in none of it (a
# review: 99454 at POS 02 read both, and "Priced as POS 02." of a line without an amount).
COMMUNICATION_TECHNOLOGY_SERVICES = frozenset({
    "G2010", "G2250", "G2251", "G2252", "98016", "99421", "99422", "99423", "98970", "98971", "98972", "99446", "99447",
    "99448", "99449", "99451", "99452", "99091", "99453", "99454", "99445", "99457", "99458", "99470", "98975", "98976",
    "98977", "98978", "98979", "98980", "98981", "98984", "98985", "98986",
})  # fmt: skip
NOT_TELEHEALTH_CTBS_NOTE = (
    "POS {pos} for {code}, a communication technology-based service (virtual check-in, e-visit, interprofessional "
    "consultation or remote monitoring): no Medicare telehealth service (CY2019 PFS final rule), billed at the "
    "practitioner's own place of service (e.g. the office, 11), not 02 or 10 with 95. Priced as POS {pos}."
)


def place_note_for_line(
    note: str, pos: str | None, pctc: str | None, modifiers: tuple[str, ...] | list[str], code: str | None = None
) -> str:
    """A place's note (``SiteChoice.note``) on one line: at POS 02 or 10 a diagnostic test's professional component
    (``remote_interpretation``) says ``REMOTE_INTERPRETATION_NOTE`` in place of ``TELEHEALTH_LIST_NOTE``, a digital
    mental health treatment code (``NOT_TELEHEALTH_DMHT``) ``NOT_TELEHEALTH_DMHT_NOTE``, a communication
    technology-based service (``COMMUNICATION_TECHNOLOGY_SERVICES``) ``NOT_TELEHEALTH_CTBS_NOTE``; any other note as
    it is. Price and batch alike."""
    if TELEHEALTH_LIST_NOTE in note and pos in TELEHEALTH_POS and code in NOT_TELEHEALTH_DMHT:
        return note.replace(TELEHEALTH_LIST_NOTE, NOT_TELEHEALTH_DMHT_NOTE.format(pos=pos, code=code))
    if TELEHEALTH_LIST_NOTE in note and pos in TELEHEALTH_POS and code in COMMUNICATION_TECHNOLOGY_SERVICES:
        from rvucalc.engine.pfs import REMOTE_MONITORING_CODES

        if pos == "02" and code in REMOTE_MONITORING_CODES:  # its reason says it all, and it is not priced there
            return note.replace(f" {TELEHEALTH_LIST_NOTE}", "").replace(TELEHEALTH_LIST_NOTE, "")
        return note.replace(TELEHEALTH_LIST_NOTE, NOT_TELEHEALTH_CTBS_NOTE.format(pos=pos, code=code))
    if TELEHEALTH_LIST_NOTE in note and remote_interpretation(pos, pctc, modifiers):
        return note.replace(TELEHEALTH_LIST_NOTE, REMOTE_INTERPRETATION_NOTE.format(pos=pos))
    return note


# 95 or 93 at an in-person place: CMS Transmittal 12671 (CR 13452, CY2024): "The only two valid POS codes for Medicare
# telehealth billing ... are POS 02 and POS 10 ... only the POS code determines the non-facility or facility payment
# rate" (POS 02 the facility rate, POS 10 the non-facility rate). A trial's 99214-95 at POS 11 read only "Modifier 95
# is informational". Said, and priced as the place given (the amount is the place's, as CMS's claim would be).
TELEHEALTH_AT_IN_PERSON_PLACE = (
    "POS {pos} ({name}) with {modifier}: Medicare telehealth is billed at POS 02 or 10 only, and the place of service "
    "alone sets the facility or non-facility rate (CMS Transmittal 12671): priced as POS {pos}."
)
# A communication technology-based service (``COMMUNICATION_TECHNOLOGY_SERVICES``) with 95 or 93 at another place: a
# review's 98016-95 at POS 11 read "Medicare telehealth is billed at POS 02 or 10 only" and the list's note, as if it
# were a telehealth service to move to 02 or 10. It is none (CY2019 PFS final rule; CodingIntel on 99421-99423: "do not
# use POS 02 and modifier 95"): said in place of both, priced as the place given.
CTBS_WITH_TELEHEALTH_MODIFIER = (
    "POS {pos} ({name}) with {modifier}: a communication technology-based service (virtual check-in, e-visit, "
    "interprofessional consultation or remote monitoring) is no Medicare telehealth service (CY2019 PFS final rule), "
    "billed at the practitioner's own place of service without 95 or 93. Priced as POS {pos}."
)


# 95 at an FQHC or RHC (POS 50, 72): an FQHC/RHC trial's 90837-95 at POS 50 beside G0470 was told "Medicare
# telehealth is billed at POS 02 or 10 only ... (CMS Transmittal 12671)", a rule of the practitioner's professional
# claim. The clinic bills on its own claim: from 2022 a mental health visit may be furnished "using interactive,
# real-time, audio and video telecommunications technology" or audio only (Benefit Policy Manual ch. 13 §40, CY2022 PFS
# final rule, as CCHP restates it), a visit paid the AIR or PPS, the line carrying 95 (or FQ, audio only); a medical
# visit via telecommunication is billed as G2025, paid its own rate (engine.meanings.PAID_APART). Note only: priced as
# the place given, as before. FQ alone at POS 50/72 says it too (an RHC's trial: 90834-FQ at POS 72 read only "rvucalc
# does not check CMS's Medicare Telehealth Services List (Social Security Act §1834(m) ...)", as if the clinic's
# audio-only mental health visit were a practitioner's telehealth service: the CY2022 PFS final rule made it a mental
# health visit (42 CFR 405.2463, audio and video or audio only), apart from §1834(m) telehealth, which pays physicians
# and practitioners, as idahochc.org's summary of Benefit Policy Manual ch. 13's update restates). The modes are named
# by their own modifiers, 95 and FQ (93 is audio only, never "audio and video").
CLINIC_TELECOMMUNICATION = (
    "POS {pos} ({name}) with {modifier}: an RHC's or FQHC's mental health visit may be furnished via real-time audio "
    "and video (95) or audio only (FQ), a visit on the clinic's own claim paid its AIR or PPS (Benefit Policy "
    "Manual ch. 13 §40), and its medical visit via telecommunication is billed as G2025: the POS 02/10 rule of a "
    "practitioner's telehealth claim is not the clinic's. Priced as POS {pos}."
)

# A communication technology-based service (``COMMUNICATION_TECHNOLOGY_SERVICES``) with 95 or FQ at an RHC or FQHC: no
# visit via telecommunication, so neither the mental health visit's modes nor G2025 (a trial: 99422-95 at POS 50 was
# told its medical visit via telecommunication is billed as G2025). What the clinic bills, by kind and date: its virtual
# check-ins and remote evaluations (G2010, G2250-G2252, 98016 in place of G2012) as G0071, "Virtual Communication
# Services" (Claims Processing Manual ch. 9 §70.7; CMS's RHC center: "submit an RHC claim with HCPCS code G0071 ... to
# get paid for the digital assessment service or virtual communication services (HCPCS codes G2012 and G2010)"; NGS:
# "FQHCs and RHCs should not use codes G2012 and G2010"), through December 31, 2025; from January 1, 2026 the codes
# themselves, G0071 ended by the CY2026 PFS final rule (engine.meanings.ENDED_PAID_APART). An e-visit (99421-99423, a
# digital assessment) was G0071 from March 1, 2020 to May 11, 2023 only (CMS's RHC center: "Starting May 12, 2023,
# digital assessment services are no longer included in virtual communication services. Don't submit claims for
# digital assessments with dates of service on or after May 12, 2023, using HCPCS code G0071"). The rest (other
# e-visits, interprofessional consultations, remote monitoring) are said to be no visit via telecommunication alone.
# Both periods in the note (price and batch ask it once per place and modifiers, not per date).
CLINIC_VIRTUAL_COMMUNICATION = frozenset({"G2010", "G2250", "G2251", "G2252", "98016"})
CLINIC_DIGITAL_ASSESSMENT = frozenset({"99421", "99422", "99423"})
_CLINIC_CTBS_NOT_VISIT = (
    "POS {pos} ({name}) with {modifier}: a communication technology-based service is no visit via telecommunication "
    "at an RHC or FQHC (not G2025, the medical visit's code, nor the mental health visit's 95 or FQ)"
)
_CLINIC_CTBS = {
    1: _CLINIC_CTBS_NOT_VISIT + ": the clinic billed a virtual check-in or remote evaluation on its own claim as G0071 "
    "(Claims Processing Manual ch. 9 §70.7) through December 31, 2025, and from January 1, 2026 bills the code itself "
    "(CY2026 PFS final rule). Priced as POS {pos}.",
    2: _CLINIC_CTBS_NOT_VISIT + ": an e-visit (online digital assessment) was billed as G0071 from March 1, 2020 "
    "through May 11, 2023 only, and is no RHC/FQHC virtual communication service from May 12, 2023 (CMS's Rural "
    "Health Clinics Center). Priced as POS {pos}.",
    3: _CLINIC_CTBS_NOT_VISIT + ". Priced as POS {pos}.",
}


def _ctbs_kind(code: str | None) -> int:
    """0 for a code that is no communication technology-based service; else its kind at an RHC or FQHC
    (``_CLINIC_CTBS``): 1 a virtual check-in or remote evaluation, 2 an e-visit of 99421-99423, 3 another."""
    if code not in COMMUNICATION_TECHNOLOGY_SERVICES:
        return 0
    return 1 if code in CLINIC_VIRTUAL_COMMUNICATION else 2 if code in CLINIC_DIGITAL_ASSESSMENT else 3


def department_note(
    pos: str | None,
    modifiers: tuple[str, ...] | list[str],
    *,
    practitioner_claim: bool = False,
    code: str | None = None,
) -> str | None:
    """What a place of service says of a line's department modifiers (PN, PO at a hospital), of a split (or shared)
    visit's FS at a non-facility place (``SPLIT_SHARED_OUTSIDE_FACILITY``) and of a telehealth modifier (95, 93, FQ)
    at a place other than POS 02 or 10 (``TELEHEALTH_AT_IN_PERSON_PLACE``, ``TELEHEALTH_LIST_NOTE``), or None. Price
    and batch alike. ``practitioner_claim``: the line is the practitioner's own claim's (--paid-for professional),
    which carries neither PO nor PN (``OFF_CAMPUS_WITHOUT_MODIFIER`` not said, as of a 26 line). ``code``: a
    communication technology-based service's 95 or 93 says ``CTBS_WITH_TELEHEALTH_MODIFIER``."""
    return _department_note(pos, tuple(modifiers), practitioner_claim, _ctbs_kind(code))


def places_notes_for(pos: str | None, modifiers: tuple[str, ...] | list[str]) -> bool:
    """Whether ``department_note`` may say something of a line at ``pos`` with one of ``modifiers`` (batch skips the
    other places' lines, and asks of the lines with FS or a telehealth modifier at the others)."""
    return (
        pos in ("19", "22", "23")
        or ("FS" in modifiers and pos in POS and POS[pos].pfs_setting == NF)
        or (pos not in TELEHEALTH_POS and any(modifier in modifiers for modifier in TELEHEALTH_MODIFIERS))
    )


def _telehealth_note(pos: str | None, modifiers: tuple[str, ...], ctbs: int = 0) -> str | None:
    """A line's note on its telehealth modifier at a place other than POS 02 or 10 (whose place note says the list:
    ``resolve_site``), or None. ``ctbs``: the code's kind of communication technology-based service (``_ctbs_kind``),
    0 for none."""
    given = [modifier for modifier in TELEHEALTH_MODIFIERS if modifier in modifiers]
    if not given or pos in TELEHEALTH_POS:
        return None
    if pos in ("50", "72") and ctbs:  # no visit at all: _CLINIC_CTBS, not the clinic's visit via telecommunication
        return _CLINIC_CTBS[ctbs].format(pos=pos, name=POS[pos].name, modifier="/".join(given))
    if pos in ("50", "72"):  # the clinic's own claim (FQ too): CLINIC_TELECOMMUNICATION, not a practitioner's rules
        return CLINIC_TELECOMMUNICATION.format(pos=pos, name=POS[pos].name, modifier="/".join(given))
    in_person = [modifier for modifier in given if modifier != "FQ"]  # FQ: an RHC's or FQHC's claim, no POS rate
    if pos in POS and in_person and ctbs:
        return CTBS_WITH_TELEHEALTH_MODIFIER.format(pos=pos, name=POS[pos].name, modifier="/".join(in_person))
    if pos in POS and in_person:
        said = TELEHEALTH_AT_IN_PERSON_PLACE.format(pos=pos, name=POS[pos].name, modifier="/".join(in_person))
        return f"{said} {TELEHEALTH_LIST_NOTE}"
    return TELEHEALTH_LIST_NOTE


@functools.lru_cache(maxsize=4096)  # batch asks per distinct code cell of each partition: a few distinct answers
def _department_note(
    pos: str | None, modifiers: tuple[str, ...], practitioner_claim: bool = False, ctbs: int = 0
) -> str | None:
    said = _place_department_note(pos, modifiers, practitioner_claim)
    telehealth = _telehealth_note(pos, modifiers, ctbs)
    # two sentences: a review's 99214-95 at POS 19 read "priced without either POS 19 (Off campus-outpatient ...)"
    return f"{said}. {telehealth}" if said and telehealth else said or telehealth


def hospital_department_note(
    pos: str | None, modifiers: tuple[str, ...] | list[str], practitioner_claim: bool = False
) -> str | None:
    """What a hospital place of service (19, 22, 23) says of a line's PN or PO alone (``department_note`` less its
    telehealth and FS notes): batch's rows whose type of bill 13x is read beside that POS (batch.lines.
    _bill_department_notes), the POS their department."""
    return _place_department_note(pos, tuple(modifiers), practitioner_claim)


@functools.lru_cache(maxsize=4096)  # batch asks per distinct code cell of each partition
def _place_department_note(pos: str | None, modifiers: tuple[str, ...], practitioner_claim: bool = False) -> str | None:
    if "FS" in modifiers and pos in POS and POS[pos].pfs_setting == NF:
        return SPLIT_SHARED_OUTSIDE_FACILITY.format(pos=pos, name=POS[pos].name)
    given = [modifier for modifier in modifiers if modifier in DEPARTMENT_MODIFIERS]
    if pos == "19" and not given and PROFESSIONAL_COMPONENT not in modifiers and not practitioner_claim:
        return OFF_CAMPUS_WITHOUT_MODIFIER
    if pos in ("22", "23") and given:
        return ON_CAMPUS_WITH_MODIFIER.format(pos=pos, name=POS[pos].name, modifier="/".join(given))
    return None
