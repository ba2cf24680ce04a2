"""Claims: the lines of one claim on one date of service priced as one encounter.

``rvucalc price A B C`` prices its codes as one encounter: the PFS payment-policy rules rank
and reduce the lines together (``engine.policy``: multiple procedures, endoscopy families,
diagnostic imaging, cardiology and ophthalmology components, therapy), the OPPS packages the
other services into a comprehensive APC or pays the lower-paid SI T procedures at 50%
(``engine.facility.discount_encounter_opps``), and the ASC pays the lower-paid discounted
procedures at 50% (``discount_encounter_asc``). Batch rows with the same claim id and the same
date of service are such an encounter. ``price_claims`` runs after ``BatchPricer.price_table``
has priced every row alone: it gives each encounter's lines to the same rule functions and
replaces the amounts they change, then each changed row's sites (the same ``site_shares``
kernel as every row). Each row keeps its own place, setting and units: the rules rank the
per-unit amounts (as ``rvucalc price`` does), and a row's sites are its amounts times its own
units (as ``times_units`` does for ``rvucalc price --units``). A row with an error takes no part;
the claim's other rows say so in their note.

Only encounters where a rule can change an amount go through the rules (``policy_group``,
``opps_changes``, ``asc_changes``, read off the rule functions; a test checks them against the
rules), so a claim of unrelated lines costs nothing more than its lines alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from rvucalc.batch.lines import SITES, Lines, anesthesia_input
from rvucalc.batch.lookups import money_cents
from rvucalc.engine.facility import discount_encounter_asc, discount_encounter_opps, facility_factor
from rvucalc.engine.kernels import COINSURANCE_PERCENT, limiting_charge, percent_of, site_shares
from rvucalc.engine.modifiers import FACILITY_MODIFIERS
from rvucalc.engine.pfs import NATIONAL_GPCI, money, not_priced_reason
from rvucalc.engine.policy import Line, LineSetting, apply_policy, round_cents
from rvucalc.errors import RvucalcError
from rvucalc.lookup import lines as line_rules
from rvucalc.models import AscResult, OppsResult

if TYPE_CHECKING:
    import numpy as np

    from rvucalc.batch.lines import _Code
    from rvucalc.batch.price import BatchPricer, _PfsArrays
    from rvucalc.lookup.lines import PreparedLine
    from rvucalc.reference.releases import Release

# -- what the encounter rules can change -------------------------------------------------------
# Read off the rule functions; tests/test_batch_claims.py checks them against the rules themselves.

# engine.policy._multiple_procedures ranks the lines of a group against each other: surgical
# (indicators 1, 2, 3 with the endoscopy families), diagnostic imaging (4, family 88), cardiology (6),
# ophthalmology (7), therapy (5). Bilateral, the OPPS cap and each line's own modifiers are per line.
NO_GROUP, SURGICAL, IMAGING, CARDIOLOGY, OPHTHALMOLOGY, THERAPY = range(6)
GROUPS = 6
_GROUP_OF_INDICATOR = {"1": SURGICAL, "2": SURGICAL, "3": SURGICAL, "6": CARDIOLOGY, "7": OPHTHALMOLOGY, "5": THERAPY}


def policy_group(mult_proc: str, family_ind: str) -> int:
    """The group ``engine.policy`` ranks a line in (NO_GROUP: no other line changes its amount).
    A line's amount changes with the encounter only when its group holds two lines or more."""
    if mult_proc == "4":
        return IMAGING if family_ind == "88" else NO_GROUP
    return _GROUP_OF_INDICATOR.get(mult_proc, NO_GROUP)


def opps_changes(payable: Any, comprehensive: Any, status_t: Any) -> Any:
    """``discount_encounter_opps`` changes a rate when a comprehensive APC (SI J1) shares the encounter
    with another payable OPPS line (packaged), or two SI T procedures do (the lower-paid at 50%).
    Counts per encounter: ints or integer arrays."""
    return ((comprehensive >= 1) & (payable >= 2)) | ((comprehensive == 0) & (status_t >= 2))


def asc_changes(discounted: Any) -> Any:
    """``discount_encounter_asc`` changes a rate when two payable procedures are subject to discounting."""
    return discounted >= 2


ENCOUNTER = "Claim encounter"  # the notes' prefix: what the claim's other lines on the date did to this one
CACHE_LIMIT = 20_000  # prepared lines kept per kind (memory stays bounded on files of millions of lines)


