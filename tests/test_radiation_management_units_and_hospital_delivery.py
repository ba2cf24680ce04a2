"""A radiation oncology trial (ZIP 80218, Denver): 77427 x 5 was priced 5 x $191.01 with no word, though each unit of
radiation treatment management is five fractions (Claims Processing Manual ch. 13 §70.1: engine.radiation's
``management_units_note``); and 77385 at a hospital in 2025 read "Professional fee not included", though treatment
delivery there is a technical-only service with no professional fee (``hospital_delivery_reason``). Notes only: the
amounts are CMS's, unchanged; price and batch alike."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.radiation import HOSPITAL_DELIVERY, hospital_delivery_reason, management_units_note
from rvucalc.lookup.pricer import Pricer

ZIP, DATE = "80218", "2025-11-05"  # the trial's: Denver, CO (locality 04112/01)
CMS = Path("/work/shared/cms/2025")
RVU25D, GPCI2025 = CMS / "PPRRVU2025_Oct.csv", CMS / "GPCI2025.csv"
ADDENDUM_B = CMS / "508 version of October 2025 Web Addendum B.10.31.25.csv"
needs_cms = pytest.mark.skipif(not RVU25D.exists(), reason="CMS's raw files not here")


@pytest.fixture(scope="module")
def pricer() -> Pricer:
    return Pricer()


def _rvu_rows() -> dict[str, list[str]]:
    """RVU25D's rows without a modifier, by HCPCS code, as CMS's CSV has them."""
    with RVU25D.open(newline="", encoding="latin-1") as handle:
        return {row[0]: row for row in csv.reader(handle) if len(row) > 24 and not row[1]}


def _cms_fee(code: str) -> Decimal:
    """CMS's non-facility amount in Colorado from CMS's own RVU25D and GPCI2025 (Addendum E) files, rounded once."""
    row = _rvu_rows()[code]
    with GPCI2025.open(newline="", encoding="latin-1") as handle:
        gpci = next(r for r in csv.reader(handle) if len(r) > 6 and r[1] == "CO" and r[2] == "01")
    work, pe, mp, cf = (Decimal(row[i]) for i in (5, 6, 10, 24))
    exact = (work * Decimal(gpci[4]) + pe * Decimal(gpci[5]) + mp * Decimal(gpci[6])) * cf
    return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _batch(tmp_path: Path, rows: list[list[str]]) -> list[dict[str, str]]:
    source, target = tmp_path / "radiation.csv", tmp_path / "out.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([["Claim ID", "DOS", "CPT", "Units", "POS", "Svc Loc ZIP"], *rows])
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(target.read_text().splitlines()))


@needs_cms
def test_77427_units_are_five_fractions_each_in_price_and_batch(pricer: Pricer, tmp_path: Path) -> None:
    """77427 x 5 in the office: the note says each unit is five fractions (25 fractions, not 5), in price and batch
    alike; the amount stays 5 x CMS's fee ($191.01 from RVU25D and GPCI2025); one unit, and 77336 (continuing
    physics, not in ch. 13 §70.1), are not noted."""
    fee = _cms_fee("77427")
    assert fee == Decimal("191.01")  # the trial's figure, from CMS's files
    note = management_units_note("77427", 5)
    assert note is not None and "25 fractions" in note and "ch. 13 §70.1" in note and "; " not in note
    assert management_units_note("77427", 1) is None and management_units_note("77336", 5) is None
    line = pricer.price_encounter(["77427"], units=[5], zip_code=ZIP, date_of_service=DATE, setting="11").lines[0]
    assert line.notes.count(note) == 1, line.notes
    office = next(site for site in line.sites if site.setting == "office")
    assert office.total == fee * 5
    priced = _batch(tmp_path, [["R1", DATE, "77427", "5", "11", ZIP], ["R2", DATE, "77427", "1", "11", ZIP],
                               ["R3", DATE, "77336", "5", "11", ZIP]])  # fmt: skip
    assert priced[0]["note"].split("; ").count(note) == 1, priced[0]["note"]
    assert Decimal(priced[0]["allowed"]) == fee * 5 and Decimal(priced[1]["allowed"]) == fee
    assert "fractions" not in priced[1]["note"] + priced[2]["note"]
    assert Decimal(priced[2]["allowed"]) == _cms_fee("77336") * 5  # priced as given, no note
    cli = CliRunner().invoke(app, ["price", "77427", "--units", "5", "--zip", ZIP, "--date", DATE, "--setting", "11"])
    assert cli.exit_code == 0 and "25 fractions" in " ".join(cli.stdout.split()), cli.output


@needs_cms
def test_2025_hospital_delivery_is_technical_only_in_price_and_batch(pricer: Pricer, tmp_path: Path) -> None:
    """77385 (and 77386, 77402, 77407, 77412) at a hospital in 2025: RVU25D marks each technical-only (PC/TC 3,
    status I) and 77427 professional only (PC/TC 2), so the hospital site no longer says "Professional fee not
    included" but that the service is technical-only there, the physician's work 77427: price and batch alike. The
    hospital's rate is unchanged (Addendum B's national rate); 77387 (PC/TC 0, guidance) is not one of them."""
    rows = _rvu_rows()
    assert all(rows[code][3] == "I" and rows[code][13] == "3" for code in HOSPITAL_DELIVERY)
    assert rows["77427"][13] == "2" and rows["77387"][13] == "0" and "77387" not in HOSPITAL_DELIVERY
    assert all(rows[code][13] == "3" and rows[code][5] == "0.00" for code in ("G6003", "G6011", "G6015", "G6016"))
    assert hospital_delivery_reason("77387", "I") is None and hospital_delivery_reason("77402", "A") is None
    with ADDENDUM_B.open(newline="", encoding="latin-1") as handle:
        national = {r[0]: r[5] for r in csv.reader(handle) if r and r[0] in HOSPITAL_DELIVERY}
    codes = sorted(HOSPITAL_DELIVERY)
    priced = _batch(tmp_path, [[f"H{n}", DATE, code, "1", "22", ZIP] for n, code in enumerate(codes)])
    for code, row in zip(codes, priced, strict=True):
        said = hospital_delivery_reason(code, "I")
        assert said is not None and "77427" in said and "technical-only" in said and "; " not in said
        result = pricer.price(code, zip_code=ZIP, date_of_service=DATE, setting="22")
        assert result.opps is not None and result.opps.national_rate == Decimal(national[code].strip("$"))
        hopd = next(site for site in result.sites if site.setting == "hopd")
        assert hopd.reason == said, hopd.reason
        assert hopd.professional_payment is None and hopd.facility_payment == result.opps.rate
        assert "status I" in str(result.pfs.facility.reason)  # the PFS's own reason is as it was
        notes = row["note"].split("; ")
        assert notes.count(said) == 1 and not any("No PFS payment" in n for n in notes), row["note"]
        assert Decimal(row["allowed"]) == hopd.total
    cli = CliRunner().invoke(app, ["price", "77385", "--setting", "22", "--date", DATE, "--zip", ZIP])
    flat = " ".join(cli.stdout.split())
    assert cli.exit_code == 0 and "Professional fee not included" not in flat and "technical-only" in flat, flat
