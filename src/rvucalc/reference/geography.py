"""Where a ZIP is for facility payment: county, CBSA (or the state's rural area), wage index.

ZIP -> county: HUD's crosswalk, the county with the largest share of the ZIP's
addresses (others reported). County -> CBSA: OMB's 2023 delineation, using the
metropolitan division where the CBSA has divisions; micropolitan and non-CBSA
counties are rural and take their state's rural wage index (payment-rules.md §4).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from rvucalc.models import OtherCounty
from rvucalc.reference.store import Store


@dataclass
class FacilityPlace:
    county_fips: str | None = None
    county_name: str | None = None
    other_counties: list[OtherCounty] = field(default_factory=list)
    cbsa: str | None = None
    cbsa_name: str | None = None
    wage_index: int | None = None  # ten-thousandths
    wage_index_source: str | None = None
    wage_index_area: str | None = None  # the file and the area it was read for (wage_index_source's words vary)
    # the wage indexes (ten-thousandths) of an area the file lists more than once with different values: none is used,
    # the rates CMS wage-adjusts are not priced (engine.wage_choices); [] for one value (or none)
    wage_index_choices: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# Territories with no county in a CBSA are not in OMB's delineation, whence rvucalc's state names come: their names
# (by state FIPS, and by the USPS code CMS's ZIP5 file gives) as CMS's wage index files spell their rural areas
# ("48 VIRGIN ISLANDS", "65 GUAM").
TERRITORIES = {"60": "American Samoa", "66": "Guam", "69": "Northern Mariana Islands", "78": "Virgin Islands"}
TERRITORY_OF_USPS = {"AS": "60", "GU": "66", "MP": "69", "VI": "78"}
# HUD's crosswalk (Q1 2020) puts Guam's ZIPs in county 60010, an American Samoa county (Guam is state FIPS 66, one
# county-equivalent, 66010), and lists most Guam and Virgin Islands ZIPs not at all: CMS's ZIP5 file's state decides.
GUAM_COUNTY = "66010"

# OMB's 2023 delineations list Connecticut by its nine planning regions (09110-09190), which replaced its eight
# counties (09001-09015) as county-equivalents; HUD's crosswalk (Q1 2020) gives the old county, and no crosswalk from
# the old counties (or ZIPs) to the planning regions is installed: rvucalc does not choose a CBSA for them.
CONNECTICUT = "09"


def connecticut_warning(zip5: str, county_fips: str) -> str:
    return (
        f"HUD's ZIP-county crosswalk (Q1 2020) places ZIP {zip5} in Connecticut county {county_fips}, but OMB's 2023 "
        "delineations replaced Connecticut's counties with planning regions (09110-09190), and no crosswalk from the "
        "old counties to them is installed: there is no single wage index for this place, so facility rates are "
        "national. Give the hospital's wage index (wage_index, --wage-index) for a wage-adjusted OPPS rate, the ASC's "
        "(asc_wage_index, --asc-wage-index) for the ASC rate."
    )


ESTIMATE = "an estimate for a hospital in this area (a hospital's own may differ: give it as wage_index, --wage-index)"
# The ASC's wage index is the area's: "the wage index values used to adjust payment for procedures under the revised
# ASC payment system are based on the applicable annually updated pre-reclassification wage index" by CBSA, without
# the inpatient reclassification, floor or occupational mix adjustments (CMS, as Becker's ASC Review restates it,
# "CMS adjustment of surgery center payment for geographic differences in wages"; Claims Processing Manual ch. 14
# §40.2): the file's value for the CBSA is what CMS applies to an ASC there. A hospital's own may differ (it may be
# reclassified, or floored): for the hospital's rate the figure is an estimate.
ASC_EXACT = "the wage index CMS applies to an ASC in this area"
WAGE_INDEX_MEANINGS = {
    "asc": ASC_EXACT,
    "hopd": ESTIMATE,
    None: f"{ASC_EXACT}, and for a hospital's rate, an estimate (a hospital's own may differ: give it as wage_index, "
    "--wage-index)",
}


# The advice of a place whose area the wage index file lists with different values (engine.wage_choices), and what is
# left of it where the user gave the hospital's (OPPS) or the ASC's wage index (lookup.pricer.given_wage_warning).
CHOICES_NOT_PRICED = (
    "the hospital's (OPPS) and ASC rates CMS wage-adjusts are not priced here (the line's reason gives the rate at "
    "each). Give the hospital's wage index (wage_index, --wage-index) for its OPPS rate, the ASC's (asc_wage_index, "
    "--asc-wage-index) for the ASC rate."
)
CHOICES_ASC_NOT_PRICED = (
    "the ASC rate CMS wage-adjusts is not priced here (the line's reason gives the rate at each). The OPPS rate is "
    "the hospital's wage index given. Give the ASC's (asc_wage_index, --asc-wage-index) for the ASC rate."
)
CHOICES_OPPS_NOT_PRICED = (
    "the hospital's (OPPS) rate CMS wage-adjusts is not priced here (the line's reason gives the rate at each). The "
    "ASC rate is the ASC wage index given. Give the hospital's wage index (wage_index, --wage-index) for its OPPS rate."
)
CHOICES_BOTH_GIVEN = "the wage indexes given are used (--wage-index for the OPPS rate, --asc-wage-index for the ASC's)."
_CHOICES = (CHOICES_NOT_PRICED, CHOICES_ASC_NOT_PRICED, CHOICES_OPPS_NOT_PRICED, CHOICES_BOTH_GIVEN)


def is_wage_choice_warning(warning: str) -> bool:
    """Whether ``warning`` is a place's that its area is listed with several wage indexes (``_wage_index``): a word of
    the hospital's (OPPS) and ASC rates alone, which the PFS amounts (the locality's GPCIs) do not use."""
    return any(choice in warning for choice in _CHOICES)


def wage_index_source(area: str, setting: str | None) -> str:
    """What the wage index of ``area`` (the file and the CBSA) is for the lookup's setting (office, hopd, asc or
    None: every site): exact for the ASC, an estimate for a hospital."""
    return f"{area}: {WAGE_INDEX_MEANINGS.get(setting, WAGE_INDEX_MEANINGS[None])}"


def resolve(zip5: str, geo: Store, wage: Store | None, state: str | None = None) -> FacilityPlace:
    """``state``: the ZIP's USPS state in CMS's ZIP5 file, which places a territory's ZIP where HUD does not."""
    place = FacilityPlace()
    counties = geo.zip_counties(zip5)
    territory = TERRITORY_OF_USPS.get(state or "")
    if not counties and territory:
        name = TERRITORIES[territory]
        place.notes.append(
            f"ZIP {zip5} is not in HUD's ZIP-county crosswalk, but CMS's ZIP file places it in {name}, which has no "
            "CBSA: its rural wage index is used."  # no "; ": batch joins a row's notes with it
        )
        rows = wage.rural_wage_indexes(name) if wage else []
        place.cbsa = rows[0]["cbsa"] if rows else None
        place.cbsa_name = f"{name} (rural)"
        _wage_index(place, rows, f"rural {name}", wage)
        return place
    if not counties:
        place.warnings.append(
            f"ZIP {zip5} is not in HUD's ZIP-county crosswalk (Q1 2020): no county or CBSA, so facility rates "
            "are national. Give the hospital's wage index (wage_index, --wage-index) for a wage-adjusted rate."
        )
        return place
    main, *others = counties
    place.county_fips = main["county_fips"]
    if state == "GU" and place.county_fips.startswith("60"):
        place.notes.append(
            f"HUD's ZIP-county crosswalk lists ZIP {zip5}, a Guam ZIP in CMS's ZIP file, in county "
            f"{place.county_fips} (American Samoa): Guam ({GUAM_COUNTY}) is used."
        )
        place.county_fips = GUAM_COUNTY
    place.other_counties = [
        OtherCounty.model_construct(county_fips=row["county_fips"], share=Decimal(str(round(row["tot_ratio"], 4))))
        for row in others
    ]
    # A county with no share worth a tenth of a percent (HUD lists 40207's 21029 at 0.0%) is left out of the note: a
    # trial read "Others: 21029 (0.0%)" on every row of a ZIP whose addresses are all in one county.
    named = [c for c in place.other_counties if round(c.share, 3) > 0]
    # A county whose wage area is the one used changes no rate: the wage index is the CBSA's (the metropolitan
    # division's), or the state's rural one outside a CBSA (payment-rules.md section 4; 42 CFR 419.43(c) and
    # 416.172(c) adjust the OPPS and ASC rates by the area's wage index, not the county's). A Houston ASC biller's
    # every Katy row (ZIP 77450: Harris 71.4%, Fort Bend 28.6%, both CBSA 26420) said "spans counties" though both
    # counties give the same rate; the note is kept where another county's area, and so possibly its rate, differs.
    main_area = _wage_area(geo, place.county_fips)
    named = [c for c in named if _wage_area(geo, c.county_fips) != main_area]
    if named:
        listed = ", ".join(f"{c.county_fips} ({c.share:.1%})" for c in named)
        place.notes.append(
            # No "; " in it: batch's note column joins a row's notes with it (it read as two notes, "ZIP 02467 spans
            # counties" and "using 25021 ...").
            f"ZIP {zip5} spans counties: {place.county_fips} is used "
            f"({Decimal(str(round(main['tot_ratio'], 4))):.1%} of addresses). Others: {listed}."
        )
    county = geo.county(place.county_fips)
    if county is None and place.county_fips[:2] == CONNECTICUT:
        place.warnings.append(connecticut_warning(zip5, place.county_fips))
        return place
    if county is not None and county["area_type"].startswith("Metropolitan"):
        place.county_name = county["county_name"]
        place.cbsa = county["division"] or county["cbsa"]
        place.cbsa_name = county["division_title"] or county["cbsa_title"]
        rows = wage.wage_indexes(place.cbsa) if wage else []
        area = f"CBSA {place.cbsa}"
    else:
        state = (
            county["state_name"]
            if county
            else (geo.state_name(place.county_fips[:2]) or TERRITORIES.get(place.county_fips[:2]))
        )
        if county is not None:
            place.county_name = county["county_name"]
        kind = "micropolitan" if county is not None else "in no CBSA"
        rows = wage.rural_wage_indexes(state) if (wage and state) else []
        place.cbsa = rows[0]["cbsa"] if rows else None
        place.cbsa_name = f"{state} (rural)" if state else None
        area = f"rural {state} (county {place.county_fips} is {kind})"
    _wage_index(place, rows, area, wage)
    return place


