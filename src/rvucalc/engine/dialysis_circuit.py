"""Dialysis circuit interventions 36901-36909 billed as more codes or units than the session's one: a note, the amounts
unchanged.

CPT 2017's dialysis circuit family is built as a hierarchy, each code including the ones below it (AAPC's Radiology
Coding Alert, "Two Essentials for Dialysis Circuit Imaging", restating CPT's guidelines): "Code 36902 includes services
described in 36901 plus transluminal balloon angioplasty in peripheral segment of dialysis circuit. Similarly, code
36903 includes services in code 36902 and transcatheter stent placement"; "you should not report 36901, 36902, and
36903 together"; "The three codes for thrombectomy/thrombolysis (36904, 36905, and 36906) have a progressive hierarchy
structure similar to 36901-36903" (CMS's RVU file descriptors: 36901-36903 "Intro cath dialysis circuit", 36904-36906
"Thrmbc/nfs dialysis circuit"; CPT's descriptors of 36904-36906 include the "diagnostic angiography" of 36901); "Code
+36907 covers angioplasty, and +36908 covers both angioplasty and stenting" of the central segment; "You report only
one unit of codes 36902 or 36903 per session ... The same applies to other codes including +36909 where you code once
per session regardless of the number of branches involved". MedLearn Media's "10 Things You Need to Know About Dialysis
Circuit Add-on Codes" says the same of the add-ons: "+36908 (stenting) includes the services of ... +36907
(angioplasty)", "+36907 and +36908 can only be reported once, no matter how many lesions are treated in the central
segment", "+36909 can only be reported once per encounter, no matter how many vessels are treated".

So a session is one code of 36901-36906, the one naming everything done to the peripheral segment (thrombectomy or
not; diagnostic angiography, angioplasty or stent: 36902 with 36904 is 36905), and 36907 is not billed beside 36908.
A dialysis access trial's claim of 36901 with 36902 was priced $349.55 more (36901 at 50% by the multiple procedure
rule) and 36907 with 36908 $589.27 more at ZIP 30303, and 36909 x 2 $1,848.14 more, with no word. Each such line is
noted where one practitioner's claim and date has it, unless a line of the pair carries 59 or an X modifier (another
circuit or session) or LT and RT put them on different sides (two accesses). Priced as given (rvucalc does not apply
NCCI edits or MUEs). Batch: ``batch.claims._dialysis_circuit`` on a practitioner's lines of a claim and date, as
``rvucalc price``'s encounter; the units note through ``lookup.pricer.code_units_note``.
"""

from __future__ import annotations

from collections.abc import Sequence

# The base codes: code -> (thrombectomy or thrombolysis, the peripheral segment's level: 0 diagnostic angiography,
# 1 angioplasty, 2 stent), as their CMS and CPT descriptors build them.
PERIPHERAL = {
    "36901": (False, 0),
    "36902": (False, 1),
    "36903": (False, 2),
    "36904": (True, 0),
    "36905": (True, 1),
    "36906": (True, 2),
}
_BY_SERVICE = {service: code for code, service in PERIPHERAL.items()}
DESCRIBED = {
    "36901": "diagnostic angiography of the dialysis circuit",
    "36902": "diagnostic angiography with peripheral segment angioplasty",
    "36903": "diagnostic angiography with peripheral segment stent",
    "36904": "thrombectomy or thrombolysis",
    "36905": "thrombectomy or thrombolysis with peripheral segment angioplasty",
    "36906": "thrombectomy or thrombolysis with peripheral segment stent",
    "36907": "central segment angioplasty",
    "36908": "central segment stent, with its angioplasty",
    "36909": "embolization or occlusion of the circuit's veins",
}
CENTRAL_ANGIOPLASTY, CENTRAL_STENT = "36907", "36908"
NOTED = frozenset(PERIPHERAL) | {CENTRAL_ANGIOPLASTY, CENTRAL_STENT}
ONCE_A_SESSION = frozenset(PERIPHERAL) | {CENTRAL_ANGIOPLASTY, CENTRAL_STENT, "36909"}
# Another circuit, session or encounter (59 and the X modifiers)
DISTINCT_MODIFIERS = frozenset({"59", "XE", "XS", "XP", "XU"})
_SIDES = {"LT": frozenset({"LT"}), "RT": frozenset({"RT"}), "50": frozenset({"LT", "RT"})}
_SOURCE = "CPT's dialysis circuit guidelines, as AAPC's Radiology Coding Alert and MedLearn Media restate them"
_PRICED = "Priced as given (rvucalc does not apply NCCI edits)"


