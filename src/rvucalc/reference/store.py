"""The compiled store: one small SQLite file per release, built once from the raw files.

Single lookups read only this store (no pandas, no CSV parsing). A store's
file name carries a hash of the release manifest (which holds every raw
file's sha256) and of the store schema, so a changed release or a new
rvucalc version compiles a fresh store; old ones are simply left behind.

Tamper evidence: the raw files are checked against the manifest's sha256 before
a store is built; the store records those sha256 and a content hash of every
table (``meta``), and a small check file beside it records the store file's own
sha256, size, modification time and status-change time (``st_ctime_ns``: set by the
system on every write, and no user tool can set it back, as ``touch -d`` does the
modification time). Opening a store costs one ``stat``, one small read and one
query: a store whose size or times changed is re-hashed, and one that changed,
cannot be read or names another manifest is rebuilt (with a line on stderr), never
trusted; one whose bytes are the same (a copy, a backup restored) has its times
recorded again, so the next run does not re-hash it. ``verify_store`` (``rvucalc data verify``) re-hashes
the file and every table whatever the times say.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sqlite3
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rvucalc.errors import DataFileError, LocalDataError
from rvucalc.paths import cache_dir, ensure_cache_dir
from rvucalc.reference.releases import DATASET_LABELS, Release, is_user_manifest

if TYPE_CHECKING:
    import pandas as pd

# Bump when loaders or tables change what a store holds (the rvucalc version is in the key too).
STORE_SCHEMA = 8

META = "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"

PFS_SCHEMA = """
CREATE TABLE rvu (
    hcpcs TEXT NOT NULL, modifier TEXT NOT NULL, description TEXT NOT NULL, status TEXT NOT NULL,
    work_rvu INTEGER NOT NULL, pe_nonfac_rvu INTEGER NOT NULL, nonfac_na TEXT NOT NULL,
    pe_fac_rvu INTEGER NOT NULL, fac_na TEXT NOT NULL, mp_rvu INTEGER NOT NULL,
    nonfac_total INTEGER NOT NULL, fac_total INTEGER NOT NULL, pctc TEXT NOT NULL,
    global_days TEXT NOT NULL, pre_op INTEGER NOT NULL, intra_op INTEGER NOT NULL,
    post_op INTEGER NOT NULL, mult_proc TEXT NOT NULL, bilat_surg TEXT NOT NULL,
    asst_surg TEXT NOT NULL, co_surg TEXT NOT NULL, team_surg TEXT NOT NULL, pric_ind TEXT,
    endo_base TEXT NOT NULL, conv_factor INTEGER NOT NULL, diag_supervision TEXT NOT NULL,
    calc_flag TEXT NOT NULL, family_ind TEXT NOT NULL, opps_nonfac_pe INTEGER NOT NULL,
    opps_fac_pe INTEGER NOT NULL, opps_mp INTEGER NOT NULL, line INTEGER NOT NULL,
    PRIMARY KEY (hcpcs, modifier)
) WITHOUT ROWID;
CREATE TABLE locality (
    locality TEXT PRIMARY KEY, mac TEXT NOT NULL, locality_number TEXT NOT NULL,
    state TEXT NOT NULL, name TEXT NOT NULL, description TEXT NOT NULL,
    gpci_work INTEGER NOT NULL, gpci_pe INTEGER NOT NULL, gpci_mp INTEGER NOT NULL,
    counties TEXT, counties_source TEXT
) WITHOUT ROWID;
CREATE TABLE zip (
    zip TEXT PRIMARY KEY, state TEXT NOT NULL, locality TEXT NOT NULL, rural TEXT NOT NULL,
    plus4 TEXT NOT NULL, year_quarter TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE opps_cap (
    hcpcs TEXT NOT NULL, modifier TEXT NOT NULL, locality TEXT NOT NULL, status TEXT NOT NULL,
    cap_fac INTEGER NOT NULL, cap_nonfac INTEGER NOT NULL, line INTEGER NOT NULL,
    PRIMARY KEY (hcpcs, modifier, locality)
) WITHOUT ROWID;
CREATE TABLE anes (
    locality TEXT PRIMARY KEY, anes_cf INTEGER NOT NULL, anes_cf_qp INTEGER, line INTEGER NOT NULL
) WITHOUT ROWID;
"""

OPPS_SCHEMA = """
CREATE TABLE opps (
    hcpcs TEXT PRIMARY KEY, description TEXT NOT NULL, si TEXT NOT NULL, apc TEXT NOT NULL,
    weight INTEGER, rate INTEGER, national_copay INTEGER, minimum_copay INTEGER,
    ira_coinsurance_pct INTEGER, adjusted_copay INTEGER, note TEXT, line INTEGER NOT NULL
) WITHOUT ROWID;
"""

ASC_SCHEMA = """
CREATE TABLE asc_aa (
    hcpcs TEXT PRIMARY KEY, description TEXT NOT NULL, multiple_discount TEXT NOT NULL, pi TEXT NOT NULL,
    weight INTEGER, rate INTEGER, line INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE asc_bb (
    hcpcs TEXT PRIMARY KEY, description TEXT NOT NULL, pi TEXT NOT NULL, weight INTEGER, rate INTEGER,
    ira_copay INTEGER, line INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE asc_ee (hcpcs TEXT PRIMARY KEY, description TEXT NOT NULL, line INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE asc_ff (
    hcpcs TEXT PRIMARY KEY, description TEXT NOT NULL, pi TEXT NOT NULL, apc TEXT NOT NULL,
    device_offset_pct INTEGER, device_portion INTEGER, line INTEGER NOT NULL
) WITHOUT ROWID;
"""

WAGE_SCHEMA = """
CREATE TABLE wage_index (cbsa TEXT NOT NULL, name TEXT NOT NULL, wage_index INTEGER, line INTEGER NOT NULL);
CREATE INDEX wage_index_cbsa ON wage_index (cbsa);
"""

GEO_SCHEMA = """
CREATE TABLE zip_county (
    zip TEXT NOT NULL, county_fips TEXT NOT NULL, res_ratio REAL NOT NULL, tot_ratio REAL NOT NULL,
    line INTEGER NOT NULL
);
CREATE INDEX zip_county_zip ON zip_county (zip);
CREATE TABLE county (
    county_fips TEXT PRIMARY KEY, cbsa TEXT NOT NULL, division TEXT NOT NULL, cbsa_title TEXT NOT NULL,
    area_type TEXT NOT NULL, division_title TEXT NOT NULL, county_name TEXT NOT NULL,
    state_name TEXT NOT NULL, state_fips TEXT NOT NULL, line INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE state (state_fips TEXT PRIMARY KEY, state_name TEXT NOT NULL) WITHOUT ROWID;
"""

SCHEMAS = {"pfs": PFS_SCHEMA, "opps": OPPS_SCHEMA, "asc": ASC_SCHEMA, "wage": WAGE_SCHEMA, "geo": GEO_SCHEMA}

# Fee schedules beyond the PFS (loaders/schedules.py has the scales): money in cents, ASP limits in
# thousandths of a dollar (mills), percentages in thousandths of a percent; dates ISO text.
CLFS_SCHEMA = """
CREATE TABLE clfs (
    hcpcs TEXT NOT NULL, modifier TEXT NOT NULL, year INTEGER NOT NULL, eff_date TEXT NOT NULL,
    indicator TEXT NOT NULL, rate_cents INTEGER NOT NULL, short_desc TEXT NOT NULL, long_desc TEXT NOT NULL,
    line INTEGER NOT NULL,
    PRIMARY KEY (hcpcs, modifier)
) WITHOUT ROWID;
"""

ASP_SCHEMA = """
CREATE TABLE asp (
    hcpcs TEXT PRIMARY KEY, description TEXT NOT NULL, billing_unit TEXT NOT NULL, limit_mills INTEGER,
    coinsurance_thousandths INTEGER NOT NULL, vaccine_awp_thousandths INTEGER, vaccine_limit_mills INTEGER,
    blood_awp_thousandths INTEGER, blood_limit_mills INTEGER, clotting_factor TEXT NOT NULL, notes TEXT NOT NULL,
    line INTEGER NOT NULL
) WITHOUT ROWID;
"""

DMEPOS_SCHEMA = """
CREATE TABLE dmepos (
    hcpcs TEXT NOT NULL, mod TEXT NOT NULL, mod2 TEXT NOT NULL, source TEXT NOT NULL, juris TEXT, catg TEXT,
    ceiling_cents INTEGER, floor_cents INTEGER, description TEXT NOT NULL, line INTEGER NOT NULL,
    PRIMARY KEY (hcpcs, mod, mod2, source)
) WITHOUT ROWID;
CREATE TABLE dmepos_fee (
    hcpcs TEXT NOT NULL, state TEXT NOT NULL, mod TEXT NOT NULL, mod2 TEXT NOT NULL, source TEXT NOT NULL,
    nr_cents INTEGER NOT NULL, r_cents INTEGER NOT NULL, line INTEGER NOT NULL,
    PRIMARY KEY (hcpcs, state, mod, mod2, source)
) WITHOUT ROWID;
"""

SCHEMAS.update({"clfs": CLFS_SCHEMA, "asp": ASP_SCHEMA, "dmepos": DMEPOS_SCHEMA})


# The descriptor columns of the fee schedules beyond the PFS, for ``search`` (dataset -> SQL: hcpcs, description).
DESCRIPTOR_QUERIES = {
    "clfs": "SELECT hcpcs, short_desc AS description FROM clfs WHERE {match} "
    "OR (long_desc LIKE ? ESCAPE '\\' AND rvucalc_phrase(long_desc))",
    "asp": "SELECT hcpcs, description FROM asp WHERE {match}",
    "dmepos": "SELECT hcpcs, description FROM dmepos WHERE {match}",
    "opps": "SELECT hcpcs, description FROM opps WHERE {match}",
    "asc": "SELECT hcpcs, description FROM asc_aa WHERE {match} UNION ALL "
    "SELECT hcpcs, description FROM asc_bb WHERE {match}",
}


def phrase_matches(lowered: str, code: str, description: str | None, read: bool = True) -> bool:
    """Whether a code or descriptor holds the whole search text (``lowered``; in the descriptor, text of three letters
    or fewer as a whole word: ``search_words.holds_word``), as written or as its acronyms read
    (``search_words.holds_phrase``; ``read`` False: as written only): a search's first matches."""
    from rvucalc.reference.search_words import holds_phrase, holds_word

    said = (description or "").lower()
    return lowered in code.lower() or (holds_phrase(lowered, said, code) if read else holds_word(lowered, said))


def store_path(release: Release) -> Path:
    from rvucalc._version import __version__

    key = hashlib.sha256(f"{__version__}:{STORE_SCHEMA}:{release.manifest_sha256}".encode()).hexdigest()[:16]
    return cache_dir() / f"{release.dataset}-{release.release}-{key}.sqlite"


class Store:
    """Read-only queries against one compiled release."""

    def __init__(self, release: Release, path: Path, db: sqlite3.Connection | None = None) -> None:
        self.release = release
        self.path = path
        self._db = db or _connect_read_only(path)
        self._db.row_factory = sqlite3.Row

    def close(self) -> None:
        self._db.close()

    def _one(self, sql: str, *args: object) -> dict[str, Any] | None:
        row = self._db.execute(sql, args).fetchone()
        return dict(row) if row else None

    def _all(self, sql: str, *args: object) -> list[dict[str, Any]]:
        return list(self._dicts(sql, args))

    def _dicts(self, sql: str, args: tuple[object, ...] = ()) -> Iterator[dict[str, Any]]:
        """The rows as dicts, built from plain tuples: twice as fast as dict(sqlite3.Row) on whole tables."""
        cursor = self._db.cursor()
        cursor.row_factory = None
        cursor.execute(sql, args)
        names = [column[0] for column in cursor.description]
        for row in cursor:
            yield dict(zip(names, row, strict=True))

    def rvu(self, hcpcs: str, modifier: str = "") -> dict[str, Any] | None:
        return self._one("SELECT * FROM rvu WHERE hcpcs = ? AND modifier = ?", hcpcs, modifier)

    def rvu_rows_of(self, hcpcs: str) -> list[dict[str, Any]]:
        """Every row of a code (its modifiers in order): one query for what ``modifiers_of`` and ``rvu`` answer."""
        return self._all("SELECT * FROM rvu WHERE hcpcs = ? ORDER BY modifier", hcpcs)

    def tuples(self, table: str, omit: tuple[str, ...] = ()) -> tuple[list[str], list[tuple[Any, ...]]]:
        """A whole table as its column names and plain tuples (no dict per row), without the columns ``omit`` names
        (read by SQLite, not cut from each row after)."""
        cursor = self._db.cursor()
        cursor.row_factory = None
        names = [column[0] for column in cursor.execute(f"SELECT * FROM {table} LIMIT 0").description]
        names = [name for name in names if name not in omit]
        cursor.execute(f"SELECT {', '.join(names)} FROM {table}")
        return names, cursor.fetchall()

    def modifiers_of(self, hcpcs: str) -> list[str]:
        return [row["modifier"] for row in self._all("SELECT modifier FROM rvu WHERE hcpcs = ?", hcpcs)]

    def codes_like(self, prefix: str) -> list[str]:
        return [
            row["hcpcs"]
            for row in self._all("SELECT DISTINCT hcpcs FROM rvu WHERE hcpcs LIKE ? ORDER BY hcpcs", prefix + "%")
        ]

    def search(self, text: str, limit: int) -> list[dict[str, Any]]:
        """The RVU rows whose descriptor (or code) holds ``text``, then those holding each of its words as written or
        abbreviated as CMS abbreviates (``reference.search_words``), each in code order, codes of status I or M
        last."""
        pattern = "%" + text.replace("%", r"\%").replace("_", r"\_") + "%"
        self._words(text)
        phrase = "((description LIKE ? ESCAPE '\\' AND rvucalc_phrase(description)) OR hcpcs LIKE ? ESCAPE '\\')"
        # First the rows holding the text as written or as an acronym of theirs reads (``phrase_matches``: 43235 "Egd
        # ..." for "upper gi endoscopy", beside 3130F "Upper gi endoscopy performed"; or as ``CODE_WORDS`` read the
        # code: 97597 for "selective debridement"), the rest after; in each, the
        # quality codes (status I, M) last, then those holding it as written first (63295 "Repair laminectomy defect"
        # before 63047 "Lam facetec ...").
        first = "(rvucalc_read_phrase(description, hcpcs) OR hcpcs LIKE ? ESCAPE '\\')"
        return self._all(
            f"SELECT hcpcs, modifier, description, status FROM rvu WHERE {phrase} OR rvucalc_words(description, hcpcs) "
            # Among the rows matched alike, those CMS marks not valid for Medicare (status I: "Medicare uses another
            # code", 4040F "Pneumoc vac/admin/rcvd", D1701 "Pfizer vacc admin 1st dose") or for quality reporting
            # only (M) after the codes a claim would carry (90471 "Immunization admin", G0008).
            # Then the codes ``search_words.LISTED_AFTER`` lists after the others (44389 "Colonoscopy with biopsy",
            # through a stoma, after 45380 "Colonoscopy and biopsy").
            f"ORDER BY {first} DESC, status IN ('I', 'M'), rvucalc_after(hcpcs), {phrase} DESC, hcpcs, modifier "
            "LIMIT ?",
            *([pattern] * 5),
            limit,
        )

    def _words(self, text: str) -> None:
        """``rvucalc_words(column, code)`` in this connection's SQL: whether the column (or the code, a product's:
        ``search_words.PRODUCT_CODES``) holds each word of ``text``; ``rvucalc_phrase(column)``: whether the column
        holds ``text`` (``search_words.holds_word``: a trial's "rhc" listed 46945 "Int hrhc lig ...", hemorrhoids);
        ``rvucalc_read_phrase(column, code)``: ``search_words.holds_phrase``; ``rvucalc_after(code)``:
        ``search_words.listed_after``."""
        from rvucalc.reference.search_words import descriptor_matcher, holds_phrase, holds_word, listed_after

        lowered = text.lower()
        self._db.create_function("rvucalc_words", 2, descriptor_matcher(text), deterministic=True)
        self._db.create_function(
            "rvucalc_phrase", 1, lambda column: holds_word(lowered, (column or "").lower()), deterministic=True
        )
        self._db.create_function(
            "rvucalc_read_phrase",
            2,
            lambda column, code: holds_phrase(lowered, (column or "").lower(), code),
            deterministic=True,
        )
        self._db.create_function("rvucalc_after", 1, listed_after, deterministic=True)

    def search_descriptors(self, text: str, limit: int) -> list[dict[str, Any]]:
        """The codes of this CLFS, ASP, DMEPOS, OPPS or ASC release whose descriptor (or code) holds ``text``, then
        those holding its words (``search``): one row per code (its first descriptor), each in code order; [] for a
        dataset with no descriptors."""
        from rvucalc.reference.search_words import listed_after

        query = DESCRIPTOR_QUERIES.get(self.release.dataset)
        if query is None:
            return []
        pattern = "%" + text.replace("%", r"\%").replace("_", r"\_") + "%"
        match = (
            "((description LIKE ? ESCAPE '\\' AND rvucalc_phrase(description)) OR hcpcs LIKE ? ESCAPE '\\' "
            "OR rvucalc_words(description, hcpcs))"
        )
        self._words(text)
        if self.release.dataset == "clfs":
            match = match.replace("description", "short_desc")
        sql = query.format(match=match)
        rows = self._all(sql, *([pattern] * sql.count("?")))
        found: dict[str, dict[str, Any]] = {}
        lowered = text.lower()
        for row in sorted(rows, key=lambda r: (not phrase_matches(lowered, r["hcpcs"], r["description"]),
                                               listed_after(r["hcpcs"]),
                                               not phrase_matches(lowered, r["hcpcs"], r["description"], read=False),
                                               r["hcpcs"])):  # fmt: skip
            found.setdefault(row["hcpcs"], row)
        return list(found.values())[:limit]

    def meta(self, key: str) -> str | None:
        row = self._one("SELECT value FROM meta WHERE key = ?", key)
        return row["value"] if row else None

    def opps_cap(self, hcpcs: str, modifier: str, locality: str) -> dict[str, Any] | None:
        return self._one(
            "SELECT * FROM opps_cap WHERE hcpcs = ? AND modifier = ? AND locality = ?", hcpcs, modifier, locality
        )

    def opps_cap_rows(self) -> set[tuple[str, str]]:
        """The (code, modifier) rows the OPPSCAP file lists, at any locality (its key's prefix: no table scan)."""
        return {
            (hcpcs, modifier) for hcpcs, modifier in self._db.execute("SELECT DISTINCT hcpcs, modifier FROM opps_cap")
        }

    def anesthesia_cf(self, locality: str) -> dict[str, Any] | None:
        return self._one("SELECT * FROM anes WHERE locality = ?", locality)

    def locality(self, locality: str) -> dict[str, Any] | None:
        return self._one("SELECT * FROM locality WHERE locality = ?", locality)

    def localities(self, state: str | None = None) -> list[dict[str, Any]]:
        if state:
            return self._all("SELECT * FROM locality WHERE state = ? ORDER BY locality", state)
        return self._all("SELECT * FROM locality ORDER BY state, locality")

    def zip_state_localities(self, state: str) -> dict[str, int]:
        """The localities CMS's ZIP5 file maps ZIPs of ``state`` to, each with how many (1220201, whose state is
        DC, holds MD and VA ZIPs; 0121201, Hawaii's, Guam's)."""
        codes = [state, *(code for code, usps in ZIP5_STATE_CODES.items() if usps == state)]
        marks = ", ".join("?" * len(codes))
        sql = f"SELECT locality, COUNT(*) AS zips FROM zip WHERE state IN ({marks}) GROUP BY locality ORDER BY locality"
        return {row["locality"]: row["zips"] for row in self._all(sql, *codes)}

    def locality_zip_states(self) -> dict[str, list[str]]:
        """Per locality, the states of the ZIPs CMS's ZIP5 file maps to it (1220201: DC, MD, VA)."""
        found: dict[str, list[str]] = {}
        for row in self._all("SELECT DISTINCT locality, state FROM zip ORDER BY locality, state"):
            states = found.setdefault(row["locality"], [])
            state = usps_state(row["state"]) or ""
            if state not in states:
                states.append(state)
        return found

    def zip(self, zip_code: str) -> dict[str, Any] | None:
        row = self._one("SELECT * FROM zip WHERE zip = ?", zip_code)
        if row is not None:
            row["state"] = usps_state(row["state"])
        return row

    def zips_near(self, zip_code: str) -> list[str]:
        # A range on the key, not LIKE 'xyz%': SQLite's LIKE ignores case, so it scans the whole table (~1 ms a
        # ZIP; a claim file with thousands of bad ZIPs spent most of its time here).
        prefix = zip_code[:3]
        return [
            row["zip"]
            for row in self._all(
                "SELECT zip FROM zip WHERE zip >= ? AND zip < ? ORDER BY zip LIMIT 5", prefix, prefix + "\uffff"
            )
        ]

    # -- OPPS, ASC, wage index, geography -------------------------------

    def opps(self, hcpcs: str) -> dict[str, Any] | None:
        return self._one("SELECT * FROM opps WHERE hcpcs = ?", hcpcs)

    def asc(self, addendum: str, hcpcs: str) -> dict[str, Any] | None:
        assert addendum in ("aa", "bb", "ee", "ff")
        return self._one(f"SELECT * FROM asc_{addendum} WHERE hcpcs = ?", hcpcs)

    def wage_indexes(self, cbsa: str) -> list[dict[str, Any]]:
        return self._all("SELECT * FROM wage_index WHERE cbsa = ? ORDER BY line", cbsa)

    def rural_wage_indexes(self, state_name: str) -> list[dict[str, Any]]:
        return self._all(
            "SELECT * FROM wage_index WHERE length(cbsa) = 2 AND upper(name) = upper(?) ORDER BY line", state_name
        )

    def zip_counties(self, zip_code: str) -> list[dict[str, Any]]:
        return self._all("SELECT * FROM zip_county WHERE zip = ? ORDER BY tot_ratio DESC, res_ratio DESC", zip_code)

    def county(self, county_fips: str) -> dict[str, Any] | None:
        return self._one("SELECT * FROM county WHERE county_fips = ?", county_fips)

    def state_name(self, state_fips: str) -> str | None:
        row = self._one("SELECT state_name FROM state WHERE state_fips = ?", state_fips)
        return row["state_name"] if row else None

    # -- CLFS, ASP, DMEPOS/PEN ---------------------------------------------

    def clfs(self, hcpcs: str) -> list[dict[str, Any]]:
        """The code's CLFS rows, '' modifier first then QW: hcpcs, modifier, year, eff_date (ISO),
        indicator (N national, L local), rate_cents, short_desc, long_desc, line."""
        return self._all("SELECT * FROM clfs WHERE hcpcs = ? ORDER BY modifier", hcpcs)

    def asp(self, hcpcs: str) -> dict[str, Any] | None:
        """The code's ASP payment limit row: hcpcs, description, billing_unit, limit_mills (None: CMS
        printed N/A), coinsurance_thousandths, vaccine_awp_thousandths, vaccine_limit_mills,
        blood_awp_thousandths, blood_limit_mills, clotting_factor, notes, line."""
        return self._one("SELECT * FROM asp WHERE hcpcs = ?", hcpcs)

    def dmepos(self, hcpcs: str, state: str | None = None) -> list[dict[str, Any]]:
        """The code's DMEPOS and PEN rows (one per mod + mod2 + source), each with ``fees``:
        {state: (nr_cents, r_cents)} for every state, or only ``state``'s when given."""
        items = self._all("SELECT * FROM dmepos WHERE hcpcs = ? ORDER BY source, mod, mod2", hcpcs)
        sql = "SELECT mod, mod2, source, state, nr_cents, r_cents FROM dmepos_fee WHERE hcpcs = ?"
        fees = self._all(sql + " AND state = ?", hcpcs, state) if state else self._all(sql, hcpcs)
        by_item: dict[tuple[str, str, str], dict[str, tuple[int, int]]] = {}
        for fee in fees:
            key = (fee["mod"], fee["mod2"], fee["source"])
            by_item.setdefault(key, {})[fee["state"]] = (fee["nr_cents"], fee["r_cents"])
        for item in items:
            item["fees"] = dict(sorted(by_item.get((item["mod"], item["mod2"], item["source"]), {}).items()))
        return items

    def dmepos_states(self) -> list[str]:
        """The states and territories the DMEPOS file prices (two-letter codes)."""
        return [row["state"] for row in self._all("SELECT DISTINCT state FROM dmepos_fee ORDER BY state")]

    def rows(self, table: str) -> Iterator[dict[str, Any]]:
        yield from self._dicts(f"SELECT * FROM {table}")

    def columns(self, table: str, names: list[str], order_by: str | None = None) -> dict[str, list[Any]]:
        """Whole columns of a table as lists (no dict per row: batch reference tables)."""
        sql = f"SELECT {', '.join(names)} FROM {table}" + (f" ORDER BY {order_by}" if order_by else "")
        cursor = self._db.cursor()
        cursor.row_factory = None  # plain tuples, transposed in C: a sqlite3.Row per row was most of the time
        rows = cursor.execute(sql).fetchall()
        columns = zip(*rows, strict=True) if rows else [()] * len(names)
        return {name: list(column) for name, column in zip(names, columns, strict=True)}


def _stderr_notice(message: str) -> None:
    sys.stderr.write(f"rvucalc: {message}\n")
    sys.stderr.flush()


# Where one-line notices about one-time work go (a rebuilt store, the first compile); the CLI may replace it.
notice: Callable[[str], None] = _stderr_notice
_announced: list[bool] = []  # one line per process, however many stores it compiles

# CMS's ZIP5 file gives Kansas and Missouri ZIPs its carriers' codes for the halves of the state, not USPS's: EK/WK
# (eastern and western Kansas), EM/WM (Missouri). Read as their state: the DMEPOS fee column is the state's (a review
# found every Missouri and Kansas ZIP's DME line refused: "no column for EM").
ZIP5_STATE_CODES = {"EK": "KS", "WK": "KS", "EM": "MO", "WM": "MO"}


def usps_state(code: str | None) -> str | None:
    """A ZIP5 file state as USPS writes it (``ZIP5_STATE_CODES``)."""
    return ZIP5_STATE_CODES.get(code or "", code)


CHECK_SUFFIX = ".check.json"
HASH_KEYS = ("content_sha256", "table_sha256")  # meta rows that are not part of the content they hash


def check_path(path: Path) -> Path:
    return path.with_name(path.name + CHECK_SUFFIX)


def _connect_read_only(path: Path) -> sqlite3.Connection:
    # Read-only, so safe to share across the threads of a Dask worker or a batch writer thread.
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)


# A cache file superseded by one of another key (another rvucalc version or schema, the same release) is removed when
# its successor is made, once it is this old: every upgrade and schema change wrote a new store and new batch reference
# files beside the old ones, never removed (a review's cache held three generations of 2026C's batch files, 128 MB).
# The age keeps two rvucalc versions sharing one cache (two environments of one user) from rebuilding each other's
# files on every run: each rebuilds the other's at most once a month.
SUPERSEDED_AGE_SECONDS = 30 * 24 * 3600
_KEYED_NAME = re.compile(r"(?P<prefix>.+)-(?P<key>[0-9a-f]{16})(?P<suffix>\.[a-z]+)")


def remove_superseded(path: Path, side_suffixes: tuple[str, ...]) -> list[str]:
    """After ``path`` (``PREFIX-KEY.SUFFIX``, a 16-hex-digit key) is made in the cache: remove the files of the same
    prefix and suffix with another key, last written at least ``SUPERSEDED_AGE_SECONDS`` ago, each with its side files
    (``side_suffixes`` after its name). Best effort: a file that cannot be removed (a shared read-only cache, a file
    another process holds open on Windows) is left. Returns the names removed."""
    import time

    named = _KEYED_NAME.fullmatch(path.name)
    if named is None or path.parent != cache_dir():
        return []
    sibling = re.compile(re.escape(named["prefix"]) + r"-(?P<key>[0-9a-f]{16})" + re.escape(named["suffix"]))
    cutoff = time.time() - SUPERSEDED_AGE_SECONDS
    removed: list[str] = []
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return removed
    for entry in entries:
        found = sibling.fullmatch(entry.name)
        if found is None or found["key"] == named["key"]:
            continue
        try:
            if entry.stat().st_mtime > cutoff:
                continue
            for name in (entry.name, *(entry.name + side for side in side_suffixes)):
                (path.parent / name).unlink(missing_ok=True)
        except OSError:
            continue
        removed.append(entry.name)
    return removed


def open_store(release: Release) -> Store:
    """Open the release's compiled store, compiling it first if needed, and rebuilding it
    (once, saying so on stderr) if it fails its check."""
    path = store_path(release)
    try:
        present = path.is_file()
    except PermissionError as exc:  # the cache folder cannot be searched: another user's
        raise _not_readable(path.parent, exc) from None
    except OSError:
        present = False
    if present:
        for target in (path, check_path(path)):  # another user's store is not damaged: never rebuilt nor removed
            if target.exists() and not os.access(target, os.R_OK):
                raise _not_readable(target, None)
        db, problem = _quick_check(path, release)
        if db is not None:
            return Store(release, path, db)
        notice(f"the compiled data {path} {problem}; rebuilding it from the CMS files.")
        _discard(path)
    elif _from_wheel(release, path):
        db, problem = _quick_check(path, release)  # the same check as any store: sha256, manifest
        if db is not None:
            remove_superseded(path, (CHECK_SUFFIX,))
            return Store(release, path, db)
        _discard(path)
    compile_store(release, path, announce=not present)
    remove_superseded(path, (CHECK_SUFFIX,))
    return Store(release, path)


def _from_wheel(release: Release, path: Path) -> bool:
    """Copy the store the wheel ships for this release (built from the same manifest by the same rvucalc,
    see hatch_build.py) into the cache: the first lookup after install parses no CMS file."""
    from rvucalc.paths import data_dir

    shipped = data_dir() / "compiled" / path.name
    if not shipped.is_file() or not check_path(shipped).is_file():
        return False
    import shutil

    try:
        ensure_cache_dir()
        temp = path.with_name(path.name + ".copy")
        shutil.copyfile(shipped, temp)
        shutil.copyfile(check_path(shipped), check_path(path))
        os.replace(temp, path)
    except OSError:
        return False
    return True


def _signature(stat: os.stat_result) -> dict[str, int]:
    """What a check file records of the store file besides its sha256: a store whose signature differs is re-hashed.
    The status-change time is in it because the modification time alone can be set back (``touch -d``, ``os.utime``)
    after an edit of the same size: a trial's edited 99213 priced $143.53 instead of $107.63 without a word."""
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "ctime_ns": stat.st_ctime_ns}


def _record_check(path: Path, record: dict[str, Any]) -> None:
    """Write a store's check file atomically (a reader never sees half of one); raises OSError."""
    temp = path.with_name(f"{check_path(path).name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    try:
        temp.write_text(json.dumps(record) + "\n")
        os.replace(temp, check_path(path))
    finally:
        if temp.exists():
            temp.unlink()


def _quick_check(path: Path, release: Release) -> tuple[sqlite3.Connection | None, str]:
    """An open connection when the store is the one that was built, else why not (cheap: see the module doc)."""
    try:
        check = json.loads(check_path(path).read_text())
        stat = path.stat()
        signature = _signature(stat)
        # A check file written before the status-change time was recorded has none: re-hashed once, then recorded.
        if any(check.get(key) != value for key, value in signature.items()):
            if stat.st_size != check["size"] or file_sha256(path) != check["sha256"]:
                return None, "changed after it was built (its sha256 no longer matches)"
            # The same bytes with other times (a copy, a backup restored): recorded again so the next run is fast.
            # A check file that cannot be written (a cache shared read-only) only means re-hashing next time.
            with contextlib.suppress(OSError):
                _record_check(path, {**check, **signature})
    except PermissionError as exc:
        raise _not_readable(path, exc) from None
    except (OSError, ValueError, KeyError, TypeError):
        return None, "has no readable check file"
    try:
        db = _connect_read_only(path)
        row = db.execute("SELECT value FROM meta WHERE key = 'manifest_sha256'").fetchone()
    except sqlite3.Error as exc:
        return None, f"cannot be read ({exc})"
    if row is None or row[0] != release.manifest_sha256:
        db.close()
        return None, f"was not built from {release.manifest_path.name}"
    return db, ""


def _not_readable(target: Path, exc: OSError | None) -> LocalDataError:
    """A store (or the cache folder) this user may not read: another user's cache, never a damaged one."""
    owner = ""
    with contextlib.suppress(OSError, KeyError, ImportError):
        import pwd

        uid = target.stat().st_uid
        if uid != os.geteuid():
            owner = f" ({pwd.getpwuid(uid).pw_name}'s)"
    folder = target if target.is_dir() else target.parent
    reason = (exc.strerror if exc is not None else None) or "permission denied"
    return LocalDataError(
        f"The compiled data {target} cannot be read by this user ({reason}): the cache folder {folder} belongs to "
        f"another user{owner} or is not readable; nothing was changed. Set RVUCALC_CACHE_DIR to a folder of your own "
        "(export RVUCALC_CACHE_DIR=~/.cache/rvucalc), or ask whoever prepared that cache to make it readable."
    )


def new_file(folder: Path, prefix: str, suffix: str = ".tmp") -> str:
    """A new empty file in ``folder`` made as any ordinary file is, with the process's umask (0644 under umask 022),
    not mkstemp's 0600: a cache one user prepared can be read by the others (a shared cache said "damaged")."""
    while True:
        name = folder / f"{prefix}.{os.urandom(6).hex()}{suffix}"
        try:
            os.close(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        return str(name)


def _discard(path: Path) -> None:
    for stale in (path, check_path(path)):
        try:
            stale.unlink(missing_ok=True)
        except OSError as exc:
            raise LocalDataError(
                f"The compiled data {stale} is damaged and cannot be removed ({exc.strerror or exc}). "
                f"Delete it by hand, or set RVUCALC_CACHE_DIR to a writable folder."
            ) from None


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def table_hashes(db: sqlite3.Connection) -> dict[str, str]:
    """A sha256 per table of what the store holds, independent of SQLite's page layout."""
    names = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    hashes = {}
    for name in names:
        digest = hashlib.sha256()
        where = f" WHERE key NOT IN {HASH_KEYS!r}" if name == "meta" else ""
        order = " ORDER BY key" if name == "meta" else ""
        cursor = db.execute(f"SELECT * FROM {name}{where}{order}")
        while rows := cursor.fetchmany(20_000):
            digest.update(repr(rows).encode())
        hashes[name] = digest.hexdigest()
    return hashes


def verify_store(release: Release) -> list[str]:
    """What differs between a compiled store and what was built (empty: it is intact, or not compiled yet)."""
    path = store_path(release)
    if not path.is_file():
        return []
    problems = []
    try:
        check = json.loads(check_path(path).read_text())
        if file_sha256(path) != check["sha256"]:
            problems.append(f"{path.name}: the file's sha256 differs from the one recorded when it was built")
    except (OSError, ValueError, KeyError, TypeError):
        problems.append(f"{path.name}: its check file {check_path(path).name} is missing or unreadable")
    try:
        db = _connect_read_only(path)
        try:
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
            recorded = json.loads(meta.get("table_sha256", "{}"))
            actual = table_hashes(db)
        finally:
            db.close()
    except (sqlite3.Error, ValueError) as exc:
        return [*problems, f"{path.name}: cannot be read ({exc})"]
    if meta.get("manifest_sha256") != release.manifest_sha256:
        problems.append(f"{path.name}: built from another manifest than {release.manifest_path.name}")
    sources = json.loads(meta.get("sources", "{}"))
    for entry in release.files:
        if sources.get(entry.role) != entry.sha256:
            problems.append(f"{path.name}: built from a {entry.role} file other than {entry.path} in the manifest")
    for table in sorted(set(recorded) | set(actual)):
        if recorded.get(table) != actual.get(table):
            what = "is missing" if table not in actual else "was added" if table not in recorded else "was changed"
            problems.append(f"{path.name}: table {table} {what} since the store was built")
    return problems


def rebuild_store(release: Release) -> None:
    path = store_path(release)
    _discard(path)
    compile_store(release, path, announce=False)


def compile_store(
    release: Release, path: Path, tables: dict[str, pd.DataFrame] | None = None, *, announce: bool = True
) -> None:
    """Load, validate and cross-check the release's raw files; write the store atomically.

    ``tables``: already built from the same files (a refresh has just validated them), so
    they are not parsed twice.
    """
    from rvucalc.reference.loaders.compile import release_tables

    verify_checksums(release)
    folder = ensure_cache_dir() if path.parent == cache_dir() else path.parent  # before any work is done
    if tables is None:
        if announce and not _announced:
            _announced.append(True)
            # Said once however many stores the run compiles: it names the first release and says others may follow
            # (a 2025 batch was told "Preparing CY2026 data", the store it compiled first for the newest release's
            # hints, as if it priced 2026 alone). Once per release, not once: each release is compiled the first time
            # a run uses it (2026, then a 2025 date, then another 2025 release each said "(once)" again).
            label = f"{DATASET_LABELS.get(release.dataset, release.dataset)} {release.release}"
            notice(
                f"Preparing CMS's data files for rvucalc, once per release ({label}, and any other release this "
                "run is the first to use)…"
            )
        tables = release_tables(release)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temp_name = new_file(folder, path.name)
    except OSError as exc:
        raise _unwritable(folder, exc) from None
    try:
        db = sqlite3.connect(temp_name)
        try:
            # No journal and no syncs while building a temporary file: a store cut short by a crash fails
            # its check and is rebuilt, so durability would only cost time here.
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            db.executescript(META + SCHEMAS[release.dataset])
            for table, frame in tables.items():
                columns = [name for name in frame.columns if name in _table_columns(db, table)]
                placeholders = ",".join("?" for _ in columns)
                db.executemany(
                    f"INSERT INTO {table} ({','.join(columns)}) VALUES ({placeholders})",
                    frame[columns].astype(object).where(frame[columns].notna(), None).itertuples(index=False),
                )
            db.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [
                    ("release", release.release),
                    ("manifest_sha256", release.manifest_sha256),
                    ("files", json.dumps([entry.__dict__ for entry in release.files])),
                    # Checked against the files themselves by verify_checksums above.
                    ("sources", json.dumps({entry.role: entry.sha256 for entry in release.files})),
                ],
            )
            hashes = table_hashes(db)
            db.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [
                    ("table_sha256", json.dumps(hashes, sort_keys=True)),
                    ("content_sha256", hashlib.sha256(json.dumps(hashes, sort_keys=True).encode()).hexdigest()),
                ],
            )
            db.commit()
        finally:
            db.close()
        digest = file_sha256(Path(temp_name))
        os.replace(temp_name, path)  # a rename keeps the modification time, but may set the status-change time
        # Recorded after the rename (a store without its check file is rebuilt, never trusted).
        _record_check(path, {"sha256": digest, **_signature(path.stat())})
    except (OSError, sqlite3.OperationalError) as exc:  # disk full, read-only folder
        raise _unwritable(folder, exc) from None
    finally:
        if os.path.exists(temp_name):
            os.unlink(temp_name)


def _unwritable(folder: Path, exc: BaseException) -> LocalDataError:
    reason = getattr(exc, "strerror", None) or str(exc)
    return LocalDataError(
        f"Could not write the compiled data in {folder} ({reason}). Free some disk space or make the folder "
        "writable, or set RVUCALC_CACHE_DIR to a writable folder; then run the command again."
    )


def _table_columns(db: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in db.execute(f"PRAGMA table_info({table})")}


def verify_checksums(release: Release) -> None:
    """Refuse to compile files that are not the ones the manifest describes."""
    for entry in release.files:
        path = release.manifest_path.parents[1] / entry.path
        if not path.is_file():
            if is_user_manifest(release.manifest_path):
                raise DataFileError(
                    f"{path} is missing (listed in {release.manifest_path}, written by `rvucalc data refresh`). "
                    f"Run `rvucalc data verify --fix` to set the {release.dataset} {release.release} release aside, "
                    "then run the refresh that installed it again."
                )
            raise DataFileError(
                f"{path} is missing (listed in {release.manifest_path.name}). Reinstall rvucalc to restore it."
            )
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != entry.sha256:
            raise DataFileError(
                f"{path} does not match its manifest checksum (sha256 {digest[:12]}..., expected "
                f"{entry.sha256[:12]}...). "
                + (
                    "Run `rvucalc data verify --fix`, then run the refresh that installed it again."
                    if is_user_manifest(release.manifest_path)
                    else "Restore the CMS file, or reinstall rvucalc."
                )
            )
