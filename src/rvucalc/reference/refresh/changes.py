"""What a release changes against another: row counts, codes added and removed, the largest changes.

Shown on every refresh (so a user sees a 7x jump in 99213's work RVU before trusting it), and
in the refusal when a file claims to be a release that is installed with other content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from rvucalc.reference.releases import Release

# dataset -> (table, key columns, {column: (label, decimal places)}): the values that set payment.
COMPARED: dict[str, tuple[str, tuple[str, ...], dict[str, tuple[str, int]]]] = {
    "pfs": (
        "rvu",
        ("hcpcs", "modifier"),
        {
            "work_rvu": ("work RVU", 2),
            "pe_nonfac_rvu": ("non-facility PE RVU", 2),
            "pe_fac_rvu": ("facility PE RVU", 2),
            "mp_rvu": ("MP RVU", 2),
        },
    ),
    "opps": ("opps", ("hcpcs",), {"rate": ("payment rate", 3), "weight": ("relative weight", 4)}),
    "asc": ("asc_aa", ("hcpcs",), {"rate": ("payment rate", 2), "weight": ("payment weight", 4)}),
    "wage": ("wage_index", ("cbsa",), {"wage_index": ("wage index", 4)}),
}
# dataset -> the tables compared besides its main one, each counted on a line of its own: ASC addendum BB's drugs and
# biologicals (PI K2, "payment based on OPPS rate": CMS Addendum DD1) take OPPS's ASP-based rates, which CMS updates
# every quarter (the quarterly "Update of the Ambulatory Surgical Center (ASC) Payment System" CRs, e.g. CR 12341,
# July 2021), while AA's surgical rates held from January to July 2026: a July 2026 ASC zip read "0 values changed"
# against January's, with J0897 at $30.10 for $29.46 in BB.
ALSO_COMPARED: dict[str, list[tuple[str, str, tuple[str, ...], dict[str, tuple[str, int]]]]] = {
    "asc": [("asc_bb", "addendum BB (ancillary services)", ("hcpcs",),
             {"rate": ("payment rate", 2), "weight": ("payment weight", 4)})],
}  # fmt: skip
# dataset -> what its main table is, where it has others compared (the head line's counts are that table's)
MAIN_LABEL = {"asc": "addendum AA (surgical procedures)"}


@dataclass(frozen=True)
class Change:
    key: str
    label: str
    old: int | None
    new: int | None
    places: int

    @property
    def relative(self) -> float:
        if self.old is None or self.new is None:
            return 0.0
        if self.old == 0:
            return float("inf") if self.new else 0.0
        return abs(self.new - self.old) / abs(self.old)

    def __str__(self) -> str:
        def shown(value: int | None) -> str:
            return "blank" if value is None else str(Decimal(value).scaleb(-self.places))

        return f"{self.key}: {self.label} {shown(self.old)} -> {shown(self.new)}{self.percent()}"

    def percent(self) -> str:
        """The change as a percentage to one decimal, rounded half up from the exact values (" (+0.3%)"), or
        " (+<0.1%)" for a change that rounds below it: a refresh read "(+0%)" for each change under half a percent
        (J0225's ASC rate $5,009.56 -> $5,012.60). "" for none, or from nothing (a blank, or 0)."""
        if self.old is None or self.new is None or self.old == 0 or self.new == self.old:
            return ""
        sign = "+" if self.new > self.old else "-"
        share = Decimal(abs(self.new - self.old)) / Decimal(abs(self.old)) * 100
        if share < Decimal("0.1"):
            return f" ({sign}<0.1%)"
        return f" ({sign}{share.quantize(Decimal('0.1'), ROUND_HALF_UP)}%)"


@dataclass
class ReleaseChanges:
    dataset: str
    old_release: str
    new_release: str
    old_rows: int
    new_rows: int
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)  # largest relative change first
    factors: list[str] = field(default_factory=list)  # PFS: the conversion factors, old and new
    factors_changed: bool = False
    label: str = ""  # what the counts are of, where other tables are compared too (MAIN_LABEL)
    also: list[tuple[str, ReleaseChanges]] = field(default_factory=list)  # (label, changes): ALSO_COMPARED's tables

    @property
    def identical(self) -> bool:
        return (
            not (self.added or self.removed or self.changed or self.factors_changed)
            and self.old_rows == self.new_rows
            and all(part.identical for _, part in self.also)
        )

    def counts(self) -> str:
        """'4 rows (was 4), 1 code added, 1 removed, 0 values changed': each count with its noun in the number it
        takes (a refresh read "1 codes added")."""
        return (
            f"{count_of(self.new_rows, 'row')} (was {self.old_rows}), {count_of(len(self.added), 'code')} added, "
            f"{len(self.removed)} removed, {count_of(len(self.changed), 'value')} changed"
        )

    def lines(self, limit: int = 5) -> list[str]:
        """A short summary: counts first (each compared table's), then the largest changes of them all."""
        of = f"{self.label} " if self.label else ""
        lines = [
            f"{self.dataset.upper()} {self.new_release} against the installed {self.old_release}: {of}{self.counts()}"
        ]
        lines.extend(f"  {label}: {part.counts()}" for label, part in self.also)
        lines.extend(f"  {line}" for line in self.factors)
        # Codes added and removed, each table's on its own line (a code CMS moves from one addendum to another is
        # added to one and removed from the other, not both of "the release")
        for label, part in ((self.label, self), *self.also):
            of = f"{label} " if self.also else ""
            for what, codes in (("added", part.added), ("removed", part.removed)):
                if codes:
                    lines.append(f"  {of}{what}: " + ", ".join(codes[:limit]) + (" …" if len(codes) > limit else ""))
        changed = sorted([*self.changed, *(change for _, part in self.also for change in part.changed)], key=_largest)
        if changed:
            lines.append("  largest changes:")
            lines.extend(f"    {change}" for change in changed[:limit])
        return lines


