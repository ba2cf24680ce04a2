"""A refreshed PFS release's conversion factors, for its manifest: from CMS's own files, never guessed.

CMS prints the conversion factor in every row of the RVU file (CONV FACTOR). From CY2026 there are two: the
qualifying APM participant (QP) CF and the non-QP CF (Social Security Act §1848(d)(20), added by MACRA; CY2026
PFS final rule: $33.5675 and $33.4009). CMS's RVU zip then holds one rate file for each
(``PPRRVU2026_<Mon>_QPP.csv``, ``PPRRVU2026_<Mon>_nonQPP.csv``) with the same RVUs, and the rate file's PRIC IND
column says which CF priced a row (9 non-QP, 1 QP). rvucalc prices with the non-QP file and applies the QP CF with
``--qp``, as the shipped 2026C release does (its manifest carries both CFs).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from rvucalc.errors import DataFileError

if TYPE_CHECKING:
    import pandas as pd

    from rvucalc.reference.releases import Release

# The values that price a row: the QP and non-QP rate files must agree on them (only the CF differs).
PRICED_COLUMNS = ("status", "work_rvu", "pe_nonfac_rvu", "nonfac_na", "pe_fac_rvu", "fac_na", "mp_rvu")


def pfs_conversion_factors(release: Release, rvu: pd.DataFrame, previous: list[Release]) -> dict[str, Any]:
    """The manifest's ``conversion_factor`` for a PFS release installed from CMS's RVU zip.

    ``default``: the CF in the RVU (non-QP) file's rows. ``qp``: the CF of the zip's QP rate file; without one,
    the QP CF of an installed release of the same year with the same non-QP CF (CMS sets both CFs together, for
    the year, in the final rule), else ``qp_unavailable`` says why there is none and how to get it.
    """
    name = release.file("rvu").cms_name
    non_qp = _one_cf(rvu, name)
    factors: dict[str, Any] = {"default": non_qp}
    two_factors = "pric_ind" in rvu.columns and bool((rvu["pric_ind"] != "").any())
    if release.has("rvu_qp"):
        from rvucalc.reference.loaders import pfs

        qp_name = release.file("rvu_qp").cms_name
        qp_rows = pfs.load_rvu(release.path("rvu_qp"))
        qp = _one_cf(qp_rows, qp_name)
        _same_rvus(rvu, name, qp_rows, qp_name)
        if Decimal(qp) <= Decimal(non_qp):
            raise DataFileError(
                f"{qp_name}'s conversion factor {qp} is not above {name}'s {non_qp}: the QP conversion factor is the "
                "higher one (SSA §1848(d)(20)). Are the two rate files' names swapped? Nothing was installed."
            )
        factors["qp"] = qp
        factors["note"] = (
            f"The RVU file {name} carries the non-QP CF. The qualifying APM participant CF is the CONV FACTOR of "
            f"CMS's QP rate file {qp_name} (same RVUs)."
        )
        return factors
    if not two_factors:
        return factors
    donor = next(
        (r for r in reversed(previous) if r.dataset == "pfs" and r.year == release.year and r.release != release.release
         and r.conversion_factors.get("default") == non_qp and "qp" in r.conversion_factors),
        None,
    )  # fmt: skip
    if donor is not None:
        factors["qp"] = donor.conversion_factors["qp"]
        factors["note"] = (
            f"The RVU file {name} carries the non-QP CF. This zip has no QP rate file: the qualifying APM participant "
            f"CF is release {donor.release}'s, which has the same non-QP CF {non_qp} (CMS sets both CFs for the year "
            f"in the CY{release.year} PFS final rule)."
        )
        return factors
    factors["qp_unavailable"] = (
        f"the zip it came from has no QP rate file (PPRRVU{release.year}_<month>_QPP.csv), and no other installed "
        f"CY{release.year} release has its non-QP conversion factor {non_qp} to take CMS's QP CF from."
    )
    return factors


def _one_cf(rvu: pd.DataFrame, name: str) -> str:
    values = sorted({int(v) for v in rvu["conv_factor"].dropna()})
    if len(values) != 1:
        shown = ", ".join(str(Decimal(v).scaleb(-4)) for v in values[:4]) or "none"
        raise DataFileError(
            f"{name}: CMS prints one conversion factor in every row of the RVU file; this one has {shown}. "
            "Nothing was installed."
        )
    return str(Decimal(values[0]).scaleb(-4))


def _same_rvus(rvu: pd.DataFrame, name: str, qp_rows: pd.DataFrame, qp_name: str) -> None:
    keys = ["hcpcs", "modifier"]
    left = rvu[keys + list(PRICED_COLUMNS)].set_index(keys).sort_index()
    right = qp_rows[keys + list(PRICED_COLUMNS)].set_index(keys).sort_index()
    if left.index.equals(right.index) and left.astype(str).equals(right.astype(str)):
        return
    extra = sorted(set(left.index) ^ set(right.index))
    if extra:
        where = f"codes in one file only: {', '.join('-'.join(filter(None, key)) for key in extra[:5])}"
    else:
        differs = (left.astype(str) != right.astype(str)).any(axis=1)
        where = f"other RVUs for {', '.join('-'.join(filter(None, key)) for key in list(left.index[differs])[:5])}"
    raise DataFileError(
        f"{qp_name} and {name} differ in more than the conversion factor ({where}); CMS's QP and non-QP rate files "
        "carry the same RVUs. Nothing was installed."
    )
