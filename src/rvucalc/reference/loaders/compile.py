"""Assemble one release's store tables from its raw files, with cross-checks."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rvucalc.errors import BadCell, DataFileError
from rvucalc.reference.loaders import geo, opps, pfs

if TYPE_CHECKING:
    import pandas as pd

    from rvucalc.reference.releases import Release


def release_tables(release: Release) -> dict[str, pd.DataFrame]:
    """The store tables of any release, by dataset."""
    builders = {"pfs": pfs_tables, "opps": opps_tables, "asc": asc_tables, "wage": wage_tables, "geo": geo_tables}
    builders.update({"clfs": clfs_tables, "asp": asp_tables, "dmepos": dmepos_tables})
    return builders[release.dataset](release)


def opps_tables(release: Release) -> dict[str, pd.DataFrame]:
    return {"opps": opps.load_addendum_b(release.path("addendum_b"))}


def asc_tables(release: Release) -> dict[str, pd.DataFrame]:
    return {f"asc_{name}": opps.load_asc_addendum(release.path(name), name) for name in ("aa", "bb", "ee", "ff")}


def wage_tables(release: Release) -> dict[str, pd.DataFrame]:
    frame = opps.load_wage_index(release.path("wage_index"))
    # A rural wage index of 0 (2026) or blank (2025) means the state has no rural area.
    frame["wage_index"] = frame["wage_index"].where(frame["wage_index"] != 0, None)
    return {"wage_index": frame}


def geo_tables(release: Release) -> dict[str, pd.DataFrame]:
    zip_county = geo.load_zip_county(release.path("zip_county"))
    zip_county["res_ratio"] = zip_county["res_ratio"].astype(float)
    zip_county["tot_ratio"] = zip_county["tot_ratio"].astype(float)
    counties = geo.load_cbsa_delineation(release.path("cbsa"))
    states = counties[["state_fips", "state_name"]].drop_duplicates().reset_index(drop=True)
    return {"zip_county": zip_county, "county": counties, "state": states}


def pfs_tables(release: Release) -> dict[str, pd.DataFrame]:
    import pandas as pd

    localities = locality_table(release)
    anes, national = pfs.load_anesthesia(release.path("anesthesia"))
    return {
        "rvu": pfs.load_rvu(release.path("rvu")),
        "locality": localities,
        "zip": zip_table(release, set(localities["locality"])),
        "opps_cap": opps_cap_table(release, localities),
        "anes": anes,
        "meta": pd.DataFrame({"key": [f"anes_national_{k}" for k in national], "value": list(national.values())}),
    }


def locality_table(release: Release) -> pd.DataFrame:
    """One row per locality: GPCIs, state, CMS name, and its counties with their source."""
    gpci_path = release.path("gpci")
    if pfs.is_lookup_locality_file(gpci_path):
        frame = _lookup_gpcis_with_names(release)
    else:
        frame = pfs.load_gpci_addendum(gpci_path, release.year)
        frame["description"] = frame["name"]
    frame["locality"] = frame["mac"] + frame["locality_number"]
    counties = _counties(release)
    frame["counties"] = [counties.get(key, (None, None))[0] for key in frame["locality"]]
    frame["counties_source"] = [counties.get(key, (None, None))[1] for key in frame["locality"]]
    return frame


def _lookup_gpcis_with_names(release: Release) -> pd.DataFrame:
    """GPCIs from the look-up tool's file; state and name from the GPCI addendum, which must agree."""
    lookup = pfs.load_lookup_localities(release.path("gpci"))
    check_file = release.file("gpci_check")
    addendum = pfs.load_gpci_addendum(release.path("gpci_check"), release.year)
    merged = lookup.merge(
        addendum[["mac", "locality_number", "state", "name", "gpci_work", "gpci_pe", "gpci_mp"]],
        on=["mac", "locality_number"],
        how="outer",
        suffixes=("", "_check"),
        indicator="found_in",
    )
    bad: list[BadCell] = []
    for row in merged.itertuples():
        if row.found_in != "both":
            where = "the look-up file" if row.found_in == "left_only" else check_file.path
            bad.append(BadCell(where, 0, "locality", f"{row.mac}{row.locality_number}", "in both GPCI files"))
            continue
        for kind in ("work", "pe", "mp"):
            ours, theirs = getattr(row, f"gpci_{kind}"), getattr(row, f"gpci_{kind}_check")
            if ours != theirs:
                bad.append(
                    BadCell(
                        release.file("gpci").path,
                        int(row.line),
                        f"gpci_{kind}",
                        str(ours / 1000),
                        f"{theirs / 1000} as in {check_file.path}",
                    )
                )
    if bad:
        raise DataFileError(f"Release {release.release}: the two GPCI files disagree.", bad)
    return merged.drop(columns=["found_in", "gpci_work_check", "gpci_pe_check", "gpci_mp_check"])


def _counties(release: Release) -> dict[str, tuple[str, str]]:
    """Locality -> (county list, where it came from).

    A list with a stray quote was cut by a re-formatting loader; the fallback
    file's list for the same locality is used instead, and labelled so.
    """
    primary_file = release.file("counties")
    lists = _county_lists(pfs.load_locality_counties(release.path("counties")))
    fallback: dict[str, str] = {}
    if release.has("counties_fallback"):
        fallback = _county_lists(pfs.load_locality_counties(release.path("counties_fallback")))
    result: dict[str, tuple[str, str]] = {}
    for key, counties in lists.items():
        if '"' not in counties:
            result[key] = (counties, primary_file.cms_name)
        elif key in fallback:
            result[key] = (
                fallback[key],
                f"{release.file('counties_fallback').cms_name} (the copy of {primary_file.cms_name} rvucalc ships "
                "cut this locality's county list at a comma)",
            )
    return result


