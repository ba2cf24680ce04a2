"""Two "initial" drug administration services in one encounter, and an add-on hour after the wrong initial service: a
note, the amounts unchanged.

Medicare pays one initial drug administration service per encounter: Claims Processing Manual (Pub. 100-04) ch. 12
§30.5 "Payment for Codes for Chemotherapy Administration and Nonchemotherapy Injections and Infusions" for physicians
(CMS's Recovery Audit topic 0071 "Initial Hydration, Infusion and Chemotherapy Administration", cms.gov: "the physician
should only report one 'initial' service code unless protocol requires that two separate IV sites must be used. For
these separate identifiable services, physicians need to report with using modifier 59, XE, XS, XP or XU", codes
96360, 96365, 96374, 96409, 96413), and ch. 4 §230.2 (B) for hospitals' outpatient claims ("only one initial drug
administration service is to be reported per vascular access site per encounter", as Noridian's "Initial Drug
Administration" page quotes it). The NCCI Policy Manual, ch. XI §N, says the same of 96360, 96365, 96374, 96409 and
96413. Which one is initial: CPT's hierarchy (chemotherapy before therapeutic, prophylactic or diagnostic services
before hydration, infusions before pushes), "regardless of the order in which they were given" (HFMA's revenue cycle
forum, "IV Charges": the chemotherapy infusion is the initial service, the others reported with the additional and
subsequent codes); CR 3631: "If an injection or infusion is of a subsequent or concurrent nature, even if it is the
first such service within that group of services, then a subsequent or concurrent code from the appropriate section
should be reported". The other initial code's subsequent code: 96367 (sequential infusion of a new drug) for 96365,
96375 (sequential IV push of a new drug) for 96374, 96411 (chemotherapy push, each additional drug) for 96409, 96361
(hydration, additional or subsequent) for 96360. A line with a distinct-service modifier (59, XE, XS, XP, XU: a
second IV site) is not noted.

The additional hour follows its own initial infusion: 96415 "may only be reported in addition to 96413", 96366 with
96365 or 96367 (CPT's add-on instructions, as iframe.ai's and carecostestimate.com's CPT 96413-96415 pages print
them): 96366 in an encounter whose infusion is the chemotherapy 96413 alone is 96415's hour, 96415 beside 96365
without 96413 is 96366's. Beside a push or hydration alone (96409 + 96415, 96374 + 96366: neither infusion billed)
the infusion's first hour is missing: 96413 (96365) where CPT's hierarchy ranks it above the push or hydration, which
then takes its subsequent code, else 96367 (96366 after the chemotherapy push 96409). Priced as given (rvucalc does
not apply NCCI edits). Batch:
``batch.claims._drug_administration`` on a practitioner's lines of a claim and date, as ``rvucalc price``'s encounter.

A line of several units of an initial code (96413 x 3 for a three-hour infusion) is the same second initial service:
the encounter's initial service is reported once (ch. 12 §30.5, the RAC topic above: "only one 'initial' service
code"), its later hours with the additional hour code (96415 after 96413, 96366 after 96365, 96361 after 96360) and
a new drug with the subsequent code (``SUBSEQUENT``). ``initial_units_note``: ``lookup.pricer.units_note``, price's and
batch's alike (batch: ``batch.price``'s MONTHLY_UNITS rows); the amounts stay units x one unit's.
"""

from __future__ import annotations

from collections.abc import Sequence

# The initial codes, in CPT's hierarchy (first: the initial service of the encounter), and each one's subsequent code.
INITIAL_RANK = ("96413", "96409", "96365", "96374", "96360")
INITIALS = frozenset(INITIAL_RANK)
SUBSEQUENT = {
    "96413": "96417",  # chemotherapy infusion, each additional sequential infusion (up to 1 hour)
    "96409": "96411",  # chemotherapy push, each additional substance or drug
    "96365": "96367",  # therapeutic infusion, additional sequential infusion of a new drug (up to 1 hour)
    "96374": "96375",  # therapeutic IV push, each additional sequential push of a new substance or drug
    "96360": "96361",  # hydration, each additional hour (also hydration after another initial service)
}
DESCRIBED = {
    "96413": "chemotherapy IV infusion",
    "96409": "chemotherapy IV push",
    "96365": "IV infusion",
    "96374": "IV push",
    "96360": "hydration",
}
# The additional hour codes and the initial infusions each follows.
HOURS: dict[str, tuple[frozenset[str], str]] = {
    "96366": (frozenset({"96365", "96367"}), "96415"),  # therapeutic infusion hour: the chemotherapy one is 96415
    "96415": (frozenset({"96413"}), "96366"),  # chemotherapy infusion hour: the therapeutic one is 96366
}
# An initial code's additional hour of the same infusion (CPT's add-on codes: 96415 "each additional hour" after 96413,
# 96366 after 96365, 96361 after 96360); a push has no hour.
ADDITIONAL_HOUR = {"96413": "96415", "96365": "96366", "96360": "96361"}
_CHEMOTHERAPY_INFUSION, _THERAPEUTIC_INFUSION = "96413", "96365"
SECOND_SITE_MODIFIERS = frozenset({"59", "XE", "XS", "XP", "XU"})
NOTED = INITIALS | frozenset(HOURS)


