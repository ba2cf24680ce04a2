"""Batch pricing: a DataFrame of claim lines in, the same rows priced out.

``BatchPricer.price_frame`` is a pure function of one partition of lines and the
reference tables (loaded once from the compiled stores), so it runs the same on
pandas chunks and on Dask partitions. It uses the single lookup's code: the PFS
formula (``engine.pfs.fee_cents``) vectorized over integer columns, and, for the
few distinct (code, place) pairs, the scalar OPPS/ASC, geography and policy code.
Every input row comes out once, in order, priced or with its ``error``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import astuple, dataclass, field, fields
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from rvucalc import geography
from rvucalc.engine.facility import (
    COINSURANCE_PERCENT,
    OPPS_LABOR_PERCENT,
    asc_adjusted_cents,
    wage_adjust_cents,
    wage_adjust_mills,
)
from rvucalc.engine.pfs import LIMITING_CHARGE_PERCENT, NATIONAL_GPCI, fee_cents, not_priced_reason, percent_of
from rvucalc.errors import RvucalcError, UsageError
from rvucalc.lines import CODE_SHAPE, COMPONENT_MODIFIERS, INFORMATIONAL, MODIFIER_SHAPE
from rvucalc.releases import Release

if TYPE_CHECKING:
    import pandas as pd

    from rvucalc.api import Pricer

INPUT_COLUMNS = ("code", "modifier", "units", "zip", "locality", "year", "date", "setting")
OUTPUT_COLUMNS = (
    "pfs_non_facility_amount",
    "pfs_facility_amount",
    "pfs_non_facility_limiting_charge",
    "pfs_facility_limiting_charge",
    "opps_rate",
    "opps_copayment",
    "asc_rate",
    "asc_coinsurance",
    "office_allowed",
    "office_beneficiary",
    "office_medicare",
    "hopd_allowed",
    "hopd_beneficiary",
    "hopd_medicare",
    "asc_allowed",
    "asc_beneficiary",
    "asc_medicare",
    "allowed",
    "beneficiary",
    "medicare",
    "release",
    "locality_priced",
    "note",
    "error",
)
SITES = ("office", "hopd", "asc")
MONEY_COLUMNS = tuple(name for name in OUTPUT_COLUMNS if name not in ("release", "locality_priced", "note", "error"))


def normalize_columns(frame: pd.DataFrame) -> dict[str, str]:
    """Input header -> our name, case-insensitively; the ``code`` column is required."""
    mapping: dict[Any, str] = {}
    for name in frame.columns:
        key = str(name).strip().lower()
        if key in INPUT_COLUMNS and key not in mapping.values():
            mapping[name] = key
    if "code" not in mapping.values():
        raise UsageError(f"The input has no 'code' column (columns: {', '.join(map(str, frame.columns))}).")
    return mapping


@dataclass
class _Facility:
    """A code's national facility terms; NaN amounts mean "not payable there"."""

    opps_rate: float = float("nan")  # national rate, mills
    opps_copay: float = float("nan")  # national copayment, cents
    copay_cap: float = float("nan")  # the year's inpatient deductible, cents
    asc_rate: float = float("nan")  # national rate, cents
    asc_device: int = 0  # device portion not wage-adjusted (J8), cents
    asc_fixed: bool = False  # PI paid at the national rate
    opps_reason: str | None = None
    asc_reason: str | None = None


FACILITY_FIELDS = [item.name for item in fields(_Facility)]


