"""Batch lines paid outside the PFS: the CLFS, ASP and DMEPOS terms of each distinct line, from the single
lookup's own ``lookup.schedules.look_up`` (once per code cell, releases in force, state and units), the office
site of the lines those schedules pay, and the codes no installed schedule lists."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rvucalc.batch.lines import Lines, kind_id
from rvucalc.batch.lookups import bare_error, money_cents
from rvucalc.engine.kernels import COINSURANCE_PERCENT, percent_of
from rvucalc.errors import ErrorKind, RvucalcError
from rvucalc.lookup import schedules
from rvucalc.lookup.dates import parse_service_date
from rvucalc.reference.releases import Release

if TYPE_CHECKING:
    import numpy as np

    from rvucalc.batch.price import _PfsArrays, _Resolved
    from rvucalc.lookup.pricer import Pricer


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


class ScheduleTerms:
    """The part of ``BatchPricer`` that prices lines from the other schedules (its caches live there)."""

    pricer: Pricer
    _offices: dict[tuple[Any, ...], Office]
    _listed: dict[str, set[str]] | None
    _every_listed: set[str] | None
    _warnings: dict[tuple[int, str, tuple[str, ...]], str]
    _schedule_quarters: dict[tuple[int, str], tuple[str, ...]]
    _states: dict[str, list[str | None]]

    def _other_schedules(
        self, release: Release, pfs: _PfsArrays, lines: Lines, rows: np.ndarray, place: np.ndarray,
        resolved: dict[int, _Resolved],
    ) -> dict[int, Office]:  # fmt: skip
        """The CLFS, ASP and DMEPOS terms of rows whose code those files list (``lookup.schedules.look_up``,
        once per distinct code cell, releases in force, state and units). Returns row -> office terms."""
        import numpy as np

        listed = self._all_schedule_codes()
        candidates = [c for c, item in resolved.items() if item.outside or (item.code in listed and not item.pfs_pays)]
        offices: dict[int, Office] = {}
        if not candidates:
            return offices
        mine = rows[np.isin(lines.code[rows], candidates)]
        by_state, by_units = self._schedule_codes("dmepos"), self._schedule_codes("asp")
        dates = [date for _, date in lines.whens]
        states = self._locality_states(release, pfs)
        place_of = dict(zip(rows.tolist(), place.tolist(), strict=True))
        errors = np.zeros(len(mine), dtype=np.int32)
        kinds = np.zeros(len(mine), dtype=np.int8)
        notes = np.zeros(len(mine), dtype=np.int32)
        money = {name: (np.zeros(len(mine), dtype=np.int64), np.zeros(len(mine), dtype=bool))
                 for name in ("clfs_amount", "drug_amount", "dmepos_amount")}  # fmt: skip
        for index, (row, code_id, when) in enumerate(
            zip(mine.tolist(), lines.code[mine].tolist(), lines.when[mine].tolist(), strict=True)
        ):
            date, position = dates[when], place_of[row]
            code = resolved[code_id].code
            # The state matters only to DMEPOS codes, the units only to drugs (other lines: x units later).
            key = (release.release, lines.codes[code_id].text, lines.codes[code_id].modifier_text,
                   self._schedule_quarter(release.year, date),
                   (states[position] if position >= 0 else None) if code in by_state else None,
                   int(lines.units[row]) if code in by_units else 1)  # fmt: skip
            if key not in self._offices:
                self._offices[key] = self._office(release, resolved[code_id], date, key[4], key[5])
            office = self._offices[key]
            if office.error is not None:
                errors[index], kinds[index] = lines.texts.id(str(office.error)), kind_id(office.error.kind)
                continue
            offices[row] = office
            notes[index] = self._schedule_warnings(release.year, date, office.datasets, lines)
            for name, cents in (("clfs_amount", office.clfs), ("drug_amount", office.drug),
                                ("dmepos_amount", office.dmepos)):  # fmt: skip
                if cents is not None:
                    money[name][0][index], money[name][1][index] = cents, True
        lines.fail(mine, errors, kinds)
        lines.add_note("schedules", mine, notes)
        for name, (amounts, valid) in money.items():
            lines.set_money(name, mine[valid], amounts[valid], True)
        return offices

    def _office(self, release: Release, item: _Resolved, date: str, state: str | None, units: int) -> Office:
        from rvucalc.engine.modifiers import check_schedule

        try:
            other = schedules.look_up(
                self.pricer.catalogue, item.code, item.modifiers, year=release.year,
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
        resolved: dict[int, _Resolved], offices: dict[int, Office],
    ) -> np.ndarray:  # fmt: skip
        """Rows whose code the PFS does not list: kept when a facility table or another schedule lists it,
        else failed with the single lookup's message. Returns the rows still priced."""
        import numpy as np

        from rvucalc.lookup.pricer import not_listed_message

        code_ids = lines.code[rows]
        outside_code = np.zeros(len(lines.codes), dtype=bool)
        outside_code[[c for c, item in resolved.items() if item.outside]] = True
        outside = outside_code[code_ids]
        if not outside.any():
            return rows
        at = found[code_ids]
        facility_listed = (at >= 0) & (terms["opps_listed"][np.maximum(at, 0)] | terms["asc_listed"][np.maximum(at, 0)])
        keep = np.ones(len(rows), dtype=bool)
        errors = np.zeros(len(rows), dtype=np.int32)
        for index in np.flatnonzero(outside & ~facility_listed).tolist():
            row = int(rows[index])
            office = offices.get(row)
            if office is not None and office.listed:
                continue
            item = resolved[int(code_ids[index])]
            assert item.error is not None
            errors[index] = lines.texts.id(not_listed_message(str(item.error), item.code))
            keep[index] = False
        lines.fail(rows, errors, kind_id(ErrorKind.UNKNOWN_CODE))
        return rows[keep]

    @staticmethod
    def _schedule_office(
        lines: Lines, rows: np.ndarray, resolved: dict[int, _Resolved], offices: dict[int, Office]
    ) -> None:
        """The office site of rows paid from the CLFS, ASP or DMEPOS schedule (drugs: already x units)."""
        import numpy as np

        mine = [row for row in rows.tolist() if row in offices]
        if not mine:
            return
        terms = [offices[row] for row in mine]
        at = np.array(mine, dtype=np.int64)
        paid = np.array([o.payer is not None and o.total is not None and o.beneficiary is not None for o in terms])
        total = np.array([o.total or 0 for o in terms], dtype=np.int64)
        beneficiary = np.array([o.beneficiary or 0 for o in terms], dtype=np.int64)
        units = np.where(np.array([o.payer == "drug" for o in terms], dtype=bool), 1, lines.units[at])
        releases = lines.texts.ids(
            "; ".join(filter(None, (lines.texts.values[lines.release[row]], office.releases)))
            for row, office in zip(mine, terms, strict=True)
        )
        lines.release[at] = releases  # the PFS release, then the schedules' files used
        at, total, beneficiary, units = at[paid], total[paid], beneficiary[paid], units[paid]
        lines.set_money("office_allowed", at, total * units, True)
        lines.set_money("office_beneficiary", at, beneficiary * units, True)
        lines.set_money("office_medicare", at, (total - beneficiary) * units, True)

    def _schedule_codes(self, only: str | None = None) -> set[str]:
        """Every code any installed CLFS, ASP or DMEPOS release lists (or only ``only``'s)."""
        if self._listed is None:
            self._listed = {}
            for dataset in ("clfs", "asp", "dmepos"):
                codes: set[str] = set()
                for other in self.pricer.catalogue.releases(dataset):
                    codes.update(self.pricer.catalogue.store(other).columns(dataset, ["hcpcs"])["hcpcs"])
                self._listed[dataset] = codes
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
