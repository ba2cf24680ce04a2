"""What batch remembers between distinct values: a store's per-code answers, and errors fit to cache."""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rvucalc.errors import RvucalcError
    from rvucalc.reference.store import Store

# Per RVU file read whole (once a process): (hcpcs, modifier) -> [row's values, its dict once asked], and each
# code's modifiers. A row another release has word for word shares that release's entry (one copy in memory).
_RVU_TABLES: dict[str, tuple[dict[tuple[str, str], list[Any]], dict[str, list[str]], list[str]]] = {}
# Codes looked up one by one (a query each, ~35 us) before reading the release's whole RVU table (~0.1 s): a
# file of a few thousand lines never pays for the table. A partition that brings more new codes than that reads
# the table at once (``expect``); codes that come a few at a time read it after this many.
WHOLE_TABLE_AFTER = 3_000


class RememberingStore:
    """A store whose per-code look-ups (the ones ``resolve_line`` makes) are answered once per code."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.release = store.release
        self._answers: dict[tuple[str, tuple[Any, ...]], Any] = {}
        self._code_rows: dict[str, dict[str, dict[str, Any]]] = {}  # a code's rows by modifier, before the table
        self._tables: tuple[dict[tuple[str, str], list[Any]], dict[str, list[str]], list[str]] | None = None
        self._sorted_codes: list[str] | None = None
        self._capped: set[tuple[str, str]] | None = None
        self._bases: set[str] | None = None
        self._listed: set[str] | None = None  # the codes a CLFS, ASP or DMEPOS store lists
        self._addenda: dict[str, set[str]] = {}  # an ASC store's codes, by addendum
        # ``lookup.lines.resolve_row``'s rows by (code, modifiers): batch's cells, claims and rule lines ask alike
        self.resolved_rows: dict[tuple[str, tuple[str, ...]], dict[str, Any]] = {}

    def expect(self, codes: int) -> None:
        """About this many codes are to be looked up now: read the whole table first if that is cheaper."""
        if self._tables is None and len(self._code_rows) + codes >= WHOLE_TABLE_AFTER:
            self._whole_table(now=True)

    def _whole_table(
        self, now: bool = False
    ) -> tuple[dict[tuple[str, str], list[Any]], dict[str, list[str]], list[str]] | None:
        """After a few thousand codes, the whole RVU table in one read (once a process): cheaper than a query
        per code for the large files; a small file never pays for it."""
        if self._tables is None:
            key = str(self._store.path)
            if key not in _RVU_TABLES and len(self._code_rows) < WHOLE_TABLE_AFTER and not now:
                return None
            if key not in _RVU_TABLES:
                # The source file's line number, which no rule reads, would make every row differ between releases.
                names, rows = self._store.tuples("rvu", omit=("line",))
                code, modifier = names.index("hcpcs"), names.index("modifier")
                others = [table for table, _, _ in _RVU_TABLES.values()]
                entries: dict[tuple[str, str], list[Any]] = {}
                modifiers: dict[str, list[str]] = {}
                for values in rows:
                    at = (values[code], values[modifier])
                    entries[at] = next((same for table in others if (same := table.get(at)) and same[0] == values),
                                       [values, None])  # fmt: skip
                    modifiers.setdefault(values[code], []).append(values[modifier])  # the table is in key order
                _RVU_TABLES[key] = (entries, modifiers, names)
            self._tables = _RVU_TABLES[key]
            self._code_rows.clear()  # the table answers now (a second copy of each row otherwise)
        return self._tables

    def _rows_of(self, hcpcs: str) -> dict[str, dict[str, Any]]:
        found = self._code_rows.get(hcpcs)
        if found is None:
            found = self._code_rows[hcpcs] = {}
            for row in self._store.rvu_rows_of(hcpcs):
                row.pop("line", None)
                found[row["modifier"]] = row
        return found

    def _remember(self, name: str, *args: Any) -> Any:
        key = (name, args)
        if key not in self._answers:
            self._answers[key] = getattr(self._store, name)(*args)
        return self._answers[key]

    def forget_if_large(self, limit: int) -> None:
        """Forget the remembered answers past ``limit`` (between partitions: memory stays bounded)."""
        if len(self._answers) > limit:
            self._answers.clear()
        # A quarter of the limit (a few MB over the PFS stores): what asks again of a row (the claims, the rule
        # lines) is mostly the partition that resolved it.
        if len(self.resolved_rows) > limit // 4:
            self.resolved_rows.clear()

    def rvu(self, hcpcs: str, modifier: str = "") -> Any:
        tables = self._tables or self._whole_table()  # (read: the table answers, without a call per look-up)
        if tables is None:
            return self._rows_of(hcpcs).get(modifier)
        entry = tables[0].get((hcpcs, modifier))
        if entry is None:
            return None
        if entry[1] is None:
            entry[1] = dict(zip(tables[2], entry[0], strict=True))
        return entry[1]

    def modifiers_of(self, hcpcs: str) -> Any:
        tables = self._tables or self._whole_table()
        return tables[1].get(hcpcs, []) if tables else list(self._rows_of(hcpcs))

    def codes_like(self, prefix: str) -> Any:
        """``Store.codes_like`` (LIKE 'prefix%', by code) from the whole table once it is read: the query scans
        the table, once per unknown code's prefix."""
        tables = self._whole_table()
        if tables is None or not (prefix.isascii() and prefix.isalnum() and prefix == prefix.upper()):
            return self._remember("codes_like", prefix)
        if self._sorted_codes is None:
            self._sorted_codes = sorted(tables[1])
        codes = self._sorted_codes
        return codes[bisect_left(codes, prefix) : bisect_left(codes, prefix + "\U0010ffff")]

    def endoscopy_bases(self) -> set[str]:
        """The codes the RVU file names as an endoscopy family's base (one read of the column)."""
        if self._bases is None:
            self._bases = {base for base in self._store.columns("rvu", ["endo_base"])["endo_base"] if base}
        return self._bases

    def capped(self) -> set[tuple[str, str]]:
        """The (code, modifier) rows the OPPSCAP file lists, at any locality (one read of its codes)."""
        if self._capped is None:
            self._capped = self._store.opps_cap_rows()
        return self._capped

    def opps_cap(self, hcpcs: str, modifier: str, locality: str) -> Any:
        """``Store.opps_cap``, asked only for the codes the OPPSCAP file lists."""
        return self._store.opps_cap(hcpcs, modifier, locality) if (hcpcs, modifier) in self.capped() else None

    def _lists(self, code: str) -> bool:
        """Whether this CLFS, ASP or DMEPOS store lists the code (one read of its codes): most codes a batch asks
        about are another schedule's, answered without a query each."""
        if self._listed is None:
            dataset = self.release.dataset
            self._listed = set(self._store.columns(dataset, ["hcpcs"])["hcpcs"])
        return code in self._listed

    def asc(self, addendum: str, hcpcs: str) -> Any:
        """``Store.asc``, without a query for a code the addendum does not list (``lookup.schedules.drug_listing``
        asks Addendum BB of every lab and DME code the ASP file omits)."""
        listed = self._addenda.get(addendum)
        if listed is None:
            listed = self._addenda[addendum] = set(self._store.columns(f"asc_{addendum}", ["hcpcs"])["hcpcs"])
        return self._store.asc(addendum, hcpcs) if hcpcs in listed else None

    def clfs(self, code: str) -> Any:
        return self._remember("clfs", code) if self._lists(code) else []

    def asp(self, code: str) -> Any:
        return self._remember("asp", code) if self._lists(code) else None

    def dmepos(self, code: str, state: str | None) -> Any:
        return self._remember("dmepos", code, state) if self._lists(code) else []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


class RememberingCatalogue:
    """A catalogue whose stores remember their per-code answers (``lookup.schedules.look_up`` in batch: a
    code's cells differ by modifiers and places, its CLFS, ASP and DMEPOS rows do not)."""

    def __init__(self, catalogue: Any, remembering: Any) -> None:
        self._catalogue = catalogue
        self._remembering = remembering  # Store -> RememberingStore, kept by the caller

    def store(self, release: Any) -> Any:
        return self._remembering(self._catalogue.store(release))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._catalogue, name)


def bare_error(error: RvucalcError) -> RvucalcError:
    """An error fit to keep in a cache: without its traceback, whose frames would keep every chunk's
    arrays alive (that was a gigabyte on a million-line claim file)."""
    error.__traceback__ = None
    error.__context__ = None
    return error


def money_cents(amount: Any) -> int | None:
    return None if amount is None else int(amount.scaleb(2))
