"""Batch lines paid outside the PFS: the CLFS, ASP and DMEPOS terms of each distinct line, from the single
lookup's own ``lookup.schedules.look_up`` (once per code cell, releases in force, state and units), the office
site of the lines those schedules pay, and the codes no installed schedule lists."""

from __future__ import annotations

import datetime as dt
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rvucalc.batch.arrow_columns import strings_of
from rvucalc.batch.lines import FACILITY_PROFESSIONAL, Lines, Texts, kind_id, merge_sorted
from rvucalc.batch.lookups import RememberingCatalogue, bare_error, money_cents
from rvucalc.engine.duplicates import SPECIMEN_COLLECTION_CODES
from rvucalc.engine.facility import DMEPOS_AT_FACILITY_REASON, DRUG_AT_FACILITY_REASON, LAB_AT_FACILITY_REASON
from rvucalc.engine.kernels import COINSURANCE_PERCENT, percent_of
from rvucalc.engine.meanings import is_vaccine_product, paid_from_note
from rvucalc.engine.schedules import CAPPED_RENTAL_MONTHS, DRUG_TEST_KINDS, ESA_PURPOSE_MODIFIERS, ESRD_FACILITY_POS
from rvucalc.errors import ErrorKind, RvucalcError, UsageError
from rvucalc.lookup import schedules
from rvucalc.lookup.dates import parse_service_date
from rvucalc.reference.releases import Release, row_warnings

if TYPE_CHECKING:
    import numpy as np

    from rvucalc.batch.cells import CellView
    from rvucalc.batch.lines import CodeCells
    from rvucalc.batch.price import Scenario, _PfsArrays, _Resolved
    from rvucalc.lookup.pricer import Pricer
    from rvucalc.reference.store import Store


@dataclass
class Offices:
    """A partition's rows' office terms from the other schedules: ``index`` (per row; -1: none) into ``table``."""

    index: np.ndarray
    table: OfficeTable

    def column(self, name: str) -> np.ndarray:
        """Per row of the partition: the office's ``OfficeTable.column`` (its default where none)."""
        found: np.ndarray = self.table.column(name)[self.index]
        return found


@dataclass(frozen=True)
class Office:
    """A line's CLFS/ASP/DMEPOS terms (cents) and, when one of them pays it, its office site."""

    clfs: int | None = None
    drug: int | None = None
    dmepos: int | None = None
    payer: str | None = None
    total: int | None = None
    beneficiary: int | None = None
    listed: bool = False
    datasets: tuple[str, ...] = ()  # the schedules that list the line: their quarter warnings are per date
    releases: str = ""  # the CLFS/ASP/DMEPOS releases used, for the release column
    error: RvucalcError | None = None
    unpaid: str = ""  # why the schedules that list it do not pay it (OtherSchedules.unpaid_reasons)
    notes: tuple[str, ...] = ()  # the notes of its CLFS, ASP and DMEPOS amounts, in that order
    line_share: int = -1  # DMEPOS: the hundredths the patient pays of the line (all its units), rounded once; -1: none
    refusal: str = ""  # a code no PFS row or schedule lists, with a DMEPOS modifier: its error if a facility lists it
    refusal_kind: ErrorKind = ErrorKind.POLICY_REFUSED
    missing: str = ""  # the CMS file not installed that leaves it without its amount (OtherSchedules.missing_file)
    statement: str | None = None  # the schedule it is paid from all the same (lookup.schedules.statement_payer)


# What ``ScheduleTerms._code_flags`` says of a code: a drug a facility's addendum pays (``_facility_drugs``), a J code,
# one whose terms depend on the state (DMEPOS) and one whose depend on its units (ASP, a specimen collection fee).
_FACILITY_DRUG, _J_CODE, _BY_STATE, _BY_UNITS, _ESRD_NOTED = 1, 2, 4, 8, 16
# An other-schedule line's key packs its code cell's number (BatchPricer's run numbering), its context (the PFS
# release, the schedules' quarters in force and the state) and its units into one int64.
_UNIT_BITS, _CONTEXT_BITS, _CELL_BITS = 21, 18, 24
# What OfficeTable.column gives per office: (dtype, the value where a row has none).
OFFICE_COLUMNS: dict[str, tuple[str, Any]] = {
    "clfs": ("int64", 0), "clfs_ok": ("bool", False), "drug": ("int64", 0), "drug_ok": ("bool", False),
    "dmepos": ("int64", 0), "dmepos_ok": ("bool", False), "failed": ("bool", False), "error": ("int32", 0),
    "kind": ("int8", 0), "listed": ("bool", False), "unpaid": ("int32", 0), "paid": ("bool", False),
    "total": ("int64", 0), "beneficiary": ("int64", 0), "drug_paid": ("bool", False), "releases": ("int32", 0),
    "datasets": ("int32", 0), "notes": ("int32", 0), "line_share": ("int64", -1), "refusal": ("int32", 0),
    "paid_from": ("int32", 0),  # the schedule that pays it, as the line's note says (engine.meanings.paid_from_note)
    "missing": ("int32", 0),  # the CMS file not installed that leaves it without an amount ('CY2025 ASP'): counted
}  # fmt: skip


