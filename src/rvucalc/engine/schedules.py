"""Kernels for the Part B schedules outside the PFS/OPPS/ASC tables: CLFS, ASP drugs, DMEPOS,
and the contractor-priced rule for PFS rows.

Integer-exact, as ``engine.pfs``: money in cents, ASP payment limits in thousandths of
a dollar (CMS prints three decimals, e.g. J9271 59.726), coinsurance percentages in
thousandths of a percent (CMS prints 17.585). Each amount is rounded once, half-up, to
the cent: the drug amount from limit x units, the patient's share from that amount.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from rvucalc.engine.kernels import is_contractor_priced
from rvucalc.engine.pfs import CONTRACTOR_PRICED_REASON as CONTRACTOR_PRICED_REASON  # one text everywhere
from rvucalc.errors import UsageError

PERCENT_SCALE = 1000  # coinsurance percentages in thousandths of a percent: 20.000 -> 20000
LIMIT_SCALE = 1000  # ASP payment limits in thousandths of a dollar: 59.726 -> 59726
STANDARD_COINSURANCE = 20 * PERCENT_SCALE

# Clinical laboratory tests paid under the CLFS: no coinsurance, no deductible. Social
# Security Act §1833(a)(1)(D) (payment at 100% of the fee schedule amount) and §1833(b)(3)
# (deductible does not apply); Noridian JF "Clinical Diagnostic Laboratory Fee Schedules":
# "Co-payments and deductibles do not apply to services paid under the Medicare clinical
# laboratory fee schedule."
CLFS_SOURCE = (
    "SSA §1833(a)(1)(D), §1833(b)(3); Noridian JF: 'Co-payments and deductibles do not apply to services paid under "
    "the Medicare clinical laboratory fee schedule.'"
)
ASP_SOURCE = (
    "CMS Medicare Part B Payment Limit File (ASP): payment limit per HCPCS billing unit and the 'Co-insurance "
    "Percentage' (20%, or lower when inflation-adjusted under the Inflation Reduction Act)"
)
DMEPOS_SOURCE = "CMS DMEPOS fee schedule: per-state non-rural (NR) and rural (R) fees; Part B coinsurance 20%"
CONTRACTOR_PRICED_SOURCE = (
    "RVU file documentation: status C 'Carrier priced' - the MAC establishes RVUs and payment; status A/R/T rows "
    "whose RVUs are all zero carry no national amount either (2026 RVU26C: 1,411 status C rows, 978 status R rows "
    "with zero RVUs, e.g. 15824, global 000)"
)


@dataclass(frozen=True)
class ScheduleAmount:
    """One line's allowed amount and how it splits between the patient and Medicare (cents)."""

    amount: int
    beneficiary: int
    medicare: int
    coinsurance_percent: Fraction  # percent, exact (17.585 -> Fraction(17585, 1000))
    source: str
    note: str | None = None


def _round_half_up(numerator: int, denominator: int) -> int:
    return (2 * numerator + denominator) // (2 * denominator)


def share_of(cents: int, percent_thousandths: int) -> int:
    """cents x percent (in thousandths of a percent), rounded once, half-up."""
    return _round_half_up(cents * percent_thousandths, 100 * PERCENT_SCALE)


_DECIMAL = re.compile(r"\$?\s*([0-9][0-9,]*)(?:\.([0-9]*))?\s*")


def parse_scaled(text: str, places: int, what: str) -> int:
    """CMS's decimal text as an integer at 10^places: '00010.56' -> 1056 (places 2),
    '59.726' -> 59726 (places 3), '$1,234.5' -> 123450. More places than allowed, or not a
    number, is a ValueError naming ``what`` (CMS's files never carry more)."""
    match = _DECIMAL.fullmatch(text.strip())
    if not match:
        raise ValueError(f"{what}: {text!r} is not a decimal amount")
    whole, fraction = match.group(1).replace(",", ""), match.group(2) or ""
    if len(fraction) > places and set(fraction[places:]) - {"0"}:
        raise ValueError(f"{what}: {text!r} has more than {places} decimals")
    fraction = (fraction + "0" * places)[:places]
    return int(whole + fraction)


# -- CLFS ----------------------------------------------------------------------------------


def clfs(rate_cents: int) -> ScheduleAmount:
    """A clinical lab test at the CLFS national rate: Medicare pays all of it."""
    return ScheduleAmount(rate_cents, 0, rate_cents, Fraction(0), CLFS_SOURCE,
                          "Clinical lab fee schedule: no coinsurance and no deductible.")  # fmt: skip


# Automated multichannel chemistry (AMCC) tests of one date: a note, no money change. Pub. 100-04 ch. 16 §90.2,
# "Organ or Disease Oriented Panels" (Rev. 1451, as reprinted by Find-A-Code; CMS's current text of the section was
# not reached): "Organ or disease panels must be paid at the lower of the billed charge, the fee amount for the
# panel, or the sum of the fee amounts for all components. When panels contain one or more automated tests, the
# contractor determines the correct price for the panel by comparing the price for the automated profile laboratory
# tests with the sum of the fee amounts for individual tests ... NOTE: If a laboratory chooses, it can bill each of
# the component tests of these panels individually, but payment will be based upon the above rules"; "the only
# acceptable Medicare definition for the component tests ... is the American Medical Association (AMA) definition".
# How a MAC prices them: "based on the total number of automated tests performed on the same day for the same
# patient", a test in two panels paid once, at automated test panel (ATP) rates, ATP02-ATP23 (WPS J5 MAC, "Automated
# Multi-Channel Test and Lab Panel Pricing", 2009). CMS's CLFS files installed (2026 Q1, Q2) carry no ATP rate, and
# the post-PAMA logic (CR 11248, 2019) is known here only from a billing firm's summary: rvucalc cannot compute the
# MAC's amount, so it keeps each test's CLFS rate and says the MAC limits them. (Ch. 16 §40.6.1 is the ESRD 50/50
# rule for AMCC tests, engine.modifiers.SRC_AMCC, not this one.) The panels: CPT's chemistry panels and their AMA
# component tests; CMS's own list of AMCC tests was not reached, so the tests named are the panels' components and
# the automated tests of HCFA's 1998 list in no panel (AUTOMATED_TESTS_IN_NO_PANEL, below).
CHEMISTRY_PANELS: dict[str, tuple[str, frozenset[str]]] = {
    "80047": ("basic metabolic panel, calcium ionized",
              frozenset({"82330", "82374", "82435", "82565", "82947", "84132", "84295", "84520"})),
    "80048": ("basic metabolic panel",
              frozenset({"82310", "82374", "82435", "82565", "82947", "84132", "84295", "84520"})),
    "80051": ("electrolyte panel", frozenset({"82374", "82435", "84132", "84295"})),
    "80053": ("comprehensive metabolic panel",
              frozenset({"82040", "82247", "82310", "82374", "82435", "82565", "82947", "84075", "84132", "84155",
                         "84295", "84450", "84460", "84520"})),
    "80061": ("lipid panel", frozenset({"82465", "83718", "84478"})),
    "80069": ("renal function panel",
              frozenset({"82040", "82310", "82374", "82435", "82565", "82947", "84100", "84132", "84295", "84520"})),
    "80076": ("hepatic function panel",
              frozenset({"82040", "82247", "82248", "84075", "84155", "84450", "84460"})),
}  # fmt: skip
# The automated tests in no panel, counted with the panels' tests all the same: the list of automated multichannel
# tests HCFA kept for pricing when CPT deleted the multichannel codes in 1998 (albumin, bilirubin direct and total,
# calcium, carbon dioxide, chlorides, cholesterol, creatine kinase, creatinine, GGT, glucose, lactate dehydrogenase,
# alkaline phosphatase, phosphorus, potassium, total protein, sodium, AST, ALT, triglycerides, BUN, uric acid: HCFA's
# 1998 instructions on the new automated test panels as medicarepaymentandreimbursement.com reprints them, "Use of the
# New Automated Test Panels") names four in no panel: creatine kinase 82550, GGT 82977, lactate dehydrogenase 83615,
# uric acid 84550. The MAC counts them with a date's panels and tests ("If an organ and disease panel that includes 7
# automated tests is billed with an individual automated test that is not included in the panel, payment is based on
# 8 tests", WPS, above). A lab trial's 80053 beside 84550 on one date (14 + 1 automated tests) had no note.
AUTOMATED_TESTS_IN_NO_PANEL = frozenset({"82550", "82977", "83615", "84550"})
CHEMISTRY_TESTS = frozenset().union(*(tests for _, tests in CHEMISTRY_PANELS.values()), AUTOMATED_TESTS_IN_NO_PANEL)
CHEMISTRY_CODES = tuple(sorted(CHEMISTRY_TESTS | CHEMISTRY_PANELS.keys()))  # each code's bit: batch.lab_panels


