"""OPPS SI K1 (new in CY2025): J1885, J1096 and J1097 said "New indicator ...; meaning unverified". CMS's own October
2025 ASC Addendum BB marks exactly the codes Addendum B gives SI K1 as non-opioid alternatives covered under the
Consolidated Appropriations Act, 2023 §4135 (its "***" and NOTE 4): the meaning is now that, from that file."""

from __future__ import annotations

import csv
import re

from rvucalc.engine.facility_meanings import OPPS_SI
from rvucalc.lookup.pricer import Pricer
from rvucalc.reference.releases import installed_releases


def _rows(path: object, first: str) -> list[list[str]]:
    with open(str(path), newline="", encoding="cp1252") as handle:
        rows = list(csv.reader(handle))
    start = next(i for i, row in enumerate(rows) if row and row[0].strip() == first)
    return [row for row in rows[start + 1 :] if row and re.fullmatch(r"[0-9A-Z]{5}", row[0].strip(" \xff"))]


def test_k1_is_the_non_opioid_treatments_cms_s_asc_addendum_bb_marks(pricer: Pricer) -> None:
    opps = next(r for r in installed_releases("opps") if r.release == "2025-10")
    asc = next(r for r in installed_releases("asc") if r.release == "2025-10")
    k1 = {row[0].strip(" \xff") for row in _rows(opps.path("addendum_b"), "HCPCS Code") if row[2].strip() == "K1"}
    marked = {row[0].strip(" \xff") for row in _rows(asc.path("bb"), "HCPCS Code") if row[1].strip() == "***"}
    assert {"J1885", "J1096", "J1097"} <= k1 and k1 <= marked  # BB's *** also marks the non-opioid devices (L6)
    with open(str(asc.path("bb")), encoding="cp1252") as handle:
        assert (
            "non-opioid alternative covered under Section 4135 of the Consolidated Appropriations Act" in handle.read()
        )
    for code in ("J1885", "J1096", "J1097"):
        opps_result = pricer.price(code, date_of_service="2025-11-03").opps
        assert opps_result is not None and opps_result.status_indicator == "K1"
        assert opps_result.status_meaning == OPPS_SI["K1"] and "unverified" not in OPPS_SI["K1"]
        assert "Non-opioid treatment for pain relief" in OPPS_SI["K1"] and "§4135" in OPPS_SI["K1"]
