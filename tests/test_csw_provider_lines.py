"""A clinical social worker's (--provider csw, an LCSW provider cell) lines other than PFS services (a review): AJ
was added to every line, so batch refused a DME line (`E0601-RR`, "AJ ... is a physician fee schedule modifier")
that `price --provider csw` priced; labs, drugs and facility-only codes were paid 100% but titled "80053-AJ" with the
"priced as with AJ, 75%" note; anesthesia was priced at 100% with that note; and AJ made a fifth modifier. AJ prices
PFS lines only (lookup.lines.provider_modifier_applies): the other schedules pay their own amount (as for an NP),
anesthesia is no CSW service (SSA §1861(hh)(2)), and a line with four written modifiers has no room for AJ."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.errors import RvucalcError

DATE = "2026-08-05"
CSW_NOTE = "priced as with AJ"


def _money(value: Any) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value)).quantize(Decimal("0.01"))


def test_csw_lines_other_schedules_pay_without_aj(pricer: Any) -> None:
    lines = [("E0601", "RR", "11"), ("80053", "", "11"), ("J3420", "", "11"), ("J1100", "", "11")]
    singles = []
    for code, modifier, place in lines:
        text = f"{code}-{modifier}" if modifier else code
        csw = pricer.price(text, zip_code="10001", date_of_service=DATE, provider="csw", setting=place)
        plain = pricer.price(text, zip_code="10001", date_of_service=DATE, setting=place)
        # the schedule's own amount (the DMEPOS, CLFS or ASP file's), as anyone's line of it
        assert csw.sites[0].total == plain.sites[0].total and csw.sites[0].total, code
        assert "AJ" not in csw.modifiers, (code, csw.modifiers)
        assert not any(CSW_NOTE in note for note in csw.notes), code
        singles.append(csw)
    table = pa.table({"code": [code for code, _, _ in lines], "modifier": [m for _, m, _ in lines],
                      "provider": ["LCSW"] * len(lines), "zip": ["10001"] * len(lines),
                      "date": [DATE] * len(lines), "setting": [place for _, _, place in lines]})  # fmt: skip
    out = BatchPricer(pricer).price_table(table).to_pylist()
    for (code, _, _), single, row in zip(lines, singles, out, strict=True):
        assert not row["error"], (code, row["error"])
        assert _money(row["allowed"]) == single.sites[0].total, code
        assert CSW_NOTE not in (row["note"] or ""), code
    # a PFS service keeps AJ's 75% (42 CFR 414.53)
    psychotherapy = pricer.price("90834", zip_code="10001", date_of_service=DATE, provider="csw", setting="11")
    full = pricer.price("90834", zip_code="10001", date_of_service=DATE, setting="11")
    assert "AJ" in psychotherapy.modifiers
    assert abs(psychotherapy.pfs.non_facility.amount - full.pfs.non_facility.amount * Decimal("0.75")) <= Decimal(
        "0.01"
    )


def test_csw_anesthesia_and_a_fifth_modifier_are_refused(pricer: Any) -> None:
    with pytest.raises(RvucalcError, match="anesthesia service is not a clinical social worker"):
        pricer.price("00840", zip_code="10001", date_of_service=DATE, provider="csw", base_units=6, minutes=60)
    with pytest.raises(RvucalcError, match="a claim line carries at most 4"):
        pricer.price("90834-95-GT-KX-59", zip_code="10001", date_of_service=DATE, provider="csw")
    four = pricer.price("90834-95-GT-KX", zip_code="10001", date_of_service=DATE, provider="csw", setting="11")
    assert len(four.modifiers) == 4 and "AJ" in four.modifiers
    table = pa.table({"code": ["00840", "90834-95-GT-KX-59", "90834-95-GT-KX"], "provider": ["LCSW"] * 3,
                      "zip": ["10001"] * 3, "date": [DATE] * 3, "base_units": ["6", "", ""],
                      "minutes": ["60", "", ""], "setting": ["21", "11", "11"]})  # fmt: skip
    out = BatchPricer(pricer).price_table(table).to_pylist()
    assert "anesthesia service is not a clinical social worker" in out[0]["error"]
    assert "a claim line carries at most 4" in out[1]["error"]
    assert not out[2]["error"] and _money(out[2]["allowed"]) == four.sites[0].total


@pytest.mark.parametrize(
    ("cell", "provider"),
    [("LCSW-R", "csw"), ("LPC-S", "csw"), ("PhD, ABPP", "psychologist"), ("Jo Smith, PsyD", "psychologist"),
     ("Sam Lee, Ph.D.", "psychologist"), ("PHD, LMFT", "csw"), ("LCSW, PhD", "csw"), ("MD, PHD", "physician"),
     ("LISW", "csw"), ("LISW-S", "csw"), ("LCSW-S", "csw"), ("LSCSW", "csw"), ("LCSW-BACS", "csw"), ("LIMHP", "csw"),
     ("LMFT-S", "csw"), ("LPCC-S", "csw"), ("LMHC-S", "csw"), ("LCMHC-S", "csw"), ("SMITH, JO LCSW-S", "csw")],
)  # fmt: skip
def test_provider_credentials_read(cell: str, provider: str) -> None:
    from rvucalc.batch.lines import provider_of

    assert provider_of(cell) == provider


@pytest.mark.parametrize("cell", ["LMSW", "Jo Smith, LMSW", "NP, LCSW"])
def test_provider_credentials_not_read(cell: str) -> None:
    from rvucalc.batch.lines import provider_not_read_note, provider_of

    with pytest.raises(ValueError):
        provider_of(cell)
    note = provider_not_read_note(cell, "physician")
    assert ("licensed master social worker" in note) == ("LMSW" in cell)


def test_an_lmft_with_a_doctorate_is_paid_as_a_csw(pricer: Any) -> None:
    csw = pricer.price("90834", zip_code="10001", date_of_service=DATE, provider="csw", setting="11")
    table = pa.table({"code": ["90834", "90834"], "provider": ["PHD, LMFT", "LMSW"], "zip": ["10001"] * 2,
                      "date": [DATE] * 2, "setting": ["11"] * 2})  # fmt: skip
    out = BatchPricer(pricer).price_table(table).to_pylist()
    assert _money(out[0]["allowed"]) == csw.sites[0].total
    assert "licensed master social worker" in out[1]["note"]