# Drug tests billed per date of service: CMS's CLFS file (26CLABQ2, EXTENDEDLONGDESC) describes each presumptive drug
# test code, 80305-80307, as "... any number of drug classes, any number of devices or procedures ... per date of
# service", and each definitive one, G0480-G0483 and G0659, as "... per day; 1-7 drug class(es)" (8-14, 15-21, 22 or
# more; G0659 "any number of drug classes"): one code of a kind, one unit, covers the patient's date, the number of
# drug classes choosing the definitive code. A date's second code of a kind, or a unit beyond the first, is more than
# the descriptors allow: the MAC's edits deny it (rvucalc applies no NCCI or MUE edits). A note, the amounts unchanged.
# An independent lab's trial billed 80305 beside 80307, and G0480 beside G0481, on one date without a word.
DRUG_TEST_KINDS: dict[str, tuple[str, str]] = {
    **{code: ("presumptive", "80305-80307, \"per date of service\"") for code in ("80305", "80306", "80307")},
    **{code: ("definitive", "G0480-G0483 and G0659, \"per day\"") for code in
       ("G0480", "G0481", "G0482", "G0483", "G0659")},
}  # fmt: skip
DRUG_TEST_CODES = tuple(sorted(DRUG_TEST_KINDS))
# Each kind's codes: a kind's note is on its own lines alone (``drug_test_note`` of one kind's codes), in price
# (lookup.lines) and batch (batch.lab_panels) alike. A lab trial's lone G0480 beside 80305 and 80307 on one date was
# told "the MAC pays one of them, its edits denying the other", though a definitive test is billed beside a
# presumptive one (each its own "per date" code, the descriptors above).
DRUG_TEST_CODES_BY_KIND = tuple(
    tuple(code for code in DRUG_TEST_CODES if DRUG_TEST_KINDS[code][0] == kind)
    for kind in ("presumptive", "definitive")
)


def drug_test_note(codes: Iterable[str]) -> str | None:
    """The note on an encounter's (a claim's date's) drug test lines when two codes of one kind (presumptive or
    definitive) are billed: the same text on each such line; None when there is nothing to say."""
    present = sorted(set(codes) & DRUG_TEST_KINDS.keys())
    kinds = [kind for kind in ("presumptive", "definitive") if sum(DRUG_TEST_KINDS[c][0] == kind for c in present) > 1]
    if not kinds:
        return None
    said = " and ".join(f"{kind} ({DRUG_TEST_KINDS[next(c for c in present if DRUG_TEST_KINDS[c][0] == kind)][1]})"
                        for kind in kinds)  # fmt: skip
    return (
        f"Drug tests on one date ({', '.join(present)}): CMS's CLFS descriptors bill one {said} drug test code a "
        "date, whatever the number of drug classes or devices: the MAC pays one of them, its edits denying the other "
        "(rvucalc applies no such edit). Priced as given."
    )


def drug_test_units_note(code: str, units: int) -> str | None:
    """The note on a drug test line of several units (``DRUG_TEST_KINDS``), or None (no "; " in it: batch joins a
    row's notes with it)."""
    if code not in DRUG_TEST_KINDS or units < 2:
        return None
    return (
        f"{units} units of {code}: CMS's CLFS descriptor bills it {DRUG_TEST_KINDS[code][1].split(', ')[-1]}, one unit "
        "whatever the number of drug classes or devices: the MAC pays one, its edits denying the rest (rvucalc "
        "applies no such edit). Priced as given."
    )


def chemistry_panel_note(codes: Iterable[str]) -> str | None:
    """The note on an encounter's (a claim's date's) chemistry panel lines (``CHEMISTRY_CODES``) when the MAC prices
    them together: two or more of the panels' tests, a panel beside a test or another panel. The same text on each
    such line, whatever their order; None when there is nothing to say."""
    present = set(codes) & set(CHEMISTRY_CODES)
    panels = sorted(present & CHEMISTRY_PANELS.keys())
    tests = present & CHEMISTRY_TESTS
    if len(tests) + len(panels) < 2:
        return None
    note = (
        f"Chemistry panel tests on one date ({', '.join(sorted(present))}): Medicare pays a date's automated chemistry "
        "tests no more than the organ or disease panel rules allow, billed one by one or beside a panel, a test in "
        "two panels once (Claims Processing Manual ch. 16 §90.2); the MAC prices them together by their number, at "
        "automated test panel rates CMS's CLFS file does not carry. Each line here is its own CLFS rate: their sum may "
        "be more than Medicare pays."
    )
    whole = [code for code, (_, parts) in CHEMISTRY_PANELS.items() if parts <= tests]
    widest = [code for code in whole if not any(CHEMISTRY_PANELS[code][1] < CHEMISTRY_PANELS[other][1]
                                                for other in whole)]  # fmt: skip
    for code in widest:
        note += (f" The tests billed one by one include every test of {code} ({CHEMISTRY_PANELS[code][0]}): "
                 f"the panel rules limit them to {code}'s CLFS rate (rvucalc price {code}).")  # fmt: skip
    return note


# -- ASP drugs ----------------------------------------------------------------------------------


def parse_units(text: str) -> int:
    """Billing units as claims give them: plain ASCII digits, at least 1."""
    value = text.strip()
    if not value.isascii() or not value.isdigit():
        raise UsageError(f"units {text!r}: give a whole number of billing units (ASCII digits, e.g. 100).")
    units = int(value)
    if units < 1:
        raise UsageError(f"units {text!r}: at least 1 billing unit.")
    return units


