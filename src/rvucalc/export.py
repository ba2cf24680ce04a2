"""Full fee-schedule exports, like CMS's payment files: every payable code x every locality.

The amounts come from the kernels single lookups and batch use (``engine.kernels``: the
PFS formula, the OPPS imaging cap, the payable statuses, the OPPS/ASC wage adjustment),
applied to whole columns.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from rvucalc.engine.facility_meanings import (
    ASC_NOT_PAID,
    ASC_PACKAGED,
    ASC_PI,
    OPPS_NOT_PAID,
    OPPS_NOT_WAGE_ADJUSTED,
    OPPS_PACKAGED,
    OPPS_SI,
    meaning,
)
from rvucalc.engine.hospitals import (
    MARYLAND_AREA_ALL,
    MARYLAND_AREA_PART,
    MARYLAND_AREA_PART_REASON,
    MARYLAND_AREA_REASON,
    maryland_area,
)
from rvucalc.engine.kernels import (
    NO_CAP,
    WAGE_INDEX_SCALE,
    asc_rate,
    capped_fee,
    fee_cents,
    is_contractor_priced,
    is_paid_status,
    limiting_charge,
    opps_rate,
    opps_rvu_units,
    what_if_opps_cap,
)
from rvucalc.errors import ReleaseNotInstalledError, UsageError

if TYPE_CHECKING:
    import pandas as pd

    from rvucalc.lookup.pricer import Pricer
    from rvucalc.reference.releases import Release


def export_table(
    pricer: Pricer,
    *,
    what: str,
    year: int | None,
    cbsa: str | list[str] | None,
    target: str,
    conversion_factor: Any = None,
    warnings: list[str] | None = None,
    left_out: dict[str, int] | None = None,
    release: str | None = None,
    notices: list[str] | None = None,
    localities: list[str] | None = None,
    states: list[str] | None = None,
    workbook: bool = False,
    zip_code: str | None = None,
    qp: bool = False,
) -> int:
    """``conversion_factor``: a what-if CF (``engine.scenario``) for the PFS matrix, in a ``scenario`` column. ``qp``:
    the PFS matrix with CMS's qualifying APM participant CF (2026 on), as ``price --qp``; each row's CF is its
    ``conversion_factor`` column.
    ``warnings``: gets what the caller should tell the user (CBSAs whose rates are left blank, and why).
    ``left_out``: gets the codes not exported, counted by why (``left_out_summary`` says it).
    ``release``: an installed release of the dataset exported (2025A; 2025-07), else the year's newest.
    ``notices``: gets which release was exported and the year's other installed releases.
    ``cbsa``: 'all', or CBSAs of the wage index file (an item may be a comma list). ``localities``: the PFS matrix of
    these localities only (ids, names or unique prefixes, as ``price --locality``; an item may be a comma list).
    ``states``: the PFS matrix of every locality of these states (two-letter codes, as ``price --state``: a locality
    of another state CMS's ZIP file maps the state's ZIPs to too, DC + MD/VA SUBURBS for MD, is in, ``warnings``
    saying so); with ``localities``, both. ``zip_code``: the PFS matrix of the ZIP's locality, placed as ``price
    --zip`` places it (``Pricer.zip_locality``: a ZIP split by ZIP+4 is the ZIP5 file's locality, ``warnings`` saying
    so); not with ``localities`` or ``states``. ``workbook``: ``target`` is written as an Excel workbook (batch's
    ``XlsxWriter``: money as numbers, codes as text), refused before a row is written when the table has more rows
    than a sheet holds."""
    if what not in ("pfs", "asc", "opps"):
        raise UsageError(f"--what {what!r}: choose pfs, asc or opps.")
    what_if = None
    if conversion_factor is not None:
        from rvucalc.engine.scenario import parse_conversion_factor

        if what != "pfs":
            raise UsageError("--conversion-factor goes with --what pfs (facility rates have no PFS CF).")
        what_if = parse_conversion_factor(conversion_factor)
    if qp and what != "pfs":
        raise UsageError("--qp goes with --what pfs (facility rates have no PFS conversion factor).")
    if qp and conversion_factor is not None:
        raise UsageError("Give --qp (CMS's qualifying APM participant CF) or a what-if --conversion-factor, not both.")
    cbsas = None if cbsa is None else [piece.strip() for item in ([cbsa] if isinstance(cbsa, str) else cbsa)
                                       for piece in item.split(",") if piece.strip()]  # fmt: skip
    if cbsas is not None and not cbsas:
        raise UsageError("--cbsa takes 'all' (a wage-adjusted rate for every CBSA in the wage index file) or CBSAs.")
    if cbsas is not None and "all" in (piece.lower() for piece in cbsas):
        if len(cbsas) > 1:
            raise UsageError("--cbsa all is every CBSA: give it alone, or the CBSAs you want (35614, 01).")
        cbsas = ["all"]
    if what == "pfs" and cbsas:
        raise UsageError("--cbsa goes with --what asc or opps.")
    if zip_code is not None and not zip_code.strip():  # an empty shell variable: never a silent every locality
        raise UsageError("--zip is empty: give it a value, or leave it out.")
    if zip_code is not None and (localities or states):
        raise UsageError(f"Give --zip or {'--locality' if localities else '--state'}, not both.")
    if what != "pfs" and (localities or states):
        flag = "--locality" if localities else "--state"
        raise UsageError(f"{flag} goes with --what pfs (the facility tables are by CBSA: --cbsa).")
    if what != "pfs" and zip_code is not None and cbsas is not None:
        raise UsageError("Give --zip (the ZIP's CBSA) or --cbsa, not both.")
    chosen = export_release(pricer, what, year, release)
    if what != "pfs" and zip_code is not None:
        # The facility tables are by CBSA: the ZIP's, as price --zip places a hospital or an ASC (its county's CBSA,
        # or the state's rural area), said in the notices (an ASC administrator's trial: --zip was refused).
        info = pricer.zip(zip_code, year=chosen.year)
        if not info.cbsa:
            raise UsageError(f"ZIP {info.zip}: no CBSA found for its county; give --cbsa (rvucalc zip {info.zip}).")
        cbsas = [info.cbsa]
        if warnings is not None:
            warnings += [w for w in info.notes if "county" in w.lower() and w not in warnings]
        if notices is not None:
            notices.append(f"ZIP {info.zip}: CBSA {info.cbsa} ({info.cbsa_name}), county {info.county_fips} "
                           f"({info.county_name})")  # fmt: skip
    qp_factor = chosen.qp_conversion_factor() if qp else None  # a usage error before 2026, saying why
    if notices is not None:
        notices.append(release_notice(pricer, what, chosen))
        if qp_factor is not None:
            notices.append(f"PFS amounts with CMS's qualifying APM participant (QP) conversion factor, {qp_factor}, "
                           "for every row (--qp)")  # fmt: skip
    if warnings is not None:  # installed from a file that is not CMS's published one: said once (even with -q)
        from rvucalc.reference.releases import provenance_warnings

        warnings.extend(provenance_warnings([chosen]))
    if what == "pfs":
        wanted: list[str] | None = None
        if zip_code is not None:  # price --zip's place: the ZIP5 file's locality (a split ZIP said in warnings)
            said: list[str] = []
            zip_row, place = pricer.zip_locality(pricer.store(chosen), zip_code, said)
            wanted = [place["locality"]]
            if warnings is not None:
                warnings += said
            if notices is not None:
                notices.append(f"ZIP {zip_row['zip']}: locality {place['locality']} ({place['name']})")
        if states is not None:
            codes = [piece.strip().upper() for item in states for piece in item.split(",") if piece.strip()]
            if not codes:
                raise UsageError("--state: give a two-letter state (FL; repeat or comma list).")
            wanted = []
            for code in codes:
                listing = pricer.localities(code, year=chosen.year)  # NotFoundError: no locality in that state
                wanted += [item.locality for item in listing.localities if item.locality not in wanted]
                if warnings is not None:  # price --state's: another state's locality listed for this one
                    warnings += [w for w in listing.warnings if w.startswith("Locality ") and w not in warnings]
        if localities:
            from rvucalc.lookup.localities import resolve_locality

            pieces = [piece for item in localities for piece in item.split(",") if piece.strip()]
            if not pieces:
                raise UsageError("--locality: give a locality id (1320201), a name or a unique prefix.")
            from rvucalc.lookup.pricer import locality_read_as

            wanted = wanted or []
            for piece in pieces:
                found = resolve_locality(pricer, piece, year=chosen.year)
                wanted += [locality for locality in found if locality not in wanted]
                row = pricer.store(chosen).locality(found[0]) if len(found) == 1 else None
                read_as = None if row is None else locality_read_as(piece, row)  # as price and batch say it
                if read_as and warnings is not None:
                    warnings.append(read_as)
    sizes: list[int] = []  # the table's rows, known before its first chunk is built
    if what == "pfs":
        frames = pfs_frames(pricer, year, what_if, left_out, release=chosen, localities=wanted, sizes=sizes,
                            qp_factor=qp_factor)  # fmt: skip
    else:
        frames = facility_frames(pricer, what, year, cbsas is not None, warnings, left_out, release=chosen,
                                 cbsa=None if cbsas in (None, ["all"]) else cbsas, sizes=sizes)  # fmt: skip
    if workbook:
        return _write_workbook(frames, target, sizes)
    from rvucalc.batch.files import write_arrow_csv

    rows = 0
    sink = sys.stdout.buffer if target == "-" else open(target, "wb")  # noqa: SIM115
    try:
        # A chunk at a time (a few localities, or a few hundred codes x every CBSA): the whole table is never held.
        for number, frame in enumerate(frames):
            table = _arrow_table(frame)
            write_arrow_csv(table, sink, header=number == 0)
            rows += table.num_rows
    finally:
        if sink is sys.stdout.buffer:
            sink.flush()
        else:
            sink.close()
    return rows


# Decimal columns that are not money, written to a workbook as numbers (their own digits: 33.4009, never through a
# float's text) so that a formula can use them, as the money columns: the CF each PFS row was priced with (an analyst's
# trial found it stored as text), and the wage index an ASC or OPPS row's rate was adjusted with (1.2951; blank where
# the file lists the CBSA twice: a later analyst's trial found it text beside the numeric rate).
WORKBOOK_NUMBER_COLUMNS = frozenset({"conversion_factor", "wage_index"})


def _write_workbook(frames: Iterator[pd.DataFrame], target: str, sizes: list[int]) -> int:
    """The export as one sheet of an Excel workbook, a chunk at a time (batch's writer: ``batch.xlsx``, its memory
    bounded whatever the row count): money columns numbers with a currency format, the year and the conversion factor
    numbers (``WORKBOOK_NUMBER_COLUMNS``), every other column text as in the CSV (codes, localities and CBSAs keep
    their leading zeros). More rows than a sheet holds are refused before a row is written."""
    from rvucalc.batch.files import XLSX_MAX_ROWS
    from rvucalc.batch.xlsx import XlsxWriter
    from rvucalc.errors import OutputFailedError

    writer: XlsxWriter | None = None
    rows = 0
    try:
        for frame in frames:
            if writer is None:  # the decimal columns' positions, from the first chunk's header
                numbers = frozenset(i for i, name in enumerate(frame.columns) if name in WORKBOOK_NUMBER_COLUMNS)
                writer = XlsxWriter(target, integer_columns={"year"}, number_columns=numbers)
            if sizes and sizes[0] > XLSX_MAX_ROWS:
                raise OutputFailedError(
                    f"an Excel sheet holds {XLSX_MAX_ROWS:,} rows below its header and this export has "
                    f"{sizes[0]:,}: write CSV (-o FILE.csv), or fewer rows to the workbook (--locality or --state for "
                    "the PFS, CBSAs with --cbsa); nothing was written"
                )
            table = _arrow_table(frame)
            writer.write(table)
            rows += table.num_rows
        if writer is None:  # no chunk at all: the header-less empty sheet, as before
            writer = XlsxWriter(target, integer_columns={"year"})
        writer.close()
    except BaseException:
        if writer is not None:
            writer.abort()
        raise
    return rows


def _arrow_table(frame: pd.DataFrame) -> Any:
    import pyarrow as pa

    return pa.table(
        {str(name): column if isinstance(column, pa.Array) else pa.array(column) for name, column in frame.items()}
    )


def export_release(pricer: Pricer, what: str, year: int | None, name: str | None = None) -> Release:
    """The release an export is of: ``name`` (an installed release of the dataset, of ``year`` if given), else the
    year's newest PFS release, or for a facility table the newest release of that PFS release's year."""
    releases = pricer.catalogue.releases(what)
    if name is not None:
        found = [r for r in releases if r.release.upper() == name.strip().upper()]
        if not found:
            installed = ", ".join(r.release for r in releases) or "none"
            raise UsageError(f"--release {name}: no {what.upper()} release of that name is installed (installed: "
                             f"{installed}).")  # fmt: skip
        if year is not None and found[0].year != year:
            raise UsageError(f"--release {found[0].release} is of {found[0].year}, not --year {year}: give one.")
        return found[0]
    pfs_release, _ = pricer.catalogue.select("pfs", year=year)
    if what == "pfs":
        return pfs_release
    of_year = [r for r in releases if r.year == pfs_release.year]
    if not of_year:
        installed = ", ".join(r.release for r in releases) or "none"
        source = "Addendum B" if what == "opps" else "ASC addenda"
        raise ReleaseNotInstalledError(
            f"No {what.upper()} release for {pfs_release.year} is installed (installed: {installed}). Add CMS's "
            f"{source} with: rvucalc data refresh --from FILE (or --dataset {what} --year {pfs_release.year}), or "
            "export another --year."
        )
    return of_year[-1]


def release_notice(pricer: Pricer, what: str, release: Release) -> str:
    """Which release an export is of, and the other releases of its year installed (each exported by --release)."""
    others = [r for r in pricer.catalogue.releases(what) if r.year == release.year and r.release != release.release]
    text = f"{what.upper()} release {release.release} (in effect from {release.effective_from.isoformat()})"
    if not others:
        return f"{text}; no other {release.year} release is installed."
    listed = ", ".join(f"{r.release} (from {r.effective_from.isoformat()})" for r in others)
    return f"{text}; also installed for {release.year}: {listed}: export one with --release."


def left_out_summary(left_out: dict[str, int]) -> str | None:
    """One line: how many codes an export left out, by why (most first); None when it left none out."""
    if not left_out:
        return None
    kinds = sorted(left_out.items(), key=lambda item: -item[1])
    # CMS's rows, not codes: the PFS file has a row per code and modifier (26, TC, 53), the addenda one per code.
    return (
        f"{sum(left_out.values()):,} of CMS's rows (a code, or a code and modifier) not exported: "
        + "; ".join(f"{n:,} {why}" for why, n in kinds)
        + "."
    )


def _count(left_out: dict[str, int] | None, reasons: Any) -> None:
    if left_out is not None:
        for reason in reasons:
            left_out[reason] = left_out.get(reason, 0) + 1


def _short(text: str) -> str:
    """A meaning's first words: 'Statutory exclusion: not a physician service ...' -> 'Statutory exclusion'."""
    return text.split(":")[0].split(";")[0].split(" (")[0]


