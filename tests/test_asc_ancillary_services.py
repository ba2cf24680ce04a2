"""ASC covered ancillary services (Addendum BB) are paid only integral to a covered surgical procedure (Addendum AA)
on the ASC's claim (42 CFR 416.164(b); Addendum DD1's ancillary payment indicators: "paid separately when provided
integral to a surgical procedure on ASC list").

A revenue-cycle trial priced `price 74177 72148 --setting asc` $316.05 and a batch claim of 74177, 72148 and 78452 at
POS 24 $1,036.27, though the note said no line was a covered surgical procedure. Such lines are now left out of the
ASC's site (not payable, with the reason), their ASC rate still shown (Addendum BB's national rate, wage-adjusted);
beside a covered surgical procedure they are paid. Price and batch agree."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine.facility import ANCILLARY_NOTE, ANCILLARY_WITHOUT_PROCEDURE, ASC_DENIED_ALONE
from rvucalc.lookup.pricer import Pricer

DAY = {"zip_code": "30322", "date_of_service": "2025-11-02"}
COLUMNS = ["claim", "code", "modifier", "date", "setting", "zip", "units"]


def _money(value: Any) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value)).quantize(Decimal("0.01"))


def _asc_rate(pricer: Pricer, addendum: str, code: str, wage_index: Decimal) -> Decimal:
    """CMS's figure: the addendum's national rate x (0.50 x the CBSA's ASC wage index + 0.50), to the cent."""
    store = pricer.store(next(r for r in pricer.catalogue.releases("asc") if r.release == "2025-10"))
    row = store.asc(addendum, code)
    assert row is not None and row["rate"]
    national = Decimal(row["rate"]).scaleb(-2)
    return (national * (Decimal("0.5") * wage_index + Decimal("0.5"))).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _table(rows: list[dict[str, str]]) -> pa.Table:
    return pa.table({name: [row.get(name, "") for row in rows] for name in COLUMNS})


def test_ancillary_services_alone_are_not_paid_to_the_asc_their_rate_shown(pricer: Pricer) -> None:
    encounter = pricer.price_encounter(["74177", "72148"], setting="asc", **DAY)  # type: ignore[arg-type]
    wage_index = encounter.location.wage_index
    assert wage_index is not None
    total = encounter.totals["asc"]
    assert not total.payable and total.total is None
    assert total.reason == f"Not payable for 74177, 72148: {ANCILLARY_WITHOUT_PROCEDURE}"
    for line in encounter.lines:
        [site] = line.sites
        assert not site.payable and site.reason == ANCILLARY_WITHOUT_PROCEDURE
        assert line.asc is not None and line.asc.rate == _asc_rate(pricer, "bb", line.code, wage_index)
    single = pricer.price("71046", setting="asc", **DAY)  # type: ignore[arg-type]
    assert not single.sites[0].payable and single.sites[0].reason == ANCILLARY_WITHOUT_PROCEDURE
    assert single.asc is not None and single.asc.rate == _asc_rate(pricer, "bb", "71046", wage_index)
    # 71046 (PC/TC 1): the physician's claim at the ASC is 71046-26's PFS facility amount, shown (exit 0) with the
    # ASC's rate for information; its TC line has no physician's fee there: exit 1, the ASC's rate said on stderr.
    result = CliRunner().invoke(app, ["price", "71046", "--zip", "30322", "--date", "2025-11-02", "--setting", "asc"])
    assert result.exit_code == 0 and "71046-26's PFS facility amount" in result.stderr
    shown = " ".join(result.stdout.split())  # the table's lines wrapped at the terminal's width
    assert f"rate here ${single.asc.rate}, for information (not paid)" in shown
    technical = CliRunner().invoke(app, ["price", "71046-TC", "--zip", "30322", "--date", "2025-11-02", "--setting",
                                         "asc"])  # fmt: skip
    assert technical.exit_code == 1 and technical.stdout == ""
    assert f"ASC rates, for information (not paid): 71046 ${single.asc.rate}." in technical.stderr


def test_a_global_test_alone_at_an_asc_says_its_asc_rate_on_stderr_too(pricer: Pricer) -> None:
    """A review: `price 71046 --setting asc` (now exit 0, the physician's 26 fee shown) lost the stderr line "ASC rates,
    for information (not paid): 71046 $X." that the exit-1 message gave; JSON and CSV readers have only stderr's words.
    """
    rate = pricer.price("71046", setting="asc", **DAY).asc.rate  # type: ignore[arg-type, union-attr]
    wage_index = pricer.price("71046", setting="asc", **DAY).location.wage_index  # type: ignore[arg-type]
    assert wage_index is not None and rate == _asc_rate(pricer, "bb", "71046", wage_index)  # CMS's Addendum BB
    for fmt in ("table", "json", "csv"):
        result = CliRunner().invoke(app, ["price", "71046", "--zip", "30322", "--date", "2025-11-02", "--setting",
                                          "asc", "-f", fmt])  # fmt: skip
        assert result.exit_code == 0 and "71046-26's PFS facility amount" in result.stderr
        assert f"ASC rates, for information (not paid): 71046 ${rate}." in result.stderr, fmt


def test_an_ancillary_service_beside_a_covered_procedure_is_paid(pricer: Pricer) -> None:
    encounter = pricer.price_encounter(["29881", "73721"], setting="asc", **DAY)  # type: ignore[arg-type]
    wage_index = encounter.location.wage_index
    assert wage_index is not None
    surgery, imaging = encounter.lines
    assert imaging.sites[0].payable and imaging.sites[0].facility_payment == _asc_rate(
        pricer, "bb", "73721", wage_index
    )
    assert surgery.sites[0].facility_payment == _asc_rate(pricer, "aa", "29881", wage_index)
    total = encounter.totals["asc"]
    assert (
        total.payable
        and total.facility_payment == surgery.sites[0].facility_payment + imaging.sites[0].facility_payment
    )  # type: ignore[operator]
    # An excluded procedure is no covered one: 63048 (Addendum EE in 2025) beside 74177 leaves it unpaid too.
    other = pricer.price_encounter(["63048", "74177"], setting="asc", **DAY)  # type: ignore[arg-type]
    assert not other.lines[1].sites[0].payable and not other.totals["asc"].payable


def test_batch_leaves_an_ancillary_claim_out_of_the_asc_totals_as_price_does(pricer: Pricer, tmp_path: Path) -> None:
    day = {"date": "2025-11-02", "setting": "24", "zip": "30322"}
    cells = [("A1", "74177"), ("A1", "72148"), ("A1", "78452"), ("B1", "71046"), ("C1", "29881"), ("C1", "73721"),
             ("", "73721")]  # fmt: skip
    rows = [{"claim": claim, "code": code, **day} for claim, code in cells]
    out = BatchPricer(pricer).price_table(_table(rows)).to_pylist()
    encounter = pricer.price_encounter(["74177", "72148", "78452"], setting="asc", **DAY)  # type: ignore[arg-type]
    for row, line in zip(out[:3], encounter.lines, strict=True):
        assert row["asc_allowed"] is None and row["allowed"] is None, row["code"]
        assert line.asc is not None and _money(row["asc_rate"]) == line.asc.rate
        assert ANCILLARY_WITHOUT_PROCEDURE in row["note"] and ANCILLARY_NOTE not in row["note"]
    assert out[3]["allowed"] is None and out[6]["allowed"] is None  # a claim of one line, a line alone
    paid = pricer.price_encounter(["29881", "73721"], setting="asc", **DAY)  # type: ignore[arg-type]
    for row, line in zip(out[4:6], paid.lines, strict=True):
        assert _money(row["allowed"]) == line.sites[0].total is not None, row["code"]
    assert ANCILLARY_NOTE in out[5]["note"] and ANCILLARY_WITHOUT_PROCEDURE not in out[5]["note"]
    source = tmp_path / "claims.csv"
    source.write_text("Claim ID,CPT Code,Date of Service,POS,Zip Code\n"
                      + "".join(f"{claim},{code},11/02/2025,24,30322\n" for claim, code in cells[:6]))  # fmt: skip
    summary = tmp_path / "summary.json"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv"), "--summary",
                                      str(summary), "-q"])  # fmt: skip
    assert result.exit_code == 0, result.output
    claims = json.loads(summary.read_text())["claims"]
    assert (claims["A1"]["allowed"], claims["A1"]["unpriced"]) == (None, 3)  # no line priced: null, not 0.00
    assert Decimal(claims["C1"]["allowed"]) == paid.totals["asc"].allowed


def test_a_denied_ancillary_line_leaves_the_encounter_s_other_lines_paid(pricer: Pricer) -> None:
    """An anesthesia line at the ASC is the practitioner's PFS amount (engine.facility.ANESTHESIA_AT_ASC): beside an
    ancillary service alone it is still paid, the ancillary line denied on its own (the total says so)."""
    encounter = pricer.price_encounter(
        ["01992", "72148"], setting="asc", base_units=[7, None], minutes=[30, None], **DAY
    )  # type: ignore[arg-type]
    total = encounter.totals["asc"]
    anesthesia = encounter.lines[0].sites[0]
    assert anesthesia.payable and total.payable and total.allowed == anesthesia.total
    assert total.reason is not None and f"{ASC_DENIED_ALONE}: 72148: {ANCILLARY_WITHOUT_PROCEDURE}" in total.reason
