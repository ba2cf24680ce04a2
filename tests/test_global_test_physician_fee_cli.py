"""A global diagnostic test (PC/TC indicator 1) at the hospital or an ASC whose facility fee rvucalc cannot price: the
physician bills CODE-26 there, paid its PFS facility amount (lookup.lines.component_row), which the table, JSON, CSV
and batch all give, exit 0. A dermatology practice's trial (ZIP 85016, Phoenix): `price 88305 --setting hopd` (2026,
no CY2026 Addendum B) exited 1 "88305 cannot be priced here ... price the code with 26", while its JSON's site and
batch's professional_allowed carried 88305-26's $34.70 and `--setting 21` printed it."""

from __future__ import annotations

import csv
import io
import json
from decimal import ROUND_HALF_UP, Decimal

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()
CENTS = Decimal("0.01")
# 88305-26, RVU26C (PPRRVU2026_Jul_nonQPP.csv): work 0.73, facility PE 0.31, MP 0.01, CF 33.4009; Arizona's 2026
# GPCIs (locality 0310200): work 1.000, PE 0.969, MP 0.856.
FEE_2026 = (
    (Decimal("0.73") * Decimal("1.000") + Decimal("0.31") * Decimal("0.969") + Decimal("0.01") * Decimal("0.856"))
    * Decimal("33.4009")
).quantize(CENTS, ROUND_HALF_UP)
WHERE = ["--zip", "85016", "--date", "2026-08-03"]


def _batch(pos: str, date: str = "2026-08-03") -> dict[str, str]:
    lines = f"code,zip,pos,date\n88305,85016,{pos},{date}\n"
    out = runner.invoke(app, ["batch", "-", "-o", "-", "--quiet"], input=lines)
    assert out.exit_code == 0, out.output
    return next(csv.DictReader(io.StringIO(out.stdout)))


@pytest.mark.parametrize(("setting", "pos", "site"), [("hopd", "22", "hopd"), ("22", "22", "hopd"),
                                                      ("asc", "24", "asc"), ("24", "24", "asc")])  # fmt: skip
def test_88305_at_a_facility_is_its_26_fee_in_every_format(setting: str, pos: str, site: str) -> None:
    assert Decimal("34.70") == FEE_2026
    batch = _batch(pos)
    assert Decimal(batch["professional_allowed"]) == FEE_2026 and batch["error"] == ""
    table = runner.invoke(app, ["price", "88305", *WHERE, "--setting", setting])
    assert table.exit_code == 0, table.stderr
    label = {"hopd": "Hospital outpatient", "asc": "Ambulatory surgical center"}[site]
    [row] = [text for text in table.stdout.splitlines() if text.startswith("│") and label in text]
    assert f"${FEE_2026}" in row  # the site's Professional column
    assert "cannot be priced" not in table.stderr and "88305-26's PFS facility amount" in table.stderr
    assert f"${FEE_2026}" in table.stderr
    as_json = runner.invoke(app, ["price", "88305", *WHERE, "--setting", setting, "-f", "json"])
    assert as_json.exit_code == 0
    [chosen] = json.loads(as_json.stdout)["sites"]
    assert chosen["setting"] == site and Decimal(str(chosen["professional_payment"])) == FEE_2026
    assert chosen["total"] is None  # the hospital's or ASC's part is not priced (no Addendum B; not on AA/BB)
    assert "sites[0].professional_payment" in as_json.stderr
    as_csv = runner.invoke(app, ["price", "88305", *WHERE, "--setting", setting, "-f", "csv"])
    assert as_csv.exit_code == 0
    [line] = csv.DictReader(io.StringIO(as_csv.stdout))
    assert Decimal(line[f"site_{site}_professional_payment"]) == FEE_2026 and line[f"site_{site}_total"] == ""
    assert f"site_{site}_professional_payment" in as_csv.stderr
    # The inpatient stay (POS 21) was already priced so: the same fee.
    inpatient = json.loads(runner.invoke(app, ["price", "88305", *WHERE, "--setting", "21", "-f", "json"]).stdout)
    assert Decimal(str(inpatient["sites"][0]["professional_payment"])) == FEE_2026