# -- the pass -----------------------------------------------------------------------------------


@dataclass
class _Context:
    """One PFS release as the rules see it."""

    release: Release
    store: Any  # _Lookups
    pfs: _PfsArrays
    cf: int | None  # a what-if conversion factor (ten-thousandths) replacing every row's
    cf_kind: str


@dataclass(frozen=True)
class _CodeInfo:
    """A distinct code cell checked against a release (``BatchPricer._resolve``), as the rules need it."""

    code: str
    modifiers: tuple[str, ...]
    row: dict[str, Any] | None  # CMS's RVU row; None: the PFS does not list the code
    group: int
    needs_rules: bool  # per-line rules (policy modifiers, anesthesia): the whole encounter goes through prepare
    coinsurance: int  # hundredths of a percent


@dataclass
class _Caches:
    """What ``price_claims`` keeps between partitions (on the ``BatchPricer``)."""

    contexts: dict[str, _Context] = field(default_factory=dict)
    codes: dict[tuple[str, str, str], _CodeInfo | None] = field(default_factory=dict)
    settings: dict[tuple[Any, ...], dict[str, LineSetting]] = field(default_factory=dict)
    prepared: dict[tuple[Any, ...], PreparedLine | RvucalcError] = field(default_factory=dict)
    status: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)  # OPPS release -> code -> (SI, APC)
    facility: dict[tuple[str, str, str], tuple[dict[str, int], Any]] = field(default_factory=dict)
    asc_discounted: dict[tuple[str, tuple[str, ...], bool, int], bool] = field(default_factory=dict)


class _Lookups:
    """The release's store as ``lookup.lines`` asks it: RVU rows remembered (``BatchPricer._lookups``), and
    OPPSCAP rows asked only for the codes the OPPSCAP file lists (batch's cap table says which)."""

    def __init__(self, store: Any, capped: set[tuple[str, str]]) -> None:
        self._store = store
        self._capped = capped

    def opps_cap(self, hcpcs: str, modifier: str, locality: str) -> Any:
        return self._store.opps_cap(hcpcs, modifier, locality) if (hcpcs, modifier) in self._capped else None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


@dataclass
class _Changes:
    """New cents for some rows of the partition, and the notes they earn."""

    money: dict[str, dict[int, int | None]] = field(default_factory=dict)
    notes: dict[int, list[str]] = field(default_factory=dict)
    shares: dict[int, int] = field(default_factory=dict)  # the patient's share of the professional fee (hundredths %)

    def set(self, name: str, row: int, cents: int | None) -> None:
        self.money.setdefault(name, {})[row] = cents

    def note(self, row: int, text: str) -> None:
        mine = self.notes.setdefault(row, [])
        if text not in mine:
            mine.append(text)


def price_claims(batch: BatchPricer, lines: Lines) -> None:
    """Reprice the partition's encounters (rows with the same claim id and date of service) with the
    encounter rules, in place; rows without a claim id, and encounters the rules leave alone, keep
    the amounts they were priced with alone."""
    import numpy as np

    if lines.claim is None or not any(lines.claims):
        return
    named = np.array([bool(claim) for claim in lines.claims], dtype=bool)[lines.claim]
    rows = np.flatnonzero(named)
    if rows.size < 2:
        return
    keys = lines.claim[rows].astype(np.int64) * len(lines.whens) + lines.when[rows]
    _, encounter = np.unique(keys, return_inverse=True)
    encounter = encounter.reshape(-1)
    several = np.bincount(encounter)[encounter] >= 2
    rows, encounter = rows[several], encounter[several]
    if not rows.size:
        return
    bad = lines.error[rows] != 0
    changes = _Changes()
    if bad.any():
        _note_bad_lines(lines, rows, encounter, bad, changes)
    rows, encounter = rows[~bad], encounter[~bad]
    if rows.size >= 2:
        _run_rules(batch, lines, rows, encounter, changes)
    _write(lines, changes)


