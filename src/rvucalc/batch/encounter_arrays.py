"""The encounter rules on whole columns, for the encounters they can price that way.

``batch.claims`` gives every encounter the rules can change to the single lookup's own rule functions
(``engine.policy.apply_policy``, ``engine.facility.discount_encounter_opps/asc``), one encounter at a
time, at ~0.2 ms each. Most encounters of a claim file need only the rules' plainest forms, which
are a rank and a percentage:

* PFS multiple procedures among surgical lines (indicators 1-3) whose other rules are factors
  (``engine.policy.line_factors``: bilateral before the ranking, 54/55/56/78, 62, 80/81/82/AS after it),
  without claim modifiers, OPPSCAP rows or endoscopy families: ranked by amount, the first at 100% and
  the others at 50% (``engine.policy._standard_and_endoscopy``);
* OPPS: a comprehensive APC (SI J1) packages the encounter's other OPPS services (rate and copayment
  0%), else the lower-paid SI T procedures at 50% (``discount_encounter_opps``); a claim's J1 also packages its lines
  on other dates (``claims._claim_wide_j1``: the encounter is then the claim), and so do its S, T and V services its
  Q1 and Q2 lines (``claim_conditional_rule``);
* ASC: the lower-paid procedures subject to discounting at 50% (``discount_encounter_asc``).

Here those are array operations: the rank is ``engine.kernels.ranks_by_amount`` (the array form of the
rules' stable sort), the amounts the same kernels (``reduced``, ``percent_of``, ``limiting_charge``),
the words the rules' own (``multiple_procedure_rule``, ``packaged_rule`` ...). Every other encounter
still goes through the rule functions. ``tests/test_batch_claims.py`` prices claim files both ways
and finds every amount and note equal.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any

from rvucalc.engine.facility import (
    ANCILLARY_NOTE,
    ANCILLARY_WITHOUT_PROCEDURE,
    ASC_ANCILLARY,
    ASC_BILATERAL_RULE,
    ASC_PROCEDURE,
    ASC_RULE,
    ASC_UNRANKED_NOTE,
    C_APC_PREVENTIVE_NOTE,
    COMPREHENSIVE_NOTE,
    CONDITIONAL_PACKAGING,
    INPATIENT_ONLY,
    INPATIENT_ONLY_RULE,
    IRA_ASC,
    LOWER_PAID_PERCENT,
    NO_LATER_UNITS_RULE,
    PACKAGED_PERCENT,
    SRS_APC,
    SRS_PLANNING_CODES,
    SRS_PLANNING_NOTE,
    STATUS_T_RULE,
    UNPRICED_CA,
    UNPRICED_REASONS,
    asc_bilateral_halved,
    asc_halved_cut,
    asc_unranked,
    asc_unranked_note_needed,
    opps_units_cut,
    packaged_rule,
)
from rvucalc.engine.facility_meanings import OPPS_SI, meaning
from rvucalc.engine.kernels import (
    COINSURANCE_PERCENT,
    NO_LATER_PROFESSIONAL,
    asc_line_share_cut,
    later_units_cut,
    limiting_charge,
    opps_copayment_after,
    opps_reduced,
    opps_unrounded_rate,
    percent_of,
    professional_line_cut,
    ranks_by_amount,
    reduced,
    round_half_up,
    site_shares,
)
from rvucalc.engine.policy import multiple_procedure_rule

if TYPE_CHECKING:
    import numpy as np

    from rvucalc.batch.lines import Lines

OPPS_PERCENT = "opps_percent"  # not a money column: Lines.opps_percent, written back apart (claims._write)
ASC_HALVED = "asc_halved"  # nor is Lines.asc_halved
ENCOUNTER = "Claim encounter"  # the notes' prefix: what the claim's other lines on the date did to this one
PFS_SETTINGS = (("non_facility", "pfs_non_facility"), ("facility", "pfs_facility"))


class ArrayChanges:
    """New cents for rows, and notes, in the order the rules give them (a row's PFS, then OPPS, then ASC)."""

    def __init__(self) -> None:
        self.money: list[tuple[str, Any, Any, Any]] = []  # (column, rows, cents, valid)
        self.notes: list[tuple[Any, list[str], Any]] = []  # (rows, texts, index of each row's text)

    def set(self, name: str, rows: np.ndarray, cents: np.ndarray, valid: np.ndarray | bool = True) -> None:
        import numpy as np

        if rows.size:
            self.money.append((name, rows, np.asarray(cents, dtype=np.int64), np.broadcast_to(valid, rows.shape)))

    def note(self, rows: np.ndarray, texts: list[str], which: np.ndarray) -> None:
        if rows.size:
            self.notes.append((rows, texts, which))


def pfs_multiple_procedures(
    lines: Lines, rows: np.ndarray, encounter: np.ndarray, payable: dict[str, np.ndarray], fees: dict[str, np.ndarray],
    factors: np.ndarray, listed: np.ndarray, changes: ArrayChanges,
) -> None:  # fmt: skip
    """Surgical lines of encounters priced by rank (``rows``: each encounter's lines in file order; ``payable``:
    per setting, whether the line has it; ``fees``: per setting, its fee schedule amount; ``factors``: per
    line, ``engine.policy.line_factors`` as before/after numerators and denominators; ``listed``: the line's
    place in the order that decides between equal amounts, its code and modifiers (``engine.policy.tie_key``:
    never file order, lines of one key being alike). Each amount is exact until it is rounded once: fee x before x
    (50% after the first) x after."""
    import numpy as np

    before, before_of, after, after_of = (factors[:, i] for i in range(4))
    common = int(np.lcm.reduce(before_of))
    order = listed.astype(np.int64) * (int(rows.max()) + 1) + rows
    steps: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for setting, prefix in PFS_SETTINGS:
        active = payable[setting]
        fee = fees[setting]
        rank = np.zeros(len(rows), dtype=np.int64)
        count = np.zeros(len(rows), dtype=np.int64)
        if active.any():
            _, group = np.unique(encounter[active], return_inverse=True)
            ranked_by = (fee * before * (common // before_of))[active]  # the amount ranked: after bilateral
            rank[active], count[active] = ranks_by_amount(group.reshape(-1), ranked_by, order[active])
        halved = np.where(rank > 1, 100 // LOWER_PAID_PERCENT, 1)
        amount = round_half_up(fee * before * after, before_of * after_of * halved)
        changes.set(f"{prefix}_amount", rows, amount, active)
        changes.set(f"{prefix}_limiting_charge", rows, limiting_charge(amount), active)
        steps[setting] = (rank, count)
    _pfs_notes(rows, payable, steps, changes)


def _pfs_notes(
    rows: np.ndarray, payable: dict[str, np.ndarray], steps: dict[str, tuple[np.ndarray, np.ndarray]],
    changes: ArrayChanges,
) -> None:  # fmt: skip
    """``batch.claims._pfs_notes`` of the ranked lines: one note when the settings agree (or only one is
    payable), else one per setting; a line ranked first has none."""
    import numpy as np

    (rank_nf, count_nf), (rank_f, count_f) = steps["non_facility"], steps["facility"]
    reduced_anywhere = (rank_nf > 1) | (rank_f > 1)
    if not reduced_anywhere.any():
        return
    both = payable["non_facility"] & payable["facility"]
    # One integer per (rank, count) in each setting and whether both are payable (np.unique on rows is slow).
    size = int(max(count_nf.max(), count_f.max(), rank_nf.max(), rank_f.max())) + 1
    if size**4 * 2 < 2**62:
        key = (((rank_nf * size + count_nf) * size + rank_f) * size + count_f) * 2 + both
        codes, which = np.unique(key[reduced_anywhere], return_inverse=True)
        kinds = [(c // 2 // size**3, c // 2 // size**2 % size, c // 2 // size % size, c // 2 % size, c % 2)
                 for c in codes.tolist()]  # fmt: skip
    else:  # an encounter of thousands of lines
        rows_of_kinds = np.stack([rank_nf, count_nf, rank_f, count_f, both.astype(np.int64)], axis=1)[reduced_anywhere]
        unique_rows, which = np.unique(rows_of_kinds, axis=0, return_inverse=True)
        kinds = unique_rows.tolist()
    texts = []
    for r_nf, c_nf, r_f, c_f, two in kinds:
        rule_nf = multiple_procedure_rule(r_nf, c_nf) if r_nf > 1 else None
        rule_f = multiple_procedure_rule(r_f, c_f) if r_f > 1 else None
        if two and rule_nf != rule_f:
            parts = [f"{ENCOUNTER} ({label}): {rule}"
                     for label, rule in (("PFS non-facility", rule_nf), ("PFS facility", rule_f)) if rule]  # fmt: skip
        else:
            parts = [f"{ENCOUNTER} (PFS): {rule_nf or rule_f}"]
        texts.append("; ".join(parts))
    changes.note(rows[reduced_anywhere], texts, which.reshape(-1))


def tie_order(lines: Lines, rows: np.ndarray) -> Any:
    """Per row, the order in which the facility discounts take lines of equal rates (engine.facility.FACILITY_TIES):
    its code and modifiers' place in ``engine.policy.tie_key``'s order (a line with 51 after one without it), then
    its row (lines of one key being alike). One key per distinct code cell."""
    import numpy as np

    if not rows.size:
        return rows.astype(np.int64)
    cells, cell_of = np.unique(lines.code[rows], return_inverse=True)
    place = np.empty(len(cells), dtype=np.int64)
    place[tie_sorted(lines, cells.tolist())] = np.arange(len(cells))
    return place[cell_of.reshape(-1)] * (int(rows.max()) + 1) + rows.astype(np.int64)


def tie_sorted(lines: Lines, codes: list[int]) -> list[int]:
    """The indexes of ``codes`` (positions in ``lines.codes``) in ``engine.policy.tie_key``'s order, a stable sort:
    (51 or not, the code, then the sorted modifiers), each a rank among the texts of the run's cells (sorted as the
    tuple's do: ``_TieFacts.ranks``), as one integer key. A cell's values are read once a run (``_tie_facts``):
    building a text key per cell, ~25,000 a partition, was most of the cost."""
    import numpy as np

    if not codes:
        return []
    at = np.asarray(codes, dtype=np.int64)
    if lines.run_cells is not None:
        facts = _tie_facts(lines.run_cells, lines.run_cells.parsed)
        numbers = lines.cell[at]
    else:  # a partition without the run's cells: its own, read now
        facts, numbers = _TieFacts(), at
        facts.extend(lines.codes)
    code_rank, modifier_rank = facts.ranks()
    key = facts.fifty_one[numbers].astype(np.int64) * len(code_rank) + code_rank[facts.code[numbers]]
    key = key * len(modifier_rank) + modifier_rank[facts.modifiers[numbers]]
    order: list[int] = np.argsort(key, kind="stable").tolist()
    return order


class _TieFacts:
    """Per cell number: what ``tie_sorted`` orders by, as ids of texts (the code; the sorted modifiers joined with a
    NUL, which sorts before every character a parsed code or modifier holds, so the texts sort as the tuples do)."""

    def __init__(self) -> None:
        import numpy as np

        self.fifty_one = np.zeros(0, dtype=bool)
        self.code = np.zeros(0, dtype=np.int64)
        self.modifiers = np.zeros(0, dtype=np.int64)
        self.code_texts: list[str] = []
        self.modifier_texts: list[str] = []
        self._ids: tuple[dict[str, int], dict[str, int]] = ({}, {})
        self._ranks: tuple[np.ndarray, np.ndarray] | None = None

    def ranks(self) -> tuple[np.ndarray, np.ndarray]:
        """Per code text id, its place among all the code texts read so far in sorted order; the same per modifier
        text id. Ranks among all texts order any subset of them as ranks among the subset would (distinct texts,
        distinct ranks), so they are sorted once per new cells, not at each call (3 calls a partition, each sorting
        ~10,000 texts, was ~0.15 s at 1M lines)."""
        import numpy as np

        if self._ranks is None:
            ranks = []
            for texts in (self.code_texts, self.modifier_texts):
                rank = np.empty(len(texts), dtype=np.int64)
                # numpy's sort of texts compares code points as Python's does, but drops trailing NULs ('A\0' would
                # tie with 'A'): texts ending in one are sorted by Python
                if any(text.endswith("\0") for text in texts):
                    order: Any = sorted(range(len(texts)), key=texts.__getitem__)
                else:
                    order = np.argsort(np.array(texts, dtype=str), kind="stable")
                rank[order] = np.arange(len(texts))
                ranks.append(rank)
            self._ranks = (ranks[0], ranks[1])
        return self._ranks

    def extend(self, cells: list[Any]) -> None:
        """Read the cells numbered from those known to the end of ``cells``."""
        import numpy as np

        new = cells[len(self.code) :]
        if not new:
            return
        self._ranks = None  # new texts: ranked again on the next call
        code_ids, modifier_ids = self._ids
        codes, modifiers = [], []
        for cell in new:
            code, joined = cell.code, "\x00".join(sorted(cell.modifiers))
            found = code_ids.get(code)
            if found is None:
                found = code_ids[code] = len(self.code_texts)
                self.code_texts.append(code)
            codes.append(found)
            found = modifier_ids.get(joined)
            if found is None:
                found = modifier_ids[joined] = len(self.modifier_texts)
                self.modifier_texts.append(joined)
            modifiers.append(found)
        self.fifty_one = np.concatenate(
            [self.fifty_one, np.array(["51" in cell.modifiers for cell in new], dtype=bool)]
        )
        self.code = np.concatenate([self.code, np.array(codes, dtype=np.int64)])
        self.modifiers = np.concatenate([self.modifiers, np.array(modifiers, dtype=np.int64)])


# Per CodeCells (the run's cells, numbered: a new one numbers them again), its cells' _TieFacts.
_TIES: weakref.WeakKeyDictionary[Any, _TieFacts] = weakref.WeakKeyDictionary()


def _tie_facts(owner: Any, cells: list[Any]) -> _TieFacts:
    facts = _TIES.get(owner)
    if facts is None:
        facts = _TIES[owner] = _TieFacts()
    facts.extend(cells)
    return facts


def opps_encounters(
    lines: Lines, rows: np.ndarray, encounter: np.ndarray, comprehensive: np.ndarray, status_t: np.ndarray,
    apc: np.ndarray, changes: ArrayChanges, conditional: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
    apart: np.ndarray | None = None, dates: np.ndarray | None = None, preventive: np.ndarray | None = None,
) -> None:  # fmt: skip
    """``discount_encounter_opps`` on encounters' OPPS lines (``rows``: the lines it acts on, in file order;
    ``comprehensive``: the line is SI J1, ``status_t``: SI T; ``conditional``: SI Q1, SI Q2, SI S or V; ``apart``:
    what a comprehensive APC leaves paid apart). With ``dates`` (per row, its encounter: the claim's date), each
    ``encounter`` is a claim whose comprehensive APC packages its lines on every date (claims._claim_wide_j1): a line
    packaged from another date than the J1's names the J1's code and date."""
    import numpy as np

    rate, copayment = lines.cents["opps_rate"][rows], lines.cents["opps_copayment"][rows]
    _, group = np.unique(encounter, return_inverse=True)
    group = group.reshape(-1)
    has_comprehensive = np.bincount(group, weights=comprehensive, minlength=int(group.max()) + 1)[group] > 0
    # With a J1 line, the highest-paid J1 (the first of equals in tie order) is paid, everything else packaged into it.
    j1 = np.flatnonzero(comprehensive)
    primary = np.zeros(len(rows), dtype=bool)
    tied = tie_order(lines, rows)  # equal rates: the PFS's tie order, not the file's (FACILITY_TIES)
    if j1.size:
        rank, _ = ranks_by_amount(group[j1], rate[j1], tied[j1])
        primary[j1[rank == 1]] = True
    packaged = has_comprehensive & ~primary & (True if apart is None else ~apart)
    # ``preventive``: a preventive service or mammography, paid apart and said where packaging would have taken a rate
    # (engine.facility.C_APC_PREVENTIVE).
    if preventive is not None:
        kept = np.flatnonzero(packaged & preventive & (rate > 0))
        changes.note(rows[kept], [f"{ENCOUNTER} (OPPS): {C_APC_PREVENTIVE_NOTE}"], np.zeros(len(kept), dtype=np.int64))
        packaged &= ~preventive
    primary_of_group = np.full(int(group.max()) + 1, -1, dtype=np.int64)
    primary_of_group[group[primary]] = np.flatnonzero(primary)
    if packaged.any():
        at = np.flatnonzero(packaged)
        changes.set("opps_rate", rows[at], reduced(rate[at], PACKAGED_PERCENT))
        changes.set("opps_copayment", rows[at], reduced(copayment[at], PACKAGED_PERCENT))
        changes.set(OPPS_PERCENT, rows[at], np.full(len(at), PACKAGED_PERCENT))
        by = primary_of_group[group[at]]
        same_date = np.ones(len(at), dtype=bool) if dates is None else dates[at] == dates[by]
        here = at[same_date]
        apcs, which = np.unique(apc[by[same_date]].astype(str), return_inverse=True)
        changes.note(rows[here], [f"{ENCOUNTER} (OPPS): {packaged_rule(text or None)}" for text in apcs.tolist()],
                     which.reshape(-1))  # fmt: skip
        if not same_date.all():
            _packaged_from_other_dates(lines, rows, at[~same_date], rows[by[~same_date]], apc, by[~same_date], changes)
        # SRS planning codes packaged into APC 5627: CMS's separate payment said, not applied (SRS_PLANNING_NOTE);
        # one look-up per distinct code cell.
        srs = at[(apc[by].astype(str) == SRS_APC) & (rate[at] > 0)]  # a rate packaging took (not SI N's $0.00)
        if srs.size:
            distinct, inverse = np.unique(lines.code[rows[srs]], return_inverse=True)
            planning = np.array([lines.codes[int(cell)].text in SRS_PLANNING_CODES for cell in distinct.tolist()],
                                dtype=bool)[inverse.reshape(-1)]  # fmt: skip
            hit = srs[planning]
            changes.note(rows[hit], [f"{ENCOUNTER} (OPPS): {SRS_PLANNING_NOTE}"], np.zeros(len(hit), dtype=np.int64))
    if primary.any():
        at = np.flatnonzero(primary)
        note = COMPREHENSIVE_NOTE if dates is None else COMPREHENSIVE_CLAIM_NOTE
        changes.note(rows[at], [f"{ENCOUNTER} (OPPS): {note}"], np.zeros(len(at), dtype=np.int64))
    # Without one, a Q1 line beside an S, T or V service and a Q2 line beside a T procedure are packaged.
    if conditional is not None:
        q1, q2, status_sv = conditional
        size = int(group.max()) + 1
        with_t = np.bincount(group, weights=status_t, minlength=size)[group] > 0
        with_stv = with_t | (np.bincount(group, weights=status_sv, minlength=size)[group] > 0)
        for kind, packs in (("Q1", q1 & with_stv), ("Q2", q2 & with_t)):
            at = np.flatnonzero(packs & ~has_comprehensive)
            if at.size:
                changes.set("opps_rate", rows[at], reduced(rate[at], PACKAGED_PERCENT))
                changes.set("opps_copayment", rows[at], reduced(copayment[at], PACKAGED_PERCENT))
                changes.set(OPPS_PERCENT, rows[at], np.full(len(at), PACKAGED_PERCENT))
                rule = CONDITIONAL_PACKAGING[kind][1]
                changes.note(rows[at], [f"{ENCOUNTER} (OPPS): {rule}"], np.zeros(len(at), dtype=np.int64))
    # Without one, the lower-paid SI T procedures at 50%.
    t_lines = np.flatnonzero(status_t & ~has_comprehensive)
    if t_lines.size:
        rank, _ = ranks_by_amount(group[t_lines], rate[t_lines], tied[t_lines])
        at = t_lines[rank > 1]
        new_rate = _reduced_rate(lines, rows[at], rate[at], LOWER_PAID_PERCENT)
        changes.set("opps_rate", rows[at], new_rate)
        changes.set("opps_copayment", rows[at], _copayment_after(lines, rows[at], copayment[at], new_rate,
                                                                  LOWER_PAID_PERCENT))  # fmt: skip
        changes.set(OPPS_PERCENT, rows[at], np.full(len(at), LOWER_PAID_PERCENT))
        changes.note(rows[at], [f"{ENCOUNTER} (OPPS): {STATUS_T_RULE}"], np.zeros(len(at), dtype=np.int64))


# The primary J1 of a claim whose comprehensive APC packages lines of its other dates (claims._claim_wide_j1).
COMPREHENSIVE_CLAIM_NOTE = (
    "Comprehensive APC: the claim's other services, on every date, are packaged into this payment "
    "(complexity adjustments not applied)."
)


def claim_packaged_rule(apc: str | None, code: str, date: str) -> str:
    """The note of a line a claim's comprehensive APC packaged from another date (claims._claim_wide_j1)."""
    return f"Packaged into the comprehensive APC {apc} (SI J1) of this claim: {code} on {date or 'no date'}"


def claim_conditional_rule(kind: str, code: str, status_indicator: str, date: str) -> str:
    """The note of a Q1 or Q2 line (``kind``) packaged by a service of its claim on another date (claims._run_rules:
    conditional packaging is the claim's since CY2017), naming that service's code, SI and date."""
    return f"{CONDITIONAL_PACKAGING[kind][1]}: {code} (SI {status_indicator}) on {date or 'no date'}"


def _packaged_from_other_dates(
    lines: Lines, rows: np.ndarray, at: np.ndarray, primary_rows: np.ndarray, apc: np.ndarray, primary: np.ndarray,
    changes: ArrayChanges,
) -> None:  # fmt: skip
    """The notes of lines ``at`` (positions in ``rows``) packaged into a J1 of another date (``primary_rows``: the
    J1's row, ``primary``: its position): one text per distinct J1 code cell, date and APC."""
    import numpy as np

    cell, when = lines.code[primary_rows].astype(np.int64), lines.when[primary_rows].astype(np.int64)
    _, first, which = np.unique(cell * len(lines.whens) + when, return_index=True, return_inverse=True)
    texts = []
    for i in first.tolist():
        parsed = lines.codes[int(cell[i])]
        code = "-".join(part for part in (parsed.text, parsed.modifier_text) if part)
        year, date = lines.whens[int(when[i])]
        rule = claim_packaged_rule(str(apc[primary[i]]) or None, code, date or year)
        texts.append(f"{ENCOUNTER} (OPPS): {rule}")
    changes.note(rows[at], texts, which.reshape(-1))


def opps_denied_lines(lines: Lines, rows: np.ndarray, changes: ArrayChanges) -> None:
    """``discount_encounter_opps``'s denial of the OPPS lines of an encounter with an inpatient-only procedure."""
    import numpy as np

    rate, copayment = lines.cents["opps_rate"][rows], lines.cents["opps_copayment"][rows]
    changes.set("opps_rate", rows, reduced(rate, PACKAGED_PERCENT))
    changes.set("opps_copayment", rows, reduced(copayment, PACKAGED_PERCENT))
    changes.set(OPPS_PERCENT, rows, np.full(len(rows), PACKAGED_PERCENT))
    changes.note(rows, [f"{ENCOUNTER} (OPPS): {INPATIENT_ONLY_RULE}"], np.zeros(len(rows), dtype=np.int64))


def opps_unpriced_lines(
    lines: Lines, rows: np.ndarray, kinds: np.ndarray, inpatient_only: np.ndarray, changes: ArrayChanges
) -> None:
    """``unprice_encounter_opps`` on the rows of encounters CMS pays through an APC rvucalc has not (``kinds``: the
    encounter's ``opps_unpriced``): no OPPS rate or copayment, and why; an inpatient-only line (``inpatient_only``)
    says that instead of its SI C reason."""
    import numpy as np

    if not rows.size:
        return
    blank = np.zeros(len(rows), dtype=np.int64)
    for name in ("opps_rate", "opps_copayment", "hopd_allowed", "hopd_beneficiary", "hopd_medicare"):
        changes.set(name, rows, blank, False)  # not priced: the hospital's site too, as a line whose OPPS is not paid
    texts = sorted(UNPRICED_REASONS)
    others = ~inpatient_only
    changes.note(rows[others], [f"{ENCOUNTER} (OPPS): {UNPRICED_REASONS[kind]}" for kind in texts],
                 np.searchsorted(np.array(texts), kinds[others]))  # fmt: skip
    # The inpatient-only line's reason is the claim's (as a single lookup's OPPS reason): in place of its SI C one.
    at = rows[inpatient_only]
    if at.size:
        lines.without_part("site_reason", at, f"SI {INPATIENT_ONLY}: {meaning(OPPS_SI, INPATIENT_ONLY)}")
        lines.add_note("site_reason", at, lines.texts.id(UNPRICED_REASONS[UNPRICED_CA]))


def _reduced_rate(lines: Lines, rows: np.ndarray, rate: np.ndarray, percent: int) -> Any:
    """``percent`` of the rows' OPPS rates: of the unrounded rate where no modifier changed it, as
    engine.facility._reduce (the Pricer rounds the discounted payment once)."""
    import numpy as np

    if lines.opps_national is None or lines.opps_wage_index is None:
        return reduced(rate, percent)
    national = lines.opps_national[rows]
    unrounded = opps_unrounded_rate(np.maximum(national, 0), lines.opps_wage_index[rows])
    return np.where(national >= 0, opps_reduced(unrounded, percent), reduced(rate, percent))


def professional_amounts(lines: Lines, rows: np.ndarray) -> tuple[Any, Any, Any, Any]:
    """The physician's claim at a facility for these rows: the PFS facility amount alone, as the single lookup's
    "facility" setting prices it (one service's shares, the line's coinsurance or a waiver's, times the units;
    therapy's later units together): allowed, beneficiary and Medicare cents, and whether there is one."""
    fee = lines.cents["pfs_facility_amount"][rows]
    share = COINSURANCE_PERCENT * 100 if lines.coinsurance is None else lines.coinsurance[rows]
    total, beneficiary, medicare = site_shares(0, 0, fee, share)
    units = lines.units[rows]
    later = lines.later_pfs.get("facility")  # therapy's later units together
    later_total = NO_LATER_PROFESSIONAL if later is None else later[rows]
    cut, share_cut = professional_line_cut(fee, units, later_total, share)
    return (total * units - cut, beneficiary * units - share_cut, medicare * units - (cut - share_cut),
            lines.valid["pfs_facility_amount"][rows])  # fmt: skip


def opps_units_cuts(lines: Lines, rows: np.ndarray, later: np.ndarray) -> tuple[Any, Any]:
    """The rows' hospital lines of several units as the Pricer pays them (engine.facility.opps_units_cut, as
    single lookups): what it takes off rate x units less the later units' cut, and off the copayment's; 0 where a
    modifier changed the rate (``lines.opps_national`` -1) or the line has one unit. A row the encounter reduced is
    paid 50% of its unrounded rate every unit (formula 5); one it packaged, nothing."""
    import numpy as np

    cut, share_cut = np.zeros(len(rows), dtype=np.int64), np.zeros(len(rows), dtype=np.int64)
    if lines.opps_national is None or lines.opps_wage_index is None or lines.opps_share is None:
        return cut, share_cut
    national = lines.opps_national[rows]
    hit = np.flatnonzero((national >= 0) & (lines.units[rows] > 1) & lines.valid["opps_rate"][rows])
    if not hit.size:
        return cut, share_cut
    at = rows[hit]
    unrounded = opps_unrounded_rate(national[hit], lines.opps_wage_index[at])
    rate, copay = lines.cents["opps_rate"][at], lines.cents["opps_copayment"][at]
    # What the encounter left of the rate (written by the rules that changed it: opps_encounters, claims._opps_rules).
    percent = np.full(len(at), 100) if lines.opps_percent is None else lines.opps_percent[at]
    waiver = np.full(len(at), COINSURANCE_PERCENT * 100) if lines.coinsurance is None else lines.coinsurance[at]
    cut[hit], share_cut[hit] = opps_units_cut(rate, copay, unrounded, percent, lines.units[at], later[hit],
                                              lines.opps_share[at], waiver)  # fmt: skip
    return cut, share_cut


def asc_units_share_cuts(lines: Lines, rows: np.ndarray, share: np.ndarray) -> np.ndarray:
    """What the ASC's coinsurance of the whole line (``kernels.asc_line_share_cut``: 20%, or a waiver's ``share``, of
    the line's payment, rounded once) takes off one unit's coinsurance x units (less the later units' cut) on these
    rows: lines of several units whose coinsurance is not an IRA-adjusted copayment."""
    import numpy as np

    units = lines.units[rows]
    hit = (units > 1) & lines.valid["asc_rate"][rows]
    if lines.asc_ira is not None:
        hit &= ~lines.asc_ira[rows]
    cut = np.zeros(len(rows), dtype=np.int64)
    if not hit.any():
        return cut
    at, units = rows[hit], units[hit]
    later = lines.later_percent.get("asc")
    percent = later[at] if later is not None else np.full(len(at), NO_LATER_UNITS_RULE)
    rate, coinsurance = lines.cents["asc_rate"][at], lines.cents["asc_coinsurance"][at]
    line_payment = rate * units - later_units_cut(rate, units, percent) - asc_halved_cuts(lines, at)
    cut[hit] = asc_line_share_cut(coinsurance, line_payment, units, percent, share[hit])
    return cut


def asc_halved_cuts(lines: Lines, rows: np.ndarray) -> np.ndarray:
    """What paying the rows' lower-paid ASC lines of several units as one line each (``Lines.asc_halved``: their rate
    before the 50% x units at 50%, rounded once; engine.facility.asc_halved_cut) takes off rate x units; 0 else."""
    import numpy as np

    cut = np.zeros(len(rows), dtype=np.int64)
    if lines.asc_halved is None:
        return cut
    before, units = lines.asc_halved[rows], lines.units[rows]
    hit = (before >= 0) & (units > 1) & lines.valid["asc_rate"][rows]
    cut[hit] = asc_halved_cut(lines.cents["asc_rate"][rows[hit]], before[hit], units[hit])
    return cut


def _copayment_after(lines: Lines, rows: np.ndarray, copayment: np.ndarray, rate: np.ndarray, percent: int) -> Any:
    """The copayment once the encounter paid ``percent`` of the rate (now ``rate``): as engine.facility._share_after,
    the payment less Medicare's share of it, or (capped, IRA-adjusted) the copayment scaled with the rate."""
    if lines.opps_share is None:
        return reduced(copayment, percent)
    return opps_copayment_after(rate, lines.opps_share[rows], copayment, percent, 100)


def asc_encounters(
    lines: Lines, rows: np.ndarray, encounter: np.ndarray, share: np.ndarray, changes: ArrayChanges
) -> None:
    """``discount_encounter_asc`` on encounters' ASC lines subject to discounting (``rows``, in file order); a
    preventive waiver's share (``share``, hundredths of a percent) is then taken of the discounted rate."""
    import numpy as np

    rate = lines.cents["asc_rate"][rows]
    # A 50 line paid as two procedures ranks by one side's rate and, outranked, is both sides at 50%, the line
    # rounded once (engine.facility.ASC_BILATERAL_RULE, asc_bilateral_halved).
    side = np.full(len(rows), -1, dtype=np.int64) if lines.asc_side is None else lines.asc_side[rows]
    two_sides = side >= 0
    _, group = np.unique(encounter, return_inverse=True)
    rank, _ = ranks_by_amount(group.reshape(-1), np.where(two_sides, side, rate), tie_order(lines, rows))
    at = np.flatnonzero(rank > 1)
    new_rate = np.where(two_sides[at], asc_bilateral_halved(side[at]), reduced(rate[at], LOWER_PAID_PERCENT))
    changes.set("asc_rate", rows[at], new_rate)
    changes.set("asc_coinsurance", rows[at], percent_of(new_rate, share[at]))  # 20% (or a waiver's) of the new rate
    changes.set(ASC_HALVED, rows[at], np.where(two_sides[at], -1, rate[at]))  # its line rounded once (claims._write)
    changes.note(rows[at], [f"{ENCOUNTER} (ASC): {ASC_RULE}", f"{ENCOUNTER} (ASC): {ASC_BILATERAL_RULE}"],
                 two_sides[at].astype(np.int64))  # fmt: skip


def asc_unranked_notes(
    lines: Lines, rows: np.ndarray, encounter: np.ndarray, discounted: np.ndarray, asc_ok: np.ndarray,
    changes: ArrayChanges,
) -> None:  # fmt: skip
    """``engine.facility.discount_encounter_asc``'s ``ASC_UNRANKED_NOTE`` on whole columns: in a facility encounter
    (``encounter``, per position in ``rows``) with a payable ASC line its modifiers leave out of the ranking (73, 52:
    ``asc_unranked``, once per code cell) paid more than the highest-ranked line subject to discounting
    (``discounted``), that line (rank 1, as ``asc_encounters`` ranks) says why it is paid in full."""
    import numpy as np

    if not (discounted.any() and asc_ok.any()):
        return
    rate = lines.cents["asc_rate"][rows]
    out = lines.flag("ASC unranked", lambda cell: asc_unranked(cell.modifiers))[lines.code[rows]]
    unranked = asc_ok & out & (rate > 0)
    if not unranked.any():
        return
    sites = int(encounter.max()) + 1
    highest = np.full(sites, -1, dtype=np.int64)
    np.maximum.at(highest, encounter[unranked], rate[unranked])
    at = np.flatnonzero(discounted & (highest[encounter] >= 0))
    if not at.size:
        return
    side = np.full(len(rows), -1, dtype=np.int64) if lines.asc_side is None else lines.asc_side[rows]
    _, group = np.unique(encounter[at], return_inverse=True)
    rank, _ = ranks_by_amount(
        group.reshape(-1), np.where(side[at] >= 0, side[at], rate[at]), tie_order(lines, rows[at])
    )
    top = at[(rank == 1) & asc_unranked_note_needed(rate[at], highest[encounter[at]])]
    if top.size:
        changes.note(rows[top], [f"{ENCOUNTER} (ASC): {ASC_UNRANKED_NOTE}"], np.zeros(top.size, dtype=np.int64))


def asc_ancillary_alone(lines: Lines, rows: np.ndarray, encounter: np.ndarray) -> None:
    """``engine.facility.ancillary_without_procedure`` on whole columns: a separately paid ancillary service
    (``Lines.asc_kind`` ASC_ANCILLARY) in an encounter with no covered surgical procedure (ASC_PROCEDURE) is not paid
    to the ASC: its ``asc_allowed``, ``asc_beneficiary`` and ``asc_medicare`` are blank (its ``asc_rate`` stays, for
    information), and where the ASC is its setting its note says why instead of ``ANCILLARY_NOTE``. ``rows`` and
    ``encounter``: the claims' encounters (``price_claims``); every other row is an encounter of its own."""
    import numpy as np

    from rvucalc.batch.lines import SITE_NAMES

    if lines.asc_kind is None:
        return
    kind = lines.asc_kind
    candidates = (kind == ASC_ANCILLARY) & (lines.error == 0)
    if not candidates.any():
        return
    number = np.full(lines.rows, -1, dtype=np.int64)
    count = int(encounter.max()) + 1 if rows.size else 0
    number[rows] = encounter
    alone = np.flatnonzero(number < 0)
    number[alone] = count + np.arange(len(alone), dtype=np.int64)
    procedure = np.bincount(number[kind == ASC_PROCEDURE], minlength=count + len(alone)) > 0
    at = np.flatnonzero(candidates & ~procedure[number])
    if not at.size:
        return
    for measure in ("allowed", "beneficiary", "medicare"):
        lines.valid[f"asc_{measure}"][at] = False
    shown = at[lines.site[at] == SITE_NAMES.index("asc")]
    if shown.size:
        lines.without_part("site_reason", shown, ANCILLARY_NOTE)
        lines.add_note("site_reason", shown, lines.texts.id(ANCILLARY_WITHOUT_PROCEDURE))
        # nor, the ASC being its setting, the IRA-adjusted ASC copayment of a payment the ASC is not made
        # (engine.facility.without_asc_ira_note, as price --setting asc; no setting keeps it)
        # The parts of the texts holding it alone (Texts.containing, kept per text): every part of the run's texts
        # was looked at per partition (~1% of a run's CPU)
        texts = lines.texts
        holding = np.flatnonzero(texts.containing(IRA_ASC)).tolist()
        ira = {part for number in holding for part in texts.parts[number] if part.startswith(IRA_ASC)}
        if ira:
            lines.without_parts("facility_adjustments", shown, ira)


def hopd_mammography(lines: Lines, rows: np.ndarray, encounter: np.ndarray) -> None:
    """The hospital's site of the mammography rows paid under the PFS (``Lines.hopd_technical``, engine.hopd_therapy):
    the TC's PFS amount times the units, plus the physician's fee there (``professional_amounts``), the patient paying
    the line's share of each (screening: a preventive waiver's; diagnostic: 20%), as ``hopd_mammography_site``. A row
    whose hospital payment another row of its code carries in its encounter (``engine.facility.facility_paid_on``:
    77067-26 beside 77067) has none: its ``hopd_technical`` is ``CARRIED_TECHNICAL`` (``batch.claims.
    _professional_alone`` then pays its physician's fee there). The rows it pays say no OPPS reason (their site's
    reason is the TC's: ``hopd_mammography_note``). ``rows`` and ``encounter``: the claims' encounters; every other
    row is an encounter of its own."""
    import numpy as np

    from rvucalc.batch.lines import SITE_NAMES

    if lines.hopd_technical is None:
        return
    at = np.flatnonzero((lines.hopd_technical >= 0) & (lines.error == 0))
    if not at.size:
        return
    number = np.full(lines.rows, -1, dtype=np.int64)
    number[rows] = encounter
    claimed = at[number[at] >= 0]
    if claimed.size > 1:  # few rows: each encounter's mammography lines, with the other lines of their codes
        # (a cell's code number is its code's in the run: the cells of those codes)
        of_code = np.isin(lines.code_number, lines.code_number[np.unique(lines.code[claimed])])
        near = rows[of_code[lines.code[rows]] & np.isin(encounter, np.unique(number[claimed]))]
        carried = near[_carried_in_encounters(lines, near, number[near])]
        lines.hopd_technical[carried] = np.where(lines.hopd_technical[carried] >= 0, CARRIED_TECHNICAL, -1)
        at = at[lines.hopd_technical[at] >= 0]
    shown = at[lines.site[at] == SITE_NAMES.index("hopd")]
    # The hospital is paid the TC's PFS amount: the OPPS's reason (its SI, its year's file not installed) is not the
    # site's, as the single lookup's hospital site does not give it (engine.hopd_therapy.hopd_mammography_site).
    lines.without_slot("site_reason", shown)
    facility = lines.hopd_technical[at] * lines.units[at]
    share = COINSURANCE_PERCENT * 100 if lines.coinsurance is None else lines.coinsurance[at]
    allowed, beneficiary, _, payable = professional_amounts(lines, at)
    total = facility + np.where(payable, allowed, 0)
    patient = percent_of(facility, share) + np.where(payable, beneficiary, 0)
    for measure, cents in (("allowed", total), ("beneficiary", patient), ("medicare", total - patient)):
        lines.cents[f"hopd_{measure}"][at] = cents
        lines.valid[f"hopd_{measure}"][at] = True


# ``Lines.hopd_technical`` of a mammography row whose hospital payment another row of its code carries in
# its encounter (``engine.facility.facility_paid_on``): no TC amount of its own; its physician's fee is paid there
# alone (``batch.claims._professional_alone``, as ``Pricer.price_encounter``).
CARRIED_TECHNICAL = -2


def _carried_in_encounters(lines: Lines, near: np.ndarray, key: np.ndarray) -> np.ndarray:
    """Per row of ``near`` (rows of some encounters, ``key`` each one's encounter): whether
    ``engine.facility.facility_paid_on`` of its encounter's rows (in row order) names it. The rule is run once per
    distinct encounter shape (its code cells in order), the encounters grouped on whole columns."""
    import numpy as np

    from rvucalc.engine.facility import facility_paid_on

    out = np.zeros(len(near), dtype=bool)
    if not near.size:
        return out
    order = np.lexsort((near, key))
    _, group, size = np.unique(key[order], return_inverse=True, return_counts=True)
    group = group.reshape(-1)
    cells = lines.code[near[order]]
    length = size[group]
    for count in np.unique(size).tolist():
        mine = np.flatnonzero(length == count)  # the encounters of ``count`` rows, each one's rows together
        shapes, shape_of = np.unique(cells[mine].reshape(-1, count), axis=0, return_inverse=True)
        paid_on = np.zeros(shapes.shape, dtype=bool)
        for number, shape in enumerate(shapes.tolist()):
            given = [(lines.codes[c].code, lines.codes[c].modifiers) for c in shape]
            paid_on[number, list(facility_paid_on(given))] = True
        out[order[mine]] = paid_on[shape_of.reshape(-1)].reshape(-1)
    return out


def add_ons_without_primary(kind: np.ndarray, encounter: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``engine.add_ons.without_primary_notes`` on whole columns: per row (its ``engine.add_ons.kind``, its encounter's
    number; every row in some encounter), whether it says ``without_primary_note`` (an ``ADD_ON`` row of an encounter
    with no ``NOT_ADD_ON`` row), and whether its encounter is the row alone (the note's words)."""
    import numpy as np

    from rvucalc.engine import add_ons

    count = int(encounter.max()) + 1 if encounter.size else 0
    primaries = np.bincount(encounter[kind == add_ons.NOT_ADD_ON], minlength=count)
    said: np.ndarray = (kind == add_ons.ADD_ON) & (primaries[encounter] == 0)
    alone: np.ndarray = np.bincount(encounter, minlength=count)[encounter] == 1
    return said, alone
