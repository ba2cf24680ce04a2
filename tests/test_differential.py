"""One implementation of each rule: single lookups, batch (the Arrow engine and the Dask partition
function) and export give the same money, the same error kinds and texts and the same notes, line by
line, with no tolerance.

A batch row's ``note`` is the single lookup's explanation of the line, exact text in the same order
(``_note`` states the contract; ``batch.price``'s docstring and the README say it too). Export writes
amounts only (no notes, no errors): it is compared on money alone.

The lines are drawn at random (seeded) the way real claim files look: codes from the PFS, the ASC
addenda and OPPS Addendum B (C-codes included), anesthesia codes with and without base units and
minutes, every PFS status, 26/TC rows, payment-policy, informational, facility (73, 52, 74, PN, PO, PT, 50) and
invalid modifiers, several units of surgery, hospital, ASC and therapy codes, ZIPs from CMS's ZIP5 file, localities,
dates of service by day over 2025-2026, every setting.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from conftest import MONEY, SITE_MEASURES
from rvucalc.batch.dask_engine import price_partition
from rvucalc.batch.lines import BLANK_PLACE_WARNING, BLANK_SETTING_NOTE, blank_date_warning, run_notes, run_notes_of
from rvucalc.batch.price import DMEPOS_WITHOUT_PLACE_NOTE, FACILITY_COMPARISON_ONLY, BatchPricer
from rvucalc.engine.facility import (
    ANCILLARY_WITHOUT_PROCEDURE,
    ASSISTANT_FACILITY_NOTE,
    CO_SURGERY_FACILITY_NOTE,
    COPAYMENT_CAPPED,
    DMEPOS_AT_FACILITY_REASON,
    DRUG_AT_FACILITY_REASON,
    FACILITY_53_NOTE,
    IRA_ASC,
    IRA_HOSPITAL,
    IRA_PER_UNIT,
    LAB_AT_FACILITY_REASON,
    SPLIT_CARE_FACILITY_NOTES,
    device_intensive_note,
    facility_item,
    ira_note_for_units,
    site_remark,
)
from rvucalc.engine.facility_codes import facility_billed_said
from rvucalc.engine.hopd_therapy import HOPD_DIAGNOSTIC_MAMMOGRAPHY_NOTE, HOPD_MAMMOGRAPHY_NOTE, HOPD_THERAPY_NOTE
from rvucalc.engine.meanings import (
    FACILITY_DRUG_TABLES,
    facility_drug_asp_warning,
    facility_drug_office_note,
    paid_apart_note,
    paid_from_note,
    paid_outside_the_pfs,
)
from rvucalc.engine.modifiers import rate_kept_modifiers
from rvucalc.engine.place_of_service import POS
from rvucalc.engine.visits import SECOND_NURSING_FACILITY_RULE
from rvucalc.engine.wage_choices import is_choice_reason
from rvucalc.errors import ErrorKind, RvucalcError
from rvucalc.export import pfs_table
from rvucalc.lookup.lines import component_note_comparison_only
from rvucalc.lookup.pricer import Pricer, not_otherwise_classified_drug, unlisted_lab_test
from rvucalc.reference.geography import CHOICES_NOT_PRICED

LINES = 5000
DEVICE_SAID = device_intensive_note(0).split("(")[0]  # "Device-intensive: the device portion "
SEED = 20261130
POLICY = ["50", "51", "54", "55", "56", "62", "66", "78", "79", "80", "81", "82", "AS"]
INFORMATIONAL = ["59", "XS", "LT", "RT", "25", "76", "GA", "KX"]
FACILITY = ["73", "52", "74", "PN", "PO", "PT", "50", "73-PN", "52-PT", "CT", "FX", "FY"]  # act on OPPS/ASC rates
ODD = ["2259O", "GXXX1", "XXXXX", "99213-ZZ", "99213-26", "99213-26-TC", "99213-59-59", "0001U", "J9271", "80053",
       "81479", "88305-TC", "88184", "88305-QW", "77402", "G6015", "80053-91",
       # a supplier's trial: insulin for a DME pump (its $35 cap), a flu vaccine (no deductible, the ASP file's note),
       # a capped rental without its month's modifier, and MS on a rental that has no MS fee
       "J1817", "90662", "E0601-RR", "E0601-RR-MS",
       # a chiropractic trial: manipulation without AT is denied (maintenance therapy), with AT paid
       "98940", "98942-GA", "98941-AT",
       # a pathology trial: a CPT 2022 deletion naming its replacements, and the PC/TC 1 row without a 26 row
       "80500", "80506"]  # fmt: skip


def _codes(pricer: Pricer) -> dict[str, list[str]]:
    """Code pools from the installed releases (the 2026 store and the newest OPPS/ASC quarters)."""
    store = pricer.catalogue.store(pricer.catalogue.newest("pfs"))
    rvu = list(store.rows("rvu"))
    pools: dict[str, list[str]] = {
        "payable": [r["hcpcs"] for r in rvu if r["status"] in "ART" and not r["modifier"]],
        "other_status": [r["hcpcs"] for r in rvu if r["status"] not in "ARTJ" and not r["modifier"]],
        "component": [f"{r['hcpcs']}-{r['modifier']}" for r in rvu if r["modifier"]],
        "anesthesia": [r["hcpcs"] for r in rvu if r["status"] == "J"],
        "surgery": [r["hcpcs"] for r in rvu if r["global_days"] in ("090", "010") and r["status"] == "A"],
        "therapy": [r["hcpcs"] for r in rvu if r["mult_proc"] == "5" and r["status"] == "A" and not r["modifier"]],
    }
    asc = pricer.catalogue.store(pricer.catalogue.newest("asc"))
    pools["asc"] = [r["hcpcs"] for name in ("asc_aa", "asc_bb") for r in asc.rows(name)]
    opps = pricer.catalogue.store(pricer.catalogue.newest("opps"))
    pools["opps"] = [r["hcpcs"] for r in opps.rows("opps")]
    pools["c_codes"] = [code for code in pools["opps"] + pools["asc"] if code.startswith("C")]
    for dataset, table in (("clfs", "clfs"), ("asp", "asp"), ("dmepos", "dmepos")):
        other = pricer.catalogue.store(pricer.catalogue.newest(dataset))
        pools[dataset] = sorted(set(other.columns(table, ["hcpcs"])["hcpcs"]))
    pools["zips"] = [r["zip"] for r in store.rows("zip")]
    pools["localities"] = [r["locality"] for r in store.localities()]
    return pools


def _line(rng: random.Random, pools: dict[str, list[str]]) -> dict[str, str]:
    kind = rng.choices(
        ["payable", "other_status", "component", "anesthesia", "surgery", "asc", "opps", "c_codes", "odd", "clfs",
         "asp", "dmepos", "therapy"],
        weights=[32, 6, 8, 5, 10, 9, 7, 4, 3, 6, 4, 4, 2],
    )[0]  # fmt: skip
    code = rng.choice(ODD) if kind == "odd" else rng.choice(pools[kind])
    modifier = ""
    roll = rng.random()
    if kind == "surgery" and roll < 0.5:
        modifier = rng.choice(POLICY)
    elif kind in ("surgery", "asc", "opps") and roll < 0.7:
        modifier = rng.choice(FACILITY)
    elif kind == "therapy" and roll < 0.4:
        modifier = rng.choice(["GP", "CQ", "GO", "CO", "80", "GP-KX", "59"])
    elif roll < 0.15:
        modifier = rng.choice(INFORMATIONAL)
    elif roll < 0.17:
        modifier = rng.choice(["ZZ", "5", "TC", "26"])
    elif kind == "dmepos" and roll < 0.6:
        modifier = rng.choice(["RR", "NU", "UE"])
    elif kind == "clfs" and roll < 0.3:
        modifier = "QW"
    base_units = minutes = ""
    if kind == "anesthesia" and rng.random() < 0.6:
        base_units, minutes = str(rng.randint(3, 15)), str(rng.randint(10, 300))
    place = rng.random()
    zip_code = locality = ""
    if place < 0.45:
        zip_code = rng.choice(pools["zips"])
    elif place < 0.65:
        locality = rng.choice(pools["localities"])
    elif place < 0.67:
        zip_code = rng.choice(["00000", "1234", "ABCDE"])
    elif place < 0.68:
        locality = "9999999"
    when = rng.random()
    if when < 0.88:
        date = (dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(730))).isoformat()
    elif when < 0.95:
        date = ""
    elif when < 0.98:
        date = "2024-05-01"
    else:
        date = "2026-13-01"
    setting = rng.choice(["", "office", "hopd", "asc"])
    units = rng.choice(["", "", "", "2", "100"]) if kind in ("asp", "clfs", "payable") else ""
    if kind in ("surgery", "asc", "opps", "therapy"):
        units = rng.choice(["", "", "2", "3"])
    state = rng.choice(["CA", "TX", "ny", "Cal"]) if kind == "dmepos" and rng.random() < 0.5 else ""
    return {"code": code, "modifier": modifier, "zip": zip_code, "locality": locality, "date": date,
            "setting": setting, "base_units": base_units, "minutes": minutes, "units": units,
            "state": state}  # fmt: skip


def _single(pricer: Pricer, line: dict[str, str], setting: str | None = None, state: bool = True) -> Any:
    """The single lookup of a batch line. Batch reads a line's state only where the DMEPOS schedule uses it: a
    state that is no state is the error of a line the DMEPOS file lists (and the PFS does not pay) that has no
    other error, and no other line's (a file's own state column)."""
    try:
        return pricer.price(
            line["code"], modifier=line["modifier"] or None, zip_code=line["zip"] or None,
            locality=line["locality"] or None, date_of_service=line["date"] or None,
            base_units=line["base_units"] or None, minutes=int(line["minutes"]) if line["minutes"] else None,
            units=int(line["units"] or 1), setting=setting, state=(line.get("state") or None) if state else None,
        )  # fmt: skip
    except RvucalcError as exc:
        if not (state and line.get("state") and str(exc).startswith("state ")):
            return exc
        stateless = _single(pricer, line, setting, state=False)
        needs_state = isinstance(stateless, RvucalcError) and stateless.kind is ErrorKind.MISSING_INPUT
        if needs_state or (not isinstance(stateless, RvucalcError) and stateless.dmepos is not None):
            return exc
        return stateless


def _note(
    single: Any,
    setting: str,
    line: dict[str, str],
    comparison: bool | None = None,
    office: bool | None = None,
    site: str | None = None,
) -> tuple[str, str]:
    """What a batch row's note must be, from the single lookup of its line (priced in no setting):
    the lookup's warnings, then its notes less the run's notes (said once in the run summary), then why
    amounts are blank (each PFS setting without an amount, then the row's facility setting when that
    facility does not pay); each text once, joined with '; '. Batch alone says when a line of a file with a
    place column has no ZIP or locality (national amounts), and when a dated file's line has no date (a single
    lookup without a date asks for the newest release). On a row set elsewhere than the hospital or the ASC
    (``comparison``; by default the office), a place's warning that the facility rates are national is the
    hopd_*/asc_* comparison columns', and says so (batch.price.FACILITY_COMPARISON_ONLY); on a row set in the office
    (``office``; by default the office setting) so is a global diagnostic test's word of its physician's fee at a
    facility (lookup.lines.component_note_comparison_only).

    Returned as (note, comparison_note): on a row set in a site (``site``, by default ``setting``: the row's site
    column), the labelled parts above and the PFS reason of the setting the site is not paid (the office's at a
    hospital, ASC or other facility, the facility's in the office) are its comparison_note's; the rest its note's.
    A hospital row paid the office's amounts (outpatient therapy) keeps both PFS reasons."""
    if site is None:
        site = setting
    blank = [] if line.get("zip") or line.get("locality") else [BLANK_PLACE_WARNING]
    # A lab's, drug's or DME item's row: its own schedule's newest quarter, not the PFS release's (a review); so is a
    # line of another schedule that schedule does not pay (0526U at the MAC's price, E0601 without RR, J3490).
    listed = any(part is not None for part in (single.clfs, single.drug, single.dmepos))
    elsewhere = single.paid_by is None and (
        listed
        or not_otherwise_classified_drug(single.code, single.description or "") is not None
        or unlisted_lab_test(single.code, single.pfs.status or "")
        or paid_apart_note(single.code) is not None
    )
    release = None if single.paid_by not in (None, "pfs") or elsewhere else single.release
    if release is None:  # a lab's, drug's or DME item's amount is the same everywhere: no blank-ZIP warning (a trial)
        blank = []
    blank += [] if line.get("date") or line.get("year") else [blank_date_warning(release)]
    # A note on a site's later units is said where that site is shown: with no setting, or that one.
    hidden = {"hopd": ("OPPS multiple procedure (SI T): unit", "Comprehensive APC (SI J1): one payment for the claim",
                       "Terminated or reduced (73/52) in the hospital", "50 in the hospital",
                       "2 units of a bilateral code in the hospital", "Outpatient therapy in the hospital",
                       "Screening mammography in the hospital", "Diagnostic mammography in the hospital"),
              "asc": ("ASC multiple procedure discounting: unit", "ASC bilateral, 50 with 2 units",
                      "ASC PI S2: its meaning is unverified")}  # fmt: skip
    unshown = tuple(text for site, texts in hidden.items() if setting not in ("", site) for text in texts)
    # ... and the Maryland waiver's line note beside the other sites alone: at the hospital its site's reason says it
    unshown += ("In Maryland only the hospital's (OPPS) payment",) if setting else ()
    # The physician's 53 beside a hospital's or ASC's rate, and an assistant's or a 55 or 56 line paid no facility
    # payment there, are said where those rates are shown (not in the office).
    # (So is a co-surgeon's or team's line's word that the facility is paid once: CO_SURGERY_FACILITY_NOTE.)
    facility_free = (FACILITY_53_NOTE, ASSISTANT_FACILITY_NOTE, CO_SURGERY_FACILITY_NOTE,
                     *SPLIT_CARE_FACILITY_NOTES.values())  # fmt: skip
    unshown += facility_free if setting == "office" else ()
    notes = [note for note in single.notes if not (unshown and note.startswith(unshown))]
    notes = _facility_drug_notes(single, setting, notes)
    if comparison is None:
        comparison = setting == "office"
    if office is None:
        office = setting == "office"

    elsewhere: set[str] = set()  # the parts about other sites' comparison columns alone

    def placed(texts: list[str]) -> list[str]:
        national = [bool(comparison) and ("rates are national" in text or CHOICES_NOT_PRICED in text) for text in texts]
        labelled = [component_note_comparison_only(text) if office else text for text in texts]  # 71046's at POS 11
        elsewhere.update(label for label, text in zip(labelled, texts, strict=True) if label != text)
        said = [FACILITY_COMPARISON_ONLY + t if label else t for t, label in zip(labelled, national, strict=True)]
        elsewhere.update(text for text, label in zip(said, national, strict=True) if label)
        return said

    warnings = single.warnings
    facility = {"hopd": single.opps, "asc": single.asc}.get(setting)
    if facility is not None and facility.rate is not None:  # a drug's ASP quarter: the office comparison's alone
        warnings = [facility_drug_asp_warning(warning, setting, facility.release) for warning in warnings]
    parts = [*blank, *placed(warnings), *(note for note in placed(notes) if note not in run_notes(single.year))]
    parts += [note for part in (single.clfs, single.drug, single.dmepos) if part is not None and part.amount is not None
              for note in part.notes]  # fmt: skip
    parts += [a.rule for s in (single.pfs.non_facility, single.pfs.facility) for a in s.adjustments or ()]
    # A hospital copayment the inpatient deductible caps, or a rebatable drug's IRA-adjusted copayment (with what it
    # comes to for the units), where the hospital's rate is shown (no setting, or the hospital) and paid: the single
    # lookup's opps.notes word for word (batch.price.BatchPricer._copayment_notes)
    opps = single.opps
    if (site or "") in ("", "hopd") and opps is not None and opps.rate and opps.copayment:
        parts += [ira_note_for_units(note, opps.national_copayment, single.units or 1)
                  for note in opps.notes if note.startswith((COPAYMENT_CAPPED, IRA_HOSPITAL))]  # fmt: skip
    # A rebatable drug's IRA-adjusted ASC coinsurance (with what it comes to for the units), where the ASC's rate is
    # shown (no setting, or the ASC) and paid: the single lookup's asc.notes word for word (batch.price.BatchPricer.
    # _sites, engine.facility.asc_ira_note); not on a row at the ASC, which is paid nothing for a drug alone
    # (engine.facility.without_asc_ira_note: the single lookup at --setting asc says none)
    asc_unpaid = site == "asc" and any(s.reason == ANCILLARY_WITHOUT_PROCEDURE for s in single.sites)
    if (
        (site or "") in ("", "asc")
        and single.asc is not None
        and single.asc.payable
        and single.asc.rate
        and not asc_unpaid
    ):
        parts += [ira_note_for_units(note, _per_billing_unit(note), single.units or 1)
                  for note in single.asc.notes if note.startswith(IRA_ASC)]  # fmt: skip
    # A device-intensive (PI J8) ASC line's note where its rate is wage-adjusted (engine.facility.
    # device_intensive_note): the single lookup's asc.notes word for word; on a row set elsewhere than the ASC, its
    # asc_* comparison's (batch.price.BatchPricer._device_intensive_notes)
    asc = single.asc
    device = [note for note in (asc.notes if asc is not None and asc.payable else ()) if note.startswith(DEVICE_SAID)]
    if site and site != "asc":
        device = [FACILITY_COMPARISON_ONLY + note for note in device]
        elsewhere.update(device)
    parts += device
    # The rules the line's modifiers cut its hospital (OPPS) and ASC rates by (73 50%, PN/PO 40% ...), the single
    # lookup's opps.adjustments and asc.adjustments word for word; on a row set elsewhere than that facility, its
    # hopd_*/asc_* comparison's (batch.price._facility_rule_notes)
    for facility_site, result in (("hopd", single.opps), ("asc", single.asc)):
        rules = [a.rule for a in (result.adjustments or ()) if result is not None and result.rate]
        if site and site != facility_site:
            rules = [FACILITY_COMPARISON_ONLY + rule for rule in rules]
            elsewhere.update(rules)
        parts += rules
    # PO or PN that leaves the hospital's rate as it was (96413-PO, J9271-PN): the single lookup's opps note saying so
    # (batch.price._rate_kept_notes), in place of the generic note (not in single.notes either); on a row set elsewhere
    # than the hospital, its hopd_* comparison's
    if opps is not None:
        kept = [note for note in opps.notes if rate_kept_modifiers([note])]
        if site and site != "hopd":
            kept = [FACILITY_COMPARISON_ONLY + note for note in kept]
            elsewhere.update(kept)
        parts += kept
    # A code paid apart from the fee schedules, or a vaccine, whose office has no amount: its office reason is that
    # payment's, and its note does not end with the PFS status's (engine.meanings.paid_outside_the_pfs). So for a not
    # otherwise classified drug or an unlisted lab test no schedule lists: its office reason is the MAC's pricing.
    office = single.pfs.non_facility.payable or any(
        part is not None and part.amount is not None for part in (single.clfs, single.drug, single.dmepos)
    )
    listed = any(part is not None for part in (single.clfs, single.drug, single.dmepos))
    mac_priced = not listed and (
        not_otherwise_classified_drug(single.code, single.description or "") is not None
        or unlisted_lab_test(single.code, single.pfs.status or "")
    )
    # A line another schedule pays says so in its notes (engine.meanings.paid_from_note), in place of the PFS's reasons;
    # so does a drug whose ASP file is not installed (lookup.schedules.statement_payer). At a hospital or ASC row an
    # item the facility bills has no physician's fee there, nor the PFS's reason for none (facility.facility_item).
    # (and a DME item the DMEPOS file lists but does not price here: its year's file not installed, a modifier needed;
    # and a lab test whose year's CLFS file is not installed, 0013M on a 2025 date)
    paid_elsewhere = single.paid_by not in (None, "pfs") or bool(
        {paid_from_note("drug"), paid_from_note("dmepos"), paid_from_note("clfs")} & set(single.notes)
    )
    item = setting in ("hopd", "asc") and facility_item(single.code, single.pfs, single.opps, single.asc)
    # A row priced at a non-facility place other than the office (12 home, 99 ...): its facility setting's reason is
    # not the place's (batch.price._without_facility_reason_off_facility).
    place = POS.get(line.get("setting", ""))
    away = place is not None and place.code != "11" and place.pfs_setting == "non_facility"
    away = away and single.pfs.non_facility.payable
    if not paid_elsewhere and not item and (office or not (paid_outside_the_pfs(single.code) or mac_priced)):
        settings = (("non_facility", single.pfs.non_facility), ("facility", single.pfs.facility))
        reasons = [(name, s) for name, s in settings
                   if not s.payable and s.reason and not (away and name == "facility")]  # fmt: skip
        parts += [s.reason for _, s in reasons]
        # The PFS setting the row's site is not paid: the facility's in the office, the office's elsewhere.
        therapy = site == "hopd" and HOPD_THERAPY_NOTE in single.notes
        other = "facility" if site == "office" else None if therapy or not site else "non_facility"
        own = {s.reason for name, s in reasons if name != other}
        elsewhere.update(s.reason for name, s in reasons if name == other and s.reason not in own)
    # A code the facility bills in place of the physician's (G0463, G0260, G0380-G0384 ...): why it has no physician's
    # fee there, in place of the PFS's reason (engine.facility_codes.facility_billed_said).
    if item and facility_billed_said(single.code):
        parts.append(facility_billed_said(single.code))
    facility = {"hopd": single.opps, "asc": single.asc}.get(setting)
    # A mammography line the hospital is paid the TC's PFS amount for (screening or diagnostic): no OPPS reason (its
    # SI, its year's file not installed), as its hospital site gives none (engine.hopd_therapy).
    if setting == "hopd" and {HOPD_MAMMOGRAPHY_NOTE, HOPD_DIAGNOSTIC_MAMMOGRAPHY_NOTE} & set(single.notes):
        facility = None
    # An ancillary service alone (no covered surgical procedure) says why its ASC site is not paid instead.
    ancillary = setting == "asc" and any(site.reason == ANCILLARY_WITHOUT_PROCEDURE for site in single.sites)
    if facility is not None and site_remark(facility):
        parts.append(ANCILLARY_WITHOUT_PROCEDURE if ancillary else site_remark(facility))
    # With no setting, a hospital's or ASC rate not priced for want of one wage index says why (each value's rate:
    # engine.wage_choices), as the single lookup's sites do.
    if not setting and not line.get("setting"):  # (a row of a place of service, 12 or 99, is set there)
        parts += [result.reason for result in (single.opps, single.asc) if is_choice_reason(result.reason)]
    # A lab test the CLFS pays, or a drug the ASP file prices, at a place with no facility payment priced (POS 21, 31
    # ...): why it is not priced there.
    parts += [s.reason for s in single.sites
              if s.setting == "facility"
              and s.reason in (LAB_AT_FACILITY_REASON, DRUG_AT_FACILITY_REASON, DMEPOS_AT_FACILITY_REASON)]  # fmt: skip
    if "setting" in line and not line["setting"]:  # batch alone: a file's blank place of service
        parts.append(DMEPOS_WITHOUT_PLACE_NOTE if _supplier_item(single) else BLANK_SETTING_NOTE)
    # A facility schedule's quarter not installed, on a row set elsewhere than that facility (or a hospital row paid the
    # office's amounts): its comparison columns' alone (batch.lines._QUARTER_WARNINGS).
    paid_as_office = site == "hopd" and HOPD_THERAPY_NOTE in single.notes
    for facility_site, label in (("hopd", "OPPS Addendum B"), ("asc", "ASC addenda")):
        if site and (site != facility_site or (facility_site == "hopd" and paid_as_office)):
            quarter = (f"CMS's {label} quarterly release for", f"CMS's {label} release in force")
            elsewhere.update(part for part in parts if part.startswith(quarter))
    said = list(dict.fromkeys(parts))
    if not site:  # no site: every site shown, every part the row's
        return "; ".join(said), ""
    return "; ".join(p for p in said if p not in elsewhere), "; ".join(p for p in said if p in elsewhere)


def _per_billing_unit(note: str) -> Decimal:
    """The copayment a unit an IRA coinsurance note says (engine.facility.asc_ira_note: '$3.75 per billing unit')."""
    found = re.search(r"\$([\d,]+\.\d\d) " + IRA_PER_UNIT, note)
    assert found is not None, note
    return Decimal(found.group(1).replace(",", ""))


def _supplier_item(single: Any) -> bool:
    """Whether a line's only amount is a DMEPOS fee (the office's): allowed it with no place of service
    (batch.price.DMEPOS_WITHOUT_PLACE_NOTE)."""
    others = ("clfs_amount", "drug_amount", "pfs_non_facility_amount", "pfs_facility_amount")
    office = next((site for site in single.sites if site.setting == "office"), None)
    facility = [site for site in single.sites if site.setting in ("hopd", "asc") and site.payable]
    return (
        MONEY["dmepos_amount"](single) is not None
        and all(MONEY[name](single) is None for name in others)
        and office is not None
        and office.payable
        and office.total is not None
        and not any(site.total is not None for site in facility)
    )


def _facility_drug_notes(single: Any, setting: str, notes: list[str]) -> list[str]:
    """A drug's notes on a hospital or ASC row (engine.meanings.FACILITY_DRUG_TABLES): the facility's table first in
    its paid-from note, and, where that facility prices it and the ASP file it needs is not installed, the office's
    amount not shown in place of that file's advice (the lookup in no setting has the office's words); a DMEPOS item
    that facility's table packages, $0.00, its statement that the DMEPOS fee is the office's (L8600 at an ASC)."""
    if setting not in FACILITY_DRUG_TABLES:
        return notes
    # (a row with no provider column is a practitioner's: at the ASC its drug is the ASC's, ASC_DRUG_OF_A_PRACTITIONER)
    said = paid_from_note("drug", setting, practitioner=True)
    notes = [said if note == paid_from_note("drug") else note for note in notes]
    facility = single.opps if setting == "hopd" else single.asc
    if facility.payable and facility.rate is not None and facility.rate == 0:  # a DMEPOS item packaged there (A6254)
        packaged = paid_from_note("dmepos", setting, packaged_there=True)
        notes = [packaged if note == paid_from_note("dmepos") else note for note in notes]
    reason = single.drug.reason if single.drug is not None and not single.drug.payable else None
    if not (reason and facility.payable and facility.rate is not None):
        return notes
    year = re.match(r"ASP CY(\d{4}) not installed", reason)
    quarter = re.search(r"the one used for the (\S+) quarter\): CMS's file for that quarter is not installed", reason)
    missing = f"CY{year.group(1)} ASP" if year else f"ASP {quarter.group(1)}" if quarter else None
    return [facility_drug_office_note(setting, missing) if note == reason and missing else note for note in notes]


def _money(text: Any) -> Decimal | None:
    if text is None or text == "" or (isinstance(text, float) and text != text):
        return None
    return Decimal(str(text)).quantize(Decimal("0.01"))


@pytest.fixture(scope="module")
def drawn(pricer: Pricer) -> tuple[list[dict[str, str]], list[Any], list[dict[str, Any]], list[str]]:
    rng = random.Random(SEED)
    pools = _codes(pricer)
    lines = [_line(rng, pools) for _ in range(LINES)]
    singles = [_single(pricer, line) for line in lines]
    table = pa.table({name: [line[name] for line in lines] for name in lines[0]})
    priced = BatchPricer(pricer).price_table(table)
    return lines, singles, priced.to_pylist(), run_notes_of(priced)


def _agree(line: dict[str, str], single: Any, out: dict[str, Any]) -> None:
    """A priced batch row against its single lookup: no error, the note, every money column and site measure."""
    assert (out["error_kind"], out["error"]) == ("", ""), (line, out["error"])
    assert (out["note"], out["comparison_note"]) == _note(single, line["setting"], line), line
    for name, value in MONEY.items():
        assert _money(out[name]) == _money(value(single)), (line, name)
    for site in single.sites:
        for measure, attribute in SITE_MEASURES.items():
            expected = getattr(site, attribute) if site.payable else None
            assert _money(out[f"{site.setting}_{measure}"]) == _money(expected), (line, site.setting, measure)
    if line["setting"]:
        for measure in SITE_MEASURES:
            assert out[measure] == out[f"{line['setting']}_{measure}"], line
    elif _supplier_item(single):  # a DME item's fee is the same wherever: allowed it with no place of service
        for measure in SITE_MEASURES:
            assert out[measure] == out[f"office_{measure}"] is not None, line


def test_single_and_batch_agree_on_every_money_column_error_and_note(drawn: Any) -> None:
    lines, singles, batch, _ = drawn
    kinds = set()
    quarters = {"opps": 0, "asc": 0}
    for line, single, out in zip(lines, singles, batch, strict=True):
        if isinstance(single, RvucalcError):
            kinds.add(single.kind.value)
            assert out["error_kind"] == single.kind.value, (line, out["error"], str(single))
            # The same text, except that the API names its parameter and batch its column.
            assert out["error"] == str(single).replace("date_of_service '", "date '").replace(
                "give zip_code, locality or state.", "fill the row's zip, locality or state column."
            ), line
            assert all(out[name] is None for name in MONEY), line
            assert out["note"] == "", line  # the error says it all, as a single lookup's exception does
            continue
        _agree(line, single, out)
        release, *schedules = out["release"].split("; ")
        assert release == single.release
        files = {
            "clfs": single.clfs.quarter if single.clfs else None,
            "drug": single.drug.quarter if single.drug else None,
            "dmepos": single.dmepos.release if single.dmepos else None,
        }
        if single.paid_by in files:  # the release column names the schedule's file too
            assert any(part.endswith(str(files[single.paid_by])) for part in schedules), (line, out["release"])
        assert out["locality_priced"] == single.location.locality
        # The facility quarters, where a rate is: the single lookup's opps_release and asc_release.
        if out["opps_rate"] is not None or not out["opps_release"]:
            assert out["opps_release"] == (single.opps.release if out["opps_rate"] is not None else ""), line
        else:  # a therapy row the PFS pays at the hospital: the Addendum B whose SI A decided it, as the single
            # lookup names it (its OPPS release, or where the year's is not installed its OPPS reason)
            assert out["opps_release"] in (
                single.opps.release,
                *re.findall(r"\((\S+), the newest Addendum B", single.opps.reason or ""),
            ), line
        assert out["asc_release"] == (single.asc.release if out["asc_rate"] is not None else ""), line
        quarters["opps"] += out["opps_release"] != ""
        quarters["asc"] += out["asc_release"] != ""
    assert min(quarters.values()) > 20, quarters
    # The units and facility modifiers' rules are reached: a terminated hospital line of several units, therapy's
    # later units, 50 in the hospital, PT's waiver, a hospital or ASC line's later units.
    reached = {text: sum(text in out["note"] for out in batch) for text in (
        "of this line not paid", "Multiple therapy: unit", "50 in the hospital", "Screening turned diagnostic",
        "lower-paid procedure", ANCILLARY_WITHOUT_PROCEDURE)}  # fmt: skip
    assert min(reached.values()) >= 3, reached
    # The draw reaches the kinds it is meant to exercise.
    assert {"malformed_code", "bad_modifier", "unknown_code", "no_such_row", "unknown_zip", "unknown_locality",
            "bad_date", "release_not_installed", "missing_input"} <= kinds, kinds  # fmt: skip
    paid_by = {single.paid_by for single in singles if not isinstance(single, RvucalcError)}
    assert {"pfs", "clfs", "drug", "dmepos", None} <= paid_by, paid_by


@pytest.mark.parametrize("date", ["2025-11-10", "2026-03-10"])
def test_screening_mammography_lines_agree_with_or_without_the_year_s_opps_file(pricer: Pricer, date: str) -> None:
    """77067, 77063 and 77067-26 in every setting, in 2025 (Addendum B installed) and 2026 (not): the hospital is paid
    the TC's PFS amount either way, and neither path gives the OPPS's reason (a review found batch's 2026 rows paid
    with "OPPS CY2026 rates not installed ... so this site is not priced" in their note). Diagnostic mammography
    (77066, G0279, 77065-26) likewise, with its patient's 20%."""
    lines = [{"code": code, "modifier": modifier, "zip": "10001", "locality": "", "date": date, "setting": setting,
              "base_units": "", "minutes": "", "units": units, "state": ""}
             for code, modifier in (("77067", ""), ("77063", ""), ("77067", "26"), ("77066", ""), ("G0279", ""),
                                    ("77065", "26"))
             for setting in ("", "office", "hopd", "asc") for units in ("", "2")]  # fmt: skip
    table = pa.table({name: [line[name] for line in lines] for name in lines[0]})
    batch = BatchPricer(pricer).price_table(table).to_pylist()
    for line, out in zip(lines, batch, strict=True):
        _agree(line, _single(pricer, line), out)
        assert "OPPS CY2026 rates not installed" not in out["note"] or line["modifier"], line
    assert sum(HOPD_MAMMOGRAPHY_NOTE in out["note"] for out in batch) == 12  # with no setting or the hospital
    assert sum(HOPD_DIAGNOSTIC_MAMMOGRAPHY_NOTE in out["note"] for out in batch) == 12


def test_drugs_the_asp_file_used_does_not_list_agree_across_dates_in_one_run(pricer: Pricer) -> None:
    """J9277 (ASC Addendum BB K2 from April 2026, on no installed ASP file), J1815 (PFS status E, ASC N1, on no ASP
    file), 90376 (K2, on no ASP file), J0208 and J9271 (on the ASP file) on dates of four ASP quarters and 2025 (no ASP
    file), in one table: a drug's terms depend on its date's ASP quarter and the OPPS/ASC files in force, so the rows
    of one code and units on different dates must not share them (batch.schedules: their contexts); each row says what
    its single lookup says."""
    dates = ["2026-08-10", "2026-04-21", "2026-02-10", "2026-11-02", "2025-10-14", ""]
    # With them, a drug's modifiers on a service's line (99214-JW, 96413-JZ, 96413-TB) and on a drug's (J9271-JZ).
    codes = [("J9277", ""), ("J1815", ""), ("90376", ""), ("J0208", ""), ("J9271", ""), ("J9271", "JZ"),
             ("99214", "JW"), ("96413", "JZ"), ("96413", "TB")]  # fmt: skip
    lines = [{"code": code, "modifier": modifier, "zip": "37203", "locality": "", "date": date, "setting": setting,
              "base_units": "", "minutes": "", "units": "" if code in ("99214", "96413") else "790",
              "state": ""}
             for code, modifier in codes for date in dates
             for setting in ("", "office", "hopd", "asc")]  # fmt: skip
    table = pa.table({name: [line[name] for line in lines] for name in lines[0]})
    batch = BatchPricer(pricer).price_table(table).to_pylist()
    said = set()
    for line, out in zip(lines, batch, strict=True):
        single = _single(pricer, line)
        if isinstance(single, RvucalcError):  # J9277 in 2025: not in the CY2025 fee schedule
            assert (out["error_kind"], out["error"]) == (single.kind.value, str(single)), line
            continue
        _agree(line, single, out)
        if single.drug is not None and single.drug.reason:
            said.add(single.drug.reason.split(". ")[0])
    assert {"J9277 is not in the installed ASP payment limit file (2026-01, the one used for the 2026-07 quarter): "
            "CMS's file for that quarter is not installed",
            "J9277 is not in the installed ASP payment limit file (2026-01, the one used for the 2026-04 quarter): "
            "CMS's file for that quarter is not installed",
            "90376 is not in CMS's ASP payment limit file 2026-01",
            # J1815 (insulin): a J code the PFS excludes (status E), on no ASP file and marked a drug by no facility
            # file (ASC PI N1): the same per quarter (lookup.schedules.excluded_drug)
            "J1815 is not in CMS's ASP payment limit file 2026-01",
            # the January file omitted it, a code CMS's January ASC addenda list (N1): the missing quarter's file is
            # not named as what would price it (lookup.schedules.omitted_then), J9277 (new in April) keeps it
            "J1815 is not in the installed ASP payment limit files of 2026 (2026-01, the one used for the 2026-07 "
            "quarter, does not list it)",
            "J1815 is not in the installed ASP payment limit files of 2026 (2026-01, the one used for the 2026-10 "
            "quarter, does not list it)"} <= said, said  # fmt: skip
    assert sum("is a service, not a drug" in out["note"] for out in batch) == 3 * len(dates) * 4


def test_the_notes_cover_every_part_and_the_run_notes_are_said_once(drawn: Any) -> None:
    lines, singles, batch, said_once = drawn
    priced = [(line, single, out) for line, single, out in zip(lines, singles, batch, strict=True)
              if not isinstance(single, RvucalcError)]  # fmt: skip
    # The deductible of each year priced is in the run's notes, on no row.
    assert said_once == [note for year in (2025, 2026) for note in run_notes(year)]
    # (on every single lookup but those of a line with no deductible: a CLFS lab, a preventive service's waiver, a
    # flu or pneumococcal vaccine, insulin for a DME pump)
    assert all(note in single.notes or _owes_no_deductible(single)
               for _, single, _ in priced for note in run_notes(single.year))  # fmt: skip
    assert not any(note in out["note"] for _, _, out in priced for note in said_once)
    # The draw reaches every kind of part: warnings, the lines' notes, and why amounts are blank.
    texts = "\n".join(out["note"] + "\n" + out["comparison_note"] for _, _, out in priced)
    for part in ("is not installed", "split between localities by ZIP+4", "gives no CBSA", "spans counties",
                 "does not choose between them", "Modifier 59 is informational", "Status T:", "Preventive service",
                 "codes like it are paid from", "imaging cap is set per locality", "No PFS payment: status",
                 "Priced by your Medicare contractor", "CMS marks its PE RVU 'NA'",
                 "Not paid under the PFS", "Addendum AA", "Addendum B", "DMEPOS rural ZIP code file",
                 "Bilateral (50)", "Assistant at surgery", "OPPS imaging cap (DRA 2005)",
                 " is an add-on code (global period ZZZ", "management only (55): the physician's care after",
                 "management only (56): the physician's care before"):  # fmt: skip
        assert part in texts, part
    # Parts come in the single lookup's order, not batch's: a warning before a line's note.
    assert any(out["note"].index("is not installed") < out["note"].index("Not paid under the PFS")
               for _, _, out in priced if "is not installed" in out["note"] and "Not paid" in out["note"])  # fmt: skip


def _owes_no_deductible(single: Any) -> bool:
    """A line whose single lookup leaves out the deductible's note: the line has none."""
    drug = single.drug.notes if single.drug is not None else []
    return (
        single.paid_by == "clfs"
        or any("deductible" in said and ("waive" in said or "no Part B deductible" in said) for said in single.notes)
        or any("deductible does not apply" in said for said in drug)
    )


def test_the_supplier_trial_lines_are_drawn(drawn: Any) -> None:
    """The draw reaches the supplier trial's lines, priced (J1817's capped share, E0601-RR's month note) or refused
    (E0601-RR-MS: no MS fee), each agreeing with its single lookup (the test above)."""
    lines, _, batch, _ = drawn
    seen = {line["code"] for line in lines}
    assert {"J1817", "90662", "E0601-RR", "E0601-RR-MS"} <= seen
    notes = "\n".join(out["note"] for out in batch)
    for part in ("Insulin through a Part B insulin pump", "billed RR without KH, KI or KJ", "has no MS fee for E0601",
                 "CMS's payment limit file notes: see the Seasonal Influenza"):  # fmt: skip
        assert part in notes, part


def test_place_of_service_notes_agree(pricer: Pricer, drawn: Any) -> None:
    """A CMS place-of-service code in the setting column adds the single lookup's note for it (the draw's
    settings are office/hopd/asc, which have none); the professional claim's amounts agree too."""
    lines, singles, _, _ = drawn
    rng = random.Random(SEED)
    priced = [line for line, single in zip(lines, singles, strict=True) if not isinstance(single, RvucalcError)]
    chosen = [
        dict(line, setting=rng.choice(["02", "10", "11", "12", "19", "21", "22", "24", "31", "99"]))
        for line in priced[:300]
    ]
    table = pa.table({name: [line[name] for line in chosen] for name in chosen[0]})
    batch = BatchPricer(pricer).price_table(table).to_pylist()
    notes = 0
    kinds = dict.fromkeys(("office", "hopd", "asc", "facility"), 0)
    for line, out in zip(chosen, batch, strict=True):
        single = _single(pricer, line, line["setting"])
        assert not isinstance(single, RvucalcError), line
        site = {"11": "office", "19": "hopd", "22": "hopd", "24": "asc"}.get(line["setting"], "")
        assert (out["note"], out["comparison_note"]) == _note(
            single, site, line, out["site"] in ("office", "facility"), out["site"] == "office", out["site"]
        ), line
        (total,) = [s.total if s.payable else None for s in single.sites]
        assert _money(out["allowed"]) == _money(total), line
        notes += "POS " in out["note"]
        # The professional claim: the office's amounts, or in any facility the single lookup's PFS facility amount
        # alone (POS 21, inpatient: a place where no facility payment is priced).
        professional = single if out["site"] == "office" else _single(pricer, line, "21")
        (site,) = professional.sites
        # Outpatient therapy in the hospital: the hospital's, no separate professional fee (engine.hopd_therapy); POS
        # 21 prices an always-therapy code now (engine.pfs.facility_na), so it is no proxy for it.
        hospital_therapy = out["site"] == "hopd" and HOPD_THERAPY_NOTE in single.notes
        for measure, attribute in SITE_MEASURES.items():
            expected = getattr(site, attribute) if site.payable and not hospital_therapy else None
            assert _money(out[f"professional_{measure}"]) == _money(expected), (line, measure)
        kinds[out["site"]] += out["professional_allowed"] is not None
    assert notes > 100
    assert min(kinds.values()) >= 15, kinds


def test_the_dask_partition_function_gives_the_same_rows(drawn: Any) -> None:
    import pandas as pd

    lines, _, batch, _ = drawn
    frame = price_partition(pd.DataFrame(lines[:1500]))
    for out, row in zip(batch[:1500], frame.to_dict("records"), strict=True):
        for name in (
            *MONEY,
            "allowed",
            "beneficiary",
            "medicare",
            "error",
            "error_kind",
            "release",
            "note",
            "comparison_note",
        ):
            left = _money(out[name]) if name in MONEY or name in SITE_MEASURES else (out[name] or "")
            right = _money(row[name]) if name in MONEY or name in SITE_MEASURES else (row[name] or "")
            assert left == right, (name, out, row)


def test_export_agrees_with_single_lookups_where_it_covers_the_line(pricer: Pricer, drawn: Any) -> None:
    """Export writes the PFS amounts of each code at each locality: money only, no notes or errors."""
    import pandas as pd

    lines, singles, _, _ = drawn
    newest = pricer.catalogue.newest("pfs")
    covered = [
        (line, single) for line, single in zip(lines, singles, strict=True)
        if not isinstance(single, RvucalcError) and single.release == newest.release and not single.modifiers
        and single.location.locality != "0000000" and (single.pfs.status or "") in "ART" and single.pfs.status
        and not single.pfs.contractor_priced and single.units == 1
    ]  # fmt: skip
    assert len(covered) > 250
    wanted = {(single.code, single.location.locality) for _, single in covered}
    table = pfs_table(pricer, newest.year)
    table = table[table["modifier"] == ""]
    keys = list(zip(table["hcpcs"], table["locality"], strict=True))
    index = [i for i, key in enumerate(keys) if key in wanted]
    rows = {keys[i]: i for i in index}
    for line, single in covered:
        i = rows[(single.code, single.location.locality)]
        for setting in ("non_facility", "facility"):
            exported = table[f"{setting}_amount"].iloc[i]
            assert _money(None if pd.isna(exported) else str(exported)) == _money(
                getattr(single.pfs, setting).amount
            ), (line, setting)


def test_a_part_two_slots_share_is_said_once_in_slot_order() -> None:
    """Hand-made slots: the note joins them in NOTE_SLOTS order whatever the order they were added in; a
    text two slots share (say the same quarter warning from OPPS and from the CLFS) is said once, where it
    first comes; an error row has no note."""
    import numpy as np

    from rvucalc.batch.lines import parse_lines

    lines = parse_lines(pa.table({"code": ["99213", "99214", "99215", "99213"]}))
    texts = lines.texts
    warning = "CMS's PFS quarterly release for 2026-08-22 (2026-07) is not installed"
    lines.add_note("pfs_reason", np.array([0, 1, 2]), texts.id("no PFS amount"))
    lines.add_note("schedules", np.array([1, 2]), texts.id(warning))
    lines.add_note("quarter", np.array([1]), texts.id_of([warning, "ASC warning"]))
    lines.add_note("release", np.arange(4), texts.id("release warning"))
    lines.error[3] = texts.id("an error")
    assert lines.note_column().to_pylist() == [
        "release warning; no PFS amount",
        f"release warning; {warning}; ASC warning; no PFS amount",
        f"release warning; {warning}; no PFS amount",
        "",
    ]


@pytest.mark.parametrize(
    "codes",
    [["98940", "99213"], ["99213-25", "20610-GY", "20550", "20552"], ["98941-AT", "98940", "97140"]],
)
def test_a_claim_with_a_denied_line_agrees_in_price_and_batch(pricer: Pricer, codes: list[str]) -> None:
    """A line Medicare denies (98940 without AT, a GY line) on a claim: batch errors its row and prices the claim's
    others; ``rvucalc price`` the same, in every format (a chiropractic trial: `price 98940 99213` printed the denial
    alone). The same error text and kind, the others' amounts line by line."""
    import json

    from typer.testing import CliRunner

    from rvucalc.cli import app
    from rvucalc.lookup.pricer import DeniedLineError

    place = {"zip": "10001", "date": "2026-08-05", "setting": "11"}
    table = pa.table({"claim": ["A"] * len(codes), "code": codes, **{k: [v] * len(codes) for k, v in place.items()}})
    batch = BatchPricer(pricer).price_table(table).to_pylist()
    with pytest.raises(DeniedLineError) as denied:
        pricer.price_encounter(codes, zip_code="10001", date_of_service="2026-08-05", setting="11")
    number = denied.value.index
    assert (batch[number]["error_kind"], batch[number]["error"]) == ("denied", str(denied.value))
    result = CliRunner().invoke(app, ["price", *codes, "--zip", "10001", "--date", "2026-08-05", "--setting", "11",
                                      "-f", "json"])  # fmt: skip
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [(e["line"], e["error_kind"], e["error"]) for e in data["errors"]] == [
        (denied.value.line, "denied", str(denied.value))
    ]
    assert denied.value.line == number + 1  # counted from 1, as the JSON's errors and the CLI's "line N" count
    others = [row for n, row in enumerate(batch) if n != number]
    assert all(row["error_kind"] == "" for row in others)
    assert [_money(row["allowed"]) for row in others] == [_money(line["sites"][0]["total"]) for line in data["lines"]]
    assert sum(_money(row["allowed"]) or Decimal(0) for row in others) == _money(data["totals"]["office"]["total"])


def test_global_test_only_codes_at_facilities_agree_each_with_its_own_reason(pricer: Pricer) -> None:
    """93000, 93015 and 93224 (PC/TC indicator 4) in one batch: each row's note is its single lookup's, whose facility
    reason names the code's own parts (engine.pfs.global_test_in_facility_reason), not the first such row's."""
    place = {"modifier": "", "zip": "30322", "locality": "", "date": "2026-08-05", "base_units": "", "minutes": "",
             "units": "", "state": ""}  # fmt: skip
    lines = [{**place, "code": code, "setting": setting}
             for code in ("93000", "93015", "93224") for setting in ("", "hopd", "asc")]  # fmt: skip
    table = pa.table({name: [line[name] for line in lines] for name in lines[0]})
    for line, out in zip(lines, BatchPricer(pricer).price_table(table).to_pylist(), strict=True):
        _agree(line, _single(pricer, line), out)


def test_a_prolonged_add_on_beside_its_unpaid_primary_agrees_in_price_and_batch(pricer: Pricer) -> None:
    """99221, 99233 (part of the initial day, $0.00), G0316 (its primary unpaid, $0.00: engine.visits.
    prolonged_primary_unpaid_rules): each line's amount and rules alike in price and batch."""
    codes = ["99221", "99233", "G0316"]
    place = {"zip": "30322", "date": "2026-08-05", "setting": "21"}
    table = pa.table({"claim": ["A"] * len(codes), "code": codes, **{k: [v] * len(codes) for k, v in place.items()}})
    batch = BatchPricer(pricer).price_table(table).to_pylist()
    single = pricer.price_encounter(codes, zip_code="30322", date_of_service="2026-08-05", setting="21").lines
    for line, row in zip(single, batch, strict=True):
        assert _money(row["allowed"]) == _money(line.sites[0].total)
        assert all(a.rule in str(row["note"]) for a in line.pfs.facility.adjustments or ())


@pytest.mark.parametrize(
    "codes",
    [
        ["99223-AI", "99222"],
        ["99223-AI", "99222-AI"],
        ["99222", "99223"],
        ["99221", "99223"],
        ["99223", "99221"],
        ["99232", "99233", "99231-AI"],
        ["99222", "99223", "G0316"],
        ["99238", "99239-AI"],  # one discharge a stay: AI sets neither apart (engine.visits.SECOND_DISCHARGE_RULE)
        ["99233", "99239", "99238"],
    ],
)
def test_per_diem_hospital_care_agrees_in_price_and_batch(pricer: Pricer, codes: list[str]) -> None:
    """One practitioner's hospital care lines of a day (engine.visits.per_diem_kept): the highest-paid of one kind
    kept whatever the order, AI's (the admitting physician's) line apart from the others: each line's amount and
    notes alike in price and batch."""
    place = {"zip": "10001", "date": "2026-07-15", "setting": "21"}
    table = pa.table({"claim": ["A"] * len(codes), "code": codes, **{k: [v] * len(codes) for k, v in place.items()}})
    batch = BatchPricer(pricer).price_table(table).to_pylist()
    single = pricer.price_encounter(codes, zip_code="10001", date_of_service="2026-07-15", setting="21").lines
    for line, row in zip(single, batch, strict=True):
        assert _money(row["allowed"]) == _money(line.sites[0].total), line.code
        assert _money(row["pfs_facility_amount"]) == _money(line.pfs.facility.amount), line.code
        said = [note for note in line.notes if not note.startswith("Patient amounts are per service")]  # the run's
        assert all(note in str(row["note"]) for note in said), line.code


@pytest.mark.parametrize(
    ("codes", "second"),
    [
        (["99306", "99309"], 1),
        (["99309", "99306-AI"], 0),  # the principal physician's AI line and another's
        (["99310", "G0317", "99310"], 1),
        (["99306", "99316"], 1),
        (["99315", "99307", "99308"], 2),
        (["99223", "99306", "99310"], 0),  # both part of the hospital admission (its own rule)
        (["99238", "99304", "99305"], 1),  # a hospital discharge and a NF admission: both paid
    ],
)
@pytest.mark.parametrize("setting", ["31", "32"])
def test_nursing_facility_care_once_a_day_agrees_in_price_and_batch(
    pricer: Pricer, codes: list[str], second: int, setting: str
) -> None:
    """One practitioner's nursing facility visits and discharge of a day (Claims Processing Manual ch. 12 §30.6.13.B:
    one E/M a day; engine.visits.SECOND_NURSING_FACILITY_RULE): the highest-paid kept, AI's line apart, beside G0317,
    a hospital admission (its own rule) or a hospital discharge: each line's amounts and notes alike."""
    place = {"zip": "19103", "date": "2026-08-03", "setting": setting}
    table = pa.table({"claim": ["A"] * len(codes), "code": codes, **{k: [v] * len(codes) for k, v in place.items()}})
    batch = BatchPricer(pricer).price_table(table).to_pylist()
    single = pricer.price_encounter(codes, zip_code="19103", date_of_service="2026-08-03", setting=setting).lines
    for line, row in zip(single, batch, strict=True):
        assert _money(row["allowed"]) == _money(line.sites[0].total), line.code
        assert _money(row["pfs_facility_amount"]) == _money(line.pfs.facility.amount), line.code
        assert _money(row["pfs_non_facility_amount"]) == _money(line.pfs.non_facility.amount), line.code
        said = [note for note in line.notes if not note.startswith("Patient amounts are per service")]
        assert all(note in str(row["note"]) for note in said), line.code
    assert sum(SECOND_NURSING_FACILITY_RULE in str(row["note"]) for row in batch) == second


@pytest.mark.parametrize("code", ["99223", "99232", "99236", "99309", "99316", "99239"])
@pytest.mark.parametrize("units", ["2", "3"])
def test_a_per_diem_line_of_several_units_agrees_in_price_and_batch(pricer: Pricer, code: str, units: str) -> None:
    """A per diem hospital care line alone of several units (engine.visits.per_diem_units_rule: one unit paid), in
    every setting: every money column, site measure and the note alike."""
    lines = [{"code": code, "modifier": "", "zip": "10001", "locality": "", "date": "2026-07-15", "base_units": "",
              "minutes": "", "units": units, "state": "", "setting": setting}
             for setting in ("", "office", "hopd", "asc")]  # fmt: skip
    table = pa.table({name: [line[name] for line in lines] for name in lines[0]})
    for line, out in zip(lines, BatchPricer(pricer).price_table(table).to_pylist(), strict=True):
        _agree(line, _single(pricer, line), out)


@pytest.mark.parametrize(
    "codes", [["99223-57", "G0316", "11042"], ["99223-57", "99233", "G0316", "11042"], ["99223-57", "99223", "G0316"]]
)
def test_a_prolonged_add_on_beside_an_unpaid_e_m_57_agrees_in_price_and_batch(pricer: Pricer, codes: list[str]) -> None:
    """An E/M-57 beside a minor procedure ($0.00) as G0316's only primary, or beside another primary (paid, or part of
    the initial day): G0316's amount and rules alike in price and batch (engine.visits.prolonged_primary_unpaid_rules,
    batch.claims._prolonged_unpaid)."""
    place = {"zip": "30309", "date": "2026-08-10", "setting": "21"}
    table = pa.table({"claim": ["A"] * len(codes), "code": codes, **{k: [v] * len(codes) for k, v in place.items()}})
    batch = BatchPricer(pricer).price_table(table).to_pylist()
    single = pricer.price_encounter(codes, zip_code="30309", date_of_service="2026-08-10", setting="21").lines
    for line, row in zip(single, batch, strict=True):
        assert _money(row["allowed"]) == _money(line.sites[0].total), line.code
        assert _money(row["pfs_facility_amount"]) == _money(line.pfs.facility.amount), line.code
        said = [note for note in line.notes if not note.startswith("Patient amounts are per service")]
        assert all(note in str(row["note"]) for note in said), line.code


# An OB/GYN trial's one-line claims (README: a row's note is what `price` says of the line, word for word; and what
# `price` says of a hospital or ASC rate itself, under its site, is not in it: the device portion not wage-adjusted,
# a copayment capped at the inpatient deductible, an SI's meaning, the facility's own modifier steps, FB's device
# credit, 52's 50%, the ASC's bilateral 150%; the row's opps_* and asc_* columns are those rates).
OB_GYN_TRIAL = [
    {"code": "58565", "modifier": "", "zip": "77030", "date": "2026-07-30", "setting": "asc"},
    {"code": "58565", "modifier": "FB", "zip": "77030", "date": "2026-07-30", "setting": "asc"},
    {"code": "58661", "modifier": "50", "zip": "31701", "date": "2026-07-30", "setting": "asc"},
    {"code": "58571", "modifier": "", "zip": "77030", "date": "2025-11-05", "setting": "hopd"},
    {"code": "57454", "modifier": "52", "zip": "77030", "date": "2025-11-05", "setting": "hopd"},
]


@pytest.mark.parametrize("claims", ["none", "own", "blank"])
@pytest.mark.parametrize("sited", [True, False])
def test_one_line_facility_claims_agree_in_price_and_batch(pricer: Pricer, claims: str, sited: bool) -> None:
    """The trial's lines, alone (no claim column, each its own one-line claim, or a blank claim id), in their
    setting and with none (every site shown): every money column and the note as the single lookup's, and the same
    row whichever way the file gives its claims."""
    blank = {"locality": "", "base_units": "", "minutes": "", "units": "", "state": ""}
    lines = [{**blank, **line, "setting": line["setting"] if sited else ""} for line in OB_GYN_TRIAL]
    columns = {name: [line[name] for line in lines] for name in lines[0]}
    if claims != "none":
        columns["claim"] = [str(n) if claims == "own" else "" for n in range(len(lines))]
    rows = BatchPricer(pricer).price_table(pa.table(columns)).to_pylist()
    for line, out in zip(lines, rows, strict=True):
        single = _single(pricer, line)
        assert not isinstance(single, RvucalcError), line
        _agree(line, single, out)


def test_non_par_rows_are_the_par_rows_at_the_non_par_amount(pricer: Pricer, drawn: Any) -> None:
    """``--non-par`` (batch.price._non_par) on the drawn lines: a PFS row's office amounts are the single lookup's
    office amounts at the non-par amount (engine.kernels.non_par_shares: 95% rounded once, the line's coinsurance of
    it), its PFS amounts and limiting charges the fee schedule's; a row off the PFS (a lab, drug, DME item) and every
    hospital or ASC facility part keep their money exactly."""
    from rvucalc.batch.price import Scenario
    from rvucalc.engine.kernels import non_par_shares

    lines, singles, rows, _ = drawn
    table = pa.table({name: [line[name] for line in lines] for name in lines[0]})
    non_par = BatchPricer(pricer, scenario=Scenario(non_par=True)).price_table(table).to_pylist()
    checked = 0
    for line, single, par, out in zip(lines, singles, rows, non_par, strict=True):
        if isinstance(single, RvucalcError) or par["error_kind"]:
            assert (out["error_kind"], out["error"]) == (par["error_kind"], par["error"]), line
            continue
        for name in ("pfs_non_facility_amount", "pfs_facility_amount", "clfs_amount", "drug_amount", "dmepos_amount",
                     "opps_rate", "asc_rate"):  # fmt: skip
            assert out[name] == par[name], (line, name)
        pfs = par["pfs_non_facility_amount"] is not None or par["pfs_facility_amount"] is not None
        office = single.sites[0]
        if not pfs or not office.payable or par["office_allowed"] is None:
            if not pfs:
                assert all(out[f"office_{m}"] == par[f"office_{m}"] for m in SITE_MEASURES), line
            continue
        cents = [int(_money(getattr(office, SITE_MEASURES[m])) * 100) for m in ("allowed", "beneficiary")]
        share = 0 if cents[1] == 0 else round(Decimal(cents[1]) * 10_000 / cents[0])  # the line's coinsurance
        if cents[1] and share != 2000:
            continue  # a line whose patient share is not its coinsurance of the whole (a capped or cut share)
        wanted = non_par_shares(cents[0], cents[1], 2000, int(line.get("units") or 1),
                                int(_money(par["pfs_non_facility_amount"]) * 100) if par["pfs_non_facility_amount"]
                                is not None else None)  # fmt: skip
        got = [int(_money(out[f"office_{m}"]) * 100) for m in ("allowed", "beneficiary", "medicare")]
        assert got == list(wanted), line
        changed = any(out[m] != par[m] for m in ("allowed", "professional_allowed"))  # noted where the row changed
        assert ("Non-participating:" in out["note"]) == changed, line
        checked += 1
    assert checked > 100


@pytest.mark.parametrize("setting", ["31", "32", "21"])
def test_snf_consolidated_billing_lines_agree_in_price_and_batch(pricer: Pricer, setting: str) -> None:
    """A global test (71045), portable X-ray set-up and transport (Q0092, R0070, R0075-UN) and a lab test with and
    without its year's CLFS file (36415 in 2025 and 2026) at a SNF, a nursing facility and an inpatient hospital: each
    row's note and allowed amount are its single lookup's at that place (engine.pfs.GLOBAL_AT_SNF_REASON,
    engine.modifiers.portable_xray_not_payable_reason, at POS 31 and 21, engine.facility.LAB_AT_FACILITY_REASON;
    test_snf_consolidated_billing, test_portable_xray_hospital_inpatient), as test_place_of_service_notes_agree checks
    a drawn line's."""
    place = {"modifier": "", "zip": "85712", "locality": "", "base_units": "", "minutes": "", "units": "",
             "state": "", "setting": setting}  # fmt: skip
    lines = [{**place, "code": code, "date": date} for code, date in (
        ("71045", "2026-08-05"), ("Q0092", "2026-08-05"), ("R0070", "2026-08-05"), ("R0075-UN", "2026-08-05"),
        ("36415", "2025-10-02"),
        ("36415", "2026-08-05"))]  # fmt: skip
    table = pa.table({name: [line[name] for line in lines] for name in lines[0]})
    for line, out in zip(lines, BatchPricer(pricer).price_table(table).to_pylist(), strict=True):
        single = _single(pricer, line, setting)
        assert not isinstance(single, RvucalcError), line
        assert (out["error_kind"], out["error"]) == ("", ""), (line, out["error"])
        assert (out["note"], out["comparison_note"]) == _note(
            single, "", line, out["site"] in ("office", "facility"), out["site"] == "office", out["site"]
        ), line
        (site,) = single.sites
        assert _money(out["allowed"]) == _money(site.total if site.payable else None), line


@pytest.mark.parametrize("setting", ["19", "22", "23", "hopd", "131"])
def test_portable_xray_for_a_hospital_outpatient_agrees_in_price_and_batch(pricer: Pricer, setting: str) -> None:
    """Portable X-ray set-up and transport (Q0092, R0070, R0075-UN) beside the test's parts (71045-TC, 71045-26) for a
    hospital outpatient (POS 19, 22, 23, hopd, type of bill 131): batch paid Q0092 its PFS facility amount at the
    hospital (its hospital site made of it before the not-payable rule ran), price after its fix did not. Each row's
    note and allowed amount are its single lookup's there (engine.modifiers.portable_xray_not_payable_reason;
    test_portable_xray_hospital_outpatient): Q0092's the hospital's packaged OPPS line alone."""
    place = {"modifier": "", "zip": "85712", "locality": "", "base_units": "", "minutes": "", "units": "",
             "state": "", "setting": setting}  # fmt: skip
    lines = [{**place, "code": code, "date": date} for code, date in (
        ("Q0092", "2025-07-07"), ("R0070", "2025-07-07"), ("R0075-UN", "2025-07-07"), ("71045-TC", "2025-07-07"),
        ("71045-26", "2025-07-07"), ("Q0092", "2026-08-05"), ("R0070", "2026-08-05"))]  # fmt: skip
    table = pa.table({name: [line[name] for line in lines] for name in lines[0]})
    rows = BatchPricer(pricer).price_table(table).to_pylist()
    for line, out in zip(lines, rows, strict=True):
        single = _single(pricer, line, setting)
        assert not isinstance(single, RvucalcError), line
        assert (out["error_kind"], out["error"], out["site"]) == ("", "", "hopd"), (line, out["error"])
        assert (out["note"], out["comparison_note"]) == _note(single, "hopd", line, False, False, "hopd"), line
        (site,) = single.sites
        assert _money(out["allowed"]) == _money(site.total if site.payable else None), line
    # Q0092: the hospital's packaged line alone, $0.00 (2025's Addendum B, SI N), no PFS amount beside it
    assert _money(rows[0]["allowed"]) == _money(rows[0]["opps_rate"]) == 0 and rows[0]["pfs_facility_amount"] is None


@pytest.mark.parametrize("setting", ["", "11", "19", "22", "24", "31"])
def test_portable_xray_sites_agree_in_price_and_batch_wherever_the_row_is(pricer: Pricer, setting: str) -> None:
    """Portable X-ray set-up and transport (Q0092, R0070, R0075-UN) with no place and at POS 11, 19, 22, 24 and 31:
    every site column (office_*, hopd_*, asc_*) is the single lookup's site with no setting, and the row's allowed its
    single lookup's at its place. Price's hospital row with no setting, and batch's hopd_* on an office row, paid Q0092
    its PFS facility amount ($25.19) where --setting hopd paid $0.00; batch's asc_* were $25.19 on an office row and
    $0.00 on a SNF row (engine.modifiers.portable_xray_site_reason: the hospital's and the ASC's sites their own lines
    alone, Q0092's packaged $0.00, on every row)."""
    place = {"modifier": "", "zip": "85712", "locality": "", "base_units": "", "minutes": "", "units": "",
             "state": "", "setting": setting}  # fmt: skip
    lines = [{**place, "code": code, "date": date} for date in ("2025-10-15", "2026-08-05")
             for code in ("Q0092", "R0070", "R0075-UN")]  # fmt: skip
    table = pa.table({name: [line[name] for line in lines] for name in lines[0]})
    rows = BatchPricer(pricer).price_table(table).to_pylist()
    for line, out in zip(lines, rows, strict=True):
        anywhere = _single(pricer, line)
        assert not isinstance(anywhere, RvucalcError), line
        assert (out["error_kind"], out["error"]) == ("", ""), (line, out["error"])
        for site in anywhere.sites:
            for measure, attribute in SITE_MEASURES.items():
                expected = getattr(site, attribute) if site.payable else None
                assert _money(out[f"{site.setting}_{measure}"]) == _money(expected), (line, site.setting, measure)
        if setting:
            there = _single(pricer, line, setting)
            assert not isinstance(there, RvucalcError), line
            (site,) = there.sites
            assert _money(out["allowed"]) == _money(site.total if site.payable else None), line
            facility = out["site"] if out["site"] in ("hopd", "asc") else ""
            assert (out["note"], out["comparison_note"]) == _note(
                there, facility, line, out["site"] in ("office", "facility"), out["site"] == "office", out["site"]
            ), line
    # Q0092 in 2025 (its October quarters installed): CMS's office amount kept; the hospital and the ASC their own
    # packaged $0.00 lines (SI N, PI N1)
    out = rows[0]
    assert _money(out["office_allowed"]) == _money(out["pfs_non_facility_amount"]) > 0
    assert _money(out["hopd_allowed"]) == _money(out["opps_rate"]) == 0
    assert _money(out["asc_allowed"]) == _money(out["asc_rate"]) == 0


ASC_2026_01 = Path(__file__).resolve().parents[1] / "data" / "opps" / "2026" / "asc" / "01"


def _addendum(name: str, column: int) -> dict[str, str]:
    with (ASC_2026_01 / f"{name}.csv").open(newline="", encoding="latin-1") as handle:
        return {row[0]: row[column].strip() for row in csv.reader(handle) if len(row) > column and row[0]}


@pytest.mark.parametrize(("code", "modifiers"), [("33208", ("",)), ("23472", ("",)), ("27447", ("", "80"))])
def test_a_device_intensive_asc_line_agrees_in_price_and_batch(
    pricer: Pricer, code: str, modifiers: tuple[str, ...]
) -> None:
    """A J8 code (CMS's January 2026 Addendum AA) with its device portion (Addendum FF): `price` notes
    "Device-intensive: the device portion ... is paid at the national amount" where the ASC's rate is wage-adjusted
    (ZIP 37201, CBSA 34980); batch said nothing of it. Now each row's note and comparison_note are the single lookup's:
    the ASC's own note with no setting or at the ASC, the asc_* comparison's at the office and the hospital; none where
    the ASC's rate is national (a locality gives no CBSA), nor on an assistant's line (its ASC payment $0.00)."""
    assert _addendum("AA", 4)[code] == "J8"
    national = _addendum("AA", 6)[code]  # January 2026 Payment Rate
    portion = _addendum("FF", 8)[code]  # January 2026 Device Offset Amount / Device Portion, e.g. "$5,504.59"
    said = device_intensive_note(int(Decimal(portion.strip("$").replace(",", "")) * 100))
    assert f"({portion}, Addendum FF)" in said
    blank = {"modifier": "", "zip": "", "locality": "", "date": "2026-02-10", "base_units": "", "minutes": "",
             "units": "", "state": ""}  # fmt: skip
    lines = [{**blank, "code": code, "modifier": modifier, place: value, "setting": setting}
             for place, value in (("zip", "37201"), ("locality", "1031235"))
             for modifier in modifiers
             for setting in ("", "asc", "office", "hopd")]  # fmt: skip
    table = pa.table({name: [line[name] for line in lines] for name in lines[0]})
    for line, out in zip(lines, BatchPricer(pricer).price_table(table).to_pylist(), strict=True):
        _agree(line, _single(pricer, line), out)
        wage_adjusted = bool(line["zip"]) and not line["modifier"]
        if not line["modifier"]:  # Addendum AA's national rate at the locality, moved by CBSA 34980's wage index
            assert (_money(out["asc_rate"]) != _money(national.strip("$").replace(",", ""))) == wage_adjusted, line
        shown = line["setting"] in ("", "asc")
        assert (said in out["note"].split("; ")) == (wage_adjusted and shown), (line, out["note"])
        assert (FACILITY_COMPARISON_ONLY + said in out["comparison_note"]) == (wage_adjusted and not shown), line