def _note_bad_lines(
    lines: Lines, rows: np.ndarray, encounter: np.ndarray, bad: np.ndarray, changes: _Changes
) -> None:  # fmt: skip
    """The claim's good lines say the rules ran without its bad ones (line number in the claim, and code).
    A bad line whose date could not be read joins every date of its claim."""
    import numpy as np

    claim_of = lines.claim[rows]
    line_number: dict[int, int] = {}
    counted: dict[int, int] = {}
    for row, claim in zip(rows.tolist(), claim_of.tolist(), strict=True):
        counted[claim] = counted.get(claim, 0) + 1
        line_number[row] = counted[claim]
    good_of_encounter: dict[int, list[int]] = {}
    good_of_claim: dict[int, list[int]] = {}
    for row, number, claim, is_bad in zip(rows.tolist(), encounter.tolist(), claim_of.tolist(), bad.tolist(),
                                          strict=True):  # fmt: skip
        if not is_bad:
            good_of_encounter.setdefault(number, []).append(row)
            good_of_claim.setdefault(claim, []).append(row)
    missing: dict[int, list[str]] = {}
    for row in rows[bad].tolist():
        number = int(encounter[np.searchsorted(rows, row)])
        others = good_of_encounter.get(number) or good_of_claim.get(int(lines.claim[row]), [])
        parsed = lines.codes[lines.code[row]]
        cell = "-".join(part for part in (parsed.text, parsed.modifier_text) if part) or "no code"
        for other in others:
            missing.setdefault(other, []).append(f"{line_number[row]} ({cell})")
    for row, named in missing.items():
        which = f"line {named[0]}" if len(named) == 1 else "lines " + ", ".join(named)
        changes.note(row, f"{ENCOUNTER}: the rules ran without {which} of this claim, which has an error")


def _run_rules(batch: BatchPricer, lines: Lines, rows: np.ndarray, encounter: np.ndarray, changes: _Changes) -> None:
    """The encounters the rules can change, through the rules."""
    import numpy as np

    caches = _caches(batch)
    count = int(encounter.max()) + 1
    info: list[_CodeInfo | None] = [None] * len(rows)
    context_of: list[_Context | None] = [None] * len(rows)
    group = np.zeros(len(rows), dtype=np.int64)
    needs = np.zeros(len(rows), dtype=bool)
    share = np.full(len(rows), COINSURANCE_PERCENT * 100, dtype=np.int64)
    release_ids = lines.release[rows]
    for release_id in np.unique(release_ids).tolist():
        # The release column: the PFS release, then any other schedule's ('2026C; CLFS 2026-01').
        context = _context(batch, caches, lines.texts.values[release_id].split("; ")[0])
        if context is None:
            continue
        mine = np.flatnonzero(release_ids == release_id)
        for c in np.unique(lines.code[rows[mine]]).tolist():
            item = _code_info(batch, caches, context, lines.codes[c])
            at = mine[lines.code[rows[mine]] == c]
            for i in at.tolist():
                info[i], context_of[i] = item, context
            if item is not None:
                group[at], needs[at], share[at] = item.group, item.needs_rules, item.coinsurance
    pfs_ok = lines.valid["pfs_non_facility_amount"][rows] | lines.valid["pfs_facility_amount"][rows]
    group = np.where(pfs_ok, group, NO_GROUP)
    in_group = np.bincount(encounter * GROUPS + group, minlength=count * GROUPS)
    member = (group != NO_GROUP) & (in_group[encounter * GROUPS + group] >= 2)
    pfs_needed = np.bincount(encounter[member], minlength=count) > 0
    opps_ok, asc_ok = lines.valid["opps_rate"][rows], lines.valid["asc_rate"][rows]
    status, apc, discounted = _facility_terms(batch, caches, lines, rows, info, context_of, opps_ok, asc_ok)
    opps_needed = opps_changes(
        np.bincount(encounter[opps_ok], minlength=count),
        np.bincount(encounter[opps_ok & (status == "J1")], minlength=count),
        np.bincount(encounter[opps_ok & (status == "T")], minlength=count),
    )
    asc_needed = asc_changes(np.bincount(encounter[asc_ok & discounted], minlength=count))
    needed = pfs_needed | opps_needed | asc_needed
    if not needed.any():
        return
    order = np.argsort(encounter, kind="stable")
    bounds = np.concatenate([[0], np.cumsum(np.bincount(encounter, minlength=count))])
    row_list, member_list, needs_list = rows.tolist(), member.tolist(), needs.tolist()
    for number in np.flatnonzero(needed).tolist():
        mine = order[bounds[number] : bounds[number + 1]].tolist()
        if pfs_needed[number]:
            grouped = [i for i in mine if member_list[i]]
            context = context_of[grouped[0]]
            assert context is not None
            items = [(row_list[i], info[i]) for i in grouped]
            if any(needs_list[i] for i in grouped):
                _prepared_rules(batch, caches, context, lines, items, changes)
            else:
                _policy_rules(caches, context, lines, items, changes)
        if opps_needed[number]:
            _opps_rules(lines, [(row_list[i], str(status[i]), str(apc[i])) for i in mine if opps_ok[i]], changes)
        if asc_needed[number]:
            _asc_rules(lines, [(row_list[i], bool(discounted[i]), int(share[i])) for i in mine if asc_ok[i]], changes)
    changes.shares.update(zip(row_list, share.tolist(), strict=True))


