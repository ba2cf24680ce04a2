"""What batch remembers between distinct values: a store's per-code answers, and errors fit to cache."""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rvucalc.errors import RvucalcError
    from rvucalc.reference.store import Store

_RVU_TABLES: dict[str, tuple[dict[tuple[str, str], dict[str, Any]], dict[str, list[str]]]] = {}
_TABLE_QUESTIONS = ("rvu", "modifiers_of")
WHOLE_TABLE_AFTER = 300  # look-ups of one release before reading its whole RVU table (~0.2 s, once a process)


class RememberingStore:
    """A store whose per-code look-ups (the ones ``resolve_line`` makes) are answered once per code."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.release = store.release
        self._answers: dict[tuple[str, tuple[Any, ...]], Any] = {}
        self._tables: tuple[dict[tuple[str, str], dict[str, Any]], dict[str, list[str]]] | None = None
        self._asked = 0
        self._sorted_codes: list[str] | None = None
        self._capped: set[tuple[str, str]] | None = None

    def _whole_table(self) -> tuple[dict[tuple[str, str], dict[str, Any]], dict[str, list[str]]] | None:
        """After a few thousand codes, the whole RVU table in one read (once a process): cheaper than a query
        per code for the large files; a small file never pays for it."""
        if self._tables is None:
            self._asked += 1
            key = str(self._store.path)
            if key not in _RVU_TABLES and self._asked < WHOLE_TABLE_AFTER:
                return None
            if key not in _RVU_TABLES:
                # A row another release has word for word is that release's object (one copy in memory); the
                # source file's line number, which no rule reads, would make every row differ.
                others = [table for table, _ in _RVU_TABLES.values()]
                rows = {}
                for row in self._store.rows("rvu"):
                    row.pop("line", None)
                    at = (row["hcpcs"], row["modifier"])
                    rows[at] = next((same for table in others if (same := table.get(at)) == row), row)
                modifiers: dict[str, list[str]] = {}
                for hcpcs, modifier in sorted(rows):
                    modifiers.setdefault(hcpcs, []).append(modifier)
                _RVU_TABLES[key] = (rows, modifiers)
            self._tables = _RVU_TABLES[key]
            # The rows asked one by one before are in the table now (a second copy of each otherwise).
            self._answers = {key: answer for key, answer in self._answers.items() if key[0] not in _TABLE_QUESTIONS}
        return self._tables

    def _remember(self, name: str, *args: Any) -> Any:
        key = (name, args)
        if key not in self._answers:
            self._answers[key] = getattr(self._store, name)(*args)
        return self._answers[key]

    def forget_if_large(self, limit: int) -> None:
        """Forget the remembered answers past ``limit`` (between partitions: memory stays bounded)."""
        if len(self._answers) > limit:
            self._answers.clear()

    def rvu(self, hcpcs: str, modifier: str = "") -> Any:
        tables = self._whole_table()
        return tables[0].get((hcpcs, modifier)) if tables else self._remember("rvu", hcpcs, modifier)

    def modifiers_of(self, hcpcs: str) -> Any:
        tables = self._whole_table()
        return tables[1].get(hcpcs, []) if tables else self._remember("modifiers_of", hcpcs)

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

    def capped(self) -> set[tuple[str, str]]:
        """The (code, modifier) rows the OPPSCAP file lists, at any locality (one read of its codes)."""
        if self._capped is None:
            listed = self._store.columns("opps_cap", ["hcpcs", "modifier"])
            self._capped = set(zip(listed["hcpcs"], listed["modifier"], strict=True))
        return self._capped

    def opps_cap(self, hcpcs: str, modifier: str, locality: str) -> Any:
        """``Store.opps_cap``, asked only for the codes the OPPSCAP file lists."""
        return self._store.opps_cap(hcpcs, modifier, locality) if (hcpcs, modifier) in self.capped() else None

    def clfs(self, code: str) -> Any:
        return self._remember("clfs", code)

    def asp(self, code: str) -> Any:
        return self._remember("asp", code)

    def dmepos(self, code: str, state: str | None) -> Any:
        return self._remember("dmepos", code, state)

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
