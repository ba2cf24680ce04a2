"""AJ (clinical social worker: 75% of the PFS amount, SSA §1833(a)(1)(F)(ii), ch. 12 §150), AH (clinical psychologist:
the physician's amount, ch. 12 §160) and the foot care class findings Q7/Q8/Q9 (BPM ch. 15 §290) were refused as
unknown modifiers (exit 2) in a behavioral health and a podiatry trial. Single lookups and batch alike."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.engine.modifiers import informational, require

ZIP, DATE = "02139", "2026-08-03"
LINES = [("90837", "AJ"), ("90785", "AJ"), ("90837", "AH"), ("11721", "Q8"), ("11055", "Q7"), ("G0127", "Q9")]


@pytest.mark.parametrize("modifier", ["AH", "Q7", "Q8", "Q9"])
def test_the_informational_ones_are_known(modifier: str) -> None:
    assert informational(modifier) and require(modifier).source


def test_aj_is_75_percent_of_the_amount_rounded_once(pricer: Any) -> None:
    plain = pricer.price("90837", zip_code=ZIP, date_of_service=DATE).pfs
    social = pricer.price("90837", modifier="AJ", zip_code=ZIP, date_of_service=DATE).pfs
    row, gpci, cf = plain.rvu, plain.gpci, plain.conversion_factor
    assert row is not None and gpci is not None and cf is not None
    fee = (Fraction(row.work) * Fraction(gpci.work) + Fraction(row.pe_non_facility) * Fraction(gpci.pe)
           + Fraction(row.mp) * Fraction(gpci.mp)) * Fraction(cf)  # fmt: skip
    exact = Decimal(fee.numerator) / Decimal(fee.denominator) * Decimal("0.75")
    expected = exact.quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert social.non_facility.amount == expected == Decimal("134.91")
    assert any(step.rule.startswith("AJ (Clinical social worker): 75%") for step in social.non_facility.adjustments)


def test_price_and_batch_agree(pricer: Any) -> None:
    rows = [{"code": code, "modifier": modifier, "zip": ZIP, "date": DATE, "setting": "11", "claim": f"C{i}"}
            for i, (code, modifier) in enumerate(LINES)]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for row, priced in zip(rows, out, strict=True):
        assert not priced["error"], (row, priced["error"])
        single = pricer.price(row["code"], modifier=row["modifier"], zip_code=ZIP, date_of_service=DATE)
        assert single.pfs.non_facility.amount == priced["pfs_non_facility_amount"], row
        assert single.pfs.facility.amount == priced["pfs_facility_amount"], row
        alone = pricer.price(row["code"], zip_code=ZIP, date_of_service=DATE)
        if row["modifier"] != "AJ":
            assert single.pfs.non_facility.amount == alone.pfs.non_facility.amount, row


def test_one_practitioner_and_one_class_finding_a_line(pricer: Any) -> None:
    from rvucalc.errors import RvucalcError

    for modifiers in ("AH-AJ", "Q7-Q8"):
        with pytest.raises(RvucalcError):
            pricer.price(f"90837-{modifiers}" if modifiers == "AH-AJ" else f"11721-{modifiers}", zip_code=ZIP)


def test_practitioners_who_must_accept_assignment_have_no_limiting_charge(pricer: Any) -> None:
    """A review: AJ, AH and AS lines kept a limiting charge (SSA §1842(b)(18)(C): assignment only), price and batch."""
    rows = [{"code": code, "modifier": modifier, "zip": ZIP, "date": DATE, "setting": setting}
            for code, modifier, setting in (("90837", "AJ", "11"), ("90837", "AH", "11"), ("27447", "AS", "21"),
                                            ("90837", "", "11"))]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for row, priced in zip(rows, out, strict=True):
        single = pricer.price(row["code"], modifier=row["modifier"] or None, zip_code=ZIP, date_of_service=DATE)
        must = bool(row["modifier"])
        assert (single.pfs.facility.limiting_charge is None) == must, row
        assert (priced["pfs_facility_limiting_charge"] is None) == must, row
        assert single.pfs.facility.limiting_charge == priced["pfs_facility_limiting_charge"], row
        said = [note for note in single.notes if "must accept assignment" in note]
        assert len(said) == must and all(note in priced["note"] for note in said), row


def test_a_social_worker_s_line_is_not_also_an_nurse_practitioner_s(pricer: Any) -> None:
    from rvucalc.errors import UsageError

    with pytest.raises(UsageError):  # 85% x 75% = 63.75%: no CMS rule pays it (a review)
        pricer.price("90837", modifier="AJ", provider="np", zip_code=ZIP)
    with pytest.raises(UsageError):
        pricer.price("82310", modifier="CD-CF", zip_code=ZIP)


def test_a_postoperative_line_says_it_takes_the_surgery_s_place_of_service(pricer: Any) -> None:
    """A trial: 66984-55 at POS 11 was "not payable" (office NA), no word that a 55 line takes the surgery's POS."""
    rows = [{"code": "66984", "modifier": "55", "zip": "48104", "date": DATE, "setting": setting, "units": "80"}
            for setting in ("11", "24")]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    single = pricer.price("66984", modifier="55", units=80, zip_code="48104", date_of_service=DATE)
    [said] = [note for note in single.notes if "surgery's date and place of service" in note]
    assert all(said in row["note"] for row in out)
    plain = pricer.price("66984", zip_code="48104", date_of_service=DATE)
    assert not [note for note in plain.notes if "place of service" in note and "55" in note]


def test_price_s_not_payable_message_of_a_55_line_in_the_office_says_why() -> None:
    """A review: `price 66984-55 --setting 11` said only "office: ... 'NA'" where batch's note said a 55 line takes
    the surgery's place of service."""
    from typer.testing import CliRunner

    from rvucalc.cli import app
    from rvucalc.engine.modifiers import POSTOPERATIVE_PLACE_NOTE

    done = CliRunner().invoke(app, ["price", "66984-55", "--zip", "48104", "--date", DATE, "--setting", "11"])
    assert done.exit_code == 1 and POSTOPERATIVE_PLACE_NOTE.rstrip(".") in " ".join(done.stderr.split())