# -- the PFS rules ---------------------------------------------------------------------------------


def _policy_rules(
    caches: _Caches, context: _Context, lines: Lines, items: list[tuple[int, _CodeInfo | None]], changes: _Changes
) -> None:
    """Lines without per-line rules: ``engine.policy.apply_policy`` on the lines ``lookup.lines.prepare``
    would make (its settings from ``lookup.lines``' own ``_line_setting``), without the PfsResult
    each would build and this pass does not use."""
    policy_lines = []
    for row, item in items:
        assert item is not None and item.row is not None
        position = _position(lines, context, row)
        parsed = lines.codes[lines.code[row]]
        key = (context.release.release, parsed.text, parsed.modifier_text, position)
        templates = caches.settings.get(key)
        if templates is None:
            locality, gpci = _place(context, position)
            cf = int(item.row["conv_factor"]) if context.cf is None else context.cf
            templates = {
                setting: line_rules._line_setting(context.store, item.row, setting, gpci, cf, locality)
                for setting in line_rules.SETTINGS
                if not_priced_reason(item.row, setting) is None
            }
            _bounded(caches.settings)[key] = templates
        settings = {name: replace(template, steps=[], notes=[]) for name, template in templates.items()}
        policy_lines.append(Line(code=item.code, modifiers=list(item.modifiers), row=item.row, settings=settings))
    for setting in line_rules.SETTINGS:
        apply_policy(policy_lines, setting)
    for (row, _), line in zip(items, policy_lines, strict=True):
        for setting in line_rules.SETTINGS:
            state = line.settings.get(setting)
            amount = None if state is None else round_cents(state.amount)
            changes.set(f"pfs_{setting}_amount", row, amount)
            changes.set(f"pfs_{setting}_limiting_charge", row, None if amount is None else int(limiting_charge(amount)))
        _pfs_notes(changes, row, line)


def _prepared_rules(
    batch: BatchPricer, caches: _Caches, context: _Context, lines: Lines,
    items: list[tuple[int, _CodeInfo | None]], changes: _Changes,
) -> None:  # fmt: skip
    """An encounter with policy modifiers or anesthesia: ``lookup.lines.prepare`` + ``apply_rules``, as
    ``Pricer.price_encounter`` runs them (each line prepared once per place and copied)."""
    prepared = []
    for row, _ in items:
        position = _position(lines, context, row)
        parsed = lines.codes[lines.code[row]]
        anesthesia = lines.anesthesias[lines.anesthesia[row]]
        key = (context.release.release, parsed.text, parsed.modifier_text, position, anesthesia)
        template = caches.prepared.get(key)
        if template is None:
            template = _prepare(batch, context, parsed, position, anesthesia)
            _bounded(caches.prepared)[key] = template
        if isinstance(template, RvucalcError):  # priced alone without error: not expected; the amounts stay
            return
        prepared.append(_fresh(template))
    line_rules.apply_rules(prepared)
    for (row, _), item in zip(items, prepared, strict=True):
        for setting in line_rules.SETTINGS:
            amount = getattr(item.pfs, setting)
            changes.set(f"pfs_{setting}_amount", row, money_cents(amount.amount) if amount.payable else None)
            changes.set(
                f"pfs_{setting}_limiting_charge", row, money_cents(amount.limiting_charge) if amount.payable else None
            )
        _pfs_notes(changes, row, item.policy)


def _prepare(
    batch: BatchPricer, context: _Context, parsed: _Code, position: int, anesthesia: tuple[str, str]
) -> PreparedLine | RvucalcError:
    """``lookup.lines.prepare`` with the arguments ``BatchPricer._rule_amounts`` gives it."""
    locality, gpci = _place(context, position)
    try:
        given = anesthesia_input(*anesthesia)
        given.conversion_factor = batch.scenario.anesthesia_cf
        return line_rules.prepare(
            context.store, parsed.text, parsed.modifier_text or None, locality=locality, gpci=gpci, cf=context.cf,
            cf_kind=context.cf_kind, qp=False, provider="physician", anesthesia=given,
        )  # fmt: skip
    except RvucalcError as exc:
        return exc


