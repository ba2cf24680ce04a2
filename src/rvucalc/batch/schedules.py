"""Batch lines paid outside the PFS: the CLFS, ASP and DMEPOS terms of each distinct line, from the single
lookup's own ``lookup.schedules.look_up`` (once per code cell, releases in force, state and units), the office
site of the lines those schedules pay, and the codes no installed schedule lists."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rvucalc.batch.lines import Lines, kind_id
from rvucalc.batch.lookups import RememberingCatalogue, bare_error, money_cents
from rvucalc.engine.kernels import COINSURANCE_PERCENT, percent_of
from rvucalc.errors import ErrorKind, RvucalcError
from rvucalc.lookup import schedules
from rvucalc.lookup.dates import parse_service_date
from rvucalc.reference.releases import Release

if TYPE_CHECKING:
    import numpy as np

    from rvucalc.batch.cells import CellView
    from rvucalc.batch.price import _PfsArrays, _Resolved
    from rvucalc.lookup.pricer import Pricer
    from rvucalc.reference.store import Store


@dataclass
class Offices:
    """A partition's rows' office terms from the other schedules: ``index`` (per row; -1: none) into ``items``."""

    index: np.ndarray
    items: list[Office]


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


class ScheduleTerms:
    """The part of ``BatchPricer`` that prices lines from the other schedules (its caches live there)."""

    pricer: Pricer
    _offices: dict[tuple[Any, ...], Office]
    _listed: dict[str, set[str]] | None
    _every_listed: set[str] | None
    _warnings: dict[tuple[int, str, tuple[str, ...]], str]
    _schedule_quarters: dict[tuple[int, str], tuple[str, ...]]
    _states: dict[str, list[str | None]]

    def _lookups(self, store: Store) -> Store:  # BatchPricer's: the store with its per-code answers remembered
        raise NotImplementedError

    def _other_schedules(
        self, release: Release, pfs: _PfsArrays, lines: Lines, rows: np.ndarray, place: np.ndarray,
        cells: CellView,
    ) -> Offices:  # fmt: skip
        """The CLFS, ASP and DMEPOS terms of rows whose code those files list (``lookup.schedules.look_up``,
        once per distinct code cell, releases in force, state and units). Returns each row's office terms."""
        import numpy as np

        offices = Offices(np.full(lines.rows, -1, dtype=np.int32), [])
        candidate = cells["other_schedules"][lines.code[rows]]
        mine, position = rows[candidate], place[candidate]
        if not mine.size:
            return offices
        by_state, by_units = self._schedule_codes("dmepos"), self._schedule_codes("asp")
        dates = [date for _, date in lines.whens]
        code_ids, whens = lines.code[mine], lines.when[mine]
        # The state matters only to DMEPOS codes, the units only to drugs (other lines: x units later).
        quarters: dict[tuple[str, ...], int] = {}
        quarter_of_when = np.zeros(len(dates), dtype=np.int64)
        for when in np.unique(whens).tolist():
            quarter_of_when[when] = quarters.setdefault(
                self._schedule_quarter(release.year, dates[when]), len(quarters)
            )
        by_state_code = np.zeros(len(lines.codes), dtype=bool)
        by_units_code = np.zeros(len(lines.codes), dtype=bool)
        for c in np.unique(code_ids).tolist():
            code = lines.codes[c].code
            by_state_code[c], by_units_code[c] = code in by_state, code in by_units
        # A state column's state, else the locality's (as the single lookup's ``state or location.state``).
        states = self._locality_states(release, pfs)
        state_names = list(dict.fromkeys([*states, *(given for given in lines.states if given)]))
        state_of_place = np.array([state_names.index(state) + 1 for state in states] + [0], dtype=np.int64)
        state = state_of_place[position]  # position -1 (national): 0, none
        if lines.state is not None and any(lines.states):
            given = np.array([state_names.index(s) + 1 if s else 0 for s in lines.states], dtype=np.int64)
            given_of_row = given[lines.state[mine]]
            state = np.where(given_of_row > 0, given_of_row, state)
        state = np.where(by_state_code[code_ids], state, 0)
        units = np.where(by_units_code[code_ids], lines.units[mine], 1)
        key = (code_ids.astype(np.int64) * len(quarters) + quarter_of_when[whens]) * (len(state_names) + 1) + state
        _, first, key_of_row = np.unique(key * (int(units.max()) + 1) + units, return_index=True,
                                            return_inverse=True)  # fmt: skip
        key_of_row = key_of_row.reshape(-1)
        terms = []
        for row in first.tolist():
            c, when = int(code_ids[row]), int(whens[row])
            item = cells.resolved(c)
            named = state_names[state[row] - 1] if state[row] else None
            # Informational modifiers choose no CLFS, ASP or DMEPOS row (tests/test_batch_cells.py): the cells of a
            # code and its paying modifiers share their terms, unless a waiver changes the patient's share.
            cache_key = (release.release, item.code, lines.codes[c].paying, item.coinsurance, item.outside,
                         self._schedule_quarter(release.year, dates[when]), named, int(units[row]))  # fmt: skip
            office = self._offices.get(cache_key)
            if office is None:
                office = self._offices[cache_key] = self._office(release, item, dates[when], named,
                                                                 int(units[row]))  # fmt: skip
            terms.append(office)
        failed = np.array([office.error is not None for office in terms], dtype=bool)
        if failed.any():
            errors = lines.texts.ids(str(o.error) if o.error is not None else "" for o in terms)
            kinds = np.array([kind_id(o.error.kind) if o.error is not None else 0 for o in terms], dtype=np.int8)
            lines.fail(mine, errors[key_of_row], kinds[key_of_row])
        good = ~failed[key_of_row]
        offices.index[mine[good]] = key_of_row[good]
        offices.items = terms
        # Each listing schedule's quarter-not-installed warning on the row's date.
        datasets = [office.datasets for office in terms]
        kinds_of_datasets = list(dict.fromkeys(datasets))
        datasets_of_key = np.array([kinds_of_datasets.index(d) for d in datasets], dtype=np.int64)
        pairs, pair_of_row = np.unique(datasets_of_key[key_of_row] * len(dates) + whens, return_inverse=True)
        notes = np.array([self._schedule_warnings(release.year, dates[pair % len(dates)],
                                                  kinds_of_datasets[pair // len(dates)], lines)
                          for pair in pairs.tolist()], dtype=np.int32)[pair_of_row.reshape(-1)]  # fmt: skip
        lines.add_note("schedules", mine[good], notes[good])
        for name, attribute in (("clfs_amount", "clfs"), ("drug_amount", "drug"), ("dmepos_amount", "dmepos")):
            values = [getattr(office, attribute) for office in terms]
            cents = np.array([value or 0 for value in values], dtype=np.int64)[key_of_row]
            valid = np.array([value is not None for value in values], dtype=bool)[key_of_row] & good
            lines.set_money(name, mine[valid], cents[valid], True)
        return offices

    def _office(self, release: Release, item: _Resolved, date: str, state: str | None, units: int) -> Office:
        from rvucalc.engine.modifiers import check_schedule

        try:
            other = schedules.look_up(
                RememberingCatalogue(self.pricer.catalogue, self._lookups),  # type: ignore[arg-type]
                item.code, item.modifiers,
                year=release.year,
                date_of_service=parse_service_date(date), units=units, state=state, rural=False,
            )  # fmt: skip
            if item.outside:
                for schedule, part in (("clfs", other.clfs), ("drug", other.drug), ("dmepos", other.dmepos)):
                    if part is not None:
                        check_schedule(item.code, list(item.modifiers), schedule)
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
            unpaid="; ".join(other.unpaid_reasons()),
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
        facility_listed = (at >= 0) & (terms["opps_listed"][np.maximum(at, 0)] | terms["asc_listed"][np.maximum(at, 0)])
        listed = np.array([office.listed for office in offices.items] + [False], dtype=bool)[offices.index[rows]]
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
        return rows[keep]

    @staticmethod
    def _schedule_office(lines: Lines, rows: np.ndarray, offices: Offices) -> None:
        """The office site of rows paid from the CLFS, ASP or DMEPOS schedule (drugs: already x units)."""
        import numpy as np

        mine = rows[offices.index[rows] >= 0]
        if not mine.size:
            return
        terms = offices.items
        of_row = offices.index[mine]
        paid = np.array([o.payer is not None and o.total is not None and o.beneficiary is not None for o in terms])
        total = np.array([o.total or 0 for o in terms], dtype=np.int64)[of_row]
        beneficiary = np.array([o.beneficiary or 0 for o in terms], dtype=np.int64)[of_row]
        units = np.where(np.array([o.payer == "drug" for o in terms], dtype=bool)[of_row], 1, lines.units[mine])
        # the PFS release, then the schedules' files used
        pairs, pair_of_row = np.unique(lines.release[mine].astype(np.int64) * len(terms) + of_row, return_inverse=True)
        releases = lines.texts.ids(
            "; ".join(filter(None, (lines.texts.values[pair // len(terms)], terms[pair % len(terms)].releases)))
            for pair in pairs.tolist()
        )
        lines.release[mine] = releases[pair_of_row.reshape(-1)]
        paid = paid[of_row]
        at, total, beneficiary, units = mine[paid], total[paid], beneficiary[paid], units[paid]
        lines.set_money("office_allowed", at, total * units, True)
        lines.set_money("office_beneficiary", at, beneficiary * units, True)
        lines.set_money("office_medicare", at, (total - beneficiary) * units, True)

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
            day = parse_service_date(date)
            found: list[str] = []
            for dataset in datasets:
                release, warnings = self.pricer.catalogue.in_force(dataset, year, day)
                found += warnings if release is not None else []
            self._warnings[key] = "; ".join(dict.fromkeys(found))
        return lines.texts.id(self._warnings[key])

    def _all_schedule_codes(self) -> set[str]:
        if self._every_listed is None:
            self._every_listed = self._schedule_codes()
        return self._every_listed

    def _schedule_quarter(self, year: int, date: str) -> tuple[str, ...]:
        key = (year, date)
        if key not in self._schedule_quarters:
            day = parse_service_date(date)
            names = []
            for dataset in ("clfs", "asp", "dmepos"):
                chosen, _ = self.pricer.catalogue.in_force(dataset, year, day)
                names.append(chosen.release if chosen else "")
            self._schedule_quarters[key] = (*names, date if not date else "")
        return self._schedule_quarters[key]

    def _locality_states(self, release: Release, pfs: _PfsArrays) -> list[str | None]:
        if release.release not in self._states:
            store = self.pricer.catalogue.store(release)
            by_code = {row["locality"]: row["state"] for row in store.localities()}
            self._states[release.release] = [by_code.get(code) for code in pfs.localities]
        return self._states[release.release]


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
