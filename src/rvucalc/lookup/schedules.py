"""The schedules beyond the PFS, OPPS and ASC for one line: clinical labs (CLFS), Part B drugs (ASP)
and DMEPOS/PEN. Each is looked up in the release in force on the date of service; the arithmetic is
``engine.schedules`` (amounts, shares) and ``engine.preventive`` (waivers).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from rvucalc.engine import duplicates
from rvucalc.engine import schedules as rules
from rvucalc.engine.meanings import (
    SKIN_SUBSTITUTE_SUPPLIES_FROM,
    injury_or_exposure_vaccine_note,
    is_skin_substitute,
    is_vaccine_product,
    vaccine_payment,
    was_asp_skin_substitute,
)
from rvucalc.engine.modifiers import ModifierNotApplicable
from rvucalc.engine.preventive import PREP_DRUGS
from rvucalc.errors import ErrorKind, ReleaseNotInstalledError, RvucalcError, UsageError, option
from rvucalc.models import ClfsResult, DmeposResult, DrugResult, Source
from rvucalc.reference.catalogue import Catalogue, sources
from rvucalc.reference.releases import Release

DMEPOS_RURAL_NOTE = (
    "CMS's DMEPOS rural ZIP code file is not installed, so rvucalc cannot tell whether the patient's ZIP is "
    "rural for DMEPOS: the non-rural fee is used (the rural one: rvucalc price CODE --rural, in batch a rural column "
    "of Y, or --rural)."
)


@dataclass
class OtherSchedules:
    """What the CLFS, ASP and DMEPOS files say of one line (None: the file does not list the code)."""

    clfs: ClfsResult | None = None
    drug: DrugResult | None = None
    dmepos: DmeposResult | None = None
    description: str = ""
    sources: list[Source] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # A schedule's file for the year is not installed (``_not_installed``), or the installed ASP file does not list a
    # vaccine (``engine.meanings.vaccine_payment``): not priced, never "not payable".
    not_installed: bool = False
    # The MAC prices the line: a CLFS row priced locally (indicator L, ``CLFS_LOCAL_PRICING``), an ASP limit of N/A
    # (``engine.schedules.asp_no_limit_reason``), a DMEPOS fee of 0 (``engine.schedules.dmepos_no_fee_reason``).
    mac_priced: bool = False
    # The drug's line has no Part B deductible (insulin for a DME pump: ``insulin_for_pump``): the lookup's deductible
    # note is not its.
    no_deductible: bool = False
    # The CMS file whose absence leaves the line without its schedule's amount ('CY2025 ASP': the year's file; 'ASP
    # 2026-07': the quarter's, for a drug the older quarter's file used does not list): batch counts such rows per file
    # for its summary, as it counts the hospital rows of an OPPS year not installed. '' for any other line.
    missing_file: str = ""
    # The year's ASP file is not installed and the newest installed one lists the code (``statement_payer``).
    asp_lists: bool = False
    # The DMEPOS file (the year's, or the newest installed when the year's is not) lists the code and the PFS gives it
    # no payment status (``statement_payer``): a DME item, paid from the DMEPOS fee schedule whether or not priced here.
    dme_item: bool = False
    # The DMEPOS file has no fee column for the line's state (Guam, American Samoa, the Northern Mariana Islands): the
    # item is payable, the DME MAC pricing it by another state's fee (``no_dmepos_column``), so not priced, never
    # "not payable" (a DME supplier's trial: `price E0601-RR --state GU` said "not payable in any site").
    no_state_column: bool = False

    @property
    def not_priced(self) -> bool:
        """Whether the office, when these schedules list the line and do not pay it, is not priced (Medicare may pay,
        rvucalc cannot say how much: a file not installed, a vaccine the ASP file lacks, a test, drug or DME item the
        MAC prices), not "not payable"."""
        return self.not_installed or self.mac_priced or self.no_state_column

    @property
    def listed(self) -> bool:
        return any(part is not None for part in (self.clfs, self.drug, self.dmepos))

    def unpaid_reasons(self) -> list[str]:
        """Why the schedules that list the line do not pay it (e.g. DME priced by modifier, none given)."""
        parts = (self.clfs, self.drug, self.dmepos)
        return [part.reason for part in parts if part is not None and not part.payable and part.reason]


# A schedule's dataset, and the line's payer it names (PriceResult.paid_by; engine.meanings.SCHEDULE_NAMES).
PAYER_OF_DATASET = {"clfs": "clfs", "asp": "drug", "dmepos": "dmepos"}


def statement_payer(other: OtherSchedules, code: str) -> str | None:
    """The schedule a line no installed file pays is still paid from, as its statement names it
    (``engine.meanings.paid_from_note``, with the line's setting): 'drug' for a drug whose year's ASP file is not
    installed (``missing_file``: 'CY2025 ASP') and that the newest installed ASP file lists (``asp_lists``; never a
    guess: J1815, on no ASP file, keeps its own reason), as the line says when that file is installed (a trial: J0178
    on 2025-11-10, no CY2025 ASP file, said only "No PFS payment: status E ... paid under reasonable-charge rules", at
    the hospital and in the office, where 2026 said "Not paid under the PFS: paid from OPPS Addendum B at the
    hospital; in the physician office, from the Part B drug payment limits (ASP)"). Part B pays a drug furnished
    incident to a physician's service at the ASP payment limit (SSA §1847A; 42 CFR 414.904), the hospital from
    Addendum B. Not a vaccine (its reason names its payment: ``engine.meanings.vaccine_payment``). None otherwise, and
    for a line the ASP file prices (its ``paid_by`` says so)."""
    dme = other.dmepos
    if other.dme_item and dme is not None and not dme.payable:
        # A DME item the DMEPOS file lists, not priced here (its year's file not installed, a modifier or state column
        # it needs): paid from the DMEPOS fee schedule all the same (SSA §1834(a); 42 CFR 414.210), not the PFS, whose
        # status X words ("not a physician service ... e.g. ambulance, clinical lab") were noise to a DME supplier's
        # trial (A7030 on a 2025 date, no CY2025 DMEPOS file).
        return "dmepos"
    lab = other.clfs
    if lab is not None and not lab.payable and clfs_file_missing(other.missing_file or ""):
        # A lab test whose year's CLFS file is not installed (80053, 0361U on 2025 dates): paid from the CLFS all the
        # same (SSA §1833(h); 42 CFR 414.507), as the line says when the file is installed, not the PFS status X words
        # ("not a physician service ... e.g. ambulance, clinical lab"), noise to an independent lab's trial.
        return "clfs"
    drug = other.drug
    if drug is None or drug.payable or not other.asp_lists or is_vaccine_product(code):
        return None
    return "drug"


def listing_dataset(catalogue: Catalogue, code: str) -> str | None:
    """The schedule (clfs, asp, dmepos) an installed release of which lists the code, whatever its year; None: none."""
    for dataset in PAYER_OF_DATASET:
        for release in reversed(catalogue.releases(dataset)):
            store = catalogue.store(release)
            found = {"clfs": store.clfs, "asp": store.asp, "dmepos": store.dmepos}[dataset](code)
            if found:
                return dataset
    return None


def clfs_file_missing(missing_file: str) -> bool:
    """Whether the CMS file a line lacks (``OtherSchedules.missing_file``, 'CY2025 CLFS') is the year's CLFS file: a
    lab test (the CLFS files of other years list its code) whose CLFS amount is not known. At a place with no facility
    payment priced it is not paid to an outside laboratory all the same (``engine.facility.LAB_AT_FACILITY_REASON``:
    the place's rule, not the file's): lookup.pricer and batch.schedules alike."""
    return "CLFS" in missing_file.split()


def year_not_installed(catalogue: Catalogue, dataset: str, code: str, year: int) -> ReleaseNotInstalledError:
    """A line of a year with no PFS release installed, whose code another schedule (``dataset``) pays: the error names
    that schedule's file, the one its amount comes from (a trial's 2027 lab row read "No PFS release for 2027 is
    installed"), and the PFS release, which every line is priced with too (lookup.pricer; batch.price)."""
    from rvucalc.engine.meanings import SCHEDULE_NAMES
    from rvucalc.reference.refresh import get_it
    from rvucalc.reference.releases import DATASET_LABELS, describe

    schedule = SCHEDULE_NAMES[PAYER_OF_DATASET[dataset]]
    installed = catalogue.releases(dataset)
    pfs = f"rvucalc also reads the {year} PFS release for every line, and none is installed ({get_it('pfs', year)})"
    if any(release.year == year for release in installed):
        return ReleaseNotInstalledError(f"{code} is paid from {schedule}, whose {year} release is installed; {pfs}.")
    return ReleaseNotInstalledError(
        f"No {DATASET_LABELS[dataset]} release for {year} is installed: {code} is paid from {schedule}. Installed: "
        f"{describe(installed) or 'none'}. Add it with: {get_it(dataset, year)}; {pfs}."
    )


def _money(cents: int | None) -> Decimal | None:
    return None if cents is None else Decimal(cents).scaleb(-2)


def _release(
    catalogue: Catalogue, dataset: str, year: int, day: dt.date | None
) -> tuple[Release | None, list[str], str | None]:
    """The dataset's release in force with its warnings, or (None, [], why) when the year has none installed."""
    release, warnings = catalogue.in_force(dataset, year, day)
    if release is not None:
        return release, warnings, None
    from rvucalc.reference.refresh import get_it  # the advice `rvucalc data status` gives

    name = dataset.upper()
    return None, [], (f"{name} CY{year} not installed: rvucalc has no CMS {name} file for {year}. "
                      f"Add it with: {get_it(dataset, year)}.")  # fmt: skip


def look_up(
    catalogue: Catalogue,
    code: str,
    modifiers: tuple[str, ...] | list[str],
    *,
    year: int,
    date_of_service: dt.date | None,
    units: int,
    state: str | None,
    rural: bool,
    pfs_status: str | None = None,
    unclassified: bool = False,
    place_of_service: str | None = None,
) -> OtherSchedules:
    """The line on the CLFS, ASP and DMEPOS files in force for its date of service. ``pfs_status``: the code's PFS
    status (None: the PFS does not list it); a code the PFS prices or sends to the MAC (``pfs_payment_status``) is
    never a drug the ASP file omits (``drug_listing``, ``excluded_drug``). ``unclassified``: the line has a reason of
    its own for the office (``lookup.pricer.unclassified_line``: a NOC drug's, J3490). ``place_of_service``: the
    line's CMS POS code (None: none given): at an ESRD facility (65) a drug or a lab test says its ESRD PPS bundle
    (``engine.schedules.esrd_drug_note``, ``esrd_facility_lab_note``)."""
    found = OtherSchedules()
    mods = {m.upper() for m in modifiers}
    # A code the PFS gives a payment status (A9517, status C: "Priced by your MAC") keeps the PFS's reason and
    # warnings: the OPPS or ASC file listing it as a drug (SI K, PI K2) says nothing of how the office is paid.
    unlisted_drug = not pfs_payment_status(pfs_status)
    for dataset in ("clfs", "asp", "dmepos"):
        release, warnings, missing = _release(catalogue, dataset, year, date_of_service)
        newest = catalogue.releases(dataset)
        if release is None:
            # Say "not installed" only for a code the dataset's other years list (never guess a year), or a skin
            # substitute before 2026, which the ASP files listed then (``SKIN_SUBSTITUTE_NOTE``).
            skin = dataset == "asp" and year < SKIN_SUBSTITUTES_ON_PFS and was_asp_skin_substitute(code)
            vaccine = dataset == "asp" and is_vaccine_product(code)  # listed or not by the newest file
            # Or a drug the newest ASP file does not list, which the year's OPPS or ASC file marks a separately paid,
            # or a J code the PFS excludes (``excluded_drug``).
            drug = dataset == "asp" and not (skin or vaccine) and unlisted_drug
            listed = bool(newest) and _lists(catalogue.store(newest[-1]), dataset, code)
            # Or a PLA lab test no installed CLFS file lists that the year's OPPS Addendum B marks a lab (``pla_lab``).
            lab = dataset == "clfs" and not listed and pla_lab(catalogue, code, year, date_of_service)
            if newest and (
                skin
                or vaccine
                or listed
                or lab
                or (
                    drug
                    and (
                        excluded_drug(code, pfs_status, unclassified) is not None
                        or drug_listing(catalogue, code, year, date_of_service) is not None
                    )
                )
            ):
                said = (missing or "") + _pinned_year(year, date_of_service, newest[-1].year)
                extra = f" {SKIN_SUBSTITUTE_NOTE}" if skin else f" {vaccine_payment(code)}" if vaccine else ""
                _not_installed(found, dataset, said + extra, units)
                found.missing_file = f"CY{year} {dataset.upper()}"
                found.asp_lists = dataset == "asp" and listed
                found.dme_item = dataset == "dmepos" and unlisted_drug
            continue
        store = catalogue.store(release)
        if dataset == "clfs":
            rows = store.clfs(code)
            if not rows and date_of_service is not None:
                # A code added by a later quarter of the year (0614U, Q2 2026, EFF_DATE 2026-04-01): on the CLFS, but
                # not in force on the date of service (never "not on the CLFS", nor a guess at a similar code).
                later = _later_clfs(catalogue, release, code)
                if later is not None:
                    found.clfs = _not_yet(code, *later)
                    found.sources += sources(later[0], ("clfs",))
                    continue
            if rows:
                found.clfs = _clfs(rows, mods, release, date_of_service)
                collection = duplicates.collection_units_note(code, units)  # one collection fee per encounter
                if collection and found.clfs.payable:
                    found.clfs.notes = [*found.clfs.notes, collection]
                if place_of_service == rules.ESRD_FACILITY_POS and "AY" not in mods and found.clfs.payable:
                    # in the facility's ESRD PPS bundle unless AY (engine.schedules.esrd_facility_lab_note)
                    found.clfs.notes = [*found.clfs.notes, rules.esrd_facility_lab_note(code)]
                drug_test = rules.drug_test_units_note(code, units)  # one unit a date (rules.DRUG_TEST_KINDS)
                if drug_test and found.clfs.payable:
                    found.clfs.notes = [*found.clfs.notes, drug_test]
                found.mac_priced = found.mac_priced or found.clfs.reason == CLFS_LOCAL_PRICING
                found.warnings += warnings
                found.description = found.description or rows[0]["short_desc"]
                found.sources += sources(release, ("clfs",))
        elif dataset == "asp":
            row = store.asp(code)
            if row is not None:
                esrd_facility = place_of_service == rules.ESRD_FACILITY_POS
                found.drug = _drug(row, units, release, mods, date_of_service, esrd_facility)
                # No limit (N/A): the MAC prices it (engine.schedules.asp_no_limit_reason)
                found.mac_priced = found.mac_priced or row["limit_mills"] is None
                found.no_deductible = found.drug.payable and insulin_for_pump(row, release, date_of_service)
                found.warnings += warnings
                found.description = found.description or row["description"]
                found.sources += sources(release, ("payment_limit",))
            elif is_vaccine_product(code):  # a vaccine the quarter's file does not list (90686 in 2026)
                found.drug = DrugResult.model_construct(
                    payable=False, quarter=release.release, units=units,
                    reason=f"{code} is not in the installed ASP file ({release.release}): rvucalc has no payment limit "
                    f"for it. {vaccine_payment(code)}",
                )  # fmt: skip
                found.not_installed = True  # Part B pays it; rvucalc has no limit for it: not priced
                found.warnings += warnings
                found.sources += sources(release, ("payment_limit",))
            elif (
                unlisted_drug
                and (
                    listing := drug_listing(catalogue, code, year, date_of_service)
                    or excluded_drug(code, pfs_status, unclassified)
                )
                is not None
            ):
                # A drug CMS's OPPS or ASC file pays separately, or a J code the PFS excludes, which the ASP file used
                # does not list (J9277, new in 2026, on 2026-08-10 with the January file alone; J1815, insulin): not
                # priced, never the PFS status E's "not payable". Per the date's quarter (batch: its contexts).
                quarter = asp_quarter(date_of_service) if date_of_service and date_of_service.year == year else None
                missing_quarter = quarter if quarter not in (None, release.release) else None
                # The date's quarter's file is not installed, and the nearest installed one, which does not list the
                # code, was CMS's word on it (the code was in CMS's OPPS or ASC file of that quarter: A9595, a
                # diagnostic radiopharmaceutical, in April 2026 with the January file alone), no other installed ASP
                # file of the year listing it: not worded as if that quarter's file would price it. A code new after
                # the file used (J9277, first in April 2026's BB) keeps "add that quarter's file".
                omitted = missing_quarter is not None and omitted_then(catalogue, release, code)
                found.drug = DrugResult.model_construct(
                    payable=False, quarter=release.release, units=units,
                    reason=unlisted_drug_reason(code, release.release, listing, missing_quarter, omitted),
                )  # fmt: skip
                found.not_installed = True
                found.missing_file = f"ASP {missing_quarter}" if missing_quarter and not omitted else ""
                found.warnings += warnings
                found.sources += sources(release, ("payment_limit",))
        else:
            items = store.dmepos(code, state)
            if items:
                found.dmepos, contractor = _dmepos(code, items, mods, state, rural, release, store)
                found.dme_item = unlisted_drug  # no PFS payment status (``statement_payer``)
                found.no_state_column = (state is not None and not found.dmepos.payable
                                         and state not in _dmepos_columns(store))  # fmt: skip
                found.mac_priced = found.mac_priced or contractor  # a fee of 0: the MAC prices it
                found.warnings += warnings
                found.description = found.description or items[0]["description"]
                found.sources += sources(release, ("dmepos", "pen"))
    return found


# A Part B drug the ASP file used does not list. CMS's quarterly ASP file gives the payment limits; "Carriers, DME MACs,
# and A/B MACs develop payment allowances for covered drugs when CMS does not supply the payment allowance on the ASP
# drug pricing file. This generally occurs for new drugs that are recently approved by the FDA and drugs that are billed
# using a Not Otherwise Classified (NOC) code" (WPS J5 MAC, "How does WPS Medicare Price Non-ASP New Drugs and NOC
# Drugs?", citing Pub. 100-04 ch. 17 §20.1.3; First Coast, "Fee development process of new drug code pricing", the
# same). That the code is a drug is CMS's word in the quarter's OPPS Addendum B (SI G, K, K1) or ASC Addendum BB (PI
# K2) (engine.facility_meanings.OPPS_DRUG_SI, ASC_DRUG_PI), never a guess from the code's letter. Not a C code: those
# "are only valid for Medicare on claims for hospital outpatient department services and procedures" (MLN Matters
# MM5027, Pub. 100-04 ch. 4 §20.7), so no office bills one.
NEW_DRUG_PRICING = "Claims Processing Manual ch. 17 §20.1.3"


def asp_quarter(day: dt.date) -> str:
    """CMS's ASP release in force on a date: its quarter ('2026-07' for 2026-08-10)."""
    from rvucalc.reference.releases import quarter_release_name

    return quarter_release_name("asp", day.year, (day.month - 1) // 3)


# A Part B drug is billed in the units of its HCPCS code's descriptor, which the ASP payment limit file gives per code
# as its "HCPCS Code Dosage" (J2778: "0.1 mg", its payment limit per that dosage); CMS's NDC-HCPCS crosswalk of the same
# quarter counts "the number of billable units (as defined by the HCPCS code descriptor)" in each package (its
# heading, January 2026). A trial's `price J2778 --units 0.5` (milligrams) was told only to give a whole number. Said
# on the CLI's usage error alone: nothing is read on the normal path.
def drug_units_hint(catalogue: Catalogue, code: str, typed: str, day: dt.date | None, year: int | None) -> str | None:
    """For a --units value that is no whole number (``typed``) on ``code``: its billing unit from the ASP file in
    force (the year's, the newest installed without one), and what ``typed`` is in it when that is a whole number
    ("J2778 is billed per 0.1 mg ...: give the number of 0.1 mg units, e.g. 0.5 mg = 5 units"); None when no installed
    ASP file lists the code."""
    import re

    releases = catalogue.releases("asp")
    if not releases:
        return None
    wanted = day.year if day is not None else year
    release = catalogue.in_force("asp", wanted, day)[0] if wanted is not None else None
    release = release or releases[-1]
    row = catalogue.store(release).asp(code)
    dosage = (row or {}).get("billing_unit")
    if not dosage:
        return None
    said = f"{code} is billed per {dosage} (ASP file {release.release}, HCPCS Code Dosage): give the number of "
    said += f"{dosage} units"
    found = re.fullmatch(r"\s*([0-9]*\.?[0-9]+)\s*([A-Za-z].*?)\s*", dosage)
    given = re.fullmatch(r"\s*([0-9]*\.?[0-9]+)\s*", typed)
    if found and given and Decimal(found.group(1)) > 0:
        count = Decimal(given.group(1)) / Decimal(found.group(1))
        if count > 0 and count == count.to_integral_value():
            said += f", e.g. {given.group(1)} {found.group(2)} = {int(count)} unit{'s' if count != 1 else ''}"
    return said + "."


def pfs_payment_status(status: str | None) -> bool:
    """Whether a PFS status prices the code (A, R, T) or sends it to the MAC (C): the PFS's word on the office, never
    replaced by a drug's "not in the ASP file" (``look_up``'s ``pfs_status``). Batch's too."""
    from rvucalc.engine.kernels import is_paid_status

    return status is not None and (status == "C" or bool(is_paid_status(status)))


def drug_listing(catalogue: Catalogue, code: str, year: int, day: dt.date | None) -> str | None:
    """How CMS's OPPS Addendum B or ASC Addendum BB in force on the date (else the year's newest) marks the code a
    separately paid drug ("CMS's ASC Addendum BB (2026-07) lists J9277 as a separately paid drug, PI K2"); None when
    neither does (or it is a C code, the hospital's alone)."""
    if code[:1] == "C":
        return None
    # Once per catalogue, code and date (a review: look_up asked it of every lab and DME code of a year with no ASP
    # file): the releases in force are the catalogue's, read once (reference.catalogue.Catalogue.releases).
    memo: dict[tuple[str, int, dt.date | None], str | None] | None = getattr(catalogue, "drug_listings", None)
    key = (code, year, day)
    if memo is not None and key in memo:
        return memo[key]
    found = _drug_listing(catalogue, code, year, day)
    if memo is not None:
        memo[key] = found
    return found


# A J code the PFS excludes (status E) that the ASP file used does not list (J1815, insulin injection, in no installed
# ASP file; N1, packaged, in the ASC's Addendum BB, so no facility file marks it a drug): its office said only "No PFS
# payment: status E ... reasonable-charge rules". A J code is a drug by CMS's HCPCS Level II code set (its J section:
# drugs administered other than oral method, and chemotherapy drugs; lookup.pricer's NOC rule reads J codes so too),
# and "for drugs or biologicals not listed in the ASP or NOC drug-pricing files, MACs determine the payment allowance
# limits" (Pub. 100-04 ch. 17 §20.1.3, as MedLearn's pharmacy Q&A restates it; WPS J5, "How does WPS Medicare Price
# Non-ASP New Drugs and NOC Drugs?", the same; the manual's own text could not be read here): the office is not
# priced, with that reason (``unlisted_drug_reason``), never an amount. Coverage is not implied (the ASP file's own
# Note 2: "The absence or presence of a HCPCS code and the payment allowance limits in this table does not indicate
# whether Medicare covers a drug. These determinations shall be made by the local Medicare contractor"): "if Medicare
# covers it". Not a NOC drug (J3490: lookup.pricer.not_otherwise_classified_drug says its own reason).
def excluded_drug(code: str, pfs_status: str | None, unclassified: bool = False) -> str | None:
    """Why the code is a drug the ASP file omits, when it is a J code the PFS excludes (status E) with no reason of its
    own (``unclassified``); None otherwise."""
    if code[:1] != "J" or pfs_status != "E" or unclassified:
        return None
    return (f"The PFS excludes {code} (status E), a drug (a HCPCS J code) paid, if Medicare covers it, apart from the "
            "PFS")  # fmt: skip


def _drug_listing(catalogue: Catalogue, code: str, year: int, day: dt.date | None) -> str | None:
    from rvucalc.engine.facility_meanings import ASC_DRUG_PI, OPPS_DRUG_SI

    for dataset, name, column, drugs in (
        ("opps", "OPPS Addendum B", "si", OPPS_DRUG_SI), ("asc", "ASC Addendum BB", "pi", ASC_DRUG_PI)
    ):  # fmt: skip
        release, _ = catalogue.in_force(dataset, year, day)
        if release is None:
            continue
        value = _facility_indicator(catalogue.store(release), dataset, code, column)
        if value in drugs:
            kind = "SI" if dataset == "opps" else "PI"
            return f"CMS's {name} ({release.release}) lists {code} as a separately paid drug ({kind} {value})"
    return None


# A proprietary laboratory analysis code (####U: CPT's PLA section, clinical diagnostic laboratory tests, which Medicare
# pays from the CLFS, 42 CFR 414.507) that no installed CLFS file lists, in a year whose CLFS file is not installed:
# the year's OPPS Addendum B in force on the date (else the year's) marking it SI A ("paid under a fee schedule or
# payment system other than OPPS", clinical diagnostic laboratory services among them) or Q4 ("conditionally packaged
# laboratory tests", paid under the CLFS when not packaged; OPPS Addendum D1's status indicators) says the test was
# current then and paid from that year's CLFS. A trial: 0361U (Q4 in October 2025's Addendum B, on no 2026 CLFS) and
# 0240U (A in January 2025's) on 2025 dates read "not payable ... the RVU file does not list it", where 0037U (on the
# 2026 CLFS) said the CY2025 CLFS file is not installed. SI E1/E2 (not covered) and a code on no file stay as they were.
PLA_LAB_SI = frozenset({"A", "Q4"})


def pla_lab(catalogue: Catalogue, code: str, year: int, day: dt.date | None) -> bool:
    """Whether the code is a PLA code the year's OPPS Addendum B lists as a lab the CLFS pays (SI A or Q4)."""
    if not (len(code) == 5 and code[4] == "U" and code[:4].isdigit()):
        return False
    release, _ = catalogue.in_force("opps", year, day)
    if release is None:
        return False
    return _facility_indicator(catalogue.store(release), "opps", code, "si") in PLA_LAB_SI


@functools.lru_cache(maxsize=65536)
def _facility_indicator(store: Any, dataset: str, code: str, column: str) -> str | None:
    row = store.opps(code) if dataset == "opps" else store.asc("bb", code)
    return None if row is None else row.get(column)


def omitted_then(catalogue: Catalogue, used: Release, code: str) -> bool:
    """Whether the ASP file used (``used``), which does not list the code, omitted a code CMS's files knew then: the
    OPPS Addendum B or ASC addenda in force on the ASP file's first day list it, and no other installed ASP file of
    its year does."""
    if any(other.year == used.year and other.release != used.release and catalogue.store(other).asp(code) is not None
           for other in catalogue.releases("asp")):  # fmt: skip
        return False
    for dataset in ("opps", "asc"):
        release, _ = catalogue.in_force(dataset, used.year, used.effective_from)
        if release is None or release.effective_from > used.effective_from:  # none in force then: a later one
            continue
        store = catalogue.store(release)
        if (store.opps(code) if dataset == "opps" else store.asc("bb", code) or store.asc("aa", code)) is not None:
            return True
    return False


def unlisted_drug_reason(code: str, used: str, listing: str, missing_quarter: str | None, omitted: bool = False) -> str:
    """Why a drug CMS's OPPS or ASC file pays (``drug_listing``), or a J code the PFS excludes (``excluded_drug``),
    has no ASP amount: the ASP file used (``used``) does
    not list it, and, when the date's quarter's file is not installed (``missing_quarter``), that that file may.
    Worded by the quarter, never the day: batch keeps one reason per quarter, so a day would be the first row's
    (J1833 on 2026-05-25 was said to use the file "for 2026-05-20", another row's date in another chunk).
    ``omitted`` (``omitted_then``): the file used omitted a code CMS's files knew then, and no installed ASP file of
    the year lists it, so the missing quarter's file is not named as what would price it: an ASP file need not list
    a drug at all (a diagnostic radiopharmaceutical, A9595: the January 2026 file lists none, "dia" in CMS's
    descriptors; its one radiopharmaceutical is A9606, radium-223, "ther", with a limit of N/A), and the MAC prices a
    covered
    drug CMS's file gives no limit for (``NEW_DRUG_PRICING``; in the office, Novitas JL and First Coast, citing
    Pub. 100-04 ch. 17, pay diagnostic radiopharmaceuticals at invoice cost or a percentage of AWP)."""
    from rvucalc.reference.refresh import get_it

    if missing_quarter is not None and omitted:
        return (f"{code} is not in the installed ASP payment limit files of {used[:4]} ({used}, the one used for the "
                f"{missing_quarter} quarter, does not list it). {listing}: rvucalc has no payment limit for it. A drug "
                f"CMS's ASP file does not list is priced by the MAC ({NEW_DRUG_PRICING}).")  # fmt: skip
    if missing_quarter is not None:
        return (f"{code} is not in the installed ASP payment limit file ({used}, the one used for the "
                f"{missing_quarter} quarter): CMS's file for that quarter is not installed. {listing}: rvucalc has "
                f"no payment limit for it. Add CMS's {missing_quarter} ASP file with: {get_it('asp')}. A drug CMS's "
                f"ASP file does not list is priced by the MAC meanwhile ({NEW_DRUG_PRICING}).")  # fmt: skip
    return (f"{code} is not in CMS's ASP payment limit file {used}. {listing}: rvucalc has no payment limit for it. A "
            f"drug CMS's ASP file does not list is priced by the MAC ({NEW_DRUG_PRICING}).")  # fmt: skip


def _later_clfs(catalogue: Catalogue, release: Release, code: str) -> tuple[Release, dict[str, Any]] | None:
    """The first installed CLFS release of the same year after ``release`` that lists ``code``, with its row."""
    for later in catalogue.releases("clfs"):
        if later.year == release.year and later.release > release.release:
            rows = catalogue.store(later).clfs(code)
            if rows:
                return later, rows[0]
    return None


def _not_yet(code: str, release: Release, row: dict[str, Any]) -> ClfsResult:
    effective = dt.date.fromisoformat(row["eff_date"]) if row["eff_date"] else None
    since = f"from {effective.isoformat()} " if effective else ""
    # No quarter: the release that lists it priced nothing on that date (a trial's 0614U of 2026-03-31 was labelled
    # "CLFS 2026-04" in batch's release column); the reason names it.
    return ClfsResult.model_construct(
        payable=False, modifier=row["modifier"] or None, quarter=None, effective_date=effective,
        indicator=row["indicator"],
        reason=f"{code} is on the CLFS {since}({release.release} release), after the date of service: not in force "
        "on that date.",
    )  # fmt: skip


# Skin substitutes (Q4100-Q4399) were biologicals until 2025: paid at the quarterly ASP payment limit per square
# centimetre (the July 2025 ASP file lists Q4271, "1 SQ CM"), or priced by the MAC from an invoice when CMS gave no
# limit (Pub. 100-04 ch. 17 §20.1.3, as Palmetto GBA and Noridian restate it); the CY2026 PFS final rule pays them as
# incident-to supplies under the PFS (the 2026 RVU file: Q4158 status A). The newest ASP file (2026) lists none, so
# a 2025 line was said "not payable" by the PFS's status E (a wound care trial).
SKIN_SUBSTITUTES_ON_PFS = SKIN_SUBSTITUTE_SUPPLIES_FROM  # one year for the PFS, OPPS and ASC rules (engine.meanings)
SKIN_SUBSTITUTE_NOTE = (
    "Before 2026 skin substitutes (Q4100-Q4399) were paid as biologicals at the ASP payment limit per sq cm, or "
    "priced by the MAC from an invoice when the ASP file gave none."
)


def skin_substitute_before_reason(catalogue: Catalogue, code: str, year: int) -> str | None:
    """Why a skin substitute has no PFS amount in a year before 2026 (None: not such a code or year), with price's
    words (``look_up``'s drug line): paid outside the PFS, from the ASP file (or its not being installed), and the
    2026 move to the PFS. compare's earlier side said only the PFS status's "Statutory exclusion" (a wound care trial:
    `compare Q4186 --from 2025 --to 2026`)."""
    if year >= SKIN_SUBSTITUTES_ON_PFS or not was_asp_skin_substitute(code):
        return None
    release, _, missing = _release(catalogue, "asp", year, None)
    asp = missing if release is None else f"Its amount is the ASP file's ({release.release}): price {code} on a date."
    return (f"paid outside the PFS in {year}. {asp} {SKIN_SUBSTITUTE_NOTE} From 2026 the PFS pays them as "
            "incident-to supplies (CY2026 PFS final rule, CMS-1832-F)")  # fmt: skip


__all__ = ["is_skin_substitute", "was_asp_skin_substitute"]  # the engine's rules (engine.meanings), batch.price's too


@functools.lru_cache(maxsize=65536)
def _lists(store: Any, dataset: str, code: str) -> bool:
    if dataset == "clfs":
        return bool(store.clfs(code))
    if dataset == "asp":
        return store.asp(code) is not None
    return bool(store.dmepos(code, None))


def _pinned_year(year: int, date_of_service: dt.date | None, newest_year: int) -> str:
    """Why a lookup without a date asked for another year than the schedule's newest: a PFS pin (``data use``) sets
    the year of every schedule (a trial's 80053 said "CLFS CY2025 not installed" under a 2025D pin, no word why)."""
    from rvucalc.reference.releases import pinned_release

    pin = pinned_release("pfs") if date_of_service is None and year != newest_year else None
    if pin is None:
        return ""
    # A result's reason is plain text (no option markers: errors.option is for errors): both spellings of the year.
    return (f" The PFS release pinned with `rvucalc data use` ({pin}) sets the year: give the year {newest_year} "
            "(--year) or a date of service, or drop the pin with `rvucalc data rollback`.")  # fmt: skip


def _not_installed(found: OtherSchedules, dataset: str, reason: str, units: int) -> None:
    found.not_installed = True
    if dataset == "clfs":
        found.clfs = ClfsResult.model_construct(payable=False, reason=reason)
    elif dataset == "asp":  # the units given, as a priced drug's (a review: drug_units 1 beside the line's 2)
        found.drug = DrugResult.model_construct(payable=False, reason=reason, units=units)
    else:
        found.dmepos = DmeposResult.model_construct(payable=False, reason=reason)


def _row_modifiers_without_row(code: str, mods: set[str], schedule: str, rows_have: set[str], used: str | None,
                               what: str) -> list[str]:  # fmt: skip
    """Notes for the line's row-selecting modifiers of ``schedule`` (QW on the CLFS; NU, KE ... on the DMEPOS fee
    schedule) that no row of the code carries: the row priced is one without them, which is said, never silent."""
    from rvucalc.engine.modifiers import WAIVED_WITHOUT_QW, require

    notes = []
    for modifier in sorted(mods - rows_have):
        try:
            info = require(modifier)
        except RvucalcError:
            continue
        if info.effect != "row" or schedule not in info.schedules:
            continue
        if modifier == "QW" and code in WAIVED_WITHOUT_QW:  # a waived test without QW (engine.modifiers)
            notes.append(f"{code} is a CLIA-waived test CMS recognises without QW (QW is not needed): priced at its "
                         f"{what} row.")  # fmt: skip
            continue
        why = " (not a CLIA-waived test)" if modifier == "QW" else ""
        row = f"its {used} row" if used else "its row"
        notes.append(f"{code} has no {modifier} row on the {what}{why}: priced at {row} without {modifier}.")
    return notes


# CLFS indicator L: CMS's record layout of the CLFS public use file (Attachment A-1, "Indicator: National or local
# pricing indicator"; the 2026 Q2 file's rows with L, 0526U ..., have a rate of 00000.00): no national amount, the
# MAC prices the test (a test without a national CLFS amount is priced by the MAC, gapfilled: 42 CFR 414.508(b);
# CMS, "Gapfill Pricing Inquiries"). Medicare may pay it: the office is not priced, never "not payable"
# (``OtherSchedules.not_priced``), as a contractor-priced PFS code (models.SiteStatus).
CLFS_LOCAL_PRICING = "Priced locally by your Medicare contractor (CLFS indicator L)."


def _clfs(rows: list[dict[str, Any]], mods: set[str], release: Release, day: dt.date | None) -> ClfsResult:
    """The row for the line's modifier (QW: CLIA-waived; else the plain row), at its national rate."""
    by_modifier = {row["modifier"]: row for row in rows}
    wanted = "QW" if "QW" in mods and "QW" in by_modifier else ""
    row = by_modifier.get(wanted) or rows[0]
    effective = dt.date.fromisoformat(row["eff_date"]) if row["eff_date"] else None
    base = {"modifier": row["modifier"] or None, "quarter": release.release, "effective_date": effective,
            "indicator": row["indicator"]}  # fmt: skip
    if day is not None and effective is not None and day < effective:
        return ClfsResult.model_construct(
            payable=False, reason=f"On the CLFS from {effective.isoformat()} ({release.release}).", **base
        )
    if row["indicator"] == "L":
        return ClfsResult.model_construct(payable=False, reason=CLFS_LOCAL_PRICING, **base)
    line = rules.clfs(row["rate_cents"])
    code = row["hcpcs"]
    missing = _row_modifiers_without_row(code, mods, "clfs", set(by_modifier), row["modifier"] or None, "CLFS")
    waived = [WAIVED_VERSION_NOTE.format(code=code)] if "QW" in by_modifier and "QW" not in mods else []
    return ClfsResult.model_construct(
        payable=True, amount=_money(line.amount), beneficiary=_money(line.beneficiary),
        medicare=_money(line.medicare), notes=([line.note] if line.note else []) + missing + waived, **base,
    )  # fmt: skip


# A test CMS's CLFS lists with a QW row (87880, 87635, 87811, 85018: a CLIA-waived version of the test) billed without
# QW: priced at its plain row (the same national rate), and said, since a lab with a CLIA certificate of waiver is paid
# for it only as a waived test. CMS's CLIA waived-tests CRs: "To ensure that Medicare & Medicaid only pay for laboratory
# tests categorized as waived complexity under CLIA in facilities with a CLIA certificate of waiver, laboratory claims
# are currently edited at the CLIA certificate level", and the listed codes "must have the modifier QW (CLIA-waived
# test) to be recognized as a waived test" (MLN Matters MM8805, CR 8805, 2014, and each later quarterly CR: CR 11747,
# Transmittal R10048CP, 2020), but for the codes recognised without it (``engine.modifiers.WAIVED_WITHOUT_QW``, which
# have no QW row). A trial: `price 87880 --setting 20` said nothing of QW. Price and batch (``look_up``) alike.
WAIVED_VERSION_NOTE = (
    "{code} has a CLIA-waived version (the CLFS's QW row): bill QW if the lab holds a certificate of waiver, as "
    "Medicare pays such a lab only for a waived test billed with QW (CMS's CLIA waived-tests CRs, CR 8805)."
)


def _drug(
    row: dict[str, Any], units: int, release: Release, mods: AbstractSet[str] = frozenset(),
    day: dt.date | None = None, esrd_facility: bool = False,
) -> DrugResult:  # fmt: skip
    base = {"billing_unit": row["billing_unit"], "units": units, "quarter": release.release,
            "coinsurance_percent": Decimal(row["coinsurance_thousandths"]).scaleb(-3)}  # fmt: skip
    if row["limit_mills"] is None:  # N/A: the MAC prices it (engine.schedules.asp_no_limit_reason)
        reason = rules.asp_no_limit_reason(row["hcpcs"], release.release, row["notes"] or "", NEW_DRUG_PRICING)
        return DrugResult.model_construct(payable=False, reason=reason, **base)
    line = rules.drug(row["limit_mills"], units, row["coinsurance_thousandths"])
    # A PrEP drug's 0% is its preventive waiver's, whose note says it with the deductible (engine.preventive.PREP_DRUGS)
    notes = [line.note] if line.note and row["hcpcs"] not in PREP_DRUGS else []
    if insulin_for_pump(row, release, day):  # the patient's share capped at $35.00, no deductible
        line = rules.insulin_pump_line(line)
        notes.append(str(line.note))
    said = rules.asp_file_note(row["notes"] or "")
    # A vaccine Part B pays only as an injury's or an exposure's treatment (Td, Tdap, rabies, hepatitis A)
    condition = injury_or_exposure_vaccine_note(row["hcpcs"])
    if condition:
        notes.append(condition)
    clotting = rules.clotting_factor_note(row["hcpcs"], row.get("clotting_factor"))  # its fee is in the limit
    if clotting:
        notes.append(clotting)
    return DrugResult.model_construct(
        payable=True, limit_per_unit=Decimal(row["limit_mills"]).scaleb(-3), amount=_money(line.amount),
        beneficiary=_money(line.beneficiary), medicare=_money(line.medicare),
        notes=notes + _esrd_drug_notes(row, mods, esrd_facility) + ([said] if said else []), **base,
    )  # fmt: skip


def insulin_for_pump(row: dict[str, Any], release: Release, day: dt.date | None) -> bool:
    """Whether an ASP row is insulin for a Part B (DME) insulin pump furnished when its $35 limit and no deductible
    hold (``engine.schedules.insulin_pump_line``): on or after July 1, 2023 (the date of service, else the quarter's
    first day)."""
    furnished = day or release.effective_from
    return rules.is_insulin_for_pump(row["description"]) and furnished >= dt.date(*rules.INSULIN_PUMP_FROM)


def _esrd_drug_notes(row: dict[str, Any], mods: AbstractSet[str], esrd_facility: bool = False) -> list[str]:
    """An ESRD drug's ASP line, or any drug's at an ESRD facility (``engine.schedules.esrd_drug_note``), and a non-ESRD
    ESA's without EA, EB or EC (``engine.schedules.esa_purpose_note``): the same for a single lookup and batch, whose
    schedule terms are this module's, once per distinct cell and ESRD place."""
    said = rules.esrd_drug_note(row["hcpcs"], row["description"], "AY" in mods, esrd_facility)
    purpose = rules.esa_purpose_note(row["hcpcs"], mods)  # a non-ESRD ESA without EA/EB/EC
    return [note for note in (said, purpose) if note]


class DmeposPlaceMissing(UsageError):
    """A DMEPOS line priced with no state: the fee schedule is set per state (batch and ``price --locality all``
    say it in their own words)."""

    def __init__(self, code: str) -> None:
        super().__init__(
            f"{code} is paid from the DMEPOS fee schedule, which is set per state: give {option('zip_code')}, "
            f"{option('locality')} or {option('state')}.",
            kind=ErrorKind.MISSING_INPUT,
        )
        self.code = code


@functools.lru_cache(maxsize=64)
def _dmepos_columns(store: Any) -> tuple[str, ...]:
    """The states and territories a DMEPOS release has fee columns for."""
    return tuple(store.dmepos_states())


def no_dmepos_column(state: str, columns: tuple[str, ...]) -> str:
    """Why a place whose state the DMEPOS file has no column for is not priced, and what to do."""
    from rvucalc.lookup.locality_names import POSTAL_STATES
    from rvucalc.reference.geography import TERRITORIES, TERRITORY_OF_USPS

    name = TERRITORIES.get(TERRITORY_OF_USPS.get(state, ""), state)
    states_and_dc = POSTAL_STATES - {"PR", *TERRITORY_OF_USPS}
    beyond = [column for column in columns if column not in states_and_dc]
    listed = [*(["the 50 states", "DC"] if len(columns) - len(beyond) == 51 else columns), *beyond]
    has = ", ".join(listed[:-1]) + f" and {listed[-1]}" if len(listed) > 1 else "".join(listed)
    # A result's reason is plain text (no option markers): both spellings of the state.
    hawaii = " (--state HI, a state column of HI in batch, prices Hawaii's column)" if "HI" in columns else ""
    return (
        f"CMS's DMEPOS fee schedule has no column for {state} ({name}): its fee columns are {has}. rvucalc does not "
        f"use another state's fee in its place: ask the DME MAC which state's fee it pays there, and give that state"
        f"{hawaii}."
    )


# A DME item the DMEPOS file prices only by a modifier the line lacks (A4238: KF; E0114: NU, RR or UE): payable with
# one, so `price` says it cannot be priced without it, never "not payable" (an endocrinology trial read the refusal
# of A4238 without KF as a denial).
DMEPOS_MODIFIER_NEEDED = "the DMEPOS fee schedule prices it by modifier, give one of"


def dmepos_pricing_modifier(modifier: str) -> bool:
    """Whether a modifier selects a row of CMS's DMEPOS fee schedule (NU, RR, UE, KF, KE ...: the file's Mod and Mod2
    columns, ``engine.modifiers``' effect "row" on the DMEPOS schedule)."""
    from rvucalc.engine.modifiers import lookup

    info = lookup(modifier)
    return info is not None and info.effect == "row" and "dmepos" in info.schedules


# A line whose modifiers select none of the file's rows because none is a pricing modifier (A4238-RT: a side; -KX, -GA:
# a policy's or a notice's) lacks the modifier the fee needs, as a line without any does: CMS's DMEPOS26_JAN prices
# A4238 on its KF row alone (KF, "Class III device": Noridian JD DME, "Fee Schedule Column Descriptors"; the Glucose
# Monitors Policy Article A52464 requires KF on the Class III CGMs' supply allowance A4238, as Noridian's "Glucose
# Monitor Modifiers: CG, KF, KS and KX" restates), and "If the fee schedule shows a modifier next to the HCPCS code,
# then that modifier is required for claim submission" (DME MAC Jurisdiction C, "HCPCS Code and Modifier
# Combinations", 2013). So the reason says the line's modifiers select no fee, and `price` says the line cannot be
# priced without a pricing modifier, not "not payable" (a review: A4238-RT). A pricing modifier the item has no row for
# (K0001-NU, A4238-NU) stays refused as given. The reason names no modifier: batch's cells of a code that differ by
# informational modifiers share their schedule terms (batch.schedules: only whether the line has any is in the key).
DMEPOS_NO_PRICING_MODIFIER = "The line's modifiers select no DMEPOS fee: none of them is a pricing modifier."


def _needs_dmepos_modifier(code: str, choices: str, mods: AbstractSet[str]) -> str:
    reason = f"{code}: {DMEPOS_MODIFIER_NEEDED}: {choices}."
    if not mods or any(dmepos_pricing_modifier(modifier) for modifier in mods):
        return reason
    return f"{reason} {DMEPOS_NO_PRICING_MODIFIER}"


def _dmepos(
    code: str, items: list[dict[str, Any]], mods: set[str], state: str | None, rural: bool, release: Release,
    store: Any,
) -> tuple[DmeposResult, bool]:  # fmt: skip
    """The state's fee for the row the line's modifiers select (RR, NU, UE, KF ...), and whether the MAC prices it (a
    fee of 0 in CMS's file: ``engine.schedules.dmepos_no_fee_reason``)."""
    if state is None:
        raise DmeposPlaceMissing(code)

    def row_modifiers(item: dict[str, Any]) -> set[str]:
        return {m for m in (item["mod"], item["mod2"]) if m}

    rental = rules.rental_refusal(
        code, {item["catg"] for item in items if item.get("catg")}, any("RR" in row_modifiers(i) for i in items), mods
    )
    if rental is not None:  # a purchase-only item's rental: not payable, as a code priced by modifier without one
        return DmeposResult.model_construct(payable=False, state=state, release=release.release, reason=rental), False
    upkeep = rules.maintenance_refusal(code, mods, any("MS" in row_modifiers(i) for i in items),
                                       {item["catg"] for item in items if item.get("catg")})  # fmt: skip
    if upkeep is not None:  # MS on a code without an MS fee: not payable, never its rental fee
        return DmeposResult.model_construct(payable=False, state=state, release=release.release, reason=upkeep), False
    matching = [item for item in items if row_modifiers(item) <= mods]
    matching.sort(key=lambda item: len(row_modifiers(item)), reverse=True)
    choices = ", ".join(sorted({"-".join(sorted(row_modifiers(i))) or "(none)" for i in items}))
    if not matching or (len(matching) > 1 and len(row_modifiers(matching[0])) == len(row_modifiers(matching[1]))):
        return DmeposResult.model_construct(
            payable=False, state=state, release=release.release,
            reason=_needs_dmepos_modifier(code, choices, mods),
        ), False  # fmt: skip
    item = matching[0]
    modifier = "-".join(m for m in (item["mod"], item["mod2"]) if m) or None
    base = {
        "state": state,
        "modifier": modifier,
        "release": release.release,
        "source": item["source"],
        "juris": (item.get("juris") or "").strip().upper() or None,
    }
    fee = item["fees"].get(state)
    if fee is None:
        columns = _dmepos_columns(store)
        reason = (
            no_dmepos_column(state, columns) if state not in columns
            else f"The DMEPOS fee schedule has no {state} fee for {code}."
        )  # fmt: skip
        return DmeposResult.model_construct(payable=False, reason=reason, **base), False
    flow_refusal = rules.oxygen_flow_refusal(code, mods) or rules.insulin_treatment_refusal(code, mods)
    if flow_refusal is not None:
        raise ModifierNotApplicable(flow_refusal)
    if "KJ" in mods:  # capped rentals only (a refusal, as other modifier refusals: exit 1, a batch row error)
        refusal = rules.kj_refusal(code, item.get("catg"), item["source"])
        if refusal is not None:
            raise ModifierNotApplicable(refusal)
    non_rural, rural_fee = fee
    if not non_rural and not (rural and rural_fee):
        # A fee of 0 where the line is priced (non-rural; rural with no rural fee either): the MAC prices it.
        row = (item["mod"], item["mod2"], item["source"])
        every = next(i for i in store.dmepos(code, None) if (i["mod"], i["mod2"], i["source"]) == row)["fees"].values()
        reason = rules.dmepos_no_fee_reason(
            "-".join([code, modifier]) if modifier else code, state, release.release,
            item.get("juris"), every_state=not any(nr or r for nr, r in every), rural_cents=rural_fee or None,
            rural=rural,
        )  # fmt: skip
        return DmeposResult.model_construct(payable=False, rural=_money(rural_fee or None), reason=reason, **base), True
    # A rural (R) column of 0 means the item has no separate rural fee: a rural area is paid the non-rural (NR) fee.
    # CMS's DMEPOS README could not be found; a guide to CMS's file says so ("If the rural column shows 0.00 ... the
    # rural payment for that HCPCS is the same as the nonrural payment", tnscriptdoctor.com, "How to create a Medicare
    # reference fee schedule, part 3"), and DMEPOS26_JAN agrees: no rural fee it prints is below its non-rural one.
    same_as_non_rural = rural and not rural_fee and bool(non_rural)
    try:
        priced = rules.dmepos(
            non_rural or None, rural_fee or None, rural=rural and not same_as_non_rural, modifiers=tuple(sorted(mods)),
            power_wheelchair=rules.is_power_wheelchair(code),
        )  # fmt: skip
    except RvucalcError as exc:
        return DmeposResult.model_construct(
            payable=False, non_rural=_money(non_rural or None), rural=_money(rural_fee or None), reason=str(exc), **base
        ), False
    # The state whose column priced it: the one given, else the ZIP's or locality's (they may differ).
    notes = [f"DMEPOS fee for {state} (the fee schedule is set per state)."]
    # The rural fee's hint only where the state's rural fee differs from its non-rural one: a rural column of 0 (or
    # the same fee) pays a rural patient the non-rural fee too (above), so --rural would change nothing (an
    # optometry trial's V2020 in AZ, DMEPOS26_JAN's AZ (R) 0, was told to try --rural).
    notes += [] if rural or not rural_fee or rural_fee == non_rural else [DMEPOS_RURAL_NOTE]
    if same_as_non_rural:
        notes.append(
            f"No separate rural DMEPOS fee for {code} in {state} (the file's rural column is 0: the rural fee is the "
            "non-rural one): the non-rural fee is used."
        )
    if priced.line.note:
        notes.append(priced.line.note)
    month = rules.capped_rental_month_note(code, item.get("catg"), mods)
    if month:
        notes.append(month)
    repair = rules.rented_repair_note(mods)  # RB on RR: a rented item's repairs are the rental's
    if repair:
        notes.append(repair)
    purchase = rules.no_purchase_option_note(code, mods)  # BP on a power wheelchair with no purchase option
    if purchase:
        notes.append(purchase)
    shoes = rules.therapeutic_shoes_note(code, item.get("catg"))  # A5500-A5514: not DME, an MD's or DO's certification
    if shoes:
        notes.append(shoes)
    side = rules.therapeutic_shoe_side_note(code, item.get("catg"), mods)  # a pair is two lines, RT and LT
    if side:
        notes.append(side)
    lenses = rules.refractive_lens_note(
        code
    )  # V2020-V2599, V2700-V2786: one pair after each cataract surgery with an IOL
    if lenses:
        notes.append(lenses)
    footwear = rules.orthopedic_footwear_note(code)  # L3000-L3649: only as an integral part of a leg brace
    if footwear:
        notes.append(footwear)
    if "KX" in mods:  # what KX says on a DME item (engine.modifiers.DMEPOS_KX_NOTE), the RVU file listing it or not
        from rvucalc.engine.modifiers import DMEPOS_KX_NOTE

        notes.append(DMEPOS_KX_NOTE)
    if "CG" in mods:  # what CG says on a DME item (engine.modifiers.DMEPOS_CG_NOTE), not the RHC visit line's note
        from rvucalc.engine.modifiers import DMEPOS_CG_NOTE

        notes.append(DMEPOS_CG_NOTE)
    if "KS" in mods:  # a glucose supply's patient not treated with insulin (engine.modifiers.DMEPOS_KS_NOTE)
        from rvucalc.engine.modifiers import DMEPOS_KS_NOTE, GLUCOSE_MONITOR_ITEMS

        if code.upper() in GLUCOSE_MONITOR_ITEMS:
            notes.append(DMEPOS_KS_NOTE)
    every_row = {m for i in items for m in row_modifiers(i)}
    notes += _row_modifiers_without_row(code, mods, "dmepos", every_row, modifier, "DMEPOS fee schedule")
    return DmeposResult.model_construct(
        payable=True, non_rural=_money(non_rural or None), rural=_money(rural_fee or None),
        rural_used=rural and not same_as_non_rural,
        amount=_money(priced.line.amount), beneficiary=_money(priced.line.beneficiary),
        medicare=_money(priced.line.medicare), notes=notes, **base,
    ), False  # fmt: skip


def given_state_note(state: str, zip_code: str, zip_state: str) -> str:
    """A DME line priced with a state given beside a ZIP of another state: the given state's fee is kept, since the DME
    MACs price by the beneficiary's permanent address on file with SSA, not the supplier's location (Noridian JD DME,
    "How Pricing Is Identified for Certain Products"), so a patient living in WY served from MT is priced with WY's.
    Said, so that a mistyped state is seen (a trial's --zip 59330 --state WY: WY's rural E0601-RR $97.02, MT's
    $86.69)."""
    return (f"The state given ({state}) is not ZIP {zip_code}'s ({zip_state}): the DMEPOS fee used is {state}'s, the "
            f"beneficiary's state's (if the patient lives in {zip_state}, give {zip_state} or no state).")  # fmt: skip


def several_states_note(locality: str, states: list[str], used: str) -> str:
    """A DME line priced by a locality whose ZIPs are in several states: the fee is the locality's state's (a DME trial
    found a Virginia patient's E0601-RR priced at DC's fee through locality 1220201, $1.90 a month short)."""
    return (f"Locality {locality} holds ZIPs of {', '.join(states)}: the DMEPOS fee is set per state, and this line is "
            f"priced with {used}'s, the locality's; give the patient's state or ZIP for another.")  # fmt: skip
