"""price's CSV keeps its published columns where they were: a later addition goes after every older column, in a
single line and in an encounter whose lines carry different sections (a lab's clfs_*, a drug's drug_* beside a
procedure's). A review: the site parts (site_*_facility_payment / site_*_professional_payment) landed between a
procedure's site_*_status and a lab's clfs_* in `price 99213 80053 --zip 10001 -f csv` (clfs_payable column 86 -> 92).
"""

from __future__ import annotations

import csv
import io

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()


def _columns(header: str) -> list[str]:
    return header.split(",")


# price's header at 86a5751 (before the site parts were added), for one PFS line (99214 --zip 10001).
PUBLISHED = _columns(
    "code,modifier,description,year,release,date_of_service,locality,locality_name,state,zip,status,global_days,"
    "conversion_factor,conversion_factor_kind,work_rvu,pe_non_facility_rvu,pe_facility_rvu,mp_rvu,gpci_work,gpci_pe,"
    "gpci_mp,non_facility_payable,non_facility_amount,non_facility_non_par_amount,non_facility_limiting_charge,"
    "non_facility_reason,facility_payable,facility_amount,facility_non_par_amount,facility_limiting_charge,"
    "facility_reason,county_fips,cbsa,wage_index,units,paid_by,in_pfs,contractor_priced,opps_payable,"
    "opps_status_indicator,opps_apc,opps_national_rate,opps_rate,opps_copayment,opps_reason,opps_release,asc_payable,"
    "asc_payment_indicator,asc_national_rate,asc_rate,asc_coinsurance,asc_reason,asc_release,site_office_payable,"
    "site_office_total,site_office_beneficiary,site_office_medicare,site_office_reason,site_hopd_payable,"
    "site_hopd_total,site_hopd_beneficiary,site_hopd_medicare,site_hopd_reason,site_asc_payable,site_asc_total,"
    "site_asc_beneficiary,site_asc_medicare,site_asc_reason,scenario,warnings,non_facility_later_units,"
    "facility_later_units,site_office_sequestration_applied,site_hopd_sequestration_applied,"
    "site_asc_sequestration_applied,notes,non_facility_adjustments,facility_adjustments,opps_adjustments,"
    "asc_adjustments,opps_notes,asc_notes,site_office_status,site_hopd_status,site_asc_status"
)
CLFS = _columns("clfs_payable,clfs_amount,clfs_modifier,clfs_quarter,clfs_effective_date,clfs_beneficiary,"
                "clfs_medicare,clfs_reason")  # fmt: skip
DRUG = _columns("drug_payable,drug_billing_unit,drug_limit_per_unit,drug_units,drug_amount,drug_coinsurance_percent,"
                "drug_beneficiary,drug_medicare,drug_quarter,drug_reason")  # fmt: skip
SITE_PARTS = [f"site_{site}_{part}_payment" for site in ("office", "hopd", "asc")
              for part in ("facility", "professional")]  # fmt: skip
SITE_SHARES = [f"site_{site}_professional_{part}" for site in ("office", "hopd", "asc")
               for part in ("beneficiary", "medicare")]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "published"),
    [
        (["99214"], PUBLISHED),
        (["99213", "80053"], PUBLISHED + CLFS),
        (["27447", "J9271", "--units", "1", "--units", "10"], PUBLISHED + DRUG),
    ],
)
def test_the_published_header_is_a_prefix_and_the_site_parts_come_last(args: list[str], published: list[str]) -> None:
    out = runner.invoke(app, ["price", *args, "--zip", "10001", "-f", "csv"])
    assert out.exit_code == 0, out.output
    header = next(csv.reader(io.StringIO(out.stdout)))
    assert header[: len(published)] == published
    appended = (["drug_notes"] if "J9271" in args else []) + (["clfs_notes"] if "80053" in args else [])
    assert header[len(published) :] == SITE_PARTS + appended + SITE_SHARES
    if "80053" in args:
        assert header.index("clfs_payable") + 1 == 86  # the review's `grep -n clfs_payable`, as published