class OfficeTable:
    """The run's distinct other-schedule lines, each with its ``Office`` worked out once in the run and kept as
    arrays (``column``): a partition finds its lines' offices on arrays, with no Python per line it met before.
    Text columns hold ids into the run's ``Texts`` (forgotten with them)."""

    def __init__(self) -> None:
        import numpy as np

        self.count = 0  # offices kept
        self.datasets: list[tuple[str, ...]] = []  # the "datasets" column's values
        self._keys = np.zeros(0, dtype=np.int64)  # sorted
        self._ids = np.zeros(0, dtype=np.int64)
        self._contexts: dict[tuple[Any, ...], int] = {}
        # Per column: the offices' values, then its default (room for more: the slot after the last office
        # always holds the default, so that id -1, no office, reads it).
        self._columns = {name: np.full(1024, default, dtype=dtype) for name, (dtype, default) in OFFICE_COLUMNS.items()}

    def full(self) -> bool:
        """True when the contexts overflow their bits (a very long run): forget the table then."""
        return len(self._contexts) > 1 << _CONTEXT_BITS

    def __len__(self) -> int:
        return self.count

    def context(
        self, release: str, quarter: tuple[str, ...], state: str | None, rural: bool = False, esrd: bool = False
    ) -> int:
        return self._contexts.setdefault((release, quarter, state, rural, esrd), len(self._contexts))

    @staticmethod
    def keys(cells: np.ndarray, contexts: np.ndarray, units: np.ndarray) -> np.ndarray:
        import numpy as np

        # Cells: BatchPricer forgets them past CELLS_LIMIT; units: at most MAX_UNITS; contexts: ``full``.
        if not (cells.max(initial=0) < 1 << _CELL_BITS and units.max(initial=0) < 1 << _UNIT_BITS
                and contexts.max(initial=0) < 1 << _CONTEXT_BITS):  # fmt: skip
            raise OverflowError("an other-schedule line's key does not fit 64 bits: price fewer lines a partition")
        packed: np.ndarray = (cells.astype(np.int64) << (_CONTEXT_BITS + _UNIT_BITS)) | (contexts << _UNIT_BITS) | units
        return packed

    def find(self, keys: np.ndarray) -> np.ndarray:
        """Per key: its office's id, -1 for a key not met before."""
        import numpy as np

        found = np.full(len(keys), -1, dtype=np.int64)
        if len(self._keys):
            at = np.minimum(np.searchsorted(self._keys, keys), len(self._keys) - 1)
            hit = self._keys[at] == keys
            found[hit] = self._ids[at[hit]]
        return found

    def add(self, keys: np.ndarray, offices: list[Office], texts: Texts) -> np.ndarray:
        """Keep these (distinct, new) keys' offices; returns their ids."""
        import numpy as np

        start, end = self.count, self.count + len(offices)
        ids = np.arange(start, end, dtype=np.int64)
        if not offices:
            return ids
        rows: list[tuple[Any, ...]] = []  # per office, its OFFICE_COLUMNS' values, in their order
        text_id, datasets = texts.id, self.datasets
        done: dict[int, tuple[Any, ...]] = {}  # an office several keys share (kept in ScheduleTerms._offices): once
        for office in offices:
            found = done.get(id(office))
            if found is not None:
                rows.append(found)
                continue
            error, payer, refusal = office.error, office.payer, office.refusal
            if office.datasets not in datasets:
                datasets.append(office.datasets)
            # The texts interned in the order they always were (their ids number them)
            said = (text_id(str(error)) if error else 0, text_id(office.unpaid), text_id(office.releases),
                    texts.id_of(office.notes), text_id(refusal), text_id(office.missing),
                    text_id(paid_from_note(payer or office.statement)))  # fmt: skip
            paid = payer is not None and office.total is not None and office.beneficiary is not None
            found = done[id(office)] = (
                office.clfs or 0, office.clfs is not None, office.drug or 0, office.drug is not None,
                office.dmepos or 0, office.dmepos is not None, error is not None, said[0],
                kind_id(error.kind) if error else (kind_id(office.refusal_kind) if refusal else 0),
                office.listed, said[1], paid, office.total or 0, office.beneficiary or 0, payer == "drug", said[2],
                datasets.index(office.datasets), said[3], office.line_share, said[4], said[6], said[5],
            )  # fmt: skip
            rows.append(found)
        self.count = end
        for (name, (dtype, default)), values_of in zip(OFFICE_COLUMNS.items(), zip(*rows, strict=True), strict=True):
            column = self._columns[name]
            if end + 1 > len(column):
                grown = np.full(max(end + 1, 2 * len(column)), default, dtype=dtype)
                grown[:start] = column[:start]
                column = self._columns[name] = grown
            column[start:end] = np.array(values_of, dtype=dtype)
        self._keys, self._ids = merge_sorted(self._keys, self._ids, keys, ids)
        return ids

    def column(self, name: str) -> np.ndarray:
        """Per office id, then the column's default (so that id -1, no office, reads it)."""
        found: np.ndarray = self._columns[name][: self.count + 1]
        return found


class RunCatalogue(RememberingCatalogue):
    """The catalogue as a run's ``lookup.schedules.look_up`` sees it: stores that remember their per-code answers,
    and the release in force (``Catalogue.in_force``) chosen once per dataset, year and date of service, not once per
    code cell (a profile of a million lines found 3% in choosing again, a stat of ``state.json`` each). Per run: a pin
    set with `rvucalc data use` between two runs is seen by the next."""

    def __init__(self, catalogue: Any, remembering: Any) -> None:
        super().__init__(catalogue, remembering)
        self.catalogue = catalogue
        self._in_force: dict[tuple[str, int, dt.date | None], tuple[Release | None, tuple[str, ...]]] = {}
        self._days: dict[str, dt.date | None] = {}
        self.drug_quarters: dict[tuple[int, str], tuple[str, ...]] = {}  # ScheduleTerms._drug_quarter's

    def day(self, date: str) -> dt.date | None:
        """A date of service's text (a file's cell), parsed once a run."""
        if date not in self._days:
            self._days[date] = parse_service_date(date)
        return self._days[date]

    def in_force(self, dataset: str, year: int, date_of_service: dt.date | None) -> tuple[Release | None, list[str]]:
        key = (dataset, year, date_of_service)
        chosen = self._in_force.get(key)
        if chosen is None:  # an error (a year the date contradicts) is raised again, as the catalogue raises it
            release, warnings = self.catalogue.in_force(dataset, year, date_of_service)
            chosen = self._in_force[key] = (release, tuple(warnings))
        return chosen[0], list(chosen[1])  # a list of the caller's own, as the catalogue's


