"""Code cells numbered for the whole run, and what a release says of each, as arrays.

A realistic claim file of a million lines holds ~70,000 distinct (code, modifier) cells (a cell is its code and
modifier texts and who billed it: ``batch.lines.CodeCells``), and each
partition meets ~20,000 of them in each PFS release. What a release says of a cell (CMS's row, the
rules it needs, its notes, its preventive waiver, what the encounter rules need) is worked out once,
when the cell is first seen (by ``lookup.lines``' functions, in ``batch.price`` and ``batch.claims``),
in three parts each kept where it is shared: per CMS row (the code and its paying modifiers, which the
cells that differ only by informational modifiers share), per cell text (its parse error or its
informational modifiers' notes, the same in every release) and per cell and year (its preventive
waiver). A release's table holds each cell's row number, and its columns are gathered from the three
parts (``CellTable.derive``). A partition then gathers its cells' facts with numpy: a partition that
meets no new cell does no Python work per cell, and a new cell costs a dictionary look-up per release.

The same tables hold what depends on less than a cell, numbered the same way: per code (its facility
table row, its OPPS/ASC encounter terms per quarter), per CMS row (code and paying modifiers: the
encounter rules' facts) and per ZIP (its notes). Texts are kept as ids into the run's
``batch.lines.Texts``, which the partitions share; all of it is forgotten together
(``BatchPricer._forget_if_large``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    import numpy as np


class CellTable:
    """Facts by number (of a cell, code, CMS row or ZIP) in one release: groups of columns, each group
    filled for a number when first asked (``fill``), gathered per partition (``take``, ``CellView``).
    ``objects`` keeps what the rare paths need whole (a cell's resolution), made when first asked."""

    def __init__(self) -> None:
        self.capacity = 0
        self.columns: dict[str, np.ndarray] = {}
        self.defaults: dict[str, Any] = {}
        self.known: dict[str, np.ndarray] = {}
        self.objects: dict[int, Any] = {}
        self.owners: dict[str, str] = {}  # column -> the group that fills it
        # Columns worked out from others (and other tables) when taken: name in ``derived`` -> derive(name, numbers)
        self.derive: Callable[[str, np.ndarray], np.ndarray] | None = None
        self.derived: frozenset[str] = frozenset()
        self.resolve: Callable[[int], Any] | None = None  # a number's whole answer, made when first asked
        self.version = 0  # counts the fills: what is worked out from the columns is kept per version
        self.memo: tuple[Any, ...] = ()  # for ``derive``: what several derived columns of one view share

    def resolution(self, number: int) -> Any:
        """A number's whole answer (``resolve``), made once, when first asked (rare paths: a few cells)."""
        found = self.objects.get(number)
        if found is None and self.resolve is not None:
            found = self.objects[number] = self.resolve(number)
        return found

    def declare(self, group: str, columns: dict[str, tuple[Any, Any]]) -> None:
        """The group's columns, before any number is filled (they read as their defaults)."""
        self._prepare(group, columns, 1)

    def missing(self, group: str, numbers: np.ndarray) -> np.ndarray:
        """The distinct cell numbers among ``numbers`` whose ``group`` is not filled yet."""
        import numpy as np

        known = self.known.get(group)
        if known is None:
            missing = numbers
        else:
            inside = numbers < len(known)
            filled = np.zeros(len(numbers), dtype=bool)
            filled[inside] = known[numbers[inside]]
            missing = numbers[~filled]  # most often none: a partition meets few new cells
        if not missing.size:
            return missing
        # Marked, not np.unique's sort: the numbers are below the run's cells
        marked = np.zeros(int(missing.max()) + 1, dtype=bool)
        marked[missing] = True
        return np.flatnonzero(marked)

    def fill(
        self,
        group: str,
        columns: dict[str, tuple[Any, Any]],
        numbers: np.ndarray,
        rows: Callable[[int], tuple[Any, ...]],
    ) -> None:
        """Fill ``group``'s ``columns`` (name -> (dtype, default)) for these cell numbers, ``rows(number)``
        giving each cell's values in the columns' order."""
        import numpy as np

        if not numbers.size:
            return
        self._prepare(group, columns, int(numbers.max()) + 1)
        self.version += 1
        values = zip(*[rows(number) for number in numbers.tolist()], strict=True)
        for name, column in zip(columns, values, strict=True):
            self.columns[name][numbers] = np.array(column, dtype=columns[name][0])
        self.known[group][numbers] = True

    def fill_defaults(self, group: str, columns: dict[str, tuple[Any, Any]], numbers: np.ndarray) -> None:
        """Mark ``group`` filled for these cell numbers with its columns' defaults (no Python per cell)."""

        if not numbers.size:
            return
        self._prepare(group, columns, int(numbers.max()) + 1)
        self.version += 1
        for name, (_, default) in columns.items():
            self.columns[name][numbers] = default
        self.known[group][numbers] = True

    def _prepare(self, group: str, columns: dict[str, tuple[Any, Any]], size: int) -> None:
        """Room for cell numbers below ``size``, and the group's columns."""
        import numpy as np

        self._grow(size)
        for name, (dtype, default) in columns.items():
            # A column is one group's: another group filling it would leave the first's "filled" marks wrong.
            assert self.owners.setdefault(name, group) == group, f"{name} is {self.owners[name]}'s, not {group}'s"
            if name not in self.columns:
                self.columns[name] = np.full(self.capacity, default, dtype=dtype)
                self.defaults[name] = default
        if group not in self.known:
            self.known[group] = np.zeros(self.capacity, dtype=bool)

    def take(self, name: str, numbers: np.ndarray) -> np.ndarray:
        if name in self.derived:
            assert self.derive is not None
            return self.derive(name, numbers)
        taken: np.ndarray = self.columns[name][numbers]
        return taken

    def _grow(self, size: int) -> None:
        import numpy as np

        if size <= self.capacity:
            return
        capacity = max(size, 2 * self.capacity, 1024)
        for name, values in self.columns.items():
            grown = np.full(capacity, self.defaults[name], dtype=values.dtype)
            grown[: self.capacity] = values
            self.columns[name] = grown
        for group, values in self.known.items():
            grown = np.zeros(capacity, dtype=bool)
            grown[: self.capacity] = values
            self.known[group] = grown
        self.capacity = capacity

    def ensure(self, size: int) -> None:
        """Room for cell numbers below ``size`` (cells not filled read as their columns' defaults)."""
        self._grow(size)


class CellView:
    """A partition's code cells (positions in ``Lines.codes``) as one release's table says them."""

    def __init__(self, table: CellTable, numbers: np.ndarray) -> None:
        self.table = table
        self.numbers = numbers
        table.ensure(int(numbers.max()) + 1 if len(numbers) else 0)
        self._gathered: dict[str, np.ndarray] = {}

    def __getitem__(self, name: str) -> np.ndarray:
        found = self._gathered.get(name)
        if found is None:
            found = self._gathered[name] = self.table.take(name, self.numbers)
        return found

    def resolved(self, code: int) -> Any:
        """The release's whole answer for the partition's code ``code`` (rare paths)."""
        return self.table.resolution(int(self.numbers[code]))