# Rows per chunk of an export: whole localities or whole codes (x every CBSA), about this many rows.
CHUNK_ROWS = 200_000


def pfs_table(pricer: Pricer, year: int | None, conversion_factor: Any = None) -> pd.DataFrame:
    """The whole PFS matrix in one frame (``pfs_frames`` joined)."""
    import pandas as pd

    return pd.concat(list(pfs_frames(pricer, year, conversion_factor)), ignore_index=True)


def pfs_frames(
    pricer: Pricer,
    year: int | None,
    conversion_factor: Any = None,
    left_out: dict[str, int] | None = None,
    *,
    release: Release | None = None,
    localities: list[str] | None = None,
    sizes: list[int] | None = None,
    qp_factor: str | None = None,
) -> Iterator[pd.DataFrame]:
    """The PFS matrix, every payable code x every locality (or ``localities``, 7-digit ids), a few localities at a
    time (in the file's order).
    ``left_out`` counts the RVU file's rows (a code, a code with a modifier) with no national amount, by why.
    ``sizes`` gets the matrix's row count before the first chunk is built. ``qp_factor``: CMS's QP conversion factor
    (``Release.qp_conversion_factor``) for every row, in place of the RVU file's."""
    import pandas as pd

    from rvucalc.engine.meanings import STATUS

    release = release or export_release(pricer, "pfs", year)
    store = pricer.catalogue.store(release)
    rvu = pd.DataFrame(list(store.rows("rvu")))
    # Rows with a national amount only: contractor-priced rows (status C, zero RVUs) have none, never 0.00.
    contractor = is_contractor_priced(*(rvu[name].to_numpy() for name in (
        "status", "work_rvu", "pe_nonfac_rvu", "pe_fac_rvu", "mp_rvu")))  # fmt: skip
    paid = is_paid_status(rvu["status"].to_numpy()) & ~contractor
    _count(left_out, [
        "priced by the MAC (status C, or zero RVUs: no national amount)" if mac
        else f"status {status} ({_short(STATUS.get(status, 'not paid under the PFS'))}: "
        + ("priced from base and time units, price CODE --base-units N --minutes M)" if status == "J"
           else "no PFS payment)")
        for status, mac in zip(rvu["status"][~paid], contractor[~paid], strict=True)
    ])  # fmt: skip
    rvu = rvu[paid]
    places = pd.DataFrame(list(store.localities()))
    places = places[["locality", "mac", "locality_number", "name", "gpci_work", "gpci_pe", "gpci_mp"]]
    if localities is not None:
        missing = sorted(set(localities) - set(places["locality"]))
        if missing:
            raise UsageError(f"--locality {', '.join(missing)}: not a locality of {release.release}. List them with: "
                             "rvucalc localities")  # fmt: skip
        places = places[places["locality"].isin(localities)]
    caps = pd.DataFrame(list(store.rows("opps_cap")))[["hcpcs", "modifier", "locality", "cap_fac", "cap_nonfac"]]
    # A what-if CF's cap: the TC's OPPS RVUs beside each row (engine.kernels.WHAT_IF_OPPS_CAP; a TC row's own).
    tc_rows = rvu.loc[rvu["modifier"] == "TC", ["hcpcs", *_OPPS_RVUS]].rename(
        columns={name: f"tc_{name}" for name in _OPPS_RVUS}
    )
    if sizes is not None:
        sizes.append(len(places) * len(rvu))
    step = max(1, CHUNK_ROWS // max(len(rvu), 1))
    for start in range(0, max(len(places), 1), step):
        grid = places.iloc[start : start + step].merge(rvu, how="cross")
        grid = grid.merge(caps, on=["hcpcs", "modifier", "locality"], how="left")
        if conversion_factor is not None:
            grid = grid.merge(tc_rows, on="hcpcs", how="left")
        yield _pfs_frame(release, grid, conversion_factor, qp_factor)


# The RVU file's columns of the OPPS-based amount (the OPPS imaging cap's formula: engine.kernels.WHAT_IF_OPPS_CAP).
_OPPS_RVUS = ("work_rvu", "opps_nonfac_pe", "opps_fac_pe", "opps_mp")


def _what_if_caps(grid: pd.DataFrame, cap_field: str, gpci: tuple[Any, Any, Any], cf: Any) -> Any:
    """OPPSCAP's amounts (cents, NO_CAP where it lists none) under a what-if CF: price's (lookup.lines._what_if_cap)."""
    import numpy as np

    pe = "opps_nonfac_pe" if cap_field == "cap_nonfac" else "opps_fac_pe"

    def units(prefix: str) -> Any:
        work, opps_pe, opps_mp = (grid[f"{prefix}{name}"].fillna(0).to_numpy(dtype="int64")
                                  for name in ("work_rvu", pe, "opps_mp"))  # fmt: skip
        return opps_rvu_units(work, opps_pe, opps_mp, *gpci)

    whole = units("")
    own = (grid["modifier"] == "TC").to_numpy() | grid[f"tc_{pe}"].isna().to_numpy()  # a TC row: all of it the TC's
    tc = np.where(own, whole, units("tc_"))
    listed = grid[cap_field].notna().to_numpy()
    return np.where(listed, what_if_opps_cap(whole, tc, grid["conv_factor"].to_numpy(dtype="int64"), cf), NO_CAP)


def _pfs_frame(release: Any, grid: pd.DataFrame, conversion_factor: Any, qp_factor: str | None = None) -> pd.DataFrame:
    import numpy as np
    import pandas as pd

    from rvucalc.engine.pfs import ALWAYS_THERAPY

    out = pd.DataFrame(
        {
            "year": release.year,
            "release": release.release,
            "mac": grid["mac"],
            "locality_number": grid["locality_number"],
            "locality": grid["locality"],
            "locality_name": grid["name"],
            "hcpcs": grid["hcpcs"],
            "modifier": grid["modifier"],
            "status": grid["status"],
        }
    )
    args = {name: grid[name].to_numpy(dtype="int64") for name in ("work_rvu", "mp_rvu", "gpci_work", "gpci_pe",
                                                                  "gpci_mp", "conv_factor")}  # fmt: skip
    if conversion_factor is not None:  # a what-if CF for every row, labelled (the scenario column): not a CMS rate
        from rvucalc.engine.scenario import cf_units

        args["conv_factor"] = np.full(len(grid), cf_units(conversion_factor), dtype="int64")
    if qp_factor is not None:  # CMS's own rate for a qualifying APM participant (42 CFR 414.20(a)(6)): no what-if
        from rvucalc.engine.scenario import cf_units

        args["conv_factor"] = np.full(len(grid), cf_units(Decimal(qp_factor)), dtype="int64")
    cut: dict[str, Any] = {}
    for name, pe_field, na_field, cap_field in (
        ("non_facility", "pe_nonfac_rvu", "nonfac_na", "cap_nonfac"),
        ("facility", "pe_fac_rvu", "fac_na", "cap_fac"),
    ):
        fee = fee_cents(args["work_rvu"], grid[pe_field].to_numpy(dtype="int64"), args["mp_rvu"], args["gpci_work"],
                        args["gpci_pe"], args["gpci_mp"], args["conv_factor"])  # fmt: skip
        if conversion_factor is None:
            caps = grid[cap_field].fillna(NO_CAP).to_numpy(dtype="int64")
        else:  # a what-if CF: the cap's PC part at it too, as price's (engine.kernels.WHAT_IF_OPPS_CAP)
            gpci = (args["gpci_work"], args["gpci_pe"], args["gpci_mp"])
            caps = _what_if_caps(grid, cap_field, gpci, args["conv_factor"])
        capped = capped_fee(fee, caps)
        na = (grid[na_field] == "NA").to_numpy()
        if name == "facility":  # an always-therapy code is paid the non-facility amount there (engine.pfs.facility_na)
            na = na & (grid["mult_proc"] != ALWAYS_THERAPY).to_numpy()
        cut[name] = (capped != fee) & ~na  # the OPPS imaging cap lowered the amount (batch's and price's rule)
        fee = capped
        out[f"{name}_amount"] = _money(np.where(na, -1, fee))
        out[f"{name}_limiting_charge"] = _money(np.where(na, -1, limiting_charge(fee)))
    for column in ("pctc", "global_days", "mult_proc", "bilat_surg", "asst_surg", "co_surg", "team_surg"):
        out[column] = grid[column]
    out["notes"] = _pfs_notes(grid["status"].to_numpy(), cut["non_facility"], cut["facility"])
    # The what-if CF's label, blank without one: always there, and last, so that a script reads the same columns with
    # or without --conversion-factor (an analyst's trial: it was inserted 10th, only with one; price's and compare's
    # CSVs always carry it). Last: the runs without a what-if, most of them, keep every column where it was.
    from rvucalc.engine.scenario import scenario_text

    out["scenario"] = "" if conversion_factor is None else scenario_text(conversion_factor)
    # The CF each row was priced with (the RVU file's, --qp's or the what-if's), after scenario: a contract exhibit
    # says which of 2026's two CMS rates it is (an analyst's trial: export had no --qp, and nothing said the CF).
    units = args["conv_factor"]
    distinct, which = np.unique(units, return_inverse=True)
    out["conversion_factor"] = np.array([f"{u // 10_000}.{u % 10_000:04d}" for u in distinct.tolist()],
                                        dtype=object)[which]  # fmt: skip
    return out


def _pfs_notes(status: Any, cut_non_facility: Any, cut_facility: Any) -> Any:
    """A row's notes, as ``price`` gives them (its texts, joined by ' | ' as its CSV's notes): status T's rule, the
    OPPS imaging cap where it lowered an amount (which one said). '' for most rows."""
    import numpy as np

    from rvucalc.engine.policy import IMAGING_CAP_RULE
    from rvucalc.lookup.lines import STATUS_T_NOTE

    # Each row's text by number into a few texts (an array of references: no million copies of a long text).
    caps = [f"{IMAGING_CAP_RULE} ({where})" for where in ("non-facility amount", "facility amount",
                                                           "non-facility and facility amounts")]  # fmt: skip
    texts = np.array(["", *caps, STATUS_T_NOTE, *(f"{STATUS_T_NOTE} | {cap}" for cap in caps)], dtype=object)
    which = cut_non_facility.astype("int8") + 2 * cut_facility.astype("int8")
    return texts[which + 4 * (status == "T")]


def facility_table(
    pricer: Pricer, what: str, year: int | None, all_cbsas: bool, warnings: list[str] | None = None
) -> pd.DataFrame:
    """The whole facility table in one frame (``facility_frames`` joined)."""
    import pandas as pd

    return pd.concat(list(facility_frames(pricer, what, year, all_cbsas, warnings)), ignore_index=True)


def facility_frames(
    pricer: Pricer,
    what: str,
    year: int | None,
    all_cbsas: bool,
    warnings: list[str] | None = None,
    left_out: dict[str, int] | None = None,
    *,
    release: Release | None = None,
    cbsa: str | list[str] | None = None,
    sizes: list[int] | None = None,
) -> Iterator[pd.DataFrame]:
    """The national rates of every paid code; with ``all_cbsas``, every code x every CBSA of the year's wage index
    file that has a wage index, wage-adjusted, a few hundred codes (x every CBSA) at a time. A CBSA the file lists
    twice with different values (CY2025: 27) keeps its rows: a rate that is wage-adjusted is blank there and
    ``rate_reason`` says why (a national-rate code, a drug, is its national rate everywhere); ``warnings`` gets one
    line saying so."""
    import numpy as np
    import pandas as pd

    release = release or export_release(pricer, what, year)
    store = pricer.catalogue.store(release)
    if what == "opps":
        table = pd.DataFrame(list(store.rows("opps")))
        paid = ~table["si"].isin(OPPS_NOT_PAID) & table["rate"].notna()
        _count(left_out, [
            f"SI {si} ({_short(meaning(OPPS_SI, si))}" + ("" if si in OPPS_NOT_PAID else (
                ": packaged, no separate payment" if si in OPPS_PACKAGED else ": no rate in Addendum B")) + ")"
            for si in table["si"][~paid]
        ])  # fmt: skip
        table = table[paid]
        base = pd.DataFrame({"hcpcs": table["hcpcs"], "status_indicator": table["si"], "apc": table["apc"]})
        national_mills = table["rate"].to_numpy(dtype="int64")
        # Addendum B's rate as CMS prints it, to the mill (J9271 $60.291: a drug's rate per unit has 3 decimals),
        # which OPPS pricing uses whole (its units times the rate, rounded once): was rounded to the cent (60.29).
        base["national_rate"] = _mills(national_mills)
    else:
        table = _asc_paid(store, release.release, left_out)
        base = pd.DataFrame({"hcpcs": table["hcpcs"], "payment_indicator": table["pi"]})
        base["national_rate"] = _money(table["rate"].to_numpy(dtype="int64"))
    base.insert(0, "release", release.release)
    if not all_cbsas:
        if sizes is not None:  # the table's row count, before its first chunk (``pfs_frames``)
            sizes.append(len(base))
        yield _with_addendum(base, table, 1)
        return
    wage_releases = [r for r in pricer.catalogue.releases("wage") if r.year == release.year]
    if not wage_releases:
        raise ReleaseNotInstalledError(f"No wage index for {release.year} is installed.")
    wage_release = wage_releases[-1]
    wages = _cbsa_wage_indexes(pricer.catalogue.store(wage_release), wage_release.file("wage_index").cms_name)
    if cbsa is not None:  # these CBSAs (``--cbsa 35614 --cbsa 01``), in the order given
        wanted = [cbsa] if isinstance(cbsa, str) else list(dict.fromkeys(cbsa))
        unknown = [code for code in wanted if code not in set(wages["cbsa"])]
        if unknown:
            raise UsageError(
                f"--cbsa {', '.join(unknown)}: no CBSA of that code has a wage index in "
                f"{wage_release.file('wage_index').cms_name} (a CBSA is 5 digits, a state's rural area 2); 'all' for "
                "every CBSA."
            )
        order = {code: position for position, code in enumerate(wanted)}
        wages = wages[wages["cbsa"].isin(order)]
        wages = wages.iloc[wages["cbsa"].map(order).argsort(kind="stable")].reset_index(drop=True)
    if what == "opps":  # Maryland's hospitals are not paid under the OPPS (engine.hospitals: SSA §1814(b)(3) waiver)
        wages = wages.assign(maryland=[maryland_area(code, name) or "" for code, name in zip(
            wages["cbsa"], wages["name"], strict=True)])  # fmt: skip
        _maryland_warning(wages, warnings)
    twice = wages[(wages["wage_index"] < 0) & (wages.get("maryland", "") != MARYLAND_AREA_ALL)]  # rates blank anyway
    if len(twice) and warnings is not None:
        shown = ", ".join(twice["cbsa"].head(6)) + (", ..." if len(twice) > 6 else "")
        warnings.append(
            f"{wage_release.file('wage_index').cms_name} lists {len(twice)} CBSA{'s' if len(twice) > 1 else ''} "
            "more than once with different wage "
            f"indexes ({shown}): their rows are in the export with the wage-adjusted rates blank and rate_reason "
            "giving the rate at each value (national-rate codes, drugs, keep their rate). rvucalc does not choose "
            "between the values: price there with the wage index that applies (rvucalc price CODE --zip ZIP "
            "--wage-index N for a hospital's OPPS rate, --asc-wage-index N for an ASC's rate; batch the same)."
        )
    base = base.reset_index(drop=True)
    table = table.reset_index(drop=True)
    repeat = len(wages)
    if sizes is not None:
        sizes.append(len(base) * repeat)
    step = max(1, CHUNK_ROWS // max(repeat, 1))
    for start in range(0, max(len(base), 1), step):
        codes = slice(start, start + step)
        part = table.iloc[codes]
        columns = ["cbsa", "name", "wage_index", "values", *(["maryland"] if what == "opps" else [])]
        grid = base.iloc[codes].merge(wages[columns], how="cross")
        wi = grid["wage_index"].to_numpy(dtype="int64")
        known = wi >= 0
        if what == "opps":
            fixed = np.repeat(part["si"].isin(OPPS_NOT_WAGE_ADJUSTED).to_numpy(), repeat)
            index = np.where(fixed | ~known, WAGE_INDEX_SCALE, wi)
            national = np.repeat(national_mills[codes], repeat)
            device = np.zeros(len(national), dtype=np.int64)
            cents = opps_rate(national, index)
        else:
            national = np.repeat(part["rate"].to_numpy(dtype="int64"), repeat)
            device = np.repeat(part["device_cents"].to_numpy(dtype="int64"), repeat)
            fixed = np.repeat(part["fixed"].to_numpy(dtype=bool), repeat)
            cents = asc_rate(national, device, np.where(known, wi, WAGE_INDEX_SCALE), fixed)
        blank = ~known & ~fixed  # a wage-adjusted rate with no wage index to adjust it by: not guessed, not national
        maryland = grid["maryland"].to_numpy(dtype=object) if what == "opps" else np.full(len(grid), "", dtype=object)
        blank = blank | (maryland == MARYLAND_AREA_ALL)  # no hospital there is paid the OPPS rate, a drug's neither
        grid["rate"] = _money(np.where(blank, -1, cents))
        grid["wage_index"] = np.where(known, _scaled(np.maximum(wi, 0), 4), "")
        reasons = np.full(len(grid), "", dtype=object)
        if blank.any():  # each of CMS's values and its rate (engine.wage_choices, as price's and batch's reason)
            site = "OPPS" if what == "opps" else "ASC"
            at = np.flatnonzero(blank)
            values = grid["values"].to_numpy(dtype=object)[at]
            reasons[at] = [
                _choice_reason(site, text, int(rate), int(portion))
                for text, rate, portion in zip(values, national[at], device[at], strict=True)
            ]
        reasons[maryland == MARYLAND_AREA_ALL] = MARYLAND_AREA_REASON
        reasons[maryland == MARYLAND_AREA_PART] = MARYLAND_AREA_PART_REASON
        if what != "opps":  # a device-intensive (J8) code's device portion is not wage-adjusted: said, as price says it
            at = np.flatnonzero(known & ~fixed & (device > 0))
            reasons[at] = [_device_reason(int(portion)) for portion in device[at]]
        grid["rate_reason"] = reasons.astype(str)
        grid = grid.drop(columns=[column for column in ("values", "maryland") if column in grid])
        yield _with_addendum(grid.rename(columns={"name": "cbsa_name"}), part, repeat)


def _maryland_warning(wages: pd.DataFrame, warnings: list[str] | None) -> None:
    """The OPPS export's stderr line naming the wage areas that are Maryland's, or partly (engine.hospitals)."""
    if warnings is None:
        return
    whole = [f"{code} {name}" for code, name, area in wages[["cbsa", "name", "maryland"]].itertuples(index=False)
             if area == MARYLAND_AREA_ALL]  # fmt: skip
    part = [f"{code} {name}" for code, name, area in wages[["cbsa", "name", "maryland"]].itertuples(index=False)
            if area == MARYLAND_AREA_PART]  # fmt: skip
    if whole:
        warnings.append(
            f"Maryland's hospitals are not paid under the OPPS (SSA §1814(b)(3) waiver: the Health Services Cost "
            f"Review Commission sets their rates): the rates of {', '.join(whole)} are blank, rate_reason saying so."
        )
    if part:
        warnings.append(
            f"{', '.join(part)}: the rates are those of the area's hospitals outside Maryland (rate_reason says so); "
            "a Maryland hospital there is not paid under the OPPS."
        )


def _asc_paid(store: Any, release: str, left_out: dict[str, int] | None = None) -> pd.DataFrame:
    """The ASC's paid codes: its covered surgical procedures (Addendum AA) and then its covered ancillary services
    (Addendum BB: imaging, drugs, skin substitutes), each as ``price_asc`` prices it (one implementation: the same
    rate, the same rule for which are paid, an Addendum EE exclusion, a device portion paid nationally)."""
    import pandas as pd

    from rvucalc.engine.facility import asc_wage_terms, price_asc

    tables = {name: {row["hcpcs"]: row for row in store.rows(f"asc_{name}")} for name in ("aa", "bb", "ee", "ff")}
    out = []
    for code in [*tables["aa"], *(code for code in tables["bb"] if code not in tables["aa"])]:
        rows = {name: tables[name].get(code) for name in tables}
        result = price_asc(rows, code, None, release)
        if not result.payable or not result.rate:  # not paid, or packaged ($0.00, in another code's payment)
            pi = result.payment_indicator
            _count(left_out, [
                "excluded from payment in ASCs (Addendum EE)" if rows["ee"] is not None
                else f"PI {pi} ({_short(meaning(ASC_PI, str(pi)))}" + ("" if pi in ASC_NOT_PAID else (
                    ": packaged, no separate payment" if pi in ASC_PACKAGED else ": no rate in the addendum")) + ")"
            ])  # fmt: skip
            continue
        pi = str(result.payment_indicator)
        _, device_cents, fixed = asc_wage_terms(rows, pi)
        national = int(result.rate.scaleb(2))
        out.append({"hcpcs": code, "pi": pi, "rate": national, "device_cents": device_cents, "fixed": fixed,
                    "addendum": result.addendum})  # fmt: skip
    return pd.DataFrame(out, columns=["hcpcs", "pi", "rate", "device_cents", "fixed", "addendum"])


def _with_addendum(frame: pd.DataFrame, table: pd.DataFrame, repeat: int) -> pd.DataFrame:
    """ASC rows: the addendum each code is paid from (AA, a covered surgical procedure; BB, an ancillary service
    paid only integral to one), the last column."""
    import numpy as np

    if "addendum" in table:
        frame["addendum"] = np.repeat(table["addendum"].to_numpy(dtype=str), repeat)
    return frame


def _cbsa_wage_indexes(store: Any, file: str) -> pd.DataFrame:
    """One row per CBSA of the wage index file, in its order: ``wage_index`` (ten-thousandths), or -1 when the file
    lists it with different values, ``reason`` saying so. CBSAs with no wage index (a state with no rural area: New
    Jersey, Rhode Island) have no hospital to pay and are left out."""
    import pandas as pd

    rows = pd.DataFrame(list(store.rows("wage_index")))
    out = []
    for cbsa, group in rows.groupby("cbsa", sort=False):
        values = sorted({int(value) for value in group["wage_index"].dropna()})
        if not values:
            continue
        index = values[0] if len(values) == 1 else -1
        several = ",".join(str(value) for value in values) if len(values) > 1 else ""
        out.append({"cbsa": cbsa, "name": group["name"].iloc[0], "wage_index": index, "values": several})
    return pd.DataFrame(out, columns=["cbsa", "name", "wage_index", "values"])


@functools.lru_cache(maxsize=4_096)
def _device_reason(device: int) -> str:
    """A device-intensive (PI J8) ASC rate's rate_reason where it is wage-adjusted: its device portion (Addendum FF,
    ``device`` cents) paid at the national amount, the rest adjusted (``kernels.asc_rate``), in the words of price's
    note (engine.facility.price_asc). A trial read 23472 at Dallas's CBSA, $13,842.16, as no national x (0.5 x wage
    index + 0.5), $13,660.55, with rate_reason blank. Short (a J8 row of every CBSA has it: `--cbsa all`, 378,488
    rows): its citations and caveat are engine.facility.DEVICE_INTENSIVE_BRIEF's, one text; cached per device
    portion, the CBSAs repeating each."""
    from rvucalc.engine.facility import DEVICE_INTENSIVE_BRIEF, _dollars  # price's note's dollars and citations

    return (f"Device-intensive (J8): device portion {_dollars(device)} (Addendum FF) paid nationally, the rest "
            f"wage-adjusted ({DEVICE_INTENSIVE_BRIEF})")  # fmt: skip


@functools.lru_cache(maxsize=65_536)
def _choice_reason(site: str, values: str, national: int, device: int) -> str:
    """A wage-adjusted rate's rate_reason where the file lists the CBSA with different values (``values``,
    '6471,7158'): each value's rate (``national``: OPPS mills, ASC cents, ``device`` its portion paid nationally),
    in engine.wage_choices's words."""
    from rvucalc.engine.wage_choices import choice_reason, parse_choices

    wage_indexes = parse_choices(values)
    if site == "OPPS":
        rates = [int(opps_rate(national, value)) for value in wage_indexes]
    else:
        rates = [int(asc_rate(national, device, value, False)) for value in wage_indexes]
    return choice_reason(site, wage_indexes, rates)


def _scaled(values: Any, places: int) -> Any:
    """Whole units of 10**-places -> text with that many decimals: 12951, 4 -> '1.2951'."""
    import numpy as np

    scale = 10**places
    return np.char.add(
        np.char.add((values // scale).astype(str), "."), np.char.zfill((values % scale).astype(str), places)
    )


def _mills(mills: Any) -> Any:
    """Whole mills (1/1000 dollar, OPPS Addendum B's precision) -> an exact decimal column with 3 decimals (written
    '60.291', '88.050'); -1 -> '' (not priced). Wrapped for pandas as ``_money`` is."""
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    from rvucalc.batch.arrow_columns import MONEY_PRECISION, money_array

    mills = np.asarray(mills, dtype="int64")
    cents_typed = money_array(np.maximum(mills, 0), mills >= 0)  # the same buffers, read at the mill's scale
    array = pa.Array.from_buffers(pa.decimal64(MONEY_PRECISION, 3), len(cents_typed), cents_typed.buffers(),
                                  null_count=-1)  # fmt: skip
    return pd.arrays.ArrowExtensionArray(array)


def _money(cents: Any) -> Any:
    """Whole cents -> an exact money column (written '1234.56'); -1 -> '' (not priced).

    Wrapped for pandas so that the frame keeps the Arrow column as it is (no Decimal objects)."""
    import numpy as np
    import pandas as pd

    from rvucalc.batch.arrow_columns import money_array

    cents = np.asarray(cents, dtype="int64")
    return pd.arrays.ArrowExtensionArray(money_array(np.maximum(cents, 0), cents >= 0))
