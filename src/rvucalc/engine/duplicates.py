"""Identical lines of one encounter: a line Medicare's duplicate edits are likely to deny (a note, no money change).

Medicare's claims processing systems deny an exact duplicate claim line: "All exact duplicate claims or claim lines are
auto-denied or rejected (absent appropriate modifiers)", and from July 2013 they look at the other lines of the same
claim too ("the edits will detect duplicate and repeat services within the same claim": First Coast, "Preventing
duplicate claim denials"). Modifiers are how a biller says a line is not a duplicate: CPT's 76 (repeat procedure or
service by the same physician) and 77 (by another physician), 91 (repeat clinical diagnostic laboratory test), and the
level II site modifiers ("The Level II modifiers 'RT' and 'LT' ... indicate that a service was performed on the right
and left side of the body"). Where a service may be billed in units, identical services go on one line with their
units ("Use the days/units field when possible").

Sources: CMS's MLN Matters MM8121 on exact duplicates (its text as the "Detection of Duplicate Claims" restatements
quote it); the MAC billing and coding article A53482, "Repeat or Duplicate Services on the Same Day" (CMS Medicare
Coverage Database: its title read; its text as Palmetto GBA's article of that name states it: "Claims for multiple,
identical services provided to an individual patient on the same day may be denied as duplicate claims"; "When a
modifier is used to indicate a repeat service, the first such service should be submitted without the modifier and the
repeated service(s) should include the modifier"); NGS's "Repeat Procedures - Modifiers 76 and 77" (an exact duplicate:
the same beneficiary, provider, dates, type and place of service, procedure code); modifier 91: Claims Processing
Manual (Pub. 100-04) ch. 16 §100.5.1, as Palmetto GBA's modifier page cites it, and First Coast's and Novitas's
"Utilizing modifier 91" ("Report each service on a separate line ... and append 91 to the repeat procedure").

rvucalc's rule: in an encounter (``rvucalc price A B C``; a batch claim on one date of service, of one practitioner), a
line with the same code and the same modifiers (in any order) as an earlier line, none of them 76, 77 or 91, is noted
as a likely duplicate; the first such line is not. Lines that differ by any modifier (RT and LT, 59 or XE/XS/XP/XU, 50,
26 and TC, 76) are not identical. Units are not compared. The amounts stay: whether the MAC denies the line (or it is
one service exported twice) the claim does not show.

Co-surgeons (62) and team surgeons (66) bill the same code by design: "each surgeon bills for the procedure with a
modifier '-62'" (co-surgeons), and each team surgeon bills it with 66 (Claims Processing Manual ch. 12 §40.8 B and C),
each on their own claim ("Both surgeons must agree to append modifier 62 on their claim": First Coast, "Co-surgery";
CPT: "Each surgeon should report the co-surgery once using the same procedure code"). So 62 lines on two claims are
two surgeons' (batch compares no lines across claims), but two identical 62 (or 66) lines on one claim (``rvucalc
price A B``, a batch claim: one billing entity's) are most likely one surgeon's half billed twice: noted
(``SHARED_SURGERY_DUPLICATE``), without the 76/77 advice (a general surgery trial's 47562-62 47562-62 was told to bill
the second line with 76 or 77, which is no co-surgeon's answer; a review then found them silent).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rvucalc.engine.rehab import REHAB_CODES

# The modifiers that say a line repeats a service on purpose (CPT): 76 repeat procedure or service by the same
# physician, 77 by another physician, 91 repeat clinical diagnostic laboratory test.
REPEAT_MODIFIERS = frozenset({"76", "77", "91"})
# The modifiers of surgeons who each bill the same code for one surgery (ch. 12 §40.8): 62 co-surgeons, 66 team surgery.
SHARED_SURGERY_MODIFIERS = frozenset({"62", "66"})


def line_identity(code: str, modifiers: Iterable[str]) -> tuple[str, tuple[str, ...]] | None:
    """What makes two lines of an encounter identical: the code and its modifiers, in any order; None for a line a
    repeat modifier (``REPEAT_MODIFIERS``) says was done again, and for a rehabilitation session's line
    (``_SESSION_CODES``: engine.rehab counts the day's sessions). A co-surgeon's or team surgeon's line
    (``SHARED_SURGERY_MODIFIERS``) is compared: the other surgeon bills it on their own claim."""
    given = tuple(modifiers)
    if REPEAT_MODIFIERS.intersection(given) or code in _SESSION_CODES:
        return None
    return code, tuple(sorted(given))


# Cardiac, intensive cardiac and pulmonary rehabilitation sessions (engine.rehab.REHAB_CODES): a second line of the
# code on a date is a second session, which Medicare covers up to the day's limit: "the number of CR sessions are
# limited to a maximum of 2 1-hour sessions per day", "ICR sessions are limited to 72 1-hour sessions ... up to 6
# sessions per day" (42 CFR 410.49(f)(1), (f)(2), as the Benefit Policy Manual, Pub. 100-02 ch. 15 §232, quotes them),
# pulmonary rehabilitation "a maximum of two one-hour sessions per day" (42 CFR 410.47). So such lines are no exact
# duplicate to deny: none has an identity here, and the lines past the day's limit carry engine.rehab's note instead
# (a trial: two 93798 lines on one claim and date, two sessions, had the second told "Possible duplicate").
_SESSION_CODES = REHAB_CODES


# The words every duplicate line's note opens with (``duplicate_note``, ``SHARED_SURGERY_DUPLICATE``,
# ``DRUG_DUPLICATE``): batch counts the rows so noted (--summary's duplicate_lines) by them.
DUPLICATE_NOTE = "Possible duplicate: this line repeats an earlier "


def duplicate_note(code: str, modifiers: Iterable[str] = (), drug: bool = False) -> str:
    """The note on a line that repeats an earlier identical line of its encounter (no "; " in it: batch's note column
    joins a row's notes with it); a co-surgeon's or team surgeon's line's (62, 66) is ``SHARED_SURGERY_DUPLICATE``, a
    drug's (``drug``: the ASP file gives the line an amount) ``DRUG_DUPLICATE``, an anesthesia line the session rule
    combines ``ANESTHESIA_DUPLICATE``."""
    modifiers = tuple(modifiers)
    shared = sorted(SHARED_SURGERY_MODIFIERS.intersection(modifiers))
    if shared:
        return SHARED_SURGERY_DUPLICATE.format(code=code, modifier=shared[0])
    if drug:
        return DRUG_DUPLICATE.format(code=code)
    if _in_anesthesia_session(code, modifiers):
        return ANESTHESIA_DUPLICATE.format(code=code)
    from rvucalc.engine.add_ons import AREA_FIRST_UNITS

    if code in AREA_FIRST_UNITS:
        return AREA_FIRST_DUPLICATE.format(code=code)
    from rvucalc.engine.wound_repair import GROUP_OF

    if code in GROUP_OF:
        return WOUND_REPAIR_DUPLICATE.format(code=code)
    from rvucalc.engine.nerve_conduction import STUDIES

    if code in STUDIES:
        return NERVE_CONDUCTION_DUPLICATE.format(code=code)
    return (
        f"{DUPLICATE_NOTE}{code} line of this claim and date (the same code and "
        "modifiers, none of 76, 77 or 91): Medicare's claim edits deny an exact duplicate line (MLN Matters MM8121, "
        "billing and coding article A53482 'Repeat or Duplicate Services on the Same Day'). If the service was done "
        "again, bill this line with 76 (repeated by the same physician) or 77 (by another), or 91 for a repeated "
        "clinical lab test. On another side or site, use RT/LT (another finger or toe: its digit modifier, FA or "
        "F1-F9, TA or T1-T9) or 59/XS. If it is one service exported twice, bill it once (a code billed in units: one "
        "line with the units). Priced as given."
    )


# An anesthesia line repeating an earlier one of its claim and date (engine.anesthesia): the procedures of one
# anesthetic are paid once, on the highest base units with the time of all (Claims Processing Manual ch. 12 §50), so
# the claim's identical anesthesia lines are priced as one session, the later ones $0.00; a second anesthetic the same
# day is the line rvucalc reads as separate when it carries 59 or XE (a separate encounter, MLN Matters SE1418:
# engine.anesthesia.SEPARATE_ANESTHETIC), not 76 or 77, which leave it in the session. An anesthesia group's trial:
# 00790-QZ (90 minutes) and 00790-QZ (55 minutes, the patient back in the room that evening) on one claim were paid
# $343.85 and $0.00 as one session, the second line told to "bill this line with 76 ... or 77", which still paid $0.00
# there; with XE each is paid its own, $267.67 and $220.31 (ZIP 80218, 2026).
ANESTHESIA_DUPLICATE = (
    DUPLICATE_NOTE + "{code} line of this claim and date (the same anesthesia code and modifiers): Medicare's claim "
    "edits deny an exact duplicate line (MLN Matters MM8121), and the procedures of one anesthetic are billed once, "
    "with the highest base units and the anesthetic's whole time (Claims Processing Manual ch. 12 §50), so rvucalc "
    "prices these lines as one session. A second anesthetic the same day (the patient back in the room) is billed "
    "with 59 or XE (a separate encounter, MLN Matters SE1418), which rvucalc prices on its own base units and time "
    "(76 or 77 leaves it in the session). If it is one anesthetic exported twice, bill it once."
)


def _in_anesthesia_session(code: str, modifiers: Iterable[str]) -> bool:
    """An anesthesia line the session rule combines with its claim's others (engine.anesthesia): an anesthesia code,
    not one the rule leaves alone (the add-ons, 01995, 01996), not marked a separate anesthetic (59, XE)."""
    from rvucalc.engine.anesthesia import NOT_IN_SESSION, SEPARATE_ANESTHETIC
    from rvucalc.engine.pfs import is_anesthesia_code

    return (
        is_anesthesia_code(code) and code not in NOT_IN_SESSION and not set(SEPARATE_ANESTHETIC).intersection(modifiers)
    )


# A debridement depth's or skin substitute site's first-area code (engine.add_ons.AREA_FIRST_UNITS) repeated on a
# claim and date: the line beside already says it is 1 line of 1 unit a date "whatever 59, XS or the sides say", the
# area beyond the first billed as its add-on (engine.add_ons.area_first_lines_notes), so the general note's advice to
# bill the second line with RT/LT, 59/XS, 76 or 77 contradicted it on one row (a review: `price 11042 11042`).
AREA_FIRST_DUPLICATE = (
    DUPLICATE_NOTE + "{code} line of this claim and date (the same code and modifiers): Medicare's claim edits deny an "
    "exact duplicate line (MLN Matters MM8121), and {code} is billed on one line a date, the area beyond its first "
    "as its add-on (the line's other note). Priced as given."
)


# A wound repair code (engine.wound_repair.GROUP_OF, a complex group's add-on aside) repeated on a claim and date: the
# group's note beside it says CPT adds the lengths of one group's repairs together and bills the total once "whatever
# 59, XS or the sides say" (CPT's Repair (Closure) guidelines, engine.wound_repair.group_note), so the general note's
# advice to bill the second line with RT/LT, 59/XS, 76 or 77 contradicted it on one row, as AREA_FIRST_DUPLICATE's
# (a session 69 review: `price 12001 12001 --zip 73104`). Said in full here, not leaning on the other note.
WOUND_REPAIR_DUPLICATE = (
    DUPLICATE_NOTE + "{code} line of this claim and date (the same code and modifiers): Medicare's claim edits deny an "
    "exact duplicate line (MLN Matters MM8121), and {code} is a wound repair: CPT adds together the lengths of one "
    "anatomic group's repairs of one classification and bills the total once (CPT's Repair (Closure) guidelines). "
    "Priced as given."
)


# A nerve conduction study code (95907-95913, engine.nerve_conduction.STUDIES) repeated on a claim and date: the
# session's studies (both hands' and every limb's) are counted together and billed once, with the one code whose range
# holds the total ("you bill only one code per encounter - the single code matching the total study count - not
# individual codes per nerve tested", CPT's electrodiagnostic guidelines as coders restate them beside LCD L34594;
# "laterality is reflected in the ICD-10-CM diagnosis codes rather than on the CPT claim line"), as the line's nerve
# conduction note says (engine.nerve_conduction.encounter_notes). So the general note's advice to bill the second line
# with RT/LT or 59/XS (another side or site), or 76/77, contradicted it on one row (a session 70 review: `price 95907
# 95907 --zip 45202`). Said in full here, as WOUND_REPAIR_DUPLICATE is; MM8121's duplicate edit is still true.
NERVE_CONDUCTION_DUPLICATE = (
    DUPLICATE_NOTE + "{code} line of this claim and date (the same code and modifiers): Medicare's claim edits deny an "
    "exact duplicate line (MLN Matters MM8121), and {code} is a nerve conduction study code: a session's studies (both "
    "sides' and every limb's) are counted together and billed once, on one line with the code whose range holds the "
    "total (CPT, LCD L34594). Priced as given."
)


SHARED_SURGERY_DUPLICATE = (
    DUPLICATE_NOTE + "{code}-{modifier} line of this claim and date: co-surgeons (62) "
    "and team surgeons (66) each bill the procedure with the modifier on their own claim (Claims Processing Manual "
    "ch. 12 §40.8), so two such lines on one claim are most likely one surgeon's line billed twice, which Medicare's "
    "claim edits deny (MLN Matters MM8121). Bill it once: the other surgeon bills their line on their own claim. "
    "Priced as given."
)


# A drug's line is no service done again: its HCPCS code is a billing unit of the drug (J9271 "Injection, pembrolizumab,
# 1 mg"), and the units field is how much was given; an amount discarded from a single-dose container is billed on a
# separate line with JW: "The JW modifier ... billed on a separate line, will provide payment for the amount of
# discarded drug or biological" (Claims Processing Manual, Pub. 100-04, ch. 17 §40; MLN Matters MM6711, as Findacode
# and AAPC restate it: "The 95 unit dose is billed on one line, while the discarded 5 units may be billed on another
# line by using the JW modifier"). A53482's "Use the days/units field when possible" as above. 76/77 (a procedure
# repeated), RT/LT and 59/XS (another side or site) describe procedures, not a drug's dose (a trial: two J9271-JZ x 200
# lines were told to bill the second with 76 or 77, or RT/LT). Which lines are drugs: those the ASP file prices (price:
# the line's drug amount; batch: its drug_amount column), in price and batch alike.
DRUG_DUPLICATE = (
    DUPLICATE_NOTE + "{code} line of this claim and date (the same drug code and "
    "modifiers): Medicare's claim edits deny an exact duplicate line (MLN Matters MM8121). A drug is billed on one "
    "line with the total units given, and any amount discarded from a single-dose container on its own line with JW "
    "(Claims Processing Manual ch. 17 §40). 76, 77, RT, LT and 59 do not apply to a drug's line. Priced as given."
)


def with_drug_duplicate(notes: list[str], code: str, modifiers: Sequence[str]) -> None:
    """``notes`` (a line's, in place) with the drug's duplicate note (``DRUG_DUPLICATE``) where ``duplicate_notes``
    gave the general one: the line is a drug's (the ASP file gives it an amount), which ``duplicate_notes`` (run with
    the encounter's rules, before the schedules price the lines) cannot tell."""
    general = duplicate_note(code, modifiers)
    if general in notes:
        notes[:] = [duplicate_note(code, modifiers, drug=True) if note == general else note for note in notes]


def duplicate_notes(lines: Sequence[tuple[str, Iterable[str]]]) -> list[str | None]:
    """Per line of an encounter (code, modifiers), in order: ``duplicate_note`` on the second and later of identical
    lines (``line_identity``), else None."""
    seen: set[tuple[str, tuple[str, ...]]] = set()
    out: list[str | None] = []
    for code, modifiers in lines:
        modifiers = tuple(modifiers)
        identity = line_identity(code, modifiers)
        out.append(duplicate_note(code, modifiers) if identity is not None and identity in seen else None)
        if identity is not None:
            seen.add(identity)
    return out


# A specimen collection fee is paid once per patient encounter: "Only one collection fee is allowed for each type of
# specimen for each patient encounter, regardless of the number of specimens drawn" (Claims Processing Manual ch. 16
# §60.1, as the MACs restate it: "Only one collection fee per day will be allowed for each patient encounter/trip",
# Noridian JE and Palmetto GBA JJ, "Specimen Collection and Travel Allowance Fees"). Two lines of the code are a
# possible duplicate (``duplicate_notes``); a line of several units says so too. The amounts stay: several units may
# be several encounters (trips) of the day, which the line does not show (the sources do not say to pay one unit).
# The collection fee codes on the CLFS: 36415 (venipuncture), G0471 (venipuncture for a SNF resident or on behalf of a
# home health agency), P9612 (catheterization for a urine specimen).
SPECIMEN_COLLECTION_CODES = frozenset({"36415", "G0471", "P9612"})


def collection_units_note(code: str, units: int) -> str | None:
    """The note on a specimen collection fee line of several units (``SPECIMEN_COLLECTION_CODES``), or None. (No "; "
    in it: batch's note column joins a row's notes with it.)"""
    if code not in SPECIMEN_COLLECTION_CODES or units < 2:
        return None
    return (
        f"{units} units of a specimen collection fee ({code}): Medicare pays one collection fee per patient encounter, "
        "whatever the number of specimens drawn (Claims Processing Manual ch. 16 §60.1, the MACs: one per day per "
        "encounter or trip). Several units are paid only for separate encounters (trips) that day. Priced as given."
    )


# 36415 beside G0471 in one encounter: two collection fees, each for venous blood by venipuncture (G0471 "Collection of
# venous blood by venipuncture or urine sample by catheterization from an individual in a skilled nursing facility
# (SNF) or by a laboratory on behalf of a home health agency (HHA)", the CLFS's long descriptor), where §60.1 pays one
# "for each type of specimen for each patient encounter" (above). A house-call trial's 36415 and G0471 at POS 12 on one
# claim and date were paid $9.34 and $11.34 without a word. A note on both lines, the amounts as given: G0471 may be
# the urine specimen, which the line does not show. Batch: batch.claims._collection_pairs.
VENOUS_COLLECTION_FEES = frozenset({"36415", "G0471"})


def collection_pair_note(code: str) -> str:
    """The note on 36415 or G0471 beside the other in one encounter (``collection_pair_notes``). (No "; " in it:
    batch's note column joins a row's notes with it.)"""
    other = "G0471" if code == "36415" else "36415"
    return (
        f"{code} beside {other} on this claim and date: both are specimen collection fees for venous blood by "
        "venipuncture (G0471 also for a urine specimen by catheterization), and Medicare pays one collection fee for "
        "each type of specimen per patient encounter, whatever the number of specimens drawn (Claims Processing "
        "Manual ch. 16 §60.1). Unless one of them is a catheterized urine specimen, bill one. Priced as given."
    )


def collection_pair_notes(codes: Sequence[str]) -> list[str | None]:
    """Per line of an encounter (its codes), in order: ``collection_pair_note`` on 36415 and G0471 when both are
    there, else None."""
    if not set(codes) >= VENOUS_COLLECTION_FEES:
        return [None] * len(codes)
    return [collection_pair_note(code) if code in VENOUS_COLLECTION_FEES else None for code in codes]


# JZ and JW on separate lines of one drug in one encounter (a claim and date). JZ attests "Zero drug amount
# discarded/not administered to any patient" for the drug billed; JW reports the amount of the same drug discarded from
# a single-dose container, on its own line, beside the administered amount's line: CMS's "Discarded Drugs and
# Biologicals - JW Modifier and JZ Modifier Policy" FAQs (as Noridian's and First Coast's pages restate them: "If you
# didn't discard any of the drug: Report the JZ modifier"; "If you discarded any of the drug ... Report the JW
# modifier"; the JZ line is for "no discarded amounts"), MLN Matters MM13056, Pub. 100-04 ch. 17 §40. So a JW line for
# the drug contradicts the JZ line's attestation: the administered amount's line then carries no JZ. An infusion
# center's trial billed J2185-JZ x 10 and J2185-JW x 2 on one claim and date, which rvucalc priced without a word. A
# note on the JZ line, no money changed (whether the MAC returns the claim or which line is wrong the claim does not
# show). Batch: batch.claims._discards.
# A skin substitute from 2026 is no drug: the PFS and the OPPS pay it as an incident-to supply (CY2026 PFS final rule,
# CMS-1832-F; CY2026 OPPS/ASC final rule, CMS-1834-FC), and neither JZ nor JW is billed on it: Noridian JE, "Noridian
# Removes Skin Substitute Draft Policy": "JW and JZ modifiers are not appropriate for billing incident-to supplies
# starting January 1, 2026"; a portion discarded: "only bill units administered"; "Not appropriate to bill Medicare
# for discarded non-BLA skin substitute units under any circumstance with JW modifier". A wound care trial's Q4186-JZ
# beside Q4186-JW was told "the discarded amount is billed on a JW line", the drug's rule: it says the supply's.
def discard_conflict_note(code: str, year: int = 0) -> str:
    """The note on a JZ line of an encounter that has a JW line of the same code (``discard_conflict_notes``); a skin
    substitute's from 2026 (``year``) says the supply's rule. (No "; " in it: batch's note column joins a row's notes
    with it.)"""
    from rvucalc.engine.meanings import SKIN_SUBSTITUTE_SUPPLIES_FROM, is_skin_substitute

    if year >= SKIN_SUBSTITUTE_SUPPLIES_FROM and is_skin_substitute(code):
        return (
            f"JZ says none of this {code} was discarded, but a {code}-JW line of this claim and date reports a "
            "discarded amount of it: the two contradict each other, and from 2026 neither is billed on a skin "
            "substitute, an incident-to supply (CY2026 PFS final rule, CMS-1832-F), not a drug: only the units "
            "applied are billed, without JZ, and the discarded units not at all (Noridian, on CMS's 2026 policy: "
            "JW and JZ are not appropriate for incident-to supplies). Priced as given."
        )
    return (
        f"JZ says none of this {code} was discarded, but a {code}-JW line of this claim and date reports a discarded "
        "amount of it: the two contradict each other (CMS's JW/JZ modifier FAQs, Claims Processing Manual ch. 17 "
        "§40: JZ only when no amount was discarded; with a discarded amount, the administered amount's line has no JZ "
        "and the discarded amount is billed on a JW line). Priced as given."
    )


def discard_conflict_notes(lines: Sequence[tuple[str, Iterable[str]]], year: int = 0) -> list[str | None]:
    """Per line of an encounter (code, modifiers) of a ``year``, in order: ``discard_conflict_note`` on a JZ line whose
    code has a JW line in the encounter, else None."""
    given = [(code, set(modifiers)) for code, modifiers in lines]
    wasted = {code for code, modifiers in given if "JW" in modifiers}
    return [
        discard_conflict_note(code, year) if "JZ" in modifiers and "JW" not in modifiers and code in wasted else None
        for code, modifiers in given
    ]


# A JW line (the discarded amount of a single-dose container's drug) whose drug has no line without JW on its claim and
# date: the administered amount is not billed. CMS pays the discarded amount beside the dose given, "the Medicare Part
# B program provides payment for the drug amount discarded as well as the dose administered, up to the amount of the
# drug as indicated on the container or package label" (First Coast, restating the Claims Processing Manual ch. 17
# §40), each on its own line: the administered units on one line and the discarded units on another with JW
# (Noridian JF, "Modifier JW": J1745 x 35 and J1745-JW x 5; ASPS, "JW Modifier": "Both line items would be processed
# for payment"). An oncology trial's J9299-JW x 20 beside 96413 and 96417, with no J9299 line of the dose given, said
# nothing. A note on the JW line, no money changed (the administered line may sit on another claim, which rvucalc does
# not see). A skin substitute from 2026 is no drug and has its own JW rule (engine.modifiers: $0.00). Batch:
# batch.claims._discards.
def lone_discard_note(code: str) -> str:
    """The note on a JW line of an encounter with no line of ``code`` without JW (``lone_discard_notes``). No "; " in
    it (batch's note column joins a row's notes with it)."""
    return (
        f"JW reports a discarded amount of {code}, but no line of this claim and date bills the {code} administered: "
        f"Medicare pays the discarded amount of a single-dose container beside the dose given, the administered units "
        f"on one line (without JW) and the discarded units on a JW line (Claims Processing Manual ch. 17 §40, CMS's "
        f"JW/JZ modifier FAQs). Priced as given: add the {code} line of the dose administered."
    )


def lone_discard_notes(lines: Sequence[tuple[str, Iterable[str]]], year: int = 0) -> list[str | None]:
    """Per line of an encounter (code, modifiers) of a ``year``, in order: ``lone_discard_note`` on a JW line whose
    code has no line without JW in the encounter (not a skin substitute from 2026), else None."""
    from rvucalc.engine.meanings import SKIN_SUBSTITUTE_SUPPLIES_FROM, is_skin_substitute

    given = [(code, set(modifiers)) for code, modifiers in lines]
    administered = {code for code, modifiers in given if "JW" not in modifiers}
    return [
        lone_discard_note(code)
        if "JW" in modifiers
        and code not in administered
        and not (year >= SKIN_SUBSTITUTE_SUPPLIES_FROM and is_skin_substitute(code))
        else None
        for code, modifiers in given
    ]


# A 62 line and a 66 line of the same code in one encounter (one claim, date and practitioner). Co-surgery (62: "each
# surgeon bills for the procedure with a modifier '-62'", each paid 62.5%) and team surgery (66: each team surgeon bills
# it with 66, paid by report) are two ways of sharing one surgery (Claims Processing Manual ch. 12 §40.8 B and C); one
# surgeon's line is one role (engine.modifiers._EXCLUSIVE refuses 62 with 66 on one line). A trial's 32851-66 and
# 32851-62 on one claim and date were priced, the 62 line at 62.5%, the 66 line by report, without a word. A note on
# both lines, no money changed: which line is wrong the claim does not show. Batch: batch.claims._shared_surgeries.
def shared_surgery_conflict_note(code: str, modifier: str) -> str:
    """The note on a 62 (or 66) line of an encounter with a 66 (or 62) line of the same code
    (``shared_surgery_conflict_notes``). (No "; " in it: batch's note column joins a row's notes with it.)"""
    other = "66" if modifier == "62" else "62"
    return (
        f"{code}-{modifier} and {code}-{other} on one claim and date: co-surgery (62) and team surgery (66) are two "
        "ways of sharing one surgery (Claims Processing Manual ch. 12 §40.8 B, C), and each surgeon's line carries "
        "one of them. Priced as given."
    )


def shared_surgery_conflict_notes(lines: Sequence[tuple[str, Iterable[str]]]) -> list[str | None]:
    """Per line of an encounter (code, modifiers), in order: ``shared_surgery_conflict_note`` on a 62 line whose
    code has a 66 line in the encounter, and on that 66 line; else None."""
    given = [(code, set(modifiers)) for code, modifiers in lines]
    by_modifier = {m: {code for code, modifiers in given if m in modifiers} for m in SHARED_SURGERY_MODIFIERS}
    notes: list[str | None] = []
    for code, modifiers in given:
        role = sorted(SHARED_SURGERY_MODIFIERS & modifiers)
        other = "66" if role == ["62"] else "62" if role == ["66"] else None
        notes.append(shared_surgery_conflict_note(code, role[0]) if other and code in by_modifier[other] else None)
    return notes