def drug(limit_thousandths: int, units: int, coinsurance_thousandths: int = STANDARD_COINSURANCE) -> ScheduleAmount:
    """A Part B drug: payment limit per billing unit x units, rounded once to the cent; the
    patient's share at the file's coinsurance percentage (exact), rounded once.

    J9271 (pembrolizumab, 1 MG, $59.726) x 100 units = $5,972.60 (January 2026 ASP file)."""
    if isinstance(units, bool) or not isinstance(units, int) or units < 1:
        raise UsageError(f"units {units!r}: a drug line needs a whole number of billing units, at least 1.")
    if limit_thousandths < 0 or not 0 <= coinsurance_thousandths <= 100 * PERCENT_SCALE:
        raise ValueError("negative payment limit or a coinsurance outside 0-100%")
    amount = _round_half_up(limit_thousandths * units, LIMIT_SCALE // 100)
    beneficiary = share_of(amount, coinsurance_thousandths)
    percent = Fraction(coinsurance_thousandths, PERCENT_SCALE)
    note = None
    if coinsurance_thousandths == 0:
        note = "No coinsurance for this drug (CMS's payment limit file lists 0%)."
    elif coinsurance_thousandths < STANDARD_COINSURANCE:
        shown = Decimal(coinsurance_thousandths).scaleb(-3)
        note = f"Inflation-adjusted coinsurance {shown}% (CMS's payment limit file)."
    return ScheduleAmount(amount, beneficiary, amount - beneficiary, percent, ASP_SOURCE, note)


# The payment limit file's own note on a drug (its Notes column: "see the Seasonal Influenza Vaccines Pricing webpage
# for current payment limits and effective dates", "AMP-based payment limit", "Added January 2026" ...), carried on
# the drug's line as CMS wrote it; "Inflation-adjusted coinsurance" is said by ``drug``'s own note, with the percent.
_SAID_BY_DRUG = frozenset({"inflation-adjusted coinsurance"})


# A blood clotting factor (the ASP file's "Clotting Factor" column, 1: J7190, J7192 ... J7214). SSA §1842(o)(5)(C)
# (MMA §303(e)(1)) pays an entity that furnishes clotting factor a furnishing fee per unit, updated each year by the
# CPI for medical care; CMS "includes this clotting factor furnishing fee in the nationally published payment limit
# for clotting factor billing codes", and a MAC adds the fee itself only where no payment limit is published on the
# ASP or NOC file (Claims Processing Manual ch. 17 §80.4.1; CR 6673, Transmittal 1829; MLN MM8049). So the file's
# limit already holds the fee: rvucalc adds nothing and says so, so that no one adds it again.
CLOTTING_FACTOR_NOTE = (
    "{code} is a blood clotting factor (the ASP file's Clotting Factor column): its payment limit already includes "
    "the clotting factor furnishing fee per unit (SSA §1842(o)(5)(C)); CMS publishes the limit with the fee in it "
    "(Claims Processing Manual ch. 17 §80.4.1, MLN MM8049): do not add the fee again."
)


def clotting_factor_note(code: str, flag: str | None) -> str | None:
    """The note of an ASP row the file marks a clotting factor (its Clotting Factor cell '1'), else None."""
    return CLOTTING_FACTOR_NOTE.format(code=code) if (flag or "").strip() == "1" else None


def asp_file_note(notes: str) -> str | None:
    """The ASP file's Notes cell as a line's note (None when blank or said already); a cell of several lines (A9606's
    AWP and WAC amounts) is joined with ', ' (a line's notes are joined with '; ')."""
    text = _asp_notes_text(notes)
    if not text or text.lower() in _SAID_BY_DRUG:
        return None
    return f"CMS's payment limit file notes: {text}"


def _asp_notes_text(notes: str) -> str:
    return ", ".join(part.strip() for part in notes.splitlines() if part.strip())


# A drug the payment limit file lists with a Payment Limit of N/A (January 2026: A9606, radium Ra-223 dichloride, per
# microCurie, whose Notes give "microCurie 100% AWP = $202.82" and "microCurie 100% WAC = $169.02"). The file does not
# define N/A, and nothing in it calls the drug not payable: its Note 2 says "The absence or presence of a HCPCS code
# and the payment allowance limits in this table does not indicate whether Medicare covers a drug. These
# determinations shall be made by the local Medicare contractor processing the claim", and the AWP and WAC it prints
# are what a MAC prices such a drug from. "Carriers, DME MACs, and A/B MACs develop payment allowances for covered
# drugs when CMS does not supply the payment allowance on the ASP drug pricing file" (Claims Processing Manual ch. 17
# §20.1.3, as WPS J5 states it, ``lookup.schedules.NEW_DRUG_PRICING``); a radiopharmaceutical in the office is priced
# so (Novitas JL: therapeutic radiopharmaceuticals "are paid at 95% of the average wholesale price (AWP)"; First
# Coast: 92%/95% of AWP, per ch. 17). So the office is not priced (the MAC prices it), never "not payable", as a lab
# of CLFS indicator L is (``lookup.schedules.CLFS_LOCAL_PRICING``).
def asp_no_limit_reason(code: str, quarter: str, notes: str, manual: str) -> str:
    """Why a drug the payment limit file lists with no limit (N/A) has no amount: the MAC prices it. ``manual``: the
    manual section cited (``lookup.schedules.NEW_DRUG_PRICING``)."""
    said = _asp_notes_text(notes)
    return (f"CMS's ASP payment limit file ({quarter}) publishes no payment limit for {code} (N/A): the MAC prices it "
            f"(a MAC sets the payment allowance of a covered drug CMS's file gives none: {manual}). Ask your MAC for "
            "its fee." + (f" The file's notes for it: {said}." if said else ""))  # fmt: skip


# Insulin furnished through an item of durable medical equipment (a Part B insulin pump): from July 1, 2023 the
# patient's coinsurance for a month's supply is at most $35, and the Part B deductible does not apply (Inflation
# Reduction Act of 2022 §11407, amending SSA §1833). CMS: medicare.gov "What Part B covers" ("If you use an insulin
# pump that's covered under Part B's durable medical equipment benefit ... your cost for a month's supply of Part
# B-covered insulin for your pump can't be more than $35. The Part B deductible won't apply. If you get a 3-month
# supply ... your costs can't be more than $35 for each month's supply") and medicare.gov "Insulin" (the same, "a
# one-month supply of each Part D- and Part B-covered insulin product is limited to $35, and you don't have to pay a
# deductible"). MLN Matters MM13214 itself was not found by rvucalc's search. Which codes: those whose CMS descriptor
# (the ASP file's) is insulin "for insulin pump use" (January 2026: J1811 Fiasp, J1813 Lyumjev, J1817 insulin). A
# claim line does not say how many months' supply it is: the line's share is capped at one month's $35.00, and the
# note says the limit is per month's supply.
INSULIN_PUMP_FROM = (2023, 7, 1)
INSULIN_MONTH_CAP_CENTS = 3500
INSULIN_PUMP_SOURCE = (
    "Inflation Reduction Act of 2022 §11407; medicare.gov 'What Part B covers' and 'Insulin': for insulin used with a "
    "Part B (DME) insulin pump, no more than $35 for a month's supply, and the Part B deductible does not apply "
    "(from July 1, 2023)"
)
_INSULIN_PUMP = re.compile(r"\binsulin\b.*\bpump\b", re.IGNORECASE)
INSULIN_PUMP_NOTE = "Insulin through a Part B insulin pump (DME)"  # the line's note begins so (batch: no deductible)


def is_insulin_for_pump(description: str) -> bool:
    """Whether a drug's CMS descriptor is insulin for use with an insulin pump (DME): 'Insulin for insulin pump use'
    (J1817), 'Fiasp for insulin pump use' (J1811), 'Lyumjev for insulin pump use' (J1813)."""
    return bool(_INSULIN_PUMP.search(description))


def insulin_pump_line(line: ScheduleAmount) -> ScheduleAmount:
    """An insulin-for-pump line (``is_insulin_for_pump``) furnished from July 1, 2023: the patient's share capped at
    one month's $35.00 (Medicare pays the rest of the amount); its note says the cap and that no deductible applies."""
    beneficiary = min(line.beneficiary, INSULIN_MONTH_CAP_CENTS)
    capped = beneficiary < line.beneficiary
    share = f"${Decimal(line.beneficiary).scaleb(-2):,.2f}"
    said = (
        f"the patient's coinsurance ({share}) is capped at $35.00 here, the line taken as one month's supply"
        if capped
        else f"the patient's coinsurance ({share}) is within the $35.00 limit"
    )
    note = (
        f"{INSULIN_PUMP_NOTE}: at most $35.00 for each month's supply, and the Part B "
        f"deductible does not apply (Inflation Reduction Act §11407, from July 1, 2023); {said} (a line of several "
        "months' supply is limited to $35.00 a month)."
    )
    return ScheduleAmount(line.amount, beneficiary, line.amount - beneficiary, line.coinsurance_percent,
                          INSULIN_PUMP_SOURCE, note)  # fmt: skip


# ESRD drugs. A drug for an ESRD patient's dialysis (an ESA for the anemia of ESRD, an iron, a vitamin D analog ...) is
# a renal dialysis service: the ESRD PPS pays it to the ESRD facility in its bundled per-treatment payment, and it is
# not separately payable on another provider's Part B claim unless it is not for the treatment of ESRD (modifier AY).
# Sources: Pub. 100-04 ch. 8 §10 ("General Description of ESRD Payment and Consolidated Billing Requirements"); Pub.
# 100-02 ch. 11 §20.3 (drugs and biologicals as renal dialysis services); CMS "ESRD PPS Consolidated Billing" page
# ("Certain laboratory services, drugs and biologicals, equipment, and supplies are subject to consolidated billing and
# are no longer separately payable when provided to ESRD beneficiaries by providers other than the ESRD facility ...
# the submitted claim must include the AY modifier to allow for separate payment"). Which codes: those whose CMS
# descriptor (the ASP file's, as installed) says ESRD or dialysis use, not "non-ESRD" (January 2026: J0882, J0884,
# J0887, J0899, J0901, Q0139, Q4081, Q5105). rvucalc models neither consolidated billing nor the ESRD PPS: a note, the
# amount is unchanged.
ESRD_PPS_SOURCE = "Claims Processing Manual ch. 8 §10"
_ESRD_USE = re.compile(r"\b(esrd|dialys)", re.IGNORECASE)
_NON_ESRD = re.compile(r"\bnon[- ]?(esrd|dialys)", re.IGNORECASE)


def is_esrd_drug(description: str) -> bool:
    """Whether a drug's CMS descriptor marks it for ESRD (dialysis) use: 'Darbepoetin alfa, esrd use' (J0882),
    'Epoetin alfa, 100 units esrd' (Q4081), 'Argatroban dialysis, auromed' (J0899); not 'non-esrd' (J0881)."""
    return bool(_ESRD_USE.search(description)) and not _NON_ESRD.search(description)


# At the ESRD facility itself (POS 65), any Part B drug line billed without AY. "ESRD facilities are responsible and
# paid for furnishing all renal dialysis services under the ESRD PPS directly or under arrangement ... Note: An item
# or service furnished by an ESRD facility that is not for the treatment of ESRD must be submitted with an AY modifier
# to allow for separate payment outside of the ESRD PPS" (CMS, "ESRD PPS Consolidated Billing" page); renal dialysis
# services include the drugs and biologicals furnished for the treatment of ESRD (42 CFR 413.171, "Renal dialysis
# services"), paid in the ESRD PPS per-treatment payment (42 CFR 413.174, Pub. 100-04 ch. 8 §10 and §20). Which drug
# is a renal dialysis drug for this patient is the claim's (no CMS list of codes rvucalc could cite): a note for every
# drug priced there without AY, the amount as written (a nephrology trial: J1756, J2501, J1270 at POS 65 said nothing).
ESRD_FACILITY_POS = "65"


def esrd_facility_drug_note(code: str) -> str:
    """The note on a Part B drug's ASP amount at an ESRD facility (POS 65) without AY."""
    return (f"At the ESRD facility (POS 65) a renal dialysis drug is in the facility's ESRD PPS bundle (consolidated "
            f"billing): paid to the facility, not separately, unless unrelated to dialysis (bill AY). {code} is priced "
            f"as written ({ESRD_PPS_SOURCE}, CMS ESRD PPS Consolidated Billing).")  # fmt: skip


# A clinical lab test at the ESRD facility (POS 65) billed without AY, as a drug there: the ESRD PPS's renal dialysis
# services include "Diagnostic laboratory tests and other items and services ... furnished to individuals for the
# treatment of ESRD" (42 CFR 413.171, "Renal dialysis services", (4)), billed by the facility under consolidated
# billing; a test not for the treatment of ESRD is billed with AY for separate payment (Claims Processing Manual ch. 16
# §40.6.1; CMS, "ESRD PPS Consolidated Billing"). A nephrology trial: 85025 and 80069 at POS 65 said nothing of it,
# where J1756 there did. A note, the CLFS amount as written; a lab at another place is not noted (rvucalc does not know
# whether the patient is on dialysis).
ESRD_LAB_SOURCE = "42 CFR 413.171, Claims Processing Manual ch. 16 §40.6.1"


def esrd_facility_lab_note(code: str) -> str:
    """The note on a clinical lab test's CLFS amount at an ESRD facility (POS 65) without AY."""
    return (f"At the ESRD facility (POS 65) a lab test for the treatment of ESRD is a renal dialysis service in the "
            f"facility's ESRD PPS bundle (consolidated billing): paid to the facility, not separately, unless "
            f"unrelated to ESRD (bill AY). {code} is priced as written ({ESRD_LAB_SOURCE}, CMS ESRD PPS Consolidated "
            f"Billing).")  # fmt: skip


# An ESA whose descriptor says ESRD (dialysis) use has a non-ESRD twin, billed for a patient not on dialysis (CKD
# without ESRD): "Injection, darbepoetin alfa, 1 microgram (for ESRD on dialysis)" J0882 against "(non-ESRD use)" J0881;
# the HCPCS descriptors as CMS's ASP payment limit file (January 2026) prints them: J0882 "Darbepoetin alfa, esrd use"
# / J0881 "Darbepoetin alfa, non-esrd" (1 MCG both), J0887 "Epoetin beta esrd use" / J0888 "Epoetin beta non esrd"
# (1 MCG both), Q4081 "Epoetin alfa, 100 units esrd" (100 UNITS) / J0885 "Epoetin alfa, non-esrd" (1000 UNITS), Q5105
# "Inj retacrit esrd on dialysi" (100 UNITS) / Q5106 "Inj retacrit non-esrd use" (1000 UNITS). A nephrology trial: the
# ESRD-use note told a biller of a CKD patient's J0882 to bill AY (an ESRD patient's modifier), not J0881.
NON_DIALYSIS_ESA = {"J0882": ("J0881", "1 mcg"), "J0887": ("J0888", "1 mcg"), "Q4081": ("J0885", "1,000 units"),
                    "Q5105": ("Q5106", "1,000 units")}  # fmt: skip

# A non-ESRD ESA line carries one of EA (anemia from chemotherapy), EB (radiotherapy) or EC (neither): "Professional
# claims that are billed without the required modifiers will be returned as unprocessable" (Claims Processing Manual
# ch. 17 §80.9, CR 5699 / Transmittal 1413, as MedLearn restates it; Palmetto GBA's modifier EC page lists J0881, J0885
# and Q5106 and adds that the most recent hemoglobin or hematocrit is reported, loop 2400 MEA or item 19). More than one
# is refused (engine.modifiers' "one ESA purpose a line"); none is this note, the amount unchanged.
NON_ESRD_ESA = frozenset({"J0881", "J0885", "Q5106"})
ESA_PURPOSE_MODIFIERS = frozenset({"EA", "EB", "EC"})
ESA_PURPOSE_SOURCE = "Claims Processing Manual ch. 17 §80.9, CR 5699"


def esa_purpose_note(code: str, modifiers: AbstractSet[str]) -> str | None:
    """The note on a non-ESRD ESA line (J0881, J0885, Q5106) without EA, EB or EC, or None. (No "; " in it: batch
    joins a row's notes with it.)"""
    if code not in NON_ESRD_ESA or ESA_PURPOSE_MODIFIERS & modifiers:
        return None
    return (f"{code} is an ESA for non-ESRD use: a claim line without one of EA (anemia from chemotherapy), EB "
            f"(radiotherapy) or EC (neither) is returned, a professional claim's as unprocessable, an institutional "
            f"claim's to the provider ({ESA_PURPOSE_SOURCE}). Report the most recent hemoglobin or hematocrit too. "
            "Priced as given.")  # fmt: skip


def esrd_drug_note(code: str, description: str, ay: bool, esrd_facility: bool = False) -> str | None:
    """The note on an ESRD drug's ASP amount (None for another drug): what the amount assumes. ``esrd_facility``:
    the line is furnished at an ESRD facility (POS 65), where any drug without AY gets ``esrd_facility_drug_note``."""
    if esrd_facility and not ay:
        return esrd_facility_drug_note(code)
    if not is_esrd_drug(description):
        return None
    if ay:
        return (f"{code} is an ESRD-use drug, with AY (not for the treatment of ESRD): paid outside the ESRD PPS, "
                f"the amount is the ASP payment ({ESRD_PPS_SOURCE}).")  # fmt: skip
    twin = NON_DIALYSIS_ESA.get(code)
    # EA/EB/EC named only for a twin that needs one (NON_ESRD_ESA): J0888, epoetin beta's non-ESRD code, is on none of
    # the lists (CR 5699: J0881, J0885; Palmetto GBA's: J0881, J0885, Q5106), and its own line gets no such note.
    purpose = ", with EA, EB or EC" if twin and twin[0] in NON_ESRD_ESA else ""
    not_on_dialysis = (
        f" For a patient not on dialysis (CKD without ESRD) the code is {twin[0]} (non-ESRD use, billed per "
        f"{twin[1]}){purpose}: AY is an ESRD patient's modifier."
        if twin
        else ""
    )
    return (f"{code} is an ESRD-use drug: for a dialysis patient it is paid to the ESRD facility in the ESRD PPS "
            f"bundle ({ESRD_PPS_SOURCE}). The amount is the ASP payment: it assumes the drug is not a renal dialysis "
            f"service paid in the ESRD PPS (bill AY when not for the treatment of ESRD).{not_on_dialysis}")  # fmt: skip


def parse_percent(text: str) -> int:
    """'17.585' -> 17585 thousandths of a percent."""
    try:
        Decimal(text.strip())
    except InvalidOperation as exc:
        raise ValueError(f"coinsurance percentage {text!r} is not a number") from exc
    return parse_scaled(text, 3, "coinsurance percentage")


# -- DMEPOS -------------------------------------------------------------------------------------

# Capped rental months 4-13 (KJ) pay 7.5% of the purchase price against 10% in months 1-3: 75% of the rental fee
# (power wheelchairs: 6% / 15% = 40%). SSA §1834(a)(7)(A)(i); 42 CFR 414.229(f); Claims Processing Manual ch. 20
# §30.5.4, as the DME MAC restates it (Noridian JD DME, "Capped Rental Items", "Rental Fee Schedule": "For the first
# three rental months, the monthly rental fee schedule is limited to 10 percent of the average allowed purchase price
# ... For each of the remaining months, the monthly rental is limited to 7.5 percent of the average allowed purchase
# price", and for power wheelchairs from 2011 "15 percent (instead of 10 percent) ... and payment for months 4 through
# 13 is 6 percent (instead of 7.5 percent)"): the monthly rental fee schedule amount (the file's RR row) is the
# months 1-3 fee, months 4-13 (KJ, "Fourth to the thirteenth months") 7.5/10 of it. Verified: no hedge in the note.
KJ_PERCENT = Fraction(75)
KJ_PERCENT_POWER_WHEELCHAIR = Fraction(40)
# The shares of the purchase price behind them (months 1-3, months 4-13), as the KJ note says them.
KJ_PURCHASE_SHARES = {KJ_PERCENT: ("10", "7.5"), KJ_PERCENT_POWER_WHEELCHAIR: ("15", "6")}
KJ_SOURCE = "Claims Processing Manual ch. 20 §30.5.4, 42 CFR 414.229(f)"

# Oxygen volume adjustments (42 CFR 414.226(e); Pub. 100-04 ch. 20 §30.6.1): a prescribed flow under 1 LPM pays 50% of
# the stationary oxygen fee (QE; QA when the day and night rates' average is under 1), over 4 LPM with no portable
# oxygen 150% (QG; QR for the average). Over 4 LPM with portable oxygen (QF, QB) is the file's own row. The codes are
# the stationary ones the DME MACs list for these modifiers (Noridian JD DME, "Oxygen": "QE ... QA ... .5 of the fee
# schedule amount", "QG ... QR ... 1.5 times fee schedule", for E0424, E0425, E0439, E0440, E1353, E1390, E1391,
# E1405, E1406): on another code they are refused, not guessed.
OXYGEN_FLOW_PERCENT = {"QE": Fraction(50), "QA": Fraction(50), "QG": Fraction(150), "QR": Fraction(150)}
STATIONARY_OXYGEN = frozenset({"E0424", "E0425", "E0439", "E0440", "E1353", "E1390", "E1391", "E1405", "E1406"})


def oxygen_flow_refusal(code: str, modifiers: set[str]) -> str | None:
    """Why the line's oxygen flow modifiers (``OXYGEN_FLOW_PERCENT``) cannot price it, or None."""
    flows = sorted(modifiers & OXYGEN_FLOW_PERCENT.keys())
    if not flows:
        return None
    portable = sorted(modifiers & {"QF", "QB"})  # over 4 LPM with portable oxygen: the file's own row
    if len(flows) > 1 or portable:
        return (f"{code}-{'-'.join(flows + portable)}: give one oxygen flow modifier (QE/QA under 1 LPM, QG/QR over 4 "
                "LPM without portable oxygen, QF/QB over 4 LPM with it).")  # fmt: skip
    if code.upper() not in STATIONARY_OXYGEN:
        return (f"{code}-{flows[0]}: {flows[0]} adjusts the stationary oxygen fee (E0424, E0425, E0439, E0440, E1353, "
                f"E1390, E1391, E1405, E1406); {code} is not one of those codes.")  # fmt: skip
    return None


# KX and KS on a glucose monitor or its supplies say opposite things: "Use modifier KX if the beneficiary is insulin
# treated or use modifier KS if the beneficiary is non-insulin treated" (Noridian JD DME, "Glucose Monitor Modifiers:
# CG, KF, KS and KX", restating the Glucose Monitors Policy Article A52464), "You cannot use the KS and KX modifier at
# the same time" (CGS JC DME, "Billing Reminders for Continuous Glucose Monitors (CGMs) Supply Allowance"). A line with
# both is refused, as two oxygen flow modifiers are (``oxygen_flow_refusal``), never priced as if one were meant.
def insulin_treatment_refusal(code: str, modifiers: set[str]) -> str | None:
    """Why a DMEPOS line with both KX and KS cannot be priced, or None."""
    if not {"KX", "KS"} <= modifiers:
        return None
    return (f"{code}-KX-KS: give one of KX (the patient is treated with insulin) or KS (not treated with insulin): "
            "the glucose monitor policy (Policy Article A52464) asks for one, and a line with both is not processed "
            "(CGS JC DME, 'Billing Reminders for CGMs').")  # fmt: skip


# Power wheelchairs (the 15% / 6% capped-rental schedule of Pub. 100-04 ch. 20 §30.5 and 42 CFR 414.229, which
# speak of "power-driven wheelchairs"): the HCPCS power wheelchair bases, K0813-K0891 (power wheelchairs, groups 1
# to 5, 42 CFR 414.202's "Group 2 ... Group 3 power wheelchair"), the older K0010-K0014 (standard-weight,
# heavy-duty, lightweight portable and other motorized/power wheelchair bases) and E1239 (power wheelchair,
# pediatric size, not otherwise specified). Accessories (E2310-E2399: harnesses, batteries, controls) and power
# operated vehicles (K0800-K0812, scooters) are not wheelchairs. The list is rvucalc's reading of the HCPCS
# descriptors (DMEPOS26_JAN: every K0813-K0864 row is "Pwc gp ...", payment category CR).
POWER_WHEELCHAIR_BASES = frozenset({"K0010", "K0011", "K0012", "K0014", "E1239"})


# DMEPOS payment categories (the file's CATG column), as Noridian's "Fee Schedule Column Descriptors" lists them.
DMEPOS_CATEGORIES = {
    "IN": "inexpensive and other routinely purchased items", "FS": "frequently serviced items",
    "CR": "capped rental items", "OX": "oxygen and oxygen equipment", "OS": "ostomy, tracheostomy and urological items",
    "SD": "surgical dressings", "PO": "prosthetics and orthotics", "SU": "supplies",
    "TE": "transcutaneous electrical nerve stimulators", "TS": "therapeutic shoes", "IL": "intraocular lenses",
    "SC": "splints and casts",
}  # fmt: skip


# Payment categories whose items Medicare pays only as purchases: prosthetics and orthotics (PO: "in a lump-sum amount
# for the purchase of the item", Social Security Act §1834(h)(1)(A); Pub. 100-04 ch. 20 §30.4, "Other Prosthetic and
# Orthotic Devices", whose text rvucalc's search did not reach), ostomy, tracheostomy and urological items (OS),
# surgical dressings (SD), supplies (SU), therapeutic shoes (TS), splints and casts (SC) and intraocular lenses (IL).
# The categories' meanings are the file's CATG column as Noridian's "Fee Schedule Column Descriptors" lists them (IL and
# SC as Regence's DMEPOS policy lists CMS's categories); CMS's DMEPOS26_JAN agrees: none of the 1,340 codes of these
# categories has an RR (rental) row. A rental (RR) of such an item is not payable: refused with why, as a code priced by
# modifier without one is (``lookup.schedules._dmepos``: not payable, exit 1), never priced at the purchase fee. Other
# categories keep the fall-back to the row without RR (an oxygen contents code, a PEN supply: their fee is the item's).
PURCHASE_ONLY_CATEGORIES = frozenset({"PO", "OS", "SD", "SU", "TS", "SC", "IL"})


def rental_refusal(code: str, categories: set[str], has_rental_row: bool, modifiers: set[str]) -> str | None:
    """Why RR cannot price this DMEPOS item (every row of it in a purchase-only category, none an RR row), or None."""
    if "RR" not in modifiers or has_rental_row or not categories or not categories <= PURCHASE_ONLY_CATEGORIES:
        return None
    kinds = "; ".join(f"{c}: {DMEPOS_CATEGORIES.get(c, c)}" for c in sorted(categories))
    return (f"{code}-RR: {code} is paid only as a purchase (the DMEPOS fee schedule's payment category {kinds}), so a "
            f"rental (RR) is not payable: price {code} without RR for its purchase fee.")  # fmt: skip


# MS: "Six month maintenance and servicing fee for reasonable and necessary parts and labor which are not covered under
# any manufacturer or supplier warranty" (HCPCS modifier MS). It is no rental month and no purchase: CMS's fee schedule
# prices it only where it has an MS row (DMEPOS26_JAN: three PEN pump rows, B9002-MS ...). A capped rental item's
# "maintenance, servicing, and repair ... is included in the allowed rental payment amounts" while it is rented
# (Noridian JD DME, "Billing Reminder - Repairs to Capped Rental DME", citing Pub. 100-02 ch. 15 §110.2(A)); after the
# 13-month cap the MAC pays the owned item's reasonable and necessary parts and labor (Pub. 100-02 ch. 15 §110.2),
# from no fee in CMS's file. So a line with MS on a code that has no MS row is not payable, never priced at its rental
# fee (a trial's E0601-RR-MS was paid the months 1-3 rental, $50.91 in Texas).
def maintenance_refusal(code: str, modifiers: set[str], has_ms_row: bool, categories: set[str]) -> str | None:
    """Why a DMEPOS line with MS (maintenance and servicing) is not payable: its code has no MS row; else None."""
    if "MS" not in modifiers or has_ms_row:
        return None
    from rvucalc.engine.modifiers import informational

    # The line's row-choosing modifiers only (E0601-RR-MS): batch's cells of a code that differ by informational ones
    # (RT, LT, GA ...) share their terms, so L1833-LT-MS was refused as "L1833-RT-MS" after an RT row (a review).
    shown = "-".join([code, *sorted(m for m in modifiers if m != "MS" and not informational(m)), "MS"])
    if "CR" in categories:
        advice = (" (a capped rental item's maintenance and servicing is in its rental payments while rented, Pub. "
                  f"100-02 ch. 15 §110.2). Bill a rental month as {code}-RR with KH, KI or KJ")  # fmt: skip
    else:
        advice = f". Price {code} with its rental or purchase modifier"
    return (f"{shown}: MS is the six-month maintenance and servicing fee, not a rental month or a purchase, and CMS's "
            f"DMEPOS fee schedule has no MS fee for {code}: not payable{advice}; ask the DME MAC how it pays an owned "
            "item's repairs.")  # fmt: skip


def kj_refusal(code: str, category: str | None, source: str) -> str | None:
    """Why KJ cannot price this DMEPOS/PEN row, or None when it can (a capped rental item, CATG CR).

    KJ means "DMEPOS item, parenteral enteral nutrition (PEN) pump or capped rental, months four to fifteen" (HCPCS
    modifier list); its reduced rate is the capped-rental one (Pub. 100-04 ch. 20 §30.5), so only rows whose payment
    category is CR are cut. A PEN pump's rental after month 3 follows "generally the rules for capped rental items"
    over 15 months (Noridian JA DME, "Parenteral/Enteral Nutrition (PEN) Therapy"): no source rvucalc could check
    says by how much its fee changes, so it is refused rather than guessed."""
    if source == "PEN":
        return (f"{code}-KJ: KJ marks a parenteral/enteral pump's rental months 4-15; rvucalc could not verify how "
                f"CMS's PEN fee applies in those months, so it does not price it: price {code} without KJ for the "
                "PEN fee schedule's rental fee, and ask the DME MAC for the later months.")  # fmt: skip
    if category == "CR":
        return None
    kind = DMEPOS_CATEGORIES.get(category or "", f"category {category}" if category else "no category")
    return (f"{code}-KJ: KJ marks capped-rental months 4-13; {code} is not a capped rental item (the DMEPOS fee "
            f"schedule's payment category is {category or 'blank'}: {kind}), so KJ does not apply to it.")  # fmt: skip


# A capped rental item's month: "RR Rental; KH First rental month; KI Second and third rental months; KJ" months four
# to 13, the first three months paid 10% of the purchase price and the others 7.5% (power wheelchairs 15% and 6%)
# (Noridian JD DME, "Capped Rental Items", a DME MAC's statement of Pub. 100-04 ch. 20 §30.5 and its §30.5.4's 13
# months of continuous use). A capped rental (CATG CR) line billed RR without one of them is priced at the file's RR
# fee, the months 1-3 rental (KJ_PERCENT): said, not silent, since the month decides the amount.
CAPPED_RENTAL_MONTHS = frozenset({"KH", "KI", "KJ"})


# RB ("replacement of a part of a DME item furnished as part of a repair") on a rental month (RR): "Since renters of
# equipment recover from the rental charge the expenses they incur in maintaining in working order the equipment they
# rent out, separately itemized charges for repair of rented equipment are not covered" (Benefit Policy Manual ch. 15
# §110.2.A; SSA's POMS HI 00610.220 likewise). The rental month is priced as billed; the part is not paid apart. RA on
# RR is left alone: the DME MACs have it on the first rental month of a replaced capped rental item (Noridian, "Modifier
# RA"), a new rental period.
RENTED_REPAIR_NOTE = (
    "RB on a rental (RR): repairs and replacement parts of rented equipment are the supplier's, included in the rental "
    "payment, and a part billed for them is not paid apart (Benefit Policy Manual ch. 15 §110.2.A). Priced as the "
    "rental month billed."
)


def rented_repair_note(modifiers: set[str]) -> str | None:
    """The note on a DMEPOS rental line (RR) that carries RB (a part replaced in a repair): included in the rental."""
    return RENTED_REPAIR_NOTE if {"RR", "RB"} <= modifiers else None


def capped_rental_month_note(code: str, category: str | None, modifiers: set[str]) -> str | None:
    """The note on a capped rental item (CATG CR) billed RR without KH, KI or KJ: which month's fee it was priced at."""
    if category != "CR" or "RR" not in modifiers or modifiers & CAPPED_RENTAL_MONTHS:
        return None
    power = is_power_wheelchair(code)
    later = KJ_PERCENT_POWER_WHEELCHAIR if power else KJ_PERCENT
    first, after = KJ_PURCHASE_SHARES[later]
    # No "; " in the note (a batch note's parts are joined with it: a trial read E0601-RR's as two notes).
    return (f"{code} is a capped rental item (DMEPOS payment category CR) billed RR without KH, KI or KJ: priced at "
            f"the rental fee of months 1-3 (KH: month 1, KI: months 2-3), and months 4-13 (KJ) are paid {later}% of "
            f"it ({after}% of the purchase price against {first}%). Give the rental month's modifier, as the DME MAC "
            "requires (Noridian JD DME, 'Capped Rental Items', Claims Processing Manual ch. 20 §30.5).")  # fmt: skip


# Therapeutic shoes and inserts for persons with diabetes (DMEPOS payment category TS: A5500-A5514) "are not DME and
# are not considered DME nor orthotics, but a separate category of coverage under Medicare Part B (See §1861(s)(12)
# and §1833(o) of the Act)", limited "to one of the following within one calendar year": one pair of custom-molded
# shoes (with their inserts) and two additional pairs of inserts, or one pair of depth shoes and three pairs of inserts
# (Benefit Policy Manual ch. 15 §140, §140.B.1). Their certifying physician is "a doctor of medicine (M.D.) or a
# doctor of osteopathy (D.O.) who is responsible for diagnosing and treating the beneficiary's diabetic systemic
# condition through a comprehensive plan of care. The certifying physician may not be a podiatrist" (the DME MACs'
# Policy Article A52501, Therapeutic Shoes for Persons with Diabetes), whose KX attests the article's criteria. A
# podiatry trial's A5500-KX-RT was "a DME item" with a note on glucose monitors' KX and no word of these.
def therapeutic_shoes_note(code: str, category: str | None) -> str | None:
    """The note of a therapeutic shoe, insert or modification (CATG TS): its benefit, certifier and yearly limit."""
    if category != "TS":
        return None
    # No "; " in the note (a batch note's parts are joined with it).
    return (f"{code} is a therapeutic shoe item for a patient with diabetes (DMEPOS payment category TS): its own Part "
            "B benefit, not DME (Social Security Act §1861(s)(12), Benefit Policy Manual ch. 15 §140), billed to the "
            "DME MAC. Its certifying physician is the M.D. or D.O. treating the diabetes under a comprehensive plan of "
            "care, never a podiatrist (a podiatrist may prescribe, fit and furnish it: Policy Article A52501, whose "
            "criteria KX attests). Medicare covers one pair of depth shoes and three pairs of inserts, or one pair of "
            "custom-molded shoes and two more pairs of inserts, per calendar year (ch. 15 §140.B.1): rvucalc does not "
            "count them. The fee is unchanged.")  # fmt: skip


# A therapeutic shoe, insert or modification (CATG TS) is billed per side: "Effective for claims with dates of
# service (DOS) on or after 3/1/19 ... bill each item on two separate claim lines using the RT and LT modifiers and 1
# UOS on each claim line" (the DME MACs' joint "Correct Coding - RT and LT Modifier Usage Change", 2018-12-06, for the
# Therapeutic Shoes for Persons with Diabetes policy article's A5500-A5514 among others), and "Bilateral items not
# billed on separate claim lines will be returned as unprocessable. Claims returned as unprocessable must be
# resubmitted" (CGS JC DME, "RT and LT Modifier Usage and Unprocessable Claims - Bilateral Items Billed on Separate
# Claim Lines", 2019-05-31, whose TSD list is DMEPOS26_JAN's TS rows); the article's "Claims billed without modifiers
# RT and/or LT will be rejected as incorrect coding" (Noridian JD DME, "Therapeutic Shoes Modifiers Billing Reminder",
# 2011, its RTLT-on-one-line form since replaced by the two lines). A podiatry practice's ModMed export's A5500-KX x 2
# (a pair on one line, no side) was priced $181.26 with no word that the DME MAC pays nothing for it as billed. RT with
# LT on one line is refused (engine.meanings.is_dmepos_sided_item); this is the line with neither.
def therapeutic_shoe_side_note(code: str, category: str | None, modifiers: set[str]) -> str | None:
    """The note of a therapeutic shoe item (CATG TS) billed without RT or LT: the DME MAC returns it unprocessable."""
    if category != "TS" or modifiers & {"RT", "LT"}:
        return None
    # No "; " in the note (a batch note's parts are joined with it).
    return (f"{code} without RT or LT: the DME MACs want each shoe, insert or modification on its own line, one with "
            "RT and one with LT (a pair is two lines of 1 unit, not one line of 2), and return a line without them as "
            "unprocessable, to be billed again (their joint 'Correct Coding - RT and LT Modifier Usage Change', dates "
            "of service from 2019-03-01, as CGS restates it, 2019-05-31). Priced as billed.")  # fmt: skip


# Refractive lenses: frames (V2020-V2025), spectacle lenses (V2100-V2499), contact lenses (V2500-V2599) and lens
# options (V2700-V2786, V2797), DMEPOS26_JAN's category PO rows of the V2 codes other than V2600-V2699 (low vision aids,
# prosthetic eyes, intraocular lenses). Eyeglasses are excluded from Medicare (Social Security Act §1862(a)(7):
# "eyeglasses (other than eyewear described in section 1861(s)(8))"), whose exception is the prosthetic devices
# benefit, "including one pair of conventional eyeglasses or contact lenses furnished subsequent to each cataract
# surgery with insertion of an intraocular lens" (§1861(s)(8)); Benefit Policy Manual ch. 15 §120.B.3 ("One pair of
# conventional eyeglasses or conventional contact lenses furnished after each cataract surgery with insertion of an IOL
# is covered") and §120.D ("Replacement of conventional eyeglasses or contact lenses furnished in accordance with
# §120.B.3 is not covered"); the DME MACs' Refractive Lenses Policy Article A52499 limits the covered diagnoses to
# pseudophakia, aphakia and congenital aphakia. An optometry trial's V2020-KX and V2100-RT-KX were priced at CA's fee
# with a note on glucose monitors' KX and no word of the cataract surgery they depend on.
def is_refractive_lens_item(code: str) -> bool:
    """True for a frame, spectacle lens, contact lens or lens option HCPCS code: V2020-V2599, V2700-V2784, V2786 and
    V2797. Not V2785 (corneal tissue processing), V2790 (amniotic membrane) or V2799 (miscellaneous vision item)."""
    code = code.upper()
    if len(code) != 5 or code[:2] != "V2" or not code[1:].isdigit():
        return False
    number = int(code[1:])
    return 2020 <= number <= 2599 or 2700 <= number <= 2784 or number in (2786, 2797)


def refractive_lens_note(code: str) -> str | None:
    """The note of a refractive lens item (``is_refractive_lens_item``): covered only as a prosthetic lens, one pair
    after each cataract surgery with an IOL, which rvucalc does not check."""
    if not is_refractive_lens_item(code):
        return None
    # No "; " in the note (a batch note's parts are joined with it).
    return (f"{code} is a refractive lens item (frames, spectacle or contact lenses, lens options): eyeglasses and "
            "contact lenses are excluded (Social Security Act §1862(a)(7)) except as prosthetic lenses (§1861(s)(8)) "
            "for pseudophakia, aphakia or congenital aphakia: one pair of conventional eyeglasses or contact lenses "
            "after each cataract surgery with insertion of an IOL, a replacement not covered (Benefit Policy Manual "
            "ch. 15 §120.B.3, §120.D, the DME MACs' Refractive Lenses Policy Article A52499). rvucalc does not check "
            "the diagnosis or count the pairs: the fee is unchanged.")  # fmt: skip


# Orthopedic footwear: HCPCS L3000-L3649 (inserts, arch supports, abduction and rotation bars, orthopedic and Oxford
# shoes, lifts, wedges, shoe modifications and transfers; DMEPOS26_JAN lists 58 of them, all payment category PO; L3650
# on are shoulder orthoses). Medicare excludes "orthopedic shoes or other supportive devices for the feet" (Social
# Security Act §1862(a)(8), as CMS's NCD "Prosthetic Shoe" quotes it), the exception being the therapeutic shoes of
# §1861(s)(12) (A5500-A5514, ``therapeutic_shoes_note``). The DME MACs' Orthopedic Footwear Policy Article A52481:
# "Shoes, inserts, and modifications are covered in limited circumstances": for diabetes under the therapeutic shoe
# benefit's own codes, or as "an integral part of a covered leg brace" (L1900, L1920, L1980-L2030, L2050, L2060,
# L2080, L2090), inserts and modifications when on such a shoe and needed for the brace's function; Benefit Policy
# Manual ch. 15 §140.B.2: orthopedic shoes "generally are not covered. This exclusion does not apply to orthopedic
# shoes that are an integral part of a leg brace." A podiatry trial's L3000-RT and L3020-LT (foot orthotics for a
# patient without a brace) were priced at AZ's DMEPOS fee with no word that Medicare does not pay them.
def is_orthopedic_footwear(code: str) -> bool:
    """True for an orthopedic footwear HCPCS code, L3000-L3649 (inserts, supports, shoes, lifts, modifications)."""
    code = code.upper()
    return len(code) == 5 and code[0] == "L" and code[1:].isdigit() and 3000 <= int(code[1:]) <= 3649


def orthopedic_footwear_note(code: str) -> str | None:
    """The note of an orthopedic footwear item (``is_orthopedic_footwear``): excluded from Medicare unless it is an
    integral part of a covered leg brace, which rvucalc does not check."""
    if not is_orthopedic_footwear(code):
        return None
    # No "; " in the note (a batch note's parts are joined with it).
    return (f"{code} is orthopedic footwear (L3000-L3649: foot inserts, arch supports, shoes, lifts, wedges, shoe "
            "modifications): Medicare excludes orthopedic shoes and other supportive devices for the feet (Social "
            "Security Act §1862(a)(8), Benefit Policy Manual ch. 15 §140.B.2) and covers them only as an integral "
            "part of a covered leg brace (the DME MACs' Orthopedic Footwear Policy Article A52481): foot orthotics "
            "alone are not covered (the patient pays). For a patient with diabetes, shoes and inserts are billed "
            "under the therapeutic shoe benefit's codes, A5500-A5514 (ch. 15 §140). rvucalc does not check the "
            "brace: the fee is unchanged.")  # fmt: skip


def is_power_wheelchair(code: str) -> bool:
    """True for a power wheelchair base (``POWER_WHEELCHAIR_BASES`` or K0813-K0891), whose KJ months pay 40%."""
    code = code.upper()
    if code in POWER_WHEELCHAIR_BASES:
        return True
    return len(code) == 5 and code[0] == "K" and code[1:].isdigit() and 813 <= int(code[1:]) <= 891


# BP ("beneficiary elected to purchase") chooses nothing on a power wheelchair base without a purchase option. Only
# complex rehabilitative power wheelchairs ("Group 2 power wheelchair with power options ... or Group 3", 42 CFR
# 414.202: K0835-K0843, K0848-K0864), their options and accessories, and parenteral/enteral pumps may be bought or
# rented when first furnished, BP, BR or BU saying which (Noridian JD DME, "Modifier BR"; 42 CFR 414.229): the other
# power wheelchair bases of groups 1 and 2 (K0813-K0834) are capped rentals alone, so BP there is priced as billed.
NO_PURCHASE_OPTION_BASES = range(813, 835)


def no_purchase_option_note(code: str, modifiers: set[str]) -> str | None:
    """The note on a power wheelchair base of groups 1-2 without power options (K0813-K0834) billed with BP."""
    code = code.upper()
    if "BP" not in modifiers or not is_power_wheelchair(code) or not code[1:].isdigit():
        return None
    if int(code[1:]) not in NO_PURCHASE_OPTION_BASES:
        return None
    return (f"BP (the beneficiary elected to purchase) has no effect on {code}: only complex rehabilitative power "
            "wheelchairs (K0835-K0843, K0848-K0864), their options and accessories, and parenteral/enteral pumps "
            "have a purchase option (42 CFR 414.202, 414.229, Noridian JD DME 'Modifier BR'). Priced as "
            "billed.")  # fmt: skip


# A DMEPOS or PEN fee of 0 (CMS prints 0, or 0.00) where the line is priced: CMS's file has no fee schedule amount
# for the item there, and the contractor prices it, not "Medicare does not pay it". DMEPOS26_JAN (3,515 rows) prints
# 0 in every state's non-rural and rural column of 69 rows (E0486 NU/RR/UE, A4321, A6501 ...), and 0 in the non-rural
# columns of the 48 contiguous states and DC of its KE rows (A4636-NU-KE: IL NR 0, R 4.95), and in AK, HI, PR and VI
# of some local-jurisdiction (JURIS L) items (A4561, L8679). The file's own title rows say nothing of a 0, and CMS's
# DMEPOS README was not found. CMS, "DMEPOS Payment Determinations for New Items & Services" (cms.gov, last modified
# 2024-12-19): "Until CMS establishes national fee schedule payment amounts for a DMEPOS item or service, local,
# interim fee schedule amounts are established by the DME Medicare Administrative Contractors (DME MACs)" (42 CFR
# 414.238: continuity, comparability and gap-filling; Claims Processing Manual ch. 23 §60.3, "Gap-filling DMEPOS
# Fees"). Which contractor: the file's JURIS column (Noridian JD DME, "Fee Schedule Column Descriptors": "D - DMEMAC
# jurisdiction", "L - Local Part B Carrier jurisdiction", "J - Joint DMEMAC/Local Carrier jurisdiction"). Not priced,
# as a lab of CLFS indicator L is; a modifier the item does not take (L1833-RR, K0001-NU) stays refused
# (``rental_refusal``, ``lookup.schedules._dmepos``'s "prices it by modifier").
DMEPOS_CONTRACTORS = {
    "D": "the DME MAC",
    "L": "your A/B MAC (Part B), which the item is billed to",
    "J": "the DME MAC or the A/B MAC, whichever the claim is billed to",
}
# What the JURIS code says, as the reason quotes it: the kind of contractor the claim goes to (Noridian JD DME, "Fee
# Schedule Column Descriptors": "D - DMEMAC jurisdiction"), never one of the four DME MAC Jurisdictions A-D, which are
# regions by the beneficiary's state ("Each DME MAC is responsible for processing DMEPOS claims for beneficiaries
# residing in their specific jurisdiction", DME MAC Jurisdiction C Supplier Manual ch. 1: Colorado is Jurisdiction C).
# A trial read E0486-NU at a Colorado ZIP's "the DME MAC (the file's jurisdiction D)" as DME MAC Jurisdiction D.
DMEPOS_JURIS_MEANINGS = {
    "D": "DME MAC jurisdiction, the DME MAC serving the patient's state, not DME MAC Jurisdiction D",
    "L": "local Part B carrier jurisdiction",
    "J": "joint DME MAC/local carrier jurisdiction",
}


# Whether the DME MAC pays a DMEPOS or PEN item (batch --summary's DME supplier claims, ``batch.files.DMEPOS_CLAIMS``).
# The DMEPOS file's JURIS column says who (Noridian JD DME, "Fee Schedule Column Descriptors": "D - DMEMAC
# jurisdiction", "L - Local Part B Carrier jurisdiction", "J - Joint DMEMAC/Local Carrier jurisdiction"), as CMS's
# annual DMEPOS HCPCS Code Jurisdiction List does (Cahaba GBA, "Durable Medical Equipment (DME) Jurisdictional Chart":
# it tells "whether claims are submitted to your local carrier/B MAC or to your Durable Medical Equipment MAC", a J
# item "billable to the carrier if incident to a physician's service"). Only D is the DME MAC's alone: an L item is
# billed to the A/B MAC (DMEPOS26_JAN: Q4021, a casting supply a PA-C bills in the office, is JURIS L), a J item to
# whichever the claim goes to, so neither is counted as the DME MAC's. The PEN file has no JURIS column: enteral
# nutrition not in a Part A stay "may be billed to the DME MAC, by either the SNF or an outside supplier" (the DME
# MACs' enteral nutrition policy article, as moderndme.com quotes it), so a PEN item is the DME MAC's.
DME_MAC_JURISDICTION = "D"


def dme_mac_pays(juris: str | None, source: str) -> bool:
    """Whether the DME MAC pays an item of CMS's DMEPOS (``source`` 'DMEPOS', its JURIS ``juris``) or PEN file."""
    if source == "PEN":
        return True
    return (juris or "").strip().upper() == DME_MAC_JURISDICTION


def dmepos_no_fee_reason(
    shown: str, state: str, release: str, juris: str | None, *, every_state: bool, rural_cents: int | None,
    rural: bool,
) -> str:  # fmt: skip
    """Why a DMEPOS/PEN line whose fee is 0 in CMS's file (``shown``: the code and the row's modifiers, E0486-NU) has no
    amount: the contractor prices it (``DMEPOS_CONTRACTORS``). ``every_state``: the row is 0 in every state;
    ``rural_cents``: the state's rural fee when only that is printed (a KE row), said with how to price it."""
    who = DMEPOS_CONTRACTORS.get(juris or "", "the MAC the claim is billed to")
    meaning = DMEPOS_JURIS_MEANINGS.get(juris or "")
    jurisdiction = f" (CMS's file's JURIS code {juris}: {meaning})" if meaning else ""
    where = "any state (0 in every state's columns)" if every_state else f"{state} (0)"
    column = "non-rural " if rural_cents and not rural else ""  # a KE row: a rural fee alone
    reason = (f"CMS's DMEPOS fee schedule ({release}) has no {column}fee for {shown} in {where}: no fee schedule "
              f"amount, so the MAC prices it: {who}{jurisdiction} sets a local fee where CMS has none. Ask that MAC "
              "for its fee.")  # fmt: skip
    if rural_cents and not rural:
        reason += (f" The file gives {shown} a rural fee in {state}, ${Decimal(rural_cents).scaleb(-2):,.2f}: if the "
                   "patient's ZIP is rural for DMEPOS, price it as rural (rvucalc price CODE --rural, or in batch a "
                   "rural column of Y).")  # fmt: skip
    return reason


@dataclass(frozen=True)
class DmeposAmount:
    non_rural: int | None  # cents
    rural: int | None
    used: str  # "non_rural" | "rural"
    line: ScheduleAmount


def dmepos(
    non_rural_cents: int | None,
    rural_cents: int | None,
    *,
    rural: bool = False,
    modifiers: tuple[str, ...] = (),
    power_wheelchair: bool = False,
) -> DmeposAmount:
    """The state's DMEPOS fee (non-rural unless ``rural``), 20% coinsurance; KJ at 75% (40%
    for power wheelchairs) of the rental fee."""
    chosen = rural_cents if rural else non_rural_cents
    used = "rural" if rural else "non_rural"
    if chosen is None:  # a 0 fee is the contractor's (``dmepos_no_fee_reason``): lookup.schedules says so first
        raise UsageError(
            f"No {'rural' if rural else 'non-rural'} DMEPOS fee for this code and state: "
            + ("ask for the non-rural fee instead." if rural else "the MAC prices the item.")
        )
    amount = chosen
    note = None
    flows = [m.upper() for m in modifiers if m.upper() in OXYGEN_FLOW_PERCENT]
    if flows:
        percent = OXYGEN_FLOW_PERCENT[flows[0]]
        exact = Fraction(chosen) * percent / 100
        amount = _round_half_up(exact.numerator, exact.denominator)
        flow = "under 1 LPM" if percent < 100 else "over 4 LPM, no portable oxygen"
        note = (f"{flows[0]} (stationary oxygen prescribed {flow}): {percent}% of the stationary oxygen fee "
                "(42 CFR 414.226(e); Claims Processing Manual ch. 20 §30.6.1).")  # fmt: skip
    if "KJ" in {m.upper() for m in modifiers}:
        percent = KJ_PERCENT_POWER_WHEELCHAIR if power_wheelchair else KJ_PERCENT
        exact = Fraction(chosen) * percent / 100
        amount = _round_half_up(exact.numerator, exact.denominator)
        first, later = KJ_PURCHASE_SHARES[percent]
        note = (f"KJ (capped rental month 4 or later): {percent}% of the rental fee of months 1-3 ({later}% of the "
                f"purchase price against {first}%, {KJ_SOURCE}).")  # fmt: skip
    beneficiary = share_of(amount, STANDARD_COINSURANCE)
    line = ScheduleAmount(amount, beneficiary, amount - beneficiary, Fraction(20), DMEPOS_SOURCE, note)
    return DmeposAmount(non_rural_cents, rural_cents, used, line)


# -- contractor-priced PFS rows ----------------------------------------------------------------


def contractor_priced(status: str, work: int, pe_non_facility: int, pe_facility: int, mp: int) -> bool:
    """True when a PFS row has no national amount and the MAC prices the service (``engine.kernels``).

    (Global YYY marks "the MAC sets the global period": most such rows have zero RVUs,
    but 15824, status R, global 000, has zero RVUs too, so the RVUs decide, not the global.)"""
    return bool(is_contractor_priced(status, work, pe_non_facility, pe_facility, mp))
