"""GY (statutorily excluded), GZ (expected denial, no ABN) and EY (no order) have Medicare deny the whole line: no
physician, hospital, ASC, lab, drug or DME amount is due. rvucalc refuses such a line (exit 1, error_kind
``denied``) rather than price a part of it: the PFS amounts alone were blank while the hospital's and ASC's fees, a
lab's or a DME item's fee were still shown as paid (80053-GY: $10.56; 29881-GY: ASC $1,826.93)."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.errors import ErrorKind, RvucalcError

# One line of each kind: PFS with facility rates, a lab, a drug, a DME rental, a facility-only device code.
LINES = [("29881", "GY", "2025-05-01"), ("99213", "GZ", "2026-05-01"), ("80053", "GY", "2026-05-01"),
         ("J9271", "GZ", "2026-01-15"), ("E0601", "RR-EY", "2026-05-01"), ("C1713", "GY", "2025-05-01")]  # fmt: skip


@pytest.mark.parametrize(("code", "modifier", "date"), LINES)
def test_single_lookups_refuse_a_denied_line(pricer: Any, code: str, modifier: str, date: str) -> None:
    plain = pricer.price(code, modifier=modifier.replace("GY", "").replace("GZ", "").replace("EY", "").strip("-")
                         or None, zip_code="10001", date_of_service=date)  # fmt: skip
    assert any(site.payable for site in plain.sites)  # without the modifier something pays it
    with pytest.raises(RvucalcError) as refused:
        pricer.price(code, modifier=modifier, zip_code="10001", date_of_service=date)
    assert refused.value.kind is ErrorKind.DENIED and "denied line" in str(refused.value)


def test_batch_refuses_them_alike_and_a_claim_prices_its_other_lines(pricer: Any) -> None:
    rows = [{"code": code, "modifier": modifier, "zip": "10001", "date": date} for code, modifier, date in LINES]
    rows += [
        {"claim": "K1", "code": "29881", "modifier": "", "zip": "10001", "date": "2025-05-01", "setting": "24"},
        {"claim": "K1", "code": "29880", "modifier": "GZ", "zip": "10001", "date": "2025-05-01", "setting": "24"},
    ]
    rows = [{"claim": "", "setting": "", **row} for row in rows]
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for (code, modifier, date), row in zip(LINES, out, strict=False):
        with pytest.raises(RvucalcError) as refused:
            pricer.price(code, modifier=modifier, zip_code="10001", date_of_service=date)
        assert (row["error"], row["error_kind"]) == (str(refused.value), "denied")
        assert row["allowed"] is None and row["office_allowed"] is None and row["hopd_allowed"] is None
    alone = pricer.price("29881", zip_code="10001", date_of_service="2025-05-01", setting="asc")
    kept, denied = out[-2:]
    assert denied["error_kind"] == "denied"
    assert str(kept["allowed"]) == str(alone.sites[0].allowed)  # priced as the encounter's only line
    assert "rules ran without line 2 (29880-GZ)" in kept["note"]


def test_the_cli_exits_1_with_the_reason() -> None:
    result = CliRunner().invoke(app, ["price", "80053-GY", "--zip", "10001"])
    assert result.exit_code == 1 and "80053-GY" in result.output and "Traceback" not in result.output


def test_a_denied_line_s_message_is_its_own_when_lines_differ_by_other_modifiers(pricer: Any) -> None:
    """A fuzz trial: batch gave C1713-GY-JW the message of C1713-GY-76 before it ("price C1713-76 (without GY)") and
    E0601-GY E0601-JW-GY's; each row's message is the single lookup's for its own line."""
    lines = [("C1713", "GY-76"), ("C1713", "GY-JW"), ("E0601", "JW-GY"), ("E0601", "GY"), ("99213", "GZ-25"),
             ("99213", "GZ")]  # fmt: skip
    rows = [{"code": code, "modifier": modifier, "zip": "30303", "date": "2026-05-01"} for code, modifier in lines]
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for (code, modifier), row in zip(lines, out, strict=True):
        with pytest.raises(RvucalcError) as refused:
            pricer.price(code, modifier=modifier, zip_code="30303", date_of_service="2026-05-01")
        assert row["error"] == str(refused.value) and row["error_kind"] == "denied", (code, modifier)


def test_a_denied_non_covered_code_is_not_sent_to_a_fee_it_lacks(pricer: Any) -> None:
    """An optometry trial's 92015-GY (refraction: RVU26C status N) was told to "price the line without GY for the fee
    schedule amount", a fee 92015 does not have: the hint now says where it has one."""
    with pytest.raises(RvucalcError) as refused:
        pricer.price("92015", modifier="GY", zip_code="95811", date_of_service="2026-08-03")
    assert pricer.price("92015", zip_code="95811", date_of_service="2026-08-03").pfs.status == "N"
    assert "to see its fee schedule amount, where it has one (a non-covered code, status N, has none)" in str(
        refused.value
    )


def test_a_claim_s_denied_line_is_not_called_an_error(pricer: Any) -> None:
    """An audiology trial (Pittsburgh, 2026): a claim's 92557-AB and 92567 beside V5010-GY (a hearing aid assessment,
    statutorily excluded, billed with GY for the secondary payer's denial) said the rules ran without V5010-GY "which
    has an error". A denied line is said as denied; a malformed line beside it is still an error. The amounts are the
    lines' own (the single lookup's)."""
    line = {"claim": "A1", "zip": "15213", "date": "2026-08-12", "setting": "11"}
    rows = [{**line, "code": "92557", "modifier": "AB"}, {**line, "code": "92567", "modifier": ""},
            {**line, "code": "V5010", "modifier": "GY"},
            {**line, "claim": "A2", "code": "92557", "modifier": ""},
            {**line, "claim": "A2", "code": "V5010", "modifier": "GY"},
            {**line, "claim": "A2", "code": "9255X", "modifier": ""}]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    audiometry, tympanometry, denied, other, _, _ = out
    assert denied["error_kind"] == "denied"
    for row in (audiometry, tympanometry):
        assert "rules ran without line 3 (V5010-GY) of this claim, which Medicare denies" in row["note"], row["note"]
        assert "which has an error" not in row["note"]
    assert "which has an error" in other["note"]  # a claim with a malformed line too
    alone = pricer.price("92567", zip_code="15213", date_of_service="2026-08-12", setting="11")
    assert str(tympanometry["allowed"]) == str(alone.sites[0].allowed)