def _sides(modifiers: Sequence[str]) -> frozenset[str]:
    """The sides a line names (LT, RT, both with 50); both when it names none (it may be either)."""
    named = frozenset().union(*(_SIDES.get(modifier, frozenset()) for modifier in modifiers))
    return named or frozenset({"LT", "RT"})


def session_code(codes: Sequence[str]) -> str:
    """The one base code (36901-36906) naming what ``codes`` (base codes of one session) did together."""
    thrombectomy = any(PERIPHERAL[code][0] for code in codes)
    return _BY_SERVICE[(thrombectomy, max(PERIPHERAL[code][1] for code in codes))]


def peripheral_note(code: str, beside: Sequence[str]) -> str:
    """The note on the base ``code`` billed with the base codes ``beside`` by one practitioner on one claim and date.
    No "; " in it (batch joins notes with it)."""
    session = session_code([code, *beside])
    if session in beside:
        what, denied = f"{session} ({DESCRIBED[session]}) includes {code}: leave {code} off", f"denies {code}"
    else:
        billed = " and ".join([code, *beside])
        what = f"the session is {session} ({DESCRIBED[session]}): bill it in place of {billed}"
        denied = f"pays one of {billed} at most"
    return (
        f"{code} ({DESCRIBED[code]}) billed with {' and '.join(beside)} on this claim and date: one code of "
        "36901-36906 is a dialysis circuit's session, the highest level done, each including the lower ones "
        f"({_SOURCE}): {what}, or add 59 or XS where they were separate circuits. {_PRICED}: the MAC {denied}."
    )


def central_note() -> str:
    """The note on 36907 billed with 36908 by one practitioner on one claim and date. No "; " in it."""
    return (
        f"36907 ({DESCRIBED['36907']}) billed with 36908 on this claim and date: 36908 ({DESCRIBED['36908']}) "
        f"includes all angioplasty in the central segment ({_SOURCE}): leave 36907 off. {_PRICED}: the MAC denies "
        "36907."
    )


def units_note(code: str, units: int) -> str | None:
    """The note on a 36901-36909 line of several units, or None. No "; " in it (batch joins notes with it)."""
    if code not in ONCE_A_SESSION or units < 2:
        return None
    return (
        f"{code} ({DESCRIBED[code]}) is billed once a session with 1 unit, however many lesions, vessels or branches "
        f"were treated ({_SOURCE}). Priced as billed: {units} times one {code} (the MUE may deny the units after the "
        "first)."
    )


def encounter_notes(lines: Sequence[tuple[str, Sequence[str]]]) -> list[str | None]:
    """Per line of one practitioner's encounter (code, modifiers): ``peripheral_note`` on a base code (36901-36906)
    beside another base code that is not the session's code alone, ``central_note`` on 36907 beside 36908, neither
    line with 59 or an X modifier and their sides meeting; else None."""
    plain = [
        (code, _sides(modifiers))
        for code, modifiers in lines
        if code in NOTED and not DISTINCT_MODIFIERS.intersection(modifiers)
    ]
    notes: list[str | None] = []
    for code, modifiers in lines:
        said = None
        if code in NOTED and not DISTINCT_MODIFIERS.intersection(modifiers):
            sides = _sides(modifiers)
            met = {other for other, others in plain if other != code and sides & others}
            if code in PERIPHERAL:
                beside = sorted(met & PERIPHERAL.keys())
                if beside and session_code([code, *beside]) != code:
                    said = peripheral_note(code, beside)
            elif code == CENTRAL_ANGIOPLASTY and CENTRAL_STENT in met:
                said = central_note()
        notes.append(said)
    return notes
