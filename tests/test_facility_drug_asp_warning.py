"""A drug at the ASC priced from ASC Addendum BB of its quarter (J1885 on 2026-08-03: Addendum BB 2026-07), the ASP
file of that quarter not installed: the warning said "priced with 2026-01" as if the row's amount were the January
ASP file's (an ASC trial). The ASP file prices the physician office's comparison alone; the row's amount is BB's."""

from __future__ import annotations

from rvucalc.lookup.pricer import Pricer

OLD = "is not installed: priced with 2026-01"
NEW = "the ASP file prices the physician office's comparison alone, with 2026-01"


def test_the_asp_quarter_warning_of_a_drug_at_the_asc_names_addendum_bb(pricer: Pricer) -> None:
    asc = pricer.price("J1885", zip_code="30309", setting="asc", date_of_service="2026-08-03", units=4)
    assert asc.asc is not None and asc.asc.release == "2026-07"  # CMS's Addendum BB, July 2026
    said = " ".join(asc.warnings)
    assert NEW in said and OLD not in said
    assert "The line's amount at the ASC is from ASC Addendum BB 2026-07, not the ASP file." in said


def test_the_office_keeps_the_asp_warning(pricer: Pricer) -> None:
    office = pricer.price("J1885", zip_code="30309", setting="office", date_of_service="2026-08-03", units=4)
    assert OLD in " ".join(office.warnings)