@dataclass
class BatchPricer:
    """Prices DataFrames of lines against the installed releases (reference tables cached)."""

    pricer: Pricer
    _rvu: dict[str, pd.DataFrame] = field(default_factory=dict)
    _places: dict[tuple[str, str], tuple[int | None, str | None]] = field(default_factory=dict)
    _facility: dict[tuple[Any, ...], _Facility] = field(default_factory=dict)
    _releases: dict[tuple[str, str], tuple[Release | None, str | None, str | None]] = field(default_factory=dict)
    _rows: dict[tuple[int, str], tuple[Any, ...]] = field(default_factory=dict)

    # -- reference tables ------------------------------------------------------------

    def rvu_table(self, release: Release) -> pd.DataFrame:
        import pandas as pd

        if release.release not in self._rvu:
            store = self.pricer.store(release)
            rows = list(store.rows("rvu"))
            self._rvu[release.release] = pd.DataFrame(rows).set_index(["hcpcs", "modifier"])
        return self._rvu[release.release]

    def _release_for(self, year: str, date: str) -> tuple[Release | None, str | None, str | None]:
        """PFS release for a row's year/date, with a warning or an error (cached per distinct pair)."""
        key = (year, date)
        if key not in self._releases:
            try:
                day = dt.date.fromisoformat(date) if date else None
                if year and not (year.isdigit() and len(year) == 4):
                    raise UsageError(f"year {year!r} is not a year")
                release, warnings = self.pricer.select(int(year) if year else None, day)
                self._releases[key] = (release, "; ".join(warnings) or None, None)
            except ValueError:
                self._releases[key] = (None, None, f"date {date!r} is not YYYY-MM-DD")
            except RvucalcError as exc:
                self._releases[key] = (None, None, str(exc))
        return self._releases[key]

    # -- pricing ------------------------------------------------------------------------

    def price_frame(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Price one partition. Input cells are text; output = input columns + OUTPUT_COLUMNS.

        Money is carried as float64 cents: every value is a whole number of cents far
        below 2**53, so float arithmetic on them is exact; NaN means "no amount". The
        output has dollars (cents / 100), which '%.2f' writes back exactly.
        """
        import numpy as np
        import pandas as pd

        names = normalize_columns(frame)
        text = {ours: frame[theirs].fillna("").astype(str).str.strip() for theirs, ours in names.items()}
        blank = pd.Series("", index=frame.index, dtype=object)
        w = pd.DataFrame(index=frame.index)
        code_text = text["code"].str.upper()
        split = code_text.str.partition("-")
        w["code"] = split[0]
        w["modifiers"] = (split[2] + "-" + text.get("modifier", blank).str.upper()).str.strip("-")
        for name in ("zip", "locality", "year", "date"):
            w[name] = text.get(name, blank)
        w["setting"] = text.get("setting", blank).str.lower()
        w["error"] = ""
        w["note"] = ""
        w.loc[~w["code"].str.fullmatch(CODE_SHAPE.pattern), "error"] = "malformed code"
        self._modifiers(w)
        units = pd.to_numeric(text.get("units", blank).replace("", "1"), errors="coerce")
        bad_units = (units.isna() | (units <= 0) | (units != units.round())).to_numpy()
        w.loc[bad_units & (w["error"] == "").to_numpy(), "error"] = "units must be a whole number of 1 or more"
        w["units"] = units.where(~bad_units, 1).astype("float64")
        w.loc[~w["setting"].isin(("", *SITES)) & (w["error"] == ""), "error"] = "setting must be office, hopd or asc"
        for column in MONEY_COLUMNS:
            w[column] = np.nan
        w["release"] = ""
        w["locality_priced"] = ""
        for (year, date), index in w.groupby(["year", "date"], sort=False).groups.items():
            release, warning, problem = self._release_for(year, date)
            ok = index[(w.loc[index, "error"] == "").to_numpy()]
            if problem:
                w.loc[ok, "error"] = problem
                continue
            assert release is not None
            w.loc[ok, "release"] = release.release
            if warning:
                w.loc[ok, "note"] = warning
            self._price_release(release, w, ok)
        self._choose_setting(w)
        result = frame.copy()
        failed = w["error"] != ""
        for column in OUTPUT_COLUMNS:
            if column in MONEY_COLUMNS:
                # Dollars as float64: whole cents / 100 prints exactly with '%.2f' (writers use it).
                result[column] = w[column].where(~failed) / 100
            else:
                result[column] = w[column].where(~failed, "") if column != "error" else w["error"]
        result["note"] = w["note"]
        return result

    def _modifiers(self, w: pd.DataFrame) -> None:
        """Per distinct modifier text: the component row (26/TC/53 or ''), whether payment-policy
        modifiers need the full rules (the single lookup, row by row), or an error."""
        component: dict[str, str] = {}
        policy: dict[str, bool] = {}
        for value in w["modifiers"].unique():
            parts = [p for p in str(value).split("-") if p]
            components = [p for p in parts if p in COMPONENT_MODIFIERS]
            if any(not MODIFIER_SHAPE.fullmatch(p) for p in parts) or len(components) > 1:
                w.loc[(w["modifiers"] == value) & (w["error"] == ""), "error"] = f"bad modifier {value!r}"
            component[value] = components[0] if components else ""
            policy[value] = any(p not in COMPONENT_MODIFIERS and p not in INFORMATIONAL for p in parts)
        w["component"] = w["modifiers"].map(component)
        w["policy"] = w["modifiers"].map(policy).astype(bool)

    def _price_release(self, release: Release, w: pd.DataFrame, index: Any) -> None:
        import numpy as np
        import pandas as pd

        store = self.pricer.store(release)
        tables = self.place_tables(release)
        rows = w.loc[index]
        zip5 = rows["zip"].str[:5]
        from_zip = zip5.map(tables["zip"])
        bad_zip = (rows["zip"] != "") & from_zip.isna()
        w.loc[bad_zip[bad_zip].index, "error"] = "ZIP not in CMS's ZIP5 file"
        given = rows["locality"]
        cleaned = given.map({value: value.replace(" ", "").replace("-", "") for value in given.unique()})
        locality = from_zip.where(rows["zip"] != "", cleaned)
        locality = locality.fillna("")
        bad_locality = (locality != "") & ~locality.isin(tables["gpci"].index) & ~bad_zip
        w.loc[bad_locality[bad_locality].index, "error"] = "locality not in the GPCI file"
        rows = rows[~bad_zip & ~bad_locality]
        locality = locality[rows.index]
        rvu = self.rvu_table(release)
        keys = pd.MultiIndex.from_arrays([rows["code"], rows["component"]])
        found = keys.isin(rvu.index)
        missing = rows.index[~found]
        w.loc[missing, "error"] = [f"{c} is not in the {release.year} fee schedule" for c in rows.loc[missing, "code"]]
        rows, locality = rows[found], locality[found]
        data = rvu.loc[pd.MultiIndex.from_arrays([rows["code"], rows["component"]])].reset_index()
        data.index = rows.index
        scalar = (rows["policy"] | (data["status"] == "J")).to_numpy()
        for row_index in rows.index[scalar]:
            self._scalar_row(row_index, release, w)
        data, locality = data[~scalar], locality[~scalar]
        gpci = tables["gpci"].reindex(locality)  # national ('') rows match nothing: GPCIs 1.000
        gw, gpe, gmp = (gpci[c].fillna(n).astype("int64").to_numpy() for c, n in zip(
            ("gpci_work", "gpci_pe", "gpci_mp"), NATIONAL_GPCI, strict=True))  # fmt: skip
        cf = data["conv_factor"].astype("int64").to_numpy()
        work, mp = data["work_rvu"].astype("int64").to_numpy(), data["mp_rvu"].astype("int64").to_numpy()
        caps = self._caps(store, data, locality)
        paid_status = data["status"].isin(("A", "R", "T")).to_numpy()
        for name, pe_field, na_field, cap_field in (
            ("non_facility", "pe_nonfac_rvu", "nonfac_na", "cap_nonfac"),
            ("facility", "pe_fac_rvu", "fac_na", "cap_fac"),
        ):
            fee = fee_cents(work, data[pe_field].astype("int64").to_numpy(), mp, gw, gpe, gmp, cf)
            cap = caps[cap_field].to_numpy()
            fee = np.where((cap >= 0) & (cap < fee), cap, fee)
            priced = paid_status & (data[na_field] != "NA").to_numpy()
            amount = np.where(priced, fee, np.nan)
            w.loc[data.index, f"pfs_{name}_amount"] = amount
            w.loc[data.index, f"pfs_{name}_limiting_charge"] = percent_of(amount, LIMITING_CHARGE_PERCENT)
        for status, status_index in data.groupby("status").groups.items():
            reason = not_priced_reason({"status": status, "nonfac_na": "", "fac_na": ""}, "facility")
            if reason:
                w.loc[status_index, "note"] = reason
        w.loc[data.index, "locality_priced"] = locality.where(locality != "", "0000000")
        priced_rows = w.loc[rows.index]
        self._facility_and_sites(release, priced_rows[priced_rows["error"] == ""], w)

    def place_tables(self, release: Release) -> dict[str, Any]:
        import pandas as pd

        key = f"places-{release.release}"
        if key not in self._rvu:
            store = self.pricer.store(release)
            zips = pd.DataFrame(list(store.rows("zip"))).set_index("zip")["locality"]
            gpci = pd.DataFrame(list(store.localities())).set_index("locality")[["gpci_work", "gpci_pe", "gpci_mp"]]
            self._rvu[key] = {"zip": zips, "gpci": gpci}
        return self._rvu[key]

    def _caps(self, store: Any, data: pd.DataFrame, locality: pd.Series) -> pd.DataFrame:
        import pandas as pd

        key = f"caps-{store.release.release}"
        if key not in self._rvu:
            self._rvu[key] = pd.DataFrame(list(store.rows("opps_cap")))
        caps = self._rvu[key]
        if caps.empty:
            return pd.DataFrame({"cap_fac": -1, "cap_nonfac": -1}, index=data.index)
        keys = pd.DataFrame({"hcpcs": data["hcpcs"], "modifier": data["modifier"], "locality": locality})
        merged = keys.merge(caps, on=["hcpcs", "modifier", "locality"], how="left")
        merged.index = data.index
        return merged[["cap_fac", "cap_nonfac"]].fillna(-1).astype("int64")

    def _facility_and_sites(self, release: Release, rows: pd.DataFrame, w: pd.DataFrame) -> None:
        """OPPS and ASC rates and each site's allowed amount and shares, vectorized.

        Whether a code is payable, its national amounts and the reason when not come
        from the single lookup's functions, once per code and quarter; the wage
        adjustment uses the same formula functions on whole columns.
        """
        import numpy as np
        import pandas as pd

        if rows.empty:
            return
        zip5 = rows["zip"].str[:5]
        wage = zip5.map({z: self._wage(release, z)[0] if z else None for z in zip5.unique()})
        wi = wage.to_numpy(dtype="float64", na_value=np.nan)
        has_wi = ~np.isnan(wi)
        wi_int = np.where(has_wi, wi, 10_000).astype("int64")
        keys = rows["code"] + "|" + rows["date"]
        unique = keys.unique()
        terms = pd.DataFrame(
            [self._facility_row(release, key) for key in unique], index=unique, columns=FACILITY_FIELDS
        ).reindex(keys)
        opps_national = terms["opps_rate"].to_numpy(dtype="float64")  # mills; NaN: not payable
        opps_copay = terms["opps_copay"].to_numpy(dtype="float64")
        cap = terms["copay_cap"].to_numpy(dtype="float64")
        opps_ok = ~np.isnan(opps_national)
        rate = wage_adjust_mills(np.nan_to_num(opps_national).astype("int64"), wi_int, OPPS_LABOR_PERCENT)
        copay = wage_adjust_cents(np.nan_to_num(opps_copay).astype("int64"), wi_int, OPPS_LABOR_PERCENT)
        copay = np.where(np.isnan(cap), copay, np.minimum(copay, np.nan_to_num(cap)))
        w.loc[rows.index, "opps_rate"] = np.where(opps_ok, rate, np.nan)
        w.loc[rows.index, "opps_copayment"] = np.where(opps_ok, copay, np.nan)
        asc_national = terms["asc_rate"].to_numpy(dtype="float64")
        device = terms["asc_device"].to_numpy(dtype="int64")
        fixed = terms["asc_fixed"].to_numpy(dtype=bool) | ~has_wi
        asc_ok = ~np.isnan(asc_national)
        national = np.nan_to_num(asc_national).astype("int64")
        asc_rate = np.where(fixed, national, asc_adjusted_cents(national, device, wi_int))
        w.loc[rows.index, "asc_rate"] = np.where(asc_ok, asc_rate, np.nan)
        w.loc[rows.index, "asc_coinsurance"] = np.where(asc_ok, percent_of(asc_rate, COINSURANCE_PERCENT * 100), np.nan)
        part = w.loc[rows.index]
        office = part["pfs_non_facility_amount"].to_numpy()
        professional = part["pfs_facility_amount"].to_numpy()
        units = part["units"].to_numpy()
        for site, facility_amount, facility_share, prof in (
            ("office", np.zeros(len(part)), np.zeros(len(part)), office),
            # As in single lookups: a payable facility with no PFS facility amount is the facility alone.
            ("hopd", part["opps_rate"].to_numpy(), part["opps_copayment"].to_numpy(), np.nan_to_num(professional)),
            ("asc", part["asc_rate"].to_numpy(), part["asc_coinsurance"].to_numpy(), np.nan_to_num(professional)),
        ):
            total = facility_amount + prof
            beneficiary = facility_share + percent_of(prof, COINSURANCE_PERCENT * 100)
            w.loc[rows.index, f"{site}_allowed"] = total * units
            w.loc[rows.index, f"{site}_beneficiary"] = beneficiary * units
            w.loc[rows.index, f"{site}_medicare"] = (total - beneficiary) * units
        reasons = {
            "hopd": terms["opps_reason"].fillna("").to_numpy(dtype=object),
            "asc": terms["asc_reason"].fillna("").to_numpy(dtype=object),
        }
        notes = part["note"].to_numpy(dtype=object)
        for site, reason in reasons.items():
            payable = opps_ok if site == "hopd" else asc_ok
            show = (part["setting"] == site).to_numpy() & ~payable & (reason != "")
            notes = np.where(show & (notes != ""), notes + "; " + reason, np.where(show, reason, notes))
        w.loc[rows.index, "note"] = notes

    @staticmethod
    def _choose_setting(w: pd.DataFrame) -> None:
        for site in SITES:
            chosen = w["setting"] == site
            for measure in ("allowed", "beneficiary", "medicare"):
                w.loc[chosen, measure] = w.loc[chosen, f"{site}_{measure}"]

    def _facility_row(self, release: Release, key: str) -> tuple[Any, ...]:
        cache_key = (release.year, key)
        if cache_key not in self._rows:
            self._rows[cache_key] = astuple(self._facility_for(release, *key.split("|")))
        return self._rows[cache_key]

    def _facility_for(self, release: Release, code: str, date: str) -> _Facility:
        """A code's national OPPS and ASC terms in the quarter in force (cached per code and date)."""
        from rvucalc.engine.facility import INPATIENT_DEDUCTIBLE_CENTS, price_asc, price_opps
        from rvucalc.engine.facility_meanings import ASC_NOT_WAGE_ADJUSTED

        key = (release.year, code, date)
        if key not in self._facility:
            day = dt.date.fromisoformat(date) if date else None
            result = _Facility()
            opps_store = self.pricer._optional_store("opps", release.year, day, [])
            if opps_store is None:
                result.opps_reason = f"OPPS CY{release.year} rates not installed"
            else:
                row = opps_store.opps(code)
                opps = price_opps(row, code, release.year, None, opps_store.release.release)
                if opps.payable and row is not None:
                    result.opps_rate = float(row["rate"])  # mills
                    result.opps_copay = _cents(opps.national_copayment)
                    cap = INPATIENT_DEDUCTIBLE_CENTS.get(release.year)
                    result.copay_cap = float("nan") if cap is None else float(cap)
                result.opps_reason = opps.reason
            asc_store = self.pricer._optional_store("asc", release.year, day, [])
            if asc_store is None:
                result.asc_reason = f"ASC CY{release.year} rates not installed"
            else:
                rows = {name: asc_store.asc(name, code) for name in ("aa", "bb", "ee", "ff")}
                asc = price_asc(rows, code, None, asc_store.release.release)
                if asc.payable:
                    result.asc_rate = _cents(asc.national_rate)
                    result.asc_fixed = asc.payment_indicator in ASC_NOT_WAGE_ADJUSTED
                    ff = rows["ff"]
                    if asc.payment_indicator == "J8" and ff is not None and ff["device_portion"]:
                        result.asc_device = int(ff["device_portion"])
                result.asc_reason = asc.reason
            self._facility[key] = result
        return self._facility[key]

    def _wage(self, release: Release, zip5: str) -> tuple[int | None, str | None]:
        key = (str(release.year), zip5)
        if key not in self._places:
            wage_store = self.pricer._optional_store("wage", release.year, None, [])
            geo_release = self.pricer.dataset_releases("geo")[-1]
            place = geography.resolve(zip5, self.pricer.store(geo_release), wage_store)
            self._places[key] = (place.wage_index, "; ".join(place.warnings) or None)
        return self._places[key]

    def _scalar_row(self, row_index: Any, release: Release, w: pd.DataFrame) -> None:
        """A line with payment-policy modifiers or an anesthesia code: priced by the single lookup."""
        row = w.loc[row_index]
        try:
            result = self.pricer.price(
                "-".join(part for part in (row["code"], row["modifiers"]) if part),
                zip_code=row["zip"] or None,
                locality=row["locality"] or None,
                year=release.year,
                date_of_service=dt.date.fromisoformat(row["date"]) if row["date"] else None,
            )
        except RvucalcError as exc:
            w.loc[row_index, "error"] = str(exc)
            return
        for name in ("non_facility", "facility"):
            setting = getattr(result.pfs, name)
            w.loc[row_index, f"pfs_{name}_amount"] = _cents(setting.amount)
            w.loc[row_index, f"pfs_{name}_limiting_charge"] = _cents(setting.limiting_charge)
        w.loc[row_index, "locality_priced"] = result.location.locality


def _cents(amount: Decimal | None) -> float:
    return float("nan") if amount is None else float(amount.scaleb(2))
