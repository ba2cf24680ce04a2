"""One line of a claim: parse CODE-MOD-MOD, choose CMS's row, and gather what the rules need.

The core of a single lookup and of an encounter: ``prepare`` returns the line's
unadjusted PFS result and the ``engine.policy.Line`` the payment rules adjust.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from rvucalc.engine import (
    allergy,
    care_management,
    duplicates,
    facility_meanings,
    meanings,
    preventive,
    radiation,
    visits,
)
from rvucalc.engine import anesthesia as anesthesia_session
from rvucalc.engine import modifiers as modifier_table
from rvucalc.engine.hopd_therapy import is_therapy_code
from rvucalc.engine.kernels import (
    fee_cents,
    is_contractor_priced,
    is_paid_status,
    opps_rvu_units,
    round_half_up,
    what_if_opps_cap,
)
from rvucalc.engine.pfs import (
    GLOBAL_IN_FACILITY_REASON,
    GLOBAL_WITH_COMPONENTS,
    contractor_price_cap_note,
    deleted_code_message,
    facility_na,
    global_test_component_hint,
    is_anesthesia_code,
    not_priced_reason,
    price_row,
    setting_amount,
    stand_alone_component_hint,
)
from rvucalc.engine.pfs import NOT_IN_PFS_REASON as NOT_IN_PFS_REASON  # used as lines.NOT_IN_PFS_REASON
from rvucalc.engine.policy import (
    ADD_ON_GLOBAL,
    ANESTHESIA_PERCENT,
    ASSISTANT_MODIFIERS,
    DIETITIAN,
    MNT_CODES,
    STATUS_T_BUNDLED_RULE,
    Line,
    LineSetting,
    apply_policy_in,
    check_modifiers,
    later_units_note,
    mnt_dsmt_same_date_notes,
    practitioner_code_note,
    round_cents,
    status_t_bundled,
)
from rvucalc.engine.rehab import rehab_session_notes
from rvucalc.engine.scenario import WHAT_IF_CF_KIND, cf_units
from rvucalc.engine.schedules import CHEMISTRY_CODES, DRUG_TEST_CODES_BY_KIND, chemistry_panel_note, drug_test_note
from rvucalc.errors import ErrorKind, NotFoundError, UsageError, option
from rvucalc.models import NOT_PAYABLE, NOT_PRICED, Adjustment, AnesthesiaUnits, PfsResult, SettingAmount, SiteStatus
from rvucalc.reference.store import Store

if TYPE_CHECKING:
    from rvucalc.reference.catalogue import Catalogue
    from rvucalc.reference.releases import Release

# CPT: 4 digits and a digit or a category letter; HCPCS level II: a letter and 4 digits.
CODE_SHAPE = re.compile(r"[0-9]{4}[0-9AFMTU]|[A-Z][0-9]{4}")
MODIFIER_SHAPE = re.compile(r"[0-9A-Z]{2}")

COMPONENT_MODIFIERS = ("26", "TC", "53")  # CMS publishes their own rows
POLICY_MODIFIERS = frozenset({"50", "51", "54", "55", "56", "62", "66", "78", "79", "80", "81", "82", "AS"})

# Who billed a line under their own number (``--provider``, a batch provider column): a physician (or a therapist in
# private practice: the full PFS amount), an NP, PA or CNS (85%), or a qualified nonphysician anesthetist (a CRNA or an
# anesthesiologist assistant, Claims Processing Manual ch. 12 §140.1: the anesthesia fee schedule, at its QZ/QX
# modifier's percentage, never 85%; paid only on assignment, ``CRNA_ASSIGNMENT_NOTE``), a clinical social worker, a
# marriage and family therapist or a mental health counselor (csw: 75%, as AJ prices it, ``PROVIDER_MODIFIERS``), or a
# clinical psychologist (the full PFS amount, as AH: Claims Processing Manual ch. 12 §160), or a chiropractor (a
# physician for the manual manipulation of the spine alone, 98940-98942 at the full amount with AT; every other line
# denied: engine.modifiers.chiropractic_denial), or a certified nurse-midwife (cnm: the full PFS amount, "100 percent
# of the physician fee schedule amount that would be paid to a physician" from 2011, 42 CFR 414.54(b); paid only on
# assignment, ``CNM_ASSIGNMENT_NOTE``), or a registered dietitian or nutrition professional (dietitian, CMS specialty
# 71: medical nutrition therapy at 85% of the PFS amount, 42 CFR 414.64(a), engine.policy.non_physician_factor; only on
# assignment, ``DIETITIAN_ASSIGNMENT_NOTE``). Extended, never renamed or reordered: batch numbers a cell's practitioner
# by its position here (in batch.lines.PROVIDER_BITS bits of a cell's key: 4, at most 16). A physical or occupational
# therapist (therapist: CMS specialties 65, 67) and a speech-language pathologist (slp: 15) in private practice are
# priced as a physician everywhere but at the hospital and a SNF (engine.therapists.therapist_place: PC/TC indicator 7
# pays no PT or OT there); they were read as physicians, so their hospital lines could not be told apart. An
# audiologist (audiologist: CMS specialty 64; AUD, CCC-A) is priced as a physician everywhere, their line of an E/M
# visit, a procedure or therapy noted (engine.audiologists: Medicare Benefit Policy Manual ch. 15 §80.3 pays them for
# hearing and balance assessment alone).
PROVIDERS = ("physician", "np", "pa", "cns", "crna", "csw", "psychologist", "chiropractor", "cnm", "dietitian",
             "therapist", "slp", "audiologist")  # fmt: skip
STATUS_T_NOTE = "Status T: paid only if no other PFS service is billed the same day by the same provider."
SETTINGS = ("non_facility", "facility")


# '-', ',', '/', ';', '|' or spaces between a cell's modifiers ('25,GP', 'RT 59', '50/RT', 'GP;59', '25|PO': an xlsx
# cell as a practice system exports it; 'GP;59' was refused as one modifier 'GP;59' before ';' was read as one, and a
# Cerner or Meditech export's '25|PO' was a bad_modifier row error before '|' was), or ':' ('T6:51': a review's
# 'Modifiers' cell was refused as "'T6:51' is not a modifier" where 'T6-51' was read).
_MODIFIER_SEPARATORS = re.compile(r"[-,/;|:\s]+")


# An ambulance line's origin and destination: two letters, the first where the trip began, the second where it ended
# (D, E, G, H, I, J, N, P, R, S; X, a stop at a physician's office, as destination only), required on every ambulance
# claim (Medicare Claims Processing Manual, Pub. 100-04, ch. 15, section 30; MACs' "Ambulance modifiers" pages). CMS:
# "while combinations of these items may duplicate other HCPCS modifiers, when billed with an ambulance
# transportation code, the reported modifiers can only indicate origin/destination". rvucalc prices no ambulance code
# (the ambulance fee schedule is not installed): the pair is set aside so the line says that, not "Unknown modifier
# 'RH'" (a trial's finding).
AMBULANCE_CODE = re.compile(r"A0[0-9]{3}")
# The pairs and their places live beside the modifier table (engine.modifiers), which names them too where asked
# about alone (`rvucalc modifiers RH`).
AMBULANCE_ORIGIN_DESTINATION = modifier_table.AMBULANCE_ORIGIN_DESTINATION
AMBULANCE_PLACES = modifier_table.AMBULANCE_PLACES


def ambulance_pairs(text: str, modifier_option: str | None = None) -> list[str]:
    """The origin/destination pairs of an ambulance line as written ('A0427-RH' -> ['RH']), which ``parse_line`` sets
    aside from the modifiers it prices with: echoed on the line's result (a trial: "modifiers": [] for A0427-RH, where
    the README says accepted modifiers are echoed). None on another code (``ambulance_pair_error``)."""
    code, _, written = text.strip().upper().partition("-")
    if not AMBULANCE_CODE.fullmatch(code.strip()):
        return []
    pieces = [*_MODIFIER_SEPARATORS.split(written), *_MODIFIER_SEPARATORS.split((modifier_option or "").upper())]
    return [piece for piece in pieces if AMBULANCE_ORIGIN_DESTINATION.fullmatch(piece)]


def ambulance_pair_error(code: str, modifiers: list[str]) -> None:
    """A UsageError naming an ambulance origin/destination pair on a code that is no ambulance code (and no modifier
    rvucalc knows): what the two letters mean, not a spelling guess ("Did you mean UR or TH or RT?")."""
    for modifier in modifiers:
        if AMBULANCE_ORIGIN_DESTINATION.fullmatch(modifier) and modifier_table.lookup(modifier) is None:
            # "Unknown" kept: some pairs are also HCPCS modifiers rvucalc refuses on purpose (GJ, an opt-out
            # practitioner's emergency service), which CMS's ambulance list says the pairs may duplicate.
            raise UsageError(
                f"Unknown modifier {modifier!r} on {code}. {modifier} is "
                f"{modifier_table.ambulance_pair_meaning(modifier)}.",
                kind=ErrorKind.BAD_MODIFIER,
            )


# How exports write an empty modifier cell.
_NO_MODIFIER = re.compile(r"(?<![0-9A-Za-z])(?:N/A|NONE|NULL)(?![0-9A-Za-z])", re.IGNORECASE)


_DESCRIPTION_HINT = " The code cell seems to hold a description after the code:"


_ASA_EMERGENCY = re.compile(r"(P[1-6])?E")
# A coronary artery's abbreviation where its HCPCS modifier belongs ('92928-LAD', a Mod 1 of 'RCA'): the PCI codes
# take the five major arteries' modifiers, LM, LD, LC, RC, RI (the modifier table's meanings; ch. 12 §30.6). A cath
# lab group's trial: 92928-LAD was told the code cell held a description.
_CORONARY_ARTERIES = {"LAD": "LD", "LCX": "LC", "CIRC": "LC", "RCA": "RC", "LMCA": "LM", "RAMUS": "RI"}


def _modifier_hint(modifier: str, after_code: str, code: str, cell: str | None) -> str:
    """What a malformed modifier probably is, as claim exports write them (a trial's cells): a description after
    the code ('99213 - Office/outpatient visit est') or the modifier ('RT - Right side'), two modifiers run
    together ('RT59'), a number a spreadsheet wrote ('50.0')."""
    # Modifiers run together with no separator ('RRKJ': a DME supplier's cell): each two characters a modifier rvucalc
    # knows is no description (a trial was told 'RRKJ' seemed to hold one).
    # The ASA's emergency designation ('E', 'P4E'), which anesthesia exports write after the physical status: HCPCS has
    # no E modifier (the physical status modifiers are P1-P6), and a Medicare claim reports an emergency with the
    # qualifying circumstance code 99140, status B in CMS's RVU file (bundled: no PFS payment). An anesthesia group's
    # trial: 00840-AA-P4-E was told only "two letters or digits, e.g. 26, TC, 54".
    emergency = _ASA_EMERGENCY.fullmatch(modifier)
    if emergency and is_anesthesia_code(code):
        status = f"alone ({emergency.group(1)})" if emergency.group(1) else "(P1-P6)"
        return (
            f" 'E' is the ASA's emergency designation, not a HCPCS modifier: bill the physical status modifier {status}"
            " and report the emergency with 99140 (a qualifying circumstance: status B in CMS's RVU file, bundled, so"
            " Medicare pays no units for it)."
        )
    artery = _CORONARY_ARTERIES.get(modifier)
    if artery is not None and (info := modifier_table.lookup(artery)) is not None:
        return f" {modifier} is the {info.meaning.lower()}: its modifier is {artery} (write {code}-{artery})."
    pieces = [modifier[at : at + 2] for at in range(0, len(modifier), 2)]
    if (
        len(modifier) % 2 == 0
        and 2 <= len(pieces) <= modifier_table.MAX_MODIFIERS
        and all(modifier_table.lookup(piece) is not None for piece in pieces)
    ):
        return f" {'Two modifiers' if len(pieces) == 2 else 'Modifiers'} run together? Write {'-'.join(pieces)}."
    words = [word for word in re.split(r"[^A-Z]+", (after_code or cell or "").upper()) if len(word) > 2]
    if words and after_code:
        return (f"{_DESCRIPTION_HINT} give the code alone ({code}), its modifiers in the modifier column or as "
                "CODE-MOD (27447-50).")  # fmt: skip
    if words:
        return " The modifier cell seems to hold a description: give the modifiers alone (RT, or RT-59)."
    number = re.fullmatch(r"([0-9A-Z]{2})\.0+", modifier)
    if number:
        return f" If a spreadsheet wrote it as a number, it is {number.group(1)}."
    if len(modifier) == 4 and all(MODIFIER_SHAPE.fullmatch(half) for half in (modifier[:2], modifier[2:])):
        return f" Two modifiers run together? Write {modifier[:2]}-{modifier[2:]}."
    return ""


def parse_line(text: str, modifier_option: str | None = None) -> tuple[str, list[str]]:
    """'27447-50-59' -> ('27447', ['50', '59']); after the code's '-', and in ``--modifier``, several modifiers may be
    separated by '-', ',', '/', ';', '|' or spaces ('26,59', '26 59', 'LT/RT', 'GP;59', '25|PO'), as billing exports
    write a modifier cell."""
    code, _, written = text.strip().upper().partition("-")
    code = code.strip()
    # A code cell of an export with its modifier after a space ('15275 RT'), as a modifier cell's are: the code, then
    # its modifiers, as 15275-RT (a trial's were refused as malformed). Only a code's shape then modifiers' shapes.
    first, *rest = code.split() or [""]
    if rest and CODE_SHAPE.fullmatch(first) and all(MODIFIER_SHAPE.fullmatch(m) for m in rest):
        code, written = first, " ".join([*rest, written])
    # An export's way of writing an empty modifier cell, alone or among the cells batch joins ('26-N/A').
    written = _NO_MODIFIER.sub(" ", written)
    if modifier_option and not _NO_MODIFIER.sub(" ", modifier_option.upper()).strip():
        modifier_option = None
    elif modifier_option:
        modifier_option = _NO_MODIFIER.sub(" ", modifier_option)  # case kept for messages: matched in upper case
    modifiers = _MODIFIER_SEPARATORS.split(written.strip()) if written.strip() else []
    if modifier_option:
        modifiers += _MODIFIER_SEPARATORS.split(modifier_option.upper())
    modifiers = [m for m in modifiers if m]
    for modifier in modifiers:
        if not MODIFIER_SHAPE.fullmatch(modifier):
            cell = (
                f" (in {modifier_option!r})" if modifier_option and modifier_option.strip().upper() != modifier else ""
            )
            after_code = written if modifier in _MODIFIER_SEPARATORS.split(written.upper()) else ""
            hint = _modifier_hint(modifier, after_code, code, modifier_option)
            if after_code and hint.startswith(_DESCRIPTION_HINT):  # the code cell's fault: no modifier in it
                raise UsageError(f"{text.strip()!r} is not a HCPCS/CPT code.{hint}", kind=ErrorKind.MALFORMED_CODE)
            raise UsageError(
                f"{modifier!r}{cell} is not a modifier (two letters or digits, e.g. 26, TC, 54).{hint}",
                kind=ErrorKind.BAD_MODIFIER,
            )
    if len(set(modifiers)) != len(modifiers):
        raise UsageError(f"{text}: a modifier is given twice.", kind=ErrorKind.BAD_MODIFIER)
    if AMBULANCE_CODE.fullmatch(code):
        modifiers = [m for m in modifiers if not AMBULANCE_ORIGIN_DESTINATION.fullmatch(m)]
    else:
        ambulance_pair_error(code, modifiers)
    # Unknown ones (with "did you mean"), conflicts, more than four. A hearing aid's line is excluded by statute
    # (engine.meanings.hearing_aid_exclusion_note), whatever its sides: that is said first, not "bill 50" (a trial's
    # V5261-LT-RT exited 2 on the sides where V5261-RT said Social Security Act §1862(a)(7)).
    # A DMEPOS item's pair (A5500-RT-LT) is two lines by the DME MACs' rule, not 50 (meanings.is_dmepos_sided_item).
    sided_item = code if meanings.is_dmepos_sided_item(code) else None
    modifier_table.check_combination(modifiers, sides=not meanings.is_hearing_aid_code(code), sided_item=sided_item)
    return code, modifiers


def check_code_shape(code: str, store: Store) -> None:
    if CODE_SHAPE.fullmatch(code) or store.modifiers_of(code):
        return
    if not code:  # Excel writes a blank row as a row of commas
        # A hospital claim (UB-04) has lines with a revenue code alone (0250 pharmacy, 0270 supplies): the OPPS
        # packages them into the claim's HCPCS lines (a trial's export; Pub. 100-04 ch. 4, section 10.4).
        raise UsageError("This line has no code: a blank row, or a hospital's revenue-code line without a HCPCS code "
                         "(no separate OPPS payment: it is packaged; rvucalc prices lines by HCPCS).",
                         kind=ErrorKind.MALFORMED_CODE)  # fmt: skip
    if code.replace(" ", "") in ("TOTAL", "TOTALS", "GRANDTOTAL", "SUBTOTAL"):
        raise UsageError(f"{code!r} is not a HCPCS/CPT code: a totals row?", kind=ErrorKind.MALFORMED_CODE)
    fixed = code.replace("O", "0").replace("I", "1")
    hint = f" Did you mean {fixed}?" if fixed != code and store.modifiers_of(fixed) else ""
    # Spreadsheets store all-digit codes as numbers: 00840 becomes 840 (or 840.0). Say so; never guess the zeros.
    quoted = re.fullmatch(r'="?([0-9A-Z]{5})"?', code)  # Excel's way of keeping zeros in a CSV: ="00840"
    if quoted and store.modifiers_of(quoted.group(1)):
        hint = (f" It is written as Excel's text formula; the code is {quoted.group(1)}: export the column as text, "
                "not as a formula.")  # fmt: skip
    # A code and its modifier run together by an export ('45385PT'): say where the '-' goes, not guess it.
    joined = re.fullmatch(r"([0-9A-Z]{5})([0-9A-Z]{2})", code)
    if joined and store.modifiers_of(joined.group(1)) and modifier_table.lookup(joined.group(2)) is not None:
        hint = f" Did you mean {joined.group(1)}-{joined.group(2)} (the code, then its modifier after a '-')?"
    number = re.fullmatch(r"([0-9]{1,5})(\.0+)?", code)
    if number and (number.group(2) or len(number.group(1)) < 5) and store.modifiers_of(number.group(1).zfill(5)):
        hint = (f" If a spreadsheet stored it as a number, it was probably {number.group(1).zfill(5)}: keep the code "
                "column as text (leading zeros and all).")  # fmt: skip
    raise UsageError(
        f"{code!r} is not a HCPCS/CPT code: five characters, four digits then a digit or A/F/M/T/U "
        f"(e.g. 99213, 0001F), or a letter then four digits (e.g. G0439).{hint}",
        kind=ErrorKind.MALFORMED_CODE,
    )


def unknown_code_message(store: Store, code: str) -> str:
    deleted = deleted_code_message(code, store.release.year)  # a deleted code: its replacement, not look-alikes
    if deleted:
        return f"{code} is not in the {store.release.year} fee schedule ({store.release.release}): {deleted}"
    suggestions = suggest_codes(store, code)
    hint = f" Did you mean {', '.join(suggestions)}?" if suggestions else ""
    return (
        f"{code} is not in the {store.release.year} fee schedule ({store.release.release}).{hint} "
        'Search by words with: rvucalc search "..."'
    )


def in_other_release(catalogue: Catalogue, release: Release, code: str) -> str | None:
    """Where a code missing from a PFS release is in another installed one (a trial: `price 77014 --date 2026-03-02`
    offered 77013, 77012, 77011; 77014 is in the 2025 releases, not in 2026's): the newest earlier release that has it
    (deleted or replaced since), else the oldest later one (new since). None when no other release has it."""
    others = [other for other in catalogue.releases("pfs") if other.release != release.release]
    earlier = [other for other in others if other.effective_from < release.effective_from]
    later = [other for other in others if other.effective_from >= release.effective_from]
    for other in [*reversed(earlier), *later]:
        if catalogue.store(other).modifiers_of(code):
            return _release_change(code, release, other) + _skin_substitutes_instead(catalogue, release, other, code)
    return _facility_files_change(catalogue, release, code)


def _skin_substitutes_instead(catalogue: Catalogue, release: Release, other: Release, code: str) -> str:
    """A deleted skin substitute code "not otherwise specified" (Q4100, "Skin substitute, nos", RVU25D): the NOS
    codes the line's release lists, read from its RVU file (2026C: Q4431 PMA, Q4432 510(k), Q4433 361 HCT/P, the
    CY2026 PFS final rule's FDA categories, and A4100); none is named for a product's own code (no crosswalk is
    installed, and rvucalc invents none)."""
    if other.effective_from >= release.effective_from or not meanings.is_skin_substitute(code):
        return ""
    old = catalogue.store(other).rvu(code, "")
    if old is None or not str(old.get("description") or "").lower().endswith("nos"):
        return ""
    rows = catalogue.store(release).columns("rvu", ["hcpcs", "description"])
    nos = [f"{hcpcs} ({description})" for hcpcs, description in zip(rows["hcpcs"], rows["description"], strict=True)
           if "skin sub" in str(description).lower() and str(description).lower().endswith("nos")]  # fmt: skip
    if not nos:
        return ""
    listed = ", ".join(sorted(set(nos)))
    return f" {release.release} lists these skin substitute codes not otherwise specified: {listed}."


# A code the PFS never listed (an OPPS-only C code: C5271, "Low cost skin substitute app", SI T, APC 5053 in October
# 2025's Addendum B and on ASC Addendum AA) that the earlier year's OPPS or ASC files list and none of the line's year
# does: deleted for that year, as a PFS code missing from the later RVU file is said (a wound care trial: `price C5271
# --date 2026-08-01` said "not in the 2026 fee schedule ... Search by words"). The files named are the installed ones
# only: a year whose OPPS addenda are not installed is not said to omit the code.
_FACILITY_FILES = (("opps", "OPPS Addendum B"), ("asc", "ASC addenda"))


def _facility_files_change(catalogue: Catalogue, release: Release, code: str) -> str | None:
    found, missing, unknown = [], [], []
    for dataset, name in _FACILITY_FILES:
        releases = catalogue.releases(dataset)
        now = [other for other in releases if other.year == release.year]
        if any(_facility_lists(catalogue, other, dataset, code) for other in now):
            return None  # the year's facility file pays it: not deleted
        before = [other for other in releases if other.year == release.year - 1]
        listed = next((other for other in reversed(before) if _facility_lists(catalogue, other, dataset, code)), None)
        if listed is None:
            continue
        said = f"{listed.release}{_not_covered_there(catalogue, listed, dataset, code)}"
        if now:
            found.append(f"{name} {said}")
            missing.append(f"{name} {now[-1].release}")
        else:  # the year's file is not installed: it may well list the code (E1399, C9791 in 2026: a trial)
            unknown.append((name, said))
    if not found and unknown:
        named = ", ".join(f"{name} {listed}" for name, listed in unknown)
        files = " or ".join(f"CY{release.year} {name}" for name, _ in unknown)
        return (
            f"{code} is in the CY{release.year - 1} files ({named}) and not in the CY{release.year} PFS "
            f"({release.release}): no {files} is installed to say whether it is paid in {release.year}: add CMS's "
            f"file with rvucalc data refresh --from FILE (or --dataset {unknown[0][0].split()[0].lower()} --year "
            f"{release.year})."
        )
    if not found:
        return None
    return (
        f"{code} is in the CY{release.year - 1} files ({', '.join(found)}) but not in the CY{release.year} ones "
        f"installed (PFS {release.release}{''.join(f', {m}' for m in missing)}): deleted or replaced for "
        f"{release.year}."
    )


# OPPS SI E1 is CMS's not-covered status: items and services "not covered by any Medicare outpatient benefit
# category", statutorily excluded or not reasonable and necessary (the status indicator definitions, Addendum D1 of
# each year's OPPS/ASC final rule). The earlier year's Addendum B saying so is named (a trial's `price 0079U --date
# 2026-08-03`, SI E1 in October 2025's Addendum B, read only "in the CY2025 files"); the error stays a code not found
# for the year (exit 1).
OPPS_NOT_COVERED = "E1"


def _not_covered_there(catalogue: Catalogue, release: Release, dataset: str, code: str) -> str:
    """The SI E1 clause (", SI E1: ...") where the release's OPPS Addendum B marks the code not covered, else ""."""
    row = catalogue.store(release).opps(code) if dataset == "opps" else None
    if row is None or row.get("si") != OPPS_NOT_COVERED:
        return ""
    meaning = facility_meanings.OPPS_SI[OPPS_NOT_COVERED]
    return f", SI {OPPS_NOT_COVERED}: {meaning[:1].lower()}{meaning[1:]}"


def _facility_lists(catalogue: Catalogue, release: Release, dataset: str, code: str) -> bool:
    store = catalogue.store(release)
    if dataset == "opps":
        return store.opps(code) is not None
    return any(store.asc(addendum, code) is not None for addendum in ("aa", "bb", "ee"))


def _release_change(code: str, release: Release, other: Release) -> str:
    """That ``other`` has the code ``release`` lacks: deleted since an earlier one, new in a later one."""
    if other.effective_from < release.effective_from:
        if other.year == release.year:
            return f"{code} is in {other.release} but not in {release.release}: deleted during {release.year}."
        return (
            f"{code} is in the CY{other.year} fee schedule ({other.release}) but not in CY{release.year} "
            f"({release.release}): deleted or replaced for {release.year}."
        )
    if other.year == release.year:
        return f"{code} is not in {release.release} but is in {other.release}: added during {release.year}."
    return (
        f"{code} is not in the CY{release.year} fee schedule ({release.release}) but is in CY{other.year} "
        f"({other.release}): new for {other.year}."
    )


def unknown_code_error(catalogue: Catalogue, release: Release, code: str, error: NotFoundError) -> NotFoundError:
    """``choose_row``'s unknown-code error, said with ``in_other_release`` when another installed PFS release has the
    code (price: ``lookup.pricer``; batch: ``batch.price``, once per release and code cell)."""
    if error.kind is not ErrorKind.UNKNOWN_CODE or deleted_code_message(code, release.year):
        return error
    if meanings.ended_paid_apart_note(code):
        return error  # a retired RHC/FQHC code's own reason (its last day, what replaced it) says more
    elsewhere = in_other_release(catalogue, release, code)
    return error if elsewhere is None else NotFoundError(elsewhere, kind=ErrorKind.UNKNOWN_CODE)


def _code_kind(code: str) -> str:
    """A code's kind as its shape says it: CPT Category I (five digits: 'digits'), Category II, III or a PLA code (four
    digits then F, T or U: that letter; AMA CPT code sets), a HCPCS Level II code (its first letter)."""
    if code[:4].isdigit():
        return "digits" if code.isdigit() else code[4:5]
    return code[:1]


def suggest_codes(store: Store, code: str, limit: int = 3) -> list[str]:
    """Codes like ``code`` (its first four, else three, characters) of its own kind (``_code_kind``): a PLA code
    (0699U) is no Category III code (0699T), which a lab trial was offered."""
    kind = _code_kind(code)

    def alike(prefix: str) -> list[str]:
        return [other for other in store.codes_like(prefix) if _code_kind(other) == kind]

    candidates = alike(code[:4]) or alike(code[:3])

    def closeness(other: str) -> tuple[int, int]:
        differing = sum(a != b for a, b in zip(code, other, strict=True))
        numeric = abs(int(other) - int(code)) if other.isdigit() and code.isdigit() else 0
        return differing, numeric

    return sorted(candidates, key=closeness)[:limit]


def choose_row(store: Store, code: str, modifiers: Sequence[str]) -> dict[str, Any]:
    """CMS's row for the code: its 26/TC/53 row when one of those is given, else the base row."""
    rows = store.modifiers_of(code)
    if not rows:
        raise NotFoundError(unknown_code_message(store, code), kind=ErrorKind.UNKNOWN_CODE)
    components = [m for m in modifiers if m in COMPONENT_MODIFIERS]
    if "53" in components and len(components) == 2:  # CODE-26-53, CODE-TC-53: the component's row, 53 on it
        components.remove("53")  # (engine.modifiers._EXCLUSIVE's note: the MAC prices the discontinued part)
    if len(components) > 1:
        raise UsageError(
            f"{code}: give one of 26, TC, 53, not {' and '.join(components)}.", kind=ErrorKind.BAD_MODIFIER
        )
    wanted = components[0] if components else ""
    row = store.rvu(code, wanted)
    if row is not None:
        return row
    if wanted == "53" and store.rvu(code, "") is not None:
        return store.rvu(code, "")  # type: ignore[return-value]  # no 53 row: the modifier rules say "not priced"
    if wanted:
        any_row = store.rvu(code, rows[0])
        assert any_row is not None
        pctc = any_row["pctc"]
        instead = radiation.professional_instead(code, wanted, store.release.year)
        hint = (
            global_test_component_hint(code, wanted) if pctc == "4" else stand_alone_component_hint(code, wanted, pctc)
        )
        if instead:  # 77387-26 through 2025 (PC/TC 0, status I): another code is billed, not 77387 without 26
            hint = None
        raise NotFoundError(
            f"{code} has no -{wanted} row in {store.release.release} "
            f"(PC/TC indicator {pctc}: {meanings.meaning(meanings.PCTC, pctc)}). "
            + (f"{hint} " if hint else "")
            + f"Rows CMS publishes: {', '.join(f'{code}-{m}' if m else code for m in rows)}."
            + (f" {instead}." if instead else ""),
            kind=ErrorKind.NO_SUCH_ROW,
        )
    raise NotFoundError(
        f"{code} has no row without a modifier in {store.release.release}; "
        f"CMS lists it only as {', '.join(f'{code}-{m}' for m in rows)}.",
        kind=ErrorKind.NO_SUCH_ROW,
    )


@dataclass(frozen=True)
class ResolvedLine:
    """A claim line checked against a release: its code, modifiers, CMS's row and the notes
    the modifiers earn. Single lookups and batch both start from this."""

    code: str
    modifiers: tuple[str, ...]
    row: dict[str, Any]
    notes: tuple[str, ...]

    @property
    def needs_rules(self) -> bool:
        """Payment-policy or amount-changing modifiers, or an anesthesia code: the amount depends on
        ``engine.policy`` and ``engine.modifiers``."""
        return (
            self.row["status"] == "J"
            or any(
                m in POLICY_MODIFIERS or m in ANESTHESIA_PERCENT or modifier_table.changes_pfs_amount(m)
                for m in self.modifiers
            )
            or bool(_supply_notes(self.row, self.modifiers))  # a skin substitute's JW, JZ
        )


def resolve_line(store: Store, text: str, modifier_option: str | None = None) -> ResolvedLine:
    """Parse CODE-MOD(-MOD) (plus ``modifier_option``), check the code's shape and choose CMS's row.

    Raises the same errors, with the same kinds and texts, wherever a line comes from."""
    code, modifiers = parse_line(text, modifier_option)
    return resolve_parsed(store, code, tuple(modifiers), resolve_row)


def resolve_parsed(
    store: Store, code: str, modifiers: tuple[str, ...], row_of: Callable[[Store, str, tuple[str, ...]], Any]
) -> ResolvedLine:
    """A parsed line (``parse_line``'s checks passed): CMS's row, chosen by the code and the modifiers other
    than the purely informational ones (``row_of``: ``resolve_row``, or batch's cache of it: a claim file's
    25, 59, GP, LT, RT ... multiply its code cells, never its rows), and a note per modifier that does not
    change the PFS amount."""
    row = row_of(store, code, tuple(m for m in modifiers if not modifier_table.informational(m)))
    notes = line_notes(code, modifiers, str(row.get("mult_proc")), str(row.get("pctc")), row.get("status")) + row_notes(
        store, code, modifiers, row
    )
    supply = _supply_notes(row, modifiers)
    if supply:  # JW and JZ on a skin substitute paid as a supply: theirs, not "informational"
        instead = {_no_pfs_effect_note(m): note for m, note in supply.items()}
        notes = tuple(instead.get(note, note) for note in notes)
    return ResolvedLine(code, modifiers, row, notes)


_SUPPLY_MODIFIERS = frozenset({"JW", "JZ"})  # the modifiers engine.modifiers.supply_modifier_notes speaks of


def _supply_notes(row: dict[str, Any], modifiers: tuple[str, ...]) -> dict[str, str]:
    """``supply_modifier_notes``, without reading the row of a line that has neither JW nor JZ (most lines)."""
    return modifier_table.supply_modifier_notes(row, modifiers) if not _SUPPLY_MODIFIERS.isdisjoint(modifiers) else {}


def row_notes(store: Store, code: str, modifiers: tuple[str, ...], row: dict[str, Any]) -> tuple[str, ...]:
    """The notes of a line's CMS row: its paying modifiers' (``schedule_modifier_notes``), then a global diagnostic
    test's professional component at a facility (``component_row``), what a unit of the code is where CMS defines it
    (``engine.allergy.units_note``). Batch: its _Row's ``row_notes``."""
    notes = schedule_modifier_notes(code, modifiers, row)
    if "52" in modifiers:  # the PFS ceiling where the PFS pays the row, else the facility's rate alone
        notes += (reduced_service_note(row),)
    restricted = meanings.restricted_coverage_note(row.get("status"))
    if restricted is not None:  # price's header says it too (cli.tables): a batch row of the code the same
        notes += (restricted,)
    dental = meanings.dental_coverage_note(code, row.get("status"))
    if dental is not None:  # a D code: the dental exclusion, its exceptions and KX (engine.meanings)
        notes += (dental,)
    cosmetic = meanings.cosmetic_surgery_note(code, row.get("status"))
    if cosmetic is not None:  # a facelift's, liposuction's ...: the cosmetic surgery exclusion (engine.meanings)
        notes += (cosmetic,)
    if component_row(store, row) is not None:
        notes += (professional_component_note(code),)
    dose = allergy.units_note(code)
    if dose is not None:  # what a unit of 95165 is (ch. 12 §200 (B) item 7: engine.allergy)
        notes += (dose,)
    return notes


# A global diagnostic test (RVU file PC/TC indicator 1, "Diagnostic Tests for Radiology Services": "These codes have
# both a professional and technical component. Modifiers 26 and TC can be used with these codes", RVU25D's
# documentation, Attachment A) is 'NA' in the facility setting as a whole (``engine.pfs.GLOBAL_IN_FACILITY_REASON``):
# in a hospital or an ASC the facility is paid the technical part (OPPS, ASC; an inpatient's, Part A) and the
# physician bills the professional component, CODE-26. So the physician's fee at a site with a facility (hopd, asc,
# and a place with no facility payment priced: POS 21 ...) is the 26 row's PFS facility amount, and the sites compare
# like with like (payment-rules.md §5: a site is the facility's payment plus the PFS professional fee); a radiology
# group's trial read `price 70553` as the office's $325.27 (global) against the hospital's $361.57 (the OPPS alone),
# where the hospital's case is $471.78 (OPPS + 70553-26). The line's own PFS facility amount stays CMS's 'NA' (its
# reason said); the professional component is priced as a 26 line is, ranked with the encounter's other lines in the
# facility setting (``engine.policy``: the imaging MPPR's 5% off a later professional component), its
# ``LineSetting.row_modifier`` '26'. Not the other indicators: 2 (professional component only) and 3 (technical only)
# are stand-alone codes with no 26 row, 4 (global test only) has its components under other codes, 5 (incident to)
# is not payable to hospital patients, 6 (laboratory physician interpretation) and 8 are lab codes whose global row is
# the CLFS's and whose 26 row the physician bills as such, 7 (therapy) and 9 have no components. Nor a code whose 26
# row has no facility amount (the MAC prices it, status C).
# A global row the MAC prices (status C, 'NA' in the facility setting) whose 26 row CMS prices (status A: 77013,
# 75970, 76940, 2025's 75898; 98 codes in RVU26C) is the same case: status C leaves the global service's (and the
# TC's) amount to the contractor, but the physician at a facility bills CODE-26, which has national RVUs, and the
# facility is paid the technical part under its own system. A trial found `price 77013` at POS 22 "priced by your
# Medicare contractor" while 77013-26 was $179.84 there (75822, status A, was already paid its 26 row's).
# RVU file documentation (RVUPUF), status C: "Contractors price the code" (the row's own service: the global's, the
# TC's); its PC/TC indicator 1: "Modifiers 26 and TC can be used with these codes", the 26 row paid on its own status.
CONTRACTOR_STATUS = "C"


def component_row(store: Store, row: dict[str, Any]) -> dict[str, Any] | None:
    """The 26 row whose PFS facility amount is the physician's fee at a facility for a line of CMS's ``row`` (the
    comment above), or None: ``row`` is a global PC/TC indicator 1 row 'NA' in the facility setting (its status A, or
    C: the MAC prices the global service), and CMS publishes a 26 row priced there."""
    if row.get("modifier") or not _global_na_in_facility(row):
        return None
    professional = store.rvu(row["hcpcs"], "26")
    if professional is None or not_priced_reason(professional, "facility") is not None:
        return None
    return professional


def _global_na_in_facility(row: dict[str, Any]) -> bool:
    """Whether a row with no modifier is a global PC/TC indicator 1 row 'NA' in the facility setting: its reason
    there ``GLOBAL_IN_FACILITY_REASON``, or a contractor-priced one's (status C) marked 'NA' (``component_row``)."""
    # Either is a PC/TC indicator 1 row 'NA' in the facility setting: any other row (most) is answered without
    # working out its reason (every code cell's notes ask).
    if row["pctc"] != GLOBAL_WITH_COMPONENTS or not facility_na(row["fac_na"], row.get("mult_proc")):
        return False
    reason = not_priced_reason(row, "facility")
    if reason == GLOBAL_IN_FACILITY_REASON:
        return True
    return (
        row["status"] == CONTRACTOR_STATUS and row["pctc"] == GLOBAL_WITH_COMPONENTS
        and facility_na(row["fac_na"], row.get("mult_proc"))
    )  # fmt: skip


PROFESSIONAL_COMPONENT_AT = "Physician's fee at a hospital, ASC or inpatient stay"
# The label of that note on a batch row set in the office: it speaks of the row's hopd_*/asc_* comparison columns, not
# its site, as the place warnings and the encounter notes there say (batch.price.FACILITY_COMPARISON_ONLY,
# batch.claims.OPPS_ELSEWHERE); `rvucalc price --setting 11`, which shows the office alone, labels it the same (one
# text in price and batch).
COMPONENT_COMPARISON_ONLY = " (the hopd_*/asc_* comparison only, not this row's site)"
# `rvucalc price --setting 11` has no hopd_*/asc_* columns: its label of the same note says it in its own words (a
# review found batch's column names on price's office line), the same meaning.
PRICE_COMPONENT_ELSEWHERE = " (not this office line's amount)"
_COMPONENT_LABELS = (COMPONENT_COMPARISON_ONLY, PRICE_COMPONENT_ELSEWHERE)


def professional_component_note(code: str) -> str:
    """What a global diagnostic test's line says of its physician's fee at a facility (``component_row``)."""
    # Said on every such line of a claim file (80,000 rows of a realistic million): kept short.
    return f"{PROFESSIONAL_COMPONENT_AT}: {code}-26's PFS facility amount (PC/TC indicator 1)"


def is_professional_component_note(text: str) -> bool:
    return text.startswith(PROFESSIONAL_COMPONENT_AT + ": ")


def component_note_comparison_only(text: str, label: str = COMPONENT_COMPARISON_ONLY) -> str:
    """``professional_component_note`` labelled as not the row's site: batch's office row ``COMPONENT_COMPARISON_ONLY``
    (the default), price's office line ``PRICE_COMPONENT_ELSEWHERE``; a text labelled one way is relabelled the other
    (price's note as batch says it); any other text unchanged."""
    for other in _COMPONENT_LABELS:
        if text.startswith(PROFESSIONAL_COMPONENT_AT + other + ": "):
            text = PROFESSIONAL_COMPONENT_AT + text[len(PROFESSIONAL_COMPONENT_AT + other) :]
    if not is_professional_component_note(text):
        return text
    return PROFESSIONAL_COMPONENT_AT + label + text[len(PROFESSIONAL_COMPONENT_AT) :]


def professional_on_own_line(lines: Sequence[tuple[str, Sequence[str]]]) -> set[int]:
    """The encounter's lines (code, modifiers) whose professional component a line of their code bills (CODE-26
    beside CODE): the physician's fee at a facility is on that line, not theirs too (``component_row``). A line that
    says it is a distinct service (59, 76, XS ...) stands apart. Single lookups and batch claims both."""
    distinct = modifier_table.DISTINCT_SERVICE_MODIFIERS
    billed = {code for code, modifiers in lines if "26" in modifiers and not distinct.intersection(modifiers)}
    return {
        index for index, (code, modifiers) in enumerate(lines)
        if code in billed and not set(COMPONENT_MODIFIERS).intersection(modifiers)
        and not distinct.intersection(modifiers)
    }  # fmt: skip


def without_component(line: Line) -> None:
    """The line's facility setting taken away where it is its professional component's (``professional_on_own_line``:
    the encounter's CODE-26 line bills it)."""
    state = line.settings.get("facility")
    if state is not None and state.row_modifier is not None:
        del line.settings["facility"]


def payable_in(store: Store, row: dict[str, Any], setting: str) -> bool:
    """Whether a line of CMS's ``row`` has a setting the rules adjust there (``policy_settings``)."""
    return not_priced_reason(row, setting) is None or (setting == "facility" and component_row(store, row) is not None)


def policy_settings(
    store: Store, row: dict[str, Any], gpci: tuple[int, int, int], cf: int, locality: str | None
) -> dict[str, LineSetting]:
    """The settings the payment rules adjust for a line of CMS's ``row``: each setting it is priced in, and a global
    diagnostic test's facility setting, its professional component's (``component_row``; ``row_modifier`` '26')."""
    settings: dict[str, LineSetting] = {}
    for setting in SETTINGS:
        if not_priced_reason(row, setting) is None:
            settings[setting] = line_setting(store, row, setting, gpci, cf, locality)
        elif setting == "facility" and (professional := component_row(store, row)) is not None:
            state = line_setting(store, professional, setting, gpci, cf, locality)
            state.row_modifier = "26"
            settings[setting] = state
    return settings


def schedule_modifier_notes(code: str, modifiers: tuple[str, ...], row: dict[str, Any]) -> tuple[str, ...]:
    """QW (CLIA-waived test) on a line the PFS prices: QW chooses a CLFS row (engine.modifiers: CMS lists QW rows in
    the CLFS's MOD column), and the CLFS is not consulted for a line the PFS prices (``paid_from_rvus``): it changes
    nothing, which is said (a trial's 88305-QW was priced with no word of it). Batch: its _Row's ``row_notes``."""
    if "QW" in modifiers and paid_from_rvus(row):
        return (f"Modifier QW (CLIA-waived test) is the CLFS's: it does not change {code}'s PFS amount.",)
    if "51" in modifiers and str(row.get("global_days")) == ADD_ON_GLOBAL and str(row.get("mult_proc")) == "0":
        return (ADD_ON_51_NOTE.format(code=code),)
    return ()


# An add-on code (global period ZZZ) is exempt from the multiple procedure rules: its multiple procedure indicator is
# 0 ("no payment adjustment rules for multiple procedures apply", the RVU file's documentation), and modifier 51 is not
# appended to it (CPT Appendix D; Noridian JE, "Modifier 51": "Do not append to add-on codes"). A spine trial's
# 22612 22614-51 paid 22614 in full, rightly, with no word of why its 51 did nothing.
ADD_ON_51_NOTE = (
    "Modifier 51 does not apply to {code}, an add-on code (global ZZZ): add-on codes are exempt from the multiple "
    "procedure rules and paid in full (multiple procedure indicator 0, CPT Appendix D)."
)


# A code with no PFS payment of its own, bundled (status B: 97010, hot or cold packs) or not valid for Medicare (status
# I: 97014, whose code is G0283), has multiple procedure indicator 9 ("concept does not apply", RVU file documentation)
# whether or not CMS's therapy code list has it: the RVU file cannot say it is "not an always-therapy code", and "It
# does not change the amount" of a line that has none (a PT trial's 97010-GP was told both beside "status B").
NO_PLAN_NOTE_STATUSES = frozenset({"B", "I"})


def line_notes(
    code: str,
    modifiers: tuple[str, ...],
    mult_proc: str,
    pctc: str | None = None,
    status: str | None = None,
    components: str | None = None,
) -> tuple[str, ...]:
    """The notes a line's modifiers earn: the informational ones', then an always-therapy code's without the therapy
    modifier CMS requires (``engine.modifiers.therapy_plan_notes``); batch's cells say the same. A therapy code that
    is not multiple procedure indicator 5 (PC/TC 7: 92610, 92611, 92608, 97545: ``engine.hopd_therapy.is_therapy_code``,
    whose hospital note calls it a therapy code) keeps no "not an always-therapy code" note on its GP, GO or GN
    (a trial's 92610-GN was told both), nor does a code of ``status`` B or I (``NO_PLAN_NOTE_STATUSES``). A GV
    line's note is by the row's PC/TC indicator (``components``, else ``pctc``: ``with_components_gv_note``)."""
    notes = with_components_gv_note(modifier_notes(code, modifiers), code, modifiers, components or pctc)
    if is_therapy_code(mult_proc, pctc) or status in NO_PLAN_NOTE_STATUSES:
        outside = set(plan_outside_therapy_notes(code, modifiers))
        notes = tuple(note for note in notes if note not in outside)
    if mult_proc == modifier_table.THERAPY_MULT_PROC:
        notes += modifier_table.therapy_plan_notes(code, modifiers)
    return notes


def with_components_gv_note(
    notes: tuple[str, ...], code: str, modifiers: tuple[str, ...], pctc: str | None
) -> tuple[str, ...]:
    """``notes`` (``modifier_notes``, by the code alone) with a GV line's note by its row's PC/TC indicator ``pctc``
    (``engine.modifiers.hospice_attending_note``): no "price G0402-26" where the RVU file gives the code no
    professional component. Batch's cells say the same (batch.price: a GV cell's notes are by its row)."""
    if not (pctc and pctc.isdigit()) or "GV" not in modifiers:
        return notes
    by_code = modifier_table.hospice_attending_note(code, modifiers)
    by_row = modifier_table.hospice_attending_note(code, modifiers, pctc)
    if by_row is None or by_row == by_code:
        return notes
    return tuple(by_row if note == by_code else note for note in notes)


# GP, GO and GN say a service was furnished under a therapy plan of care; CMS applies them to the codes of its annual
# therapy code list: the "always therapy" codes (the RVU file's multiple procedure indicator 5, which "applies to the
# HCPCS codes contained on the list of 'always therapy' services": NGS Medicare) and the "sometimes therapy" ones
# (97597, 95992 ...), which need one only when a therapist furnishes them (MM10176, as BLR restates it;
# ``engine.modifiers.THERAPY_PLAN_MODIFIERS``). A trial's 93798-GP (cardiac rehabilitation) and 92557-GN (audiometry)
# were accepted without a word. The sometimes-therapy list is not installed: the note says which codes are known, never
# that the modifier is wrong (nor asks to check the code: a trial's 96105-GN, 97129-GN, 97130-GN, correct coding of
# sometimes-therapy codes, read as alarming), and the amount is unchanged. A code's line cell says it before its row is
# known (batch's text notes); ``line_notes`` takes it back on an always-therapy code's line, whose own notes judge the
# modifier.
PLAN_OUTSIDE_THERAPY_NOTE = (
    "Modifier {modifier} ({plan} plan of care) on {code}: GP, GO and GN go on the codes of CMS's therapy code list, "
    "its always-therapy codes (multiple procedure indicator 5) and its sometimes-therapy codes, which carry one when a "
    "therapist furnishes them under a plan of care. The RVU file does not mark the sometimes-therapy codes and "
    "rvucalc does not install the list, so {code} is not checked against it. It does not change the amount."
)


def plan_outside_therapy_notes(code: str, modifiers: tuple[str, ...]) -> tuple[str, ...]:
    """The note of a therapy plan modifier (GP, GO, GN) on a line, before its row is known (``line_notes`` drops it
    on an always-therapy code's)."""
    given = [m for m in modifiers if m in modifier_table.THERAPY_PLAN_MODIFIERS]
    if not given:
        return ()
    words = {"GP": "physical therapy", "GO": "occupational therapy", "GN": "speech-language pathology"}
    if code in modifier_table.RTM_ASSISTANT_CODES or code in modifier_table.RTM_DEVICE_CODES:
        return (SOMETIMES_THERAPY_NOTE.format(modifier=given[0], plan=words[given[0]], code=code),)
    return (PLAN_OUTSIDE_THERAPY_NOTE.format(modifier=given[0], plan=words[given[0]], code=code),)


# Remote therapeutic monitoring is on CMS's therapy code list as "sometimes therapy" (engine.modifiers.
# RTM_ASSISTANT_CODES): a therapist's line carries GP or GO, so the note does not ask whether the code is one.
SOMETIMES_THERAPY_NOTE = (
    "Modifier {modifier} ({plan} plan of care) on {code}, remote therapeutic monitoring: a sometimes-therapy code on "
    "CMS's therapy code list, whose line a therapist bills with GP or GO. It does not change the amount."
)


def resolve_row(store: Store, code: str, modifiers: tuple[str, ...]) -> dict[str, Any]:
    """Check the code's shape, choose CMS's row and check the modifiers against it (informational ones
    never change either: ``tests/test_lookup_lines.py`` holds the modifier table to that)."""
    # Batch's store remembers the rows chosen (batch.lookups.RememberingStore): its code cells, claims and rule
    # lines ask again of the same code and modifiers. An error is raised anew each time, never kept.
    remembered = getattr(store, "resolved_rows", None)
    if remembered is not None:
        found = remembered.get((code, modifiers))
        if found is not None:
            return found  # type: ignore[no-any-return]
    check_code_shape(code, store)
    row = choose_row(store, code, modifiers)
    modifier_table.check_schedule(code, modifiers, "pfs", others_price=not paid_from_rvus(row))
    modifier_table.check_applies(code, modifiers, mult_proc=row["mult_proc"], pctc=row["pctc"])
    if remembered is not None:
        remembered[code, modifiers] = row
    return row


_DRUG_LINE_MODIFIERS = frozenset(modifier_table.DRUG_LINE_MODIFIERS)  # JW, JZ, JG, TB (once, not per call)
# The modifiers whose notes depend on the code (PT, a drug line's, a separate anesthetic's, a therapy plan's), and the
# codes with notes of their own (portable X-ray transport): any other line's notes are its modifiers' alone.
_CODE_NOTE_MODIFIERS = frozenset({"PT", "GV", *_DRUG_LINE_MODIFIERS, *anesthesia_session.SEPARATE_ANESTHETIC,
                                  anesthesia_session.DISCONTINUED,
                                  *modifier_table.THERAPY_PLAN_MODIFIERS,
                                  *modifier_table.FOOT_CARE_CLASS_FINDINGS,
                                  *modifier_table.CODE_NOTE_MODIFIERS})  # fmt: skip
# Mohs micrographic surgery's first-stage codes, 17311 (head, neck, hands, feet, genitalia) and 17313 (trunk, arms,
# legs): multiple procedure indicator 2 in RVU25A and RVU26C, so ranked and cut 50% beside another procedure, which
# coders know as "Mohs is exempt". The CY2008 PFS final rule (CMS-1385-FC, 72 FR 66221, "Application of Multiple
# Procedure Reduction for Mohs Micrographic Surgery (CPT Codes 17311 through 17315)") ended the exemption they had had
# "since the inception of the PFS", CPT having removed Mohs from its modifier 51 exempt list for 2007 (the rule as the
# American College of Mohs Surgery quotes it). A dermatology trial's 17311 + 17312 + 14040 read the cut without a
# word. Its add-ons (17312, 17314, 17315: ZZZ, indicator 0) are not reduced: nothing to say of them.
MOHS_FIRST_STAGE = frozenset({"17311", "17313"})
# Said only on the Mohs line the rule cut (ranked after the first: engine.policy.multiple_procedure_rule's words): a
# 17311 alone, or beside its add-ons alone (17312, 17314, 17315: not ranked), or paid in full as the highest-paid, has
# nothing cut to explain (a review: the note read on every 17311 line, "beside another procedure" of an encounter with
# none).
MOHS_NOTE = (
    "Mohs surgery is not exempt from the multiple procedure rule: the CY2008 PFS final rule (CMS-1385-FC, 72 FR 66221) "
    "ended its exemption (multiple procedure indicator 2), so this line, ranked below another procedure of the "
    "encounter, is paid 50%."
)
MULTIPLE_PROCEDURE_RANKED = "Multiple procedure: ranked "  # engine.policy.multiple_procedure_rule's first words


def mohs_cut(code: str, rules: Iterable[str]) -> bool:
    """Whether a line of ``code`` is a Mohs first stage (``MOHS_FIRST_STAGE``) that the multiple procedure rule ranked
    after the first (a step of ``rules``, its settings' adjustments): its line says ``MOHS_NOTE`` (price: the
    encounter's lines after ``apply_rules``; batch: ``batch.claims._mohs_notes``, from the rows' notes)."""
    return code in MOHS_FIRST_STAGE and any(MULTIPLE_PROCEDURE_RANKED in rule for rule in rules)


_CODE_NOTE_CODES = frozenset(
    {
        "R0075",
        "R0070",
        *modifier_table.ROUTINE_FOOT_CARE_CODES,  # and their Q7-Q9
        *modifier_table.CHIROPRACTIC_MANIPULATION,
        *modifier_table.TAVR_CODES,  # and their Q0
    }
)  # and their AT with GA


# 95 and FQ at an RHC or FQHC (POS 72, 50): the place's note (engine.place_of_service.CLINIC_TELECOMMUNICATION) says
# what they are there, the mode of the clinic's mental health visit on its own claim (real-time audio and video, audio
# only: Benefit Policy Manual ch. 13 §40, 42 CFR 405.2463), so their "informational" note is left out beside it, price
# and batch alike (as 33's beside its waiver note). An RHC's trial: 90834-FQ at POS 72 read both.
CLINIC_MODES = ("95", "FQ")
CLINIC_MODES_SAID = "an RHC's or FQHC's mental health visit may be furnished via real-time audio and video (95)"


def clinic_superseded_notes(pos: str | None, modifiers: Iterable[str]) -> frozenset[str]:
    """The informational notes of a line's 95 or FQ that the RHC's or FQHC's note explains (``CLINIC_MODES``)."""
    if pos not in ("50", "72"):
        return frozenset()
    return frozenset(_no_pfs_effect_note(modifier) for modifier in CLINIC_MODES if modifier in modifiers)


def modifier_notes(code: str, modifiers: tuple[str, ...]) -> tuple[str, ...]:
    """The notes of a line's modifiers, whatever its row (``line_notes`` less the therapy plan's; batch's code cells say
    the same): the informational ones', where 59 or XE on an anesthesia line says it is a separate anesthetic
    (``engine.anesthesia.separate_note``: it is not combined with the encounter's other anesthesia lines), and the
    postoperative place's."""
    # Batch asks once per new code cell (~150,000 times in a realistic million): kept per modifiers where the code
    # cannot matter, so the few thousand modifier sets stay cached where the cells' codes would evict them.
    if code in _CODE_NOTE_CODES or not _CODE_NOTE_MODIFIERS.isdisjoint(modifiers):
        return _code_modifier_notes(code, modifiers)
    return _modifiers_notes(modifiers)


@functools.lru_cache(maxsize=4096)
def _modifiers_notes(modifiers: tuple[str, ...]) -> tuple[str, ...]:
    """``modifier_notes`` of a line none of whose notes depends on its code (``_CODE_NOTE_MODIFIERS``)."""
    notes = informational_notes(modifiers) + modifier_table.teaching_assistant_notes(modifiers)
    return notes + modifier_table.postoperative_place_notes(modifiers)


# 33 on advance care planning (99497, 99498) and moderate sedation (G0500, 99153) is the modifier Medicare reads for
# their waiver (engine.preventive: with the AWV, CR 9271 / MM9271; with a screening colonoscopy, CR 10075), and each
# such line's encounter note says whether it holds (waived, or why not: no AWV, another practitioner's AWV). A hospice
# and palliative group's trial: G0439 + 99497-33 read "Modifier 33 is informational: it does not change the amount."
# beside "deductible and coinsurance waived". Its informational note is left out there, price and batch alike.
_OWN_33_NOTE_CODES = preventive.ACP_CODES | preventive.SEDATION_CODES


@functools.lru_cache(maxsize=8192)
def _code_modifier_notes(code: str, modifiers: tuple[str, ...]) -> tuple[str, ...]:
    notes = informational_notes(modifiers)
    if "PT" in modifiers:  # what PT does depends on the code (engine.preventive.pt_note)
        notes = tuple(preventive.pt_note(code) if note == preventive.PT_NOTE else note for note in notes)
    drug_line = _DRUG_LINE_MODIFIERS.intersection(modifiers)
    if drug_line:  # JW, JZ, JG, TB on a service's line: whose line they are (engine.modifiers.drug_modifier_note)
        instead = {_no_pfs_effect_note(m): modifier_table.drug_modifier_note(code, m) for m in drug_line}
        notes = tuple(instead.get(note) or note for note in notes)
    hospice = modifier_table.hospice_attending_note(code, modifiers)
    if hospice is not None:  # GV: what of the line Part B pays the attending physician (engine.modifiers)
        notes = tuple(hospice if note == _no_pfs_effect_note("GV") else note for note in notes)
    coded = modifier_table.code_modifier_notes(code, modifiers)
    if coded:  # 33 on a colonoscopy code: what Medicare does instead (engine.modifiers.colorectal_33_note)
        instead = {_no_pfs_effect_note(m): note for m, note in coded.items()}
        notes = tuple(instead.get(note) or note for note in notes)
    if "33" in modifiers and code in _OWN_33_NOTE_CODES:
        notes = tuple(note for note in notes if note != _no_pfs_effect_note("33"))
    findings = modifier_table.class_findings_elsewhere_notes(code, modifiers)
    findings |= modifier_table.active_treatment_elsewhere_notes(code, modifiers)  # AT off 98940-98942
    findings |= modifier_table.portable_xray_count_notes(code, modifiers)  # R0075's UN-US: the MAC's proration
    if findings:  # Q7-Q9 off routine foot care: said, not "informational" (engine.modifiers)
        instead = {_no_pfs_effect_note(m): note for m, note in findings.items()}
        notes = tuple(instead.get(note) or note for note in notes)
    separate = anesthesia_session.separate_note(code, modifiers)
    if separate is not None:
        said = {_no_pfs_effect_note(modifier) for modifier in anesthesia_session.SEPARATE_ANESTHETIC}
        notes = (*(note for note in notes if note not in said), separate)
    discontinued = anesthesia_session.discontinued_note(code, modifiers)  # 53 on an anesthesia line (engine.anesthesia)
    if discontinued is not None:
        notes = (*notes, discontinued)
    notes += modifier_table.teaching_assistant_notes(modifiers) + plan_outside_therapy_notes(code, modifiers)
    notes += modifier_table.portable_xray_transport_notes(code, modifiers)
    notes += modifier_table.routine_foot_care_notes(code, modifiers)
    notes += modifier_table.tavr_without_q0_notes(code, modifiers)
    notes += modifier_table.chiropractic_modifier_notes(code, modifiers)
    return notes + modifier_table.postoperative_place_notes(modifiers)


@functools.lru_cache(maxsize=1024)
def informational_notes(modifiers: tuple[str, ...]) -> tuple[str, ...]:
    notes = tuple(
        _no_pfs_effect_note(modifier)
        for modifier in modifiers
        if modifier_table.schedule_effect(modifier, "pfs") == "none"
        and not modifier_table.another_schedules(modifier)
        and modifier != "52"  # its row's note (``reduced_service_note``): what it says depends on the PFS paying it
    )
    digits = modifier_table.digits_on_one_line_note(modifiers)
    if digits is not None:  # 26055-F2-F3: two fingers on one line, said once (engine.modifiers.digits_on_one_line_note)
        said = {_no_pfs_effect_note(modifier) for modifier in modifiers if modifier in modifier_table.DIGIT_DESCRIPTORS}
        notes = (*(note for note in notes if note not in said), digits)
    if "AQ" in modifiers and "TC" in modifiers:  # a technical component earns no HPSA bonus (AQ_TC_NOTE)
        notes = tuple(AQ_TC_NOTE if note == AQ_NOTE else note for note in notes)
    if "KX" in modifiers and any(m in modifier_table.THERAPY_PLAN_MODIFIERS for m in modifiers):
        # KX on a therapy line: the threshold's attestation (engine.modifiers.KX_NOTE), a trial's 92507-GN-KX said
        # "informational" alone. Elsewhere (a DMEPOS policy's KX) the generic note.
        notes = tuple(modifier_table.KX_NOTE if note == _no_pfs_effect_note("KX") else note for note in notes)
    return notes


# KX on an item the DMEPOS fee schedule prices is that item's medical policy's attestation ("Requirements specified in
# the medical policy have been met", required only where the DME MAC's policy requires it: CMS Program Memorandum
# B-02-003), which its DMEPOS note says, with "KX does not change the DMEPOS fee" (engine.modifiers.DMEPOS_KX_NOTE). The
# line's generic "Modifier KX is informational" (its modifiers' notes, made before the schedule paying it is known) is
# not said beside it: a review's A4253-NU-KX (an RVU file code, status P) read what KX means twice, E0601-RR-KX once.
# Price (lookup.pricer) and batch (batch.schedules, from the rows' DMEPOS notes) both ask here; a PFS line's KX
# (99213-KX) has no DMEPOS note and keeps the generic one.
def dmepos_superseded_notes(dmepos_notes: Iterable[str]) -> frozenset[str]:
    """The line notes that a DMEPOS-priced line's notes (``dmepos_notes``, ``lookup.schedules``') say instead: the
    generic KX note where they hold ``engine.modifiers.DMEPOS_KX_NOTE``, CG's RHC note (``CG_NOTE``) where they hold
    ``DMEPOS_CG_NOTE``, the generic KS note where they hold ``DMEPOS_KS_NOTE``; none otherwise."""
    said = set(dmepos_notes)
    return frozenset(_no_pfs_effect_note(modifier) for modifier, note in (
        ("KX", modifier_table.DMEPOS_KX_NOTE), ("CG", modifier_table.DMEPOS_CG_NOTE),
        ("KS", modifier_table.DMEPOS_KS_NOTE)) if note in said)  # fmt: skip


def rate_kept_superseded(opps_notes: Iterable[str]) -> frozenset[str]:
    """The generic notes of PO and PN ("it changes the hospital's (OPPS) rate") that an OPPS line's notes contradict
    where they say the line keeps its rate (``engine.modifiers.rate_kept_modifiers``): said instead of them, in price
    (lookup.pricer) and batch (BatchPricer._rate_kept_notes) alike."""
    return frozenset(_no_pfs_effect_note(modifier) for modifier in modifier_table.rate_kept_modifiers(opps_notes))


def no_opps_rate_notes(modifiers: Iterable[str], status_indicator: str | None) -> dict[str, str]:
    """The generic notes of PO and PN among ``modifiers`` ("it changes the hospital's (OPPS) rate"), each mapped to
    what is said in its place where the code's OPPS status indicator pays no rate of its own (OPPS_NOT_PAID:
    ``engine.modifiers.no_opps_rate_note``); none otherwise. Price (lookup.pricer) and batch
    (BatchPricer._no_opps_rate_notes) alike, in every setting, where the date's Addendum B lists the code."""
    if status_indicator is None or status_indicator not in facility_meanings.OPPS_NOT_PAID:
        return {}
    return {_no_pfs_effect_note(modifier): modifier_table.no_opps_rate_note(modifier, status_indicator)
            for modifier in modifier_table.RATE_KEEPING_MODIFIERS if modifier in modifiers}  # fmt: skip


_DEVICE_CREDIT = frozenset({"FB", "FC"})  # engine.facility.DEVICE_CREDIT_MODIFIERS


def _no_pfs_effect_note(modifier: str) -> str:
    """What a modifier that leaves the PFS amount alone does: nothing, or the facility's rate (PN, PO, 73 ...) or the
    patient's share (PT), which its other notes show; never "informational" beside the cut it made."""
    if modifier in _SIDE_NOTES:
        return _SIDE_NOTES[modifier]
    if modifier in _READER_NOTES:
        return _READER_NOTES[modifier]
    if modifier in modifier_table.MODIFIER_LINE_NOTES:  # SA: how Medicare pays instead (engine.modifiers.SA_NOTE)
        return modifier_table.MODIFIER_LINE_NOTES[modifier]
    sites = [name for schedule, name in (("opps", "the hospital's (OPPS)"), ("asc", "the ASC's"))
             if modifier_table.schedule_effect(modifier, schedule) != "none"]  # fmt: skip
    if modifier == "74":  # the facility's full rate: no change anywhere (engine.modifiers.AFTER_ANESTHESIA_NOTE)
        return modifier_table.AFTER_ANESTHESIA_NOTE
    if sites and modifier in _DEVICE_CREDIT:  # a device-intensive procedure's alone (engine.facility.removed_device)
        return (
            f"Modifier {modifier} does not change the PFS amount: it changes the ASC's rate of a device-intensive "
            "procedure (payment indicator J8) alone."
        )
    if sites:
        return f"Modifier {modifier} does not change the PFS amount: it changes {' and '.join(sites)} rate."
    if modifier == "PT":
        return preventive.PT_NOTE
    if modifier == "22":
        return MODIFIER_22_NOTE
    if modifier == "AQ":
        return AQ_NOTE
    if modifier == "AB":  # the audiologist's direct access: its limits, and the code list not checked
        return modifier_table.AB_NOTE
    if modifier in modifier_table.BEHAVIORAL_PROGRAM_MODIFIERS:  # HA-HZ: Medicaid's, not Medicare's (a trial's HO)
        meaning = modifier_table.BEHAVIORAL_PROGRAM_MODIFIERS[modifier]
        meaning = meaning if meaning.startswith("Medicaid") else meaning.lower()  # a name keeps its capital
        note = modifier_table.BEHAVIORAL_PROGRAM_NOTE
        return f"Modifier {modifier} ({meaning}): {note[0].lower()}{note[1:]}"
    # "the amount": a lab's 90 or 91 is on a CLFS line (a trial), a drug's JW on an ASP one; no schedule's changes.
    return f"Modifier {modifier} is informational: it does not change the amount."


# Modifier 52's note depends on the line's CMS row, so it is a row note (``row_notes``: price's and batch's _Row's
# alike), not a modifier's: where the PFS pays the row (``paid_from_rvus``) the fee schedule amount is a ceiling
# (engine.modifiers.REDUCED_SERVICE_NOTE: SSA §1848(a)(1), Claims Processing Manual ch. 12 §20.4.6); where it does not
# (a drug's status E row, status C, I, X ...: no PFS amount shown) that ceiling is not said of an amount the line lacks
# (a review: `price J1300-52 --date 2025-08-04` and a 0695T-52, status C, read "the PFS amount shown is the most
# Medicare pays" beside no PFS amount), only what 52 does to the facility's rate: OPPS, Claims Processing Manual ch. 4
# §20.6.4 (modifiers 52, 73, 74); ASC, ch. 14 §40.4 (terminated and reduced procedures).
ANESTHESIA_STATUS = "J"  # the RVU file's anesthesia rows (engine.meanings: no RVUs, base and time units)
REDUCED_SERVICE_FACILITY_NOTE = (  # no "; " in it (batch joins notes with it)
    "Modifier 52 (reduced services): the line has no PFS amount, and at a hospital or ASC 52 changes the facility's "
    "(OPPS or ASC) rate."
)


def reduced_service_note(row: dict[str, Any]) -> str:
    """The note of modifier 52 on a line of CMS's ``row``: the PFS amount a ceiling where the PFS pays the row, else
    the facility's rate alone (``REDUCED_SERVICE_FACILITY_NOTE``)."""
    # An anesthesia code (status J: no RVUs) is paid under the PFS too, from its base and time units (engine.anesthesia)
    pfs_pays = paid_from_rvus(row) or row.get("status") == ANESTHESIA_STATUS
    return modifier_table.REDUCED_SERVICE_NOTE if pfs_pays else REDUCED_SERVICE_FACILITY_NOTE


# 22 is not ignored by Medicare: the fee schedule amount is paid unless the MAC, reviewing the documentation, pays
# more (Claims Processing Manual ch. 12 §20.4.6, "Payment Due to Unusual Circumstances (Modifiers '-22' and '-52')",
# as WPS's and Noridian's modifier 22 pages restate it: the operative report and a statement of the extra work). A
# spine trial read "informational" as ignored. rvucalc cannot know the MAC's decision: the amount stays the fee's.
MODIFIER_22_NOTE = (
    "Modifier 22 (increased procedural services): paid at the fee schedule amount unless the MAC, on review of the "
    "documentation (operative report, statement of the extra work), allows more (Claims Processing Manual ch. 12 "
    "§20.4.6): rvucalc shows the fee schedule amount."
)


# AQ (a physician's service in an unlisted HPSA) claims the HPSA bonus, which Medicare pays apart from the fee
# schedule amount: "Medicare pays a 10% quarterly bonus", based on the amount paid, and "The HPSA bonus applies only to
# a physician's professional services" (for a service with both components, the professional one); those eligible are
# a physician in a primary medical care HPSA and a psychiatrist in a mental health HPSA (CMS, "Physician Bonuses" HPSA
# page; NGS Medicare, "Health Professional Shortage Area"). A trial's 99213-AQ said only "informational".
# The bonus is a physician's professional services' alone: "If you bill a service that has both a professional and
# technical component, only the professional component will receive the bonus payment" (CMS's page as the Texas
# Medical Association restates it; CMS: "you only get a bonus for the professional component"): a TC line earns none,
# a global line's bonus is on its professional part, and a lab test (CLFS) or a drug (ASP), no physician's
# professional service, none. Batch's cell texts know the modifiers, not the schedule: the note says which lines earn
# it (a trial's 71046-TC-AQ, 80053-AQ and J1885-AQ were all told the bonus was paid).
AQ_NOTE = (
    "Modifier AQ (HPSA bonus): the 10% HPSA bonus is paid separately by the MAC, quarterly, on the amount paid for a "
    "physician's professional services only (CMS's HPSA physician bonus page), of a service with both components on "
    "its professional component, none on a technical component, a lab test (CLFS) or a drug: it is not in this amount."
)
AQ_TC_NOTE = (
    "Modifier AQ (HPSA bonus) on a technical component: the HPSA bonus is paid on a physician's professional "
    "services only, a service with both components on its professional component alone (CMS's HPSA physician bonus "
    "page): this TC line earns none. The amount is unchanged."
)


# A side changes nothing on a line alone; with the other side's line of a bilateral code it is one procedure
# (engine.policy.bilateral_pairs, which says so on the pair's lines). The note names no schedule: the line's code and
# modifiers make it (batch: once per code cell, before the schedule paying it is known), and a DMEPOS item's side
# changes its fee no more (a podiatry trial's A5500-KX-RT was told of "the PFS amount" beside its DMEPOS fee): the DME
# MACs' "Correct Coding Reminder - RT and LT Modifiers" (CGS, 2019, 2023: "Suppliers must bill each item on two
# separate claim lines using the RT and LT modifiers and 1 unit of service (UOS) on each claim line"), each line its
# item's fee.
_SIDE_NOTES = {
    side: f"Modifier {side} names the side: it does not change the amount of a line alone." for side in ("LT", "RT")
}
# A line the pair rule paid as one side of a bilateral procedure (engine.policy.paired_side) has its amount changed by
# its side: the note is taken off it (lookup.pricer, batch.claims), the pair's step saying what the side did (a
# trial's 37263-RT 37263-LT read "it does not change the amount" beside "$5,418.94 -> $0.00").
SIDE_NOTES = frozenset(_SIDE_NOTES.values())


# 77 and XP say another physician or practitioner furnished the line: nothing on a line alone, nor beside another
# diagnostic imaging study, whose professional component the 5% cut ranks with the claim's other readings, a group's
# (engine.policy's ANOTHER_READER_MODIFIERS). It said the modifier kept the line out of the cut (CY2012's rule).
_READER_NOTES = {
    modifier: (
        f"Modifier {modifier} ({who}) does not change the PFS amount of a line alone, nor take its professional "
        "component out of the 5% multiple imaging reduction beside another study: CMS applies it to the readings of "
        "one or more physicians in the same group practice (CY2013 PFS final rule, CR 9647)."
    )
    for modifier, who in (("77", "repeat by another physician"), ("XP", "separate practitioner"))
}

# 79 (unrelated procedure by the same physician during the postoperative period) starts a new global period for the
# procedure; it does not take the line out of the multiple procedure rules, which rank it with the session's other
# procedures (Claims Processing Manual ch. 12 §40: global surgery, §40.6 multiple surgeries). It said "paid in full"
# on a line the same note then showed at 50% (a dermatology trial: 12031 11600-79).
MODIFIER_79_NOTE = (
    "Modifier 79 (unrelated procedure during the postoperative period): a new global period starts, and the multiple "
    "procedure rules still apply to the line (Claims Processing Manual ch. 12 §40)."
)
# 79 is a surgeon's procedure modifier. On a code with no global period of its own (CMS's RVU file GLOB DAYS XXX, ZZZ,
# YYY, MMM: an E/M visit, a test, an add-on) no new global period starts, and on an assistant at surgery's line the
# global surgery rules do not apply: a general surgery trial's 99233-79 and 47562-80-79 were told "a new global
# period starts". The MAC's own words (Palmetto GBA, "CPT Modifier 79", JJ/JM Part B): "This modifier may only be
# submitted with surgery codes. For E/M services performed in the global period of a surgery, refer to CPT
# modifiers 24, 25 and 57", and "Do not submit this modifier on assistant surgery services because global surgery
# rules do not apply to assistants. Services submitted with HCPCS modifier AS or CPT modifier 80, 81 or 82 in addition
# to this modifier will be 'returned as unprocessable' with remark code MA130". The money is unchanged (a note).
GLOBAL_PERIOD_DAYS = frozenset({"000", "010", "090"})


def modifier_79_note(code: str, modifiers: Sequence[str], global_days: str | None) -> str:
    """The note of a line with modifier 79: ``MODIFIER_79_NOTE`` on a surgeon's procedure with a global period (000,
    010, 090), otherwise what 79 does not do there."""
    assistant = sorted(ASSISTANT_MODIFIERS.intersection(modifiers))
    if assistant:
        return (
            f"Modifier 79 beside {assistant[0]} (an assistant at surgery's line): global surgery rules do not apply to "
            "assistants, and the MAC returns such a line as unprocessable (remark code MA130): bill it without 79 "
            "(Palmetto GBA, 'CPT Modifier 79'). Priced as given."
        )
    if global_days in GLOBAL_PERIOD_DAYS:
        return MODIFIER_79_NOTE
    days = global_days or "none"
    meaning = meanings.GLOBAL_DAYS.get(days)
    told = f" ({meaning[0].lower()}{meaning[1:]}, CMS's RVU file)" if meaning else ""
    said = (
        f"Modifier 79 (unrelated procedure during the postoperative period) changes nothing on {code}: its global "
        f"period is {days}{told}, so no new global period starts"
    )
    if visits.is_em(code) or code in visits.EYE_EXAMS:
        said += (
            "; 79 is for surgery codes: an E/M visit in a procedure's postoperative period unrelated to it is billed "
            "with 24 (25 or 57 on the day of the procedure), and the MAC may return the line (Palmetto GBA, "
            "'CPT Modifier 79')"
        )
    return said + ". Priced as given."


@dataclass
class AnesthesiaInput:
    base_units: Decimal | None = None
    minutes: int | None = None
    conversion_factor: Decimal | None = None  # a what-if national anesthesia CF (--anesthesia-cf)


@dataclass
class PreparedLine:
    code: str
    modifiers: list[str]
    row: dict[str, Any]
    pfs: PfsResult  # before the payment rules
    policy: Line
    notes: list[str] = field(default_factory=list)
    year: int = 0
    refusals: list[str] = field(default_factory=list)  # why a modifier leaves a setting not priced
    # The physician's fee at a facility where it is not the line's PFS facility amount: a global diagnostic test's
    # professional component's (``component_row``), after the rules; None otherwise.
    component: SettingAmount | None = None
    echoed: list[str] = field(default_factory=list)  # an ambulance line's origin/destination pair (ambulance_pairs)


# A practitioner whose line is priced as with a modifier: a clinical social worker is paid "80 percent of the lesser of
# the actual charge or 75 percent of the amount ... under the fee schedule ... for a psychologist" (SSA §1833(a)(1)(F);
# Claims Processing Manual ch. 12 §150), and so, from January 1, 2024, are marriage and family therapists and mental
# health counselors: "The fee schedule for clinical social worker, marriage and family therapist, and mental health
# counselor services is set at 75 percent of the amount determined for clinical psychologist services under the
# physician fee schedule" (42 CFR 414.53, CY2024 PFS final rule, 88 FR 79530; CMS's page "Marriage and Family
# Therapists & Mental Health Counselors": "75% of what a clinical psychologist is paid"). A clinical psychologist is
# paid the PFS amount, so that is the amount the 75% is of. A CSW's claim line carries AJ, which engine.modifiers
# prices; --provider csw (an LCSW, LMFT or LMHC credential in a batch provider column) prices the line as with AJ:
# one rule, the same money, the same lack of a limiting charge (ASSIGNMENT_MODIFIERS). A line that carries AJ
# already is not reduced twice.
PROVIDER_MODIFIERS = {"csw": "AJ"}
# The practitioner a modifier names (AJ: a clinical social worker, AH: a clinical psychologist): a line whose
# --provider names another is refused in ``prepare`` (an NP's 85% and a social worker's 75% are never both).
PRACTITIONER_MODIFIERS = {"AJ": "csw", "AH": "psychologist"}
CSW_PROVIDER_NOTE = (
    "A clinical social worker's, marriage and family therapist's or mental health counselor's line (--provider csw, "
    "or LCSW, LMFT, LMHC, LPC ... in a provider column): priced as with AJ, 75% of the PFS amount (42 CFR 414.53), "
    "no limiting charge. A clinical social worker's claim line carries AJ."
)


def provider_modifiers(provider: str, modifiers: Sequence[str]) -> tuple[str, ...]:
    """``modifiers`` as the line's practitioner is paid (``PROVIDER_MODIFIERS``): a csw's line with AJ added where it
    has none (never twice)."""
    extra = PROVIDER_MODIFIERS.get(provider)
    return tuple(modifiers) if extra is None or extra in modifiers else (*modifiers, extra)


# AJ prices a PFS line (engine.modifiers: a PFS modifier): the provider's AJ goes on the lines the PFS pays from its
# RVUs alone (``paid_from_rvus``), never on a lab, drug, DME or facility-only line, which the CLFS, ASP or DMEPOS pays
# at its own amount (100%, as an NP's: no 75%, no AJ in the title, no CSW_PROVIDER_NOTE). An anesthesia code (status
# J) is no clinical social worker service: SSA §1861(hh)(2) covers services "for the diagnosis and treatment of mental
# illnesses" (as do 42 CFR 410.73 and the MFT/MHC services of §1861(lll)): refused. And AJ is one of the claim
# line's four modifiers (engine.modifiers.MAX_MODIFIERS): a csw's line written with four others has no room for it.
CSW_ANESTHESIA_REFUSAL = (
    "{code}: an anesthesia service is not a clinical social worker's, marriage and family therapist's or mental "
    "health counselor's (--provider csw): Medicare covers their services for the diagnosis and treatment of mental "
    "illnesses (Social Security Act §1861(hh)(2), (lll)): rvucalc prices nothing for it."
)


def provider_modifier_applies(provider: str, written: Sequence[str], row: dict[str, Any]) -> bool:
    """Whether the line's ``provider`` adds its modifier (``PROVIDER_MODIFIERS``: a csw's AJ) to the ``written``
    ones on this CMS ``row``: a line the PFS pays from its RVUs, not anesthesia; refuse an anesthesia line of a csw,
    and a line with no room left for AJ (``check_modifier_room``)."""
    extra = PROVIDER_MODIFIERS.get(provider)
    if extra is None or extra in written:
        return False
    if row.get("status") == "J":
        raise modifier_table.ModifierNotApplicable(CSW_ANESTHESIA_REFUSAL.format(code=row.get("hcpcs", "")),
                                                   kind=ErrorKind.DENIED)  # fmt: skip
    if not paid_from_rvus(row):
        return False
    if len(written) >= modifier_table.MAX_MODIFIERS:
        raise UsageError(
            f"{len(written) + 1} modifiers on one line (with {extra}, which a clinical social worker's line carries: "
            f"--provider {provider}): a claim line carries at most {modifier_table.MAX_MODIFIERS}.",
            kind=ErrorKind.BAD_MODIFIER,
        )
    return True


def check_practitioner(code: str, modifiers: Sequence[str], provider: str, *, stated: bool = False) -> None:
    """Refuse a line whose AJ or AH names a practitioner other than its ``provider`` (``PRACTITIONER_MODIFIERS``;
    a physician's --provider, the default, or a CRNA's names none: the modifier says who), and an anesthesia line
    whose payment modifier names another (engine.anesthesia.practitioner_conflict: QZ on a physician's, AA on a
    CRNA's). ``stated``: a batch provider cell (batch.lines.parse_lines) or an explicit --provider named the physician
    (MD, DO ...): a practitioner, as an NP's cell is."""
    conflict = anesthesia_session.practitioner_conflict(code, modifiers, provider, stated=stated)
    if conflict is not None:
        raise UsageError(conflict, kind=ErrorKind.BAD_MODIFIER)
    if provider not in MANDATORY_ASSIGNMENT and not (stated and provider == "physician"):
        return
    for modifier in modifiers:
        named = PRACTITIONER_MODIFIERS.get(modifier)
        if named is not None and named != provider:
            raise UsageError(
                f"{code}-{'-'.join(modifiers)}: AJ and AH name the practitioner (a clinical social worker, a "
                # A batch row's practitioner is its provider cell's as often as --provider's: a Seattle behavioral
                # health trial's 90834-AJ on a 'PhD' row (no --provider given) was told "--provider psychologist".
                f"clinical psychologist); the line's practitioner ({provider}: --provider, or the row's provider cell "
                "in batch) is another: give one of them.",
                kind=ErrorKind.BAD_MODIFIER,
            )


_TC_CUT_MODIFIERS = frozenset({"FX", "FY", "CT"})  # the claim modifiers that cut a line's technical component


def prepare(
    store: Store,
    text: str,
    modifier_option: str | None,
    *,
    locality: str | None,
    gpci: tuple[int, int, int],
    cf: int | None,
    cf_kind: str | None,
    qp: bool,
    provider: str,
    anesthesia: AnesthesiaInput,
    parsed: tuple[str, Sequence[str]] | None = None,
    provider_stated: bool = False,
) -> PreparedLine:
    """Everything one line needs before the encounter's rules run. ``parsed``: ``parse_line(text, modifier_option)``'s
    answer where the caller has it already (batch parses each code cell once: its rule lines need not again).
    ``provider_stated``: the practitioner was named as a batch provider cell names it (--provider md, not its default
    word physician): ``check_practitioner``'s ``stated``."""
    code, written = parse_line(text, modifier_option) if parsed is None else (parsed[0], list(parsed[1]))
    # A chiropractor's line other than a spinal manipulation, or a manipulation without AT: denied whatever the
    # schedule (batch: its code cells, batch.lines._parse_code).
    denial = modifier_table.chiropractic_denial(code, written, provider)
    if denial is not None:
        raise modifier_table.ModifierNotApplicable(denial, kind=ErrorKind.DENIED)
    resolved = resolve_parsed(store, code, provider_modifiers(provider, written), resolve_row)
    if len(resolved.modifiers) > len(written) and not provider_modifier_applies(provider, written, resolved.row):
        resolved = resolve_parsed(store, code, tuple(written), resolve_row)  # a lab, drug or DME line: no AJ
    code, modifiers, row, notes = resolved.code, list(resolved.modifiers), resolved.row, list(resolved.notes)
    if len(modifiers) > len(written):
        notes.append(CSW_PROVIDER_NOTE)
    if row["status"] == "J" and cf_kind == WHAT_IF_CF_KIND:
        # A what-if PFS CF does not price anesthesia (the anesthesia CF does): the line shows the file's CF, unlabelled.
        cf, cf_kind = None, None
    line_cf = int(row["conv_factor"]) if cf is None else cf
    pfs = price_row(row, gpci, line_cf, cf_kind)
    line = Line(code=code, modifiers=modifiers, row=row, settings={}, provider=provider)
    check_modifiers(line)
    check_practitioner(code, written, provider, stated=provider_stated)
    if row["status"] == "J":
        _anesthesia(store, pfs, line, locality, qp, anesthesia, notes)
        return PreparedLine(code, modifiers, row, pfs, line, notes, store.release.year)
    said = anesthesia_session.qualifying_circumstance_note(code, row["status"], anesthesia.base_units,
                                                          anesthesia.minutes)  # fmt: skip
    if said is not None:  # 99100 ... with base units: status B, priced so, the units not read
        notes.append(said)
    for name, value in (("base_units", anesthesia.base_units), ("minutes", anesthesia.minutes)):
        if value is not None and said is None:
            raise UsageError(f"{option(name)} is for anesthesia codes (status J); {code} has status {row['status']}.")
    if row["status"] == "T":
        notes.append(STATUS_T_NOTE)
    capped = contractor_cap_note(store, row, locality)
    if capped is not None:
        notes.append(capped)
    if "79" in modifiers:
        notes.append(modifier_79_note(code, modifiers, row.get("global_days")))
    team = "66" in modifiers
    tc_cut = not _TC_CUT_MODIFIERS.isdisjoint(modifiers)
    for setting, state in policy_settings(store, row, gpci, line_cf, locality).items():
        if team:
            if state.row_modifier is None:
                setattr(pfs, setting, SettingAmount.model_construct(
                    payable=False, reason="Team surgery (66): paid by report, the MAC prices it from documentation.",
                    adjustments=[], status=NOT_PRICED))  # fmt: skip
            continue
        line.settings[setting] = state
        if tc_cut and state.tc is None and row["modifier"] != "TC" and state.row_modifier is None:
            state.tc = _fee(store.rvu(row["hcpcs"], "TC"), setting, gpci, line_cf)
    prepared = PreparedLine(code, modifiers, row, pfs, line, notes, store.release.year)
    if AMBULANCE_CODE.fullmatch(code):  # parse_line's code: no other line has a pair to echo
        prepared.echoed = ambulance_pairs(text, modifier_option)
    return prepared


def contractor_cap_note(store: Any, row: dict[str, Any], locality: str | None) -> str | None:
    """The OPPS-based cap on the MAC's price of a contractor-priced row (status C) at ``locality``, where CMS's OPPSCAP
    lists the row there (``engine.pfs.CONTRACTOR_PRICE_CAP``): OPPSCAP's own amounts, whatever the CF (the MAC's
    price is not computed from it). None elsewhere: national, another status, no OPPSCAP row. ``store``: a Store, or
    batch's lookups of it. Price's lines and batch's rows say it from here."""
    if locality is None or row.get("status") != CONTRACTOR_STATUS:
        return None
    cap = store.opps_cap(row["hcpcs"], row["modifier"], locality)
    if cap is None:
        return None
    place = store.locality(locality)
    name = locality if place is None else place["name"]
    label = row["hcpcs"] + (f"-{row['modifier']}" if row["modifier"] else "")
    return contractor_price_cap_note(label, int(cap["cap_nonfac"]), int(cap["cap_fac"]), locality, name)


def _fee(row: dict[str, Any] | None, setting: str, gpci: tuple[int, int, int], cf: int) -> int | None:
    if row is None or not_priced_reason(row, setting):
        return None
    pe = row["pe_nonfac_rvu" if setting == "non_facility" else "pe_fac_rvu"]
    return int(fee_cents(row["work_rvu"], pe, row["mp_rvu"], *gpci, cf))


def cms_conversion_factors(store: Store, row: dict[str, Any]) -> tuple[int, ...]:
    """The conversion factors (ten-thousandths) CMS prices ``row`` with: its RVU file's, and the year's QP CF."""
    qp = store.release.conversion_factors.get("qp")
    return (int(row["conv_factor"]),) if qp is None else (int(row["conv_factor"]), cf_units(Decimal(qp)))


def _what_if_cap(store: Store, row: dict[str, Any], setting: str, gpci: tuple[int, int, int], cf: int) -> int:
    """The OPPS imaging cap of ``row`` under a what-if CF (``engine.kernels.WHAT_IF_OPPS_CAP``): the TC's OPPS amount
    at CMS's CF, the rest at ``cf``."""
    pe = "opps_nonfac_pe" if setting == "non_facility" else "opps_fac_pe"
    tc_row = row if row["modifier"] == "TC" else store.rvu(row["hcpcs"], "TC")
    whole = opps_rvu_units(row["work_rvu"], row[pe], row["opps_mp"], *gpci)
    tc = whole if tc_row is None else opps_rvu_units(tc_row["work_rvu"], tc_row[pe], tc_row["opps_mp"], *gpci)
    return int(what_if_opps_cap(whole, tc, int(row["conv_factor"]), cf))


def cap_at_cf(
    store: Store, row: dict[str, Any], cap: dict[str, Any] | None, gpci: tuple[int, int, int], cf: int | None
) -> dict[str, Any] | None:
    """OPPSCAP's row ``cap`` for ``row`` priced with the CF ``cf`` (ten-thousandths; None: the row's own): as it is at
    CMS's CFs, its amounts recomputed under a what-if CF (``engine.kernels.WHAT_IF_OPPS_CAP``). Price, batch's claim
    lines and compare (named codes and --all) take their caps from here."""
    if cap is None or cf is None or cf in cms_conversion_factors(store, row):
        return cap
    return {**cap, "cap_nonfac": _what_if_cap(store, row, "non_facility", gpci, cf),
            "cap_fac": _what_if_cap(store, row, "facility", gpci, cf)}  # fmt: skip


def line_setting(
    store: Store, row: dict[str, Any], setting: str, gpci: tuple[int, int, int], cf: int, locality: str | None
) -> LineSetting:
    fee = _fee(row, setting, gpci, cf)
    assert fee is not None
    state = LineSetting(fee=fee)
    if locality is not None:
        cap = cap_at_cf(store, row, store.opps_cap(row["hcpcs"], row["modifier"], locality), gpci, cf)
        if cap is not None:
            state.cap = cap["cap_nonfac" if setting == "non_facility" else "cap_fac"]
    if row["mult_proc"] in ("4", "6", "7"):
        if row["modifier"] == "TC" or row["pctc"] == "3":
            state.tc = fee
        elif row["modifier"] == "26" or row["pctc"] == "2":
            state.pc = fee
        else:
            state.tc = _fee(store.rvu(row["hcpcs"], "TC"), setting, gpci, cf)
            state.pc = _fee(store.rvu(row["hcpcs"], "26"), setting, gpci, cf)
    if row["mult_proc"] == "5":
        pe = row["pe_nonfac_rvu" if setting == "non_facility" else "pe_fac_rvu"]
        state.pe = Fraction(pe * gpci[1] * cf, 10**7)  # cents
        state.unrounded = Fraction((row["work_rvu"] * gpci[0] + pe * gpci[1] + row["mp_rvu"] * gpci[2]) * cf, 10**7)
    if row["mult_proc"] == "3" and row["endo_base"]:
        state.endo_base_fee = _fee(store.rvu(row["endo_base"]), setting, gpci, cf)
    return state


# How ``anesthesia_inputs_message`` starts: batch's stderr counts the rows it refused so (BatchSummary's
# anesthesia_inputs) to say once how the file gives its base units.
ANESTHESIA_INPUTS_START = "Anesthesia needs both "


def anesthesia_inputs_message(code: str) -> str:
    """What an anesthesia line without its base units or minutes needs (CMS publishes base units; the files rvucalc
    ships do not carry them)."""
    untimed = f" {NO_TIME_UNITS_NOTE.format(code=code)}: give {option('minutes')} 0." if code in NO_TIME_UNITS else ""
    return (
        f"{ANESTHESIA_INPUTS_START}{option('base_units')} and {option('minutes')}: the code's base units (CMS's "
        "anesthesia base units, or the ASA's relative value guide; not in the files rvucalc ships) and the anesthesia "
        f"time in minutes.{untimed} A claim's units of an anesthesia line are its minutes (Medicare's convention): "
        "batch reads them so when a file names no minutes column, or names its units column for them (minutes=Units)."
    )


def _anesthesia(
    store: Store,
    pfs: PfsResult,
    line: Line,
    locality: str | None,
    qp: bool,
    given: AnesthesiaInput,
    line_notes: list[str],
) -> None:
    """(base units + time units) x the locality's anesthesia CF, rounded once; the time units are the minutes / 15
    to one decimal (``anesthesia_time_tenths``)."""
    untimed = line.code in NO_TIME_UNITS
    supervised = anesthesia_session.SUPERVISED in line.modifiers  # AD: 3 base units, no time (engine.anesthesia)
    if (given.base_units is None or given.minutes is None) and not supervised:
        # Either missing is the same error, with how to give them (a batch row with neither was a note, one with base
        # units alone an error that did not say a claim's units are the minutes: an anesthesia group's trial).
        raise UsageError(anesthesia_inputs_message(line.code), kind=ErrorKind.MISSING_INPUT)
    cf, source = anesthesia_cf(store, locality, qp, given.conversion_factor)
    base, tenths = anesthesia_units(line.code, line.modifiers, given.base_units, given.minutes)
    said = anesthesia_session.payment_modifier_note(line.code, line.modifiers, line.provider)
    if said is not None:  # no payment modifier: priced as read, said
        line_notes.append(said)
    if supervised:
        unit = f"${Decimal(round_cents(cf * 100)).scaleb(-2)}"
        line_notes.append(anesthesia_session.supervised_note(line.code, unit, given.base_units, given.minutes))
    elif untimed and given.minutes:
        line_notes.append(NO_TIME_UNITS_NOTE.format(code=line.code) + f": the {given.minutes} minutes are not paid.")
    units = Fraction(base) + Fraction(tenths, 10)
    exact = units * cf * 100
    amount = round_cents(exact)
    pfs.anesthesia = AnesthesiaUnits.model_construct(
        base_units=base,
        minutes=given.minutes or 0,
        time_units=Decimal(tenths).scaleb(-1),
        conversion_factor=shown_cf(cf),
        conversion_factor_source=source,
    )
    for setting in SETTINGS:
        setattr(pfs, setting, setting_amount(amount, amount, []))
        # The exact amount too: medical direction's 50% is of it, rounded once (a trial: 148.265 rounded, then halved,
        # paid QK and QX 74.14 each, more together than the anesthesiologist alone).
        line.settings[setting] = LineSetting(fee=amount, unrounded=exact)


def anesthesia_units(
    code: str, modifiers: Sequence[str], base_units: Decimal | None, minutes: int | None
) -> tuple[Decimal, int]:
    """The units an anesthesia line is paid: its base units and its time units in tenths (``anesthesia_time_tenths``);
    none for 01995 and 01996 (``NO_TIME_UNITS``); AD's 3 base units and none (``engine.anesthesia.SUPERVISED``).
    Batch's anesthesia columns say the same (``batch.price._anesthesia_columns``)."""
    if anesthesia_session.SUPERVISED in modifiers:
        return Decimal(anesthesia_session.SUPERVISED_BASE_UNITS), 0
    assert base_units is not None and minutes is not None
    return base_units, 0 if code in NO_TIME_UNITS else anesthesia_time_tenths(minutes)


def anesthesia_cf(store: Store, locality: str | None, qp: bool, what_if: Decimal | None = None) -> tuple[Fraction, str]:
    """The anesthesia CF a line is priced with (dollars, exact) and where it is from: the locality's (ANES file), the
    national one where there is no locality, scaled to a what-if national CF (``--anesthesia-cf``)."""
    if locality is None:
        key = "anes_national_qp" if qp else "anes_national_non_qp"
        text = store.meta(key) or store.meta("anes_national_non_qp")
        assert text is not None
        cf = Fraction(text)
        source = f"national anesthesia CF ({store.release.file('anesthesia').cms_name})"
    else:
        row = store.anesthesia_cf(locality)
        if row is None:
            raise NotFoundError(
                f"No anesthesia conversion factor for locality {locality} in {store.release.release}.",
                kind=ErrorKind.UNKNOWN_LOCALITY,
            )
        cents = row["anes_cf_qp"] if qp and row["anes_cf_qp"] is not None else row["anes_cf"]
        cf = Fraction(cents, 100)
        source = f"locality {locality} ({store.release.file('anesthesia').cms_name})"
    if what_if is not None and locality is None:  # the national CF: the user's, as given
        cf = Fraction(what_if)
        source = f"what-if: ${what_if} national anesthesia CF"
    elif what_if is not None:
        from rvucalc.engine.scenario import what_if_anesthesia_cf

        national_text = store.meta("anes_national_qp" if qp else "anes_national_non_qp") or store.meta(
            "anes_national_non_qp"
        )
        assert national_text is not None
        cf = what_if_anesthesia_cf(cf, Fraction(national_text), what_if)  # in cents, as CMS's locality CFs
        source = f"what-if: ${what_if} national anesthesia CF, scaled by {source}, rounded to the cent"
    return cf, source


# Claims Processing Manual ch. 12 §50.G: "The A/B MAC (B) does not recognize time units for CPT codes 01995 or 01996"
# (spinal or epidural catheter management): base units only.
NO_TIME_UNITS = frozenset({"01995", "01996"})
NO_TIME_UNITS_NOTE = "Medicare pays no anesthesia time units for {code} (Claims Processing Manual ch. 12 §50.G)"


def anesthesia_time_tenths(minutes: int) -> int:
    """Anesthesia time units, in tenths: Medicare Claims Processing Manual (Pub. 100-04) ch. 12 §50.G, "the A/B MAC
    (B) computes time units by dividing reported anesthesia time by 15 minutes. Round the time units to one decimal
    place" (half-up: 95 minutes are 6.3 units, 37 minutes 2.5)."""
    return int(round_half_up(minutes * 10, 15))


def paid_from_rvus(row: dict[str, Any]) -> bool:
    """Whether the PFS prices this row in some setting (a paid status, national RVUs, not NA in both):
    then the other schedules (CLFS, ASP, DMEPOS) are not consulted for the line."""
    if row.get("status") is None:
        return False
    contractor = is_contractor_priced(row["status"], row["work_rvu"], row["pe_nonfac_rvu"], row["pe_fac_rvu"],
                                      row["mp_rvu"])  # fmt: skip
    return bool(is_paid_status(row["status"])) and not contractor and not (row["nonfac_na"] == row["fac_na"] == "NA")


def outside_pfs(code: str, modifiers: list[str], reason: str) -> PreparedLine:
    """A line the PFS does not list (a lab, drug, DME or facility-only code): no PFS amount, no rules."""
    row: dict[str, Any] = {"hcpcs": code, "modifier": "", "status": None, "description": "", "mult_proc": "9",
                           "pctc": ""}  # fmt: skip
    unpaid = SettingAmount.model_construct(payable=False, reason=reason, adjustments=[])
    pfs = PfsResult.model_construct(
        status=None, status_meaning="Not in the PFS relative value file", in_schedule=False,
        non_facility=unpaid, facility=unpaid,
    )  # fmt: skip
    line = Line(code=code, modifiers=modifiers, row=row, settings={}, provider="physician")
    return PreparedLine(code, modifiers, row, pfs, line, [])


def apply_rules(
    prepared: list[PreparedLine], zeroed: Sequence[str | None] | None = None, denied: Sequence[str] = (),
    facility_bill: bool = False,
) -> None:  # fmt: skip
    """Run the encounter's payment rules (``engine.policy``) in each setting and put the adjusted
    amounts, with their steps, into each line's PFS result. ``zeroed``: per line, the rule that pays it $0.00 after
    them (an anesthesia line of a session paid on another, ``engine.anesthesia``), or None. ``denied``: the codes of
    the encounter's lines refused as denied (GY, GZ, EY: none of ``prepared``), for G2211's visit
    (``engine.visits.g2211_outcomes``). ``facility_bill``: the lines are a hospital's or ASC's own bill (13x, 83x), to
    which a practitioner's rule (two office visits of the day) does not apply."""
    policies = [item.policy for item in prepared]
    apply_policy_in(policies, SETTINGS)
    # A line alone (batch prices its rule lines so, one per code cell) has no other line to be bundled into, to
    # duplicate or to be priced with as a chemistry panel: those rules are the encounter's.
    alone = len(prepared) == 1
    # A status T line beside another PFS service of its provider: $0.00, a step of each setting (engine.policy), and
    # the rule in its notes (batch: batch.claims._status_t).
    bundled = [False] if alone else status_t_bundled([(item.row.get("status"), item.modifiers) for item in prepared])
    for item, out in zip(prepared, bundled, strict=True):
        if out:
            item.notes.append(STATUS_T_BUNDLED_RULE)
    # An anesthesia session's other lines: $0.00, a step of each setting (batch: batch.claims.price_claims).
    for item, rule in zip(prepared, zeroed, strict=True) if zeroed else ():
        if rule is None:
            continue
        for state in item.policy.settings.values():
            state.apply(rule, anesthesia_session.SECONDARY_STEP, Fraction(0))
        item.notes.append(rule)
    _visit_rules(prepared, denied, facility_bill)
    # A date's chemistry panel tests, which the MAC prices together (engine.schedules.chemistry_panel_note: a note, the
    # amounts unchanged; batch: batch.lab_panels, after the visits' encounter notes as here).
    said = None if alone else chemistry_panel_note(item.code for item in prepared)
    for item in prepared:
        if said and item.code in CHEMISTRY_CODES:
            item.notes.append(said)
    # A date's second presumptive or definitive drug test code (engine.schedules.drug_test_note; batch.lab_panels)
    # (each kind's note on its own lines: a lone definitive test beside two presumptive ones is not told one is denied)
    for kind in DRUG_TEST_CODES_BY_KIND:
        said = None if alone else drug_test_note(item.code for item in prepared if item.code in kind)
        for item in prepared:
            if said and item.code in kind:
                item.notes.append(said)
    for item in prepared:
        facility = item.policy.settings.get("facility")
        component = facility is not None and facility.row_modifier is not None  # the 26's (component_row)
        refused = _claim_modifiers(item)
        _write_back(item)
        for name, (reason, status) in refused.items():
            unpaid = SettingAmount.model_construct(payable=False, reason=reason, adjustments=[], status=status)
            if name == "facility" and component:
                item.component = unpaid
            else:
                setattr(item.pfs, name, unpaid)
            if reason not in item.refusals:
                item.refusals.append(reason)


def _visit_rules(prepared: list[PreparedLine], denied: Sequence[str] = (), facility_bill: bool = False) -> None:
    """The encounter's G2211 rules (``engine.visits``): G2211 beside an E/M-25 and no preventive service is paid
    $0.00, a step of each setting; G2211 with no visit says so. An E/M beside a procedure with a global period
    (``engine.visits.em_in_global_outcomes``): noted, and an E/M-57 beside a minor procedure alone paid $0.00 as
    G2211 is. Batch: ``batch.claims._visit_rules``."""
    year = max((item.year for item in prepared), default=0)
    written = [(item.code, item.modifiers) for item in prepared]
    outcomes = visits.g2211_outcomes(written, year, denied)
    for item, outcome in zip(prepared, outcomes, strict=True):
        if outcome in ("denied", "unpaid"):  # beside an E/M-25; or its only visits denied (GY, GZ, EY): $0.00
            rule = visits.g2211_with_25_rule(year) if outcome == "denied" else visits.G2211_VISIT_UNPAID_RULE
            for state in item.policy.settings.values():
                state.apply(rule, visits.G2211_STEP, Fraction(0))
                if state.later is not None:
                    state.later = Fraction(0)
            item.notes.append(rule)
        elif outcome == "alone":
            nursing = any(code in visits.NURSING_FACILITY_CARE for code, _ in written)
            home = any(code in visits.HOME_VISITS for code, _ in written)  # before 2026 (the note's)
            item.notes.append(visits.g2211_without_visit_note(year, nursing, home))
    em_unpaid = [False] * len(prepared)  # the E/M-57s not paid: a prolonged add-on's primary among them
    if len(prepared) > 1:  # an E/M on the day of a procedure with a global period (batch: the same)
        global_days = [str(item.row.get("global_days") or "") if item.row else "" for item in prepared]
        visit_lines = [(item.code, item.modifiers, days) for item, days in zip(prepared, global_days, strict=True)]
        em_outcomes = visits.em_in_global_outcomes(visit_lines)
        for index, (item, em_outcome) in enumerate(zip(prepared, em_outcomes, strict=True)):
            if em_outcome is None:
                continue
            em_note, unpaid = em_outcome
            em_unpaid[index] = unpaid and visits.is_package_visit(item.code)
            if unpaid:  # an E/M-57 beside a minor procedure alone: $0.00, a step of each setting (as G2211's)
                for state in item.policy.settings.values():
                    state.apply(em_note, visits.EM_57_STEP, Fraction(0))
                    if state.later is not None:
                        state.later = Fraction(0)
            item.notes.append(em_note)
    # Another site's visit, a subsequent hospital care or a discharge beside an initial hospital care, a subsequent
    # hospital care beside a discharge (and G2211 whose visits are so absorbed): $0.00, a step of each setting (batch:
    # batch.claims._same_day_hospital).
    # A second initial (or subsequent) hospital care line of the day too; an office visit beside a subsequent hospital
    # care or a discharge is only noted (same_day_hospital_notes). G0316-G0318 whose primary is not paid (these rules,
    # an E/M-57 above, or denied with GY, GZ or EY): $0.00 too (visits.prolonged_primary_unpaid_rules; batch:
    # batch.claims._prolonged_unpaid).
    # The day's per diem line kept is the highest-paid (its PFS facility amount, hospital care's: batch ranks the same
    # column), a line with AI (the admitting physician's) apart from those without.
    ranked = [_facility_cents(item) for item in prepared]
    same_day = visits.same_day_hospital_rules([item.code for item in prepared], [item.modifiers for item in prepared],
                                              ranked, em_unpaid, denied, year)  # fmt: skip
    same_day_notes = visits.same_day_hospital_notes([item.code for item in prepared])
    # Two office visits of the day (ch. 12 §30.6.7.B): a note, the amounts stay (batch: the same), on the visits no
    # same-day rule (nor an E/M-57's beside a minor procedure) paid $0.00, and a practitioner's claim's alone (not a
    # hospital's own bill, type of bill 13x).
    zeroed_visits = [rule is not None or em for rule, em in zip(same_day, em_unpaid, strict=True)]
    office_notes: list[str | None] = (
        [None] * len(prepared) if facility_bill
        else visits.two_office_visits_notes([item.code for item in prepared], zeroed_visits)
    )  # fmt: skip
    for item, same_day_rule, same_day_note, office_note in zip(prepared, same_day, same_day_notes, office_notes,
                                                               strict=True):  # fmt: skip
        if same_day_note is not None:
            item.notes.append(same_day_note)
        if office_note is not None:
            item.notes.append(office_note)
        if same_day_rule is None:
            continue
        for state in item.policy.settings.values():
            state.apply(same_day_rule, visits.SAME_DAY_STEP, Fraction(0))
            if state.later is not None:
                state.later = Fraction(0)
        item.notes.append(same_day_rule)
    # A per diem hospital care line of several units: one unit paid, the others $0.00 (batch: the same).
    for item, same_day_rule in zip(prepared, same_day, strict=True):
        units_rule = visits.per_diem_units_rule(item.code, item.policy.units)
        if units_rule is None or same_day_rule is not None:
            continue
        for state in item.policy.settings.values():
            state.later = Fraction(0)
        item.notes.append(units_rule)
    # Critical care once a date, its add-on and bundled services; G0316-G0318 without their visit, a line alone too
    # (batch: the same, batch.claims._encounter_notes, and _lone_lines for a row no claim groups).
    noted = visits.encounter_notes(written, year)
    for item, note, same_day_rule in zip(prepared, noted, same_day, strict=True):
        if note and not (same_day_rule is not None and item.code in visits.PROLONGED_PRIMARIES):  # not paid: said
            item.notes.append(note)
    # 99495 beside 99496: one TCM service in 30 days, besides any other care management note of the line (batch:
    # batch.claims._visit_on_tcm_date).
    _add_notes(prepared, care_management.tcm_pair_notes([item.code for item in prepared]))
    # Cardiac, intensive cardiac and pulmonary rehabilitation sessions beyond the day's limit, the units of one line
    # and the lines of the claim and date alike: a note (engine.rehab; batch: batch.claims._rehab_sessions).
    for item, note in zip(prepared, rehab_session_notes([(item.code, item.policy.units) for item in prepared]),
                          strict=True):  # fmt: skip
        if note:
            item.notes.append(note)
    # MNT and DSMT on the date: Medicare pays one (engine.policy; batch: batch.claims._mnt_dsmt_same_date).
    _add_notes(prepared, mnt_dsmt_same_date_notes([item.code for item in prepared]))
    if len(prepared) > 1:  # a duplicate, a JZ beside its drug's JW line, 62 beside 66: two lines' notes
        # A line identical to an earlier one, without 76, 77 or 91: a likely duplicate (batch: claims._duplicates).
        _add_notes(prepared, duplicates.duplicate_notes(written))
        # 36415 beside G0471: two venous blood collection fees (batch: batch.claims._collection_pairs).
        _add_notes(prepared, duplicates.collection_pair_notes([item.code for item in prepared]))
        # A JZ line beside a JW line of its drug: the two contradict each other (batch: batch.claims._discards).
        year = max((item.year for item in prepared), default=0)  # a skin substitute's from 2026: the supply's words
        _add_notes(prepared, duplicates.discard_conflict_notes(written, year))
        # A JW line whose drug's administered amount has no line of its own (batch: batch.claims._discards).
        _add_notes(prepared, duplicates.lone_discard_notes(written, year))
        # A 62 line and a 66 line of one code: two ways of sharing one surgery (batch: batch.claims._shared_surgeries).
        _add_notes(prepared, duplicates.shared_surgery_conflict_notes(written))
    # A screening G code beside a PT line: the PT code is billed instead of it (batch: claims._screening_beside_pt).
    _add_notes(prepared, preventive.screening_beside_pt_notes(written))
    # Two monthly ESRD-related services codes, or one beside a per-day code: one a month (engine.visits; batch:
    # claims._monthly_esrd_in_month, the claim's calendar month).
    # One date and practitioner: a line's identity is the duplicate lines rule's (90958 twice: a duplicate's note).
    identities = [duplicates.line_identity(code, modifiers) for code, modifiers in written]
    _add_notes(prepared, visits.monthly_esrd_conflict_notes([code for code, _ in written], identities))
    # Care plan oversight (G0181, G0182) twice: one unit a month (engine.care_management; batch:
    # claims._care_plan_oversight_claims, the claim's calendar month).
    _add_notes(prepared, care_management.cpo_month_notes([code for code, _ in written], identities))


def _add_notes(prepared: list[PreparedLine], notes: Sequence[str | None]) -> None:
    """Each line's note (None or '': none) added to its notes, the lines and notes in order."""
    for item, note in zip(prepared, notes, strict=True):
        if note:
            item.notes.append(note)


def _facility_cents(item: PreparedLine) -> int:
    """The line's PFS facility amount in cents as the rules left it (-1: none, as batch's invalid amount), the amount
    ``engine.visits.per_diem_kept`` ranks by."""
    state = item.policy.settings.get("facility")
    return -1 if state is None else round_cents(state.amount)


def _claim_modifiers(item: PreparedLine) -> dict[str, tuple[str, SiteStatus]]:
    """CQ/CO, FX/FY/CT, 52, 53, 47, GY/GZ (``engine.modifiers``) after the policy rules, as further
    steps of each setting; returns the settings they leave without an amount, with the reason and the status (not
    priced where the MAC prices the line: 53 without a CMS row; else not payable)."""
    refused: dict[str, tuple[str, SiteStatus]] = {}
    # An anesthesia line's amount is its units' (CQ, FX ... are not its modifiers); but 47, anesthesia by the surgeon,
    # is paid nothing there as on a surgical code (a trial: 00400-47 was paid in full, silently).
    anesthesia = item.row["status"] == "J"
    discarded = modifier_table.discarded_supply(item.row, item.modifiers)
    if (anesthesia and "47" not in item.modifiers) or not (
        discarded or any(modifier_table.changes_pfs_amount(m) for m in item.modifiers)
    ):
        return refused
    for name, state in list(item.policy.settings.items()):
        # The TC as the policy steps left it (engine.policy.LineSetting.tc_part): both sides (50, or an LT and RT pair
        # on its first line), less a later imaging or cardiovascular service's reduction and the OPPS imaging cap.
        # CT, FX and FY then cut that TC, not the full one: PAMA §218(a) reduces "payment for the technical
        # component" by 15% (CMS's 'CT Modifier Reduction List' page), i.e. the payment the MPPR left (a later CT's TC
        # at 50% x 85%); CR 9727 (FX): MACs use the lower of the MPFS and OPPS amounts and "the FX modifier will
        # reduce whichever of these two amounts applies" (MM9727 as restated by the ACR). One rounding at the end.
        tc = state.tc_part if state.tc_part is not None else (None if state.tc is None else state.tc * state.scale)
        row_modifier = state.row_modifier or item.row["modifier"]  # a global's facility setting: its 26 row's
        outcome = modifier_table.apply_pfs_modifiers(
            state.amount, tc, item.modifiers, year=item.year, row_modifier=row_modifier, discarded=discarded
        )
        for note in outcome.notes:
            if note not in item.notes:
                item.notes.append(note)
        if outcome.not_priced:
            refused[name] = (outcome.not_priced, NOT_PRICED if outcome.mac_prices else NOT_PAYABLE)
            del item.policy.settings[name]
            continue
        if state.paired_away:
            continue  # paid $0 on the pair's other line, which takes the modifiers' cuts for both sides
        for step in outcome.steps:
            state.apply(step.rule, step.modifier, step.after)
        if state.later is not None and outcome.steps:  # each later unit takes the same modifiers
            later = modifier_table.apply_pfs_modifiers(
                state.later, tc, item.modifiers, year=item.year, row_modifier=row_modifier, discarded=discarded
            )
            state.later = later.steps[-1].after if later.steps else state.later
    return refused


# Nurse practitioners, physician assistants and clinical nurse specialists are paid "only on an assignment-related
# basis" (SSA §1842(b)(18)(A)-(C), (b)(6)(C) for PAs; Claims Processing Manual ch. 12 §120, §110): they cannot charge
# the patient more than the allowed amount, so the limiting charge (115% of the non-par amount) is not theirs (a trial
# showed NP lines' limiting charges). So are clinical social workers and clinical psychologists ((18)(C)), whose lines
# carry AJ and AH, or whose --provider is csw or psychologist (marriage and family therapists and mental health
# counselors, paid as CSWs are, with them: PROVIDER_MODIFIERS), and an NPP assisting at surgery (AS): batch reads
# those modifiers too (BatchPricer._assigned).
MANDATORY_ASSIGNMENT = frozenset({"np", "pa", "cns", "csw", "psychologist", "cnm", "dietitian"})
ASSIGNMENT_MODIFIERS = frozenset({"AJ", "AH", "AS"})
# Assignment is not participation: a non-participating practitioner who must accept assignment is still paid the
# non-par amount, 95% of their own participating amount (an NP's 85% of the PFS amount: engine.kernels.NON_PAR; it
# said "95% of the fee schedule amount", the JSON's fee_schedule_amount being the physician's) (SSA §1848(a)(3);
# Noridian, "NonParticipation": "Regardless if a nonparticipating provider chooses to accept assignment on all claims
# or on a claim-by claim basis, their Medicare reimbursement is five percent less than a participating provider"): the
# Non-par column stays, the limiting charge goes (a telehealth trial read the Non-par amount beside this note as a
# contradiction).
MANDATORY_ASSIGNMENT_NOTE = (
    "Non-physician practitioners (NP, PA, CNS, clinical social workers and psychologists) must accept assignment (SSA "
    "§1842(b)(18)): no limiting charge, and the patient owes the coinsurance of the allowed amount only. A "
    "non-participating one is still paid the non-par amount, 95% of what a participating one is allowed for the line "
    "(of an NP's or PA's 85%: SSA §1848(a)(3))."
)


# So are certified registered nurse anesthetists and anesthesiologist assistants: Claims Processing Manual ch. 1
# §30.3.1 (mandatory assignment on carrier claims) lists the "Services of physician assistants, nurse practitioners,
# clinical nurse specialists, nurse midwives, certified registered nurse anesthetists, ... anesthesiologist assistants"
# (a trial: QZ and QX lines showed a limiting charge). Their lines carry QZ (a CRNA without medical direction) or QX (a
# CRNA or AA medically directed, ch. 12 §140.3.3), or their practitioner is --provider crna (a CRNA credential in a
# batch provider column).
CRNA_ASSIGNMENT_MODIFIERS = frozenset({"QZ", "QX"})
CRNA_ASSIGNMENT_NOTE = (
    "A CRNA or anesthesiologist assistant (QZ, QX) must accept assignment (Claims Processing Manual ch. 1 §30.3.1): no "
    "limiting charge, and the patient owes the coinsurance of the allowed amount only."
)


# So are certified nurse-midwives: "Payment is made under assignment only" (Medicare Benefit Policy Manual, Pub.
# 100-02, ch. 15 §180.A; the payment methodology: Claims Processing Manual ch. 12 §130), and ch. 1 §30.3.1's list of
# mandatory assignment names "nurse midwives" (an OB/GYN trial: a CNM's 59410 showed a limiting charge). Their amount is
# the physician's (42 CFR 414.54(b): 100% from 2011), so assignment is all that sets their line apart: their own note.
CNM_ASSIGNMENT_NOTE = (
    "A certified nurse-midwife is paid the full PFS amount (42 CFR 414.54(b)) and only on assignment (Medicare "
    "Benefit Policy Manual ch. 15 §180): no limiting charge, and the patient owes the coinsurance of the allowed "
    "amount only."
)


# And so are registered dietitians and nutrition professionals: ch. 1 §30.3.1's list of mandatory assignment names
# "registered dietitians/nutritionists", whose medical nutrition therapy is paid "85 percent
# of the physician fee schedule amount" (42 CFR 414.64(a); engine.policy.MNT_CODES). An endocrinology trial: an RD's
# 97802 was unread, priced as a physician's, 100% with a limiting charge. 414.64 is MNT's rule: a dietitian's line of
# another code has no share in CMS's text rvucalc has read, so it is priced as written, saying so.
DIETITIAN_ASSIGNMENT_NOTE = (
    "A registered dietitian or nutrition professional is paid for medical nutrition therapy 85% of the PFS amount (42 "
    "CFR 414.64(a)) and only on assignment (Claims Processing Manual ch. 1 §30.3.1): no limiting charge, and the "
    "patient owes no more than the cost sharing of the allowed amount (none where MNT's is waived, a preventive "
    "service)."
)
DIETITIAN_NOT_MNT_NOTE = (
    "Billed by a registered dietitian or nutrition professional, but not medical nutrition therapy (97802-97804, "
    "G0270, G0271), whose 85% of the PFS amount 42 CFR 414.64(a) sets: priced at the full amount, on assignment (no "
    "limiting charge). Check that the dietitian may bill this code under their own number (diabetes "
    "self-management training, G0108 and G0109, as part of an accredited program)."
)


def assignment_notes(provider: str, modifiers: list[str] | tuple[str, ...], code: str = "") -> tuple[str, ...]:
    """Why the line's practitioner must accept assignment (``MANDATORY_ASSIGNMENT``, ``ASSIGNMENT_MODIFIERS``: an
    NPP's, a CNM's and a dietitian's own (by ``code``: MNT's 85% or not MNT); ``CRNA_ASSIGNMENT_MODIFIERS`` or
    --provider crna: an anesthetist's), each said once; () when none."""
    notes = []
    assistant_note = assistant_provider_note(provider, modifiers)
    if provider == "cnm":
        notes.append(assistant_note or CNM_ASSIGNMENT_NOTE)
    if provider == DIETITIAN:
        notes.append(DIETITIAN_ASSIGNMENT_NOTE if code in MNT_CODES else DIETITIAN_NOT_MNT_NOTE)
    own_note = provider in ("cnm", DIETITIAN)
    if provider == "physician" and assistant_note:
        notes.append(assistant_note)  # AS on a physician's line: its own note, not the NPPs' (still no limiting charge)
    elif ((provider in MANDATORY_ASSIGNMENT and not own_note) or ASSIGNMENT_MODIFIERS.intersection(modifiers)) and not (
        provider == "cnm" and assistant_note
    ):  # a CNM's AS line: CNM_AS_NOTE says its assignment
        notes.append(MANDATORY_ASSIGNMENT_NOTE)
        if assistant_note and provider != "cnm":
            notes.append(assistant_note)
    if provider == "crna" or CRNA_ASSIGNMENT_MODIFIERS.intersection(modifiers):
        notes.append(CRNA_ASSIGNMENT_NOTE)
    if "AQ" in modifiers and provider in MANDATORY_ASSIGNMENT | {"crna"} | _THERAPISTS:  # a PT's too: no physician
        notes.append(AQ_NOT_PHYSICIAN_NOTE)
    teaching = teaching_provider_note(provider, modifiers)
    if teaching is not None:  # GC/GE on an NPP's line (TEACHING_NOT_PHYSICIAN_NOTE): price and batch alike
        notes.append(teaching)
    return tuple(notes)


# Who assists at surgery with which modifier. HCPCS AS: "Physician assistant, nurse practitioner, or clinical nurse
# specialist services for assistant at surgery"; Noridian JE Part B, "Modifier AS": NPPs (a CNS, NP or PA) append AS
# only, are allowed "85% of 16% physician fee allowable", and it is "Inappropriate for NPPs to use modifiers 80, 81 or
# 82 (physician only modifiers)"; a physician (MD/DO) assisting uses 80, 81 or 82. The amount stays the modifier's
# (rvucalc prices the line as billed, as the MAC is asked to): the mismatch is said. A certified nurse-midwife is not
# among AS's practitioners, and is paid 100% of the PFS amount (42 CFR 414.54(b)); rvucalc has read no CMS text setting
# a CNM's assistant-at-surgery share, so a CNM's AS line is priced as AS prices it (85% of 16%) and says so, instead
# of the CNM note's "full PFS amount" beside it (a trial's contradiction).
PHYSICIAN_AS_NOTE = (
    "AS marks a PA, NP or CNS assisting at surgery, who must accept assignment (no limiting charge, SSA "
    "§1842(b)(18)): priced so, 85% of the 16% assistant's share. A physician (MD, DO) assisting bills 80, 81 or 82 "
    "(16%), never AS (Noridian JE Part B, 'Modifier AS'): a physician's line with AS is miscoded."
)
NPP_PHYSICIAN_ASSISTANT_NOTE = (
    "A PA, NP or CNS assisting at surgery bills AS, not {modifier}: 80, 81 and 82 are physicians' modifiers (Noridian "
    "JE Part B, 'Modifier AS'). Priced here as billed: the practitioner's 85% of the assistant's 16% share, as AS is."
)
CNM_AS_NOTE = (
    "AS names a PA, NP or CNS assistant at surgery, not a certified nurse-midwife, whose services are paid 100% of the "
    "PFS amount (42 CFR 414.54(b)). rvucalc has no CMS rule for a CNM's assistant-at-surgery share: priced here as "
    "billed with AS (85% of the 16% assistant's share), and only on assignment (Medicare Benefit Policy Manual ch. 15 "
    "§180): no limiting charge."
)
# A physical or occupational therapist or speech-language pathologist (engine.therapists) is not among AS's
# practitioners either (HCPCS AS: "Physician assistant, nurse practitioner, or clinical nurse specialist services for
# assistant at surgery"): a review found a PT's 27447-AS priced at the NPP's 85% of 16% without a word.
THERAPIST_AS_NOTE = (
    "AS names a PA, NP or CNS assistant at surgery (HCPCS AS), not a physical or occupational therapist or "
    "speech-language pathologist: a therapist's line with AS is miscoded. rvucalc has no CMS rule for a therapist "
    "assisting at surgery: priced here as billed with AS (85% of the 16% assistant's share)."
)
_NPP = frozenset({"np", "pa", "cns"})
_THERAPISTS = frozenset({"therapist", "slp"})  # engine.therapists.THERAPISTS


def assistant_provider_note(provider: str, modifiers: Sequence[str]) -> str | None:
    """The note of an assistant-at-surgery modifier that is not the line's practitioner's (``PHYSICIAN_AS_NOTE``,
    ``NPP_PHYSICIAN_ASSISTANT_NOTE``, ``CNM_AS_NOTE``), or None."""
    if "AS" in modifiers:
        if provider in _THERAPISTS:
            return THERAPIST_AS_NOTE
        return PHYSICIAN_AS_NOTE if provider == "physician" else CNM_AS_NOTE if provider == "cnm" else None
    physicians = [m for m in modifiers if m in ("80", "81", "82")]
    if physicians and provider in _NPP:
        return NPP_PHYSICIAN_ASSISTANT_NOTE.format(modifier=physicians[0])
    return None


# The HPSA bonus is a physician's (a psychiatrist's in a mental health HPSA): CMS's "Physician Bonuses" page, "Who Can
# Get an HPSA Bonus?" (AQ_NOTE). An NP's or PA's AQ claims nothing.
AQ_NOT_PHYSICIAN_NOTE = (
    "The HPSA bonus AQ claims is paid to physicians (psychiatrists in a mental health HPSA), not to NPs, PAs, "
    "therapists or other non-physician practitioners (CMS's HPSA physician bonus page): this line earns none."
)


# GC and GE report a resident's part in a teaching physician's service (Claims Processing Manual ch. 12 §100.1.1), and
# a teaching physician is "a physician (other than another resident) who involves residents in the care of his or her
# patients" (42 CFR 415.152): the teaching physician rules pay a physician's service (42 CFR 415.170-415.174). A
# faculty practice trial's NP line with GC read only "Modifier GC is informational". Said on an NP's, PA's or CNS's
# line, the amount the NPP's as billed.
TEACHING_NOT_PHYSICIAN_NOTE = (
    "{modifier} reports a resident's part in a teaching physician's service (Claims Processing Manual ch. 12 "
    "§100.1.1), and a teaching physician is a physician (42 CFR 415.152): on an NP's, PA's or CNS's own line it marks "
    "nothing. "
    "Bill the resident's service under the teaching physician, or the NPP's own service without it. Priced as billed."
)


def teaching_provider_note(provider: str, modifiers: Sequence[str]) -> str | None:
    """``TEACHING_NOT_PHYSICIAN_NOTE`` of GC or GE on an NP's, PA's or CNS's line, or None."""
    teaching = [modifier for modifier in ("GC", "GE") if modifier in modifiers]
    if not teaching or provider not in _NPP:
        return None
    return TEACHING_NOT_PHYSICIAN_NOTE.format(modifier=" and ".join(teaching))


def assigned(provider: str, modifiers: list[str] | tuple[str, ...]) -> bool:
    """Whether the line's practitioner must accept assignment (``assignment_notes``): no limiting charge. A
    therapist's AQ note alone is no assignment (a therapist in private practice may bill non-assigned: engine.
    therapists)."""
    teaching = teaching_provider_note(provider, modifiers)
    return any(note not in (AQ_NOT_PHYSICIAN_NOTE, teaching) for note in assignment_notes(provider, modifiers))


def _write_back(item: PreparedLine) -> None:
    """Put the rules' adjusted amounts and steps into the line's PFS result."""
    assignment, no_limit = _assignment(item.policy.provider, tuple(item.modifiers), item.code)
    for name, state in item.policy.settings.items():
        adjustments = [
            Adjustment.model_construct(
                rule=step.rule,
                indicator=step.indicator,
                percentage=step.percentage,
                amount_before=Decimal(round_cents(step.before)).scaleb(-2),
                amount_after=Decimal(round_cents(step.after)).scaleb(-2),
            )
            for step in state.steps
        ]
        amount = setting_amount(round_cents(state.amount), state.fee, adjustments)
        amount.later_units = later_units_total(state, item.policy.units)
        if no_limit:
            amount.limiting_charge = None
        if state.row_modifier is not None:  # the professional component's, at a facility (component_row)
            item.component = amount
        else:
            setattr(item.pfs, name, amount)
        item.notes.extend(note for note in state.notes if note not in item.notes)
    # The assignment notes speak of the PFS amount (an NPP's 85%, the non-par 95% of the fee schedule amount, the
    # limiting charge): a line the PFS does not pay (a drug, status E, paid from the ASP file at 100% whoever bills
    # it, with no non-par amount, SSA §1842(o)(3); a lab, status X; a DME item) does not get them (a rheumatology
    # trial: an NP's J0897 line said "A non-participating one is still paid the non-par amount, 95% of the fee
    # schedule amount"). Read from the RVU row's status (paid from RVUs, C: the MAC prices it, J: anesthesia by its
    # base units), not from the PFS result: batch's encounter lines carry none (batch.claims._as_prepared).
    status = str(item.row.get("status") or "")
    if status in ("C", "J") or is_paid_status(status):
        item.notes.extend(assignment)
    # MNT by anyone but a dietitian, after the assignment notes: the benefit is the dietitian's (engine.policy.
    # mnt_provider_note; G0323 by a physician or NPP: engine.modifiers.g0323_provider_note; both engine.policy.
    # practitioner_code_note; batch: batch.price._mnt_not_dietitian, after its _assigned).
    nutrition = practitioner_code_note(item.policy.provider, item.code, item.modifiers)
    if nutrition is not None and nutrition not in item.notes:
        item.notes.append(nutrition)
    said = later_units_note(item.policy)
    if said:
        item.notes.append(said)


@functools.lru_cache(maxsize=1024)
def _assignment(provider: str, modifiers: tuple[str, ...], code: str) -> tuple[tuple[str, ...], bool]:
    """A line's ``assignment_notes`` and whether it is ``assigned``: of the practitioner, modifiers and code alone,
    worked out once for each (every rule line asks)."""
    return assignment_notes(provider, modifiers, code), assigned(provider, modifiers)


def later_units_total(state: LineSetting, units: int) -> Decimal | None:
    """The line's units after the first together, where the rules pay them less than the first
    (``LineSetting.later``): each rounded half-up, as that many lines of one unit are; None when every unit is
    paid the amount."""
    if state.later is None or units < 2:
        return None
    return Decimal(round_cents(max(state.later, Fraction(0))) * (units - 1)).scaleb(-2)


def shown_cf(cf: Fraction) -> Decimal:
    """The CF as shown: exact for CMS's (at most 6 places) and for a what-if locality CF (whole cents,
    ``engine.scenario.what_if_anesthesia_cf``), never fewer than 2 places (CMS's ANES file gives a locality's CF in
    dollars and cents: REST OF ILLINOIS 2026 is 21.00, shown '21' before: an anesthesia trial); any other fraction
    shown to 6 places."""
    shown = Decimal(cf.numerator) / Decimal(cf.denominator)
    places = -shown.as_tuple().exponent  # type: ignore[operator]
    if places > 6:
        return shown.quantize(Decimal("0.000001"))
    return shown.quantize(Decimal("0.01")) if places < 2 else shown