def count_of(count: int, noun: str) -> str:
    """'1 code', '0 codes', '2 codes'."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _largest(change: Change) -> tuple[float, int, str]:
    """Largest relative change first, then the largest absolute one, then by code."""
    return (-change.relative, -abs((change.new or 0) - (change.old or 0)), change.key)


def _keyed(columns: dict[str, list[Any]], keys: tuple[str, ...], values: list[str]) -> dict[str, tuple[Any, ...]]:
    count = len(columns[keys[0]]) if keys[0] in columns else 0
    rows: dict[str, tuple[Any, ...]] = {}
    for i in range(count):
        key = "-".join(str(columns[k][i]) for k in keys if columns[k][i])
        rows.setdefault(key, tuple(columns[v][i] for v in values))  # a repeated key: its first row
    return rows


def compare_columns(
    dataset: str, old_release: str, old: dict[str, list[Any]], new_release: str, new: dict[str, list[Any]],
    spec: tuple[tuple[str, ...], dict[str, tuple[str, int]]] | None = None,
) -> ReleaseChanges:  # fmt: skip
    """``spec``: the keys and compared columns, the dataset's main table's (COMPARED) unless given."""
    keys, compared = spec or COMPARED[dataset][1:]
    names = list(compared)
    before, after = _keyed(old, keys, names), _keyed(new, keys, names)
    changes = [
        Change(key, compared[name][0], was[i], now[i], compared[name][1])
        for key, now in after.items()
        if (was := before.get(key)) is not None
        for i, name in enumerate(names)
        if was[i] != now[i]
    ]
    changes.sort(key=_largest)
    return ReleaseChanges(
        dataset,
        old_release,
        new_release,
        len(next(iter(old.values()), [])),
        len(next(iter(new.values()), [])),
        added=sorted(set(after) - set(before)),
        removed=sorted(set(before) - set(after)),
        changed=changes,
    )


def frame_columns(frame: pd.DataFrame, names: list[str]) -> dict[str, list[Any]]:
    """A table's columns as plain lists (None for a blank number), as ``Store.columns`` gives them."""
    return {name: frame[name].astype(object).where(frame[name].notna(), None).tolist() for name in names}


def compare_with_installed(
    release: Release, tables: dict[str, pd.DataFrame], installed: Release
) -> ReleaseChanges | None:
    """The new release's tables against an installed release's store (None: nothing to compare)."""
    from rvucalc.reference.store import open_store

    if release.dataset not in COMPARED:
        return None
    table, keys, compared = COMPARED[release.dataset]
    names = [*keys, *compared]
    also = ALSO_COMPARED.get(release.dataset, [])
    store = open_store(installed)
    try:
        old = store.columns(table, names)
        old_cf = store.columns(table, ["conv_factor"])["conv_factor"] if release.dataset == "pfs" else []
        old_also = [store.columns(other, [*other_keys, *columns]) for other, _, other_keys, columns in also]
    finally:
        store.close()
    changes = compare_columns(
        release.dataset, installed.release, old, release.release, frame_columns(tables[table], names)
    )
    changes.label = MAIN_LABEL.get(release.dataset, "")
    for (other, label, other_keys, columns), was in zip(also, old_also, strict=True):
        now = frame_columns(tables[other], [*other_keys, *columns])
        part = compare_columns(release.dataset, installed.release, was, release.release, now, (other_keys, columns))
        changes.also.append((label, part))
    if release.dataset == "pfs":
        new_cf = frame_columns(tables[table], ["conv_factor"])["conv_factor"]
        changes.factors, changes.factors_changed = conversion_factor_lines(old_cf, new_cf, installed, release)
    return changes


def conversion_factor_lines(
    old_cf: list[Any], new_cf: list[Any], installed: Release, release: Release
) -> tuple[list[str], bool]:
    """The CF in the rate file's rows (which prices every code) and the QP CF (``--qp``), old and new: a CF change
    moves every amount though no RVU changes."""

    def shown(values: list[Any]) -> str:
        return " / ".join(str(Decimal(int(v)).scaleb(-4)) for v in sorted({v for v in values if v is not None}))

    before, after = shown(old_cf), shown(new_cf)
    if before == after:
        lines = [f"conversion factor {after} (unchanged)"]
    else:
        olds, news = {v for v in old_cf if v}, {v for v in new_cf if v}
        pct = ""
        if len(olds) == len(news) == 1:
            was, now = int(next(iter(olds))), int(next(iter(news)))
            pct = f" ({(now - was) / was:+.2%}), in every row"
        lines = [f"conversion factor {before} -> {after}{pct}"]
    changed = before != after
    old_qp = installed.conversion_factors.get("qp") or ("not available" if installed.qp_unavailable else None)
    new_qp = release.conversion_factors.get("qp") or ("not available" if release.qp_unavailable else None)
    if old_qp or new_qp:
        if old_qp == new_qp:
            lines.append(f"QP conversion factor (--qp) {new_qp} (unchanged)")
        else:
            lines.append(f"QP conversion factor (--qp) {old_qp or 'none'} -> {new_qp or 'none'}")
            changed = True
    return lines, changed
