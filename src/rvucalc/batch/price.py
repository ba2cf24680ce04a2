"""Batch pricing: a table of claim lines in, the same rows priced out.

``BatchPricer.price_table`` is a pure function of one partition of lines (an Arrow
table of text cells) and the reference tables, so it runs the same on streamed
chunks and on Dask partitions (``price_frame`` wraps it for pandas). It uses the
single lookup's code: the PFS formula (``engine.pfs.fee_cents``) and the wage
adjustments run on integer columns; payability, reasons and national facility
terms come from the single lookup's functions through ``batch_reference``.

Lines are parsed once per distinct value (``batch_lines``); the pricing here works
on whole columns of row ids and integer cents. Every input row comes out once, in
order, priced or with its ``error``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rvucalc.batch.arrow_columns import (
    int_values,
    string_array,
    strings_of,
    valid_of,
    values_of,
)
from rvucalc.batch.lines import (
    INPUT_COLUMNS,
    MONEY_COLUMNS,
    NATIONAL,
    OUTPUT_COLUMNS,
    SITES,
    Lines,
    normalize_columns,
    parse_lines,
)
from rvucalc.batch.reference import (
    FacilityReference,
    PfsReference,
    facility_reference,
    pfs_reference,
    wage_reference,
)
from rvucalc.engine.facility import (
    COINSURANCE_PERCENT,
    OPPS_LABOR_PERCENT,
    asc_adjusted_cents,
    wage_adjust_cents,
    wage_adjust_mills,
)
from rvucalc.engine.meanings import PRICED_STATUSES
from rvucalc.engine.pfs import LIMITING_CHARGE_PERCENT, NATIONAL_GPCI, fee_cents, not_priced_reason, percent_of
from rvucalc.errors import RvucalcError, UsageError
from rvucalc.reference.releases import Release

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    from rvucalc.lookup.pricer import Pricer

__all__ = ["INPUT_COLUMNS", "MONEY_COLUMNS", "OUTPUT_COLUMNS", "SITES", "BatchPricer", "normalize_columns"]

NO_LOCALITY, BAD_LOCALITY = -1, -2  # a row's place: none given (national), or not in the GPCI file


@dataclass
class _PfsArrays:
    """A PFS release's reference columns as numpy arrays, plus its lookups."""

    reference: PfsReference
    status: np.ndarray
    rvu: dict[str, np.ndarray]
    gpci: tuple[np.ndarray, np.ndarray, np.ndarray]
    zip_locality: np.ndarray
    plus4: np.ndarray
    cap_key: np.ndarray
    caps: dict[str, np.ndarray]
    wage_index: np.ndarray  # per ZIP; -1: none
    wage_warning: pa.Array  # per ZIP; '' when it has a wage index
    localities: list[str]
    zips: pa.Array
    locality_position: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.locality_position = {code: i for i, code in enumerate(self.localities)}


