"""Reference arrays for batch pricing, built once from the compiled stores.

Batch pricing looks rows up in columns, not in SQLite: each PFS release's RVUs,
GPCIs, ZIPs and OPPS caps; each quarter's OPPS/ASC terms per code (computed by the
single lookup's ``price_opps``/``price_asc``); each ZIP's wage index (computed by
``geography.resolve``). They are cached as Arrow IPC files beside the stores, keyed
like them by the releases' manifests and the rvucalc version, so a batch run starts
in milliseconds. A wheel ships the files of its own releases (built by ``hatch_build.py``, with their sha256),
copied into the cache when first needed if their bytes are the ones built; a refreshed release, or a source checkout,
builds them on its first batch run (~25 s here, the per-ZIP wage indexes most of it).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rvucalc.batch.arrow_columns import strings_of
from rvucalc.engine.facility import (
    ASC_ANCILLARY,
    ASC_PROCEDURE,
    INPATIENT_DEDUCTIBLE_CENTS,
    anesthesia_opps_packaged,
    asc_covered_procedure,
    asc_indicator_note,
    asc_ira_copay,
    asc_separate_ancillary,
    copayment_capped_note,
    ira_hospital_note,
    left_out_alone,
    price_asc,
    price_opps,
    site_remark,
)
from rvucalc.engine.facility_meanings import ASC_NOT_WAGE_ADJUSTED, OPPS_PACKAGED
from rvucalc.engine.kernels import NO_MEDICARE_SHARE
from rvucalc.paths import cache_dir, data_dir
from rvucalc.reference import geography
from rvucalc.reference.releases import Release
from rvucalc.reference.store import STORE_SCHEMA, Store, new_file

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

    from rvucalc.lookup.pricer import Pricer

# Bump when what these files hold changes, including the text of a warning or note they keep (geography's, the
# facility reasons): the rvucalc version is in the key too, so a release always rebuilds them.
# 58: the PFS reason of G0177, a PHP or IOP code of SI N (engine.meanings.PROGRAM_PACKAGED_PFS_REASON);
# 57: opps_reason of a professional component only code in a year whose Addendum B is not installed says it is the
# physician's, as the newest earlier Addendum B's row gives it (lookup.pricer.opps_not_installed's pctc, row_of);
# 56: opps_reason of a professional component only code (PC/TC 2) of SI B or M says it is the physician's and names
# its technical part Addendum B pays (engine.facility_codes.professional_only_said);
# 55: opps_reason of the hospital inpatient or observation visits 99221-99239 names G0378/G0379 and APC 8011
# (engine.facility_codes.OBSERVATION_VISIT_CODES);
# 54: opps_reason of an anesthesia code its year's Addendum B lists SI N (engine.facility.ANESTHESIA_AT_HOPD_LISTED);
# 53: opps_reason of 99183 names G0277, the hospital's hyperbaric oxygen code (engine.facility_codes);
# 52: no "; " inside the facility reasons, PFS reasons and notes reworded with ',', ':' or '.' (the anesthesia
# codes' OPPS and ASC reasons, the per-diem, bilateral and co-surgery notes, a deleted code's reason, ...);
# 51: no "; " inside one note (batch's note column joins notes with it): geography's ("ZIP ... spans counties: ... is
# used", a territory's ZIP, a wage index listed with different values) and the facility reasons' (OPPS SI B and C);
# 50: opps_rate $0.00 and opps_reason of an anesthesia code in a year whose Addendum B is not installed
# (engine.facility.anesthesia_opps_packaged);
# 41: the PFS facility reason of an incident-to code (engine.pfs.INCIDENT_TO_IN_FACILITY_REASON), the OPPS and ASC
# IRA coinsurance notes (per billing unit: engine.facility.ira_copay_note) and the ASC device-intensive note;
# 37: rvu opps_nonfac_pe, opps_fac_pe, opps_mp (the OPPS imaging cap under a what-if CF:
# engine.kernels.WHAT_IF_OPPS_CAP);
# 35: opps_reason and asc_reason of 27096 name G0260, the facility's code (engine.facility_codes);
# 34: the wage table's choices, and geography's warning of a place its wage index file lists with different values
# (engine.wage_choices: its wage-adjusted rates not priced); 33: opps_reason of a lab, SI Q4
# (engine.facility.CONDITIONAL_LAB_REASON: paid under the CLFS when alone);
# 32: asc_reason and asc_alone of an ASC special payment (PI L6) with no rate (engine.facility.ASC_SPECIAL_PAYMENT),
# asc_excluded and Addendum EE's codes (lookup.pricer: a code EE lists is a known one); 31: the PFS reason of a PHP/IOP
# code (engine.meanings.PER_DIEM_PFS_REASON), opps_reason of an SI P code (engine.facility.PER_DIEM_REASON),
# geography.connecticut_warning's advice (the user's wage index is a hospital's, not the ASC's); 28: asc_reason of an
# unlisted code in Addendum EE (engine.facility.asc_excluded_reason); 26: opps_share 80% for SI K drugs and a sub-cent
# rate kept (engine.facility.drug_share); 25: rvu mult_proc (engine.pfs.facility_na); 24: asc_kind
# (engine.facility.asc_*)
REFERENCE_SCHEMA = 58


@dataclass
class PfsReference:
    """One PFS release as columns. ``rvu.key`` is 'HCPCS|MODIFIER'; ``zips.locality`` and
    ``caps.key`` (rvu row * localities + locality row) are positions in the other tables."""

    release: Release
    rvu: pa.Table
    localities: pa.Table
    zips: pa.Table
    caps: pa.Table


@dataclass
class FacilityReference:
    """OPPS and ASC terms for every code of a PFS release, in one quarter.

    Null rates: not payable there, the reason in ``opps_reason``/``asc_reason``.
    """

    codes: pa.Table
    copay_cap: int | None  # the year's inpatient deductible, cents
    copay_cap_note: str  # engine.facility.copayment_capped_note of the year ('' without a deductible known)
    warnings: list[str]  # e.g. the quarter in force is not installed
    _reasons: dict[str, tuple[np.ndarray, list[str]]] = field(default_factory=dict)
    _sorted: tuple[np.ndarray, np.ndarray] | None = None  # ``positions``': the codes sorted, and their rows

    def reasons(self, name: str) -> tuple[np.ndarray, list[str]]:
        """Why each code is not paid in 'opps' or 'asc': per code an index into the distinct reasons (read when
        first asked; a Python string per code would be 34 MB, and a small file asks for a few)."""
        if name not in self._reasons:
            import pyarrow.compute as pc

            from rvucalc.batch.arrow_columns import values_of

            encoded = pc.dictionary_encode(self.codes[f"{name}_reason"].combine_chunks())
            self._reasons[name] = (values_of(encoded.indices), strings_of(encoded.dictionary))
        return self._reasons[name]

    def positions(self, codes: list[str]) -> np.ndarray:
        """Each code's row in the table (-1: not listed; the first where it is listed twice), by a binary search of
        the codes sorted once (no dict of the table): Arrow's hash look-up built its table of the ~20,000 codes
        again at each call, several per partition."""
        import numpy as np

        if self._sorted is None:
            texts = strings_of(self.codes["hcpcs"])
            # numpy's fixed-width texts drop trailing NULs ('A\0' would be 'A'): a table with such a code, or a null
            # one, and such a code asked, are looked up by Arrow's exact comparison
            exact = texts and None not in texts and "\0" not in "".join(texts)
            listed = np.array(texts if exact else [], dtype=str)
            order = np.argsort(listed, kind="stable").astype(np.int32)  # stable: a code's first row first
            self._sorted = (listed[order], order)
        listed, order = self._sorted
        if not len(listed) or "\0" in "".join(codes):
            return self._hashed_positions(codes)
        wanted = np.array(codes, dtype=str)
        at = np.minimum(np.searchsorted(listed, wanted), len(listed) - 1)
        found: np.ndarray = np.where(listed[at] == wanted, order[at], -1).astype(np.int64)
        return found

    def _hashed_positions(self, codes: list[str]) -> np.ndarray:
        import pyarrow.compute as pc

        from rvucalc.batch.arrow_columns import int_values, string_array

        found: np.ndarray = int_values(
            pc.index_in(string_array(codes), value_set=self.codes["hcpcs"].combine_chunks()), -1
        )
        return found


def _cached(name: str, releases: list[Release], build: Callable[[], pa.Table]) -> pa.Table:
    """The table from the cache file for these releases, building and writing it first if needed.

    Each file is checked against the sha256 written beside it when it was built (or copied from the wheel): a trial
    changed two bytes of 99213's work RVU in one and batch priced it $416.46 where `price` said $107.63, and a
    truncated one failed every run. A file that fails is rebuilt, with one line on stderr (as a compiled store is)."""
    import pyarrow as pa
    import pyarrow.ipc as ipc

    from rvucalc._version import __version__
    from rvucalc.reference import store

    fingerprint = ":".join([__version__, str(STORE_SCHEMA), str(REFERENCE_SCHEMA)] + [
        f"{r.dataset}-{r.release}-{r.manifest_sha256}" for r in releases])  # fmt: skip
    key = hashlib.sha256(fingerprint.encode()).hexdigest()[:16]
    path = cache_dir() / f"batch-{name}-{'-'.join(r.release for r in releases)}-{key}.arrow"
    problem = _damage(path) if path.exists() else None
    if problem is not None:
        store.notice(f"the batch reference file {path} {problem}; rebuilding it from the compiled data.")
        _remove(path)
    made = not path.exists()
    if made:
        _from_wheel(path)
    if not path.exists():
        table = build()
        path.parent.mkdir(parents=True, exist_ok=True)
        temp_name = new_file(path.parent, path.name)  # the umask's mode, not mkstemp's 0600: a shared cache
        try:
            with pa.OSFile(temp_name, "wb") as sink, ipc.new_file(sink, table.schema) as writer:
                writer.write_table(table)
            _write_digest(path, _digest(Path(temp_name)))  # first: a file beside no digest is a damaged one
            os.replace(temp_name, path)
        finally:
            if os.path.exists(temp_name):
                os.unlink(temp_name)
    if made:  # another rvucalc version's or schema's file of the same table and releases, once a month old
        store.remove_superseded(path, (DIGEST_SUFFIX,))
    return ipc.open_file(pa.memory_map(str(path))).read_all()


DIGEST_SUFFIX = ".sha256"


def _damage(path: Path) -> str | None:
    """Why the cache file cannot be trusted (None: its bytes are the ones built)."""
    try:
        expected = path.with_name(path.name + DIGEST_SUFFIX).read_text().strip()
    except OSError:
        return "has no checksum beside it"
    try:
        found = _digest(path)
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    return None if found == expected else "does not match its checksum (damaged or changed)"


def _digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _write_digest(path: Path, digest: str) -> None:
    target = path.with_name(path.name + DIGEST_SUFFIX)
    temp_name = new_file(path.parent, target.name)
    with open(temp_name, "w") as sink:
        sink.write(digest)
    os.replace(temp_name, target)


def _remove(path: Path) -> None:
    from rvucalc.errors import LocalDataError

    for stale in (path, path.with_name(path.name + DIGEST_SUFFIX)):
        try:
            stale.unlink(missing_ok=True)
        except OSError as exc:
            raise LocalDataError(
                f"The batch reference file {stale} is damaged and cannot be removed ({exc.strerror or exc}). Delete "
                "it by hand, or set RVUCALC_CACHE_DIR to a writable folder."
            ) from None


# The sha256 of each batch file the wheel ships (hatch_build.py writes it beside them).
SHIPPED_SHA256 = "batch-sha256.json"


def _from_wheel(path: Path) -> None:
    """Copy the file the wheel ships for these releases (keyed alike: built by the same rvucalc from the same
    manifests) into the cache, when its bytes are the ones built (a changed byte inside a valid Arrow file would
    still open, and price with another number: a review found 99213's work RVU edited and read without a word).
    Anything else (no such file, no record, another sha256) leaves the cache without it: the caller builds it."""
    import json

    shipped = data_dir() / "compiled" / path.name
    try:
        expected = json.loads((shipped.parent / SHIPPED_SHA256).read_text()).get(path.name)
        data = shipped.read_bytes()
    except (OSError, ValueError, AttributeError):
        return
    if not expected or hashlib.sha256(data).hexdigest() != expected:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp_name = new_file(path.parent, path.name)
        with open(temp_name, "wb") as sink:
            sink.write(data)
        _write_digest(path, expected)
        os.replace(temp_name, path)
    except OSError:
        return


def pfs_reference(pricer: Pricer, release: Release) -> PfsReference:
    import pyarrow as pa

    store = pricer.catalogue.store(release)

    def rvu() -> pa.Table:
        names = ["hcpcs", "modifier", "status", "work_rvu", "pe_nonfac_rvu", "nonfac_na", "pe_fac_rvu", "fac_na",
                 "mp_rvu", "conv_factor", "pctc", "mult_proc", "opps_nonfac_pe", "opps_fac_pe", "opps_mp"]  # fmt: skip
        data = store.columns("rvu", names, order_by="hcpcs, modifier")
        data["key"] = [f"{code}|{modifier}" for code, modifier in zip(data["hcpcs"], data["modifier"], strict=True)]
        return pa.table(data)

    def localities() -> pa.Table:
        return pa.table(store.columns("locality", ["locality", "gpci_work", "gpci_pe", "gpci_mp"], order_by="locality"))

    rvu_table = _cached("rvu", [release], rvu)
    locality_table = _cached("localities", [release], localities)
    position = {code: i for i, code in enumerate(strings_of(locality_table["locality"]))}

    def zips() -> pa.Table:
        data = store.columns("zip", ["zip", "locality", "plus4"], order_by="zip")
        data["locality"] = [position[code] for code in data["locality"]]
        data["plus4"] = [flag == "1" for flag in data["plus4"]]
        return pa.table(data, schema=pa.schema([("zip", pa.string()), ("locality", pa.int32()),
                                                ("plus4", pa.bool_())]))  # fmt: skip

    def caps() -> pa.Table:
        rows = {key: i for i, key in enumerate(strings_of(rvu_table["key"]))}
        data = store.columns("opps_cap", ["hcpcs", "modifier", "locality", "cap_fac", "cap_nonfac"])
        keys = [rows[f"{code}|{mod}"] * len(position) + position[loc]
                for code, mod, loc in zip(data["hcpcs"], data["modifier"], data["locality"], strict=True)]  # fmt: skip
        order = sorted(range(len(keys)), key=keys.__getitem__)
        return pa.table({
            "key": pa.array([keys[i] for i in order], pa.int64()),
            "cap_fac": pa.array([data["cap_fac"][i] for i in order], pa.int64()),
            "cap_nonfac": pa.array([data["cap_nonfac"][i] for i in order], pa.int64()),
        })  # fmt: skip

    return PfsReference(release, rvu_table, locality_table, _cached("zips", [release], zips),
                        _cached("caps", [release], caps))  # fmt: skip


def facility_reference(
    pricer: Pricer, pfs: PfsReference, opps: Release | None, asc: Release | None, warnings: list[str]
) -> FacilityReference:
    """OPPS and ASC terms per code of the PFS release, from the given quarters' releases (None: not installed).

    Keyed by the releases in force, not by date: every date of a quarter shares one table."""
    import pyarrow as pa

    from rvucalc.lookup.pricer import prior_opps

    year = pfs.release.year
    opps_store = pricer.catalogue.store(opps) if opps is not None else None
    asc_store = pricer.catalogue.store(asc) if asc is not None else None
    prior = prior_opps(pricer.catalogue, year) if opps is None else None  # what says the OPPS pays a code at all

    def build() -> pa.Table:
        from rvucalc.lookup.pricer import not_installed, opps_not_installed

        prior_rows = {row["hcpcs"]: row for row in pricer.catalogue.store(prior).rows("opps")} if prior else {}

        # The PFS's codes and the facility-only ones (C-codes, drugs and devices in Addendum B, AA, BB).
        codes = set(strings_of(pfs.rvu["hcpcs"]))
        # each code's PC/TC indicator (its row without a modifier): a professional-only code's reason
        # (engine.facility.professional_only_reason)
        pctc = {code: indicator for code, modifier, indicator in zip(strings_of(pfs.rvu["hcpcs"]),
                strings_of(pfs.rvu["modifier"]), strings_of(pfs.rvu["pctc"]), strict=True) if not modifier}  # fmt: skip
        schema = pa.schema([
            ("hcpcs", pa.string()), ("opps_rate", pa.int64()), ("opps_copay", pa.int64()),
            ("opps_reason", pa.string()), ("asc_rate", pa.int64()), ("asc_device", pa.int64()),
            ("asc_fixed", pa.bool_()), ("asc_reason", pa.string()), ("opps_apc", pa.string()),
            ("asc_discount", pa.bool_()), ("opps_listed", pa.bool_()), ("asc_listed", pa.bool_()),
            ("opps_t", pa.bool_()), ("opps_j1", pa.bool_()), ("opps_si", pa.string()),
            ("asc_ira", pa.int64()), ("opps_share", pa.int64()), ("opps_alone", pa.bool_()), ("asc_alone", pa.bool_()),
            ("asc_kind", pa.int8()), ("asc_note", pa.string()), ("asc_excluded", pa.bool_()),
            ("opps_note", pa.string()),
        ])  # fmt: skip
        columns: dict[str, list[Any]] = {name: [] for name in schema.names}
        opps_rows = {row["hcpcs"]: row for row in opps_store.rows("opps")} if opps_store else {}
        asc_rows = {name: {row["hcpcs"]: row for row in asc_store.rows(f"asc_{name}")} if asc_store else {}
                    for name in ("aa", "bb", "ee", "ff")}  # fmt: skip
        codes |= set(opps_rows) | set(asc_rows["aa"]) | set(asc_rows["bb"]) | set(asc_rows["ee"])
        for code in sorted(codes):
            columns["hcpcs"].append(code)
            rate = copay = None
            share = NO_MEDICARE_SHARE
            apc = ""
            status_t = j1 = False
            status = ""
            ira_note = ""  # a rebatable drug's IRA coinsurance note (engine.facility.ira_hospital_note)
            alone = False  # engine.facility.left_out_alone
            reason: str | None
            if opps_store is None:
                reason = opps_not_installed(year, code, prior, prior_rows.get(code), pctc.get(code), prior_rows.get)
                # an anesthesia code the newest earlier Addendum B packages: $0.00 (engine.facility.ANESTHESIA_AT_HOPD)
                anesthesia = anesthesia_opps_packaged(code, year, None if prior is None else prior.release,
                                                      prior_rows.get(code))  # fmt: skip
                if anesthesia is not None:
                    rate, copay, reason = 0, 0, site_remark(anesthesia)
            else:
                row = opps_rows.get(code)
                opps = price_opps(row, code, year, None, opps_store.release.release, pctc=pctc.get(code),
                                  row_of=opps_rows.get)  # fmt: skip
                if opps.payable and row is not None:
                    # A packaged code (SI N) is paid $0.00, whatever rate the file prints for it; a drug's rate under
                    # half a cent a unit ($0.00 rounded: J2002 $0.003) is kept, its units' payment rounded once.
                    packaged = opps.status_indicator in OPPS_PACKAGED
                    rate, copay = 0 if packaged else row["rate"], _cents(opps.national_copayment)
                    if opps.medicare_share is not None:
                        share = int(opps.medicare_share.scaleb(6))
                    status_t, j1 = opps.status_indicator == "T", opps.status_indicator == "J1"
                    status = opps.status_indicator or ""
                    ira_note = ira_hospital_note(opps.notes)
                apc = (row or {}).get("apc") or ""
                reason = site_remark(opps)  # why not paid, or that it is packaged
                alone = left_out_alone(opps)
            columns["opps_alone"].append(alone)
            columns["opps_listed"].append(opps_store is not None and code in opps_rows)
            columns["opps_t"].append(status_t)
            columns["opps_j1"].append(j1)
            columns["opps_si"].append(status)
            columns["opps_apc"].append(apc)
            columns["opps_rate"].append(rate)  # mills
            columns["opps_copay"].append(copay)
            columns["opps_share"].append(share)  # millionths (kernels.opps_medicare_share)
            columns["opps_reason"].append(reason or "")
            columns["opps_note"].append(ira_note)
            asc_rate, device, fixed, discount, listed, ira, note = None, 0, False, False, False, 0, None
            alone = False
            kind = 0  # a covered surgical procedure, a separately paid ancillary service (batch.claims)
            if asc_store is None:
                reason = not_installed("ASC", year)
            else:
                rows = {name: asc_rows[name].get(code) for name in asc_rows}
                asc = price_asc(rows, code, None, asc_store.release.release)
                listed = asc.payment_indicator is not None
                if asc.payable:
                    # A packaged code (PI N1) is paid $0.00, whatever rate Addendum BB prints for it (C9101: $1.30).
                    asc_rate = 0 if asc.rate == 0 else _cents(asc.national_rate)
                    fixed = asc.payment_indicator in ASC_NOT_WAGE_ADJUSTED
                    discount = bool(asc.multiple_procedure_discounting)
                    ff = rows["ff"]
                    if asc.payment_indicator == "J8" and ff is not None and ff["device_portion"]:
                        device = int(ff["device_portion"])
                    ira = asc_ira_copay(rows["bb"], asc.addendum or "") or 0
                    note = asc_indicator_note(asc)  # an indicator whose meaning is unverified (S2)
                reason = site_remark(asc)
                alone = left_out_alone(asc)
                kind = ASC_PROCEDURE if asc_covered_procedure(asc) else ASC_ANCILLARY if asc_separate_ancillary(
                    asc) else 0  # fmt: skip
            columns["asc_alone"].append(alone)
            columns["asc_kind"].append(kind)
            columns["asc_rate"].append(asc_rate)
            columns["asc_device"].append(device)
            columns["asc_fixed"].append(fixed)
            columns["asc_discount"].append(discount)
            columns["asc_listed"].append(listed)
            columns["asc_ira"].append(ira)
            columns["asc_reason"].append(reason or "")
            columns["asc_note"].append(note or "")
            # on Addendum EE (excluded from ASCs): a code the facility tables list (lookup.pricer's unknown codes)
            columns["asc_excluded"].append(asc_store is not None and code in asc_rows["ee"])
        return pa.table(columns, schema=schema)

    used = [pfs.release] + [store.release for store in (opps_store, asc_store) if store is not None]
    used += [prior] if prior is not None else []  # its rows say which codes the OPPS pays at all
    cap = INPATIENT_DEDUCTIBLE_CENTS.get(year)
    return FacilityReference(
        codes=_cached("facility", used, build),
        copay_cap=cap,
        warnings=warnings,
        copay_cap_note="" if cap is None else copayment_capped_note(year, cap),
    )


class _AreasOnce(Store):
    """The store, with its county and wage-area look-ups answered once: the ZIP5 file's 43,000 ZIPs share
    about 3,200 counties and 1,000 wage areas, and a query each made the wage table 130,000 queries
    (1.8 s of a first batch run per release). The answers are read, never changed, by ``geography``."""

    def __init__(self, store: Store) -> None:
        super().__init__(store.release, store.path, store._db)
        self._counties: dict[str, dict[str, Any] | None] = {}
        self._states: dict[str, str | None] = {}
        self._areas: dict[tuple[bool, str], list[dict[str, Any]]] = {}

    def county(self, county_fips: str) -> dict[str, Any] | None:
        if county_fips not in self._counties:
            self._counties[county_fips] = super().county(county_fips)
        return self._counties[county_fips]

    def state_name(self, state_fips: str) -> str | None:
        if state_fips not in self._states:
            self._states[state_fips] = super().state_name(state_fips)
        return self._states[state_fips]

    def wage_indexes(self, cbsa: str) -> list[dict[str, Any]]:
        if (False, cbsa) not in self._areas:
            self._areas[(False, cbsa)] = super().wage_indexes(cbsa)
        return self._areas[(False, cbsa)]

    def rural_wage_indexes(self, state_name: str) -> list[dict[str, Any]]:
        if (True, state_name) not in self._areas:
            self._areas[(True, state_name)] = super().rural_wage_indexes(state_name)
        return self._areas[(True, state_name)]


def wage_reference(pricer: Pricer, pfs: PfsReference) -> pa.Table:
    """Each ZIP of the PFS release's ZIP5 file: its wage index for facility rates (null: national), the
    warning saying why when there is none, and the note of a ZIP that spans counties (which one is used)."""
    import pyarrow as pa

    wage_store = pricer.catalogue.optional_store("wage", pfs.release.year, None, [])
    geo_release = pricer.catalogue.newest("geo")

    def build() -> pa.Table:
        geo = _AreasOnce(pricer.catalogue.store(geo_release))
        wage = _AreasOnce(wage_store) if wage_store is not None else None
        indexes, warnings, notes, choices = [], [], [], []
        state_of = dict(zip(*pricer.catalogue.store(pfs.release).columns("zip", ["zip", "state"]).values(),
                            strict=True))  # fmt: skip
        for zip5 in strings_of(pfs.zips["zip"]):
            place = geography.resolve(zip5, geo, wage, state_of.get(zip5))
            indexes.append(place.wage_index)
            warnings.append("; ".join(place.warnings))
            notes.append("; ".join(place.notes))
            choices.append(",".join(str(value) for value in place.wage_index_choices))
        return pa.table({"wage_index": pa.array(indexes, pa.int64()), "warning": pa.array(warnings, pa.string()),
                         "county_note": pa.array(notes, pa.string()),
                         "choices": pa.array(choices, pa.string())})  # fmt: skip

    used = [pfs.release, geo_release] + ([wage_store.release] if wage_store else [])
    return _cached("wage", used, build)


def _cents(amount: Any) -> int | None:
    return None if amount is None else int(amount.scaleb(2))
