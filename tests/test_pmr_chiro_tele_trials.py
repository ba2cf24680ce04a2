"""Three trials (a PM&R practice in Pittsburgh, a chiropractor in Sioux Falls, a telehealth practice in Phoenix).

G0260 beside 27096 at the ASC read "G0260: Professional fee not included: No PFS payment: status E ... reasonable-charge
rules", though G0260 is the facility's code for the injection the physician bills as 27096 (CMS's MLN article on G0260
and 27096): it has no physician's fee there, as an A, J or Q item the facility bills has none
(engine.facility.FACILITY_BILLED_CODES). Price and batch alike; the amounts are CMS's, unchanged."""

from __future__ import annotations

import json
from typing import Any

import pyarrow as pa
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from test_cardiology_trial import rvu_row

runner = CliRunner()
PITTSBURGH, DATE = "15213", "2025-11-05"
REASONABLE_CHARGE = "reasonable-charge rules"


def _batch(pricer: Any, rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    return BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()


def test_g0260_at_the_asc_has_no_physician_s_fee_in_price_and_batch(pricer: Any) -> None:
    """The trial's `price 27096-50 G0260-LT G0260-RT --setting 24`: G0260 (PFS status E in CMS's RVU file) is the
    ASC's line, paid its ASC rate; no "Professional fee not included", no reasonable-charge words, at the ASC, in the
    line's site, the encounter's total, the table, or batch's rows at POS 24; 27096's physician's fee is CMS's."""
    assert rvu_row("2025D", "G0260")[3] == "E" and rvu_row("2025D", "27096")[3] == "A"
    codes = ["27096-50", "G0260-LT", "G0260-RT"]
    encounter = pricer.price_encounter(codes, zip_code=PITTSBURGH, date_of_service=DATE, setting="asc")
    single = {site.setting: site for site in pricer.price("G0260", zip_code=PITTSBURGH, date_of_service=DATE).sites}
    for line in encounter.lines[1:]:
        [asc] = line.sites
        assert asc.payable and asc.reason is None and asc.professional_payment is None, asc
    assert encounter.lines[1].sites[0].facility_payment == single["asc"].facility_payment
    assert single["asc"].reason is None and single["hopd"].reason is None
    total = encounter.totals["asc"]
    assert "Professional fee not included" not in (total.reason or "") and REASONABLE_CHARGE not in (total.reason or "")
    assert total.professional_payment == encounter.lines[0].sites[0].professional_payment
    out = runner.invoke(app, ["price", *codes, "--zip", PITTSBURGH, "--date", DATE, "--setting", "24"])
    assert out.exit_code == 0, out.output
    said = " ".join(out.stdout.split())
    assert "Professional fee not included" not in said and REASONABLE_CHARGE not in said
    assert "the ASC bills G0260 for this service" in said  # 27096's reason says whose code it is
    rows = _batch(pricer, [{"claim": "A", "code": code.split("-")[0], "modifier": code.split("-")[1], "setting": "24",
                            "zip": PITTSBURGH, "date": DATE} for code in codes])  # fmt: skip
    for row in rows[1:]:
        assert REASONABLE_CHARGE not in (row["note"] or ""), row["note"]


def test_an_encounter_s_table_lists_its_denied_lines_on_stdout() -> None:
    """The chiropractor's trial: `price 98941-AT 97140-GP 99213-25 72100 --provider DC` printed "Encounter of 1 code"
    and 98941 alone on stdout, the three denied lines (a chiropractor's services other than spinal manipulation:
    Medicare Benefit Policy Manual ch. 15 §240.1.1) on stderr only, as a redirected table lost them. The table lists
    each, its code, "denied" and the reason JSON's ``errors`` gives; 98941's amount is unchanged beside them."""
    args = ["98941-AT", "97140-GP", "99213-25", "72100", "--zip", "57104", "--date", "2026-08-03", "--provider", "DC"]
    table = runner.invoke(app, ["price", *args])
    as_json = runner.invoke(app, ["price", *args, "-f", "json"])
    alone = runner.invoke(app, ["price", *args[:1], *args[4:], "-f", "json"])
    errors = json.loads(as_json.stdout)["errors"]
    assert [error["code"] for error in errors] == ["97140-GP", "99213-25", "72100"]
    said = " ".join(table.stdout.split())
    assert "Encounter of 1 code (+ 3 not priced, listed below)" in said, said
    assert "Lines not priced" in said
    flat = "".join(table.stdout.split())  # the reasons wrap in their column: compared without spaces
    for error in errors:
        assert error["error_kind"] == "denied"
        assert "".join(f"{error['line']}│{error['code']}│denied│".split()) in flat, error
        assert "".join(error["error"][:60].split()) in flat.replace("│", ""), error
    assert json.loads(as_json.stdout)["lines"][0]["sites"] == json.loads(alone.stdout)["sites"]
