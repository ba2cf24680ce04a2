"""Modifier 50 in the hospital: the OPPS pays a bilateral procedure by the Outpatient Code Editor's bilateral lists
(its discounting formula "(1+D)/U", CMS's REV_CNTR_DSCNT_IND_CD value 4, for the lines the OCE names), which rvucalc
could not read: `price 64483-50 --setting hopd` pays one side ($901.56 in Atlanta) where 64483-RT 64483-LT pays 150%.
The amount is kept (Addendum B's rate, wage-adjusted), but the hospital's site, the encounter's total, the batch
row's note and `--summary` (``opps_one_side``) all say the bilateral payment is not applied."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.facility import OPPS_BILATERAL_NOTE, OPPS_BILATERAL_SITE_REASON
from rvucalc.lookup.pricer import Pricer

DAY = {"zip_code": "30322", "date_of_service": "2025-11-10", "setting": "hopd"}


def test_the_hospital_s_bilateral_line_says_its_amount_is_one_side_s(pricer: Pricer, tmp_path: Path) -> None:
    line = pricer.price("64483-50", **DAY)  # type: ignore[arg-type]
    [site] = line.sites
    assert line.opps is not None and line.location.wage_index is not None
    store = pricer.store(next(r for r in pricer.catalogue.releases("opps") if r.release == "2025-10"))
    national = Decimal(store.opps("64483")["rate"]).scaleb(-3)  # Addendum B's national rate, wage-adjusted (60%)
    one_side = (national * (Decimal("0.6") * line.location.wage_index + Decimal("0.4"))).quantize(
        Decimal("0.01"), ROUND_HALF_UP
    )
    assert site.payable and site.facility_payment == one_side == line.opps.rate
    assert site.reason is not None and OPPS_BILATERAL_SITE_REASON in site.reason
    encounter = pricer.price_encounter(["64483-50", "99213"], **DAY)  # type: ignore[arg-type]
    total = encounter.totals["hopd"]
    assert total.payable and total.reason is not None and f"64483: {OPPS_BILATERAL_SITE_REASON}" in total.reason
    plain = pricer.price("64483", **DAY)  # type: ignore[arg-type]
    assert plain.sites[0].reason is None or OPPS_BILATERAL_SITE_REASON not in plain.sites[0].reason
    source = tmp_path / "claims.csv"
    source.write_text("Claim ID,CPT Code,Mod 1,Date of Service,POS,Zip Code\nA,64483,50,11/10/2025,22,30322\n"
                      "B,64483,,11/10/2025,22,30322\nC,64483,50,11/10/2025,11,30322\n")  # fmt: skip
    summary, out = tmp_path / "summary.json", tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--summary", str(summary)])
    assert result.exit_code == 0, result.output
    assert json.loads(summary.read_text())["opps_one_side"] == 1  # the hospital's 50 row; not the office's
    assert "1 row of a bilateral procedure (50) at the hospital priced at one side's OPPS amount" in result.stderr
    assert OPPS_BILATERAL_NOTE in out.read_text().splitlines()[1]


def test_the_text_says_it_once(pricer: Pricer) -> None:
    """A trial's `price 29581-50 --zip 43210 --setting 22` printed the hospital site's reason and then the same as a
    Note: the text says it once (the site's reason, or the encounter total's), JSON keeps both fields (batch's note
    column is the single lookup's notes)."""
    day = ["--zip", "43210", "--date", "2025-10-14"]
    for lines in (["29581-50", "--setting", "22"], ["29581-50"], ["29581-50", "99213", "--setting", "22"]):
        done = CliRunner().invoke(app, ["price", *lines, *day])
        assert done.exit_code == 0, done.output
        text = " ".join(done.stdout.split())  # as printed, its lines wrapped
        assert text.count(OPPS_BILATERAL_SITE_REASON) == 1, text
        assert OPPS_BILATERAL_NOTE not in text, text
    line = pricer.price("29581-50", zip_code="43210", date_of_service="2025-10-14", setting="hopd")
    assert OPPS_BILATERAL_NOTE in line.notes  # the data is unchanged: the text alone leaves the repeat out
    store = pricer.store(next(r for r in pricer.catalogue.releases("opps") if r.release == "2025-10"))
    national = Decimal(store.opps("29581")["rate"]).scaleb(-3)  # Addendum B's national rate, wage-adjusted (60%)
    assert line.opps is not None and line.location.wage_index is not None
    one_side = (national * (Decimal("0.6") * line.location.wage_index + Decimal("0.4"))).quantize(
        Decimal("0.01"), ROUND_HALF_UP
    )
    assert line.opps.rate == one_side == line.sites[0].facility_payment