def _fresh(template: PreparedLine) -> PreparedLine:
    """A copy the rules may change (they set amounts, steps and notes; the template stays as prepared)."""
    from rvucalc.lookup.lines import PreparedLine

    policy = template.policy
    settings = {name: replace(state, steps=[], notes=[]) for name, state in policy.settings.items()}
    line = Line(policy.code, list(policy.modifiers), policy.row, settings, policy.provider)
    return PreparedLine(
        template.code, list(template.modifiers), template.row, template.pfs.model_copy(), line,
        list(template.notes), template.year, list(template.refusals),
    )  # fmt: skip


def _pfs_notes(changes: _Changes, row: int, line: Line) -> None:
    """The multiple-procedure steps (the encounter's; a line's own steps are in its amount alone), per setting
    when the two settings differ."""
    steps = {
        name: [step.rule for step in state.steps if (step.indicator or "").startswith("mult ")]
        for name, state in line.settings.items()
    }
    texts = [rules for rules in steps.values() if rules]
    if not texts:
        return
    if len(steps) == 2 and steps["non_facility"] != steps["facility"]:
        for name, label in (("non_facility", "PFS non-facility"), ("facility", "PFS facility")):
            for rule in steps[name]:
                changes.note(row, f"{ENCOUNTER} ({label}): {rule}")
        return
    for rule in texts[0]:
        changes.note(row, f"{ENCOUNTER} (PFS): {rule}")


# -- the OPPS and ASC rules ------------------------------------------------------------------------


def _opps_rules(lines: Lines, items: list[tuple[int, str, str]], changes: _Changes) -> None:
    """``discount_encounter_opps`` on the encounter's payable OPPS lines, as batch priced them alone."""
    results = [
        OppsResult.model_construct(
            payable=True, status_indicator=status, apc=apc or None, notes=[], adjustments=[],
            rate=money(int(lines.cents["opps_rate"][row])), copayment=money(int(lines.cents["opps_copayment"][row])),
        )  # fmt: skip
        for row, status, apc in items
    ]
    discount_encounter_opps(results)
    for (row, _, _), result in zip(items, results, strict=True):
        if result.adjustments:
            changes.set("opps_rate", row, money_cents(result.rate))
            changes.set("opps_copayment", row, money_cents(result.copayment))
        for text in [*(step.rule for step in result.adjustments), *result.notes]:
            changes.note(row, f"{ENCOUNTER} (OPPS): {text}")


def _asc_rules(lines: Lines, items: list[tuple[int, bool, int]], changes: _Changes) -> None:
    """``discount_encounter_asc`` on the encounter's payable ASC lines; a preventive waiver's share is
    then taken of the discounted rate (as ``Pricer.price_encounter`` does)."""
    results = [
        AscResult.model_construct(
            payable=True, multiple_procedure_discounting=discounted, notes=[], adjustments=[],
            rate=money(int(lines.cents["asc_rate"][row])), coinsurance=money(int(lines.cents["asc_coinsurance"][row])),
        )  # fmt: skip
        for row, discounted, _ in items
    ]
    discount_encounter_asc(results)
    for (row, _, share), result in zip(items, results, strict=True):
        if not result.adjustments:
            continue
        rate = money_cents(result.rate)
        assert rate is not None
        changes.set("asc_rate", row, rate)
        waived = share != COINSURANCE_PERCENT * 100
        changes.set("asc_coinsurance", row, int(percent_of(rate, share)) if waived else money_cents(result.coinsurance))
        for step in result.adjustments:
            changes.note(row, f"{ENCOUNTER} (ASC): {step.rule}")