class ScheduleTerms:
    """The part of ``BatchPricer`` that prices lines from the other schedules (its caches live there)."""

    pricer: Pricer
    scenario: Scenario
    _offices: dict[tuple[Any, ...], Office]
    _office_table: OfficeTable
    _listed: dict[str, set[str]] | None
    _every_listed: set[str] | None
    _drugs: set[str] | None
    _asp_codes: dict[str, set[str]]
    _warnings: dict[tuple[int, str, tuple[str, ...]], str]
    _schedule_quarters: dict[tuple[int, str], tuple[str, ...]]
    _clfs_effective: dict[str, dt.date | None]
    _states: dict[str, tuple[list[str | None], np.ndarray, np.ndarray]]
    _zip_states: dict[str, dict[str, str | None]]
    _run_catalogue: RunCatalogue | None = None  # ``_releases_in_force``'
    # ``_code_flags``': the run's cells (their code numbers index the flags) and per code number its flags (-1: not
    # asked yet)
    _code_flags_kept: tuple[weakref.ref[CodeCells], np.ndarray] | None = None

    def _lookups(self, store: Store) -> Store:  # BatchPricer's: the store with its per-code answers remembered
        raise NotImplementedError

    def _releases_in_force(self) -> RunCatalogue:
        """The run's catalogue for ``look_up`` and its release choices (``RunCatalogue``), made once a run."""
        run = self._run_catalogue
        if run is None or run.catalogue is not self.pricer.catalogue:
            run = self._run_catalogue = RunCatalogue(self.pricer.catalogue, self._lookups)
        return run

    def _other_schedules(
        self, release: Release, pfs: _PfsArrays, lines: Lines, rows: np.ndarray, place: np.ndarray,
        zips: np.ndarray, cells: CellView,
    ) -> Offices:  # fmt: skip
        """The CLFS, ASP and DMEPOS terms of rows whose code those files list (``lookup.schedules.look_up``,
        once per distinct code cell, releases in force, state and units). ``place``: each row's locality position,
        ``zips`` its ZIP's row (-1: none). Returns each row's office terms."""
        import numpy as np

        table = self._office_table
        offices = Offices(np.full(lines.rows, -1, dtype=np.int64), table)
        candidate = cells["other_schedules"][lines.code[rows]]
        mine, position = rows[candidate], place[candidate]
        if not mine.size:
            return offices
        dates = [date for _, date in lines.whens]
        code_ids, whens = lines.code[mine], lines.when[mine]
        # The state matters only to DMEPOS codes, the units only to drugs (other lines: x units later).
        quarters: list[tuple[str, ...]] = []
        quarter_of_when = np.zeros(len(dates), dtype=np.int64)
        when_list = np.unique(whens).tolist()
        for when in when_list:
            quarter = self._schedule_quarter(release.year, dates[when])
            if quarter not in quarters:
                quarters.append(quarter)
            quarter_of_when[when] = quarters.index(quarter)
        row_quarter = quarter_of_when[whens]
        # A drug CMS's OPPS or ASC file pays, or a J code the PFS excludes (J1815), that the ASP file used does not
        # list: its terms name those files in force and the date's ASP quarter (lookup.schedules.drug_listing,
        # excluded_drug, asp_quarter), so its context is theirs too. Per distinct code cell and quarter; the other
        # lines' contexts are unchanged.
        distinct = np.flatnonzero(np.bincount(code_ids, minlength=len(lines.codes)))
        flags = np.zeros(len(lines.codes), dtype=np.int8)
        flags[distinct] = self._code_flags(lines, distinct)
        maybe = distinct[(flags[distinct] & (_FACILITY_DRUG | _J_CODE)) != 0]
        drug_cells = [c for c, flag in zip(maybe.tolist(), flags[maybe].tolist(), strict=True) if flag & _FACILITY_DRUG
                      or self._excluded_drug(cells.resolved(c), pfs)]  # fmt: skip
        if drug_cells:
            basic = len(quarters)
            unlisted = np.zeros((len(lines.codes), basic), dtype=bool)
            for q, quarter in enumerate(quarters):
                listed_there = self._asp_codes_of(quarter[1])
                for c in drug_cells:
                    unlisted[c, q] = lines.codes[c].code not in listed_there
            drug_quarter_of_when = np.zeros(len(dates), dtype=np.int64)
            for when in when_list:
                quarter = self._drug_quarter(release.year, dates[when])
                if quarter not in quarters:
                    quarters.append(quarter)
                drug_quarter_of_when[when] = quarters.index(quarter)
            row_quarter = np.where(unlisted[code_ids, row_quarter], drug_quarter_of_when[whens], row_quarter)
        by_state_code, by_units_code = (flags & _BY_STATE) != 0, (flags & _BY_UNITS) != 0
        esrd_noted_code = (flags & _ESRD_NOTED) != 0
        # A state column's state, else the ZIP's in CMS's ZIP5 file, else the locality's (as the single lookup's
        # ``state or location.zip_state or location.state``): per place, on arrays.
        names, state_of_locality, state_of_zip = self._place_states(release, pfs)
        state_names = list(dict.fromkeys([*names, *(given for given in lines.states if given)]))
        zip_row = zips[candidate]
        state = np.where(zip_row >= 0, state_of_zip[np.maximum(zip_row, 0)], state_of_locality[position])
        # A state that is no state (a file's own column): the error of a DME line that would use it, which is
        # otherwise priced as if none were given (the single lookup refuses it first, whatever the code).
        bad_state = np.zeros(len(mine), dtype=bool)
        if lines.state is not None and any(lines.state_errors):
            cell = lines.state[mine]
            bad_state = by_state_code[code_ids] & np.array([e is not None for e in lines.state_errors])[cell]
        # The locality's state decides (no ZIP, no state given): a locality holding several states' ZIPs says so.
        by_locality = (zip_row < 0) & (position >= 0) & (position < len(pfs.localities)) & by_state_code[code_ids]
        # A filled patient ZIP cell's state, over the place's: a DME row's DMEPOS fee is its patient's state's
        # (batch.columns.patient_zip_position says why); one that is no ZIP of the release is a DME row's error.
        bad_patient = np.zeros(len(mine), dtype=bool)
        # The state of each row's ZIP (the patient's, else the service place's; 0: none), for a given state's note.
        from_zip = np.where(zip_row >= 0, state, 0)
        patient_cell = patient_number = np.zeros(len(mine), dtype=np.int64)
        if lines.patient_zip is not None and by_state_code[code_ids].any():  # the state matters to DME rows alone
            patient_states, patient_errors = self._patient_zip_states(release, lines.patient_zips)
            state_names = list(dict.fromkeys([*state_names, *(s for s in patient_states if s)]))
            cell = lines.patient_zip[mine]
            number = np.array([state_names.index(s) + 1 if s else 0 for s in patient_states], dtype=np.int64)[cell]
            state = np.where(number > 0, number, state)
            from_zip, patient_cell, patient_number = np.where(number > 0, number, from_zip), cell, number
            by_locality &= number == 0
            bad_patient = by_state_code[code_ids] & np.array([e is not None for e in patient_errors])[cell]
        given_of_row = np.zeros(len(mine), dtype=np.int64)
        if lines.state is not None and any(lines.states):
            given = np.array([state_names.index(s) + 1 if s else 0 for s in lines.states], dtype=np.int64)
            given_of_row = given[lines.state[mine]]
            state = np.where(given_of_row > 0, given_of_row, state)
            by_locality &= given_of_row == 0
            bad_patient &= given_of_row == 0  # the state given is the patient's: its ZIP is not needed
        state = np.where(by_state_code[code_ids], state, 0)
        # The DMEPOS fee column: a rural cell's (Y/N), else the run's --rural; a bad cell is a DME line's error.
        rural = np.full(len(mine), int(self.scenario.rural), dtype=np.int64)
        bad_rural = np.zeros(len(mine), dtype=bool)
        stated_urban = np.zeros(len(mine), dtype=bool)  # a rural cell of N: the row says the patient is not rural
        if lines.rural is not None and any(
            v is not None or e is not None for v, e in zip(lines.rurals, lines.rural_errors, strict=True)
        ):
            cell = lines.rural[mine]
            given = np.array([-1 if value is None else int(value) for value in lines.rurals], dtype=np.int64)[cell]
            rural = np.where(given >= 0, given, rural)
            stated_urban = given == 0
            bad_rural = by_state_code[code_ids] & np.array([e is not None for e in lines.rural_errors])[cell]
        rural = np.where(by_state_code[code_ids], rural, 0)
        units = np.where(by_units_code[code_ids], lines.units[mine], 1)
        # A drug's or a lab test's row at an ESRD facility (its setting cell POS 65): its note says the ESRD PPS bundle
        # (engine.schedules.esrd_drug_note, esrd_facility_lab_note, as the single lookup's place_of_service), so the
        # place is its context too.
        esrd = np.zeros(len(mine), dtype=np.int64)
        if lines.setting_of is not None and lines.setting_places:
            at_esrd = np.array([pos == ESRD_FACILITY_POS for pos, _ in lines.setting_places] + [False])
            setting_of = lines.setting_of[mine]
            at_place = at_esrd[np.where(setting_of >= 0, setting_of, len(at_esrd) - 1)]
            esrd = (at_place & esrd_noted_code[code_ids]).astype(np.int64)
        # Each row's line: its code cell in the run, its context (release, quarters, state, rural, ESRD place) and
        # units.
        local, context_of_row = np.unique(
            ((row_quarter * (len(state_names) + 1) + state) * 2 + rural) * 2 + esrd, return_inverse=True
        )

        def contexts_in(table: OfficeTable) -> np.ndarray:
            places = len(state_names) + 1
            return np.array([
                table.context(release.release, quarters[key // 4 // places],
                              state_names[key // 4 % places - 1] if key // 4 % places else None, bool(key // 2 % 2),
                              bool(key % 2))
                for key in local.tolist()
            ], dtype=np.int64)  # fmt: skip

        contexts = contexts_in(table)
        if table.full():  # more contexts than their bits hold: a table of the partition's own
            table = offices.table = self._office_table = OfficeTable()
            contexts = contexts_in(table)
        keys = table.keys(lines.cell[code_ids], contexts[context_of_row.reshape(-1)], units)
        found = table.find(keys)
        new = np.flatnonzero(found < 0)
        if new.size:
            new_keys, first = np.unique(keys[new], return_index=True)
            terms = []
            # What the terms read of a code cell, once per cell, and of its context once per quarter too
            of_cell: dict[int, tuple[Any, ...]] = {}
            of_quarter: dict[tuple[int, int], tuple[str, ...]] = {}
            picked = new[first]
            for c, when, number, unit, rural_given, q, at_esrd_place in zip(
                code_ids[picked].tolist(), whens[picked].tolist(), state[picked].tolist(), units[picked].tolist(),
                rural[picked].tolist(), row_quarter[picked].tolist(), esrd[picked].tolist(), strict=True,
            ):  # fmt: skip
                facts = of_cell.get(c)
                if facts is None:
                    item = cells.resolved(c)
                    status = self._pfs_status(item, pfs)
                    facts = of_cell[c] = (item, status, (
                        release.year, status, _unclassified(item), item.code, lines.codes[c].paying, item.coinsurance,
                        item.outside,
                    ), ("AY" in item.modifiers, bool(CAPPED_RENTAL_MONTHS.intersection(item.modifiers)),
                        bool(item.modifiers), "KX" in item.modifiers, "CG" in item.modifiers, "KS" in item.modifiers,
                        "RB" in item.modifiers, "BP" in item.modifiers,
                        bool(ESA_PURPOSE_MODIFIERS.intersection(item.modifiers)),
                        bool({"RT", "LT"}.intersection(item.modifiers))
                        and item.code in self._schedule_codes("dmepos")))  # fmt: skip
                item, status, head, tail = facts
                terms_quarter = of_quarter.get((q, c))
                if terms_quarter is None:
                    terms_quarter = of_quarter[q, c] = self._terms_quarter(quarters[q], item.code)
                named = state_names[number - 1] if number else None
                # Informational modifiers choose no CLFS, ASP or DMEPOS row (tests/test_batch_cells.py): the cells of
                # a code and its paying modifiers share their terms, unless a waiver changes the patient's share. AY
                # changes an ESRD drug's note (engine.schedules.esrd_drug_note), not its amount: part of the key; so
                # do KH and KI, whose absence a capped rental's note says (engine.schedules.capped_rental_month_note),
                # whether the line has any modifier (lookup.schedules.DMEPOS_NO_PRICING_MODIFIER: A4238-RT, not A4238)
                # and KX and CG (engine.modifiers.DMEPOS_KX_NOTE, DMEPOS_CG_NOTE; KS, refused beside KX:
                # engine.schedules.insulin_treatment_refusal; RB, whose note a rental says: engine.schedules.
                # rented_repair_note; BP: no_purchase_option_note), and whether an ESA purpose modifier
                # (EA, EB, EC) is there, whose absence a non-ESRD ESA's note says (engine.schedules.esa_purpose_note),
                # and whether RT or LT is, whose absence a therapeutic shoe's note says (therapeutic_shoe_side_note):
                # of a code some DMEPOS release lists alone (a shoe's category is its DMEPOS row's): keyed for every
                # code, RT and LT split each PFS code's terms in two (a million lines' peak RSS ~6 MB more).
                # Of the PFS release, the terms read only its year and what its row says of the code (status, NOC):
                # the releases of one year share the terms of a code whose row says the same (a file of 2025A and
                # 2025D lines looked each code up twice).
                cache_key = (*head, terms_quarter, named, unit, *tail, bool(rural_given), bool(at_esrd_place))
                office = self._offices.get(cache_key)
                if office is None:
                    office = self._offices[cache_key] = self._office(release, item, dates[when], named, unit,
                                                                     bool(rural_given), status,
                                                                     bool(at_esrd_place))  # fmt: skip
                terms.append(office)
            table.add(new_keys, terms, lines.texts)
            found = table.find(keys)
        failed = table.column("failed")[found]
        if bad_state.any():  # the state's error where the line prices, or only lacks a state
            kind = table.column("kind")[found]
            refused = bad_state & (~failed | (kind == kind_id(ErrorKind.MISSING_INPUT)))
            cell = lines.state[mine[refused]]  # type: ignore[index]
            errors = lines.state_errors
            messages = lines.texts.ids(str(e) if e is not None else "" for e in errors)
            kinds = np.array([kind_id(e.kind) if e is not None else 0 for e in errors], dtype=np.int8)
            lines.fail(mine[refused], messages[cell], kinds[cell])
            failed = failed | refused
        if bad_patient.any():  # as a bad state's: never priced at the service place's state instead
            kind = table.column("kind")[found]
            refused = bad_patient & (~failed | (kind == kind_id(ErrorKind.MISSING_INPUT)))
            cell = lines.patient_zip[mine[refused]]  # type: ignore[index]
            messages = lines.texts.ids(str(e) if e is not None else "" for e in patient_errors)
            kinds = np.array([kind_id(e.kind) if e is not None else 0 for e in patient_errors], dtype=np.int8)
            lines.fail(mine[refused], messages[cell], kinds[cell])
            failed = failed | refused
        if bad_rural.any():  # as a bad state's
            kind = table.column("kind")[found]
            refused = bad_rural & (~failed | (kind == kind_id(ErrorKind.MISSING_INPUT)))
            cell = lines.rural[mine[refused]]  # type: ignore[index]
            messages = lines.texts.ids(str(e) if e is not None else "" for e in lines.rural_errors)
            kinds = np.array([kind_id(e.kind) if e is not None else 0 for e in lines.rural_errors], dtype=np.int8)
            lines.fail(mine[refused], messages[cell], kinds[cell])
            failed = failed | refused
        if failed.any():
            lines.fail(mine[failed], table.column("error")[found[failed]], table.column("kind")[found[failed]])
        good = ~failed
        offices.index[mine[good]] = found[good]
        # Each listing schedule's quarter-not-installed warning on the row's date.
        datasets_of_row = table.column("datasets")[found]
        pairs, pair_of_row = np.unique(datasets_of_row * len(dates) + whens, return_inverse=True)
        notes = np.array([self._schedule_warnings(release.year, dates[pair % len(dates)],
                                                  table.datasets[pair // len(dates)], lines)
                          for pair in pairs.tolist()], dtype=np.int32)[pair_of_row.reshape(-1)]  # fmt: skip
        lines.add_note("schedules", mine[good], notes[good])
        schedule_notes = table.column("notes")[found[good]]
        lines.add_note("schedule", mine[good], schedule_notes)
        # A rural cell of N says the patient is not rural: the DMEPOS rural ZIP file it lacks is not needed, so the
        # row does not say it is not installed (lookup.schedules.DMEPOS_RURAL_NOTE, said where rural is not stated).
        if (stated_urban & good).any():
            lines.without_part("schedule", mine[stated_urban & good], schedules.DMEPOS_RURAL_NOTE)
        self._superseded_line_notes(lines, mine[good], schedule_notes)
        spanning = by_locality & good
        if spanning.any():  # a locality of several states' ZIPs: whose fee, said after the fee's notes, as the lookup
            spans = self.pricer.catalogue.store(release).locality_zip_states()
            texts = [""] + [schedules.several_states_note(code, spans[code], names[state_of_locality[i] - 1] or "")
                            if len(spans.get(code, [])) > 1 and state_of_locality[i] else ""
                            for i, code in enumerate(pfs.localities)]  # fmt: skip
            ids = lines.texts.ids(texts)
            lines.add_note("schedule", mine[spanning], ids[position[spanning] + 1])
        # A state given beside a ZIP of another state: its fee, said (lookup.schedules.given_state_note, as the lookup).
        other_state = good & table.column("dmepos_ok")[found] & (given_of_row > 0) & (from_zip > 0)
        other_state &= (given_of_row != from_zip) & by_state_code[code_ids]
        if other_state.any():
            from rvucalc.lookup.pricer import parse_zip

            at = np.flatnonzero(other_state)
            zip_of = [parse_zip(lines.patient_zips[patient_cell[i]]) if patient_number[i]
                      else pfs.zips[zip_row[i]].as_py() for i in at.tolist()]  # fmt: skip
            texts = [schedules.given_state_note(state_names[given_of_row[i] - 1] or "", zip5,
                                                state_names[from_zip[i] - 1] or "")
                     for i, zip5 in zip(at.tolist(), zip_of, strict=True)]  # fmt: skip
            lines.add_note("schedule", mine[at], lines.texts.ids(texts))
        missing = table.column("missing")[found]
        counted = good & (missing != 0)
        if counted.any():  # the summary's count of rows without their schedule's amount for want of its file
            if lines.schedule_missing is None:
                lines.schedule_missing = np.zeros(lines.rows, dtype=np.int32)
            lines.schedule_missing[mine[counted]] = missing[counted]
        for name, attribute in (("clfs_amount", "clfs"), ("drug_amount", "drug"), ("dmepos_amount", "dmepos")):
            valid = table.column(f"{attribute}_ok")[found] & good
            lines.set_money(name, mine[valid], table.column(attribute)[found[valid]], True)
        return offices

    def _office(
        self,
        release: Release,
        item: _Resolved,
        date: str,
        state: str | None,
        units: int,
        rural: bool = False,
        status: str | None = None,
        esrd_facility: bool = False,
    ) -> Office:
        """The office terms of a code cell (``lookup.schedules.look_up``); ``status``: its PFS status (None: the PFS
        does not list it); ``esrd_facility``: a row at an ESRD facility (POS 65)."""
        from rvucalc.engine.modifiers import ModifierNotApplicable, check_denied, check_dmepos_listed, check_schedule

        other = None
        run = self._releases_in_force()
        try:
            other = schedules.look_up(
                run,  # type: ignore[arg-type]
                item.code, item.modifiers,
                year=release.year,
                date_of_service=run.day(date), units=units, state=state, rural=rural, pfs_status=status,
                unclassified=_unclassified(item),
                place_of_service=ESRD_FACILITY_POS if esrd_facility else None,
            )  # fmt: skip
            if item.outside:
                check_denied(item.code, item.modifiers)  # as the single lookup, a facility-only code's too
                for schedule, part in (("clfs", other.clfs), ("drug", other.drug), ("dmepos", other.dmepos)):
                    if part is not None:
                        check_schedule(item.code, list(item.modifiers), schedule)
            check_dmepos_listed(item.code, item.modifiers, other.dmepos is not None)  # the PFS left the line
        except ModifierNotApplicable as exc:
            # The single lookup's "not in the fee schedule" comes first (_outside_listed: its error if a facility
            # lists it); a refusal from the schedules' own lookup (KJ on a non-capped-rental item) has no ``other``.
            if item.outside and other is not None and not other.listed:
                return Office(refusal=str(bare_error(exc)), refusal_kind=exc.kind)
            return Office(error=bare_error(exc))
        except schedules.DmeposPlaceMissing as exc:  # the batch's columns, not the API's parameters
            return Office(error=UsageError(
                f"{exc.code} is paid from the DMEPOS fee schedule, which is set per state: fill the row's zip, "
                "locality or state column.", kind=ErrorKind.MISSING_INPUT,
            ))  # fmt: skip
        except RvucalcError as exc:
            return Office(error=bare_error(exc))
        payer = office_payer_other(other)
        line = {"clfs": other.clfs, "drug": other.drug, "dmepos": other.dmepos}.get(payer or "")
        total = beneficiary = None
        if line is not None and line.amount is not None and line.beneficiary is not None:
            total = money_cents(line.amount)
            beneficiary = money_cents(line.beneficiary)
            if payer != "clfs" and item.coinsurance != COINSURANCE_PERCENT * 100 and total is not None:
                beneficiary = percent_of(total, item.coinsurance)
        return Office(
            clfs=money_cents(other.clfs.amount) if other.clfs is not None else None,
            drug=money_cents(other.drug.amount) if other.drug is not None else None,
            dmepos=money_cents(other.dmepos.amount) if other.dmepos is not None else None,
            payer=payer, total=total, beneficiary=beneficiary, listed=other.listed,
            line_share=item.coinsurance if payer == "dmepos" else -1,
            unpaid="; ".join(other.unpaid_reasons()),
            notes=tuple(note for part in (other.clfs, other.drug, other.dmepos)
                        if part is not None and part.amount is not None for note in part.notes),
            missing=other.missing_file if payer is None else "",
            statement=schedules.statement_payer(other, item.code) if payer is None else None,
            datasets=listing(other),
            releases="; ".join(
                f"{name} {part}" for name, part in (
                    ("CLFS", other.clfs.quarter if other.clfs else None),
                    ("ASP", other.drug.quarter if other.drug else None),
                    ("DMEPOS", other.dmepos.release if other.dmepos else None),
                ) if part
            ),
        )  # fmt: skip

    def _outside_listed(
        self, lines: Lines, rows: np.ndarray, found: np.ndarray, terms: dict[str, np.ndarray],
        cells: CellView, offices: Offices,
    ) -> np.ndarray:  # fmt: skip
        """Rows whose code the PFS does not list: kept when a facility table or another schedule lists it,
        else failed with the single lookup's message. Returns the rows still priced."""
        import numpy as np

        from rvucalc.lookup.pricer import not_listed_message

        code_ids = lines.code[rows]
        outside = cells["outside"][code_ids]
        if not outside.any():
            return rows
        at = found[code_ids]
        # (Addendum EE's codes too: on CMS's ASC tables, excluded; lookup.pricer's unknown codes alike)
        facility_listed = (at >= 0) & (terms["opps_listed"][np.maximum(at, 0)] | terms["asc_listed"][np.maximum(at, 0)]
                                       | terms["asc_excluded"][np.maximum(at, 0)])  # fmt: skip
        listed = offices.column("listed")[rows]
        unlisted = np.flatnonzero(outside & ~facility_listed & ~listed)
        if unlisted.size:

            def message(c: int) -> str:
                item = cells.resolved(c)
                assert item.error is not None
                return not_listed_message(str(item.error), item.code)

            lines.fail(
                rows[unlisted], lines.texts.per_value(code_ids[unlisted], message), kind_id(ErrorKind.UNKNOWN_CODE)
            )
        keep = np.ones(len(rows), dtype=bool)
        keep[unlisted] = False
        # Listed by a facility table alone, with a DMEPOS modifier: refused as the single lookup refuses it.
        refusal = offices.column("refusal")[rows]
        refused = np.flatnonzero(outside & keep & (refusal != 0))
        if refused.size:
            lines.fail(rows[refused], refusal[refused], offices.column("kind")[rows][refused])
            keep[refused] = False
        return rows[keep]

    @staticmethod
    def _schedule_office(lines: Lines, rows: np.ndarray, offices: Offices) -> None:
        """The office site of rows paid from the CLFS, ASP or DMEPOS schedule (drugs: already x units)."""
        import numpy as np

        mine = rows[offices.index[rows] >= 0]
        if not mine.size:
            return
        table = offices.table
        of_row = offices.index[mine]
        paid = table.column("paid")
        total = table.column("total")[of_row]
        beneficiary = table.column("beneficiary")[of_row]
        units = np.where(table.column("drug_paid")[of_row], 1, lines.units[mine])
        line_share = table.column("line_share")[of_row]
        # the PFS release, then the schedules' files used
        texts = lines.texts
        base = len(texts.values)
        pairs, pair_of_row = np.unique(
            lines.release[mine].astype(np.int64) * base + table.column("releases")[of_row], return_inverse=True
        )
        releases = texts.ids(
            "; ".join(filter(None, (texts.values[pair // base], texts.values[pair % base]))) for pair in pairs.tolist()
        )
        lines.release[mine] = releases[pair_of_row.reshape(-1)]
        paid = paid[of_row]
        at, total, beneficiary, units = mine[paid], total[paid], beneficiary[paid], units[paid]
        line_share = line_share[paid]
        # DMEPOS: the patient's share of the whole line (engine.facility.with_line_share); CLFS none; drugs the line's.
        line = total * units
        beneficiary = np.where(line_share >= 0, percent_of(line, np.maximum(line_share, 0)), beneficiary * units)
        lines.set_money("office_allowed", at, line, True)
        lines.set_money("office_beneficiary", at, beneficiary, True)
        lines.set_money("office_medicare", at, line - beneficiary, True)
        # A lab test the CLFS pays, or a drug the ASP file prices, at a place with no facility payment priced (an
        # inpatient hospital, a SNF ...): no CLFS or ASP payment there, and why (engine.facility.LAB_AT_FACILITY_REASON,
        # DRUG_AT_FACILITY_REASON; the single lookup's facility site).
        for payer, reason in (("clfs", LAB_AT_FACILITY_REASON), ("drug", DRUG_AT_FACILITY_REASON),
                              ("dmepos", DMEPOS_AT_FACILITY_REASON)):  # fmt: skip
            mark = texts.id(paid_from_note(payer))
            there = at[(lines.site[at] == FACILITY_PROFESSIONAL) & (table.column("paid_from")[of_row[paid]] == mark)]
            there = there[~lines.valid["pfs_non_facility_amount"][there] & ~lines.valid["pfs_facility_amount"][there]]
            if there.size:
                lines.add_note("site_reason", there, texts.id(reason))
        # A lab test whose year's CLFS file is not installed (lookup.schedules.clfs_file_missing) there: the same
        # reason, the place's rule known without the test's amount (the single lookup's facility site).
        missing = table.column("missing")[of_row]
        labs = [value for value in np.unique(missing).tolist() if schedules.clfs_file_missing(texts.values[value])]
        if labs:
            there = mine[~paid & np.isin(missing, labs) & (lines.site[mine] == FACILITY_PROFESSIONAL)]
            there = there[~lines.valid["pfs_non_facility_amount"][there] & ~lines.valid["pfs_facility_amount"][there]]
            if there.size:
                lines.add_note("site_reason", there, texts.id(LAB_AT_FACILITY_REASON))

    @staticmethod
    def _superseded_line_notes(lines: Lines, rows: np.ndarray, schedule_notes: np.ndarray) -> None:
        """Take out of these rows' line notes what their schedule notes (text ids, per row) say instead
        (``lookup.lines.dmepos_superseded_notes``: a DMEPOS-priced line's KX, CG and KS, as the single lookup). Per row,
        not per code cell: the cell's modifier notes are the code's and modifiers' (99213-KX keeps its generic KX
        note), and a DMEPOS item is priced or not by its state and date."""
        import numpy as np

        from rvucalc.engine.modifiers import DMEPOS_CG_NOTE, DMEPOS_KS_NOTE, DMEPOS_KX_NOTE
        from rvucalc.lookup.lines import dmepos_superseded_notes

        texts = lines.texts
        # a quick test: most partitions have none. Each text's flags read at the rows' ids apart: the writer's thread
        # adds texts to the run's table meanwhile, so two calls' arrays may differ in length (a trial's 251,937-row
        # file stopped on "operands could not be broadcast together with shapes (45749,) (45771,)")
        noted = (texts.containing(DMEPOS_KX_NOTE)[schedule_notes] | texts.containing(DMEPOS_CG_NOTE)[schedule_notes]
                 | texts.containing(DMEPOS_KS_NOTE)[schedule_notes])  # fmt: skip
        if not noted.any():
            return
        for note in np.unique(schedule_notes[noted]).tolist():
            said = [piece for part in texts.parts[note] for piece in part.split("; ")]
            superseded = dmepos_superseded_notes(said)
            if not superseded:
                continue
            lines.without_superseded("line", rows[noted & (schedule_notes == note)], superseded)  # KX's, CG's, KS's

    def _code_flags(self, lines: Lines, positions: np.ndarray) -> np.ndarray:
        """Per code (position in ``lines.codes``) of ``positions``: what ``_other_schedules`` asks of its code
        (_FACILITY_DRUG, _J_CODE, _BY_STATE, _BY_UNITS, _ESRD_NOTED bits), worked out once a run per code (the run's
        code numbers, ``CodeCells``): a partition's distinct codes, each tested again, were ~0.7% of a realistic run."""
        import numpy as np

        run_cells = lines.run_cells
        if run_cells is None:
            return self._flags_of([lines.codes[c].code for c in positions.tolist()])
        kept = self._code_flags_kept
        flags = kept[1] if kept is not None and kept[0]() is run_cells else np.full(0, -1, dtype=np.int8)
        numbers = lines.code_number[positions]
        size = int(numbers.max(initial=-1)) + 1
        if size > len(flags):
            flags = np.concatenate([flags, np.full(max(size, 2 * len(flags)) - len(flags), -1, dtype=np.int8)])
        new = np.flatnonzero(flags[numbers] < 0)
        if new.size:
            flags[numbers[new]] = self._flags_of([lines.codes[c].code for c in positions[new].tolist()])
        # A weak reference: the cells a large run forgets (BatchPricer._forget_if_large) are not kept for this
        self._code_flags_kept = (weakref.ref(run_cells), flags)
        found: np.ndarray = flags[numbers]
        return found

    def _flags_of(self, codes: list[str]) -> np.ndarray:
        """``_code_flags`` of these codes."""
        import numpy as np

        drugs, by_state = self._facility_drugs(), self._schedule_codes("dmepos")
        # (and a specimen collection fee's: its note speaks of its units, engine.duplicates.collection_units_note; a
        # drug test's too, engine.schedules.drug_test_units_note)
        by_units = self._schedule_codes("asp") | SPECIMEN_COLLECTION_CODES | DRUG_TEST_KINDS.keys()
        # (a drug's or a lab test's note says the ESRD PPS bundle at POS 65: its ESRD place is its context)
        esrd_noted = self._schedule_codes("asp") | self._schedule_codes("clfs")
        return np.array([(code in drugs) * _FACILITY_DRUG | (code[:1] == "J") * _J_CODE
                         | (code in by_state) * _BY_STATE | (code in by_units) * _BY_UNITS
                         | (code in esrd_noted) * _ESRD_NOTED for code in codes],
                        dtype=np.int8)  # fmt: skip

    def _schedule_codes(self, only: str | None = None) -> set[str]:
        """Every code any installed CLFS, ASP or DMEPOS release lists (or only ``only``'s)."""
        if self._listed is None:
            listed: dict[str, set[str]] = {}  # published whole: a reader never sees it half filled
            for dataset in ("clfs", "asp", "dmepos"):
                codes: set[str] = set()
                for other in self.pricer.catalogue.releases(dataset):
                    codes.update(self.pricer.catalogue.store(other).columns(dataset, ["hcpcs"])["hcpcs"])
                listed[dataset] = codes
            self._listed = listed
        if only is not None:
            return self._listed[only]
        return set().union(*self._listed.values())

    def _schedule_warnings(self, year: int, date: str, datasets: tuple[str, ...], lines: Lines) -> int:
        """The note for a line's schedules on its date: each listing dataset's quarter-not-installed warning."""
        key = (year, date, datasets)
        if key not in self._warnings:
            run = self._releases_in_force()
            day = run.day(date)
            found: list[str] = []
            for dataset in datasets:
                release, warnings = run.in_force(dataset, year, day)
                found += row_warnings(warnings) if release is not None else []  # a release's own: once a run
            self._warnings[key] = "; ".join(dict.fromkeys(found))
        return lines.texts.id(self._warnings[key])

    def _all_schedule_codes(self) -> set[str]:
        if self._every_listed is None:
            self._every_listed = self._schedule_codes()
        return self._every_listed

    def _facility_drugs(self) -> set[str]:
        """The codes any installed OPPS Addendum B or ASC Addendum BB marks a separately paid drug (SI G, K, K1; PI
        K2), C codes aside (``lookup.schedules.drug_listing``): the lines the ASP file used may not list, whose
        office is then said not priced, never the PFS status's "not payable". Once a run."""
        if self._drugs is None:
            from rvucalc.engine.facility_meanings import ASC_DRUG_PI, OPPS_DRUG_SI

            catalogue = self.pricer.catalogue
            found: set[str] = set()
            for dataset, table, column, marks in (("opps", "opps", "si", OPPS_DRUG_SI),
                                                  ("asc", "asc_bb", "pi", ASC_DRUG_PI)):  # fmt: skip
                for release in catalogue.releases(dataset):
                    data = catalogue.store(release).columns(table, ["hcpcs", column])
                    found.update(code for code, mark in zip(data["hcpcs"], data[column], strict=True)
                                 if mark in marks and code[:1] != "C")  # fmt: skip
            self._drugs = found
        return self._drugs

    @staticmethod
    def _pfs_status(item: _Resolved, pfs: _PfsArrays) -> str | None:
        """A resolved code cell's PFS status (None: the PFS does not list it), as ``look_up`` is given it."""
        return str(pfs.status[item.row]) if item.row >= 0 and not item.outside else None

    def _excluded_drug(self, item: _Resolved, pfs: _PfsArrays) -> bool:
        """Whether a resolved code cell is a J code the PFS excludes (``lookup.schedules.excluded_drug``)."""
        return schedules.excluded_drug(item.code, self._pfs_status(item, pfs), _unclassified(item)) is not None

    def _asp_codes_of(self, release: str) -> set[str]:
        """The codes an installed ASP release lists ('': the year has none installed, the newest release's, which
        ``lookup.schedules.look_up`` reads then to say the year's file is not installed)."""
        if release not in self._asp_codes:
            installed = self.pricer.catalogue.releases("asp")
            chosen = installed[-1:] if release == "" else [r for r in installed if r.release == release]
            self._asp_codes[release] = (
                set(self.pricer.catalogue.store(chosen[0]).columns("asp", ["hcpcs"])["hcpcs"]) if chosen else set()
            )
        return self._asp_codes[release]

    def _drug_quarter(self, year: int, date: str) -> tuple[str, ...]:
        """``_schedule_quarter`` with what the terms of a drug the ASP file used does not list also depend on: the
        OPPS and ASC releases in force (``lookup.schedules.drug_listing``) and the date's ASP quarter."""
        run = self._releases_in_force()
        key = (year, date)
        if key not in run.drug_quarters:
            day = run.day(date)
            facility = []
            for dataset in ("opps", "asc"):
                chosen, _ = run.in_force(dataset, year, day)
                facility.append(chosen.release if chosen else "")
            quarter = schedules.asp_quarter(day) if day is not None and day.year == year else ""
            run.drug_quarters[key] = (*self._schedule_quarter(year, date), *facility, quarter)
        return run.drug_quarters[key]

    def _terms_quarter(self, quarter: tuple[str, ...], code: str) -> tuple[str, ...]:
        """A line's context (``_schedule_quarter``, ``_drug_quarter``) as its code's terms see it: the CLFS, ASP or
        DMEPOS release in force matters only to a code some installed release of that schedule lists (or, on the
        ASP, a vaccine or a drug ``lookup.schedules.look_up`` says the file used omits), so a lab's terms are the
        same whichever ASP and DMEPOS releases are in force (a run looked each DME code up once per CLFS quarter).
        A year with no release installed ('') stays: its terms say so."""
        names = list(quarter)
        for at, dataset in enumerate(("clfs", "asp", "dmepos")):
            if not names[at] or code in self._schedule_codes(dataset):
                continue
            if dataset == "asp" and (is_vaccine_product(code) or code[:1] == "J" or code in self._facility_drugs()):
                continue
            names[at] = "(lists none of it)"
        return tuple(names)

    def _schedule_quarter(self, year: int, date: str) -> tuple[str, ...]:
        """What a line's CLFS, ASP and DMEPOS terms depend on besides the line: the releases in force on its date,
        and the date itself while it is before a CLFS row's effective date in the release in force (a lab row
        is not payable before its EFF_DATE: ``lookup.schedules``): the lines of the dates after share terms."""
        key = (year, date)
        if key not in self._schedule_quarters:
            run = self._releases_in_force()
            day = run.day(date)
            names = []
            for dataset in ("clfs", "asp", "dmepos"):
                chosen, _ = run.in_force(dataset, year, day)
                names.append(chosen.release if chosen else "")
            latest = self._latest_effective(names[0]) if names[0] else None
            self._schedule_quarters[key] = (*names, date if day is not None and latest and day < latest else "")
        return self._schedule_quarters[key]

    def _latest_effective(self, clfs: str) -> dt.date | None:
        """The latest EFF_DATE of a CLFS release's rows (per release, once)."""
        if clfs not in self._clfs_effective:
            release = next(r for r in self.pricer.catalogue.releases("clfs") if r.release == clfs)
            dates = [d for d in self.pricer.catalogue.store(release).columns("clfs", ["eff_date"])["eff_date"] if d]
            self._clfs_effective[clfs] = dt.date.fromisoformat(max(dates)) if dates else None
        return self._clfs_effective[clfs]

    def _place_states(self, release: Release, pfs: _PfsArrays) -> tuple[list[str | None], np.ndarray, np.ndarray]:
        """The release's states, then per locality position (and one more, national: 0) and per ZIP row its
        state's number in them (1-based; 0: none): a locality's state in CMS's locality file, a ZIP's in its ZIP5
        file (Arlington VA's ZIPs are in locality 1220201, whose state is DC). Once per release."""
        import numpy as np

        if release.release not in self._states:
            store = self.pricer.catalogue.store(release)
            by_code = {row["locality"]: row["state"] for row in store.localities()}
            of_locality = [by_code.get(code) for code in pfs.localities]
            from rvucalc.reference.store import usps_state

            # Per state of the ZIP5 file, not per ZIP (zip_states: in the order the ZIPs first name them).
            written, state_of_zip = self.zip_states(pfs)
            of_zip = [None if state is None else usps_state(state) for state in written]
            names = list(dict.fromkeys(state for state in [*of_locality, *of_zip] if state))
            number = {state: i + 1 for i, state in enumerate(names)}
            self._states[release.release] = (
                names,
                np.array([number.get(state or "", 0) for state in of_locality] + [0], dtype=np.int64),
                np.array([number.get(state or "", 0) for state in of_zip], dtype=np.int64)[state_of_zip],
            )
        return self._states[release.release]

    def zip_states(self, pfs: _PfsArrays) -> tuple[list[str | None], np.ndarray]:
        """The states of the release's ZIP5 file as it writes them (None: a ZIP the file does not list), and per ZIP
        of ``pfs.zips`` its state's position in them: read once per release for the DME lines' states
        (``_place_states``) and Maryland's hospitals (``BatchPricer._maryland_rows``); a position per ZIP, not a
        text (a ten-million-line run has little memory to spare)."""
        import numpy as np

        if pfs.zip_states is None:
            data = self.pricer.catalogue.store(pfs.reference.release).columns("zip", ["zip", "state"], order_by="zip")
            zips = strings_of(pfs.zips)
            states: list[str | None] = data["state"]
            if data["zip"] != zips:  # the release's ZIPs are the file's, in its order (batch.reference.pfs_reference)
                state_of = dict(zip(data["zip"], data["state"], strict=True))
                states = [state_of.get(zip5) for zip5 in zips]
            number: dict[str | None, int] = {}
            positions = np.array([number.setdefault(state, len(number)) for state in states], dtype=np.int32)
            pfs.zip_states = (list(number), positions)
        return pfs.zip_states

    def _patient_zip_states(
        self, release: Release, zips: list[str]
    ) -> tuple[list[str | None], list[RvucalcError | None]]:
        """Per distinct patient ZIP cell, its state in the release's ZIP5 file (None: blank, or the error), and the
        error of a cell that is no ZIP or none of the file's (``lookup.pricer.parse_zip``'s words: a spreadsheet's
        7001 for 07001 is said, never guessed)."""
        from rvucalc.errors import NotFoundError
        from rvucalc.lookup.pricer import parse_zip
        from rvucalc.reference.store import usps_state

        store = self.pricer.catalogue.store(release)
        if release.release not in self._zip_states:
            data = store.columns("zip", ["zip", "state"])
            self._zip_states[release.release] = {
                zip5: usps_state(state) for zip5, state in zip(data["zip"], data["state"], strict=True)
            }
        zip_state = self._zip_states[release.release]
        states: list[str | None] = []
        errors: list[RvucalcError | None] = []
        for text in zips:
            state, error = None, None
            if text:
                try:
                    zip5 = parse_zip(text)
                    state = zip_state.get(zip5)
                    if state is None:
                        near = store.zips_near(zip5)
                        raise NotFoundError(
                            f"ZIP {zip5} is not in CMS's ZIP5 file ({store.release.file('zip5').cms_name})"
                            + (f"; ZIPs nearby in the file: {', '.join(near)}." if near else "."),
                            kind=ErrorKind.UNKNOWN_ZIP,
                        )
                except RvucalcError as exc:
                    error = type(exc)(
                        f"The patient's ZIP (a DME item's DMEPOS fee is its state's): {exc} Fix it, or give the "
                        "patient's state in a state column.",
                        kind=exc.kind,
                    )
            states.append(state)
            errors.append(error)
        return states, errors


def listing(other: Any) -> tuple[str, ...]:
    """The datasets (clfs, asp, dmepos) whose files list a line."""
    parts = (("clfs", other.clfs), ("asp", other.drug), ("dmepos", other.dmepos))
    return tuple(name for name, part in parts if part is not None)


def office_payer_other(other: Any) -> str | None:
    """The schedule among the CLFS, ASP and DMEPOS that pays a line the PFS does not (as ``office_payer``)."""
    for name, part in (("clfs", other.clfs), ("drug", other.drug), ("dmepos", other.dmepos)):
        if part is not None and part.payable:
            return name
    return None


def _unclassified(item: _Resolved) -> bool:
    """Whether a resolved code cell has an office reason of its own (``lookup.pricer.unclassified_line``: its
    _Row's)."""
    return bool(item.shared is not None and item.shared.unclassified)