def second_initial_note(code: str, initial: str) -> str:
    """The note on the initial ``code`` in an encounter whose initial service (CPT's hierarchy) is ``initial``."""
    then = SUBSEQUENT[code]
    return (
        f"{code} ({DESCRIBED[code]}, an initial service) billed with {initial} ({DESCRIBED[initial]}) on this claim "
        f"and date: Medicare pays one initial drug administration service per encounter unless two separate IV sites "
        f"are medically necessary (Claims Processing Manual ch. 12 §30.5, ch. 4 §230.2), and CPT's hierarchy makes "
        f"{initial} the initial one. Bill {then} instead of {code}, or add 59 or XU for a second IV site. Priced as "
        f"given (rvucalc does not apply NCCI edits)."
    )


def initial_units_note(code: str, units: int) -> str | None:
    """The note on a line of ``units`` (2 or more) of the initial code ``code``, or None: the initial service is one
    per encounter; the later hours and new drugs have their own codes. No "; " in it (batch joins notes with it)."""
    if code not in INITIALS or units < 2:
        return None
    hour = ADDITIONAL_HOUR.get(code)
    then = SUBSEQUENT[code]
    instead = (
        f"each additional hour of the infusion is {hour}" + ("" if then == hour else f", a new drug's {then}")
        if hour
        else f"each additional drug is {then}"
    )
    # "the initial service is 1 unit", not "{code} is 1 unit": a line ranked below the encounter's initial service is
    # told to bill the subsequent code instead (``second_initial_note``), which "{code} is 1 unit" contradicted (a
    # review: 96413 + 96365 x 2 read "Bill 96367 instead of 96365" and "96365 is 1 unit" on one line).
    return (
        f"{units} units of {code} ({DESCRIBED[code]}, an initial service): Medicare pays one initial drug "
        f"administration service per encounter, 1 unit (Claims Processing Manual ch. 12 §30.5, ch. 4 §230.2): "
        f"{instead}. A second IV site is its own line with 59 or XU. The amounts are {units} times one {code}'s, "
        f"priced as given (rvucalc does not apply NCCI edits or MUEs)."
    )


def wrong_hour_note(code: str, initial: str, instead: str) -> str:
    """The note on the additional hour ``code`` whose encounter's infusion is ``initial``, not its own."""
    return (
        f"{code} (an additional infusion hour) billed with {initial} ({DESCRIBED[initial]}) and without its own "
        f"initial infusion on this claim and date: the additional hour of {initial} is {instead} (CPT's add-on "
        f"instructions, Claims Processing Manual ch. 12 §30.5). Priced as given: bill {instead} instead of {code}."
    )


def missing_first_hour_note(code: str, initial: str) -> str:
    """The note on the additional hour ``code`` in an encounter with neither its own initial infusion nor the other
    kind of infusion (``wrong_hour_note``), whose initial service is ``initial`` (a push or hydration: 96409, 96374,
    96360): the infusion's first hour is missing. It is the initial infusion (96413, 96365) where CPT's hierarchy
    ranks that above ``initial`` (``initial`` then takes its subsequent code), else the sequential one (96367 after
    the chemotherapy push 96409). No "; " in it (batch joins notes with it)."""
    own, _ = HOURS[code]
    first = next(c for c in INITIAL_RANK if c in own)
    recode = ""
    if INITIAL_RANK.index(first) < INITIAL_RANK.index(initial):
        recode = f", and {initial} as {SUBSEQUENT[initial]} (CPT's hierarchy makes {first} the initial service)"
    else:
        first = SUBSEQUENT[first]  # 96366 after 96409: the therapeutic infusion is 96367, the chemotherapy push first
    return (
        f"{code} (an additional infusion hour) billed without its infusion's first hour ({' or '.join(sorted(own))}) "
        f"on this claim and date, beside {initial} ({DESCRIBED[initial]}): an additional hour is reported only in "
        f"addition to the first hour of its own infusion (CPT's add-on instructions, Claims Processing Manual ch. 12 "
        f"§30.5). Bill the infusion's first hour as {first}{recode}. Priced as given (rvucalc does not apply NCCI "
        f"edits)."
    )


def encounter_notes(lines: Sequence[tuple[str, Sequence[str]]]) -> list[str | None]:
    """Per line of an encounter (code, modifiers): ``second_initial_note`` on each initial code ranked below the
    encounter's first initial code (none with a distinct-service modifier), ``wrong_hour_note`` on an additional hour
    beside the other kind of infusion and without its own, ``missing_first_hour_note`` on one beside another initial
    service (a push, hydration) and neither infusion, else None."""
    codes = {code for code, _ in lines}
    if not codes & NOTED:
        return [None] * len(lines)
    initial = next((code for code in INITIAL_RANK if code in codes), None)
    notes: list[str | None] = []
    for code, modifiers in lines:
        said = None
        if code in INITIALS and initial is not None and code != initial:
            if not SECOND_SITE_MODIFIERS.intersection(modifiers):
                said = second_initial_note(code, initial)
        elif code in HOURS:
            own, instead = HOURS[code]
            other = _THERAPEUTIC_INFUSION if code == "96415" else _CHEMOTHERAPY_INFUSION
            if other in codes and not own & codes:
                said = wrong_hour_note(code, other, instead)
            elif not own & codes and initial is not None:  # beside a push or hydration alone (96409 + 96415)
                said = missing_first_hour_note(code, initial)
        notes.append(said)
    return notes