def _facility_terms(
    batch: BatchPricer, caches: _Caches, lines: Lines, rows: np.ndarray, info: list[_CodeInfo | None],
    context_of: list[_Context | None], opps_ok: np.ndarray, asc_ok: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    """Per row: the OPPS status indicator and APC of the quarter in force on its date, and whether its ASC
    procedure is subject to multiple procedure discounting (Addendum AA, and its modifiers: ``apply_facility_modifiers``)."""
    import numpy as np

    status = np.full(len(rows), "", dtype=object)
    apc = np.full(len(rows), "", dtype=object)
    discounted = np.zeros(len(rows), dtype=bool)
    wanted = np.flatnonzero(opps_ok | asc_ok)
    dates = [date for _, date in lines.whens]
    for i in wanted.tolist():
        context, item = context_of[i], info[i]
        if context is None:
            continue
        row = int(rows[i])
        code = item.code if item is not None else lines.codes[lines.code[row]].code
        year = context.release.year
        opps, asc, _ = batch._quarter(year, dates[lines.when[row]])
        if opps_ok[i] and opps is not None:
            status[i], apc[i] = _opps_status(batch, caches, opps).get(code, ("", ""))
        if asc_ok[i]:
            positions, terms = _facility(batch, caches, context, opps, asc)
            at = positions.get(code)
            flag = bool(terms["asc_discount"][at]) if at is not None else False
            modifiers = item.modifiers if item is not None else ()
            if flag and set(modifiers) & FACILITY_MODIFIERS:
                flag = _asc_discounted(caches, code, modifiers, flag, year)
            discounted[i] = flag
    return status, apc, discounted


def _opps_status(batch: BatchPricer, caches: _Caches, release: Release) -> dict[str, tuple[str, str]]:
    if release.release not in caches.status:
        data = batch.pricer.catalogue.store(release).columns("opps", ["hcpcs", "si", "apc"])
        caches.status[release.release] = {
            code: (si or "", apc or "") for code, si, apc in zip(data["hcpcs"], data["si"], data["apc"], strict=True)
        }
    return caches.status[release.release]


def _facility(
    batch: BatchPricer, caches: _Caches, context: _Context, opps: Release | None, asc: Release | None
) -> tuple[dict[str, int], Any]:
    """The quarter's per-code facility terms (``BatchPricer.facility_arrays``) and each code's position."""
    from rvucalc.batch.arrow_columns import strings_of

    key = (context.release.release, opps.release if opps else "", asc.release if asc else "")
    if key not in caches.facility:
        reference, terms = batch.facility_arrays(context.pfs, opps, asc, ())
        caches.facility[key] = ({code: i for i, code in enumerate(strings_of(reference.codes["hcpcs"]))}, terms)
    return caches.facility[key]


def _asc_discounted(caches: _Caches, code: str, modifiers: tuple[str, ...], flag: bool, year: int) -> bool:
    """Whether the line still enters the ASC discount after its modifiers (``apply_facility_modifiers``)."""
    key = (code, modifiers, flag, year)
    if key not in caches.asc_discounted:
        terms = facility_factor(modifiers, site="asc", code=code, year=year, apc=None, subject_to_discount=flag)
        caches.asc_discounted[key] = terms.discounted
    return caches.asc_discounted[key]


# -- writing back ----------------------------------------------------------------------------------


def _write(lines: Lines, changes: _Changes) -> None:
    """The new amounts into the partition's columns, the sites of the rows whose amounts changed (the
    ``site_shares`` kernel, times each row's units, as ``BatchPricer._sites``), and the notes."""
    import numpy as np

    shares = changes.shares
    changed: dict[str, set[int]] = {site: set() for site in SITES}
    affects = {"pfs_non_facility": ("office",), "pfs_facility": ("hopd", "asc"), "opps": ("hopd",), "asc": ("asc",)}
    for name, values in changes.money.items():
        if not values:
            continue
        positions = np.fromiter(values, dtype=np.int64, count=len(values))
        given = np.array([0 if v is None else v for v in values.values()], dtype=np.int64)
        valid = np.array([v is not None for v in values.values()], dtype=bool)
        differs = (lines.cents[name][positions] != given) | (lines.valid[name][positions] != valid)
        lines.set_money(name, positions, given, valid)
        touched = positions[differs].tolist()
        for prefix, sites in affects.items():
            if name.startswith(prefix + "_") and not name.endswith("limiting_charge"):
                for site in sites:
                    changed[site].update(touched)
    for site, touched in changed.items():
        if touched:
            rows = np.array(sorted(touched), dtype=np.int64)
            share = np.array([shares.get(row, COINSURANCE_PERCENT * 100) for row in rows.tolist()], dtype=np.int64)
            _site(lines, site, rows, share)
    if changes.notes:
        notes = sorted(changes.notes.items())
        rows = np.array([row for row, _ in notes], dtype=np.int64)
        lines.add_note(rows, lines.texts.ids("; ".join(texts) for _, texts in notes))


def _site(lines: Lines, site: str, rows: np.ndarray, share: np.ndarray) -> None:
    """A site's allowed amount and shares for these rows from their (new) amounts; payable as before."""
    import numpy as np

    cents, valid = lines.cents, lines.valid

    def part(name: str) -> np.ndarray:
        return np.where(valid[name][rows], cents[name][rows], 0)

    zero = np.zeros(len(rows), dtype=np.int64)
    if site == "office":
        facility, facility_share, professional = zero, zero, part("pfs_non_facility_amount")
    elif site == "hopd":
        facility, facility_share, professional = part("opps_rate"), part("opps_copayment"), part("pfs_facility_amount")
    else:
        facility, facility_share, professional = part("asc_rate"), part("asc_coinsurance"), part("pfs_facility_amount")
    total, beneficiary, medicare = site_shares(facility, facility_share, professional, share)
    units = lines.units[rows]
    payable = valid[f"{site}_allowed"][rows]
    for measure, amount in (("allowed", total), ("beneficiary", beneficiary), ("medicare", medicare)):
        column = f"{site}_{measure}"
        cents[column][rows] = np.where(payable, amount * units, cents[column][rows])


# -- per release and per code ----------------------------------------------------------------------


def _caches(batch: BatchPricer) -> _Caches:
    caches = batch._claims.get("caches")
    if caches is None:
        caches = batch._claims["caches"] = _Caches()
    assert isinstance(caches, _Caches)
    return caches


def _context(batch: BatchPricer, caches: _Caches, name: str) -> _Context | None:
    if not name:
        return None
    if name not in caches.contexts:
        release = next(r for r in batch.pricer.releases if r.release == name)
        pfs = batch.pfs_arrays(release)
        store = batch._lookups(batch.pricer.catalogue.store(release))
        localities = max(len(pfs.localities), 1)
        capped = {tuple(pfs.rvu_keys[key // localities].split("|", 1)) for key in pfs.cap_key.tolist()}
        cf = None
        if batch.scenario.conversion_factor is not None:
            from rvucalc.engine.scenario import cf_units

            cf = cf_units(batch.scenario.conversion_factor)
        cf_kind = "non_qp" if "qp" in release.conversion_factors else "single"
        caches.contexts[name] = _Context(release, _Lookups(store, capped), pfs, cf, cf_kind)  # type: ignore[arg-type]
    return caches.contexts[name]


def _code_info(batch: BatchPricer, caches: _Caches, context: _Context, parsed: _Code) -> _CodeInfo | None:
    """What the rules need of a code cell, from ``BatchPricer``'s own resolution of it."""
    key = (context.release.release, parsed.text, parsed.modifier_text)
    if key not in caches.codes:
        resolved = batch._resolved.get(key)
        if resolved is None or (resolved.error is not None and not resolved.outside):
            caches.codes[key] = None
        elif resolved.outside:
            caches.codes[key] = _CodeInfo(resolved.code, resolved.modifiers, None, NO_GROUP, False,
                                          resolved.coinsurance)  # fmt: skip
        else:
            hcpcs, modifier = context.pfs.rvu_keys[resolved.row].split("|", 1)
            row = context.store.rvu(hcpcs, modifier)
            caches.codes[key] = _CodeInfo(
                resolved.code, resolved.modifiers, row, policy_group(row["mult_proc"], row["family_ind"]),
                resolved.needs_rules, resolved.coinsurance,
            )  # fmt: skip
    return caches.codes[key]


def _position(lines: Lines, context: _Context, row: int) -> int:
    """The row's locality position in the release (-1: national), from the locality it was priced at."""
    return context.pfs.locality_position.get(lines.texts.values[lines.locality_priced[row]], -1)


def _place(context: _Context, position: int) -> tuple[str | None, tuple[int, int, int]]:
    if position < 0:
        return None, NATIONAL_GPCI
    gpci = context.pfs.gpci
    return context.pfs.localities[position], (int(gpci[0][position]), int(gpci[1][position]), int(gpci[2][position]))


def _bounded(cache: dict[Any, Any]) -> dict[Any, Any]:
    if len(cache) >= CACHE_LIMIT:
        cache.clear()
    return cache
