"""Each site (a line's, an encounter's total) says what it is in a key of its own, ``status``: "priced", "not_priced"
(Medicare may pay, rvucalc cannot say how much: CMS's file for the year not installed, a line the MAC prices) or
"not_payable" (Medicare does not pay it there). JSON's ``payable: false`` did not tell the last two apart, and the
renderers and the encounter's totals read them from the reason's words (``mac_priced``'s substring test, "Not payable
for", ``FACILITY_PART``)."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer

runner = CliRunner()
WHEN = ["--zip", "10001", "--date", "2026-08-03"]  # no CY2026 Addendum B installed; CY2026 ASC addenda are
# The keys a site had before ``status``: kept, in their order (keys are a public contract: extend, never rename).
SITE_KEYS = ["setting", "payable", "facility_payment", "professional_payment", "total", "allowed", "beneficiary",
             "medicare", "sequestration_applied", "reason", "contract_amount"]  # fmt: skip


def _json(*args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["price", *args, *WHEN, "--format", "json"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _keys_kept(site: dict[str, Any]) -> None:
    # then status, then lines_priced_by_mac (an encounter total's lines the MAC prices, left out of it), then the
    # physician's own claim's shares (professional_beneficiary, professional_medicare)
    assert list(site)[: len(SITE_KEYS)] == SITE_KEYS
    assert list(site)[len(SITE_KEYS) :] == ["status", "lines_priced_by_mac", "professional_beneficiary",
                                            "professional_medicare"]  # fmt: skip
    assert site["payable"] is (site["status"] == "priced")


def test_22590_s_hospital_is_not_priced_its_asc_priced_its_office_not_payable() -> None:
    """22590 in 2026: office PE 'NA' (RVU26C): not payable; the hospital: no CY2026 Addendum B: not priced, the
    physician's fee there still its professional_payment; the ASC: Addendum AA's rate plus the PFS facility amount."""
    data = _json("22590")
    sites = {site["setting"]: site for site in data["sites"]}
    for site in sites.values():
        _keys_kept(site)
    assert [sites[name]["status"] for name in ("office", "hopd", "asc")] == ["not_payable", "not_priced", "priced"]
    assert sites["hopd"]["total"] is None and sites["hopd"]["professional_payment"] == data["pfs"]["facility"]["amount"]
    asc = sites["asc"]
    assert Decimal(str(asc["total"])) == Decimal(str(data["asc"]["rate"])) + Decimal(
        str(data["pfs"]["facility"]["amount"])
    )
    assert data["pfs"]["non_facility"]["status"] == "not_payable" and data["pfs"]["facility"]["status"] == "priced"
    table = runner.invoke(app, ["price", "22590", *WHEN, "--format", "csv"])
    [row] = csv.DictReader(io.StringIO(table.stdout))
    # The CSV's, after the older columns (only the sites' facility/professional parts and the physician's claim's
    # shares, added later, follow them).
    assert list(row)[-15:-12] == ["site_office_status", "site_hopd_status", "site_asc_status"]
    assert [row[f"site_{name}_status"] for name in ("office", "hopd", "asc")] == ["not_payable", "not_priced", "priced"]


def test_an_office_visit_with_a_mac_priced_line_is_not_priced() -> None:
    """11102 and 80053 are priced in the office (PFS, CLFS); 29999 is contractor-priced (no national amount) and
    ranked with 11102 (multiple procedure indicator 2 both, RVU26C): the office's total is not priced, each line's
    site says which is which. (A9527, indicator 0, beside 99214 and 80053: left out of a priced total, "+ 1 line the
    MAC prices", engine.facility.mac_priced_apart.)"""
    data = _json("11102", "80053", "29999", "--setting", "office")
    [office] = data["totals"].values()
    _keys_kept(office)
    assert office["status"] == "not_priced" and office["total"] is None
    statuses = {line["code"]: line["sites"][0]["status"] for line in data["lines"]}
    assert statuses == {"11102": "priced", "80053": "priced", "29999": "not_priced"}
    for line in data["lines"]:
        _keys_kept(line["sites"][0])
    apart = _json("99214", "80053", "A9527", "--setting", "office")
    [office] = apart["totals"].values()
    assert office["status"] == "priced" and office["lines_priced_by_mac"] == 1
    assert Decimal(str(office["total"])) == sum(Decimal(str(line["sites"][0]["total"])) for line in apart["lines"]
                                                if line["code"] != "A9527")  # fmt: skip


def test_a_line_not_payable_in_the_office_makes_the_total_not_payable_beside_a_mac_priced_one(pricer: Pricer) -> None:
    """66984 (office PE 'NA') and 29999 (status C) in the office: not payable (the CLI says so on stderr and exits 1;
    --format json writes the API's result, a payer analyst's trial found 0 bytes)."""
    encounter = pricer.price_encounter(["66984", "29999"], setting="office", zip_code="10001",
                                       date_of_service="2026-08-03")  # fmt: skip
    data = json.loads(encounter.model_dump_json())
    _keys_kept(data["totals"]["office"])
    assert data["totals"]["office"]["status"] == "not_payable"
    assert [line["sites"][0]["status"] for line in data["lines"]] == ["not_payable", "not_priced"]
    assert encounter.totals["office"].status == "not_payable"  # the API's model too
    result = runner.invoke(app, ["price", "66984", "29999", "--setting", "office", *WHEN, "--format", "json"])
    assert result.exit_code == 1 and "is not payable here" in result.stderr
    assert json.loads(result.stdout) == data


def test_a_technical_component_at_pos_21_beside_a_mac_priced_line_is_not_priced() -> None:
    """88305-TC at POS 21 is the hospital's part (the physician's total leaves it out); 99499 is contractor-priced
    (left out too: no rule ranks it, but nothing else is priced): the encounter cannot be priced (the MAC prices
    99499), not "has no physician's fee" (the reason's words FACILITY_PART were all the CLI read) nor not payable."""
    result = runner.invoke(app, ["price", "88305-TC", "99499", "--setting", "21", *WHEN])
    assert result.exit_code == 1
    assert "cannot be priced here: your Medicare contractor (MAC) prices it" in result.output
    assert "no physician's fee" not in result.output
    alone = runner.invoke(app, ["price", "88305-TC", "--setting", "21", *WHEN])
    assert alone.exit_code == 1 and "88305-TC has no physician's fee here" in alone.output


# A PFS setting's keys (``pfs.non_facility``, ``pfs.facility``): README's (later_units, status), in their order.
PFS_SETTING_KEYS = ["payable", "amount", "fee_schedule_amount", "non_par_amount", "limiting_charge", "reason",
                    "adjustments", "later_units", "status"]  # fmt: skip


def test_the_pfs_settings_json_keys_are_the_documented_ones_not_the_internal_facility_part(pricer: Pricer) -> None:
    """A review: the engine's ``facility_part`` (a verdict's input: a technical component in a facility) appeared in
    every ``pfs.non_facility`` / ``pfs.facility`` object of `price -f json` and the API's dumps. It stays an internal
    field (``models.internal``): read by the engine, in no output."""
    result = runner.invoke(app, ["price", "22590", "--zip", "10001", "-f", "json"])
    assert result.exit_code == 0, result.output
    pfs = json.loads(result.stdout)["pfs"]
    assert list(pfs["non_facility"]) == PFS_SETTING_KEYS and list(pfs["facility"]) == PFS_SETTING_KEYS
    line = pricer.price("71045-TC", zip_code="10001", setting="21")
    assert line.pfs.facility.facility_part  # the engine still reads it
    for dumped in (line.model_dump(), line.model_dump(mode="json"), json.loads(line.model_dump_json())):
        assert list(dumped["pfs"]["facility"]) == PFS_SETTING_KEYS
    assert isinstance(line.model_dump()["pfs"]["facility"]["amount"], Decimal | None)


def test_json_and_csv_carry_the_result_when_nothing_is_priced() -> None:
    """A payer analyst's trial: `price 81099 -f json` (an unlisted lab: the MAC prices it) exited 1 with 0 bytes on
    stdout, where the API returns each site's status. Exit 1 still, the reason on stderr; JSON and CSV write the
    result (the table nothing)."""
    import csv
    import io

    args = ["price", "81099", *WHEN]
    as_json = runner.invoke(app, [*args, "-f", "json"])
    assert as_json.exit_code == 1 and "81099" in as_json.stderr
    sites = {site["setting"]: site["status"] for site in json.loads(as_json.stdout)["sites"]}
    assert sites["office"] == "not_priced" and "priced" not in sites.values()
    as_csv = runner.invoke(app, [*args, "-f", "csv"])
    (row,) = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert as_csv.exit_code == 1 and row["site_office_status"] == sites["office"]
    table = runner.invoke(app, args)
    assert table.exit_code == 1 and table.stdout == ""