def test_the_csv_s_site_parts_are_json_s_and_appended() -> None:
    """2025 (Addendum B installed): the hospital site is paid, its parts in CSV as in JSON, the older columns first."""
    args = ["price", "88305", "--zip", "85016", "--date", "2025-11-03", "--setting", "hopd"]
    doc = json.loads(runner.invoke(app, [*args, "-f", "json"]).stdout)
    [line] = csv.DictReader(io.StringIO(runner.invoke(app, [*args, "-f", "csv"]).stdout))
    [hopd] = doc["sites"]
    parts = Decimal(str(hopd["facility_payment"])) + Decimal(str(hopd["professional_payment"]))
    assert hopd["payable"] and Decimal(str(hopd["total"])) == parts
    assert Decimal(line["site_hopd_facility_payment"]) == Decimal(str(hopd["facility_payment"]))
    assert Decimal(line["site_hopd_professional_payment"]) == Decimal(str(hopd["professional_payment"]))
    assert list(line)[-4:-2] == ["site_hopd_facility_payment", "site_hopd_professional_payment"]
    assert Decimal(_batch("22", "2025-11-03")["professional_allowed"]) == Decimal(str(hopd["professional_payment"]))


def test_a_code_with_no_physician_fee_there_still_exits_1() -> None:
    """88305-TC (the technical part: the hospital's) and 36593 (PC/TC 3) have no physician's fee at the hospital."""
    for code in ("88305-TC", "36593"):
        result = runner.invoke(app, ["price", code, *WHERE, "--setting", "hopd"])
        assert result.exit_code == 1 and result.stdout == "", code


def _arizona_fee(work: str, pe: str, mp: str) -> Decimal:
    """A 2026 26 row's PFS facility amount at locality 0310200 (the GPCIs of FEE_2026), CF 33.4009."""
    total = Decimal(work) * Decimal("1.000") + Decimal(pe) * Decimal("0.969") + Decimal(mp) * Decimal("0.856")
    return (total * Decimal("33.4009")).quantize(CENTS, ROUND_HALF_UP)


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_an_encounter_of_global_tests_says_their_26_rows_pay_the_physician(fmt: str) -> None:
    """A review: `price 88305 71046 --setting hopd` said "each line's PFS facility amount, where the line has one",
    though neither has one: the physician's fee is 88305-26's plus 71046-26's (RVU26C: 71046-26 work 0.21, facility PE
    0.08, MP 0.01), as the single code says its 26 row's."""
    chest = _arizona_fee("0.21", "0.08", "0.01")
    assert _arizona_fee("0.73", "0.31", "0.01") == FEE_2026
    out = runner.invoke(app, ["price", "88305", "71046", *WHERE, "--setting", "hopd", "-f", fmt])
    assert out.exit_code == 0, out.output
    assert "where the line has one" not in out.stderr
    assert "88305-26's and 71046-26's PFS facility amounts (PC/TC indicator 1: global diagnostic tests)" in out.stderr
    assert f"${FEE_2026 + chest} in all" in out.stderr
    if fmt == "json":
        assert Decimal(str(json.loads(out.stdout)["totals"]["hopd"]["professional_payment"])) == FEE_2026 + chest
        assert "(totals.hopd.professional_payment)" in out.stderr
    # A line with its own PFS facility amount beside a global test: both said.
    mixed = runner.invoke(app, ["price", "99213", "88305", *WHERE, "--setting", "hopd"])
    assert mixed.exit_code == 0, mixed.output
    assert "88305-26's PFS facility amount (PC/TC indicator 1: a global diagnostic test) plus 99213's own PFS " \
           "facility amount" in mixed.stderr  # fmt: skip