def _wage_area(geo: Store, county_fips: str) -> str:
    """The wage area a county's facility rates take (``resolve``'s choice): its CBSA, or its metropolitan division,
    else its state's rural area (a county in no CBSA too); Connecticut's old counties, which have no CBSA and whose
    rates are national (``connecticut_warning``), are each their own."""
    county = geo.county(county_fips)
    if county is None and county_fips[:2] == CONNECTICUT:
        return county_fips
    if county is not None and county["area_type"].startswith("Metropolitan"):
        return str(county["division"] or county["cbsa"])
    return f"rural {county_fips[:2]}"


def _wage_index(place: FacilityPlace, rows: list[dict[str, object]], area: str, wage: Store | None) -> None:
    if wage is None:
        place.warnings.append("No wage index file is installed for this year: facility rates are national.")
        return
    values = sorted({row["wage_index"] for row in rows if row["wage_index"] is not None})  # type: ignore[type-var]
    file = wage.release.file("wage_index").cms_name
    if not values:
        place.warnings.append(f"{file} has no wage index for {area}: facility rates are national.")
        return
    if len(values) > 1:
        shown = ", ".join(str(Decimal(v).scaleb(-4)) for v in values)  # type: ignore[arg-type]
        place.warnings.append(
            f"{file} lists {area} {len(rows)} times with different wage indexes ({shown}), and rvucalc does not "
            f"choose between them: {CHOICES_NOT_PRICED}"
        )
        place.wage_index_choices = [int(v) for v in values]  # type: ignore[call-overload]
        return
    place.wage_index = int(values[0])  # type: ignore[call-overload]
    place.wage_index_area = f"{file}, {area}"
    place.wage_index_source = wage_index_source(place.wage_index_area, None)