def _county_lists(frame: pd.DataFrame) -> dict[str, str]:
    lists: dict[str, str] = {}
    for row in frame.itertuples():
        key = row.mac + row.locality_number
        text = str(row.counties).strip()
        lists[key] = f"{lists[key]}; {text}" if key in lists and text not in lists[key] else text
    return lists


def zip_table(release: Release, localities: set[str]) -> pd.DataFrame:
    zip_file = release.file("zip5")
    frame = pfs.load_zip5(release.path("zip5"))
    frame["locality"] = frame["mac"] + frame["locality_number"]
    unknown = frame[~frame["locality"].isin(localities)]
    if len(unknown):
        cells = [
            BadCell(zip_file.path, int(row.line), "CARRIER+LOCALITY", row.locality, "a locality with GPCIs")
            for row in unknown.itertuples()
        ]
        raise DataFileError(f"{zip_file.path}: ZIPs point at localities the GPCI file lacks.", cells)
    return frame


def opps_cap_table(release: Release, localities: pd.DataFrame) -> pd.DataFrame:
    """OPPSCAP rows keyed to our localities.

    OPPSCAP repeats the Southern California localities (17, 18, 71-74) under carrier
    01112 as well as under 01182, the MAC the GPCI file gives them. A row naming a
    carrier+locality that is not a locality is dropped when the same code has the
    same caps under the state's real locality of that number; otherwise the file is
    rejected, naming the rows.
    """
    frame = pfs.load_opps_cap(release.path("opps_cap"))
    known = frame[frame["locality"].isin(set(localities["locality"]))]
    unknown = frame[~frame["locality"].isin(set(localities["locality"]))]
    state_of_mac = dict(zip(localities["mac"], localities["state"], strict=False))
    locality_of = {(row.state, row.locality_number): row.locality for row in localities.itertuples()}
    caps = {(row.hcpcs, row.modifier, row.locality): (row.cap_fac, row.cap_nonfac) for row in known.itertuples()}
    bad = [
        BadCell(release.file("opps_cap").path, int(row.line), "CARRIER+LOCALITY", row.locality, "a locality")
        for row in unknown.itertuples()
        if caps.get(
            (row.hcpcs, row.modifier, locality_of.get((state_of_mac.get(row.mac, ""), row.locality_number), ""))
        )
        != (row.cap_fac, row.cap_nonfac)
    ]
    if bad:
        raise DataFileError(f"{release.file('opps_cap').path}: rows name unknown localities.", bad)
    return known.reset_index(drop=True)


# -- CLFS, ASP, DMEPOS/PEN: each file is checked against its manifest's year and quarter --------


def clfs_tables(release: Release) -> dict[str, pd.DataFrame]:
    """CLFS rows; every row's YEAR is the release's and no EFF_DATE falls after the release's quarter."""
    from rvucalc.reference.loaders import schedules

    entry = release.file("clfs")
    frame = schedules.load_clfs(release.path("clfs"))
    quarter_end = _quarter_end(release.effective_from)
    bad = [
        BadCell(entry.path, int(row.line), "YEAR", str(row.year), f"{release.year} (the release's year)")
        for row in frame.itertuples()
        if row.year != release.year
    ]
    bad += [
        BadCell(
            entry.path,
            int(row.line),
            "EFF_DATE",
            row.eff_date,
            f"on or before {quarter_end} (release {release.release})",
        )
        for row in frame.itertuples()
        if dt.date.fromisoformat(row.eff_date) > quarter_end
    ]
    title_year = frame.attrs.get("title_year")
    if title_year not in (None, release.year):
        bad.append(BadCell(entry.path, 1, "title", str(title_year), f"{release.year} (the release's year)"))
    if bad:
        raise DataFileError(f"{entry.path} does not belong to CLFS release {release.release}.", bad)
    return {"clfs": frame}


def asp_tables(release: Release) -> dict[str, pd.DataFrame]:
    """ASP payment limits; the title's 'Effective <Month> 1, <year>' must be the release's first day."""
    from rvucalc.reference.loaders import schedules

    entry = release.file("payment_limit")
    frame = schedules.load_asp(release.path("payment_limit"))
    effective = frame.attrs.get("effective_from")
    if effective != release.effective_from:
        raise DataFileError(
            f"{entry.path}: its title says it takes effect on {effective or '(no Effective ... line)'}, "
            f"but release {release.release} starts on {release.effective_from}. Is this the right quarter's file?"
        )
    return {"asp": frame}


def dmepos_tables(release: Release) -> dict[str, pd.DataFrame]:
    """DMEPOS items and state fees, with PEN's when the release has it; titles must name the release's month."""
    import pandas as pd

    from rvucalc.reference.loaders import schedules

    items, fees = [], []
    for role, source in (("dmepos", "DMEPOS"), ("pen", "PEN")):
        if not release.has(role):
            continue
        entry = release.file(role)
        found_items, found_fees = schedules.load_dmepos(release.path(role), source)
        title = found_items.attrs.get("title")
        if title != (source, release.effective_from):
            raise DataFileError(
                f"{entry.path}: its title rows read as {title[0] + ' ' + str(title[1]) if title else '(no title)'}, "
                f"not the {source} fee schedule of {release.effective_from} (release {release.release})."
            )
        items.append(found_items)
        fees.append(found_fees)
    return {"dmepos": pd.concat(items, ignore_index=True), "dmepos_fee": pd.concat(fees, ignore_index=True)}


def _quarter_end(start: dt.date) -> dt.date:
    month = (start.month - 1) // 3 * 3 + 3
    return dt.date(start.year + (month // 12), month % 12 + 1, 1) - dt.timedelta(days=1)
