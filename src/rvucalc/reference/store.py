"""The compiled store: one small SQLite file per release, built once from the raw files.

Single lookups read only this store (no pandas, no CSV parsing). A store's
file name carries a hash of the release manifest (which holds every raw
file's sha256) and of the store schema, so a changed release or a new
rvucalc version compiles a fresh store; old ones are simply left behind.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rvucalc.errors import DataFileError
from rvucalc.paths import cache_dir
from rvucalc.reference.releases import Release

# Bump when loaders or tables change what a store holds (the rvucalc version is in the key too).
STORE_SCHEMA = 6

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
    line INTEGER NOT NULL
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


def store_path(release: Release) -> Path:
    from rvucalc._version import __version__

    key = hashlib.sha256(f"{__version__}:{STORE_SCHEMA}:{release.manifest_sha256}".encode()).hexdigest()[:16]
    return cache_dir() / f"{release.dataset}-{release.release}-{key}.sqlite"


class Store:
    """Read-only queries against one compiled release."""

    def __init__(self, release: Release, path: Path) -> None:
        self.release = release
        self.path = path
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        self._db.row_factory = sqlite3.Row

    def close(self) -> None:
        self._db.close()

    def _one(self, sql: str, *args: object) -> dict[str, Any] | None:
        row = self._db.execute(sql, args).fetchone()
        return dict(row) if row else None

    def _all(self, sql: str, *args: object) -> list[dict[str, Any]]:
        return [dict(row) for row in self._db.execute(sql, args)]

    def rvu(self, hcpcs: str, modifier: str = "") -> dict[str, Any] | None:
        return self._one("SELECT * FROM rvu WHERE hcpcs = ? AND modifier = ?", hcpcs, modifier)

    def modifiers_of(self, hcpcs: str) -> list[str]:
        return [row["modifier"] for row in self._all("SELECT modifier FROM rvu WHERE hcpcs = ?", hcpcs)]

    def codes_like(self, prefix: str) -> list[str]:
        return [
            row["hcpcs"]
            for row in self._all("SELECT DISTINCT hcpcs FROM rvu WHERE hcpcs LIKE ? ORDER BY hcpcs", prefix + "%")
        ]

    def search(self, text: str, limit: int) -> list[dict[str, Any]]:
        pattern = "%" + text.replace("%", r"\%").replace("_", r"\_") + "%"
        return self._all(
            "SELECT hcpcs, modifier, description, status FROM rvu "
            "WHERE description LIKE ? ESCAPE '\\' OR hcpcs LIKE ? ESCAPE '\\' "
            "ORDER BY hcpcs, modifier LIMIT ?",
            pattern,
            pattern,
            limit,
        )

    def meta(self, key: str) -> str | None:
        row = self._one("SELECT value FROM meta WHERE key = ?", key)
        return row["value"] if row else None

    def opps_cap(self, hcpcs: str, modifier: str, locality: str) -> dict[str, Any] | None:
        return self._one(
            "SELECT * FROM opps_cap WHERE hcpcs = ? AND modifier = ? AND locality = ?", hcpcs, modifier, locality
        )

    def anesthesia_cf(self, locality: str) -> dict[str, Any] | None:
        return self._one("SELECT * FROM anes WHERE locality = ?", locality)

    def locality(self, locality: str) -> dict[str, Any] | None:
        return self._one("SELECT * FROM locality WHERE locality = ?", locality)

    def localities(self, state: str | None = None) -> list[dict[str, Any]]:
        if state:
            return self._all("SELECT * FROM locality WHERE state = ? ORDER BY locality", state)
        return self._all("SELECT * FROM locality ORDER BY state, locality")

    def zip(self, zip_code: str) -> dict[str, Any] | None:
        return self._one("SELECT * FROM zip WHERE zip = ?", zip_code)

    def zips_near(self, zip_code: str) -> list[str]:
        return [
            row["zip"]
            for row in self._all("SELECT zip FROM zip WHERE zip LIKE ? ORDER BY zip LIMIT 5", zip_code[:3] + "%")
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
        for row in self._db.execute(f"SELECT * FROM {table}"):
            yield dict(row)

    def columns(self, table: str, names: list[str], order_by: str | None = None) -> dict[str, list[Any]]:
        """Whole columns of a table as lists (no dict per row: batch reference tables)."""
        sql = f"SELECT {', '.join(names)} FROM {table}" + (f" ORDER BY {order_by}" if order_by else "")
        rows = [tuple(row) for row in self._db.execute(sql)]
        return {name: [row[i] for row in rows] for i, name in enumerate(names)}


def open_store(release: Release) -> Store:
    """Open the release's compiled store, compiling it first if needed."""
    path = store_path(release)
    if not path.exists():
        compile_store(release, path)
    return Store(release, path)


def compile_store(release: Release, path: Path) -> None:
    """Load, validate and cross-check the release's raw files; write the store atomically."""
    import json
    import tempfile

    from rvucalc.reference.loaders.compile import release_tables

    verify_checksums(release)
    tables = release_tables(release)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        db = sqlite3.connect(temp_name)
        try:
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
                ],
            )
            db.commit()
        finally:
            db.close()
        os.replace(temp_name, path)
    finally:
        if os.path.exists(temp_name):
            os.unlink(temp_name)


def _table_columns(db: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in db.execute(f"PRAGMA table_info({table})")}


def verify_checksums(release: Release) -> None:
    """Refuse to compile files that are not the ones the manifest describes."""
    for entry in release.files:
        path = release.manifest_path.parents[1] / entry.path
        if not path.is_file():
            raise DataFileError(
                f"{path} is missing (listed in {release.manifest_path.name}). Reinstall rvucalc to restore it."
            )
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != entry.sha256:
            raise DataFileError(
                f"{path} does not match its manifest checksum (sha256 {digest[:12]}..., expected "
                f"{entry.sha256[:12]}...). Restore the CMS file, or reinstall rvucalc."
            )