@dataclass
class BatchPricer:
    """Prices tables of lines against the installed releases (reference tables cached)."""

    pricer: Pricer
    _pfs: dict[str, _PfsArrays] = field(default_factory=dict)
    _codes: dict[tuple[str, str], Any] = field(default_factory=dict)  # parsed (code, modifier) texts
    _facility: dict[tuple[str, str], tuple[FacilityReference, dict[str, np.ndarray]]] = field(default_factory=dict)
    _releases: dict[tuple[str, str], tuple[Release | None, str | None, str | None]] = field(default_factory=dict)

    # -- public -----------------------------------------------------------------------

    def price_table(self, table: pa.Table, row_errors: dict[int, str] | None = None) -> pa.Table:
        """Price one partition of text cells; returns OUTPUT_COLUMNS for its rows, in order.

        ``row_errors`` (row position -> message) marks rows already known bad, e.g. ragged CSV lines.
        Money columns are decimal64(18, 2): exact cents.
        """
        import numpy as np

        lines = parse_lines(table, row_errors, self._codes)
        chosen = [self._release_for(year, date) for year, date in lines.whens]
        release_names = sorted({release.release for release, _, _ in chosen if release is not None})
        release_of_when = np.array(
            [release_names.index(r.release) if r is not None else -1 for r, _, _ in chosen], dtype=np.int32
        )
        release_of_row = release_of_when[lines.when]
        used = np.zeros(len(chosen), dtype=bool)
        used[lines.when[lines.error == 0]] = True
        problems = lines.texts.ids(problem if use else None for (_, _, problem), use in zip(chosen, used, strict=True))
        lines.fail(np.arange(lines.rows), problems[lines.when])
        lines.note = lines.texts.ids(warning for _, warning, _ in chosen)[lines.when]
        for number, name in enumerate(release_names):
            release = next(r for r, _, _ in chosen if r is not None and r.release == name)
            rows = np.flatnonzero((release_of_row == number) & (lines.error == 0))
            lines.release[rows] = lines.texts.id(name)
            if rows.size:
                self._price_release(release, lines, rows)
        self._choose_setting(lines)
        return lines.output()

    def price_frame(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``price_table`` for a pandas partition: the input columns, then OUTPUT_COLUMNS
        (money as float64 dollars, NaN where there is no amount)."""
        import pyarrow as pa

        from rvucalc.batch.arrow_columns import dollars_of

        mapping = normalize_columns(frame.columns)
        table = pa.table({
            ours: pa.array(frame.iloc[:, position].fillna("").astype(str).tolist(), pa.string())
            for position, ours in mapping.items()
        })  # fmt: skip
        priced = self.price_table(table)
        result = frame.copy()
        for name in OUTPUT_COLUMNS:
            column = priced.column(name).combine_chunks()
            result[name] = dollars_of(column) if name in MONEY_COLUMNS else column.to_numpy(zero_copy_only=False)
        return result

    # -- releases and reference tables --------------------------------------------------

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

    def pfs_arrays(self, release: Release) -> _PfsArrays:
        import numpy as np

        if release.release not in self._pfs:
            reference = pfs_reference(self.pricer, release)
            rvu = {name: values_of(reference.rvu[name]).astype(np.int64) for name in (
                "work_rvu", "pe_nonfac_rvu", "pe_fac_rvu", "mp_rvu", "conv_factor")}  # fmt: skip
            rvu["nonfac_na"] = np.array(strings_of(reference.rvu["nonfac_na"])) == "NA"
            rvu["fac_na"] = np.array(strings_of(reference.rvu["fac_na"])) == "NA"
            wages = wage_reference(self.pricer, reference)
            gpci = [values_of(reference.localities[n]).astype(np.int64) for n in ("gpci_work", "gpci_pe", "gpci_mp")]
            self._pfs[release.release] = _PfsArrays(
                reference=reference,
                status=np.array(strings_of(reference.rvu["status"])),
                rvu=rvu,
                gpci=(gpci[0], gpci[1], gpci[2]),
                zip_locality=values_of(reference.zips["locality"]),
                plus4=values_of(reference.zips["plus4"]),
                cap_key=values_of(reference.caps["key"]),
                caps={name: values_of(reference.caps[name]) for name in ("cap_fac", "cap_nonfac")},
                wage_index=int_values(wages["wage_index"], -1),
                wage_warning=wages["warning"].combine_chunks(),
                localities=strings_of(reference.localities["locality"]),
                zips=reference.zips["zip"].combine_chunks(),
            )
        return self._pfs[release.release]

    def facility_arrays(self, pfs: _PfsArrays, date: str) -> tuple[FacilityReference, dict[str, np.ndarray]]:
        key = (pfs.reference.release.release, date)
        if key not in self._facility:
            reference = facility_reference(self.pricer, pfs.reference, date)
            codes = reference.codes
            arrays = {
                "opps_ok": valid_of(codes["opps_rate"]),
                "opps_rate": int_values(codes["opps_rate"], 0),
                "opps_copay": int_values(codes["opps_copay"], 0),
                "asc_ok": valid_of(codes["asc_rate"]),
                "asc_rate": int_values(codes["asc_rate"], 0),
                "asc_device": values_of(codes["asc_device"]),
                "asc_fixed": values_of(codes["asc_fixed"]),
            }
            self._facility[key] = (reference, arrays)
        return self._facility[key]

    # -- pricing -------------------------------------------------------------------------

    def _price_release(self, release: Release, lines: Lines, rows: np.ndarray) -> None:
        """PFS amounts for the rows priced with this release, then their facility rates and sites."""
        import numpy as np
        import pyarrow.compute as pc

        pfs = self.pfs_arrays(release)
        texts = lines.texts
        # Where: a ZIP (its locality in the ZIP5 file) or a locality; neither is national.
        zip_given = np.array([bool(z) for z in lines.zips])
        zip_found = pc.index_in(string_array([z[:5] for z in lines.zips]), value_set=pfs.reference.zips["zip"])
        zip_position = int_values(zip_found, -1)
        locality_position = np.array([
            pfs.locality_position.get(v.replace(" ", "").replace("-", ""), BAD_LOCALITY) if v else NO_LOCALITY
            for v in lines.localities
        ], dtype=np.int64)  # fmt: skip
        has_zip = zip_given[lines.zip[rows]]
        zips = zip_position[lines.zip[rows]]
        unknown_zip = has_zip & (zips < 0)
        if unknown_zip.any():
            lines.fail(rows[unknown_zip], texts.id("ZIP not in CMS's ZIP5 file"))
        place = np.where(has_zip, pfs.zip_locality[np.maximum(zips, 0)], locality_position[lines.locality[rows]])
        unknown_locality = ~has_zip & (place == BAD_LOCALITY)
        if unknown_locality.any():
            lines.fail(rows[unknown_locality], texts.id("locality not in the GPCI file"))
        # Which CMS row: the code with its component modifier (26/TC/53), if any.
        keys = string_array([f"{c.code}|{c.component}" for c in lines.codes])
        found = pc.index_in(keys, value_set=pfs.reference.rvu["key"])
        code_row = int_values(found, -1)
        missing = code_row[lines.code[rows]] < 0
        if missing.any():
            lines.fail(rows[missing], texts.per_value(lines.code[rows[missing]], lambda c: (
                f"{lines.codes[c].code} is not in the {release.year} fee schedule")))  # fmt: skip
        keep = lines.error[rows] == 0
        rows, place, zips, has_zip = rows[keep], place[keep], zips[keep], has_zip[keep]
        rvu_row = code_row[lines.code[rows]]
        status = pfs.status[rvu_row]
        policy = np.array([c.policy for c in lines.codes], dtype=bool)[lines.code[rows]]
        scalar = policy | (status == "J")  # payment-policy modifiers, anesthesia: the single lookup
        for row in rows[scalar].tolist():
            self._scalar_row(row, release, lines)
        vector = ~scalar
        self._pfs_amounts(pfs, lines, rows[vector], rvu_row[vector], place[vector], status[vector])
        split = has_zip & pfs.plus4[np.maximum(zips, 0)]
        if split.any():
            lines.add_note(rows[split], texts.per_value(zips[split], lambda z: (
                f"ZIP {_text_at(pfs.zips, z)} is split between localities by ZIP+4; CMS's ZIP5 file assigns it "
                f"to {pfs.localities[pfs.zip_locality[z]]}. Give the locality if the ZIP+4 is elsewhere."
            )))  # fmt: skip
        no_cbsa = ~has_zip & (place >= 0) & (lines.site[rows] != 1)
        if no_cbsa.any():
            lines.add_note(rows[no_cbsa], texts.id(
                "A locality gives no CBSA: hospital outpatient and ASC rates are national (give the ZIP for "
                "wage-adjusted rates)"))  # fmt: skip
        priced = lines.error[rows] == 0
        self._facility_and_sites(pfs, lines, rows[priced], np.where(has_zip, zips, -1)[priced])

    def _pfs_amounts(
        self, pfs: _PfsArrays, lines: Lines, rows: np.ndarray, rvu_row: np.ndarray, place: np.ndarray, status: Any
    ) -> None:
        import numpy as np

        local = place >= 0
        at = np.maximum(place, 0)
        gw, gpe, gmp = (
            np.where(local, column[at], national) for column, national in zip(pfs.gpci, NATIONAL_GPCI, strict=True)
        )
        rvu = {name: values[rvu_row] for name, values in pfs.rvu.items()}
        cap_key = rvu_row * len(pfs.locality_position) + at
        slot = np.minimum(np.searchsorted(pfs.cap_key, cap_key), max(len(pfs.cap_key) - 1, 0))
        capped = local & (pfs.cap_key[slot] == cap_key) if len(pfs.cap_key) else np.zeros(len(rows), dtype=bool)
        paid_status = np.isin(status, list(PRICED_STATUSES))
        for name, pe, na, cap in (
            ("non_facility", "pe_nonfac_rvu", "nonfac_na", "cap_nonfac"),
            ("facility", "pe_fac_rvu", "fac_na", "cap_fac"),
        ):
            fee = fee_cents(rvu["work_rvu"], rvu[pe], rvu["mp_rvu"], gw, gpe, gmp, rvu["conv_factor"])
            if len(pfs.cap_key):
                limit = pfs.caps[cap][slot]
                fee = np.where(capped & (limit >= 0) & (limit < fee), limit, fee)
            priced = paid_status & ~rvu[na]
            lines.set_money(f"pfs_{name}_amount", rows, fee, priced)
            lines.set_money(f"pfs_{name}_limiting_charge", rows, percent_of(fee, LIMITING_CHARGE_PERCENT), priced)
        unpaid = ~paid_status
        if unpaid.any():
            lines.add_note(rows[unpaid], lines.texts.per_value(status[unpaid], lambda s: not_priced_reason(
                {"status": s, "nonfac_na": "", "fac_na": ""}, "facility")))  # fmt: skip
        names = lines.texts.ids(pfs.localities)
        lines.locality_priced[rows] = np.where(local, names[at], lines.texts.id(NATIONAL))

    def _facility_and_sites(self, pfs: _PfsArrays, lines: Lines, rows: np.ndarray, zips: np.ndarray) -> None:
        """OPPS and ASC rates at each row's wage index, and each site's allowed amount and shares.

        The quarter (and so the national terms) follows each row's date of service.
        """
        import numpy as np
        import pyarrow.compute as pc

        if not rows.size:
            return
        texts = lines.texts
        wage_index = np.where(zips >= 0, pfs.wage_index[np.maximum(zips, 0)], -1)
        has_wi = wage_index >= 0
        wi = np.where(has_wi, wage_index, 10_000)
        facility_site = lines.site[rows] != 1
        unexplained = (zips >= 0) & ~has_wi & facility_site
        if unexplained.any():
            lines.add_note(
                rows[unexplained], texts.per_value(zips[unexplained], lambda z: _text_at(pfs.wage_warning, z))
            )
        dates = [date for _, date in lines.whens]
        for date in sorted({dates[w] for w in np.unique(lines.when[rows]).tolist()}):
            in_quarter = np.array([d == date for d in dates], dtype=bool)[lines.when[rows]]
            reference, terms = self.facility_arrays(pfs, date)
            part = rows[in_quarter]
            if reference.warnings:
                lines.add_note(part, texts.id("; ".join(reference.warnings)))
            at = pc.index_in(string_array([c.code for c in lines.codes]), value_set=reference.codes["hcpcs"])
            code_at = int_values(at, 0)[lines.code[part]]
            self._sites(lines, part, {name: values[code_at] for name, values in terms.items()}, reference,
                        wi[in_quarter], has_wi[in_quarter], code_at)  # fmt: skip

    def _sites(
        self, lines: Lines, rows: np.ndarray, term: dict[str, np.ndarray], reference: FacilityReference,
        wi: np.ndarray, has_wi: np.ndarray, code_at: np.ndarray,
    ) -> None:  # fmt: skip
        import numpy as np

        opps_ok, asc_ok = term["opps_ok"], term["asc_ok"]
        opps_rate = wage_adjust_mills(term["opps_rate"], wi, OPPS_LABOR_PERCENT)
        copay = wage_adjust_cents(term["opps_copay"], wi, OPPS_LABOR_PERCENT)
        if reference.copay_cap is not None:
            copay = np.minimum(copay, reference.copay_cap)
        lines.set_money("opps_rate", rows, opps_rate, opps_ok)
        lines.set_money("opps_copayment", rows, copay, opps_ok)
        fixed = term["asc_fixed"] | ~has_wi
        asc_rate = np.where(fixed, term["asc_rate"], asc_adjusted_cents(term["asc_rate"], term["asc_device"], wi))
        coinsurance = percent_of(asc_rate, COINSURANCE_PERCENT * 100)
        lines.set_money("asc_rate", rows, asc_rate, asc_ok)
        lines.set_money("asc_coinsurance", rows, coinsurance, asc_ok)
        office, office_ok = lines.cents["pfs_non_facility_amount"][rows], lines.valid["pfs_non_facility_amount"][rows]
        professional = np.where(lines.valid["pfs_facility_amount"][rows], lines.cents["pfs_facility_amount"][rows], 0)
        units = lines.units[rows]
        zero = np.zeros(len(rows), dtype=np.int64)
        # As in single lookups: a payable facility with no PFS facility amount is the facility alone.
        for site, facility, share, doctor, payable in (
            ("office", zero, zero, office, office_ok),
            ("hopd", opps_rate, copay, professional, opps_ok),
            ("asc", asc_rate, coinsurance, professional, asc_ok),
        ):
            total = facility + doctor
            beneficiary = share + percent_of(doctor, COINSURANCE_PERCENT * 100)
            lines.set_money(f"{site}_allowed", rows, total * units, payable)
            lines.set_money(f"{site}_beneficiary", rows, beneficiary * units, payable)
            lines.set_money(f"{site}_medicare", rows, (total - beneficiary) * units, payable)
        site = lines.site[rows]
        for number, name, payable in ((2, "opps", opps_ok), (3, "asc", asc_ok)):
            show = (site == number) & ~payable
            if show.any():
                reasons = reference.reasons[name]
                lines.add_note(rows[show], lines.texts.per_value(code_at[show], reasons.__getitem__))

    @staticmethod
    def _choose_setting(lines: Lines) -> None:
        import numpy as np

        for number, site in enumerate(SITES, start=1):
            chosen = np.flatnonzero(lines.site == number)
            for measure in ("allowed", "beneficiary", "medicare"):
                lines.cents[measure][chosen] = lines.cents[f"{site}_{measure}"][chosen]
                lines.valid[measure][chosen] = lines.valid[f"{site}_{measure}"][chosen]

    def _scalar_row(self, row: int, release: Release, lines: Lines) -> None:
        """A line with payment-policy modifiers or an anesthesia code: priced by the single lookup."""
        line = lines.codes[lines.code[row]]
        _, date = lines.whens[lines.when[row]]
        try:
            result = self.pricer.price(
                "-".join(part for part in (line.code, line.modifiers) if part),
                zip_code=lines.zips[lines.zip[row]] or None,
                locality=lines.localities[lines.locality[row]] or None,
                year=release.year,
                date_of_service=dt.date.fromisoformat(date) if date else None,
            )
        except RvucalcError as exc:
            lines.fail(_at(row), lines.texts.id(str(exc)))
            return
        for name in ("non_facility", "facility"):
            setting = getattr(result.pfs, name)
            if setting.amount is not None:
                lines.set_money(f"pfs_{name}_amount", _at(row), int(setting.amount.scaleb(2)), True)
            if setting.limiting_charge is not None:
                lines.set_money(f"pfs_{name}_limiting_charge", _at(row), int(setting.limiting_charge.scaleb(2)), True)
        lines.locality_priced[row] = lines.texts.id(result.location.locality)


def _text_at(array: pa.Array, position: int) -> str:
    return strings_of(array.slice(position, 1))[0]


def _at(row: int) -> np.ndarray:
    import numpy as np

    return np.array([row], dtype=np.int64)
